//! Helpers shared by the integration tests: the `policycheck` command, the readers of what it
//! printed, the lists of fixture files, and `require_or_skip`, the one place that decides what a
//! test does when an input from outside the repository (the shared corpus, a browser) is
//! absent. A test file takes them with `mod common;` (tests/hostile/main.rs with
//! `#[path = "../common/mod.rs"]`); see tests/README.md.
//!
//! Every test binary compiles the whole module and uses only part of it, hence `dead_code`.
#![allow(dead_code)]

use assert_cmd::assert::Assert;
use assert_cmd::Command;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Output;

/// `rel` under the crate root (where Cargo runs the tests, and where the tests' relative paths
/// such as `examples/minusma-2013.yaml` start).
pub fn crate_path(rel: impl AsRef<Path>) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

// ---------------------------------------------------------------------------------------------
// A check through the library, as the command line runs it.

/// A check of `paths` (relative to the crate root) with no configuration and the default
/// rulebook, `bar` as `--fail-under`: the plan, and the run's result.
pub fn check(
    paths: &[&str],
    bar: Option<f64>,
) -> (policycheck::run::Plan, policycheck::run::RunResult) {
    use policycheck::run::{run, Plan, Request};
    let root = crate_path("");
    let mut request = Request::new(
        paths.iter().map(PathBuf::from).collect(),
        policycheck::waiver::Date::parse("2026-01-01").expect("a date"),
    );
    request.fail_under = bar;
    let config = policycheck::config::Config::empty(&root);
    let plan = Plan::new(&config, &root, &request).unwrap_or_else(|e| panic!("{e}"));
    let result = run(&plan).unwrap_or_else(|e| panic!("{e}"));
    (plan, result)
}

// ---------------------------------------------------------------------------------------------
// The binary as users run it.

/// The `policycheck` binary, run from the crate root, with `POLICYCHECK_TODAY` and
/// `SOURCE_DATE_EPOCH` removed so that only a test that sets them dates the waivers and memos. It looks for a `policycheck.yaml` as users' runs
/// do; see [`policycheck_no_config`] for runs that must not.
pub fn policycheck() -> Command {
    let mut cmd = Command::cargo_bin("policycheck").expect("binary built");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("POLICYCHECK_TODAY")
        .env_remove("SOURCE_DATE_EPOCH");
    cmd
}

/// `policycheck --no-config`, run from the crate root: what the test says is all there is.
pub fn policycheck_no_config() -> Command {
    let mut cmd = policycheck();
    cmd.arg("--no-config");
    cmd
}

/// The `policycheck` binary run in `dir` (a test's own folder, with its own configuration).
pub fn policycheck_in(dir: &Path) -> Command {
    let mut cmd = policycheck();
    cmd.current_dir(dir);
    cmd
}

/// A finished run: assert_cmd's `Assert` or a plain `Output`.
pub trait Captured {
    fn captured(&self) -> &Output;
}

impl Captured for Output {
    fn captured(&self) -> &Output {
        self
    }
}

impl Captured for Assert {
    fn captured(&self) -> &Output {
        self.get_output()
    }
}

/// What a run printed on standard output (UTF-8, or the test fails).
pub fn stdout_of(run: &impl Captured) -> String {
    String::from_utf8(run.captured().stdout.clone()).expect("standard output is UTF-8")
}

/// What a run printed on standard error (UTF-8, or the test fails).
pub fn stderr_of(run: &impl Captured) -> String {
    String::from_utf8(run.captured().stderr.clone()).expect("standard error is UTF-8")
}

// ---------------------------------------------------------------------------------------------
// Fixtures.

/// The `.txt` files directly in `dir`, sorted by path: the fixture resolutions
/// (tests/fixtures/unsc) or the shared corpus. A folder that cannot be read fails the test.
pub fn txt_files(dir: impl AsRef<Path>) -> Vec<PathBuf> {
    let dir = dir.as_ref();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read the folder {}: {e}", dir.display()))
        .map(|entry| entry.expect("a folder entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

// ---------------------------------------------------------------------------------------------
// Inputs from outside the repository: required in CI, skipped (loudly) elsewhere.

/// Whether the tests run in CI: the environment variable `CI` is set to anything but "".
pub fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty())
}

/// Decides whether a test whose input lies outside the repository can run. `missing` says what
/// is absent (`None` when everything is there); `needed_by` says what needs it and where to get
/// it. Returns true when the test can run. When something is missing: in CI the test fails with
/// "CI is set but MISSING: NEEDED_BY", so that CI never passes a test it did not run; elsewhere
/// it returns false (the caller returns at once) after saying on standard error that the test
/// was skipped and why.
pub fn require_or_skip(missing: Option<String>, needed_by: &str) -> bool {
    let Some(missing) = missing else {
        return true;
    };
    if in_ci() {
        panic!("CI is set but {missing}: {needed_by}");
    }
    // Written to the process's standard error rather than with `eprintln!`, which the test
    // harness captures and shows only for failing tests: a skip nobody sees is a silent pass.
    let test = std::thread::current()
        .name()
        .filter(|name| *name != "main")
        .map(|name| format!(" {name}"))
        .unwrap_or_default();
    let _ = writeln!(
        std::io::stderr(),
        "skipped{test}: {missing}: {needed_by} (with CI set, this is a failure)"
    );
    false
}

/// The shared corpus of Security Council resolutions (902 `.txt` files): `../shared/corpus/unsc`
/// beside the repository, or the folder `POLICYCHECK_CORPUS` names. `None` when the test must
/// skip (see [`require_or_skip`]: in CI an absent or empty corpus fails the test instead).
pub fn shared_corpus() -> Option<PathBuf> {
    let (dir, named) = match std::env::var_os("POLICYCHECK_CORPUS").filter(|v| !v.is_empty()) {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            let named = format!("POLICYCHECK_CORPUS={}", dir.display());
            (dir, named)
        }
        None => (
            crate_path("../shared/corpus/unsc"),
            "../shared/corpus/unsc".to_string(),
        ),
    };
    let missing = if !dir.is_dir() {
        Some(format!(
            "{named} is missing ({} is not a folder)",
            dir.display()
        ))
    } else if !std::fs::read_dir(&dir).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.path().extension().is_some_and(|x| x == "txt"))
    }) {
        Some(format!("{named} holds no .txt resolutions"))
    } else {
        None
    };
    let needed_by = "the whole-corpus tests need the project's shared corpus \
        (../shared/corpus/unsc beside the repository, or POLICYCHECK_CORPUS=DIR)";
    require_or_skip(missing, needed_by).then_some(dir)
}

/// What the browser check (scripts/browser-check.sh and .mjs) needs: headless Chromium and Node.
pub struct Browser {
    /// The Chromium to run, passed on as `CHROMIUM`.
    pub chromium: PathBuf,
}

/// Chromium (`CHROMIUM` if set, else /usr/bin/chromium, else `chromium` or `chromium-browser`
/// on the PATH) and `node` on the PATH. `None` when the test must skip (see
/// [`require_or_skip`]: in CI a missing one fails the test instead).
pub fn browser() -> Option<Browser> {
    let chromium = match std::env::var_os("CHROMIUM").filter(|v| !v.is_empty()) {
        Some(named) => Some(PathBuf::from(named)).filter(|p| p.is_file()),
        None => Some(PathBuf::from("/usr/bin/chromium"))
            .filter(|p| p.is_file())
            .or_else(|| on_path("chromium"))
            .or_else(|| on_path("chromium-browser")),
    };
    let mut missing = Vec::new();
    if chromium.is_none() {
        missing.push(match std::env::var("CHROMIUM") {
            Ok(named) if !named.is_empty() => format!("Chromium (CHROMIUM={named}) is missing"),
            _ => "Chromium is missing (no /usr/bin/chromium, no chromium or chromium-browser \
                  on the PATH)"
                .to_string(),
        });
    }
    if on_path("node").is_none() {
        missing.push("node is missing (not on the PATH)".to_string());
    }
    let missing = (!missing.is_empty()).then(|| missing.join(", and "));
    let needed_by = "the browser check of the HTML memo (scripts/browser-check.sh) needs \
        headless Chromium and Node 18+ (apt-get install -y chromium nodejs; .ci/run installs \
        them as root on Debian/Ubuntu; see docs/html-memo.md)";
    if require_or_skip(missing, needed_by) {
        chromium.map(|chromium| Browser { chromium })
    } else {
        None
    }
}

/// The first file called `name` in a folder of the PATH.
fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// LibreOffice's `soffice` (`SOFFICE` if set, else `soffice` on the PATH), to convert the Word
/// memo to PDF. `None` when the test must skip (see [`require_or_skip`]: in CI a missing one
/// fails the test instead).
pub fn soffice() -> Option<PathBuf> {
    let found = match std::env::var_os("SOFFICE").filter(|v| !v.is_empty()) {
        Some(named) => Some(PathBuf::from(named)).filter(|p| p.is_file()),
        None => on_path("soffice"),
    };
    let missing = found
        .is_none()
        .then(|| "LibreOffice is missing (no soffice on the PATH, SOFFICE not set)".to_string());
    let needed_by = "the Word memo's conversion test needs LibreOffice (apt-get install -y \
        libreoffice-writer-nogui; .ci/run installs it as root on Debian/Ubuntu)";
    if require_or_skip(missing, needed_by) {
        found
    } else {
        None
    }
}
