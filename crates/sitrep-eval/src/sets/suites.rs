//! Other number parsers' own test suites (Duckling, quantulum3, word2number, text2num-rs,
//! number-parser): each case's phrase run through `sitrep quantities`, reported as a pass rate.
//! These are conformance suites with their own conventions: a failure is a finding to read, not
//! always a bug (ordinals, fractions and "lakh" are not amounts of war reporting).

use std::path::Path;

use serde::Deserialize;
use serde_json::Value;
use sitrep_core::{Document, Extractor};

use crate::score::close;
use crate::{SetResult, Split};

/// The values sitrep finds in a phrase.
fn values(extractor: &Extractor, text: &str) -> Vec<f64> {
    extractor
        .quantities(&Document::new("suite", text))
        .iter()
        .filter_map(|q| q.amount.value)
        .collect()
}

/// A phrase that is one number passes when sitrep finds exactly that one value.
fn one_value(extractor: &Extractor, text: &str, expected: f64) -> bool {
    matches!(values(extractor, text).as_slice(), [v] if close(*v, expected))
}

fn result(name: &str, passed: usize, total: usize, note: &str) -> SetResult {
    let mut r = SetResult {
        name: name.into(),
        split: "all".into(),
        cases: total,
        note: note.into(),
        ..SetResult::default()
    };
    r.metrics
        .insert("pass_rate".into(), passed as f64 / total.max(1) as f64);
    r
}

fn load(path: &Path) -> Result<Value, String> {
    super::read(path)
        .and_then(|t| serde_json::from_str(&t).map_err(|e| format!("{}: {e}", path.display())))
}

fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

pub fn score(gold: &Path, _split: Split) -> Vec<SetResult> {
    let dir = gold.join("numbers");
    let e = Extractor::new();
    let mut out = Vec::new();

    match load(&dir.join("duckling/numeral_en.json")) {
        Ok(v) => {
            let cases = v["examples"].as_array().cloned().unwrap_or_default();
            let passed = cases
                .iter()
                .filter(|c| {
                    number(&c["value"])
                        .is_some_and(|x| one_value(&e, c["text"].as_str().unwrap_or(""), x))
                })
                .count();
            out.push(result("duckling numerals", passed, cases.len(), ""));
        }
        Err(err) => out.push(SetResult::skipped("duckling numerals", err)),
    }

    match load(&dir.join("quantulum3/quantities.json")) {
        Ok(v) => {
            let cases = v.as_array().cloned().unwrap_or_default();
            let passed = cases
                .iter()
                .filter(|c| {
                    let mut want: Vec<f64> = c["res"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|r| number(&r["value"]))
                        .collect();
                    let mut got = values(&e, c["req"].as_str().unwrap_or(""));
                    want.sort_by(f64::total_cmp);
                    got.sort_by(f64::total_cmp);
                    want.len() == got.len() && want.iter().zip(&got).all(|(a, b)| close(*a, *b))
                })
                .count();
            out.push(result(
                "quantulum3 quantities",
                passed,
                cases.len(),
                "all values of a sentence",
            ));
        }
        Err(err) => out.push(SetResult::skipped("quantulum3 quantities", err)),
    }

    match load(&dir.join("word2number/w2n_cases.json")) {
        Ok(v) => {
            let pos = v["positive"].as_array().cloned().unwrap_or_default();
            let neg = v["negative"].as_array().cloned().unwrap_or_default();
            let passed = pos
                .iter()
                .filter(|c| {
                    number(&c["expected"])
                        .is_some_and(|x| one_value(&e, c["input"].as_str().unwrap_or(""), x))
                })
                .count()
                + neg
                    .iter()
                    .filter(|c| values(&e, c["input"].as_str().unwrap_or("")).is_empty())
                    .count();
            out.push(result(
                "word2number",
                passed,
                pos.len() + neg.len(),
                "negatives must give no number",
            ));
        }
        Err(err) => out.push(SetResult::skipped("word2number", err)),
    }

    match load(&dir.join("text2num/text2num_en_cases.json")) {
        Ok(v) => {
            let cases = v["cases"].as_array().cloned().unwrap_or_default();
            let scored: Vec<&Value> = cases
                .iter()
                .filter(|c| {
                    matches!(
                        c["kind"].as_str(),
                        Some("assert_text2digits" | "assert_invalid")
                    )
                })
                .collect();
            let passed = scored
                .iter()
                .filter(|c| {
                    let input = c["input"].as_str().unwrap_or("");
                    match c["kind"].as_str() {
                        Some("assert_invalid") => values(&e, input).is_empty(),
                        _ => number(&c["expected"]).is_some_and(|x| one_value(&e, input, x)),
                    }
                })
                .count();
            let left = cases.len() - scored.len();
            out.push(result(
                "text2num",
                passed,
                scored.len(),
                &format!("{left} text-rewriting cases not scored"),
            ));
        }
        Err(err) => out.push(SetResult::skipped("text2num", err)),
    }

    let mut np_total = 0;
    let mut np_passed = 0;
    if let Ok(v) = load(&dir.join("number-parser/test_language_en_cases.json")) {
        for c in v["cases"].as_array().into_iter().flatten() {
            let fun = c["test_fn"].as_str().unwrap_or("");
            if fun == "test_parse_basic_sentences" {
                continue;
            }
            np_total += 1;
            let input = c["input"].as_str().unwrap_or("");
            np_passed +=
                usize::from(number(&c["expected"]).is_some_and(|x| one_value(&e, input, x)));
        }
    }
    for file in [
        "en_hundred_clevert.csv",
        "en_hundred_mathtools.csv",
        "en_hundred_tools4noobs.csv",
        "en_permutations_clevert.csv",
        "en_permutations_mathtools.csv",
        "en_permutations_tools4noobs.csv",
    ] {
        let Ok(mut reader) = csv::Reader::from_path(dir.join("number-parser").join(file)) else {
            continue;
        };
        #[derive(Deserialize)]
        struct Case {
            number: f64,
            text: String,
        }
        for case in reader.deserialize::<Case>().flatten() {
            np_total += 1;
            np_passed += usize::from(one_value(&e, &case.text, case.number));
        }
    }
    if np_total > 0 {
        out.push(result(
            "number-parser",
            np_passed,
            np_total,
            "cardinals; ordinals and sentence rewriting not scored",
        ));
    } else {
        out.push(SetResult::skipped("number-parser", "no cases found"));
    }
    out
}
