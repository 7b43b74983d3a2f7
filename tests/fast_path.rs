//! The fast evaluator (one scan per provision, regexes only where a phrase may match) must
//! give exactly the assessments of the reference evaluator (every phrase everywhere): on every
//! fixture resolution, on every rule example, and on the whole corpus when it is present next
//! to the repository. Any difference, down to an excerpt, fails.

use policycheck::evaluate::{evaluate_all, evaluate_with, reference, Matcher};
use policycheck::mandate::{read_text, SourceFormat};
use policycheck::{default_rulebook, evaluate, read_mandate, Mandate, Rulebook};
use std::path::{Path, PathBuf};

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    v
}

fn same(rulebook: &Rulebook, matcher: &Matcher, m: &Mandate) {
    let slow = reference::evaluate(rulebook, m);
    assert_eq!(evaluate(rulebook, m), slow, "{}", m.path);
    assert_eq!(evaluate_with(matcher, rulebook, m), slow, "{}", m.path);
}

#[test]
fn fast_and_reference_agree_on_every_fixture() {
    let rb = default_rulebook();
    let matcher = Matcher::for_rulebook(&rb);
    let paths = files(Path::new("tests/fixtures/unsc"));
    assert!(paths.len() >= 20);
    for path in &paths {
        same(&rb, &matcher, &read_mandate(path).unwrap());
    }
}

#[test]
fn fast_and_reference_agree_on_every_rule_example() {
    let rb = default_rulebook();
    let matcher = Matcher::for_rulebook(&rb);
    for rule in &rb.rules {
        for (i, ex) in rule.examples.iter().enumerate() {
            let m = read_text(
                &format!("{}#{i}", rule.id),
                &ex.text,
                SourceFormat::Markdown,
            );
            same(&rb, &matcher, &m);
        }
    }
}

#[test]
fn a_matcher_for_another_rulebook_changes_nothing() {
    let rb = default_rulebook();
    let other = Matcher::new(["(?i)\\b(?:arms)\\b"]);
    for path in files(Path::new("tests/fixtures/unsc")).iter().take(5) {
        let m = read_mandate(path).unwrap();
        assert_eq!(evaluate_with(&other, &rb, &m), reference::evaluate(&rb, &m));
    }
}

/// The whole corpus (902 resolutions) when present; skips quietly without it. Also checks the
/// parallel batch against the one-by-one evaluation.
#[test]
fn fast_and_reference_agree_on_the_corpus() {
    // The project's shared corpus beside the repository, or wherever POLICYCHECK_CORPUS says.
    let dir = std::env::var_os("POLICYCHECK_CORPUS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/unsc"));
    if !dir.is_dir() {
        return;
    }
    let dir = dir.as_path();
    let rb = default_rulebook();
    let matcher = Matcher::for_rulebook(&rb);
    let paths = files(dir);
    let batch = evaluate_all(&rb, paths.clone(), 0);
    for (path, (given, result)) in paths.iter().zip(batch) {
        assert_eq!(path, &given);
        let m = read_mandate(path).unwrap();
        same(&rb, &matcher, &m);
        assert_eq!(result.unwrap(), reference::evaluate(&rb, &m));
    }
}
