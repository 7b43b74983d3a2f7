//! Micro-benchmarks of the hot paths, on the largest fixture resolution: reading (segmenting)
//! a draft into provisions, scanning it with the one-pass matcher, evaluating it (fast path
//! and reference path), loading the embedded rulebook, building every one of its patterns'
//! regexes (the ASCII ones and the Unicode ones), and expanding a folder of 20,000 drafts
//! into the documents of a run (linear, not quadratic, in the number of files). Run with
//! `cargo bench`; the corpus-scale comparison with ripgrep is `scripts/bench.sh`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use policycheck::default_rulebook;
use policycheck::evaluate::{evaluate_with, reference, Matcher};
use policycheck::inputs::expand_inputs;
use policycheck::mandate::{read_text, SourceFormat};
use policycheck::rulebook::phrase::Script;
use policycheck::rulebook::{parse_rulebook, DEFAULT_RULEBOOK};
use std::hint::black_box;
use std::path::PathBuf;

/// The largest fixture resolution: the worst case for segmentation and matching.
fn biggest_fixture() -> (String, String) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/unsc");
    let path = std::fs::read_dir(&dir)
        .expect("fixtures present")
        .map(|e| e.expect("readable folder").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .max_by_key(|p| (std::fs::metadata(p).map_or(0, |m| m.len()), p.clone()))
        .expect("at least one fixture");
    let text = std::fs::read_to_string(&path).expect("fixture reads");
    (path.display().to_string(), text)
}

fn benches(c: &mut Criterion) {
    let (label, text) = biggest_fixture();
    let rulebook = default_rulebook();
    let matcher = Matcher::for_rulebook(&rulebook);
    let mandate = read_text(&label, &text, SourceFormat::Text);

    let mut g = c.benchmark_group("draft");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("segment", |b| {
        b.iter(|| read_text(&label, black_box(&text), SourceFormat::Text))
    });
    g.bench_function("scan", |b| {
        b.iter(|| {
            for p in &mandate.provisions {
                black_box(matcher.scan(black_box(&p.text)));
            }
        })
    });
    g.bench_function("evaluate", |b| {
        b.iter(|| evaluate_with(&matcher, &rulebook, black_box(&mandate)))
    });
    g.bench_function("evaluate_reference", |b| {
        b.iter(|| reference::evaluate(&rulebook, black_box(&mandate)))
    });
    g.finish();

    let mut g = c.benchmark_group("rulebook");
    g.sample_size(10);
    g.bench_function("parse_default", |b| {
        b.iter(|| parse_rulebook("<bench>", black_box(DEFAULT_RULEBOOK)))
    });
    g.bench_function("matcher", |b| {
        b.iter(|| Matcher::for_rulebook(black_box(&rulebook)))
    });
    // Every distinct pattern's regex, as a draft's first search builds it.
    let mut seen = std::collections::BTreeSet::new();
    let regexes: Vec<_> = rulebook
        .phrases()
        .filter(|p| seen.insert(p.pattern.clone()))
        .map(|p| p.regex.clone())
        .collect();
    for (name, script) in [
        ("build_regexes_ascii", Script::AsciiWords),
        ("build_regexes_unicode", Script::Unicode),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| {
                for r in &regexes {
                    black_box(r.build_anew(script));
                }
            })
        });
    }
    g.finish();

    // 20 folders of 1,000 empty drafts: the cost of naming the documents of a large run.
    let folder = tempfile::tempdir().expect("temporary folder");
    for f in 0..20 {
        let sub = folder.path().join(format!("batch-{f:02}"));
        std::fs::create_dir(&sub).expect("folder");
        for d in 0..1000 {
            std::fs::write(sub.join(format!("draft-{d:04}.txt")), "").expect("file");
        }
    }
    let args = [folder.path().to_path_buf()];
    let mut g = c.benchmark_group("inputs");
    g.sample_size(10);
    g.throughput(Throughput::Elements(20_000));
    g.bench_function("expand_20000_files", |b| {
        b.iter(|| {
            let found = expand_inputs(black_box(&args));
            assert_eq!(found.documents.len(), 20_000);
            found
        })
    });
    g.finish();
}

criterion_group!(engine, benches);
criterion_main!(engine);
