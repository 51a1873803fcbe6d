//! Prints the claim drafts of each document with the flags that totals read (subset,
//! background) and the document's totals: for seeing why a figure is or is not counted.
//!
//! `cargo run --release -p sitrep-core --example drafts < documents.jsonl` (one
//! `{"id": ..., "text": ...}` object per line)

use std::io::BufRead;

use sitrep_core::{Document, Extractor};

fn main() {
    let extractor = Extractor::new();
    let lex = extractor.lexicon();
    for line in std::io::stdin().lock().lines() {
        let line = line.expect("standard input");
        if line.trim().is_empty() {
            continue;
        }
        let value: serde_json::Value = serde_json::from_str(&line).expect("a JSON object");
        let id = value["id"].as_str().unwrap_or("?").to_string();
        let text = value["text"].as_str().unwrap_or("").to_string();
        let document = Document::new(id.clone(), text);
        let doc = extractor.annotate(&document);
        for c in &doc.claims {
            let q = &doc.quantities[c.quantity];
            println!(
                "{id}\ts{} {} {:?} head={:?} {}{}\t{:?}",
                c.sentence,
                lex.metrics[c.metric],
                doc.slice(q.tokens.clone()),
                c.subject_head,
                if c.subset { "SUBSET " } else { "" },
                if c.background { "BACKGROUND" } else { "" },
                doc.slice(doc.sentences[c.sentence].tokens.clone()),
            );
        }
        println!("{id}\ttotals {:?}", extractor.totals(&document).totals);
    }
}
