//! The machine formats — SARIF, JUnit, GitHub annotations, editor lines — and the JSON
//! report's schema. Snapshots (insta) of every format for the two examples and two real
//! resolutions, built through the library as `report_snapshots.rs` builds them, with the
//! documents' anchor lines set as the CLI sets them. The SARIF is validated against the
//! vendored SARIF 2.1.0 schema and the JSON against `schemas/report.schema.json`, both
//! offline; a walk over the emitted JSON keeps the schema and the output in step. When a
//! snapshot changes, read it as a code-scanning UI would show it before accepting it.

mod common;

use policycheck::mandate::{anchor_line, read_text, SourceFormat};
use policycheck::report::{
    findings, render, render_junit, Decisions, DocumentView, Format, ReportView, ViewOptions,
    FINGERPRINT_KEY,
};
use policycheck::{default_rulebook, evaluate};
use serde_json::Value;
use std::collections::BTreeMap;

const MINUSMA: &str = "examples/minusma-2013.yaml";
const RENEWAL: &str = "examples/draft-renewal-2015.md";
/// UNOMIL, Liberia: cooperation with ECOWAS/ECOMOG, a regional dimension.
const LIBERIA: &str = "tests/fixtures/unsc/S_RES_0866_1993_EN_GOLD.txt";
/// Iraq/Kuwait sanctions: an embargo on States and a sanctions committee.
const IRAQ: &str = "tests/fixtures/unsc/S_RES_0661_1990_EN_GOLD.txt";
const ALL: [&str; 4] = [MINUSMA, RENEWAL, LIBERIA, IRAQ];

const SARIF_SCHEMA: &str = "tests/fixtures/sarif/sarif-schema-2.1.0.json";
const REPORT_SCHEMA: &str = "schemas/report.schema.json";

/// The report on `paths`, checked through the library as `check` runs them (each document
/// judged against the bar, its findings anchored on its operative part).
fn view_of(paths: &[&str], options: &ViewOptions) -> ReportView {
    let (_, mut result) = common::check(paths, options.bar);
    assert!(result.problems.is_empty(), "{:?}", result.problems);
    result.views.remove(0)
}

fn view(path: &str) -> ReportView {
    view_of(&[path], &ViewOptions::default())
}

fn sarif(path: &str) -> String {
    render(Format::Sarif, &view(path)).unwrap()
}

fn junit(path: &str) -> String {
    render(Format::Junit, &view(path)).unwrap()
}

fn github(path: &str) -> String {
    render(Format::Github, &view(path)).unwrap()
}

fn lines(path: &str) -> String {
    render(Format::Lines, &view(path)).unwrap()
}

fn load_json(path: &str) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The validator for `schema`: offline (a `$ref` outside the file is an error, never a
/// download), checking `format` keywords too (`uri`, `uri-reference`, `date-time`).
fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::options()
        .offline()
        .should_validate_formats(true)
        .build(schema)
        .expect("the schema compiles")
}

/// The vendored SARIF 2.1.0 schema, with one repair made in memory: the published pattern
/// of the `language` properties (of `run` and `toolComponent`),
/// `^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`, is not a valid ECMA 262 regular expression (a
/// stray `]`), and the meta-schema's `format: regex` check refuses to compile the schema
/// because of it. It is replaced by what it means to say; policycheck never writes
/// `language`. The file itself stays as published.
fn sarif_schema() -> Value {
    const BROKEN: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
    fn repair(node: &mut Value, count: &mut usize) {
        match node {
            Value::Object(map) => {
                for (key, value) in map.iter_mut() {
                    if key == "pattern" && *value == BROKEN {
                        *value = Value::from("^[a-zA-Z]{2}(-[a-zA-Z]{2})?$");
                        *count += 1;
                    } else {
                        repair(value, count);
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|v| repair(v, count)),
            _ => {}
        }
    }
    let mut schema = load_json(SARIF_SCHEMA);
    let mut count = 0;
    repair(&mut schema, &mut count);
    assert_eq!(count, 2, "the vendored schema changed: review this repair");
    schema
}

/// Validates `instance` against `schema`, listing every error.
fn assert_valid(schema: &Value, instance: &Value, what: &str) {
    let validator = validator(schema);
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}:\n{}", errors.join("\n"));
}

// ---- snapshots --------------------------------------------------------------------------

#[test]
fn sarif_minusma_2013() {
    insta::assert_snapshot!(sarif(MINUSMA));
}

#[test]
fn sarif_draft_renewal_2015() {
    insta::assert_snapshot!(sarif(RENEWAL));
}

#[test]
fn sarif_res_866_liberia() {
    insta::assert_snapshot!(sarif(LIBERIA));
}

#[test]
fn sarif_res_661_iraq() {
    insta::assert_snapshot!(sarif(IRAQ));
}

#[test]
fn junit_minusma_2013() {
    insta::assert_snapshot!(junit(MINUSMA));
}

#[test]
fn junit_draft_renewal_2015() {
    insta::assert_snapshot!(junit(RENEWAL));
}

#[test]
fn junit_res_866_liberia() {
    insta::assert_snapshot!(junit(LIBERIA));
}

#[test]
fn junit_res_661_iraq() {
    insta::assert_snapshot!(junit(IRAQ));
}

#[test]
fn junit_both_examples_partial_fails() {
    let view = view_of(&[MINUSMA, RENEWAL], &ViewOptions { bar: Some(60.0) });
    insta::assert_snapshot!(render_junit(&view, true).unwrap());
}

#[test]
fn github_minusma_2013() {
    insta::assert_snapshot!(github(MINUSMA));
}

#[test]
fn github_draft_renewal_2015() {
    insta::assert_snapshot!(github(RENEWAL));
}

#[test]
fn github_res_866_liberia() {
    insta::assert_snapshot!(github(LIBERIA));
}

#[test]
fn github_res_661_iraq() {
    insta::assert_snapshot!(github(IRAQ));
}

#[test]
fn lines_minusma_2013() {
    insta::assert_snapshot!(lines(MINUSMA));
}

#[test]
fn lines_draft_renewal_2015() {
    insta::assert_snapshot!(lines(RENEWAL));
}

#[test]
fn lines_res_866_liberia() {
    insta::assert_snapshot!(lines(LIBERIA));
}

#[test]
fn lines_res_661_iraq() {
    insta::assert_snapshot!(lines(IRAQ));
}

// ---- SARIF --------------------------------------------------------------------------------

#[test]
fn sarif_is_valid_against_the_sarif_2_1_0_schema() {
    let schema = sarif_schema();
    for path in ALL {
        let log: Value = serde_json::from_str(&sarif(path)).unwrap();
        assert_valid(&schema, &log, path);
    }
    let both = view_of(&ALL, &ViewOptions { bar: Some(50.0) });
    let log: Value = serde_json::from_str(&render(Format::Sarif, &both).unwrap()).unwrap();
    assert_valid(&schema, &log, "all four documents");
}

#[test]
fn the_schema_check_catches_a_broken_log() {
    let schema = sarif_schema();
    let mut log: Value = serde_json::from_str(&sarif(MINUSMA)).unwrap();
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        Value::from(0);
    assert!(
        !validator(&schema).is_valid(&log),
        "startLine 0 must be rejected"
    );
}

#[test]
fn every_sarif_result_has_a_location_from_line_one() {
    for path in ALL {
        let v = view(path);
        let log: Value = serde_json::from_str(&render(Format::Sarif, &v).unwrap()).unwrap();
        let results = log["runs"][0]["results"].as_array().unwrap();
        assert_eq!(
            results.len(),
            v.documents[0].gaps.len(),
            "{path}: one result per unmet or partial rule"
        );
        let rules = log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap();
        assert_eq!(rules.len(), v.documents[0].rules.len(), "{path}");
        for r in results {
            let loc = &r["locations"][0]["physicalLocation"];
            assert_eq!(loc["artifactLocation"]["uri"], path, "{path}");
            let start = loc["region"]["startLine"].as_u64().expect("startLine");
            let end = loc["region"]["endLine"].as_u64().expect("endLine");
            assert!(start >= 1 && end >= start, "{path}: {r}");
            let index = r["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[index]["id"], r["ruleId"], "{path}");
            assert!(r["partialFingerprints"][FINGERPRINT_KEY].is_string());
        }
    }
}

/// A draft edited elsewhere — a preambular paragraph added near the top — keeps its findings'
/// fingerprints, though their lines move.
#[test]
fn fingerprints_survive_edits_elsewhere_in_the_draft() {
    let rulebook = default_rulebook();
    let original = std::fs::read_to_string(RENEWAL).unwrap();
    let edited = original.replacen(
        "The Security Council,\n",
        "The Security Council,\n\nNoting the report of the Secretary-General of 11 June \
         2015,\n\nStressing the importance of national ownership of the peace process,\n",
        1,
    );
    assert_ne!(original, edited);
    let fingerprints = |text: &str| -> BTreeMap<String, (String, u32)> {
        let m = read_text(RENEWAL, text, SourceFormat::Markdown);
        let a = evaluate(&rulebook, &m);
        let decisions = Decisions {
            anchor: anchor_line(&m),
            ..Decisions::against_bar(&a, None)
        };
        let mut v = ReportView::header(&rulebook, &ViewOptions::default());
        v.documents = vec![DocumentView::decided(&rulebook, &a, &decisions)];
        findings(&v)
            .iter()
            .map(|f| (f.rule.id.clone(), (f.fingerprint.clone(), f.start_line)))
            .collect()
    };
    let before = fingerprints(&original);
    let after = fingerprints(&edited);
    assert!(!before.is_empty());
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    for (rule, (fp, line)) in &before {
        let (fp2, line2) = &after[rule];
        assert_eq!(fp, fp2, "{rule}: fingerprint changed");
        assert_eq!(
            line + 4,
            *line2,
            "{rule}: the finding moves with its paragraph"
        );
    }
}

// ---- GitHub and editor lines ---------------------------------------------------------------

#[test]
fn github_annotations_are_well_formed() {
    let re = regex::Regex::new(
        r"^::(error|warning|notice) file=[^,:]+,line=[1-9][0-9]*,endLine=[1-9][0-9]*,title=[a-z0-9-]+::[^\r\n]+$",
    )
    .unwrap();
    for path in ALL {
        let out = github(path);
        assert_eq!(out.lines().count(), view(path).documents[0].gaps.len());
        for line in out.lines() {
            assert!(re.is_match(line), "{path}: {line}");
        }
    }
}

#[test]
fn editor_lines_read_like_compiler_messages() {
    let re =
        regex::Regex::new(r"^(.+):([1-9][0-9]*):1: (missing|partial) ([a-z0-9-]+): (.+)$").unwrap();
    for path in ALL {
        for line in lines(path).lines() {
            let c = re
                .captures(line)
                .unwrap_or_else(|| panic!("{path}: {line}"));
            assert_eq!(&c[1], path);
        }
    }
}

// ---- the JSON report and its schema -------------------------------------------------------

/// The JSON outputs the schema must accept: each document alone, with and without a bar, and
/// all four together; and the JSON snapshots of `report_snapshots.rs` as committed.
/// A JSON report from the command line with every optional field present: a waived gap, an
/// expired waiver, bar failures, a per-document bar, a broken document and warnings.
fn cli_report_with_everything() -> Value {
    let dir = tempfile::tempdir().unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    std::fs::write(dir.path().join("broken.txt"), b"").unwrap();
    std::fs::write(
        dir.path().join("policycheck.yaml"),
            "bars:\n  fail_under: 90\n  fail_on: partial\n  required_rules: [expert-group]\n\
             overrides:\n  - paths: ['**/minusma-2013.yaml']\n    fail_under: 95\n\
             waivers:\n\
             \x20 - {document: '**/minusma-2013.yaml', rule: expert-group, justification: A panel exists elsewhere., owner: desk, expires: 2030-01-01}\n\
             \x20 - {document: '**/minusma-2013.yaml', rule: regional-approach, justification: Covered by the Sahel strategy., owner: desk, expires: 2020-01-01}\n\
             \x20 - {document: nowhere.md, rule: expert-group, justification: Nothing., owner: desk, expires: 2030-01-01}\n",
    )
    .unwrap();
    let out = assert_cmd::Command::cargo_bin("policycheck")
        .unwrap()
        .current_dir(dir.path())
        .env("POLICYCHECK_TODAY", "2026-11-29")
        .args(["check", "--format", "json"])
        .arg(format!("{root}/examples/minusma-2013.yaml"))
        .arg(format!("{root}/examples/draft-renewal-2015.md"))
        .arg("broken.txt")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in ["errors", "warnings"] {
        assert!(v.get(key).is_some(), "the report has `{key}`: {v:#}");
    }
    let rules = v["documents"][0]["rules"].as_array().unwrap();
    assert!(
        rules.iter().any(|r| r.get("waived").is_some()),
        "a waived gap"
    );
    assert!(
        rules.iter().any(|r| r.get("waiver_expired").is_some()),
        "an expired waiver"
    );
    assert!(v["documents"][0].get("failures").is_some(), "bar failures");
    v
}

fn json_examples() -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for path in ALL {
        for bar in [None, Some(50.0)] {
            let text = render(Format::Json, &view_of(&[path], &ViewOptions { bar })).unwrap();
            out.push((
                format!("{path} bar={bar:?}"),
                serde_json::from_str(&text).unwrap(),
            ));
        }
    }
    let all = render(
        Format::Json,
        &view_of(&ALL, &ViewOptions { bar: Some(40.0) }),
    )
    .unwrap();
    out.push(("all four".into(), serde_json::from_str(&all).unwrap()));
    out.push((
        "waivers, failures, errors".into(),
        cli_report_with_everything(),
    ));
    for entry in std::fs::read_dir("tests/snapshots").unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name.starts_with("report_snapshots__json_") && name.ends_with(".snap") {
            let text = std::fs::read_to_string(&path).unwrap();
            // An insta file: a `---`-fenced header, then the snapshot.
            let body = text.splitn(3, "---\n").nth(2).expect("insta header");
            out.push((name, serde_json::from_str(body).unwrap()));
        }
    }
    out
}

#[test]
fn json_reports_are_valid_against_the_shipped_schema() {
    let schema = load_json(REPORT_SCHEMA);
    let examples = json_examples();
    assert!(examples.len() >= 9 + 4, "the JSON snapshots were found");
    for (what, json) in &examples {
        assert_valid(&schema, json, what);
    }
}

/// The schema node that describes `node`'s children: follows `$ref`s within the schema.
fn resolve<'a>(root: &'a Value, mut node: &'a Value) -> &'a Value {
    while let Some(r) = node.get("$ref").and_then(Value::as_str) {
        let pointer = r.strip_prefix('#').expect("local $ref");
        node = root
            .pointer(pointer)
            .unwrap_or_else(|| panic!("dangling $ref {r}"));
    }
    node
}

/// Walks `json` beside its schema node, collecting every key path the JSON has that the
/// schema does not describe.
fn undescribed(root: &Value, schema: &Value, json: &Value, at: &str, out: &mut Vec<String>) {
    let schema = resolve(root, schema);
    match json {
        Value::Object(map) => {
            let props = schema.get("properties").and_then(Value::as_object);
            for (key, value) in map {
                match props.and_then(|p| p.get(key)) {
                    Some(child) => undescribed(root, child, value, &format!("{at}.{key}"), out),
                    None => out.push(format!("{at}.{key}")),
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let child = schema
                    .get("prefixItems")
                    .and_then(|p| p.get(i))
                    .or_else(|| schema.get("items"));
                match child {
                    Some(c) if c.is_object() => {
                        undescribed(root, c, item, &format!("{at}[{i}]"), out)
                    }
                    _ => out.push(format!("{at}[{i}]")),
                }
            }
        }
        _ => {}
    }
}

#[test]
fn the_schema_describes_every_field_the_json_emits() {
    let schema = load_json(REPORT_SCHEMA);
    let mut missing = Vec::new();
    for (_, json) in json_examples() {
        undescribed(&schema, &schema, &json, "$", &mut missing);
    }
    missing.sort();
    missing.dedup();
    assert!(
        missing.is_empty(),
        "fields missing from the schema: {missing:?}"
    );
}

/// Every object in the schema is closed (`additionalProperties: false`), so validation rejects
/// any field the schema does not list, and requires only properties it lists. Together with
/// the walk above, the schema and the JSON stay in step both ways.
#[test]
fn every_schema_object_is_closed() {
    fn check(node: &Value, at: &str, problems: &mut Vec<String>) {
        match node {
            Value::Object(map) => {
                if let Some(props) = map.get("properties").and_then(Value::as_object) {
                    if map.get("additionalProperties") != Some(&Value::Bool(false)) {
                        problems.push(format!("{at}: additionalProperties is not false"));
                    }
                    let required: Vec<&str> = map
                        .get("required")
                        .and_then(Value::as_array)
                        .map(|r| r.iter().filter_map(Value::as_str).collect())
                        .unwrap_or_default();
                    if let Some(extra) = required.iter().find(|r| !props.contains_key(**r)) {
                        problems.push(format!("{at}: `{extra}` is required but not listed"));
                    }
                }
                for (k, v) in map {
                    check(v, &format!("{at}/{k}"), problems);
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    check(v, &format!("{at}/{i}"), problems);
                }
            }
            _ => {}
        }
    }
    let schema = load_json(REPORT_SCHEMA);
    let mut problems = Vec::new();
    check(&schema, "#", &mut problems);
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["properties"]["version"]["const"], 1);
}
