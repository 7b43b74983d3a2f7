//! Loading a rulebook: YAML → file structs → validated model. Every problem found is reported
//! with the file, line and column and the rule it concerns, all at once rather than the first
//! only. The default rulebook is embedded in the binary and compiled once per process.

use super::expr::Expr;
use super::file::{CriterionFile, OneOrMany, RuleFile, RulebookFile};
use super::model::{Criterion, Example, Rule, Rulebook, Source, Within};
use super::phrase::Phrase;
use super::shape;
use crate::error::{closest, yaml_limit, Diagnostic, Error};
use crate::vocab::{Addressee, Force, Part, Verdict};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::OnceLock;

/// The longest phrase accepted, in characters: real phrases are a few words; the limit keeps
/// a mistaken paste (or a hostile file) from building a huge pattern.
pub const MAX_PHRASE_CHARS: usize = 1000;

/// The most rules a rulebook may have.
pub const MAX_RULES: usize = 1000;

/// Name of the default rulebook.
pub const DEFAULT_RULEBOOK_NAME: &str = "mali-2015";

/// The default rulebook's YAML, embedded at build time.
pub const DEFAULT_RULEBOOK: &str = include_str!("../../rules/mali-2015.yaml");

/// Loads and validates a rulebook file.
pub fn load_rulebook(path: &Path) -> Result<Rulebook, Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        action: "read",
        path: path.to_path_buf(),
        source,
    })?;
    parse_rulebook(&path.display().to_string(), &text)
}

/// The default rulebook (`rules/mali-2015.yaml`, embedded), compiled once.
#[allow(clippy::expect_used)] // audited: the text is part of the binary and tested, not input
pub fn default_rulebook() -> Rulebook {
    static DEFAULT: OnceLock<Rulebook> = OnceLock::new();
    DEFAULT
        .get_or_init(|| {
            parse_rulebook(
                &format!("<embedded {DEFAULT_RULEBOOK_NAME}>"),
                DEFAULT_RULEBOOK,
            )
            .expect("the embedded default rulebook is valid (checked by its tests)")
        })
        .clone()
}

/// Parses and validates a rulebook from its text; `origin` names it in messages.
pub fn parse_rulebook(origin: &str, text: &str) -> Result<Rulebook, Error> {
    // YAML syntax first: nothing else can be read past a syntax error.
    let doc: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| {
        let raw = e.to_string();
        let (message, hint) = yaml_limit("rulebook", &raw).unwrap_or_else(|| {
            (
                crate::yaml::message(&raw),
                "check the indentation and the `key: value` form around this place".to_string(),
            )
        });
        let mut d = Diagnostic::new(origin, message);
        d = match e.location() {
            Some(loc) => d.at(loc.line() as u32, loc.column() as u32),
            None => d.at(1, 1),
        };
        Error::Rulebook(vec![d.hint(hint)])
    })?;
    // Then the shape: every unknown key, missing key and wrong type at once.
    let rule_id = |i: usize| -> String {
        doc.get("rules")
            .and_then(|r| r.get(i))
            .and_then(|r| r.get("id"))
            .and_then(|id| id.as_str())
            .map_or_else(|| format!("#{}", i + 1), str::to_string)
    };
    let mut diags: Vec<Diagnostic> = shape::check(text, &doc)
        .into_iter()
        .map(|p| {
            let mut message = p.message;
            if let (Some(r), Some(c)) = (p.rule_index, p.criterion_index) {
                let id = doc
                    .get("rules")
                    .and_then(|v| v.get(r))
                    .and_then(|v| v.get("criteria"))
                    .and_then(|v| v.get(c))
                    .and_then(|v| v.get("id"))
                    .and_then(|v| v.as_str());
                if let Some(id) = id {
                    message = message.replace("in a criterion", &format!("in criterion `{id}`"));
                }
            }
            let mut d = Diagnostic::new(origin, message).at(p.line, p.column);
            if let Some(i) = p.rule_index {
                d = d.rule(rule_id(i));
            }
            match p.hint {
                Some(h) => d.hint(h),
                None => d,
            }
        })
        .collect();
    // Then the meaning, on every part whose shape is right.
    let file = if diags.is_empty() {
        match serde_yaml::from_value::<RulebookFile>(doc.clone()) {
            Ok(f) => Some(f),
            Err(e) => {
                let (rule, message) = locate_path(text, &crate::yaml::message(&e.to_string()));
                let mut d = Diagnostic::new(origin, message).at(1, 1);
                if let Some(rule) = rule {
                    d = d.rule(rule);
                }
                diags.push(d);
                None
            }
        }
    } else {
        partial_file(&doc)
    };
    let mut v = Validator {
        origin,
        text,
        diags: Vec::new(),
    };
    let complete = diags.is_empty();
    let rulebook = file.map(|f| v.rulebook(f, complete));
    diags.extend(v.diags);
    match rulebook {
        Some(rb) if diags.is_empty() => Ok(rb),
        _ => {
            diags.sort_by_key(|d| (d.line, d.column));
            Err(Error::Rulebook(diags))
        }
    }
}

/// The parts of a rulebook whose shape is right, so that their meaning can be checked too
/// when other parts are broken.
fn partial_file(doc: &serde_yaml::Value) -> Option<RulebookFile> {
    use super::file::SourceFile;
    // Not a rulebook at all (empty, a list): the shape problem says so; nothing else to check.
    doc.as_mapping()?;
    let text = |k: &str| {
        doc.get(k)
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string()
    };
    let rules = doc
        .get("rules")
        .and_then(|r| r.as_sequence())
        .map(|items| {
            items
                .iter()
                .filter_map(|r| {
                    let r = shape::without_unknown_keys(r, shape::Shape::Rule);
                    serde_yaml::from_value::<RuleFile>(r).ok()
                })
                .collect()
        })
        .unwrap_or_default();
    Some(RulebookFile {
        id: text("id"),
        title: text("title"),
        description: None,
        source: doc
            .get("source")
            .and_then(|s| serde_yaml::from_value::<SourceFile>(s.clone()).ok())
            .unwrap_or(SourceFile {
                author: String::new(),
                title: String::new(),
                publisher: String::new(),
                date: String::new(),
                url: None,
                licence: None,
            }),
        vocabularies: doc
            .get("vocabularies")
            .and_then(|v| serde_yaml::from_value(v.clone()).ok())
            .unwrap_or_default(),
        rules,
    })
}

/// serde_yaml prefixes its message with the path of the value (`rules[2].criteria[0]: …`).
/// Turn that path into the rule's id and the criterion's id, which is what a rule author
/// knows them by.
fn locate_path(text: &str, msg: &str) -> (Option<String>, String) {
    let Some((path, rest)) = msg.split_once(": ") else {
        return (None, msg.to_string());
    };
    if !path.starts_with("rules[") || path.contains(' ') {
        if path
            .chars()
            .all(|c| c.is_alphanumeric() || "[]._-".contains(c))
        {
            return (None, format!("{rest} (in `{path}`)"));
        }
        return (None, msg.to_string());
    }
    let index = |seg: &str, key: &str| -> Option<usize> {
        seg.strip_prefix(key)?
            .strip_prefix('[')?
            .strip_suffix(']')?
            .parse()
            .ok()
    };
    let doc: serde_yaml::Value = serde_yaml::from_str(text).unwrap_or(serde_yaml::Value::Null);
    let segs: Vec<&str> = path.split('.').collect();
    let rule_value = index(segs[0], "rules").and_then(|i| doc.get("rules")?.get(i));
    let id_of =
        |v: Option<&serde_yaml::Value>| v.and_then(|v| v.get("id")?.as_str().map(str::to_string));
    let rule = id_of(rule_value);
    let mut message = rest.to_string();
    if let Some(i) = segs.get(1).and_then(|s| index(s, "criteria")) {
        let crit = id_of(rule_value.and_then(|r| r.get("criteria")?.get(i)));
        message = match crit {
            Some(c) => format!("criterion `{c}`: {message}"),
            None => format!("criterion {}: {message}", i + 1),
        };
    } else if let Some(i) = segs.get(1).and_then(|s| index(s, "examples")) {
        message = format!("example {}: {message}", i + 1);
    }
    let rule = rule.or_else(|| index(segs[0], "rules").map(|i| format!("#{}", i + 1)));
    (rule, message)
}

struct Validator<'a> {
    origin: &'a str,
    text: &'a str,
    diags: Vec<Diagnostic>,
}

impl Validator<'_> {
    /// Validates the meaning of a rulebook; `complete` is false when some rules were left
    /// out because their shape is wrong (then an empty list is not itself a problem).
    fn rulebook(&mut self, mut file: RulebookFile, complete: bool) -> Rulebook {
        if !is_id(&file.id) {
            let (l, c) = self
                .find_after(0, &format!("id: {}", file.id))
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
        let rules_line = self.line_of_key(0, "rules").unwrap_or(1);
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
        let mut search_from = rules_line;
        for rf in file.rules {
            let line = self
                .find_id_line(search_from, &rf.id)
                .unwrap_or(search_from);
            search_from = line + 1;
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
            rules.push(self.rule(rf, line, &vocab));
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
        let start = self.line_of_key(0, "vocabularies").unwrap_or(1);
        for (name, phrases) in vocab {
            for p in phrases {
                if p.starts_with('@') {
                    let (l, c) = self.find_after(start, p).unwrap_or((start, 1));
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

    fn rule(&mut self, rf: RuleFile, line: u32, vocab: &BTreeMap<String, Vec<String>>) -> Rule {
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
            let l = self.line_of_key(line, "weight").unwrap_or(line);
            self.push(
                Diagnostic::new(self.origin, format!("weight {} is out of range", rf.weight))
                    .at(l, self.col_of(l, "weight"))
                    .rule(&id)
                    .hint("a weight is a number greater than 0 and at most 10"),
            );
        }
        if rf.criteria.is_empty() {
            let l = self.line_of_key(line, "criteria").unwrap_or(line);
            self.push(
                Diagnostic::new(self.origin, "the rule has no criteria")
                    .at(l, self.col_of(l, "criteria"))
                    .rule(&id)
                    .hint("add at least one criterion saying what counts as evidence"),
            );
        }
        let mut criteria = Vec::new();
        let mut crit_ids: BTreeSet<String> = BTreeSet::new();
        let mut from = line;
        for cf in &rf.criteria {
            let cline = self.find_id_line(from, &cf.id).unwrap_or(from);
            from = cline + 1;
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
        let met = self.expr(&id, line, "met", &rf.verdict.met, &crit_ids);
        let partial = rf
            .verdict
            .partial
            .as_ref()
            .map(|p| self.expr(&id, line, "partial", p, &crit_ids));
        let mut examples = Vec::new();
        for ex in &rf.examples {
            match Verdict::parse(ex.verdict.trim()) {
                Some(verdict) => examples.push(Example {
                    verdict,
                    text: ex.text.clone(),
                    note: ex.note.clone(),
                }),
                None => {
                    let (l, c) = self
                        .find_after(line, &format!("verdict: {}", ex.verdict))
                        .unwrap_or((line, 1));
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

    fn expr(
        &mut self,
        rule: &str,
        line: u32,
        key: &str,
        src: &str,
        crit_ids: &BTreeSet<String>,
    ) -> Option<Expr> {
        let kline = self.line_of_key(line, key).unwrap_or(line);
        if crit_ids.is_empty() {
            // The rule has no criteria: said once, not again for every name in its verdicts.
            return None;
        }
        let base_col = self.col_of(kline, src);
        match Expr::parse(src) {
            Ok(e) => {
                let mut ok = true;
                for name in e.names() {
                    if !crit_ids.contains(name) {
                        ok = false;
                        let known: Vec<&str> = crit_ids.iter().map(String::as_str).collect();
                        let offset = src.find(name).unwrap_or(0) as u32;
                        let mut d = Diagnostic::new(
                            self.origin,
                            format!("verdict `{key}` names `{name}`, which is not a criterion of this rule"),
                        )
                        .at(kline, base_col + offset)
                        .rule(rule);
                        d = match closest(name, &known) {
                            Some(best) => d.hint(format!("did you mean `{best}`?")),
                            None => d.hint(format!("the criteria are: {}", known.join(", "))),
                        };
                        self.push(d);
                    }
                }
                ok.then_some(e)
            }
            Err(err) => {
                self.push(
                    Diagnostic::new(self.origin, format!("verdict `{key}`: {}", err.message))
                        .at(kline, base_col + err.offset as u32)
                        .rule(rule)
                        .hint("write e.g. `crime and terror` or `borders and (arrest or police-role)`"),
                );
                None
            }
        }
    }

    fn criterion(
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
        let (l, c) = self.find_after(line, value).unwrap_or((line, 1));
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
                        let (l, c) = self.find_after(line, item).unwrap_or((line, 1));
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
                .find_after(line, &phrase[..phrase.len().min(40)])
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
        match Phrase::compile(phrase) {
            Ok(p) => out.push(p),
            Err(e) => {
                let (l, c) = self
                    .find_after(line, phrase)
                    .or_else(|| self.find_after(0, phrase))
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

    fn push(&mut self, d: Diagnostic) {
        if !self.diags.contains(&d) {
            self.diags.push(d);
        }
    }

    // --- locating things in the source text -------------------------------------------

    /// (line, column) of the first occurrence of `needle` on or after 1-based line `from`.
    fn find_after(&self, from: u32, needle: &str) -> Option<(u32, u32)> {
        let first = needle.lines().next().unwrap_or(needle).trim();
        if first.is_empty() {
            return None;
        }
        self.text
            .lines()
            .enumerate()
            .skip(from.saturating_sub(1) as usize)
            .find_map(|(i, l)| {
                l.find(first)
                    .map(|b| (i as u32 + 1, l[..b].chars().count() as u32 + 1))
            })
    }

    /// Line of `id: <id>` on or after line `from`.
    fn find_id_line(&self, from: u32, id: &str) -> Option<u32> {
        self.text
            .lines()
            .enumerate()
            .skip(from.saturating_sub(1) as usize)
            .find(|(_, l)| {
                let t = l.trim_start().trim_start_matches("- ").trim_start();
                t.strip_prefix("id:")
                    .map(|v| v.trim().trim_matches(|c| c == '"' || c == '\'') == id)
                    .unwrap_or(false)
            })
            .map(|(i, _)| i as u32 + 1)
    }

    /// Line of `key:` on or after line `from`.
    fn line_of_key(&self, from: u32, key: &str) -> Option<u32> {
        let pat = format!("{key}:");
        self.text
            .lines()
            .enumerate()
            .skip(from.saturating_sub(1) as usize)
            .find(|(_, l)| l.trim_start().trim_start_matches("- ").starts_with(&pat))
            .map(|(i, _)| i as u32 + 1)
    }

    /// 1-based column of `needle` on 1-based `line` (1 if absent).
    fn col_of(&self, line: u32, needle: &str) -> u32 {
        self.text
            .lines()
            .nth(line.saturating_sub(1) as usize)
            .and_then(|l| l.find(needle).map(|b| l[..b].chars().count() as u32 + 1))
            .unwrap_or(1)
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
    use super::*;

    const MINI: &str = r#"
id: mini
title: Mini
source:
  author: A. Author
  title: A paper
  publisher: A publisher
  date: "2015-04-27"
vocabularies:
  crime: [organised crime, traffick\w*]
rules:
  - id: crime
    title: Crime
    weight: 2
    recommendation: Task the mission with crime.
    rationale: Because.
    quote: "combat organized crime"
    suggested: Decides that the mission shall combat organized crime.
    criteria:
      - id: task
        means: a crime task
        any: ["@crime"]
        force: mandate
        addressee: [un]
    verdict:
      met: task
"#;

    fn errors(text: &str) -> Vec<Diagnostic> {
        match parse_rulebook("r.yaml", text) {
            Err(Error::Rulebook(d)) => d,
            other => panic!("expected errors, got {other:?}"),
        }
    }

    #[test]
    fn a_valid_rulebook_loads_with_vocabularies_expanded() {
        let rb = parse_rulebook("r.yaml", MINI).unwrap();
        assert_eq!(rb.rules.len(), 1);
        let c = &rb.rules[0].criteria[0];
        assert_eq!(c.any.len(), 2);
        assert_eq!(c.force, Force::Mandate);
        assert!(c.addressees.contains(&Addressee::SecretaryGeneral));
        assert_eq!(rb.rules[0].line, 12);
    }

    #[test]
    fn unknown_key_names_line_column_and_suggests() {
        let d = &errors(&MINI.replace("    weight: 2", "    wieght: 2"))[0];
        assert_eq!((d.line, d.column), (Some(14), Some(5)));
        assert!(
            d.message.starts_with("unknown key `wieght`"),
            "{}",
            d.message
        );
        assert_eq!(d.rule.as_deref(), Some("crime"));
        assert_eq!(d.hint.as_deref(), Some("did you mean `weight`?"));
    }

    #[test]
    fn a_mistake_in_a_criterion_names_the_rule_and_the_criterion() {
        let d = &errors(&MINI.replace("        force: mandate", "        forse: mandate"))[0];
        assert_eq!(d.rule.as_deref(), Some("crime"));
        assert_eq!(d.message, "unknown key `forse` in criterion `task`");
        assert_eq!(d.hint.as_deref(), Some("did you mean `force`?"));
    }

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

    #[test]
    fn the_default_rulebook_is_valid() {
        let rb = parse_rulebook("mali-2015.yaml", DEFAULT_RULEBOOK).unwrap();
        assert_eq!(rb.id, "mali-2015");
    }
}
