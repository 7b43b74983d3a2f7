//! `suggest DRAFT --output OUT`: the rulebook's suggested language written into the draft for
//! each gap that is not waived (or each of `--only`): a Word draft as tracked changes with
//! comments, a text or Markdown draft amended or as a diff. Standard output lists what was
//! suggested and where.

use super::{config, cwd, refuse_output_over_inputs, today, Outcome, Status};
use crate::task::{SuggestFormat, SuggestOptions};
use anyhow::{anyhow, bail};
use policycheck::config::RulebookRef;
use policycheck::evaluate;
use policycheck::mandate::{read_mandate_with, SourceFormat};
use policycheck::report::AtomicFile;
use policycheck::suggest::{amend_docx, amend_text, plan, revision_date, unified_diff};
use policycheck::waiver::{load_waivers, WaiverLedger, WaiverStatus};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

/// Runs `suggest`.
pub fn run(o: SuggestOptions) -> anyhow::Result<Outcome> {
    if policycheck::inputs::is_stdin(&o.file) {
        bail!(
            "`suggest` writes a copy of the draft with its suggestions, so it needs the draft \
             as a file, not standard input; nothing was written\n  hint: save the draft and \
             name the file: policycheck suggest draft.docx --output out.docx"
        );
    }
    refuse_output_over_inputs(
        o.output.as_deref(),
        [(o.file.as_path(), "the draft")]
            .into_iter()
            .chain(o.rules.iter().map(|p| (p.as_path(), "the rulebook")))
            .chain(o.waivers.iter().map(|p| (p.as_path(), "the waiver file"))),
    )?;
    let cwd = cwd()?;
    let config = config(&o.config, &cwd)?;
    let read = o.read.over(config.read);
    let key = config.document_key(&o.file, &cwd);
    let rulebook = match &o.rules {
        Some(p) => RulebookRef::File(p.clone()),
        None => config.for_document(&key).rulebooks.remove(0),
    }
    .load()?;
    for id in &o.only {
        if rulebook.rule(id).is_none() {
            let ids: Vec<&str> = rulebook.rules.iter().map(|r| r.id.as_str()).collect();
            bail!(
                "`--only {id}`: the rulebook {} has no rule `{id}`; nothing was written\n  \
                 hint: its rules are {}",
                rulebook.id,
                ids.join(", ")
            );
        }
    }
    let mandate = read_mandate_with(&o.file, &read)?;
    let label = o.file.display().to_string();
    match mandate.format {
        SourceFormat::Docx | SourceFormat::Text | SourceFormat::Markdown => {}
        SourceFormat::Yaml | SourceFormat::Pdf => bail!(
            "{label}: suggestions are written into Word (.docx), Markdown (.md) and text (.txt) \
             drafts, not into a {} file; nothing was written\n  hint: open the draft in Word \
             and save it as .docx, or save its text as .txt",
            if mandate.format == SourceFormat::Pdf {
                "PDF"
            } else {
                "structured .yaml"
            }
        ),
    }
    let docx = mandate.format == SourceFormat::Docx;
    if docx && o.format == SuggestFormat::Diff {
        bail!(
            "{label}: `--format diff` is for text and Markdown drafts; a Word draft gets its \
             suggestions as tracked changes, which Word's Review pane shows one by one\n  \
             hint: leave out --format and name the new Word file with --output OUT.docx"
        );
    }
    if docx && o.output.is_none() {
        bail!(
            "{label}: the suggestions for a Word draft are a Word document, which cannot go to \
             the terminal; nothing was written\n  hint: name the new file with --output \
             OUT.docx"
        );
    }

    // An output named for the other kind of file would not open as its name says.
    let out_ext = o
        .output
        .as_deref()
        .and_then(Path::extension)
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    if let (Some(ext), Some(out)) = (out_ext.as_deref(), o.output.as_deref()) {
        if docx != (ext == "docx") && o.format == SuggestFormat::Amended {
            let (what, name) = if docx {
                ("a Word document", "OUT.docx")
            } else {
                ("text", "a .txt or .md file")
            };
            bail!(
                "{label}: the draft with its suggestions is {what}, but {} is named as \
                 another kind of file; nothing was written\n  hint: name it {name}",
                out.display()
            );
        }
    }

    let assessment = evaluate(&rulebook, &mandate);
    let mut waivers = config.waivers.clone();
    if let Some(w) = &o.waivers {
        waivers.extend(load_waivers(w)?);
    }
    let mut ledger = WaiverLedger::new(&waivers, today(o.today)?);
    let statuses = ledger.apply(
        &key,
        &assessment.path,
        assessment.rules.iter().map(|r| (r.id.as_str(), r.verdict)),
    );
    let waived: BTreeMap<String, String> = statuses
        .into_iter()
        .filter_map(|(rule, s)| match s {
            WaiverStatus::Applied(w) => {
                Some((rule, format!("waived by {} until {}", w.owner, w.expires)))
            }
            WaiverStatus::Expired(_) => None,
        })
        .collect();
    let wanted = |id: &str| {
        !waived.contains_key(id) && (o.only.is_empty() || o.only.iter().any(|r| r == id))
    };
    let suggestions = plan(&rulebook, &mandate, &assessment, &wanted);

    let bytes = std::fs::read(&o.file).map_err(|e| anyhow!("cannot read {label}: {e}"))?;
    let out: Vec<u8> = if docx {
        let date = match &o.date {
            Some(d) => d.clone(),
            None => revision_date(source_date_epoch()?.unwrap_or_else(now)),
        };
        amend_docx(&label, &bytes, &mandate, &suggestions, &date)?
    } else {
        let original = String::from_utf8(bytes).map_err(|_| {
            anyhow!("{label}: the draft is not UTF-8 text; nothing was written\n  hint: save it again as UTF-8 text")
        })?;
        let amended = amend_text(&original, &mandate, &suggestions);
        match o.format {
            SuggestFormat::Amended => amended.into_bytes(),
            SuggestFormat::Diff => {
                let new_name = o.output.as_deref().map_or_else(
                    || format!("{label} (with suggestions)"),
                    |p| p.display().to_string(),
                );
                unified_diff(&original, &amended, &label, &new_name).into_bytes()
            }
        }
    };

    let Some(path) = o.output.as_deref() else {
        // Text for standard output: the amended draft or the diff, nothing else.
        return Ok(Outcome::new(
            String::from_utf8_lossy(&out).into_owned(),
            Status::Pass,
        ));
    };
    write(path, &out)?;
    let mut summary = String::new();
    let how = if docx {
        " as tracked changes with comments: accept or reject each in Word's Review pane"
    } else if o.format == SuggestFormat::Diff {
        " as a diff"
    } else {
        ""
    };
    summary.push_str(&format!(
        "{}: {} suggestion{} written to {}{how}\n",
        label,
        suggestions.len(),
        if suggestions.len() == 1 { "" } else { "s" },
        path.display()
    ));
    for s in &suggestions {
        summary.push_str(&format!(
            "  {:<13} {} ({}): {}\n",
            s.placement.describe(),
            s.rule,
            s.verdict.as_str(),
            s.placement.reason.describe()
        ));
    }
    let mut warnings = Vec::new();
    for (rule, why) in &waived {
        if o.only.is_empty() || o.only.contains(rule) {
            summary.push_str(&format!("  not suggested: {rule} ({why})\n"));
        }
    }
    for id in &o.only {
        if assessment
            .rules
            .iter()
            .any(|r| &r.id == id && r.verdict == evaluate::Verdict::Met)
        {
            summary.push_str(&format!("  not suggested: {id} (the draft meets it)\n"));
        }
    }
    for s in suggestions.iter().filter(|s| !s.unfilled.is_empty()) {
        warnings.push(format!(
            "{}: the suggestion for {} keeps {} visible: the draft does not say what to put there",
            label,
            s.rule,
            s.unfilled.join(", ")
        ));
    }
    Ok(Outcome {
        warnings,
        ..Outcome::new(summary, Status::Pass)
    })
}

/// Writes `bytes` to `path` all or nothing.
fn write(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let mut file = AtomicFile::create(path)?;
    file.write_all(bytes).map_err(|e| file.error(e))?;
    file.commit()?;
    Ok(())
}

/// `SOURCE_DATE_EPOCH` (seconds since 1970), the reproducible-builds convention, if set.
fn source_date_epoch() -> anyhow::Result<Option<i64>> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(s) => {
            s.trim().parse().map(Some).map_err(|_| {
                anyhow!("SOURCE_DATE_EPOCH is `{s}`, not a number of seconds since 1970")
            })
        }
        Err(_) => Ok(None),
    }
}

/// The system clock, in seconds since 1970.
fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}
