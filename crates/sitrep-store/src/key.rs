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
        // Words are gathered into a buffer and hashed a block at a time: one hasher call per
        // word costs more than the hashing itself.
        let mut hasher = Sha256::new();
        let mut buffer: Vec<u8> = Vec::with_capacity(1 << 16);
        for_each_word(&document.text, |word| {
            if !buffer.is_empty() {
                buffer.push(b' ');
            }
            if buffer.len() + word.len() > buffer.capacity() {
                hasher.update(&buffer);
                buffer.clear();
            }
            buffer.extend_from_slice(word);
        });
        hasher.update(&buffer);
        DocumentKey {
            content_hash: hasher.finalize().into(),
            url: document.meta.url.as_deref().and_then(canonical_url),
        }
    }
}

/// Calls `word` with each word of `text` exactly as `str::split_whitespace` gives them, but
/// tests ASCII bytes without decoding characters: the split was a tenth of an ingest's
/// extraction time.
fn for_each_word<'t>(text: &'t str, mut word: impl FnMut(&'t [u8])) {
    let bytes = text.as_bytes();
    let mut start = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (space, len) = if b.is_ascii() {
            // char::is_whitespace for ASCII: tab, line feed, vertical tab, form feed, carriage
            // return and space (u8::is_ascii_whitespace leaves out the vertical tab).
            (matches!(b, b'\t'..=b'\r' | b' '), 1)
        } else {
            // `i` is on a character boundary: every step moves by a whole character.
            let c = text[i..].chars().next().unwrap_or(' ');
            (c.is_whitespace(), c.len_utf8())
        };
        if space {
            if let Some(s) = start.take() {
                word(&bytes[s..i]);
            }
        } else if start.is_none() {
            start = Some(i);
        }
        i += len;
    }
    if let Some(s) = start {
        word(&bytes[s..]);
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
    use super::for_each_word;

    #[test]
    fn words_are_split_as_split_whitespace_splits_them() {
        let texts = [
            "",
            "   ",
            "one",
            " Five  killed.\n\nTwo\twounded\r\n",
            "vertical\u{0B}tab and\u{0C}form feed",
            "no-break\u{A0}space, next\u{85}line, ideographic\u{3000}space",
            "thin\u{2009}space\u{2028}line\u{2029}paragraph\u{202F}narrow\u{205F}math",
            "Київ — 12 загиблих\u{1680}ogham",
            "zero\u{200B}width is not whitespace",
        ];
        for text in texts {
            let mut ours: Vec<&[u8]> = Vec::new();
            for_each_word(text, |w| ours.push(w));
            let std: Vec<&[u8]> = text.split_whitespace().map(str::as_bytes).collect();
            assert_eq!(ours, std, "{text:?}");
        }
    }
}
