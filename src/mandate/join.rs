//! Joining printed lines into a provision's text. Lines wrapped by printing are joined with one
//! space; a word broken by a hyphen at the end of a line is rejoined ("submit-\nted" →
//! "submitted") unless the hyphen is a real one ("peace-\nkeeping", "Secretary-\nGeneral").
//! The builder records where each source line starts in the joined text, so evidence can name
//! the exact line of a phrase.

/// Word parts before a line-end hyphen that keep it: compounds, not broken words.
/// ("inter" and "re" are left out on purpose: the corpus breaks "inter-\nnational" and
/// "Re-\npublics" far more often than it prints "inter-" or "re-" compounds at a line end.)
const KEEP_HYPHEN: &[&str] = &[
    "peace", "self", "co", "non", "cease", "well", "anti", "counter", "multi", "post", "pre",
    "above", "so", "ex", "long", "short", "full", "mid", "cross", "high", "low", "all", "half",
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "one", "two",
    "three", "four", "five", "six", "seven", "eight", "nine", "military", "socio", "de", "semi",
    "war", "state", "member", "troop", "police",
];

/// A provision's text being built line by line.
#[derive(Debug, Clone, Default)]
pub(super) struct TextBuilder {
    /// The joined text.
    pub text: String,
    /// (offset in `text`, line number) for each source line that contributed.
    pub line_map: Vec<(usize, u32)>,
    /// First and last line that contributed (0 until one did).
    pub first_line: u32,
    /// Last line.
    pub last_line: u32,
}

impl TextBuilder {
    /// Appends the content of source line `no` (already stripped of markers and trimmed).
    /// An empty `content` extends the line range only.
    pub fn push(&mut self, no: u32, content: &str) {
        if self.first_line == 0 {
            self.first_line = no;
        }
        self.last_line = self.last_line.max(no);
        let content = content.trim();
        if content.is_empty() {
            return;
        }
        if self.text.is_empty() {
            self.line_map.push((0, no));
            self.text.push_str(content);
            return;
        }
        if self.text.ends_with('-') && !self.text.ends_with("--") {
            let word = last_word(&self.text[..self.text.len() - 1]);
            let next_lower = content.chars().next().is_some_and(char::is_lowercase);
            let keep = !next_lower
                || word.contains('-')
                || KEEP_HYPHEN.contains(&word.to_lowercase().as_str())
                || word.is_empty();
            let broken = word.chars().last().is_some_and(char::is_alphabetic);
            if broken {
                if !keep {
                    self.text.pop();
                }
                self.line_map.push((self.text.len(), no));
                self.text.push_str(content);
                return;
            }
        }
        self.text.push(' ');
        self.line_map.push((self.text.len(), no));
        self.text.push_str(content);
    }

    /// Extends the line range without adding text (blank or dropped lines inside a provision).
    pub fn cover(&mut self, no: u32) {
        if self.first_line == 0 {
            self.first_line = no;
        }
        self.last_line = self.last_line.max(no);
    }

    /// The text ends a sentence or list item (, ; : . and closing quotes or brackets after them).
    pub fn ends_clause(&self) -> bool {
        super::lines::ends_clause(&self.text)
    }
}

/// The last run of letters and hyphens of `s`.
fn last_word(s: &str) -> &str {
    let start = s
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphabetic() || *c == '-'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &s[start..]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn join(lines: &[&str]) -> TextBuilder {
        let mut b = TextBuilder::default();
        for (i, l) in lines.iter().enumerate() {
            b.push(i as u32 + 10, l);
        }
        b
    }

    #[test]
    fn wrapped_lines_join_with_one_space_and_keep_their_offsets() {
        let b = join(&["Decides that the", "  Force shall  "]);
        assert_eq!(b.text, "Decides that the Force shall");
        assert_eq!(b.line_map, vec![(0, 10), (17, 11)]);
        assert_eq!((b.first_line, b.last_line), (10, 11));
    }

    #[test]
    fn broken_words_are_rejoined_and_real_hyphens_kept() {
        assert_eq!(
            join(&["to be submit-", "ted by"]).text,
            "to be submitted by"
        );
        assert_eq!(join(&["the Govern-", "ment of"]).text, "the Government of");
        assert_eq!(
            join(&["of inter-", "national peace"]).text,
            "of international peace"
        );
        assert_eq!(
            join(&["the peace-", "keeping force"]).text,
            "the peace-keeping force"
        );
        assert_eq!(join(&["the cease-", "fire"]).text, "the cease-fire");
        assert_eq!(
            join(&["the Secretary-", "General"]).text,
            "the Secretary-General"
        );
        assert_eq!(
            join(&["Twenty-", "seventh Year"]).text,
            "Twenty-seventh Year"
        );
        assert_eq!(join(&["a dash -", "here"]).text, "a dash - here");
        let b = join(&["notwithstand-", "ing the"]);
        assert_eq!(b.text, "notwithstanding the");
        assert_eq!(b.line_map, vec![(0, 10), (12, 11)]);
    }

    #[test]
    fn clause_ends_are_recognised() {
        assert!(join(&["Recalling its resolution,"]).ends_clause());
        assert!(join(&["of the matter.\""]).ends_clause());
        assert!(!join(&["Noting the recommendation by the"]).ends_clause());
    }
}
