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
            "in a structured description: it states “{}” as given (stated as not given, it is \
             evidence of the gap)",
            fact.replace(['.', '_'], " ")
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
    let shown: Vec<String> = all
        .iter()
        .take(8)
        .map(|p| format!("“{}”", phrase_words(p)))
        .collect();
    let mut s = shown.join(", ");
    if all.len() > 8 {
        s.push_str(&format!(" and {} more", all.len() - 8));
    }
    s
}

/// A phrase's pattern as words an analyst reads (the rulebook's writers see the pattern in the
/// rulebook itself): `arrest\w*` → `arrest…`, `borders?` → `border[s]`, `(civilian )?police`
/// → `[civilian] police`, `secur(e|es|ed)` → `secur(e/es/ed)`, `[^;.:]{0,30}` → `…`.
pub fn phrase_words(pattern: &str) -> String {
    let chars: Vec<char> = pattern.chars().collect();
    let mut i = 0;
    let out = sequence(&chars, &mut i);
    out.split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .replace("… …", "…")
}

/// Alternatives up to a closing `)` or the end, joined by `/`.
fn sequence(chars: &[char], i: &mut usize) -> String {
    let mut alternatives = vec![String::new()];
    while *i < chars.len() {
        let c = chars[*i];
        match c {
            ')' => break,
            '|' => {
                *i += 1;
                alternatives.push(String::new());
                continue;
            }
            _ => {}
        }
        let (atom, group) = atom(chars, i);
        let optional = matches!(chars.get(*i), Some('?'));
        // Quantifiers: `?` makes the atom optional; `*`, `+` and `{m,n}` are dropped.
        while let Some(q) = chars.get(*i) {
            match q {
                '?' | '*' | '+' => *i += 1,
                '{' => {
                    while *i < chars.len() && chars[*i] != '}' {
                        *i += 1;
                    }
                    *i += 1;
                }
                _ => break,
            }
        }
        let current = alternatives.len() - 1;
        let text = match (optional && !atom.trim().is_empty(), group) {
            (true, _) => enclose('[', &atom, ']'),
            (false, true) if atom.contains('/') => enclose('(', &atom, ')'),
            _ => atom,
        };
        alternatives[current].push_str(&text);
    }
    alternatives.join("/")
}

/// Alternatives `a /b ` as `[a/b] `: each trimmed, the spaces around kept outside.
fn enclose(open: char, text: &str, close: char) -> String {
    let inner: Vec<&str> = text.split('/').map(str::trim).collect();
    let before = if text.starts_with(' ') { " " } else { "" };
    let after = if text.ends_with(' ') { " " } else { "" };
    format!("{before}{open}{}{close}{after}", inner.join("/"))
}

/// One atom at `i`: its words, and whether it is a group.
fn atom(chars: &[char], i: &mut usize) -> (String, bool) {
    let c = chars[*i];
    *i += 1;
    match c {
        '\\' => {
            let e = chars.get(*i).copied().unwrap_or('\\');
            *i += 1;
            match e {
                'w' | 'W' | 'S' | 'd' | 'D' => ("…".into(), false),
                's' => (" ".into(), false),
                'b' | 'B' | 'A' | 'z' => (String::new(), false),
                other => (other.to_string(), false),
            }
        }
        '.' => ("…".into(), false),
        '^' | '$' => (String::new(), false),
        '[' => {
            let negated = chars.get(*i) == Some(&'^');
            let mut first = None;
            while *i < chars.len() && chars[*i] != ']' {
                if first.is_none() && chars[*i] != '^' {
                    first = Some(chars[*i]);
                }
                *i += 1;
            }
            *i += 1;
            if negated {
                (" … ".into(), false)
            } else {
                (first.map(String::from).unwrap_or_default(), false)
            }
        }
        '(' => {
            let mut hidden = false;
            if chars.get(*i) == Some(&'?') {
                // `(?:` groups; `(?i)` flags and look-arounds say nothing to a reader.
                *i += 1;
                match chars.get(*i) {
                    Some(':') => *i += 1,
                    _ => hidden = true,
                }
            }
            let inner = sequence(chars, i);
            *i += 1;
            if hidden {
                (String::new(), false)
            } else {
                (inner, true)
            }
        }
        other => (other.to_string(), false),
    }
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
            "any of: “arrest…”, “apprehen…”, “detain…”, “detention”",
            "needs the force of a mandate",
            "addressed to: the mission, the Secretary-General",
            "in a structured description: it states “police arrest” as given",
            "  met when: borders and (arrest or police-role or law-and-order)\n",
            "\nSuggested language\n",
            "\nExamples\n",
        ] {
            assert!(text.contains(needle), "missing {needle:?} in\n{text}");
        }
    }

    #[test]
    fn phrases_read_as_words_not_patterns() {
        for (pattern, words) in [
            (r"arrest\w*", "arrest…"),
            ("borders?", "border[s]"),
            ("(civilian )?police", "[civilian] police"),
            (
                r"maintain\w* (basic |public )?order",
                "maintain… [basic/public] order",
            ),
            (r"secur(e|es|ed|ing)\b", "secur(e/es/ed/ing)"),
            ("capacity[- ]building", "capacity-building"),
            (
                r"(develop|draft)\w* [^;.:,]{0,30}strateg\w*",
                "(develop/draft)… strateg…",
            ),
            ("organi[sz]ation", "organisation"),
            ("(?i)take into custody", "take into custody"),
        ] {
            assert_eq!(phrase_words(pattern), words, "{pattern}");
        }
    }

    #[test]
    fn wraps_long_paragraphs_at_words() {
        let lines = wrap("a bb ccc dddd", 6);
        assert_eq!(lines, ["a bb", "ccc", "dddd"]);
    }
}
