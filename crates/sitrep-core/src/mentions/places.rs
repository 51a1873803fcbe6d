//! Stage 4c: places. Gazetteer names in the sentences that hold a count, widened to
//! "X region" / "X Oblast" where the text says so, and kept as written.

use crate::doc::{Doc, PlaceMention};
use crate::lexicon::Lexicon;
use crate::model::QuantityKind;

/// Adds the place layer over the sentences that hold a count: a place matters to sitrep only as
/// where a counted thing happened, and most sentences count nothing, so the gazetteer is not
/// run over them.
pub fn annotate(doc: &mut Doc, lex: &Lexicon) {
    let g = &lex.gazetteer;
    let t = &doc.tokens;
    let mut found = Vec::new();
    let mut i = doc.body_start;
    for sentence in &doc.sentences {
        let range = &sentence.tokens;
        let counts = doc
            .quantities_in(range)
            .iter()
            .any(|q| q.kind == QuantityKind::Count);
        if !counts {
            continue;
        }
        i = i.max(range.start);
        while i < range.end {
            let Some((len, place)) = g.place_at(t, i, t.len()) else {
                i += 1;
                continue;
            };
            let mut end = i + len;
            if end < t.len() && lex.region_words.contains_at(t, end) {
                end += 1;
            }
            // Skip "the" in front ("the Gaza Strip" is written "Gaza Strip").
            let start = if t.lower(i) == "the" { i + 1 } else { i };
            found.push(PlaceMention {
                tokens: start..end,
                text: doc.text[t.byte_range(start..end)].to_string(),
                place,
            });
            i = end;
        }
    }
    doc.places = found;
}
