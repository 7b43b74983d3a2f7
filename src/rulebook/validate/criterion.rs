//! Validating a criterion: its phrases (with `@vocabulary` references expanded and each
//! compiled, an invalid pattern pointed at the place inside it), `within`, `part`, `force`
//! and `addressee`.

use super::Validator;
use crate::error::{closest, Diagnostic};
use crate::rulebook::file::{CriterionFile, OneOrMany};
use crate::rulebook::model::{Criterion, Within};
use crate::rulebook::phrase::Phrase;
use crate::vocab::{Addressee, Force, Part};
use std::collections::{BTreeMap, BTreeSet};

/// The longest phrase accepted, in characters: real phrases are a few words; the limit keeps
/// a mistaken paste (or a hostile file) from building a huge pattern.
pub const MAX_PHRASE_CHARS: usize = 1000;

impl Validator<'_> {
    pub(super) fn criterion(
        &mut self,
        rule: &str,
        cf: &CriterionFile,
        line: u32,
        vocab: &BTreeMap<String, Vec<String>>,
    ) -> Criterion {
        let cid = &cf.id;
        if cf.any.is_empty() && cf.all.is_empty() && cf.fact.is_none() {
            self.push(
                Diagnostic::new(
                    self.origin,
                    format!("criterion `{cid}` has no phrases and no fact"),
                )
                .at(line, self.col_of(line, "id"))
                .rule(rule)
                .hint("give it `any:` phrases, `all:` phrases or a `fact:`"),
            );
        }
        let any = self.phrases(rule, line, &cf.any, vocab);
        let all = cf
            .all
            .iter()
            .map(|item| match item {
                OneOrMany::One(p) => self.phrases(rule, line, std::slice::from_ref(p), vocab),
                OneOrMany::Many(ps) => self.phrases(rule, line, ps, vocab),
            })
            .collect();
        let exclude = self.phrases(rule, line, &cf.exclude, vocab);
        let within = match cf.within.as_deref() {
            None | Some("provision") => Within::Provision,
            Some("sentence") => Within::Sentence,
            Some("clause") => Within::Clause,
            Some("paragraph") => Within::Paragraph,
            Some(other) => {
                self.bad_value(
                    rule,
                    line,
                    "within",
                    other,
                    "provision, paragraph, sentence or clause",
                );
                Within::Provision
            }
        };
        let parts = match cf.part.as_deref() {
            None | Some("operative") => BTreeSet::from([Part::Operative]),
            Some("preambular") => BTreeSet::from([Part::Preambular]),
            Some("annex") => BTreeSet::from([Part::Annex]),
            Some("any") => BTreeSet::from([Part::Preambular, Part::Operative, Part::Annex]),
            Some(other) => {
                self.bad_value(
                    rule,
                    line,
                    "part",
                    other,
                    "operative, preambular, annex or any",
                );
                BTreeSet::from([Part::Operative])
            }
        };
        let force = match cf.force.as_deref() {
            None | Some("any") => Force::Context,
            Some("no-action") => Force::NoAction,
            Some("call") => Force::Call,
            Some("mandate") => Force::Mandate,
            Some(other) => {
                self.bad_value(
                    rule,
                    line,
                    "force",
                    other,
                    "mandate, call, no-action or any",
                );
                Force::Context
            }
        };
        let mut addressees = BTreeSet::new();
        for a in &cf.addressee {
            match a.as_str() {
                "un" => addressees.extend([
                    Addressee::Mission,
                    Addressee::SecretaryGeneral,
                    Addressee::UnBody,
                ]),
                "any" => addressees.extend(Addressee::ALL),
                other => match Addressee::parse(other) {
                    Some(a) => {
                        addressees.insert(a);
                    }
                    None => {
                        let names: Vec<&str> = Addressee::ALL.iter().map(|a| a.as_str()).collect();
                        self.bad_value(
                            rule,
                            line,
                            "addressee",
                            other,
                            &format!("un, any, {}", names.join(", ")),
                        )
                    }
                },
            }
        }
        Criterion {
            id: cid.clone(),
            means: cf.means.clone(),
            any,
            all,
            within,
            near: cf.near,
            parts,
            force,
            addressees,
            exclude,
            fact: cf.fact.clone(),
        }
    }

    fn bad_value(&mut self, rule: &str, line: u32, key: &str, value: &str, allowed: &str) {
        let (l, c) = self.find_text(line, value).unwrap_or((line, 1));
        self.push(
            Diagnostic::new(self.origin, format!("`{value}` is not a valid `{key}`"))
                .at(l, c)
                .rule(rule)
                .hint(format!("use one of: {allowed}")),
        );
    }

    /// Expands `@vocabulary` references and compiles each phrase.
    fn phrases(
        &mut self,
        rule: &str,
        line: u32,
        items: &[String],
        vocab: &BTreeMap<String, Vec<String>>,
    ) -> Vec<Phrase> {
        let mut out = Vec::new();
        for item in items {
            if let Some(name) = item.strip_prefix('@') {
                match vocab.get(name) {
                    Some(list) => {
                        for p in list {
                            self.compile(rule, line, p, &mut out);
                        }
                    }
                    None => {
                        let (l, c) = self.find_text(line, item).unwrap_or((line, 1));
                        let names: Vec<&str> = vocab.keys().map(String::as_str).collect();
                        let mut d = Diagnostic::new(
                            self.origin,
                            format!("`{item}` refers to a vocabulary that does not exist"),
                        )
                        .at(l, c)
                        .rule(rule);
                        d = match closest(name, &names) {
                            Some(best) => d.hint(format!("did you mean `@{best}`?")),
                            None => {
                                d.hint("define it under `vocabularies:` at the top of the rulebook")
                            }
                        };
                        self.push(d);
                    }
                }
            } else {
                self.compile(rule, line, item, &mut out);
            }
        }
        out
    }

    fn compile(&mut self, rule: &str, line: u32, phrase: &str, out: &mut Vec<Phrase>) {
        if phrase.chars().count() > MAX_PHRASE_CHARS {
            let (l, c) = self
                .find_text(line, &phrase[..phrase.len().min(40)])
                .unwrap_or((line, 1));
            self.push(
                Diagnostic::new(
                    self.origin,
                    format!(
                        "a phrase is {} characters long, more than the limit of {MAX_PHRASE_CHARS}",
                        phrase.chars().count()
                    ),
                )
                .at(l, c)
                .rule(rule)
                .hint("a phrase is a few words; list alternatives as separate phrases or in a vocabulary (the limit is fixed: a longer phrase is almost always pasted text)"),
            );
            return;
        }
        let compiled = match self.phrases {
            super::Phrases::Check => Phrase::compile(phrase),
            super::Phrases::Trusted => Ok(Phrase::trusted(phrase)),
        };
        match compiled {
            Ok(p) => out.push(p),
            Err(e) => {
                let (l, c) = self
                    .find_text(line, phrase)
                    .or_else(|| self.find_text(0, phrase))
                    .unwrap_or((line, 1));
                // Point at the place inside the phrase, as written on its line.
                let c = c + e.offset.unwrap_or(0) as u32;
                let place = match e.offset {
                    Some(o) => format!(" (at character {} of the phrase)", o + 1),
                    None => String::new(),
                };
                self.push(
                    Diagnostic::new(
                        self.origin,
                        format!("phrase `{phrase}` is not a valid pattern: {}{place}", e.message),
                    )
                    .at(l, c)
                        .rule(rule)
                        .hint("phrases are regular expressions: escape ( ) [ ] . * + ? with a backslash to mean the character itself"),
                );
            }
        }
    }
}
