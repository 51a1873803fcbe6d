//! The pipeline: the stages in order, and the records they produce.

use chrono::NaiveDate;

use crate::doc::{CharOffsets, Doc};
use crate::lexicon::Lexicon;
use crate::mentions::{dates, entities, places};
use crate::model::{
    ChangedFrom, Claim, Document, Extraction, QuantityRecord, SourceEntity, Totals,
};
use crate::stages::{claims, header, numbers, sentences, sources, stops, totals};

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
    /// Documents larger than this many bytes run in windows of about a quarter of it.
    pub window_threshold: usize,
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
            window_threshold: LARGE_DOCUMENT,
        }
    }

    /// The lexicons in use.
    pub fn lexicon(&self) -> &'static Lexicon {
        self.lex
    }

    /// Runs the stages up to numbers: what `quantities` needs.
    fn annotate_numbers<'a>(&self, document: &'a Document) -> Doc<'a> {
        let lex = self.lex;
        let mut doc = Doc::new(document);
        doc.tokens.classify(lex);
        doc.stops = stops::find(&doc.tokens, lex);
        header::annotate(&mut doc, lex);
        if doc.meta.published.is_none() {
            doc.meta.published = self.default_published;
        }
        sentences::annotate(&mut doc, lex);
        dates::annotate(&mut doc, lex);
        numbers::annotate(&mut doc, lex);
        doc
    }

    /// A document's metadata: what its reader found, completed by the header stage from the top
    /// of a plain text (title, byline, date, publisher).
    pub fn metadata(&self, document: &Document) -> crate::model::Meta {
        let mut doc = Doc::new(document);
        doc.tokens.classify(self.lex);
        header::annotate(&mut doc, self.lex);
        if doc.meta.published.is_none() {
            doc.meta.published = self.default_published;
        }
        doc.meta
    }

    /// Runs every stage and returns the annotated document.
    pub fn annotate<'a>(&self, document: &'a Document) -> Doc<'a> {
        let lex = self.lex;
        let mut doc = self.annotate_numbers(document);
        entities::annotate(&mut doc, lex);
        places::annotate(&mut doc, lex);
        sources::annotate(&mut doc, lex);
        claims::annotate(&mut doc, lex);
        doc
    }

    /// The claims of a document (claims-v1 records).
    pub fn claims(&self, document: &Document) -> Vec<Claim> {
        let mut out = Vec::new();
        self.claims_into(document, &mut |c| out.push(c));
        out
    }

    /// Hands each claim of a document to `sink` as it is found: a very large document is
    /// never held as one list of records.
    pub fn claims_into(&self, document: &Document, sink: &mut dyn FnMut(Claim)) {
        self.by_window(
            document,
            |part| claim_records(&self.annotate(part), self.lex),
            |c, shift| c.span = [c.span[0] + shift, c.span[1] + shift],
            sink,
        )
    }

    /// The claims of a document with its completed metadata and the sources behind the claims:
    /// what a store keeps. A very large document's windows are merged into one record.
    pub fn extract(&self, document: &Document) -> Extraction {
        let mut whole: Option<Extraction> = None;
        self.by_window(
            document,
            |part| vec![extraction(&self.annotate(part), self.lex)],
            |e, shift| {
                for c in &mut e.claims {
                    c.span = [c.span[0] + shift, c.span[1] + shift];
                }
            },
            &mut |part| match &mut whole {
                None => whole = Some(part),
                Some(whole) => merge_extraction(whole, part),
            },
        );
        whole.unwrap_or_else(|| Extraction {
            meta: document.meta.clone(),
            ..Extraction::default()
        })
    }

    /// Every quantity in a document's body.
    pub fn quantities(&self, document: &Document) -> Vec<QuantityRecord> {
        let mut out = Vec::new();
        self.quantities_into(document, &mut |q| out.push(q));
        out
    }

    /// Hands each quantity of a document to `sink` as it is found.
    pub fn quantities_into(&self, document: &Document, sink: &mut dyn FnMut(QuantityRecord)) {
        self.by_window(
            document,
            |part| self.window_quantities(part),
            |q, shift| q.span = [q.span[0] + shift, q.span[1] + shift],
            sink,
        )
    }

    /// Runs `each` over a document, or over windows of a very large one (see [`windows`]),
    /// shifting each window's spans by its start in characters.
    fn by_window<R>(
        &self,
        document: &Document,
        each: impl Fn(&Document) -> Vec<R>,
        shift: impl Fn(&mut R, usize),
        sink: &mut dyn FnMut(R),
    ) {
        if document.text.len() <= self.window_threshold {
            each(document).into_iter().for_each(sink);
            return;
        }
        let mut offsets = CharOffsets::new(&document.text);
        for range in windows(&document.text, (self.window_threshold / 4).max(1)) {
            let chars = offsets.chars(range.start);
            let part = Document {
                id: document.id.clone(),
                text: document.text[range].to_string(),
                meta: document.meta.clone(),
            };
            for mut r in each(&part) {
                shift(&mut r, chars);
                sink(r);
            }
        }
    }

    fn window_quantities(&self, document: &Document) -> Vec<QuantityRecord> {
        let doc = self.annotate_numbers(document);
        let mut offsets = CharOffsets::new(doc.text);
        let spans: Vec<[usize; 2]> = doc
            .quantities
            .iter()
            .map(|q| {
                let bytes = doc.tokens.byte_range(q.tokens.clone());
                let start = offsets.chars(bytes.start);
                [start, offsets.chars(bytes.end)]
            })
            .collect();
        doc.quantities
            .iter()
            .enumerate()
            .filter(|(_, q)| !q.implicit)
            .map(|(k, q)| QuantityRecord {
                doc: doc.id.to_string(),
                amount: q.amount.clone(),
                kind: q.kind,
                unit: q.unit.clone(),
                span: spans[k],
                changed_from: doc
                    .changes
                    .iter()
                    .find(|c| c.1 == k)
                    .map(|&(old, _)| ChangedFrom {
                        value: doc.quantities[old].amount.value,
                        span: spans[old],
                    }),
            })
            .collect()
    }

    /// A document's totals per metric, coded as ACLED does.
    pub fn totals(&self, document: &Document) -> Totals {
        // A very large document's windows are coded apart and summed.
        let mut sum = std::collections::BTreeMap::new();
        self.by_window(
            document,
            |part| vec![totals::totals(&self.annotate(part), self.lex)],
            |_, _| {},
            &mut |part| {
                for (metric, n) in part {
                    *sum.entry(metric).or_insert(0) += n;
                }
            },
        );
        Totals {
            doc: document.id.clone(),
            totals: sum,
        }
    }
}

/// Documents larger than this (in bytes) are read in windows, so that memory stays bounded
/// whatever one document's size (a 100 MB JSON line, a book-length page).
pub const LARGE_DOCUMENT: usize = 4 << 20;

/// Byte ranges of about `size` bytes that cover `text`, each ending at a paragraph break where
/// there is one within reach, else at a line break or a sentence end, else at a character
/// boundary. Claims never span a paragraph, so nothing is lost at a paragraph break.
///
/// ```
/// let text = "One.\n\nTwo.\n\nThree.\n\nFour.";
/// let w = sitrep_core::pipeline::windows(text, 5);
/// let parts: Vec<&str> = w.iter().map(|r| &text[r.clone()]).collect();
/// assert_eq!(parts.concat(), text);
/// assert!(parts.len() > 1 && parts[..parts.len() - 1].iter().all(|p| p.ends_with("\n\n")));
/// ```
pub fn windows(text: &str, size: usize) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let mut target = (start + size).min(text.len());
        while !text.is_char_boundary(target) {
            target += 1;
        }
        let reach = &text[target..(target + size / 4 + 16).min(text.len())];
        let reach = &reach[..(0..=reach.len())
            .rev()
            .find(|&k| reach.is_char_boundary(k))
            .unwrap_or(0)];
        let cut = ["\n\n", "\n", ". "]
            .iter()
            .find_map(|sep| reach.find(sep).map(|k| target + k + sep.len()))
            .unwrap_or(target);
        out.push(start..cut);
        start = cut;
    }
    out
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
                    .map(|&e| doc.entities[e].name.to_string())
                    .collect(),
                sentence: doc.text[s.start..s.end].to_string(),
                span: [offsets.chars(s.start), offsets.chars(s.end)],
            }
        })
        .collect()
}

/// The claims, metadata and sources of an annotated document.
pub fn extraction(doc: &Doc, lex: &Lexicon) -> Extraction {
    let claims = claim_records(doc, lex);
    let mut used: Vec<usize> = doc.claims.iter().flat_map(|c| c.sources.clone()).collect();
    used.sort_unstable();
    used.dedup();
    let index_of = |e: usize| used.binary_search(&e).ok();
    let mut names: Vec<Vec<String>> = used
        .iter()
        .map(|&e| vec![doc.entities[e].name.to_string()])
        .collect();
    let mut add = |e: usize, tokens: std::ops::Range<usize>| {
        if let Some(k) = index_of(e) {
            let name = doc.slice(tokens).trim();
            let list = &mut names[k];
            if is_source_name(name) && !list.iter().any(|n| n.eq_ignore_ascii_case(name)) {
                list.push(name.to_string());
            }
        }
    };
    for m in &doc.mentions {
        add(m.entity, m.tokens.clone());
    }
    // A speaker named by a description ("the lawmaker", "South Korea's spy agency") adds it;
    // one that holds a mention of its entity ("the NIS also") is named by that mention.
    for a in &doc.attributions {
        for (tokens, &e) in a.speakers.iter().zip(&a.speaker_entities) {
            let first = doc
                .mentions
                .partition_point(|m| m.tokens.start < tokens.start);
            let named = doc.mentions[first..]
                .iter()
                .take_while(|m| m.tokens.start < tokens.end)
                .any(|m| m.entity == e && m.tokens.end <= tokens.end);
            if !named {
                add(e, tokens.clone());
            }
        }
    }
    let sources = used
        .iter()
        .zip(names)
        .map(|(&e, names)| SourceEntity {
            name: doc.entities[e].name.to_string(),
            kind: doc.entities[e].kind.name(),
            names,
        })
        .collect();
    let citations = doc
        .citations
        .iter()
        .filter_map(|&(who, whom)| Some((index_of(who)?, index_of(whom)?)))
        .collect();
    Extraction {
        meta: doc.meta.clone(),
        claims,
        sources,
        citations,
    }
}

/// A name worth keeping for a source: not a bare pronoun ("he", "they"), not a whole clause.
fn is_source_name(name: &str) -> bool {
    let words = name.split_whitespace().count();
    (1..=8).contains(&words)
        && name.len() <= 80
        && (words > 1 || name.chars().any(char::is_uppercase))
}

/// Appends a later window's extraction to the first, merging sources of the same name.
fn merge_extraction(whole: &mut Extraction, part: Extraction) {
    whole.claims.extend(part.claims);
    let mut map = Vec::with_capacity(part.sources.len());
    for source in part.sources {
        match whole.sources.iter().position(|s| s.name == source.name) {
            Some(k) => {
                for name in source.names {
                    if !whole.sources[k].names.contains(&name) {
                        whole.sources[k].names.push(name);
                    }
                }
                map.push(k);
            }
            None => {
                map.push(whole.sources.len());
                whole.sources.push(source);
            }
        }
    }
    for (who, whom) in part.citations {
        let pair = (map[who], map[whom]);
        if !whole.citations.contains(&pair) {
            whole.citations.push(pair);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_documents_run_in_windows_with_true_spans() {
        let paragraph =
            "Strikes killed 12 civilians in Kharkiv, officials said. Some 40 were wounded.\n\n";
        let text = paragraph.repeat(200);
        let document = Document::new("big", text.clone());
        let whole = Extractor::new().claims(&document);
        let mut small = Extractor::new();
        small.window_threshold = 1000;
        let windowed = small.claims(&document);
        assert_eq!(windowed.len(), 400);
        assert_eq!(windowed, whole);
        let chars: Vec<char> = text.chars().collect();
        let last = windowed.last().unwrap();
        let sentence: String = chars[last.span[0]..last.span[1]].iter().collect();
        assert_eq!(sentence, last.sentence);
    }
}
