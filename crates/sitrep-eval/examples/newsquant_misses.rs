//! Lists the NewsQuant dev sentences where sitrep's quantities differ from the gold ones, for
//! tuning: what sitrep found that the gold lacks, and what the gold has that sitrep missed.
//! Reads only the dev split: the test split is sealed.
//!
//! `cargo run --release -p sitrep-eval --example newsquant_misses [GOLD_DIR]`

use std::path::PathBuf;

use sitrep_core::{Document, Extractor};
use sitrep_eval::sets::newsquant::{predicted_all, same, sentences, Bounded};
use sitrep_eval::Split;

fn show(b: &Bounded) -> String {
    match b.high {
        Some(h) => format!("{}{}-{h}", b.class, b.low),
        None => format!("{}{}", b.class, b.low),
    }
}

fn main() {
    let gold = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/gold"));
    let sentences = sentences(&gold, Split::Dev).unwrap_or_else(|e| panic!("{e}"));
    let extractor = Extractor::new();
    for (k, s) in sentences.iter().enumerate() {
        let doc = Document::new(format!("newsquant-{k}"), s.text.clone());
        let quantities = extractor.quantities(&doc);
        let ours: Vec<(Bounded, String)> = predicted_all(&quantities)
            .into_iter()
            .map(|(b, q)| (b, q.amount.text.clone()))
            .collect();
        let theirs = s.gold();
        let extra: Vec<String> = ours
            .iter()
            .filter(|(p, _)| !theirs.iter().any(|g| same(p, g)))
            .map(|(p, text)| format!("{} {text:?}", show(p)))
            .collect();
        let missed: Vec<String> = theirs
            .iter()
            .filter(|g| !ours.iter().any(|(p, _)| same(p, g)))
            .map(show)
            .collect();
        if !extra.is_empty() || !missed.is_empty() {
            println!(
                "{k}\t+[{}]\t-[{}]\t{}",
                extra.join(", "),
                missed.join(", "),
                s.text
            );
        }
    }
}
