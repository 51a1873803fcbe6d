//! The records sitrep reads and writes: documents in, quantities and claims (spec v1) out.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize, Serializer};

/// A document as a reader hands it to the pipeline: an id, its text and what is known about it.
///
/// ```
/// use sitrep_core::Document;
/// let doc = Document::new("note-1", "Two civilians were killed.");
/// assert_eq!(doc.id, "note-1");
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// The document's id: a file name, a JSON Lines `id`, a feed item's link.
    pub id: String,
    /// The text every span points into.
    pub text: String,
    /// What the reader knew of the document before extraction.
    pub meta: Meta,
}

impl Document {
    /// A document with an id and a text and no metadata.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Document {
            id: id.into(),
            text: text.into(),
            meta: Meta::default(),
        }
    }
}

/// Metadata of a document. Readers fill what the format carries; the header stage fills
/// what it finds at the top of a plain text (title, byline, publication date).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Meta {
    pub title: Option<String>,
    pub byline: Option<String>,
    /// The publication date: it anchors relative dates ("Thursday", "yesterday").
    pub published: Option<NaiveDate>,
    pub url: Option<String>,
    /// The publisher's name.
    pub source: Option<String>,
    pub language: Option<String>,
}

/// How the wording of a quantity bounds it (claims-v1 `quantity.qualifier`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    Exact,
    Approx,
    AtLeast,
    MoreThan,
    AtMost,
    LessThan,
    Range,
    Vague,
}

impl Qualifier {
    /// Parses the snake_case name used in the spec and the lexicon files.
    pub fn from_name(name: &str) -> Option<Qualifier> {
        Some(match name {
            "exact" => Qualifier::Exact,
            "approx" => Qualifier::Approx,
            "at_least" => Qualifier::AtLeast,
            "more_than" => Qualifier::MoreThan,
            "at_most" => Qualifier::AtMost,
            "less_than" => Qualifier::LessThan,
            "range" => Qualifier::Range,
            "vague" => Qualifier::Vague,
            _ => return None,
        })
    }
}

/// What a quantity measures: a count of things, or a quantity with a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuantityKind {
    Count,
    Percent,
    Currency,
    Measure,
    Time,
    /// An age ("a 12-year-old boy", "aged 12"): a number, never a count of people.
    Age,
    /// A part of a whole ("a third of", "one in five", "two out of three"): a ratio, never a
    /// count of people.
    Fraction,
}

/// The value part of a quantity, shared by the `quantities` output and claims.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Amount {
    /// The quantity as written, qualifier included ("at least 100").
    pub text: String,
    /// The number as stated; a range's lower end; a vague amount's unit.
    #[serde(serialize_with = "serialize_number")]
    pub value: Option<f64>,
    #[serde(serialize_with = "serialize_number")]
    pub low: Option<f64>,
    #[serde(serialize_with = "serialize_number")]
    pub high: Option<f64>,
    pub qualifier: Qualifier,
}

/// Writes whole numbers as JSON integers (100, not 100.0) and the rest as floats.
fn serialize_number<S: Serializer>(value: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        None => s.serialize_none(),
        Some(v) if v.fract() == 0.0 && v.abs() < 9.0e15 => s.serialize_i64(*v as i64),
        Some(v) => s.serialize_f64(*v),
    }
}

/// One line of `sitrep quantities`: every number in the text with its bounds and unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuantityRecord {
    pub doc: String,
    #[serde(flatten)]
    pub amount: Amount,
    pub kind: QuantityKind,
    pub unit: Option<String>,
    /// Start and end in characters (Unicode scalar values), end exclusive.
    pub span: [usize; 2],
    /// The old level where the text gives this figure as a new one ("rose from 20 to 30": on
    /// 30, the 20); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changed_from: Option<ChangedFrom>,
}

/// The old level of a figure given as a change: its value and where it stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangedFrom {
    #[serde(serialize_with = "serialize_number")]
    pub value: Option<f64>,
    /// Start and end in characters, end exclusive.
    pub span: [usize; 2],
}

/// A claim record, exactly the fields of claims-v1.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    pub doc: String,
    pub metric: String,
    pub subject: String,
    pub quantity: Amount,
    pub place: Option<String>,
    #[serde(serialize_with = "serialize_date")]
    pub date: Option<NaiveDate>,
    pub sources: Vec<String>,
    pub sentence: String,
    /// Start and end of the sentence in characters, end exclusive.
    pub span: [usize; 2],
}

/// Writes a date as `YYYY-MM-DD` (or null): the form every sitrep record uses.
pub fn serialize_date<S: Serializer>(value: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        None => s.serialize_none(),
        Some(d) => s.serialize_str(&iso_date(*d)),
    }
}

/// A date as `YYYY-MM-DD`, the form every sitrep record and the store use, written digit by
/// digit: chrono's `format("%Y-%m-%d")` reads its pattern again on every call, about 2,000
/// instructions a date, a fifth of what writing a whole claim record costs.
///
/// ```
/// use chrono::NaiveDate;
/// let d = NaiveDate::from_ymd_opt(2024, 12, 19).unwrap();
/// assert_eq!(sitrep_core::model::iso_date(d), "2024-12-19");
/// ```
pub fn iso_date(d: NaiveDate) -> String {
    use chrono::Datelike;
    let year = d.year();
    if !(0..=9999).contains(&year) {
        return d.format("%Y-%m-%d").to_string();
    }
    let digit = |n: u32| b'0' + (n % 10) as u8;
    let (y, m, day) = (year as u32, d.month(), d.day());
    let bytes = [
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        b'-',
        digit(m / 10),
        digit(m),
        b'-',
        digit(day / 10),
        digit(day),
    ];
    std::str::from_utf8(&bytes)
        .expect("digits and hyphens are ASCII")
        .to_owned()
}

/// One line of `sitrep extract --totals`: a document's total per metric, coded as ACLED does.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Totals {
    pub doc: String,
    pub totals: std::collections::BTreeMap<String, u64>,
}

/// Everything extraction learns about one document that a store keeps: the metadata as the
/// header stage completed it, the claims, and the sources behind them under every name each
/// appears as ("NIS", "National Intelligence Service", "South Korea's spy agency").
///
/// ```
/// use sitrep_core::{Document, Extractor};
/// let text = "Five soldiers were killed, the National Intelligence Service (NIS) said. \
///             The NIS said 20 were wounded.";
/// let found = Extractor::new().extract(&Document::new("n", text));
/// assert_eq!(found.claims.len(), 2);
/// let nis = &found.sources[0];
/// assert_eq!(nis.name, "National Intelligence Service");
/// assert!(nis.names.iter().any(|n| n == "NIS"));
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extraction {
    pub meta: Meta,
    pub claims: Vec<Claim>,
    /// Every entity a claim is attributed to, or that such an entity cites.
    pub sources: Vec<SourceEntity>,
    /// Who relies on whom: (speaker, cited source), as indexes into `sources`.
    pub citations: Vec<(usize, usize)>,
}

/// A person or body that figures are attributed to, with the names the document calls it by.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceEntity {
    /// The fullest name: the one claims' `sources` carry.
    pub name: String,
    /// `person`, `organisation`, `group`, `place` or `other`.
    pub kind: &'static str,
    /// Every name it appears under in the document, `name` first.
    pub names: Vec<String>,
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    #[test]
    fn dates_are_written_as_chrono_writes_them() {
        let chrono = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
        let mut d = NaiveDate::from_ymd_opt(1899, 12, 25).unwrap();
        while chrono::Datelike::year(&d) < 2101 {
            assert_eq!(super::iso_date(d), chrono(d));
            d = d.succ_opt().unwrap();
        }
        for (y, m, day) in [
            (0, 1, 1),
            (9, 2, 3),
            (999, 12, 31),
            (9999, 12, 31),
            (10000, 1, 1),
            (-1, 6, 15),
        ] {
            let d = NaiveDate::from_ymd_opt(y, m, day).unwrap();
            assert_eq!(super::iso_date(d), chrono(d));
        }
    }
}
