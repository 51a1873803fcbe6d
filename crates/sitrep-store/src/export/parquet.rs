//! Apache Parquet through the Arrow crates: typed columns (numbers as float64, dates as date32,
//! `sources` as a list of strings, `ingested_at` as a UTC timestamp), Snappy-compressed, in row
//! groups of [`BATCH_ROWS`] records. The schema is written down in the README.

use std::io::Write;
use std::sync::Arc;

use arrow_array::builder::{
    Date32Builder, Float64Builder, Int64Builder, ListBuilder, StringBuilder,
    TimestampMicrosecondBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef, TimeUnit};
use chrono::NaiveDate;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use super::{Records, Sink};
use crate::{Error, Result, StoredClaim, StoredDocument};

/// Records buffered before they are written as one record batch.
const BATCH_ROWS: usize = 8192;

fn err(e: impl std::fmt::Display) -> Error {
    Error::Io(std::io::Error::other(e.to_string()))
}

/// The schema of claims, in the column order of the CSV export.
pub fn claim_schema() -> SchemaRef {
    let text = |name: &str, nullable| Field::new(name, DataType::Utf8, nullable);
    let number = |name: &str| Field::new(name, DataType::Float64, true);
    Arc::new(Schema::new(vec![
        text("doc", false),
        text("metric", false),
        text("subject", false),
        text("quantity_text", false),
        number("value"),
        number("low"),
        number("high"),
        text("qualifier", false),
        text("place", true),
        Field::new("date", DataType::Date32, true),
        Field::new(
            "sources",
            DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
            false,
        ),
        text("sentence", false),
        Field::new("span_start", DataType::Int64, false),
        Field::new("span_end", DataType::Int64, false),
        text("title", true),
        text("url", true),
        Field::new("published", DataType::Date32, true),
    ]))
}

/// The schema of documents.
pub fn document_schema() -> SchemaRef {
    let text = |name: &str, nullable| Field::new(name, DataType::Utf8, nullable);
    Arc::new(Schema::new(vec![
        text("id", false),
        text("url", true),
        text("title", true),
        text("byline", true),
        Field::new("published", DataType::Date32, true),
        text("source", true),
        text("language", true),
        text("text", false),
        text("origin", false),
        Field::new("claims", DataType::Int64, false),
        Field::new(
            "ingested_at",
            DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())),
            true,
        ),
    ]))
}

fn days(d: Option<NaiveDate>) -> Option<i32> {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1)?;
    d.map(|d| (d - epoch).num_days() as i32)
}

/// Column builders for one batch of claims.
struct ClaimColumns {
    doc: StringBuilder,
    metric: StringBuilder,
    subject: StringBuilder,
    quantity_text: StringBuilder,
    value: Float64Builder,
    low: Float64Builder,
    high: Float64Builder,
    qualifier: StringBuilder,
    place: StringBuilder,
    date: Date32Builder,
    sources: ListBuilder<StringBuilder>,
    sentence: StringBuilder,
    span_start: Int64Builder,
    span_end: Int64Builder,
    title: StringBuilder,
    url: StringBuilder,
    published: Date32Builder,
}

impl ClaimColumns {
    fn new() -> Self {
        ClaimColumns {
            doc: StringBuilder::new(),
            metric: StringBuilder::new(),
            subject: StringBuilder::new(),
            quantity_text: StringBuilder::new(),
            value: Float64Builder::new(),
            low: Float64Builder::new(),
            high: Float64Builder::new(),
            qualifier: StringBuilder::new(),
            place: StringBuilder::new(),
            date: Date32Builder::new(),
            sources: ListBuilder::new(StringBuilder::new()),
            sentence: StringBuilder::new(),
            span_start: Int64Builder::new(),
            span_end: Int64Builder::new(),
            title: StringBuilder::new(),
            url: StringBuilder::new(),
            published: Date32Builder::new(),
        }
    }

    fn push(&mut self, s: &StoredClaim) {
        let c = &s.claim;
        let q = &c.quantity;
        self.doc.append_value(&c.doc);
        self.metric.append_value(&c.metric);
        self.subject.append_value(&c.subject);
        self.quantity_text.append_value(&q.text);
        self.value.append_option(q.value);
        self.low.append_option(q.low);
        self.high.append_option(q.high);
        let qualifier = serde_json::to_value(q.qualifier).unwrap_or_default();
        self.qualifier
            .append_value(qualifier.as_str().unwrap_or(""));
        self.place.append_option(c.place.as_deref());
        self.date.append_option(days(c.date));
        for name in &c.sources {
            self.sources.values().append_value(name);
        }
        self.sources.append(true);
        self.sentence.append_value(&c.sentence);
        self.span_start.append_value(c.span[0] as i64);
        self.span_end.append_value(c.span[1] as i64);
        self.title.append_option(s.title.as_deref());
        self.url.append_option(s.url.as_deref());
        self.published.append_option(days(s.published));
    }

    fn finish(&mut self) -> Vec<ArrayRef> {
        vec![
            Arc::new(self.doc.finish()),
            Arc::new(self.metric.finish()),
            Arc::new(self.subject.finish()),
            Arc::new(self.quantity_text.finish()),
            Arc::new(self.value.finish()),
            Arc::new(self.low.finish()),
            Arc::new(self.high.finish()),
            Arc::new(self.qualifier.finish()),
            Arc::new(self.place.finish()),
            Arc::new(self.date.finish()),
            Arc::new(self.sources.finish()),
            Arc::new(self.sentence.finish()),
            Arc::new(self.span_start.finish()),
            Arc::new(self.span_end.finish()),
            Arc::new(self.title.finish()),
            Arc::new(self.url.finish()),
            Arc::new(self.published.finish()),
        ]
    }
}

/// Column builders for one batch of documents.
struct DocumentColumns {
    id: StringBuilder,
    url: StringBuilder,
    title: StringBuilder,
    byline: StringBuilder,
    published: Date32Builder,
    source: StringBuilder,
    language: StringBuilder,
    text: StringBuilder,
    origin: StringBuilder,
    claims: Int64Builder,
    ingested_at: TimestampMicrosecondBuilder,
}

impl DocumentColumns {
    fn new() -> Self {
        DocumentColumns {
            id: StringBuilder::new(),
            url: StringBuilder::new(),
            title: StringBuilder::new(),
            byline: StringBuilder::new(),
            published: Date32Builder::new(),
            source: StringBuilder::new(),
            language: StringBuilder::new(),
            text: StringBuilder::new(),
            origin: StringBuilder::new(),
            claims: Int64Builder::new(),
            ingested_at: TimestampMicrosecondBuilder::new().with_timezone("UTC"),
        }
    }

    fn push(&mut self, d: &StoredDocument) {
        self.id.append_value(&d.id);
        self.url.append_option(d.url.as_deref());
        self.title.append_option(d.title.as_deref());
        self.byline.append_option(d.byline.as_deref());
        self.published.append_option(days(d.published));
        self.source.append_option(d.source.as_deref());
        self.language.append_option(d.language.as_deref());
        self.text.append_value(&d.text);
        self.origin.append_value(&d.origin);
        self.claims.append_value(d.claims as i64);
        let at = chrono::DateTime::parse_from_rfc3339(&d.ingested_at)
            .ok()
            .map(|t| t.timestamp_micros());
        self.ingested_at.append_option(at);
    }

    fn finish(&mut self) -> Vec<ArrayRef> {
        vec![
            Arc::new(self.id.finish()),
            Arc::new(self.url.finish()),
            Arc::new(self.title.finish()),
            Arc::new(self.byline.finish()),
            Arc::new(self.published.finish()),
            Arc::new(self.source.finish()),
            Arc::new(self.language.finish()),
            Arc::new(self.text.finish()),
            Arc::new(self.origin.finish()),
            Arc::new(self.claims.finish()),
            Arc::new(self.ingested_at.finish()),
        ]
    }
}

enum Columns {
    Claims(Box<ClaimColumns>),
    Documents(Box<DocumentColumns>),
}

pub(super) struct Parquet {
    writer: ArrowWriter<Box<dyn Write + Send>>,
    schema: SchemaRef,
    columns: Columns,
    rows: usize,
}

impl Parquet {
    pub(super) fn new(out: Box<dyn Write + Send>, records: Records) -> Result<Self> {
        let (schema, columns) = match records {
            Records::Claims => (
                claim_schema(),
                Columns::Claims(Box::new(ClaimColumns::new())),
            ),
            Records::Documents => (
                document_schema(),
                Columns::Documents(Box::new(DocumentColumns::new())),
            ),
        };
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .build();
        let writer = ArrowWriter::try_new(out, schema.clone(), Some(props)).map_err(err)?;
        Ok(Parquet {
            writer,
            schema,
            columns,
            rows: 0,
        })
    }

    fn flush_batch(&mut self) -> Result<()> {
        if self.rows == 0 {
            return Ok(());
        }
        let arrays = match &mut self.columns {
            Columns::Claims(c) => c.finish(),
            Columns::Documents(d) => d.finish(),
        };
        let batch = RecordBatch::try_new(self.schema.clone(), arrays).map_err(err)?;
        self.writer.write(&batch).map_err(err)?;
        self.rows = 0;
        Ok(())
    }

    fn added(&mut self) -> Result<()> {
        self.rows += 1;
        if self.rows >= BATCH_ROWS {
            self.flush_batch()?;
        }
        Ok(())
    }
}

impl Sink for Parquet {
    fn claim(&mut self, claim: &StoredClaim) -> Result<()> {
        match &mut self.columns {
            Columns::Claims(c) => c.push(claim),
            Columns::Documents(_) => return Err(err("a claim in a document export")),
        }
        self.added()
    }

    fn document(&mut self, document: &StoredDocument) -> Result<()> {
        match &mut self.columns {
            Columns::Documents(d) => d.push(document),
            Columns::Claims(_) => return Err(err("a document in a claim export")),
        }
        self.added()
    }

    fn finish(mut self: Box<Self>) -> Result<()> {
        self.flush_batch()?;
        self.writer.close().map_err(err)?;
        Ok(())
    }
}
