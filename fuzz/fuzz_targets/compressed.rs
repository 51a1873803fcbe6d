//! Arbitrary bytes named as gzip and zstd files, in every format: truncated or lying streams
//! give an error naming the file, never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sitrep_read::{read_bytes, InputFormat};

fuzz_target!(|data: &[u8]| {
    for name in ["fuzz.jsonl.gz", "fuzz.html.zst", "fuzz.warc.gz"] {
        read_bytes(name, data, InputFormat::Auto, &mut |_| {});
    }
});
