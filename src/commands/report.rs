//! `report`: one draft through one template — the briefing memo by default.

use super::check::check_docx_output;
use super::{
    config, cwd, deliver, deliver_file, read_draft, refuse_output_over_inputs, renderer, today,
    Outcome, Status,
};
use crate::task::{ReportOptions, TemplateChoice};
use policycheck::config::RulebookRef;
use policycheck::evaluate;
use policycheck::mandate::{date_words, identity};
use policycheck::report::{render_docx, Format, ReportView, ViewOptions};

/// Runs `report`. The rulebook is `--rules`, else the configuration's first for the draft,
/// else the default; the templates folder is `--templates`, else the configuration's.
pub fn run(o: ReportOptions) -> anyhow::Result<Outcome> {
    let format = if o.docx {
        Format::Docx
    } else {
        Format::Markdown
    };
    check_docx_output(format, o.output.as_deref())?;
    if o.docx && !matches!(&o.template, TemplateChoice::Name(n) if n == "memo") {
        anyhow::bail!(
            "`--format docx` writes the Word memo, which has its own layout: leave out \
             `--template`"
        );
    }
    let cwd = cwd()?;
    let config = config(&o.config, &cwd)?;
    // One guard over every input: the draft, the rulebook, the template, the templates
    // folder's files and the configuration's own.
    let template = match &o.template {
        TemplateChoice::File(path) => Some(path.as_path()),
        TemplateChoice::Name(_) => None,
    };
    let read_by_run = super::read_by_run(&config, o.templates.as_deref());
    refuse_output_over_inputs(
        o.output.as_deref(),
        [(o.file.as_path(), "the draft being reported on")]
            .into_iter()
            .chain(o.rules.iter().map(|p| (p.as_path(), "the rulebook")))
            .chain(template.map(|p| (p, "the template")))
            .chain(read_by_run.iter().map(|(p, what)| (p.as_path(), *what))),
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
    let mut view = ReportView::build(
        &rulebook,
        std::slice::from_ref(&assessment),
        &ViewOptions::default(),
    );
    view.date = Some(date_words(&today(None)?.to_string()));
    view.memo = config.memo.clone();
    let places = policycheck::run::places(&rulebook, &mandate, &assessment);
    for doc in &mut view.documents {
        doc.draft = identity(&mandate);
        policycheck::run::set_places(doc, &places);
    }
    if let (true, Some(path)) = (o.docx, o.output.as_deref()) {
        deliver_file(path, &render_docx(&view)?)?;
        return Ok(Outcome::new(String::new(), Status::Pass));
    }
    let text = renderer.render(&name, &view)?;
    Ok(Outcome::new(
        deliver(o.output.as_deref(), text)?,
        Status::Pass,
    ))
}
