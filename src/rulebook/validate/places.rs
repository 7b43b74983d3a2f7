//! Where things are in the rulebook's text, for the validator's messages: a value's place
//! from its YAML path through [`crate::yaml::path`], the file split into lines once and each
//! list (`rules`, a rule's `criteria`) walked once for all its items, so that a large
//! rulebook (or one long line) costs time in proportion to its length; and a scalar's text
//! where a path cannot reach it (a phrase in a flow list).

use super::Validator;
use crate::yaml::path::{Lines, Place, Seg};

/// A key of a YAML path.
pub(in crate::rulebook) fn key(name: &str) -> Seg {
    Seg::Key(name.to_string())
}

/// A list of the file (`rules`, a rule's `criteria`), found once with its items' places.
pub(super) struct List {
    /// Where the walk to the list ended: its key, or the last step found before it.
    pub(super) at: Place,
    /// The places of its items; none when the list is not in the text.
    pub(super) items: Vec<Place>,
}

impl List {
    /// The list at `path` below `from`.
    pub(super) fn find(lines: &Lines, from: Place, path: &[Seg]) -> List {
        match lines.find(from, path) {
            Some(at) => List {
                at,
                items: lines.items(at),
            },
            None => List {
                at: lines.locate(from, path),
                items: Vec::new(),
            },
        }
    }

    /// The place of the value at `rest` in item `i`, or of the nearest place above it that
    /// the text has (as [`Lines::locate`] on the whole path).
    pub(super) fn locate(&self, lines: &Lines, i: usize, rest: &[Seg]) -> Place {
        self.items
            .get(i)
            .map_or(self.at, |item| lines.locate(*item, rest))
    }

    /// The place of the value at `rest` in item `i`, if the text has it.
    pub(super) fn find_in(&self, lines: &Lines, i: usize, rest: &[Seg]) -> Option<Place> {
        self.items.get(i).and_then(|item| lines.find(*item, rest))
    }

    /// The list at `path` in item `i`.
    pub(super) fn list(&self, lines: &Lines, i: usize, path: &[Seg]) -> List {
        match self.items.get(i) {
            Some(item) => List::find(lines, *item, path),
            None => List {
                at: self.at,
                items: Vec::new(),
            },
        }
    }
}

impl Validator<'_> {
    /// The place of the value at `path` from the top of the file, if the text has it.
    pub(super) fn find(&self, path: &[Seg]) -> Option<(u32, u32)> {
        self.lines.find(self.lines.top(), path).map(|p| p.at())
    }

    /// The place of the key `name` of the rule at `index`, or its name on the rule's `line`
    /// when the text does not have it (a misspelt key read as this one).
    pub(super) fn key_place(&self, index: usize, line: u32, name: &str) -> (u32, u32) {
        self.rules
            .find_in(&self.lines, index, &[key(name)])
            .map_or_else(|| (line, self.col_of(line, name)), |p| p.at())
    }

    /// The place of the first occurrence of `needle` on or after line `from`.
    pub(super) fn find_text(&self, from: u32, needle: &str) -> Option<(u32, u32)> {
        self.lines.find_text(from, needle)
    }

    /// The column of `needle` on `line` (1 if absent).
    pub(super) fn col_of(&self, line: u32, needle: &str) -> u32 {
        self.lines.column_of(line, needle).unwrap_or(1)
    }
}
