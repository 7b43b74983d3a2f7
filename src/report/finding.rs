//! Findings: the unmet and partly met rules of each document, each placed on the lines of the
//! draft where a reviewer should look, with a level and a fingerprint. SARIF, the GitHub
//! annotations and the editor lines all read this one list, so they agree on where a finding
//! stands, how severe it is and what it says; JUnit reads the same levels and messages.
//!
//! Placement: a partly met rule stands on the paragraph of its strongest evidence (by force:
//! mandate, call, no action, context; the first in the document on a tie); a missing rule on
//! the paragraph whose words deny the task ("is not mandated to"), if any; anything else on the
//! document's anchor line (the first line of the operative part). Lines are never 0.
//!
//! Levels come from the rule's weight: 3 or more is an error, 2 or more a warning, less a
//! note; a partly met rule is one level lower than a missing one, and never below a note.
//!
//! The fingerprint is FNV-1a (64 bits) of the rule id, the document's path and the evidence's
//! excerpt, normalised (lower case, runs of white space made one space). It leaves out line
//! numbers, so an edit elsewhere in the draft does not change it. FNV-1a is written out here
//! because it is fixed by its definition; std's `DefaultHasher` may change between releases.

use crate::evaluate::Verdict;
use crate::report::view::{DocumentView, EvidenceView, ReportView, RuleView};
use std::fmt;

/// The key of policycheck's fingerprint in SARIF's `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "policycheck/v1";

/// How severe a finding is, in the words SARIF and GitHub share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Worth a look: a light rule.
    Note,
    /// Should be fixed.
    Warning,
    /// Must be fixed: a heavy rule that is missing.
    Error,
}

impl Level {
    /// The level of a rule of `weight` with `verdict`; `None` for a met rule.
    pub fn of(weight: f64, verdict: Verdict) -> Option<Level> {
        let base = if weight >= 3.0 {
            Level::Error
        } else if weight >= 2.0 {
            Level::Warning
        } else {
            Level::Note
        };
        match verdict {
            Verdict::Met => None,
            Verdict::Missing => Some(base),
            Verdict::Partial => Some(base.lower()),
        }
    }

    /// One level lower, never below a note.
    fn lower(self) -> Level {
        match self {
            Level::Error => Level::Warning,
            Level::Warning | Level::Note => Level::Note,
        }
    }

    /// `note`, `warning` or `error`: SARIF's level and GitHub's command.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Note => "note",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One unmet or partly met rule in one document, placed on the draft's lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding<'a> {
    /// The document.
    pub document: &'a DocumentView,
    /// The rule and its outcome.
    pub rule: &'a RuleView,
    /// From the rule's weight and verdict.
    pub level: Level,
    /// The evidence the finding stands on; `None` when it stands on the anchor line.
    pub evidence: Option<&'a EvidenceView>,
    /// First line, ≥ 1.
    pub start_line: u32,
    /// Last line, ≥ `start_line`.
    pub end_line: u32,
    /// The document's path as a relative URI reference: forward slashes, no leading `./`,
    /// characters outside URIs percent-encoded.
    pub uri: String,
    /// [`fingerprint`] of the rule, the path and the evidence's excerpt.
    pub fingerprint: String,
}

impl Finding<'_> {
    /// The verdict and the recommendation: `Missing: Task the mission …`.
    pub fn summary(&self) -> String {
        format!("{}: {}", self.rule.verdict_label, self.rule.recommendation)
    }

    /// What the placement rests on, in one sentence.
    pub fn placement(&self) -> String {
        match self.evidence {
            Some(e) if e.negated => format!("Against it: {}.", e.provision),
            Some(e) => format!("Taken up in part in {}.", e.provision),
            None => {
                "No paragraph takes it up; shown at the start of the operative part.".to_string()
            }
        }
    }

    /// The whole message, plain text on one line: the summary, the placement and the
    /// suggested language.
    pub fn message(&self) -> String {
        let mut s = format!("{} {}", self.summary(), self.placement());
        if !self.rule.suggested.is_empty() {
            s.push_str(" Suggested: ");
            s.push_str(&self.rule.suggested);
        }
        s
    }
}

/// Every unmet or partly met rule of every document: documents in the view's order, then by
/// line, then by rule id.
pub fn findings(view: &ReportView) -> Vec<Finding<'_>> {
    view.documents.iter().flat_map(document_findings).collect()
}

/// Every unmet or partly met rule of one document, by line, then by rule id.
pub fn document_findings(document: &DocumentView) -> Vec<Finding<'_>> {
    let uri = uri_reference(&document.path);
    let mut found: Vec<Finding<'_>> = document
        .rules
        .iter()
        .filter_map(|rule| {
            let level = Level::of(rule.weight, rule.verdict)?;
            let evidence = placed_on(rule);
            let anchor = document.anchor_line.max(1);
            let (start_line, end_line) = match evidence {
                Some(e) => {
                    let start = [e.lines[0], e.line, anchor]
                        .into_iter()
                        .find(|&l| l >= 1)
                        .unwrap_or(1);
                    (start, e.lines[1].max(start))
                }
                None => (anchor, anchor),
            };
            let excerpt = evidence.map_or("", |e| e.excerpt.as_str());
            Some(Finding {
                document,
                rule,
                level,
                evidence,
                start_line,
                end_line,
                fingerprint: fingerprint(&rule.id, &uri, excerpt),
                uri: uri.clone(),
            })
        })
        .collect();
    found.sort_by(|a, b| {
        (a.start_line, a.end_line, &a.rule.id).cmp(&(b.start_line, b.end_line, &b.rule.id))
    });
    found
}

/// The evidence a finding stands on: for a partly met rule its strongest supporting evidence,
/// else the first evidence of the gap; for a missing rule the first evidence of the gap.
fn placed_on(rule: &RuleView) -> Option<&EvidenceView> {
    let gap = || rule.evidence.iter().find(|e| e.negated);
    match rule.verdict {
        Verdict::Partial => rule
            .evidence
            .iter()
            .filter(|e| !e.negated)
            // `max_by_key` keeps the last of equals; reversing keeps the first in the document.
            .rev()
            .max_by_key(|e| force_rank(&e.force))
            .or_else(gap),
        Verdict::Missing => gap(),
        Verdict::Met => None,
    }
}

fn force_rank(force: &str) -> u8 {
    match force {
        "mandate" => 3,
        "call" => 2,
        "no-action" => 1,
        _ => 0,
    }
}

/// The stable fingerprint of a finding: 16 hex digits of FNV-1a (64 bits) over the rule id,
/// the document's path and the excerpt, lower-cased with white space collapsed, separated by
/// U+001F. Line numbers are left out on purpose.
pub fn fingerprint(rule_id: &str, path: &str, excerpt: &str) -> String {
    let normalised = excerpt
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let key = format!("{rule_id}\u{1f}{path}\u{1f}{normalised}");
    format!("{:016x}", fnv1a64(key.as_bytes()))
}

/// FNV-1a, 64 bits: offset basis 0xcbf29ce484222325, prime 0x100000001b3.
fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// A path as given, as a URI reference: `\` becomes `/`, a leading `./` goes, an absolute path
/// becomes a `file://` URI, and bytes that URIs do not allow are percent-encoded.
pub fn uri_reference(path: &str) -> String {
    let mut p = path.replace('\\', "/");
    while let Some(rest) = p.strip_prefix("./") {
        p = rest.to_string();
    }
    let mut out = String::with_capacity(p.len());
    if p.starts_with('/') {
        out.push_str("file://");
    } else if p.as_bytes().get(1) == Some(&b':') && p.as_bytes()[0].is_ascii_alphabetic() {
        // A Windows drive path, C:/drafts/x.md.
        out.push_str("file:///");
    }
    for b in p.bytes() {
        let keep = b.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=:@".contains(&b);
        if keep {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluate::Assessment;
    use crate::report::view::tests::sample;
    use crate::report::view::{Decisions, DocumentView, ViewOptions};
    use crate::rulebook::Rulebook;

    #[test]
    fn levels_follow_weight_and_partial_is_one_lower() {
        assert_eq!(Level::of(3.0, Verdict::Missing), Some(Level::Error));
        assert_eq!(Level::of(3.0, Verdict::Partial), Some(Level::Warning));
        assert_eq!(Level::of(2.0, Verdict::Missing), Some(Level::Warning));
        assert_eq!(Level::of(2.0, Verdict::Partial), Some(Level::Note));
        assert_eq!(Level::of(1.5, Verdict::Missing), Some(Level::Note));
        assert_eq!(Level::of(1.0, Verdict::Partial), Some(Level::Note));
        assert_eq!(Level::of(3.0, Verdict::Met), None);
    }

    #[test]
    fn fnv1a_matches_the_published_vectors() {
        assert_eq!(fnv1a64(b""), 0xcbf29ce484222325);
        assert_eq!(fnv1a64(b"a"), 0xaf63dc4c8601ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x85944171f73967e8);
    }

    #[test]
    fn fingerprint_ignores_case_and_spacing_not_content() {
        let a = fingerprint("r", "d.md", "Decides  that\nthe mission");
        assert_eq!(a, fingerprint("r", "d.md", "decides that the mission"));
        assert_ne!(a, fingerprint("r", "d.md", "decides that the force"));
        assert_ne!(a, fingerprint("s", "d.md", "decides that the mission"));
        assert_eq!(a.len(), 16);
    }

    #[test]
    fn uris_are_relative_with_forward_slashes() {
        assert_eq!(uri_reference("drafts\\one.md"), "drafts/one.md");
        assert_eq!(uri_reference("./a/b c.md"), "a/b%20c.md");
        assert_eq!(uri_reference("/abs/x.md"), "file:///abs/x.md");
        assert_eq!(uri_reference("C:\\d\\x.md"), "file:///C:/d/x.md");
        assert_eq!(uri_reference("é.md"), "%C3%A9.md");
    }

    /// The report of `assessment` alone, its findings without a paragraph placed at `anchor`.
    fn anchored(rulebook: &Rulebook, assessment: &Assessment, anchor: u32) -> ReportView {
        let mut view = ReportView::header(rulebook, &ViewOptions::default());
        let decisions = Decisions {
            anchor,
            ..Decisions::against_bar(assessment, None)
        };
        view.documents = vec![DocumentView::decided(rulebook, assessment, &decisions)];
        view
    }

    #[test]
    fn a_missing_rule_stands_on_its_denial_and_met_rules_do_not_appear() {
        let (rulebook, assessment) = sample();
        let view = anchored(&rulebook, &assessment, 12);
        let found = findings(&view);
        assert_eq!(found.len(), 1);
        let f = &found[0];
        assert_eq!(f.rule.id, "expert-group");
        assert_eq!((f.start_line, f.end_line), (30, 31));
        assert_eq!(f.level, Level::Note);
        assert_eq!(
            f.message(),
            "Missing: Do Expert group. Against it: OP7. Suggested: Decides that the mission \
             shall do it;"
        );
    }

    #[test]
    fn without_evidence_a_finding_stands_on_the_anchor() {
        let (rulebook, mut assessment) = sample();
        assessment.rules[1].criteria[0].evidence.clear();
        let view = ReportView::build(&rulebook, &[assessment.clone()], &ViewOptions::default());
        let (lines, before) = {
            let f = &findings(&view)[0];
            ((f.start_line, f.end_line), f.fingerprint.clone())
        };
        assert_eq!(lines, (1, 1));
        let view = anchored(&rulebook, &assessment, 12);
        let after = &findings(&view)[0];
        assert_eq!(after.start_line, 12);
        assert_eq!(before, after.fingerprint, "lines are not hashed");
    }
}
