//! Arbitrary text parsed by sitrep's HTML parser: every input gives a tree, never a panic or
//! a hang, and every text node in it holds text that was in the input or decoded from it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sitrep_read::html_parser::parse_document;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let page = parse_document(&html);
    let mut text = 0;
    for node in page.tree.root().descendants() {
        if let Some(t) = node.value().as_text() {
            assert!(!t.is_empty());
            text += t.len();
        }
    }
    // A character reference decodes to at most 6 bytes from at least 3 (`&gt` is 1 from 3;
    // `&nGt;` is 6 from 5).
    assert!(text <= 2 * html.len() + 6, "{text} bytes of text from {}", html.len());
});
