//! The embedded store: one SQLite file in WAL mode, so that readers never wait for a writer and
//! an interrupted writer leaves the file as it was at its last commit.

mod full_text;
mod migrations;
mod query;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::{params, Connection, ErrorCode, OpenFlags, OptionalExtension, Transaction};
use sitrep_core::model::iso_date;
use sitrep_core::Claim;

use crate::{
    Batch, ClaimFilter, ClaimSummary, DocumentKey, Error, Failure, NewDocument, Outcome, Result,
    SearchHit, Stats, Store, StoredClaim, StoredDocument, StoredSource, Unindexed,
};

pub use migrations::SCHEMA_VERSION;

/// `PRAGMA application_id` of a sitrep database ("SITR"), so that another program's SQLite file
/// is never taken for ours.
const APPLICATION_ID: i64 = 0x5349_5452;

/// How to open a store.
#[derive(Debug, Clone)]
pub struct OpenOptions {
    /// How long to wait for another process's lock before failing.
    pub busy_timeout: Duration,
    /// Create the file if it does not exist (`ingest`); otherwise a missing file is an error.
    pub create: bool,
    /// Read through a memory map instead of copying each page. Off by default: for a
    /// one-shot command the page faults of mapping and the unmapping at exit cost more than
    /// the copies save (`bench/claims_db.sh`: 70 ms against 90 ms, 22 MB against 150 MB
    /// resident), and bulk writing only grows resident memory with it. Worth it for a
    /// long-lived process that reads the same pages again and again.
    pub memory_map: bool,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions {
            busy_timeout: Duration::from_secs(10),
            create: true,
            memory_map: false,
        }
    }
}

/// The SQLite store.
pub struct SqliteStore {
    path: PathBuf,
    conn: Connection,
    busy_timeout: Duration,
}

impl SqliteStore {
    /// Opens (or creates) the database at `path`, upgrading an older schema in place.
    pub fn open(path: &Path, options: &OpenOptions) -> Result<SqliteStore> {
        let exists = path.exists();
        if !exists && !options.create {
            return Err(Error::Missing {
                path: path.to_path_buf(),
            });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| classify(path, e, None))?;
        let mut store = SqliteStore {
            path: path.to_path_buf(),
            conn,
            busy_timeout: options.busy_timeout,
        };
        store
            .conn
            .busy_timeout(options.busy_timeout)
            .map_err(|e| store.error(e))?;
        store.prepare(options.memory_map)?;
        Ok(store)
    }

    /// Checks that the file is ours, sets it up, and brings its schema up to date.
    fn prepare(&mut self, memory_map: bool) -> Result<()> {
        let started = Instant::now();
        let (app_id, version): (i64, i64) = self
            .conn
            .query_row(
                "SELECT application_id, user_version FROM pragma_application_id, pragma_user_version",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| self.error_since(e, started))?;
        if app_id != APPLICATION_ID {
            let tables: i64 = self
                .conn
                .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
                .map_err(|e| self.error_since(e, started))?;
            if app_id != 0 || version != 0 || tables != 0 {
                return Err(Error::NotSitrep {
                    path: self.path.clone(),
                    detail: format!("a SQLite file of another program, application id {app_id:#x}"),
                });
            }
        }
        if version > SCHEMA_VERSION {
            return Err(Error::TooNew {
                path: self.path.clone(),
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        // WAL: readers and one writer at once, and a crash leaves the last commit intact.
        // NORMAL sync is durable against a killed process; only a power cut can lose the last
        // commit, never corrupt the file. Checkpoints every 64 MB of log write a page touched
        // by many batches once.
        self.conn
            .execute_batch(
                "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;
                 PRAGMA cache_size = -32768; PRAGMA temp_store = MEMORY;
                 PRAGMA wal_autocheckpoint = 16384; PRAGMA journal_size_limit = 67108864;",
            )
            .map_err(|e| self.error_since(e, started))?;
        if memory_map {
            self.conn
                .execute_batch("PRAGMA mmap_size = 1073741824")
                .map_err(|e| self.error_since(e, started))?;
        }
        if version < SCHEMA_VERSION {
            migrations::upgrade(&mut self.conn, version, SCHEMA_VERSION, APPLICATION_ID)
                .map_err(|e| self.error_since(e, started))?;
        }
        Ok(())
    }

    /// Bounds the connection's page cache (32 MB when opened). A helper connection beside a
    /// bulk writer (the duplicate look-up, the checkpointer) needs little: each full cache is
    /// resident memory for the whole run.
    pub fn set_cache_bytes(&self, bytes: usize) -> Result<()> {
        self.conn
            .execute_batch(&format!("PRAGMA cache_size = -{}", (bytes / 1024).max(1)))
            .map_err(|e| self.error(e))
    }

    /// Copies what the write-ahead log holds into the database file, as far as readers allow,
    /// without blocking the writer (a passive checkpoint). Run from a second connection while
    /// a bulk writer writes, it moves most of that copying off the writer's path; the writer's
    /// own automatic checkpoint then finds little left and lets the log start over, so the log
    /// stays bounded.
    pub fn checkpoint(&self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))
            .map_err(|e| self.error(e))
    }

    /// Rewrites the file with every table and index in order (SQLite's VACUUM), then updates
    /// the query planner's statistics. After large ingests, whose index pages are scattered
    /// through the file, listings read fewer pages; the file also gives back free space. Needs
    /// free disk space about the size of the file while it runs.
    pub fn compact(&self) -> Result<()> {
        self.conn
            .execute_batch("VACUUM; PRAGMA optimize;")
            .map_err(|e| self.error(e))
    }

    /// The schema version of the file.
    pub fn schema_version(&self) -> Result<i64> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.error(e))
    }

    /// The underlying connection, for tests and tools that need plain SQL.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    fn error(&self, e: rusqlite::Error) -> Error {
        classify(&self.path, e, Some(self.busy_timeout.as_millis()))
    }

    fn error_since(&self, e: rusqlite::Error, started: Instant) -> Error {
        classify(&self.path, e, Some(started.elapsed().as_millis()))
    }

    /// Stores one document and its claims, sources and citations inside `tx`.
    fn put(tx: &Transaction, new: &NewDocument, now: &str) -> rusqlite::Result<Outcome> {
        if let Some(existing) = find(tx, &new.key)? {
            return Ok(Outcome::Duplicate { existing });
        }
        let d = &new.document;
        let meta = &new.extraction.meta;
        let published = meta.published.map(iso_date);
        tx.prepare_cached(
            "INSERT INTO documents (doc, content_hash, url, title, byline, published, source,
                 language, origin, ingested_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![
            d.id,
            &new.key.content_hash[..],
            new.key.url,
            meta.title,
            meta.byline,
            published,
            meta.source,
            meta.language,
            new.origin,
            now
        ])?;
        let doc_id = tx.last_insert_rowid();
        // The full-text indexes take the new rows later, in bulk: see `update_index`.
        tx.prepare_cached("INSERT INTO document_texts (id, text) VALUES (?1, ?2)")?
            .execute(params![doc_id, d.text])?;

        let source_ids: Vec<i64> = new
            .extraction
            .sources
            .iter()
            .map(|s| source_id(tx, &s.name, s.kind, &s.names))
            .collect::<rusqlite::Result<_>>()?;
        let by_name = |name: &str| {
            new.extraction
                .sources
                .iter()
                .position(|s| s.name == name)
                .map(|k| source_ids[k])
        };
        let mut insert_claim = tx.prepare_cached(
            "INSERT INTO claims (document_id, ordinal, metric, subject, quantity_text, value, low,
                 high, qualifier, place, date, sources, sentence, span_start, span_end)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        )?;
        let mut insert_claim_source = tx.prepare_cached(
            "INSERT OR IGNORE INTO claim_sources (claim_id, position, source_id) VALUES (?1, ?2, ?3)",
        )?;
        for (ordinal, c) in new.extraction.claims.iter().enumerate() {
            let q = &c.quantity;
            insert_claim.execute(params![
                doc_id,
                ordinal as i64,
                c.metric,
                c.subject,
                q.text,
                q.value,
                q.low,
                q.high,
                qualifier_name(q.qualifier),
                c.place,
                c.date.map(iso_date),
                serde_json::to_string(&c.sources).unwrap_or_else(|_| "[]".into()),
                c.sentence,
                c.span[0] as i64,
                c.span[1] as i64
            ])?;
            let claim_id = tx.last_insert_rowid();
            for (position, name) in c.sources.iter().enumerate() {
                let id = match by_name(name) {
                    Some(id) => id,
                    None => source_id(tx, name, "other", std::slice::from_ref(name))?,
                };
                insert_claim_source.execute(params![claim_id, position as i64, id])?;
            }
        }
        let mut insert_citation = tx.prepare_cached(
            "INSERT OR IGNORE INTO citations (document_id, speaker_id, cited_id) VALUES (?1, ?2, ?3)",
        )?;
        for &(who, whom) in &new.extraction.citations {
            if source_ids[who] != source_ids[whom] {
                insert_citation.execute(params![doc_id, source_ids[who], source_ids[whom]])?;
            }
        }
        Ok(Outcome::Stored {
            id: doc_id,
            claims: new.extraction.claims.len(),
        })
    }

    fn put_failure(tx: &Transaction, f: &Failure, now: &str) -> rusqlite::Result<()> {
        tx.prepare_cached(
            "INSERT INTO failures (origin, record, document, error, first_seen, last_seen)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)
             ON CONFLICT (origin, record, document, error)
             DO UPDATE SET last_seen = excluded.last_seen, times = times + 1",
        )?
        .execute(params![
            f.origin,
            f.record.unwrap_or(0) as i64,
            f.document.as_deref().unwrap_or(""),
            f.error,
            now
        ])?;
        Ok(())
    }
}

/// The stored document with the same text or canonical URL.
fn find(conn: &Connection, key: &DocumentKey) -> rusqlite::Result<Option<i64>> {
    let by_hash = conn
        .prepare_cached("SELECT id FROM documents WHERE content_hash = ?1")?
        .query_row([&key.content_hash[..]], |r| r.get(0))
        .optional()?;
    if by_hash.is_some() {
        return Ok(by_hash);
    }
    match &key.url {
        Some(url) => conn
            .prepare_cached("SELECT id FROM documents WHERE url = ?1")?
            .query_row([url], |r| r.get(0))
            .optional(),
        None => Ok(None),
    }
}

/// The id of the source called `name`, found by its name or a distinctive other name (one with
/// a capital letter: "NIS", not "the agency"), or made. Its names are added to it.
fn source_id(tx: &Transaction, name: &str, kind: &str, names: &[String]) -> rusqlite::Result<i64> {
    let distinctive = |n: &str| n.chars().any(char::is_uppercase);
    let mut found: Option<i64> = tx
        .prepare_cached("SELECT id FROM sources WHERE name = ?1 COLLATE NOCASE LIMIT 1")?
        .query_row([name], |r| r.get(0))
        .optional()?;
    if found.is_none() {
        // The smallest id is taken here, not by `ORDER BY source_id LIMIT 1` or `min()`: with
        // either, SQLite prepared the statement again for every name bound, a twelfth of the
        // writer's time.
        let mut by_alias = tx
            .prepare_cached("SELECT source_id FROM source_names WHERE name = ?1 AND generic = 0")?;
        for n in names.iter().filter(|n| distinctive(n)) {
            found = by_alias
                .query_map([n], |r| r.get::<_, i64>(0))?
                .try_fold(None, |least: Option<i64>, id| {
                    id.map(|id| Some(least.map_or(id, |l| l.min(id))))
                })?;
            if found.is_some() {
                break;
            }
        }
    }
    let id = match found {
        Some(id) => id,
        None => {
            tx.prepare_cached("INSERT INTO sources (name, kind) VALUES (?1, ?2)")?
                .execute(params![name, kind])?;
            tx.last_insert_rowid()
        }
    };
    let mut add = tx.prepare_cached(
        "INSERT OR IGNORE INTO source_names (name, source_id, generic) VALUES (?1, ?2, ?3)",
    )?;
    add.execute(params![name, id, !distinctive(name) as i64])?;
    for n in names {
        add.execute(params![n, id, !distinctive(n) as i64])?;
    }
    Ok(id)
}

fn qualifier_name(q: sitrep_core::Qualifier) -> String {
    serde_json::to_value(q)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Turns a SQLite error into one the user can act on.
fn classify(path: &Path, e: rusqlite::Error, waited_ms: Option<u128>) -> Error {
    let path = path.to_path_buf();
    if let rusqlite::Error::SqliteFailure(f, ref message) = e {
        let detail = message.clone().unwrap_or_else(|| f.to_string());
        match f.code {
            ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => {
                return Error::Locked {
                    path,
                    waited_ms: waited_ms.unwrap_or(0),
                }
            }
            ErrorCode::DiskFull => return Error::Full { path },
            ErrorCode::ReadOnly => return Error::ReadOnly { path },
            ErrorCode::DatabaseCorrupt => return Error::Corrupt { path, detail },
            ErrorCode::NotADatabase => {
                return Error::NotSitrep {
                    path,
                    detail: "not a SQLite database, or an encrypted or damaged one".into(),
                }
            }
            _ => {}
        }
    }
    Error::Database {
        path,
        detail: e.to_string(),
    }
}

impl Store for SqliteStore {
    fn location(&self) -> &Path {
        &self.path
    }

    fn contains(&self, key: &DocumentKey) -> Result<Option<i64>> {
        find(&self.conn, key).map_err(|e| self.error(e))
    }

    fn write(&mut self, batch: Batch) -> Result<Vec<Outcome>> {
        let started = Instant::now();
        let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let path = self.path.clone();
        let waited = |e| classify(&path, e, Some(started.elapsed().as_millis()));
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(waited)?;
        let mut outcomes = Vec::with_capacity(batch.documents.len());
        for new in &batch.documents {
            outcomes.push(Self::put(&tx, new, &now).map_err(waited)?);
        }
        for f in &batch.failures {
            Self::put_failure(&tx, f, &now).map_err(waited)?;
        }
        // On any error above the transaction rolls back as it is dropped.
        tx.commit().map_err(waited)?;
        Ok(outcomes)
    }

    fn failures(&self) -> Result<Vec<Failure>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT origin, record, document, error, last_seen, times FROM failures
                 ORDER BY last_seen DESC, origin, record",
            )
            .map_err(|e| self.error(e))?;
        let rows = stmt
            .query_map([], |r| {
                let record: i64 = r.get(1)?;
                let document: String = r.get(2)?;
                Ok(Failure {
                    origin: r.get(0)?,
                    record: (record > 0).then_some(record as u64),
                    document: (!document.is_empty()).then_some(document),
                    error: r.get(3)?,
                    last_seen: r.get(4)?,
                    times: r.get::<_, i64>(5)? as u64,
                })
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.error(e))?;
        Ok(rows)
    }

    fn claims(
        &self,
        filter: &ClaimFilter,
        each: &mut dyn FnMut(StoredClaim) -> Result<()>,
    ) -> Result<()> {
        let (sql, values) = query::claims_sql(filter);
        self.filtered_rows(&sql, &values, filter, &mut |row| {
            each(query::claim_from_row(row).map_err(|e| self.error(e))?)
        })
    }

    fn claim_summaries(
        &self,
        filter: &ClaimFilter,
        each: &mut dyn FnMut(ClaimSummary) -> Result<()>,
    ) -> Result<()> {
        // One read transaction for the listing and the name look-ups: the same snapshot for
        // both, and one lock instead of a lock, an unlock and a file check per document.
        let snapshot = self
            .conn
            .unchecked_transaction()
            .map_err(|e| self.error(e))?;
        let (sql, values) = query::summaries_sql(filter);
        let mut found = Vec::new();
        self.filtered_rows(&sql, &values, filter, &mut |row| {
            found.push(query::summary_from_row(row).map_err(|e| self.error(e))?);
            Ok(())
        })?;
        // Names in ascending id order: the document pages are read once each, front to back,
        // instead of one random read per claim.
        let mut ids: Vec<i64> = found.iter().map(|(id, _)| *id).collect();
        ids.sort_unstable();
        ids.dedup();
        let mut names = std::collections::HashMap::with_capacity(ids.len());
        let mut lookup = self
            .conn
            .prepare_cached("SELECT doc FROM documents INDEXED BY documents_names WHERE id = ?1")
            .map_err(|e| self.error(e))?;
        for id in ids {
            let name: String = lookup
                .query_row([id], |r| r.get(0))
                .map_err(|e| self.error(e))?;
            names.insert(id, name);
        }
        drop(lookup);
        snapshot.finish().map_err(|e| self.error(e))?;
        for (id, mut summary) in found {
            summary.doc = names.get(&id).cloned().unwrap_or_default();
            each(summary)?;
        }
        Ok(())
    }

    fn documents(&self, each: &mut dyn FnMut(StoredDocument) -> Result<()>) -> Result<()> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT d.doc, d.url, d.title, d.byline, d.published, d.source, d.language,
                        t.text, d.origin,
                        (SELECT count(*) FROM claims AS c WHERE c.document_id = d.id),
                        d.ingested_at
                 FROM documents AS d JOIN document_texts AS t ON t.id = d.id ORDER BY d.id",
            )
            .map_err(|e| self.error(e))?;
        let mut rows = stmt.query([]).map_err(|e| self.error(e))?;
        while let Some(r) = rows.next().map_err(|e| self.error(e))? {
            let document = (|| {
                Ok::<_, rusqlite::Error>(StoredDocument {
                    id: r.get(0)?,
                    url: r.get(1)?,
                    title: r.get(2)?,
                    byline: r.get(3)?,
                    published: query::date(r.get(4)?),
                    source: r.get(5)?,
                    language: r.get(6)?,
                    text: r.get(7)?,
                    origin: r.get(8)?,
                    claims: r.get::<_, i64>(9)? as u64,
                    ingested_at: r.get(10)?,
                })
            })()
            .map_err(|e| self.error(e))?;
            each(document)?;
        }
        Ok(())
    }

    fn sources(&self) -> Result<Vec<StoredSource>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT s.name, s.kind,
                        (SELECT json_group_array(n.name) FROM source_names AS n
                         WHERE n.source_id = s.id),
                        (SELECT count(DISTINCT cs.claim_id) FROM claim_sources AS cs
                         WHERE cs.source_id = s.id) AS claims
                 FROM sources AS s ORDER BY claims DESC, s.name",
            )
            .map_err(|e| self.error(e))?;
        let rows = stmt
            .query_map([], |r| {
                let name: String = r.get(0)?;
                let names: String = r.get(2)?;
                let mut names: Vec<String> = serde_json::from_str(&names).unwrap_or_default();
                names.sort_by_key(|n| *n != name);
                Ok(StoredSource {
                    name,
                    kind: r.get(1)?,
                    names,
                    claims: r.get::<_, i64>(3)? as u64,
                })
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.error(e))?;
        Ok(rows)
    }

    fn unindexed(&self) -> Result<Unindexed> {
        full_text::unindexed(&self.conn).map_err(|e| self.error(e))
    }

    fn update_index(&self, progress: &mut dyn FnMut(u64)) -> Result<Unindexed> {
        if self.unindexed()?.is_empty() {
            return Ok(Unindexed::default());
        }
        let started = Instant::now();
        full_text::update(&self.conn, progress).map_err(|e| self.error_since(e, started))
    }

    fn search(&self, text: &str, limit: usize) -> Result<Vec<SearchHit>> {
        self.index_before_query()?;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT d.id, d.doc, d.title, d.published, d.source, d.url,
                        bm25(documents_fts) AS score,
                        snippet(documents_fts, 1, '[', ']', '…', 16)
                 FROM documents_fts JOIN documents AS d ON d.id = documents_fts.rowid
                 WHERE documents_fts MATCH ?1 ORDER BY score LIMIT ?2",
            )
            .map_err(|e| self.error(e))?;
        let hits = stmt
            .query_map(params![text, limit as i64], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    SearchHit {
                        id: r.get(1)?,
                        title: r.get(2)?,
                        published: query::date(r.get(3)?),
                        source: r.get(4)?,
                        url: r.get(5)?,
                        score: r.get(6)?,
                        snippet: r.get(7)?,
                        claims: Vec::new(),
                    },
                ))
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.query_error(e, Some(text)))?;
        let mut out = Vec::with_capacity(hits.len());
        for (id, mut hit) in hits {
            let mut stmt = self
                .conn
                .prepare_cached(&query::document_claims_sql())
                .map_err(|e| self.error(e))?;
            let claims: Vec<Claim> = stmt
                .query_map([id], |r| query::claim_from_row(r).map(|c| c.claim))
                .and_then(|rows| rows.collect())
                .map_err(|e| self.error(e))?;
            hit.claims = claims;
            out.push(hit);
        }
        Ok(out)
    }

    fn stats(&self) -> Result<Stats> {
        query::stats(&self.conn, &self.path).map_err(|e| self.error(e))
    }

    fn check(&self) -> Result<Vec<String>> {
        // FTS5's check compares each index with its table, so rows not yet indexed would read
        // as damage: they are indexed first. FTS5 runs its check as a write, so a file that
        // cannot be written gets SQLite's check alone (which reads the indexes' tables too).
        let writable = match self.update_index(&mut |_| {}) {
            Ok(_) => true,
            Err(Error::ReadOnly { .. }) => false,
            Err(e) => return Err(e),
        };
        let mut stmt = self
            .conn
            .prepare("PRAGMA integrity_check")
            .map_err(|e| self.error(e))?;
        let mut problems: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<String>>>())
            .map_err(|e| self.error(e))?;
        problems.retain(|p| p != "ok");
        let fk: Vec<String> = self
            .conn
            .prepare("PRAGMA foreign_key_check")
            .and_then(|mut s| {
                s.query_map([], |r| {
                    Ok(format!(
                        "row {} of {} points at a missing {}",
                        r.get::<_, i64>(1)?,
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(2)?
                    ))
                })
                .and_then(|rows| rows.collect())
            })
            .map_err(|e| self.error(e))?;
        problems.extend(fk);
        for table in ["documents_fts", "claims_fts"]
            .into_iter()
            .filter(|_| writable)
        {
            let sql = format!("INSERT INTO {table} ({table}, rank) VALUES ('integrity-check', 1)");
            if let Err(e) = self.conn.execute(&sql, []) {
                problems.push(format!("{table}: {e}"));
            }
        }
        Ok(problems)
    }
}

impl SqliteStore {
    /// Runs a claim query built from `filter` and hands each row to `each`; an FTS5 query the
    /// user wrote badly (`--text`) is reported as such.
    fn filtered_rows(
        &self,
        sql: &str,
        values: &[rusqlite::types::Value],
        filter: &ClaimFilter,
        each: &mut dyn FnMut(&rusqlite::Row) -> Result<()>,
    ) -> Result<()> {
        let text = filter.text.as_deref();
        if text.is_some() {
            self.index_before_query()?;
        }
        let mut stmt = self.conn.prepare(sql).map_err(|e| self.error(e))?;
        let mut rows = stmt
            .query(rusqlite::params_from_iter(values.iter()))
            .map_err(|e| self.query_error(e, text))?;
        while let Some(row) = rows.next().map_err(|e| self.query_error(e, text))? {
            each(row)?;
        }
        Ok(())
    }

    /// Brings the full-text indexes up to date before a full-text query. A file that cannot
    /// be written (opened read-only, on a read-only disk) is searched as it is.
    fn index_before_query(&self) -> Result<()> {
        match self.update_index(&mut |_| {}) {
            Ok(_) | Err(Error::ReadOnly { .. }) => Ok(()),
            Err(e) => Err(e),
        }
    }

    fn query_error(&self, e: rusqlite::Error, text: Option<&str>) -> Error {
        // Our SQL is fixed and tested: a plain SQLITE_ERROR while a full-text query runs is
        // FTS5 rejecting the user's query ("unterminated string", "syntax error near ...").
        let from_query = matches!(
            &e,
            rusqlite::Error::SqliteFailure(f, _) if f.code == ErrorCode::Unknown
        );
        let message = e.to_string();
        match text {
            Some(text) if from_query => Error::BadQuery {
                query: text.to_string(),
                detail: format!(
                    "{message} (FTS5 query syntax: words, \"a phrase\", AND, OR, NOT, prefix*)"
                ),
            },
            _ => self.error(e),
        }
    }
}
