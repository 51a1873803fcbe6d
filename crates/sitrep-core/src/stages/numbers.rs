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
use crate::stages::tokens::{TokenKind, TokenSet, Tokens};

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
    let mut changes = Vec::new();
    for s in &doc.sentences {
        let first = found.len();
        scan(
            &doc.tokens,
            doc.text,
            lex,
            s.tokens.clone(),
            &in_date,
            &doc.stops.amounts,
            &mut found,
        );
        changes_of(
            &doc.tokens,
            lex,
            &found,
            first,
            s.tokens.start,
            &mut changes,
        );
    }
    doc.quantities = found;
    doc.changes = changes;
}

/// The most words between an old level and the "to" of its new one ("from $36,040 at 10.45pm
/// last night to $34,935").
const CHANGE_GAP: usize = 6;

/// Pairs of a figure's old and new level among the quantities of one sentence, from index
/// `first` on: "dropping from 208 pounds to 193", "jumped from 240 to 273", and after a verb of
/// change the other way round, "narrowed to 138,285 lots from 212,577 lots". Each pair is
/// (old, new), indices into `found`. A range on either side ("from about 14-18 mpg to 24")
/// makes no pair, nor does an age.
fn changes_of(
    t: &Tokens,
    lex: &Lexicon,
    found: &[Quantity],
    first: usize,
    floor: usize,
    changes: &mut Vec<(usize, usize)>,
) {
    let plain = |q: &Quantity| {
        q.amount.qualifier != Qualifier::Range && !q.implicit && q.kind != QuantityKind::Age
    };
    // Whether `word` stands right before quantity `q`.
    let after =
        |word: &str, q: &Quantity| q.tokens.start > floor && t.lower(q.tokens.start - 1) == word;
    // Whether the new level can be the old one's figure: the same kind, or a bare count after
    // a measure ("from 208 pounds to 193").
    let alike = |a: &Quantity, b: &Quantity| {
        a.kind == b.kind || (b.kind == QuantityKind::Count && b.unit.is_none())
    };
    // The words from the end of `a` to the word before `b` ("to", "from"): few, and no mark
    // that ends a clause.
    let close = |a: &Quantity, b: &Quantity| {
        let gap = a.tokens.end..b.tokens.start - 1;
        gap.len() <= CHANGE_GAP && gap.clone().all(|k| t.list[k].kind != TokenKind::Punct)
    };
    // Whether a verb of change ends within `reach` words before token `at` ("rose", "dropped
    // since October", "slid slightly").
    let changed_before = |at: usize, reach: usize| {
        (at.saturating_sub(reach).max(floor)..at).any(|end| {
            lex.change_verbs
                .longest_ending_at(t, end + 1, floor)
                .is_some()
        })
    };
    for k in first + 1..found.len() {
        let (a, b) = (&found[k - 1], &found[k]);
        if !plain(a) || !plain(b) {
            continue;
        }
        if after("from", a) && after("to", b) && close(a, b) && alike(a, b) {
            // Counts carry no unit that ties them: "aid from 20 countries to 3 million
            // people" is no change; "the toll rose from 20 to 30" is.
            let counts = a.kind == QuantityKind::Count && b.kind == QuantityKind::Count;
            if !counts || changed_before(a.tokens.start - 1, 3) {
                changes.push((k - 1, k));
            }
        } else if after("to", a)
            && after("from", b)
            && close(a, b)
            && alike(b, a)
            && a.tokens.start >= floor + 2
            && changed_before(a.tokens.start - 1, 1)
        {
            changes.push((k, k - 1));
        }
    }
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
    let every = TokenSet::every(t.len());
    scan(t, text, lex, span, &in_date, &every, &mut found);
    found
}

fn scan(
    t: &Tokens,
    text: &str,
    lex: &Lexicon,
    span: Range<usize>,
    in_date: &[bool],
    starts: &TokenSet,
    out: &mut Vec<Quantity>,
) {
    let Range {
        start: floor,
        end: limit,
    } = span;
    let first_new = out.len();
    let mut i = floor;
    while let Some(at) = starts.next_from(i).filter(|&at| at < limit) {
        i = at;
        // Punctuation starts no amount, bare or implicit, and a word only if it is one of the
        // amount starts (a bit test on the token). `starts` holds at least every token that
        // passes.
        let kind = t.list[i].kind;
        if in_date[i]
            || kind == TokenKind::Punct
            || (kind == TokenKind::Word && !lex.amount_starts.matches_at(t, i, i + 1))
        {
            i += 1;
            continue;
        }
        if let Some(mut q) = fraction_at(t, text, lex, i, limit) {
            // "more than half", "nearly a third": a qualifier before a share bounds it.
            if let Some((len, qualifier)) = qualifier_before(t, lex, q.tokens.start, floor) {
                let value = q.amount.value.unwrap_or_default();
                (q.amount.low, q.amount.high, q.amount.qualifier) = bounds(value, qualifier);
                q.tokens.start -= len;
                q.amount.text = text[t.byte_range(q.tokens.clone())].to_string();
            }
            i = q.tokens.end;
            out.push(q);
            continue;
        }
        let Some(first) = bare_at(t, lex, i, limit) else {
            if let Some(q) = implicit_one(t, text, lex, i, limit) {
                out.push(q);
            }
            i += 1;
            continue;
        };
        let age = if first.digits {
            match not_an_amount(t, lex, i, first.end, floor, limit) {
                Some(NonAmount::Skip(skip)) => {
                    i = skip.max(i + 1);
                    continue;
                }
                Some(NonAmount::Age(unit_end)) => Some(unit_end),
                None => None,
            }
        } else {
            word_age(t, lex, &first, limit)
        };
        if let Some(unit_end) = age {
            let q = age_quantity(t, text, lex, floor..limit, i, first, unit_end);
            i = q.tokens.end.max(i + 1);
            out.push(q);
            continue;
        }
        if !first.digits && is_pronoun_one(t, lex, i, floor) {
            i += 1;
            continue;
        }
        if !first.digits && names_by_number(t, lex, i, first.end, floor, limit) {
            i = first.end;
            continue;
        }
        // "a four-door car", "a three-day truce": a number word glued to a noun describes it.
        // ("Sixty-odd countries", "thirty-plus tanks": the glued word qualifies the number;
        // "a five-member family": it is the size of the group named next.)
        if !first.digits
            && first.vague.is_none()
            && first.end + 1 < limit
            && t.joins_compound(first.end)
            && !lex.size_words.contains_at(t, first.end + 1)
            && bare_at(t, lex, first.end + 1, limit).is_none()
            && !lex.age_words.matches_at(t, first.end + 1, limit)
            && lex
                .qualifiers_after
                .longest_at(t, first.end, limit)
                .is_none()
        {
            i = first.end + 2;
            continue;
        }
        // A second amount after "to", "-", "and" or "or" makes a range.
        let mut amount_end = first.end;
        let mut range_high = None;
        let mut value = first.value;
        if let Some((low, high, end)) = range_tail(t, lex, i, &first, floor, limit) {
            // "1-5 March", "from 10 to 15 June": days before a month are dates ("between 10
            // and 20 may have died" is no date: a month is capitalised).
            let days = |v: f64| v.fract() == 0.0 && (1.0..=31.0).contains(&v);
            let month =
                end < limit && t.list[end].capitalized && lex.months.matches_at(t, end, limit);
            if days(low) && days(high) && month {
                i = end + 1;
                continue;
            }
            value = low;
            range_high = Some(high);
            amount_end = end;
        }
        // "two (2) people", "Three (3) suspects": digits in brackets that restate a number
        // word, as police and court texts write it, belong to the word's amount.
        if range_high.is_none() && !first.digits && restated(t, amount_end, value, limit) {
            amount_end += 3;
        }
        let amount_tokens = i..amount_end;

        // Qualifier and currency symbol before; "between"/"from" before a range.
        let mut start = i;
        let mut symbol = None;
        if let Some((len, _)) = lex.currency_symbols.longest_ending_at(t, start, floor) {
            if t.list[start - 1].end == t.list[start].start
                || len > 1
                || lex.currency_codes.contains_at(t, start - 1)
            {
                // "$", "US$", "$US": every token of the symbol.
                symbol = Some(text[t.byte_range(start - len..start)].to_uppercase());
                start -= len;
            }
        }
        // A sign: "minus 233", "-1.7%" (a hyphen glued to the digits, not to a word before).
        let mut sign = 1.0;
        if start == i && start > floor {
            let prev = t.lower(start - 1);
            let glued_minus = matches!(prev, "-" | "−")
                && t.list[start - 1].end == t.list[start].start
                && (start - 1 == floor || t.list[start - 2].end < t.list[start - 1].start);
            // "plus or minus 3 points" is a margin, not a negative amount.
            let margin = prev == "minus"
                && start >= floor + 3
                && t.lower(start - 2) == "or"
                && t.lower(start - 3) == "plus";
            let spelled = (matches!(prev, "minus" | "negative") && !margin)
                || (matches!(prev, "-" | "−")
                    && start >= floor + 2
                    && matches!(t.lower(start - 2), "minus" | "negative"));
            if glued_minus || spelled {
                sign = -1.0;
                start -= 1;
            }
        }
        let mut qualifier = Qualifier::Exact;
        if range_high.is_some() {
            qualifier = Qualifier::Range;
            if start > floor && matches!(t.lower(start - 1), "between" | "from") {
                start -= 1;
            }
            // "about 2000 - 2500": the words that soften a range stay in its text.
            if let Some((len, Qualifier::Approx)) =
                lex.qualifiers_before.longest_ending_at(t, start, floor)
            {
                start -= len;
            }
        } else if let Some((len, q)) = qualifier_before(t, lex, start, floor) {
            qualifier = q;
            start -= len;
        }

        // Unit, then a qualifier after ("or more").
        let mut end = amount_end;
        let mut kind = QuantityKind::Count;
        let mut unit = symbol.clone();
        if symbol.is_some() {
            kind = QuantityKind::Currency;
        }
        // "children aged between 5 and 11": a range after an age's marker is of ages.
        if range_high.is_some() && start > floor && lex.age_markers.contains_at(t, start - 1) {
            kind = QuantityKind::Age;
        }
        // "a 40-km convoy", "a 155-mm shell": a unit joined by a hyphen.
        let hyphened = first.digits && end + 1 < limit && t.joins_compound(end);
        let unit_at = if hyphened { end + 1 } else { end };
        if let Some((len, k)) = lex.units.longest_at(t, unit_at, limit) {
            // "2 m" and the like only as a unit right after digits; "%" must touch.
            let word = t.lower(unit_at);
            let touching = t.list[unit_at - 1].end == t.list[unit_at].start;
            if touching || (word != "%" && word.len() != 1) {
                kind = *k;
                unit = Some(text[t.byte_range(unit_at..unit_at + len)].to_string());
                end = unit_at + len;
            }
        }
        if range_high.is_none() {
            if let Some((len, q)) = lex.qualifiers_after.longest_at(t, end, limit) {
                let word = t.lower(end);
                // "above 1000 and below 1500": "and below" opens the next bound here.
                let opens_bound = end + len < limit && bare_at(t, lex, end + len, limit).is_some();
                if (word != "+" || t.list[end - 1].end == t.list[end].start) && !opens_bound {
                    // "about 500 or more" is at least 500.
                    if matches!(qualifier, Qualifier::Exact | Qualifier::Approx) {
                        qualifier = *q;
                    }
                    end += len;
                }
            }
        }

        value *= sign;
        // "ended 2-2": a score, not an amount.
        if range_high == Some(value)
            && amount_tokens.len() == 3
            && t.lower(amount_tokens.start + 1) == "-"
        {
            i = end.max(i + 1);
            continue;
        }
        // "less than 5000 or equal" is at most 5000.
        if matches!(qualifier, Qualifier::LessThan | Qualifier::MoreThan) {
            if let Some((len, _)) = lex.inclusive.longest_at(t, end, limit) {
                qualifier = if qualifier == Qualifier::LessThan {
                    Qualifier::AtMost
                } else {
                    Qualifier::AtLeast
                };
                end += len;
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
                text: text[t.byte_range(start..end)].to_string(),
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
    merge_bounds(t, text, out, first_new);
    converted_bounds(t, out, first_new);
}

/// "a soldier", "an elderly civilian": the article counts one member of a counted group. The
/// head must end the noun phrase ("a drone attack" counts no drone).
fn implicit_one(t: &Tokens, text: &str, lex: &Lexicon, i: usize, limit: usize) -> Option<Quantity> {
    // A cue's object told by a possessive or "the" is one person: "killed a man and wounded his
    // wife", "killing the commander and four of his aides".
    let cue_object = |metrics: &crate::lexicon::WordSet| {
        lex.metric_before
            .longest_ending_at(t, i, 0)
            .is_some_and(|(_, &m)| metrics.contains(&lex.metrics[m]))
    };
    // "a farmer and his brother were killed": a possessive joined to another person counts one.
    // So does one joined by "along with" ("Dr Fayyaz along with his driver were shot dead").
    let joined_possessive = matches!(t.lower(i), "his" | "her")
        && i > 0
        && (t.lower(i - 1) == "and"
            || (i > 1
                && t.lower(i - 1) == "with"
                && matches!(t.lower(i - 2), "along" | "together"))
            || cue_object(&lex.possessive_object_metrics)
            || listed_possessive(t, lex, i, limit));
    let definite_object = t.lower(i) == "the" && i > 0 && cue_object(&lex.definite_object_metrics);
    // "another died", "the other was wounded": one more, told by a pronoun with its predicate.
    let pronoun_end = match t.lower(i) {
        "another" => Some(i + 1),
        "the" if i + 1 < limit && t.lower(i + 1) == "other" => Some(i + 2),
        _ => None,
    };
    if let Some(end) = pronoun_end.filter(|&end| {
        end < limit
            && (lex.auxiliaries.matches_at(t, end, limit)
                || lex.metric_after.matches_at(t, end, limit))
    }) {
        return Some(one(t, text, i..end));
    }
    if !matches!(t.lower(i), "a" | "an" | "another") && !joined_possessive && !definite_object {
        return None;
    }
    // "the youth was a militant": a predicate noun names someone already counted.
    let existential = i > 1 && t.lower(i - 2) == "there";
    if i > 0 && lex.auxiliaries.matches_at(t, i - 1, i) && !existential {
        return None;
    }
    let mut k = i + 1;
    let mut reach = i + 6;
    while k < limit && k <= reach {
        let w = t.lower(k);
        // "a local Awami League (AL) leader": a name's abbreviation in brackets.
        if w == "(" && k > i + 1 && t.list[k - 1].capitalized {
            let close = (k + 1..limit.min(k + 4)).find(|&j| t.lower(j) == ")");
            match close
                .filter(|&c| c > k + 1 && (k + 1..c).all(|j| t.list[j].kind == TokenKind::Word))
            {
                Some(c) => {
                    reach += c + 1 - k;
                    k = c + 1;
                    continue;
                }
                None => return None,
            }
        }
        // "a 60-year-old woman": an age between the article and the person.
        if t.list[k].kind == TokenKind::Number && k + 1 < limit && t.lower(k + 1) == "-" {
            if let Some(end) = age_words_end(t, lex, k + 1, limit) {
                reach += end - k;
                k = end;
                continue;
            }
        }
        // "a Mi-8 helicopter", "an M113 carrier": a designation's number glued to its letters.
        let designation =
            t.list[k].kind == TokenKind::Number && t.list[k - 1].end == t.list[k].start;
        if !(t.list[k].kind == TokenKind::Word || w == "-" || designation) {
            break;
        }
        if w == "-" || designation {
            // "a Hindi-speaking trader"
            k += 1;
            continue;
        }
        // "a family of five was killed": the number after "of" is the count. ("a family
        // member" goes on to its head.)
        if lex.collective_heads.contains_at(t, k) && k + 1 < limit && t.lower(k + 1) == "of" {
            return None;
        }
        let head = lex.counted_singulars.contains_at(t, k);
        // "captured the Brigade 93 base": a name after "the" is no person.
        if head && definite_object && t.list[k].capitalized {
            return None;
        }
        if head {
            // ("a villager suspecting him": a participle with its object after the head is no
            // noun; "a local ruling party" goes on.)
            let participle = k + 2 < limit
                && t.lower(k + 1).ends_with("ing")
                && lex.function_words.contains_at(t, k + 2);
            let next_is_noun = k + 1 < limit
                && t.list[k + 1].kind == TokenKind::Word
                && !participle
                && !lex.function_words.contains_at(t, k + 1)
                && !lex.metric_after.matches_at(t, k + 1, limit)
                && !lex.speech_verbs.matches_at(t, k + 1, limit)
                && !lex.auxiliaries.matches_at(t, k + 1, limit);
            if next_is_noun {
                // "a school teacher": the head is further on.
                k += 1;
                continue;
            }
            return Some(one(t, text, i..i + 1));
        }
        if lex.function_words.contains_at(t, k) {
            return None;
        }
        k += 1;
    }
    None
}

/// "a commander, his wife and their three children": a possessive at `i` inside a list of
/// people, after a comma that follows a counted noun and before the list goes on ("and" or a
/// comma after its one-word head). "Police arrested the man, his lawyer said" is no list.
fn listed_possessive(t: &Tokens, lex: &Lexicon, i: usize, limit: usize) -> bool {
    i > 1
        && t.lower(i - 1) == ","
        && lex.is_counted(t.lower(i - 2))
        && i + 2 < limit
        && lex.is_counted(t.lower(i + 1))
        && matches!(t.lower(i + 2), "and" | ",")
}

/// A fraction starting at token `i`: "a third (of)", "one quarter", "two-thirds", "half of",
/// "one in five", "two out of three". "One in five soldiers" is a ratio, not two counts.
fn fraction_at(t: &Tokens, text: &str, lex: &Lexicon, i: usize, limit: usize) -> Option<Quantity> {
    let small = |k: usize| -> Option<f64> {
        let w = t.lower(k);
        match t.list[k].kind {
            TokenKind::Number if !w.contains(',') => digits_value(w).filter(|v| v.fract() == 0.0),
            TokenKind::Number => None,
            _ => lex.ones.get(w).copied().filter(|v| *v >= 1.0),
        }
    };
    // Most tokens start no fraction: a digit or a number word ("a", "two", "half") must.
    let w = t.lower(i);
    if t.list[i].kind == TokenKind::Word && !lex.number_words.matches_at(t, i, i + 1) && w != "half"
    {
        return None;
    }
    // "half a million": a share of a scale is an amount, not a ratio.
    if w == "half" {
        if let Some((end, scale)) = scale_after(t, lex, i + 1, limit) {
            return Some(exact(t, text, i..end, 0.5 * scale, QuantityKind::Count));
        }
    }
    let (end, value) = if w == "half" && i + 1 < limit && t.lower(i + 1) == "of" {
        // "the second half of the game" is a period.
        if i > 0 && lex.period_halves.contains_at(t, i - 1) {
            return None;
        }
        (i + 1, 0.5)
    } else {
        let count = match w {
            "a" | "an" => Some(1.0),
            _ => small(i),
        }?;
        let mut k = i + 1;
        if k < limit && t.lower(k) == "-" {
            k += 1;
        }
        if let Some(&part) = (k < limit).then(|| lex.fractions.get(t.lower(k))).flatten() {
            // "a third", "two-thirds"; the plural after a plural count only.
            let plural = t.lower(k).ends_with('s') && t.lower(k) != "halves";
            if plural != (count > 1.0) && w != "half" {
                return None;
            }
            // "a third-party audit", "a quarter-final": the part word opens a compound.
            if k + 2 < limit && t.joins_compound(k + 1) {
                return None;
            }
            // "a third soldier died", "a fourth victim", "for a third consecutive night": an
            // ordinal before one person or one of a series ("a half month" is no ordinal).
            let ordinal = !matches!(t.lower(k), "half" | "quarter");
            if count == 1.0
                && k + 1 < limit
                && (lex.is_counted(t.lower(k + 1))
                    || (ordinal && lex.ordinal_followers.contains_at(t, k + 1)))
            {
                return None;
            }
            // "a quarter of a million", "three quarters of a million".
            if let Some((end, scale)) = scale_after(t, lex, k + 1, limit) {
                return Some(exact(
                    t,
                    text,
                    i..end,
                    count * part * scale,
                    QuantityKind::Count,
                ));
            }
            (k + 1, count * part)
        } else if k < limit {
            // "one in five", "two out of three": the whole is larger than the part.
            let over = match (t.lower(k), k + 1 < limit && t.lower(k + 1) == "of") {
                ("in", _) if count == 1.0 => k + 1,
                ("out", true) => k + 2,
                _ => return None,
            };
            let whole = (over < limit).then(|| small(over)).flatten()?;
            // Not "one in 2024", nor "one in 10-year-old".
            let year = (1900.0..=2100.0).contains(&whole);
            if whole <= count || year || (over + 1 < limit && t.lower(over + 1) == "-") {
                return None;
            }
            (over + 1, count / whole)
        } else {
            return None;
        }
    };
    // "two and a half": the half belongs to the number before it.
    let after_number = i > 1
        && t.lower(i - 1) == "and"
        && (small(i - 2).is_some() || lex.scales.contains_key(t.lower(i - 2)));
    if after_number {
        return None;
    }
    Some(exact(t, text, i..end, value, QuantityKind::Fraction))
}

/// "(of) a million" after a share at `k`: where the scale ends, and the scale (a thousand or more).
fn scale_after(t: &Tokens, lex: &Lexicon, k: usize, limit: usize) -> Option<(usize, f64)> {
    let j = if k < limit && t.lower(k) == "of" {
        k + 1
    } else {
        k
    };
    if j + 1 >= limit || !matches!(t.lower(j), "a" | "an") {
        return None;
    }
    let scale = *lex.scales.get(t.lower(j + 1))?;
    (scale >= 1000.0).then_some((j + 2, scale))
}

/// An implicit count of one over `tokens`.
pub(crate) fn one(t: &Tokens, text: &str, tokens: Range<usize>) -> Quantity {
    Quantity {
        acled_value: Some(1.0),
        implicit: true,
        ..exact(t, text, tokens, 1.0, QuantityKind::Count)
    }
}

/// An exact amount without a unit over whole `tokens`, which are its text.
fn exact(t: &Tokens, text: &str, tokens: Range<usize>, value: f64, kind: QuantityKind) -> Quantity {
    Quantity {
        amount: Amount {
            text: text[t.byte_range(tokens.clone())].to_string(),
            value: Some(value),
            low: Some(value),
            high: Some(value),
            qualifier: Qualifier::Exact,
        },
        tokens: tokens.clone(),
        amount_tokens: tokens,
        kind,
        unit: None,
        acled_value: None,
        implicit: false,
    }
}

/// "more than 100 kilometres (60 miles)", "just under 296 hp (224 kW / 300 PS)": an amount in
/// brackets right after a bounded one converts it, and is bounded the same way. An
/// approximation is no bound: "some seven miles (11 km)" gives 11 as written, as NewsQuant's
/// annotators write it.
fn converted_bounds(t: &Tokens, out: &mut [Quantity], from: usize) {
    for k in from + 1..out.len() {
        let (before, after) = out.split_at_mut(k);
        let (prev, q) = (&before[k - 1], &mut after[0]);
        let bounded = matches!(
            prev.amount.qualifier,
            Qualifier::MoreThan | Qualifier::AtLeast | Qualifier::AtMost | Qualifier::LessThan
        );
        // Two whole counts are a figure and its part ("more than 100 people (20 children)"); a
        // count after a measure, or a fraction, is a measure in other units ("8.90 ksi (61.4
        // MPa)").
        let whole_count = |q: &Quantity| {
            q.kind == QuantityKind::Count && q.amount.value.is_some_and(|v| v.fract() == 0.0)
        };
        let both_counts = whole_count(q) && whole_count(prev);
        if !bounded || q.amount.qualifier != Qualifier::Exact || both_counts {
            continue;
        }
        let between: Vec<&str> = (prev.tokens.end..q.tokens.start)
            .map(|i| t.lower(i))
            .collect();
        // Right after "(" of the first amount, also past its unit and a currency's country
        // ("more than 7.5 million Danish crowns (US $1.1 million)", "lower than 8.90 ksi
        // (61.4 MPa)"), or after "/" inside the same brackets.
        let is_word = |i: usize| t.list[i].kind == TokenKind::Word;
        let opens = between.iter().position(|w| *w == "(").is_some_and(|at| {
            let open = prev.tokens.end + at;
            at <= 3
                && (prev.tokens.end..open).all(is_word)
                && q.tokens.start - open <= 2
                && (open + 1..q.tokens.start).all(|i| is_word(i) && t.list[i].capitalized)
        });
        let continues = matches!(between.as_slice(), ["/"]);
        if !(opens || continues) {
            continue;
        }
        let Some(value) = q.amount.value else {
            continue;
        };
        let (low, high, qualifier) = bounds(value, prev.amount.qualifier);
        q.amount.low = low;
        q.amount.high = high;
        q.amount.qualifier = qualifier;
    }
}

/// "more than 100 and less than 300", "at most 100 and at least 20": a lower and an upper bound
/// joined by "and" or "but" are one range.
fn merge_bounds(t: &Tokens, text: &str, out: &mut Vec<Quantity>, from: usize) {
    let lower =
        |q: &Quantity| matches!(q.amount.qualifier, Qualifier::MoreThan | Qualifier::AtLeast);
    let upper =
        |q: &Quantity| matches!(q.amount.qualifier, Qualifier::LessThan | Qualifier::AtMost);
    let mut k = from;
    while k + 1 < out.len() {
        let (a, b) = (&out[k], &out[k + 1]);
        let between: Vec<&str> = (a.tokens.end..b.tokens.start).map(|i| t.lower(i)).collect();
        let joined = matches!(
            between.as_slice(),
            ["and"] | ["but"] | [","] | [",", "and"] | [",", "but"]
        );
        let (lo, hi) = if lower(a) && upper(b) {
            (a, b)
        } else if upper(a) && lower(b) {
            (b, a)
        } else {
            k += 1;
            continue;
        };
        let (Some(low), Some(high)) = (lo.amount.low, hi.amount.high) else {
            k += 1;
            continue;
        };
        if !joined || a.kind != b.kind || low > high {
            k += 1;
            continue;
        }
        let tokens = a.tokens.start..b.tokens.end;
        let merged = Quantity {
            amount: Amount {
                text: text[t.byte_range(tokens.clone())].to_string(),
                value: lo.amount.value,
                low: Some(low),
                high: Some(high),
                qualifier: Qualifier::Range,
            },
            amount_tokens: a.amount_tokens.start..b.amount_tokens.end,
            tokens,
            kind: a.kind,
            unit: b.unit.clone().or_else(|| a.unit.clone()),
            acled_value: lo.acled_value,
            implicit: false,
        };
        out[k] = merged;
        out.remove(k + 1);
        k += 1;
    }
}

/// Where the age words after a number in words end: "a seven-year-old girl", "twelve years old".
fn word_age(t: &Tokens, lex: &Lexicon, first: &Bare, limit: usize) -> Option<usize> {
    if first.vague.is_some() {
        return None;
    }
    age_words_end(t, lex, first.end, limit)
}

/// Where the age words after a number end, when they stand at token `at` just after it, maybe
/// after a hyphen glued to the number: "12-year-old", "twelve years old".
///
/// ```
/// use sitrep_core::{lexicon::Lexicon, stages::{numbers, tokens::Tokens}};
/// let t = Tokens::new("a 12-year-old boy");
/// assert_eq!(numbers::age_words_end(&t, Lexicon::builtin(), 2, t.len()), Some(6));
/// ```
pub fn age_words_end(t: &Tokens, lex: &Lexicon, at: usize, limit: usize) -> Option<usize> {
    let hyphen = at > 0 && at < limit && t.lower(at) == "-" && t.touches_next(at - 1);
    let from = if hyphen { at + 1 } else { at };
    lex.age_words
        .longest_at(t, from, limit)
        .map(|(len, _)| from + len)
}

/// Whether the number at token `i` follows "age of" ("under the age of 18").
/// Whether the number at `i` ends a list of ages: "two brothers aged 8 and 12", "aged 5, 7 or
/// 9".
fn listed_age(t: &Tokens, lex: &Lexicon, i: usize, floor: usize) -> bool {
    let joins = |w: &str| matches!(w, "," | "and" | "or");
    if i == floor || !joins(t.lower(i - 1)) {
        return false;
    }
    let mut k = i - 1;
    let stop = i.saturating_sub(8).max(floor);
    while k > stop {
        let w = t.lower(k - 1);
        if lex.age_markers.contains(w) {
            return k + 1 < i;
        }
        if t.list[k - 1].kind != TokenKind::Number && !joins(w) {
            return false;
        }
        k -= 1;
    }
    false
}

fn after_age_of(t: &Tokens, lex: &Lexicon, i: usize, floor: usize) -> bool {
    i >= floor + 2 && t.lower(i - 1) == "of" && lex.age_markers.contains_at(t, i - 2)
}

/// An age: the number with its unit words ("12-year-old") as a quantity of kind age, and the
/// qualifier before it ("over 60 years old", "under the age of 18").
fn age_quantity(
    t: &Tokens,
    text: &str,
    lex: &Lexicon,
    span: Range<usize>,
    i: usize,
    first: Bare,
    unit_end: usize,
) -> Quantity {
    let Range {
        start: floor,
        end: limit,
    } = span;
    let unit_start = if first.end < t.len() && t.lower(first.end) == "-" {
        first.end + 1
    } else {
        first.end
    };
    let unit =
        (unit_end > unit_start).then(|| text[t.byte_range(unit_start..unit_end)].to_string());
    let end = unit_end.max(first.end);
    // The qualifier stands before "the age of" where there is one.
    let mut before = i;
    if after_age_of(t, lex, i, floor) {
        before -= 2;
        if before > floor && t.lower(before - 1) == "the" {
            before -= 1;
        }
    }
    let (start, qualifier) = match qualifier_before(t, lex, before, floor) {
        Some((len, q)) => (before - len, q),
        None => (i, Qualifier::Exact),
    };
    let (mut low, mut high, mut qualifier) = bounds(first.value, qualifier);
    let mut end = end;
    let mut amount_end = first.end;
    // An age without unit words may be a range or bounded after: "men aged 18 to 34", "aged
    // 65 and over".
    if unit_end <= first.end && qualifier == Qualifier::Exact {
        if let Some((from, to, range_end)) = range_tail(t, lex, i, &first, floor, limit) {
            (low, high, qualifier) = (Some(from), Some(to), Qualifier::Range);
            end = range_end;
            amount_end = range_end;
        } else if let Some((len, &q)) = lex.qualifiers_after.longest_at(t, end, limit) {
            (low, high, qualifier) = bounds(first.value, q);
            end += len;
        }
    }
    Quantity {
        tokens: start..end,
        amount_tokens: i..amount_end,
        amount: Amount {
            text: text[t.byte_range(start..end)].to_string(),
            value: Some(first.value),
            low,
            high,
            qualifier,
        },
        kind: QuantityKind::Age,
        unit,
        acled_value: None,
        implicit: false,
    }
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

/// The qualifier ending just before token `at` and its length in tokens: "at least", "over"
/// (not "the under 5s").
fn qualifier_before(
    t: &Tokens,
    lex: &Lexicon,
    at: usize,
    floor: usize,
) -> Option<(usize, Qualifier)> {
    lex.qualifiers_before
        .longest_ending_at(t, at, floor)
        .filter(|&(len, _)| !(len == 1 && is_preposition_use(t, lex, at - 1, floor)))
        .map(|(len, q)| (len, *q))
}

/// "over" and "under" are qualifiers only before a number, not in "over the border 3 ...":
/// the caller has already seen the number follow; this rejects "the under 5s" style uses and
/// the particle of "hand over 157 prisoners".
fn is_preposition_use(t: &Tokens, lex: &Lexicon, q: usize, floor: usize) -> bool {
    let w = t.lower(q);
    matches!(w, "under" | "over" | "above" | "below")
        && q > floor
        && (matches!(t.lower(q - 1), "the" | "a" | "an")
            || (w == "over" && lex.particle_over.contains_at(t, q - 1)))
}

/// "one" as a pronoun ("no one", "the one", "one another") is not an amount.
fn is_pronoun_one(t: &Tokens, lex: &Lexicon, i: usize, floor: usize) -> bool {
    if t.lower(i) != "one" {
        return false;
    }
    // "in which one civilian was killed": before a noun, "one" counts.
    if i + 1 < t.len() {
        let next = t.lower(i + 1);
        if t.list[i + 1].capitalized || lex.is_counted(next) {
            return false;
        }
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
    // A range's second bound may be looked for past the span's end ("$1-$" at the end).
    if i >= limit {
        return None;
    }
    let tok = t.list[i];
    if tok.kind == TokenKind::Number {
        let mut value = digits_value(t.lower(i))?;
        let mut end = i + 1;
        if let Some((fraction, len)) = fraction(t, i, value, limit) {
            return Some(Bare {
                end: i + len,
                value: fraction,
                vague: None,
                digits: true,
            });
        }
        // "10 000", "1 500 000": thousands set off by a space, as much of Europe writes them.
        // A typographic space (no-break, thin) always joins; a plain one only before people
        // ("10 000 victims"), as a flattened table's "120 350 410" is three numbers.
        let short = |k: usize, len: std::ops::RangeInclusive<usize>| {
            let w = t.lower(k);
            len.contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit())
        };
        if short(i, 1..=3) {
            let mut k = end;
            let mut plain = false;
            let mut grouped = value;
            while k < limit && t.list[k].kind == TokenKind::Number && short(k, 3..=3) {
                match t.gap(k - 1) {
                    " " => plain = true,
                    "\u{a0}" | "\u{2009}" | "\u{202f}" => {}
                    _ => break,
                }
                grouped = grouped * 1000.0 + digits_value(t.lower(k))?;
                k += 1;
            }
            if k > end && (!plain || (k < limit && lex.counted_nouns.contains_at(t, k))) {
                value = grouped;
                end = k;
            }
        }
        // "10.000 victims", "14.000 confirmed deaths": a full stop between thousands, before
        // people or deaths (which are never a fraction).
        let raw = t.lower(i);
        let people_or_deaths = |k: usize| {
            (lex.counted_nouns.contains_at(t, k) && !lex.material_nouns.contains_at(t, k))
                || lex.metric_after.matches_at(t, k, limit)
        };
        if end == i + 1
            && raw.len() >= 5
            && raw.as_bytes()[raw.len() - 4] == b'.'
            && short_grouped(raw)
            && (end..(end + 2).min(limit)).any(people_or_deaths)
        {
            value = digits_value(&raw.replace('.', ""))?;
        }
        if let Some(scale) = suffix_scale(t, lex, i, limit) {
            value *= scale;
            end += 1;
        }
        // "1.2 million"
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
    // Most words are no number: one look-up by the token's hash says so.
    if !lex.number_words.matches_at(t, i, i + 1) {
        return None;
    }
    words_at(t, lex, i, limit).map(|(end, value)| Bare {
        end,
        value,
        vague: None,
        digits: false,
    })
}

/// Whether a token is digits in groups of three after the first, set off by full stops
/// ("10.000", "1.500.000"), as German or Spanish write thousands.
fn short_grouped(raw: &str) -> bool {
    let mut groups = raw.split('.');
    let first = groups.next().unwrap_or("");
    (1..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_digit())
        && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

/// The value of a number token ("2024", "11,000", "1.2"): whole numbers are read digit by digit,
/// and only a decimal part (or a number too long to be exact) goes through the float parser.
///
/// ```text
/// "11,000" → 11000, "1.2" → 1.2, "1.2.3" → none
/// ```
fn digits_value(raw: &str) -> Option<f64> {
    let mut value: u64 = 0;
    let mut digits = 0;
    for &b in raw.as_bytes() {
        match b {
            b'0'..=b'9' if digits < 15 => {
                value = value * 10 + u64::from(b - b'0');
                digits += 1;
            }
            b',' => {}
            _ => return raw.replace(',', "").parse().ok(),
        }
    }
    (digits > 0).then_some(value as f64)
}

/// "1/2", "3/16": a proper fraction written with a slash, and its length in tokens. Day and
/// month ("19/02") and ratios ("24/7") are no fractions.
fn fraction(t: &Tokens, i: usize, numerator: f64, limit: usize) -> Option<(f64, usize)> {
    if i + 2 >= limit || !matches!(t.lower(i + 1), "/" | "⁄") {
        return None;
    }
    if !(t.touches_next(i) && t.touches_next(i + 1) && t.list[i + 2].kind == TokenKind::Number) {
        return None;
    }
    let denominator: f64 = t.lower(i + 2).parse().ok()?;
    let more = i + 3 < limit && t.touches_next(i + 2) && matches!(t.lower(i + 3), "/" | "⁄");
    // The fraction slash (U+2044) writes nothing but fractions; a solidus also writes dates
    // ("1/12") and ratios, so its denominators stay small.
    let fraction_slash = t.lower(i + 1) == "⁄";
    let proper = numerator.fract() == 0.0
        && numerator >= 1.0
        && numerator < denominator
        && (denominator <= 100.0 || fraction_slash);
    (proper && !more).then_some((numerator / denominator, 3))
}

/// A scale glued to the digits at `i` ("5bn", "100K", "$2m", "12.3m tonnes").
fn suffix_scale(t: &Tokens, lex: &Lexicon, i: usize, limit: usize) -> Option<f64> {
    let next = i + 1;
    if next >= limit || !t.touches_next(i) || t.list[next].kind != TokenKind::Word {
        return None;
    }
    let w = t.lower(next);
    let scale = *lex.suffix_scales.get(w)?;
    // "9K38", "5m2": a designation or a unit's power, not a scale.
    if next + 1 < limit && t.touches_next(next) && t.list[next + 1].kind != TokenKind::Punct {
        return None;
    }
    if w == "m" {
        let upper = t.list[next].capitalized;
        let money = i > 0 && lex.currency_symbols.longest_ending_at(t, i, 0).is_some();
        // "1.5m Ukrainians", "3m Syrian refugees": people, by name or demonym.
        let before_noun = next + 1 < limit
            && (lex.units.matches_at(t, next + 1, limit)
                || lex.counted_nouns.contains_at(t, next + 1)
                || t.lower(next + 1) == "of"
                || lex.demonyms.matches_at(t, next + 1, limit)
                || (t.list[next + 1].capitalized && t.lower(next + 1).ends_with("ans")));
        if !(upper || money || before_noun || before_plural(t, lex, next + 1, limit)) {
            return None;
        }
    }
    Some(scale)
}

/// Whether a plural noun stands at `k`, or after up to three words that describe it (joined
/// perhaps by "and"): "2.7m sales", "2.7m combined digital and physical sales". Metres are
/// rarely followed by a plural; where a word of measure comes first ("10m high walls") they
/// may be, and nothing is found.
fn before_plural(t: &Tokens, lex: &Lexicon, k: usize, limit: usize) -> bool {
    let mut described = 0;
    for j in k..limit.min(k + 6) {
        let tok = &t.list[j];
        let w = t.lower(j);
        if tok.kind != TokenKind::Word || tok.capitalized || lex.metre_words.contains_at(t, j) {
            return false;
        }
        if w == "and" && described > 0 {
            continue;
        }
        if lex.function_words.contains_at(t, j) {
            return false;
        }
        let plural = w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us");
        if plural {
            return true;
        }
        described += 1;
        if described > 3 {
            return false;
        }
    }
    false
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
        // "a Mil Mi-8 helicopter": a capitalised abbreviation after an article is a name (the
        // maker's), not "a million".
        if next.len() <= 3 && t.list[k].capitalized {
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
            // "every single part": "single" counts one only alone or after "a"; "not a
            // single soldier" counts none.
            if w == "single" {
                let alone = k == 0 || t.list[k - 1].kind != TokenKind::Word;
                let denied = k > 1 && matches!(t.lower(k - 2), "not" | "no");
                if !(alone || matches!(t.lower(k - 1), "a" | "one")) || denied {
                    break;
                }
            }
            current += v;
            last_small = v;
        } else if let Some(&s) = lex.scales.get(w) {
            // "Mil Mi-8": a capitalised abbreviation with no number before it is a name.
            if !seen && w.len() <= 3 && t.list[k].capitalized {
                break;
            }
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
            if matches!(w, "couple" | "pair") {
                let of = k < limit && t.lower(k) == "of";
                let next = if of { k + 1 } else { k };
                // "a couple hundred", "a couple of dozen", "a couple of thousand".
                let times = (next < limit)
                    .then(|| {
                        let n = t.lower(next);
                        lex.scales
                            .get(n)
                            .or_else(|| lex.groups.get(n).filter(|_| n == "dozen"))
                    })
                    .flatten();
                if let Some(&m) = times {
                    current *= m;
                    end = next + 1;
                } else if of {
                    // "a couple of soldiers": the "of" belongs to the amount.
                    end = k + 1;
                }
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
    // "5% to 10%": a unit may stand after the low end when the high end repeats it.
    let mut link_at = first.end;
    let mut repeated_unit = None;
    if let Some((len, _)) = lex.units.longest_at(t, link_at, limit) {
        repeated_unit = Some((link_at, len));
        link_at += len;
    }
    if link_at + 1 >= limit {
        return None;
    }
    let link = t.lower(link_at);
    // "between $20 and $30", "between US$20 and US$30": look past a currency symbol on either
    // end.
    let symbol_len = if i > floor {
        lex.currency_symbols
            .longest_ending_at(t, i, floor)
            .map_or(0, |(len, _)| len)
    } else {
        0
    };
    let symbol_before = symbol_len > 0;
    // The word before the amount, past a currency symbol or a sign ("between minus 10 and 5").
    let mut opener = i.saturating_sub(symbol_len + 1);
    if opener > floor && matches!(t.lower(opener), "minus" | "negative") {
        opener -= 1;
    }
    let between = i > floor && opener >= floor && t.lower(opener) == "between";
    // "increased by $43.6 billion to $419.2 billion": a change and a new level; "the toll rose
    // from 20 to 30": an old level and a new one. Neither is a range.
    // A verb of change ends at token `k` ("rose", "went up").
    let changed = |k: usize| {
        k >= floor
            && lex
                .change_verbs
                .longest_ending_at(t, k + 1, floor)
                .is_some()
    };
    let by_change = i > floor
        && opener >= floor
        && (t.lower(opener) == "by"
            || (t.lower(opener) == "from" && opener > floor && changed(opener - 1)));
    // "rose 3% to 45%": a change and the level it reached, far above it ("rose 20 to 30
    // percent" stays a range of the change).
    let change_then_level = i > floor && opener >= floor && changed(opener);
    let ok = !by_change
        && match link {
            "to" | "-" | "–" | "—" | "through" | "thru" | "~" => true,
            "and" => between,
            "or" => !first.digits,
            _ => false,
        };
    if !ok {
        return None;
    }
    let mut second_start = link_at + 1;
    if let Some((len, _)) = lex.currency_symbols.longest_at(t, second_start, limit) {
        if symbol_before {
            second_start += len;
        }
    }
    let second = bare_at(t, lex, second_start, limit)?;
    if let Some((at, len)) = repeated_unit {
        let same = second.end + len <= limit
            && (0..len).all(|k| t.lower(at + k) == t.lower(second.end + k));
        if !same {
            return None;
        }
    }
    if second.vague.is_some() || second.digits != first.digits && link == "-" {
        return None;
    }
    // A phone or ID number: "202-555-0100".
    if link == "-" && second.end < limit && t.lower(second.end) == "-" {
        return None;
    }
    if second.digits && not_an_amount(t, lex, second_start, second.end, floor, limit).is_some() {
        return None;
    }
    // "1.2 to 1.5 million", "four to five thousand": the scale that ends the upper end applies
    // to a lower end that has none.
    let mut low = first.value;
    let first_has_scale = lex.scales.contains_key(t.lower(first.end - 1));
    let second_scale = lex
        .scales
        .get(t.lower(second.end - 1))
        .copied()
        .unwrap_or(1.0);
    if !first_has_scale && second_scale > 1.0 && low * second_scale <= second.value {
        low *= second_scale;
    }
    if second.value < low || (change_then_level && second.value >= 3.0 * low) {
        return None;
    }
    Some((low, second.value, second.end))
}

/// What a number that is not an amount is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NonAmount {
    /// A year, a time, an ordinal, a label: resume scanning at this token.
    Skip(usize),
    /// An age: a quantity of its own kind, whose unit words end at this token.
    Age(usize),
}

/// Whether tokens `at..at + 3` are digits in brackets worth `value`: "(2)" after "two".
fn restated(t: &Tokens, at: usize, value: f64, limit: usize) -> bool {
    at + 3 <= limit
        && t.lower(at) == "("
        && t.list[at + 1].kind == TokenKind::Number
        && t.lower(at + 2) == ")"
        && digits_value(t.lower(at + 1)) == Some(value)
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
) -> Option<NonAmount> {
    let raw = t.lower(i);
    let next = (end < limit).then(|| t.lower(end));
    let touching_next = end < limit && t.list[end - 1].end == t.list[end].start;
    // "... December 2025.17 In addition, there were": a footnote's number left at the start of
    // the next sentence, before a capitalised function word, which no count stands before.
    if i == floor
        && end == i + 1
        && end < limit
        && t.list[end].capitalized
        && !t.list[end].inner_capital
        && lex.function_words.contains_at(t, end)
    {
        return Some(NonAmount::Skip(end));
    }
    // Clock times: 15:30, 3 p.m.
    if touching_next
        && next == Some(":")
        && end + 1 < limit
        && t.list[end + 1].kind == TokenKind::Number
    {
        return Some(NonAmount::Skip(end + 2));
    }
    if end == i + 1 && end < limit && lex.time_words.matches_at(t, end, limit) {
        return Some(NonAmount::Skip(end + 1));
    }
    // Ordinals and decades: 93rd, 1990s; letters glued to digits ("4x4") unless a unit.
    if touching_next && t.list[end].kind == TokenKind::Word && end == i + 1 {
        let w = t.lower(end);
        if matches!(w, "st" | "nd" | "rd" | "th" | "s")
            || (w == "p" && lex.display_resolutions.contains(raw))
            || !lex.units.matches_at(t, end, limit) && !lex.scales.contains_key(w)
        {
            return Some(NonAmount::Skip(end + 1));
        }
    }
    // Ages: 12-year-old, 12 years old, aged 12.
    if let Some(unit_end) = age_words_end(t, lex, end, limit) {
        return Some(NonAmount::Age(unit_end));
    }
    // "aged 30", "under the age of 18", "aged over 65"
    let marker_before = |k: usize| k > floor && lex.age_markers.contains_at(t, k - 1);
    let qualified_age =
        || qualifier_before(t, lex, i, floor).is_some_and(|(len, _)| marker_before(i - len));
    if after_age_of(t, lex, i, floor)
        || marker_before(i)
        || qualified_age()
        || listed_age(t, lex, i, floor)
    {
        return Some(NonAmount::Age(end));
    }
    // "Shahbuddin Patwari, 28, president of ...": a number between commas after a name.
    let after_name = i >= floor + 2
        && t.lower(i - 1) == ","
        && t.list[i - 2].capitalized
        && t.list[i - 2].kind == TokenKind::Word;
    if after_name
        && end == i + 1
        && next == Some(",")
        && raw.parse::<u32>().is_ok_and(|v| (1..=120).contains(&v))
    {
        return Some(NonAmount::Age(end));
    }
    // "Mohammad Rahim (35) was killed", "Sohag (18) of Nagarkanda": a number alone in brackets
    // after a name is the person's age. After a place it is a tally ("Aleppo (12), Idlib (5)").
    let bracketed_after_name = i >= floor + 2
        && t.lower(i - 1) == "("
        && next == Some(")")
        && end == i + 1
        && t.list[i - 2].capitalized
        && t.list[i - 2].kind == TokenKind::Word;
    if bracketed_after_name
        && raw.parse::<u32>().is_ok_and(|v| (1..=120).contains(&v))
        && !(floor.max((i - 2).saturating_sub(3))..=i - 2).any(|k| {
            lex.gazetteer
                .place_at(t, k, i - 1)
                .is_some_and(|(len, _)| k + len == i - 1)
        })
    {
        return Some(NonAmount::Age(end));
    }
    // Labels: Su-34, S-300, Section 427, No. 3, #5.
    if i > floor {
        let prev = t.lower(i - 1);
        let touching_prev = t.list[i - 1].end == t.list[i].start;
        // "1.5 million-2 million" is a range; "21 Kh-101 missiles" a count and a designation.
        let after_number =
            i >= floor + 3 && t.list[i - 3].kind == TokenKind::Number && !t.list[i - 2].capitalized;
        let spelled_sign = i >= floor + 2 && matches!(t.lower(i - 2), "minus" | "negative" | "sub");
        if (prev == "-" || prev == "/" || prev == ".")
            && !after_number
            && !spelled_sign
            && touching_prev
            && i > floor + 1
            && t.list[i - 2].kind == TokenKind::Word
            && t.list[i - 2].end == t.list[i - 1].start
        {
            return Some(NonAmount::Skip(end));
        }
        let currency = lex
            .currency_symbols
            .longest_ending_at(t, i, floor)
            .is_some();
        if prev == "#" || (touching_prev && t.list[i - 1].kind == TokenKind::Word && !currency) {
            return Some(NonAmount::Skip(end));
        }
        let label_word = if prev == "." && i > floor + 1 {
            t.lower(i - 2)
        } else {
            prev
        };
        // "the category 4 hurricane", "a level 3 alert": a label after an article, too.
        let after_article = i >= floor + 2 && matches!(t.lower(i - 2), "the" | "a" | "an");
        // A function word ("an") is a label only as "No. 3", capitalised inside a sentence
        // ("the An 26"), or glued by a hyphen ("An-26", above): "an 18 km march" is an amount.
        let capitalized = t.list[i - 1].capitalized;
        let label = || {
            if lex.function_words.contains(label_word) {
                capitalized && i - 1 > floor
            } else {
                capitalized || label_word.len() <= 2 || after_article
            }
        };
        if lex.identifier_words.contains(label_word)
            && (prev == "." || matches!(label_word, "number" | "no") || label())
        {
            // "Item 1 of 5", "page 3 of 10": the whole the label counts through is no amount.
            let of_whole = end + 1 < limit
                && t.lower(end) == "of"
                && t.list[end + 1].kind == TokenKind::Number;
            return Some(NonAmount::Skip(if of_whole { end + 2 } else { end }));
        }
    }
    // Names before a number: "iPhone 11", "FTSE 100", "Apollo 11" (not "Kursk, 100", not a
    // sentence opener, month, weekday or title).
    if i > floor + 1 && end == i + 1 {
        let prev = t.list[i - 1];
        let word = t.lower(i - 1);
        let counts_after = end < limit
            && (lex.counted_nouns.contains_at(t, end)
                || lex.units.matches_at(t, end, limit)
                || lex.scales.contains_key(t.lower(end)));
        if prev.kind == TokenKind::Word
            && (prev.capitalized || prev.inner_capital)
            && !counts_after
            && !lex.function_words.contains(word)
            && !lex.months.matches_at(t, i - 1, i)
            && !lex.weekdays.matches_at(t, i - 1, i)
            && !lex.demonyms.matches_at(t, i - 1, i)
            && !lex.titles.matches_at(t, i - 1, i)
            && lex
                .qualifiers_before
                .longest_ending_at(t, i, floor)
                .is_none()
            && lex
                .currency_symbols
                .longest_ending_at(t, i, floor)
                .is_none()
        {
            // "ISO 3888-2": a part number glued on is the name's too.
            let part = touching_next
                && next == Some("-")
                && end + 1 < limit
                && t.list[end + 1].kind == TokenKind::Number
                && t.list[end].end == t.list[end + 1].start;
            return Some(NonAmount::Skip(if part { end + 2 } else { end }));
        }
    }
    // A house number: "49 Zorro Ranch Road", "9 E 71st St", "22 Ave Foch".
    if let Some(street_end) = street_after(t, lex, end, limit) {
        return Some(NonAmount::Skip(street_end));
    }
    // Years of an era ("A.D. 1000", "500 BC"), and a year's partner in a span ("A.D. 1000 and
    // 1260", "between 1600 and 1900."). Where a word follows the span it may be what the
    // numbers count ("from 1000 to 2000 hires"), unless an era marks the partner.
    let year_digits = raw.len() <= 4 && raw.bytes().all(|b| b.is_ascii_digit());
    if end == i + 1
        && year_digits
        && (era_before(t, lex, i, floor) || era_after(t, lex, end, limit))
    {
        return Some(NonAmount::Skip(end));
    }
    let may_be_year =
        raw.len() == 4 && raw.parse::<u32>().is_ok_and(|v| (1000..=2100).contains(&v));
    if end == i + 1 && may_be_year && !counts_something(t, lex, i, end, floor, limit) {
        let span_ends = |k: usize| k >= limit || t.list[k].kind != TokenKind::Word;
        let partner = |k: usize, span_end: usize| {
            era_before(t, lex, k, floor)
                || era_after(t, lex, k + 1, limit)
                || (span_ends(span_end) && is_year(t, lex, k, floor, limit))
        };
        let partner_before = i >= floor + 2
            && matches!(t.lower(i - 1), "and" | "to" | "or" | "-" | "–")
            && t.list[i - 2].kind == TokenKind::Number
            && partner(i - 2, end);
        let partner_after = end + 1 < limit
            && matches!(t.lower(end), "and" | "to" | "or")
            && t.list[end + 1].kind == TokenKind::Number
            && partner(end + 1, end + 2);
        if partner_before || partner_after {
            return Some(NonAmount::Skip(end));
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
            return Some(NonAmount::Skip(k));
        }
    }
    // "between February 2022 and December 2025.20": a year after its month, with a footnote's
    // number glued on by a full stop.
    let year_and_note = raw.len() > 5
        && raw.as_bytes()[4] == b'.'
        && raw[..4]
            .parse::<u32>()
            .is_ok_and(|y| (1800..=2100).contains(&y))
        && i > floor
        && lex.months.matches_at(t, i - 1, i);
    if end == i + 1 && year_and_note {
        return Some(NonAmount::Skip(end));
    }
    // Years: four digits, no separator, 1800..2100, not counting anything.
    if end == i + 1 && plain_year(t, lex, i, floor, limit) {
        // "2014-15", "2022–2023": a span of years.
        let span_end = if touching_next
            && matches!(next, Some("-") | Some("–") | Some("/"))
            && end + 1 < limit
            && t.list[end + 1].kind == TokenKind::Number
        {
            end + 2
        } else {
            end
        };
        return Some(NonAmount::Skip(span_end));
    }
    None
}

/// Whether a capitalised number word ends a name: "BBC One", "Formula One", "Air Force One".
/// It follows a capitalised word inside the sentence and ends the phrase (punctuation, the
/// sentence's end, or a lower-case word that is nothing counted), so that "Strike Kills Two
/// Soldiers" in a headline still counts.
fn names_by_number(
    t: &Tokens,
    lex: &Lexicon,
    i: usize,
    end: usize,
    floor: usize,
    limit: usize,
) -> bool {
    let prev = i.checked_sub(1).filter(|&p| p > floor);
    let after_name = prev.is_some_and(|p| {
        let token = &t.list[p];
        token.kind == TokenKind::Word && token.capitalized && !lex.function_words.contains_at(t, p)
    });
    let ends_phrase = end >= limit
        || t.list[end].kind == TokenKind::Punct
        || (t.list[end].kind == TokenKind::Word
            && !t.list[end].capitalized
            && !lex.counted_nouns.contains_at(t, end)
            && !lex.units.matches_at(t, end, limit));
    t.list[i].capitalized && end == i + 1 && after_name && ends_phrase
}

/// Whether the token at `k` is a year: four digits from 1800 to 2100 that count nothing, or a
/// number beside an era marker.
fn is_year(t: &Tokens, lex: &Lexicon, k: usize, floor: usize, limit: usize) -> bool {
    if t.list[k].kind != TokenKind::Number {
        return false;
    }
    plain_year(t, lex, k, floor, limit)
        || era_before(t, lex, k, floor)
        || era_after(t, lex, k + 1, limit)
}

/// Whether the token at `k` is four digits from 1800 to 2100 that count nothing.
fn plain_year(t: &Tokens, lex: &Lexicon, k: usize, floor: usize, limit: usize) -> bool {
    let raw = t.lower(k);
    raw.len() == 4
        && raw.parse::<u32>().is_ok_and(|y| (1800..=2100).contains(&y))
        && !counts_something(t, lex, k, k + 1, floor, limit)
}

/// Whether an era marker ("A.D.", "AD") ends right before token `i`.
fn era_before(t: &Tokens, lex: &Lexicon, i: usize, floor: usize) -> bool {
    // Most numbers stop here: no marker ends as the word before them does.
    let last = |w: &str| w.as_bytes().last().copied();
    if i == floor
        || !lex
            .era_markers
            .iter()
            .any(|m| last(m) == last(t.lower(i - 1)))
    {
        return false;
    }
    let mut word = String::new();
    for k in (floor..i).rev().take(4) {
        word.insert_str(0, t.lower(k));
        if lex.era_markers.contains(word.as_str()) {
            return true;
        }
        let glued = k > floor && t.list[k - 1].end == t.list[k].start;
        if !glued {
            return false;
        }
    }
    false
}

/// Whether an era marker ("BC", "B.C.") starts at token `end`.
fn era_after(t: &Tokens, lex: &Lexicon, end: usize, limit: usize) -> bool {
    // Most numbers stop here: no marker starts as the word after them does.
    let first = |w: &str| w.as_bytes().first().copied();
    if end >= limit
        || !lex
            .era_markers
            .iter()
            .any(|m| first(m) == first(t.lower(end)))
    {
        return false;
    }
    let mut word = String::new();
    for k in end..limit.min(end + 4) {
        if k > end && t.list[k - 1].end != t.list[k].start {
            break;
        }
        word.push_str(t.lower(k));
        if lex.era_markers.contains(word.as_str())
            && (k + 1 >= limit
                || t.list[k + 1].kind != TokenKind::Word
                || t.list[k].end != t.list[k + 1].start)
        {
            return true;
        }
    }
    false
}

/// Where a street's name ends when one follows the number ending at `end` (or a span of house
/// numbers, "16-18"): a run of up to four capitalised words or ordinals ("71st") whose last is a
/// street word ("Road", "St"), or that a street word opens ("Ave Foch").
fn street_after(t: &Tokens, lex: &Lexicon, end: usize, limit: usize) -> Option<usize> {
    let glued = |k: usize| k + 1 < limit && t.list[k].end == t.list[k + 1].start;
    let mut start = end;
    if start + 1 < limit
        && t.lower(start) == "-"
        && glued(start)
        && t.list[start + 1].kind == TokenKind::Number
    {
        start += 2;
    }
    let capitalized = |k: usize| t.list[k].kind == TokenKind::Word && t.list[k].capitalized;
    let mut k = start;
    while k < limit && k < start + 6 {
        let ordinal = t.list[k].kind == TokenKind::Number
            && glued(k)
            && matches!(t.lower(k + 1), "st" | "nd" | "rd" | "th");
        if ordinal {
            k += 2;
            continue;
        }
        if k > start && t.lower(k) == "." && glued(k - 1) {
            k += 1;
            continue;
        }
        if !capitalized(k) {
            return None;
        }
        if lex.street_words.contains_at(t, k) {
            if k > start {
                return Some(k + 1);
            }
            // "Ave Foch": a leading street word needs the name after it.
            let mut stop = k + 1;
            while stop < limit && capitalized(stop) {
                stop += 1;
            }
            return (stop > k + 1).then_some(stop);
        }
        k += 1;
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
        || lex
            .currency_symbols
            .longest_ending_at(t, i, floor)
            .is_some()
    {
        return true;
    }
    (end..(end + 3).min(limit)).any(|k| lex.counted_nouns.contains_at(t, k))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_read_as_the_float_parser_reads_them() {
        for raw in [
            "0",
            "7",
            "2024",
            "11,000",
            "1,234,567",
            "1.2",
            ".5",
            "0.001",
            "1.2.3",
            "12345678901234567890",
            "999999999999999",
            "9999999999999999",
        ] {
            let parsed: Option<f64> = raw.replace(',', "").parse().ok();
            assert_eq!(digits_value(raw), parsed, "{raw}");
        }
    }

    /// (text, value, low, high, qualifier)
    type Brief = (String, Option<f64>, Option<f64>, Option<f64>, Qualifier);

    /// Every quantity `find` gives over the whole of `text`.
    fn found(text: &str) -> Vec<Quantity> {
        let t = Tokens::new(text);
        find(&t, text, Lexicon::builtin(), 0..t.len())
    }

    fn quantities(text: &str) -> Vec<Brief> {
        found(text)
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
    fn a_range_cut_off_after_its_currency_symbol_is_no_range() {
        // Found by the `extract` fuzz target: the second bound was looked for past the end.
        let texts: Vec<String> = quantities("$1-1$1-$").into_iter().map(|q| q.0).collect();
        assert!(!texts.is_empty());
        assert!(quantities("costs $5-$").iter().all(|q| q.3 == Some(5.0)));
    }

    #[test]
    fn house_numbers_names_and_era_years_are_no_amounts() {
        let texts =
            |text: &str| -> Vec<String> { quantities(text).into_iter().map(|q| q.0).collect() };
        assert!(texts("a meeting at 10 Downing Street of the leaders").is_empty());
        assert!(texts("9 E 71st St, Manhattan, and 22 Ave Foch, Paris").is_empty());
        assert!(texts("An office at 16-18 Industrial Avenue has leased.").is_empty());
        assert!(texts("Trump told reporters aboard Air Force One: it is over.").is_empty());
        assert!(texts("since World War Two, in Phase One of the war").is_empty());
        assert!(texts("built between A.D. 1000 and 1260 by the Popolocas").is_empty());
        assert!(texts("founded in 500 BC by settlers").is_empty());
        assert!(texts("in 79 CE and in AD 79").is_empty());
        assert!(texts("it passed the ISO 3888-2 test").is_empty());
        // Counts stay counts: a street word after lower-case words, a number word before its
        // counted noun or in a title-case headline.
        assert_eq!(texts("3 Supreme Court judges resigned"), ["3"]);
        assert_eq!(texts("killed 5 people on Salah al-Din Road"), ["5"]);
        assert_eq!(texts("Strike Kills Two Soldiers"), ["Two"]);
        // A span with words after it may count them: its first number stays an amount.
        assert_eq!(texts("going from 1000 to 2000 hires")[0], "1000");
    }

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

    /// After a verb of change, "from N to M" is an old level and a new one, and "N to M" a
    /// change and the level it reached when M is far above N: two figures, not a range.
    #[test]
    fn changes_and_levels_are_no_ranges() {
        let texts =
            |text: &str| -> Vec<String> { quantities(text).into_iter().map(|q| q.0).collect() };
        assert_eq!(texts("The toll rose from 20 to 38."), ["20", "38"]);
        assert_eq!(texts("Shares fell 3% to 45%."), ["3%", "45%"]);
        assert_eq!(texts("Oil rose $2 to $75 a barrel."), ["$2", "$75"]);
        // A change that is itself a range, and a range with no verb of change, stay ranges.
        assert_eq!(
            texts("Shares jumped 20 to 30 percent."),
            ["20 to 30 percent"]
        );
        assert_eq!(
            texts("From 20 to 30 people were killed."),
            ["From 20 to 30"]
        );
        assert_eq!(
            texts("Prices ranged from 20 to 30 dollars."),
            ["from 20 to 30 dollars"]
        );
    }

    /// A glued "p" is pence, unless the number is a screen height.
    #[test]
    fn pence_and_screen_heights() {
        assert_eq!(one("The shares closed at 164p.").0, "164p");
        assert_eq!(one("50 pence").0, "50 pence");
        assert!(quantities("It streams in 1080p.").is_empty());
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
    fn shares_of_a_scale_couples_of_a_scale_and_glued_qualifiers() {
        assert_eq!(one("Half a million people fled").1, Some(500_000.0));
        assert_eq!(one("a quarter of a million people").1, Some(250_000.0));
        assert_eq!(one("three quarters of a million").1, Some(750_000.0));
        // A share of something else stays a ratio.
        assert_eq!(one("a quarter of the town").1, Some(0.25));
        assert_eq!(one("a couple hundred people").1, Some(200.0));
        assert_eq!(one("a couple of dozen soldiers").1, Some(24.0));
        assert_eq!(one("a couple of soldiers").0, "a couple of");
        assert_eq!(
            one("Sixty-odd countries attended"),
            (
                "Sixty-odd".into(),
                Some(60.0),
                Some(60.0),
                Some(60.0),
                Approx
            )
        );
        assert_eq!(
            one("300-plus Bradleys"),
            ("300-plus".into(), Some(300.0), Some(300.0), None, AtLeast)
        );
        assert_eq!(one("thirty-plus tanks").4, AtLeast);
        // A number word glued to a noun still describes it, unless the noun makes it the
        // size of the group named next.
        assert!(quantities("a three-day truce").is_empty());
        assert_eq!(one("a five-member family").1, Some(5.0));
        assert_eq!(one("a three-man crew").1, Some(3.0));
    }

    #[test]
    fn thousands_set_off_by_spaces_or_full_stops() {
        assert_eq!(one("10 000 victims").1, Some(10_000.0));
        assert_eq!(one("10\u{a0}000 troops arrived").1, Some(10_000.0));
        assert_eq!(one("1 500 000 people").1, Some(1_500_000.0));
        // A flattened table's row is three numbers.
        assert_eq!(quantities("Killed 120 350 410.").len(), 3);
        assert_eq!(one("10.000 victims").1, Some(10_000.0));
        assert_eq!(one("a 10.000 km range").1, Some(10.0));
        // "m" before people is millions; alone it may be metres.
        assert_eq!(
            one("Nearly 1.5m Ukrainians have returned").1,
            Some(1_500_000.0)
        );
        assert_eq!(one("a 2.5m wall").1, Some(2.5));
        // Before a plural noun, perhaps described first, millions; after a word of measure,
        // metres.
        assert_eq!(
            one("with 2.7m combined digital and physical sales").1,
            Some(2_700_000.0)
        );
        assert_eq!(one("garners 400m streams").1, Some(400_000_000.0));
        assert_eq!(one("behind 10m high walls").1, Some(10.0));
        assert_eq!(one("a 3m long and wide trench").1, Some(3.0));
        assert!(quantities("Not a single soldier was hurt.")
            .iter()
            .all(|q| q.0 != "single"));
    }

    #[test]
    fn the_particle_of_hand_over_is_no_qualifier() {
        let found = quantities("The sides agreed to hand over 157 prisoners.");
        assert_eq!((found[0].0.as_str(), found[0].4), ("157", Qualifier::Exact));
        // "1 IS fighter": an acronym after the number is no footnote's sentence.
        assert_eq!(quantities("1 IS Iraqi fighter was killed.")[0].1, Some(1.0));
        let found = quantities("The attack left over 20 people dead.");
        assert_eq!(
            (found[0].0.as_str(), found[0].4),
            ("over 20", Qualifier::MoreThan)
        );
    }

    #[test]
    fn a_makers_abbreviation_is_no_scale() {
        // "Mil" is the helicopter's maker, not "a million"; the article counts one helicopter.
        let found = quantities("A Mil Mi-8 helicopter was shot down.");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].0.as_str(), found[0].1), ("A", Some(1.0)));
        assert_eq!(quantities("a mil")[0].1, Some(1e6));
    }

    #[test]
    fn not_counts_are_skipped() {
        for text in [
            "in 2024",
            "at 15:30",
            "the 93rd Brigade",
            "Section 427",
            "the Su-34 jets",
            "call 202-555-0100",
            "at 3 p.m.",
            "the 1990s",
            "no one",
            "No. 3",
            "the category 4 hurricane",
            "a level 3 alert",
            "the sp 500 fell",
            "the An 26 crashed",
            "a third-party audit",
            "in the second half of the game",
            "until December 2025.20 Combined losses",
            "19 The strike was executed with drones",
            "Item 1 of 5 Ukrainian prisoners of war pose for a picture",
        ] {
            assert!(
                quantities(text).is_empty(),
                "{text}: {:?}",
                quantities(text)
            );
        }
    }

    #[test]
    fn ages_are_quantities_of_their_own_kind() {
        for (text, unit) in [
            ("the 12-year-old boy", Some("year-old")),
            ("the seven-year-old", Some("year-old")),
            ("twelve years old", Some("years old")),
            ("aged 12", None),
            ("He is 30 years old", Some("years old")),
            ("boys under the age of 18", None),
            ("Mohammad Rahim (35) was killed", None),
        ] {
            let q = found(text);
            assert_eq!(q.len(), 1, "{text}");
            assert_eq!(
                (q[0].kind, q[0].unit.as_deref()),
                (QuantityKind::Age, unit),
                "{text}"
            );
        }
    }

    #[test]
    fn an_ordinal_before_a_person_is_no_fraction() {
        for text in ["A third soldier died of his wounds.", "a fourth victim"] {
            let q = found(text);
            assert!(
                q.iter().all(|q| q.kind != QuantityKind::Fraction),
                "{text}: {q:?}"
            );
        }
        let text = "a third of the residents";
        let q = found(text);
        assert_eq!(q[0].kind, QuantityKind::Fraction);
    }

    /// Asserts that none of `texts` holds a quantity.
    fn no_quantity_in(texts: &[&str]) {
        for text in texts {
            assert!(
                quantities(text).is_empty(),
                "{text}: {:?}",
                quantities(text)
            );
        }
    }

    #[test]
    fn an_ordinal_in_a_series_is_no_fraction() {
        no_quantity_in(&[
            "Drones struck Kyiv for a third consecutive night.",
            "as the war enters a fifth year",
            "a fifth attempt to capture the town",
        ]);
        // A half and a quarter are parts, whatever follows.
        assert_eq!(one("for a half month").1, Some(0.5));
        assert_eq!(one("prices fell by a fifth.").1, Some(0.2));
    }

    #[test]
    fn digits_that_restate_a_number_word_belong_to_it() {
        let q = one("Two (2) people were killed");
        assert_eq!((q.0.as_str(), q.1), ("Two (2)", Some(2.0)));
        // Digits that say another number stand apart.
        assert_eq!(quantities("two (3) people").len(), 2);
    }

    #[test]
    fn a_list_of_ages_is_ages() {
        for text in ["two brothers aged 8 and 12", "children aged 5, 7 or 9"] {
            let q = found(text);
            let ages = q.iter().filter(|q| q.kind == QuantityKind::Age).count();
            assert_eq!(
                ages,
                q.len() - usize::from(text.starts_with("two")),
                "{text}"
            );
        }
    }

    #[test]
    fn a_range_of_days_before_a_month_is_a_date() {
        no_quantity_in(&[
            "between 11 and 13 October",
            "from 16–19 April",
            "On 1-5 March",
        ]);
        assert_eq!(one("between 11 and 13 soldiers").1, Some(11.0));
        assert_eq!(one("between 10 and 20 may have died").3, Some(20.0));
    }

    #[test]
    fn a_unit_may_be_joined_by_a_hyphen() {
        for (text, unit) in [("a 40-km convoy", "km"), ("a 155-mm shell", "mm")] {
            let q = found(text);
            assert_eq!(q[0].unit.as_deref(), Some(unit), "{text}");
        }
        // At the end of the text, and before a word that is no unit.
        assert_eq!(one("it was 40-").1, Some(40.0));
        assert_eq!(quantities("a 5-member family").len(), 1);
    }

    #[test]
    fn an_age_may_be_a_range_or_bounded() {
        let ages = |text: &str| {
            found(text)
                .into_iter()
                .map(|q| (q.amount.text, q.kind, q.amount.qualifier))
                .collect::<Vec<_>>()
        };
        use QuantityKind::Age;
        assert_eq!(ages("men aged 18 to 34"), [("18 to 34".into(), Age, Range)]);
        assert_eq!(
            ages("aged 65 and over"),
            [("65 and over".into(), Age, AtLeast)]
        );
        assert_eq!(
            ages("children aged between 5 and 11"),
            [("between 5 and 11".into(), Age, Range)]
        );
    }

    #[test]
    fn a_number_in_brackets_after_a_place_is_a_tally() {
        let text = "Deaths were recorded in Aleppo (12) and Deir ez-Zor (3).";
        let q = found(text);
        let kinds: Vec<QuantityKind> = q.iter().map(|q| q.kind).collect();
        assert_eq!(kinds, [QuantityKind::Count, QuantityKind::Count]);
    }

    #[test]
    fn ages_keep_their_qualifier() {
        for (text, quantity) in [
            (
                "children under the age of 5 died",
                ("under the age of 5", Some(5.0), None, Some(4.0), LessThan),
            ),
            (
                "men over 60 years old",
                ("over 60 years old", Some(60.0), Some(61.0), None, MoreThan),
            ),
            (
                "people aged over 65",
                ("over 65", Some(65.0), Some(66.0), None, MoreThan),
            ),
        ] {
            let q = found(text);
            assert_eq!(q.len(), 1, "{text}: {q:?}");
            assert_eq!(q[0].kind, QuantityKind::Age, "{text}");
            let a = &q[0].amount;
            let (words, value, low, high, qualifier) = quantity;
            assert_eq!(
                (a.text.as_str(), a.value, a.low, a.high, a.qualifier),
                (words, value, low, high, qualifier),
                "{text}"
            );
        }
    }

    #[test]
    fn signs_suffix_scales_and_currency_codes() {
        assert_eq!(one("minus 233").1, Some(-233.0));
        assert_eq!(one("CAC -1.7%").1, Some(-1.7));
        assert_eq!(one("revenue of EUR50m").1, Some(50e6));
        assert_eq!(one("12.3m tonnes").1, Some(12.3e6));
        assert_eq!(one("a 100m sprint").1, Some(100.0));
        assert!(quantities("with an 9K38 Igla").is_empty());
        assert_eq!(one("from $370,000 to $5.5 million").3, Some(5.5e6));
    }

    #[test]
    fn an_article_before_digits_is_no_label() {
        // "An" names Antonov aircraft ("An-26"); the article before digits does not.
        assert_eq!(one("an 18 km march").1, Some(18.0));
        assert_eq!(one("An 8.5 kW system").1, Some(8.5));
        assert!(quantities("the An-26 crashed").is_empty());
    }

    #[test]
    fn symbols_of_several_tokens_open_ranges_and_name_the_unit() {
        for (text, unit) in [
            ("between $US160 million and $US171 million", "$US"),
            ("between US$160 million and US$171 million", "US$"),
        ] {
            let q = found(text);
            assert_eq!(q.len(), 1, "{text}: {q:?}");
            assert_eq!(q[0].amount.text, text);
            assert_eq!(
                (q[0].amount.low, q[0].amount.high),
                (Some(160e6), Some(171e6))
            );
            assert_eq!(q[0].unit.as_deref(), Some(unit));
        }
    }

    #[test]
    fn fractions_and_inclusive_bounds() {
        assert_eq!(one("1/2 pound").1, Some(0.5));
        // The fraction slash writes fractions only, whatever the denominator.
        assert_eq!(one("1⁄128 of a gallon").1, Some(1.0 / 128.0));
        assert_eq!(quantities("1/128 of a gallon").len(), 2);
        assert_eq!(one("less than 5000 or equal").3, Some(5000.0));
        assert_eq!(one("equal to 20").4, Exact);
        assert_eq!(one("between negative ten and fifteen").2, Some(-10.0));
        assert_eq!(
            one("more than 100 and less than 300"),
            (
                "more than 100 and less than 300".into(),
                Some(100.0),
                Some(101.0),
                Some(299.0),
                Range
            )
        );
    }

    #[test]
    fn a_currency_code_may_stand_apart() {
        let q = one("The price is Rs 500 a kilo");
        assert_eq!((q.0.as_str(), q.1), ("Rs 500", Some(500.0)));
        assert_eq!(one("USD 4 billion").0, "USD 4 billion");
        // A one-mark symbol must touch; "PS 5" is a console.
        assert_eq!(one("sales of PS 5 rose").0, "5");
    }

    #[test]
    fn plus_or_minus_is_a_margin_not_a_sign() {
        assert_eq!(one("plus or minus 3 percentage points").1, Some(3.0));
        assert_eq!(one("fell to minus 5 degrees").1, Some(-5.0));
    }

    #[test]
    fn a_qualifier_bounds_a_share() {
        assert_eq!(
            one("More than half of the voters"),
            (
                "More than half".into(),
                Some(0.5),
                Some(0.5),
                None,
                MoreThan
            )
        );
        assert_eq!(one("just under a third of homes").4, LessThan);
        assert_eq!(one("nearly two-thirds of them").4, Approx);
        let q = one("Over half a million people died");
        assert_eq!(
            (q.1, q.2, q.4),
            (Some(500_000.0), Some(500_001.0), MoreThan)
        );
    }

    #[test]
    fn fractions_are_ratios_not_counts() {
        for (text, value) in [
            ("One out of three Germans", 1.0 / 3.0),
            ("A third of the population", 1.0 / 3.0),
            ("Two-thirds of the troops", 2.0 / 3.0),
            ("and half of the tanks", 0.5),
            ("One in five soldiers", 0.2),
        ] {
            let q = found(text);
            assert_eq!(q.len(), 1, "{text}: {q:?}");
            assert_eq!(q[0].kind, QuantityKind::Fraction, "{text}");
            assert!((q[0].amount.value.unwrap() - value).abs() < 1e-9, "{text}");
        }
        // Not fractions: a year, a larger part, an ordinal, a text that ends at "a".
        for text in [
            "killed one in 2024",
            "3 in 2 attacks",
            "the fifth day",
            "two and a half",
            "a",
        ] {
            let q = found(text);
            assert!(
                q.iter().all(|q| q.kind != QuantityKind::Fraction),
                "{text}: {q:?}"
            );
        }
    }

    /// The (old, new) pairs of changes of level in `text`, as values.
    fn changes(text: &str) -> Vec<(f64, f64)> {
        let document = crate::model::Document::new("t", text);
        let lex = Lexicon::builtin();
        let mut doc = Doc::new(&document);
        doc.tokens.classify(lex);
        crate::stages::sentences::annotate(&mut doc, lex);
        annotate(&mut doc, lex);
        let value = |k: usize| doc.quantities[k].amount.value.unwrap();
        doc.changes
            .iter()
            .map(|&(a, b)| (value(a), value(b)))
            .collect()
    }

    #[test]
    fn a_change_of_level_pairs_the_old_figure_with_the_new() {
        assert_eq!(
            changes("The toll rose from 40 to 60 on Sunday."),
            [(40.0, 60.0)]
        );
        assert_eq!(
            changes("It fell from $36,040 at 10.45pm last night to $34,935 at 5am."),
            [(36040.0, 34935.0)]
        );
        assert_eq!(
            changes("Inflation surged from 2.5 percent in 2021 to 5.1 percent."),
            [(2.5, 5.1)]
        );
        // After a verb of change, the new level may come first.
        assert_eq!(
            changes("Volume narrowed to 138,285 lots from 212,577 lots."),
            [(212577.0, 138285.0)]
        );
        // Counts need a verb of change: no unit ties them together.
        assert!(changes("Aid went from 20 countries to 3 million people.").is_empty());
        assert!(changes("They came to 30 villages from 12 towns.").is_empty());
        // A range is no level, and a clause mark ends the pair.
        assert!(changes("Mileage rose from about 14-18 mpg to 24.").is_empty());
        assert!(changes("It rose from 40, officials said, to 60.").is_empty());
    }

    #[test]
    fn conversions_in_brackets_keep_the_bound() {
        let text = "more than 100 kilometers (60 miles)";
        let q = found(text);
        assert_eq!(
            (q[1].amount.qualifier, q[1].amount.low),
            (MoreThan, Some(61.0))
        );
        // Past the first amount's unit, and a currency's country inside the brackets.
        let text =
            "customers with more than 7.5 million Danish crowns (US $1.1 million) in deposits";
        let q = found(text);
        assert_eq!(q[1].amount.qualifier, MoreThan);
        let text = "panel strength lower than 8.90 ksi (61.4 MPa).";
        let q = found(text);
        assert_eq!(q[1].amount.qualifier, LessThan);
        // A figure after other words in brackets is not a conversion.
        let text = "more than 100 people (mostly 20 children) fled";
        let q = found(text);
        assert_eq!(q[1].amount.qualifier, Exact);
        let text = "stretched for some seven miles (11 km)";
        let q = found(text);
        assert_eq!(
            (q[0].amount.qualifier, q[1].amount.qualifier),
            (Approx, Exact)
        );
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
