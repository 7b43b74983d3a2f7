//! Loading a rulebook: YAML → file structs → validated model, in three steps — the YAML
//! syntax, the shape ([`shape`]: every unknown, missing or wrong-typed key) and the meaning
//! ([`validate`](super::validate), on every part whose shape is right). Every problem found
//! is reported with the file, line and column and the rule it concerns, all at once rather
//! than the first only. serde's messages are worded by [`crate::yaml`]. The default rulebook
//! is embedded in the binary and compiled once per process.

use super::file::{RuleFile, RulebookFile};
use super::model::Rulebook;
use super::shape;
use super::validate::{key, validate, Phrases};
use crate::error::{Diagnostic, Error};
use crate::yaml::path::value_at;
use crate::yaml::Seg;
use std::path::Path;
use std::sync::OnceLock;

/// Name of the default rulebook.
pub const DEFAULT_RULEBOOK_NAME: &str = "mali-2015";

/// The default rulebook's YAML, embedded at build time.
pub const DEFAULT_RULEBOOK: &str = include_str!("../../rules/mali-2015.yaml");

/// Loads and validates a rulebook file.
pub fn load_rulebook(path: &Path) -> Result<Rulebook, Error> {
    let text =
        crate::limits::read_text_bounded(path, crate::limits::MAX_RULEBOOK_BYTES, "a rulebook")
            .map_err(|e| Error::Io {
                action: "read",
                path: path.to_path_buf(),
                source: e.into_io(),
            })?;
    parse_rulebook(&path.display().to_string(), &text)
}

/// The default rulebook (`rules/mali-2015.yaml`, embedded), compiled once. Its phrases are
/// not checked again at every start: the test suite checks every one of them
/// (`the_default_rulebook_is_valid`), and each builds its regex when a draft first needs it.
#[allow(clippy::expect_used)] // audited: the text is part of the binary and tested, not input
pub fn default_rulebook() -> Rulebook {
    static DEFAULT: OnceLock<Rulebook> = OnceLock::new();
    DEFAULT
        .get_or_init(|| {
            parse(
                &format!("<embedded {DEFAULT_RULEBOOK_NAME}>"),
                DEFAULT_RULEBOOK,
                Phrases::Trusted,
            )
            .expect("the embedded default rulebook is valid (checked by its tests)")
        })
        .clone()
}

/// Parses and validates a rulebook from its text; `origin` names it in messages.
pub fn parse_rulebook(origin: &str, text: &str) -> Result<Rulebook, Error> {
    parse(origin, text, Phrases::Check)
}

/// Parses and validates a rulebook, its phrases checked or, for the embedded rulebook that
/// the tests check, trusted.
fn parse(origin: &str, text: &str, phrases: Phrases) -> Result<Rulebook, Error> {
    // YAML syntax first: nothing else can be read past a syntax error.
    let doc: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| {
        let reworded = crate::yaml::reword("rulebook", &e);
        let hint = reworded.limit_hint.unwrap_or_else(|| {
            "check the indentation and the `key: value` form around this place".to_string()
        });
        let (line, column) = reworded.at.unwrap_or((1, 1));
        Error::Rulebook(vec![Diagnostic::new(origin, reworded.message)
            .at(line, column)
            .hint(hint)])
    })?;
    // Then the shape: every unknown key, missing key and wrong type at once.
    let rule_id = |i: usize| -> String {
        id_at(&doc, &rule_path(i, &[])).map_or_else(|| format!("#{}", i + 1), str::to_string)
    };
    let mut diags: Vec<Diagnostic> = shape::check(text, &doc)
        .into_iter()
        .map(|p| {
            let mut message = p.message;
            if let (Some(r), Some(c)) = (p.rule_index, p.criterion_index) {
                let id = id_at(&doc, &rule_path(r, &[key("criteria"), Seg::Index(c)]));
                if let Some(id) = id {
                    message = message.replace("in a criterion", &format!("in criterion `{id}`"));
                }
            }
            let mut d = Diagnostic::new(origin, message).at(p.line, p.column);
            if let Some(i) = p.rule_index {
                d = d.rule(rule_id(i));
            }
            match p.hint {
                Some(h) => d.hint(h),
                None => d,
            }
        })
        .collect();
    // Then the meaning, on every part whose shape is right.
    let file = if diags.is_empty() {
        match serde_yaml::from_value::<RulebookFile>(doc.clone()) {
            Ok(f) => {
                let indices = (0..f.rules.len()).collect();
                Some((f, indices))
            }
            Err(e) => {
                let (rule, message) = name_rule(&doc, &crate::yaml::message(&e.to_string()));
                let mut d = Diagnostic::new(origin, message).at(1, 1);
                if let Some(rule) = rule {
                    d = d.rule(rule);
                }
                diags.push(d);
                None
            }
        }
    } else {
        partial_file(&doc)
    };
    let complete = diags.is_empty();
    let rulebook = file.map(|(f, indices)| {
        let (rulebook, problems) = validate(origin, text, f, &indices, complete, phrases);
        diags.extend(problems);
        rulebook
    });
    match rulebook {
        Some(rb) if diags.is_empty() => Ok(rb),
        _ => {
            diags.sort_by_key(|d| (d.line, d.column));
            Err(Error::Rulebook(diags))
        }
    }
}

/// The YAML path of the rule at `index` in `rules`, followed by `rest`.
fn rule_path(index: usize, rest: &[Seg]) -> Vec<Seg> {
    let mut path = vec![key("rules"), Seg::Index(index)];
    path.extend_from_slice(rest);
    path
}

/// The `id` of the object at `path`, if it has one that is text.
fn id_at<'a>(doc: &'a serde_yaml::Value, path: &[Seg]) -> Option<&'a str> {
    let mut path = path.to_vec();
    path.push(key("id"));
    value_at(doc, &path)?.as_str()
}

/// The parts of a rulebook whose shape is right, so that their meaning can be checked too
/// when other parts are broken; with the place in the file's `rules` list of each rule kept.
fn partial_file(doc: &serde_yaml::Value) -> Option<(RulebookFile, Vec<usize>)> {
    use super::file::SourceFile;
    // Not a rulebook at all (empty, a list): the shape problem says so; nothing else to check.
    doc.as_mapping()?;
    let text = |k: &str| {
        doc.get(k)
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string()
    };
    let (indices, rules): (Vec<usize>, Vec<RuleFile>) = doc
        .get("rules")
        .and_then(|r| r.as_sequence())
        .map(|items| {
            items
                .iter()
                .enumerate()
                .filter_map(|(i, r)| {
                    let r = shape::without_unknown_keys(r, shape::Shape::Rule);
                    serde_yaml::from_value::<RuleFile>(r).ok().map(|r| (i, r))
                })
                .unzip()
        })
        .unwrap_or_default();
    let file = RulebookFile {
        id: text("id"),
        title: text("title"),
        description: None,
        source: doc
            .get("source")
            .and_then(|s| serde_yaml::from_value::<SourceFile>(s.clone()).ok())
            .unwrap_or(SourceFile {
                author: String::new(),
                title: String::new(),
                publisher: String::new(),
                date: String::new(),
                url: None,
                licence: None,
            }),
        vocabularies: doc
            .get("vocabularies")
            .and_then(|v| serde_yaml::from_value(v.clone()).ok())
            .unwrap_or_default(),
        rules,
    };
    Some((file, indices))
}

/// serde_yaml prefixes its message with the path of the value (`rules[2].criteria[0]: …`).
/// Turn that path into the rule's id and the criterion's id, which is what a rule author
/// knows them by; another path is kept after the message.
fn name_rule(doc: &serde_yaml::Value, msg: &str) -> (Option<String>, String) {
    let Some((path, rest)) = msg.split_once(": ") else {
        return (None, msg.to_string());
    };
    if !path.starts_with("rules[") || path.contains(' ') {
        return match crate::yaml::key_path(msg) {
            Some((path, rest)) => (None, format!("{rest} (in `{path}`)")),
            None => (None, msg.to_string()),
        };
    }
    let index = |seg: &str, key: &str| -> Option<usize> {
        seg.strip_prefix(key)?
            .strip_prefix('[')?
            .strip_suffix(']')?
            .parse()
            .ok()
    };
    let segs: Vec<&str> = path.split('.').collect();
    let rule_index = index(segs[0], "rules");
    let rule = rule_index.and_then(|r| id_at(doc, &rule_path(r, &[])).map(str::to_string));
    let mut message = rest.to_string();
    if let Some(i) = segs.get(1).and_then(|s| index(s, "criteria")) {
        let crit =
            rule_index.and_then(|r| id_at(doc, &rule_path(r, &[key("criteria"), Seg::Index(i)])));
        message = match crit {
            Some(c) => format!("criterion `{c}`: {message}"),
            None => format!("criterion {}: {message}", i + 1),
        };
    } else if let Some(i) = segs.get(1).and_then(|s| index(s, "examples")) {
        message = format!("example {}: {message}", i + 1);
    }
    let rule = rule.or_else(|| rule_index.map(|i| format!("#{}", i + 1)));
    (rule, message)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::vocab::{Addressee, Force};

    /// A valid rulebook of one rule, for tests to break.
    pub(in crate::rulebook) const MINI: &str = r#"
id: mini
title: Mini
source:
  author: A. Author
  title: A paper
  publisher: A publisher
  date: "2015-04-27"
vocabularies:
  crime: [organised crime, traffick\w*]
rules:
  - id: crime
    title: Crime
    weight: 2
    recommendation: Task the mission with crime.
    rationale: Because.
    quote: "combat organized crime"
    suggested: Decides that the mission shall combat organized crime.
    criteria:
      - id: task
        means: a crime task
        any: ["@crime"]
        force: mandate
        addressee: [un]
    verdict:
      met: task
"#;

    pub(in crate::rulebook) fn errors(text: &str) -> Vec<Diagnostic> {
        match parse_rulebook("r.yaml", text) {
            Err(Error::Rulebook(d)) => d,
            other => panic!("expected errors, got {other:?}"),
        }
    }

    #[test]
    fn a_valid_rulebook_loads_with_vocabularies_expanded() {
        let rb = parse_rulebook("r.yaml", MINI).unwrap();
        assert_eq!(rb.rules.len(), 1);
        let c = &rb.rules[0].criteria[0];
        assert_eq!(c.any.len(), 2);
        assert_eq!(c.force, Force::Mandate);
        assert!(c.addressees.contains(&Addressee::SecretaryGeneral));
        assert_eq!(rb.rules[0].line, 12);
    }

    #[test]
    fn unknown_key_names_line_column_and_suggests() {
        let d = &errors(&MINI.replace("    weight: 2", "    wieght: 2"))[0];
        assert_eq!((d.line, d.column), (Some(14), Some(5)));
        assert!(
            d.message.starts_with("unknown key `wieght`"),
            "{}",
            d.message
        );
        assert_eq!(d.rule.as_deref(), Some("crime"));
        assert_eq!(d.hint.as_deref(), Some("did you mean `weight`?"));
    }

    #[test]
    fn a_mistake_in_a_criterion_names_the_rule_and_the_criterion() {
        let d = &errors(&MINI.replace("        force: mandate", "        forse: mandate"))[0];
        assert_eq!(d.rule.as_deref(), Some("crime"));
        assert_eq!(d.message, "unknown key `forse` in criterion `task`");
        assert_eq!(d.hint.as_deref(), Some("did you mean `force`?"));
    }

    #[test]
    fn the_default_rulebook_is_valid() {
        let rb = parse_rulebook("mali-2015.yaml", DEFAULT_RULEBOOK).unwrap();
        assert_eq!(rb.id, "mali-2015");
        // Its phrases are all checked here, so the embedded copy can trust them: the same
        // patterns either way, and every one builds.
        let trusted = default_rulebook();
        let patterns =
            |rb: &Rulebook| -> Vec<String> { rb.phrases().map(|p| p.pattern.clone()).collect() };
        assert_eq!(patterns(&trusted), patterns(&rb));
        for r in &trusted.rules {
            for c in &r.criteria {
                for p in c.any.iter().chain(c.all.iter().flatten()).chain(&c.exclude) {
                    assert!(regex::Regex::new(&p.pattern).is_ok(), "{}", p.pattern);
                }
            }
        }
    }
}
