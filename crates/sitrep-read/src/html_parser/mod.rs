//! sitrep's HTML parser: a fast tokenizer and the parts of the HTML standard's tree
//! construction that decide where a page's text lands, building the `scraper::Html` tree that
//! [`crate::main_text`] and [`crate::page_meta`] read.
//!
//! html5ever, which `scraper` uses, follows the standard to the letter and took over half of
//! `sitrep doc`'s time on article pages. This parser keeps the rules that shape an article's
//! tree: `<html>`, `<head>` and `<body>` implied; void elements; raw text in `script`,
//! `style`, `title` and `textarea`; paragraphs, list items, options and table cells closed by
//! what follows them; implied `tbody` and `tr`; text and boxes inside a table but outside its
//! cells moved before it; end tags that close nothing ignored; SVG and MathML with their
//! self-closing tags. It leaves out what changes no text: comments and doctypes become no
//! nodes, and mis-nested formatting tags (`<b><p>x</b>y</p>`) are closed, not re-parented as
//! the adoption agency algorithm would.

mod elements;
mod entities;
mod tokenizer;

pub use entities::decode_references;

use ego_tree::NodeId;
use elements::*;
use markup5ever::{ns, Attribute, LocalName, Namespace, QualName};
use rustc_hash::FxHashMap;
use scraper::node::{Element, Text};
use scraper::{Html, Node, StrTendril};
use tokenizer::{is_space, StartTag, TextMode, Token, Tokenizer};

/// Parses a whole page.
///
/// ```
/// use sitrep_read::html_parser::parse_document;
/// let page = parse_document("<title>T</title><p>One<p>Two &amp; three<table><tr><td>x</table>");
/// let body = page.tree.root().first_child().unwrap().last_child().unwrap();
/// let names: Vec<&str> = body
///     .children()
///     .filter_map(|n| n.value().as_element().map(|e| e.name()))
///     .collect();
/// assert_eq!(names, ["p", "p"]);
/// let text: String = body.descendants().filter_map(|n| n.value().as_text()).map(|t| &**t).collect();
/// assert_eq!(text, "OneTwo & threex");
/// ```
pub fn parse_document(html: &str) -> Html {
    let html: std::borrow::Cow<'_, str> = if memchr::memchr(b'\r', html.as_bytes()).is_some() {
        html.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        html.into()
    };
    let mut builder = Builder::new();
    let mut tokens = Tokenizer::new(&html);
    while let Some(token) = tokens.next_token() {
        match token {
            Token::Start(tag) => {
                let name = tag.name.clone();
                // Raw text runs to the end tag of the element just opened (if it was: past
                // `MAX_OPEN` elements are not).
                let mode = builder.start_tag(tag);
                if let Some(mode) = mode.filter(|_| builder.current_name() == &name) {
                    tokens.read_as(mode, &name);
                }
            }
            Token::End(name) => builder.end_tag(name),
            Token::Text(text) => builder.text(&text),
            Token::Doctype(doctype) => builder.doctype(doctype),
        }
        tokens.foreign = builder.in_foreign_content();
    }
    builder.finish()
}

/// Elements opened deeper than this take no children: what follows goes into the deepest
/// open element. Every search of the open elements is then bounded, so a page of a million
/// `<div>`s is read in linear time (no article nests this deep; `main_text` stops at 256).
const MAX_OPEN: usize = 512;

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd)]
enum Phase {
    BeforeHtml,
    BeforeHead,
    InHead,
    AfterHead,
    InBody,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Space {
    Html,
    Svg,
    MathMl,
}

/// A start tag's attributes, as the tokenizer gives them.
type Attrs<'a> = Vec<(LocalName, std::borrow::Cow<'a, str>)>;

struct Open {
    id: NodeId,
    name: LocalName,
    space: Space,
}

/// The open elements, innermost last, with a count of each name, so that asking whether a
/// `<p>` or an `<li>` is open at all costs nothing when none is (a page of items under hundreds
/// of `<div>`s would otherwise search the whole stack for each).
#[derive(Default)]
struct OpenElements {
    list: Vec<Open>,
    counts: FxHashMap<LocalName, u32>,
}

impl OpenElements {
    fn push(&mut self, open: Open) {
        *self.counts.entry(open.name.clone()).or_default() += 1;
        self.list.push(open);
    }

    fn forget(&mut self, open: &Open) {
        if let Some(n) = self.counts.get_mut(&open.name) {
            *n -= 1;
        }
    }

    fn pop(&mut self) -> Option<Open> {
        let open = self.list.pop()?;
        self.forget(&open);
        Some(open)
    }

    fn truncate(&mut self, len: usize) {
        while self.list.len() > len {
            self.pop();
        }
    }

    fn remove(&mut self, index: usize) {
        let open = self.list.remove(index);
        self.forget(&open);
    }

    /// Whether an element of this name is open anywhere.
    fn has(&self, name: &str) -> bool {
        self.counts
            .get(&LocalName::from(name))
            .is_some_and(|&n| n > 0)
    }
}

impl std::ops::Deref for OpenElements {
    type Target = [Open];

    fn deref(&self) -> &[Open] {
        &self.list
    }
}

struct Builder {
    page: Html,
    phase: Phase,
    /// Open elements, innermost last.
    stack: OpenElements,
    html: Option<NodeId>,
    head: Option<NodeId>,
    /// Whether the page asked for quirks mode (no doctype, or an old one): there a `<table>`
    /// does not close an open `<p>`.
    quirks: bool,
    /// Drop a newline right after `<pre>`, `<listing>` or `<textarea>`.
    skip_newline: bool,
}

fn is_whitespace(text: &str) -> bool {
    text.bytes().all(is_space)
}

impl Builder {
    fn new() -> Self {
        Builder {
            page: Html::new_document(),
            phase: Phase::BeforeHtml,
            stack: OpenElements::default(),
            html: None,
            head: None,
            quirks: true,
            skip_newline: false,
        }
    }

    fn finish(mut self) -> Html {
        self.ensure_body();
        self.page
    }

    fn current_name(&self) -> &LocalName {
        &self.stack.last().expect("an element is open").name
    }

    fn current(&self) -> Option<&Open> {
        self.stack.last()
    }

    fn in_foreign_content(&self) -> bool {
        self.current().is_some_and(|o| o.space != Space::Html)
    }

    fn doctype(&mut self, doctype: &str) {
        if self.phase == Phase::BeforeHtml {
            self.quirks = doctype_quirks(doctype);
        }
    }

    fn new_element(name: LocalName, space: Space, attrs: Attrs<'_>) -> Node {
        let namespace: Namespace = match space {
            Space::Html => ns!(html),
            Space::Svg => ns!(svg),
            Space::MathMl => ns!(mathml),
        };
        let attrs = attrs
            .into_iter()
            .map(|(name, value)| Attribute {
                name: QualName::new(None, ns!(), name),
                value: StrTendril::from_slice(&value),
            })
            .collect();
        Node::Element(Element::new(QualName::new(None, namespace, name), attrs))
    }

    /// Opens an HTML element the page implies, or names with `attrs`, and returns it.
    fn open_element(&mut self, name: &str, attrs: Attrs<'_>) -> NodeId {
        let tag = StartTag {
            name: LocalName::from(name),
            attrs,
            self_closing: false,
        };
        self.insert_element(tag, Space::Html, false);
        self.stack.last().expect("an element is open").id
    }

    /// Creates `<html>` if the page did not open it.
    fn ensure_html(&mut self, attrs: Attrs<'_>) {
        if self.html.is_none() {
            self.html = Some(self.open_element("html", attrs));
            self.phase = Phase::BeforeHead;
        }
    }

    /// Creates `<head>` if the page did not open it, and enters it.
    fn ensure_head(&mut self, attrs: Attrs<'_>) {
        self.ensure_html(Vec::new());
        if self.head.is_none() {
            self.head = Some(self.open_element("head", attrs));
            self.phase = Phase::InHead;
        }
    }

    /// Leaves `<head>`.
    fn close_head(&mut self) {
        self.ensure_head(Vec::new());
        if self.phase == Phase::InHead {
            if let Some(i) = self.stack.iter().rposition(|o| &*o.name == "head") {
                self.stack.truncate(i);
            }
            self.phase = Phase::AfterHead;
        }
    }

    /// Creates `<body>` if the page did not open it, and enters it.
    fn ensure_body(&mut self) {
        if self.phase < Phase::InBody {
            self.close_head();
            self.open_body(Vec::new());
        }
    }

    fn open_body(&mut self, attrs: Attrs<'_>) {
        self.open_element("body", attrs);
        self.phase = Phase::InBody;
    }

    /// Appends `node` to the current element.
    fn append(&mut self, node: Node) -> NodeId {
        let parent = self.current().map_or(self.page.tree.root().id(), |o| o.id);
        let mut parent = self
            .page
            .tree
            .get_mut(parent)
            .expect("open elements are in the tree");
        parent.append(node).id()
    }

    /// Where content goes: into the current element, or before the table when the current
    /// element is a table's frame (the standard's foster parenting).
    fn foster_table(&self) -> Option<NodeId> {
        let current = self.current()?;
        if current.space != Space::Html || !is_table_frame(&current.name) {
            return None;
        }
        self.stack
            .iter()
            .rev()
            .find(|o| &*o.name == "table")
            .filter(|t| {
                self.page
                    .tree
                    .get(t.id)
                    .is_some_and(|n| n.parent().is_some())
            })
            .map(|t| t.id)
    }

    fn insert(&mut self, node: Node, foster: bool) -> NodeId {
        if foster {
            if let Some(table) = self.foster_table() {
                let mut table = self.page.tree.get_mut(table).expect("in the tree");
                return table.insert_before(node).id();
            }
        }
        self.append(node)
    }

    /// Inserts an element for `tag` and, unless it is void or self-closed, opens it.
    fn insert_element(&mut self, tag: StartTag<'_>, space: Space, foster: bool) {
        let void = match space {
            Space::Html => is_void(&tag.name),
            _ => tag.self_closing,
        };
        let name = tag.name.clone();
        let id = self.insert(Self::new_element(tag.name, space, tag.attrs), foster);
        if !void && self.stack.len() < MAX_OPEN {
            self.stack.push(Open { id, name, space });
        }
    }

    fn text(&mut self, text: &str) {
        let mut text = text;
        if std::mem::take(&mut self.skip_newline) {
            text = text.strip_prefix('\n').unwrap_or(text);
        }
        if text.is_empty() {
            return;
        }
        if self.phase < Phase::InBody {
            if self.raw_text_open() {
                // A `<title>` or `<style>` in the head.
                self.append_text(text, false);
                return;
            }
            // White space before the body is dropped; other text opens the body.
            let Some(start) = text.bytes().position(|b| !is_space(b)) else {
                return;
            };
            text = &text[start..];
            self.ensure_body();
        }
        let foster = !is_whitespace(text);
        self.append_text(text, foster);
    }

    /// Whether the current element reads raw text (a `<title>` or `<style>` in the head).
    fn raw_text_open(&self) -> bool {
        self.current()
            .is_some_and(|o| o.space == Space::Html && text_mode(&o.name).is_some())
    }

    /// Adds text to the last text node of its parent, or as a new node.
    fn append_text(&mut self, text: &str, foster: bool) {
        let target = if foster { self.foster_table() } else { None };
        let tree = &mut self.page.tree;
        if let Some(table_id) = target {
            let mut table = tree.get_mut(table_id).expect("in the tree");
            if let Some(mut before) = table.prev_sibling() {
                if let Node::Text(t) = before.value() {
                    t.text.push_slice(text);
                    return;
                }
            }
            let mut table = tree.get_mut(table_id).expect("in the tree");
            table.insert_before(Node::Text(Text {
                text: StrTendril::from_slice(text),
            }));
            return;
        }
        let parent = self.stack.last().map_or(tree.root().id(), |o| o.id);
        let mut parent = tree.get_mut(parent).expect("in the tree");
        if let Some(mut last) = parent.last_child() {
            if let Node::Text(t) = last.value() {
                t.text.push_slice(text);
                return;
            }
        }
        parent.append(Node::Text(Text {
            text: StrTendril::from_slice(text),
        }));
    }

    /// Handles a start tag; returns how the text after it is to be read, when not as markup.
    fn start_tag(&mut self, tag: StartTag<'_>) -> Option<TextMode> {
        self.skip_newline = false;
        let name = tag.name.clone();
        let name_str: &str = &name;
        // Before the body: the document's frame and the head's elements.
        if self.phase < Phase::InBody {
            match name_str {
                "html" => {
                    self.ensure_html(tag.attrs);
                    return None;
                }
                "head" if self.phase <= Phase::BeforeHead => {
                    self.ensure_html(Vec::new());
                    self.ensure_head(tag.attrs);
                    return None;
                }
                "head" => return None,
                "body" => {
                    self.close_head();
                    self.open_body(tag.attrs);
                    return None;
                }
                _ if belongs_in_head(name_str)
                    && !(self.phase == Phase::AfterHead && name_str == "noscript") =>
                {
                    self.ensure_head(Vec::new());
                    let after_head = self.phase == Phase::AfterHead;
                    let head = self.head.expect("head exists");
                    if after_head {
                        self.stack.push(Open {
                            id: head,
                            name: LocalName::from("head"),
                            space: Space::Html,
                        });
                    }
                    self.insert_element(tag, Space::Html, false);
                    if after_head {
                        // The element goes into the head, which is left again after it.
                        if is_void(name_str) {
                            self.stack.pop();
                        } else {
                            self.phase = Phase::InHead;
                        }
                    }
                    return text_mode(name_str);
                }
                _ => self.ensure_body(),
            }
        }
        // Inside SVG or MathML.
        if let Some(current) = self.current() {
            if current.space != Space::Html && !self.at_integration_point() {
                if breaks_out_of_foreign(&tag) {
                    while self
                        .current()
                        .is_some_and(|o| o.space != Space::Html && !self.at_integration_point())
                    {
                        self.stack.pop();
                    }
                } else {
                    let space = current.space;
                    self.insert_element(tag, space, false);
                    return None;
                }
            }
        }
        self.body_start_tag(tag)
    }

    /// Whether the current element is an SVG or MathML element whose content is HTML.
    fn at_integration_point(&self) -> bool {
        self.current()
            .is_some_and(|o| o.space != Space::Html && is_integration_point(&o.name))
    }

    /// The position in the stack of the innermost `name` in scope, if any.
    fn in_scope(&self, name: &str, extra_bound: fn(&str) -> bool) -> Option<usize> {
        if !self.stack.has(name) {
            return None;
        }
        for (i, open) in self.stack.iter().enumerate().rev() {
            if open.space == Space::Html {
                if &*open.name == name {
                    return Some(i);
                }
                if bounds_scope(&open.name) || extra_bound(&open.name) {
                    return None;
                }
            } else if is_integration_point(&open.name) {
                return None;
            }
        }
        None
    }

    fn in_table_scope(&self, name: &str) -> Option<usize> {
        if !self.stack.has(name) {
            return None;
        }
        self.stack
            .iter()
            .enumerate()
            .rev()
            .find(|(_, o)| &*o.name == name || matches!(&*o.name, "html" | "table" | "template"))
            .filter(|(_, o)| &*o.name == name)
            .map(|(i, _)| i)
    }

    /// Closes the open `<p>`, if one is in button scope.
    fn close_paragraph(&mut self) {
        if let Some(i) = self.in_scope("p", |n| n == "button") {
            self.stack.truncate(i);
        }
    }

    /// The innermost table part open: a cell (or caption) or the table's frame.
    fn table_context(&self) -> Option<&str> {
        self.stack.iter().rev().find_map(|o| {
            let n: &str = &o.name;
            (o.space == Space::Html
                && matches!(
                    n,
                    "td" | "th"
                        | "caption"
                        | "table"
                        | "tbody"
                        | "thead"
                        | "tfoot"
                        | "tr"
                        | "html"
                        | "template"
                ))
            .then_some(n)
        })
    }

    /// Pops elements until the current one is one of `names` (or `<html>`).
    fn clear_to(&mut self, names: &[&str]) {
        while let Some(open) = self.stack.last() {
            if names.contains(&&*open.name) || matches!(&*open.name, "html" | "template") {
                break;
            }
            self.stack.pop();
        }
    }

    /// A start tag that builds a table's frame; `false` if no table is open to take it.
    fn table_start_tag(&mut self, tag: &StartTag<'_>) -> bool {
        let name: &str = &tag.name;
        let in_cell = match self.table_context() {
            None | Some("html" | "template") => return false,
            Some(context) => matches!(context, "td" | "th" | "caption"),
        };
        if name == "table" {
            if !in_cell {
                // A table directly in a table's frame closes the first.
                if let Some(i) = self.in_table_scope("table") {
                    self.stack.truncate(i);
                }
            }
            return false;
        }
        if in_cell {
            // A new row, cell or section closes the open cell.
            let closing = ["td", "th", "caption"];
            if let Some(i) = self.stack.iter().rposition(|o| closing.contains(&&*o.name)) {
                self.stack.truncate(i);
            }
        }
        match name {
            "caption" | "colgroup" | "tbody" | "thead" | "tfoot" => self.clear_to(&["table"]),
            "col" => {
                self.clear_to(&["table", "colgroup"]);
                if &**self.current_name() != "colgroup" {
                    self.open_element("colgroup", Vec::new());
                }
            }
            "tr" => {
                self.clear_to(&["table", "tbody", "thead", "tfoot"]);
                if &**self.current_name() == "table" {
                    self.open_element("tbody", Vec::new());
                }
            }
            "td" | "th" => {
                self.clear_to(&["table", "tbody", "thead", "tfoot", "tr"]);
                if &**self.current_name() == "table" {
                    self.open_element("tbody", Vec::new());
                }
                if &**self.current_name() != "tr" {
                    self.open_element("tr", Vec::new());
                }
            }
            _ => {}
        }
        true
    }

    fn body_start_tag(&mut self, tag: StartTag<'_>) -> Option<TextMode> {
        let name = tag.name.clone();
        let name: &str = &name;
        match name {
            "html" | "body" => {
                // A second `<html>` or `<body>` adds the attributes the first lacked.
                let open = self.stack.iter().find(|o| o.name == tag.name).map(|o| o.id);
                if let Some(id) = open {
                    self.merge_attributes(id, tag.attrs);
                }
                return None;
            }
            "head" | "frameset" => return None,
            "caption" | "col" | "colgroup" | "tbody" | "thead" | "tfoot" | "tr" | "td" | "th"
            | "table" => {
                if self.table_start_tag(&tag) {
                    self.insert_element(tag, Space::Html, false);
                    return None;
                }
                if name != "table" {
                    // A table part outside any table is ignored; its content stays.
                    return None;
                }
                if !self.quirks {
                    self.close_paragraph();
                }
                self.insert_element(tag, Space::Html, true);
                return None;
            }
            _ => {}
        }
        // Inside a table's frame, the standard keeps scripts, styles and hidden inputs in place
        // and empties forms; everything else is moved before the table.
        let foster = self.foster_table().is_some();
        if foster {
            match name {
                "script" | "style" | "template" => {
                    self.insert_element(tag, Space::Html, false);
                    return text_mode(name);
                }
                "input"
                    if tag
                        .attrs
                        .iter()
                        .any(|(n, v)| &**n == "type" && v.eq_ignore_ascii_case("hidden")) =>
                {
                    self.insert_element(tag, Space::Html, false);
                    return None;
                }
                "form" => {
                    if !self.stack.has("form") {
                        self.insert_element(tag, Space::Html, false);
                        self.stack.pop();
                    }
                    return None;
                }
                _ => {}
            }
        }
        match name {
            "li" | "dd" | "dt" => {
                let closes: &[&str] = if name == "li" { &["li"] } else { &["dd", "dt"] };
                let open = closes.iter().any(|c| self.stack.has(c));
                for i in (0..self.stack.len()).rev().take_while(|_| open) {
                    let open: &str = &self.stack[i].name;
                    if closes.contains(&open) {
                        self.stack.truncate(i);
                        break;
                    }
                    if is_special(open) && !matches!(open, "address" | "div" | "p") {
                        break;
                    }
                }
                self.close_paragraph();
            }
            "form" => {
                if self.stack.has("form") {
                    return None;
                }
                self.close_paragraph();
            }
            "table" => {}
            n if is_heading(n) => {
                self.close_paragraph();
                if self.current().is_some_and(|o| is_heading(&o.name)) {
                    self.stack.pop();
                }
            }
            n if closes_paragraph(n) => self.close_paragraph(),
            "a" => {
                // An `<a>` inside an open `<a>` closes the first.
                if let Some(i) = self.formatting_open("a") {
                    self.close_formatting(i);
                }
            }
            "button" => {
                if let Some(i) = self.in_scope("button", |_| false) {
                    self.stack.truncate(i);
                }
            }
            "nobr" => {
                if let Some(i) = self.in_scope("nobr", |_| false) {
                    self.stack.truncate(i);
                }
            }
            "option" if self.current().is_some_and(|o| &*o.name == "option") => {
                self.stack.pop();
            }
            "optgroup" => {
                if self.current().is_some_and(|o| &*o.name == "option") {
                    self.stack.pop();
                }
                if self.current().is_some_and(|o| &*o.name == "optgroup") {
                    self.stack.pop();
                }
            }
            "select" => {
                if let Some(i) = self.in_scope("select", |_| false) {
                    self.stack.truncate(i);
                    return None;
                }
            }
            "svg" | "math" => {
                let space = if name == "svg" {
                    Space::Svg
                } else {
                    Space::MathMl
                };
                self.insert_element(tag, space, foster);
                return None;
            }
            "image" => {
                let tag = StartTag {
                    name: LocalName::from("img"),
                    ..tag
                };
                self.insert_element(tag, Space::Html, foster);
                return None;
            }
            _ => {}
        }
        if matches!(name, "pre" | "listing" | "textarea") {
            self.skip_newline = true;
        }
        self.insert_element(tag, Space::Html, foster);
        if is_void(name) {
            return None;
        }
        text_mode(name)
    }

    /// The innermost open formatting element `name`, not behind a cell or other boundary.
    fn formatting_open(&self, name: &str) -> Option<usize> {
        if !self.stack.has(name) {
            return None;
        }
        for (i, open) in self.stack.iter().enumerate().rev() {
            if &*open.name == name {
                return Some(i);
            }
            if bounds_formatting(&open.name) {
                return None;
            }
        }
        None
    }

    /// Closes the formatting element at `index`: with it everything inside, unless a block
    /// opened inside it is still open, which then stays open (and takes what follows) while
    /// the formatting element leaves the stack.
    fn close_formatting(&mut self, index: usize) {
        if self.stack[index + 1..].iter().any(|o| is_special(&o.name)) {
            self.stack.remove(index);
        } else {
            self.stack.truncate(index);
        }
    }

    fn end_tag(&mut self, name: LocalName) {
        self.skip_newline = false;
        let name: &str = &name;
        if self.phase < Phase::InBody {
            match name {
                "head" => {
                    self.close_head();
                    return;
                }
                "body" | "html" | "br" => self.ensure_body(),
                _ if self.phase == Phase::InHead => {
                    // The end of a head element's text (`</title>`).
                    if self.current().is_some_and(|o| &*o.name == name) {
                        self.stack.pop();
                    }
                    return;
                }
                _ => return,
            }
        }
        // Inside SVG or MathML, an end tag closes the foreign element it names.
        if self.in_foreign_content() {
            for i in (0..self.stack.len()).rev() {
                let open = &self.stack[i];
                if open.space == Space::Html {
                    break;
                }
                if open.name.as_bytes().eq_ignore_ascii_case(name.as_bytes()) {
                    self.stack.truncate(i);
                    return;
                }
            }
        }
        match name {
            "body" | "html" => {}
            "p" => match self.in_scope("p", |n| n == "button") {
                Some(i) => self.stack.truncate(i),
                None => {
                    // `</p>` with no paragraph open makes an empty one.
                    self.insert_empty("p");
                }
            },
            "br" => self.insert_empty("br"),
            "li" => {
                if let Some(i) = self.in_scope("li", |n| n == "ol" || n == "ul") {
                    self.stack.truncate(i);
                }
            }
            "form" => {
                if let Some(i) = self.in_scope("form", |_| false) {
                    self.stack.remove(i);
                }
            }
            n if is_heading(n) => {
                // Any open heading in scope closes, whatever its level.
                for i in (0..self.stack.len()).rev() {
                    let open: &str = &self.stack[i].name;
                    if is_heading(open) {
                        self.stack.truncate(i);
                        break;
                    }
                    if bounds_scope(open) {
                        break;
                    }
                }
            }
            "table" | "tbody" | "thead" | "tfoot" | "tr" | "td" | "th" | "caption" | "colgroup" => {
                if let Some(i) = self.in_table_scope(name) {
                    self.stack.truncate(i);
                }
            }
            n if is_formatting(n) => {
                if let Some(i) = self.formatting_open(n) {
                    self.close_formatting(i);
                }
            }
            n if is_special(n) => {
                if let Some(i) = self.in_scope(n, |_| false) {
                    self.stack.truncate(i);
                }
            }
            _ => {
                // Any other end tag closes its element, unless a block stands in between.
                for i in (0..self.stack.len()).rev() {
                    let open: &str = &self.stack[i].name;
                    if open == name {
                        self.stack.truncate(i);
                        return;
                    }
                    if is_special(open) {
                        return;
                    }
                }
            }
        }
    }

    fn merge_attributes(&mut self, id: NodeId, attrs: Attrs<'_>) {
        let mut node = self.page.tree.get_mut(id).expect("in the tree");
        if let Node::Element(element) = node.value() {
            for (name, value) in attrs {
                if !element.attrs.iter().any(|(n, _)| n.local == name) {
                    let name = QualName::new(None, ns!(), name);
                    element.attrs.push((name, StrTendril::from_slice(&value)));
                }
            }
            element.attrs.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        }
    }

    /// Inserts an element with no content: the empty `<p>` of a stray `</p>`, the `<br>` of a
    /// `</br>`.
    fn insert_empty(&mut self, name: &str) {
        let foster = self.foster_table().is_some();
        let node = Self::new_element(LocalName::from(name), Space::Html, Vec::new());
        self.insert(node, foster);
    }
}

#[cfg(test)]
mod tests;
