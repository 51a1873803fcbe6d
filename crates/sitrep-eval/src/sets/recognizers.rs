//! Microsoft Recognizers-Text English specs (MIT): number ranges ("more than", "at least",
//! "up to", "between") scored as intervals, and plain numbers and percentages as values.

use std::path::Path;

use serde::Deserialize;
use sitrep_core::{Document, Extractor, Qualifier, QuantityRecord};

use crate::score::{close, Counts};
use crate::{SetResult, Split};

#[derive(Debug, Deserialize)]
struct Row {
    file: String,
    input: String,
    value: String,
}

/// One side of an interval: its value and whether it is included.
type Side = Option<(f64, bool)>;

/// Parses "(20,35]", "[10,)", "(,50]".
pub fn interval(s: &str) -> Option<(Side, Side)> {
    let s = s.trim();
    let lo_incl = s.starts_with('[');
    let hi_incl = s.ends_with(']');
    let inner = s.get(1..s.len().checked_sub(1)?)?;
    let (a, b) = inner.split_once(',')?;
    let side = |v: &str, incl: bool| -> Option<Side> {
        if v.trim().is_empty() {
            Some(None)
        } else {
            Some(Some((v.trim().parse().ok()?, incl)))
        }
    };
    Some((side(a, lo_incl)?, side(b, hi_incl)?))
}

/// Inclusive bounds, as claims-v1 writes them: `None` where unbounded.
type Bounds = (Option<f64>, Option<f64>);

/// A gold interval as inclusive bounds. An exclusive integer end moves by one ("(20," is 21 or
/// more). Recognizers-Text writes "between 20 and 30" and "20 to 30" as half-open `[20,30)`; the
/// words mean the closed range, so a `[a,b)` reads as `[a,b]`.
pub fn inclusive(interval: &(Side, Side)) -> Bounds {
    let step = |v: f64| if v.fract() == 0.0 { 1.0 } else { 0.0 };
    let low = interval
        .0
        .map(|(v, incl)| if incl { v } else { v + step(v) });
    let half_open_range = matches!(interval.0, Some((_, true)));
    let high = interval.1.map(|(v, incl)| {
        if incl || half_open_range {
            v
        } else {
            v - step(v)
        }
    });
    (low, high)
}

/// A quantity's bounds, for the qualifiers that bound it on one side or two.
fn our_bounds(q: &QuantityRecord) -> Option<Bounds> {
    match q.amount.qualifier {
        Qualifier::MoreThan
        | Qualifier::AtLeast
        | Qualifier::AtMost
        | Qualifier::LessThan
        | Qualifier::Range => Some((q.amount.low, q.amount.high)),
        // Recognizers-Text also resolves "equal to 20" as the range [20,20].
        Qualifier::Exact if q.amount.text.to_lowercase().starts_with("equal") => {
            Some((q.amount.low, q.amount.high))
        }
        _ => None,
    }
}

fn same_bounds(p: &Bounds, g: &Bounds) -> bool {
    let side = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => close(x, y),
        _ => false,
    };
    side(p.0, g.0) && side(p.1, g.1)
}

/// The expected resolution value of a row (`{"value": "..."}`).
fn resolution(row: &Row) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(&row.value).ok()?;
    v.get("value")?.as_str().map(String::from)
}

pub fn score(gold: &Path, _split: Split) -> Vec<SetResult> {
    let (rows, _) =
        match super::read_tsv::<Row>(&gold.join("numbers/recognizers/flattened_cases.tsv")) {
            Ok(r) => r,
            Err(e) => return vec![SetResult::skipped("recognizers", e)],
        };
    let extractor = Extractor::new();
    let quantities = |text: &str| extractor.quantities(&Document::new("r", text));
    let mut out = Vec::new();

    // Ranges: group the expected intervals by input sentence.
    let mut ranges = Counts::default();
    let mut inputs = 0;
    let range_rows: Vec<&Row> = rows
        .iter()
        .filter(|r| r.file == "NumberRangeModel.json")
        .collect();
    let mut k = 0;
    while k < range_rows.len() {
        let input = &range_rows[k].input;
        let mut expected = Vec::new();
        while k < range_rows.len() && &range_rows[k].input == input {
            if let Some(i) = resolution(range_rows[k]).as_deref().and_then(interval) {
                expected.push(inclusive(&i));
            }
            k += 1;
        }
        let predicted: Vec<_> = quantities(input).iter().filter_map(our_bounds).collect();
        ranges.add(&predicted, &expected, same_bounds);
        inputs += 1;
    }
    let mut r = SetResult::from_counts("recognizers number ranges", "all", inputs, ranges);
    r.note = "inclusive bounds; [a,b) read as [a,b]".into();
    out.push(r);

    // Numbers and percentages: every expected value found.
    for (file, name) in [
        ("NumberModel.json", "recognizers numbers"),
        ("PercentModel.json", "recognizers percent"),
    ] {
        let mut counts = Counts::default();
        let mut cases = 0;
        let file_rows: Vec<&Row> = rows.iter().filter(|r| r.file == file).collect();
        let mut k = 0;
        while k < file_rows.len() {
            let input = &file_rows[k].input;
            let mut expected = Vec::new();
            while k < file_rows.len() && &file_rows[k].input == input {
                if let Some(v) = resolution(file_rows[k])
                    .and_then(|v| v.trim_end_matches('%').parse::<f64>().ok())
                {
                    expected.push(v);
                }
                k += 1;
            }
            let predicted: Vec<f64> = quantities(input)
                .iter()
                .filter_map(|q| q.amount.value)
                .collect();
            counts.add(&predicted, &expected, |a, b| close(*a, *b));
            cases += 1;
        }
        out.push(SetResult::from_counts(name, "all", cases, counts));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_become_inclusive_bounds() {
        assert_eq!(
            inclusive(&interval("(20,35]").unwrap()),
            (Some(21.0), Some(35.0))
        );
        assert_eq!(
            inclusive(&interval("[20,30)").unwrap()),
            (Some(20.0), Some(30.0))
        );
        assert_eq!(inclusive(&interval("(,170)").unwrap()), (None, Some(169.0)));
        assert_eq!(inclusive(&interval("(0.5,)").unwrap()), (Some(0.5), None));
    }

    #[test]
    fn intervals_parse() {
        assert_eq!(
            interval("(20,35]"),
            Some((Some((20.0, false)), Some((35.0, true))))
        );
        assert_eq!(interval("[10,)"), Some((Some((10.0, true)), None)));
    }
}
