//! PDF drafts and published resolutions (issue 13): twenty corpus resolutions printed to PDF by
//! headless Chromium, with its default headers and footers (print date and title at the top,
//! file URL and "1/2" at the bottom), are read into the same provisions and get the same
//! verdicts and score as their text files; page furniture never reaches the text; evidence names
//! the page. Refusals of scans, encrypted and damaged PDFs and PDF bombs are in
//! tests/hostile/pdf.rs.

mod common;

use common::{crate_path, policycheck_no_config, stdout_of};
use policycheck::mandate::pdf::pdf_text;
use policycheck::{default_rulebook, evaluate, read_mandate, Mandate};
use serde_json::Value;
use std::path::PathBuf;

/// The printed resolutions and the text file each was printed from.
fn pairs() -> Vec<(PathBuf, PathBuf)> {
    let dir = crate_path("tests/fixtures/pdf");
    let mut out: Vec<(PathBuf, PathBuf)> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/pdf")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("S_RES_") && n.ends_with(".pdf"))
        })
        .map(|pdf| {
            let stem = pdf.file_stem().and_then(|s| s.to_str()).expect("name");
            let txt = crate_path("tests/fixtures/unsc").join(format!("{stem}_EN_GOLD.txt"));
            (pdf, txt)
        })
        .collect();
    out.sort();
    out
}

fn ids(m: &Mandate) -> Vec<&str> {
    m.provisions.iter().map(|p| p.id.as_str()).collect()
}

#[test]
fn twenty_printed_resolutions_read_as_their_text_files() {
    let rulebook = default_rulebook();
    let pairs = pairs();
    assert_eq!(pairs.len(), 20, "twenty printed resolutions");
    let mut same = 0;
    let mut differences = Vec::new();
    for (pdf, txt) in &pairs {
        let from_pdf = read_mandate(pdf).unwrap_or_else(|e| panic!("{}: {e}", pdf.display()));
        let from_txt = read_mandate(txt).unwrap_or_else(|e| panic!("{}: {e}", txt.display()));
        assert!(!from_txt.provisions.is_empty(), "{}", txt.display());
        let a = evaluate(&rulebook, &from_pdf);
        let b = evaluate(&rulebook, &from_txt);
        let verdicts = |x: &policycheck::Assessment| {
            x.rules
                .iter()
                .map(|r| (r.id.clone(), r.verdict))
                .collect::<Vec<_>>()
        };
        if ids(&from_pdf) == ids(&from_txt)
            && verdicts(&a) == verdicts(&b)
            && a.score.to_bits() == b.score.to_bits()
        {
            same += 1;
        } else {
            differences.push(format!(
                "{}: ids {:?} vs {:?}; verdicts {:?} vs {:?}; score {} vs {}",
                pdf.display(),
                ids(&from_pdf),
                ids(&from_txt),
                verdicts(&a),
                verdicts(&b),
                a.score,
                b.score
            ));
        }
    }
    assert_eq!(same, 20, "{}", differences.join("\n"));
}

#[test]
fn the_paragraph_text_is_the_text_files() {
    // Not only the ids: each provision's words are the text file's, with no header, footer or
    // page number inside a paragraph that runs over a page break. Compared without spaces and
    // hyphens, since printing moved them: the justified prints reflow the source's lines (a
    // hyphen that ended a source line stands mid-line, "pur- pose", and the chapeau "The
    // Security Council," runs into the first paragraph), and Chromium prints the form feed in
    // S/RES/593's source as nothing ("is<FF>necessary").
    let squeeze = |s: &str| {
        s.chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect::<String>()
    };
    let mut compared = 0;
    let mut differing = Vec::new();
    for (pdf, txt) in pairs() {
        let a = read_mandate(&pdf).expect("pdf");
        let b = read_mandate(&txt).expect("txt");
        for (p, q) in a.provisions.iter().zip(&b.provisions) {
            if matches!(p.id.as_str(), "HEADER" | "FOOTER") {
                continue;
            }
            compared += 1;
            let (x, y) = (squeeze(&p.text), squeeze(&q.text));
            if x != y && x.strip_prefix("TheSecurityCouncil,") != Some(y.as_str()) {
                differing.push(format!(
                    "{} {}: {:?} vs {:?}",
                    pdf.display(),
                    p.id,
                    p.text,
                    q.text
                ));
            }
        }
    }
    assert!(compared > 200, "{compared} provisions compared");
    assert!(differing.is_empty(), "{}", differing.join("\n"));
}

#[test]
fn page_furniture_is_removed_and_pages_are_kept() {
    let path = crate_path("tests/fixtures/pdf/S_RES_0856_1993.pdf");
    let bytes = std::fs::read(&path).expect("fixture");
    let text = pdf_text("S_RES_0856_1993.pdf", &bytes).expect("text layer");
    for line in &text.lines {
        assert!(!line.contains("file://"), "file URL kept: {line}");
        assert!(!line.contains("S_RES_0856"), "print title kept: {line}");
        assert!(
            !matches!(line.trim(), "1/2" | "2/2"),
            "page number kept: {line}"
        );
        assert!(!line.contains(" AM ") && !line.contains(" PM "), "{line}");
    }
    assert_eq!(text.pages.len(), text.lines.len());
    assert_eq!(text.pages.last(), Some(&2));
    let m = read_mandate(&path).expect("read");
    let op7 = m.provisions.iter().find(|p| p.id == "OP7").expect("OP7");
    assert_eq!(m.page_of(op7.first_line), Some(2));
    let op1 = m.provisions.iter().find(|p| p.id == "OP1").expect("OP1");
    assert_eq!(m.page_of(op1.first_line), Some(1));
}

#[test]
fn evidence_from_a_pdf_names_page_and_line() {
    let run = policycheck_no_config()
        .args([
            "check",
            "tests/fixtures/pdf/S_RES_0856_1993.pdf",
            "--format",
        ])
        .arg("json")
        .current_dir(crate_path(""))
        .output()
        .expect("runs");
    let json: Value = serde_json::from_str(&stdout_of(&run)).expect("JSON report");
    let doc = &json["documents"][0];
    let evidence: Vec<&Value> = doc["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .flat_map(|r| r["evidence"].as_array().into_iter().flatten())
        .collect();
    assert!(!evidence.is_empty());
    for e in &evidence {
        let page = e["page"]
            .as_u64()
            .expect("every piece of evidence has a page");
        let expected = if e["provision"] == "OP7" || e["provision"] == "OP8" {
            2
        } else {
            1
        };
        assert_eq!(page, expected, "{e}");
    }
    let memo = policycheck_no_config()
        .args([
            "check",
            "tests/fixtures/pdf/S_RES_0856_1993.pdf",
            "--format",
        ])
        .arg("markdown")
        .current_dir(crate_path(""))
        .output()
        .expect("runs");
    let memo = stdout_of(&memo);
    assert!(memo.contains("**OP7**, p. 2, line 50"), "{memo}");
    // A text draft's evidence has no page.
    let text = policycheck_no_config()
        .args(["check", "tests/fixtures/unsc/S_RES_0856_1993_EN_GOLD.txt"])
        .args(["--format", "json"])
        .current_dir(crate_path(""))
        .output()
        .expect("runs");
    assert!(!stdout_of(&text).contains("\"page\""));
}

#[test]
fn a_folder_of_pdfs_is_checked() {
    let dir = tempfile::tempdir().expect("tmp");
    for name in ["S_RES_0856_1993.pdf", "S_RES_0875_1993.pdf"] {
        std::fs::copy(
            crate_path("tests/fixtures/pdf").join(name),
            dir.path().join(name),
        )
        .expect("copy");
    }
    let run = policycheck_no_config()
        .args(["check", ".", "--format", "json"])
        .current_dir(dir.path())
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(0), "{}", common::stderr_of(&run));
    let json: Value = serde_json::from_str(&stdout_of(&run)).expect("JSON");
    let paths: Vec<&str> = json["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .filter_map(|d| d["path"].as_str())
        .collect();
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert!(paths.iter().all(|p| p.ends_with(".pdf")), "{paths:?}");
}

#[test]
fn a_pdf_from_standard_input_reads_as_the_file() {
    let pdf = crate_path("tests/fixtures/pdf/S_RES_0875_1993.pdf");
    let from_file = policycheck_no_config()
        .args(["check"])
        .arg(&pdf)
        .args(["--format", "json"])
        .output()
        .expect("runs");
    let from_stdin = policycheck_no_config()
        .args(["check", "-", "--stdin-name", "S_RES_0875_1993.pdf"])
        .args(["--format", "json"])
        .write_stdin(std::fs::read(&pdf).expect("fixture"))
        .output()
        .expect("runs");
    let rules = |out: &std::process::Output| {
        let v: Value = serde_json::from_str(&stdout_of(out)).expect("JSON");
        v["documents"][0]["rules"].clone()
    };
    assert_eq!(rules(&from_file), rules(&from_stdin));
}
