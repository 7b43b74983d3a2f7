//! Where a drafter would put a suggested paragraph: after the operative paragraph on the same
//! subject if the draft has one, else before the closing paragraphs ("Decides to remain
//! seized of the matter"), else at the end of the operative part.
//!
//! Language written as a preambular paragraph ("Expressing grave concern at …") goes at the
//! end of the preamble instead, unnumbered, as a drafter would put it.
//!
//! The paragraph on the same subject is, first, the one holding the rule's own evidence (the
//! operative text that made the rule partial, or that satisfied some of its criteria); else
//! the operative paragraph whose words are closest to the suggested language's, if it shares
//! enough of its rarer words (see [`SUBJECT_WORDS`]). A paragraph is a top-level operative
//! paragraph with all its sub-paragraphs: the suggestion goes after OP3(h), not inside OP3.

use crate::evaluate::RuleAssessment;
use crate::mandate::{leading_verb, Mandate, Part, Provision};
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

/// Why a suggestion goes where it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// After the paragraph holding the rule's evidence (what made it partial).
    Evidence,
    /// After the operative paragraph closest in subject.
    Subject,
    /// Before the closing paragraphs.
    Closing,
    /// At the end of the operative part (or of the draft, when it has none).
    End,
    /// At the end of the preamble: the language is a preambular paragraph.
    Preamble,
}

impl Reason {
    /// The reason in plain words, for the command's summary.
    pub fn describe(self) -> &'static str {
        match self {
            Reason::Evidence => "where the draft already touches on it",
            Reason::Subject => "the paragraph closest in subject",
            Reason::Closing => "before the closing paragraphs",
            Reason::End => "at the end of the operative part",
            Reason::Preamble => "a preambular paragraph, at the end of the preamble",
        }
    }
}

/// Where a new paragraph goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// The top-level provision it follows (or, `before`, precedes): `OP3`, `OP14`.
    pub neighbour: String,
    /// Before the neighbour rather than after it (and after its sub-paragraphs).
    pub before: bool,
    /// Why there.
    pub reason: Reason,
}

impl Placement {
    /// "after OP3" or "before OP14".
    pub fn describe(&self) -> String {
        format!(
            "{} {}",
            if self.before { "before" } else { "after" },
            self.neighbour
        )
    }
}

/// The least number of shared rarer words for an operative paragraph to count as being on
/// the suggestion's subject. Three: one or two shared words ("support", "authorities") are
/// chance in a resolution's vocabulary.
pub const SUBJECT_WORDS: usize = 3;

/// Where `suggested` (the language for `rule`, as the rulebook writes it: placeholders such as
/// `{country}` name no subject) goes in `mandate`; `None` for a draft with no provisions at
/// all.
pub fn place(mandate: &Mandate, rule: &RuleAssessment, suggested: &str) -> Option<Placement> {
    if preambular(suggested) {
        if let Some(last) = mandate
            .provisions
            .iter()
            .rev()
            .find(|p| p.part == Part::Preambular)
        {
            return Some(after(root_of(mandate, &last.id), Reason::Preamble));
        }
    }
    let tops = top_level_operative(mandate);
    if tops.is_empty() {
        // After the last paragraph of the text, not after a closing adoption line or notes.
        let last = mandate
            .provisions
            .iter()
            .rev()
            .find(|p| p.part != Part::Header)
            .or_else(|| mandate.provisions.last())?;
        return Some(Placement {
            neighbour: root_of(mandate, &last.id),
            before: false,
            reason: Reason::End,
        });
    }
    if let Some(id) = by_evidence(mandate, rule) {
        return Some(after(id, Reason::Evidence));
    }
    let closing = closing_start(&tops);
    // Closing paragraphs are not a subject ("remain seized of the matter").
    let body = &tops[..closing.unwrap_or(tops.len())];
    if let Some(id) = by_subject(mandate, body, suggested) {
        return Some(after(id, Reason::Subject));
    }
    if let Some(i) = closing {
        return Some(Placement {
            neighbour: tops[i].id.clone(),
            before: true,
            reason: Reason::Closing,
        });
    }
    let last = tops.last()?;
    Some(after(last.id.clone(), Reason::End))
}

/// Whether suggested language is a preambular paragraph: it opens with a participle
/// ("Expressing", "Recognizing") and no clause of it opens with an operative verb ("…, and
/// demands that …" makes it operative: in the preamble the demand would lose its force).
fn preambular(suggested: &str) -> bool {
    let first = suggested
        .split_whitespace()
        .find(|w| !matches!(*w, "Further" | "Also" | "Strongly" | "Deeply" | "Gravely"))
        .unwrap_or("");
    // -ing words that are not the participles a preambular paragraph opens with.
    const NOT: [&str; 9] = [
        "Anything",
        "Bring",
        "During",
        "Everything",
        "King",
        "Nothing",
        "Notwithstanding",
        "Something",
        "Thing",
    ];
    let participle = first.len() > 4
        && first.ends_with("ing")
        && first.starts_with(|c: char| c.is_uppercase())
        && !NOT.contains(&first);
    let operative = std::iter::once(suggested)
        .chain(
            suggested
                .match_indices(" and ")
                .map(|(i, _)| &suggested[i + 5..]),
        )
        .chain(
            suggested
                .match_indices([',', ';'])
                .map(|(i, _)| &suggested[i + 1..]),
        )
        .any(|clause| leading_verb(clause.trim_start()).is_some());
    participle && !operative
}

fn after(id: String, reason: Reason) -> Placement {
    Placement {
        neighbour: id,
        before: false,
        reason,
    }
}

/// The operative paragraphs that are not sub-paragraphs, in order.
pub fn top_level_operative(mandate: &Mandate) -> Vec<&Provision> {
    mandate
        .provisions
        .iter()
        .filter(|p| p.part == Part::Operative && p.parent.is_none())
        .collect()
}

/// The top-level provision a provision belongs to (itself for a paragraph).
pub fn root_of(mandate: &Mandate, id: &str) -> String {
    let mut id = id.to_string();
    // A parent chain is short; the bound only guards against a cycle.
    for _ in 0..16 {
        match mandate
            .provisions
            .iter()
            .find(|p| p.id == id)
            .and_then(|p| p.parent.clone())
        {
            Some(parent) => id = parent,
            None => break,
        }
    }
    id
}

/// The first and last line (for a Word draft: paragraph) of a top-level provision with all
/// its sub-paragraphs.
pub fn family_lines(mandate: &Mandate, id: &str) -> Option<(u32, u32)> {
    let mut lines: Option<(u32, u32)> = None;
    for p in &mandate.provisions {
        if p.id == id || root_of(mandate, &p.id) == id {
            lines = Some(match lines {
                None => (p.first_line, p.last_line),
                Some((a, b)) => (a.min(p.first_line), b.max(p.last_line)),
            });
        }
    }
    lines
}

/// The top-level operative paragraph holding most of the rule's operative evidence (the
/// evidence its verdict rests on first, else any that satisfied a criterion); the later one
/// on a tie. Negated evidence ("shall not") is no place to add to.
fn by_evidence(mandate: &Mandate, rule: &RuleAssessment) -> Option<String> {
    let pick = |carrying: bool| -> Option<String> {
        let mut counts: BTreeMap<String, (usize, u32)> = BTreeMap::new();
        for c in rule.criteria.iter().filter(|c| c.satisfied) {
            if carrying && !c.carries {
                continue;
            }
            for e in c
                .evidence
                .iter()
                .filter(|e| !e.negated && e.part == Part::Operative)
            {
                let root = root_of(mandate, &e.provision);
                let entry = counts.entry(root).or_insert((0, 0));
                entry.0 += 1;
                entry.1 = entry.1.max(e.line);
            }
        }
        counts
            .into_iter()
            .max_by_key(|(_, (n, line))| (*n, *line))
            .map(|(id, _)| id)
    };
    pick(true).or_else(|| pick(false))
}

/// Closing formulas: the Council stays seized of the matter, or keeps it under review.
static CLOSING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(remains?|continue to be|to be)\s+(actively\s+)?seized\b|\bkeep\s+(the|this)\s+(matter|situation|question)\s+under\s+(\w+\s+)?review\b",
    )
    .unwrap_or_else(|_| unreachable!("a constant pattern"))
});

/// The index of the first of the closing paragraphs that end the operative part, if any.
fn closing_start(tops: &[&Provision]) -> Option<usize> {
    let mut start = None;
    for (i, p) in tops.iter().enumerate().rev() {
        if CLOSING.is_match(&p.text) {
            start = Some(i);
        } else {
            break;
        }
    }
    start
}

/// Words that say nothing of a paragraph's subject: function words and the vocabulary of
/// every resolution.
const COMMON: &[&str] = &[
    "about",
    "above",
    "accordance",
    "also",
    "among",
    "and",
    "appropriate",
    "authorities",
    "calls",
    "continue",
    "council",
    "decides",
    "every",
    "from",
    "full",
    "fully",
    "further",
    "general",
    "give",
    "have",
    "including",
    "into",
    "its",
    "mandate",
    "member",
    "mission",
    "nations",
    "necessary",
    "other",
    "paragraph",
    "particular",
    "present",
    "relevant",
    "report",
    "requests",
    "resolution",
    "secretary",
    "security",
    "shall",
    "states",
    "such",
    "support",
    "that",
    "their",
    "them",
    "these",
    "this",
    "through",
    "united",
    "upon",
    "urges",
    "which",
    "with",
    "within",
    "would",
];

/// The subject words of a text: lower-case words of four letters or more, cut to their
/// first six letters (so "trafficking" and "traffickers" agree), without the common ones.
fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphabetic())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 4 && !COMMON.contains(&w.as_str()))
        .map(|w| w.chars().take(6).collect())
        .collect()
}

/// The top-level operative paragraph (with its sub-paragraphs) that shares the most rarer
/// words with the suggestion — words in at most half the paragraphs — if it shares at least
/// [`SUBJECT_WORDS`]; the earlier one on a tie.
fn by_subject(mandate: &Mandate, tops: &[&Provision], suggested: &str) -> Option<String> {
    if tops.is_empty() {
        return None;
    }
    let wanted = words(suggested);
    let texts: Vec<(String, BTreeSet<String>)> = tops
        .iter()
        .map(|t| {
            let text: Vec<&str> = mandate
                .provisions
                .iter()
                .filter(|p| p.id == t.id || root_of(mandate, &p.id) == t.id)
                .map(|p| p.text.as_str())
                .collect();
            (t.id.clone(), words(&text.join(" ")))
        })
        .collect();
    let df = |w: &String| texts.iter().filter(|(_, ws)| ws.contains(w)).count();
    let rare: BTreeSet<&String> = wanted
        .iter()
        .filter(|w| df(w) * 2 <= texts.len().max(2))
        .collect();
    let mut best: Option<(usize, &String)> = None;
    for (id, ws) in &texts {
        let shared = rare.iter().filter(|w| ws.contains(**w)).count();
        if shared >= SUBJECT_WORDS && best.is_none_or(|(n, _)| shared > n) {
            best = Some((shared, id));
        }
    }
    best.map(|(_, id)| id.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluate::{CriterionResult, Evidence};
    use crate::mandate::{read_text, Addressee, Force, SourceFormat};
    use crate::vocab::Verdict;

    const DRAFT: &str = "The Security Council,\n\nRecalling its resolutions,\n\n\
        1. Decides that the mission shall monitor the cease-fire;\n\n\
        2. Requests the mission to assist in the demobilization of combatants, including:\n\n\
        (a) the cantonment of combatants;\n\n\
        (b) the collection of weapons;\n\n\
        3. Urges Member States to contribute troops;\n\n\
        4. Decides to remain actively seized of the matter.\n";

    fn draft() -> Mandate {
        read_text("d.txt", DRAFT, SourceFormat::Text)
    }

    fn rule(evidence: &[(&str, bool)]) -> RuleAssessment {
        RuleAssessment {
            id: "r".into(),
            verdict: Verdict::Partial,
            score: 0.5,
            weight: 1.0,
            criteria: vec![CriterionResult {
                id: "c".into(),
                satisfied: !evidence.is_empty(),
                carries: true,
                force: None,
                evidence: evidence
                    .iter()
                    .map(|(id, negated)| Evidence {
                        provision: id.to_string(),
                        part: Part::Operative,
                        line: 1,
                        page: None,
                        lines: (1, 1),
                        excerpt: String::new(),
                        matched: String::new(),
                        force: Force::Mandate,
                        addressee: Addressee::Mission,
                        negated: *negated,
                    })
                    .collect(),
            }],
        }
    }

    #[test]
    fn evidence_in_a_sub_paragraph_places_it_after_the_whole_paragraph() {
        let m = draft();
        let p = place(&m, &rule(&[("OP2(b)", false)]), "Anything at all").unwrap();
        assert_eq!(p.describe(), "after OP2");
        assert_eq!(p.reason, Reason::Evidence);
        let (first, last) = family_lines(&m, "OP2").unwrap();
        let b = m.provisions.iter().find(|p| p.id == "OP2(b)").unwrap();
        assert!(first < b.first_line && last == b.last_line);
    }

    #[test]
    fn without_evidence_the_paragraph_on_the_subject_then_the_closing_one() {
        let m = draft();
        let none = rule(&[]);
        let p = place(
            &m,
            &none,
            "Requests the mission to support the cantonment, demobilization and reintegration of combatants and the collection of weapons",
        )
        .unwrap();
        assert_eq!(
            (p.describe(), p.reason),
            ("after OP2".into(), Reason::Subject)
        );
        let p = place(
            &m,
            &none,
            "Requests the Secretary-General to establish a group of experts on organized crime",
        )
        .unwrap();
        assert_eq!(
            (p.describe(), p.reason),
            ("before OP4".into(), Reason::Closing)
        );
        // Negated evidence is no place to add to.
        let p = place(&m, &rule(&[("OP1", true)]), "a group of experts").unwrap();
        assert_eq!(p.reason, Reason::Closing);
    }

    #[test]
    fn a_preambular_paragraph_goes_at_the_end_of_the_preamble() {
        let m = draft();
        let p = place(
            &m,
            &rule(&[]),
            "Expressing grave concern at the links between armed groups and crime,",
        )
        .unwrap();
        assert_eq!(
            (p.describe(), p.reason),
            ("after PP1".into(), Reason::Preamble)
        );
        assert!(!preambular("Requests the mission to report"));
        assert!(!preambular(
            "Expressing grave concern at the links, and demands that all armed groups sever ties"
        ));
        assert!(!preambular("Bring"));
    }

    #[test]
    fn without_a_closing_paragraph_it_goes_at_the_end_of_the_operative_part() {
        let text = DRAFT.replace("4. Decides to remain actively seized of the matter.\n", "");
        let m = read_text("d.txt", &text, SourceFormat::Text);
        let p = place(&m, &rule(&[]), "a group of experts").unwrap();
        assert_eq!((p.describe(), p.reason), ("after OP3".into(), Reason::End));
        let preamble = read_text("p.txt", "Recalling its resolutions,\n", SourceFormat::Text);
        let p = place(&preamble, &rule(&[]), "x").unwrap();
        assert_eq!(p.reason, Reason::End);
    }
}
