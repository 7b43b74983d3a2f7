//! Source lines and what they can start: a numbered operative paragraph ("12. Decides"), a
//! lettered or roman sub-paragraph ("(a)", "(iii)"), a section ("B"), an annex ("Annex I"),
//! the adoption footer ("Adopted at the 2933rd meeting…"), a footnote ("29 Ibid.") or a page
//! number. Plain text is cut into cleaned lines here; Markdown is turned into the same kind of
//! lines by `markdown.rs`, so the segmenter in `text.rs` reads both formats alike. Recognisers
//! are pure functions of a line.

use crate::fixed_regex::fixed_regex;
use regex::Regex;
use std::sync::LazyLock;

/// One source line, cleaned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Line {
    /// 1-based line number in the file.
    pub no: u32,
    /// The content: trimmed, odd spaces normalised, Markdown markup removed.
    pub text: String,
    /// The level of a Markdown heading (`#` = 1), if the line was one.
    pub heading: Option<usize>,
    /// Whether the line opens an item of a Markdown ordered list at the top ("5. …"): its
    /// number is the paragraph's, even where it does not follow the one before.
    pub list_item: bool,
}

impl Line {
    /// Whether the line holds no text.
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}

/// Splits plain `text` into cleaned lines (1-based numbers; `\r\n` and `\r` end lines too).
/// Markdown is prepared by `markdown.rs` instead.
pub(super) fn prepare(text: &str) -> Vec<Line> {
    text.split('\n')
        .enumerate()
        .map(|(i, raw)| Line {
            no: u32::try_from(i + 1).unwrap_or(u32::MAX),
            text: clean(raw),
            heading: None,
            list_item: false,
        })
        .collect()
}

/// Normalises spaces and the printing artefacts seen in the corpus.
pub(super) fn clean(raw: &str) -> String {
    let mut s: String = raw
        .chars()
        .map(|c| match c {
            '\u{a0}' | '\u{2007}' | '\u{202f}' | '\t' | '\r' | '\u{3000}' => ' ',
            c if c.is_control() => ' ',
            c => c,
        })
        .filter(|c| *c != '\u{feff}' && *c != '\u{ad}' && *c != '\u{200b}')
        .collect();
    for (from, to) in [("-—", "-"), ("—-", "-"), (" _ ", " ")] {
        if s.contains(from) {
            s = s.replace(from, to);
        }
    }
    s.trim().to_string()
}

/// "12. Decides …" → (12, "Decides …"): a number, a full stop (or a comma misprinted for
/// one), stray marks ("16. | Demands", "24. ~— Requests"), then a capitalised word.
/// OCR's "l", "I", "L" and "i" for 1 and "O" for 0 are read as digits; so are fullwidth
/// digits and stops ("１２．Decides", as East Asian input methods type them). A number of more
/// than three digits is no paragraph's: the line is text.
pub(super) fn numbered(s: &str) -> Option<(u32, &str)> {
    match Halfwidth::of(s) {
        Some(h) => {
            let (n, rest) = numbered_ascii(&h.text)?;
            Some((n, h.tail(s, rest)?))
        }
        None => numbered_ascii(s),
    }
}

fn numbered_ascii(s: &str) -> Option<(u32, &str)> {
    static RE: LazyLock<Regex> =
        LazyLock::new(|| fixed_regex(r"^([0-9lIO]{1,3}|[Li])\s?[.,]\s*(?:[|~—–_\-•]+\s*)*"));
    let m = RE.captures(s)?;
    let digits = &m[1];
    // "ll." and "Il." are OCR's "11." (S/RES/789 (1992)); the caller checks the number is the
    // one it expects.
    if !digits.chars().any(|c| c.is_ascii_digit())
        && !["l", "I", "L", "i", "ll", "Il", "lI"].contains(&digits)
    {
        return None;
    }
    let n: u32 = digits
        .chars()
        .map(|c| match c {
            'l' | 'I' | 'L' | 'i' => '1',
            'O' => '0',
            c => c,
        })
        .collect::<String>()
        .parse()
        .ok()?;
    let rest = &s[m[0].len()..];
    opens_with_a_capital(rest)
        .then_some((n, rest))
        .filter(|_| n > 0)
}

/// Whether the words after a paragraph number start with a capital, past the paragraph's
/// first sub-paragraph marker ("10. (a) The Government…").
fn opens_with_a_capital(rest: &str) -> bool {
    let words = sub_marker(rest).map_or(rest, |(_, r)| r);
    words
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_uppercase)
}

/// The deepest multi-level number read: nine levels, as in Word.
pub(super) const MAX_NUMBER_LEVELS: usize = 9;

/// "1.1.1 Decides …" → ([1, 1, 1], "Decides …"): a multi-level number, as drafts numbered
/// in Word's legal style print them: two to nine numbers of one to three digits joined by
/// full stops (fullwidth ones too), perhaps a closing stop, then a capitalised word. Anything
/// longer or deeper is text.
pub(super) fn multi_level(s: &str) -> Option<(Vec<u32>, &str)> {
    match Halfwidth::of(s) {
        Some(h) => {
            let (n, rest) = multi_level_ascii(&h.text)?;
            Some((n, h.tail(s, rest)?))
        }
        None => multi_level_ascii(s),
    }
}

fn multi_level_ascii(s: &str) -> Option<(Vec<u32>, &str)> {
    static RE: LazyLock<Regex> =
        LazyLock::new(|| fixed_regex(r"^([0-9]{1,3}(?:\.[0-9]{1,3}){1,8})\.?(?:\s+|$)"));
    let m = RE.captures(s)?;
    let number: Vec<u32> = m[1]
        .split('.')
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    let rest = &s[m[0].len()..];
    let ok = number[0] > 0 && number.len() <= MAX_NUMBER_LEVELS && opens_with_a_capital(rest);
    ok.then_some((number, rest))
}

/// A line that opens with fullwidth digits and stops ("１２．", "１．１"), those in ASCII.
struct Halfwidth {
    /// The line with its opening number in ASCII, the rest unchanged.
    text: String,
    /// The length in bytes of the opening number in `text`, and in the line.
    ascii_len: usize,
    original_len: usize,
}

impl Halfwidth {
    /// `None` when `s` does not open with a fullwidth digit.
    fn of(s: &str) -> Option<Halfwidth> {
        let fullwidth = |c: char| ('０'..='９').contains(&c) || c == '．';
        if !s.starts_with(|c: char| c != '．' && fullwidth(c)) {
            return None;
        }
        let original_len = s.find(|c: char| !fullwidth(c)).unwrap_or(s.len());
        let mut text: String = s[..original_len]
            .chars()
            .map(|c| match c {
                '．' => '.',
                c => char::from_digit(c as u32 - '０' as u32, 10).unwrap_or(c),
            })
            .collect();
        let ascii_len = text.len();
        text.push_str(&s[original_len..]);
        Some(Halfwidth {
            text,
            ascii_len,
            original_len,
        })
    }

    /// The part of the line `s` that `rest`, a tail of `text`, stands for; `None` when `rest`
    /// starts inside the converted number (then it is no paragraph's words anyway).
    fn tail<'a>(&self, s: &'a str, rest: &str) -> Option<&'a str> {
        let at = self.text.len().checked_sub(rest.len())?;
        let past = at.checked_sub(self.ascii_len)?;
        s.get(self.original_len + past..)
    }
}

/// "2 Requests …" → (2, "Requests …"): a number printed without its full stop (OCR, S/RES/593
/// (1986)). Only the reader's caller can tell it from a figure opening a line, by the
/// operative verb after it and the number it expects.
pub(super) fn numbered_without_stop(s: &str) -> Option<(u32, &str)> {
    static RE: LazyLock<Regex> = LazyLock::new(|| fixed_regex(r"^([0-9]{1,3})\s+([A-Z])"));
    let m = RE.captures(s)?;
    let n: u32 = m[1].parse().ok()?;
    let start = m.get(2)?.start();
    (n > 0).then_some((n, &s[start..]))
}

/// "(a) To receive …" → ("a", "To receive …"); also "(iii)", "(1)" and "a)".
pub(super) fn sub_marker(s: &str) -> Option<(&str, &str)> {
    static RE: LazyLock<Regex> =
        LazyLock::new(|| fixed_regex(r"^(?:\(([a-z]{1,5}|[0-9]{1,2})\)|([a-z])\))(?:\s+|$)"));
    let c = RE.captures(s)?;
    let marker = c.get(1).or_else(|| c.get(2))?.as_str();
    // Two letters that are no roman numeral are a misprinted letter ("(ad)" for "(d)").
    if marker.len() > 2 && !is_roman(marker) {
        return None;
    }
    Some((marker, &s[c[0].len()..]))
}

/// Whether `s` is a lower-case roman numeral (i … xxxix).
pub(super) fn is_roman(s: &str) -> bool {
    static RE: LazyLock<Regex> = LazyLock::new(|| fixed_regex(r"^x{0,3}(?:ix|iv|v?i{0,3})$"));
    !s.is_empty() && RE.is_match(s)
}

/// The value of a lower-case roman numeral.
pub(super) fn roman_value(s: &str) -> u32 {
    let v = |c| match c {
        'i' => 1,
        'v' => 5,
        'x' => 10,
        _ => 0,
    };
    let cs: Vec<u32> = s.chars().map(v).collect();
    let mut total = 0i64;
    for (i, &c) in cs.iter().enumerate() {
        if cs.get(i + 1).is_some_and(|&n| n > c) {
            total -= i64::from(c);
        } else {
            total += i64::from(c);
        }
    }
    u32::try_from(total).unwrap_or(0)
}

/// A section marker: a line holding one capital letter ("B"), "Section B"/"Part B", or a
/// Markdown heading "## A" / "### Section B: title". Returns the letter, in upper case.
pub(super) fn section_marker(line: &Line) -> Option<char> {
    static PLAIN: LazyLock<Regex> =
        LazyLock::new(|| fixed_regex(r"^(?:(?:SECTION|Section|PART|Part)\s+)?([A-Za-z])\.?$"));
    static HEADING: LazyLock<Regex> = LazyLock::new(|| {
        fixed_regex(r"^(?:(?:SECTION|Section|PART|Part)\s+)?([A-Z])(?:[.:)\s]|$)")
    });
    let re = if line.heading.is_some() {
        &HEADING
    } else {
        &PLAIN
    };
    let c = re.captures(&line.text)?;
    // OCR prints "C" as "c" (S/RES/820 (1993)); the caller checks the letter is the next one.
    c[1].chars().next().map(|c| c.to_ascii_uppercase())
}

/// An annex heading ("Annex", "ANNEX II", "Appendix 1: …"): returns its number, if any.
pub(super) fn annex_heading(s: &str) -> Option<Option<u32>> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        fixed_regex(
            r"^(?:ANNEX|Annex|APPENDIX|Appendix)(?:ES|es)?(?:\s+([IVX]{1,5}|[0-9]{1,2})\b)?\s*(?:[.:—–-].*|\s*)$",
        )
    });
    if s.chars().count() > 100 || s.ends_with([',', ';']) {
        return None;
    }
    let c = RE.captures(s)?;
    Some(c.get(1).and_then(|m| {
        let t = m.as_str();
        t.parse().ok().or_else(|| {
            let v = roman_value(&t.to_lowercase());
            (v > 0).then_some(v)
        })
    }))
}

/// The adoption line that older resolutions print at the end ("Adopted at the 2933rd
/// meeting by 13 votes…", "Adopted unanimously…").
pub(super) fn is_footer_start(s: &str) -> bool {
    s.starts_with("Adopted ") || s.starts_with("ADOPTED ") || s.starts_with("(Adopted ")
}

/// A footnote printed in the text ("29 Ibid., …", "1 See Official Records…").
pub(super) fn is_footnote(s: &str) -> bool {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        fixed_regex(
            r"^\d{1,3}\s+(?:Ibid|See\b|Official Records|S/\d|A/\d|Document|Resolution \d|Treaty Series|United Nations, Treaty)",
        )
    });
    RE.is_match(s)
}

/// A page number or running head left by printing ("115", "- 3 -", "S/RES/866 (1993)").
pub(super) fn is_page_mark(s: &str) -> bool {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        fixed_regex(r"^(?:[-–—\s]*\d{1,4}[-–—\s]*|S/RES/\d+\s*\(\d{4}\)|Page \d+)$")
    });
    RE.is_match(s)
}

/// "The Security Council," — the line that ends the header.
pub(super) fn is_council_line(s: &str) -> bool {
    static RE: LazyLock<Regex> =
        LazyLock::new(|| fixed_regex(r"(?i)^the\s+security\s+council\s*[,.:;]?$"));
    RE.is_match(s)
}

/// Lines a header is made of when there is no "The Security Council," line: a title, symbol,
/// date or adoption line.
pub(super) fn is_header_like(s: &str) -> bool {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        fixed_regex(
            r"(?i)^(?:(?:draft\s+)?resolution\b|\d{1,4}\s*\(\d{4}\)|adopted\b|of\s+\d{1,2}\s+\w+\s+\d{4}|on\s+\d{1,2}\s+\w+|\d{1,2}\s+[a-z]+\]?\s+\d{4}$|[\[(]?S/[\w/.-]+[\])]?$|united\s+nations$|security\s+council$)",
        )
    });
    RE.is_match(s)
}

/// "Resolution 866 (1993)" from a header line.
pub(super) fn title_of(s: &str) -> Option<String> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        fixed_regex(
            r"(?i)\bresolution\s+(\d{1,4})\s*\((\d{4})\)|^(\d{1,4})\s*\((\d{4})\)\.?\s*resolution",
        )
    });
    let c = RE.captures(s)?;
    let n = c.get(1).or_else(|| c.get(3))?.as_str();
    let y = c.get(2).or_else(|| c.get(4))?.as_str();
    Some(format!("Resolution {n} ({y})"))
}

/// The first date written "22 September 1993" in a header line.
pub(super) fn date_of(s: &str) -> Option<String> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        fixed_regex(
            r"\b(\d{1,2})\s+(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{4})\b",
        )
    });
    let c = RE.captures(s)?;
    Some(format!("{} {} {}", &c[1], &c[2], &c[3]))
}

/// Whether a line ends a clause or list item (, ; : . or "or"/"and" ending a list entry).
pub(super) fn ends_clause(s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| c.is_whitespace() || "\"'”’)]*_".contains(c));
    // A footnote mark after the punctuation ("…admission to the United Nations, 11").
    let t = match t.rsplit_once(' ') {
        Some((head, n)) if n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit()) => {
            if head.ends_with([',', ';', ':', '.']) {
                head
            } else {
                t
            }
        }
        _ => t,
    };
    t.ends_with([',', ';', ':', '.', '!', '?'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(s: &str) -> Line {
        super::super::markdown::prepare(s).lines.remove(0)
    }

    #[test]
    fn numbered_paragraphs_and_their_misprints() {
        assert_eq!(numbered("12. Decides that"), Some((12, "Decides that")));
        assert_eq!(numbered("16. | Demands that"), Some((16, "Demands that")));
        assert_eq!(numbered("24. ~— Requests all"), Some((24, "Requests all")));
        assert_eq!(numbered("l. Calls upon"), Some((1, "Calls upon")));
        assert_eq!(
            numbered("L. Strongly condemns"),
            Some((1, "Strongly condemns"))
        );
        assert_eq!(numbered("1O. Decides"), Some((10, "Decides")));
        assert_eq!(
            numbered("ll. Further requests"),
            Some((11, "Further requests"))
        );
        assert_eq!(numbered("3. the parties"), None);
        assert_eq!(
            numbered("10. (a) The Government"),
            Some((10, "(a) The Government"))
        );
        assert_eq!(numbered("1993. The"), None);
        assert_eq!(numbered("II. Equipment"), None);
    }

    #[test]
    fn fullwidth_and_absurd_paragraph_numbers() {
        assert_eq!(numbered("１２．Decides that"), Some((12, "Decides that")));
        assert_eq!(numbered("１２． Decides that"), Some((12, "Decides that")));
        assert_eq!(numbered("１２. Decides"), Some((12, "Decides")));
        assert_eq!(
            numbered("３．(a) The Government"),
            Some((3, "(a) The Government"))
        );
        assert_eq!(numbered("１２．the parties"), None);
        assert_eq!(numbered("１２３４．Decides"), None);
        assert_eq!(numbered("．Decides"), None);
        assert_eq!(numbered("１．２ Decides"), None);
        let thirty = "123456789012345678901234567890";
        assert_eq!(numbered(&format!("{thirty}. Decides that")), None);
        assert_eq!(numbered_without_stop(&format!("{thirty} Decides")), None);
        assert_eq!(multi_level(&format!("{thirty}.1 Decides")), None);
        let wide: String = thirty
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap())
            .collect();
        assert_eq!(numbered(&format!("{wide}．Decides that")), None);
    }

    #[test]
    fn multi_level_paragraph_numbers() {
        assert_eq!(
            multi_level("1.1 Decides that"),
            Some((vec![1, 1], "Decides that"))
        );
        assert_eq!(multi_level("1.1. Decides"), Some((vec![1, 1], "Decides")));
        assert_eq!(
            multi_level("12.3.4 Requests the"),
            Some((vec![12, 3, 4], "Requests the"))
        );
        assert_eq!(
            multi_level("１．１．１ Decides"),
            Some((vec![1, 1, 1], "Decides"))
        );
        assert_eq!(
            multi_level("2.1 (a) The Government"),
            Some((vec![2, 1], "(a) The Government"))
        );
        let nine = "1.2.3.4.5.6.7.8.9 Decides";
        assert_eq!(multi_level(nine).map(|(n, _)| n.len()), Some(9));
        assert_eq!(multi_level("1.2.3.4.5.6.7.8.9.1 Decides"), None);
        assert_eq!(multi_level("1.5 million refugees"), None);
        assert_eq!(multi_level("15.3.1993 Decides"), None);
        assert_eq!(multi_level("0.5 Decides"), None);
        assert_eq!(multi_level("1. Decides"), None);
        assert_eq!(multi_level("1.1Decides"), None);
        // Neither reader takes the other's numbers.
        assert_eq!(numbered("1.1 Decides"), None);
        assert_eq!(numbered("1.1. Decides"), None);
    }

    #[test]
    fn sub_markers_and_roman_numerals() {
        assert_eq!(sub_marker("(a) To receive"), Some(("a", "To receive")));
        assert_eq!(
            sub_marker("(iii) The provision"),
            Some(("iii", "The provision"))
        );
        assert_eq!(
            sub_marker("(6) Any Libyan undertaking;"),
            Some(("6", "Any Libyan undertaking;"))
        );
        assert_eq!(sub_marker("(annex I), the nine"), None);
        assert!(is_roman("iv") && is_roman("xii") && !is_roman("ab") && !is_roman(""));
        assert_eq!(roman_value("xiv"), 14);
    }

    #[test]
    fn sections_annexes_footers() {
        let l = |s: &str| prepare(s).remove(0);
        assert_eq!(section_marker(&l("B")), Some('B'));
        assert_eq!(section_marker(&l("Section C")), Some('C'));
        assert_eq!(section_marker(&l("Bosnia")), None);
        assert_eq!(section_marker(&md("## A")), Some('A'));
        assert_eq!(section_marker(&md("### Section B: sanctions")), Some('B'));
        assert_eq!(section_marker(&md("## Annex")), None);
        assert_eq!(annex_heading("Annex"), Some(None));
        assert_eq!(annex_heading("ANNEX II"), Some(Some(2)));
        assert_eq!(annex_heading("Annex I"), Some(Some(1)));
        assert_eq!(
            annex_heading("Annexes to the report of the Secretary-General,"),
            None
        );
        assert!(is_footer_start("Adopted at the 3312th meeting by 11 votes"));
        assert!(is_footnote("29 Ibid., Forty-eighth Year"));
        assert!(is_page_mark("115") && !is_page_mark("115 States"));
    }

    #[test]
    fn markdown_is_reduced_to_plain_lines() {
        assert_eq!(md("1. **Decides** that").text, "1. Decides that");
        assert_eq!(md("# Draft resolution").heading, Some(1));
        assert_eq!(
            md("- _Recalling_ its resolution").text,
            "Recalling its resolution"
        );
        assert_eq!(md("2) Calls upon").text, "2. Calls upon");
        assert_eq!(md("see snake_case").text, "see snake_case");
    }

    #[test]
    fn header_lines() {
        assert!(is_council_line("The Security Council,"));
        assert_eq!(
            title_of("RESOLUTION 866 (1993)").as_deref(),
            Some("Resolution 866 (1993)")
        );
        assert_eq!(
            title_of("38 (1948). Resolution of 17 January 1948").as_deref(),
            Some("Resolution 38 (1948)")
        );
        assert_eq!(
            date_of("on 22 September 1993").as_deref(),
            Some("22 September 1993")
        );
        assert!(is_header_like(
            "Adopted by the Security Council at its 3200th meeting,"
        ));
        assert!(!is_header_like("Recalling its resolution 2100 (2013),"));
    }

    #[test]
    fn odd_characters_are_cleaned() {
        let l = prepare("a\u{a0}b Secretary-—General\r");
        assert_eq!(l[0].text, "a b Secretary-General");
    }
}
