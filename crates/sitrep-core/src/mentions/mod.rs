//! Mentions: dates, named entities and places, each a layer of spans over the body.

pub mod dates;
pub mod entities;
pub mod places;
