//! PolNeAR (LREC 2018): attribution relations in news, brat standoff. Scores the speaker spans
//! sitrep finds ("X said", "according to X", "citing X") against the Source spans annotators
//! marked: a span matches when the two overlap. The first annotator's file of each article is
//! the gold.

use std::collections::BTreeMap;
use std::path::Path;

use sitrep_core::doc::CharOffsets;
use sitrep_core::{Document, Extractor};

use crate::score::Counts;
use crate::{SetResult, Split};

/// Source spans (character offsets) of a brat `.ann` file.
pub fn sources(ann: &str) -> Vec<(usize, usize)> {
    ann.lines()
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let id = cols.next()?;
            let label = cols.next()?;
            if !id.starts_with('T') {
                return None;
            }
            let mut parts = label.split(' ');
            if parts.next()? != "Source" {
                return None;
            }
            // "Source 89 106" or a discontinuous "Source 89 95;97 106"
            let start: usize = parts.next()?.parse().ok()?;
            let end: usize = parts.next_back()?.parse().ok()?;
            Some((start, end))
        })
        .collect()
}

/// The split's articles as (name, text, first annotator's `.ann` file), or why they cannot be
/// read (a missing folder).
pub fn articles(gold: &Path, split: Split) -> Result<Vec<(String, String, String)>, String> {
    let dir = gold.join("polnear").join(split.name());
    let entries = std::fs::read_dir(dir.join("attributions"))
        .map_err(|_| format!("{} is missing", dir.display()))?;
    // stem -> first annotator's file
    let mut anns: BTreeMap<String, std::path::PathBuf> = BTreeMap::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(base) = name.strip_suffix(".ann") else {
            continue;
        };
        let stem = base.rsplit_once('_').map_or(base, |(s, _)| s).to_string();
        anns.entry(stem).or_insert(entry.path());
    }
    Ok(anns
        .into_iter()
        .filter_map(|(stem, ann)| {
            let text = std::fs::read_to_string(dir.join("text").join(format!("{stem}.txt")));
            Some((stem, text.ok()?, std::fs::read_to_string(ann).ok()?))
        })
        .collect())
}

/// The character spans of the speakers sitrep finds in an annotated document.
pub fn speaker_spans(doc: &sitrep_core::doc::Doc) -> Vec<(usize, usize)> {
    let mut offsets = CharOffsets::new(doc.text);
    doc.attributions
        .iter()
        .flat_map(|a| a.speakers.iter())
        .map(|r| {
            let bytes = doc.tokens.byte_range(r.clone());
            (offsets.chars(bytes.start), offsets.chars(bytes.end))
        })
        .collect()
}

pub fn score(gold: &Path, split: Split) -> Vec<SetResult> {
    let articles = match articles(gold, split) {
        Ok(a) => a,
        Err(why) => return vec![SetResult::skipped("polnear", why)],
    };
    let e = Extractor::new();
    let mut counts = Counts::default();
    let n = articles.len();
    for (stem, text, ann) in articles {
        let document = Document::new(stem, text);
        let ours = speaker_spans(&e.annotate(&document));
        let theirs = sources(&ann);
        counts.add(&ours, &theirs, |p, g| p.0 < g.1 && g.0 < p.1);
    }
    let mut r = SetResult::from_counts("polnear sources (overlap)", split.name(), n, counts);
    r.note = format!("{} gold source spans", counts.expected);
    vec![r]
}
