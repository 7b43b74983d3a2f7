//! Work on every core, handed back in order: items are processed in parallel (rayon) and the
//! outcomes come back in the order the items were given, so that output stays deterministic
//! whatever the number of threads. At most a small window of items (sixteen per thread) is in
//! flight or waiting to be handed back at any time, so memory is bounded by the largest
//! items, not by their number.

use std::collections::BTreeMap;
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::Arc;

/// Items in flight (being worked on or waiting their turn) per thread. With four, a draft
/// slower than those after it left the threads idle once they had finished the window behind
/// it: sixteen made the 9,020 resolutions 12 % faster on two cores.
const WINDOW_PER_THREAD: usize = 16;

/// Applies `work` to every item of `items` on `threads` threads (0: one per core), yielding
/// each item with its outcome in input order as soon as it is next in line. `items` is
/// consumed lazily, a window at a time. One thread needs no pool: the caller's thread does
/// the work.
pub fn in_order<I, T, R, F>(items: I, threads: usize, work: F) -> InOrder<I::IntoIter, T, R, F>
where
    I: IntoIterator<Item = T>,
    T: Send + 'static,
    R: Send + 'static,
    F: Fn(&T) -> R + Send + Sync + 'static,
{
    let threads = match threads {
        0 => std::thread::available_parallelism().map_or(1, usize::from),
        n => n,
    };
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
    InOrder {
        work: Arc::new(work),
        items: items.into_iter(),
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

/// The outcomes of [`in_order`], in input order.
pub struct InOrder<I, T, R, F> {
    work: Arc<F>,
    items: I,
    pool: Option<rayon::ThreadPool>,
    window: usize,
    tx: Sender<(usize, (T, R))>,
    rx: Receiver<(usize, (T, R))>,
    /// Items handed to the pool so far.
    sent: usize,
    /// Index of the next outcome to yield.
    next: usize,
    /// Outcomes finished ahead of their turn.
    ready: BTreeMap<usize, (T, R)>,
}

impl<I, T, R, F> InOrder<I, T, R, F>
where
    I: Iterator<Item = T>,
    T: Send + 'static,
    R: Send + 'static,
    F: Fn(&T) -> R + Send + Sync + 'static,
{
    /// Keeps the window full: hands items to the pool until `window` are in flight.
    fn fill(&mut self) {
        let Some(pool) = &self.pool else { return };
        while self.sent - self.next < self.window {
            let Some(item) = self.items.next() else {
                return;
            };
            let (i, work, tx) = (self.sent, Arc::clone(&self.work), self.tx.clone());
            pool.spawn(move || {
                let outcome = work(&item);
                // The receiver is gone only when the caller stopped iterating early.
                let _ = tx.send((i, (item, outcome)));
            });
            self.sent += 1;
        }
    }
}

impl<I, T, R, F> Iterator for InOrder<I, T, R, F>
where
    I: Iterator<Item = T>,
    T: Send + 'static,
    R: Send + 'static,
    F: Fn(&T) -> R + Send + Sync + 'static,
{
    type Item = (T, R);

    fn next(&mut self) -> Option<(T, R)> {
        if self.pool.is_none() {
            let item = self.items.next()?;
            let outcome = (self.work)(&item);
            return Some((item, outcome));
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
                .expect("a task panicked before sending its outcome");
            self.ready.insert(i, outcome);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mandate::read_mandate;
    use crate::rulebook::default_rulebook;
    use std::path::{Path, PathBuf};

    fn fixtures() -> Vec<PathBuf> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/unsc");
        let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        v.sort();
        v
    }

    /// Each draft's assessment as JSON, or its error.
    fn judge(threads: usize, paths: Vec<PathBuf>) -> Vec<(PathBuf, Result<String, String>)> {
        let rb = default_rulebook();
        in_order(paths, threads, move |p: &PathBuf| {
            read_mandate(p)
                .map(|m| serde_json::to_string(&crate::evaluate(&rb, &m)).unwrap())
                .map_err(|e| e.to_string())
        })
        .collect()
    }

    #[test]
    fn outcomes_come_in_input_order_whatever_the_threads() {
        let mut paths = fixtures();
        paths.insert(3, PathBuf::from("no/such/draft.txt"));
        let one = judge(1, paths.clone());
        assert_eq!(one.len(), paths.len());
        for threads in [2, 3, 0] {
            assert_eq!(judge(threads, paths.clone()), one, "{threads} threads");
        }
        assert!(
            one[3].1.is_err(),
            "an unreadable draft is reported in its place"
        );
    }

    #[test]
    fn stopping_early_is_fine() {
        let mut it = in_order(0..1000, 2, |i: &u32| i * 2);
        assert_eq!(it.next(), Some((0, 0)));
        drop(it);
    }
}
