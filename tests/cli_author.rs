//! The rule author's commands as a user runs them: `rules check`, `explain`, `schema`,
//! `init`, `rules patterns`, with their exit codes.

mod common;

use common::{crate_path, policycheck_in, policycheck_no_config, stderr_of, stdout_of};

#[test]
fn rules_check_passes_the_shipped_rulebooks() {
    for rb in ["rules/mali-2015.yaml", "rules/peace-agreement.yaml"] {
        let out = policycheck_no_config()
            .args(["rules", "check", &crate_path(rb).display().to_string()])
            .assert()
            .code(0);
        let stdout = stdout_of(&out);
        assert!(stdout.starts_with("ok: "), "{stdout}");
    }
}

#[test]
fn rules_check_reports_every_problem_and_exits_2() {
    let out = policycheck_no_config()
        .args([
            "rules",
            "check",
            "tests/broken_rulebooks/33-three-mistakes.yaml",
        ])
        .assert()
        .code(2);
    let stdout = stdout_of(&out);
    assert_eq!(
        stdout.matches("\nerror: ").count() + usize::from(stdout.starts_with("error: ")),
        3
    );
    assert!(stdout.contains(" --> tests/broken_rulebooks/33-three-mistakes.yaml:15:5\n"));
    assert!(stdout.ends_with("3 problems found\n"), "{stdout}");
}

#[test]
fn rules_check_speaks_json_for_tools() {
    let out = policycheck_no_config()
        .args([
            "rules",
            "check",
            "tests/broken_rulebooks/27-example-fails-its-rule.yaml",
            "--format",
            "json",
        ])
        .assert()
        .code(2);
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(json[0]["rule"], "border-task");
    assert_eq!(json[0]["line"], 44);
    assert_eq!(
        json[0]["message"],
        "example 3 should be missing, but the rule finds it met"
    );
}

#[test]
fn explain_prints_the_rule_and_suggests_a_near_id() {
    let out = policycheck_no_config()
        .args(["explain", "expert-group"])
        .assert()
        .code(0);
    let stdout = stdout_of(&out);
    assert!(stdout.starts_with("expert-group — Expert group on trafficking and terror networks\n"));
    assert!(stdout.contains("\nSuggested language\n"));
    let out = policycheck_no_config()
        .args(["explain", "expert-grup"])
        .assert()
        .code(2);
    let stderr = stderr_of(&out);
    assert_eq!(
        stderr,
        "error: there is no rule `expert-grup`\n  hint: did you mean `expert-group`?\n"
    );
}

#[test]
fn schema_prints_the_committed_schemas() {
    for (kind, file) in [
        ("rulebook", "schemas/rulebook.schema.json"),
        ("mandate", "schemas/mandate.schema.json"),
    ] {
        let out = policycheck_no_config()
            .args(["schema", kind])
            .assert()
            .code(0);
        let committed = std::fs::read_to_string(crate_path(file)).unwrap();
        assert_eq!(
            String::from_utf8(out.get_output().stdout.clone()).unwrap(),
            committed
        );
    }
}

#[test]
fn init_scaffolds_a_rulebook_that_checks_and_tests_clean_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    policycheck_no_config()
        .current_dir(dir.path())
        .args(["init", "border-paper"])
        .assert()
        .code(0);
    for f in [
        "rules/border-paper.yaml",
        "rules/rulebook.schema.json",
        "policycheck.yaml",
    ] {
        assert!(dir.path().join(f).is_file(), "{f}");
    }
    policycheck_in(dir.path())
        .args(["rules", "check"])
        .assert()
        .code(0);
    policycheck_in(dir.path())
        .args(["rules", "test"])
        .assert()
        .code(0);
    let before = std::fs::read_to_string(dir.path().join("policycheck.yaml")).unwrap();
    policycheck_no_config()
        .current_dir(dir.path())
        .args(["init", "border-paper"])
        .assert()
        .code(2);
    let after = std::fs::read_to_string(dir.path().join("policycheck.yaml")).unwrap();
    assert_eq!(before, after);
}

#[test]
fn rules_patterns_prints_one_regex_a_line() {
    let out = policycheck_no_config()
        .args(["rules", "patterns"])
        .assert()
        .code(0);
    let stdout = stdout_of(&out);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines.len() > 50, "{} patterns", lines.len());
    for l in &lines {
        regex::Regex::new(l).unwrap_or_else(|e| panic!("{l}: {e}"));
    }
}
