//! Waivers: a gap accepted for a document and a rule, with a justification, an owner and an
//! expiry date, all required. A waived gap keeps its verdict and is reported as waived; it no
//! longer fails a bar. An expired waiver stops applying and says so; a waiver that matches no
//! gap is reported, so stale waivers do not pile up. Pure apart from [`load_waivers`].

use crate::error::ConfigError;
use crate::evaluate::Verdict;
use crate::inputs::PathGlob;
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;
use std::path::Path;

/// A calendar date, `YYYY-MM-DD`. Ordered by time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`, checking that the day exists.
    pub fn parse(s: &str) -> Result<Date, String> {
        let bad = || format!("`{s}` is not a date of the form YYYY-MM-DD");
        let parts: Vec<&str> = s.split('-').collect();
        let [y, m, d] = parts.as_slice() else {
            return Err(bad());
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        let year: u16 = y.parse().map_err(|_| bad())?;
        let month: u8 = m.parse().map_err(|_| bad())?;
        let day: u8 = d.parse().map_err(|_| bad())?;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(format!("`{s}` is not a day of the calendar"));
        }
        Ok(Date { year, month, day })
    }

    /// The date `days` days after 1970-01-01 (UTC), for the system clock.
    pub fn from_unix_days(days: i64) -> Date {
        // Howard Hinnant's civil-from-days algorithm.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        Date { year, month, day }
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).map_err(de::Error::custom)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Text that must not be blank, trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NonEmpty(pub String);

fn non_empty<'de, D: Deserializer<'de>>(d: D, key: &str) -> Result<NonEmpty, D::Error> {
    let s = String::deserialize(d)?;
    if s.trim().is_empty() {
        Err(de::Error::custom(format!("`{key}` must not be empty")))
    } else {
        Ok(NonEmpty(s.trim().to_string()))
    }
}

fn justification<'de, D: Deserializer<'de>>(d: D) -> Result<NonEmpty, D::Error> {
    non_empty(d, "justification")
}

fn owner<'de, D: Deserializer<'de>>(d: D) -> Result<NonEmpty, D::Error> {
    non_empty(d, "owner")
}

/// One waiver as written in `policycheck.yaml` or a waiver file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    /// The document: a path or a glob, relative to the configuration's folder.
    pub document: PathGlob,
    /// The rule's id.
    pub rule: String,
    /// Why the gap is accepted.
    #[serde(deserialize_with = "justification")]
    pub justification: NonEmpty,
    /// Who accepted it.
    #[serde(deserialize_with = "owner")]
    pub owner: NonEmpty,
    /// The last day it applies.
    pub expires: Date,
}

/// A waiver file: `waivers: [...]`, the same list as in `policycheck.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WaiverFile {
    waivers: Vec<Waiver>,
}

/// Parses a waiver file's text; `origin` names it in messages.
pub fn parse_waivers(origin: &str, text: &str) -> Result<Vec<Waiver>, ConfigError> {
    let file: WaiverFile = crate::yaml::parse(origin, text).map_err(ConfigError::Invalid)?;
    Ok(file.waivers)
}

/// Reads and parses a waiver file.
pub fn load_waivers(path: &Path) -> Result<Vec<Waiver>, ConfigError> {
    let text =
        crate::limits::read_text_bounded(path, crate::limits::MAX_WAIVER_BYTES, "a waiver file")
            .map_err(|e| ConfigError::Io {
                path: path.to_path_buf(),
                source: e.into_io(),
            })?;
    parse_waivers(&path.display().to_string(), &text)
}

/// What a waiver says about one rule of one document, for the reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WaiverView {
    /// Why the gap is accepted.
    pub justification: String,
    /// Who accepted it.
    pub owner: String,
    /// The last day it applies, `YYYY-MM-DD`.
    pub expires: String,
}

impl From<&Waiver> for WaiverView {
    fn from(w: &Waiver) -> Self {
        WaiverView {
            justification: w.justification.0.clone(),
            owner: w.owner.0.clone(),
            expires: w.expires.to_string(),
        }
    }
}

/// How a waiver bears on one rule of one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WaiverStatus {
    /// The gap is waived.
    Applied(WaiverView),
    /// A waiver covered this gap but has expired: the gap counts again.
    Expired(WaiverView),
}

/// Something about the waivers a user should hear of; never an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WaiverWarning {
    /// A waiver matched a gap but is past its date.
    Expired {
        /// The document (as reported).
        document: String,
        /// The rule.
        rule: String,
        /// The date it expired.
        expires: String,
        /// Its owner.
        owner: String,
    },
    /// A waiver matched no gap of any document checked.
    Unmatched {
        /// The waiver's document pattern.
        document: String,
        /// The rule.
        rule: String,
    },
}

impl fmt::Display for WaiverWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WaiverWarning::Expired {
                document,
                rule,
                expires,
                owner,
            } => write!(
                f,
                "{document}: the waiver of rule `{rule}` expired on {expires} and no longer \
                 applies (owner: {owner})"
            ),
            WaiverWarning::Unmatched { document, rule } => write!(
                f,
                "the waiver of rule `{rule}` for `{document}` matches no gap: no document \
                 checked has that rule partial or missing"
            ),
        }
    }
}

/// The waivers of a run as the documents come: [`WaiverLedger::apply`] gives one document's
/// statuses as soon as it is judged, and [`WaiverLedger::warnings`] what the user should hear
/// once every document has been seen. A gap is waived by the first valid waiver that matches
/// it; the expired ones before it warn, those after it are not consulted.
#[derive(Debug)]
pub struct WaiverLedger<'w> {
    waivers: &'w [Waiver],
    /// The waivers naming a document by its path, by path; their indices in order.
    by_path: HashMap<&'w str, Vec<usize>>,
    /// The waivers naming documents by a pattern, in order.
    patterns: Vec<usize>,
    today: Date,
    /// Per waiver: whether it matched a gap, and the expiry warnings it gave, in order.
    matched: Vec<bool>,
    expired: Vec<Vec<WaiverWarning>>,
}

impl<'w> WaiverLedger<'w> {
    /// A ledger of `waivers`, judged on `today`.
    pub fn new(waivers: &'w [Waiver], today: Date) -> Self {
        let mut by_path: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut patterns = Vec::new();
        for (i, w) in waivers.iter().enumerate() {
            match w.document.plain() {
                Some(path) => by_path.entry(path).or_default().push(i),
                None => patterns.push(i),
            }
        }
        WaiverLedger {
            waivers,
            by_path,
            patterns,
            today,
            matched: vec![false; waivers.len()],
            expired: vec![Vec::new(); waivers.len()],
        }
    }

    /// The status of each waived or once-waived rule among `rules` (one document's, as
    /// (rule, verdict); met rules are never waived), in waiver order. `key` is the
    /// document's path relative to the configuration's folder, which waivers match; `path` is
    /// the path as reported.
    pub fn apply<'r>(
        &mut self,
        key: &str,
        path: &str,
        rules: impl IntoIterator<Item = (&'r str, Verdict)>,
    ) -> Vec<(String, WaiverStatus)> {
        let gaps: Vec<&str> = rules
            .into_iter()
            .filter(|(_, v)| *v != Verdict::Met)
            .map(|(r, _)| r)
            .collect();
        // A removed status is left as `None`, so that a valid waiver can replace the expired
        // ones before it without shifting the others.
        let mut statuses: Vec<Option<(&str, WaiverStatus)>> = Vec::new();
        // The waivers that may name this document, in order: those naming its path, and the
        // patterns.
        let key_path = key.strip_prefix("./").unwrap_or(key);
        let mut candidates: Vec<usize> = self
            .by_path
            .get(key_path)
            .map_or_else(Vec::new, Clone::clone);
        candidates.extend(&self.patterns);
        candidates.sort_unstable();
        for i in candidates {
            let w = &self.waivers[i];
            if !w.document.is_match(key) {
                continue;
            }
            for &rule in gaps.iter().filter(|&&g| g == w.rule) {
                self.matched[i] = true;
                let waived = |s: &Option<(&str, WaiverStatus)>| matches!(s, Some((r, WaiverStatus::Applied(_))) if *r == rule);
                if statuses.iter().any(waived) {
                    continue;
                }
                if w.expires < self.today {
                    self.expired[i].push(WaiverWarning::Expired {
                        document: path.to_string(),
                        rule: w.rule.clone(),
                        expires: w.expires.to_string(),
                        owner: w.owner.0.clone(),
                    });
                    statuses.push(Some((rule, WaiverStatus::Expired(w.into()))));
                } else {
                    for s in statuses.iter_mut() {
                        if s.as_ref().is_some_and(|(r, _)| *r == rule) {
                            *s = None;
                        }
                    }
                    statuses.push(Some((rule, WaiverStatus::Applied(w.into()))));
                }
            }
        }
        statuses
            .into_iter()
            .flatten()
            .map(|(r, s)| (r.to_string(), s))
            .collect()
    }

    /// The warnings, in waiver order: each waiver's expiries in the order the documents came,
    /// or that it matched no gap of any document.
    pub fn warnings(self) -> Vec<WaiverWarning> {
        let mut out = Vec::new();
        for ((w, matched), expired) in self.waivers.iter().zip(self.matched).zip(self.expired) {
            if matched {
                out.extend(expired);
            } else {
                out.push(WaiverWarning::Unmatched {
                    document: w.document.as_str().to_string(),
                    rule: w.rule.clone(),
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn waivers(text: &str) -> Vec<Waiver> {
        parse_waivers("w.yaml", text).unwrap_or_else(|e| panic!("{e}"))
    }

    const ONE: &str = "\
waivers:
  - document: drafts/*.md
    rule: expert-group
    justification: Sanctions panel covers it.
    owner: desk-officer
    expires: 2025-06-30
";

    #[test]
    fn dates_parse_compare_and_come_from_the_clock() {
        assert!(Date::parse("2025-02-29").is_err());
        assert!(Date::parse("2024-02-29").is_ok());
        assert!(Date::parse("2024-2-1").is_err());
        assert!(Date::parse("2024-01-31").unwrap() < Date::parse("2024-02-01").unwrap());
        assert_eq!(Date::from_unix_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_unix_days(19_782).to_string(), "2024-02-29");
    }

    #[test]
    fn a_waiver_applies_until_its_date_then_warns() {
        let w = waivers(ONE);
        let gap = [("expert-group", Verdict::Missing)];
        let mut ledger = WaiverLedger::new(&w, Date::parse("2025-06-30").unwrap());
        let s = ledger.apply("drafts/a.md", "drafts/a.md", gap);
        assert!(matches!(s[0].1, WaiverStatus::Applied(_)));
        assert!(ledger.warnings().is_empty());
        let mut ledger = WaiverLedger::new(&w, Date::parse("2025-07-01").unwrap());
        let s = ledger.apply("drafts/a.md", "drafts/a.md", gap);
        assert!(matches!(s[0].1, WaiverStatus::Expired(_)));
        let warn = ledger.warnings();
        assert!(
            warn[0].to_string().contains("expired on 2025-06-30"),
            "{}",
            warn[0]
        );
    }

    /// The statuses of two drafts' missing `expert-group`, document by document, and the
    /// warnings' owners, in order.
    fn two_drafts(text: &str) -> (Vec<String>, Vec<String>) {
        let w = waivers(text);
        let mut ledger = WaiverLedger::new(&w, Date::parse("2025-01-01").unwrap());
        let mut statuses = Vec::new();
        for (d, path) in ["drafts/a.md", "drafts/b.md"].iter().enumerate() {
            for (_, st) in ledger.apply(path, path, [("expert-group", Verdict::Missing)]) {
                statuses.push(match st {
                    WaiverStatus::Applied(w) => format!("{d} applied {}", w.owner),
                    WaiverStatus::Expired(w) => format!("{d} expired {}", w.owner),
                });
            }
        }
        let warnings = ledger
            .warnings()
            .iter()
            .map(|w| match w {
                WaiverWarning::Expired {
                    document, owner, ..
                } => format!("{document} {owner}"),
                WaiverWarning::Unmatched { document, .. } => format!("unmatched {document}"),
            })
            .collect();
        (statuses, warnings)
    }

    #[test]
    fn a_valid_waiver_replaces_expired_ones_and_one_gap_is_waived_once() {
        let text = |expires: &str, owner: &str| {
            ONE.replace("2025-06-30", expires)
                .replace("desk-officer", owner)
        };
        let expired = |owner| text("2024-01-01", owner);
        let valid = |owner| text("2030-01-01", owner);
        let body = |t: String| t.trim_start_matches("waivers:\n").to_string();
        // Two expired waivers both show; a later valid one replaces them, gap by gap (the
        // expiries were still met on the way, so they still warn).
        let all = format!(
            "waivers:\n{}{}{}",
            body(expired("x")),
            body(expired("y")),
            body(valid("z"))
        );
        let (s, warn) = two_drafts(&all);
        assert_eq!(s, ["0 applied z", "1 applied z"]);
        assert_eq!(
            warn,
            [
                "drafts/a.md x",
                "drafts/b.md x",
                "drafts/a.md y",
                "drafts/b.md y"
            ]
        );
        let two_expired = format!("waivers:\n{}{}", body(expired("x")), body(expired("y")));
        let (s, _) = two_drafts(&two_expired);
        assert_eq!(
            s,
            ["0 expired x", "0 expired y", "1 expired x", "1 expired y"]
        );
        // Once applied, a gap takes no other waiver, valid or expired.
        let first_valid = format!(
            "waivers:\n{}{}{}",
            body(valid("v")),
            body(expired("x")),
            body(valid("w"))
        );
        let (s, warn) = two_drafts(&first_valid);
        assert_eq!(s, ["0 applied v", "1 applied v"]);
        assert!(warn.is_empty(), "{warn:?}");
    }

    #[test]
    fn a_waiver_on_a_met_rule_or_another_document_is_unmatched() {
        let w = waivers(ONE);
        let mut ledger = WaiverLedger::new(&w, Date::parse("2025-01-01").unwrap());
        let met = ledger.apply(
            "drafts/a.md",
            "drafts/a.md",
            [("expert-group", Verdict::Met)],
        );
        let other = ledger.apply(
            "other/b.md",
            "other/b.md",
            [("expert-group", Verdict::Missing)],
        );
        assert!(met.is_empty() && other.is_empty());
        assert!(matches!(
            ledger.warnings()[0],
            WaiverWarning::Unmatched { .. }
        ));
    }

    #[test]
    fn required_fields_are_checked_with_their_place() {
        let e = parse_waivers("w.yaml", &ONE.replace("desk-officer", "\"\""))
            .unwrap_err()
            .to_string();
        assert_eq!(e, "w.yaml:2:5: waivers[0]: `owner` must not be empty");
        let e = parse_waivers("w.yaml", &ONE.replace("2025-06-30", "2025-06-31"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("not a day of the calendar"), "{e}");
        let e = parse_waivers("w.yaml", &ONE.replace("    owner", "    ownr"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("unknown key `ownr`"), "{e}");
    }
}
