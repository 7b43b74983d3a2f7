//! Rule examples as tests: every example draft of a rule is read and evaluated, and its verdict
//! compared with the one the rulebook expects. `policycheck rules test` and the test suite
//! both run this, so a rule that stops recognising its own examples fails the build.

use super::engine::evaluate_rule;
use super::model::{RuleAssessment, Verdict};
use crate::error::Diagnostic;
use crate::mandate::{read_text, SourceFormat};
use crate::rulebook::Rulebook;
use crate::yaml::{locate, Seg};

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

/// "example 3: expected met, got partial" (the rule's id is said by the caller).
impl std::fmt::Display for ExampleOutcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "example {}: expected {}, got {}",
            self.number, self.expected, self.actual
        )
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

/// A diagnostic for every example whose verdict differs from the expected one, located at
/// the example in the rulebook's `text` (the file `origin`), with what the rule saw.
pub fn example_diagnostics(rulebook: &Rulebook, origin: &str, text: &str) -> Vec<Diagnostic> {
    let index: Vec<&str> = rulebook.rules.iter().map(|r| r.id.as_str()).collect();
    check_examples(rulebook)
        .into_iter()
        .filter(|o| !o.passed())
        .map(|o| {
            let rule_index = index.iter().position(|id| *id == o.rule).unwrap_or(0);
            let (line, column) = locate(
                text,
                &[
                    Seg::Key("rules".into()),
                    Seg::Index(rule_index),
                    Seg::Key("examples".into()),
                    Seg::Index(o.number - 1),
                ],
            );
            let found: Vec<&str> = o
                .assessment
                .criteria
                .iter()
                .filter(|c| c.satisfied)
                .map(|c| c.id.as_str())
                .collect();
            let missing: Vec<&str> = o
                .assessment
                .criteria
                .iter()
                .filter(|c| !c.satisfied)
                .map(|c| c.id.as_str())
                .collect();
            let list = |v: &[&str]| if v.is_empty() { "none".to_string() } else { v.join(", ") };
            Diagnostic::new(
                origin,
                format!(
                    "example {} should be {}, but the rule finds it {}",
                    o.number, o.expected, o.actual
                ),
            )
            .at(line, column)
            .rule(&o.rule)
            .hint(format!(
                "criteria satisfied: {}; not satisfied: {}. Adjust the criteria's phrases or the example",
                list(&found),
                list(&missing)
            ))
        })
        .collect()
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
            .map(|o| format!("{} {o}", o.rule))
            .collect();
        assert!(failed.is_empty(), "{failed:#?}");
    }

    #[test]
    fn a_failing_example_is_located_and_explained() {
        let text = crate::rulebook::DEFAULT_RULEBOOK.replacen(
            "      - verdict: partial\n        note: an arms embargo",
            "      - verdict: met\n        note: an arms embargo",
            1,
        );
        let rb = crate::rulebook::parse_rulebook("r.yaml", &text).unwrap();
        let d = example_diagnostics(&rb, "r.yaml", &text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].rule.as_deref(), Some("crime-terror-mandate"));
        assert_eq!(
            d[0].message,
            "example 3 should be met, but the rule finds it partial"
        );
        let line = text.lines().nth(d[0].line.unwrap() as usize - 1).unwrap();
        assert!(line.contains("- verdict: met"), "{line}");
        assert!(d[0]
            .hint
            .as_deref()
            .unwrap()
            .starts_with("criteria satisfied: crime-states;"));
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
