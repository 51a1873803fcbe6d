//! One module per gold set. Each reads its own files and scores sitrep against them.

pub mod acled;
pub mod articles;
pub mod newsquant;
pub mod polnear;
pub mod recognizers;
pub mod seed;
pub mod suites;
pub mod ucdp;

use std::path::Path;

use crate::{SetResult, Split};

/// A scorer: the gold folder and split in, one or more results out.
pub type Scorer = fn(&Path, Split) -> Vec<SetResult>;

/// Every set, in the order the report lists them.
pub const ALL: &[(&str, Scorer)] = &[
    ("seed", seed::score),
    ("acled", acled::score),
    ("newsquant", newsquant::score),
    ("recognizers", recognizers::score),
    ("suites", suites::score),
    ("ucdp", ucdp::score),
    ("polnear", polnear::score),
    ("articles", articles::score),
];

/// Reads a tab-separated gold file with a header row into records. Rows that do not fit the
/// record are counted, not dropped silently: the set's note reports them.
pub(crate) fn read_tsv<T: serde::de::DeserializeOwned>(
    path: &Path,
) -> Result<(Vec<T>, usize), String> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .from_path(path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let (mut rows, mut bad) = (Vec::new(), 0);
    for row in reader.deserialize() {
        match row {
            Ok(r) => rows.push(r),
            Err(_) => bad += 1,
        }
    }
    Ok((rows, bad))
}

/// Reads a file of the gold folder, or says why not.
pub(crate) fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}
