//! The structured YAML mandate reader: a mandate described provision by provision, with
//! optional facts ("police: {arrest: false}") for what text cannot say plainly.
//!
//! ```yaml
//! title: Resolution 2100 (2013) — MINUSMA
//! mission: MINUSMA
//! adopted: 2013-04-25
//! provisions:              # in order; the id's PP/OP prefix decides the part unless `part:`
//!   - id: OP16(a)(i)
//!     text: …
//!     force: mandate       # optional override of the classified force (also `addressee:`)
//! facts:
//!   police: {arrest: false}  # flattened to dotted paths: police.arrest
//! ```
//!
//! Unknown keys, bad values and duplicate ids are errors located at their line and column.
//! Provisions keep the lines of their `text` in the file; facts keep the line of their key.
//! Sub-paragraph ids (`OP16(a)(i)`) get their parent from the id and, without a verb of their
//! own, inherit their parent's force and addressee, as in the text reader.

use super::classify::inherit;
use super::{
    classify_clauses, Addressee, Fact, FactValue, Force, Mandate, Part, Provision, SourceFormat,
};
use crate::error::{Diagnostic, Error};
use crate::fixed_regex::fixed_regex;
use crate::yaml::path::{Lines, Place};
use crate::yaml::Seg;
use regex::Regex;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

/// The file as written. Its JSON Schema (`schemas/mandate.schema.json`) is generated from
/// these structs, so the doc comments below are what an editor shows.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(
    deny_unknown_fields,
    expecting = "a mapping of title, mission, adopted, provisions and facts"
)]
#[schemars(rename = "MandateFile")]
pub(crate) struct Doc {
    /// The resolution's title, e.g. `Resolution 2100 (2013) — MINUSMA`.
    title: Option<String>,
    /// The mission's acronym, e.g. `MINUSMA`.
    mission: Option<String>,
    /// Date of adoption, ISO 8601 (`2013-04-25`).
    #[schemars(with = "Option<String>")]
    adopted: Option<serde_yaml::Value>,
    /// The provisions, in the order of the text.
    #[serde(default)]
    provisions: Vec<Item>,
    /// What text cannot say plainly, as nested keys read as dotted paths
    /// (`police: {arrest: false}` is the fact `police.arrest`): true/false, a number or text.
    #[serde(default)]
    #[schemars(with = "std::collections::BTreeMap<String, FactWord>")]
    facts: Option<serde_yaml::Mapping>,
}

/// One provision as written.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(
    deny_unknown_fields,
    expecting = "a provision: a mapping with an id and a text"
)]
#[schemars(rename = "Provision")]
struct Item {
    /// The provision's id: `PP3`, `OP16`, `OP16(a)(iii)`, `B-OP14` (section B); the PP/OP
    /// prefix decides the part unless `part` is given.
    id: String,
    /// The provision's text.
    text: String,
    /// Where it stands, when the id does not say.
    part: Option<Part>,
    /// The section it belongs to (`B`), when the id does not say.
    section: Option<String>,
    /// Overrides the force read from the provision's verb.
    force: Option<Force>,
    /// Overrides the addressee read from the provision's text.
    addressee: Option<Addressee>,
}

/// Reads a structured mandate description. `label` names the file in diagnostics.
pub fn read_yaml(label: &str, text: &str) -> Result<Mandate, Error> {
    let doc: Doc = serde_yaml::from_str(text).map_err(|e| syntax_error(label, &e))?;
    let lines: Vec<&str> = text.lines().collect();
    let items = locate_items(&lines, &doc.provisions);
    let mut seen: HashMap<&str, u32> = HashMap::new();
    let mut provisions: Vec<Provision> = Vec::with_capacity(doc.provisions.len());
    for (item, loc) in doc.provisions.iter().zip(&items) {
        if let Some(first) = seen.insert(item.id.as_str(), loc.id_line) {
            return Err(located(
                label,
                loc.id_line,
                format!(
                    "duplicate provision id `{}` (first given on line {first})",
                    item.id
                ),
                "give each provision its own id",
            ));
        }
        let (section, bare) = split_section(&item.id);
        let part = match item.part {
            Some(p) => p,
            None => part_from_id(bare).ok_or_else(|| {
                located(
                    label,
                    loc.id_line,
                    format!("cannot tell the part of provision `{}` from its id", item.id),
                    "start the id with PP or OP (e.g. PP3, OP16(a)), or add `part: preambular|operative|annex|header`",
                )
            })?,
        };
        let parent = parent_id(&item.id)
            .into_iter()
            .find(|p| provisions.iter().any(|q| &q.id == p));
        let mut clauses = classify_clauses(&item.text, part);
        if let Some(pid) = &parent {
            let pc = provisions
                .iter()
                .find(|q| &q.id == pid)
                .and_then(|q| q.clauses.last());
            if part == Part::Operative {
                inherit(&mut clauses, pc, &item.text);
            }
        }
        for c in &mut clauses {
            if let Some(f) = item.force {
                c.force = f;
            }
            if let Some(a) = item.addressee {
                c.addressee = a;
            }
        }
        provisions.push(Provision {
            id: item.id.clone(),
            part,
            section: item.section.clone().or(section),
            parent,
            text: item.text.clone(),
            first_line: loc.text_lines.0,
            last_line: loc.text_lines.1,
            line_map: line_map(&item.text, &lines, loc.text_lines),
            clauses,
        });
    }
    let mut facts = BTreeMap::new();
    if let Some(map) = &doc.facts {
        let lines = Lines::new(text);
        let at = lines.find(lines.top(), &[Seg::Key("facts".into())]);
        flatten(label, &lines, "", at, map, &mut facts)?;
    }
    Ok(Mandate {
        path: label.to_string(),
        format: SourceFormat::Yaml,
        title: doc.title,
        mission: doc.mission,
        adopted: doc.adopted.as_ref().and_then(scalar_text),
        provisions,
        facts,
        pages: Vec::new(),
    })
}

/// A serde error as a located diagnostic with a hint.
fn syntax_error(label: &str, e: &serde_yaml::Error) -> Error {
    let reworded = crate::yaml::reword("structured mandate", e);
    if let Some(hint) = reworded.limit_hint {
        let (line, column) = reworded.at.unwrap_or((1, 1));
        return Error::Mandate(
            Diagnostic::new(label, reworded.message)
                .at(line, column)
                .hint(hint),
        );
    }
    let message = crate::yaml::plain_types(&reworded.message);
    let hint = if message.contains("unknown key") {
        "keys allowed: title, mission, adopted, provisions, facts; in a provision: id, text, part, section, force, addressee"
    } else if message.contains("unknown variant") {
        "part: header|preambular|operative|annex; force: context|no-action|call|mandate; addressee: mission|secretary-general|un-body|council|states|government|parties|regional|unspecified"
    } else if message.contains("missing key") {
        "each provision needs an `id` and a `text`"
    } else {
        "a structured mandate is a YAML mapping with title, mission, adopted, provisions and facts"
    };
    let mut d = Diagnostic::new(label, message).hint(hint);
    if let Some((line, column)) = reworded.at {
        d = d.at(line, column);
    }
    Error::Mandate(d)
}

fn located(label: &str, line: u32, message: String, hint: &str) -> Error {
    Error::Mandate(Diagnostic::new(label, message).at(line, 1).hint(hint))
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Where a provision stands in the file.
#[derive(Debug, Clone, Copy, Default)]
struct ItemLines {
    id_line: u32,
    text_lines: (u32, u32),
}

/// Finds, in order, the line of each provision's `id:` and the lines of its `text:`.
fn locate_items(lines: &[&str], items: &[Item]) -> Vec<ItemLines> {
    static KEY: LazyLock<Regex> =
        LazyLock::new(|| fixed_regex(r"^(\s*(?:-\s+)?)\{?\s*(\w+)\s*:(.*)$"));
    let mut out = Vec::with_capacity(items.len());
    let mut from = lines
        .iter()
        .position(|l| l.starts_with("provisions:"))
        .unwrap_or(0);
    for item in items {
        let id_re = Regex::new(&format!(
            r#"(?:^|[\s{{,-])id\s*:\s*['"]?{}['"]?\s*(?:[,}}#]|$)"#,
            regex::escape(&item.id)
        ))
        .ok();
        let id_idx = (from..lines.len())
            .find(|&i| id_re.as_ref().is_some_and(|re| re.is_match(lines[i])))
            .unwrap_or(from.min(lines.len().saturating_sub(1)));
        // The item ends where the next list item or top-level key begins.
        let item_indent = indent(lines.get(id_idx).copied().unwrap_or(""));
        let end = (id_idx + 1..lines.len())
            .find(|&i| {
                let l = lines[i];
                let t = l.trim_start();
                !t.is_empty()
                    && !t.starts_with('#')
                    && (indent(l) == 0 || (t.starts_with("- ") && indent(l) <= item_indent))
            })
            .unwrap_or(lines.len());
        let mut text_lines = (line_no(id_idx), line_no(id_idx));
        if lines.get(id_idx).is_some_and(|l| l.contains("text:")) {
            // Flow style: `- {id: PP1, text: …}` on one line.
        } else if let Some(t) =
            (id_idx..end).find(|&i| KEY.captures(lines[i]).is_some_and(|c| &c[2] == "text"))
        {
            let key_indent = KEY.captures(lines[t]).map_or(0, |c| c[1].chars().count());
            let value = KEY.captures(lines[t]).map(|c| c[3].trim().to_string());
            let block = value
                .as_deref()
                .is_some_and(|v| v.is_empty() || v.starts_with('|') || v.starts_with('>'));
            let mut last = t;
            for (i, l) in lines.iter().enumerate().take(end).skip(t + 1) {
                let tl = l.trim_start();
                if tl.is_empty() || tl.starts_with('#') && !block {
                    continue;
                }
                if indent(l) <= key_indent {
                    break;
                }
                last = i;
            }
            let first = if block && last > t { t + 1 } else { t };
            text_lines = (line_no(first), line_no(last));
        }
        out.push(ItemLines {
            id_line: line_no(id_idx),
            text_lines,
        });
        from = (id_idx + 1).min(lines.len());
    }
    out
}

fn indent(l: &str) -> usize {
    l.chars().take_while(|c| *c == ' ').count()
}

fn line_no(idx: usize) -> u32 {
    to_u32(idx + 1)
}

/// Where each line of the file that holds part of `text` starts in it.
fn line_map(text: &str, lines: &[&str], range: (u32, u32)) -> Vec<(usize, u32)> {
    let mut map = vec![(0, range.0)];
    let mut cursor = 0;
    for no in range.0..=range.1 {
        let Some(l) = lines.get(no as usize - 1) else {
            break;
        };
        let t = l.trim();
        let t = t.split_once("text:").map_or(t, |(_, v)| v.trim());
        let t = t
            .trim_matches(|c| c == '"' || c == '\'' || c == '|' || c == '>')
            .trim();
        if t.is_empty() || no == range.0 {
            continue;
        }
        if let Some(i) = text.get(cursor..).and_then(|rest| rest.find(t)) {
            let at = cursor + i;
            if at > 0 {
                map.push((at, no));
            }
            cursor = at + t.len();
        }
    }
    map.dedup_by_key(|(o, _)| *o);
    map
}

/// Flattens nested fact mappings to dotted paths, recording the line of each key. `at` is
/// the place of `map`'s key in the file (`facts`, `facts.police`), if found.
fn flatten(
    label: &str,
    lines: &Lines,
    prefix: &str,
    at: Option<Place>,
    map: &serde_yaml::Mapping,
    out: &mut BTreeMap<String, Fact>,
) -> Result<(), Error> {
    for (k, v) in map {
        let key = scalar_text(k).unwrap_or_default();
        let path = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        let place = at.and_then(|at| lines.find(at, &[Seg::Key(key)]));
        let line = place.map(|p| p.line());
        let value = match v {
            serde_yaml::Value::Mapping(m) => {
                flatten(label, lines, &path, place, m, out)?;
                continue;
            }
            serde_yaml::Value::Bool(b) => FactValue::Bool(*b),
            serde_yaml::Value::Number(n) => FactValue::Number(n.as_f64().unwrap_or(0.0)),
            serde_yaml::Value::String(s) => FactValue::Text(s.clone()),
            _ => {
                let mut d = Diagnostic::new(
                    label,
                    format!("fact `{path}` must be true/false, a number or text"),
                )
                .hint("write e.g. `police: {arrest: false}`");
                if let Some(l) = line {
                    d = d.at(l, 1);
                }
                return Err(Error::Mandate(d));
            }
        };
        out.insert(path, Fact { value, line });
    }
    Ok(())
}

/// A scalar as text (dates are read as text: `2013-04-25`).
fn scalar_text(v: &serde_yaml::Value) -> Option<String> {
    match v {
        serde_yaml::Value::String(s) => Some(s.clone()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        serde_yaml::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// `B-OP14` → (Some("B"), "OP14").
pub(super) fn split_section(id: &str) -> (Option<String>, &str) {
    let b = id.as_bytes();
    if b.len() > 2 && b[0].is_ascii_uppercase() && b[1] == b'-' {
        (Some(id[..1].to_string()), &id[2..])
    } else {
        (None, id)
    }
}

pub(super) fn part_from_id(bare: &str) -> Option<Part> {
    let up = bare.to_ascii_uppercase();
    if up.starts_with("PP") {
        Some(Part::Preambular)
    } else if up.starts_with("OP") {
        Some(Part::Operative)
    } else if up.starts_with("ANNEX") {
        Some(Part::Annex)
    } else if ["HEADER", "FOOTER", "NOTE"]
        .iter()
        .any(|p| up.starts_with(p))
    {
        Some(Part::Header)
    } else {
        None
    }
}

/// The ids that may enclose `id`, nearest first: `OP16(a)(i)` → `OP16(a)`, `OP16`; a
/// multi-level number's too, as the text reader gives them: `OP2.1.3(a)` → `OP2.1.3`, `OP2.1`,
/// `OP2`.
pub(super) fn parent_id(id: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = id;
    loop {
        let cut = if cur.ends_with(')') {
            cur.rfind('(').filter(|i| *i > 0)
        } else {
            cur.rfind('.').filter(|i| {
                let (head, tail) = (&cur[..*i], &cur[*i + 1..]);
                !tail.is_empty()
                    && tail.bytes().all(|b| b.is_ascii_digit())
                    && super::paragraph_of(cur) != cur
                    && head.ends_with(|c: char| c.is_ascii_digit())
            })
        };
        let Some(i) = cut else { break };
        cur = &cur[..i];
        out.push(cur.to_string());
    }
    out
}

/// A fact of a structured mandate: true/false, a number, text, or a group of facts.
#[derive(schemars::JsonSchema)]
#[schemars(rename = "Fact", untagged)]
#[allow(dead_code)] // never built: it only describes a word of the file
pub(crate) enum FactWord {
    /// True or false: `arrest: false`.
    Flag(bool),
    /// A number: `troops: 11200`.
    Number(f64),
    /// Text.
    Text(String),
    /// Nested facts, read as dotted paths (`police.arrest`).
    Group(BTreeMap<String, FactWord>),
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "\
# a comment
title: Resolution 2100 (2013) — MINUSMA
mission: MINUSMA
adopted: 2013-04-25
provisions:
  - id: PP1
    text: Recognizing the role of transnational organized crime,
  - id: OP16
    text: >-
      Decides that MINUSMA shall have
      the following mandate:
  - id: OP16(a)
    text: To support the transitional authorities;
  - id: OP17
    text: Calls upon Member States to contribute troops;
    force: call
  - {id: B-OP18, text: Requests the Secretary-General to report}
facts:
  police:
    arrest: false
    border_security: false
  troops: 11200
";

    fn err(text: &str) -> Diagnostic {
        match read_yaml("m.yaml", text) {
            Err(Error::Mandate(d)) => d,
            other => panic!("expected a mandate error, got {other:?}"),
        }
    }

    #[test]
    fn parents_are_found_from_ids() {
        assert_eq!(parent_id("OP16(a)(i)"), ["OP16(a)", "OP16"]);
        assert_eq!(parent_id("B-OP2.1.3(a)"), ["B-OP2.1.3", "B-OP2.1", "B-OP2"]);
        assert_eq!(parent_id("OP2.1"), ["OP2"]);
        for none in ["OP2", "PP3", "OP2.1-2", "fact:a.1", "(a)", "ANNEX2-P1"] {
            assert!(parent_id(none).is_empty(), "{none}");
        }
        let m = read_yaml(
            "m.yaml",
            "provisions:\n  - {id: OP1, text: Decides that the Mission shall monitor}\n  - {id: OP1.1, text: To patrol the borders}\n",
        )
        .unwrap();
        assert_eq!(m.provisions[1].parent.as_deref(), Some("OP1"));
        assert_eq!(m.provisions[1].clauses[0].verb.as_deref(), Some("Decides"));
    }

    #[test]
    fn a_described_mandate_is_read() {
        let m = read_yaml("m.yaml", DOC).unwrap();
        assert_eq!(m.mission.as_deref(), Some("MINUSMA"));
        assert_eq!(m.adopted.as_deref(), Some("2013-04-25"));
        assert_eq!(m.format, SourceFormat::Yaml);
        let ids: Vec<_> = m.provisions.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["PP1", "OP16", "OP16(a)", "OP17", "B-OP18"]);
        let p = &m.provisions;
        assert_eq!(p[0].part, Part::Preambular);
        assert_eq!(p[0].clauses[0].force, Force::Context);
        assert_eq!((p[0].first_line, p[0].last_line), (7, 7));
        assert_eq!((p[1].first_line, p[1].last_line), (10, 11));
        assert_eq!(
            p[1].text,
            "Decides that MINUSMA shall have the following mandate:"
        );
        assert_eq!(p[1].line_map, vec![(0, 10), (32, 11)]);
        assert_eq!(p[2].parent.as_deref(), Some("OP16"));
        let c = &p[2].clauses[0];
        assert_eq!((c.force, c.addressee), (Force::Mandate, Addressee::Mission));
        assert_eq!(p[3].clauses[0].force, Force::Call);
        assert_eq!(p[4].section.as_deref(), Some("B"));
        assert_eq!(p[4].first_line, 17);
        assert_eq!(p[4].clauses[0].addressee, Addressee::SecretaryGeneral);
    }

    #[test]
    fn facts_are_flattened_with_their_lines() {
        let m = read_yaml("m.yaml", DOC).unwrap();
        let f = &m.facts["police.arrest"];
        assert_eq!(
            (f.value.clone(), f.line),
            (FactValue::Bool(false), Some(20))
        );
        assert_eq!(m.facts["police.border_security"].line, Some(21));
        assert_eq!(m.facts["troops"].value, FactValue::Number(11200.0));
        let m = read_yaml(
            "m.yaml",
            "facts:\n  police: {arrest: false, border_security: true}\n",
        )
        .unwrap();
        assert_eq!(m.facts["police.border_security"].line, Some(2));
    }

    #[test]
    fn unknown_keys_are_located() {
        let d = err("title: x\nprovisions:\n  - id: OP1\n    txet: Decides\n");
        assert_eq!(d.line, Some(4));
        assert!(d.message.contains("unknown key `txet`"), "{}", d.message);
        assert!(!d.message.contains("at line"));
        assert!(d.hint.is_some());
        let d = err("titel: x\n");
        assert_eq!((d.line, d.column), (Some(1), Some(1)));
        let d = err("provisions:\n  - id: OP1\n    text: Decides\n    force: strong\n");
        assert_eq!(d.line, Some(4));
    }

    #[test]
    fn duplicate_ids_name_both_lines() {
        let d =
            err("provisions:\n  - id: OP1\n    text: Decides\n  - id: OP1\n    text: Requests\n");
        assert_eq!(d.line, Some(4));
        assert!(d.message.contains("line 2"), "{}", d.message);
    }

    #[test]
    fn ids_without_a_part_need_one() {
        let d = err("provisions:\n  - id: X1\n    text: Decides\n");
        assert_eq!(d.line, Some(2));
        let m = read_yaml(
            "m.yaml",
            "provisions:\n  - id: X1\n    part: operative\n    text: Decides\n",
        )
        .unwrap();
        assert_eq!(m.provisions[0].part, Part::Operative);
    }

    #[test]
    fn bad_input_is_an_error_not_a_panic() {
        for t in [
            "",
            "[1, 2]",
            "provisions: 3",
            ": :",
            "facts: {a: [1]}",
            "\u{0}",
        ] {
            let _ = read_yaml("m.yaml", t);
        }
        assert!(read_yaml("m.yaml", "facts: {a: [1]}").is_err());
    }
}
