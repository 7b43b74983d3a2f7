//! Suggested language into the draft (`policycheck suggest`): for each gap the caller wants
//! filled (a rule missing or partial, not waived, among `--only`), the rule's `suggested`
//! language with its placeholders filled ([`Placeholders`]), placed where a drafter would
//! put it ([`place()`]), then written into the draft: a Word draft gets each as a tracked
//! change with a comment ([`amend_docx`]), a text or Markdown draft the amended text
//! ([`amend_text`]) or its unified diff ([`unified_diff`]).
//!
//! Pure: the caller reads the draft and writes the result.

mod fill;
mod place;
mod text;
mod word;

pub use fill::{unfilled, Placeholders};
pub use place::{family_lines, place, top_level_operative, Placement, Reason, SUBJECT_WORDS};
pub use text::{amend_text, unified_diff};
pub use word::{amend_docx, revision_date, AUTHOR};

use crate::evaluate::Assessment;
use crate::mandate::Mandate;
use crate::rulebook::Rulebook;
use crate::vocab::Verdict;

/// One suggested paragraph and its place.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// The rule's id.
    pub rule: String,
    /// The rule's title.
    pub title: String,
    /// The draft's verdict on the rule: missing or partial.
    pub verdict: Verdict,
    /// The suggested language, placeholders filled where the draft allows.
    pub text: String,
    /// Where it goes.
    pub placement: Placement,
    /// The comment a Word draft gets on it, a paragraph per item: the recommendation and its
    /// source.
    pub comment: Vec<String>,
    /// Placeholders left in the text because the draft does not say what they stand for.
    pub unfilled: Vec<String>,
}

/// The suggestions for `mandate` as `assessment` (by `rulebook`) judges it: one per rule
/// with a gap (missing or partial) that `wanted` accepts and that has suggested language,
/// in rulebook order.
pub fn plan(
    rulebook: &Rulebook,
    mandate: &Mandate,
    assessment: &Assessment,
    wanted: &dyn Fn(&str) -> bool,
) -> Vec<Suggestion> {
    let placeholders = Placeholders::of(mandate);
    let mut out = Vec::new();
    for r in &assessment.rules {
        if r.verdict == Verdict::Met || !wanted(&r.id) {
            continue;
        }
        let Some(rule) = rulebook.rule(&r.id) else {
            continue;
        };
        let text = placeholders.fill(rule.suggested.trim());
        if text.is_empty() {
            continue;
        }
        let Some(placement) = place(mandate, r, &rule.suggested) else {
            continue;
        };
        let unfilled = unfilled(&text);
        out.push(Suggestion {
            rule: r.id.clone(),
            title: rule.title.clone(),
            verdict: r.verdict,
            comment: comment(
                rulebook,
                &rule.title,
                &rule.recommendation,
                r.verdict,
                &unfilled,
            ),
            text,
            placement,
            unfilled,
        });
    }
    out
}

/// The comment on a suggestion: what it is for, the recommendation, the source.
fn comment(
    rulebook: &Rulebook,
    title: &str,
    recommendation: &str,
    verdict: Verdict,
    unfilled: &[String],
) -> Vec<String> {
    let gap = match verdict {
        Verdict::Partial => "the draft takes it up only in part",
        _ => "the draft does not take it up",
    };
    let s = &rulebook.source;
    let year = s.date.get(..4).unwrap_or(&s.date);
    let mut out = vec![
        format!("Suggested by policycheck for the recommendation “{title}” ({gap})."),
        format!("Recommendation: {}", recommendation.trim()),
        format!(
            "Source: {}, “{}”, {}, {year}.",
            s.author, s.title, s.publisher
        ),
    ];
    if !unfilled.is_empty() {
        out.push(format!(
            "Fill in {}: the draft does not say.",
            unfilled.join(", ")
        ));
    }
    out
}
