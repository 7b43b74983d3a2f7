//! The policycheck binary: argv → [`cli`] → run → exit code. This is the only place that
//! prints errors or exits. Each task returns an [`Outcome`] (what to print, the problems met,
//! and how the run ended); `main` prints it and turns the status into the exit code.
#![forbid(unsafe_code)]

mod cli;

use clap::Parser;
use cli::{CheckOptions, Cli, ReportOptions, RulesSource, Task, TemplateChoice};
use policycheck::mandate::{read_text, SourceFormat};
use policycheck::report::{render_with, write_atomic, Renderer, ReportView, ViewOptions};
use policycheck::{evaluate, load_rulebook, read_mandate, Error, Rulebook};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// How a run ended, worst last; the discriminant is the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Status {
    /// Every document reaches the bar (or no bar was set); every example passes.
    Pass = 0,
    /// A document falls short of the bar, or a rule example fails.
    Short = 1,
    /// The tool could not do its job: malformed rulebook, unreadable draft, unwritable output.
    Trouble = 2,
}

/// What a task produced.
#[derive(Debug)]
struct Outcome {
    /// Text for standard output.
    stdout: String,
    /// Messages for standard error, each printed as `error: …`.
    problems: Vec<String>,
    status: Status,
}

impl Outcome {
    fn new(stdout: String, problems: Vec<String>, status: Status) -> Self {
        // Any problem means the job was not fully done, whatever else happened.
        let status = if problems.is_empty() {
            status
        } else {
            Status::Trouble
        };
        Outcome {
            stdout,
            problems,
            status,
        }
    }
}

fn main() -> ExitCode {
    let task = Cli::parse().task();
    let outcome = run(task)
        .unwrap_or_else(|e| Outcome::new(String::new(), vec![e.to_string()], Status::Trouble));
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`policycheck check … | head`) is not an error worth reporting.
    let _ = stdout.write_all(outcome.stdout.as_bytes());
    let _ = stdout.flush();
    for problem in &outcome.problems {
        eprintln!("error: {problem}");
    }
    ExitCode::from(outcome.status as u8)
}

/// Runs a task. An `Err` is a problem that stopped it before any result.
fn run(task: Task) -> Result<Outcome, Error> {
    match task {
        Task::Check(o) => check(o),
        Task::Report(o) => report(o),
        Task::RulesList(source) => rules_list(&load_rules(&source)?),
        Task::RulesTest(source) => rules_test(&load_rules(&source)?),
    }
}

fn load_rules(source: &RulesSource) -> Result<Rulebook, Error> {
    match source {
        RulesSource::Default => Ok(policycheck::default_rulebook()),
        RulesSource::File(path) => load_rulebook(path),
    }
}

fn renderer(templates: Option<&Path>) -> Result<Renderer, Error> {
    let embedded = Renderer::embedded();
    match templates {
        Some(dir) => embedded.with_dir(dir),
        None => Ok(embedded),
    }
}

/// `check`: every draft is read even when one fails; a failure makes the exit code 2 and keeps
/// `--output` unwritten, but the others are still reported on standard output.
fn check(o: CheckOptions) -> Result<Outcome, Error> {
    let rulebook = load_rules(&o.rules)?;
    let renderer = renderer(o.templates.as_deref())?;
    let mut assessments = Vec::new();
    let mut problems = Vec::new();
    for file in &o.files {
        match read_mandate(file) {
            Ok(mandate) => assessments.push(evaluate(&rulebook, &mandate)),
            Err(e) => problems.push(e.to_string()),
        }
    }
    let options = ViewOptions { bar: o.fail_under };
    let view = ReportView::build(&rulebook, &assessments, &options);
    let text = render_with(&renderer, o.format, &view)?;
    let short = view.documents.iter().any(|d| d.passed == Some(false));
    let mut stdout = String::new();
    match &o.output {
        Some(path) if problems.is_empty() => write_atomic(path, &text)?,
        Some(path) => problems.push(format!(
            "{} not written: {} of {} inputs could not be read",
            path.display(),
            problems.len(),
            o.files.len()
        )),
        None => stdout = text,
    }
    let status = if short { Status::Short } else { Status::Pass };
    Ok(Outcome::new(stdout, problems, status))
}

/// `report`: one draft through one template.
fn report(o: ReportOptions) -> Result<Outcome, Error> {
    let rulebook = load_rules(&o.rules)?;
    let mut renderer = renderer(o.templates.as_deref())?;
    let name = match &o.template {
        TemplateChoice::Name(name) => name.clone(),
        TemplateChoice::File(path) => renderer.add_file(path)?,
    };
    let mandate = read_mandate(&o.file)?;
    let assessment = evaluate(&rulebook, &mandate);
    let view = ReportView::build(&rulebook, &[assessment], &ViewOptions::default());
    let text = renderer.render(&name, &view)?;
    let stdout = match &o.output {
        Some(path) => {
            write_atomic(path, &text)?;
            String::new()
        }
        None => text,
    };
    Ok(Outcome::new(stdout, Vec::new(), Status::Pass))
}

/// `rules list`: one line per rule — id, weight, area, title.
fn rules_list(rulebook: &Rulebook) -> Result<Outcome, Error> {
    let id_w = width(rulebook.rules.iter().map(|r| r.id.as_str()), "ID");
    let area_w = width(
        rulebook
            .rules
            .iter()
            .map(|r| r.area.as_deref().unwrap_or("-")),
        "AREA",
    );
    let mut out = format!("{:<id_w$}  WEIGHT  {:<area_w$}  TITLE\n", "ID", "AREA");
    for rule in &rulebook.rules {
        out.push_str(&format!(
            "{:<id_w$}  {:<6}  {:<area_w$}  {}\n",
            rule.id,
            number(rule.weight),
            rule.area.as_deref().unwrap_or("-"),
            rule.title
        ));
    }
    out.push_str(&format!(
        "\n{} rules in {} ({}), total weight {}\n",
        rulebook.rules.len(),
        rulebook.id,
        rulebook.origin,
        number(rulebook.total_weight())
    ));
    Ok(Outcome::new(out, Vec::new(), Status::Pass))
}

/// `rules test`: every example of every rule, read as a Markdown draft and evaluated against
/// a rulebook holding that rule alone, must give its expected verdict.
fn rules_test(rulebook: &Rulebook) -> Result<Outcome, Error> {
    let id_w = width(rulebook.rules.iter().map(|r| r.id.as_str()), "RULE");
    let mut out = String::new();
    let (mut total, mut failed) = (0, 0);
    for rule in &rulebook.rules {
        let single = Rulebook {
            rules: vec![rule.clone()],
            ..rulebook.clone()
        };
        let mut marks = String::new();
        let mut failures = String::new();
        let mut passed = 0;
        for (i, example) in rule.examples.iter().enumerate() {
            let label = format!("{}#{}/example-{}", rulebook.origin, rule.id, i + 1);
            let mandate = read_text(&label, &example.text, SourceFormat::Markdown);
            let got = evaluate(&single, &mandate).rules.first().map(|r| r.verdict);
            total += 1;
            if got == Some(example.verdict) {
                passed += 1;
                marks.push('✓');
            } else {
                failed += 1;
                marks.push('✗');
                failures.push_str(&format!(
                    "    example {}: expected {}, got {}: {}{}\n",
                    i + 1,
                    example.verdict,
                    got.map_or("nothing", |v| v.as_str()),
                    first_words(&example.text, 70),
                    example
                        .note
                        .as_deref()
                        .map(|n| format!(" ({})", n.trim()))
                        .unwrap_or_default()
                ));
            }
        }
        out.push_str(&format!(
            "{:<id_w$}  {passed}/{}  {marks}\n{failures}",
            rule.id,
            rule.examples.len()
        ));
    }
    out.push_str(&format!(
        "\n{} of {total} examples give the expected verdict\n",
        total - failed
    ));
    let status = if failed > 0 {
        Status::Short
    } else {
        Status::Pass
    };
    Ok(Outcome::new(out, Vec::new(), status))
}

/// The widest of `items` and `header`, in characters.
fn width<'a>(items: impl Iterator<Item = &'a str>, header: &str) -> usize {
    items
        .map(|s| s.chars().count())
        .chain([header.len()])
        .max()
        .unwrap_or(0)
}

/// `3` for 3.0, `1.5` for 1.5.
fn number(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x}")
    }
}

/// The text's first `n` characters on one line, with `…` when cut.
fn first_words(text: &str, n: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= n {
        format!("“{flat}”")
    } else {
        format!("“{}…”", flat.chars().take(n).collect::<String>())
    }
}
