//! Who is addressed: the entity patterns behind [`Addressee`]. A clause's addressee is the
//! first entity named in the noun phrase the verb speaks to ("Requests *all States* to …"),
//! or the subject of its "that … shall" clause ("Decides that *UNOMIL* shall …"). Mission
//! acronyms, UN agencies and the parties' acronyms (UNITA is a party, UNHCR an agency) are
//! told apart here.

use super::Addressee;
use crate::fixed_regex::{fixed_regex, fixed_regex_set};
use regex::Regex;
use std::sync::LazyLock;

/// Entity patterns, each with the addressee it names. The earliest match in a text wins;
/// on a tie the earlier pattern in this list. They are compiled together, in [`ANY`].
const PATTERNS: &[(&str, Addressee)] = &[
    (
        r"(?i)\b(?:Secretary[- ]+General|Special\s+Representative|Special\s+Envoy)\b",
        Addressee::SecretaryGeneral,
    ),
    // Agencies and commissions whose acronyms look like missions.
    (
        r"\b(?:UNHCR|UNICEF|UNDP|UNESCO|UNRWA|UNEP|UNCTAD|UNMOVIC|UNSCOM|UNIDO|UNFPA|UNDRO|IAEA)\b",
        Addressee::UnBody,
    ),
    (r"\bUNITA\b", Addressee::Parties),
    // Forces that the Council authorises but does not run (rulebook spec, conventions):
    // a regional organisation's mission, or States acting under an authorisation.
    (
        r"\b(?:AMISOM|ATMIS|AFISMA|MISCA|MISAHEL|ECOMOG|MNJTF|SAMIDRC|SAMIM|EUFOR|KFOR|African-led\s+International\s+Support\s+Mission|African\s+Union\s+(?:Mission|Transition\s+Mission)|Multinational\s+Joint\s+Task\s+Force|(?:G5|Group\s+of\s+Five\s+for\s+the)\s+Sahel(?:\s+Joint\s+Force)?|Joint\s+Force\s+of\s+the\s+Group\s+of\s+Five)\b",
        Addressee::Regional,
    ),
    (
        r"(?i)\bmultinational\s+(?:force|security\s+support\s+mission|protection\s+force)\b",
        Addressee::States,
    ),
    // A committee of the Council is a UN body, not the Council.
    (
        r"(?i)\b(?:Security\s+)?Council\s+Committee\b",
        Addressee::UnBody,
    ),
    (
        r"\b(?:UN[A-Z]{2,}|MINU[A-Z]+|ONU[A-Z]+|MONU[A-Z]+|BINU[A-Z]+|BONU[A-Z]+|MIPONUH|MINURSO|MINUSMA)(?:\s+II)?\b",
        Addressee::Mission,
    ),
    (
        r"\bUnited Nations(?:\s+(?:[A-Z][\w'-]*|of|for|in|and|the)){0,7}\s+(?:Force|Mission|Operation|Observer|observers?|[Pp]eace-?keeping|Verification|Assistance|Command|Transition|Protection)\b",
        Addressee::Mission,
    ),
    (
        r"\b(?:[Mm]ilitary\s+observers|[Cc]ivilian\s+police|[Pp]eace-?keeping\s+(?:force|operation|mission)s?|[Tt]he\s+[Mm]ission(?:'s|’s)?\b|[Tt]he\s+Force\b|[Tt]he\s+Operation\b|observer\s+(?:unit|group|mission))",
        Addressee::Mission,
    ),
    (
        r"(?i)\b(?:committees?|sub-?committee|commissions?|panel|group\s+of\s+(?:independent\s+)?experts|experts?\s+group|tribunal|mechanism|General\s+Assembly|Economic\s+and\s+Social\s+Council|Director[- ]General|agencies|specialized\s+agencies|United\s+Nations\s+(?:system|bodies|organs|programmes))\b",
        Addressee::UnBody,
    ),
    (
        r"(?i)\b(?:(?:Security\s+)?Council\b|itself\b)",
        Addressee::Council,
    ),
    (
        r"\b(?:O\.?A\.?U\.?|AU|African\s+Union|Economic\s+Community\s+of\s+West\s+African\s+States|ECOWAS|ECOMOG|OAS|CSCE|OSCE|EU|European\s+(?:Union|Community)|League\s+of\s+Arab\s+States|Arab\s+League|NATO|IGAD|SADC|Organization\s+of\s+(?:African\s+Unity|American\s+States|the\s+Islamic\s+Conference)|Conference\s+on\s+Security\s+and\s+Co-?operation|Commonwealth\s+of\s+Independent\s+States|[Rr]egional\s+(?:and\s+subregional\s+)?(?:organizations?|organisations?|arrangements?|bodies|agencies))\b",
        Addressee::Regional,
    ),
    (
        r"(?i)\b(?:(?:all|Member|neighbouring|neighboring|other|riparian|those|donor|troop-contributing|contributing)\s+(?:States|countries|Governments)|States\b|Governments\s+of\s+all|all\s+Governments|international\s+community|Member\s+States|all\s+countries)",
        Addressee::States,
    ),
    (
        r"(?i)\b(?:Governments?\b|authorities\b|(?:national|transitional)\s+(?:authorities|institutions)|Prime\s+Minister|President\s+of\s+the\s+Republic)",
        Addressee::Government,
    ),
    (
        r"(?i)\b(?:part(?:y|ies)|factions?|movements?|armed\s+groups|militias?|combatants|both\s+sides|all\s+sides|leaders|all\s+concerned|others\s+concerned|communities|National\s+Union|Bosnian\s+Serbs?|insurgents|rebels?|stakeholders|political\s+actors)\b",
        Addressee::Parties,
    ),
];

/// A named State or people standing alone as an addressee ("Demands that Iraq …",
/// "Calls upon Israel …"): a party to the situation.
static NAMED: LazyLock<Regex> = LazyLock::new(|| {
    fixed_regex(r"^\s*(?:the\s+)?(?:[A-Z][a-z'’-]+)(?:\s+(?:and\s+)?[A-Z][a-z'’-]+){0,3}\b")
});

/// Capitalised words that open a noun phrase but name nobody.
const NOT_NAMES: &[&str] = &[
    "The",
    "All",
    "Any",
    "Its",
    "His",
    "Her",
    "Their",
    "This",
    "These",
    "Such",
    "Each",
    "In",
    "On",
    "At",
    "For",
    "As",
    "That",
    "It",
    "Further",
    "Also",
    "Chapter",
    "Article",
    "Resolution",
];

/// [`PATTERNS`] in one regex: its leftmost match is the leftmost match of any of them, of
/// the first listed of those that match there.
static ANY: LazyLock<regex_automata::meta::Regex> = LazyLock::new(|| {
    let patterns: Vec<&str> = PATTERNS.iter().map(|(re, _)| *re).collect();
    fixed_regex_set(&patterns)
});

/// The first entity named in `text`, or `Unspecified`: the entity of the pattern that
/// matches first (of those matching at the same place, the first listed).
pub fn first_addressee(text: &str) -> Addressee {
    if let Some(m) = ANY.find(text) {
        return PATTERNS[m.pattern().as_usize()].1;
    }
    if let Some(m) = NAMED.find(text) {
        let first = m.as_str().split_whitespace().next().unwrap_or("");
        let first = if first == "the" {
            m.as_str().split_whitespace().nth(1).unwrap_or("")
        } else {
            first
        };
        if !NOT_NAMES.contains(&first) {
            return Addressee::Parties;
        }
    }
    Addressee::Unspecified
}

/// The subject of a "that … shall" clause following a verb ("Decides that all States shall",
/// "Decides also that UNOMIL shall"), or `None` when the words after the verb are not such a
/// clause. A that-clause whose subject names nobody ("that the provisions … shall") is
/// `Some(Unspecified)`.
pub fn subject_addressee(after: &str) -> Option<Addressee> {
    static THAT: LazyLock<Regex> = LazyLock::new(|| {
        fixed_regex(
            r"(?i)^[\s,]*(?:(?:also|further|moreover|accordingly|therefore|once\s+again|again)[\s,]+)*that\b",
        )
    });
    static CONDITION: LazyLock<Regex> = LazyLock::new(|| {
        fixed_regex(
            r"(?i)^(?:,|if\b|when\b|upon\b|pending\b|in\b|with\b|until\b|as\b|after\b|following\b|should\b|once\b|unless\b)",
        )
    });
    static VERB: LazyLock<Regex> = LazyLock::new(|| {
        fixed_regex(
            r"\b(?:shall|should|will|must|may|is|are|be|has|have|cease|continue|comply|respect|refrain|take|immediately|withdraw|cooperate|co-operate|proceed|release|accept|allow)\b",
        )
    });
    let m = THAT.find(after)?;
    let mut rest = after[m.end()..].trim_start();
    // "that, if …, the measures shall": the subject follows the condition's comma.
    if CONDITION.is_match(rest) {
        let skip = usize::from(rest.starts_with(','));
        if let Some(i) = rest[skip..].find(',') {
            rest = &rest[skip + i + 1..];
        }
    }
    Some(subject_of(rest, &VERB))
}

/// The addressee named before the clause's verb.
fn subject_of(s: &str, verb: &Regex) -> Addressee {
    let w = window(s, 160);
    let end = verb.find(w).map_or(w.len(), |m| m.start());
    first_addressee(&w[..end])
}

/// At most `n` bytes of `s`, cut at a character boundary.
pub(super) fn window(s: &str, n: usize) -> &str {
    if s.len() <= n {
        return s;
    }
    let mut end = n;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first entity as each pattern's own search finds it: the earliest match, the first
    /// listed at the same place.
    fn one_pattern_at_a_time(text: &str) -> Option<Addressee> {
        static EACH: LazyLock<Vec<Regex>> =
            LazyLock::new(|| PATTERNS.iter().map(|(re, _)| fixed_regex(re)).collect());
        let mut best: Option<(usize, usize)> = None;
        for (i, re) in EACH.iter().enumerate() {
            if let Some(m) = re.find(text) {
                if best.is_none_or(|(s, _)| m.start() < s) {
                    best = Some((m.start(), i));
                }
            }
        }
        best.map(|(_, i)| PATTERNS[i].1)
    }

    /// One search for every pattern finds what a search per pattern finds, in every window
    /// of 160 bytes (the reader's) of every fixture resolution and of accented text.
    #[test]
    fn one_search_finds_the_first_entity_as_one_search_per_pattern() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/unsc");
        let mut texts: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect();
        texts.push(
            "Requests the Secretary‑General and the Council Committee, UNITA and the É".into(),
        );
        let mut windows = 0;
        for text in &texts {
            for start in (0..text.len())
                .step_by(37)
                .filter(|&i| text.is_char_boundary(i))
            {
                let mut end = (start + 160).min(text.len());
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                let w = &text[start..end];
                let expected = one_pattern_at_a_time(w);
                if let Some(a) = expected {
                    assert_eq!(first_addressee(w), a, "{w:?}");
                } else {
                    assert_eq!(ANY.find(w), None, "{w:?}");
                }
                windows += 1;
            }
        }
        assert!(windows > 10_000, "{windows}");
    }

    #[test]
    fn entities_are_recognised() {
        let cases = [
            ("the Secretary-General", Addressee::SecretaryGeneral),
            ("his Special Representative", Addressee::SecretaryGeneral),
            ("UNOMIL", Addressee::Mission),
            ("UNOSOM II", Addressee::Mission),
            ("BINUH", Addressee::Mission),
            (
                "the United Nations Angola Verification Mission II",
                Addressee::Mission,
            ),
            (
                "the United Nations Peace-keeping Force in Cyprus",
                Addressee::Mission,
            ),
            ("the mission's police", Addressee::Mission),
            ("UNITA", Addressee::Parties),
            ("UNHCR", Addressee::UnBody),
            ("the Committee of the Security Council", Addressee::UnBody),
            (
                "the Security Council Committee established by resolution 421 (1977)",
                Addressee::UnBody,
            ),
            ("AMISOM", Addressee::Regional),
            ("the G5 Sahel Joint Force", Addressee::Regional),
            ("the multinational force", Addressee::States),
            ("the Council", Addressee::Council),
            ("all States", Addressee::States),
            ("Member States", Addressee::States),
            ("neighbouring States", Addressee::States),
            ("the Government of Angola", Addressee::Government),
            ("the parties", Addressee::Parties),
            ("all Somali factions", Addressee::Parties),
            ("the OAU", Addressee::Regional),
            (
                "the Economic Community of West African States (ECOWAS)",
                Addressee::Regional,
            ),
            ("regional organizations", Addressee::Regional),
            ("Iraq", Addressee::Parties),
            ("the importance of peace", Addressee::Unspecified),
        ];
        for (t, a) in cases {
            assert_eq!(first_addressee(t), a, "{t}");
        }
    }

    #[test]
    fn that_clauses_name_their_subject() {
        assert_eq!(
            subject_addressee(" that all States shall prevent"),
            Some(Addressee::States)
        );
        assert_eq!(
            subject_addressee(" also that UNOMIL shall comprise"),
            Some(Addressee::Mission)
        );
        assert_eq!(
            subject_addressee(
                " that the provisions set forth in paragraphs 12 to 30 below shall come into force"
            ),
            Some(Addressee::Unspecified)
        );
        assert_eq!(
            subject_addressee(
                " that, if at any time the Secretary-General reports, the measures shall"
            ),
            Some(Addressee::Unspecified)
        );
        assert_eq!(subject_addressee(" to extend the mandate"), None);
    }
}
