//! Character references (`&amp;`, `&#8217;`, `&#x2014;`, legacy `&copy` without `;`), decoded
//! as the HTML standard says, from the entity table html5ever uses.

use markup5ever::data::{C1_REPLACEMENTS, NAMED_ENTITIES};
use std::borrow::Cow;

/// Longest entity name in the table, `;` included (`&CounterClockwiseContourIntegral;`).
const LONGEST_NAME: usize = 33;

/// `text` with its character references decoded. In an attribute value a legacy reference
/// followed by `=` or a letter or digit stays as written (`?a=1&copy=2` is a link, not "©=2").
///
/// ```
/// use sitrep_read::html_parser::decode_references;
/// assert_eq!(decode_references("Tom &amp; Jerry&#8217;s &euro;5 &notit;", false), "Tom & Jerry’s €5 ¬it;");
/// assert_eq!(decode_references("/a?x=1&copy=2", true), "/a?x=1&copy=2");
/// ```
pub fn decode_references(text: &str, in_attribute: bool) -> Cow<'_, str> {
    let Some(first) = memchr::memchr(b'&', text.as_bytes()) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..first]);
    let mut rest = &text[first + 1..];
    loop {
        match reference(rest, in_attribute) {
            Some((decoded, used)) => {
                out.push(decoded.0);
                if let Some(second) = decoded.1 {
                    out.push(second);
                }
                rest = &rest[used..];
            }
            None => out.push('&'),
        }
        match memchr::memchr(b'&', rest.as_bytes()) {
            Some(i) => {
                out.push_str(&rest[..i]);
                rest = &rest[i + 1..];
            }
            None => {
                out.push_str(rest);
                return Cow::Owned(out);
            }
        }
    }
}

type Decoded = (char, Option<char>);

/// The reference at the start of `after` (the text after `&`) and how many bytes it used.
fn reference(after: &str, in_attribute: bool) -> Option<(Decoded, usize)> {
    let bytes = after.as_bytes();
    if bytes.first() == Some(&b'#') {
        return numeric(bytes);
    }
    let mut longest = None;
    let mut end = 0;
    while end < bytes.len().min(LONGEST_NAME) {
        let b = bytes[end];
        if !b.is_ascii_alphanumeric() && b != b';' {
            break;
        }
        end += 1;
        // The table holds every prefix of every name, so a miss ends the search.
        match NAMED_ENTITIES.get(&after[..end]) {
            None => break,
            Some(&(0, _)) => {}
            Some(&(first, second)) => longest = Some((end, first, second)),
        }
        if b == b';' {
            break;
        }
    }
    let (used, first, second) = longest?;
    if in_attribute && bytes[used - 1] != b';' {
        if let Some(&next) = bytes.get(used) {
            if next == b'=' || next.is_ascii_alphanumeric() {
                return None;
            }
        }
    }
    let first = char::from_u32(first)?;
    let second = (second != 0).then(|| char::from_u32(second)).flatten();
    Some(((first, second), used))
}

/// `#123;` or `#x7B;` (the `;` may be missing).
fn numeric(bytes: &[u8]) -> Option<(Decoded, usize)> {
    let (radix, start) = match bytes.get(1) {
        Some(b'x' | b'X') => (16, 2),
        _ => (10, 1),
    };
    let mut end = start;
    let mut value: u32 = 0;
    while let Some(digit) = bytes.get(end).and_then(|&b| (b as char).to_digit(radix)) {
        value = value.saturating_mul(radix).saturating_add(digit);
        end += 1;
    }
    if end == start {
        return None;
    }
    if bytes.get(end) == Some(&b';') {
        end += 1;
    }
    let c = match value {
        0 => '\u{FFFD}',
        0x80..=0x9F => C1_REPLACEMENTS[(value - 0x80) as usize]
            .unwrap_or_else(|| char::from_u32(value).unwrap_or('\u{FFFD}')),
        v => char::from_u32(v).unwrap_or('\u{FFFD}'),
    };
    Some(((c, None), end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_references_follow_the_standard() {
        assert_eq!(decode_references("&#65;&#x42;&#X43", false), "ABC");
        assert_eq!(decode_references("&#150;", false), "–", "windows-1252 dash");
        assert_eq!(
            decode_references("&#0;&#xD800;&#99999999999;", false),
            "\u{FFFD}".repeat(3)
        );
        assert_eq!(decode_references("&#; &#x;", false), "&#; &#x;");
    }

    #[test]
    fn named_references_take_the_longest_name() {
        assert_eq!(decode_references("&notin; &notit; &not", false), "∉ ¬it; ¬");
        assert_eq!(decode_references("&nosuch; & &", false), "&nosuch; & &");
        assert_eq!(decode_references("&NotEqualTilde;", false), "≂\u{338}");
        assert_eq!(decode_references("a&ampb", false), "a&b");
        assert_eq!(decode_references("a&ampb", true), "a&ampb");
        assert_eq!(decode_references("a&amp;b", true), "a&b");
    }
}
