//! sitrep's HTML parser against html5ever on the real pages of the article benchmark
//! (`../shared/gold/articles`, skipped where absent): the main text and metadata read from
//! either tree must be the same.

use std::io::Read;
use std::path::Path;

use sitrep_read::html_parser::parse_document;
use sitrep_read::main_text::main_text;
use sitrep_read::page_meta::page_meta;

#[test]
fn main_text_and_metadata_match_html5evers_tree_on_every_benchmark_page() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/gold/articles/html");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("no pages at {}: skipped", dir.display());
        return;
    };
    let mut pages = 0;
    let mut differ = Vec::new();
    for entry in entries {
        let path = entry.unwrap().path();
        let mut html = String::new();
        let file = std::fs::File::open(&path).unwrap();
        if flate2::read::GzDecoder::new(file)
            .read_to_string(&mut html)
            .is_err()
        {
            continue; // not UTF-8: decoding is the format reader's job, tested elsewhere
        }
        pages += 1;
        let (ours, theirs) = (parse_document(&html), scraper::Html::parse_document(&html));
        let text = |page| main_text(page).map(|m| m.text);
        let meta = |page| format!("{:?}", page_meta(page));
        if text(&ours) != text(&theirs) || meta(&ours) != meta(&theirs) {
            differ.push(path.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    eprintln!("{pages} pages compared");
    assert!(differ.is_empty(), "pages read differently: {differ:?}");
}
