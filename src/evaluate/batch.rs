//! Evaluating a corpus on every core: drafts are read and evaluated in parallel (rayon) and
//! handed back in the order they were given, so that output stays deterministic whatever the
//! number of threads. At most a small window of drafts (four per thread) is in flight or
//! waiting to be handed back at any time, so memory is bounded by the largest drafts, not by
//! the corpus. Reading files happens in the readers ([`crate::mandate::read_mandate`]); this
//! module only schedules them.

use super::engine::evaluate_with;
use super::model::Assessment;
use super::scan::Matcher;
use crate::error::Error;
use crate::mandate::read_mandate;
use crate::rulebook::Rulebook;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::Arc;

/// Drafts in flight (being evaluated or waiting their turn) per thread.
const WINDOW_PER_THREAD: usize = 4;

/// One draft's outcome: its path as given, and its assessment or why it could not be read.
pub type Outcome = (PathBuf, Result<Assessment, Error>);

/// Reads and evaluates every draft in `paths` against `rulebook` on `threads` threads (0: one
/// per core), yielding the outcomes in input order as soon as each is next in line. `paths`
/// is consumed lazily, a window at a time. The output is the same for any number of threads.
pub fn evaluate_all<I>(rulebook: &Rulebook, paths: I, threads: usize) -> Batch<I::IntoIter>
where
    I: IntoIterator<Item = PathBuf>,
{
    let threads = match threads {
        0 => std::thread::available_parallelism().map_or(1, usize::from),
        n => n,
    };
    let work = Arc::new(Work {
        matcher: Matcher::for_rulebook(rulebook),
        rulebook: rulebook.clone(),
    });
    // One thread needs no pool: the caller's thread does the work, in order.
    let pool = if threads > 1 {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("policycheck-{i}"))
            .build()
            .ok()
    } else {
        None
    };
    let (tx, rx) = channel();
    Batch {
        work,
        paths: paths.into_iter(),
        window: if pool.is_some() {
            threads * WINDOW_PER_THREAD
        } else {
            1
        },
        pool,
        tx,
        rx,
        sent: 0,
        next: 0,
        ready: BTreeMap::new(),
    }
}

/// What every worker needs: the rulebook and its matcher, compiled once for the batch.
struct Work {
    rulebook: Rulebook,
    matcher: Matcher,
}

impl Work {
    fn run(&self, path: &Path) -> Result<Assessment, Error> {
        let mandate = read_mandate(path)?;
        Ok(evaluate_with(&self.matcher, &self.rulebook, &mandate))
    }
}

/// The outcomes of [`evaluate_all`], in input order.
pub struct Batch<I> {
    work: Arc<Work>,
    paths: I,
    pool: Option<rayon::ThreadPool>,
    window: usize,
    tx: Sender<(usize, Outcome)>,
    rx: Receiver<(usize, Outcome)>,
    /// Drafts handed to the pool so far.
    sent: usize,
    /// Index of the next outcome to yield.
    next: usize,
    /// Outcomes finished ahead of their turn.
    ready: BTreeMap<usize, Outcome>,
}

impl<I: Iterator<Item = PathBuf>> Batch<I> {
    /// Keeps the window full: hands drafts to the pool until `window` are in flight.
    fn fill(&mut self) {
        let Some(pool) = &self.pool else { return };
        while self.sent - self.next < self.window {
            let Some(path) = self.paths.next() else {
                return;
            };
            let (i, work, tx) = (self.sent, Arc::clone(&self.work), self.tx.clone());
            pool.spawn(move || {
                let result = work.run(&path);
                // The receiver is gone only when the caller stopped iterating early.
                let _ = tx.send((i, (path, result)));
            });
            self.sent += 1;
        }
    }
}

impl<I: Iterator<Item = PathBuf>> Iterator for Batch<I> {
    type Item = Outcome;

    fn next(&mut self) -> Option<Outcome> {
        if self.pool.is_none() {
            let path = self.paths.next()?;
            let result = self.work.run(&path);
            return Some((path, result));
        }
        self.fill();
        if self.next == self.sent {
            return None;
        }
        loop {
            if let Some(outcome) = self.ready.remove(&self.next) {
                self.next += 1;
                self.fill();
                return Some(outcome);
            }
            // Every spawned task sends exactly once and we hold a sender, so this only fails
            // if a task panicked; the panic is then the real error, and this one follows it.
            #[allow(clippy::expect_used)] // audited: reached only after another panic
            let (i, outcome) = self
                .rx
                .recv()
                .expect("an evaluation task panicked before sending its outcome");
            self.ready.insert(i, outcome);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rulebook::default_rulebook;

    fn fixtures() -> Vec<PathBuf> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/unsc");
        let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn outcomes_come_in_input_order_whatever_the_threads() {
        let rb = default_rulebook();
        let mut paths = fixtures();
        paths.insert(3, PathBuf::from("no/such/draft.txt"));
        let one: Vec<_> = evaluate_all(&rb, paths.clone(), 1).collect();
        for threads in [2, 3, 0] {
            let many: Vec<_> = evaluate_all(&rb, paths.clone(), threads).collect();
            assert_eq!(many.len(), paths.len());
            for ((p1, r1), (p2, r2)) in one.iter().zip(&many) {
                assert_eq!(p1, p2);
                match (r1, r2) {
                    (Ok(a), Ok(b)) => assert_eq!(a, b),
                    (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
                    _ => panic!("{} differs between 1 and {threads} threads", p1.display()),
                }
            }
        }
        assert!(
            one[3].1.is_err(),
            "an unreadable draft is reported in its place"
        );
    }

    #[test]
    fn stopping_early_is_fine() {
        let rb = default_rulebook();
        let mut it = evaluate_all(&rb, fixtures(), 2);
        assert!(it.next().is_some());
        drop(it);
    }
}
