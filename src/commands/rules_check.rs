//! `rules check [PATH]`: every problem of a rulebook, and every example that gets another
//! verdict, rustc-style or as JSON.

use super::setup::targets;
use super::{Outcome, Status};
use crate::task::{DiagnosticFormat, RulesCheckOptions};
use policycheck::config::RulebookRef;
use policycheck::evaluate::example_diagnostics;
use policycheck::rulebook::{parse_rulebook, DEFAULT_RULEBOOK, DEFAULT_RULEBOOK_NAME};
use policycheck::{Diagnostic, Error};

/// `rules check [PATH]`: every problem of the rulebook, and every example that gets another
/// verdict, located and explained; exit 2 when there is any.
pub fn run(o: RulesCheckOptions) -> anyhow::Result<Outcome> {
    let mut all: Vec<(Diagnostic, Option<String>)> = Vec::new();
    let mut checked = Vec::new();
    for target in targets(&o.config, &o.path)? {
        let (name, text) = match &target {
            RulebookRef::Default => (
                format!("<embedded {DEFAULT_RULEBOOK_NAME}>"),
                DEFAULT_RULEBOOK.to_string(),
            ),
            RulebookRef::File(p) => {
                let text = policycheck::limits::read_text_bounded(
                    p,
                    policycheck::limits::MAX_RULEBOOK_BYTES,
                    "a rulebook",
                )
                .map_err(|e| Error::Io {
                    action: "read",
                    path: p.clone(),
                    source: e.into_io(),
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
