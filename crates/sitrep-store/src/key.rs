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
        for word in document.text.split_whitespace() {
            if !buffer.is_empty() {
                buffer.push(b' ');
            }
            if buffer.len() + word.len() > buffer.capacity() {
                hasher.update(&buffer);
                buffer.clear();
            }
            buffer.extend_from_slice(word.as_bytes());
        }
        hasher.update(&buffer);
        DocumentKey {
            content_hash: hasher.finalize().into(),
            url: document.meta.url.as_deref().and_then(canonical_url),
        }
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
