//! `init ID`: a new rulebook to start from, its schema and a configuration that uses it.

use super::{Outcome, Status};
use crate::task::InitOptions;
use policycheck::Error;
use std::path::{Path, PathBuf};

/// `init ID`: `rules/ID.yaml` (a commented example rule with examples), its JSON Schema next
/// to it for editors, and a `policycheck.yaml` that uses it. Existing files are never
/// overwritten.
pub fn run(o: InitOptions) -> anyhow::Result<Outcome> {
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
