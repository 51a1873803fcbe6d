//! Stage 4c: places. Gazetteer names in the body, widened to "X region" / "X Oblast" where the
//! text says so, and kept as written.

use crate::doc::{Doc, PlaceMention};
use crate::lexicon::Lexicon;

/// Adds the place layer over the body.
pub fn annotate(doc: &mut Doc, lex: &Lexicon) {
    let g = &lex.gazetteer;
    let t = &doc.tokens;
    let mut i = doc.body_start;
    let mut found = Vec::new();
    while i < t.len() {
        let Some((len, place)) = g.place_at(t, i, t.len()) else {
            i += 1;
            continue;
        };
        let mut end = i + len;
        if end < t.len() && lex.region_words.contains(t.lower(end)) {
            end += 1;
        }
        // Skip "the" in front ("the Gaza Strip" is written "Gaza Strip").
        let start = if t.lower(i) == "the" { i + 1 } else { i };
        found.push(PlaceMention {
            tokens: start..end,
            text: doc.text[t.list[start].start..t.list[end - 1].end].to_string(),
            place,
        });
        i = end;
    }
    doc.places = found;
}
