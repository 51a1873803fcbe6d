//! Arbitrary bytes read as warc: every input ends in documents, warnings or errors, never a
//! panic or a hang, and each document's text comes out whole.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sitrep_read::{read_bytes, Event, InputFormat};

fuzz_target!(|data: &[u8]| {
    read_bytes("fuzz.input", data, InputFormat::Warc, &mut |event| {
        if let Event::Document(d) = event {
            assert!(std::str::from_utf8(d.text.as_bytes()).is_ok());
        }
    });
});
