//! The document body: the paragraphs of word/document.xml with their visible text, style and
//! numbering properties, under one reading of the tracked changes.
//!
//! Text comes from runs (`w:t`, and `w:delText` where deletions are kept), tabs, breaks and
//! non-breaking hyphens. Left out: field instructions (`w:instrText`, and everything between a
//! field's begin and separate marks), comment marks and references, footnote references,
//! hidden text (`w:vanish`), drawings, text boxes and the fallback copies of
//! `mc:AlternateContent`. Table cells are read as paragraphs in document order.

use super::numbering::NumPr;
use super::xml::{self, Node, Problem, Unclosed};
use super::TrackedChanges;
use quick_xml::events::BytesStart;

/// A paragraph of the body as it reads under the chosen tracked-changes view.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Paragraph {
    /// 1-based index of the `w:p` among the body's paragraphs (both views count alike).
    pub index: u32,
    /// The visible text.
    pub text: String,
    /// The paragraph style.
    pub style: Option<String>,
    /// Direct numbering.
    pub num: NumPr,
    /// The paragraph mark is not there in this view (deleted and accepted, or inserted and
    /// rejected): the paragraph runs on into the next.
    pub runs_on: bool,
}

/// Subtrees whose text is not the draft's: drawings and text boxes, embedded objects, the
/// fallback copy of alternate content, section properties.
pub(super) const SKIPPED: [&str; 6] = [
    "drawing",
    "pict",
    "object",
    "Fallback",
    "txbxContent",
    "sectPr",
];

/// Paragraph properties, current or as before a tracked change.
#[derive(Debug, Clone, Default)]
struct Props {
    style: Option<String>,
    num: NumPr,
}

/// A paragraph being read.
#[derive(Debug, Default)]
struct Open {
    /// The depth of the path at which the `w:p` opened.
    depth: usize,
    text: String,
    now: Props,
    /// The properties before a tracked formatting change (`w:pPrChange`), if any.
    before: Option<Props>,
    mark_inserted: bool,
    mark_deleted: bool,
}

/// Reads the body's paragraphs.
pub(super) fn paragraphs(
    part: &str,
    xml_text: &str,
    view: TrackedChanges,
) -> Result<Vec<Paragraph>, Problem> {
    let mut out = Vec::new();
    let mut body_seen = false;
    let mut p: Option<Open> = None;
    // Depth of the skipped subtree we are in, if any.
    let mut skip: Option<usize> = None;
    // Open tracked insertions (w:ins, w:moveTo) and deletions (w:del, w:moveFrom).
    let (mut inserted, mut deleted) = (0usize, 0usize);
    // Fields: for each open field, whether it is past its separate mark (showing its result).
    let mut fields: Vec<bool> = Vec::new();
    let mut in_text = false;
    let mut hidden_run = false;
    xml::walk(part, xml_text, Unclosed::Refused, |node| match node {
        Node::Open {
            name,
            element,
            path,
        } => {
            if skip.is_none() {
                if name == "body" {
                    body_seen = true;
                }
                let show = visible(view, inserted, deleted, &fields, hidden_run);
                open(
                    name,
                    element,
                    path,
                    &mut skip,
                    &mut p,
                    (&mut inserted, &mut deleted),
                    &mut fields,
                    &mut in_text,
                    &mut hidden_run,
                    show,
                );
            }
        }
        Node::Close { name, path } => close(
            name,
            path,
            &mut skip,
            &mut p,
            &mut out,
            view,
            (&mut inserted, &mut deleted),
            &mut in_text,
        ),
        Node::Text(t) => {
            if in_text && visible(view, inserted, deleted, &fields, hidden_run) {
                if let Some(p) = p.as_mut() {
                    t.push_to(&mut p.text);
                }
            }
        }
    })?;
    if !body_seen {
        return Err(Problem::new(
            format!("{part} has no document body"),
            "the file is damaged or not a Word document: open it in Word and save it again",
        ));
    }
    Ok(out)
}

/// Whether text at this point shows in the chosen view.
fn visible(
    view: TrackedChanges,
    inserted: usize,
    deleted: usize,
    fields: &[bool],
    hidden_run: bool,
) -> bool {
    let tracked = match view {
        TrackedChanges::Accepted => deleted == 0,
        TrackedChanges::Rejected => inserted == 0,
    };
    tracked && fields.iter().all(|result| *result) && !hidden_run
}

/// Handles an opening tag (and the opening half of an empty one).
#[allow(clippy::too_many_arguments)]
fn open(
    name: &str,
    e: &BytesStart,
    path: &[String],
    skip: &mut Option<usize>,
    p: &mut Option<Open>,
    (inserted, deleted): (&mut usize, &mut usize),
    fields: &mut Vec<bool>,
    in_text: &mut bool,
    hidden_run: &mut bool,
    show: bool,
) {
    if SKIPPED.contains(&name) {
        *skip = Some(path.len());
        return;
    }
    let parent = path.last().map(String::as_str).unwrap_or("");
    if name == "p" {
        if p.is_some() {
            // A paragraph inside a paragraph (a text box that escaped the list): not ours.
            *skip = Some(path.len());
        } else {
            *p = Some(Open {
                depth: path.len(),
                ..Open::default()
            });
        }
        return;
    }
    let Some(para) = p.as_mut() else {
        return;
    };
    let rel: Vec<&str> = path[para.depth + 1..].iter().map(String::as_str).collect();
    match (rel.as_slice(), name) {
        (["pPr"], "pStyle") => para.now.style = xml::attr(e, "val"),
        (["pPr", "numPr"], "numId") => para.now.num.num_id = xml::num_attr(e, "val"),
        (["pPr", "numPr"], "ilvl") => para.now.num.ilvl = xml::num_attr(e, "val"),
        (["pPr", "rPr"], "ins" | "moveTo") => para.mark_inserted = true,
        (["pPr", "rPr"], "del" | "moveFrom") => para.mark_deleted = true,
        (["pPr", "pPrChange"], "pPr") => para.before = Some(Props::default()),
        (["pPr", "pPrChange", "pPr"], "pStyle") => {
            if let Some(b) = para.before.as_mut() {
                b.style = xml::attr(e, "val");
            }
        }
        (["pPr", "pPrChange", "pPr", "numPr"], "numId" | "ilvl") => {
            if let Some(b) = para.before.as_mut() {
                let v = xml::num_attr(e, "val");
                if name == "numId" {
                    b.num.num_id = v;
                } else {
                    b.num.ilvl = v;
                }
            }
        }
        (_, "vanish") if rel.ends_with(&["r", "rPr"]) => *hidden_run = xml::on(e),
        // Other run and paragraph properties, and tracked changes of them: no text.
        _ if rel.contains(&"pPr") || rel.contains(&"rPr") => {}
        (_, "ins" | "moveTo") => *inserted += 1,
        (_, "del" | "moveFrom") => *deleted += 1,
        (_, "r") => *hidden_run = false,
        (_, "t" | "delText") if parent == "r" => *in_text = true,
        (_, "tab" | "ptab") if parent == "r" && show => para.text.push('\t'),
        (_, "br" | "cr") if parent == "r" && show => {
            let page = matches!(
                xml::attr(e, "type").as_deref(),
                Some("page") | Some("column")
            );
            para.text.push(if page { ' ' } else { '\n' });
        }
        (_, "noBreakHyphen") if parent == "r" && show => para.text.push('-'),
        (_, "fldChar") => match xml::attr(e, "fldCharType").as_deref() {
            Some("begin") => fields.push(false),
            Some("separate") => {
                if let Some(f) = fields.last_mut() {
                    *f = true;
                }
            }
            Some("end") => {
                fields.pop();
            }
            _ => {}
        },
        _ => {}
    }
}

/// Handles a closing tag (and the closing half of an empty one); `path` no longer holds it.
#[allow(clippy::too_many_arguments)]
fn close(
    name: &str,
    path: &[String],
    skip: &mut Option<usize>,
    p: &mut Option<Open>,
    out: &mut Vec<Paragraph>,
    view: TrackedChanges,
    (inserted, deleted): (&mut usize, &mut usize),
    in_text: &mut bool,
) {
    if let Some(depth) = *skip {
        if path.len() == depth {
            *skip = None;
        }
        return;
    }
    let Some(para) = p.as_ref() else {
        return;
    };
    if name == "p" && path.len() == para.depth {
        let para = p.take().unwrap_or_default();
        let props = match view {
            TrackedChanges::Accepted => para.now,
            TrackedChanges::Rejected => para.before.unwrap_or(para.now),
        };
        out.push(Paragraph {
            index: u32::try_from(out.len() + 1).unwrap_or(u32::MAX),
            text: para.text,
            style: props.style,
            num: props.num,
            runs_on: match view {
                TrackedChanges::Accepted => para.mark_deleted,
                TrackedChanges::Rejected => para.mark_inserted,
            },
        });
        return;
    }
    let rel = &path[para.depth + 1..];
    if rel.iter().any(|n| n == "pPr" || n == "rPr") {
        return;
    }
    match name {
        "ins" | "moveTo" => *inserted = inserted.saturating_sub(1),
        "del" | "moveFrom" => *deleted = deleted.saturating_sub(1),
        "t" | "delText" => *in_text = false,
        _ => {}
    }
}
