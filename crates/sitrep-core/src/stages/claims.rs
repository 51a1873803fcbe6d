//! Stage 5: claims. Binds each count to a metric, its counted group, a place and a date, inside
//! one sentence, then refines places across the document.
//!
//! A count finds its metric, in this order:
//! 1. after it, past the counted group: a noun ("3 dead", "40 deaths"), a finite verb ("died"),
//!    a passive with its auxiliary ("have been killed"), or a bare participle ("3 killed");
//!    a passive beats a bare participle, which often opens a reduced relative
//!    ("100 soldiers sent to Russia ... have been killed");
//! 2. before it: a verb whose object it is ("killing 3", "sent 11,000 troops"), or a toll
//!    ("the death toll rose to 40");
//! 3. from a coordinated count ("one soldier and three rebels were killed").
//!
//! A count governed by a denial or a forecast ("denied that 100 were killed", "up to 15,000 more
//! could be sent") is no claim. A partitive ("1,000 of the 11,000 troops sent were killed") gives
//! two claims: the part takes the predicate, the whole its reduced relative.

use std::ops::Range;

use crate::doc::{ClaimDraft, Doc, EntityKind, Quantity};
use crate::lexicon::{CueForm, Lexicon};
use crate::model::QuantityKind;
use crate::stages::numbers;
use crate::stages::tokens::TokenKind;

/// How surely a cue after a count is its predicate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    /// A bare participle: a headline passive or a reduced relative.
    Weak,
    /// A noun next to the count, a finite verb, or a passive with its auxiliary.
    Strong,
}

/// A metric found for a count.
#[derive(Debug, Clone, Copy)]
struct Found {
    metric: usize,
    strength: Strength,
    /// Whether it came from a cue after the count (and may be shared by a coordinated count).
    after: bool,
    /// A second predicate joined to the first ("were abducted and killed").
    also: Option<usize>,
}

/// What the claim stage knows of one count.
#[derive(Debug, Clone, Default)]
struct Count {
    quantity: usize,
    subject: Range<usize>,
    /// The count whose group this one's "of the" names ("1,000 of the 11,000 troops").
    partitive_of: Option<usize>,
    /// This count is the whole in a partitive: only its reduced relative applies to it.
    partitive_whole: bool,
    found: Option<Found>,
    blocked: bool,
    /// Part of a figure already given: "including a commander and a deputy" (both).
    subset: bool,
}

/// Adds the claim layer.
pub fn annotate(doc: &mut Doc, lex: &Lexicon) {
    named_victims(doc, lex);
    let mut drafts = Vec::new();
    // Quantities and sentences are both in text order: a cursor finds each sentence's
    // quantities, and passes a sentence without any at once.
    let mut next_quantity = 0;
    for s in 0..doc.sentences.len() {
        let range = doc.sentences[s].tokens.clone();
        let starts_before = |k: usize, at: usize| {
            doc.quantities
                .get(k)
                .is_some_and(|q: &Quantity| q.tokens.start < at)
        };
        while starts_before(next_quantity, range.start) {
            next_quantity += 1;
        }
        let mut after = next_quantity;
        while starts_before(after, range.end) {
            after += 1;
        }
        if after == next_quantity {
            continue;
        }
        let mut counts = counts_in(doc, lex, &range, next_quantity..after);
        if counts.is_empty() {
            continue;
        }
        // Right to left, so a count can share the predicate of the coordinated count after it.
        for c in (0..counts.len()).rev() {
            let (found, blocked) = metric_for(doc, lex, &counts, c, range.clone());
            counts[c].found = found;
            counts[c].blocked = blocked;
        }
        share_predicates(doc, lex, &mut counts);
        wholes_of_parts(lex, &mut counts);
        pronoun_objects(doc, lex, &mut counts, &range);
        // The sentence's place, date and sources matter only to a count with a metric.
        if !counts.iter().any(|c| c.found.is_some() && !c.blocked) {
            continue;
        }
        let facts = SentenceFacts::of(doc, lex, s);
        for c in 0..counts.len() {
            drafts.extend(drafts_for(doc, lex, &facts, &counts, c));
        }
    }
    refine_places(lex, &mut drafts);
    doc.claims = drafts;
}

/// "Bipul Chakraborty was killed", "Rizvi died before he could get medical help": a person named
/// as the one it happened to is a count of one. Each becomes an implicit quantity over the
/// name, in text order among the others; whether it is a claim is then decided as for "a
/// soldier" (a firm predicate, not inside another phrase).
fn named_victims(doc: &mut Doc, lex: &Lexicon) {
    // Most names are followed by no predicate of a victim: one mask test says so.
    let opens =
        lex.auxiliaries.start_mask() | lex.adverbs.start_mask() | lex.metric_after.start_mask();
    let may_follow = |k: usize| {
        k < doc.tokens.len()
            && (doc.tokens.list[k].first & opens != 0
                || matches!(doc.lower(k), "," | "(" | "along" | "together"))
    };
    let found: Vec<Range<usize>> = doc
        .mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Person && may_follow(m.tokens.end))
        .filter(|m| {
            let s = doc
                .sentences
                .partition_point(|s| s.tokens.end <= m.tokens.start);
            doc.sentences.get(s).is_some_and(|s| {
                m.tokens.end < s.tokens.end
                    && opens_clause(doc, lex, m.tokens.start, s.tokens.start)
                    && victim_predicate(doc, lex, m.tokens.end, s.tokens.end)
            })
        })
        .map(|m| m.tokens.clone())
        .collect();
    for tokens in found {
        let at = doc
            .quantities
            .partition_point(|q| q.tokens.start < tokens.start);
        if doc
            .quantities
            .get(at)
            .is_some_and(|q| q.tokens.start < tokens.end)
            || (at > 0 && doc.quantities[at - 1].tokens.end > tokens.start)
        {
            continue;
        }
        let q = numbers::one(&doc.tokens, doc.text, tokens);
        doc.quantities.insert(at, q);
    }
}

/// Whether a name at `k` is the subject of its own clause: not inside a phrase ("the Ukishima
/// Maru", "a girl in Mariupol", "the 507th Maintenance Company"), nor one of a list ("Saleh,
/// Khaddour and Humam Ali"), nor told after a count of its sentence ("5 fighters of the Sham
/// Legion were killed"), where the count is the claim.
fn opens_clause(doc: &Doc, lex: &Lexicon, k: usize, sentence_start: usize) -> bool {
    let t = &doc.tokens;
    let first = doc
        .quantities
        .partition_point(|q| q.tokens.start < sentence_start);
    let counted_before = doc.quantities[first..]
        .iter()
        .take_while(|q| q.tokens.start < k)
        .any(|q| q.kind == QuantityKind::Count);
    if counted_before {
        return false;
    }
    if k == sentence_start {
        return true;
    }
    let p = k - 1;
    let w = t.lower(p);
    let opener = lex.subordinators.matches_at(t, p, k)
        || lex.clause_breaks.matches_at(t, p, k)
        || lex.speech_verbs.matches_at(t, p, k)
        || lex.relatives.matches_at(t, p, k);
    // "the 507th Maintenance Company"
    let numeric =
        t.list[p].kind == TokenKind::Number || w.starts_with(|c: char| c.is_ascii_digit());
    !numeric && (opener || !lex.function_words.contains(w))
}

/// Whether the words from `k` are what happened to a person named just before: a passive
/// ("was killed", "was later found dead", ", 45, was shot dead", "along with his driver were
/// shot dead") or a finite verb ("died", "later succumbed to his injuries") of a metric in
/// `victim_metrics`. "has killed" is what the person did.
fn victim_predicate(doc: &Doc, lex: &Lexicon, mut k: usize, limit: usize) -> bool {
    let t = &doc.tokens;
    // ", 45," or "(45)": an age in apposition.
    if k + 2 < limit
        && matches!((t.lower(k), t.lower(k + 2)), (",", ",") | ("(", ")"))
        && t.list[k + 1].kind == TokenKind::Number
    {
        k += 3;
    }
    // "along with his driver were": the auxiliary the two share.
    let shared =
        k + 1 < limit && matches!(t.lower(k), "along" | "together") && t.lower(k + 1) == "with";
    if shared {
        match (k + 2..limit.min(k + 7)).find(|&j| lex.auxiliaries.matches_at(t, j, limit)) {
            Some(j) => k = j,
            None => return false,
        }
    }
    // "has killed" is what the person did; "and Omar Maute were killed" one of a list.
    let passive = match lex.auxiliaries.longest_at(t, k, limit) {
        Some((1, _)) if matches!(t.lower(k), "has" | "have" | "had") => return false,
        Some(_) if !shared && matches!(t.lower(k), "were" | "are" | "have") => return false,
        Some((len, _)) => {
            k += len;
            true
        }
        None => false,
    };
    loop {
        // "was almost killed" is no death.
        if k < limit && matches!(t.lower(k), "almost" | "nearly") {
            return false;
        }
        if let Some((len, _)) = lex.adverbs.longest_at(t, k, limit) {
            k += len;
        } else if k < limit && is_ly_adverb(t.lower(k)) {
            k += 1;
        } else {
            break;
        }
    }
    lex.metric_after
        .longest_at(t, k, limit)
        .is_some_and(|(_, cue)| {
            lex.victim_metrics.contains(&lex.metrics[cue.metric])
                && (passive || cue.form == CueForm::Finite)
        })
}

/// Whether quantity `q` is a person's name counted as one ("Rizvi died").
fn is_named(doc: &Doc, q: &Quantity) -> bool {
    q.implicit && {
        let m = doc
            .mentions
            .partition_point(|m| m.tokens.start < q.tokens.start);
        doc.mentions
            .get(m)
            .is_some_and(|m| m.tokens == q.tokens && m.kind == EntityKind::Person)
    }
}

/// The counts of a sentence (token `range`, whose quantities are those at `quantities`), each
/// with its group and its part in a partitive.
fn counts_in(
    doc: &Doc,
    lex: &Lexicon,
    range: &Range<usize>,
    quantities: Range<usize>,
) -> Vec<Count> {
    let mut counts: Vec<Count> = quantities
        .filter(|&k| {
            let q = &doc.quantities[k];
            q.kind == QuantityKind::Count && q.tokens.end <= range.end
        })
        .map(|k| Count {
            quantity: k,
            ..Count::default()
        })
        .collect();
    for c in 0..counts.len() {
        let q = &doc.quantities[counts[c].quantity];
        // A named person is their own group, and may be one of a figure the text gives.
        if is_named(doc, q) {
            counts[c].subject = q.tokens.clone();
            counts[c].subset = true;
            continue;
        }
        counts[c].subject = subject_after(doc, lex, q.tokens.end, range.end);
        // "a family of six was killed": the group is named before the count.
        let start = q.tokens.start;
        if counts[c].subject.is_empty()
            && start >= range.start + 2
            && doc.lower(start - 1) == "of"
            && lex.collective_heads.contains_at(&doc.tokens, start - 2)
        {
            counts[c].subject = start - 2..start - 1;
        }
        // "Of the 12 passengers, 4 died": a whole told first, its part after the comma.
        let group_end = counts[c].subject.end.max(q.tokens.end);
        if c + 1 < counts.len()
            && fronted_partitive(doc, lex, q.tokens.start, range.start)
            && group_end < range.end
            && doc.lower(group_end) == ","
        {
            counts[c].partitive_whole = true;
        }
        counts[c].subset = is_subset(doc, lex, q, range.start)
            || (c > 0 && counts[c - 1].subset && coordinated(doc, lex, &counts[c - 1], &counts[c]));
        // "1,000 of the 11,000 troops", "seven members of one family"
        if let Some(next) = counts.get(c + 1) {
            let nq = &doc.quantities[next.quantity];
            let group = &counts[c].subject;
            let after_group = !group.is_empty()
                && group.start == q.tokens.end
                && is_partitive(doc, group.end, nq.tokens.start);
            if after_group || is_partitive(doc, q.tokens.end, nq.tokens.start) {
                counts[c].partitive_of = Some(c + 1);
                counts[c + 1].partitive_whole = true;
            }
        }
    }
    counts
}

/// Left to right: "killing 3 civilians and 2 soldiers" shares the verb before, and
/// "40 were killed, including three children" the metric of the figure it is part of.
fn share_predicates(doc: &Doc, lex: &Lexicon, counts: &mut [Count]) {
    for c in 1..counts.len() {
        if counts[c].found.is_some() || counts[c].blocked {
            continue;
        }
        let shared = if coordinated(doc, lex, &counts[c - 1], &counts[c]) {
            // "shot down 40 of 47 drones and two missiles": after a partitive's whole, the
            // verb is its part's.
            let part = counts[..c - 1]
                .iter()
                .rev()
                .find(|k| k.partitive_of == Some(c - 1));
            part.unwrap_or(&counts[c - 1]).found.filter(|f| !f.after)
        } else if elided_after(doc, lex, &counts[c - 1], &counts[c]) {
            // The group is elided too: "three" are civilians, "one" a village.
            counts[c].subject = counts[c - 1].subject.clone();
            counts[c - 1].found
        } else if counts[c].subset {
            counts[..c]
                .iter()
                .rev()
                .find_map(|k| k.found.filter(|_| !k.blocked))
        } else {
            None
        };
        counts[c].found = shared;
    }
}

/// "Two civilians were killed in Pokrovsk and three in Kostiantynivka": a bare count after
/// "and", followed by nothing but a place ("in Kostiantynivka") before its clause ends, repeats
/// the predicate the count before it has after its group.
fn elided_after(doc: &Doc, lex: &Lexicon, previous: &Count, count: &Count) -> bool {
    let q = &doc.quantities[count.quantity];
    let (start, end) = (q.tokens.start, q.tokens.end);
    let shares = previous.found.is_some_and(|f| f.after) && !previous.blocked;
    if !shares || !count.subject.is_empty() || start == 0 || doc.lower(start - 1) != "and" {
        return false;
    }
    if end + 1 >= doc.tokens.len() || !lex.locative.contains_at(&doc.tokens, end) {
        return false;
    }
    doc.mention_starting_at(end + 1)
        .filter(|m| m.kind == EntityKind::Place)
        .is_some_and(|m| {
            m.tokens.end >= doc.tokens.len()
                || matches!(doc.lower(m.tokens.end), "." | "," | ";" | "and")
        })
}

/// "shot down 40 of 47 drones": a whole with no cue of its own, whose part has a metric that
/// names the whole's (`whole` in metrics.toml), is counted by that metric: 47 launched.
fn wholes_of_parts(lex: &Lexicon, counts: &mut [Count]) {
    for p in 0..counts.len() {
        let Some(w) = counts[p].partitive_of else {
            continue;
        };
        if counts[w].found.is_some() || counts[w].blocked || counts[p].blocked {
            continue;
        }
        let whole = counts[p].found.and_then(|f| lex.metric_whole[f.metric]);
        if let Some(metric) = whole {
            counts[w].found = Some(Found {
                metric,
                strength: Strength::Strong,
                after: false,
                also: None,
            });
        }
    }
}

/// "kidnapped two villagers and killed them": the pronoun takes the count before it.
fn pronoun_objects(doc: &Doc, lex: &Lexicon, counts: &mut [Count], range: &Range<usize>) {
    for k in range.clone() {
        let Some((len, &metric)) = lex.metric_before.longest_at(&doc.tokens, k, range.end) else {
            continue;
        };
        let pronoun = (k + len..(k + len + 2).min(range.end))
            .any(|j| matches!(doc.lower(j), "them" | "themselves"));
        if !pronoun {
            continue;
        }
        let before = counts
            .iter()
            .rposition(|c| doc.quantities[c.quantity].tokens.end <= k);
        if let Some(c) = before {
            let count = &mut counts[c];
            match &mut count.found {
                None => {
                    count.found = Some(Found {
                        metric,
                        strength: Strength::Strong,
                        after: false,
                        also: None,
                    });
                }
                Some(f) if f.metric != metric && f.also.is_none() => f.also = Some(metric),
                _ => {}
            }
        }
    }
}

/// What holds for every claim of one sentence, worked out once.
struct SentenceFacts {
    sentence: usize,
    place: Option<String>,
    date: Option<chrono::NaiveDate>,
    /// Where a protest or a commemoration is told in the sentence: its counts are background,
    /// unless violence at the event comes between ("clashed with police, who killed one").
    recalls_deaths: Option<usize>,
    /// Whether the sentence or the one after it says its figures could not be verified ("IS
    /// claimed to have killed four soldiers. The information could not be verified."): they
    /// stay claims, but coders leave them out of an event's total.
    unverified: bool,
}

impl SentenceFacts {
    fn of(doc: &Doc, lex: &Lexicon, s: usize) -> SentenceFacts {
        let range = &doc.sentences[s].tokens;
        SentenceFacts {
            sentence: s,
            place: place_in(doc, lex, s),
            date: date_in(doc, lex, s),
            recalls_deaths: range
                .clone()
                .find(|&k| lex.background_events.matches_at(&doc.tokens, k, range.end)),
            unverified: unverified(doc, lex, s),
        }
    }
}

/// Whether sentence `s` says its figures could not be verified, or the sentence after it says
/// so and gives no figure of its own ("The information could not be independently verified.").
fn unverified(doc: &Doc, lex: &Lexicon, s: usize) -> bool {
    let says = |s: usize| {
        let r = &doc.sentences[s].tokens;
        r.clone()
            .any(|k| lex.unverified.matches_at(&doc.tokens, k, r.end))
    };
    let has_figures = |s: usize| {
        doc.quantities_in(&doc.sentences[s].tokens)
            .iter()
            .any(|q| q.kind == QuantityKind::Count)
    };
    says(s) || (s + 1 < doc.sentences.len() && says(s + 1) && !has_figures(s + 1))
}

/// Whether the count "died of" or "died from" a natural cause in its clause ("Catherine O'Hara
/// died from a pulmonary embolism"): a death, but no one's killing.
fn natural_death(doc: &Doc, lex: &Lexicon, q: &Quantity, limit: usize) -> bool {
    let t = &doc.tokens;
    let Some(died) = (q.tokens.end..limit.min(q.tokens.end + 8))
        .take_while(|&k| !matches!(doc.lower(k), "," | ";"))
        .find(|&k| matches!(doc.lower(k), "died" | "dies" | "die" | "dying"))
    else {
        return false;
    };
    let cause_from = died + 1;
    cause_from < limit
        && matches!(doc.lower(cause_from), "of" | "from")
        && (cause_from + 1..limit.min(cause_from + 6))
            .take_while(|&k| !matches!(doc.lower(k), "," | ";" | "."))
            .any(|k| lex.natural_causes.matches_at(t, k, limit))
}

/// The place a count's own phrase names right after its group: "three in Zaporizhzhia" in
/// "killed two people in Kherson and three in Zaporizhzhia", where the sentence's place is
/// Kherson.
fn own_place(doc: &Doc, lex: &Lexicon, count: &Count) -> Option<String> {
    let q = &doc.quantities[count.quantity];
    let at = count.subject.end.max(q.tokens.end);
    let sentence_end = doc.sentences[doc.sentence_of(q.tokens.start)?].tokens.end;
    if at >= sentence_end || !lex.locative.contains_at(&doc.tokens, at) || doc.lower(at) == "of" {
        return None;
    }
    let first = doc.places.partition_point(|p| p.tokens.start <= at);
    let p = doc.places.get(first)?;
    let reach = (at + 1..p.tokens.start)
        .all(|k| lex.place_modifiers.contains_at(&doc.tokens, k) && k < at + 4);
    if !reach || p.tokens.end > sentence_end {
        return None;
    }
    // "in east Ukraine's Donetsk": the place after the owner's.
    if p.tokens.end < sentence_end && doc.lower(p.tokens.end) == "'s" {
        return doc
            .places
            .get(first + 1)
            .filter(|n| n.tokens.start == p.tokens.end + 1 && n.tokens.end <= sentence_end)
            .map(|n| n.text.clone());
    }
    Some(p.text.clone())
}

/// Whether an alternative or doubtful account ("other reports claim", "conflicting reports
/// stated") opens before the count in its sentence, from `floor`.
fn another_account(doc: &Doc, lex: &Lexicon, q: &Quantity, floor: usize) -> bool {
    let end = q.tokens.start;
    (floor..end).any(|k| lex.alternative_accounts.matches_at(&doc.tokens, k, end))
}

/// The claims of count `c` (one, or two for "were abducted and killed"), if it has a metric
/// and nothing rules it out.
fn drafts_for(
    doc: &Doc,
    lex: &Lexicon,
    facts: &SentenceFacts,
    counts: &[Count],
    c: usize,
) -> Vec<ClaimDraft> {
    let (s, range) = (facts.sentence, &doc.sentences[facts.sentence].tokens);
    let Some(found) = counts[c].found.filter(|_| !counts[c].blocked) else {
        return Vec::new();
    };
    let subject = inherited_subject(doc, lex, counts, c);
    let q = &doc.quantities[counts[c].quantity];
    // "The father of five was shot dead": the count is of the children ("the mother of one of
    // the youths who was reported dead" tells of the youth).
    let partitive = q.tokens.end < range.end && doc.lower(q.tokens.end) == "of";
    if !partitive
        && lex
            .kin_frames
            .longest_ending_at(&doc.tokens, q.tokens.start, range.start)
            .is_some()
    {
        return Vec::new();
    }
    // Two people of one surname are two people.
    let head = if is_named(doc, q) {
        doc.slice(subject.clone()).to_lowercase()
    } else {
        head_of(doc, &subject)
    };
    if lex.non_casualty_nouns.contains(head.as_str()) {
        return Vec::new();
    }
    // "a soldier was killed" is a claim of one; "the kin of a driver that was killed" or
    // "after a girl was killed" tell of a death in passing, and "a journalist killed by"
    // may be a reduced relative: an implicit count needs a firm predicate of its own.
    if q.implicit {
        // "mutilated the body of a child" is the child's own death, not one in passing, and
        // "along with his driver" one more victim.
        let start = q.tokens.start;
        let along = start >= range.start + 2
            && doc.lower(start - 1) == "with"
            && matches!(doc.lower(start - 2), "along" | "together");
        let embedded = start > range.start
            && lex.embedding_words.contains_at(&doc.tokens, start - 1)
            && !along
            && lex
                .object_frames
                .longest_ending_at(&doc.tokens, start, range.start)
                .is_none();
        let subject_end = counts[c].subject.end.max(q.tokens.end);
        // "beheaded a delegate who had ...": a relative clause only matters where the predicate
        // is sought after it.
        let relative = found.after
            && lex
                .relatives
                .matches_at(&doc.tokens, subject_end, range.end);
        if embedded || relative || (found.after && found.strength != Strength::Strong) {
            return Vec::new();
        }
    }
    // "captured two grain silos": a metric that counts people does not count things. Only the
    // count's own group says what it counts, or a part's whole ("six villages, including
    // four"); a group inherited otherwise may be another count's.
    let group = if counts[c].subject.is_empty() && counts[c].subset {
        &subject
    } else {
        &counts[c].subject
    };
    let counts_things =
        !group.is_empty() && lex.material_nouns.contains(head_of(doc, group).as_str());
    let fits = |metric: usize| !(counts_things && lex.metric_counts_people[metric]);
    if !fits(found.metric) || natural_death(doc, lex, q, range.end) {
        return Vec::new();
    }
    let draft = ClaimDraft {
        sentence: s,
        quantity: counts[c].quantity,
        metric: found.metric,
        subject: doc.slice(subject.clone()).to_string(),
        subject_head: head,
        place: own_place(doc, lex, &counts[c]).or_else(|| facts.place.clone()),
        date: facts.date,
        // "Hamas said 30 were killed, while Israel said 12": each figure its clause's speaker.
        sources: doc
            .attributions
            .get(s)
            .map(|a| a.chain_at(q.tokens.start).to_vec())
            .unwrap_or_default(),
        subset: counts[c].subset,
        background: facts.unverified
            || another_account(doc, lex, q, range.start)
            || recalls_deaths(doc, lex, facts, q)
            || background_in_clause(doc, lex, q, range.start)
            || in_past_year(doc, lex, q, range)
            || (!found.after && by_described_killers(doc, lex, q, range.start)),
    };
    let second = found.also.filter(|&m| fits(m)).map(|metric| ClaimDraft {
        metric,
        ..draft.clone()
    });
    std::iter::once(draft).chain(second).collect()
}

/// Whether the count at `k` opens its clause as the whole of a partitive: "Of the 12
/// passengers, 4 died", "Among the 40 wounded, 10 were children".
fn fronted_partitive(doc: &Doc, lex: &Lexicon, k: usize, floor: usize) -> bool {
    let mut j = k;
    if j > floor && matches!(doc.lower(j - 1), "the" | "its" | "their" | "those") {
        j -= 1;
    }
    j > floor
        && matches!(doc.lower(j - 1), "of" | "among")
        && (j - 1 == floor
            || matches!(doc.lower(j - 2), "," | ";" | ":")
            || lex.clause_breaks.matches_at(&doc.tokens, j - 2, j - 1))
}

/// Whether the tokens between two counts are "of the" / "of its" / "among the" (a partitive).
fn is_partitive(doc: &Doc, from: usize, to: usize) -> bool {
    // Every pattern below is three words at most.
    if to <= from || to - from > 3 {
        return false;
    }
    let mut words = [""; 3];
    for (w, k) in words.iter_mut().zip(from..to) {
        *w = doc.lower(k);
    }
    matches!(
        &words[..to - from],
        ["of"]
            | [
                "of",
                "the" | "its" | "their" | "his" | "her" | "some" | "an" | "estimated"
            ]
            | ["out", "of"]
            | ["out", "of", "the"]
    )
}

/// Whether a count stands after a preposition ("in a village", "with links to several
/// groups"): the object of a phrase, not the start of another count's clause.
fn in_phrase(doc: &Doc, lex: &Lexicon, q: &Quantity) -> bool {
    q.tokens.start > 0 && {
        let w = doc.lower(q.tokens.start - 1);
        lex.locative.contains(w) || lex.not_location.contains(w)
    }
}

/// Whether two counts are joined by "and", "or" or a comma, the first with its group. The first
/// group may go on with a phrase or a bracket before the conjunction: "a commander of
/// Lashkar-e-Jhangvi (LeJ) and his companion", "three members of the community and a teacher".
fn coordinated(doc: &Doc, lex: &Lexicon, first: &Count, second: &Count) -> bool {
    let q1 = &doc.quantities[first.quantity];
    let q2 = &doc.quantities[second.quantity];
    let from = first.subject.end.max(q1.tokens.end);
    // Every pattern below spans fifteen words at most: a tail of twelve and "as well as".
    const MOST: usize = 15;
    if q2.tokens.start < from || q2.tokens.start - from > MOST {
        return false;
    }
    let mut words = [""; MOST];
    for (w, k) in words.iter_mut().zip(from..q2.tokens.start) {
        *w = doc.lower(k);
    }
    let between = &words[..q2.tokens.start - from];
    // "a farmer and his two sons": a possessive joins the second group to the first.
    let joined = |words: &[&str]| {
        matches!(
            words,
            ["and"] | ["or"] | [","] | [",", "and"] | ["and", "another"] | ["as", "well", "as"]
        ) || matches!(words, ["and", p] if matches!(*p, "his" | "her" | "their"))
    };
    if joined(between) {
        return true;
    }
    // The first group's tail: "of" and up to eleven plain words or a bracket, then "and".
    let Some(and) = between.iter().rposition(|w| *w == "and") else {
        return false;
    };
    let tail = &between[..and];
    // Or where it was: "two people in Kherson and three in Zaporizhzhia", "40 drones from
    // occupied Crimea and 12 missiles".
    let place_phrase = tail.len() >= 2
        && tail.len() <= 6
        && (lex.locative.contains(tail[0]) || tail[0] == "from")
        && (from + 1..from + and).all(|k| {
            let tok = &doc.tokens.list[k];
            (tok.kind == TokenKind::Word && tok.capitalized)
                || lex.place_modifiers.contains_at(&doc.tokens, k)
                || lex.region_words.contains_at(&doc.tokens, k)
        })
        && (from + 1..from + and).any(|k| doc.tokens.list[k].capitalized);
    if place_phrase && joined(&between[and..]) {
        return true;
    }
    joined(&between[and..])
        && matches!(tail.first(), Some(&"of") | Some(&"("))
        && tail.len() <= 12
        && (from..from + and).all(|k| {
            let w = doc.lower(k);
            doc.tokens.list[k].kind != TokenKind::Number
                && !matches!(w, "," | ";" | "and" | "or")
                && !lex.auxiliaries.matches_at(&doc.tokens, k, k + 1)
                && !lex.metric_after.matches_at(&doc.tokens, k, from + and)
                && !lex.metric_before.matches_at(&doc.tokens, k, from + and)
        })
}

/// The counted group after a count: words up to a function word, cue or punctuation, trimmed
/// back to its head noun. Empty where the count stands alone ("at least 100 have been killed").
fn subject_after(doc: &Doc, lex: &Lexicon, from: usize, limit: usize) -> Range<usize> {
    let t = &doc.tokens;
    let mut start = from;
    // "a 5-member family", "an 11-man assault group": the group follows the compound.
    if start + 2 < limit && t.joins_compound(start) {
        start += 2;
    }
    // "dozens of people", "a couple of soldiers": skip "of" (and a determiner) before the group.
    if start < limit
        && t.lower(start) == "of"
        && !(start + 1 < limit && t.list[start + 1].kind == TokenKind::Number)
    {
        start += 1;
        if start < limit
            && matches!(
                t.lower(start),
                "the" | "its" | "their" | "his" | "her" | "them"
            )
        {
            if t.lower(start) == "them" {
                return start..start;
            }
            start += 1;
        }
    }
    let mut end = start;
    let mut head_end = start;
    // "three 12-year-old boys": the age belongs to the group, as in "three twelve-year-old boys".
    if start + 1 < limit && t.list[start].kind == TokenKind::Number && t.lower(start + 1) == "-" {
        if let Some(age_end) = numbers::age_words_end(t, lex, start + 1, limit) {
            end = age_end;
        }
    }
    while end < limit && end - start < 7 {
        let w = t.lower(end);
        let tok = t.list[end];
        let glued =
            w == "-" && t.touches_next(end) && end > start && t.list[end - 1].end == tok.start;
        if glued {
            end += 1;
            continue;
        }
        // "downed 40 Ukrainian drones late Sunday": a date ends the group.
        if end > start && doc.date_starting_at(end).is_some() {
            break;
        }
        // "Kh-101 cruise missiles", "M113 carriers", "two Mi-8": a number glued to the word or
        // hyphen before it is part of a designation, a name like any other.
        if tok.kind == TokenKind::Number && end > start && t.list[end - 1].end == tok.start {
            end += 1;
            if t.list[start].capitalized {
                head_end = end;
            }
            continue;
        }
        // "4 TTP and LI militants": names joined by "and" stay one group.
        if w == "and"
            && end > start
            && t.list[end - 1].capitalized
            && t.list
                .get(end + 1)
                .is_some_and(|n| n.capitalized && n.kind == TokenKind::Word)
        {
            end += 1;
            continue;
        }
        // "A local Awami League (AL) leader": a name's abbreviation in brackets stays in the group.
        if w == "(" && end > start && t.list[end - 1].capitalized {
            let close = (end + 1..limit.min(end + 4)).find(|&j| t.lower(j) == ")");
            let inside_words =
                close.is_some_and(|c| (end + 1..c).all(|j| t.list[j].kind == TokenKind::Word));
            if let Some(c) = close.filter(|&c| c > end + 1 && inside_words) {
                end = c + 1;
                continue;
            }
        }
        let acronym = tok.capitalized
            && doc.slice(end..end + 1).chars().all(|c| c.is_uppercase())
            && w.len() > 1;
        if tok.kind != TokenKind::Word
            || ((lex.function_words.contains_at(t, end)
                || lex.auxiliaries.matches_at(t, end, limit))
                && !acronym)
        {
            break;
        }
        // A cue ends the group, unless it is an adjective before a counted noun
        // ("1,000 wounded soldiers").
        let is_cue = lex.metric_after.matches_at(t, end, limit)
            || lex.metric_before.matches_at(t, end, limit)
            || lex.speech_verbs.matches_at(t, end, limit);
        // "two alleged drug traffickers": a hedge before a word that is no cue qualifies the
        // group ("two reported killed" is the cue).
        let hedge = lex.attributive_hedges.contains_at(t, end)
            && end + 1 < limit
            && t.list[end + 1].kind == TokenKind::Word
            && !lex.function_words.contains_at(t, end + 1)
            && !lex.metric_after.matches_at(t, end + 1, limit)
            && !lex.auxiliaries.matches_at(t, end + 1, limit);
        let adjective =
            hedge || (end == start && end + 1 < limit && lex.counted_nouns.contains_at(t, end + 1));
        // "refugees", "prisoners": cue words that also name the group.
        let group_noun = lex.is_counted(w);
        if is_cue && !adjective && !group_noun {
            break;
        }
        end += 1;
        if is_head(lex, t.lower(end - 1), tok.capitalized) {
            head_end = end;
        }
    }
    // After a count of one the noun is singular: "one armoured personnel carrier", "an
    // electronic warfare station" run to their last word where it names a thing (a singular
    // noun is no head otherwise, and "at one stage" or "in one instance" count nothing).
    if end > head_end
        && start == from
        && from > 0
        && matches!(t.lower(from - 1), "one" | "a" | "an" | "1")
        && lex.material_nouns.contains_at(t, end - 1)
    {
        head_end = end;
    }
    start..head_end
}

/// Whether a word can head a counted group: a counted noun, a plural, or a capitalised name.
fn is_head(lex: &Lexicon, w: &str, capitalized: bool) -> bool {
    lex.is_counted(w)
        || lex.non_casualty_nouns.contains(w)
        || capitalized
        // "policemen", "tribesmen", "gunmen"
        || (w.len() > 4 && w.ends_with("men"))
        || (w.len() > 3
            && w.ends_with('s')
            && !w.ends_with("ss")
            && !w.ends_with("ous")
            && !w.ends_with("'s"))
}

/// The group a count without one inherits: the whole of its partitive, else the nearest count
/// before it in the sentence that has one that can be casualties ("fire between two groups
/// resulted in one death" inherits no group).
fn inherited_subject(doc: &Doc, lex: &Lexicon, counts: &[Count], c: usize) -> Range<usize> {
    if !counts[c].subject.is_empty() {
        return counts[c].subject.clone();
    }
    if let Some(whole) = counts[c].partitive_of {
        if !counts[whole].subject.is_empty() {
            return counts[whole].subject.clone();
        }
    }
    // "killed 4 people, including a child, and wounded 25": a part's group is not the whole's.
    // Nor is a thing's the group of a count of people ("a strike on a boat, bringing the death
    // toll to at least 128" counts no boats), except for a part: "captured six villages,
    // including four" counts villages, and a metric of people then finds no claim in it.
    let of_people = !counts[c].subset
        && counts[c]
            .found
            .is_some_and(|f| lex.metric_counts_people[f.metric]);
    counts[..c]
        .iter()
        .rev()
        .filter(|k| !k.subset || counts[c].subset)
        .map(|k| k.subject.clone())
        .find(|s| {
            let head = head_of(doc, s);
            let things = of_people && lex.material_nouns.contains(head.as_str());
            !(s.is_empty() || things || lex.non_casualty_nouns.contains(head.as_str()))
        })
        .unwrap_or(0..0)
}

/// The head noun of a group, lower-cased and singular, for grouping claims.
fn head_of(doc: &Doc, subject: &Range<usize>) -> String {
    if subject.is_empty() {
        return String::new();
    }
    let w = doc.lower(subject.end - 1);
    let singular = if w.ends_with("ies") && w.len() > 4 {
        format!("{}y", &w[..w.len() - 3])
    } else if w.ends_with('s') && !w.ends_with("ss") && w.len() > 3 {
        w[..w.len() - 1].to_string()
    } else {
        w.to_string()
    };
    match singular.as_str() {
        "men" => "man".into(),
        "women" => "woman".into(),
        "children" => "child".into(),
        "people" | "person" => "person".into(),
        _ => singular,
    }
}

/// The metric of count `c`, and whether a denial or forecast blocks it.
fn metric_for(
    doc: &Doc,
    lex: &Lexicon,
    counts: &[Count],
    c: usize,
    sentence: Range<usize>,
) -> (Option<Found>, bool) {
    let q = &doc.quantities[counts[c].quantity];
    // A part of this count ("15 militants including a commander were killed") does not end it.
    // Nor does "a village" in "five women in a village ... were killed".
    let next_start = counts[c + 1..]
        .iter()
        .find(|n| !n.subset && !in_phrase(doc, lex, &doc.quantities[n.quantity]))
        .map_or(sentence.end, |n| doc.quantities[n.quantity].tokens.start);
    let subject_end = counts[c].subject.end.max(q.tokens.end);

    // 1. After the count.
    let mut limit = next_start;
    let mut scan_from = subject_end;
    if let Some(whole) = counts[c].partitive_of {
        // Look past the whole and its group ("of the 11,000 troops sent were killed").
        let wq = &doc.quantities[counts[whole].quantity];
        scan_from = counts[whole].subject.end.max(wq.tokens.end);
        limit = counts
            .get(whole + 1)
            .map_or(sentence.end, |n| doc.quantities[n.quantity].tokens.start);
    }
    let after = cue_after(
        doc,
        lex,
        q.tokens.end,
        subject_end,
        scan_from,
        limit,
        counts[c].partitive_whole,
    );
    // A predicate after the group decides at once; a cue inside the group ("killed one
    // prisoner") or a bare participle only when no verb before the count claims it.
    let firm = after.filter(|(f, at)| f.strength == Strength::Strong && *at >= subject_end);
    if let Some((found, cue_at)) = firm {
        let blocked = governed(doc, lex, sentence.start, q.tokens.start, cue_at);
        return (Some(found), blocked);
    }
    // Coordinated with the next count, which has a predicate after it.
    if let Some(next) = counts.get(c + 1).filter(|_| !counts[c].partitive_whole) {
        if coordinated(doc, lex, &counts[c], next) {
            if let Some(f) = next
                .found
                .filter(|f| f.after && f.strength == Strength::Strong)
            {
                return (Some(f), next.blocked);
            }
        }
    }
    // 2. Before the count, unless the verb there is the participle of the count before it and
    // this count has a predicate of its own ("1 killed 3 injured", "one demonstrator was
    // killed two others injured").
    let before = cue_before(doc, lex, q, sentence.start)
        .filter(|&(_, cue_at)| after.is_none() || !follows_count(doc, lex, counts, c, cue_at))
        // "casualties ... were over 29 soldiers killed and 100 wounded": the participle after
        // the group says which casualties.
        .filter(|&(metric, _)| after.is_none() || Some(metric) != lex.metric_index("casualties"));
    if let Some((metric, cue_at)) = before {
        let blocked = governed(doc, lex, sentence.start, cue_at, cue_at);
        let found = Found {
            metric,
            strength: Strength::Strong,
            after: false,
            also: None,
        };
        return (Some(found), blocked);
    }
    // "4 police and 39 civilians killed": a bare participle after the second group is the
    // predicate of both, where nothing before claims the first.
    if let Some(next) = counts.get(c + 1).filter(|_| !counts[c].partitive_whole) {
        let nq = &doc.quantities[next.quantity];
        let joined = nq.tokens.start > 0 && doc.lower(nq.tokens.start - 1) == "and";
        if joined && !next.subject.is_empty() && coordinated(doc, lex, &counts[c], next) {
            if let Some(f) = next.found.filter(|f| f.after) {
                return (Some(f), next.blocked);
            }
        }
    }
    if let Some((found, cue_at)) = after {
        let blocked = governed(doc, lex, sentence.start, q.tokens.start, cue_at);
        return (Some(found), blocked);
    }
    (None, false)
}

/// Whether the cue at `cue_at` stands right after the group of the count before `c`, or after
/// that group and an auxiliary: the earlier count's own predicate.
fn follows_count(doc: &Doc, lex: &Lexicon, counts: &[Count], c: usize, cue_at: usize) -> bool {
    let Some(previous) = c.checked_sub(1).map(|p| &counts[p]) else {
        return false;
    };
    let group_end = previous
        .subject
        .end
        .max(doc.quantities[previous.quantity].tokens.end);
    group_end == cue_at || (group_end < cue_at && has_auxiliary(doc, lex, cue_at, group_end))
}

/// A metric cue after the count. `adjacent` is the token right after the count, `subject_end`
/// the end of its group, `from` where to start looking, `limit` where to stop.
fn cue_after(
    doc: &Doc,
    lex: &Lexicon,
    adjacent: usize,
    subject_end: usize,
    from: usize,
    limit: usize,
    whole_only: bool,
) -> Option<(Found, usize)> {
    let t = &doc.tokens;
    // A cue inside the group: "1,000 wounded soldiers", "3 dead civilians", "5,000 refugees".
    // It is the claim unless the group has a predicate of its own ("two refugees were killed").
    let in_group = [adjacent, subject_end.saturating_sub(1)]
        .into_iter()
        .find_map(|at| {
            let (_, cue) = lex.metric_after.longest_at(t, at, limit)?;
            let inside = at >= adjacent && at < subject_end;
            (inside && matches!(cue.form, CueForm::Noun | CueForm::Participle)).then_some((
                Found {
                    metric: cue.metric,
                    strength: Strength::Strong,
                    after: true,
                    also: None,
                },
                at,
            ))
        });
    let mut weak: Option<(Found, usize)> = None;
    // "one civilian reported dead": adverbs may stand between the group and its cue.
    // "leaving one security office dead": plain words after the group still lead to its cue.
    let mut past_words = subject_end;
    while past_words < limit
        && past_words < subject_end + 3
        && t.list[past_words].kind == TokenKind::Word
        && !lex.function_words.contains_at(t, past_words)
        && !lex.metric_after.matches_at(t, past_words, limit)
        && !lex.auxiliaries.matches_at(t, past_words, limit)
        && !lex.speech_verbs.matches_at(t, past_words, limit)
        && !lex.metric_before.matches_at(t, past_words, limit)
    {
        past_words += 1;
    }
    let mut past_adverbs = subject_end;
    loop {
        if let Some((len, _)) = lex.adverbs.longest_at(t, past_adverbs, limit) {
            past_adverbs += len;
        } else if past_adverbs < limit
            && (is_ly_adverb(t.lower(past_adverbs)) || matches!(t.lower(past_adverbs), "'" | "'s"))
        {
            past_adverbs += 1;
        } else if past_adverbs < limit && t.lower(past_adverbs) == "(" {
            // "3 TMF fighters (including the director) dead": a bracket between group and cue.
            match (past_adverbs..limit.min(past_adverbs + 20)).find(|&k| t.lower(k) == ")") {
                Some(close) => past_adverbs = close + 1,
                None => break,
            }
        } else {
            break;
        }
    }
    // A token that starts none of the phrases below only moves the search on: one mask test.
    let cues = lex.subordinators.start_mask()
        | lex.relatives.start_mask()
        | lex.clause_breaks.start_mask()
        | lex.metric_after.start_mask();
    let mut k = from;
    while k < limit {
        if t.list[k].first & cues == 0 {
            if whole_only && k > subject_end {
                break;
            }
            k += 1;
            continue;
        }
        // "1 worker was driving when he was killed", "one hostage whom they killed": a clause
        // that tells of the count by a pronoun.
        let subordinate = lex.subordinators.matches_at(t, k, limit);
        if (subordinate || lex.relatives.matches_at(t, k, limit)) && !whole_only {
            if let Some(metric) = pronoun_clause(doc, lex, k, limit) {
                let found = Found {
                    metric,
                    strength: Strength::Strong,
                    after: true,
                    also: None,
                };
                return Some((found, k));
            }
        }
        // Any other new clause ends the search: "70 doctors protested after a baby that died".
        if lex.clause_breaks.matches_at(t, k, limit)
            || subordinate
            || (k > subject_end && lex.relatives.matches_at(t, k, limit))
        {
            break;
        }
        if let Some((len, cue)) = lex.metric_after.longest_at(t, k, limit) {
            let next_to_count = k == adjacent
                || k == subject_end
                || k == past_adverbs
                || (k == past_words && cue.form == CueForm::Noun);
            let strength = match cue.form {
                CueForm::Noun if next_to_count || has_auxiliary(doc, lex, k, from) => {
                    Some(Strength::Strong)
                }
                CueForm::Noun => None,
                CueForm::Finite => Some(Strength::Strong),
                CueForm::Participle if has_auxiliary(doc, lex, k, from) => Some(Strength::Strong),
                CueForm::Participle if next_to_count && !is_active(doc, lex, k + len, limit) => {
                    Some(Strength::Weak)
                }
                CueForm::Participle => None,
            };
            match strength {
                Some(Strength::Strong) if !whole_only => {
                    return Some((
                        Found {
                            metric: cue.metric,
                            strength: Strength::Strong,
                            after: true,
                            also: joined_cue(doc, lex, k + len, limit, cue.metric),
                        },
                        k,
                    ));
                }
                Some(Strength::Weak) if weak.is_none() => {
                    weak = Some((
                        Found {
                            metric: cue.metric,
                            strength: Strength::Weak,
                            after: true,
                            also: None,
                        },
                        k,
                    ));
                    if whole_only {
                        break;
                    }
                }
                Some(Strength::Strong) if whole_only && next_to_count => {
                    return Some((
                        Found {
                            metric: cue.metric,
                            strength: Strength::Weak,
                            after: true,
                            also: None,
                        },
                        k,
                    ));
                }
                _ => {}
            }
            k += len;
            continue;
        }
        if whole_only && k > subject_end {
            break;
        }
        k += 1;
    }
    in_group.or(weak)
}

/// The metric of a clause at `k` that takes up the count by a pronoun: "when he was (later)
/// killed" (a passive of the pronoun) or "whom they killed" (the object of a relative).
fn pronoun_clause(doc: &Doc, lex: &Lexicon, k: usize, limit: usize) -> Option<usize> {
    let t = &doc.tokens;
    let opener = t.lower(k);
    let pronoun = k + 1;
    if pronoun + 2 > limit {
        return None;
    }
    let mut j = pronoun + 1;
    while let Some((len, _)) = lex.adverbs.longest_at(t, j, limit) {
        j += len;
    }
    match (opener, t.lower(pronoun)) {
        ("when" | "as", "he" | "she" | "they") => {
            if let Some((_, cue)) = lex.metric_after.longest_at(t, j, limit) {
                return (cue.form == CueForm::Finite).then_some(cue.metric);
            }
            let (aux, _) = lex.auxiliaries.longest_at(t, j, limit)?;
            let mut p = j + aux;
            while let Some((len, _)) = lex.adverbs.longest_at(t, p, limit) {
                p += len;
            }
            // "when he was targeted and killed"
            if p + 2 < limit && t.lower(p).ends_with("ed") && t.lower(p + 1) == "and" {
                p += 2;
            }
            let (_, cue) = lex.metric_after.longest_at(t, p, limit)?;
            (cue.form == CueForm::Participle).then_some(cue.metric)
        }
        ("whom" | "that", "he" | "she" | "they") => lex
            .metric_before
            .longest_at(t, j, limit)
            .map(|(_, &metric)| metric),
        _ => None,
    }
}

/// A second participle joined by "and" after a predicate ("were abducted and killed"), also past
/// the first one's agent ("was abducted by four men and stabbed to death").
fn joined_cue(doc: &Doc, lex: &Lexicon, after: usize, limit: usize, first: usize) -> Option<usize> {
    let t = &doc.tokens;
    let mut k = after;
    if k < limit && t.lower(k) == "by" {
        let agent_end = (k + 1..limit.min(k + 6)).find(|&j| {
            t.list[j].kind == TokenKind::Punct
                || lex.metric_after.matches_at(t, j, limit)
                || matches!(t.lower(j), "and" | "who" | "which" | "that")
        });
        if let Some(j) = agent_end.filter(|&j| t.lower(j) == "and") {
            k = j;
        }
    }
    if k < limit && t.lower(k) == "," {
        k += 1;
    }
    if !(k < limit && t.lower(k) == "and") {
        return None;
    }
    k += 1;
    while let Some((len, _)) = lex.adverbs.longest_at(t, k, limit) {
        k += len;
    }
    let (_, cue) = lex.metric_after.longest_at(t, k, limit)?;
    (cue.form == CueForm::Participle && cue.metric != first).then_some(cue.metric)
}

/// A manner adverb by its form: "intentionally", "reportedly" ("only" and "family" are not).
fn is_ly_adverb(w: &str) -> bool {
    w.len() > 5
        && w.ends_with("ly")
        && !matches!(
            w,
            "family" | "assembly" | "italy" | "supply" | "rally" | "ally"
        )
}

/// Whether an auxiliary ("were", "have been") stands before token `k`, past adverbs.
fn has_auxiliary(doc: &Doc, lex: &Lexicon, k: usize, floor: usize) -> bool {
    let mut j = k;
    loop {
        if let Some((len, _)) = lex.adverbs.longest_ending_at(&doc.tokens, j, floor) {
            j -= len;
            continue;
        }
        if j > floor && is_ly_adverb(doc.lower(j - 1)) {
            j -= 1;
            continue;
        }
        // "were targeted and killed": a participle joined by "and" shares the auxiliary.
        if j >= floor + 2 && doc.lower(j - 1) == "and" && doc.lower(j - 2).ends_with("ed") {
            j -= 2;
            continue;
        }
        if j > floor && doc.lower(j - 1) == "not" {
            // "were not killed": the auxiliary is there; the negation is judged elsewhere.
            j -= 1;
            continue;
        }
        // 'had been "eliminated"': a quote mark opening the verb.
        if j > floor
            && matches!(doc.lower(j - 1), "\"" | "“" | "'" | "‘")
            && doc.tokens.touches_next(j - 1)
        {
            j -= 1;
            continue;
        }
        break;
    }
    lex.auxiliaries
        .longest_ending_at(&doc.tokens, j, floor.saturating_sub(3))
        .is_some()
}

/// Whether a bare participle at `k` is an active verb with an object ("3 gunmen killed a
/// villager"), so that the count before it did the act and did not suffer it.
fn is_active(doc: &Doc, lex: &Lexicon, k: usize, limit: usize) -> bool {
    if k >= limit {
        // The search stopped at the next count of the sentence, which is the object ("2 gunmen
        // killed 3 civilians") unless its own predicate follows its group ("1 killed 3 injured").
        let at = doc.quantities.partition_point(|q| q.tokens.start < k);
        let Some(next) = doc.quantities.get(at).filter(|q| q.tokens.start == k) else {
            return false;
        };
        let s = doc.sentences.partition_point(|s| s.tokens.start < k);
        let new_sentence = doc.sentences.get(s).is_some_and(|s| s.tokens.start == k);
        let end = doc.tokens.len();
        let own_predicate = (next.tokens.end..end)
            .take_while(|&j| {
                doc.tokens.list[j].kind == TokenKind::Word
                    && !lex.function_words.contains_at(&doc.tokens, j)
            })
            .take(4)
            .any(|j| lex.metric_after.matches_at(&doc.tokens, j, end));
        return k == limit && !new_sentence && !own_predicate;
    }
    let w = doc.lower(k);
    let tok = doc.tokens.list[k];
    matches!(
        w,
        "a" | "an"
            | "the"
            | "their"
            | "his"
            | "her"
            | "its"
            | "two"
            | "three"
            | "several"
            | "dozens"
            | "hundreds"
    ) || tok.kind == TokenKind::Number
        || (tok.capitalized && tok.kind == TokenKind::Word)
        || lex.counted_nouns.contains(w)
}

/// A metric cue before the count, whose object the count is ("killing 3", "sent 11,000"), or a
/// toll ("the death toll rose to 40"). Returns the metric and the cue's first token.
fn cue_before(doc: &Doc, lex: &Lexicon, q: &Quantity, floor: usize) -> Option<(usize, usize)> {
    let t = &doc.tokens;
    let mut k = q.tokens.start;
    let skip_determiners = |mut k: usize| {
        while k > floor
            && matches!(
                t.lower(k - 1),
                "a" | "an" | "the" | "all" | "another" | "some" | "remaining" | "other"
            )
        {
            k -= 1;
        }
        k
    };
    // 'killed "dozens of terrorists"': an opening quote mark stands between the verb and its
    // object. A quoted amount after a determiner is a name ('captured the "600" neighbourhood').
    if k > floor + 1 && matches!(t.lower(k - 1), "\"" | "“" | "'" | "‘") && t.touches_next(k - 1)
    {
        k -= 1;
    } else {
        // "killed himself and two policemen": the attacker's own death stands between.
        if k >= floor + 2
            && t.lower(k - 1) == "and"
            && matches!(t.lower(k - 2), "himself" | "herself" | "themselves")
        {
            k -= 2;
        }
        k = skip_determiners(k);
    }
    // "claimed two lives", "cost 12 lives"
    if q.tokens.end < t.len()
        && t.lower(q.tokens.end) == "lives"
        && k > floor
        && lex.life_takers.contains_at(t, k - 1)
    {
        return lex.metric_index("killed").map(|m| (m, k - 1));
    }
    // The words after the count that complete a frame stay in its sentence: looked up only
    // where a frame is found, not for every count.
    let sentence_end = || {
        let s = doc
            .sentences
            .partition_point(|s| s.tokens.end <= q.tokens.start);
        doc.sentences.get(s).map_or(t.len(), |s| s.tokens.end)
    };
    // "the body of a journalist was found": a body found is a death newly known. One handed
    // over or carried in a protest is an earlier death, and "an umbrella body of six
    // communities" a committee.
    if let Some((len, _)) = lex.corpse_frames.longest_ending_at(t, k, floor) {
        let frame = k - len;
        let indefinite = (frame.saturating_sub(3).max(floor)..frame)
            .rev()
            .find(|&j| matches!(t.lower(j), "a" | "an" | "the" | "his" | "her" | "their"))
            .is_some_and(|j| matches!(t.lower(j), "a" | "an"));
        let window = frame.saturating_sub(6).max(floor)..sentence_end().min(q.tokens.end + 15);
        let found = window
            .clone()
            .any(|j| lex.corpse_discoveries.matches_at(t, j, window.end));
        if found && !indefinite {
            return lex.metric_index("killed").map(|m| (m, frame));
        }
    }
    // "killed a family of three": the verb before the frame takes the count.
    if let Some((len, _)) = lex.object_frames.longest_ending_at(t, k, floor) {
        k = skip_determiners(k - len);
    }
    let found = lex
        .metric_before
        .longest_ending_at(t, k, floor)
        .or_else(|| {
            // "killed and mutilated a member": the first of two joined verbs takes the object too.
            let joined =
                k >= floor + 2 && t.lower(k - 2) == "and" && t.lower(k - 1).ends_with("ed");
            joined
                .then(|| lex.metric_before.longest_ending_at(t, k - 2, floor))
                .flatten()
                .map(|(len, m)| (len + 2, m))
        });
    if let Some((len, &metric)) = found {
        let cue = k - len;
        // "to kill 100", "plans to send 5,000": an infinitive is not an act that happened,
        // unless it was carried out ("was able to kill all three").
        if cue > floor
            && t.lower(cue - 1) == "to"
            && lex.realized.longest_ending_at(t, cue, floor).is_none()
        {
            return None;
        }
        return Some((metric, cue));
    }
    // "forced 3,000 families from their homes": a verb completed after the group.
    if let Some((len, frames)) = lex.metric_framed.longest_ending_at(t, k, floor) {
        let end = sentence_end();
        let completed = |words: &[String]| {
            (q.tokens.end..end.min(q.tokens.end + 4)).any(|s| {
                s + words.len() <= end && words.iter().enumerate().all(|(n, w)| t.lower(s + n) == w)
            })
        };
        if let Some((metric, _)) = frames.iter().find(|(_, words)| completed(words)) {
            return Some((*metric, k - len));
        }
    }
    // Toll: the toll noun, then only linking words up to the count.
    let mut j = q.tokens.start;
    let stop = q.tokens.start.saturating_sub(8).max(floor);
    while j > stop {
        if let Some((len, &metric)) = lex.metric_toll.longest_ending_at(t, j, floor) {
            if j < q.tokens.start {
                return Some((metric, j - len));
            }
        }
        let w = t.lower(j - 1);
        // "Another 12 bodies were recovered, bringing the total to 57": a bare total is a
        // toll of the metric told before it in the sentence.
        if lex.bare_totals.contains(w) && j - 1 < q.tokens.start {
            return metric_told_before(doc, lex, j - 1, floor).map(|m| (m, j - 1));
        }
        // "the toll rose from 20 to 30", "climbed by 12 to 57": the old level or the change
        // stands between the toll and its new figure.
        // (Quantities come in text order, so the one ending here is found by halving.)
        let ending = doc.quantities.partition_point(|o| o.tokens.end < j);
        let passed = doc.quantities.get(ending).filter(|o| {
            o.tokens.end == j
                && o.tokens.start > floor
                && matches!(t.lower(o.tokens.start - 1), "from" | "by")
        });
        if let Some(o) = passed {
            j = o.tokens.start - 1;
            continue;
        }
        if !(lex.toll_links.contains(w) || w == "the") {
            return toll_before_phrase(doc, lex, j, floor);
        }
        j -= 1;
    }
    None
}

/// The metric of the nearest cue before token `k` in its sentence.
fn metric_told_before(doc: &Doc, lex: &Lexicon, k: usize, floor: usize) -> Option<usize> {
    let t = &doc.tokens;
    (floor..k).rev().find_map(|e| {
        lex.metric_after
            .longest_at(t, e, k)
            .map(|(_, c)| c.metric)
            .or_else(|| lex.metric_before.longest_at(t, e, k).map(|(_, &m)| m))
    })
}

/// "the death toll from the earthquake has risen to 3,400": a toll noun before a short phrase
/// that names the event ("from the earthquake", "in Gaza", "from Saturday's missile strike on
/// Dnipro"; at most six words after its opener besides articles, "'s" and the prepositions
/// inside it, none a participle or another function word), which ends just before token `j`.
/// Returns the metric and the toll noun's first token.
fn toll_before_phrase(doc: &Doc, lex: &Lexicon, j: usize, floor: usize) -> Option<(usize, usize)> {
    let t = &doc.tokens;
    let mut p = j;
    // "the death toll from the week's fighting rose to 15": articles and a possessive do not
    // count among the words; another function word ("in fighting while advancing into") ends it.
    let mut words = 0;
    let mut linked = false;
    while p > floor + 1 && words < 6 {
        p -= 1;
        let tok = t.list[p];
        let w = t.lower(p);
        if lex.toll_phrase_openers.matches_at(t, p, p + 1) {
            return lex
                .metric_toll
                .longest_ending_at(t, p, floor)
                .map(|(len, &metric)| (metric, p - len));
        }
        // "from the earthquake-hit region": the hyphen of a compound joins words of it.
        if matches!(w, "the" | "a" | "an" | "'s") || t.joins_compound(p) {
            continue;
        }
        // "strike on Dnipro": one preposition inside the phrase, between words of it.
        if lex.toll_phrase_links.contains(w) && words > 0 && !linked {
            linked = true;
            continue;
        }
        // "deaths in Baghdad nearly doubled to 3.14": a verb is no part of the phrase.
        if tok.kind != TokenKind::Word
            || (!tok.capitalized && w.ends_with("ed"))
            || lex.function_words.contains(w)
        {
            return None;
        }
        words += 1;
    }
    None
}

/// Whether a denial or forecast governs a claim whose count starts at `from` and whose cue is at
/// `cue`: a denial verb earlier in the sentence, or a modal between the count and its cue. The
/// "no" of a qualifier ("no fewer than 50") negates nothing.
fn governed(doc: &Doc, lex: &Lexicon, sentence_start: usize, from: usize, cue: usize) -> bool {
    let t = &doc.tokens;
    let (a, b) = (from.min(cue), from.max(cue));
    // A modal ("could", "will") governs unless it opens a hedge about the past ("may have been
    // killed"); "May" in a date is a month.
    let modal = |k: usize, limit: usize| {
        let reported = k > 0 && lex.report_verbs.matches_at(t, k - 1, k);
        // "was able to kill": done, not planned.
        let realized = k > 0 && lex.realized.matches_at(t, k - 1, b + 1);
        lex.forecasts
            .longest_at(t, k, limit)
            .is_some_and(|(len, _)| {
                !in_date(doc, k)
                    && !reported
                    && !realized
                    && !lex.hedges.matches_at(t, k + len, b + 1)
            })
    };
    let negation = |k: usize, limit: usize| {
        lex.negations.matches_at(t, k, limit) && !lex.qualifiers_before.matches_at(t, k, limit)
    };
    // Between the count and the cue: "100 were not killed", "15,000 more could be sent".
    if (a..b).any(|k| modal(k, b) || negation(k, b)) {
        return true;
    }
    // Before the count in the same clause: "denied that 100 ...", "could send 5,000", "no 5".
    let floor = sentence_start.max(a.saturating_sub(12));
    for j in (floor..a).rev() {
        if matches!(t.lower(j), ";" | "." | "“" | "”") {
            break;
        }
        if lex.denials.matches_at(t, j, a)
            || (j + 3 >= a && modal(j, a))
            || (j + 2 >= a && negation(j, a))
        {
            return true;
        }
    }
    false
}

/// Whether token `k` is part of a date ("2 May 2020").
fn in_date(doc: &Doc, k: usize) -> bool {
    let i = doc.dates.partition_point(|d| d.tokens.end <= k);
    doc.dates.get(i).is_some_and(|d| d.tokens.start <= k)
}

/// Whether the count is part of a figure already given ("including three children").
fn is_subset(doc: &Doc, lex: &Lexicon, q: &Quantity, floor: usize) -> bool {
    // "two of them children"
    let end = q.tokens.end;
    let appositive = q.tokens.start > floor && doc.lower(q.tokens.start - 1) == ",";
    if appositive
        && end + 1 < doc.tokens.len()
        && doc.lower(end) == "of"
        && matches!(doc.lower(end + 1), "them" | "whom" | "those")
    {
        return true;
    }
    let mut k = q.tokens.start;
    if k > floor && matches!(doc.lower(k - 1), ":" | ",") {
        k -= 1;
    }
    lex.subset_markers
        .longest_ending_at(&doc.tokens, k, floor)
        .is_some()
}

/// Whether the sentence's protest or commemoration makes the count background: it does unless
/// violence at the event is told between the two ("one person was killed in the clash or that
/// rioting traders ...").
fn recalls_deaths(doc: &Doc, lex: &Lexicon, facts: &SentenceFacts, q: &Quantity) -> bool {
    facts.recalls_deaths.is_some_and(|event| {
        let between = if event < q.tokens.start {
            event..q.tokens.start
        } else {
            q.tokens.end..event
        };
        !between
            .clone()
            .any(|k| lex.protest_violence.matches_at(&doc.tokens, k, between.end))
    })
}

/// Whether the verb before the count opens a relative clause about its doers ("cultists who
/// killed a resident"): the count describes them.
fn by_described_killers(doc: &Doc, lex: &Lexicon, q: &Quantity, floor: usize) -> bool {
    cue_before(doc, lex, q, floor).is_some_and(|(_, cue)| {
        let mut k = cue;
        // "who allegedly killed"
        if k > floor && is_ly_adverb(doc.lower(k - 1)) {
            k -= 1;
        }
        k > floor && lex.agent_relatives.contains_at(&doc.tokens, k - 1)
    })
}

/// Whether a background marker ("after", "suspected of") stands before the count within its
/// clause, back to the nearest comma or semicolon, with no violence at a protest between the two
/// ("joined the protests and looted stores as two people were killed").
fn background_in_clause(doc: &Doc, lex: &Lexicon, q: &Quantity, floor: usize) -> bool {
    let (t, end) = (&doc.tokens, q.tokens.start);
    let mut from = floor;
    if let Some(k) = (from..end)
        .rev()
        .find(|&k| matches!(doc.lower(k), "," | ";"))
    {
        from = k + 1;
        // "in connection with the violence, which claimed 80 lives", "a probe into the
        // encounter, in which 20 were gunned down": a relative clause belongs to the clause
        // before it.
        let relative = |k: usize| k < end && lex.relatives.matches_at(t, k, end);
        let after_preposition = matches!(doc.lower(from), "in" | "during" | "at" | "on");
        if relative(from) || (after_preposition && relative(from + 1)) {
            from = (floor..k)
                .rev()
                .find(|&j| matches!(doc.lower(j), "," | ";"))
                .map_or(floor, |j| j + 1);
        }
    }
    (from..end).any(|k| {
        (lex.background_markers.matches_at(t, k, end) || against_a_death(doc, lex, k, end))
            && !(k..end).any(|j| lex.protest_violence.matches_at(t, j, end))
    })
}

/// Whether token `k` opens what a protest is against, a death: "against the (mysterious)
/// killing of", ending before `end`.
fn against_a_death(doc: &Doc, lex: &Lexicon, k: usize, end: usize) -> bool {
    lex.grievance_openers.matches_at(&doc.tokens, k, end)
        && (k + 1..end.min(k + 5)).any(|j| {
            lex.grievance_deaths.contains_at(&doc.tokens, j)
                && j + 1 < end
                && doc.lower(j + 1) == "of"
        })
}

/// Whether the count's clause dates it to a year before the document's ("killed three police
/// officers in 2016", "the 2003 attack in which three personnel were killed", "the fighting that
/// killed 200 people last year" in an article of 2024): an earlier event, not this one.
fn in_past_year(doc: &Doc, lex: &Lexicon, q: &Quantity, range: &Range<usize>) -> bool {
    let Some(published) = doc.meta.published else {
        return false;
    };
    let t = &doc.tokens;
    let breaks = |k: usize| matches!(doc.lower(k), "," | ";" | ":" | "(" | ")");
    let from = (range.start..q.tokens.start)
        .rev()
        .find(|&k| breaks(k))
        .map_or(range.start, |k| k + 1);
    // After the count the clause is its predicate: a few words ("in 2016"), not a run-on
    // sentence's next clause.
    // A phrase that starts within reach may end past it ("killed by police in an earlier
    // incident"), but not past its clause.
    let clause_end = (q.tokens.end..range.end)
        .find(|&k| breaks(k))
        .unwrap_or(range.end);
    let to = clause_end.min(q.tokens.end + 8);
    let first = doc.quantities.partition_point(|o| o.tokens.end <= from);
    let counted = |k: usize| {
        doc.quantities[first..]
            .iter()
            .take_while(|o| o.tokens.start <= k)
            .any(|o| o.tokens.contains(&k))
    };
    (from..to).any(|k| {
        let w = doc.lower(k);
        let year = t.list[k].kind == TokenKind::Number
            && w.len() == 4
            && w.parse::<i32>()
                .is_ok_and(|y| (1900..chrono::Datelike::year(&published)).contains(&y))
            && !counted(k);
        year || lex.past_periods.matches_at(t, k, clause_end)
    })
}

/// The place of a claim: the first place in its sentence after a locative preposition, else the
/// first that is not the origin or opponent ("from", "against") or a source ("in Seoul" after
/// "according to the NIS").
fn place_in(doc: &Doc, lex: &Lexicon, s: usize) -> Option<String> {
    let sentence = &doc.sentences[s];
    let spans = doc
        .attributions
        .get(s)
        .map(|a| a.spans.as_slice())
        .unwrap_or(&[]);
    let in_org = |k: usize| {
        doc.mention_covering(k)
            .is_some_and(|m| m.kind == crate::doc::EntityKind::Organisation && m.tokens.len() > 1)
    };
    let mut fallback = None;
    let first = doc
        .places
        .partition_point(|p| p.tokens.start < sentence.tokens.start);
    for p in doc.places[first..]
        .iter()
        .take_while(|p| p.tokens.start < sentence.tokens.end)
    {
        let k = p.tokens.start;
        if spans.iter().any(|r| r.contains(&k)) || in_org(k) {
            continue;
        }
        // "Ukraine's General Staff", "Russia's defence ministry": a speaker, not a place.
        if p.tokens.end < sentence.tokens.end
            && doc.lower(p.tokens.end) == "'s"
            && doc
                .tokens
                .list
                .get(p.tokens.end + 1)
                .is_some_and(|t| t.capitalized)
        {
            continue;
        }
        let prev = if k > sentence.tokens.start {
            doc.lower(k - 1)
        } else {
            ""
        };
        // "a U.S. airstrike": a place used as an adjective is not where the count is.
        if lex.not_location.contains(prev) || matches!(prev, "a" | "an") {
            continue;
        }
        // "in rebel-held Aleppo", "in northern Hama": a preposition a few describing words back.
        let mut j = k;
        while j > sentence.tokens.start
            && j + 4 > k
            && !lex.locative.contains_at(&doc.tokens, j - 1)
            && (doc.tokens.list[j - 1].kind == crate::stages::tokens::TokenKind::Word
                || doc.lower(j - 1) == "-")
            && !lex.function_words.contains_at(&doc.tokens, j - 1)
        {
            j -= 1;
        }
        if j > sentence.tokens.start && lex.locative.contains_at(&doc.tokens, j - 1) {
            return Some(p.text.clone());
        }
        // "Russia launched ...", "Kyiv said": the place acts; it is not where the count is.
        let next = p.tokens.end;
        if next < sentence.tokens.end
            && (lex
                .metric_before
                .matches_at(&doc.tokens, next, sentence.tokens.end)
                || lex
                    .speech_verbs
                    .matches_at(&doc.tokens, next, sentence.tokens.end)
                || matches!(
                    doc.lower(next),
                    "has" | "had" | "have" | "denied" | "claimed"
                ))
        {
            continue;
        }
        fallback.get_or_insert_with(|| p.text.clone());
    }
    fallback
}

/// The date of a claim: the first resolved date in its sentence, else the document's date.
fn date_in(doc: &Doc, lex: &Lexicon, s: usize) -> Option<chrono::NaiveDate> {
    let sentence = &doc.sentences[s];
    let first = doc
        .dates
        .partition_point(|d| d.tokens.start < sentence.tokens.start);
    // "since 24 February 2022": a period's start is not the day of a figure for the period.
    let starts_period = |d: &crate::doc::DateMention| {
        d.tokens.start > sentence.tokens.start
            && lex
                .period_starts
                .contains_at(&doc.tokens, d.tokens.start - 1)
    };
    doc.dates[first..]
        .iter()
        .take_while(|d| d.tokens.start < sentence.tokens.end)
        .filter(|d| !starts_period(d))
        .find_map(|d| d.date)
        .or(doc.meta.published)
}

/// Where a claim names a country and another claim about the same group names a place inside it
/// ("sent to Russia" and "deployed in Kursk"), the claim takes the more precise place.
fn refine_places(lex: &Lexicon, drafts: &mut [ClaimDraft]) {
    let g = &lex.gazetteer;
    let resolved: Vec<Option<&crate::gazetteer::Place>> = drafts
        .iter()
        .map(|d| d.place.as_deref().and_then(|p| g.lookup(p)))
        .collect();
    // For each group, the distinct places inside a country that its claims name, in order.
    let mut finer: rustc_hash::FxHashMap<&str, Vec<usize>> = rustc_hash::FxHashMap::default();
    for (k, d) in drafts.iter().enumerate() {
        if let Some(p) = resolved[k].filter(|p| p.kind != crate::gazetteer::PlaceKind::Country) {
            let list = finer.entry(d.subject_head.as_str()).or_default();
            if !d.subject_head.is_empty() && !list.iter().any(|&j| resolved[j] == Some(p)) {
                list.push(k);
            }
        }
    }
    let mut updates = Vec::new();
    for (k, d) in drafts.iter().enumerate() {
        let Some(outer) = resolved[k] else { continue };
        let candidates = finer
            .get(d.subject_head.as_str())
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let inner = candidates
            .iter()
            .find(|&&j| resolved[j].is_some_and(|inner| g.contains(outer, inner)));
        if let Some(&j) = inner {
            updates.push((k, drafts[j].place.clone()));
        }
    }
    for (k, place) in updates {
        drafts[k].place = place;
    }
}

#[cfg(test)]
mod tests {
    use crate::{Claim, Document, Extractor};

    fn claims(text: &str) -> Vec<Claim> {
        let mut d = Document::new("t", text);
        d.meta.published = "2024-12-19".parse().ok();
        Extractor::new().claims(&d)
    }

    /// (metric, quantity text, subject) of each claim.
    fn brief(text: &str) -> Vec<(String, String, String)> {
        claims(text)
            .into_iter()
            .map(|c| (c.metric, c.quantity.text, c.subject))
            .collect()
    }

    #[test]
    fn days_before_a_month_are_no_count() {
        assert_eq!(
            brief("Between 18 and 22 February, at least 417 people have been killed in Ghouta."),
            [b("killed", "at least 417", "people")]
        );
    }

    #[test]
    fn the_ages_of_a_group_are_not_its_count() {
        assert_eq!(
            brief("Five ISIL child soldiers aged between 14 and 15 also surrendered."),
            [b("surrendered", "Five", "ISIL child soldiers")]
        );
    }

    #[test]
    fn a_number_restated_in_digits_counts_once_with_its_subject() {
        assert_eq!(
            brief("Two (2) people were killed and three (3) injured in the blast."),
            [
                b("killed", "Two (2)", "people"),
                b("wounded", "three (3)", "people")
            ]
        );
    }

    fn b(metric: &str, q: &str, subject: &str) -> (String, String, String) {
        (metric.into(), q.into(), subject.into())
    }

    #[test]
    fn a_natural_death_is_no_killing() {
        assert!(brief("Catherine O'Hara died from a pulmonary embolism on Friday.").is_empty());
        assert!(brief("Three prisoners died of covid in the camp.").is_empty());
        assert_eq!(
            brief("Three prisoners died of hunger in the camp."),
            [b("killed", "Three", "prisoners")]
        );
        assert_eq!(
            brief("Two soldiers died of their wounds."),
            [b("killed", "Two", "soldiers")]
        );
    }

    #[test]
    fn groups_told_with_their_places_share_the_verb_and_keep_their_place() {
        let found: Vec<(String, String, Option<String>)> =
            claims("Russian strikes killed two people in Kherson and three in Zaporizhzhia.")
                .into_iter()
                .map(|c| (c.quantity.text, c.subject, c.place))
                .collect();
        let place = |p: &str| Some(p.to_string());
        assert_eq!(
            found,
            [
                ("two".into(), "people".into(), place("Kherson")),
                ("three".into(), "people".into(), place("Zaporizhzhia"))
            ]
        );
        assert_eq!(
            brief("Russia launched 40 drones from occupied Crimea and 12 missiles."),
            [
                b("launched", "40", "drones"),
                b("launched", "12", "missiles")
            ]
        );
        // A place's owner is not where the count is.
        let c = claims("Gunmen kill three police in east Ukraine's Donetsk");
        assert_eq!(c[0].place.as_deref(), Some("Donetsk"));
        // Ukraine's own romanisation of its places, as news writes them.
        for town in ["Kryvyi Rih", "Kupiansk", "Avdiivka", "Mykolaiv", "Izium"] {
            let c = claims(&format!("Two civilians were killed in {town}."));
            assert_eq!(c[0].place.as_deref(), Some(town));
        }
    }

    #[test]
    fn designations_belong_to_their_group() {
        assert_eq!(
            brief(
                "Russian forces launched 21 Kh-101 cruise missiles and 16 Kalibr cruise missiles."
            ),
            [
                b("launched", "21", "Kh-101 cruise missiles"),
                b("launched", "16", "Kalibr cruise missiles")
            ]
        );
        assert_eq!(
            brief("Ukraine destroyed one armoured personnel carrier and two T-72 tanks."),
            [
                b("destroyed", "one", "armoured personnel carrier"),
                b("destroyed", "two", "T-72 tanks")
            ]
        );
        assert_eq!(
            brief("A Mi-8 helicopter was shot down near Idlib."),
            [b("intercepted", "A", "Mi-8 helicopter")]
        );
        // A date ends the group; a hedge before a noun is part of it.
        assert_eq!(
            brief("Air defenses downed 40 Ukrainian drones late Sunday and early Monday."),
            [b("intercepted", "40", "Ukrainian drones")]
        );
        assert_eq!(
            brief("The US military said it killed two alleged drug traffickers."),
            [b("killed", "two", "alleged drug traffickers")]
        );
        // A count of people inherits no things; a part of things is no count of people.
        assert_eq!(
            brief("Two car bombs exploded in Reyhanli, killing at least 40."),
            [b("killed", "at least 40", "")]
        );
        assert!(brief("The SDF captured three villages, including two near Kubar.").is_empty());
        // A singular noun after "one" that names no thing counts nothing.
        assert!(
            brief("At one stage of the beating, Nurul died on the spot.")
                .iter()
                .all(|c| c.2 != "stage")
        );
    }

    #[test]
    fn verbs_nouns_and_elided_coordination() {
        assert_eq!(
            brief("At least 100 North Korean soldiers sent to Russia have been killed, and more than 1,000 wounded."),
            [b("killed", "At least 100", "North Korean soldiers"), b("wounded", "more than 1,000", "North Korean soldiers")]
        );
        assert_eq!(
            brief("The strike killed 3 people."),
            [b("killed", "3", "people")]
        );
        assert_eq!(brief("Officials said 40 died."), [b("killed", "40", "")]);
        assert_eq!(brief("The death toll rose to 40."), [b("killed", "40", "")]);
        assert_eq!(
            brief("There were 3 dead and 12 wounded."),
            [b("killed", "3", ""), b("wounded", "12", "")]
        );
        assert_eq!(
            brief("Ukraine holds 2 prisoners."),
            [b("captured", "2", "prisoners")]
        );
        assert_eq!(
            brief("Fifty people are still missing."),
            [b("missing", "Fifty", "people")]
        );
    }

    #[test]
    fn subjects_carry_into_elided_clauses() {
        let text = "Among some 11,000 North Korean soldiers deployed in Kursk, “at least 100 have been killed, and more than 1,000 injured.”";
        assert_eq!(
            brief(text),
            [
                b("deployed", "some 11,000", "North Korean soldiers"),
                b("killed", "at least 100", "North Korean soldiers"),
                b("wounded", "more than 1,000", "North Korean soldiers"),
            ]
        );
        assert_eq!(
            brief("Two civilians were killed and one was injured."),
            [
                b("killed", "Two", "civilians"),
                b("wounded", "one", "civilians")
            ]
        );
    }

    #[test]
    fn ages_and_compounds_describe_the_group() {
        // An age in words is no count: the article counts the one person.
        assert_eq!(
            brief("A seven-year-old girl was wounded."),
            [b("wounded", "A", "seven-year-old girl")]
        );
        assert_eq!(
            brief("Three 12-year-old boys were killed."),
            [b("killed", "Three", "12-year-old boys")]
        );
        assert_eq!(
            brief("Gunmen killed a 5-member family."),
            [b("killed", "5", "family")]
        );
        // In words, the same: the compound gives the family's size.
        assert_eq!(
            brief("A five-member family was killed in the strike."),
            [b("killed", "five", "family")]
        );
    }

    #[test]
    fn an_age_a_quote_or_an_event_phrase_stands_between_cue_and_count() {
        // The age is no count: the article counts the one boy.
        assert_eq!(
            brief("A 12-year-old boy was wounded."),
            [b("wounded", "A", "12-year-old boy")]
        );
        assert_eq!(
            brief("A 60-year-old woman and her two grandchildren died."),
            [
                b("killed", "A", "60-year-old woman"),
                b("killed", "two", "grandchildren")
            ]
        );
        assert_eq!(
            brief("The army said it had killed \"dozens of terrorists\"."),
            [b("killed", "dozens", "terrorists")]
        );
        assert_eq!(
            brief("Rebels captured the \"600\" neighbourhood."),
            Vec::<(String, String, String)>::new()
        );
        assert_eq!(
            brief("The death toll from the earthquake has risen to 3,400."),
            [b("killed", "3,400", "")]
        );
        // The hyphen of a compound is part of the phrase.
        assert_eq!(
            brief("The death toll in the earthquake-hit region rose to 300."),
            [b("killed", "300", "")]
        );
        // A verb is no part of the event phrase.
        assert_eq!(
            brief("Combat deaths in Baghdad nearly doubled to 3.14 per day."),
            Vec::<(String, String, String)>::new()
        );
    }

    #[test]
    fn possessives_reflexives_and_members_of_a_whole() {
        assert_eq!(
            brief("Shelling killed a man and wounded his wife."),
            [b("killed", "a", "man"), b("wounded", "his", "wife")]
        );
        assert!(brief("A soldier fired his gun.").is_empty());
        assert_eq!(
            brief("Drones struck a convoy, killing the commander and four of his aides."),
            [
                b("killed", "the", "commander"),
                b("killed", "four", "aides")
            ]
        );
        assert!(brief("Kurdish forces captured the Brigade 93 base.").is_empty());
        assert_eq!(
            brief("The strike killed the remaining 5 fighters."),
            [b("killed", "5", "fighters")]
        );
        assert_eq!(
            brief("A suicide bomber killed himself and two policemen."),
            [b("killed", "two", "policemen")]
        );
        // The family is the whole the seven are part of, not an eighth victim.
        assert_eq!(
            brief("Seven members of one family were killed."),
            [b("killed", "Seven", "members")]
        );
        assert_eq!(
            brief("Two children from a Dalit family were killed."),
            [b("killed", "Two", "children")]
        );
        // A family counts the number after "of", and is the group counted; "a family
        // member" is one person.
        assert_eq!(
            brief("A family of five was killed."),
            [b("killed", "five", "family")]
        );
        assert_eq!(
            brief("A family member was killed."),
            [b("killed", "A", "family member")]
        );
        // A possessive inside a list of people is one of them; outside a list it is not.
        assert_eq!(
            brief("The strike killed a Hamas commander, his wife and their three children."),
            [
                b("killed", "a", "Hamas commander"),
                b("killed", "his", "wife"),
                b("killed", "three", "children")
            ]
        );
        assert!(brief("Police arrested the man, his lawyer said.").is_empty());
        // "the death of a civilian" after a verb that makes it this event's; not after "for".
        assert_eq!(
            brief("The shooting resulted in the death of a civilian."),
            [b("killed", "a", "civilian")]
        );
        assert!(brief("They demanded justice for the killing of a student.").is_empty());
        // A participle after the person is no noun of its name.
        assert_eq!(
            brief("Maoists killed a villager suspecting him to be an informer."),
            [b("killed", "a", "villager")]
        );
        assert_eq!(
            brief("Militants killed a former sarpanch."),
            [b("killed", "a", "former sarpanch")]
        );
        // The person is the text's last token: nothing is read past it.
        assert_eq!(
            brief("Police killed a gunman"),
            [b("killed", "a", "gunman")]
        );
    }

    #[test]
    fn earlier_years_trials_and_reprisals_are_background() {
        let killed = killed_total;
        assert_eq!(killed("Gunmen killed three police officers in 2016."), 0);
        assert_eq!(killed("Gunmen killed three police officers in 2024."), 3);
        assert_eq!(
            killed("The attack was the deadliest since a 2017 bombing killed 500 people."),
            0
        );
        assert_eq!(
            killed("The truce held after the fighting that killed 200 people last year."),
            0
        );
        // The year of a run-on sentence's next clause does not date the count.
        assert_eq!(
            killed("A commander and his companion were killed in a raid by security forces in Quetta who had been convicted in 2003."),
            2
        );
        assert_eq!(
            killed("He was sentenced to death for killing three police officers."),
            0
        );
        assert_eq!(
            killed("Militias killed four residents as reprisal to the death of a herder."),
            4
        );
        // A riot's cause is background, a death in its clash is not.
        assert_eq!(
            killed("Workers began rioting after a driver was lynched."),
            0
        );
        assert_eq!(
            killed("Reports said one person was killed in the clash or that rioting traders stabbed a man."),
            1
        );
    }

    /// Totals of killed for a text published on 19 December 2024.
    fn killed_total(text: &str) -> u64 {
        let mut d = Document::new("t", text);
        d.meta.published = chrono::NaiveDate::from_ymd_opt(2024, 12, 19);
        Extractor::new()
            .totals(&d)
            .totals
            .get("killed")
            .copied()
            .unwrap_or(0)
    }

    #[test]
    fn deaths_a_protest_is_against_and_earlier_incidents_are_background() {
        let text = "Clashes erupted between protesters and the police against the mysterious killing of three youths in Pattan.";
        assert_eq!(brief(text), [b("killed", "three", "youths")]);
        assert_eq!(killed_total(text), 0);
        assert_eq!(
            killed_total("The strike was imposed against the killing of one Konsam Koroungaba."),
            0
        );
        assert_eq!(
            killed_total("Thousands gathered for the ceremony of two Sikh protesters killed by police in an earlier incident."),
            0
        );
        // An offensive against a group is no protest against a death.
        assert_eq!(
            killed_total("The offensive against the militants killed 30 fighters."),
            30
        );
    }

    #[test]
    fn a_body_found_is_a_death() {
        assert_eq!(
            brief("The bullet riddled body of an officer of the PAF was found near a village."),
            [b("killed", "an", "officer")]
        );
        assert_eq!(
            brief("Police recovered the bodies of 12 policemen."),
            [b("killed", "12", "policemen")]
        );
        // A body handed over is an earlier death; "a body of" experts is a committee.
        assert_eq!(
            killed_total("The sides exchanged two prisoners and the body of another soldier."),
            0
        );
        assert!(brief("An umbrella body of six communities was found to have met.").is_empty());
    }

    #[test]
    fn a_participle_after_two_joined_groups_is_the_predicate_of_both() {
        assert_eq!(
            killed_total("At least 4 police and 39 civilians killed during fighting."),
            43
        );
        assert_eq!(
            brief("Two men accused of kidnappings were summarily shot by a militia."),
            [b("killed", "Two", "men")]
        );
        // A verb before the first group keeps it, and a comma is no join.
        assert_eq!(
            brief("Troops killed 1,979 militants, 736 others wounded."),
            [
                b("killed", "1,979", "militants"),
                b("wounded", "736", "others")
            ]
        );
        assert_eq!(
            brief("By morning 8,500 people had been evacuated, including 3,000 fighters and 360 wounded."),
            [
                b("evacuated", "8,500", "people"),
                b("evacuated", "3,000", "fighters"),
                b("wounded", "360", "fighters")
            ]
        );
    }

    #[test]
    fn a_person_named_as_the_one_killed_is_one() {
        assert_eq!(
            brief("Police said Bipul Chakraborty was killed by unidentified assailants."),
            [b("killed", "Bipul Chakraborty", "Bipul Chakraborty")]
        );
        assert_eq!(
            brief("ISIL commander Imad Yassin was arrested at the camp."),
            [b("arrested", "Imad Yassin", "Imad Yassin")]
        );
        assert_eq!(
            killed_total("ASWJ leader Dr Mohammad Fayyaz along with his driver were shot dead by two unknown assailants."),
            2
        );
        // An age in brackets is no count of 35.
        assert_eq!(
            killed_total("Mohammad Rahim (35) was killed in the attack."),
            1
        );
        // Two people, each named: two deaths.
        assert_eq!(
            killed_total("Ali Shahriari was killed, while Majid Abbasi later died in hospital."),
            2
        );
        // A named victim may be one of a figure the text gives.
        assert_eq!(
            killed_total("Five journalists were killed. Anas al-Sharif was killed in the strike."),
            5
        );
        // Not a victim: what the person did, a near miss, one of a list, a place or a ship,
        // or a name inside the group of a count.
        for text in [
            "Yahya Sinwar has killed hundreds.",
            "Oleh Balinsky was almost killed in a tank attack.",
            "Saleh Khaddour and Humam Ali were killed.",
            "A girl in Mariupol City was killed.",
            "528 people aboard the Ukishima Maru were killed.",
            "Five fighters of the Sham Legion were killed.",
        ] {
            assert!(
                !brief(text).iter().any(
                    |(_, q, _)| q.starts_with(char::is_uppercase) && !q.starts_with(['A', 'F'])
                ),
                "{text}: {:?}",
                brief(text)
            );
        }
        assert_eq!(
            killed_total("528 people aboard the Ukishima Maru were killed."),
            528
        );
        assert_eq!(
            killed_total("Five fighters of the Sham Legion were killed."),
            5
        );
        assert_eq!(killed_total("Saleh Khaddour and Humam Ali were killed."), 0);
    }

    #[test]
    fn a_part_lends_its_group_to_no_later_count() {
        assert_eq!(
            brief("A Russian missile strike on Dnipro killed 4 people, including a child, and wounded 25."),
            [
                b("killed", "4", "people"),
                b("killed", "a", "child"),
                b("wounded", "25", "people")
            ]
        );
        // A quoted verb keeps its auxiliary, and ages listed are no count.
        assert_eq!(
            killed_total(
                "The ministry said 1,245 Russian troops had been \"eliminated\" in the past day."
            ),
            1245
        );
        assert_eq!(
            killed_total("Two brothers aged 8 and 12 were killed when a shell hit their home."),
            2
        );
        assert_eq!(
            killed_total("Three soldiers were killed, raising the death toll from the week's fighting to 15."),
            15
        );
        assert_eq!(
            killed_total("A third soldier died of his wounds in hospital."),
            1
        );
    }

    #[test]
    fn a_qualifier_that_opens_with_no_negates_nothing() {
        assert_eq!(
            brief("Police said no fewer than 50 people were killed."),
            [b("killed", "no fewer than 50", "people")]
        );
        assert!(brief("No more soldiers were killed.").is_empty());
    }

    #[test]
    fn a_place_whose_name_holds_an_organisation_word() {
        let c = &claims(
            "Israeli forces arrested 25 Palestinians in overnight raids across the West Bank.",
        )[0];
        assert_eq!(c.place.as_deref(), Some("West Bank"));
    }

    #[test]
    fn a_verb_completed_after_the_group() {
        assert_eq!(
            brief("The floods forced 3,000 families from their homes."),
            [b("displaced", "3,000", "families")]
        );
        assert_eq!(
            brief("The fighting has forced more than 200,000 people to flee their homes."),
            [b("displaced", "more than 200,000", "people")]
        );
        assert_eq!(
            brief("Russian shelling forced 1,200 residents to evacuate."),
            [b("evacuated", "1,200", "residents")]
        );
        // Without its completion the verb takes no count.
        assert!(
            brief("The rebels forced 30 soldiers to surrender their weapons.")
                .iter()
                .all(|(m, _, _)| m != "displaced")
        );
    }

    #[test]
    fn a_whole_told_first_and_a_parent_of_children() {
        assert_eq!(killed_total("Of the 12 passengers, 4 died."), 4);
        assert_eq!(killed_total("Among the 40 wounded, 10 later died."), 10);
        assert_eq!(killed_total("The father of five was shot dead."), 0);
        assert_eq!(killed_total("A mother of 3 was killed in the strike."), 1);
        assert_eq!(
            brief("The mother of one of the youths who was reported dead filed a suit."),
            [b("killed", "one", "youths")]
        );
    }

    #[test]
    fn partitives_give_two_claims() {
        assert_eq!(
            brief("At least 1,000 of the 11,000 troops sent were killed."),
            [
                b("killed", "At least 1,000", "troops"),
                b("deployed", "11,000", "troops")
            ]
        );
        // The whole of an interception, with no cue of its own, is what was launched; the
        // whole of a killing is no claim.
        assert_eq!(
            brief("It shot down 40 of 47 drones."),
            [
                b("intercepted", "40", "drones"),
                b("launched", "47", "drones")
            ]
        );
        assert_eq!(
            brief("Three of the 40 passengers were killed."),
            [b("killed", "Three", "passengers")]
        );
        // A group joined to the whole shares the part's verb.
        assert_eq!(
            brief("It downed 40 of 47 drones and two missiles."),
            [
                b("intercepted", "40", "drones"),
                b("launched", "47", "drones"),
                b("intercepted", "two", "missiles")
            ]
        );
    }

    #[test]
    fn a_bare_count_and_its_place_repeat_the_predicate_before() {
        assert_eq!(
            brief("Two civilians were killed in Pokrovsk and three in Kostiantynivka."),
            [
                b("killed", "Two", "civilians"),
                b("killed", "three", "civilians")
            ]
        );
        // The group is elided too: a village captured is no person captured.
        assert_eq!(
            brief("Two villages were captured near Raqqa, and one near Hama."),
            Vec::<(String, String, String)>::new()
        );
        // Not where more than a place follows.
        assert_eq!(
            brief("Two were killed and three in hospital remain critical."),
            [b("killed", "Two", "")]
        );
    }

    #[test]
    fn coordinated_groups_share_the_predicate() {
        assert_eq!(
            brief("One soldier and three rebels were killed."),
            [
                b("killed", "One", "soldier"),
                b("killed", "three", "rebels")
            ]
        );
        assert_eq!(
            brief("The attack killed 3 civilians and 2 soldiers."),
            [b("killed", "3", "civilians"), b("killed", "2", "soldiers")]
        );
        assert_eq!(
            brief("The shelling, reportedly killing at least 52 and injuring 87 to 300, went on."),
            [
                b("killed", "at least 52", ""),
                b("wounded", "87 to 300", "")
            ]
        );
    }

    #[test]
    fn denials_forecasts_and_non_counts_are_not_claims() {
        for text in [
            "Moscow denied that any soldiers were killed.",
            "Moscow denied that 100 soldiers were killed.",
            "Up to 15,000 more could be sent.",
            "North Korea plans to send 5,000 troops.",
            "No casualties were reported.",
            "The 12-year-old was wounded.",
            "The 93rd Brigade said it was shelled in 2024.",
            "Prices rose 5 percent and $3 million was lost.",
            "Soldiers were not killed in the 3 attacks.",
            "The agency estimates that 3 million people will be displaced.",
            "Prime Minister Nouri al-Maliki succumbed to pressure at home and abroad.",
        ] {
            assert!(brief(text).is_empty(), "{text}: {:?}", brief(text));
        }
    }

    #[test]
    fn hedged_past_figures_are_claims() {
        // An estimate of the past is a claim; only its future is a forecast.
        assert_eq!(
            brief("The Pentagon estimates that about 1,200 soldiers were killed."),
            [b("killed", "about 1,200", "soldiers")]
        );
        assert_eq!(
            brief("As many as 200 may have been killed."),
            [b("killed", "As many as 200", "")]
        );
    }

    #[test]
    fn places_dates_and_sources() {
        let c = &claims("Russian strikes killed 12 civilians in Kharkiv on Monday, according to the regional governor Oleh Syniehubov.")[0];
        assert_eq!(c.place.as_deref(), Some("Kharkiv"));
        assert_eq!(c.date.map(|d| d.to_string()).as_deref(), Some("2024-12-16"));
        let c = &claims(
            "On 15 February 2024, Russian forces shelled Chuhuiv, Kharkiv. 1 civilian was killed.",
        )[0];
        assert_eq!(c.date.map(|d| d.to_string()).as_deref(), Some("2024-12-19"));
        // A period's start is no figure's day: the figure is as of the report.
        let c = &claims("Since 24 February 2022, 10,000 civilians have been killed.")[0];
        assert_eq!(c.date.map(|d| d.to_string()).as_deref(), Some("2024-12-19"));
        // A speaker's country and title are no place of the claim.
        let c = &claims("US President Joe Biden said 40 people were killed.")[0];
        assert_eq!(
            (c.place.as_deref(), c.sources.clone()),
            (None, vec!["Joe Biden".to_string()])
        );
        let c = &claims(
            "Ukraine's General Staff said 1,200 Russian soldiers were killed in Donetsk region.",
        )[0];
        assert_eq!(c.sources, ["General Staff"]);
        assert_eq!(c.place.as_deref(), Some("Donetsk region"));
    }

    #[test]
    fn unnamed_groups_are_sources() {
        let c = &claims("Three civilians were killed in Donetsk, Ukrainian officials said.")[0];
        assert_eq!(c.sources, ["Ukrainian officials"]);
        let c = &claims("Police disperse protest, activists say one shot dead.")[0];
        assert_eq!(
            (c.metric.as_str(), c.sources.clone()),
            ("killed", vec!["activists".to_string()])
        );
        // A body after a demonym speaks as a group; alone it refers back to one named by its
        // noun, and with none named before, it speaks under the name the text gives it.
        let c = &claims("The Israeli military said two soldiers were killed.")[0];
        assert_eq!(c.sources, ["Israeli military"]);
        let c = &claims("The army said two soldiers were killed.")[0];
        assert_eq!(c.sources, ["army"]);
        // A place's body, and a body named with whoever runs it.
        let c = &claims("Strikes killed 27 people overnight, Gaza's civil defence agency said.")[0];
        assert_eq!(c.sources, ["Gaza's civil defence agency"]);
        let c =
            &claims("Strikes killed 27 people overnight, the Hamas-run health ministry said.")[0];
        assert_eq!(c.sources, ["Hamas-run health ministry"]);
        let c = &claims("At least 20 people were killed, the Gaza health ministry said.")[0];
        assert_eq!(c.sources, ["Gaza health ministry"]);
        // The place a group speaks from is part of it, also where the group opens the sentence.
        let c = &claims("Local officials in Kherson said five civilians were wounded.")[0];
        assert_eq!(c.sources, ["Local officials in Kherson"]);
        let c = &claims("Officials in Kherson said five civilians were wounded.")[0];
        assert_eq!(c.sources, ["Officials in Kherson"]);
        // An organisation named before the noun that says what it is.
        let c = &claims("Russia's defence ministry said its forces had killed 300 Ukrainian soldiers, the TASS news agency reported.")[0];
        assert_eq!(c.sources, ["TASS", "Russia's defence ministry"]);
        let c = &claims("Russian forces lost 380 troops and seven UAV command posts.")[0];
        assert!(c.sources.is_empty(), "{:?}", c.sources);
        // What the source put out stands between "according to" or "citing" and the source.
        let c = &claims("At least 9 people were killed, according to a statement from the regional governor, Vadym Filashkin.")[0];
        assert_eq!(c.sources, ["Vadym Filashkin"]);
        let c = &claims("The UN said at least 1,000 civilians had been killed, citing figures from local health authorities.")[0];
        assert_eq!(c.sources, ["UN", "local health authorities"]);
        let c = &claims("According to figures compiled by AFP, 12,000 people have died.")[0];
        assert_eq!(c.sources, ["AFP"]);
        let c = &claims("Ukrainian intelligence, quoted by the Kyiv Independent, said 3,000 North Korean troops had been killed.")[0];
        assert_eq!(c.sources, ["Ukrainian intelligence"]);
        // "Un" in a name is no UN: the agency refers back to no organisation here.
        let c = &claims(
            "Kim Jong Un's regime has sent about 11,000 troops, the spy agency told lawmakers.",
        )[0];
        assert!(c.sources.is_empty(), "{:?}", c.sources);
    }

    #[test]
    fn a_speaker_relayed_once_is_not_relayed_everywhere() {
        // "according to a report by X, Y said" puts Y in that sentence's chain only; "X said,
        // citing Z" holds for X across the text.
        let text = "Abu Omar, according to SOHR, said the fighters were shocked. \
                    According to SOHR, 17 fighters were killed. \
                    Lee Seong-kweun said 10 soldiers died, citing the NIS. \
                    The lawmaker said 20 more were wounded.";
        let sources: Vec<Vec<String>> = claims(text).into_iter().map(|c| c.sources).collect();
        assert_eq!(
            sources,
            [
                vec!["SOHR".to_string()],
                vec!["Lee Seong-kweun".to_string(), "NIS".to_string()],
                vec!["Lee Seong-kweun".to_string(), "NIS".to_string()]
            ]
        );
        // The relay is still one of the document's citations.
        let text = "Abu Omar, according to SOHR, said 30 fighters had been killed. \
                    According to SOHR, 17 fighters were killed.";
        let found = Extractor::new().extract(&Document::new("t", text));
        let cited: Vec<(&str, &str)> = found
            .citations
            .iter()
            .map(|&(a, b)| {
                (
                    found.sources[a].name.as_str(),
                    found.sources[b].name.as_str(),
                )
            })
            .collect();
        assert_eq!(cited, [("SOHR", "Abu Omar")]);
    }

    #[test]
    fn each_clause_has_its_own_speaker() {
        let sources = |text: &str| -> Vec<(String, Vec<String>)> {
            claims(text)
                .into_iter()
                .map(|c| (c.quantity.text, c.sources))
                .collect()
        };
        let s = |q: &str, who: &[&str]| -> (String, Vec<String>) {
            (q.into(), who.iter().map(|w| w.to_string()).collect())
        };
        assert_eq!(
            sources("Hamas said 30 people were killed, while Israel said only 12 had died."),
            [s("30", &["Hamas"]), s("12", &["Israel"])]
        );
        assert_eq!(
            sources("According to the UN, 300 civilians were killed, while the Health Ministry said 450 died."),
            [s("300", &["UN"]), s("450", &["Health Ministry"])]
        );
        assert_eq!(
            sources("Local sources put the death toll at 15, while the army said only 9 had died."),
            [s("15", &["Local sources"]), s("9", &["army"])]
        );
        // A speaker set off at the end speaks for every clause.
        assert_eq!(
            sources("Two soldiers were killed, while three civilians died, the army said."),
            [s("Two", &["army"]), s("three", &["army"])]
        );
        assert_eq!(
            sources(
                "Two soldiers were killed, while three civilians died, Ukrainian officials said."
            ),
            [
                s("Two", &["Ukrainian officials"]),
                s("three", &["Ukrainian officials"])
            ]
        );
    }

    #[test]
    fn single_people_are_counted_where_a_predicate_is_firm() {
        assert_eq!(
            brief("A civilian was killed in the strike."),
            [b("killed", "A", "civilian")]
        );
        assert!(brief("Relatives of a driver that was killed protested.").is_empty());
    }

    #[test]
    fn people_metrics_do_not_count_things() {
        assert!(brief("ISIL forces captured two grain silos.").is_empty());
        assert!(brief("The rebels launched several coordinated attacks.").is_empty());
        assert_eq!(
            brief("Russia launched 40 drones."),
            [b("launched", "40", "drones")]
        );
    }

    #[test]
    fn places_behind_describing_words_and_not_adjectives() {
        let c = &claims("A U.S. airstrike in rebel-held Aleppo killed at least 46 people.")[0];
        assert_eq!(c.place.as_deref(), Some("Aleppo"));
    }

    #[test]
    fn subsets_are_marked_for_totals() {
        let e = Extractor::new();
        let d = Document::new(
            "t",
            "At least 40 people were killed, including three children.",
        );
        assert_eq!(e.claims(&d).len(), 2);
        assert_eq!(e.totals(&d).totals["killed"], 40);
        let d = Document::new("t", "Five civilians were killed. Later the toll rose to 7.");
        assert_eq!(e.totals(&d).totals["killed"], 7);
        // Every part of a list after "including" is a part.
        let d = Document::new(
            "t",
            "Militants killed 3 policemen, including a district police chief and a post commander.",
        );
        assert_eq!(e.totals(&d).totals["killed"], 3);
        // A part of another metric's figure is a figure of its own.
        let d = Document::new(
            "t",
            "Two persons were wounded in a blast. Later, one of them succumbed to his injuries.",
        );
        assert_eq!(e.totals(&d).totals["killed"], 1);
        // A figure standing alone as a sentence is the coder's total.
        let d = Document::new(
            "t",
            "On 4 May, two men who allegedly shot dead a man in a park clashed with police \
             officers. One of the attackers died and the other was arrested. 1 fatality",
        );
        assert_eq!(e.totals(&d).totals["killed"], 1);
    }

    #[test]
    fn a_participle_after_a_count_belongs_to_it() {
        // "killed" is the first count's; the second has its own predicate.
        assert_eq!(
            brief("1 killed 3 injured."),
            [b("killed", "1", ""), b("wounded", "3", "")]
        );
        assert_eq!(
            brief("In the firing one demonstrator was killed two others injured."),
            [
                b("killed", "one", "demonstrator"),
                b("wounded", "two", "others")
            ]
        );
        // An active verb: the first count did the killing.
        assert_eq!(
            brief("Two gunmen killed 3 civilians."),
            [b("killed", "3", "civilians")]
        );
    }

    #[test]
    fn groups_go_on_past_phrases_and_brackets() {
        assert_eq!(
            brief("Five women in a village in Mandar block were lynched to death."),
            [b("killed", "Five", "women")]
        );
        assert_eq!(
            brief("A key commander of Lashkar-e-Jhangvi (LeJ) and his companion were killed."),
            [
                b("killed", "A", "key commander"),
                b("killed", "his", "companion")
            ]
        );
        // "the other" is one more; "a militant" after "was" names someone already counted.
        assert_eq!(
            brief("One man was injured and the other died."),
            [b("wounded", "One", "man"), b("killed", "the other", "man")]
        );
        assert_eq!(
            brief("Police said the youth was a militant and was killed."),
            []
        );
        // No casualties among "two sides", and no group for a count to inherit from them.
        assert_eq!(
            brief("Fire between two groups resulted in one death."),
            [b("killed", "one", "")]
        );
    }

    #[test]
    fn violence_at_a_protest_is_its_own_toll() {
        let e = Extractor::new();
        let toll = |text: &str| {
            e.totals(&Document::new("t", text))
                .totals
                .get("killed")
                .copied()
        };
        assert_eq!(
            toll("Villagers demonstrated against the killing of a guard, and clashed with police who responded with live fire and killed one person."),
            Some(1)
        );
        assert_eq!(toll("Hundreds protested the killing of 3 students."), None);
        assert_eq!(
            toll("Citizens held a protest against the shooting, in which 9 youths were killed."),
            None
        );
        // Killers described by their deed are background; an event's own toll is not.
        assert_eq!(
            toll("Police raided the village in pursuit of those who killed a guard."),
            None
        );
        assert_eq!(
            toll("The strike, which killed 5 civilians, hit Kharkiv."),
            Some(5)
        );
    }

    #[test]
    fn objects_behind_frames_and_joined_verbs() {
        let killed = |text: &str| {
            let d = Document::new("t", text);
            Extractor::new().totals(&d).totals.get("killed").copied()
        };
        // The verb before "a family of" takes the count.
        assert_eq!(
            killed("Shells fired by LNA forces killed a family of three, including a child and a woman."),
            Some(3)
        );
        // The first of two joined verbs takes the object too, past "the body of".
        assert_eq!(
            killed("Militiamen reportedly killed and mutilated the body of a member of the Fulani community."),
            Some(1)
        );
        assert_eq!(
            killed("An armed group shot and slit the throats of two people in the village."),
            Some(2)
        );
        // A frame alone is no cue: "an umbrella body of six communities" counts no dead.
        assert_eq!(
            killed("An umbrella body of six communities demanded that the Centre act."),
            None
        );
        // "claimed two lives"; but "saved two lives" is no toll.
        assert_eq!(
            killed("Rivalry between the two outfits claimed two lives."),
            Some(2)
        );
        assert_eq!(killed("Doctors saved two lives."), None);
        // An infinitive after "was able to" happened; after "plans to" it has not.
        assert_eq!(
            killed("Three hours later, the army was able to kill all three militants."),
            Some(3)
        );
        assert_eq!(killed("The group plans to kill three officials."), None);
        // A second participle past the first one's agent.
        assert_eq!(
            killed("A man was abducted by four men and stabbed to death near a soccer field."),
            Some(1)
        );
        // A name's abbreviation in brackets stays in the group.
        assert_eq!(
            killed("A local Awami League (AL) leader was beaten dead by some shopkeepers."),
            Some(1)
        );
        // "along with his driver" is one more.
        assert_eq!(
            killed("A police officer along with his driver were shot dead by two assailants."),
            Some(2)
        );
        // Violence at a protest between the protest and the count makes it the protest's toll.
        assert_eq!(
            killed("Residents joined the protests and looted stores as two people were killed by police."),
            Some(2)
        );
        // A relative clause about an earlier event is background to an arrest.
        assert_eq!(
            killed("Three leaders were arrested in connection with the violence in Assam, which claimed over 80 lives."),
            None
        );
        assert_eq!(
            killed("Activists were arrested demanding a probe into the April encounter, in which 20 woodcutters were gunned down by police."),
            None
        );
    }

    #[test]
    fn another_of_a_group_adds_to_it() {
        let e = Extractor::new();
        let killed = |text: &str| e.totals(&Document::new("t", text)).totals["killed"];
        assert_eq!(
            killed("Two LeJ suspects were killed on the spot while another died on the way to hospital."),
            3
        );
        assert_eq!(
            killed("Two soldiers were killed in the raid. Another soldier died later."),
            3
        );
        // "Another person" after a total and its breakdown is part of the breakdown.
        assert_eq!(
            killed(
                "At least five Hazara men were killed in several incidents. Two Hazara men were \
                    killed at a barber shop. Another person was gunned down near the bypass. In \
                    another incident two people were shot dead."
            ),
            5
        );
        // "-men" plurals head a group: "3 policmen" and "4 Taliban militants" are two groups.
        assert_eq!(
            killed("3 policmen were killed and 7 were wounded. Officials said 4 Taliban militants were also killed."),
            7
        );
    }

    /// The phrase naming the event between a toll and its figure may hold a preposition.
    #[test]
    fn a_toll_named_by_a_long_event_phrase() {
        assert_eq!(
            brief(
                "The death toll from Saturday's Russian missile strike on Dnipro has risen to 40."
            ),
            [b("killed", "40", "")]
        );
        assert_eq!(
            brief(
                "The number of people killed in Friday's drone strike on Kharkiv has risen to 15."
            ),
            [b("killed", "15", "")]
        );
    }

    /// Losses or casualties before the counts, and a participle after each: the participle
    /// says which.
    #[test]
    fn losses_are_named_by_the_participle_after() {
        assert_eq!(
            brief("The Ukrainian military said Russia had lost 140 killed and 180 wounded."),
            [b("killed", "140", ""), b("wounded", "180", "")]
        );
        assert_eq!(
            brief("Russian casualties were 130 killed and 149 wounded."),
            [b("killed", "130", ""), b("wounded", "149", "")]
        );
    }

    #[test]
    fn tolls_that_grow_and_tolls_that_range() {
        let e = Extractor::new();
        let killed = |text: &str| e.totals(&Document::new("t", text)).totals["killed"];
        // A toll that grew is its new figure; a range is its lower bound.
        assert_eq!(killed("The death toll rose from 10 to 40."), 40);
        // The claim is the new figure, not a range of the old and the new; a change ("by 12")
        // between the toll and its figure does not hide the figure.
        assert_eq!(
            brief("The death toll rose from 10 to 40."),
            [b("killed", "40", "")]
        );
        assert_eq!(
            brief("The death toll climbed by 12 to 57 on Monday."),
            [b("killed", "57", "")]
        );
        assert_eq!(killed("Between 11 and 14 people were killed."), 11);
        assert_eq!(
            killed("Gunmen killed residents. Reports on fatalities range from 2 to 4."),
            2
        );
        // A bare total takes the metric told before it.
        assert_eq!(
            killed("Another 12 bodies were recovered, bringing the total to 57."),
            57
        );
        assert_eq!(killed("The airstrikes killed a total of 64 militants."), 64);
        assert_eq!(
            brief("The shelling killed a boy and his grandmother."),
            [b("killed", "a", "boy"), b("killed", "his", "grandmother")]
        );
    }

    #[test]
    fn a_clause_can_take_up_the_count_by_a_pronoun() {
        assert_eq!(
            brief("1 MQM worker was driving in Orangi town when he was targeted and killed by gunmen."),
            [b("killed", "1", "MQM worker")]
        );
        assert_eq!(
            brief("The rebels freed the villagers except for one hostage whom they killed after a trial."),
            [b("killed", "one", "hostage")]
        );
        // A pronoun clause without a metric cue is no claim.
        assert!(brief("Two soldiers were on patrol when they came under fire.").is_empty());
    }

    #[test]
    fn unverified_figures_stay_claims_but_leave_the_totals() {
        let e = Extractor::new();
        let d = Document::new(
            "t",
            "IS Sahel claimed to have attacked and killed four soldiers in Alfakoara. The \
             information could not be independently verified.",
        );
        assert_eq!(e.claims(&d).len(), 1);
        assert_eq!(e.totals(&d).totals.get("killed"), None);
        // The same sentence, while the figure before it stands.
        let d = Document::new(
            "t",
            "3 PKK militants were killed in Agri. HPG also claimed 15 soldiers died during the \
             clashes, which has not been confirmed by any Turkish source.",
        );
        assert_eq!(e.totals(&d).totals["killed"], 3);
    }

    #[test]
    fn another_account_stays_a_claim_but_leaves_the_totals() {
        let e = Extractor::new();
        let d = Document::new(
            "t",
            "Soldiers killed 6 suspected militants in a shootout in Soroko. Other reports claim \
             this involved seven Fulani men who were killed by summary execution.",
        );
        assert_eq!(e.claims(&d).len(), 2);
        assert_eq!(e.totals(&d).totals["killed"], 6);
        let d = Document::new(
            "t",
            "One militant was wounded and arrested. Some reports state that three militants \
             were killed.",
        );
        assert_eq!(e.totals(&d).totals.get("killed"), None);
        // Sources named by who they are give an account like any other.
        let d = Document::new("t", "Local sources said three militants were killed.");
        assert_eq!(e.totals(&d).totals["killed"], 3);
    }

    #[test]
    fn a_split_note_codes_the_events_share() {
        let e = Extractor::new();
        let total = |text: &str| {
            e.totals(&Document::new("t", text))
                .totals
                .get("killed")
                .copied()
        };
        // The claims keep the figures the text gives; the total is this event's share.
        let text = "One Ukrainian Government soldier and three rebels were killed during the day \
                    [4 fatalities split across 22 events].";
        assert_eq!(e.claims(&Document::new("t", text)).len(), 3);
        assert_eq!(total(text), Some(0));
        assert_eq!(
            total("Two rebels were killed during the day [Fatalities split among 14 events]."),
            Some(0)
        );
        assert_eq!(total("The ensuing clashes led to another death. Two fatalities distributed across two days."), Some(1));
        assert_eq!(
            total("Russian MoD reported 200 fatalities. Coded as 10 fatalities split across 2 events."),
            Some(5)
        );
        // A split of something else, or among no events, is no note.
        assert_eq!(
            total("Five soldiers were killed and the aid was split among 3 villages."),
            Some(5)
        );
    }

    #[test]
    fn a_fraction_is_no_count_of_people() {
        assert!(brief("One in five soldiers was killed.").is_empty());
        assert!(brief("Two-thirds of the villagers fled.").is_empty());
    }
}
