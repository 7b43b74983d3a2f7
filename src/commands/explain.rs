//! `explain RULE-ID`: what a rule asks, why, the source's words and what counts as evidence;
//! a misspelt id gets the closest one as a hint.

use super::setup::targets;
use super::{Outcome, Status};
use crate::task::ExplainOptions;
use policycheck::Rulebook;

/// `explain RULE-ID`.
pub fn run(o: ExplainOptions) -> anyhow::Result<Outcome> {
    let books: Vec<Rulebook> = targets(&o.config, &o.rules)?
        .iter()
        .map(|r| r.load())
        .collect::<Result<_, _>>()?;
    for rb in &books {
        if let Some(rule) = rb.rule(&o.rule) {
            return Ok(Outcome::new(
                policycheck::report::explain::explain(rb, rule),
                Status::Pass,
            ));
        }
    }
    let ids: Vec<&str> = books
        .iter()
        .flat_map(|b| b.rules.iter().map(|r| r.id.as_str()))
        .collect();
    let hint = match policycheck::error::closest(&o.rule, &ids) {
        Some(id) => format!("did you mean `{id}`?"),
        None => format!("the rules are: {}", ids.join(", ")),
    };
    anyhow::bail!("there is no rule `{}`\n  hint: {hint}", o.rule)
}
