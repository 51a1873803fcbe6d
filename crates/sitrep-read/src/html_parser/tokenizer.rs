//! The HTML tokenizer: start and end tags with their attributes, text, and the markup that
//! carries no text (comments, doctypes), found with `memchr` over bytes rather than one
//! character at a time. Attribute and tag names are ASCII-lower-cased; text and attribute
//! values have their character references decoded.

use super::entities::decode_references;
use markup5ever::LocalName;
use std::borrow::Cow;

/// One token of the page.
#[derive(Debug, PartialEq)]
pub(super) enum Token<'a> {
    Start(StartTag<'a>),
    End(LocalName),
    Text(Cow<'a, str>),
    /// The inside of `<!DOCTYPE …>`.
    Doctype(&'a str),
}

#[derive(Debug, PartialEq)]
pub(super) struct StartTag<'a> {
    pub name: LocalName,
    /// Names lower-cased, values decoded; a repeated name keeps its first value.
    pub attrs: Vec<(LocalName, Cow<'a, str>)>,
    pub self_closing: bool,
}

/// How the text after a start tag is read, as the tree builder asks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum TextMode {
    /// Tags and character references.
    Data,
    /// Everything up to the element's end tag is text, references decoded (`title`, `textarea`).
    Rcdata,
    /// Everything up to the element's end tag is text as written (`script`, `style`).
    Rawtext,
    /// Everything to the end of the page is text (`plaintext`).
    Plaintext,
}

pub(super) struct Tokenizer<'a> {
    input: &'a str,
    pos: usize,
    mode: TextMode,
    /// The element whose end tag ends raw text.
    raw_end: Option<LocalName>,
    /// Whether `<![CDATA[` opens text (inside SVG and MathML) or a bogus comment.
    pub foreign: bool,
}

pub(super) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0c' | b'\r')
}

fn lower(name: &str) -> LocalName {
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        LocalName::from(name.to_ascii_lowercase())
    } else {
        LocalName::from(name)
    }
}

impl<'a> Tokenizer<'a> {
    pub fn new(input: &'a str) -> Self {
        Tokenizer {
            input,
            pos: 0,
            mode: TextMode::Data,
            raw_end: None,
            foreign: false,
        }
    }

    /// Reads what follows the start tag of `element` (just returned) in `mode`.
    pub fn read_as(&mut self, mode: TextMode, element: &LocalName) {
        self.mode = mode;
        self.raw_end = Some(element.clone());
    }

    fn bytes(&self) -> &'a [u8] {
        self.input.as_bytes()
    }

    pub fn next_token(&mut self) -> Option<Token<'a>> {
        loop {
            if self.pos >= self.input.len() {
                return None;
            }
            match self.mode {
                TextMode::Data => {}
                TextMode::Plaintext => {
                    let text = &self.input[self.pos..];
                    self.pos = self.input.len();
                    return Some(Token::Text(Cow::Borrowed(text)));
                }
                TextMode::Rcdata | TextMode::Rawtext => {
                    let decode = self.mode == TextMode::Rcdata;
                    self.mode = TextMode::Data;
                    let end = self.raw_text_end();
                    let text = &self.input[self.pos..end];
                    self.pos = end;
                    if text.is_empty() {
                        continue;
                    }
                    return Some(Token::Text(if decode {
                        decode_references(text, false)
                    } else {
                        Cow::Borrowed(text)
                    }));
                }
            }
            let bytes = self.bytes();
            if bytes[self.pos] != b'<' {
                let end = self.text_end(self.pos);
                let text = &self.input[self.pos..end];
                self.pos = end;
                return Some(Token::Text(decode_references(text, false)));
            }
            match self.markup() {
                Markup::Token(token) => return Some(token),
                Markup::Nothing => {}
                Markup::Literal => {
                    // A `<` that opens nothing is text, up to the next markup.
                    let end = self.text_end(self.pos + 1);
                    let text = &self.input[self.pos..end];
                    self.pos = end;
                    return Some(Token::Text(decode_references(text, false)));
                }
            }
        }
    }

    /// Where the text starting at `from` ends: at the next `<` that opens markup.
    fn text_end(&self, from: usize) -> usize {
        let bytes = self.bytes();
        let mut at = from;
        while let Some(i) = memchr::memchr(b'<', &bytes[at..]) {
            let lt = at + i;
            match bytes.get(lt + 1) {
                Some(b) if b.is_ascii_alphabetic() || matches!(b, b'/' | b'!' | b'?') => {
                    return lt;
                }
                _ => at = lt + 1,
            }
        }
        bytes.len()
    }

    /// Where raw text ends: at `</name` followed by a space, `/` or `>`, or the page's end.
    fn raw_text_end(&self) -> usize {
        let Some(name) = self.raw_end.as_ref() else {
            return self.input.len();
        };
        let name = name.as_bytes();
        let bytes = self.bytes();
        let mut at = self.pos;
        while let Some(i) = memchr::memmem::find(&bytes[at..], b"</") {
            let lt = at + i;
            let after = lt + 2;
            let candidate = &bytes[after..(after + name.len()).min(bytes.len())];
            if candidate.eq_ignore_ascii_case(name)
                && bytes
                    .get(after + name.len())
                    .is_none_or(|&b| is_space(b) || b == b'/' || b == b'>')
            {
                return lt;
            }
            at = after;
        }
        bytes.len()
    }

    /// The markup at `self.pos`, which holds `<`.
    fn markup(&mut self) -> Markup<'a> {
        let bytes = self.bytes();
        let next = bytes.get(self.pos + 1).copied();
        match next {
            Some(b) if b.is_ascii_alphabetic() => match self.tag(self.pos + 1) {
                Some((tag, end)) => {
                    self.pos = end;
                    Markup::Token(Token::Start(tag))
                }
                None => {
                    // A tag cut off by the end of the page is dropped.
                    self.pos = self.input.len();
                    Markup::Nothing
                }
            },
            Some(b'/') => match bytes.get(self.pos + 2) {
                Some(b) if b.is_ascii_alphabetic() => match self.tag(self.pos + 2) {
                    Some((tag, end)) => {
                        self.pos = end;
                        Markup::Token(Token::End(tag.name))
                    }
                    None => {
                        self.pos = self.input.len();
                        Markup::Nothing
                    }
                },
                Some(b'>') => {
                    self.pos += 3;
                    Markup::Nothing
                }
                Some(_) => {
                    self.skip_past(b">", self.pos + 2);
                    Markup::Nothing
                }
                None => Markup::Literal,
            },
            Some(b'!') => {
                let rest = &bytes[self.pos + 2..];
                if rest.starts_with(b"--") {
                    let body = self.pos + 4;
                    if bytes[body..].starts_with(b">") {
                        self.pos = body + 1;
                    } else if bytes[body..].starts_with(b"->") {
                        self.pos = body + 2;
                    } else {
                        self.skip_comment(body);
                    }
                    Markup::Nothing
                } else if rest.len() >= 7 && rest[..7].eq_ignore_ascii_case(b"doctype") {
                    let start = self.pos + 9;
                    let end =
                        memchr::memchr(b'>', &bytes[start..]).map_or(bytes.len(), |i| start + i);
                    self.pos = (end + 1).min(bytes.len());
                    Markup::Token(Token::Doctype(&self.input[start..end]))
                } else if self.foreign && rest.starts_with(b"[CDATA[") {
                    let start = self.pos + 9;
                    let end = memchr::memmem::find(&bytes[start..], b"]]>")
                        .map_or(bytes.len(), |i| start + i);
                    self.pos = (end + 3).min(bytes.len());
                    Markup::Token(Token::Text(Cow::Borrowed(&self.input[start..end])))
                } else {
                    self.skip_past(b">", self.pos + 2);
                    Markup::Nothing
                }
            }
            Some(b'?') => {
                self.skip_past(b">", self.pos + 1);
                Markup::Nothing
            }
            _ => Markup::Literal,
        }
    }

    /// Moves past the next `needle` at or after `from`, or to the page's end.
    fn skip_past(&mut self, needle: &[u8], from: usize) {
        let bytes = self.bytes();
        self.pos = memchr::memmem::find(&bytes[from..], needle)
            .map_or(bytes.len(), |i| from + i + needle.len());
    }

    /// Moves past a comment whose body starts at `from`: it ends at `-->` or `--!>`.
    fn skip_comment(&mut self, from: usize) {
        let bytes = self.bytes();
        let mut at = from;
        while let Some(i) = memchr::memmem::find(&bytes[at..], b"--") {
            let dashes = at + i;
            let mut after = dashes + 2;
            while bytes.get(after) == Some(&b'-') {
                after += 1;
            }
            match bytes.get(after) {
                Some(b'>') => {
                    self.pos = after + 1;
                    return;
                }
                Some(b'!') if bytes.get(after + 1) == Some(&b'>') => {
                    self.pos = after + 2;
                    return;
                }
                _ => at = after.max(dashes + 1),
            }
        }
        self.pos = bytes.len();
    }

    /// A tag whose name starts at `start`: the tag and where it ends, or `None` when the page
    /// ends inside it.
    fn tag(&self, start: usize) -> Option<(StartTag<'a>, usize)> {
        let bytes = self.bytes();
        let input = self.input;
        let mut at = start;
        while at < bytes.len() && !is_space(bytes[at]) && bytes[at] != b'/' && bytes[at] != b'>' {
            at += 1;
        }
        let name = lower(&input[start..at]);
        let mut attrs: Vec<(LocalName, Cow<'a, str>)> = Vec::new();
        let mut self_closing = false;
        loop {
            while at < bytes.len() && is_space(bytes[at]) {
                at += 1;
            }
            match bytes.get(at)? {
                b'>' => {
                    return Some((
                        StartTag {
                            name,
                            attrs,
                            self_closing,
                        },
                        at + 1,
                    ));
                }
                b'/' => {
                    at += 1;
                    self_closing = bytes.get(at) == Some(&b'>');
                    continue;
                }
                _ => {}
            }
            self_closing = false;
            // An attribute: a name (which may start with `=`), then maybe `=` and a value.
            let name_start = at;
            at += 1;
            while at < bytes.len()
                && !is_space(bytes[at])
                && !matches!(bytes[at], b'/' | b'>' | b'=')
            {
                at += 1;
            }
            let attr_name = &input[name_start..at];
            while at < bytes.len() && is_space(bytes[at]) {
                at += 1;
            }
            let mut value: &'a str = "";
            if bytes.get(at) == Some(&b'=') {
                at += 1;
                while at < bytes.len() && is_space(bytes[at]) {
                    at += 1;
                }
                match bytes.get(at)? {
                    &quote @ (b'"' | b'\'') => {
                        let open = at + 1;
                        let close = open + memchr::memchr(quote, &bytes[open..])?;
                        value = &input[open..close];
                        at = close + 1;
                    }
                    b'>' => {}
                    _ => {
                        let open = at;
                        while at < bytes.len() && !is_space(bytes[at]) && bytes[at] != b'>' {
                            at += 1;
                        }
                        value = &input[open..at];
                    }
                }
            }
            let attr_name = lower(attr_name);
            if !attrs.iter().any(|(n, _)| *n == attr_name) {
                attrs.push((attr_name, decode_references(value, true)));
            }
        }
    }
}

enum Markup<'a> {
    Token(Token<'a>),
    /// Markup that carries nothing (a comment, a processing instruction).
    Nothing,
    /// A `<` that opens no markup.
    Literal,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(html: &str) -> Vec<String> {
        let mut t = Tokenizer::new(html);
        let mut out = Vec::new();
        while let Some(token) = t.next_token() {
            out.push(match token {
                Token::Start(tag) => {
                    if matches!(&*tag.name, "script" | "style") {
                        t.read_as(TextMode::Rawtext, &tag.name);
                    }
                    let attrs: Vec<String> =
                        tag.attrs.iter().map(|(n, v)| format!(" {n}={v}")).collect();
                    format!(
                        "<{}{}{}>",
                        tag.name,
                        attrs.concat(),
                        if tag.self_closing { "/" } else { "" }
                    )
                }
                Token::End(name) => format!("</{name}>"),
                Token::Text(text) => format!("{text:?}"),
                Token::Doctype(d) => format!("doctype {d}"),
            });
        }
        out
    }

    #[test]
    fn tags_attributes_and_text() {
        assert_eq!(
            tokens(
                r#"<!DOCTYPE html><P Class="a b" id=x hidden data-x='1&amp;2'>Hi &amp; bye</p>"#
            ),
            [
                "doctype  html",
                "<p class=a b id=x hidden= data-x=1&2>",
                "\"Hi & bye\"",
                "</p>"
            ]
        );
        assert_eq!(
            tokens("<br/><img src=a.png />"),
            ["<br/>", "<img src=a.png/>"]
        );
        assert_eq!(
            tokens(r#"<a href="x" href="y" title=">">"#),
            ["<a href=x title=>>"]
        );
    }

    #[test]
    fn comments_and_stray_brackets() {
        assert_eq!(
            tokens("a<!-- x -- y -->b<!-->c<!--->d<?php x ?>e"),
            ["\"a\"", "\"b\"", "\"c\"", "\"d\"", "\"e\""]
        );
        assert_eq!(
            tokens("1 < 2 <3 </ 4> 5</>6"),
            ["\"1 < 2 <3 \"", "\" 5\"", "\"6\""]
        );
        assert_eq!(tokens("x<!-- never closed"), ["\"x\""]);
        assert_eq!(tokens("x<div class=\"never closed"), ["\"x\""]);
    }

    #[test]
    fn script_text_runs_to_its_end_tag() {
        assert_eq!(
            tokens("<script>if (a<b) x = '</div>';</scripts></SCRIPT >t"),
            [
                "<script>",
                "\"if (a<b) x = '</div>';</scripts>\"",
                "</script>",
                "\"t\""
            ]
        );
        assert_eq!(tokens("<style>p{}"), ["<style>", "\"p{}\""]);
    }
}
