//! The annotated document: the text and the layers the pipeline stages add in turn.
//!
//! Every annotation refers to tokens, and tokens to byte offsets in the one text, so a claim can
//! always point at the sentence it came from. Offsets become characters only on output.

use std::ops::Range;

use chrono::NaiveDate;

use crate::model::{Amount, Document, Meta, QuantityKind};
use crate::stages::stops::Stops;
use crate::stages::tokens::Tokens;

/// A sentence: a range of tokens and the byte span from its first token to its last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub tokens: Range<usize>,
    pub start: usize,
    pub end: usize,
}

/// A date written in the text ("Thursday", "15 February 2024"), resolved to a day where the
/// text and the document's date allow ("Thursday" needs the document's date; "May 2024" is no day).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    pub tokens: Range<usize>,
    pub date: Option<NaiveDate>,
}

/// A quantity found by the numbers stage.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// Qualifier, amount and unit.
    pub tokens: Range<usize>,
    /// The amount alone, without qualifier or unit.
    pub amount_tokens: Range<usize>,
    pub amount: Amount,
    pub kind: QuantityKind,
    pub unit: Option<String>,
    /// ACLED's figure for a vague amount ("dozens" is 12), else the value.
    pub acled_value: Option<f64>,
    /// An "a" or "an" before a single member of a counted group ("a soldier was killed"): a count
    /// of one for claims, but no number to print among the quantities.
    pub implicit: bool,
}

/// What kind of thing a named mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityKind {
    Person,
    Organisation,
    Place,
    /// An unnamed group named as written ("Ukrainian officials", "activists").
    Group,
    Other,
}

impl EntityKind {
    /// The kind's name in records and the store.
    pub fn name(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organisation => "organisation",
            EntityKind::Place => "place",
            EntityKind::Group => "group",
            EntityKind::Other => "other",
        }
    }
}

/// A named mention: a run of capitalised tokens, with the entity it refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub tokens: Range<usize>,
    pub kind: EntityKind,
    /// Index into [`Doc::entities`].
    pub entity: usize,
}

/// An entity of the document: a person, body or place, under all the names it appears as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity<'a> {
    /// The fullest name the document gives, as it writes it: a slice of the text, so that the
    /// tens of thousands of capitalised runs a long page holds copy nothing.
    pub name: &'a str,
    pub kind: EntityKind,
    /// The organisation a person speaks for ("Cho Tae-yong, the NIS director").
    pub affiliation: Option<usize>,
}

/// A place mention, resolved against the gazetteer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceMention {
    pub tokens: Range<usize>,
    /// The place as written ("Kursk region").
    pub text: String,
    /// Index into the gazetteer's places.
    pub place: usize,
}

/// Who a sentence is attributed to: the chain of entities, nearest speaker first, and the token
/// ranges of the attribution phrases (so that "in Seoul" in "according to the NIS in Seoul" is
/// not taken for the claim's place).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attribution {
    pub chain: Vec<usize>,
    pub spans: Vec<Range<usize>>,
    /// The tokens naming each speaker and cited source found in the sentence.
    pub speakers: Vec<Range<usize>>,
    /// The entity each of [`Attribution::speakers`] names, in the same order.
    pub speaker_entities: Vec<usize>,
    /// Where speakers stand in different clauses ("Hamas said 30 were killed, while Israel said
    /// 12 had died"), each such clause's tokens and its own chain; empty otherwise, when the
    /// sentence's chain speaks for all of it.
    pub clause_chains: Vec<(Range<usize>, Vec<usize>)>,
}

impl Attribution {
    /// The chain for a figure at token `k`: its clause's own where speakers stand in several
    /// clauses, else the sentence's.
    pub fn chain_at(&self, k: usize) -> &[usize] {
        self.clause_chains
            .iter()
            .find(|(tokens, _)| tokens.contains(&k))
            .map_or(&self.chain, |(_, chain)| chain)
    }
}

/// A claim before output: token positions instead of strings.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimDraft {
    pub sentence: usize,
    pub quantity: usize,
    pub metric: usize,
    pub subject: String,
    /// The subject's head noun, lower-cased and singular, for grouping.
    pub subject_head: String,
    pub place: Option<String>,
    pub date: Option<NaiveDate>,
    /// Entities, nearest speaker first.
    pub sources: Vec<usize>,
    /// Whether the count is a part of a figure already given ("including three children").
    pub subset: bool,
    /// Whether the count is background to the sentence's event ("protested after two militants
    /// were killed"): a claim, but not part of the document's totals.
    pub background: bool,
}

/// The annotated document.
#[derive(Debug, Clone)]
pub struct Doc<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub meta: Meta,
    pub tokens: Tokens,
    /// Where the stages' scans stop (every token until [`crate::stages::stops`] runs).
    pub stops: Stops,
    /// The first token of the body, after a header of title, byline and date.
    pub body_start: usize,
    pub sentences: Vec<Sentence>,
    pub dates: Vec<DateMention>,
    pub quantities: Vec<Quantity>,
    /// A figure's old and new level ("rose from 20 to 30"): (old, new), indices into
    /// [`Doc::quantities`]. Two figures, never a range.
    pub changes: Vec<(usize, usize)>,
    pub mentions: Vec<Mention>,
    pub entities: Vec<Entity<'a>>,
    /// Places in the sentences that hold a count (see [`crate::mentions::places`]).
    pub places: Vec<PlaceMention>,
    /// One per sentence.
    pub attributions: Vec<Attribution>,
    /// Who relies on whom across the document: (speaker, cited source) entity pairs.
    pub citations: Vec<(usize, usize)>,
    pub claims: Vec<ClaimDraft>,
}

impl<'a> Doc<'a> {
    /// A document with its tokens and no other layer.
    pub fn new(document: &'a Document) -> Doc<'a> {
        let tokens = Tokens::new(&document.text);
        Doc {
            id: &document.id,
            text: &document.text,
            meta: document.meta.clone(),
            stops: Stops::every(tokens.len()),
            tokens,
            body_start: 0,
            sentences: Vec::new(),
            dates: Vec::new(),
            quantities: Vec::new(),
            changes: Vec::new(),
            mentions: Vec::new(),
            entities: Vec::new(),
            places: Vec::new(),
            attributions: Vec::new(),
            citations: Vec::new(),
            claims: Vec::new(),
        }
    }

    /// The text of a token range, as written.
    pub fn slice(&self, tokens: Range<usize>) -> &'a str {
        if tokens.is_empty() {
            return "";
        }
        &self.text[self.tokens.byte_range(tokens)]
    }

    /// The lower-cased token `i`.
    pub fn lower(&self, i: usize) -> &str {
        self.tokens.lower(i)
    }

    /// The named mention that starts at token `i` (mentions are in text order).
    pub fn mention_starting_at(&self, i: usize) -> Option<&Mention> {
        let k = self.mentions.partition_point(|m| m.tokens.start < i);
        self.mentions.get(k).filter(|m| m.tokens.start == i)
    }

    /// The named mention that ends just before token `i`.
    pub fn mention_ending_at(&self, i: usize) -> Option<&Mention> {
        let k = self.mentions.partition_point(|m| m.tokens.end < i);
        self.mentions.get(k).filter(|m| m.tokens.end == i)
    }

    /// The date mention that starts at token `i` ("Sunday" in "40 drones late Sunday").
    pub fn date_starting_at(&self, i: usize) -> Option<&DateMention> {
        let k = self.dates.partition_point(|d| d.tokens.start < i);
        self.dates.get(k).filter(|d| d.tokens.start == i)
    }

    /// The named mention that covers token `i`.
    pub fn mention_covering(&self, i: usize) -> Option<&Mention> {
        let k = self.mentions.partition_point(|m| m.tokens.end <= i);
        self.mentions.get(k).filter(|m| m.tokens.start <= i)
    }

    /// The quantities that start inside the token range `tokens` (a sentence, say).
    pub fn quantities_in(&self, tokens: &Range<usize>) -> &[Quantity] {
        let first = self
            .quantities
            .partition_point(|q| q.tokens.start < tokens.start);
        let end = first + self.quantities[first..].partition_point(|q| q.tokens.start < tokens.end);
        &self.quantities[first..end]
    }

    /// The sentence that holds token `i`.
    pub fn sentence_of(&self, i: usize) -> Option<usize> {
        let k = self.sentences.partition_point(|s| s.tokens.end <= i);
        (k < self.sentences.len() && self.sentences[k].tokens.contains(&i)).then_some(k)
    }
}

/// Converts byte offsets to character offsets, for offsets asked in increasing order.
pub struct CharOffsets<'a> {
    text: &'a str,
    ascii: bool,
    byte: usize,
    chars: usize,
}

impl<'a> CharOffsets<'a> {
    pub fn new(text: &'a str) -> Self {
        CharOffsets {
            text,
            ascii: text.is_ascii(),
            byte: 0,
            chars: 0,
        }
    }

    /// The character offset of byte offset `at`, counted from the last offset asked, forward
    /// or back: a sentence's start after the end of the one before costs only the distance.
    ///
    /// ```
    /// use sitrep_core::doc::CharOffsets;
    /// let mut o = CharOffsets::new("“Kyiv” 1, Київ 2");
    /// assert_eq!(o.chars(22), 14);
    /// assert_eq!(o.chars(3), 1);
    /// assert_eq!(o.chars(0), 0);
    /// ```
    pub fn chars(&mut self, at: usize) -> usize {
        if self.ascii {
            return at;
        }
        if at < self.byte {
            self.chars -= self.text[at..self.byte].chars().count();
        } else {
            self.chars += self.text[self.byte..at].chars().count();
        }
        self.byte = at;
        self.chars
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_count_scalar_values() {
        let text = "Russia’s border — Kursk";
        let mut c = CharOffsets::new(text);
        let k = text.find("Kursk").unwrap();
        assert_eq!(c.chars(k), 18);
        assert_eq!(c.chars(0), 0);
    }
}
