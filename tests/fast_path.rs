//! The fast evaluator (one scan per provision, regexes only where a phrase may match) must
//! give exactly the assessments of the reference evaluator (every phrase everywhere): on every
//! fixture resolution, on every rule example, and on the whole shared corpus (required in CI,
//! skipped with a message elsewhere: tests/README.md). Any difference, down to an excerpt, fails.

mod common;

use common::txt_files;
use policycheck::evaluate::{evaluate_all, evaluate_with, reference, Matcher};
use policycheck::mandate::{read_text, SourceFormat};
use policycheck::{default_rulebook, evaluate, read_mandate, Mandate, Rulebook};
use std::path::Path;

fn same(rulebook: &Rulebook, matcher: &Matcher, m: &Mandate) {
    let slow = reference::evaluate(rulebook, m);
    assert_eq!(evaluate(rulebook, m), slow, "{}", m.path);
    assert_eq!(evaluate_with(matcher, rulebook, m), slow, "{}", m.path);
}

#[test]
fn fast_and_reference_agree_on_every_fixture() {
    let rb = default_rulebook();
    let matcher = Matcher::for_rulebook(&rb);
    let paths = txt_files(Path::new("tests/fixtures/unsc"));
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
    for path in txt_files(Path::new("tests/fixtures/unsc")).iter().take(5) {
        let m = read_mandate(path).unwrap();
        assert_eq!(evaluate_with(&other, &rb, &m), reference::evaluate(&rb, &m));
    }
}

/// The whole shared corpus (902 resolutions): required in CI, skipped with a message elsewhere
/// (`common::shared_corpus`). Also checks the parallel batch against the one-by-one evaluation.
#[test]
fn fast_and_reference_agree_on_the_corpus() {
    let Some(dir) = common::shared_corpus() else {
        return;
    };
    let dir = dir.as_path();
    let rb = default_rulebook();
    let matcher = Matcher::for_rulebook(&rb);
    let paths = txt_files(dir);
    let batch = evaluate_all(&rb, paths.clone(), 0);
    for (path, (given, result)) in paths.iter().zip(batch) {
        assert_eq!(path, &given);
        let m = read_mandate(path).unwrap();
        same(&rb, &matcher, &m);
        assert_eq!(result.unwrap(), reference::evaluate(&rb, &m));
    }
}
