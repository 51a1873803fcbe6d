//! Stage 4a: dates. Explicit dates ("15 February 2024", "Dec. 19, 2024", "2024-12-19") and
//! relative ones ("Thursday", "yesterday") resolved against the document's publication date.

use chrono::{Datelike, Duration, NaiveDate};

use crate::doc::{DateMention, Doc};
use crate::lexicon::Lexicon;
use crate::stages::tokens::{TokenKind, Tokens};

/// Adds the date layer over the whole text, resolving against `doc.meta.published`.
pub fn annotate(doc: &mut Doc, lex: &Lexicon) {
    let anchor = doc.meta.published;
    let t = &doc.tokens;
    let mut i = 0;
    let mut found = Vec::new();
    let number_words = lex.number_words.start_mask();
    while let Some(at) = doc.stops.dates.next_from(i) {
        i = at;
        let tok = &t.list[i];
        let word_number = tok.kind == TokenKind::Word && tok.first & number_words != 0;
        if !(word_number || may_start_date(t, lex, i)) {
            i += 1;
            continue;
        }
        if word_number || tok.kind == TokenKind::Number {
            if let Some(date) = ago_at(t, lex, i, anchor) {
                // The mention is "ago" alone: "two days" stays a quantity of time.
                found.push(DateMention {
                    tokens: i + 2..i + 3,
                    date,
                });
                i += 3;
                continue;
            }
        }
        match parse_at(t, lex, i, t.len(), anchor) {
            Some((len, date)) => {
                found.push(DateMention {
                    tokens: i..i + len,
                    date,
                });
                i += len;
            }
            None => i += 1,
        }
    }
    doc.dates = found;
}

/// "two days ago", "a week ago", "3 weeks ago" at token `i` (digits or a number word): that many
/// days before the anchor.
fn ago_at(
    t: &Tokens,
    lex: &Lexicon,
    i: usize,
    anchor: Option<NaiveDate>,
) -> Option<Option<NaiveDate>> {
    if i + 2 >= t.len() || t.lower(i + 2) != "ago" {
        return None;
    }
    let unit = *lex.days_ago.get(t.lower(i + 1))?;
    let count = match t.lower(i) {
        "a" | "an" | "one" => 1,
        w => match t.list[i].kind {
            TokenKind::Number => w.parse::<i64>().ok()?,
            _ => *lex.ones.get(w)? as i64,
        },
    };
    Some(anchor.map(|a| a - Duration::days(count * unit)))
}

/// Dates start with digits, a capitalised month or weekday, or a word like "yesterday": the
/// month, weekday and relative-day tests are one bit test on the token, so most words cost no
/// look-up.
#[inline(always)]
fn may_start_date(t: &Tokens, lex: &Lexicon, i: usize) -> bool {
    let tok = &t.list[i];
    match tok.kind {
        TokenKind::Punct => false,
        TokenKind::Number => true,
        TokenKind::Word => {
            let calendar = lex.months.start_mask() | lex.weekdays.start_mask();
            let relative = lex.relative_days.start_mask();
            tok.first
                & (if tok.capitalized {
                    calendar | relative
                } else {
                    relative
                })
                != 0
        }
    }
}

fn number_at(t: &Tokens, i: usize) -> Option<u32> {
    if i < t.len() && t.list[i].kind == TokenKind::Number {
        t.lower(i).parse().ok()
    } else {
        None
    }
}

fn month_at(t: &Tokens, lex: &Lexicon, i: usize, limit: usize) -> Option<(usize, u32)> {
    if i >= limit {
        return None;
    }
    let (_, &m) = lex.months.longest_at(t, i, i + 1)?;
    // "may" and "march" are also verbs: only a capitalised form is a month.
    if !t.list[i].capitalized && t.lower(i).len() > 2 {
        return None;
    }
    let len = if i + 1 < limit && t.lower(i + 1) == "." && t.touches_next(i) {
        2
    } else {
        1
    };
    Some((len, m))
}

fn year_at(t: &Tokens, i: usize, limit: usize) -> Option<(usize, i32)> {
    if i >= limit {
        return None;
    }
    let y = number_at(t, i)?;
    (1800..=2200).contains(&y).then_some((1, y as i32))
}

/// A comma, if there is one at `i`.
fn comma(t: &Tokens, i: usize, limit: usize) -> usize {
    usize::from(i < limit && t.lower(i) == ",")
}

/// Resolves a day and month without a year against the anchor: the latest such day not more
/// than a month after the anchor.
fn with_year(anchor: Option<NaiveDate>, month: u32, day: u32) -> Option<NaiveDate> {
    let anchor = anchor?;
    let this = NaiveDate::from_ymd_opt(anchor.year(), month, day)?;
    if this > anchor + Duration::days(31) {
        NaiveDate::from_ymd_opt(anchor.year() - 1, month, day)
    } else {
        Some(this)
    }
}

/// Parses a date starting at token `i`: its length in tokens and the day, if it can be resolved.
///
/// ```
/// use sitrep_core::{lexicon::Lexicon, stages::tokens::Tokens, mentions::dates::parse_at};
/// let t = Tokens::new("Published : Dec. 19, 2024 - 15:30");
/// let (len, day) = parse_at(&t, Lexicon::builtin(), 2, t.len(), None).unwrap();
/// assert_eq!((len, day.unwrap().to_string()), (5, "2024-12-19".to_string()));
/// ```
pub fn parse_at(
    t: &Tokens,
    lex: &Lexicon,
    i: usize,
    limit: usize,
    anchor: Option<NaiveDate>,
) -> Option<(usize, Option<NaiveDate>)> {
    if !may_start_date(t, lex, i) {
        return None;
    }
    let number = number_at(t, i);
    // ISO: 2024-12-19
    if let (Some(y), true) = (number, i + 4 < limit) {
        if (1800..=2200).contains(&y)
            && t.lower(i + 1) == "-"
            && t.lower(i + 3) == "-"
            && (i..i + 4).all(|k| t.touches_next(k))
        {
            if let (Some(m), Some(d)) = (number_at(t, i + 2), number_at(t, i + 4)) {
                if let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d) {
                    return Some((5, Some(date)));
                }
            }
        }
    }
    // Day/Month[/Year]: "19/02/2015", and "(19/02)" in brackets; a month-first order only where
    // the day could be no month ("02/19").
    if let (Some(a), true) = (number, i + 2 < limit) {
        if matches!(t.lower(i + 1), "/" | ".") && t.touches_next(i) && t.touches_next(i + 1) {
            if let Some(b) = number_at(t, i + 2) {
                let (day, month) = if b > 12 && a <= 12 { (b, a) } else { (a, b) };
                let has_year = i + 4 < limit
                    && t.lower(i + 3) == t.lower(i + 1)
                    && t.touches_next(i + 2)
                    && t.touches_next(i + 3);
                if has_year {
                    if let Some(y) = number_at(t, i + 4).filter(|y| (1900..=2100).contains(y)) {
                        if let Some(date) = NaiveDate::from_ymd_opt(y as i32, month, day) {
                            return Some((5, Some(date)));
                        }
                    }
                }
                let bracketed =
                    i > 0 && t.lower(i - 1) == "(" && i + 3 < t.len() && t.lower(i + 3) == ")";
                if bracketed
                    && (1..=12).contains(&month)
                    && (1..=31).contains(&day)
                    && t.lower(i + 1) == "/"
                {
                    return Some((3, with_year(anchor, month, day)));
                }
            }
        }
    }
    // Day Month [Year]: 15 February 2024
    if let Some(day) = number.filter(|d| (1..=31).contains(d)) {
        if let Some((mlen, month)) = month_at(t, lex, i + 1, limit) {
            let mut len = 1 + mlen;
            let c = comma(t, i + len, limit);
            if let Some((_, year)) = year_at(t, i + len + c, limit) {
                len += c + 1;
                return Some((len, NaiveDate::from_ymd_opt(year, month, day)));
            }
            return Some((len, with_year(anchor, month, day)));
        }
    }
    // Month Day[,] [Year]: Dec. 19, 2024
    if let Some((mlen, month)) = month_at(t, lex, i, limit) {
        if let Some(day) = number_at(t, i + mlen).filter(|d| (1..=31).contains(d)) {
            // "19th"
            let mut len = mlen + 1;
            if i + len < limit
                && t.touches_next(i + len - 1)
                && matches!(t.lower(i + len), "st" | "nd" | "rd" | "th")
            {
                len += 1;
            }
            // "Sept. 20-24": a span of days belongs to the date.
            if i + len + 1 < limit
                && matches!(t.lower(i + len), "-" | "–")
                && number_at(t, i + len + 1).is_some_and(|d| d > day && d <= 31)
            {
                len += 2;
            }
            let c = comma(t, i + len, limit);
            if let Some((_, year)) = year_at(t, i + len + c, limit) {
                return Some((len + c + 1, NaiveDate::from_ymd_opt(year, month, day)));
            }
            return Some((len, with_year(anchor, month, day)));
        }
        // Month Year: a period, not a day; its year is not a count.
        if let Some((_, _)) = year_at(t, i + mlen, limit) {
            return Some((mlen + 1, None));
        }
    }
    // Weekdays resolve to the latest such day on or before the anchor.
    if let Some((_, &wd)) = lex.weekdays.longest_at(t, i, i + 1) {
        if !t.list[i].capitalized {
            return None;
        }
        let date = anchor.map(|a| {
            let back = (a.weekday().num_days_from_monday() + 7 - wd) % 7;
            a - Duration::days(back as i64)
        });
        return Some((1, date));
    }
    let (_, &offset) = lex.relative_days.longest_at(t, i, i + 1)?;
    Some((1, anchor.map(|a| a + Duration::days(offset))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str, anchor: Option<&str>) -> Option<String> {
        let t = Tokens::new(text);
        let anchor = anchor.map(|a| a.parse().unwrap());
        let (_, d) = parse_at(&t, Lexicon::builtin(), 0, t.len(), anchor)?;
        d.map(|d| d.to_string())
    }

    #[test]
    fn days_and_weeks_ago() {
        let dates = |text: &str| -> Vec<Option<String>> {
            let mut document = crate::Document::new("t", text);
            document.meta.published = "2024-12-19".parse().ok();
            let mut doc = crate::doc::Doc::new(&document);
            annotate(&mut doc, Lexicon::builtin());
            doc.dates
                .iter()
                .map(|d| d.date.map(|d| d.to_string()))
                .collect()
        };
        assert_eq!(
            dates("Two days ago, a drone hit Kherson."),
            [Some("2024-12-17".into())]
        );
        assert_eq!(
            dates("It happened a week ago."),
            [Some("2024-12-12".into())]
        );
        assert_eq!(
            dates("It took 3 days to arrive."),
            Vec::<Option<String>>::new()
        );
    }

    #[test]
    fn explicit_dates() {
        assert_eq!(
            parse("15 February 2024", None).as_deref(),
            Some("2024-02-15")
        );
        assert_eq!(
            parse("December 19, 2024", None).as_deref(),
            Some("2024-12-19")
        );
        assert_eq!(parse("2024-12-19", None).as_deref(), Some("2024-12-19"));
    }

    #[test]
    fn relative_dates_use_the_anchor() {
        // 19 December 2024 was a Thursday.
        assert_eq!(
            parse("Thursday", Some("2024-12-19")).as_deref(),
            Some("2024-12-19")
        );
        assert_eq!(
            parse("Monday", Some("2024-12-19")).as_deref(),
            Some("2024-12-16")
        );
        assert_eq!(
            parse("yesterday", Some("2024-12-19")).as_deref(),
            Some("2024-12-18")
        );
        assert_eq!(
            parse("Dec. 30", Some("2025-01-02")).as_deref(),
            Some("2024-12-30")
        );
        assert_eq!(parse("Thursday", None), None);
    }

    #[test]
    fn slashed_dates() {
        assert_eq!(parse("19/02/2015", None).as_deref(), Some("2015-02-19"));
        let t = Tokens::new("(19/02)");
        let (len, day) = parse_at(
            &t,
            Lexicon::builtin(),
            1,
            t.len(),
            "2015-03-01".parse().ok(),
        )
        .unwrap();
        assert_eq!(
            (len, day.unwrap().to_string()),
            (3, "2015-02-19".to_string())
        );
    }

    #[test]
    fn the_verb_may_is_not_a_month() {
        let t = Tokens::new("may 5");
        assert!(parse_at(&t, Lexicon::builtin(), 0, t.len(), None).is_none());
    }
}
