//! Plain-text and Markdown reader (placeholder; being written).
use super::{Mandate, SourceFormat};
use std::collections::BTreeMap;

/// Reads a draft's text into provisions.
pub fn read_text(label: &str, _text: &str, format: SourceFormat) -> Mandate {
    Mandate { path: label.to_string(), format, title: None, mission: None, adopted: None, provisions: vec![], facts: BTreeMap::new() }
}
