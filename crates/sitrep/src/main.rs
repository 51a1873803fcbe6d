//! The sitrep command line: a thin layer over the reader, the pipeline and the evaluation.

mod progress;

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use serde::Serialize;
use sitrep_core::Extractor;
use sitrep_read::{read_path, Event, InputFormat};

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
        /// Files, folders (read recursively) or `-` for standard input.
        #[arg(default_value = "-")]
        paths: Vec<PathBuf>,
        /// Input format: auto (by extension and content), text, jsonl.
        #[arg(long, default_value = "auto")]
        input: InputFormat,
        /// Print one line per document with its total per metric, coded as ACLED does.
        #[arg(long)]
        totals: bool,
        /// The publication date (YYYY-MM-DD) for documents that carry none.
        #[arg(long)]
        published: Option<chrono::NaiveDate>,
    },
    /// Print every number in the text with its qualifier, bounds and unit.
    Quantities {
        #[arg(default_value = "-")]
        paths: Vec<PathBuf>,
        #[arg(long, default_value = "auto")]
        input: InputFormat,
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
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract {
            paths,
            input,
            totals,
            published,
        } => {
            let mut extractor = Extractor::new();
            extractor.default_published = published;
            let mode = if totals { Mode::Totals } else { Mode::Claims };
            run_documents(&paths, input, |doc, out| match mode {
                Mode::Claims => write_each(out, |sink| extractor.claims_into(doc, sink)),
                Mode::Totals => write_all(out, &[extractor.totals(doc)]),
            })
        }
        Command::Quantities { paths, input } => {
            let extractor = Extractor::new();
            run_documents(&paths, input, |doc, out| {
                write_all(out, &extractor.quantities(doc))
            })
        }
        Command::Eval {
            gold,
            split,
            json,
            only,
        } => eval(&gold, &split, json, only.as_deref()),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("sitrep: {e:#}");
            ExitCode::from(2)
        }
    }
}

#[derive(Clone, Copy)]
enum Mode {
    Claims,
    Totals,
}

fn write_all<T: Serialize>(out: &mut dyn Write, records: &[T]) -> io::Result<()> {
    for r in records {
        serde_json::to_writer(&mut *out, r)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Writes records as a producer hands them over, keeping the first write error.
fn write_each<T: Serialize>(
    out: &mut dyn Write,
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

/// Reads every path, runs `each` on every document, reports problems on standard error, and
/// exits 1 if any input failed (after finishing the rest).
fn run_documents(
    paths: &[PathBuf],
    input: InputFormat,
    mut each: impl FnMut(&sitrep_core::Document, &mut dyn Write) -> io::Result<()>,
) -> Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut failed = false;
    let mut progress = Progress::new();
    let mut write_error = None;
    for path in paths {
        read_path(path, input, &mut |event| match event {
            Event::Document(doc) => {
                progress.document(doc.text.len());
                if write_error.is_none() {
                    if let Err(e) = each(&doc, &mut out) {
                        write_error = Some(e);
                    }
                }
            }
            Event::Warning(p) => progress.message(&format!("sitrep: warning: {p}")),
            Event::Error(p) => {
                failed = true;
                progress.message(&format!("sitrep: {p}"));
            }
        });
    }
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

fn eval(gold: &Path, split: &str, json: bool, only: Option<&str>) -> Result<ExitCode> {
    let split: sitrep_eval::Split = split.parse().map_err(anyhow::Error::msg)?;
    let report = sitrep_eval::run(gold, split, only, &mut |msg| eprintln!("{msg}"))
        .map_err(|e| anyhow::anyhow!("{}: {e}", gold.display()))?;
    if json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", report.table());
    }
    Ok(ExitCode::SUCCESS)
}
