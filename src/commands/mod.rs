//! The subcommands, one file each: every one takes its plain options from `cli` and returns an
//! [`Outcome`] — the text for standard output, the problems and warnings met, and how the run
//! ended — which `main` prints. [`Outcome::exit_code`] is the one place exit codes are decided.
//! Helpers shared by several commands (configuration, rulebooks, templates, today's date)
//! live here too.

pub mod author;
pub mod check;
pub mod diff;
pub mod extras;
pub mod measure;
pub mod report;
pub mod rules;
pub mod stream;

use crate::cli::{ConfigChoice, Task};
use policycheck::config::{discover, load_config, Config, RulebookRef};
use policycheck::report::Renderer;
use policycheck::waiver::Date;
use policycheck::{load_rulebook, Rulebook};
use std::path::{Path, PathBuf};

/// How a run ended, worst last; the discriminant is the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Every document clears its bars (or no bar was set); every example passes.
    Pass = 0,
    /// A document falls short of a bar, a rule example fails, or `--baseline` finds a new
    /// problem.
    Short = 1,
    /// The tool could not do its job: bad configuration, malformed rulebook, unreadable draft,
    /// unwritable output.
    Trouble = 2,
}

/// What a command produced.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Text for standard output.
    pub stdout: String,
    /// Messages for standard error, each printed as `error: …`.
    pub problems: Vec<String>,
    /// Messages for standard error, each printed as `warning: …`; they never change the exit
    /// code.
    pub warnings: Vec<String>,
    /// How the command judged the documents.
    pub status: Option<Status>,
    /// `--exit-zero`: a document falling short does not fail the run.
    pub exit_zero: bool,
}

impl Outcome {
    /// An outcome with only text and a status.
    pub fn new(stdout: String, status: Status) -> Self {
        Outcome {
            stdout,
            status: Some(status),
            ..Outcome::default()
        }
    }

    /// The exit code: 2 when any problem was met (the job was not fully done, whatever else
    /// happened), else 1 when a document falls short (unless `--exit-zero`), else 0.
    pub fn exit_code(&self) -> u8 {
        let status = if !self.problems.is_empty() {
            Status::Trouble
        } else {
            match self.status.unwrap_or(Status::Pass) {
                Status::Short if self.exit_zero => Status::Pass,
                s => s,
            }
        };
        status as u8
    }
}

/// Runs a task. An `Err` is a problem that stopped it before any result (exit code 2).
pub fn run(task: Task) -> anyhow::Result<Outcome> {
    match task {
        Task::Check(o) => check::run(o),
        Task::Report(o) => report::run(o),
        Task::Diff(o) => diff::run(o),
        Task::RulesList(o) => rules::list(o),
        Task::RulesTest(o) => rules::test(o),
        Task::RulesCheck(o) => author::rules_check(o),
        Task::RulesPatterns(o) => author::patterns(o),
        Task::RulesMeasure(o) => measure::run(o),
        Task::Explain(o) => author::explain(o),
        Task::Schema(k) => author::schema(k),
        Task::Init(o) => author::init(o),
        Task::Trend(o) => extras::trend(o),
        Task::Read(o) => extras::read(o),
        Task::Completions(shell) => extras::completions(shell),
        Task::Man => extras::man(),
    }
}

/// The working directory, against which inputs and the configuration are found.
pub fn cwd() -> anyhow::Result<PathBuf> {
    std::env::current_dir().map_err(|e| anyhow::anyhow!("cannot read the working directory: {e}"))
}

/// The configuration the user chose, found, or none.
pub fn config(choice: &ConfigChoice, cwd: &Path) -> anyhow::Result<Config> {
    let path = match choice {
        ConfigChoice::Off => None,
        ConfigChoice::File(p) => Some(p.clone()),
        ConfigChoice::Discover => discover(cwd),
    };
    Ok(match path {
        Some(p) => load_config(&p)?,
        None => Config::empty(Path::new(".")),
    })
}

/// Loads one rulebook.
pub fn rulebook(r: &RulebookRef) -> Result<Rulebook, policycheck::Error> {
    match r {
        RulebookRef::Default => Ok(policycheck::default_rulebook()),
        RulebookRef::File(path) => load_rulebook(path),
    }
}

/// The embedded templates, with a user's folder over them.
pub fn renderer(templates: Option<&Path>) -> Result<Renderer, policycheck::Error> {
    let embedded = Renderer::embedded();
    match templates {
        Some(dir) => embedded.with_dir(dir),
        None => Ok(embedded),
    }
}

/// The date waivers are checked against: `--today`, else `POLICYCHECK_TODAY`, else the
/// system clock (UTC).
pub fn today(flag: Option<Date>) -> anyhow::Result<Date> {
    if let Some(d) = flag {
        return Ok(d);
    }
    if let Ok(s) = std::env::var("POLICYCHECK_TODAY") {
        return Date::parse(&s).map_err(|e| anyhow::anyhow!("POLICYCHECK_TODAY: {e}"));
    }
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Ok(Date::from_unix_days((secs / 86_400) as i64))
}

/// An output that is one of the inputs would destroy the input: refuse before anything runs.
/// Each input comes with what it is, for the message: "a draft being checked", "the rulebook".
/// Inputs are resolved once, and only when an output already exists (a new file cannot be an
/// input), however many outputs there are.
pub fn refuse_output_over_inputs<'a, 'o>(
    outputs: impl IntoIterator<Item = &'o Path>,
    inputs: impl IntoIterator<Item = (&'a Path, &'a str)>,
) -> anyhow::Result<()> {
    let existing: Vec<(&Path, PathBuf)> = outputs
        .into_iter()
        .filter_map(|out| out.canonicalize().ok().map(|real| (out, real)))
        .collect();
    if existing.is_empty() {
        return Ok(());
    }
    let inputs: Vec<(&Path, &str, Option<PathBuf>)> = inputs
        .into_iter()
        .map(|(input, what)| (input, what, input.canonicalize().ok()))
        .collect();
    for (out, out_real) in &existing {
        if let Some((input, what, _)) = inputs
            .iter()
            .find(|(_, _, real)| real.as_ref() == Some(out_real))
        {
            anyhow::bail!(
                "the output {} is also {what} ({}); nothing was written\n  \
                 hint: write the report to another file",
                out.display(),
                input.display()
            );
        }
    }
    Ok(())
}

/// Writes `text` to `path` atomically, or returns it for standard output.
pub fn deliver(path: Option<&Path>, text: String) -> Result<String, policycheck::Error> {
    match path {
        Some(p) => {
            policycheck::report::write_atomic(p, &text)?;
            Ok(String::new())
        }
        None => Ok(text),
    }
}
