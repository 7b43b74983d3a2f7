//! The command line: clap's arguments and their resolution into plain options ([`Task`]) that
//! the commands run. Nothing here reads files, evaluates or prints; bad arguments come back as
//! clap errors, which `main` prints (exit code 2). Each subcommand is one variant of [`Command`]
//! with its own `Args` struct, one variant of [`Task`] and one function in `commands/`.

use crate::task::{
    CheckOptions, ConfigChoice, DiagnosticFormat, DiffFormat, DiffOptions, ExplainOptions,
    InitOptions, ManOptions, MeasureFormat, MeasureOptions, PatternsOptions, ReadCommandOptions,
    ReadFormat, ReportOptions, RulesCheckOptions, RulesOptions, SchemaKind, Shell, SuggestFormat,
    SuggestOptions, Task, TemplateChoice, TrendOptions,
};
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::error::ErrorKind;
use clap::{ArgMatches, Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use policycheck::bars::FailOn;
use policycheck::config::OutputSpec;
use policycheck::mandate::{ReadChoices, TrackedChanges};
use policycheck::report::Format;
use policycheck::waiver::Date;
use std::ffi::OsString;
use std::path::PathBuf;

/// Score draft policy documents against a rulebook of recommendations and write the gap
/// report.
#[derive(Debug, Parser)]
#[command(name = "policycheck", version)]
#[command(after_help = "\
Exit codes: 0 every document clears its bars (or no bar was set), 1 a document falls short \
(or a rule example fails, or --baseline finds a new problem), 2 the tool could not do its job \
(bad arguments or configuration, malformed rulebook, unreadable draft, unwritable output).")]
pub struct Cli {
    #[command(flatten)]
    config: ConfigArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Args)]
struct ConfigArgs {
    /// The configuration file; by default `policycheck.yaml` in the working directory or the
    /// nearest folder above it, up to the repository's root (or the home folder).
    #[arg(long, global = true, value_name = "PATH")]
    config: Option<PathBuf>,
    /// Use no configuration file, even if one is found.
    #[arg(long, global = true, conflicts_with = "config")]
    no_config: bool,
    /// The largest draft read, e.g. `32MB`, `500kB` or a number of bytes (default 16MB).
    #[arg(long, global = true, value_name = "SIZE", value_parser = policycheck::mandate::parse_size)]
    max_document_size: Option<u64>,
    /// Colour in the terminal: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorArg::Auto)]
    color: ColorArg,
    /// How to read a Word draft's tracked changes: as if all were accepted (the default) or
    /// all rejected.
    #[arg(long, global = true, value_enum, value_name = "HOW")]
    tracked_changes: Option<TrackedChangesArg>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorArg {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// The colour choice, read before the full parse so that even argument errors could use it.
pub fn color_choice<I, T>(args: I) -> anstream::ColorChoice
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let choice = Cli::command()
        .ignore_errors(true)
        .try_get_matches_from(args)
        .ok()
        .and_then(|m| m.get_one::<ColorArg>("color").copied())
        .unwrap_or(ColorArg::Auto);
    match choice {
        ColorArg::Auto => anstream::ColorChoice::Auto,
        ColorArg::Always => anstream::ColorChoice::Always,
        ColorArg::Never => anstream::ColorChoice::Never,
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum TrackedChangesArg {
    /// Score the draft as if every tracked change were accepted.
    Accepted,
    /// Score the draft as if every tracked change were rejected.
    Rejected,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Score drafts and report: summary, JSON, Markdown memo, SARIF, JUnit, GitHub, lines.
    Check(CheckArgs),
    /// Write the briefing memo (or another template) for one draft.
    Report(ReportArgs),
    /// Compare two versions of a draft, recommendation by recommendation.
    Diff(DiffArgs),
    /// Show how a draft was read: each provision's id, lines, force, addressee and text; or
    /// write it as a structured mandate (YAML) to correct and keep.
    Read(ReadArgs),
    /// List the rulebook's rules, check it for mistakes, run its examples, print its phrases.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
    /// Explain one rule: what it asks, why, the source's words, what counts as evidence.
    Explain(ExplainArgs),
    /// Print the JSON Schema of the rulebook format or of the structured mandate.
    Schema {
        /// Which schema.
        #[arg(value_enum)]
        kind: SchemaArg,
    },
    /// Start a new rulebook: rules/ID.yaml with an example rule, its schema, and a
    /// policycheck.yaml that uses it.
    Init(InitArgs),
    /// Score a series of versions of a mandate and show each recommendation's verdict over
    /// time: a Markdown table, or an HTML page with a chart.
    Trend(TrendArgs),
    /// Write the rulebook's suggested language into the draft, where a drafter would put it:
    /// a Word draft gets each suggestion as a tracked change with a comment citing the source
    /// (accept or reject each in Word's Review pane); a text or Markdown draft, the amended
    /// text or its diff.
    Suggest(SuggestArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the man page (roff).
    Man {
        /// Write the man pages into DIR (created if missing) instead of printing one:
        /// `policycheck.1` and one per subcommand (`policycheck-check.1`,
        /// `policycheck-rules-list.1` and so on).
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

#[derive(Debug, Args)]
struct TrendArgs {
    /// The versions, oldest first (or any order with --by-date).
    #[arg(required = true, num_args = 2.., value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Order the versions by their adoption dates.
    #[arg(long)]
    by_date: bool,
    #[command(flatten)]
    rules: RulesArg,
    /// markdown (a table) or html (a page with a chart).
    #[arg(long, value_enum, default_value_t = TrendFormatArg::Markdown)]
    format: TrendFormatArg,
    /// Write to this file (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Debug, Args)]
#[command(after_help = "\
Each gap (a recommendation missing or partly met, and not waived) gets its suggested language \
as a new operative paragraph: after the paragraph on the same subject if the draft has one, \
else before the closing paragraphs (\"Decides to remain seized of the matter\"), else at the \
end of the operative part; numbered by the draft's own numbering. Tracked changes are dated \
--date, else SOURCE_DATE_EPOCH, else now.")]
struct SuggestArgs {
    /// The draft: .docx (Word), .md or .txt.
    #[arg(value_name = "DRAFT")]
    file: PathBuf,
    /// Write the amended draft (or the diff) to this file, atomically; never the draft itself.
    /// Required for a Word draft; a text draft's goes to standard output without it.
    #[arg(long, short, value_name = "OUT")]
    output: Option<PathBuf>,
    #[command(flatten)]
    rules: RulesArg,
    /// Suggest only for this rule (its id, e.g. `expert-group`); repeat for several.
    #[arg(long, value_name = "RULE")]
    only: Vec<String>,
    /// amended (the draft with the suggestions in it) or diff (a unified diff; text and
    /// Markdown drafts only).
    #[arg(long, value_enum, default_value_t = SuggestFormat::Amended)]
    format: SuggestFormat,
    /// A waiver file (`waivers: [...]`), in addition to the configuration's waivers: a waived
    /// gap gets no suggestion.
    #[arg(long, value_name = "FILE")]
    waivers: Option<PathBuf>,
    /// The date of the tracked changes and comments: YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ
    /// (default: SOURCE_DATE_EPOCH if set, else now).
    #[arg(long, value_name = "DATE", value_parser = parse_revision_date)]
    date: Option<String>,
    /// The date waivers are checked against (YYYY-MM-DD), for tests; also env
    /// POLICYCHECK_TODAY.
    #[arg(long, hide = true, value_parser = parse_date)]
    today: Option<Date>,
}

#[derive(Debug, Args)]
struct ReadArgs {
    /// The draft: .txt, .md, .docx or a structured .yaml description; `-` for standard input.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    #[command(flatten)]
    stdin: StdinNameArg,
    /// text (an outline, one line per provision) or yaml (a structured mandate that `check`
    /// reads back to the same provisions).
    #[arg(long, value_enum, default_value_t = ReadFormat::Text)]
    format: ReadFormat,
    /// Write to this file (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum TrendFormatArg {
    /// A Markdown table.
    Markdown,
    /// A self-contained HTML page with an SVG chart.
    Html,
}

#[derive(Debug, Args)]
struct ExplainArgs {
    /// The rule's id, e.g. `expert-group`.
    #[arg(value_name = "RULE-ID")]
    rule: String,
    #[command(flatten)]
    rules: RulesArg,
}

#[derive(Debug, Args)]
struct InitArgs {
    /// The new rulebook's id: lower-case words joined by hyphens.
    #[arg(value_name = "ID", default_value = "my-rulebook")]
    id: String,
    /// The folder to create the files in.
    #[arg(long, value_name = "DIR", default_value = ".")]
    dir: PathBuf,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum SchemaArg {
    /// The rulebook format (rules/*.yaml).
    Rulebook,
    /// The structured mandate description (a draft as YAML).
    Mandate,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum DiagnosticFormatArg {
    /// rustc-style messages with the lines around each problem.
    Text,
    /// A JSON array of {file, line, column, rule, message, hint}.
    Json,
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// Drafts to score: files, `-` for standard input, folders (searched for .txt, .md,
    /// .markdown, .docx, .pdf, .yaml, .yml; .gitignore'd, hidden, README-style and the
    /// configuration's own files skipped) and quoted glob patterns (`'drafts/**/*.md'`).
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    stdin: StdinNameArg,
    /// Follow symbolic links to folders when searching folders (a link loop is reported).
    #[arg(long)]
    follow_symlinks: bool,
    /// A rulebook (YAML); repeat for several. Replaces the configuration's rulebooks; the
    /// embedded default is used when none is named anywhere.
    #[arg(long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,
    /// An output format; repeat for several, each followed by its --output (a format without
    /// one goes to standard output, at most one may).
    #[arg(long, value_name = "FORMAT", value_parser = format_parser())]
    format: Vec<Format>,
    /// Write the preceding --format to this file (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Vec<PathBuf>,
    /// Fail (exit 1) when a document scores below SCORE (0–100).
    #[arg(long, value_name = "SCORE", value_parser = parse_score)]
    fail_under: Option<f64>,
    /// Fail when any rule is missing, or missing or partial, whatever the score.
    #[arg(long, value_enum, value_name = "VERDICT")]
    fail_on: Option<FailOnArg>,
    /// A rule that must not be missing; repeat for several (adds to the configuration's).
    #[arg(long = "required", value_name = "RULE")]
    required: Vec<String>,
    /// Exit 0 even when a document falls short (problems still exit 2).
    #[arg(long)]
    exit_zero: bool,
    /// Print nothing on standard output and no summary line: only errors and warnings on
    /// standard error. Files named with --output are still written; the exit code still says
    /// how the drafts fared.
    #[arg(long, short)]
    quiet: bool,
    /// Threads to read and judge documents on (0: one per core; at most 256). The output is
    /// the same for any number.
    #[arg(long, value_name = "N", default_value_t = 0, value_parser = parse_threads)]
    threads: usize,
    /// A waiver file (`waivers: [...]`), in addition to the configuration's waivers.
    #[arg(long, value_name = "FILE")]
    waivers: Option<PathBuf>,
    /// An earlier JSON report: report, and fail on, only what got worse since.
    #[arg(long, value_name = "REPORT.json")]
    baseline: Option<PathBuf>,
    /// The date waivers are checked against (YYYY-MM-DD), for tests; also env
    /// POLICYCHECK_TODAY.
    #[arg(long, hide = true, value_parser = parse_date)]
    today: Option<Date>,
    #[command(flatten)]
    templates: TemplatesArg,
}

#[derive(Debug, Args)]
struct ReportArgs {
    /// The draft to report on; `-` for standard input.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    #[command(flatten)]
    stdin: StdinNameArg,
    #[command(flatten)]
    rules: RulesArg,
    /// A template name (`memo`, `summary`) or the path of a .hbs file.
    #[arg(long, value_name = "NAME|PATH", default_value = "memo")]
    template: String,
    /// `docx`: write the briefing memo as a Word document (needs --output; an --output
    /// ending in .docx implies it).
    #[arg(long, value_name = "FORMAT", value_parser = ["docx"])]
    format: Option<String>,
    /// Write the report to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    templates: TemplatesArg,
}

#[derive(Debug, Args)]
struct DiffArgs {
    /// The earlier version of the draft.
    #[arg(value_name = "OLD")]
    old: PathBuf,
    /// The later version (with --pending, leave it out).
    #[arg(value_name = "NEW", required_unless_present = "pending")]
    new: Option<PathBuf>,
    /// Compare a Word draft with all its tracked changes rejected (old) and accepted (new):
    /// what the pending changes would do to each recommendation.
    #[arg(long, conflicts_with = "new")]
    pending: bool,
    /// A rulebook (YAML); repeat for several.
    #[arg(long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    format: DiffFormat,
    /// Write the report to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    templates: TemplatesArg,
}

#[derive(Debug, Subcommand)]
enum RulesCommand {
    /// List the rules: id, weight, area and title.
    List {
        #[command(flatten)]
        rules: RulesArg,
    },
    /// Run every rule's examples and show which give the expected verdict.
    Test {
        /// The rulebook to test (the same as --rules).
        #[arg(value_name = "PATH", conflicts_with = "path")]
        file: Option<PathBuf>,
        #[command(flatten)]
        rules: RulesArg,
    },
    /// Check a rulebook for mistakes: every problem with its file, line, column and a hint,
    /// and every example that gets another verdict. Exit 2 when there is any.
    Check {
        /// The rulebook; the configuration's rulebooks, or the embedded default, when not
        /// given.
        #[arg(value_name = "PATH")]
        file: Option<PathBuf>,
        /// How to print the problems.
        #[arg(long, value_enum, default_value_t = DiagnosticFormatArg::Text)]
        format: DiagnosticFormatArg,
    },
    /// Print the rulebook's phrases as ripgrep-compatible regular expressions, one a line.
    Patterns {
        #[command(flatten)]
        rules: RulesArg,
    },
    /// Measure the rulebook against analysts' labels: exact agreement, Cohen's kappa, per rule
    /// the precision and recall of "taken up", the confusion matrix and every disagreement.
    Measure {
        /// The labels: per document, per rule id, `verdict:` (met, partial or missing) with
        /// optional `evidence:` and `note:`. Several files are measured as one set.
        #[arg(value_name = "LABELS.yaml", required = true)]
        labels: Vec<PathBuf>,
        /// The folder of the labelled drafts: a document's draft is the file named after it
        /// (`dev-01.txt`) or beginning with its name and `_` (`S_RES_0866_1993_EN_GOLD.txt`).
        #[arg(long, value_name = "DIR")]
        drafts: PathBuf,
        #[command(flatten)]
        rules: RulesArg,
        /// text (figures, then every disagreement) or json.
        #[arg(long, value_enum, default_value_t = MeasureFormat::Text)]
        format: MeasureFormat,
    },
}

#[derive(Debug, Args)]
struct StdinNameArg {
    /// The name of the draft read from standard input (`-`): reports call it so, and its
    /// extension gives its format (.md, .docx, .pdf, .yaml; otherwise plain text).
    #[arg(long, value_name = "NAME")]
    stdin_name: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct RulesArg {
    /// The rulebook (YAML); the configuration's first, or the embedded default, when not given.
    #[arg(long = "rules", value_name = "PATH")]
    path: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct TemplatesArg {
    /// A folder of .hbs templates that replace the embedded ones by name (memo.md.hbs → memo).
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FailOnArg {
    /// Any missing rule fails the document.
    Missing,
    /// Any missing or partly met rule fails the document.
    Partial,
}

/// Parses the command line into a [`Task`]; `Err` is clap's error (or `--help`), which the
/// caller prints and exits with.
pub fn parse_from<I, T>(args: I) -> Result<Task, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let matches = Cli::command().try_get_matches_from(args)?;
    let cli = Cli::from_arg_matches(&matches)?;
    let config = if cli.config.no_config {
        ConfigChoice::Off
    } else {
        cli.config
            .config
            .map_or(ConfigChoice::Discover, ConfigChoice::File)
    };
    let read = ReadChoices {
        max_bytes: cli.config.max_document_size,
        tracked_changes: cli.config.tracked_changes.map(|t| match t {
            TrackedChangesArg::Accepted => TrackedChanges::Accepted,
            TrackedChangesArg::Rejected => TrackedChanges::Rejected,
        }),
    };
    Ok(match cli.command {
        Command::Check(a) => {
            let sub = matches.subcommand_matches("check").ok_or_else(|| {
                Cli::command().error(
                    ErrorKind::MissingSubcommand,
                    "the `check` command is missing",
                )
            })?;
            let outputs = pair_outputs(sub, &a.format, &a.output)?;
            Task::Check(CheckOptions {
                config,
                read,
                inputs: a.inputs,
                stdin_name: a.stdin.stdin_name,
                follow_symlinks: a.follow_symlinks,
                rules: a.rules,
                outputs,
                fail_under: a.fail_under,
                fail_on: a.fail_on.map(|f| match f {
                    FailOnArg::Missing => FailOn::Missing,
                    FailOnArg::Partial => FailOn::Partial,
                }),
                required: a.required,
                exit_zero: a.exit_zero,
                quiet: a.quiet,
                threads: a.threads,
                waivers: a.waivers,
                baseline: a.baseline,
                today: a.today,
                templates: a.templates.templates,
            })
        }
        Command::Report(a) => Task::Report(ReportOptions {
            config,
            read,
            file: a.file,
            stdin_name: a.stdin.stdin_name,
            rules: a.rules.path,
            template: template_choice(&a.template),
            docx: a.format.is_some()
                || a.output.as_ref().is_some_and(|p| {
                    p.extension()
                        .is_some_and(|e| e.eq_ignore_ascii_case("docx"))
                }),
            output: a.output,
            templates: a.templates.templates,
        }),
        Command::Diff(a) => Task::Diff(DiffOptions {
            config,
            read,
            new: a.new.unwrap_or_else(|| a.old.clone()),
            old: a.old,
            pending: a.pending,
            rules: a.rules,
            format: a.format,
            output: a.output,
            templates: a.templates.templates,
        }),
        Command::Rules {
            command: RulesCommand::List { rules },
        } => Task::RulesList(RulesOptions {
            config,
            rules: rules.path,
        }),
        Command::Rules {
            command: RulesCommand::Test { file, rules },
        } => Task::RulesTest(RulesOptions {
            config,
            rules: file.or(rules.path),
        }),
        Command::Rules {
            command: RulesCommand::Check { file, format },
        } => Task::RulesCheck(RulesCheckOptions {
            config,
            path: file,
            format: match format {
                DiagnosticFormatArg::Text => DiagnosticFormat::Text,
                DiagnosticFormatArg::Json => DiagnosticFormat::Json,
            },
            color: false,
        }),
        Command::Rules {
            command: RulesCommand::Patterns { rules },
        } => Task::RulesPatterns(PatternsOptions {
            config,
            rules: rules.path,
        }),
        Command::Rules {
            command:
                RulesCommand::Measure {
                    labels,
                    drafts,
                    rules,
                    format,
                },
        } => Task::RulesMeasure(MeasureOptions {
            config,
            read,
            labels,
            drafts,
            rules: rules.path,
            format,
        }),
        Command::Explain(a) => Task::Explain(ExplainOptions {
            config,
            rule: a.rule,
            rules: a.rules.path,
        }),
        Command::Schema { kind } => Task::Schema(match kind {
            SchemaArg::Rulebook => SchemaKind::Rulebook,
            SchemaArg::Mandate => SchemaKind::Mandate,
        }),
        Command::Init(a) => Task::Init(InitOptions {
            id: a.id,
            dir: a.dir,
        }),
        Command::Trend(a) => Task::Trend(TrendOptions {
            config,
            read,
            files: a.files,
            by_date: a.by_date,
            rules: a.rules.path,
            format: match a.format {
                TrendFormatArg::Markdown => Format::Markdown,
                TrendFormatArg::Html => Format::Html,
            },
            output: a.output,
        }),
        Command::Read(a) => Task::Read(ReadCommandOptions {
            config,
            read,
            file: a.file,
            stdin_name: a.stdin.stdin_name,
            format: a.format,
            output: a.output,
        }),
        Command::Suggest(a) => Task::Suggest(SuggestOptions {
            config,
            read,
            file: a.file,
            output: a.output,
            rules: a.rules.path,
            only: a.only,
            format: a.format,
            waivers: a.waivers,
            today: a.today,
            date: a.date,
        }),
        Command::Completions { shell } => Task::Completions(shell),
        Command::Man { dir } => Task::Man(ManOptions { dir }),
    })
}

/// Pairs each `--output` with the nearest `--format` before it; a format left without a file
/// goes to standard output. With at most one of each, their order does not matter
/// (`--output m.md --format markdown` pairs them) and a lone `--output` takes the text summary.
fn pair_outputs(
    matches: &ArgMatches,
    formats: &[Format],
    outputs: &[PathBuf],
) -> Result<Vec<OutputSpec>, clap::Error> {
    if formats.len() <= 1 && outputs.len() <= 1 {
        if formats.is_empty() && outputs.is_empty() {
            return Ok(Vec::new());
        }
        // A lone `--output memo.docx` writes the Word memo: a .docx file holds nothing else.
        let inferred = match outputs.first() {
            Some(p)
                if p.extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("docx")) =>
            {
                Format::Docx
            }
            _ => Format::Text,
        };
        return Ok(vec![OutputSpec {
            format: formats.first().copied().unwrap_or(inferred),
            path: outputs.first().cloned(),
        }]);
    }
    let f_idx: Vec<usize> = matches
        .indices_of("format")
        .map(Iterator::collect)
        .unwrap_or_default();
    let o_idx: Vec<usize> = matches
        .indices_of("output")
        .map(Iterator::collect)
        .unwrap_or_default();
    let mut specs: Vec<OutputSpec> = formats
        .iter()
        .map(|&format| OutputSpec { format, path: None })
        .collect();
    for (path, oi) in outputs.iter().zip(&o_idx) {
        let slot = f_idx
            .iter()
            .enumerate()
            .rev()
            .find(|(k, fi)| *fi < oi && specs[*k].path.is_none())
            .map(|(k, _)| k);
        match slot {
            Some(k) => specs[k].path = Some(path.clone()),
            None => {
                return Err(Cli::command().error(
                    ErrorKind::ArgumentConflict,
                    format!(
                        "`--output {}` has no `--format` before it to write; write \
                         `--format FORMAT --output FILE` pairs",
                        path.display()
                    ),
                ))
            }
        }
    }
    if specs.iter().filter(|s| s.path.is_none()).count() > 1 {
        return Err(Cli::command().error(
            ErrorKind::ArgumentConflict,
            "only one format can go to standard output; give the others an `--output FILE` \
             after their `--format`",
        ));
    }
    Ok(specs)
}

fn format_parser() -> impl clap::builder::TypedValueParser<Value = Format> {
    let names: Vec<&'static str> = Format::ALL.iter().map(|f| f.as_str()).collect();
    PossibleValuesParser::new(names).try_map(|s| s.parse::<Format>())
}

/// A value with a path separator or ending in `.hbs` is a file; anything else is a name.
/// The rule is syntactic so that a stray file named `memo` cannot shadow the embedded memo.
fn template_choice(value: &str) -> TemplateChoice {
    if value.contains('/') || value.contains(std::path::MAIN_SEPARATOR) || value.ends_with(".hbs") {
        TemplateChoice::File(PathBuf::from(value))
    } else {
        TemplateChoice::Name(value.to_string())
    }
}

fn parse_score(s: &str) -> Result<f64, String> {
    let x: f64 = s
        .parse()
        .map_err(|_| format!("`{s}` is not a number (expected a score from 0 to 100)"))?;
    if (0.0..=100.0).contains(&x) {
        Ok(x)
    } else {
        Err(format!(
            "{s} is out of range (expected a score from 0 to 100)"
        ))
    }
}

/// The most threads `--threads` accepts: more only adds the cost of starting them (the work
/// is reading and matching, a core each), and an absurd number can bring a machine down.
const MAX_THREADS: usize = 256;

fn parse_threads(s: &str) -> Result<usize, String> {
    let n: usize = s
        .parse()
        .map_err(|_| format!("`{s}` is not a number of threads (expected 0 to {MAX_THREADS})"))?;
    if n <= MAX_THREADS {
        Ok(n)
    } else {
        Err(format!(
            "{s} threads is more than the limit of {MAX_THREADS} (0 means one per core)"
        ))
    }
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s)
}

/// `YYYY-MM-DD` (midnight UTC) or `YYYY-MM-DDTHH:MM:SSZ`, as Word dates revisions.
fn parse_revision_date(s: &str) -> Result<String, String> {
    let bad = || format!("`{s}` is not a date (write YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)");
    let (day, time) = match s.split_once('T') {
        Some((d, t)) => (d, t),
        None => (s, "00:00:00Z"),
    };
    Date::parse(day)?;
    let t = time.strip_suffix('Z').ok_or_else(bad)?;
    let parts: Vec<&str> = t.split(':').collect();
    let ok = parts.len() == 3
        && parts
            .iter()
            .all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
        && parts[0] < "24"
        && parts[1] < "60"
        && parts[2] < "60";
    if ok {
        Ok(format!("{day}T{t}Z"))
    } else {
        Err(bad())
    }
}

/// `completions SHELL`: the completion script, generated from the command line's definition.
pub fn completions(shell: Shell) -> anyhow::Result<String> {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "policycheck", &mut out);
    Ok(String::from_utf8(out)?)
}

/// `man`: the man page (roff), generated from the command line's definition.
pub fn man() -> anyhow::Result<String> {
    let cmd = Cli::command();
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut out)?;
    Ok(String::from_utf8(out)?)
}

/// `man --dir`: every man page, as (file name, roff): `policycheck.1`, then one page per
/// subcommand and nested subcommand (`policycheck-check.1`, `policycheck-rules-list.1`), each
/// before its own subcommands, as `git` and `cargo` name them. As `clap_mangen::generate_to`
/// does, `help` gets no page (and so is not listed as a subcommand) and hidden ones neither.
pub fn man_pages() -> anyhow::Result<Vec<(String, String)>> {
    fn collect(
        cmd: clap::Command,
        source: &str,
        pages: &mut Vec<(String, String)>,
    ) -> anyhow::Result<()> {
        let subcommands: Vec<clap::Command> = cmd
            .get_subcommands()
            .filter(|s| !s.is_hide_set())
            .cloned()
            .collect();
        let man = clap_mangen::Man::new(cmd).source(source);
        let mut out = Vec::new();
        man.render(&mut out)?;
        pages.push((man.get_filename(), String::from_utf8(out)?));
        for sub in subcommands {
            collect(sub, source, pages)?;
        }
        Ok(())
    }
    // Building gives each subcommand its display name (`policycheck-rules-list`), which
    // names its page and its title.
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    // Every page's footer names the program and its version, as the main page's does (a
    // subcommand alone would give `list ` there).
    let source = format!("policycheck {}", env!("CARGO_PKG_VERSION"));
    let mut pages = Vec::new();
    collect(cmd, &source, &mut pages)?;
    Ok(pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(args: &[&str]) -> Task {
        parse_from(args).unwrap_or_else(|e| panic!("{e}"))
    }

    fn check(args: &[&str]) -> CheckOptions {
        let mut all = vec!["policycheck", "check"];
        all.extend_from_slice(args);
        match task(&all) {
            Task::Check(o) => o,
            t => panic!("{t:?}"),
        }
    }

    #[test]
    fn arguments_are_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn check_resolves_to_plain_options() {
        let o = check(&[
            "a.md",
            "drafts/",
            "--rules",
            "r.yaml",
            "--format",
            "json",
            "--fail-under",
            "60",
            "--fail-on",
            "partial",
            "--required",
            "expert-group",
        ]);
        assert_eq!(o.inputs, [PathBuf::from("a.md"), PathBuf::from("drafts/")]);
        assert_eq!(o.rules, [PathBuf::from("r.yaml")]);
        assert_eq!(
            o.outputs,
            [OutputSpec {
                format: Format::Json,
                path: None
            }]
        );
        assert_eq!(o.fail_under, Some(60.0));
        assert_eq!(o.fail_on, Some(FailOn::Partial));
        assert_eq!(o.required, ["expert-group"]);
        assert_eq!(o.config, ConfigChoice::Discover);
    }

    #[test]
    fn each_format_takes_the_output_after_it() {
        let o = check(&[
            "a.md", "--format", "json", "--output", "a.json", "--format", "markdown", "--format",
            "text", "-o", "s.txt",
        ]);
        let got: Vec<(Format, Option<PathBuf>)> =
            o.outputs.into_iter().map(|s| (s.format, s.path)).collect();
        assert_eq!(
            got,
            [
                (Format::Json, Some("a.json".into())),
                (Format::Markdown, None),
                (Format::Text, Some("s.txt".into())),
            ]
        );
        // One of each pairs in either order.
        let o = check(&["a.md", "--output", "m.md", "--format", "markdown"]);
        assert_eq!(o.outputs[0].path, Some("m.md".into()));
        assert_eq!(o.outputs[0].format, Format::Markdown);
    }

    #[test]
    fn unpaired_outputs_and_two_formats_on_stdout_are_refused() {
        let args = |extra: &[&str]| {
            let mut a = vec!["policycheck", "check", "a.md"];
            a.extend_from_slice(extra);
            parse_from(a).unwrap_err().to_string()
        };
        let e = args(&["--format", "json", "--format", "text"]);
        assert!(
            e.contains("only one format can go to standard output"),
            "{e}"
        );
        let e = args(&["--output", "x", "--format", "json", "--output", "y"]);
        assert!(e.contains("has no `--format` before it"), "{e}");
    }

    #[test]
    fn report_defaults_to_the_memo() {
        let Task::Report(o) = task(&["policycheck", "report", "a.md"]) else {
            panic!()
        };
        assert_eq!(o.template, TemplateChoice::Name("memo".into()));
        assert_eq!(o.rules, None);
        assert_eq!(
            template_choice("mine/brief.md.hbs"),
            TemplateChoice::File("mine/brief.md.hbs".into())
        );
    }

    #[test]
    fn diff_and_config_flags() {
        let Task::Diff(o) = task(&[
            "policycheck",
            "diff",
            "old.md",
            "new.md",
            "--format",
            "json",
            "--config",
            "c/policycheck.yaml",
        ]) else {
            panic!()
        };
        assert_eq!(o.format, DiffFormat::Json);
        assert_eq!(o.config, ConfigChoice::File("c/policycheck.yaml".into()));
        let Task::RulesList(o) = task(&["policycheck", "--no-config", "rules", "list"]) else {
            panic!()
        };
        assert_eq!(o.config, ConfigChoice::Off);
    }

    #[test]
    fn man_pages_are_named_as_git_names_them() {
        assert_eq!(
            task(&["policycheck", "man", "--dir", "share/man/man1"]),
            Task::Man(ManOptions {
                dir: Some("share/man/man1".into())
            })
        );
        let pages = man_pages().unwrap_or_else(|e| panic!("{e}"));
        let names: Vec<&str> = pages.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(names[..2], ["policycheck.1", "policycheck-check.1"]);
        let at = |name: &str| names.iter().position(|n| *n == name);
        assert!(at("policycheck-rules.1") < at("policycheck-rules-list.1"));
        assert_eq!(at("policycheck-help.1"), None);
        let (_, list) = &pages[at("policycheck-rules-list.1").unwrap_or_default()];
        assert!(
            list.contains(".TH policycheck-rules-list 1  \"policycheck "),
            "{list}"
        );
    }

    #[test]
    fn suggest_resolves_its_options_and_dates() {
        let Task::Suggest(o) = task(&[
            "policycheck",
            "suggest",
            "d.docx",
            "-o",
            "out.docx",
            "--only",
            "expert-group",
            "--only",
            "political-process",
            "--date",
            "2026-01-02",
        ]) else {
            panic!()
        };
        assert_eq!(o.only, ["expert-group", "political-process"]);
        assert_eq!(o.format, SuggestFormat::Amended);
        assert_eq!(o.date.as_deref(), Some("2026-01-02T00:00:00Z"));
        assert_eq!(
            parse_revision_date("2026-01-02T10:11:12Z").as_deref(),
            Ok("2026-01-02T10:11:12Z")
        );
        assert!(parse_revision_date("2026-01-02T25:00:00Z").is_err());
        assert!(parse_revision_date("2026-02-30").is_err());
    }

    #[test]
    fn scores_outside_0_to_100_are_refused() {
        assert!(parse_score("101").is_err());
        assert!(parse_score("abc").is_err());
        assert_eq!(parse_score("62.5"), Ok(62.5));
    }
}
