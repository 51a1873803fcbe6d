//! SQL for reading claims back, and the counts of `sitrep stats`.

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{Connection, Row};
use sitrep_core::model::iso_date;
use sitrep_core::{Amount, Claim, Qualifier};

use crate::{ClaimFilter, ClaimSummary, Stats, StoredClaim};

const SELECT_CLAIMS: &str = "SELECT d.doc, c.metric, c.subject, c.quantity_text, c.value, c.low,
        c.high, c.qualifier, c.place, c.date, c.sources, c.sentence, c.span_start, c.span_end,
        d.title, d.url, d.published
    FROM claims AS c JOIN documents AS d ON d.id = c.document_id";

/// The listing's columns: all in the `claims_listing` index, so no claim row is read. The
/// documents' names are looked up afterwards, in id order (see `SqliteStore::claim_summaries`).
const SELECT_SUMMARIES: &str = "SELECT c.document_id, c.date, c.metric, c.quantity_text,
        c.subject, c.place, c.sources
    FROM claims AS c";

/// The claims of one stored document, in the order extraction found them.
const DOCUMENT_CLAIMS: &str = "WHERE c.document_id = ?1 ORDER BY c.ordinal";

/// The query for `filter` and its parameters. Text filters are substring matches that ignore
/// case; `%` and `_` in them match themselves.
pub(crate) fn claims_sql(filter: &ClaimFilter) -> (String, Vec<Value>) {
    filtered(SELECT_CLAIMS, filter)
}

/// The query for the listing of `filter`.
pub(crate) fn summaries_sql(filter: &ClaimFilter) -> (String, Vec<Value>) {
    filtered(SELECT_SUMMARIES, filter)
}

fn filtered(select: &str, filter: &ClaimFilter) -> (String, Vec<Value>) {
    let mut sql = format!("{select} WHERE 1");
    let mut values: Vec<Value> = Vec::new();
    // Adds a parameter and returns its placeholder.
    let mut param = |value: Value| {
        values.push(value);
        format!("?{}", values.len())
    };
    let like = |s: &str| {
        let escaped = s
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        Value::Text(format!("%{escaped}%"))
    };
    if let Some(m) = &filter.metric {
        sql += &format!(" AND c.metric = {}", param(Value::Text(m.clone())));
    }
    if let Some(s) = &filter.subject {
        sql += &format!(" AND c.subject LIKE {} ESCAPE '\\'", param(like(s)));
    }
    if let Some(p) = &filter.place {
        sql += &format!(" AND c.place LIKE {} ESCAPE '\\'", param(like(p)));
    }
    if let Some(s) = &filter.source {
        sql += &format!(
            " AND c.id IN (SELECT cs.claim_id FROM claim_sources AS cs
                 JOIN source_names AS n ON n.source_id = cs.source_id
                 WHERE n.name LIKE {} ESCAPE '\\')",
            param(like(s))
        );
    }
    if let Some(d) = filter.since {
        sql += &format!(" AND c.date >= {}", param(Value::Text(iso_date(d))));
    }
    if let Some(d) = filter.until {
        sql += &format!(" AND c.date <= {}", param(Value::Text(iso_date(d))));
    }
    if let Some(doc) = &filter.doc {
        // A URL is looked up in the canonical form documents are stored under.
        let url = crate::canonical_url(doc).unwrap_or_else(|| doc.clone());
        sql += &format!(
            " AND c.document_id IN (SELECT id FROM documents WHERE doc = {}
                 UNION SELECT id FROM documents WHERE url = {})",
            param(Value::Text(doc.clone())),
            param(Value::Text(url))
        );
    }
    if let Some(t) = &filter.text {
        sql += &format!(
            " AND c.id IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH {})",
            param(Value::Text(t.clone()))
        );
    }
    sql.push_str(" ORDER BY c.date IS NULL, c.date, c.document_id, c.ordinal");
    if let Some(limit) = filter.limit {
        sql.push_str(&format!(" LIMIT {limit}"));
    }
    (sql, values)
}

/// The claims of one document, by its row id (`?1`).
pub(crate) fn document_claims_sql() -> String {
    format!("{SELECT_CLAIMS} {DOCUMENT_CLAIMS}")
}

/// A listing row and its document's row id; the name is filled in later.
pub(crate) fn summary_from_row(r: &Row) -> rusqlite::Result<(i64, ClaimSummary)> {
    let sources: String = r.get(6)?;
    Ok((
        r.get(0)?,
        ClaimSummary {
            doc: String::new(),
            date: date(r.get(1)?),
            metric: r.get(2)?,
            quantity: r.get(3)?,
            subject: r.get(4)?,
            place: r.get(5)?,
            sources: serde_json::from_str(&sources).unwrap_or_default(),
        },
    ))
}

pub(crate) fn claim_from_row(r: &Row) -> rusqlite::Result<StoredClaim> {
    let sources: String = r.get(10)?;
    let qualifier: String = r.get(7)?;
    Ok(StoredClaim {
        claim: Claim {
            doc: r.get(0)?,
            metric: r.get(1)?,
            subject: r.get(2)?,
            quantity: Amount {
                text: r.get(3)?,
                value: r.get(4)?,
                low: r.get(5)?,
                high: r.get(6)?,
                qualifier: Qualifier::from_name(&qualifier).unwrap_or(Qualifier::Exact),
            },
            place: r.get(8)?,
            date: date(r.get(9)?),
            sources: serde_json::from_str(&sources).unwrap_or_default(),
            sentence: r.get(11)?,
            span: [r.get::<_, i64>(12)? as usize, r.get::<_, i64>(13)? as usize],
        },
        title: r.get(14)?,
        url: r.get(15)?,
        published: date(r.get(16)?),
    })
}

pub(crate) fn date(text: Option<String>) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text?.get(..10)?, "%Y-%m-%d").ok()
}

pub(crate) fn stats(conn: &Connection, path: &Path) -> rusqlite::Result<Stats> {
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0).map(|n| n as u64));
    let pairs = |sql: &str| -> rusqlite::Result<Vec<(String, u64)>> {
        conn.prepare(sql)?
            .query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)))?
            .collect()
    };
    let by_month = conn
        .prepare(
            "WITH months AS (
                 SELECT substr(published, 1, 7) AS month, 1 AS docs, 0 AS claims
                   FROM documents WHERE published IS NOT NULL
                 UNION ALL
                 SELECT substr(date, 1, 7), 0, 1 FROM claims WHERE date IS NOT NULL)
             SELECT month, sum(docs), sum(claims) FROM months GROUP BY month ORDER BY month",
        )?
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get::<_, i64>(1)? as u64,
                r.get::<_, i64>(2)? as u64,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Stats {
        documents: count("SELECT count(*) FROM documents")?,
        claims: count("SELECT count(*) FROM claims")?,
        sources: count("SELECT count(*) FROM sources")?,
        failures: count("SELECT count(*) FROM failures")?,
        schema_version: conn.query_row("PRAGMA user_version", [], |r| r.get(0))?,
        file_bytes: std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
        unindexed_documents: super::full_text::unindexed(conn)?.documents,
        by_metric: pairs(
            "SELECT metric, count(*) AS n FROM claims GROUP BY metric ORDER BY n DESC, metric",
        )?,
        by_source: pairs(
            "SELECT s.name, count(DISTINCT cs.claim_id) AS n FROM claim_sources AS cs
             JOIN sources AS s ON s.id = cs.source_id
             GROUP BY s.id ORDER BY n DESC, s.name LIMIT 20",
        )?,
        by_month,
    })
}
