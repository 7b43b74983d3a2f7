//! Reports: one typed view model ([`ReportView`]) read by every format — JSON serialises it,
//! the Handlebars templates lay it out, SARIF, JUnit, GitHub annotations and editor lines list
//! its [`findings`] — the trend of a mandate across its versions ([`trend_view`]), and the
//! atomic writer for `--output`. Reports read assessments; they never evaluate.

pub mod baseline;
mod csv;
pub mod diff;
mod docx;
pub mod explain;
mod finding;
mod github;
mod json;
mod jsonl;
mod junit;
mod lines;
pub mod memo;
mod outline;
mod output;
pub(crate) mod render;
mod sarif;
mod stream;
mod trend;
mod view;

pub use csv::{render_csv, CsvWriter, CSV_COLUMNS};
pub use docx::{render_docx, PARTS as DOCX_PARTS};
pub use finding::{findings, fingerprint, uri_reference, Finding, Level, FINGERPRINT_KEY};
pub use github::{escape_data, escape_property, render_github};
pub use json::{pretty_json, to_json};
pub use jsonl::{render_jsonl, JsonlWriter};
pub use junit::render_junit;
pub use lines::render_lines;
pub use outline::render_outline;
pub use output::{remove_temporary_files, write_atomic, write_bytes_atomic, AtomicFile};
pub use render::{template_name, Renderer, EMBEDDED};
pub use sarif::{render_sarif, sarif_log, SARIF_SCHEMA_URI};
pub use stream::{JsonStream, JunitStream, SarifStream, Streamed};
pub use trend::{
    render_trend, render_trend_with, sort_by_date, trend_view, TrendCell, TrendChart, TrendColumn,
    TrendPoint, TrendRow, TrendTick, TrendView,
};
pub use view::{
    Counts, CriterionView, DocumentView, EvidenceView, ReportView, RuleView, RulebookView,
    ToolView, ViewOptions, REPORT_VERSION,
};
pub use view::{Decisions, DocumentError, MemoMeta, Place};

use crate::error::Error;
use std::fmt;
use std::str::FromStr;

/// The output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// The terminal summary (template `summary`).
    #[default]
    Text,
    /// The JSON report.
    Json,
    /// The Markdown briefing memo (template `memo`).
    Markdown,
    /// The HTML briefing memo, one self-contained page (template `memo.html`).
    Html,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// JUnit XML; partly met rules pass with a note.
    Junit,
    /// GitHub Actions annotations.
    Github,
    /// One `path:line:col: verdict rule-id: recommendation` line per finding, for editors.
    Lines,
    /// JSON Lines: one document a line (the JSON report's `documents` entries), streamed as
    /// each document is judged when it is the run's only output.
    Jsonl,
    /// CSV, tidy: one row per document, rulebook and rule; streamed like `Jsonl`.
    Csv,
    /// The briefing memo as a Word document (.docx): bytes, written to a file
    /// ([`render_docx`]).
    Docx,
}

impl Format {
    /// All formats, in the order shown to users.
    pub const ALL: [Format; 11] = [
        Format::Text,
        Format::Json,
        Format::Markdown,
        Format::Html,
        Format::Sarif,
        Format::Junit,
        Format::Github,
        Format::Lines,
        Format::Jsonl,
        Format::Csv,
        Format::Docx,
    ];

    /// The name users type.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Sarif => "sarif",
            Format::Junit => "junit",
            Format::Github => "github",
            Format::Lines => "lines",
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::Docx => "docx",
        }
    }

    /// The format a file's extension suggests (`c.html` → html), for the warning when an
    /// `--output`'s name contradicts its format. Extensions several formats use (`.xml`
    /// for JUnit, `.txt` for text, lines and github) name the most usual one.
    pub fn for_extension(ext: &str) -> Option<Format> {
        Some(match ext.to_ascii_lowercase().as_str() {
            "txt" | "log" => Format::Text,
            "json" => Format::Json,
            "md" | "markdown" => Format::Markdown,
            "html" | "htm" => Format::Html,
            "sarif" => Format::Sarif,
            "xml" => Format::Junit,
            "jsonl" | "ndjson" => Format::Jsonl,
            "csv" => Format::Csv,
            _ => return None,
        })
    }

    /// Whether the format can be written a document at a time ([`Streamed`]): all but the
    /// memos (the summary with its embedded template: see [`Renderer::is_embedded`]).
    pub fn streams(self) -> bool {
        !matches!(self, Format::Markdown | Format::Html | Format::Docx)
    }

    /// Whether a file named `*.EXT` suits this format: its own extensions, and the
    /// neighbours that tools expect (`report.sarif.json`, `annotations.txt`).
    pub fn suits_extension(self, ext: &str) -> bool {
        match Format::for_extension(ext) {
            None => true,
            Some(f) if f == self => true,
            Some(Format::Json) => matches!(self, Format::Sarif),
            Some(Format::Text) => matches!(self, Format::Github | Format::Lines),
            Some(_) => false,
        }
    }

    /// The template that renders this format, if it is a template format.
    pub fn template(self) -> Option<&'static str> {
        match self {
            Format::Text => Some(SUMMARY_TEMPLATE),
            Format::Markdown => Some("memo"),
            Format::Html => Some("memo.html"),
            _ => None,
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Format::ALL
            .into_iter()
            .find(|f| f.as_str() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = Format::ALL.iter().map(|f| f.as_str()).collect();
                format!(
                    "unknown format `{s}` (expected one of {})",
                    names.join(", ")
                )
            })
    }
}

/// Renders `view` in `format` with the embedded templates.
pub fn render(format: Format, view: &ReportView) -> Result<String, Error> {
    render_with(&Renderer::embedded(), format, view)
}

/// The name of the summary's template (the text format's): the embedded one streams.
pub const SUMMARY_TEMPLATE: &str = "summary";

/// Renders `view` in `format` with `renderer`'s templates (a user's overrides included).
pub fn render_with(
    renderer: &Renderer,
    format: Format,
    view: &ReportView,
) -> Result<String, Error> {
    match format.template() {
        Some(name) => renderer.render(name, view),
        None => match format {
            Format::Sarif => render_sarif(view),
            Format::Junit => render_junit(view, false),
            Format::Github => render_github(view),
            Format::Lines => render_lines(view),
            Format::Jsonl => render_jsonl(view),
            Format::Csv => render_csv(std::slice::from_ref(view)),
            Format::Docx => Err(Error::Template {
                name: "docx".into(),
                message: "a Word document is not text: write it with `render_docx`".into(),
            }),
            _ => Ok(to_json(view)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_round_trip_their_names() {
        for f in Format::ALL {
            assert_eq!(f.as_str().parse::<Format>(), Ok(f));
        }
        assert!("pdf".parse::<Format>().is_err());
    }

    #[test]
    fn extensions_that_contradict_a_format_are_told_apart() {
        assert!(Format::Html.suits_extension("html"));
        assert!(Format::Html.suits_extension("HTM"));
        assert!(!Format::Text.suits_extension("html"));
        assert!(Format::Sarif.suits_extension("json"));
        assert!(Format::Junit.suits_extension("xml"));
        assert!(Format::Lines.suits_extension("txt"));
        assert!(!Format::Json.suits_extension("md"));
        // An extension no format claims is never contradicted.
        assert!(Format::Markdown.suits_extension("out"));
    }
}
