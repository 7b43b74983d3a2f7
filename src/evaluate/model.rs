//! The result of evaluating one mandate against one rulebook: per criterion, per rule and
//! per document. Built by the evaluator, read by the reports; nothing here decides anything.

use crate::rulebook::Rule;
pub use crate::vocab::Verdict;
use crate::vocab::{Addressee, Force, Part};
use serde::Serialize;

/// The assessment of one mandate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    /// The document's path as given.
    pub path: String,
    /// The document's title, where known.
    pub title: Option<String>,
    /// The rulebook's id.
    pub rulebook: String,
    /// Weighted score, 0 to 100, rounded to one decimal.
    pub score: f64,
    /// Per rule, in rulebook order.
    pub rules: Vec<RuleAssessment>,
}

impl Assessment {
    /// The weighted score of rules given as (weight, score) pairs: the points got over the
    /// points possible, 0–100 with one decimal; 0 when the weights add up to nothing. The one
    /// formula behind every score a report shows.
    pub fn weighted_score(rules: impl IntoIterator<Item = (f64, f64)>) -> f64 {
        let (total, got) = rules
            .into_iter()
            .fold((0.0, 0.0), |(t, g), (weight, score)| {
                (t + weight, g + weight * score)
            });
        if total > 0.0 {
            (got / total * 1000.0).round() / 10.0
        } else {
            0.0
        }
    }

    /// Counts of rules by verdict: (met, partial, missing).
    pub fn counts(&self) -> (usize, usize, usize) {
        let count = |v: Verdict| self.rules.iter().filter(|r| r.verdict == v).count();
        (
            count(Verdict::Met),
            count(Verdict::Partial),
            count(Verdict::Missing),
        )
    }
}

/// One rule's outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleAssessment {
    /// The rule's stable id.
    pub id: String,
    /// met / partial / missing.
    pub verdict: Verdict,
    /// 1 for met, 0.5 for partial, 0 for missing.
    pub score: f64,
    /// The rule's weight.
    pub weight: f64,
    /// Per criterion, in rule order.
    pub criteria: Vec<CriterionResult>,
}

impl RuleAssessment {
    /// Judges a rule from its criteria's outcomes: `met` if its met expression holds, else
    /// `partial` if its partial expression does, else `missing`; and marks the satisfied
    /// criteria that the verdict's expression names as the ones it rests on.
    pub fn judge(rule: &Rule, mut criteria: Vec<CriterionResult>) -> RuleAssessment {
        let holds = |id: &str| criteria.iter().any(|c| c.id == id && c.satisfied);
        let (verdict, names) = if rule.met.eval(&holds) {
            (Verdict::Met, rule.met.names())
        } else if let Some(p) = rule.partial.as_ref().filter(|p| p.eval(&holds)) {
            (Verdict::Partial, p.names())
        } else {
            (Verdict::Missing, Default::default())
        };
        for c in &mut criteria {
            c.carries = c.satisfied && names.contains(c.id.as_str());
        }
        RuleAssessment {
            id: rule.id.clone(),
            verdict,
            score: verdict.score(),
            weight: rule.weight,
            criteria,
        }
    }

    /// The evidence the verdict rests on (that of the criteria it [carries](CriterionResult::carries)),
    /// then negated evidence (evidence of the gap), in document order, without repeating a
    /// provision.
    pub fn evidence(&self) -> Vec<&Evidence> {
        let mut out: Vec<&Evidence> = Vec::new();
        for c in &self.criteria {
            for e in c.evidence.iter().filter(|e| e.negated || c.carries) {
                if !out
                    .iter()
                    .any(|o| o.provision == e.provision && o.negated == e.negated)
                {
                    out.push(e);
                }
            }
        }
        out.sort_by(|a, b| {
            (a.negated, a.line, &a.provision).cmp(&(b.negated, b.line, &b.provision))
        });
        out
    }
}

/// One criterion's outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionResult {
    /// The criterion's id within its rule.
    pub id: String,
    /// Whether some evidence satisfies it.
    pub satisfied: bool,
    /// Whether the rule's verdict rests on it: satisfied, and named by the expression that
    /// gave the verdict (a partial criterion's evidence is not cited for a met rule).
    pub carries: bool,
    /// The strongest force among the evidence that satisfies it.
    pub force: Option<Force>,
    /// Evidence that satisfies it (first), and negated evidence that speaks against it.
    pub evidence: Vec<Evidence>,
}

/// A place in the mandate that bears on a criterion.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// Provision id, e.g. `OP16(a)(iii)`, or `fact:police.arrest` for a structured fact.
    pub provision: String,
    /// Where the provision stands.
    pub part: Part,
    /// The line of the matched phrase (1-based).
    pub line: u32,
    /// The page that line was printed on (PDF drafts only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// The provision's first and last line.
    pub lines: (u32, u32),
    /// The words around the match, on one line.
    pub excerpt: String,
    /// The phrase as found in the text.
    pub matched: String,
    /// The force of the clause it stands in.
    pub force: Force,
    /// Whom that clause addresses.
    pub addressee: Addressee,
    /// True when the text denies the task ("is not mandated to", "shall not"): evidence of the
    /// gap, never counted for the criterion.
    pub negated: bool,
}
