//! The trend of a mandate over three versions — the 2013 mandate (examples/minusma-2013.yaml),
//! a 2014 renewal written for this test (tests/fixtures/trend/minusma-2014.md) and the 2015
//! draft (examples/draft-renewal-2015.md) — as a Markdown table and as an HTML page with its
//! line chart, snapshotted; and the ordering by date.

use policycheck::evaluate::Assessment;
use policycheck::report::{render_trend, sort_by_date, trend_view, Format, TrendView};
use policycheck::{default_rulebook, evaluate, read_mandate};
use std::path::Path;

const VERSIONS: [(&str, &str); 3] = [
    ("examples/minusma-2013.yaml", "2013-04-25"),
    ("tests/fixtures/trend/minusma-2014.md", "2014-06-25"),
    ("examples/draft-renewal-2015.md", "2015-06-29"),
];

fn series(order: &[usize]) -> Vec<(String, Option<String>, Assessment)> {
    let rulebook = default_rulebook();
    order
        .iter()
        .map(|&i| {
            let (path, date) = VERSIONS[i];
            let mandate = read_mandate(Path::new(path)).unwrap_or_else(|e| panic!("{e}"));
            (
                path.to_string(),
                Some(date.to_string()),
                evaluate(&rulebook, &mandate),
            )
        })
        .collect()
}

fn trend() -> TrendView {
    trend_view(&default_rulebook(), &series(&[0, 1, 2]))
}

#[test]
fn trend_table_of_three_versions() {
    insta::assert_snapshot!(render_trend(Format::Markdown, &trend()).unwrap());
}

#[test]
fn trend_page_with_its_chart() {
    insta::assert_snapshot!(render_trend(Format::Html, &trend()).unwrap());
}

#[test]
fn the_view_follows_the_versions() {
    let t = trend();
    let scores: Vec<&str> = t.columns.iter().map(|c| c.score_text.as_str()).collect();
    assert_eq!(scores, ["36.1", "36.1", "94.4"]);
    assert_eq!(t.columns[2].change.as_deref(), Some("+58.3"));
    assert_eq!(t.rows.len(), 9);
    assert!(t.rows.iter().all(|r| r.cells.len() == 3));
    let mandate = t
        .rows
        .iter()
        .find(|r| r.id == "crime-terror-mandate")
        .unwrap();
    let marks: Vec<&str> = mandate.cells.iter().map(|c| c.symbol.as_str()).collect();
    assert_eq!(marks, ["✗", "~", "✓"]);
    assert!(mandate.cells[1].changed && mandate.cells[2].changed);
    // Higher scores stand higher on the chart; equal scores at the same height.
    let ys: Vec<f64> = t
        .chart
        .points
        .iter()
        .map(|p| p.y.parse().unwrap())
        .collect();
    assert!(ys[0] == ys[1] && ys[1] > ys[2], "{ys:?}");
    assert_eq!(
        t.summary,
        "The score went from 36.1 to 94.4 over 3 versions (lowest 36.1, highest 94.4)."
    );
}

#[test]
fn versions_given_out_of_order_are_sorted_by_their_dates() {
    let mut shuffled = series(&[2, 0, 1]);
    assert!(sort_by_date(&mut shuffled));
    let paths: Vec<&str> = shuffled.iter().map(|(p, _, _)| p.as_str()).collect();
    assert_eq!(paths, VERSIONS.map(|(p, _)| p));
    assert_eq!(trend_view(&default_rulebook(), &shuffled), trend());
}

#[test]
fn the_page_escapes_the_labels_and_keeps_its_chart_accessible() {
    let mut s = series(&[0, 1]);
    s[0].0 = "<script>alert(1)</script>".to_string();
    let page = render_trend(Format::Html, &trend_view(&default_rulebook(), &s)).unwrap();
    assert!(!page.contains("<script"), "{page}");
    assert!(page.contains("&lt;script&gt;"));
    assert!(page.contains("role=\"img\"") && page.contains("<desc id=\"trend-desc\">"));
    assert!(page.contains("<caption>") && page.contains("scope=\"row\""));
}
