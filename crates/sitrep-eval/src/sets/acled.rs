//! ACLED event notes with the fatalities coders recorded. Scored two ways, as the gold README
//! says: agreement of sitrep's killed total with `fatalities` on clean rows (the number is in the
//! note, no split or coded-as adjudication), and the false-death rate on rows coded zero.

use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;
use sitrep_core::{Document, Extractor};

use crate::score::Counts;
use crate::{SetResult, Split};

#[derive(Debug, Deserialize)]
struct Row {
    event_id: String,
    event_date: String,
    notes: String,
    fatalities: String,
    flag_split: String,
    flag_coded_as: String,
    fatalities_literal_in_notes: String,
}

/// ACLED writes dates as "15/02/2024 00:00:00" or "07-January-2015".
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let day = s.split_whitespace().next()?;
    NaiveDate::parse_from_str(day, "%d/%m/%Y")
        .or_else(|_| NaiveDate::parse_from_str(day, "%d-%B-%Y"))
        .or_else(|_| NaiveDate::parse_from_str(day, "%Y-%m-%d"))
        .ok()
}

/// The killed total sitrep codes for a note.
pub fn killed_total(extractor: &Extractor, id: &str, note: &str, date: Option<NaiveDate>) -> u64 {
    let mut doc = Document::new(id, note);
    doc.meta.published = date;
    extractor
        .totals(&doc)
        .totals
        .get("killed")
        .copied()
        .unwrap_or(0)
}

pub fn score(gold: &Path, split: Split) -> Vec<SetResult> {
    let path = gold.join("acled").join(format!("{}.tsv", split.name()));
    let (rows, bad) = match super::read_tsv::<Row>(&path) {
        Ok(r) => r,
        Err(e) => return vec![SetResult::skipped("acled", e)],
    };
    let extractor = Extractor::new();
    let (mut clean, mut agree, mut zero, mut false_deaths) = (0usize, 0usize, 0usize, 0usize);
    let mut counts = Counts::default();
    for row in &rows {
        let fatalities: u64 = row.fatalities.trim().parse().unwrap_or(0);
        let predicted = killed_total(
            &extractor,
            &row.event_id,
            &row.notes,
            parse_date(&row.event_date),
        );
        let is_clean = fatalities > 0
            && row.fatalities_literal_in_notes == "1"
            && row.flag_split == "0"
            && row.flag_coded_as == "0";
        if is_clean {
            clean += 1;
            agree += usize::from(predicted == fatalities);
            let p: &[u64] = if predicted > 0 { &[predicted] } else { &[] };
            counts.add(p, &[fatalities], |a, b| a == b);
        }
        if fatalities == 0 {
            zero += 1;
            false_deaths += usize::from(predicted > 0);
        }
    }
    let mut r = SetResult::from_counts("acled (killed, clean rows)", split.name(), clean, counts);
    r.metrics
        .insert("agreement".into(), agree as f64 / clean.max(1) as f64);
    r.metrics.insert(
        "false_deaths".into(),
        false_deaths as f64 / zero.max(1) as f64,
    );
    r.note = format!("{zero} rows coded zero, {bad} rows unreadable");
    vec![r]
}
