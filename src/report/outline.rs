//! The outline of a mandate as policycheck read it, for `policycheck read`: one line per
//! provision with its id, its lines, the force and addressee of each clause and the start of
//! its text. It lets an analyst check the reading (numbering, sub-paragraphs, "Decides" read
//! as a mandate, "Encourages" as a call) before trusting the verdicts that rest on it.
//!
//! Plain text, fixed columns, no colour: the same mandate gives the same bytes.

use crate::mandate::{Addressee, Clause, FactValue, Force, Mandate, Part, SourceFormat};
use std::fmt::Write;

/// How many characters of a provision's text the outline shows.
const EXCERPT_CHARS: usize = 72;

/// The outline of `mandate`, ending in a newline.
pub fn render_outline(mandate: &Mandate) -> String {
    let mut out = String::new();
    let mut heading = vec![mandate.path.clone()];
    heading.extend(mandate.title.iter().cloned());
    heading.extend(mandate.mission.iter().cloned());
    heading.extend(mandate.adopted.iter().map(|d| format!("adopted {d}")));
    let _ = writeln!(out, "{}", heading.join(" · "));
    let _ = writeln!(out, "{}", summary_line(mandate));
    if mandate.provisions.is_empty() {
        return out;
    }
    let rows: Vec<[String; 4]> = mandate
        .provisions
        .iter()
        .map(|p| {
            [
                p.id.clone(),
                match mandate.page_of(p.first_line) {
                    Some(page) => format!("p. {page}, {}", lines_text(p.first_line, p.last_line)),
                    None => lines_text(p.first_line, p.last_line),
                },
                clauses_text(&p.clauses),
                excerpt(&p.text),
            ]
        })
        .collect();
    let unit = match mandate.format {
        SourceFormat::Docx => "paragraphs",
        SourceFormat::Pdf => "page, lines",
        _ => "lines",
    };
    let header = ["id", unit, "force → addressee", "text"].map(str::to_string);
    let width = |i: usize| {
        rows.iter()
            .chain(std::iter::once(&header))
            .map(|r| r[i].chars().count())
            .max()
            .unwrap_or(0)
    };
    let widths = [width(0), width(1), width(2).min(36)];
    out.push('\n');
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (cell, w) in row.iter().zip(widths) {
            let _ = write!(line, "{cell:<w$}  ");
        }
        line.push_str(&row[3]);
        let _ = writeln!(out, "{}", line.trim_end());
    }
    if !mandate.facts.is_empty() {
        let _ = writeln!(out, "\nfacts:");
        for (key, fact) in &mandate.facts {
            let value = match &fact.value {
                FactValue::Bool(b) => b.to_string(),
                FactValue::Number(n) => n.to_string(),
                FactValue::Text(t) => format!("{t:?}"),
            };
            let at = fact
                .line
                .map_or_else(String::new, |l| format!("  (line {l})"));
            let _ = writeln!(out, "  {key}: {value}{at}");
        }
    }
    out
}

/// "read as plain text: 24 provisions (1 header, 8 preambular, 15 operative)".
fn summary_line(mandate: &Mandate) -> String {
    let how = match mandate.format {
        SourceFormat::Yaml => "a structured description (YAML)",
        SourceFormat::Text => "plain text",
        SourceFormat::Markdown => "Markdown",
        SourceFormat::Docx => "a Word document",
        SourceFormat::Pdf => "a PDF (its text layer)",
    };
    let parts: Vec<String> = [Part::Header, Part::Preambular, Part::Operative, Part::Annex]
        .into_iter()
        .filter_map(|part| {
            let n = mandate.provisions.iter().filter(|p| p.part == part).count();
            (n > 0).then(|| format!("{n} {}", part.as_str()))
        })
        .collect();
    let n = mandate.provisions.len();
    let noun = if n == 1 { "provision" } else { "provisions" };
    if parts.is_empty() {
        format!("read as {how}: no provisions")
    } else {
        format!("read as {how}: {n} {noun} ({})", parts.join(", "))
    }
}

fn lines_text(first: u32, last: u32) -> String {
    if first == last {
        first.to_string()
    } else {
        format!("{first}–{last}")
    }
}

/// Each clause's force, and its addressee when it names one: "call → states; mandate →
/// mission". Neighbouring clauses that read alike are shown once.
fn clauses_text(clauses: &[Clause]) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in clauses {
        let text = match (c.force, c.addressee) {
            (Force::Context, _) | (_, Addressee::Unspecified) => c.force.as_str().to_string(),
            (force, addressee) => format!("{} → {}", force.as_str(), addressee.as_str()),
        };
        if parts.last() != Some(&text) {
            parts.push(text);
        }
    }
    parts.join("; ")
}

/// The start of `text` on one line, cut at a word with "…" when longer than the outline shows.
fn excerpt(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= EXCERPT_CHARS {
        return flat;
    }
    let cut: String = flat.chars().take(EXCERPT_CHARS).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > EXCERPT_CHARS / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mandate::read_text;
    use crate::mandate::SourceFormat;

    #[test]
    fn one_line_per_provision_with_lines_force_and_addressee() {
        let m = read_text(
            "draft.txt",
            "The Security Council,\n\nRecalling its resolution 2085 (2012),\n\n\
             1. Decides that MINUSMA shall support the transitional authorities;\n\n\
             2. Encourages Member States to\n   share information;\n",
            SourceFormat::Text,
        );
        let out = render_outline(&m);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "draft.txt");
        assert!(lines[1].starts_with("read as plain text: "), "{}", lines[1]);
        let row = |id: &str| {
            lines
                .iter()
                .find(|l| l.starts_with(&format!("{id} ")))
                .copied()
                .unwrap_or_else(|| panic!("no row for {id} in\n{out}"))
        };
        assert!(row("PP1").contains("context"), "{out}");
        assert!(row("OP1").contains("mandate → mission"), "{out}");
        assert!(row("OP2").contains("call → states"), "{out}");
        assert!(row("OP2").contains("7–8"), "{out}");
        assert!(row("OP2").ends_with("Encourages Member States to share information;"));
    }

    #[test]
    fn long_text_is_cut_at_a_word() {
        let long = "word ".repeat(40);
        let e = excerpt(&long);
        assert!(e.ends_with("word…"), "{e}");
        assert!(e.chars().count() <= EXCERPT_CHARS + 1);
        assert_eq!(excerpt("  short \n text "), "short text");
    }

    #[test]
    fn alike_neighbouring_clauses_are_shown_once() {
        let c = |force, addressee| Clause {
            start: 0,
            end: 1,
            verb: None,
            force,
            addressee,
        };
        let clauses = [
            c(Force::Call, Addressee::States),
            c(Force::Call, Addressee::States),
            c(Force::Mandate, Addressee::Mission),
            c(Force::Context, Addressee::Mission),
        ];
        assert_eq!(
            clauses_text(&clauses),
            "call → states; mandate → mission; context"
        );
    }
}
