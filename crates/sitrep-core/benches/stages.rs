//! Each pipeline stage on its own, over the same texts: `cargo bench -p sitrep-core`.
//!
//! The texts are the articles of `../shared/corpus/news` (the first `SITREP_BENCH_BYTES`, 2 MB by
//! default), or the project's own examples where that corpus is absent. Every stage runs on
//! documents already annotated up to the stage before it, so a figure is that stage's cost alone;
//! throughput is in bytes of article text.

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use sitrep_core::doc::Doc;
use sitrep_core::lexicon::Lexicon;
use sitrep_core::mentions::{dates, entities, places};
use sitrep_core::stages::{claims, header, numbers, sentences, sources, stops, tokens::Tokens};
use sitrep_core::{Document, Extractor};

/// The bench texts: the news corpus where it is, else the bundled examples.
fn corpus() -> Vec<Document> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let limit: usize = std::env::var("SITREP_BENCH_BYTES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000_000);
    let mut files = Vec::new();
    let news = root.join("../shared/corpus/news");
    if news.is_dir() {
        collect(&news, &mut files);
    }
    if files.is_empty() {
        eprintln!("no corpus at {}: using examples/", news.display());
        collect(&root.join("examples"), &mut files);
    }
    files.sort();
    let mut docs = Vec::new();
    let mut bytes = 0;
    for path in files {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        bytes += text.len();
        docs.push(Document::new(path.display().to_string(), text));
        if bytes >= limit {
            break;
        }
    }
    docs
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("md" | "txt")
        ) && path.file_name().is_some_and(|n| n != "README.md")
        {
            out.push(path);
        }
    }
}

type Stage = fn(&mut Doc, &Lexicon);

/// The stops stage, in the stages' form.
fn find_stops(doc: &mut Doc, lex: &Lexicon) {
    doc.stops = stops::find(&doc.tokens, lex);
}

/// The stages in pipeline order, each after the ones before it.
const STAGES: &[(&str, Stage)] = &[
    ("stops", find_stops),
    ("header", header::annotate),
    ("sentences", sentences::annotate),
    ("dates", dates::annotate),
    ("numbers", numbers::annotate),
    ("entities", entities::annotate),
    ("places", places::annotate),
    ("sources", sources::annotate),
    ("claims", claims::annotate),
];

fn stages(c: &mut Criterion) {
    let lex = Lexicon::builtin();
    let docs = corpus();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let mut group = c.benchmark_group("stage");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);

    group.bench_function("tokens", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| Tokens::new(&d.text).len())
                .sum::<usize>()
        })
    });
    let mut prepared: Vec<Doc> = docs
        .iter()
        .map(|d| {
            let mut doc = Doc::new(d);
            doc.tokens.classify(lex);
            doc
        })
        .collect();
    for (name, stage) in STAGES {
        group.bench_function(*name, |b| {
            b.iter_batched(
                || prepared.clone(),
                |mut docs| {
                    for doc in &mut docs {
                        stage(doc, lex);
                    }
                    docs
                },
                BatchSize::PerIteration,
            )
        });
        for doc in &mut prepared {
            stage(doc, lex);
        }
    }
    group.finish();

    let mut group = c.benchmark_group("pipeline");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    let extractor = Extractor::new();
    group.bench_function("claims", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| extractor.claims(d).len())
                .sum::<usize>()
        })
    });
    group.bench_function("quantities", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| extractor.quantities(d).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
