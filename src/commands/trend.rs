//! `trend FILE...`: a mandate's score and verdicts across its versions, as a Markdown table or
//! an HTML page with a chart.

use super::setup::config;
use super::{cwd, deliver, refuse_output_over_inputs, Outcome, Status};
use crate::task::TrendOptions;
use policycheck::config::RulebookRef;
use policycheck::evaluate;
use policycheck::mandate::read_mandate_with;
use policycheck::report::{render_trend, sort_by_date, trend_view};

/// `trend FILE...`.
pub fn run(o: TrendOptions) -> anyhow::Result<Outcome> {
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
    let book = target.load()?;
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
