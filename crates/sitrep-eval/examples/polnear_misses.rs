//! Lists the PolNeAR dev source spans that no speaker sitrep found overlaps (with the text
//! around them), then the speakers sitrep found that overlap no source, for tuning the sources
//! stage. Reads only the dev split: the test split is sealed.
//!
//! `cargo run --release -p sitrep-eval --example polnear_misses [GOLD_DIR]`

use std::collections::BTreeMap;
use std::path::PathBuf;

use sitrep_core::doc::CharOffsets;
use sitrep_core::{Document, Extractor};
use sitrep_eval::sets::polnear::sources;

fn main() {
    let gold = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/gold"));
    let dir = gold.join("polnear").join("dev");
    let mut anns: BTreeMap<String, PathBuf> = BTreeMap::new();
    for entry in std::fs::read_dir(dir.join("attributions"))
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(base) = name.strip_suffix(".ann") {
            let stem = base.rsplit_once('_').map_or(base, |(s, _)| s).to_string();
            anns.entry(stem).or_insert(entry.path());
        }
    }
    let e = Extractor::new();
    for (stem, ann) in &anns {
        let (Ok(text), Ok(ann)) = (
            std::fs::read_to_string(dir.join("text").join(format!("{stem}.txt"))),
            std::fs::read_to_string(ann),
        ) else {
            continue;
        };
        let document = Document::new(stem.clone(), text.clone());
        let doc = e.annotate(&document);
        let mut offsets = CharOffsets::new(doc.text);
        let list = &doc.tokens.list;
        let ours: Vec<(usize, usize)> = doc
            .attributions
            .iter()
            .flat_map(|a| a.speakers.iter())
            .map(|r| {
                (
                    offsets.chars(list[r.start].start),
                    offsets.chars(list[r.end - 1].end),
                )
            })
            .collect();
        let theirs = sources(&ann);
        let chars: Vec<char> = text.chars().collect();
        let around = |(s, e): (usize, usize)| {
            let from = s.saturating_sub(60);
            let to = (e + 60).min(chars.len());
            let cut =
                |a: usize, b: usize| chars[a..b].iter().collect::<String>().replace('\n', " ");
            format!("{}[{}]{}", cut(from, s), cut(s, e), cut(e, to))
        };
        for &g in &theirs {
            if !ours.iter().any(|p| p.0 < g.1 && g.0 < p.1) {
                println!("MISS\t{stem}\t{}", around(g));
            }
        }
        for &p in &ours {
            if !theirs.iter().any(|g| p.0 < g.1 && g.0 < p.1) {
                println!("EXTRA\t{stem}\t{}", around(p));
            }
        }
    }
}
