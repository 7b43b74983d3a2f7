//! Regular expressions written in this source code, compiled once.
//!
//! The reader, the evaluator and the phrase compiler keep their fixed patterns in `LazyLock`
//! statics. A fixed pattern that failed to compile would be a bug in this crate, found by the
//! first test that reads a draft, never something an input can cause; so this is the one place
//! allowed to panic on a regex error. Patterns that come from a rulebook are compiled in
//! `rulebook::phrase` and `rulebook::validate`, which report errors as located diagnostics instead.

use regex::Regex;

/// Compiles a pattern that is part of this crate's source code.
///
/// Never call this with text from a rulebook, a draft or the command line.
#[allow(clippy::expect_used)] // audited: the pattern is a literal of this crate, not input
pub(crate) fn fixed_regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("a fixed pattern of policycheck compiles")
}
