//! Stage 1b: sentences. Splits the body's tokens at sentence-final punctuation and line breaks.

use crate::doc::{Doc, Sentence};
use crate::lexicon::Lexicon;
use crate::stages::tokens::TokenKind;

fn is_terminal(s: &str) -> bool {
    matches!(s, "." | "!" | "?" | "…")
}

fn is_closing(s: &str) -> bool {
    matches!(s, "\"" | "”" | "'" | "’" | ")" | "]" | "»")
}

/// Adds the sentence layer for the tokens from `doc.body_start`.
///
/// ```
/// use sitrep_core::{Document, doc::Doc, lexicon::Lexicon, stages::sentences};
/// let d = Document::new("x", "Rep. Lee spoke on Dec. 19. He said 100 died.");
/// let mut doc = Doc::new(&d);
/// sentences::annotate(&mut doc, Lexicon::builtin());
/// assert_eq!(doc.sentences.len(), 2);
/// ```
pub fn annotate(doc: &mut Doc, lex: &Lexicon) {
    let n = doc.tokens.len();
    let mut out = Vec::new();
    let mut start = doc.body_start;
    let mut i = start;
    // Only a mark or a token after a line break can end a sentence.
    while let Some(at) = doc.stops.breaks.next_from(i) {
        i = at;
        let t = &doc.tokens;
        let tok = t.list[i];
        // A blank line, or a line break after a finished line, ends the sentence before it.
        if i > start && tok.breaks > 0 && breaks_line(doc, i) {
            push(doc, &mut out, start, i);
            start = i;
        }
        if tok.kind == TokenKind::Punct && is_terminal(t.lower(i)) && !is_abbreviation(doc, lex, i)
        {
            let mut end = i + 1;
            while end < n && is_closing(t.lower(end)) && t.list[end].start == t.list[end - 1].end {
                end += 1;
            }
            while end < n && is_terminal(t.lower(end)) {
                end += 1;
            }
            if end >= n || starts_sentence(doc, end) {
                push(doc, &mut out, start, end);
                start = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    if start < n {
        push(doc, &mut out, start, n);
    }
    doc.sentences = out;
}

fn push(doc: &Doc, out: &mut Vec<Sentence>, from: usize, to: usize) {
    if from >= to {
        return;
    }
    let bytes = doc.tokens.byte_range(from..to);
    out.push(Sentence {
        tokens: from..to,
        start: bytes.start,
        end: bytes.end,
    });
}

/// Whether the line break before token `i` ends a sentence: a blank line always does; a single
/// break does unless the line before stops mid-sentence and the next goes on in lower case.
fn breaks_line(doc: &Doc, i: usize) -> bool {
    let t = &doc.tokens;
    let tok = t.list[i];
    if tok.breaks >= 2 {
        return true;
    }
    let prev = t.lower(i - 1);
    let continues =
        matches!(t.list[i - 1].kind, TokenKind::Word | TokenKind::Number) || prev == ",";
    !(continues && !tok.capitalized && tok.kind == TokenKind::Word)
}

fn starts_sentence(doc: &Doc, i: usize) -> bool {
    let t = &doc.tokens;
    let tok = t.list[i];
    tok.breaks > 0
        || tok.capitalized
        || (tok.kind == TokenKind::Number
            && (tok.start > t.list[i - 1].end || glued_number_opens(doc, i)))
        || matches!(
            t.lower(i),
            "\"" | "“" | "'" | "‘" | "(" | "[" | "«" | "-" | "—" | "•"
        )
}

/// Whether the number at `i`, glued to the full stop before it, opens a sentence: a footnote
/// mark left by a flattened page ("in December 2025.17 In addition", a line or a capitalised word
/// after it), or a space left out ("North Africa.12 of the fighters"). After a word in capitals
/// the stop is inside a name ("the ID.3 and ID.4 models", "PSC.1", "SF.260").
fn glued_number_opens(doc: &Doc, i: usize) -> bool {
    let t = &doc.tokens;
    let ends_line = t
        .list
        .get(i + 1)
        .is_none_or(|next| next.breaks > 0 || next.capitalized || next.kind == TokenKind::Punct);
    let name = i >= 2 && {
        let word = &t.list[i - 2];
        let surface = &doc.text[t.byte_range(i - 2..i - 1)];
        word.kind == TokenKind::Word
            && word.end == t.list[i - 1].start
            && surface.len() >= 2
            && !surface.chars().any(char::is_lowercase)
    };
    ends_line || !name
}

/// Whether the full stop at `i` closes an abbreviation ("Rep.", "Dec.") or an initial ("J.").
fn is_abbreviation(doc: &Doc, lex: &Lexicon, i: usize) -> bool {
    let t = &doc.tokens;
    if t.lower(i) != "." || i == 0 || t.list[i - 1].end != t.list[i].start {
        return false;
    }
    let prev = t.lower(i - 1);
    if lex.abbreviations.contains(prev) {
        // "in the U.S. The" is rare next to "Rep. Lee": keep the abbreviation unless a line ends.
        return !(i + 1 < t.len() && t.list[i + 1].breaks > 0);
    }
    let prev_tok = t.list[i - 1];
    prev_tok.kind == TokenKind::Word && prev_tok.capitalized && prev.chars().count() == 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;

    fn split(text: &str) -> Vec<String> {
        let d = Document::new("t", text);
        let mut doc = Doc::new(&d);
        annotate(&mut doc, Lexicon::builtin());
        doc.sentences
            .iter()
            .map(|s| text[s.start..s.end].to_string())
            .collect()
    }

    #[test]
    fn splits_at_stops_not_abbreviations() {
        assert_eq!(
            split("Rep. Lee Seong-kweun spoke. Published Dec. 19, 2024. Then J. Smith left."),
            [
                "Rep. Lee Seong-kweun spoke.",
                "Published Dec. 19, 2024.",
                "Then J. Smith left."
            ]
        );
        assert_eq!(
            split("It cost Rs. 450 a kilo."),
            ["It cost Rs. 450 a kilo."]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            split("He said, “at least 100 have been killed.” Lee said."),
            ["He said, “at least 100 have been killed.”", "Lee said."]
        );
    }

    #[test]
    fn blank_lines_and_headers_split() {
        assert_eq!(
            split("By Kim Arin\n\nPublished : Dec. 19"),
            ["By Kim Arin", "Published : Dec. 19"]
        );
        assert_eq!(
            split("a wrapped\nline goes on."),
            ["a wrapped\nline goes on."]
        );
    }

    /// A number glued to a full stop opens a sentence after a footnote or a missing space, not
    /// inside a model's name.
    #[test]
    fn glued_numbers_after_a_stop() {
        assert_eq!(
            split("It was signed in Kyiv.17 In addition, talks went on."),
            ["It was signed in Kyiv.", "17 In addition, talks went on."]
        );
        assert_eq!(
            split("They came from North Africa.12 of them were Libyan."),
            ["They came from North Africa.", "12 of them were Libyan."]
        );
        assert_eq!(
            split("It sells the ID.3 and ID.4 models."),
            ["It sells the ID.3 and ID.4 models."]
        );
    }

    #[test]
    fn decimals_do_not_split() {
        assert_eq!(
            split("It cost 1.2 million. Next."),
            ["It cost 1.2 million.", "Next."]
        );
    }
}
