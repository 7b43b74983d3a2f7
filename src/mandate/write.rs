//! The structured-mandate writer: a [`Mandate`] as the YAML description that
//! [`read_yaml`](super::read_yaml) reads, so a draft read from text can be kept, corrected
//! and versioned as a structured description.
//!
//! Written: title, mission, adoption date, each provision's id and text, and facts nested
//! again by their dotted paths (`police.arrest` → `police: {arrest: …}`; a path that cannot
//! be nested without clashing with another, that starts with a dot, or that has more than 16
//! segments, stays one dotted key).
//! `part:` and `section:` are written only where the id does not already say them, and
//! `force:`/`addressee:` only where every clause of the provision has the same one and the
//! reader would not find it by itself from the text. So a mandate read from YAML, written and
//! read again, has the same provisions (id, part, section, parent, text, clauses), the same
//! facts and the same title, mission and date; only line numbers change (see
//! `tests/properties.rs`). What the format cannot say is not written: clauses of one
//! provision with different forces that the text does not give, a sub-paragraph's parent
//! other than the one its id names, and the source lines.

use super::classify::inherit;
use super::yaml::{parent_id, part_from_id, split_section};
use super::{classify_clauses, Clause, Fact, FactValue, Mandate, Part, Provision};
use serde::Serialize;
use serde_yaml::{Mapping, Value};
use std::collections::BTreeMap;

/// The mandate as a structured YAML description that [`read_yaml`](super::read_yaml) reads
/// back to the same provisions and facts.
pub fn to_yaml(mandate: &Mandate) -> String {
    let provisions = mandate
        .provisions
        .iter()
        .enumerate()
        .map(|(i, p)| item(p, &mandate.provisions[..i]))
        .collect();
    let doc = DocOut {
        title: mandate.title.as_deref(),
        mission: mandate.mission.as_deref(),
        adopted: mandate.adopted.as_deref(),
        provisions,
        facts: facts_mapping(&mandate.facts),
    };
    // Plain structs of strings, booleans, numbers and string-keyed mappings always serialise;
    // should the emitter ever refuse, the comment says why instead of a panic.
    serde_yaml::to_string(&doc)
        .unwrap_or_else(|e| format!("# policycheck could not write this mandate: {e}\n"))
}

#[derive(Serialize)]
struct DocOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mission: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    adopted: Option<&'a str>,
    provisions: Vec<ItemOut<'a>>,
    #[serde(skip_serializing_if = "Mapping::is_empty")]
    facts: Mapping,
}

#[derive(Serialize)]
struct ItemOut<'a> {
    id: &'a str,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    part: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    section: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    force: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    addressee: Option<&'static str>,
}

/// One provision, with the keys the reader could not work out from the id and the text.
fn item<'a>(p: &'a Provision, before: &[Provision]) -> ItemOut<'a> {
    let (id_section, bare) = split_section(&p.id);
    let part = (part_from_id(bare) != Some(p.part)).then_some(p.part.as_str());
    let section = match (&p.section, &id_section) {
        (Some(s), Some(t)) if s == t => None,
        (s, _) => s.as_deref(),
    };
    // The clauses the reader will find by itself, as it does: classified, then (for an
    // operative sub-paragraph) inheriting from the nearest enclosing provision written
    // before it.
    let mut natural = classify_clauses(&p.text, p.part);
    let parent = parent_id(&p.id)
        .into_iter()
        .find_map(|id| before.iter().find(|q| q.id == id));
    if let Some(parent) = parent {
        if p.part == Part::Operative {
            inherit(&mut natural, parent.clauses.last(), &p.text);
        }
    }
    let force = uniform(&p.clauses, |c| c.force)
        .filter(|f| natural.iter().any(|c| c.force != *f))
        .map(|f| f.as_str());
    let addressee = uniform(&p.clauses, |c| c.addressee)
        .filter(|a| natural.iter().any(|c| c.addressee != *a))
        .map(|a| a.as_str());
    ItemOut {
        id: &p.id,
        text: &p.text,
        part,
        section,
        force,
        addressee,
    }
}

/// The value every clause shares, if they all share one.
fn uniform<T: PartialEq + Copy>(clauses: &[Clause], get: impl Fn(&Clause) -> T) -> Option<T> {
    let first = get(clauses.first()?);
    clauses.iter().all(|c| get(c) == first).then_some(first)
}

/// Facts nested again by their dotted paths.
/// The most segments of a fact's path written as nested mappings; a longer path stays one
/// dotted key. Real paths have two or three (`police.arrest`).
const MAX_NESTED_SEGMENTS: usize = 16;

fn facts_mapping(facts: &BTreeMap<String, Fact>) -> Mapping {
    let mut root = Mapping::new();
    for (path, fact) in facts {
        let value = match &fact.value {
            FactValue::Bool(b) => Value::Bool(*b),
            FactValue::Number(n) => Value::Number((*n).into()),
            FactValue::Text(t) => Value::String(t.clone()),
        };
        let segments: Vec<&str> = path.split('.').collect();
        // A leading empty segment would read back without its dot, and a path of very many
        // segments would nest deeper than the YAML reader reads back: keep such a path whole.
        let nested = segments.len() <= MAX_NESTED_SEGMENTS
            && !segments[0].is_empty()
            && insert_nested(&mut root, &segments, &value);
        if !nested {
            root.insert(Value::String(path.clone()), value);
        }
    }
    root
}

/// Inserts `value` at `segments` in nested mappings; false (and nothing changed) when the
/// place is taken by another fact or by a mapping.
fn insert_nested(map: &mut Mapping, segments: &[&str], value: &Value) -> bool {
    let Some((last, parents)) = segments.split_last() else {
        return false;
    };
    // Check first, so a clash leaves no empty mapping behind.
    let mut probe = &*map;
    for seg in parents {
        match probe.get(*seg) {
            None => break,
            Some(Value::Mapping(m)) => probe = m,
            Some(_) => return false,
        }
    }
    let mut cur = map;
    for seg in parents {
        let entry = cur
            .entry(Value::String((*seg).to_string()))
            .or_insert_with(|| Value::Mapping(Mapping::new()));
        match entry {
            Value::Mapping(m) => cur = m,
            _ => return false,
        }
    }
    let key = Value::String((*last).to_string());
    if cur.contains_key(&key) {
        return false;
    }
    cur.insert(key, value.clone());
    true
}

#[cfg(test)]
mod tests {
    use super::super::read_yaml;
    use super::*;
    use crate::mandate::{read_text, Force, SourceFormat};

    /// Found by the `mandate_yaml` fuzz target: a fact key of 130 dots was written as 130
    /// nested mappings, which the YAML reader refuses (more than 128 levels) when reading the
    /// written file back.
    #[test]
    fn a_fact_path_of_very_many_segments_stays_one_key_and_reads_back() {
        let dots = ".".repeat(130);
        let text = format!(
            "provisions:\n  - id: OP1\n    text: Decides;\nfacts: {{police: {{{dots}arrest: true}}}}\n"
        );
        let m = read_yaml("m.yaml", &text).unwrap();
        let written = to_yaml(&m);
        let again = read_yaml("again.yaml", &written).unwrap_or_else(|e| panic!("{e}\n{written}"));
        assert_eq!(
            again.facts.keys().collect::<Vec<_>>(),
            m.facts.keys().collect::<Vec<_>>()
        );
        assert_eq!(
            again.facts.keys().next().map(String::as_str),
            Some(format!("police.{dots}arrest").as_str())
        );
        // A short path is still nested as people write it.
        assert!(to_yaml(
            &read_yaml("s.yaml", "provisions: []\nfacts: {police.arrest: true}\n").unwrap()
        )
        .contains("police:\n    arrest: true"));
    }

    const DOC: &str = "\
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
    text: Welcomes the report;
    force: call
  - id: X1
    part: annex
    section: C
    text: 'true'
  - {id: B-OP18, text: Requests the Secretary-General to report}
facts:
  police:
    arrest: false
    border_security: false
  troops: 11200
  police.dogs: yes please
  .odd: 1
";

    #[test]
    fn a_described_mandate_is_written_with_only_what_the_reader_needs() {
        let m = read_yaml("m.yaml", DOC).unwrap();
        let out = to_yaml(&m);
        assert!(out.contains("force: call"), "{out}");
        assert!(out.contains("part: annex"), "{out}");
        assert!(out.contains("section: C"), "{out}");
        assert_eq!(out.matches("force:").count(), 1, "{out}");
        assert_eq!(out.matches("part:").count(), 1, "{out}");
        assert!(out.contains("police:\n    arrest: false"), "{out}");
        let again = read_yaml("again.yaml", &out).unwrap();
        let strip = |m: &Mandate| {
            let mut m = m.clone();
            m.path.clear();
            for p in &mut m.provisions {
                (p.first_line, p.last_line, p.line_map) = (0, 0, Vec::new());
            }
            for f in m.facts.values_mut() {
                f.line = None;
            }
            m
        };
        assert_eq!(strip(&again), strip(&m));
        assert_eq!(again.provisions[3].clauses[0].force, Force::Call);
        assert_eq!(again.facts[".odd"].value, FactValue::Number(1.0));
    }

    #[test]
    fn a_text_draft_can_be_written_as_a_description() {
        let text = "The Security Council,\n\nRecalling its resolutions,\n\n\
                    1. Decides that the Mission shall protect civilians;\n\n\
                    2. Calls upon Member States to contribute;\n";
        let m = read_text("d.txt", text, SourceFormat::Text);
        let out = to_yaml(&m);
        let again = read_yaml("d.yaml", &out).unwrap();
        let ids = |m: &Mandate| -> Vec<(String, String)> {
            m.provisions
                .iter()
                .map(|p| (p.id.clone(), p.text.clone()))
                .collect()
        };
        assert_eq!(ids(&again), ids(&m));
    }
}
