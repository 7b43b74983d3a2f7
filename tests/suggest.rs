//! `policycheck suggest`, as users run it: on a Word draft built from a real resolution
//! (S/RES/866 (1993), numbered by Word's automatic numbering; the fixture
//! tests/fixtures/suggest/S_RES_0866_1993.docx, rebuilt and compared here), each gap gets a
//! tracked insertion with a comment; read with the changes accepted the draft meets what was
//! suggested, read with them rejected it is the draft again, verdict for verdict. Text and
//! Markdown drafts get the amended text or a diff; `--only`, waivers, placeholders and the
//! refusals each have their test.

mod common;

use common::{crate_path, policycheck_in, policycheck_no_config, stderr_of, stdout_of};
use policycheck::mandate::{read_mandate_with, Mandate, ReadOptions, TrackedChanges};
use policycheck::{default_rulebook, evaluate, Assessment, Verdict};
use std::io::{Read, Write};
use std::path::Path;
use zip::write::SimpleFileOptions;

const RES_866: &str = "tests/fixtures/unsc/S_RES_0866_1993_EN_GOLD.txt";
const FIXTURE: &str = "tests/fixtures/suggest/S_RES_0866_1993.docx";
const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const DATE: &str = "2026-12-07T09:30:00Z";

// ---------------------------------------------------------------------------------------
// The Word draft

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A paragraph, in list 1 at `level` when numbered.
fn para(text: &str, level: Option<u32>) -> String {
    let ppr = match level {
        Some(l) => format!(
            r#"<w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="{l}"/><w:numId w:val="1"/></w:numPr><w:spacing w:after="120"/><w:jc w:val="both"/></w:pPr>"#
        ),
        None => r#"<w:pPr><w:spacing w:after="120"/></w:pPr>"#.to_string(),
    };
    format!(
        r#"<w:p>{ppr}<w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
        esc(text)
    )
}

/// S/RES/866 (1993) as a Word draft: a Word paragraph per printed paragraph (wrapped lines
/// joined), the operative numbers and sub-paragraph letters taken out of the text and given
/// by automatic numbering (numbering.xml: level 0 "%1." decimal, level 1 "(%2)" lower
/// letter), styles for the list paragraphs, and a zip with no timestamps: the same bytes on
/// every build.
fn res_866_docx() -> Vec<u8> {
    word_of(&crate_path(RES_866))
}

/// A resolution's text as a Word draft, as [`res_866_docx`] makes it.
fn word_of(path: &Path) -> Vec<u8> {
    let text = std::fs::read_to_string(path).unwrap();
    let number = regex::Regex::new(r"^(\d+)\.\s+").unwrap();
    let letter = regex::Regex::new(r"^\(([a-z])\)\s+").unwrap();
    let mut body = String::new();
    for p in text.split("\n\n") {
        let joined = p
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if joined.is_empty() {
            continue;
        } else if let Some(m) = number.find(&joined) {
            body.push_str(&para(&joined[m.end()..], Some(0)));
        } else if let Some(m) = letter.find(&joined) {
            body.push_str(&para(&joined[m.end()..], Some(1)));
        } else {
            body.push_str(&para(&joined, None));
        }
    }
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W}"><w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>"#
    );
    let lvl = |ilvl: u32, fmt: &str, text: &str| {
        format!(
            r#"<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{}" w:hanging="567"/></w:pPr></w:lvl>"#,
            567 * (ilvl + 1)
        )
    };
    let numbering = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>{}{}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#,
        lvl(0, "decimal", "%1."),
        lvl(1, "lowerLetter", "(%2)")
    );
    let styles = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:sz w:val="24"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/></w:style></w:styles>"#
    );
    let parts: [(&str, String); 6] = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>"#.into(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.into(),
        ),
        ("word/document.xml", document),
        (
            "word/_rels/document.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#.into(),
        ),
        ("word/numbering.xml", numbering),
        ("word/styles.xml", styles),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in &parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// The committed fixture is what the builder makes (`POLICYCHECK_REBUILD_FIXTURES=1` writes
/// it again).
#[test]
fn the_word_fixture_is_built_from_the_resolution() {
    let built = res_866_docx();
    let path = crate_path(FIXTURE);
    if std::env::var_os("POLICYCHECK_REBUILD_FIXTURES").is_some() {
        std::fs::write(&path, &built).unwrap();
    }
    let committed = std::fs::read(&path).unwrap();
    assert!(
        committed == built,
        "{FIXTURE} differs from what tests/suggest.rs builds; rebuild it with POLICYCHECK_REBUILD_FIXTURES=1"
    );
    // It reads as the resolution: the same provisions as the text, numbered by Word.
    let word = read(&path, TrackedChanges::Accepted);
    let text = read(&crate_path(RES_866), TrackedChanges::Accepted);
    let ids = |m: &Mandate| {
        m.provisions
            .iter()
            .map(|p| p.id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&word), ids(&text));
    assert_eq!(verdicts(&word), verdicts(&text));
}

// ---------------------------------------------------------------------------------------
// Helpers

fn read(path: &Path, view: TrackedChanges) -> Mandate {
    let options = ReadOptions {
        tracked_changes: view,
        ..ReadOptions::default()
    };
    read_mandate_with(path, &options).unwrap_or_else(|e| panic!("{e}"))
}

fn assess(m: &Mandate) -> Assessment {
    evaluate(&default_rulebook(), m)
}

fn verdicts(m: &Mandate) -> Vec<(String, Verdict)> {
    assess(m)
        .rules
        .into_iter()
        .map(|r| (r.id, r.verdict))
        .collect()
}

/// A zip entry: compression, CRC, raw compressed bytes, unpacked bytes.
type Entry = (zip::CompressionMethod, u32, Vec<u8>, Vec<u8>);

/// Every entry of a zip, by name, in order.
fn entries(bytes: &[u8]) -> Vec<(String, Entry)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let mut raw = Vec::new();
        let (name, method, crc) = {
            let mut f = zip.by_index_raw(i).unwrap();
            f.read_to_end(&mut raw).unwrap();
            (f.name().unwrap().to_string(), f.compression(), f.crc32())
        };
        let mut text = Vec::new();
        zip.by_index(i).unwrap().read_to_end(&mut text).unwrap();
        out.push((name, (method, crc, raw, text)));
    }
    out
}

fn part(bytes: &[u8], name: &str) -> String {
    let all = entries(bytes);
    let (_, (_, _, _, text)) = all
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no {name}"));
    String::from_utf8(text.clone()).unwrap()
}

/// `suggest` on the Word fixture into a temporary folder; the output's bytes and stdout.
fn suggest_word(extra: &[&str]) -> (tempfile::TempDir, Vec<u8>, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("866 suggested.docx");
    let run = policycheck_no_config()
        .args(["suggest", FIXTURE, "--output"])
        .arg(&out)
        .args(["--date", DATE])
        .args(extra)
        .assert()
        .code(0);
    let bytes = std::fs::read(&out).unwrap();
    (dir, bytes, stdout_of(&run))
}

// ---------------------------------------------------------------------------------------
// A Word draft

#[test]
fn a_word_draft_gets_each_gap_as_a_tracked_insertion_with_a_comment() {
    let draft = read(&crate_path(FIXTURE), TrackedChanges::Accepted);
    let before = assess(&draft);
    let gaps: Vec<&str> = before
        .rules
        .iter()
        .filter(|r| r.verdict != Verdict::Met)
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(
        gaps,
        [
            "crime-terror-mandate",
            "expert-group",
            "police-operational-powers",
            "crime-terror-nexus",
            "holistic-approach"
        ]
    );
    let (dir, bytes, stdout) = suggest_word(&[]);
    insta::assert_snapshot!(stdout.replace(&dir.path().display().to_string(), "<tmp>"));

    let doc = part(&bytes, "word/document.xml");
    let author = format!(r#"w:author="policycheck" w:date="{DATE}""#);
    // Each suggestion: an inserted paragraph mark, inserted text, a comment reference.
    assert_eq!(doc.matches(r#"<w:rPr><w:ins w:id="#).count(), gaps.len());
    assert_eq!(doc.matches(&author).count(), 3 * gaps.len());
    assert_eq!(doc.matches("<w:commentRangeStart ").count(), gaps.len());
    assert_eq!(doc.matches("<w:commentReference ").count(), gaps.len());
    // Numbered as the operative paragraphs are: list 1, level 0, the same style.
    let numbered = r#"<w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:spacing w:after="120"/><w:jc w:val="both"/><w:rPr><w:ins "#;
    assert_eq!(doc.matches(numbered).count(), gaps.len());
    let rulebook = default_rulebook();
    for id in &gaps {
        let rule = rulebook.rule(id).unwrap();
        assert!(
            doc.contains(&esc(&rule.suggested)),
            "{id}'s language is inserted"
        );
    }

    let comments = part(&bytes, "word/comments.xml");
    assert_eq!(comments.matches("<w:comment ").count(), gaps.len());
    for id in &gaps {
        let title = &rulebook.rule(id).unwrap().title;
        assert!(comments.contains(&esc(title)), "the comment names {title}");
    }
    assert_eq!(
        comments
            .matches("Source: Sofía Sebastián, “Why Peace Negotiations in Mali Will Not Succeed”, International Relations and Security Network (ISN), ETH Zurich, 2015.")
            .count(),
        gaps.len()
    );
    assert!(part(&bytes, "[Content_Types].xml").contains(r#"<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>"#));
    assert!(part(&bytes, "word/_rels/document.xml.rels")
        .contains(r#"Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml""#));

    // Every other entry is copied byte for byte, in its place.
    let original = entries(&std::fs::read(crate_path(FIXTURE)).unwrap());
    let new = entries(&bytes);
    let rewritten = [
        "[Content_Types].xml",
        "word/document.xml",
        "word/_rels/document.xml.rels",
    ];
    for (i, (name, entry)) in original.iter().enumerate() {
        assert_eq!(&new[i].0, name, "entry {i} keeps its place");
        if !rewritten.contains(&name.as_str()) {
            assert!(new[i].1 == *entry, "{name} is copied byte for byte");
        }
    }
    assert_eq!(new.len(), original.len() + 1);
    assert_eq!(new[original.len()].0, "word/comments.xml");
}

#[test]
fn accepted_the_suggestions_close_the_gaps_and_rejected_the_draft_is_as_it_was() {
    let draft = read(&crate_path(FIXTURE), TrackedChanges::Accepted);
    let (dir, _, _) = suggest_word(&[]);
    let out = dir.path().join("866 suggested.docx");

    let before = assess(&draft);
    let accepted = assess(&read(&out, TrackedChanges::Accepted));
    let rejected = read(&out, TrackedChanges::Rejected);

    // Accepted: every gap filled is met; the score rises by the weight of the gaps filled.
    assert_eq!((before.score, before.counts()), (61.1, (4, 3, 2)));
    assert_eq!((accepted.score, accepted.counts()), (100.0, (9, 0, 0)));
    let rulebook = default_rulebook();
    let gained: f64 = before
        .rules
        .iter()
        .map(|r| r.weight * (1.0 - r.score))
        .sum::<f64>()
        / rulebook.total_weight()
        * 100.0;
    assert_eq!(
        ((before.score + gained) * 10.0).round() / 10.0,
        accepted.score
    );

    // Rejected: the draft's verdicts, score, provisions and texts, exactly.
    assert_eq!(verdicts(&rejected), verdicts(&draft));
    assert_eq!(assess(&rejected).score, before.score);
    let texts = |m: &Mandate| {
        m.provisions
            .iter()
            .map(|p| (p.id.clone(), p.text.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(texts(&rejected), texts(&draft));

    // The command line says the same.
    let run = policycheck_no_config()
        .args(["--tracked-changes", "rejected", "check"])
        .arg(&out)
        .assert();
    assert!(stdout_of(&run).contains("61.1/100  (met 4, partial 3, missing 2)"));
    let run = policycheck_no_config().arg("check").arg(&out).assert();
    assert!(stdout_of(&run).contains("100.0/100  (met 9, partial 0, missing 0)"));
}

#[test]
fn the_output_is_the_same_on_every_run_and_source_date_epoch_dates_it() {
    let (_a, first, _) = suggest_word(&[]);
    let (_b, second, _) = suggest_word(&[]);
    assert!(first == second, "byte-identical reruns");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("o.docx");
    policycheck_no_config()
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .args(["suggest", FIXTURE, "-o"])
        .arg(&out)
        .assert()
        .code(0);
    let doc = part(&std::fs::read(&out).unwrap(), "word/document.xml");
    assert!(doc.contains(r#"w:date="2026-01-01T00:00:00Z""#));
}

#[test]
fn only_limits_the_suggestions_to_the_rules_named() {
    let (dir, bytes, stdout) =
        suggest_word(&["--only", "expert-group", "--only", "political-process"]);
    let doc = part(&bytes, "word/document.xml");
    assert_eq!(doc.matches("<w:commentReference ").count(), 1);
    assert!(stdout.contains("1 suggestion written"), "{stdout}");
    assert!(
        stdout.contains("not suggested: political-process (the draft meets it)"),
        "{stdout}"
    );
    let accepted = assess(&read(
        &dir.path().join("866 suggested.docx"),
        TrackedChanges::Accepted,
    ));
    let draft = assess(&read(&crate_path(FIXTURE), TrackedChanges::Accepted));
    // The expert group is met; no verdict falls. The group's remit (organized crime,
    // trafficking and terrorist networks) also completes the partial crime-terror-mandate.
    for (a, d) in accepted.rules.iter().zip(&draft.rules) {
        assert!(a.score >= d.score, "{}", a.id);
        let changed = a.verdict != d.verdict;
        assert_eq!(
            changed,
            ["expert-group", "crime-terror-mandate"].contains(&a.id.as_str()),
            "{}",
            a.id
        );
    }
    assert_eq!((draft.score, accepted.score), (61.1, 80.6));
}

#[test]
fn a_waived_gap_gets_no_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(crate_path(FIXTURE), dir.path().join("draft.docx")).unwrap();
    std::fs::write(
        dir.path().join("policycheck.yaml"),
        "waivers:\n  - document: draft.docx\n    rule: expert-group\n    justification: An expert group is negotiated separately.\n    owner: Desk officer\n    expires: 2099-12-31\n",
    )
    .unwrap();
    let run = policycheck_in(dir.path())
        .args(["suggest", "draft.docx", "-o", "out.docx", "--date", DATE])
        .assert()
        .code(0);
    let stdout = stdout_of(&run);
    assert!(stdout.contains("4 suggestions written"), "{stdout}");
    assert!(
        stdout.contains("not suggested: expert-group (waived by Desk officer until 2099-12-31)"),
        "{stdout}"
    );
    let doc = part(
        &std::fs::read(dir.path().join("out.docx")).unwrap(),
        "word/document.xml",
    );
    assert!(!doc.contains("group of experts"));
}

// ---------------------------------------------------------------------------------------
// Text and Markdown drafts

#[test]
fn a_text_draft_is_amended_renumbered_and_closes_its_gaps() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("866.txt");
    policycheck_no_config()
        .args(["suggest", RES_866, "-o"])
        .arg(&out)
        .assert()
        .code(0);
    let amended = std::fs::read_to_string(&out).unwrap();
    let m = read(&out, TrackedChanges::Accepted);
    let a = assess(&m);
    assert_eq!((a.score, a.counts()), (100.0, (9, 0, 0)));
    // Four new paragraphs after OP3 (numbered 4 to 7), one before the closing paragraph
    // (18); the old 4 to 14 are now 8 to 17 and 19.
    let ops = m
        .provisions
        .iter()
        .filter(|p| p.id.starts_with("OP") && p.parent.is_none())
        .count();
    assert_eq!(ops, 19);
    assert!(amended.contains("\n\n8. Welcomes the Secretary-—General’s intention"));
    assert!(amended.contains("\n\n18. Expresses grave concern at the links"));
    assert!(amended.ends_with("\n\n19. Decides to remain actively seized of the matter.\n"));
    // As a diff: what changed, as `diff -u` shows it.
    let run = policycheck_no_config()
        .args([
            "suggest",
            RES_866,
            "--format",
            "diff",
            "--only",
            "crime-terror-nexus",
        ])
        .assert()
        .code(0);
    insta::assert_snapshot!(stdout_of(&run));
}

#[test]
fn a_markdown_draft_keeps_its_list_and_placeholders_are_filled_from_it() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("draft.md");
    std::fs::write(
        &md,
        "# Draft resolution\n\nThe Security Council,\n\n*Welcoming* the establishment of the United Nations Observer Mission in Liberia (UNOMIL),\n\n1. Decides that UNOMIL shall monitor the cease-fire;\n2. Decides to remain seized of the matter.\n",
    )
    .unwrap();
    let run = policycheck_no_config()
        .args([
            "suggest",
            "--rules",
            "tests/fixtures/suggest/placeholders.yaml",
        ])
        .arg(&md)
        .assert()
        .code(0);
    assert_eq!(
        stdout_of(&run),
        "# Draft resolution\n\nThe Security Council,\n\n*Welcoming* the establishment of the United Nations Observer Mission in Liberia (UNOMIL),\n\n1. Decides that UNOMIL shall monitor the cease-fire;\n2. Requests UNOMIL to give particular attention to the protection of children in Liberia, in coordination with {agency};\n\n3. Decides to remain seized of the matter.\n"
    );
    // Written to a file, the unfilled placeholder is a warning.
    let run = policycheck_no_config()
        .args([
            "suggest",
            "--rules",
            "tests/fixtures/suggest/placeholders.yaml",
        ])
        .arg(&md)
        .arg("-o")
        .arg(dir.path().join("out.md"))
        .assert()
        .code(0);
    assert!(stderr_of(&run).contains("keeps {agency} visible"));
}

// ---------------------------------------------------------------------------------------
// Refusals: exit 2, a plain message, nothing written

#[test]
fn refusals_say_why_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("draft.docx");
    std::fs::copy(crate_path(FIXTURE), &draft).unwrap();
    let original = std::fs::read(&draft).unwrap();
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec![
                "suggest".into(),
                draft.display().to_string(),
                "-o".into(),
                draft.display().to_string(),
            ],
            "is also the draft",
        ),
        (
            vec!["suggest".into(), draft.display().to_string()],
            "cannot go to the terminal",
        ),
        (
            vec![
                "suggest".into(),
                draft.display().to_string(),
                "--format".into(),
                "diff".into(),
                "-o".into(),
                "x.diff".into(),
            ],
            "`--format diff` is for text and Markdown drafts",
        ),
        (
            vec![
                "suggest".into(),
                draft.display().to_string(),
                "-o".into(),
                "x.docx".into(),
                "--only".into(),
                "no-such-rule".into(),
            ],
            "has no rule `no-such-rule`",
        ),
        (
            vec![
                "suggest".into(),
                crate_path("examples/minusma-2013.yaml")
                    .display()
                    .to_string(),
                "-o".into(),
                "x.yaml".into(),
            ],
            "not into a structured .yaml file",
        ),
        (
            vec![
                "suggest".into(),
                draft.display().to_string(),
                "-o".into(),
                "x.docx".into(),
                "--date".into(),
                "yesterday".into(),
            ],
            "is not a date",
        ),
        (
            vec![
                "suggest".into(),
                draft.display().to_string(),
                "-o".into(),
                "x.txt".into(),
            ],
            "is named as another kind of file",
        ),
        (
            vec![
                "suggest".into(),
                crate_path(RES_866).display().to_string(),
                "-o".into(),
                "x.docx".into(),
            ],
            "is named as another kind of file",
        ),
        (
            vec!["suggest".into(), "-".into(), "-o".into(), "x.txt".into()],
            "needs the draft as a file, not standard input",
        ),
    ];
    for (args, message) in cases {
        let run = policycheck_no_config()
            .current_dir(dir.path())
            .args(&args)
            .args([
                "--rules",
                &crate_path("rules/mali-2015.yaml").display().to_string(),
            ])
            .assert()
            .code(2);
        let err = stderr_of(&run);
        assert!(err.contains(message), "{args:?}: {err}");
    }
    assert!(
        std::fs::read(&draft).unwrap() == original,
        "the draft is untouched"
    );
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["draft.docx"], "nothing written");
}

// ---------------------------------------------------------------------------------------
// Every fixture resolution

/// On each of the fixture resolutions (tests/fixtures/unsc), the amended text meets every
/// rule a suggestion was made for, no verdict falls, and the draft's own paragraphs are all
/// still there (renumbered at most).
#[test]
fn on_every_fixture_resolution_the_suggestions_close_their_gaps() {
    use policycheck::mandate::{read_text, SourceFormat};
    use policycheck::suggest::{amend_text, plan};
    let rulebook = default_rulebook();
    let (mut drafts, mut suggested, mut before_total, mut after_total) = (0, 0, 0.0, 0.0);
    let mut failures = Vec::new();
    let renumbered = regex::Regex::new(r"^\s*\d+[.),]").unwrap();
    for path in common::txt_files(crate_path("tests/fixtures/unsc")) {
        let text = std::fs::read_to_string(&path).unwrap();
        let label = path.display().to_string();
        let draft = read_text(&label, &text, SourceFormat::Text);
        let before = evaluate(&rulebook, &draft);
        let suggestions = plan(&rulebook, &draft, &before, &|_| true);
        let amended = amend_text(&text, &draft, &suggestions);
        let after = evaluate(&rulebook, &read_text(&label, &amended, SourceFormat::Text));
        drafts += 1;
        suggested += suggestions.len();
        before_total += before.score;
        after_total += after.score;
        for (b, a) in before.rules.iter().zip(&after.rules) {
            let wanted = suggestions.iter().any(|s| s.rule == b.id);
            if (wanted && a.verdict != Verdict::Met) || a.score < b.score {
                failures.push(format!(
                    "{label}: {} {:?} → {:?}",
                    b.id, b.verdict, a.verdict
                ));
            }
        }
        // Every line of the draft is in the amended text, its number aside.
        let strip = |l: &str| renumbered.replace(l, "").into_owned();
        let lines: std::collections::BTreeSet<String> = amended.lines().map(strip).collect();
        for l in text.lines() {
            assert!(lines.contains(&strip(l)), "{label}: lost {l:?}");
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(drafts, 138);
    eprintln!(
        "{drafts} resolutions, {suggested} suggestions, mean score {:.1} → {:.1}",
        before_total / drafts as f64,
        after_total / drafts as f64
    );
}

/// The same in Word, on each fixture resolution made a Word draft as S/RES/866 is: accepted,
/// every suggestion's rule is met and no verdict falls; rejected, the draft's verdicts.
#[test]
fn on_every_fixture_resolution_in_word_accepted_closes_and_rejected_restores() {
    use policycheck::mandate::read_docx;
    use policycheck::suggest::{amend_docx, plan};
    let rulebook = default_rulebook();
    let options = |view| ReadOptions {
        tracked_changes: view,
        ..ReadOptions::default()
    };
    let (mut drafts, mut suggested, mut unfaithful) = (0, 0, 0);
    let mut failures = Vec::new();
    for path in common::txt_files(crate_path("tests/fixtures/unsc")) {
        let label = path.display().to_string();
        let bytes = word_of(&path);
        let draft = read_docx(&label, &bytes, &options(TrackedChanges::Accepted)).unwrap();
        // Only drafts the simple conversion turns into Word faithfully (the same provisions
        // as the text): a resolution whose numbers it misses is not a Word draft of it.
        let text = read(&path, TrackedChanges::Accepted);
        let ids = |m: &Mandate| {
            m.provisions
                .iter()
                .map(|p| p.id.clone())
                .collect::<Vec<_>>()
        };
        if ids(&draft) != ids(&text) {
            unfaithful += 1;
            continue;
        }
        let before = evaluate(&rulebook, &draft);
        let suggestions = plan(&rulebook, &draft, &before, &|_| true);
        let out = amend_docx(&label, &bytes, &draft, &suggestions, DATE).unwrap();
        let accepted = evaluate(
            &rulebook,
            &read_docx(&label, &out, &options(TrackedChanges::Accepted)).unwrap(),
        );
        let rejected = evaluate(
            &rulebook,
            &read_docx(&label, &out, &options(TrackedChanges::Rejected)).unwrap(),
        );
        drafts += 1;
        suggested += suggestions.len();
        for ((b, a), r) in before
            .rules
            .iter()
            .zip(&accepted.rules)
            .zip(&rejected.rules)
        {
            let wanted = suggestions.iter().any(|s| s.rule == b.id);
            if (wanted && a.verdict != Verdict::Met) || a.score < b.score {
                failures.push(format!(
                    "{label}: accepted {} {:?} → {:?}",
                    b.id, b.verdict, a.verdict
                ));
            }
            if r.verdict != b.verdict {
                failures.push(format!(
                    "{label}: rejected {} {:?} → {:?}",
                    b.id, b.verdict, r.verdict
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(drafts + unfaithful, 138);
    assert!(drafts >= 80, "{drafts} faithful Word drafts");
    eprintln!("{drafts} Word drafts ({unfaithful} left out), {suggested} tracked suggestions");
}

#[test]
fn the_memo_names_the_place_suggest_uses() {
    // What `suggest` prints ("after OP3  expert-group …") and what the memo says ("Suggested
    // language, after OP3 (the paragraph …)") come from one decision.
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("amended.txt");
    let run = policycheck_no_config()
        .args(["suggest", RES_866, "--output"])
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(0), "{}", stderr_of(&run));
    let mut from_suggest: Vec<String> = stderr_of(&run)
        .lines()
        .chain(stdout_of(&run).lines())
        .filter_map(|l| {
            let l = l.trim_start();
            let (place, rest) = l.split_once("  ")?;
            (place.starts_with("after ") || place.starts_with("before "))
                .then(|| format!("{place} {}", rest.split_whitespace().next().unwrap_or("")))
        })
        .collect();
    from_suggest.sort();
    assert_eq!(from_suggest.len(), 5, "{from_suggest:?}");
    let memo = policycheck_no_config()
        .args(["check", RES_866, "--format", "markdown"])
        .output()
        .expect("runs");
    let memo = stdout_of(&memo);
    let places: Vec<&str> = memo
        .lines()
        .filter_map(|l| l.strip_prefix("**Suggested language**, "))
        .collect();
    assert_eq!(places.len(), 5, "{memo}");
    // "after OP3 (the paragraph …)", "before the closing paragraphs (OP14, …)": the verb and
    // the paragraph named.
    let named = regex::Regex::new(
        r"^(after|before) (?:the closing paragraphs \(|the last operative paragraph, )?((?:PP|OP)\d+)",
    )
    .expect("regex");
    let mut from_memo: Vec<String> = places
        .iter()
        .map(|p| {
            let c = named.captures(p).unwrap_or_else(|| panic!("{p}"));
            format!("{} {}", &c[1], &c[2])
        })
        .collect();
    from_memo.sort();
    let mut from_suggest: Vec<String> = from_suggest
        .iter()
        .map(|s| s.split(' ').take(2).collect::<Vec<_>>().join(" "))
        .collect();
    from_suggest.sort();
    assert_eq!(from_memo, from_suggest);
}
