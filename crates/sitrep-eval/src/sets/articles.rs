//! The Zyte article extraction benchmark: the main text sitrep reads from 181 real HTML pages,
//! against the text a person marked, scored with the benchmark's own metric (see the set's
//! SOURCE.md): each text becomes its multiset of 4-token shingles (tokens are runs of word
//! characters); per page, true and false positives and negatives are divided by their sum so
//! that every page weighs the same; precision and recall are the means over pages, F1 comes
//! from those means. Also reported: how often a title and a publication date were found.

use std::collections::HashMap;
use std::path::Path;

use sitrep_read::{read_path, Event, InputFormat};

use crate::{SetResult, Split};

pub fn score(gold: &Path, split: Split) -> Vec<SetResult> {
    let dir = gold.join("articles");
    let json = |name: &str| -> Option<serde_json::Value> {
        serde_json::from_slice(&std::fs::read(dir.join(name)).ok()?).ok()
    };
    let truth = match json("ground-truth.json") {
        Some(v) => v,
        None => {
            return vec![SetResult::skipped(
                "articles",
                "articles/ground-truth.json is missing or unreadable",
            )]
        }
    };
    let splits = match json("split.json") {
        Some(v) => v,
        None => {
            return vec![SetResult::skipped(
                "articles",
                "articles/split.json is missing",
            )]
        }
    };
    let name = match split {
        Split::Dev => "dev",
        Split::Test => "test",
    };
    let ids: Vec<String> = splits[name]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let all: Vec<String> = truth
        .as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default();
    let pages = read_pages(&dir.join("html"), &all);
    let mut out = vec![page_scores("articles", name, &ids, &truth, &pages)];
    if split == Split::Test {
        // The target is on the sealed split and on all 181 pages.
        out.push(page_scores(
            "articles (all pages)",
            "all",
            &all,
            &truth,
            &pages,
        ));
    }
    out
}

/// What sitrep read from each page: its text, and whether a title and a date were found.
struct Read {
    text: String,
    title: bool,
    published: bool,
}

fn read_pages(dir: &Path, ids: &[String]) -> HashMap<String, Read> {
    let mut pages = HashMap::new();
    for id in ids {
        let path = dir.join(format!("{id}.html.gz"));
        read_path(&path, InputFormat::Html, &mut |event| {
            if let Event::Document(d) = event {
                pages.insert(
                    id.clone(),
                    Read {
                        text: d.text,
                        title: d.meta.title.is_some(),
                        published: d.meta.published.is_some(),
                    },
                );
            }
        });
    }
    pages
}

fn page_scores(
    label: &str,
    split: &str,
    ids: &[String],
    truth: &serde_json::Value,
    pages: &HashMap<String, Read>,
) -> SetResult {
    let (mut p_sum, mut r_sum, mut exact, mut titles, mut dates) = (0.0, 0.0, 0, 0, 0);
    for id in ids {
        let gold = truth[id]["articleBody"].as_str().unwrap_or("");
        let read = pages.get(id);
        let predicted = read.map_or("", |r| r.text.as_str());
        let (p, r) = shingle_scores(gold, predicted);
        p_sum += p;
        r_sum += r;
        exact += usize::from(tokens(gold) == tokens(predicted));
        titles += usize::from(read.is_some_and(|r| r.title));
        dates += usize::from(read.is_some_and(|r| r.published));
    }
    let n = ids.len().max(1) as f64;
    let (precision, recall) = (p_sum / n, r_sum / n);
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    let mut result = SetResult {
        name: label.into(),
        split: split.into(),
        cases: ids.len(),
        precision: Some(precision),
        recall: Some(recall),
        f1: Some(f1),
        note: "shingle F1 of the main text; title and published: share of pages".into(),
        ..SetResult::default()
    };
    result.metrics.insert("exact".into(), exact as f64 / n);
    result.metrics.insert("title".into(), titles as f64 / n);
    result.metrics.insert("published".into(), dates as f64 / n);
    result
}

/// Runs of word characters, as Python's `\w+` finds them.
fn tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
        .collect()
}

/// A text's 4-token shingles with their counts (a text of fewer tokens is one shingle).
fn shingles(text: &str) -> HashMap<Vec<&str>, usize> {
    let t = tokens(text);
    let mut out = HashMap::new();
    if t.is_empty() {
        return out;
    }
    if t.len() < 4 {
        out.insert(t, 1);
        return out;
    }
    for w in t.windows(4) {
        *out.entry(w.to_vec()).or_insert(0) += 1;
    }
    out
}

/// One page's precision and recall, as the benchmark computes them.
pub fn shingle_scores(gold: &str, predicted: &str) -> (f64, f64) {
    let g = shingles(gold);
    let p = shingles(predicted);
    let mut tp = 0usize;
    for (s, &n) in &p {
        tp += n.min(g.get(s).copied().unwrap_or(0));
    }
    let fp = p.values().sum::<usize>() - tp;
    let fn_ = g.values().sum::<usize>() - tp;
    if tp + fp + fn_ == 0 {
        return (1.0, 1.0);
    }
    let precision = if tp + fp > 0 {
        tp as f64 / (tp + fp) as f64
    } else if fn_ == 0 {
        1.0
    } else {
        0.0
    };
    let recall = if tp + fn_ > 0 {
        tp as f64 / (tp + fn_) as f64
    } else if fp == 0 {
        1.0
    } else {
        0.0
    };
    (precision, recall)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingles_score_overlap() {
        assert_eq!(
            shingle_scores("one two three four five", "one two three four five"),
            (1.0, 1.0)
        );
        let (p, r) = shingle_scores(
            "one two three four five six",
            "one two three four five six seven eight",
        );
        assert_eq!(r, 1.0);
        assert!((p - 3.0 / 5.0).abs() < 1e-9);
        assert_eq!(shingle_scores("one two three four", ""), (0.0, 0.0));
    }
}
