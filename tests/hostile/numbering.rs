//! Numbers as drafts write them and as Word computes them (issue 16, parts 3 and 9).
//!
//! Word: a list that starts where Word never starts one (4294967295 in letters, which once
//! took 656 MB; 32768 through "Set numbering value"), a number text longer than Word accepts,
//! a counter that would pass the largest number — each refused with exit 2, quickly, naming the
//! part, the paragraph and the list; letters past 260 written as digits; an entity XML does not
//! define refused with its line and column; legal-style numbering ("1.1") read as multi-level
//! paragraph ids. Text: fullwidth numbers ("１２．Decides"), multi-level numbers ("1.1.1") and
//! thirty-digit numbers, read through the binary (exit code, outline) and the library (ids,
//! parts, parents). The Word drafts are built here, a few hundred bytes of XML each.

use super::{refused_draft, run, tmp, write};
use policycheck::mandate::{read_docx, read_text, Mandate, Part, ReadOptions, SourceFormat};
use std::io::Write;
use std::time::{Duration, Instant};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A .docx package: content types, relationships, `document.xml` around `body` and
/// `numbering.xml` around `lists`.
fn docx(lists: &str, body: &str) -> Vec<u8> {
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.to_string(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_string(),
        ),
        (
            "word/_rels/document.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>"#.to_string(),
        ),
        (
            "word/document.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?>
<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#
            ),
        ),
        (
            "word/numbering.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{W}">{lists}</w:numbering>"#
            ),
        ),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in parts {
        zip.start_file(name, options).expect("zip entry");
        zip.write_all(text.as_bytes()).expect("zip write");
    }
    zip.finish().expect("zip finish").into_inner()
}

/// A list level.
fn lvl(ilvl: u32, start: &str, format: &str, text: &str) -> String {
    format!(
        r#"<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{format}"/><w:lvlText w:val="{text}"/></w:lvl>"#
    )
}

/// One list definition (0) of `levels`, used by list 1, and by list 2 with a start override
/// of `over` on its first level.
fn lists(levels: &[String], over: &str) -> String {
    format!(
        r#"<w:abstractNum w:abstractNumId="0">{}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="{over}"/></w:lvlOverride></w:num>"#,
        levels.concat()
    )
}

/// A plain paragraph.
fn p(text: &str) -> String {
    format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

/// A paragraph of list `num` at level `ilvl`.
fn np(num: u32, ilvl: u32, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#
    )
}

/// "The Security Council," and two operative paragraphs of list `num`.
fn council_and_two(num: u32) -> String {
    [
        p("The Security Council,"),
        np(
            num,
            0,
            "Decides that the Mission shall monitor the borders;",
        ),
        np(num, 0, "Requests the Secretary-General to report;"),
    ]
    .concat()
}

/// A Word draft refused quickly (well under a second in a release build; 10 s allowed for a
/// debug build on a busy machine), with exit 2 and the message snapshot.
fn refused_quickly(snapshot: &str, bytes: &[u8]) {
    let start = Instant::now();
    refused_draft(snapshot, "draft.docx", bytes);
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "took {:?}",
        start.elapsed()
    );
}

fn read_word(bytes: &[u8]) -> Mandate {
    read_docx("draft.docx", bytes, &ReadOptions::default()).unwrap_or_else(|e| panic!("{e}"))
}

/// (id, part, parent) of each provision.
fn outline(m: &Mandate) -> Vec<(&str, Part, Option<&str>)> {
    m.provisions
        .iter()
        .map(|p| (p.id.as_str(), p.part, p.parent.as_deref()))
        .collect()
}

// ---------------------------------------------------------------- Word

#[test]
fn word_list_starting_at_the_largest_number_in_letters() {
    let levels = [lvl(0, "4294967295", "lowerLetter", "%1.")];
    let bytes = docx(&lists(&levels, "1"), &council_and_two(1));
    assert!(bytes.len() < 2000, "{} bytes", bytes.len());
    refused_quickly("word_start_at_4294967295_in_letters", &bytes);
}

#[test]
fn word_number_text_longer_than_word_accepts() {
    // Two hundred "%1": with a start in letters near the top this was a 2.6 GB label and an
    // abort; now the text itself is refused, whatever the start.
    let levels = [lvl(0, "1", "lowerLetter", &"%1".repeat(200))];
    let bytes = docx(&lists(&levels, "1"), &council_and_two(1));
    refused_quickly("word_number_text_of_200_level_numbers", &bytes);
}

#[test]
fn word_start_override_beyond_words_limit() {
    // "Set numbering value" takes 0 to 32767; list 2 restarts at 32768.
    let levels = [lvl(0, "1", "decimal", "%1.")];
    let bytes = docx(&lists(&levels, "32768"), &council_and_two(2));
    refused_quickly("word_start_override_32768", &bytes);
}

#[test]
fn word_counter_at_the_largest_number_is_not_wrapped() {
    // Decimal from 4294967295: the second paragraph was numbered "0." without a word. Now the
    // first numbered paragraph (2) is refused, before any counting.
    let levels = [lvl(0, "4294967295", "decimal", "%1.")];
    let bytes = docx(&lists(&levels, "1"), &council_and_two(1));
    refused_quickly("word_counter_from_4294967295", &bytes);
}

#[test]
fn word_counts_on_from_its_largest_start_and_letters_turn_to_digits_past_260() {
    let levels = [lvl(0, "32767", "decimal", "%1.")];
    let m = read_word(&docx(&lists(&levels, "1"), &council_and_two(1)));
    let texts: Vec<&str> = m.provisions.iter().map(|p| p.text.as_str()).collect();
    // Five digits are no paragraph number for the text reader: both are read as text.
    assert_eq!(
        texts,
        [
            "The Security Council,",
            "32767. Decides that the Mission shall monitor the borders;",
            "32768. Requests the Secretary-General to report;"
        ]
    );
    let levels = [lvl(0, "259", "lowerLetter", "%1.")];
    let mut body = council_and_two(1);
    body.push_str(&np(1, 0, "Decides to remain seized of the matter."));
    let m = read_word(&docx(&lists(&levels, "1"), &body));
    let texts: Vec<&str> = m.provisions.iter().map(|p| p.text.as_str()).collect();
    let text = texts.join("\n");
    for label in [
        "yyyyyyyyyy. Decides",
        "zzzzzzzzzz. Requests",
        "261. Decides to remain",
    ] {
        assert!(text.contains(label), "{label} in {text}");
    }
}

#[test]
fn word_undefined_entity_is_refused_with_its_line_and_column() {
    let levels = [lvl(0, "1", "decimal", "%1.")];
    let body = [
        p("The Security Council,"),
        np(
            1,
            0,
            "Decides that the Mission&nbsp;shall monitor the borders;",
        ),
    ]
    .concat();
    refused_quickly("word_undefined_entity", &docx(&lists(&levels, "1"), &body));
}

#[test]
fn word_legal_numbering_gives_multi_level_ids() {
    let levels = [
        lvl(0, "1", "decimal", "%1."),
        lvl(1, "1", "decimal", "%1.%2"),
    ];
    let body = [
        p("The Security Council,"),
        p("Recalling its resolutions,"),
        np(1, 0, "Decides that the mandate of the Mission shall be:"),
        np(1, 1, "To monitor the borders;"),
        np(1, 1, "To protect civilians;"),
        np(1, 0, "Requests the Secretary-General to report;"),
        np(1, 1, "Further requests him to consult the parties;"),
    ]
    .concat();
    let m = read_word(&docx(&lists(&levels, "1"), &body));
    assert_eq!(
        outline(&m),
        [
            ("HEADER", Part::Header, None),
            ("PP1", Part::Preambular, None),
            ("OP1", Part::Operative, None),
            ("OP1.1", Part::Operative, Some("OP1")),
            ("OP1.2", Part::Operative, Some("OP1")),
            ("OP2", Part::Operative, None),
            ("OP2.1", Part::Operative, Some("OP2")),
        ]
    );
    // Paragraph numbers: OP1.2 is the fifth Word paragraph.
    assert_eq!(m.provisions[4].first_line, 5);
}

// ---------------------------------------------------------------- text

const FULLWIDTH: &str = "The Security Council,\n\nRecalling its resolutions,\n\n\
                         １．Decides that the Mission shall monitor the borders;\n\n\
                         ２．Requests the Secretary-General to report;\n";

#[test]
fn text_fullwidth_numbers_open_operative_paragraphs() {
    for name in ["draft.txt", "draft.md"] {
        let dir = tmp();
        write(dir.path(), name, FULLWIDTH.as_bytes());
        let r = run(dir.path(), &["read", name]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_eq!(r.stderr, "");
        let snapshot = format!("text_fullwidth_numbers_{}", name.replace('.', "_"));
        insta::assert_snapshot!(snapshot, r.stdout);
    }
    let m = read_text("draft.txt", FULLWIDTH, SourceFormat::Text);
    assert_eq!(
        outline(&m),
        [
            ("HEADER", Part::Header, None),
            ("PP1", Part::Preambular, None),
            ("OP1", Part::Operative, None),
            ("OP2", Part::Operative, None),
        ]
    );
}

#[test]
fn text_multi_level_numbers_are_sub_paragraphs() {
    let text = "The Security Council,\n\n\
                1. Decides that the mandate of the Mission shall be:\n\n\
                1.1 To monitor the borders;\n\n\
                1.1.1 To patrol by day and night;\n\n\
                1.2 To protect civilians;\n\n\
                2. Requests the Secretary-General to report;\n";
    let dir = tmp();
    write(dir.path(), "draft.txt", text.as_bytes());
    let r = run(dir.path(), &["read", "draft.txt"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("text_multi_level_numbers", r.stdout);
    let m = read_text("draft.txt", text, SourceFormat::Text);
    assert_eq!(
        outline(&m),
        [
            ("HEADER", Part::Header, None),
            ("OP1", Part::Operative, None),
            ("OP1.1", Part::Operative, Some("OP1")),
            ("OP1.1.1", Part::Operative, Some("OP1.1")),
            ("OP1.2", Part::Operative, Some("OP1")),
            ("OP2", Part::Operative, None),
        ]
    );
}

#[test]
fn text_thirty_digit_numbers_are_text() {
    let thirty = "123456789012345678901234567890";
    let text = format!(
        "The Security Council,\n\n\
         1. Decides that the Mission shall monitor the borders;\n\n\
         {thirty}. Decides that the Mission shall patrol;\n\n\
         2. Requests the Secretary-General to report;\n\n\
         2.{thirty} Decides to act;\n"
    );
    let dir = tmp();
    write(dir.path(), "draft.txt", text.as_bytes());
    let start = Instant::now();
    let r = run(dir.path(), &["check", "draft.txt"]);
    assert!(start.elapsed() < Duration::from_secs(10));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let m = read_text("draft.txt", &text, SourceFormat::Text);
    assert_eq!(
        outline(&m),
        [
            ("HEADER", Part::Header, None),
            ("OP1", Part::Operative, None),
            ("OP2", Part::Operative, None),
        ]
    );
    assert!(m.provisions[1]
        .text
        .ends_with(&format!("{thirty}. Decides that the Mission shall patrol;")));
    assert!(m.provisions[2]
        .text
        .ends_with(&format!("2.{thirty} Decides to act;")));
}
