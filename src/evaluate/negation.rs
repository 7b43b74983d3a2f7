//! Negation: whether a phrase found in a provision is denied there ("The mission's police
//! have *no authority to* arrest…", "Decides *not to* renew…", "arrests *shall be
//! suspended*"). A denial is evidence of the gap, not of the task (rulebook spec, "Reading a
//! resolution"). A cue must stand in the same scope (sentence or clause) as the phrase:
//! before it and within ten words, with no "but", semicolon or full stop between, or, for
//! "suspended"/"is not authorized", right after it; "suspend" and "suspends" deny what follows
//! them ("Requests that the Secretary-General … suspend arrest actions", S/RES/885 (1993)).
//! Look-alikes are not cues: "not only … but also", "including but not limited to", "whether
//! or not", "if not", "notwithstanding".

use crate::fixed_regex::fixed_regex;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// How many words may stand between a cue and the phrase it denies.
const MAX_GAP_WORDS: usize = 14;

/// How many words may stand between a cue and a phrase in the list the cue denies.
const MAX_LIST_WORDS: usize = 40;

/// Words that open a list of what a denial covers.
static LIST: LazyLock<Regex> = LazyLock::new(|| {
    fixed_regex(
        r"(?i)\b(?:including|such\s+as|in\s+particular|namely|(?:tasks?|functions?|activities|operations|powers|role)\s+(?:relating|related|pertaining|with\s+regard)\s+to)\b|:",
    )
});

/// Cues that deny what follows them.
static BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    fixed_regex(
        r"(?xi)\b(?:
            (?:is|are|was|were|be)\s+not\s+(?:mandated|authori[sz]ed|empowered|permitted|allowed|entitled)(?:\s+to)?
          | not\s+mandated\s+to
          | (?:has|have|had|with|given)\s+no\s+(?:mandate|authority|power|powers|competence)(?:\s+to)?
          | no\s+(?:authority|mandate|power|powers)\s+to
          | without\s+(?:\w+\s+){0,3}?(?:authority|mandate|power|powers)(?:\s+to)?
          | without\s+(?:assuming|exercising|undertaking|performing|taking\s+on|having|participating\s+in|participation\s+in)
          | (?:shall|will|may|must|should|does|do|did|would|could)\s+not
          | (?:shan't|won't|doesn't|don't|cannot|can\s+not)
          | not\s+to
          | nor
          | no\s+longer
          | suspends?
          | suspended
          | suspension\s+of
          | withdraws
          | withdrawal\s+of\s+(?:the\s+)?(?:authority|mandate|power|powers)(?:\s+to)?
        )\b",
    )
});

/// Cues that deny what stands just before them ("arrests shall be suspended").
static AFTER: LazyLock<Regex> = LazyLock::new(|| {
    fixed_regex(
        r"(?xi)^[\s,]*(?:[\w'’-]+\s+){0,6}?(?P<cue>
            (?:(?:shall|will|must|should|may)\s+be|is|are|was|were|has\s+been|have\s+been|remains?|be)
              \s+(?:hereby\s+)?suspended
          | suspended
          | (?:is|are)\s+not\s+(?:authori[sz]ed|permitted|mandated|allowed)
          | (?:shall|will|may|must|should)\s+not\s+(?:extend|include|cover|apply)
          | (?:is|are)\s+(?:prohibited|excluded)
        )\b",
    )
});

/// Look-alikes of negation: a cue that is part of one of these is not a cue.
static NOT_A_CUE: LazyLock<Regex> = LazyLock::new(|| {
    fixed_regex(
        r"(?xi)^\s*(?:
            only\b | least\b | later\s+than | less\s+than | more\s+than | exceed\w*\b
          | limited\s+to | merely\b | just\b | hesitate\b | prejudice\b
        )",
    )
});

/// What may not stand between a cue and the phrase: the end of a sentence, a contrast, or a
/// further task (", and to …").
static BREAK: LazyLock<Regex> =
    LazyLock::new(|| fixed_regex(r"(?i)[;.]|\bbut\b|\bhowever\b|\bexcept\b|,\s*and\s+to\b"));

/// The negation cue, as written, that denies the phrase at `hit` within `scope` of `text`,
/// or `None` when the phrase stands undenied. Ranges out of bounds are clamped; the call never
/// panics.
pub fn find_negation(text: &str, scope: Range<usize>, hit: Range<usize>) -> Option<String> {
    let len = text.len();
    let clamp = |i: usize| {
        let mut i = i.min(len);
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (s_start, s_end) = (clamp(scope.start), clamp(scope.end));
    let (h_start, h_end) = (clamp(hit.start), clamp(hit.end));
    if h_start < s_start || h_end > s_end || h_start > h_end {
        return None;
    }
    let before = &text[s_start..h_start];
    let mut best: Option<&str> = None;
    for m in BEFORE.find_iter(before) {
        let after_cue = &before[m.end()..];
        if NOT_A_CUE.is_match(&text[s_start + m.end()..s_end]) || is_idiom(before, m.start()) {
            continue;
        }
        // A denied list reaches further: "shall no longer carry out the tasks … set out in
        // resolution 1996 (2011), including support to local governance, to national
        // reconciliation and to …".
        let limit = if LIST.is_match(after_cue) {
            MAX_LIST_WORDS
        } else {
            MAX_GAP_WORDS
        };
        if after_cue.split_whitespace().count() > limit || BREAK.is_match(after_cue) {
            continue;
        }
        if in_closed_condition(before, m.start(), after_cue) {
            continue;
        }
        // "Without participation in enforcement operations, to coordinate with ECOMOG"
        // (S/RES/866 (1993)): what "without" denies ends at the comma.
        if m.as_str().to_ascii_lowercase().starts_with("without") && after_cue.contains(',') {
            continue;
        }
        best = Some(m.as_str());
    }
    if let Some(cue) = best {
        return Some(cue.to_string());
    }
    AFTER
        .captures(&text[h_end..s_end])
        .and_then(|c| c.name("cue"))
        .map(|m| m.as_str().to_string())
}

/// Whether the cue at `at` stands in a condition that a comma closes before the phrase: "if
/// the violation cannot be corrected, to report its findings" denies nothing of the report.
fn in_closed_condition(before: &str, at: usize, after_cue: &str) -> bool {
    static CONDITION: LazyLock<Regex> = LazyLock::new(|| {
        fixed_regex(r"(?i)\b(?:if|unless|when|whenever|where|in\s+case|provided\s+that)\b")
    });
    if !after_cue.contains(',') {
        return false;
    }
    // The condition opens within a few words before the cue, after the last comma.
    let head = &before[..at];
    let clause = head.rfind([',', ';', ':']).map_or(head, |i| &head[i + 1..]);
    let recent: Vec<&str> = clause.split_whitespace().rev().take(8).collect();
    let recent: String = recent.into_iter().rev().collect::<Vec<_>>().join(" ");
    CONDITION.is_match(&recent)
}

/// Whether the cue at `at` follows "whether or" or "if" ("whether or not to arrest", "if not
/// to arrest"): a condition, not a denial. ("notwithstanding" never matches: word boundary.)
fn is_idiom(before: &str, at: usize) -> bool {
    let head = before[..at].trim_end().to_lowercase();
    head.ends_with("whether or") || head.ends_with(" if") || head == "if"
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Negation of `phrase` in `text`, the whole text being the scope.
    fn neg(text: &str, phrase: &str) -> Option<String> {
        let i = text.find(phrase).expect(phrase);
        find_negation(text, 0..text.len(), i..i + phrase.len())
    }

    #[test]
    fn a_denial_covers_the_list_it_introduces() {
        let t = "Decides that UNMISS shall no longer carry out the tasks relating to peacebuilding, State-building and the extension of State authority set out in resolution 1996 (2011), including support to local governance, to national reconciliation and to the strengthening of rule-of-law institutions";
        assert_eq!(
            neg(t, "national reconciliation").as_deref(),
            Some("no longer")
        );
        let t = "Decides that the Office is not mandated to conduct military operations, nor to undertake tasks relating to the prevention of or the fight against transnational organized crime";
        assert_eq!(neg(t, "organized crime").as_deref(), Some("nor"));
        // Without a list the reach stays ten words.
        let t = "Decides that the Force shall not be reduced below its present strength while it continues to monitor the cease-fire and the borders";
        assert_eq!(neg(t, "borders"), None);
    }

    #[test]
    fn a_further_task_is_not_denied() {
        // S/RES/134 (1960) OP4.
        let t = "to initiate measures in order to ensure that the present situation does not continue or recur, and to abandon its policies of apartheid";
        assert_eq!(neg(t, "apartheid"), None);
    }

    #[test]
    fn a_subject_denied_by_its_verb() {
        let t = "Decides also that the good offices of the Special Representative shall not extend to the national dialogue";
        assert_eq!(neg(t, "good offices").as_deref(), Some("shall not extend"));
    }

    #[test]
    fn without_denies_up_to_its_comma() {
        let t = "Without participation in enforcement operations, to coordinate with ECOMOG";
        assert_eq!(neg(t, "coordinate"), None);
        assert!(neg(t, "enforcement").is_some());
        let t = "to support the police, without assuming executive functions";
        assert_eq!(neg(t, "executive").as_deref(), Some("without assuming"));
    }

    #[test]
    fn a_condition_closed_by_a_comma_denies_nothing() {
        // S/RES/866 (1993) OP3(a).
        let t = "To receive and investigate all reports on alleged incidents of violations of the cease-fire agreement and, if the violation cannot be corrected, to report its findings to the Violations Committee";
        assert_eq!(neg(t, "findings"), None);
        // A denial is still a denial when a condition follows it.
        assert!(neg(
            "The Mission shall not arrest, if requested, any person",
            "arrest"
        )
        .is_some());
    }

    #[test]
    fn denials_are_found() {
        let cases = [
            (
                "The mission's police have no authority to arrest suspected criminals",
                "arrest",
                "have no authority to",
            ),
            (
                "The mission is not mandated to combat organized crime",
                "combat",
                "is not mandated to",
            ),
            (
                "Decides not to renew the mandate of the Force",
                "renew",
                "not to",
            ),
            (
                "The Force shall not monitor the border",
                "monitor the border",
                "shall not",
            ),
            (
                "UNOMIL will not assist with border security",
                "border security",
                "will not",
            ),
            ("Personnel may not detain persons", "detain", "may not"),
            (
                "The mission has no mandate to investigate trafficking",
                "investigate",
                "has no mandate to",
            ),
            (
                "acting without any authority to arrest",
                "arrest",
                "without any authority to",
            ),
            (
                "neither to disarm the factions nor to arrest their leaders",
                "arrest",
                "nor",
            ),
            ("Suspends the arrests of suspects", "arrests", "Suspends"),
            (
                "Decides on the suspension of the arrest powers of UNOSOM II",
                "arrest",
                "suspension of",
            ),
            (
                "The Operation does not monitor borders",
                "monitor borders",
                "does not",
            ),
            (
                "The mission is not authorized to arrest",
                "arrest",
                "is not authorized to",
            ),
            (
                "Requests that the Secretary-General suspend arrest actions against those individuals",
                "arrest",
                "suspend",
            ),
        ];
        for (text, phrase, cue) in cases {
            assert_eq!(neg(text, phrase).as_deref(), Some(cue), "{text}");
        }
    }

    #[test]
    fn denials_after_the_phrase() {
        assert_eq!(
            neg(
                "Decides that arrests by UNOSOM II shall be suspended",
                "arrests"
            )
            .as_deref(),
            Some("shall be suspended")
        );
        assert_eq!(
            neg(
                "Border patrols by the Force are not authorized",
                "Border patrols"
            )
            .as_deref(),
            Some("are not authorized")
        );
    }

    #[test]
    fn look_alikes_are_not_denials() {
        let cases = [
            ("Authorizes UNOSOM II to arrest those responsible", "arrest"),
            ("The Force shall not only monitor but also secure the border", "secure the border"),
            ("The Force shall not only monitor the border", "monitor the border"),
            ("all measures, including but not limited to the arrest of suspects", "arrest"),
            ("whether or not the mission arrests suspects", "arrests"),
            ("notwithstanding any contract, the Force shall arrest", "arrest"),
            ("if not, the mission shall monitor the border", "monitor the border"),
            ("Requests a report not later than 30 days on border monitoring", "border monitoring"),
            ("errors that cannot be corrected by the parties in the months to come, so the Secretary-General is requested to establish a group of experts", "group of experts"),
            ("The Force shall not hinder deliveries; it shall monitor the border", "monitor the border"),
            ("The Council does not object, but authorizes the mission to arrest", "arrest"),
        ];
        for (text, phrase) in cases {
            assert_eq!(neg(text, phrase), None, "{text}");
        }
    }

    #[test]
    fn the_cue_must_be_in_scope_and_near() {
        let text = "The Force shall not withdraw. The Force shall arrest suspects.";
        let i = text.find("arrest").unwrap();
        assert_eq!(find_negation(text, 29..text.len(), i..i + 6), None);
        let far = "The mission shall not, for the duration of the present mandate and in all the areas of its deployment, arrest";
        assert_eq!(neg(far, "arrest"), None);
    }

    #[test]
    fn odd_ranges_do_not_panic() {
        let text = "é shall not arrest";
        assert_eq!(find_negation(text, 0..100, 1..200), None);
        let (a, b) = (5, 2);
        assert_eq!(find_negation(text, a..b, b + 1..b - 1), None);
        assert!(find_negation(text, 0..text.len(), 13..19).is_some());
        assert_eq!(find_negation("", 0..0, 0..0), None);
    }
}
