//! `policycheck explain RULE-ID`: a rule explained in plain words, the way `ruff rule` does —
//! what it asks, why it matters, the source's own words, what counts as evidence, how the
//! verdict is reached, the language to suggest, and the rule's examples.

use crate::mandate::{Addressee, Force, Part};
use crate::rulebook::{Criterion, Rule, Rulebook, Within};
use std::fmt::Write;

/// The explanation of one rule as plain text (Markdown-friendly), ending with a newline.
pub fn explain(rulebook: &Rulebook, rule: &Rule) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} — {}", rule.id, rule.title);
    let mut meta = vec![format!("weight {}", trim_number(rule.weight))];
    if let Some(area) = &rule.area {
        meta.push(format!("area {area}"));
    }
    meta.push(format!("rulebook {}", rulebook.id));
    let _ = writeln!(out, "{}", meta.join(" · "));
    section(&mut out, "Recommendation", &rule.recommendation);
    section(&mut out, "Why it matters", &rule.rationale);
    let mut attribution = format!("— {}", rulebook.source.citation());
    if let Some(licence) = &rulebook.source.licence {
        attribution.push_str(&format!(" ({licence})"));
    }
    if let Some(url) = &rulebook.source.url {
        attribution.push_str(&format!("\n  {url}"));
    }
    section(
        &mut out,
        "In the source's words",
        &format!("“{}”\n{attribution}", rule.quote.trim()),
    );
    let _ = writeln!(out, "\nWhat counts as evidence");
    for c in &rule.criteria {
        let _ = writeln!(out, "  {}: {}", c.id, c.means.trim());
        for line in criterion_words(c) {
            let _ = writeln!(out, "    - {line}");
        }
    }
    let _ = writeln!(out, "\nVerdict");
    let _ = writeln!(out, "  met when: {}", rule.met);
    if let Some(p) = &rule.partial {
        let _ = writeln!(out, "  partial when: {p}");
    }
    let _ = writeln!(out, "  otherwise: missing");
    let _ = writeln!(
        out,
        "  score: met 1, partial 0.5, missing 0, weighted by {} in the document's score",
        trim_number(rule.weight)
    );
    section(&mut out, "Suggested language", &rule.suggested);
    if !rule.examples.is_empty() {
        let _ = writeln!(out, "\nExamples");
        for (i, ex) in rule.examples.iter().enumerate() {
            let note = ex
                .note
                .as_deref()
                .map(|n| format!(" ({n})"))
                .unwrap_or_default();
            let _ = writeln!(out, "  {}. {}{note}:", i + 1, ex.verdict);
            for line in ex.text.trim_end().lines() {
                if line.trim().is_empty() {
                    continue;
                }
                let _ = writeln!(out, "       {}", line.trim());
            }
        }
    }
    out
}

fn section(out: &mut String, title: &str, body: &str) {
    let _ = writeln!(out, "\n{title}");
    for line in wrap(body.trim(), 92) {
        let _ = writeln!(out, "  {line}");
    }
}

/// The criterion's conditions in plain words, one per line.
fn criterion_words(c: &Criterion) -> Vec<String> {
    let mut lines = Vec::new();
    if !c.any.is_empty() {
        lines.push(format!(
            "any of: {}",
            phrases(c.any.iter().map(|p| p.source.as_str()))
        ));
    }
    for group in &c.all {
        lines.push(format!(
            "and one of: {}",
            phrases(group.iter().map(|p| p.source.as_str()))
        ));
    }
    let within = match c.within {
        Within::Provision => "one paragraph or sub-paragraph",
        Within::Paragraph => "one numbered paragraph with its sub-paragraphs",
        Within::Sentence => "one sentence",
        Within::Clause => "one clause (the words one verb governs)",
    };
    let mut place = format!("together in {within}");
    if let Some(n) = c.near {
        place.push_str(&format!(", within {n} words of each other"));
    }
    if c.has_phrases() {
        lines.push(place);
    }
    let parts: Vec<&str> = c
        .parts
        .iter()
        .map(|p| match p {
            Part::Operative => "operative paragraphs",
            Part::Preambular => "the preamble",
            Part::Annex => "annexes",
            Part::Header => "the header",
        })
        .collect();
    if c.has_phrases() {
        lines.push(format!("read in: {}", parts.join(", ")));
    }
    match c.force {
        Force::Mandate => lines.push(
            "needs the force of a mandate (Decides, Authorizes, Requests the Secretary-General…)"
                .into(),
        ),
        Force::Call => lines.push(
            "needs at least a call (Calls upon, Urges, Encourages…; a mandate also counts)".into(),
        ),
        Force::NoAction => lines.push("any operative verb counts, even Welcomes or Notes".into()),
        Force::Context => {}
    }
    if !c.addressees.is_empty() && c.addressees.len() < Addressee::ALL.len() {
        let names: Vec<&str> = c
            .addressees
            .iter()
            .map(|a| match a {
                Addressee::Mission => "the mission",
                Addressee::SecretaryGeneral => "the Secretary-General",
                Addressee::UnBody => "a UN body",
                Addressee::Council => "the Council itself",
                Addressee::States => "States",
                Addressee::Government => "the host government",
                Addressee::Parties => "the parties",
                Addressee::Regional => "regional organisations",
                Addressee::Unspecified => "nobody named",
            })
            .collect();
        lines.push(format!("addressed to: {}", names.join(", ")));
    }
    if !c.exclude.is_empty() {
        lines.push(format!(
            "not when the same place says: {}",
            phrases(c.exclude.iter().map(|p| p.source.as_str()))
        ));
    }
    if let Some(fact) = &c.fact {
        lines.push(format!(
            "in a structured mandate: the fact `{fact}` is true (false is evidence of the gap)"
        ));
    }
    if c.has_phrases() {
        lines.push(
            "a denied task (\"is not mandated to\", \"no authority to\") counts against".into(),
        );
    }
    lines
}

/// Up to eight phrases, then how many more.
fn phrases<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let all: Vec<&str> = items.collect();
    let shown: Vec<String> = all.iter().take(8).map(|p| format!("`{p}`")).collect();
    let mut s = shown.join(", ");
    if all.len() > 8 {
        s.push_str(&format!(" and {} more", all.len() - 8));
    }
    s
}

fn trim_number(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{n:.0}")
    } else {
        n.to_string()
    }
}

/// Greedy word wrap; keeps existing line breaks.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    for para in text.lines() {
        let mut line = String::new();
        for word in para.split_whitespace() {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                out.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        out.push(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rulebook::default_rulebook;

    #[test]
    fn explains_a_rule_in_plain_words() {
        let rb = default_rulebook();
        let rule = rb.rule("police-operational-powers").unwrap();
        let text = explain(&rb, rule);
        assert!(text.starts_with(
            "police-operational-powers — Operational powers for the mission's police\nweight 3 · area security · rulebook mali-2015\n"
        ));
        for needle in [
            "\nRecommendation\n",
            "\nWhy it matters\n",
            "“The mission's police, for example, have no authority to arrest suspected criminals",
            "— Sofía Sebastián, “Why Peace Negotiations in Mali Will Not Succeed”",
            "(CC BY-ND 4.0)",
            "  arrest: UN personnel are authorised to arrest",
            "needs the force of a mandate",
            "addressed to: the mission, the Secretary-General",
            "in a structured mandate: the fact `police.arrest` is true",
            "  met when: borders and (arrest or police-role or law-and-order)\n",
            "\nSuggested language\n",
            "\nExamples\n",
        ] {
            assert!(text.contains(needle), "missing {needle:?} in\n{text}");
        }
    }

    #[test]
    fn wraps_long_paragraphs_at_words() {
        let lines = wrap("a bb ccc dddd", 6);
        assert_eq!(lines, ["a bb", "ccc", "dddd"]);
    }
}
