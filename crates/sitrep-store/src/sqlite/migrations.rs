//! Versioned schema migrations. Version N is `migrations/000N_*.sql`; a file is upgraded in
//! place, one transaction per version, and `PRAGMA user_version` records where it stands. A
//! migration only adds: it never drops what an earlier version stored.

use rusqlite::Connection;

/// The migrations in order: version, name, SQL.
const MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "documents and claims",
        include_str!("../../migrations/0001_documents_and_claims.sql"),
    ),
    (
        2,
        "sources",
        include_str!("../../migrations/0002_sources.sql"),
    ),
    (
        3,
        "full-text search",
        include_str!("../../migrations/0003_full_text.sql"),
    ),
    (
        4,
        "full-text indexes brought up to date in bulk",
        include_str!("../../migrations/0004_deferred_index.sql"),
    ),
];

/// The schema version this sitrep writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS[MIGRATIONS.len() - 1].0;

/// Applies the migrations after `from` up to `to`, each in its own transaction.
pub(crate) fn upgrade(
    conn: &mut Connection,
    from: i64,
    to: i64,
    application_id: i64,
) -> rusqlite::Result<()> {
    for &(version, _name, sql) in MIGRATIONS.iter().filter(|m| m.0 > from && m.0 <= to) {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Another process may have upgraded the file while this one waited for the lock.
        let now: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if now >= version {
            continue;
        }
        tx.execute_batch(sql)?;
        tx.execute_batch(&format!(
            "PRAGMA user_version = {version}; PRAGMA application_id = {application_id};"
        ))?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ClaimFilter, OpenOptions, SqliteStore, Store};

    #[test]
    fn versions_are_consecutive() {
        for (k, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(m.0, k as i64 + 1);
        }
    }

    /// A file written by the first version keeps every claim when a newer sitrep opens it, and
    /// its sources become entities that the source filter and full-text search see.
    #[test]
    fn an_older_file_is_upgraded_in_place_without_loss() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        {
            let mut conn = Connection::open(&path).unwrap();
            upgrade(&mut conn, 0, 1, 0x5349_5452).unwrap();
            conn.execute_batch(
                "INSERT INTO documents (doc, content_hash, origin, ingested_at, published)
                   VALUES ('d1', x'01', 'a.txt', '2024-12-20T00:00:00Z', '2024-12-20');
                 INSERT INTO document_texts (id, text)
                   VALUES (1, 'Ten soldiers were killed, the NIS said.');
                 INSERT INTO claims (document_id, ordinal, metric, subject, quantity_text, value,
                     low, high, qualifier, place, date, sources, sentence, span_start, span_end)
                   VALUES (1, 0, 'killed', 'soldiers', 'Ten', 10, 10, 10, 'exact', NULL,
                           '2024-12-20', '[\"NIS\",\"Ukraine\"]',
                           'Ten soldiers were killed, the NIS said.', 0, 39);",
            )
            .unwrap();
        }
        let store = SqliteStore::open(&path, &OpenOptions::default()).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        // Version 3 indexed every row it stored: nothing is left for the bulk update.
        assert!(store.unindexed().unwrap().is_empty());
        let mut found = Vec::new();
        let filter = ClaimFilter {
            source: Some("ukraine".into()),
            text: Some("soldiers".into()),
            ..ClaimFilter::default()
        };
        store
            .claims(&filter, &mut |c| {
                found.push(c);
                Ok(())
            })
            .unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].claim.sources, ["NIS", "Ukraine"]);
        assert_eq!(store.search("killed", 5).unwrap().len(), 1);
        let citations: i64 = store
            .connection()
            .query_row("SELECT count(*) FROM citations", [], |r| r.get(0))
            .unwrap();
        assert_eq!(citations, 1);
    }
}
