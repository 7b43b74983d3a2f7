//! The evaluator: pure, rulebook × mandate → assessment. It never reads files or prints.

pub mod diff;
mod engine;
mod examples;
mod model;
pub mod negation;
mod spans;

pub use engine::{evaluate, evaluate_criterion, evaluate_rule};
pub use examples::{check_examples, example_diagnostics, ExampleOutcome};
pub use model::{Assessment, CriterionResult, Evidence, RuleAssessment, Verdict};
