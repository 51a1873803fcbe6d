//! CSV with a header row: one column per field, `sources` joined with "; " (nearest first).

use std::io::Write;

use super::{Records, Sink};
use crate::{Error, Result, StoredClaim, StoredDocument};

/// The claim columns, also the Parquet schema's order.
pub(super) const CLAIM_COLUMNS: &[&str] = &[
    "doc",
    "metric",
    "subject",
    "quantity_text",
    "value",
    "low",
    "high",
    "qualifier",
    "place",
    "date",
    "sources",
    "sentence",
    "span_start",
    "span_end",
    "title",
    "url",
    "published",
];

pub(super) const DOCUMENT_COLUMNS: &[&str] = &[
    "id",
    "url",
    "title",
    "byline",
    "published",
    "source",
    "language",
    "text",
    "origin",
    "claims",
    "ingested_at",
];

pub(super) struct Csv {
    out: csv::Writer<Box<dyn Write + Send>>,
}

fn io(e: csv::Error) -> Error {
    Error::Io(std::io::Error::other(e))
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(T::to_string).unwrap_or_default()
}

impl Csv {
    pub(super) fn new(out: Box<dyn Write + Send>, records: Records) -> Result<Self> {
        let mut out = csv::Writer::from_writer(out);
        out.write_record(match records {
            Records::Claims => CLAIM_COLUMNS,
            Records::Documents => DOCUMENT_COLUMNS,
        })
        .map_err(io)?;
        Ok(Csv { out })
    }
}

impl Sink for Csv {
    fn claim(&mut self, s: &StoredClaim) -> Result<()> {
        let c = &s.claim;
        let q = &c.quantity;
        let qualifier = serde_json::to_value(q.qualifier)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        self.out
            .write_record([
                c.doc.clone(),
                c.metric.clone(),
                c.subject.clone(),
                q.text.clone(),
                opt(&q.value),
                opt(&q.low),
                opt(&q.high),
                qualifier,
                opt(&c.place),
                opt(&c.date),
                c.sources.join("; "),
                c.sentence.clone(),
                c.span[0].to_string(),
                c.span[1].to_string(),
                opt(&s.title),
                opt(&s.url),
                opt(&s.published),
            ])
            .map_err(io)
    }

    fn document(&mut self, d: &StoredDocument) -> Result<()> {
        self.out
            .write_record([
                d.id.clone(),
                opt(&d.url),
                opt(&d.title),
                opt(&d.byline),
                opt(&d.published),
                opt(&d.source),
                opt(&d.language),
                d.text.clone(),
                d.origin.clone(),
                d.claims.to_string(),
                d.ingested_at.clone(),
            ])
            .map_err(io)
    }

    fn finish(mut self: Box<Self>) -> Result<()> {
        self.out.flush()?;
        Ok(())
    }
}
