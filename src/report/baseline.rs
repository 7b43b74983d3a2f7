//! `check --baseline REPORT.json`: an earlier JSON report read back, and what got worse since —
//! a rule whose verdict dropped, or evidence against a rule that the baseline did not have.
//! Evidence is keyed on the document's path, the rule's id and the evidence's words (see
//! [`normalize_excerpt`]), never on line numbers, so edits elsewhere in a draft do not count.

use crate::error::Error;
use crate::evaluate::diff::{normalize_excerpt, regression};
use crate::evaluate::{Assessment, Verdict};
use crate::report::render::Renderer;
use crate::report::view::EvidenceView;
use crate::rulebook::Rulebook;
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

/// The version of the regression report's shape.
pub const BASELINE_VERSION: u32 = 1;

/// A baseline that cannot be used.
#[derive(Debug)]
pub enum BaselineError {
    /// The file could not be read.
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not a policycheck JSON report.
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

impl fmt::Display for BaselineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BaselineError::Io { path, source } => {
                write!(f, "cannot read baseline {}: {source}", path.display())
            }
            BaselineError::Invalid { path, message } => write!(
                f,
                "{}: not a policycheck JSON report ({message})",
                path.display()
            ),
        }
    }
}

impl std::error::Error for BaselineError {}

#[derive(Debug, Clone, PartialEq)]
struct RuleThen {
    verdict: Verdict,
    negated: BTreeSet<String>,
}

/// An earlier report: per (rulebook, document, rule), the verdict and the words of the
/// evidence against the rule.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Baseline {
    rules: BTreeMap<(String, String, String), RuleThen>,
    documents: BTreeSet<(String, String)>,
}

impl Baseline {
    /// Reads a JSON report written by `check --format json` (one rulebook or several).
    pub fn load(path: &Path) -> Result<Baseline, BaselineError> {
        let text = crate::limits::read_text_bounded(
            path,
            crate::limits::MAX_BASELINE_BYTES,
            "a baseline report",
        )
        .map_err(|e| BaselineError::Io {
            path: path.to_path_buf(),
            source: e.into_io(),
        })?;
        Baseline::parse(&text).map_err(|message| BaselineError::Invalid {
            path: path.to_path_buf(),
            message,
        })
    }

    /// Parses a JSON report's text.
    pub fn parse(text: &str) -> Result<Baseline, String> {
        let v: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let reports: Vec<&Value> = match v.get("reports").and_then(Value::as_array) {
            Some(list) => list.iter().collect(),
            None => vec![&v],
        };
        let mut out = Baseline::default();
        for report in reports {
            let rulebook = report
                .pointer("/rulebook/id")
                .and_then(Value::as_str)
                .ok_or("no `rulebook.id`")?;
            let documents = report
                .get("documents")
                .and_then(Value::as_array)
                .ok_or("no `documents` list")?;
            for doc in documents {
                let path = doc
                    .get("path")
                    .and_then(Value::as_str)
                    .ok_or("a document has no `path`")?;
                out.documents
                    .insert((rulebook.to_string(), path.to_string()));
                for rule in doc
                    .get("rules")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    let id = rule
                        .get("id")
                        .and_then(Value::as_str)
                        .ok_or("a rule has no `id`")?;
                    let verdict = rule
                        .get("verdict")
                        .and_then(Value::as_str)
                        .and_then(Verdict::parse)
                        .ok_or("a rule has no valid `verdict`")?;
                    let negated = rule
                        .get("evidence")
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                        .filter(|e| e.get("negated").and_then(Value::as_bool) == Some(true))
                        .filter_map(|e| e.get("excerpt").and_then(Value::as_str))
                        .map(normalize_excerpt)
                        .collect();
                    out.rules.insert(
                        (rulebook.to_string(), path.to_string(), id.to_string()),
                        RuleThen { verdict, negated },
                    );
                }
            }
        }
        Ok(out)
    }

    /// Whether the baseline has this document checked against this rulebook.
    pub fn has_document(&self, rulebook: &str, path: &str) -> bool {
        self.documents
            .contains(&(rulebook.to_string(), path.to_string()))
    }

    /// What got worse in `assessment` (made with `rulebook`) since the baseline, rule by rule
    /// in rulebook order; rules the baseline lacks are not compared.
    pub fn regressions(&self, rulebook: &Rulebook, assessment: &Assessment) -> Vec<RegressionView> {
        let mut out = Vec::new();
        for now in &assessment.rules {
            let key = (rulebook.id.clone(), assessment.path.clone(), now.id.clone());
            let Some(then) = self.rules.get(&key) else {
                continue;
            };
            let Some(r) = regression(then.verdict, &then.negated, now) else {
                continue;
            };
            let evidence = now.evidence();
            out.push(RegressionView {
                path: assessment.path.clone(),
                rulebook: rulebook.id.clone(),
                rule: now.id.clone(),
                title: rulebook
                    .rule(&now.id)
                    .map_or_else(|| now.id.clone(), |r| r.title.clone()),
                before: then.verdict,
                now: now.verdict,
                verdict_dropped: r.dropped.is_some(),
                new_evidence_against: r
                    .new_negated
                    .iter()
                    .map(|&i| EvidenceView::from(evidence[i]))
                    .collect(),
                waived: false,
            });
        }
        out
    }
}

/// One rule of one document that got worse.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegressionView {
    /// The document's path as reported.
    pub path: String,
    /// The rulebook's id.
    pub rulebook: String,
    /// The rule's id.
    pub rule: String,
    /// The rule's title.
    pub title: String,
    /// The verdict in the baseline.
    pub before: Verdict,
    /// The verdict now.
    pub now: Verdict,
    /// Whether the verdict dropped.
    pub verdict_dropped: bool,
    /// Evidence against the rule that the baseline did not have.
    pub new_evidence_against: Vec<EvidenceView>,
    /// Whether a waiver accepts the gap (then it does not fail the run).
    pub waived: bool,
}

/// What `check --baseline` reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegressionReport {
    /// [`BASELINE_VERSION`].
    pub version: u32,
    /// The baseline file as given.
    pub baseline: String,
    /// What got worse, in document then rulebook order.
    pub regressions: Vec<RegressionView>,
    /// Documents the baseline does not have: they are judged by the bars as usual.
    pub new_documents: Vec<NewDocumentView>,
}

/// A document absent from the baseline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewDocumentView {
    /// The path.
    pub path: String,
    /// The rulebook's id.
    pub rulebook: String,
    /// Whether it clears its bars (`null` when none is set).
    pub passed: Option<bool>,
    /// Why it does not.
    pub failures: Vec<String>,
}

impl RegressionReport {
    /// Pretty-printed JSON ending in a newline.
    pub fn to_json(&self) -> String {
        crate::report::json::pretty_json(self)
    }

    /// One line per problem, then a count, through the `baseline` template of `renderer`;
    /// `markdown` makes it a Markdown list under a heading (template `baseline-memo`).
    pub fn render(&self, renderer: &Renderer, markdown: bool) -> Result<String, Error> {
        let name = if markdown {
            "baseline-memo"
        } else {
            "baseline"
        };
        renderer.render_data(name, &BaselineView::new(self))
    }
}

/// What the `baseline` templates see: the report, and how many new problems fail the run, in
/// words.
#[derive(Debug, Serialize)]
pub struct BaselineView<'a> {
    /// The report, its fields at the top level.
    #[serde(flatten)]
    pub report: &'a RegressionReport,
    /// `no new problems`, `1 new problem`, `3 new problems`: the regressions not waived.
    pub count_text: String,
}

impl<'a> BaselineView<'a> {
    /// The view of `report`.
    pub fn new(report: &'a RegressionReport) -> Self {
        let count = report.regressions.iter().filter(|r| !r.waived).count();
        BaselineView {
            report,
            count_text: match count {
                0 => "no new problems".to_string(),
                1 => "1 new problem".to_string(),
                n => format!("{n} new problems"),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::to_json;
    use crate::report::view::tests::sample;
    use crate::report::{ReportView, ViewOptions};

    #[test]
    fn a_report_read_back_finds_only_what_got_worse() {
        let (rulebook, old) = sample();
        let json = to_json(&ReportView::build(
            &rulebook,
            std::slice::from_ref(&old),
            &ViewOptions::default(),
        ));
        let baseline = Baseline::parse(&json).unwrap();
        assert!(baseline.has_document("test-book", "drafts/one.md"));
        assert!(
            baseline.regressions(&rulebook, &old).is_empty(),
            "same draft"
        );
        let mut new = old.clone();
        // The same evidence on another line is not new.
        new.rules[1].criteria[0].evidence[0].line = 99;
        assert!(baseline.regressions(&rulebook, &new).is_empty());
        new.rules[0].verdict = Verdict::Partial;
        let r = baseline.regressions(&rulebook, &new);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].rule, "crime-task");
        assert!(r[0].verdict_dropped);
    }

    #[test]
    fn something_else_is_refused() {
        assert!(Baseline::parse("{\"version\": 1}").is_err());
        assert!(Baseline::parse("not json").is_err());
    }
}
