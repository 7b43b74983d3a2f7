//! One line per finding, as compilers print them, for editors and terminals that jump to
//! `path:line:column`: `drafts/one.md:30:1: missing expert-group: <recommendation>`. The
//! column is always 1 (findings cover whole paragraphs); the path is printed as given; lines
//! and order come from [`findings`](crate::report::findings).

use crate::error::Error;
use crate::report::finding::document_findings;
use crate::report::view::{DocumentView, ReportView};
use crate::vocab::inert;

/// The view as `path:line:1: verdict rule-id: recommendation` lines, ending in a newline
/// (empty when there is nothing to report).
pub fn render_lines(view: &ReportView) -> Result<String, Error> {
    Ok(view.documents.iter().map(document_lines).collect())
}

/// The lines of one document's findings: its part of [`render_lines`].
pub fn document_lines(document: &DocumentView) -> String {
    let mut out = String::new();
    for f in document_findings(document) {
        // A recommendation is one sentence, but keep the one-line promise whatever it holds.
        let recommendation = f.rule.recommendation.split_whitespace().collect::<Vec<_>>();
        // Names and words from input on one line, their control characters escaped.
        out.push_str(&format!(
            "{}:{}:1: {} {}: {}\n",
            inert(&f.document.path),
            f.start_line,
            f.rule.verdict,
            inert(&f.rule.id),
            inert(&recommendation.join(" "))
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::view::tests::sample;
    use crate::report::view::ViewOptions;

    #[test]
    fn one_line_per_gap() {
        let (rulebook, assessment) = sample();
        let view = ReportView::build(&rulebook, &[assessment], &ViewOptions::default());
        assert_eq!(
            render_lines(&view).unwrap(),
            "drafts/one.md:30:1: missing expert-group: Do Expert group.\n"
        );
    }
}
