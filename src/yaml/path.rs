//! Finding a value's place in a YAML file from its path (`rules[2].criteria[0].force`), so
//! that a problem found after parsing can still name its line and column. The YAML library
//! keeps no positions on values; this follows the indentation of block-style YAML, which is
//! how rulebooks are written, and falls back to the nearest enclosing place it can find.

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    /// A key of a mapping.
    Key(String),
    /// An item of a list (0-based).
    Index(usize),
}

/// The 1-based (line, column) of the value at `path`: the key's position for a key, the
/// first character after `- ` for a list item. An empty path is the top of the file.
pub fn locate(text: &str, path: &[Seg]) -> (u32, u32) {
    let lines: Vec<&str> = text.lines().collect();
    // The place found so far: line index, column (0-based, in chars) and the indentation
    // below which the current block ends.
    let mut line = first_content_line(&lines, 0).unwrap_or(0);
    let mut col = indent(lines.get(line).copied().unwrap_or(""));
    let mut block_indent: Option<usize> = None;
    let mut first = true;
    for seg in path {
        match seg {
            Seg::Key(k) => {
                let from = line;
                let found = find_key(&lines, from, first, block_indent, k, col);
                match found {
                    Some((l, c)) => {
                        line = l;
                        col = c;
                        block_indent = Some(c);
                    }
                    None => break,
                }
            }
            Seg::Index(i) => match find_item(&lines, line, col, *i) {
                Some((l, c)) => {
                    line = l;
                    col = c;
                    block_indent = Some(c.saturating_sub(2));
                }
                None => break,
            },
        }
        first = false;
    }
    (line as u32 + 1, col as u32 + 1)
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
/// (at the start of the content, after `- ` markers, or after `{`/`,` in a flow mapping).
fn key_col(l: &str, key: &str, from_col: usize) -> Option<usize> {
    let chars: Vec<char> = l.chars().collect();
    let patterns = [
        format!("{key}:"),
        format!("\"{key}\":"),
        format!("'{key}':"),
    ];
    let mut i = from_col.min(chars.len());
    while i < chars.len() {
        let rest: String = chars[i..].iter().collect();
        for p in &patterns {
            if rest.starts_with(p.as_str()) {
                let before = chars[..i].iter().rev().find(|c| **c != ' ');
                if matches!(before, None | Some('-') | Some('{') | Some(',')) {
                    return Some(i);
                }
            }
        }
        i += 1;
    }
    None
}

fn find_key(
    lines: &[&str],
    from: usize,
    first: bool,
    block_indent: Option<usize>,
    key: &str,
    col: usize,
) -> Option<(usize, usize)> {
    // A flow mapping on the current line: `source: {author: A, date: …}`.
    if !first {
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

/// The `index`-th item of the block list that follows the key at (`line`, `col`).
fn find_item(lines: &[&str], line: usize, col: usize, index: usize) -> Option<(usize, usize)> {
    let mut dash_col: Option<usize> = None;
    let mut count = 0;
    for (i, l) in lines.iter().enumerate().skip(line + 1) {
        if !is_content(l) {
            continue;
        }
        let ind = indent(l);
        let is_item = l[ind..].starts_with("- ") || &l[ind..] == "-";
        match dash_col {
            None => {
                if !is_item || ind < col {
                    return None;
                }
                dash_col = Some(ind);
            }
            Some(d) => {
                if ind < d || (ind == d && !is_item) {
                    return None;
                }
            }
        }
        if is_item && Some(ind) == dash_col {
            if count == index {
                let after = l[ind + 1..].chars().take_while(|c| *c == ' ').count();
                return Some((i, ind + 1 + after));
            }
            count += 1;
        }
    }
    None
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
    fn lists_at_the_same_indentation_as_their_key() {
        let doc = "rules:\n- id: a\n- id: b\n  weight: 3\n";
        assert_eq!(at(doc, &[k("rules"), Seg::Index(1), k("weight")]), (4, 3));
    }
}
