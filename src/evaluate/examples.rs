//! Rule examples as tests: every example draft of a rule is read and evaluated, and its verdict
//! compared with the one the rulebook expects. `policycheck rules test` and the test suite
//! both run this, so a rule that stops recognising its own examples fails the build.

use super::engine::evaluate_rule;
use super::model::{RuleAssessment, Verdict};
use crate::mandate::{read_text, SourceFormat};
use crate::rulebook::Rulebook;

/// The outcome of one example.
#[derive(Debug, Clone)]
pub struct ExampleOutcome {
    /// The rule's id.
    pub rule: String,
    /// 1-based number of the example within its rule.
    pub number: usize,
    /// The verdict the rulebook expects.
    pub expected: Verdict,
    /// The verdict the rule gave.
    pub actual: Verdict,
    /// The example's note, if any.
    pub note: Option<String>,
    /// What the rule saw: the full assessment of the example.
    pub assessment: RuleAssessment,
}

impl ExampleOutcome {
    /// Whether the rule gave the expected verdict.
    pub fn passed(&self) -> bool {
        self.expected == self.actual
    }
}

/// Runs every example of every rule, in rulebook order.
pub fn check_examples(rulebook: &Rulebook) -> Vec<ExampleOutcome> {
    let mut out = Vec::new();
    for rule in &rulebook.rules {
        for (i, ex) in rule.examples.iter().enumerate() {
            let label = format!("{}#example-{}", rule.id, i + 1);
            let mandate = read_text(&label, &ex.text, SourceFormat::Markdown);
            let assessment = evaluate_rule(rule, &mandate);
            out.push(ExampleOutcome {
                rule: rule.id.clone(),
                number: i + 1,
                expected: ex.verdict,
                actual: assessment.verdict,
                note: ex.note.clone(),
                assessment,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rulebook::default_rulebook;

    #[test]
    fn every_example_of_the_default_rulebook_gets_its_verdict() {
        let outcomes = check_examples(&default_rulebook());
        let failed: Vec<String> = outcomes
            .iter()
            .filter(|o| !o.passed())
            .map(|o| {
                format!(
                    "{} example {}: expected {}, got {}",
                    o.rule, o.number, o.expected, o.actual
                )
            })
            .collect();
        assert!(failed.is_empty(), "{failed:#?}");
    }

    #[test]
    fn every_rule_has_two_satisfying_and_two_failing_examples() {
        for rule in &default_rulebook().rules {
            let pass = rule
                .examples
                .iter()
                .filter(|e| e.verdict != Verdict::Missing)
                .count();
            let fail = rule
                .examples
                .iter()
                .filter(|e| e.verdict == Verdict::Missing)
                .count();
            assert!(
                pass >= 2 && fail >= 2,
                "{}: {pass} satisfying, {fail} failing",
                rule.id
            );
        }
    }
}
