//! The Word reader (.docx): turns a Word draft into the text the plain-text reader already
//! understands, so a .docx is segmented exactly like its printed text. Each Word paragraph
//! becomes one paragraph of text, preceded by the number Word shows for it ("12.", "(b)",
//! "(iii)", computed from the numbering definitions), and the text is read by
//! [`read_text`](super::read_text).
//!
//! Tracked changes are read as accepted (the default) or as rejected; see [`TrackedChanges`].
//! Comments, footnote references, field instructions, hidden text, text boxes and drawings are
//! left out. Word has no lines, so a provision's `first_line` and `last_line` (and its
//! `line_map`) are 1-based paragraph numbers: the index of the Word paragraph among all the
//! paragraphs of the body (empty ones and table cells included), the same in both readings of
//! the tracked changes. The parts of the package (`package`), the body (`body`) and the
//! numbering (`numbering`, and what Word accepts of a list, `list_limits`) each have their own
//! file under `docx/`; so has the writer that inserts paragraphs as tracked changes (`amend`,
//! for `policycheck suggest`).

mod amend;
mod body;
mod list_limits;
mod numbering;
mod package;
mod xml;

pub use amend::{insert_tracked, NewParagraph, Revision, Slot};
pub use package::{MAX_PART_BYTES, MAX_TOTAL_BYTES};

use super::{read_text, Mandate, ReadOptions, SourceFormat};
use crate::error::{Diagnostic, Error};
use body::Paragraph;
use numbering::Numbering;
use package::Limits;
use xml::Problem;

/// Which reading of a draft's tracked changes is scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum TrackedChanges {
    /// As if every change were accepted: insertions kept, deletions dropped, moved text at its
    /// new place, the current paragraph numbering. What the draft becomes; the default.
    #[default]
    Accepted,
    /// As if every change were rejected: insertions dropped, deleted text kept, moved text at
    /// its old place, the numbering before any tracked formatting change. The draft as it was.
    Rejected,
}

impl TrackedChanges {
    /// Both readings, the default first.
    pub const ALL: [TrackedChanges; 2] = [TrackedChanges::Accepted, TrackedChanges::Rejected];

    /// The word used on the command line: `accepted` or `rejected`.
    pub fn as_str(self) -> &'static str {
        match self {
            TrackedChanges::Accepted => "accepted",
            TrackedChanges::Rejected => "rejected",
        }
    }

    /// Parses `accepted` or `rejected`.
    pub fn parse(s: &str) -> Option<TrackedChanges> {
        TrackedChanges::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

impl std::fmt::Display for TrackedChanges {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Reads a Word draft from the bytes of its .docx file. `label` names the source in the
/// result and in errors (usually its path); `options.tracked_changes` picks the reading of
/// tracked changes.
///
/// Refused with an [`Error::Mandate`] saying why: a file that is not a zip package, a package
/// with no main document, XML that is not well-formed, a part that unpacks to more than
/// [`MAX_PART_BYTES`] (or parts together to more than [`MAX_TOTAL_BYTES`]), a document with
/// no text.
pub fn read_docx(label: &str, bytes: &[u8], options: &ReadOptions) -> Result<Mandate, Error> {
    read_limited(label, bytes, options.tracked_changes, Limits::DEFAULT)
}

fn read_limited(
    label: &str,
    bytes: &[u8],
    view: TrackedChanges,
    limits: Limits,
) -> Result<Mandate, Error> {
    let refuse = |p: Problem| {
        Error::Mandate(
            Diagnostic::new(
                label,
                format!("this .docx file cannot be opened: {}", p.message),
            )
            .hint(p.hint),
        )
    };
    let parts = package::open(bytes, limits).map_err(refuse)?;
    let mut numbering =
        Numbering::read(parts.numbering.as_ref(), parts.styles.as_ref()).map_err(refuse)?;
    let (name, xml) = &parts.document;
    let paragraphs = body::paragraphs(name, xml, view).map_err(refuse)?;
    let rendered = render(paragraphs, &mut numbering).map_err(refuse)?;
    if rendered.text.trim().is_empty() {
        return Err(Error::Mandate(
            Diagnostic::new(label, "the document has no text: there is nothing to score").hint(
                "check that the right file was named; text in text boxes, headers, footers and \
                 footnotes is not read",
            ),
        ));
    }
    let mut mandate = read_text(label, &rendered.text, SourceFormat::Text);
    mandate.format = SourceFormat::Docx;
    for p in &mut mandate.provisions {
        p.first_line = rendered.paragraphs_of(p.first_line).0;
        p.last_line = rendered.paragraphs_of(p.last_line).1;
        let mut map: Vec<(usize, u32)> = Vec::with_capacity(p.line_map.len());
        for (offset, line) in &p.line_map {
            let para = rendered.paragraphs_of(*line).0;
            if map.last().is_none_or(|(_, last)| *last != para) {
                map.push((*offset, para));
            }
        }
        p.line_map = map;
    }
    Ok(mandate)
}

/// The document as text, with the Word paragraphs each text line came from.
#[derive(Debug, Default)]
struct Rendered {
    text: String,
    /// For each text line (0-based): the first and last Word paragraph it stands for.
    lines: Vec<(u32, u32)>,
}

impl Rendered {
    /// The paragraphs of a 1-based text line.
    fn paragraphs_of(&self, line: u32) -> (u32, u32) {
        let i = (line as usize).saturating_sub(1).min(self.lines.len() - 1);
        self.lines[i]
    }

    fn push_line(&mut self, line: &str, paragraphs: (u32, u32)) {
        self.text.push_str(line);
        self.text.push('\n');
        self.lines.push(paragraphs);
    }
}

/// Writes each paragraph (those whose mark is gone run on into the next) as its number and
/// text followed by a blank line; refused when a paragraph's number is beyond what Word
/// accepts (see `numbering`).
fn render(paragraphs: Vec<Paragraph>, numbering: &mut Numbering) -> Result<Rendered, Problem> {
    let mut out = Rendered::default();
    let mut carried = String::new();
    let mut first = None;
    for p in paragraphs {
        carried.push_str(&p.text);
        if first.is_none() && !p.text.trim().is_empty() {
            // The span starts at the first paragraph that gives text.
            first = Some(p.index);
        }
        if p.runs_on {
            continue;
        }
        let first_index = first.take().unwrap_or(p.index);
        let text = std::mem::take(&mut carried);
        let span = (first_index, p.index);
        let label = numbering.label(p.index, p.style.as_deref(), p.num)?;
        let mut lines = text
            .split('\n')
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .peekable();
        if label.is_none() && lines.peek().is_none() {
            continue;
        }
        let head = lines.next().unwrap_or("");
        match &label {
            Some(label) => out.push_line(format!("{label} {head}").trim_end(), span),
            None => out.push_line(head, span),
        }
        for line in lines {
            out.push_line(line, span);
        }
        out.push_line("", span);
    }
    if !carried.trim().is_empty() {
        // The last paragraph's mark cannot go; its text stays.
        let span = (first.unwrap_or(1), first.unwrap_or(1));
        out.push_line(carried.trim(), span);
    }
    let last = out.lines.last().copied().unwrap_or((1, 1));
    // The line after the final newline.
    out.lines.push(last);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(index: u32, text: &str, num: Option<(u32, u32)>, runs_on: bool) -> Paragraph {
        Paragraph {
            index,
            text: text.into(),
            style: None,
            num: numbering::NumPr {
                num_id: num.map(|n| n.0),
                ilvl: num.map(|n| n.1),
            },
            runs_on,
        }
    }

    #[test]
    fn paragraphs_become_numbered_text_with_their_paragraph_numbers() {
        let mut n = Numbering::default();
        let r = render(
            vec![
                para(1, "Recalling", None, false),
                para(2, "", None, false),
                para(3, "Decides ", None, true),
                para(4, "to act", None, false),
            ],
            &mut n,
        )
        .unwrap();
        assert_eq!(r.text, "Recalling\n\nDecides to act\n\n");
        assert_eq!(r.lines, [(1, 1), (1, 1), (3, 4), (3, 4), (3, 4)]);
        assert_eq!(r.paragraphs_of(3), (3, 4));
        assert_eq!(r.paragraphs_of(99), (3, 4));
    }

    #[test]
    fn tracked_changes_words_round_trip() {
        for t in TrackedChanges::ALL {
            assert_eq!(TrackedChanges::parse(t.as_str()), Some(t));
        }
        assert_eq!(TrackedChanges::default(), TrackedChanges::Accepted);
        assert_eq!(TrackedChanges::parse("all"), None);
    }
}
