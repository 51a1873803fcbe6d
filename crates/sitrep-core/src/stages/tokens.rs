//! Stage 1a: tokens. Words, numbers and punctuation with byte offsets into the text.
//!
//! Hyphens are tokens of their own; stages that care whether two tokens touch ("twenty-five",
//! "12-year-old", "Su-34") look at the offsets. A possessive "'s" is split off its word so that
//! "Russia's" yields the place "Russia".

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (and digits after a letter: "G7"), with inner apostrophes and dotted initials ("U.S.").
    Word,
    /// Digits with thousands separators and a decimal part: "11,000", "1.2".
    Number,
    /// Any other single character.
    Punct,
}

/// One token: a kind, a byte span and how many line breaks stand before it.
///
/// Offsets are `u32`: the pipeline tokenizes a document in windows of a few megabytes, and a
/// token of 48 bytes rather than 56 leaves less memory to read for the stages that walk every
/// token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub start: u32,
    pub end: u32,
    /// Line breaks in the white space before the token (0, 1, or 2 for a blank line or more).
    pub breaks: u8,
    /// Whether the first character is upper-case.
    pub capitalized: bool,
    /// Whether a later character is upper-case ("iPhone", "McDonald"): a name.
    pub inner_capital: bool,
    lower: (u32, u32),
    /// A hash of the lower-cased form, so lexicon look-ups need not hash the word again.
    pub hash: u64,
    /// Which lexicon phrase sets have a phrase that starts (`first`) or ends (`last`) with this
    /// word, one bit per set; all bits set until [`Tokens::classify`] runs.
    pub first: u64,
    pub last: u64,
}

// The stages walk the token list again and again: its size is worth guarding.
const _: () = assert!(std::mem::size_of::<Token>() == 48);

/// The tokens of a text, with their lower-cased forms kept in one buffer.
///
/// The buffer starts as the whole text lower-cased at once (ASCII letters only, which keeps the
/// byte offsets), so most tokens' lower-cased form sits at the token's own offsets; a token whose
/// lower case differs beyond ASCII ("Київ", a curly apostrophe) has its form appended after it.
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    pub list: Vec<Token>,
    lowered: String,
}

impl Tokens {
    /// Splits `text` into tokens.
    ///
    /// ```
    /// use sitrep_core::stages::tokens::Tokens;
    /// let t = Tokens::new("At least 1,000 were killed in Russia's Kursk.");
    /// let words: Vec<&str> = (0..t.len()).map(|i| t.lower(i)).collect();
    /// assert_eq!(words, ["at", "least", "1,000", "were", "killed", "in", "russia", "'s", "kursk", "."]);
    /// ```
    pub fn new(text: &str) -> Tokens {
        assert!(
            u32::try_from(text.len()).is_ok(),
            "a text to tokenize is at most 4 GiB; the pipeline gives it windows"
        );
        let mut tokens = Tokens {
            list: Vec::with_capacity(text.len() / 4),
            lowered: text.to_ascii_lowercase(),
        };
        let bytes = text.as_bytes();
        let mut pos = 0;
        let mut breaks: u8 = 0;
        while pos < bytes.len() {
            let b = bytes[pos];
            // ASCII is decided on the byte's class: white space, a run of letters, a mark.
            let class = BYTE_CLASS[b as usize];
            if class & SPACE != 0 {
                if b == b'\n' {
                    breaks = breaks.saturating_add(1).min(2);
                }
                pos += 1;
                continue;
            }
            if class & LETTER != 0 {
                // The run of ASCII letters is found eight bytes at a time, with any capital
                // after the first; a run that ends in an apostrophe, a full stop or a non-ASCII
                // character goes to the full scan.
                let (mut k, inner_capital) = letter_run(bytes, pos);
                let plain = k == bytes.len()
                    || (bytes[k] < 0x80 && bytes[k] != b'\'' && bytes[k] != b'.')
                    || (k > pos + 1 && bytes[k] == b'.');
                if plain {
                    // The whole text was lower-cased up front: the word's form is in place.
                    let hash = hash_span(tokens.lowered.as_bytes(), pos, k);
                    tokens.push_ascii(TokenKind::Word, pos, k, breaks, inner_capital, b, hash);
                } else {
                    let end = scan_word(text, pos);
                    tokens.push(TokenKind::Word, pos, end, breaks, text);
                    k = end;
                }
                breaks = 0;
                pos = k;
                continue;
            }
            // A full stop is a mark too, unless it starts a number (".001 per cent").
            let number_stop = b == b'.'
                && bytes.get(pos + 1).is_some_and(u8::is_ascii_digit)
                && (pos == 0 || !bytes[pos - 1].is_ascii_alphanumeric());
            if class & MARK != 0 || (b == b'.' && !number_stop) {
                let hash = hash_span(bytes, pos, pos + 1);
                tokens.push_ascii(TokenKind::Punct, pos, pos + 1, breaks, false, b, hash);
                breaks = 0;
                pos += 1;
                continue;
            }
            if b.is_ascii_digit() || number_stop {
                let end = scan_number(bytes, if number_stop { pos + 1 } else { pos });
                let hash = word_hash(&text[pos..end]);
                tokens.push_ascii(TokenKind::Number, pos, end, breaks, false, b, hash);
                breaks = 0;
                pos = end;
                continue;
            }
            // Apostrophes, control characters and anything beyond ASCII decode one character.
            let c = if b < 0x80 {
                b as char
            } else {
                text[pos..].chars().next().unwrap_or('\u{fffd}')
            };
            if !is_typographic_mark(c) && c.is_whitespace() {
                if c == '\n' {
                    breaks = breaks.saturating_add(1).min(2);
                }
                pos += c.len_utf8();
                continue;
            }
            let start = pos;
            let (kind, end) = if is_apostrophe(c) && next_is_possessive(text, start + c.len_utf8())
            {
                (TokenKind::Word, start + c.len_utf8() + 1)
            } else if !is_typographic_mark(c) && c.is_alphabetic() {
                // Dashes, quotes and the like need no look-up: they are no letters.
                (TokenKind::Word, scan_word(text, start))
            } else {
                (TokenKind::Punct, start + c.len_utf8())
            };
            tokens.push(kind, start, end, breaks, text);
            breaks = 0;
            pos = end;
        }
        tokens
    }

    /// Pushes a token whose lower-cased form sits at its own offsets: ASCII throughout, or a
    /// mark without case; `first` is its first byte (a capital or not) and `hash` its
    /// [`word_hash`].
    #[inline(always)]
    #[allow(clippy::too_many_arguments)]
    fn push_ascii(
        &mut self,
        kind: TokenKind,
        start: usize,
        end: usize,
        breaks: u8,
        inner_capital: bool,
        first: u8,
        hash: u64,
    ) {
        self.list.push(Token {
            kind,
            start: start as u32,
            end: end as u32,
            breaks,
            capitalized: first.is_ascii_uppercase(),
            inner_capital,
            lower: (start as u32, end as u32),
            hash,
            first: u64::MAX,
            last: u64::MAX,
        });
    }

    #[inline]
    fn push(&mut self, kind: TokenKind, start: usize, end: usize, breaks: u8, text: &str) {
        let bytes = &text.as_bytes()[start..end];
        if bytes.is_ascii() {
            let inner_capital = bytes[1..].iter().any(u8::is_ascii_uppercase);
            let hash = word_hash(&self.lowered[start..end]);
            self.push_ascii(kind, start, end, breaks, inner_capital, bytes[0], hash);
        } else {
            self.push_unicode(kind, start, end, breaks, text);
        }
    }

    /// Pushes a token with characters beyond ASCII, whose lower case may differ in length.
    #[inline(never)]
    fn push_unicode(&mut self, kind: TokenKind, start: usize, end: usize, breaks: u8, text: &str) {
        let surface = &text[start..end];
        // A mark (a curly quote, a dash) has no case: its form is its own, but for the curly
        // apostrophes, which fold to the straight one below.
        if kind == TokenKind::Punct && !matches!(surface, "\u{2019}" | "\u{2018}") {
            let hash = hash_span(self.lowered.as_bytes(), start, end);
            self.push_ascii(kind, start, end, breaks, false, b' ', hash);
            return;
        }
        let capitalized = surface.chars().next().is_some_and(char::is_uppercase);
        let inner_capital = surface.chars().skip(1).any(char::is_uppercase);
        // Curly apostrophes fold to the straight one so lexicons need one spelling.
        let folded = surface.chars().flat_map(|c| {
            let c = if c == '\u{2019}' || c == '\u{2018}' {
                '\''
            } else {
                c
            };
            c.to_lowercase()
        });
        let lower = if folded.clone().eq(self.lowered[start..end].chars()) {
            (start as u32, end as u32)
        } else {
            let from = self.lowered.len() as u32;
            self.lowered.extend(folded);
            (from, self.lowered.len() as u32)
        };
        let hash = word_hash(&self.lowered[lower.0 as usize..lower.1 as usize]);
        self.list.push(Token {
            kind,
            start: start as u32,
            end: end as u32,
            breaks,
            capitalized,
            inner_capital,
            lower,
            hash,
            first: u64::MAX,
            last: u64::MAX,
        });
    }

    /// Marks each token with the lexicon phrase sets its word can start or end, so that most
    /// look-ups are a bit test.
    pub fn classify(&mut self, lex: &crate::lexicon::Lexicon) {
        for tok in &mut self.list {
            let (first, last) = lex.word_masks.get(tok.hash);
            tok.first = first;
            tok.last = last;
        }
    }

    /// The bytes that tokens `tokens` (not empty) cover: from the first one's start to the last
    /// one's end.
    ///
    /// ```
    /// use sitrep_core::stages::tokens::Tokens;
    /// let text = "At least 1,000 were killed";
    /// let t = Tokens::new(text);
    /// assert_eq!(&text[t.byte_range(0..3)], "At least 1,000");
    /// ```
    pub fn byte_range(&self, tokens: std::ops::Range<usize>) -> std::ops::Range<usize> {
        self.list[tokens.start].start as usize..self.list[tokens.end - 1].end as usize
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The lower-cased form of token `i` (curly apostrophes folded to `'`).
    pub fn lower(&self, i: usize) -> &str {
        let (a, b) = self.list[i].lower;
        &self.lowered[a as usize..b as usize]
    }

    /// Whether token `i`'s lower-cased form is `word`, whose [`word_hash`] is `hash`: the
    /// hashes decide, and the bytes are compared only for words longer than eight bytes. A word
    /// of up to eight bytes is one zero-padded eight-byte step, which the hash maps one to one,
    /// so equal hashes and lengths make equal words.
    ///
    /// ```
    /// use sitrep_core::stages::tokens::{word_hash, Tokens};
    /// let t = Tokens::new("Killed in Kostiantynivka");
    /// assert!(t.is_word(0, word_hash("killed"), "killed"));
    /// assert!(!t.is_word(1, word_hash("killed"), "killed"));
    /// assert!(t.is_word(2, word_hash("kostiantynivka"), "kostiantynivka"));
    /// ```
    #[inline(always)]
    pub fn is_word(&self, i: usize, hash: u64, word: &str) -> bool {
        self.is_word_of_len(i, hash, word.len(), || word.as_bytes())
    }

    /// [`Tokens::is_word`] for a word of `len` bytes, which are asked for only when the hash
    /// and the length leave a doubt (a word longer than eight bytes).
    #[inline(always)]
    pub fn is_word_of_len<'w>(
        &self,
        i: usize,
        hash: u64,
        len: usize,
        word: impl FnOnce() -> &'w [u8],
    ) -> bool {
        let tok = &self.list[i];
        tok.hash == hash
            && (tok.lower.1 - tok.lower.0) as usize == len
            && (len <= 8 || self.lower(i).as_bytes() == word())
    }

    /// The text between token `i` and the next: "" where they touch, " " after a space.
    ///
    /// ```
    /// use sitrep_core::stages::tokens::Tokens;
    /// let t = Tokens::new("10 000 troops");
    /// assert_eq!(t.gap(0), " ");
    /// ```
    pub fn gap(&self, i: usize) -> &str {
        &self.lowered[self.list[i].end as usize..self.list[i + 1].start as usize]
    }

    /// Whether token `i` ends exactly where token `i + 1` starts.
    pub fn touches_next(&self, i: usize) -> bool {
        i + 1 < self.list.len() && self.list[i].end == self.list[i + 1].start
    }

    /// Whether token `k` is a hyphen glued to the token before it and to a word after it: the
    /// join of a compound ("third-party", "5-member", "four-door").
    ///
    /// ```
    /// use sitrep_core::stages::tokens::Tokens;
    /// let t = Tokens::new("a four-door car, 20 - 30");
    /// assert!(t.joins_compound(2));
    /// assert!(!t.joins_compound(7));
    /// ```
    pub fn joins_compound(&self, k: usize) -> bool {
        k > 0
            && self.lower(k) == "-"
            && self.touches_next(k - 1)
            && self.touches_next(k)
            && self.list[k + 1].kind == TokenKind::Word
    }
}

/// A set of token indices, a bit each: the tokens a scan stops at (see
/// [`crate::stages::stops`]). The scan jumps from one member to the next instead of testing
/// every token in turn.
///
/// ```
/// use sitrep_core::stages::tokens::TokenSet;
/// let mut set = TokenSet::default();
/// set.push_word(0b1001);
/// set.push_word(1 << 3);
/// assert_eq!(set.next_from(0), Some(0));
/// assert_eq!(set.next_from(1), Some(3));
/// assert_eq!(set.next_from(4), Some(67));
/// assert_eq!(set.next_from(68), None);
/// assert_eq!(TokenSet::every(3).next_from(2), Some(2));
/// assert_eq!(TokenSet::every(3).next_from(3), None);
/// ```
#[derive(Debug, Clone, Default)]
pub struct TokenSet {
    bits: Vec<u64>,
}

impl TokenSet {
    /// Every one of `n` tokens.
    pub fn every(n: usize) -> TokenSet {
        let mut bits = vec![u64::MAX; n.div_ceil(64)];
        if let (Some(last), 1..) = (bits.last_mut(), n % 64) {
            *last = (1 << (n % 64)) - 1;
        }
        TokenSet { bits }
    }

    /// An empty set with room for `words` words of 64 tokens.
    pub fn with_words(words: usize) -> TokenSet {
        TokenSet {
            bits: Vec::with_capacity(words),
        }
    }

    /// Adds the next 64 tokens, a bit each (token `64 * k + j` at bit `j` of the `k`-th word).
    #[inline]
    pub fn push_word(&mut self, bits: u64) {
        self.bits.push(bits);
    }

    /// The first member at or after token `i`.
    #[inline]
    pub fn next_from(&self, i: usize) -> Option<usize> {
        let mut word = i / 64;
        let mut bits = *self.bits.get(word)? & (u64::MAX << (i % 64));
        while bits == 0 {
            word += 1;
            bits = *self.bits.get(word)?;
        }
        Some(word * 64 + bits.trailing_zeros() as usize)
    }
}

/// The hash tokens and lexicon phrases share, of the lower-cased form: FxHash's step taken
/// eight bytes at a time, so that most words cost one multiplication. Words hold no NUL
/// byte, so the zero padding of the last eight leaves no two words alike.
///
/// ```
/// use sitrep_core::stages::tokens::{word_hash, Tokens};
/// assert_eq!(Tokens::new("Killed").list[0].hash, word_hash("killed"));
/// assert_ne!(word_hash("killed"), word_hash("killer"));
/// ```
pub fn word_hash(word: &str) -> u64 {
    hash_span(word.as_bytes(), 0, word.len())
}

const HASH_SEED: u64 = 0;

/// [`word_hash`] of `buf[start..end]`: each eight bytes read as one little-endian word, the
/// last one zero-padded (read whole and masked where the buffer runs on past `end`).
#[inline(always)]
fn hash_span(buf: &[u8], start: usize, end: usize) -> u64 {
    let mut hash = HASH_SEED;
    let mut at = start;
    while end - at >= 8 {
        hash = hash_step(hash, load_eight(&buf[at..at + 8]));
        at += 8;
    }
    if at < end {
        let n = end - at;
        let word = match buf.get(at..at + 8) {
            Some(eight) => load_eight(eight) & ((1u64 << (8 * n)) - 1),
            None => buf[at..end]
                .iter()
                .rev()
                .fold(0, |word, &b| word << 8 | u64::from(b)),
        };
        hash = hash_step(hash, word);
    }
    // A product's low bits depend only on its factors' low bits: folding the high half in
    // lets a word's last bytes reach the bits that hash tables index by.
    hash ^ (hash >> 32)
}

#[inline(always)]
fn load_eight(eight: &[u8]) -> u64 {
    u64::from_le_bytes(eight.try_into().expect("eight bytes"))
}

#[inline(always)]
fn hash_step(hash: u64, word: u64) -> u64 {
    (hash.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

/// The end of the run of ASCII letters that starts at `start`, and whether a letter after the
/// first is a capital. Eight bytes are tested at once: a byte is a letter when, with bit 5 set
/// (lower case), it lies in `a..=z`; a letter is a capital when its bit 5 is clear.
#[inline(always)]
fn letter_run(bytes: &[u8], start: usize) -> (usize, bool) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH_BITS: u64 = 0x80 * ONES;
    let mut k = start;
    let mut capitals = 0u64;
    // The first letter's case makes no inner capital.
    let mut after_first = !0xff;
    while let Some(eight) = bytes.get(k..k + 8) {
        let chunk = load_eight(eight);
        let folded = (chunk | (0x20 * ONES)) & (0x7f * ONES);
        // High bit set where the folded byte is at least 'a', and where it is past 'z'; no
        // byte carries into the next (0x7f + 0x1f < 0x100).
        let from_a = folded + (0x80 - u64::from(b'a')) * ONES;
        let past_z = folded + (0x80 - u64::from(b'z') - 1) * ONES;
        let letters = from_a & !past_z & !chunk & HIGH_BITS;
        let stop = !letters & HIGH_BITS;
        // Every bit up to the first non-letter's high bit (all of them when there is none).
        let in_run = stop ^ stop.wrapping_sub(1);
        // Bit 5 moved to bit 7 of the same byte: set for a capital.
        capitals |= letters & !(chunk << 2) & in_run & after_first;
        after_first = u64::MAX;
        let run = stop.trailing_zeros() / 8;
        k += run as usize;
        if run < 8 {
            return (k, capitals != 0);
        }
    }
    let mut inner_capital = capitals != 0;
    if k == start {
        k += 1;
    }
    while k < bytes.len() && BYTE_CLASS[bytes[k] as usize] & LETTER != 0 {
        inner_capital |= bytes[k].is_ascii_uppercase();
        k += 1;
    }
    (k, inner_capital)
}

/// Byte classes of ASCII, for the tokenizer's fast paths.
const SPACE: u8 = 1;
const LETTER: u8 = 2;
/// A punctuation mark that is always a token of its own (not a full stop or an apostrophe,
/// which may belong to a word or a number).
const MARK: u8 = 4;

static BYTE_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if matches!(c, b' ' | b'\t' | b'\r' | b'\n' | 0x0b | 0x0c) {
            SPACE
        } else if c.is_ascii_alphabetic() {
            LETTER
        } else if c.is_ascii_graphic() && !c.is_ascii_digit() && c != b'.' && c != b'\'' {
            MARK
        } else {
            0
        };
        b += 1;
    }
    table
};

/// The marks of Unicode's General Punctuation block that are neither white space nor letters:
/// dashes, quotation marks, bullets, the ellipsis, primes, the fraction slash.
fn is_typographic_mark(c: char) -> bool {
    matches!(c, '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}')
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Whether an apostrophe at this point begins a possessive "'s" that ends there.
fn next_is_possessive(text: &str, after: usize) -> bool {
    let rest = &text[after..];
    let mut it = rest.chars();
    matches!(it.next(), Some('s') | Some('S')) && !it.next().is_some_and(char::is_alphanumeric)
}

fn scan_word(text: &str, start: usize) -> usize {
    // Fast path: a run of ASCII letters and digits ended by an ASCII character that is neither
    // an apostrophe nor a full stop needs no further look.
    let bytes = text.as_bytes();
    let mut k = start;
    while k < bytes.len() && bytes[k].is_ascii_alphabetic() {
        k += 1;
    }
    // Digits after letters are a token of their own ("US$55", "EUR50m", "S23"): stages that
    // care see that the two touch.
    if k > start && (k == bytes.len() || (bytes[k] < 0x80 && bytes[k] != b'\'' && bytes[k] != b'.'))
    {
        return k;
    }
    // A full stop after two letters or more ends the word: only single letters start initials.
    if k > start + 1 && bytes[k] == b'.' {
        return k;
    }
    // The ASCII letters before `k` are the word's already: the full scan goes on from there.
    let mut end = k;
    let mut it = text[k..].char_indices().peekable();
    while let Some((off, c)) = it.next() {
        let at = k + off;
        if c.is_alphabetic() {
            end = at + c.len_utf8();
        } else if is_apostrophe(c) {
            // Inner apostrophe ("don't", "o'clock"), but not a possessive "'s" at the end.
            let after = at + c.len_utf8();
            if next_is_possessive(text, after) {
                break;
            }
            match it.peek() {
                Some(&(_, n)) if n.is_alphabetic() => end = after,
                _ => break,
            }
        } else if c == '.'
            && text[start..end].chars().count() == 1
            && followed_by_stop(text, at + 1)
        {
            // Dotted initials: "U.S.", "a.m.": single letters, each followed by a stop.
            end = scan_initials(text, start);
            break;
        } else {
            break;
        }
    }
    end
}

/// Whether the letter at `at` is a single letter followed by a full stop.
fn followed_by_stop(text: &str, at: usize) -> bool {
    let mut it = text[at..].chars();
    it.next().is_some_and(char::is_alphabetic) && it.next() == Some('.')
}

/// Scans "U.S." or "a.m.": single letters each followed by a stop.
fn scan_initials(text: &str, start: usize) -> usize {
    let mut end = start;
    let mut it = text[start..].char_indices();
    loop {
        match (it.next(), it.next()) {
            (Some((_, l)), Some((o, '.'))) if l.is_alphabetic() => {
                end = start + o + 1;
                // Stop unless another "X." follows directly.
                if !followed_by_stop(text, end) {
                    return end;
                }
            }
            _ => return end,
        }
    }
}

fn scan_number(bytes: &[u8], start: usize) -> usize {
    let digits_from = |mut i: usize| {
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        i
    };
    let mut end = digits_from(start);
    loop {
        let sep = bytes.get(end).copied();
        match sep {
            Some(b',') => {
                let group_end = digits_from(end + 1);
                if group_end - (end + 1) == 3 {
                    end = group_end;
                } else {
                    break;
                }
            }
            Some(b'.') if bytes.get(end + 1).is_some_and(u8::is_ascii_digit) => {
                end = digits_from(end + 1);
            }
            _ => break,
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lowers(text: &str) -> Vec<String> {
        let t = Tokens::new(text);
        (0..t.len()).map(|i| t.lower(i).to_string()).collect()
    }

    #[test]
    fn separators_and_decimals_stay_in_the_number() {
        assert_eq!(
            lowers("11,000 and 1.2 million"),
            ["11,000", "and", "1.2", "million"]
        );
        assert_eq!(lowers("1,00"), ["1", ",", "00"]);
    }

    #[test]
    fn hyphens_and_colons_are_tokens() {
        assert_eq!(
            lowers("twenty-five 15:30"),
            ["twenty", "-", "five", "15", ":", "30"]
        );
    }

    #[test]
    fn possessives_split_and_curly_apostrophes_fold() {
        assert_eq!(lowers("Russia’s border"), ["russia", "'s", "border"]);
        assert_eq!(lowers("don't"), ["don't"]);
    }

    #[test]
    fn dotted_initials_are_one_word() {
        assert_eq!(lowers("the U.S. said"), ["the", "u.s.", "said"]);
        assert_eq!(lowers("3 p.m. today"), ["3", "p.m.", "today"]);
        assert_eq!(lowers("Rep. Lee"), ["rep", ".", "lee"]);
    }

    #[test]
    fn line_breaks_are_counted() {
        let t = Tokens::new("a\nb\n\n\nc");
        let breaks: Vec<u8> = t.list.iter().map(|t| t.breaks).collect();
        assert_eq!(breaks, [0, 1, 2]);
    }

    #[test]
    fn letter_runs_read_eight_bytes_at_a_time_as_one_would_byte_by_byte() {
        let text = "Zaporizhzhia's MacArthur oblast,aB Ab Counteroffensives. Київ x1 \
                    iPhone XYZ abcdefgh ABCDEFGHIJKLMNOPq w[z`a@Z{ é";
        let bytes = text.as_bytes();
        for start in (0..bytes.len()).filter(|&i| bytes[i].is_ascii_alphabetic()) {
            let end = start
                + bytes[start..]
                    .iter()
                    .take_while(|b| b.is_ascii_alphabetic())
                    .count();
            let capital = bytes[start + 1..end].iter().any(u8::is_ascii_uppercase);
            assert_eq!(letter_run(bytes, start), (end, capital), "at {start}");
        }
    }

    #[test]
    fn a_token_hashes_alike_wherever_it_stands() {
        let text = "Counteroffensives killed soldiers in Counteroffensives";
        let t = Tokens::new(text);
        for tok in &t.list {
            assert_eq!(
                tok.hash,
                word_hash(&text[tok.start as usize..tok.end as usize].to_lowercase())
            );
        }
        assert_eq!(t.list[0].hash, t.list[4].hash);
        assert_ne!(word_hash("soldier"), word_hash("soldiers"));
    }

    #[test]
    fn is_word_needs_the_same_word_not_only_the_same_hash() {
        let t = Tokens::new("Kostiantynivka Київ");
        // A word's own hash with another word, of the same length or not, is no match.
        assert!(!t.is_word(0, t.list[0].hash, "kostiantynivky"));
        assert!(!t.is_word(0, t.list[0].hash, "kostiantyn"));
        // Beyond ASCII the lower-cased form's length counts, not the surface's.
        assert!(t.is_word(1, word_hash("київ"), "київ"));
        // Every word of up to eight bytes hashes apart: the step is one to one.
        let short = [
            "a", "an", "and", "ran", "rand", "brand", "branded", "brandish",
        ];
        let hashes: std::collections::HashSet<u64> = short.iter().map(|w| word_hash(w)).collect();
        assert_eq!(hashes.len(), short.len());
    }

    #[test]
    fn suffixes_touch_their_number() {
        let t = Tokens::new("93rd");
        assert_eq!(t.len(), 2);
        assert!(t.touches_next(0));
    }
}
