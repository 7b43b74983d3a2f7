//! Arbitrary templates rendered over a fixed report (S/RES/724 (1991) against the default
//! rulebook): never a panic, a stack overflow, a hang or unbounded memory; a render that
//! succeeds stays within the output limit. The input is split at NUL bytes into the template
//! rendered, `t`, and up to three partials it may include, `p1`…`p3`; when it starts with `<`
//! they are HTML templates (`t.html`, `p1.html`…), rendered with escaping.
#![no_main]

use libfuzzer_sys::fuzz_target;
use policycheck::mandate::{read_text, SourceFormat};
use policycheck::report::{Renderer, ReportView, ViewOptions};
use std::sync::{LazyLock, Mutex};

static VIEW: LazyLock<ReportView> = LazyLock::new(|| {
    let rulebook = policycheck::default_rulebook();
    let text = include_str!("../../tests/fixtures/unsc/S_RES_0724_1991_EN_GOLD.txt");
    let mandate = read_text("S_RES_0724_1991_EN_GOLD.txt", text, SourceFormat::Text);
    let assessment = policycheck::evaluate(&rulebook, &mandate);
    ReportView::build(&rulebook, &[assessment], &ViewOptions::default())
});

/// One renderer for the whole run, its fuzzed templates reset before each input.
static RENDERER: LazyLock<Mutex<Renderer>> = LazyLock::new(|| Mutex::new(Renderer::embedded()));

/// The most a render of this small report may write.
const MAX_OUTPUT: usize = 64 * 1024 * 1024;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let suffix = if text.starts_with('<') { ".html" } else { "" };
    let names: Vec<String> = ["t", "p1", "p2", "p3"]
        .iter()
        .map(|n| format!("{n}{suffix}"))
        .collect();
    let mut renderer = RENDERER.lock().unwrap_or_else(|e| e.into_inner());
    // Empty templates first, so that nothing from an earlier input is left.
    for name in &names {
        renderer.add_template(name, "").expect("an empty template is valid");
    }
    for (name, piece) in names.iter().zip(text.split('\0')) {
        if renderer.add_template(name, piece).is_err() {
            return;
        }
    }
    if let Ok(out) = renderer.render(&names[0], &VIEW) {
        assert!(out.len() <= MAX_OUTPUT, "{} bytes", out.len());
    }
});
