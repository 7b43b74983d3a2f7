//! YAML as people write it: parsing into the file structs with serde, serde's messages
//! reworded for the person editing the file and placed at their line and column, and finding
//! a value's place from its path ([`path`]). Every reader of a YAML file — rulebooks,
//! configuration, waivers, structured mandates, labels — words its errors here and finds its
//! places in [`path`].

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
        if let Some((line, column)) = position(&e) {
            d = d.at(line, column);
        }
        if let Some(hint) = unknown_key_hint(&raw) {
            d = d.hint(hint);
        }
        vec![d]
    })
}

/// A serde_yaml error in a reader's words, for readers that parse in steps of their own.
pub(crate) struct Reworded {
    /// The message: a reader limit's own, else serde's reworded by [`message`].
    pub message: String,
    /// The hint of a reader limit (alias bomb, runaway nesting); `None` for an ordinary
    /// mistake, whose hint depends on the file.
    pub limit_hint: Option<String>,
    /// The 1-based (line, column) serde gives, if any.
    pub at: Option<(u32, u32)>,
}

/// `e` reworded: the YAML reader's limits in plain words (`what` names the file's kind:
/// "rulebook", "structured mandate"), any other message through [`message`].
pub(crate) fn reword(what: &str, e: &serde_yaml::Error) -> Reworded {
    let raw = e.to_string();
    let (message, limit_hint) = match reader_limit(what, &raw) {
        Some((message, hint)) => (message, Some(hint)),
        None => (message(&raw), None),
    };
    Reworded {
        message,
        limit_hint,
        at: position(e),
    }
}

/// The message and hint for a YAML reader limit that `raw` (a serde_yaml error message)
/// reports, or `None` if it reports an ordinary syntax error. `what` names the file's kind in
/// the message: "rulebook", "structured mandate".
///
/// Both limits are the YAML reader's own and cannot be raised; the hint says so, and what to
/// change in the file instead.
fn reader_limit(what: &str, raw: &str) -> Option<(String, String)> {
    if raw.contains("repetition limit exceeded") {
        Some((
            format!(
                "the {what}'s YAML aliases (`*name`) expand to too much text: it looks like an \
                 alias bomb"
            ),
            "write the repeated parts out, or use fewer aliases; the YAML reader's limit on \
             alias expansion cannot be raised"
                .to_string(),
        ))
    } else if raw.contains("recursion limit exceeded") {
        Some((
            format!("the {what} nests lists or mappings too deeply (more than 128 levels)"),
            format!(
                "a {what} needs only a few levels: check for runaway `[` or `-` nesting; the \
                 YAML reader's limit of 128 levels cannot be raised"
            ),
        ))
    } else {
        None
    }
}

/// The 1-based (line, column) of a serde_yaml error, if it has one.
fn position(e: &serde_yaml::Error) -> Option<(u32, u32)> {
    let to_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    e.location()
        .map(|loc| (to_u32(loc.line()), to_u32(loc.column())))
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
    match key_path(msg) {
        Some((path, rest)) if !path.is_empty() && rest.starts_with("unknown key") => {
            rest.to_string()
        }
        _ => msg.to_string(),
    }
}

/// serde_yaml's message split into the path of the value it puts in front (`bars`,
/// `rules[2].criteria[0]`) and the rest, when what comes before the first `: ` is such a path.
pub(crate) fn key_path(msg: &str) -> Option<(&str, &str)> {
    let (path, rest) = msg.split_once(": ")?;
    path.chars()
        .all(|c| c.is_alphanumeric() || "[]._-".contains(c))
        .then_some((path, rest))
}

/// serde's "invalid type: sequence, expected a string" in a user's words: "expected text,
/// found a list".
pub(crate) fn plain_types(message: &str) -> String {
    static INVALID: LazyLock<Regex> =
        LazyLock::new(|| fixed_regex(r"invalid (?:type|value): (.+?), expected (.+)$"));
    let Some(c) = INVALID.captures(message) else {
        return message.to_string();
    };
    let found = match &c[1] {
        "sequence" => "a list".to_string(),
        "map" => "a mapping".to_string(),
        "unit value" => "nothing".to_string(),
        other => other.to_string(),
    };
    let expected = match &c[2] {
        "a string" => "text",
        other => other,
    };
    format!(
        "{}expected {expected}, found {found}",
        &message[..c.get(0).map_or(0, |m| m.start())],
    )
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
