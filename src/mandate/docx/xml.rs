//! Small helpers over quick-xml shared by the part readers: the one walk over a part's events
//! ([`walk`]: elements by local name, since WordprocessingML is read by local name and the
//! `w:` prefix a producer chose does not matter; the path of open elements; text; the
//! well-formedness problem named after its part), attribute values and entity references. An
//! entity XML does not define (`&nbsp;` from HTML, a name made up) makes the part not
//! well-formed, as XML 1.0 says: it is refused with its line and column rather than dropped.

use quick_xml::events::{BytesCData, BytesRef, BytesStart, BytesText, Event};
use quick_xml::{Reader, XmlVersion};

/// Why a package cannot be read: a message for the user and a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Problem {
    pub message: String,
    pub hint: &'static str,
}

impl Problem {
    pub fn new(message: impl Into<String>, hint: &'static str) -> Self {
        Problem {
            message: message.into(),
            hint,
        }
    }
}

/// What [`walk`] meets in a part, in document order.
pub(super) enum Node<'a> {
    /// An element opens (an empty one too): its local name, the element for its attributes,
    /// and the local names of the elements it is in, outermost first.
    Open {
        name: &'a str,
        element: &'a BytesStart<'a>,
        path: &'a [String],
    },
    /// An element closes (an empty one right after it opens); `path` no longer holds it.
    Close { name: &'a str, path: &'a [String] },
    /// Character data.
    Text(Text<'a>),
}

/// Character data: text, a character or entity reference, or a CDATA section.
pub(super) enum Text<'a> {
    Chars(&'a BytesText<'a>),
    Reference(&'a BytesRef<'a>),
    CData(&'a BytesCData<'a>),
}

impl Text<'_> {
    /// Appends the text to `s`: line ends as XML 1.0 reads them, a reference resolved ([`walk`]
    /// refuses the part before an unknown entity reaches here), a CDATA section as it stands.
    pub fn push_to(&self, s: &mut String) {
        match self {
            Text::Chars(t) => s.push_str(&t.xml10_content()),
            Text::Reference(r) => {
                if let Some(c) = reference(r) {
                    s.push(c);
                }
            }
            Text::CData(c) => s.push_str(c),
        }
    }
}

/// What a part that ends with elements still open is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unclosed {
    /// Not well-formed: refused, naming the open elements.
    Refused,
    /// Read as far as it goes.
    Tolerated,
}

/// Reads a part from start to end with end-name checks on, telling `visit` of each element
/// opening and closing and of its text; comments, processing instructions and declarations
/// are passed over. XML that is not well-formed is the [`malformed`] problem of `part`, at
/// the byte where reading failed; a reference to an entity XML does not define is the
/// [`undefined_entity`] problem, at its line and column.
pub(super) fn walk(
    part: &str,
    text: &str,
    unclosed: Unclosed,
    mut visit: impl FnMut(Node<'_>),
) -> Result<(), Problem> {
    let mut r = reader(text);
    // The local names of the open elements, outermost first.
    let mut path: Vec<String> = Vec::new();
    loop {
        let ev = r
            .read_event()
            .map_err(|e| malformed(part, r.error_position(), e))?;
        match &ev {
            Event::Start(e) | Event::Empty(e) => {
                let name = local(e);
                visit(Node::Open {
                    name: &name,
                    element: e,
                    path: &path,
                });
                if matches!(ev, Event::Empty(_)) {
                    visit(Node::Close {
                        name: &name,
                        path: &path,
                    });
                } else {
                    path.push(name);
                }
            }
            Event::End(_) => {
                let name = path.pop().unwrap_or_default();
                visit(Node::Close {
                    name: &name,
                    path: &path,
                });
            }
            Event::Text(t) => visit(Node::Text(Text::Chars(t))),
            Event::GeneralRef(g) => {
                if reference(g).is_none() {
                    // The reader stands just past the reference's `;`.
                    let end = usize::try_from(r.buffer_position()).unwrap_or(usize::MAX);
                    let at = end.saturating_sub(g.len() + 2);
                    return Err(undefined_entity(part, text, at, g));
                }
                visit(Node::Text(Text::Reference(g)))
            }
            Event::CData(c) => visit(Node::Text(Text::CData(c))),
            Event::Eof => break,
            _ => {}
        }
    }
    if unclosed == Unclosed::Refused && !path.is_empty() {
        return Err(malformed(
            part,
            text.len() as u64,
            format!("the part ends inside <{}>", path.join("><")),
        ));
    }
    Ok(())
}

/// The local name of an element (`pPr` for `w:pPr`).
fn local(e: &BytesStart) -> String {
    e.local_name().as_ref().to_string()
}

/// The value of the attribute whose local name is `name` (`w:val` → "val"), unescaped.
pub(super) fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == name).then(|| {
            a.normalized_value(XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.to_string())
        })
    })
}

/// A numeric attribute (`w:val="3"`); `None` when absent or not a number.
pub(super) fn num_attr(e: &BytesStart, name: &str) -> Option<u32> {
    attr(e, name).and_then(|v| v.trim().parse().ok())
}

/// Whether an on/off property is on: present without a value, or `true`/`1`/`on`.
pub(super) fn on(e: &BytesStart) -> bool {
    !matches!(
        attr(e, "val").as_deref(),
        Some("false") | Some("0") | Some("off")
    )
}

/// The text of `&amp;`, `&#8212;` and the other predefined or character references.
fn reference(r: &BytesRef) -> Option<char> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return Some(c);
    }
    match r.as_ref() {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => None,
    }
}

/// The problem for a reference to an entity XML does not define, `&name;` at byte `at`.
fn undefined_entity(part: &str, text: &str, at: usize, name: &str) -> Problem {
    let (line, column) = line_column(text, at);
    Problem::new(
        format!(
            "{part} is not well-formed XML (line {line}, column {column}: the entity &{name}; is \
             not defined; XML knows only &amp; &lt; &gt; &quot; &apos; and numbered characters \
             such as &#160;)"
        ),
        "the file was made or altered by a program that does not write Word's XML: open it in \
         Word and save it again, or export the draft as text",
    )
}

/// The 1-based line and column (in characters) of byte `at` of `text`.
fn line_column(text: &str, at: usize) -> (usize, usize) {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.bytes().filter(|b| *b == b'\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

/// A reader over a part's text with end-name checks on.
fn reader(xml: &str) -> Reader<&[u8]> {
    let mut r = Reader::from_reader(xml.as_bytes());
    r.config_mut().check_end_names = true;
    r
}

/// The problem for a part that is not well-formed XML.
fn malformed(part: &str, at: u64, what: impl std::fmt::Display) -> Problem {
    Problem::new(
        format!("{part} is not well-formed XML (at byte {at}: {what})"),
        "the file is damaged: open it in Word and save it again, or export the draft as text",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The nodes of a part as words: `+a[r/p]` opens `a` in `r/p`, `-a[r]` closes it, `"x"`
    /// is text.
    fn nodes(xml: &str, unclosed: Unclosed) -> Result<Vec<String>, Problem> {
        let mut seen = Vec::new();
        walk("t.xml", xml, unclosed, |node| match node {
            Node::Open { name, path, .. } => seen.push(format!("+{name}[{}]", path.join("/"))),
            Node::Close { name, path } => seen.push(format!("-{name}[{}]", path.join("/"))),
            Node::Text(t) => {
                let mut s = String::new();
                t.push_to(&mut s);
                seen.push(format!("{s:?}"));
            }
        })?;
        Ok(seen)
    }

    #[test]
    fn elements_open_and_close_by_local_name_with_their_path_and_text() {
        let got = nodes(
            "<?xml version=\"1.0\"?><w:r x:a='1'><w:t>a&amp;b&#8212;</w:t><w:br/><!--c--><![CDATA[<d>]]></w:r>",
            Unclosed::Refused,
        )
        .unwrap();
        assert_eq!(
            got,
            [
                "+r[]", "+t[r]", "\"a\"", "\"&\"", "\"b\"", "\"—\"", "-t[r]", "+br[r]", "-br[r]",
                "\"<d>\"", "-r[]"
            ]
        );
    }

    #[test]
    fn damage_is_located_in_its_part_and_an_unclosed_end_refused_only_when_asked() {
        let e = nodes("<a><b></a>", Unclosed::Tolerated).unwrap_err();
        assert!(
            e.message
                .starts_with("t.xml is not well-formed XML (at byte "),
            "{}",
            e.message
        );
        assert_eq!(
            nodes("<a><b>", Unclosed::Refused).unwrap_err().message,
            "t.xml is not well-formed XML (at byte 6: the part ends inside <a><b>)"
        );
        assert_eq!(
            nodes("<a><b>", Unclosed::Tolerated).unwrap(),
            ["+a[]", "+b[a]"]
        );
    }

    #[test]
    fn an_undefined_entity_is_refused_at_its_line_and_column() {
        let e = nodes(
            "<w:document>\n  <w:p><w:t>a&amp;b</w:t></w:p>\n  <w:p><w:t>é&nbsp;x</w:t></w:p>\n</w:document>",
            Unclosed::Refused,
        )
        .unwrap_err();
        assert_eq!(
            e.message,
            "t.xml is not well-formed XML (line 3, column 14: the entity &nbsp; is not defined; \
             XML knows only &amp; &lt; &gt; &quot; &apos; and numbered characters such as &#160;)"
        );
        // The same entity at the very start of a part's only line.
        let e = nodes("<a>&x;</a>", Unclosed::Refused).unwrap_err();
        assert!(
            e.message.contains("(line 1, column 4: the entity &x; is"),
            "{}",
            e.message
        );
        assert_eq!(line_column("ab\ncé\nd", 6), (2, 3));
        // Inside a character: the character's column.
        assert_eq!(line_column("ab\ncé\nd", 5), (2, 2));
        assert_eq!(line_column("é", 1), (1, 1));
        assert_eq!(line_column("", 9), (1, 1));
    }
}
