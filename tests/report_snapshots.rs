//! Snapshots (insta) of the briefing memo and the JSON report for the two examples and two
//! real resolutions, all checked against the default rulebook. Paths are relative to the
//! crate root, so the snapshots are the same on every machine. When the rulebook is tuned the
//! snapshots change: read the new memo as an analyst would before accepting it.

use policycheck::report::{render, Format, ReportView, ViewOptions};
use policycheck::{default_rulebook, evaluate, read_mandate};
use std::path::Path;

/// The view as a run builds it: the draft's identity (date, symbol, paragraphs) read from
/// the draft, and a fixed report date for drafts that state none (never the clock).
fn view(path: &str) -> ReportView {
    let rulebook = default_rulebook();
    let mandate = read_mandate(Path::new(path)).unwrap_or_else(|e| panic!("{e}"));
    let assessment = evaluate(&rulebook, &mandate);
    let mut view = ReportView::build(&rulebook, &[assessment], &ViewOptions::default());
    view.date = Some("7 December 2026".into());
    view.documents[0].draft = policycheck::mandate::identity(&mandate);
    view
}

fn memo(path: &str) -> String {
    render(Format::Markdown, &view(path)).unwrap()
}

fn json(path: &str) -> String {
    render(Format::Json, &view(path)).unwrap()
}

const MINUSMA: &str = "examples/minusma-2013.yaml";
const RENEWAL: &str = "examples/draft-renewal-2015.md";
/// UNOMIL, Liberia: cooperation with ECOWAS/ECOMOG, a regional dimension.
const LIBERIA: &str = "tests/fixtures/unsc/S_RES_0866_1993_EN_GOLD.txt";
/// Iraq/Kuwait sanctions: an embargo on States and a sanctions committee.
const IRAQ: &str = "tests/fixtures/unsc/S_RES_0661_1990_EN_GOLD.txt";

#[test]
fn memo_minusma_2013() {
    insta::assert_snapshot!(memo(MINUSMA));
}

#[test]
fn json_minusma_2013() {
    insta::assert_snapshot!(json(MINUSMA));
}

#[test]
fn memo_draft_renewal_2015() {
    insta::assert_snapshot!(memo(RENEWAL));
}

#[test]
fn json_draft_renewal_2015() {
    insta::assert_snapshot!(json(RENEWAL));
}

#[test]
fn memo_res_866_liberia() {
    insta::assert_snapshot!(memo(LIBERIA));
}

#[test]
fn json_res_866_liberia() {
    insta::assert_snapshot!(json(LIBERIA));
}

#[test]
fn memo_res_661_iraq() {
    insta::assert_snapshot!(memo(IRAQ));
}

#[test]
fn json_res_661_iraq() {
    insta::assert_snapshot!(json(IRAQ));
}

#[test]
fn summary_of_both_examples() {
    let rulebook = default_rulebook();
    let assessments: Vec<_> = [MINUSMA, RENEWAL]
        .iter()
        .map(|p| evaluate(&rulebook, &read_mandate(Path::new(p)).unwrap()))
        .collect();
    let view = ReportView::build(&rulebook, &assessments, &ViewOptions { bar: Some(60.0) });
    insta::assert_snapshot!(render(Format::Text, &view).unwrap());
}

/// A user's memo template written before the memo's own fields existed (the embedded memo of
/// that time, kept as a fixture) still renders: no field it reads was renamed or removed.
#[test]
fn a_template_written_for_the_earlier_view_still_renders() {
    let mut renderer = policycheck::report::Renderer::embedded();
    let name = renderer
        .add_file(Path::new(
            "tests/fixtures/templates/memo-before-issue-14.md.hbs",
        ))
        .unwrap();
    let memo = renderer.render(&name, &view(MINUSMA)).unwrap();
    assert!(memo.contains("## Evidence by recommendation"), "{memo}");
    assert!(
        memo.contains("| Mandate against organized crime and terrorism (`crime-terror-mandate`) | 3 | **Missing** | — |"),
        "{memo}"
    );
}
