//! The validated rule model: what the evaluator works from. Phrases are compiled once, verdict
//! expressions are parsed and checked against the rule's criteria, and every name is resolved.

use crate::rulebook::expr::Expr;
use crate::rulebook::phrase::Phrase;
use crate::vocab::{Addressee, Force, Part, Verdict};
use std::collections::BTreeSet;

/// A loaded rulebook.
#[derive(Debug, Clone)]
pub struct Rulebook {
    /// Stable id, e.g. `mali-2015`.
    pub id: String,
    /// Title.
    pub title: String,
    /// What it checks.
    pub description: Option<String>,
    /// The source paper.
    pub source: Source,
    /// The rules in file order.
    pub rules: Vec<Rule>,
    /// Where it was loaded from (a path, or `<embedded mali-2015>`).
    pub origin: String,
}

impl Rulebook {
    /// Every phrase of every rule, rule by rule, criterion by criterion: `any`, then `all`,
    /// then `exclude`; repeats included.
    pub fn phrases(&self) -> impl Iterator<Item = &Phrase> {
        self.rules
            .iter()
            .flat_map(|r| &r.criteria)
            .flat_map(|c| c.any.iter().chain(c.all.iter().flatten()).chain(&c.exclude))
    }

    /// The rule with this id.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// Sum of the rules' weights.
    pub fn total_weight(&self) -> f64 {
        self.rules.iter().map(|r| r.weight).sum()
    }
}

/// The source paper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// Author(s).
    pub author: String,
    /// Title.
    pub title: String,
    /// Publisher.
    pub publisher: String,
    /// ISO date.
    pub date: String,
    /// Address.
    pub url: Option<String>,
    /// Licence.
    pub licence: Option<String>,
}

impl Source {
    /// "Author, “Title”, Publisher, date" — the short citation used in reports.
    pub fn citation(&self) -> String {
        format!(
            "{}, “{}”, {}, {}",
            self.author, self.title, self.publisher, self.date
        )
    }
}

/// One rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Stable id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Area for grouping.
    pub area: Option<String>,
    /// Weight.
    pub weight: f64,
    /// The recommendation in one sentence.
    pub recommendation: String,
    /// Why it matters.
    pub rationale: String,
    /// The source's own words.
    pub quote: String,
    /// Suggested language.
    pub suggested: String,
    /// Criteria, in file order.
    pub criteria: Vec<Criterion>,
    /// When the rule is met.
    pub met: Expr,
    /// When it is partly met.
    pub partial: Option<Expr>,
    /// Examples with their expected verdicts.
    pub examples: Vec<Example>,
    /// Line of the rule's `id` in its file (for messages).
    pub line: u32,
}

/// One criterion.
#[derive(Debug, Clone)]
pub struct Criterion {
    /// Id within the rule.
    pub id: String,
    /// Plain-words meaning.
    pub means: String,
    /// At least one must occur (empty: no constraint).
    pub any: Vec<Phrase>,
    /// Each group must occur (a group is a set of alternatives).
    pub all: Vec<Vec<Phrase>>,
    /// How close the phrases must stand.
    pub within: Within,
    /// Maximum distance in words between the phrases, if set.
    pub near: Option<u32>,
    /// Allowed parts.
    pub parts: BTreeSet<Part>,
    /// Least force.
    pub force: Force,
    /// Allowed addressees (empty: anyone).
    pub addressees: BTreeSet<Addressee>,
    /// Phrases that void a match in the same span.
    pub exclude: Vec<Phrase>,
    /// Structured fact that satisfies it.
    pub fact: Option<String>,
}

impl Criterion {
    /// Whether the criterion looks at text at all (a fact-only criterion does not).
    pub fn has_phrases(&self) -> bool {
        !self.any.is_empty() || !self.all.is_empty()
    }
}

/// The span within which a criterion's phrases must stand together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Within {
    /// The whole provision.
    Provision,
    /// One sentence (or semicolon-separated part).
    Sentence,
    /// One clause (the span governed by one operative verb).
    Clause,
    /// One numbered paragraph with all its sub-paragraphs (OP3 and OP3(a)…OP3(h)).
    Paragraph,
}

/// An example and its expected verdict.
#[derive(Debug, Clone)]
pub struct Example {
    /// Expected verdict.
    pub verdict: Verdict,
    /// Draft text.
    pub text: String,
    /// Why.
    pub note: Option<String>,
}
