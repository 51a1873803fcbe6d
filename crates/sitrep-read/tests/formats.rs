//! Formats end to end on fixtures written here: compressed streams, HTML pages, bad input.

use std::io::Write;

use sitrep_read::{read_bytes, Event, InputFormat};

fn events(name: &str, bytes: &[u8]) -> Vec<Event> {
    let mut out = Vec::new();
    read_bytes(name, bytes, InputFormat::Auto, &mut |e| out.push(e));
    out
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

/// A Zstandard frame holding `bytes` in one raw block (no compression needed to test reading).
fn zstd_raw(bytes: &[u8]) -> Vec<u8> {
    assert!(bytes.len() < 256);
    let mut out = vec![0x28, 0xb5, 0x2f, 0xfd, 0x20, bytes.len() as u8];
    let header = 1 | ((bytes.len() as u32) << 3);
    out.extend_from_slice(&header.to_le_bytes()[..3]);
    out.extend_from_slice(bytes);
    out
}

const JSONL: &[u8] = b"{\"id\": \"a\", \"text\": \"Two soldiers were killed.\"}\n{\"id\": \"b\", \"text\": \"Five were wounded.\"}\n";

#[test]
fn gzip_and_zstandard_are_read_through() {
    for (name, bytes) in [
        ("wire.jsonl.gz", gzip(JSONL)),
        ("wire.jsonl.zst", zstd_raw(JSONL)),
    ] {
        let ids: Vec<String> = events(name, &bytes)
            .into_iter()
            .filter_map(|e| match e {
                Event::Document(d) => Some(d.id),
                _ => None,
            })
            .collect();
        assert_eq!(ids, ["a", "b"], "{name}");
    }
}

#[test]
fn a_truncated_gzip_keeps_what_was_read_and_names_the_file() {
    let many: Vec<u8> = (0..2000)
        .flat_map(|k| {
            format!("{{\"id\": \"d{k}\", \"text\": \"{k} were killed.\"}}\n").into_bytes()
        })
        .collect();
    let gz = gzip(&many);
    let cut = &gz[..gz.len() * 2 / 3];
    let ev = events("feed.jsonl.gz", cut);
    let docs = ev
        .iter()
        .filter(|e| matches!(e, Event::Document(_)))
        .count();
    assert!(docs > 100 && docs < 2000, "{docs}");
    let errors: Vec<String> = ev
        .iter()
        .filter_map(|e| match e {
            Event::Error(p) => Some(p.to_string()),
            _ => None,
        })
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("feed.jsonl.gz"), "{errors:?}");
}

const PAGE: &str = r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Drone strike on Kharkiv | The Ledger</title>
<meta property="og:title" content="Drone strike on Kharkiv">
<meta property="og:site_name" content="The Ledger">
<meta name="author" content="Mara Ellison">
<meta property="article:published_time" content="2025-03-14T09:30:00+02:00">
<link rel="canonical" href="https://ledger.example/world/kharkiv-strike">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<div class="share"><button>Share</button> <span>Link copied</span></div>
<article><h1>Drone strike on Kharkiv</h1>
<p>At least <b>12</b> civilians were killed and more than 40 wounded when Russian drones struck
residential districts of Kharkiv overnight, according to the regional military administration.</p>
<p>Governor Oleh Syniehubov said three children were among the dead and that rescue teams were
still searching the rubble of two apartment blocks in the north of the city on Friday.</p>
<p>The air force said it had shot down 86 of the 112 drones launched during the night, as well
as several missiles aimed at energy infrastructure in the region.</p></article>
<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">500 killed in earlier strikes</a></li></ul></aside>
<footer>© 2025 The Ledger. All rights reserved.</footer></body></html>"#;

#[test]
fn an_html_page_gives_its_main_text_in_paragraphs_and_its_metadata() {
    let ev = events("kharkiv.html", PAGE.as_bytes());
    let Some(Event::Document(d)) = ev.iter().find(|e| matches!(e, Event::Document(_))) else {
        panic!("{ev:?}");
    };
    assert!(
        d.text.contains("At least 12 civilians were killed"),
        "{}",
        d.text
    );
    assert!(d.text.contains("\n\n"), "paragraph breaks kept: {}", d.text);
    for boilerplate in [
        "Link copied",
        "Related stories",
        "All rights reserved",
        "500 killed",
    ] {
        assert!(!d.text.contains(boilerplate), "{boilerplate}: {}", d.text);
    }
    assert_eq!(d.meta.title.as_deref(), Some("Drone strike on Kharkiv"));
    assert_eq!(d.meta.byline.as_deref(), Some("Mara Ellison"));
    assert_eq!(
        d.meta.published.map(|p| p.to_string()).as_deref(),
        Some("2025-03-14")
    );
    assert_eq!(
        d.meta.url.as_deref(),
        Some("https://ledger.example/world/kharkiv-strike")
    );
    assert_eq!(d.meta.source.as_deref(), Some("The Ledger"));
    // The same page gzipped, recognised by its content under a name that says nothing.
    let ev = events("download", &gzip(PAGE.as_bytes()));
    assert!(ev
        .iter()
        .any(|e| matches!(e, Event::Document(d) if d.text.contains("86 of the 112"))));
}

#[test]
fn binary_files_named_html_and_pages_without_text_are_errors() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01";
    let ev = events("photo.html", png);
    assert!(
        matches!(&ev[..], [Event::Error(p)] if p.to_string().contains("binary")),
        "{ev:?}"
    );
    let ev = events(
        "empty.html",
        b"<html><head><title>Nothing</title></head><body></body></html>",
    );
    assert!(
        matches!(&ev[..], [Event::Error(p)] if p.to_string().starts_with("empty.html:")),
        "{ev:?}"
    );
}

#[test]
fn a_warc_gz_with_one_gzip_member_per_record() {
    let body = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{PAGE}");
    let record = |uri: &str| {
        format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2025-03-14T08:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{body}\r\n\r\n",
            body.len()
        )
    };
    let info = "WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 4\r\n\r\ninfo\r\n\r\n";
    let archive: Vec<u8> = [
        gzip(info.as_bytes()),
        gzip(record("https://a.example/1").as_bytes()),
        gzip(record("https://a.example/2").as_bytes()),
    ]
    .concat();
    let ids: Vec<String> = events("CC-NEWS-20250314.warc.gz", &archive)
        .into_iter()
        .filter_map(|e| match e {
            Event::Document(d) => Some(d.id),
            _ => None,
        })
        .collect();
    assert_eq!(ids, ["https://a.example/1", "https://a.example/2"]);
}
