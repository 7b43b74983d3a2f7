//! Phrases (placeholder).
/// A compiled phrase.
#[derive(Debug, Clone)]
pub struct Phrase {
    /// As written.
    pub source: String,
    /// Compiled.
    pub regex: regex::Regex,
}
