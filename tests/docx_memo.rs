//! The briefing memo as a Word document (`--format docx`): the package checked part by part
//! with quick-xml on every run (parts present, XML well formed, headings in Word's heading
//! styles, the suggested language in its own style, the memo's words), byte-identical reruns,
//! the configuration's `memo:` in the header, and the plain refusals; then LibreOffice's view
//! of it: converted to PDF with `soffice`, the PDF's text holds the score, the nine
//! recommendations and the source's words, in at most six pages. That test needs LibreOffice:
//! required in CI, skipped with a message elsewhere (`common::soffice`).

mod common;

use common::{policycheck_in, policycheck_no_config};
use policycheck::default_rulebook;
use quick_xml::events::Event;
use quick_xml::Reader;
use std::io::Read;
use std::path::Path;

const MINUSMA: &str = "examples/minusma-2013.yaml";

/// Writes the Word memo of `draft` into `dir` with `policycheck check` and returns its bytes.
fn docx_of(draft: &str, dir: &Path) -> Vec<u8> {
    let out = dir.join("memo.docx");
    policycheck_no_config()
        .args(["check", draft, "--format", "docx", "--output"])
        .arg(&out)
        .env("POLICYCHECK_TODAY", "2026-12-07")
        .assert()
        .success();
    std::fs::read(&out).unwrap()
}

/// Every part of the package, by name, as text.
fn parts(bytes: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let name = f.name().unwrap().to_string();
            let mut text = String::new();
            f.read_to_string(&mut text).unwrap();
            (name, text)
        })
        .collect()
}

fn part<'a>(parts: &'a [(String, String)], name: &str) -> &'a str {
    &parts
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no {name} in the package"))
        .1
}

/// The paragraphs of a WordprocessingML part as (style, text), read with quick-xml (which
/// fails on XML that is not well formed).
fn paragraphs(xml: &str) -> Vec<(String, String)> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    let (mut style, mut text, mut in_text) = (String::new(), String::new(), false);
    loop {
        match reader
            .read_event()
            .unwrap_or_else(|e| panic!("bad XML: {e}"))
        {
            Event::Start(e) if e.name().as_ref() == "w:p" => {
                style.clear();
                text.clear();
            }
            Event::Empty(e) if e.name().as_ref() == "w:pStyle" => {
                let val = e.try_get_attribute("w:val").unwrap().unwrap();
                style = val.value.to_string();
            }
            Event::Start(e) if e.name().as_ref() == "w:t" => in_text = true,
            Event::End(e) if e.name().as_ref() == "w:t" => in_text = false,
            Event::Text(t) if in_text => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_text => {
                text.push_str(match r.as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unexpected entity {other}"),
                });
            }
            Event::End(e) if e.name().as_ref() == "w:p" => {
                out.push((style.clone(), text.clone()));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_word_memo_is_a_complete_package_with_styled_headings() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = docx_of(MINUSMA, dir.path());
    let parts = parts(&bytes);
    let names: Vec<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, policycheck::report::DOCX_PARTS);
    for (name, text) in &parts {
        // Each part is well-formed XML.
        let mut reader = Reader::from_str(text);
        loop {
            match reader.read_event() {
                Ok(Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{name} is not well-formed XML: {e}"),
            }
        }
    }
    let styles = part(&parts, "word/styles.xml");
    for (id, name, level) in [("Heading1", "heading 1", 0), ("Heading2", "heading 2", 1)] {
        let at = styles.find(&format!("w:styleId=\"{id}\"")).unwrap();
        let style = &styles[at..at + styles[at..].find("</w:style>").unwrap()];
        assert!(
            style.contains(&format!("<w:name w:val=\"{name}\"/>")),
            "{style}"
        );
        assert!(
            style.contains(&format!("<w:outlineLvl w:val=\"{level}\"/>")),
            "{style}"
        );
    }
    let body = paragraphs(part(&parts, "word/document.xml"));
    let styled = |s: &str| -> Vec<&str> {
        body.iter()
            .filter(|(st, _)| st == s)
            .map(|(_, t)| t.as_str())
            .collect()
    };
    assert_eq!(
        styled("Heading1"),
        [
            "Bottom line",
            "Recommendations, largest gap first",
            "Gaps and how to close them",
            "Appendix: the paragraphs cited"
        ]
    );
    // One Heading 2 per gap (4 partly met, 3 missing), the largest first.
    let gaps = styled("Heading2");
    assert_eq!(gaps.len(), 7, "{gaps:?}");
    assert_eq!(
        gaps[0],
        "Mandate against organized crime and terrorism — Missing"
    );
    let rulebook = default_rulebook();
    let all = body
        .iter()
        .map(|(_, t)| t.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(all.contains("36.1 / 100"), "the score");
    assert!(
        all.contains("S/RES/2100 (2013), dated 25 April 2013"),
        "the draft's identity"
    );
    for rule in &rulebook.rules {
        assert!(all.contains(&rule.title), "{} is in the memo", rule.title);
    }
    // The gaps' suggested language, each in its own style and placed in the draft.
    let suggested = styled("SuggestedLanguage");
    assert_eq!(suggested.len(), 7);
    let quotes = styled("SourceQuote");
    for rule in rulebook.rules.iter().filter(|r| {
        gaps.iter()
            .any(|g| g.starts_with(&format!("{} — ", r.title)))
    }) {
        assert!(suggested.contains(&rule.suggested.trim()), "{}", rule.id);
        assert!(
            quotes.contains(&format!("“{}”", rule.quote.trim()).as_str()),
            "{}",
            rule.id
        );
    }
    // Where `policycheck suggest` would put it: here, after the mandate paragraph.
    assert!(styled("SuggestedLabel").iter().any(|l| l.contains(
        "after OP2 (the paragraph “Decides that MINUSMA shall have the following mandate:”)"
    )));
    // Analysts read words, not the rulebook's ids or the description's keys.
    assert!(!all.contains("crime-terror-mandate") && !all.contains("fact:police"));
    assert!(all.contains("Stated: police arrest — no"));
}

#[test]
fn the_word_memo_is_the_same_bytes_every_run() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    assert_eq!(docx_of(MINUSMA, a.path()), docx_of(MINUSMA, b.path()));
}

#[test]
fn the_configurations_memo_metadata_is_in_the_header() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("policycheck.yaml"),
        "memo:\n  author: Policy Planning Unit\n  organisation: Mission of X & Y\n  \
         classification: RESTRICTED\n",
    )
    .unwrap();
    let draft = common::crate_path(MINUSMA);
    policycheck_in(dir.path())
        .args(["report"])
        .arg(&draft)
        .args(["--output", "memo.docx"])
        .assert()
        .success();
    let parts = parts(&std::fs::read(dir.path().join("memo.docx")).unwrap());
    let header = paragraphs(part(&parts, "word/header1.xml"));
    assert_eq!(
        header[0].1,
        "RESTRICTED · Mission of X & Y · Policy Planning Unit"
    );
    assert!(part(&parts, "docProps/core.xml").contains("Policy Planning Unit"));
    // The Markdown memo of `check` carries them in its head.
    let run = policycheck_in(dir.path())
        .args(["check", "--format", "markdown"])
        .arg(&draft)
        .assert()
        .success();
    let memo = common::stdout_of(&run);
    assert!(memo.contains("**RESTRICTED**\n"), "{memo}");
    assert!(
        memo.contains("- **From:** Policy Planning Unit, Mission of X & Y\n"),
        "{memo}"
    );
}

#[test]
fn a_word_memo_goes_to_a_file_and_a_docx_file_gets_a_word_memo() {
    let dir = tempfile::tempdir().unwrap();
    let run = policycheck_no_config()
        .args(["check", MINUSMA, "--format", "docx"])
        .assert()
        .code(2);
    let err = common::stderr_of(&run);
    assert!(err.contains("add `--output memo.docx`"), "{err}");
    assert!(common::stdout_of(&run).is_empty());

    let out = dir.path().join("m.docx");
    let run = policycheck_no_config()
        .args(["check", MINUSMA, "--format", "markdown", "--output"])
        .arg(&out)
        .assert()
        .code(2);
    assert!(common::stderr_of(&run).contains("use `--format docx`"));
    assert!(!out.exists(), "nothing half-written");

    // A lone --output m.docx writes the Word memo, for check and for report.
    policycheck_no_config()
        .args(["check", MINUSMA, "--output"])
        .arg(&out)
        .assert()
        .success();
    assert!(std::fs::read(&out).unwrap().starts_with(b"PK\x03\x04"));
    let out2 = dir.path().join("r.docx");
    policycheck_no_config()
        .args(["report", MINUSMA, "--output"])
        .arg(&out2)
        .assert()
        .success();
    assert!(std::fs::read(&out2).unwrap().starts_with(b"PK\x03\x04"));
}

#[test]
fn libreoffice_converts_the_word_memo_with_every_recommendation_in_six_pages() {
    let Some(soffice) = common::soffice() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    docx_of(MINUSMA, dir.path());
    // A profile of its own, so that a running LibreOffice or a parallel test does not block.
    let profile = dir.path().join("profile");
    let run = std::process::Command::new(&soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(dir.path().join("memo.docx"))
        .output()
        .unwrap();
    let pdf = dir.path().join("memo.pdf");
    assert!(
        pdf.is_file(),
        "soffice did not convert the memo: {}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    let extracted =
        policycheck::mandate::pdf::pdf_text("memo.pdf", &std::fs::read(&pdf).unwrap()).unwrap();
    let pages = extracted.pages.iter().max().copied().unwrap_or(0);
    assert!((1..=6).contains(&pages), "{pages} pages");
    let text = squeeze(&extracted.text());
    assert!(text.contains("36.1 / 100"), "the score in\n{text}");
    let rulebook = default_rulebook();
    for rule in &rulebook.rules {
        assert!(
            text.contains(&squeeze(&rule.title)),
            "{} in\n{text}",
            rule.title
        );
    }
    for id in [
        "crime-terror-mandate",
        "expert-group",
        "police-operational-powers",
    ] {
        let quote = squeeze(&rulebook.rule(id).unwrap().quote);
        assert!(
            text.contains(&quote),
            "the source's words for {id} in\n{text}"
        );
    }
}

#[test]
fn a_memo_is_dated_by_the_draft_else_by_source_date_epoch() {
    // The 2015 draft states no date: the memo takes the run's, here from SOURCE_DATE_EPOCH.
    let run = policycheck_no_config()
        .args([
            "check",
            "examples/draft-renewal-2015.md",
            "--format",
            "markdown",
        ])
        .env("SOURCE_DATE_EPOCH", "1765108800")
        .assert()
        .success();
    let memo = common::stdout_of(&run);
    assert!(memo.contains("- **Date:** 7 December 2025\n"), "{memo}");
    // The 2013 description states its adoption date: the memo takes it.
    let run = policycheck_no_config()
        .args(["check", MINUSMA, "--format", "markdown"])
        .env("SOURCE_DATE_EPOCH", "1765108800")
        .assert()
        .success();
    let memo = common::stdout_of(&run);
    assert!(memo.contains("- **Date:** 25 April 2013\n"), "{memo}");
    assert!(memo.contains("- **Draft:** S/RES/2100 (2013), dated 25 April 2013"));
    let bad = policycheck_no_config()
        .args(["check", MINUSMA])
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .assert()
        .code(2);
    assert!(common::stderr_of(&bad).contains("SOURCE_DATE_EPOCH is `yesterday`"));
}
