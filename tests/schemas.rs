//! The JSON Schemas in `schemas/` are what editors use to complete and check rulebooks and
//! structured mandates. These tests keep them honest: the committed files are exactly what the
//! code generates from the reader's own structs; every shipped rulebook and example, and every
//! test fixture the readers accept, is valid against them; their word lists are the words the
//! loader accepts; and they reject what the readers reject, an unknown key first of all.
//!
//! After changing a file struct, regenerate the committed schemas with
//! `POLICYCHECK_BLESS=1 cargo test --test schemas`.

mod common;

use common::crate_path;
use policycheck::schema::{mandate_schema, rulebook_schema};
use serde_json::Value;
use std::path::{Path, PathBuf};

const RULEBOOK_SCHEMA: &str = "schemas/rulebook.schema.json";
const MANDATE_SCHEMA: &str = "schemas/mandate.schema.json";

/// A schema as it is committed: pretty JSON with a trailing newline.
fn pretty(schema: &Value) -> String {
    serde_json::to_string_pretty(schema).expect("a schema serialises") + "\n"
}

fn check_committed(path: &str, generated: &Value) {
    let file = crate_path(path);
    let want = pretty(generated);
    if std::env::var_os("POLICYCHECK_BLESS").is_some() {
        std::fs::create_dir_all(file.parent().expect("schemas/ has a parent"))
            .expect("create schemas/");
        std::fs::write(&file, &want).expect("write the schema");
        return;
    }
    let have = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(
        have == want,
        "{path} is not the schema the code generates.\n\
         Regenerate it with: POLICYCHECK_BLESS=1 cargo test --test schemas\n\
         and commit the result."
    );
}

#[test]
fn committed_rulebook_schema_is_the_generated_one() {
    check_committed(RULEBOOK_SCHEMA, &rulebook_schema());
}

#[test]
fn committed_mandate_schema_is_the_generated_one() {
    check_committed(MANDATE_SCHEMA, &mandate_schema());
}

/// The committed schema, compiled. Reading the committed file (not the generated value) is
/// the point: it is what editors use.
fn validator(path: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(crate_path(path)).expect("the schema is committed");
    let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema")
}

fn yaml_to_json(text: &str) -> Value {
    serde_yaml::from_str(text).expect("the file is YAML")
}

/// The schema's complaints about a document, one line each; empty when it is valid.
fn problems(validator: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    validator
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            yaml_files(&path, out);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        ) {
            out.push(path);
        }
    }
}

#[test]
fn shipped_rulebooks_are_valid_and_point_to_the_schema() {
    let v = validator(RULEBOOK_SCHEMA);
    let mut files = Vec::new();
    yaml_files(&crate_path("rules"), &mut files);
    assert!(files.len() >= 2, "rules/ holds the shipped rulebooks");
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let found = problems(&v, &yaml_to_json(&text));
        assert!(found.is_empty(), "{}: {found:#?}", file.display());
        assert_eq!(
            text.lines().next(),
            Some("# yaml-language-server: $schema=../schemas/rulebook.schema.json"),
            "{}: the first line tells editors where the schema is",
            file.display()
        );
    }
}

#[test]
fn shipped_structured_examples_are_valid_and_point_to_the_schema() {
    let v = validator(MANDATE_SCHEMA);
    let mut files = Vec::new();
    yaml_files(&crate_path("examples"), &mut files);
    // examples/ci/ holds CI workflows, not mandates.
    files.retain(|f| !f.components().any(|c| c.as_os_str() == "ci"));
    assert!(!files.is_empty(), "examples/ holds a structured mandate");
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let found = problems(&v, &yaml_to_json(&text));
        assert!(found.is_empty(), "{}: {found:#?}", file.display());
        assert_eq!(
            text.lines().next(),
            Some("# yaml-language-server: $schema=../schemas/mandate.schema.json"),
            "{}: the first line tells editors where the schema is",
            file.display()
        );
    }
}

/// Every YAML fixture under tests/ that a reader accepts as a rulebook or a structured
/// mandate is valid against that schema: the schema is never stricter than the reader.
/// (Broken fixtures, which the readers reject, are the diagnostics tests' business.)
#[test]
fn fixtures_the_readers_accept_are_valid() {
    let rulebook = validator(RULEBOOK_SCHEMA);
    let mandate = validator(MANDATE_SCHEMA);
    let mut files = Vec::new();
    yaml_files(&crate_path("tests"), &mut files);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let label = file.display().to_string();
        let Ok(doc @ Value::Object(_)) = serde_yaml::from_str::<Value>(&text) else {
            continue;
        };
        if policycheck::rulebook::parse_rulebook(&label, &text).is_ok() {
            let found = problems(&rulebook, &doc);
            assert!(found.is_empty(), "{label}: {found:#?}");
        }
        if policycheck::mandate::read_yaml(&label, &text).is_ok() {
            let found = problems(&mandate, &doc);
            assert!(found.is_empty(), "{label}: {found:#?}");
        }
    }
}

fn default_rulebook_json() -> Value {
    yaml_to_json(policycheck::rulebook::DEFAULT_RULEBOOK)
}

fn set(doc: &mut Value, pointer: &str, key: &str, value: Value) {
    doc.pointer_mut(pointer)
        .and_then(Value::as_object_mut)
        .unwrap_or_else(|| panic!("{pointer} is an object"))
        .insert(key.to_string(), value);
}

#[test]
fn unknown_keys_are_rejected_at_every_level() {
    let v = validator(RULEBOOK_SCHEMA);
    for (pointer, key) in [
        ("", "titel"),
        ("/source", "year"),
        ("/rules/0", "wieght"),
        ("/rules/0/criteria/0", "phrases"),
        ("/rules/0/verdict", "missing"),
        ("/rules/0/examples/0", "expect"),
    ] {
        let mut doc = default_rulebook_json();
        set(&mut doc, pointer, key, Value::from(1));
        let found = problems(&v, &doc);
        assert!(
            found.iter().any(|p| p.contains(key)),
            "`{key}` at `{pointer}` should be rejected: {found:#?}"
        );
    }
    let m = validator(MANDATE_SCHEMA);
    for (text, key) in [
        ("titel: x\n", "titel"),
        ("provisions:\n  - id: OP1\n    txet: Decides\n", "txet"),
    ] {
        let found = problems(&m, &yaml_to_json(text));
        assert!(
            found.iter().any(|p| p.contains(key)),
            "`{key}` should be rejected: {found:#?}"
        );
    }
}

#[test]
fn wrong_words_and_values_are_rejected() {
    let v = validator(RULEBOOK_SCHEMA);
    for (pointer, key, value) in [
        ("/rules/0/criteria/0", "force", Value::from("strong")),
        ("/rules/0/criteria/0", "part", Value::from("preamble")),
        ("/rules/0/criteria/0", "within", Value::from("page")),
        (
            "/rules/0/criteria/0",
            "addressee",
            serde_json::json!(["mision"]),
        ),
        ("/rules/0/examples/0", "verdict", Value::from("passes")),
        ("/rules/0", "weight", Value::from(0)),
        ("/rules/0", "weight", Value::from(11)),
        ("/rules/0", "id", Value::from("Crime Terror")),
    ] {
        let mut doc = default_rulebook_json();
        set(&mut doc, pointer, key, value.clone());
        assert!(
            !problems(&v, &doc).is_empty(),
            "{key}: {value} at {pointer} should be rejected"
        );
    }
    let mut doc = default_rulebook_json();
    doc.pointer_mut("/rules/0")
        .and_then(Value::as_object_mut)
        .unwrap()
        .remove("quote");
    assert!(!problems(&v, &doc).is_empty(), "a missing quote");
    let m = validator(MANDATE_SCHEMA);
    for text in [
        "provisions:\n  - id: OP1\n",
        "provisions:\n  - id: OP1\n    text: Decides\n    force: strong\n",
        "facts: {a: [1]}\n",
    ] {
        assert!(!problems(&m, &yaml_to_json(text)).is_empty(), "{text}");
    }
    assert!(problems(
        &m,
        &yaml_to_json("facts: {police: {arrest: false}, troops: 5}\n")
    )
    .is_empty());
}

/// The schema's lists of words (force, part, within, addressee, verdict) are the loader's:
/// each word the schema offers loads, so an editor never proposes a word the tool refuses.
#[test]
fn every_word_the_schema_offers_loads() {
    let schema = rulebook_schema();
    let words = |name: &str| -> Vec<String> {
        schema["definitions"][name]["enum"]
            .as_array()
            .unwrap_or_else(|| panic!("{name} has an enum"))
            .iter()
            .map(|w| w.as_str().unwrap().to_string())
            .collect()
    };
    // A one-rule rulebook whose only criterion takes the word.
    let rulebook = |line: &str| {
        format!(
            "id: words\ntitle: Words\nsource: {{author: A, title: T, publisher: P, date: \"2026-01-01\"}}\n\
             rules:\n  - id: rule\n    title: Rule\n    weight: 1\n    recommendation: R\n    \
             rationale: R\n    quote: Q\n    suggested: S\n    criteria:\n      - id: c\n        \
             means: M\n        any: [word]\n        {line}\n    verdict: {{met: c}}\n"
        )
    };
    let plain = policycheck::rulebook::parse_rulebook("words.yaml", &rulebook("near: 5"));
    assert!(plain.is_ok(), "the test's rulebook loads: {plain:?}");
    for (name, key) in [("Force", "force"), ("Part", "part"), ("Within", "within")] {
        for word in words(name) {
            let line = format!("{key}: {word}");
            let loaded = policycheck::rulebook::parse_rulebook("words.yaml", &rulebook(&line));
            assert!(loaded.is_ok(), "{line} does not load: {loaded:?}");
        }
    }
    for word in words("Addressee") {
        let line = format!("addressee: [{word}]");
        let loaded = policycheck::rulebook::parse_rulebook("words.yaml", &rulebook(&line));
        assert!(loaded.is_ok(), "{line} does not load: {loaded:?}");
    }
    for word in words("Verdict") {
        assert!(
            policycheck::Verdict::parse(&word).is_some(),
            "verdict {word}"
        );
    }
}

/// What an editor shows: every key of every object carries a description, and every object
/// refuses keys it does not know.
#[test]
fn every_key_is_described_and_objects_are_closed() {
    fn walk(at: &str, schema: &Value, out: &mut Vec<String>) {
        let Some(map) = schema.as_object() else {
            return;
        };
        if let Some(props) = map.get("properties").and_then(Value::as_object) {
            if map.get("additionalProperties") != Some(&Value::Bool(false)) {
                out.push(format!("{at}: additionalProperties is not false"));
            }
            for (key, prop) in props {
                let described = prop
                    .get("description")
                    .and_then(Value::as_str)
                    .is_some_and(|d| !d.trim().is_empty());
                if !described {
                    out.push(format!("{at}.{key}: no description"));
                }
            }
        }
        for (key, value) in map {
            match value {
                Value::Object(_) => walk(&format!("{at}/{key}"), value, out),
                Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        walk(&format!("{at}/{key}/{i}"), item, out);
                    }
                }
                _ => {}
            }
        }
    }
    for (name, schema) in [
        ("rulebook", rulebook_schema()),
        ("mandate", mandate_schema()),
    ] {
        let mut found = Vec::new();
        walk(name, &schema, &mut found);
        assert!(found.is_empty(), "{found:#?}");
        assert!(schema["title"].is_string() && schema["description"].is_string());
    }
}
