//! Lists the PolNeAR dev source spans that no speaker sitrep found overlaps (with the text
//! around them), then the speakers sitrep found that overlap no source, for tuning the sources
//! stage. Reads only the dev split: the test split is sealed.
//!
//! `cargo run --release -p sitrep-eval --example polnear_misses [GOLD_DIR]`

use std::path::PathBuf;

use sitrep_core::{Document, Extractor};
use sitrep_eval::sets::polnear::{articles, sources, speaker_spans};
use sitrep_eval::Split;

fn main() {
    let gold = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/gold"));
    let e = Extractor::new();
    for (stem, text, ann) in articles(&gold, Split::Dev).unwrap_or_else(|why| panic!("{why}")) {
        let chars: Vec<char> = text.chars().collect();
        let document = Document::new(stem.clone(), text);
        let ours = speaker_spans(&e.annotate(&document));
        let theirs = sources(&ann);
        let around = |(s, e): (usize, usize)| {
            let cut =
                |a: usize, b: usize| chars[a..b].iter().collect::<String>().replace('\n', " ");
            let (from, to) = (s.saturating_sub(60), (e + 60).min(chars.len()));
            format!("{}[{}]{}", cut(from, s), cut(s, e), cut(e, to))
        };
        let overlaps = |a: (usize, usize), b: (usize, usize)| a.0 < b.1 && b.0 < a.1;
        for &g in theirs
            .iter()
            .filter(|&&g| !ours.iter().any(|&p| overlaps(p, g)))
        {
            println!("MISS\t{stem}\t{}", around(g));
        }
        for &p in ours
            .iter()
            .filter(|&&p| !theirs.iter().any(|&g| overlaps(p, g)))
        {
            println!("EXTRA\t{stem}\t{}", around(p));
        }
    }
}
