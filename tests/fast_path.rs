//! The fast evaluator (one scan per provision, regexes only where a phrase may match) must
//! give exactly the assessments of the reference evaluator (every phrase everywhere): on every
//! fixture resolution, on every rule example, and on the whole shared corpus (required in CI,
//! skipped with a message elsewhere: tests/README.md). Any difference, down to an excerpt, fails.

mod common;

use common::txt_files;
use policycheck::config::Config;
use policycheck::evaluate::{evaluate_with, reference, Matcher};
use policycheck::mandate::{read_text, SourceFormat};
use policycheck::run::{self, Plan, Request};
use policycheck::waiver::Date;
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
/// (`common::shared_corpus`). Also checks a whole run (the library's entry point, drafts read
/// and judged on every core) against the one-by-one evaluation.
#[test]
fn fast_and_reference_agree_on_the_corpus() {
    let Some(dir) = common::shared_corpus() else {
        return;
    };
    let dir = dir.as_path();
    let rb = default_rulebook();
    let matcher = Matcher::for_rulebook(&rb);
    let paths = txt_files(dir);
    let request = Request::new(paths.clone(), Date::parse("2026-01-01").unwrap());
    let plan = Plan::new(&Config::empty(Path::new(".")), Path::new("."), &request).unwrap();
    let result = run::run(&plan).unwrap();
    assert!(result.problems.is_empty(), "{:?}", result.problems);
    assert_eq!(result.judged.len(), paths.len());
    for (path, judged) in paths.iter().zip(&result.judged) {
        assert_eq!(path, &plan.documents[judged.document].path);
        let m = read_mandate(path).unwrap();
        same(&rb, &matcher, &m);
        assert_eq!(judged.assessment, reference::evaluate(&rb, &m));
    }
}

/// Drafts built to find what is quadratic (issue 15): one paragraph of many matching clauses,
/// many matching numbered paragraphs, and clauses a criterion rejects one after another
/// (denied, excluded, the wrong force or addressee, groups too far apart), where the fast path
/// looks things up by binary search (matches in a span, the nearest match of a group, the
/// clause at an offset) and skips the excerpts of denials it does not keep. The reference
/// evaluator scans instead: the two must agree to the byte.
#[test]
fn fast_and_reference_agree_on_repetitive_drafts() {
    let rb = default_rulebook();
    let matcher = Matcher::for_rulebook(&rb);
    let clauses = [
        "Decides to establish a panel of experts on trafficking; ",
        "decides not to establish a group of experts on arms trafficking; ",
        "calls upon Member States to combat organized crime and terrorism, ",
        "requests the Secretary-General to monitor the borders, and to report on capacity-building; ",
        "welcomes the panel, which among many other things and at some later stage, looks at trafficking. ",
        "Authorizes the police to arrest and detain suspects, exempt from the embargo; ",
    ];
    let one_paragraph: String = std::iter::once("1. ".to_string())
        .chain((0..240).map(|i| clauses[i % clauses.len()].to_string()))
        .collect();
    let numbered: String = (0..240)
        .map(|i| format!("{}. {}\n\n", i + 1, clauses[i % clauses.len()]))
        .collect();
    let lettered: String = std::iter::once(
        "1. Decides that the Mission shall have the following mandate:\n\n".to_string(),
    )
    .chain((0..26).map(|i| {
        format!(
            "({}) {}\n\n",
            char::from(b'a' + i as u8),
            clauses[i % clauses.len()]
        )
    }))
    .collect();
    for (name, text) in [
        ("one-paragraph.txt", &one_paragraph),
        ("numbered.txt", &numbered),
        ("lettered.txt", &lettered),
    ] {
        let m = read_text(name, text, SourceFormat::Text);
        assert!(m.provisions.iter().any(|p| p.clauses.len() > 1) || name != "one-paragraph.txt");
        same(&rb, &matcher, &m);
    }
}
