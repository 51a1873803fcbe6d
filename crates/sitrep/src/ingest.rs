//! `sitrep ingest`: read, extract, store. Reading and extraction run on this thread and the
//! database writes on another, so that storage overlaps extraction instead of adding to it.
//!
//! Crash safety comes from the store: documents are committed in batches, each one
//! transaction, and a document already stored (same text or canonical URL) is recognised before
//! it is extracted again. A run killed at any point loses at most the batch in flight, and the
//! next run over the same inputs stores exactly what is missing.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::sync::Arc;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::{anyhow, Result};
use sitrep_core::Extractor;
use sitrep_read::InputFormat;
use sitrep_store::{Batch, DocumentKey, Failure, NewDocument, OpenOptions, SqliteStore, Store};

use crate::parallel::{self, Budget, Step};
use crate::progress::Progress;

/// Documents per transaction, at most.
pub const BATCH_DOCUMENTS: usize = 2048;
/// Bytes of text per transaction, at most: large pages make small batches, so the writer never
/// lags far behind extraction and memory stays bounded.
const BATCH_BYTES: usize = 8 << 20;
/// Bytes of text worth a commit when nothing else is waiting.
const BATCH_BYTES_WHEN_IDLE: usize = 4 << 20;
/// The longest a document waits in memory before its batch is committed.
const BATCH_WAIT: Duration = Duration::from_millis(500);
/// Bytes of text and documents waiting for the writer, at most: extraction runs ahead of the
/// writer through bursts of large pages, within bounded memory.
const QUEUE_BYTES: usize = 8 << 20;
/// Page cache of the connections beside the writer: the duplicate look-up reads one index,
/// and the checkpointer copies the log without the cache.
const HELPER_CACHE_BYTES: usize = 2 << 20;

enum Item {
    Document(Box<NewDocument>),
    Failure(Failure),
}

/// What the writer did.
#[derive(Default)]
struct Written {
    stored: u64,
    duplicates: u64,
    claims: u64,
    failures: u64,
}

pub struct Options {
    pub input: InputFormat,
    pub published: Option<chrono::NaiveDate>,
    pub busy_timeout: Duration,
    pub jobs: usize,
    /// Documents per transaction, at most.
    pub batch: usize,
}

pub fn run(paths: &[PathBuf], db: &Path, options: &Options) -> Result<ExitCode> {
    let open = OpenOptions {
        busy_timeout: options.busy_timeout,
        create: true,
        memory_map: false,
    };
    // The lexicons load on another thread while the database opens (or is created): each
    // takes about ten milliseconds, a twentieth of ingesting the news corpus.
    let (mut extractor, stores) = std::thread::scope(|scope| {
        let extractor = scope.spawn(Extractor::new);
        let stores = open_stores(db, &open);
        (extractor.join().expect("the lexicons load"), stores)
    });
    let (writer_store, lookup, checkpoints) = stores?;
    let checkpointer = Checkpointer::start(checkpoints)?;

    let (files, problems) = parallel::list(paths);
    let mut progress = Progress::long("ingest", files.iter().map(|f| f.size).sum());

    let (tx, rx) = channel::<Item>();
    let batch_documents = options.batch.max(1);
    let budget = Arc::new(Budget::new(QUEUE_BYTES, 2 * batch_documents));
    let writer_budget = budget.clone();
    let writer = std::thread::Builder::new()
        .name("sitrep-writer".into())
        .spawn(move || write_loop(writer_store, rx, &writer_budget, batch_documents))?;

    extractor.default_published = options.published;
    let started = Instant::now();
    let mut failed = false;
    let mut writer_gone = false;
    let send = |item: Item| {
        if let Item::Document(d) = &item {
            budget.take(d.document.text.len());
        }
        tx.send(item).is_ok()
    };
    for p in problems {
        failed = true;
        progress.message(&format!("sitrep: {p}"));
        writer_gone |= !send(Item::Failure(Failure::new(
            &p.path, p.line, None, &p.message,
        )));
    }
    // A document already stored is recognised before it is extracted: a resumed run only
    // does the work that is missing. The key is computed once, on the worker.
    let mut skipped = 0u64;
    let lookup = Mutex::new(lookup);
    parallel::run(
        &files,
        options.input,
        options.jobs,
        &|document, origin| {
            let key = DocumentKey::of(&document);
            let stored = lookup
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .contains(&key);
            // Trouble with the database is the writer's to report.
            if let Ok(Some(_)) = stored {
                return None;
            }
            let extraction = extractor.extract(&document);
            Some(NewDocument {
                key,
                document,
                origin: origin.to_string(),
                extraction,
            })
        },
        &mut |step| {
            let item = match step {
                Step::Output(new, size) => {
                    progress.document(size);
                    match new {
                        Some(new) => Item::Document(Box::new(new)),
                        None => {
                            skipped += 1;
                            return true;
                        }
                    }
                }
                Step::Warning(p) => {
                    progress.message(&format!("sitrep: warning: {p}"));
                    return true;
                }
                Step::Error(p) => {
                    failed = true;
                    progress.message(&format!("sitrep: {p}"));
                    Item::Failure(Failure::new(&p.path, p.line, None, &p.message))
                }
                Step::Panicked {
                    origin,
                    document,
                    message,
                    ..
                } => {
                    failed = true;
                    let error = format!("extraction failed: {message}");
                    progress.message(&format!("sitrep: {origin}: document {document}: {error}"));
                    Item::Failure(Failure::new(&origin, None, Some(&document), &error))
                }
                Step::FileDone(size) => {
                    progress.file_done(size.unwrap_or(0));
                    return true;
                }
            };
            writer_gone |= !send(item);
            !writer_gone
        },
    );
    drop(tx);
    let written = writer
        .join()
        .map_err(|_| anyhow!("the database writer stopped unexpectedly"))?;
    checkpointer.stop();
    progress.finish();
    let written = written?;
    eprintln!(
        "sitrep: ingest: {} new documents with {} claims into {} in {:.1} s; {} already stored, {} failed",
        written.stored,
        written.claims,
        db.display(),
        started.elapsed().as_secs_f64(),
        skipped + written.duplicates,
        written.failures,
    );
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The writer's connection, the duplicate look-up's and the checkpointer's.
fn open_stores(db: &Path, open: &OpenOptions) -> Result<(SqliteStore, SqliteStore, SqliteStore)> {
    let writer = SqliteStore::open(db, open)?;
    let lookup = SqliteStore::open(db, open)?;
    lookup.set_cache_bytes(HELPER_CACHE_BYTES)?;
    let checkpoints = SqliteStore::open(db, open)?;
    checkpoints.set_cache_bytes(HELPER_CACHE_BYTES)?;
    Ok((writer, lookup, checkpoints))
}

/// Checkpoints the write-ahead log from its own connection while the writer writes, so that
/// copying the log into the database file (and waiting for the disk) overlaps extraction
/// instead of stalling the writer or following the run.
struct Checkpointer {
    stop: std::sync::mpsc::Sender<()>,
    thread: std::thread::JoinHandle<()>,
}

impl Checkpointer {
    const EVERY: Duration = Duration::from_millis(100);

    fn start(store: SqliteStore) -> Result<Checkpointer> {
        let (stop, stopped) = channel::<()>();
        let thread = std::thread::Builder::new()
            .name("sitrep-checkpoint".into())
            .spawn(move || loop {
                let finished = !matches!(
                    stopped.recv_timeout(Self::EVERY),
                    Err(RecvTimeoutError::Timeout)
                );
                // A checkpoint that fails is tried again; trouble with the file is the
                // writer's to report.
                let _ = store.checkpoint();
                if finished {
                    return;
                }
            })?;
        Ok(Checkpointer { stop, thread })
    }

    fn stop(self) {
        let _ = self.stop.send(());
        let _ = self.thread.join();
    }
}

/// Commits what arrives in batches of up to `batch_documents` documents, [`BATCH_BYTES`] of
/// text, or [`BATCH_WAIT`].
fn write_loop(
    mut store: SqliteStore,
    rx: Receiver<Item>,
    budget: &Budget,
    batch_documents: usize,
) -> sitrep_store::Result<Written> {
    // Whatever happens, the reader must not wait for room that is never freed.
    struct Release<'a>(&'a Budget);
    impl Drop for Release<'_> {
        fn drop(&mut self) {
            self.0.close();
        }
    }
    let _release = Release(budget);
    let mut written = Written::default();
    let mut batch = Batch::default();
    let mut oldest: Option<Instant> = None;
    let mut bytes = 0;
    loop {
        let wait = oldest.map_or(BATCH_WAIT, |t| BATCH_WAIT.saturating_sub(t.elapsed()));
        let (item, closed) = match rx.recv_timeout(wait) {
            Ok(item) => (Some(item), false),
            Err(RecvTimeoutError::Timeout) => (None, false),
            Err(RecvTimeoutError::Disconnected) => (None, true),
        };
        // Group commit: take whatever else is waiting, so that batches grow when the writer
        // falls behind and stay small (and early) when it keeps up.
        let mut idle = true;
        let mut next = item;
        while let Some(item) = next.take() {
            match item {
                Item::Document(d) => {
                    bytes += d.document.text.len();
                    batch.documents.push(*d);
                }
                Item::Failure(f) => batch.failures.push(f),
            }
            if batch.documents.len() >= batch_documents || bytes >= BATCH_BYTES {
                idle = false;
                break;
            }
            next = rx.try_recv().ok();
        }
        if oldest.is_none() && (!batch.documents.is_empty() || !batch.failures.is_empty()) {
            oldest = Some(Instant::now());
        }
        let due = batch.documents.len() >= batch_documents
            || bytes >= BATCH_BYTES
            || (idle && bytes >= BATCH_BYTES_WHEN_IDLE)
            || oldest.is_some_and(|t| t.elapsed() >= BATCH_WAIT)
            || closed;
        if due && (!batch.documents.is_empty() || !batch.failures.is_empty()) {
            let failures = batch.failures.len() as u64;
            let stored_now = batch.documents.len();
            for outcome in store.write(std::mem::take(&mut batch))? {
                match outcome {
                    sitrep_store::Outcome::Stored { claims, .. } => {
                        written.stored += 1;
                        written.claims += claims as u64;
                    }
                    sitrep_store::Outcome::Duplicate { .. } => written.duplicates += 1,
                }
            }
            written.failures += failures;
            budget.give(stored_now, bytes);
            oldest = None;
            bytes = 0;
        }
        if closed {
            return Ok(written);
        }
    }
}

/// `sitrep ingest --failed`: every stored failure.
pub fn list_failed(db: &Path, busy_timeout: Duration) -> Result<ExitCode> {
    let store = SqliteStore::open(
        db,
        &OpenOptions {
            busy_timeout,
            create: false,
            memory_map: false,
        },
    )?;
    let failures = store.failures()?;
    if failures.is_empty() {
        eprintln!("sitrep: no failed inputs in {}", db.display());
        return Ok(ExitCode::SUCCESS);
    }
    let rows: Vec<Vec<String>> = failures
        .iter()
        .map(|f| {
            let place = match f.record {
                Some(r) => format!("{}:{r}", f.origin),
                None => f.origin.clone(),
            };
            vec![
                f.last_seen.clone().unwrap_or_default(),
                f.times.to_string(),
                place,
                f.document.clone().unwrap_or_default(),
                f.error.clone(),
            ]
        })
        .collect();
    crate::table::print(&["LAST SEEN", "TIMES", "INPUT", "DOCUMENT", "ERROR"], &rows)?;
    Ok(ExitCode::SUCCESS)
}
