//! Word drafts (.docx): the tests build each document here with the `zip` crate (the minimal
//! parts: content types, relationships, document, numbering, styles, comments) rather than
//! committing binaries, so every case shows the WordprocessingML it exercises.
//!
//! A real resolution (S/RES/866 (1993)) converted to Word with automatic numbering must read
//! and score like its plain text; the numbering edge cases, tracked changes (accepted and
//! rejected), comments and broken files each have their own test.

mod common;

use policycheck::mandate::{
    read_docx, read_mandate_with, read_text, Force, Mandate, Part, ReadOptions, SourceFormat,
    TrackedChanges,
};
use policycheck::{default_rulebook, evaluate, Error, Verdict};
use std::io::Write;
use zip::write::SimpleFileOptions;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A .docx package from its parts; `[Content_Types].xml` and the relationships are added.
fn package(document: &str, extra: &[(&str, &str)]) -> Vec<u8> {
    let mut parts: Vec<(String, String)> = vec![
        (
            "[Content_Types].xml".into(),
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.into(),
        ),
        (
            "_rels/.rels".into(),
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.into(),
        ),
        ("word/document.xml".into(), document.into()),
    ];
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for (i, (name, text)) in extra.iter().enumerate() {
        let kind = name.trim_start_matches("word/").trim_end_matches(".xml");
        rels.push_str(&format!(
            r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{}"/>"#,
            i + 1,
            name.trim_start_matches("word/")
        ));
        parts.push((name.to_string(), text.to_string()));
    }
    rels.push_str("</Relationships>");
    parts.push(("word/_rels/document.xml.rels".into(), rels));
    zip_of(&parts)
}

/// A zip of named parts, deflated.
fn zip_of(parts: &[(String, String)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in parts {
        zip.start_file(name.as_str(), options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// `w:document` around body paragraphs.
fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W}"><w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>"#
    )
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A run of text.
fn r(text: &str) -> String {
    format!(
        r#"<w:r><w:t xml:space="preserve">{}</w:t></w:r>"#,
        esc(text)
    )
}

/// A plain paragraph.
fn p(text: &str) -> String {
    format!("<w:p>{}</w:p>", r(text))
}

/// A paragraph in list `num` at level `ilvl`.
fn np(num: u32, ilvl: u32, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr>{}</w:p>"#,
        r(text)
    )
}

/// A paragraph with the style `style`.
fn sp(style: &str, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{}</w:p>"#,
        r(text)
    )
}

/// One level of a list definition.
fn lvl(ilvl: u32, fmt: &str, text: &str) -> String {
    format!(
        r#"<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{}" w:hanging="360"/></w:pPr></w:lvl>"#,
        720 * (ilvl + 1)
    )
}

/// The resolution list: "1.", "(a)", "(i)"; list 1 uses it, list 2 restarts it at 1.
fn numbering() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>{}{}{}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num></w:numbering>"#,
        lvl(0, "decimal", "%1."),
        lvl(1, "lowerLetter", "(%2)"),
        lvl(2, "lowerRoman", "(%3)"),
    )
}

fn docx(body: &str) -> Vec<u8> {
    package(
        &document(body),
        &[("word/numbering.xml", numbering().as_str())],
    )
}

fn read(bytes: &[u8], view: TrackedChanges) -> Mandate {
    let options = ReadOptions {
        tracked_changes: view,
        ..ReadOptions::default()
    };
    read_docx("draft.docx", bytes, &options).unwrap_or_else(|e| panic!("{e:?}"))
}

fn accepted(bytes: &[u8]) -> Mandate {
    read(bytes, TrackedChanges::Accepted)
}

fn ids(m: &Mandate) -> Vec<&str> {
    m.provisions.iter().map(|p| p.id.as_str()).collect()
}

fn text<'a>(m: &'a Mandate, id: &str) -> &'a str {
    &m.provisions
        .iter()
        .find(|p| p.id == id)
        .unwrap_or_else(|| panic!("no {id} in {:?}", ids(m)))
        .text
}

// ---------------------------------------------------------------------------------------
// A real resolution

const RES_866: &str = "tests/fixtures/unsc/S_RES_0866_1993_EN_GOLD.txt";

/// S/RES/866 (1993) as a Word draft: one Word paragraph per printed paragraph (wrapped lines
/// joined), operative numbers and sub-paragraph letters taken out of the text and given by
/// automatic numbering instead (list 1: "%1." decimal, "(%2)" lower letter).
fn res_866_docx() -> Vec<u8> {
    let text = std::fs::read_to_string(RES_866).unwrap();
    let number = regex::Regex::new(r"^(\d+)\.\s+").unwrap();
    let letter = regex::Regex::new(r"^\(([a-z])\)\s+").unwrap();
    let mut body = String::new();
    for para in text.split("\n\n") {
        let joined = para
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if joined.is_empty() {
            // The printed file's blank spacer lines become empty Word paragraphs.
            body.push_str("<w:p/>");
        } else if let Some(m) = number.find(&joined) {
            body.push_str(&np(1, 0, &joined[m.end()..]));
        } else if let Some(m) = letter.find(&joined) {
            body.push_str(&np(1, 1, &joined[m.end()..]));
        } else {
            body.push_str(&p(&joined));
        }
    }
    docx(&body)
}

#[test]
fn a_real_resolution_in_word_reads_and_scores_like_its_plain_text() {
    let plain = read_text(
        RES_866,
        &std::fs::read_to_string(RES_866).unwrap(),
        SourceFormat::Text,
    );
    let word = accepted(&res_866_docx());
    assert_eq!(word.format, SourceFormat::Docx);
    assert_eq!(ids(&word), ids(&plain));
    assert!(ids(&word).contains(&"OP3(h)") && ids(&word).contains(&"OP14"));
    for (w, t) in word.provisions.iter().zip(&plain.provisions) {
        assert_eq!(w.text, t.text, "text of {}", w.id);
        assert_eq!(w.part, t.part, "part of {}", w.id);
        assert_eq!(w.clauses, t.clauses, "clauses of {}", w.id);
    }
    assert_eq!(word.title, plain.title);
    let rulebook = default_rulebook();
    let verdicts = |m: &Mandate| -> Vec<(String, Verdict)> {
        evaluate(&rulebook, m)
            .rules
            .into_iter()
            .map(|r| (r.id, r.verdict))
            .collect()
    };
    assert_eq!(verdicts(&word), verdicts(&plain));
    assert_eq!(
        evaluate(&rulebook, &word).score,
        evaluate(&rulebook, &plain).score
    );
}

#[test]
fn provisions_of_the_866_draft_name_their_word_paragraphs() {
    let word = accepted(&res_866_docx());
    let listing: String = word
        .provisions
        .iter()
        .map(|p| {
            let forces: Vec<&str> = p.clauses.iter().map(|c| c.force.as_str()).collect();
            let head: String = p
                .text
                .chars()
                .take(60)
                .collect::<String>()
                .trim_end()
                .to_string();
            let paras = format!("¶{}-{}", p.first_line, p.last_line);
            format!(
                "{:<8} {:<10} {paras:<7} {:<17} {head}\n",
                p.id,
                p.part.as_str(),
                forces.join(",")
            )
        })
        .collect();
    insta::assert_snapshot!(listing);
    // Paragraph numbers are Word's: the title and the adoption line are paragraphs 1 and 2,
    // and the empty spacer paragraphs count, so the first preambular paragraph is the 7th.
    let pp1 = word.provisions.iter().find(|p| p.id == "PP1").unwrap();
    assert_eq!((pp1.first_line, pp1.last_line), (7, 7));
    assert!(word
        .provisions
        .windows(2)
        .all(|w| w[0].first_line <= w[1].first_line));
}

#[test]
fn a_docx_path_is_read_by_read_mandate_with_even_with_nul_bytes_in_the_zip() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Res 866.DOCX");
    let bytes = res_866_docx();
    assert!(bytes.contains(&0));
    std::fs::write(&path, &bytes).unwrap();
    let m = read_mandate_with(&path, &ReadOptions::default()).unwrap();
    assert_eq!(m.format, SourceFormat::Docx);
    assert_eq!(m.path, path.display().to_string());
    assert!(ids(&m).contains(&"OP3(a)"));
}

// ---------------------------------------------------------------------------------------
// Numbering

#[test]
fn letters_restart_under_each_number_and_romans_under_each_letter() {
    let body = [
        p("The Security Council,"),
        p("Recalling its previous resolutions,"),
        np(
            1,
            0,
            "Decides that the Mission shall have the following tasks:",
        ),
        np(1, 1, "To monitor the ceasefire;"),
        np(1, 2, "in the north;"),
        np(1, 2, "in the south;"),
        np(1, 1, "To support elections;"),
        np(1, 2, "by logistics;"),
        np(1, 0, "Requests the Secretary-General to report on:"),
        np(1, 1, "the ceasefire;"),
        np(1, 1, "the elections;"),
        np(1, 0, "Decides to remain seized of the matter."),
    ]
    .concat();
    let m = accepted(&docx(&body));
    assert_eq!(
        ids(&m),
        [
            "HEADER",
            "PP1",
            "OP1",
            "OP1(a)",
            "OP1(a)(i)",
            "OP1(a)(ii)",
            "OP1(b)",
            "OP1(b)(i)",
            "OP2",
            "OP2(a)",
            "OP2(b)",
            "OP3"
        ]
    );
    assert_eq!(text(&m, "OP1(a)(ii)"), "in the south;");
}

#[test]
fn a_start_override_restarts_a_list_that_shares_its_definition() {
    // The annex's list (numId 2) uses the same definition as the operative one but restarts
    // at 1; without the override it would continue at 3.
    let body = [
        p("The Security Council,"),
        np(1, 0, "Decides to establish the Mission;"),
        np(1, 0, "Decides to remain seized of the matter."),
        p("Annex"),
        p("Terms of reference"),
        np(2, 0, "The Mission shall monitor the ceasefire."),
        np(2, 0, "The Mission shall report monthly."),
    ]
    .concat();
    let m = accepted(&docx(&body));
    let annex: Vec<&str> = m
        .provisions
        .iter()
        .filter(|p| p.part == Part::Annex)
        .map(|p| p.text.as_str())
        .collect();
    assert!(
        annex.contains(&"1. The Mission shall monitor the ceasefire.")
            && annex.contains(&"2. The Mission shall report monthly."),
        "{annex:?}"
    );
    assert_eq!(
        m.provisions
            .iter()
            .filter(|p| p.part == Part::Operative)
            .count(),
        2
    );
}

#[test]
fn a_start_override_wins_over_the_level_start() {
    // The definition starts at 5 (as in a list copied from the middle of another text); the
    // list the paragraphs use overrides it to start at 1, which is what Word shows.
    let numbering = format!(
        r#"<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="5"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>{}</w:abstractNum><w:num w:numId="9"><w:abstractNumId w:val="7"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num></w:numbering>"#,
        lvl(1, "lowerLetter", "(%2)"),
    );
    let body = [
        p("The Security Council,"),
        np(9, 0, "Decides that the Mission shall have these tasks:"),
        np(9, 1, "To protect civilians;"),
        np(9, 1, "To support the peace process;"),
        np(9, 0, "Requests the Secretary-General to report;"),
    ]
    .concat();
    let m = accepted(&package(
        &document(&body),
        &[("word/numbering.xml", numbering.as_str())],
    ));
    assert_eq!(ids(&m), ["HEADER", "OP1", "OP1(a)", "OP1(b)", "OP2"]);
}

#[test]
fn numbering_inherited_from_paragraph_styles_counts_like_direct_numbering() {
    // "OpPara" carries list 1 level 0; "SubPara" is based on it at level 1; "OpParaBold" is
    // based on "OpPara" and inherits both. A paragraph's own numId 0 switches numbering off.
    let styles = format!(
        r#"<w:styles xmlns:w="{W}">
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="OpPara"><w:name w:val="OP"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="SubPara"><w:name w:val="Sub"/><w:basedOn w:val="OpPara"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="OpParaBold"><w:name w:val="OP bold"/><w:basedOn w:val="OpPara"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/></w:style>
</w:styles>"#
    );
    let body = [
        p("The Security Council,"),
        sp("Normal", "Noting the report of the Secretary-General,"),
        sp("OpPara", "Decides that the Mission shall have these tasks:"),
        sp("SubPara", "To protect civilians;"),
        sp("SubPara", "To support the peace process;"),
        sp("OpParaBold", "Urges the parties to cooperate;"),
        r#"<w:p><w:pPr><w:pStyle w:val="OpPara"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>and to respect the ceasefire;</w:t></w:r></w:p>"#.to_string(),
        sp("OpPara", "Decides to remain seized of the matter."),
    ]
    .concat();
    let m = accepted(&package(
        &document(&body),
        &[
            ("word/numbering.xml", numbering().as_str()),
            ("word/styles.xml", styles.as_str()),
        ],
    ));
    assert_eq!(
        ids(&m),
        ["HEADER", "PP1", "OP1", "OP1(a)", "OP1(b)", "OP2", "OP3"]
    );
    assert!(text(&m, "OP2").contains("and to respect the ceasefire"));
    assert_eq!(m.provisions[5].clauses[0].force, Force::Call);
}

// ---------------------------------------------------------------------------------------
// Tracked changes

/// A paragraph whose mark was inserted (`ins`) or deleted (`del`), its runs wrapped alike.
fn tracked_p(kind: &str, num: Option<u32>, text: &str) -> String {
    let text_tag = if kind == "del" { "delText" } else { "t" };
    let num = num
        .map(|n| format!(r#"<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{n}"/></w:numPr>"#))
        .unwrap_or_default();
    format!(
        r#"<w:p><w:pPr>{num}<w:rPr><w:{kind} w:id="90" w:author="Delegation" w:date="2015-06-01T10:00:00Z"/></w:rPr></w:pPr><w:{kind} w:id="91" w:author="Delegation" w:date="2015-06-01T10:00:00Z"><w:r><w:{text_tag} xml:space="preserve">{}</w:{text_tag}></w:r></w:{kind}></w:p>"#,
        esc(text)
    )
}

const CRIME: &str = " support the Malian authorities in combating transnational organized crime and illicit trafficking in drugs and arms;";

/// A renewal under negotiation: OP2's verb changed from a call to a mandate, a new paragraph
/// on terrorism inserted after it, a reporting paragraph deleted, a preambular paragraph
/// turned into an operative one (a numbering change, `w:pPrChange`).
fn negotiated() -> Vec<u8> {
    let body = [
        p("The Security Council,"),
        p("Concerned by the activities of terrorist groups and by drug trafficking in the Sahel,"),
        np(1, 0, "Decides to extend the mandate of MINUSMA until 30 June 2016;"),
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:del w:id="1" w:author="A"><w:r><w:delText>Encourages the Mission to</w:delText></w:r></w:del><w:ins w:id="2" w:author="A"><w:r><w:t>Decides that the Mission shall</w:t></w:r></w:ins>{}</w:p>"#,
            r(CRIME)
        ),
        tracked_p(
            "ins",
            Some(1),
            "Further decides that MINUSMA shall support efforts to counter terrorism and violent extremism in northern Mali;",
        ),
        tracked_p(
            "del",
            Some(1),
            "Requests the Secretary-General to report every three months;",
        ),
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:pPrChange w:id="5" w:author="B"><w:pPr/></w:pPrChange></w:pPr>{}</w:p>"#,
            r("Welcomes the efforts of the Malian parties;")
        ),
        np(1, 0, "Decides to remain actively seized of the matter."),
    ]
    .concat();
    docx(&body)
}

#[test]
fn accepted_changes_read_the_draft_as_it_would_become() {
    let m = read(&negotiated(), TrackedChanges::Accepted);
    assert_eq!(
        ids(&m),
        ["HEADER", "PP1", "OP1", "OP2", "OP3", "OP4", "OP5"]
    );
    assert_eq!(
        text(&m, "OP2"),
        format!("Decides that the Mission shall{CRIME}")
    );
    let op2 = &m.provisions[3];
    assert_eq!(op2.clauses[0].force, Force::Mandate);
    assert!(text(&m, "OP3").starts_with("Further decides that MINUSMA"));
    assert!(text(&m, "OP4").starts_with("Welcomes the efforts"));
    assert!(!m
        .provisions
        .iter()
        .any(|p| p.text.contains("every three months")));
    // The deleted paragraph (the 6th) is still counted: OP4 is the document's 7th Word
    // paragraph, in both readings.
    let op4 = m.provisions.iter().find(|p| p.id == "OP4").unwrap();
    assert_eq!((op4.first_line, op4.last_line), (7, 7));
}

#[test]
fn rejected_changes_read_the_draft_as_it_was() {
    let m = read(&negotiated(), TrackedChanges::Rejected);
    // The last numbered paragraph was unnumbered before (its old properties, in
    // w:pPrChange, have no numbering): it reads on as part of OP3, as unnumbered text in the
    // operative part of a printed resolution does.
    assert_eq!(ids(&m), ["HEADER", "PP1", "OP1", "OP2", "OP3", "OP4"]);
    assert_eq!(text(&m, "OP2"), format!("Encourages the Mission to{CRIME}"));
    assert_eq!(m.provisions[3].clauses[0].force, Force::Call);
    assert_eq!(
        text(&m, "OP3"),
        "Requests the Secretary-General to report every three months; Welcomes the efforts of the Malian parties;"
    );
    let op3 = m.provisions.iter().find(|p| p.id == "OP3").unwrap();
    assert_eq!((op3.first_line, op3.last_line), (6, 7));
    assert_eq!(op3.line_map, [(0, 6), (61, 7)]);
    assert!(!m.provisions.iter().any(|p| p.text.contains("terrorism")));
}

#[test]
fn the_two_readings_differ_in_verdict_where_the_changes_matter() {
    let rulebook = default_rulebook();
    let verdict = |view| {
        evaluate(&rulebook, &read(&negotiated(), view))
            .rules
            .into_iter()
            .find(|r| r.id == "crime-terror-mandate")
            .unwrap()
            .verdict
    };
    assert_eq!(verdict(TrackedChanges::Accepted), Verdict::Met);
    assert_ne!(verdict(TrackedChanges::Rejected), Verdict::Met);
}

#[test]
fn moved_text_stands_at_its_new_place_when_accepted_and_its_old_one_when_rejected() {
    let moved = "Decides that the Mission shall protect civilians;";
    let body = [
        p("The Security Council,"),
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:rPr><w:moveFrom w:id="1" w:author="A"/></w:rPr></w:pPr><w:moveFromRangeStart w:id="3" w:name="move1"/><w:moveFrom w:id="4" w:author="A"><w:r><w:t>{moved}</w:t></w:r></w:moveFrom><w:moveFromRangeEnd w:id="3"/></w:p>"#
        ),
        np(1, 0, "Urges the parties to implement the agreement;"),
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:rPr><w:moveTo w:id="5" w:author="A"/></w:rPr></w:pPr><w:moveToRangeStart w:id="6" w:name="move1"/><w:moveTo w:id="7" w:author="A"><w:r><w:t>{moved}</w:t></w:r></w:moveTo><w:moveToRangeEnd w:id="6"/></w:p>"#
        ),
        np(1, 0, "Decides to remain seized of the matter."),
    ]
    .concat();
    let bytes = docx(&body);
    let a = read(&bytes, TrackedChanges::Accepted);
    let r = read(&bytes, TrackedChanges::Rejected);
    assert_eq!(text(&a, "OP2"), moved);
    assert_eq!(text(&r, "OP1"), moved);
    assert_eq!(ids(&a), ids(&r));
    assert_eq!(
        text(&a, "OP1"),
        "Urges the parties to implement the agreement;"
    );
}

// ---------------------------------------------------------------------------------------
// What is not the draft's text

#[test]
fn comments_footnotes_field_codes_and_hidden_text_are_left_out() {
    let body = [
        p("The Security Council,"),
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:commentRangeStart w:id="0"/>{}<w:commentRangeEnd w:id="0"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="0"/></w:r><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r>{}</w:p>"#,
            r("Decides that the Mission shall protect civilians"),
            r(";")
        ),
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>{}<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> REF OP1 \h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>{}<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>SECRET DRAFTING NOTE</w:t></w:r>{}</w:p>"#,
            r("Requests the Secretary-General to report on paragraph "),
            r("1"),
            r(" above & on the elections;")
        ),
        np(1, 0, "Decides to remain seized of the matter."),
    ]
    .concat();
    let comments = format!(
        r#"<w:comments xmlns:w="{W}"><w:comment w:id="0" w:author="B"><w:p><w:r><w:t>DELETE THIS PARAGRAPH</w:t></w:r></w:p></w:comment></w:comments>"#
    );
    let m = accepted(&package(
        &document(&body),
        &[
            ("word/numbering.xml", numbering().as_str()),
            ("word/comments.xml", comments.as_str()),
        ],
    ));
    assert_eq!(ids(&m), ["HEADER", "OP1", "OP2", "OP3"]);
    assert_eq!(
        text(&m, "OP1"),
        "Decides that the Mission shall protect civilians;"
    );
    assert_eq!(
        text(&m, "OP2"),
        "Requests the Secretary-General to report on paragraph 1 above & on the elections;"
    );
    let all: String = m.provisions.iter().map(|p| p.text.as_str()).collect();
    for absent in ["DELETE", "REF", "SECRET"] {
        assert!(!all.contains(absent), "{absent} in {all}");
    }
}

// ---------------------------------------------------------------------------------------
// Broken files

fn refusal(bytes: &[u8]) -> policycheck::Diagnostic {
    match read_docx("broken.docx", bytes, &ReadOptions::default()) {
        Err(Error::Mandate(d)) => {
            assert_eq!(d.file, "broken.docx");
            assert!(d.hint.is_some(), "a hint for {}", d.message);
            d
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn broken_files_are_refused_with_plain_messages() {
    let d = refusal(b"1. Decides to act;\n");
    assert!(
        d.message
            .starts_with("this .docx file cannot be opened: it is not a Word document: the file is not a zip package"),
        "{}",
        d.message
    );
    let no_document = zip_of(&[("word/styles.xml".into(), "<w:styles/>".into())]);
    assert_eq!(
        refusal(&no_document).message,
        "this .docx file cannot be opened: the package has no word/document.xml, so it is not a Word document"
    );
    let mismatched = package(&document("<w:p><w:r><w:t>Decides</w:r></w:t></w:p>"), &[]);
    let d = refusal(&mismatched);
    assert!(
        d.message.starts_with(
            "this .docx file cannot be opened: word/document.xml is not well-formed XML (at byte"
        ),
        "{}",
        d.message
    );
    let truncated = package(
        &format!(r#"<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>Decides</w:t></w:r>"#),
        &[],
    );
    assert!(refusal(&truncated)
        .message
        .contains("the part ends inside <document><body><p>"));
    let bad_numbering = package(
        &document(&p("Decides")),
        &[("word/numbering.xml", "<w:numbering><w:num></w:numbering>")],
    );
    assert!(refusal(&bad_numbering)
        .message
        .contains("word/numbering.xml is not well-formed XML"));
    let no_body = package(&format!(r#"<w:document xmlns:w="{W}"/>"#), &[]);
    assert!(refusal(&no_body).message.contains("has no document body"));
    let empty = docx("<w:p/><w:p><w:r><w:t>  </w:t></w:r></w:p>");
    assert_eq!(
        refusal(&empty).message,
        "the document has no text: there is nothing to score"
    );
}

#[test]
fn a_zip_bomb_is_refused_at_the_limit_without_unpacking_it() {
    // 65 MiB of spaces deflate to about 65 kB.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(format!(r#"<w:document xmlns:w="{W}"><w:body>"#).as_bytes())
        .unwrap();
    let chunk = vec![b' '; 1024 * 1024];
    for _ in 0..65 {
        zip.write_all(&chunk).unwrap();
    }
    zip.write_all(b"</w:body></w:document>").unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    assert!(bytes.len() < 1024 * 1024);
    let d = refusal(&bytes);
    assert_eq!(
        d.message,
        "this .docx file cannot be opened: word/document.xml unpacks to more than 64 MB, the limit for one draft"
    );
    assert_eq!(policycheck::mandate::MAX_PART_BYTES, 64 * 1024 * 1024);
}

#[test]
fn diff_pending_shows_what_the_tracked_changes_would_do() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("negotiated.docx");
    std::fs::write(&path, negotiated()).unwrap();
    let out = common::policycheck_in(dir.path())
        .args(["--no-config", "diff", "--pending", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = common::stdout_of(&out);
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let rendered = json.to_string();
    // Accepting "Decides that the Mission shall" for "Encourages the Mission to" takes the
    // crime-and-terror task from missing to a mandate.
    assert!(rendered.contains("crime-terror-mandate"), "{text}");
    assert!(
        rendered.contains("\"gained\"") || rendered.contains("\"strengthened\""),
        "{text}"
    );
}
