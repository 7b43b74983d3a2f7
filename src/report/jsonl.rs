//! The JSON Lines report: one document a line, each the same object as an entry of the JSON
//! report's `documents`, then one `{"path", "error"}` line for each document that could not be
//! read. Written a line at a time, it reports a corpus of any size in the memory of one
//! document.

use crate::error::Error;
use crate::report::view::{DocumentError, DocumentView, ReportView};
use serde::Serialize;
use std::io::{self, Write};

/// Writes documents as JSON Lines, flushing after each line so that a reader downstream sees
/// every document as soon as it is written.
#[derive(Debug)]
pub struct JsonlWriter<W: Write> {
    out: W,
    written: usize,
    /// The line being made, written to `out` whole: serialising straight into standard
    /// output sent it in pieces of a few bytes through its line buffer, and a 17.6 kB line in
    /// about twenty system calls.
    buffer: Vec<u8>,
}

impl<W: Write> JsonlWriter<W> {
    /// A writer to `out`.
    pub fn new(out: W) -> Self {
        JsonlWriter {
            out,
            written: 0,
            buffer: Vec::new(),
        }
    }

    /// Writes one document as one line.
    pub fn write(&mut self, document: &DocumentView) -> io::Result<()> {
        self.line(document)?;
        self.written += 1;
        Ok(())
    }

    /// Writes the line of a document that could not be read.
    pub fn write_error(&mut self, error: &DocumentError) -> io::Result<()> {
        self.line(error)
    }

    fn line<T: Serialize>(&mut self, value: &T) -> io::Result<()> {
        self.buffer.clear();
        crate::report::json::write_compact(&mut self.buffer, value)?;
        self.buffer.push(b'\n');
        self.out.write_all(&self.buffer)?;
        self.out.flush()
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

/// The JSON Lines report of `view`: its documents, then its errors.
pub fn render_jsonl(view: &ReportView) -> Result<String, Error> {
    let mut w = JsonlWriter::new(Vec::new());
    let wrote = view
        .documents
        .iter()
        .try_for_each(|d| w.write(d))
        .and_then(|()| view.errors.iter().try_for_each(|e| w.write_error(e)));
    wrote.map_err(|e| Error::Template {
        name: "jsonl".into(),
        message: e.to_string(),
    })?;
    String::from_utf8(w.into_inner()).map_err(|e| Error::Template {
        name: "jsonl".into(),
        message: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::view::tests::sample;
    use crate::report::view::ViewOptions;

    #[test]
    fn one_document_a_line_as_in_the_json_report_then_the_errors() {
        let (rulebook, assessment) = sample();
        let options = ViewOptions { bar: Some(50.0) };
        let mut report = ReportView::build(&rulebook, &[assessment.clone(), assessment], &options);
        report.errors.push(DocumentError {
            path: "drafts/gone.md".into(),
            error: "cannot read drafts/gone.md: not found".into(),
        });
        let text = render_jsonl(&report).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(text.ends_with('\n'));
        let json: serde_json::Value = serde_json::to_value(&report).unwrap();
        let line: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
        assert_eq!(line, json["documents"][0]);
        assert_eq!(lines[0], lines[1]);
        assert_eq!(
            lines[2],
            r#"{"path":"drafts/gone.md","error":"cannot read drafts/gone.md: not found"}"#
        );
    }
}
