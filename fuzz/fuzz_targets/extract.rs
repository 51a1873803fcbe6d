//! Arbitrary text through the extraction engine: claims, quantities and totals come out without
//! a panic, and every span lies inside the text on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sitrep_core::{Document, Extractor};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    thread_local! {
        static EXTRACTOR: Extractor = Extractor::new();
    }
    EXTRACTOR.with(|extractor| {
        let document = Document::new("fuzz", text);
        for claim in extractor.claims(&document) {
            let [start, end] = claim.span;
            assert!(
                start <= end && end <= text.chars().count(),
                "span {start}..{end}"
            );
        }
        for quantity in extractor.quantities(&document) {
            let [start, end] = quantity.span;
            assert!(
                start <= end && end <= text.chars().count(),
                "span {start}..{end}"
            );
        }
        let _ = extractor.totals(&document);
    });
});
