//! The SARIF 2.1.0 report, for code scanning. One run; its driver is policycheck, with one
//! reporting descriptor per rule of the rulebook (name, short and full description, help in
//! plain text and Markdown, the source's address as `helpUri`, weight and area as properties).
//! One result per unmet or partly met rule per document, placed, levelled and fingerprinted by
//! [`findings`](crate::report::findings), so a result always has a location with a start line
//! of 1 or more. The structures are serde-sarif's, generated from the SARIF schema, so a field
//! the schema does not know cannot be written.

use crate::error::Error;
use crate::report::finding::{document_findings, Finding, Level, FINGERPRINT_KEY};
use crate::report::view::{DocumentView, ReportView, RuleView};
use serde_json::{json, Value};
use serde_sarif::sarif::{
    ArtifactLocation, Location, Message, MultiformatMessageString, PhysicalLocation, PropertyBag,
    Region, ReportingConfiguration, ReportingDescriptor, Result as SarifResult, ResultKind,
    ResultLevel, Run, Sarif, Tool, ToolComponent,
};
use std::collections::BTreeMap;

/// The address of the SARIF 2.1.0 schema, written as the log's `$schema`.
pub const SARIF_SCHEMA_URI: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The view as a SARIF 2.1.0 log: pretty-printed JSON ending in a newline.
pub fn render_sarif(view: &ReportView) -> Result<String, Error> {
    Ok(crate::report::json::pretty_json(&sarif_log(view)))
}

/// The SARIF log of `view`, for callers that want to add to it before writing it.
pub fn sarif_log(view: &ReportView) -> Sarif {
    let rules = rulebook_rules(view);
    let index = rule_index(&rules);
    let results: Vec<SarifResult> = view
        .documents
        .iter()
        .flat_map(|d| document_results(d, &index))
        .collect();
    log(view, &rules, results)
}

/// Each rule's place in the driver's list of rules, by id.
pub(crate) fn rule_index<'a>(rules: &[&'a RuleView]) -> BTreeMap<&'a str, usize> {
    rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect()
}

/// The results of one document: one per unmet or partly met rule, by line. `index` holds
/// every rule of the document.
pub(crate) fn document_results(
    document: &DocumentView,
    index: &BTreeMap<&str, usize>,
) -> Vec<SarifResult> {
    document_findings(document)
        .iter()
        .map(|f| result(f, index[f.rule.id.as_str()]))
        .collect()
}

/// The log of `view`'s rulebook with the descriptors of `rules` and the given results (the
/// documents of `view` are not looked at).
pub(crate) fn log(view: &ReportView, rules: &[&RuleView], results: Vec<SarifResult>) -> Sarif {
    let url = view.rulebook.url.as_deref();
    let descriptors: Vec<ReportingDescriptor> =
        rules.iter().map(|r| descriptor(r, view, url)).collect();

    let mut driver = ToolComponent::builder()
        .name(view.tool.name.clone())
        .version(view.tool.version.clone())
        .semantic_version(view.tool.version.clone())
        .rules(descriptors)
        .build();
    // Cargo leaves these empty when the manifest names no homepage or repository.
    let home = [env!("CARGO_PKG_HOMEPAGE"), env!("CARGO_PKG_REPOSITORY")]
        .into_iter()
        .find(|u| !u.is_empty());
    driver.information_uri = home.map(str::to_string);

    let run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .results(results)
        .column_kind(json!("unicodeCodePoints"))
        .properties(bag([
            ("rulebook", json!(view.rulebook.id)),
            ("rulebookTitle", json!(view.rulebook.title)),
            ("source", json!(view.rulebook.citation)),
        ]))
        .build();
    Sarif::builder()
        .schema(SARIF_SCHEMA_URI)
        .version(json!("2.1.0"))
        .runs(vec![run])
        .build()
}

/// The rulebook's rules as the documents list them (all documents share one rulebook); the
/// first document's order, then any rule only a later one has.
fn rulebook_rules(view: &ReportView) -> Vec<&RuleView> {
    let mut rules: Vec<&RuleView> = Vec::new();
    for r in view.documents.iter().flat_map(|d| &d.rules) {
        if !rules.iter().any(|seen| seen.id == r.id) {
            rules.push(r);
        }
    }
    rules
}

fn descriptor(rule: &RuleView, view: &ReportView, url: Option<&str>) -> ReportingDescriptor {
    let level = Level::of(rule.weight, crate::evaluate::Verdict::Missing)
        .map_or(ResultLevel::Note, sarif_level);
    let mut properties = vec![("weight", json!(rule.weight))];
    if let Some(area) = &rule.area {
        properties.push(("area", json!(area)));
    }
    let mut d = ReportingDescriptor::builder()
        .id(rule.id.clone())
        .name(camel_case(&rule.title).unwrap_or_else(|| camel_case(&rule.id).unwrap_or_default()))
        .short_description(text(&rule.title))
        .full_description(text(&rule.recommendation))
        .help(
            MultiformatMessageString::builder()
                .text(help_text(rule, &view.rulebook.citation))
                .markdown(help_markdown(rule, &view.rulebook.citation, url))
                .build(),
        )
        .default_configuration(
            ReportingConfiguration::builder()
                .level(json!(level))
                .build(),
        )
        .properties(bag(properties))
        .build();
    d.help_uri = url.map(str::to_string);
    d
}

fn result(f: &Finding<'_>, rule_index: usize) -> SarifResult {
    let region = Region::builder()
        .start_line(i64::from(f.start_line))
        .end_line(i64::from(f.end_line))
        .build();
    let location = Location::builder()
        .physical_location(
            PhysicalLocation::builder()
                .artifact_location(ArtifactLocation::builder().uri(f.uri.clone()).build())
                .region(region)
                .build(),
        )
        .build();
    let mut properties = vec![("verdict", json!(f.rule.verdict))];
    if let Some(e) = f.evidence {
        properties.push(("provision", json!(e.provision)));
        properties.push(("excerpt", json!(e.excerpt)));
        if let Some(page) = e.page {
            properties.push(("page", json!(page)));
        }
    }
    SarifResult::builder()
        .rule_id(f.rule.id.clone())
        .rule_index(rule_index as i64)
        .kind(ResultKind::Fail)
        .level(sarif_level(f.level))
        .message(Message::builder().text(f.message()).build())
        .locations(vec![location])
        .partial_fingerprints(BTreeMap::from([(
            FINGERPRINT_KEY.to_string(),
            f.fingerprint.clone(),
        )]))
        .properties(bag(properties))
        .build()
}

fn sarif_level(level: Level) -> ResultLevel {
    match level {
        Level::Note => ResultLevel::Note,
        Level::Warning => ResultLevel::Warning,
        Level::Error => ResultLevel::Error,
    }
}

fn text(s: &str) -> MultiformatMessageString {
    MultiformatMessageString::builder().text(s).build()
}

fn bag<'a>(entries: impl IntoIterator<Item = (&'a str, Value)>) -> PropertyBag {
    PropertyBag::builder()
        .additional_properties(
            entries
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect::<BTreeMap<_, _>>(),
        )
        .build()
}

/// `Mandate against organized crime` → `MandateAgainstOrganizedCrime`; apostrophes are
/// dropped (`mission's` → `Missions`), other non-alphanumerics split words. `None` when
/// nothing is left.
fn camel_case(s: &str) -> Option<String> {
    let cleaned: String = s.chars().filter(|c| !matches!(c, '\'' | '’')).collect();
    let name: String = cleaned
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect();
    (!name.is_empty()).then_some(name)
}

fn help_text(rule: &RuleView, citation: &str) -> String {
    let mut s = rule.rationale.clone();
    if !rule.quote.is_empty() {
        s.push_str(&format!("\n\nThe source: “{}” ({citation})", rule.quote));
    }
    if !rule.suggested.is_empty() {
        s.push_str(&format!("\n\nSuggested language: {}", rule.suggested));
    }
    s
}

fn help_markdown(rule: &RuleView, citation: &str, url: Option<&str>) -> String {
    let mut s = format!("**{}**\n\n{}", rule.recommendation, rule.rationale);
    if !rule.quote.is_empty() {
        let cite = match url {
            Some(u) => format!("[{citation}]({u})"),
            None => citation.to_string(),
        };
        s.push_str(&format!("\n\n> {}\n>\n> — {cite}", rule.quote));
    }
    if !rule.suggested.is_empty() {
        s.push_str(&format!(
            "\n\n**Suggested language:**\n\n> {}",
            rule.suggested
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::view::tests::sample;
    use crate::report::view::ViewOptions;

    #[test]
    fn names_are_camel_case() {
        assert_eq!(
            camel_case("Operational powers for the mission's police").as_deref(),
            Some("OperationalPowersForTheMissionsPolice")
        );
        assert_eq!(
            camel_case("Recognition of the crime–terror–armed-group nexus").as_deref(),
            Some("RecognitionOfTheCrimeTerrorArmedGroupNexus")
        );
        assert_eq!(camel_case(" – "), None);
    }

    #[test]
    fn one_descriptor_per_rule_and_one_result_per_gap() {
        let (rulebook, assessment) = sample();
        let view = ReportView::build(&rulebook, &[assessment], &ViewOptions::default());
        let v: Value = serde_json::from_str(&render_sarif(&view).unwrap()).unwrap();
        let run = &v["runs"][0];
        assert_eq!(v["version"], "2.1.0");
        assert_eq!(run["tool"]["driver"]["name"], "policycheck");
        assert!(run["tool"]["driver"].get("informationUri").is_none());
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        assert_eq!(rules.len(), 2);
        assert_eq!(rules[1]["name"], "ExpertGroup");
        assert_eq!(rules[1]["helpUri"], "https://example.org/paper");
        assert_eq!(rules[1]["properties"]["weight"], 1.5);
        let results = run["results"].as_array().unwrap();
        assert_eq!(results.len(), 1);
        assert_eq!(results[0]["ruleId"], "expert-group");
        assert_eq!(results[0]["ruleIndex"], 1);
        assert_eq!(results[0]["level"], "note");
        let region = &results[0]["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startLine"], 30);
        assert_eq!(region["endLine"], 31);
    }
}
