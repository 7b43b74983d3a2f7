//! The JSON Lines report: one document a line, each the same object as an entry of the JSON
//! report's `documents`, written as soon as it is ready. Nothing is gathered, so a corpus of
//! any size is reported in the memory of one document.

use crate::evaluate::Assessment;
use crate::report::view::{DocumentView, ViewOptions};
use crate::rulebook::Rulebook;
use std::io::{self, Write};

/// Writes assessments as JSON Lines, one document a line, flushing after each line so that a
/// reader downstream sees every document as soon as it is written.
#[derive(Debug)]
pub struct JsonlWriter<W: Write> {
    out: W,
    options: ViewOptions,
    written: usize,
}

impl<W: Write> JsonlWriter<W> {
    /// A writer to `out`; `options` decide what a document's view says (the bar).
    pub fn new(out: W, options: ViewOptions) -> Self {
        JsonlWriter {
            out,
            options,
            written: 0,
        }
    }

    /// Writes one document, made with `rulebook`, as one line.
    pub fn write(&mut self, rulebook: &Rulebook, assessment: &Assessment) -> io::Result<()> {
        let doc = document_view(rulebook, assessment, &self.options);
        serde_json::to_writer(&mut self.out, &doc)?;
        self.out.write_all(b"\n")?;
        self.out.flush()?;
        self.written += 1;
        Ok(())
    }

    /// Number of documents written.
    pub fn written(&self) -> usize {
        self.written
    }

    /// The underlying writer.
    pub fn into_inner(self) -> W {
        self.out
    }
}

/// Writes every assessment of `assessments`, in order, one a line, as each arrives; returns
/// how many were written.
pub fn write_jsonl<W, I>(
    out: W,
    rulebook: &Rulebook,
    assessments: I,
    options: &ViewOptions,
) -> io::Result<usize>
where
    W: Write,
    I: IntoIterator<Item = Assessment>,
{
    let mut w = JsonlWriter::new(out, options.clone());
    for a in assessments {
        w.write(rulebook, &a)?;
    }
    Ok(w.written())
}

/// The view of one document: the view of a report holding it alone, so that a line is byte
/// for byte what the JSON report holds for the document.
fn document_view(
    rulebook: &Rulebook,
    assessment: &Assessment,
    options: &ViewOptions,
) -> DocumentView {
    DocumentView::build(rulebook, assessment, options)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::view::tests::sample;
    use crate::report::view::ReportView;

    #[test]
    fn one_document_a_line_as_in_the_json_report() {
        let (rulebook, assessment) = sample();
        let options = ViewOptions { bar: Some(50.0) };
        let mut out = Vec::new();
        let n = write_jsonl(
            &mut out,
            &rulebook,
            [assessment.clone(), assessment.clone()],
            &options,
        )
        .unwrap();
        assert_eq!(n, 2);
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(text.ends_with('\n'));
        let report = ReportView::build(&rulebook, &[assessment], &options);
        let json: serde_json::Value = serde_json::to_value(&report).unwrap();
        let line: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
        assert_eq!(line, json["documents"][0]);
        assert_eq!(lines[0], lines[1]);
    }
}
