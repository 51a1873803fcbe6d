//! The pipeline stages, in the order they run: each reads the layers before it and adds its own.

pub mod claims;
pub mod header;
pub mod numbers;
pub mod sentences;
pub mod sources;
pub mod stops;
pub mod tokens;
pub mod totals;
