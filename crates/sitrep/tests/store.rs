//! The claim store end to end: `ingest`, `claims`, `search`, `export`, `stats`, `check`, on
//! real SQLite files in temporary folders, with fixtures written here. It includes the bounded
//! crash test: an ingest killed (SIGKILL) at several points, then resumed, ends with exactly
//! the documents and claims of an uninterrupted run.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use serde_json::Value;

fn sitrep(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_sitrep"));
    c.env("SITREP_DB", db);
    c
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn run(db: &Path, args: &[&str]) -> Output {
    sitrep(db).args(args).output().unwrap()
}

fn json_lines(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

const PLACES: &[&str] = &[
    "Kharkiv",
    "Kursk",
    "Bakhmut",
    "Zaporizhzhia",
    "Sumy",
    "Kherson",
];
const SOURCES: &[&str] = &[
    "the regional governor said",
    "the General Staff said",
    "officials said",
    "according to the UN",
];

/// A JSON Lines corpus of `n` short articles, each with a few figures.
fn corpus(dir: &Path, n: usize) -> PathBuf {
    let path = dir.join("wire.jsonl");
    let mut text = String::new();
    for k in 0..n {
        let place = PLACES[k % PLACES.len()];
        let source = SOURCES[k % SOURCES.len()];
        let body = format!(
            "At least {} civilians were killed and {} wounded in {place} on Tuesday, {source}. \
             Rescue teams deployed some {} workers to the site. Report number {k}.",
            k % 40 + 2,
            k % 70 + 5,
            k % 300 + 20
        );
        let day = k % 28 + 1;
        let line = serde_json::json!({
            "id": format!("wire-{k}"),
            "text": body,
            "published": format!("2024-12-{day:02}"),
            "url": format!("https://wire.example/{k}"),
        });
        text.push_str(&line.to_string());
        text.push('\n');
    }
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn ingest_is_idempotent_and_lists_failures() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let wire = corpus(dir.path(), 30);
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(
        &bad,
        "{\"id\": \"ok\", \"text\": \"Two soldiers were killed in Sumy.\"}\n{broken\n",
    )
    .unwrap();
    let args = ["ingest", wire.to_str().unwrap(), bad.to_str().unwrap()];
    let first = run(&db, &args);
    assert_eq!(first.status.code(), Some(1), "a bad line fails the run");
    assert!(
        stderr(&first).contains("bad.jsonl:2:"),
        "{}",
        stderr(&first)
    );
    assert!(
        stderr(&first).contains("31 new documents"),
        "{}",
        stderr(&first)
    );
    let again = run(&db, &args);
    assert!(
        stderr(&again).contains("0 new documents") && stderr(&again).contains("31 already stored"),
        "{}",
        stderr(&again)
    );
    let failed = run(&db, &["ingest", "--failed"]);
    let text = String::from_utf8_lossy(&failed.stdout);
    assert!(text.contains("bad.jsonl:2"), "{text}");
    assert!(
        text.lines().nth(1).unwrap().contains("  2  "),
        "seen twice: {text}"
    );
}

#[test]
fn claims_filters_search_export_and_stats() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let seed = repo().join("examples");
    let wire = corpus(dir.path(), 40);
    let out = run(
        &db,
        &["ingest", seed.to_str().unwrap(), wire.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));

    let out = run(
        &db,
        &[
            "claims",
            "--json",
            "--metric",
            "killed",
            "--place",
            "kursk",
            "--since",
            "2024-12-10",
        ],
    );
    let claims = json_lines(&out);
    assert!(!claims.is_empty());
    for c in &claims {
        assert_eq!(c["metric"], "killed");
        assert_eq!(c["place"], "Kursk");
        assert!(c["date"].as_str().unwrap() >= "2024-12-10");
        assert!(c["url"]
            .as_str()
            .unwrap()
            .starts_with("https://wire.example/"));
        assert!(c["span"][1].as_u64() > c["span"][0].as_u64());
    }

    let table = run(&db, &["claims", "--metric", "launched"]);
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(text.starts_with("DATE"), "{text}");
    assert!(text.contains("Shahed-type drones"), "{text}");

    let csv = run(&db, &["claims", "--csv", "--source", "air force"]);
    let text = String::from_utf8_lossy(&csv.stdout);
    assert!(text.starts_with("doc,metric,subject"), "{text}");
    // Three from the first article, two from the follow-up ("Ukraine's Air Force").
    assert_eq!(
        text.lines().count(),
        6,
        "header and five Air Force claims: {text}"
    );

    let bad = run(&db, &["claims", "--metric", "kiled"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("unknown metric"));

    // `ingest` leaves the search index to one bulk update: `index` (or the first search).
    let index = run(&db, &["index"]);
    assert!(index.status.success(), "{}", stderr(&index));
    assert!(
        stderr(&index).contains("42 documents and"),
        "{}",
        stderr(&index)
    );
    let again = run(&db, &["index"]);
    assert!(
        again.status.success() && stderr(&again).is_empty(),
        "{}",
        stderr(&again)
    );

    let hits = run(&db, &["search", "--json", "Shahed"]);
    let hits = json_lines(&hits);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["id"], "example-article.txt");
    assert!(!hits[0]["claims"].as_array().unwrap().is_empty());

    for format in ["jsonl", "csv", "parquet"] {
        let path = dir.path().join(format!("claims.{format}"));
        let out = run(
            &db,
            &[
                "export",
                "--format",
                format,
                "--out",
                path.to_str().unwrap(),
            ],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(std::fs::metadata(&path).unwrap().len() > 100);
    }
    let docs = dir.path().join("documents.jsonl");
    run(
        &db,
        &[
            "export",
            "--format",
            "jsonl",
            "--documents",
            "--out",
            docs.to_str().unwrap(),
        ],
    );
    assert_eq!(std::fs::read_to_string(&docs).unwrap().lines().count(), 42);

    let stats = run(&db, &["stats", "--json"]);
    let stats: Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert_eq!(stats["documents"], 42);
    assert!(stats["claims"].as_u64().unwrap() >= 120);
    assert!(run(&db, &["check"]).status.success());
}

#[test]
fn commands_on_a_missing_or_foreign_database_fail_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("none.db");
    let out = run(&missing, &["claims"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no database here"),
        "{}",
        stderr(&out)
    );
    assert!(!missing.exists(), "reading never creates a database");

    let foreign = dir.path().join("notes.db");
    std::fs::write(&foreign, "not a database at all\n".repeat(100)).unwrap();
    let out = run(
        &foreign,
        &["ingest", repo().join("examples").to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not a sitrep database"),
        "{}",
        stderr(&out)
    );
}

/// Every claim of a database, as comparable text.
fn all_claims(db: &Path) -> Vec<String> {
    let out = run(db, &["claims", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut lines: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    lines.sort();
    lines
}

fn document_ids(db: &Path) -> Vec<String> {
    let out = run(db, &["stats", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.jsonl");
    run(
        db,
        &[
            "export",
            "--format",
            "jsonl",
            "--documents",
            "--out",
            path.to_str().unwrap(),
        ],
    );
    let mut ids: Vec<String> = std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["id"].to_string())
        .collect();
    ids.sort();
    ids
}

#[test]
fn an_ingest_killed_at_any_point_resumes_without_loss_or_doubles() {
    let dir = tempfile::tempdir().unwrap();
    let wire = corpus(dir.path(), 4000);
    let input = wire.to_str().unwrap();

    let whole = dir.path().join("whole.db");
    let out = run(&whole, &["ingest", "-j", "1", input]);
    assert!(out.status.success(), "{}", stderr(&out));

    let crashed = dir.path().join("crashed.db");
    // Kill points spread over the run, the same on every test run (no flaky randomness). Each
    // resumed run skips what is stored, so later kills land further into the corpus.
    let mut partial = Vec::new();
    for delay_ms in [40, 200, 350, 500, 650, 800, 1000] {
        // Small transactions, so that kills land between many commits.
        let mut child = sitrep(&crashed)
            .args(["ingest", "--batch", "100", input])
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        child.kill().unwrap(); // SIGKILL: no chance to clean up
        child.wait().unwrap();
        if crashed.exists() {
            let stats = run(&crashed, &["stats", "--json"]);
            let stats: Value = serde_json::from_slice(&stats.stdout).unwrap();
            partial.push(stats["documents"].as_u64().unwrap());
        }
    }
    eprintln!("documents stored after each kill: {partial:?}");
    assert!(
        partial.iter().any(|&n| n > 0 && n < 4000),
        "no kill landed mid-run: {partial:?}"
    );
    let out = run(&crashed, &["ingest", "--batch", "100", input]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(run(&crashed, &["check"]).status.success());

    assert_eq!(document_ids(&crashed), document_ids(&whole));
    assert_eq!(all_claims(&crashed), all_claims(&whole));
}
