//! `report`: one draft through one template — the briefing memo by default.

use super::{
    config, cwd, deliver, read_draft, refuse_output_over_inputs, renderer, Outcome, Status,
};
use crate::task::{ReportOptions, TemplateChoice};
use policycheck::config::RulebookRef;
use policycheck::evaluate;
use policycheck::report::{ReportView, ViewOptions};

/// Runs `report`. The rulebook is `--rules`, else the configuration's first for the draft,
/// else the default; the templates folder is `--templates`, else the configuration's.
pub fn run(o: ReportOptions) -> anyhow::Result<Outcome> {
    let cwd = cwd()?;
    let config = config(&o.config, &cwd)?;
    // One guard over every input: the draft, the rulebook, the template, the templates
    // folder's files and the configuration's own.
    let template = match &o.template {
        TemplateChoice::File(path) => Some(path.as_path()),
        TemplateChoice::Name(_) => None,
    };
    let templates: Vec<_> = o
        .templates
        .iter()
        .flat_map(|dir| policycheck::config::template_files(dir))
        .collect();
    let read_by_config = config.input_files();
    refuse_output_over_inputs(
        o.output.as_deref(),
        [(o.file.as_path(), "the draft being reported on")]
            .into_iter()
            .chain(o.rules.iter().map(|p| (p.as_path(), "the rulebook")))
            .chain(template.map(|p| (p, "the template")))
            .chain(templates.iter().map(|p| (p.as_path(), "a template")))
            .chain(read_by_config.iter().map(|(p, what)| (p.as_path(), *what))),
    )?;
    let read = o.read.over(config.read);
    let r = match &o.rules {
        Some(p) => RulebookRef::File(p.clone()),
        None => config
            .for_document(
                &config.document_key(
                    o.stdin_name
                        .as_deref()
                        .filter(|_| policycheck::inputs::is_stdin(&o.file))
                        .unwrap_or(&o.file),
                    &cwd,
                ),
            )
            .rulebooks
            .remove(0),
    };
    let rulebook = r.load()?;
    let mut renderer = renderer(o.templates.as_deref().or(config.templates.as_deref()))?;
    let name = match &o.template {
        TemplateChoice::Name(name) => name.clone(),
        TemplateChoice::File(path) => renderer.add_file(path)?,
    };
    // Terminal styles (`paint`) only in text for standard output, never in a file.
    renderer.set_styles(o.output.is_none());
    let (mandate, _) = read_draft(&o.file, o.stdin_name.as_deref(), &read)?;
    let assessment = evaluate(&rulebook, &mandate);
    let view = ReportView::build(&rulebook, &[assessment], &ViewOptions::default());
    let text = renderer.render(&name, &view)?;
    Ok(Outcome::new(
        deliver(o.output.as_deref(), text)?,
        Status::Pass,
    ))
}
