//! Force and addressee of operative clauses (placeholder; being written).
use super::{Clause, Part};

/// Splits a provision's text into clauses with force and addressee.
pub fn classify_clauses(_text: &str, _part: Part) -> Vec<Clause> {
    Vec::new()
}
