//! `rules measure LABELS --drafts DIR`: the rulebook's agreement with analysts' labels, as
//! tables for a person or one JSON object for tools. The figures are the library's
//! ([`policycheck::measure`]); this file only lays them out.

use super::setup::chosen;
use super::{config, cwd, Outcome, Status};
use crate::task::{MeasureFormat, MeasureOptions, RulesOptions};
use policycheck::measure::{measure_folder, Confusion, Measurement, VERDICTS};

/// `rules measure`.
pub fn run(o: MeasureOptions) -> anyhow::Result<Outcome> {
    let rulebook = chosen(&RulesOptions {
        config: o.config.clone(),
        rules: o.rules.clone(),
    })?;
    let settings = config(&o.config, &cwd()?)?;
    let m = measure_folder(&rulebook, &o.labels, &o.drafts, &o.read.over(settings.read))?;
    let out = match o.format {
        MeasureFormat::Text => text(&m, &o.drafts.display().to_string()),
        MeasureFormat::Json => {
            let mut s = serde_json::to_string_pretty(&m)?;
            s.push('\n');
            s
        }
    };
    Ok(Outcome::new(out, Status::Pass))
}

/// `0.912 (164 of 180)`, or `–` when there is nothing to count.
fn share(a: usize, b: usize) -> String {
    if b == 0 {
        "–".to_string()
    } else {
        format!("{:.3} ({a} of {b})", a as f64 / b as f64)
    }
}

/// The whole measurement as text: figures, per-rule table, confusion matrix, disagreements.
pub fn text(m: &Measurement, drafts: &str) -> String {
    let c = &m.confusion;
    let mut out = format!(
        "Rulebook {} measured against {} ({} documents in {drafts}, {} verdicts)\n\n",
        m.rulebook,
        m.labels,
        m.documents,
        c.total()
    );
    out.push_str(&format!(
        "exact agreement   {}\n",
        share(c.agreed(), c.total())
    ));
    out.push_str(&format!(
        "Cohen's kappa     {}\n",
        c.kappa()
            .map_or("– (undefined)".into(), |k| format!("{k:.3}"))
    ));
    out.push_str(&format!(
        "taken up          precision {}   recall {}\n",
        share(c.taken_up_both(), c.taken_up_policycheck()),
        share(c.taken_up_both(), c.taken_up_labels())
    ));
    out.push_str(&format!(
        "evidence          {} cite a paragraph the labels cite\n\n",
        share(m.evidence.cited, m.evidence.verdicts)
    ));
    let id_w = m
        .rules
        .iter()
        .map(|(id, _)| id.chars().count())
        .chain([4])
        .max()
        .unwrap_or(4);
    out.push_str(&format!(
        "{:<id_w$}  {:<18}  {:<18}  recall\n",
        "rule", "agreement", "precision"
    ));
    for (id, r) in &m.rules {
        out.push_str(&format!(
            "{id:<id_w$}  {:<18}  {:<18}  {}\n",
            share(r.agreed, r.verdicts),
            share(r.taken_up_both, r.taken_up_policycheck),
            share(r.taken_up_both, r.taken_up_labels)
        ));
    }
    out.push_str("(precision and recall of \"taken up\": met or partial, against missing)\n\n");
    out.push_str(&matrix(c));
    out.push_str(&format!("\ndisagreements ({})\n", m.disagreements.len()));
    for d in &m.disagreements {
        out.push_str(&format!("{} · {}\n", d.document, d.rule));
        out.push_str(&format!(
            "  labels       {:<8} {}\n",
            d.label.verdict.as_str(),
            list(&d.label.evidence)
        ));
        if !d.note.trim().is_empty() {
            out.push_str(&format!("               {}\n", d.note.trim()));
        }
        let found = if d.criteria.is_empty() {
            "no criterion found".to_string()
        } else {
            format!("found {}", d.criteria.join(", "))
        };
        out.push_str(&format!(
            "  policycheck  {:<8} {} — {found}",
            d.policycheck.verdict.as_str(),
            list(&d.policycheck.evidence)
        ));
        if !d.denied.is_empty() {
            out.push_str(&format!("; denied in {}", d.denied.join(", ")));
        }
        out.push('\n');
    }
    out
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "(no paragraph)".to_string()
    } else {
        items.join(", ")
    }
}

/// The confusion matrix: rows the labels' verdicts, columns policycheck's.
fn matrix(c: &Confusion) -> String {
    let mut out = String::from("labels ↓ policycheck →   met  partial  missing\n");
    for (i, label) in VERDICTS.iter().enumerate() {
        out.push_str(&format!(
            "{:<22}  {:>5}  {:>7}  {:>7}\n",
            label.as_str(),
            c.cells[i][0],
            c.cells[i][1],
            c.cells[i][2]
        ));
    }
    out
}
