//! sitrep's own main-text extractor: the article's container found by scoring the page's
//! paragraphs, in the manner of Mozilla's Readability.
//!
//! One pass over the parsed page measures every element (its characters, the characters inside
//! links, commas, paragraphs, images, list items, form fields, embeds) and drops page furniture
//! (scripts, navigation, hidden elements, and classes such as "share" or "related"). Each
//! paragraph of 25 characters or more scores `1 + commas + min(chars / 100, 3)`, given in full
//! to its parent, half to its grandparent and a third of the level to the ancestors above; each
//! container's score is then scaled by its share of text outside links. The best container and
//! those of its siblings that score near it are the article; inside them, lists, tables and
//! boxes that are mostly links, images or form fields are left out.
//!
//! It reads a page in a single walk after parsing, which is what lets `sitrep doc` read pages
//! many times faster than the general extractors it falls back on. The class and id cues are
//! data, in `data/main_text.toml`.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use ego_tree::{NodeId, NodeRef};
use rustc_hash::{FxHashMap, FxHashSet};
use scraper::{Html, Node};
use serde::Deserialize;

/// The cues, as `data/main_text.toml` writes them.
#[derive(Deserialize)]
struct Cues {
    junk_tags: Vec<String>,
    unlikely: Vec<String>,
    maybe_candidate: Vec<String>,
    positive: Vec<String>,
    negative: Vec<String>,
}

/// The cues made ready for matching: each word list as one automaton, so that an element's
/// class is scanned once per list, not once per word.
struct Matchers {
    junk_tags: FxHashSet<String>,
    unlikely: AhoCorasick,
    maybe_candidate: AhoCorasick,
    positive: AhoCorasick,
    negative: AhoCorasick,
}

static CUES: LazyLock<Matchers> = LazyLock::new(|| {
    let cues: Cues = toml::from_str(include_str!("../data/main_text.toml"))
        .expect("data/main_text.toml is valid");
    let automaton =
        |words: &[String]| AhoCorasick::new(words).expect("main_text.toml words make an automaton");
    Matchers {
        junk_tags: cues.junk_tags.iter().cloned().collect(),
        unlikely: automaton(&cues.unlikely),
        maybe_candidate: automaton(&cues.maybe_candidate),
        positive: automaton(&cues.positive),
        negative: automaton(&cues.negative),
    }
});

/// Elements that start a block of their own: a container holding one is not a paragraph.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "table",
    "ul",
    "ol",
    "dl",
    "blockquote",
    "pre",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "form",
    "header",
    "footer",
    "nav",
    "aside",
    "figure",
    "address",
    "fieldset",
    "hr",
    "li",
    "tr",
    "td",
    "details",
];

/// What one element holds, counted over its kept subtree.
#[derive(Default, Clone, Copy)]
struct Stats {
    chars: u32,
    link_chars: u32,
    commas: u32,
    paragraphs: u32,
    images: u32,
    items: u32,
    inputs: u32,
    embeds: u32,
}

impl Stats {
    fn add(&mut self, other: Stats) {
        self.chars += other.chars;
        self.link_chars += other.link_chars;
        self.commas += other.commas;
        self.paragraphs += other.paragraphs;
        self.images += other.images;
        self.items += other.items;
        self.inputs += other.inputs;
        self.embeds += other.embeds;
    }

    /// The share of the text that sits inside links.
    fn link_density(&self) -> f64 {
        if self.chars == 0 {
            0.0
        } else {
            f64::from(self.link_chars) / f64::from(self.chars)
        }
    }
}

/// The article's text as the extractor found it.
#[derive(Debug, Clone, PartialEq)]
pub struct MainText {
    /// The text, with a blank line between blocks and a line break for `<br>`.
    pub text: String,
    /// The winning container's score: how much paragraph text it holds.
    pub score: f64,
}

/// The main text of a parsed page, or `None` when no element holds a paragraph of text.
///
/// ```
/// use sitrep_read::main_text::main_text;
/// let page = scraper::Html::parse_document(r#"<html><body>
///   <nav><a href="/">Home</a> <a href="/world">World</a></nav>
///   <div class="article-body">
///   <p>At least 12 civilians were killed when drones struck residential districts of the
///   city overnight, the regional administration said on Friday morning.</p>
///   <p>More than 40 people were wounded, and rescue teams were still searching the rubble of
///   two apartment blocks in the north of the city, officials said.</p>
///   <div class="share-tools"><a href="/s">Share on X</a></div></div>
///   <div class="related"><a href="/a">Another story with 300 dead in it</a></div>
///   </body></html>"#);
/// let found = main_text(&page).unwrap();
/// assert!(found.text.starts_with("At least 12 civilians were killed"));
/// assert!(found.text.contains("\n\nMore than 40 people"));
/// assert!(!found.text.contains("Share") && !found.text.contains("300 dead"));
/// ```
pub fn main_text(page: &Html) -> Option<MainText> {
    // A short result may mean the article sat in a box whose class looked like furniture
    // ("wrapper-boxed header-style-2"): read again without those cues, and keep the longer.
    let mut best: Option<MainText> = None;
    for rules in [Rules::ALL, Rules::NO_UNLIKELY] {
        let found = attempt(page, rules);
        if found
            .as_ref()
            .is_some_and(|m| m.text.chars().count() >= RETRY_BELOW)
        {
            return found;
        }
        best = match (best, found) {
            (Some(a), Some(b)) => Some(if b.text.len() > a.text.len() { b } else { a }),
            (a, b) => a.or(b),
        };
    }
    // Or the article's boxes looked like a gallery (a post of one `<div>` per line between its
    // pictures) and cleaning took most of it: read it without cleaning if that finds an
    // article of length and more than twice the text. A short article with a link list
    // beside it keeps its cleaned text.
    let best_length = best.as_ref().map_or(0, |m| m.text.chars().count());
    let uncleaned = attempt(page, Rules::NO_CLEANING).filter(|m| {
        let length = m.text.chars().count();
        length >= RETRY_BELOW && length > 2 * best_length
    });
    uncleaned.or(best)
}

/// Which of the extractor's rules an attempt applies.
#[derive(Clone, Copy, Default)]
struct Rules {
    /// Class and id cues drop elements before scoring.
    strip_unlikely: bool,
    /// Boxes of links, images or fields inside the article are left out.
    clean_conditionally: bool,
}

impl Rules {
    const ALL: Rules = Rules {
        strip_unlikely: true,
        clean_conditionally: true,
    };
    const NO_UNLIKELY: Rules = Rules {
        strip_unlikely: false,
        clean_conditionally: true,
    };
    const NO_CLEANING: Rules = Rules {
        strip_unlikely: false,
        clean_conditionally: false,
    };
}

/// Results shorter than this many characters are read again with fewer rules, as Readability
/// does (at 500; a short article and its long comment thread need less).
const RETRY_BELOW: usize = 250;

/// Elements nested deeper than this are left out: no article is, and the scan recurses.
const MAX_DEPTH: usize = 256;

/// A list whose text is more than this share links is a list of other pages, not the article's
/// own list (Readability keeps these; the benchmark's people left them out).
const LIST_OF_LINKS: f64 = 0.5;

/// Containers scoring at least this share of the top one's are parts of the same article.
const NEAR_TOP: f64 = 0.75;

/// Siblings of the top container scoring at least this share of it belong to the article, as
/// do boxes elsewhere with the same class.
const SIBLING_SHARE: f64 = 0.2;

fn attempt(page: &Html, rules: Rules) -> Option<MainText> {
    let mut scan = Scan {
        rules,
        ..Scan::default()
    };
    let root = page.tree.root();
    let mut ancestors = Vec::new();
    scan.measure(root, false, &mut ancestors);
    let (top, score) = scan.top_candidate(page)?;
    let mut top = scan.common_container(page, top, score);
    // A lone child says nothing its parent does not: read from the parent.
    while let Some(parent) = top.parent() {
        let only_child = parent.children().filter(|c| c.value().is_element()).count() == 1;
        if !only_child || !parent.value().is_element() || is_tag(parent, "body") {
            break;
        }
        top = parent;
    }
    let mut raw = String::new();
    for node in scan.article_nodes(top, score) {
        scan.write(node, &mut raw, true);
    }
    let text = crate::formats::html::tidy(&raw);
    (!text.is_empty()).then_some(MainText { text, score })
}

/// The state of one page's scan.
#[derive(Default)]
struct Scan {
    rules: Rules,
    stats: FxHashMap<NodeId, Stats>,
    /// Elements left out before scoring: furniture, hidden, junk tags.
    dropped: FxHashSet<NodeId>,
    /// Containers' scores from the paragraphs under them.
    scores: FxHashMap<NodeId, f64>,
}

fn is_tag(node: NodeRef<'_, Node>, tag: &str) -> bool {
    node.value().as_element().is_some_and(|e| e.name() == tag)
}

/// The element's class and id, lower-cased, as one string to look for cues in.
fn class_and_id(element: &scraper::node::Element) -> String {
    let (class, id) = (element.attr("class"), element.attr("id"));
    if class.is_none() && id.is_none() {
        return String::new();
    }
    let mut s = class.unwrap_or("").to_ascii_lowercase();
    if let Some(id) = id {
        s.push(' ');
        s.push_str(&id.to_ascii_lowercase());
    }
    s
}

fn mentions(haystack: &str, words: &AhoCorasick) -> bool {
    !haystack.is_empty() && words.is_match(haystack)
}

/// Readability's class weight: +25 for a container's words, -25 for furniture's.
fn class_weight(element: &scraper::node::Element) -> f64 {
    let key = class_and_id(element);
    let mut weight = 0.0;
    if mentions(&key, &CUES.negative) {
        weight -= 25.0;
    }
    if mentions(&key, &CUES.positive) {
        weight += 25.0;
    }
    weight
}

/// A container's starting score by its tag.
fn tag_weight(tag: &str) -> f64 {
    match tag {
        "div" | "article" | "section" | "main" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

fn hidden(element: &scraper::node::Element) -> bool {
    if element.attr("hidden").is_some() || element.attr("aria-hidden") == Some("true") {
        return true;
    }
    element.attr("style").is_some_and(|style| {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        style.contains("display:none") || style.contains("visibility:hidden")
    })
}

impl Scan {
    /// Measures `node`'s subtree, drops furniture, and scores paragraphs into their ancestors.
    fn measure(
        &mut self,
        node: NodeRef<'_, Node>,
        in_link: bool,
        ancestors: &mut Vec<NodeId>,
    ) -> Stats {
        let element = match node.value() {
            Node::Text(text) => {
                let mut stats = Stats::default();
                let mut space = true;
                for c in text.chars() {
                    if c.is_whitespace() {
                        if !space {
                            stats.chars += 1;
                        }
                        space = true;
                    } else {
                        stats.chars += 1;
                        space = false;
                        if matches!(c, ',' | '،' | '，' | '、') {
                            stats.commas += 1;
                        }
                    }
                }
                if in_link {
                    stats.link_chars = stats.chars;
                }
                return stats;
            }
            Node::Element(e) => e,
            Node::Document | Node::Fragment => {
                let mut stats = Stats::default();
                for child in node.children() {
                    stats.add(self.measure(child, in_link, ancestors));
                }
                return stats;
            }
            _ => return Stats::default(),
        };
        let tag = element.name();
        let mut own = Stats::default();
        match tag {
            "img" => own.images = 1,
            "input" | "select" | "textarea" | "button" => own.inputs = 1,
            "iframe" | "video" | "embed" | "object" | "audio" => own.embeds = 1,
            _ => {}
        }
        if ancestors.len() >= MAX_DEPTH
            || CUES.junk_tags.contains(tag)
            || hidden(element)
            || self.unlikely(element)
        {
            self.dropped.insert(node.id());
            return own;
        }
        let in_link = in_link || tag == "a";
        ancestors.push(node.id());
        let mut stats = own;
        let mut inline = Stats::default();
        let mut has_block = false;
        for child in node.children() {
            let child_stats = self.measure(child, in_link, ancestors);
            let block = child
                .value()
                .as_element()
                .is_some_and(|e| BLOCK_TAGS.contains(&e.name()))
                && !self.dropped.contains(&child.id());
            if block {
                has_block = true;
            } else {
                inline.add(child_stats);
            }
            stats.add(child_stats);
        }
        ancestors.pop();
        // A paragraph, or the loose text of a container (text between <br>s, with blocks
        // beside it), scores into the containers above it. A box of a paragraph's length with
        // no blocks inside counts as a paragraph too, as Readability makes it one.
        let paragraph = matches!(tag, "p" | "pre" | "td")
            || (!has_block && matches!(tag, "div" | "section" | "article" | "span"));
        if tag == "p" || (paragraph && tag == "div" && stats.chars >= 100) {
            stats.paragraphs += 1;
        }
        if tag == "li" {
            stats.items += 1;
        }
        if paragraph && stats.chars >= 25 {
            self.credit(stats, ancestors);
        } else if has_block && inline.chars >= 25 {
            ancestors.push(node.id());
            self.credit(inline, ancestors);
            ancestors.pop();
        }
        self.stats.insert(node.id(), stats);
        stats
    }

    /// Whether the element is furniture by its class or id.
    fn unlikely(&self, element: &scraper::node::Element) -> bool {
        if !self.rules.strip_unlikely
            || matches!(element.name(), "body" | "html" | "a" | "article" | "main")
        {
            return false;
        }
        let key = class_and_id(element);
        mentions(&key, &CUES.unlikely) && !mentions(&key, &CUES.maybe_candidate)
    }

    /// Gives a paragraph's score to the nearest five of `ancestors`.
    fn credit(&mut self, paragraph: Stats, ancestors: &[NodeId]) {
        let score = 1.0 + f64::from(paragraph.commas) + f64::from((paragraph.chars / 100).min(3));
        for (level, &id) in ancestors.iter().rev().take(5).enumerate() {
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f64 * 3.0,
            };
            *self.scores.entry(id).or_insert(0.0) += score / divider;
        }
    }

    /// The container with the best score once its starting weight is added and its linked
    /// text discounted.
    fn top_candidate<'a>(&mut self, page: &'a Html) -> Option<(NodeRef<'a, Node>, f64)> {
        let mut best: Option<(NodeRef<'a, Node>, f64)> = None;
        let ids: Vec<NodeId> = self.scores.keys().copied().collect();
        for id in ids {
            let Some(node) = page.tree.get(id) else {
                continue;
            };
            let Some(element) = node.value().as_element() else {
                continue;
            };
            let paragraph_score = self.scores[&id];
            let base = tag_weight(element.name()) + class_weight(element);
            let stats = self.stats.get(&id).copied().unwrap_or_default();
            // A class that says "content" can at most double what the paragraphs gave: a card
            // of one line in a "card-content" box is not the article.
            let base = base.min(paragraph_score);
            let score = (paragraph_score + base) * (1.0 - stats.link_density());
            self.scores.insert(id, score);
            if best.is_none_or(|(_, s)| score > s) {
                best = Some((node, score));
            }
        }
        best.filter(|(_, s)| *s > 0.0)
    }

    /// The nearest container of the top candidate and the others that score near it, or that
    /// share its class and score a fifth of it: an article split into several boxes
    /// ("article__chunks", "card-content") is read whole. Readability asks for three such
    /// boxes; one is enough here, as long as it is not inside the top one.
    fn common_container<'a>(
        &self,
        page: &'a Html,
        top: NodeRef<'a, Node>,
        top_score: f64,
    ) -> NodeRef<'a, Node> {
        let class_of = |id: NodeId| {
            page.tree
                .get(id)
                .and_then(|n| n.value().as_element()?.attr("class"))
                .filter(|c| !c.trim().is_empty())
        };
        let top_class = class_of(top.id());
        let mut rivals: Vec<(NodeId, f64)> = self
            .scores
            .iter()
            .filter(|&(&id, &s)| {
                id != top.id()
                    && (s >= top_score * NEAR_TOP
                        || (s >= top_score * SIBLING_SHARE
                            && top_class.is_some()
                            && class_of(id) == top_class))
            })
            .map(|(&id, &s)| (id, s))
            .collect();
        rivals.sort_by(|a, b| b.1.total_cmp(&a.1));
        rivals.truncate(4);
        let inside = |outer: NodeRef<'a, Node>, id: NodeId| {
            page.tree
                .get(id)
                .is_some_and(|n| n.ancestors().any(|a| a.id() == outer.id()))
        };
        let rivals: Vec<NodeId> = rivals
            .into_iter()
            .map(|(id, _)| id)
            .filter(|&id| !inside(top, id))
            .filter(|&id| !top.ancestors().any(|a| a.id() == id))
            .collect();
        if rivals.is_empty() {
            return top;
        }
        let needed = rivals.len().min(3);
        for ancestor in top.ancestors() {
            if is_tag(ancestor, "body") || !ancestor.value().is_element() {
                break;
            }
            if rivals.iter().filter(|&&id| inside(ancestor, id)).count() >= needed {
                return ancestor;
            }
        }
        top
    }

    /// The top candidate and those of its siblings that belong to the article: containers
    /// scoring near it, and paragraphs of plain text.
    fn article_nodes<'a>(&self, top: NodeRef<'a, Node>, top_score: f64) -> Vec<NodeRef<'a, Node>> {
        let Some(parent) = top.parent().filter(|p| p.value().is_element()) else {
            return vec![top];
        };
        let threshold = (top_score * SIBLING_SHARE).max(10.0);
        let top_class = top
            .value()
            .as_element()
            .and_then(|e| e.attr("class"))
            .unwrap_or("");
        let mut nodes = Vec::new();
        for sibling in parent.children() {
            if sibling.id() == top.id() {
                nodes.push(sibling);
                continue;
            }
            let Some(element) = sibling.value().as_element() else {
                continue;
            };
            if self.dropped.contains(&sibling.id()) {
                continue;
            }
            let mut bonus = 0.0;
            if !top_class.is_empty() && element.attr("class") == Some(top_class) {
                bonus += top_score * 0.2;
            }
            let score = self.scores.get(&sibling.id()).copied().unwrap_or(0.0);
            let stats = self.stats.get(&sibling.id()).copied().unwrap_or_default();
            let keep = if score + bonus >= threshold {
                true
            } else if element.name() == "p" {
                let density = stats.link_density();
                if stats.chars > 80 {
                    density < 0.25
                } else {
                    density == 0.0 && stats.chars > 0 && text_ends_sentence(sibling)
                }
            } else {
                false
            };
            if keep {
                nodes.push(sibling);
            }
        }
        nodes
    }

    /// Whether a block inside the article is a box of links, images or fields rather than
    /// text (Readability's conditional cleaning).
    fn is_clutter(&self, node: NodeRef<'_, Node>, element: &scraper::node::Element) -> bool {
        let tag = element.name();
        if let Some(h) = tag.strip_prefix('h') {
            if h.len() == 1 && h.as_bytes()[0].is_ascii_digit() {
                return class_weight(element) < 0.0;
            }
        }
        if !matches!(
            tag,
            "table" | "ul" | "ol" | "div" | "section" | "form" | "fieldset" | "dl" | "header"
        ) {
            return false;
        }
        let stats = self.stats.get(&node.id()).copied().unwrap_or_default();
        let weight = class_weight(element);
        let score = self.scores.get(&node.id()).copied().unwrap_or(0.0);
        if weight + score < 0.0 {
            return true;
        }
        if stats.commas >= 10 {
            return false;
        }
        let is_list = matches!(tag, "ul" | "ol");
        let (p, img, li) = (
            f64::from(stats.paragraphs),
            f64::from(stats.images),
            f64::from(stats.items) - 100.0,
        );
        let density = stats.link_density();
        (img > 1.0 && p / img < 0.5)
            || (!is_list && li > p)
            || (f64::from(stats.inputs) > (p / 3.0).floor())
            || (!is_list && stats.chars < 25 && (img == 0.0 || img > 2.0))
            || (!is_list && weight < 25.0 && density > 0.2)
            || (weight >= 25.0 && density > 0.5)
            || (is_list && density > LIST_OF_LINKS)
            || (stats.embeds == 1 && stats.chars < 75)
            || stats.embeds > 1
    }

    /// Writes a kept subtree's text: blocks apart, `<br>` as a line break, inline runs joined.
    fn write(&self, node: NodeRef<'_, Node>, out: &mut String, top: bool) {
        if self.dropped.contains(&node.id()) {
            return;
        }
        if let Some(element) = node.value().as_element() {
            if !top && self.rules.clean_conditionally && self.is_clutter(node, element) {
                return;
            }
        }
        crate::formats::html::write_node(node, out, &mut |child, out| {
            self.write(child, out, false)
        });
    }
}

/// Whether an element's text ends like a sentence ("." and nothing after it).
fn text_ends_sentence(node: NodeRef<'_, Node>) -> bool {
    let text = crate::page_meta::text_of(node);
    text.ends_with('.') || text.ends_with(".\"") || text.ends_with(".”")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(html: &str) -> String {
        main_text(&Html::parse_document(html))
            .map(|m| m.text)
            .unwrap_or_default()
    }

    #[test]
    fn the_densest_container_wins_over_link_lists() {
        let html = r#"<body><div id="menu"><ul><li><a href="/a">World news and more</a></li>
          <li><a href="/b">Politics, business, sport, culture</a></li></ul></div>
          <div class="story"><p>Shelling killed three people in the town on Monday, officials
          said, and wounded seven more, two of them children.</p>
          <p>The strikes hit a market, a school and a row of houses, the mayor said.</p>
          <ul class="links"><li><a href="/x">Read the full timeline of the war</a></li>
          <li><a href="/y">Another headline with 40 killed</a></li></ul></div></body>"#;
        let text = text_of(html);
        assert!(text.starts_with("Shelling killed three people"), "{text}");
        assert!(text.contains("row of houses"));
        assert!(
            !text.contains("Politics") && !text.contains("40 killed"),
            "{text}"
        );
    }

    #[test]
    fn hidden_and_furniture_elements_are_left_out() {
        let html = r#"<body><article><p>Rescue teams pulled eleven survivors from the rubble of
          the building, the emergency service said on Tuesday, and searched for more.</p>
          <p style="display: none">A hidden paragraph, with commas, that no reader sees at all.</p>
          <div class="newsletter-signup"><p>Sign up for our newsletter, with news, every day.</p></div>
          <p>The search went on through the night under floodlights, officials said.</p>
          </article></body>"#;
        let text = text_of(html);
        assert!(text.contains("eleven survivors") && text.contains("floodlights"));
        assert!(
            !text.contains("hidden") && !text.contains("newsletter"),
            "{text}"
        );
    }

    #[test]
    fn a_page_wrapped_in_one_form_is_read() {
        // ASP.NET pages put the whole body in a `<form>`.
        let html = r#"<body><form id="aspnetForm" method="post"><nav><a href="/">Home</a></nav>
          <article><p>Two service members were killed in a helicopter crash in the east of the
          country, the military said in a statement on Wednesday, and an inquiry was opened.</p>
          <p>The cause of the crash is under investigation, however preliminary reports do not
          indicate it was caused by enemy fire, the statement said.</p></article></form></body>"#;
        let text = text_of(html);
        assert!(text.starts_with("Two service members"), "{text}");
        assert!(text.contains("enemy fire"), "{text}");
    }

    #[test]
    fn a_post_of_one_box_per_line_between_pictures_is_read_whole() {
        // The lines are too short to count as paragraphs against the pictures, so cleaning
        // takes the box that holds them.
        let line = |t: &str| {
            format!(
                "<div><span>{t}</span></div><div><img src=x.jpg></div><div><img src=y.jpg></div>"
            )
        };
        let html = format!(
            "<body><div class=\"post\"><div>Photos released online, making the rounds on \
             social media, show the actress, smiling, at the award ceremony.</div>\
             <div class=\"reader\">{}{}{}</div></div></body>",
            line("The actress, who won the award in 2008, shared the photos on her page."),
            line("She flaunted a bag in the colours of the flag at the event on Friday."),
            line("The event ran late into the night with music and dancing, they said."),
        );
        let text = text_of(&html);
        assert!(text.starts_with("Photos released online"), "{text}");
        assert!(
            text.contains("flaunted a bag") && text.contains("late into the night"),
            "{text}"
        );
    }

    #[test]
    fn loose_text_between_line_breaks_is_read() {
        let html = r#"<body><div class="content">Two soldiers were killed and five wounded
          in the attack, the ministry said.<br>The village was shelled again, residents said,
          on Wednesday night.<div class="ad">Advertisement</div></div></body>"#;
        let text = text_of(html);
        assert!(text.contains("Two soldiers were killed"), "{text}");
        assert!(text.contains("\nThe village was shelled"), "{text}");
    }

    #[test]
    fn markup_nested_past_the_depth_limit_is_left_out() {
        let depth = 5_000;
        let html = format!(
            "<body><div class=\"story\"><p>Four people were killed, officials said, in the blast.</p></div>{}x{}</body>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let text = text_of(&html);
        assert_eq!(
            text,
            "Four people were killed, officials said, in the blast."
        );
    }

    #[test]
    fn a_page_without_paragraphs_has_no_main_text() {
        assert!(main_text(&Html::parse_document("<body><a href='/'>Home</a></body>")).is_none());
    }
}
