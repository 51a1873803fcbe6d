//! Stage 1b: where the stages' scans stop. Several stages walk every token looking for the few
//! that can start what they find (a name, a date, an amount, a speech verb); testing each token
//! in turn cost a mispredicted branch at each of them, and walking the list once per stage
//! read it again each time. One pass after the tokens are classified marks, for every scan,
//! the tokens it must look at, and each scan jumps from one to the next.
//!
//! Each set is a superset of the tokens its scan acts on: the scans still test every token
//! they stop at. [`Stops::every`], which a [`crate::doc::Doc`] starts with, stops everywhere,
//! so a stage run without this one finds the same things, only more slowly.

use crate::lexicon::Lexicon;
use crate::stages::tokens::{TokenKind, TokenSet, Tokens};

/// The tokens each scan stops at. No `Default`: an empty set would stop nowhere, and a scan
/// given one would find nothing; [`Stops::every`] is the safe start.
#[derive(Debug, Clone)]
pub struct Stops {
    /// Capitalised words: where a name may start (the entities stage).
    pub names: TokenSet,
    /// Marks, and tokens after a line break: where a sentence may end.
    pub breaks: TokenSet,
    /// Digits, and words that start a number, a relative day ("yesterday") or, capitalised, a
    /// month or a weekday: where a date may start.
    pub dates: TokenSet,
    /// Digits, and words that start an amount ("dozens", "three", "a"): where a quantity may
    /// start.
    pub amounts: TokenSet,
    /// Words that start a speech verb, "according to" or "briefed by": where a source may be
    /// named.
    pub speech: TokenSet,
    /// Words that start an unnamed source or group ("officials", "a spokesman", "the army").
    pub groups: TokenSet,
}

impl Stops {
    /// Every scan stops at every one of `n` tokens.
    pub fn every(n: usize) -> Stops {
        let all = TokenSet::every(n);
        Stops {
            names: all.clone(),
            breaks: all.clone(),
            dates: all.clone(),
            amounts: all.clone(),
            speech: all.clone(),
            groups: all,
        }
    }
}

/// Finds every scan's stops in one pass over classified tokens.
///
/// ```
/// use sitrep_core::lexicon::Lexicon;
/// use sitrep_core::stages::{stops, tokens::Tokens};
/// let lex = Lexicon::builtin();
/// let mut t = Tokens::new("On Monday, officials said 30 people were killed in Kharkiv.");
/// t.classify(lex);
/// let s = stops::find(&t, lex);
/// assert_eq!(s.names.next_from(0), Some(0)); // "On", opening the sentence
/// assert_eq!(s.dates.next_from(0), Some(1)); // "Monday"
/// assert_eq!(s.amounts.next_from(2), Some(5)); // "30"
/// assert_eq!(s.speech.next_from(0), Some(4)); // "said"
/// ```
pub fn find(t: &Tokens, lex: &Lexicon) -> Stops {
    let shift = lex.stop_shift;
    let words = t.list.len().div_ceil(64);
    let mut sets: [TokenSet; 6] = std::array::from_fn(|_| TokenSet::with_words(words));
    // Each token's stops as the bits of one byte, bit k for `sets[k]` (the fields of `Stops`
    // in order), computed with `&` and `|` rather than `&&` and `||` (no branch per token);
    // then each set's bits are gathered eight tokens at a time.
    let mut codes = [0u8; 64];
    for chunk in t.list.chunks(64) {
        for (code, tok) in codes.iter_mut().zip(chunk) {
            // The unions' bits, in the order of `unions` (all set before classification).
            let union = (tok.first >> shift) as u8;
            let number = u8::from(tok.kind == TokenKind::Number);
            let capital = u8::from(tok.capitalized);
            *code = (u8::from(tok.kind == TokenKind::Word) & capital)
                | u8::from((tok.kind == TokenKind::Punct) | (tok.breaks > 0)) << 1
                | (number | (union >> 1) | (union >> 2 & capital)) << 2 & 0b100
                | (number | union) << 3 & 0b1000
                | (union & 0b11000) << 1;
        }
        codes[chunk.len()..].fill(0);
        for (bit, set) in sets.iter_mut().enumerate() {
            let mut word = 0u64;
            for (k, eight) in codes.chunks_exact(8).enumerate() {
                word |= gather(u64::from_le_bytes(eight.try_into().unwrap()), bit) << (8 * k);
            }
            set.push_word(word);
        }
    }
    let [names, breaks, dates, amounts, speech, groups] = sets;
    Stops {
        names,
        breaks,
        dates,
        amounts,
        speech,
        groups,
    }
}

/// The unions of phrase sets the scans look for, which the lexicon gives a bit each in the
/// tokens' masks (see [`Lexicon::stop_shift`]): amount starts, number words and relative days,
/// months and weekdays, speech cues, group sources.
pub(crate) fn unions(lex: &Lexicon) -> [u64; 5] {
    [
        lex.amount_starts.start_mask(),
        lex.number_words.start_mask() | lex.relative_days.start_mask(),
        lex.months.start_mask() | lex.weekdays.start_mask(),
        speech_cues(lex),
        group_starts(lex),
    ]
}

/// The phrase sets the sources stage's scan looks for: speech verbs, "according to",
/// "briefed by". The scan tests this mask at each of its stops.
pub(crate) fn speech_cues(lex: &Lexicon) -> u64 {
    lex.according.start_mask()
        | lex.briefed_by.start_mask()
        | lex.speech_verbs.start_mask()
        | lex.accusation_verbs.start_mask()
}

/// The phrase sets the entities stage's scan for unnamed sources and groups looks for.
pub(crate) fn group_starts(lex: &Lexicon) -> u64 {
    lex.indefinite_sources.start_mask()
        | lex.references.start_mask()
        | lex.group_sources.start_mask()
        | lex.named_group_sources.start_mask()
}

/// Bit `bit` of each of the eight bytes of `bytes`, as eight bits (byte `k`'s at bit `k`).
/// The multiplication moves byte `k`'s bit to bit `56 + k`, and no two products overlap.
#[inline(always)]
fn gather(bytes: u64, bit: usize) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    (((bytes >> bit) & ONES).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Doc;
    use crate::mentions::{dates, entities, places};
    use crate::model::Document;
    use crate::stages::{claims, header, numbers, sentences, sources};

    /// Every layer the scans build, with the stops found or with stops at every token.
    fn layers(text: &str, found: bool) -> String {
        let lex = Lexicon::builtin();
        let d = Document::new("t", text);
        let mut doc = Doc::new(&d);
        doc.tokens.classify(lex);
        if found {
            doc.stops = find(&doc.tokens, lex);
        }
        header::annotate(&mut doc, lex);
        sentences::annotate(&mut doc, lex);
        dates::annotate(&mut doc, lex);
        numbers::annotate(&mut doc, lex);
        entities::annotate(&mut doc, lex);
        places::annotate(&mut doc, lex);
        sources::annotate(&mut doc, lex);
        claims::annotate(&mut doc, lex);
        format!(
            "{:?}",
            (
                &doc.sentences,
                &doc.dates,
                &doc.quantities,
                &doc.mentions,
                &doc.entities,
                &doc.attributions,
                &doc.citations,
                &doc.claims,
            )
        )
    }

    /// The stops only spare the scans tokens they would pass over: every layer is the same
    /// as with a stop at every token.
    #[test]
    fn stops_change_no_layer() {
        let texts = [
            include_str!("../../../../examples/example-article.txt"),
            include_str!("../../../../examples/example-followup.txt"),
            "Dozens were killed and a dozen wounded on Monday, officials said. Two days ago, \
             three thousand fled; yesterday 1.2 million more. According to the UN, 40 died.\n\n\
             A police spokesman told AFP that 7 were captured in March. Rep. Lee Seong-kweun \
             said the NIS knew. The army said 12 soldiers died, citing a report by Reuters.\n\
             Ukrainian officials accused Russia of killing 30 in Kharkiv on 3 March 2024.",
            "Title line first\n\nKey points\n\n12 soldiers were killed in Kharkiv\n\n\
             officials said 30 were wounded\nin the night\n- 4 missing",
            "",
            "no capitals, no numbers and no marks",
        ];
        for text in texts {
            let found = layers(text, true);
            assert_eq!(found, layers(text, false), "{text}");
        }
    }

    #[test]
    fn every_stops_at_each_token_and_no_further() {
        for n in [0, 1, 63, 64, 65, 130] {
            let all = TokenSet::every(n);
            let members: Vec<usize> =
                std::iter::successors(all.next_from(0), |&i| all.next_from(i + 1)).collect();
            assert_eq!(members, (0..n).collect::<Vec<_>>());
        }
    }
}
