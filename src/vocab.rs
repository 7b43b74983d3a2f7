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

#[cfg(test)]
mod tests {
    use super::*;

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
