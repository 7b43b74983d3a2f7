//! The one-pass matcher: every distinct phrase pattern of a rulebook, reduced to the literal
//! words any of its matches must begin with (at the start of a word, for a pattern that opens
//! with `\b`) and, where there are such, the words any of its matches must end with (or,
//! failing those, words every match holds further on), in one Aho-Corasick automaton. A start
//! literal too short to filter anything ("to", "co") stays out of the automaton when the
//! pattern's matches all hold a longer literal: that one stands in for it, and the short one is
//! searched for only where the pattern is searched.
//!
//! Scanning a provision's text once tells which patterns *may* match there; the evaluator
//! builds and runs a phrase's own regex only where its pattern may match, and skips the rest of
//! a criterion's work on a provision where none of its anchoring phrases may. The filter never
//! hides a match: a pattern whose matches cannot be reduced to literals is always a candidate,
//! and so is every pattern on a text holding one of the two non-ASCII letters that case-fold to
//! ASCII ones.

use crate::rulebook::phrase::Phrase;
use crate::rulebook::Rulebook;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, HirKind, Look};
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::{Arc, LazyLock, Mutex};

/// The distinct phrase patterns of a rulebook compiled into one literal automaton.
#[derive(Debug, Clone)]
pub struct Matcher {
    /// Pattern text → slot.
    slots: HashMap<String, usize>,
    /// The literal automaton; `None` when no pattern has literals.
    automaton: Option<AhoCorasick>,
    /// Per literal of the automaton, the slots whose matches may begin with it anywhere.
    literal_slots: Vec<Vec<usize>>,
    /// Per literal of the automaton, the slots whose matches begin with it at the start of a
    /// word only (the pattern opens with `\b` and the literal with a word character): an
    /// occurrence inside a word ("un" in "fund") does not make them candidates.
    word_slots: Vec<Vec<usize>>,
    /// Per literal of the automaton, the slots one of whose required literals it is: the
    /// literals every match ends with or, for a pattern without such, the literals that
    /// every match holds somewhere ([`inner_literals`]).
    required_slots: Vec<Vec<usize>>,
    /// Per slot, how the places where its matches may begin are found.
    starts_by: Vec<StartsBy>,
    /// The slots that have required literals (bit per slot): such a pattern is a candidate
    /// only where one of them occurs too.
    with_required: Vec<u64>,
    /// The slots whose start literals the scan does not look for ([`StartsBy::Anywhere`] and
    /// [`StartsBy::Late`]): candidates unless their required literals are missing.
    unscanned: Vec<usize>,
    /// Per slot, whether the pattern can match the empty string (or could not be analysed).
    may_be_empty: Vec<bool>,
    /// Number of slots.
    len: usize,
    /// A phrase's regex (by its `PhraseRegex::id`) → slot, for the phrases of the rulebook
    /// the matcher was made for: a quicker lookup than hashing the pattern's text.
    by_regex: HashMap<usize, usize, BuildHasherDefault<IdHasher>>,
}

/// How the places where a pattern's matches may begin are found.
#[derive(Debug, Clone)]
enum StartsBy {
    /// They are not: the pattern has no start literals (or the automaton could not be
    /// built), and is searched for through the whole text.
    Anywhere,
    /// From the scan's occurrences of these literals (by id), each with whether only an
    /// occurrence at the start of a word counts.
    Scan(Vec<(u64, bool)>),
    /// By searching the text for the start literals when asked: one of them is so short that
    /// it occurs nearly everywhere ("to", "co", "r" of "régime"), and the pattern's matches
    /// all hold a longer literal, which the scan looks for instead.
    Late {
        /// The start literals, folding ASCII case.
        automaton: AhoCorasick,
        /// Per literal, whether only an occurrence at the start of a word counts.
        at_word: Vec<bool>,
    },
}

/// A literal shorter than this many bytes occurs nearly everywhere: as a start literal it is
/// searched for late ([`StartsBy::Late`]) when the pattern's matches all hold a longer
/// literal, and it is never a required literal.
const SHORT: usize = 3;

/// An automaton for `literals` that folds ASCII case and reports overlapping matches, of
/// `kind` when it can be built so.
fn literal_automaton(literals: &[Vec<u8>], kind: Option<AhoCorasickKind>) -> Option<AhoCorasick> {
    let build = |kind| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .kind(kind)
            .build(literals)
    };
    build(kind).or_else(|_| build(None)).ok()
}

/// A hasher for `PhraseRegex::id`s, which are addresses: spread by one multiplication.
#[derive(Default)]
struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// The literals of a matcher's automaton as they are collected, each with the slots it
/// serves: as a start anywhere, as a start of a word, as a required literal.
#[derive(Default)]
struct Table {
    ids: HashMap<Vec<u8>, usize>,
    literals: Vec<Vec<u8>>,
    starts: Vec<Vec<usize>>,
    words: Vec<Vec<usize>>,
    required: Vec<Vec<usize>>,
}

impl Table {
    /// The id of a literal, added if new.
    fn id(&mut self, lit: Vec<u8>) -> usize {
        if let Some(&id) = self.ids.get(&lit) {
            return id;
        }
        let id = self.literals.len();
        self.ids.insert(lit.clone(), id);
        self.literals.push(lit);
        self.starts.push(Vec::new());
        self.words.push(Vec::new());
        self.required.push(Vec::new());
        id
    }
}

/// Which slots of a [`Matcher`] may match in one text, and where: the result of one scan.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Candidates {
    bits: Vec<u64>,
    /// Every slot is a candidate (the text defeats the filter).
    all: bool,
    /// Every occurrence of a literal that a pattern's matches may begin with, sorted, as one
    /// number: the literal's id (from bit 33), its byte offset (bits 1 to 32) and whether it
    /// stands at the start of a word (bit 0; read for the patterns that open with `\b`). Where
    /// a given pattern's matches may begin is worked out from these only when asked
    /// ([`Matcher::starts`]): most patterns never are, on most texts.
    hits: Vec<u64>,
}

/// Where a literal's id begins in a [`Candidates::hits`] entry.
const LITERAL_SHIFT: u32 = 33;

impl Candidates {
    /// Every pattern is a candidate: what a text gets when it cannot be filtered.
    pub fn all() -> Candidates {
        Candidates {
            bits: Vec::new(),
            all: true,
            hits: Vec::new(),
        }
    }

    /// Whether the pattern in `slot` may match; `None` (a pattern the matcher does not know)
    /// always may.
    pub fn may_match(&self, slot: Option<usize>) -> bool {
        match slot {
            None => true,
            Some(_) if self.all => true,
            Some(s) => self
                .bits
                .get(s / 64)
                .is_some_and(|w| w & (1 << (s % 64)) != 0),
        }
    }

    fn set(&mut self, slot: usize) {
        self.bits[slot / 64] |= 1 << (slot % 64);
    }
}

impl Matcher {
    /// Compiles the distinct patterns among `patterns` (regex syntax, as in
    /// [`Phrase::pattern`](crate::rulebook::phrase::Phrase)) into one matcher.
    pub fn new<'a>(patterns: impl IntoIterator<Item = &'a str>) -> Matcher {
        let mut slots: HashMap<String, usize> = HashMap::new();
        let mut t = Table::default();
        let mut with_required: Vec<usize> = Vec::new();
        let mut starts_by = Vec::new();
        let mut may_be_empty = Vec::new();
        for pattern in patterns {
            if slots.contains_key(pattern) {
                continue;
            }
            let slot = slots.len();
            slots.insert(pattern.to_string(), slot);
            let hir = parse_case_sensitive(pattern);
            may_be_empty.push(
                hir.as_ref()
                    .is_none_or(|h| h.properties().minimum_len().unwrap_or(0) == 0),
            );
            let add = |list: &mut Vec<usize>| {
                if !list.contains(&slot) {
                    list.push(slot);
                }
            };
            let at_word = hir.as_ref().is_some_and(opens_with_word_boundary);
            // Whether only a start literal's occurrences at the start of a word count.
            let word = |lit: &Vec<u8>| at_word && lit.first().is_some_and(|&b| is_word_byte(b));
            let starts = hir.as_ref().and_then(prefixes);
            let short = starts
                .as_ref()
                .is_some_and(|lits| lits.iter().any(|l| l.len() < SHORT));
            let required = hir
                .as_ref()
                .and_then(suffixes)
                .or_else(|| hir.as_ref().and_then(inner_literals));
            starts_by.push(match starts {
                Some(lits) if short && required.is_some() => match literal_automaton(&lits, None) {
                    Some(automaton) => StartsBy::Late {
                        at_word: lits.iter().map(word).collect(),
                        automaton,
                    },
                    None => StartsBy::Anywhere,
                },
                Some(lits) => StartsBy::Scan(
                    lits.into_iter()
                        .map(|lit| {
                            let word = word(&lit);
                            let id = t.id(lit);
                            add(if word {
                                &mut t.words[id]
                            } else {
                                &mut t.starts[id]
                            });
                            (id as u64, word)
                        })
                        .collect(),
                ),
                None => StartsBy::Anywhere,
            });
            if let Some(lits) = required {
                for lit in lits {
                    let id = t.id(lit);
                    add(&mut t.required[id]);
                }
                with_required.push(slot);
            }
        }
        let Table {
            literals,
            starts: literal_slots,
            words: word_slots,
            required: required_slots,
            ..
        } = t;
        let automaton = if literals.is_empty() {
            None
        } else {
            // Overlapping search needs standard match semantics; the DFA is the fastest kind
            // for it and stays small for a few hundred short literals.
            literal_automaton(&literals, Some(AhoCorasickKind::DFA))
        };
        if automaton.is_none() {
            // Without an automaton nothing can be ruled out.
            starts_by.fill(StartsBy::Anywhere);
            with_required.clear();
        }
        let unscanned = (0..starts_by.len())
            .filter(|&s| !matches!(starts_by[s], StartsBy::Scan(_)))
            .collect();
        let mut required_bits = vec![0u64; slots.len().div_ceil(64)];
        for s in with_required {
            required_bits[s / 64] |= 1 << (s % 64);
        }
        Matcher {
            len: slots.len(),
            slots,
            automaton,
            literal_slots,
            word_slots,
            required_slots,
            starts_by,
            with_required: required_bits,
            unscanned,
            may_be_empty,
            by_regex: HashMap::default(),
        }
    }

    /// The matcher for every phrase (any, all and exclude) of every rule of `rulebook`.
    pub fn for_rulebook(rulebook: &Rulebook) -> Matcher {
        let mut m = Matcher::new(rulebook_patterns(rulebook));
        m.by_regex = rulebook
            .phrases()
            .filter_map(|p| Some((p.regex.id(), m.slot(&p.pattern)?)))
            .collect();
        m
    }

    /// The slot of a phrase's pattern, if the matcher holds it ([`Matcher::slot`]).
    pub fn slot_of(&self, phrase: &Phrase) -> Option<usize> {
        match self.by_regex.get(&phrase.regex.id()) {
            Some(&slot) => Some(slot),
            None => self.slot(&phrase.pattern),
        }
    }

    /// The matcher for `rulebook`, compiled once per process and shared: the last few
    /// rulebooks' matchers are kept, keyed by their patterns.
    pub fn cached(rulebook: &Rulebook) -> Arc<Matcher> {
        type Cache = Vec<(Vec<String>, Arc<Matcher>)>;
        static CACHE: LazyLock<Mutex<Cache>> = LazyLock::new(Default::default);
        const KEEP: usize = 8;
        let lock = || {
            CACHE
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        };
        let key_matches = |key: &[String]| {
            key.iter()
                .map(String::as_str)
                .eq(rulebook_patterns(rulebook))
        };
        if let Some((_, m)) = lock().iter().find(|(k, _)| key_matches(k)) {
            return Arc::clone(m);
        }
        let key: Vec<String> = rulebook_patterns(rulebook).map(str::to_string).collect();
        let matcher = Arc::new(Matcher::for_rulebook(rulebook));
        let mut cache = lock();
        if cache.len() >= KEEP {
            cache.remove(0);
        }
        cache.push((key, Arc::clone(&matcher)));
        matcher
    }

    /// The slot of a pattern, if the matcher holds it.
    pub fn slot(&self, pattern: &str) -> Option<usize> {
        self.slots.get(pattern).copied()
    }

    /// Where in `text`, the text `candidates` were scanned from, a match of the pattern in
    /// `slot` may begin, in order, when the scan knows: every match begins at one of these
    /// offsets. `None` for a pattern without start literals, or a text the filter cannot read
    /// (see [`Candidates::all`]). A pattern whose short start literals stayed out of
    /// the scan has them searched for in `text` now.
    pub fn starts(&self, candidates: &Candidates, slot: usize, text: &str) -> Option<Vec<usize>> {
        if candidates.all {
            return None;
        }
        let mut out = Vec::new();
        let several = match self.starts_by.get(slot)? {
            StartsBy::Anywhere => return None,
            StartsBy::Late { automaton, at_word } => {
                out.extend(
                    automaton
                        .find_overlapping_iter(text)
                        .filter(|m| {
                            !at_word[m.pattern().as_usize()] || !word_before(text, m.start())
                        })
                        .map(|m| m.start()),
                );
                true
            }
            StartsBy::Scan(literals) => {
                let hits = &candidates.hits;
                for &(id, at_word) in literals {
                    let first = id << LITERAL_SHIFT;
                    let from = hits.partition_point(|&h| h < first);
                    let to =
                        from + hits[from..].partition_point(|&h| h < first + (1 << LITERAL_SHIFT));
                    out.extend(
                        hits[from..to]
                            .iter()
                            .filter(|&&h| !at_word || h & 1 == 1)
                            .map(|&h| ((h >> 1) & u64::from(u32::MAX)) as usize),
                    );
                }
                literals.len() > 1
            }
        };
        // One literal's occurrences in the scan come in order, each once; several literals
        // may share a place, and overlapping matches come in the order they end.
        if several {
            out.sort_unstable();
            out.dedup();
        }
        Some(out)
    }

    /// Whether the pattern in `slot` can match the empty string. Such a pattern's matches in a
    /// part of a text cannot be derived from its matches in the whole text.
    pub fn may_be_empty(&self, slot: usize) -> bool {
        self.may_be_empty.get(slot).copied().unwrap_or(true)
    }

    /// Number of distinct patterns.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the matcher holds no pattern.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Scans `text` once and returns the patterns that may match in it (or in any part of it).
    pub fn scan(&self, text: &str) -> Candidates {
        // The only non-ASCII letters that case-insensitive matching folds to ASCII letters are
        // the Kelvin sign (k) and the long s (s); the automaton folds ASCII case only. An
        // offset must fit in 32 bits (`Candidates::hits`).
        if text.contains(['\u{212A}', '\u{17F}']) || u32::try_from(text.len()).is_err() {
            return Candidates::all();
        }
        let mut out = Candidates {
            bits: vec![0; self.len.div_ceil(64)],
            all: false,
            hits: Vec::new(),
        };
        for &s in &self.unscanned {
            out.set(s);
        }
        if let Some(ac) = &self.automaton {
            let mut seen = vec![false; self.literal_slots.len()];
            let mut seen_at_word = vec![false; self.word_slots.len()];
            let mut ends = Candidates {
                bits: vec![0; out.bits.len()],
                all: false,
                hits: Vec::new(),
            };
            for m in ac.find_overlapping_iter(text) {
                let id = m.pattern().as_usize();
                let at = m.start();
                if !std::mem::replace(&mut seen[id], true) {
                    for &s in &self.literal_slots[id] {
                        out.set(s);
                    }
                    for &s in &self.required_slots[id] {
                        ends.set(s);
                    }
                }
                // The literal starts with a word character: `\b` holds before it when the
                // character before it is not one.
                let at_word = !self.word_slots[id].is_empty() && !word_before(text, at);
                if at_word && !std::mem::replace(&mut seen_at_word[id], true) {
                    for &s in &self.word_slots[id] {
                        out.set(s);
                    }
                }
                if at_word || !self.literal_slots[id].is_empty() {
                    // `at` fits in 32 bits: the text's length does.
                    out.hits.push(
                        ((id as u64) << LITERAL_SHIFT) | ((at as u64) << 1) | u64::from(at_word),
                    );
                }
            }
            out.hits.sort_unstable();
            // A pattern with required literals needs one of them too.
            for ((w, e), need) in out.bits.iter_mut().zip(&ends.bits).zip(&self.with_required) {
                *w &= e | !need;
            }
        }
        out
    }
}

/// Whether the character before byte `at` of `text` is a word character (Unicode's `\w`).
fn word_before(text: &str, at: usize) -> bool {
    match at
        .checked_sub(1)
        .and_then(|i| text.as_bytes().get(i).copied())
    {
        None => false,
        Some(b) if b.is_ascii() => is_word_byte(b),
        Some(_) => text[..at]
            .chars()
            .next_back()
            .is_some_and(regex_syntax::is_word_character),
    }
}

/// The patterns of the phrases of a rulebook ([`Rulebook::phrases`]).
fn rulebook_patterns(rulebook: &Rulebook) -> impl Iterator<Item = &str> {
    rulebook.phrases().map(|p| p.pattern.as_str())
}

/// A pattern read case-sensitively: the filter folds ASCII case itself, so `(?i)` at the front
/// is dropped; inner flag groups stay as written. `None` if it does not parse.
fn parse_case_sensitive(pattern: &str) -> Option<Hir> {
    let body = pattern.strip_prefix("(?i)").unwrap_or(pattern);
    regex_syntax::ParserBuilder::new().build().parse(body).ok()
}

/// The literals, ASCII-lowercased, that every match of a pattern (read case-sensitively)
/// begins with; `None` when there is no such finite set (or the pattern uses an assertion
/// other than a word boundary, which a literal filter cannot reason about — kept out for
/// safety).
fn prefixes(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    literals(hir, ExtractKind::Prefix, 1)
}

/// The literals, ASCII-lowercased, that every match of a pattern (read case-sensitively) ends
/// with; `None` when there is no such finite set, when one is shorter than three letters (it
/// would occur everywhere and slow the scan down), or for an assertion other than a word
/// boundary.
fn suffixes(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    literals(hir, ExtractKind::Suffix, SHORT)
}

/// The literals of `kind` (prefix or suffix) of every match of `hir`, ASCII-lowercased and
/// each once; `None` when there is no finite set, when one is shorter than `min_len` bytes,
/// or for an assertion other than a word boundary. A letter outside ASCII has case variants
/// the automaton does not fold, so a prefix is cut before its first such letter and a suffix
/// after its last (a shorter prefix or suffix is still one of every match).
fn literals(hir: &Hir, kind: ExtractKind, min_len: usize) -> Option<Vec<Vec<u8>>> {
    if !only_word_boundaries(hir) {
        return None;
    }
    let suffix = matches!(kind, ExtractKind::Suffix);
    let seq = Extractor::new().kind(kind).extract(hir);
    let mut out: Vec<Vec<u8>> = Vec::new();
    for lit in seq.literals()? {
        let bytes = lit.as_bytes();
        let ascii = if suffix {
            let start = bytes
                .iter()
                .rposition(|b| !b.is_ascii())
                .map_or(0, |i| i + 1);
            &bytes[start..]
        } else {
            let end = bytes
                .iter()
                .position(|b| !b.is_ascii())
                .unwrap_or(bytes.len());
            &bytes[..end]
        };
        if ascii.len() < min_len {
            return None;
        }
        let lower = ascii.to_ascii_lowercase();
        if !out.contains(&lower) {
            out.push(lower);
        }
    }
    if out.is_empty() {
        None
    } else {
        Some(out)
    }
}

/// Literals, ASCII-lowercased, one of which every match of a pattern (read case-sensitively)
/// holds somewhere. A part of the pattern's sequence that cannot match the empty string has
/// them when each of its matches begins with one of a set of literals of [`SHORT`] bytes or
/// more. The first such part says what the start literals already tell, so of the later parts
/// that have them, the one whose shortest literal is longest is taken; the first part's when
/// no later part has any. `None` for a pattern that is not a sequence, or when no part has
/// such literals (or only parts with an assertion other than a word boundary).
fn inner_literals(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let mut hir = hir;
    while let HirKind::Capture(c) = hir.kind() {
        hir = &c.sub;
    }
    let HirKind::Concat(parts) = hir.kind() else {
        return None;
    };
    let longest_shortest = |lits: &Vec<Vec<u8>>| lits.iter().map(Vec::len).min().unwrap_or(0);
    let sets: Vec<(usize, Vec<Vec<u8>>)> = parts
        .iter()
        .filter(|p| p.properties().minimum_len().unwrap_or(0) > 0)
        .enumerate()
        .filter_map(|(k, p)| Some((k, literals(p, ExtractKind::Prefix, SHORT)?)))
        .collect();
    let later = sets
        .iter()
        .filter(|(k, _)| *k > 0)
        .max_by_key(|(_, lits)| longest_shortest(lits));
    later.or_else(|| sets.first()).map(|(_, lits)| lits.clone())
}

/// Whether every match of `hir` starts at a Unicode word boundary: it opens with `\b`.
fn opens_with_word_boundary(hir: &Hir) -> bool {
    let first = match hir.kind() {
        HirKind::Concat(v) => v.first(),
        _ => Some(hir),
    };
    first.is_some_and(|h| matches!(h.kind(), HirKind::Look(Look::WordUnicode)))
}

/// Whether an ASCII byte is a word character (`\w`): a letter, a digit or `_`.
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Whether the only assertions in `hir` are word boundaries.
fn only_word_boundaries(hir: &Hir) -> bool {
    hir.properties()
        .look_set()
        .iter()
        .all(|l| matches!(l, Look::WordUnicode | Look::WordAscii))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pattern(p: &str) -> String {
        Phrase::compile(p).unwrap().pattern
    }

    #[test]
    fn literal_prefixes_of_phrases() {
        let lits = |p: &str| {
            parse_case_sensitive(&pattern(p))
                .as_ref()
                .and_then(prefixes)
                .map(|v| {
                    v.into_iter()
                        .map(|l| String::from_utf8(l).unwrap())
                        .collect::<Vec<_>>()
                })
        };
        assert_eq!(lits("organised crime").unwrap(), ["organised", "organized"]);
        assert_eq!(lits(r"traffick\w*").unwrap(), ["traffick"]);
        assert_eq!(lits("(?-i:UN[A-Z]+) troops").unwrap(), ["un"]);
        assert_eq!(lits("arms and related matériel").unwrap(), ["arms"]);
        assert_eq!(lits(r"\w+ crime"), None);
    }

    #[test]
    fn a_scan_finds_every_pattern_that_matches() {
        let phrases: Vec<Phrase> = [
            "organised crime",
            r"traffick\w*",
            "(?-i:UN[A-Z]+) troops",
            r"\w+ embargo",
            "peacekeeping",
            "arms",
        ]
        .iter()
        .map(|p| Phrase::compile(p).unwrap())
        .collect();
        let m = Matcher::new(phrases.iter().map(|p| p.pattern.as_str()));
        for text in [
            "ORGANIZED crime and TRAFFICKING",
            "the UNOMIL troops keep the peace-keeping",
            "harms",
            "Arms",
            "no match at all",
            "\u{212A}idnapping",
            "the refunds of UNOMIL troops",
            "x-arms, _arms, 9arms, éarms, (arms)",
            "arms",
        ] {
            let c = m.scan(text);
            for p in &phrases {
                if p.regex.is_match(text) {
                    assert!(c.may_match(m.slot(&p.pattern)), "{} in {text}", p.pattern);
                }
            }
        }
        let c = m.scan("no match at all");
        assert!(!c.may_match(m.slot(&phrases[0].pattern)));
        // `\w+ embargo` has no literal start but ends with "embargo".
        assert!(!c.may_match(m.slot(&phrases[3].pattern)), "no end literal");
        assert!(m.scan("an EMBARGO").may_match(m.slot(&phrases[3].pattern)));
        let e = m.scan("Organised trade");
        assert!(
            !e.may_match(m.slot(&phrases[0].pattern)),
            "a start without an end"
        );
        assert!(c.may_match(None), "unknown patterns may match");
        // A literal inside a word does not make a pattern that opens with `\b` a candidate.
        let c = m.scan("the refunds of harms and disarmament");
        assert!(!c.may_match(m.slot(&phrases[2].pattern)), "un in refunds");
        assert!(!c.may_match(m.slot(&phrases[5].pattern)), "arms in harms");
        let c = m.scan("éarms");
        assert!(
            !c.may_match(m.slot(&phrases[5].pattern)),
            "a non-ASCII letter is a word"
        );
        let c = m.scan("—arms");
        assert!(c.may_match(m.slot(&phrases[5].pattern)), "a dash is not");
    }

    #[test]
    fn starts_are_each_place_a_literal_begins_in_order_once() {
        let word = r"(?i)\b(?:border|borderline)s?";
        let anywhere = "(?i)(?:arms|ARMS)";
        let m = Matcher::new([word, anywhere]);
        let text = "borderline Borders, xborder arms hARMS";
        let c = m.scan(text);
        let starts = |p: &str| m.starts(&c, m.slot(p).unwrap(), text).unwrap();
        // "border" and "borderline" both begin at 0: once. Not inside "xborder".
        assert_eq!(starts(word), [0, 11]);
        assert_eq!(starts(anywhere), [28, 34]);
        assert_eq!(m.starts(&Candidates::all(), 0, text), None);
        assert_eq!(m.starts(&m.scan("nothing"), 0, "nothing"), Some(vec![]));
    }

    #[test]
    fn a_short_start_literal_is_searched_for_late_where_a_longer_one_occurs() {
        let justice = &pattern(r"to[\s\-]+justice");
        let regime = &pattern("régime");
        let operat = &pattern(r"re[\s\-]??establish\w*");
        let m = Matcher::new([justice.as_str(), regime, operat]);
        for p in [justice, regime, operat] {
            let slot = m.slot(p).unwrap();
            assert!(matches!(m.starts_by[slot], StartsBy::Late { .. }), "{p}");
        }
        // "to" occurs everywhere; only a text with "justice" makes the pattern a candidate.
        let text = "bring to justice, toto and to  Justice; into justice";
        let c = m.scan(text);
        assert!(c.may_match(m.slot(justice)));
        assert!(!m.scan("to the Council").may_match(m.slot(justice)));
        // Where "to" begins a word: not in "toto" after its start, nor in "into".
        let slot = m.slot(justice).unwrap();
        assert_eq!(m.starts(&c, slot, text), Some(vec![6, 18, 27]));
        // "r" is all of "régime" that folds as ASCII; "gime" is what every match ends with.
        let text = "the Régime and the RÉGIME";
        let c = m.scan(text);
        assert!(c.may_match(m.slot(regime)));
        assert_eq!(
            m.starts(&c, m.slot(regime).unwrap(), text),
            Some(vec![4, 20])
        );
        // `re[\s\-]??establish\w*` has no end literal: "establish" is inside every match.
        assert!(!m.scan("we refer to it").may_match(m.slot(operat)));
        let text = "to re-establish order";
        let c = m.scan(text);
        assert!(c.may_match(m.slot(operat)));
        assert_eq!(m.starts(&c, m.slot(operat).unwrap(), text), Some(vec![3]));
    }

    #[test]
    fn a_pattern_without_end_literals_needs_a_literal_of_a_later_part() {
        let gap = &pattern(r"provid\w*[^;.:]{0,80}logistic\w*");
        let hir = parse_case_sensitive(gap).unwrap();
        assert_eq!(inner_literals(&hir), Some(vec![b"logistic".to_vec()]));
        let m = Matcher::new([gap.as_str()]);
        assert!(!m.scan("to provide support").may_match(m.slot(gap)));
        assert!(m
            .scan("to provide LOGISTICAL support")
            .may_match(m.slot(gap)));
        // Where every part's literals are too short, there are none.
        let hir = parse_case_sensitive(&pattern(r"\w+[\s\-]+to")).unwrap();
        assert_eq!(inner_literals(&hir), None);
    }

    #[test]
    fn only_the_kelvin_sign_and_long_s_fold_to_ascii_letters() {
        let folds = regex::Regex::new("(?i)^[a-z]$").unwrap();
        let odd: Vec<char> = (0..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|c| !c.is_ascii() && folds.is_match(c.encode_utf8(&mut [0; 4])))
            .collect();
        assert_eq!(odd, ['\u{17F}', '\u{212A}']);
    }
}
