//! The JSON report: the view model serialised as it is, pretty-printed with a trailing
//! newline. Field order follows the view's structs, so the output is the same byte for byte
//! for the same input.

use crate::report::view::ReportView;
use serde::Serialize;

/// The view as pretty-printed JSON ending in a newline.
pub fn to_json(view: &ReportView) -> String {
    pretty_json(view)
}

/// Any of policycheck's report values as pretty-printed JSON ending in a newline.
///
/// serde_json fails only on a map whose keys are not strings or on a hand-written `Serialize`
/// that returns an error; the report types are derived structs of strings, numbers, vectors
/// and string-keyed maps, so for them it cannot fail, whatever the draft says.
#[allow(clippy::expect_used)] // audited: depends on the types above, never on input
pub fn pretty_json<T: Serialize + ?Sized>(value: &T) -> String {
    let mut out = pretty_fragment(value).expect("a report value serialises");
    out.push('\n');
    out
}

/// `value` as pretty-printed JSON without the final newline: strings written with the
/// characters [`crate::vocab::is_unsafe_char`] names as `\uXXXX` escapes (control characters,
/// bidirectional controls, noncharacters), so that the report, printed on a terminal or in a
/// CI log, shows them instead of obeying them, and a JSON reader gets the same text back.
pub(crate) fn pretty_fragment<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(
        &mut out,
        Inert(serde_json::ser::PrettyFormatter::new()),
    );
    value.serialize(&mut ser)?;
    // serde_json writes UTF-8 only.
    String::from_utf8(out).map_err(|e| serde_json::Error::io(std::io::Error::other(e)))
}

/// Writes `value` as compact JSON (one line) to `out`, strings escaped as in
/// [`pretty_fragment`].
pub(crate) fn write_compact<W: std::io::Write, T: Serialize + ?Sized>(
    out: W,
    value: &T,
) -> serde_json::Result<()> {
    let mut ser =
        serde_json::Serializer::with_formatter(out, Inert(serde_json::ser::CompactFormatter));
    value.serialize(&mut ser)
}

/// A formatter that writes as `F` does, with the unsafe characters of strings escaped.
struct Inert<F>(F);

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for Inert<F> {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        if crate::vocab::printable_ascii(fragment, b"") {
            return writer.write_all(fragment.as_bytes());
        }
        let mut rest = fragment;
        while let Some((at, c)) = rest
            .char_indices()
            .find(|&(_, c)| crate::vocab::is_unsafe_char(c))
        {
            writer.write_all(&rest.as_bytes()[..at])?;
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(writer, "\\u{unit:04x}")?;
            }
            rest = &rest[at + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }

    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn end_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_key(w)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::view::tests::sample;
    use crate::report::view::ViewOptions;

    #[test]
    fn json_has_the_documented_shape() {
        let (rulebook, assessment) = sample();
        let view = ReportView::build(&rulebook, &[assessment], &ViewOptions::default());
        let text = to_json(&view);
        assert!(text.ends_with("}\n"));
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["version"], 1);
        assert_eq!(v["rulebook"]["id"], "test-book");
        let doc = &v["documents"][0];
        assert_eq!(doc["path"], "drafts/one.md");
        assert_eq!(doc["score"], 66.7);
        assert_eq!(doc["passed"], serde_json::Value::Null);
        let rule = &doc["rules"][0];
        assert_eq!(rule["id"], "crime-task");
        assert_eq!(rule["verdict"], "met");
        assert_eq!(rule["score"], 1.0);
        assert_eq!(rule["evidence"][0]["provision"], "OP5(a)");
        assert_eq!(rule["evidence"][0]["line"], 20);
        assert!(rule["evidence"][0]["excerpt"].is_string());
        assert_eq!(to_json(&view), text, "deterministic");
    }

    #[test]
    fn unsafe_characters_are_escaped_and_read_back_the_same() {
        let text = "a\u{1b}[31m\nb\u{202e}c\u{fffe}\u{1fffe}d – “é”";
        let json = pretty_json(&serde_json::json!({ "path": text }));
        assert!(json.is_ascii() || !json.contains('\u{202e}'), "{json}");
        assert!(json.contains("\\u001b"), "{json}");
        assert!(json.contains("\\u202e"), "{json}");
        assert!(json.contains("\\ufffe"), "{json}");
        assert!(json.contains("\\ud83f\\udffe"), "a surrogate pair: {json}");
        assert!(json.contains("– “é”"), "other text as it is: {json}");
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["path"], text);
        let mut compact = Vec::new();
        write_compact(&mut compact, &serde_json::json!({ "path": text })).unwrap();
        let back: serde_json::Value = serde_json::from_slice(&compact).unwrap();
        assert_eq!(back["path"], text);
    }
}
