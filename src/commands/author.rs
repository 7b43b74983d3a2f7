//! The commands for rule authors: `rules check` (every problem of a rulebook, rustc-style or
//! as JSON), `explain RULE-ID`, `schema rulebook|mandate`, `init` and `rules patterns`.

use super::{config, cwd, rulebook, Outcome, Status};
use crate::task::{
    ConfigChoice, DiagnosticFormat, ExplainOptions, InitOptions, PatternsOptions,
    RulesCheckOptions, SchemaKind,
};
use policycheck::config::RulebookRef;
use policycheck::evaluate::example_diagnostics;
use policycheck::rulebook::{parse_rulebook, DEFAULT_RULEBOOK, DEFAULT_RULEBOOK_NAME};
use policycheck::{Diagnostic, Error, Rulebook};
use std::path::{Path, PathBuf};

/// The rulebooks to look at: the one named, else the configuration's, else the default.
fn targets(
    config_choice: &ConfigChoice,
    path: &Option<PathBuf>,
) -> anyhow::Result<Vec<RulebookRef>> {
    if let Some(p) = path {
        return Ok(vec![RulebookRef::File(p.clone())]);
    }
    let configured = config(config_choice, &cwd()?)?.rulebooks;
    Ok(if configured.is_empty() {
        vec![RulebookRef::Default]
    } else {
        configured
    })
}

/// `rules check [PATH]`: every problem of the rulebook, and every example that gets another
/// verdict, located and explained; exit 2 when there is any.
pub fn rules_check(o: RulesCheckOptions) -> anyhow::Result<Outcome> {
    let mut all: Vec<(Diagnostic, Option<String>)> = Vec::new();
    let mut checked = Vec::new();
    for target in targets(&o.config, &o.path)? {
        let (name, text) = match &target {
            RulebookRef::Default => (
                format!("<embedded {DEFAULT_RULEBOOK_NAME}>"),
                DEFAULT_RULEBOOK.to_string(),
            ),
            RulebookRef::File(p) => {
                let text = std::fs::read_to_string(p).map_err(|source| Error::Io {
                    action: "read",
                    path: p.clone(),
                    source,
                })?;
                (p.display().to_string(), text)
            }
        };
        let diags = match parse_rulebook(&name, &text) {
            Ok(rb) => {
                checked.push(format!(
                    "{name}: {} rule{}",
                    rb.rules.len(),
                    if rb.rules.len() == 1 { "" } else { "s" }
                ));
                example_diagnostics(&rb, &name, &text)
            }
            Err(Error::Rulebook(d)) => d,
            Err(other) => return Err(other.into()),
        };
        all.extend(diags.into_iter().map(|d| (d, Some(text.clone()))));
    }
    let status = if all.is_empty() {
        Status::Pass
    } else {
        Status::Trouble
    };
    let stdout = match o.format {
        DiagnosticFormat::Json => {
            let list: Vec<&Diagnostic> = all.iter().map(|(d, _)| d).collect();
            serde_json::to_string_pretty(&list)? + "\n"
        }
        DiagnosticFormat::Text => {
            let mut out = String::new();
            for (d, text) in &all {
                out.push_str(&d.render(text.as_deref(), o.color));
                out.push_str("\n\n");
            }
            if all.is_empty() {
                for c in &checked {
                    out.push_str(&format!("ok: {c}, every example gets its verdict\n"));
                }
            } else {
                out.push_str(&format!(
                    "{} problem{} found\n",
                    all.len(),
                    if all.len() == 1 { "" } else { "s" }
                ));
            }
            out
        }
    };
    // The problems are the output itself; exit code 2 says "not usable as it is".
    let mut outcome = Outcome::new(stdout, status);
    if status == Status::Trouble {
        outcome.status = Some(Status::Trouble);
    }
    Ok(outcome)
}

/// `explain RULE-ID`.
pub fn explain(o: ExplainOptions) -> anyhow::Result<Outcome> {
    let books: Vec<Rulebook> = targets(&o.config, &o.rules)?
        .iter()
        .map(rulebook)
        .collect::<Result<_, _>>()?;
    for rb in &books {
        if let Some(rule) = rb.rule(&o.rule) {
            return Ok(Outcome::new(
                policycheck::report::explain::explain(rb, rule),
                Status::Pass,
            ));
        }
    }
    let ids: Vec<&str> = books
        .iter()
        .flat_map(|b| b.rules.iter().map(|r| r.id.as_str()))
        .collect();
    let hint = match policycheck::error::closest(&o.rule, &ids) {
        Some(id) => format!("did you mean `{id}`?"),
        None => format!("the rules are: {}", ids.join(", ")),
    };
    anyhow::bail!("there is no rule `{}`\n  hint: {hint}", o.rule)
}

/// `schema rulebook|mandate`: the JSON Schema, for editors and other tools.
pub fn schema(kind: SchemaKind) -> anyhow::Result<Outcome> {
    let value = match kind {
        SchemaKind::Rulebook => policycheck::schema::rulebook_schema(),
        SchemaKind::Mandate => policycheck::schema::mandate_schema(),
    };
    Ok(Outcome::new(
        serde_json::to_string_pretty(&value)? + "\n",
        Status::Pass,
    ))
}

/// `init ID`: `rules/ID.yaml` (a commented example rule with examples), its JSON Schema next
/// to it for editors, and a `policycheck.yaml` that uses it. Existing files are never
/// overwritten.
pub fn init(o: InitOptions) -> anyhow::Result<Outcome> {
    let id = o.id.trim();
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        anyhow::bail!(
            "`{id}` cannot be a rulebook id\n  hint: use lower-case letters, digits and hyphens, e.g. `border-paper-2016`"
        );
    }
    let rules_dir = o.dir.join("rules");
    let files: Vec<(PathBuf, String)> = vec![
        (
            rules_dir.join(format!("{id}.yaml")),
            policycheck::init::rulebook_scaffold(id),
        ),
        (
            rules_dir.join("rulebook.schema.json"),
            serde_json::to_string_pretty(&policycheck::schema::rulebook_schema())? + "\n",
        ),
        (o.dir.join("policycheck.yaml"), config_scaffold(id)),
    ];
    for (path, _) in &files {
        if path.exists() {
            anyhow::bail!(
                "{} already exists; nothing was written\n  hint: choose another id, or move the existing file away",
                path.display()
            );
        }
    }
    std::fs::create_dir_all(&rules_dir).map_err(|source| Error::Io {
        action: "write",
        path: rules_dir.clone(),
        source,
    })?;
    let mut out = String::new();
    for (path, text) in &files {
        policycheck::report::write_atomic(path, text)?;
        out.push_str(&format!("created {}\n", shown(path, &o.dir)));
    }
    out.push_str(&format!(
        "\nNext: edit rules/{id}.yaml, then run\n  policycheck rules check rules/{id}.yaml\n  policycheck rules test --rules rules/{id}.yaml\n"
    ));
    Ok(Outcome::new(out, Status::Pass))
}

fn config_scaffold(id: &str) -> String {
    format!(
        "# policycheck configuration: found from the working directory upward.\n\
         # docs/configuration.md lists every key.\n\
         rulebooks:\n  - rules/{id}.yaml\n\
         bars:\n  fail_under: 60\n"
    )
}

fn shown(path: &Path, base: &Path) -> String {
    path.strip_prefix(base)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// `rules patterns`: the rulebook's phrases as ripgrep-compatible regular expressions, one a
/// line, so that the same search can be timed with `rg -c -i -f`.
pub fn patterns(o: PatternsOptions) -> anyhow::Result<Outcome> {
    let mut out = String::new();
    for target in targets(&o.config, &o.rules)? {
        out.push_str(&policycheck::rulebook::patterns::patterns(&rulebook(
            &target,
        )?));
    }
    Ok(Outcome::new(out, Status::Pass))
}
