//! The SQLite store on real files in temporary folders: idempotence, sources, filters, search,
//! exports, and every fault the issue names.

use std::time::Duration;

use sitrep_core::{Document, Extractor};
use sitrep_store::export::{export, ExportFormat, Records};
use sitrep_store::{
    Batch, ClaimFilter, Error, Failure, NewDocument, OpenOptions, SqliteStore, Store,
};

const SEOUL: &str = "Seoul, Dec. 19 (Yonhap) -- At least 100 North Korean soldiers have been \
killed in Kursk, the National Intelligence Service (NIS) said Thursday.\n\n\
The NIS said more than 1,000 North Korean soldiers were wounded.";

const KYIV: &str = "Kyiv, Dec. 23 -- About 3,000 North Korean soldiers have been killed or \
wounded in Kursk, President Volodymyr Zelensky said on Monday, citing the NIS.";

fn new_doc(id: &str, text: &str, published: &str, url: Option<&str>) -> NewDocument {
    let mut d = Document::new(id, text);
    d.meta.published = Some(published.parse().unwrap());
    d.meta.url = url.map(str::to_string);
    let e = Extractor::new().extract(&d);
    NewDocument::new(d, format!("{id}.txt"), e)
}

fn open(dir: &tempfile::TempDir) -> SqliteStore {
    SqliteStore::open(&dir.path().join("sitrep.db"), &OpenOptions::default()).unwrap()
}

fn all(store: &dyn Store, filter: ClaimFilter) -> Vec<sitrep_store::StoredClaim> {
    let mut out = Vec::new();
    store
        .claims(&filter, &mut |c| {
            out.push(c);
            Ok(())
        })
        .unwrap();
    out
}

fn batch(documents: Vec<NewDocument>) -> Batch {
    Batch {
        documents,
        failures: vec![],
    }
}

#[test]
fn the_same_article_is_stored_once_by_text_or_by_url() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let a = new_doc("a", SEOUL, "2024-12-19", Some("https://news.example/nk"));
    let outcomes = store.write(batch(vec![a.clone()])).unwrap();
    assert!(outcomes[0].is_stored());
    // Same text under another name, in a later batch.
    let mut copy = a.clone();
    copy.document.id = "copy".into();
    copy.origin = "copy.txt".into();
    // Same canonical URL with other text (a page saved again with a changed footer).
    let same_url = new_doc(
        "b",
        &format!("{SEOUL}\n\nShare this article."),
        "2024-12-19",
        Some("HTTPS://NEWS.EXAMPLE/nk/#comments"),
    );
    let outcomes = store.write(batch(vec![copy, same_url])).unwrap();
    assert!(outcomes.iter().all(|o| !o.is_stored()), "{outcomes:?}");
    assert_eq!(store.stats().unwrap().documents, 1);
    assert_eq!(store.stats().unwrap().claims, 2);
}

#[test]
fn sources_are_entities_found_under_any_of_their_names() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    store
        .write(batch(vec![
            new_doc("seoul", SEOUL, "2024-12-19", None),
            new_doc("kyiv", KYIV, "2024-12-23", None),
        ]))
        .unwrap();
    let by_acronym = all(
        &store,
        ClaimFilter {
            source: Some("nis".into()),
            ..ClaimFilter::default()
        },
    );
    let docs: Vec<&str> = by_acronym.iter().map(|c| c.claim.doc.as_str()).collect();
    assert!(
        docs.contains(&"seoul") && docs.contains(&"kyiv"),
        "{docs:?}"
    );
    let sources = store.sources().unwrap();
    let nis = sources
        .iter()
        .find(|s| s.name == "National Intelligence Service")
        .expect("the NIS as one source");
    assert!(nis.names.iter().any(|n| n == "NIS"), "{:?}", nis.names);
    // Zelensky cited the NIS in the Kyiv article.
    let cited: i64 = store
        .connection()
        .query_row(
            "SELECT count(*) FROM citations AS c JOIN sources AS s ON s.id = c.cited_id
             WHERE s.name = 'National Intelligence Service'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(cited >= 1);
}

#[test]
fn filters_dates_subjects_text_and_search() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    store
        .write(batch(vec![
            new_doc("seoul", SEOUL, "2024-12-19", None),
            new_doc("kyiv", KYIV, "2024-12-23", None),
        ]))
        .unwrap();
    let killed_since = all(
        &store,
        ClaimFilter {
            metric: Some("killed".into()),
            since: Some("2024-12-01".parse().unwrap()),
            subject: Some("north korean".into()),
            ..ClaimFilter::default()
        },
    );
    assert_eq!(killed_since.len(), 1, "{killed_since:?}");
    assert_eq!(killed_since[0].claim.quantity.text, "At least 100");
    let later = all(
        &store,
        ClaimFilter {
            since: Some("2024-12-20".parse().unwrap()),
            ..ClaimFilter::default()
        },
    );
    assert!(later.iter().all(|c| c.claim.doc == "kyiv") && !later.is_empty());
    let by_text = all(
        &store,
        ClaimFilter {
            text: Some("Zelensky".into()),
            ..ClaimFilter::default()
        },
    );
    assert!(!by_text.is_empty() && by_text.iter().all(|c| c.claim.doc == "kyiv"));
    let percent = all(
        &store,
        ClaimFilter {
            subject: Some("%".into()),
            ..ClaimFilter::default()
        },
    );
    assert!(percent.is_empty(), "% is a literal in filters");

    let hits = store.search("wounded AND Yonhap", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].id, "seoul");
    assert_eq!(hits[0].claims.len(), 2);
    assert!(hits[0].snippet.contains("[Yonhap]"), "{}", hits[0].snippet);
    match store.search("\"unclosed", 10) {
        Err(Error::BadQuery { .. }) => {}
        other => panic!("{other:?}"),
    }
}

#[test]
fn failures_are_kept_once_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let f = Failure::new("feed.jsonl", Some(3), None, "malformed JSON line");
    for _ in 0..2 {
        store
            .write(Batch {
                documents: vec![],
                failures: vec![f.clone()],
            })
            .unwrap();
    }
    let failures = store.failures().unwrap();
    assert_eq!(failures.len(), 1);
    assert_eq!(failures[0].record, Some(3));
    assert_eq!(failures[0].times, 2);
}

#[test]
fn exports_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    store
        .write(batch(vec![new_doc("seoul", SEOUL, "2024-12-19", None)]))
        .unwrap();
    for (format, name) in [
        (ExportFormat::Jsonl, "c.jsonl"),
        (ExportFormat::Csv, "c.csv"),
        (ExportFormat::Parquet, "c.parquet"),
    ] {
        for records in [Records::Claims, Records::Documents] {
            let path = dir.path().join(format!("{records:?}-{name}"));
            let file = std::fs::File::create(&path).unwrap();
            let n = export(
                &store,
                format,
                records,
                &ClaimFilter::default(),
                Box::new(file),
            )
            .unwrap();
            assert_eq!(n, if records == Records::Claims { 2 } else { 1 });
            let bytes = std::fs::read(&path).unwrap();
            match format {
                ExportFormat::Parquet => assert_eq!(&bytes[..4], b"PAR1"),
                ExportFormat::Jsonl => {
                    let first: serde_json::Value =
                        serde_json::from_slice(bytes.split(|&b| b == b'\n').next().unwrap())
                            .unwrap();
                    if records == Records::Claims {
                        assert_eq!(first["quantity"]["low"], 100);
                        assert_eq!(first["published"], "2024-12-19");
                    } else {
                        assert_eq!(first["claims"], 2);
                    }
                }
                ExportFormat::Csv => {
                    assert!(bytes.starts_with(b"doc,metric") || bytes.starts_with(b"id,url"))
                }
            }
        }
    }
}

#[test]
fn a_locked_database_waits_then_fails_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sitrep.db");
    drop(open(&dir));
    let holder = rusqlite::Connection::open(&path).unwrap();
    holder.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let options = OpenOptions {
        busy_timeout: Duration::from_millis(200),
        create: false,
        memory_map: true,
    };
    let result = SqliteStore::open(&path, &options)
        .and_then(|mut s| s.write(batch(vec![new_doc("seoul", SEOUL, "2024-12-19", None)])));
    match result {
        Err(e @ Error::Locked { .. }) => assert!(e.to_string().contains("locked")),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_full_disk_rolls_back_the_batch_and_leaves_the_file_intact() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    store
        .write(batch(vec![new_doc("seoul", SEOUL, "2024-12-19", None)]))
        .unwrap();
    // A size limit just above the present size stands in for a full disk.
    let pages: i64 = store
        .connection()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    store
        .connection()
        .execute_batch(&format!("PRAGMA max_page_count = {}", pages + 2))
        .unwrap();
    let big: Vec<NewDocument> = (0..50)
        .map(|k| {
            new_doc(
                &format!("big{k}"),
                &format!("{k} soldiers were killed. {}", "Filler text. ".repeat(2000)),
                "2024-12-20",
                None,
            )
        })
        .collect();
    match store.write(batch(big)) {
        Err(Error::Full { .. }) => {}
        other => panic!("{other:?}"),
    }
    drop(store);
    let store = open(&dir);
    assert_eq!(store.stats().unwrap().documents, 1);
    assert!(store.check().unwrap().is_empty());
}

#[test]
fn foreign_and_damaged_files_are_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let options = OpenOptions::default();
    // Not SQLite at all.
    let text = dir.path().join("notes.db");
    std::fs::write(&text, "these are my notes, not a database\n".repeat(200)).unwrap();
    assert!(matches!(
        SqliteStore::open(&text, &options),
        Err(Error::NotSitrep { .. })
    ));
    assert!(std::fs::read_to_string(&text)
        .unwrap()
        .starts_with("these are"));
    // Another program's SQLite file.
    let other = dir.path().join("other.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    assert!(matches!(
        SqliteStore::open(&other, &options),
        Err(Error::NotSitrep { .. })
    ));
    // A newer sitrep's file.
    let newer = dir.path().join("newer.db");
    drop(SqliteStore::open(&newer, &options).unwrap());
    rusqlite::Connection::open(&newer)
        .unwrap()
        .execute_batch("PRAGMA user_version = 999")
        .unwrap();
    match SqliteStore::open(&newer, &options) {
        Err(e @ Error::TooNew { .. }) => assert!(e.to_string().contains("upgrade sitrep")),
        other => panic!("{:?}", other.map(|_| ())),
    }
    // A store whose pages were overwritten.
    let damaged = dir.path().join("damaged.db");
    {
        let mut s = SqliteStore::open(&damaged, &options).unwrap();
        let docs = (0..40)
            .map(|k| {
                new_doc(
                    &format!("d{k}"),
                    &format!("{k} civilians were killed. {SEOUL}"),
                    "2024-12-19",
                    None,
                )
            })
            .collect();
        s.write(batch(docs)).unwrap();
        s.connection()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
            .unwrap();
    }
    let mut bytes = std::fs::read(&damaged).unwrap();
    let len = bytes.len();
    for b in &mut bytes[4096 * 2..len.min(4096 * 6)] {
        *b = 0x5a;
    }
    std::fs::write(&damaged, &bytes).unwrap();
    let result = SqliteStore::open(&damaged, &options).and_then(|s| {
        let problems = s.check()?;
        s.stats()?;
        Ok(problems)
    });
    match result {
        Ok(problems) => assert!(!problems.is_empty(), "damage went unseen"),
        Err(Error::Corrupt { .. }) => {}
        Err(other) => panic!("{other}"),
    }
    assert_eq!(
        std::fs::read(&damaged).unwrap().len(),
        len,
        "never recreated"
    );
}

/// A new store holding the Seoul report, not yet indexed for search.
fn with_seoul() -> (tempfile::TempDir, SqliteStore) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    store
        .write(batch(vec![new_doc("seoul", SEOUL, "2024-12-19", None)]))
        .unwrap();
    (dir, store)
}

/// Storing does not index; the first full-text query indexes what is missing, in bulk, and
/// later updates add only what was stored since.
#[test]
fn the_search_index_takes_new_documents_in_bulk_before_a_query() {
    let (_dir, mut store) = with_seoul();
    let missing = store.unindexed().unwrap();
    assert_eq!((missing.documents, missing.claims), (1, 2));
    assert_eq!(store.stats().unwrap().unindexed_documents, 1);
    // A query brings the index up to date by itself.
    assert_eq!(store.search("Kursk", 5).unwrap().len(), 1);
    assert!(store.unindexed().unwrap().is_empty());
    assert_eq!(store.stats().unwrap().unindexed_documents, 0);

    store
        .write(batch(vec![new_doc("kyiv", KYIV, "2024-12-23", None)]))
        .unwrap();
    let mut told = Vec::new();
    let added = store.update_index(&mut |n| told.push(n)).unwrap();
    assert_eq!((added.documents, added.claims), (1, 1));
    assert_eq!(told.last(), Some(&1));
    // Nothing left: no transaction, nothing added.
    assert!(store.update_index(&mut |_| {}).unwrap().is_empty());
    assert_eq!(store.search("Zelensky", 5).unwrap()[0].id, "kyiv");
    let text = ClaimFilter {
        text: Some("Zelensky".into()),
        ..ClaimFilter::default()
    };
    assert_eq!(all(&store, text).len(), 1);
    // FTS5's own check finds each index equal to its table.
    assert_eq!(store.check().unwrap(), Vec::<String>::new());
}

/// A claim filter with a text query indexes before it runs, as `search` does.
#[test]
fn a_text_filter_sees_claims_stored_since_the_last_update() {
    let (_dir, store) = with_seoul();
    let text = ClaimFilter {
        text: Some("wounded".into()),
        ..ClaimFilter::default()
    };
    assert_eq!(all(&store, text).len(), 1);
    assert!(store.unindexed().unwrap().is_empty());
}

/// An update waits for another writer's lock, then finishes: an ingest and a search can run
/// on one file at once.
#[test]
fn an_index_update_waits_for_a_writer_then_finishes() {
    let (dir, mut store) = with_seoul();
    store
        .write(batch(vec![new_doc("kyiv", KYIV, "2024-12-23", None)]))
        .unwrap();
    let writer = open(&dir);
    writer
        .connection()
        .execute_batch("BEGIN IMMEDIATE")
        .unwrap();
    let release = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        writer.connection().execute_batch("COMMIT").unwrap();
    });
    let added = store.update_index(&mut |_| {}).unwrap();
    release.join().unwrap();
    assert_eq!(added.documents, 2);
    assert!(store.unindexed().unwrap().is_empty());
}

/// Many documents, some without claims, indexed over several steps: each index ends equal to
/// its table, with every claim once.
#[test]
fn an_update_over_many_steps_indexes_every_row_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let documents: Vec<NewDocument> = (0..1_234)
        .map(|n| {
            let text = if n % 3 == 0 {
                format!("Report {n}: the weather was calm all day.")
            } else {
                format!(
                    "Report {n}: at least {} soldiers were killed, officials said.",
                    n + 2
                )
            };
            new_doc(&format!("r{n}"), &text, "2024-12-19", None)
        })
        .collect();
    let claims: usize = documents.iter().map(|d| d.extraction.claims.len()).sum();
    store.write(batch(documents)).unwrap();
    let added = store.update_index(&mut |_| {}).unwrap();
    assert_eq!(added.documents, 1_234);
    assert_eq!(added.claims as usize, claims);
    let count = |sql: &str| -> i64 { store.connection().query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(
        count("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'report'"),
        1_234
    );
    assert_eq!(
        count("SELECT count(*) FROM claims_fts WHERE claims_fts MATCH 'killed'") as usize,
        claims
    );
    assert_eq!(store.check().unwrap(), Vec::<String>::new());
}

/// A file that cannot be written is searched as it is: the rows not yet indexed are missing
/// from the hits, said by `unindexed`, and nothing fails.
#[test]
fn a_read_only_file_is_searched_as_it_is() {
    let (dir, mut store) = with_seoul();
    store.update_index(&mut |_| {}).unwrap();
    store
        .write(batch(vec![new_doc("kyiv", KYIV, "2024-12-23", None)]))
        .unwrap();
    drop(store);
    // SQLite's URI form opens the same file without write access.
    let uri = format!("file:{}?mode=ro", dir.path().join("sitrep.db").display());
    let read_only = SqliteStore::open(std::path::Path::new(&uri), &OpenOptions::default()).unwrap();
    assert!(matches!(
        read_only.update_index(&mut |_| {}),
        Err(Error::ReadOnly { .. })
    ));
    assert_eq!(read_only.search("Kursk", 5).unwrap().len(), 1);
    assert_eq!(read_only.unindexed().unwrap().documents, 1);
    assert_eq!(read_only.check().unwrap(), Vec::<String>::new());
}
