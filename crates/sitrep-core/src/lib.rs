//! sitrep-core: the model and the extraction pipeline of sitrep.
//!
//! A [`Document`] goes through the stages of the [`Extractor`] in turn (header, sentences,
//! dates, numbers, entities, places, sources, claims), each adding a layer of spans to one
//! [`doc::Doc`]; the claim layer becomes claims-v1 records ([`Claim`]).
//!
//! ```
//! use sitrep_core::{Document, Extractor};
//! let text = "Two civilians were killed and one was injured in Kharkiv, officials said.";
//! let claims = Extractor::new().claims(&Document::new("note", text));
//! let metrics: Vec<&str> = claims.iter().map(|c| c.metric.as_str()).collect();
//! assert_eq!(metrics, ["killed", "wounded"]);
//! assert_eq!(claims[1].subject, "civilians");
//! ```

pub mod doc;
pub mod gazetteer;
pub mod lexicon;
pub mod mentions;
pub mod model;
pub mod pipeline;
pub mod stages;

pub use model::{
    Amount, ChangedFrom, Claim, Document, Extraction, Meta, Qualifier, QuantityKind,
    QuantityRecord, SourceEntity, Totals,
};
pub use pipeline::Extractor;
