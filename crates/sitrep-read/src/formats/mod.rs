//! One module per input format.

pub mod html;
pub mod jsonl;
pub mod text;
