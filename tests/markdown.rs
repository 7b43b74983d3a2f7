//! Markdown drafts read through a CommonMark parser (issue 13): comments, code blocks and front
//! matter are not draft text; ordered lists number operative paragraphs with their own numbers
//! and nested lists give sub-paragraphs; emphasis and links are reduced to their text; every
//! provision keeps the line numbers of the original file.

mod common;

use common::{policycheck_no_config, stdout_of};
use policycheck::mandate::{read_mandate, read_text, Mandate, Provision, SourceFormat};
use serde_json::Value;

const HIDDEN: &str = "tests/fixtures/markdown/hidden-paragraphs.md";

fn md(text: &str) -> Mandate {
    read_text("draft.md", text, SourceFormat::Markdown)
}

fn ids(m: &Mandate) -> Vec<&str> {
    m.provisions.iter().map(|p| p.id.as_str()).collect()
}

fn get<'a>(m: &'a Mandate, id: &str) -> &'a Provision {
    m.provisions
        .iter()
        .find(|p| p.id == id)
        .unwrap_or_else(|| panic!("no {id} in {:?}", ids(m)))
}

/// (rule, verdict).
type Verdict = (String, String);
/// (provision, first line, last line, excerpt).
type Cited = (String, u64, u64, String);

/// The verdict of each rule, and every piece of evidence cited.
fn verdicts_and_evidence(json: &str) -> (Vec<Verdict>, Vec<Cited>) {
    let v: Value = serde_json::from_str(json).expect("JSON report");
    let mut verdicts = Vec::new();
    let mut evidence = Vec::new();
    for rule in v["documents"][0]["rules"].as_array().expect("rules") {
        verdicts.push((
            rule["id"].as_str().unwrap_or_default().to_string(),
            rule["verdict"].as_str().unwrap_or_default().to_string(),
        ));
        for e in rule["evidence"].as_array().into_iter().flatten() {
            evidence.push((
                e["provision"].as_str().unwrap_or_default().to_string(),
                e["lines"][0].as_u64().unwrap_or_default(),
                e["lines"][1].as_u64().unwrap_or_default(),
                e["excerpt"].as_str().unwrap_or_default().to_string(),
            ));
        }
    }
    (verdicts, evidence)
}

#[test]
fn paragraphs_in_a_comment_or_a_code_fence_are_never_evidence() {
    // examples/draft-renewal-2015.md with OP2 and OP3 inside `<!-- … -->` (lines 38–56) and
    // OP4 inside a ``` fence (lines 58–64), and YAML front matter (lines 1–4).
    let m = read_mandate(&common::crate_path(HIDDEN)).expect("read");
    let got = ids(&m);
    for hidden in ["OP2", "OP2(a)", "OP3", "OP4"] {
        assert!(!got.contains(&hidden), "{hidden} in {got:?}");
    }
    assert_eq!(
        got.iter().filter(|id| id.starts_with("OP")).count(),
        11,
        "OP1 and OP5–OP14: {got:?}"
    );
    let op1 = get(&m, "OP1");
    assert_eq!((op1.first_line, op1.last_line), (35, 36));
    let op5 = get(&m, "OP5");
    assert_eq!((op5.first_line, op5.last_line), (66, 69));
    assert!(op5
        .text
        .starts_with("Decides that MINUSMA shall use its good offices"));
    for p in &m.provisions {
        for hidden in [
            "panel of experts",
            "Police component",
            "money laundering",
            "status: draft",
        ] {
            assert!(!p.text.contains(hidden), "{} holds {hidden:?}", p.id);
        }
        let hidden_lines = (1..=4).chain(38..=64);
        for line in hidden_lines {
            assert!(
                !p.line_map.iter().any(|(_, l)| *l == line),
                "{} takes text from hidden line {line}",
                p.id
            );
        }
    }

    let run = policycheck_no_config()
        .args(["check", HIDDEN, "--format", "json"])
        .assert();
    let (verdicts, evidence) = verdicts_and_evidence(&stdout_of(&run));
    let verdict = |id: &str| {
        verdicts
            .iter()
            .find(|(r, _)| r == id)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("no rule {id} in {verdicts:?}"))
    };
    // Before issue 13 all three were met, citing the hidden text. What is left of organized
    // crime is OP6's regional strategy "against the cross-border trafficking of arms".
    assert_eq!(verdict("crime-terror-mandate"), "partial");
    assert!(evidence
        .iter()
        .any(|(p, first, _, e)| p == "OP6" && *first == 71 && e.contains("cross-border traffic")));
    assert_eq!(verdict("expert-group"), "missing");
    assert_eq!(verdict("police-operational-powers"), "missing");
    assert!(!evidence.is_empty());
    for (provision, first, last, excerpt) in &evidence {
        assert!(
            *last < 38 || *first > 64,
            "{provision} cited at lines {first}–{last}"
        );
        assert!(
            !["OP2", "OP3", "OP4"].contains(&provision.as_str()),
            "{provision} cited: {excerpt}"
        );
        for hidden in ["panel of experts", "Police component", "money laundering"] {
            assert!(!excerpt.contains(hidden), "{provision}: {excerpt}");
        }
    }
}

#[test]
fn a_list_that_starts_at_5_numbers_its_paragraphs_from_5() {
    let m = md("The Security Council,\n\n5. Decides that MINUSMA shall support the elections;\n\n6. Requests the Secretary-General to report;\n");
    assert_eq!(ids(&m), ["HEADER", "OP5", "OP6"]);
    assert_eq!(get(&m, "OP6").first_line, 5);
    // The same after paragraphs 2–4 were commented out.
    let m = md("1. Decides to extend the mandate;\n\n<!--\n2. Decides A;\n\n3. Decides B;\n\n4. Decides C;\n-->\n\n5. Requests a report;\n");
    assert_eq!(ids(&m), ["OP1", "OP5"]);
    assert_eq!(get(&m, "OP5").text, "Requests a report;");
    assert_eq!(get(&m, "OP5").first_line, 11);
}

#[test]
fn nested_lists_are_sub_paragraphs() {
    let m = md("The Security Council,\n\n5. Decides that MINUSMA shall have the following tasks:\n   1. to protect civilians;\n   2. to support the elections, in particular:\n      - to train electoral officials;\n      - to secure polling stations;\n6. Requests the Secretary-General to report;\n");
    assert_eq!(
        ids(&m),
        [
            "HEADER",
            "OP5",
            "OP5(a)",
            "OP5(b)",
            "OP5(b)(i)",
            "OP5(b)(ii)",
            "OP6"
        ]
    );
    let b = get(&m, "OP5(b)");
    assert_eq!(b.parent.as_deref(), Some("OP5"));
    assert_eq!(b.text, "to support the elections, in particular:");
    assert_eq!((b.first_line, b.last_line), (5, 5));
    assert_eq!(get(&m, "OP5(b)(ii)").first_line, 7);
    // Items that print their own letters keep them.
    let m = md("1. Decides:\n   - (a) to monitor;\n   - (b) to report;\n");
    assert_eq!(ids(&m), ["OP1", "OP1(a)", "OP1(b)"]);
}

#[test]
fn emphasis_and_links_are_reduced_to_their_text() {
    let text = "The Security Council,\n\n1. **Decides** that MINUSMA shall *combat* transnational organized crime and [terrorism](https://example.org/terrorism \"link\"), and `counter` violent extremism;\n";
    let m = md(text);
    assert_eq!(
        get(&m, "OP1").text,
        "Decides that MINUSMA shall combat transnational organized crime and terrorism, and counter violent extremism;"
    );
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("draft.md");
    std::fs::write(&path, text).expect("write");
    let run = policycheck_no_config()
        .args(["check", path.to_str().expect("path"), "--format", "json"])
        .assert();
    let (_, evidence) = verdicts_and_evidence(&stdout_of(&run));
    assert!(!evidence.is_empty());
    for (_, _, _, excerpt) in &evidence {
        for markup in ["**", "*combat*", "](", "https://", "`"] {
            assert!(!excerpt.contains(markup), "{excerpt}");
        }
    }
}

#[test]
fn front_matter_is_not_draft_text() {
    let m = md("---\ntitle: Decides that MINUSMA shall combat terrorism\nauthor: x\n---\n\n# Draft resolution\n\nThe Security Council,\n\n1. Requests a report;\n");
    assert_eq!(ids(&m), ["HEADER", "OP1"]);
    let header = get(&m, "HEADER");
    assert_eq!(header.text, "Draft resolution The Security Council,");
    assert_eq!(header.line_map, vec![(0, 6), (17, 8)]);
    assert_eq!(m.title.as_deref(), Some("Draft resolution"));
    assert_eq!(get(&m, "OP1").first_line, 10);
}

#[test]
fn headings_open_sections_and_carry_no_text() {
    let m = md("The Security Council,\n\n## A\n\n1. Decides X;\n\n### Section B: sanctions\n\nActing under Chapter VII of the Charter,\n\n2. Decides Y;\n\n## Mandate of the Mission\n\n3. Requests Z;\n");
    assert_eq!(ids(&m), ["HEADER", "A-OP1", "B-PP1", "B-OP2", "B-OP3"]);
    assert_eq!(get(&m, "B-OP2").text, "Decides Y;");
}

#[test]
fn line_numbers_are_those_of_the_file() {
    let text = "# Draft\n\nThe Security Council,\n\n<!-- a note\nover two lines -->\n\nRecalling its resolution 2100 (2013),\nand *its* statements,\n\n```\ncode\n```\n\n1. Decides that the Mission shall\n   protect civilians;\n\n   (a) by patrols;\n";
    let m = md(text);
    assert_eq!(ids(&m), ["HEADER", "PP1", "OP1", "OP1(a)"]);
    let pp1 = get(&m, "PP1");
    assert_eq!((pp1.first_line, pp1.last_line), (8, 9));
    assert_eq!(
        pp1.text,
        "Recalling its resolution 2100 (2013), and its statements,"
    );
    let op1 = get(&m, "OP1");
    assert_eq!((op1.first_line, op1.last_line), (15, 16));
    assert_eq!(op1.line_map, vec![(0, 15), (31, 16)]);
    assert_eq!(get(&m, "OP1(a)").first_line, 18);
}

#[test]
fn a_draft_with_only_commented_text_is_refused() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("draft.md");
    std::fs::write(
        &path,
        "<!--\n1. Decides X;\n-->\n\n```\n2. Decides Y;\n```\n",
    )
    .expect("write");
    let run = policycheck_no_config()
        .args(["check", path.to_str().expect("path")])
        .assert()
        .code(2);
    let err = common::stderr_of(&run);
    assert!(
        err.contains("no text outside Markdown comments, code blocks and front matter"),
        "{err}"
    );
}

#[test]
fn a_list_numbered_one_one_one_is_numbered_as_displayed() {
    let m = md("The Security Council,\n\n1. Decides X;\n1. Requests Y;\n1. Calls upon Z;\n");
    assert_eq!(ids(&m), ["HEADER", "OP1", "OP2", "OP3"]);
    assert_eq!(get(&m, "OP3").first_line, 5);
}
