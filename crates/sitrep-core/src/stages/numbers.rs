//! Stage 2: numbers. Every quantity in the body with its qualifier, value, bounds and unit.
//!
//! Amounts are digits ("11,000", "1.2 million"), words ("three thousand", "twenty-five",
//! "a dozen"), ranges ("20 to 30", "between 20 and 30") and vague amounts ("dozens",
//! "several hundred"). Numbers that are not amounts are passed over: years, dates, clock times,
//! ages, ordinals, labels ("Section 427", "Su-34") and phone numbers.

use std::ops::Range;

use crate::doc::{Doc, Quantity};
use crate::lexicon::{Lexicon, Vague};
use crate::model::{Amount, Qualifier, QuantityKind};
use crate::stages::tokens::{TokenKind, Tokens};

/// A bare amount, before qualifiers and units.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Bare {
    end: usize,
    value: f64,
    vague: Option<Vague>,
    digits: bool,
}

/// Adds the quantity layer for every sentence of the body.
pub fn annotate(doc: &mut Doc, lex: &Lexicon) {
    let mut in_date = vec![false; doc.tokens.len()];
    for d in &doc.dates {
        for i in d.tokens.clone() {
            in_date[i] = true;
        }
    }
    let mut found = Vec::new();
    for s in &doc.sentences {
        scan(
            &doc.tokens,
            doc.text,
            lex,
            s.tokens.clone(),
            &in_date,
            &mut found,
        );
    }
    doc.quantities = found;
}

/// Finds the quantities in one span of tokens (a sentence, or a whole phrase for the suites).
///
/// ```
/// use sitrep_core::{lexicon::Lexicon, stages::{numbers, tokens::Tokens}};
/// let text = "more than 1,000 wounded";
/// let t = Tokens::new(text);
/// let q = numbers::find(&t, text, Lexicon::builtin(), 0..t.len());
/// assert_eq!((q[0].amount.low, q[0].amount.high), (Some(1001.0), None));
/// ```
pub fn find(t: &Tokens, text: &str, lex: &Lexicon, span: Range<usize>) -> Vec<Quantity> {
    let mut found = Vec::new();
    let in_date = vec![false; t.len()];
    scan(t, text, lex, span, &in_date, &mut found);
    found
}

fn scan(
    t: &Tokens,
    text: &str,
    lex: &Lexicon,
    span: Range<usize>,
    in_date: &[bool],
    out: &mut Vec<Quantity>,
) {
    let Range {
        start: floor,
        end: limit,
    } = span;
    let mut i = floor;
    while i < limit {
        if in_date[i] {
            i += 1;
            continue;
        }
        let Some(first) = bare_at(t, lex, i, limit) else {
            if let Some(q) = implicit_one(t, text, lex, i, limit) {
                out.push(q);
            }
            i += 1;
            continue;
        };
        if first.digits {
            if let Some(skip) = not_an_amount(t, lex, i, first.end, floor, limit) {
                i = skip.max(i + 1);
                continue;
            }
        } else if is_pronoun_one(t, i, floor) {
            i += 1;
            continue;
        }
        // A second amount after "to", "-", "and" or "or" makes a range.
        let mut amount_end = first.end;
        let mut range_high = None;
        let mut value = first.value;
        if let Some((low, high, end)) = range_tail(t, lex, i, &first, floor, limit) {
            value = low;
            range_high = Some(high);
            amount_end = end;
        }
        let amount_tokens = i..amount_end;

        // Qualifier and currency symbol before; "between"/"from" before a range.
        let mut start = i;
        let mut symbol = None;
        if let Some((len, _)) = lex.currency_symbols.longest_ending_at(t, start, floor) {
            if t.list[start - 1].end == t.list[start].start || len > 1 {
                symbol = Some(t.lower(start - len).to_uppercase());
                start -= len;
            }
        }
        let mut qualifier = Qualifier::Exact;
        if range_high.is_some() {
            qualifier = Qualifier::Range;
            if start > floor && matches!(t.lower(start - 1), "between" | "from") {
                start -= 1;
            }
        } else if let Some((len, q)) = lex.qualifiers_before.longest_ending_at(t, start, floor) {
            if !(len == 1 && is_preposition_use(t, start - 1, floor)) {
                qualifier = *q;
                start -= len;
            }
        }

        // Unit, then a qualifier after ("or more").
        let mut end = amount_end;
        let mut kind = QuantityKind::Count;
        let mut unit = symbol.clone();
        if symbol.is_some() {
            kind = QuantityKind::Currency;
        }
        if let Some((len, k)) = lex.units.longest_at(t, end, limit) {
            // "2 m" and the like only as a unit right after digits; "%" must touch.
            let word = t.lower(end);
            let touching = t.list[end - 1].end == t.list[end].start;
            if touching || (word != "%" && word.len() != 1) {
                kind = *k;
                unit = Some(text[t.list[end].start..t.list[end + len - 1].end].to_string());
                end += len;
            }
        }
        if range_high.is_none() {
            if let Some((len, q)) = lex.qualifiers_after.longest_at(t, end, limit) {
                let word = t.lower(end);
                if word != "+" || t.list[end - 1].end == t.list[end].start {
                    if qualifier == Qualifier::Exact {
                        qualifier = *q;
                    }
                    end += len;
                }
            }
        }

        let (low, high, qualifier) = match (first.vague, range_high) {
            (_, Some(high)) => (Some(value), Some(high), Qualifier::Range),
            (Some(v), None) => match qualifier {
                Qualifier::AtLeast | Qualifier::MoreThan => (Some(v.low), None, qualifier),
                Qualifier::AtMost | Qualifier::LessThan => (None, Some(v.high), qualifier),
                _ => (Some(v.low), Some(v.high), Qualifier::Vague),
            },
            (None, None) => bounds(value, qualifier),
        };
        let acled_value = Some(first.vague.map_or(value, |v| v.acled));
        out.push(Quantity {
            tokens: start..end,
            amount_tokens,
            amount: Amount {
                text: text[t.list[start].start..t.list[end - 1].end].to_string(),
                value: Some(value),
                low,
                high,
                qualifier,
            },
            kind,
            unit,
            acled_value,
            implicit: false,
        });
        i = end;
    }
}

/// "a soldier", "an elderly civilian": the article counts one member of a counted group. The
/// head must end the noun phrase ("a drone attack" counts no drone).
fn implicit_one(t: &Tokens, text: &str, lex: &Lexicon, i: usize, limit: usize) -> Option<Quantity> {
    if !matches!(t.lower(i), "a" | "an") {
        return None;
    }
    let mut k = i + 1;
    while k < limit && k <= i + 3 && t.list[k].kind == TokenKind::Word {
        let w = t.lower(k);
        let head = lex.counted_nouns.contains(format!("{w}s").as_str())
            || (w.ends_with("man")
                && lex
                    .counted_nouns
                    .contains(format!("{}men", &w[..w.len() - 3]).as_str()));
        if head {
            let next_is_noun = k + 1 < limit
                && t.list[k + 1].kind == TokenKind::Word
                && !lex.function_words.contains(t.lower(k + 1))
                && !lex.metric_after.matches_at(t, k + 1, limit)
                && !lex.speech_verbs.matches_at(t, k + 1, limit)
                && !lex.auxiliaries.matches_at(t, k + 1, limit);
            if next_is_noun {
                return None;
            }
            let amount = Amount {
                text: text[t.list[i].start..t.list[i].end].to_string(),
                value: Some(1.0),
                low: Some(1.0),
                high: Some(1.0),
                qualifier: Qualifier::Exact,
            };
            return Some(Quantity {
                tokens: i..i + 1,
                amount_tokens: i..i + 1,
                amount,
                kind: QuantityKind::Count,
                unit: None,
                acled_value: Some(1.0),
                implicit: true,
            });
        }
        if lex.function_words.contains(w) {
            return None;
        }
        k += 1;
    }
    None
}

/// The inclusive bounds a qualifier implies for a single value (claims-v1).
///
/// ```
/// use sitrep_core::{model::Qualifier, stages::numbers::bounds};
/// assert_eq!(bounds(1000.0, Qualifier::MoreThan), (Some(1001.0), None, Qualifier::MoreThan));
/// assert_eq!(bounds(50.0, Qualifier::AtMost), (None, Some(50.0), Qualifier::AtMost));
/// assert_eq!(bounds(11000.0, Qualifier::Approx), (Some(11000.0), Some(11000.0), Qualifier::Approx));
/// ```
pub fn bounds(value: f64, q: Qualifier) -> (Option<f64>, Option<f64>, Qualifier) {
    let whole = value.fract() == 0.0;
    match q {
        Qualifier::AtLeast => (Some(value), None, q),
        Qualifier::MoreThan => (Some(if whole { value + 1.0 } else { value }), None, q),
        Qualifier::AtMost => (None, Some(value), q),
        Qualifier::LessThan => (None, Some(if whole { value - 1.0 } else { value }), q),
        _ => (Some(value), Some(value), q),
    }
}

/// "over" and "under" are qualifiers only before a number, not in "over the border 3 ...":
/// the caller has already seen the number follow; this rejects "the under 5s" style uses.
fn is_preposition_use(t: &Tokens, q: usize, floor: usize) -> bool {
    matches!(t.lower(q), "under" | "over" | "above" | "below")
        && q > floor
        && matches!(t.lower(q - 1), "the" | "a" | "an")
}

/// "one" as a pronoun ("no one", "the one", "one another") is not an amount.
fn is_pronoun_one(t: &Tokens, i: usize, floor: usize) -> bool {
    if t.lower(i) != "one" {
        return false;
    }
    let before = i > floor
        && matches!(
            t.lower(i - 1),
            "no" | "any"
                | "every"
                | "some"
                | "the"
                | "this"
                | "that"
                | "each"
                | "which"
                | "another"
        );
    let after = i + 1 < t.len() && matches!(t.lower(i + 1), "another" | "'s");
    before || after
}

/// A bare amount starting at token `i`: digits with scales, number words, or a vague amount.
fn bare_at(t: &Tokens, lex: &Lexicon, i: usize, limit: usize) -> Option<Bare> {
    let tok = t.list[i];
    if tok.kind == TokenKind::Number {
        let raw = t.lower(i);
        if raw.matches('.').count() > 1 {
            return None;
        }
        let mut value: f64 = raw.replace(',', "").parse().ok()?;
        let mut end = i + 1;
        // "5bn" and "1.2 million"
        while end < limit {
            match lex.scales.get(t.lower(end)) {
                Some(s) if t.lower(end) != "hundred" || value < 100.0 => {
                    value *= s;
                    end += 1;
                }
                _ => break,
            }
        }
        return Some(Bare {
            end,
            value,
            vague: None,
            digits: true,
        });
    }
    if tok.kind != TokenKind::Word {
        return None;
    }
    if let Some((len, v)) = lex.vague.longest_at(t, i, limit) {
        return Some(Bare {
            end: i + len,
            value: v.value,
            vague: Some(*v),
            digits: false,
        });
    }
    words_at(t, lex, i, limit).map(|(end, value)| Bare {
        end,
        value,
        vague: None,
        digits: false,
    })
}

/// A number in words: "three thousand", "twenty-five", "one hundred and five", "a dozen".
fn words_at(t: &Tokens, lex: &Lexicon, i: usize, limit: usize) -> Option<(usize, f64)> {
    let mut k = i;
    // "a hundred", "a dozen", "a couple of"
    let article = matches!(t.lower(i), "a" | "an");
    if article {
        k += 1;
        let next = if k < limit { t.lower(k) } else { "" };
        if !(lex.scales.contains_key(next) || lex.groups.contains_key(next)) {
            return None;
        }
    }
    let (mut total, mut current) = (0.0f64, 0.0f64);
    let mut seen = false;
    let mut last_small = 0.0f64; // the last ones/tens word, to reject "five five"
    let mut end = i;
    while k < limit {
        let w = t.lower(k);
        if let Some(&v) = lex.ones.get(w).or_else(|| lex.tens.get(w)) {
            let is_ten = lex.tens.contains_key(w);
            if last_small > 0.0
                && !(last_small >= 20.0 && last_small % 10.0 == 0.0 && v < 10.0 && !is_ten)
            {
                break;
            }
            if matches!(w, "single" | "nil" | "naught" | "nought") && seen {
                break;
            }
            current += v;
            last_small = v;
        } else if let Some(&s) = lex.scales.get(w) {
            if !seen && !article {
                // A bare "hundred" counts as one hundred (the suites' convention).
                current = 1.0;
            }
            if s == 100.0 {
                current = current.max(1.0) * 100.0;
            } else {
                if current == 0.0 && seen {
                    break;
                }
                total += current.max(1.0) * s;
                current = 0.0;
            }
            last_small = 0.0;
        } else if let Some(&g) = lex.groups.get(w) {
            if !article && (!seen || matches!(w, "couple" | "pair")) {
                break;
            }
            current = current.max(1.0) * g;
            k += 1;
            seen = true;
            end = k;
            // "a couple of soldiers": the "of" belongs to the amount.
            if k < limit && t.lower(k) == "of" && matches!(w, "couple" | "pair") {
                end = k + 1;
            }
            break;
        } else if (w == "-" && seen && t.touches_next(k - 1) && t.touches_next(k))
            || (w == "and" && seen && last_small == 0.0)
        {
            // "twenty-five"; "one hundred and five" (only after a scale word).
            if k + 1 < limit
                && (lex.ones.contains_key(t.lower(k + 1)) || lex.tens.contains_key(t.lower(k + 1)))
            {
                k += 1;
                continue;
            }
            break;
        } else {
            break;
        }
        seen = true;
        k += 1;
        end = k;
    }
    seen.then_some((end, total + current))
}

/// A range's upper end after the first amount: "20 to 30", "20-30", "between 20 and 30",
/// "two or three". Returns the low and high values and the end token.
fn range_tail(
    t: &Tokens,
    lex: &Lexicon,
    i: usize,
    first: &Bare,
    floor: usize,
    limit: usize,
) -> Option<(f64, f64, usize)> {
    if first.vague.is_some() || first.end + 1 >= limit {
        return None;
    }
    let link = t.lower(first.end);
    let between = i > floor && t.lower(i - 1) == "between";
    let ok = match link {
        "to" | "-" | "–" | "—" => true,
        "and" => between,
        "or" => !first.digits,
        _ => false,
    };
    if !ok {
        return None;
    }
    let second = bare_at(t, lex, first.end + 1, limit)?;
    if second.vague.is_some() || second.digits != first.digits && link == "-" {
        return None;
    }
    // A phone or ID number: "202-555-0100".
    if link == "-" && second.end < limit && t.lower(second.end) == "-" {
        return None;
    }
    if second.digits && not_an_amount(t, lex, first.end + 1, second.end, floor, limit).is_some() {
        return None;
    }
    // "1.2 to 1.5 million": the scale of the upper end applies to the lower one too.
    let mut low = first.value;
    if second.value > low
        && (first.end - i) == 1
        && second.end - (first.end + 1) > 1
        && low < 1000.0
    {
        let scale = second.value
            / t.lower(first.end + 1)
                .replace(',', "")
                .parse::<f64>()
                .unwrap_or(second.value);
        if scale > 1.0 {
            low *= scale;
        }
    }
    if second.value < low {
        return None;
    }
    Some((low, second.value, second.end))
}

/// If the digits at `i..end` are not an amount (a year, a time, an age, an ordinal, a label),
/// the token to resume scanning at.
fn not_an_amount(
    t: &Tokens,
    lex: &Lexicon,
    i: usize,
    end: usize,
    floor: usize,
    limit: usize,
) -> Option<usize> {
    let raw = t.lower(i);
    let next = (end < limit).then(|| t.lower(end));
    let touching_next = end < limit && t.list[end - 1].end == t.list[end].start;
    // Clock times: 15:30, 3 p.m.
    if touching_next
        && next == Some(":")
        && end + 1 < limit
        && t.list[end + 1].kind == TokenKind::Number
    {
        return Some(end + 2);
    }
    if end == i + 1 && end < limit && lex.time_words.matches_at(t, end, limit) {
        return Some(end + 1);
    }
    // Ordinals and decades: 93rd, 1990s; letters glued to digits ("4x4") unless a unit.
    if touching_next && t.list[end].kind == TokenKind::Word && end == i + 1 {
        let w = t.lower(end);
        if matches!(w, "st" | "nd" | "rd" | "th" | "s")
            || !lex.units.matches_at(t, end, limit) && !lex.scales.contains_key(w)
        {
            return Some(end + 1);
        }
    }
    // Ages: 12-year-old, 12 years old, aged 12.
    let age_from = if next == Some("-") && touching_next {
        end + 1
    } else {
        end
    };
    if lex.age_words.matches_at(t, age_from, limit) {
        return Some(age_from + 1);
    }
    if i > floor && lex.age_markers.contains(t.lower(i - 1)) {
        return Some(end);
    }
    // Labels: Su-34, S-300, Section 427, No. 3, #5.
    if i > floor {
        let prev = t.lower(i - 1);
        let touching_prev = t.list[i - 1].end == t.list[i].start;
        if (prev == "-" || prev == "/")
            && touching_prev
            && i > floor + 1
            && t.list[i - 2].kind == TokenKind::Word
            && t.list[i - 2].end == t.list[i - 1].start
        {
            return Some(end);
        }
        if prev == "#" || (touching_prev && t.list[i - 1].kind == TokenKind::Word) {
            return Some(end);
        }
        let label_word = if prev == "." && i > floor + 1 {
            t.lower(i - 2)
        } else {
            prev
        };
        if lex.identifier_words.contains(label_word)
            && (t.list[i - 1].capitalized
                || prev == "."
                || label_word.len() <= 2
                || matches!(label_word, "number" | "no"))
        {
            return Some(end);
        }
    }
    // Phone numbers and codes: 202-555-0100, 1.2.3
    if touching_next
        && matches!(next, Some("-") | Some("/"))
        && end + 1 < limit
        && t.list[end + 1].kind == TokenKind::Number
    {
        let after = end + 2;
        if after < limit && matches!(t.lower(after), "-" | "/") {
            let mut k = after;
            while k < limit
                && (t.list[k].kind == TokenKind::Number || matches!(t.lower(k), "-" | "/"))
            {
                k += 1;
            }
            return Some(k);
        }
    }
    // Years: four digits, no separator, 1800..2100, not counting anything.
    if end == i + 1 && raw.len() == 4 && !raw.contains(',') {
        if let Ok(y) = raw.parse::<u32>() {
            if (1800..=2100).contains(&y) && !counts_something(t, lex, i, end, floor, limit) {
                return Some(end);
            }
        }
    }
    None
}

/// Whether the number at `i..end` is plainly a count: a qualifier before it, or a counted noun
/// (maybe after adjectives) after it.
fn counts_something(
    t: &Tokens,
    lex: &Lexicon,
    i: usize,
    end: usize,
    floor: usize,
    limit: usize,
) -> bool {
    if lex
        .qualifiers_before
        .longest_ending_at(t, i, floor)
        .is_some()
    {
        return true;
    }
    (end..(end + 3).min(limit)).any(|k| lex.counted_nouns.contains(t.lower(k)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (text, value, low, high, qualifier)
    type Brief = (String, Option<f64>, Option<f64>, Option<f64>, Qualifier);

    fn quantities(text: &str) -> Vec<Brief> {
        let t = Tokens::new(text);
        find(&t, text, Lexicon::builtin(), 0..t.len())
            .into_iter()
            .map(|q| {
                (
                    q.amount.text,
                    q.amount.value,
                    q.amount.low,
                    q.amount.high,
                    q.amount.qualifier,
                )
            })
            .collect()
    }

    fn one(text: &str) -> Brief {
        let mut q = quantities(text);
        assert_eq!(q.len(), 1, "{text}: {q:?}");
        q.remove(0)
    }

    use Qualifier::*;

    #[test]
    fn digits_with_separators_and_scales() {
        assert_eq!(one("some 11,000 troops").1, Some(11000.0));
        assert_eq!(one("1.2 million people").1, Some(1_200_000.0));
        assert_eq!(one("6 million").1, Some(6_000_000.0));
    }

    #[test]
    fn words() {
        assert_eq!(one("three thousand soldiers").1, Some(3000.0));
        assert_eq!(one("twenty-five civilians").1, Some(25.0));
        assert_eq!(one("a dozen tanks").1, Some(12.0));
        assert_eq!(one("a hundred people").1, Some(100.0));
        assert_eq!(one("one hundred and five people").1, Some(105.0));
        assert_eq!(
            one("two million three thousand nine hundred and eighty four").1,
            Some(2_003_984.0)
        );
    }

    #[test]
    fn qualifiers_map_to_bounds() {
        assert_eq!(
            one("at least 100"),
            (
                "at least 100".into(),
                Some(100.0),
                Some(100.0),
                None,
                AtLeast
            )
        );
        assert_eq!(
            one("more than 1,000"),
            (
                "more than 1,000".into(),
                Some(1000.0),
                Some(1001.0),
                None,
                MoreThan
            )
        );
        assert_eq!(
            one("up to 50"),
            ("up to 50".into(), Some(50.0), None, Some(50.0), AtMost)
        );
        assert_eq!(
            one("fewer than 20"),
            (
                "fewer than 20".into(),
                Some(20.0),
                None,
                Some(19.0),
                LessThan
            )
        );
        assert_eq!(
            one("some 11,000"),
            (
                "some 11,000".into(),
                Some(11000.0),
                Some(11000.0),
                Some(11000.0),
                Approx
            )
        );
        assert_eq!(one("100 or more").4, AtLeast);
    }

    #[test]
    fn ranges() {
        assert_eq!(
            one("20 to 30"),
            ("20 to 30".into(), Some(20.0), Some(20.0), Some(30.0), Range)
        );
        assert_eq!(one("20-30 people").3, Some(30.0));
        assert_eq!(one("between 20 and 30").0, "between 20 and 30");
        assert_eq!(one("two or three soldiers").3, Some(3.0));
        assert_eq!(one("87 to 300").2, Some(87.0));
    }

    #[test]
    fn vague_amounts() {
        assert_eq!(
            one("dozens of people"),
            ("dozens".into(), Some(12.0), Some(24.0), Some(143.0), Vague)
        );
        assert_eq!(one("hundreds").1, Some(100.0));
        assert_eq!(one("several hundred casualties").1, Some(100.0));
        assert_eq!(one("tens of thousands").1, Some(10000.0));
        assert_eq!(one("a handful of").4, Vague);
        assert_eq!(one("scores of").4, Vague);
    }

    #[test]
    fn not_counts_are_skipped() {
        for text in [
            "in 2024",
            "at 15:30",
            "a 12-year-old boy",
            "aged 12",
            "the 93rd Brigade",
            "Section 427",
            "the Su-34 jets",
            "call 202-555-0100",
            "at 3 p.m.",
            "the 1990s",
            "no one",
            "No. 3",
        ] {
            assert!(
                quantities(text).is_empty(),
                "{text}: {:?}",
                quantities(text)
            );
        }
    }

    #[test]
    fn percent_and_money_are_quantities_with_units() {
        let t = Tokens::new("rose 19 per cent to $6 billion");
        let q = find(
            &t,
            "rose 19 per cent to $6 billion",
            Lexicon::builtin(),
            0..t.len(),
        );
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].kind, QuantityKind::Percent);
        assert_eq!(
            (q[1].kind, q[1].amount.value),
            (QuantityKind::Currency, Some(6e9))
        );
    }

    #[test]
    fn years_that_count_things_are_amounts() {
        assert_eq!(one("some 2000 troops").1, Some(2000.0));
    }
}
