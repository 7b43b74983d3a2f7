//! The shared vocabulary of the pipeline: where a provision stands ([`Part`]), the force of a
//! clause ([`Force`]), whom it addresses ([`Addressee`]) and a rule's [`Verdict`]. It sits
//! below the readers, the rulebook, the evaluator and the reports, so that each can name these
//! words without importing a sibling; their doc comments are also the JSON Schema's
//! descriptions.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Where a provision stands in the document.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Part {
    /// Title, symbol, adoption line, "The Security Council,".
    Header,
    /// Preambular paragraphs (Recalling…, Noting…): context.
    Preambular,
    /// Numbered operative paragraphs and their sub-paragraphs.
    Operative,
    /// Annexes and other text after the operative part.
    Annex,
}

impl Part {
    /// The word used in rulebooks and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Header => "header",
            Part::Preambular => "preambular",
            Part::Operative => "operative",
            Part::Annex => "annex",
        }
    }
}

/// The force of a clause, from its leading verb. Ordered from weakest to strongest.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Force {
    /// Preambular context (Recalling…, Noting…) or text that is not a clause of decision.
    Context,
    /// Operative but with no action asked: Welcomes, Notes, Condemns, Reaffirms…
    NoAction,
    /// A call: Calls upon, Urges, Encourages, Invites, Requests (States)…
    Call,
    /// A mandate: Decides, Authorizes, Requests (the Secretary-General, the mission), Demands…
    Mandate,
}

impl Force {
    /// The word used in rulebooks and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Force::Context => "context",
            Force::NoAction => "no-action",
            Force::Call => "call",
            Force::Mandate => "mandate",
        }
    }
}

impl fmt::Display for Force {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whom a clause addresses.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Addressee {
    /// A UN peacekeeping or political mission, force or operation (MINUSMA, UNOMIL, "the Force").
    Mission,
    /// The Secretary-General (or the Special Representative).
    SecretaryGeneral,
    /// Another UN body: a committee, panel, commission, group of experts, tribunal, mechanism.
    UnBody,
    /// The Security Council itself (Decides to remain seized…).
    Council,
    /// Member States, all States, neighbouring States.
    States,
    /// The host Government or national authorities.
    Government,
    /// The parties, armed groups, factions, movements.
    Parties,
    /// Regional and subregional organisations (AU/OAU, ECOWAS, OAS, CSCE, EU, League of Arab States).
    Regional,
    /// Nobody named.
    Unspecified,
}

impl Addressee {
    /// All addressees, in order.
    pub const ALL: [Addressee; 9] = [
        Addressee::Mission,
        Addressee::SecretaryGeneral,
        Addressee::UnBody,
        Addressee::Council,
        Addressee::States,
        Addressee::Government,
        Addressee::Parties,
        Addressee::Regional,
        Addressee::Unspecified,
    ];

    /// The word used in rulebooks and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Addressee::Mission => "mission",
            Addressee::SecretaryGeneral => "secretary-general",
            Addressee::UnBody => "un-body",
            Addressee::Council => "council",
            Addressee::States => "states",
            Addressee::Government => "government",
            Addressee::Parties => "parties",
            Addressee::Regional => "regional",
            Addressee::Unspecified => "unspecified",
        }
    }

    /// Parses the rulebook word for an addressee.
    pub fn parse(s: &str) -> Option<Addressee> {
        Addressee::ALL.iter().copied().find(|a| a.as_str() == s)
    }
}

impl fmt::Display for Addressee {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A rule's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Not taken up.
    Missing,
    /// Taken up in part, or with less force than asked.
    Partial,
    /// Taken up.
    Met,
}

impl Verdict {
    /// The rule's score for this verdict.
    pub fn score(self) -> f64 {
        match self {
            Verdict::Met => 1.0,
            Verdict::Partial => 0.5,
            Verdict::Missing => 0.0,
        }
    }

    /// The word used in rulebooks and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Met => "met",
            Verdict::Partial => "partial",
            Verdict::Missing => "missing",
        }
    }

    /// Parses the rulebook word.
    pub fn parse(s: &str) -> Option<Verdict> {
        match s {
            "met" => Some(Verdict::Met),
            "partial" => Some(Verdict::Partial),
            "missing" => Some(Verdict::Missing),
            _ => None,
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A weight, bar or score as people write it: `3` for 3.0, `1.5` for 1.5, `62.25` for 62.25
/// (the shortest text that reads back as the same number).
pub fn number_text(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x}")
    }
}

/// A change of score with its sign and one decimal: `+4.5`, `-2.0`, `±0.0` (also for a change
/// that rounds to nothing).
pub fn signed(x: f64) -> String {
    let x = (x * 10.0).round() / 10.0;
    if x > 0.0 {
        format!("+{x:.1}")
    } else if x < 0.0 {
        format!("{x:.1}")
    } else {
        "±0.0".to_string()
    }
}

/// Whether `c` must not reach a terminal or a CI log as it is: a control character (C0, DEL,
/// C1 — the escape that starts a terminal colour among them), a bidirectional control (which
/// reorders what is shown around it), a line or paragraph separator, or a noncharacter
/// (U+FFFE, U+FFFF, U+FDD0…U+FDEF and the last two of every plane).
pub fn is_unsafe_char(c: char) -> bool {
    let n = u32::from(c);
    c.is_control()
        || matches!(n, 0x061C | 0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069)
        || matches!(n, 0x2028 | 0x2029)
        || (0xFDD0..=0xFDEF).contains(&n)
        || n & 0xFFFE == 0xFFFE
}

/// Whether every byte of `s` is printable ASCII or one of `also`: then no character of it
/// [`is_unsafe_char`], which is much quicker to tell byte by byte.
pub fn printable_ascii(s: &str, also: &[u8]) -> bool {
    s.bytes()
        .all(|b| (0x20..0x7f).contains(&b) || also.contains(&b))
}

/// Text from a draft, a file name, a rulebook or a configuration made inert for one line of
/// a terminal or a CI log: every character [`is_unsafe_char`] names — line breaks included —
/// written as a visible escape (`\n`, `\r`, `\u{1b}`, `\u{202e}`), so that nothing taken
/// from input can start a line of its own (a `::error::` workflow command), colour the
/// terminal or reorder what is shown. A tab stays a tab. Borrowed when nothing is escaped.
pub fn inert(s: &str) -> std::borrow::Cow<'_, str> {
    if printable_ascii(s, b"\t") || !s.chars().any(|c| c != '\t' && is_unsafe_char(c)) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        push_escaped(&mut out, c, false);
    }
    std::borrow::Cow::Owned(out)
}

/// As [`inert`], for text of several lines (a message, a report): line breaks and tabs stay,
/// and a line that would begin with `::` — a GitHub Actions workflow command — begins with
/// `\::` instead.
pub fn inert_lines(s: &str) -> std::borrow::Cow<'_, str> {
    let command_line = |l: &str| l.trim_start().starts_with("::");
    let unsafe_char = |c: char| c != '\t' && c != '\n' && is_unsafe_char(c);
    if (printable_ascii(s, b"\t\n") || !s.chars().any(unsafe_char))
        && !s.split('\n').any(command_line)
    {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut escaped = String::with_capacity(line.len());
        for c in line.chars() {
            push_escaped(&mut escaped, c, true);
        }
        if command_line(&escaped) {
            let indent = escaped.len() - escaped.trim_start().len();
            out.push_str(&escaped[..indent]);
            out.push('\\');
            out.push_str(&escaped[indent..]);
        } else {
            out.push_str(&escaped);
        }
    }
    std::borrow::Cow::Owned(out)
}

fn push_escaped(out: &mut String, c: char, keep_breaks: bool) {
    match c {
        '\t' => out.push(c),
        '\n' if keep_breaks => out.push(c),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        c if is_unsafe_char(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inert_text_cannot_start_a_line_colour_a_terminal_or_reorder_it() {
        assert_eq!(inert("drafts/plain.md"), "drafts/plain.md");
        assert!(matches!(inert("plain"), std::borrow::Cow::Borrowed(_)));
        assert_eq!(inert("a.md\n::error::owned\r"), "a.md\\n::error::owned\\r");
        assert_eq!(inert("\u{1b}[31mred\u{1b}[0m"), "\\u{1b}[31mred\\u{1b}[0m");
        assert_eq!(inert("abc\u{202e}txt.md"), "abc\\u{202e}txt.md");
        assert_eq!(
            inert("x\u{fffe}\u{ffff}\u{fdd0}\u{1fffe}"),
            "x\\u{fffe}\\u{ffff}\\u{fdd0}\\u{1fffe}"
        );
        assert_eq!(inert("tab\there"), "tab\there");
        assert_eq!(inert("naïve – “quoted” 日本"), "naïve – “quoted” 日本");
    }

    #[test]
    fn inert_lines_keep_their_breaks_and_lose_their_commands() {
        assert_eq!(inert_lines("one\ntwo\n"), "one\ntwo\n");
        assert_eq!(
            inert_lines("error: bad\n::add-mask::secret\n  ::set-output name=x::y"),
            "error: bad\n\\::add-mask::secret\n  \\::set-output name=x::y"
        );
        assert_eq!(inert_lines("a\u{1b}]8;;x\u{7}b"), "a\\u{1b}]8;;x\\u{7}b");
        assert_eq!(inert_lines("a: b::c"), "a: b::c");
    }

    #[test]
    fn numbers_read_as_people_write_them() {
        assert_eq!(number_text(3.0), "3");
        assert_eq!(number_text(1.5), "1.5");
        assert_eq!(number_text(0.25), "0.25");
        assert_eq!(number_text(62.125), "62.125");
        assert_eq!(signed(4.5), "+4.5");
        assert_eq!(signed(-2.0), "-2.0");
        assert_eq!(signed(0.0), "±0.0");
        assert_eq!(signed(-0.04), "±0.0");
    }
}
