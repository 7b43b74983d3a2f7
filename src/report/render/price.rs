//! What laying out a piece of template costs, in *steps*: the unit of a render's work budget
//! (`budget.rs`). A step is a piece of template laid out once (text, `{{value}}`, a block, a
//! partial's element), each parameter and sub-expression a step more, a path one more per
//! segment and a literal one more per [`BYTES_PER_STEP`] bytes; a helper working through text
//! charges one per [`BYTES_PER_STEP`] bytes of it while rendering (`charged.rs`). The partials a
//! template includes are priced by the check of the set (`partials.rs`).

use handlebars::template::{Parameter, Template, TemplateElement};
use handlebars::{JsonRender, Path};
use std::collections::HashMap;

/// The bytes of text a helper may compare or transform for one step.
pub const BYTES_PER_STEP: u64 = 64;

/// The steps of each partial name (the most of the partials it may resolve to), for pricing
/// blocks while rendering.
pub type Costs = HashMap<String, u64>;

/// The steps of laying out `t` once: its elements and blocks, each repeated block once, and
/// the partials it includes at their price in `partials`.
pub fn steps(t: &Template, partials: &Costs) -> u64 {
    let mut total = 0u64;
    for e in &t.elements {
        total = total.saturating_add(element_steps(e));
        match e {
            TemplateElement::HelperBlock(h) => {
                for body in [&h.template, &h.inverse].into_iter().flatten() {
                    total = total.saturating_add(steps(body, partials));
                }
            }
            TemplateElement::PartialExpression(d) | TemplateElement::PartialBlock(d) => {
                if let Some(name) = static_name(&d.name) {
                    total = total.saturating_add(partials.get(&name).copied().unwrap_or(0));
                }
                if let Some(body) = &d.template {
                    total = total.saturating_add(steps(body, partials));
                }
            }
            _ => {}
        }
    }
    total
}

/// The steps of one element, its blocks and partials not counted: one, and its parameters'.
pub fn element_steps(e: &TemplateElement) -> u64 {
    let params: Box<dyn Iterator<Item = &Parameter>> = match e {
        TemplateElement::Expression(h)
        | TemplateElement::HtmlExpression(h)
        | TemplateElement::HelperBlock(h) => Box::new(
            std::iter::once(&h.name)
                .chain(&h.params)
                .chain(h.hash.values()),
        ),
        TemplateElement::DecoratorExpression(d)
        | TemplateElement::DecoratorBlock(d)
        | TemplateElement::PartialExpression(d)
        | TemplateElement::PartialBlock(d) => Box::new(
            std::iter::once(&d.name)
                .chain(&d.params)
                .chain(d.hash.values()),
        ),
        _ => Box::new(std::iter::empty()),
    };
    params.fold(1u64, |total, p| total.saturating_add(parameter_steps(p)))
}

/// The steps of evaluating a parameter: a name nothing, a path one per segment, a literal one
/// per [`BYTES_PER_STEP`] bytes (it is copied), a sub-expression one and its parameters'.
fn parameter_steps(p: &Parameter) -> u64 {
    match p {
        Parameter::Name(_) => 0,
        Parameter::Path(Path::Relative((segments, _))) => segments.len() as u64,
        Parameter::Path(_) => 1,
        Parameter::Literal(v) => 1 + json_len(v) / BYTES_PER_STEP,
        Parameter::Subexpression(s) => element_steps(s.as_element()),
        _ => 1,
    }
}

/// A name written in the template: `name`, `dir/name`, `"name"`; `None` for a computed one.
pub fn static_name(p: &Parameter) -> Option<String> {
    match p {
        Parameter::Name(n) => Some(n.clone()),
        Parameter::Path(Path::Relative((_, raw)) | Path::Local((_, _, raw))) => Some(raw.clone()),
        Parameter::Literal(v) => Some(v.render()),
        _ => None,
    }
}

/// About the length of `value` written as compact JSON: each string's bytes and quotes, each
/// key's, and a few bytes for every other value and separator, without writing it (escapes
/// and the digits of numbers are not counted exactly). Work in the number of values, not in
/// the length of the text.
pub fn json_len(value: &serde_json::Value) -> u64 {
    use serde_json::Value;
    let mut total = 0u64;
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        let own = match v {
            Value::Null | Value::Bool(_) => 5,
            Value::Number(_) => 8,
            Value::String(s) => s.len() as u64 + 3,
            Value::Array(items) => {
                stack.extend(items);
                2
            }
            Value::Object(map) => {
                stack.extend(map.values());
                map.keys().map(|k| k.len() as u64 + 4).sum::<u64>() + 2
            }
        };
        total = total.saturating_add(own);
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_size_of_data_is_about_its_json() {
        let data = serde_json::json!({
            "title": "Resolution 724 (1991)",
            "rules": [{"id": "crime-task", "met": true, "score": 3.5}, {"id": "x", "met": null}],
        });
        let exact = serde_json::to_string(&data).unwrap().len() as u64;
        let about = json_len(&data);
        assert!(exact <= about && about <= exact * 2, "{exact} {about}");
    }

    #[test]
    fn parameters_are_priced_by_their_length() {
        let none = Costs::new();
        let steps_of = |text: &str| steps(&Template::compile(text).unwrap(), &none);
        assert_eq!(steps_of("{{x}}"), 2);
        assert_eq!(steps_of("{{a.b.c.d}}"), 5);
        assert_eq!(steps_of("{{pad (cell a) 8}}"), 1 + (1 + 1) + 1);
        let long_path = format!("{{{{{}}}}}", vec!["a"; 10_000].join("."));
        assert_eq!(steps_of(&long_path), 10_001);
        let literal = format!("{{{{len \"{}\"}}}}", "x".repeat(64_000));
        assert_eq!(steps_of(&literal), 1 + 1 + 1000);
    }
}
