//! Markdown drafts, read with a CommonMark parser (pulldown-cmark) and turned into the plain
//! lines that the text reader (`text.rs`) already splits into provisions. Every source line
//! keeps its number, so evidence names the line of the original file:
//! - HTML comments, HTML blocks, code blocks (fenced and indented) and front matter (YAML
//!   `---` or TOML `+++` at the top) are not draft text: their lines are left blank.
//! - A heading is a line marked with its level (`## A` opens section A, as before;
//!   `## Mandate of MINUSMA` ends the paragraph before it and carries no text).
//! - An ordered list is a run of operative paragraphs with their own numbers: each item's
//!   line reads "5. …" with the number the item prints (as analysts cite it), except that a
//!   list whose items all print its first number ("1. 1. 1.") is numbered as a renderer
//!   displays it (1, 2, 3). The text reader takes an item's number as the paragraph's even
//!   where it skips numbers (a list that starts at 5, or paragraphs 2–4 left in a comment).
//!   A list nested in a numbered item gives its sub-paragraphs "(a)", "(b)" …, and one nested
//!   in those "(i)", "(ii)" …, unless the item already begins with its own "(a)". Bullet
//!   lists at the top are plain paragraphs (and a numbered list inside one is read as if it
//!   stood at the top).
//! - Emphasis, links and images are reduced to their text; inline code keeps its text; inline
//!   HTML tags are dropped, and the inside of `<script>` and `<style>` with them.
//!
//! A comment or fence never closed hides the rest of the file, as it does when the Markdown
//! is displayed; a draft left with no text at all is refused ("nothing to score"), naming the
//! line where the unclosed comment or fence opens.

use super::lines::{self, Line};
use crate::error::Error;
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

/// A comment or code fence that runs to the end of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unclosed {
    /// `<!--` without `-->`, opened on this line (1-based).
    Comment(u32),
    /// A ``` or ~~~ fence without its closing fence, opened on this line.
    Fence(u32),
}

/// A Markdown draft turned into plain lines.
#[derive(Debug, Clone)]
pub(super) struct Prepared {
    /// One line per source line, in order; hidden lines are blank.
    pub lines: Vec<Line>,
    /// The first comment or fence that is never closed, if any.
    pub unclosed: Option<Unclosed>,
}

/// The refusal of a Markdown draft with no text outside comments, code blocks and front
/// matter, naming the line of a comment or fence never closed; `None` when it has text.
pub(super) fn nothing_to_score(label: &str, prepared: &Prepared) -> Option<Error> {
    if !prepared.lines.iter().all(Line::is_blank) {
        return None;
    }
    let d = crate::Diagnostic::new(
        label,
        "the draft has no text outside Markdown comments, code blocks and front matter: \
         there is nothing to score",
    );
    let d = match prepared.unclosed {
        Some(Unclosed::Comment(line)) => d.at(line, 1).hint(
            "the comment opened here with `<!--` is never closed, so it hides the rest of \
             the file: close it with `-->` where the hidden text should end",
        ),
        Some(Unclosed::Fence(line)) => d.at(line, 1).hint(
            "the code block opened here with a fence (```) is never closed, so the rest of \
             the file is code, not draft text: close it with the same fence, or remove it",
        ),
        None => d.hint(
            "Markdown comments (<!-- … -->), code blocks and front matter are not read as \
             draft text: write the provisions outside them",
        ),
    };
    Some(Error::Mandate(d))
}

/// One list being read: its first number (`None` for a bullet list), the items seen so far
/// and the level of sub-paragraph its items are (0: not numbered, 1: "5.", 2: "(a)", 3: "(i)").
struct List {
    id: usize,
    start: Option<u64>,
    seen: u64,
    level: usize,
}

/// The marker of the item being read, put before its first text.
struct Pending {
    marker: String,
    line: usize,
    sub: bool,
    /// The list and the number printed, for an item at the top.
    list: usize,
    n: u64,
}

/// An item at the top placed on its line: (line, list, number printed).
type Placed = (usize, usize, u64);

/// Turns Markdown into plain lines, one per source line.
pub(super) fn prepare(text: &str) -> Prepared {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |offset: usize| starts.partition_point(|&s| s <= offset).saturating_sub(1);
    let mut bufs = vec![String::new(); starts.len()];
    let mut headings: Vec<Option<usize>> = vec![None; starts.len()];
    let mut hidden = 0usize;
    let mut heading: Option<usize> = None;
    let mut lists: Vec<List> = Vec::new();
    let mut pending: Option<Pending> = None;
    let mut unclosed = None;
    let mut top_items: Vec<Placed> = Vec::new();
    let mut lists_opened = 0usize;
    let mut script = false;

    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                hidden += 1;
                if matches!(kind, CodeBlockKind::Fenced(_)) && !fence_closed(&text[range.clone()]) {
                    unclosed = unclosed.or(Some(Unclosed::Fence(number(line_of(range.start)))));
                }
            }
            Event::Start(Tag::MetadataBlock(_)) => hidden += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::MetadataBlock(_)) => {
                hidden = hidden.saturating_sub(1);
            }
            Event::Start(Tag::HtmlBlock) => {
                let block = &text[range.clone()];
                if block.trim_start().starts_with("<!--") && !block.contains("-->") {
                    unclosed = unclosed.or(Some(Unclosed::Comment(number(line_of(range.start)))));
                }
            }
            Event::Start(Tag::Heading { level, .. }) => heading = Some(level as usize),
            Event::End(TagEnd::Heading(_)) => heading = None,
            Event::Start(Tag::List(start)) => {
                // A list in a bullet item ("- 5. Decides") counts as one at the top.
                let level = match lists.last() {
                    Some(outer) if outer.level > 0 => outer.level + 1,
                    _ => usize::from(start.is_some()),
                };
                lists_opened += 1;
                lists.push(List {
                    id: lists_opened,
                    start,
                    seen: 0,
                    level,
                });
            }
            Event::End(TagEnd::List(_)) => {
                flush(&mut pending, &mut bufs, &mut top_items);
                if let Some(list) = lists.pop() {
                    renumber_lazy(&list, &top_items, &mut bufs);
                }
            }
            Event::Start(Tag::Item) => {
                flush(&mut pending, &mut bufs, &mut top_items);
                if let Some(list) = lists.last_mut() {
                    let k = list.start.unwrap_or(1).saturating_sub(1) + list.seen;
                    // The number the item prints, as the reader of the source sees it.
                    let n = written_number(&text[range.start..])
                        .or_else(|| list.start.map(|s| s.saturating_add(list.seen)))
                        .unwrap_or(list.seen + 1);
                    list.seen += 1;
                    let marker = match list.level {
                        1 => format!("{n}. "),
                        2 => format!("({}) ", letter(k)),
                        3 => format!("({}) ", roman(k + 1)),
                        _ => String::new(),
                    };
                    if !marker.is_empty() {
                        pending = Some(Pending {
                            marker,
                            line: line_of(range.start),
                            sub: list.level >= 2,
                            list: list.id,
                            n,
                        });
                    }
                }
            }
            Event::End(TagEnd::Item) => flush(&mut pending, &mut bufs, &mut top_items),
            Event::InlineHtml(tag) => {
                // What a browser does not show: the inside of <script> and <style>.
                let tag = tag.trim().to_ascii_lowercase();
                if ["<script", "<style"].iter().any(|t| tag.starts_with(t)) && !tag.ends_with("/>")
                {
                    script = true;
                } else if tag.starts_with("</script") || tag.starts_with("</style") {
                    script = false;
                }
            }
            Event::End(TagEnd::Paragraph) => script = false,
            Event::Text(t) | Event::Code(t) if hidden == 0 && !script => {
                let mut line = line_of(range.start);
                if let Some(p) = pending.take() {
                    let own_marker = p.sub && lines::sub_marker(t.trim_start()).is_some();
                    if !own_marker {
                        push(&mut bufs, line, &p.marker);
                    }
                    if !p.sub {
                        top_items.push((line, p.list, p.n));
                    }
                }
                for (i, part) in t.split('\n').enumerate() {
                    if i > 0 {
                        line += 1;
                    }
                    push(&mut bufs, line, part);
                    if let (Some(level), Some(h)) = (heading, headings.get_mut(line)) {
                        *h = Some(level);
                    }
                }
            }
            _ => {}
        }
    }
    flush(&mut pending, &mut bufs, &mut top_items);
    let mut items = vec![false; starts.len()];
    for (i, _, _) in top_items {
        if let Some(item) = items.get_mut(i) {
            *item = true;
        }
    }
    let lines = bufs
        .into_iter()
        .zip(headings)
        .zip(items)
        .enumerate()
        .map(|(i, ((text, heading), list_item))| Line {
            no: number(i),
            text: lines::clean(&text),
            heading,
            list_item,
        })
        .collect();
    Prepared { lines, unclosed }
}

/// The 1-based number of the 0-based line `i`.
fn number(i: usize) -> u32 {
    u32::try_from(i + 1).unwrap_or(u32::MAX)
}

/// Appends `s` to line `line`, if there is such a line.
fn push(bufs: &mut [String], line: usize, s: &str) {
    if let Some(b) = bufs.get_mut(line) {
        b.push_str(s);
    }
}

/// Writes the marker of an item that had no text of its own on the item's line.
fn flush(pending: &mut Option<Pending>, bufs: &mut [String], top_items: &mut Vec<Placed>) {
    if let Some(p) = pending.take() {
        push(bufs, p.line, p.marker.trim_end());
        if !p.sub {
            top_items.push((p.line, p.list, p.n));
        }
    }
}

/// The number an ordered list item prints ("12." or "12)" at the start of `item`).
fn written_number(item: &str) -> Option<u64> {
    let t = item.trim_start_matches([' ', '\t', '>']);
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    t.get(..digits)?.parse().ok()
}

/// A list whose items all print the number it starts with ("1. … 1. … 1."), as Markdown
/// lets authors write, is numbered as it is displayed: 1, 2, 3.
fn renumber_lazy(list: &List, placed: &[Placed], bufs: &mut [String]) {
    let items: Vec<&Placed> = placed.iter().filter(|(_, l, _)| *l == list.id).collect();
    let Some(&&(_, _, first)) = items.first() else {
        return;
    };
    if items.len() < 2 || items.iter().any(|(_, _, n)| *n != first) {
        return;
    }
    let old = format!("{first}.");
    for (k, (line, _, _)) in (0u64..).zip(items) {
        if let Some(b) = bufs.get_mut(*line) {
            if let Some(rest) = b.strip_prefix(&old) {
                *b = format!("{}.{rest}", first.saturating_add(k));
            }
        }
    }
}

/// Whether a fenced code block's source ends with its closing fence.
fn fence_closed(block: &str) -> bool {
    let mut rows = block.lines().filter(|l| !l.trim().is_empty());
    let Some(open) = rows.next().map(str::trim_start) else {
        return false;
    };
    let Some(c) = open.chars().next() else {
        return false;
    };
    let width = open.chars().take_while(|&x| x == c).count();
    rows.next_back().is_some_and(|close| {
        let close = close.trim();
        close.chars().all(|x| x == c) && close.chars().count() >= width
    })
}

/// The `k`-th letter (0 → a); past z, the number in brackets as the text reader reads it.
fn letter(k: u64) -> String {
    match u8::try_from(k) {
        Ok(k) if k < 26 => char::from(b'a' + k).to_string(),
        _ => (k + 1).to_string(),
    }
}

/// A lower-case roman numeral (1 → i); past 39, the number.
fn roman(n: u64) -> String {
    if n == 0 || n > 39 {
        return n.to_string();
    }
    let mut out = "x".repeat(usize::try_from(n / 10).unwrap_or(0));
    out.push_str(["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"][(n % 10) as usize]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(md: &str) -> Vec<String> {
        prepare(md).lines.into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn comments_code_and_front_matter_are_blank_lines() {
        let md = "---\ntitle: x\n---\nRecalling <u>X</u><script>y()</script>,\n\n<!--\n2. Decides Y;\n-->\n\n```\n3. Decides Z;\n```\n\n    4. Decides W;\n\nNoting V <!-- not this --> here,\n";
        assert_eq!(
            texts(md),
            [
                "",
                "",
                "",
                "Recalling X,",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "Noting V  here,",
                ""
            ]
        );
        assert_eq!(prepare(md).unclosed, None);
    }

    #[test]
    fn lists_keep_their_numbers_and_nest_as_sub_paragraphs() {
        let md = "5. Decides that:\n   1. first;\n   2. second:\n      - one;\n      - two;\n6. Requests *the* [Secretary-General](http://x);\n   - (c) own marker;\n";
        assert_eq!(
            texts(md),
            [
                "5. Decides that:",
                "(a) first;",
                "(b) second:",
                "(i) one;",
                "(ii) two;",
                "6. Requests the Secretary-General;",
                "(c) own marker;",
                ""
            ]
        );
        assert_eq!(
            texts("- Recalling X,\n- Noting Y,"),
            ["Recalling X,", "Noting Y,"]
        );
        assert_eq!(texts("1) Calls upon"), ["1. Calls upon"]);
        assert_eq!(texts("- 5. Decides X;"), ["5. Decides X;"]);
        // Items that all print the first number are numbered as displayed; others as printed.
        assert_eq!(
            texts("1. Decides X;\n1. Requests Y;\n1. Calls Z;"),
            ["1. Decides X;", "2. Requests Y;", "3. Calls Z;"]
        );
        assert_eq!(
            texts("1. Decides X;\n1. Requests Y;\n3. Calls Z;"),
            ["1. Decides X;", "1. Requests Y;", "3. Calls Z;"]
        );
    }

    #[test]
    fn headings_are_marked_with_their_level() {
        let l = prepare("# Draft\n\n## A\n\nTitle\n=====\n").lines;
        assert_eq!((l[0].text.as_str(), l[0].heading), ("Draft", Some(1)));
        assert_eq!((l[2].text.as_str(), l[2].heading), ("A", Some(2)));
        assert_eq!((l[4].text.as_str(), l[4].heading), ("Title", Some(1)));
        assert_eq!((l[5].text.as_str(), l[5].heading), ("", None));
    }

    #[test]
    fn unclosed_comments_and_fences_hide_the_rest_and_are_named() {
        let p = prepare("Recalling X,\n\n<!-- draft\n\n1. Decides Y;\n");
        assert_eq!(p.unclosed, Some(Unclosed::Comment(3)));
        assert!(p.lines[2..].iter().all(Line::is_blank));
        let p = prepare("Recalling X,\n\n~~~~\n1. Decides Y;\n~~~\n");
        assert_eq!(p.unclosed, Some(Unclosed::Fence(3)));
        assert!(p.lines[2..].iter().all(Line::is_blank));
        assert_eq!(prepare("```\nx\n```\n").unclosed, None);
    }

    #[test]
    fn letters_and_numerals() {
        assert_eq!(
            (letter(0), letter(25), letter(26)),
            ("a".into(), "z".into(), "27".into())
        );
        assert_eq!(
            (roman(4), roman(14), roman(39)),
            ("iv".into(), "xiv".into(), "xxxix".into())
        );
    }
}
