//! The Word writer for amendments: new paragraphs inserted into a .docx as tracked changes,
//! each with a Word comment, so that the drafter accepts or rejects each in Word's Review pane.
//!
//! Each new paragraph copies the layout and the automatic numbering (`w:numPr`, style,
//! indentation, spacing, alignment) of a paragraph the caller names, so Word numbers it in
//! the draft's own list and renumbers the paragraphs after it. Its text is inside `w:ins`
//! and its paragraph mark is marked inserted (`w:pPr/w:rPr/w:ins`): rejected, the paragraph
//! goes entirely; accepted, it stays. Its comment goes to word/comments.xml (created, with
//! its relationship and content type, when the draft has none; appended to otherwise), and
//! is anchored on the inserted text (`w:commentRangeStart/End`, `w:commentReference`).
//!
//! Only word/document.xml, the comments part, the document's relationships and
//! `[Content_Types].xml` are rewritten; every other entry of the package is copied byte for
//! byte (its compressed data, unpacked by no one). Paragraphs are counted as the reader
//! counts them (see `body.rs`), so a provision's `first_line`/`last_line` name the paragraph.

use super::package::{self, Limits};
use super::xml::Problem;
use crate::error::{Diagnostic, Error};
use quick_xml::events::Event;
use quick_xml::Reader;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

/// Where a new paragraph goes: before or after a paragraph of the body (1-based, counted as
/// the reader counts them: a provision's `first_line`/`last_line` in a Word draft).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// Just before this paragraph.
    Before(u32),
    /// Just after this paragraph.
    After(u32),
}

/// A paragraph to insert as a tracked change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewParagraph {
    /// Where it goes. Several at one slot keep their order.
    pub slot: Slot,
    /// The paragraphs whose style, numbering, indentation, spacing and alignment it may
    /// take, best first: the first of them that is numbered by Word (`w:numPr`), else the
    /// first. A paragraph beside one whose number is typed still joins the draft's list.
    pub like: Vec<u32>,
    /// Its text.
    pub text: String,
    /// The comment on it, a paragraph of the comment per item; none when empty.
    pub comment: Vec<String>,
}

/// Who makes the changes and when: `w:author` and `w:date` of every insertion and comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    /// The author Word shows, e.g. `policycheck`.
    pub author: String,
    /// The date, ISO 8601 in UTC: `2026-01-31T12:00:00Z`.
    pub date: String,
}

const WORD_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const COMMENTS_REL: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
const COMMENTS_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
/// Paragraph properties a new paragraph copies from its model, in schema order.
const COPIED: [&str; 6] = ["pStyle", "keepNext", "numPr", "spacing", "ind", "jc"];

/// Inserts `paragraphs` into the Word draft `bytes` as tracked changes by `revision`, and
/// returns the new package. `label` names the draft in errors. Refused, with a message
/// saying why: a package that cannot be read (as [`read_docx`](super::read_docx) refuses
/// it), or a paragraph number the body does not have.
pub fn insert_tracked(
    label: &str,
    bytes: &[u8],
    paragraphs: &[NewParagraph],
    revision: &Revision,
) -> Result<Vec<u8>, Error> {
    let refuse = |p: Problem| {
        Error::Mandate(
            Diagnostic::new(
                label,
                format!("this .docx file cannot be amended: {}", p.message),
            )
            .hint(p.hint),
        )
    };
    amend(bytes, paragraphs, revision, Limits::DEFAULT).map_err(refuse)
}

fn amend(
    bytes: &[u8],
    paragraphs: &[NewParagraph],
    revision: &Revision,
    limits: Limits,
) -> Result<Vec<u8>, Problem> {
    let parts = package::open(bytes, limits)?;
    let mut zip = ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| Problem::new(format!("the zip package cannot be read ({e})"), RESAVE))?;
    let mut budget = limits.total;
    let (doc_name, doc_xml) = &parts.document;
    let (dir, file) = doc_name.rsplit_once('/').unwrap_or(("", doc_name));
    let rels_name = format!("{}_rels/{file}.rels", package::prefix(dir));
    let rels = package::read_part(&mut zip, &rels_name, limits, &mut budget)?;
    let comments_name = rels
        .as_deref()
        .and_then(|r| package::target(r, "/comments", dir))
        .filter(|n| package::find(&zip, n).is_some());
    let comments_xml = match &comments_name {
        Some(n) => package::read_part(&mut zip, n, limits, &mut budget)?,
        None => None,
    };
    let types = package::read_part(&mut zip, "[Content_Types].xml", limits, &mut budget)?
        .ok_or_else(|| Problem::new("the package has no [Content_Types].xml", RESAVE))?;

    let spans = paragraph_spans(doc_xml)?;
    let w = word_prefix(doc_xml);
    let mut next_id = max_id(doc_xml).max(comments_xml.as_deref().map_or(0, max_id)) + 1;
    // (byte offset, order, XML) of each insertion into the document part.
    let mut splices: Vec<(usize, usize, String)> = Vec::new();
    let mut comments = String::new();
    for (order, np) in paragraphs.iter().enumerate() {
        let n = match np.slot {
            Slot::Before(n) | Slot::After(n) => n,
        };
        let span = span_of(&spans, n)?;
        let at = match np.slot {
            Slot::Before(_) => span.start,
            Slot::After(_) => span.end,
        };
        let mut props = String::new();
        for (k, like) in np.like.iter().enumerate() {
            let model = span_of(&spans, *like)?;
            let p = copied_props(&doc_xml[model.start..model.end]);
            if k == 0 || p.contains("numPr") {
                props = p;
            }
            if props.contains("numPr") {
                break;
            }
        }
        let comment_id = (!np.comment.is_empty()).then(|| {
            let id = next_id;
            next_id += 1;
            comments.push_str(&comment_xml("w", id, &np.comment, revision));
            id
        });
        let xml = paragraph_xml(&w, &props, &np.text, comment_id, &mut next_id, revision);
        splices.push((at, order, xml));
    }
    // Splice from the end, so earlier offsets stay true; at one offset, in the given order.
    splices.sort_by_key(|s| std::cmp::Reverse((s.0, s.1)));
    let mut new_doc = doc_xml.clone();
    for (at, _, xml) in &splices {
        new_doc.insert_str(*at, xml);
    }

    let mut replaced: Vec<(String, String)> = vec![(doc_name.clone(), new_doc)];
    let mut added: Vec<(String, String)> = Vec::new();
    if !comments.is_empty() {
        match (&comments_name, &comments_xml) {
            (Some(name), Some(xml)) => {
                replaced.push((name.clone(), append_comments(xml, &comments)?));
            }
            _ => {
                let name = format!("{}comments.xml", package::prefix(dir));
                let rels_text = rels.clone().unwrap_or_else(|| EMPTY_RELS.to_string());
                let new_rels = add_relationship(&rels_text, COMMENTS_REL, "comments.xml");
                if rels.is_some() {
                    replaced.push((rels_name.clone(), new_rels));
                } else {
                    added.push((rels_name.clone(), new_rels));
                }
                replaced.push((
                    "[Content_Types].xml".into(),
                    add_override(&types, &format!("/{name}"), COMMENTS_TYPE),
                ));
                added.push((
                    name,
                    format!(
                        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{}<w:comments xmlns:w="{WORD_NS}">{comments}</w:comments>"#,
                        "\r\n"
                    ),
                ));
            }
        }
    }
    write_package(&mut zip, &replaced, &added)
}

const RESAVE: &str =
    "the file is damaged: open it in Word and save it again as \"Word Document (.docx)\"";
const EMPTY_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>"#;

/// The package again: each entry in its place, the replaced ones with their new text, every
/// other one copied raw; the added entries at the end.
fn write_package(
    zip: &mut ZipArchive<Cursor<&[u8]>>,
    replaced: &[(String, String)],
    added: &[(String, String)],
) -> Result<Vec<u8>, Problem> {
    let damaged = |e: &dyn std::fmt::Display| {
        Problem::new(format!("the package cannot be rewritten ({e})"), RESAVE)
    };
    let mut out = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|e| damaged(&e))?;
        let name = entry.name().map_err(|e| damaged(&e))?.to_string();
        match replaced.iter().find(|(n, _)| n.eq_ignore_ascii_case(&name)) {
            Some((_, text)) => {
                let time = entry.last_modified().unwrap_or_default();
                drop(entry);
                out.start_file(name.as_str(), options.last_modified_time(time))
                    .map_err(|e| damaged(&e))?;
                out.write_all(text.as_bytes()).map_err(|e| damaged(&e))?;
            }
            None => out.raw_copy_file(entry).map_err(|e| damaged(&e))?,
        }
    }
    for (name, text) in added {
        out.start_file(name.as_str(), options)
            .map_err(|e| damaged(&e))?;
        out.write_all(text.as_bytes()).map_err(|e| damaged(&e))?;
    }
    Ok(out.finish().map_err(|e| damaged(&e))?.into_inner())
}

/// A paragraph's place in the document part: from its `<w:p` to the end of its `</w:p>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    start: usize,
    end: usize,
}

fn span_of(spans: &[Span], n: u32) -> Result<Span, Problem> {
    (n as usize)
        .checked_sub(1)
        .and_then(|i| spans.get(i))
        .copied()
        .ok_or_else(|| {
            Problem::new(
                format!(
                    "the document has {} paragraphs and no paragraph {n}",
                    spans.len()
                ),
                RESAVE,
            )
        })
}

/// Subtrees whose paragraphs the reader does not count: the reader's own list.
use super::body::SKIPPED;

/// The body's paragraphs in document order, counted as the reader counts them: not those in
/// drawings, text boxes, alternate content's fallback or section properties, nor a paragraph
/// inside another.
fn paragraph_spans(xml: &str) -> Result<Vec<Span>, Problem> {
    let mut r = Reader::from_str(xml);
    r.config_mut().check_end_names = true;
    let mut depth = 0usize;
    let mut skip: Option<usize> = None;
    // The open paragraph's depth and start.
    let mut open: Option<(usize, usize)> = None;
    let mut out = Vec::new();
    loop {
        let before = r.buffer_position() as usize;
        let ev = r.read_event().map_err(|e| {
            Problem::new(
                format!(
                    "the document part is not well-formed XML (at byte {}: {e})",
                    r.error_position()
                ),
                RESAVE,
            )
        })?;
        let after = r.buffer_position() as usize;
        match &ev {
            Event::Start(e) | Event::Empty(e) => {
                let empty = matches!(ev, Event::Empty(_));
                let name = e.local_name();
                let name: &str = name.as_ref();
                if skip.is_none() {
                    if SKIPPED.contains(&name) || (name == "p" && open.is_some()) {
                        if !empty {
                            skip = Some(depth);
                        }
                    } else if name == "p" {
                        if empty {
                            out.push(Span {
                                start: before,
                                end: after,
                            });
                        } else {
                            open = Some((depth, before));
                        }
                    }
                }
                if !empty {
                    depth += 1;
                }
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if skip == Some(depth) {
                    skip = None;
                } else if skip.is_none() {
                    if let Some((d, start)) = open {
                        if d == depth {
                            out.push(Span { start, end: after });
                            open = None;
                        }
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// The prefix the document binds to WordprocessingML (`w` nearly always), with its colon;
/// empty when it is the default namespace.
fn word_prefix(xml: &str) -> String {
    let needle = format!("=\"{WORD_NS}\"");
    let Some(at) = xml.find(&needle) else {
        return "w:".into();
    };
    let head = &xml[..at];
    let attr = head.rsplit(char::is_whitespace).next().unwrap_or("");
    match attr.strip_prefix("xmlns:") {
        Some(p) if !p.is_empty() => format!("{p}:"),
        _ if attr == "xmlns" => String::new(),
        _ => "w:".into(),
    }
}

/// The largest number among the `…:id="N"` attributes of a part (revision, comment and
/// bookmark ids), so new ids are new.
fn max_id(xml: &str) -> u64 {
    let mut max = 0;
    let mut rest = xml;
    while let Some(at) = rest.find(":id=\"") {
        rest = &rest[at + 5..];
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if let Ok(n) = digits.parse::<u64>() {
            max = max.max(n);
        }
    }
    max
}

/// The raw XML of the properties a new paragraph copies from `paragraph` (its `w:pPr`'s
/// children named in [`COPIED`]), in schema order.
fn copied_props(paragraph: &str) -> String {
    let mut r = Reader::from_str(paragraph);
    let mut depth = 0usize;
    let mut in_ppr = false;
    let mut found: Vec<(usize, String)> = Vec::new();
    // The copied child being read: its index in COPIED, start and depth.
    let mut child: Option<(usize, usize, usize)> = None;
    loop {
        let before = r.buffer_position() as usize;
        let Ok(ev) = r.read_event() else {
            break;
        };
        let after = r.buffer_position() as usize;
        match &ev {
            Event::Start(e) | Event::Empty(e) => {
                let empty = matches!(ev, Event::Empty(_));
                let name = e.local_name();
                let name: &str = name.as_ref();
                if depth == 1 && name == "pPr" {
                    in_ppr = !empty;
                } else if depth == 1 && name != "pPr" {
                    // Properties come first in a paragraph; past them nothing is copied.
                    if !in_ppr {
                        break;
                    }
                } else if in_ppr && depth == 2 && child.is_none() {
                    if let Some(k) = COPIED.iter().position(|c| *c == name) {
                        if empty {
                            found.push((k, paragraph[before..after].to_string()));
                        } else {
                            child = Some((k, before, depth));
                        }
                    }
                }
                if !empty {
                    depth += 1;
                }
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if let Some((k, start, d)) = child {
                    if d == depth {
                        found.push((k, paragraph[start..after].to_string()));
                        child = None;
                    }
                }
                if depth == 1 && in_ppr {
                    break;
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    found.sort_by_key(|(k, _)| *k);
    found.into_iter().map(|(_, xml)| xml).collect()
}

/// XML character data for `s`.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The new paragraph: copied properties, an inserted paragraph mark, the text inside
/// `w:ins`, and the comment's range and reference around it.
fn paragraph_xml(
    w: &str,
    props: &str,
    text: &str,
    comment: Option<u64>,
    next_id: &mut u64,
    revision: &Revision,
) -> String {
    let mut id = || {
        let i = *next_id;
        *next_id += 1;
        i
    };
    let who = format!(
        r#"{w}author="{}" {w}date="{}""#,
        esc(&revision.author),
        esc(&revision.date)
    );
    let mut s = format!(
        r#"<{w}p><{w}pPr>{props}<{w}rPr><{w}ins {w}id="{}" {who}/></{w}rPr></{w}pPr>"#,
        id()
    );
    if let Some(c) = comment {
        s.push_str(&format!(r#"<{w}commentRangeStart {w}id="{c}"/>"#));
    }
    s.push_str(&format!(
        r#"<{w}ins {w}id="{}" {who}><{w}r><{w}t xml:space="preserve">{}</{w}t></{w}r></{w}ins>"#,
        id(),
        esc(text)
    ));
    if let Some(c) = comment {
        s.push_str(&format!(
            r#"<{w}commentRangeEnd {w}id="{c}"/><{w}ins {w}id="{}" {who}><{w}r><{w}commentReference {w}id="{c}"/></{w}r></{w}ins>"#,
            id()
        ));
    }
    s.push_str(&format!("</{w}p>"));
    s
}

/// One `w:comment` (prefix `w`, as comments.xml declares it), a paragraph per item.
fn comment_xml(w: &str, id: u64, paragraphs: &[String], revision: &Revision) -> String {
    let body: String = paragraphs
        .iter()
        .map(|p| {
            format!(
                r#"<{w}:p><{w}:r><{w}:t xml:space="preserve">{}</{w}:t></{w}:r></{w}:p>"#,
                esc(p)
            )
        })
        .collect();
    format!(
        r#"<{w}:comment {w}:id="{id}" {w}:author="{}" {w}:date="{}" {w}:initials="PC">{body}</{w}:comment>"#,
        esc(&revision.author),
        esc(&revision.date)
    )
}

/// An existing comments part with `new` (written with the prefix `w`) added at its end; the
/// part's own prefix is used when it binds another.
fn append_comments(xml: &str, new: &str) -> Result<String, Problem> {
    let prefix = word_prefix(xml);
    let new = if prefix == "w:" {
        new.to_string()
    } else {
        new.replace("<w:", &format!("<{prefix}"))
            .replace("</w:", &format!("</{prefix}"))
            .replace(" w:", &format!(" {prefix}"))
    };
    let close = format!("</{prefix}comments>");
    match xml.rfind(&close) {
        Some(at) => Ok(format!("{}{new}{}", &xml[..at], &xml[at..])),
        None => Err(Problem::new(
            "the comments part does not end with </w:comments>",
            RESAVE,
        )),
    }
}

/// A relationships part with one more relationship, under an id it does not use yet.
fn add_relationship(rels: &str, kind: &str, target: &str) -> String {
    let mut n = 1;
    while rels.contains(&format!("Id=\"rId{n}\"")) {
        n += 1;
    }
    let rel = format!(r#"<Relationship Id="rId{n}" Type="{kind}" Target="{target}"/>"#);
    match rels.rfind("</Relationships>") {
        Some(at) => format!("{}{rel}{}", &rels[..at], &rels[at..]),
        None => EMPTY_RELS.replace("</Relationships>", &format!("{rel}</Relationships>")),
    }
}

/// `[Content_Types].xml` with an override for `part`, unless it has one.
fn add_override(types: &str, part: &str, content_type: &str) -> String {
    if types.contains(&format!("PartName=\"{part}\"")) {
        return types.to_string();
    }
    let o = format!(r#"<Override PartName="{part}" ContentType="{content_type}"/>"#);
    match types.rfind("</Types>") {
        Some(at) => format!("{}{o}{}", &types[..at], &types[at..]),
        None => types.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::body;
    use super::super::TrackedChanges;
    use super::*;

    const DOC: &str = r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>One</w:t></w:r></w:p><w:p/><w:p><w:pPr><w:pStyle w:val="List"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr><w:rPr><w:b/></w:rPr><w:ind w:left="720"/></w:pPr><w:r><w:drawing><w:p><w:r><w:t>box</w:t></w:r></w:p></w:drawing><w:t>Two</w:t></w:r><w:commentRangeStart w:id="7"/></w:p><w:sectPr><w:p/></w:sectPr></w:body></w:document>"#;

    #[test]
    fn paragraphs_are_counted_as_the_reader_counts_them() {
        let spans = paragraph_spans(DOC).unwrap();
        let read = body::paragraphs("d", DOC, TrackedChanges::Accepted).unwrap();
        assert_eq!(spans.len(), read.len());
        assert_eq!(spans.len(), 3);
        assert!(DOC[spans[0].start..spans[0].end].starts_with("<w:p>"));
        assert!(DOC[spans[0].start..spans[0].end].ends_with("</w:p>"));
        assert_eq!(&DOC[spans[1].start..spans[1].end], "<w:p/>");
        assert!(DOC[spans[2].start..spans[2].end].contains("Two"));
    }

    #[test]
    fn the_model_gives_its_style_numbering_and_indent_but_not_its_run_marks() {
        let spans = paragraph_spans(DOC).unwrap();
        let props = copied_props(&DOC[spans[2].start..spans[2].end]);
        assert_eq!(
            props,
            r#"<w:pStyle w:val="List"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr><w:ind w:left="720"/>"#
        );
        assert_eq!(copied_props(&DOC[spans[0].start..spans[0].end]), "");
    }

    #[test]
    fn ids_prefixes_relationships_and_types_are_new_where_they_must_be() {
        assert_eq!(max_id(DOC), 7);
        assert_eq!(word_prefix(DOC), "w:");
        assert_eq!(word_prefix(&DOC.replace("xmlns:w", "xmlns:x")), "x:");
        let rels =
            r#"<Relationships><Relationship Id="rId1"/><Relationship Id="rId2"/></Relationships>"#;
        assert!(add_relationship(rels, "k", "c.xml")
            .contains(r#"<Relationship Id="rId3" Type="k" Target="c.xml"/></Relationships>"#));
        let types = "<Types></Types>";
        let once = add_override(types, "/word/comments.xml", "t");
        assert_eq!(add_override(&once, "/word/comments.xml", "t"), once);
    }

    #[test]
    fn a_new_paragraph_is_an_inserted_mark_and_inserted_text_with_its_comment() {
        let rev = Revision {
            author: "policycheck".into(),
            date: "2026-01-02T03:04:05Z".into(),
        };
        let mut next = 10;
        let xml = paragraph_xml("w:", "<w:numPr/>", "A & B", Some(9), &mut next, &rev);
        assert_eq!(next, 13);
        assert!(xml.starts_with(r#"<w:p><w:pPr><w:numPr/><w:rPr><w:ins w:id="10" w:author="policycheck" w:date="2026-01-02T03:04:05Z"/></w:rPr></w:pPr><w:commentRangeStart w:id="9"/><w:ins w:id="11""#), "{xml}");
        assert!(xml.contains("A &amp; B"));
        assert!(xml.contains(r#"<w:commentReference w:id="9"/>"#));
        let read = body::paragraphs(
            "d",
            &format!("<w:document xmlns:w=\"{WORD_NS}\"><w:body>{xml}<w:p><w:r><w:t>Next</w:t></w:r></w:p></w:body></w:document>"),
            TrackedChanges::Rejected,
        )
        .unwrap();
        assert!(read[0].runs_on && read[0].text.is_empty());
        assert_eq!(read[1].text, "Next");
    }

    /// A package of named parts, deflated.
    fn zip_of(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        for (name, text) in parts {
            zip.start_file(*name, options).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn a_draft_with_comments_gets_its_new_comment_appended_under_a_new_id() {
        let doc = format!(
            r#"<w:document xmlns:w="{WORD_NS}"><w:body><w:p><w:commentRangeStart w:id="4"/><w:r><w:t>Decides to act;</w:t></w:r><w:commentRangeEnd w:id="4"/></w:p><w:p><w:r><w:t>Decides to remain seized.</w:t></w:r></w:p></w:body></w:document>"#
        );
        let comments = format!(
            r#"<w:comments xmlns:w="{WORD_NS}"><w:comment w:id="4" w:author="Desk"><w:p><w:r><w:t>Old</w:t></w:r></w:p></w:comment></w:comments>"#
        );
        let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>"#;
        let types = r#"<Types><Override PartName="/word/comments.xml" ContentType="x"/></Types>"#;
        let bytes = zip_of(&[
            ("[Content_Types].xml", types),
            ("word/document.xml", &doc),
            ("word/_rels/document.xml.rels", rels),
            ("word/comments.xml", &comments),
        ]);
        let new = insert_tracked(
            "d.docx",
            &bytes,
            &[NewParagraph {
                slot: Slot::Before(2),
                like: vec![1],
                text: "Requests a report;".into(),
                comment: vec!["Why".into()],
            }],
            &Revision {
                author: "policycheck".into(),
                date: "2026-01-01T00:00:00Z".into(),
            },
        )
        .unwrap();
        let mut zip = ZipArchive::new(Cursor::new(new.as_slice())).unwrap();
        assert_eq!(zip.len(), 4, "no part added");
        let mut read = |name: &str| {
            let mut s = String::new();
            std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut s).unwrap();
            s
        };
        let comments = read("word/comments.xml");
        assert!(comments.contains(r#"<w:comment w:id="4" w:author="Desk">"#));
        assert!(comments.contains(r#"<w:comment w:id="5" w:author="policycheck""#));
        assert_eq!(read("word/_rels/document.xml.rels"), rels);
        assert_eq!(read("[Content_Types].xml"), types);
        let doc = read("word/document.xml");
        assert!(doc.contains(r#"<w:commentRangeStart w:id="5"/>"#), "{doc}");
        for (view, texts) in [
            (
                TrackedChanges::Accepted,
                vec![
                    "Decides to act;",
                    "Requests a report;",
                    "Decides to remain seized.",
                ],
            ),
            (
                TrackedChanges::Rejected,
                vec!["Decides to act;", "", "Decides to remain seized."],
            ),
        ] {
            let paragraphs = body::paragraphs("d", &doc, view).unwrap();
            let got: Vec<&str> = paragraphs.iter().map(|p| p.text.as_str()).collect();
            assert_eq!(got, texts, "{view}");
        }
        let e = insert_tracked(
            "d.docx",
            &bytes,
            &[NewParagraph {
                slot: Slot::After(9),
                like: vec![1],
                text: "x".into(),
                comment: Vec::new(),
            }],
            &Revision {
                author: "a".into(),
                date: "d".into(),
            },
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("the document has 2 paragraphs and no paragraph 9"),
            "{e}"
        );
    }

    #[test]
    fn comments_are_appended_with_the_parts_own_prefix() {
        let xml = r#"<x:comments xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><x:comment x:id="1"/></x:comments>"#;
        let rev = Revision {
            author: "a".into(),
            date: "d".into(),
        };
        let new = comment_xml("w", 2, &["Why".into()], &rev);
        let got = append_comments(xml, &new).unwrap();
        assert!(got.ends_with(r#"<x:comment x:id="2" x:author="a" x:date="d" x:initials="PC"><x:p><x:r><x:t xml:space="preserve">Why</x:t></x:r></x:p></x:comment></x:comments>"#), "{got}");
        assert!(append_comments("<a/>", &new).is_err());
    }
}
