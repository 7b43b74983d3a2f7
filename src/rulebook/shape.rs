//! The shape of a rulebook file, checked before it is read into Rust types, so that every
//! unknown key, missing key and wrong type is reported at once — serde stops at the first.
//! The key tables here mirror the structs in `file.rs`; a test keeps the two in step.

use crate::yaml::{locate, Seg};
use serde_yaml::Value;

/// What a value must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Text.
    Text,
    /// A number.
    Number,
    /// A whole number ≥ 0.
    Count,
    /// A list of texts.
    Texts,
    /// A list whose items are texts or lists of texts (`all:`).
    TextsOrLists,
    /// A mapping from names to lists of texts (`vocabularies:`).
    Vocabularies,
    /// A nested object of the given shape.
    Object(Shape),
    /// A list of objects of the given shape.
    Objects(Shape),
}

/// One key of an object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Key {
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
}

const fn req(name: &'static str, kind: Kind) -> Key {
    Key {
        name,
        kind,
        required: true,
    }
}

const fn opt(name: &'static str, kind: Kind) -> Key {
    Key {
        name,
        kind,
        required: false,
    }
}

/// The objects of a rulebook file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    Rulebook,
    Source,
    Rule,
    Criterion,
    Verdict,
    Example,
}

impl Shape {
    /// What the object is called in messages.
    pub fn noun(self) -> &'static str {
        match self {
            Shape::Rulebook => "the rulebook",
            Shape::Source => "`source`",
            Shape::Rule => "a rule",
            Shape::Criterion => "a criterion",
            Shape::Verdict => "`verdict`",
            Shape::Example => "an example",
        }
    }

    /// Its keys.
    pub fn keys(self) -> &'static [Key] {
        match self {
            Shape::Rulebook => RULEBOOK_KEYS,
            Shape::Source => SOURCE_KEYS,
            Shape::Rule => RULE_KEYS,
            Shape::Criterion => CRITERION_KEYS,
            Shape::Verdict => VERDICT_KEYS,
            Shape::Example => EXAMPLE_KEYS,
        }
    }
}

use Kind::*;

const RULEBOOK_KEYS: &[Key] = &[
    req("id", Text),
    req("title", Text),
    opt("description", Text),
    req("source", Object(Shape::Source)),
    opt("vocabularies", Vocabularies),
    req("rules", Objects(Shape::Rule)),
];

const SOURCE_KEYS: &[Key] = &[
    req("author", Text),
    req("title", Text),
    req("publisher", Text),
    req("date", Text),
    opt("url", Text),
    opt("licence", Text),
];

const RULE_KEYS: &[Key] = &[
    req("id", Text),
    req("title", Text),
    opt("area", Text),
    req("weight", Number),
    req("recommendation", Text),
    req("rationale", Text),
    req("quote", Text),
    req("suggested", Text),
    req("criteria", Objects(Shape::Criterion)),
    req("verdict", Object(Shape::Verdict)),
    opt("examples", Objects(Shape::Example)),
];

const CRITERION_KEYS: &[Key] = &[
    req("id", Text),
    req("means", Text),
    opt("any", Texts),
    opt("all", TextsOrLists),
    opt("within", Text),
    opt("near", Count),
    opt("part", Text),
    opt("force", Text),
    opt("addressee", Texts),
    opt("exclude", Texts),
    opt("fact", Text),
];

const VERDICT_KEYS: &[Key] = &[req("met", Text), opt("partial", Text)];

const EXAMPLE_KEYS: &[Key] = &[req("verdict", Text), req("text", Text), opt("note", Text)];

/// A structural problem: where, what, and a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    pub line: u32,
    pub column: u32,
    /// Index of the rule concerned, when inside `rules`.
    pub rule_index: Option<usize>,
    /// Index of the criterion concerned, when inside a rule's `criteria`.
    pub criterion_index: Option<usize>,
    pub message: String,
    pub hint: Option<String>,
}

/// Checks the whole document; returns every problem found, in document order.
pub(crate) fn check(text: &str, doc: &Value) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut path = Vec::new();
    check_object(text, doc, Shape::Rulebook, &mut path, &mut out);
    out.sort_by_key(|p| (p.line, p.column));
    out.dedup();
    out
}

fn rule_index(path: &[Seg]) -> Option<usize> {
    match path {
        [Seg::Key(k), Seg::Index(i), ..] if k == "rules" => Some(*i),
        _ => None,
    }
}

fn criterion_index(path: &[Seg]) -> Option<usize> {
    match path {
        [_, _, Seg::Key(k), Seg::Index(i), ..] if k == "criteria" => Some(*i),
        _ => None,
    }
}

fn problem(text: &str, path: &[Seg], message: String, hint: Option<String>) -> Problem {
    let (line, column) = locate(text, path);
    Problem {
        line,
        column,
        rule_index: rule_index(path),
        criterion_index: criterion_index(path),
        message,
        hint,
    }
}

fn check_object(text: &str, v: &Value, shape: Shape, path: &mut Vec<Seg>, out: &mut Vec<Problem>) {
    let Value::Mapping(map) = v else {
        out.push(problem(
            text,
            path,
            format!(
                "{} must be a set of `key: value` lines, found {}",
                shape.noun(),
                describe(v)
            ),
            None,
        ));
        return;
    };
    let keys = shape.keys();
    // A misspelt key is one problem, not two: its unknown spelling is reported (with the
    // right one as a hint) and the required key it stands for is not also called missing.
    let names: Vec<&str> = keys.iter().map(|k| k.name).collect();
    let misspelt: Vec<&str> = map
        .keys()
        .filter_map(|k| k.as_str())
        .filter(|k| !names.contains(k))
        .filter_map(|k| crate::error::closest(k, &names))
        .collect();
    for (k, value) in map {
        let Some(name) = k.as_str() else {
            out.push(problem(
                text,
                path,
                format!("a key in {} is not text: {}", shape.noun(), describe(k)),
                None,
            ));
            continue;
        };
        path.push(Seg::Key(name.to_string()));
        match keys.iter().find(|key| key.name == name) {
            None => {
                let names: Vec<&str> = keys.iter().map(|k| k.name).collect();
                let hint = match crate::error::closest(name, &names) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => format!("allowed keys here: {}", names.join(", ")),
                };
                out.push(problem(
                    text,
                    path,
                    format!("unknown key `{name}` in {}", shape.noun()),
                    Some(hint),
                ));
            }
            Some(key) => check_value(text, value, key, path, out),
        }
        path.pop();
    }
    for key in keys.iter().filter(|k| k.required) {
        if !map.contains_key(key.name) && !misspelt.contains(&key.name) {
            out.push(problem(
                text,
                path,
                format!("missing key `{}` in {}", key.name, shape.noun()),
                Some(format!(
                    "add `{}:`; docs/rulebook-format.md says what it holds",
                    key.name
                )),
            ));
        }
    }
}

fn check_value(text: &str, v: &Value, key: &Key, path: &mut Vec<Seg>, out: &mut Vec<Problem>) {
    let mut wrong = |expected: &str| {
        out.push(problem(
            text,
            path,
            format!("`{}` must be {expected}, found {}", key.name, describe(v)),
            None,
        ));
    };
    match key.kind {
        Kind::Text => {
            if !v.is_string() {
                wrong("text");
            }
        }
        Kind::Number => {
            if !v.is_number() {
                wrong("a number");
            }
        }
        Kind::Count => {
            if v.as_u64().is_none() {
                wrong("a whole number");
            }
        }
        Kind::Texts => match v.as_sequence() {
            Some(items) if items.iter().all(Value::is_string) => {}
            Some(_) => wrong("a list of texts"),
            None => wrong("a list, e.g. `[a, b]`"),
        },
        Kind::TextsOrLists => match v.as_sequence() {
            Some(items)
                if items.iter().all(|i| {
                    i.is_string()
                        || i.as_sequence()
                            .is_some_and(|s| s.iter().all(Value::is_string))
                }) => {}
            _ => wrong("a list whose items are phrases or lists of phrases"),
        },
        Kind::Vocabularies => match v.as_mapping() {
            Some(m)
                if m.iter().all(|(k, l)| {
                    k.is_string()
                        && l.as_sequence()
                            .is_some_and(|s| s.iter().all(Value::is_string))
                }) => {}
            _ => wrong("named lists of phrases (`name: [phrase, …]`)"),
        },
        Kind::Object(shape) => check_object(text, v, shape, path, out),
        Kind::Objects(shape) => match v.as_sequence() {
            Some(items) => {
                for (i, item) in items.iter().enumerate() {
                    path.push(Seg::Index(i));
                    check_object(text, item, shape, path, out);
                    path.pop();
                }
            }
            None => wrong("a list (each item starting with `- `)"),
        },
    }
}

/// A copy of `v` without the keys its shape does not know, so that a rule whose only fault
/// is a misspelt key can still have its meaning checked.
pub(crate) fn without_unknown_keys(v: &Value, shape: Shape) -> Value {
    let Value::Mapping(map) = v else {
        return v.clone();
    };
    let names: Vec<&str> = shape.keys().iter().map(|k| k.name).collect();
    let mut out = serde_yaml::Mapping::new();
    for (k, value) in map {
        // A misspelt key is read as the key it stands for, when that one is not also there.
        let name = k.as_str().and_then(|name| {
            if names.contains(&name) {
                Some(name)
            } else {
                crate::error::closest(name, &names).filter(|n| !map.contains_key(*n))
            }
        });
        let Some(key) = name.and_then(|name| shape.keys().iter().find(|key| key.name == name))
        else {
            continue;
        };
        let k = &Value::String(key.name.to_string());
        let value = match (key.kind, value) {
            (Kind::Object(inner), _) => without_unknown_keys(value, inner),
            (Kind::Objects(inner), Value::Sequence(items)) => Value::Sequence(
                items
                    .iter()
                    .map(|i| without_unknown_keys(i, inner))
                    .collect(),
            ),
            _ => value.clone(),
        };
        out.insert(k.clone(), value);
    }
    Value::Mapping(out)
}

fn describe(v: &Value) -> String {
    match v {
        Value::Null => "nothing".into(),
        Value::Bool(b) => format!("`{b}` (true/false)"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => {
            let short: String = s.chars().take(30).collect();
            format!(
                "the text \"{short}{}\"",
                if s.chars().count() > 30 { "…" } else { "" }
            )
        }
        Value::Sequence(_) => "a list".into(),
        Value::Mapping(_) => "a set of `key: value` lines".into(),
        Value::Tagged(t) => format!("a value tagged {}", t.tag),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rulebook::file::{
        CriterionFile, ExampleFile, RuleFile, RulebookFile, SourceFile, VerdictFile,
    };

    /// serde's own list of a struct's fields, read from its "unknown field" message.
    fn serde_fields<T: serde::de::DeserializeOwned + std::fmt::Debug>() -> Vec<String> {
        let err = serde_yaml::from_str::<T>("__probe__: 1")
            .unwrap_err()
            .to_string();
        let expected = &err[err.find("expected").expect("serde lists the fields")..];
        let mut v: Vec<String> = expected
            .split('`')
            .skip(1)
            .step_by(2)
            .map(String::from)
            .collect();
        v.sort();
        v
    }

    fn table(shape: Shape) -> Vec<String> {
        let mut v: Vec<String> = shape.keys().iter().map(|k| k.name.to_string()).collect();
        v.sort();
        v
    }

    #[test]
    fn key_tables_match_the_file_structs() {
        assert_eq!(table(Shape::Rulebook), serde_fields::<RulebookFile>());
        assert_eq!(table(Shape::Source), serde_fields::<SourceFile>());
        assert_eq!(table(Shape::Rule), serde_fields::<RuleFile>());
        assert_eq!(table(Shape::Criterion), serde_fields::<CriterionFile>());
        assert_eq!(table(Shape::Verdict), serde_fields::<VerdictFile>());
        assert_eq!(table(Shape::Example), serde_fields::<ExampleFile>());
    }

    #[test]
    fn every_problem_is_found_not_only_the_first() {
        let text = "id: x\nsource: {author: A, title: T, publisher: P}\ntitle: T\nrules:\n  - id: r\n    title: R\n    wieght: 2\n    criteria: none\n";
        let doc: Value = serde_yaml::from_str(text).unwrap();
        let msgs: Vec<String> = check(text, &doc)
            .into_iter()
            .map(|p| format!("{}:{} {}", p.line, p.column, p.message))
            .collect();
        assert_eq!(
            msgs,
            [
                "2:1 missing key `date` in `source`",
                "5:5 missing key `recommendation` in a rule",
                "5:5 missing key `rationale` in a rule",
                "5:5 missing key `quote` in a rule",
                "5:5 missing key `suggested` in a rule",
                "5:5 missing key `verdict` in a rule",
                "7:5 unknown key `wieght` in a rule",
                "8:5 `criteria` must be a list (each item starting with `- `), found the text \"none\"",
            ]
        );
    }
}
