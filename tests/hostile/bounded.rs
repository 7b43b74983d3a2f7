//! Reading bounded by the bytes read, not by the length a file claims (issue 16, part 4): a
//! link to `/dev/zero` claims 0 bytes; named as a draft, a rulebook, a configuration, a
//! template, a waiver file or a baseline it is refused at that input's limit, quickly and in
//! bounded memory, with the limit named.

use super::{run, tmp, GOOD_DRAFT};
use crate::common::{crate_path, policycheck_in, stderr_of};

#[cfg(unix)]
#[test]
fn an_endless_input_is_refused_at_its_limit() {
    if !std::path::Path::new("/dev/zero").exists() {
        return;
    }
    let dir = tmp();
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("endless.md")).expect("link");
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("endless.yaml")).expect("link");
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("endless.hbs")).expect("link");
    std::fs::copy(crate_path(GOOD_DRAFT), dir.path().join("draft.txt")).expect("copy");
    let cases: [(&[&str], &str); 5] = [
        (
            &["check", "endless.md"],
            "endless.md: the file is larger than the limit of 16 MB for one draft",
        ),
        (
            &["check", "draft.txt", "--rules", "endless.yaml"],
            "endless.yaml: it is larger than the limit of 16 MB for a rulebook",
        ),
        (
            &["check", "draft.txt", "--waivers", "endless.yaml"],
            "it is larger than the limit of 16 MB for a waiver file",
        ),
        (
            &["check", "draft.txt", "--baseline", "endless.yaml"],
            "it is larger than the limit of 1 GB for a baseline report",
        ),
        (
            &["report", "draft.txt", "--template", "endless.hbs"],
            "it is larger than the limit of 4 MB for a template",
        ),
    ];
    for (args, message) in cases {
        let r = run(dir.path(), args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains(message), "{args:?}: {}", r.stderr);
    }
    // The configuration file, named with --config.
    let out = policycheck_in(dir.path())
        .args(["--config", "endless.yaml", "check", "draft.txt"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("it is larger than the limit of 4 MB for a configuration file"),
        "{}",
        stderr_of(&out)
    );
}
