//! Stage 4b: named mentions (runs of capitalised words) and the entities they refer to:
//! people, organisations and places, with acronyms ("NIS" for "National Intelligence
//! Service"), surnames ("Lee" for "Lee Seong-kweun") and affiliations ("Cho Tae-yong, the NIS
//! director") resolved within the document.

use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

use crate::doc::{Doc, Entity, EntityKind, Mention};
use crate::gazetteer::PlaceKind;
use crate::lexicon::Lexicon;
use crate::stages::tokens::{TokenKind, Tokens};

/// Words that join the parts of a name ("Ministry of Defence", "Armed Forces of Ukraine").
fn is_connector(w: &str) -> bool {
    matches!(
        w,
        "of" | "for" | "de" | "al" | "el" | "bin" | "von" | "van" | "der"
    )
}

fn is_acronym(s: &str) -> bool {
    // Most names fail on their second letter, so the cheap test comes first.
    s.chars()
        .all(|c| c.is_uppercase() || c == '.' || c.is_ascii_digit())
        && s.chars().filter(|c| c.is_alphabetic()).count() >= 2
}

/// The length of a country's demonym or name at token `i` ("Ukrainian", "South Korean", "US"),
/// as it stands before a title ("Ukrainian President Volodymyr Zelensky").
pub(crate) fn country_at(lex: &Lexicon, t: &Tokens, i: usize, limit: usize) -> Option<usize> {
    lex.demonyms
        .longest_at(t, i, limit)
        .map(|(len, _)| len)
        .or_else(|| {
            // Most capitalised words start some place's name, few a country's: one bit says so.
            let mask = lex.gazetteer.country_start_mask();
            if t.list.get(i).is_none_or(|tok| tok.first & mask == 0) {
                return None;
            }
            lex.gazetteer
                .place_at(t, i, limit)
                .filter(|&(_, p)| lex.gazetteer.places[p].kind == PlaceKind::Country)
                .map(|(len, _)| len)
        })
}

/// Where a title starting at token `i` ends, a country's demonym or name before it included:
/// "President", "Ukrainian President", "US Secretary of State".
pub(crate) fn title_end(lex: &Lexicon, t: &Tokens, i: usize, limit: usize) -> Option<usize> {
    let at = country_at(lex, t, i, limit)
        .filter(|&len| lex.titles.matches_at(t, i + len, limit))
        .map_or(i, |len| i + len);
    lex.titles.longest_at(t, at, limit).map(|(len, _)| at + len)
}

/// Whether token `k` is a word for a place already named, as the owner of what follows:
/// "the territory's" in "the territory's civil defence agency" (`k` at "territory").
pub(crate) fn owned_by_place(doc: &Doc, lex: &Lexicon, k: usize) -> bool {
    k >= 1
        && k + 1 < doc.tokens.len()
        && doc.lower(k - 1) == "the"
        && lex.place_owner_references.contains_at(&doc.tokens, k)
        && doc.lower(k + 1) == "'s"
}

/// Adds the mention and entity layers over the body.
pub fn annotate(doc: &mut Doc, lex: &Lexicon) {
    let mut i = doc.body_start;
    let n = doc.tokens.len();
    // The news corpus has a mention every 9 tokens and an entity every 26: room for most
    // documents' at once, instead of a copy at each doubling (or a rehash of the index).
    let mut index = Index::with_capacity(n / 24);
    doc.mentions.reserve(n / 8);
    doc.entities.reserve(n / 24);
    // Most tokens are no capitalised word and start no name: the scan stops at those that are.
    // The set is taken out of `doc` while the loop adds mentions to it, and put back after.
    let stops = std::mem::take(&mut doc.stops.names);
    while let Some(at) = stops.next_from(i) {
        i = at;
        let tok = &doc.tokens.list[i];
        if tok.kind != TokenKind::Word || !tok.capitalized {
            i += 1;
            continue;
        }
        match run_at(doc, lex, i) {
            Some((run, titled)) => {
                let next = run.end;
                add_mention(doc, lex, &mut index, run, titled);
                i = next;
            }
            None => i += 1,
        }
    }
    doc.stops.names = stops;
    affiliations(doc, lex);
    groups(doc, lex);
}

/// Unnamed groups that may speak ("activists say", "Ukrainian officials said"), as mentions of
/// entities named as written, with a demonym or qualifier before them.
fn groups(doc: &mut Doc, lex: &Lexicon) {
    let n = doc.tokens.len();
    // Each group's tokens, the demonym mention it takes in, and the earlier group it refers
    // back to.
    let mut found: Vec<(Range<usize>, Option<usize>, Option<usize>)> = Vec::new();
    // Where the text first names a person: a description before it can refer back to no one.
    let first_person = doc
        .mentions
        .iter()
        .find(|m| m.kind == EntityKind::Person)
        .map_or(usize::MAX, |m| m.tokens.start);
    // Most tokens start none of the phrases looked for.
    let starts = crate::stages::stops::group_starts(lex);
    let mut i = doc.body_start;
    while let Some(at) = doc.stops.groups.next_from(i) {
        i = at;
        if doc.tokens.list[i].first & starts == 0 {
            i += 1;
            continue;
        }
        // "a police spokesman told AFP", "a senior Ukrainian official said": one unnamed speaker.
        if let Some((len, _)) = lex.indefinite_sources.longest_at(&doc.tokens, i, n) {
            if let Some((start, replaced)) = indefinite_start(doc, lex, i) {
                found.push((start..i + len, replaced, None));
                i += len;
                continue;
            }
        }
        // "the regional governor said" in a text that names no person before it: the
        // description is all there is to name the speaker by.
        if let Some(start) = unresolvable_person(doc, lex, i, n, first_person) {
            let len = lex
                .references
                .longest_at(&doc.tokens, i, n)
                .map_or(1, |r| r.0);
            found.push((start..i + len, None, None));
            i += len;
            continue;
        }
        let group = lex.group_sources.longest_at(&doc.tokens, i, n);
        let named = lex.named_group_sources.longest_at(&doc.tokens, i, n);
        let Some((len, _)) = group.or(named) else {
            i += 1;
            continue;
        };
        // Inside a name, the group word is the name's ("Syrian Observatory for Human Rights
        // monitors"); a name that is the group's words alone or its first, capitalised to open
        // its sentence ("Officials in Kherson said", "Local media said"), gives way to the group.
        let mut replaced = None;
        let covering = doc.mentions.partition_point(|m| m.tokens.end <= i);
        if let Some(m) = doc.mentions.get(covering).filter(|m| m.tokens.start <= i) {
            let within = m.tokens.start == i && m.tokens.end <= i + len;
            if !within || m.kind != EntityKind::Other {
                i += len;
                continue;
            }
            replaced = Some(covering);
        }
        // "Ukrainian officials": a demonym mention just before joins the group; so does a
        // place before a body ("the Gaza health ministry").
        let mut start = i;
        let before = doc.mentions.partition_point(|m| m.tokens.end < i);
        if let Some(m) = doc
            .mentions
            .get(before)
            .filter(|m| m.tokens.end == i && replaced.is_none())
        {
            if m.kind == EntityKind::Other || (named.is_some() && m.kind == EntityKind::Place) {
                start = m.tokens.start;
                replaced = Some(before);
            }
        }
        // "Israel's military": a country's body, named with it.
        if replaced.is_none() && named.is_some() && i > 1 && doc.lower(i - 1) == "'s" {
            let owner = doc.mentions[..before]
                .iter()
                .rposition(|m| m.tokens.end == i - 1 && m.kind == EntityKind::Place);
            if let Some(k) = owner {
                start = doc.mentions[k].tokens.start;
                replaced = Some(k);
            }
        }
        // "the Hamas-run health ministry": the body of whoever runs it, named with it.
        // A name takes in the hyphen and the word after it, so the compound is one mention.
        if replaced.is_none()
            && i >= 3
            && doc.lower(i - 2) == "-"
            && lex.controlling_words.contains_at(&doc.tokens, i - 1)
        {
            if let Some(m) = doc.mentions.get(before).filter(|m| m.tokens.end == i) {
                start = m.tokens.start;
                replaced = Some(before);
            }
        }
        // "the army" alone refers back to the body last named by its noun ("the Israeli army",
        // "the Ministry of Health"); where none is named before it, it is the speaker's only
        // name ("..., the health ministry said"). Without "the" it is neither.
        if group.is_none() && replaced.is_none() {
            // "the territory's civil defence agency": a place referred back to owns the body.
            let owned = i >= doc.body_start + 3 && owned_by_place(doc, lex, i - 2);
            if owned || (i > doc.body_start && doc.lower(i - 1) == "the") {
                let noun = doc.lower(i + len - 1);
                // An organisation's name: the sources stage resolves the reference to it.
                let organisation = doc
                    .mentions
                    .iter()
                    .take_while(|m| m.tokens.end <= i)
                    .any(|m| {
                        m.kind == EntityKind::Organisation
                            && named_by(doc.entities[m.entity].name, noun)
                    });
                if !organisation {
                    // A group is named by its last word: "Israel's military", not "military
                    // experts".
                    let group = found.iter().rposition(|f| {
                        f.0.end <= i && f.0.end > f.0.start && doc.lower(f.0.end - 1) == noun
                    });
                    found.push((i..i + len, None, group));
                }
            }
            i += len;
            continue;
        }
        while start > doc.body_start && lex.reference_modifiers.contains_at(&doc.tokens, start - 1)
        {
            start -= 1;
        }
        // "local officials in Kherson said": the place the group speaks from is part of it,
        // where the group is the speaker.
        let mut end = i + len;
        if group.is_some() && end + 1 < n && doc.lower(end) == "in" {
            let place = doc
                .mentions
                .get(doc.mentions.partition_point(|m| m.tokens.start < end + 1))
                .filter(|m| m.tokens.start == end + 1 && m.kind == EntityKind::Place)
                .map(|m| m.tokens.end);
            if let Some(place_end) =
                place.filter(|&e| lex.speech_verbs.matches_at(&doc.tokens, e, n))
            {
                end = place_end;
            }
        }
        found.push((start..end, replaced, None));
        i = end;
    }
    if found.is_empty() {
        return;
    }
    // Demonym mentions a group took in are dropped in one pass, not one removal each.
    let mut dropped = vec![false; doc.mentions.len()];
    for k in found.iter().filter_map(|f| f.1) {
        dropped[k] = true;
    }
    let mut k = 0;
    doc.mentions.retain(|_| {
        k += 1;
        !dropped[k - 1]
    });
    let mut by_name: HashMap<String, usize> = HashMap::default();
    let mut entity_of: Vec<usize> = Vec::with_capacity(found.len());
    doc.mentions.reserve(found.len());
    for (tokens, _, earlier) in found {
        let name = doc.slice(tokens.clone());
        let key = name.to_lowercase();
        let entity = match earlier
            .map(|k| entity_of[k])
            .or_else(|| by_name.get(&key).copied())
        {
            Some(e) => e,
            None => {
                doc.entities.push(Entity {
                    name,
                    kind: EntityKind::Group,
                    affiliation: None,
                });
                by_name.insert(key, doc.entities.len() - 1);
                doc.entities.len() - 1
            }
        };
        entity_of.push(entity);
        doc.mentions.push(Mention {
            tokens,
            kind: EntityKind::Group,
            entity,
        });
    }
    doc.mentions.sort_by_key(|m| m.tokens.start);
}

/// Whether `noun` is the first or last word of `name` ("army" of "the Israeli army", "ministry"
/// of "Ministry of Health"), not a word inside ("Deir ez-Zor Military Council" is no military).
pub(crate) fn named_by(name: &str, noun: &str) -> bool {
    let mut words = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    let first = words.next();
    let last = words.next_back().or(first);
    [first, last]
        .into_iter()
        .flatten()
        .any(|w| w.eq_ignore_ascii_case(noun))
}

/// Where "the [modifiers] <person noun>" at `i` starts (after "the"), if it can refer back to
/// no one: no person is named before it.
fn unresolvable_person(
    doc: &Doc,
    lex: &Lexicon,
    i: usize,
    n: usize,
    first_person: usize,
) -> Option<usize> {
    // A person named before: the description refers back to them.
    if first_person < i {
        return None;
    }
    let (_, kind) = lex.references.longest_at(&doc.tokens, i, n)?;
    if *kind != crate::lexicon::Reference::Person
        || matches!(doc.lower(i), "he" | "she")
        || doc.mention_covering(i).is_some()
    {
        return None;
    }
    let mut start = i;
    while start > doc.body_start && lex.reference_modifiers.contains_at(&doc.tokens, start - 1) {
        start -= 1;
    }
    if start == doc.body_start || doc.lower(start - 1) != "the" {
        return None;
    }
    Some(start)
}

/// Where an unnamed speaker at `i` starts, after "a" or "an" and up to three describing words
/// ("a senior Ukrainian official"), and the demonym mention it takes in, if any.
fn indefinite_start(doc: &Doc, lex: &Lexicon, i: usize) -> Option<(usize, Option<usize>)> {
    if doc.mention_covering(i).is_some() {
        return None;
    }
    let mut k = i;
    while k > doc.body_start && !matches!(doc.lower(k - 1), "a" | "an") {
        let word = doc.tokens.list[k - 1].kind == crate::stages::tokens::TokenKind::Word;
        if i - k >= 3 || !word || lex.function_words.contains_at(&doc.tokens, k - 1) {
            return None;
        }
        k -= 1;
    }
    if k == doc.body_start {
        return None;
    }
    // The mentions between the article and the noun: a demonym joins the speaker's name; a
    // name is a speaker of its own ("a Hamas official" stays Hamas's).
    let from = doc.mentions.partition_point(|m| m.tokens.start < k);
    let mut demonym = None;
    for (offset, m) in doc.mentions[from..].iter().enumerate() {
        if m.tokens.start >= i {
            break;
        }
        if m.tokens.end > i {
            continue;
        }
        if m.kind != EntityKind::Other {
            return None;
        }
        demonym = Some(from + offset);
    }
    Some((k, demonym))
}

/// A run of capitalised tokens starting at the capitalised word `i` (the caller skips every
/// other token), without a leading title; and whether a title ("Rep.", "President") stood
/// before it.
fn run_at(doc: &Doc, lex: &Lexicon, i: usize) -> Option<(Range<usize>, bool)> {
    let t = &doc.tokens;
    // Asked only of a capitalised function word ("The", "In"): a search over the sentences.
    let sentence_start = || {
        doc.sentence_of(i).is_some_and(|s| {
            let first = doc.sentences[s].tokens.start;
            i == first || (i == first + 1 && t.list[first].kind == TokenKind::Punct)
        })
    };
    let mut start = i;
    let mut titled = false;
    // A title before the name: "Rep. Lee", "President Yoon"; with a country's demonym or name
    // before it, "Ukrainian President Volodymyr Zelensky" names the person alone.
    if let Some(after) = title_end(lex, t, i, t.len()) {
        // "General Staff" is an organisation, not a general called Staff.
        let names_body = after < t.len() && lex.organisation_words.matches_at(t, after, after + 1);
        if !names_body
            && after < t.len()
            && t.list[after].capitalized
            && t.list[after].kind == TokenKind::Word
        {
            start = after;
            titled = true;
        }
    }
    let calendar =
        lex.weekdays.matches_at(t, start, start + 1) || lex.months.matches_at(t, start, start + 1);
    if !titled && (calendar || (lex.function_words.contains_at(t, start) && sentence_start())) {
        return None;
    }
    // "Four reported killed", "Two Ukrainian soldiers": a count is no name, nor part of one.
    if !titled && lex.number_words.matches_at(t, start, start + 1) {
        return None;
    }
    let mut end = start + 1;
    while end < t.len() {
        let w = t.lower(end);
        let tk = t.list[end];
        // A name never runs on past the end of its line.
        if tk.breaks > 0 {
            break;
        }
        if tk.kind == TokenKind::Word && tk.capitalized && w != "'s" {
            end += 1;
        } else if w == "-"
            && t.touches_next(end - 1)
            && t.touches_next(end)
            && t.list[end + 1].kind == TokenKind::Word
        {
            // "Seong-kweun", "Al-Assad"
            end += 2;
        } else if matches!(w, "'" | "’")
            && t.lower(end - 1).ends_with('s')
            && t.touches_next(end - 1)
            && end + 1 < t.len()
            && !t.touches_next(end)
            && t.list[end + 1].capitalized
            && t.list[end + 1].kind == TokenKind::Word
        {
            // "the Palestinian Prisoners' Society"
            end += 2;
        } else if w == "'s"
            && end + 1 < t.len()
            && t.list[end + 1].capitalized
            && t.list[end + 1].kind == TokenKind::Word
            && lex.organisation_words.matches_at(t, end + 1, end + 2)
            && lex
                .gazetteer
                .place_at(t, start, end)
                .is_none_or(|(len, _)| len != end - start)
        {
            // "the Kharkiv Oblast Prosecutor's Office", "the Prosecutor General's Office": a
            // body named by its head's title. A place's body ("Russia's Defence Ministry")
            // stays a body of that place.
            end += 2;
        } else if ((is_connector(w)
            // "Committee to Protect Journalists": "to" after an organisation's word.
            || (w == "to" && lex.organisation_words.matches_at(t, end - 1, end)))
            && end + 1 < t.len()
            && t.list[end + 1].capitalized
            && t.list[end + 1].kind == TokenKind::Word)
            || (w == "the"
                && end > start
                && is_connector(t.lower(end - 1))
                && end + 1 < t.len()
                && t.list[end + 1].capitalized)
        {
            end += 1;
        } else {
            break;
        }
    }
    // A trailing connector is not part of the name.
    while end > start + 1 && (is_connector(t.lower(end - 1)) || t.lower(end - 1) == "the") {
        end -= 1;
    }
    Some((start..end, titled))
}

fn classify(doc: &Doc, lex: &Lexicon, run: &Range<usize>, titled: bool) -> EntityKind {
    let t = &doc.tokens;
    let surface = doc.slice(run.clone());
    if titled {
        return EntityKind::Person;
    }
    if run.len() == 1 && is_acronym(surface) {
        return EntityKind::Organisation;
    }
    // A short organisation word is an acronym only in capitals: "UN", not "Kim Jong Un".
    let organisation_word = |k: usize| {
        lex.organisation_words.matches_at(t, k, k + 1) && {
            let w = doc.slice(k..k + 1);
            w.len() > 3 || is_acronym(w)
        }
    };
    // A whole name the gazetteer knows is a place, though a word of it names organisations
    // ("West Bank", not a bank).
    if let Some((len, _)) = lex.gazetteer.place_at(t, run.start, run.end) {
        if len == run.len() {
            return EntityKind::Place;
        }
    }
    if run.clone().any(organisation_word) {
        return EntityKind::Organisation;
    }
    if lex
        .demonyms
        .longest_at(t, run.start, run.end)
        .is_some_and(|(len, _)| len == run.len())
    {
        return EntityKind::Other;
    }
    let words = run
        .clone()
        .filter(|&k| t.list[k].kind == TokenKind::Word && t.lower(k) != "-")
        .count();
    if (2..=4).contains(&words) {
        return EntityKind::Person;
    }
    EntityKind::Other
}

/// The initials of a name's capitalised words ("National Intelligence Service" is "NIS").
fn initials(name: &str) -> String {
    // Room for most up front: a string grown a letter at a time reallocates on the way.
    let mut out = String::with_capacity(8);
    for first in name
        .split(char::is_whitespace)
        .filter_map(|w| w.chars().next())
    {
        if first.is_uppercase() {
            out.push(first);
        }
    }
    out
}

/// The names entities are known by so far: full names, organisations' initials, and the parts
/// of people's names ("Lee" for "Lee Seong-kweun"); the first entity to claim a key keeps it.
/// Names and their parts are slices of the document's text, so keeping them copies nothing.
struct Index<'a> {
    names: HashMap<&'a str, usize>,
    initials: HashMap<String, usize>,
    name_parts: HashMap<&'a str, usize>,
}

impl<'a> Index<'a> {
    /// An index with room for `entities` names and as many name parts.
    fn with_capacity(entities: usize) -> Index<'a> {
        Index {
            names: HashMap::with_capacity_and_hasher(entities, Default::default()),
            initials: HashMap::with_capacity_and_hasher(entities / 4, Default::default()),
            name_parts: HashMap::with_capacity_and_hasher(entities, Default::default()),
        }
    }

    fn find(&self, surface: &str, single_token: bool) -> Option<usize> {
        self.names
            .get(surface)
            .or_else(|| {
                is_acronym(surface)
                    .then(|| self.initials.get(surface))
                    .flatten()
            })
            .or_else(|| single_token.then(|| self.name_parts.get(surface)).flatten())
            .copied()
    }

    /// Records entity `id`, named `name` (as written in the text) and of kind `kind`.
    fn add(&mut self, name: &'a str, kind: EntityKind, id: usize) {
        self.names.entry(name).or_insert(id);
        match kind {
            EntityKind::Organisation => {
                self.initials.entry(initials(name)).or_insert(id);
            }
            EntityKind::Person => {
                for part in name.split([' ', '-']) {
                    self.name_parts.entry(part).or_insert(id);
                }
            }
            _ => {}
        }
    }
}

fn add_mention<'a>(
    doc: &mut Doc<'a>,
    lex: &Lexicon,
    index: &mut Index<'a>,
    run: Range<usize>,
    titled: bool,
) {
    let surface: &'a str = doc.slice(run.clone());
    let mut kind = classify(doc, lex, &run, titled);
    // "National Intelligence Service (NIS)": the acronym names the run before it.
    let entity = match index.find(surface, run.len() == 1) {
        Some(e) => {
            // "Erdogan said ... President Erdogan": a title says the name is a person's.
            if titled && doc.entities[e].kind == EntityKind::Other {
                doc.entities[e].kind = EntityKind::Person;
            }
            kind = doc.entities[e].kind;
            e
        }
        None => match defined_acronym(doc, &run, surface) {
            Some(prev) => {
                index.names.entry(surface).or_insert(prev);
                prev
            }
            None => {
                let entity = Entity {
                    name: surface,
                    kind,
                    affiliation: None,
                };
                let id = doc.entities.len();
                index.add(surface, kind, id);
                doc.entities.push(entity);
                id
            }
        },
    };
    doc.mentions.push(Mention {
        tokens: run,
        kind,
        entity,
    });
}

/// If `run` is an acronym in brackets right after a mention whose initials it spells.
fn defined_acronym(doc: &Doc, run: &Range<usize>, surface: &str) -> Option<usize> {
    if !is_acronym(surface) || run.start < 2 || doc.lower(run.start - 1) != "(" {
        return None;
    }
    let prev = doc.mentions.last()?;
    (prev.tokens.end == run.start - 1 && initials(doc.entities[prev.entity].name) == surface)
        .then_some(prev.entity)
}

/// "Cho Tae-yong, the director of the National Intelligence Service" and "Cho Tae-yong, the NIS
/// director": a person followed by an appositive that names an organisation speaks for it.
fn affiliations(doc: &mut Doc, lex: &Lexicon) {
    let mut found = Vec::new();
    for (k, m) in doc.mentions.iter().enumerate() {
        if m.kind != EntityKind::Person || doc.entities[m.entity].affiliation.is_some() {
            continue;
        }
        let after = m.tokens.end;
        if after + 1 >= doc.tokens.len() || doc.lower(after) != "," || doc.lower(after + 1) != "the"
        {
            continue;
        }
        let mut end = after + 2;
        while end < doc.tokens.len()
            && end < after + 16
            && !matches!(doc.lower(end), "," | "." | ";" | "said" | "told")
        {
            end += 1;
        }
        let has_role = (after + 2..end).any(|i| lex.affiliation_roles.contains_at(&doc.tokens, i));
        let org = doc.mentions[k + 1..]
            .iter()
            .take_while(|o| o.tokens.start < end)
            .find(|o| o.kind == EntityKind::Organisation);
        if let (true, Some(org)) = (has_role, org) {
            found.push((m.entity, org.entity));
        }
    }
    for (person, org) in found {
        doc.entities[person].affiliation.get_or_insert(org);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;
    use crate::stages::sentences;

    fn entities(text: &str) -> (Vec<(String, EntityKind)>, Vec<Option<String>>) {
        let d = Document::new("e", text);
        let mut doc = Doc::new(&d);
        let lex = Lexicon::builtin();
        sentences::annotate(&mut doc, lex);
        annotate(&mut doc, lex);
        let names = doc
            .entities
            .iter()
            .map(|e| (e.name.to_string(), e.kind))
            .collect();
        let aff = doc
            .entities
            .iter()
            .map(|e| e.affiliation.map(|a| doc.entities[a].name.to_string()))
            .collect();
        (names, aff)
    }

    /// A look-up past the last token finds no country (the fuzzer's ",say": a speaker looked
    /// for after the speech verb that ends the text).
    #[test]
    fn no_country_past_the_end() {
        let lex = Lexicon::builtin();
        let mut t = Tokens::new(",say");
        t.classify(lex);
        assert_eq!(country_at(lex, &t, t.len(), t.len()), None);
        let d = Document::new("fuzz", ",say");
        assert!(crate::Extractor::new().claims(&d).is_empty());
    }

    #[test]
    fn people_organisations_and_acronyms() {
        let (names, aff) = entities(
            "Cho Tae-yong, the director of the National Intelligence Service, spoke. Rep. Lee Seong-kweun said the NIS knew. Lee added more.",
        );
        assert_eq!(
            names,
            [
                ("Cho Tae-yong".to_string(), EntityKind::Person),
                (
                    "National Intelligence Service".to_string(),
                    EntityKind::Organisation
                ),
                ("Lee Seong-kweun".to_string(), EntityKind::Person),
            ]
        );
        assert_eq!(aff[0].as_deref(), Some("National Intelligence Service"));
    }

    #[test]
    fn bracketed_acronyms_join_their_name() {
        let (names, _) = entities("The Armed Forces of Ukraine (AFU) said the AFU lost none.");
        assert_eq!(
            names,
            [(
                "Armed Forces of Ukraine".to_string(),
                EntityKind::Organisation
            )]
        );
    }
}
