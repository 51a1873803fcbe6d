//! A page's metadata from its markup: title, byline, publication date, canonical URL, site
//! name and language, read from JSON-LD (schema.org `NewsArticle` and kin), OpenGraph and
//! `article:*` meta tags, other common meta names, `<time>` elements, and the URL's own date.
//! The names looked for are data, in `data/page_meta.toml`, in the order they are trusted.

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use ego_tree::NodeRef;
use scraper::{Html, Node};
use serde::Deserialize;
use serde_json::Value;
use sitrep_core::Meta;

/// The meta names, as `data/page_meta.toml` writes them.
#[derive(Deserialize)]
struct Names {
    title: Vec<String>,
    byline: Vec<String>,
    published: Vec<String>,
    url: Vec<String>,
    source: Vec<String>,
    language: Vec<String>,
    article_types: Vec<String>,
    date_classes: Vec<String>,
    byline_classes: Vec<String>,
    months: Vec<String>,
    other_months: Vec<Vec<String>>,
    date_joiners: Vec<String>,
}

static NAMES: LazyLock<Names> = LazyLock::new(|| {
    toml::from_str(include_str!("../data/page_meta.toml")).expect("data/page_meta.toml is valid")
});

/// What one page says about itself, and its first `<h1>`: the headline as the reader sees it.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct PageMeta {
    pub meta: Meta,
    pub headline: Option<String>,
}

/// The metadata of a parsed page.
///
/// ```
/// use sitrep_read::page_meta::page_meta;
/// let page = scraper::Html::parse_document(r#"<html lang="en"><head>
///   <title>Strike on Kharkiv | The Ledger</title>
///   <meta property="og:site_name" content="The Ledger">
///   <meta property="article:published_time" content="2024-12-19T08:30:00+02:00">
///   <script type="application/ld+json">{"@type": "NewsArticle", "headline": "Strike on Kharkiv",
///     "author": [{"@type": "Person", "name": "Olena Petrenko"}]}</script>
///   </head><body><h1>Strike on Kharkiv</h1></body></html>"#);
/// let found = page_meta(&page);
/// assert_eq!(found.meta.title.as_deref(), Some("Strike on Kharkiv"));
/// assert_eq!(found.meta.byline.as_deref(), Some("Olena Petrenko"));
/// assert_eq!(found.meta.published.unwrap().to_string(), "2024-12-19");
/// assert_eq!(found.meta.source.as_deref(), Some("The Ledger"));
/// assert_eq!(found.meta.language.as_deref(), Some("en"));
/// ```
pub fn page_meta(page: &Html) -> PageMeta {
    let mut tags: HashMap<String, String> = HashMap::new();
    let mut ld = LinkedData::default();
    let mut title_tag = None;
    let mut headline = None;
    let mut time = None;
    let mut canonical = None;
    let mut lang = None;
    for node in page.tree.root().descendants() {
        let Some(element) = node.value().as_element() else {
            continue;
        };
        match element.name() {
            "html" => lang = lang.or(element.attr("lang").map(str::to_string)),
            "meta" => {
                let key = element
                    .attr("property")
                    .or(element.attr("name"))
                    .or(element.attr("itemprop"))
                    .or(element.attr("http-equiv"));
                if let (Some(key), Some(content)) = (key, element.attr("content")) {
                    let content = content.trim();
                    if !content.is_empty() {
                        tags.entry(key.trim().to_ascii_lowercase())
                            .or_insert_with(|| content.to_string());
                    }
                }
            }
            "link" if canonical.is_none() => {
                let rel = element.attr("rel").unwrap_or("");
                if rel
                    .split_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("canonical"))
                {
                    canonical = element.attr("href").map(str::to_string);
                }
            }
            "title" if title_tag.is_none() => title_tag = Some(text_of(node)),
            "h1" if headline.is_none() => headline = Some(text_of(node)),
            "script" if element.attr("type").is_some_and(|t| t.contains("ld+json")) => {
                if let Ok(value) = serde_json::from_str::<Value>(&text_of_raw(node)) {
                    ld.read(&value, 0);
                }
            }
            "time" if time.is_none() => {
                time = element
                    .attr("datetime")
                    .and_then(date_in_text)
                    .or_else(|| date_in_text(&text_of(node)));
            }
            _ => {}
        }
    }
    let tag = |names: &[String]| names.iter().find_map(|n| tags.get(n.as_str()).cloned());
    let url = ld.url.clone().or(canonical).or_else(|| tag(&NAMES.url));
    let language = lang
        .or_else(|| tag(&NAMES.language))
        .or(ld.language.clone());
    let published = ld
        .published
        .as_deref()
        .and_then(date_in_text)
        .or_else(|| tag(&NAMES.published).as_deref().and_then(date_in_text))
        .or(time)
        .or_else(|| dated_element(page))
        .or_else(|| url.as_deref().and_then(date_in_url))
        .or_else(|| first_date_in_body(page, language.as_deref()));
    let title = ld
        .headline
        .clone()
        .or_else(|| tag(&NAMES.title))
        .or_else(|| title_tag.as_deref().map(without_site_name))
        .or_else(|| headline.clone());
    let byline = ld
        .author
        .clone()
        .or_else(|| {
            tag(&NAMES.byline).filter(|a| !a.starts_with("http")) // article:author is often a profile URL
        })
        .or_else(|| signed_element(page))
        .map(|b| byline_of(&b));
    let clean = |s: Option<String>| {
        s.map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|s| !s.is_empty())
    };
    PageMeta {
        meta: Meta {
            title: clean(title),
            byline: clean(byline),
            published,
            url: clean(url),
            source: clean(ld.publisher.clone().or_else(|| tag(&NAMES.source))),
            language: clean(language),
        },
        headline: clean(headline),
    }
}

/// The fields of the page's schema.org article, where it has one.
#[derive(Default)]
struct LinkedData {
    headline: Option<String>,
    published: Option<String>,
    author: Option<String>,
    publisher: Option<String>,
    url: Option<String>,
    language: Option<String>,
}

impl LinkedData {
    /// Reads the first article object in `value`, looking through arrays and `@graph`.
    fn read(&mut self, value: &Value, depth: usize) {
        if depth > 4 || self.published.is_some() {
            return;
        }
        match value {
            Value::Array(items) => items.iter().for_each(|v| self.read(v, depth + 1)),
            Value::Object(map) => {
                if let Some(graph) = map.get("@graph") {
                    self.read(graph, depth + 1);
                }
                let is_article = match map.get("@type") {
                    Some(Value::String(t)) => NAMES.article_types.contains(t),
                    Some(Value::Array(ts)) => ts.iter().any(|t| {
                        t.as_str()
                            .is_some_and(|t| NAMES.article_types.iter().any(|a| a == t))
                    }),
                    _ => false,
                };
                if !is_article {
                    return;
                }
                let text = |key: &str| map.get(key).and_then(Value::as_str).map(str::to_string);
                self.headline = self.headline.take().or_else(|| text("headline"));
                self.published = text("datePublished").or_else(|| text("dateCreated"));
                self.author = self.author.take().or_else(|| names(map.get("author")?));
                self.publisher = self
                    .publisher
                    .take()
                    .or_else(|| names(map.get("publisher")?));
                self.url = self.url.take().or_else(|| text("url"));
                self.language = self.language.take().or_else(|| text("inLanguage"));
            }
            _ => {}
        }
    }
}

/// The name or names of a schema.org person or organisation, joined with ", ".
fn names(value: &Value) -> Option<String> {
    let found: Vec<String> = match value {
        Value::String(s) => vec![s.clone()],
        Value::Object(map) => map
            .get("name")
            .and_then(Value::as_str)
            .map(|s| vec![s.to_string()])
            .unwrap_or_default(),
        Value::Array(items) => items.iter().filter_map(names).collect(),
        _ => Vec::new(),
    };
    let found: Vec<String> = found.into_iter().filter(|s| !s.trim().is_empty()).collect();
    (!found.is_empty()).then(|| found.join(", "))
}

/// The text of an element, its descendants' text run together.
pub(crate) fn text_of(node: NodeRef<'_, Node>) -> String {
    let mut out = String::new();
    for d in node.descendants() {
        if let Some(t) = d.value().as_text() {
            out.push_str(t);
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A script's text as it is.
fn text_of_raw(node: NodeRef<'_, Node>) -> String {
    node.children()
        .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
        .collect()
}

/// A `<title>` without the site's name after a separator: "Strike on Kharkiv | The Ledger".
fn without_site_name(title: &str) -> String {
    for separator in [" | ", " - ", " – ", " — ", " :: ", " « ", " » "] {
        if let Some((first, _)) = title.split_once(separator) {
            if first.split_whitespace().count() >= 3 {
                return first.trim().to_string();
            }
        }
    }
    title.trim().to_string()
}

/// The date of the first element marked as the page's date ([`mentions_date`]) that holds one,
/// in its text or its `content`. Looked for only when no tag gives the date.
fn dated_element(page: &Html) -> Option<NaiveDate> {
    page.tree.root().descendants().find_map(|node| {
        let element = node.value().as_element().filter(|e| mentions_date(e))?;
        date_in_text(&text_of(node)).or_else(|| element.attr("content").and_then(date_in_text))
    })
}

/// The text of the first element marked as the byline ([`names_author`]), outside forms, that
/// reads as a name. Looked for only when no tag names the author.
fn signed_element(page: &Html) -> Option<String> {
    page.tree.root().descendants().find_map(|node| {
        node.value().as_element().filter(|e| names_author(e))?;
        if in_form(node) {
            return None;
        }
        Some(byline_of(&text_of(node))).filter(|t| looks_like_a_name(t))
    })
}

/// Whether an element's class, id or itemprop says it holds the page's date ("date-published",
/// "timestamp").
fn mentions_date(element: &scraper::node::Element) -> bool {
    marked_as(element, &NAMES.date_classes)
}

/// Whether an element is the page's byline by its `rel`, `itemprop`, class or id ("author",
/// "byline").
fn names_author(element: &scraper::node::Element) -> bool {
    element.attr("rel") == Some("author") || marked_as(element, &NAMES.byline_classes)
}

/// Whether one of `words` is in the element's class, id or itemprop, in any case.
fn marked_as(element: &scraper::node::Element, words: &[String]) -> bool {
    [
        element.attr("class"),
        element.attr("id"),
        element.attr("itemprop"),
    ]
    .into_iter()
    .flatten()
    .any(|value| {
        let value = value.to_ascii_lowercase();
        words.iter().any(|w| value.contains(w.as_str()))
    })
}

/// Whether an element sits in a form: a comment form's "Name (required)" is no byline.
fn in_form(node: NodeRef<'_, Node>) -> bool {
    node.ancestors()
        .any(|a| a.value().as_element().is_some_and(|e| e.name() == "form"))
}

/// A byline without its "By" and what is written after the name (a date, a handle,
/// "Published"): "By admin - 2018-09-16" is "admin", "Associated Press November 19, 2019,
/// 9:02 AM" is "Associated Press", "Roger Gonzalez @rgonzalezcbs" is "Roger Gonzalez".
fn byline_of(text: &str) -> String {
    let text = text.trim();
    let text = ["Posted by ", "posted by ", "by ", "By ", "BY "]
        .iter()
        .find_map(|p| text.strip_prefix(p))
        .unwrap_or(text);
    let mut kept: Vec<&str> = Vec::new();
    for word in text.split_whitespace() {
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        let ends = word.chars().any(|c| c.is_ascii_digit())
            || word.starts_with('@')
            || month_number(bare).is_some()
            || matches!(bare, "Published" | "Updated" | "Posted");
        if ends && !kept.is_empty() {
            break;
        }
        kept.push(word);
    }
    kept.join(" ")
        .trim_end_matches([' ', '-', '|', ',', '•', '·'])
        .to_string()
}

/// Whether a byline's text is a name or two, not a box of author biography: "By Olena
/// Petrenko" (up to eight words, and no sentence in it).
fn looks_like_a_name(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (1..=8).contains(&words) && !text.contains(". ") && !text.ends_with('.')
}

/// The first date in the page's body text, written out in full (day, month name and year:
/// "Published: Monday, November 18th, 2019 at 11:08 a.m."), as `YYYY-MM-DD`, or with the day
/// first ("05/10/2018", "05.10.2018") on a page that declares a language other than American
/// English.
fn first_date_in_body(page: &Html, language: Option<&str>) -> Option<NaiveDate> {
    let day_first = language.is_some_and(writes_day_first);
    let body = page
        .tree
        .root()
        .descendants()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == "body"))?;
    let mut skip_until = None;
    for node in body.descendants() {
        if let Some(end) = skip_until {
            if node.ancestors().any(|a| a.id() == end) {
                continue;
            }
            skip_until = None;
        }
        match node.value() {
            Node::Element(e) if matches!(e.name(), "script" | "style" | "noscript") => {
                skip_until = Some(node.id());
            }
            Node::Text(t) => {
                let numeric = || day_first.then(|| day_first_date(t)).flatten();
                if let Some(date) = written_date(t).or_else(|| date_in_url(t)).or_else(numeric) {
                    return Some(date);
                }
            }
            _ => {}
        }
    }
    None
}

/// A date in a string: a machine date (RFC 3339, RFC 2822, `YYYY-MM-DD`, `YYYY/MM/DD`) or
/// one written out ("November 19, 2019, 07:47 PM EST", "18 November 2019", "Nov. 18th, 2019").
/// Placeholders ("0001-01-01T00:00:00Z" in a CMS's JSON-LD) are no date: a page's date is taken
/// from 1990 on.
fn date_in_text(s: &str) -> Option<NaiveDate> {
    crate::parse_date(s)
        .or_else(|| date_in_url(s))
        .or_else(|| written_date(s))
        .filter(|d| (1990..=2100).contains(&d.year()))
}

/// A date written with its month's name, the day before or after it, and a four-digit year.
fn written_date(s: &str) -> Option<NaiveDate> {
    let words: Vec<&str> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !NAMES.date_joiners.iter().any(|j| j == w))
        .collect();
    let day = |w: &str| -> Option<u32> {
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &w[digits.len()..];
        let ok_suffix = matches!(
            suffix.to_ascii_lowercase().as_str(),
            "" | "st" | "nd" | "rd" | "th"
        );
        let d: u32 = digits.parse().ok()?;
        (ok_suffix && digits.len() <= 2 && (1..=31).contains(&d)).then_some(d)
    };
    let year = |w: &str| -> Option<i32> {
        let y: i32 = w.parse().ok()?;
        (w.len() == 4 && (1990..=2100).contains(&y)).then_some(y)
    };
    for (k, w) in words.iter().enumerate() {
        let Some(month) = month_number(w).or_else(|| other_month_number(w)) else {
            continue;
        };
        // "November 19, 2019" or "19 November 2019".
        let after = words
            .get(k + 1)
            .and_then(|w| day(w))
            .zip(words.get(k + 2).and_then(|w| year(w)));
        let before = k
            .checked_sub(1)
            .and_then(|b| day(words[b]))
            .zip(words.get(k + 1).and_then(|w| year(w)));
        if let Some((d, y)) = after.or(before) {
            if let Some(date) = NaiveDate::from_ymd_opt(y, month, d) {
                return Some(date);
            }
        }
    }
    None
}

/// The number of an English month's name or its abbreviation ("Sept", "Nov").
fn month_number(word: &str) -> Option<u32> {
    let w = word.to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    NAMES
        .months
        .iter()
        .position(|m| m.starts_with(w.as_str()) && (w.len() == 3 || w == *m || w == "sept"))
        .map(|k| k as u32 + 1)
}

/// The number of a month's whole name in one of the other languages of `data/page_meta.toml`.
fn other_month_number(word: &str) -> Option<u32> {
    if word.len() < 3 || word.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let w = word.to_lowercase();
    NAMES
        .other_months
        .iter()
        .find_map(|names| names.iter().position(|m| *m == w))
        .map(|k| k as u32 + 1)
}

/// Whether a page in `language` (a `lang` code: "pt-BR", "de", "en-GB") writes numeric dates
/// day first: everyone but American English.
fn writes_day_first(language: &str) -> bool {
    let code = language.trim().to_ascii_lowercase().replace('_', "-");
    !(code.is_empty() || code == "en" || code == "en-us")
}

/// The first `DD/MM/YYYY` or `DD.MM.YYYY` date in a text, read day first, from 1990 on.
fn day_first_date(text: &str) -> Option<NaiveDate> {
    numeric_date(text, Layout::DayFirst)
}

/// A date in a URL's path: `/2019/03/22/` or `/2019-03-22/`.
fn date_in_url(url: &str) -> Option<NaiveDate> {
    numeric_date(url, Layout::YearFirst)
}

/// How a numeric date of ten characters is written.
#[derive(Clone, Copy, PartialEq)]
enum Layout {
    /// `2019/03/22`, `2019-03-22`: after anything but a digit.
    YearFirst,
    /// `05/10/2018`, `05.10.2018`: a word of its own, from 1990 on.
    DayFirst,
}

/// The first date written as `layout` says in `text`.
fn numeric_date(text: &str, layout: Layout) -> Option<NaiveDate> {
    use std::ops::Range;
    // The separators allowed, where the first stands, and the year, month and day.
    let (separators, at, [year, month, day]): (&[u8], usize, [Range<usize>; 3]) = match layout {
        Layout::YearFirst => (b"/-", 4, [0..4, 5..7, 8..10]),
        Layout::DayFirst => (b"/.", 2, [6..10, 3..5, 0..2]),
    };
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(9)).find_map(|k| {
        let s = text.get(k..k + 10)?;
        let b = s.as_bytes();
        let digits = |r: &Range<usize>| b[r.clone()].iter().all(u8::is_ascii_digit);
        let sep = b[at] == b[at + 3] && separators.contains(&b[at]);
        let apart = match layout {
            Layout::YearFirst => k == 0 || !bytes[k - 1].is_ascii_digit(),
            Layout::DayFirst => {
                (k == 0 || !bytes[k - 1].is_ascii_alphanumeric())
                    && bytes.get(k + 10).is_none_or(|c| !c.is_ascii_alphanumeric())
            }
        };
        if !(apart && sep && digits(&year) && digits(&month) && digits(&day)) {
            return None;
        }
        NaiveDate::from_ymd_opt(
            s[year.clone()].parse().ok()?,
            s[month.clone()].parse().ok()?,
            s[day.clone()].parse().ok()?,
        )
        .filter(|d| layout == Layout::YearFirst || (1990..=2100).contains(&d.year()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_other_languages_and_day_first() {
        assert_eq!(
            written_date("publiziert am 30. Juli 2018"),
            NaiveDate::from_ymd_opt(2018, 7, 30)
        );
        assert_eq!(
            written_date("Publicado em 5 de outubro de 2018"),
            NaiveDate::from_ymd_opt(2018, 10, 5)
        );
        assert_eq!(written_date("le 1er août"), None);
        assert_eq!(
            day_first_date("Notícia 05/10/2018 14h"),
            NaiveDate::from_ymd_opt(2018, 10, 5)
        );
        assert_eq!(
            day_first_date("am 24.12.2019"),
            NaiveDate::from_ymd_opt(2019, 12, 24)
        );
        assert_eq!(day_first_date("v1205/10/20189"), None);
        assert!(writes_day_first("pt_BR") && writes_day_first("en-GB"));
        assert!(!writes_day_first("en-US") && !writes_day_first("EN"));
        let page = |lang: &str| {
            let html =
                format!("<html lang={lang}><body><p>Atualizado 05/10/2018</p></body></html>");
            page_meta(&scraper::Html::parse_document(&html))
                .meta
                .published
        };
        assert_eq!(page("pt-BR"), NaiveDate::from_ymd_opt(2018, 10, 5));
        assert_eq!(page("en-US"), None, "month or day first cannot be told");
    }

    #[test]
    fn dates_come_from_meta_time_or_the_url_in_that_order() {
        let meta = |html: &str| page_meta(&Html::parse_document(html)).meta;
        let m = meta(
            r#"<head><meta name="pubdate" content="2019-03-22"></head>
            <body><time datetime="2020-01-01">1 Jan</time></body>"#,
        );
        assert_eq!(m.published.unwrap().to_string(), "2019-03-22");
        let m = meta(r#"<body><time datetime="2020-01-01T10:00:00Z">1 Jan</time></body>"#);
        assert_eq!(m.published.unwrap().to_string(), "2020-01-01");
        let m = meta(
            r#"<head><link rel="canonical" href="https://x.example/news/2018/11/05/strike"></head>"#,
        );
        assert_eq!(m.published.unwrap().to_string(), "2018-11-05");
        assert_eq!(
            m.url.as_deref(),
            Some("https://x.example/news/2018/11/05/strike")
        );
        assert_eq!(
            meta("<body><p>No date 2018/13/45</p></body>").published,
            None
        );
        let m = meta(
            r#"<head><script type="application/ld+json">{"@type": "NewsArticle",
            "datePublished": "0001-01-01T00:00:00Z"}</script>
            <meta property="article:published_time" content="2019-11-19T08:00:00Z"></head>"#,
        );
        assert_eq!(m.published.unwrap().to_string(), "2019-11-19");
    }

    #[test]
    fn linked_data_is_found_inside_graphs_and_broken_json_is_skipped() {
        let found = page_meta(&Html::parse_document(
            r#"<head><script type="application/ld+json">{not json</script>
            <script type="application/ld+json">{"@graph": [{"@type": "WebSite", "name": "Site"},
              {"@type": ["NewsArticle"], "headline": "Two killed", "datePublished": "Tue, 19 Nov 2019 10:00:00 GMT",
               "publisher": {"name": "The Ledger"}, "author": "Desk"}]}</script>
            <title>Two killed in the city - The Ledger</title></head>"#,
        ));
        assert_eq!(found.meta.title.as_deref(), Some("Two killed"));
        assert_eq!(found.meta.published.unwrap().to_string(), "2019-11-19");
        assert_eq!(found.meta.source.as_deref(), Some("The Ledger"));
        assert_eq!(found.meta.byline.as_deref(), Some("Desk"));
    }

    #[test]
    fn a_byline_element_names_the_author_when_no_tag_does() {
        let byline = |html: &str| page_meta(&Html::parse_document(html)).meta.byline;
        assert_eq!(
            byline(r#"<body><span class="byline">By Olena Petrenko</span></body>"#).as_deref(),
            Some("Olena Petrenko")
        );
        assert_eq!(byline_of("By admin - 2018-09-16"), "admin");
        assert_eq!(
            byline_of("Associated Press November 19, 2019, 9:02 AM"),
            "Associated Press"
        );
        assert_eq!(
            byline(
                r#"<body><form><label class="comment-author">Name (required)</label></form></body>"#
            ),
            None
        );
        assert_eq!(
            byline(
                r#"<body><div class="author-bio">Olena writes on the war. She lives in Kyiv.</div></body>"#
            ),
            None
        );
    }

    #[test]
    fn a_title_tag_loses_the_site_name() {
        assert_eq!(
            without_site_name("Two killed in the city | The Ledger"),
            "Two killed in the city"
        );
        assert_eq!(without_site_name("War - Ledger"), "War - Ledger");
    }
}
