//! Stage 0: the header of a plain text article. News saved as text often starts with the
//! publisher, the headline, "By NAME" and "Published : Dec. 19, 2024 - 15:30" (see the seed
//! article), or with YAML front matter. This stage reads them into the document's metadata and
//! starts the body after them, so a headline is not read twice as a claim.

use std::ops::Range;

use chrono::NaiveDate;

use crate::doc::Doc;
use crate::lexicon::Lexicon;
use crate::mentions::dates;
use crate::stages::tokens::TokenKind;

/// How many lines at the top may belong to a header.
const HEADER_LINES: usize = 15;

/// Fills `doc.meta` from the header, where the reader left a field empty, and sets `body_start`.
pub fn annotate(doc: &mut Doc, lex: &Lexicon) {
    if front_matter(doc) {
        return;
    }
    let lines = lines(doc, HEADER_LINES);
    let mut byline = None;
    let mut published: Option<(usize, NaiveDate)> = None;
    for (k, line) in lines.iter().enumerate() {
        if byline.is_none() && is_byline(doc, line) {
            byline = Some(k);
        } else if published.is_none() {
            if let Some(date) = dateline(doc, lex, line) {
                published = Some((k, date));
            }
        }
    }
    let Some(last) = [byline, published.map(|p| p.0)].into_iter().flatten().max() else {
        return;
    };
    let first_meta = [byline, published.map(|p| p.0)]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(last);
    if let Some(k) = byline {
        let line = lines[k].clone();
        let name = doc.slice(line.start + 1..line.end).trim().to_string();
        doc.meta.byline.get_or_insert(name);
    }
    if let Some((_, date)) = published {
        doc.meta.published.get_or_insert(date);
    }
    // The headline: the longest line of three words or more before the byline or date.
    let title = lines[..first_meta]
        .iter()
        .enumerate()
        .filter(|(_, l)| l.len() >= 3)
        .max_by_key(|(_, l)| l.len());
    if let Some((k, l)) = title {
        let text = doc.slice(l.clone()).trim().to_string();
        doc.meta.title.get_or_insert(text);
        if k > 0 && lines[0].len() <= 5 && lines[0].clone().any(|i| doc.tokens.list[i].capitalized)
        {
            let source = doc.slice(lines[0].clone()).to_string();
            doc.meta.source.get_or_insert(source);
        }
    }
    // The body starts after the header and any short widget lines ("• Link copied").
    let mut body = last + 1;
    while body < lines.len() && is_widget(doc, &lines[body]) {
        body += 1;
    }
    doc.body_start = lines.get(body).map_or(doc.tokens.len(), |l| l.start);
}

/// The first `max` lines, as token ranges.
fn lines(doc: &Doc, max: usize) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for (i, tok) in doc.tokens.list.iter().enumerate() {
        if i == 0 || tok.breaks > 0 {
            if out.len() == max {
                break;
            }
            out.push(i..i + 1);
        } else if let Some(last) = out.last_mut() {
            last.end = i + 1;
        }
    }
    out
}

fn is_byline(doc: &Doc, line: &Range<usize>) -> bool {
    line.len() >= 2
        && line.len() <= 10
        && doc.lower(line.start) == "by"
        && doc.tokens.list[line.start + 1].capitalized
}

/// A line that is a publication date ("Published : Dec. 19, 2024 - 15:30", "19 December 2024").
fn dateline(doc: &Doc, lex: &Lexicon, line: &Range<usize>) -> Option<NaiveDate> {
    if line.len() > 14 {
        return None;
    }
    let labelled = lex.date_labels.contains_at(&doc.tokens, line.start);
    for i in line.clone() {
        if let Some((len, Some(date))) = dates::parse_at(&doc.tokens, lex, i, line.end, None) {
            let rest = line.end - (i + len);
            if labelled || (i - line.start <= 2 && rest <= 4) {
                return Some(date);
            }
        }
    }
    None
}

/// A short line without sentence punctuation: a share button, a label.
fn is_widget(doc: &Doc, line: &Range<usize>) -> bool {
    line.len() <= 4
        && !line.clone().any(|i| {
            doc.tokens.list[i].kind == TokenKind::Number || matches!(doc.lower(i), "." | "!" | "?")
        })
}

/// Reads YAML front matter ("---" lines around `key: value` pairs). Returns whether there was any.
fn front_matter(doc: &mut Doc) -> bool {
    let text = doc.text;
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return false;
    };
    let Some(close) = rest.find("\n---") else {
        return false;
    };
    let block = &rest[..close];
    for line in block.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'').trim();
        if value.is_empty() {
            continue;
        }
        match key.trim().to_ascii_lowercase().as_str() {
            "title" => {
                doc.meta.title.get_or_insert(value.to_string());
            }
            "date" | "published" | "pubdate" | "publish_date" | "published_at" => {
                let day = value.get(..10).and_then(|d| d.parse::<NaiveDate>().ok());
                if let Some(day) = day {
                    doc.meta.published.get_or_insert(day);
                }
            }
            "author" | "byline" => {
                doc.meta.byline.get_or_insert(value.to_string());
            }
            "url" | "source_url" | "link" | "canonical" => {
                doc.meta.url.get_or_insert(value.to_string());
            }
            "source" | "publisher" => {
                doc.meta.source.get_or_insert(value.to_string());
            }
            _ => {}
        }
    }
    let body_byte = 4 + close + 4;
    doc.body_start = doc
        .tokens
        .list
        .partition_point(|t| (t.start as usize) < body_byte);
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;

    const HEADER: &str = "The Daily Ledger\n\nTen villagers missing after flood: police\n\nBy Jane Roe\n\nPublished : Mar. 3, 2025 - 09:15\n\n    • Share\n\nTen villagers went missing on Monday.";

    #[test]
    fn reads_title_byline_date_and_publisher() {
        let d = Document::new("h", HEADER);
        let mut doc = Doc::new(&d);
        annotate(&mut doc, Lexicon::builtin());
        assert_eq!(
            doc.meta.title.as_deref(),
            Some("Ten villagers missing after flood: police")
        );
        assert_eq!(doc.meta.byline.as_deref(), Some("Jane Roe"));
        assert_eq!(doc.meta.source.as_deref(), Some("The Daily Ledger"));
        assert_eq!(
            doc.meta.published.map(|d| d.to_string()).as_deref(),
            Some("2025-03-03")
        );
        assert_eq!(
            doc.slice(doc.body_start..doc.body_start + 2),
            "Ten villagers"
        );
    }

    #[test]
    fn text_without_header_starts_at_once() {
        let d = Document::new(
            "h",
            "Two civilians were killed.\n\nBy nightfall, more had fled.",
        );
        let mut doc = Doc::new(&d);
        annotate(&mut doc, Lexicon::builtin());
        assert_eq!(doc.body_start, 0);
        assert_eq!(doc.meta.title, None);
    }

    #[test]
    fn front_matter_is_read() {
        let d = Document::new(
            "f",
            "---\ntitle: \"Siege of X\"\ndate: 2023-02-01\n---\nBody text.",
        );
        let mut doc = Doc::new(&d);
        annotate(&mut doc, Lexicon::builtin());
        assert_eq!(doc.meta.title.as_deref(), Some("Siege of X"));
        assert_eq!(doc.slice(doc.body_start..doc.body_start + 1), "Body");
    }
}
