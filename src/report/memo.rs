//! The briefing memo's own words, shared by its three forms (Markdown, HTML, Word): the
//! draft's identity and the memo's date, the recommendations largest gap first, the places
//! cited in plain words (`OP2(d)`, "stated: police arrest — no" rather than
//! `fact:police.arrest`), where each suggested text would go in the draft, and the evidence
//! as an appendix, paragraph by paragraph. It only orders and words what the view holds.
//!
//! Templates see these as fields added to the JSON report's ([`template_data`]): the JSON
//! report itself is unchanged.

use crate::mandate::paragraph_of;
use crate::report::view::{DocumentView, EvidenceView, ReportView, RuleView};
use serde::Serialize;
use serde_json::Value;

/// The draft as the memo's head names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DraftView {
    /// The path as the user gave it.
    pub file: String,
    /// The draft's title, when it has one.
    pub title: Option<String>,
    /// The date the draft states, in words.
    pub date: Option<String>,
    /// The document symbol the draft states (`S/RES/2100 (2013)`).
    pub symbol: Option<String>,
}

/// One paragraph of the draft cited as evidence, with every recommendation it bears on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AppendixEntry {
    /// The paragraph in plain words: `OP2(d)`, or `Stated: police arrest — no`.
    pub label: String,
    /// Its page (PDF drafts).
    pub page: Option<u32>,
    /// The line of the words quoted.
    pub line: u32,
    /// The paragraph's words around what was matched.
    pub excerpt: String,
    /// Whether it says the task is not given (evidence of a gap).
    pub against: bool,
    /// The titles of the recommendations it bears on, in rulebook order.
    pub recommendations: Vec<String>,
}

/// The draft's identity of `doc`.
pub fn draft_view(doc: &DocumentView) -> DraftView {
    DraftView {
        file: doc.path.clone(),
        title: doc.title.clone(),
        date: doc.draft.date.clone(),
        symbol: doc.draft.symbol.clone(),
    }
}

/// The memo's date: the draft's own when it states one, else the report's.
pub fn memo_date(report: &ReportView, doc: &DocumentView) -> Option<String> {
    doc.draft.date.clone().or_else(|| report.date.clone())
}

/// The points a rule loses: its weight times what is not met.
pub fn points_lost(rule: &RuleView) -> f64 {
    rule.weight * (1.0 - rule.score)
}

/// The rules, largest loss first; rulebook order breaks ties.
pub fn by_gap(doc: &DocumentView) -> Vec<&RuleView> {
    let mut rules: Vec<&RuleView> = doc.rules.iter().collect();
    rules.sort_by(|a, b| points_lost(b).total_cmp(&points_lost(a)));
    rules
}

/// A fact's dotted path in words: `police.border_security` → `police border security`.
fn fact_words(path: &str) -> String {
    path.replace(['.', '_'], " ")
}

/// A piece of evidence in plain words: the paragraph (`OP7`), or the stated fact.
pub fn evidence_label(e: &EvidenceView) -> String {
    match e.provision.strip_prefix("fact:") {
        Some(path) => format!(
            "Stated: {} — {}",
            fact_words(path),
            if e.negated { "no" } else { "yes" }
        ),
        None => e.provision.clone(),
    }
}

/// The places a rule cites, in plain words: `OP1, OP4`; `OP7 (says it is not given)`;
/// `stated: police arrest, police border security — no`; `—` when there are none.
pub fn cited(rule: &RuleView) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut facts_no: Vec<String> = Vec::new();
    let mut facts_yes: Vec<String> = Vec::new();
    for e in &rule.evidence {
        match e.provision.strip_prefix("fact:") {
            Some(path) if e.negated => facts_no.push(fact_words(path)),
            Some(path) => facts_yes.push(fact_words(path)),
            None => {
                let p = if e.negated {
                    format!("{} (says it is not given)", e.provision)
                } else {
                    e.provision.clone()
                };
                if !paragraphs.contains(&p) {
                    paragraphs.push(p);
                }
            }
        }
    }
    if !facts_yes.is_empty() {
        paragraphs.push(format!("stated: {} — yes", facts_yes.join(", ")));
    }
    if !facts_no.is_empty() {
        paragraphs.push(format!("stated: {} — no", facts_no.join(", ")));
    }
    if paragraphs.is_empty() {
        "—".to_string()
    } else {
        paragraphs.join(", ")
    }
}

/// What the draft has of a rule: the criteria it satisfies, in words, joined by `; `; empty
/// when it has none.
pub fn found(rule: &RuleView) -> String {
    rule.criteria
        .iter()
        .filter(|c| c.satisfied)
        .map(|c| c.means.trim().to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Whether suggested language is preambular: it opens with a participle (`Expressing`,
/// `Recognizing`), as preambular paragraphs do.
fn is_preambular(text: &str) -> bool {
    text.split_whitespace()
        .next()
        .is_some_and(|w| w.len() > 4 && w.ends_with("ing") && w.starts_with(char::is_uppercase))
}

/// Where a rule's suggested language would go in the draft: after the operative paragraph
/// that already touches its subject, else before the closing paragraphs, else at the end of
/// the operative part.
pub fn placement(rule: &RuleView, doc: &DocumentView) -> String {
    let draft = &doc.draft;
    let words = |id: &str| {
        draft
            .paragraphs
            .iter()
            .find(|(p, _)| p == id)
            .map(|(_, w)| w.clone())
    };
    // Where `policycheck suggest` puts it, when the run read the draft: the memo says the same.
    if let Some(place) = &rule.place {
        let id = place.neighbour.as_str();
        return match (place.reason, words(id)) {
            ("preamble", _) => format!("at the end of the preamble, after {id}"),
            ("closing", Some(w)) => format!("before the closing paragraphs ({id}, “{w}”)"),
            ("closing", None) => format!("before the closing paragraphs ({id})"),
            ("end", _) if place.before => format!("before {id}"),
            ("end", _) => format!("after the last operative paragraph, {id}"),
            (_, Some(w)) => format!("after {id} (the paragraph “{w}”)"),
            (_, None) if place.before => format!("before {id}"),
            (_, None) => format!("after {id}, the paragraph on the same subject"),
        };
    }
    if is_preambular(&rule.suggested) {
        return match &draft.last_preamble {
            Some(id) => format!("at the end of the preamble, after {id}"),
            None => "at the end of the preamble".to_string(),
        };
    }
    let near = rule
        .evidence
        .iter()
        .find(|e| !e.negated && e.part == "operative" && !e.provision.starts_with("fact:"))
        .map(|e| paragraph_of(&e.provision).to_string());
    if let Some(id) = near {
        return match words(&id) {
            Some(w) => format!("after {id} (the paragraph “{w}”)"),
            None => format!("after {id}, the paragraph on the same subject"),
        };
    }
    if let Some(id) = &draft.closing {
        return match words(id) {
            Some(w) => format!("before the closing paragraphs ({id}, “{w}”)"),
            None => format!("before the closing paragraphs ({id})"),
        };
    }
    match draft.paragraphs.last() {
        Some((id, _)) => format!("after the last operative paragraph, {id}"),
        None => "at the end of the operative paragraphs, before the closing paragraphs".to_string(),
    }
}

/// The evidence of a document, paragraph by paragraph in the draft's order, each paragraph
/// once with every recommendation it bears on.
pub fn appendix(doc: &DocumentView) -> Vec<AppendixEntry> {
    let mut entries: Vec<(String, AppendixEntry)> = Vec::new();
    for rule in &doc.rules {
        for e in &rule.evidence {
            match entries.iter_mut().find(|(p, _)| *p == e.provision) {
                Some((_, entry)) => {
                    entry.against |= e.negated;
                    if !entry.recommendations.contains(&rule.title) {
                        entry.recommendations.push(rule.title.clone());
                    }
                }
                None => entries.push((
                    e.provision.clone(),
                    AppendixEntry {
                        label: evidence_label(e),
                        page: e.page,
                        line: e.line,
                        excerpt: e.excerpt.clone(),
                        against: e.negated,
                        recommendations: vec![rule.title.clone()],
                    },
                )),
            }
        }
    }
    let mut entries: Vec<AppendixEntry> = entries.into_iter().map(|(_, e)| e).collect();
    entries.sort_by_key(|e| e.line);
    entries
}

/// The view as templates see it: the JSON report's fields, and these besides — on the
/// report, `date` and `memo` (`author`, `organisation`, `classification`); on each document,
/// `date`, `draft` ([`DraftView`]), `rules_by_gap` (its rules, largest gap first) and
/// `appendix` ([`AppendixEntry`]); on each rule, `cited`, `found`, `placement`,
/// `points_lost` and `points_kept`; on each piece of evidence, `label`.
pub fn template_data(view: &ReportView) -> Value {
    let mut data = serde_json::to_value(view).unwrap_or(Value::Null);
    let Some(object) = data.as_object_mut() else {
        return data;
    };
    object.insert("date".into(), to_value(&view.date));
    object.insert("memo".into(), to_value(&view.memo));
    if let Some(Value::Array(docs)) = object.get_mut("documents") {
        for (doc_value, doc) in docs.iter_mut().zip(&view.documents) {
            extend_document(doc_value, view, doc);
        }
    }
    data
}

fn to_value<T: Serialize>(t: &T) -> Value {
    serde_json::to_value(t).unwrap_or(Value::Null)
}

fn extend_document(value: &mut Value, report: &ReportView, doc: &DocumentView) {
    let Some(object) = value.as_object_mut() else {
        return;
    };
    object.insert("date".into(), to_value(&memo_date(report, doc)));
    object.insert("draft".into(), to_value(&draft_view(doc)));
    object.insert("appendix".into(), to_value(&appendix(doc)));
    if let Some(Value::Array(rules)) = object.get_mut("rules") {
        for (rule_value, rule) in rules.iter_mut().zip(&doc.rules) {
            extend_rule(rule_value, rule, doc);
        }
        let ordered: Vec<Value> = by_gap(doc)
            .into_iter()
            .filter_map(|r| doc.rules.iter().position(|x| std::ptr::eq(x, r)))
            .filter_map(|i| rules.get(i).cloned())
            .collect();
        object.insert("rules_by_gap".into(), Value::Array(ordered));
    }
}

fn extend_rule(value: &mut Value, rule: &RuleView, doc: &DocumentView) {
    let Some(object) = value.as_object_mut() else {
        return;
    };
    object.insert("cited".into(), Value::String(cited(rule)));
    object.insert("found".into(), Value::String(found(rule)));
    object.insert("placement".into(), Value::String(placement(rule, doc)));
    object.insert("points_lost".into(), to_value(&points_lost(rule)));
    object.insert("points_kept".into(), to_value(&(rule.weight * rule.score)));
    if let Some(Value::Array(evidence)) = object.get_mut("evidence") {
        for (ev_value, e) in evidence.iter_mut().zip(&rule.evidence) {
            if let Some(o) = ev_value.as_object_mut() {
                o.insert("label".into(), Value::String(evidence_label(e)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::view::tests::sample;
    use crate::report::view::ViewOptions;

    fn view() -> ReportView {
        let (rulebook, assessment) = sample();
        ReportView::build(&rulebook, &[assessment], &ViewOptions::default())
    }

    #[test]
    fn facts_are_cited_in_words() {
        let mut v = view();
        let rule = &mut v.documents[0].rules[1];
        rule.evidence[0].provision = "fact:police.border_security".into();
        assert_eq!(cited(rule), "stated: police border security — no");
        assert_eq!(
            evidence_label(&rule.evidence[0]),
            "Stated: police border security — no"
        );
    }

    #[test]
    fn a_denial_is_cited_as_such() {
        let v = view();
        assert_eq!(cited(&v.documents[0].rules[0]), "OP5(a)");
        assert_eq!(
            cited(&v.documents[0].rules[1]),
            "OP7 (says it is not given)"
        );
    }

    #[test]
    fn suggested_language_goes_after_its_subject_or_before_the_closing() {
        let mut v = view();
        let doc = &mut v.documents[0];
        doc.draft.paragraphs = vec![
            ("OP5".into(), "Decides that the mission shall…".into()),
            (
                "OP9".into(),
                "Decides to remain seized of the matter.".into(),
            ),
        ];
        doc.draft.closing = Some("OP9".into());
        let doc = &v.documents[0];
        assert_eq!(
            placement(&doc.rules[0], doc),
            "after OP5 (the paragraph “Decides that the mission shall…”)"
        );
        assert_eq!(
            placement(&doc.rules[1], doc),
            "before the closing paragraphs (OP9, “Decides to remain seized of the matter.”)"
        );
    }

    #[test]
    fn rules_come_largest_gap_first_and_evidence_once_per_paragraph() {
        let v = view();
        let doc = &v.documents[0];
        let order: Vec<&str> = by_gap(doc).iter().map(|r| r.id.as_str()).collect();
        assert_eq!(order, ["expert-group", "crime-task"]);
        let a = appendix(doc);
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].label, "OP5(a)");
        assert_eq!(a[0].recommendations, ["Crime task"]);
        assert!(a[1].against);
    }

    #[test]
    fn templates_see_the_memo_fields_and_json_does_not() {
        let mut v = view();
        v.date = Some("7 December 2026".into());
        let data = template_data(&v);
        assert_eq!(data["date"], "7 December 2026");
        assert_eq!(data["documents"][0]["date"], "7 December 2026");
        assert_eq!(
            data["documents"][0]["rules_by_gap"][0]["id"],
            "expert-group"
        );
        assert_eq!(
            data["documents"][0]["rules"][1]["evidence"][0]["label"],
            "OP7"
        );
        let json = crate::report::to_json(&v);
        assert!(!json.contains("rules_by_gap") && !json.contains("7 December"));
    }
}
