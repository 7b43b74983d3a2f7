//! The briefing memo as a Word document (`--format docx`): a minimal WordprocessingML
//! package written with zip and quick-xml — `[Content_Types].xml`, `_rels/.rels`,
//! `docProps/core.xml`, `word/document.xml` ([`body`]), `word/styles.xml`, a header (the
//! memo's classification, organisation and author from the configuration) and a footer
//! (page numbers), and `word/_rels/document.xml.rels`. Headings use Word's built-in
//! `Heading1`/`Heading2` styles, so the navigation pane lists them; the source's words and
//! the suggested language have styles of their own. The bytes are the same on every run:
//! parts in a fixed order, every zip entry dated 1980-01-01, no clock read.

mod body;
mod styles;
mod xml;

use crate::error::Error;
use crate::report::view::ReportView;
use std::io::Write;
use xml::{Xml, W_NS};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// The parts of the package, in the order they are written.
pub const PARTS: [&str; 8] = [
    "[Content_Types].xml",
    "_rels/.rels",
    "docProps/core.xml",
    "word/document.xml",
    "word/styles.xml",
    "word/header1.xml",
    "word/footer1.xml",
    "word/_rels/document.xml.rels",
];

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>"#;

/// The Word memo of `view`, as the bytes of a .docx file.
pub fn render_docx(view: &ReportView) -> Result<Vec<u8>, Error> {
    let parts: [(&str, Vec<u8>); 8] = [
        (PARTS[0], CONTENT_TYPES.as_bytes().to_vec()),
        (PARTS[1], ROOT_RELS.as_bytes().to_vec()),
        (PARTS[2], core(view)),
        (PARTS[3], body::document(view)),
        (PARTS[4], styles::STYLES.as_bytes().to_vec()),
        (PARTS[5], header(view)),
        (PARTS[6], footer()),
        (PARTS[7], DOCUMENT_RELS.as_bytes().to_vec()),
    ];
    let zip_error = |e: zip::result::ZipError| Error::Template {
        name: "docx".into(),
        message: format!("could not assemble the Word document: {e}"),
    };
    let io_error = |e: std::io::Error| Error::Template {
        name: "docx".into(),
        message: format!("could not assemble the Word document: {e}"),
    };
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::DEFAULT)
        .unix_permissions(0o644);
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        zip.start_file(name, options).map_err(zip_error)?;
        zip.write_all(&bytes).map_err(io_error)?;
    }
    Ok(zip.finish().map_err(zip_error)?.into_inner())
}

/// The document's title and author for File › Properties; no dates, so that reruns are
/// byte-identical.
fn core(view: &ReportView) -> Vec<u8> {
    let mut x = Xml::new();
    x.open(
        "cp:coreProperties",
        &[
            (
                "xmlns:cp",
                "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
            ),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
        ],
    );
    let headings: Vec<&str> = view.documents.iter().map(|d| d.heading.as_str()).collect();
    x.element(
        "dc:title",
        &[],
        &format!("Briefing memo: {}", headings.join("; ")),
    );
    let creator = view
        .memo
        .author
        .clone()
        .unwrap_or_else(|| view.tool.name.clone());
    x.element("dc:creator", &[], &creator);
    x.close("cp:coreProperties");
    x.finish()
}

/// The running header: the marking, organisation and author when configured, else the
/// rulebook the memo checks against.
fn header(view: &ReportView) -> Vec<u8> {
    let m = &view.memo;
    let mut line: Vec<String> = Vec::new();
    if let Some(c) = &m.classification {
        line.push(c.clone());
    }
    if let Some(o) = &m.organisation {
        line.push(o.clone());
    }
    if let Some(a) = &m.author {
        line.push(a.clone());
    }
    if line.is_empty() {
        line.push(format!("Briefing memo — {}", view.rulebook.title));
    }
    let mut x = Xml::new();
    x.open("w:hdr", &[("xmlns:w", W_NS)]);
    x.para("Header", &[xml::plain(&line.join(" · "))]);
    x.close("w:hdr");
    x.finish()
}

/// The running footer: "Page N".
fn footer() -> Vec<u8> {
    let mut x = Xml::new();
    x.open("w:ftr", &[("xmlns:w", W_NS)]);
    x.open("w:p", &[]);
    x.open("w:pPr", &[]);
    x.empty("w:pStyle", &[("w:val", "Footer")]);
    x.close("w:pPr");
    x.run(xml::plain("Page "));
    x.open("w:fldSimple", &[("w:instr", " PAGE ")]);
    x.run(xml::plain("1"));
    x.close("w:fldSimple");
    x.close("w:p");
    x.close("w:ftr");
    x.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::view::tests::sample;
    use crate::report::view::ViewOptions;
    use std::io::Read;

    fn docx() -> Vec<u8> {
        let (rulebook, assessment) = sample();
        let mut view = ReportView::build(&rulebook, &[assessment], &ViewOptions::default());
        view.memo.classification = Some("RESTRICTED <internal>".into());
        render_docx(&view).unwrap()
    }

    #[test]
    fn the_package_holds_its_parts_in_order_and_is_the_same_every_time() {
        let bytes = docx();
        assert_eq!(bytes, docx());
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let names: Vec<String> = (0..zip.len())
            .map(|i| zip.by_index(i).unwrap().name().unwrap().to_string())
            .collect();
        assert_eq!(names, PARTS);
        let mut header = String::new();
        zip.by_name("word/header1.xml")
            .unwrap()
            .read_to_string(&mut header)
            .unwrap();
        assert!(header.contains("RESTRICTED &lt;internal&gt;"), "{header}");
    }
}
