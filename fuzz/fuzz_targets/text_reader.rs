//! Arbitrary text read as a plain-text and as a Markdown draft: the reader never fails, so
//! it must never panic, and its provisions must stay inside the input's lines.
#![no_main]

use libfuzzer_sys::fuzz_target;
use policycheck::mandate::{read_text, SourceFormat};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let lines = text.lines().count().max(1) as u32;
        for format in [SourceFormat::Text, SourceFormat::Markdown] {
            let m = read_text("fuzz.txt", text, format);
            for p in &m.provisions {
                assert!(p.first_line >= 1 && p.first_line <= p.last_line, "{p:?}");
                assert!(p.last_line <= lines, "{p:?} beyond {lines} lines");
                for c in &p.clauses {
                    assert!(c.start <= c.end && c.end <= p.text.len(), "{p:?}");
                }
            }
        }
    }
});
