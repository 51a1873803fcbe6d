//! HTML article pages: the main text without navigation, share widgets, captions, related
//! stories and comments, and the page's metadata (title, byline, publication date, publisher,
//! canonical URL, language from JSON-LD, OpenGraph and meta tags; a page that declares no
//! language is in its text's, as [`crate::language`] finds it).
//!
//! The page is parsed once, by sitrep's own parser ([`crate::html_parser`]) into a `scraper`
//! tree; the main text comes from sitrep's own extractor ([`crate::main_text`]) and the
//! metadata from [`crate::page_meta`]. Where the extractor finds almost nothing, the `trafilatura` crate reads the page instead: a port of
//! go-trafilatura, several times slower, with Readability and jusText as its own fallbacks.
//!
//! The bytes are decoded first in the charset the page declares (a byte-order mark,
//! `<meta charset>`, or `http-equiv`), checked against what the bytes are: a page that declares
//! a legacy charset but is valid UTF-8 is read as UTF-8, and one that declares UTF-8 but is not
//! is repaired, with a warning either way.

use std::borrow::Cow;
use std::io::{BufRead, Read};

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use sitrep_core::{Document, Meta};

use crate::main_text::main_text;
use crate::page_meta::page_meta;
use crate::{find_bytes, problem, Event, Format};

/// HTML pages (`.html`, `.htm`, or content that starts like HTML).
pub struct Html;

/// Pages larger than this are refused with an error rather than parsed: no article is this
/// long, and a parser's memory grows with the page.
pub const MAX_PAGE_BYTES: u64 = 32 << 20;

impl Format for Html {
    fn read(&self, path: &str, input: &mut dyn BufRead, sink: &mut dyn FnMut(Event)) {
        let mut bytes = Vec::new();
        if let Err(e) = input.take(MAX_PAGE_BYTES + 1).read_to_end(&mut bytes) {
            return sink(Event::Error(problem(path, None, e.to_string())));
        }
        if bytes.len() as u64 > MAX_PAGE_BYTES {
            return sink(Event::Error(problem(
                path,
                None,
                format!("page larger than {} MB: skipped", MAX_PAGE_BYTES >> 20),
            )));
        }
        let id = path.rsplit('/').next().unwrap_or(path);
        let id = id
            .strip_suffix(".gz")
            .or(id.strip_suffix(".zst"))
            .unwrap_or(id);
        match page(id, &bytes, None, &mut |warning| {
            sink(Event::Warning(problem(path, None, warning)))
        }) {
            Ok(document) => sink(Event::Document(document)),
            Err(message) => sink(Event::Error(problem(path, None, message))),
        }
    }
}

/// The document of one HTML page: its main text and metadata. `url` is where the page came
/// from, when known (a web archive's record); the page's own canonical URL wins.
///
/// ```
/// use sitrep_read::formats::html::page;
/// let html = br#"<html><head><title>Strike on Kharkiv</title>
///   <meta property="og:site_name" content="The Ledger"></head>
///   <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
///   <article><h1>Strike on Kharkiv</h1>
///   <p>At least 12 civilians were killed when drones struck residential districts of the
///   city overnight, the regional administration said on Friday morning.</p>
///   <p>More than 40 people were wounded, and rescue teams were still searching the rubble of
///   two apartment blocks in the north of the city, officials said.</p></article>
///   <footer>Copyright 2025 The Ledger</footer></body></html>"#;
/// let doc = page("strike.html", html, None, &mut |_| {}).unwrap();
/// assert!(doc.text.contains("At least 12 civilians were killed"));
/// assert!(!doc.text.contains("Copyright"));
/// assert_eq!(doc.meta.title.as_deref(), Some("Strike on Kharkiv"));
/// ```
pub fn page(
    id: &str,
    bytes: &[u8],
    url: Option<&str>,
    warn: &mut dyn FnMut(String),
) -> Result<Document, String> {
    if bytes.iter().take(1024).any(|&b| b == 0) {
        return Err("binary content, not an HTML page".into());
    }
    let html = decode(bytes, warn);
    let parsed = crate::html_parser::parse_document(&html);
    let found = page_meta(&parsed);
    let own = main_text(&parsed).map(|m| m.text);
    let short = own
        .as_ref()
        .is_none_or(|text| text.chars().count() < FALLBACK_BELOW);
    // Measured only where the general extractor may be asked.
    let nesting = if short { depth(&parsed) } else { 0 };
    let (text, meta) = match own {
        Some(own) if !short => (own, found.meta),
        own if html.len() > FALLBACK_MAX_BYTES || nesting > FALLBACK_MAX_DEPTH => {
            warn(format!(
                "little article text found, and the page ({} kB, nested {nesting} deep) is too \
                 large for the general extractor",
                html.len() / 1024,
            ));
            match own {
                Some(own) => (own, found.meta),
                None => return Err("no article text found in the page".into()),
            }
        }
        own => {
            // What little sitrep's extractor found still beats an error.
            let (text, theirs) = match (general_extractor(&html), own) {
                (Ok(theirs), _) => theirs,
                (Err(_), Some(own)) => (own, Meta::default()),
                (Err(e), None) => return Err(e),
            };
            let ours = found.meta;
            let meta = Meta {
                title: ours.title.or(theirs.title),
                byline: ours.byline.or(theirs.byline),
                published: ours.published.or(theirs.published),
                url: ours.url.or(theirs.url),
                source: ours.source.or(theirs.source),
                language: ours.language.or(theirs.language),
            };
            (text, meta)
        }
    };
    let text = without_site_links(&text, &parsed, meta.url.as_deref().unwrap_or(""));
    drop(parsed);
    let headlines = [meta.title.as_deref(), found.headline.as_deref()];
    let text = without_headline(text, &headlines);
    let text = crate::boilerplate::without_boilerplate(&text);
    if text.is_empty() {
        return Err("no article text found in the page".into());
    }
    // A page that declares no language is in the language of its text.
    let language = meta
        .language
        .clone()
        .or_else(|| crate::language::of_text(&text));
    Ok(Document {
        id: id.to_string(),
        meta: Meta {
            url: meta.url.or_else(|| url.map(str::to_string)),
            language,
            ..meta
        },
        text,
    })
}

/// sitrep's own extractor ([`main_text`]) is used unless it finds fewer characters than this;
/// then the general extractor reads the page.
const FALLBACK_BELOW: usize = 250;

/// The general extractor reads no page larger or more deeply nested than these: on a large page
/// with little text (a flattened table, markup nested hundreds deep) its work grows faster than
/// the page, to minutes and gigabytes for a few megabytes. Articles are well inside both.
const FALLBACK_MAX_BYTES: usize = 1 << 20;
const FALLBACK_MAX_DEPTH: usize = 256;

/// How deeply the page's elements nest.
fn depth(page: &scraper::Html) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    for edge in page.tree.root().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(_) => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            ego_tree::iter::Edge::Close(_) => depth -= 1,
        }
    }
    deepest
}

/// The main text and metadata as the `trafilatura` crate finds them: a port of
/// go-trafilatura (tree scoring of text and link density, with Readability and jusText as
/// fallbacks), many times slower than [`main_text`] but surer on pages unlike articles.
fn general_extractor(html: &str) -> Result<(String, Meta), String> {
    let html = with_break_marks(html);
    // Precision first: a related-stories box or a caption with other figures in it does more
    // harm downstream than a missed sentence.
    let options = trafilatura::Options::default()
        .with_fallback(true)
        .with_focus(trafilatura::ExtractionFocus::FavorPrecision);
    let result = trafilatura::extract(&html, &options)
        .map_err(|e| format!("no article text found in the page ({e})"))?;
    let text = paragraphs(&result.content_html);
    let text = if text.is_empty() {
        result
            .content_text
            .replace(BREAK_MARK, "\n")
            .trim()
            .to_string()
    } else {
        text
    };
    let m = result.metadata;
    let some = |s: String| {
        let s = s.replace(BREAK_MARK, " ").trim().to_string();
        (!s.is_empty()).then_some(s)
    };
    let meta = Meta {
        title: some(m.title),
        byline: some(m.author),
        published: m.date,
        url: some(m.url),
        source: some(m.sitename),
        language: some(m.language),
    };
    Ok((text, meta))
}

/// A character the extractor keeps as text, put after every `<br>`: the `trafilatura` crate
/// drops line breaks from its result ("Path A: Iceland<br>Path B: Bosnia" comes out as one
/// run), so the mark carries each one through to [`paragraphs`]. A private-use character, so
/// no page has it, and not whitespace, so no trimming takes it away.
const BREAK_MARK: char = '\u{E000}';

/// The page with [`BREAK_MARK`] after each `<br>` tag (`<br>`, `<br/>`, `<BR />`).
fn with_break_marks(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let is_break = |k: usize| {
        bytes.len() >= k + 3
            && bytes[k] == b'<'
            && bytes[k + 1].eq_ignore_ascii_case(&b'b')
            && bytes[k + 2].eq_ignore_ascii_case(&b'r')
            && matches!(
                bytes.get(k + 3),
                Some(b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r')
            )
    };
    let mut out = String::new();
    let mut copied = 0;
    let mut k = 0;
    while let Some(j) = html[k..].find('<').map(|j| k + j) {
        k = j + 1;
        if !is_break(j) {
            continue;
        }
        let Some(close) = html[j..].find('>').map(|e| j + e + 1) else {
            break;
        };
        out.push_str(&html[copied..close]);
        out.push(BREAK_MARK);
        copied = close;
        k = close;
    }
    if copied == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

/// The text without its first line where that line is the page's title: the headline is the
/// document's `title`, and kept in the text too it would be read twice, as the plain text
/// reader's header stage avoids for the same reason (and the benchmark's main text leaves it
/// out).
fn without_headline(text: String, headlines: &[Option<&str>]) -> String {
    let (first, rest) = text.split_once('\n').unwrap_or((&text, ""));
    // A page whose whole text is its headline keeps it.
    if rest.trim().is_empty() {
        return text;
    }
    let first = words_of(first);
    let is_headline = headlines
        .iter()
        .flatten()
        .map(|h| words_of(h))
        .any(|key| !key.is_empty() && key == first);
    if !is_headline {
        return text;
    }
    rest.trim_start().to_string()
}

/// The text without lines that are each the whole text of a link to another page of the same
/// site: the headlines of related or latest stories that extraction kept after the article
/// ("Milan Design Week 2018 | FLOS pays tribute to Achille Castiglioni"). Links to other sites
/// ("Get it on Amazon for $39") and short link texts stay: those are often the article's own.
fn without_site_links(text: &str, page: &scraper::Html, page_url: &str) -> String {
    let links = site_link_texts(page, host_of(page_url));
    if links.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split('\n') {
        if !links.contains(&words_of(line)) {
            out.push_str(line);
        }
        out.push('\n');
    }
    crate::boilerplate::close_up(&out)
}

/// The words of a text, lower-cased, as one key: "Milan Design Week 2018 | FLOS" and its
/// link's HTML with entities and tags compare equal.
fn words_of(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        if !key.is_empty() {
            key.push(' ');
        }
        if word.is_ascii() {
            key.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            // Whole words, for the context rules (a final Greek sigma).
            key.push_str(&word.to_lowercase());
        }
    }
    key
}

/// Whether a link's words are as many as a headline's: four words, or in a script written
/// without spaces (Chinese, Japanese), eight of its characters.
fn headline_length(key: &str) -> bool {
    let unspaced = |c: char| {
        matches!(c as u32,
            0x3040..=0x30FF // kana
            | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF // CJK ideographs
            | 0xAC00..=0xD7AF // Hangul syllables (spaced, but dense)
            | 0x0E00..=0x0E7F) // Thai
    };
    key.split(' ').count() >= 4 || key.chars().filter(|&c| unspaced(c)).count() >= 8
}

/// The host of a URL without "www.", if it has one.
fn host_of(url: &str) -> Option<&str> {
    let rest = url.split_once("//")?.1;
    let host = rest.split(['/', '?', '#', ':']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then_some(host)
}

/// The texts (as [`words_of`] keys) of the page's links to its own site that are long enough
/// to be headlines: four words or more.
fn site_link_texts(
    page: &scraper::Html,
    page_host: Option<&str>,
) -> std::collections::HashSet<String> {
    let mut texts = std::collections::HashSet::new();
    for node in page.tree.root().descendants() {
        let Some(link) = node.value().as_element().filter(|e| e.name() == "a") else {
            continue;
        };
        let href = link.attr("href").unwrap_or("").trim();
        let internal = if href.starts_with("//") || href.contains("://") {
            match (host_of(href), page_host) {
                (Some(h), Some(p)) => h == p || h.ends_with(&format!(".{p}")),
                _ => false,
            }
        } else {
            href.starts_with('/')
        };
        if !internal {
            continue;
        }
        let mut inner = String::new();
        for text in node.descendants().filter_map(|d| d.value().as_text()) {
            inner.push_str(text);
            inner.push(' ');
        }
        let key = words_of(&inner);
        if headline_length(&key) {
            texts.insert(key);
        }
    }
    texts
}

/// The text of the extracted article's HTML with its paragraph breaks: a blank line between
/// blocks (paragraphs, headings, list items, quotes, table rows), a line break for `<br>`,
/// and inline elements run together, so that "<p>At least <b>12</b> killed</p>" stays one
/// sentence.
pub(crate) fn paragraphs(html: &str) -> String {
    let fragment = scraper::Html::parse_fragment(html);
    let mut out = String::with_capacity(html.len() / 2);
    walk(fragment.tree.root(), &mut out);
    tidy(&out)
}

/// Raw text as [`write_node`] writes it, tidied: white space runs made one space, blank
/// lines between blocks, single line breaks kept.
pub(crate) fn tidy(raw: &str) -> String {
    let mut text = String::with_capacity(raw.len());
    for block in raw.split("\n\n") {
        let block = block
            .split('\n')
            .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|line| !line.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        if !block.is_empty() {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(&block);
        }
    }
    text
}

fn walk(node: ego_tree::NodeRef<'_, scraper::Node>, out: &mut String) {
    write_node(node, out, &mut walk);
}

/// Writes one node's text for [`tidy`]: a text node as it is (markup line breaks as spaces,
/// [`BREAK_MARK`] as a line break), an element with blank lines around it when it is a block,
/// `<br>` as a line break, and each child through `children`, which decides what to keep.
pub(crate) fn write_node(
    node: ego_tree::NodeRef<'_, scraper::Node>,
    out: &mut String,
    children: &mut dyn FnMut(ego_tree::NodeRef<'_, scraper::Node>, &mut String),
) {
    match node.value() {
        // Line breaks in the markup are whitespace; only <br> breaks a line.
        scraper::Node::Text(t) => out.extend(t.chars().map(|c| match c {
            '\n' | '\r' => ' ',
            BREAK_MARK => '\n',
            c => c,
        })),
        scraper::Node::Element(e) => {
            let name = e.name();
            if matches!(name, "script" | "style" | "noscript" | "template") {
                return;
            }
            if name == "br" {
                out.push('\n');
                return;
            }
            let block = BLOCKS.contains(&name);
            if block {
                out.push_str("\n\n");
            } else if matches!(name, "td" | "th") {
                out.push(' ');
            }
            for child in node.children() {
                children(child, out);
            }
            if block {
                out.push_str("\n\n");
            }
        }
        _ => {
            for child in node.children() {
                children(child, out);
            }
        }
    }
}

/// Elements that stand on their own lines.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "tr",
    "section",
    "article",
    "header",
    "footer",
    "figure",
    "figcaption",
    "aside",
    "main",
    "hr",
    "address",
    "details",
    "summary",
    "caption",
    "head",
    "body",
    "html",
];

/// The page's text: in the charset it declares, unless the bytes say otherwise.
fn decode<'a>(bytes: &'a [u8], warn: &mut dyn FnMut(String)) -> Cow<'a, str> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return encoding.decode_without_bom_handling(&bytes[bom..]).0;
    }
    let declared = declared_charset(bytes);
    let valid_utf8 = std::str::from_utf8(bytes).ok();
    match (declared, valid_utf8) {
        (Some(enc), Some(text)) if enc == UTF_8 => Cow::Borrowed(text),
        (Some(enc), Some(text)) => {
            if text.is_ascii() {
                Cow::Borrowed(text)
            } else {
                warn(format!(
                    "the page declares {} but is valid UTF-8: read as UTF-8",
                    enc.name()
                ));
                Cow::Borrowed(text)
            }
        }
        (Some(enc), None) => {
            let (text, _, errors) = enc.decode(bytes);
            if errors {
                warn(format!(
                    "bytes that are not {}: replaced with U+FFFD",
                    enc.name()
                ));
            }
            text
        }
        (None, Some(text)) => Cow::Borrowed(text),
        (None, None) => {
            warn("no charset declared and not UTF-8: read as Windows-1252".into());
            WINDOWS_1252.decode(bytes).0
        }
    }
}

/// The charset named by `<meta charset>` or `<meta http-equiv="Content-Type">` in the first
/// kilobytes of the page.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(8192)];
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(k) = find_bytes(&lower[from..], b"charset") {
        let at = from + k + b"charset".len();
        from = at;
        let rest = &lower[at..];
        let rest = rest.strip_prefix(b"\"").unwrap_or(rest);
        let rest = trim_start(rest);
        let Some(rest) = rest.strip_prefix(b"=") else {
            continue;
        };
        let rest = trim_start(rest);
        let rest = rest
            .strip_prefix(b"\"")
            .or(rest.strip_prefix(b"'"))
            .unwrap_or(rest);
        let end = rest
            .iter()
            .position(|&b| matches!(b, b'"' | b'\'' | b';' | b'>' | b'/' | b' ' | b'\t' | b'\n'))
            .unwrap_or(rest.len());
        if let Some(enc) = Encoding::for_label(&rest[..end]) {
            // Browsers read a page labelled UTF-16 without a byte-order mark as UTF-8.
            return Some(
                if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                    UTF_8
                } else {
                    enc
                },
            );
        }
    }
    None
}

fn trim_start(b: &[u8]) -> &[u8] {
    let k = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    &b[k..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_charsets_are_honoured_and_lies_caught() {
        let mut warnings = Vec::new();
        // KOI8-R "Киев" declared in a meta tag.
        let koi8 = [
            b"<html><head><meta charset=\"koi8-r\"></head><body>".as_slice(),
            &[0xeb, 0xc9, 0xc5, 0xd7],
            b"</body></html>",
        ]
        .concat();
        assert!(decode(&koi8, &mut |w| warnings.push(w)).contains("Киев"));
        // Declared Windows-1252, but the bytes are UTF-8.
        let lie = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">Zelenskyy’s office".as_bytes();
        assert!(decode(lie, &mut |w| warnings.push(w)).contains("Zelenskyy’s"));
        assert!(warnings.iter().any(|w| w.contains("valid UTF-8")));
        // Nothing declared and not UTF-8.
        let latin = b"<p>caf\xe9</p>";
        assert!(decode(latin, &mut |w| warnings.push(w)).contains("café"));
    }

    #[test]
    fn binary_and_empty_pages_are_errors() {
        assert!(page("x.html", b"\x89PNG\r\n\x1a\n\0\0\0", None, &mut |_| {}).is_err());
        let empty = page(
            "e.html",
            b"<html><head><title>t</title></head></html>",
            None,
            &mut |_| {},
        );
        assert!(empty.unwrap_err().contains("no article text"));
    }

    #[test]
    fn a_large_or_deep_page_with_little_text_skips_the_general_extractor() {
        // Markup nested 600 deep around thousands of empty items took the general extractor
        // minutes and gigabytes at a few megabytes; it is no longer asked.
        let html = format!(
            "<html><body><p>Two soldiers were killed on Monday.</p>{}{}</body></html>",
            "<div>".repeat(600),
            "<li>".repeat(2_000)
        );
        let mut warnings = Vec::new();
        let doc = page("deep.html", html.as_bytes(), None, &mut |w| {
            warnings.push(w)
        })
        .unwrap();
        assert_eq!(doc.text, "Two soldiers were killed on Monday.");
        assert!(
            warnings.iter().any(|w| w.contains("too large")),
            "{warnings:?}"
        );
        let empty = format!("<html><body>{}</body></html>", "<div>".repeat(600));
        assert!(page("deep.html", empty.as_bytes(), None, &mut |_| {}).is_err());
    }

    #[test]
    fn a_short_page_keeps_what_sitreps_extractor_found() {
        let html = b"<html><body><div><p>Two soldiers were killed on Monday, officials said.</p></div></body></html>";
        let doc = page("short.html", html, None, &mut |_| {}).unwrap();
        assert_eq!(
            doc.text,
            "Two soldiers were killed on Monday, officials said."
        );
    }

    #[test]
    fn headlines_linking_to_the_same_site_are_dropped() {
        let html = r#"<link rel="canonical" href="https://www.ledger.example/world/strike">
            <a href="/world/other-story">Milan Design Week 2018 | FLOS pays tribute</a>
            <a href="https://ledger.example/x">Drones struck &amp; killed twelve people overnight</a>
            <a href="https://shop.other.example/p">Get it on Amazon for $39.99 today</a>
            <a href="/short">Read more</a>"#;
        let text = "At least 12 civilians were killed overnight.\n\nGet it on Amazon for $39.99 \
                    today\n\nMilan Design Week 2018 | FLOS pays tribute\n\nDrones struck & killed \
                    twelve people overnight\n\nRead more";
        let page = scraper::Html::parse_document(html);
        let kept = without_site_links(text, &page, "https://www.ledger.example/world/strike");
        assert_eq!(
            kept,
            "At least 12 civilians were killed overnight.\n\nGet it on Amazon for $39.99 today\n\nRead more"
        );
        // Attributes in other orders and quotes, and tags inside the link.
        let html =
            "<A class=x HREF='/a/b'><h3>Seiko's Flow of <b>Time</b> at the Triennale</h3></A>";
        assert_eq!(
            without_site_links(
                "Body text.\nSeiko's Flow of Time at the Triennale",
                &scraper::Html::parse_document(html),
                ""
            ),
            "Body text."
        );
    }

    #[test]
    fn headlines_in_unspaced_scripts_are_counted_by_characters() {
        assert!(headline_length(&words_of(
            "クリップボード拡張ソフトClibor1.3.0が公開されていたのでバージョンアップ"
        )));
        assert!(!headline_length(&words_of("Speccyのportable版")));
        assert!(headline_length("four words make one"));
        assert!(!headline_length("read more"));
    }

    #[test]
    fn line_breaks_survive_extraction_and_the_headline_leaves_the_text() {
        let html = br#"<html><head><title>Strike on Kharkiv</title></head><body>
            <article><h1>Strike on Kharkiv</h1>
            <p>At least 12 civilians were killed when drones struck residential districts of the
            city overnight, the regional administration said on Friday morning.</p>
            <p><strong>Kyivskyi</strong>: 7 killed, 20 wounded<br><strong>Saltivskyi</strong>:
            5 killed, 21 wounded<BR />Others: none</p>
            <p>More than 40 people were wounded, and rescue teams were still searching the
            rubble of two apartment blocks in the north of the city, officials said.</p>
            </article></body></html>"#;
        let doc = page("strike.html", html, None, &mut |_| {}).unwrap();
        assert!(
            doc.text.starts_with("At least 12 civilians"),
            "{}",
            doc.text
        );
        let lines: Vec<&str> = doc.text.lines().collect();
        for line in [
            "Kyivskyi: 7 killed, 20 wounded",
            "Saltivskyi: 5 killed, 21 wounded",
        ] {
            assert!(lines.contains(&line), "{:?}", doc.text);
        }
        assert!(!doc.text.contains('\u{E000}'));
        assert_eq!(doc.meta.title.as_deref(), Some("Strike on Kharkiv"));
        // A text that is its headline and nothing else stays.
        assert_eq!(
            without_headline("Strike on Kharkiv".into(), &[Some("Strike on Kharkiv")]),
            "Strike on Kharkiv"
        );
        assert_eq!(
            with_break_marks("<bR/><b>x</b><brace>"),
            "<bR/>\u{E000}<b>x</b><brace>"
        );
    }
}
