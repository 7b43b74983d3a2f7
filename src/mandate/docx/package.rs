//! The .docx package: a zip of XML parts. Opens it, finds the main document and its numbering
//! and styles parts through the package relationships (falling back to the usual names), and
//! reads each part with a cap on its decompressed size, so a zip bomb is refused rather than
//! unpacked.

use super::xml::{self, Node, Problem, Unclosed};
use std::io::{Cursor, Read};
use zip::ZipArchive;

/// The largest decompressed part read (64 MiB): the document part of a long resolution is a
/// few hundred kB, so this only stops a zip bomb.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;
/// The largest total of decompressed parts read for one document (96 MiB).
pub const MAX_TOTAL_BYTES: u64 = 96 * 1024 * 1024;

/// Caps on decompression; [`Limits::DEFAULT`] in use, smaller in tests.
#[derive(Debug, Clone, Copy)]
pub(super) struct Limits {
    pub part: u64,
    pub total: u64,
}

impl Limits {
    pub const DEFAULT: Limits = Limits {
        part: MAX_PART_BYTES,
        total: MAX_TOTAL_BYTES,
    };
}

/// The text of the parts the reader needs.
#[derive(Debug, Default)]
pub(super) struct Parts {
    /// The main document part's name and text.
    pub document: (String, String),
    /// word/numbering.xml, when the document has one.
    pub numbering: Option<(String, String)>,
    /// word/styles.xml, when the document has one.
    pub styles: Option<(String, String)>,
}

const OFFICE_DOCUMENT: &str = "/officeDocument";
const NUMBERING: &str = "/numbering";
const STYLES: &str = "/styles";

/// Opens the package and reads the document, numbering and styles parts.
pub(super) fn open(bytes: &[u8], limits: Limits) -> Result<Parts, Problem> {
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        Problem::new(
            format!("it is not a Word document: the file is not a zip package ({e})"),
            "save the draft from Word as \"Word Document (.docx)\"; a password-protected or an \
             old .doc file must be saved again without protection as .docx",
        )
    })?;
    let mut budget = limits.total;
    let rels = read_part(&mut zip, "_rels/.rels", limits, &mut budget)?;
    let document = rels
        .as_deref()
        .and_then(|r| target(r, OFFICE_DOCUMENT, ""))
        .filter(|name| find(&zip, name).is_some())
        .unwrap_or_else(|| "word/document.xml".to_string());
    let Some(text) = read_part(&mut zip, &document, limits, &mut budget)? else {
        return Err(Problem::new(
            format!("the package has no {document}, so it is not a Word document"),
            "save the draft from Word as \"Word Document (.docx)\"",
        ));
    };
    let (dir, file) = document.rsplit_once('/').unwrap_or(("", &document));
    let doc_rels = read_part(
        &mut zip,
        &format!("{}_rels/{file}.rels", prefix(dir)),
        limits,
        &mut budget,
    )?;
    let mut part = |kind: &str, fallback: &str| -> Result<Option<(String, String)>, Problem> {
        let name = doc_rels
            .as_deref()
            .and_then(|r| target(r, kind, dir))
            .filter(|name| find(&zip, name).is_some())
            .unwrap_or_else(|| fallback.to_string());
        Ok(read_part(&mut zip, &name, limits, &mut budget)?.map(|t| (name, t)))
    };
    let numbering = part(NUMBERING, "word/numbering.xml")?;
    let styles = part(STYLES, "word/styles.xml")?;
    Ok(Parts {
        document: (document, text),
        numbering,
        styles,
    })
}

/// "word/" for "word", "" for the root.
pub(super) fn prefix(dir: &str) -> String {
    if dir.is_empty() {
        String::new()
    } else {
        format!("{dir}/")
    }
}

/// The part a relationship of the given type points to, resolved against `dir`: the first
/// such relationship before the end of the part or the first damage in it.
pub(super) fn target(rels: &str, kind: &str, dir: &str) -> Option<String> {
    let mut found = None;
    // A damaged relationships part is not refused: the fallback names are tried instead.
    let _ = xml::walk("the relationships", rels, Unclosed::Tolerated, |node| {
        let Node::Open {
            name: "Relationship",
            element: e,
            ..
        } = node
        else {
            return;
        };
        if found.is_some() {
            return;
        }
        let is_kind = xml::attr(e, "Type").is_some_and(|t| t.ends_with(kind));
        let external = xml::attr(e, "TargetMode").is_some_and(|m| m == "External");
        if let (true, false, Some(t)) = (is_kind, external, xml::attr(e, "Target")) {
            found = Some(match t.strip_prefix('/') {
                Some(abs) => abs.to_string(),
                None => format!("{}{t}", prefix(dir)),
            });
        }
    });
    found
}

/// The index of a part, matching its name without regard to case as packages require.
pub(super) fn find(zip: &ZipArchive<Cursor<&[u8]>>, name: &str) -> Option<usize> {
    zip.index_for_name(name).or_else(|| {
        zip.file_names()
            .position(|n| n.is_ok_and(|n| n.eq_ignore_ascii_case(name)))
    })
}

/// Reads a part as UTF-8 text, refusing one that decompresses beyond the limits.
pub(super) fn read_part(
    zip: &mut ZipArchive<Cursor<&[u8]>>,
    name: &str,
    limits: Limits,
    budget: &mut u64,
) -> Result<Option<String>, Problem> {
    let Some(index) = find(zip, name) else {
        return Ok(None);
    };
    let damaged = |e: &dyn std::fmt::Display| {
        Problem::new(
            format!("{name} cannot be unpacked ({e})"),
            "the file is damaged or uses a compression Word does not: open it in Word and save it again",
        )
    };
    let file = zip.by_index(index).map_err(|e| damaged(&e))?;
    let cap = limits.part.min(*budget);
    let mut bytes = Vec::new();
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| damaged(&e))?;
    if bytes.len() as u64 > cap {
        let (what, limit) = if cap == limits.part {
            (format!("{name} unpacks to more than"), limits.part)
        } else {
            ("its parts unpack to more than".to_string(), limits.total)
        };
        return Err(Problem::new(
            format!("{what} {}, the limit for one draft", crate::mandate::human_size(limit)),
            "a real draft is far smaller: this may be a zip bomb, or a document with very large embedded content; save the text alone as a new .docx",
        ));
    }
    *budget -= bytes.len() as u64;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    String::from_utf8(bytes.to_vec()).map(Some).map_err(|_| {
        Problem::new(
            format!("{name} is not UTF-8 XML"),
            "open the document in Word and save it again as .docx",
        )
    })
}
