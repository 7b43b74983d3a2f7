//! `check --format jsonl` as the run's only output: documents are read and judged on every
//! core and written one a line, in input order, as soon as each is next — so a corpus of any
//! size runs in the memory of a few documents. A progress bar shows on standard error when it
//! is a terminal and the run has taken more than a second; never in CI logs or piped output.

use super::{Outcome, Status};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use policycheck::bars::{judge, Bars};
use policycheck::evaluate::batch::evaluate_all;
use policycheck::report::{JsonlWriter, ViewOptions};
use policycheck::Rulebook;
use std::collections::BTreeSet;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Streams the JSON Lines report of `docs` (each with its bars) against `rulebook` to
/// `output` (written atomically: a temporary file renamed into place at the end) or to
/// standard output.
pub fn run(
    rulebook: &Rulebook,
    docs: Vec<(PathBuf, Bars)>,
    output: Option<&Path>,
    threads: usize,
) -> anyhow::Result<Outcome> {
    let (short, problems) = match output {
        None => {
            let (_, short, problems) = stream(rulebook, docs, threads, std::io::stdout().lock())?;
            (short, problems)
        }
        Some(path) => {
            let dir = path
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let tmp = tempfile::NamedTempFile::new_in(dir)
                .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
            let (buf, short, problems) =
                stream(rulebook, docs, threads, std::io::BufWriter::new(tmp))?;
            let tmp = buf
                .into_inner()
                .map_err(|e| anyhow::anyhow!("cannot write {}: {}", path.display(), e.error()))?;
            tmp.persist(path)
                .map_err(|e| anyhow::anyhow!("cannot write {}: {}", path.display(), e.error))?;
            (short, problems)
        }
    };
    let mut outcome = Outcome::new(
        String::new(),
        if short { Status::Short } else { Status::Pass },
    );
    outcome.problems = problems;
    Ok(outcome)
}

/// Writes every document's line to `sink`; returns the sink, whether a document fell short,
/// and the problems met (broken documents, listed after the others as `{"path", "error"}`).
fn stream<W: Write>(
    rulebook: &Rulebook,
    docs: Vec<(PathBuf, Bars)>,
    threads: usize,
    sink: W,
) -> anyhow::Result<(W, bool, Vec<String>)> {
    let progress = Progress::new(docs.len() as u64);
    let bars: Vec<Bars> = docs.iter().map(|(_, b)| b.clone()).collect();
    let paths: Vec<PathBuf> = docs.into_iter().map(|(p, _)| p).collect();
    let mut writer = JsonlWriter::new(sink, ViewOptions::default());
    let (mut short, mut problems, mut errors) = (false, Vec::new(), Vec::new());
    for (i, (path, result)) in evaluate_all(rulebook, paths, threads).enumerate() {
        match result {
            Ok(assessment) => {
                let judgement = judge(&assessment, &bars[i], &BTreeSet::new());
                short |= judgement.passed == Some(false);
                writer.write(rulebook, &assessment)?;
            }
            Err(e) => {
                let line = serde_json::json!({
                    "path": path.display().to_string(),
                    "error": e.to_string(),
                });
                errors.push(line.to_string());
                problems.push(e.to_string());
            }
        }
        progress.step();
    }
    progress.done();
    let mut sink = writer.into_inner();
    for e in &errors {
        writeln!(sink, "{e}")?;
    }
    sink.flush()?;
    Ok((sink, short, problems))
}

/// A progress bar that appears only on a terminal, outside CI, after the first second.
struct Progress {
    bar: ProgressBar,
    started: Instant,
    allowed: bool,
    shown: std::cell::Cell<bool>,
}

impl Progress {
    fn new(total: u64) -> Self {
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template("{pos}/{len} documents {wide_bar} {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        Progress {
            bar,
            started: Instant::now(),
            allowed: std::io::stderr().is_terminal() && std::env::var_os("CI").is_none(),
            shown: std::cell::Cell::new(false),
        }
    }

    fn step(&self) {
        self.bar.inc(1);
        if self.allowed && !self.shown.get() && self.started.elapsed() > Duration::from_secs(1) {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.shown.set(true);
        }
    }

    fn done(&self) {
        self.bar.finish_and_clear();
    }
}
