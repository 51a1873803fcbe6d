//! The lexicons: the data files under `data/`, read once into phrase sets the stages match on.
//!
//! A phrase is matched token by token on lower-cased tokens, so a lexicon entry is tokenized with
//! the same tokenizer as the text ("rep." is the tokens `rep` and `.`).

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::gazetteer::Gazetteer;
use crate::model::{Qualifier, QuantityKind};
use crate::stages::tokens::Tokens;

/// A set of multi-token phrases, each with a payload, matched longest first.
///
/// Phrases are keyed by the hash of their first (or last) word, the same hash every token
/// carries, so a look-up hashes nothing and compares strings only on a hash match.
#[derive(Debug, Clone)]
pub struct PhraseSet<T> {
    /// Each phrase: where its words start in `words`, how many there are, and its payload.
    phrases: Vec<(u32, u32, T)>,
    /// The words of every phrase, one after another. Kept together (and their spellings in
    /// one string) rather than a vector and a string per phrase: the gazetteer's 20,000 names
    /// made the allocator the largest cost of loading the lexicons.
    words: Vec<Word>,
    spellings: String,
    /// One-word phrases by their word's hash (the first inserted where two share it).
    singles: PreHashed<u32>,
    /// Longer phrases by the hashes of their first two words, longest first: a gazetteer has
    /// hundreds of names that start "al" or "san", and only a few that go on the same way.
    by_pair: PreHashed<Ids>,
    /// The same by last word; empty in a set built [`PhraseSet::forward_only`].
    by_last: PreHashed<Ids>,
    /// Whether phrases are indexed by their last word, for [`PhraseSet::longest_ending_at`].
    backward: bool,
    /// This set's bit in the tokens' masks, once the lexicon has registered it.
    bit: Option<u32>,
}

/// A word of a phrase: its hash and its lower-cased form.
#[derive(Debug, Clone, Copy)]
struct Word {
    hash: u64,
    /// Where the lower-cased spelling sits in [`PhraseSet::spellings`].
    start: u32,
    end: u32,
}

/// Phrase ids under one key: most keys have one or two, held without an allocation.
type Ids = smallvec::SmallVec<[u32; 2]>;

/// A map keyed by a hash computed beforehand: the key is its own hash.
type PreHashed<V> = std::collections::HashMap<u64, V, std::hash::BuildHasherDefault<KeyIsHash>>;

/// A hasher that passes a `u64` key through.
#[derive(Default)]
pub struct KeyIsHash(u64);

impl std::hash::Hasher for KeyIsHash {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A set of single lower-case words, keyed by the hash every token carries: a look-up at a
/// token hashes nothing, and one with a string hashes it the tokens' way.
///
/// ```
/// use sitrep_core::lexicon::WordSet;
/// use sitrep_core::stages::tokens::Tokens;
/// let set: WordSet = ["in", "near"].into_iter().map(String::from).collect();
/// let t = Tokens::new("Fighting near Kupiansk");
/// assert!(set.contains_at(&t, 1) && !set.contains_at(&t, 0));
/// assert!(set.contains("in") && !set.contains("at"));
/// ```
#[derive(Debug, Clone, Default)]
pub struct WordSet {
    words: PreHashed<Box<str>>,
}

impl WordSet {
    /// Whether `word` (lower-cased) is in the set.
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        let hash = crate::stages::tokens::word_hash(word);
        self.words.get(&hash).is_some_and(|w| **w == *word)
    }

    /// Whether token `i`'s lower-cased form is in the set.
    #[inline]
    pub fn contains_at(&self, t: &Tokens, i: usize) -> bool {
        let hash = t.list[i].hash;
        self.words.get(&hash).is_some_and(|w| t.is_word(i, hash, w))
    }

    /// The words, in no order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.words.values().map(|w| &**w)
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the set has no words.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

impl FromIterator<String> for WordSet {
    /// Collects words; two different words with one hash would be a bug the lexicon's tests
    /// catch (a 64-bit hash of short words is one to one).
    fn from_iter<I: IntoIterator<Item = String>>(words: I) -> Self {
        let mut set = WordSet::default();
        for w in words {
            let hash = crate::stages::tokens::word_hash(&w);
            let kept = set.words.entry(hash).or_insert_with(|| w.clone().into());
            assert!(**kept == *w, "words {kept:?} and {w:?} share a hash");
        }
        set
    }
}

impl<T> Default for PhraseSet<T> {
    fn default() -> Self {
        PhraseSet {
            phrases: Vec::new(),
            words: Vec::new(),
            spellings: String::new(),
            singles: PreHashed::default(),
            by_pair: PreHashed::default(),
            by_last: PreHashed::default(),
            backward: true,
            bit: None,
        }
    }
}

impl<T: Clone> PhraseSet<T> {
    /// An empty set that only looks forward: [`PhraseSet::longest_ending_at`] finds nothing
    /// in it. The gazetteer's 24,000 names are only ever looked up from their first word;
    /// indexing them by their last too cost 3.4 M of the 73.5 M instructions of loading the
    /// lexicons, 2.3 MB of memory (160 page faults at every start), and 3,126 more words in
    /// the table every token is looked up in.
    ///
    /// ```
    /// use sitrep_core::lexicon::PhraseSet;
    /// use sitrep_core::stages::tokens::Tokens;
    /// let mut set = PhraseSet::forward_only();
    /// set.insert("at least", 1);
    /// let t = Tokens::new("at least 100");
    /// assert_eq!(set.longest_at(&t, 0, t.len()), Some((2, &1)));
    /// assert_eq!(set.longest_ending_at(&t, 2, 0), None);
    /// ```
    pub fn forward_only() -> Self {
        PhraseSet {
            backward: false,
            ..PhraseSet::default()
        }
    }

    /// Builds a set from `(phrase, payload)` pairs.
    ///
    /// ```
    /// use sitrep_core::lexicon::PhraseSet;
    /// use sitrep_core::stages::tokens::Tokens;
    /// let set = PhraseSet::new([("at least", 1), ("at", 2)]);
    /// let t = Tokens::new("at least 100");
    /// assert_eq!(set.longest_at(&t, 0, t.len()), Some((2, &1)));
    /// assert_eq!(set.longest_ending_at(&t, 2, 0), Some((2, &1)));
    /// ```
    pub fn new<S: AsRef<str>>(entries: impl IntoIterator<Item = (S, T)>) -> Self {
        let mut set = PhraseSet::default();
        for (phrase, payload) in entries {
            set.insert(phrase.as_ref(), payload);
        }
        set
    }

    /// Number of phrases.
    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    /// Whether the set has no phrases.
    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// Adds one phrase.
    pub fn insert(&mut self, phrase: &str, payload: T) {
        let first_word = self.words.len();
        // Plain words with single spaces between (most gazetteer names) need no tokenizer.
        if plain_words(phrase) {
            let mut word_start = 0;
            for (at, b) in phrase.bytes().chain([b' ']).enumerate() {
                if b == b' ' {
                    let start = self.spellings.len();
                    self.spellings.push_str(&phrase[word_start..at]);
                    self.spellings[start..].make_ascii_lowercase();
                    let hash = crate::stages::tokens::word_hash(&self.spellings[start..]);
                    self.push_word(hash, start);
                    word_start = at + 1;
                }
            }
        } else {
            let t = Tokens::new(phrase);
            for i in 0..t.len() {
                let start = self.spellings.len();
                self.spellings.push_str(t.lower(i));
                self.push_word(t.list[i].hash, start);
            }
        }
        let words = &self.words[first_word..];
        let (first, second, last, len) = match words {
            [] => return,
            [one] => (one.hash, None, one.hash, 1),
            [a, b, ..] => (
                a.hash,
                Some(b.hash),
                words[words.len() - 1].hash,
                words.len(),
            ),
        };
        let id = self.phrases.len() as u32;
        self.phrases.push((first_word as u32, len as u32, payload));
        match second {
            None => {
                self.singles.entry(first).or_insert(id);
            }
            Some(second) => {
                let list = self.by_pair.entry(pair_hash(first, second)).or_default();
                insert_longest_first(list, &self.phrases, id, len);
            }
        }
        if self.backward {
            let list = self.by_last.entry(last).or_default();
            insert_longest_first(list, &self.phrases, id, len);
        }
    }

    fn push_word(&mut self, hash: u64, start: usize) {
        self.words.push(Word {
            hash,
            start: start as u32,
            end: self.spellings.len() as u32,
        });
    }

    /// Phrase `id`'s words and payload.
    fn phrase(&self, id: u32) -> (&[Word], &T) {
        let (first, len, payload) = &self.phrases[id as usize];
        (&self.words[*first as usize..][..*len as usize], payload)
    }

    /// Whether the words of a phrase stand at tokens `start..`.
    #[inline]
    fn matches(&self, t: &Tokens, start: usize, words: &[Word]) -> bool {
        let spellings = self.spellings.as_bytes();
        words.iter().enumerate().all(|(k, w)| {
            let (from, to) = (w.start as usize, w.end as usize);
            t.is_word_of_len(start + k, w.hash, to - from, || &spellings[from..to])
        })
    }

    /// The longest phrase starting at token `i` and ending before `limit`: its length in tokens.
    #[inline]
    pub fn longest_at(&self, t: &Tokens, i: usize, limit: usize) -> Option<(usize, &T)> {
        // Most tokens start no phrase of the set: a bit test, inlined at the call, says so.
        if i >= limit || self.bit.is_some_and(|b| t.list[i].first & (1 << b) == 0) {
            return None;
        }
        self.longest_at_indexed(t, i, limit)
    }

    #[inline(never)]
    fn longest_at_indexed(&self, t: &Tokens, i: usize, limit: usize) -> Option<(usize, &T)> {
        if i + 1 < limit {
            let key = pair_hash(t.list[i].hash, t.list[i + 1].hash);
            if let Some(list) = self.by_pair.get(&key) {
                let longest = list
                    .iter()
                    .map(|&id| self.phrase(id))
                    .find(|(words, _)| i + words.len() <= limit && self.matches(t, i, words));
                if let Some((words, p)) = longest {
                    return Some((words.len(), p));
                }
            }
        }
        let &id = self.singles.get(&t.list[i].hash)?;
        let (words, p) = self.phrase(id);
        self.matches(t, i, words).then_some((1, p))
    }

    /// The longest phrase ending just before token `end` and starting at or after `floor`.
    #[inline]
    pub fn longest_ending_at(&self, t: &Tokens, end: usize, floor: usize) -> Option<(usize, &T)> {
        if end == 0
            || end <= floor
            || self
                .bit
                .is_some_and(|b| t.list[end - 1].last & (1 << b) == 0)
        {
            return None;
        }
        self.longest_ending_at_indexed(t, end, floor)
    }

    #[inline(never)]
    fn longest_ending_at_indexed(
        &self,
        t: &Tokens,
        end: usize,
        floor: usize,
    ) -> Option<(usize, &T)> {
        let list = self.by_last.get(&t.list[end - 1].hash)?;
        list.iter()
            .map(|&id| self.phrase(id))
            .find(|(words, _)| {
                words.len() <= end - floor && self.matches(t, end - words.len(), words)
            })
            .map(|(words, p)| (words.len(), p))
    }

    /// Gives the set bit `bit` and records its first and last words in `masks`.
    fn register(&mut self, bit: u32, masks: &mut HashMap<u64, (u64, u64)>) {
        self.bit = Some(bit);
        for &(first, _, _) in &self.phrases {
            masks.entry(self.words[first as usize].hash).or_default().0 |= 1 << bit;
        }
        for &hash in self.by_last.keys() {
            masks.entry(hash).or_default().1 |= 1 << bit;
        }
    }

    /// Room for `phrases` more phrases, so that loading a large set (the gazetteer's 24,000
    /// names) does not grow and rehash its tables again and again. The words, spellings and
    /// keys per phrase are the gazetteer's, rounded up.
    pub(crate) fn reserve(&mut self, phrases: usize) {
        self.phrases.reserve(phrases);
        self.words.reserve(phrases * 3 / 2);
        self.spellings.reserve(phrases * 10);
        self.singles.reserve(phrases);
        self.by_pair.reserve(phrases / 4);
        if self.backward {
            self.by_last.reserve(phrases);
        }
    }

    /// Every phrase as its lower-cased words joined by spaces, with its payload.
    #[cfg(test)]
    pub(crate) fn spelled(&self) -> impl Iterator<Item = (String, &T)> + '_ {
        self.phrases.iter().map(|(first, len, payload)| {
            let words = &self.words[*first as usize..][..*len as usize];
            let spelled: Vec<&str> = words
                .iter()
                .map(|w| &self.spellings[w.start as usize..w.end as usize])
                .collect();
            (spelled.join(" "), payload)
        })
    }

    /// Sets bit `bit` in `masks` for the first word of every phrase whose payload passes
    /// `keep`: a mask for a subset of the set's phrases, which the set's own bit cannot tell
    /// apart.
    pub(crate) fn mark_starts_where(
        &self,
        bit: u32,
        masks: &mut HashMap<u64, (u64, u64)>,
        keep: impl Fn(&T) -> bool,
    ) {
        for (first, _, payload) in &self.phrases {
            if keep(payload) {
                masks.entry(self.words[*first as usize].hash).or_default().0 |= 1 << bit;
            }
        }
    }

    /// The bit tokens carry in [`Token::first`](crate::stages::tokens::Token::first) when a
    /// phrase of this set may start at them (every bit before the lexicon registers the set).
    /// A scan that looks for several sets skips a token whose `first & mask` is zero for the
    /// union of their masks: one test instead of one per set.
    ///
    /// ```
    /// use sitrep_core::lexicon::Lexicon;
    /// use sitrep_core::stages::tokens::Tokens;
    /// let lex = Lexicon::builtin();
    /// let mut t = Tokens::new("officials said");
    /// t.classify(lex);
    /// let mask = lex.speech_verbs.start_mask() | lex.according.start_mask();
    /// assert_eq!(t.list[0].first & mask, 0);
    /// assert_ne!(t.list[1].first & mask, 0);
    /// ```
    #[inline]
    pub fn start_mask(&self) -> u64 {
        self.bit.map_or(u64::MAX, |b| 1 << b)
    }

    /// Whether a phrase starts at token `i` (within `limit`).
    #[inline]
    pub fn matches_at(&self, t: &Tokens, i: usize, limit: usize) -> bool {
        self.longest_at(t, i, limit).is_some()
    }
}

/// Whether `phrase` is ASCII letters in words with one space between: tokens as `split(' ')`
/// cuts them.
fn plain_words(phrase: &str) -> bool {
    // Starting as if after a space refuses a leading one, and the last byte must be a letter.
    let mut after_space = true;
    phrase.bytes().all(|b| {
        let space = b == b' ';
        let fine = b.is_ascii_alphabetic() || (space && !after_space);
        after_space = space;
        fine
    }) && !after_space
}

/// The key of a phrase's first two words.
fn pair_hash(first: u64, second: u64) -> u64 {
    first.rotate_left(26) ^ second.wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// Inserts phrase `id` of `len` words into a list kept longest first; among phrases of equal
/// length, the first inserted stays first.
fn insert_longest_first<T>(list: &mut Ids, phrases: &[(u32, u32, T)], id: u32, len: usize) {
    let at = list.partition_point(|&e| phrases[e as usize].1 as usize >= len);
    list.insert(at, id);
}

/// A phrase set of any payload, as the lexicon registers it.
trait Registered {
    fn register_as(&mut self, bit: u32, masks: &mut HashMap<u64, (u64, u64)>);
}

impl<T: Clone> Registered for PhraseSet<T> {
    fn register_as(&mut self, bit: u32, masks: &mut HashMap<u64, (u64, u64)>) {
        self.register(bit, masks);
    }
}

/// A vague amount ("dozens"): the unit it counts in, the bounds it implies, ACLED's figure.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
pub struct Vague {
    pub value: f64,
    pub low: f64,
    pub high: f64,
    pub acled: f64,
}

/// How a metric cue after a count reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueForm {
    /// A participle: a claim with an auxiliary ("were killed") or, weaker, alone ("3 killed").
    Participle,
    /// A verb that needs no auxiliary ("died", "fled").
    Finite,
    /// A noun or adjective right after the count or its group ("3 dead", "40 deaths").
    Noun,
}

/// A metric cue: which metric (index into [`Lexicon::metrics`]) and how it reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MetricCue {
    pub metric: usize,
    pub form: CueForm,
}

/// Kinds of reference back to an entity named earlier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reference {
    Person,
    Organisation,
}

/// Every lexicon of the pipeline, read from the data files built into the crate.
#[derive(Debug)]
pub struct Lexicon {
    pub ones: HashMap<String, f64>,
    pub tens: HashMap<String, f64>,
    pub scales: HashMap<String, f64>,
    /// Scales glued to digits ("5bn", "100k").
    pub suffix_scales: HashMap<String, f64>,
    /// Words after a glued "m" that make it metres ("10m high").
    pub metre_words: WordSet,
    /// Words glued after a number word that make it a group's size ("five-member family").
    pub size_words: WordSet,
    /// Words naming a part ("third", "quarters") and the part's size.
    pub fractions: HashMap<String, f64>,
    /// Words before "half" that make it part of a period, not a fraction ("the second half").
    pub period_halves: WordSet,
    /// Words after "a third" that make it an ordinal ("a third consecutive night").
    pub ordinal_followers: WordSet,
    /// Metrics whose cue counts a possessive's person ("wounded his wife").
    pub possessive_object_metrics: WordSet,
    /// Metrics whose cue counts the person after "the" ("killing the pilot").
    pub definite_object_metrics: WordSet,
    pub groups: HashMap<String, f64>,
    pub vague: PhraseSet<Vague>,
    pub qualifiers_before: PhraseSet<Qualifier>,
    /// Verbs whose "over" is a particle ("hand over 157 prisoners"), not a qualifier.
    pub particle_over: WordSet,
    pub qualifiers_after: PhraseSet<Qualifier>,
    /// Phrases that make a strict bound after it inclusive ("or equal").
    pub inclusive: PhraseSet<()>,

    /// Metric names, in data-file order; cues point into this list.
    pub metrics: Vec<String>,
    /// Whether each metric counts people only.
    pub metric_counts_people: Vec<bool>,
    /// Per metric, the metric of a whole whose part it counts, where the whole has no cue of
    /// its own ("shot down 40 of 47 drones": 47 launched).
    pub metric_whole: Vec<Option<usize>>,
    pub metric_after: PhraseSet<MetricCue>,
    pub metric_before: PhraseSet<usize>,
    /// Verbs that take a count only with words after its group ("forced 3,000 families from
    /// their homes"): each frame's metric and completing words.
    pub metric_framed: PhraseSet<Vec<(usize, Vec<String>)>>,
    pub metric_toll: PhraseSet<usize>,

    pub auxiliaries: PhraseSet<()>,
    pub adverbs: PhraseSet<()>,
    pub toll_links: WordSet,
    /// Toll nouns that name no metric ("bringing the total to 57"): the sentence's earlier cue does.
    pub bare_totals: WordSet,
    /// Words that open an event phrase after a toll noun ("the death toll from the quake").
    pub toll_phrase_openers: PhraseSet<()>,
    /// Prepositions inside a toll's event phrase ("strike on Dnipro").
    pub toll_phrase_links: WordSet,
    /// Toll verbs of growth, after which "from 10 to 40" is the new figure, 40.
    pub denials: PhraseSet<()>,
    pub negations: PhraseSet<()>,
    pub forecasts: PhraseSet<()>,
    pub hedges: PhraseSet<()>,
    /// Verbs that turn a following "to be" into a report ("believed to be").
    pub report_verbs: PhraseSet<()>,
    pub subset_markers: PhraseSet<()>,
    pub subordinators: PhraseSet<()>,
    pub background_markers: PhraseSet<()>,
    pub background_events: PhraseSet<()>,
    pub protest_violence: PhraseSet<()>,
    pub agent_relatives: WordSet,
    /// Phrases that make the infinitive after them an act that happened ("was able to kill").
    pub realized: PhraseSet<()>,
    /// Phrases that date a count's clause to an earlier year ("last year", "years ago").
    pub past_periods: PhraseSet<()>,
    /// Phrases that say a figure could not be verified: coders leave it out of a total.
    pub unverified: PhraseSet<()>,
    /// Phrases that bring in another or a doubtful account ("other reports claim"): the figures
    /// after them in their sentence leave a total.
    pub alternative_accounts: PhraseSet<()>,
    /// Causes of a death no one inflicted ("cancer", "heart attack"): "died of" one is no killing.
    pub natural_causes: PhraseSet<()>,
    /// Phrases of ACLED's split notes ("split across"): a total shared among events.
    pub share_cues: PhraseSet<()>,
    /// What a split note shares ("fatalities") and what among ("events", "days").
    pub share_nouns: WordSet,
    pub share_units: WordSet,
    /// Words between a verb and the count that is its object ("killed a family of three").
    pub object_frames: PhraseSet<()>,
    /// Frames whose count is of the dead ("the body of a journalist was found").
    pub corpse_frames: PhraseSet<()>,
    /// Frames whose count is of someone's children ("the father of five was shot dead").
    pub kin_frames: PhraseSet<()>,
    /// Words that tell of a body found, near a corpse frame: only then is it a death.
    pub corpse_discoveries: PhraseSet<()>,
    /// Words that open what a protest is against ("against the killing of three youths").
    pub grievance_openers: PhraseSet<()>,
    /// Nouns of a death that a protest is against ("killing", "death", "murder").
    pub grievance_deaths: WordSet,
    /// Metrics a named person can be the one counted in ("Bipul Chakraborty was killed").
    pub victim_metrics: WordSet,
    /// Verbs whose object "N lives" is a death toll ("claimed two lives").
    pub life_takers: WordSet,
    pub relatives: PhraseSet<()>,
    pub clause_breaks: PhraseSet<()>,

    pub speech_verbs: PhraseSet<()>,
    /// Speech verbs whose speaker stands before them only ("Ukraine accused Russia").
    pub accusation_verbs: PhraseSet<()>,
    pub according: PhraseSet<()>,
    pub citing: PhraseSet<()>,
    pub briefed_by: PhraseSet<()>,
    /// Marks that set a headline's source off at its end ("... - police", "...: governor").
    pub headline_marks: PhraseSet<()>,
    pub titles: PhraseSet<()>,
    pub organisation_words: PhraseSet<()>,
    pub references: PhraseSet<Reference>,
    /// Organisation references that point back only to a name holding them ("the army").
    pub self_naming_references: WordSet,
    /// Unnamed groups that may be a source ("officials", "activists").
    pub group_sources: PhraseSet<()>,
    /// Bodies that speak as a group only after a demonym ("the Ukrainian military said").
    pub named_group_sources: PhraseSet<()>,
    /// Second halves of a compound that names who runs a body ("the Hamas-run health ministry").
    pub controlling_words: WordSet,
    /// Words for a place already named, as an owner before a body ("the territory's civil
    /// defence agency").
    pub place_owner_references: WordSet,
    /// One unnamed speaker after "a" or "an" ("a police spokesman told AFP").
    pub indefinite_sources: PhraseSet<()>,
    /// Speech verbs whose name after them is the listener ("told AFP").
    pub listener_verbs: WordSet,
    /// Verbs only a person speaks with ("said", "told"): a one-word name before one is a person.
    pub person_speech_verbs: WordSet,
    /// Times that may stand between a speaker and the verb ("that same day").
    pub times_before_verb: PhraseSet<()>,
    pub reference_modifiers: WordSet,
    /// What a source put out, between "according to" and the source ("a statement from").
    pub source_documents: PhraseSet<()>,

    pub abbreviations: WordSet,
    pub months: PhraseSet<u32>,
    pub weekdays: PhraseSet<u32>,
    /// Days named relative to the document's date ("yesterday"), by their offset in days.
    pub relative_days: PhraseSet<i64>,
    /// Days in each unit of "two days ago", "a week ago".
    pub days_ago: HashMap<String, i64>,
    /// Every word that may start a number in words ("a", "one", "twenty", "hundred", "dozen").
    pub number_words: PhraseSet<()>,
    /// Every word that may start an amount of any kind: number words, the first words of vague
    /// amounts, fractions ("half of") and implicit counts of one ("another died").
    pub amount_starts: PhraseSet<()>,
    pub function_words: WordSet,
    /// Words before a date that make it a period's start ("since 24 February 2022").
    pub period_starts: WordSet,
    pub counted_nouns: WordSet,
    /// The singular forms of the counted nouns ("soldier", "policeman"): "a soldier" is one.
    pub counted_singulars: WordSet,
    /// Singular heads that name a group of people ("a family of five"), never one person.
    pub collective_heads: WordSet,
    /// Heads of groups that are no casualties of conflict (animals, votes).
    pub non_casualty_nouns: WordSet,
    /// Heads of groups that are things (singular): people-only metrics ignore them.
    pub material_nouns: WordSet,
    /// Words that qualify a counted group rather than cue a metric ("two alleged traffickers").
    pub attributive_hedges: WordSet,
    pub age_words: PhraseSet<()>,
    pub age_markers: WordSet,
    pub identifier_words: WordSet,
    /// "BC", "A.D.": the number beside one is a year.
    pub era_markers: WordSet,
    /// "Road", "St": the last word of a street's name after a house number.
    pub street_words: WordSet,
    /// Verbs of change, after which "N to M" is a change and a new level, not a range.
    pub change_verbs: PhraseSet<()>,
    pub time_words: PhraseSet<()>,
    pub demonyms: PhraseSet<()>,
    pub units: PhraseSet<QuantityKind>,
    pub currency_symbols: PhraseSet<()>,
    /// Currency symbols in letters that may stand apart from the amount ("Rs 500").
    pub currency_codes: WordSet,
    /// Screen heights that a glued "p" makes a video format ("1080p"), not pence.
    pub display_resolutions: WordSet,

    pub gazetteer: Gazetteer,
    pub locative: WordSet,
    pub not_location: WordSet,
    pub region_words: WordSet,
    /// Words besides a name in a place's phrase ("occupied", "northern", "the").
    pub place_modifiers: WordSet,
    pub date_labels: WordSet,
    pub generic_heads: WordSet,
    pub affiliation_roles: WordSet,
    pub embedding_words: WordSet,

    /// For each word (by hash), the phrase sets it can start and end: see [`Tokens::classify`].
    pub word_masks: WordMasks,
    /// Where the bits of [`crate::stages::stops::unions`] start in a token's
    /// [`Token::first`](crate::stages::tokens::Token::first), above every set's own bit: bit
    /// `stop_shift + k` marks a word that starts a phrase of any set in the `k`-th union.
    pub stop_shift: u32,
}

/// For each word (by hash), the phrase sets it can start and end, with a filter in front.
///
/// Half of a text's tokens are in no phrase set, and a look-up that misses probes a random
/// place in a table of 25,000 words, often outside the cache. A bit per hash value (32 KiB)
/// answers most of those first.
///
/// ```
/// use sitrep_core::lexicon::Lexicon;
/// use sitrep_core::stages::tokens::word_hash;
/// let masks = &Lexicon::builtin().word_masks;
/// assert_ne!(masks.get(word_hash("killed")), (0, 0));
/// assert_eq!(masks.get(word_hash("xqzzy")), (0, 0));
/// ```
#[derive(Debug, Clone, Default)]
pub struct WordMasks {
    masks: HashMap<u64, (u64, u64)>,
    /// Bit [`WordMasks::slot`] of each word in `masks`.
    filter: Vec<u64>,
}

impl WordMasks {
    const SLOT_BITS: u32 = 18;

    /// The table with its filter.
    fn new(masks: HashMap<u64, (u64, u64)>) -> WordMasks {
        let mut filter = vec![0u64; 1 << (Self::SLOT_BITS - 6)];
        for &hash in masks.keys() {
            let slot = Self::slot(hash);
            filter[slot / 64] |= 1 << (slot % 64);
        }
        WordMasks { masks, filter }
    }

    /// The filter bit of a hash: its bits mixed, as a word's hash keeps its last bytes low.
    #[inline(always)]
    fn slot(hash: u64) -> usize {
        (hash.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - Self::SLOT_BITS)) as usize
    }

    /// The (start, end) masks of the word with this hash; (0, 0) for a word in no set.
    #[inline]
    pub fn get(&self, hash: u64) -> (u64, u64) {
        let slot = Self::slot(hash);
        if self
            .filter
            .get(slot / 64)
            .is_none_or(|bits| bits & (1 << (slot % 64)) == 0)
        {
            return (0, 0);
        }
        self.masks.get(&hash).copied().unwrap_or((0, 0))
    }
}

#[derive(Deserialize)]
struct NumbersFile {
    ones: HashMap<String, f64>,
    tens: HashMap<String, f64>,
    scales: HashMap<String, f64>,
    suffix_scales: HashMap<String, f64>,
    metre_words: Vec<String>,
    size_words: Vec<String>,
    groups: HashMap<String, f64>,
    fractions: HashMap<String, f64>,
    vague: Vec<VagueEntry>,
    implicit_starts: Vec<String>,
    period_halves: Vec<String>,
    ordinal_followers: Vec<String>,
    possessive_object_metrics: Vec<String>,
    definite_object_metrics: Vec<String>,
}

#[derive(Deserialize)]
struct VagueEntry {
    phrase: String,
    #[serde(flatten)]
    vague: Vague,
}

#[derive(Deserialize)]
struct QualifiersFile {
    before: HashMap<String, Vec<String>>,
    after: HashMap<String, Vec<String>>,
    equal: PhraseList,
    inclusive: PhraseList,
    particle_over: PhraseList,
}

#[derive(Deserialize)]
struct PhraseList {
    phrases: Vec<String>,
}

#[derive(Deserialize)]
struct MetricEntry {
    #[serde(default)]
    after: Vec<String>,
    #[serde(default)]
    before: Vec<String>,
    #[serde(default)]
    toll: Vec<String>,
    #[serde(default)]
    finite: Vec<String>,
    #[serde(default)]
    noun: Vec<String>,
    #[serde(default)]
    people: bool,
    /// "forced ... from their homes": a verb before the count and the words after its group
    /// that complete it.
    #[serde(default)]
    framed: Vec<String>,
    /// The metric of a whole whose part has this one ("shot down 40 of 47 drones": launched).
    #[serde(default)]
    whole: Option<String>,
}

#[derive(Deserialize)]
struct CuesFile {
    auxiliaries: Vec<String>,
    adverbs: Vec<String>,
    toll_links: Vec<String>,
    bare_totals: Vec<String>,
    toll_phrase_openers: Vec<String>,
    toll_phrase_links: Vec<String>,
    denials: Vec<String>,
    negations: Vec<String>,
    forecasts: Vec<String>,
    hedges: Vec<String>,
    report_verbs: Vec<String>,
    subset_markers: Vec<String>,
    subordinators: Vec<String>,
    embedding_words: Vec<String>,
    background_markers: Vec<String>,
    background_events: Vec<String>,
    protest_violence: Vec<String>,
    agent_relatives: Vec<String>,
    realized: Vec<String>,
    past_periods: Vec<String>,
    unverified: Vec<String>,
    alternative_accounts: Vec<String>,
    natural_causes: Vec<String>,
    share_cues: Vec<String>,
    share_nouns: Vec<String>,
    share_units: Vec<String>,
    object_frames: Vec<String>,
    corpse_frames: Vec<String>,
    kin_frames: Vec<String>,
    corpse_discoveries: Vec<String>,
    grievance_openers: Vec<String>,
    grievance_deaths: Vec<String>,
    victim_metrics: Vec<String>,
    life_takers: Vec<String>,
    relatives: Vec<String>,
    clause_breaks: Vec<String>,
}

#[derive(Deserialize)]
struct SourcesFile {
    speech_verbs: Vec<String>,
    accusation_verbs: Vec<String>,
    according: Vec<String>,
    citing: Vec<String>,
    briefed_by: Vec<String>,
    headline_marks: Vec<String>,
    titles: Vec<String>,
    organisation_words: Vec<String>,
    affiliation_roles: Vec<String>,
    group_sources: Vec<String>,
    named_group_sources: Vec<String>,
    controlling_words: Vec<String>,
    place_owner_references: Vec<String>,
    indefinite_sources: Vec<String>,
    listener_verbs: Vec<String>,
    person_speech_verbs: Vec<String>,
    times_before_verb: Vec<String>,
    person_references: Vec<String>,
    organisation_references: Vec<String>,
    self_naming_references: Vec<String>,
    reference_modifiers: Vec<String>,
    source_documents: Vec<String>,
}

#[derive(Deserialize)]
struct WordsFile {
    abbreviations: Vec<String>,
    months: HashMap<String, u32>,
    weekdays: HashMap<String, u32>,
    relative_days: HashMap<String, i64>,
    days_ago: HashMap<String, i64>,
    lists: WordLists,
    places: PlaceWords,
    header: HeaderWords,
    groups: GroupWords,
    units: UnitLists,
}

#[derive(Deserialize)]
struct PlaceWords {
    locative: Vec<String>,
    not_location: Vec<String>,
    region_words: Vec<String>,
    place_modifiers: Vec<String>,
    feature_words: Vec<String>,
}

#[derive(Deserialize)]
struct HeaderWords {
    date_labels: Vec<String>,
}

#[derive(Deserialize)]
struct GroupWords {
    generic_heads: Vec<String>,
    collective_heads: Vec<String>,
}

#[derive(Deserialize)]
struct WordLists {
    period_starts: Vec<String>,
    function_words: Vec<String>,
    counted_nouns: Vec<String>,
    non_casualty_nouns: Vec<String>,
    material_nouns: Vec<String>,
    attributive_hedges: Vec<String>,
    age_words: Vec<String>,
    age_markers: Vec<String>,
    identifier_words: Vec<String>,
    era_markers: Vec<String>,
    street_words: Vec<String>,
    change_verbs: Vec<String>,
    time_words: Vec<String>,
    demonyms: Vec<String>,
}

#[derive(Deserialize)]
struct UnitLists {
    percent: Vec<String>,
    currency: Vec<String>,
    currency_symbols: Vec<String>,
    currency_codes: Vec<String>,
    display_resolutions: Vec<String>,
    measure: Vec<String>,
    time: Vec<String>,
}

fn set_of(words: Vec<String>) -> PhraseSet<()> {
    PhraseSet::new(words.into_iter().map(|w| (w, ())))
}

/// Singular forms of plural nouns: "soldiers" gives "soldier", "policemen" "policeman".
fn singulars(plurals: &[String]) -> Vec<String> {
    plurals
        .iter()
        .filter_map(|p| {
            if let Some(stem) = p.strip_suffix("men") {
                Some(format!("{stem}man"))
            } else if let Some(stem) = p.strip_suffix("ives").filter(|s| s.len() <= 2) {
                // "wives", "knives" (not "relatives", "captives")
                Some(format!("{stem}ife"))
            } else if let Some(stem) = p.strip_suffix("eves") {
                // "thieves"
                Some(format!("{stem}ef"))
            } else if let Some(stem) = p.strip_suffix("ren") {
                // "children"
                Some(stem.to_string())
            } else if p.ends_with("ches") || p.ends_with("shes") {
                // "sarpanches"
                Some(p[..p.len() - 2].to_string())
            } else if let Some(stem) = p.strip_suffix("ies") {
                // "deputies", "secretaries"
                Some(format!("{stem}y"))
            } else {
                p.strip_suffix('s')
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
            }
        })
        .collect()
}

fn hash_of(words: Vec<String>) -> WordSet {
    words.into_iter().collect()
}

/// The names of the metrics (spec v1's list), read from `metrics.toml` alone: cheaper than
/// building the whole lexicon, for commands that only check a user's `--metric`.
///
/// ```
/// let names = sitrep_core::lexicon::metric_names();
/// assert!(names.iter().any(|m| m == "killed") && names.iter().any(|m| m == "intercepted"));
/// ```
pub fn metric_names() -> Vec<String> {
    let table: toml::Table = parse("metrics.toml", include_str!("../data/metrics.toml"));
    table.keys().cloned().collect()
}

fn parse<T: for<'de> Deserialize<'de>>(name: &str, text: &str) -> T {
    // The data files are built into the binary and covered by tests: a parse error is a bug.
    toml::from_str(text).unwrap_or_else(|e| panic!("built-in lexicon {name} is malformed: {e}"))
}

impl Lexicon {
    /// The lexicon built from the data files compiled into this crate, loaded once.
    pub fn builtin() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(Lexicon::load)
    }

    fn load() -> Lexicon {
        let mut lex = Self::read();
        lex.register_phrase_sets();
        lex
    }

    fn read() -> Lexicon {
        let numbers: NumbersFile = parse("numbers.toml", include_str!("../data/numbers.toml"));
        let qualifiers: QualifiersFile =
            parse("qualifiers.toml", include_str!("../data/qualifiers.toml"));
        let metric_table: toml::Table = parse("metrics.toml", include_str!("../data/metrics.toml"));
        let cues: CuesFile = parse("cues.toml", include_str!("../data/cues.toml"));
        let sources: SourcesFile = parse("sources.toml", include_str!("../data/sources.toml"));
        let words: WordsFile = parse("words.toml", include_str!("../data/words.toml"));

        let mut before = qualifiers.before;
        before.insert("exact".into(), qualifiers.equal.phrases);
        let qualifiers_before = before;
        let qualifier_set = |map: HashMap<String, Vec<String>>| {
            let mut set = PhraseSet::default();
            for (name, phrases) in map {
                let q = Qualifier::from_name(&name)
                    .unwrap_or_else(|| panic!("qualifiers.toml: unknown qualifier {name}"));
                for p in phrases {
                    set.insert(&p, q);
                }
            }
            set
        };

        let mut metrics = Vec::new();
        let mut metric_counts_people = Vec::new();
        let mut whole_names = Vec::new();
        let mut metric_after = PhraseSet::default();
        let mut metric_before = PhraseSet::default();
        let mut metric_toll = PhraseSet::default();
        let mut frames: std::collections::BTreeMap<String, Vec<(usize, Vec<String>)>> =
            Default::default();
        // toml::Table keeps keys sorted; the order only matters for stable indexes.
        for (name, value) in metric_table {
            let entry: MetricEntry = value
                .try_into()
                .unwrap_or_else(|e| panic!("metrics.toml: [{name}] is malformed: {e}"));
            let metric = metrics.len();
            metrics.push(name);
            metric_counts_people.push(entry.people);
            whole_names.push(entry.whole.clone());
            for p in &entry.after {
                let form = if entry.finite.contains(p) {
                    CueForm::Finite
                } else if entry.noun.contains(p) {
                    CueForm::Noun
                } else {
                    CueForm::Participle
                };
                metric_after.insert(p, MetricCue { metric, form });
            }
            for p in &entry.before {
                metric_before.insert(p, metric);
            }
            for p in &entry.toll {
                metric_toll.insert(p, metric);
            }
            for f in &entry.framed {
                let (verb, rest) = f.split_once("...").unwrap_or_else(|| {
                    panic!(
                        "metrics.toml: [{}] frame {f:?} has no \"...\"",
                        metrics[metric]
                    )
                });
                let rest = Tokens::new(rest);
                let words = (0..rest.len()).map(|k| rest.lower(k).to_string()).collect();
                frames
                    .entry(verb.trim().to_string())
                    .or_default()
                    .push((metric, words));
            }
        }
        let metric_framed = PhraseSet::new(frames);
        let metric_whole: Vec<Option<usize>> = whole_names
            .iter()
            .map(|name| {
                name.as_ref().map(|n| {
                    metrics
                        .iter()
                        .position(|m| m == n)
                        .unwrap_or_else(|| panic!("metrics.toml: whole = {n:?} names no metric"))
                })
            })
            .collect();

        let number_word_list: Vec<String> = [
            &numbers.ones,
            &numbers.tens,
            &numbers.scales,
            &numbers.groups,
        ]
        .into_iter()
        .flat_map(|m| m.keys().cloned())
        .chain(["a".to_string(), "an".to_string()])
        .collect();
        let number_words = set_of(number_word_list.clone());
        let vague_firsts = numbers.vague.iter().filter_map(|v| {
            let t = Tokens::new(&v.phrase);
            (!t.is_empty()).then(|| t.lower(0).to_string())
        });
        let amount_starts = set_of(
            number_word_list
                .into_iter()
                .chain(numbers.fractions.keys().cloned())
                .chain(vague_firsts)
                .chain(numbers.implicit_starts.iter().cloned())
                .collect(),
        );
        let mut references = PhraseSet::default();
        for p in sources.person_references {
            references.insert(&p, Reference::Person);
        }
        for p in sources.organisation_references {
            references.insert(&p, Reference::Organisation);
        }

        let mut units = PhraseSet::default();
        for (kind, list) in [
            (QuantityKind::Percent, words.units.percent),
            (QuantityKind::Currency, words.units.currency),
            (QuantityKind::Measure, words.units.measure),
            (QuantityKind::Time, words.units.time),
        ] {
            for p in list {
                units.insert(&p, kind);
            }
        }

        Lexicon {
            ones: numbers.ones,
            tens: numbers.tens,
            scales: numbers.scales,
            suffix_scales: numbers.suffix_scales,
            metre_words: hash_of(numbers.metre_words),
            size_words: hash_of(numbers.size_words),
            fractions: numbers.fractions,
            period_halves: hash_of(numbers.period_halves),
            ordinal_followers: hash_of(numbers.ordinal_followers),
            possessive_object_metrics: hash_of(numbers.possessive_object_metrics),
            definite_object_metrics: hash_of(numbers.definite_object_metrics),
            groups: numbers.groups,
            vague: PhraseSet::new(numbers.vague.into_iter().map(|v| (v.phrase, v.vague))),
            qualifiers_before: qualifier_set(qualifiers_before),
            particle_over: hash_of(qualifiers.particle_over.phrases),
            qualifiers_after: qualifier_set(qualifiers.after),
            inclusive: set_of(qualifiers.inclusive.phrases),
            metrics,
            metric_counts_people,
            metric_whole,
            metric_after,
            metric_before,
            metric_framed,
            metric_toll,
            auxiliaries: set_of(cues.auxiliaries),
            adverbs: set_of(cues.adverbs),
            toll_links: hash_of(cues.toll_links),
            bare_totals: hash_of(cues.bare_totals),
            toll_phrase_openers: set_of(cues.toll_phrase_openers),
            toll_phrase_links: hash_of(cues.toll_phrase_links),
            denials: set_of(cues.denials),
            negations: set_of(cues.negations),
            forecasts: set_of(cues.forecasts),
            hedges: set_of(cues.hedges),
            report_verbs: set_of(cues.report_verbs),
            subset_markers: set_of(cues.subset_markers),
            subordinators: set_of(cues.subordinators),
            background_markers: set_of(cues.background_markers),
            background_events: set_of(cues.background_events),
            protest_violence: set_of(cues.protest_violence),
            agent_relatives: hash_of(cues.agent_relatives),
            realized: set_of(cues.realized),
            past_periods: set_of(cues.past_periods),
            unverified: set_of(cues.unverified),
            alternative_accounts: set_of(cues.alternative_accounts),
            natural_causes: set_of(cues.natural_causes),
            share_cues: set_of(cues.share_cues),
            share_nouns: hash_of(cues.share_nouns),
            share_units: hash_of(cues.share_units),
            object_frames: set_of(cues.object_frames),
            corpse_frames: set_of(cues.corpse_frames),
            kin_frames: set_of(cues.kin_frames),
            corpse_discoveries: set_of(cues.corpse_discoveries),
            grievance_openers: set_of(cues.grievance_openers),
            grievance_deaths: hash_of(cues.grievance_deaths),
            victim_metrics: hash_of(cues.victim_metrics),
            life_takers: hash_of(cues.life_takers),
            relatives: set_of(cues.relatives),
            clause_breaks: set_of(cues.clause_breaks),
            speech_verbs: set_of(sources.speech_verbs),
            accusation_verbs: set_of(sources.accusation_verbs),
            according: set_of(sources.according),
            citing: set_of(sources.citing),
            briefed_by: set_of(sources.briefed_by),
            headline_marks: set_of(sources.headline_marks),
            titles: set_of(sources.titles),
            organisation_words: set_of(sources.organisation_words),
            references,
            self_naming_references: hash_of(sources.self_naming_references),
            group_sources: set_of(sources.group_sources),
            named_group_sources: set_of(sources.named_group_sources),
            controlling_words: hash_of(sources.controlling_words),
            place_owner_references: hash_of(sources.place_owner_references),
            indefinite_sources: set_of(sources.indefinite_sources),
            listener_verbs: hash_of(sources.listener_verbs),
            person_speech_verbs: hash_of(sources.person_speech_verbs),
            times_before_verb: set_of(sources.times_before_verb),
            reference_modifiers: hash_of(sources.reference_modifiers),
            source_documents: set_of(sources.source_documents),
            abbreviations: hash_of(words.abbreviations),
            months: PhraseSet::new(words.months),
            weekdays: PhraseSet::new(words.weekdays),
            relative_days: PhraseSet::new(words.relative_days),
            days_ago: words.days_ago.into_iter().collect(),
            number_words,
            amount_starts,
            function_words: hash_of(words.lists.function_words),
            period_starts: hash_of(words.lists.period_starts),
            counted_singulars: singulars(&words.lists.counted_nouns)
                .into_iter()
                .filter(|w| !words.groups.collective_heads.contains(w))
                .collect(),
            collective_heads: hash_of(words.groups.collective_heads.clone()),
            counted_nouns: hash_of(words.lists.counted_nouns),
            non_casualty_nouns: hash_of(words.lists.non_casualty_nouns),
            material_nouns: hash_of(words.lists.material_nouns),
            attributive_hedges: hash_of(words.lists.attributive_hedges),
            age_words: set_of(words.lists.age_words),
            age_markers: hash_of(words.lists.age_markers),
            identifier_words: hash_of(words.lists.identifier_words),
            era_markers: hash_of(words.lists.era_markers),
            street_words: hash_of(words.lists.street_words),
            change_verbs: set_of(words.lists.change_verbs),
            time_words: set_of(words.lists.time_words),
            demonyms: set_of(words.lists.demonyms),
            units,
            currency_symbols: set_of(words.units.currency_symbols),
            currency_codes: hash_of(words.units.currency_codes),
            display_resolutions: hash_of(words.units.display_resolutions),
            gazetteer: Gazetteer::builtin(words.places.feature_words),
            locative: hash_of(words.places.locative),
            not_location: hash_of(words.places.not_location),
            region_words: hash_of(words.places.region_words),
            place_modifiers: hash_of(words.places.place_modifiers),
            date_labels: hash_of(words.header.date_labels),
            generic_heads: hash_of(words.groups.generic_heads),
            affiliation_roles: hash_of(sources.affiliation_roles),
            embedding_words: hash_of(cues.embedding_words),
            word_masks: WordMasks::default(),
            stop_shift: 0,
        }
    }

    /// Gives every phrase set a bit and builds the word masks tokens are classified with.
    fn register_phrase_sets(&mut self) {
        // The gazetteer's names bring most of the words: room for them up front, not a rehash
        // of the table at each doubling.
        let mut masks =
            HashMap::with_capacity_and_hasher(self.gazetteer.names_mut().len(), Default::default());
        let mut bit = 0;
        let mut add = |set: &mut dyn Registered| {
            set.register_as(bit, &mut masks);
            bit += 1;
        };
        add(&mut self.vague);
        add(&mut self.qualifiers_before);
        add(&mut self.qualifiers_after);
        add(&mut self.inclusive);
        add(&mut self.metric_after);
        add(&mut self.metric_before);
        add(&mut self.metric_framed);
        add(&mut self.metric_toll);
        add(&mut self.auxiliaries);
        add(&mut self.adverbs);
        add(&mut self.denials);
        add(&mut self.negations);
        add(&mut self.forecasts);
        add(&mut self.hedges);
        add(&mut self.report_verbs);
        add(&mut self.subset_markers);
        add(&mut self.subordinators);
        add(&mut self.background_markers);
        add(&mut self.background_events);
        add(&mut self.protest_violence);
        add(&mut self.realized);
        add(&mut self.unverified);
        add(&mut self.alternative_accounts);
        add(&mut self.natural_causes);
        add(&mut self.share_cues);
        add(&mut self.past_periods);
        add(&mut self.change_verbs);
        add(&mut self.toll_phrase_openers);
        add(&mut self.object_frames);
        add(&mut self.corpse_frames);
        add(&mut self.kin_frames);
        add(&mut self.source_documents);
        add(&mut self.grievance_openers);
        add(&mut self.corpse_discoveries);
        add(&mut self.relatives);
        add(&mut self.clause_breaks);
        add(&mut self.speech_verbs);
        add(&mut self.accusation_verbs);
        add(&mut self.according);
        add(&mut self.citing);
        add(&mut self.briefed_by);
        add(&mut self.titles);
        add(&mut self.organisation_words);
        add(&mut self.references);
        add(&mut self.group_sources);
        add(&mut self.named_group_sources);
        add(&mut self.indefinite_sources);
        add(&mut self.months);
        add(&mut self.weekdays);
        add(&mut self.relative_days);
        add(&mut self.number_words);
        add(&mut self.amount_starts);
        add(&mut self.age_words);
        add(&mut self.time_words);
        add(&mut self.demonyms);
        add(&mut self.units);
        add(&mut self.currency_symbols);
        add(self.gazetteer.names_mut());
        self.gazetteer.register_countries(bit, &mut masks);
        bit += 1;
        // Unions of sets that a scan looks for together, a bit each, so that the scan's stops
        // are found with one shift instead of a test per union.
        let unions = crate::stages::stops::unions(self);
        assert!(
            bit as usize + unions.len() <= 64,
            "more phrase sets than mask bits"
        );
        for (first, _) in masks.values_mut() {
            for (k, union) in unions.iter().enumerate() {
                if *first & union != 0 {
                    *first |= 1 << (bit as usize + k);
                }
            }
        }
        self.stop_shift = bit;
        self.word_masks = WordMasks::new(masks);
    }

    /// Whether a word is a counted noun, plural or singular.
    ///
    /// ```
    /// use sitrep_core::lexicon::Lexicon;
    /// let lex = Lexicon::builtin();
    /// assert!(lex.is_counted("soldiers") && lex.is_counted("soldier"));
    /// assert!(!lex.is_counted("attack"));
    /// ```
    pub fn is_counted(&self, w: &str) -> bool {
        self.counted_nouns.contains(w) || self.counted_singulars.contains(w)
    }

    /// The index of a metric by name.
    pub fn metric_index(&self, name: &str) -> Option<usize> {
        self.metrics.iter().position(|m| m == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_words_are_split_as_the_tokenizer_splits_them() {
        let gazetteer = include_str!("../data/gazetteer.tsv");
        let names = gazetteer
            .lines()
            .filter_map(|l| l.split('\t').next())
            .chain(["New York", "al Qaim", "Kryvyi Rih", "Zaporizhzhia"]);
        let mut plain = 0;
        for name in names.filter(|n| super::plain_words(n)) {
            plain += 1;
            let t = Tokens::new(name);
            let ours: Vec<(u64, String)> = name
                .split(' ')
                .map(|w| {
                    let lower = w.to_ascii_lowercase();
                    (crate::stages::tokens::word_hash(&lower), lower)
                })
                .collect();
            let theirs: Vec<(u64, String)> = (0..t.len())
                .map(|i| (t.list[i].hash, t.lower(i).to_string()))
                .collect();
            assert_eq!(ours, theirs, "{name}");
        }
        assert!(plain > 10_000, "{plain} plain names");
        for odd in [
            "",
            " Kyiv",
            "Kyiv ",
            "New  York",
            "Kryvyi Rih's",
            "St. Petersburg",
        ] {
            assert!(!super::plain_words(odd), "{odd:?}");
        }
    }

    #[test]
    fn builtin_lexicons_load() {
        let lex = Lexicon::builtin();
        assert_eq!(lex.metrics.len(), 15);
        assert_eq!(lex.ones["three"], 3.0);
        let t = Tokens::new("more than 1,000");
        assert_eq!(
            lex.qualifiers_before.longest_ending_at(&t, 2, 0),
            Some((2, &Qualifier::MoreThan))
        );
    }

    #[test]
    fn every_spec_metric_has_cues() {
        let lex = Lexicon::builtin();
        for m in [
            "killed",
            "wounded",
            "casualties",
            "missing",
            "captured",
            "surrendered",
            "deployed",
            "arrested",
            "kidnapped",
            "displaced",
            "evacuated",
            "destroyed",
            "damaged",
            "launched",
            "intercepted",
        ] {
            assert!(lex.metric_index(m).is_some(), "no cues for {m}");
        }
    }
}
