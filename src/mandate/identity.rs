//! What a draft says about itself, for the head of a briefing memo and for saying where
//! suggested language would go: its title, date and symbol when it states them, the opening
//! words of each operative paragraph, and its closing paragraphs ("Decides to remain seized
//! of the matter"). Read from the mandate alone; nothing here is guessed from the clock.

use crate::fixed_regex::fixed_regex;
use crate::mandate::{Addressee, Mandate, Part};
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

/// A draft's identity and the landmarks of its operative part.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Identity {
    /// The title, when the draft has one.
    pub title: Option<String>,
    /// The date the draft states (its adoption date, or "on 22 September 1993" in its
    /// header), written as people write it: `25 April 2013`.
    pub date: Option<String>,
    /// The document symbol, when the draft states it or its title names the resolution:
    /// `S/RES/2100 (2013)`.
    pub symbol: Option<String>,
    /// Each numbered operative paragraph (not its sub-paragraphs), in order, as
    /// (id, its opening words).
    pub paragraphs: Vec<(String, String)>,
    /// The first of the closing paragraphs (the Council remaining seized of the matter),
    /// when the draft ends with one.
    pub closing: Option<String>,
    /// The last preambular paragraph, where a preambular suggestion would go.
    pub last_preamble: Option<String>,
}

/// The identity of `mandate`.
pub fn identity(mandate: &Mandate) -> Identity {
    let operative: Vec<_> = mandate
        .provisions
        .iter()
        .filter(|p| p.part == Part::Operative && p.parent.is_none())
        .collect();
    let paragraphs = operative
        .iter()
        .map(|p| (p.id.clone(), opening_words(&p.text, 12)))
        .collect();
    // The closing paragraphs are the last ones by which the Council addresses itself.
    let closing = operative
        .iter()
        .rev()
        .take_while(|p| {
            p.clauses
                .first()
                .is_some_and(|c| c.addressee == Addressee::Council)
        })
        .last()
        .map(|p| p.id.clone());
    let header: Vec<&str> = mandate
        .provisions
        .iter()
        .filter(|p| p.part == Part::Header)
        .map(|p| p.text.as_str())
        .collect();
    let date = mandate
        .adopted
        .as_deref()
        .map(date_words)
        .or_else(|| header.iter().find_map(|t| stated_date(t)));
    let symbol = mandate
        .title
        .iter()
        .map(String::as_str)
        .chain(header.iter().copied())
        .find_map(symbol_in);
    Identity {
        title: mandate.title.clone(),
        date,
        symbol,
        paragraphs,
        closing,
        last_preamble: mandate
            .provisions
            .iter()
            .rev()
            .find(|p| p.part == Part::Preambular)
            .map(|p| p.id.clone()),
    }
}

/// The first `n` words of `text`, with `…` when there are more.
pub fn opening_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut s = words[..words.len().min(n)].join(" ");
    if words.len() > n {
        s = s.trim_end_matches([',', ';', ':', '.']).to_string();
        s.push('…');
    }
    s
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// An ISO date (`2013-04-25`) in words (`25 April 2013`); anything else as it is written.
pub fn date_words(date: &str) -> String {
    let parts: Vec<&str> = date.trim().split('-').collect();
    if let [y, m, d] = parts[..] {
        if let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<usize>(), d.parse::<u32>()) {
            if (1..=12).contains(&m) && (1..=31).contains(&d) && y >= 1000 {
                return format!("{d} {} {y}", MONTHS[m - 1]);
            }
        }
    }
    date.trim().to_string()
}

/// A date stated in a header line: "on 22 September 1993".
fn stated_date(text: &str) -> Option<String> {
    static DATE: LazyLock<Regex> = LazyLock::new(|| {
        fixed_regex(
            r"\b([0-3]?[0-9]) (January|February|March|April|May|June|July|August|September|October|November|December) ((?:19|20)[0-9]{2})\b",
        )
    });
    DATE.captures(text)
        .map(|c| format!("{} {} {}", &c[1], &c[2], &c[3]))
}

/// A resolution's symbol in `text`: `S/RES/866 (1993)` as printed, or built from
/// "Resolution 2100 (2013)".
fn symbol_in(text: &str) -> Option<String> {
    static PRINTED: LazyLock<Regex> =
        LazyLock::new(|| fixed_regex(r"\bS/RES/([0-9]+) ?\(([0-9]{4})\)"));
    static NAMED: LazyLock<Regex> =
        LazyLock::new(|| fixed_regex(r"(?i)\bresolution ([0-9]+) ?\(([0-9]{4})\)"));
    PRINTED
        .captures(text)
        .or_else(|| NAMED.captures(text))
        .map(|c| format!("S/RES/{} ({})", &c[1], &c[2]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mandate::read_text;

    #[test]
    fn dates_read_as_people_write_them() {
        assert_eq!(date_words("2013-04-25"), "25 April 2013");
        assert_eq!(date_words("June 2015"), "June 2015");
        assert_eq!(
            stated_date("Adopted at its 3281st meeting, on 22 September 1993").as_deref(),
            Some("22 September 1993")
        );
    }

    #[test]
    fn symbols_are_found_printed_or_named() {
        assert_eq!(
            symbol_in("Resolution 2100 (2013) — MINUSMA").as_deref(),
            Some("S/RES/2100 (2013)")
        );
        assert_eq!(
            symbol_in("S/RES/866 (1993)").as_deref(),
            Some("S/RES/866 (1993)")
        );
        assert_eq!(symbol_in("Draft resolution on Mali"), None);
    }

    #[test]
    fn a_text_resolution_gives_its_date_paragraphs_and_closing() {
        let text = "RESOLUTION 866 (1993)\n\nAdopted by the Security Council at its 3281st \
                    meeting,\non 22 September 1993\n\nThe Security Council,\n\nRecalling its \
                    resolution 813 (1993),\n\n1. Welcomes the report of the Secretary-General;\
                    \n\n2. Decides that UNOMIL shall have the following mandate:\n\n(a) To \
                    receive and investigate all reports;\n\n3. Decides to remain seized of \
                    the matter.\n";
        let m = read_text("res.txt", text, crate::mandate::SourceFormat::Text);
        let id = identity(&m);
        assert_eq!(id.date.as_deref(), Some("22 September 1993"));
        assert_eq!(id.symbol.as_deref(), Some("S/RES/866 (1993)"));
        let ids: Vec<&str> = id.paragraphs.iter().map(|(i, _)| i.as_str()).collect();
        assert_eq!(ids, ["OP1", "OP2", "OP3"]);
        assert_eq!(
            id.paragraphs[1].1,
            "Decides that UNOMIL shall have the following mandate:"
        );
        assert_eq!(id.closing.as_deref(), Some("OP3"));
        assert_eq!(id.last_preamble.as_deref(), Some("PP1"));
    }

    #[test]
    fn long_paragraphs_are_cut_at_a_word() {
        assert_eq!(opening_words("a b c, d e", 3), "a b c…");
    }
}
