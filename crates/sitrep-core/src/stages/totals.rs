//! Stage 7: totals. A document's figure per metric, coded the way ACLED's coders do it: distinct
//! groups summed ("one soldier and three rebels were killed" is 4), a repeated figure or a part
//! ("40 killed, including three children") not counted twice, and vague words at ACLED's values
//! (dozens 12). Where the text gives several figures for one group, sources that disagree
//! ("officials said 12 ... hospital staff said 15") give the most conservative figure, while the
//! same source's figures are a total and its breakdown or an update ("at least five were killed
//! ... two of them at a barber shop", "the toll rose to 45"), which give the largest. A figure
//! told as a sentence of its own ("2 fatalities.") sums the text up and is the total, and
//! "another" of a group already counted ("two soldiers were killed ... another died") adds one.

use std::collections::BTreeMap;

use crate::doc::Doc;
use crate::lexicon::Lexicon;

/// The totals of an annotated document, by metric name.
///
/// ```
/// use sitrep_core::{Document, Extractor};
/// let e = Extractor::new();
/// let d = Document::new("n", "One Ukrainian soldier and three rebels were killed, including a commander.");
/// assert_eq!(e.totals(&d).totals["killed"], 4);
/// ```
pub fn totals(doc: &Doc, lex: &Lexicon) -> BTreeMap<String, u64> {
    // metric -> group head -> (figure, sources of the claims that gave it)
    let mut groups: BTreeMap<usize, BTreeMap<&str, (f64, &[usize])>> = BTreeMap::new();
    // metric -> (sentence, figure) already counted: a figure restated in a later sentence
    // ("Three militants were killed ... Three TI activists were killed") is counted once.
    let mut seen: BTreeMap<usize, Vec<(usize, f64, &str)>> = BTreeMap::new();
    // A part counts as a figure of its own where its metric has no whole before it: "two were
    // wounded ... one of them succumbed" is one killed.
    let has_whole = |metric: usize, upto: usize| {
        doc.claims[..upto]
            .iter()
            .any(|w| w.metric == metric && !w.subset && !w.background)
    };
    // metric -> figures told as "another" of a group already counted: added to the rest.
    let mut more: BTreeMap<usize, f64> = BTreeMap::new();
    for (k, c) in doc.claims.iter().enumerate() {
        if c.background || (c.subset && has_whole(c.metric, k)) {
            continue;
        }
        let q = &doc.quantities[c.quantity];
        let Some(value) = figure(q) else {
            continue;
        };
        // "Two soldiers were killed ... another died later": one more of the same group. With
        // a group of its own ("another person was gunned down") it is a figure like any other.
        let another = doc.lower(q.tokens.start) == "another";
        if another
            && groups
                .get(&c.metric)
                .is_some_and(|by_head| by_head.contains_key(c.subject_head.as_str()))
        {
            *more.entry(c.metric).or_default() += value;
            continue;
        }
        let earlier = seen.entry(c.metric).or_default();
        // One person killed here and one there are two; "Three militants ... three activists"
        // in a later sentence is the same figure told again.
        let told_again = earlier.iter().any(|&(s, v, head)| {
            s != c.sentence
                && v == value
                && (value >= 2.0
                    || head == c.subject_head
                    || lex.generic_heads.contains(head)
                    || lex.generic_heads.contains(c.subject_head.as_str()))
        });
        if told_again {
            continue;
        }
        earlier.push((c.sentence, value, c.subject_head.as_str()));
        let by_head = groups.entry(c.metric).or_default();
        match by_head.get_mut(c.subject_head.as_str()) {
            None => {
                by_head.insert(c.subject_head.as_str(), (value, c.sources.as_slice()));
            }
            Some((figure, sources)) if *sources == c.sources.as_slice() => {
                *figure = figure.max(value)
            }
            Some((figure, _)) => *figure = figure.min(value),
        }
    }
    let groups: BTreeMap<usize, BTreeMap<&str, f64>> = groups
        .into_iter()
        .map(|(m, by_head)| (m, by_head.into_iter().map(|(h, (v, _))| (h, v)).collect()))
        .collect();
    // A figure told as a sentence of its own ("2 fatalities.", "1 killed 3 injured.") after
    // the rest of the text sums it up, as coders end their notes: it is the total. One that
    // comes first (a headline's "3 killed") leaves the figures after it to be summed.
    let mut summaries: BTreeMap<usize, f64> = BTreeMap::new();
    for c in doc.claims.iter().filter(|c| !c.background && !c.subset) {
        match figure(&doc.quantities[c.quantity]).filter(|_| is_summary(doc, c)) {
            Some(v) => summaries.insert(c.metric, v),
            None => summaries.remove(&c.metric),
        };
    }
    let mut out = BTreeMap::new();
    for (metric, by_head) in groups {
        if let Some(total) = summaries.get(&metric) {
            out.insert(lex.metrics[metric].clone(), total.round() as u64);
            continue;
        }
        let more = more.get(&metric).copied().unwrap_or(0.0);
        let specific: f64 = by_head
            .iter()
            .filter(|(h, _)| !lex.generic_heads.contains(h))
            .map(|(_, v)| v)
            .sum();
        let generic = by_head
            .iter()
            .filter(|(h, _)| lex.generic_heads.contains(h))
            .map(|(_, v)| *v)
            .fold(0.0, f64::max);
        out.insert(
            lex.metrics[metric].clone(),
            (specific.max(generic) + more).round() as u64,
        );
    }
    if let Some(share) = shared_share(doc, lex, out.get("killed").copied()) {
        out.insert("killed".to_string(), share);
    }
    out
}

/// The killed figure of an ACLED split note ("[4 fatalities split across 22 events]", "Two
/// fatalities distributed across two days", "[Fatalities split among 14 events]" after the
/// deaths it shares): the event's share, rounded down, as the coders code it. Where the note
/// names no figure it shares the document's `killed`.
fn shared_share(doc: &Doc, lex: &Lexicon, killed: Option<u64>) -> Option<u64> {
    let t = &doc.tokens;
    let mut share = None;
    for k in 1..t.len() {
        let Some((len, _)) = lex.share_cues.longest_at(t, k, t.len()) else {
            continue;
        };
        // "fatalities split", "fatalities were split"
        let Some(noun) = (k.saturating_sub(2)..k)
            .rev()
            .find(|&j| lex.share_nouns.contains_at(&doc.tokens, j))
        else {
            continue;
        };
        let among = doc.quantities.iter().find(|q| q.tokens.start == k + len);
        let parts = among.filter(|q| {
            q.unit
                .as_deref()
                .is_some_and(|u| lex.share_units.contains(u))
                || (q.tokens.end < t.len()
                    && lex.share_units.contains_at(&doc.tokens, q.tokens.end))
        });
        let Some(parts) = parts.and_then(|q| q.amount.value).filter(|&v| v >= 1.0) else {
            continue;
        };
        let shared = doc
            .quantities
            .iter()
            .find(|q| q.tokens.end == noun)
            .and_then(figure)
            .or(killed.map(|v| v as f64));
        if let Some(total) = shared {
            share = Some((total / parts).floor() as u64);
        }
    }
    share
}

/// Whether a claim is a summary figure: no group of its own, and a sentence of nothing but
/// counts and their cues ("2 fatalities.", "1 killed 3 injured."), with no source.
fn is_summary(doc: &Doc, c: &crate::doc::ClaimDraft) -> bool {
    use crate::stages::tokens::TokenKind;
    if !c.subject.is_empty() || c.subset || c.background || !c.sources.is_empty() {
        return false;
    }
    let sentence = &doc.sentences[c.sentence].tokens;
    let words = sentence
        .clone()
        .filter(|&k| doc.tokens.list[k].kind != TokenKind::Punct)
        .count();
    let counts = doc
        .claims
        .iter()
        .filter(|o| o.sentence == c.sentence)
        .count();
    words <= 2 * counts.max(1) + 1
}

/// The figure ACLED would code for a quantity: the lower bound it states and vague words by
/// convention. A toll that grew ("rose from 10 to 40") is no range: the numbers stage gives its
/// new figure apart.
fn figure(q: &crate::doc::Quantity) -> Option<f64> {
    use crate::model::Qualifier::*;
    match q.amount.qualifier {
        Vague => q.acled_value,
        MoreThan | AtLeast | Range | Exact | Approx => q.amount.value,
        AtMost | LessThan => q.amount.value,
    }
}
