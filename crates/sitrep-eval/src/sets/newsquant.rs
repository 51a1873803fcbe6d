//! NewsQuant (CQE, EMNLP 2023): quantities in news sentences, scored on value and bound class
//! ('=', '~', '>', '<'), every quantity of every unit, as the gold README advises.

use std::path::Path;

use serde::Deserialize;
use sitrep_core::{ChangedFrom, Document, Extractor, Qualifier, QuantityRecord};

use crate::score::{close, Counts};
use crate::{SetResult, Split};

/// A NewsQuant sentence and its gold quantities.
#[derive(Debug, Deserialize)]
pub struct Sentence {
    pub text: String,
    quantities: Vec<Gold>,
}

impl Sentence {
    /// The gold quantities that can be scored, as values and bound classes.
    pub fn gold(&self) -> Vec<Bounded> {
        self.quantities.iter().filter_map(gold).collect()
    }
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

/// A quantity of `sitrep quantities` as scoring sees it.
pub fn predicted(q: &QuantityRecord) -> Option<Bounded> {
    let a = &q.amount;
    // NewsQuant's annotators mark vague amounts that carry a magnitude ("thousands", "tens of
    // thousands" as ranges) but no quantifier without one ("several", "a handful"): the two
    // "several" of the dev split are both left unmarked.
    if a.qualifier == Qualifier::Vague && a.value.is_some_and(|v| v < 10.0) {
        return None;
    }
    let mut class = class_of(a.qualifier);
    // CQE marks "about 2000 - 2500" as an approximate range.
    if a.qualifier == Qualifier::Range && starts_approx(&a.text) {
        class = '~';
    }
    bounded(a.qualifier, class, a.value, a.low, a.high)
}

/// A predicted amount as scoring sees it: a range by its bounds, anything else by its value.
fn bounded(
    qualifier: Qualifier,
    class: char,
    value: Option<f64>,
    low: Option<f64>,
    high: Option<f64>,
) -> Option<Bounded> {
    match qualifier {
        Qualifier::Range => Some(Bounded {
            low: low?,
            high,
            class,
        }),
        _ => Some(Bounded {
            low: value?,
            high: None,
            class,
        }),
    }
}

/// A prediction as scoring first sees it: its bounds, where it stands, and the old level
/// (value and span) where it is the new level of a change.
pub struct Found<T> {
    pub bounded: Bounded,
    pub span: Option<[usize; 2]>,
    pub changed_from: Option<(f64, [usize; 2])>,
    /// What the caller keeps with it (the text, for listing misses).
    pub with: T,
}

/// Joins each figure given as a change of level, old level first ("dropping from 208 pounds
/// to 193"), into one range from the old level to the new, as NewsQuant writes it
/// ("208.0-193.0"); the old level is not scored again on its own. The other order ("rose to
/// 6.7% from 6.29%") NewsQuant mostly writes as two figures (two sentences of three on dev),
/// and it is scored so.
pub fn join_changes<T>(found: Vec<Found<T>>) -> Vec<(Bounded, T)> {
    let forward = |f: &Found<T>| {
        f.changed_from
            .filter(|(_, old)| f.span.is_some_and(|new| old[0] < new[0]))
    };
    let olds: Vec<[usize; 2]> = found
        .iter()
        .filter_map(|f| forward(f).map(|(_, span)| span))
        .collect();
    found
        .into_iter()
        .filter(|f| f.span.is_none_or(|span| !olds.contains(&span)))
        .map(|f| {
            let bounded = match forward(&f) {
                Some((old, _)) if f.bounded.high.is_none() => Bounded {
                    low: old,
                    high: Some(f.bounded.low),
                    class: f.bounded.class,
                },
                _ => f.bounded,
            };
            (bounded, f.with)
        })
        .collect()
}

/// The old level of a change as [`Found`] keeps it: its value and span.
fn old_level(changed_from: Option<&ChangedFrom>) -> Option<(f64, [usize; 2])> {
    changed_from.and_then(|c| Some((c.value?, c.span)))
}

/// The quantities of one sentence as scoring sees them: [`predicted`] for each, changes of
/// level joined by [`join_changes`].
pub fn predicted_all(records: &[QuantityRecord]) -> Vec<(Bounded, &QuantityRecord)> {
    let found = records
        .iter()
        .filter_map(|r| {
            Some(Found {
                bounded: predicted(r)?,
                span: Some(r.span),
                changed_from: old_level(r.changed_from.as_ref()),
                with: r,
            })
        })
        .collect();
    join_changes(found)
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

/// Whether a prediction has a gold quantity's value, whatever its bound class: the measure for
/// number extractors that give no bounds (spaCy's CARDINAL entities, quantulum3).
pub fn same_value(p: &Bounded, g: &Bounded) -> bool {
    close(p.low, g.low)
        && match (p.high, g.high) {
            (Some(a), Some(b)) => close(a, b),
            _ => true,
        }
}

/// The sentences of one split.
pub fn sentences(gold_dir: &Path, split: Split) -> Result<Vec<Sentence>, String> {
    let path = gold_dir
        .join("newsquant")
        .join(format!("{}.json", split.name()));
    super::read(&path)
        .and_then(|t| serde_json::from_str(&t).map_err(|e| format!("{}: {e}", path.display())))
}

/// Scores predictions per sentence: value and bound class, and value alone.
fn results(
    name: &str,
    split: Split,
    sentences: &[Sentence],
    mut predictions: impl FnMut(usize, &Sentence) -> Vec<Bounded>,
) -> Vec<SetResult> {
    let mut bounded = Counts::default();
    let mut values = Counts::default();
    for (k, s) in sentences.iter().enumerate() {
        let ours = predictions(k, s);
        let theirs = s.gold();
        bounded.add(&ours, &theirs, same);
        values.add(&ours, &theirs, same_value);
    }
    let mut a = SetResult::from_counts(
        &format!("{name} (value+bound)"),
        split.name(),
        sentences.len(),
        bounded,
    );
    a.note = format!("{} gold quantities", bounded.expected);
    let b = SetResult::from_counts(
        &format!("{name} (value)"),
        split.name(),
        sentences.len(),
        values,
    );
    vec![a, b]
}

pub fn score(gold_dir: &Path, split: Split) -> Vec<SetResult> {
    let sentences = match sentences(gold_dir, split) {
        Ok(s) => s,
        Err(e) => return vec![SetResult::skipped("newsquant", e)],
    };
    let extractor = Extractor::new();
    results("newsquant", split, &sentences, |k, s| {
        let doc = Document::new(format!("newsquant-{k}"), s.text.clone());
        predicted_all(&extractor.quantities(&doc))
            .into_iter()
            .map(|(b, _)| b)
            .collect()
    })
}

/// A quantity read from a predictions file: the fields of `sitrep quantities` that scoring reads.
#[derive(Debug, Deserialize)]
struct PredictedRecord {
    doc: String,
    #[serde(default)]
    span: Option<[usize; 2]>,
    #[serde(default)]
    changed_from: Option<ChangedFrom>,
    value: Option<f64>,
    low: Option<f64>,
    high: Option<f64>,
    qualifier: Option<Qualifier>,
}

/// Scores another tool's quantities on the same sentences: a JSON Lines file in the schema of
/// `sitrep quantities`, one record per quantity, `doc` naming the sentence as `newsquant-K` (K
/// counting from 0 in the split's file). A record without a qualifier is exact. Lets a peer be
/// measured by exactly the scorer sitrep is measured by (`bench/peers.sh`).
pub fn score_predictions(gold_dir: &Path, split: Split, file: &Path) -> Vec<SetResult> {
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned());
    let name = format!("newsquant {}", stem.unwrap_or_default());
    let sentences = match sentences(gold_dir, split) {
        Ok(s) => s,
        Err(e) => return vec![SetResult::skipped(&name, e)],
    };
    let text = match super::read(file) {
        Ok(t) => t,
        Err(e) => return vec![SetResult::skipped(&name, e)],
    };
    let mut by_sentence: Vec<Vec<Found<()>>> = (0..sentences.len()).map(|_| Vec::new()).collect();
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let record: PredictedRecord = match serde_json::from_str(line) {
            Ok(r) => r,
            Err(e) => {
                let note = format!("{}, line {}: {e}", file.display(), n + 1);
                return vec![SetResult::skipped(&name, note)];
            }
        };
        let k = record
            .doc
            .strip_prefix("newsquant-")
            .and_then(|k| k.parse::<usize>().ok())
            .filter(|&k| k < sentences.len());
        let Some(k) = k else {
            let note = format!(
                "{}, line {}: doc {:?} names no sentence of the {} split",
                file.display(),
                n + 1,
                record.doc,
                split.name()
            );
            return vec![SetResult::skipped(&name, note)];
        };
        let qualifier = record.qualifier.unwrap_or(Qualifier::Exact);
        let bounded = bounded(
            qualifier,
            class_of(qualifier),
            record.value,
            record.low,
            record.high,
        );
        by_sentence[k].extend(bounded.map(|bounded| Found {
            bounded,
            span: record.span,
            changed_from: old_level(record.changed_from.as_ref()),
            with: (),
        }));
    }
    results(&name, split, &sentences, |k, _| {
        join_changes(std::mem::take(&mut by_sentence[k]))
            .into_iter()
            .map(|(b, _)| b)
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A gold folder of two sentences, and a predictions file for them.
    fn fixture(predictions: &str) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("newsquant")).unwrap();
        let gold = r#"[
            {"text": "About 300 died.", "quantities": [{"change": "~", "value": "300"}]},
            {"text": "12 were hurt and 3 fled.", "quantities": [
                {"change": "=", "value": "12"}, {"change": "=", "value": "3"}]}
        ]"#;
        std::fs::write(dir.path().join("newsquant/dev.json"), gold).unwrap();
        let file = dir.path().join("peer.jsonl");
        std::fs::write(&file, predictions).unwrap();
        (dir, file)
    }

    #[test]
    fn a_quantifier_without_a_magnitude_is_not_scored() {
        let extractor = Extractor::new();
        let found = |text: &str| {
            let records = extractor.quantities(&Document::new("s", text));
            records.iter().filter_map(predicted).count()
        };
        assert_eq!(found("There were several other suspected cases."), 0);
        assert_eq!(found("Thousands fled and several hundred stayed."), 2);
    }

    #[test]
    fn predictions_are_scored_on_value_and_on_bound() {
        let (dir, file) = fixture(
            "{\"doc\": \"newsquant-0\", \"value\": 300}\n\
             {\"doc\": \"newsquant-1\", \"value\": 12, \"qualifier\": \"exact\"}\n\
             {\"doc\": \"newsquant-1\", \"value\": 7}\n",
        );
        let r = score_predictions(dir.path(), Split::Dev, &file);
        assert_eq!(r[0].name, "newsquant peer (value+bound)");
        // "300" without "about" has the wrong bound class; 12 is right; 7 is wrong.
        assert!((r[0].precision.unwrap() - 1.0 / 3.0).abs() < 1e-9);
        assert!((r[1].precision.unwrap() - 2.0 / 3.0).abs() < 1e-9);
        assert!((r[1].recall.unwrap() - 2.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn a_change_of_level_old_level_first_is_scored_as_one_range() {
        let exact = |low: f64| Bounded {
            low,
            high: None,
            class: '=',
        };
        let found = |low: f64, span: [usize; 2], changed_from: Option<(f64, [usize; 2])>| Found {
            bounded: exact(low),
            span: Some(span),
            changed_from,
            with: (),
        };
        // "from 208 pounds to 193 and then 5": one range, then 5.
        let joined = join_changes(vec![
            found(208.0, [5, 15], None),
            found(193.0, [19, 22], Some((208.0, [5, 15]))),
            found(5.0, [32, 33], None),
        ]);
        let joined: Vec<Bounded> = joined.into_iter().map(|(b, _)| b).collect();
        assert_eq!(
            joined,
            [
                Bounded {
                    low: 208.0,
                    high: Some(193.0),
                    class: '='
                },
                exact(5.0)
            ]
        );
        // "rose to 6.7% from 6.29%": two figures, as NewsQuant mostly writes them.
        let joined = join_changes(vec![
            found(6.7, [8, 12], Some((6.29, [18, 23]))),
            found(6.29, [18, 23], None),
        ]);
        assert_eq!(joined.len(), 2);
        assert_eq!(joined[0].0, exact(6.7));
    }

    #[test]
    fn a_record_naming_no_sentence_is_reported_with_its_line() {
        let (dir, file) = fixture(
            "{\"doc\": \"newsquant-0\", \"value\": 300}\n{\"doc\": \"x-9\", \"value\": 1}\n",
        );
        let r = score_predictions(dir.path(), Split::Dev, &file);
        assert_eq!(r.len(), 1);
        assert!(r[0].note.contains("line 2"), "{}", r[0].note);
    }
}
