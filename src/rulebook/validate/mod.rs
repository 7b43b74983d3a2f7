//! Validating a rulebook's meaning once its shape is right, and compiling it: ids, weights,
//! vocabularies, rules and examples here; a criterion's own checks and its phrases in
//! [`criterion`]; verdict expressions in [`verdict`]; where each thing is in the text in
//! [`places`]. Every problem becomes a [`Diagnostic`] with the file, line and column and the
//! rule it concerns, all of them rather than the first. The limits on rulebooks are here too.

mod criterion;
mod places;
mod verdict;

pub(super) use places::key;
use places::List;

use super::expr::Expr;
use super::file::{RuleFile, RulebookFile};
use super::model::{Example, Rule, Rulebook, Source};
use crate::error::Diagnostic;
use crate::vocab::Verdict;
use crate::yaml::path::{Lines, Seg};
use std::collections::{BTreeMap, BTreeSet};

/// The most rules a rulebook may have.
pub const MAX_RULES: usize = 1000;

/// Validates the meaning of a rulebook read from `text` (the file `origin`) and compiles it.
/// `rule_indices` gives the place in the file's `rules` list of each of `file.rules`;
/// `complete` is false when some rules were left out because their shape is wrong (then an
/// empty list is not itself a problem). Returns the rulebook and every problem found.
pub(super) fn validate(
    origin: &str,
    text: &str,
    file: RulebookFile,
    rule_indices: &[usize],
    complete: bool,
    phrases: Phrases,
) -> (Rulebook, Vec<Diagnostic>) {
    let lines = Lines::new(text);
    let rules = List::find(&lines, lines.top(), &[key("rules")]);
    let mut v = Validator {
        origin,
        lines,
        rules,
        diags: Vec::new(),
        phrases,
    };
    let rulebook = v.rulebook(file, rule_indices, complete);
    (rulebook, v.diags)
}

struct Validator<'a> {
    origin: &'a str,
    /// The rulebook's text.
    lines: Lines<'a>,
    /// Its `rules` list.
    rules: List,
    diags: Vec<Diagnostic>,
    /// Whether phrases are checked.
    phrases: Phrases,
}

/// Whether a rulebook's phrases are checked as they are read (a user's rulebook) or trusted
/// (the embedded rulebook, whose phrases the test suite checks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Phrases {
    /// Each phrase's syntax and compiled size are checked.
    Check,
    /// Each phrase is only turned into its pattern.
    Trusted,
}

impl Validator<'_> {
    fn rulebook(
        &mut self,
        mut file: RulebookFile,
        rule_indices: &[usize],
        complete: bool,
    ) -> Rulebook {
        if !is_id(&file.id) {
            // Where `id: <the id>` is written first (1:1 when nowhere), as before the one
            // locator: not the path's place, so that every message keeps its position.
            let (l, c) = self
                .find_text(0, &format!("id: {}", file.id))
                .unwrap_or((1, 1));
            self.push(
                Diagnostic::new(
                    self.origin,
                    format!("rulebook id `{}` is not a valid id", file.id),
                )
                .at(l, c)
                .hint("use lower-case letters, digits and hyphens, e.g. `mali-2015`"),
            );
        }
        let vocab = self.vocabularies(&file.vocabularies);
        let rules_line = self.find(&[key("rules")]).map_or(1, |(l, _)| l);
        if file.rules.is_empty() && complete {
            self.push(
                Diagnostic::new(self.origin, "the rulebook has no rules")
                    .at(rules_line, 1)
                    .hint("add at least one rule under `rules:`"),
            );
        }
        if file.rules.len() > MAX_RULES {
            self.push(
                Diagnostic::new(
                    self.origin,
                    format!(
                        "the rulebook has {} rules, more than the limit of {MAX_RULES}",
                        file.rules.len()
                    ),
                )
                .at(rules_line, 1)
                .hint("split it into several rulebooks (`--rules` can be repeated); the limit is fixed"),
            );
            // Refuse quickly: compiling and testing that many rules is the work the limit
            // is there to bound.
            file.rules.clear();
        }
        let mut seen: BTreeMap<String, u32> = BTreeMap::new();
        let mut rules = Vec::new();
        for (rf, &index) in file.rules.into_iter().zip(rule_indices) {
            let line = self.rules.locate(&self.lines, index, &[key("id")]).line();
            if let Some(first) = seen.get(&rf.id) {
                self.push(
                    Diagnostic::new(
                        self.origin,
                        format!(
                            "rule id `{}` is used twice: first on line {first}, again here",
                            rf.id
                        ),
                    )
                    .at(line, self.col_of(line, &rf.id))
                    .rule(&rf.id)
                    .hint("every rule needs its own id; reports and CI settings refer to it"),
                );
            } else {
                seen.insert(rf.id.clone(), line);
            }
            rules.push(self.rule(rf, index, line, &vocab));
        }
        Rulebook {
            id: file.id,
            title: file.title,
            description: file.description,
            source: Source {
                author: file.source.author,
                title: file.source.title,
                publisher: file.source.publisher,
                date: file.source.date,
                url: file.source.url,
                licence: file.source.licence,
            },
            rules,
            origin: self.origin.to_string(),
        }
    }

    fn vocabularies(
        &mut self,
        vocab: &BTreeMap<String, Vec<String>>,
    ) -> BTreeMap<String, Vec<String>> {
        let start = self.find(&[key("vocabularies")]).map_or(1, |(l, _)| l);
        for (name, phrases) in vocab {
            for p in phrases {
                if p.starts_with('@') {
                    let (l, c) = self.find_text(start, p).unwrap_or((start, 1));
                    self.push(
                        Diagnostic::new(
                            self.origin,
                            format!("vocabulary `{name}` refers to `{p}`: vocabularies cannot refer to other vocabularies"),
                        )
                        .at(l, c)
                        .hint("list the phrases themselves"),
                    );
                }
            }
        }
        vocab.clone()
    }

    /// Validates the rule at `index` in `rules`, whose id is on `line`.
    fn rule(
        &mut self,
        rf: RuleFile,
        index: usize,
        line: u32,
        vocab: &BTreeMap<String, Vec<String>>,
    ) -> Rule {
        let id = rf.id.clone();
        if !is_id(&id) {
            self.push(
                Diagnostic::new(self.origin, format!("`{id}` is not a valid rule id"))
                    .at(line, self.col_of(line, &id))
                    .rule(&id)
                    .hint("use lower-case letters, digits and hyphens, e.g. `expert-group`"),
            );
        }
        if !(rf.weight > 0.0 && rf.weight <= 10.0) {
            let (l, c) = self.key_place(index, line, "weight");
            self.push(
                Diagnostic::new(self.origin, format!("weight {} is out of range", rf.weight))
                    .at(l, c)
                    .rule(&id)
                    .hint("a weight is a number greater than 0 and at most 10"),
            );
        }
        if rf.criteria.is_empty() {
            let (l, c) = self.key_place(index, line, "criteria");
            self.push(
                Diagnostic::new(self.origin, "the rule has no criteria")
                    .at(l, c)
                    .rule(&id)
                    .hint("add at least one criterion saying what counts as evidence"),
            );
        }
        let mut criteria = Vec::new();
        let mut crit_ids: BTreeSet<String> = BTreeSet::new();
        let crit_list = self.rules.list(&self.lines, index, &[key("criteria")]);
        for (c, cf) in rf.criteria.iter().enumerate() {
            let cline = crit_list.locate(&self.lines, c, &[key("id")]).line();
            if !crit_ids.insert(cf.id.clone()) {
                self.push(
                    Diagnostic::new(
                        self.origin,
                        format!("criterion id `{}` is used twice in this rule", cf.id),
                    )
                    .at(cline, self.col_of(cline, &cf.id))
                    .rule(&id),
                );
            }
            criteria.push(self.criterion(&id, cf, cline, vocab));
        }
        let verdict_line = |v: &Self, name: &str| {
            v.rules
                .find_in(&v.lines, index, &[key("verdict"), key(name)])
                .map_or(line, |p| p.line())
        };
        let met_line = verdict_line(self, "met");
        let met = self.expr(&id, met_line, "met", &rf.verdict.met, &crit_ids);
        let partial_line = verdict_line(self, "partial");
        let partial = rf
            .verdict
            .partial
            .as_ref()
            .map(|p| self.expr(&id, partial_line, "partial", p, &crit_ids));
        let mut examples = Vec::new();
        for (e, ex) in rf.examples.iter().enumerate() {
            match Verdict::parse(ex.verdict.trim()) {
                Some(verdict) => examples.push(Example {
                    verdict,
                    text: ex.text.clone(),
                    note: ex.note.clone(),
                }),
                None => {
                    let (l, c) = self
                        .rules
                        .find_in(
                            &self.lines,
                            index,
                            &[key("examples"), Seg::Index(e), key("verdict")],
                        )
                        .map_or((line, 1), |p| p.at());
                    self.push(
                        Diagnostic::new(
                            self.origin,
                            format!("example verdict `{}` is not a verdict", ex.verdict),
                        )
                        .at(l, c)
                        .rule(&id)
                        .hint("use met, partial or missing"),
                    );
                }
            }
        }
        Rule {
            id,
            title: rf.title,
            area: rf.area,
            weight: rf.weight,
            recommendation: rf.recommendation,
            rationale: rf.rationale,
            quote: rf.quote,
            suggested: rf.suggested,
            criteria,
            met: met.unwrap_or(Expr::Or(vec![])),
            partial: partial.flatten(),
            examples,
            line,
        }
    }

    fn push(&mut self, d: Diagnostic) {
        if !self.diags.contains(&d) {
            self.diags.push(d);
        }
    }
}

fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-')
        && !id.ends_with('-')
}

#[cfg(test)]
mod tests {
    use crate::rulebook::load::tests::{errors, MINI};

    #[test]
    fn several_mistakes_are_all_reported() {
        let text = MINI
            .replace("weight: 2", "weight: 20")
            .replace("\"@crime\"", "\"@crimes\"")
            .replace("met: task", "met: tsk");
        let d = errors(&text);
        assert_eq!(d.len(), 3, "{d:#?}");
        assert!(d[0].message.contains("weight 20 is out of range"));
        assert!(d[1].message.contains("`@crimes` refers to a vocabulary"));
        assert_eq!(d[1].hint.as_deref(), Some("did you mean `@crime`?"));
        assert_eq!(d[1].line, Some(22));
        assert!(d[2].message.contains("`tsk`"));
        assert!(d.iter().all(|d| d.rule.as_deref() == Some("crime")));
    }

    #[test]
    fn duplicate_rule_ids_name_both_places() {
        let rule = &MINI[MINI.find("  - id: crime").unwrap()..];
        let text = format!("{MINI}{rule}");
        let d = errors(&text);
        assert_eq!(d.len(), 1);
        assert!(
            d[0].message.contains("first on line 12"),
            "{}",
            d[0].message
        );
        assert_eq!(d[0].line, Some(27));
    }

    #[test]
    fn an_invalid_pattern_is_located() {
        let d = &errors(&MINI.replace(r"traffick\w*", r"traffick(\w*"))[0];
        assert_eq!(d.line, Some(10));
        assert!(d.message.contains("not a valid pattern"));
    }
}
