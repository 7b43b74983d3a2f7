//! The second shipped rulebook, `rules/peace-agreement.yaml`, proves that the engine is not
//! tied to the default rulebook: written from a checklist of a peace agreement's standard
//! provisions, it loads, passes its own examples, and gives sensible verdicts on real Security
//! Council resolutions. The verdicts asserted and snapshotted here were checked by reading the
//! resolutions in `tests/fixtures/unsc/`.

mod common;

use common::crate_path;
use policycheck::evaluate::{check_examples, evaluate};
use policycheck::rulebook::load_rulebook;
use policycheck::{read_mandate, Rulebook, Verdict};

fn rulebook() -> Rulebook {
    let path = crate_path("rules/peace-agreement.yaml");
    load_rulebook(&path).unwrap_or_else(|e| panic!("the rulebook loads: {e:?}"))
}

/// Each rule's verdict and the provisions it cites, in rulebook order.
fn verdicts(rulebook: &Rulebook, resolution: &str) -> Vec<(String, Verdict, Vec<String>)> {
    let path = crate_path("tests/fixtures/unsc").join(format!("{resolution}_EN_GOLD.txt"));
    let mandate = read_mandate(&path).expect("the resolution reads");
    evaluate(rulebook, &mandate)
        .rules
        .iter()
        .map(|r| {
            let cites = r
                .evidence()
                .iter()
                .filter(|e| !e.negated)
                .map(|e| e.provision.clone())
                .collect();
            (r.id.clone(), r.verdict, cites)
        })
        .collect()
}

fn verdict_of(rulebook: &Rulebook, resolution: &str, rule: &str) -> Verdict {
    verdicts(rulebook, resolution)
        .into_iter()
        .find(|(id, _, _)| id == rule)
        .map(|(_, v, _)| v)
        .unwrap_or_else(|| panic!("no rule {rule}"))
}

#[test]
fn the_rulebook_loads_with_six_rules_and_every_example_passes() {
    let rb = rulebook();
    let ids: Vec<&str> = rb.rules.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "ceasefire-monitoring",
            "ddr",
            "accountability",
            "elections",
            "inclusive-governance",
            "refugee-return"
        ]
    );
    let outcomes = check_examples(&rb);
    let failed: Vec<String> = outcomes
        .iter()
        .filter(|o| !o.passed())
        .map(|o| format!("{} {o}", o.rule))
        .collect();
    assert!(failed.is_empty(), "{failed:#?}");
    for rule in &rb.rules {
        let satisfying = rule
            .examples
            .iter()
            .filter(|e| e.verdict != Verdict::Missing)
            .count();
        let failing = rule.examples.len() - satisfying;
        assert!(
            satisfying >= 2 && failing >= 2,
            "{}: {satisfying} examples that satisfy it, {failing} that must not",
            rule.id
        );
    }
}

/// UNOMIL (Liberia, 1993): observers investigate cease-fire violations (OP3(a)), help monitor
/// cantonment, disarmament and demobilisation (OP3(b)) and verify the elections (OP3(c)).
#[test]
fn liberia_866_takes_up_ceasefire_monitoring_ddr_and_elections() {
    let rb = rulebook();
    for rule in ["ceasefire-monitoring", "ddr", "elections"] {
        assert_eq!(
            verdict_of(&rb, "S_RES_0866_1993", rule),
            Verdict::Met,
            "{rule}"
        );
    }
    // It welcomes the transitional government but asks nothing of anyone about it.
    assert_eq!(
        verdict_of(&rb, "S_RES_0866_1993", "inclusive-governance"),
        Verdict::Partial
    );
}

/// Resolution 661 (Iraq, 1990) imposes sanctions: there is no peace process to support.
#[test]
fn iraq_sanctions_661_take_up_nothing() {
    let rb = rulebook();
    for (rule, verdict, cites) in verdicts(&rb, "S_RES_0661_1990") {
        assert_eq!(verdict, Verdict::Missing, "{rule}: {cites:?}");
    }
}

/// The tribunal for the former Yugoslavia (827) is accountability; "upon their election" of
/// its judges is not an election.
#[test]
fn the_yugoslavia_tribunal_827_is_accountability_not_an_election() {
    let rb = rulebook();
    assert_eq!(
        verdict_of(&rb, "S_RES_0827_1993", "accountability"),
        Verdict::Met
    );
    assert_eq!(
        verdict_of(&rb, "S_RES_0827_1993", "elections"),
        Verdict::Missing
    );
}

/// A compact table: one line per resolution, one verdict per rule, with the provisions cited.
#[test]
fn verdicts_on_six_real_resolutions() {
    let rb = rulebook();
    let mut table = String::new();
    for resolution in [
        "S_RES_0661_1990",
        "S_RES_0792_1992",
        "S_RES_0814_1993",
        "S_RES_0827_1993",
        "S_RES_0866_1993",
        "S_RES_0898_1994",
    ] {
        table.push_str(resolution);
        table.push('\n');
        for (rule, verdict, cites) in verdicts(&rb, resolution) {
            let line = format!(
                "  {rule:<22} {:<8} {}",
                verdict.to_string(),
                cites.join(" ")
            );
            table.push_str(line.trim_end());
            table.push('\n');
        }
    }
    insta::assert_snapshot!(table);
}
