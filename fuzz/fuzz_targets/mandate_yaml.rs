//! Arbitrary text as a structured mandate: a mandate or a located error, never a panic; a
//! mandate that reads is written back and read again without an error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use policycheck::mandate::{read_yaml, to_yaml};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(m) = read_yaml("fuzz.yaml", text) {
            let written = to_yaml(&m);
            let again = read_yaml("again.yaml", &written);
            assert!(again.is_ok(), "{written}\n{again:?}");
        }
    }
});
