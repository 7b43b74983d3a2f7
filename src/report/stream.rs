//! Reports written a document at a time, so that a corpus of any size is reported in the
//! memory of a few documents: JSON, SARIF, JUnit, JSON Lines and CSV. Each gives the same
//! bytes as its whole-report renderer ([`to_json`](crate::report::to_json),
//! [`render_sarif`](crate::report::render_sarif), …) given the same documents.
//!
//! - **JSON** and **SARIF** write their opening at once, each document (its results) as it
//!   comes, and their end — the unreadable documents and warnings, the rules' descriptors —
//!   when [`Streamed::finish`] is given the report's header.
//! - **JUnit** opens with totals only known at the end, so the suites go to an anonymous
//!   temporary file (deleted by the system however the process ends) and are copied after
//!   the opening when the run is over.
//! - **JSON Lines** and **CSV** write a line (rows) a document, and the unreadable documents
//!   at the end.
//! - **github** and **lines** write a document's findings as it comes.
//! - The **summary** (text) renders each document with the embedded `summary` template as
//!   the only document of a report, a blank line before all but the first, and the
//!   unreadable documents at the end. A `summary` template of the user's is rendered whole.

use crate::report::csv::CsvWriter;
use crate::report::json::pretty_json;
use crate::report::jsonl::JsonlWriter;
use crate::report::junit::{suite, xml};
use crate::report::sarif::{document_results, log, rule_index};
use crate::report::view::{DocumentView, ReportView, RuleView};
use crate::report::{Format, Renderer, SUMMARY_TEMPLATE};
use quick_junit::Report;
use std::fs::File;
use std::io::{self, BufWriter, Seek, Write};

/// A report being written a document at a time.
#[derive(Debug)]
pub enum Streamed<W: Write> {
    /// The JSON report.
    Json(JsonStream<W>),
    /// The SARIF log.
    Sarif(SarifStream<W>),
    /// The JUnit XML report.
    Junit(JunitStream<W>),
    /// JSON Lines.
    Jsonl(JsonlWriter<W>),
    /// CSV.
    Csv(CsvWriter<W>),
    /// The summary, with the embedded template (boxed: it holds a renderer and a report).
    Summary(Box<SummaryStream<W>>),
    /// GitHub workflow commands, or `path:line:1:` lines: a document's findings at a time.
    Findings(W, fn(&DocumentView) -> String),
}

impl<W: Write> Streamed<W> {
    /// Starts writing `format` to `out` for the report whose header (rulebook, bar, date)
    /// is `header`; `None` for a format that is only written whole (the memos). The summary
    /// is written with the embedded template, with terminal styles when `styled` (see
    /// [`Renderer::set_styles`]).
    pub fn start(
        format: Format,
        out: W,
        header: &ReportView,
        styled: bool,
    ) -> io::Result<Option<Self>> {
        Ok(Some(match format {
            Format::Json => Streamed::Json(JsonStream::new(out, header)?),
            Format::Sarif => Streamed::Sarif(SarifStream::new(out, header)?),
            Format::Junit => Streamed::Junit(JunitStream::new(out, header)?),
            Format::Jsonl => Streamed::Jsonl(JsonlWriter::new(out)),
            Format::Csv => Streamed::Csv(CsvWriter::new(out)?),
            Format::Text => Streamed::Summary(Box::new(SummaryStream::new(out, header, styled))),
            Format::Github => Streamed::Findings(out, crate::report::github::document_github),
            Format::Lines => Streamed::Findings(out, crate::report::lines::document_lines),
            _ => return Ok(None),
        }))
    }

    /// Writes one document, checked against the rulebook whose id is `rulebook`.
    pub fn document(&mut self, rulebook: &str, document: &DocumentView) -> io::Result<()> {
        match self {
            Streamed::Json(s) => s.document(document),
            Streamed::Sarif(s) => s.document(document),
            Streamed::Junit(s) => s.document(rulebook, document),
            Streamed::Jsonl(s) => s.write(document),
            Streamed::Csv(s) => s.write(rulebook, document),
            Streamed::Summary(s) => s.document(document),
            Streamed::Findings(out, lines) => out.write_all(lines(document).as_bytes()),
        }
    }

    /// Writes the end of the report — `header` holds its unreadable documents and warnings,
    /// and no documents — and returns the output.
    pub fn finish(self, header: &ReportView) -> io::Result<W> {
        match self {
            Streamed::Json(s) => s.finish(header),
            Streamed::Sarif(s) => s.finish(header),
            Streamed::Junit(s) => s.finish(header),
            Streamed::Jsonl(mut s) => {
                for e in &header.errors {
                    s.write_error(e)?;
                }
                Ok(s.into_inner())
            }
            Streamed::Csv(mut s) => {
                for e in &header.errors {
                    s.write_error(e)?;
                }
                s.into_inner()
            }
            Streamed::Summary(s) => (*s).finish(header),
            Streamed::Findings(out, _) => Ok(out),
        }
    }
}

/// The summary written a document at a time with the embedded `summary` template, which
/// puts a blank line between documents and the unreadable documents after them: each
/// document is rendered as the only document of the report, and the unreadable ones as a
/// report without documents.
pub struct SummaryStream<W: Write> {
    out: W,
    renderer: Renderer,
    /// The report without documents, unreadable documents or warnings; each document is
    /// rendered in it.
    report: ReportView,
    written: usize,
}

impl<W: Write> std::fmt::Debug for SummaryStream<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SummaryStream")
            .field("written", &self.written)
            .finish_non_exhaustive()
    }
}

impl<W: Write> SummaryStream<W> {
    fn new(out: W, header: &ReportView, styled: bool) -> Self {
        let mut renderer = Renderer::embedded();
        renderer.set_styles(styled);
        let mut report = without_documents(header).into_owned();
        report.errors.clear();
        report.warnings.clear();
        SummaryStream {
            out,
            renderer,
            report,
            written: 0,
        }
    }

    /// The report rendered with the summary template. The data is the report as it is,
    /// without what [`template_data`](crate::report::memo::template_data) adds for the memos
    /// (their dates, draft, appendix, the gaps in order): the summary uses none of it, and
    /// working it out for every document took a third of a corpus run.
    fn render(&self) -> io::Result<String> {
        self.renderer
            .render_data(SUMMARY_TEMPLATE, &self.report)
            .map_err(|e| io::Error::other(e.to_string()))
    }

    fn document(&mut self, document: &DocumentView) -> io::Result<()> {
        self.report.documents.push(without_unprinted(document));
        let text = self.render();
        self.report.documents.clear();
        if self.written > 0 {
            self.out.write_all(b"\n")?;
        }
        self.out.write_all(text?.as_bytes())?;
        self.written += 1;
        Ok(())
    }

    fn finish(mut self, header: &ReportView) -> io::Result<W> {
        self.report.errors = header.errors.clone();
        self.report.warnings = header.warnings.clone();
        let text = self.render()?;
        self.out.write_all(text.as_bytes())?;
        Ok(self.out)
    }
}

/// `document` without the fields of its rules that the summary does not print (their
/// recommendation, rationale, quote, suggested language and criteria), which are most of its
/// text: the summary renders each document's data anew, and copying them took a third of
/// that. The test `the_summary_template_uses_nothing_only_the_memos_get` holds the template
/// to it.
fn without_unprinted(document: &DocumentView) -> DocumentView {
    let rules = document
        .rules
        .iter()
        .map(|r| RuleView {
            id: r.id.clone(),
            title: r.title.clone(),
            area: r.area.clone(),
            weight: r.weight,
            weight_text: r.weight_text.clone(),
            verdict: r.verdict,
            verdict_label: r.verdict_label.clone(),
            symbol: r.symbol.clone(),
            score: r.score,
            gap: r.gap,
            recommendation: String::new(),
            rationale: String::new(),
            quote: String::new(),
            suggested: String::new(),
            criteria: Vec::new(),
            evidence: r.evidence.clone(),
            reference: r.reference.clone(),
            waived: r.waived.clone(),
            waiver_expired: r.waiver_expired.clone(),
            place: r.place.clone(),
        })
        .collect();
    DocumentView {
        path: document.path.clone(),
        title: document.title.clone(),
        heading: document.heading.clone(),
        score: document.score,
        score_text: document.score_text.clone(),
        passed: document.passed,
        counts: document.counts,
        bottom_line: document.bottom_line.clone(),
        rules,
        gaps: document.gaps.clone(),
        failures: document.failures.clone(),
        bar_text: document.bar_text.clone(),
        anchor_line: document.anchor_line,
        draft: document.draft.clone(),
    }
}

/// The JSON report written a document at a time.
#[derive(Debug)]
pub struct JsonStream<W: Write> {
    out: W,
    written: usize,
}

/// Where the documents go in the pretty-printed JSON of a report without documents.
const DOCUMENTS: &str = "\"documents\": []";

impl<W: Write> JsonStream<W> {
    fn new(mut out: W, header: &ReportView) -> io::Result<Self> {
        let text = pretty_json(&without_documents(header));
        let (head, _) = split_at(&text, DOCUMENTS)?;
        out.write_all(head.as_bytes())?;
        Ok(JsonStream { out, written: 0 })
    }

    fn document(&mut self, document: &DocumentView) -> io::Result<()> {
        let text = crate::report::json::pretty_fragment(document)?;
        element(&mut self.out, self.written, &text, 4)?;
        self.written += 1;
        Ok(())
    }

    fn finish(mut self, header: &ReportView) -> io::Result<W> {
        let text = pretty_json(&without_documents(header));
        let (_, tail) = split_at(&text, DOCUMENTS)?;
        close(&mut self.out, self.written, 2)?;
        self.out.write_all(tail.as_bytes())?;
        Ok(self.out)
    }
}

/// The SARIF log written a document's results at a time; the rules' descriptors, which come
/// after the results, at the end.
#[derive(Debug)]
pub struct SarifStream<W: Write> {
    out: W,
    written: usize,
    /// The rules in the order the documents list them (the driver's list).
    rules: Vec<RuleView>,
}

/// Where the results go in the pretty-printed log of a run without results.
const RESULTS: &str = "\"results\": []";

impl<W: Write> SarifStream<W> {
    fn new(mut out: W, header: &ReportView) -> io::Result<Self> {
        let text = pretty_json(&log(header, &[], Vec::new()));
        let (head, _) = split_at(&text, RESULTS)?;
        out.write_all(head.as_bytes())?;
        Ok(SarifStream {
            out,
            written: 0,
            rules: Vec::new(),
        })
    }

    fn document(&mut self, document: &DocumentView) -> io::Result<()> {
        for rule in &document.rules {
            if !self.rules.iter().any(|r| r.id == rule.id) {
                self.rules.push(rule.clone());
            }
        }
        let rules: Vec<&RuleView> = self.rules.iter().collect();
        let index = rule_index(&rules);
        for result in document_results(document, &index) {
            let text = crate::report::json::pretty_fragment(&result)?;
            element(&mut self.out, self.written, &text, 8)?;
            self.written += 1;
        }
        Ok(())
    }

    fn finish(mut self, header: &ReportView) -> io::Result<W> {
        let rules: Vec<&RuleView> = self.rules.iter().collect();
        let text = pretty_json(&log(header, &rules, Vec::new()));
        let (_, tail) = split_at(&text, RESULTS)?;
        close(&mut self.out, self.written, 6)?;
        self.out.write_all(tail.as_bytes())?;
        Ok(self.out)
    }
}

/// The JUnit report: the suites spooled to an anonymous temporary file, the totals counted,
/// and the whole written at the end.
#[derive(Debug)]
pub struct JunitStream<W: Write> {
    out: W,
    spool: BufWriter<File>,
    /// The totals, without suites.
    totals: Report,
    written: usize,
}

impl<W: Write> JunitStream<W> {
    fn new(out: W, header: &ReportView) -> io::Result<Self> {
        Ok(JunitStream {
            out,
            spool: BufWriter::new(tempfile::tempfile()?),
            totals: Report::new(header.tool.name.as_str()),
            written: 0,
        })
    }

    fn document(&mut self, rulebook: &str, document: &DocumentView) -> io::Result<()> {
        let mut one = Report::new("suite");
        one.add_test_suite(suite(document, rulebook, false));
        let text = xml(&one).map_err(io::Error::other)?;
        let (_, suites, _) = junit_parts(&text)?;
        self.spool.write_all(suites.as_bytes())?;
        self.totals.add_test_suites(one.test_suites.drain(..));
        self.totals.test_suites.clear();
        self.written += 1;
        Ok(())
    }

    fn finish(mut self, _header: &ReportView) -> io::Result<W> {
        if self.written == 0 {
            let text = xml(&self.totals).map_err(io::Error::other)?;
            self.out.write_all(text.as_bytes())?;
            return Ok(self.out);
        }
        // The totals around one placeholder suite give the opening and the end.
        let mut shell = self.totals.clone();
        shell
            .test_suites
            .push(quick_junit::TestSuite::new("placeholder"));
        let text = xml(&shell).map_err(io::Error::other)?;
        let (head, _, tail) = junit_parts(&text)?;
        self.out.write_all(head.as_bytes())?;
        let mut spool = self.spool.into_inner().map_err(|e| e.into_error())?;
        spool.rewind()?;
        io::copy(&mut spool, &mut self.out)?;
        self.out.write_all(tail.as_bytes())?;
        Ok(self.out)
    }
}

/// A JUnit report cut into its opening (through the `<testsuites …>` line), its suites and
/// its end (from `</testsuites>`).
fn junit_parts(text: &str) -> io::Result<(&str, &str, &str)> {
    let broken = || io::Error::other("the JUnit report has no <testsuites> element");
    let open = text.find("<testsuites").ok_or_else(broken)?;
    let body = open + text[open..].find(">\n").ok_or_else(broken)? + 2;
    let end = text.rfind("</testsuites>").ok_or_else(broken)?;
    if end < body {
        return Err(broken());
    }
    Ok((&text[..body], &text[body..end], &text[end..]))
}

/// `header` without its documents (a streamed run's header has none; this makes sure).
fn without_documents(header: &ReportView) -> std::borrow::Cow<'_, ReportView> {
    if header.documents.is_empty() {
        std::borrow::Cow::Borrowed(header)
    } else {
        let mut h = header.clone();
        h.documents.clear();
        std::borrow::Cow::Owned(h)
    }
}

/// `text` before and after `marker`'s empty array: the head ends with the key and `: `,
/// the tail begins after the `[]`.
fn split_at<'a>(text: &'a str, marker: &str) -> io::Result<(&'a str, &'a str)> {
    let at = text
        .find(marker)
        .ok_or_else(|| io::Error::other(format!("the report has no {marker}")))?;
    let key = marker.len() - "[]".len();
    Ok((&text[..at + key], &text[at + marker.len()..]))
}

/// Writes one element of a pretty-printed array whose elements are indented by `indent`
/// spaces: the opening bracket before the first, a comma before the others.
fn element(out: &mut impl Write, written: usize, text: &str, indent: usize) -> io::Result<()> {
    out.write_all(if written == 0 { b"[\n" } else { b",\n" })?;
    let pad = " ".repeat(indent);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
        }
        out.write_all(pad.as_bytes())?;
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// Closes a pretty-printed array whose closing bracket is indented by `indent` spaces: `[]`
/// when it has no element, else a line with the bracket.
fn close(out: &mut impl Write, written: usize, indent: usize) -> io::Result<()> {
    if written == 0 {
        out.write_all(b"[]")
    } else {
        write!(out, "\n{}]", " ".repeat(indent))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::view::tests::sample;
    use crate::report::view::{DocumentError, ViewOptions};
    use crate::report::{render_csv, render_jsonl, render_junit, render_sarif, to_json};

    /// Each streamed format against its whole renderer, for no, one and three documents,
    /// with and without an unreadable document and a warning.
    #[test]
    fn streamed_reports_are_the_whole_reports_byte_for_byte() {
        let (rulebook, assessment) = sample();
        for n in [0, 1, 3] {
            for troubled in [false, true] {
                let options = ViewOptions { bar: Some(50.0) };
                let mut whole =
                    ReportView::build(&rulebook, &vec![assessment.clone(); n], &options);
                if troubled {
                    whole.errors.push(DocumentError {
                        path: "gone.md".into(),
                        error: "cannot read gone.md: not found".into(),
                    });
                    whole.warnings.push("a waiver expired".into());
                }
                let mut header = whole.clone();
                header.documents.clear();
                for (format, styled) in [
                    (Format::Json, false),
                    (Format::Sarif, false),
                    (Format::Junit, false),
                    (Format::Jsonl, false),
                    (Format::Csv, false),
                    (Format::Text, false),
                    (Format::Text, true),
                    (Format::Github, false),
                    (Format::Lines, false),
                ] {
                    let expected = match format {
                        Format::Json => to_json(&whole),
                        Format::Sarif => render_sarif(&whole).unwrap(),
                        Format::Junit => render_junit(&whole, false).unwrap(),
                        Format::Jsonl => render_jsonl(&whole).unwrap(),
                        Format::Github => crate::report::render_github(&whole).unwrap(),
                        Format::Lines => crate::report::render_lines(&whole).unwrap(),
                        Format::Text => {
                            let mut r = Renderer::embedded();
                            r.set_styles(styled);
                            crate::report::render_with(&r, format, &whole).unwrap()
                        }
                        _ => render_csv(std::slice::from_ref(&whole)).unwrap(),
                    };
                    let mut s = Streamed::start(format, Vec::new(), &header, styled)
                        .unwrap()
                        .unwrap();
                    for d in &whole.documents {
                        s.document(&whole.rulebook.id, d).unwrap();
                    }
                    let got = String::from_utf8(s.finish(&header).unwrap()).unwrap();
                    assert_eq!(
                        got, expected,
                        "{format}, {n} documents, troubled {troubled}, styled {styled}"
                    );
                }
            }
        }
    }

    /// The keys of `with` that `without` lacks, at any depth (arrays read element by element).
    fn added_keys(with: &serde_json::Value, without: &serde_json::Value, out: &mut Vec<String>) {
        use serde_json::Value;
        match (with, without) {
            (Value::Object(a), Value::Object(b)) => {
                for (k, v) in a {
                    match b.get(k) {
                        Some(w) => added_keys(v, w, out),
                        None => out.push(k.clone()),
                    }
                }
            }
            (Value::Array(a), Value::Array(b)) => {
                for (v, w) in a.iter().zip(b) {
                    added_keys(v, w, out);
                }
            }
            _ => {}
        }
    }

    /// The streamed summary renders the bare report, not the memos' template data, and
    /// without the rules' long texts: the summary template must name none of them.
    #[test]
    fn the_summary_template_uses_nothing_only_the_memos_get() {
        let (rulebook, assessment) = sample();
        let mut view = ReportView::build(&rulebook, &[assessment], &ViewOptions::default());
        view.date = Some("7 December 2026".into());
        let mut added = Vec::new();
        added_keys(
            &crate::report::memo::template_data(&view),
            &serde_json::to_value(&view).unwrap(),
            &mut added,
        );
        assert!(added.contains(&"appendix".to_string()), "{added:?}");
        // What `without_unprinted` leaves out.
        added.extend(
            [
                "recommendation",
                "rationale",
                "quote",
                "suggested",
                "criteria",
            ]
            .map(String::from),
        );
        let (_, _, text) = crate::report::EMBEDDED
            .iter()
            .find(|(name, _, _)| *name == SUMMARY_TEMPLATE)
            .unwrap();
        let words: Vec<&str> = text
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .collect();
        for key in &added {
            assert!(!words.contains(&key.as_str()), "the summary uses {key}");
        }
    }

    #[test]
    fn the_machine_formats_and_the_summary_stream() {
        let (rulebook, _) = sample();
        let header = ReportView::header(&rulebook, &ViewOptions::default());
        for format in Format::ALL {
            let started = Streamed::start(format, Vec::new(), &header, false).unwrap();
            assert_eq!(started.is_some(), format.streams(), "{format}");
        }
    }
}
