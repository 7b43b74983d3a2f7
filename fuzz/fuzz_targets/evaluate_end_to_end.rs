//! Arbitrary text read as a draft, evaluated against the default rulebook and rendered as
//! the JSON report: never a panic, and the score stays within 0–100.
#![no_main]

use libfuzzer_sys::fuzz_target;
use policycheck::mandate::{read_text, SourceFormat};
use policycheck::report::{to_json, ReportView, ViewOptions};
use std::sync::LazyLock;

static RULEBOOK: LazyLock<policycheck::Rulebook> = LazyLock::new(policycheck::default_rulebook);

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let format = if text.starts_with('#') {
            SourceFormat::Markdown
        } else {
            SourceFormat::Text
        };
        let m = read_text("fuzz.txt", text, format);
        let a = policycheck::evaluate(&RULEBOOK, &m);
        assert!((0.0..=100.0).contains(&a.score), "{}", a.score);
        let view = ReportView::build(&RULEBOOK, &[a], &ViewOptions::default());
        let _ = to_json(&view);
    }
});
