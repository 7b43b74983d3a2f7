//! `rules measure` as rule authors use it: the figures and disagreements on a small labelled
//! folder (tests/fixtures/measure: two drafts, six verdicts, one disagreement on purpose), the
//! JSON object, and a clear message, exit 2, for every labels file it cannot use.

mod common;

use common::{policycheck, policycheck_in, stderr_of as stderr, stdout_of as stdout};
use std::path::Path;

const DIR: &str = "tests/fixtures/measure";
const LABELS: &str = "tests/fixtures/measure/labels.yaml";

fn measure(args: &[&str]) -> std::process::Output {
    policycheck()
        .args(["--no-config", "rules", "measure"])
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn text_gives_the_figures_the_tables_and_each_disagreement() {
    let o = measure(&[LABELS, "--drafts", DIR]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    insta::assert_snapshot!(stdout(&o));
}

#[test]
fn json_has_the_documented_keys_and_hand_counted_figures() {
    let o = measure(&[LABELS, "--drafts", DIR, "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let m: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    for key in [
        "documents",
        "verdicts",
        "exact",
        "kappa",
        "rules",
        "disagreements",
    ] {
        assert!(m.get(key).is_some(), "no `{key}` in {m}");
    }
    // Counted by hand: 6 verdicts, 5 agree; labels met 3 / partial 1 / missing 2, policycheck
    // met 2 / partial 2 / missing 2, so expected agreement 12/36 and κ = (5/6 − 1/3)/(2/3).
    assert_eq!(m["documents"], 2);
    assert_eq!(m["verdicts"], 6);
    assert_eq!(m["agreed"], 5);
    assert!((m["exact"].as_f64().unwrap() - 5.0 / 6.0).abs() < 1e-12);
    assert!((m["kappa"].as_f64().unwrap() - 0.75).abs() < 1e-12);
    // Rules in rulebook order (the parsed object sorts its keys: look at the text); one that
    // nobody found taken up has no precision.
    let text = stdout(&o);
    let rules_at = text.find("\"rules\": {").unwrap();
    let order: Vec<usize> = [
        "crime-terror-mandate",
        "resources-commitment",
        "crime-terror-nexus",
        "political-process",
    ]
    .iter()
    .map(|r| rules_at + text[rules_at..].find(&format!("\"{r}\": {{")).unwrap())
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert_eq!(m["rules"].as_object().unwrap().len(), 4);
    assert!(m["rules"]["resources-commitment"]["precision"].is_null());
    assert_eq!(m["rules"]["political-process"]["recall"], 1.0);
    let d = &m["disagreements"][0];
    assert_eq!(d["document"], "alpha");
    assert_eq!(d["rule"], "crime-terror-nexus");
    assert_eq!(d["label"]["verdict"], "met");
    assert_eq!(d["label"]["evidence"][0], "PP1");
    assert_eq!(d["policycheck"]["verdict"], "partial");
    assert_eq!(d["policycheck"]["evidence"][0], "PP1");
    assert_eq!(d["criteria"][0], "link");
    assert_eq!(m["confusion"]["met"]["partial"], 1);
}

/// Runs `rules measure ARGS --drafts .` in `dir`.
fn measure_in(dir: &Path, args: &[&str]) -> std::process::Output {
    policycheck_in(dir)
        .args(["--no-config", "rules", "measure"])
        .args(args)
        .args(["--drafts", "."])
        .output()
        .unwrap()
}

/// A fresh folder holding a copy of the two drafts.
fn folder_with_drafts() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in ["alpha.txt", "beta_v2.md"] {
        std::fs::copy(Path::new(DIR).join(f), dir.path().join(f)).unwrap();
    }
    dir
}

/// Writes `labels` into a fresh folder beside a copy of the two drafts and measures it.
fn measure_labels(labels: &str) -> std::process::Output {
    let dir = folder_with_drafts();
    std::fs::write(dir.path().join("labels.yaml"), labels).unwrap();
    measure_in(dir.path(), &["labels.yaml"])
}

#[test]
fn a_document_without_a_draft_is_named() {
    let o = measure_labels("gamma:\n  expert-group:\n    verdict: missing\n");
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(o.stdout, b"");
    assert_eq!(
        stderr(&o),
        "error: labels.yaml: document `gamma` has no draft in .\n  hint: a draft is found by its file name: `gamma.txt`, `gamma.md`… or a name beginning with `gamma_`\n"
    );
}

#[test]
fn unknown_rules_and_verdicts_and_empty_documents_are_located() {
    let o = measure_labels(
        "alpha:\n  expert-groop:\n    verdict: met\nbeta:\n  expert-group:\n    verdict: yes\n  political-process:\n    verdict: Met\ngamma: {}\n",
    );
    assert_eq!(o.status.code(), Some(2));
    insta::assert_snapshot!(stderr(&o));
}

#[test]
fn a_document_naming_two_drafts_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("d.txt"), "1. Decides to act;\n").unwrap();
    std::fs::write(dir.path().join("d.md"), "1. Decides to act;\n").unwrap();
    std::fs::write(
        dir.path().join("labels.yaml"),
        "d:\n  expert-group:\n    verdict: missing\n",
    )
    .unwrap();
    let o = measure_in(dir.path(), &["labels.yaml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("document `d` names 2 drafts in .: d.md, d.txt"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_missing_labels_file_or_folder_is_named() {
    let o = measure(&["no-such-labels.yaml", "--drafts", DIR]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: cannot read no-such-labels.yaml: there is no such file or folder (check the path and the spelling)\n"
    );
    let o = measure(&[LABELS, "--drafts", "no-such-folder"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("error: cannot read no-such-folder: there is no such file"));
}

#[test]
fn several_labels_files_are_one_set_and_a_document_in_two_is_refused() {
    let dir = folder_with_drafts();
    std::fs::write(
        dir.path().join("a.yaml"),
        "alpha:\n  political-process:\n    verdict: met\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.yaml"),
        "beta:\n  political-process:\n    verdict: partial\n",
    )
    .unwrap();
    let run = |files: &[&str]| {
        let mut args = files.to_vec();
        args.extend(["--format", "json"]);
        measure_in(dir.path(), &args)
    };
    let o = run(&["a.yaml", "b.yaml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let m: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        (m["documents"].clone(), m["verdicts"].clone()),
        (2.into(), 2.into())
    );
    assert_eq!(m["labels"], "a.yaml + b.yaml");
    let o = run(&["a.yaml", "a.yaml"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: a.yaml: document `alpha` is labelled in another labels file too\n"
    );
}
