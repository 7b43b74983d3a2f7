//! `read FILE`: how a draft was read — an outline of its provisions, or its structured
//! description (YAML) to correct and keep.

use super::setup::config;
use super::{cwd, deliver, read_draft, refuse_output_over_inputs, Outcome, Status};
use crate::task::{ReadCommandOptions, ReadFormat};
use policycheck::mandate::to_yaml;
use policycheck::report::render_outline;

/// `read FILE`: the outline of the draft as read, or its structured description.
pub fn run(o: ReadCommandOptions) -> anyhow::Result<Outcome> {
    refuse_output_over_inputs(
        o.output.as_deref(),
        [(o.file.as_path(), "the draft being read")],
    )?;
    let config = config(&o.config, &cwd()?)?;
    let (mandate, name) = read_draft(&o.file, o.stdin_name.as_deref(), &o.read.over(config.read))?;
    let text = match o.format {
        ReadFormat::Text => render_outline(&mandate),
        ReadFormat::Yaml => format!(
            "# {} as policycheck read it: correct it, then check this file instead.\n\
             # Its format: `policycheck schema mandate`.\n{}",
            policycheck::error::shown(&name),
            to_yaml(&mandate)
        ),
    };
    // The draft's words as they are, but no control character and no line that begins with
    // a workflow command (`::error::`) for a CI log to obey.
    let text = policycheck::vocab::inert_lines(&text).into_owned();
    Ok(Outcome::new(
        deliver(o.output.as_deref(), text)?,
        Status::Pass,
    ))
}
