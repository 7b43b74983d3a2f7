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
    let mut out = serde_json::to_string_pretty(value).expect("a report value serialises");
    out.push('\n');
    out
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
}
