//! The plan of a check: which documents, each against which rulebooks and bars, with which
//! waivers and baseline — resolved from the configuration and the request before any draft is
//! read, so that a mistake in them stops the run before it starts.

use crate::bars::{Bars, FailOn};
use crate::config::{Config, RulebookRef};
use crate::error::ConfigError;
use crate::inputs::{expand_inputs_with, is_stdin, Discovery};
use crate::mandate::{ReadChoices, ReadOptions};
use crate::report::baseline::{Baseline, BaselineError};
use crate::rulebook::Rulebook;
use crate::waiver::{load_waivers, Date, Waiver};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// What the person running a check asks for, over the configuration: the command line's
/// part of a run.
#[derive(Debug, Clone)]
pub struct Request {
    /// Files, folders and glob patterns, in the order given.
    pub inputs: Vec<PathBuf>,
    /// Rulebook files; when any are given they replace the configuration's.
    pub rulebooks: Vec<PathBuf>,
    /// The least score, over the configuration's.
    pub fail_under: Option<f64>,
    /// Verdicts that fail a document, over the configuration's.
    pub fail_on: Option<FailOn>,
    /// Rules that must not be missing, in addition to the configuration's.
    pub required: Vec<String>,
    /// Limits and choices for reading drafts (the configuration's fill the gaps).
    pub read: ReadChoices,
    /// A waiver file, in addition to the configuration's waivers.
    pub waivers: Option<PathBuf>,
    /// An earlier JSON report: then only what got worse since is reported and fails.
    pub baseline: Option<PathBuf>,
    /// Threads to read and judge documents on (0: one per core).
    pub threads: usize,
    /// The date waivers are checked against.
    pub today: Date,
    /// Follow symbolic links to folders when searching folders (the configuration's
    /// `follow_symlinks: true` does too).
    pub follow_symlinks: bool,
    /// The name standard input (`-`) goes by: in reports, and by its extension the reader
    /// (`draft.md`: Markdown). Without one it is `-`, read as plain text.
    pub stdin_name: Option<PathBuf>,
    /// Decide where each gap's suggested language would go (as `policycheck suggest` puts
    /// it), for the memos, which say so; off by default, since only the memos show it and it
    /// costs a look at every operative paragraph per gap.
    pub places: bool,
}

impl Request {
    /// A request to check `inputs` as the configuration says, on `today`.
    pub fn new(inputs: Vec<PathBuf>, today: Date) -> Self {
        Request {
            inputs,
            rulebooks: Vec::new(),
            fail_under: None,
            fail_on: None,
            required: Vec::new(),
            read: ReadChoices::default(),
            waivers: None,
            baseline: None,
            threads: 0,
            today,
            follow_symlinks: false,
            stdin_name: None,
            places: false,
        }
    }
}

/// A check ready to run.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The documents, in the order given, those the configuration skips left out.
    pub documents: Vec<PlannedDocument>,
    /// The rulebooks, in order of first use; the run's own first, so that a report exists
    /// even when no document could be read.
    pub rulebooks: Vec<Rulebook>,
    /// The report's score bar: the request's, else the configuration's.
    pub bar: Option<f64>,
    /// The waivers: the configuration's, then the request's file's.
    pub waivers: Vec<Waiver>,
    /// The date waivers are checked against.
    pub today: Date,
    /// The earlier report, when only what got worse counts.
    pub baseline: Option<PlannedBaseline>,
    /// How drafts are read.
    pub read: ReadOptions,
    /// Threads to read and judge documents on (0: one per core).
    pub threads: usize,
    /// Inputs that named no document, in plain words: each makes the run's exit code 2.
    pub problems: Vec<String>,
    /// What the user should hear of before the documents' own warnings: the special files
    /// (FIFOs, sockets, devices) a folder held under a draft's name, skipped unopened.
    pub warnings: Vec<String>,
    /// Who the briefing memos are from (the configuration's `memo:`).
    pub memo: crate::report::MemoMeta,
    /// Whether each rule's view gets the place of its suggested language ([`Request::places`]).
    pub places: bool,
}

/// One document of a plan.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedDocument {
    /// The path, as found; for standard input, `-` or the name given to it.
    pub path: PathBuf,
    /// Whether the draft is read from standard input.
    pub stdin: bool,
    /// The path relative to the configuration's folder, `/`-separated: what waivers and
    /// overrides match.
    pub key: String,
    /// Its rulebooks, as indexes into [`Plan::rulebooks`].
    pub rulebooks: Vec<usize>,
    /// Its bars.
    pub bars: Bars,
}

/// The earlier report of a `--baseline` run.
#[derive(Debug, Clone)]
pub struct PlannedBaseline {
    /// The file, as given.
    pub path: PathBuf,
    /// What it holds.
    pub baseline: Baseline,
}

/// Why a plan could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    /// A waiver file is unreadable or wrong.
    #[error(transparent)]
    Waivers(#[from] ConfigError),
    /// A rulebook is unreadable or wrong.
    #[error(transparent)]
    Rulebook(#[from] crate::Error),
    /// The baseline is unreadable or not a report.
    #[error(transparent)]
    Baseline(#[from] BaselineError),
    /// A required rule is in none of the run's rulebooks (a misspelt id would otherwise
    /// disable the bar silently).
    #[error(
        "{origin}required rule {} is in none of the rulebooks of the run\n  hint: `policycheck rules list` shows the rule ids",
        .ids.iter().map(|id| format!("`{id}`")).collect::<Vec<_>>().join(", ")
    )]
    UnknownRequired {
        /// `policycheck.yaml: ` when the configuration came from a file, else nothing.
        origin: String,
        /// The ids, in order.
        ids: Vec<String>,
    },
}

impl Plan {
    /// The plan of `request` under `config`, relative paths resolved against `cwd`. Waivers,
    /// rulebooks and the baseline are read here; drafts are not.
    pub fn new(config: &Config, cwd: &Path, request: &Request) -> Result<Plan, PlanError> {
        let mut waivers = config.waivers.clone();
        if let Some(w) = &request.waivers {
            waivers.extend(load_waivers(w)?);
        }
        let own: Option<Vec<RulebookRef>> = (!request.rulebooks.is_empty()).then(|| {
            request
                .rulebooks
                .iter()
                .cloned()
                .map(RulebookRef::File)
                .collect()
        });

        // The documents, each with its settings: the configuration's, then the request's.
        let mut reserved = config.own_files();
        reserved.extend(request.rulebooks.iter().cloned());
        reserved.extend(request.waivers.iter().cloned());
        reserved.extend(request.baseline.iter().cloned());
        let discovery = Discovery {
            follow_symlinks: request.follow_symlinks || config.follow_symlinks,
            include: config.include.clone(),
            exclude: config.exclude.clone(),
            reserved,
        };
        let expansion = expand_inputs_with(&request.inputs, &discovery, &|p| {
            config.document_key(p, cwd)
        });
        let mut problems: Vec<String> =
            expansion.problems.iter().map(ToString::to_string).collect();
        let mut refs: Vec<RulebookRef> = Vec::new();
        let mut index = |r: &RulebookRef| {
            refs.iter().position(|b| b == r).unwrap_or_else(|| {
                refs.push(r.clone());
                refs.len() - 1
            })
        };
        let top = own
            .clone()
            .unwrap_or_else(|| config.for_document("").rulebooks);
        top.iter().for_each(|r| {
            index(r);
        });
        let mut documents = Vec::new();
        for path in expansion.documents {
            let stdin = is_stdin(&path);
            let path = match (&request.stdin_name, stdin) {
                (Some(name), true) => name.clone(),
                _ => path,
            };
            let key = config.document_key(&path, cwd);
            let settings = config.for_document(&key);
            if settings.skip {
                continue;
            }
            let mut bars = settings.bars;
            request_bars(&mut bars, request);
            let rulebooks = own
                .as_ref()
                .unwrap_or(&settings.rulebooks)
                .iter()
                .map(&mut index)
                .collect();
            documents.push(PlannedDocument {
                path,
                stdin,
                key,
                rulebooks,
                bars,
            });
        }
        if documents.is_empty() && problems.is_empty() {
            problems.push(format!(
                "no drafts to check: {}`overrides` skip every document named",
                config
                    .path
                    .as_ref()
                    .map_or_else(String::new, |p| format!("{}: ", p.display()))
            ));
        }
        let rulebooks = refs
            .iter()
            .map(RulebookRef::load)
            .collect::<Result<Vec<_>, _>>()?;
        unknown_required(&documents, &rulebooks, config)?;
        let baseline = match &request.baseline {
            Some(path) => Some(PlannedBaseline {
                path: path.clone(),
                baseline: Baseline::load(path)?,
            }),
            None => None,
        };
        Ok(Plan {
            documents,
            rulebooks,
            bar: request.fail_under.or(config.bars.fail_under),
            waivers,
            today: request.today,
            baseline,
            read: request.read.over(config.read),
            threads: request.threads,
            problems,
            warnings: expansion.skipped,
            memo: config.memo.clone(),
            places: request.places,
        })
    }
}

/// The request's bars replace the configuration's; its required rules add to them.
fn request_bars(bars: &mut Bars, request: &Request) {
    if request.fail_under.is_some() {
        bars.fail_under = request.fail_under;
    }
    if request.fail_on.is_some() {
        bars.fail_on = request.fail_on;
    }
    bars.required.extend(request.required.iter().cloned());
}

fn unknown_required(
    documents: &[PlannedDocument],
    rulebooks: &[Rulebook],
    config: &Config,
) -> Result<(), PlanError> {
    let unknown: BTreeSet<&String> = documents
        .iter()
        .flat_map(|d| &d.bars.required)
        .filter(|id| !rulebooks.iter().any(|b| b.rule(id).is_some()))
        .collect();
    if unknown.is_empty() {
        return Ok(());
    }
    Err(PlanError::UnknownRequired {
        origin: config
            .path
            .as_ref()
            .map_or_else(String::new, |p| format!("{}: ", p.display())),
        ids: unknown.into_iter().cloned().collect(),
    })
}
