//! The phrases of a rulebook as plain regular expressions, one a line: the patterns the
//! evaluator looks for, in a form ripgrep reads (`rg -i -f`), so that anyone can compare the
//! tool's speed and matches with a plain search over the same files.

use super::model::Rulebook;

/// The distinct patterns of every phrase (any, all and exclude) of every rule, in rulebook
/// order, first appearance kept.
pub fn pattern_list(rulebook: &Rulebook) -> Vec<&str> {
    let mut seen = std::collections::HashSet::new();
    rulebook
        .phrases()
        .map(|p| p.pattern.as_str())
        .filter(|p| seen.insert(*p))
        .collect()
}

/// The distinct patterns one a line, each ending in a newline: what `policycheck rules
/// patterns` prints. Each is a regular expression in the syntax both this tool and ripgrep
/// read (Rust's `regex`), case-insensitive by its own `(?i)` flag; repeats are left out, which
/// also keeps ripgrep within its default size limits.
pub fn patterns(rulebook: &Rulebook) -> String {
    let mut out = String::new();
    for p in pattern_list(rulebook) {
        out.push_str(p);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rulebook::default_rulebook;

    #[test]
    fn one_distinct_pattern_a_line() {
        let rb = default_rulebook();
        let text = patterns(&rb);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines, pattern_list(&rb));
        let distinct: std::collections::HashSet<&str> = lines.iter().copied().collect();
        assert_eq!(distinct.len(), lines.len());
        for l in &lines {
            assert!(l.starts_with("(?i)"), "{l}");
            regex::Regex::new(l).unwrap();
        }
        assert!(lines.contains(&r"(?i)\b(?:organi[sz]ed[\s\-]+crime)\b"));
    }
}
