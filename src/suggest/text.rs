//! Suggestions written into a plain-text or Markdown draft: each suggested paragraph inserted
//! at its place as a numbered paragraph of the draft, and the operative paragraphs after it
//! renumbered, as Word's automatic numbering would renumber them — so the amended text reads
//! as the draft would read with the suggestions accepted, and `check` reads it so.
//!
//! A new paragraph takes the number its place gives it ("4." after paragraph 3) with the
//! indentation, the number's punctuation ("4." or "4)") and the spacing of the paragraph it
//! follows or precedes, and is wrapped to the draft's line width when the draft's paragraphs
//! are wrapped. The paragraphs after it are renumbered while their numbers run on by one (a
//! list that starts again at 1 is left alone); a Markdown list whose items all print the same
//! number ("1. 1. 1.") keeps doing so; a draft whose paragraphs have no numbers gets none.
//! Cross-references written in the text ("paragraph 7 above") are not changed: the drafter
//! checks them, as in Word.

use super::place::{family_lines, top_level_operative};
use super::Suggestion;
use crate::mandate::Mandate;
use regex::Regex;
use std::sync::LazyLock;

/// A paragraph's printed number at the start of its first line: indentation, digits,
/// punctuation (a comma is a misprint the reader tolerates), spacing.
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\s*)(\d+)([.),])(\s+)").unwrap_or_else(|_| unreachable!("a constant pattern"))
});

/// The widest line a wrapped draft may have; a draft with longer lines is not wrapped.
const MAX_WRAP: usize = 100;

/// `original` (the text `mandate` was read from) with `suggestions` inserted.
pub fn amend_text(original: &str, mandate: &Mandate, suggestions: &[Suggestion]) -> String {
    let newline = if original.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let mut lines: Vec<String> = original.lines().map(str::to_string).collect();
    let tops = top_level_operative(mandate);
    let printed: Vec<Option<u64>> = tops
        .iter()
        .map(|t| number_of(line(&lines, t.first_line)))
        .collect();
    let uniform =
        printed.len() > 1 && printed[0].is_some() && printed.iter().all(|n| *n == printed[0]);
    let width = wrap_width(&lines, mandate);

    // (insertion index in `lines`, order, new lines)
    let mut inserts: Vec<(usize, usize, Vec<String>)> = Vec::new();
    // Renumbering: for each top, its new number.
    let mut renumbered: Vec<Option<u64>> = printed.clone();
    let mut shift: u64 = 0;
    let mut order = 0;
    for (j, top) in tops.iter().enumerate() {
        // Numbers run on by one from the paragraph before; a restart ends the renumbering.
        if j > 0 && (printed[j].is_none() || printed[j] != printed[j - 1].map(|n| n + 1)) {
            shift = 0;
        }
        let here = |before: bool| {
            suggestions
                .iter()
                .filter(move |s| s.placement.neighbour == top.id && s.placement.before == before)
        };
        for s in here(true) {
            let number = if uniform {
                printed[j]
            } else {
                printed[j].map(|n| n + shift)
            };
            let para = paragraph(line(&lines, top.first_line), number, &s.text, width);
            inserts.push((top.first_line.saturating_sub(1) as usize, order, {
                let mut v = para;
                v.push(String::new());
                v
            }));
            order += 1;
            shift += 1;
        }
        if !uniform {
            renumbered[j] = printed[j].map(|n| n + shift);
        }
        let (_, last) = family_lines(mandate, &top.id).unwrap_or((top.first_line, top.last_line));
        for s in here(false) {
            let number = if uniform {
                printed[j]
            } else {
                printed[j].map(|n| n + shift + 1)
            };
            let mut v = vec![String::new()];
            v.extend(paragraph(
                line(&lines, top.first_line),
                number,
                &s.text,
                width,
            ));
            inserts.push(((last as usize).min(lines.len()), order, v));
            order += 1;
            shift += 1;
        }
    }
    // Suggestions placed by a provision that is not an operative paragraph (a draft without
    // an operative part): after it, unnumbered.
    for s in suggestions {
        if tops.iter().any(|t| t.id == s.placement.neighbour) {
            continue;
        }
        if let Some((_, last)) = family_lines(mandate, &s.placement.neighbour) {
            let mut v = vec![String::new()];
            v.extend(wrap("", "", &s.text, width));
            inserts.push(((last as usize).min(lines.len()), order, v));
            order += 1;
        }
    }
    for (j, top) in tops.iter().enumerate() {
        if let (Some(old), Some(new)) = (printed[j], renumbered[j]) {
            if old != new {
                let i = top.first_line.saturating_sub(1) as usize;
                if let Some(l) = lines.get_mut(i) {
                    *l = NUMBER
                        .replace(l, |c: &regex::Captures| {
                            format!("{}{new}{}{}", &c[1], &c[3], &c[4])
                        })
                        .into_owned();
                }
            }
        }
    }
    inserts.sort_by_key(|i| std::cmp::Reverse((i.0, i.1)));
    // At one index, the earlier suggestion must end up first: insert the later ones first.
    for (at, _, new) in inserts {
        let at = at.min(lines.len());
        lines.splice(at..at, new);
    }
    let mut out = lines.join(newline);
    if original.ends_with('\n') || original.is_empty() {
        out.push_str(newline);
    }
    out
}

/// The 1-based line `n`, or "".
fn line(lines: &[String], n: u32) -> &str {
    (n as usize)
        .checked_sub(1)
        .and_then(|i| lines.get(i))
        .map_or("", String::as_str)
}

/// The number a paragraph's first line prints.
fn number_of(line: &str) -> Option<u64> {
    NUMBER.captures(line).and_then(|c| c[2].parse().ok())
}

/// The width to wrap new paragraphs to: the draft's widest operative line, when its
/// operative paragraphs run over several lines and none is wider than [`MAX_WRAP`].
fn wrap_width(lines: &[String], mandate: &Mandate) -> Option<usize> {
    let tops = top_level_operative(mandate);
    let wrapped = tops.iter().any(|t| t.last_line > t.first_line);
    let widest = tops
        .iter()
        .flat_map(|t| (t.first_line..=t.last_line).map(|n| line(lines, n).chars().count()))
        .max()?;
    (wrapped && (40..=MAX_WRAP).contains(&widest)).then_some(widest)
}

/// The new paragraph's lines: the model line's indentation, the number and its punctuation
/// and spacing, then the text; continuation lines indented as the model's second line.
fn paragraph(model: &str, number: Option<u64>, text: &str, width: Option<usize>) -> Vec<String> {
    let (first, rest) = match (NUMBER.captures(model), number) {
        // "4," is a misprint of "4." (the reader takes it so); a new paragraph is printed right.
        (Some(c), Some(n)) => {
            let punct = if &c[3] == "," { "." } else { &c[3] };
            (format!("{}{n}{punct}{}", &c[1], &c[4]), c[1].to_string())
        }
        (Some(c), None) => (c[1].to_string(), c[1].to_string()),
        (None, _) => {
            let indent: String = model.chars().take_while(|c| c.is_whitespace()).collect();
            (indent.clone(), indent)
        }
    };
    wrap(&first, &rest, text, width)
}

/// `text` after `first` on the first line and `rest` on the others, wrapped greedily at
/// `width` characters (not at all without one).
fn wrap(first: &str, rest: &str, text: &str, width: Option<usize>) -> Vec<String> {
    let Some(width) = width else {
        return vec![format!("{first}{text}")];
    };
    let mut out = Vec::new();
    let mut current = first.to_string();
    let mut empty = true;
    for word in text.split_whitespace() {
        let len = current.chars().count() + usize::from(!empty) + word.chars().count();
        if !empty && len > width {
            out.push(std::mem::replace(&mut current, rest.to_string()));
            empty = true;
        }
        if !empty {
            current.push(' ');
        }
        current.push_str(word);
        empty = false;
    }
    out.push(current);
    out
}

/// A unified diff of the draft and its amended text, with three lines of context, as `diff
/// -u` and `git diff` print it.
pub fn unified_diff(original: &str, amended: &str, old_name: &str, new_name: &str) -> String {
    similar::TextDiff::from_lines(original, amended)
        .unified_diff()
        .context_radius(3)
        .header(old_name, new_name)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::super::place::{Placement, Reason};
    use super::*;
    use crate::mandate::{read_text, SourceFormat};
    use crate::vocab::Verdict;

    fn suggestion(neighbour: &str, before: bool, text: &str) -> Suggestion {
        Suggestion {
            rule: "r".into(),
            title: "T".into(),
            verdict: Verdict::Missing,
            text: text.into(),
            placement: Placement {
                neighbour: neighbour.into(),
                before,
                reason: Reason::Subject,
            },
            comment: Vec::new(),
            unfilled: Vec::new(),
        }
    }

    const DRAFT: &str = "The Security Council,\n\n1. Decides that the mission shall monitor\nthe cease-fire;\n\n2. Requests the mission to assist:\n\n(a) in the cantonment;\n\n3. Decides to remain seized of the matter.\n";

    fn amend(draft: &str, s: &[Suggestion]) -> String {
        let m = read_text("d.txt", draft, SourceFormat::Text);
        amend_text(draft, &m, s)
    }

    fn amend_md(draft: &str, s: &[Suggestion]) -> String {
        let m = read_text("d.md", draft, SourceFormat::Markdown);
        amend_text(draft, &m, s)
    }

    #[test]
    fn new_paragraphs_are_numbered_in_place_and_the_rest_renumbered() {
        let got = amend(
            DRAFT,
            &[
                suggestion("OP2", false, "Requests the Secretary-General to report;"),
                suggestion("OP3", true, "Urges Member States to contribute;"),
            ],
        );
        assert_eq!(
            got,
            "The Security Council,\n\n1. Decides that the mission shall monitor\nthe cease-fire;\n\n2. Requests the mission to assist:\n\n(a) in the cantonment;\n\n3. Requests the Secretary-General to\nreport;\n\n4. Urges Member States to contribute;\n\n5. Decides to remain seized of the matter.\n"
        );
        let m = read_text("a.txt", &got, SourceFormat::Text);
        let ids: Vec<&str> = m.provisions.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["HEADER", "OP1", "OP2", "OP2(a)", "OP3", "OP4", "OP5"]);
    }

    #[test]
    fn a_same_number_list_keeps_its_style_and_markdown_its_punctuation() {
        let md = "1. Decides to act;\n\n1. Decides to remain seized.\n";
        let got = amend_md(md, &[suggestion("OP2", true, "Requests a report;")]);
        assert_eq!(
            got,
            "1. Decides to act;\n\n1. Requests a report;\n\n1. Decides to remain seized.\n"
        );
        let md = "- intro\n\n 3) Decides to act;\n 4) Decides to remain seized.\n";
        let got = amend_md(md, &[suggestion("OP3", false, "Requests a report;")]);
        assert_eq!(got, "- intro\n\n 3) Decides to act;\n\n 4) Requests a report;\n 5) Decides to remain seized.\n");
    }

    #[test]
    fn the_diff_is_unified() {
        let amended = amend(DRAFT, &[suggestion("OP1", false, "Requests a report;")]);
        let d = unified_diff(DRAFT, &amended, "a/d.txt", "b/d.txt");
        assert!(d.starts_with("--- a/d.txt\n+++ b/d.txt\n@@ "), "{d}");
        assert!(d.contains("\n-2. Requests the mission to assist:\n+2. Requests a report;\n+\n+3. Requests the mission to assist:\n"), "{d}");
        assert!(
            d.contains("\n-3. Decides to remain seized of the matter.\n+4. Decides"),
            "{d}"
        );
    }

    #[test]
    fn wrapping_follows_the_model() {
        assert_eq!(
            wrap("4. ", "", "aaa bbb ccc", Some(10)),
            ["4. aaa bbb", "ccc"]
        );
        assert_eq!(wrap("", "", "aaa bbb", None), ["aaa bbb"]);
    }
}
