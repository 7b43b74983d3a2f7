//! The command line: clap's arguments and their resolution into plain options ([`Task`]) that
//! `main` runs. Nothing here reads files, evaluates or prints; clap alone reports bad arguments
//! (with exit code 2).

use clap::{Args, Parser, Subcommand, ValueEnum};
use policycheck::report::Format;
use std::path::PathBuf;

/// Score draft policy documents against a rulebook of recommendations and write the gap
/// report.
#[derive(Debug, Parser)]
#[command(name = "policycheck", version)]
#[command(after_help = "\
Exit codes: 0 every document reaches the bar (or no bar was set), 1 a document falls short \
(or a rule example fails), 2 the tool could not do its job (bad arguments, malformed rulebook, \
unreadable draft).")]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Score drafts and print a summary, the JSON report or the Markdown memo.
    Check(CheckArgs),
    /// Write the briefing memo (or another template) for one draft.
    Report(ReportArgs),
    /// List the rulebook's rules or run their examples.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// Drafts to score: .yaml/.yml structured mandates, .md Markdown, anything else plain text.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    #[command(flatten)]
    rules: RulesArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    format: FormatArg,
    /// Write the report to this file instead of standard output (nothing is written if any
    /// input fails to load).
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Exit with 1 when a document scores below SCORE (0–100).
    #[arg(long, value_name = "SCORE", value_parser = parse_score)]
    fail_under: Option<f64>,
    #[command(flatten)]
    templates: TemplatesArg,
}

#[derive(Debug, Args)]
struct ReportArgs {
    /// The draft to report on.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    #[command(flatten)]
    rules: RulesArg,
    /// A template name (`memo`, `summary`) or the path of a .hbs file.
    #[arg(long, value_name = "NAME|PATH", default_value = "memo")]
    template: String,
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
        #[command(flatten)]
        rules: RulesArg,
    },
}

#[derive(Debug, Args)]
struct RulesArg {
    /// The rulebook (YAML); the embedded default is used when not given.
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
enum FormatArg {
    /// The terminal summary.
    Text,
    /// The JSON report.
    Json,
    /// The Markdown briefing memo.
    Markdown,
}

/// What the user asked for, in plain options.
#[derive(Debug, Clone, PartialEq)]
pub enum Task {
    /// `check`.
    Check(CheckOptions),
    /// `report`.
    Report(ReportOptions),
    /// `rules list`.
    RulesList(RulesSource),
    /// `rules test`.
    RulesTest(RulesSource),
}

/// Which rulebook to use.
#[derive(Debug, Clone, PartialEq)]
pub enum RulesSource {
    /// The embedded default.
    Default,
    /// A rulebook file.
    File(PathBuf),
}

/// Which template renders a report.
#[derive(Debug, Clone, PartialEq)]
pub enum TemplateChoice {
    /// A template known by name (embedded, or from `--templates`).
    Name(String),
    /// A template file.
    File(PathBuf),
}

/// Options of `check`.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckOptions {
    /// The drafts, in the order given.
    pub files: Vec<PathBuf>,
    /// The rulebook.
    pub rules: RulesSource,
    /// The output format.
    pub format: Format,
    /// Where to write, if not standard output.
    pub output: Option<PathBuf>,
    /// The bar, if set.
    pub fail_under: Option<f64>,
    /// A folder of template overrides.
    pub templates: Option<PathBuf>,
}

/// Options of `report`.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportOptions {
    /// The draft.
    pub file: PathBuf,
    /// The rulebook.
    pub rules: RulesSource,
    /// The template.
    pub template: TemplateChoice,
    /// Where to write, if not standard output.
    pub output: Option<PathBuf>,
    /// A folder of template overrides.
    pub templates: Option<PathBuf>,
}

impl Cli {
    /// Resolves the arguments into a [`Task`].
    pub fn task(self) -> Task {
        match self.command {
            Command::Check(a) => Task::Check(CheckOptions {
                files: a.files,
                rules: a.rules.source(),
                format: match a.format {
                    FormatArg::Text => Format::Text,
                    FormatArg::Json => Format::Json,
                    FormatArg::Markdown => Format::Markdown,
                },
                output: a.output,
                fail_under: a.fail_under,
                templates: a.templates.templates,
            }),
            Command::Report(a) => Task::Report(ReportOptions {
                file: a.file,
                rules: a.rules.source(),
                template: template_choice(&a.template),
                output: a.output,
                templates: a.templates.templates,
            }),
            Command::Rules {
                command: RulesCommand::List { rules },
            } => Task::RulesList(rules.source()),
            Command::Rules {
                command: RulesCommand::Test { rules },
            } => Task::RulesTest(rules.source()),
        }
    }
}

impl RulesArg {
    fn source(self) -> RulesSource {
        self.path.map_or(RulesSource::Default, RulesSource::File)
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn task(args: &[&str]) -> Task {
        Cli::try_parse_from(args).unwrap().task()
    }

    #[test]
    fn arguments_are_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn check_resolves_to_plain_options() {
        let t = task(&[
            "policycheck",
            "check",
            "a.md",
            "b.yaml",
            "--rules",
            "r.yaml",
            "--format",
            "json",
            "--fail-under",
            "60",
        ]);
        let Task::Check(o) = t else { panic!("{t:?}") };
        assert_eq!(
            o.files,
            vec![PathBuf::from("a.md"), PathBuf::from("b.yaml")]
        );
        assert_eq!(o.rules, RulesSource::File("r.yaml".into()));
        assert_eq!(o.format, Format::Json);
        assert_eq!(o.fail_under, Some(60.0));
    }

    #[test]
    fn report_defaults_to_the_memo() {
        let Task::Report(o) = task(&["policycheck", "report", "a.md"]) else {
            panic!()
        };
        assert_eq!(o.template, TemplateChoice::Name("memo".into()));
        assert_eq!(o.rules, RulesSource::Default);
        assert_eq!(
            template_choice("mine/brief.md.hbs"),
            TemplateChoice::File("mine/brief.md.hbs".into())
        );
    }

    #[test]
    fn scores_outside_0_to_100_are_refused() {
        assert!(parse_score("101").is_err());
        assert!(parse_score("abc").is_err());
        assert_eq!(parse_score("62.5"), Ok(62.5));
    }
}
