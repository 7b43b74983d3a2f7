//! GitHub Actions workflow commands: one `::error`, `::warning` or `::notice` line per unmet or
//! partly met rule, which GitHub shows as an annotation on the draft's lines in a pull request.
//! Levels and lines come from [`findings`](crate::report::findings) (a SARIF `note` is a
//! GitHub `notice`). Values are escaped as the runner expects: in the message `%`, CR and LF;
//! in the properties (`file`, `title`) also `:` and `,`.

use crate::error::Error;
use crate::report::finding::{document_findings, Level};
use crate::report::view::{DocumentView, ReportView};

/// The view as GitHub Actions annotations, one per line, ending in a newline (empty when there
/// is nothing to report).
pub fn render_github(view: &ReportView) -> Result<String, Error> {
    Ok(view.documents.iter().map(document_github).collect())
}

/// The workflow commands of one document's findings: its part of [`render_github`].
pub fn document_github(document: &DocumentView) -> String {
    let mut out = String::new();
    for f in document_findings(document) {
        let command = match f.level {
            Level::Note => "notice",
            Level::Warning => "warning",
            Level::Error => "error",
        };
        let file = workspace_path(&f.document.path);
        out.push_str(&format!(
            "::{command} file={},line={},endLine={},title={}::{}\n",
            escape_property(&file),
            f.start_line,
            f.end_line,
            escape_property(&f.rule.id),
            escape_data(&f.message()),
        ));
    }
    out
}

/// The path as GitHub matches it against the repository: forward slashes, no leading `./`.
fn workspace_path(path: &str) -> String {
    let mut p = path.replace('\\', "/");
    while let Some(rest) = p.strip_prefix("./") {
        p = rest.to_string();
    }
    p
}

/// Escapes a command's message: `%`, `\r`, `\n` as the runner reads them; any other control,
/// bidirectional or noncharacter as a visible escape ([`crate::vocab::inert`]).
pub fn escape_data(s: &str) -> String {
    let s = s
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    crate::vocab::inert(&s).into_owned()
}

/// Escapes a command's property value: as [`escape_data`], and `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::view::tests::sample;
    use crate::report::view::ViewOptions;

    #[test]
    fn escapes_follow_the_runner() {
        assert_eq!(escape_data("50%\r\nnext"), "50%25%0D%0Anext");
        assert_eq!(escape_data("a\u{1b}[2Jb\u{202e}"), "a\\u{1b}[2Jb\\u{202e}");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }

    #[test]
    fn one_annotation_per_gap() {
        let (rulebook, assessment) = sample();
        let view = ReportView::build(&rulebook, &[assessment], &ViewOptions::default());
        assert_eq!(
            render_github(&view).unwrap(),
            "::notice file=drafts/one.md,line=30,endLine=31,title=expert-group::Missing: Do \
             Expert group. Against it: OP7. Suggested: Decides that the mission shall do it;\n"
        );
    }
}
