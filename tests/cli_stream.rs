//! `check --format jsonl`: one document a line, in input order, the same for any number of
//! threads, streamed to standard output or written atomically to a file.

mod common;

use common::{policycheck_no_config, stdout_of};

fn check(args: &[&str]) -> (i32, String) {
    let out = policycheck_no_config()
        .arg("check")
        .args(args)
        .output()
        .unwrap();
    (out.status.code().unwrap_or(-1), stdout_of(&out))
}

#[test]
fn jsonl_is_one_document_a_line_in_input_order_for_any_thread_count() {
    let (code, one) = check(&["tests/fixtures/unsc", "--format", "jsonl", "--threads", "1"]);
    assert_eq!(code, 0);
    let (_, many) = check(&["tests/fixtures/unsc", "--format", "jsonl", "--threads", "4"]);
    assert_eq!(
        one, many,
        "1 thread and 4 threads give byte-identical output"
    );
    let paths: Vec<String> = one
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["path"].as_str().unwrap().to_string()
        })
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "a folder's files come in path order");
    assert!(paths.len() >= 24);
}

#[test]
fn jsonl_to_a_file_and_its_bar() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("corpus.jsonl");
    let (code, stdout) = check(&[
        "tests/fixtures/unsc/S_RES_0866_1993_EN_GOLD.txt",
        "examples/minusma-2013.yaml",
        "--format",
        "jsonl",
        "--output",
        out.to_str().unwrap(),
        "--fail-under",
        "50",
    ]);
    assert_eq!(code, 1, "the 2013 mandate falls below 50");
    assert_eq!(stdout, "");
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(text.lines().count(), 2);
    assert!(text.lines().next().unwrap().contains("S_RES_0866_1993"));
}
