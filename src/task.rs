//! What the user asked for, in plain options: one [`Task`] per subcommand, with the options
//! the command line resolved (flags, defaults, the configuration's choice). `cli` builds them,
//! `commands` runs them; neither imports the other.

use clap::ValueEnum;
use policycheck::bars::FailOn;
use policycheck::config::OutputSpec;
use policycheck::mandate::ReadChoices;
use policycheck::report::Format;
use policycheck::waiver::Date;
use std::path::PathBuf;

/// The shells `completions` writes for.
pub use clap_complete::Shell;

/// What the user asked for, in plain options.
#[derive(Debug, Clone, PartialEq)]
pub enum Task {
    /// `check`.
    Check(CheckOptions),
    /// `report`.
    Report(ReportOptions),
    /// `diff`.
    Diff(DiffOptions),
    /// `read`.
    Read(ReadCommandOptions),
    /// `rules list`.
    RulesList(RulesOptions),
    /// `rules test`.
    RulesTest(RulesOptions),
    /// `rules check`.
    RulesCheck(RulesCheckOptions),
    /// `rules patterns`.
    RulesPatterns(PatternsOptions),
    /// `rules measure`.
    RulesMeasure(MeasureOptions),
    /// `explain`.
    Explain(ExplainOptions),
    /// `schema`.
    Schema(SchemaKind),
    /// `init`.
    Init(InitOptions),
    /// `trend`.
    Trend(TrendOptions),
    /// `suggest`.
    Suggest(SuggestOptions),
    /// `completions`.
    Completions(Shell),
    /// `man`.
    Man(ManOptions),
}

/// Options of `man`.
#[derive(Debug, Clone, PartialEq)]
pub struct ManOptions {
    /// Write every page into this folder instead of printing the one page.
    pub dir: Option<PathBuf>,
}

/// Options of `read`.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadCommandOptions {
    /// The configuration.
    pub config: ConfigChoice,
    /// The command line's limits and choices for reading drafts (the configuration's fill the
    /// gaps).
    pub read: ReadChoices,
    /// The draft (`-`: standard input).
    pub file: PathBuf,
    /// The name standard input (`-`) goes by, and by its extension its format.
    pub stdin_name: Option<PathBuf>,
    /// Outline or structured mandate.
    pub format: ReadFormat,
    /// Where to write, if not standard output.
    pub output: Option<PathBuf>,
}

/// Which configuration file to use.
#[derive(Debug, Clone, PartialEq)]
pub enum ConfigChoice {
    /// Look for `policycheck.yaml` from the working directory upward.
    Discover,
    /// This file.
    File(PathBuf),
    /// None.
    Off,
}

/// Which template renders a report.
#[derive(Debug, Clone, PartialEq)]
pub enum TemplateChoice {
    /// A template known by name (embedded, or from `--templates`).
    Name(String),
    /// A template file.
    File(PathBuf),
}

/// Options of `check`. Each `Option` and empty list means "as the configuration says".
#[derive(Debug, Clone, PartialEq)]
pub struct CheckOptions {
    /// The configuration.
    pub config: ConfigChoice,
    /// The command line's limits and choices for reading drafts (the configuration's fill the
    /// gaps).
    pub read: ReadChoices,
    /// Files, folders and patterns, in the order given (`-`: standard input).
    pub inputs: Vec<PathBuf>,
    /// The name standard input (`-`) goes by, and by its extension its format.
    pub stdin_name: Option<PathBuf>,
    /// Follow symbolic links to folders.
    pub follow_symlinks: bool,
    /// Rulebooks named on the command line.
    pub rules: Vec<PathBuf>,
    /// Outputs named on the command line, each format paired with its file.
    pub outputs: Vec<OutputSpec>,
    /// The least score.
    pub fail_under: Option<f64>,
    /// Verdicts that fail a document.
    pub fail_on: Option<FailOn>,
    /// Rules that must not be missing.
    pub required: Vec<String>,
    /// Exit 0 when a document falls short.
    pub exit_zero: bool,
    /// `--quiet`: no report on standard output, no summary line.
    pub quiet: bool,
    /// Threads for a streamed run (0: one per core).
    pub threads: usize,
    /// A waiver file.
    pub waivers: Option<PathBuf>,
    /// An earlier JSON report.
    pub baseline: Option<PathBuf>,
    /// The date waivers are checked against, when not the system's.
    pub today: Option<Date>,
    /// A folder of template overrides.
    pub templates: Option<PathBuf>,
}

/// Options of `report`.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportOptions {
    /// The configuration.
    pub config: ConfigChoice,
    /// The command line's limits and choices for reading drafts (the configuration's fill the
    /// gaps).
    pub read: ReadChoices,
    /// The draft (`-`: standard input).
    pub file: PathBuf,
    /// The name standard input (`-`) goes by, and by its extension its format.
    pub stdin_name: Option<PathBuf>,
    /// The rulebook, when named.
    pub rules: Option<PathBuf>,
    /// The template.
    pub template: TemplateChoice,
    /// Write the Word memo (`--format docx`, or an `--output` ending in .docx) instead.
    pub docx: bool,
    /// Where to write, if not standard output.
    pub output: Option<PathBuf>,
    /// A folder of template overrides.
    pub templates: Option<PathBuf>,
}

/// Options of `diff`.
#[derive(Debug, Clone, PartialEq)]
pub struct DiffOptions {
    /// The configuration.
    pub config: ConfigChoice,
    /// The command line's limits and choices for reading drafts (the configuration's fill the
    /// gaps).
    pub read: ReadChoices,
    /// The earlier version.
    pub old: PathBuf,
    /// The later version.
    pub new: PathBuf,
    /// Compare one Word draft's rejected and accepted readings.
    pub pending: bool,
    /// Rulebooks named on the command line.
    pub rules: Vec<PathBuf>,
    /// The format.
    pub format: DiffFormat,
    /// Where to write, if not standard output.
    pub output: Option<PathBuf>,
    /// A folder of template overrides.
    pub templates: Option<PathBuf>,
}

/// Options of `rules measure`.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureOptions {
    /// The configuration.
    pub config: ConfigChoice,
    /// The command line's limits and choices for reading drafts.
    pub read: ReadChoices,
    /// The labels files, measured as one set.
    pub labels: Vec<PathBuf>,
    /// The folder of drafts.
    pub drafts: PathBuf,
    /// The rulebook, when named.
    pub rules: Option<PathBuf>,
    /// Text or JSON.
    pub format: MeasureFormat,
}

/// Options of `rules list` and `rules test`.
#[derive(Debug, Clone, PartialEq)]
pub struct RulesOptions {
    /// The configuration.
    pub config: ConfigChoice,
    /// The rulebook, when named.
    pub rules: Option<PathBuf>,
}

/// What `read` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReadFormat {
    /// An outline: one line per provision with its lines, force, addressee and text.
    Text,
    /// The structured mandate description (YAML).
    Yaml,
}

/// The formats of `rules measure`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MeasureFormat {
    /// The figures as tables, then every disagreement.
    Text,
    /// One JSON object: documents, verdicts, exact, kappa, rules, disagreements.
    Json,
}

/// The formats of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// One line per recommendation.
    Text,
    /// The memo section "What changed".
    Markdown,
    /// The diff report as JSON.
    Json,
}

/// How `rules check` prints its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiagnosticFormat {
    /// rustc-style, with the lines around each problem.
    Text,
    /// A JSON array of `{file, line, column, rule, message, hint}`.
    Json,
}

/// Options of `rules check`.
#[derive(Debug, Clone, PartialEq)]
pub struct RulesCheckOptions {
    /// The configuration.
    pub config: ConfigChoice,
    /// The rulebook file; the configuration's rulebooks, or the default, when not given.
    pub path: Option<PathBuf>,
    /// How to print.
    pub format: DiagnosticFormat,
    /// Colour in the text form.
    pub color: bool,
}

/// Options of `explain`.
#[derive(Debug, Clone, PartialEq)]
pub struct ExplainOptions {
    /// The configuration.
    pub config: ConfigChoice,
    /// The rule.
    pub rule: String,
    /// The rulebook, when named.
    pub rules: Option<PathBuf>,
}

/// Which schema `schema` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaKind {
    /// The rulebook format.
    Rulebook,
    /// The structured mandate description.
    Mandate,
}

/// Options of `init`.
#[derive(Debug, Clone, PartialEq)]
pub struct InitOptions {
    /// The new rulebook's id (also its file name).
    pub id: String,
    /// The folder to write into (the working directory by default).
    pub dir: PathBuf,
}

/// Options of `rules patterns`.
#[derive(Debug, Clone, PartialEq)]
pub struct PatternsOptions {
    /// The configuration.
    pub config: ConfigChoice,
    /// The rulebook, when named.
    pub rules: Option<PathBuf>,
}

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

/// What `suggest` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SuggestFormat {
    /// The draft with the suggestions in it: a Word draft with tracked changes and comments,
    /// a text or Markdown draft amended.
    Amended,
    /// A unified diff of the text or Markdown draft and its amended text.
    Diff,
}

/// Options of `suggest`.
#[derive(Debug, Clone, PartialEq)]
pub struct SuggestOptions {
    /// The configuration.
    pub config: ConfigChoice,
    /// The command line's limits and choices for reading drafts (the configuration's fill the
    /// gaps).
    pub read: ReadChoices,
    /// The draft: .docx, .md or .txt.
    pub file: PathBuf,
    /// Where to write; standard output when absent (not for a Word draft).
    pub output: Option<PathBuf>,
    /// The rulebook, when named.
    pub rules: Option<PathBuf>,
    /// Only these rules' suggestions (all gaps when empty).
    pub only: Vec<String>,
    /// Amended draft or diff.
    pub format: SuggestFormat,
    /// A waiver file, in addition to the configuration's waivers.
    pub waivers: Option<PathBuf>,
    /// The date waivers are checked against, when not the system's.
    pub today: Option<Date>,
    /// The date of the tracked changes and comments (ISO 8601), when not SOURCE_DATE_EPOCH's
    /// or the system clock's.
    pub date: Option<String>,
}
