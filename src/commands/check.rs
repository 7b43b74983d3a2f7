//! `check`: the documents of a run, each against its rulebooks and bars, with waivers applied,
//! rendered in every format asked for. A document that cannot be read is reported (in the
//! reports and on standard error) and makes the exit code 2, but the others are still checked
//! and every output is still written. With `--baseline`, only what got worse since an earlier
//! JSON report is reported and fails the run.

use super::{
    config, cwd, deliver, refuse_output_over_inputs, renderer, rulebook, today, Outcome, Status,
};
use crate::task::CheckOptions;
use policycheck::bars::{judge, Bars, Judgement};
use policycheck::config::{Config, DocumentSettings, OutputSpec, RulebookRef};
use policycheck::inputs::expand_inputs;
use policycheck::mandate::anchor_line;
use policycheck::mandate::read_mandate_with;
use policycheck::report::baseline::{
    Baseline, NewDocumentView, RegressionReport, BASELINE_VERSION,
};
use policycheck::report::{
    render_with, DocumentError, DocumentView, Format, Renderer, ReportView, ViewOptions,
    REPORT_VERSION,
};
use policycheck::waiver::{apply_waivers, load_waivers, Gap, WaiverStatus};
use policycheck::{evaluate, Assessment, Rulebook};
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

/// One document of the run and what applies to it.
struct Document {
    path: PathBuf,
    key: String,
    settings: DocumentSettings,
}

/// One document checked against one rulebook.
struct Checked {
    book: usize,
    doc: usize,
    assessment: Assessment,
    /// Where findings without a paragraph of their own are placed (the operative part's
    /// first line).
    anchor: u32,
    waived: BTreeSet<String>,
    judgement: Judgement,
}

/// Runs `check`.
pub fn run(o: CheckOptions) -> anyhow::Result<Outcome> {
    let cwd = cwd()?;
    let mut config = config(&o.config, &cwd)?;
    let read = o.read.over(config.read);
    if let Some(w) = &o.waivers {
        config.waivers.extend(load_waivers(w)?);
    }
    let today = today(o.today)?;
    let renderer = renderer(o.templates.as_deref().or(config.templates.as_deref()))?;
    let outputs = outputs(&o, &config)?;
    let cli_rulebooks: Option<Vec<RulebookRef>> =
        (!o.rules.is_empty()).then(|| o.rules.iter().cloned().map(RulebookRef::File).collect());

    // The documents, each with its settings: the configuration's, then the command line's.
    let expansion = expand_inputs(&o.inputs);
    let mut problems: Vec<String> = expansion.problems.iter().map(ToString::to_string).collect();
    let docs: Vec<Document> = expansion
        .documents
        .into_iter()
        .filter_map(|path| {
            let key = config.document_key(&path, &cwd);
            let mut settings = config.for_document(&key);
            if let Some(r) = &cli_rulebooks {
                settings.rulebooks = r.clone();
            }
            apply_cli_bars(&mut settings.bars, &o);
            (!settings.skip).then_some(Document {
                path,
                key,
                settings,
            })
        })
        .collect();

    // The rulebooks, in order of first use; the run's own first, so that a report exists even
    // when no document could be read.
    let mut books: Vec<(RulebookRef, Rulebook)> = Vec::new();
    let top = cli_rulebooks.unwrap_or_else(|| config.for_document("").rulebooks);
    for r in top
        .iter()
        .chain(docs.iter().flat_map(|d| &d.settings.rulebooks))
    {
        if !books.iter().any(|(b, _)| b == r) {
            books.push((r.clone(), rulebook(r)?));
        }
    }
    check_required(&docs, &books, &config)?;
    refuse_output_over_inputs(
        outputs.iter().filter_map(|spec| spec.path.as_deref()),
        docs.iter()
            .map(|d| (d.path.as_path(), "a draft being checked"))
            .chain(o.rules.iter().map(|p| (p.as_path(), "the rulebook")))
            .chain(o.waivers.iter().map(|p| (p.as_path(), "the waiver file"))),
    )?;

    // A JSON Lines report as the only output, one rulebook, no waivers or baseline: stream it,
    // on every core, in the memory of a few documents.
    if let [spec] = outputs.as_slice() {
        if spec.format == Format::Jsonl
            && books.len() == 1
            && config.waivers.is_empty()
            && o.baseline.is_none()
            && read == policycheck::mandate::ReadOptions::default()
            && problems.is_empty()
        {
            let docs = docs
                .into_iter()
                .map(|d| (d.path, d.settings.bars))
                .collect();
            let mut outcome =
                super::stream::run(&books[0].1, docs, spec.path.as_deref(), o.threads)?;
            outcome.exit_zero = o.exit_zero;
            return Ok(outcome);
        }
    }
    let book_index = |r: &RulebookRef| books.iter().position(|(b, _)| b == r).unwrap_or(0);

    // Read and evaluate; a broken document is noted and the others go on.
    let mut checked: Vec<Checked> = Vec::new();
    let mut errors: Vec<DocumentError> = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        match read_mandate_with(&d.path, &read) {
            Ok(mandate) => {
                for r in &d.settings.rulebooks {
                    let book = book_index(r);
                    checked.push(Checked {
                        book,
                        doc: i,
                        assessment: evaluate(&books[book].1, &mandate),
                        anchor: anchor_line(&mandate),
                        waived: BTreeSet::new(),
                        judgement: Judgement {
                            passed: None,
                            failures: Vec::new(),
                        },
                    });
                }
            }
            Err(e) => {
                problems.push(e.to_string());
                errors.push(DocumentError {
                    path: d.path.display().to_string(),
                    error: e.to_string(),
                });
            }
        }
    }

    // Waivers, then the bars.
    let gaps: Vec<Gap<'_>> = checked
        .iter()
        .enumerate()
        .flat_map(|(k, c)| {
            let key = docs[c.doc].key.as_str();
            c.assessment.rules.iter().map(move |r| Gap {
                document: k,
                key,
                path: &c.assessment.path,
                rule: &r.id,
                verdict: r.verdict,
            })
        })
        .collect();
    let (statuses, waiver_warnings) = apply_waivers(&config.waivers, &gaps, today);
    let warnings: Vec<String> = waiver_warnings.iter().map(ToString::to_string).collect();
    // Each document's waiver statuses, in order, found without searching them all.
    let mut statuses_of: HashMap<usize, Vec<(&str, &WaiverStatus)>> = HashMap::new();
    for (d, r, s) in &statuses {
        statuses_of.entry(*d).or_default().push((r.as_str(), s));
    }
    let no_statuses = Vec::new();
    let statuses_of = |k: usize| statuses_of.get(&k).unwrap_or(&no_statuses);
    for (k, c) in checked.iter_mut().enumerate() {
        c.waived = statuses_of(k)
            .iter()
            .filter(|(_, s)| matches!(s, WaiverStatus::Applied(_)))
            .map(|(r, _)| r.to_string())
            .collect();
        c.judgement = judge(&c.assessment, &docs[c.doc].settings.bars, &c.waived);
    }

    // One view per rulebook.
    let global_bar = o.fail_under.or(config.bars.fail_under);
    let mut views: Vec<ReportView> = books
        .iter()
        .map(|(_, b)| {
            let mut v = ReportView::build(b, &[], &ViewOptions { bar: global_bar });
            v.errors = errors.clone();
            v.warnings = warnings.clone();
            v
        })
        .collect();
    for (k, c) in checked.iter().enumerate() {
        let bar = docs[c.doc].settings.bars.fail_under;
        let mut dv = DocumentView::build(&books[c.book].1, &c.assessment, &ViewOptions { bar });
        dv.anchor_line = c.anchor.max(1);
        dv.passed = c.judgement.passed;
        dv.failures = c.judgement.failures.clone();
        if bar != global_bar {
            dv.bar_text = bar.map(number_text);
        }
        for rv in &mut dv.rules {
            for (r, s) in statuses_of(k) {
                if *r == rv.id {
                    match s {
                        WaiverStatus::Applied(w) => rv.waived = Some(w.clone()),
                        WaiverStatus::Expired(w) => rv.waiver_expired = Some(w.clone()),
                    }
                }
            }
        }
        views[c.book].documents.push(dv);
    }
    let mut short = checked.iter().any(|c| c.judgement.passed == Some(false));

    // Against a baseline, only what got worse counts.
    let mut regressions: Option<RegressionReport> = None;
    if let Some(path) = &o.baseline {
        let baseline = Baseline::load(path)?;
        let mut report = RegressionReport {
            version: BASELINE_VERSION,
            baseline: path.display().to_string(),
            regressions: Vec::new(),
            new_documents: Vec::new(),
        };
        for c in &checked {
            let book = &books[c.book].1;
            if baseline.has_document(&book.id, &c.assessment.path) {
                for mut r in baseline.regressions(book, &c.assessment) {
                    r.waived = c.waived.contains(&r.rule);
                    report.regressions.push(r);
                }
            } else {
                report.new_documents.push(NewDocumentView {
                    path: c.assessment.path.clone(),
                    rulebook: book.id.clone(),
                    passed: c.judgement.passed,
                    failures: c.judgement.failures.clone(),
                });
            }
        }
        short = report.regressions.iter().any(|r| !r.waived)
            || report.new_documents.iter().any(|d| d.passed == Some(false));
        // The machine formats keep, for documents in the baseline, only the rules that got
        // worse.
        let worse: BTreeSet<(String, String, String)> = report
            .regressions
            .iter()
            .filter(|r| !r.waived)
            .map(|r| (r.rulebook.clone(), r.path.clone(), r.rule.clone()))
            .collect();
        for v in &mut views {
            let id = v.rulebook.id.clone();
            for d in &mut v.documents {
                if baseline.has_document(&id, &d.path) {
                    d.rules
                        .retain(|r| worse.contains(&(id.clone(), d.path.clone(), r.id.clone())));
                    d.gaps.retain(|g| d.rules.iter().any(|r| &r.id == g));
                }
            }
        }
        regressions = Some(report);
    }

    // Every output, even when a document was broken: the others' results are in it.
    let mut stdout = String::new();
    for spec in &outputs {
        let text = match (&regressions, spec.format) {
            (Some(r), Format::Text) => Ok(r.to_text(false)),
            (Some(r), Format::Markdown) => Ok(r.to_text(true)),
            (Some(r), Format::Json) => Ok(r.to_json()),
            _ => render_views(&renderer, spec.format, &views),
        };
        match text.and_then(|t| deliver(spec.path.as_deref(), t)) {
            Ok(s) => stdout.push_str(&s),
            Err(e) => problems.push(e.to_string()),
        }
    }
    Ok(Outcome {
        stdout,
        problems,
        warnings,
        status: Some(if short { Status::Short } else { Status::Pass }),
        exit_zero: o.exit_zero,
    })
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
    if specs.iter().filter(|s| s.path.is_none()).count() > 1 {
        let origin = config
            .path
            .as_ref()
            .map_or_else(String::new, |p| format!("{}: ", p.display()));
        anyhow::bail!("{origin}`outputs`: only one output may go to standard output (give the others a `path`)");
    }
    Ok(specs)
}

/// The command line's bars replace the configuration's; `--required` adds to its rules.
fn apply_cli_bars(bars: &mut Bars, o: &CheckOptions) {
    if o.fail_under.is_some() {
        bars.fail_under = o.fail_under;
    }
    if o.fail_on.is_some() {
        bars.fail_on = o.fail_on;
    }
    bars.required.extend(o.required.iter().cloned());
}

/// A required rule that no rulebook of the run has is a mistake (a misspelt id would
/// otherwise disable the bar silently).
fn check_required(
    docs: &[Document],
    books: &[(RulebookRef, Rulebook)],
    config: &Config,
) -> anyhow::Result<()> {
    let mut unknown: BTreeSet<&str> = BTreeSet::new();
    for d in docs {
        for id in &d.settings.bars.required {
            if !books.iter().any(|(_, b)| b.rule(id).is_some()) {
                unknown.insert(id);
            }
        }
    }
    if unknown.is_empty() {
        return Ok(());
    }
    let origin = config
        .path
        .as_ref()
        .map_or_else(String::new, |p| format!("{}: ", p.display()));
    let ids: Vec<String> = unknown.iter().map(|id| format!("`{id}`")).collect();
    anyhow::bail!(
        "{origin}required rule {} is in none of the rulebooks of the run\n  hint: `policycheck rules list` shows the rule ids",
        ids.join(", ")
    )
}

/// Renders the views of a run in one format. One rulebook gives the single report, exactly as
/// before several were possible. With several, JSON wraps the reports as `{"version",
/// "reports": [...]}`, the summary and memo follow one another, and the other machine formats
/// get one report holding every (document, rulebook) pair.
fn render_views(
    renderer: &Renderer,
    format: Format,
    views: &[ReportView],
) -> Result<String, policycheck::Error> {
    match views {
        [one] => render_with(renderer, format, one),
        _ => match format {
            Format::Json => {
                let all = serde_json::json!({ "version": REPORT_VERSION, "reports": views });
                Ok(policycheck::report::pretty_json(&all))
            }
            Format::Text | Format::Markdown => {
                let parts = views
                    .iter()
                    .map(|v| render_with(renderer, format, v))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(parts.join("\n"))
            }
            _ => {
                let mut merged = views[0].clone();
                for v in &views[1..] {
                    merged.documents.extend(v.documents.iter().cloned());
                }
                render_with(renderer, format, &merged)
            }
        },
    }
}

/// `60` for 60.0, `62.5` for 62.5.
fn number_text(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x}")
    }
}
