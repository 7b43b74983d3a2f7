//! Automatic numbering, computed as Word shows it: the definitions of word/numbering.xml
//! (abstract lists and the lists that use them, with start overrides), the numbering a
//! paragraph inherits from its style in word/styles.xml, and the counters that turn a
//! paragraph's list and level into "12.", "(b)" or "(iii)".
//!
//! Counters belong to the abstract list, so two lists sharing one continue each other's
//! numbers, except a list with a start override ("Restart at 1"), which counts on its own.
//! Using a level restarts the deeper ones (or, with `w:lvlRestart`, those it names).

use super::xml::{self, Node, Problem, Unclosed};
use quick_xml::events::BytesStart;
use std::collections::HashMap;

/// Levels of a list: Word has nine.
const LEVELS: usize = 9;

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

/// Word's letters: a … z, then aa … zz, aaa …
fn letters(n: u32) -> String {
    if n == 0 {
        return "0".into();
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
    start: u32,
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
            start: 0,
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
    overrides: HashMap<u32, (Option<u32>, Option<Level>)>,
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
        let mut over: Option<(u32, Option<u32>)> = None;
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
                            *start = xml::num_attr(e, "val");
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
        over: &mut Option<(u32, Option<u32>)>,
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

    /// The number Word shows before a paragraph with this style and these direct numbering
    /// properties ("3.", "(b)"), advancing the counters; `None` for an unnumbered paragraph
    /// and for bullets.
    pub fn label(&mut self, style: Option<&str>, direct: NumPr) -> Option<String> {
        let style = style.or(self.default_style.as_deref()).map(str::to_string);
        let inherited = self.style_numbering(style.as_deref());
        let num_id = direct.num_id.or(inherited.num_id).filter(|id| *id != 0)?;
        let (key, abs_id, num) = self.resolve(num_id)?;
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
        let ilvl = usize::try_from(ilvl).ok().filter(|l| *l < LEVELS)?;
        let levels: Vec<Level> = (0..LEVELS as u32)
            .map(|i| self.level(abs_id, &num, i))
            .collect();
        let counters = self.counters.entry(key).or_insert([None; LEVELS]);
        let me = &levels[ilvl];
        counters[ilvl] = Some(match counters[ilvl] {
            Some(n) => n + 1,
            None => start(&num, ilvl, me),
        });
        for (deeper, level) in levels.iter().enumerate().skip(ilvl + 1) {
            let restart_after = level.restart.unwrap_or(deeper as u32);
            if (ilvl as u32) < restart_after {
                counters[deeper] = None;
            }
        }
        if me.format == NumFmt::Unnumbered {
            return None;
        }
        let mut out = String::new();
        let mut chars = me.text.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(d)) if (1..=LEVELS as u32).contains(&d) => {
                    chars.next();
                    let i = d as usize - 1;
                    let value = counters[i].unwrap_or_else(|| start(&num, i, &levels[i]));
                    let format = if me.legal && i != ilvl {
                        NumFmt::Decimal
                    } else {
                        levels[i].format
                    };
                    out.push_str(&format.write(value));
                }
                _ => out.push(c),
            }
        }
        let out = out.trim().to_string();
        (!out.is_empty()).then_some(out)
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

/// The first number of a level: the list's start override, else the level's start.
fn start(num: &Num, ilvl: usize, level: &Level) -> u32 {
    num.overrides
        .get(&(ilvl as u32))
        .and_then(|(s, _)| *s)
        .unwrap_or(level.start)
}

/// Reads one child of `w:lvl`.
fn read_level_property(l: &mut Level, name: &str, e: &BytesStart) {
    match name {
        "start" => l.start = xml::num_attr(e, "val").unwrap_or(0),
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
            .map(|p| n.label(None, *p).unwrap_or_default())
            .collect();
        // (iii) after (b): level 3 restarts only after level 1 (lvlRestart 1).
        assert_eq!(got, ["1.", "(a)", "(i)", "(b)", "(ii)", "2.", "(a)"]);
        assert_eq!(n.label(None, at(3, 0)).as_deref(), Some("5."));
        assert_eq!(n.label(None, at(3, 0)).as_deref(), Some("6."));
        assert_eq!(n.label(None, at(0, 0)), None);
        assert_eq!(n.label(None, at(9, 0)), None);
    }
}
