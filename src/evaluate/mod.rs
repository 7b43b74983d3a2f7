//! The evaluator: pure, rulebook × mandate → assessment. It never reads files or prints.

mod engine;
mod model;
pub mod negation;
mod spans;

pub use engine::evaluate;
pub use model::{Assessment, CriterionResult, Evidence, RuleAssessment, Verdict};
