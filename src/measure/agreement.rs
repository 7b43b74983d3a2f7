//! Agreement between policycheck's verdicts and analysts' labels: exact agreement, Cohen's κ
//! over the three verdicts, per rule the agreement and the precision and recall of "taken up"
//! (met or partial, against missing), the confusion matrix, and every disagreement with the
//! evidence on both sides. Pure: labels and assessments in, figures out.

use super::labels::{Label, Labels};
use crate::evaluate::{Assessment, RuleAssessment, Verdict};
use crate::rulebook::Rulebook;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// The three verdicts in the order of the confusion matrix's rows and columns.
pub const VERDICTS: [Verdict; 3] = [Verdict::Met, Verdict::Partial, Verdict::Missing];

/// Counts of (label, policycheck) verdict pairs: `cells[label][policycheck]`, indexed in the
/// order of [`VERDICTS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Confusion {
    /// Rows: the label's verdict; columns: policycheck's.
    pub cells: [[usize; 3]; 3],
}

fn index(v: Verdict) -> usize {
    match v {
        Verdict::Met => 0,
        Verdict::Partial => 1,
        Verdict::Missing => 2,
    }
}

impl Confusion {
    fn add(&mut self, label: Verdict, got: Verdict) {
        self.cells[index(label)][index(got)] += 1;
    }

    /// All pairs counted.
    pub fn total(&self) -> usize {
        self.cells.iter().flatten().sum()
    }

    /// Pairs on which both agree.
    pub fn agreed(&self) -> usize {
        (0..3).map(|i| self.cells[i][i]).sum()
    }

    /// The share of pairs on which both agree (`None` when there are none).
    pub fn exact(&self) -> Option<f64> {
        ratio(self.agreed(), self.total())
    }

    /// Cohen's κ over the three verdicts: (observed − expected agreement) / (1 − expected),
    /// the expected agreement from each side's own distribution of verdicts. `None` when it
    /// is undefined (no pairs, or both sides always give one and the same verdict).
    pub fn kappa(&self) -> Option<f64> {
        let n = self.total() as f64;
        if n == 0.0 {
            return None;
        }
        let observed = self.agreed() as f64 / n;
        let expected: f64 = (0..3)
            .map(|k| {
                let row: usize = self.cells[k].iter().sum();
                let col: usize = (0..3).map(|i| self.cells[i][k]).sum();
                (row as f64 / n) * (col as f64 / n)
            })
            .sum();
        if (1.0 - expected).abs() < f64::EPSILON {
            None
        } else {
            Some((observed - expected) / (1.0 - expected))
        }
    }

    /// "Taken up" (met or partial) on both sides.
    pub fn taken_up_both(&self) -> usize {
        (0..2)
            .flat_map(|i| (0..2).map(move |j| (i, j)))
            .map(|(i, j)| self.cells[i][j])
            .sum()
    }

    /// Taken up according to policycheck.
    pub fn taken_up_policycheck(&self) -> usize {
        (0..3).map(|i| self.cells[i][0] + self.cells[i][1]).sum()
    }

    /// Taken up according to the labels.
    pub fn taken_up_labels(&self) -> usize {
        self.cells[0].iter().chain(self.cells[1].iter()).sum()
    }

    /// Of the rules policycheck finds taken up, the share the labels find taken up too.
    pub fn precision(&self) -> Option<f64> {
        ratio(self.taken_up_both(), self.taken_up_policycheck())
    }

    /// Of the rules the labels find taken up, the share policycheck finds taken up too.
    pub fn recall(&self) -> Option<f64> {
        ratio(self.taken_up_both(), self.taken_up_labels())
    }
}

fn ratio(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

impl Serialize for Confusion {
    /// `{"met": {"met": n, "partial": n, "missing": n}, …}`: label → policycheck → count.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut rows = s.serialize_map(Some(3))?;
        for label in VERDICTS {
            let row: Vec<(&str, usize)> = VERDICTS
                .iter()
                .map(|got| (got.as_str(), self.cells[index(label)][index(*got)]))
                .collect();
            rows.serialize_entry(label.as_str(), &Ordered(row))?;
        }
        rows.end()
    }
}

/// A list of pairs written as a JSON object in the list's order.
struct Ordered<K, V>(Vec<(K, V)>);

impl<K: Serialize, V: Serialize> Serialize for Ordered<K, V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// One rule's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleFigures {
    /// Verdicts labelled for this rule.
    pub verdicts: usize,
    /// Of them, the ones policycheck gives too.
    pub agreed: usize,
    /// `agreed / verdicts`.
    pub exact: Option<f64>,
    /// Precision of "taken up" (met or partial): `null` when policycheck never finds it.
    pub precision: Option<f64>,
    /// Recall of "taken up": `null` when the labels never find it.
    pub recall: Option<f64>,
    /// Taken up according to the labels.
    pub taken_up_labels: usize,
    /// Taken up according to policycheck.
    pub taken_up_policycheck: usize,
    /// Taken up according to both.
    pub taken_up_both: usize,
    /// The rule's confusion matrix.
    pub confusion: Confusion,
}

impl RuleFigures {
    fn from(c: Confusion) -> Self {
        RuleFigures {
            verdicts: c.total(),
            agreed: c.agreed(),
            exact: c.exact(),
            precision: c.precision(),
            recall: c.recall(),
            taken_up_labels: c.taken_up_labels(),
            taken_up_policycheck: c.taken_up_policycheck(),
            taken_up_both: c.taken_up_both(),
            confusion: c,
        }
    }
}

/// One side of a disagreement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Side {
    /// The verdict.
    pub verdict: Verdict,
    /// The paragraphs cited.
    pub evidence: Vec<String>,
}

/// A verdict on which policycheck and the labels differ.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Disagreement {
    /// The document's key in the labels.
    pub document: String,
    /// The rule.
    pub rule: String,
    /// The analysts' verdict and the paragraphs they cite.
    pub label: Side,
    /// The analysts' note.
    pub note: String,
    /// policycheck's verdict and the paragraphs it cites for it (the evidence of the
    /// criteria it found satisfied).
    pub policycheck: Side,
    /// The criteria policycheck found satisfied.
    pub criteria: Vec<String>,
    /// Paragraphs where policycheck found the rule's phrases denied ("is not mandated to").
    pub denied: Vec<String>,
}

/// The whole measurement of a rulebook against a labels file.
#[derive(Debug, Clone, PartialEq)]
pub struct Measurement {
    /// The labels file.
    pub labels: String,
    /// The rulebook's id.
    pub rulebook: String,
    /// Documents measured.
    pub documents: usize,
    /// All verdicts, over every rule.
    pub confusion: Confusion,
    /// Per rule, in rulebook order (rules no document labels are left out).
    pub rules: Vec<(String, RuleFigures)>,
    /// How often policycheck's evidence points where the analysts' does.
    pub evidence: EvidenceFigures,
    /// Every disagreement, by document then rulebook order.
    pub disagreements: Vec<Disagreement>,
}

/// Whether the paragraphs policycheck cites are the ones the analysts point to: over the
/// verdicts both find taken up (met or partial) where the label cites paragraphs, how many
/// times policycheck cites at least one of them (the same numbered paragraph).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct EvidenceFigures {
    /// Verdicts taken up on both sides with paragraphs cited by the label.
    pub verdicts: usize,
    /// Of them, those where policycheck cites one of the label's paragraphs.
    pub cited: usize,
}

impl Serialize for Measurement {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("labels", &self.labels)?;
        m.serialize_entry("rulebook", &self.rulebook)?;
        m.serialize_entry("documents", &self.documents)?;
        m.serialize_entry("verdicts", &self.confusion.total())?;
        m.serialize_entry("agreed", &self.confusion.agreed())?;
        m.serialize_entry("exact", &self.confusion.exact())?;
        m.serialize_entry("kappa", &self.confusion.kappa())?;
        m.serialize_entry("precision", &self.confusion.precision())?;
        m.serialize_entry("recall", &self.confusion.recall())?;
        m.serialize_entry("confusion", &self.confusion)?;
        m.serialize_entry("evidence", &self.evidence)?;
        m.serialize_entry(
            "rules",
            &Ordered(self.rules.iter().map(|(k, v)| (k, v)).collect()),
        )?;
        m.serialize_entry("disagreements", &self.disagreements)?;
        m.end()
    }
}

/// Compares each document's assessment with its labels. `assessed` pairs a document key with
/// policycheck's assessment of that draft; keys without labels are ignored, and labelled rules
/// that the assessment lacks are counted as missing.
pub fn measure(
    rulebook: &Rulebook,
    labels: &Labels,
    assessed: &[(String, Assessment)],
) -> Measurement {
    let mut overall = Confusion::default();
    let mut per_rule: Vec<(String, Confusion)> = rulebook
        .rules
        .iter()
        .map(|r| (r.id.clone(), Confusion::default()))
        .collect();
    let mut disagreements = Vec::new();
    let mut documents = 0;
    let mut evidence = EvidenceFigures::default();
    for (doc, assessment) in assessed {
        let Some(doc_labels) = labels.documents.get(doc) else {
            continue;
        };
        documents += 1;
        for (rule_id, rule_conf) in per_rule.iter_mut() {
            let Some(label) = doc_labels.get(rule_id.as_str()) else {
                continue;
            };
            let got = assessment.rules.iter().find(|r| &r.id == rule_id);
            let verdict = got.map_or(Verdict::Missing, |r| r.verdict);
            overall.add(label.verdict, verdict);
            rule_conf.add(label.verdict, verdict);
            if label.verdict != Verdict::Missing
                && verdict != Verdict::Missing
                && !label.evidence.is_empty()
            {
                evidence.verdicts += 1;
                if cites_a_labelled_paragraph(label, got) {
                    evidence.cited += 1;
                }
            }
            if verdict != label.verdict {
                disagreements.push(disagreement(doc, rule_id, label, got, verdict));
            }
        }
    }
    Measurement {
        labels: labels.origin.clone(),
        rulebook: rulebook.id.clone(),
        documents,
        confusion: overall,
        rules: per_rule
            .into_iter()
            .filter(|(_, c)| c.total() > 0)
            .map(|(id, c)| (id, RuleFigures::from(c)))
            .collect(),
        evidence,
        disagreements,
    }
}

fn disagreement(
    doc: &str,
    rule: &str,
    label: &Label,
    got: Option<&RuleAssessment>,
    verdict: Verdict,
) -> Disagreement {
    let (evidence, denied) = cited(got);
    Disagreement {
        document: doc.to_string(),
        rule: rule.to_string(),
        label: Side {
            verdict: label.verdict,
            evidence: label.evidence.clone(),
        },
        note: label.note.clone(),
        policycheck: Side { verdict, evidence },
        criteria: got.map_or_else(Vec::new, |r| {
            r.criteria
                .iter()
                .filter(|c| c.satisfied)
                .map(|c| c.id.clone())
                .collect()
        }),
        denied,
    }
}

/// The paragraphs an assessment cites for its verdict, and those where it found the rule's
/// phrases denied.
fn cited(got: Option<&RuleAssessment>) -> (Vec<String>, Vec<String>) {
    let mut evidence: Vec<String> = Vec::new();
    let mut denied: Vec<String> = Vec::new();
    for e in got.map_or_else(Vec::new, RuleAssessment::evidence) {
        let list = if e.negated {
            &mut denied
        } else {
            &mut evidence
        };
        if !list.contains(&e.provision) {
            list.push(e.provision.clone());
        }
    }
    (evidence, denied)
}

/// The numbered paragraph a citation names, without its section letter and sub-paragraphs:
/// `OP3` for `B-OP3(a)(ii)` (and for `OP3.1`); the labels cite sections inconsistently.
fn paragraph(id: &str) -> &str {
    let id = crate::mandate::paragraph_of(id);
    id.rsplit_once('-').map_or(id, |(_, p)| p)
}

/// Whether policycheck cites one of the paragraphs the label cites.
fn cites_a_labelled_paragraph(label: &Label, got: Option<&RuleAssessment>) -> bool {
    let (evidence, _) = cited(got);
    evidence
        .iter()
        .any(|e| label.evidence.iter().any(|l| paragraph(l) == paragraph(e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn confusion(cells: [[usize; 3]; 3]) -> Confusion {
        Confusion { cells }
    }

    #[test]
    fn kappa_matches_a_hand_count() {
        // 10 pairs: 4 met/met, 1 met/partial, 2 partial/partial, 1 missing/partial,
        // 2 missing/missing. Observed 8/10; expected (5·4 + 2·4 + 3·2)/100 = 0.34.
        let c = confusion([[4, 1, 0], [0, 2, 0], [0, 1, 2]]);
        assert_eq!(c.total(), 10);
        assert_eq!(c.agreed(), 8);
        let k = c.kappa().unwrap();
        assert!((k - (0.8 - 0.34) / (1.0 - 0.34)).abs() < 1e-12, "{k}");
        // Taken up: labels 7 (met 5 + partial 2), policycheck 8, both 7.
        assert_eq!(
            (
                c.taken_up_labels(),
                c.taken_up_policycheck(),
                c.taken_up_both()
            ),
            (7, 8, 7)
        );
        assert_eq!(c.precision(), Some(7.0 / 8.0));
        assert_eq!(c.recall(), Some(1.0));
    }

    #[test]
    fn undefined_figures_are_none() {
        let empty = Confusion::default();
        assert_eq!((empty.exact(), empty.kappa()), (None, None));
        // Both sides always say missing: perfect agreement, κ undefined, nothing taken up.
        let c = confusion([[0, 0, 0], [0, 0, 0], [0, 0, 5]]);
        assert_eq!(c.exact(), Some(1.0));
        assert_eq!(c.kappa(), None);
        assert_eq!((c.precision(), c.recall()), (None, None));
    }

    #[test]
    fn citations_compare_by_numbered_paragraph() {
        assert_eq!(paragraph("B-OP14(a)(ii)"), "OP14");
        assert_eq!(paragraph("OP3"), "OP3");
        assert_eq!(paragraph("ANNEX-OP6(3)"), "OP6");
        assert_eq!(paragraph("PP4"), "PP4");
    }

    #[test]
    fn confusion_serialises_label_rows_in_verdict_order() {
        let c = confusion([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
        assert_eq!(
            serde_json::to_string(&c).unwrap(),
            r#"{"met":{"met":1,"partial":2,"missing":3},"partial":{"met":4,"partial":5,"missing":6},"missing":{"met":7,"partial":8,"missing":9}}"#
        );
    }
}
