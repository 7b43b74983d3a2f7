//! The evaluator: for each rule, each criterion looks for its phrases in the provisions it may
//! read (part), keeps the matches whose clause has the force and addressee it needs and that
//! no exclusion voids, sets aside the matches the text denies (negation) as evidence of the
//! gap, and the rule's verdict expressions turn the satisfied criteria into met / partial /
//! missing. Pure: the same rulebook and mandate give the same assessment, byte for byte.
//!
//! Speed comes from looking only where a phrase can be: each provision is scanned once by the
//! rulebook's [`Matcher`], and a phrase's own regex runs only on the provisions where its
//! pattern may match; a criterion none of whose anchoring phrases may match in a provision
//! costs nothing there. The judgement itself is the one the [`reference`](super::reference)
//! evaluator makes, and tests hold the two to identical assessments.

use super::model::{Assessment, CriterionResult, Evidence, RuleAssessment};
use super::negation::find_negation;
use super::scan::{Candidates, Matcher};
use super::spans::{excerpt, sentence_spans, task_segment, task_starts, words_between};
use crate::mandate::{paragraph_of, Clause, Force, Mandate, Part, Provision};
use crate::rulebook::phrase::{Phrase, Script};
use crate::rulebook::{Criterion, Rule, Rulebook, Within};
use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

/// Evaluates a mandate against every rule of a rulebook. The rulebook's matcher is compiled
/// on first use and kept for the process ([`Matcher::cached`]).
pub fn evaluate(rulebook: &Rulebook, mandate: &Mandate) -> Assessment {
    evaluate_with(&Matcher::cached(rulebook), rulebook, mandate)
}

/// Evaluates a mandate with a matcher compiled beforehand ([`Matcher::for_rulebook`]). A
/// matcher made for another rulebook gives the same assessment, only slower: a phrase it does
/// not know is looked for everywhere.
pub fn evaluate_with(matcher: &Matcher, rulebook: &Rulebook, mandate: &Mandate) -> Assessment {
    let doc = Document::new(Some(matcher), mandate);
    let rules: Vec<RuleAssessment> = rulebook.rules.iter().map(|r| rule(&doc, r)).collect();
    let score = Assessment::weighted_score(rules.iter().map(|r| (r.weight, r.score)));
    Assessment {
        path: mandate.path.clone(),
        title: mandate.title.clone(),
        rulebook: rulebook.id.clone(),
        score,
        rules,
    }
}

/// Evaluates one rule (every phrase looked for everywhere: for short texts such as a rule's
/// examples, compiling a matcher would cost more than it saves).
pub fn evaluate_rule(r: &Rule, mandate: &Mandate) -> RuleAssessment {
    rule(&Document::new(None, mandate), r)
}

/// Evaluates one criterion: its evidence for, then its evidence against.
pub fn evaluate_criterion(c: &Criterion, mandate: &Mandate) -> CriterionResult {
    criterion(&Document::new(None, mandate), c)
}

/// A pattern's matches in one text, shared between the criteria that look for it.
type Matches = Rc<[Range<usize>]>;

/// Where a span's coordinated tasks begin, by (provision, span start, span end).
type TaskStarts = HashMap<(usize, usize, usize), Rc<[usize]>>;

/// A mandate prepared for evaluation: what each provision may match, and the provisions'
/// family ties, worked out once rather than once per criterion.
struct Document<'a> {
    mandate: &'a Mandate,
    matcher: Option<&'a Matcher>,
    /// Per provision, the patterns that may match in its text.
    candidates: Vec<Candidates>,
    /// Per provision, which of a phrase's regexes may search its text (and any part of it).
    scripts: Vec<Script>,
    /// Per provision, the provisions that introduce it, nearest first.
    ancestors: Vec<Vec<usize>>,
    /// Per provision, the provisions of its numbered paragraph, in document order.
    family: Vec<usize>,
    /// The members of each family, in document order.
    families: Vec<Vec<usize>>,
    /// A pattern's matches in a provision's whole text, by (slot, provision), found once.
    matches: RefCell<HashMap<(usize, usize), Matches>>,
    /// Where the coordinated tasks of a span of provision `i` begin, by (i, span), found once
    /// for all the criteria whose exclusions look there.
    tasks: RefCell<TaskStarts>,
    /// Per provision, whether its clauses are in text order and apart (as the readers make
    /// them), so that the clause holding an offset can be found by binary search.
    ordered: Vec<bool>,
}

impl<'a> Document<'a> {
    fn new(matcher: Option<&'a Matcher>, mandate: &'a Mandate) -> Self {
        let provisions = &mandate.provisions;
        let candidates = match matcher {
            Some(m) => provisions.iter().map(|p| m.scan(&p.text)).collect(),
            None => vec![Candidates::all(); provisions.len()],
        };
        let scripts = provisions.iter().map(|p| Script::of(&p.text)).collect();
        let mut first: HashMap<&str, usize> = HashMap::new();
        let mut root_family: HashMap<&str, usize> = HashMap::new();
        let mut families: Vec<Vec<usize>> = Vec::new();
        let mut family = Vec::with_capacity(provisions.len());
        for (i, p) in provisions.iter().enumerate() {
            first.entry(p.id.as_str()).or_insert(i);
            let f = *root_family.entry(paragraph_of(&p.id)).or_insert_with(|| {
                families.push(Vec::new());
                families.len() - 1
            });
            families[f].push(i);
            family.push(f);
        }
        let ancestors = provisions
            .iter()
            .map(|p| {
                // The parent chain, stopping at an unknown id or at a provision already on it.
                let mut out: Vec<usize> = Vec::new();
                let mut parent = p.parent.as_deref();
                while let Some(id) = parent {
                    match first.get(id) {
                        Some(&q) if !out.iter().any(|&o| provisions[o].id == provisions[q].id) => {
                            out.push(q);
                            parent = provisions[q].parent.as_deref();
                        }
                        _ => break,
                    }
                }
                out
            })
            .collect();
        let ordered = provisions
            .iter()
            .map(|p| {
                p.clauses
                    .windows(2)
                    .all(|w| w[0].start < w[1].start && reach(&w[0]) <= w[1].start)
            })
            .collect();
        Document {
            mandate,
            matcher,
            candidates,
            scripts,
            ancestors,
            family,
            families,
            matches: RefCell::default(),
            tasks: RefCell::default(),
            ordered,
        }
    }

    /// The clause of provision `i` that holds byte `offset`: [`Provision::clause_at`], by
    /// binary search when the clauses are in order (only one can then hold the offset: the
    /// last that starts at or before it).
    fn clause_at(&self, i: usize, offset: usize) -> Option<&'a Clause> {
        let p = &self.mandate.provisions[i];
        if !self.ordered[i] {
            return p.clause_at(offset);
        }
        let after = p.clauses.partition_point(|c| c.start <= offset);
        after
            .checked_sub(1)
            .and_then(|j| p.clauses.get(j))
            .filter(|c| offset < reach(c))
            .or_else(|| p.clauses.last())
    }

    /// The slot of a phrase in the matcher (`None`: look for it everywhere).
    fn slot(&self, ph: &Phrase) -> Option<usize> {
        self.matcher.and_then(|m| m.slot_of(ph))
    }

    /// Whether the phrase in `slot` may match in provision `i`.
    fn may(&self, i: usize, slot: Option<usize>) -> bool {
        self.candidates[i].may_match(slot)
    }

    /// The matches of the pattern in `slot` in provision `i`'s whole text (`find_iter`).
    fn all_matches(&self, ph: &Phrase, slot: usize, i: usize) -> Matches {
        if let Some(m) = self.matches.borrow().get(&(slot, i)) {
            return Rc::clone(m);
        }
        let text = self.mandate.provisions[i].text.as_str();
        let regex = ph.regex.get(self.scripts[i]);
        let starts = self
            .matcher
            .filter(|m| !m.may_be_empty(slot))
            .and_then(|m| m.starts(&self.candidates[i], slot, text))
            .filter(|s| s.len() <= ANCHORED_SEARCHES);
        let found: Matches = match starts {
            Some(starts) => matches_at(regex, text, &starts).into(),
            None => regex.find_iter(text).map(|m| m.range()).collect(),
        };
        self.matches
            .borrow_mut()
            .insert((slot, i), Rc::clone(&found));
        found
    }

    /// Where the coordinated tasks of `span` in provision `i` begin ([`task_starts`]).
    fn task_starts(&self, i: usize, span: &Range<usize>) -> Rc<[usize]> {
        let key = (i, span.start, span.end);
        if let Some(t) = self.tasks.borrow().get(&key) {
            return Rc::clone(t);
        }
        let found: Rc<[usize]> = task_starts(&self.mandate.provisions[i].text, span).into();
        self.tasks.borrow_mut().insert(key, Rc::clone(&found));
        found
    }

    /// Whether a phrase matches anywhere in provision `i`'s text (`is_match`).
    fn is_match(&self, ph: &Phrase, slot: Option<usize>, i: usize) -> bool {
        if !self.may(i, slot) {
            return false;
        }
        match slot {
            Some(s) => !self.all_matches(ph, s, i).is_empty(),
            None => ph
                .regex
                .get(self.scripts[i])
                .is_match(&self.mandate.provisions[i].text),
        }
    }

    /// The matches of a phrase in a span of provision `i`, exactly as the plain search gives
    /// them: `find_iter` over the text cut at the span's end, keeping those that start in the
    /// span. They are taken from the matches in the whole text when cutting cannot change
    /// them, and searched for afresh when it can.
    fn matches_in(
        &self,
        ph: &Phrase,
        slot: Option<usize>,
        i: usize,
        span: &Range<usize>,
    ) -> Vec<Range<usize>> {
        if !self.may(i, slot) {
            return Vec::new();
        }
        let text = self.mandate.provisions[i].text.as_str();
        if let (Some(s), Some(m)) = (slot, self.matcher) {
            if !m.may_be_empty(s) {
                let all = self.all_matches(ph, s, i);
                if cut_changes_nothing(text, span.end, &all) {
                    return within(&all, span).to_vec();
                }
            }
        }
        ph.regex
            .get(self.scripts[i])
            .find_iter(&text[..span.end])
            .filter(|m| m.start() >= span.start)
            .map(|m| m.range())
            .collect()
    }
}

/// The most places a pattern's matches may begin in a text for them to be found by a search
/// anchored at each ([`matches_at`]) rather than by one search through the text: each
/// anchored search may read to the end of the text, so a text read at most this many times
/// keeps the cost linear in its length.
const ANCHORED_SEARCHES: usize = 8;

/// The matches `find_iter` finds in `text`, for a regex whose matches are never empty and
/// each begin at one of `starts` (in order): the first match is the one at the first start
/// where an anchored search matches (leftmost-first: a match beginning there is the one an
/// unanchored search finds), and the search goes on from its end. Each search reads only as
/// far as a match from its start could reach, where `find_iter` reads through the text for
/// every match and then back to its start; a Unicode regex, which falls back from its lazy
/// DFA past a non-ASCII letter, explores only from the start. Over the 902 resolutions this
/// halves the time spent searching.
fn matches_at(
    regex: &regex_automata::meta::Regex,
    text: &str,
    starts: &[usize],
) -> Vec<Range<usize>> {
    use regex_automata::{Anchored, Input};
    let mut out = Vec::new();
    let mut from = 0;
    for &at in starts {
        if at < from {
            continue;
        }
        let input = Input::new(text).range(at..).anchored(Anchored::Yes);
        if let Some(m) = regex.search(&input) {
            from = m.end();
            out.push(m.range());
        }
    }
    out
}

/// Where a clause stops holding offsets, as [`Provision::clause_at`] reads it: an empty
/// clause holds its start.
fn reach(c: &Clause) -> usize {
    c.end.max(c.start + 1)
}

/// Whether a search in `text[..end]` finds exactly the matches of the whole text that end by
/// `end`, for a pattern that cannot match the empty string and whose only assertions are word
/// boundaries (the matcher's patterns). True at the end of the text; elsewhere when no match
/// crosses `end` and the character at `end` is not a word character (so a word boundary at
/// `end` reads the same with or without what follows).
fn cut_changes_nothing(text: &str, end: usize, all: &[Range<usize>]) -> bool {
    if end >= text.len() {
        return true;
    }
    let next_is_word = text[end..]
        .chars()
        .next()
        .is_some_and(regex_syntax::is_word_character);
    // The matches do not overlap and are in text order, so their ends are too: the only one
    // that can cross `end` is the first that ends after it.
    let first_after = all.partition_point(|r| r.end <= end);
    !next_is_word && all.get(first_after).is_none_or(|r| r.start >= end)
}

/// The matches of `all` (a search's matches in the whole text: in text order, not
/// overlapping, none empty) that lie within `span`, found by binary search.
fn within<'m>(all: &'m [Range<usize>], span: &Range<usize>) -> &'m [Range<usize>] {
    let from = all.partition_point(|r| r.start < span.start);
    let to = all.partition_point(|r| r.end <= span.end);
    all.get(from..to.max(from)).unwrap_or(&[])
}

fn rule(doc: &Document, rule: &Rule) -> RuleAssessment {
    RuleAssessment::judge(
        rule,
        rule.criteria.iter().map(|c| criterion(doc, c)).collect(),
    )
}

/// A criterion's phrases with their slots in the matcher, looked up once per document.
struct Keyed<'c> {
    /// The phrases whose matches anchor evidence: `any`, or else the first `all` group.
    anchors: Vec<(&'c Phrase, Option<usize>)>,
    /// The `all` groups that must stand with an anchor (the first is skipped when it anchors).
    groups: Vec<Vec<(&'c Phrase, Option<usize>)>>,
    /// The exclusions.
    exclude: Vec<(&'c Phrase, Option<usize>)>,
}

impl<'c> Keyed<'c> {
    fn new(doc: &Document, c: &'c Criterion) -> Self {
        let key = |ph: &'c Phrase| (ph, doc.slot(ph));
        let anchors: &[Phrase] = if c.any.is_empty() {
            c.all.first().map_or(&[], Vec::as_slice)
        } else {
            &c.any
        };
        Keyed {
            anchors: anchors.iter().map(key).collect(),
            groups: c
                .all
                .iter()
                .skip(usize::from(c.any.is_empty()))
                .map(|g| g.iter().map(key).collect())
                .collect(),
            exclude: c.exclude.iter().map(key).collect(),
        }
    }
}

fn criterion(doc: &Document, c: &Criterion) -> CriterionResult {
    let mandate = doc.mandate;
    let mut found: Vec<Evidence> = Vec::new();
    let mut denied: Vec<Evidence> = Vec::new();
    if let Some(path) = &c.fact {
        if let Some(fact) = mandate.facts.get(path) {
            let line = fact.line.unwrap_or(1);
            let ev = Evidence {
                provision: format!("fact:{path}"),
                part: Part::Operative,
                line,
                page: None,
                lines: (line, line),
                excerpt: format!("{path}: {}", fact_text(&fact.value)),
                matched: path.clone(),
                force: Force::Mandate,
                addressee: crate::mandate::Addressee::Mission,
                negated: !fact.value.is_truthy(),
            };
            if ev.negated {
                denied.push(ev);
            } else {
                found.push(ev);
            }
        }
    }
    if c.has_phrases() {
        let keyed = Keyed::new(doc, c);
        for (i, p) in mandate.provisions.iter().enumerate() {
            if !c.parts.contains(&p.part) {
                continue;
            }
            // Without a possible anchor there is no evidence here, in any span.
            if !keyed.anchors.iter().any(|&(_, s)| doc.may(i, s)) {
                continue;
            }
            match provision_evidence(doc, c, &keyed, i) {
                Some(ev) if ev.negated => denied.push(ev),
                Some(ev) => found.push(ev),
                None => {}
            }
        }
    }
    // A PDF draft's evidence also names the page it was printed on.
    for ev in found.iter_mut().chain(denied.iter_mut()) {
        ev.page = mandate.page_of(ev.line);
    }
    let force = found.iter().map(|e| e.force).max();
    let satisfied = !found.is_empty();
    found.extend(denied);
    CriterionResult {
        id: c.id.clone(),
        satisfied,
        carries: false,
        force,
        evidence: found,
    }
}

fn fact_text(v: &crate::mandate::FactValue) -> String {
    match v {
        crate::mandate::FactValue::Bool(b) => b.to_string(),
        crate::mandate::FactValue::Number(n) => n.to_string(),
        crate::mandate::FactValue::Text(t) => t.clone(),
    }
}

/// The best evidence provision `i` gives for a criterion: the first match that qualifies, or,
/// failing that, the first qualifying match that the text denies.
fn provision_evidence(doc: &Document, c: &Criterion, k: &Keyed, i: usize) -> Option<Evidence> {
    let p = &doc.mandate.provisions[i];
    let text = p.text.as_str();
    // A numbered paragraph is read whole when the criterion asks for it.
    let family: &[usize] = if c.within == Within::Paragraph {
        &doc.families[doc.family[i]]
    } else {
        &[]
    };
    let mut denied: Option<Evidence> = None;
    // Whether the paragraph holds every group: the same for every anchor, found once.
    let mut in_paragraph: Option<bool> = None;
    let may_exclude = k.exclude.iter().any(|&(_, s)| doc.may(i, s));
    for span in spans(c.within, p) {
        // An exclusion voids the matches of the task it stands in; the tasks are found when
        // an exclusion may match here and there is a match to judge.
        let mut starts: Option<Rc<[usize]>> = None;
        // The groups' matches in the span, found once for all its anchors.
        let mut near: Option<Vec<Vec<Vec<Range<usize>>>>> = None;
        for anchor in anchors(doc, k, i, &span) {
            if may_exclude {
                let starts = starts.get_or_insert_with(|| doc.task_starts(i, &span));
                let task = task_segment(starts, &span, anchor.start);
                if k.exclude.iter().any(|&(x, s)| {
                    doc.may(i, s)
                        && x.find_in(text, task.start, task.end, doc.scripts[i])
                            .is_some()
                }) {
                    continue;
                }
            }
            let together = if family.is_empty() {
                let near = near.get_or_insert_with(|| group_matches(doc, k, i, &span));
                all_groups_near(doc, c, k, i, near, &anchor)
            } else {
                *in_paragraph.get_or_insert_with(|| all_groups_in_paragraph(doc, k, family))
            };
            if !together {
                continue;
            }
            let Some(clause) = doc.clause_at(i, anchor.start) else {
                continue;
            };
            if clause.force < c.force {
                continue;
            }
            if !c.addressees.is_empty() && !c.addressees.contains(&clause.addressee) {
                continue;
            }
            // Negation is looked for in the clause, within the span.
            let scope = clause.start.max(span.start)..clause.end.min(span.end).max(anchor.end);
            let negated = find_negation(text, scope, anchor.clone()).is_some();
            if negated && denied.is_some() {
                // Only the first denied match is kept.
                continue;
            }
            let ev = Evidence {
                provision: p.id.clone(),
                part: p.part,
                line: p.line_at(anchor.start),
                page: None,
                lines: (p.first_line, p.last_line),
                excerpt: excerpt(text, anchor.clone()),
                matched: text[anchor.clone()].to_string(),
                force: clause.force,
                addressee: clause.addressee,
                negated,
            };
            if !negated {
                return Some(ev);
            }
            denied.get_or_insert(ev);
        }
    }
    denied
}

/// Whether every `all` group has a match somewhere in the paragraph's provisions.
fn all_groups_in_paragraph(doc: &Document, k: &Keyed, family: &[usize]) -> bool {
    k.groups.iter().all(|group| {
        group
            .iter()
            .any(|&(ph, s)| family.iter().any(|&q| doc.is_match(ph, s, q)))
    })
}

/// The spans within which a criterion's phrases must stand together.
fn spans(within: Within, p: &Provision) -> Vec<Range<usize>> {
    match within {
        Within::Provision | Within::Paragraph => std::iter::once(0..p.text.len()).collect(),
        Within::Sentence => sentence_spans(&p.text),
        Within::Clause => {
            let v: Vec<Range<usize>> = p.clauses.iter().map(|c| c.start..c.end).collect();
            if v.is_empty() {
                std::iter::once(0..p.text.len()).collect()
            } else {
                v
            }
        }
    }
}

/// The matches that anchor evidence in a span of provision `i`, in text order, one per start.
fn anchors(doc: &Document, k: &Keyed, i: usize, span: &Range<usize>) -> Vec<Range<usize>> {
    let mut hits: Vec<Range<usize>> = Vec::new();
    for &(ph, s) in &k.anchors {
        hits.extend(doc.matches_in(ph, s, i, span));
    }
    hits.sort_by_key(|r| (r.start, r.end));
    hits.dedup_by_key(|r| r.start);
    hits
}

/// The matches of every phrase of every `all` group in a span of provision `i`, by group and
/// phrase, each list in text order.
fn group_matches(
    doc: &Document,
    k: &Keyed,
    i: usize,
    span: &Range<usize>,
) -> Vec<Vec<Vec<Range<usize>>>> {
    k.groups
        .iter()
        .map(|group| {
            group
                .iter()
                .map(|&(ph, s)| doc.matches_in(ph, s, i, span))
                .collect()
        })
        .collect()
}

/// Whether every `all` group has a match in the span (within `near` words of the anchor when
/// set), given the groups' matches in the span ([`group_matches`]). When `any` is empty the
/// first group is the anchor's own.
fn all_groups_near(
    doc: &Document,
    c: &Criterion,
    k: &Keyed,
    i: usize,
    near: &[Vec<Vec<Range<usize>>>],
    anchor: &Range<usize>,
) -> bool {
    let text = doc.mandate.provisions[i].text.as_str();
    k.groups.iter().zip(near).all(|(group, found)| {
        group.iter().zip(found).any(|(&(ph, s), found)| {
            let close = match c.near {
                None => !found.is_empty(),
                Some(n) => {
                    nearest(found, anchor).any(|m| words_between(text, anchor, m) <= n as usize)
                }
            };
            close
                // A sub-paragraph reads on from the words that introduce it, however far
                // they stand: "(b) To support…: (i) the political dialogue" supports the
                // dialogue.
                || doc.ancestors[i].iter().any(|&a| doc.is_match(ph, s, a))
        })
    })
}

/// The matches of `found` (in text order, not overlapping) nearest to `anchor` on each side:
/// the last that starts before it and the first that starts at or after it. The words between
/// the anchor and a match only grow with the distance between them, so if any match of
/// `found` stands within some number of words of the anchor, one of these two does.
fn nearest<'m>(
    found: &'m [Range<usize>],
    anchor: &Range<usize>,
) -> impl Iterator<Item = &'m Range<usize>> {
    let after = found.partition_point(|m| m.start < anchor.start);
    after
        .checked_sub(1)
        .and_then(|b| found.get(b))
        .into_iter()
        .chain(found.get(after))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluate::Verdict;
    use crate::mandate::{read_text, SourceFormat};
    use crate::rulebook::parse_rulebook;

    fn book(criteria: &str, verdict: &str) -> Rulebook {
        let text = format!(
            r#"
id: t
title: T
source: {{author: A, title: T, publisher: P, date: "2015"}}
rules:
  - id: r
    title: R
    weight: 1
    recommendation: x
    rationale: x
    quote: x
    suggested: x
    criteria:
{criteria}
    verdict:
{verdict}
"#
        );
        parse_rulebook("t.yaml", &text).unwrap()
    }

    fn verdict(rb: &Rulebook, draft: &str) -> Verdict {
        let m = read_text("d.md", draft, SourceFormat::Markdown);
        evaluate(rb, &m).rules[0].verdict
    }

    #[test]
    fn force_and_addressee_decide_between_met_and_partial() {
        let rb = book(
            r#"      - id: task
        means: a UN task
        any: ["organi[sz]ed crime"]
        force: mandate
        addressee: [un]
      - id: call
        means: a call on States
        any: ["organised crime"]
        force: call
        addressee: [states]"#,
            "      met: task\n      partial: call",
        );
        assert_eq!(
            verdict(&rb, "1. Decides that MINUSMA shall combat organized crime;"),
            Verdict::Met
        );
        assert_eq!(
            verdict(
                &rb,
                "1. Calls upon Member States to combat organised crime;"
            ),
            Verdict::Partial
        );
        assert_eq!(
            verdict(
                &rb,
                "Concerned by organized crime,\n\n1. Welcomes the report;"
            ),
            Verdict::Missing
        );
    }

    #[test]
    fn negated_evidence_counts_against() {
        let rb = book(
            r#"      - id: arrest
        means: arrest powers
        any: ["arrest"]"#,
            "      met: arrest",
        );
        let m = read_text(
            "d.md",
            "1. Decides that the mission's police have no authority to arrest suspects;",
            SourceFormat::Markdown,
        );
        let a = evaluate(&rb, &m);
        assert_eq!(a.rules[0].verdict, Verdict::Missing);
        assert!(a.rules[0].criteria[0].evidence[0].negated);
    }

    #[test]
    fn all_groups_must_stand_near_each_other() {
        let rb = book(
            r#"      - id: x
        means: experts investigating trafficking
        all: [["experts?"], ["traffick\\w*"]]
        near: 8"#,
            "      met: x",
        );
        assert_eq!(
            verdict(
                &rb,
                "1. Decides to establish a group of experts on arms trafficking;"
            ),
            Verdict::Met
        );
        assert_eq!(
            verdict(
                &rb,
                "1. Decides to establish a group of experts to look at many things, among them, at some later stage and in due course, trafficking;"
            ),
            Verdict::Missing
        );
    }

    #[test]
    fn a_sub_paragraph_reads_on_from_its_introduction() {
        let rb = book(
            r#"      - id: x
        means: support to the dialogue
        all: [["political dialogue"], ["support"]]
        within: sentence"#,
            "      met: x",
        );
        let draft = "1. Decides that the Mission shall have the following mandate:\n\n(a) To support the transition, in particular:\n\n(i) The political dialogue;\n";
        let m = read_text("d.md", draft, SourceFormat::Markdown);
        let a = evaluate(&rb, &m);
        assert_eq!(a.rules[0].verdict, Verdict::Met);
        assert_eq!(a.rules[0].criteria[0].evidence[0].provision, "OP1(a)(i)");
    }

    #[test]
    fn scores_are_weighted_and_deterministic() {
        let rb = book(
            r#"      - id: x
        means: x
        any: ["borders?"]"#,
            "      met: x",
        );
        let m = read_text(
            "d.md",
            "1. Decides to monitor the border;",
            SourceFormat::Markdown,
        );
        let a = evaluate(&rb, &m);
        assert_eq!(a.score, 100.0);
        assert_eq!(a, evaluate(&rb, &m));
    }

    /// Searches anchored where the scan says a match may begin find what one search through
    /// the text finds: adjacent and overlapping candidates, a start inside a word, accented
    /// text (the Unicode regex), a start that begins no match.
    #[test]
    fn anchored_searches_find_what_find_iter_finds() {
        let patterns = [
            "(?i)\\b(?:arms[\\s\\-]+embargo\\w*)\\b",
            "(?i)\\b(?:(ceas\\w*|end\\w*)[\\s\\-]+[^;.:]{0,30}(support|ties))\\b",
            "(?i)(?:border|borderline)s?",
            "(?i)\\b(?:d[ée]cid\\w*)",
            // A short start searched late, and one needing a later part's literal.
            "(?i)\\b(?:to[\\s\\-]+justice)\\b",
            "(?i)\\b(?:provid\\w*[^;.:]{0,30}logistic\\w*)",
        ];
        let texts = [
            "arms embargo arms embargoes; the arms  embargo",
            "Calls to end all support, ends ties; ending support to the ceasefire ties",
            "borderlines and borders, borderborder",
            "Décide, décidé et decides; undecided",
            "nothing here; arms, embargo",
            "bring to justice, toto justice and to  Justice; provide logistics, providing no logistic",
        ];
        let matcher = Matcher::new(patterns);
        for pattern in patterns {
            let phrase = Phrase::compile(pattern).unwrap();
            let slot = matcher.slot(pattern).unwrap();
            for text in texts {
                let candidates = matcher.scan(text);
                let regex = phrase.regex.get(Script::of(text));
                let all: Vec<Range<usize>> = regex.find_iter(text).map(|m| m.range()).collect();
                match matcher.starts(&candidates, slot, text) {
                    Some(starts) => assert_eq!(
                        matches_at(regex, text, &starts),
                        all,
                        "{pattern} in {text:?}"
                    ),
                    None => panic!("{pattern} has start literals"),
                };
            }
        }
    }

    #[test]
    fn matches_within_a_span_by_binary_search() {
        let all = [0..3, 5..8, 10..14, 20..25];
        assert_eq!(within(&all, &(0..30)), &all);
        assert_eq!(within(&all, &(4..14)), &[5..8, 10..14]);
        assert_eq!(within(&all, &(6..13)), &[] as &[Range<usize>]);
        assert_eq!(within(&all, &(9..9)), &[] as &[Range<usize>]);
        assert_eq!(within(&[], &(0..9)), &[] as &[Range<usize>]);
        // The same as filtering every match, for every span.
        for a in 0..27 {
            for b in a..27 {
                let slow: Vec<Range<usize>> = all
                    .iter()
                    .filter(|r| r.start >= a && r.end <= b)
                    .cloned()
                    .collect();
                assert_eq!(within(&all, &(a..b)), slow.as_slice(), "{a}..{b}");
            }
        }
    }

    #[test]
    fn a_cut_inside_a_match_or_a_word_changes_the_matches() {
        let text = "arms embargo on arms";
        let all = [0..4, 16..20];
        assert!(cut_changes_nothing(text, 20, &all));
        assert!(cut_changes_nothing(text, 4, &all), "after a whole match");
        assert!(!cut_changes_nothing(text, 2, &all), "inside a match");
        assert!(!cut_changes_nothing(text, 7, &all), "inside a word");
        assert!(cut_changes_nothing(text, 12, &all));
    }

    #[test]
    fn the_nearest_matches_are_those_either_side() {
        let found = [0..3, 5..8, 10..14, 20..25];
        let near = |a: Range<usize>| nearest(&found, &a).cloned().collect::<Vec<_>>();
        assert_eq!(near(9..9), [5..8, 10..14]);
        assert_eq!(near(10..12), [5..8, 10..14]);
        assert_eq!(near(0..1), vec![0..3]);
        assert_eq!(near(30..31), vec![20..25]);
        assert!(nearest(&[], &(0..1)).next().is_none());
        // Whenever some match is within n words, one of the nearest is.
        let text = "a b c d e f g h i j k l m n o p q r s t u v w x y";
        let found = [0..1, 8..9, 20..21, 46..47];
        for s in (0..text.len()).step_by(2) {
            let anchor = s..s + 1;
            for n in 0..12 {
                let any = found.iter().any(|m| words_between(text, &anchor, m) <= n);
                let near = nearest(&found, &anchor).any(|m| words_between(text, &anchor, m) <= n);
                assert_eq!(any, near, "anchor {s}, {n} words");
            }
        }
    }

    #[test]
    fn the_clause_at_an_offset_is_found_as_the_provision_finds_it() {
        let draft = "1. Decides to act; requests the report, urges all States to help; and decides to stay seized;";
        let m = read_text("d.md", draft, SourceFormat::Markdown);
        let doc = Document::new(None, &m);
        let p = &m.provisions[0];
        assert!(p.clauses.len() > 2 && doc.ordered[0]);
        for offset in 0..=p.text.len() + 2 {
            assert_eq!(doc.clause_at(0, offset), p.clause_at(offset), "{offset}");
        }
    }
}
