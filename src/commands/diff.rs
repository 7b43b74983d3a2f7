//! `diff OLD NEW`: two versions of a draft, each checked against the same rulebooks, compared
//! recommendation by recommendation; as text, the Markdown section "What changed", or JSON.

use super::{config, cwd, deliver, refuse_output_over_inputs, renderer, Outcome, Status};
use crate::task::{DiffFormat, DiffOptions};
use policycheck::config::RulebookRef;
use policycheck::evaluate;
use policycheck::evaluate::diff::diff_assessments;
use policycheck::mandate::{read_mandate_with, ReadOptions, TrackedChanges};
use policycheck::report::diff::{DiffReport, DiffView};

/// Runs `diff`. The rulebooks are `--rules`, else the configuration's for the new version.
pub fn run(o: DiffOptions) -> anyhow::Result<Outcome> {
    let drafts = [o.old.as_path(), o.new.as_path()];
    refuse_output_over_inputs(
        o.output.as_deref(),
        drafts
            .into_iter()
            .map(|p| (p, "a draft being compared"))
            .chain(o.rules.iter().map(|p| (p.as_path(), "the rulebook"))),
    )?;
    let cwd = cwd()?;
    let config = config(&o.config, &cwd)?;
    let read = o.read.over(config.read);
    let refs: Vec<RulebookRef> = if o.rules.is_empty() {
        config
            .for_document(&config.document_key(&o.new, &cwd))
            .rulebooks
    } else {
        o.rules.iter().cloned().map(RulebookRef::File).collect()
    };
    let (old_read, new_read) = if o.pending {
        (
            ReadOptions {
                tracked_changes: TrackedChanges::Rejected,
                ..read
            },
            ReadOptions {
                tracked_changes: TrackedChanges::Accepted,
                ..read
            },
        )
    } else {
        (read, read)
    };
    let old = read_mandate_with(&o.old, &old_read)?;
    let new = read_mandate_with(&o.new, &new_read)?;
    let mut diffs = Vec::new();
    for r in &refs {
        let book = r.load()?;
        let (a, b) = (evaluate(&book, &old), evaluate(&book, &new));
        diffs.push(DiffView::build(&book, &diff_assessments(&a, &b)));
    }
    let report = DiffReport::new(diffs);
    let text = match o.format {
        DiffFormat::Text => report.to_text(),
        DiffFormat::Markdown => {
            let mut renderer = renderer(o.templates.as_deref().or(config.templates.as_deref()))?;
            // A user's `diff.md.hbs` may `paint`: styled only for standard output.
            renderer.set_styles(o.output.is_none());
            report.to_markdown(&renderer)?
        }
        DiffFormat::Json => report.to_json(),
    };
    Ok(Outcome::new(
        deliver(o.output.as_deref(), text)?,
        Status::Pass,
    ))
}
