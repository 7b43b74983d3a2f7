//! Arbitrary bytes as a rulebook: loading must return a rulebook or located diagnostics,
//! never panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = policycheck::rulebook::parse_rulebook("fuzz.yaml", text);
    }
});
