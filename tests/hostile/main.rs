//! Hostile inputs (issue 6): every case runs the real binary in a fresh temporary folder with
//! `--no-config`, asserts the exit code and snapshots the message the user sees (the folder's
//! path replaced by `<TMP>`). Output cases also prove that a file already in place is untouched.
//! Small inputs live beside this file in tests/hostile/; binary or very large inputs are
//! generated here; the snapshots are in tests/hostile/snapshots/.

#[path = "../common/mod.rs"]
mod common;

mod bounded;
mod guard;
/// Names and text that try to inject workflow commands and escapes (issue 16, part 5).
mod injection;
/// Markdown drafts that try to hide text or wear out the reader (issue 13, part 3).
mod markdown;
/// Word numbering within reason and numbers as drafts write them (issue 16, parts 3 and 9).
mod numbering;
mod pdf;
/// Runs stopped by a signal (issue 16, part 1).
#[cfg(unix)]
mod signals;
/// Templates that cannot take the process down (issue 16, part 2).
mod templates;

use common::{crate_path, policycheck_in};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const GOOD_DRAFT: &str = "tests/fixtures/unsc/S_RES_0724_1991_EN_GOLD.txt";

fn case_file(name: &str) -> PathBuf {
    crate_path("tests/hostile").join(name)
}

fn good_draft() -> Vec<u8> {
    fs::read(crate_path(GOOD_DRAFT)).expect("fixture present")
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `policycheck --no-config ARGS` in `dir`, failing the test after 60 seconds.
fn run(dir: &Path, args: &[&str]) -> Run {
    let output = policycheck_in(dir)
        .arg("--no-config")
        .args(args)
        .timeout(Duration::from_secs(60))
        .output()
        .expect("runs");
    let code = output
        .status
        .code()
        .expect("finished, not killed by the timeout");
    Run {
        code,
        stdout: normalise(dir, &String::from_utf8_lossy(&output.stdout)),
        stderr: normalise(dir, &String::from_utf8_lossy(&output.stderr)),
    }
}

/// Replaces the temporary folder by `<TMP>` and random temporary file names by `.tmp<RANDOM>`.
fn normalise(dir: &Path, text: &str) -> String {
    let mut text = text.to_string();
    if let Ok(canonical) = dir.canonicalize() {
        text = text.replace(&canonical.display().to_string(), "<TMP>");
    }
    text = text.replace(&dir.display().to_string(), "<TMP>");
    let mut out = String::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find("/.tmp") {
        out.push_str(&rest[..at]);
        out.push_str("/.tmp<RANDOM>");
        let tail = &rest[at + 5..];
        let end = tail
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(tail.len());
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temporary folder")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    fs::write(dir.join(name), bytes).expect("write input");
}

fn copy_case(dir: &Path, name: &str) {
    fs::copy(case_file(name), dir.join(name)).expect("copy case");
}

/// A refused draft: exit 2 and the message snapshot.
fn refused_draft(snapshot: &str, name: &str, bytes: &[u8]) {
    let dir = tmp();
    write(dir.path(), name, bytes);
    let r = run(dir.path(), &["check", name]);
    assert_eq!(r.code, 2, "stdout: {}\nstderr: {}", r.stdout, r.stderr);
    insta::assert_snapshot!(snapshot, r.stderr);
}

/// A draft that must work: exit 0, no message, and the first line of the report.
fn working_draft(snapshot: &str, name: &str, bytes: &[u8]) -> String {
    let dir = tmp();
    write(dir.path(), name, bytes);
    let r = run(dir.path(), &["check", name]);
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    let first = r.stdout.lines().next().unwrap_or_default().to_string();
    insta::assert_snapshot!(snapshot, format!("{}{}", r.stderr, first));
    let json = run(dir.path(), &["check", name, "--format", "json"]);
    assert_eq!(json.code, 0, "stderr: {}", json.stderr);
    json.stdout.replace(name, "DRAFT")
}

fn json_of_good_draft() -> String {
    let dir = tmp();
    write(dir.path(), "draft.txt", &good_draft());
    let r = run(dir.path(), &["check", "draft.txt", "--format", "json"]);
    assert_eq!(r.code, 0);
    r.stdout.replace("draft.txt", "DRAFT")
}

/// A refused rulebook given with --rules: exit 2, quickly, and the message snapshot.
fn refused_rulebook(snapshot: &str, name: &str, bytes: &[u8]) {
    let dir = tmp();
    write(dir.path(), name, bytes);
    write(dir.path(), "draft.txt", &good_draft());
    let start = Instant::now();
    let r = run(dir.path(), &["check", "draft.txt", "--rules", name]);
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "took {:?}",
        start.elapsed()
    );
    assert_eq!(r.code, 2, "stdout: {}\nstderr: {}", r.stdout, r.stderr);
    insta::assert_snapshot!(snapshot, r.stderr);
}

fn docx_without_document_xml() -> Vec<u8> {
    let mut buffer = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buffer);
        zip.start_file("hello.txt", zip::write::SimpleFileOptions::default())
            .expect("zip entry");
        zip.write_all(b"not a Word document").expect("zip write");
        zip.finish().expect("zip finish");
    }
    buffer.into_inner()
}

// ---------------------------------------------------------------- drafts

#[test]
fn empty_file() {
    refused_draft(
        "empty_file",
        "empty.txt",
        &fs::read(case_file("empty.txt")).unwrap(),
    );
}

#[test]
fn whitespace_only_file() {
    refused_draft(
        "whitespace_only_file",
        "whitespace.txt",
        &fs::read(case_file("whitespace.txt")).unwrap(),
    );
}

#[test]
fn binary_file_with_nul_bytes() {
    refused_draft(
        "binary_file_with_nul_bytes",
        "binary.txt",
        b"abc\0def\0\x01\x02",
    );
}

#[test]
fn png_header_renamed_txt() {
    refused_draft(
        "png_header_renamed_txt",
        "picture.txt",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01",
    );
}

#[test]
fn invalid_utf8_latin1() {
    refused_draft(
        "invalid_utf8_latin1",
        "latin1.txt",
        &fs::read(case_file("latin1.txt")).unwrap(),
    );
}

#[test]
fn utf16_text_from_notepad() {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "The Security Council,\r\n1. Decides;\r\n".encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    refused_draft("utf16_text_from_notepad", "unicode.txt", &bytes);
}

#[test]
fn utf8_bom_works_like_without() {
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend(good_draft());
    let json = working_draft("utf8_bom_works", "bom.txt", &bytes);
    assert_eq!(json, json_of_good_draft(), "a BOM changes the verdicts");
}

#[test]
fn crlf_line_endings_same_verdicts() {
    let text = String::from_utf8(good_draft())
        .unwrap()
        .replace('\n', "\r\n");
    let json = working_draft("crlf_line_endings", "crlf.txt", text.as_bytes());
    assert_eq!(json, json_of_good_draft(), "CRLF changes the verdicts");
}

#[test]
fn cr_only_line_endings_work() {
    let text = String::from_utf8(good_draft()).unwrap().replace('\n', "\r");
    let json = working_draft("cr_only_line_endings", "cr.txt", text.as_bytes());
    assert_eq!(
        json,
        json_of_good_draft(),
        "CR line endings change the verdicts"
    );
}

#[test]
fn tabs_instead_of_spaces_work() {
    let text: String = String::from_utf8(good_draft())
        .unwrap()
        .lines()
        .map(|line| format!("\t{}\n", line.trim_start()))
        .collect();
    let json = working_draft("tabs_instead_of_spaces", "tabs.txt", text.as_bytes());
    assert_eq!(json, json_of_good_draft(), "tabs change the verdicts");
}

#[test]
fn ten_megabytes_on_one_line_finishes() {
    let dir = tmp();
    let mut text = String::from("Decides that the Mission shall monitor the borders; ");
    text.push_str(&"a".repeat(10_000_000));
    text.push('\n');
    write(dir.path(), "one-line.txt", text.as_bytes());
    let start = Instant::now();
    let r = run(dir.path(), &["check", "one-line.txt"]);
    assert!(
        start.elapsed() < Duration::from_secs(30),
        "took {:?}",
        start.elapsed()
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let first = r.stdout.lines().next().unwrap_or_default();
    insta::assert_snapshot!("ten_megabytes_on_one_line", format!("{}{first}", r.stderr));
}

#[test]
fn above_max_document_size() {
    refused_argument("above_max_document_size", &["--max-document-size", "1kB"]);
}

#[test]
fn directory_given_to_report() {
    let dir = tmp();
    fs::create_dir(dir.path().join("drafts")).unwrap();
    let r = run(dir.path(), &["report", "drafts"]);
    assert_eq!(r.code, 2);
    insta::assert_snapshot!("directory_given_to_report", r.stderr);
}

#[test]
fn missing_path() {
    let dir = tmp();
    let r = run(dir.path(), &["check", "no-such-draft.txt"]);
    assert_eq!(r.code, 2);
    insta::assert_snapshot!("missing_path", r.stderr);
}

#[test]
fn path_with_spaces_and_unicode_works() {
    let dir = tmp();
    fs::create_dir(dir.path().join("my drafts")).unwrap();
    let name = "my drafts/Résolution é 東京 2015.txt";
    write(dir.path(), name, &good_draft());
    let r = run(dir.path(), &["check", name]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let first = r.stdout.lines().next().unwrap_or_default().to_string();
    insta::assert_snapshot!(
        "path_with_spaces_and_unicode",
        format!("{}{}", r.stderr, first)
    );
}

#[test]
fn mandate_unknown_key() {
    refused_draft(
        "mandate_unknown_key",
        "mandate.yaml",
        &fs::read(case_file("mandate_unknown_key.yaml")).unwrap(),
    );
}

#[test]
fn mandate_yaml_syntax_error() {
    refused_draft(
        "mandate_yaml_syntax_error",
        "mandate.yaml",
        &fs::read(case_file("mandate_syntax_error.yaml")).unwrap(),
    );
}

#[test]
fn mandate_alias_bomb_refused_quickly() {
    let start = Instant::now();
    refused_draft(
        "mandate_alias_bomb",
        "mandate.yaml",
        &fs::read(case_file("mandate_alias_bomb.yaml")).unwrap(),
    );
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "took {:?}",
        start.elapsed()
    );
}

#[test]
fn mandate_nested_ten_thousand_levels() {
    let text = format!("{}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    refused_draft(
        "mandate_nested_ten_thousand_levels",
        "mandate.yaml",
        text.as_bytes(),
    );
}

#[test]
fn docx_not_a_zip() {
    refused_draft(
        "docx_not_a_zip",
        "draft.docx",
        &fs::read(case_file("not_a_zip.docx")).unwrap(),
    );
}

#[test]
fn docx_zip_without_document_xml() {
    refused_draft(
        "docx_zip_without_document_xml",
        "draft.docx",
        &docx_without_document_xml(),
    );
}

// ---------------------------------------------------------------- rulebooks

#[test]
fn rulebook_alias_bomb_refused_quickly() {
    refused_rulebook(
        "rulebook_alias_bomb",
        "rules.yaml",
        &fs::read(case_file("rulebook_alias_bomb.yaml")).unwrap(),
    );
}

#[test]
fn rulebook_nested_ten_thousand_levels() {
    let text = format!("{}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    refused_rulebook(
        "rulebook_nested_ten_thousand_levels",
        "rules.yaml",
        text.as_bytes(),
    );
}

#[test]
fn rulebook_with_100_kb_phrase() {
    let base = fs::read_to_string(case_file("rulebook.yaml")).unwrap();
    let text = base.replace(
        "frontiers?]",
        &format!("frontiers?, {}]", "x".repeat(100_000)),
    );
    assert_ne!(text, base);
    refused_rulebook("rulebook_with_100_kb_phrase", "rules.yaml", text.as_bytes());
}

#[test]
fn rulebook_with_1001_rules() {
    let base = fs::read_to_string(case_file("rulebook.yaml")).unwrap();
    let (head, rule) = base.split_once("rules:\n").unwrap();
    let mut text = format!("{head}rules:\n");
    for n in 0..1001 {
        text.push_str(&rule.replace("id: border-task", &format!("id: border-task-{n}")));
    }
    refused_rulebook("rulebook_with_1001_rules", "rules.yaml", text.as_bytes());
}

#[test]
fn rulebook_enormous_regex_repetition() {
    refused_rulebook(
        "rulebook_enormous_regex_repetition",
        "rules.yaml",
        &fs::read(case_file("rulebook_regex_repetition.yaml")).unwrap(),
    );
}

#[test]
fn rulebook_in_windows_1252() {
    let base = fs::read_to_string(case_file("rulebook.yaml")).unwrap();
    let (before, after) = base.split_once("A. Analyst").unwrap();
    let mut bytes = format!("{before}A. Analyst").into_bytes();
    bytes.push(0xE9); // "Analysté" in Windows-1252
    bytes.extend_from_slice(after.as_bytes());
    refused_rulebook("rulebook_in_windows_1252", "rules.yaml", &bytes);
}

#[test]
fn rulebook_empty() {
    refused_rulebook(
        "rulebook_empty",
        "rules.yaml",
        &fs::read(case_file("rulebook_empty.yaml")).unwrap(),
    );
}

#[test]
fn rulebook_json_array() {
    refused_rulebook(
        "rulebook_json_array",
        "rules.json",
        &fs::read(case_file("rulebook_array.json")).unwrap(),
    );
}

#[test]
fn small_rulebook_is_valid() {
    let dir = tmp();
    copy_case(dir.path(), "rulebook.yaml");
    let r = run(dir.path(), &["rules", "check", "rulebook.yaml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

// ---------------------------------------------------------------- outputs

#[test]
fn html_escapes_script_and_javascript_links() {
    let dir = tmp();
    copy_case(dir.path(), "script_injection.md");
    let r = run(
        dir.path(),
        &[
            "check",
            "script_injection.md",
            "--format",
            "html",
            "--output",
            "out.html",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let html = fs::read_to_string(dir.path().join("out.html"))
        .unwrap()
        .to_lowercase();
    assert!(
        !html.contains("<script"),
        "a <script> element reached the report"
    );
    for attr in [
        "href=\"javascript:",
        "href='javascript:",
        "href=javascript:",
        "src=\"javascript:",
    ] {
        assert!(!html.contains(attr), "`{attr}` reached the report");
    }
    insta::assert_snapshot!("html_escapes_script_and_javascript_links", r.stderr);
}

#[test]
fn output_is_one_of_the_inputs() {
    let dir = tmp();
    let before = good_draft();
    write(dir.path(), "draft.txt", &before);
    let r = run(dir.path(), &["check", "draft.txt", "--output", "draft.txt"]);
    assert_eq!(r.code, 2);
    assert_eq!(fs::read(dir.path().join("draft.txt")).unwrap(), before);
    insta::assert_snapshot!("output_is_one_of_the_inputs", r.stderr);
}

/// `ARGS` (with two good drafts a.txt and b.txt in the folder) name one of the drafts as the
/// output: refused, exit 2, and neither draft changed.
fn refused_output_over_input(snapshot: &str, args: &[&str]) {
    let dir = tmp();
    let before = good_draft();
    write(dir.path(), "a.txt", &before);
    write(dir.path(), "b.txt", &before);
    let r = run(dir.path(), args);
    assert_eq!(r.code, 2, "{}", r.stderr);
    for name in ["a.txt", "b.txt"] {
        assert_eq!(fs::read(dir.path().join(name)).unwrap(), before, "{name}");
    }
    insta::assert_snapshot!(snapshot, r.stderr);
}

#[test]
fn report_output_is_its_draft() {
    refused_output_over_input(
        "report_output_is_its_draft",
        &["report", "a.txt", "--output", "a.txt"],
    );
}

#[test]
fn diff_output_is_the_new_draft() {
    refused_output_over_input(
        "diff_output_is_the_new_draft",
        &["diff", "a.txt", "b.txt", "--output", "./b.txt"],
    );
}

#[test]
fn trend_output_is_a_version() {
    refused_output_over_input(
        "trend_output_is_a_version",
        &["trend", "a.txt", "b.txt", "--output", "a.txt"],
    );
}

#[test]
fn output_is_the_rulebook() {
    let dir = tmp();
    let rules = fs::read(case_file("rulebook.yaml")).unwrap();
    write(dir.path(), "rules.yaml", &rules);
    write(dir.path(), "draft.txt", &good_draft());
    let r = run(
        dir.path(),
        &[
            "check",
            "draft.txt",
            "--rules",
            "rules.yaml",
            "--output",
            "rules.yaml",
        ],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(fs::read(dir.path().join("rules.yaml")).unwrap(), rules);
    insta::assert_snapshot!("output_is_the_rulebook", r.stderr);
}

#[test]
fn output_in_missing_folder() {
    let dir = refused_argument(
        "output_in_missing_folder",
        &["--format", "json", "--output", "no-such-folder/out.json"],
    );
    assert!(!dir.path().join("no-such-folder").exists());
}

/// `check DRAFTS... --format json --output report.json EXTRA...` in `dir`.
fn json_report(dir: &Path, drafts: &[&str], extra: &[&str]) -> Run {
    let mut args = vec!["check"];
    args.extend_from_slice(drafts);
    args.extend_from_slice(&["--format", "json", "--output", "report.json"]);
    args.extend_from_slice(extra);
    run(dir, &args)
}

/// Writes a good JSON report to `report.json` and returns its bytes.
fn good_report(dir: &Path) -> Vec<u8> {
    write(dir, "draft.txt", &good_draft());
    let r = json_report(dir, &["draft.txt"], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    fs::read(dir.join("report.json")).unwrap()
}

#[test]
fn output_kept_when_rulebook_is_malformed() {
    let dir = tmp();
    let before = good_report(dir.path());
    write(
        dir.path(),
        "rules.json",
        &fs::read(case_file("rulebook_array.json")).unwrap(),
    );
    let r = json_report(dir.path(), &["draft.txt"], &["--rules", "rules.json"]);
    assert_eq!(r.code, 2);
    assert_eq!(fs::read(dir.path().join("report.json")).unwrap(), before);
    insta::assert_snapshot!("output_kept_when_rulebook_is_malformed", r.stderr);
}

#[test]
fn output_kept_when_a_template_fails_while_rendering() {
    let dir = tmp();
    write(dir.path(), "draft.txt", &good_draft());
    write(dir.path(), "memo.md", b"a good memo from an earlier run\n");
    fs::create_dir(dir.path().join("tpl")).unwrap();
    write(
        dir.path(),
        "tpl/memo.md.hbs",
        b"# {{documents.0.heading}}\n\nScore: {{documents.0.scroe}}\n",
    );
    let r = run(
        dir.path(),
        &[
            "check",
            "draft.txt",
            "--format",
            "markdown",
            "--output",
            "memo.md",
            "--templates",
            "tpl",
        ],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(
        fs::read(dir.path().join("memo.md")).unwrap(),
        b"a good memo from an earlier run\n"
    );
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with(".tmp"))
        .collect();
    assert!(names.is_empty(), "temporary files left: {names:?}");
    insta::assert_snapshot!(
        "output_kept_when_a_template_fails_while_rendering",
        r.stderr
    );
}

#[test]
fn template_with_an_unclosed_block() {
    let dir = tmp();
    write(dir.path(), "draft.txt", &good_draft());
    fs::create_dir(dir.path().join("tpl")).unwrap();
    write(
        dir.path(),
        "tpl/memo.md.hbs",
        b"# Memo\n{{#each documents}}\n## {{heading}}\n",
    );
    let r = run(dir.path(), &["report", "draft.txt", "--templates", "tpl"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(r.stdout, "");
    insta::assert_snapshot!("template_with_an_unclosed_block", r.stderr);
}

#[test]
fn output_complete_when_one_of_two_drafts_is_missing() {
    let dir = tmp();
    good_report(dir.path());
    let r = json_report(dir.path(), &["draft.txt", "missing.txt"], &[]);
    assert_eq!(r.code, 2);
    let text = fs::read_to_string(dir.path().join("report.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).expect("a complete JSON document");
    let documents = json["documents"].as_array().expect("documents");
    assert_eq!(documents.len(), 1);
    assert_eq!(documents[0]["path"], "draft.txt");
    assert_eq!(json["errors"][0]["path"], "missing.txt");
    insta::assert_snapshot!(
        "output_complete_when_one_of_two_drafts_is_missing",
        r.stderr
    );
}

#[test]
fn read_only_output_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tmp();
    let before = good_report(dir.path());
    let report = dir.path().join("report.json");
    fs::set_permissions(&report, fs::Permissions::from_mode(0o444)).unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
    let root = fs::OpenOptions::new().append(true).open(&report).is_ok();
    let r = json_report(dir.path(), &["draft.txt"], &[]);
    if root {
        // Permissions do not bite for root (as in many CI containers): the report is then
        // replaced, and whole — byte for byte the report of the same draft.
        assert_eq!(r.code, 0, "{}", r.stderr);
    } else {
        assert_eq!(r.code, 2);
        // Not a snapshot: the suite usually runs as root, where this branch is not taken, and a
        // snapshot first written on a user's machine would fail there. Checked as the user
        // `nobody`: "error: cannot write report.json: permission denied".
        assert_eq!(
            r.stderr.trim_end(),
            "error: cannot write report.json: permission denied"
        );
    }
    assert_eq!(fs::read(&report).unwrap(), before);
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
}

// ---------------------------------------------------------------- arguments

/// `check draft.txt ARGS...` on a good draft, refused: exit 2 and the message snapshot. The
/// folder is returned for checks of what was (not) written.
fn refused_argument(snapshot: &str, args: &[&str]) -> tempfile::TempDir {
    let dir = tmp();
    write(dir.path(), "draft.txt", &good_draft());
    let mut all = vec!["check", "draft.txt"];
    all.extend_from_slice(args);
    let r = run(dir.path(), &all);
    assert_eq!(r.code, 2, "{}", r.stderr);
    insta::assert_snapshot!(snapshot, r.stderr);
    dir
}

#[test]
fn fail_under_101() {
    refused_argument("fail_under_101", &["--fail-under", "101"]);
}

#[test]
fn fail_under_not_a_number() {
    refused_argument("fail_under_not_a_number", &["--fail-under", "abc"]);
}

#[test]
fn unknown_format() {
    refused_argument("unknown_format", &["--format", "pdf"]);
}

#[test]
fn max_document_size_bad_unit() {
    refused_argument(
        "max_document_size_bad_unit",
        &["--max-document-size", "12zz"],
    );
}

// ---------------------------------------------------------------- folders (issue 13)

/// `check drafts` (with `extra` arguments) in `dir`.
fn check_folder(dir: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["check", "drafts"];
    args.extend_from_slice(extra);
    run(dir, &args)
}

fn drafts_folder() -> tempfile::TempDir {
    let dir = tmp();
    fs::create_dir(dir.path().join("drafts")).expect("create folder");
    write(dir.path(), "drafts/draft.txt", &good_draft());
    dir
}

#[test]
fn empty_folder() {
    let dir = tmp();
    fs::create_dir(dir.path().join("drafts")).expect("create folder");
    let r = check_folder(dir.path(), &["--fail-under", "50"]);
    assert_eq!(r.code, 2, "stdout: {}", r.stdout);
    assert_eq!(r.stdout, "");
    insta::assert_snapshot!("empty_folder", r.stderr);
}

#[test]
fn folder_without_drafts() {
    let dir = tmp();
    fs::create_dir_all(dir.path().join("drafts/.old")).expect("create folder");
    write(
        dir.path(),
        "drafts/README.md",
        b"# Drafts\n\nDecides to act.\n",
    );
    write(dir.path(), "drafts/CHANGELOG.md", b"- Decides to act.\n");
    write(dir.path(), "drafts/policycheck.yaml", b"rulebooks: []\n");
    write(
        dir.path(),
        "drafts/minutes.rtf",
        b"{\\rtf1 Decides to act.}",
    );
    write(dir.path(), "drafts/.old/draft.txt", &good_draft());
    let r = check_folder(dir.path(), &[]);
    assert_eq!(r.code, 2, "stdout: {}", r.stdout);
    insta::assert_snapshot!("folder_without_drafts", r.stderr);
}

#[test]
fn symlink_loop_in_a_folder() {
    let dir = drafts_folder();
    std::os::unix::fs::symlink("..", dir.path().join("drafts/up")).expect("symlink");
    // Not followed by default: the draft once, no problem.
    let r = check_folder(dir.path(), &["--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout.matches("\"path\": \"drafts/draft.txt\"").count(),
        1
    );
    // Followed on request: the loop is named and not followed, and the run does not hang.
    let start = Instant::now();
    let r = check_folder(dir.path(), &["--follow-symlinks", "--format", "json"]);
    assert!(start.elapsed() < Duration::from_secs(10));
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stdout.matches("\"path\": \"drafts/draft.txt\"").count(),
        1
    );
    insta::assert_snapshot!("symlink_loop_in_a_folder", r.stderr);
}

#[test]
fn broken_symlink_in_a_folder() {
    let dir = drafts_folder();
    std::os::unix::fs::symlink("gone.txt", dir.path().join("drafts/moved.txt")).expect("symlink");
    let r = check_folder(dir.path(), &[]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    // The other draft is still checked.
    assert!(r.stdout.starts_with("drafts/draft.txt  "), "{}", r.stdout);
    insta::assert_snapshot!("broken_symlink_in_a_folder", r.stderr);
}

#[test]
fn unreadable_entries_in_a_folder() {
    use std::os::unix::fs::PermissionsExt;
    let dir = drafts_folder();
    write(dir.path(), "drafts/locked.txt", &good_draft());
    fs::create_dir(dir.path().join("drafts/sealed")).expect("create folder");
    write(dir.path(), "drafts/sealed/inner.txt", &good_draft());
    fs::set_permissions(
        dir.path().join("drafts/locked.txt"),
        fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    fs::set_permissions(
        dir.path().join("drafts/sealed"),
        fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    let root = fs::File::open(dir.path().join("drafts/locked.txt")).is_ok();
    let r = check_folder(dir.path(), &[]);
    if root {
        // Permissions do not bite for root (as in many CI containers): all three are read.
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_eq!(r.stdout.matches("/100  ").count(), 3, "{}", r.stdout);
    } else {
        // Not a snapshot, for the reason of `read_only_output_file`. Checked as `nobody`.
        assert_eq!(r.code, 2);
        assert_eq!(
            r.stderr,
            "error: cannot read drafts/sealed: permission denied\n\
             error: cannot read drafts/locked.txt: permission denied\n"
        );
        assert!(r.stdout.starts_with("drafts/draft.txt  "), "{}", r.stdout);
    }
    for p in ["drafts/locked.txt", "drafts/sealed"] {
        fs::set_permissions(dir.path().join(p), fs::Permissions::from_mode(0o755)).unwrap();
    }
}

#[test]
fn fifo_in_a_folder() {
    let dir = drafts_folder();
    let made = std::process::Command::new("mkfifo")
        .arg(dir.path().join("drafts/pipe.txt"))
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    // Nothing ever writes to the FIFO: opening it would hang the run until the timeout.
    let start = Instant::now();
    let r = check_folder(dir.path(), &[]);
    assert!(start.elapsed() < Duration::from_secs(10));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let first = r.stdout.lines().next().unwrap_or_default().to_string();
    insta::assert_snapshot!("fifo_in_a_folder", format!("{}{}", r.stderr, first));
}

#[test]
fn a_file_name_that_is_not_utf8_is_read_and_shown_with_a_replacement_character() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tmp();
    fs::create_dir(dir.path().join("drafts")).expect("create folder");
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
    fs::write(dir.path().join("drafts").join(name), good_draft()).expect("write");
    let r = check_folder(dir.path(), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with("drafts/caf\u{FFFD}.txt  50.0/100"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_link_to_a_file_outside_the_folder_is_not_read_unless_links_are_followed() {
    let dir = drafts_folder();
    // A file elsewhere on the machine, with a draft's name and a secret in it.
    let mut secret = good_draft();
    secret.extend_from_slice(b"\n12. Decides that the secret word is swordfish;\n");
    fs::create_dir(dir.path().join("elsewhere")).expect("folder");
    write(dir.path(), "elsewhere/secret.txt", &secret);
    std::os::unix::fs::symlink(
        "../elsewhere/secret.txt",
        dir.path().join("drafts/linked.txt"),
    )
    .expect("link");
    // A link to a file inside the folder is the file, checked once.
    std::os::unix::fs::symlink("draft.txt", dir.path().join("drafts/again.txt")).expect("link");
    let r = check_folder(dir.path(), &["--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stderr,
        "warning: drafts/linked.txt is a symbolic link to a file outside drafts: skipped (name \
         the file itself, or give --follow-symlinks, to check it)\n"
    );
    assert!(!r.stdout.contains("swordfish"), "{}", r.stdout);
    let paths = |stdout: &str| -> Vec<String> {
        let json: serde_json::Value = serde_json::from_str(stdout).expect("json");
        json["documents"]
            .as_array()
            .expect("documents")
            .iter()
            .map(|d| d["path"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(paths(&r.stdout), ["drafts/again.txt"]);
    // The JSON report carries the warning too.
    assert!(r
        .stdout
        .contains("is a symbolic link to a file outside drafts"));
    let r = check_folder(dir.path(), &["--format", "json", "--follow-symlinks"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(paths(&r.stdout), ["drafts/again.txt", "drafts/linked.txt"]);
}

#[test]
fn links_to_devices_in_a_folder_are_skipped_with_a_note() {
    let dir = drafts_folder();
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("drafts/zero.md")).expect("link");
    std::os::unix::fs::symlink("/dev/null", dir.path().join("drafts/null.txt")).expect("link");
    // Not a draft's name: skipped without a word, as any other file would be.
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("drafts/zero.bin")).expect("link");
    let start = Instant::now();
    let r = check_folder(dir.path(), &[]);
    assert!(start.elapsed() < Duration::from_secs(10));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stderr,
        "warning: drafts/null.txt is a symbolic link to a device, not a file: skipped without \
         opening it\n\
         warning: drafts/zero.md is a symbolic link to a device, not a file: skipped without \
         opening it\n"
    );
    assert!(r.stdout.starts_with("drafts/draft.txt  "), "{}", r.stdout);
}
