//! The binary as users see it: exit codes (0 every draft reaches the bar, 1 one falls short,
//! 2 the tool could not do its job), the messages for a malformed rulebook and an unreadable
//! draft, `--output` still written when one draft is broken, and the `rules` commands.

mod common;

use common::{crate_path, policycheck, stderr_of, stdout_of};
use predicates::prelude::*;

const MINUSMA: &str = "examples/minusma-2013.yaml";
const RENEWAL: &str = "examples/draft-renewal-2015.md";

/// A small valid rulebook, for tests that must not depend on the default rulebook's tuning.
const MINI: &str = "\
id: mini
title: Mini
source:
  author: A. Author
  title: A paper
  publisher: A publisher
  date: \"2015-04-27\"
rules:
  - id: crime
    title: Crime
    weight: 2
    recommendation: Task the mission with crime.
    rationale: Because.
    quote: \"combat organized crime\"
    suggested: Decides that the mission shall combat organized crime.
    criteria:
      - id: task
        means: a crime task
        any: [\"organi[sz]ed crime\"]
        force: mandate
        addressee: [un]
    verdict:
      met: task
";

#[test]
fn no_bar_exits_0_with_a_summary() {
    policycheck()
        .args(["check", RENEWAL])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with(format!("{RENEWAL}  ")))
        .stdout(predicate::str::contains("/100  (met "))
        .stderr("");
}

#[test]
fn a_draft_below_the_bar_exits_1() {
    policycheck()
        .args(["check", MINUSMA, "--fail-under", "100"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("FAILS ITS BARS"))
        .stdout(predicate::str::contains(
            "  ! scores 36.1, below the bar of 100\n",
        ));
}

#[test]
fn drafts_at_or_above_the_bar_exit_0() {
    policycheck()
        .args(["check", MINUSMA, RENEWAL, "--fail-under", "0"])
        .assert()
        .code(0);
}

#[test]
fn the_renewal_draft_scores_far_higher_than_the_2013_mandate() {
    let out = policycheck()
        .args(["check", MINUSMA, RENEWAL, "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs[0]["path"], MINUSMA);
    assert_eq!(docs[1]["path"], RENEWAL);
    let (old, new) = (
        docs[0]["score"].as_f64().unwrap(),
        docs[1]["score"].as_f64().unwrap(),
    );
    assert!(new >= old + 30.0, "2013: {old}, renewal: {new}");
}

#[test]
fn a_malformed_rulebook_is_named_with_line_and_column_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules.yaml");
    std::fs::write(&rules, MINI.replace("    weight: 2", "    wieght: 2")).unwrap();
    let output = dir.path().join("report.json");
    let assert = policycheck()
        .current_dir(dir.path())
        .args(["check", "--rules", "rules.yaml", "--output", "report.json"])
        .arg(crate_path(RENEWAL))
        .assert()
        .code(2)
        .stdout("");
    let stderr = stderr_of(&assert);
    // File, line and column of the key, then the rule it stands in, then what is wrong.
    assert_eq!(
        stderr,
        "error: rules.yaml:11:5: rule `crime`: unknown key `wieght` in a rule\n  hint: did you mean `weight`?\n"
    );
    assert!(!output.exists());
}

#[test]
fn a_valid_custom_rulebook_is_used() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("rules.yaml"), MINI).unwrap();
    std::fs::write(
        dir.path().join("draft.md"),
        "The Security Council,\n\n1. Decides that the mission shall combat organized crime;\n",
    )
    .unwrap();
    policycheck()
        .current_dir(dir.path())
        .args(["rules", "list", "--rules", "rules.yaml"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("crime  2       -     Crime"));
    policycheck()
        .current_dir(dir.path())
        .args([
            "check",
            "draft.md",
            "--rules",
            "rules.yaml",
            "--fail-under",
            "100",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with(
            "draft.md  100.0/100  (met 1, partial 0, missing 0)",
        ));
}

#[test]
fn an_unreadable_draft_exits_2_and_the_output_still_reports_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("report.md");
    policycheck()
        .args(["check", RENEWAL, "no/such/draft.md", "--format", "markdown"])
        .arg("--output")
        .arg(&output)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "error: cannot read no/such/draft.md:",
        ));
    let memo = std::fs::read_to_string(&output).unwrap();
    assert!(
        memo.contains(&format!("- **Draft:** file `{RENEWAL}`")),
        "{memo}"
    );
    assert!(
        memo.contains(
            "## Documents that could not be checked\n\n- `no/such/draft.md`: cannot read"
        ),
        "{memo}"
    );
}

#[test]
fn a_broken_draft_does_not_stop_the_others() {
    policycheck()
        .args(["check", "no/such/draft.md", RENEWAL])
        .assert()
        .code(2)
        .stdout(predicate::str::contains(RENEWAL))
        .stderr(predicate::str::contains("no/such/draft.md"));
}

#[test]
fn bad_arguments_exit_2() {
    policycheck()
        .args(["check", RENEWAL, "--fail-under", "150"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("out of range"));
    policycheck()
        .args(["check", RENEWAL, "--format", "pdf"])
        .assert()
        .code(2);
}

#[test]
fn report_writes_the_memo_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("memo.md");
    policycheck()
        .args(["report", MINUSMA, "--output"])
        .arg(&output)
        .assert()
        .code(0)
        .stdout("");
    let memo = std::fs::read_to_string(&output).unwrap();
    assert!(memo.starts_with("# Briefing memo: "), "{memo}");
    assert!(memo.contains("## Gaps and how to close them"), "{memo}");
}

#[test]
fn report_takes_a_template_file() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("score.txt.hbs");
    std::fs::write(
        &template,
        "{{#each documents}}{{path}}: {{score_text}}{{/each}}\n",
    )
    .unwrap();
    policycheck()
        .args(["report", RENEWAL, "--template"])
        .arg(&template)
        .assert()
        .code(0)
        .stdout(predicate::str::is_match(format!("^{RENEWAL}: \\d+\\.\\d\n$")).unwrap());
}

#[test]
fn an_unknown_template_name_lists_the_known_ones() {
    policycheck()
        .args(["report", RENEWAL, "--template", "brief"])
        .assert()
        .code(2)
        .stderr("error: template brief: no such template (known: baseline, baseline-memo, diff, memo, memo.html, summary, trend, trend.html)\n");
}

#[test]
fn rules_list_shows_the_nine_default_rules() {
    let assert = policycheck().args(["rules", "list"]).assert().code(0);
    let out = stdout_of(&assert);
    for id in [
        "crime-terror-mandate",
        "expert-group",
        "police-operational-powers",
        "regional-approach",
        "information-sharing",
        "resources-commitment",
        "crime-terror-nexus",
        "holistic-approach",
        "political-process",
    ] {
        assert!(
            out.lines().any(|l| l.starts_with(&format!("{id} "))),
            "{id} missing:\n{out}"
        );
    }
    assert!(out.contains("9 rules in mali-2015"), "{out}");
}

#[test]
fn rules_test_passes_on_the_default_rulebook() {
    policycheck()
        .args(["rules", "test"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "examples give the expected verdict",
        ));
}

#[test]
fn rules_test_fails_with_1_when_an_example_disagrees() {
    let dir = tempfile::tempdir().unwrap();
    let rules = MINI.to_string()
        + "    examples:\n      - verdict: met\n        text: \"1. Notes the weather;\"\n";
    std::fs::write(dir.path().join("rules.yaml"), rules).unwrap();
    policycheck()
        .current_dir(dir.path())
        .args(["rules", "test", "--rules", "rules.yaml"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("expected met, got missing"));
}
