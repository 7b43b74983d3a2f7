//! Output hygiene (issue 14, part 4): report files follow the umask and keep an existing file's
//! mode; an `--output` that is a symbolic link is written through to its target; a pipe closed
//! early ends the run quietly; `--quiet`; the summary line of a run of several drafts; an
//! `--output` whose extension contradicts its format is warned about.

mod common;

use common::{crate_path, policycheck_no_config, stderr_of, stdout_of};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;

const DRAFT: &str = "examples/minusma-2013.yaml";

fn three_drafts(dir: &Path) {
    for name in [
        "S_RES_0856_1993_EN_GOLD.txt",
        "S_RES_0875_1993_EN_GOLD.txt",
        "S_RES_0822_1993_EN_GOLD.txt",
    ] {
        std::fs::copy(crate_path("tests/fixtures/unsc").join(name), dir.join(name)).expect("copy");
    }
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .expect("exists")
        .permissions()
        .mode()
        & 0o777
}

/// Runs `policycheck ARGS` through `sh` with umask 022, in `dir`.
#[cfg(unix)]
fn with_umask_022(dir: &Path, args: &str) -> std::process::Output {
    let bin = assert_cmd::cargo::cargo_bin("policycheck");
    std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("umask 022 && exec '{}' {args}", bin.display()))
        .current_dir(dir)
        .output()
        .expect("sh runs")
}

#[cfg(unix)]
#[test]
fn new_reports_and_init_files_follow_the_umask_and_existing_files_keep_their_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tmp");
    let draft = crate_path(DRAFT);
    let out = with_umask_022(
        dir.path(),
        &format!(
            "--no-config check '{}' --format json --output new.json --exit-zero",
            draft.display()
        ),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert_eq!(mode(&dir.path().join("new.json")), 0o644);

    let kept = dir.path().join("kept.json");
    std::fs::write(&kept, "{}").expect("write");
    std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let out = with_umask_022(
        dir.path(),
        &format!(
            "--no-config check '{}' --format json --output kept.json --exit-zero",
            draft.display()
        ),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert_eq!(mode(&kept), 0o600, "an existing file keeps its mode");
    assert!(std::fs::read_to_string(&kept)
        .expect("read")
        .contains("\"documents\""));

    let out = with_umask_022(dir.path(), "init --dir project");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let config = dir.path().join("project/policycheck.yaml");
    assert_eq!(mode(&config), 0o644, "init's files too");
}

#[cfg(unix)]
#[test]
fn an_output_that_is_a_symbolic_link_is_written_through_to_its_target() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::create_dir(dir.path().join("reports")).expect("mkdir");
    let real = dir.path().join("reports/2026-12-07.md");
    std::fs::write(&real, "old").expect("write");
    let link = dir.path().join("latest.md");
    std::os::unix::fs::symlink("reports/2026-12-07.md", &link).expect("link");
    let run = policycheck_no_config()
        .args(["check", DRAFT, "--format", "markdown", "--output"])
        .arg(&link)
        .arg("--exit-zero")
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(0), "{}", stderr_of(&run));
    assert!(std::fs::symlink_metadata(&link)
        .expect("link")
        .file_type()
        .is_symlink());
    let text = std::fs::read_to_string(&real).expect("target");
    assert!(text.starts_with("# "), "{text}");
}

#[test]
fn a_pipe_closed_early_ends_the_run_quietly() {
    // `policycheck check --format jsonl FOLDER | head -1`: 138 resolutions stream far more
    // than a pipe holds, so the run meets the closed pipe.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("policycheck"))
        .args([
            "--no-config",
            "check",
            "--format",
            "jsonl",
            "--threads",
            "1",
        ])
        .arg(crate_path("tests/fixtures/unsc"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    let stdout = child.stdout.take().expect("stdout");
    let mut first = String::new();
    BufReader::new(stdout)
        .read_line(&mut first)
        .expect("one line");
    assert!(first.starts_with('{'), "{first}");
    // The reader goes away, as `head -1` does.
    let out = child.wait_with_output().expect("ends");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "stderr: {stderr}");
    assert!(!stderr.contains("Broken pipe"), "{stderr}");
    assert_eq!(stderr, "", "nothing said");
}

#[test]
fn quiet_prints_nothing_but_writes_its_files_and_keeps_the_exit_code() {
    let dir = tempfile::tempdir().expect("tmp");
    three_drafts(dir.path());
    let report = dir.path().join("r.json");
    let run = policycheck_no_config()
        .args(["check", "--quiet", "--fail-under", "50"])
        .arg(dir.path())
        .args(["--format", "json", "--output"])
        .arg(&report)
        .args(["--format", "text"])
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(1), "{}", stderr_of(&run));
    assert_eq!(stdout_of(&run), "");
    assert_eq!(stderr_of(&run), "");
    assert!(std::fs::read_to_string(&report)
        .expect("written")
        .contains("\"documents\""));
    // Streamed too.
    let run = policycheck_no_config()
        .args(["check", "-q", "--format", "jsonl"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(0), "{}", stderr_of(&run));
    assert_eq!(stdout_of(&run), "");
}

#[test]
fn a_run_of_several_drafts_ends_with_a_summary_line() {
    let dir = tempfile::tempdir().expect("tmp");
    three_drafts(dir.path());
    std::fs::write(dir.path().join("broken.txt"), "").expect("write");
    let run = policycheck_no_config()
        .args(["check", "--fail-under", "20", "--format", "json"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(2));
    let stderr = stderr_of(&run);
    let last = stderr.lines().last().unwrap_or_default();
    // The three resolutions score 27.8, 19.4 and 13.9 with the default rulebook.
    assert_eq!(
        last, "4 drafts: 1 clears its bars, 2 fall short, 1 unreadable",
        "{stderr}"
    );
    // Standard output holds only the report.
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&run)).expect("JSON");
    assert_eq!(json["documents"].as_array().map(Vec::len), Some(3));

    let run = policycheck_no_config()
        .args(["check", "--format", "json"])
        .arg(dir.path().join("S_RES_0856_1993_EN_GOLD.txt"))
        .arg(dir.path().join("S_RES_0875_1993_EN_GOLD.txt"))
        .output()
        .expect("runs");
    assert_eq!(
        stderr_of(&run),
        "2 drafts checked (no bar set), 0 unreadable\n"
    );
    // One draft: no summary line.
    let run = policycheck_no_config()
        .args(["check", DRAFT, "--fail-under", "20"])
        .output()
        .expect("runs");
    assert_eq!(stderr_of(&run), "");
}

#[test]
fn an_output_named_for_another_format_is_warned_about() {
    let dir = tempfile::tempdir().expect("tmp");
    let run = policycheck_no_config()
        .args(["check", DRAFT, "--exit-zero", "--output"])
        .arg(dir.path().join("c.html"))
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(0));
    let stderr = stderr_of(&run);
    assert!(
        stderr.contains("c.html is written in the text format, but its name says html"),
        "{stderr}"
    );
    assert!(stderr.contains("--format html --output"), "{stderr}");
    // Suitable names are not warned about.
    for (format, name) in [
        ("sarif", "r.sarif.json"),
        ("junit", "r.xml"),
        ("html", "r.html"),
    ] {
        let run = policycheck_no_config()
            .args([
                "check",
                DRAFT,
                "--exit-zero",
                "--format",
                format,
                "--output",
            ])
            .arg(dir.path().join(name))
            .output()
            .expect("runs");
        assert_eq!(stderr_of(&run), "", "{format} {name}");
    }
}
