//! The seed article (Korea Herald, 19 December 2024), the example sitrep is designed around.
//! Its expected claims are the team's reading of the spec example and issue 2: every figure
//! with its metric, bounds, group, place, date and chain of sources, and nothing else.

use std::path::Path;

use sitrep_core::{Claim, Document, Extractor};

use crate::score::Counts;
use crate::{SetResult, Split};

/// The seed article, relative to the gold folder.
pub const SEED: &str = "../corpus/seed/koreaherald-2024-12-19-nk-soldiers.txt";

/// (metric, low, high, qualifier, sources)
type Expected = (
    &'static str,
    Option<f64>,
    Option<f64>,
    &'static str,
    &'static [&'static str],
);

const NIS: &[&str] = &["National Intelligence Service"];
const LEE: &[&str] = &["Lee Seong-kweun", "National Intelligence Service"];

/// Subject, place and date are the same for every claim of the article.
const SUBJECT: &str = "North Korean soldiers";
const PLACE: &str = "Kursk";
const DATE: &str = "2024-12-19";

const EXPECTED: &[Expected] = &[
    ("killed", Some(100.0), None, "at_least", NIS),
    ("wounded", Some(1001.0), None, "more_than", NIS),
    ("deployed", Some(11000.0), Some(11000.0), "approx", LEE),
    ("killed", Some(100.0), None, "at_least", LEE),
    ("wounded", Some(1001.0), None, "more_than", LEE),
];

fn matches(c: &Claim, e: &Expected) -> bool {
    let (metric, low, high, qualifier, sources) = *e;
    c.metric == metric
        && c.quantity.low == low
        && c.quantity.high == high
        && serde_json::to_value(c.quantity.qualifier)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .as_deref()
            == Some(qualifier)
        && c.subject == SUBJECT
        && c.place.as_deref() == Some(PLACE)
        && c.date.map(|d| d.to_string()).as_deref() == Some(DATE)
        && c.sources == sources
}

/// Scores the claims of the seed article: a claim counts only if every field is right.
pub fn score(gold: &Path, _split: Split) -> Vec<SetResult> {
    let path = gold.join(SEED);
    let Ok(text) = std::fs::read_to_string(&path) else {
        return vec![SetResult::skipped(
            "seed",
            format!("{} is missing", path.display()),
        )];
    };
    let claims = Extractor::new().claims(&Document::new("seed", text));
    let mut counts = Counts::default();
    counts.add(&claims, EXPECTED, matches);
    let mut r = SetResult::from_counts("seed (all fields)", "all", EXPECTED.len(), counts);
    r.note = format!(
        "{} claims extracted, {} expected",
        claims.len(),
        EXPECTED.len()
    );
    vec![r]
}
