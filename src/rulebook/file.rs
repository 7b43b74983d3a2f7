//! The rulebook file format, exactly as written in YAML. Every struct refuses unknown keys so
//! that a misspelt key is an error, not a silently ignored rule. `load` turns this into the
//! validated, compiled model in `model.rs`. The JSON Schema in `schemas/rulebook.schema.json`
//! is generated from these structs (`crate::schema`), so their doc comments are what editors
//! show beside each key.

use crate::vocab::Addressee;
use serde::Deserialize;
use std::collections::BTreeMap;

/// A rulebook file.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RulebookFile {
    /// Stable id of the rulebook, e.g. `mali-2015`.
    #[schemars(extend("pattern" = "^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$"))]
    pub id: String,
    /// Human title.
    pub title: String,
    /// One paragraph: what the rulebook checks and against what kind of document.
    #[serde(default)]
    pub description: Option<String>,
    /// The paper whose recommendations the rules encode.
    pub source: SourceFile,
    /// Named lists of phrases reused by several rules, referred to as `@name`.
    #[serde(default)]
    pub vocabularies: BTreeMap<String, Vec<String>>,
    /// The rules, in the order reports list them.
    pub rules: Vec<RuleFile>,
}

/// The source paper.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceFile {
    /// Author(s).
    pub author: String,
    /// Title of the paper.
    pub title: String,
    /// Publisher.
    pub publisher: String,
    /// Publication date, ISO 8601.
    pub date: String,
    /// Where it can be read.
    #[serde(default)]
    pub url: Option<String>,
    /// Licence of the paper, e.g. `CC BY-ND 4.0`.
    #[serde(default)]
    pub licence: Option<String>,
}

/// One rule: one recommendation of the paper.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    /// Stable id, lower-case words joined by hyphens.
    #[schemars(extend("pattern" = "^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$"))]
    pub id: String,
    /// Short title.
    pub title: String,
    /// Area, for grouping in lists (e.g. `security`, `politics`).
    #[serde(default)]
    pub area: Option<String>,
    /// Weight in the document score (0 < weight ≤ 10).
    #[schemars(extend("exclusiveMinimum" = 0, "maximum" = 10))]
    pub weight: f64,
    /// The recommendation in one sentence.
    pub recommendation: String,
    /// Why it matters, in the rulebook author's words.
    pub rationale: String,
    /// A short quote from the source.
    pub quote: String,
    /// Language to suggest to a draft that lacks it.
    pub suggested: String,
    /// What counts as evidence.
    pub criteria: Vec<CriterionFile>,
    /// How criteria combine into a verdict.
    pub verdict: VerdictFile,
    /// Drafts that must and must not satisfy the rule.
    #[serde(default)]
    pub examples: Vec<ExampleFile>,
}

/// One criterion.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CriterionFile {
    /// Id within the rule, used by the verdict expressions.
    pub id: String,
    /// What the criterion means, in plain words.
    pub means: String,
    /// At least one of these phrases must occur.
    #[serde(default)]
    pub any: Vec<String>,
    /// Each of these must occur (an item that is a list is a set of alternatives).
    #[serde(default)]
    pub all: Vec<OneOrMany>,
    /// How close the phrases of `any` and `all` must stand: `provision` (default),
    /// `paragraph` (a numbered paragraph with its sub-paragraphs), `sentence`, or `clause`.
    #[serde(default)]
    #[schemars(with = "WithinWord", extend("default" = "provision"))]
    pub within: Option<String>,
    /// If set, every phrase must stand within this many words of the first.
    #[serde(default)]
    pub near: Option<u32>,
    /// Where the evidence must stand: `operative` (default), `preambular`, `annex` or `any`.
    #[serde(default)]
    #[schemars(with = "PartWord", extend("default" = "operative"))]
    pub part: Option<String>,
    /// The least force the clause needs: `mandate`, `call`, `no-action` or `any` (default).
    #[serde(default)]
    #[schemars(with = "ForceWord", extend("default" = "any"))]
    pub force: Option<String>,
    /// Whom the clause may address (`un` stands for mission, secretary-general and un-body).
    #[serde(default)]
    #[schemars(with = "Vec<AddresseeWord>")]
    pub addressee: Vec<String>,
    /// Phrases that void a match when they occur in the same span.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// For structured mandates: a fact (dotted path) whose true value satisfies the criterion
    /// and whose false value is evidence of the gap.
    #[serde(default)]
    pub fact: Option<String>,
}

/// A phrase or a list of alternative phrases.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum OneOrMany {
    /// One phrase.
    One(String),
    /// Alternatives.
    Many(Vec<String>),
}

/// How criteria combine. Each is an expression over criterion ids with `and`, `or`, `not` and
/// parentheses; the first that holds, in the order met, partial, gives the verdict; otherwise
/// the rule is missing.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VerdictFile {
    /// When the rule is met.
    pub met: String,
    /// When it is partly met.
    #[serde(default)]
    pub partial: Option<String>,
}

/// An example draft and the verdict the rule must give it.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExampleFile {
    /// `met` or `partial` (examples that must satisfy the rule) or `missing` (must not).
    #[schemars(with = "VerdictWord")]
    pub verdict: String,
    /// The draft text: numbered operative paragraphs, optionally preceded by preambular ones.
    pub text: String,
    /// Why, in a few words.
    #[serde(default)]
    pub note: Option<String>,
}

// ---- the words of the file, for the schema ---------------------------------------------
// A criterion keeps these as strings, which the loader checks and reports with their place;
// these enums give the schema (and editors) the words and what each means.

/// How close a criterion's phrases must stand.
#[derive(schemars::JsonSchema)]
#[schemars(rename = "Within", rename_all = "kebab-case")]
#[allow(dead_code)] // never built: it only describes a word of the file
pub(crate) enum WithinWord {
    /// One sentence.
    Sentence,
    /// The span one operative verb governs.
    Clause,
    /// One provision: a paragraph, sub-paragraph or item (the default).
    Provision,
    /// A numbered paragraph with all its sub-paragraphs.
    Paragraph,
}

/// Where a criterion's evidence must stand.
#[derive(schemars::JsonSchema)]
#[schemars(rename = "Part", rename_all = "kebab-case")]
#[allow(dead_code)] // never built: it only describes a word of the file
pub(crate) enum PartWord {
    /// The numbered operative paragraphs (the default).
    Operative,
    /// The preamble (Recalling…, Noting…).
    Preambular,
    /// An annex.
    Annex,
    /// Anywhere.
    Any,
}

/// The least force a clause needs.
#[derive(schemars::JsonSchema)]
#[schemars(rename = "Force", rename_all = "kebab-case")]
#[allow(dead_code)] // never built: it only describes a word of the file
pub(crate) enum ForceWord {
    /// Decides, Authorizes, Requests the Secretary-General, Establishes, Demands…
    Mandate,
    /// Calls upon, Urges, Encourages, Invites… (a mandate also satisfies it).
    Call,
    /// Welcomes, Notes, Condemns, Reaffirms… (any operative verb satisfies it).
    NoAction,
    /// Any force, preambular context included (the default).
    Any,
}

// One addressee is described by the model's own type, so that the rulebook's schema and the
// mandate's say the same of it.
/// Whom a clause may address: a group (`un`, `any`) or one addressee.
#[derive(schemars::JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)] // never built: it only describes a word of the file
pub(crate) enum AddresseeWord {
    Group(AddresseeGroup),
    One(Addressee),
}

/// Addressees named together in a rulebook.
#[derive(schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[allow(dead_code)] // never built: it only describes a word of the file
pub(crate) enum AddresseeGroup {
    /// The mission, the Secretary-General or a UN body.
    Un,
    /// Anyone.
    Any,
}

/// The verdict a rule must give an example.
#[derive(schemars::JsonSchema)]
#[schemars(rename = "Verdict", rename_all = "kebab-case")]
#[allow(dead_code)] // never built: it only describes a word of the file
pub(crate) enum VerdictWord {
    /// The example satisfies the rule fully.
    Met,
    /// The example satisfies the rule in part.
    Partial,
    /// The example must not satisfy the rule.
    Missing,
}
