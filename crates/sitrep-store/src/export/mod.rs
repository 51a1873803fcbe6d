//! Exports: claims or documents in the formats that pandas, DuckDB, Spark and R read. Each
//! format is one module behind [`Sink`]; the store streams records into it, so an export of
//! millions of claims holds one batch in memory at a time.

mod csv;
mod jsonl;
mod parquet;

use std::io::Write;

use crate::{ClaimFilter, Result, Store, StoredClaim, StoredDocument};

/// The formats `sitrep export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Jsonl,
    Csv,
    Parquet,
}

impl std::str::FromStr for ExportFormat {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s {
            "jsonl" | "ndjson" => Ok(ExportFormat::Jsonl),
            "csv" => Ok(ExportFormat::Csv),
            "parquet" => Ok(ExportFormat::Parquet),
            other => Err(format!(
                "unknown export format {other:?} (jsonl, csv, parquet)"
            )),
        }
    }
}

/// What to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Records {
    Claims,
    Documents,
}

/// One export format: takes records one at a time, then finishes the file.
pub trait Sink {
    fn claim(&mut self, claim: &StoredClaim) -> Result<()>;
    fn document(&mut self, document: &StoredDocument) -> Result<()>;
    /// Writes what is buffered and the format's footer.
    fn finish(self: Box<Self>) -> Result<()>;
}

/// A sink of `format` writing to `out`, for `records`.
pub fn sink(
    format: ExportFormat,
    records: Records,
    out: Box<dyn Write + Send>,
) -> Result<Box<dyn Sink>> {
    Ok(match format {
        ExportFormat::Jsonl => Box::new(jsonl::JsonLines::new(out)),
        ExportFormat::Csv => Box::new(csv::Csv::new(out, records)?),
        ExportFormat::Parquet => Box::new(parquet::Parquet::new(out, records)?),
    })
}

/// Exports the claims that pass `filter`, or every document, and returns how many were written.
///
/// ```
/// use sitrep_core::{Document, Extractor};
/// use sitrep_store::export::{export, ExportFormat, Records};
/// use sitrep_store::{Batch, ClaimFilter, NewDocument, OpenOptions, SqliteStore, Store};
///
/// let dir = tempfile::tempdir().unwrap();
/// let mut store = SqliteStore::open(&dir.path().join("s.db"), &OpenOptions::default()).unwrap();
/// let d = Document::new("n", "Three civilians were wounded in Kharkiv.");
/// let new = NewDocument::new(d.clone(), "n.txt", Extractor::new().extract(&d));
/// store.write(Batch { documents: vec![new], failures: vec![] }).unwrap();
/// let out = dir.path().join("claims.csv");
/// let file = std::fs::File::create(&out).unwrap();
/// let n = export(&store, ExportFormat::Csv, Records::Claims, &ClaimFilter::default(), Box::new(file)).unwrap();
/// assert_eq!(n, 1);
/// assert!(std::fs::read_to_string(&out).unwrap().contains("wounded,civilians,Three"));
/// ```
pub fn export(
    store: &dyn Store,
    format: ExportFormat,
    records: Records,
    filter: &ClaimFilter,
    out: Box<dyn Write + Send>,
) -> Result<u64> {
    let mut sink = sink(format, records, out)?;
    let mut n = 0;
    match records {
        Records::Claims => store.claims(filter, &mut |c| {
            n += 1;
            sink.claim(&c)
        })?,
        Records::Documents => store.documents(&mut |d| {
            n += 1;
            sink.document(&d)
        })?,
    }
    sink.finish()?;
    Ok(n)
}
