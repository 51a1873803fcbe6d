//! Runs the pipeline once over a JSON Lines file of documents (`{"id", "text"}`), for a
//! profiler that counts instructions: `valgrind --tool=callgrind` gives the same counts on every
//! run, which timings on a shared machine do not.
//!
//! ```text
//! cargo build --release -p sitrep-core --example profile
//! valgrind --tool=callgrind target/release/examples/profile docs.jsonl
//! valgrind --tool=callgrind target/release/examples/profile docs.jsonl tokens
//! ```
//!
//! A second argument `tokens` runs the tokenizer alone.

use std::io::BufRead;

use sitrep_core::stages::tokens::Tokens;
use sitrep_core::{Document, Extractor};

fn main() {
    let path = std::env::args().nth(1).expect("usage: profile DOCS.jsonl");
    let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut docs = Vec::new();
    for line in std::io::BufReader::new(file).lines() {
        let line = line.expect("readable line");
        let value: serde_json::Value = serde_json::from_str(&line).expect("a JSON object");
        let text = value["text"].as_str().unwrap_or_default().to_string();
        docs.push(Document::new(value["id"].to_string(), text));
    }
    if std::env::args().nth(2).as_deref() == Some("tokens") {
        let tokens: usize = docs.iter().map(|d| Tokens::new(&d.text).len()).sum();
        println!("{} documents, {tokens} tokens", docs.len());
        return;
    }
    let extractor = Extractor::new();
    let claims: usize = docs.iter().map(|d| extractor.claims(d).len()).sum();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    println!("{} documents, {bytes} bytes, {claims} claims", docs.len());
}
