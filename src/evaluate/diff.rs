//! Comparing two assessments of a draft made with the same rulebook — an earlier version and a
//! later one — rule by rule: gained, lost, strengthened, weakened or unchanged. Also what got
//! worse against a baseline: a verdict that dropped, or evidence against a rule that is new,
//! recognised by its words rather than its line. Pure: reports lay the results out.

use super::model::{Assessment, RuleAssessment, Verdict};
use crate::mandate::Force;
use serde::Serialize;
use std::collections::BTreeSet;

/// How a recommendation fares from the old draft to the new.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Change {
    /// Missing before, met or partial now.
    Gained,
    /// Met or partial before, missing now.
    Lost,
    /// Partial before and met now, or the same verdict with stronger wording ("Encourages" →
    /// "Decides").
    Strengthened,
    /// Met before and partial now, or the same verdict with weaker wording.
    Weakened,
    /// No change in verdict or force.
    Unchanged,
}

impl Change {
    /// The word used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Gained => "gained",
            Change::Lost => "lost",
            Change::Strengthened => "strengthened",
            Change::Weakened => "weakened",
            Change::Unchanged => "unchanged",
        }
    }

    /// Whether the draft got worse on this recommendation.
    pub fn is_worse(self) -> bool {
        matches!(self, Change::Lost | Change::Weakened)
    }
}

/// One recommendation in both drafts.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleChange<'a> {
    /// The rule's id.
    pub id: &'a str,
    /// What changed.
    pub change: Change,
    /// The old draft's outcome.
    pub old: &'a RuleAssessment,
    /// The new draft's outcome.
    pub new: &'a RuleAssessment,
}

/// Two drafts compared.
#[derive(Debug, Clone, PartialEq)]
pub struct AssessmentDiff<'a> {
    /// The old draft.
    pub old: &'a Assessment,
    /// The new draft.
    pub new: &'a Assessment,
    /// Per rule present in both, in the new assessment's (rulebook) order.
    pub rules: Vec<RuleChange<'a>>,
}

impl AssessmentDiff<'_> {
    /// The new score less the old, rounded to one decimal.
    pub fn score_change(&self) -> f64 {
        ((self.new.score - self.old.score) * 10.0).round() / 10.0
    }
}

/// Compares two assessments made with the same rulebook.
pub fn diff_assessments<'a>(old: &'a Assessment, new: &'a Assessment) -> AssessmentDiff<'a> {
    let rules = new
        .rules
        .iter()
        .filter_map(|n| {
            let o = old.rules.iter().find(|o| o.id == n.id)?;
            Some(RuleChange {
                id: &n.id,
                change: compare_rules(o, n),
                old: o,
                new: n,
            })
        })
        .collect();
    AssessmentDiff { old, new, rules }
}

/// How one rule changed. With the same verdict on both sides, the force of the wording decides:
/// criterion by criterion, the strongest force among the evidence that satisfies it; more
/// criteria stronger than weaker is a strengthening, and the reverse a weakening.
pub fn compare_rules(old: &RuleAssessment, new: &RuleAssessment) -> Change {
    use Verdict::*;
    match (old.verdict, new.verdict) {
        (Missing, Met | Partial) => Change::Gained,
        (Met | Partial, Missing) => Change::Lost,
        (Partial, Met) => Change::Strengthened,
        (Met, Partial) => Change::Weakened,
        _ => {
            let (mut stronger, mut weaker) = (0, 0);
            for n in &new.criteria {
                let Some(o) = old.criteria.iter().find(|o| o.id == n.id) else {
                    continue;
                };
                let force = |c: &super::model::CriterionResult| -> Option<Force> {
                    c.satisfied.then_some(c.force).flatten()
                };
                match force(n).cmp(&force(o)) {
                    std::cmp::Ordering::Greater => stronger += 1,
                    std::cmp::Ordering::Less => weaker += 1,
                    std::cmp::Ordering::Equal => {}
                }
            }
            match stronger.cmp(&weaker) {
                std::cmp::Ordering::Greater => Change::Strengthened,
                std::cmp::Ordering::Less => Change::Weakened,
                std::cmp::Ordering::Equal => Change::Unchanged,
            }
        }
    }
}

/// An excerpt reduced to its words: lower case, punctuation and spacing dropped. Evidence is
/// recognised by this across versions of a draft, whatever line it moved to.
pub fn normalize_excerpt(excerpt: &str) -> String {
    excerpt
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// What got worse for one rule against a baseline: `None` when nothing did.
#[derive(Debug, Clone, PartialEq)]
pub struct Regression {
    /// The verdict before and now, when it dropped.
    pub dropped: Option<(Verdict, Verdict)>,
    /// Indexes into `new.evidence()` of the negated evidence the baseline did not have.
    pub new_negated: Vec<usize>,
}

/// Compares a rule's outcome now with its baseline: its verdict then, and the normalised
/// excerpts of the evidence against it then (see [`normalize_excerpt`]).
pub fn regression(
    before: Verdict,
    negated_before: &BTreeSet<String>,
    now: &RuleAssessment,
) -> Option<Regression> {
    let dropped = (now.verdict < before).then_some((before, now.verdict));
    let new_negated: Vec<usize> = now
        .evidence()
        .iter()
        .enumerate()
        .filter(|(_, e)| e.negated && !negated_before.contains(&normalize_excerpt(&e.excerpt)))
        .map(|(i, _)| i)
        .collect();
    if dropped.is_none() && new_negated.is_empty() {
        None
    } else {
        Some(Regression {
            dropped,
            new_negated,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluate::{CriterionResult, Evidence};
    use crate::mandate::{Addressee, Part};

    fn rule(verdict: Verdict, force: Option<Force>, negated: &[&str]) -> RuleAssessment {
        let evidence = negated
            .iter()
            .map(|x| Evidence {
                provision: "OP3".into(),
                part: Part::Operative,
                line: 9,
                page: None,
                lines: (9, 9),
                excerpt: x.to_string(),
                matched: "crime".into(),
                force: Force::Mandate,
                addressee: Addressee::Mission,
                negated: true,
            })
            .collect();
        RuleAssessment {
            id: "crime".into(),
            verdict,
            score: verdict.score(),
            weight: 1.0,
            criteria: vec![CriterionResult {
                id: "task".into(),
                satisfied: force.is_some(),
                carries: force.is_some(),
                force,
                evidence,
            }],
        }
    }

    #[test]
    fn verdicts_and_force_decide_the_change() {
        use Verdict::*;
        let c = |a, b| compare_rules(&a, &b);
        assert_eq!(
            c(
                rule(Missing, None, &[]),
                rule(Partial, Some(Force::Call), &[])
            ),
            Change::Gained
        );
        assert_eq!(
            c(rule(Met, Some(Force::Call), &[]), rule(Missing, None, &[])),
            Change::Lost
        );
        assert_eq!(
            c(
                rule(Met, Some(Force::Call), &[]),
                rule(Met, Some(Force::Mandate), &[])
            ),
            Change::Strengthened
        );
        assert_eq!(
            c(
                rule(Met, Some(Force::Mandate), &[]),
                rule(Met, Some(Force::Call), &[])
            ),
            Change::Weakened
        );
        assert_eq!(
            c(
                rule(Met, Some(Force::Mandate), &[]),
                rule(Met, Some(Force::Mandate), &[])
            ),
            Change::Unchanged
        );
    }

    #[test]
    fn only_new_negated_evidence_and_dropped_verdicts_regress() {
        let before: BTreeSet<String> = [normalize_excerpt("is NOT mandated to combat crime,")]
            .into_iter()
            .collect();
        let same = rule(
            Verdict::Missing,
            None,
            &["is not mandated to  combat crime"],
        );
        assert_eq!(regression(Verdict::Missing, &before, &same), None);
        let worse = rule(Verdict::Missing, None, &["shall not combat crime"]);
        assert_eq!(
            regression(Verdict::Met, &before, &worse),
            Some(Regression {
                dropped: Some((Verdict::Met, Verdict::Missing)),
                new_negated: vec![0]
            })
        );
    }
}
