//! The report of `policycheck diff OLD NEW`: per recommendation what changed between two
//! versions of a draft (gained, lost, strengthened, weakened, unchanged) with the paragraphs on
//! each side, and the score change. One typed view ([`DiffReport`]) is serialised as JSON,
//! laid out by the `diff` template as the memo section "What changed", or printed as text.

use crate::error::Error;
use crate::evaluate::diff::{AssessmentDiff, Change};
use crate::evaluate::{RuleAssessment, Verdict};
use crate::report::render::Renderer;
use crate::report::view::{EvidenceView, ToolView};
use crate::rulebook::Rulebook;
use crate::vocab::{number_text, signed};
use serde::Serialize;

/// The version of the diff report's shape; bumped when a field is renamed or removed.
pub const DIFF_VERSION: u32 = 1;

/// Everything `diff` reports: one comparison per rulebook.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiffReport {
    /// [`DIFF_VERSION`].
    pub version: u32,
    /// The tool that wrote the report.
    pub tool: ToolView,
    /// One comparison per rulebook, in configuration order.
    pub diffs: Vec<DiffView>,
}

/// Two versions of a draft compared against one rulebook.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiffView {
    /// The rulebook's id.
    pub rulebook: String,
    /// The rulebook's title.
    pub rulebook_title: String,
    /// The earlier version.
    pub old: SideView,
    /// The later version.
    pub new: SideView,
    /// New score less old, one decimal.
    pub score_change: f64,
    /// The change signed for people: `+18.5`, `-3.0`, `±0.0`.
    pub score_change_text: String,
    /// Recommendations by change.
    pub counts: ChangeCounts,
    /// Per recommendation, in rulebook order.
    pub rules: Vec<RuleChangeView>,
}

/// One version of the draft.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SideView {
    /// The path as given.
    pub path: String,
    /// The title, or the path when there is none.
    pub heading: String,
    /// Weighted score, 0–100.
    pub score: f64,
    /// The score with one decimal.
    pub score_text: String,
}

/// Recommendations by change.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ChangeCounts {
    /// Missing before, taken up now.
    pub gained: usize,
    /// Taken up before, missing now.
    pub lost: usize,
    /// Stronger verdict or wording.
    pub strengthened: usize,
    /// Weaker verdict or wording.
    pub weakened: usize,
    /// No change.
    pub unchanged: usize,
}

/// One recommendation in both versions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleChangeView {
    /// The rule's id.
    pub id: String,
    /// The rule's title.
    pub title: String,
    /// The rule's weight as people write it.
    pub weight_text: String,
    /// gained / lost / strengthened / weakened / unchanged.
    pub change: Change,
    /// The change for a reader: `Gained`, `Strengthened`, ….
    pub change_label: String,
    /// A one-character mark: `+` gained, `-` lost, `↑` strengthened, `↓` weakened, `=`.
    pub symbol: String,
    /// True unless unchanged.
    pub changed: bool,
    /// The rule in the earlier version.
    pub old: RuleSideView,
    /// The rule in the later version.
    pub new: RuleSideView,
}

/// One rule in one version.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleSideView {
    /// met / partial / missing.
    pub verdict: Verdict,
    /// `Met`, `Partly met`, `Missing`.
    pub verdict_label: String,
    /// The strongest force of the wording that satisfies the rule's criteria, if any:
    /// context, no-action, call, mandate.
    pub force: Option<String>,
    /// The paragraphs that bear on the rule (evidence for it, then against it).
    pub evidence: Vec<EvidenceView>,
    /// The first paragraph cited, `—` when none.
    pub reference: String,
}

impl DiffView {
    /// The view of `diff`, made with `rulebook`.
    pub fn build(rulebook: &Rulebook, diff: &AssessmentDiff<'_>) -> DiffView {
        let side = |a: &crate::evaluate::Assessment| SideView {
            path: a.path.clone(),
            heading: a.title.clone().unwrap_or_else(|| a.path.clone()),
            score: a.score,
            score_text: format!("{:.1}", a.score),
        };
        let mut counts = ChangeCounts::default();
        let rules = diff
            .rules
            .iter()
            .map(|rc| {
                match rc.change {
                    Change::Gained => counts.gained += 1,
                    Change::Lost => counts.lost += 1,
                    Change::Strengthened => counts.strengthened += 1,
                    Change::Weakened => counts.weakened += 1,
                    Change::Unchanged => counts.unchanged += 1,
                }
                let rule = rulebook.rule(rc.id);
                RuleChangeView {
                    id: rc.id.to_string(),
                    title: rule.map_or_else(|| rc.id.to_string(), |r| r.title.clone()),
                    weight_text: number_text(rc.new.weight),
                    change: rc.change,
                    change_label: change_label(rc.change).to_string(),
                    symbol: change_symbol(rc.change).to_string(),
                    changed: rc.change != Change::Unchanged,
                    old: RuleSideView::build(rc.old),
                    new: RuleSideView::build(rc.new),
                }
            })
            .collect();
        let change = diff.score_change();
        DiffView {
            rulebook: rulebook.id.clone(),
            rulebook_title: rulebook.title.clone(),
            old: side(diff.old),
            new: side(diff.new),
            score_change: change,
            score_change_text: signed(change),
            counts,
            rules,
        }
    }
}

impl RuleSideView {
    fn build(ra: &RuleAssessment) -> RuleSideView {
        let evidence: Vec<EvidenceView> =
            ra.evidence().into_iter().map(EvidenceView::from).collect();
        let force = ra
            .criteria
            .iter()
            .filter(|c| c.satisfied)
            .filter_map(|c| c.force)
            .max();
        RuleSideView {
            verdict: ra.verdict,
            verdict_label: match ra.verdict {
                Verdict::Met => "Met",
                Verdict::Partial => "Partly met",
                Verdict::Missing => "Missing",
            }
            .to_string(),
            force: force.map(|f| f.as_str().to_string()),
            reference: match evidence.first() {
                Some(e) if e.negated => format!("against {}", e.provision),
                Some(e) => e.provision.clone(),
                None => "—".to_string(),
            },
            evidence,
        }
    }
}

impl DiffReport {
    /// The report of `diffs`.
    pub fn new(diffs: Vec<DiffView>) -> DiffReport {
        DiffReport {
            version: DIFF_VERSION,
            tool: ToolView {
                name: env!("CARGO_PKG_NAME").to_string(),
                version: env!("CARGO_PKG_VERSION").to_string(),
            },
            diffs,
        }
    }

    /// Pretty-printed JSON ending in a newline.
    pub fn to_json(&self) -> String {
        crate::report::json::pretty_json(self)
    }

    /// The terminal text: per comparison, the score change and one line per recommendation.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for (i, d) in self.diffs.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            let c = d.counts;
            out.push_str(&format!(
                "{} → {}  ({})\n  score {} → {} ({}): {} gained, {} strengthened, {} weakened, \
                 {} lost, {} unchanged\n",
                d.old.path,
                d.new.path,
                d.rulebook,
                d.old.score_text,
                d.new.score_text,
                d.score_change_text,
                c.gained,
                c.strengthened,
                c.weakened,
                c.lost,
                c.unchanged
            ));
            let id_w = d
                .rules
                .iter()
                .map(|r| r.id.chars().count())
                .max()
                .unwrap_or(0);
            for r in &d.rules {
                let force = match (&r.old.force, &r.new.force) {
                    (Some(a), Some(b)) if a != b => format!(" ({a} → {b})"),
                    _ => String::new(),
                };
                out.push_str(&format!(
                    "  {} {:<12} {:<id_w$}  {} → {}{force}  {} → {}\n",
                    r.symbol,
                    r.change.as_str(),
                    r.id,
                    r.old.verdict,
                    r.new.verdict,
                    r.old.reference,
                    r.new.reference,
                ));
            }
        }
        out
    }

    /// The Markdown section "What changed", through the `diff` template of `renderer` (the
    /// embedded one, or a user's `diff.md.hbs`).
    pub fn to_markdown(&self, renderer: &Renderer) -> Result<String, Error> {
        renderer.render_data("diff", self)
    }
}

fn change_label(c: Change) -> &'static str {
    match c {
        Change::Gained => "Gained",
        Change::Lost => "Lost",
        Change::Strengthened => "Strengthened",
        Change::Weakened => "Weakened",
        Change::Unchanged => "Unchanged",
    }
}

fn change_symbol(c: Change) -> &'static str {
    match c {
        Change::Gained => "+",
        Change::Lost => "-",
        Change::Strengthened => "↑",
        Change::Weakened => "↓",
        Change::Unchanged => "=",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluate::diff::diff_assessments;
    use crate::report::view::tests::sample;

    #[test]
    fn a_lost_rule_is_reported_in_every_form() {
        let (rulebook, old) = sample();
        let mut new = old.clone();
        new.rules[0].verdict = Verdict::Missing;
        new.rules[0].score = 0.0;
        new.rules[0].criteria[0].satisfied = false;
        new.score = 0.0;
        let diff = diff_assessments(&old, &new);
        let report = DiffReport::new(vec![DiffView::build(&rulebook, &diff)]);
        let d = &report.diffs[0];
        assert_eq!(d.counts.lost, 1);
        assert_eq!(d.counts.unchanged, 1);
        assert_eq!(d.score_change_text, "-66.7");
        let text = report.to_text();
        assert!(
            text.contains("- lost         crime-task    met → missing"),
            "{text}"
        );
        let md = report.to_markdown(&Renderer::embedded()).unwrap();
        assert!(md.starts_with("## What changed"), "{md}");
        let v: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
        assert_eq!(v["version"], 1);
        assert_eq!(v["diffs"][0]["rules"][0]["change"], "lost");
    }
}
