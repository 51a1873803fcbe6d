//! What makes two documents the same article: the same text, or the same canonical URL.

use sha2::{Digest, Sha256};
use sitrep_core::Document;

/// The identity of a document in the store.
///
/// ```
/// use sitrep_core::Document;
/// use sitrep_store::DocumentKey;
/// let a = DocumentKey::of(&Document::new("a.txt", "Five killed.\n"));
/// let b = DocumentKey::of(&Document::new("copy.txt", "  Five   killed."));
/// assert_eq!(a.content_hash, b.content_hash);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentKey {
    /// SHA-256 of the text with every run of whitespace folded to one space and the ends trimmed,
    /// so that a copy saved with other line endings is the same document.
    pub content_hash: [u8; 32],
    /// The canonical URL without its fragment or a trailing slash, and with the scheme and host
    /// in lower case.
    pub url: Option<String>,
}

impl DocumentKey {
    pub fn of(document: &Document) -> DocumentKey {
        let mut hasher = Sha256::new();
        fold_whitespace(&document.text, |piece| hasher.update(piece));
        DocumentKey {
            content_hash: hasher.finalize().into(),
            url: document.meta.url.as_deref().and_then(canonical_url),
        }
    }
}

/// Gives `piece` the text's words joined by single spaces, exactly as
/// `text.split_whitespace().collect::<Vec<_>>().join(" ")` would spell them, in few pieces:
/// a stretch already in that form (words with one ASCII space between) passes whole, so the
/// hasher is called about once a paragraph. Folded a word at a time, the key took 7% of an
/// ingest's samples (`perf`), 2% now.
fn fold_whitespace<'t>(text: &'t str, mut piece: impl FnMut(&'t [u8])) {
    let bytes = text.as_bytes();
    let end = bytes.len();
    let mut start = skip_whitespace(bytes, 0);
    let mut i = start;
    loop {
        i = next_special(bytes, i);
        if i == end {
            if start < end {
                piece(&bytes[start..]);
            }
            return;
        }
        let width = whitespace_at(bytes, i);
        // Not whitespace (a control character or a letter beyond ASCII), or one plain space
        // between two words: part of the stretch.
        if width == 0 || (bytes[i] == b' ' && i + 1 < end && whitespace_at(bytes, i + 1) == 0) {
            i += 1;
            continue;
        }
        // Plain spaces before the whitespace found belong to the same run.
        let mut run = i;
        while run > start && bytes[run - 1] == b' ' {
            run -= 1;
        }
        piece(&bytes[start..run]);
        i = skip_whitespace(bytes, i);
        if i == end {
            return;
        }
        piece(b" ");
        start = i;
    }
}

/// The first index from `i` where the text may leave the folded form: a byte below the space,
/// a byte beyond ASCII, or a space after a space. Eight bytes are tested at a time; a space
/// that ends the eight is taken too, as its neighbour is unseen. Whitespace found is checked
/// for plain spaces before it by the caller.
fn next_special(bytes: &[u8], mut i: usize) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    const SPACES: u64 = 0x2020_2020_2020_2020;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        // Each mask may flag bytes above a true hit (a borrow climbs), never miss one, and
        // the caller checks the byte it is given.
        let below_space = word.wrapping_sub(SPACES) & !word & HIGH;
        let not_space = word ^ SPACES;
        let space = not_space.wrapping_sub(ONES) & !not_space & HIGH;
        let flagged = (word & HIGH) | below_space | (space & (space >> 8)) | (space & (0x80 << 56));
        if flagged != 0 {
            return i + (flagged.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && bytes[i] >= b' ' && bytes[i] < 0x80 {
        if bytes[i] == b' ' && bytes.get(i + 1).is_none_or(|&b| b <= b' ') {
            return i;
        }
        i += 1;
    }
    i
}

/// The index after the run of whitespace that starts at `i` (`i` itself if there is none).
fn skip_whitespace(bytes: &[u8], mut i: usize) -> usize {
    loop {
        match whitespace_at(bytes, i) {
            0 => return i,
            width => i += width,
        }
    }
}

/// The length in bytes of the whitespace character at `i` (as `char::is_whitespace` decides),
/// or 0 if there is none. `bytes` is UTF-8, so only these sequences can be whitespace.
fn whitespace_at(bytes: &[u8], i: usize) -> usize {
    match bytes.get(i..).unwrap_or_default() {
        [b'\t'..=b'\r' | b' ', ..] => 1,
        [0xC2, 0x85 | 0xA0, ..] => 2,
        [0xE1, 0x9A, 0x80, ..]
        | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..]
        | [0xE2, 0x81, 0x9F, ..]
        | [0xE3, 0x80, 0x80, ..] => 3,
        _ => 0,
    }
}

/// A URL in the form used to recognise the same page twice, or none for an empty one.
///
/// ```
/// assert_eq!(
///     sitrep_store::canonical_url("HTTPS://Example.com/a/b/#top").as_deref(),
///     Some("https://example.com/a/b")
/// );
/// ```
pub fn canonical_url(url: &str) -> Option<String> {
    let url = url.trim();
    let url = url.split('#').next().unwrap_or(url);
    let url = url.trim_end_matches('/');
    if url.is_empty() {
        return None;
    }
    Some(match url.find("://") {
        Some(k) => {
            let rest = &url[k + 3..];
            let host_end = rest.find(['/', '?']).unwrap_or(rest.len());
            format!(
                "{}://{}{}",
                url[..k].to_ascii_lowercase(),
                rest[..host_end].to_ascii_lowercase(),
                &rest[host_end..]
            )
        }
        None => url.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::fold_whitespace;

    fn folded(text: &str) -> String {
        let mut out = Vec::new();
        fold_whitespace(text, |p| out.extend_from_slice(p));
        String::from_utf8(out).expect("pieces end on character boundaries")
    }

    fn expected(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn words_are_joined_as_split_whitespace_splits_them() {
        let texts = [
            "",
            "   ",
            "one",
            " Five  killed.\n\nTwo\twounded\r\n",
            "vertical\u{0B}tab and\u{0C}form feed",
            "no-break\u{A0}space, next\u{85}line, ideographic\u{3000}space",
            "thin\u{2009}space\u{2028}line\u{2029}paragraph\u{202F}narrow\u{205F}math",
            "Київ — 12 загиблих\u{1680}ogham",
            "zero\u{200B}width is not whitespace, nor \u{1}control\u{1F}characters",
            "a long stretch of plain words with single spaces only, longer than eight bytes ",
            "trailing single space ",
        ];
        for text in texts {
            assert_eq!(folded(text), expected(text), "{text:?}");
        }
    }

    #[test]
    fn random_texts_fold_as_split_whitespace() {
        // Pieces that meet the eight-byte steps at every offset.
        let alphabet = [
            "a",
            "Zz",
            " ",
            "  ",
            "\n",
            "\t",
            "\r\n",
            "\u{A0}",
            "\u{85}",
            "\u{2003}",
            "\u{3000}",
            "é",
            "загиб",
            "\u{200B}",
            "\u{1}",
            "!",
            "12,000",
        ];
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        for _ in 0..20_000 {
            let mut text = String::new();
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            for _ in 0..(state % 80) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push_str(alphabet[(state % alphabet.len() as u64) as usize]);
            }
            assert_eq!(folded(&text), expected(&text), "{text:?}");
        }
    }
}
