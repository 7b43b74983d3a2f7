//! Reports written a document at a time (issue 16, part 8; the summary, github and lines
//! since issue 15): when every output of `check` is a format other than the memos (the
//! summary with its embedded template), each document is written as soon as it is judged and memory stays
//! bounded by a few documents (measured in docs/performance.md: 20,000 drafts in about
//! 160 MB, where the whole SARIF report took 2.2 GB). These tests hold the streamed bytes to
//! the whole reports': a memo beside them makes the run gather every document and render each
//! report whole, and so does a `summary` template of the user's.

mod common;

use common::policycheck_no_config;
use std::path::Path;

const DRAFTS: [&str; 4] = [
    "tests/fixtures/unsc/S_RES_0856_1993_EN_GOLD.txt",
    "tests/fixtures/unsc/S_RES_0875_1993_EN_GOLD.txt",
    "tests/fixtures/unsc/S_RES_0822_1993_EN_GOLD.txt",
    "examples/minusma-2013.yaml",
];

const FORMATS: [(&str, &str); 8] = [
    ("json", "report.json"),
    ("sarif", "report.sarif"),
    ("junit", "report.xml"),
    ("jsonl", "report.jsonl"),
    ("csv", "report.csv"),
    ("text", "summary.txt"),
    ("github", "annotations.txt"),
    ("lines", "findings.txt"),
];

/// Runs `check` over the drafts and `extra` (an empty file, which cannot be read), writing every
/// machine format into `dir` (and a memo when `gather`); returns the exit code.
fn run(dir: &Path, gather: bool, extra: &Path) -> Option<i32> {
    std::fs::create_dir_all(dir).expect("dir");
    let mut cmd = policycheck_no_config();
    cmd.arg("check").args(DRAFTS).arg(extra);
    for (format, name) in FORMATS {
        cmd.args(["--format", format, "--output"])
            .arg(dir.join(name));
    }
    if gather {
        cmd.args(["--format", "markdown", "--output"])
            .arg(dir.join("memo.md"));
    }
    cmd.args(["--fail-under", "50", "--today", "2026-12-07"]);
    cmd.output().expect("runs").status.code()
}

#[test]
fn streamed_reports_are_the_gathered_reports_byte_for_byte() {
    let tmp = tempfile::tempdir().expect("tmp");
    let empty = tmp.path().join("empty.txt");
    std::fs::write(&empty, "").expect("write");
    let (streamed, gathered) = (tmp.path().join("streamed"), tmp.path().join("gathered"));
    assert_eq!(run(&streamed, false, &empty), Some(2), "the empty draft");
    assert_eq!(run(&gathered, true, &empty), Some(2));
    assert!(gathered.join("memo.md").exists());
    for (format, name) in FORMATS {
        let a = std::fs::read_to_string(streamed.join(name)).expect("streamed");
        let b = std::fs::read_to_string(gathered.join(name)).expect("gathered");
        assert_eq!(a, b, "{format}");
        assert!(a.contains("S_RES_0875_1993"), "{format} has the documents");
        if matches!(format, "json" | "jsonl" | "csv" | "text") {
            assert!(
                a.contains("empty.txt"),
                "{format} names the unreadable draft"
            );
        }
    }
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(streamed.join("report.json")).unwrap())
            .expect("the streamed JSON parses");
    assert_eq!(json["documents"].as_array().map(Vec::len), Some(4));
    assert_eq!(json["errors"].as_array().map(Vec::len), Some(1));
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(streamed.join("report.sarif")).unwrap())
            .expect("the streamed SARIF parses");
    assert_eq!(
        sarif["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .map(Vec::len),
        Some(9)
    );
}

#[test]
fn a_streamed_run_without_drafts_that_read_still_writes_whole_reports() {
    let tmp = tempfile::tempdir().expect("tmp");
    let empty = tmp.path().join("empty.txt");
    std::fs::write(&empty, "").expect("write");
    let out = tmp.path().join("out");
    std::fs::create_dir_all(&out).expect("dir");
    let mut cmd = policycheck_no_config();
    cmd.arg("check").arg(&empty);
    for (format, name) in FORMATS {
        cmd.args(["--format", format, "--output"])
            .arg(out.join(name));
    }
    assert_eq!(cmd.output().expect("runs").status.code(), Some(2));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).unwrap())
            .expect("JSON");
    assert_eq!(json["documents"], serde_json::json!([]));
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("report.sarif")).unwrap())
            .expect("SARIF");
    assert_eq!(sarif["runs"][0]["results"], serde_json::json!([]));
    let xml = std::fs::read_to_string(out.join("report.xml")).unwrap();
    assert!(xml.contains(r#"tests="0""#), "{xml}");
}

#[test]
fn a_streamed_report_to_standard_output_is_the_file_report() {
    let tmp = tempfile::tempdir().expect("tmp");
    let file = tmp.path().join("r.sarif");
    let to_file = policycheck_no_config()
        .args([
            "check", DRAFTS[0], DRAFTS[1], "--format", "sarif", "--output",
        ])
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(to_file.status.code(), Some(0));
    let to_stdout = policycheck_no_config()
        .args(["check", DRAFTS[0], DRAFTS[1], "--format", "sarif"])
        .output()
        .expect("runs");
    assert_eq!(to_stdout.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(to_stdout.stdout).unwrap(),
        std::fs::read_to_string(&file).unwrap()
    );
}

/// The summary on standard output, coloured or not, streamed with the embedded template and
/// rendered whole with the same template given as the user's.
#[test]
fn the_streamed_summary_is_the_summary_rendered_whole() {
    let tmp = tempfile::tempdir().expect("tmp");
    let templates = tmp.path().join("templates");
    std::fs::create_dir_all(&templates).expect("dir");
    std::fs::copy(
        "templates/summary.txt.hbs",
        templates.join("summary.txt.hbs"),
    )
    .expect("copy");
    let empty = tmp.path().join("empty.txt");
    std::fs::write(&empty, "").expect("write");
    for color in ["always", "never"] {
        let summary = |own: bool| {
            let mut cmd = policycheck_no_config();
            cmd.args(["--color", color, "check"])
                .args(DRAFTS)
                .arg(&empty)
                .args(["--fail-under", "50"]);
            if own {
                cmd.arg("--templates").arg(&templates);
            }
            let out = cmd.output().expect("runs");
            assert_eq!(out.status.code(), Some(2), "the empty draft");
            String::from_utf8(out.stdout).expect("UTF-8")
        };
        let (streamed, whole) = (summary(false), summary(true));
        assert_eq!(streamed, whole, "--color {color}");
        assert!(streamed.contains("S_RES_0875_1993") && streamed.contains("empty.txt"));
        assert_eq!(
            streamed.contains('\u{1b}'),
            color == "always",
            "--color {color}"
        );
    }
}

#[test]
fn quiet_writes_nothing_to_standard_output_and_keeps_the_exit_code() {
    let out = policycheck_no_config()
        .args([
            "check",
            "--quiet",
            DRAFTS[0],
            DRAFTS[3],
            "--fail-under",
            "50",
        ])
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(1),
        "the 2013 mandate falls below 50"
    );
    assert!(out.stdout.is_empty());
}
