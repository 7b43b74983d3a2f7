//! Arbitrary WordprocessingML read as a Word draft. The input is the text of up to three
//! parts separated by NUL bytes — `word/document.xml`, `word/numbering.xml`,
//! `word/styles.xml` — packed here into a valid zip, so that the fuzzer spends its time on the
//! XML (paragraphs, automatic numbering, styles, tracked changes) rather than on zip checksums.
//! Both readings of tracked changes must give a mandate or an error, never a panic, with every
//! provision's paragraph range in order.
#![no_main]

use libfuzzer_sys::fuzz_target;
use policycheck::mandate::{read_docx, ReadOptions, TrackedChanges};
use std::io::Write;
use zip::write::SimpleFileOptions;

const PARTS: [&str; 3] = [
    "word/document.xml",
    "word/numbering.xml",
    "word/styles.xml",
];

fuzz_target!(|data: &[u8]| {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, part) in PARTS.iter().zip(data.splitn(3, |b| *b == 0)) {
        if zip.start_file(*name, stored).is_err() || zip.write_all(part).is_err() {
            return;
        }
    }
    let Ok(cursor) = zip.finish() else { return };
    let bytes = cursor.into_inner();
    for tracked_changes in [TrackedChanges::Accepted, TrackedChanges::Rejected] {
        let options = ReadOptions {
            tracked_changes,
            ..ReadOptions::default()
        };
        if let Ok(m) = read_docx("fuzz.docx", &bytes, &options) {
            for p in &m.provisions {
                assert!(p.first_line >= 1 && p.first_line <= p.last_line, "{p:?}");
                for c in &p.clauses {
                    assert!(c.start <= c.end && c.end <= p.text.len(), "{p:?}");
                }
            }
        }
    }
});
