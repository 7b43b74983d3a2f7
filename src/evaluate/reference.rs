//! The reference evaluator, the oracle of the fast one: every criterion runs every phrase's
//! regex over every provision it may read, the plain way, and judges the rule itself. The
//! fast evaluator ([`crate::evaluate::evaluate`]: one scan per provision, regexes only where
//! a phrase may match, each with the cheap regex its text allows, matches and task boundaries
//! cached, evidence cut short) is tested to
//! give byte-identical assessments to it on every fixture, every rule example and the whole
//! corpus. Not for production use.
//!
//! What it shares with the engine is what the two read with, not what they decide: the data
//! types (mandate, rulebook with its phrases and verdict expressions, assessment and its score
//! formula) and the text primitives that say what the words are — where a sentence ends and a
//! coordinated task begins, which wording denies a task, how an excerpt is cut
//! (`spans.rs`, `negation.rs`, tested on their own). Everything about criteria —
//! which provisions and spans are read, anchors, `all` groups and `near`, exclusions within a
//! task, the force and addressee filters, the reach of a denial, the choice of evidence, the
//! verdict and which criteria it rests on — is computed here independently of `engine.rs`.
//! Every search here uses a phrase's Unicode regex, so the tests also hold the ASCII one the
//! engine uses where it can ([`Script`]) to the same matches.

use super::model::{Assessment, CriterionResult, Evidence, RuleAssessment};
use super::negation::find_negation;
use super::spans::{excerpt, sentence_spans, task_segment, task_starts, words_between};
use crate::mandate::{paragraph_of, Force, Mandate, Part, Provision};
use crate::rulebook::phrase::Script;
use crate::rulebook::{Criterion, Rule, Rulebook, Within};
use crate::vocab::Verdict;
use std::collections::BTreeSet;
use std::ops::Range;

/// Evaluates a mandate against every rule of a rulebook, the slow and simple way.
pub fn evaluate(rulebook: &Rulebook, mandate: &Mandate) -> Assessment {
    let rules: Vec<RuleAssessment> = rulebook
        .rules
        .iter()
        .map(|r| evaluate_rule(r, mandate))
        .collect();
    let score = Assessment::weighted_score(rules.iter().map(|r| (r.weight, r.score)));
    Assessment {
        path: mandate.path.clone(),
        title: mandate.title.clone(),
        rulebook: rulebook.id.clone(),
        score,
        rules,
    }
}

/// Evaluates one rule: met when its `met` expression holds over the satisfied criteria, else
/// partial when its `partial` one does, else missing; the satisfied criteria that the deciding
/// expression names carry the verdict.
fn evaluate_rule(rule: &Rule, mandate: &Mandate) -> RuleAssessment {
    let mut criteria: Vec<CriterionResult> = rule
        .criteria
        .iter()
        .map(|c| evaluate_criterion(c, mandate))
        .collect();
    let satisfied: BTreeSet<String> = criteria
        .iter()
        .filter(|c| c.satisfied)
        .map(|c| c.id.clone())
        .collect();
    let holds = |id: &str| satisfied.contains(id);
    let (verdict, score, named) = if rule.met.eval(&holds) {
        (Verdict::Met, 1.0, rule.met.names())
    } else {
        match &rule.partial {
            Some(p) if p.eval(&holds) => (Verdict::Partial, 0.5, p.names()),
            _ => (Verdict::Missing, 0.0, Default::default()),
        }
    };
    for c in &mut criteria {
        c.carries = c.satisfied && named.contains(c.id.as_str());
    }
    RuleAssessment {
        id: rule.id.clone(),
        verdict,
        score,
        weight: rule.weight,
        criteria,
    }
}

/// Evaluates one criterion: its evidence for, then its evidence against.
fn evaluate_criterion(c: &Criterion, mandate: &Mandate) -> CriterionResult {
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
        for p in mandate
            .provisions
            .iter()
            .filter(|p| c.parts.contains(&p.part))
        {
            let family: Vec<&Provision> = if c.within == Within::Paragraph {
                let root = paragraph_of(&p.id);
                mandate
                    .provisions
                    .iter()
                    .filter(|q| paragraph_of(&q.id) == root)
                    .collect()
            } else {
                Vec::new()
            };
            let ancestors = ancestors(mandate, p);
            match provision_evidence(c, p, &family, &ancestors) {
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

/// The best evidence a provision gives for a criterion: the first match that qualifies, or,
/// failing that, the first qualifying match that the text denies.
fn provision_evidence(
    c: &Criterion,
    p: &Provision,
    family: &[&Provision],
    ancestors: &[&Provision],
) -> Option<Evidence> {
    let text = p.text.as_str();
    let mut denied: Option<Evidence> = None;
    for span in spans(c.within, p) {
        let starts = task_starts(text, &span);
        for anchor in anchors(c, text, &span) {
            let task = task_segment(&starts, &span, anchor.start);
            if c.exclude.iter().any(|x| {
                x.find_in(text, task.start, task.end, Script::Unicode)
                    .is_some()
            }) {
                continue;
            }
            let together = if family.is_empty() {
                all_groups_near(c, text, &span, &anchor, ancestors)
            } else {
                all_groups_in_paragraph(c, family)
            };
            if !together {
                continue;
            }
            let Some(clause) = p.clause_at(anchor.start) else {
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
fn all_groups_in_paragraph(c: &Criterion, family: &[&Provision]) -> bool {
    let skip = usize::from(c.any.is_empty());
    c.all.iter().skip(skip).all(|group| {
        group
            .iter()
            .any(|ph| family.iter().any(|q| ph.regex.unicode().is_match(&q.text)))
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

/// The matches that anchor evidence: those of `any`, or else of the first `all` group.
fn anchors(c: &Criterion, text: &str, span: &Range<usize>) -> Vec<Range<usize>> {
    let phrases = if c.any.is_empty() {
        match c.all.first() {
            Some(g) => g,
            None => return Vec::new(),
        }
    } else {
        &c.any
    };
    let hay = &text[..span.end];
    let mut hits: Vec<Range<usize>> = phrases
        .iter()
        .flat_map(|ph| {
            ph.regex
                .unicode()
                .find_iter(hay)
                .filter(|m| m.start() >= span.start)
                .map(|m| m.range())
                .collect::<Vec<_>>()
        })
        .collect();
    hits.sort_by_key(|r| (r.start, r.end));
    hits.dedup_by_key(|r| r.start);
    hits
}

/// Whether every `all` group has a match in the span (within `near` words of the anchor when
/// set). When `any` is empty the first group is the anchor's own.
fn all_groups_near(
    c: &Criterion,
    text: &str,
    span: &Range<usize>,
    anchor: &Range<usize>,
    ancestors: &[&Provision],
) -> bool {
    let skip = usize::from(c.any.is_empty());
    c.all.iter().skip(skip).all(|group| {
        group.iter().any(|ph| {
            let hay = &text[..span.end];
            ph.regex
                .unicode()
                .find_iter(hay)
                .filter(|m| m.start() >= span.start)
                .any(|m| match c.near {
                    None => true,
                    Some(n) => words_between(text, anchor, &m.range()) <= n as usize,
                })
                // A sub-paragraph reads on from the words that introduce it, however far
                // they stand.
                || ancestors.iter().any(|a| ph.regex.unicode().is_match(&a.text))
        })
    })
}

/// The paragraphs that introduce a sub-paragraph, nearest first (`OP2(b)`, then `OP2`).
fn ancestors<'m>(mandate: &'m Mandate, p: &Provision) -> Vec<&'m Provision> {
    let mut out: Vec<&Provision> = Vec::new();
    let mut parent = p.parent.as_deref();
    while let Some(id) = parent {
        match mandate.provisions.iter().find(|q| q.id == id) {
            Some(q) if !out.iter().any(|o| o.id == q.id) => {
                out.push(q);
                parent = q.parent.as_deref();
            }
            _ => break,
        }
    }
    out
}
