//! sitrep-eval: readers for the external gold sets and their scorers.
//!
//! Each set is a module under [`sets`] that reads its files from the gold folder and returns a
//! [`SetResult`]; [`run`] scores every set present and gathers a [`Report`]. A set whose folder
//! is missing is reported as skipped; a gold folder that is missing altogether is an error.

pub mod score;
pub mod sets;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;

/// Which split to score. `dev` is for tuning; `test` is sealed: measure on it, never read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Split {
    Dev,
    Test,
}

impl Split {
    pub fn name(self) -> &'static str {
        match self {
            Split::Dev => "dev",
            Split::Test => "test",
        }
    }
}

impl std::str::FromStr for Split {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "dev" => Ok(Split::Dev),
            "test" => Ok(Split::Test),
            other => Err(format!("unknown split {other:?}: use dev or test")),
        }
    }
}

/// The score of one gold set.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SetResult {
    pub name: String,
    /// The split scored ("dev", "test", or "all" for conformance suites and the seed).
    pub split: String,
    /// How many cases (rows, sentences, phrases, claims) were scored.
    pub cases: usize,
    pub precision: Option<f64>,
    pub recall: Option<f64>,
    pub f1: Option<f64>,
    /// Set-specific figures: ACLED's agreement and false-death rate, suites' pass rate.
    pub metrics: BTreeMap<String, f64>,
    /// Why a set was skipped, or how it was scored.
    pub note: String,
}

impl SetResult {
    /// A result with precision, recall and F1 from counts.
    pub fn from_counts(name: &str, split: &str, cases: usize, counts: score::Counts) -> SetResult {
        SetResult {
            name: name.into(),
            split: split.into(),
            cases,
            precision: Some(counts.precision()),
            recall: Some(counts.recall()),
            f1: Some(counts.f1()),
            ..SetResult::default()
        }
    }

    /// A skipped set, with the reason.
    pub fn skipped(name: &str, note: impl Into<String>) -> SetResult {
        SetResult {
            name: name.into(),
            split: "-".into(),
            note: note.into(),
            ..SetResult::default()
        }
    }
}

/// Every set's result.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub split: String,
    pub sets: Vec<SetResult>,
}

impl Report {
    /// The report as an aligned text table.
    pub fn table(&self) -> String {
        let fmt = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v:.3}"));
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{:<28} {:>5} {:>7} {:>9} {:>7} {:>7}  other",
            "set", "split", "cases", "precision", "recall", "F1"
        );
        for s in &self.sets {
            let others: Vec<String> = s
                .metrics
                .iter()
                .map(|(k, v)| format!("{k}={v:.3}"))
                .collect();
            let mut tail = others.join(" ");
            if !s.note.is_empty() {
                if !tail.is_empty() {
                    tail.push_str("  ");
                }
                tail.push_str(&s.note);
            }
            let _ = writeln!(
                out,
                "{:<28} {:>5} {:>7} {:>9} {:>7} {:>7}  {}",
                s.name,
                s.split,
                s.cases,
                fmt(s.precision),
                fmt(s.recall),
                fmt(s.f1),
                tail
            );
        }
        out
    }
}

/// An error that stops the evaluation: the gold folder itself is missing or unreadable.
#[derive(Debug)]
pub struct EvalError(pub String);

impl std::fmt::Display for EvalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for EvalError {}

/// Scores another tool's quantities, read from `file`, on NewsQuant's `split` (see
/// [`sets::newsquant::score_predictions`]).
pub fn run_predictions(gold: &Path, split: Split, file: &Path) -> Result<Report, EvalError> {
    if !gold.is_dir() {
        return Err(EvalError(
            "no gold folder here (expected the external gold sets, see ../shared/gold/README.md; pass --gold DIR)".into(),
        ));
    }
    Ok(Report {
        split: split.name().into(),
        sets: sets::newsquant::score_predictions(gold, split, file),
    })
}

/// Scores every gold set under `gold` on `split` (sets whose name contains `only`, if given).
/// `log` receives a line per set as it finishes.
pub fn run(
    gold: &Path,
    split: Split,
    only: Option<&str>,
    log: &mut dyn FnMut(&str),
) -> Result<Report, EvalError> {
    if !gold.is_dir() {
        return Err(EvalError(
            "no gold folder here (expected the external gold sets, see ../shared/gold/README.md; pass --gold DIR)".into(),
        ));
    }
    let mut report = Report {
        split: split.name().into(),
        sets: Vec::new(),
    };
    for (name, scorer) in sets::ALL {
        if only.is_some_and(|o| !name.contains(o)) {
            continue;
        }
        let started = std::time::Instant::now();
        let results = scorer(gold, split);
        for r in results {
            log(&format!(
                "scored {} ({} cases) in {:.1}s",
                r.name,
                r.cases,
                started.elapsed().as_secs_f64()
            ));
            report.sets.push(r);
        }
    }
    Ok(report)
}
