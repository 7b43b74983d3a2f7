//! `read`: how a draft was read, as an outline or as a structured mandate that reads back to
//! the same provisions and so to the same verdicts.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

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
fn outline_of_the_renewal_draft() {
    let out = stdout(
        policycheck().args(["read", "examples/draft-renewal-2015.md"]),
        0,
    );
    insta::assert_snapshot!("outline_draft_renewal_2015", out);
}

#[test]
fn outline_of_a_real_resolution_with_sub_paragraphs() {
    let out = stdout(
        policycheck().args(["read", "tests/fixtures/unsc/S_RES_0866_1993_EN_GOLD.txt"]),
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
        policycheck()
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
        policycheck()
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
    let out = policycheck()
        .arg("read")
        .arg(&draft)
        .args(["--format", "yaml", "--output"])
        .arg(&draft)
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("is also the draft being read"), "{stderr}");
    assert_eq!(std::fs::read(&draft).unwrap(), before);

    let out = policycheck()
        .args(["read", "no-such-draft.txt"])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains("no-such-draft.txt: there is no such file"),
        "{stderr}"
    );
}
