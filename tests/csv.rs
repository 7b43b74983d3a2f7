//! `--format csv` (issue 14, part 3): tidy rows — one per document, rulebook and rule — with a
//! header, RFC 4180 quoting and UTF-8; streamed when it is the only output, with the same
//! bytes as when it is gathered.

mod common;

use common::{crate_path, policycheck_no_config, stderr_of, stdout_of};
use policycheck::report::CSV_COLUMNS;

const THREE: [&str; 3] = [
    "tests/fixtures/unsc/S_RES_0856_1993_EN_GOLD.txt",
    "tests/fixtures/unsc/S_RES_0875_1993_EN_GOLD.txt",
    "tests/fixtures/unsc/S_RES_0822_1993_EN_GOLD.txt",
];

fn rows(text: &str) -> (Vec<String>, Vec<csv::StringRecord>) {
    // Strict: every record must have the header's number of fields.
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .expect("a header")
        .iter()
        .map(String::from)
        .collect();
    let rows = reader
        .records()
        .collect::<Result<Vec<_>, _>>()
        .expect("RFC 4180 rows");
    (header, rows)
}

#[test]
fn three_resolutions_give_twenty_seven_rows() {
    let run = policycheck_no_config()
        .arg("check")
        .args(THREE)
        .args(["--format", "csv", "--fail-under", "20"])
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(1), "{}", stderr_of(&run));
    let text = stdout_of(&run);
    let (header, rows) = rows(&text);
    assert_eq!(header, CSV_COLUMNS);
    assert_eq!(rows.len(), 27, "3 resolutions × 9 rules");
    let first = &rows[0];
    assert_eq!(&first[0], THREE[0]);
    assert_eq!(&first[1], "Resolution 856 (1993)");
    // The date and symbol the draft states.
    assert_eq!(&first[3], "S/RES/856 (1993)");
    let s875 = rows.iter().find(|r| &r[0] == THREE[1]).expect("875's rows");
    assert_eq!(
        (&s875[2], &s875[3]),
        ("16 October 1993", "S/RES/875 (1993)")
    );
    assert_eq!(&first[4], "mali-2015");
    assert_eq!(&first[5], "crime-terror-mandate");
    assert_eq!(&first[9], "27.8");
    assert_eq!(&first[10], "true");
    // Every verdict is a verdict, every score a number, and the rows of a document agree.
    for r in &rows {
        assert!(matches!(&r[7], "met" | "partial" | "missing"), "{r:?}");
        let rule_score: f64 = r[8].parse().expect("rule score");
        assert_eq!(
            rule_score,
            match &r[7] {
                "met" => 1.0,
                "partial" => 0.5,
                _ => 0.0,
            }
        );
        let _: f64 = r[6].parse().expect("weight");
        let _: f64 = r[9].parse().expect("score");
        assert_eq!(&r[12], "");
    }
    // Cited paragraphs: where a rule is met or partly met, the paragraphs it rests on.
    assert!(
        rows.iter()
            .any(|r| &r[7] != "missing" && r[11].starts_with("OP")),
        "{text}"
    );
}

#[test]
fn streamed_and_gathered_csv_are_the_same_bytes_and_unreadable_drafts_have_a_row() {
    let dir = tempfile::tempdir().expect("tmp");
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").expect("write");
    let streamed = dir.path().join("streamed.csv");
    let gathered = dir.path().join("gathered.csv");
    // The only output: streamed.
    let run = policycheck_no_config()
        .arg("check")
        .args(THREE)
        .arg(&empty)
        .args(["--format", "csv", "--output"])
        .arg(&streamed)
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(2));
    // With a memo beside it, which is written whole: rendered from the gathered result.
    let run = policycheck_no_config()
        .arg("check")
        .args(THREE)
        .arg(&empty)
        .args(["--format", "csv", "--output"])
        .arg(&gathered)
        .args(["--format", "markdown", "--output"])
        .arg(dir.path().join("memo.md"))
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(2));
    let a = std::fs::read_to_string(&streamed).expect("streamed");
    let b = std::fs::read_to_string(&gathered).expect("gathered");
    assert_eq!(a, b);
    let (_, rows) = rows(&a);
    assert_eq!(rows.len(), 28);
    let last = rows.last().expect("the unreadable draft's row");
    assert!(last[0].ends_with("empty.txt"));
    assert!(last[12].contains("empty"), "{last:?}");
    assert_eq!(&last[5], "");
}

#[test]
fn each_row_names_its_rulebook() {
    let run = policycheck_no_config()
        .args(["check", THREE[0], "--format", "csv", "--rules"])
        .arg(crate_path("rules/mali-2015.yaml"))
        .arg("--rules")
        .arg(crate_path("rules/peace-agreement.yaml"))
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(0), "{}", stderr_of(&run));
    let (_, rows) = rows(&stdout_of(&run));
    let books: std::collections::BTreeSet<&str> = rows.iter().map(|r| &r[4]).collect();
    assert_eq!(books.len(), 2, "{books:?}");
    assert!(books.contains("mali-2015"));
    assert!(rows.len() > 9);
}
