//! Properties of the pipeline, checked on generated input (proptest) as well as on the real
//! resolutions in tests/fixtures/unsc:
//!
//! - evaluation is deterministic, down to the bytes of its JSON;
//! - appending an operative paragraph never lowers a rule's verdict nor the score, for
//!   rulebooks whose verdict expressions have no `not` (the default one);
//! - the order of the rules in a rulebook changes no verdict and not the score;
//! - a structured mandate read, written with `to_yaml` and read again is the same mandate (see
//!   [`Essence`] for what "the same" means: everything but where things stand in the file);
//! - the text reader never loses or duplicates a line: provisions' line ranges do not overlap,
//!   stay inside the file and cover every line with text except section letters; and it never
//!   panics, whatever the string.
//!
//! Generated drafts come from a small grammar of UN-style paragraphs (preambular "Recalling…",
//! operative "N. Decides that the Mission shall…", "Calls upon Member States to…",
//! sub-paragraphs) with phrases from the default rulebook's vocabularies, wrapped at varying
//! widths as printed resolutions are. Case counts are kept low so the file runs in seconds;
//! raise them with `PROPTEST_CASES=1000 cargo test --test properties`.

mod common;

use policycheck::evaluate::Assessment;
use policycheck::mandate::{
    read_text, read_yaml, to_yaml, Addressee, FactValue, Force, Mandate, Part, SourceFormat,
};
use policycheck::report::{to_json, ReportView, ViewOptions};
use policycheck::rulebook::expr::Expr;
use policycheck::rulebook::phrase::{Phrase, Script};
use policycheck::rulebook::{parse_rulebook, DEFAULT_RULEBOOK};
use policycheck::{default_rulebook, evaluate, Rulebook, Verdict};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::sync::LazyLock;

static RULEBOOK: LazyLock<Rulebook> = LazyLock::new(default_rulebook);

fn config(cases: u32) -> ProptestConfig {
    // PROPTEST_CASES, when set, wins over the small default.
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(cases);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------------------
// A grammar of UN-style drafts.

const TOPICS: &[&str] = &[
    "transnational organized crime",
    "illicit trafficking in arms",
    "drug trafficking",
    "terrorism",
    "violent extremism",
    "the smuggling of migrants",
    "the flow of arms across borders",
    "money-laundering",
    "kidnapping",
    "the arms embargo",
    "criminal networks",
    "the links between armed groups and terrorist networks",
    "the political process",
    "the root causes of the conflict",
];
const COUNTERS: &[&str] = &[
    "combat",
    "counter",
    "prevent",
    "monitor",
    "address",
    "investigate",
    "disrupt",
    "suppress",
    "support efforts against",
    "report on",
];
const SUBJECTS: &[&str] = &[
    "the Mission",
    "MINUSMA",
    "the Force",
    "the Secretary-General",
    "the Government of Mali",
    "the Panel of Experts",
    "the Committee",
];
const CALLEES: &[&str] = &[
    "Member States",
    "all States",
    "neighbouring States",
    "the parties",
    "the armed groups",
    "the African Union",
    "ECOWAS",
    "the Government of Mali",
    "regional organisations",
];
const EXTRAS: &[&str] = &[
    "",
    "in cooperation with the African Union",
    "along the borders",
    "at points of entry",
    "through information sharing",
    "with additional resources",
    "in coordination with the Panel of Experts",
    "with civilian police",
    "in support of the political dialogue",
    "including through capacity-building",
    "in accordance with international law",
    "without delay",
    "and not only in the north",
];
const PREAMBLE_VERBS: &[&str] = &[
    "Recalling",
    "Reaffirming",
    "Noting",
    "Gravely concerned by",
    "Welcoming",
    "Stressing",
    "Recognizing",
    "Expressing concern at",
];

fn pick(list: &'static [&'static str]) -> impl Strategy<Value = &'static str> {
    prop::sample::select(list)
}

fn join_words(parts: &[&str]) -> String {
    parts
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
}

fn preambular() -> impl Strategy<Value = String> {
    (pick(PREAMBLE_VERBS), pick(TOPICS), pick(EXTRAS))
        .prop_map(|(v, t, e)| format!("{},", join_words(&[v, t, e])))
}

/// An operative paragraph's text (without its number) and its sub-paragraphs.
fn operative() -> impl Strategy<Value = (String, Vec<String>)> {
    let sub = (pick(COUNTERS), pick(TOPICS), pick(EXTRAS))
        .prop_map(|(c, t, e)| format!("To {};", join_words(&[c, t, e])));
    (
        0..8usize,
        pick(SUBJECTS),
        pick(CALLEES),
        pick(COUNTERS),
        pick(TOPICS),
        pick(EXTRAS),
        prop::collection::vec(sub, 1..4),
    )
        .prop_map(|(form, s, who, c, t, e, subs)| match form {
            0 => (
                format!("Decides that {s} shall {};", join_words(&[c, t, e])),
                vec![],
            ),
            1 => (
                format!("Calls upon {who} to {};", join_words(&[c, t, e])),
                vec![],
            ),
            2 => (
                format!("Requests the Secretary-General to {c} {t} and to report to the Council;"),
                vec![],
            ),
            3 => (format!("Urges {who} to {c} {t};"), vec![]),
            4 => (format!("Welcomes the efforts of {who} to {c} {t};"), vec![]),
            5 => (
                format!("Decides that the mandate of {s} shall include the following tasks:"),
                subs,
            ),
            6 => (
                format!("Demands that {who} cease all support to {t};"),
                vec![],
            ),
            _ => (
                format!("Encourages {who} to share information on {t} and to coordinate {e};"),
                vec![],
            ),
        })
}

/// How a generated draft prints its numbers.
#[derive(Debug, Clone, Copy)]
enum Numbers {
    /// "12." and "(a)".
    Ascii,
    /// "１２．" (fullwidth, as East Asian input methods type them) and "(a)".
    Fullwidth,
    /// "12." and "12.1", "12.2" for the sub-paragraphs (Word's legal style).
    MultiLevel,
}

/// A generated draft: preambular paragraphs, numbered operative paragraphs with lettered
/// sub-paragraphs, optionally in sections A and B, wrapped at a width (0: not wrapped).
#[derive(Debug, Clone)]
struct Draft {
    preambles: Vec<String>,
    operatives: Vec<(String, Vec<String>)>,
    sections: bool,
    width: usize,
    numbers: Numbers,
}

fn draft() -> impl Strategy<Value = Draft> {
    (
        prop::collection::vec(preambular(), 0..4),
        prop::collection::vec(operative(), 1..6),
        any::<bool>(),
        prop_oneof![Just(0usize), 30..90usize],
        prop_oneof![
            3 => Just(Numbers::Ascii),
            1 => Just(Numbers::Fullwidth),
            1 => Just(Numbers::MultiLevel)
        ],
    )
        .prop_map(|(preambles, operatives, sections, width, numbers)| Draft {
            preambles,
            operatives,
            sections,
            width,
            numbers,
        })
}

/// Wraps a paragraph at `width` characters as a printed resolution does (0: one line).
fn wrap(text: &str, width: usize) -> String {
    if width == 0 {
        return text.to_string();
    }
    let mut out = String::new();
    let mut line_len = 0;
    for word in text.split(' ') {
        if line_len > 0 && line_len + 1 + word.chars().count() > width {
            out.push('\n');
            line_len = 0;
        } else if line_len > 0 {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(word);
        line_len += word.chars().count();
    }
    out
}

impl Draft {
    fn render(&self) -> String {
        let mut out = String::from(
            "Resolution 2227 (2015)\n\nAdopted by the Security Council at its 7474th meeting, \
             on 29 June 2015\n\nThe Security Council,\n\n",
        );
        for p in &self.preambles {
            out.push_str(&wrap(p, self.width));
            out.push_str("\n\n");
        }
        let half = self.operatives.len() / 2;
        for (i, (text, subs)) in self.operatives.iter().enumerate() {
            if self.sections && (i == 0 || i == half.max(1)) {
                out.push_str(if i == 0 { "A\n\n" } else { "B\n\n" });
            }
            render_operative(&mut out, i + 1, text, subs, self.width, self.numbers);
        }
        out
    }
}

fn render_operative(
    out: &mut String,
    n: usize,
    text: &str,
    subs: &[String],
    width: usize,
    numbers: Numbers,
) {
    let number = match numbers {
        Numbers::Fullwidth => n
            .to_string()
            .chars()
            .map(|d| char::from_u32(d as u32 - '0' as u32 + '０' as u32).unwrap())
            .chain(['．'])
            .collect(),
        _ => format!("{n}. "),
    };
    out.push_str(&wrap(&format!("{number}{text}"), width));
    out.push_str("\n\n");
    for (j, s) in subs.iter().enumerate() {
        let marker = match numbers {
            Numbers::MultiLevel => format!("{n}.{}", j + 1),
            _ => format!("({})", char::from(b'a' + (j % 26) as u8)),
        };
        out.push_str(&wrap(&format!("{marker} {s}"), width));
        out.push_str("\n\n");
    }
}

fn read(text: &str) -> Mandate {
    read_text("draft.txt", text, SourceFormat::Text)
}

// ---------------------------------------------------------------------------------------
// Determinism.

fn assessment_json(a: &Assessment) -> String {
    serde_json::to_string(a).expect("an assessment serialises")
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn evaluation_is_deterministic(d in draft()) {
        let text = d.render();
        let (m1, m2) = (read(&text), read(&text));
        prop_assert_eq!(&m1, &m2);
        let other = RULEBOOK.clone();
        let (a1, a2) = (evaluate(&RULEBOOK, &m1), evaluate(&other, &m2));
        prop_assert_eq!(&a1, &a2);
        prop_assert_eq!(assessment_json(&a1), assessment_json(&a2));
        let v1 = ReportView::build(&RULEBOOK, std::slice::from_ref(&a1), &ViewOptions::default());
        let v2 = ReportView::build(&other, std::slice::from_ref(&a2), &ViewOptions::default());
        prop_assert_eq!(to_json(&v1), to_json(&v2));
    }
}

// ---------------------------------------------------------------------------------------
// Monotonicity.

fn has_not(e: &Expr) -> bool {
    match e {
        Expr::Criterion(_) => false,
        Expr::Not(_) => true,
        Expr::And(es) | Expr::Or(es) => es.iter().any(has_not),
    }
}

fn verdicts(a: &Assessment) -> BTreeMap<String, Verdict> {
    a.rules.iter().map(|r| (r.id.clone(), r.verdict)).collect()
}

#[test]
fn the_default_rulebook_has_no_negated_verdicts() {
    // The monotonicity property below is stated for such rulebooks only.
    for r in &RULEBOOK.rules {
        assert!(!has_not(&r.met), "{}", r.id);
        assert!(!r.partial.as_ref().is_some_and(has_not), "{}", r.id);
    }
}

fn assert_not_lower(before: &Assessment, after: &Assessment) -> Result<(), TestCaseError> {
    let (b, a) = (verdicts(before), verdicts(after));
    for (id, v) in &b {
        prop_assert!(a[id] >= *v, "rule {} fell from {} to {}", id, v, a[id]);
    }
    prop_assert!(
        after.score >= before.score,
        "score fell from {} to {}",
        before.score,
        after.score
    );
    Ok(())
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn appending_an_operative_paragraph_never_lowers_a_verdict(
        d in draft(),
        (extra, subs) in operative(),
    ) {
        let text = d.render();
        let mut longer = text.clone();
        render_operative(&mut longer, d.operatives.len() + 1, &extra, &subs, d.width, d.numbers);
        let (m1, m2) = (read(&text), read(&longer));
        // The paragraphs already there are read as before: the new one is only added.
        prop_assert_eq!(&m1.provisions[..], &m2.provisions[..m1.provisions.len()]);
        assert_not_lower(&evaluate(&RULEBOOK, &m1), &evaluate(&RULEBOOK, &m2))?;
    }
}

#[test]
fn a_paragraph_that_satisfies_criteria_raises_the_score() {
    // The property above would hold vacuously if appended paragraphs never matched.
    let before = "The Security Council,\n\n1. Welcomes the report;\n";
    let after = format!(
        "{before}\n2. Decides that MINUSMA shall combat transnational organized crime and \
         counter terrorism;\n"
    );
    let (a, b) = (
        evaluate(&RULEBOOK, &read(before)),
        evaluate(&RULEBOOK, &read(&after)),
    );
    assert!(b.score > a.score, "{} then {}", a.score, b.score);
}

// ---------------------------------------------------------------------------------------
// Rule order.

fn permuted(rulebook: &Rulebook, order: &[usize]) -> Rulebook {
    let mut r = rulebook.clone();
    r.rules = order.iter().map(|&i| rulebook.rules[i].clone()).collect();
    r
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn the_order_of_rules_changes_no_verdict(
        d in draft(),
        order in Just((0..RULEBOOK.rules.len()).collect::<Vec<_>>()).prop_shuffle(),
    ) {
        let m = read(&d.render());
        let a = evaluate(&RULEBOOK, &m);
        let b = evaluate(&permuted(&RULEBOOK, &order), &m);
        prop_assert_eq!(verdicts(&a), verdicts(&b));
        prop_assert_eq!(a.score, b.score);
    }
}

proptest! {
    // Each case loads the rulebook and runs its examples (seconds in a debug build).
    #![proptest_config(config(2))]

    #[test]
    fn a_rulebook_file_with_its_rules_shuffled_gives_the_same_verdicts(
        d in draft(),
        order in Just((0..RULEBOOK.rules.len()).collect::<Vec<_>>()).prop_shuffle(),
    ) {
        let mut doc: serde_yaml::Value = serde_yaml::from_str(DEFAULT_RULEBOOK).unwrap();
        let rules = doc["rules"].as_sequence_mut().unwrap();
        let original = rules.clone();
        for (slot, &i) in rules.iter_mut().zip(&order) {
            *slot = original[i].clone();
        }
        let text = serde_yaml::to_string(&doc).unwrap();
        let shuffled = parse_rulebook("shuffled.yaml", &text).unwrap();
        let m = read(&d.render());
        let (a, b) = (evaluate(&RULEBOOK, &m), evaluate(&shuffled, &m));
        prop_assert_eq!(verdicts(&a), verdicts(&b));
        prop_assert_eq!(a.score, b.score);
    }
}

// ---------------------------------------------------------------------------------------
// Structured mandates: read ∘ write ∘ read = read.

/// What a structured mandate says, as opposed to where it says it. Two mandates are the same
/// description when their essences are equal: the same title, mission and adoption date; the
/// same provisions in the same order, each with the same id, part, section, parent, text and
/// clauses (span, verb, force and addressee); the same facts (dotted path and value). Left
/// out: the file's path, the format, and line numbers (`first_line`, `last_line`, `line_map`,
/// a fact's `line`), which depend on how the YAML was laid out.
#[derive(Debug, PartialEq)]
struct Essence {
    title: Option<String>,
    mission: Option<String>,
    adopted: Option<String>,
    provisions: Vec<ProvisionEssence>,
    facts: BTreeMap<String, FactValue>,
}

type ClauseEssence = (usize, usize, Option<String>, Force, Addressee);

#[derive(Debug, PartialEq)]
struct ProvisionEssence {
    id: String,
    part: Part,
    section: Option<String>,
    parent: Option<String>,
    text: String,
    clauses: Vec<ClauseEssence>,
}

fn essence(m: &Mandate) -> Essence {
    Essence {
        title: m.title.clone(),
        mission: m.mission.clone(),
        adopted: m.adopted.clone(),
        provisions: m
            .provisions
            .iter()
            .map(|p| ProvisionEssence {
                id: p.id.clone(),
                part: p.part,
                section: p.section.clone(),
                parent: p.parent.clone(),
                text: p.text.clone(),
                clauses: p
                    .clauses
                    .iter()
                    .map(|c| (c.start, c.end, c.verb.clone(), c.force, c.addressee))
                    .collect(),
            })
            .collect(),
        facts: m
            .facts
            .iter()
            .map(|(k, f)| (k.clone(), f.value.clone()))
            .collect(),
    }
}

/// Reads, writes, reads again: the essences agree, and writing again gives the same bytes.
fn round_trip(label: &str, yaml: &str) -> Result<(), TestCaseError> {
    let first = read_yaml(label, yaml)
        .map_err(|e| TestCaseError::fail(format!("{label} does not read: {e:?}")))?;
    let written = to_yaml(&first);
    let second = read_yaml("written.yaml", &written).map_err(|e| {
        TestCaseError::fail(format!("the written form does not read: {e:?}\n{written}"))
    })?;
    prop_assert_eq!(essence(&first), essence(&second), "written:\n{}", written);
    prop_assert_eq!(&to_yaml(&second), &written);
    Ok(())
}

const FORCES: &[&str] = &["context", "no-action", "call", "mandate"];
const ADDRESSEES: &[&str] = &[
    "mission",
    "secretary-general",
    "un-body",
    "council",
    "states",
    "government",
    "parties",
    "regional",
    "unspecified",
];

/// Text for a provision: grammar, YAML's troublemakers, or anything at all.
fn provision_text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => operative().prop_map(|(t, _)| t),
        2 => preambular(),
        1 => prop::sample::select(vec![
            "true", "null", "~", "- item", "key: value", "# not a comment", "'quoted'",
            "\"double\"", "|", ">", "", " leading space", "trailing space ", "a\nb",
            "line one\n\nline three\n", "@at", "`tick`", "{flow}", "[seq]", "*alias",
            "&anchor", "!tag", "%directive", "12", "1e3", "0x1F", "2013-04-25", "a: b: c",
            "tab\there", "NEL\u{85}here", "LS\u{2028}PS\u{2029}", "\u{feff}bom",
        ])
        .prop_map(str::to_string),
        1 => any::<String>(),
    ]
}

#[derive(Debug, Clone)]
struct ItemSpec {
    text: String,
    force: Option<&'static str>,
    addressee: Option<&'static str>,
    section: Option<&'static str>,
    sub: u8,
}

fn item_spec() -> impl Strategy<Value = ItemSpec> {
    (
        provision_text(),
        prop::option::weighted(0.2, pick(FORCES)),
        prop::option::weighted(0.2, pick(ADDRESSEES)),
        prop::option::weighted(0.1, pick(&["A", "B", "C"])),
        0..4u8,
    )
        .prop_map(|(text, force, addressee, section, sub)| ItemSpec {
            text,
            force,
            addressee,
            section,
            sub,
        })
}

fn fact_value() -> impl Strategy<Value = serde_yaml::Value> {
    prop_oneof![
        any::<bool>().prop_map(serde_yaml::Value::Bool),
        any::<i32>().prop_map(|n| serde_yaml::Value::Number(n.into())),
        (-1.0e9..1.0e9f64).prop_map(|n| serde_yaml::Value::Number(n.into())),
        "[a-z ]{0,12}".prop_map(serde_yaml::Value::String),
        any::<String>().prop_map(serde_yaml::Value::String),
    ]
}

/// A structured mandate's YAML: preambular, operative (with sub-paragraphs and sections) and
/// annexed provisions, overrides, and facts nested up to three deep.
fn structured_yaml() -> impl Strategy<Value = String> {
    (
        prop::option::of("[A-Za-z0-9 ():—-]{0,40}"),
        prop::option::of("[A-Z]{3,8}"),
        prop::option::of("20[0-2][0-9]-0[1-9]-[12][0-9]"),
        prop::collection::vec(item_spec(), 0..8),
        prop::collection::vec(
            (prop::collection::vec("[a-z_]{1,6}", 1..4), fact_value()),
            0..6,
        ),
    )
        .prop_map(|(title, mission, adopted, items, facts)| {
            use serde_yaml::{Mapping, Value};
            let mut doc = Mapping::new();
            let s = |v: &str| Value::String(v.to_string());
            if let Some(t) = title {
                doc.insert(s("title"), s(&t));
            }
            if let Some(m) = mission {
                doc.insert(s("mission"), s(&m));
            }
            if let Some(a) = adopted {
                doc.insert(s("adopted"), s(&a));
            }
            let mut provisions = Vec::new();
            let (mut pp, mut op, mut annex) = (0, 0, 0);
            for (i, it) in items.iter().enumerate() {
                let mut m = Mapping::new();
                let id = match (i % 5, it.sub) {
                    (0, _) => {
                        pp += 1;
                        format!("PP{pp}")
                    }
                    (4, 0) => {
                        annex += 1;
                        m.insert(s("part"), s("annex"));
                        format!("X{annex}")
                    }
                    (_, 1) if op > 0 => format!("OP{op}(a)"),
                    (_, 2) if op > 0 => format!("OP{op}(a)(i)"),
                    (_, 3) => {
                        op += 1;
                        format!("B-OP{op}")
                    }
                    _ => {
                        op += 1;
                        format!("OP{op}")
                    }
                };
                let id = if provisions.iter().any(|p: &Value| p["id"] == s(&id)) {
                    format!("{id}-{i}")
                } else {
                    id
                };
                m.insert(s("id"), s(&id));
                m.insert(s("text"), s(&it.text));
                if let Some(f) = it.force {
                    m.insert(s("force"), s(f));
                }
                if let Some(a) = it.addressee {
                    m.insert(s("addressee"), s(a));
                }
                if let Some(sec) = it.section {
                    m.insert(s("section"), s(sec));
                }
                provisions.push(Value::Mapping(m));
            }
            doc.insert(s("provisions"), Value::Sequence(provisions));
            let mut fm = Mapping::new();
            for (path, value) in facts {
                insert_fact(&mut fm, &path, value);
            }
            if !fm.is_empty() {
                doc.insert(s("facts"), Value::Mapping(fm));
            }
            serde_yaml::to_string(&doc).expect("a generated mandate serialises")
        })
}

/// Inserts at a nested path unless a value already stands in the way.
fn insert_fact(map: &mut serde_yaml::Mapping, path: &[String], value: serde_yaml::Value) {
    use serde_yaml::Value;
    let (first, rest) = path.split_first().expect("paths are not empty");
    let key = Value::String(first.clone());
    if rest.is_empty() {
        if !map.contains_key(&key) {
            map.insert(key, value);
        }
        return;
    }
    let entry = map
        .entry(key)
        .or_insert_with(|| Value::Mapping(Default::default()));
    if let Value::Mapping(m) = entry {
        insert_fact(m, rest, value);
    }
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn a_structured_mandate_written_and_read_again_is_the_same(yaml in structured_yaml()) {
        round_trip("generated.yaml", &yaml)?;
    }
}

#[test]
fn the_shipped_structured_mandate_round_trips() {
    let path = "examples/minusma-2013.yaml";
    let text = std::fs::read_to_string(path).unwrap();
    round_trip(path, &text).unwrap();
}

#[test]
fn text_drafts_written_as_descriptions_keep_their_provisions() {
    // A mandate read from text, written as YAML and read back keeps each provision's id, part,
    // section and text; force and addressee too wherever the description can say them.
    for (path, text) in fixtures() {
        let m = read_text(&path, &text, SourceFormat::Text);
        let written = to_yaml(&m);
        let again = read_yaml("written.yaml", &written)
            .unwrap_or_else(|e| panic!("{path}: {e:?}\n{written}"));
        let key = |m: &Mandate| -> Vec<(String, Part, Option<String>, String)> {
            m.provisions
                .iter()
                .map(|p| (p.id.clone(), p.part, p.section.clone(), p.text.clone()))
                .collect()
        };
        assert_eq!(key(&m), key(&again), "{path}");
    }
}

#[test]
fn a_multi_level_draft_written_as_a_description_keeps_its_provisions() {
    let text = "The Security Council,\n\n1. Decides that the mandate of the Mission shall be:\n\n\
                1.1 To monitor the borders;\n\n1.1.1 To patrol;\n\n1.2 (a) To protect civilians;\n\n\
                ２．Requests the Secretary-General to report;\n";
    let m = read_text("draft.txt", text, SourceFormat::Text);
    let again = read_yaml("written.yaml", &to_yaml(&m)).unwrap();
    type Key = (String, Option<String>, String, Vec<(Option<String>, Force)>);
    let key = |m: &Mandate| -> Vec<Key> {
        m.provisions
            .iter()
            .map(|p| {
                let clauses = p
                    .clauses
                    .iter()
                    .map(|c| (c.verb.clone(), c.force))
                    .collect();
                (p.id.clone(), p.parent.clone(), p.text.clone(), clauses)
            })
            .collect()
    };
    assert_eq!(key(&m), key(&again));
    let ids: Vec<&str> = m.provisions.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids,
        ["HEADER", "OP1", "OP1.1", "OP1.1.1", "OP1.2", "OP1.2(a)", "OP2"]
    );
}

// ---------------------------------------------------------------------------------------
// Segmentation: nothing lost, nothing twice.

fn fixtures() -> Vec<(String, String)> {
    common::txt_files("tests/fixtures/unsc")
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p.display().to_string(), text)
        })
        .collect()
}

/// Lines the reader documents as belonging to no provision: a section letter alone (OCR
/// sometimes prints it in lower case: S/RES/820 (1993) line 283, "c").
fn structural(line: &str) -> bool {
    let t = line.trim();
    let section_letter = t.len() == 1 && t.chars().all(|c| c.is_ascii_alphabetic());
    // A heading printed between paragraphs ("A. Restoration of peace and order", "Mandate of
    // MINUSMA"): short, capitalised, without final punctuation.
    let heading = (1..=10).contains(&t.split_whitespace().count())
        && t.chars().next().is_some_and(char::is_uppercase)
        && !t.ends_with(['.', ',', ';', ':']);
    section_letter || heading
}

/// Nothing lost, nothing twice. A provision holds the lines of its `line_map` (each line that
/// gave it text) and spans [first_line, last_line]; a span also takes in lines that gave no
/// text of their own (a marker alone, "10." or "(a)"; a page number). Then:
/// - every span lies inside the file and holds its own lines;
/// - no line is held by two provisions;
/// - two spans overlap only when one provision encloses the other (its text resumes after
///   its sub-paragraphs, S/RES/883 (1993) OP3, or it is printed on the line of its first
///   sub-paragraph, "10. (a) The Government…", S/RES/47 (1948));
/// - every line with text is held by a provision or lies in a span, unless it is a section
///   letter or a heading.
fn check_segmentation(label: &str, text: &str, m: &Mandate) -> Result<(), String> {
    let lines: Vec<&str> = text.split('\n').collect();
    let n = u32::try_from(lines.len()).unwrap();
    let mut holder: Vec<Option<&str>> = vec![None; lines.len() + 1];
    let mut spanned = vec![false; lines.len() + 1];
    let parents: BTreeMap<&str, &str> = m
        .provisions
        .iter()
        .filter_map(|p| Some((p.id.as_str(), p.parent.as_deref()?)))
        .collect();
    let encloses = |outer: &str, inner: &str| -> bool {
        let mut cur = parents.get(inner).copied();
        while let Some(up) = cur {
            if up == outer {
                return true;
            }
            cur = parents.get(up).copied();
        }
        false
    };
    for p in &m.provisions {
        if !(1 <= p.first_line && p.first_line <= p.last_line && p.last_line <= n) {
            return Err(format!(
                "{label}: {} spans {}..={} in a file of {n} lines",
                p.id, p.first_line, p.last_line
            ));
        }
        for &(_, no) in &p.line_map {
            if !(p.first_line..=p.last_line).contains(&no) {
                return Err(format!(
                    "{label}: {} holds line {no} outside its span",
                    p.id
                ));
            }
            if let Some(other) = holder[no as usize] {
                return Err(format!(
                    "{label}: line {no} is in both {other} and {}",
                    p.id
                ));
            }
            holder[no as usize] = Some(&p.id);
        }
        for no in p.first_line..=p.last_line {
            spanned[no as usize] = true;
        }
    }
    for (i, a) in m.provisions.iter().enumerate() {
        for b in &m.provisions[i + 1..] {
            let overlap = a.first_line <= b.last_line && b.first_line <= a.last_line;
            if overlap && !encloses(&a.id, &b.id) && !encloses(&b.id, &a.id) {
                return Err(format!(
                    "{label}: {} ({}..={}) and {} ({}..={}) overlap",
                    a.id, a.first_line, a.last_line, b.id, b.first_line, b.last_line
                ));
            }
        }
    }
    for (i, line) in lines.iter().enumerate() {
        let has_text = line.chars().any(|c| !c.is_whitespace() && !c.is_control());
        if has_text && !structural(line) && holder[i + 1].is_none() && !spanned[i + 1] {
            return Err(format!(
                "{label}: line {} ({line:?}) is in no provision",
                i + 1
            ));
        }
    }
    Ok(())
}

#[test]
fn every_line_of_the_real_resolutions_is_in_one_provision() {
    let failures: Vec<String> = fixtures()
        .iter()
        .filter_map(|(path, text)| {
            check_segmentation(path, text, &read_text(path, text, SourceFormat::Text)).err()
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn every_line_of_a_generated_draft_is_in_one_provision(d in draft()) {
        let text = d.render();
        let m = read(&text);
        if let Err(e) = check_segmentation("draft", &text, &m) {
            return Err(TestCaseError::fail(format!("{e}\n{text}")));
        }
        let ops = m.provisions.iter().filter(|p| p.part == Part::Operative && p.parent.is_none());
        prop_assert_eq!(ops.count(), d.operatives.len(), "{}", text);
        let subs = m.provisions.iter().filter(|p| p.part == Part::Operative && p.parent.is_some());
        let expected: usize = d.operatives.iter().map(|(_, s)| s.len()).sum();
        prop_assert_eq!(subs.count(), expected, "{}", text);
    }
}

/// Strings made of the pieces that trouble line-based readers.
fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\r".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\t".to_string()),
        Just("\0".to_string()),
        Just("\u{feff}".to_string()),
        Just("\u{a0}".to_string()),
        Just("1. Decides".to_string()),
        Just("12, Requests".to_string()),
        Just("(a) To".to_string()),
        Just("(iii)".to_string()),
        Just("１２．Decides".to_string()),
        Just("2.1.3 Requests".to_string()),
        Just("1.1.1.1.1.1.1.1.1.1 To".to_string()),
        Just("123456789012345678901234567890. Decides".to_string()),
        Just("A".to_string()),
        Just("## B".to_string()),
        Just("Annex".to_string()),
        Just("The Security Council,".to_string()),
        Just("Adopted at the 2933rd meeting".to_string()),
        Just("# ".to_string()),
        Just("**".to_string()),
        Just("- ".to_string()),
        Just("é".to_string()),
        (1..20_000usize).prop_map(|n| "x".repeat(n)),
        "[ -~]{0,20}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn the_text_reader_never_panics_on_any_string(s in any::<String>()) {
        for format in [SourceFormat::Text, SourceFormat::Markdown] {
            let m = read_text("any.txt", &s, format);
            let n = u32::try_from(s.split('\n').count()).unwrap();
            for p in &m.provisions {
                prop_assert!(1 <= p.first_line && p.first_line <= p.last_line && p.last_line <= n);
            }
        }
    }

    #[test]
    fn the_text_reader_never_panics_on_hostile_text(s in hostile_text()) {
        for format in [SourceFormat::Text, SourceFormat::Markdown] {
            let m = read_text("hostile.txt", &s, format);
            let n = u32::try_from(s.split('\n').count()).unwrap();
            for p in &m.provisions {
                prop_assert!(1 <= p.first_line && p.first_line <= p.last_line && p.last_line <= n);
                for c in &p.clauses {
                    prop_assert!(c.start <= c.end && c.end <= p.text.len());
                }
            }
            let _ = evaluate(&RULEBOOK, &m);
        }
    }
}

/// Every distinct pattern of the default rulebook, compiled.
static PHRASES: LazyLock<Vec<Phrase>> = LazyLock::new(|| {
    let mut seen = std::collections::BTreeSet::new();
    RULEBOOK
        .phrases()
        .filter(|p| seen.insert(p.pattern.clone()))
        .cloned()
        .collect()
});

/// Matches as (start, end).
type Spans = Vec<(usize, usize)>;

/// The matches of both of a phrase's regexes in `text`, which must be of
/// [`Script::AsciiWords`].
fn both(p: &Phrase, text: &str) -> (Spans, Spans) {
    let find = |s: Script| {
        p.regex
            .get(s)
            .find_iter(text)
            .map(|m| (m.start(), m.end()))
            .collect::<Vec<_>>()
    };
    (find(Script::AsciiWords), find(Script::Unicode))
}

/// Text whose words are ASCII and whose other characters include the punctuation and symbols
/// drafts carry (curly quotes, dashes, the degree sign, a superscript): what the ASCII regexes
/// search.
fn ascii_words_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        pick(&[
            "arms",
            "embargo",
            "organized",
            "crime",
            "trafficking",
            "experts",
            "panel",
            "border",
            "police",
            "arrest",
            "Council",
            "Decides",
            "Mission",
            "not",
            "mandate",
            "terror",
            "Council’s",
            "co-operation",
            "information",
            "sharing",
            "regional",
        ])
        .prop_map(str::to_string),
        pick(&[
            " ", " ", "  ", "-", "\n", "’", "“", "”", "—", "–", "°", "³", "®", "§", ";", ".", ",",
            ":", "(", ")", "_", "1", "k", "s",
        ])
        .prop_map(str::to_string),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(config(32))]

    /// A phrase's ASCII regex finds exactly what its Unicode regex finds in a text of ASCII
    /// words (the engine uses it there; the reference evaluator always uses the Unicode one).
    #[test]
    fn ascii_word_regexes_find_what_unicode_ones_find(text in ascii_words_text()) {
        prop_assert_eq!(Script::of(&text), Script::AsciiWords);
        for p in PHRASES.iter() {
            let (ascii, unicode) = both(p, &text);
            prop_assert_eq!(ascii, unicode, "{}", p.pattern);
        }
    }
}

#[test]
fn ascii_word_regexes_find_what_unicode_ones_find_in_resolutions() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/unsc");
    let mut paragraphs = 0;
    let mut matches = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap_or_default();
        for paragraph in text
            .split("\n\n")
            .filter(|p| Script::of(p) == Script::AsciiWords)
        {
            paragraphs += 1;
            for p in PHRASES.iter() {
                let (ascii, unicode) = both(p, paragraph);
                assert_eq!(ascii, unicode, "{} in {paragraph}", p.pattern);
                matches += ascii.len();
            }
        }
    }
    assert!(
        paragraphs > 1000 && matches > 1000,
        "{paragraphs} paragraphs, {matches} matches"
    );
}

#[test]
fn scripts_are_told_apart() {
    for text in ["arms embargo", "the Council’s “arms” — 30°", ""] {
        assert_eq!(Script::of(text), Script::AsciiWords, "{text}");
    }
    // A letter, digit or space outside ASCII, and the letters whose case variants are ASCII.
    for text in [
        "Côte d’Ivoire",
        "arms\u{a0}embargo",
        "\u{212a}",
        "\u{17f}",
        "٣",
    ] {
        assert_eq!(Script::of(text), Script::Unicode, "{text}");
    }
}
