//! One module per input format.

pub mod feed;
pub mod html;
pub mod jsonl;
pub mod text;
pub mod warc;
