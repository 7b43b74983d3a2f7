//! Which documents a run reads (issue 13): folders searched as ripgrep searches them
//! (.gitignore in a git repository, hidden files, symbolic links not followed unless asked),
//! Word drafts found in folders, README-style files and the configuration's own files never
//! taken for drafts, `include`/`exclude`, each draft checked once, a run that finds no draft
//! failing plainly, and drafts read from standard input (`-`, `--stdin-name`).

mod common;

use common::{crate_path, policycheck_in, stderr_of, stdout_of};
use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::Command;
use zip::write::SimpleFileOptions;

const DRAFT: &str = "tests/fixtures/unsc/S_RES_0724_1991_EN_GOLD.txt";

fn draft_text() -> String {
    fs::read_to_string(crate_path(DRAFT)).expect("fixture present")
}

fn put(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().expect("a folder")).expect("create folder");
    fs::write(path, text).expect("write file");
}

/// The paths of the documents of a JSON report, in order.
fn documents_of(json: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"));
    v["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|d| d["path"].as_str().expect("a path").to_string())
        .collect()
}

/// (rule id, verdict) of every rule of the only document of a JSON report.
fn verdicts_of(json: &str) -> Vec<(String, String)> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"));
    let docs = v["documents"].as_array().expect("documents");
    assert_eq!(docs.len(), 1, "{json}");
    docs[0]["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .map(|r| {
            (
                r["id"].as_str().expect("id").to_string(),
                r["verdict"].as_str().expect("verdict").to_string(),
            )
        })
        .collect()
}

/// `policycheck --no-config check ARGS --format json` in `dir`.
fn check_json(dir: &Path, args: &[&str]) -> std::process::Output {
    policycheck_in(dir)
        .arg("--no-config")
        .arg("check")
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("runs")
}

#[test]
fn a_folder_of_word_drafts_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let body = draft_text()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let escaped = l
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            format!("<w:p><w:r><w:t xml:space=\"preserve\">{escaped}</w:t></w:r></w:p>")
        })
        .collect::<String>();
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:body>{body}</w:body></w:document>"
    );
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#,
        ),
        ("word/document.xml", document.as_str()),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in parts {
        zip.start_file(name, SimpleFileOptions::default()).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    fs::create_dir(dir.path().join("drafts")).unwrap();
    fs::write(dir.path().join("drafts/draft.docx"), bytes).unwrap();

    let out = check_json(dir.path(), &["drafts"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert_eq!(documents_of(&stdout_of(&out)), ["drafts/draft.docx"]);
    // Read as Word, it scores as its text does.
    put(dir.path(), "plain/draft.txt", &draft_text());
    let text = check_json(dir.path(), &["plain/draft.txt"]);
    assert_eq!(
        verdicts_of(&stdout_of(&out)),
        verdicts_of(&stdout_of(&text))
    );
}

#[test]
fn an_empty_folder_or_one_without_drafts_fails_plainly_with_or_without_bars() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("empty")).unwrap();
    put(
        dir.path(),
        "other/README.md",
        "# Drafts\n\nDecides that the mission shall act.\n",
    );
    put(dir.path(), "other/notes.rtf", "{\\rtf1 notes}");
    for args in [
        &["empty"][..],
        &["empty", "--fail-under", "50"],
        &["other"],
        &["other/"],
    ] {
        let out = policycheck_in(dir.path())
            .args(["--no-config", "check"])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(
            stderr_of(&out),
            format!(
                "error: no drafts found in {} (looked for .txt, .md, .markdown, .docx, .pdf, \
                 .yaml, .yml; README, CHANGELOG and the configuration's own files are skipped)\n  \
                 hint: hidden files and files ignored by .gitignore or .ignore are skipped too; \
                 a file named as an argument is always read, whatever its name\n",
                args[0]
            ),
            "{args:?}"
        );
    }
    // A pattern that matches nothing, or only files that are not drafts.
    let out = policycheck_in(dir.path())
        .args(["--no-config", "check", "nothing/*.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr_of(&out),
        "error: nothing/*.md: the pattern matches no file\n"
    );
    let out = policycheck_in(dir.path())
        .args(["--no-config", "check", "other/*.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).starts_with(
        "error: no drafts found matching other/*.md (README, CHANGELOG and the configuration's \
         own files are skipped)\n"
    ));
    // Named explicitly, any file is read, whatever its name and extension (plain text).
    let out = check_json(dir.path(), &["other/README.md", "other/notes.rtf"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert_eq!(
        documents_of(&stdout_of(&out)),
        ["other/README.md", "other/notes.rtf"]
    );
}

#[test]
fn check_dot_in_an_init_folder_reads_no_readme_configuration_or_rulebook() {
    let dir = tempfile::tempdir().unwrap();
    let init = policycheck_in(dir.path())
        .args(["init", "border-paper"])
        .output()
        .unwrap();
    assert_eq!(init.status.code(), Some(0), "{}", stderr_of(&init));
    put(
        dir.path(),
        "README.md",
        "# Our drafts\n\nDecides that the mission shall act.\n",
    );
    put(
        dir.path(),
        "CHANGELOG.md",
        "# Changes\n\n- Decides to add a draft.\n",
    );
    put(dir.path(), "LICENSE-MIT", "Permission is hereby granted.\n");
    put(dir.path(), "waivers.yaml", "waivers: []\n");
    let config = fs::read_to_string(dir.path().join("policycheck.yaml")).unwrap();
    fs::write(
        dir.path().join("policycheck.yaml"),
        format!("{config}\nwaivers: waivers.yaml\n"),
    )
    .unwrap();
    // Nothing but the configuration's own files and README-style files: no drafts.
    let out = policycheck_in(dir.path())
        .args(["check", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stdout_of(&out));
    assert!(
        stderr_of(&out).starts_with("error: no drafts found in . "),
        "{}",
        stderr_of(&out)
    );
    // With a draft, only the draft is read.
    put(dir.path(), "drafts/renewal.txt", &draft_text());
    let out = policycheck_in(dir.path())
        .args(["check", ".", "--format", "json"])
        .output()
        .unwrap();
    // Scored against the new rulebook's bars (exit 1 when short of them), not refused.
    assert_ne!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert_eq!(stderr_of(&out), "");
    assert_eq!(documents_of(&stdout_of(&out)), ["drafts/renewal.txt"]);
}

#[test]
fn in_a_git_repository_gitignored_and_hidden_folders_are_not_read() {
    let dir = tempfile::tempdir().unwrap();
    put(dir.path(), "drafts/a.txt", &draft_text());
    put(dir.path(), "drafts/build/b.txt", &draft_text());
    put(dir.path(), "drafts/.cache/c.txt", &draft_text());
    put(dir.path(), "drafts/d.txt", &draft_text());
    put(dir.path(), ".gitignore", "build/\n");
    put(dir.path(), "drafts/.ignore", "d.txt\n");
    // Outside a git repository, .gitignore does not apply (as with git and ripgrep)...
    let out = check_json(dir.path(), &["drafts"]);
    assert_eq!(
        documents_of(&stdout_of(&out)),
        ["drafts/a.txt", "drafts/build/b.txt"]
    );
    // ... inside one, it does.
    let git = Command::new("git")
        .args(["init", "-q"])
        .current_dir(dir.path())
        .status()
        .expect("git runs");
    assert!(git.success());
    let out = check_json(dir.path(), &["drafts"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert_eq!(documents_of(&stdout_of(&out)), ["drafts/a.txt"]);
    // Named as files, they are read.
    let out = check_json(dir.path(), &["drafts/build/b.txt", "drafts/d.txt"]);
    assert_eq!(
        documents_of(&stdout_of(&out)),
        ["drafts/build/b.txt", "drafts/d.txt"]
    );
}

#[cfg(unix)]
#[test]
fn symbolic_links_to_folders_are_not_followed_and_each_draft_is_checked_once() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    put(dir.path(), "drafts/a.txt", &draft_text());
    put(dir.path(), "elsewhere/b.txt", &draft_text());
    symlink("..", dir.path().join("drafts/up")).unwrap();
    symlink("../elsewhere", dir.path().join("drafts/other")).unwrap();
    symlink("a.txt", dir.path().join("drafts/same.txt")).unwrap();

    // By default: no link to a folder followed, the link to a.txt is a.txt, once.
    let out = check_json(dir.path(), &["drafts", "drafts/a.txt", "./drafts"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert_eq!(documents_of(&stdout_of(&out)), ["drafts/a.txt"]);

    // Followed on request: the loop is reported (exit 2), not followed; each draft once.
    let out = check_json(dir.path(), &["drafts", "--follow-symlinks"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        documents_of(&stdout_of(&out)),
        ["drafts/a.txt", "drafts/other/b.txt"]
    );
    assert_eq!(
        stderr_of(&out),
        "error: drafts/up: a symbolic link loop (`..` leads back to a folder it is in); not \
         followed\n2 drafts checked (no bar set), 0 unreadable\n"
    );
    // The configuration's `follow_symlinks: true` does the same.
    put(dir.path(), "policycheck.yaml", "follow_symlinks: true\n");
    let out = policycheck_in(dir.path())
        .args(["check", "drafts", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        documents_of(&stdout_of(&out)),
        ["drafts/a.txt", "drafts/other/b.txt"]
    );
}

#[test]
fn include_and_exclude_narrow_the_search_but_never_a_named_file() {
    let dir = tempfile::tempdir().unwrap();
    for f in [
        "drafts/final/a.txt",
        "drafts/final/b.md",
        "drafts/scratch/c.txt",
        "notes/d.txt",
    ] {
        put(dir.path(), f, &draft_text());
    }
    put(
        dir.path(),
        "policycheck.yaml",
        "include: [\"drafts/**\"]\nexclude: [drafts/scratch, \"**/*.md\"]\n",
    );
    let run = |args: &[&str]| {
        let out = policycheck_in(dir.path())
            .arg("check")
            .args(args)
            .args(["--format", "json"])
            .output()
            .unwrap();
        (out.status.code(), documents_of(&stdout_of(&out)))
    };
    assert_eq!(
        run(&["."]),
        (Some(0), vec!["drafts/final/a.txt".to_string()])
    );
    assert_eq!(
        run(&["'**/*.txt'".trim_matches('\'')]),
        (Some(0), vec!["drafts/final/a.txt".to_string()])
    );
    // From a subfolder, the patterns are still relative to the configuration's folder.
    let out = policycheck_in(&dir.path().join("drafts"))
        .args(["check", ".", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(documents_of(&stdout_of(&out)), ["final/a.txt"]);
    // Named files are read whatever the patterns say.
    assert_eq!(
        run(&["notes/d.txt", "drafts/scratch/c.txt"]),
        (
            Some(0),
            vec![
                "notes/d.txt".to_string(),
                "drafts/scratch/c.txt".to_string()
            ]
        )
    );
    let (code, docs) = run(&["notes"]);
    assert_eq!((code, docs.len()), (Some(2), 0));
}

#[test]
fn a_draft_on_standard_input_gets_the_verdicts_of_the_file() {
    let file = policycheck_in(&crate_path(""))
        .args(["--no-config", "check", DRAFT, "--format", "json"])
        .output()
        .unwrap();
    let stdin = policycheck_in(&crate_path(""))
        .args(["--no-config", "check", "-", "--format", "json"])
        .write_stdin(draft_text())
        .output()
        .unwrap();
    assert_eq!(stdin.status.code(), Some(0), "{}", stderr_of(&stdin));
    assert_eq!(documents_of(&stdout_of(&stdin)), ["-"]);
    assert_eq!(
        verdicts_of(&stdout_of(&stdin)),
        verdicts_of(&stdout_of(&file))
    );
    // The whole report is the file's, but for the name.
    assert_eq!(
        stdout_of(&stdin),
        stdout_of(&file).replace(&format!("\"{DRAFT}\""), "\"-\"")
    );

    // --stdin-name names it, and its extension gives its format.
    let markdown = "# Draft\n\n1. Decides that the mission shall support the authorities.\n";
    let named = policycheck_in(&crate_path(""))
        .args(["--no-config", "read", "-", "--stdin-name", "new.md"])
        .write_stdin(markdown)
        .output()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    put(dir.path(), "new.md", markdown);
    let from_file = policycheck_in(dir.path())
        .args(["--no-config", "read", "new.md"])
        .output()
        .unwrap();
    assert_eq!(named.status.code(), Some(0), "{}", stderr_of(&named));
    assert_eq!(stdout_of(&named), stdout_of(&from_file));
    let report = policycheck_in(&crate_path(""))
        .args(["--no-config", "check", "-", "--stdin-name", "renewal.txt"])
        .write_stdin(draft_text())
        .output()
        .unwrap();
    assert!(
        stdout_of(&report).starts_with("renewal.txt  "),
        "{}",
        stdout_of(&report)
    );
    let memo = policycheck_in(&crate_path(""))
        .args(["--no-config", "report", "-"])
        .write_stdin(draft_text())
        .output()
        .unwrap();
    assert_eq!(memo.status.code(), Some(0), "{}", stderr_of(&memo));
    let memo_file = policycheck_in(&crate_path(""))
        .args(["--no-config", "report", DRAFT])
        .output()
        .unwrap();
    assert_eq!(stdout_of(&memo), stdout_of(&memo_file).replace(DRAFT, "-"));
}

#[test]
fn standard_input_is_read_once_and_within_the_size_limit() {
    let twice = policycheck_in(&crate_path(""))
        .args(["--no-config", "check", "-", "-"])
        .write_stdin(draft_text())
        .output()
        .unwrap();
    assert_eq!(twice.status.code(), Some(2));
    assert_eq!(
        stderr_of(&twice),
        "error: standard input (`-`) is named more than once: it can be read only once\n"
    );
    let big = policycheck_in(&crate_path(""))
        .args(["--no-config", "check", "-", "--max-document-size", "1kB"])
        .write_stdin(draft_text())
        .output()
        .unwrap();
    assert_eq!(big.status.code(), Some(2));
    assert!(
        stderr_of(&big).starts_with(
            "error: -: standard input holds more than the limit of 1 kB for one draft\n"
        ),
        "{}",
        stderr_of(&big)
    );
}
