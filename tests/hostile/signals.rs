//! A run stopped by a signal (issue 16, part 1): Ctrl-C, `kill` or a cancelled CI job while a
//! report is being written leaves no hidden temporary file beside it, leaves the earlier
//! report as it was, and exits 128 + the signal's number, as a shell reports a killed process.

use super::{good_draft, tmp};
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The files in `dir` whose names start with `.policycheck-`: temporary reports.
fn temporaries(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .expect("list")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".policycheck-"))
        .collect()
}

/// Starts a long `check` writing `out/report.json`, waits until its temporary file is there,
/// sends `signal` and returns the exit code and the folder's temporary files afterwards.
fn stopped_by(signal: &str) -> (Option<i32>, Vec<String>, String) {
    let dir = tmp();
    let drafts = dir.path().join("drafts");
    let out = dir.path().join("out");
    fs::create_dir_all(&drafts).expect("drafts");
    fs::create_dir_all(&out).expect("out");
    let draft = good_draft();
    for i in 0..3000 {
        fs::write(drafts.join(format!("d{i:04}.txt")), &draft).expect("write");
    }
    fs::write(out.join("report.json"), "earlier report\n").expect("write");
    let mut child = Command::new(env!("CARGO_BIN_EXE_policycheck"))
        .current_dir(dir.path())
        .args([
            "--no-config",
            "check",
            "drafts",
            "--quiet",
            "--threads",
            "1",
        ])
        .args(["--format", "json", "--output", "out/report.json"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("starts");
    let start = Instant::now();
    while temporaries(&out).is_empty() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "no temporary report appeared"
        );
        assert!(
            child.try_wait().expect("status").is_none(),
            "the run ended before it could be stopped"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let killed = Command::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let status = child.wait().expect("ends");
    let earlier = fs::read_to_string(out.join("report.json")).expect("report");
    (status.code(), temporaries(&out), earlier)
}

#[test]
fn sigterm_removes_the_temporary_report_and_keeps_the_earlier_one() {
    let (code, left, earlier) = stopped_by("TERM");
    assert_eq!(code, Some(143), "128 + SIGTERM (15)");
    assert_eq!(left, Vec::<String>::new(), "no temporary file left");
    assert_eq!(earlier, "earlier report\n");
}

#[test]
fn ctrl_c_removes_the_temporary_report_and_keeps_the_earlier_one() {
    let (code, left, earlier) = stopped_by("INT");
    assert_eq!(code, Some(130), "128 + SIGINT (2)");
    assert_eq!(left, Vec::<String>::new(), "no temporary file left");
    assert_eq!(earlier, "earlier report\n");
}
