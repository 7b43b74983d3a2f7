//! Broken rulebooks, one kind of mistake each (tests/broken_rulebooks/), and the exact message
//! a rule author sees for each: the file, line and column, the lines around with a marker,
//! and a hint. Every problem of a file is reported, not only the first.

use policycheck::evaluate::example_diagnostics;
use policycheck::rulebook::parse_rulebook;
use policycheck::{Diagnostic, Error};
use std::path::Path;

/// All diagnostics for a rulebook file, as `policycheck rules check` finds them: loading
/// problems, then (for a rulebook that loads) examples that get another verdict.
fn diagnostics(name: &str, text: &str) -> Vec<Diagnostic> {
    match parse_rulebook(name, text) {
        Ok(rb) => example_diagnostics(&rb, name, text),
        Err(Error::Rulebook(d)) => d,
        Err(other) => panic!("{name}: unexpected error {other}"),
    }
}

fn broken() -> Vec<(String, String)> {
    let dir = Path::new("tests/broken_rulebooks");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/broken_rulebooks exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = format!(
                "broken_rulebooks/{}",
                p.file_name().unwrap().to_string_lossy()
            );
            (name, std::fs::read_to_string(&p).expect("readable"))
        })
        .collect()
}

#[test]
fn every_broken_rulebook_gets_its_exact_message() {
    let files = broken();
    assert!(files.len() >= 25, "only {} broken rulebooks", files.len());
    for (name, text) in &files {
        let diags = diagnostics(name, text);
        assert!(!diags.is_empty(), "{name}: no problem reported");
        assert!(
            diags.iter().all(|d| d.line.is_some() && d.column.is_some()),
            "{name}: a problem without a place: {diags:#?}"
        );
        let rendered: Vec<String> = diags.iter().map(|d| d.render(Some(text), false)).collect();
        let snapshot_name = name
            .trim_start_matches("broken_rulebooks/")
            .trim_end_matches(".yaml")
            .to_string();
        insta::assert_snapshot!(snapshot_name, rendered.join("\n\n"));
    }
}

#[test]
fn a_rulebook_with_three_mistakes_reports_all_three() {
    let text = std::fs::read_to_string("tests/broken_rulebooks/33-three-mistakes.yaml").unwrap();
    let diags = diagnostics("three.yaml", &text);
    let messages: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(diags.len(), 3, "{messages:#?}");
    assert!(messages[0].contains("`wieght`"));
    assert!(messages[1].contains("`@border`"));
    assert!(messages[2].contains("`cal`"));
}

#[test]
fn the_shipped_rulebooks_have_no_problem() {
    for entry in std::fs::read_dir("rules").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let text = std::fs::read_to_string(&path).unwrap();
            let name = path.display().to_string();
            assert_eq!(diagnostics(&name, &text), Vec::new(), "{name}");
        }
    }
}

#[test]
fn diagnostics_serialise_to_json_for_tools() {
    let text =
        std::fs::read_to_string("tests/broken_rulebooks/03-unknown-rule-key-typo.yaml").unwrap();
    let diags = diagnostics("r.yaml", &text);
    let json = serde_json::to_value(&diags).unwrap();
    assert_eq!(
        json,
        serde_json::json!([{
            "file": "r.yaml",
            "line": 15,
            "column": 5,
            "rule": "border-task",
            "message": "unknown key `wieght` in a rule",
            "hint": "did you mean `weight`?"
        }])
    );
}
