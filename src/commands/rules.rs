//! `rules list` (one line per rule: id, weight, area, title), `rules test` (every rule's
//! examples, each read as a Markdown draft and checked against that rule alone) and `rules
//! patterns` (the phrases as regular expressions). `rules check` and `rules measure` have
//! files of their own.

use super::setup::{chosen, targets};
use super::{Outcome, Status};
use crate::task::{PatternsOptions, RulesOptions};
use policycheck::evaluate::check_examples;
use policycheck::vocab::number_text;

/// `rules list`.
pub fn list(o: RulesOptions) -> anyhow::Result<Outcome> {
    let rulebook = chosen(&o)?;
    let id_w = width(rulebook.rules.iter().map(|r| r.id.as_str()), "ID");
    let area_w = width(
        rulebook
            .rules
            .iter()
            .map(|r| r.area.as_deref().unwrap_or("-")),
        "AREA",
    );
    let mut out = format!("{:<id_w$}  WEIGHT  {:<area_w$}  TITLE\n", "ID", "AREA");
    for rule in &rulebook.rules {
        out.push_str(&format!(
            "{:<id_w$}  {:<6}  {:<area_w$}  {}\n",
            rule.id,
            number_text(rule.weight),
            rule.area.as_deref().unwrap_or("-"),
            rule.title
        ));
    }
    out.push_str(&format!(
        "\n{} rules in {} ({}), total weight {}\n",
        rulebook.rules.len(),
        rulebook.id,
        rulebook.origin,
        number_text(rulebook.total_weight())
    ));
    Ok(Outcome::new(out, Status::Pass))
}

/// `rules test`: every example of every rule, read as a Markdown draft and evaluated by that
/// rule alone ([`check_examples`]), must give its expected verdict.
pub fn test(o: RulesOptions) -> anyhow::Result<Outcome> {
    let rulebook = chosen(&o)?;
    let id_w = width(rulebook.rules.iter().map(|r| r.id.as_str()), "RULE");
    let outcomes = check_examples(&rulebook);
    let mut out = String::new();
    for rule in &rulebook.rules {
        let mine: Vec<_> = outcomes.iter().filter(|x| x.rule == rule.id).collect();
        let marks: String = mine
            .iter()
            .map(|x| if x.passed() { '✓' } else { '✗' })
            .collect();
        let passed = mine.iter().filter(|x| x.passed()).count();
        out.push_str(&format!(
            "{:<id_w$}  {passed}/{}  {marks}\n",
            rule.id,
            mine.len()
        ));
        for x in mine.iter().filter(|x| !x.passed()) {
            let text = &rule.examples[x.number - 1].text;
            let note = x
                .note
                .as_deref()
                .map(|n| format!(" ({})", n.trim()))
                .unwrap_or_default();
            out.push_str(&format!("    {x}: {}{note}\n", first_words(text, 70)));
        }
    }
    let failed = outcomes.iter().filter(|x| !x.passed()).count();
    out.push_str(&format!(
        "\n{} of {} examples give the expected verdict\n",
        outcomes.len() - failed,
        outcomes.len()
    ));
    let status = if failed > 0 {
        Status::Short
    } else {
        Status::Pass
    };
    Ok(Outcome::new(out, status))
}

/// The widest of `items` and `header`, in characters.
fn width<'a>(items: impl Iterator<Item = &'a str>, header: &str) -> usize {
    items
        .map(|s| s.chars().count())
        .chain([header.len()])
        .max()
        .unwrap_or(0)
}

/// The text's first `n` characters on one line, with `…` when cut.
fn first_words(text: &str, n: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= n {
        format!("“{flat}”")
    } else {
        format!("“{}…”", flat.chars().take(n).collect::<String>())
    }
}

/// `rules patterns`: the rulebook's phrases as ripgrep-compatible regular expressions, one a
/// line, so that the same search can be timed with `rg -c -i -f`.
pub fn patterns(o: PatternsOptions) -> anyhow::Result<Outcome> {
    let mut out = String::new();
    for target in targets(&o.config, &o.rules)? {
        out.push_str(&policycheck::rulebook::patterns::patterns(&target.load()?));
    }
    Ok(Outcome::new(out, Status::Pass))
}
