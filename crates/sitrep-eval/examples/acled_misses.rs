//! Lists the ACLED dev rows where sitrep's killed total differs from the coders' figure, for
//! tuning. Reads only the dev split: the test split is sealed.
//!
//! `cargo run --release -p sitrep-eval --example acled_misses [GOLD_DIR] > misses.tsv`

use std::path::PathBuf;

use sitrep_core::Extractor;

fn main() {
    let gold = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/gold"));
    let path = gold.join("acled").join("dev.tsv");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .from_path(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers = reader.headers().expect("a header row").clone();
    let column = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let (id, date, notes, fatalities) = (
        column("event_id"),
        column("event_date"),
        column("notes"),
        column("fatalities"),
    );
    let (literal, split, coded) = (
        column("fatalities_literal_in_notes"),
        column("flag_split"),
        column("flag_coded_as"),
    );
    let extractor = Extractor::new();
    for row in reader.records().flatten() {
        let gold: u64 = row[fatalities].trim().parse().unwrap_or(0);
        let clean = gold > 0 && &row[literal] == "1" && &row[split] == "0" && &row[coded] == "0";
        if !clean && gold != 0 {
            continue;
        }
        let date = sitrep_eval::sets::acled::parse_date(&row[date]);
        let predicted =
            sitrep_eval::sets::acled::killed_total(&extractor, &row[id], &row[notes], date);
        if predicted != gold {
            println!("{}\t{gold}\t{predicted}\t{}", &row[id], &row[notes]);
        }
    }
}
