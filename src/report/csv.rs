//! The CSV report, tidy: one row per document, rulebook and rule, with a header, RFC 4180
//! quoting and UTF-8, for pandas (`pd.read_csv("report.csv")`), R (`read.csv`) or a
//! spreadsheet. A document that could not be read is one row with its `error` and the rule
//! columns empty. Written a document at a time, it reports a corpus of any size in the memory
//! of one document.

use crate::error::Error;
use crate::report::view::{DocumentError, DocumentView, ReportView};
use crate::vocab::{inert, inert_lines, number_text};
use std::io::Write;

/// The columns, in order.
pub const CSV_COLUMNS: [&str; 13] = [
    "path",
    "title",
    "date",
    "symbol",
    "rulebook",
    "rule",
    "weight",
    "verdict",
    "rule_score",
    "score",
    "passed",
    "cited",
    "error",
];

/// Writes the rows of documents as they come; the header first.
#[derive(Debug)]
pub struct CsvWriter<W: Write> {
    out: csv::Writer<W>,
}

impl<W: Write> CsvWriter<W> {
    /// A writer to `out`, the header written.
    pub fn new(out: W) -> std::io::Result<Self> {
        let mut out = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(out);
        out.write_record(CSV_COLUMNS).map_err(into_io)?;
        Ok(CsvWriter { out })
    }

    /// Writes one row per rule of `document`, checked against the rulebook `rulebook`.
    pub fn write(&mut self, rulebook: &str, document: &DocumentView) -> std::io::Result<()> {
        let score = number_text(document.score);
        let passed = match document.passed {
            Some(true) => "true",
            Some(false) => "false",
            None => "",
        };
        let (date, symbol) = document_identity(document);
        for rule in &document.rules {
            let cited = cited(rule);
            let row: [&str; 13] = [
                &document.path,
                document.title.as_deref().unwrap_or(""),
                date,
                symbol,
                rulebook,
                &rule.id,
                &rule.weight_text,
                rule.verdict.as_str(),
                &number_text(rule.score),
                &score,
                passed,
                &cited,
                "",
            ];
            // Each field on one line, its control characters escaped: a CSV file printed in
            // a CI log must not start a line with a workflow command from a name or title.
            self.out
                .write_record(row.map(|f| inert(f).into_owned()))
                .map_err(into_io)?;
        }
        self.out.flush()
    }

    /// Writes the row of a document that could not be read.
    pub fn write_error(&mut self, error: &DocumentError) -> std::io::Result<()> {
        let path = inert(&error.path);
        let message = inert_lines(&error.error);
        let mut row = [""; 13];
        row[0] = path.as_ref();
        row[12] = message.as_ref();
        self.out.write_record(row).map_err(into_io)?;
        self.out.flush()
    }

    /// The underlying writer, flushed.
    pub fn into_inner(self) -> std::io::Result<W> {
        self.out.into_inner().map_err(|e| e.into_error())
    }
}

/// The date and symbol the draft states, as the memos show them ("" when it states none).
fn document_identity(document: &DocumentView) -> (&str, &str) {
    (
        document.draft.date.as_deref().unwrap_or(""),
        document.draft.symbol.as_deref().unwrap_or(""),
    )
}

/// The paragraphs a rule's verdict rests on: `OP2; OP5(a)`, then those that deny the task,
/// `against OP7`; each once, in the order of the evidence.
fn cited(rule: &crate::report::view::RuleView) -> String {
    let mut seen: Vec<String> = Vec::new();
    for e in &rule.evidence {
        let item = if e.negated {
            format!("against {}", e.provision)
        } else {
            e.provision.clone()
        };
        if !seen.contains(&item) {
            seen.push(item);
        }
    }
    seen.join("; ")
}

fn into_io(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

/// The CSV report of `views` (one per rulebook): every document's rows under each rulebook,
/// then a row for each document that could not be read.
pub fn render_csv(views: &[ReportView]) -> Result<String, Error> {
    let fail = |e: std::io::Error| Error::Template {
        name: "csv".into(),
        message: e.to_string(),
    };
    let mut w = CsvWriter::new(Vec::new()).map_err(fail)?;
    for view in views {
        for d in &view.documents {
            w.write(&view.rulebook.id, d).map_err(fail)?;
        }
    }
    for e in views.first().map_or(&[][..], |v| &v.errors) {
        w.write_error(e).map_err(fail)?;
    }
    let bytes = w.into_inner().map_err(fail)?;
    String::from_utf8(bytes).map_err(|e| Error::Template {
        name: "csv".into(),
        message: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::view::tests::sample;
    use crate::report::view::ViewOptions;

    #[test]
    fn a_row_per_rule_with_a_header_and_quoting() {
        let (rulebook, assessment) = sample();
        let mut view = ReportView::build(&rulebook, &[assessment], &ViewOptions::default());
        view.documents[0].title = Some("Draft, \"revised\"".into());
        view.errors.push(DocumentError {
            path: "broken.txt".into(),
            error: "the file is empty".into(),
        });
        let text = render_csv(std::slice::from_ref(&view)).unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(header, CSV_COLUMNS);
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), view.documents[0].rules.len() + 1);
        let first = &rows[0];
        assert_eq!(&first[1], "Draft, \"revised\"", "quoted and read back");
        assert_eq!(&first[4], rulebook.id);
        assert_eq!(&first[5], view.documents[0].rules[0].id);
        assert!(text.contains("\"Draft, \"\"revised\"\"\""), "{text}");
        let last = rows.last().unwrap();
        assert_eq!(
            (&last[0], &last[12], &last[5]),
            ("broken.txt", "the file is empty", "")
        );
        assert!(text.ends_with("\r\n"));
    }
}
