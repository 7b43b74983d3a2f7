//! Requests for options: "Requests the Secretary-General to present options for: (a) …", "to
//! submit a report on the feasibility of …", "to appoint a Special Representative in order to
//! recommend measures". The rulebook spec says options and proposals are not tasks; the
//! classifier reads such a request as context, and its sub-paragraphs with it.

use super::addressee::window;
use crate::fixed_regex::fixed_regex;
use regex::Regex;
use std::sync::LazyLock;

/// Whether a clause asks for options, proposals or recommendations rather than giving a task
/// ("Requests the Secretary-General to present to the Council options for …", "to submit a
/// report on the feasibility of …", "to explore ways to …"): the length of the request, up to
/// a further task joined by "and to …" or the clause's end; `None` when the clause's first
/// infinitive is something else.
pub(super) fn options_request(clause: &str) -> Option<usize> {
    static FIRST_TO: LazyLock<Regex> = LazyLock::new(|| fixed_regex(r"\bto\s+"));
    static ASK: LazyLock<Regex> = LazyLock::new(|| {
        fixed_regex(
            r"(?i)^(?:(?:urgently|further|also|immediately|continue\s+to)\s+)*(?:submit|present|provide|prepare|develop|make|put\s+forward|draw\s+up|elaborate|offer|outline|explore|consider|study|examine|assess|evaluate|look\s+into|identify|include|undertake\s+(?:contingency\s+)?planning)\b",
        )
    });
    static OBJECT: LazyLock<Regex> = LazyLock::new(|| {
        fixed_regex(
            r"(?i)\b(?:options?|proposals?|recommendations?|contingency\s+plan\w*|feasibility|possibilit(?:y|ies)|possible|ways(?:\s+and\s+means)?\s+(?:to|of|for|in)|modalities|alternatives|(?:contribution|role|assistance|support)\s+(?:that|which)\s+the\s+United\s+Nations\s+(?:could|might|can|would))\b",
        )
    });
    static FURTHER_TASK: LazyLock<Regex> =
        LazyLock::new(|| fixed_regex(r"[,;]\s*and\s+(?:(?:also|further)\s+)?to\s+\w"));
    // "Invites the Secretary-General to appoint a Special Representative in order to
    // recommend measures …" (S/RES/765 (1992)): an appointee asked for proposals.
    static APPOINTEE: LazyLock<Regex> = LazyLock::new(|| {
        fixed_regex(
            r"(?i)^(?:appoint|designate|name)\w*\b[^;:]{0,120}?\b(?:in\s+order\s+)?to\s+(?:recommend|propose|make\s+recommendations|submit\s+(?:proposals|recommendations))\b",
        )
    });
    let head = window(clause, 240);
    let to = FIRST_TO.find(head)?;
    let rest = &clause[to.end()..];
    if let Some(m) = APPOINTEE.find(rest) {
        let after = to.end() + m.end();
        return Some(
            FURTHER_TASK
                .find(&clause[after..])
                .map_or(clause.len(), |f| after + f.start()),
        );
    }
    let ask = ASK.find(rest)?;
    // The object stands within the request, before any semicolon.
    let reach = window(&rest[ask.end()..], 200);
    let reach = &reach[..reach.find(';').unwrap_or(reach.len())];
    let object = OBJECT.find(reach)?;
    let after_object = to.end() + ask.end() + object.end();
    Some(
        FURTHER_TASK
            .find(&clause[after_object..])
            .map_or(clause.len(), |m| after_object + m.start()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_request_ends_where_a_further_task_begins() {
        let t = "Requests the Secretary-General to submit proposals on the police component, and to deploy additional observers";
        let n = options_request(t).unwrap();
        assert!(t[n..].starts_with(", and to deploy"));
        let t = "Requests the Secretary-General to present to the Council options for:";
        assert_eq!(options_request(t), Some(t.len()));
        assert_eq!(
            options_request("Requests the Mission to protect civilians"),
            None
        );
    }
}
