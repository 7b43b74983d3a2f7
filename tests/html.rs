//! The HTML briefing memo: snapshots for the two examples (read them as a reader would), the
//! proof that a draft's words never become markup, and the real browser check
//! (scripts/browser-check.sh), which needs Chromium and Node: required in CI, skipped with a
//! message elsewhere (`common::browser`, tests/README.md).

mod common;

use policycheck::report::{render, Format, ReportView, ViewOptions};
use policycheck::{default_rulebook, evaluate, read_mandate};
use std::path::Path;
use std::process::Command;

const MINUSMA: &str = "examples/minusma-2013.yaml";
const RENEWAL: &str = "examples/draft-renewal-2015.md";

fn view(paths: &[&str], bar: Option<f64>) -> ReportView {
    let rulebook = default_rulebook();
    let mandates: Vec<_> = paths
        .iter()
        .map(|p| read_mandate(Path::new(p)).unwrap_or_else(|e| panic!("{e}")))
        .collect();
    let assessments: Vec<_> = mandates.iter().map(|m| evaluate(&rulebook, m)).collect();
    let mut view = ReportView::build(&rulebook, &assessments, &ViewOptions { bar });
    // As a run builds it: each draft's identity, and a fixed date (never the clock).
    view.date = Some("7 December 2026".into());
    for (doc, m) in view.documents.iter_mut().zip(&mandates) {
        doc.draft = policycheck::mandate::identity(m);
    }
    view
}

fn html(paths: &[&str], bar: Option<f64>) -> String {
    render(Format::Html, &view(paths, bar)).unwrap()
}

#[test]
fn html_minusma_2013() {
    insta::assert_snapshot!(html(&[MINUSMA], None));
}

#[test]
fn html_draft_renewal_2015() {
    insta::assert_snapshot!(html(&[RENEWAL], None));
}

#[test]
fn the_memo_is_one_page_without_scripts_or_outside_resources() {
    let page = html(&[MINUSMA], Some(60.0));
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    for banned in [
        "<script", "<link", "<img", "<iframe", "src=", "@import", "url(",
    ] {
        assert!(!page.contains(banned), "{banned} in the memo");
    }
    // Every link is the source's web address.
    for (i, _) in page.match_indices("href=\"") {
        assert!(page[i + 6..].starts_with("http"), "{}", &page[i..i + 40]);
    }
    assert!(page.contains("✗ Bar 60 not reached"), "the bar result");
    assert_eq!(
        page.matches("<section").count(),
        page.matches("</section>").count()
    );
}

#[test]
fn several_documents_get_a_section_each() {
    let page = html(&[MINUSMA, RENEWAL], Some(60.0));
    assert_eq!(page.matches("<section class=\"document\"").count(), 2);
    assert_eq!(page.matches("<svg ").count(), 2);
    assert!(page.contains("id=\"chart-0-title\"") && page.contains("id=\"chart-1-title\""));
    assert!(page.contains("✓ Bar 60 reached"));
    assert!(page.contains("✗ Bar 60 not reached"));
    assert_eq!(page.matches("<h1>").count(), 1);
}

#[test]
fn a_drafts_markup_and_links_stay_text() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("hostile.md");
    // In code spans, so that the Markdown reader keeps the markup as the draft's text (it
    // drops bare HTML tags and link targets) and the memo has to escape it.
    std::fs::write(
        &draft,
        "# Draft `<script>alert(1)</script>` resolution\n\n\
         The Security Council,\n\n\
         Recognizing the links between armed groups, organized crime and terrorism \
         `<script>alert(1)</script> [x](javascript:alert(1))`,\n\n\
         1. Decides that MINUSMA shall combat transnational organized crime and counter \
         terrorism `<script>alert(1)</script> [x](javascript:alert(1))`;\n",
    )
    .unwrap();
    let rulebook = default_rulebook();
    let mandate = read_mandate(&draft).unwrap();
    let assessment = evaluate(&rulebook, &mandate);
    let page = render(
        Format::Html,
        &ReportView::build(&rulebook, &[assessment], &ViewOptions::default()),
    )
    .unwrap();
    let lower = page.to_lowercase();
    assert!(!lower.contains("<script"), "an executable script");
    assert!(!lower.contains("href=\"javascript"), "a javascript: link");
    // The words are still there, as text: in the title, the heading and the evidence.
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{page}"
    );
    assert!(
        page.matches("&lt;script&gt;").count() >= 3,
        "the title, the heading and the evidence carry the words"
    );
    assert!(
        page.contains("[x](javascript:alert(1))"),
        "the link is text"
    );
    // Only the source's address is a link.
    assert_eq!(page.matches("<a ").count(), 1);
}

#[test]
fn the_printed_memo_of_the_2013_example_is_at_most_six_pages() {
    let Some(browser) = common::browser() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("memo.html");
    common::policycheck_no_config()
        .args(["check", MINUSMA, "--format", "html", "--output"])
        .arg(&page)
        .assert()
        .success();
    let pdf = dir.path().join("memo.pdf");
    let run = Command::new(&browser.chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(&page)
        .output()
        .unwrap();
    assert!(
        pdf.is_file(),
        "Chromium printed nothing: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let text =
        policycheck::mandate::pdf::pdf_text("memo.pdf", &std::fs::read(&pdf).unwrap()).unwrap();
    let pages = text.pages.iter().max().copied().unwrap_or(0);
    assert!((1..=6).contains(&pages), "{pages} pages");
    assert!(text.text().contains("36.1"));
}

#[test]
fn the_memo_passes_the_browser_check() {
    let Some(browser) = common::browser() else {
        return;
    };
    let out = tempfile::tempdir().unwrap();
    let run = Command::new("bash")
        .arg("scripts/browser-check.sh")
        .arg(RENEWAL)
        .arg(out.path())
        .env("POLICYCHECK_BIN", env!("CARGO_BIN_EXE_policycheck"))
        .env("CHROMIUM", &browser.chromium)
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(run.status.success(), "{said}");
    assert!(said.contains("browser check passed"), "{said}");
    assert!(
        said.contains("9 recommendation(s) in chart and table"),
        "{said}"
    );
    let png = std::fs::read(out.path().join("screenshot.png")).unwrap();
    assert!(png.starts_with(b"\x89PNG"), "a PNG screenshot");
    let dom = std::fs::read_to_string(out.path().join("dom.html")).unwrap();
    assert!(dom.contains("role=\"img\""), "the chart in the DOM");
}

#[test]
fn the_browser_check_catches_a_broken_page() {
    let Some(browser) = common::browser() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("broken.html");
    std::fs::write(
        &page,
        "<!DOCTYPE html><html><head><title>t</title></head><body><h1>t</h1>\
         <script>console.error('boom'); nosuchfn();</script>\
         <img src=\"missing.png\" alt=\"\"></body></html>",
    )
    .unwrap();
    let run = Command::new("node")
        .arg("scripts/browser-check.mjs")
        .arg(&page)
        .arg(dir.path())
        .arg("expert-group")
        .env("CHROMIUM", &browser.chromium)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{said}");
    for problem in [
        "console error: boom",
        "uncaught: ReferenceError: nosuchfn is not defined",
        "not self-contained: the page requested file://",
        "the page has 1 script(s)",
        "no chart",
        "<html lang> is \"\"",
        "recommendation expert-group is not in the chart",
    ] {
        assert!(said.contains(problem), "{problem} not in {said}");
    }
}
