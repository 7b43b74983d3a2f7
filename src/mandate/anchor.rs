//! The anchor of a mandate: the line where a finding with no paragraph of its own (a
//! recommendation the draft does not take up at all) is shown by the machine formats. It is
//! the first line of the operative part — where a missing task would have to be added — or,
//! for a document without one, its first provision; never 0, so code-scanning tools always
//! have a line to show.

use crate::mandate::model::{Mandate, Part};

/// The first line of `mandate`'s operative part (≥ 1); the first provision's line when there
/// is no operative part; 1 for a document with no provisions.
pub fn anchor_line(mandate: &Mandate) -> u32 {
    mandate
        .provisions
        .iter()
        .find(|p| p.part == Part::Operative)
        .or_else(|| mandate.provisions.first())
        .map_or(1, |p| p.first_line.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mandate::{read_text, SourceFormat};

    #[test]
    fn anchor_is_the_first_operative_line() {
        let text = "Resolution 1 (2000)\n\nThe Security Council,\n\nRecalling its resolutions,\n\n\
                    1. Decides that the mission shall monitor borders;\n\n\
                    2. Decides to remain seized of the matter.\n";
        let m = read_text("r.txt", text, SourceFormat::Text);
        let op1 = m.provisions.iter().find(|p| p.id == "OP1").expect("OP1");
        assert_eq!(anchor_line(&m), op1.first_line);
        assert!(anchor_line(&m) >= 1);
    }

    #[test]
    fn anchor_falls_back_to_the_first_provision_then_line_one() {
        let m = read_text("r.txt", "Noting the report;\n", SourceFormat::Text);
        if let Some(first) = m.provisions.first() {
            assert!(!m.provisions.iter().any(|p| p.part == Part::Operative));
            assert_eq!(anchor_line(&m), first.first_line.max(1));
        }
        let empty = read_text("e.txt", "", SourceFormat::Text);
        assert_eq!(anchor_line(&empty), 1);
    }
}
