//! Places in a YAML file. A value's place from its path (`rules[2].criteria[0].force`), so
//! that a problem found after parsing can still name its line and column: the YAML library
//! keeps no positions on values, so [`locate`] follows the indentation of block-style YAML,
//! which is how rulebooks are written, and falls back to the nearest enclosing place it can
//! find ([`find`] says when it cannot find the whole path). A reader that needs many places
//! in one file splits it into [`Lines`] once and walks on from places already found (a rule's,
//! then its criteria's), so that the whole file costs time in proportion to its length. The
//! value at a path in a parsed document ([`value_at`]), and a scalar's text on or after a line
//! ([`Lines::find_text`], [`Lines::column_of`]), for values a path cannot reach, such as a
//! phrase inside a flow list.

use serde_yaml::Value;

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    /// A key of a mapping.
    Key(String),
    /// An item of a list (0-based).
    Index(usize),
}

/// The 1-based (line, column) of the value at `path`: the key's position for a key, the
/// first character after `- ` for a list item. An empty path is the top of the file. Where a
/// step of the path is not found, the place of the last step that was.
pub fn locate(text: &str, path: &[Seg]) -> (u32, u32) {
    let lines = Lines::new(text);
    lines.locate(lines.top(), path).at()
}

/// The 1-based (line, column) of the value at `path`, as [`locate`] gives it, or `None` when
/// a step of the path is not in the text.
pub fn find(text: &str, path: &[Seg]) -> Option<(u32, u32)> {
    let lines = Lines::new(text);
    lines.find(lines.top(), path).map(|p| p.at())
}

/// The value at `path` in a parsed document.
pub fn value_at<'a>(doc: &'a Value, path: &[Seg]) -> Option<&'a Value> {
    path.iter().try_fold(doc, |v, seg| match seg {
        Seg::Key(k) => v.get(k.as_str()),
        Seg::Index(i) => v.get(*i),
    })
}

/// A YAML text split into lines once, for finding many places in it.
pub struct Lines<'a> {
    lines: Vec<&'a str>,
}

/// A place found in [`Lines`]: where a value is, and what a path walking on from it needs to
/// know (the indentation below which its block ends).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// 0-based line.
    line: usize,
    /// 0-based column, in chars.
    col: usize,
    /// The indentation at or below which the block of the value ends; `None` at the top.
    block_indent: Option<usize>,
    /// Whether this is the top of the file (no step walked yet).
    top: bool,
}

impl Place {
    /// The 1-based (line, column).
    pub fn at(&self) -> (u32, u32) {
        (self.line as u32 + 1, self.col as u32 + 1)
    }

    /// The 1-based line.
    pub fn line(&self) -> u32 {
        self.at().0
    }
}

impl<'a> Lines<'a> {
    /// `text` split into lines.
    pub fn new(text: &'a str) -> Self {
        Lines {
            lines: text.lines().collect(),
        }
    }

    /// The top of the file, where the empty path is: its first line of content.
    pub fn top(&self) -> Place {
        let line = first_content_line(&self.lines, 0).unwrap_or(0);
        Place {
            line,
            col: indent(self.lines.get(line).copied().unwrap_or("")),
            block_indent: None,
            top: true,
        }
    }

    /// The place of the value at `path` below `from` (the top, or a place found before), or
    /// `None` when a step of the path is not in the text. Walking `a` then `b` from where `a`
    /// was found is walking `a` and `b` at once.
    pub fn find(&self, from: Place, path: &[Seg]) -> Option<Place> {
        let (place, whole) = self.walk(from, path);
        whole.then_some(place)
    }

    /// The place of the value at `path` below `from`, or of the last step of it found.
    pub fn locate(&self, from: Place, path: &[Seg]) -> Place {
        self.walk(from, path).0
    }

    /// Every item of the block list whose key is at `at`, in order, in one pass: the `i`-th
    /// is where `find(at, &[Seg::Index(i)])` is.
    pub fn items(&self, at: Place) -> Vec<Place> {
        let mut out = Vec::new();
        each_item(&self.lines, at.line, at.col, |line, col| {
            out.push(item_place(line, col));
            true
        });
        out
    }

    /// The 1-based (line, column) of the first occurrence of `needle`'s first line (trimmed)
    /// on or after 1-based line `from`; `None` for a blank needle.
    pub fn find_text(&self, from: u32, needle: &str) -> Option<(u32, u32)> {
        let first = needle.lines().next().unwrap_or(needle).trim();
        if first.is_empty() {
            return None;
        }
        self.lines
            .iter()
            .enumerate()
            .skip(from.saturating_sub(1) as usize)
            .find_map(|(i, l)| {
                l.find(first)
                    .map(|b| (i as u32 + 1, l[..b].chars().count() as u32 + 1))
            })
    }

    /// The 1-based column of `needle` on 1-based `line`, if it is there.
    pub fn column_of(&self, line: u32, needle: &str) -> Option<u32> {
        self.lines
            .get(line.saturating_sub(1) as usize)
            .and_then(|l| l.find(needle).map(|b| l[..b].chars().count() as u32 + 1))
    }

    /// The place of the value at `path` from `from` (or of the last step found), and whether
    /// every step was found.
    fn walk(&self, from: Place, path: &[Seg]) -> (Place, bool) {
        let mut at = from;
        for seg in path {
            let found = match seg {
                Seg::Key(k) => find_key(&self.lines, at, k).map(|(line, col)| Place {
                    line,
                    col,
                    block_indent: Some(col),
                    top: false,
                }),
                Seg::Index(i) => {
                    let mut count = 0;
                    let mut found = None;
                    each_item(&self.lines, at.line, at.col, |line, col| {
                        if count == *i {
                            found = Some(item_place(line, col));
                            return false;
                        }
                        count += 1;
                        true
                    });
                    found
                }
            };
            match found {
                Some(p) => at = p,
                None => return (at, false),
            }
        }
        (at, true)
    }
}

/// The place of a list item whose content starts at (`line`, `col`).
fn item_place(line: usize, col: usize) -> Place {
    Place {
        line,
        col,
        block_indent: Some(col.saturating_sub(2)),
        top: false,
    }
}

fn indent(l: &str) -> usize {
    l.chars().take_while(|c| *c == ' ').count()
}

fn is_content(l: &str) -> bool {
    let t = l.trim_start();
    !t.is_empty() && !t.starts_with('#')
}

fn first_content_line(lines: &[&str], from: usize) -> Option<usize> {
    (from..lines.len()).find(|&i| is_content(lines[i]) && !lines[i].starts_with("---"))
}

/// The column where `key:` starts in `l` at or after char column `from_col`, as a key
/// (at the start of the content, after `- ` markers, or after `{`/`,` in a flow mapping),
/// plain or quoted, with or without spaces before its colon (`key :`). One pass over the
/// line: a scalar may be very long (a pasted paragraph), so nothing here may cost more than
/// the line's length times the key's.
fn key_col(l: &str, key: &str, from_col: usize) -> Option<usize> {
    // Most lines do not have the key at all; a substring search says so quickly.
    if !l.contains(key) {
        return None;
    }
    let forms = [key.to_string(), format!("\"{key}\""), format!("'{key}'")];
    let is_key_at = |b: usize| {
        forms.iter().any(|f| {
            l[b..]
                .strip_prefix(f.as_str())
                .is_some_and(|after| after.trim_start_matches([' ', '\t']).starts_with(':'))
        })
    };
    // The last character before the current one that is not a space.
    let mut before: Option<char> = None;
    for (i, (b, ch)) in l.char_indices().enumerate() {
        if i >= from_col
            && matches!(before, None | Some('-') | Some('{') | Some(','))
            && is_key_at(b)
        {
            return Some(i);
        }
        if ch != ' ' {
            before = Some(ch);
        }
    }
    None
}

/// The place of `key` in the block of `at` (or in a flow mapping on its line).
fn find_key(lines: &[&str], at: Place, key: &str) -> Option<(usize, usize)> {
    let Place {
        line: from,
        col,
        block_indent,
        top,
    } = at;
    // A flow mapping on the current line: `source: {author: A, date: …}`.
    if !top {
        if let Some(l) = lines.get(from) {
            if let Some(c) = key_col(l, key, col + 1) {
                return Some((from, c));
            }
        }
    }
    for (i, l) in lines.iter().enumerate().skip(from) {
        if !is_content(l) {
            continue;
        }
        let ind = indent(l);
        if i > from {
            if let Some(b) = block_indent {
                // Left the enclosing block.
                if ind <= b {
                    return None;
                }
            }
        }
        if let Some(c) = key_col(l, key, 0) {
            let depth_ok = match block_indent {
                None => c == 0,
                Some(b) => c > b || (i == from && c >= b),
            };
            if depth_ok {
                return Some((i, c));
            }
        }
    }
    None
}

/// Calls `visit` with the (line, column of content) of each item of the block list that
/// follows the key at (`line`, `col`), in order, until it returns false or the list ends.
fn each_item(lines: &[&str], line: usize, col: usize, mut visit: impl FnMut(usize, usize) -> bool) {
    let mut dash_col: Option<usize> = None;
    for (i, l) in lines.iter().enumerate().skip(line + 1) {
        if !is_content(l) {
            continue;
        }
        let ind = indent(l);
        let is_item = l[ind..].starts_with("- ") || &l[ind..] == "-";
        match dash_col {
            None => {
                if !is_item || ind < col {
                    return;
                }
                dash_col = Some(ind);
            }
            Some(d) => {
                if ind < d || (ind == d && !is_item) {
                    return;
                }
            }
        }
        if is_item && Some(ind) == dash_col {
            let after = l[ind + 1..].chars().take_while(|c| *c == ' ').count();
            if !visit(i, ind + 1 + after) {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, path: &[Seg]) -> (u32, u32) {
        locate(text, path)
    }

    fn k(s: &str) -> Seg {
        Seg::Key(s.into())
    }

    const DOC: &str = "\
id: x
source: {author: A, title: T}
rules:
  - id: a
    weight: 1
    criteria:
      - id: c1
        any: [x]
      - id: c2
        forse: call
  - id: b
    weight: 2
";

    #[test]
    fn keys_and_items_are_found_by_indentation() {
        assert_eq!(at(DOC, &[k("id")]), (1, 1));
        assert_eq!(at(DOC, &[k("rules")]), (3, 1));
        assert_eq!(at(DOC, &[k("rules"), Seg::Index(0)]), (4, 5));
        assert_eq!(at(DOC, &[k("rules"), Seg::Index(1), k("weight")]), (12, 5));
        assert_eq!(
            at(
                DOC,
                &[
                    k("rules"),
                    Seg::Index(0),
                    k("criteria"),
                    Seg::Index(1),
                    k("forse")
                ]
            ),
            (10, 9)
        );
    }

    #[test]
    fn flow_mappings_and_missing_keys_fall_back_sensibly() {
        assert_eq!(at(DOC, &[k("source"), k("title")]), (2, 21));
        // A key that is not there: the enclosing item.
        assert_eq!(at(DOC, &[k("rules"), Seg::Index(1), k("quote")]), (11, 5));
    }

    #[test]
    fn quoted_keys_and_spaces_before_the_colon() {
        let doc = "facts:\n  \"police\" :\n    'arrest': false\n    border_security : true\n";
        assert_eq!(at(doc, &[k("facts"), k("police"), k("arrest")]), (3, 5));
        assert_eq!(
            at(doc, &[k("facts"), k("police"), k("border_security")]),
            (4, 5)
        );
    }

    #[test]
    fn a_long_line_is_searched_in_linear_time() {
        // One 100 000-character scalar, searched for keys that are not there: quadratic
        // work here would take minutes.
        let doc = format!("a: [{}]\nb: 1\n", "x ".repeat(50_000));
        assert_eq!(find(&doc, &[k("b")]), Some((2, 1)));
        assert_eq!(find(&doc, &[k("a"), k("x")]), None);
    }

    #[test]
    fn items_are_where_each_index_is() {
        let lines = Lines::new(DOC);
        let rules = lines.find(lines.top(), &[k("rules")]).unwrap();
        let items = lines.items(rules);
        assert_eq!(items.len(), 2);
        for (i, item) in items.iter().enumerate() {
            assert_eq!(lines.find(rules, &[Seg::Index(i)]), Some(*item));
            assert_eq!(
                lines.find(*item, &[k("weight")]).map(|p| p.at()),
                find(DOC, &[k("rules"), Seg::Index(i), k("weight")])
            );
        }
    }

    #[test]
    fn lists_at_the_same_indentation_as_their_key() {
        let doc = "rules:\n- id: a\n- id: b\n  weight: 3\n";
        assert_eq!(at(doc, &[k("rules"), Seg::Index(1), k("weight")]), (4, 3));
    }
}
