//! Judgement test: the default rulebook's verdicts on the 20 resolutions that analysts labelled
//! (tests/fixtures/labels/dev.yaml, copied from the project's shared corpus) must agree with
//! theirs on at least 80% of the 180 verdicts. Prints the agreement per rule and every
//! disagreement, so that a change to the rulebook shows what it gained and lost.
//!
//! The rules were written from the codebook, not from these documents: nothing here may
//! special-case a labelled resolution.

use policycheck::{default_rulebook, evaluate, read_mandate, Verdict};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Deserialize)]
struct Label {
    verdict: String,
    #[serde(default)]
    evidence: Vec<String>,
    #[serde(default)]
    note: String,
}

type Labels = BTreeMap<String, BTreeMap<String, Label>>;

fn labels() -> Labels {
    let text = std::fs::read_to_string("tests/fixtures/labels/dev.yaml").expect("labels present");
    serde_yaml::from_str(&text).expect("labels parse")
}

#[test]
fn default_rulebook_agrees_with_analysts_on_at_least_80_percent() {
    let rulebook = default_rulebook();
    let labels = labels();
    let mut per_rule: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut confusion: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut disagreements = Vec::new();
    let (mut agree, mut total) = (0usize, 0usize);
    for (doc, rules) in &labels {
        let path = format!("tests/fixtures/unsc/{doc}_EN_GOLD.txt");
        let mandate = read_mandate(Path::new(&path)).expect("fixture reads");
        let assessment = evaluate(&rulebook, &mandate);
        for (rule_id, label) in rules {
            let expected = Verdict::parse(&label.verdict).expect("label verdict");
            let got = assessment
                .rules
                .iter()
                .find(|r| &r.id == rule_id)
                .unwrap_or_else(|| panic!("rule {rule_id} is in the rulebook"));
            let entry = per_rule.entry(rule_id.clone()).or_default();
            entry.1 += 1;
            total += 1;
            *confusion
                .entry((expected.to_string(), got.verdict.to_string()))
                .or_default() += 1;
            if got.verdict == expected {
                entry.0 += 1;
                agree += 1;
            } else {
                let ours: Vec<&str> = got
                    .evidence()
                    .iter()
                    .filter(|e| !e.negated)
                    .map(|e| e.provision.as_str())
                    .collect();
                disagreements.push(format!(
                    "{doc} {rule_id}: analysts {expected} {:?} ({}), policycheck {} {:?}",
                    label.evidence, label.note, got.verdict, ours
                ));
            }
        }
    }
    println!("agreement per rule:");
    for (rule, (a, n)) in &per_rule {
        println!(
            "  {rule:<28} {a:>2}/{n:<2} {:>5.1}%",
            *a as f64 * 100.0 / *n as f64
        );
    }
    println!("analysts → policycheck:");
    for ((e, g), n) in &confusion {
        println!("  {e:<8} → {g:<8} {n}");
    }
    println!("disagreements:");
    for d in &disagreements {
        println!("  {d}");
    }
    let ratio = agree as f64 / total as f64;
    println!("overall agreement: {agree}/{total} = {:.1}%", ratio * 100.0);
    assert_eq!(total, 180, "20 documents × 9 rules");
    assert!(
        ratio >= 0.80,
        "agreement {:.1}% is below 80%",
        ratio * 100.0
    );
}
