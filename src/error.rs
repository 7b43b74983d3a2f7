//! The errors a user can fix, each located: the file, the line and column, and the rule it
//! concerns. The binary prints them and picks exit code 2; the library only returns them.

use std::fmt;
use std::path::PathBuf;
use thiserror::Error;

/// One problem at one place in an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, as the user named it.
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<u32>,
    /// 1-based column, when known.
    pub column: Option<u32>,
    /// The rule concerned, when there is one.
    pub rule: Option<String>,
    /// What is wrong, in plain words.
    pub message: String,
    /// How to fix it, when we can tell.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A problem in `file` with no position yet.
    pub fn new(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            line: None,
            column: None,
            rule: None,
            message: message.into(),
            hint: None,
        }
    }

    /// Sets the position.
    pub fn at(mut self, line: u32, column: u32) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// Sets the rule.
    pub fn rule(mut self, rule: impl Into<String>) -> Self {
        self.rule = Some(rule.into());
        self
    }

    /// Sets the hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        write!(f, ": ")?;
        if let Some(rule) = &self.rule {
            write!(f, "rule `{rule}`: ")?;
        }
        write!(f, "{}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Errors of the library that a caller may need to tell apart.
#[derive(Debug, Error)]
pub enum Error {
    /// A rulebook has one or more problems; all are listed.
    #[error("{}", join(.0))]
    Rulebook(Vec<Diagnostic>),
    /// A mandate could not be read as its format requires.
    #[error("{0}")]
    Mandate(Diagnostic),
    /// A template could not be loaded or rendered.
    #[error("template {name}: {message}")]
    Template {
        /// Template name or path.
        name: String,
        /// What went wrong.
        message: String,
    },
    /// A file could not be read or written.
    #[error("cannot {action} {}: {source}", .path.display())]
    Io {
        /// "read" or "write".
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
}

fn join(diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for (i, d) in diags.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&d.to_string());
    }
    if diags.len() > 1 {
        out.push_str(&format!("\n{} problems found", diags.len()));
    }
    out
}

/// Converts a byte offset in `text` into a 1-based (line, column), counting columns in
/// characters.
pub fn line_col(text: &str, offset: usize) -> (u32, u32) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() as u32 + 1;
    let col = before
        .rfind('\n')
        .map_or(before, |i| &before[i + 1..])
        .chars()
        .count() as u32
        + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diagnostic_names_file_line_column_and_rule() {
        let d = Diagnostic::new("rules/x.yaml", "unknown key `wieght`")
            .at(12, 5)
            .rule("expert-group")
            .hint("did you mean `weight`?");
        assert_eq!(
            d.to_string(),
            "rules/x.yaml:12:5: rule `expert-group`: unknown key `wieght`\n  hint: did you mean `weight`?"
        );
    }

    #[test]
    fn several_problems_are_all_listed() {
        let e = Error::Rulebook(vec![
            Diagnostic::new("a.yaml", "one").at(1, 1),
            Diagnostic::new("a.yaml", "two").at(2, 1),
        ]);
        assert_eq!(
            e.to_string(),
            "a.yaml:1:1: one\na.yaml:2:1: two\n2 problems found"
        );
    }

    #[test]
    fn line_col_counts_from_one() {
        let t = "ab\ncdé\nf";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, 3), (2, 1));
        assert_eq!(line_col(t, 8), (3, 1));
        assert_eq!(line_col(t, 7), (2, 4));
    }
}
