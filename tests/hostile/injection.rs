//! Injection through names and text (issue 16, part 5): a file name, a structured mandate's
//! title, paragraph ids and text carrying line breaks, GitHub workflow commands (`::error::`,
//! `::add-mask::`, `::set-output`), terminal escapes and bidirectional controls go through
//! every text format and the error messages. No output line may begin with a workflow command
//! taken from input, and none may carry the raw escape or control.

use super::{good_draft, tmp};
use std::fs;
use std::path::Path;
use std::process::Command;

/// What the hostile inputs hold; none of it may appear raw at the start of a line.
const COMMANDS: [&str; 3] = ["::add-mask::", "::error::", "::set-output"];

fn mandate() -> String {
    // YAML double-quoted strings: `\n`, `\e` and `\u202E` are the characters themselves.
    r#"title: "Draft\n::add-mask::title-secret \e[31mred\e[0m"
mission: "MINUSMA\n::error file=x::mission"
provisions:
  - id: "OP1\n::set-output name=pwned::id"
    text: "Decides that the mission shall combat transnational organized crime\n::error::from-text \u202Egnp.exe\u202C and arrest suspects,"
  - id: "OP2"
    text: "Requests the Secretary-General to establish a group of experts on trafficking networks,"
"#
    .to_string()
}

/// Runs `policycheck --no-config ARGS` in `dir` and returns (stdout, stderr).
fn run(dir: &Path, args: &[&str]) -> (String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_policycheck"))
        .current_dir(dir)
        .arg("--no-config")
        .args(args)
        .output()
        .expect("runs");
    let code = out.status.code();
    assert!(matches!(code, Some(0..=2)), "{args:?} ended with {code:?}");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Fails when a line of `text` begins with a workflow command from the input, or the text
/// carries a raw terminal escape or bidirectional control. The github format's own
/// annotations (`::error file=…`) are allowed; what they carry must be escaped.
fn assert_inert(what: &str, text: &str) {
    for line in text.lines() {
        let start = line.trim_start();
        for command in COMMANDS {
            assert!(
                !start.starts_with(command),
                "{what}: a line begins with {command}: {line:?}"
            );
        }
        if start.starts_with("::") {
            assert!(
                ["::error ", "::warning ", "::notice "]
                    .iter()
                    .any(|own| start.starts_with(own)),
                "{what}: a workflow command not policycheck's own: {line:?}"
            );
        }
    }
    assert!(!text.contains('\u{1b}'), "{what}: a raw escape: {text:?}");
    assert!(
        !text.contains('\u{202e}'),
        "{what}: a raw bidi control: {text:?}"
    );
}

const FORMATS: [&str; 10] = [
    "text", "json", "markdown", "html", "sarif", "junit", "github", "lines", "jsonl", "csv",
];

#[test]
fn a_structured_mandate_cannot_inject_through_any_format() {
    let dir = tmp();
    fs::write(dir.path().join("m.yaml"), mandate()).expect("write");
    for format in FORMATS {
        let (stdout, stderr) = run(dir.path(), &["check", "m.yaml", "--format", format]);
        if matches!(format, "text" | "json" | "markdown") {
            assert!(stdout.contains("OP1"), "{format}: {stdout}");
        }
        assert_inert(format, &stdout);
        assert_inert(&format!("{format}, errors"), &stderr);
    }
    // The Word memo: every part is XML a reader accepts, without the characters XML forbids.
    let (_, stderr) = run(
        dir.path(),
        &["check", "m.yaml", "--format", "docx", "--output", "m.docx"],
    );
    assert_inert("docx, errors", &stderr);
    let file = fs::File::open(dir.path().join("m.docx")).expect("written");
    let mut zip = zip::ZipArchive::new(file).expect("a zip");
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).expect("part");
        let mut text = String::new();
        std::io::Read::read_to_string(&mut part, &mut text).expect("UTF-8");
        let forbidden =
            |c: char| (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{202e}';
        assert!(
            !text.chars().any(forbidden),
            "{}: a character XML forbids or a bidi control",
            part.name().unwrap_or_default()
        );
    }
    for command in [
        &["read", "m.yaml"][..],
        &["read", "m.yaml", "--format", "yaml"],
    ] {
        let (stdout, stderr) = run(dir.path(), command);
        assert_inert("read", &stdout);
        assert_inert("read, errors", &stderr);
    }
}

#[test]
fn a_file_name_cannot_inject_through_any_format_or_message() {
    let dir = tmp();
    fs::create_dir(dir.path().join("drafts")).expect("folder");
    let name = "evil\n::add-mask::name-secret\n::error::x \u{1b}[2J\u{202e}.txt";
    fs::write(dir.path().join("drafts").join(name), good_draft()).expect("write");
    // An unreadable draft under such a name: its message names it.
    fs::write(dir.path().join("drafts").join(format!("empty{name}")), "").expect("write");
    for format in FORMATS {
        let (stdout, stderr) = run(dir.path(), &["check", "drafts", "--format", format]);
        assert!(stdout.contains("evil"), "{format}: {stdout}");
        assert_inert(format, &stdout);
        assert_inert(&format!("{format}, errors"), &stderr);
        assert!(
            stderr.contains("evil\\n::add-mask::"),
            "{format}: the name escaped: {stderr}"
        );
    }
}
