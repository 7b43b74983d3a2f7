//! A check run as a library call: a [`Plan`] in — documents, rulebooks, bars, waivers,
//! baseline — and a [`RunResult`] out: every document's assessment, judgement, waiver
//! statuses and anchor, its complete [`DocumentView`], the documents that could not be read,
//! and what got worse since the baseline. [`render`] turns a result into any format; a
//! [`Sink`] receives each document as soon as it is judged, which is how a JSON Lines report
//! of any size streams. The command line only translates its arguments into a plan and prints.
//!
//! A front end's whole check, with the default rulebook and no configuration file:
//!
//! ```
//! use policycheck::config::Config;
//! use policycheck::report::{Format, Renderer};
//! use policycheck::run::{self, Plan, Request};
//! use policycheck::waiver::Date;
//! use std::path::Path;
//!
//! # fn main() -> anyhow::Result<()> {
//! let cwd = Path::new(env!("CARGO_MANIFEST_DIR"));
//! let today = Date::parse("2026-12-07").map_err(anyhow::Error::msg)?;
//! let mut request = Request::new(vec![cwd.join("examples/minusma-2013.yaml")], today);
//! request.fail_under = Some(60.0);
//! let plan = Plan::new(&Config::empty(cwd), cwd, &request)?;
//! let result = run::run(&plan)?;
//!
//! let judged = &result.judged[0];
//! assert_eq!(plan.rulebooks[judged.rulebook].id, "mali-2015");
//! assert_eq!(judged.judgement.passed, Some(false)); // it scores 36.1
//! assert!(result.short);
//! let json = run::render(&Renderer::embedded(), Format::Json, &result)?;
//! assert!(json.contains("\"passed\": false"));
//! # Ok(())
//! # }
//! ```

pub mod batch;
mod plan;
mod stream;

pub use plan::{Plan, PlanError, PlannedBaseline, PlannedDocument, Request};
pub use stream::{StreamOutput, StreamSink};

use crate::bars::{judge, Judgement};
use crate::error::Error;
use crate::evaluate::{evaluate_with, Assessment, Matcher};
use crate::inputs::read_stdin_mandate;
use crate::mandate::{anchor_line, identity, read_mandate_with};
use crate::report::baseline::{NewDocumentView, RegressionReport, BASELINE_VERSION};
use crate::report::{
    render_with, Decisions, DocumentError, DocumentView, Format, Place, Renderer, ReportView,
    ViewOptions, REPORT_VERSION,
};
use crate::rulebook::Rulebook;
use crate::waiver::{WaiverLedger, WaiverStatus};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

/// One document judged against one rulebook: everything the run decided about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Judged {
    /// The document, as an index into [`Plan::documents`].
    pub document: usize,
    /// The rulebook, as an index into [`Plan::rulebooks`].
    pub rulebook: usize,
    /// The evaluator's assessment.
    pub assessment: Assessment,
    /// How it fares against its bars, waived gaps counted as met.
    pub judgement: Judgement,
    /// The waivers that bear on its rules, as (rule id, status).
    pub waivers: Vec<(String, WaiverStatus)>,
    /// The first line of its operative part, where findings without a paragraph go.
    pub anchor: u32,
}

/// Receives each document of a run as soon as it is judged, in the plan's order.
pub trait Sink {
    /// A document judged against a rulebook, with its complete view (for a `--baseline`
    /// run, the view holds only the rules that got worse).
    fn judged(&mut self, judged: Judged, view: DocumentView) -> Result<(), Error>;

    /// `done` of `total` documents have been read and judged (or found unreadable).
    fn progress(&mut self, _done: usize, _total: usize) {}
}

/// What a run found.
#[derive(Debug, Clone, PartialEq)]
pub struct RunResult {
    /// Every document judged, in the plan's order (each document's rulebooks in its order);
    /// empty when the documents went to a [`Sink`] instead.
    pub judged: Vec<Judged>,
    /// One report per rulebook of the plan, each complete: its documents (none when they went
    /// to a sink), the documents that could not be read and the warnings.
    pub views: Vec<ReportView>,
    /// What got worse since the baseline, for a `--baseline` run.
    pub regressions: Option<RegressionReport>,
    /// Every problem met, in plain words: inputs that named nothing, drafts that could not be
    /// read. Any makes the exit code 2.
    pub problems: Vec<String>,
    /// What the user should hear of without it failing the run (expired or unmatched
    /// waivers).
    pub warnings: Vec<String>,
    /// Whether a document falls short of its bars (against a baseline: whether anything
    /// got worse, or a new document falls short).
    pub short: bool,
    /// How the drafts fared, counted one per draft (however many rulebooks it was checked
    /// against), for the summary line of a run.
    pub tally: Tally,
}

impl RunResult {
    /// The documents that could not be read or checked (every view lists the same).
    pub fn unreadable(&self) -> &[DocumentError] {
        self.views.first().map_or(&[][..], |v| &v.errors)
    }
}

/// How the drafts of a run fared, one count per draft.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Drafts read and judged.
    pub checked: usize,
    /// Drafts judged against a bar (a score bar, `fail_on` or required rules).
    pub barred: usize,
    /// Drafts that fall short of a bar against any of their rulebooks.
    pub short: usize,
    /// Drafts that could not be read.
    pub unreadable: usize,
}

impl Tally {
    /// The summary line of a run: "902 drafts: 120 clear their bars, 782 fall short, 0
    /// unreadable"; without bars, "902 drafts checked (no bar set), 0 unreadable".
    pub fn line(&self) -> String {
        let total = self.checked + self.unreadable;
        let drafts = if total == 1 { "draft" } else { "drafts" };
        if self.barred == 0 {
            format!(
                "{total} {drafts} checked (no bar set), {} unreadable",
                self.unreadable
            )
        } else {
            let unbarred = self.checked - self.barred;
            let clear = self.barred - self.short;
            let verb = |n: usize, one: &str, many: &str| {
                format!("{n} {}", if n == 1 { one } else { many })
            };
            let mut parts = vec![
                verb(clear, "clears its bars", "clear their bars"),
                verb(self.short, "falls short", "fall short"),
            ];
            if unbarred > 0 {
                parts.push(format!("{unbarred} without a bar"));
            }
            parts.push(format!("{} unreadable", self.unreadable));
            format!("{total} {drafts}: {}", parts.join(", "))
        }
    }
}

/// Runs `plan` and gathers every document into the result.
pub fn run(plan: &Plan) -> Result<RunResult, Error> {
    struct Gather(Vec<(Judged, DocumentView)>);
    impl Sink for Gather {
        fn judged(&mut self, judged: Judged, view: DocumentView) -> Result<(), Error> {
            self.0.push((judged, view));
            Ok(())
        }
    }
    let mut gather = Gather(Vec::new());
    let mut result = run_into(plan, &mut gather)?;
    for (judged, view) in gather.0 {
        result.views[judged.rulebook].documents.push(view);
        result.judged.push(judged);
    }
    Ok(result)
}

/// Runs `plan`, handing each document to `sink` as soon as it is judged; the result holds
/// everything else. Drafts are read and judged on the plan's threads, in memory bounded by a
/// few documents, and come to `sink` in the plan's order whatever the number of threads.
/// An `Err` is the sink's own.
pub fn run_into(plan: &Plan, sink: &mut dyn Sink) -> Result<RunResult, Error> {
    // Each rulebook's matcher is compiled on a thread of its own while the first drafts are
    // read: for one draft, reading it and compiling the matcher take about as long.
    let books: Arc<Vec<(Rulebook, OnceLock<Arc<Matcher>>)>> = Arc::new(
        plan.rulebooks
            .iter()
            .map(|b| (b.clone(), OnceLock::new()))
            .collect(),
    );
    let matcher = |books: &[(Rulebook, OnceLock<Arc<Matcher>>)], b: usize| -> Arc<Matcher> {
        let (rulebook, m) = &books[b];
        Arc::clone(m.get_or_init(|| Matcher::cached(rulebook)))
    };
    let compiling = (!plan.documents.is_empty()).then(|| {
        let books = Arc::clone(&books);
        std::thread::spawn(move || {
            for b in 0..books.len() {
                matcher(&books, b);
            }
        })
    });
    let read = plan.read;
    let want_places = plan.places;
    // Each job: the document's path, whether it is standard input, its rulebooks.
    let jobs: Vec<(PathBuf, bool, Vec<usize>)> = plan
        .documents
        .iter()
        .map(|d| (d.path.clone(), d.stdin, d.rulebooks.clone()))
        .collect();
    let work = move |(path, stdin, rulebooks): &(PathBuf, bool, Vec<usize>)| {
        let mandate = if *stdin {
            // The plan names standard input at most once, so it is read at most once.
            let label = path.display().to_string();
            read_stdin_mandate(&label, path, std::io::stdin().lock(), &read)
        } else {
            read_mandate_with(path, &read)
        };
        mandate.map(|mandate| {
            let assessments: Vec<Assessment> = rulebooks
                .iter()
                .map(|&b| evaluate_with(&matcher(&books, b), &books[b].0, &mandate))
                .collect();
            // Where `suggest` would put each gap's language, so that the memo says the same;
            // only when a memo is written.
            let places: Vec<Places> = rulebooks
                .iter()
                .zip(&assessments)
                .map(|(&b, a)| {
                    if want_places {
                        places(&books[b].0, &mandate, a)
                    } else {
                        Vec::new()
                    }
                })
                .collect();
            (
                assessments,
                anchor_line(&mandate),
                identity(&mandate),
                places,
            )
        })
    };

    let mut ledger = WaiverLedger::new(&plan.waivers, plan.today);
    let mut problems = plan.problems.clone();
    let mut errors: Vec<DocumentError> = Vec::new();
    let mut regressions = plan.baseline.as_ref().map(|b| RegressionReport {
        version: BASELINE_VERSION,
        baseline: b.path.display().to_string(),
        regressions: Vec::new(),
        new_documents: Vec::new(),
    });
    let mut short = false;
    let mut tally = Tally::default();
    let total = jobs.len();
    let judged = batch::in_order(jobs, plan.threads, work);
    for (i, ((path, _, rulebooks), outcome)) in judged.enumerate() {
        match outcome {
            Ok((assessments, anchor, draft, places)) => {
                tally.checked += 1;
                let (mut barred, mut fell_short) = (false, false);
                for ((book, assessment), places) in
                    rulebooks.into_iter().zip(assessments).zip(places)
                {
                    let doc = &plan.documents[i];
                    let rules = assessment.rules.iter().map(|r| (r.id.as_str(), r.verdict));
                    let waivers = ledger.apply(&doc.key, &assessment.path, rules);
                    let waived: BTreeSet<String> = waivers
                        .iter()
                        .filter(|(_, s)| matches!(s, WaiverStatus::Applied(_)))
                        .map(|(r, _)| r.clone())
                        .collect();
                    let judgement = judge(&assessment, &doc.bars, &waived);
                    let decisions = Decisions {
                        bar: doc.bars.fail_under,
                        own_bar: doc.bars.fail_under != plan.bar,
                        judgement,
                        waivers,
                        anchor,
                    };
                    let rulebook = &plan.rulebooks[book];
                    let mut view = DocumentView::decided(rulebook, &assessment, &decisions);
                    view.draft = draft.clone();
                    set_places(&mut view, &places);
                    let judged = Judged {
                        document: i,
                        rulebook: book,
                        assessment,
                        judgement: decisions.judgement,
                        waivers: decisions.waivers,
                        anchor,
                    };
                    match (&plan.baseline, &mut regressions) {
                        (Some(b), Some(report)) => {
                            against_baseline(
                                &b.baseline,
                                rulebook,
                                &judged,
                                &waived,
                                report,
                                &mut view,
                            );
                        }
                        _ => short |= judged.judgement.passed == Some(false),
                    }
                    barred |= judged.judgement.passed.is_some();
                    fell_short |= judged.judgement.passed == Some(false);
                    sink.judged(judged, view)?;
                }
                tally.barred += usize::from(barred);
                tally.short += usize::from(fell_short);
            }
            Err(e) => {
                tally.unreadable += 1;
                problems.push(e.to_string());
                errors.push(DocumentError {
                    path: path.display().to_string(),
                    error: e.to_string(),
                });
            }
        }
        sink.progress(i + 1, total);
    }

    if let Some(report) = &regressions {
        short = report.regressions.iter().any(|r| !r.waived)
            || report.new_documents.iter().any(|d| d.passed == Some(false));
    }
    let warnings: Vec<String> = plan
        .warnings
        .iter()
        .cloned()
        .chain(ledger.warnings().iter().map(ToString::to_string))
        .collect();
    let views = plan
        .rulebooks
        .iter()
        .map(|b| {
            let mut v = header(plan, b);
            v.errors = errors.clone();
            v.warnings = warnings.clone();
            v
        })
        .collect();
    if let Some(thread) = compiling {
        // It has finished: every draft judged waited for it. A panic there was a panic of
        // the draft that then compiled the matcher itself.
        let _ = thread.join();
    }
    Ok(RunResult {
        judged: Vec::new(),
        views,
        regressions,
        problems,
        warnings,
        short,
        tally,
    })
}

/// Where each gap's suggested language goes, by rule id, as `policycheck suggest` puts it.
pub type Places = Vec<(String, Place)>;

/// The places of the suggested language of every rule `assessment` finds missing or partial
/// (and that has suggested language), as [`crate::suggest::place`] decides them.
pub fn places(
    rulebook: &Rulebook,
    mandate: &crate::mandate::Mandate,
    assessment: &Assessment,
) -> Places {
    assessment
        .rules
        .iter()
        .filter(|r| r.verdict != crate::vocab::Verdict::Met)
        .filter_map(|r| {
            let suggested = rulebook.rule(&r.id)?.suggested.trim();
            if suggested.is_empty() {
                return None;
            }
            let p = crate::suggest::place(mandate, r, suggested)?;
            let reason = match p.reason {
                crate::suggest::Reason::Evidence => "evidence",
                crate::suggest::Reason::Subject => "subject",
                crate::suggest::Reason::Closing => "closing",
                crate::suggest::Reason::End => "end",
                crate::suggest::Reason::Preamble => "preamble",
            };
            Some((
                r.id.clone(),
                Place {
                    neighbour: p.neighbour,
                    before: p.before,
                    reason,
                },
            ))
        })
        .collect()
}

/// Gives each rule of `view` its place from `places`.
pub fn set_places(view: &mut DocumentView, places: &Places) {
    for rule in &mut view.rules {
        rule.place = places
            .iter()
            .find(|(id, _)| *id == rule.id)
            .map(|(_, p)| p.clone());
    }
}

/// Compares one judged document with the baseline: a document the baseline has adds what
/// got worse to `report`, and its view keeps only those rules; a new one is judged by its
/// bars as usual.
fn against_baseline(
    baseline: &crate::report::baseline::Baseline,
    rulebook: &Rulebook,
    judged: &Judged,
    waived: &BTreeSet<String>,
    report: &mut RegressionReport,
    view: &mut DocumentView,
) {
    let a = &judged.assessment;
    if !baseline.has_document(&rulebook.id, &a.path) {
        report.new_documents.push(NewDocumentView {
            path: a.path.clone(),
            rulebook: rulebook.id.clone(),
            passed: judged.judgement.passed,
            failures: judged.judgement.failures.clone(),
        });
        return;
    }
    let mut worse: BTreeSet<String> = BTreeSet::new();
    for mut r in baseline.regressions(rulebook, a) {
        r.waived = waived.contains(&r.rule);
        if !r.waived {
            worse.insert(r.rule.clone());
        }
        report.regressions.push(r);
    }
    view.rules.retain(|r| worse.contains(&r.id));
    view.gaps.retain(|g| worse.contains(g));
}

/// Renders a run's result in one format with `renderer`'s templates. Against a baseline,
/// the summary, memo and JSON report what got worse; the other formats list the documents
/// with only the rules that got worse. One rulebook gives the single report; with several,
/// JSON wraps the reports as `{"version", "reports": [...]}`, the summary and memo follow
/// one another, and the other formats get one report holding every (document, rulebook)
/// pair.
pub fn render(renderer: &Renderer, format: Format, result: &RunResult) -> Result<String, Error> {
    if let Some(r) = &result.regressions {
        match format {
            Format::Text => return r.render(renderer, false),
            Format::Markdown => return r.render(renderer, true),
            Format::Json => return Ok(r.to_json()),
            _ => {}
        }
    }
    match result.views.as_slice() {
        [one] => render_with(renderer, format, one),
        views => match format {
            Format::Json => {
                let all = serde_json::json!({ "version": REPORT_VERSION, "reports": views });
                Ok(crate::report::pretty_json(&all))
            }
            // Each row names its rulebook.
            Format::Csv => crate::report::render_csv(views),
            Format::Text | Format::Markdown => {
                let parts = views
                    .iter()
                    .map(|v| render_with(renderer, format, v))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(parts.join("\n"))
            }
            _ => {
                let mut merged = views.first().cloned().ok_or_else(|| Error::Template {
                    name: format.to_string(),
                    message: "a run without a rulebook has nothing to report".into(),
                })?;
                for v in views.iter().skip(1) {
                    merged.documents.extend(v.documents.iter().cloned());
                }
                render_with(renderer, format, &merged)
            }
        },
    }
}

/// Renders a run's result in one format as bytes: the Word memo for [`Format::Docx`] (one
/// document holding every (document, rulebook) pair), the text of [`render`] otherwise.
pub fn render_bytes(
    renderer: &Renderer,
    format: Format,
    result: &RunResult,
) -> Result<Vec<u8>, Error> {
    if format != Format::Docx {
        return render(renderer, format, result).map(String::into_bytes);
    }
    let mut merged = result
        .views
        .first()
        .cloned()
        .ok_or_else(|| Error::Template {
            name: format.to_string(),
            message: "a run without a rulebook has nothing to report".into(),
        })?;
    for v in result.views.iter().skip(1) {
        merged.documents.extend(v.documents.iter().cloned());
    }
    crate::report::render_docx(&merged)
}

/// The head of `plan`'s report for the rulebook `book` (its rulebook, bar, date and memo
/// header, no documents): what a streamed report opens with and what the run's result
/// completes.
pub(crate) fn header(plan: &Plan, book: &Rulebook) -> ReportView {
    let mut v = ReportView::header(book, &ViewOptions { bar: plan.bar });
    v.date = Some(crate::mandate::date_words(&plan.today.to_string()));
    v.memo = plan.memo.clone();
    v
}

/// A write to a streamed report that failed, naming the output.
pub(crate) fn write_error(name: &std::path::Path, source: std::io::Error) -> Error {
    Error::Io {
        action: "write",
        path: name.to_path_buf(),
        source,
    }
}
