//! Phrases: how a rulebook's words become patterns. A phrase is a regular expression matched
//! case-insensitively on whole words, with two kindnesses for people who write rules:
//! spaces and hyphens are interchangeable ("peace keeping", "peace-keeping"), and British and
//! American spellings are handled once, here, so that `organised crime` also finds
//! "organized crime" and `defence` finds "defense".
//!
//! A phrase is checked when the rulebook is loaded, but its regex is built only when a draft
//! first needs it ([`PhraseRegex`]): most commands never match, and a check builds only the
//! regexes of the phrases whose literal prefix its draft holds — and, for the paragraphs whose
//! words are ASCII ([`Script`]), a regex that is far cheaper to build than the Unicode one.

use crate::fixed_regex::fixed_regex;
use regex::Regex;
use regex_automata::meta;
use regex_automata::Input;
use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, LazyLock, Mutex, OnceLock};

/// A compiled phrase.
#[derive(Debug, Clone)]
pub struct Phrase {
    /// The phrase as written in the rulebook (after vocabulary expansion).
    pub source: String,
    /// The pattern it compiles to (what `rules patterns` would print).
    pub pattern: String,
    /// The pattern's regex, built on first use and shared by every phrase with that pattern.
    pub regex: PhraseRegex,
}

/// Which of a phrase's two regexes may search a text ([`Script::of`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Every letter, digit, mark and space of the text is ASCII: its other characters, if
    /// any, are punctuation and symbols (curly quotes, dashes, the degree sign). Most drafts'
    /// paragraphs are so. The regex for such a text reads `\w`, `\b`, `\s` and case the ASCII
    /// way, which is far cheaper to build and finds exactly the same matches there.
    AsciiWords,
    /// Any text: the regex reads letters, spaces and case the Unicode way.
    Unicode,
}

impl Script {
    /// The script of a text: [`Script::AsciiWords`] when each of its characters is ASCII or
    /// outside Unicode's word characters (`\w`) and white space (`\s`).
    pub fn of(text: &str) -> Script {
        if text.is_ascii() || text.chars().all(|c| c.is_ascii() || is_symbol(c)) {
            Script::AsciiWords
        } else {
            Script::Unicode
        }
    }
}

/// The non-ASCII characters that are neither word characters (`\w`: letters, marks, digits,
/// connector punctuation) nor white space (`\s`): the only non-ASCII characters a text of
/// [`Script::AsciiWords`] holds. No ASCII letter's case variant is among them (the Kelvin
/// sign and the long s are letters).
static SYMBOLS: LazyLock<ClassUnicode> = LazyLock::new(|| {
    let mut out = ClassUnicode::new([ClassUnicodeRange::new('\u{80}', '\u{10FFFF}')]);
    out.difference(&class_of(r"\w"));
    out.difference(&class_of(r"\s"));
    out
});

/// The class a one-class pattern such as `\w` parses to.
fn class_of(pattern: &str) -> ClassUnicode {
    match regex_syntax::parse(pattern).map(|h| h.into_kind()) {
        Ok(HirKind::Class(Class::Unicode(c))) => c,
        // Unreachable for the classes this module asks for.
        _ => ClassUnicode::empty(),
    }
}

/// Whether a non-ASCII character is one of [`SYMBOLS`].
fn is_symbol(c: char) -> bool {
    let ranges = SYMBOLS.ranges();
    let i = ranges.partition_point(|r| r.end() < c);
    ranges.get(i).is_some_and(|r| r.start() <= c)
}

/// A phrase's regexes, built the first time they are searched with and then kept for the
/// process; phrases with the same pattern share them. Building a Unicode-aware,
/// case-insensitive regex is the dearest step of a check, so there are two: one for texts of
/// [`Script::AsciiWords`], cheap to build, and the Unicode one for the rest, built only when a
/// text needs it.
#[derive(Clone)]
pub struct PhraseRegex(Arc<Lazy>);

struct Lazy {
    pattern: String,
    ascii: OnceLock<meta::Regex>,
    unicode: OnceLock<meta::Regex>,
}

impl PhraseRegex {
    /// The regex that searches texts of `script`, built now if it has not been yet.
    pub fn get(&self, script: Script) -> &meta::Regex {
        let lazy = &self.0;
        match script {
            Script::AsciiWords => lazy.ascii.get_or_init(|| build(&lazy.pattern, script)),
            Script::Unicode => lazy.unicode.get_or_init(|| build(&lazy.pattern, script)),
        }
    }

    /// Builds the regex for `script` anew, without keeping it: what the first search of a
    /// pattern costs (`benches/engine.rs` measures it).
    pub fn build_anew(&self, script: Script) -> meta::Regex {
        build(&self.0.pattern, script)
    }

    /// The Unicode regex, which searches any text.
    pub fn unicode(&self) -> &meta::Regex {
        self.get(Script::Unicode)
    }

    /// Whether the phrase matches anywhere in `hay`.
    pub fn is_match(&self, hay: &str) -> bool {
        self.get(Script::of(hay)).is_match(hay)
    }

    /// An identity shared by every phrase with this pattern in the process, and by no other.
    pub fn id(&self) -> usize {
        Arc::as_ptr(&self.0) as usize
    }

    /// Whether either regex has been built (by a search or by validation).
    pub fn is_built(&self) -> bool {
        self.0.ascii.get().is_some() || self.0.unicode.get().is_some()
    }
}

impl std::fmt::Debug for PhraseRegex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("PhraseRegex").field(&self.0.pattern).finish()
    }
}

/// Builds the regex of a pattern that [`Phrase::compile`] accepted, for texts of `script`.
/// It was parsed then and its compiled size bounded (or it was built then, when the bound was
/// too high to trust), so the default build succeeds; should it not, the size limits are
/// lifted, which changes no match.
///
/// The regex finds the leftmost-first matches the `regex` crate finds, with a lighter build:
/// no literal prefilter (the rulebook's [`Matcher`](crate::evaluate::Matcher) has already
/// chosen the texts where the pattern may match, and building one was most of the cost) and
/// no one-pass DFA (used only for capture groups, which nothing reads).
fn build(pattern: &str, script: Script) -> meta::Regex {
    build_with(pattern, script, Limits::Default)
        .or_else(|| build_with(pattern, script, Limits::Lifted))
        // Unreachable: the pattern parsed when the phrase was compiled. A regex that matches
        // nothing is the only answer that does not abort the run.
        .unwrap_or_else(never)
}

/// The size limits a regex is built within.
#[derive(Clone, Copy)]
enum Limits {
    /// The engine's defaults (as the `regex` crate's).
    Default,
    /// None: for a pattern that passed [`Phrase::compile`] but not the defaults.
    Lifted,
}

/// [`build`] within `limits`; `None` when the pattern does not parse or does not fit them.
fn build_with(pattern: &str, script: Script, limits: Limits) -> Option<meta::Regex> {
    let hir = regex_syntax::parse(pattern).ok()?;
    let hir = match script {
        Script::AsciiWords => ascii_words(&hir),
        Script::Unicode => hir,
    };
    let config = meta::Config::new().auto_prefilter(false).onepass(false);
    let config = match limits {
        Limits::Default => config,
        Limits::Lifted => config
            .nfa_size_limit(None)
            .hybrid_cache_capacity(usize::MAX / 4),
    };
    meta::Builder::new()
        .configure(config)
        .build_from_hir(&hir)
        .ok()
}

/// A regex that matches nothing.
fn never() -> meta::Regex {
    meta::Regex::new_many::<&str>(&[]).unwrap_or_else(|_| unreachable!("an empty set builds"))
}

/// A pattern rewritten for texts of [`Script::AsciiWords`]: it finds there exactly the
/// matches the pattern finds, and is much cheaper to build. Word boundaries become ASCII
/// ones, which agree with Unicode's on every character of such a text (each non-ASCII one is
/// outside `\w` under both). A class keeps its ASCII part and, of the non-ASCII characters
/// such a text may hold ([`SYMBOLS`]), all of them when it holds all of them, none when it
/// holds none, and is left as it is otherwise: so `\w`, `\s` and the case variants of a
/// letter become ASCII classes, and `[^;.]` a class of one non-ASCII range.
fn ascii_words(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Look(look) => Hir::look(match look {
            Look::WordUnicode => Look::WordAscii,
            Look::WordUnicodeNegate => Look::WordAsciiNegate,
            Look::WordStartUnicode => Look::WordStartAscii,
            Look::WordEndUnicode => Look::WordEndAscii,
            Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
            Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
            other => *other,
        }),
        HirKind::Class(Class::Unicode(class)) => {
            let mut symbols = class.clone();
            symbols.intersect(&SYMBOLS);
            let mut out = class.clone();
            out.intersect(&ClassUnicode::new([ClassUnicodeRange::new('\0', '\x7f')]));
            if symbols == *SYMBOLS {
                out.push(ClassUnicodeRange::new('\u{80}', '\u{10FFFF}'));
            } else if !symbols.ranges().is_empty() {
                return hir.clone();
            }
            Hir::class(Class::Unicode(out))
        }
        HirKind::Repetition(r) => {
            let mut r = r.clone();
            r.sub = Box::new(ascii_words(&r.sub));
            Hir::repetition(r)
        }
        HirKind::Capture(c) => {
            let mut c = c.clone();
            c.sub = Box::new(ascii_words(&c.sub));
            Hir::capture(c)
        }
        HirKind::Concat(v) => Hir::concat(v.iter().map(ascii_words).collect()),
        HirKind::Alternation(v) => Hir::alternation(v.iter().map(ascii_words).collect()),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(Class::Bytes(_)) => hir.clone(),
    }
}

/// Why a phrase does not compile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhraseError {
    /// The phrase as written.
    pub phrase: String,
    /// The regex engine's explanation, in one line.
    pub message: String,
    /// Where in the phrase the problem is (0-based, in characters), when known.
    pub offset: Option<usize>,
}

/// The syntax error of a pattern, with its place: (character offset, explanation).
fn syntax_error(source: &str) -> Option<(usize, String)> {
    let err = |span: &regex_syntax::ast::Span, kind: String| {
        let offset = source[..span.start.offset.min(source.len())]
            .chars()
            .count();
        Some((offset, kind))
    };
    match regex_syntax::ast::parse::Parser::new().parse(source) {
        Err(e) => err(e.span(), e.kind().to_string()),
        Ok(ast) => match regex_syntax::hir::translate::Translator::new().translate(source, &ast) {
            Err(e) => err(e.span(), e.kind().to_string()),
            Ok(_) => None,
        },
    }
}

impl Phrase {
    /// Compiles a phrase as written in a rulebook.
    pub fn compile(source: &str) -> Result<Phrase, PhraseError> {
        // Check the phrase as written first, so that positions in errors refer to it.
        if let Some((offset, message)) = syntax_error(source) {
            return Err(PhraseError {
                phrase: source.to_string(),
                message,
                offset: Some(offset),
            });
        }
        let pattern = pattern_of(source);
        // The syntax was checked above; what is left to fail is the size of the compiled
        // program, reported for the phrase as written when that is already too big.
        let regex = compiled(&pattern).map_err(|e| PhraseError {
            phrase: source.to_string(),
            message: {
                let m = one_line(&Regex::new(source).err().unwrap_or(e).to_string());
                if m.contains("size limit") {
                    "the phrase compiles to a pattern too large to match quickly (a repetition like {1000} is the usual cause)".to_string()
                } else {
                    m
                }
            },
            offset: None,
        })?;
        Ok(Phrase {
            source: source.to_string(),
            pattern,
            regex,
        })
    }

    /// A phrase of a rulebook whose phrases are known to compile (the embedded one, which the
    /// test suite checks): its pattern, and its regex to be built on first use, without the
    /// checks of [`Phrase::compile`].
    pub fn trusted(source: &str) -> Phrase {
        let pattern = pattern_of(source);
        let regex = shared(&pattern, OnceLock::new);
        Phrase {
            source: source.to_string(),
            pattern,
            regex,
        }
    }

    /// The first match at or after `from` and before `to`, as a byte range, searched with the
    /// regex for `script` (that of `text`, or [`Script::Unicode`]).
    pub fn find_in(
        &self,
        text: &str,
        from: usize,
        to: usize,
        script: Script,
    ) -> Option<Range<usize>> {
        let hay = text.get(..to)?;
        let input = Input::new(hay).span(from.min(to)..to);
        self.regex.get(script).find(input).map(|m| m.range())
    }
}

/// The pattern a phrase compiles to: widened to its spelling variants, case-insensitive, on
/// whole words.
fn pattern_of(source: &str) -> String {
    let body = widen(source);
    let starts_word = source
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '(' || c == '[');
    let ends_word = source
        .chars()
        .last()
        .is_some_and(|c| c.is_alphanumeric() || c == ')' || c == ']')
        || source.ends_with("\\w*")
        || source.ends_with("\\w+");
    format!(
        "(?i){}(?:{}){}",
        if starts_word { r"\b" } else { "" },
        body,
        if ends_word { r"\b" } else { "" }
    )
}

/// Every pattern's regex in the process, by pattern.
static COMPILED: LazyLock<Mutex<HashMap<String, PhraseRegex>>> = LazyLock::new(Default::default);

/// The regex for a pattern, shared by every phrase of the process with that pattern
/// (rulebooks repeat patterns: the default one holds 586 phrases but 327 distinct patterns).
/// It is built later, on first use, when the pattern parses and its compiled size is bounded
/// well under the regex engine's limit; otherwise it is built now, so that a pattern too
/// large to compile is an error of the rulebook, as it always was.
fn compiled(pattern: &str) -> Result<PhraseRegex, regex::Error> {
    if let Some(re) = lock(&COMPILED).get(pattern) {
        return Ok(re.clone());
    }
    // Checked outside the lock, so that threads loading rulebooks do not wait on each other.
    let unicode = OnceLock::new();
    if !surely_small(pattern) {
        let regex = match build_with(pattern, Script::Unicode, Limits::Default) {
            Some(regex) => regex,
            None => {
                // Past the engine's limits: the `regex` crate's error says which.
                Regex::new(pattern)?;
                build_with(pattern, Script::Unicode, Limits::Lifted).unwrap_or_else(never)
            }
        };
        let _ = unicode.set(regex);
    }
    Ok(shared(pattern, || unicode))
}

/// The process's regexes for `pattern`, made with its Unicode regex `unicode` (built or not)
/// if there are none.
fn shared(pattern: &str, unicode: impl FnOnce() -> OnceLock<meta::Regex>) -> PhraseRegex {
    lock(&COMPILED)
        .entry(pattern.to_string())
        .or_insert_with(|| {
            PhraseRegex(Arc::new(Lazy {
                pattern: pattern.to_string(),
                ascii: OnceLock::new(),
                unicode: unicode(),
            }))
        })
        .clone()
}

/// The regex engine's default limit on the size of a compiled pattern (`regex` 1.x, 10 MiB).
const SIZE_LIMIT: usize = 10 << 20;

/// Whether a pattern surely parses and compiles within the regex engine's size limit, judged
/// from its syntax tree without building it: [`nfa_bound`] over-estimates the size of the
/// compiled automata (forward and reverse) many times over.
fn surely_small(pattern: &str) -> bool {
    // The regex crate parses with the same nesting limit as regex-syntax's default parser.
    match regex_syntax::ParserBuilder::new().build().parse(pattern) {
        Ok(hir) => nfa_bound(&hir) < SIZE_LIMIT,
        Err(_) => false,
    }
}

/// An upper bound, in bytes, of the memory of the automaton the regex engine compiles for
/// `hir` (parsed with its `(?i)`, so classes are already case folded). Measured on the
/// default rulebook's patterns (regex-automata 0.4), the larger of the forward and reverse
/// automata is at most a third of this bound: a class costs under 60 bytes a range (`\w`,
/// 796 ranges: 18 kB forward, 39 kB reverse), a literal byte under 100, and a counted
/// repetition copies its body. The bound takes 300 bytes a range, 400 a literal byte and 400
/// a node.
fn nfa_bound(hir: &Hir) -> usize {
    const NODE: usize = 400;
    let sum = |v: &[Hir]| v.iter().map(nfa_bound).fold(NODE, usize::saturating_add);
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => NODE,
        HirKind::Literal(l) => NODE.saturating_add(l.0.len().saturating_mul(400)),
        HirKind::Class(Class::Unicode(c)) => NODE.saturating_add(c.ranges().len() * 300),
        HirKind::Class(Class::Bytes(c)) => NODE.saturating_add(c.ranges().len() * 300),
        HirKind::Repetition(r) => {
            let copies = r.max.unwrap_or(r.min.saturating_add(1)).max(1) as usize;
            nfa_bound(&r.sub)
                .saturating_mul(copies)
                .saturating_add(NODE)
        }
        HirKind::Capture(c) => nfa_bound(&c.sub).saturating_add(NODE),
        HirKind::Concat(v) | HirKind::Alternation(v) => sum(v),
    }
}

/// The cache's lock. Nothing can leave the map half-written, so a lock poisoned by a panic
/// elsewhere is still good to use.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn one_line(s: &str) -> String {
    s.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" | ")
}

/// Rewrites the literal words of a phrase so that spelling variants, hyphens and line-joined
/// spaces all match. Escapes (`\w`, `\b`) and character classes are left alone.
fn widen(source: &str) -> String {
    let mut out = String::with_capacity(source.len() * 2);
    let mut chars = source.char_indices().peekable();
    let mut in_class = false;
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                out.push(c);
                if let Some((_, n)) = chars.next() {
                    out.push(n);
                }
            }
            '(' if source[i + 1..].starts_with('?') => {
                // A group with flags or a name, `(?-i:` or `(?P<name>`: copy it as written.
                out.push(c);
                for (_, n) in chars.by_ref() {
                    out.push(n);
                    if n == ':' || n == ')' || n == '>' {
                        break;
                    }
                }
            }
            '[' if !in_class => {
                in_class = true;
                out.push(c);
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            _ if in_class => out.push(c),
            ' ' => {
                while chars.peek().is_some_and(|(_, n)| *n == ' ') {
                    chars.next();
                }
                out.push_str(r"[\s\-]+");
            }
            '-' => out.push_str(r"[\s\-]?"),
            c if c.is_ascii_alphabetic() => {
                let start = i;
                let mut end = i + c.len_utf8();
                while let Some((j, n)) = chars.peek().copied() {
                    if n.is_ascii_alphabetic() {
                        end = j + n.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                // A quantifier after a word applies to its last letter only
                // (`organisations?`): widen the rest, keep that letter as written.
                let next = source[end..].chars().next();
                let word = &source[start..end];
                if matches!(next, Some('?' | '*' | '+' | '{')) {
                    let (stem, last) = word.split_at(word.len() - 1);
                    if !stem.is_empty() {
                        out.push_str(&spelling_variants(stem));
                    }
                    out.push_str(last);
                } else {
                    out.push_str(&spelling_variants(word));
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// Stems that end in -ise/-ize but are not the -ise/-ize suffix.
const NOT_IZE: &[&str] = &[
    "advert", "compr", "enterpr", "exerc", "otherw", "prec", "prem", "prom", "superv", "telev",
    "improv", "comprom", "expert", "merchand", "surpr", "franch", "conc", "desp", "chast", "likew",
    "clockw", "circumc", "parad", "tortoi", "porpo", "disgu", "cru", "no", "ra", "pra",
];

static IZE: LazyLock<Regex> =
    LazyLock::new(|| fixed_regex(r"(?i)^([a-z]{4,}?)i[sz](e|ed|es|ing|ation|ations|er|ers)$"));

/// Pairs of word beginnings written with or without a hyphen or space.
const JOINED: &[(&str, &str)] = &[
    ("coop", r"co[\s\-]?op"),
    ("coord", r"co[\s\-]?ord"),
    ("peacekeep", r"peace[\s\-]?keep"),
    ("peacebuild", r"peace[\s\-]?build"),
    ("peacemak", r"peace[\s\-]?mak"),
    ("ceasefire", r"cease[\s\-]?fire"),
    ("counterterror", r"counter[\s\-]?terror"),
    ("crossborder", r"cross[\s\-]?border"),
    ("subregion", r"sub[\s\-]?region"),
    ("nongovernment", r"non[\s\-]?government"),
];

/// Stems spelt -our in British English and -or in American English.
const OUR: &[&str] = &[
    "neighbo", "labo", "favo", "endeavo", "behavio", "hono", "harbo", "vigo", "rigo", "savio",
    "armo", "humo", "colo",
];

/// One word of a phrase, widened to its spelling variants. A capital at the start is kept, so
/// that a case-sensitive part (`(?-i:the Coordination)`) stays case-sensitive.
fn spelling_variants(word: &str) -> String {
    let widened = word_variants(word);
    match (word.chars().next(), widened.chars().next()) {
        (Some(w), Some(v)) if w.is_uppercase() && v.is_lowercase() && widened != word => {
            let mut out = v.to_uppercase().collect::<String>();
            out.push_str(&widened[v.len_utf8()..]);
            out
        }
        _ => widened,
    }
}

/// [`spelling_variants`] in lower case.
fn word_variants(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    for (plain, widened) in JOINED {
        if let Some(rest) = lower.strip_prefix(plain) {
            return format!("{widened}{}", word_variants(rest));
        }
    }
    if let Some(c) = IZE.captures(&lower) {
        let stem = &c[1];
        if !NOT_IZE
            .iter()
            .any(|s| stem.ends_with(s) && stem.len() <= s.len() + 1)
        {
            return format!("{stem}i[sz]{}", &c[2]);
        }
    }
    for stem in OUR {
        if let Some(rest) = lower.strip_prefix(stem) {
            if let Some(tail) = rest.strip_prefix("ur").or_else(|| rest.strip_prefix('r')) {
                return format!("{stem}u?r{tail}");
            }
        }
    }
    for (a, b) in [
        ("defence", "defen[cs]e"),
        ("defense", "defen[cs]e"),
        ("offence", "offen[cs]e"),
        ("offense", "offen[cs]e"),
        ("centre", "cent(?:re|er)"),
        ("center", "cent(?:re|er)"),
        ("programme", "program(?:me)?"),
        ("program", "program(?:me)?"),
        ("judgement", "judge?ment"),
        ("judgment", "judge?ment"),
    ] {
        if let Some(rest) = lower.strip_prefix(a) {
            return format!("{b}{rest}");
        }
    }
    if let Some(rest) = lower.strip_prefix("licen") {
        if let Some(tail) = rest.strip_prefix("ce").or_else(|| rest.strip_prefix("se")) {
            return format!("licen[cs]e{tail}");
        }
    }
    word.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(phrase: &str, text: &str) -> bool {
        Phrase::compile(phrase).unwrap().regex.is_match(text)
    }

    #[test]
    fn british_and_american_spellings_match_each_other() {
        assert!(matches("organised crime", "combat organized crime"));
        assert!(matches("organized crime", "transnational organised crime"));
        assert!(matches("defence", "self-defense"));
        assert!(matches("neighbouring States", "neighboring States"));
        assert!(matches("mobilize", "to mobilise resources"));
        assert!(matches("stabilisation", "stabilization mission"));
        assert!(matches("programme", "the program"));
        assert!(matches("criminal organisations?", "criminal organizations"));
        assert!(matches("neighbouring States?", "neighboring State"));
    }

    #[test]
    fn hyphens_spaces_and_line_joins_are_interchangeable() {
        assert!(matches("peacekeeping", "peace-keeping operations"));
        assert!(matches("peace-keeping", "peacekeeping operations"));
        assert!(matches("cooperation", "full co-operation"));
        // A capital is kept for case-sensitive parts.
        assert!(matches(
            "(?-i:the Coordination)",
            "the Platform and the Coordination"
        ));
        assert!(!matches(
            "(?-i:the Coordination)",
            "the coordination of assistance"
        ));
        assert!(matches("Coordination", "the co-ordination of assistance"));
        assert!(matches("cease-fire", "the ceasefire"));
        assert!(matches("arms embargo", "arms  embargo"));
    }

    #[test]
    fn words_match_whole_and_case_insensitively() {
        assert!(matches("arrest", "ARREST and detain"));
        assert!(!matches("arrest", "arrested"));
        assert!(matches(r"arrest\w*", "arrested"));
        assert!(!matches("arms", "harms"));
    }

    #[test]
    fn words_that_only_look_like_ize_are_left_alone() {
        assert_eq!(spelling_variants("otherwise"), "otherwise");
        assert_eq!(spelling_variants("exercise"), "exercise");
        assert_eq!(spelling_variants("authorize"), "authori[sz]e");
    }

    #[test]
    fn regex_syntax_survives_widening() {
        assert!(matches(r"traffick\w*", "trafficking in persons"));
        assert!(matches("arms (embargo|blockade)", "an arms blockade"));
        assert!(matches("smuggl(ing|ers?)", "smugglers"));
        assert!(matches("[Cc]ommittees?", "the committees"));
        assert!(matches("(?-i:UN[A-Z]+) troops", "UNOMIL troops"));
        assert!(!matches("(?-i:UN[A-Z]+) troops", "unomil troops"));
    }

    #[test]
    fn the_ascii_regex_finds_what_the_unicode_one_finds_in_ascii_words() {
        let cases = [
            // A class of every symbol keeps them: the curly quote is inside the gap.
            (
                r"arms[^;.:]{0,20}embargo",
                "arms \u{2019}n\u{2019} the embargo",
            ),
            // `\w` and `\b` stop at a symbol under both readings.
            (r"traffick\w*", "trafficking\u{2014}arms, trafficked\u{b0}"),
            ("Council", "the Council\u{2019}s work"),
            // Case variants: the Kelvin sign is a letter, so not in such a text.
            ("kidnapping", "KIDNAPPING and kidnapping"),
            ("mat[eé]riel", "materiel and MATERIEL"),
            (r"arms\s+embargo", "arms \t embargo\u{201d}"),
            // What a user's rulebook may write: properties, any character, non-word
            // characters, classes holding some symbols only, a boundary inside a word.
            (r"\p{L}+ embargo", "an arms embargo"),
            (r"arms.{0,3}embargo", "arms \u{2014} embargo"),
            (r"arms\W+embargo", "arms\u{2019}\u{2014}embargo"),
            (r"[\w\u{2019}]+s", "Council\u{2019}s"),
            (r"arm\B\w+", "armaments"),
            ("(?-i:C[oô]te)", "Cote"),
        ];
        for (phrase, text) in cases {
            assert_eq!(Script::of(text), Script::AsciiWords, "{text}");
            let p = Phrase::compile(phrase).unwrap();
            let find = |s: Script| -> Vec<_> {
                p.regex.get(s).find_iter(text).map(|m| m.range()).collect()
            };
            assert!(!find(Script::Unicode).is_empty(), "{phrase} in {text}");
            assert_eq!(find(Script::AsciiWords), find(Script::Unicode), "{phrase}");
        }
        // The rewriting makes `\w`, `\s` and case ASCII classes and keeps every symbol in a
        // class that held them all.
        let hir = |p: &str| ascii_words(&regex_syntax::parse(p).unwrap());
        assert!(hir(r"(?i)\w+\s+k").properties().is_utf8());
        assert_eq!(hir(r"\w").to_string(), hir("[0-9A-Z_a-z]").to_string());
        assert_eq!(hir(r"(?i)k").to_string(), hir("[Kk]").to_string());
        let gap = hir(r"[^;]");
        assert!(gap.properties().maximum_len() == Some(4), "{gap}");
    }

    #[test]
    fn a_repeated_pattern_is_compiled_once_and_behaves_the_same() {
        let a = Phrase::compile("arms embargo").unwrap();
        let b = Phrase::compile("arms embargo").unwrap();
        assert_eq!(a.pattern, b.pattern);
        assert!(b.regex.is_match("an arms-embargo"));
        assert!(a.regex.is_match("an ARMS EMBARGO"));
    }

    #[test]
    fn a_phrase_too_big_to_compile_is_an_error_naming_it() {
        let e = Phrase::compile(r"\w{1000}\w{1000}").unwrap_err();
        assert!(
            e.message.contains("too large to match quickly"),
            "{}",
            e.message
        );
        assert_eq!(e.offset, None);
    }

    #[test]
    fn a_broken_pattern_is_an_error_naming_it() {
        let e = Phrase::compile("arms (embargo").unwrap_err();
        assert_eq!(e.phrase, "arms (embargo");
        assert_eq!(e.message, "unclosed group");
        assert_eq!(e.offset, Some(5));
        let e = Phrase::compile("arms [z-a] embargo").unwrap_err();
        assert_eq!(e.offset, Some(6), "{}", e.message);
    }

    #[test]
    fn a_phrase_is_built_on_first_use_only() {
        let p = Phrase::compile("a phrase built lazily in this test").unwrap();
        assert!(!p.regex.is_built());
        let q = p.clone();
        assert!(p.regex.is_match("A PHRASE BUILT LAZILY IN THIS TEST"));
        assert!(q.regex.is_built(), "clones share the regex");
        // A pattern whose size cannot be bounded cheaply is built (and checked) at once.
        let big = Phrase::compile(r"(\w+ ){0,30}(\w+ ){0,30}experts").unwrap();
        assert!(big.regex.is_built());
    }

    #[test]
    fn the_size_bound_is_above_the_compiled_size() {
        use regex_automata::nfa::thompson::{Config, WhichCaptures, NFA};
        for phrase in [
            "arms embargo",
            r"traffick\w*",
            r"(authority|power)[^;.:]{0,80}\b(grant|approve)\w* [^;.:,]{0,20}(exceptions?)",
            r"(\w+ ){0,3}experts",
            "(?-i:Accords?)",
            "mat[eé]riel",
        ] {
            let pattern = Phrase::compile(phrase).unwrap().pattern;
            let hir = regex_syntax::ParserBuilder::new()
                .build()
                .parse(&pattern)
                .unwrap();
            let forward = NFA::compiler().build(&pattern).unwrap().memory_usage();
            let reverse = NFA::compiler()
                .configure(
                    Config::new()
                        .reverse(true)
                        .which_captures(WhichCaptures::None),
                )
                .build(&pattern)
                .unwrap()
                .memory_usage();
            let bound = nfa_bound(&hir);
            assert!(
                forward.max(reverse) * 2 < bound,
                "{phrase}: {forward}, {reverse}, {bound}"
            );
        }
    }
}
