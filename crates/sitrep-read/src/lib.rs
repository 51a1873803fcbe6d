//! sitrep-read: files to [`Document`]s.
//!
//! Each format is one module under [`formats`] behind the [`Format`] trait, so a new format
//! touches one folder. [`read_path`] walks files and folders, picks each file's format by
//! extension or content, and streams documents, warnings and errors to a callback: a bad record
//! never stops the others, and nothing read is dropped silently.
//!
//! ```
//! use sitrep_read::{read_bytes, Event, InputFormat};
//! let mut ids = Vec::new();
//! read_bytes("notes.jsonl", b"{\"id\": \"a\", \"text\": \"3 killed\"}\nnot json\n", InputFormat::Auto, &mut |e| {
//!     match e {
//!         Event::Document(d) => ids.push(d.id),
//!         Event::Error(e) => assert!(e.to_string().starts_with("notes.jsonl:2: malformed JSON line")),
//!         Event::Warning(_) => {}
//!     }
//! });
//! assert_eq!(ids, ["a"]);
//! ```

pub mod boilerplate;
pub mod formats;
pub mod html_parser;
pub mod language;
pub mod main_text;
pub mod page_meta;

use std::fmt;
use std::path::Path;

pub use sitrep_core::Document;

/// A problem with one input (or one record of it), named by path and line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub line: Option<u64>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path, line, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

/// What a reader hands on: a document, a warning (the document still came), or an error.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Document(Document),
    Warning(Problem),
    Error(Problem),
}

/// The input format: chosen by the user or recognised per file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    Auto,
    Text,
    Jsonl,
    Html,
    Feed,
    Warc,
}

impl std::str::FromStr for InputFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "auto" => Ok(InputFormat::Auto),
            "text" | "txt" => Ok(InputFormat::Text),
            "jsonl" | "ndjson" => Ok(InputFormat::Jsonl),
            "html" | "htm" => Ok(InputFormat::Html),
            "feed" | "rss" | "atom" => Ok(InputFormat::Feed),
            "warc" => Ok(InputFormat::Warc),
            other => Err(format!(
                "unknown input format {other:?} (auto, text, jsonl, html, feed, warc)"
            )),
        }
    }
}

/// One input format: turns a stream of bytes into documents.
pub trait Format {
    /// Reads everything from `input`, named `path` in messages, and hands each event to `sink`.
    fn read(&self, path: &str, input: &mut dyn std::io::BufRead, sink: &mut dyn FnMut(Event));
}

/// The format for a file, by the user's choice, the extension, or the first bytes. A
/// compression extension (`.gz`, `.zst`) is looked through.
fn pick(path: &str, head: &[u8], chosen: InputFormat) -> Box<dyn Format> {
    let lower = path.to_ascii_lowercase();
    let lower = lower
        .strip_suffix(".gz")
        .or(lower.strip_suffix(".zst"))
        .unwrap_or(&lower);
    let chosen = match chosen {
        InputFormat::Auto => by_name_or_content(lower, head),
        other => other,
    };
    match chosen {
        InputFormat::Jsonl => Box::new(formats::jsonl::Jsonl),
        InputFormat::Html => Box::new(formats::html::Html),
        InputFormat::Feed => Box::new(formats::feed::Feed),
        InputFormat::Warc => Box::new(formats::warc::Warc),
        InputFormat::Text | InputFormat::Auto => Box::new(formats::text::Text),
    }
}

fn by_name_or_content(lower: &str, head: &[u8]) -> InputFormat {
    let ends = |exts: &[&str]| exts.iter().any(|e| lower.ends_with(e));
    if ends(&[".jsonl", ".ndjson"]) {
        return InputFormat::Jsonl;
    }
    if ends(&[".html", ".htm", ".xhtml"]) {
        return InputFormat::Html;
    }
    if ends(&[".warc"]) || head.starts_with(b"WARC/1.") {
        return InputFormat::Warc;
    }
    if ends(&[".rss", ".atom"]) || is_feed(head) {
        return InputFormat::Feed;
    }
    if ends(&[".txt", ".md"]) {
        return InputFormat::Text;
    }
    let start = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = &start[start
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(start.len())..];
    let prefix = start[..start.len().min(64)].to_ascii_lowercase();
    if prefix.starts_with(b"{") {
        InputFormat::Jsonl
    } else if prefix.starts_with(b"<!doctype html")
        || prefix.starts_with(b"<html")
        || (prefix.starts_with(b"<!--") && head.len() > 4 && find_html_tag(head))
    {
        InputFormat::Html
    } else {
        InputFormat::Text
    }
}

/// Whether the first kilobytes hold a feed's root element (`<rss`, `<feed`, `<rdf:RDF`).
fn is_feed(head: &[u8]) -> bool {
    let head = head[..head.len().min(4096)].to_ascii_lowercase();
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace() && *b != 0xef && *b != 0xbb && *b != 0xbf);
    let Some(start) = start else { return false };
    head[start] == b'<'
        && [b"<rss".as_slice(), b"<feed", b"<rdf:rdf"]
            .iter()
            .any(|root| find_bytes(&head, root).is_some())
        && find_bytes(&head, b"<html").is_none()
}

/// Whether an `<html` tag stands in the first kilobytes (a page that opens with a comment).
fn find_html_tag(head: &[u8]) -> bool {
    let head = &head[..head.len().min(4096)];
    find_bytes(&head.to_ascii_lowercase(), b"<html").is_some()
}

/// Reads one path: a file, a folder (recursively, in name order), or `-` for standard input.
pub fn read_path(path: &Path, chosen: InputFormat, sink: &mut dyn FnMut(Event)) {
    walk(path, &mut |input| match input {
        Ok(file) => read_file(&file.path, chosen, sink),
        Err(p) => sink(Event::Error(p)),
    });
}

/// One input file found by [`walk`], with its size (none for standard input, a named pipe or
/// a device: a stream).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    pub path: std::path::PathBuf,
    pub size: Option<u64>,
}

/// The files under `path` in the order [`read_path`] reads them: a folder recursively in name
/// order, hidden entries skipped; `-` stands for standard input. What cannot be listed comes
/// as a [`Problem`].
pub fn walk(path: &Path, each: &mut dyn FnMut(Result<InputFile, Problem>)) {
    let name = path.display().to_string();
    if name == "-" {
        return each(Ok(InputFile {
            path: path.to_path_buf(),
            size: None,
        }));
    }
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return each(Err(problem(&name, None, e.to_string()))),
    };
    if !meta.is_dir() {
        // A named pipe or a device (`/dev/stdin`) has no size: it is read as a stream.
        return each(Ok(InputFile {
            path: path.to_path_buf(),
            size: meta.is_file().then_some(meta.len()),
        }));
    }
    let mut entries: Vec<_> = match std::fs::read_dir(path) {
        Ok(rd) => rd.filter_map(Result::ok).map(|e| e.path()).collect(),
        Err(e) => return each(Err(problem(&name, None, e.to_string()))),
    };
    entries.sort();
    for entry in entries {
        let hidden = entry
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if !hidden {
            walk(&entry, each);
        }
    }
}

/// Reads one file (not a folder), or standard input for `-`.
pub fn read_file(path: &Path, chosen: InputFormat, sink: &mut dyn FnMut(Event)) {
    let name = path.display().to_string();
    if name == "-" {
        let stdin = std::io::stdin();
        read_stream("-", &mut stdin.lock(), chosen, sink);
        return;
    }
    match std::fs::File::open(path) {
        Ok(file) => read_stream(
            &name,
            &mut std::io::BufReader::with_capacity(1 << 16, file),
            chosen,
            sink,
        ),
        Err(e) => sink(Event::Error(problem(&name, None, e.to_string()))),
    }
}

/// Reads a stream named `path`, recognising its format from the name and first bytes, and
/// decompressing gzip (`.gz`, one member or many) and Zstandard (`.zst`) on the way.
pub fn read_stream(
    path: &str,
    input: &mut dyn std::io::BufRead,
    chosen: InputFormat,
    sink: &mut dyn FnMut(Event),
) {
    // The first bytes decide, borrowed from the reader's buffer: nothing is copied.
    let head = match input.fill_buf() {
        Ok([0x1f, 0x8b, ..]) => Head::Gzip,
        Ok([0x28, 0xb5, 0x2f, 0xfd, ..]) => Head::Zstd,
        Ok(h) => Head::Plain(pick(path, h, chosen)),
        Err(e) => return sink(Event::Error(problem(path, None, e.to_string()))),
    };
    match head {
        Head::Gzip => {
            let decoder = flate2::bufread::MultiGzDecoder::new(input);
            let mut inner = std::io::BufReader::with_capacity(1 << 16, decoder);
            read_decompressed(path, &mut inner, chosen, sink);
        }
        Head::Zstd => match ruzstd::decoding::StreamingDecoder::new(input) {
            Ok(decoder) => {
                let mut inner = std::io::BufReader::with_capacity(1 << 16, decoder);
                read_decompressed(path, &mut inner, chosen, sink);
            }
            Err(e) => sink(Event::Error(problem(
                path,
                None,
                format!("not a readable Zstandard stream: {e}"),
            ))),
        },
        Head::Plain(format) => format.read(path, input, sink),
    }
}

/// What a stream's first bytes say: compressed, or a format to read as it is.
enum Head {
    Gzip,
    Zstd,
    Plain(Box<dyn Format>),
}

/// Reads a decompressed stream; a damaged or truncated archive is an error naming the file,
/// after every document read before the damage.
fn read_decompressed(
    path: &str,
    inner: &mut dyn std::io::BufRead,
    chosen: InputFormat,
    sink: &mut dyn FnMut(Event),
) {
    let format = match inner.fill_buf() {
        Ok(h) => pick(path, h, chosen),
        Err(e) => {
            return sink(Event::Error(problem(
                path,
                None,
                format!("cannot decompress: {e}"),
            )))
        }
    };
    format.read(path, inner, sink);
}

/// Reads an in-memory input named `path` (tests, the evaluation).
pub fn read_bytes(path: &str, bytes: &[u8], chosen: InputFormat, sink: &mut dyn FnMut(Event)) {
    let mut input = std::io::BufReader::new(bytes);
    read_stream(path, &mut input, chosen, sink);
}

/// A problem record.
pub fn problem(path: &str, line: Option<u64>, message: impl Into<String>) -> Problem {
    Problem {
        path: path.to_string(),
        line,
        message: message.into(),
    }
}

/// Decodes bytes as UTF-8, replacing what is invalid and warning about it.
pub fn decode(
    path: &str,
    line: Option<u64>,
    bytes: Vec<u8>,
    sink: &mut dyn FnMut(Event),
) -> String {
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            sink(Event::Warning(problem(
                path,
                line,
                format!("invalid UTF-8 at byte {at}, replaced with U+FFFD"),
            )));
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    }
}

/// Where `needle` first stands in `hay`.
pub(crate) fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Reads a whole stream into bytes.
pub(crate) fn read_all(
    path: &str,
    input: &mut dyn std::io::BufRead,
    sink: &mut dyn FnMut(Event),
) -> Option<Vec<u8>> {
    let mut bytes = Vec::new();
    match std::io::Read::read_to_end(input, &mut bytes) {
        Ok(_) => Some(bytes),
        Err(e) => {
            sink(Event::Error(problem(path, None, e.to_string())));
            None
        }
    }
}

/// A date as feeds and pages write them: RFC 2822 (RSS), RFC 3339 (Atom, Dublin Core,
/// JSON-LD, meta tags), or one that starts with `YYYY-MM-DD`.
pub(crate) fn parse_date(s: &str) -> Option<chrono::NaiveDate> {
    let s = s.trim();
    chrono::DateTime::parse_from_rfc2822(s)
        .or_else(|_| chrono::DateTime::parse_from_rfc3339(s))
        .map(|d| d.date_naive())
        .ok()
        .or_else(|| s.get(..10).and_then(|d| d.parse().ok()))
}
