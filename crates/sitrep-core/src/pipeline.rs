//! The pipeline: the stages in order, and the records they produce.

use chrono::NaiveDate;

use crate::doc::{CharOffsets, Doc};
use crate::lexicon::Lexicon;
use crate::mentions::{dates, entities, places};
use crate::model::{Claim, Document, QuantityRecord, Totals};
use crate::stages::{claims, header, numbers, sentences, sources, totals};

/// Runs the extraction pipeline over documents.
///
/// ```
/// use sitrep_core::{Document, Extractor};
/// let e = Extractor::new();
/// let claims = e.claims(&Document::new("n", "At least 100 soldiers have been killed."));
/// assert_eq!(claims[0].metric, "killed");
/// assert_eq!(claims[0].quantity.low, Some(100.0));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Extractor {
    lex: &'static Lexicon,
    /// The date for documents that carry none (`--published`).
    pub default_published: Option<NaiveDate>,
}

impl Default for Extractor {
    fn default() -> Self {
        Extractor::new()
    }
}

impl Extractor {
    /// An extractor with the built-in lexicons.
    pub fn new() -> Extractor {
        Extractor {
            lex: Lexicon::builtin(),
            default_published: None,
        }
    }

    /// The lexicons in use.
    pub fn lexicon(&self) -> &'static Lexicon {
        self.lex
    }

    /// Runs every stage and returns the annotated document.
    pub fn annotate<'a>(&self, document: &'a Document) -> Doc<'a> {
        let lex = self.lex;
        let mut doc = Doc::new(document);
        doc.tokens.classify(lex);
        header::annotate(&mut doc, lex);
        if doc.meta.published.is_none() {
            doc.meta.published = self.default_published;
        }
        sentences::annotate(&mut doc, lex);
        dates::annotate(&mut doc, lex);
        numbers::annotate(&mut doc, lex);
        entities::annotate(&mut doc, lex);
        places::annotate(&mut doc, lex);
        sources::annotate(&mut doc, lex);
        claims::annotate(&mut doc, lex);
        doc
    }

    /// The claims of a document (claims-v1 records).
    pub fn claims(&self, document: &Document) -> Vec<Claim> {
        claim_records(&self.annotate(document), self.lex)
    }

    /// Every quantity in a document's body.
    pub fn quantities(&self, document: &Document) -> Vec<QuantityRecord> {
        let lex = self.lex;
        let mut doc = Doc::new(document);
        doc.tokens.classify(lex);
        header::annotate(&mut doc, lex);
        sentences::annotate(&mut doc, lex);
        dates::annotate(&mut doc, lex);
        numbers::annotate(&mut doc, lex);
        let mut offsets = CharOffsets::new(doc.text);
        doc.quantities
            .iter()
            .filter(|q| !q.implicit)
            .map(|q| {
                let list = &doc.tokens.list;
                let start = offsets.chars(list[q.tokens.start].start);
                let end = offsets.chars(list[q.tokens.end - 1].end);
                QuantityRecord {
                    doc: doc.id.to_string(),
                    amount: q.amount.clone(),
                    kind: q.kind,
                    unit: q.unit.clone(),
                    span: [start, end],
                }
            })
            .collect()
    }

    /// A document's totals per metric, coded as ACLED does.
    pub fn totals(&self, document: &Document) -> Totals {
        let doc = self.annotate(document);
        Totals {
            doc: document.id.clone(),
            totals: totals::totals(&doc, self.lex),
        }
    }
}

/// Turns the claim layer into claims-v1 records.
pub fn claim_records(doc: &Doc, lex: &Lexicon) -> Vec<Claim> {
    let mut offsets = CharOffsets::new(doc.text);
    doc.claims
        .iter()
        .map(|c| {
            let s = &doc.sentences[c.sentence];
            let q = &doc.quantities[c.quantity];
            Claim {
                doc: doc.id.to_string(),
                metric: lex.metrics[c.metric].clone(),
                subject: c.subject.clone(),
                quantity: q.amount.clone(),
                place: c.place.clone(),
                date: c.date,
                sources: c
                    .sources
                    .iter()
                    .map(|&e| doc.entities[e].name.clone())
                    .collect(),
                sentence: doc.text[s.start..s.end].to_string(),
                span: [offsets.chars(s.start), offsets.chars(s.end)],
            }
        })
        .collect()
}
