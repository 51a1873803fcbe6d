//! The commands over the claim store: `claims`, `search`, `export`, `stats`, `check`.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use sitrep_store::export::{export, ExportFormat, Records};
use sitrep_store::{ClaimFilter, ClaimSummary, OpenOptions, SqliteStore, Store};

use crate::progress::Progress;

/// How `sitrep claims` prints.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Output {
    Table,
    Json,
    Csv,
}

/// Opens an existing store for reading.
pub fn open(db: &Path, busy_timeout: Duration) -> Result<SqliteStore> {
    Ok(SqliteStore::open(
        db,
        &OpenOptions {
            busy_timeout,
            create: false,
            memory_map: false,
        },
    )?)
}

/// Refuses a metric that spec v1 does not have, naming the ones it does.
pub fn check_metric(metric: Option<&str>) -> Result<()> {
    if let Some(m) = metric {
        let names = sitrep_core::lexicon::metric_names();
        if !names.iter().any(|n| n == m) {
            bail!("unknown metric {m:?}; the metrics are {}", names.join(", "));
        }
    }
    Ok(())
}

pub fn claims(store: &SqliteStore, filter: &ClaimFilter, output: Output) -> Result<ExitCode> {
    if filter.text.is_some() {
        update_index(store)?;
    }
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let result = match output {
        Output::Json => store
            .claims(filter, &mut |c| {
                serde_json::to_writer(&mut out, &c).map_err(io::Error::other)?;
                out.write_all(b"\n")?;
                Ok(())
            })
            .map_err(anyhow::Error::from),
        Output::Csv => {
            drop(out);
            let stdout = io::stdout();
            let n = export(
                store,
                ExportFormat::Csv,
                Records::Claims,
                filter,
                Box::new(stdout),
            );
            return finish_pipe(n.map(|_| ()).map_err(anyhow::Error::from));
        }
        Output::Table => {
            let mut rows = Vec::new();
            store.claim_summaries(filter, &mut |c| {
                rows.push(row(&c));
                Ok(())
            })?;
            if rows.is_empty() {
                eprintln!("sitrep: no claims match");
                return Ok(ExitCode::SUCCESS);
            }
            let header = [
                "DATE", "METRIC", "QUANTITY", "SUBJECT", "PLACE", "SOURCES", "DOC",
            ];
            crate::table::write(&mut out, &header, &rows).map_err(anyhow::Error::from)
        }
    };
    finish_pipe(result.and_then(|_| out.flush().map_err(anyhow::Error::from)))
}

/// A closed pipe (`sitrep claims | head`) is not an error.
fn finish_pipe(result: Result<()>) -> Result<ExitCode> {
    match result {
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<io::Error>()
                    .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
                    || c.to_string().contains("Broken pipe")
            }) =>
        {
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Err(e),
        Ok(()) => Ok(ExitCode::SUCCESS),
    }
}

fn row(c: &ClaimSummary) -> Vec<String> {
    vec![
        c.date.map(|d| d.to_string()).unwrap_or_default(),
        c.metric.clone(),
        c.quantity.clone(),
        c.subject.clone(),
        c.place.clone().unwrap_or_default(),
        c.sources.join(" < "),
        c.doc.clone(),
    ]
}

/// Brings the full-text indexes up to date, with progress on a terminal and a line when done:
/// `ingest` leaves new documents to be indexed in bulk. A file that cannot be written is left
/// as it is, with a warning of what a search will miss.
pub fn update_index(store: &SqliteStore) -> Result<ExitCode> {
    let missing = store.unindexed()?;
    if missing.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    let started = std::time::Instant::now();
    let mut progress = Progress::documents("index", missing.documents);
    let result = store.update_index(&mut |done| progress.documents_done(done));
    progress.finish();
    match result {
        Ok(added) => {
            eprintln!(
                "sitrep: {}: {} documents and {} claims added to the search index in {:.1} s",
                store.location().display(),
                added.documents,
                added.claims,
                started.elapsed().as_secs_f64()
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(sitrep_store::Error::ReadOnly { .. }) => {
            let left = store.unindexed()?;
            eprintln!(
                "sitrep: warning: {}: cannot be written, so {} documents and {} claims are not in the search index",
                store.location().display(),
                left.documents,
                left.claims
            );
            Ok(ExitCode::from(1))
        }
        Err(e) => Err(e.into()),
    }
}

pub fn search(store: &SqliteStore, query: &str, limit: usize, json: bool) -> Result<ExitCode> {
    update_index(store)?;
    let hits = store.search(query, limit)?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if json {
        for hit in &hits {
            serde_json::to_writer(&mut out, hit)?;
            out.write_all(b"\n")?;
        }
        return finish_pipe(out.flush().map_err(anyhow::Error::from));
    }
    if hits.is_empty() {
        eprintln!("sitrep: nothing matches {query:?}");
    }
    let color = io::stdout().is_terminal();
    let result = (|| -> io::Result<()> {
        for (k, hit) in hits.iter().enumerate() {
            let title = hit.title.as_deref().unwrap_or(&hit.id);
            let bold = |s: &str| {
                if color {
                    format!("\x1b[1m{s}\x1b[0m")
                } else {
                    s.to_string()
                }
            };
            writeln!(out, "{}. {}", k + 1, bold(title))?;
            let mut about = vec![hit.id.clone()];
            about.extend(hit.published.map(|d| d.to_string()));
            about.extend(hit.source.clone());
            about.extend(hit.url.clone());
            writeln!(out, "   {}", about.join(" · "))?;
            writeln!(out, "   {}", hit.snippet.replace('\n', " "))?;
            for c in &hit.claims {
                let mut line = format!("{} {} {}", c.metric, c.quantity.text, c.subject);
                if let Some(p) = &c.place {
                    line += &format!(" in {p}");
                }
                if !c.sources.is_empty() {
                    line += &format!(" ({})", c.sources.join(" < "));
                }
                writeln!(out, "   - {line}")?;
            }
            writeln!(out)?;
        }
        out.flush()
    })();
    finish_pipe(result.map_err(anyhow::Error::from))
}

pub fn export_to(
    store: &SqliteStore,
    format: ExportFormat,
    records: Records,
    filter: &ClaimFilter,
    out: &Path,
) -> Result<ExitCode> {
    // Written next to the target and renamed into place: an interrupted export never leaves a
    // half-written file under the name asked for.
    let dir = out.parent().filter(|p| !p.as_os_str().is_empty());
    let tmp = tempfile::NamedTempFile::new_in(dir.unwrap_or(Path::new(".")))
        .with_context(|| format!("{}: cannot write here", out.display()))?;
    let file = tmp.reopen()?;
    let n = export(store, format, records, filter, Box::new(file))?;
    tmp.persist(out)
        .with_context(|| format!("{}: cannot write", out.display()))?;
    let what = match records {
        Records::Claims => "claims",
        Records::Documents => "documents",
    };
    eprintln!("sitrep: exported {n} {what} to {}", out.display());
    Ok(ExitCode::SUCCESS)
}

pub fn stats(store: &SqliteStore, json: bool) -> Result<ExitCode> {
    let s = store.stats()?;
    if json {
        println!("{}", serde_json::to_string_pretty(&s)?);
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = Vec::new();
    writeln!(
        out,
        "{}: {} documents, {} claims, {} sources, {} failed inputs; schema version {}, {:.1} MB",
        store.location().display(),
        s.documents,
        s.claims,
        s.sources,
        s.failures,
        s.schema_version,
        s.file_bytes as f64 / 1e6
    )?;
    if s.unindexed_documents > 0 {
        writeln!(
            out,
            "{} documents not yet in the search index: `sitrep index` adds them (the next search does too)",
            s.unindexed_documents
        )?;
    }
    let pairs = |rows: &[(String, u64)]| -> Vec<Vec<String>> {
        rows.iter()
            .map(|(k, n)| vec![n.to_string(), k.clone()])
            .collect()
    };
    writeln!(out, "\nclaims by metric")?;
    crate::table::write(&mut out, &["CLAIMS", "METRIC"], &pairs(&s.by_metric))?;
    writeln!(out, "\nclaims by source (top 20)")?;
    crate::table::write(&mut out, &["CLAIMS", "SOURCE"], &pairs(&s.by_source))?;
    writeln!(out, "\nby month")?;
    let months: Vec<Vec<String>> = s
        .by_month
        .iter()
        .map(|(m, d, c)| vec![m.clone(), d.to_string(), c.to_string()])
        .collect();
    crate::table::write(
        &mut out,
        &["MONTH", "DOCUMENTS PUBLISHED", "CLAIMS DATED"],
        &months,
    )?;
    io::stdout().write_all(&out)?;
    Ok(ExitCode::SUCCESS)
}

pub fn compact(store: &SqliteStore) -> Result<ExitCode> {
    let before = std::fs::metadata(store.location()).map_or(0, |m| m.len());
    let started = std::time::Instant::now();
    store.compact()?;
    let after = std::fs::metadata(store.location()).map_or(0, |m| m.len());
    eprintln!(
        "sitrep: {}: compacted in {:.1} s, {:.1} MB to {:.1} MB",
        store.location().display(),
        started.elapsed().as_secs_f64(),
        before as f64 / 1e6,
        after as f64 / 1e6
    );
    Ok(ExitCode::SUCCESS)
}

pub fn check(store: &SqliteStore) -> Result<ExitCode> {
    let problems = store.check()?;
    if problems.is_empty() {
        eprintln!("sitrep: {}: no problems found", store.location().display());
        return Ok(ExitCode::SUCCESS);
    }
    for p in &problems {
        eprintln!("sitrep: {}: {p}", store.location().display());
    }
    Ok(ExitCode::from(1))
}
