//! What Word accepts of a list, and the refusals of what it does not. Word starts a list at 0
//! to 32767 and keeps a level's number text to 31 characters with at most 9 level numbers; a
//! file made by another program can ask for more (a list in letters from 4,294,967,295 once
//! made a label of 165 million letters). [`Site`] refuses such a list when a paragraph uses
//! it, naming the part, the paragraph, the list definition and the level; [`MAX_LETTERS`]
//! bounds the letters written. The numbering itself is computed in `numbering.rs`.

use super::xml::{self, Problem};
use quick_xml::events::BytesStart;

/// Levels of a list: Word has nine.
pub(super) const LEVELS: usize = 9;

/// The largest starting number Word accepts: its "Start at" and "Set numbering value" boxes
/// take 0 to 32767. A `w:start` or `w:startOverride` beyond (or below 0) is refused.
pub(super) const MAX_START: u32 = 32_767;

/// The longest number text (`w:lvlText`) Word accepts, each `%1` … `%9` counting as one
/// character (MS-OI29500, 2.1.283: Word's notes on the standard).
pub(super) const MAX_LEVEL_TEXT: usize = 31;

/// The most level numbers (`%1` … `%9`) Word accepts in one number text (MS-OI29500, 2.1.283).
pub(super) const MAX_PLACEHOLDERS: usize = 9;

/// The largest number written in letters: 260 is "zzzzzzzzzz", ten letters. Word repeats the
/// letter once more for every 26 (the 27th is "aa"), so a list counted into the millions would
/// give labels of many thousands of letters; beyond this one the number is written in digits.
/// No draft letters that far, and the text reader takes neither form for a sub-paragraph.
pub(super) const MAX_LETTERS: u32 = 260;

/// A starting number as the file gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Start {
    /// Within Word's range, 0 to [`MAX_START`].
    Valid(u32),
    /// A whole number outside it, as written (for the message).
    Beyond(String),
}

impl Start {
    /// Reads `w:val`: `None` when absent or not a whole number (the file's other numbers are
    /// read alike); a whole number of any size outside 0 … [`MAX_START`] is [`Start::Beyond`].
    pub fn read(e: &BytesStart) -> Option<Start> {
        let v = xml::attr(e, "val")?;
        let v = v.trim();
        let digits = v.strip_prefix(['-', '+']).unwrap_or(v);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some(match v.parse::<u32>() {
            Ok(n) if n <= MAX_START => Start::Valid(n),
            _ => Start::Beyond(v.to_string()),
        })
    }
}

/// `%1` … `%9` in a number text: the 0-based level whose number it stands for.
pub(super) fn placeholder(c: char, next: Option<&char>) -> Option<usize> {
    let d = next.and_then(|d| d.to_digit(10))?;
    (c == '%' && (1..=LEVELS as u32).contains(&d)).then(|| d as usize - 1)
}

/// Where a label is being computed, for the messages that refuse one.
pub(super) struct Site<'a> {
    /// The numbering part (`word/numbering.xml`).
    pub part: &'a str,
    /// The paragraph being numbered (1-based index in the body).
    pub paragraph: u32,
    /// The list definition (`w:abstractNumId`).
    pub list: u32,
}

/// What to do about a list Word would not accept.
const NOT_FROM_WORD: &str = "Word does not save such a list, so the file was made or altered by \
     another program: open it in Word, set the list's number again (right-click the number, \
     Set Numbering Value, or Define New Number Format) and save it, or export the draft as text";

impl Site<'_> {
    /// Where in the file: "list definition 0, level 1".
    fn place(&self, ilvl: usize) -> String {
        format!("list definition {}, level {}", self.list, ilvl + 1)
    }

    /// The first number of level `ilvl` (0-based) from its start as the file gives it;
    /// refused beyond Word's range.
    pub fn start(&self, ilvl: usize, start: &Start) -> Result<u32, Problem> {
        match start {
            Start::Valid(n) => Ok(*n),
            Start::Beyond(written) => Err(Problem::new(
                format!(
                    "{}: paragraph {} is numbered in a list that starts at {written} ({}), but \
                     a list in Word starts at a number from 0 to {MAX_START}",
                    self.part,
                    self.paragraph,
                    self.place(ilvl)
                ),
                NOT_FROM_WORD,
            )),
        }
    }

    /// Refuses a number text longer than Word accepts.
    pub fn check_text(&self, ilvl: usize, text: &str) -> Result<(), Problem> {
        let (mut length, mut numbers) = (0usize, 0usize);
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if placeholder(c, chars.peek()).is_some() {
                chars.next();
                numbers += 1;
            }
            length += 1;
        }
        if length <= MAX_LEVEL_TEXT && numbers <= MAX_PLACEHOLDERS {
            return Ok(());
        }
        let shown: String = text.chars().take(40).collect();
        let more = if text.chars().nth(40).is_some() {
            "…"
        } else {
            ""
        };
        Err(Problem::new(
            format!(
                "{}: paragraph {} is numbered with the number text \"{shown}{more}\" ({length} \
                 characters, each of its {numbers} level numbers counted as one; {}), but Word \
                 allows at most {MAX_LEVEL_TEXT} characters and {MAX_PLACEHOLDERS} level numbers",
                self.part,
                self.paragraph,
                self.place(ilvl)
            ),
            NOT_FROM_WORD,
        ))
    }

    /// The counter of a level would pass `u32::MAX`.
    pub fn past_the_end(&self, ilvl: usize) -> Problem {
        Problem::new(
            format!(
                "{}: paragraph {} would be numbered past {} ({}), the largest number \
                 policycheck counts to",
                self.part,
                self.paragraph,
                u32::MAX,
                self.place(ilvl)
            ),
            NOT_FROM_WORD,
        )
    }
}
