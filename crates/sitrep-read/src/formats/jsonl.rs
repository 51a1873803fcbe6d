//! JSON Lines: one document per line, `{"id", "text"}` or `{"id", "html"}` with optional `url`,
//! `title`, `published` (RFC 3339 or `YYYY-MM-DD`) and `source`. Streams line by line, so a
//! file of any size is read in memory bounded by its longest line.

use std::io::BufRead;

use serde::Deserialize;
use sitrep_core::{Document, Meta};

use crate::{decode, problem, Event, Format};

/// JSON Lines documents (`.jsonl`, `.ndjson`, `--input jsonl`).
pub struct Jsonl;

#[derive(Deserialize)]
struct Record {
    id: Option<serde_json::Value>,
    text: Option<String>,
    html: Option<String>,
    url: Option<String>,
    title: Option<String>,
    published: Option<String>,
    source: Option<String>,
    language: Option<String>,
}

impl Format for Jsonl {
    fn read(&self, path: &str, input: &mut dyn BufRead, sink: &mut dyn FnMut(Event)) {
        let mut buf = Vec::new();
        let mut line_no = 0u64;
        loop {
            buf.clear();
            match input.read_until(b'\n', &mut buf) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) => {
                    sink(Event::Error(problem(
                        path,
                        Some(line_no + 1),
                        e.to_string(),
                    )));
                    break;
                }
            }
            line_no += 1;
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            // Valid UTF-8 parses straight from the buffer; anything else is repaired first.
            let parsed = match std::str::from_utf8(&buf) {
                Ok(line) => parse(path, line_no, line),
                Err(_) => {
                    let line = decode(path, Some(line_no), std::mem::take(&mut buf), sink);
                    parse(path, line_no, &line)
                }
            };
            // Do not keep a huge line's buffer while its document is processed.
            if buf.capacity() > 1 << 23 {
                buf = Vec::new();
            }
            match parsed {
                Ok(doc) => sink(Event::Document(doc)),
                Err(message) => sink(Event::Error(problem(path, Some(line_no), message))),
            }
        }
    }
}

fn parse(path: &str, line_no: u64, line: &str) -> Result<Document, String> {
    let r: Record = serde_json::from_str(line).map_err(|e| format!("malformed JSON line: {e}"))?;
    let id = match r.id {
        Some(serde_json::Value::String(s)) => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        Some(_) => return Err("\"id\" must be a string or a number".into()),
        None => format!("{path}:{line_no}"),
    };
    let page = match (r.text, r.html) {
        (Some(t), _) => Document::new(id.clone(), t),
        (None, Some(h)) => {
            // A whole page: its main text and metadata; the record's own fields win.
            crate::formats::html::page(&id, h.as_bytes(), r.url.as_deref(), &mut |_| {})
                .or_else(|_| Ok::<_, String>(Document::new(id.clone(), html_to_text(&h))))?
        }
        (None, None) => return Err("the record has neither \"text\" nor \"html\"".into()),
    };
    let text = page.text;
    let published = match r.published.as_deref() {
        None | Some("") => None,
        Some(p) => Some(
            p.get(..10)
                .and_then(|d| d.parse().ok())
                .ok_or_else(|| format!("\"published\" is not RFC 3339 or YYYY-MM-DD: {p:?}"))?,
        ),
    };
    Ok(Document {
        id,
        text,
        meta: Meta {
            title: r.title.or(page.meta.title),
            byline: page.meta.byline,
            published: published.or(page.meta.published),
            url: r.url.or(page.meta.url),
            source: r.source.or(page.meta.source),
            language: r.language.or(page.meta.language),
        },
    })
}

/// The text of an HTML fragment: tags dropped, block elements as line breaks, scripts and styles
/// removed, the common entities decoded. Whole pages are the HTML reader's job.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..lt]));
        let after = &rest[lt + 1..];
        let Some(gt) = after.find('>') else {
            rest = "";
            break;
        };
        let tag = after[..gt].trim_start_matches('/').to_ascii_lowercase();
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        rest = &after[gt + 1..];
        if matches!(name.as_str(), "script" | "style") && !after.starts_with('/') {
            let close = format!("</{name}");
            let end = rest.to_ascii_lowercase().find(&close).unwrap_or(rest.len());
            rest = &rest[end..];
            continue;
        }
        if matches!(
            name.as_str(),
            "p" | "div"
                | "br"
                | "li"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "tr"
                | "blockquote"
                | "section"
                | "article"
        ) {
            out.push_str("\n\n");
        }
    }
    out.push_str(&decode_entities(rest));
    out.trim().to_string()
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&rsquo;", "\u{2019}")
        .replace("&lsquo;", "\u{2018}")
        .replace("&ldquo;", "\u{201c}")
        .replace("&rdquo;", "\u{201d}")
        .replace("&mdash;", "\u{2014}")
        .replace("&ndash;", "\u{2013}")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{read_bytes, InputFormat};

    fn events(bytes: &[u8]) -> Vec<Event> {
        let mut out = Vec::new();
        read_bytes("in.jsonl", bytes, InputFormat::Auto, &mut |e| out.push(e));
        out
    }

    #[test]
    fn reads_fields_and_keeps_going_after_a_bad_line() {
        let ev = events(b"{\"id\":\"a\",\"text\":\"x\",\"published\":\"2024-12-19T15:30:00+09:00\"}\n{oops\n\n{\"id\":7,\"html\":\"<p>3 <b>killed</b></p>\"}\n");
        assert!(
            matches!(&ev[0], Event::Document(d) if d.meta.published.unwrap().to_string() == "2024-12-19")
        );
        assert!(matches!(&ev[1], Event::Error(p) if p.line == Some(2)));
        assert!(
            matches!(&ev[2], Event::Document(d) if d.id == "7" && d.text.trim() == "3 killed"),
            "{:?}",
            ev[2]
        );
        assert_eq!(ev.len(), 3);
    }

    #[test]
    fn missing_text_and_bad_dates_are_errors() {
        let ev = events(b"{\"id\":\"a\"}\n{\"text\":\"x\",\"published\":\"yesterday\"}\n");
        assert!(matches!(&ev[0], Event::Error(p) if p.message.contains("neither")));
        assert!(matches!(&ev[1], Event::Error(p) if p.message.contains("published")));
    }
}
