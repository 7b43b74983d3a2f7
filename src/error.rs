//! The errors a user can fix, each located: the file, the line and column, and the rule it
//! concerns. The binary prints them and picks exit code 2; the library only returns them.

use std::fmt;
use std::path::PathBuf;
use thiserror::Error;

/// One problem at one place in an input file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
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

impl Diagnostic {
    /// The problem as rustc shows one: the message, then the file, line and column, the
    /// lines around the place with a marker under it, and the hint. `source` is the text of
    /// the file; without it (or without a line) the plain one-line form is used.
    pub fn render(&self, source: Option<&str>, styled: bool) -> String {
        use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
        let (Some(text), Some(line)) = (source, self.line) else {
            return self.to_string();
        };
        let Some((start, end, first_line)) = window(text, line, 2) else {
            return self.to_string();
        };
        let excerpt = &text[start..end];
        // The marked span: from the column to the end of the word (or one character).
        let line_start = line_offset(text, line).unwrap_or(start);
        let col = self.column.unwrap_or(1).max(1) as usize;
        let this_line = text[line_start..].lines().next().unwrap_or("");
        // A place past the end of the line (an expression that ends too early) marks the
        // line's last character.
        let at = this_line
            .char_indices()
            .nth(col - 1)
            .map(|(b, _)| b)
            .or_else(|| this_line.char_indices().last().map(|(b, _)| b))
            .unwrap_or(0);
        let word = this_line[at..]
            .find(|c: char| c.is_whitespace() || c == ':' || c == ',' || c == ']' || c == '}')
            .unwrap_or(this_line.len() - at)
            .max(this_line[at..].chars().next().map_or(0, char::len_utf8));
        let from = (line_start + at - start).min(excerpt.len());
        let to = (from + word).min(excerpt.len());
        let title = match &self.rule {
            Some(rule) => format!("rule `{rule}`: {}", self.message),
            None => self.message.clone(),
        };
        let mut report = vec![Level::ERROR.primary_title(&title).element(
            Snippet::source(excerpt)
                .line_start(first_line as usize)
                .path(&self.file)
                .fold(false)
                .annotation(AnnotationKind::Primary.span(from..to)),
        )];
        if let Some(hint) = &self.hint {
            report.push(Group::with_title(Level::HELP.secondary_title(hint)));
        }
        let renderer = if styled {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.render(&report)
    }
}

/// A path as a message shows it: on one line, its control characters escaped
/// ([`crate::vocab::inert`]).
pub fn shown(path: &std::path::Path) -> String {
    crate::vocab::inert(&path.display().to_string()).into_owned()
}

/// Byte offset where 1-based `line` starts.
fn line_offset(text: &str, line: u32) -> Option<usize> {
    if line <= 1 {
        return Some(0);
    }
    text.match_indices('\n')
        .nth(line as usize - 2)
        .map(|(i, _)| i + 1)
}

/// The byte range of lines `line - around ..= line + around` (clamped), and its first line.
fn window(text: &str, line: u32, around: u32) -> Option<(usize, usize, u32)> {
    let first = line.saturating_sub(around).max(1);
    let start = line_offset(text, first)?;
    let last_end = line_offset(text, line + around + 1).map_or(text.len(), |e| e - 1);
    let end = last_end.max(start).min(text.len());
    Some((start, end, first))
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The file's name on one line, whatever it holds (see `shown`).
        write!(f, "{}", crate::vocab::inert(&self.file))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        write!(f, ": ")?;
        if let Some(rule) = &self.rule {
            write!(f, "rule `{}`: ", crate::vocab::inert(rule))?;
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
    /// A labels file has one or more problems, or names documents that cannot be found; all
    /// are listed.
    #[error("{}", join(.0))]
    Labels(Vec<Diagnostic>),
    /// A template could not be loaded or rendered.
    #[error("template {name}: {message}")]
    Template {
        /// Template name or path.
        name: String,
        /// What went wrong.
        message: String,
    },
    /// A file could not be read or written.
    #[error("cannot {action} {}: {}", shown(.path), io_reason(.source))]
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

/// A configuration (or waiver file) that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// Problems located in the file.
    #[error("{}", lines(.0))]
    Invalid(Vec<Diagnostic>),
    /// The file could not be read.
    #[error("cannot read {}: {}", shown(.path), io_reason(.source))]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
}

/// Each problem on its line, without a count (configurations and waivers).
fn lines(diags: &[Diagnostic]) -> String {
    diags
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// An I/O failure in plain words (the OS's own words when there are none plainer).
pub(crate) fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => {
            "there is no such file or folder (check the path and the spelling)".into()
        }
        ErrorKind::PermissionDenied => "permission denied".into(),
        ErrorKind::IsADirectory => "it is a folder, not a file".into(),
        // `read_to_string` on text in another encoding (Windows-1252, UTF-16, …).
        ErrorKind::InvalidData => "it is not UTF-8 text; save it again as UTF-8 (\"Unicode \
                                   (UTF-8)\" in the encoding options of Save As)"
            .into(),
        _ => e.to_string(),
    }
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

/// The candidate closest to `word`, if close enough to be a typo: the "did you mean …?" of
/// every message about a misspelt key, rule id or vocabulary.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min()
        .map(|(_, c)| c)
}

/// Levenshtein distance in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
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
    fn rendered_like_rustc_with_the_lines_around_and_a_marker() {
        let src = "rules:\n  - id: a\n    wieght: 2\n    title: T\n";
        let d = Diagnostic::new("r.yaml", "unknown key `wieght` in a rule")
            .at(3, 5)
            .rule("a")
            .hint("did you mean `weight`?");
        let out = d.render(Some(src), false);
        assert_eq!(
            out,
            "error: rule `a`: unknown key `wieght` in a rule\n --> r.yaml:3:5\n  |\n1 | rules:\n2 |   - id: a\n3 |     wieght: 2\n  |     ^^^^^^\n4 |     title: T\n  |\nhelp: did you mean `weight`?"
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
