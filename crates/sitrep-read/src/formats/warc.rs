//! Web archives: WARC 1.0 and 1.1, plain or `.warc.gz` (one gzip member per record, read
//! through by the stream layer). One document per `response` record whose HTTP payload is an
//! HTML page, with the record's target URI and date; other records are passed over. A record
//! whose length lies is reported by number, and reading resumes at the next record.

use std::io::{BufRead, Read};

use chrono::NaiveDate;

use crate::formats::html;
use crate::{find_bytes, problem, Event, Format};

/// WARC files (`.warc`, `.warc.gz`, or content that starts `WARC/`).
pub struct Warc;

/// Records larger than this are skipped with a warning.
const MAX_RECORD_BYTES: u64 = 64 << 20;
/// A header line longer than this is not WARC.
const MAX_HEADER_LINE: usize = 64 << 10;

impl Format for Warc {
    fn read(&self, path: &str, input: &mut dyn BufRead, sink: &mut dyn FnMut(Event)) {
        let mut number = 0u64;
        let mut line = Vec::new();
        loop {
            // Find the next record's version line, passing over blank lines and, after a record
            // whose length lied, any stray bytes.
            let mut skipped = 0usize;
            loop {
                line.clear();
                match read_line(input, &mut line) {
                    Ok(0) => {
                        if skipped > 0 {
                            sink(Event::Warning(problem(
                                path,
                                None,
                                format!("{skipped} stray bytes at the end"),
                            )));
                        }
                        return;
                    }
                    Ok(_) => {}
                    Err(e) => return sink(Event::Error(problem(path, None, e.to_string()))),
                }
                if line.starts_with(b"WARC/1.") {
                    break;
                }
                if !line.iter().all(u8::is_ascii_whitespace) {
                    skipped += line.len();
                }
            }
            number += 1;
            if skipped > 0 {
                sink(Event::Warning(problem(
                    path,
                    None,
                    format!("record {number}: {skipped} stray bytes before it (a record before it is longer than its Content-Length)"),
                )));
            }
            let headers = match read_headers(input) {
                Ok(h) => h,
                Err(e) => {
                    return sink(Event::Error(problem(
                        path,
                        None,
                        format!("record {number}: {e}"),
                    )))
                }
            };
            let get = |name: &str| {
                headers
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(name))
                    .map(|(_, v)| v.as_str())
            };
            let Some(length) = get("Content-Length").and_then(|v| v.parse::<u64>().ok()) else {
                return sink(Event::Error(problem(
                    path,
                    None,
                    format!("record {number}: no Content-Length"),
                )));
            };
            let wanted = get("WARC-Type") == Some("response")
                && get("Content-Type").is_some_and(|t| t.contains("application/http"));
            if !wanted || length > MAX_RECORD_BYTES {
                if wanted {
                    sink(Event::Warning(problem(
                        path,
                        None,
                        format!(
                            "record {number}: {length} bytes, larger than {} MB: skipped",
                            MAX_RECORD_BYTES >> 20
                        ),
                    )));
                }
                match std::io::copy(&mut input.take(length), &mut std::io::sink()) {
                    Ok(n) if n == length => continue,
                    Ok(n) => return truncated(path, number, length, n, sink),
                    Err(e) => return sink(Event::Error(problem(path, None, e.to_string()))),
                }
            }
            let mut block = Vec::with_capacity(length as usize);
            match input.take(length).read_to_end(&mut block) {
                Ok(n) if n as u64 == length => {}
                Ok(n) => return truncated(path, number, length, n as u64, sink),
                Err(e) => return sink(Event::Error(problem(path, None, e.to_string()))),
            }
            let uri = get("WARC-Target-URI")
                .map(|u| u.trim_matches(['<', '>']).to_string())
                .unwrap_or_else(|| format!("{path}#{number}"));
            let date = get("WARC-Date").and_then(|d| d.get(..10)?.parse::<NaiveDate>().ok());
            match http_html(&block) {
                Ok(Some(body)) => {
                    let mut warnings = Vec::new();
                    match html::page(&uri, &body, Some(&uri), &mut |w| warnings.push(w)) {
                        Ok(mut d) => {
                            d.meta.url = Some(uri.clone());
                            d.meta.published = d.meta.published.or(date);
                            for w in warnings {
                                sink(Event::Warning(problem(
                                    path,
                                    None,
                                    format!("record {number} ({uri}): {w}"),
                                )));
                            }
                            sink(Event::Document(d));
                        }
                        Err(e) => sink(Event::Warning(problem(
                            path,
                            None,
                            format!("record {number} ({uri}): {e}"),
                        ))),
                    }
                }
                Ok(None) => {}
                Err(e) => sink(Event::Warning(problem(
                    path,
                    None,
                    format!("record {number} ({uri}): {e}"),
                ))),
            }
        }
    }
}

fn truncated(path: &str, number: u64, length: u64, got: u64, sink: &mut dyn FnMut(Event)) {
    sink(Event::Error(problem(
        path,
        None,
        format!("record {number}: truncated, {got} of the {length} bytes its Content-Length gives"),
    )));
}

/// Reads one line (up to `\n`), refusing a line too long to be a header.
fn read_line(input: &mut dyn BufRead, line: &mut Vec<u8>) -> std::io::Result<usize> {
    let n = input.take(MAX_HEADER_LINE as u64).read_until(b'\n', line)?;
    if n == MAX_HEADER_LINE && !line.ends_with(b"\n") {
        return Err(std::io::Error::other("a line too long for a WARC header"));
    }
    Ok(n)
}

/// The named fields up to the blank line.
fn read_headers(input: &mut dyn BufRead) -> Result<Vec<(String, String)>, String> {
    let mut headers = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = read_line(input, &mut line).map_err(|e| e.to_string())?;
        if n == 0 {
            return Err("the archive ends inside a record's header".into());
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            return Ok(headers);
        }
        if let Some((k, v)) = text.split_once(':') {
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
        if headers.len() > 1000 {
            return Err("more than 1,000 header fields".into());
        }
    }
}

/// The body of an HTTP response if it is an HTML page (by its Content-Type, or by its first
/// bytes when it has none), de-chunked and decompressed.
fn http_html(block: &[u8]) -> Result<Option<Vec<u8>>, String> {
    let split = find_bytes(block, b"\r\n\r\n")
        .map(|k| (k, 4))
        .or_else(|| find_bytes(block, b"\n\n").map(|k| (k, 2)))
        .ok_or("an HTTP response without a blank line after its headers")?;
    let head = String::from_utf8_lossy(&block[..split.0]).to_ascii_lowercase();
    let mut body = block[split.0 + split.1..].to_vec();
    let status_ok = head
        .split_whitespace()
        .nth(1)
        .is_some_and(|code| code.starts_with('2'));
    if !status_ok {
        return Ok(None);
    }
    let header = |name: &str| {
        head.lines()
            .skip(1)
            .find_map(|l| l.split_once(':').filter(|(k, _)| k.trim() == name))
            .map(|(_, v)| v.trim().to_string())
    };
    if header("transfer-encoding").is_some_and(|t| t.contains("chunked")) {
        body = dechunk(&body)?;
    }
    if header("content-encoding").is_some_and(|e| e.contains("gzip")) {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&body[..])
            .read_to_end(&mut out)
            .map_err(|e| format!("cannot decompress the page: {e}"))?;
        body = out;
    }
    let html = match header("content-type") {
        Some(t) => t.contains("html"),
        None => {
            let start = String::from_utf8_lossy(&body[..body.len().min(512)]).to_ascii_lowercase();
            start.contains("<html") || start.contains("<!doctype html")
        }
    };
    Ok(html.then_some(body))
}

fn dechunk(body: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let end = find_bytes(rest, b"\r\n").ok_or("a chunked body without its chunk sizes")?;
        let size_text = String::from_utf8_lossy(&rest[..end]);
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
            .map_err(|_| format!("a chunk size that is not hexadecimal: {size_text:?}"))?;
        rest = &rest[end + 2..];
        if size == 0 {
            return Ok(out);
        }
        if rest.len() < size {
            out.extend_from_slice(rest);
            return Ok(out);
        }
        out.extend_from_slice(&rest[..size]);
        rest = rest.get(size + 2..).unwrap_or(&[]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<html><head><title>Strike</title></head><body><article><p>At least 12 civilians were killed when drones struck residential districts of Kharkiv overnight, officials said on Friday.</p><p>More than 40 people were wounded and rescue teams were still searching the rubble of two apartment blocks.</p></article></body></html>";

    fn record(kind: &str, uri: &str, block: &str, lie: i64) -> String {
        let len = block.len() as i64 + lie;
        format!("WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2025-03-14T08:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {len}\r\n\r\n{block}\r\n\r\n")
    }

    fn http(body: &str) -> String {
        format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{body}")
    }

    fn read(bytes: &str) -> Vec<Event> {
        let mut out = Vec::new();
        Warc.read("crawl.warc", &mut bytes.as_bytes(), &mut |e| out.push(e));
        out
    }

    #[test]
    fn response_records_become_documents_and_others_are_passed_over() {
        let warc = [
            "WARC/1.1\r\nWARC-Type: warcinfo\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n".to_string(),
            record("request", "https://a.example/", "GET / HTTP/1.1\r\n\r\n", 0),
            record("response", "https://a.example/kharkiv", &http(PAGE), 0),
            record(
                "response",
                "https://a.example/logo.png",
                "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\u{1}PNG",
                0,
            ),
        ]
        .concat();
        let ev = read(&warc);
        let docs: Vec<_> = ev
            .iter()
            .filter_map(|e| match e {
                Event::Document(d) => Some(d),
                _ => None,
            })
            .collect();
        assert_eq!(docs.len(), 1, "{ev:?}");
        assert_eq!(docs[0].id, "https://a.example/kharkiv");
        assert!(docs[0].text.contains("At least 12 civilians"));
        assert_eq!(docs[0].meta.published.unwrap().to_string(), "2025-03-14");
    }

    #[test]
    fn lengths_that_lie_are_reported_and_reading_goes_on() {
        // A Content-Length 40 bytes short: the rest of its block is stray, the next record is
        // still found.
        let warc = [
            record("response", "https://a.example/1", &http(PAGE), -40),
            record("response", "https://a.example/2", &http(PAGE), 0),
        ]
        .concat();
        let ev = read(&warc);
        assert!(ev.iter().any(|e| matches!(e, Event::Warning(p) if p.message.contains("record 2") && p.message.contains("stray"))), "{ev:?}");
        assert!(ev
            .iter()
            .any(|e| matches!(e, Event::Document(d) if d.id == "https://a.example/2")));
        // A Content-Length past the end of the file: truncated.
        let ev = read(&record(
            "response",
            "https://a.example/3",
            &http(PAGE),
            5000,
        ));
        assert!(
            matches!(ev.last(), Some(Event::Error(p)) if p.message.contains("truncated")),
            "{ev:?}"
        );
    }
}
