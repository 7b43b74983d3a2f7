//! The progress bar of a long `check`: it appears on standard error only on a terminal,
//! outside CI, once the run has taken more than a second — never in CI logs or piped output.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use policycheck::report::DocumentView;
use policycheck::run::{Judged, Sink};
use std::io::IsTerminal;
use std::time::{Duration, Instant};

/// A sink that passes every document on to another and moves the bar.
pub struct Progress<S> {
    inner: S,
    bar: ProgressBar,
    started: Instant,
    allowed: bool,
    shown: bool,
}

impl<S: Sink> Progress<S> {
    /// `inner`, with a progress bar when `allowed` (not under `--quiet`).
    pub fn new(inner: S, allowed: bool) -> Self {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template("{pos}/{len} documents {wide_bar} {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        Progress {
            inner,
            bar,
            started: Instant::now(),
            allowed: allowed && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none(),
            shown: false,
        }
    }

    /// The inner sink, the bar cleared.
    pub fn into_inner(self) -> S {
        self.bar.finish_and_clear();
        self.inner
    }
}

impl<S: Sink> Sink for Progress<S> {
    fn judged(&mut self, judged: Judged, view: DocumentView) -> Result<(), policycheck::Error> {
        self.inner.judged(judged, view)
    }

    fn progress(&mut self, done: usize, total: usize) {
        self.bar.set_length(total as u64);
        self.bar.set_position(done as u64);
        if self.allowed && !self.shown && self.started.elapsed() > Duration::from_secs(1) {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.shown = true;
        }
    }
}
