//! HTML pages: `cargo bench -p sitrep-read`. `html/page` is the whole reading of a page (parse,
//! metadata, main text); `html/parse` is sitrep's parser alone and `html/parse_html5ever` the
//! parser it replaced, on the same pages.
//!
//! The pages are those of `../shared/gold/articles/html` (the first `SITREP_BENCH_PAGES`, 40 by
//! default), or a small page of our own where that folder is absent; throughput is in bytes of
//! HTML.

use std::io::Read;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sitrep_read::formats::html::page;

/// A page of our own, for machines without the gold pages.
const OWN_PAGE: &str = r#"<html><head><title>Strike on Kharkiv | The Ledger</title></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Strike on Kharkiv</h1>
<p>At least 12 civilians were killed when drones struck residential districts of the city
overnight, the regional administration said on Friday morning.</p>
<p>More than 40 people were wounded, and rescue teams were still searching the rubble of two
apartment blocks in the north of the city, officials said.</p></article>
<footer>Copyright 2025 The Ledger</footer></body></html>"#;

fn pages() -> Vec<(String, Vec<u8>)> {
    let limit: usize = std::env::var("SITREP_BENCH_PAGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(40);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/gold/articles/html");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.sort();
    let mut pages = Vec::new();
    for path in paths.into_iter().take(limit) {
        let Ok(file) = std::fs::File::open(&path) else {
            continue;
        };
        let mut html = Vec::new();
        if flate2::read::GzDecoder::new(file)
            .read_to_end(&mut html)
            .is_ok()
        {
            pages.push((path.display().to_string(), html));
        }
    }
    if pages.is_empty() {
        eprintln!("no pages at {}: using a page of our own", dir.display());
        pages.push(("own.html".into(), OWN_PAGE.as_bytes().to_vec()));
    }
    pages
}

fn html(c: &mut Criterion) {
    let pages = pages();
    let bytes: usize = pages.iter().map(|(_, p)| p.len()).sum();
    let mut group = c.benchmark_group("html");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    let texts: Vec<String> = pages
        .iter()
        .map(|(_, p)| String::from_utf8_lossy(p).into_owned())
        .collect();
    group.bench_function("parse", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| {
                    sitrep_read::html_parser::parse_document(t)
                        .tree
                        .values()
                        .count()
                })
                .sum::<usize>()
        })
    });
    group.bench_function("parse_html5ever", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| scraper::Html::parse_document(t).tree.values().count())
                .sum::<usize>()
        })
    });
    group.bench_function("page", |b| {
        b.iter(|| {
            pages
                .iter()
                .filter_map(|(id, html)| page(id, html, None, &mut |_| {}).ok())
                .map(|d| d.text.len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, html);
criterion_main!(benches);
