//! Arbitrary bytes read as a PDF draft. The reader must give a mandate or a refusal, never a
//! panic or a hang, with every provision's lines inside the extracted text.
//!
//! The PDF reader catches a panic of the extracting crate (`pdf-extract`) with
//! `catch_unwind` and refuses the file as damaged; libfuzzer-sys installs a panic hook that
//! aborts, which would count those caught panics as crashes, so the default hook is put back
//! first: a panic that escapes the reader still fails the run.
#![no_main]

use libfuzzer_sys::fuzz_target;
use policycheck::mandate::pdf::pdf_text;
use policycheck::mandate::{read_pdf, ReadOptions};

fuzz_target!(|data: &[u8]| {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let _ = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
    });
    let Ok(mandate) = read_pdf("fuzz.pdf", data, &ReadOptions::default()) else {
        return;
    };
    let Ok(text) = pdf_text("fuzz.pdf", data) else {
        panic!("read_pdf read what pdf_text refused");
    };
    let lines = text.lines.len() as u32 + 1;
    for p in &mandate.provisions {
        assert!(p.first_line >= 1 && p.first_line <= p.last_line, "{}", p.id);
        assert!(p.last_line <= lines, "{} past the text", p.id);
    }
});
