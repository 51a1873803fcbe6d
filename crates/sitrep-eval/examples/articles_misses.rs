//! Lists the article benchmark's dev pages by shingle precision and recall, worst first, for
//! tuning main-text extraction. Reads only the dev split: the test split is sealed.
//!
//! `cargo run --release -p sitrep-eval --example articles_misses [GOLD_DIR]`

use std::path::PathBuf;

use sitrep_eval::sets::articles::shingle_scores;
use sitrep_read::{read_path, Event, InputFormat};

fn main() {
    let gold = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/gold"));
    let dir = gold.join("articles");
    let read = |name: &str| -> serde_json::Value {
        let path = dir.join(name);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    let (truth, split) = (read("ground-truth.json"), read("split.json"));
    let mut rows = Vec::new();
    for id in split["dev"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str())
    {
        let mut text = String::new();
        read_path(
            &dir.join("html").join(format!("{id}.html.gz")),
            InputFormat::Html,
            &mut |e| {
                if let Event::Document(d) = e {
                    text = d.text;
                }
            },
        );
        let gold = truth[id]["articleBody"].as_str().unwrap_or("");
        let (p, r) = shingle_scores(gold, &text);
        rows.push((p.min(r), p, r, id.to_string(), text.len(), gold.len()));
    }
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (_, p, r, id, ours, theirs) in rows {
        println!("{id}\tP {p:.3}\tR {r:.3}\tours {ours} chars\tgold {theirs} chars");
    }
}
