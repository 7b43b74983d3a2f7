//! Small helpers over quick-xml shared by the part readers: local names (WordprocessingML is
//! read by local name, so the `w:` prefix a producer chose does not matter), attribute values,
//! entity references, and a well-formedness problem named after its part.

use quick_xml::events::{BytesRef, BytesStart};
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

/// The local name of an element (`pPr` for `w:pPr`).
pub(super) fn local(e: &BytesStart) -> String {
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
pub(super) fn reference(r: &BytesRef) -> Option<char> {
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

/// A reader over a part's text with end-name checks on.
pub(super) fn reader(xml: &str) -> Reader<&[u8]> {
    let mut r = Reader::from_reader(xml.as_bytes());
    r.config_mut().check_end_names = true;
    r
}

/// The problem for a part that is not well-formed XML.
pub(super) fn malformed(part: &str, at: u64, what: impl std::fmt::Display) -> Problem {
    Problem::new(
        format!("{part} is not well-formed XML (at byte {at}: {what})"),
        "the file is damaged: open it in Word and save it again, or export the draft as text",
    )
}
