//! The plain-text and Markdown reader: splits a resolution into provisions and classifies
//! their clauses. It never fails and never panics; text it cannot place goes to the nearest
//! provision rather than being lost.
//!
//! Provision ids follow the analysts' labels (`corpus/labels/dev.yaml`):
//! - `HEADER`: title, symbol, adoption line and "The Security Council," (Part::Header).
//! - `PP1`, `PP2`, …: preambular paragraphs, numbered in order through the whole resolution
//!   (the labels cite S/RES/820 (1993)'s eighth preambular paragraph as `PP8`). A paragraph
//!   split by a stray blank line (it starts in lower case, or the one before does not end in
//!   , ; : .) stays one paragraph.
//! - `OP1`, `OP3(a)`, `OP16(a)(iii)`: operative paragraphs by their printed number, lettered
//!   sub-paragraphs and roman items; `OP3(i)` is a roman item straight under the paragraph
//!   (after the paragraph's text resumed past a lettered list). A sub-paragraph's `parent` is
//!   the enclosing id. Operative numbers must run on by one (one missing number is tolerated
//!   at a paragraph start), so numbered lists inside a paragraph or an annex are not taken
//!   for new paragraphs. `(i)` right after `(h)` is a letter. A repeated id gets `-2`.
//!   Fullwidth numbers ("１２．Decides…") are read like "12. Decides…"; a number of more than
//!   three digits is text.
//! - `OP2.1`, `OP2.1.3`: multi-level numbers, as drafts numbered in Word's legal style print
//!   them ("2.1 Decides…", up to nine levels). Each is an operative paragraph of its own whose
//!   `parent` is the deepest one opened whose number begins its own (`OP2.1` for `OP2.1.3`,
//!   `OP2` for `OP2.1`, none when the draft prints no "2."); lettered sub-paragraphs under it
//!   are `OP2.1(a)`. It belongs to paragraph 2 ([`paragraph_of`](super::paragraph_of)), so a
//!   criterion `within: paragraph` reads paragraph 2 with all its sub-numbers. Its first
//!   number must be the current paragraph's or the next one; otherwise the line is text.
//! - Sections: after a line holding a single capital letter ("A", "B" … in order; Markdown
//!   `## A`, `### Section B`), ids carry the letter: `B-OP14`, `A-OP1` — the labels cite
//!   S/RES/820 and 864 (1993) so, with operative numbers running on across sections
//!   (820: `A-OP7`, `B-OP14`, `C-OP32`). Preambular paragraphs inside a section ("Acting
//!   under Chapter VII…") keep the running PP number with the prefix: `B-PP11`. Text before
//!   the first section letter has no prefix (S/RES/687 (1991) `OP1`, then `A-OP2`).
//! - Resolutions without numbered paragraphs: the first paragraph that opens with an
//!   operative verb ("Decides…") starts the operative part and each such paragraph is `OP1`,
//!   `OP2`, … in order.
//! - Annexes: the heading ("Annex", "ANNEX II") is `ANNEX` (or `ANNEX2` for a numbered or a
//!   second annex) with the lines up to the next blank line; each following paragraph is
//!   `ANNEX-P1`, `ANNEX2-P3`, … (Part::Annex, parent the heading).
//! - `FOOTER`: the adoption line older resolutions print at the end ("Adopted at the 2933rd
//!   meeting by 13 votes…") and the footnotes after it (Part::Header). A footnote printed
//!   mid-text is `NOTE1`, `NOTE2`…; page numbers are dropped from the text but stay inside
//!   the enclosing provision's lines. Section letter lines belong to no provision.
//!
//! Markdown is read alike once `markdown.rs` has turned it into plain lines (its lists into
//! numbered and lettered paragraphs on their own lines); a text with no header (a
//! bare list of numbered paragraphs, perhaps after unnumbered ones) is read as preamble and
//! operative part.

use super::classify::{inherit, leading_verb};
use super::join::TextBuilder;
use super::lines::{self, ends_clause, Line};
use super::markdown;
use super::{classify_clauses, Mandate, Part, Provision, SourceFormat};
use std::collections::{BTreeMap, HashMap};

/// Reads a resolution's text (plain or Markdown) into provisions. `label` names the source
/// in the result (usually its path).
/// Markdown is first turned into plain lines by `markdown.rs` (comments, code blocks and
/// front matter left out).
pub fn read_text(label: &str, text: &str, format: SourceFormat) -> Mandate {
    let lines = match format {
        SourceFormat::Markdown => markdown::prepare(text).lines,
        _ => lines::prepare(text),
    };
    read_lines(label, lines, format)
}

/// Reads a Markdown draft; refuses one with no text outside comments, code blocks and front
/// matter (see `markdown.rs`).
pub(super) fn read_markdown(label: &str, text: &str) -> Result<Mandate, crate::error::Error> {
    let prepared = markdown::prepare(text);
    if let Some(refusal) = markdown::nothing_to_score(label, &prepared) {
        return Err(refusal);
    }
    Ok(read_lines(label, prepared.lines, SourceFormat::Markdown))
}

/// Splits prepared lines (one per source line, numbered from 1) into provisions.
fn read_lines(label: &str, lines: Vec<Line>, format: SourceFormat) -> Mandate {
    let header_end = header_end(&lines);
    let mut seg = Segmenter::new(&lines[header_end..]);
    let mut title = None;
    let mut adopted = None;
    if lines[..header_end].iter().any(|l| !l.is_blank()) {
        let mut b = TextBuilder::default();
        for l in &lines[..header_end] {
            b.push(l.no, &l.text);
            title = title.or_else(|| lines::title_of(&l.text));
            adopted = adopted.or_else(|| lines::date_of(&l.text));
        }
        if title.is_none() {
            title = lines[..header_end]
                .iter()
                .find(|l| l.heading.is_some() && !l.is_blank())
                .map(|l| l.text.clone());
        }
        seg.push_draft("HEADER".into(), Part::Header, None, b);
    }
    let body = bare_headings(&lines[header_end..]);
    let mut prev: Option<&Line> = None;
    for l in &body {
        if l.is_blank() {
            seg.blank();
        } else {
            seg.line(l, prev);
        }
        prev = Some(l);
    }
    Mandate {
        path: label.to_string(),
        format,
        title,
        mission: None,
        adopted,
        provisions: seg.finish(),
        facts: BTreeMap::new(),
        pages: Vec::new(),
    }
}

/// The body's lines, with the headings that modern drafts print between operative paragraphs
/// ("Mandate of MINUSMA", "Regional cooperation") marked as headings, so that they open no
/// provision and are not read as the end of the paragraph before them. Such a line stands
/// alone between blank lines, is short, starts with a capital letter and ends without
/// punctuation, after a paragraph that ended and before a numbered one.
fn bare_headings(body: &[Line]) -> Vec<Line> {
    let mut out = body.to_vec();
    let text_at = |i: usize| body.get(i).map_or("", |l: &Line| l.text.as_str());
    for i in 0..body.len() {
        let t = text_at(i);
        let alone =
            !t.is_empty() && (i == 0 || text_at(i - 1).is_empty()) && text_at(i + 1).is_empty();
        if !alone || body[i].heading.is_some() || !looks_like_heading(t) {
            continue;
        }
        let before = body[..i].iter().rev().find(|l| !l.is_blank());
        let after = body[i + 1..].iter().find(|l| !l.is_blank());
        let ended = before.is_some_and(|l| ends_clause(&l.text) || l.text.ends_with(':'));
        let numbered_next = after.is_some_and(|l| {
            lines::numbered(&l.text).is_some()
                || lines::multi_level(&l.text).is_some()
                || lines::sub_marker(&l.text).is_some()
        });
        if ended && numbered_next {
            out[i].heading = Some(0);
        }
    }
    out
}

/// A short line that starts with a capital letter and ends without punctuation. A lettered
/// heading ("A. Restoration of peace and order") is left to the section logic, which reads it
/// as it always has.
fn looks_like_heading(t: &str) -> bool {
    let words = t.split_whitespace().count();
    let lettered = t.len() > 2
        && t.as_bytes()[0].is_ascii_uppercase()
        && [b'.', b')', b':'].contains(&t.as_bytes()[1]);
    !lettered
        && (1..=10).contains(&words)
        && t.chars().next().is_some_and(char::is_uppercase)
        && !t.ends_with(['.', ',', ';', ':'])
        && lines::numbered(t).is_none()
        && lines::multi_level(t).is_none()
}

/// The index of the first line after the header.
fn header_end(lines: &[Line]) -> usize {
    let numbered_at = lines
        .iter()
        .position(|l| lines::numbered(&l.text).is_some_and(|(n, _)| n == 1))
        .unwrap_or(lines.len());
    if let Some(i) = lines
        .iter()
        .take(60.min(numbered_at))
        .position(|l| lines::is_council_line(&l.text))
    {
        return i + 1;
    }
    let mut end = 0;
    for (i, l) in lines.iter().enumerate() {
        if l.is_blank() {
            continue;
        }
        let heading = l.heading.is_some() && lines::section_marker(l).is_none();
        if heading || lines::is_header_like(&l.text) {
            end = i + 1;
        } else {
            break;
        }
    }
    end
}

/// Where the segmenter stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Region {
    Body,
    Annex,
    Footer,
}

/// A provision being built.
struct Draft {
    id: String,
    part: Part,
    section: Option<char>,
    parent: Option<usize>,
    b: TextBuilder,
}

/// The state of the line-by-line segmentation.
struct Segmenter {
    drafts: Vec<Draft>,
    region: Region,
    /// Whether the text numbers its operative paragraphs at all.
    numbered_doc: bool,
    /// The next operative number.
    expected: u32,
    /// The next number of a numbered list inside a paragraph (one that restarted at 1).
    nested: Option<u32>,
    pp: u32,
    section: Option<char>,
    next_section: char,
    /// A section began and has no operative paragraph yet: unmarked text is preambular.
    section_fresh: bool,
    cur: Option<usize>,
    /// The paragraph (or multi-level numbered paragraph) sub-paragraphs belong to.
    top: Option<usize>,
    /// The numbers of the current operative paragraph and of the multi-level paragraphs
    /// opened in it ("2", "2.1", "2.1.3"), with their drafts: the parent of the next one.
    outline: Vec<(Vec<u32>, usize)>,
    letter: Option<(usize, char)>,
    item: Option<(usize, u32)>,
    annexes: u32,
    annex: Option<(usize, u32)>,
    /// The annex heading takes lines up to the next blank line.
    annex_heading_open: bool,
    notes: u32,
}

impl Segmenter {
    fn new(body: &[Line]) -> Self {
        Segmenter {
            drafts: Vec::new(),
            region: Region::Body,
            // Numbered when a paragraph 1 (or, its number lost, a paragraph 2) is printed.
            // A Markdown ordered list numbers its paragraphs wherever it starts.
            numbered_doc: body.iter().any(|l| {
                l.list_item
                    || lines::numbered(&l.text).is_some_and(|(n, _)| n <= 2)
                    || lines::multi_level(&l.text).is_some_and(|(n, _)| n[0] <= 2)
            }),
            expected: 1,
            nested: None,
            pp: 0,
            section: None,
            next_section: 'A',
            section_fresh: false,
            cur: None,
            top: None,
            outline: Vec::new(),
            letter: None,
            item: None,
            annexes: 0,
            annex: None,
            annex_heading_open: false,
            notes: 0,
        }
    }

    fn push_draft(
        &mut self,
        id: String,
        part: Part,
        parent: Option<usize>,
        b: TextBuilder,
    ) -> usize {
        self.drafts.push(Draft {
            id,
            part,
            section: if part == Part::Annex || part == Part::Header {
                None
            } else {
                self.section
            },
            parent,
            b,
        });
        self.drafts.len() - 1
    }

    fn open(&mut self, id: String, part: Part, parent: Option<usize>, no: u32, text: &str) {
        let mut b = TextBuilder::default();
        b.push(no, text);
        let i = self.push_draft(id, part, parent, b);
        self.cur = Some(i);
    }

    fn prefix(&self) -> String {
        self.section.map(|s| format!("{s}-")).unwrap_or_default()
    }

    fn append(&mut self, i: usize, l: &Line) {
        self.drafts[i].b.push(l.no, &l.text);
        self.cur = Some(i);
    }

    fn blank(&mut self) {
        self.annex_heading_open = false;
    }

    fn started(&self) -> bool {
        !self.drafts.is_empty()
    }

    fn line(&mut self, l: &Line, prev: Option<&Line>) {
        let t = l.text.as_str();
        let para_start = prev.is_none_or(Line::is_blank);
        let prev_text = prev.map_or("", |p| p.text.as_str());
        // A section letter or heading line ends what came before it.
        let boundary = para_start
            || ends_clause(prev_text)
            || prev.is_some_and(|p| p.heading.is_some() || lines::section_marker(p).is_some());
        if lines::is_page_mark(t) && self.cur.is_some() {
            if let Some(c) = self.cur {
                self.drafts[c].b.cover(l.no);
            }
            return;
        }
        if boundary && self.started() {
            if let Some(num) = lines::annex_heading(t) {
                return self.open_annex(num, l);
            }
            if self.region != Region::Footer && lines::is_footer_start(t) {
                self.region = Region::Footer;
                let id = if self.drafts.iter().any(|d| d.id == "FOOTER") {
                    "FOOTER2".to_string()
                } else {
                    "FOOTER".to_string()
                };
                return self.open(id, Part::Header, None, l.no, t);
            }
        }
        match self.region {
            Region::Footer => {
                if let Some(c) = self.cur {
                    self.append(c, l);
                }
                return;
            }
            Region::Annex => {
                let (a, n) = self.annex.unwrap_or((0, 0));
                if para_start && !self.annex_heading_open {
                    let id = format!("{}-P{}", self.drafts[a].id, n + 1);
                    self.annex = Some((a, n + 1));
                    self.open(id, Part::Annex, Some(a), l.no, t);
                } else if let Some(c) = self.cur {
                    self.append(c, l);
                }
                return;
            }
            Region::Body => {}
        }
        if let Some(s) = lines::section_marker(l) {
            if s == self.next_section && (l.heading.is_some() || boundary) {
                self.section = Some(s);
                self.next_section = char::from_u32(s as u32 + 1).unwrap_or('A');
                self.section_fresh = true;
                self.cur = None;
                self.letter = None;
                self.item = None;
                return;
            }
        }
        if l.heading.is_some() {
            // Other Markdown headings in the body ("## Operative paragraphs") carry no text.
            return;
        }
        if para_start && lines::is_footnote(t) && self.started() {
            self.notes += 1;
            let keep = self.cur;
            self.open(format!("NOTE{}", self.notes), Part::Header, None, l.no, t);
            self.cur = keep;
            return;
        }
        if let Some((n, rest)) = lines::numbered(t) {
            // A Markdown list item keeps its number, even past paragraphs left out (in a
            // comment) or in a list that starts at 5.
            if l.list_item && n >= self.expected {
                return self.open_op(n, l.no, rest);
            }
            if self.top.is_some() && (n == 1 || self.nested == Some(n)) && n != self.expected {
                // A list numbered inside the paragraph: "1. Pumps; 2. Hoses;".
                self.nested = Some(n + 1);
                return self.paragraph(l);
            }
            if self.nested == Some(n) {
                self.nested = Some(n + 1);
                return self.paragraph(l);
            }
            let ok = self.numbered_doc
                && boundary
                && (n == self.expected
                    || (para_start
                        && n == self.expected + 1
                        && (self.top.is_some() || leading_verb(rest).is_some())));
            if ok {
                return self.open_op(n, l.no, rest);
            }
        } else if let Some((number, rest)) = lines::multi_level(t) {
            // "2.1 Decides…": a numbered sub-paragraph of paragraph 2, or the first words of
            // paragraph 2 when the draft prints no "2." of its own.
            let a = number[0];
            let inside = self.top.is_some() && a.checked_add(1) == Some(self.expected);
            if self.numbered_doc && boundary && (inside || a == self.expected) {
                return self.open_multi(&number, l.no, rest);
            }
        } else if let Some((n, rest)) = lines::numbered_without_stop(t) {
            // "2 Requests the Secretary-General…": the next number, its stop lost, before an
            // operative verb.
            if self.numbered_doc
                && para_start
                && self.top.is_some()
                && n == self.expected
                && leading_verb(rest).is_some()
            {
                return self.open_op(n, l.no, rest);
            }
        }
        if self.top.is_some()
            && !self.section_fresh
            && (boundary || prev_text.ends_with(" or") || prev_text.ends_with(" and"))
        {
            if let Some((m, rest)) = lines::sub_marker(t) {
                return self.open_sub(m, l.no, rest);
            }
        }
        if para_start {
            return self.paragraph(l);
        }
        // "…weapons,\nRecalling also that…": a preambular paragraph printed without the blank
        // line before it (S/RES/687 (1991)).
        if (self.top.is_none() || self.section_fresh)
            && self
                .cur
                .is_some_and(|c| self.drafts[c].part == Part::Preambular)
            && prev_text.ends_with([',', ';'])
            && opens_preamble(t)
        {
            return self.open_pp(l);
        }
        match self.cur {
            Some(c) => self.append(c, l),
            None => self.open_pp(l),
        }
    }

    fn open_annex(&mut self, num: Option<u32>, l: &Line) {
        self.annexes += 1;
        let id = match num {
            Some(n) => format!("ANNEX{n}"),
            None if self.annexes == 1 => "ANNEX".to_string(),
            None => format!("ANNEX{}", self.annexes),
        };
        self.region = Region::Annex;
        self.open(id, Part::Annex, None, l.no, &l.text);
        self.annex = self.cur.map(|c| (c, 0));
        self.annex_heading_open = true;
    }

    fn open_op(&mut self, n: u32, no: u32, rest: &str) {
        self.expected = n.saturating_add(1);
        let id = format!("{}OP{n}", self.prefix());
        self.open_numbered(id, None, no, rest);
        self.outline = self.top.map(|top| (vec![n], top)).into_iter().collect();
    }

    /// Opens a paragraph numbered "2.1" or "2.1.3" (`number`): id `OP2.1.3`, its parent the
    /// deepest paragraph opened whose number begins its own ("2.1", else "2"). It is the
    /// paragraph its sub-paragraphs and continued text belong to, and it belongs to
    /// paragraph 2 (see [`paragraph_of`](super::paragraph_of)).
    fn open_multi(&mut self, number: &[u32], no: u32, rest: &str) {
        if number[0] == self.expected {
            self.expected = number[0].saturating_add(1);
            self.outline.clear();
        }
        while self
            .outline
            .last()
            .is_some_and(|(n, _)| !(n.len() < number.len() && number.starts_with(n)))
        {
            self.outline.pop();
        }
        let parent = self.outline.last().map(|(_, i)| *i);
        let written: Vec<String> = number.iter().map(u32::to_string).collect();
        let id = format!("{}OP{}", self.prefix(), written.join("."));
        self.open_numbered(id, parent, no, rest);
        if let Some(top) = self.top {
            self.outline.push((number.to_vec(), top));
        }
    }

    /// Opens an operative paragraph with a number of its own, and its first sub-paragraph
    /// when it opens with one ("10. (a) The Government…").
    fn open_numbered(&mut self, id: String, parent: Option<usize>, no: u32, rest: &str) {
        self.nested = None;
        self.section_fresh = false;
        self.letter = None;
        self.item = None;
        match lines::sub_marker(rest) {
            Some((m, sub)) => {
                self.open(id, Part::Operative, parent, no, "");
                self.top = self.cur;
                self.open_sub(m, no, sub);
            }
            None => {
                self.open(id, Part::Operative, parent, no, rest);
                self.top = self.cur;
            }
        }
    }

    fn open_pp(&mut self, l: &Line) {
        self.pp += 1;
        let id = format!("{}PP{}", self.prefix(), self.pp);
        self.open(id, Part::Preambular, None, l.no, &l.text);
    }

    fn open_sub(&mut self, m: &str, no: u32, rest: &str) {
        let Some(top) = self.top else { return };
        let next_letter = self
            .letter
            .and_then(|(_, c)| char::from_u32(c as u32 + 1))
            .unwrap_or('a');
        let roman_next = self.item.map_or(1, |(_, v)| v + 1);
        let single = m.len() == 1;
        let numeric_list = self
            .item
            .is_some_and(|(i, _)| self.drafts[i].id.ends_with("(1)"));
        let as_letter = if m.chars().all(|c| c.is_ascii_digit()) {
            // OCR reads "(b)" as "(6)" (S/RES/883 (1993) OP3) and "(d)" as "(2)" (S/RES/724
            // (1991) OP5): inside a lettered list, a digit that starts no numbered list of
            // its own is the next letter.
            (self.letter.is_some() && m != "1" && !numeric_list).then_some(next_letter)
        } else if lines::is_roman(m) {
            let c = m.chars().next().unwrap_or('i');
            let roman_fits = lines::roman_value(m) == roman_next;
            (single && c == next_letter && !(roman_fits && self.item.is_some())).then_some(c)
        } else if self.letter.is_some() {
            // Inside a lettered list, a letter out of sequence is a misprint of the next one
            // (S/RES/864 (1993) prints "(d)" as "(a)", S/RES/814 (1993) as "(ad)").
            Some(next_letter)
        } else {
            m.chars().next().filter(|_| single)
        };
        match as_letter {
            Some(c) => {
                let id = format!("{}({c})", self.drafts[top].id);
                self.open(id, Part::Operative, Some(top), no, rest);
                self.letter = self.cur.map(|i| (i, c));
                self.item = None;
            }
            None => {
                // "(1)" then "(ii)": the first was a misprinted "(i)" (S/RES/242 (1967)).
                if m == "ii" {
                    if let Some((i, 1)) = self.item {
                        if let Some(stem) = self.drafts[i].id.strip_suffix("(1)") {
                            self.drafts[i].id = format!("{stem}(i)");
                        }
                    }
                }
                let parent = self.letter.map_or(top, |(i, _)| i);
                let id = format!("{}({m})", self.drafts[parent].id);
                self.open(id, Part::Operative, Some(parent), no, rest);
                let v = if lines::is_roman(m) {
                    lines::roman_value(m)
                } else {
                    m.parse().unwrap_or(0)
                };
                self.item = self.cur.map(|i| (i, v));
            }
        }
    }

    /// A paragraph that starts without a number or letter.
    fn paragraph(&mut self, l: &Line) {
        let t = l.text.as_str();
        let lower = t
            .chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_lowercase)
            && !t.starts_with('(');
        let continues = |s: &Self, c: usize| lower || !s.drafts[c].b.ends_clause();
        let Some(top) = self.top.filter(|_| !self.section_fresh) else {
            // Preamble (of the resolution or of a section).
            match self.cur {
                Some(c)
                    if self.drafts[c].part == Part::Preambular
                        && (continues(self, c) || lines::sub_marker(t).is_some()) =>
                {
                    self.append(c, l)
                }
                _ if !self.numbered_doc && opens_operative(t) => self.open_unnumbered(l),
                _ => self.open_pp(l),
            }
            return;
        };
        let c = self.cur.unwrap_or(top);
        let sub = self.drafts[c].parent.is_some();
        if sub && lower && self.drafts[c].b.ends_clause() {
            // The paragraph's own sentence resumes after its list ("(b) Any Libyan
            // undertaking;" / "shall freeze such funds…", S/RES/883 (1993) OP3).
            self.letter = None;
            self.item = None;
            return self.append(top, l);
        }
        if continues(self, c) {
            return self.append(c, l);
        }
        if opens_preamble(t) {
            return self.open_pp(l);
        }
        if !self.numbered_doc && opens_operative(t) {
            return self.open_unnumbered(l);
        }
        // Anything else (quoted text, a marker printed after its text) stays where it is.
        self.append(c, l)
    }

    fn open_unnumbered(&mut self, l: &Line) {
        let n = self.expected;
        self.open_op(n, l.no, &l.text);
    }

    /// Builds the provisions: unique ids, parents by id, clauses with inherited force.
    fn finish(self) -> Vec<Provision> {
        let mut seen: HashMap<String, u32> = HashMap::new();
        let mut ids = Vec::with_capacity(self.drafts.len());
        for d in &self.drafts {
            let k = seen.entry(d.id.clone()).or_insert(0);
            *k += 1;
            ids.push(if *k == 1 {
                d.id.clone()
            } else {
                format!("{}-{k}", d.id)
            });
        }
        let mut out: Vec<Provision> = Vec::with_capacity(self.drafts.len());
        for (i, d) in self.drafts.into_iter().enumerate() {
            let mut clauses = classify_clauses(&d.b.text, d.part);
            if let Some(p) = d.parent.filter(|_| d.part == Part::Operative) {
                if let Some(parent) = out.get(p) {
                    inherit(&mut clauses, parent.clauses.last(), &d.b.text);
                }
            }
            out.push(Provision {
                id: ids[i].clone(),
                part: d.part,
                section: d.section.map(String::from),
                parent: d.parent.map(|p| ids[p].clone()),
                text: d.b.text,
                first_line: d.b.first_line,
                last_line: d.b.last_line,
                line_map: d.b.line_map,
                clauses,
            });
        }
        out
    }
}

/// A paragraph that opens the way preambular paragraphs do ("Acting under Chapter VII…",
/// "Deeply concerned…", "Whereas…").
fn opens_preamble(t: &str) -> bool {
    const WORDS: &[&str] = &[
        "Determined",
        "Convinced",
        "Concerned",
        "Mindful",
        "Aware",
        "Alarmed",
        "Conscious",
        "Desirous",
        "Resolved",
        "Guided",
        "Encouraged",
        "Disturbed",
        "Dismayed",
        "Shocked",
        "Appalled",
        "Outraged",
        "Satisfied",
        "Pleased",
        "Gratified",
        "Cognizant",
        "Anxious",
        "Committed",
        "Whereas",
        "Gravely",
        "Deeply",
        "Seriously",
        "Greatly",
        "Profoundly",
    ];
    let mut words = t
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty());
    let Some(w1) = words.next() else { return false };
    if !w1.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    (w1.len() > 4 && w1.ends_with("ing")) || WORDS.contains(&w1)
}

/// Whether an unnumbered paragraph opens with an operative verb ("Decides…").
fn opens_operative(t: &str) -> bool {
    t.chars().next().is_some_and(char::is_uppercase) && leading_verb(t).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mandate::{Addressee, Force};

    fn ids(m: &Mandate) -> Vec<&str> {
        m.provisions.iter().map(|p| p.id.as_str()).collect()
    }

    fn get<'a>(m: &'a Mandate, id: &str) -> &'a Provision {
        m.provisions.iter().find(|p| p.id == id).expect(id)
    }

    const RES: &str = "RESOLUTION 866 (1993)\n\nAdopted by the Security Council at its 3281st meeting,\non 22 September 1993\n\nThe Security Council,\n\nRecalling its resolution 813 (1993) of\n26 March 1993,\n\nNoting in this regard the recommendation by the Steering\n\nCommittee of the Conference,\n\n1. Welcomes the report\nof the Secretary-General;\n\n2. Decides that UNOMIL shall have the following mandate:\n\n(a) To receive and investigate all reports;\n\n(b) To monitor compliance, and in particular:\n\n(i) To observe the embargo;\n\n(ii) To verify the cantonment;\n\n3. Decides to remain seized of the matter.\n\nAdopted at the 2933rd meeting by 13 votes\n";

    #[test]
    fn a_resolution_is_split_into_its_parts() {
        let m = read_text("r.txt", RES, SourceFormat::Text);
        assert_eq!(
            ids(&m),
            [
                "HEADER",
                "PP1",
                "PP2",
                "OP1",
                "OP2",
                "OP2(a)",
                "OP2(b)",
                "OP2(b)(i)",
                "OP2(b)(ii)",
                "OP3",
                "FOOTER"
            ]
        );
        assert_eq!(m.title.as_deref(), Some("Resolution 866 (1993)"));
        assert_eq!(m.adopted.as_deref(), Some("22 September 1993"));
        let pp2 = get(&m, "PP2");
        assert_eq!(
            pp2.text,
            "Noting in this regard the recommendation by the Steering Committee of the Conference,"
        );
        assert_eq!((pp2.first_line, pp2.last_line), (11, 13));
        let op1 = get(&m, "OP1");
        assert_eq!(op1.text, "Welcomes the report of the Secretary-General;");
        assert_eq!(op1.line_map, vec![(0, 15), (20, 16)]);
        assert_eq!(op1.line_at(25), 16);
        assert_eq!(get(&m, "OP2(b)(i)").parent.as_deref(), Some("OP2(b)"));
        assert_eq!(get(&m, "OP2(a)").parent.as_deref(), Some("OP2"));
        assert_eq!(get(&m, "FOOTER").part, Part::Header);
    }

    #[test]
    fn sub_paragraphs_inherit_the_verb_of_their_paragraph() {
        let m = read_text("r.txt", RES, SourceFormat::Text);
        let c = &get(&m, "OP2(a)").clauses[0];
        assert_eq!(
            (c.verb.as_deref(), c.force, c.addressee),
            (Some("Decides"), Force::Mandate, Addressee::Mission)
        );
        let c = &get(&m, "OP2(b)(ii)").clauses[0];
        assert_eq!((c.force, c.addressee), (Force::Mandate, Addressee::Mission));
        let c = &get(&m, "PP1").clauses[0];
        assert_eq!(c.force, Force::Context);
        let c = &get(&m, "OP3").clauses[0];
        assert_eq!(c.addressee, Addressee::Council);
    }

    #[test]
    fn letters_and_roman_numerals_are_told_apart() {
        let t = "1. Decides:\n(a) A;\n(b) B;\n(c) C;\n(d) D;\n(e) E;\n(f) F;\n(g) G;\n(h) H;\n(i) I;\n(j) J;\n(k) K, and:\n(i) first;\n(ii) second;\n";
        let m = read_text("r.txt", t, SourceFormat::Text);
        let got = ids(&m);
        assert!(
            got.contains(&"OP1(i)") && got.contains(&"OP1(j)"),
            "{got:?}"
        );
        assert!(
            got.contains(&"OP1(k)(i)") && got.contains(&"OP1(k)(ii)"),
            "{got:?}"
        );
    }

    #[test]
    fn headings_between_operative_paragraphs_are_not_their_text() {
        let m = read_text(
            "t.txt",
            "The Security Council,\n\n1. Demands that all armed groups respect the ceasefire;\n\nMandate of MINUSMA\n\n2. Decides to extend the mandate of MINUSMA;\n\nRegional cooperation\n\n3. Calls upon ECOWAS to act;\n",
            SourceFormat::Text,
        );
        assert_eq!(ids(&m), ["HEADER", "OP1", "OP2", "OP3"]);
        assert!(get(&m, "OP1").text.ends_with("ceasefire;"));
        assert!(get(&m, "OP2").text.ends_with("MINUSMA;"));
    }

    #[test]
    fn a_number_without_its_stop_opens_the_next_paragraph() {
        // S/RES/593 (1986): "2 Requests" as printed.
        let m = read_text(
            "t.txt",
            "The Security Council,\n\n1. Extends the stationing of the Force;\n\n2 Requests the Secretary-General to continue his mission of good offices;\n\n3 weeks later it met again;\n",
            SourceFormat::Text,
        );
        assert_eq!(ids(&m), ["HEADER", "OP1", "OP2"]);
        assert!(get(&m, "OP2")
            .text
            .starts_with("Requests the Secretary-General"));
        assert!(get(&m, "OP2").text.ends_with("3 weeks later it met again;"));
    }

    #[test]
    fn numbers_out_of_sequence_are_not_paragraphs() {
        let t = "1. Decides that the items are:\n\n1. Pumps;\n\n2. Hoses;\n\n2. Requests the Secretary-General to report.\n";
        let m = read_text("r.txt", t, SourceFormat::Text);
        assert_eq!(ids(&m), ["OP1", "OP2"]);
        assert!(get(&m, "OP1").text.contains("2. Hoses;"));
    }

    #[test]
    fn sections_prefix_their_ids() {
        let t = "The Security Council,\n\nRecalling X,\n\nA\n\n1. Welcomes Y;\n\nB\n\nActing under Chapter VII of the Charter,\n\n2. Decides that all States shall prevent Z;\n";
        let m = read_text("r.txt", t, SourceFormat::Text);
        assert_eq!(ids(&m), ["HEADER", "PP1", "A-OP1", "B-PP2", "B-OP2"]);
        assert_eq!(get(&m, "B-OP2").section.as_deref(), Some("B"));
    }

    #[test]
    fn markdown_snippets_without_header() {
        let t = "Recalling its resolution 2100 (2013),\n\n1. Decides that MINUSMA shall support the transition;\n\n2. Calls upon Member States to contribute troops;";
        let m = read_text("s.md", t, SourceFormat::Markdown);
        assert_eq!(ids(&m), ["PP1", "OP1", "OP2"]);
        assert_eq!(get(&m, "OP1").clauses[0].addressee, Addressee::Mission);
        assert_eq!(get(&m, "OP2").clauses[0].force, Force::Call);

        let t = "# Draft resolution\n\n_Recalling_ its resolution,\n\n## A\n\n1. **Decides** that the Force shall;\n\n### Section B\n\n2. **Requests** the Secretary-General\n   to report;";
        let m = read_text("s.md", t, SourceFormat::Markdown);
        assert_eq!(ids(&m), ["HEADER", "PP1", "A-OP1", "B-OP2"]);
        assert_eq!(m.title.as_deref(), Some("Draft resolution"));
        assert_eq!(get(&m, "A-OP1").text, "Decides that the Force shall;");
        assert_eq!(
            get(&m, "B-OP2").text,
            "Requests the Secretary-General to report;"
        );
    }

    #[test]
    fn unnumbered_resolutions_have_operative_paragraphs() {
        let t = "Resolution 462 (1980)\n\nHaving considered the item,\n\nDecides to call an emergency special session of the General Assembly.\n";
        let m = read_text("r.txt", t, SourceFormat::Text);
        assert_eq!(ids(&m), ["HEADER", "PP1", "OP1"]);
    }

    #[test]
    fn annexes_and_footnotes() {
        let t = "1. Decides that all States shall prohibit the items in the annex;\n\n2. Decides to remain seized of the matter.\n\n\nAnnex\nList of items:\n\nI. Pumps of medium capacity.\n\nII. Equipment:\n\nAdopted at the 3312th meeting by 11 votes to none\n\n\n1 See Official Records\n";
        let m = read_text("r.txt", t, SourceFormat::Text);
        assert_eq!(
            ids(&m),
            ["OP1", "OP2", "ANNEX", "ANNEX-P1", "ANNEX-P2", "FOOTER"]
        );
        assert_eq!(get(&m, "ANNEX").text, "Annex List of items:");
        assert_eq!(get(&m, "FOOTER").last_line, 16);
    }

    #[test]
    fn fullwidth_paragraph_numbers_open_operative_paragraphs() {
        let t = "The Security Council,\n\nRecalling its resolutions,\n\n１．Decides that the Mission shall monitor the borders;\n\n２．Requests the Secretary-General to report;\n";
        let m = read_text("r.txt", t, SourceFormat::Text);
        assert_eq!(ids(&m), ["HEADER", "PP1", "OP1", "OP2"]);
        let op1 = get(&m, "OP1");
        assert_eq!(
            op1.text,
            "Decides that the Mission shall monitor the borders;"
        );
        assert_eq!(op1.clauses[0].force, Force::Mandate);
    }

    #[test]
    fn multi_level_numbers_are_sub_paragraphs_of_their_paragraph() {
        let t = "The Security Council,\n\nRecalling its resolutions,\n\n1. Decides that the mandate of the Mission shall be:\n\n1.1 To monitor the borders;\n\n1.1.1 (a) To patrol;\n\n(b) To report;\n\n1.2 To protect civilians;\n\n2. Requests the Secretary-General to report;\n\n2.1 Further requests him to consult;\n";
        let m = read_text("r.txt", t, SourceFormat::Text);
        assert_eq!(
            ids(&m),
            [
                "HEADER",
                "PP1",
                "OP1",
                "OP1.1",
                "OP1.1.1",
                "OP1.1.1(a)",
                "OP1.1.1(b)",
                "OP1.2",
                "OP2",
                "OP2.1"
            ]
        );
        let parent = |id| get(&m, id).parent.as_deref();
        assert_eq!(parent("OP1.1"), Some("OP1"));
        assert_eq!(parent("OP1.1.1"), Some("OP1.1"));
        assert_eq!(parent("OP1.1.1(b)"), Some("OP1.1.1"));
        assert_eq!(parent("OP1.2"), Some("OP1"));
        assert_eq!(parent("OP2.1"), Some("OP2"));
        // "To monitor…" has no verb of its own: it takes its paragraph's.
        let c = &get(&m, "OP1.1").clauses[0];
        assert_eq!(
            (c.verb.as_deref(), c.force),
            (Some("Decides"), Force::Mandate)
        );
        assert_eq!(get(&m, "OP1.2").text, "To protect civilians;");
    }

    #[test]
    fn a_draft_numbered_only_in_two_levels_reads_as_operative() {
        let t = "The Security Council,\n\nRecalling its resolutions,\n\n1.1 Decides that the Mission shall monitor the borders;\n\n1.2 Requests the Secretary-General to report;\n\n2.1 Decides to remain seized of the matter.\n";
        let m = read_text("r.txt", t, SourceFormat::Text);
        assert_eq!(ids(&m), ["HEADER", "PP1", "OP1.1", "OP1.2", "OP2.1"]);
        assert_eq!(get(&m, "OP1.1").parent, None);
        assert_eq!(get(&m, "OP1.2").parent, None);
        let c = &get(&m, "OP1.2").clauses[0];
        assert_eq!(c.verb.as_deref(), Some("Requests"));
    }

    #[test]
    fn absurd_numbers_are_text_and_the_paragraphs_after_them_are_read() {
        let thirty = "123456789012345678901234567890";
        let t = format!("The Security Council,\n\n1. Decides that the Mission shall monitor the borders;\n\n{thirty}. Decides that the Mission shall patrol;\n\n2. Requests the Secretary-General to report;\n\n3.{thirty} Decides to act;\n\n3. Decides to remain seized of the matter.\n");
        let m = read_text("r.txt", &t, SourceFormat::Text);
        assert_eq!(ids(&m), ["HEADER", "OP1", "OP2", "OP3"]);
        assert!(get(&m, "OP1")
            .text
            .ends_with(&format!("{thirty}. Decides that the Mission shall patrol;")));
        assert!(get(&m, "OP2")
            .text
            .ends_with(&format!("3.{thirty} Decides to act;")));
    }

    #[test]
    fn multi_level_numbers_out_of_sequence_are_text() {
        // "5.1" inside paragraph 1 is a figure or a cross-reference, not paragraph 5.
        let t = "1. Decides that the Mission shall monitor the borders;\n\n5.1 Million people are displaced;\n\n2. Requests the Secretary-General to report;\n";
        let m = read_text("r.txt", t, SourceFormat::Text);
        assert_eq!(ids(&m), ["OP1", "OP2"]);
    }

    #[test]
    fn never_panics() {
        let huge = "x".repeat(200_000);
        let inputs = [
            "",
            "\n\n\n",
            "1.",
            "(a)",
            "A\nB\nC",
            "\u{0}\u{1}\u{fffd}é-\nà",
            huge.as_str(),
            "1. Decides\n(a)\n(i)\n(6)\n(zz) x\nAnnex\n",
            "## \n# \n#######",
            "1.1\n1.1.1.1.1.1.1.1.1 A\n９９９．１ B\n１．\n．\n",
            "999.999.999.999.999.999.999.999.999 Decides\n4294967295. Decides\n",
        ];
        for t in inputs {
            for f in [SourceFormat::Text, SourceFormat::Markdown] {
                let _ = read_text("x", t, f);
            }
        }
    }
}
