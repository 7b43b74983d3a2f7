//! Structured YAML mandate reader (placeholder; being written).
use super::Mandate;
use crate::error::Error;

/// Reads a structured mandate description.
pub fn read_yaml(label: &str, _text: &str) -> Result<Mandate, Error> {
    Err(Error::Mandate(crate::Diagnostic::new(label, "structured mandates are not read yet")))
}
