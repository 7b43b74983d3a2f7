//! `rules list` (one line per rule: id, weight, area, title) and `rules test` (every rule's
//! examples, each read as a Markdown draft and checked against that rule alone).

use super::{config, cwd, rulebook, Outcome, Status};
use crate::cli::RulesOptions;
use policycheck::config::RulebookRef;
use policycheck::mandate::{read_text, SourceFormat};
use policycheck::{evaluate, Rulebook};

/// The rulebook named with `--rules`, else the configuration's first, else the default.
fn chosen(o: &RulesOptions) -> anyhow::Result<Rulebook> {
    let r = match &o.rules {
        Some(p) => RulebookRef::File(p.clone()),
        None => config(&o.config, &cwd()?)?
            .rulebooks
            .first()
            .cloned()
            .unwrap_or(RulebookRef::Default),
    };
    Ok(rulebook(&r)?)
}

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
            number(rule.weight),
            rule.area.as_deref().unwrap_or("-"),
            rule.title
        ));
    }
    out.push_str(&format!(
        "\n{} rules in {} ({}), total weight {}\n",
        rulebook.rules.len(),
        rulebook.id,
        rulebook.origin,
        number(rulebook.total_weight())
    ));
    Ok(Outcome::new(out, Status::Pass))
}

/// `rules test`: every example of every rule, read as a Markdown draft and evaluated against
/// a rulebook holding that rule alone, must give its expected verdict.
pub fn test(o: RulesOptions) -> anyhow::Result<Outcome> {
    let rulebook = chosen(&o)?;
    let id_w = width(rulebook.rules.iter().map(|r| r.id.as_str()), "RULE");
    let mut out = String::new();
    let (mut total, mut failed) = (0, 0);
    for rule in &rulebook.rules {
        let single = Rulebook {
            rules: vec![rule.clone()],
            ..rulebook.clone()
        };
        let mut marks = String::new();
        let mut failures = String::new();
        let mut passed = 0;
        for (i, example) in rule.examples.iter().enumerate() {
            let label = format!("{}#{}/example-{}", rulebook.origin, rule.id, i + 1);
            let mandate = read_text(&label, &example.text, SourceFormat::Markdown);
            let got = evaluate(&single, &mandate).rules.first().map(|r| r.verdict);
            total += 1;
            if got == Some(example.verdict) {
                passed += 1;
                marks.push('✓');
            } else {
                failed += 1;
                marks.push('✗');
                failures.push_str(&format!(
                    "    example {}: expected {}, got {}: {}{}\n",
                    i + 1,
                    example.verdict,
                    got.map_or("nothing", |v| v.as_str()),
                    first_words(&example.text, 70),
                    example
                        .note
                        .as_deref()
                        .map(|n| format!(" ({})", n.trim()))
                        .unwrap_or_default()
                ));
            }
        }
        out.push_str(&format!(
            "{:<id_w$}  {passed}/{}  {marks}\n{failures}",
            rule.id,
            rule.examples.len()
        ));
    }
    out.push_str(&format!(
        "\n{} of {total} examples give the expected verdict\n",
        total - failed
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

/// `3` for 3.0, `1.5` for 1.5.
fn number(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x}")
    }
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
