//! Reports: one typed view model ([`ReportView`]) read by every format — JSON serialises it,
//! the Handlebars templates lay it out — and the atomic writer for `--output`. Reports read
//! assessments; they never evaluate.

pub mod explain;
mod json;
mod output;
mod render;
mod view;

pub use json::to_json;
pub use output::write_atomic;
pub use render::{template_name, Renderer, EMBEDDED};
pub use view::{
    Counts, CriterionView, DocumentView, EvidenceView, ReportView, RuleView, RulebookView,
    ToolView, ViewOptions, REPORT_VERSION,
};

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
}

impl Format {
    /// All formats, in the order shown to users.
    pub const ALL: [Format; 3] = [Format::Text, Format::Json, Format::Markdown];

    /// The name users type.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Markdown => "markdown",
        }
    }

    /// The template that renders this format, if it is a template format.
    pub fn template(self) -> Option<&'static str> {
        match self {
            Format::Text => Some("summary"),
            Format::Json => None,
            Format::Markdown => Some("memo"),
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
            .ok_or_else(|| format!("unknown format `{s}` (expected text, json or markdown)"))
    }
}

/// Renders `view` in `format` with the embedded templates.
pub fn render(format: Format, view: &ReportView) -> Result<String, Error> {
    render_with(&Renderer::embedded(), format, view)
}

/// Renders `view` in `format` with `renderer`'s templates (a user's overrides included).
pub fn render_with(
    renderer: &Renderer,
    format: Format,
    view: &ReportView,
) -> Result<String, Error> {
    match format.template() {
        Some(name) => renderer.render(name, view),
        None => Ok(to_json(view)),
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
        assert!("html".parse::<Format>().is_err());
    }
}
