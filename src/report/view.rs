//! The typed view model every report reads: the JSON output serialises it as it is, and the
//! Handlebars templates lay it out. It is built once, complete, from a rulebook, the
//! assessments made with it and what the run decided about each document ([`Decisions`]:
//! its judgement against its bars, its waivers, its anchor line); it decides nothing itself,
//! it only gathers, orders and words.

use crate::bars::{judge, Bars, Judgement};
use crate::evaluate::{Assessment, Evidence, RuleAssessment, Verdict};
use crate::mandate::Identity;
use crate::rulebook::{Rule, Rulebook};
use crate::vocab::number_text;
use crate::waiver::{WaiverStatus, WaiverView};
use serde::Serialize;

/// The version of the report's shape; bumped when a field is renamed or removed.
pub const REPORT_VERSION: u32 = 1;

/// Choices that change what a report says, not how it looks.
#[derive(Debug, Clone, Default)]
pub struct ViewOptions {
    /// The score a document must reach (0–100), when one is set.
    pub bar: Option<f64>,
}

/// What a run decided about one document beyond its assessment; the document's view shows
/// it as it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Decisions {
    /// The document's score bar, when one is set: its bottom line measures the score against
    /// it.
    pub bar: Option<f64>,
    /// Whether that bar differs from the report's, so that the document shows its own.
    pub own_bar: bool,
    /// How the document fares against its bars ([`crate::bars::judge`]).
    pub judgement: Judgement,
    /// The waivers that bear on its rules, as (rule id, status), in waiver order.
    pub waivers: Vec<(String, WaiverStatus)>,
    /// The line where findings without a paragraph of their own are placed
    /// ([`crate::mandate::anchor_line`]).
    pub anchor: u32,
}

impl Decisions {
    /// The decisions of a document judged against a score bar alone, without waivers, its
    /// findings anchored at the first line.
    pub fn against_bar(assessment: &Assessment, bar: Option<f64>) -> Self {
        let bars = Bars {
            fail_under: bar,
            ..Bars::default()
        };
        Decisions {
            bar,
            own_bar: false,
            judgement: judge(assessment, &bars, &Default::default()),
            waivers: Vec::new(),
            anchor: 1,
        }
    }
}

/// Everything a report shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportView {
    /// The version of this shape ([`REPORT_VERSION`]).
    pub version: u32,
    /// The tool that wrote the report.
    pub tool: ToolView,
    /// The rulebook the documents were checked against.
    pub rulebook: RulebookView,
    /// The bar, when one was set.
    pub bar: Option<f64>,
    /// The bar as people write it (`70`, `62.5`), when one was set.
    pub bar_text: Option<String>,
    /// One entry per document, in the order given.
    pub documents: Vec<DocumentView>,
    /// The documents that could not be read or checked, in the order given; left out of the
    /// JSON when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<DocumentError>,
    /// What the user should hear of without it failing the run (expired or unmatched
    /// waivers); left out of the JSON when there is nothing.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// The date of the report in words (`7 December 2026`), when the front end gives one:
    /// memos print it when a draft states no date of its own. Not part of the JSON report.
    #[serde(skip)]
    pub date: Option<String>,
    /// Who the memo is from (`memo:` in the configuration), printed in its header. Not part
    /// of the JSON report.
    #[serde(skip)]
    pub memo: MemoMeta,
}

/// Who a briefing memo is from, printed in its header: `memo: {author, organisation,
/// classification}` in the configuration. Every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemoMeta {
    /// The memo's author, e.g. `Policy Planning Unit`.
    #[serde(default)]
    pub author: Option<String>,
    /// The organisation, e.g. `Permanent Mission of X to the United Nations`.
    #[serde(default)]
    pub organisation: Option<String>,
    /// A classification or handling marking, e.g. `RESTRICTED`.
    #[serde(default)]
    pub classification: Option<String>,
}

/// A document that could not be read or checked: it is reported, and the run ends with exit
/// code 2, but the other documents are still checked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentError {
    /// The path as the user gave it.
    pub path: String,
    /// What went wrong.
    pub error: String,
}

/// The tool's name and version.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ToolView {
    /// `policycheck`.
    pub name: String,
    /// The crate version.
    pub version: String,
}

/// The rulebook and the paper it encodes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RulebookView {
    /// Stable id, e.g. `mali-2015`.
    pub id: String,
    /// Title.
    pub title: String,
    /// The short citation of the source: author, “title”, publisher, date.
    pub citation: String,
    /// The source's author(s).
    pub author: String,
    /// The source's title.
    pub source_title: String,
    /// The source's publisher.
    pub publisher: String,
    /// The source's date.
    pub date: String,
    /// The source's address.
    pub url: Option<String>,
    /// The source's licence.
    pub licence: Option<String>,
}

/// One document's results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentView {
    /// The path as the user gave it.
    pub path: String,
    /// The document's title, where known.
    pub title: Option<String>,
    /// The title, or the path when there is none: what headings show.
    pub heading: String,
    /// Weighted score, 0–100.
    pub score: f64,
    /// The score with one decimal, e.g. `42.5`.
    pub score_text: String,
    /// Whether the score reaches the bar; `null` when no bar was set.
    pub passed: Option<bool>,
    /// Rules by verdict.
    pub counts: Counts,
    /// One or two sentences for a reader in a hurry.
    pub bottom_line: String,
    /// Per rule, in rulebook order.
    pub rules: Vec<RuleView>,
    /// Ids of the rules not met (partial or missing), in rulebook order.
    pub gaps: Vec<String>,
    /// Why the document falls short of its bars (score, `fail_on`, required rules), one
    /// sentence each; left out of the JSON when it does not.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub failures: Vec<String>,
    /// This document's own score bar as people write it, when the command line judged it
    /// against per-document bars; left out of the JSON otherwise (the report's `bar` holds).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bar_text: Option<String>,
    /// The line where the machine formats (SARIF, GitHub, editor lines) place a finding that
    /// has no paragraph of its own: the first line of the operative part
    /// ([`Decisions::anchor`]), at least 1. Not part of the JSON report, whose shape it would
    /// change.
    #[serde(skip)]
    pub anchor_line: u32,
    /// What the draft says about itself (date, symbol, paragraphs), when the run read it
    /// ([`crate::mandate::identity`]); empty otherwise. Not part of the JSON report: the
    /// memos show it.
    #[serde(skip)]
    pub draft: Identity,
}

/// Rules by verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Rules met.
    pub met: usize,
    /// Rules partly met.
    pub partial: usize,
    /// Rules missing.
    pub missing: usize,
    /// All rules.
    pub total: usize,
}

/// One rule's outcome, with the rule's words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleView {
    /// Stable id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Area, for grouping.
    pub area: Option<String>,
    /// Weight.
    pub weight: f64,
    /// The weight as people write it: `3`, `1.5`.
    pub weight_text: String,
    /// met / partial / missing.
    pub verdict: Verdict,
    /// The verdict for a reader: `Met`, `Partly met`, `Missing`.
    pub verdict_label: String,
    /// A one-character mark for terminals: `✓`, `~`, `✗`.
    pub symbol: String,
    /// 1, 0.5 or 0.
    pub score: f64,
    /// True when the verdict is partial or missing.
    pub gap: bool,
    /// The recommendation in one sentence.
    pub recommendation: String,
    /// Why it matters.
    pub rationale: String,
    /// The source's own words, verbatim.
    pub quote: String,
    /// Suggested language for a draft that lacks it.
    pub suggested: String,
    /// Per criterion, in rule order.
    pub criteria: Vec<CriterionView>,
    /// Evidence for the rule, then evidence of the gap, by paragraph.
    pub evidence: Vec<EvidenceView>,
    /// The first paragraph cited, for one-line listings: `OP5(a)`; `against OP7` when the
    /// only evidence denies the task; `—` when there is none.
    pub reference: String,
    /// The waiver that accepts this gap, when one applies; left out of the JSON otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waived: Option<WaiverView>,
    /// A waiver that covered this gap but has expired, so the gap counts again; left out of
    /// the JSON otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waiver_expired: Option<WaiverView>,
    /// Where `policycheck suggest` would put the suggested language, when the run read the
    /// draft ([`Place`]); the memos say so. Not part of the JSON report.
    #[serde(skip)]
    pub place: Option<Place>,
}

/// Where a gap's suggested language goes in the draft, as `policycheck suggest` puts it: after
/// (or, `before`, ahead of) the top-level provision `neighbour`, for a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    /// The provision it follows or precedes: `OP3`, `OP14`, `PP7`.
    pub neighbour: String,
    /// Before the neighbour (the closing paragraphs) rather than after it.
    pub before: bool,
    /// Why there: `evidence`, `subject`, `closing`, `end` or `preamble`.
    pub reason: &'static str,
}

/// One criterion's outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionView {
    /// Id within the rule.
    pub id: String,
    /// What it asks, in plain words.
    pub means: String,
    /// Whether the document satisfies it.
    pub satisfied: bool,
}

/// A place in the document that bears on a rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvidenceView {
    /// Provision id, e.g. `OP16(a)(iii)`.
    pub provision: String,
    /// Where the provision stands: header, preambular, operative, annex.
    pub part: String,
    /// The line of the matched words.
    pub line: u32,
    /// The page that line was printed on (PDF drafts only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// The provision's first and last line.
    pub lines: [u32; 2],
    /// The words around the match, on one line.
    pub excerpt: String,
    /// True when the text denies the task: evidence of the gap.
    pub negated: bool,
    /// The force of the clause: context, no-action, call, mandate.
    pub force: String,
    /// Whom the clause addresses.
    pub addressee: String,
}

impl ReportView {
    /// Builds the view of `assessments`, all made with `rulebook`, each judged against the
    /// report's bar alone ([`Decisions::against_bar`]).
    pub fn build(rulebook: &Rulebook, assessments: &[Assessment], options: &ViewOptions) -> Self {
        let mut view = ReportView::header(rulebook, options);
        view.documents = assessments
            .iter()
            .map(|a| DocumentView::build(rulebook, a, options))
            .collect();
        view
    }

    /// The view of a report on `rulebook` that holds no document yet.
    pub fn header(rulebook: &Rulebook, options: &ViewOptions) -> Self {
        let source = &rulebook.source;
        ReportView {
            version: REPORT_VERSION,
            tool: ToolView {
                name: env!("CARGO_PKG_NAME").to_string(),
                version: env!("CARGO_PKG_VERSION").to_string(),
            },
            rulebook: RulebookView {
                id: rulebook.id.clone(),
                title: rulebook.title.clone(),
                citation: source.citation(),
                author: source.author.clone(),
                source_title: source.title.clone(),
                publisher: source.publisher.clone(),
                date: source.date.clone(),
                url: source.url.clone(),
                licence: source.licence.clone(),
            },
            bar: options.bar,
            bar_text: options.bar.map(number_text),
            documents: Vec::new(),
            errors: Vec::new(),
            warnings: Vec::new(),
            date: None,
            memo: MemoMeta::default(),
        }
    }
}

impl DocumentView {
    /// Builds the view of one assessment made with `rulebook`, judged against the report's
    /// bar alone: the same document view a [`ReportView`] of several assessments holds for
    /// it.
    pub fn build(rulebook: &Rulebook, assessment: &Assessment, options: &ViewOptions) -> Self {
        DocumentView::decided(
            rulebook,
            assessment,
            &Decisions::against_bar(assessment, options.bar),
        )
    }

    /// Builds the view of one assessment made with `rulebook`, with what the run decided
    /// about the document.
    pub fn decided(rulebook: &Rulebook, assessment: &Assessment, decided: &Decisions) -> Self {
        let mut rules: Vec<RuleView> = assessment
            .rules
            .iter()
            .map(|ra| RuleView::build(rulebook.rule(&ra.id), ra))
            .collect();
        for rv in &mut rules {
            for (rule, status) in &decided.waivers {
                if *rule == rv.id {
                    match status {
                        WaiverStatus::Applied(w) => rv.waived = Some(w.clone()),
                        WaiverStatus::Expired(w) => rv.waiver_expired = Some(w.clone()),
                    }
                }
            }
        }
        let (met, partial, missing) = assessment.counts();
        let counts = Counts {
            met,
            partial,
            missing,
            total: assessment.rules.len(),
        };
        DocumentView {
            path: assessment.path.clone(),
            title: assessment.title.clone(),
            heading: assessment
                .title
                .clone()
                .unwrap_or_else(|| assessment.path.clone()),
            score: assessment.score,
            score_text: format!("{:.1}", assessment.score),
            passed: decided.judgement.passed,
            counts,
            bottom_line: bottom_line(assessment.score, counts, &rules, decided.bar),
            gaps: rules
                .iter()
                .filter(|r| r.gap)
                .map(|r| r.id.clone())
                .collect(),
            failures: decided.judgement.failures.clone(),
            bar_text: decided.bar.filter(|_| decided.own_bar).map(number_text),
            rules,
            anchor_line: decided.anchor.max(1),
            draft: Identity::default(),
        }
    }
}

impl RuleView {
    /// `rule` is `None` only if the assessment names a rule the rulebook lacks; the view then
    /// shows the id alone rather than failing the whole report.
    fn build(rule: Option<&Rule>, ra: &RuleAssessment) -> Self {
        let text = |f: fn(&Rule) -> &String| rule.map(f).cloned().unwrap_or_default();
        let criteria = ra
            .criteria
            .iter()
            .map(|c| CriterionView {
                id: c.id.clone(),
                means: rule
                    .and_then(|r| r.criteria.iter().find(|rc| rc.id == c.id))
                    .map(|rc| rc.means.clone())
                    .unwrap_or_default(),
                satisfied: c.satisfied,
            })
            .collect();
        let evidence: Vec<EvidenceView> =
            ra.evidence().into_iter().map(EvidenceView::from).collect();
        RuleView {
            id: ra.id.clone(),
            title: rule.map_or_else(|| ra.id.clone(), |r| r.title.clone()),
            area: rule.and_then(|r| r.area.clone()),
            weight: ra.weight,
            weight_text: number_text(ra.weight),
            verdict: ra.verdict,
            verdict_label: verdict_label(ra.verdict).to_string(),
            symbol: verdict_symbol(ra.verdict).to_string(),
            score: ra.score,
            gap: ra.verdict != Verdict::Met,
            recommendation: text(|r| &r.recommendation),
            rationale: text(|r| &r.rationale),
            quote: text(|r| &r.quote),
            suggested: text(|r| &r.suggested),
            criteria,
            reference: reference(&evidence),
            evidence,
            waived: None,
            waiver_expired: None,
            place: None,
        }
    }
}

impl From<&Evidence> for EvidenceView {
    fn from(e: &Evidence) -> Self {
        EvidenceView {
            provision: e.provision.clone(),
            part: e.part.as_str().to_string(),
            line: e.line,
            page: e.page,
            lines: [e.lines.0, e.lines.1],
            excerpt: e.excerpt.clone(),
            negated: e.negated,
            force: e.force.as_str().to_string(),
            addressee: e.addressee.as_str().to_string(),
        }
    }
}

fn reference(evidence: &[EvidenceView]) -> String {
    match evidence.first() {
        Some(e) if e.negated => format!("against {}", e.provision),
        Some(e) => e.provision.clone(),
        None => "—".to_string(),
    }
}

fn verdict_label(v: Verdict) -> &'static str {
    match v {
        Verdict::Met => "Met",
        Verdict::Partial => "Partly met",
        Verdict::Missing => "Missing",
    }
}

fn verdict_symbol(v: Verdict) -> &'static str {
    match v {
        Verdict::Met => "✓",
        Verdict::Partial => "~",
        Verdict::Missing => "✗",
    }
}

/// The sentence a reader in a hurry needs: how much is taken up, the score against the bar,
/// and the heaviest gaps by name.
fn bottom_line(score: f64, counts: Counts, rules: &[RuleView], bar: Option<f64>) -> String {
    let mut s = if counts.met == counts.total {
        format!(
            "The document takes up all {} recommendations and scores {score:.1}/100",
            counts.total
        )
    } else {
        format!(
            "The document takes up {} of {} recommendations in full and {} in part, \
             scoring {score:.1}/100",
            counts.met, counts.total, counts.partial
        )
    };
    if let Some(bar) = bar {
        let shown = number_text(bar);
        if score >= bar {
            s.push_str(&format!(", which reaches the bar of {shown}"));
        } else {
            s.push_str(&format!(", below the bar of {shown}"));
        }
    }
    s.push('.');
    // The largest gaps first: the points each loses (weight × what is not met); rulebook
    // order breaks ties, as the sort is stable.
    let mut gaps: Vec<&RuleView> = rules.iter().filter(|r| r.gap).collect();
    let lost = |r: &RuleView| r.weight * (1.0 - r.score);
    gaps.sort_by(|a, b| lost(b).total_cmp(&lost(a)));
    let names: Vec<String> = gaps
        .iter()
        .take(3)
        .map(|r| {
            let how = if r.verdict == Verdict::Missing {
                "missing"
            } else {
                "partly met"
            };
            format!("{} ({how})", lowercase_first(&r.title))
        })
        .collect();
    match names.len() {
        0 => {}
        1 => s.push_str(&format!(" The gap: {}.", names[0])),
        _ => s.push_str(&format!(
            " The {} gaps: {}.",
            if gaps.len() > names.len() {
                "largest"
            } else {
                "remaining"
            },
            join_words(&names)
        )),
    }
    s
}

fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        // Keep acronyms such as "UN" or "ECOWAS" as they are.
        Some(c) if !chars.clone().next().is_some_and(char::is_uppercase) => {
            c.to_lowercase().chain(chars).collect()
        }
        _ => s.to_string(),
    }
}

fn join_words(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::evaluate::CriterionResult;
    use crate::mandate::{Addressee, Force, Part};
    use crate::rulebook::{Criterion, Source, Within};
    use std::collections::BTreeSet;

    fn rule(id: &str, title: &str, weight: f64) -> Rule {
        Rule {
            id: id.into(),
            title: title.into(),
            area: Some("security".into()),
            weight,
            recommendation: format!("Do {title}."),
            rationale: "Because | it matters.".into(),
            quote: "the mission was not mandated to address these issues".into(),
            suggested: "Decides that the mission shall do it;".into(),
            criteria: vec![Criterion {
                id: "a".into(),
                means: "the task is given".into(),
                any: vec![],
                all: vec![],
                within: Within::Provision,
                near: None,
                parts: BTreeSet::new(),
                force: Force::Mandate,
                addressees: BTreeSet::new(),
                exclude: vec![],
                fact: None,
            }],
            met: crate::rulebook::expr::Expr::Criterion("a".into()),
            partial: None,
            examples: vec![],
            line: 1,
        }
    }

    /// A two-rule rulebook and an assessment of a draft that meets the first rule and misses
    /// the second, for the report tests.
    pub(crate) fn sample() -> (Rulebook, Assessment) {
        let rulebook = Rulebook {
            id: "test-book".into(),
            title: "Test rulebook".into(),
            description: None,
            source: Source {
                author: "A. Author".into(),
                title: "A Paper".into(),
                publisher: "A Press".into(),
                date: "2015-04-27".into(),
                url: Some("https://example.org/paper".into()),
                licence: Some("CC BY-ND 4.0".into()),
            },
            rules: vec![
                rule("crime-task", "Crime task", 3.0),
                rule("expert-group", "Expert group", 1.5),
            ],
            origin: "<test>".into(),
        };
        let evidence = |provision: &str, line: u32, negated: bool| Evidence {
            provision: provision.into(),
            part: Part::Operative,
            line,
            page: None,
            lines: (line, line + 1),
            excerpt: format!("excerpt of {provision} | with a pipe"),
            matched: "combat".into(),
            force: Force::Mandate,
            addressee: Addressee::Mission,
            negated,
        };
        let assessment = Assessment {
            path: "drafts/one.md".into(),
            title: Some("Draft one".into()),
            rulebook: "test-book".into(),
            score: 66.7,
            rules: vec![
                RuleAssessment {
                    id: "crime-task".into(),
                    verdict: Verdict::Met,
                    score: 1.0,
                    weight: 3.0,
                    criteria: vec![CriterionResult {
                        id: "a".into(),
                        satisfied: true,
                        carries: true,
                        force: Some(Force::Mandate),
                        evidence: vec![evidence("OP5(a)", 20, false)],
                    }],
                },
                RuleAssessment {
                    id: "expert-group".into(),
                    verdict: Verdict::Missing,
                    score: 0.0,
                    weight: 1.5,
                    criteria: vec![CriterionResult {
                        id: "a".into(),
                        satisfied: false,
                        carries: false,
                        force: None,
                        evidence: vec![evidence("OP7", 30, true)],
                    }],
                },
            ],
        };
        (rulebook, assessment)
    }

    #[test]
    fn view_gathers_rule_words_and_evidence() {
        let (rulebook, assessment) = sample();
        let view = ReportView::build(&rulebook, &[assessment], &ViewOptions { bar: Some(70.0) });
        let doc = &view.documents[0];
        assert_eq!(doc.score_text, "66.7");
        assert_eq!(doc.passed, Some(false));
        assert_eq!(doc.gaps, vec!["expert-group".to_string()]);
        assert_eq!(doc.rules[1].weight_text, "1.5");
        assert_eq!(doc.rules[1].criteria[0].means, "the task is given");
        assert!(doc.rules[1].evidence[0].negated);
        assert_eq!(doc.rules[0].reference, "OP5(a)");
        assert_eq!(doc.rules[1].reference, "against OP7");
        assert_eq!(
            doc.bottom_line,
            "The document takes up 1 of 2 recommendations in full and 0 in part, scoring \
             66.7/100, below the bar of 70. The gap: expert group (missing)."
        );
        assert_eq!(
            view.rulebook.citation,
            "A. Author, “A Paper”, A Press, 2015-04-27"
        );
    }

    #[test]
    fn no_bar_means_no_verdict_on_passing() {
        let (rulebook, assessment) = sample();
        let view = ReportView::build(&rulebook, &[assessment], &ViewOptions::default());
        assert_eq!(view.documents[0].passed, None);
        assert!(!view.documents[0].bottom_line.contains("bar"));
    }

    #[test]
    fn titles_lose_their_capital_but_not_acronyms() {
        assert_eq!(lowercase_first("Expert group"), "expert group");
        assert_eq!(lowercase_first("UN police powers"), "UN police powers");
    }
}
