//! The full-text indexes (FTS5 over documents' title and text, and over claims' sentences),
//! brought up to date in bulk instead of row by row as documents are stored.
//!
//! Indexing inside every ingest batch cost more CPU than extracting the claims, and the cost
//! grew with the index, as FTS5 merged its small segments again and again. Indexed in large
//! transactions after the fact, the same text costs a fraction of that. `full_text_progress`
//! records the highest rowid each index holds; ids only grow and rows are never deleted, so
//! the rows above that mark are exactly what the index lacks, and each transaction moves the
//! mark with the rows it adds: an interrupted update loses nothing and doubles nothing.

use std::time::{Duration, Instant};

use rusqlite::{params, Connection, Transaction, TransactionBehavior};

use crate::Unindexed;

/// Documents added to the index per statement: a few megabytes of news text.
const DOCUMENTS_PER_STEP: i64 = 500;
/// How long one transaction goes on adding steps. Long enough that FTS5 writes few, large
/// segments (the fewer transactions, the less merging); short enough that an ingest running
/// beside the update waits about that long for the lock, far below its busy timeout.
const TRANSACTION_TIME: Duration = Duration::from_millis(1000);

/// The highest document and claim ids the indexes hold.
fn marks(conn: &Connection) -> rusqlite::Result<(i64, i64)> {
    conn.prepare_cached(
        "SELECT (SELECT indexed_upto FROM full_text_progress WHERE index_name = 'documents_fts'),
                (SELECT indexed_upto FROM full_text_progress WHERE index_name = 'claims_fts')",
    )?
    .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
}

/// Rows stored but not yet indexed.
pub(crate) fn unindexed(conn: &Connection) -> rusqlite::Result<Unindexed> {
    let (documents, claims) = marks(conn)?;
    conn.prepare_cached(
        "SELECT (SELECT count(*) FROM documents WHERE id > ?1),
                (SELECT count(*) FROM claims WHERE id > ?2)",
    )?
    .query_row(params![documents, claims], |r| {
        Ok(Unindexed {
            documents: r.get::<_, i64>(0)? as u64,
            claims: r.get::<_, i64>(1)? as u64,
        })
    })
}

/// Indexes every row above the marks, in transactions of about [`TRANSACTION_TIME`], telling
/// `progress` the documents indexed so far. Returns what it added.
pub(crate) fn update(
    conn: &Connection,
    progress: &mut dyn FnMut(u64),
) -> rusqlite::Result<Unindexed> {
    let mut added = Unindexed::default();
    loop {
        let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
        let started = Instant::now();
        let mut finished = false;
        while started.elapsed() < TRANSACTION_TIME {
            let step = index_step(&tx)?;
            added.documents += step.documents;
            added.claims += step.claims;
            if step.documents == 0 {
                finished = true;
                break;
            }
        }
        tx.commit()?;
        progress(added.documents);
        if finished {
            return Ok(added);
        }
    }
}

/// Indexes the next [`DOCUMENTS_PER_STEP`] documents above the mark and their claims, and
/// moves the marks. With no document left, indexes whatever claims remain.
fn index_step(tx: &Transaction) -> rusqlite::Result<Unindexed> {
    let (documents_upto, claims_upto) = marks(tx)?;
    let last_document: Option<i64> = tx
        .prepare_cached(
            "SELECT max(id) FROM (SELECT id FROM documents WHERE id > ?1 ORDER BY id LIMIT ?2)",
        )?
        .query_row(params![documents_upto, DOCUMENTS_PER_STEP], |r| r.get(0))?;
    let documents = match last_document {
        Some(last) => tx
            .prepare_cached(
                "INSERT INTO documents_fts (rowid, title, text)
                 SELECT d.id, d.title, t.text
                 FROM documents AS d JOIN document_texts AS t ON t.id = d.id
                 WHERE d.id > ?1 AND d.id <= ?2 ORDER BY d.id",
            )?
            .execute(params![documents_upto, last])?,
        None => 0,
    };
    // A claim is stored in its document's transaction, so the claims of these documents are
    // the claim ids up to the last of theirs.
    let last_claim: i64 = match last_document {
        Some(last) => tx
            .prepare_cached(
                "SELECT coalesce(max(id), ?3) FROM claims
                 WHERE document_id > ?1 AND document_id <= ?2",
            )?
            .query_row(params![documents_upto, last, claims_upto], |r| r.get(0))?,
        None => tx
            .prepare_cached("SELECT coalesce(max(id), ?1) FROM claims")?
            .query_row([claims_upto], |r| r.get(0))?,
    };
    let claims = tx
        .prepare_cached(
            "INSERT INTO claims_fts (rowid, sentence)
             SELECT id, sentence FROM claims WHERE id > ?1 AND id <= ?2 ORDER BY id",
        )?
        .execute(params![claims_upto, last_claim])?;
    let mut mark = tx.prepare_cached(
        "UPDATE full_text_progress SET indexed_upto = ?2
         WHERE index_name = ?1 AND indexed_upto < ?2",
    )?;
    if let Some(last) = last_document {
        mark.execute(params!["documents_fts", last])?;
    }
    mark.execute(params!["claims_fts", last_claim])?;
    Ok(Unindexed {
        documents: documents as u64,
        claims: claims as u64,
    })
}
