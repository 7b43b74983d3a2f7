//! `trend`, `read` (an outline of the draft as read, or a structured mandate that reads back
//! to the same provisions and so to the same verdicts), colour (`--color`, NO_COLOR), shell
//! completions and the man page, as a user runs them.

mod common;

use assert_cmd::Command;
use common::{policycheck_no_config, stderr_of, stdout_of};
use serde_json::Value;
use std::path::Path;

/// Runs `cmd`, which must exit with `code`, and returns its standard output.
fn stdout(cmd: &mut Command, code: i32) -> String {
    stdout_of(&cmd.assert().code(code))
}

#[test]
fn trend_renders_three_versions_as_a_table_and_a_chart() {
    let files = [
        "examples/minusma-2013.yaml",
        "tests/fixtures/trend/minusma-2014.md",
        "examples/draft-renewal-2015.md",
    ];
    let md = stdout(policycheck_no_config().arg("trend").args(files), 0);
    assert!(
        md.contains(
            "| Recommendation | minusma-2013 (2013-04-25) | minusma-2014 | draft-renewal-2015 |"
        ),
        "{md}"
    );
    assert!(md.contains("| **Score** | **36.1** |"), "{md}");
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("trend.html");
    policycheck_no_config()
        .arg("trend")
        .args(files)
        .args(["--format", "html", "--output"])
        .arg(&html)
        .assert()
        .code(0);
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("<svg") && page.contains("role=\"img\""));
    assert!(!page.contains("<script"));
}

#[test]
fn colour_marks_verdicts_only_when_asked_and_never_in_json() {
    let plain = stdout(
        policycheck_no_config().args(["check", "examples/minusma-2013.yaml"]),
        0,
    );
    assert!(!plain.contains('\u{1b}'), "piped output has no colour");
    let always = stdout(
        policycheck_no_config().args(["check", "examples/minusma-2013.yaml", "--color", "always"]),
        0,
    );
    assert!(always.contains("\u{1b}[31m✗ missing\u{1b}[0m"), "{always}");
    let json = stdout(
        policycheck_no_config().args([
            "check",
            "examples/minusma-2013.yaml",
            "--color",
            "always",
            "--format",
            "json",
        ]),
        0,
    );
    assert!(!json.contains('\u{1b}'));
    let never = stdout(
        policycheck_no_config().env("CLICOLOR_FORCE", "1").args([
            "check",
            "examples/minusma-2013.yaml",
            "--color",
            "never",
        ]),
        0,
    );
    assert_eq!(never, plain);
}

#[test]
fn completions_and_man_page_come_from_the_command_line_definition() {
    let bash = stdout(policycheck_no_config().args(["completions", "bash"]), 0);
    assert!(bash.contains("_policycheck()") && bash.contains("explain"));
    let zsh = stdout(policycheck_no_config().args(["completions", "zsh"]), 0);
    assert!(zsh.starts_with("#compdef policycheck"));
    let man = stdout(policycheck_no_config().arg("man"), 0);
    assert!(man.contains(".TH policycheck 1"));
    assert!(man.contains("trend"));
}

#[test]
fn a_hostile_draft_cannot_inject_html_or_links_into_the_markdown_memo() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("hostile.md");
    std::fs::write(
        &draft,
        "# <script>alert(1)</script> draft\n\nThe Security Council,\n\n1. Decides that the Mission shall combat organized crime <img src=x onerror=alert(1)> and terrorism [click](javascript:alert(1));\n",
    )
    .unwrap();
    let memo = stdout(
        policycheck_no_config()
            .args(["check", "--format", "markdown"])
            .arg(&draft),
        0,
    );
    assert!(memo.contains("crime-terror-mandate"), "{memo}");
    // Brackets come out escaped (`\[click\](…)`), which Markdown shows as text, not a link.
    let unescaped = memo.replace("\\]", "");
    for bad in ["<script", "<img", "](javascript:"] {
        assert!(!unescaped.contains(bad), "{bad} in\n{memo}");
    }
    assert!(memo.contains("\\[click\\](javascript:"), "{memo}");
    assert!(
        memo.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{memo}"
    );
}

#[test]
fn outline_of_the_renewal_draft() {
    let out = stdout(
        policycheck_no_config().args(["read", "examples/draft-renewal-2015.md"]),
        0,
    );
    insta::assert_snapshot!("outline_draft_renewal_2015", out);
}

#[test]
fn outline_of_a_real_resolution_with_sub_paragraphs() {
    let out = stdout(
        policycheck_no_config().args(["read", "tests/fixtures/unsc/S_RES_0866_1993_EN_GOLD.txt"]),
        0,
    );
    insta::assert_snapshot!("outline_s_res_0866_1993", out);
}

/// Score and per-rule verdicts of a JSON report, without paths or lines.
fn verdicts(json: &str) -> Vec<(String, String)> {
    let v: Value = serde_json::from_str(json).unwrap();
    let doc = &v["documents"][0];
    let mut out = vec![("score".to_string(), doc["score"].to_string())];
    for r in doc["rules"].as_array().unwrap() {
        out.push((r["id"].to_string(), r["verdict"].to_string()));
    }
    out
}

fn check_json(path: &Path) -> String {
    stdout(
        policycheck_no_config()
            .arg("check")
            .arg(path)
            .args(["--format", "json"]),
        0,
    )
}

#[test]
fn yaml_written_by_read_scores_like_the_draft() {
    let dir = tempfile::tempdir().unwrap();
    for draft in [
        "examples/draft-renewal-2015.md",
        "tests/fixtures/unsc/S_RES_0866_1993_EN_GOLD.txt",
        "tests/fixtures/unsc/S_RES_0820_1993_EN_GOLD.txt",
        "tests/fixtures/unsc/S_RES_0687_1991_EN_GOLD.txt",
    ] {
        let yaml = dir.path().join("mandate.yaml");
        policycheck_no_config()
            .args(["read", draft, "--format", "yaml", "--output"])
            .arg(&yaml)
            .assert()
            .code(0)
            .stdout("");
        let text = std::fs::read_to_string(&yaml).unwrap();
        assert!(text.starts_with(&format!("# {draft} as policycheck read it")));
        assert_eq!(
            verdicts(&check_json(&yaml)),
            verdicts(&check_json(Path::new(draft))),
            "{draft}"
        );
    }
}

#[test]
fn read_refuses_to_write_over_its_draft_and_names_a_missing_one() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("draft.md");
    std::fs::copy("examples/draft-renewal-2015.md", &draft).unwrap();
    let before = std::fs::read(&draft).unwrap();
    let out = policycheck_no_config()
        .arg("read")
        .arg(&draft)
        .args(["--format", "yaml", "--output"])
        .arg(&draft)
        .assert()
        .code(2);
    let stderr = stderr_of(&out);
    assert!(stderr.contains("is also the draft being read"), "{stderr}");
    assert_eq!(std::fs::read(&draft).unwrap(), before);

    let out = policycheck_no_config()
        .args(["read", "no-such-draft.txt"])
        .assert()
        .code(2);
    let stderr = stderr_of(&out);
    assert!(
        stderr.contains("no-such-draft.txt: there is no such file"),
        "{stderr}"
    );
}
