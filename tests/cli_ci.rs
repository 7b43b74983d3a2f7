//! The binary as a CI job uses it: every exit code (0 pass, 1 a document falls short — by
//! score, by `--fail-on`, by a required rule — 0 again with `--exit-zero`, 2 for a bad
//! configuration or a broken document), configuration found from a nested folder, waivers
//! (valid, expired, unmatched), `diff` between two versions of a draft, and `--baseline`.
//! Every test works in its own temporary folder with a small rulebook of its own, so no result
//! depends on the default rulebook's tuning; waiver dates are fixed with `--today`.

mod common;

use common::{policycheck_in, stderr_of, stdout_of};
use predicates::prelude::*;
use std::path::Path;

/// Three rules: `crime` (weight 2) is met by a call or a mandate, `experts` needs a mandate,
/// `police` is met with arrest and border powers and partly met with one of them.
const RULES: &str = "\
id: mini
title: Mini rulebook
source:
  author: A. Author
  title: A paper
  publisher: A publisher
  date: \"2015-04-27\"
rules:
  - id: crime
    title: Crime task
    weight: 2
    recommendation: Task the mission with organized crime.
    rationale: Because.
    quote: \"combat organized crime\"
    suggested: Decides that the Mission shall combat organized crime;
    criteria:
      - id: task
        means: a task against organized crime
        any: [\"organi[sz]ed crime\"]
        force: call
    verdict:
      met: task
  - id: experts
    title: Expert group
    weight: 1
    recommendation: Establish a group of experts.
    rationale: Because.
    quote: \"a group of experts\"
    suggested: Decides to establish a group of experts;
    criteria:
      - id: group
        means: a group of experts is established
        any: [\"group of experts\"]
        force: mandate
    verdict:
      met: group
  - id: police
    title: Police powers
    weight: 1
    recommendation: Give the police arrest and border powers.
    rationale: Because.
    quote: \"arrest and border powers\"
    suggested: Decides that the Mission shall arrest suspects and patrol the borders;
    criteria:
      - id: arrest
        means: arrest powers
        any: [arrest]
        force: mandate
      - id: border
        means: border powers
        any: [\"borders?\"]
        force: mandate
    verdict:
      met: arrest and border
      partial: arrest or border
";

const HEADER: &str = "The Security Council,\n\n";
const CRIME: &str = "1. Decides that the Mission shall combat organized crime;\n\n";
const EXPERTS: &str = "2. Decides to establish a group of experts;\n\n";
const POLICE: &str = "3. Decides that the Mission shall arrest suspects and patrol the borders;\n";
const POLICE_ARREST: &str = "3. Decides that the Mission shall arrest suspects;\n";

/// A folder with `rules/mini.yaml` and three drafts: `good.md` (100), `partial.md` (87.5:
/// police partly met) and `no-experts.md` (75: experts missing).
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| {
        let p = dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write("rules/mini.yaml", RULES);
    write(
        "drafts/good.md",
        &format!("{HEADER}{CRIME}{EXPERTS}{POLICE}"),
    );
    write(
        "drafts/partial.md",
        &format!("{HEADER}{CRIME}{EXPERTS}{POLICE_ARREST}"),
    );
    write("drafts/no-experts.md", &format!("{HEADER}{CRIME}{POLICE}"));
    dir
}

#[test]
fn exit_0_when_every_document_clears_the_bar() {
    let dir = workspace();
    policycheck_in(dir.path())
        .args(["check", "drafts/good.md", "--rules", "rules/mini.yaml"])
        .args(["--fail-under", "60", "--fail-on", "partial"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with(
            "drafts/good.md  100.0/100  (met 3, partial 0, missing 0)  passes the bar of 60\n",
        ))
        .stderr("");
}

#[test]
fn exit_1_below_the_score_bar_and_0_with_exit_zero() {
    let dir = workspace();
    let args = [
        "check",
        "drafts/partial.md",
        "--rules",
        "rules/mini.yaml",
        "--fail-under",
        "90",
    ];
    let a = policycheck_in(dir.path()).args(args).assert().code(1);
    let out = stdout_of(&a);
    assert!(out.contains("87.5/100"), "{out}");
    assert!(
        out.contains("  ! scores 87.5, below the bar of 90\n"),
        "{out}"
    );
    policycheck_in(dir.path())
        .args(args)
        .arg("--exit-zero")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("FAILS ITS BARS"));
}

#[test]
fn exit_1_on_a_partial_rule_with_fail_on_partial() {
    let dir = workspace();
    policycheck_in(dir.path())
        .args(["check", "drafts/partial.md", "--rules", "rules/mini.yaml"])
        .args(["--fail-on", "missing"])
        .assert()
        .code(0);
    policycheck_in(dir.path())
        .args(["check", "drafts/partial.md", "--rules", "rules/mini.yaml"])
        .args(["--fail-on", "partial"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "  ! 1 rule is not met in full (fail on partial): `police` (partial)\n",
        ));
}

#[test]
fn exit_1_when_a_required_rule_is_missing_whatever_the_score() {
    let dir = workspace();
    std::fs::write(
        dir.path().join("policycheck.yaml"),
        "rulebooks: [rules/mini.yaml]\nbars:\n  fail_under: 50\n  required_rules: [experts]\n",
    )
    .unwrap();
    let a = policycheck_in(dir.path())
        .args(["check", "drafts/no-experts.md", "--format", "json"])
        .assert()
        .code(1);
    let v: serde_json::Value = serde_json::from_str(&stdout_of(&a)).unwrap();
    let doc = &v["documents"][0];
    assert_eq!(doc["score"], 75.0);
    assert_eq!(doc["passed"], false);
    assert_eq!(
        doc["failures"],
        serde_json::json!(["required rule `experts` is missing"])
    );
    // A required rule no rulebook has is a mistake, not a silent pass.
    policycheck_in(dir.path())
        .args(["check", "drafts/good.md", "--required", "expert"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "policycheck.yaml: required rule `expert` is in none of the rulebooks of the run",
        ));
}

#[test]
fn exit_2_on_an_unknown_configuration_key_located_exactly() {
    let dir = workspace();
    std::fs::write(
        dir.path().join("policycheck.yaml"),
        "rulebooks: [rules/mini.yaml]\nbars:\n  fail_under: 60\n  fail_undr: 70\n",
    )
    .unwrap();
    policycheck_in(dir.path())
        .args(["check", "drafts/good.md", "--output", "out.txt"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "error: policycheck.yaml:4:3: unknown key `fail_undr`\n  hint: did you mean `fail_under`?\n",
        );
    assert!(!dir.path().join("out.txt").exists());
}

#[test]
fn the_configuration_limits_draft_size_and_the_command_line_wins() {
    let dir = workspace();
    std::fs::write(
        dir.path().join("policycheck.yaml"),
        "rulebooks: [rules/mini.yaml]\nmax_document_size: 100\n",
    )
    .unwrap();
    let refused = policycheck_in(dir.path())
        .args(["check", "drafts/good.md"])
        .assert()
        .code(2);
    assert!(
        stderr_of(&refused).contains("more than the limit of 100 bytes for one draft"),
        "{}",
        stderr_of(&refused)
    );
    for command in ["check", "report", "read"] {
        policycheck_in(dir.path())
            .args(["--max-document-size", "1MB", command, "drafts/good.md"])
            .assert()
            .code(0);
    }
}

#[test]
fn exit_2_with_a_broken_document_but_the_others_are_reported() {
    let dir = workspace();
    std::fs::write(dir.path().join("drafts/broken.yaml"), "provisions: [\n").unwrap();
    let a = policycheck_in(dir.path())
        .args(["check", "drafts", "--rules", "rules/mini.yaml"])
        .args(["--format", "json", "--output", "report.json"])
        .args(["--format", "text"])
        .assert()
        .code(2);
    let err = stderr_of(&a);
    assert!(err.starts_with("error: drafts/broken.yaml"), "{err}");
    let text = stdout_of(&a);
    assert!(text.contains("drafts/good.md  100.0/100"), "{text}");
    assert!(
        text.contains("drafts/broken.yaml  could not be checked: "),
        "{text}"
    );
    let json = std::fs::read_to_string(dir.path().join("report.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let paths: Vec<&str> = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    // A folder is read in sorted order.
    assert_eq!(
        paths,
        [
            "drafts/good.md",
            "drafts/no-experts.md",
            "drafts/partial.md"
        ]
    );
    assert_eq!(v["errors"][0]["path"], "drafts/broken.yaml");
    assert!(v["errors"][0]["error"]
        .as_str()
        .unwrap()
        .starts_with("drafts/broken.yaml"));
}

#[test]
fn configuration_is_found_two_folders_up_and_its_paths_resolved_there() {
    let dir = workspace();
    std::fs::write(
        dir.path().join("policycheck.yaml"),
        "rulebooks: [rules/mini.yaml]\nbars:\n  fail_under: 90\n",
    )
    .unwrap();
    let nested = dir.path().join("drafts/a/b");
    std::fs::create_dir_all(&nested).unwrap();
    let a = policycheck_in(&nested)
        .args(["check", "../../partial.md"])
        .assert()
        .code(1);
    let out = stdout_of(&a);
    // The mini rulebook, from the path relative to the configuration's folder.
    assert!(out.contains("  ~ partial  police "), "{out}");
    assert!(out.contains("below the bar of 90"), "{out}");
    // --no-config ignores it: the default rulebook, no bar.
    policycheck_in(&nested)
        .args(["--no-config", "check", "../../partial.md"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("crime-terror-mandate"));
}

fn waiver_config(dir: &Path, document: &str) {
    std::fs::write(
        dir.join("policycheck.yaml"),
        format!(
            "rulebooks: [rules/mini.yaml]
bars:
  required_rules: [experts]
waivers:
  - document: {document}
    rule: experts
    justification: The sanctions committee's panel covers this for now.
    owner: alice
    expires: 2030-01-31
"
        ),
    )
    .unwrap();
}

#[test]
fn a_valid_waiver_is_reported_as_waived_and_passes() {
    let dir = workspace();
    waiver_config(dir.path(), "\"drafts/*.md\"");
    let a = policycheck_in(dir.path())
        .args(["check", "drafts/no-experts.md", "--today", "2030-01-31"])
        .assert()
        .code(0)
        .stderr("");
    let out = stdout_of(&a);
    assert!(
        out.contains("  ✗ missing  experts "),
        "the verdict stays: {out}"
    );
    assert!(out.contains("[waived until 2030-01-31, alice]"), "{out}");
    let a = policycheck_in(dir.path())
        .args(["check", "drafts/no-experts.md", "--format", "json"])
        .env("POLICYCHECK_TODAY", "2030-01-01")
        .assert()
        .code(0);
    let v: serde_json::Value = serde_json::from_str(&stdout_of(&a)).unwrap();
    assert_eq!(
        v["documents"][0]["rules"][1]["waived"],
        serde_json::json!({
            "justification": "The sanctions committee's panel covers this for now.",
            "owner": "alice",
            "expires": "2030-01-31"
        })
    );
}

#[test]
fn an_expired_waiver_no_longer_applies_and_says_so() {
    let dir = workspace();
    waiver_config(dir.path(), "drafts/no-experts.md");
    let a = policycheck_in(dir.path())
        .args(["check", "drafts/no-experts.md", "--format", "json"])
        .args(["--today", "2030-02-01"])
        .assert()
        .code(1);
    let warning = "drafts/no-experts.md: the waiver of rule `experts` expired on 2030-01-31 and \
                   no longer applies (owner: alice)";
    assert_eq!(stderr_of(&a), format!("warning: {warning}\n"));
    let v: serde_json::Value = serde_json::from_str(&stdout_of(&a)).unwrap();
    assert_eq!(v["warnings"], serde_json::json!([warning]));
    let rule = &v["documents"][0]["rules"][1];
    assert!(rule.get("waived").is_none());
    assert_eq!(rule["waiver_expired"]["expires"], "2030-01-31");
}

#[test]
fn a_waiver_that_matches_no_gap_is_reported() {
    let dir = workspace();
    waiver_config(dir.path(), "drafts/good.md");
    policycheck_in(dir.path())
        .args(["check", "drafts/good.md", "--today", "2030-01-01"])
        .assert()
        .code(0)
        .stderr(
            "warning: the waiver of rule `experts` for `drafts/good.md` matches no gap: no \
             document checked has that rule partial or missing\n",
        );
}

#[test]
fn a_waiver_without_an_owner_is_refused() {
    let dir = workspace();
    waiver_config(dir.path(), "drafts/good.md");
    let text = std::fs::read_to_string(dir.path().join("policycheck.yaml")).unwrap();
    std::fs::write(
        dir.path().join("policycheck.yaml"),
        text.replace("    owner: alice\n", ""),
    )
    .unwrap();
    policycheck_in(dir.path())
        .args(["check", "drafts/good.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing key `owner`"));
}

/// Two versions of a draft: the crime task goes from a call ("Encourages") to a mandate
/// ("Decides"), an expert group is added, the police paragraph is unchanged.
fn two_versions(dir: &Path) {
    std::fs::write(
        dir.join("v1.md"),
        format!("{HEADER}1. Encourages the Mission to combat organized crime;\n\n{POLICE_ARREST}"),
    )
    .unwrap();
    std::fs::write(
        dir.join("v2.md"),
        format!("{HEADER}{CRIME}{EXPERTS}{POLICE_ARREST}"),
    )
    .unwrap();
}

#[test]
fn diff_shows_strengthened_and_gained_recommendations() {
    let dir = workspace();
    two_versions(dir.path());
    let run = |format: &str| {
        let a = policycheck_in(dir.path())
            .args(["diff", "v1.md", "v2.md", "--rules", "rules/mini.yaml"])
            .args(["--format", format])
            .assert()
            .code(0)
            .stderr("");
        stdout_of(&a)
    };
    let text = run("text");
    assert!(
        text.contains("↑ strengthened crime    met → met (call → mandate)"),
        "{text}"
    );
    assert!(
        text.contains("+ gained       experts  missing → met"),
        "{text}"
    );
    assert!(
        text.contains("= unchanged    police   partial → partial"),
        "{text}"
    );
    insta::assert_snapshot!("diff_markdown", run("markdown"));
    let json = run("json");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["diffs"][0]["rules"][0]["change"], "strengthened");
    insta::assert_snapshot!("diff_json", json);
}

#[test]
fn baseline_reports_only_what_got_worse() {
    let dir = workspace();
    // The first run records the baseline.
    policycheck_in(dir.path())
        .args(["check", "drafts/good.md", "drafts/partial.md"])
        .args(["--rules", "rules/mini.yaml", "--format", "json"])
        .args(["--output", "baseline.json"])
        .assert()
        .code(0);
    // The same drafts, with lines moved: nothing new, although `partial.md` stays partial.
    let good = dir.path().join("drafts/good.md");
    let text = std::fs::read_to_string(&good).unwrap();
    std::fs::write(&good, format!("\n\n\n{text}")).unwrap();
    policycheck_in(dir.path())
        .args(["check", "drafts/good.md", "drafts/partial.md"])
        .args(["--rules", "rules/mini.yaml", "--baseline", "baseline.json"])
        .assert()
        .code(0)
        .stdout("no new problems against baseline.json\n");
    // Now the good draft loses its border powers and gains a denial of the crime task.
    std::fs::write(
        &good,
        format!(
            "{HEADER}{CRIME}{EXPERTS}{POLICE_ARREST}\n4. Decides that the Mission shall not \
             address transnational organized crime;\n"
        ),
    )
    .unwrap();
    let a = policycheck_in(dir.path())
        .args(["check", "drafts/good.md", "drafts/partial.md"])
        .args(["--rules", "rules/mini.yaml", "--baseline", "baseline.json"])
        .assert()
        .code(1);
    let out = stdout_of(&a);
    assert!(
        out.contains("drafts/good.md: police: met → partial (Police powers)\n"),
        "{out}"
    );
    assert!(
        out.contains("drafts/good.md:9: crime: new evidence against it: OP4"),
        "{out}"
    );
    assert!(!out.contains("partial.md"), "{out}");
    assert!(
        out.ends_with("2 new problems against baseline.json\n"),
        "{out}"
    );
}

#[test]
fn several_formats_in_one_run() {
    let dir = workspace();
    policycheck_in(dir.path())
        .args(["check", "drafts/good.md", "--rules", "rules/mini.yaml"])
        .args(["--format", "json", "--output", "r.json"])
        .args(["--format", "markdown", "--output", "memo.md"])
        .args(["--format", "text"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("drafts/good.md  100.0/100"));
    let json = std::fs::read_to_string(dir.path().join("r.json")).unwrap();
    assert!(json.starts_with("{\n  \"version\": 1,"), "{json}");
    let memo = std::fs::read_to_string(dir.path().join("memo.md")).unwrap();
    assert!(memo.starts_with("# Briefing memo: "), "{memo}");
}

#[test]
fn sarif_results_are_anchored_on_real_lines() {
    let dir = workspace();
    policycheck_in(dir.path())
        .args([
            "check",
            "drafts/no-experts.md",
            "--rules",
            "rules/mini.yaml",
        ])
        .args(["--format", "sarif", "--output", "out.sarif"])
        .assert()
        .code(0);
    let sarif = std::fs::read_to_string(dir.path().join("out.sarif")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let results = v["runs"][0]["results"].as_array().unwrap();
    let experts = results
        .iter()
        .find(|r| r["ruleId"] == "experts")
        .expect("a result for the missing rule");
    // A missing rule has no paragraph: it is placed on the operative part's first line.
    assert_eq!(
        experts["locations"][0]["physicalLocation"]["region"]["startLine"],
        3
    );
}
