//! Stage 6: sources. Who each sentence is attributed to, and whom they cite, across the document.
//!
//! Within a sentence: "according to X", "X said", "said X", "X told reporters", "X, citing Y";
//! and a headline's source set off at its end ("Five dead near Donetsk: AFP"). Where speakers
//! stand in different clauses ("Hamas said 30 were killed, while Israel said 12"), each clause's
//! figures are its own speaker's.
//! Across the document: "X, citing Y" and "X was briefed by Y" record that X relies on Y, so
//! every claim X makes carries Y after X. "According to X, Y said" puts Y after X in that
//! sentence's chain only; both kinds are the document's citations. References back ("the lawmaker",
//! "the agency", "he") resolve to the latest entity of that kind; a description with no person
//! named before it ("the regional governor") and one after "a" ("a police spokesman") name
//! unnamed speakers of their own (the entities stage finds both). A person cited as someone's
//! source who speaks for an organisation ("Cho Tae-yong, the NIS director") is named by it.

use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

use crate::doc::{Attribution, Doc, EntityKind};
use crate::lexicon::{Lexicon, Reference};
use crate::mentions::entities::owned_by_place;
use crate::stages::tokens::TokenKind;

/// One speaker found in a sentence.
#[derive(Debug, Clone)]
struct Speaker {
    entity: usize,
    /// The tokens that name it.
    tokens: Range<usize>,
    /// Outer speakers relay inner ones: "according to X", or a trailing ", X said."
    outer: bool,
    position: usize,
}

/// A cited source: the entity and the tokens that name it.
type Cited = (usize, Range<usize>);

/// A sentence's speakers (outermost first), cited sources, attribution phrases and clauses.
type Found = (
    Vec<Speaker>,
    Vec<Cited>,
    Vec<Range<usize>>,
    Vec<Range<usize>>,
);

/// Adds one [`Attribution`] per sentence.
pub fn annotate(doc: &mut Doc, lex: &Lexicon) {
    let mut per_sentence: Vec<Found> = Vec::with_capacity(doc.sentences.len());
    let mut cites: HashMap<usize, Vec<usize>> = HashMap::default();
    // Speakers relayed within one sentence: citations of the document, not of every chain.
    let mut relays: Vec<(usize, usize)> = Vec::new();
    for s in 0..doc.sentences.len() {
        let (speakers, cited, spans, briefings) = sentence(doc, lex, s);
        for (who, whom) in briefings {
            cites.entry(who).or_default().push(whom);
        }
        let mut ordered = speakers.clone();
        ordered.sort_by_key(|sp| (!sp.outer, sp.position));
        // Clauses matter only where someone speaks.
        let clauses = if ordered.is_empty() {
            Vec::new()
        } else {
            clauses_of(doc, lex, s)
        };
        let clause = |k: usize| clauses.iter().position(|c| c.contains(&k));
        let end = doc.sentences[s].tokens.end;
        // The first speaker cites the sources its own clause cites ("X said, citing Y"), not
        // those of another ("X said 30, while Y said 12"): that holds for X wherever it speaks in
        // the document. The other speakers it relays ("according to a report by X, Y said") are
        // in this sentence's chain only: elsewhere X speaks for itself.
        if let Some(first) = ordered.first() {
            // "Citing hospital sources, Al Jazeera said ...": a citation that opens the
            // sentence is the speaker's, whatever clause it stands in.
            let start = doc.sentences[s].tokens.start;
            let opens = |k: usize| k <= start + 3 && doc.lower(start) == "citing";
            let own = |k: usize| {
                ends_sentence(first, end) || clause(k) == clause(first.position) || opens(k)
            };
            relays.extend(
                ordered
                    .iter()
                    .skip(1)
                    .filter(|sp| own(sp.position))
                    .map(|sp| (first.entity, sp.entity)),
            );
            for other in cited.iter().filter(|c| own(c.1.start)).map(|c| c.0) {
                if other != first.entity {
                    cites.entry(first.entity).or_default().push(other);
                }
            }
        }
        per_sentence.push((ordered, cited, spans, clauses));
    }
    let mut out = Vec::with_capacity(per_sentence.len());
    for (speakers, cited, spans, clauses) in per_sentence {
        let mut chain: Vec<usize> = speakers.iter().map(|s| s.entity).collect();
        chain.extend(cited.iter().map(|c| c.0));
        let chain = expand(doc, &chain, &cites);
        let clause_chains = clause_chains(doc, lex, &clauses, &speakers, &cited, &cites);
        let (names, named) = speakers
            .iter()
            .map(|s| (s.tokens.clone(), s.entity))
            .chain(cited.into_iter().map(|c| (c.1, c.0)))
            .unzip();
        out.push(Attribution {
            chain,
            spans,
            speakers: names,
            speaker_entities: named,
            clause_chains,
        });
    }
    doc.attributions = out;
    let mut citations: Vec<(usize, usize)> = cites
        .into_iter()
        .flat_map(|(who, whom)| whom.into_iter().map(move |w| (who, w)))
        .chain(relays)
        .filter(|(who, whom)| who != whom)
        .collect();
    citations.sort_unstable();
    citations.dedup();
    doc.citations = citations;
}

/// Whether a speaker is set off at the sentence's end ("..., the army said.", "..., according
/// to the UN."): it speaks for every clause before it.
fn ends_sentence(sp: &Speaker, sentence_end: usize) -> bool {
    sp.outer && sentence_end.saturating_sub(sp.tokens.end) <= 3
}

/// Whether a clause has a speaker sitrep does not name: a determiner, a noun and a speech verb
/// ("the army said", "its spokesman said").
fn unnamed_speaker(doc: &Doc, lex: &Lexicon, clause: &Range<usize>) -> bool {
    (clause.start + 2..clause.end).any(|verb| {
        if !lex.speech_verbs.matches_at(&doc.tokens, verb, clause.end) {
            return false;
        }
        // "the ministry that same day reported"
        let k = verb
            - lex
                .times_before_verb
                .longest_ending_at(&doc.tokens, verb, clause.start)
                .map_or(0, |(len, _)| len);
        k >= clause.start + 2
            && doc.tokens.list[k - 1].kind == crate::stages::tokens::TokenKind::Word
            && !lex.function_words.contains_at(&doc.tokens, k - 1)
            && !lex.auxiliaries.matches_at(&doc.tokens, k - 1, k)
            && matches!(doc.lower(k - 2), "the" | "its" | "their" | "his" | "her")
    })
}

/// A sentence's clauses: its tokens cut at clause breaks (";", "while", "but").
fn clauses_of(doc: &Doc, lex: &Lexicon, s: usize) -> Vec<Range<usize>> {
    let range = doc.sentences[s].tokens.clone();
    let mut out = Vec::new();
    let mut from = range.start;
    for k in range.clone() {
        if k > from && lex.clause_breaks.matches_at(&doc.tokens, k, range.end) {
            out.push(from..k);
            from = k;
        }
    }
    out.push(from..range.end);
    out
}

/// Each clause's own chain, where speakers who are not set off at the sentence's end stand in
/// more than one clause; otherwise none.
fn clause_chains(
    doc: &Doc,
    lex: &Lexicon,
    clauses: &[Range<usize>],
    speakers: &[Speaker],
    cited: &[Cited],
    cites: &HashMap<usize, Vec<usize>>,
) -> Vec<(Range<usize>, Vec<usize>)> {
    let end = clauses.last().map_or(0, |c| c.end);
    if clauses.len() < 2 || speakers.iter().any(|sp| ends_sentence(sp, end)) {
        return Vec::new();
    }
    let out: Vec<(Range<usize>, Vec<usize>)> = clauses
        .iter()
        .filter_map(|c| {
            let mut own: Vec<usize> = speakers
                .iter()
                .filter(|sp| c.contains(&sp.position))
                .map(|sp| sp.entity)
                .collect();
            if own.is_empty() {
                // "while the army said only 9 had died": a speaker sitrep cannot name still
                // keeps the other clause's speaker from this one's figures.
                return unnamed_speaker(doc, lex, c).then(|| (c.clone(), Vec::new()));
            }
            own.extend(cited.iter().filter(|x| c.contains(&x.1.start)).map(|x| x.0));
            Some((c.clone(), expand(doc, &own, cites)))
        })
        .collect();
    if out.len() < 2 {
        return Vec::new();
    }
    out
}

/// The chain with each member's own sources after it, people who speak for an organisation
/// named by it past the first place, and no entity twice.
fn expand(doc: &Doc, start: &[usize], cites: &HashMap<usize, Vec<usize>>) -> Vec<usize> {
    let mut chain: Vec<usize> = Vec::new();
    let mut queue: Vec<usize> = start.to_vec();
    let mut k = 0;
    while k < queue.len() && chain.len() < 6 {
        let mut e = queue[k];
        k += 1;
        if !chain.is_empty() {
            if let Some(org) = doc.entities[e].affiliation {
                e = org;
            }
        }
        if chain.contains(&e) {
            continue;
        }
        chain.push(e);
        if let Some(more) = cites.get(&queue[k - 1]) {
            queue.extend(more.iter().copied());
        }
    }
    chain
}

type SentenceSources = (
    Vec<Speaker>,
    Vec<Cited>,
    Vec<Range<usize>>,
    Vec<(usize, usize)>,
);

/// Speakers, cited sources, attribution spans and "briefed by" pairs of sentence `s`.
fn sentence(doc: &Doc, lex: &Lexicon, s: usize) -> SentenceSources {
    let range = doc.sentences[s].tokens.clone();
    let t = &doc.tokens;
    let mut speakers = Vec::new();
    let mut cited = Vec::new();
    let mut spans = Vec::new();
    let mut briefings = Vec::new();
    let cues = crate::stages::stops::speech_cues(lex);
    let mut i = range.start;
    while let Some(at) = doc.stops.speech.next_from(i).filter(|&at| at < range.end) {
        i = at;
        if t.list[i].first & cues == 0 {
            i += 1;
            continue;
        }
        if let Some((len, _)) = lex.according.longest_at(t, i, range.end) {
            let is_citing = lex.citing.matches_at(t, i, range.end);
            if let Some((entity, from, end)) = entity_after(doc, lex, i + len, range.end) {
                spans.push(i..phrase_end(doc, end, range.end));
                if is_citing {
                    // "X said, citing Y", or "citing Y" before the speaker.
                    cited.push((entity, from..end));
                } else {
                    speakers.push(Speaker {
                        entity,
                        tokens: from..end,
                        outer: true,
                        position: i,
                    });
                }
                i = end;
                continue;
            }
        }
        if let Some((len, _)) = lex.briefed_by.longest_at(t, i, range.end) {
            let who = entity_before(doc, lex, i, range.start);
            let by = (i + len..(i + len + 6).min(range.end)).find(|&k| t.lower(k) == "by");
            if let (Some((who, _)), Some(by)) = (who, by) {
                if let Some((whom, _, end)) = entity_after(doc, lex, by + 1, range.end) {
                    briefings.push((who, whom));
                    i = end;
                    continue;
                }
            }
        }
        // "United States Secretary Antony Blinken": a verb's form inside a name is no verb.
        let in_name = t.list[i].capitalized && doc.mention_covering(i).is_some();
        let verb = if in_name {
            None
        } else {
            match lex.speech_verbs.longest_at(t, i, range.end) {
                // "told AFP": the name after is the listener.
                Some((len, _)) => Some((len, !lex.listener_verbs.contains_at(t, i))),
                None => lex
                    .accusation_verbs
                    .longest_at(t, i, range.end)
                    .map(|(len, _)| (len, false)),
            }
        };
        if let Some((len, speaker_may_follow)) = verb {
            if t.lower(i) != "according" {
                let before = entity_before(doc, lex, i, range.start);
                // The speaker follows its verb only where the verb opens its clause ("...,"
                // said the ministry", "Two killed, says army"): in "The think tank noted
                // Ukrainian military casualties at 600,000" the name after is the object.
                let inverted = i == range.start || t.list[i - 1].kind == TokenKind::Punct;
                let found = match before {
                    Some((e, from)) => Some((e, from..i, from, i + len)),
                    None if speaker_may_follow && inverted => {
                        entity_after(doc, lex, i + len, range.end)
                            .map(|(e, from, end)| (e, from..end, i, end))
                    }
                    None => None,
                };
                if let Some((entity, name, from, end)) = found {
                    let trailing = from > range.start
                        && matches!(t.lower(from - 1), "," | "”" | "\"" | "’")
                        // A name may run past the sentence's end: then it trails nothing.
                        && range.end.checked_sub(end).is_some_and(|d| d <= 3);
                    spans.push(from..end);
                    speakers.push(Speaker {
                        entity,
                        tokens: name,
                        outer: trailing,
                        position: from,
                    });
                    i = end;
                    continue;
                }
            }
        }
        i += 1;
    }
    if speakers.is_empty() && cited.is_empty() {
        if let Some((speaker, span)) = headline_source(doc, lex, &range) {
            spans.push(span);
            speakers.push(speaker);
        }
    }
    speakers.dedup_by_key(|s| s.entity);
    (speakers, cited, spans, briefings)
}

/// A headline's source set off at its end: "One civilian killed in rebel attack - regional
/// police", "Two shot dead during Kyiv protests: prosecutors". The source must be a named or
/// group mention that ends the line, after a mark with a space on each side.
fn headline_source(
    doc: &Doc,
    lex: &Lexicon,
    range: &Range<usize>,
) -> Option<(Speaker, Range<usize>)> {
    let t = &doc.tokens;
    // The line must end with the sentence: the text's end, or a line break before the next token.
    if range.end < t.len() && t.list[range.end].breaks == 0 {
        return None;
    }
    let mut end = range.end;
    if end > range.start && t.lower(end - 1) == "." {
        end -= 1;
    }
    let mark = (range.start + 3..end.saturating_sub(1))
        .rev()
        .take(8)
        .find(|&k| lex.headline_marks.matches_at(t, k, k + 1))?;
    let spaced_after = t.list[mark].end < t.list[mark + 1].start;
    let spaced_before = t.lower(mark) == ":" || t.list[mark - 1].end < t.list[mark].start;
    if !(spaced_after && spaced_before) {
        return None;
    }
    let mut from = mark + 1;
    if t.lower(from) == "the" {
        from += 1;
    }
    let m = doc.mention_starting_at(from)?;
    let speaks = matches!(
        m.kind,
        EntityKind::Person | EntityKind::Organisation | EntityKind::Group
    );
    (speaks && m.tokens.end == end).then(|| {
        let speaker = Speaker {
            entity: m.entity,
            tokens: from..end,
            outer: true,
            position: mark,
        };
        (speaker, mark..end)
    })
}

/// Extends an attribution phrase over a trailing "in Seoul" or ", the NIS director,".
fn phrase_end(doc: &Doc, mut end: usize, limit: usize) -> usize {
    if end + 1 < limit && doc.lower(end) == "in" && doc.tokens.list[end + 1].capitalized {
        end += 2;
        while end < limit && doc.tokens.list[end].capitalized {
            end += 1;
        }
    }
    end
}

/// The entity named at or just after token `i` ("the National Intelligence Service", "Lee",
/// "the lawmaker"), the token it starts at and the token after it.
fn entity_after(doc: &Doc, lex: &Lexicon, i: usize, limit: usize) -> Option<(usize, usize, usize)> {
    let skip = |mut k: usize| {
        loop {
            if k < limit && matches!(doc.lower(k), "the" | "a" | "an" | "," | "“" | "\"") {
                k += 1;
            } else if k + 1 < limit && k > i && owned_by_place(doc, lex, k) {
                // "according to the territory's civil defence agency"
                k += 2;
            } else {
                return k;
            }
        }
    };
    let mut k = skip(i);
    // "according to a statement from the regional governor": the source of the statement.
    if let Some((len, _)) = lex.source_documents.longest_at(&doc.tokens, k, limit) {
        k = skip(k + len);
    }
    // "according to (Turkish) President Erdogan": the person's mention starts after the title.
    if doc.mention_starting_at(k).is_none() {
        if let Some(after) = crate::mentions::entities::title_end(lex, &doc.tokens, k, limit) {
            let person = doc
                .mention_starting_at(after)
                .is_some_and(|m| m.kind == EntityKind::Person);
            if person {
                k = after;
            }
        }
    }
    if let Some(m) = doc.mention_starting_at(k) {
        // "the regional governor, Vadym Filashkin": the person the description names, set off
        // as an appositive ("According to Turkish officials, Sezgin Erdoğan died" names none).
        let e = m.tokens.end;
        if m.kind == EntityKind::Group && e + 1 < limit && doc.lower(e) == "," {
            let closed = |end: usize| end >= limit || matches!(doc.lower(end), "," | "." | ";");
            if let Some(p) = doc
                .mention_starting_at(e + 1)
                .filter(|p| p.kind == EntityKind::Person && closed(p.tokens.end))
            {
                return Some((p.entity, k, p.tokens.end));
            }
        }
        if matches!(
            m.kind,
            EntityKind::Person
                | EntityKind::Organisation
                | EntityKind::Place
                | EntityKind::Group
                | EntityKind::Other
        ) {
            return Some((m.entity, k, m.tokens.end));
        }
    }
    // "the ruling party lawmaker", "the agency"
    let mut r = k;
    while r < limit && lex.reference_modifiers.contains_at(&doc.tokens, r) {
        r += 1;
    }
    let (len, kind) = lex.references.longest_at(&doc.tokens, r, limit)?;
    let entity = resolve(doc, lex, *kind, doc.lower(r + len - 1), i)?;
    Some((entity, k, r + len))
}

/// The entity that ends just before token `i` (skipping auxiliaries and an appositive between
/// commas), and the token it starts at.
fn entity_before(doc: &Doc, lex: &Lexicon, i: usize, floor: usize) -> Option<(usize, usize)> {
    let mut k = i;
    while k > floor
        && matches!(
            doc.lower(k - 1),
            "has"
                | "have"
                | "had"
                | "also"
                | "later"
                | "further"
                | "then"
                | "previously"
                | "earlier"
        )
    {
        k -= 1;
    }
    // "the British Ministry of Defence that same day reported", "Kyiv on Monday said": a time
    // between the speaker and the verb.
    if let Some((len, _)) = lex
        .times_before_verb
        .longest_ending_at(&doc.tokens, k, floor)
    {
        k -= len;
    } else if let Some(d) = doc
        .dates
        .get(doc.dates.partition_point(|d| d.tokens.end < k))
        .filter(|d| d.tokens.end == k && d.tokens.start > floor)
    {
        k = d.tokens.start;
        if k > floor && doc.lower(k - 1) == "on" {
            k -= 1;
        }
    }
    // "X, the ... committee, told": skip the appositive back to the comma before it.
    if k > floor && doc.lower(k - 1) == "," {
        let mut c = k - 1;
        while c > floor && !matches!(doc.lower(c - 1), "," | "." | "“" | "\"") {
            c -= 1;
        }
        // "..., the governor of Kharkiv region, Oleh Syniehubov, said": the appositive is the
        // person named.
        let named = doc
            .mention_ending_at(k - 1)
            .filter(|m| m.tokens.start == c && m.kind == EntityKind::Person);
        if let Some(m) = named {
            return Some((m.entity, m.tokens.start));
        }
        if c > floor && doc.lower(c - 1) == "," {
            k = c - 1;
        } else {
            return None;
        }
    }
    if k == floor {
        return None;
    }
    if let Some(m) = doc.mention_ending_at(k).filter(|m| m.tokens.start >= floor) {
        return Some((m.entity, with_title(doc, lex, m.tokens.start, floor)));
    }
    // "the lawmaker said", "he said"
    let (len, kind) = lex.references.longest_ending_at(&doc.tokens, k, floor)?;
    let start = k - len;
    // "the TASS news agency reported", "the UN human rights office said": the organisation
    // named before the noun that says what it is.
    if *kind == Reference::Organisation {
        let mut j = start;
        while j > floor
            && start - j < 3
            && doc.tokens.list[j - 1].kind == TokenKind::Word
            && !doc.tokens.list[j - 1].capitalized
            && !lex.function_words.contains_at(&doc.tokens, j - 1)
        {
            j -= 1;
        }
        // The phrase opens its clause or follows "the": "seven UAV command posts" is no speaker.
        let opens = |m: &crate::doc::Mention| {
            let s = m.tokens.start;
            s == floor || matches!(doc.lower(s - 1), "the" | "," | ";")
        };
        let named = doc
            .mention_ending_at(j)
            .filter(|m| m.tokens.start >= floor && m.kind == EntityKind::Organisation && opens(m));
        if let Some(m) = named {
            let the = m.tokens.start > floor && doc.lower(m.tokens.start - 1) == "the";
            return Some((m.entity, m.tokens.start - usize::from(the)));
        }
    }
    let is_pronoun = matches!(doc.lower(start), "he" | "she");
    let mut from = start;
    while from > floor && lex.reference_modifiers.contains_at(&doc.tokens, from - 1) {
        from -= 1;
    }
    if !(is_pronoun || (from > floor && doc.lower(from - 1) == "the")) {
        return None;
    }
    if matches!(doc.lower(start), "it" | "they") {
        return None;
    }
    let entity = resolve(doc, lex, *kind, doc.lower(k - 1), start)?;
    Some((entity, from.saturating_sub(usize::from(!is_pronoun))))
}

/// Where a name starts once the title and country before it are counted ("US President Joe
/// Biden"): the attribution covers them, so that "US" is not taken for the claim's place.
fn with_title(doc: &Doc, lex: &Lexicon, start: usize, floor: usize) -> usize {
    let t = &doc.tokens;
    let Some((len, _)) = lex.titles.longest_ending_at(t, start, floor) else {
        return start;
    };
    let title = start - len;
    // The country's words end where the title starts.
    let country = (1..=3.min(title - floor))
        .find(|&n| crate::mentions::entities::country_at(lex, t, title - n, title) == Some(n));
    title - country.unwrap_or(0)
}

/// The person or organisation a reference whose head word is `noun` ("the lawmaker", "the
/// agency") points back to, mentioned before token `before`: the latest of its kind. A
/// self-naming noun ("the army", "the ministry") points back only to an organisation named by
/// it ("the Philippine Army", "the Ministry of Defence"), never to one of another name.
fn resolve(doc: &Doc, lex: &Lexicon, kind: Reference, noun: &str, before: usize) -> Option<usize> {
    let want = match kind {
        Reference::Person => EntityKind::Person,
        Reference::Organisation => EntityKind::Organisation,
    };
    let upto = doc.mentions.partition_point(|m| m.tokens.end <= before);
    // "Stein said she plans to sue. She acknowledged ...": a name of one word that opens its
    // sentence is of no known kind, but one that speaks ("Stein said") is a person's.
    let speaks = |m: &crate::doc::Mention| {
        kind == Reference::Person
            && doc.entities[m.entity].kind == EntityKind::Other
            && m.tokens.end - m.tokens.start == 1
            && m.tokens.end < doc.tokens.len()
            && lex
                .person_speech_verbs
                .contains_at(&doc.tokens, m.tokens.end)
    };
    let earlier = doc.mentions[..upto].iter().rev();
    if kind == Reference::Person || !lex.self_naming_references.contains(noun) {
        return earlier
            .filter(|m| doc.entities[m.entity].kind == want || speaks(m))
            .map(|m| m.entity)
            .next();
    }
    // A body named as a group counts too, by its last word ("the health ministry said ... The
    // ministry added"; not "military experts" for "the military").
    let group_named = |m: &crate::doc::Mention| {
        doc.entities[m.entity].kind == EntityKind::Group
            && m.tokens.end > m.tokens.start
            && doc.lower(m.tokens.end - 1) == noun
    };
    let mut earlier = earlier
        .filter(|m| doc.entities[m.entity].kind == EntityKind::Organisation || group_named(m))
        .map(|m| m.entity);
    // Named by the noun: its first or last word ("Philippine Army", "Ministry of Defence").
    earlier.find(|&e| crate::mentions::entities::named_by(doc.entities[e].name, noun))
}

#[cfg(test)]
mod tests {
    use crate::{Document, Extractor};

    /// The sources of each claim of `text`, in order.
    fn sources(text: &str) -> Vec<Vec<String>> {
        Extractor::new()
            .claims(&Document::new("t", text))
            .into_iter()
            .map(|c| c.sources)
            .collect()
    }

    #[test]
    fn a_name_after_its_verb_speaks_only_where_the_verb_opens_its_clause() {
        assert_eq!(
            sources("The think tank noted Ukrainian military casualties at around 600,000."),
            [[""; 0]]
        );
        assert_eq!(
            sources("Russia acknowledges the attack but says it killed 2 civilians."),
            [["Russia"]]
        );
        assert_eq!(
            sources("\"Twelve soldiers were killed,\" said the Ukrainian military."),
            [["Ukrainian military"]]
        );
    }

    #[test]
    fn a_body_named_by_its_heads_title_is_one_name() {
        assert_eq!(
            sources(
                "The Kharkiv Oblast Prosecutor's Office reported that one civilian was killed."
            ),
            [["Kharkiv Oblast Prosecutor's Office"]]
        );
        // A place's body stays the body, owned by the place.
        assert_eq!(
            sources("Russia's Defence Ministry said 12 soldiers were killed."),
            [["Defence Ministry"]]
        );
    }

    #[test]
    fn she_points_back_to_a_one_word_name_that_spoke() {
        assert_eq!(
            sources("Stein said she plans to sue. She acknowledged 3 soldiers were killed."),
            [["Stein"]]
        );
        // "Footage shows" names no person.
        assert_eq!(
            sources("Footage shows the bodies. He said 20 civilians were killed."),
            [[""; 0]]
        );
    }

    #[test]
    fn a_headline_names_its_source_at_the_end() {
        assert_eq!(
            sources("One civilian killed in rebel attack in east Ukrainian town - regional police"),
            [["regional police"]]
        );
        assert_eq!(
            sources("Three killed in Gorlovka shelling by Ukrainian army - DPR Defense Ministry"),
            [["DPR Defense Ministry"]]
        );
        assert_eq!(
            sources("Two soldiers killed in shelling - Defence Ministry."),
            [["Defence Ministry"]]
        );
        // A line of its own within a text.
        assert_eq!(
            sources("Fighting went on overnight.\nFive dead near Donetsk: AFP\nMore followed."),
            [["AFP"]]
        );
    }

    #[test]
    fn a_dash_inside_the_line_or_a_place_is_no_source() {
        // A hyphen that joins words, a mark that does not end the line, a place at the end.
        assert_eq!(
            sources("Two Su-34 pilots were killed in Kursk"),
            [Vec::<String>::new()]
        );
        assert_eq!(
            sources("Two killed - police said more may have died in the blast."),
            [["police"]]
        );
        assert_eq!(
            sources("Two killed in fighting - Donetsk"),
            [Vec::<String>::new()]
        );
    }

    #[test]
    fn a_speaker_whose_name_runs_past_the_sentence_is_no_overflow() {
        // Found by the `extract` fuzz target: a name after "told" that runs on past the
        // sentence's end made the distance to that end negative.
        let text = "Drone barrage kills 12 in Kharkiv region: gbliThe Ngh,, accordih5,4eNor 30\n\n    \
                    of a strike i.), told\n\nDrone barrage kills 12 in Kharkiv region: gbliThe Ngh,, \
                    accordih5,4eNor 30\n\n    of a strike i.), told r\"thirefree";
        assert!(!sources(text).is_empty());
    }

    #[test]
    fn unnamed_speakers_listeners_and_long_names() {
        // "told AFP": the outlet listens; the unnamed spokesman speaks.
        assert_eq!(
            sources("Five people were killed, a police spokesman told AFP."),
            [["police spokesman"]]
        );
        assert_eq!(
            sources("A senior Ukrainian official told Reuters that 12 people had died."),
            [["senior Ukrainian official"]]
        );
        assert_eq!(
            sources("The Committee to Protect Journalists said 128 journalists had been killed."),
            [["Committee to Protect Journalists"]]
        );
        assert_eq!(
            sources("The Palestinian Prisoners' Society said 25 people were detained."),
            [["Palestinian Prisoners' Society"]]
        );
        // A person named in an appositive before the verb.
        assert_eq!(
            sources("Three civilians died, the governor of Kharkiv region, Oleh Syniehubov, said."),
            [["Oleh Syniehubov"]]
        );
        assert_eq!(
            sources("Two soldiers were killed, Israel's military said."),
            [["Israel's military"]]
        );
        // A description no named person stands behind names the speaker; one that refers back
        // to a person named before is that person.
        assert_eq!(
            sources("Three people were killed in Kharkiv, the regional governor said."),
            [["regional governor"]]
        );
        assert_eq!(
            sources(
                "Governor Oleh Syniehubov visited. Three people were killed, the governor said."
            ),
            [["Oleh Syniehubov"]]
        );
        // A time between the speaker and the verb.
        assert_eq!(
            sources("Kyiv on Monday said 20 soldiers had died."),
            [["Kyiv"]]
        );
        assert_eq!(
            sources("The Defence Ministry on 15 December said 12 soldiers were killed."),
            [["Defence Ministry"]]
        );
        assert_eq!(
            sources("Hamas said 30 died, while the ministry that same day reported 12 dead."),
            [vec!["Hamas"], vec![]]
        );
        // "States" in a name is no speech verb, so no second speaker follows it.
        assert_eq!(
            sources(
                "John Smith reported 10 deaths. United States Secretary Antony Blinken reported that 90 soldiers died."
            ),
            [vec!["John Smith"], vec!["Antony Blinken"]]
        );
        // A country and a title before a name are not the name.
        assert_eq!(
            sources("Ukrainian President Volodymyr Zelensky said 31,000 soldiers were killed."),
            [["Volodymyr Zelensky"]]
        );
        assert_eq!(
            sources("US Secretary of State Antony Blinken said 300 people were killed."),
            [["Antony Blinken"]]
        );
        // A title makes a name seen before without one a person's: "he" finds it.
        assert_eq!(
            sources("Ahmet Davutoglu spoke. Erdogan opened the session. Later, President Erdogan denounced the protests. He said 40 people were killed."),
            [["Erdogan"]]
        );
    }

    #[test]
    fn an_accuser_speaks_and_the_accused_does_not() {
        assert_eq!(
            sources("Ukraine accused Russia of launching drones, killing four people."),
            [["Ukraine"]]
        );
        // No speaker before the verb: the name after it is the accused, not a speaker.
        assert_eq!(
            sources("Four people were killed, and Kyiv accused Russia."),
            [["Kyiv"]]
        );
        assert_eq!(
            sources("Four people were killed; accused Russia of it."),
            [Vec::<String>::new()]
        );
    }

    #[test]
    fn the_army_is_an_army_named_before_or_itself() {
        // A self-naming reference points back to an organisation named by its noun ...
        assert_eq!(
            sources("Fighting reached Marawi, where the Philippine Army is deployed. The army said 12 militants were killed."),
            [["Philippine Army"]]
        );
        // ... or to a body named as a group, by its last word ...
        assert_eq!(
            sources("Lebanon's health ministry gave no figure. The ministry said 12 people were killed."),
            [["Lebanon's health ministry"]]
        );
        // ... and never to the latest organisation of another name: with none of its own
        // named before, "the army" is the speaker's name as written.
        assert_eq!(
            sources("The boy's father told AFP. The army said 12 militants were killed."),
            [["army"]]
        );
        assert_eq!(
            sources("Hamas said five were killed. Two soldiers were killed, the army said."),
            [["Hamas"], ["army"]]
        );
        // Named again, it is the same speaker; "military experts" is no military.
        assert_eq!(
            sources("Military experts doubt it. The health ministry said 3 died. The health ministry said 4 were hurt."),
            [["health ministry"], ["health ministry"]]
        );
    }

    #[test]
    fn estimates_are_a_source_as_written() {
        assert_eq!(
            sources("Russia lost about 600,000 soldiers killed or wounded, according to Western estimates."),
            [["Western estimates"]]
        );
    }

    #[test]
    fn a_citation_that_opens_the_sentence_is_the_speaker_s() {
        assert_eq!(
            sources("Citing hospital sources, Al Jazeera said 35 people had died."),
            [["Al Jazeera", "hospital sources"]]
        );
    }

    #[test]
    fn a_group_that_opens_its_sentence_speaks_in_its_own_clause() {
        assert_eq!(
            sources("Local media reported that 5 people died, but officials put the toll at 3."),
            [["Local media"], ["officials"]]
        );
    }

    #[test]
    fn lawmakers_juntas_and_a_territory_s_agency_speak() {
        assert_eq!(
            sources("Some 300 soldiers have died, a South Korean lawmaker said on Monday."),
            [["South Korean lawmaker"]]
        );
        assert_eq!(
            sources("Myanmar's junta said 15 resistance fighters were killed."),
            [["Myanmar's junta"]]
        );
        // A place referred back to owns the body, which is named as written.
        assert_eq!(
            sources("Gaza was hit. At least 27 people were killed, according to the territory's civil defence agency."),
            [["civil defence agency"]]
        );
    }

    #[test]
    fn a_count_is_no_speaker() {
        assert_eq!(
            sources("Four reported killed in Ukraine ahead of talks"),
            [Vec::<String>::new()]
        );
        // The entity is named "YPG", not "One YPG", wherever it is mentioned later.
        let all =
            sources("One YPG fighter was wounded. The YPG reported that 112 fighters were killed.");
        assert_eq!(all.last().unwrap(), &["YPG"]);
    }
}
