//! Verdict expressions (placeholder).
/// An expression.
#[derive(Debug, Clone)]
pub enum Expr {
    /// A criterion id.
    Criterion(String),
}
