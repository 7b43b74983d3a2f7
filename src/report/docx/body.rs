//! The body of the Word memo (`word/document.xml`): for each document its title, date and
//! identity, score and bottom line, the table of recommendations largest gap first, each gap
//! with its rationale, the source's words and the suggested language (in a style of its
//! own, with where it would go), then the paragraphs cited as an appendix. The same words as
//! the Markdown and HTML memos ([`crate::report::memo`]).

use super::xml::{bold, italic, plain, Run, Xml, R_NS, W_NS};
use crate::report::memo::{appendix, by_gap, cited, draft_view, found, memo_date, placement};
use crate::report::view::{DocumentView, ReportView};

/// A4 in twentieths of a point, and the margins.
const PAGE_W: u32 = 11906;
const PAGE_H: u32 = 16838;
const MARGIN: u32 = 1021;
/// The text width the table's columns share.
const TEXT_W: u32 = PAGE_W - 2 * MARGIN;

/// `word/document.xml` for `view`.
pub fn document(view: &ReportView) -> Vec<u8> {
    let mut x = Xml::new();
    x.open("w:document", &[("xmlns:w", W_NS), ("xmlns:r", R_NS)]);
    x.open("w:body", &[]);
    for (i, doc) in view.documents.iter().enumerate() {
        if i > 0 {
            x.page_break();
        }
        document_memo(&mut x, view, doc);
    }
    if !view.errors.is_empty() {
        x.para("Heading1", &[plain("Documents that could not be checked")]);
        for e in &view.errors {
            x.para("Normal", &[bold(&e.path), plain(": "), plain(&e.error)]);
        }
    }
    let rb = &view.rulebook;
    let mut note = format!(
        "Rulebook {}: {}. Recommendations and quotations from {}",
        rb.id, rb.title, rb.citation
    );
    if let Some(url) = &rb.url {
        note.push_str(&format!(", {url}"));
    }
    if let Some(licence) = &rb.licence {
        note.push_str(&format!(
            ", licensed under {licence}: quotations are reproduced verbatim"
        ));
    }
    note.push_str(&format!(
        ". Rationales, criteria and suggested language are the rulebook's own. Verdicts by {} \
         {}: they point to the paragraphs to read and do not replace reading them.",
        view.tool.name, view.tool.version
    ));
    x.para("Note", &[italic(&note)]);
    section_properties(&mut x);
    x.close("w:body");
    x.close("w:document");
    x.finish()
}

fn document_memo(x: &mut Xml, view: &ReportView, doc: &DocumentView) {
    x.para(
        "Title",
        &[plain(&format!("Briefing memo: {}", doc.heading))],
    );
    if let Some(date) = memo_date(view, doc) {
        x.para("Meta", &[bold("Date: "), plain(&date)]);
    }
    let draft = draft_view(doc);
    let mut identity = String::new();
    if let Some(s) = &draft.symbol {
        identity.push_str(&format!("{s}, "));
    }
    if let Some(d) = &draft.date {
        identity.push_str(&format!("dated {d}, "));
    }
    identity.push_str(&format!("file {}", draft.file));
    x.para("Meta", &[bold("Draft: "), plain(&identity)]);
    x.para(
        "Meta",
        &[bold("Checked against: "), plain(&view.rulebook.title)],
    );
    let c = doc.counts;
    let score = format!(
        "{} / 100 — {} met, {} partly met, {} missing (of {})",
        doc.score_text, c.met, c.partial, c.missing, c.total
    );
    x.para("Meta", &[bold("Score: "), plain(&score)]);
    if let Some(passed) = doc.passed {
        let bar = doc
            .bar_text
            .clone()
            .or_else(|| view.bar_text.clone())
            .unwrap_or_default();
        let outcome = if passed { "reached" } else { "not reached" };
        x.para(
            "Meta",
            &[bold("Bar: "), plain(&format!("{bar} — {outcome}"))],
        );
        for f in &doc.failures {
            x.para("Meta", &[plain(&format!("– {f}"))]);
        }
    }

    x.para("Heading1", &[plain("Bottom line")]);
    x.para("BottomLine", &[plain(&doc.bottom_line)]);

    x.para("Heading1", &[plain("Recommendations, largest gap first")]);
    let rules = by_gap(doc);
    let verdicts: Vec<String> = rules
        .iter()
        .map(|r| {
            let mut v = format!("{} {}", r.symbol, r.verdict_label);
            if r.waived.is_some() {
                v.push_str(" (waived)");
            }
            v
        })
        .collect();
    let cites: Vec<String> = rules.iter().map(|r| cited(r)).collect();
    let rows: Vec<Vec<Run<'_>>> = rules
        .iter()
        .zip(&verdicts)
        .zip(&cites)
        .map(|((r, v), c)| {
            let verdict = if r.gap { bold(v) } else { plain(v) };
            vec![plain(&r.title), plain(&r.weight_text), verdict, plain(c)]
        })
        .collect();
    let widths = [TEXT_W * 46 / 100, TEXT_W * 8 / 100, TEXT_W * 16 / 100];
    let last = TEXT_W - widths.iter().sum::<u32>();
    x.table(
        &[widths[0], widths[1], widths[2], last],
        &["Recommendation", "Weight", "Verdict", "Paragraphs cited"],
        &rows,
    );

    x.para("Heading1", &[plain("Gaps and how to close them")]);
    if doc.gaps.is_empty() {
        x.para(
            "Normal",
            &[plain(
                "The document takes up every recommendation of the rulebook.",
            )],
        );
    }
    for r in rules.iter().filter(|r| r.gap) {
        x.para(
            "Heading2",
            &[plain(&format!("{} — {}", r.title, r.verdict_label))],
        );
        if let Some(w) = &r.waived {
            let text = format!(" until {} by {}: {}", w.expires, w.owner, w.justification);
            x.para("Normal", &[bold("Waived"), plain(&text)]);
        }
        if let Some(w) = &r.waiver_expired {
            let text = format!(" on {} ({}): the gap counts again.", w.expires, w.owner);
            x.para("Normal", &[bold("Waiver expired"), plain(&text)]);
        }
        x.para(
            "Normal",
            &[
                bold("Recommendation. "),
                plain(&r.recommendation),
                bold(" Why it matters. "),
                plain(&r.rationale),
            ],
        );
        x.para("SourceQuote", &[plain(&format!("“{}”", r.quote.trim()))]);
        x.para(
            "Attribution",
            &[plain(&format!("— {}", view.rulebook.citation))],
        );
        let has = found(r);
        let mut draft_has = if has.is_empty() {
            "nothing that meets it".to_string()
        } else {
            has
        };
        let c = cited(r);
        if c != "—" {
            draft_has.push_str(&format!(" ({c})"));
        }
        draft_has.push('.');
        x.para("Normal", &[bold("In the draft: "), plain(&draft_has)]);
        x.para(
            "SuggestedLabel",
            &[
                bold("Suggested language"),
                plain(&format!(", {}:", placement(r, doc))),
            ],
        );
        x.para("SuggestedLanguage", &[plain(r.suggested.trim())]);
    }

    x.para("Heading1", &[plain("Appendix: the paragraphs cited")]);
    let entries = appendix(doc);
    if entries.is_empty() {
        x.para(
            "Normal",
            &[plain(
                "No paragraph of the document bears on any recommendation.",
            )],
        );
    }
    for e in &entries {
        let mut place = String::new();
        if let Some(p) = e.page {
            place.push_str(&format!(", p. {p}"));
        }
        place.push_str(&format!(", line {}", e.line));
        if e.against {
            place.push_str(" — evidence of a gap");
        }
        place.push_str(" — ");
        let recs = e.recommendations.join("; ");
        x.para(
            "EvidenceHead",
            &[bold(&e.label), plain(&place), italic(&recs)],
        );
        x.para("Evidence", &[plain(&format!("“{}”", e.excerpt))]);
    }
}

/// A4, the margins, and the header and footer parts.
fn section_properties(x: &mut Xml) {
    x.open("w:sectPr", &[]);
    x.empty(
        "w:headerReference",
        &[("w:type", "default"), ("r:id", "rIdHeader")],
    );
    x.empty(
        "w:footerReference",
        &[("w:type", "default"), ("r:id", "rIdFooter")],
    );
    x.empty(
        "w:pgSz",
        &[("w:w", &PAGE_W.to_string()), ("w:h", &PAGE_H.to_string())],
    );
    let m = MARGIN.to_string();
    x.empty(
        "w:pgMar",
        &[
            ("w:top", &m),
            ("w:right", &m),
            ("w:bottom", &m),
            ("w:left", &m),
            ("w:header", "567"),
            ("w:footer", "567"),
            ("w:gutter", "0"),
        ],
    );
    x.close("w:sectPr");
}
