//! `check`: the command line's options become a [`Plan`], the library runs it, and every
//! output asked for is rendered and written. A document that cannot be read is reported (in
//! the reports and on standard error) and makes the exit code 2, but the others are still
//! checked and every output is still written.

use super::progress::Progress;
use super::{
    config, cwd, deliver, deliver_file, refuse_output_over_inputs, renderer, today, Outcome, Status,
};
use crate::task::CheckOptions;
use policycheck::config::{Config, OutputSpec};
use policycheck::report::Renderer;
use policycheck::report::{AtomicFile, Format, SUMMARY_TEMPLATE};
use policycheck::run::{self, Plan, Request, RunResult, StreamOutput, StreamSink};
use std::io::{IsTerminal, Write};
use std::path::Path;

/// Runs `check`.
pub fn run(o: CheckOptions) -> anyhow::Result<Outcome> {
    let cwd = cwd()?;
    let config = config(&o.config, &cwd)?;
    let today = today(o.today)?;
    let mut renderer = renderer(o.templates.as_deref().or(config.templates.as_deref()))?;
    let outputs = outputs(&o, &config)?;
    let request = Request {
        inputs: o.inputs,
        rulebooks: o.rules.clone(),
        fail_under: o.fail_under,
        fail_on: o.fail_on,
        required: o.required,
        read: o.read,
        waivers: o.waivers.clone(),
        baseline: o.baseline.clone(),
        threads: o.threads,
        today,
        follow_symlinks: o.follow_symlinks,
        stdin_name: o.stdin_name.clone(),
        // The memos say where suggested language would go; nothing else needs it.
        places: outputs
            .iter()
            .any(|s| matches!(s.format, Format::Markdown | Format::Html | Format::Docx)),
    };
    let plan = Plan::new(&config, &cwd, &request)?;
    // One guard over every input: drafts, rulebooks, waivers, the baseline, templates and
    // the configuration itself.
    let read_by_run = super::read_by_run(&config, o.templates.as_deref());
    refuse_output_over_inputs(
        outputs.iter().filter_map(|spec| spec.path.as_deref()),
        plan.documents
            .iter()
            .filter(|d| !d.stdin)
            .map(|d| (d.path.as_path(), "a draft being checked"))
            .chain(o.rules.iter().map(|p| (p.as_path(), "the rulebook")))
            .chain(o.waivers.iter().map(|p| (p.as_path(), "the waiver file")))
            .chain(
                o.baseline
                    .iter()
                    .map(|p| (p.as_path(), "the baseline report")),
            )
            .chain(read_by_run.iter().map(|(p, what)| (p.as_path(), *what))),
    )?;

    // Reports that can be written a document at a time are, when every output can: memory
    // then stays bounded by a few documents whatever the number of drafts.
    let (result, stdout, failed) = if streamed(&plan, &outputs, &renderer, o.quiet) {
        let (result, failed) = stream(&plan, &outputs, o.quiet)?;
        (result, String::new(), failed)
    } else {
        let result = run::run(&plan)?;
        let mut stdout = String::new();
        let mut failed = Vec::new();
        // Every output, even when a document was broken: the others' results are in it.
        for spec in &outputs {
            // Terminal styles (the summary's coloured verdicts) only in the text for
            // standard output, which `main` prints through a stream that strips them
            // when colour is off; never in a file.
            renderer.set_styles(spec.path.is_none());
            if let (Format::Docx, Some(path)) = (spec.format, spec.path.as_deref()) {
                let bytes = run::render_bytes(&renderer, spec.format, &result);
                if let Err(e) = bytes.and_then(|b| deliver_file(path, &b)) {
                    failed.push(e.to_string());
                }
                continue;
            }
            let text = run::render(&renderer, spec.format, &result);
            match text.and_then(|t| deliver(spec.path.as_deref(), t)) {
                Ok(s) => stdout.push_str(&s),
                Err(e) => failed.push(e.to_string()),
            }
        }
        (result, stdout, failed)
    };
    let mut warnings = misnamed_outputs(&outputs);
    warnings.extend(result.warnings);
    // The summary line of a run of several drafts, after the report.
    let tally = result.tally;
    let notes = if tally.checked + tally.unreadable > 1 {
        vec![tally.line()]
    } else {
        Vec::new()
    };
    Ok(Outcome {
        stdout,
        problems: result.problems.into_iter().chain(failed).collect(),
        warnings,
        notes,
        quiet: o.quiet,
        status: Some(if result.short {
            Status::Short
        } else {
            Status::Pass
        }),
        exit_zero: o.exit_zero,
    })
}

/// Whether the run writes its reports a document at a time: when every output written
/// (under `--quiet`, those to files) is a report that streams — every format but the memos,
/// the summary with its embedded template — for one rulebook (CSV alone also
/// for several, its rows naming their rulebook; nothing written, for any number), and
/// neither the JSON nor the summary of a run against a baseline, which report what got
/// worse.
fn streamed(plan: &Plan, outputs: &[OutputSpec], renderer: &Renderer, quiet: bool) -> bool {
    let written: Vec<Format> = outputs
        .iter()
        .filter(|s| s.path.is_some() || !quiet)
        .map(|s| s.format)
        .collect();
    let streams = |f: &Format| {
        f.streams()
            && (*f != Format::Text
                || renderer.is_embedded(SUMMARY_TEMPLATE) && plan.baseline.is_none())
    };
    written.iter().all(streams)
        && (plan.rulebooks.len() == 1 || written.is_empty() || written == [Format::Csv])
        && !(plan.baseline.is_some() && written.contains(&Format::Json))
}

/// Where a streamed report goes.
enum Target {
    /// A file, put in place when the run is over.
    File(AtomicFile),
    /// Standard output.
    Stdout(std::io::StdoutLock<'static>),
    /// Standard output for the summary, whose terminal styles are kept or stripped as
    /// `main` does for the text it prints.
    Styled(anstream::AutoStream<std::io::StdoutLock<'static>>),
}

impl Write for Target {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Target::File(f) => f.write(buf),
            Target::Stdout(s) => s.write(buf),
            Target::Styled(s) => s.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Target::File(f) => f.flush(),
            Target::Stdout(s) => s.flush(),
            Target::Styled(s) => s.flush(),
        }
    }
}

/// Streams `plan`'s reports to their outputs (files through temporary files renamed into
/// place at the end, or standard output); returns the result and the outputs' write
/// failures.
fn stream(
    plan: &Plan,
    outputs: &[OutputSpec],
    quiet: bool,
) -> anyhow::Result<(RunResult, Vec<String>)> {
    let mut targets = Vec::with_capacity(outputs.len());
    for spec in outputs {
        let (out, name, styled) = match spec.path.as_deref() {
            Some(path) => (
                Target::File(AtomicFile::create(path)?),
                path.to_path_buf(),
                false,
            ),
            // Under --quiet nothing goes to standard output.
            None if quiet => continue,
            None if spec.format == Format::Text => (
                Target::Styled(anstream::AutoStream::auto(std::io::stdout().lock())),
                "standard output".into(),
                true,
            ),
            None => (
                Target::Stdout(std::io::stdout().lock()),
                "standard output".into(),
                false,
            ),
        };
        targets.push(StreamOutput {
            format: spec.format,
            out,
            name,
            styled,
        });
    }
    // No progress bar over reports streaming to a terminal: it would be drawn among them.
    let to_terminal = targets.iter().any(|t| !matches!(t.out, Target::File(_)))
        && std::io::stdout().is_terminal();
    let mut sink = Progress::new(StreamSink::new(plan, targets)?, !quiet && !to_terminal);
    let result = run::run_into(plan, &mut sink)?;
    let written = sink.into_inner().finish(&result)?;
    let mut failed = Vec::new();
    for target in written {
        let stdout = |e| policycheck::Error::Io {
            action: "write",
            path: "standard output".into(),
            source: e,
        };
        let done = match target {
            Target::File(file) => file.commit(),
            Target::Stdout(mut s) => s.flush().map_err(stdout),
            Target::Styled(mut s) => s.flush().map_err(stdout),
        };
        if let Err(e) = done {
            failed.push(e.to_string());
        }
    }
    Ok((result, failed))
}

/// A warning for each `--output` whose extension names another format than the one written
/// to it (`--format text --output c.html`): the file would open as the wrong kind.
fn misnamed_outputs(outputs: &[OutputSpec]) -> Vec<String> {
    outputs
        .iter()
        .filter_map(|spec| {
            let path = spec.path.as_deref()?;
            let ext = path.extension()?.to_str()?;
            let suggested = Format::for_extension(ext)?;
            (!spec.format.suits_extension(ext)).then(|| {
                format!(
                    "{} is written in the {} format, but its name says {}: give \
                     `--format {} --output {}` if that is what you meant",
                    path.display(),
                    spec.format,
                    suggested,
                    suggested,
                    path.display()
                )
            })
        })
        .collect()
}

/// The outputs: the command line's, else the configuration's, else the summary on standard
/// output.
fn outputs(o: &CheckOptions, config: &Config) -> anyhow::Result<Vec<OutputSpec>> {
    let specs = if !o.outputs.is_empty() {
        o.outputs.clone()
    } else if !config.outputs.is_empty() {
        config.outputs.clone()
    } else {
        vec![OutputSpec {
            format: Format::Text,
            path: None,
        }]
    };
    for spec in &specs {
        check_docx_output(spec.format, spec.path.as_deref())?;
    }
    if specs.iter().filter(|s| s.path.is_none()).count() > 1 {
        let origin = config
            .path
            .as_ref()
            .map_or_else(String::new, |p| format!("{}: ", p.display()));
        anyhow::bail!("{origin}`outputs`: only one output may go to standard output (give the others a `path`)");
    }
    Ok(specs)
}

/// A Word memo is a file: `--format docx` needs `--output FILE`, and a `.docx` output gets
/// nothing but a Word document (not Markdown under a Word file's name).
pub(crate) fn check_docx_output(format: Format, path: Option<&Path>) -> anyhow::Result<()> {
    let docx_name = path.is_some_and(|p| {
        p.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("docx"))
    });
    match (format, path) {
        (Format::Docx, None) => anyhow::bail!(
            "`--format docx` writes a Word document, which is a file, not text for the \
             terminal: add `--output memo.docx` (in the configuration's `outputs`, a `path`)"
        ),
        (f, Some(p)) if f != Format::Docx && docx_name => anyhow::bail!(
            "`--output {}` names a Word document, but the format is `{f}`: use `--format docx` \
             to write the memo as a Word document, or another file name for {f}",
            p.display()
        ),
        _ => Ok(()),
    }
}
