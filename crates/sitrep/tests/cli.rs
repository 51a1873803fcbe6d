//! The sitrep binary end to end: what a user runs, on the bundled example and on bad input.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn sitrep() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

/// Runs sitrep with `args`, writing `input` to its standard input.
fn with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = sitrep()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn extracts_the_bundled_example() {
    let out = sitrep()
        .arg("extract")
        .arg(repo().join("examples/example-article.txt"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let claims = lines(&out);
    let first = &claims[0];
    assert_eq!(first["doc"], "example-article.txt");
    assert_eq!(first["metric"], "killed");
    assert_eq!(first["subject"], "civilians");
    assert_eq!(first["quantity"]["text"], "At least 12");
    assert_eq!(first["quantity"]["low"], 12);
    assert_eq!(first["quantity"]["high"], Value::Null);
    assert_eq!(first["place"], "Kharkiv");
    assert_eq!(first["date"], "2025-03-14");
    assert_eq!(
        first["sources"][0],
        "Kharkiv Regional Military Administration"
    );
    // The span points at the sentence, in characters.
    let text = std::fs::read_to_string(repo().join("examples/example-article.txt")).unwrap();
    let chars: Vec<char> = text.chars().collect();
    let (a, b) = (
        first["span"][0].as_u64().unwrap() as usize,
        first["span"][1].as_u64().unwrap() as usize,
    );
    assert_eq!(
        chars[a..b].iter().collect::<String>(),
        first["sentence"].as_str().unwrap()
    );
    // The denial and the forecast are not claims.
    assert!(claims.iter().all(|c| c["metric"] != "evacuated"));
    let metrics: Vec<&str> = claims
        .iter()
        .map(|c| c["metric"].as_str().unwrap())
        .collect();
    assert!(
        metrics.contains(&"intercepted")
            && metrics.contains(&"launched")
            && metrics.contains(&"destroyed")
    );
}

#[test]
fn extracts_the_seed_article_when_shared_data_is_present() {
    let seed = repo().join("../shared/corpus/seed/koreaherald-2024-12-19-nk-soldiers.txt");
    if !seed.exists() {
        eprintln!("skipped: {} is absent", seed.display());
        return;
    }
    let out = sitrep().arg("extract").arg(&seed).output().unwrap();
    let claims = lines(&out);
    let brief: Vec<(String, String, String)> = claims
        .iter()
        .map(|c| {
            (
                c["metric"].as_str().unwrap().into(),
                c["quantity"]["text"].as_str().unwrap().into(),
                c["sources"].to_string(),
            )
        })
        .collect();
    let nis = r#"["National Intelligence Service"]"#;
    let lee = r#"["Lee Seong-kweun","National Intelligence Service"]"#;
    assert_eq!(
        brief,
        [
            ("killed".into(), "At least 100".into(), nis.into()),
            ("wounded".into(), "more than 1,000".into(), nis.into()),
            ("deployed".into(), "some 11,000".into(), lee.into()),
            ("killed".into(), "at least 100".into(), lee.into()),
            ("wounded".into(), "more than 1,000".into(), lee.into()),
        ]
    );
    assert!(claims.iter().all(|c| c["place"] == "Kursk"
        && c["date"] == "2024-12-19"
        && c["subject"] == "North Korean soldiers"));
}

#[test]
fn bad_lines_are_reported_and_the_rest_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("notes.jsonl");
    std::fs::write(
        &jsonl,
        "{\"id\": \"a\", \"text\": \"Two civilians were killed.\"}\n{not json\n{\"id\": \"b\", \"text\": \"Five soldiers were wounded.\"}\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    std::fs::write(
        dir.path().join("latin1.txt"),
        b"3 soldiers were killed in Caf\xe9 Street.",
    )
    .unwrap();
    let out = sitrep().arg("extract").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("notes.jsonl:2: malformed JSON line"), "{err}");
    assert!(err.contains("latin1.txt: invalid UTF-8"), "{err}");
    let docs: Vec<String> = lines(&out)
        .iter()
        .map(|c| c["doc"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(docs, ["latin1.txt", "a", "b"]);
}

#[test]
fn missing_files_fail_after_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "Four people died.").unwrap();
    let out = sitrep()
        .args(["extract", "no-such-file.txt"])
        .arg(&good)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).starts_with("sitrep: no-such-file.txt: "));
    assert_eq!(lines(&out).len(), 1);
}

#[test]
fn reads_standard_input_and_prints_totals() {
    let out = with_stdin(
        &["extract", "--totals", "--published", "2024-02-15", "-"],
        b"One Ukrainian soldier and three rebels were killed and dozens were wounded.",
    );
    let totals = lines(&out);
    assert_eq!(totals[0]["doc"], "-");
    assert_eq!(totals[0]["totals"]["killed"], 4);
    assert_eq!(totals[0]["totals"]["wounded"], 12);
}

#[test]
fn claims_from_a_stream_come_out_as_each_document_arrives() {
    // One job runs on the calling thread, more on threads of their own: both must follow.
    for jobs in ["1", "2"] {
        first_claim_before_the_stream_ends(jobs);
    }
}

fn first_claim_before_the_stream_ends(jobs: &str) {
    use std::io::BufRead;
    let mut child = sitrep()
        .args(["extract", "--jobs", jobs, "--input", "jsonl", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    // The first claim is read while standard input is still open: it must not wait for the
    // end of the stream.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout).lines() {
            if tx.send(line.unwrap()).is_err() {
                return;
            }
        }
    });
    writeln!(
        input,
        r#"{{"id": "a", "text": "Three soldiers were killed on Monday."}}"#
    )
    .unwrap();
    input.flush().unwrap();
    let first = rx.recv_timeout(std::time::Duration::from_secs(20));
    drop(input);
    child.wait().unwrap();
    let first: Value = serde_json::from_str(
        &first.unwrap_or_else(|_| panic!("no claim before the stream ends with {jobs} jobs")),
    )
    .unwrap();
    assert_eq!(first["doc"], "a");
    assert_eq!(first["metric"], "killed");
}

#[test]
fn quantities_prints_every_number_with_units() {
    let out = with_stdin(
        &["quantities"],
        b"Some 11,000 troops, up 5% since 2023, cost $1.2 billion.",
    );
    let q = lines(&out);
    assert_eq!(q.len(), 3, "{q:?}");
    assert_eq!(
        (q[0]["value"].as_i64(), q[0]["qualifier"].as_str()),
        (Some(11000), Some("approx"))
    );
    assert_eq!(
        (q[1]["kind"].as_str(), q[1]["unit"].as_str()),
        (Some("percent"), Some("%"))
    );
    assert_eq!(
        (q[2]["kind"].as_str(), q[2]["value"].as_f64()),
        (Some("currency"), Some(1.2e9))
    );
    assert!(q.iter().all(|q| q.get("changed_from").is_none()), "{q:?}");
}

#[test]
fn quantities_give_a_new_level_the_old_one_it_changed_from() {
    let out = with_stdin(&["quantities"], "The toll rose from 40 to 60.".as_bytes());
    let q = lines(&out);
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[1]["value"].as_i64(), Some(60));
    assert_eq!(q[1]["changed_from"]["value"].as_i64(), Some(40));
    assert_eq!(q[1]["changed_from"]["span"], q[0]["span"]);
}

#[test]
fn eval_without_gold_is_a_clear_error() {
    let out = sitrep()
        .args(["eval", "--gold", "/nonexistent/gold"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no gold folder"), "{}", stderr(&out));
}

#[test]
fn eval_scores_the_gold_sets_when_present() {
    let gold = repo().join("../shared/gold");
    if !gold.is_dir() {
        eprintln!("skipped: {} is absent", gold.display());
        return;
    }
    let out = sitrep()
        .args(["eval", "--json", "--only", "seed", "--gold"])
        .arg(&gold)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["sets"][0]["f1"], 1.0);
}
