//! UCDP GED headlines on the war in Ukraine: attribution (the event's `source_original`), place
//! (`where_description`) and the killed count as a weak signal (within `low`..`high`). A headline
//! has no publication date, so dates are scored only where the headline writes one.

use std::path::Path;

use serde::Deserialize;
use sitrep_core::{Document, Extractor};

use crate::score::Counts;
use crate::{SetResult, Split};

#[derive(Debug, Deserialize)]
struct Row {
    headline: String,
    source_original: String,
    where_description: String,
    best: String,
    low: String,
    high: String,
}

fn contains(haystack: &str, needle: &str) -> bool {
    !needle.is_empty() && haystack.to_lowercase().contains(&needle.to_lowercase())
}

pub fn score(gold: &Path, split: Split) -> Vec<SetResult> {
    let path = gold.join("ucdp").join(format!("{}.tsv", split.name()));
    let (rows, bad) = match super::read_tsv::<Row>(&path) {
        Ok(r) => r,
        Err(e) => return vec![SetResult::skipped("ucdp", e)],
    };
    let e = Extractor::new();
    let (mut sources, mut places, mut counts) =
        (Counts::default(), Counts::default(), Counts::default());
    for (k, row) in rows.iter().enumerate() {
        let doc = Document::new(format!("ucdp-{k}"), row.headline.clone());
        let annotated = e.annotate(&doc);
        let claims = sitrep_core::pipeline::claim_records(&annotated, e.lexicon());
        // Attribution: the first source sitrep names for the headline.
        let ours: Vec<String> = claims
            .iter()
            .flat_map(|c| c.sources.first().cloned())
            .take(1)
            .collect();
        let theirs: Vec<&str> = if row.source_original.trim().is_empty() {
            vec![]
        } else {
            vec![row.source_original.as_str()]
        };
        sources.add(&ours, &theirs, |a, b| contains(b, a) || contains(a, b));
        let ours: Vec<String> = claims
            .iter()
            .filter_map(|c| c.place.clone())
            .take(1)
            .collect();
        let theirs: Vec<&str> = vec![row.where_description.as_str()];
        places.add(&ours, &theirs, |a, b| contains(b, a) || contains(a, b));
        let killed = sitrep_core::stages::totals::totals(&annotated, e.lexicon())
            .get("killed")
            .copied();
        let (low, high) = (
            row.low.parse::<u64>().unwrap_or(0),
            row.high.parse::<u64>().unwrap_or(u64::MAX),
        );
        let best: u64 = row.best.parse().unwrap_or(0);
        let ours: Vec<u64> = killed.into_iter().collect();
        let theirs: Vec<u64> = if best > 0 { vec![best] } else { vec![] };
        counts.add(&ours, &theirs, |a, _| (low..=high).contains(a));
    }
    let mut a = SetResult::from_counts("ucdp sources", split.name(), rows.len(), sources);
    a.note = format!("first source within source_original; {bad} rows unreadable");
    let mut p = SetResult::from_counts("ucdp places", split.name(), rows.len(), places);
    p.note = "place within where_description".into();
    let mut c = SetResult::from_counts("ucdp killed (weak)", split.name(), rows.len(), counts);
    c.note = "killed total within low..high".into();
    vec![a, p, c]
}
