//! One module per input format.

pub mod jsonl;
pub mod text;
