//! Hostile Markdown (issue 13): a comment or a code fence that is never closed hides the rest of
//! the file, as it does when the Markdown is displayed. Text before it is scored and nothing
//! after it is evidence; a draft with nothing outside it is refused as "nothing to score",
//! naming the line where the comment or fence opens. Pathological nesting finishes quickly.

use super::{run, tmp, write};
use std::time::{Duration, Instant};

const VISIBLE: &str = "The Security Council,\n\nRecalling its resolution 2100 (2013),\n\n1. Decides to extend the mandate of MINUSMA until 30 June 2016;\n\n";
const HIDDEN: &str = "2. Decides that MINUSMA shall combat transnational organized crime and counter terrorism;\n\n3. Requests the Secretary-General to establish a panel of experts on organized crime;\n\n4. Authorizes the United Nations Police to support the Malian authorities operationally in the arrest of suspects;\n";

/// Checks `name` holding `text` with `--format json`: the exit code, stdout, stderr.
fn check_json(name: &str, text: &str) -> super::Run {
    let dir = tmp();
    write(dir.path(), name, text.as_bytes());
    let start = Instant::now();
    let r = run(dir.path(), &["check", name, "--format", "json"]);
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "took {:?}",
        start.elapsed()
    );
    r
}

/// The rules met and the provisions cited in a JSON report.
fn met_and_cited(json: &str) -> (Vec<String>, Vec<String>) {
    let v: serde_json::Value = serde_json::from_str(json).expect("a JSON report");
    let mut met = Vec::new();
    let mut cited = Vec::new();
    for rule in v["documents"][0]["rules"].as_array().expect("rules") {
        if rule["verdict"] == "met" {
            met.push(rule["id"].as_str().unwrap_or_default().to_string());
        }
        for e in rule["evidence"].as_array().into_iter().flatten() {
            cited.push(format!(
                "{} {}",
                e["provision"].as_str().unwrap_or_default(),
                e["excerpt"].as_str().unwrap_or_default()
            ));
        }
    }
    (met, cited)
}

fn assert_nothing_hidden_is_evidence(r: &super::Run) {
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    assert_eq!(r.stderr, "");
    let (met, cited) = met_and_cited(&r.stdout);
    for rule in [
        "crime-terror-mandate",
        "expert-group",
        "police-operational-powers",
    ] {
        assert!(!met.contains(&rule.to_string()), "{rule} met: {cited:?}");
    }
    for c in &cited {
        assert!(
            c.starts_with("OP1 ") || c.starts_with("PP1 "),
            "cited beyond the visible text: {c}"
        );
    }
}

#[test]
fn markdown_never_closed_comment_hides_the_rest() {
    let r = check_json(
        "draft.md",
        &format!("{VISIBLE}<!-- held back until the consultations end:\n\n{HIDDEN}"),
    );
    assert_nothing_hidden_is_evidence(&r);
}

#[test]
fn markdown_never_closed_fence_hides_the_rest() {
    let r = check_json("draft.md", &format!("{VISIBLE}```\n{HIDDEN}"));
    assert_nothing_hidden_is_evidence(&r);
    let r = check_json("draft.md", &format!("{VISIBLE}~~~~ text\n{HIDDEN}~~~\n"));
    assert_nothing_hidden_is_evidence(&r);
}

#[test]
fn markdown_only_a_never_closed_comment() {
    let r = check_json("draft.md", &format!("\n<!--\n{VISIBLE}{HIDDEN}"));
    assert_eq!(r.code, 2, "stdout: {}\nstderr: {}", r.stdout, r.stderr);
    assert!(r.stdout.contains("\"documents\": []"), "{}", r.stdout);
    insta::assert_snapshot!("markdown_only_a_never_closed_comment", r.stderr);
}

#[test]
fn markdown_only_a_never_closed_fence() {
    let r = check_json("draft.md", &format!("```\n{VISIBLE}{HIDDEN}"));
    assert_eq!(r.code, 2, "stdout: {}\nstderr: {}", r.stdout, r.stderr);
    insta::assert_snapshot!("markdown_only_a_never_closed_fence", r.stderr);
}

#[test]
fn markdown_only_closed_comments_code_and_front_matter() {
    let indented: String = HIDDEN.lines().map(|l| format!("    {l}\n")).collect();
    let r = check_json(
        "draft.md",
        &format!("---\ntitle: x\n---\n<!-- {VISIBLE} -->\n\n{indented}"),
    );
    assert_eq!(r.code, 2, "stdout: {}\nstderr: {}", r.stdout, r.stderr);
    insta::assert_snapshot!(
        "markdown_only_closed_comments_code_and_front_matter",
        r.stderr
    );
}

#[test]
fn markdown_pathological_nesting_finishes() {
    for (what, text) in [
        ("brackets", "[".repeat(200_000)),
        ("quotes", format!("{}Decides X;\n", "> ".repeat(20_000))),
        ("lists", format!("{}Decides X;\n", "1. - ".repeat(5_000))),
        ("emphasis", "*a _b ".repeat(50_000)),
        ("comments", "<!-- ".repeat(100_000)),
        ("backticks", "`".repeat(100_000)),
    ] {
        let r = check_json("draft.md", &format!("{VISIBLE}{text}\n"));
        assert!(
            r.code == 0 || r.code == 2,
            "{what}: exit {}: {}",
            r.code,
            r.stderr
        );
    }
}
