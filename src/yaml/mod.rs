//! YAML as people write it: parsing into the file structs with serde, serde's messages
//! reworded for the person editing the file and placed at their line and column, and finding
//! a value's place from its path ([`path`]). Every reader of a YAML file — rulebooks,
//! configuration, waivers, structured mandates, labels — words its errors here.

pub mod path;

pub use path::{locate, Seg};

use crate::error::Diagnostic;
use crate::fixed_regex::fixed_regex;
use regex::Regex;
use serde::de::DeserializeOwned;
use std::sync::LazyLock;

/// Parses YAML into `T`, turning serde's error into a located [`Diagnostic`]: `file:line:col:
/// unknown key `x`` with a "did you mean" hint. An empty file (or one of comments only) is an
/// empty mapping.
pub(crate) fn parse<T: DeserializeOwned>(origin: &str, text: &str) -> Result<T, Vec<Diagnostic>> {
    let empty = text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
    let result = if empty {
        serde_yaml::from_str("{}")
    } else {
        serde_yaml::from_str(text)
    };
    result.map_err(|e| {
        let raw = e.to_string();
        let mut d = Diagnostic::new(origin, without_key_path(&message(&raw)));
        if let Some(loc) = e.location() {
            d = d.at(loc.line() as u32, loc.column() as u32);
        }
        if let Some(hint) = unknown_key_hint(&raw) {
            d = d.hint(hint);
        }
        vec![d]
    })
}

/// serde's message, reworded for a person editing the file: no position (it is printed in
/// front), no Rust words ("unknown key", not "unknown field"), the allowed keys left to the
/// hint.
pub(crate) fn message(raw: &str) -> String {
    static AT: LazyLock<Regex> = LazyLock::new(|| fixed_regex(r",? at line \d+ column \d+"));
    let owned = AT.replace_all(raw.trim(), "");
    let msg = owned.as_ref();
    let msg = match msg.find(", expected one of") {
        Some(i) if msg.contains("unknown field") => &msg[..i],
        _ => msg,
    };
    msg.replace("unknown field", "unknown key")
        .replace("missing field", "missing key")
}

/// serde_yaml puts the path of the value in front (`bars: …`, `overrides[0]: …`); for an
/// unknown key the line and column say the same more precisely. Other messages keep it, as
/// their position is the start of the enclosing mapping.
fn without_key_path(msg: &str) -> String {
    match msg.split_once(": ") {
        Some((path, rest))
            if !path.is_empty()
                && rest.starts_with("unknown key")
                && path
                    .chars()
                    .all(|c| c.is_alphanumeric() || "[]._-".contains(c)) =>
        {
            rest.to_string()
        }
        _ => msg.to_string(),
    }
}

/// The hint for serde's message: the closest allowed key for an unknown one ("did you mean
/// `weight`?"), else the allowed keys; what to do for a missing one.
pub(crate) fn unknown_key_hint(msg: &str) -> Option<String> {
    if msg.contains("unknown field") {
        let bad = msg.split('`').nth(1).unwrap_or("");
        let expected: Vec<&str> = match msg.find("expected") {
            Some(b) => msg[b..].split('`').skip(1).step_by(2).collect(),
            None => Vec::new(),
        };
        if let Some(best) = crate::error::closest(bad, &expected) {
            return Some(format!("did you mean `{best}`?"));
        }
        if !expected.is_empty() {
            return Some(format!("allowed keys here: {}", expected.join(", ")));
        }
    }
    if msg.contains("missing field") {
        return Some("add the key; docs/configuration.md lists every key".into());
    }
    None
}
