//! `policycheck init`: the files a new rulebook starts from — a rulebook with one commented
//! example rule (that passes its own examples) and a `policycheck.yaml` that uses it. The
//! command writes them; this module only says what they contain.

/// A new rulebook with the given id, one commented example rule and its examples.
pub fn rulebook_scaffold(id: &str) -> String {
    RULEBOOK_TEMPLATE.replace("{{id}}", id)
}

const RULEBOOK_TEMPLATE: &str = r#"# yaml-language-server: $schema=rulebook.schema.json
# A policycheck rulebook: the recommendations of one paper, each turned into checks on a
# draft. Start by filling in `source`, then replace the example rule below with your first
# recommendation. Check your work as you go:
#
#   policycheck rules check rules/{{id}}.yaml    # every mistake, with its line and a hint
#   policycheck rules test rules/{{id}}.yaml     # do the examples get their verdicts?
#   policycheck explain border-task --rules rules/{{id}}.yaml
#
# docs/writing-rules.md walks through writing a rule; docs/rulebook-format.md lists every key.
id: {{id}}
title: Recommendations of <the paper's title>
description: >-
  What this rulebook checks, and against which kind of document.
source:
  author: <author>
  title: <the paper's title>
  publisher: <publisher>
  date: "2026-01-01"          # the paper's date, YYYY-MM-DD
  # url: https://…
  # licence: CC BY 4.0        # quote the paper only as its licence allows

# Lists of phrases used by several rules, written once. Use them as "@borders".
vocabularies:
  borders: [borders?, border crossings?, frontiers?, customs]

rules:
  - id: border-task                 # stable: reports and CI settings refer to it
    title: Border task for the mission
    area: security
    weight: 2                       # more than 0, at most 10
    recommendation: Task the mission with assisting border security.
    rationale: >-
      Why the paper asks for it, in your words.
    quote: >-
      The paper's own words, quoted exactly.
    suggested: >-
      Decides that the Mission shall assist the national authorities in monitoring the
      borders;
    criteria:
      # Met: the mission itself is tasked (a mandate, addressed to the UN).
      - id: task
        means: the mission is tasked to monitor or secure borders
        all:
          - ["@borders"]
          - [monitor\w*, secur\w*, patrol\w*]
        within: sentence           # both phrases in one sentence
        force: mandate             # Decides, Authorizes, Requests the Secretary-General…
        addressee: [un]            # the mission, the Secretary-General or a UN body
        exclude: [options?]        # "options for monitoring the borders" is not a task
      # Partial: States are only called upon.
      - id: call
        means: States are called upon to secure their borders
        any: ["@borders"]
        force: call                # Calls upon, Urges, Encourages…
        addressee: [states, government]
    verdict:
      met: task
      partial: call
    examples:                      # drafts that must get these verdicts
      - verdict: met
        text: |
          1. Decides that the Mission shall monitor the borders with neighbouring States;
      - verdict: partial
        text: |
          1. Calls upon neighbouring States to secure their borders;
      - verdict: missing
        note: options are not tasks
        text: |
          1. Requests the Secretary-General to submit options for monitoring the borders;
      - verdict: missing
        note: a denied task is evidence of the gap
        text: |
          1. Decides that the Mission shall not monitor the borders;
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluate::check_examples;
    use crate::rulebook::parse_rulebook;

    #[test]
    fn the_scaffold_is_a_valid_rulebook_whose_examples_pass() {
        let text = rulebook_scaffold("my-paper");
        let rb = parse_rulebook("my-paper.yaml", &text).unwrap();
        assert_eq!(rb.id, "my-paper");
        let outcomes = check_examples(&rb);
        assert_eq!(outcomes.len(), 4);
        assert!(outcomes.iter().all(|o| o.passed()), "{outcomes:#?}");
    }
}
