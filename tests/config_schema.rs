//! The configuration's JSON Schema (`schemas/config.schema.json`) kept in step with its reader:
//! each object of the schema lists exactly the keys the reader accepts (the reader names them
//! when it meets an unknown key), the formats are the formats policycheck writes, and the
//! complete example of docs/configuration.md is valid for both the schema and the reader. The
//! ready-made CI files (examples/ci/, .pre-commit-hooks.yaml) are checked for their keys too.

use policycheck::config::parse_config;
use policycheck::report::Format;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

fn schema() -> Value {
    let text = std::fs::read_to_string("schemas/config.schema.json").unwrap();
    serde_json::from_str(&text).unwrap()
}

fn schema_keys(object: &Value) -> BTreeSet<String> {
    object["properties"]
        .as_object()
        .expect("an object with properties")
        .keys()
        .cloned()
        .collect()
}

/// The keys the reader accepts at the place where `yaml` puts the key `zzzzzzzzzzzzzz`, as it
/// lists them in its hint.
fn reader_keys(yaml: &str) -> BTreeSet<String> {
    let e = parse_config(Path::new("policycheck.yaml"), yaml)
        .unwrap_err()
        .to_string();
    let list = e
        .split("allowed keys here: ")
        .nth(1)
        .unwrap_or_else(|| panic!("no key list in: {e}"));
    list.trim().split(", ").map(str::to_string).collect()
}

#[test]
fn every_object_of_the_schema_has_the_readers_keys() {
    let s = schema();
    let d = &s["definitions"];
    let cases = [
        (&s, "zzzzzzzzzzzzzz: 1\n"),
        (&d["bars"], "bars:\n  zzzzzzzzzzzzzz: 1\n"),
        (
            &d["override"],
            "overrides:\n  - paths: [a]\n    zzzzzzzzzzzzzz: 1\n",
        ),
        (
            &d["output"],
            "outputs:\n  - format: json\n    zzzzzzzzzzzzzz: 1\n",
        ),
        (&d["memo"], "memo:\n  zzzzzzzzzzzzzz: 1\n"),
        (
            &d["waiver"],
            "waivers:\n  - document: a\n    zzzzzzzzzzzzzz: 1\n",
        ),
    ];
    for (object, yaml) in cases {
        assert_eq!(schema_keys(object), reader_keys(yaml), "{yaml}");
    }
}

#[test]
fn the_schemas_formats_are_the_formats_policycheck_writes() {
    let listed: Vec<String> = schema()["definitions"]["output"]["properties"]["format"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    let known: Vec<String> = Format::ALL.iter().map(|f| f.as_str().to_string()).collect();
    assert_eq!(
        listed, known,
        "add the new format to definitions.output.properties.format.enum in \
         schemas/config.schema.json (and to docs/configuration.md)"
    );
}

#[test]
fn the_documented_example_is_valid_for_the_schema_and_the_reader() {
    let doc = std::fs::read_to_string("docs/configuration.md").unwrap();
    let example = doc
        .split("```yaml\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("a yaml block in docs/configuration.md");
    let config = parse_config(Path::new("policycheck.yaml"), example)
        .unwrap_or_else(|e| panic!("the reader refuses the example: {e}"));
    assert_eq!(config.waivers.len(), 1);
    let value: Value = serde_yaml::from_str(example).unwrap();
    let validator = jsonschema::validator_for(&schema()).expect("a valid JSON Schema");
    let problems: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| e.to_string())
        .collect();
    assert!(problems.is_empty(), "{problems:?}");
    // And a mistake the reader refuses, the schema refuses too.
    let bad: Value = serde_yaml::from_str("bars:\n  fail_undr: 60\n").unwrap();
    assert!(!validator.is_valid(&bad));
}

#[test]
fn the_ready_made_ci_files_have_what_they_need() {
    let workflow: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string("examples/ci/github-actions.yml").unwrap())
            .unwrap();
    let steps = workflow["jobs"]["policycheck"]["steps"]
        .as_sequence()
        .unwrap();
    let text = |k: &str| -> Vec<String> {
        steps
            .iter()
            .filter_map(|s| s[k].as_str().map(str::to_string))
            .collect()
    };
    assert!(text("uses")
        .iter()
        .any(|u| u.starts_with("actions/checkout@")));
    assert!(text("uses")
        .iter()
        .any(|u| u.starts_with("github/codeql-action/upload-sarif@")));
    assert!(text("run").iter().any(|r| r
        .contains("policycheck check drafts/ --format sarif --output policycheck.sarif")
        && r.contains("--fail-under 60")));
    let hooks: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(".pre-commit-hooks.yaml").unwrap()).unwrap();
    let hook = &hooks[0];
    assert_eq!(hook["id"].as_str(), Some("policycheck"));
    assert_eq!(hook["language"].as_str(), Some("rust"));
    // policycheck's own search decides what is a draft: the hook passes no file names, so it
    // never hands policycheck a README or a rulebook as a draft.
    assert_eq!(hook["entry"].as_str(), Some("policycheck check ."));
    assert_eq!(hook["pass_filenames"].as_bool(), Some(false));
    let files = regex::Regex::new(hook["files"].as_str().unwrap()).unwrap();
    for name in [
        "d.txt",
        "d.md",
        "d.markdown",
        "d.docx",
        "d.pdf",
        "d.yaml",
        "d.yml",
    ] {
        assert!(files.is_match(name), "{name}");
    }
}
