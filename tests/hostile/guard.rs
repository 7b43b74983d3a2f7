//! Inputs guarded against being outputs, one guard for all (issue 16, part 6); the search for
//! policycheck.yaml stops at the repository (part 7); `--threads` bounded (part 8).

use super::{crate_path, run, tmp, write, GOOD_DRAFT};
use crate::common::{policycheck_in, stderr_of};
use std::fs;

fn draft(dir: &std::path::Path) {
    fs::copy(crate_path(GOOD_DRAFT), dir.join("draft.txt")).expect("copy draft");
}

#[test]
fn the_baseline_report_is_never_overwritten() {
    let dir = tmp();
    draft(dir.path());
    let first = run(
        dir.path(),
        &[
            "check",
            "draft.txt",
            "--format",
            "json",
            "--output",
            "base.json",
            "--exit-zero",
        ],
    );
    assert_eq!(first.code, 0, "{}", first.stderr);
    let before = fs::read(dir.path().join("base.json")).expect("baseline");
    let r = run(
        dir.path(),
        &[
            "check",
            "draft.txt",
            "--baseline",
            "base.json",
            "--format",
            "json",
            "--output",
            "base.json",
        ],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("is also the baseline report"),
        "{}",
        r.stderr
    );
    assert_eq!(
        fs::read(dir.path().join("base.json")).expect("kept"),
        before
    );
}

#[test]
fn the_template_is_never_overwritten() {
    let dir = tmp();
    draft(dir.path());
    write(
        dir.path(),
        "brief.md.hbs",
        b"{{#each documents}}{{heading}}{{/each}}\n",
    );
    let r = run(
        dir.path(),
        &[
            "report",
            "draft.txt",
            "--template",
            "brief.md.hbs",
            "--output",
            "brief.md.hbs",
        ],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("is also the template"), "{}", r.stderr);
    assert_eq!(
        fs::read_to_string(dir.path().join("brief.md.hbs")).expect("kept"),
        "{{#each documents}}{{heading}}{{/each}}\n"
    );
}

#[test]
fn the_configuration_naming_itself_as_an_output_is_refused() {
    let dir = tmp();
    draft(dir.path());
    let config = "outputs:\n  - format: json\n    path: policycheck.yaml\n";
    write(dir.path(), "policycheck.yaml", config.as_bytes());
    let out = policycheck_in(dir.path())
        .args(["check", "draft.txt"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("is also the configuration"),
        "{}",
        stderr_of(&out)
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("policycheck.yaml")).expect("kept"),
        config
    );
}

#[test]
fn a_configuration_above_the_repository_does_not_steer_it() {
    let dir = tmp();
    // A shared folder's configuration that would write a report outside the repository.
    write(
        dir.path(),
        "policycheck.yaml",
        b"outputs:\n  - format: json\n    path: stolen.json\n",
    );
    let repo = dir.path().join("repo");
    fs::create_dir_all(repo.join(".git")).expect("repo");
    draft(&repo);
    let out = policycheck_in(&repo)
        .args(["check", "draft.txt", "--exit-zero"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(!dir.path().join("stolen.json").exists());
}

#[test]
fn a_configurations_outputs_may_not_climb_out_of_its_folder() {
    let dir = tmp();
    let project = dir.path().join("project");
    fs::create_dir_all(project.join(".git")).expect("repo");
    draft(&project);
    write(dir.path(), "outside.json", b"kept\n");
    for path in ["../outside.json", "reports/../../outside.json"] {
        let config = format!("outputs:\n  - format: json\n    path: {path}\n");
        write(&project, "policycheck.yaml", config.as_bytes());
        let out = policycheck_in(&project)
            .args(["check", "draft.txt"])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
        assert_eq!(
            stderr_of(&out),
            format!(
                "error: policycheck.yaml:2:5: outputs[0]: `{path}` climbs out of the \
                 configuration's folder: a configuration writes its outputs only inside its own \
                 folder (give `--output {path}` on the command line to write there)\n"
            )
        );
        assert_eq!(
            fs::read_to_string(dir.path().join("outside.json")).expect("kept"),
            "kept\n"
        );
    }
    // Given on the command line, the same path is written.
    let out = policycheck_in(&project)
        .args([
            "--no-config",
            "check",
            "draft.txt",
            "--format",
            "json",
            "--output",
        ])
        .arg("../outside.json")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(fs::read_to_string(dir.path().join("outside.json"))
        .expect("written")
        .contains("\"documents\""));
}

#[test]
fn threads_are_bounded() {
    let dir = tmp();
    draft(dir.path());
    for n in ["257", "100000", "18446744073709551615"] {
        let r = run(dir.path(), &["check", "draft.txt", "--threads", n]);
        assert_eq!(r.code, 2, "{n}: {}", r.stderr);
        assert!(r.stderr.contains("limit of 256"), "{}", r.stderr);
    }
    let r = run(
        dir.path(),
        &["check", "draft.txt", "--threads", "256", "--exit-zero"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
}
