//! The language of a text, for pages that declare none: whatlang's trigram model over the
//! article's text, reported as the two-letter code (ISO 639-1) that pages declare in
//! `<html lang>` (the table is `data/languages.toml`).

use std::collections::HashMap;
use std::sync::LazyLock;

#[derive(serde::Deserialize)]
struct Codes {
    codes: HashMap<String, String>,
}

static TWO_LETTER: LazyLock<Codes> = LazyLock::new(|| {
    toml::from_str(include_str!("../data/languages.toml")).expect("data/languages.toml is valid")
});

/// How much of a text is read: a few paragraphs tell the language as well as a whole article.
const SAMPLE_BYTES: usize = 2_000;

/// The text's language when whatlang is sure of it, as an ISO 639-1 code (ISO 639-3 where the
/// language has no two-letter code).
///
/// ```
/// use sitrep_read::language::of_text;
/// let english = "At least 12 civilians were killed when drones struck residential districts \
///     of the city overnight, the regional administration said on Friday morning.";
/// assert_eq!(of_text(english).as_deref(), Some("en"));
/// let french = "Au moins douze civils ont été tués lorsque des drones ont frappé des quartiers \
///     résidentiels de la ville pendant la nuit, a indiqué vendredi l'administration régionale.";
/// assert_eq!(of_text(french).as_deref(), Some("fr"));
/// assert_eq!(of_text("12 34 56"), None);
/// ```
pub fn of_text(text: &str) -> Option<String> {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let info = whatlang::detect(&text[..end]).filter(whatlang::Info::is_reliable)?;
    let code = info.lang().code();
    Some(
        TWO_LETTER
            .codes
            .get(code)
            .cloned()
            .unwrap_or_else(|| code.to_string()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_whatlang_knows_has_a_code_in_the_table() {
        for lang in whatlang::Lang::all() {
            assert!(
                TWO_LETTER.codes.contains_key(lang.code()),
                "{} is missing from data/languages.toml",
                lang.code()
            );
        }
    }

    #[test]
    fn a_short_or_mixed_text_gives_no_language() {
        assert_eq!(of_text(""), None);
        assert_eq!(of_text("OK"), None);
    }
}
