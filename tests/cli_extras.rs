//! `trend`, colour (`--color`, NO_COLOR), shell completions and the man page, as a user
//! runs them.

use assert_cmd::Command;

fn policycheck() -> Command {
    let mut cmd = Command::cargo_bin("policycheck").expect("binary built");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("--no-config");
    cmd
}

fn stdout(cmd: &mut Command, code: i32) -> String {
    let out = cmd.assert().code(code);
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

#[test]
fn trend_renders_three_versions_as_a_table_and_a_chart() {
    let files = [
        "examples/minusma-2013.yaml",
        "tests/fixtures/trend/minusma-2014.md",
        "examples/draft-renewal-2015.md",
    ];
    let md = stdout(policycheck().arg("trend").args(files), 0);
    assert!(
        md.contains(
            "| Recommendation | minusma-2013 (2013-04-25) | minusma-2014 | draft-renewal-2015 |"
        ),
        "{md}"
    );
    assert!(md.contains("| **Score** | **30.6** |"), "{md}");
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("trend.html");
    policycheck()
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
        policycheck().args(["check", "examples/minusma-2013.yaml"]),
        0,
    );
    assert!(!plain.contains('\u{1b}'), "piped output has no colour");
    let always = stdout(
        policycheck().args(["check", "examples/minusma-2013.yaml", "--color", "always"]),
        0,
    );
    assert!(always.contains("\u{1b}[31m✗ missing\u{1b}[0m"), "{always}");
    let json = stdout(
        policycheck().args([
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
        policycheck().env("CLICOLOR_FORCE", "1").args([
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
    let bash = stdout(policycheck().args(["completions", "bash"]), 0);
    assert!(bash.contains("_policycheck()") && bash.contains("explain"));
    let zsh = stdout(policycheck().args(["completions", "zsh"]), 0);
    assert!(zsh.starts_with("#compdef policycheck"));
    let man = stdout(policycheck().arg("man"), 0);
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
        policycheck()
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
