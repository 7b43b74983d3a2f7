//! Negation: "is not mandated to", "no authority to", "shall not" (placeholder; being written).
use std::ops::Range;

/// The negation cue that denies the phrase at `hit`, looking within `scope` of `text`.
pub fn find_negation(_text: &str, _scope: Range<usize>, _hit: Range<usize>) -> Option<String> {
    None
}
