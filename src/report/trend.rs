//! The trend of a mandate across its versions (yearly renewals, successive drafts): the view
//! model that the `trend` templates lay out — per version its score, per recommendation its
//! verdict in each version — and the geometry of the score's line chart, computed here so
//! that the HTML template only places the points. Like every report it reads assessments and
//! decides nothing.

use crate::error::Error;
use crate::evaluate::{Assessment, Verdict};
use crate::report::render::{svg_number, Renderer};
use crate::report::view::{Counts, ReportView, RulebookView, ToolView, ViewOptions};
use crate::report::Format;
use crate::rulebook::Rulebook;
use crate::vocab::signed;
use serde::Serialize;

/// The score and each recommendation's verdict across a series of versions of a mandate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendView {
    /// The tool that wrote the trend.
    pub tool: ToolView,
    /// The rulebook every version was checked against.
    pub rulebook: RulebookView,
    /// One column per version, in the order of the series.
    pub columns: Vec<TrendColumn>,
    /// One row per recommendation, in rulebook order.
    pub rows: Vec<TrendRow>,
    /// The score over the versions in one sentence, e.g. `The score went from 41.7 to 91.7
    /// over 3 versions.`
    pub summary: String,
    /// The line chart of the score.
    pub chart: TrendChart,
}

/// One version of the mandate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendColumn {
    /// The label given with the version (often its path).
    pub label: String,
    /// The version's date (`2013-04-25`), when known.
    pub date: Option<String>,
    /// The document's title, when it has one.
    pub title: Option<String>,
    /// The label, with the date in brackets when there is one: what headers show.
    pub heading: String,
    /// Weighted score, 0–100.
    pub score: f64,
    /// The score with one decimal, e.g. `42.5`.
    pub score_text: String,
    /// The change from the previous version with its sign (`+8.3`, `-4.2`, `±0.0`); `None`
    /// for the first.
    pub change: Option<String>,
    /// Rules by verdict.
    pub counts: Counts,
}

/// One recommendation across the versions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendRow {
    /// The rule's stable id.
    pub id: String,
    /// The rule's title.
    pub title: String,
    /// The weight as people write it: `3`, `1.5`.
    pub weight_text: String,
    /// One cell per version, in column order.
    pub cells: Vec<TrendCell>,
}

/// One recommendation's verdict in one version.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendCell {
    /// met / partial / missing; `None` when the version's assessment lacks the rule.
    pub verdict: Option<Verdict>,
    /// `Met`, `Partly met`, `Missing`, or `—`.
    pub verdict_label: String,
    /// `✓`, `~`, `✗`, or `—`.
    pub symbol: String,
    /// True when the verdict differs from the previous version's.
    pub changed: bool,
}

/// The line chart of the score, in SVG user units (numbers written as SVG wants them).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendChart {
    /// The chart's width.
    pub width: String,
    /// The chart's height.
    pub height: String,
    /// The plot area's left edge (the y axis).
    pub left: String,
    /// The plot area's right edge.
    pub right: String,
    /// The plot area's top (score 100).
    pub top: String,
    /// The plot area's bottom (score 0, the x axis).
    pub bottom: String,
    /// Where the x axis title's baseline stands.
    pub x_title_y: String,
    /// Where the y-axis labels end (they are right-aligned to it).
    pub tick_label_x: String,
    /// The horizontal grid lines and y-axis labels: 0, 25, 50, 75, 100.
    pub ticks: Vec<TrendTick>,
    /// One point per version.
    pub points: Vec<TrendPoint>,
    /// The points as an SVG `points` list: `x,y x,y …`.
    pub polyline: String,
    /// The chart in words, for its `<desc>`: every version's score.
    pub description: String,
}

/// A horizontal grid line of the chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendTick {
    /// Its height.
    pub y: String,
    /// Where its label's baseline stands.
    pub label_y: String,
    /// The score it marks: `0` … `100`.
    pub label: String,
}

/// One version's point on the chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendPoint {
    /// Its x.
    pub x: String,
    /// Its y.
    pub y: String,
    /// Where the score's label above the point stands.
    pub score_y: String,
    /// The score with one decimal.
    pub score_text: String,
    /// The version's label, shortened for the x axis.
    pub label: String,
    /// Where the label's baseline stands, below the axis.
    pub label_y: String,
    /// The version's date, when known, on a line below the label.
    pub date: Option<String>,
    /// Where the date's baseline stands.
    pub date_y: String,
}

// The chart's frame, in SVG user units.
const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 320.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 696.0;
const TOP: f64 = 28.0;
const BOTTOM: f64 = 236.0;
// Space between the plot's sides and the first and last points.
const INSET: f64 = 80.0;
// The longest version label shown under the axis, in characters.
const LABEL_CHARS: usize = 22;

/// Builds the trend of `series` — (label or path, date if known, assessment), all made with
/// `rulebook` — in the order given. [`sort_by_date`] orders a series by its dates first.
pub fn trend_view(
    rulebook: &Rulebook,
    series: &[(String, Option<String>, Assessment)],
) -> TrendView {
    // Each version through the report's own view, so labels, symbols and counts are the
    // memo's words.
    let docs: Vec<ReportView> = series
        .iter()
        .map(|(_, _, a)| {
            ReportView::build(rulebook, std::slice::from_ref(a), &ViewOptions::default())
        })
        .collect();
    let base = ReportView::build(rulebook, &[], &ViewOptions::default());
    let mut columns: Vec<TrendColumn> = Vec::with_capacity(series.len());
    for ((label, date, assessment), view) in series.iter().zip(&docs) {
        let doc = &view.documents[0];
        let change = columns.last().map(|prev| signed(doc.score - prev.score));
        columns.push(TrendColumn {
            label: label.clone(),
            date: date.clone(),
            title: assessment.title.clone(),
            heading: match date {
                Some(d) => format!("{label} ({d})"),
                None => label.clone(),
            },
            score: doc.score,
            score_text: doc.score_text.clone(),
            change,
            counts: doc.counts,
        });
    }
    let rows = rulebook
        .rules
        .iter()
        .map(|rule| {
            let mut cells: Vec<TrendCell> = Vec::with_capacity(docs.len());
            for view in &docs {
                let found = view.documents[0].rules.iter().find(|r| r.id == rule.id);
                let verdict = found.map(|r| r.verdict);
                let changed = cells.last().is_some_and(|prev| prev.verdict != verdict);
                cells.push(TrendCell {
                    verdict,
                    verdict_label: found.map_or("—".into(), |r| r.verdict_label.clone()),
                    symbol: found.map_or("—".into(), |r| r.symbol.clone()),
                    changed,
                });
            }
            TrendRow {
                id: rule.id.clone(),
                title: rule.title.clone(),
                weight_text: docs
                    .first()
                    .and_then(|v| v.documents[0].rules.iter().find(|r| r.id == rule.id))
                    .map_or_else(|| svg_number(rule.weight), |r| r.weight_text.clone()),
                cells,
            }
        })
        .collect();
    TrendView {
        tool: base.tool,
        rulebook: base.rulebook,
        summary: summary(&columns),
        chart: chart(&columns),
        columns,
        rows,
    }
}

/// Orders `series` by date, oldest first, when every version has one (ISO dates, so text
/// order is time order; the sort is stable, so equal dates keep the order given), and says
/// whether it did; a series with an undated version is left as it is.
pub fn sort_by_date(series: &mut [(String, Option<String>, Assessment)]) -> bool {
    if series.iter().any(|(_, date, _)| date.is_none()) {
        return false;
    }
    series.sort_by(|a, b| a.1.cmp(&b.1));
    true
}

/// Renders `view` as a Markdown table (`Format::Markdown`) or an HTML page with the chart
/// (`Format::Html`) with the embedded templates; other formats are an error.
pub fn render_trend(format: Format, view: &TrendView) -> Result<String, Error> {
    render_trend_with(&Renderer::embedded(), format, view)
}

/// Renders `view` like [`render_trend`] with `renderer`'s templates (`trend`, `trend.html`),
/// a user's overrides included.
pub fn render_trend_with(
    renderer: &Renderer,
    format: Format,
    view: &TrendView,
) -> Result<String, Error> {
    let name = match format {
        Format::Markdown => "trend",
        Format::Html => "trend.html",
        other => {
            return Err(Error::Template {
                name: "trend".to_string(),
                message: format!("a trend renders as markdown or html, not {other}"),
            })
        }
    };
    renderer.render_data(name, view)
}

fn summary(columns: &[TrendColumn]) -> String {
    match columns {
        [] => "No version was given.".to_string(),
        [one] => format!("One version, scoring {}.", one.score_text),
        [first, .., last] => {
            let (lo, hi) = columns.iter().fold((f64::MAX, f64::MIN), |(lo, hi), c| {
                (lo.min(c.score), hi.max(c.score))
            });
            format!(
                "The score went from {} to {} over {} versions (lowest {lo:.1}, highest {hi:.1}).",
                first.score_text,
                last.score_text,
                columns.len()
            )
        }
    }
}

fn chart(columns: &[TrendColumn]) -> TrendChart {
    let y_of = |score: f64| BOTTOM - score.clamp(0.0, 100.0) / 100.0 * (BOTTOM - TOP);
    let n = columns.len();
    let x_of = |i: usize| {
        if n <= 1 {
            (LEFT + RIGHT) / 2.0
        } else {
            LEFT + INSET + i as f64 * (RIGHT - LEFT - 2.0 * INSET) / (n - 1) as f64
        }
    };
    let ticks = [0.0, 25.0, 50.0, 75.0, 100.0]
        .into_iter()
        .map(|s| TrendTick {
            y: svg_number(y_of(s)),
            label_y: svg_number(y_of(s) + 4.0),
            label: svg_number(s),
        })
        .collect();
    let points: Vec<TrendPoint> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| TrendPoint {
            x: svg_number(x_of(i)),
            y: svg_number(y_of(c.score)),
            score_y: svg_number(y_of(c.score) - 10.0),
            score_text: c.score_text.clone(),
            label: shorten(&c.label, LABEL_CHARS),
            label_y: svg_number(BOTTOM + 20.0),
            date: c.date.clone(),
            date_y: svg_number(BOTTOM + 38.0),
        })
        .collect();
    let polyline = points
        .iter()
        .map(|p| format!("{},{}", p.x, p.y))
        .collect::<Vec<_>>()
        .join(" ");
    let scores: Vec<String> = columns
        .iter()
        .map(|c| format!("{}: {}", c.heading, c.score_text))
        .collect();
    TrendChart {
        width: svg_number(WIDTH),
        height: svg_number(HEIGHT),
        left: svg_number(LEFT),
        right: svg_number(RIGHT),
        top: svg_number(TOP),
        bottom: svg_number(BOTTOM),
        x_title_y: svg_number(HEIGHT - 14.0),
        tick_label_x: svg_number(LEFT - 8.0),
        ticks,
        points,
        polyline,
        description: format!(
            "Line chart of the score out of 100 for each version, in order. {}.",
            if scores.is_empty() {
                "No version".to_string()
            } else {
                scores.join("; ")
            }
        ),
    }
}

/// `s` cut to `max` characters with an ellipsis, keeping the end of a path (its file name)
/// rather than its start.
fn shorten(s: &str, max: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() <= max {
        return s.to_string();
    }
    let keep = max.saturating_sub(1);
    let tail: String = chars[chars.len() - keep..].iter().collect();
    format!("…{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::view::tests::sample;

    fn series() -> (Rulebook, Vec<(String, Option<String>, Assessment)>) {
        let (rulebook, a) = sample();
        let mut b = a.clone();
        b.rules[1].verdict = Verdict::Partial;
        b.score = 83.3;
        (
            rulebook,
            vec![
                ("two.md".into(), Some("2014-06-25".into()), b),
                ("one.md".into(), Some("2013-04-25".into()), a),
            ],
        )
    }

    #[test]
    fn columns_follow_the_series_and_cells_mark_changes() {
        let (rulebook, s) = series();
        let t = trend_view(&rulebook, &s);
        assert_eq!(t.columns[0].heading, "two.md (2014-06-25)");
        assert_eq!(t.columns[0].change, None);
        assert_eq!(t.columns[1].change.as_deref(), Some("-16.6"));
        let row = &t.rows[1];
        assert_eq!(row.id, "expert-group");
        assert_eq!(row.cells[0].verdict_label, "Partly met");
        assert_eq!(row.cells[1].symbol, "✗");
        assert!(!row.cells[0].changed && row.cells[1].changed);
        assert!(!t.rows[0].cells[1].changed);
        assert_eq!(t.chart.points.len(), 2);
        assert_eq!(t.chart.polyline, "144,62.74 616,97.26");
    }

    #[test]
    fn sorting_by_date_needs_every_date() {
        let (_, mut s) = series();
        assert!(sort_by_date(&mut s));
        assert_eq!(s[0].0, "one.md");
        s[1].1 = None;
        assert!(!sort_by_date(&mut s));
        assert_eq!(s[0].0, "one.md");
    }

    #[test]
    fn words_for_the_numbers() {
        assert_eq!(signed(8.25), "+8.3");
        assert_eq!(signed(-0.01), "±0.0");
        assert_eq!(shorten("examples/minusma-2013.yaml", 12), "…a-2013.yaml");
        assert_eq!(shorten("short", 12), "short");
    }

    #[test]
    fn only_markdown_and_html() {
        let (rulebook, s) = series();
        let err = render_trend(Format::Json, &trend_view(&rulebook, &s)).unwrap_err();
        assert!(err.to_string().contains("markdown or html"), "{err}");
    }
}
