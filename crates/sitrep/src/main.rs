//! The sitrep command line: a thin layer over the reader, the pipeline and the evaluation.

mod ingest;
mod parallel;
mod progress;
mod store;
mod table;

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use serde::Serialize;
use sitrep_core::Extractor;
use sitrep_read::InputFormat;
use sitrep_store::export::{ExportFormat, Records};
use sitrep_store::ClaimFilter;

use crate::parallel::Step;
use crate::progress::Progress;

/// Turn conflict news into sourced numbers.
#[derive(Parser)]
#[command(name = "sitrep", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print every quantitative claim as JSON Lines (claims-v1).
    Extract {
        #[command(flatten)]
        inputs: InputArgs,
        /// Print one line per document with its total per metric, coded as ACLED does.
        #[arg(long)]
        totals: bool,
        /// The publication date (YYYY-MM-DD) for documents that carry none.
        #[arg(long)]
        published: Option<chrono::NaiveDate>,
    },
    /// Print each document as sitrep read it: id, url, title, byline, published, source,
    /// language and text, one JSON object per line.
    Doc {
        #[command(flatten)]
        inputs: InputArgs,
    },
    /// Print every number in the text with its qualifier, bounds and unit.
    Quantities {
        #[command(flatten)]
        inputs: InputArgs,
    },
    /// Read, extract and store documents and their claims in the database. The full-text
    /// search index takes the new documents later, in bulk: `sitrep index`, or the next
    /// `search` or `claims --text`.
    Ingest {
        /// Files, folders (read recursively) or `-` for standard input.
        #[arg(required_unless_present = "failed")]
        paths: Vec<PathBuf>,
        #[arg(long, default_value = "auto")]
        input: InputFormat,
        /// The publication date (YYYY-MM-DD) for documents that carry none.
        #[arg(long)]
        published: Option<chrono::NaiveDate>,
        /// List the inputs that failed, with their errors, instead of ingesting.
        #[arg(long, conflicts_with = "paths")]
        failed: bool,
        /// Documents extracted at once (default: every core).
        #[arg(long, short = 'j')]
        jobs: Option<usize>,
        /// Documents per transaction, at most: an interrupted run redoes at most this many.
        #[arg(long, default_value_t = ingest::BATCH_DOCUMENTS)]
        batch: usize,
        #[command(flatten)]
        db: DbArgs,
    },
    /// List stored claims: an aligned table, or JSON Lines (spec v1 plus title, url,
    /// published), or CSV.
    Claims {
        #[command(flatten)]
        filter: FilterArgs,
        /// JSON Lines: spec v1 records with the document's title, url and published date.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        #[arg(long)]
        csv: bool,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Full-text search over stored documents, best first (BM25), with the claims of each.
    Search {
        /// Words, "a phrase", AND, OR, NOT, prefix* (SQLite FTS5 syntax).
        #[arg(required = true)]
        query: Vec<String>,
        #[arg(long, default_value_t = 10)]
        limit: usize,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Write stored claims (or documents) as JSON Lines, CSV or Parquet.
    Export {
        #[arg(long)]
        format: ExportFormat,
        /// Export documents instead of claims.
        #[arg(long)]
        documents: bool,
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        filter: FilterArgs,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Count documents and claims by metric, source and month.
    Stats {
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Bring the full-text search index up to date. `ingest` leaves it to be done in bulk,
    /// by this command or by the next `search` or `claims --text`.
    Index {
        #[command(flatten)]
        db: DbArgs,
    },
    /// Rewrite the database file in order: smaller, and faster listings after large ingests.
    Compact {
        #[command(flatten)]
        db: DbArgs,
    },
    /// Check the database file's integrity.
    Check {
        #[command(flatten)]
        db: DbArgs,
    },
    /// Measure extraction against the gold data sets.
    Eval {
        /// The folder of gold sets.
        #[arg(long, default_value = "../shared/gold")]
        gold: PathBuf,
        /// Which split to score: dev (for tuning) or test (sealed, for measuring).
        #[arg(long, default_value = "dev")]
        split: String,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
        /// Score only the sets whose names contain this.
        #[arg(long)]
        only: Option<String>,
        /// Score another tool's quantities on NewsQuant instead: a JSON Lines file in the
        /// schema of `sitrep quantities`, `doc` naming each sentence `newsquant-K`.
        #[arg(long, value_name = "FILE")]
        predictions: Option<PathBuf>,
    },
}

/// What to read, shared by the commands that read documents.
#[derive(clap::Args)]
struct InputArgs {
    /// Files, folders (read recursively) or `-` for standard input.
    #[arg(default_value = "-")]
    paths: Vec<PathBuf>,
    /// Input format: auto (by extension and content), text, jsonl, html, feed, warc.
    #[arg(long, default_value = "auto")]
    input: InputFormat,
    /// Documents read at once (default: every core). Output order never changes.
    #[arg(long, short = 'j')]
    jobs: Option<usize>,
}

/// Where the database is.
#[derive(clap::Args)]
struct DbArgs {
    /// The database file.
    #[arg(long, env = "SITREP_DB", default_value = "sitrep.db")]
    db: PathBuf,
    /// Seconds to wait for another process that holds the database's lock.
    #[arg(long, default_value_t = 10.0)]
    busy_timeout: f64,
}

impl DbArgs {
    fn timeout(&self) -> std::time::Duration {
        std::time::Duration::from_secs_f64(self.busy_timeout.max(0.0))
    }
}

/// Which claims: text filters match anywhere in the field, ignoring case.
#[derive(clap::Args)]
struct FilterArgs {
    /// One metric: killed, wounded, casualties, deployed, ...
    #[arg(long)]
    metric: Option<String>,
    /// Words in the counted group ("North Korean").
    #[arg(long)]
    subject: Option<String>,
    #[arg(long)]
    place: Option<String>,
    /// Any name the source appears under ("NIS" finds "National Intelligence Service").
    #[arg(long)]
    source: Option<String>,
    /// Claims dated on or after this day (YYYY-MM-DD).
    #[arg(long)]
    since: Option<chrono::NaiveDate>,
    /// Claims dated on or before this day (YYYY-MM-DD).
    #[arg(long)]
    until: Option<chrono::NaiveDate>,
    /// A document's id or URL.
    #[arg(long)]
    doc: Option<String>,
    /// Full-text query over the claim's sentence (FTS5 syntax).
    #[arg(long)]
    text: Option<String>,
    /// At most this many claims.
    #[arg(long)]
    limit: Option<usize>,
}

impl FilterArgs {
    fn filter(self) -> Result<ClaimFilter> {
        store::check_metric(self.metric.as_deref())?;
        Ok(ClaimFilter {
            metric: self.metric,
            subject: self.subject,
            place: self.place,
            source: self.source,
            since: self.since,
            until: self.until,
            doc: self.doc,
            text: self.text,
            limit: self.limit,
        })
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract {
            inputs,
            totals,
            published,
        } => {
            let mut extractor = Extractor::new();
            extractor.default_published = published;
            let mode = if totals { Mode::Totals } else { Mode::Claims };
            run_documents(&inputs, |doc, out| match mode {
                Mode::Claims => write_each(out, |sink| extractor.claims_into(doc, sink)),
                Mode::Totals => write_all(out, &[extractor.totals(doc)]),
            })
        }
        Command::Doc { inputs } => {
            let extractor = Extractor::new();
            run_documents(&inputs, |doc, out| {
                write_all(out, &[DocRecord::of(doc, &extractor)])
            })
        }
        Command::Quantities { inputs } => {
            let extractor = Extractor::new();
            run_documents(&inputs, |doc, out| {
                write_all(out, &extractor.quantities(doc))
            })
        }
        Command::Ingest {
            paths,
            input,
            published,
            failed,
            jobs,
            batch,
            db,
        } => {
            if failed {
                ingest::list_failed(&db.db, db.timeout())
            } else {
                let options = ingest::Options {
                    input,
                    published,
                    busy_timeout: db.timeout(),
                    jobs: jobs.unwrap_or_else(parallel::default_jobs),
                    batch,
                };
                ingest::run(&paths, &db.db, &options)
            }
        }
        Command::Claims {
            filter,
            json,
            csv,
            db,
        } => (|| {
            let filter = filter.filter()?;
            let output = match (json, csv) {
                (true, _) => store::Output::Json,
                (_, true) => store::Output::Csv,
                _ => store::Output::Table,
            };
            store::claims(&store::open(&db.db, db.timeout())?, &filter, output)
        })(),
        Command::Search {
            query,
            limit,
            json,
            db,
        } => store::open(&db.db, db.timeout())
            .and_then(|s| store::search(&s, &query.join(" "), limit, json)),
        Command::Export {
            format,
            documents,
            out,
            filter,
            db,
        } => (|| {
            let filter = filter.filter()?;
            let records = if documents {
                Records::Documents
            } else {
                Records::Claims
            };
            let s = store::open(&db.db, db.timeout())?;
            store::export_to(&s, format, records, &filter, &out)
        })(),
        Command::Stats { json, db } => {
            store::open(&db.db, db.timeout()).and_then(|s| store::stats(&s, json))
        }
        Command::Index { db } => {
            store::open(&db.db, db.timeout()).and_then(|s| store::update_index(&s))
        }
        Command::Compact { db } => {
            store::open(&db.db, db.timeout()).and_then(|s| store::compact(&s))
        }
        Command::Check { db } => store::open(&db.db, db.timeout()).and_then(|s| store::check(&s)),
        Command::Eval {
            gold,
            split,
            json,
            only,
            predictions,
        } => eval(&gold, &split, json, only.as_deref(), predictions.as_deref()),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("sitrep: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// One line of `sitrep doc`: what sitrep read of a document.
#[derive(Serialize)]
struct DocRecord<'a> {
    id: &'a str,
    url: Option<String>,
    title: Option<String>,
    byline: Option<String>,
    #[serde(serialize_with = "sitrep_core::model::serialize_date")]
    published: Option<chrono::NaiveDate>,
    source: Option<String>,
    language: Option<String>,
    text: &'a str,
}

impl<'a> DocRecord<'a> {
    /// The reader's metadata, completed from a plain text's header where the format has none.
    fn of(doc: &'a sitrep_core::Document, extractor: &Extractor) -> DocRecord<'a> {
        let meta = extractor.metadata(doc);
        DocRecord {
            id: &doc.id,
            url: meta.url,
            title: meta.title,
            byline: meta.byline,
            published: meta.published,
            source: meta.source,
            language: meta.language,
            text: &doc.text,
        }
    }
}

#[derive(Clone, Copy)]
enum Mode {
    Claims,
    Totals,
}

fn write_all<T: Serialize>(out: &mut Vec<u8>, records: &[T]) -> io::Result<()> {
    for r in records {
        serde_json::to_writer(&mut *out, r)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Writes records as a producer hands them over, keeping the first write error.
fn write_each<T: Serialize>(
    out: &mut Vec<u8>,
    produce: impl FnOnce(&mut dyn FnMut(T)),
) -> io::Result<()> {
    let mut result = Ok(());
    produce(&mut |record| {
        if result.is_ok() {
            result = write_all(out, std::slice::from_ref(&record));
        }
    });
    result
}

/// Reads every path, runs `each` on every document on `jobs` threads, writes the results in
/// input order, reports problems on standard error, and exits 1 if any input failed (after
/// finishing the rest).
fn run_documents(
    inputs: &InputArgs,
    each: impl Fn(&sitrep_core::Document, &mut Vec<u8>) -> io::Result<()> + Sync,
) -> Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut failed = false;
    let (files, problems) = parallel::list(&inputs.paths);
    let mut progress = Progress::new(files.iter().map(|f| f.size).sum());
    for p in problems {
        failed = true;
        progress.message(&format!("sitrep: {p}"));
    }
    let mut write_error = None;
    // Output from a stream (standard input, a pipe) follows it document by document, so that
    // `tail -f feed.jsonl | sitrep extract -` shows each claim as its article arrives.
    let streaming = files.iter().any(|f| f.size.is_none());
    parallel::run(
        &files,
        inputs.input,
        inputs.jobs.unwrap_or_else(parallel::default_jobs),
        &|doc, _| {
            let mut buf = Vec::new();
            let result = each(&doc, &mut buf);
            (buf, result.err())
        },
        &mut |step| {
            match step {
                Step::Output((buf, error), size) => {
                    progress.document(size);
                    if let Some(e) = error {
                        write_error = Some(e);
                        return false;
                    }
                    let written =
                        out.write_all(&buf)
                            .and_then(|()| if streaming { out.flush() } else { Ok(()) });
                    if let Err(e) = written {
                        write_error = Some(e);
                        return false;
                    }
                }
                Step::Warning(p) => progress.message(&format!("sitrep: warning: {p}")),
                Step::Error(p) => {
                    failed = true;
                    progress.message(&format!("sitrep: {p}"));
                }
                Step::Panicked {
                    origin,
                    document,
                    message,
                    ..
                } => {
                    failed = true;
                    progress.message(&format!(
                        "sitrep: {origin}: document {document}: extraction failed: {message}"
                    ));
                }
                Step::FileDone(size) => progress.file_done(size.unwrap_or(0)),
            }
            true
        },
    );
    progress.finish();
    if let Some(e) = write_error {
        // A closed pipe (`sitrep extract | head`) is not an error of the input.
        if e.kind() != io::ErrorKind::BrokenPipe {
            return Err(e).context("writing output");
        }
        return Ok(ExitCode::SUCCESS);
    }
    if let Err(e) = out.flush() {
        if e.kind() != io::ErrorKind::BrokenPipe {
            return Err(e).context("writing output");
        }
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn eval(
    gold: &Path,
    split: &str,
    json: bool,
    only: Option<&str>,
    predictions: Option<&Path>,
) -> Result<ExitCode> {
    let split: sitrep_eval::Split = split.parse().map_err(anyhow::Error::msg)?;
    let report = match predictions {
        Some(file) => sitrep_eval::run_predictions(gold, split, file),
        None => sitrep_eval::run(gold, split, only, &mut |msg| eprintln!("{msg}")),
    }
    .map_err(|e| anyhow::anyhow!("{}: {e}", gold.display()))?;
    if json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", report.table());
    }
    Ok(ExitCode::SUCCESS)
}
