//! The evaluator: pure, rulebook × mandate → assessment. It never reads files or prints.

pub mod diff;
mod engine;
mod examples;
mod model;
pub mod negation;
pub mod reference;
mod scan;
mod spans;

pub use engine::{evaluate, evaluate_criterion, evaluate_rule, evaluate_with};
pub use examples::{check_examples, example_diagnostics, ExampleOutcome};
pub use model::{Assessment, CriterionResult, Evidence, RuleAssessment, Verdict};
pub use scan::{Candidates, Matcher};
