//! Placeholders in suggested language: `{mission}` and `{country}`, filled from the draft when
//! it names them and left visible (`{mission}`) otherwise, so a drafter sees what to fill in.
//!
//! The mission is the mandate's own (`mission:` of a structured draft), else the one the
//! draft introduces by its full name and acronym — "the United Nations Observer Mission in
//! Liberia (UNOMIL)" — when it introduces exactly one. The country is read conservatively
//! from that same full name ("… in Liberia"): a draft that names no mission that way leaves
//! `{country}` visible rather than guess among the countries it mentions.

use crate::mandate::Mandate;
use regex::Regex;
use std::collections::BTreeSet;
use std::sync::LazyLock;

/// What the placeholders stand for in one draft; `None` leaves the placeholder visible.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Placeholders {
    /// `{mission}`: the mission's short name, e.g. "MINUSMA".
    pub mission: Option<String>,
    /// `{country}`: the country, e.g. "Mali".
    pub country: Option<String>,
}

/// "United Nations … Mission|Force|Operation|Office … (ACRONYM)", with the place after "in".
static INTRODUCED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"United Nations (?:[A-Z][\w-]*\s+|and\s+|for\s+|of\s+){0,6}?(?:Mission|Force|Operation|Office|Observer Group)(?:\s+(?:for|of|to)\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})?(?:\s+in\s+(?P<country>(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w'’-]*|\s+d['’][A-Z][\w'’-]*){0,4}))?,?\s*\((?P<acronym>[A-Z][A-Z-]{2,})\)",
    )
    .unwrap_or_else(|_| unreachable!("a constant pattern"))
});

impl Placeholders {
    /// What `mandate` says of its mission and country (see the module's note).
    pub fn of(mandate: &Mandate) -> Placeholders {
        let mut found: BTreeSet<(String, Option<String>)> = BTreeSet::new();
        for p in &mandate.provisions {
            for c in INTRODUCED.captures_iter(&p.text) {
                let acronym = c["acronym"].to_string();
                let country = c.name("country").map(|m| m.as_str().to_string());
                found.insert((acronym, country));
            }
        }
        let acronyms: BTreeSet<&String> = found.iter().map(|(a, _)| a).collect();
        let introduced = (acronyms.len() == 1).then(|| found.iter().next()).flatten();
        let mission = mandate
            .mission
            .clone()
            .filter(|m| !m.trim().is_empty())
            .or_else(|| introduced.map(|(a, _)| a.clone()));
        // The country comes from the mission's full name only, and only for that mission.
        let country = introduced
            .filter(|(a, _)| Some(a) == mission.as_ref())
            .and_then(|(_, c)| c.clone());
        Placeholders { mission, country }
    }

    /// `text` with each known placeholder replaced; unknown ones and unfilled ones stay.
    pub fn fill(&self, text: &str) -> String {
        let mut out = text.to_string();
        for (name, value) in [("mission", &self.mission), ("country", &self.country)] {
            if let Some(v) = value {
                out = out.replace(&format!("{{{name}}}"), v);
            }
        }
        out
    }
}

/// The placeholders still in `text` after filling (`{mission}`, `{country}` or any other
/// `{word}`), in order of first appearance.
pub fn unfilled(text: &str) -> Vec<String> {
    static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\{[a-z][a-z_-]*\}").unwrap_or_else(|_| unreachable!("a constant pattern"))
    });
    let mut out: Vec<String> = Vec::new();
    for m in PLACEHOLDER.find_iter(text) {
        if !out.iter().any(|o| o == m.as_str()) {
            out.push(m.as_str().to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mandate::{read_text, SourceFormat};

    fn of(text: &str) -> Placeholders {
        Placeholders::of(&read_text("d.txt", text, SourceFormat::Text))
    }

    #[test]
    fn the_mission_and_country_come_from_the_missions_full_name() {
        let p = of("The Security Council,\n\nWelcoming the establishment of the United Nations Observer Mission in Liberia (UNOMIL),\n\n1. Decides that UNOMIL shall monitor the cease-fire;\n");
        assert_eq!(p.mission.as_deref(), Some("UNOMIL"));
        assert_eq!(p.country.as_deref(), Some("Liberia"));
        let p = of("The Security Council,\n\n1. Decides to establish the United Nations Multidimensional Integrated Stabilization Mission in Mali (MINUSMA);\n");
        assert_eq!(
            (p.mission.as_deref(), p.country.as_deref()),
            (Some("MINUSMA"), Some("Mali"))
        );
        let p = of("The Security Council,\n\n1. Decides to extend the mandate of the United Nations Organization Stabilization Mission in the Democratic Republic of the Congo (MONUSCO);\n");
        assert_eq!(
            p.country.as_deref(),
            Some("the Democratic Republic of the Congo")
        );
    }

    #[test]
    fn two_missions_or_none_leave_the_placeholders_visible() {
        let two = of("The Security Council,\n\n1. Welcomes the United Nations Mission in Liberia (UNMIL) and the United Nations Operation in Côte d'Ivoire (UNOCI);\n");
        assert_eq!(two, Placeholders::default());
        let none = of("The Security Council,\n\n1. Calls upon Mali to act;\n");
        assert_eq!(none, Placeholders::default());
        let text = "Decides that {mission} shall support {country} and {region}";
        assert_eq!(none.fill(text), text);
        assert_eq!(unfilled(text), ["{mission}", "{country}", "{region}"]);
        let filled = Placeholders {
            mission: Some("UNOMIL".into()),
            country: Some("Liberia".into()),
        }
        .fill(text);
        assert_eq!(
            filled,
            "Decides that UNOMIL shall support Liberia and {region}"
        );
    }

    #[test]
    fn a_structured_drafts_mission_comes_first_without_a_country_guessed() {
        let mut m = read_text(
            "d.txt",
            "The Security Council,\n\n1. Calls upon Mali to act;\n",
            SourceFormat::Text,
        );
        m.mission = Some("MINUSMA".into());
        let p = Placeholders::of(&m);
        assert_eq!((p.mission.as_deref(), p.country), (Some("MINUSMA"), None));
    }
}
