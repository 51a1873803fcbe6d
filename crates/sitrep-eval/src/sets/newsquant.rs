//! NewsQuant (CQE, EMNLP 2023): quantities in news sentences, scored on value and bound class
//! ('=', '~', '>', '<'), every quantity of every unit, as the gold README advises.

use std::path::Path;

use serde::Deserialize;
use sitrep_core::{Document, Extractor, Qualifier, QuantityRecord};

use crate::score::{close, Counts};
use crate::{SetResult, Split};

#[derive(Debug, Deserialize)]
struct Sentence {
    text: String,
    quantities: Vec<Gold>,
}

#[derive(Debug, Deserialize)]
struct Gold {
    change: String,
    value: String,
}

/// A gold quantity as a value (or a range) and a bound class.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounded {
    pub low: f64,
    pub high: Option<f64>,
    pub class: char,
}

/// The bound class of a qualifier in CQE's terms (CQE does not tell >= from >).
pub fn class_of(q: Qualifier) -> char {
    match q {
        Qualifier::Approx => '~',
        Qualifier::AtLeast | Qualifier::MoreThan => '>',
        Qualifier::AtMost | Qualifier::LessThan => '<',
        Qualifier::Exact | Qualifier::Range | Qualifier::Vague => '=',
    }
}

fn gold(g: &Gold) -> Option<Bounded> {
    let class = match g.change.as_str() {
        "~" => '~',
        ">" => '>',
        "<" => '<',
        _ => '=', // '=', and 'up'/'down' (a change, stated exactly)
    };
    let v = g.value.trim();
    // "12-120", "252.0-287.0"; a leading minus is a sign.
    let split = v[1..].find('-').map(|k| k + 1);
    match split {
        Some(k) => Some(Bounded {
            low: v[..k].parse().ok()?,
            high: Some(v[k + 1..].parse().ok()?),
            class,
        }),
        None => Some(Bounded {
            low: v.parse().ok()?,
            high: None,
            class,
        }),
    }
}

fn predicted(q: &QuantityRecord) -> Option<Bounded> {
    let a = &q.amount;
    let mut class = class_of(a.qualifier);
    // CQE marks "about 2000 - 2500" as an approximate range.
    if a.qualifier == Qualifier::Range && starts_approx(&a.text) {
        class = '~';
    }
    match a.qualifier {
        Qualifier::Range => Some(Bounded {
            low: a.low?,
            high: a.high,
            class,
        }),
        _ => Some(Bounded {
            low: a.value?,
            high: None,
            class,
        }),
    }
}

/// Whether a quantity's text opens with an approximating qualifier ("about", "some", "~").
fn starts_approx(text: &str) -> bool {
    let t = sitrep_core::stages::tokens::Tokens::new(text);
    let lex = sitrep_core::lexicon::Lexicon::builtin();
    (1..=t.len().min(4)).any(|end| {
        lex.qualifiers_before
            .longest_ending_at(&t, end, 0)
            .is_some_and(|(len, q)| len == end && *q == Qualifier::Approx)
    })
}

/// Whether a prediction matches a gold quantity: same class, same value; a gold range matches
/// the same range, or a vague amount at its lower end (CQE writes "dozens" as 12-120).
pub fn same(p: &Bounded, g: &Bounded) -> bool {
    p.class == g.class
        && close(p.low, g.low)
        && match (p.high, g.high) {
            (Some(a), Some(b)) => close(a, b),
            (None, None) | (None, Some(_)) => true,
            (Some(_), None) => false,
        }
}

pub fn score(gold_dir: &Path, split: Split) -> Vec<SetResult> {
    let path = gold_dir
        .join("newsquant")
        .join(format!("{}.json", split.name()));
    let sentences: Vec<Sentence> = match super::read(&path)
        .and_then(|t| serde_json::from_str(&t).map_err(|e| format!("{}: {e}", path.display())))
    {
        Ok(s) => s,
        Err(e) => return vec![SetResult::skipped("newsquant", e)],
    };
    let extractor = Extractor::new();
    let mut counts = Counts::default();
    for (k, s) in sentences.iter().enumerate() {
        let doc = Document::new(format!("newsquant-{k}"), s.text.clone());
        let ours: Vec<Bounded> = extractor
            .quantities(&doc)
            .iter()
            .filter_map(predicted)
            .collect();
        let theirs: Vec<Bounded> = s.quantities.iter().filter_map(gold).collect();
        counts.add(&ours, &theirs, same);
    }
    let mut r = SetResult::from_counts(
        "newsquant (value+bound)",
        split.name(),
        sentences.len(),
        counts,
    );
    r.note = format!("{} gold quantities", counts.expected);
    vec![r]
}
