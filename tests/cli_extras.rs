//! `trend`, `read` (an outline of the draft as read, or a structured mandate that reads back
//! to the same provisions and so to the same verdicts), colour (`--color`, NO_COLOR, the
//! templates' `paint`, never in a file), shell completions and the man page, as a user runs
//! them.

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
fn a_users_summary_template_colours_what_it_paints_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    // `paint` colours its block; a line that merely looks like the default summary's does
    // not get coloured.
    std::fs::write(
        dir.path().join("summary.txt.hbs"),
        "{{#each documents}}{{#each rules}}\
         {{#paint verdict}}[{{verdict}}]{{/paint}} {{id}}\n  ✗ missing, said the template\n\
         {{/each}}{{#paint \"cyan\"}}{{path}}{{/paint}}\n{{/each}}",
    )
    .unwrap();
    let run = |extra: &[&str]| {
        let mut cmd = policycheck_no_config();
        cmd.args(["check", "examples/minusma-2013.yaml", "--templates"])
            .arg(dir.path())
            .args(extra);
        stdout(&mut cmd, 0)
    };
    let always = run(&["--color", "always"]);
    assert!(
        always.contains("\u{1b}[31m[missing]\u{1b}[0m crime-terror-mandate\n"),
        "{always}"
    );
    assert!(always.contains("\u{1b}[32m[met]\u{1b}[0m "), "{always}");
    assert!(
        always.contains("\u{1b}[36mexamples/minusma-2013.yaml\u{1b}[0m\n"),
        "{always}"
    );
    assert!(
        always.contains("\n  ✗ missing, said the template\n"),
        "{always}"
    );
    let never = run(&["--color", "never"]);
    assert!(!never.contains('\u{1b}'), "{never}");
    assert!(
        never.contains("[missing] crime-terror-mandate\n"),
        "{never}"
    );
    assert_eq!(run(&[]), never, "piped output has no colour");
}

#[test]
fn a_summary_written_to_a_file_has_no_colour_even_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    std::fs::write(
        templates.join("summary.txt.hbs"),
        "{{#each documents}}{{#each rules}}{{#paint verdict}}{{verdict}}{{/paint}}\n{{/each}}{{/each}}",
    )
    .unwrap();
    let piped = stdout(
        policycheck_no_config().args(["check", "examples/minusma-2013.yaml"]),
        0,
    );
    for user in [false, true] {
        let file = dir.path().join(format!("summary-{user}.txt"));
        let mut cmd = policycheck_no_config();
        cmd.args(["check", "examples/minusma-2013.yaml", "--color", "always"]);
        if user {
            cmd.arg("--templates").arg(&templates);
        }
        // The summary in a file, the JSON report on standard output beside it.
        cmd.args(["--format", "text", "--output"])
            .arg(&file)
            .args(["--format", "json"]);
        let out = stdout(&mut cmd, 0);
        assert!(out.starts_with('{') && !out.contains('\u{1b}'), "{out}");
        let written = std::fs::read_to_string(&file).unwrap();
        assert!(!written.contains('\u{1b}'), "{written}");
        if user {
            assert!(
                written
                    .lines()
                    .all(|l| ["met", "partial", "missing"].contains(&l)),
                "{written}"
            );
        } else {
            assert_eq!(written, piped);
        }
    }
    // `report` with the summary template, to a file and to standard output.
    let file = dir.path().join("report.txt");
    let mut cmd = policycheck_no_config();
    cmd.args([
        "report",
        "examples/minusma-2013.yaml",
        "--template",
        "summary",
    ]);
    let styled = stdout(cmd.args(["--color", "always"]), 0);
    assert!(styled.contains("\u{1b}[31m✗ missing\u{1b}[0m"), "{styled}");
    policycheck_no_config()
        .args([
            "report",
            "examples/minusma-2013.yaml",
            "--template",
            "summary",
        ])
        .args(["--color", "always", "--output"])
        .arg(&file)
        .assert()
        .code(0);
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(
        written.contains("  ✗ missing ") && !written.contains('\u{1b}'),
        "{written}"
    );
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
    // Plain text keeps the markup as the draft's text (a Markdown draft's reader drops HTML
    // tags and link targets before the memo sees them), so the memo's escaping is what is tested.
    let draft = dir.path().join("hostile.txt");
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
    assert!(
        memo.contains("Mandate against organized crime and terrorism"),
        "{memo}"
    );
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

/// The subcommands `policycheck ARGS --help` lists (`help` aside), as users discover them.
fn subcommands_in_help(args: &[&str]) -> Vec<String> {
    let help = stdout(policycheck_no_config().args(args).arg("--help"), 0);
    help.lines()
        .skip_while(|l| *l != "Commands:")
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect()
}

/// The page names (`policycheck-rules-list`) of the command `path` and of every subcommand
/// below it, parent first, from the help the binary prints.
fn man_page_names(path: &[&str], names: &mut Vec<String>) {
    names.push(path.join("-"));
    for sub in subcommands_in_help(&path[1..]) {
        let mut below = path.to_vec();
        below.push(&sub);
        man_page_names(&below, names);
    }
}

/// `page` is a man page whose title and NAME section name the command `name`, and whose
/// requests are all man macros that clap_mangen writes, their indents balanced.
fn assert_is_man_page_of(page: &str, name: &str) {
    let known = [
        ".ie", ".el", ".TH", ".SH", ".SS", ".TP", ".IP", ".PP", ".RS", ".RE", ".br",
    ];
    for line in page.lines().filter(|l| l.starts_with('.')) {
        let request = line.split_whitespace().next().unwrap_or(line);
        assert!(known.contains(&request), "{name}: unknown request {line:?}");
    }
    let count = |request: &str| {
        page.lines()
            .filter(|l| l.split_whitespace().next() == Some(request))
            .count()
    };
    assert_eq!(count(".RS"), count(".RE"), "{name}: .RS and .RE pair up");
    let title: Vec<&str> = page.lines().filter(|l| l.starts_with(".TH ")).collect();
    assert_eq!(title.len(), 1, "{name}: one .TH");
    assert!(
        title[0].starts_with(&format!(".TH {name} 1 ")),
        "{name}: {}",
        title[0]
    );
    let after_name = page
        .lines()
        .skip_while(|l| *l != ".SH NAME")
        .nth(1)
        .unwrap_or_default();
    assert!(
        after_name.starts_with(&format!("{} \\- ", name.replace('-', "\\-"))),
        "{name}: {after_name}"
    );
}

#[test]
fn man_dir_writes_a_page_for_every_subcommand_and_can_run_again() {
    let dir = tempfile::tempdir().unwrap();
    let man1 = dir.path().join("share/man/man1");
    let mut names = Vec::new();
    man_page_names(&["policycheck"], &mut names);
    assert!(
        names.contains(&"policycheck-rules-list".to_string()),
        "{names:?}"
    );
    let expected: String = names
        .iter()
        .map(|n| format!("{}\n", man1.join(format!("{n}.1")).display()))
        .collect();

    let listed = stdout(
        policycheck_no_config().arg("man").arg("--dir").arg(&man1),
        0,
    );
    assert_eq!(listed, expected);
    let pages: Vec<String> = names
        .iter()
        .map(|n| std::fs::read_to_string(man1.join(format!("{n}.1"))).unwrap())
        .collect();
    for (name, page) in names.iter().zip(&pages) {
        assert_is_man_page_of(page, name);
    }
    // The main page is the one `policycheck man` prints, but for the `help` subcommand, which
    // has no page of its own.
    let printed = stdout(policycheck_no_config().arg("man"), 0);
    assert!(printed.contains("policycheck\\-help(1)"));
    assert!(!pages[0].contains("policycheck\\-help(1)"));
    assert!(pages[0].contains("policycheck\\-rules(1)"));

    // Again over the same folder: the same pages, and nothing else left behind.
    let again = stdout(
        policycheck_no_config().arg("man").arg("--dir").arg(&man1),
        0,
    );
    assert_eq!(again, expected);
    for (name, page) in names.iter().zip(&pages) {
        assert_eq!(
            &std::fs::read_to_string(man1.join(format!("{name}.1"))).unwrap(),
            page
        );
    }
    assert_eq!(std::fs::read_dir(&man1).unwrap().count(), names.len());
}

#[test]
fn man_dir_that_cannot_be_a_folder_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("pages");
    std::fs::write(&file, "not a folder").unwrap();
    for target in [file.clone(), file.join("man1")] {
        let run = policycheck_no_config()
            .arg("man")
            .arg("--dir")
            .arg(&target)
            .assert()
            .code(2);
        assert_eq!(stdout_of(&run), "");
        let stderr = stderr_of(&run);
        assert!(
            stderr.starts_with("error: ") && stderr.contains(&target.display().to_string()),
            "{stderr}"
        );
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "not a folder");
}
