//! Growth benchmark (issue 15): how the cost of reading and evaluating a draft grows with its
//! size, on drafts where every clause matches. Two drafts are doubled four times: one
//! paragraph of "Decides to establish a panel of experts on trafficking; " repeated, and as
//! many numbered paragraphs of that clause. For each size it prints the median time of
//! reading (segmenting) and evaluating against the default rulebook, and the growth over the
//! size before: linear cost doubles, quadratic cost quadruples. Run with
//! `cargo bench --bench growth`; `GROWTH_START` sets the first size (default 15625 clauses,
//! so the last is 250,000), `GROWTH_RUNS` the runs per size (default 3).

use policycheck::default_rulebook;
use policycheck::evaluate::{evaluate_with, Matcher};
use policycheck::mandate::{read_text, SourceFormat};
use std::hint::black_box;
use std::time::{Duration, Instant};

const CLAUSE: &str = "Decides to establish a panel of experts on trafficking; ";

fn one_paragraph(n: usize) -> String {
    let mut s = String::with_capacity(3 + n * CLAUSE.len());
    s.push_str("1. ");
    for _ in 0..n {
        s.push_str(CLAUSE);
    }
    s.push('\n');
    s
}

fn numbered(n: usize) -> String {
    (1..=n)
        .map(|i| format!("{i}. {}\n\n", CLAUSE.trim_end()))
        .collect()
}

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` does not run this file.
    let start = env("GROWTH_START", 15_625);
    let runs = env("GROWTH_RUNS", 3).max(1);
    let rulebook = default_rulebook();
    let matcher = Matcher::for_rulebook(&rulebook);
    // Build every regex the drafts need once, so that the first size does not pay for it.
    let warm = read_text("warm.txt", &one_paragraph(10), SourceFormat::Text);
    black_box(evaluate_with(&matcher, &rulebook, &warm));
    println!("growth of reading + evaluating a matching draft (median of {runs} runs)");
    for (name, make) in [
        ("one paragraph", one_paragraph as fn(usize) -> String),
        ("numbered paragraphs", numbered),
    ] {
        println!("\n{name}:");
        println!(
            "{:>9} {:>9} {:>10} {:>10} {:>8}",
            "clauses", "MB", "read", "evaluate", "growth"
        );
        let mut before: Option<Duration> = None;
        for step in 0..5 {
            let n = start << step;
            let text = make(n);
            let mut times: Vec<(Duration, Duration)> = (0..runs)
                .map(|_| {
                    let t = Instant::now();
                    let m = read_text("growth.txt", black_box(&text), SourceFormat::Text);
                    let read = t.elapsed();
                    let t = Instant::now();
                    black_box(evaluate_with(&matcher, &rulebook, &m));
                    (read, t.elapsed())
                })
                .collect();
            times.sort_by_key(|(r, e)| *r + *e);
            let (read, eval) = times[times.len() / 2];
            let total = read + eval;
            let growth = before.map_or("".to_string(), |b| {
                format!("{:.2}x", total.as_secs_f64() / b.as_secs_f64())
            });
            println!(
                "{:>9} {:>9.1} {:>9.3}s {:>9.3}s {:>8}",
                n,
                text.len() as f64 / 1e6,
                read.as_secs_f64(),
                eval.as_secs_f64(),
                growth
            );
            before = Some(total);
        }
    }
}
