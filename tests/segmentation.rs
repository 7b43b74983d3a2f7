//! Segmentation of real resolutions: the text reader must split each fixture in
//! tests/fixtures/unsc (copies of corpus files, see tests/fixtures/SOURCES.md) into exactly the
//! operative ids a reader sees in the printed text. The expected lists were checked by eye
//! against the files, including sections (B-OP14), sub-paragraphs (OP3(a)), roman items
//! (OP16(a)(iii)) and the misprints the reader repairs; they are the point of the test.

mod common;

use common::txt_files;
use policycheck::mandate::{read_text, Addressee, Force, Mandate, Part, Provision, SourceFormat};
use std::path::Path;

fn read(name: &str) -> Mandate {
    let path = format!("tests/fixtures/unsc/S_RES_{name}_EN_GOLD.txt");
    let text = std::fs::read_to_string(&path).expect("fixture present");
    read_text(&path, &text, SourceFormat::Text)
}

fn op_ids(m: &Mandate) -> Vec<&str> {
    m.provisions
        .iter()
        .filter(|p| p.part == Part::Operative)
        .map(|p| p.id.as_str())
        .collect()
}

fn get<'a>(m: &'a Mandate, id: &str) -> &'a Provision {
    m.provisions
        .iter()
        .find(|p| p.id == id)
        .unwrap_or_else(|| panic!("no provision {id}"))
}

/// "OP1 OP2 …" for `1..=n`, with an optional prefix.
fn run(prefix: &str, from: u32, to: u32) -> Vec<String> {
    (from..=to).map(|n| format!("{prefix}OP{n}")).collect()
}

fn check(name: &str, expected: &[&str]) {
    let m = read(name);
    assert_eq!(op_ids(&m), expected, "operative ids of {name}");
}

fn check_run(name: &str, n: u32) {
    let m = read(name);
    let expected = run("", 1, n);
    assert_eq!(op_ids(&m), expected, "operative ids of {name}");
}

#[test]
fn plain_numbered_resolutions() {
    for (name, n) in [
        ("0425_1978", 4),
        ("0640_1989", 10),
        ("0644_1989", 4), // "4, Requests": a comma printed for the full stop
        ("0650_1990", 3),
        ("0690_1991", 6),
        ("0693_1991", 6),
        ("0733_1992", 11),
        ("0769_1992", 4),
        ("0792_1992", 22), // "14, Requests"
        ("0794_1992", 21),
        ("0827_1993", 9),
        ("0837_1993", 10),
        ("0838_1993", 3),
        ("0885_1993", 9),
        ("0898_1994", 21), // OP4 enumerates (a) (b) (c) inside its sentence: no sub-paragraphs
    ] {
        check_run(name, n);
    }
}

#[test]
fn sub_paragraphs() {
    check(
        "0661_1990",
        &[
            "OP1", "OP2", "OP3", "OP3(a)", "OP3(b)", "OP3(c)", "OP4", "OP5", "OP6", "OP6(a)",
            "OP6(b)", "OP7", "OP8", "OP9", "OP9(a)", "OP9(b)", "OP10", "OP11",
        ],
    );
    check(
        "0841_1993",
        &[
            "OP1", "OP2", "OP3", "OP4", "OP5", "OP6", "OP7", "OP8", "OP9", "OP10", "OP10(a)",
            "OP10(b)", "OP10(c)", "OP10(d)", "OP10(e)", "OP10(f)", "OP11", "OP12", "OP13", "OP14",
            "OP15", "OP16", "OP17",
        ],
    );
    let letters: Vec<String> = "abcdefgh".chars().map(|c| format!("OP3({c})")).collect();
    for (name, last) in [("0866_1993", 14), ("0872_1993", 15)] {
        // 872 prints "f)" for "(f)".
        let mut expected = run("", 1, 3);
        expected.extend(letters.iter().cloned());
        expected.extend(run("", 4, last));
        assert_eq!(op_ids(&read(name)), expected, "operative ids of {name}");
    }
}

#[test]
fn roman_items() {
    // 883 OP3: "(a)", "(6)" (a misprinted "(b)"), then the paragraph's sentence resumes
    // ("shall freeze such funds …") and its own list (i)–(iii) follows.
    check(
        "0883_1993",
        &[
            "OP1",
            "OP2",
            "OP3",
            "OP3(a)",
            "OP3(b)",
            "OP3(i)",
            "OP3(ii)",
            "OP3(iii)",
            "OP4",
            "OP5",
            "OP6",
            "OP6(a)",
            "OP6(b)",
            "OP6(c)",
            "OP6(c)(i)",
            "OP6(c)(ii)",
            "OP6(d)",
            "OP6(e)",
            "OP6(f)",
            "OP7",
            "OP8",
            "OP9",
            "OP10",
            "OP11",
            "OP12",
            "OP13",
            "OP14",
            "OP15",
            "OP16",
            "OP17",
        ],
    );
    // 242: "(1)" is a misprinted "(i)", as the "(ii)" after it shows.
    check(
        "0242_1967",
        &[
            "OP1", "OP1(i)", "OP1(ii)", "OP2", "OP2(a)", "OP2(b)", "OP2(c)", "OP3", "OP4",
        ],
    );
    // 47: "10. (a) The Government…" opens paragraph 10 with its first sub-paragraph.
    check(
        "0047_1948",
        &[
            "OP1",
            "OP1(a)",
            "OP1(b)",
            "OP2",
            "OP2(a)",
            "OP2(b)",
            "OP2(c)",
            "OP2(c)(i)",
            "OP2(c)(ii)",
            "OP2(c)(iii)",
            "OP3",
            "OP4",
            "OP5",
            "OP6",
            "OP7",
            "OP8",
            "OP9",
            "OP10",
            "OP10(a)",
            "OP10(b)",
            "OP10(c)",
            "OP10(d)",
            "OP10(e)",
            "OP11",
            "OP12",
            "OP13",
            "OP14",
            "OP14(a)",
            "OP14(b)",
            "OP14(c)",
            "OP15",
            "OP16",
            "OP17",
            "OP18",
        ],
    );
}

#[test]
fn sections_prefix_ids_and_numbers_run_on() {
    // 820: A 1–9, B 10–30 (with 22(a)–(c)), C 31–33; "C" is printed "c".
    let mut expected = run("A-", 1, 9);
    expected.extend(run("B-", 10, 22));
    expected.extend(["B-OP22(a)", "B-OP22(b)", "B-OP22(c)"].map(String::from));
    expected.extend(run("B-", 23, 30));
    expected.extend(run("C-", 31, 33));
    let m = read("0820_1993");
    assert_eq!(op_ids(&m), expected);
    // The labels cite 820's PP8 (sanctions-busting condemned) and its B-OP14 (UNPROFOR's
    // customs functions): the numbers must land on those paragraphs.
    assert!(get(&m, "PP8")
        .text
        .starts_with("Expressing its condemnation"));
    assert!(get(&m, "B-OP14")
        .text
        .contains("immigration and customs control"));
    assert!(
        get(&m, "C-OP32").text.contains("reconstruction")
            || get(&m, "C-OP32").part == Part::Operative
    );
    // Section B has its own preambular paragraphs; PP numbers run on.
    assert_eq!(get(&m, "B-PP11").text, "Determined to strengthen the implementation of the measures imposed by its earlier relevant resolutions,");
    assert_eq!(get(&m, "B-PP12").section.as_deref(), Some("B"));

    // 864: A 1–16, B 17–26 (22(a)–(e), "(d)" printed "(a)"), C 27–29.
    let mut expected = run("A-", 1, 22 - 6);
    expected.extend(run("B-", 17, 22));
    expected.extend(["a", "b", "c", "d", "e"].map(|c| format!("B-OP22({c})")));
    expected.extend(run("B-", 23, 26));
    expected.extend(run("C-", 27, 29));
    assert_eq!(op_ids(&read("0864_1993")), expected);

    // 814: A 1–4 (4(a)–(g), "(d)" printed "(ad)"), B 5–14, C 15–20.
    let mut expected = run("A-", 1, 4);
    expected.extend("abcdefg".chars().map(|c| format!("A-OP4({c})")));
    expected.extend(run("B-", 5, 14));
    expected.extend(run("C-", 15, 20));
    assert_eq!(op_ids(&read("0814_1993")), expected);

    // 674: sections A and B.
    let mut expected = run("A-", 1, 11);
    expected.extend(run("B-", 12, 13));
    assert_eq!(op_ids(&read("0674_1990")), expected);
}

#[test]
fn sections_a_to_i() {
    // 687: OP1 stands before section A; the sections run A–I.
    let m = read("0687_1991");
    let mut expected = vec!["OP1".to_string()];
    expected.extend(run("A-", 2, 4));
    expected.extend(run("B-", 5, 6));
    expected.extend(run("C-", 7, 8));
    expected.extend(["C-OP8(a)", "C-OP8(b)", "C-OP9", "C-OP9(a)", "C-OP9(b)"].map(String::from));
    expected.extend(["i", "ii", "iii"].map(|r| format!("C-OP9(b)({r})")));
    expected.extend(run("C-", 10, 14));
    expected.extend(run("D-", 15, 15));
    expected.extend(run("E-", 16, 19));
    expected.extend(run("F-", 20, 24));
    expected.extend(["a", "b", "c", "d"].map(|c| format!("F-OP24({c})")));
    expected.extend(run("F-", 25, 29));
    expected.extend(run("G-", 30, 31));
    expected.extend(run("H-", 32, 32));
    expected.extend(run("I-", 33, 34));
    assert_eq!(op_ids(&m), expected);
    assert_eq!(get(&m, "C-OP9(b)(ii)").parent.as_deref(), Some("C-OP9(b)"));
    assert_eq!(get(&m, "C-OP9(b)").parent.as_deref(), Some("C-OP9"));
    assert_eq!(
        m.provisions
            .iter()
            .filter(|p| p.part == Part::Preambular)
            .count(),
        26
    );
}

#[test]
fn misprinted_sub_paragraph_markers() {
    // 724 OP5: markers printed after their text, and "(d)" printed "(2)".
    check(
        "0724_1991",
        &[
            "OP1",
            "OP2",
            "OP3",
            "OP4",
            "OP5",
            "OP5(a)",
            "OP5(b)",
            "OP5(b)(i)",
            "OP5(b)(ii)",
            "OP5(b)(iii)",
            "OP5(b)(iv)",
            "OP5(c)",
            "OP5(d)",
            "OP6",
            "OP7",
            "OP8",
            "OP9",
        ],
    );
}

#[test]
fn lines_of_provisions() {
    let m = read("0883_1993");
    let op10 = get(&m, "OP10"); // follows OP9 without a blank line
    assert_eq!((op10.first_line, op10.last_line), (148, 152));
    assert_eq!(
        (get(&m, "OP9").first_line, get(&m, "OP9").last_line),
        (143, 147)
    );
    assert_eq!(get(&m, "OP3(ii)").first_line, 73);
    assert_eq!(
        get(&m, "OP17").text,
        "Decides to remain seized of the matter."
    );
    let footer = get(&m, "FOOTER");
    assert_eq!(
        (footer.first_line, footer.last_line, footer.part),
        (251, 253, Part::Header)
    );
    assert_eq!(get(&m, "ANNEX").first_line, 195);

    let m = read("0687_1991");
    let op6 = get(&m, "B-OP6");
    assert_eq!((op6.first_line, op6.last_line), (179, 184));
    assert_eq!(op6.line_at(op6.text.find("Member States").unwrap()), 182);

    // 820 PP5 is split by a stray blank line before "insisting": one paragraph.
    let m = read("0820_1993");
    let pp5 = get(&m, "PP5");
    assert_eq!((pp5.first_line, pp5.last_line), (19, 23));
    assert!(pp5
        .text
        .contains("unacceptable, and insisting that all displaced persons"));
    assert_eq!(pp5.line_at(pp5.text.find("insisting").unwrap()), 22);
    let header = get(&m, "HEADER");
    assert_eq!((header.first_line, header.last_line), (1, 6));
    assert_eq!(m.title.as_deref(), Some("Resolution 820 (1993)"));
    assert_eq!(m.adopted.as_deref(), Some("17 April 1993"));
}

#[test]
fn preambular_counts() {
    for (name, n) in [("0883_1993", 10), ("0661_1990", 7), ("0866_1993", 13)] {
        let m = read(name);
        let pps: Vec<_> = m
            .provisions
            .iter()
            .filter(|p| p.part == Part::Preambular)
            .map(|p| p.id.as_str())
            .collect();
        let expected: Vec<String> = (1..=n).map(|i| format!("PP{i}")).collect();
        assert_eq!(pps, expected, "preambular ids of {name}");
    }
}

#[test]
fn hyphenated_words_are_rejoined() {
    let m = read("0883_1993");
    // "notwithstand-\ning" (lines 160–161).
    assert!(get(&m, "OP12")
        .text
        .contains("notwithstanding the existence of any rights"));
    let m = read("0724_1991");
    // "para-\ngraph" in OP2; "peace-keeping" keeps its hyphen.
    assert!(
        get(&m, "OP2").text.contains("paragraph"),
        "{}",
        get(&m, "OP2").text
    );
    assert!(!get(&m, "OP2").text.contains("para- "));
    assert!(get(&m, "OP4").text.contains("peace-keeping"));
}

#[test]
fn force_and_addressee_on_real_paragraphs() {
    let m = read("0661_1990");
    let c = &get(&m, "OP3").clauses[0];
    assert_eq!((c.force, c.addressee), (Force::Mandate, Addressee::States));
    // "… and calls upon all States: (a) To take …": the sub-paragraph is a call on States.
    let c = &get(&m, "OP9(a)").clauses[0];
    assert_eq!(
        (c.verb.as_deref(), c.force, c.addressee),
        (Some("calls upon"), Force::Call, Addressee::States)
    );
    let c = get(&m, "OP6").clauses.first().unwrap();
    assert_eq!((c.force, c.addressee), (Force::Mandate, Addressee::UnBody));

    let m = read("0866_1993");
    let c = &get(&m, "OP3(a)").clauses[0];
    assert_eq!((c.force, c.addressee), (Force::Mandate, Addressee::Mission));
    assert_eq!(get(&m, "PP1").clauses[0].force, Force::Context);
    let last = m
        .provisions
        .iter()
        .rfind(|p| p.part == Part::Operative)
        .unwrap();
    assert_eq!(last.clauses[0].addressee, Addressee::Council);
}

/// Every fixture reads without panic; each with numbered paragraphs has operative ones.
#[test]
fn every_fixture_reads() {
    let mut n = 0;
    for path in txt_files(Path::new("tests/fixtures/unsc")) {
        let text = std::fs::read_to_string(&path).unwrap();
        let m = read_text(&path.display().to_string(), &text, SourceFormat::Text);
        let numbered = text.lines().any(|l| l.trim_start().starts_with("1. "));
        if numbered {
            assert!(
                op_ids(&m).iter().any(|id| id.contains("OP")),
                "{}",
                path.display()
            );
        }
        for p in &m.provisions {
            assert!(p.first_line <= p.last_line, "{} {}", path.display(), p.id);
            assert!(
                !p.clauses.is_empty() || p.text.is_empty(),
                "{} {}",
                path.display(),
                p.id
            );
        }
        n += 1;
    }
    assert!(n >= 24, "only {n} fixtures");
}

/// The whole shared corpus (902 files): no panic, and a count of the resolutions whose
/// top-level operative numbers do not run 1..n (a number lost in printing, or a paragraph 1
/// misread). Required in CI, skipped with a message elsewhere (`common::shared_corpus`).
#[test]
fn whole_corpus_reads() {
    let Some(dir) = common::shared_corpus() else {
        return;
    };
    let dir = dir.as_path();
    let (mut total, mut with_ops, mut gaps) = (0, 0, Vec::new());
    for path in txt_files(dir) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let m = read_text("x", &text, SourceFormat::Text);
        total += 1;
        let numbers: Vec<u32> = m
            .provisions
            .iter()
            .filter(|p| p.part == Part::Operative && p.parent.is_none())
            .filter_map(|p| p.id.rsplit("OP").next()?.split('-').next()?.parse().ok())
            .collect();
        if !numbers.is_empty() {
            with_ops += 1;
        }
        if numbers.iter().enumerate().any(|(i, &n)| n != i as u32 + 1) {
            gaps.push(path.file_name().unwrap().to_string_lossy().to_string());
        }
    }
    eprintln!(
        "{total} resolutions, {with_ops} with operative paragraphs, {} whose numbers do not run 1..n: {}",
        gaps.len(),
        gaps.join(" ")
    );
    assert!(total == 0 || with_ops * 10 >= total * 9);
}
