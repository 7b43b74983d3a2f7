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

/// Compiles patterns that are part of this crate's source code into one regex that finds, in
/// one search, the leftmost match of any of them: of the patterns matching there, the first
/// listed (as `regex_automata::meta::Regex::new_many`, with the `regex` crate's defaults).
///
/// Never call this with text from a rulebook, a draft or the command line.
#[allow(clippy::expect_used)] // audited: the patterns are literals of this crate, not input
pub(crate) fn fixed_regex_set(patterns: &[&str]) -> regex_automata::meta::Regex {
    regex_automata::meta::Regex::new_many(patterns).expect("fixed patterns of policycheck compile")
}
