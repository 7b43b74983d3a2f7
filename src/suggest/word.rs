//! Suggestions into a Word draft: each a new paragraph inserted as a tracked change by
//! "policycheck", with its comment, numbered like the operative paragraph it follows or
//! precedes (see [`insert_tracked`]).

use super::place::{family_lines, top_level_operative};
use super::Suggestion;
use crate::error::{Diagnostic, Error};
use crate::mandate::{insert_tracked, Mandate, NewParagraph, Revision, Slot};
use crate::waiver::Date;

/// The author of the tracked changes and comments.
pub const AUTHOR: &str = "policycheck";

/// The Word draft `bytes` (read as `mandate`) with `suggestions` inserted as tracked changes
/// dated `date` (ISO 8601, UTC; see [`revision_date`]).
pub fn amend_docx(
    label: &str,
    bytes: &[u8],
    mandate: &Mandate,
    suggestions: &[Suggestion],
    date: &str,
) -> Result<Vec<u8>, Error> {
    let mut paragraphs = Vec::new();
    for s in suggestions {
        let neighbour = &s.placement.neighbour;
        let (Some(model), Some((first, last))) = (
            mandate.provisions.iter().find(|p| &p.id == neighbour),
            family_lines(mandate, neighbour),
        ) else {
            return Err(Error::Mandate(Diagnostic::new(
                label,
                format!("the draft has no paragraph {neighbour} to place a suggestion by"),
            )));
        };
        paragraphs.push(NewParagraph {
            slot: if s.placement.before {
                Slot::Before(first)
            } else {
                Slot::After(last)
            },
            like: models(mandate, model.first_line),
            text: s.text.clone(),
            comment: s.comment.clone(),
        });
    }
    let revision = Revision {
        author: AUTHOR.into(),
        date: date.into(),
    };
    insert_tracked(label, bytes, &paragraphs, &revision)
}

/// The paragraphs a new one may take its numbering from: the one beside it, then the other
/// top-level operative paragraphs, nearest first (when the one beside it has its number typed
/// rather than given by Word).
fn models(mandate: &Mandate, first: u32) -> Vec<u32> {
    let mut others: Vec<u32> = top_level_operative(mandate)
        .iter()
        .map(|p| p.first_line)
        .filter(|l| *l != first)
        .collect();
    others.sort_by_key(|l| (l.abs_diff(first), *l));
    std::iter::once(first).chain(others).collect()
}

/// A moment as Word dates revisions, `2026-01-31T12:00:00Z`, from seconds since 1970 (UTC).
pub fn revision_date(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    let s = seconds.rem_euclid(86_400);
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        Date::from_unix_days(days),
        s / 3600,
        s % 3600 / 60,
        s % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revision_dates_are_utc_iso_8601() {
        assert_eq!(revision_date(0), "1970-01-01T00:00:00Z");
        assert_eq!(revision_date(1_767_225_600 + 3_723), "2026-01-01T01:02:03Z");
    }
}
