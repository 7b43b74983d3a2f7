//! Helpers that charge the text they work through: one step of the render's budget per
//! [`super::budget::BYTES_PER_STEP`] bytes (`budget.rs`). A helper that compares or transforms a long text
//! costs more than one step, and a rulebook's 10 MB rationale compared in a loop is stopped
//! like any other long render.
//!
//! [`Charged`] wraps this crate's own helpers (`cell`, `md`, `pad`…). Handlebars' comparisons
//! (`eq`, `ne`, `gt`, `gte`, `lt`, `lte`) cannot be wrapped — the crate does not hand out its
//! built-in helpers — so [`Compare`] replaces them, comparing as they do (adapted from the
//! `handlebars` crate 6.4.4, src/helpers/helper_extras.rs, MIT licence, Copyright (c) 2014 Ning
//! Sun), and `log`, which writes to a log policycheck does not keep, becomes [`Silent`].

use super::budget::{charge_text, json_len};
use handlebars::{
    Context, Handlebars, Helper, HelperDef, HelperResult, JsonValue as Json, Output, RenderContext,
    RenderError, RenderErrorReason, Renderable, ScopedJson,
};
use std::cmp::Ordering;

/// Registers the comparisons and `log` in `registry`, replacing Handlebars' own.
pub fn register(registry: &mut Handlebars<'static>) {
    for op in [Op::Eq, Op::Ne, Op::Gt, Op::Gte, Op::Lt, Op::Lte] {
        registry.register_helper(op.name(), Box::new(Compare(op)));
    }
    registry.register_helper("log", Box::new(Silent));
}

/// The text a value makes a helper work through: a string's bytes, a list's or an object's
/// JSON.
fn weight(v: &Json) -> usize {
    match v {
        Json::String(s) => s.len(),
        Json::Array(_) | Json::Object(_) => json_len(v) as usize,
        _ => 0,
    }
}

fn charge(h: &Helper<'_>) -> Result<(), RenderError> {
    let bytes = h.params().iter().map(|p| weight(p.value())).sum();
    charge_text(bytes).map_err(|e| RenderErrorReason::NestedError(Box::new(e)).into())
}

/// A helper of this crate that charges the text of its parameters before it runs.
#[derive(Clone, Copy)]
pub struct Charged<H>(pub H);

impl<H: HelperDef + Send + Sync> HelperDef for Charged<H> {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        r: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        rc: &mut RenderContext<'reg, 'rc>,
    ) -> Result<ScopedJson<'rc>, RenderError> {
        charge(h)?;
        self.0.call_inner(h, r, ctx, rc)
    }

    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        r: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        rc: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        charge(h)?;
        self.0.call(h, r, ctx, rc, out)
    }
}

/// A comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Eq,
    Ne,
    Gt,
    Gte,
    Lt,
    Lte,
}

impl Op {
    fn name(self) -> &'static str {
        match self {
            Op::Eq => "eq",
            Op::Ne => "ne",
            Op::Gt => "gt",
            Op::Gte => "gte",
            Op::Lt => "lt",
            Op::Lte => "lte",
        }
    }

    fn holds(self, x: &Json, y: &Json) -> bool {
        let order = || compare(x, y);
        match self {
            Op::Eq => x == y,
            Op::Ne => x != y,
            Op::Gt => order() == Some(Ordering::Greater),
            Op::Gte => order().is_some_and(|o| o != Ordering::Less),
            Op::Lt => order() == Some(Ordering::Less),
            Op::Lte => order().is_some_and(|o| o != Ordering::Greater),
        }
    }
}

/// `{{eq a b}}` and the other comparisons, as a value (`true`/`false`) or a block
/// (`{{#eq a b}}…{{else}}…{{/eq}}`), charging the text compared.
#[derive(Clone, Copy)]
struct Compare(Op);

impl HelperDef for Compare {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        r: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<ScopedJson<'rc>, RenderError> {
        let name = self.0.name();
        let param = |i: usize| {
            h.param(i)
                .filter(|p| !(r.strict_mode() && p.is_value_missing()))
                .map(|p| p.value())
                .ok_or(RenderErrorReason::ParamNotFoundForIndex(name, i))
        };
        let (x, y) = (param(0)?, param(1)?);
        // Both, not the shorter: measuring a list is work too.
        charge_text(weight(x) + weight(y))
            .map_err(|e| RenderErrorReason::NestedError(Box::new(e)))?;
        Ok(ScopedJson::Derived(Json::Bool(self.0.holds(x, y))))
    }

    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        r: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        rc: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let holds = self.call_inner(h, r, ctx, rc)?.as_json().as_bool() == Some(true);
        if !h.is_block() {
            return out
                .write(if holds { "true" } else { "false" })
                .map_err(|e| RenderErrorReason::Other(e.to_string()).into());
        }
        match if holds { h.template() } else { h.inverse() } {
            Some(t) => t.render(r, ctx, rc, out),
            None => Ok(()),
        }
    }
}

/// Orders two values as Handlebars does: numbers by value (a number and a numeric string
/// too), strings by their bytes, `false` before `true`; anything else is unordered.
fn compare(x: &Json, y: &Json) -> Option<Ordering> {
    let number = |s: &str| s.parse::<serde_json::Number>().ok();
    match (x, y) {
        (Json::Number(a), Json::Number(b)) => compare_numbers(a, b),
        (Json::String(a), Json::String(b)) => Some(a.cmp(b)),
        (Json::Bool(a), Json::Bool(b)) => Some(a.cmp(b)),
        (Json::Number(a), Json::String(b)) => compare_numbers(a, &number(b)?),
        (Json::String(a), Json::Number(b)) => compare_numbers(&number(a)?, b),
        _ => None,
    }
}

/// Whole numbers exactly; otherwise as floating point (Handlebars compares a whole number
/// beyond 2^53 with a fraction exactly, which no template here needs).
fn compare_numbers(a: &serde_json::Number, b: &serde_json::Number) -> Option<Ordering> {
    if let (Some(a), Some(b)) = (a.as_i64(), b.as_i64()) {
        return Some(a.cmp(&b));
    }
    if let (Some(a), Some(b)) = (a.as_u64(), b.as_u64()) {
        return Some(a.cmp(&b));
    }
    match (a.as_u64(), b.as_i64(), a.as_i64(), b.as_u64()) {
        // Above i64::MAX against a negative number, and the other way round.
        (Some(_), Some(b), _, _) if b < 0 => return Some(Ordering::Greater),
        (_, _, Some(a), Some(_)) if a < 0 => return Some(Ordering::Less),
        _ => {}
    }
    a.as_f64()?.partial_cmp(&b.as_f64()?)
}

/// `{{log …}}`: nothing. Handlebars' own writes its parameters to the `log` facade, which
/// policycheck does not listen to, after copying them into a string.
#[derive(Clone, Copy)]
struct Silent;

impl HelperDef for Silent {
    fn call<'reg: 'rc, 'rc>(
        &self,
        _: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        _: &mut dyn Output,
    ) -> HelperResult {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn comparisons_answer_as_handlebars_own_do() {
        let data = json!({
            "n": 3, "m": 3.5, "big": u64::MAX, "neg": -4, "s": "abc", "t": "abd",
            "num": "3", "list": [1, 2], "same": [1, 2], "yes": true, "no": false,
        });
        let mut ours = Handlebars::new();
        ours.set_strict_mode(true);
        register(&mut ours);
        let mut theirs = Handlebars::new();
        theirs.set_strict_mode(true);
        let pairs = [
            ("n", "m"),
            ("m", "n"),
            ("n", "n"),
            ("big", "neg"),
            ("neg", "big"),
            ("big", "m"),
            ("s", "t"),
            ("t", "s"),
            ("n", "num"),
            ("num", "m"),
            ("s", "n"),
            ("list", "same"),
            ("list", "n"),
            ("yes", "no"),
            ("n", "missing"),
        ];
        for op in ["eq", "ne", "gt", "gte", "lt", "lte"] {
            for (x, y) in pairs {
                for template in [
                    format!("{{{{{op} {x} {y}}}}}"),
                    format!("{{{{#{op} {x} {y}}}}}T{{{{else}}}}F{{{{/{op}}}}}"),
                    format!("{{{{#if ({op} {x} {y})}}}}T{{{{/if}}}}"),
                ] {
                    let render = |hb: &Handlebars| {
                        hb.render_template(&template, &data)
                            .map_err(|e| e.reason().to_string())
                    };
                    assert_eq!(render(&ours), render(&theirs), "{template}");
                }
            }
        }
        assert_eq!(ours.render_template("[{{log s}}]", &data).unwrap(), "[]");
    }

    #[test]
    fn long_texts_cost_steps() {
        use super::super::budget::{install, Limits};
        let mut hb = Handlebars::new();
        register(&mut hb);
        let data = json!({ "long": "x".repeat(64_000) });
        let _budget = install(
            Limits {
                output: 1 << 20,
                steps: 2_500,
            },
            Default::default(),
        );
        // 2000 steps a comparison (both texts): one fits, the second does not.
        hb.render_template("{{eq long long}}", &data).unwrap();
        let err = hb.render_template("{{gt long long}}", &data).unwrap_err();
        assert!(super::super::budget::exceeded(&err).is_some(), "{err:?}");
    }
}
