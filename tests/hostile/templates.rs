//! Templates that cannot take the process down (issue 16, parts 2 and 10): partials that
//! include themselves, nesting thousands deep, `pad` asked for a terabyte and blocks repeated
//! inside blocks end in exit 2 within seconds, with a message naming the template's file and
//! line, and the report already in place is kept. Before the fix each of them aborted the
//! process (a stack overflow, exit 134), panicked (exit 101) or wrote gigabytes.

use super::{run, tmp, write, Run, GOOD_DRAFT};
use crate::common::{crate_path, policycheck_in};
use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

/// The report already in place, which a refused render must leave as it is.
const EARLIER: &str = "the earlier report\n";

/// A folder with the good draft and an earlier report `out.md`.
fn folder() -> tempfile::TempDir {
    let dir = tmp();
    fs::copy(crate_path(GOOD_DRAFT), dir.path().join("draft.txt")).expect("copy draft");
    write(dir.path(), "out.md", EARLIER.as_bytes());
    dir
}

/// Runs `args` in `dir` and checks what every case here must: exit 2 within 10 seconds, and
/// `out.md` unchanged.
fn refused(dir: &Path, args: &[&str]) -> Run {
    let start = Instant::now();
    let r = run(dir, args);
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "took {:?}",
        start.elapsed()
    );
    assert_eq!(r.code, 2, "stdout: {}\nstderr: {}", r.stdout, r.stderr);
    assert_eq!(
        fs::read_to_string(dir.join("out.md")).expect("out.md"),
        EARLIER,
        "the earlier report changed"
    );
    r
}

/// `report draft.txt --template NAME --output out.md` with `text` in NAME: refused, and the
/// message snapshot.
fn refused_template(snapshot: &str, name: &str, text: &str) {
    let dir = folder();
    write(dir.path(), name, text.as_bytes());
    let r = refused(
        dir.path(),
        &[
            "report",
            "draft.txt",
            "--template",
            name,
            "--output",
            "out.md",
        ],
    );
    insta::assert_snapshot!(snapshot, r.stderr);
}

/// A folder of templates in which `a` and `b` include each other and the memo includes `a`.
fn mutual_partials(dir: &Path, folder: &str) {
    fs::create_dir(dir.join(folder)).expect("templates folder");
    write(dir, &format!("{folder}/a.md.hbs"), b"A\n{{> b}}\n");
    write(dir, &format!("{folder}/b.md.hbs"), b"B\n{{> a}}\n");
    write(
        dir,
        &format!("{folder}/memo.md.hbs"),
        b"# Memo\n\n{{> a}}\n",
    );
}

#[test]
fn two_partials_that_include_each_other() {
    let dir = folder();
    mutual_partials(dir.path(), "templates");
    let r = refused(
        dir.path(),
        &[
            "check",
            "draft.txt",
            "--templates",
            "templates",
            "--format",
            "markdown",
            "--output",
            "out.md",
        ],
    );
    insta::assert_snapshot!("two_partials_that_include_each_other", r.stderr);
}

#[test]
fn two_partials_that_include_each_other_from_the_repositorys_templates_setting() {
    // A plain `check` in a repository whose policycheck.yaml names the folder: refused although
    // the summary it prints does not use the partials.
    let dir = folder();
    fs::create_dir(dir.path().join(".git")).expect("repository");
    mutual_partials(dir.path(), "templates");
    write(dir.path(), "policycheck.yaml", b"templates: templates/\n");
    let start = Instant::now();
    let out = policycheck_in(dir.path())
        .args(["check", "draft.txt", "--output", "out.md"])
        .timeout(Duration::from_secs(60))
        .output()
        .expect("runs");
    assert!(start.elapsed() < Duration::from_secs(10));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        fs::read_to_string(dir.path().join("out.md")).expect("out.md"),
        EARLIER
    );
    insta::assert_snapshot!(
        "partials_from_the_templates_setting",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn an_inline_partial_that_calls_itself() {
    refused_template(
        "an_inline_partial_that_calls_itself",
        "brief.md.hbs",
        "# Brief\n{{#*inline \"rule\"}}{{title}}\n{{> rule}}{{/inline}}\n{{> rule}}\n",
    );
}

#[test]
fn five_thousand_nested_blocks() {
    let text = format!(
        "# Brief\n{}{{{{title}}}}{}\n",
        "{{#each @root.documents}}".repeat(5_000),
        "{{/each}}".repeat(5_000)
    );
    refused_template("five_thousand_nested_blocks", "brief.md.hbs", &text);
}

#[test]
fn five_thousand_nested_sub_expressions() {
    // Compiling these overflowed the stack before anything was rendered.
    let text = format!(
        "{{{{pad {}\"x\"{} 1}}}}\n",
        "(pad ".repeat(5_000),
        " 1)".repeat(5_000)
    );
    refused_template(
        "five_thousand_nested_sub_expressions",
        "brief.md.hbs",
        &text,
    );
}

#[test]
fn pad_to_a_trillion() {
    refused_template(
        "pad_to_a_trillion",
        "brief.md.hbs",
        "# Brief\n\n{{pad documents.0.title 1000000000000}}\n",
    );
}

#[test]
fn pad_to_the_largest_number() {
    refused_template(
        "pad_to_the_largest_number",
        "brief.md.hbs",
        "{{pad \"x\" 18446744073709551615}}",
    );
}

#[test]
fn seven_deep_each_writing_gigabytes() {
    // 319 bytes; each rule's title and rationale for every 7-tuple of the 9 rules: 4.8 million
    // lines, over a gigabyte.
    let text = format!(
        "{}{{{{title}}}}: {{{{rationale}}}}\n{}",
        "{{#each @root.documents.0.rules}}".repeat(7),
        "{{/each}}".repeat(7)
    );
    assert!(text.len() < 400, "{}", text.len());
    refused_template("seven_deep_each_writing_gigabytes", "brief.md.hbs", &text);
}

#[test]
fn eight_deep_each_writing_nothing() {
    // Nothing written, so no output limit: 43 million empty repetitions, stopped by steps.
    let text = format!(
        "{}{}",
        "{{#each @root.documents.0.rules}}".repeat(8),
        "{{/each}}".repeat(8)
    );
    refused_template("eight_deep_each_writing_nothing", "brief.md.hbs", &text);
}

#[test]
fn partial_block_repeating_its_block_in_memory() {
    // A partial block's own block is rendered into memory before the partial: still bounded.
    let dir = folder();
    fs::create_dir(dir.path().join("templates")).expect("templates folder");
    write(
        dir.path(),
        "templates/layout.md.hbs",
        b"{{> @partial-block}}",
    );
    let body = format!(
        "{{{{#> layout}}}}{}{{{{title}}}}: {{{{rationale}}}}\n{}{{{{/layout}}}}\n",
        "{{#each @root.documents.0.rules}}".repeat(7),
        "{{/each}}".repeat(7)
    );
    write(dir.path(), "brief.md.hbs", body.as_bytes());
    let r = refused(
        dir.path(),
        &[
            "report",
            "draft.txt",
            "--templates",
            "templates",
            "--template",
            "brief.md.hbs",
            "--output",
            "out.md",
        ],
    );
    assert!(
        r.stderr.starts_with("error: template brief.md.hbs:1:")
            && r.stderr.contains("the report would be larger than 64 MB"),
        "{}",
        r.stderr
    );
}

#[test]
fn partials_and_layouts_that_end_still_render() {
    // What the limits leave alone: a layout with an inline partial, a partial used in a loop.
    let dir = folder();
    fs::create_dir(dir.path().join("templates")).expect("templates folder");
    write(
        dir.path(),
        "templates/layout.md.hbs",
        b"# {{documents.0.title}}\n{{> @partial-block}}{{> footer}}\n",
    );
    write(
        dir.path(),
        "templates/row.md.hbs",
        b"- {{pad id 24}}|{{verdict}}\n",
    );
    write(
        dir.path(),
        "brief.md.hbs",
        b"{{#> layout}}{{#*inline \"footer\"}}(end){{/inline}}{{#each documents.0.rules}}{{> row}}{{/each}}{{/layout}}",
    );
    let r = run(
        dir.path(),
        &[
            "report",
            "draft.txt",
            "--templates",
            "templates",
            "--template",
            "brief.md.hbs",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("partials_and_layouts_that_end", r.stdout);
}
