//! sitrep-store: sitrep's memory. Documents, their claims and the sources behind them, kept in
//! an embedded SQLite database by default, behind the [`Store`] trait so that a server backend
//! can follow without touching the callers.
//!
//! A document is stored once, whatever the number of times it is read: its key is the hash of
//! its text (whitespace folded) and, where known, its canonical URL ([`DocumentKey`]). Writes
//! come in batches, each one transaction, so that an interrupted run loses at most the batch in
//! flight and the next run redoes exactly that.
//!
//! ```
//! use sitrep_core::{Document, Extractor};
//! use sitrep_store::{Batch, ClaimFilter, NewDocument, OpenOptions, SqliteStore, Store};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let mut store = SqliteStore::open(&dir.path().join("sitrep.db"), &OpenOptions::default()).unwrap();
//! let document = Document::new("note", "At least 100 soldiers were killed, officials said.");
//! let new = NewDocument::new(document.clone(), "note.txt", Extractor::new().extract(&document));
//! let outcomes = store.write(Batch { documents: vec![new.clone()], failures: vec![] }).unwrap();
//! assert!(outcomes[0].is_stored());
//! // The same text again is recognised, not stored twice.
//! assert!(!store.write(Batch { documents: vec![new], failures: vec![] }).unwrap()[0].is_stored());
//!
//! let filter = ClaimFilter { metric: Some("killed".into()), ..ClaimFilter::default() };
//! let mut found = Vec::new();
//! store.claims(&filter, &mut |c| { found.push(c); Ok(()) }).unwrap();
//! assert_eq!(found[0].claim.quantity.low, Some(100.0));
//! ```

pub mod export;
mod key;
mod sqlite;

use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;
use sitrep_core::{Claim, Document, Extraction};

pub use key::{canonical_url, DocumentKey};
pub use sqlite::{OpenOptions, SqliteStore, SCHEMA_VERSION};

/// What can go wrong with a store, worded for the person at the terminal.
#[derive(Debug)]
pub enum Error {
    /// Another process holds the lock for longer than the busy timeout.
    Locked { path: PathBuf, waited_ms: u128 },
    /// The disk (or the database's size limit) is full: the transaction was rolled back.
    Full { path: PathBuf },
    /// The file is damaged; it is never recreated behind the user's back.
    Corrupt { path: PathBuf, detail: String },
    /// A SQLite file that is not a sitrep database, or a file that is not SQLite at all.
    NotSitrep { path: PathBuf, detail: String },
    /// The file was written by a newer sitrep.
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    /// No database where one was expected.
    Missing { path: PathBuf },
    /// The file, or the disk it is on, cannot be written.
    ReadOnly { path: PathBuf },
    /// A full-text query that FTS5 cannot parse.
    BadQuery { query: String, detail: String },
    /// Anything else the database reported.
    Database { path: PathBuf, detail: String },
    /// Writing an export.
    Io(std::io::Error),
    /// The caller's callback stopped the iteration with its own error.
    Callback(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Locked { path, waited_ms } => write!(
                f,
                "{}: the database is locked by another process (waited {} ms); try again when it is done",
                path.display(),
                waited_ms
            ),
            Error::Full { path } => write!(
                f,
                "{}: the disk is full; the last batch was rolled back and the file is intact",
                path.display()
            ),
            Error::Corrupt { path, detail } => write!(
                f,
                "{}: the database is damaged ({detail}); it was left as it is. Restore a copy, or move it aside to start a new one",
                path.display()
            ),
            Error::NotSitrep { path, detail } => write!(
                f,
                "{}: not a sitrep database ({detail}); it was left as it is",
                path.display()
            ),
            Error::TooNew {
                path,
                found,
                supported,
            } => write!(
                f,
                "{}: the database has schema version {found}, newer than this sitrep understands ({supported}); upgrade sitrep to read it",
                path.display()
            ),
            Error::Missing { path } => write!(
                f,
                "{}: no database here; `sitrep ingest PATH...` makes one",
                path.display()
            ),
            Error::ReadOnly { path } => {
                write!(f, "{}: the database cannot be written (read-only)", path.display())
            }
            Error::BadQuery { query, detail } => {
                write!(f, "cannot search for {query:?}: {detail}")
            }
            Error::Database { path, detail } => write!(f, "{}: {detail}", path.display()),
            Error::Io(e) => write!(f, "{e}"),
            Error::Callback(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// A document ready to be stored: the document as read, where it came from, and what
/// extraction found in it.
#[derive(Debug, Clone)]
pub struct NewDocument {
    pub key: DocumentKey,
    pub document: Document,
    /// The path (and record) it was read from.
    pub origin: String,
    pub extraction: Extraction,
}

impl NewDocument {
    /// A document with its key computed from its text and URL.
    pub fn new(document: Document, origin: impl Into<String>, extraction: Extraction) -> Self {
        NewDocument {
            key: DocumentKey::of(&document),
            document,
            origin: origin.into(),
            extraction,
        }
    }
}

/// An input that could not be read or extracted: stored so that nothing fails silently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failure {
    /// The file (or `-`) it came from.
    pub origin: String,
    /// The line or record in that file, where known.
    pub record: Option<u64>,
    /// The document's id, where it got that far.
    pub document: Option<String>,
    pub error: String,
    /// When it was last seen failing (RFC 3339); set by the store.
    pub last_seen: Option<String>,
    /// How many runs saw it fail.
    pub times: u64,
}

impl Failure {
    /// A failure as a reader or the extractor reports it.
    pub fn new(origin: &str, record: Option<u64>, document: Option<&str>, error: &str) -> Self {
        Failure {
            origin: origin.to_string(),
            record,
            document: document.map(str::to_string),
            error: error.to_string(),
            last_seen: None,
            times: 1,
        }
    }
}

/// What one transaction writes.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    pub documents: Vec<NewDocument>,
    pub failures: Vec<Failure>,
}

/// What became of one document of a batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Stored {
        id: i64,
        claims: usize,
    },
    /// The same text or canonical URL is already stored, as document `existing`.
    Duplicate {
        existing: i64,
    },
}

impl Outcome {
    pub fn is_stored(&self) -> bool {
        matches!(self, Outcome::Stored { .. })
    }
}

/// Which claims `sitrep claims` lists. Text filters match anywhere, ignoring case.
#[derive(Debug, Clone, Default)]
pub struct ClaimFilter {
    /// One of spec v1's metrics, exactly.
    pub metric: Option<String>,
    pub subject: Option<String>,
    pub place: Option<String>,
    /// Any name the source appears under ("NIS" finds "National Intelligence Service").
    pub source: Option<String>,
    /// The claim's date, inclusive.
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    /// A document's id or URL.
    pub doc: Option<String>,
    /// An FTS5 query over the claim's sentence.
    pub text: Option<String>,
    pub limit: Option<usize>,
}

/// A claim as stored: the spec v1 record plus what the store knows of its document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredClaim {
    #[serde(flatten)]
    pub claim: Claim,
    pub title: Option<String>,
    pub url: Option<String>,
    #[serde(serialize_with = "serialize_date")]
    pub published: Option<NaiveDate>,
}

/// A claim as `sitrep claims` lists it in a table: the columns one index holds, so that a
/// listing over millions of claims reads no claim row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimSummary {
    pub doc: String,
    #[serde(serialize_with = "serialize_date")]
    pub date: Option<NaiveDate>,
    pub metric: String,
    /// The quantity as written ("at least 100").
    pub quantity: String,
    pub subject: String,
    pub place: Option<String>,
    pub sources: Vec<String>,
}

/// A stored document, as `export --documents` writes it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredDocument {
    /// The document's id (a file name, a JSON Lines `id`, a feed item's link).
    pub id: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub byline: Option<String>,
    #[serde(serialize_with = "serialize_date")]
    pub published: Option<NaiveDate>,
    pub source: Option<String>,
    pub language: Option<String>,
    pub text: String,
    /// The file it was read from.
    pub origin: String,
    pub claims: u64,
    /// When it was stored (RFC 3339, UTC).
    pub ingested_at: String,
}

/// One hit of a full-text search.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    pub id: String,
    pub title: Option<String>,
    #[serde(serialize_with = "serialize_date")]
    pub published: Option<NaiveDate>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// BM25 score: lower is better, as FTS5 ranks.
    pub score: f64,
    /// The matching passage with the hits in [brackets].
    pub snippet: String,
    pub claims: Vec<Claim>,
}

/// Rows the full-text indexes do not hold yet: stored since the indexes were last brought up
/// to date ([`Store::update_index`]), or added by an update.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Unindexed {
    pub documents: u64,
    pub claims: u64,
}

impl Unindexed {
    pub fn is_empty(&self) -> bool {
        self.documents == 0 && self.claims == 0
    }
}

/// Counts for `sitrep stats`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Stats {
    pub documents: u64,
    pub claims: u64,
    pub sources: u64,
    pub failures: u64,
    pub schema_version: i64,
    pub file_bytes: u64,
    /// Stored documents the full-text index does not hold yet (`sitrep index` adds them).
    pub unindexed_documents: u64,
    pub by_metric: Vec<(String, u64)>,
    pub by_source: Vec<(String, u64)>,
    /// (YYYY-MM, documents published, claims dated) per month.
    pub by_month: Vec<(String, u64, u64)>,
}

/// A source as stored: one person or body, with every name it appears under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredSource {
    pub name: String,
    pub kind: String,
    pub names: Vec<String>,
    pub claims: u64,
}

/// Storage for documents and claims. The embedded default is [`SqliteStore`].
pub trait Store {
    /// Where the store lives, for messages.
    fn location(&self) -> &Path;

    /// The id of a stored document with this key (same text or canonical URL), if any.
    fn contains(&self, key: &DocumentKey) -> Result<Option<i64>>;

    /// Writes a batch in one transaction: all of it or, on error, none of it.
    fn write(&mut self, batch: Batch) -> Result<Vec<Outcome>>;

    /// Every stored failure, latest first.
    fn failures(&self) -> Result<Vec<Failure>>;

    /// Hands each claim that passes `filter` to `each`, in order of date, then document.
    fn claims(
        &self,
        filter: &ClaimFilter,
        each: &mut dyn FnMut(StoredClaim) -> Result<()>,
    ) -> Result<()>;

    /// The listing of the claims that pass `filter`, in the order of [`Store::claims`].
    fn claim_summaries(
        &self,
        filter: &ClaimFilter,
        each: &mut dyn FnMut(ClaimSummary) -> Result<()>,
    ) -> Result<()>;

    /// Hands each stored document to `each`, in the order they were stored.
    fn documents(&self, each: &mut dyn FnMut(StoredDocument) -> Result<()>) -> Result<()>;

    /// Sources with the names they appear under, most cited first.
    fn sources(&self) -> Result<Vec<StoredSource>>;

    /// Full-text search over documents, best first (BM25). The index is brought up to date
    /// first ([`Store::update_index`]); where the store cannot be written (a read-only file),
    /// the search runs over what is indexed, and [`Store::unindexed`] tells what is missing.
    fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>>;

    /// Documents and claims stored but not yet in the full-text indexes.
    fn unindexed(&self) -> Result<Unindexed>;

    /// Brings the full-text indexes up to date, in transactions of a bounded size so that an
    /// ingest running beside it never waits long for the lock; `progress` is told the number of
    /// documents indexed so far. Storing does not index: full-text queries (`search`, a claim
    /// filter's `text`) call this first, and it costs one read when nothing is missing.
    /// Returns what it added.
    fn update_index(&self, progress: &mut dyn FnMut(u64)) -> Result<Unindexed>;

    fn stats(&self) -> Result<Stats>;

    /// A full integrity check: the problems found, none when the store is sound.
    fn check(&self) -> Result<Vec<String>>;
}

use sitrep_core::model::serialize_date;
