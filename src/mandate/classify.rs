//! Force and addressee of clauses. A provision's text is split into clauses at the operative
//! verbs that govern it ("Welcomes the report … and calls upon Member States to …" has two);
//! each clause gets the verb as written, its [`Force`] (per the rulebook spec, "Reading a
//! resolution") and the [`Addressee`] the verb speaks to, or the subject of its "that … shall"
//! clause ("Decides that all States shall prevent" → mandate on States). Preambular, header and
//! annex text is one `Context` clause. The word lists are data at the top of the file; the
//! entity patterns that recognise addressees live in `addressee.rs`.

use super::addressee::{first_addressee, subject_addressee, window};
use super::options::options_request;
use super::{Addressee, Clause, Force, Part};
use crate::fixed_regex::fixed_regex;
use regex::Regex;
use std::sync::LazyLock;

/// How a verb's force is decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ForceBy {
    /// Always this force.
    Fixed(Force),
    /// Requests/Asks: a mandate when addressed to the UN (or nobody named), a call on others.
    ByAddressee,
    /// Extends/Renews: a mandate when it extends a mandate or a period, else an expression.
    Extends,
    /// Reiterates/Reaffirms: decided by the noun that follows ("its demand", "its call").
    ByObject(Force),
}

/// Operative verbs in the third person, with their particles, and how their force is decided.
/// Longer phrases first so "Calls upon" wins over "Calls".
const VERBS: &[(&str, ForceBy)] = &[
    ("calls upon", ForceBy::Fixed(Force::Call)),
    ("calls on", ForceBy::Fixed(Force::Call)),
    ("calls for", ForceBy::Fixed(Force::Call)),
    ("calls", ForceBy::Fixed(Force::Call)),
    ("takes note", ForceBy::Fixed(Force::NoAction)),
    ("pays tribute", ForceBy::Fixed(Force::NoAction)),
    ("looks forward", ForceBy::Fixed(Force::NoAction)),
    ("decides", ForceBy::Fixed(Force::Mandate)),
    ("authorizes", ForceBy::Fixed(Force::Mandate)),
    ("authorises", ForceBy::Fixed(Force::Mandate)),
    ("establishes", ForceBy::Fixed(Force::Mandate)),
    ("directs", ForceBy::Fixed(Force::Mandate)),
    ("mandates", ForceBy::Fixed(Force::Mandate)),
    ("demands", ForceBy::Fixed(Force::Mandate)),
    ("approves", ForceBy::Fixed(Force::Mandate)),
    ("endorses", ForceBy::Fixed(Force::Mandate)),
    ("insists", ForceBy::Fixed(Force::Mandate)),
    ("instructs", ForceBy::Fixed(Force::Mandate)),
    ("entrusts", ForceBy::Fixed(Force::Mandate)),
    ("requires", ForceBy::Fixed(Force::Mandate)),
    ("resolves", ForceBy::Fixed(Force::Mandate)),
    ("agrees", ForceBy::Fixed(Force::Mandate)),
    ("appoints", ForceBy::Fixed(Force::Mandate)),
    ("adopts", ForceBy::Fixed(Force::Mandate)),
    ("dissolves", ForceBy::Fixed(Force::Mandate)),
    ("terminates", ForceBy::Fixed(Force::Mandate)),
    ("requests", ForceBy::ByAddressee),
    ("asks", ForceBy::ByAddressee),
    ("extends", ForceBy::Extends),
    ("renews", ForceBy::Extends),
    ("urges", ForceBy::Fixed(Force::Call)),
    ("encourages", ForceBy::Fixed(Force::Call)),
    ("invites", ForceBy::Fixed(Force::Call)),
    ("appeals", ForceBy::Fixed(Force::Call)),
    ("recommends", ForceBy::Fixed(Force::Call)),
    ("reminds", ForceBy::Fixed(Force::Call)),
    ("reiterates", ForceBy::ByObject(Force::NoAction)),
    ("reaffirms", ForceBy::ByObject(Force::NoAction)),
    ("welcomes", ForceBy::Fixed(Force::NoAction)),
    ("notes", ForceBy::Fixed(Force::NoAction)),
    ("expresses", ForceBy::Fixed(Force::NoAction)),
    ("condemns", ForceBy::Fixed(Force::NoAction)),
    ("commends", ForceBy::Fixed(Force::NoAction)),
    ("deplores", ForceBy::Fixed(Force::NoAction)),
    ("affirms", ForceBy::Fixed(Force::NoAction)),
    ("determines", ForceBy::Fixed(Force::NoAction)),
    ("emphasizes", ForceBy::Fixed(Force::NoAction)),
    ("emphasises", ForceBy::Fixed(Force::NoAction)),
    ("stresses", ForceBy::Fixed(Force::NoAction)),
    ("underlines", ForceBy::Fixed(Force::NoAction)),
    ("underscores", ForceBy::Fixed(Force::NoAction)),
    ("recognizes", ForceBy::Fixed(Force::NoAction)),
    ("recognises", ForceBy::Fixed(Force::NoAction)),
    ("declares", ForceBy::Fixed(Force::NoAction)),
    ("confirms", ForceBy::Fixed(Force::NoAction)),
    ("considers", ForceBy::Fixed(Force::NoAction)),
    ("supports", ForceBy::Fixed(Force::NoAction)),
    ("regrets", ForceBy::Fixed(Force::NoAction)),
    ("censures", ForceBy::Fixed(Force::NoAction)),
    ("acknowledges", ForceBy::Fixed(Force::NoAction)),
    ("thanks", ForceBy::Fixed(Force::NoAction)),
    ("praises", ForceBy::Fixed(Force::NoAction)),
    ("salutes", ForceBy::Fixed(Force::NoAction)),
    ("recalls", ForceBy::Fixed(Force::NoAction)),
    ("observes", ForceBy::Fixed(Force::NoAction)),
    ("believes", ForceBy::Fixed(Force::NoAction)),
    ("warns", ForceBy::Fixed(Force::NoAction)),
    ("congratulates", ForceBy::Fixed(Force::NoAction)),
    ("deems", ForceBy::Fixed(Force::NoAction)),
    ("wishes", ForceBy::Fixed(Force::NoAction)),
    ("regards", ForceBy::Fixed(Force::NoAction)),
    ("attaches", ForceBy::Fixed(Force::NoAction)),
    ("shares", ForceBy::Fixed(Force::NoAction)),
    ("finds", ForceBy::Fixed(Force::NoAction)),
    ("records", ForceBy::Fixed(Force::NoAction)),
    ("transmits", ForceBy::Fixed(Force::NoAction)),
    ("undertakes", ForceBy::Fixed(Force::NoAction)),
    ("concurs", ForceBy::Fixed(Force::NoAction)),
];

/// Adverbs that may stand before the verb ("Further decides", "Strongly condemns").
const ADVERBS: &[&str] = &[
    "further",
    "also",
    "again",
    "once again",
    "strongly",
    "urgently",
    "hereby",
    "earnestly",
    "firmly",
    "deeply",
    "warmly",
    "fully",
    "solemnly",
    "accordingly",
    "therefore",
    "likewise",
    "equally",
    "finally",
    "resolutely",
    "categorically",
    "particularly",
    "especially",
    "formally",
    "unreservedly",
    "vigorously",
    "emphatically",
    "expressly",
    "in addition",
    "moreover",
    "in this regard",
    "in this connection",
    "in this context",
    "in that regard",
    "unanimously",
    "strenuously",
    "most",
    "most strongly",
    "reluctantly",
    "consequently",
    "thus",
    "now",
    "duly",
    "sincerely",
    "specifically",
];

/// The verbs at which a paragraph is split into further clauses, in lower case, joined by
/// "and", a semicolon or a comma with "further"/"also".
static SECONDARY: LazyLock<Regex> = LazyLock::new(|| {
    let verbs = "calls upon|calls on|calls for|requests|decides|urges|encourages|invites|\
                 demands|authorizes|authorises|welcomes|expresses|condemns|appeals|reaffirms|\
                 takes note|notes|emphasizes|emphasises|stresses|underlines|deplores|commends|\
                 recommends|reiterates|affirms|approves|directs|instructs|declares|insists|\
                 asks|reminds|endorses|establishes|extends|entrusts|requires|agrees|supports";
    let adv = "(?:(?:also|further|again|once again|strongly|urgently|in this regard|in this \
               connection|in this context|moreover|firmly|earnestly|finally)\\s+)*";
    fixed_regex(&format!(
        r"(?:;\s*(?:and\s+)?|,\s*and\s+|\s+and\s+|,\s*(?:further|also|moreover|finally)\s+){adv}\b(?:{verbs})\b(?:\s+(?:of|in|and|made|contained|set|by|for\s+information)\b)?"
    ))
});

/// A second clause joined by a comma alone: one of the verbs that address someone, followed by
/// whom it addresses or by "that"/"to".
static COMMA_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    fixed_regex(
        r",\s*(?:(?:also|further|again|strongly|urgently)\s+)*(?:requests|calls\s+upon|calls\s+on|urges|decides|demands|encourages|invites|authorizes|authorises)\s+(?:the|all|that|to|Member|States|both|each|its|his|her)\b",
    )
});

/// The clauses of a provision. Preambular, header and annex provisions have one `Context`
/// clause over the whole text; operative ones are split at their governing verbs, the spans
/// covering the whole text without gaps.
pub fn classify_clauses(text: &str, part: Part) -> Vec<Clause> {
    if part != Part::Operative {
        return vec![Clause {
            start: 0,
            end: text.len(),
            verb: None,
            force: Force::Context,
            addressee: Addressee::Unspecified,
        }];
    }
    let mut starts = vec![0usize];
    for m in SECONDARY.find_iter(text) {
        // A trailing "of"/"in"… means the verb was a noun ("the requests of"): not a clause.
        let tail = m.as_str().trim_end();
        if tail.ends_with(" of")
            || tail.ends_with(" in")
            || tail.ends_with(" and")
            || tail.ends_with(" made")
            || tail.ends_with(" contained")
            || tail.ends_with(" set")
            || tail.ends_with(" by")
            || tail.ends_with(" information")
        {
            continue;
        }
        // The clause starts at the adverb or verb, after the joining punctuation and "and".
        let s = m.as_str();
        let skip = s.len() - s.trim_start_matches([';', ',', ' ', '\n']).len();
        let mut start = m.start() + skip;
        if text[start..].starts_with("and ") {
            start += 4;
            start += text[start..].len() - text[start..].trim_start().len();
        }
        if start > *starts.last().unwrap_or(&0) {
            starts.push(start);
        }
    }
    // "Condemns the killing of a peacekeeper, requests the Secretary-General to investigate
    // …": a comma alone joins a second clause when an addressing verb follows it with its
    // addressee or infinitive.
    let mut known: std::collections::HashSet<usize> = starts.iter().copied().collect();
    for m in COMMA_CLAUSE.find_iter(text) {
        let s = m.as_str();
        let start = m.start() + (s.len() - s.trim_start_matches([',', ' ', '\n']).len());
        if known.insert(start) {
            starts.push(start);
        }
    }
    starts.sort_unstable();
    let mut out = Vec::with_capacity(starts.len());
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(text.len());
        let (verb, force, addressee) = match leading_verb(&text[start..end]) {
            Some(v) => (Some(v.verb), v.force, v.addressee),
            None => (None, Force::NoAction, first_addressee(&text[start..end])),
        };
        let clause = Clause {
            start,
            end,
            verb,
            force,
            addressee,
        };
        // "Requests the Secretary-General to present options for …": the options are not
        // tasks (rulebook spec, "Options and proposals are not tasks"). The request is read
        // as context, up to a further task joined by "and to …", which keeps its force.
        match options_request(&text[start..end]) {
            Some(len) if force >= Force::Call => {
                let split = start + len;
                out.push(Clause {
                    end: split,
                    force: Force::Context,
                    ..clause.clone()
                });
                if split < end {
                    out.push(Clause {
                        start: split,
                        ..clause
                    });
                }
            }
            _ => out.push(clause),
        }
    }
    out
}

/// A sub-paragraph without a verb of its own takes the verb, force and addressee of the last
/// clause of the paragraph that introduces it; its own subject ("(a) Iraq shall submit…"),
/// if it names one, is its addressee.
pub(super) fn inherit(clauses: &mut [Clause], parent: Option<&Clause>, text: &str) {
    static SUBJECT: LazyLock<Regex> =
        LazyLock::new(|| fixed_regex(r"^([^,;:]{1,100}?)\s(?:shall|should|will|must)\b"));
    let (Some(first), Some(parent)) = (clauses.first_mut(), parent) else {
        return;
    };
    if first.verb.is_some() {
        return;
    }
    first.verb = parent.verb.clone();
    first.force = parent.force;
    first.addressee = SUBJECT
        .captures(text)
        .map(|c| first_addressee(&c[1]))
        .filter(|a| *a != Addressee::Unspecified)
        .unwrap_or(parent.addressee);
}

/// The governing verb found at the start of an operative clause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadingVerb {
    /// The verb as written, with its particle ("Calls upon", "decides").
    pub verb: String,
    /// Its force.
    pub force: Force,
    /// Whom it addresses.
    pub addressee: Addressee,
}

/// The operative verb a clause begins with (after adverbs such as "Further" and stray
/// printing marks), with its force and addressee; `None` when the clause does not begin with
/// a known operative verb ("To receive…", "(a) All States shall…").
pub fn leading_verb(clause: &str) -> Option<LeadingVerb> {
    let body = clause.trim_start_matches(|c: char| !c.is_alphanumeric());
    let mut pos = 0;
    // Skip adverbs, longest first, as often as they come ("Also strongly urges").
    'adverbs: loop {
        let rest = &body[pos..];
        for adv in ADVERBS.iter().rev() {
            if same_first_byte(rest, adv) && starts_with_word(rest, adv) {
                pos += adv.len();
                pos += body[pos..].len() - body[pos..].trim_start_matches([' ', ',']).len();
                continue 'adverbs;
            }
        }
        break;
    }
    let rest = &body[pos..];
    for (verb, rule) in VERBS {
        // Every form tried below begins with the verb's first letter.
        if !same_first_byte(rest, verb) {
            continue;
        }
        // Also the bare form ("Welcome the further report", a misprint found in the corpus)
        // of one-word verbs, when an object follows it as it would a verb: a heading such as
        // "(c) Support to the implementation of the Agreement:" is a noun, not a verb.
        let len = if starts_with_word(rest, verb) {
            verb.len()
        } else if !verb.contains(' ')
            && starts_with_word(rest, &verb[..verb.len() - 1])
            && bare_verb_object(&rest[verb.len() - 1..])
        {
            verb.len() - 1
        } else {
            continue;
        };
        let written = rest[..len].to_string();
        let after = &rest[len..];
        let addressee = addressee_after(verb, after);
        let force = match *rule {
            ForceBy::Fixed(f) => f,
            ForceBy::ByAddressee => match addressee {
                Addressee::States
                | Addressee::Government
                | Addressee::Parties
                | Addressee::Regional => Force::Call,
                _ => Force::Mandate,
            },
            ForceBy::Extends => {
                if word_within(after, &["mandate", "period", "deployment", "presence"], 12) {
                    Force::Mandate
                } else {
                    Force::NoAction
                }
            }
            ForceBy::ByObject(default) => object_force(after, addressee).unwrap_or(default),
        };
        return Some(LeadingVerb {
            verb: written,
            force,
            addressee,
        });
    }
    None
}

/// Whether the words after a bare verb form read as its object ("Welcome *the* report"),
/// rather than as a heading's complement ("Support *to* the implementation").
fn bare_verb_object(after: &str) -> bool {
    let next = after
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    matches!(
        next.to_ascii_lowercase().as_str(),
        "the" | "its" | "his" | "her" | "their" | "all" | "with" | "that" | "further" | "also"
    )
}

/// The force a "Reiterates its demand…"/"Reaffirms its call…" clause takes from its noun.
fn object_force(after: &str, addressee: Addressee) -> Option<Force> {
    let head: String = after
        .split_whitespace()
        .take(4)
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    // "Reaffirms that the Secretary-General is authorized to …" restates a power in the
    // resolution's own words: that is a mandate, not a mere reaffirmation.
    static RESTATED: LazyLock<Regex> = LazyLock::new(|| {
        fixed_regex(
            r"(?i)^\W*that\b[^;:]{0,120}?\b(?:is|are|remains?)\s+(?:hereby\s+|also\s+)?(?:authori[sz]ed|mandated|empowered)\b[^;:]{0,60}?\bto\b",
        )
    });
    // "Reaffirms the obligations of States to implement fully the embargo", "Reaffirms that
    // all States shall …": an obligation restated is a call on those it binds (rulebook
    // spec, conventions: "Reaffirming").
    static DUTY: LazyLock<Regex> = LazyLock::new(|| {
        fixed_regex(
            r"(?i)^\W*(?:the\s+|its\s+)?(?:obligations?|responsibilit(?:y|ies))\b|^\W*that\s+(?:all\s+|other\s+)?(?:Member\s+)?States\s+(?:shall|must|are\s+(?:obliged|required|bound))\b",
        )
    });
    if head.contains("demand") || head.contains("decision that") || RESTATED.is_match(after) {
        Some(Force::Mandate)
    } else if DUTY.is_match(after)
        || head.contains("call")
        || head.contains("appeal")
        || head.contains("urging")
    {
        Some(Force::Call)
    } else if head.contains("request") {
        Some(match addressee {
            Addressee::States
            | Addressee::Government
            | Addressee::Parties
            | Addressee::Regional => Force::Call,
            _ => Force::Mandate,
        })
    } else {
        None
    }
}

/// Whom the verb addresses, from the words that follow it.
fn addressee_after(verb: &str, after: &str) -> Addressee {
    static SEIZED: LazyLock<Regex> = LazyLock::new(|| {
        fixed_regex(
            r"(?i)^\W*(?:to\s+)?(?:remain|keep|continue)\b[^;]{0,60}\b(?:seized|under\s+(?:active\s+|constant\s+|continuous\s+)?review|consideration)",
        )
    });
    if verb == "decides" || verb == "resolves" || verb == "agrees" {
        if SEIZED.is_match(after) {
            return Addressee::Council;
        }
        if let Some(a) = subject_addressee(after) {
            return a;
        }
        // "Decides to establish a committee", "to extend the mandate of UNFICYP".
        return first_addressee(window(after, 160));
    }
    if verb == "demands" || verb == "insists" {
        if let Some(a) = subject_addressee(after) {
            return a;
        }
        let w = window(after, 200);
        // "Demands full respect for … and that all parties … cooperate".
        if let Some(i) = w.find(" that ") {
            if let Some(a) = subject_addressee(&w[i..]) {
                return a;
            }
        }
        return first_addressee(w);
    }
    // "Reiterates its appeal to both parties", "Renews its call upon all States".
    static OBJECT: LazyLock<Regex> = LazyLock::new(|| {
        fixed_regex(
            r"^\s*(?:its|his|the)\s+(?:\w+\s+){0,2}?(?:appeal|call|demand|request|urging)s?\s+(?:to|upon|on|that|for)?\b",
        )
    });
    let after = OBJECT.find(after).map_or(after, |m| &after[m.end()..]);
    // "Approves the dispatch to Liberia … of thirty military observers", "Authorizes the
    // establishment of a police component": the act names whom it concerns after "of".
    static ACT: LazyLock<Regex> = LazyLock::new(|| {
        fixed_regex(
            r"(?i)^\W*the\s+(?:dispatch|despatch|deployment|establishment|enlargement|creation|setting\s+up|sending|expansion)\b",
        )
    });
    if ACT.is_match(after) {
        let a = first_addressee(window(after, 200));
        if a != Addressee::Unspecified {
            return a;
        }
    }
    // Verbs that address someone directly: the noun phrase right after them.
    let np = noun_phrase(after);
    match first_addressee(np) {
        Addressee::Unspecified => {
            if let Some(a) = subject_addressee(after) {
                a
            } else {
                Addressee::Unspecified
            }
        }
        a => a,
    }
}

/// The noun phrase after a verb: up to "to", a semicolon, colon or comma (skipping one
/// leading parenthetical "…, in this context, …").
fn noun_phrase(after: &str) -> &str {
    let mut s = after.trim_start();
    if let Some(rest) = s.strip_prefix(',') {
        if let Some(i) = rest.find(',') {
            s = rest[i + 1..].trim_start();
        }
    }
    for p in ["that ", "upon ", "on "] {
        if let Some(rest) = s.strip_prefix(p) {
            s = rest;
        }
    }
    let w = window(s, 120);
    let mut end = w.len();
    for stop in [" to ", ";", ":", ",", " that ", " for ", " in order"] {
        if let Some(i) = w.find(stop) {
            end = end.min(i);
        }
    }
    &w[..end]
}

/// Whether `s` and `word` begin with the same byte, ASCII case aside: a quick test that
/// `s` cannot begin with `word` (or any prefix of it) when false.
fn same_first_byte(s: &str, word: &str) -> bool {
    match (s.as_bytes().first(), word.as_bytes().first()) {
        (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
        _ => true,
    }
}

/// Whether `s` starts with `word` (ASCII case-insensitive) followed by neither a letter, a
/// digit nor a hyphen.
fn starts_with_word(s: &str, word: &str) -> bool {
    s.len() >= word.len()
        && s.is_char_boundary(word.len())
        && s[..word.len()].eq_ignore_ascii_case(word)
        && !s[word.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '-')
}

/// Whether one of `words` is among the first `n` words of `s`.
fn word_within(s: &str, words: &[&str], n: usize) -> bool {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(n)
        .any(|w| words.iter().any(|x| w.eq_ignore_ascii_case(x)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> (Option<String>, Force, Addressee) {
        let c = &classify_clauses(text, Part::Operative)[0];
        (c.verb.clone(), c.force, c.addressee)
    }

    fn fa(text: &str) -> (Force, Addressee) {
        let (_, f, a) = one(text);
        (f, a)
    }

    #[test]
    fn preambular_text_is_one_context_clause() {
        let c = classify_clauses("Recalling its resolution 2100 (2013),", Part::Preambular);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].force, Force::Context);
        assert_eq!((c[0].start, c[0].end), (0, 37));
        assert_eq!(c[0].addressee, Addressee::Unspecified);
    }

    #[test]
    fn mandates_from_the_corpus() {
        // S/RES/661 (1990) OP3, 866 OP3, 724 OP5, 186 OP4.
        assert_eq!(
            fa("Decides that all States shall prevent: (a) The import into their territories"),
            (Force::Mandate, Addressee::States)
        );
        assert_eq!(
            fa("Decides that UNOMIL shall comprise military observers as well as medical"),
            (Force::Mandate, Addressee::Mission)
        );
        assert_eq!(
            fa("Decides to establish, in accordance with rule 28 of its provisional rules of procedure, a Committee of the Security Council"),
            (Force::Mandate, Addressee::UnBody)
        );
        assert_eq!(
            fa("Requests the Secretary-General to submit a report"),
            (Force::Mandate, Addressee::SecretaryGeneral)
        );
        assert_eq!(
            fa("Decides to extend the mandate of UNFICYP for a further period"),
            (Force::Mandate, Addressee::Mission)
        );
        assert_eq!(
            fa("Demands that Iraq and Kuwait respect the inviolability of the boundary"),
            (Force::Mandate, Addressee::Parties)
        );
        assert_eq!(
            fa("Decides to remain seized of the matter."),
            (Force::Mandate, Addressee::Council)
        );
        // S/RES/856 (1993) OP2: the act's object names the mission.
        assert_eq!(
            fa("Approves the dispatch to Liberia as soon as possible of an advance team of thirty military observers to participate in the work of the Joint Cease-fire Monitoring Committee"),
            (Force::Mandate, Addressee::Mission)
        );
        assert_eq!(
            fa("Authorizes UNOSOM II to arrest those responsible"),
            (Force::Mandate, Addressee::Mission)
        );
        assert_eq!(
            fa("Further decides that the Committee shall report"),
            (Force::Mandate, Addressee::UnBody)
        );
        assert_eq!(
            fa("Demands that the Government of Angola and UNITA cease fire"),
            (Force::Mandate, Addressee::Government)
        );
    }

    #[test]
    fn calls_from_the_corpus() {
        assert_eq!(
            fa("Requests all States to report to the Secretary-General by 15 January 1994"),
            (Force::Call, Addressee::States)
        );
        assert_eq!(
            fa("Calls upon the parties to respect the cease-fire"),
            (Force::Call, Addressee::Parties)
        );
        assert_eq!(
            fa("Calls upon all States, and all international organizations, to act strictly"),
            (Force::Call, Addressee::States)
        );
        assert_eq!(
            fa("Urges Member States to contribute troops"),
            (Force::Call, Addressee::States)
        );
        assert_eq!(
            fa("Encourages ECOWAS to continue its efforts"),
            (Force::Call, Addressee::Regional)
        );
        assert_eq!(
            fa("Invites the Secretary-General to continue his role"),
            (Force::Call, Addressee::SecretaryGeneral)
        );
        assert_eq!(
            fa("Appeals to the Organization of African Unity to assist"),
            (Force::Call, Addressee::Regional)
        );
        assert_eq!(
            fa("Reiterates its appeal to both parties to take all necessary steps"),
            (Force::Call, Addressee::Parties)
        );
        assert_eq!(
            fa("Calls upon the Government of Rwanda to cooperate"),
            (Force::Call, Addressee::Government)
        );
    }

    #[test]
    fn no_action_verbs() {
        let (v, f, _) = one("Welcomes the report of the Secretary-General of 13 September 1993;");
        assert_eq!((v.as_deref(), f), (Some("Welcomes"), Force::NoAction));
        assert_eq!(fa("Condemns all acts of terrorism").0, Force::NoAction);
        assert_eq!(fa("Strongly condemns the attacks").0, Force::NoAction);
        assert_eq!(fa("Takes note of the statements").0, Force::NoAction);
        assert_eq!(fa("Expresses its readiness to consider").0, Force::NoAction);
        assert_eq!(fa("Reaffirms its resolution 814 (1993)").0, Force::NoAction);
        // An obligation restated is a call on those it binds (S/RES/886 (1993) OP11).
        assert_eq!(
            fa("Reaffirms the obligations of States to implement fully the embargo on all deliveries of weapons"),
            (Force::Call, Addressee::States)
        );
        assert_eq!(
            fa("Reaffirms that all States shall comply with the measures"),
            (Force::Call, Addressee::States)
        );
        // A power restated in the paragraph's own words is a mandate (S/RES/837 OP5).
        assert_eq!(
            fa("Reaffirms that the Secretary-General is authorized under resolution 814 (1993) to take all necessary measures against all those responsible"),
            (Force::Mandate, Addressee::SecretaryGeneral)
        );
        assert_eq!(fa("Extends its thanks to the Force").0, Force::NoAction);
        // A misprint in S/RES/864 (1993) OP1.
        assert_eq!(fa("Welcome the further report").0, Force::NoAction);
        // A heading of a modern mandate is no verb: the sub-paragraph inherits its force.
        assert_eq!(
            one("Support to the implementation of the Agreement:").0,
            None
        );
    }

    #[test]
    fn the_verb_is_reported_as_written() {
        assert_eq!(
            one("Calls upon the parties").0.as_deref(),
            Some("Calls upon")
        );
        assert_eq!(
            one("Further requests the Secretary-General").0.as_deref(),
            Some("requests")
        );
        assert_eq!(one("To receive and investigate").0, None);
    }

    #[test]
    fn secondary_verbs_split_clauses() {
        let t = "Welcomes the report of the Secretary-General and calls upon Member States to contribute troops";
        let c = classify_clauses(t, Part::Operative);
        assert_eq!(c.len(), 2);
        assert_eq!((c[0].force, c[1].force), (Force::NoAction, Force::Call));
        assert_eq!(c[1].addressee, Addressee::States);
        assert_eq!(&t[c[1].start..c[1].start + 10], "calls upon");
        assert_eq!((c[0].start, c[0].end, c[1].end), (0, c[1].start, t.len()));

        // S/RES/820 (1993) OP3, OP8.
        let t = "Expresses its grave concern at the refusal so far of the Bosnian Serb party to accept the map, and calls on that party to accept the peace plan in full;";
        let c = classify_clauses(t, Part::Operative);
        assert_eq!(c.len(), 2);
        assert_eq!(
            (c[1].force, c[1].addressee),
            (Force::Call, Addressee::Parties)
        );
        let t = "Declares its readiness to take all the necessary measures, and requests the Secretary-General to submit a report";
        let c = classify_clauses(t, Part::Operative);
        assert_eq!(
            (c[1].force, c[1].addressee),
            (Force::Mandate, Addressee::SecretaryGeneral)
        );

        let t = "Decides to extend the mandate; further decides that the Force shall report; and urges the parties to comply";
        let c = classify_clauses(t, Part::Operative);
        let got: Vec<_> = c.iter().map(|c| (c.force, c.addressee)).collect();
        assert_eq!(
            got,
            vec![
                (Force::Mandate, Addressee::Unspecified),
                (Force::Mandate, Addressee::Mission),
                (Force::Call, Addressee::Parties)
            ]
        );
    }

    #[test]
    fn requests_for_options_give_no_task() {
        // Modern drafts: options are not tasks (rulebook spec, conventions).
        let t = "Requests the Secretary-General to present to the Council, by 30 September 2016, options for:";
        let c = classify_clauses(t, Part::Operative);
        assert_eq!(
            (c.len(), c[0].force, c[0].addressee),
            (1, Force::Context, Addressee::SecretaryGeneral)
        );
        // S/RES/838 (1993) OP1: a report on options.
        assert_eq!(
            fa("Requests the Secretary-General to submit to the Council as soon as possible a further report on options for the deployment of international observers").0,
            Force::Context
        );
        assert_eq!(
            fa("Requests the Secretary-General to explore ways and means to strengthen the Mission's border monitoring").0,
            Force::Context
        );
        // S/RES/812 (1993) OP2: what the United Nations could bring, through a possible force.
        assert_eq!(
            fa("Invites the Secretary-General to examine in consultation with the Organization of African Unity the contribution that the United Nations could bring to strengthen the peace process in Rwanda, in particular through the possible establishment of an international force").0,
            Force::Context
        );
        // An appointee asked for recommendations (S/RES/765 (1992) OP4).
        assert_eq!(
            fa("Invites the Secretary-General to appoint, as a matter of urgency, a Special Representative for South Africa in order to recommend, after, inter alia, discussion with the parties, measures which would assist in creating conditions for negotiations").0,
            Force::Context
        );
        // Options to be included in a report.
        assert_eq!(
            fa("Requests the Secretary-General to include in his first report on UNOMSGG, within six months of the adoption of this resolution, options for:").0,
            Force::Context
        );
        // A task joined to the request keeps its force.
        let t = "Requests the Secretary-General to submit proposals on the police component, and to deploy additional observers to the border";
        let c = classify_clauses(t, Part::Operative);
        assert_eq!(c.len(), 2);
        assert_eq!((c[0].force, c[1].force), (Force::Context, Force::Mandate));
        assert!(t[c[1].start..].starts_with(", and to deploy"));
        assert_eq!(c[1].end, t.len());
        // Tasks and reports are not options.
        assert_eq!(
            fa("Requests the Secretary-General to continue his good offices and to report with recommendations").0,
            Force::Mandate
        );
        assert_eq!(
            fa("Requests the Secretary-General to implement the recommendations contained in his report").0,
            Force::Mandate
        );
    }

    #[test]
    fn a_comma_joins_a_clause_that_addresses_someone() {
        let t = "Condemns the killing of a peacekeeper, requests the Secretary-General to investigate the attacks and to report on those responsible, and calls upon both Governments to bring the perpetrators to justice;";
        let c = classify_clauses(t, Part::Operative);
        let got: Vec<_> = c.iter().map(|c| (c.force, c.addressee)).collect();
        assert_eq!(
            got,
            [
                (Force::NoAction, Addressee::Unspecified),
                (Force::Mandate, Addressee::SecretaryGeneral),
                (Force::Call, Addressee::Government)
            ]
        );
        // Not after a noun: "the requests, demands and appeals of the parties".
        let t = "Takes note of the requests, demands and appeals of the parties";
        assert_eq!(classify_clauses(t, Part::Operative).len(), 1);
    }

    #[test]
    fn nouns_that_look_like_verbs_do_not_split() {
        let t = "Calls again upon all Member States to encourage the Libyan Government to respond to the requests and decisions in resolutions 731 (1992)";
        assert_eq!(classify_clauses(t, Part::Operative).len(), 1);
        let t =
            "Requests the Secretary-General to report on the decisions and requests of the Council";
        assert_eq!(classify_clauses(t, Part::Operative).len(), 1);
    }

    #[test]
    fn never_panics_on_odd_text() {
        for t in [
            "",
            ";",
            "and",
            "é; and requests",
            "Decides that",
            "Requests ,",
        ] {
            let c = classify_clauses(t, Part::Operative);
            assert!(!c.is_empty());
            assert_eq!(c.last().unwrap().end, t.len());
        }
    }
}
