//! Labels: the verdicts careful analysts gave a set of drafts, document by document and rule by
//! rule, in the format of the project's labelled corpus:
//!
//! ```yaml
//! S_RES_0866_1993:
//!   regional-approach:
//!     verdict: met
//!     evidence: [OP4, OP9]
//!     note: OP4 engages ECOWAS on the embargo.
//! ```
//!
//! Parsing checks every verdict word and every rule id against the rulebook, and names the
//! file, line and column of each problem, all of them at once.

use crate::error::{closest, Diagnostic, Error};
use crate::evaluate::Verdict;
use crate::rulebook::Rulebook;
use crate::yaml::{locate, Seg};
use serde::Deserialize;
use std::collections::BTreeMap;

/// One analyst verdict on one rule for one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// met / partial / missing.
    pub verdict: Verdict,
    /// The paragraphs the analysts cite (`OP4`, `PP2`, `B-OP3(a)`).
    pub evidence: Vec<String>,
    /// Why, in the analysts' words.
    pub note: String,
}

/// A labels file: per document key, per rule id, the label. Keys are kept sorted.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Labels {
    /// The file, as the user named it.
    pub origin: String,
    /// Document key → rule id → label.
    pub documents: BTreeMap<String, BTreeMap<String, Label>>,
}

impl Labels {
    /// The number of verdicts labelled.
    pub fn verdicts(&self) -> usize {
        self.documents.values().map(BTreeMap::len).sum()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLabel {
    verdict: String,
    #[serde(default)]
    evidence: Vec<String>,
    #[serde(default)]
    note: Option<String>,
}

type RawLabels = BTreeMap<String, Option<BTreeMap<String, RawLabel>>>;

/// Parses a labels file and checks it against the rulebook: every rule id must be one of its
/// rules and every verdict `met`, `partial` or `missing`; a document must label at least one
/// rule. All problems are reported together, each with its line and column.
pub fn parse_labels(origin: &str, text: &str, rulebook: &Rulebook) -> Result<Labels, Error> {
    let raw: RawLabels = crate::yaml::parse(origin, text).map_err(Error::Labels)?;
    let rule_ids: Vec<&str> = rulebook.rules.iter().map(|r| r.id.as_str()).collect();
    let at = |path: &[Seg]| locate(text, path);
    let mut problems = Vec::new();
    let mut documents = BTreeMap::new();
    if raw.is_empty() {
        problems.push(
            Diagnostic::new(origin, "the labels file labels no document").hint(
                "write one mapping per document: the draft's name, then each rule id with its \
                 `verdict:` (met, partial or missing)",
            ),
        );
    }
    for (doc, rules) in raw {
        let doc_path = [Seg::Key(doc.clone())];
        let rules = rules.unwrap_or_default();
        if rules.is_empty() {
            let (l, c) = at(&doc_path);
            problems.push(
                Diagnostic::new(origin, format!("document `{doc}` has no verdicts"))
                    .at(l, c)
                    .hint("give each rule id a `verdict:` (met, partial or missing), or remove the document"),
            );
            continue;
        }
        let mut labels = BTreeMap::new();
        for (rule, raw) in rules {
            let rule_path = [Seg::Key(doc.clone()), Seg::Key(rule.clone())];
            if !rule_ids.contains(&rule.as_str()) {
                let (l, c) = at(&rule_path);
                let hint = match closest(&rule, &rule_ids) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => format!(
                        "the rulebook `{}` has the rules {}",
                        rulebook.id,
                        rule_ids
                            .iter()
                            .map(|r| format!("`{r}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                problems.push(
                    Diagnostic::new(origin, format!("document `{doc}`: unknown rule `{rule}`"))
                        .at(l, c)
                        .hint(hint),
                );
                continue;
            }
            let Some(verdict) = Verdict::parse(raw.verdict.trim()) else {
                let mut path = rule_path.to_vec();
                path.push(Seg::Key("verdict".into()));
                let (l, c) = at(&path);
                let lower = raw.verdict.trim().to_lowercase();
                let hint = match Verdict::parse(&lower) {
                    Some(v) => format!("write it in lower case: `{v}`"),
                    None => "a verdict is `met`, `partial` or `missing`".to_string(),
                };
                problems.push(
                    Diagnostic::new(
                        origin,
                        format!(
                            "document `{doc}`, rule `{rule}`: unknown verdict `{}`",
                            raw.verdict
                        ),
                    )
                    .at(l, c)
                    .hint(hint),
                );
                continue;
            };
            labels.insert(
                rule,
                Label {
                    verdict,
                    evidence: raw.evidence,
                    note: raw.note.unwrap_or_default(),
                },
            );
        }
        documents.insert(doc, labels);
    }
    if problems.is_empty() {
        Ok(Labels {
            origin: origin.to_string(),
            documents,
        })
    } else {
        Err(Error::Labels(problems))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::default_rulebook;

    #[test]
    fn reads_the_corpus_format() {
        let text = "# comment\nS_RES_1:\n  expert-group:\n    verdict: partial\n    evidence: [OP1, OP4]\n    note: a commission\n  political-process:\n    verdict: missing\n";
        let l = parse_labels("l.yaml", text, &default_rulebook()).unwrap();
        assert_eq!(l.verdicts(), 2);
        let doc = &l.documents["S_RES_1"];
        assert_eq!(doc["expert-group"].verdict, Verdict::Partial);
        assert_eq!(doc["expert-group"].evidence, ["OP1", "OP4"]);
        assert_eq!(doc["political-process"].note, "");
    }

    #[test]
    fn every_problem_is_located_and_named() {
        let text =
            "d1:\n  expert-grup:\n    verdict: met\n  political-process:\n    verdict: mett\nd2:\n";
        let Err(Error::Labels(d)) = parse_labels("l.yaml", text, &default_rulebook()) else {
            panic!("expected label errors");
        };
        let shown: Vec<String> = d.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "l.yaml:2:3: document `d1`: unknown rule `expert-grup`\n  hint: did you mean `expert-group`?",
                "l.yaml:5:5: document `d1`, rule `political-process`: unknown verdict `mett`\n  hint: a verdict is `met`, `partial` or `missing`",
                "l.yaml:6:1: document `d2` has no verdicts\n  hint: give each rule id a `verdict:` (met, partial or missing), or remove the document",
            ]
        );
    }

    #[test]
    fn unknown_keys_and_empty_files_are_refused() {
        let text = "d1:\n  expert-group:\n    verdict: met\n    evidnce: [OP1]\n";
        let e = parse_labels("l.yaml", text, &default_rulebook()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "l.yaml:4:5: unknown key `evidnce`\n  hint: did you mean `evidence`?"
        );
        let e = parse_labels("l.yaml", "# nothing\n", &default_rulebook()).unwrap_err();
        assert!(e.to_string().contains("labels no document"), "{e}");
    }
}
