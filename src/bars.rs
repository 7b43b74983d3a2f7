//! The bars a document must clear — a least score (`fail_under`), no missing or partial rule
//! (`fail_on`), the required rules — and the one function that judges a document against them.
//! Waived gaps never fail a bar. Pure: the binary turns the judgements into an exit code.

use crate::evaluate::{Assessment, Verdict};
use crate::vocab::number_text;
use serde::Deserialize;
use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

/// Which verdicts fail a document outright, whatever its score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    /// Any rule that is missing.
    Missing,
    /// Any rule that is missing or only partly met.
    Partial,
}

impl FailOn {
    /// The word users type.
    pub fn as_str(self) -> &'static str {
        match self {
            FailOn::Missing => "missing",
            FailOn::Partial => "partial",
        }
    }

    /// Whether `verdict` fails this bar.
    pub fn fails(self, verdict: Verdict) -> bool {
        match self {
            FailOn::Missing => verdict == Verdict::Missing,
            FailOn::Partial => verdict != Verdict::Met,
        }
    }
}

impl fmt::Display for FailOn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for FailOn {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "missing" => Ok(FailOn::Missing),
            "partial" => Ok(FailOn::Partial),
            _ => Err(format!("unknown value `{s}` (expected missing or partial)")),
        }
    }
}

/// The bars of one document. The default sets none: every document passes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Bars {
    /// The least score, 0–100.
    pub fail_under: Option<f64>,
    /// Verdicts that fail the document.
    pub fail_on: Option<FailOn>,
    /// Rule ids that must not be missing.
    pub required: BTreeSet<String>,
}

impl Bars {
    /// Whether any bar is set (otherwise a report says nothing about passing).
    pub fn is_set(&self) -> bool {
        self.fail_under.is_some() || self.fail_on.is_some() || !self.required.is_empty()
    }
}

/// How a document fares against its bars.
#[derive(Debug, Clone, PartialEq)]
pub struct Judgement {
    /// `None` when no bar is set; otherwise whether every bar is cleared.
    pub passed: Option<bool>,
    /// Why it falls short, one sentence per bar missed, in a stable order.
    pub failures: Vec<String>,
}

/// Judges `assessment` against `bars`, counting the rules in `waived` as met: a waived gap
/// is accepted, so it fails no bar and costs no points against `fail_under`.
pub fn judge(assessment: &Assessment, bars: &Bars, waived: &BTreeSet<String>) -> Judgement {
    if !bars.is_set() {
        return Judgement {
            passed: None,
            failures: Vec::new(),
        };
    }
    let mut failures = Vec::new();
    if let Some(bar) = bars.fail_under {
        let score = score_with_waivers(assessment, waived);
        if score < bar {
            let waived_note = if waived.is_empty() {
                String::new()
            } else {
                " with waived rules counted as met".to_string()
            };
            failures.push(format!(
                "scores {score:.1}{waived_note}, below the bar of {}",
                number_text(bar)
            ));
        }
    }
    let mut failing: Vec<String> = Vec::new();
    for rule in &assessment.rules {
        if waived.contains(&rule.id) {
            continue;
        }
        if bars.required.contains(&rule.id) && rule.verdict == Verdict::Missing {
            failures.push(format!("required rule `{}` is missing", rule.id));
        } else if bars.fail_on.is_some_and(|f| f.fails(rule.verdict)) {
            failing.push(format!("`{}` ({})", rule.id, rule.verdict));
        }
    }
    if let Some(fail_on) = bars.fail_on.filter(|_| !failing.is_empty()) {
        let what = match fail_on {
            FailOn::Missing => "missing",
            FailOn::Partial => "not met in full",
        };
        let (n, verb) = if failing.len() == 1 {
            ("1 rule".to_string(), "is")
        } else {
            (format!("{} rules", failing.len()), "are")
        };
        failures.push(format!(
            "{n} {verb} {what} (fail on {fail_on}): {}",
            failing.join(", ")
        ));
    }
    Judgement {
        passed: Some(failures.is_empty()),
        failures,
    }
}

/// The score with the rules in `waived` counted as met, rounded to one decimal as the
/// evaluator rounds; the evaluator's own score when nothing is waived.
pub fn score_with_waivers(assessment: &Assessment, waived: &BTreeSet<String>) -> f64 {
    if waived.is_empty() {
        return assessment.score;
    }
    Assessment::weighted_score(assessment.rules.iter().map(|r| {
        let score = if waived.contains(&r.id) { 1.0 } else { r.score };
        (r.weight, score)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluate::RuleAssessment;

    fn assessment(verdicts: &[(&str, Verdict)]) -> Assessment {
        let rules: Vec<RuleAssessment> = verdicts
            .iter()
            .map(|(id, v)| RuleAssessment {
                id: id.to_string(),
                verdict: *v,
                score: v.score(),
                weight: 1.0,
                criteria: vec![],
            })
            .collect();
        let score = rules.iter().map(|r| r.score).sum::<f64>() / rules.len() as f64 * 100.0;
        Assessment {
            path: "d.md".into(),
            title: None,
            rulebook: "b".into(),
            score: (score * 10.0).round() / 10.0,
            rules,
        }
    }

    fn set(ids: &[&str]) -> BTreeSet<String> {
        ids.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn no_bar_says_nothing() {
        let a = assessment(&[("a", Verdict::Missing)]);
        assert_eq!(judge(&a, &Bars::default(), &set(&[])).passed, None);
    }

    #[test]
    fn each_bar_fails_on_its_own() {
        let a = assessment(&[("a", Verdict::Met), ("b", Verdict::Partial)]);
        let under = Bars {
            fail_under: Some(80.0),
            ..Bars::default()
        };
        let j = judge(&a, &under, &set(&[]));
        assert_eq!(j.passed, Some(false));
        assert_eq!(j.failures, vec!["scores 75.0, below the bar of 80"]);
        let partial = Bars {
            fail_on: Some(FailOn::Partial),
            ..Bars::default()
        };
        assert_eq!(
            judge(&a, &partial, &set(&[])).failures,
            vec!["1 rule is not met in full (fail on partial): `b` (partial)"]
        );
        let missing = Bars {
            fail_on: Some(FailOn::Missing),
            ..Bars::default()
        };
        assert_eq!(judge(&a, &missing, &set(&[])).passed, Some(true));
    }

    #[test]
    fn a_missing_required_rule_fails_whatever_the_score() {
        let a = assessment(&[
            ("a", Verdict::Met),
            ("b", Verdict::Met),
            ("c", Verdict::Missing),
        ]);
        let bars = Bars {
            fail_under: Some(50.0),
            required: set(&["c"]),
            ..Bars::default()
        };
        let j = judge(&a, &bars, &set(&[]));
        assert_eq!(j.failures, vec!["required rule `c` is missing"]);
    }

    #[test]
    fn waived_gaps_fail_no_bar() {
        let a = assessment(&[("a", Verdict::Met), ("c", Verdict::Missing)]);
        let bars = Bars {
            fail_under: Some(100.0),
            fail_on: Some(FailOn::Missing),
            required: set(&["c"]),
        };
        assert_eq!(judge(&a, &bars, &set(&["c"])).passed, Some(true));
        assert_eq!(score_with_waivers(&a, &set(&["c"])), 100.0);
    }
}
