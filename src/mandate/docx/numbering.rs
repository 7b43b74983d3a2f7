//! Automatic numbering, computed as Word shows it: the definitions of word/numbering.xml
//! (abstract lists and the lists that use them, with start overrides), the numbering a
//! paragraph inherits from its style in word/styles.xml, and the counters that turn a
//! paragraph's list and level into "12.", "(b)" or "(iii)".
//!
//! Counters belong to the abstract list, so two lists sharing one continue each other's
//! numbers, except a list with a start override ("Restart at 1"), which counts on its own.
//! Using a level restarts the deeper ones (or, with `w:lvlRestart`, those it names).
//!
//! Numbers stay within what Word itself writes (`list_limits.rs`), so a crafted file cannot
//! make a label enormous: a list that starts beyond Word's range or whose number text is longer
//! than Word accepts is refused when a paragraph uses it; letters are written as Word writes
//! them up to [`MAX_LETTERS`] and as digits beyond; counters are added to with checked
//! arithmetic and never wrap.

use super::list_limits::{placeholder, Site, Start, LEVELS, MAX_LETTERS};
use super::xml::{self, Node, Problem, Unclosed};
use quick_xml::events::BytesStart;
use std::collections::HashMap;

/// How a level's number is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NumFmt {
    Decimal,
    DecimalZero,
    LowerLetter,
    UpperLetter,
    LowerRoman,
    UpperRoman,
    /// A bullet or no number: nothing the text reader could use.
    Unnumbered,
}

impl NumFmt {
    fn parse(s: &str) -> NumFmt {
        match s {
            "decimalZero" => NumFmt::DecimalZero,
            "lowerLetter" => NumFmt::LowerLetter,
            "upperLetter" => NumFmt::UpperLetter,
            "lowerRoman" => NumFmt::LowerRoman,
            "upperRoman" => NumFmt::UpperRoman,
            "bullet" | "none" => NumFmt::Unnumbered,
            // decimal, ordinal, cardinalText and the many national formats: digits are what
            // the text reader understands.
            _ => NumFmt::Decimal,
        }
    }

    fn write(self, n: u32) -> String {
        match self {
            NumFmt::Decimal | NumFmt::Unnumbered => n.to_string(),
            NumFmt::DecimalZero => format!("{n:02}"),
            NumFmt::LowerLetter => letters(n),
            NumFmt::UpperLetter => letters(n).to_uppercase(),
            NumFmt::LowerRoman => roman(n),
            NumFmt::UpperRoman => roman(n).to_uppercase(),
        }
    }
}

/// Word's letters: a … z, then aa … zz, aaa … up to [`MAX_LETTERS`]; digits beyond, and for 0.
fn letters(n: u32) -> String {
    if n == 0 || n > MAX_LETTERS {
        return n.to_string();
    }
    let c = char::from(b'a' + ((n - 1) % 26) as u8);
    std::iter::repeat_n(c, ((n - 1) / 26 + 1) as usize).collect()
}

/// Lower-case roman numerals (digits past 3999, like Word).
fn roman(n: u32) -> String {
    if n == 0 || n > 3999 {
        return n.to_string();
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut n = n;
    let mut s = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            s.push_str(digits);
            n -= value;
        }
    }
    s
}

/// One level of a list definition.
#[derive(Debug, Clone)]
struct Level {
    start: Start,
    format: NumFmt,
    /// "%1.", "(%2)", "%1.%2": `%n` stands for level n's number.
    text: String,
    /// `w:lvlRestart`: restart after a level above this 1-based one is used; 0 never.
    restart: Option<u32>,
    /// `w:isLgl`: the numbers of all levels written as digits.
    legal: bool,
    /// The paragraph style tied to this level.
    style: Option<String>,
}

impl Default for Level {
    fn default() -> Self {
        Level {
            // The schema's default; Word always writes it.
            start: Start::Valid(0),
            format: NumFmt::Decimal,
            text: String::new(),
            restart: None,
            legal: false,
            style: None,
        }
    }
}

/// A `w:abstractNum`.
#[derive(Debug, Clone, Default)]
struct Abstract {
    levels: HashMap<u32, Level>,
    /// `w:numStyleLink`: the list is defined by a numbering style.
    style_link: Option<String>,
}

/// A `w:num`: a list as paragraphs refer to it.
#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: u32,
    /// Per level: a start override and a replacement level definition.
    overrides: HashMap<u32, (Option<Start>, Option<Level>)>,
}

/// A paragraph style, as far as numbering goes.
#[derive(Debug, Clone, Default)]
struct Style {
    based_on: Option<String>,
    num_id: Option<u32>,
    ilvl: Option<u32>,
}

/// A paragraph's own numbering properties (`w:numPr`), either half possibly absent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct NumPr {
    pub num_id: Option<u32>,
    pub ilvl: Option<u32>,
}

/// Which counters a list uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum ListKey {
    Abstract(u32),
    Num(u32),
}

/// The numbering definitions and styles of a document, and the running counters.
#[derive(Debug, Default)]
pub(super) struct Numbering {
    /// The part the definitions come from, for messages (`word/numbering.xml`).
    part: String,
    abstracts: HashMap<u32, Abstract>,
    nums: HashMap<u32, Num>,
    styles: HashMap<String, Style>,
    default_style: Option<String>,
    counters: HashMap<ListKey, [Option<u32>; LEVELS]>,
}

impl Numbering {
    /// Reads the definitions from numbering.xml and styles.xml (each `(part name, text)`).
    pub fn read(
        numbering: Option<&(String, String)>,
        styles: Option<&(String, String)>,
    ) -> Result<Numbering, Problem> {
        let mut n = Numbering::default();
        if let Some((name, text)) = numbering {
            n.part = name.clone();
            n.read_numbering(name, text)?;
        }
        if let Some((name, text)) = styles {
            n.read_styles(name, text)?;
        }
        Ok(n)
    }

    fn read_numbering(&mut self, part: &str, text: &str) -> Result<(), Problem> {
        let mut abs: Option<(u32, Abstract)> = None;
        let mut num: Option<(u32, Num)> = None;
        // The level being read and whether it sits in a num's override.
        let mut level: Option<(u32, Level)> = None;
        let mut over: Option<(u32, Option<Start>)> = None;
        xml::walk(part, text, Unclosed::Tolerated, |node| match node {
            Node::Open {
                name,
                element: e,
                path,
            } => {
                let parent = path.last().map(String::as_str).unwrap_or("");
                match (parent, name) {
                    (_, "abstractNum") => {
                        abs = xml::num_attr(e, "abstractNumId").map(|id| (id, Abstract::default()))
                    }
                    ("abstractNum", "numStyleLink") => {
                        if let Some((_, a)) = abs.as_mut() {
                            a.style_link = xml::attr(e, "val");
                        }
                    }
                    (_, "num") => {
                        num = xml::num_attr(e, "numId").map(|id| (id, Num::default()));
                    }
                    ("num", "abstractNumId") => {
                        if let (Some((_, n)), Some(id)) = (num.as_mut(), xml::num_attr(e, "val")) {
                            n.abstract_id = id;
                        }
                    }
                    ("num", "lvlOverride") => over = xml::num_attr(e, "ilvl").map(|l| (l, None)),
                    ("lvlOverride", "startOverride") => {
                        if let Some((_, start)) = over.as_mut() {
                            *start = Start::read(e);
                        }
                    }
                    ("abstractNum" | "lvlOverride", "lvl") => {
                        level = xml::num_attr(e, "ilvl").map(|l| (l, Level::default()));
                    }
                    ("lvl", _) => {
                        if let Some((_, l)) = level.as_mut() {
                            read_level_property(l, name, e);
                        }
                    }
                    _ => {}
                }
            }
            Node::Close { name, .. } => {
                self.close_numbering(name, &mut abs, &mut num, &mut level, &mut over)
            }
            Node::Text(_) => {}
        })
    }

    /// Files a definition when its element closes.
    fn close_numbering(
        &mut self,
        name: &str,
        abs: &mut Option<(u32, Abstract)>,
        num: &mut Option<(u32, Num)>,
        level: &mut Option<(u32, Level)>,
        over: &mut Option<(u32, Option<Start>)>,
    ) {
        match name {
            "lvl" => {
                if let Some((ilvl, l)) = level.take() {
                    if let Some((i, _)) = over.as_ref() {
                        if let Some((_, n)) = num.as_mut() {
                            n.overrides.entry(*i).or_default().1 = Some(l);
                        }
                    } else if let Some((_, a)) = abs.as_mut() {
                        a.levels.insert(ilvl, l);
                    }
                }
            }
            "lvlOverride" => {
                if let (Some((i, start)), Some((_, n))) = (over.take(), num.as_mut()) {
                    n.overrides.entry(i).or_default().0 = start;
                }
            }
            "abstractNum" => {
                if let Some((id, a)) = abs.take() {
                    self.abstracts.insert(id, a);
                }
            }
            "num" => {
                if let Some((id, n)) = num.take() {
                    self.nums.insert(id, n);
                }
            }
            _ => {}
        }
    }

    fn read_styles(&mut self, part: &str, text: &str) -> Result<(), Problem> {
        let mut style: Option<(String, Style)> = None;
        xml::walk(part, text, Unclosed::Tolerated, |node| match node {
            Node::Open {
                name,
                element: e,
                path,
            } => {
                let tail: Vec<&str> = path.iter().rev().take(2).map(String::as_str).collect();
                match (tail.as_slice(), name) {
                    (_, "style") => {
                        let kind = xml::attr(e, "type");
                        let id = xml::attr(e, "styleId");
                        style = match (kind.as_deref(), id) {
                            (Some("paragraph") | Some("numbering"), Some(id)) => {
                                if kind.as_deref() == Some("paragraph")
                                    && xml::attr(e, "default")
                                        .is_some_and(|d| d == "1" || d == "true")
                                {
                                    self.default_style = Some(id.clone());
                                }
                                Some((id, Style::default()))
                            }
                            _ => None,
                        };
                    }
                    (["style", ..], "basedOn") => {
                        if let Some((_, s)) = style.as_mut() {
                            s.based_on = xml::attr(e, "val");
                        }
                    }
                    (["numPr", "pPr"], "numId") => {
                        if let Some((_, s)) = style.as_mut() {
                            s.num_id = xml::num_attr(e, "val");
                        }
                    }
                    (["numPr", "pPr"], "ilvl") => {
                        if let Some((_, s)) = style.as_mut() {
                            s.ilvl = xml::num_attr(e, "val");
                        }
                    }
                    _ => {}
                }
            }
            Node::Close { name, .. } => {
                if name == "style" {
                    self.file_style(style.take());
                }
            }
            Node::Text(_) => {}
        })
    }

    fn file_style(&mut self, style: Option<(String, Style)>) {
        if let Some((id, s)) = style {
            self.styles.insert(id, s);
        }
    }

    /// The number Word shows before paragraph `paragraph` (its 1-based index in the body,
    /// for messages), with this style and these direct numbering properties ("3.", "(b)"),
    /// advancing the counters; `None` for an unnumbered paragraph and for bullets.
    ///
    /// Refused when the list level it uses starts beyond what Word accepts, has a number text
    /// longer than Word accepts (see `list_limits.rs`), or would count past `u32::MAX`.
    pub fn label(
        &mut self,
        paragraph: u32,
        style: Option<&str>,
        direct: NumPr,
    ) -> Result<Option<String>, Problem> {
        let style = style.or(self.default_style.as_deref()).map(str::to_string);
        let inherited = self.style_numbering(style.as_deref());
        let Some(num_id) = direct.num_id.or(inherited.num_id).filter(|id| *id != 0) else {
            return Ok(None);
        };
        let Some((key, abs_id, num)) = self.resolve(num_id) else {
            return Ok(None);
        };
        let ilvl = direct
            .ilvl
            .or(inherited.ilvl)
            .or_else(|| {
                // A style tied to a level by the level's w:pStyle takes that level.
                let abs = self.abstracts.get(&abs_id)?;
                let style = style.as_deref()?;
                abs.levels
                    .iter()
                    .find(|(_, l)| l.style.as_deref() == Some(style))
                    .map(|(i, _)| *i)
            })
            .unwrap_or(0);
        let Some(ilvl) = usize::try_from(ilvl).ok().filter(|l| *l < LEVELS) else {
            return Ok(None);
        };
        let levels: Vec<Level> = (0..LEVELS as u32)
            .map(|i| self.level(abs_id, &num, i))
            .collect();
        let site = Site {
            part: &self.part,
            paragraph,
            list: abs_id,
        };
        let counters = self.counters.entry(key).or_insert([None; LEVELS]);
        let me = &levels[ilvl];
        counters[ilvl] = Some(match counters[ilvl] {
            Some(n) => n.checked_add(1).ok_or_else(|| site.past_the_end(ilvl))?,
            None => site.start(ilvl, start(&num, ilvl, me))?,
        });
        for (deeper, level) in levels.iter().enumerate().skip(ilvl + 1) {
            let restart_after = level.restart.unwrap_or(deeper as u32);
            if (ilvl as u32) < restart_after {
                counters[deeper] = None;
            }
        }
        if me.format == NumFmt::Unnumbered {
            return Ok(None);
        }
        site.check_text(ilvl, &me.text)?;
        let mut out = String::new();
        let mut chars = me.text.chars().peekable();
        while let Some(c) = chars.next() {
            match placeholder(c, chars.peek()) {
                Some(i) => {
                    chars.next();
                    let value = match counters[i] {
                        Some(v) => v,
                        None => site.start(i, start(&num, i, &levels[i]))?,
                    };
                    let format = if me.legal && i != ilvl {
                        NumFmt::Decimal
                    } else {
                        levels[i].format
                    };
                    out.push_str(&format.write(value));
                }
                None => out.push(c),
            }
        }
        let out = out.trim().to_string();
        Ok((!out.is_empty()).then_some(out))
    }

    /// The numbering a style gives, following `basedOn` (first found wins).
    fn style_numbering(&self, style: Option<&str>) -> NumPr {
        let mut found = NumPr::default();
        let mut next = style;
        for _ in 0..32 {
            let Some(s) = next.and_then(|id| self.styles.get(id)) else {
                break;
            };
            found.num_id = found.num_id.or(s.num_id);
            found.ilvl = found.ilvl.or(s.ilvl);
            next = s.based_on.as_deref();
        }
        found
    }

    /// The counters, abstract list and list of a `numId`, following a numbering-style link.
    fn resolve(&self, num_id: u32) -> Option<(ListKey, u32, Num)> {
        let mut num_id = num_id;
        for _ in 0..4 {
            let num = self.nums.get(&num_id)?;
            let abs = self.abstracts.get(&num.abstract_id)?;
            if abs.levels.is_empty() {
                if let Some(linked) = abs
                    .style_link
                    .as_deref()
                    .and_then(|s| self.styles.get(s))
                    .and_then(|s| s.num_id)
                    .filter(|id| *id != num_id)
                {
                    num_id = linked;
                    continue;
                }
            }
            let restarts = num.overrides.values().any(|(s, _)| s.is_some());
            let key = if restarts {
                ListKey::Num(num_id)
            } else {
                ListKey::Abstract(num.abstract_id)
            };
            return Some((key, num.abstract_id, num.clone()));
        }
        None
    }

    /// A level's definition, an override's replacing the abstract list's.
    fn level(&self, abs_id: u32, num: &Num, ilvl: u32) -> Level {
        num.overrides
            .get(&ilvl)
            .and_then(|(_, l)| l.clone())
            .or_else(|| {
                self.abstracts
                    .get(&abs_id)
                    .and_then(|a| a.levels.get(&ilvl).cloned())
            })
            .unwrap_or_default()
    }
}

/// The start of a level as the file gives it: the list's start override, else the level's.
fn start<'a>(num: &'a Num, ilvl: usize, level: &'a Level) -> &'a Start {
    num.overrides
        .get(&(ilvl as u32))
        .and_then(|(s, _)| s.as_ref())
        .unwrap_or(&level.start)
}

/// Reads one child of `w:lvl`.
fn read_level_property(l: &mut Level, name: &str, e: &BytesStart) {
    match name {
        "start" => l.start = Start::read(e).unwrap_or(Start::Valid(0)),
        "numFmt" => l.format = NumFmt::parse(&xml::attr(e, "val").unwrap_or_default()),
        "lvlText" => l.text = xml::attr(e, "val").unwrap_or_default(),
        "lvlRestart" => l.restart = xml::num_attr(e, "val"),
        "isLgl" => l.legal = xml::on(e),
        "pStyle" => l.style = xml::attr(e, "val"),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_and_romans_are_written_like_word() {
        let l: Vec<String> = [1, 2, 26, 27, 28, 53].map(letters).to_vec();
        assert_eq!(l, ["a", "b", "z", "aa", "bb", "aaa"]);
        // Ten letters at most; digits beyond, so that a label stays short.
        assert_eq!(letters(MAX_LETTERS), "z".repeat(10));
        assert_eq!(letters(MAX_LETTERS + 1), "261");
        assert_eq!(NumFmt::UpperLetter.write(u32::MAX), "4294967295");
        let r: Vec<String> = [1, 4, 9, 14, 40, 1994].map(roman).to_vec();
        assert_eq!(r, ["i", "iv", "ix", "xiv", "xl", "mcmxciv"]);
        assert_eq!(NumFmt::UpperRoman.write(12), "XII");
        assert_eq!(NumFmt::DecimalZero.write(7), "07");
    }

    fn numbering(xml: &str) -> Numbering {
        Numbering::read(Some(&("n.xml".into(), xml.into())), None).unwrap()
    }

    const LIST: &str = r#"<w:numbering xmlns:w="w">
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%3)"/><w:lvlRestart w:val="1"/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="3"><w:abstractNumId w:val="0"/>
        <w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
    </w:numbering>"#;

    fn at(num_id: u32, ilvl: u32) -> NumPr {
        NumPr {
            num_id: Some(num_id),
            ilvl: Some(ilvl),
        }
    }

    #[test]
    fn counters_restart_deeper_levels_and_lists_sharing_an_abstract_continue() {
        let mut n = numbering(LIST);
        let seq = [
            at(1, 0),
            at(1, 1),
            at(1, 2),
            at(1, 1),
            at(1, 2),
            at(2, 0),
            at(1, 1),
        ];
        let got: Vec<String> = seq
            .iter()
            .map(|p| n.label(1, None, *p).unwrap().unwrap_or_default())
            .collect();
        // (iii) after (b): level 3 restarts only after level 1 (lvlRestart 1).
        assert_eq!(got, ["1.", "(a)", "(i)", "(b)", "(ii)", "2.", "(a)"]);
        assert_eq!(n.label(1, None, at(3, 0)).unwrap().as_deref(), Some("5."));
        assert_eq!(n.label(1, None, at(3, 0)).unwrap().as_deref(), Some("6."));
        assert_eq!(n.label(1, None, at(0, 0)), Ok(None));
        assert_eq!(n.label(1, None, at(9, 0)), Ok(None));
    }

    /// A one-level list (`numId` 1 over `abstractNumId` 0) in `fmt` with number text `text`,
    /// starting at `start`; `over` is a start override on a second list (`numId` 2).
    fn one_level(start: &str, fmt: &str, text: &str, over: &str) -> Numbering {
        numbering(&format!(
            r#"<w:numbering xmlns:w="w">
          <w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl></w:abstractNum>
          <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
          <w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="{over}"/></w:lvlOverride></w:num>
        </w:numbering>"#
        ))
    }

    #[test]
    fn starts_word_accepts_are_read_and_counted_on() {
        let mut n = one_level("32767", "decimal", "%1.", "0");
        let got: Vec<String> = (0..2)
            .map(|_| n.label(2, None, at(1, 0)).unwrap().unwrap())
            .collect();
        assert_eq!(got, ["32767.", "32768."]);
        // "+5" and " 7 " read as numbers, as Word's own parser does; garbage as no start.
        for (written, label) in [("+5", "5."), (" 7 ", "7."), ("x", "0.")] {
            let mut n = one_level(written, "decimal", "%1.", "0");
            let got = n.label(2, None, at(1, 0)).unwrap();
            assert_eq!(got.as_deref(), Some(label), "{written}");
        }
        assert_eq!(
            one_level("1", "decimal", "%1.", "0")
                .label(2, None, at(2, 0))
                .unwrap()
                .as_deref(),
            Some("0.")
        );
    }

    #[test]
    fn a_start_beyond_words_range_is_refused_when_a_paragraph_uses_it() {
        for (start, over, num_id) in [
            ("4294967295", "1", 1),
            ("99999999999999999999", "1", 1),
            ("-1", "1", 1),
            ("32768", "1", 1),
            ("1", "40000", 2),
        ] {
            let mut n = one_level(start, "lowerLetter", "%1.", over);
            let written = if num_id == 1 { start } else { over };
            let e = n.label(7, None, at(num_id, 0)).unwrap_err();
            assert_eq!(
                e.message,
                format!(
                    "n.xml: paragraph 7 is numbered in a list that starts at {written} (list \
                     definition 0, level 1), but a list in Word starts at a number from 0 to \
                     32767"
                )
            );
            assert!(
                e.hint.starts_with("Word does not save such a list"),
                "{}",
                e.hint
            );
        }
        // Defined but never used: nothing to refuse.
        let mut n = one_level("4294967295", "decimal", "%1.", "1");
        assert_eq!(n.label(3, None, at(2, 0)).unwrap().as_deref(), Some("1."));
    }

    #[test]
    fn a_number_text_longer_than_word_accepts_is_refused() {
        // 31 characters, each %1 counting as one: accepted.
        let longest = format!("%1{}", ".".repeat(30));
        let mut n = one_level("1", "decimal", &longest, "1");
        let label = n.label(1, None, at(1, 0)).unwrap().unwrap();
        assert_eq!(label, format!("1{}", ".".repeat(30)));
        let mut n = one_level("1", "decimal", &format!("{longest}."), "1");
        assert_eq!(
            n.label(4, None, at(1, 0)).unwrap_err().message,
            format!(
                "n.xml: paragraph 4 is numbered with the number text \"%1{}\" (32 characters, \
                 each of its 1 level numbers counted as one; list definition 0, level 1), but \
                 Word allows at most 31 characters and 9 level numbers",
                ".".repeat(31)
            )
        );
        let mut n = one_level("1", "decimal", &"%1 ".repeat(100), "1");
        let e = n.label(4, None, at(1, 0)).unwrap_err().message;
        assert!(
            e.contains(&format!(
                "\"{}%…\" (200 characters, each of its 100 level numbers",
                "%1 ".repeat(13)
            )),
            "{e}"
        );
        let mut n = one_level("1", "lowerLetter", &"%1".repeat(10), "1");
        assert_eq!(
            n.label(4, None, at(1, 0)).unwrap_err().message,
            "n.xml: paragraph 4 is numbered with the number text \"%1%1%1%1%1%1%1%1%1%1\" \
             (10 characters, each of its 10 level numbers counted as one; list definition 0, \
             level 1), but Word allows at most 31 characters and 9 level numbers"
        );
        // A bullet's text is not a number: not checked.
        let mut n = one_level("1", "bullet", &"x".repeat(100), "1");
        assert_eq!(n.label(1, None, at(1, 0)), Ok(None));
    }

    #[test]
    fn a_counter_at_the_largest_number_is_refused_rather_than_wrapped() {
        let mut n = one_level("1", "decimal", "%1.", "1");
        n.counters.insert(
            ListKey::Abstract(0),
            [
                Some(u32::MAX - 1),
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
            ],
        );
        assert_eq!(
            n.label(8, None, at(1, 0)).unwrap().as_deref(),
            Some("4294967295.")
        );
        assert_eq!(
            n.label(9, None, at(1, 0)).unwrap_err().message,
            "n.xml: paragraph 9 would be numbered past 4294967295 (list definition 0, level 1), \
             the largest number policycheck counts to"
        );
    }
}
