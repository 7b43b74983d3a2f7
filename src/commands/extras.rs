//! `read` (how a draft was read: an outline, or its structured description), `trend` (a
//! mandate's score and verdicts across its versions, as a Markdown table or an HTML page with
//! a chart), and the shell completions and man page generated from the command line's own
//! definition.

use super::{config, cwd, deliver, refuse_output_over_inputs, rulebook, Outcome, Status};
use crate::cli::{ConfigChoice, ReadCommandOptions, ReadFormat};
use policycheck::config::RulebookRef;
use policycheck::evaluate;
use policycheck::mandate::{read_mandate_with, to_yaml, ReadChoices};
use policycheck::report::{render_outline, render_trend, sort_by_date, trend_view, Format};
use std::path::PathBuf;

/// Options of `trend`.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendOptions {
    /// The configuration.
    pub config: ConfigChoice,
    /// The command line's limits and choices for reading drafts (the configuration's fill the
    /// gaps).
    pub read: ReadChoices,
    /// The versions, in the order given.
    pub files: Vec<PathBuf>,
    /// Order the versions by their adoption dates instead (when every one has a date).
    pub by_date: bool,
    /// The rulebook, when named.
    pub rules: Option<PathBuf>,
    /// Markdown or HTML.
    pub format: Format,
    /// Where to write, if not standard output.
    pub output: Option<PathBuf>,
}

/// `read FILE`: the outline of the draft as read, or its structured description.
pub fn read(o: ReadCommandOptions) -> anyhow::Result<Outcome> {
    refuse_output_over_inputs(
        o.output.as_deref(),
        [(o.file.as_path(), "the draft being read")],
    )?;
    let config = config(&o.config, &cwd()?)?;
    let mandate = read_mandate_with(&o.file, &o.read.over(config.read))?;
    let text = match o.format {
        ReadFormat::Text => render_outline(&mandate),
        ReadFormat::Yaml => format!(
            "# {} as policycheck read it: correct it, then check this file instead.\n\
             # Its format: `policycheck schema mandate`.\n{}",
            o.file.display(),
            to_yaml(&mandate)
        ),
    };
    Ok(Outcome::new(
        deliver(o.output.as_deref(), text)?,
        Status::Pass,
    ))
}

/// `trend FILE...`.
pub fn trend(o: TrendOptions) -> anyhow::Result<Outcome> {
    refuse_output_over_inputs(
        o.output.as_deref(),
        o.files
            .iter()
            .map(|p| (p.as_path(), "a draft being compared"))
            .chain(o.rules.iter().map(|p| (p.as_path(), "the rulebook"))),
    )?;
    let config = config(&o.config, &cwd()?)?;
    let read = o.read.over(config.read);
    let target = match &o.rules {
        Some(p) => RulebookRef::File(p.clone()),
        None => config
            .rulebooks
            .first()
            .cloned()
            .unwrap_or(RulebookRef::Default),
    };
    let book = rulebook(&target)?;
    let mut series = Vec::with_capacity(o.files.len());
    for path in &o.files {
        let mandate = read_mandate_with(path, &read)?;
        let label = path.file_stem().map_or_else(
            || path.display().to_string(),
            |s| s.to_string_lossy().into_owned(),
        );
        let date = mandate.adopted.clone();
        series.push((label, date, evaluate(&book, &mandate)));
    }
    let mut warnings = Vec::new();
    if o.by_date && !sort_by_date(&mut series) {
        warnings.push(
            "not every version has an adoption date: they are shown in the order given".to_string(),
        );
    }
    let view = trend_view(&book, &series);
    let text = render_trend(o.format, &view)?;
    let mut outcome = Outcome::new(deliver(o.output.as_deref(), text)?, Status::Pass);
    outcome.warnings = warnings;
    Ok(outcome)
}

/// The shells `completions` writes for.
pub use clap_complete::Shell;

/// `completions SHELL`: the completion script, generated from the command line's definition.
pub fn completions(shell: Shell) -> anyhow::Result<Outcome> {
    let mut cmd = <crate::cli::Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "policycheck", &mut out);
    Ok(Outcome::new(String::from_utf8(out)?, Status::Pass))
}

/// `man`: the man page (roff), generated from the command line's definition.
pub fn man() -> anyhow::Result<Outcome> {
    let cmd = <crate::cli::Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut out)?;
    Ok(Outcome::new(String::from_utf8(out)?, Status::Pass))
}
