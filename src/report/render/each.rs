//! `{{#each}}`, with a price: before repeating its block it charges the block's steps once per
//! item to the render's budget, and it charges every byte the block writes (`budget.rs`). It
//! replaces Handlebars' own `each`, which cannot be wrapped (the crate does not hand out its
//! built-in helpers); it behaves the same: `@index`, `@key`, `@first`, `@last`, block
//! parameters (`as |item i|`), `{{else}}` for an empty list, and strict mode's error for a
//! missing one. Adapted from the `handlebars` crate 6.4.4 (src/helpers/helper_each.rs, MIT
//! licence, Copyright (c) 2014 Ning Sun).

use super::budget::{charge_repeated, Counted};
use handlebars::{
    to_json, BlockContext, BlockParams, Context, Handlebars, Helper, HelperDef, HelperResult,
    JsonValue as Json, Output, PathAndJson, RenderContext, RenderError, RenderErrorReason,
    Renderable,
};

/// The `each` helper of both registries.
#[derive(Clone, Copy)]
pub struct Each;

impl HelperDef for Each {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        r: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        rc: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let value = h
            .param(0)
            .ok_or(RenderErrorReason::ParamNotFoundForIndex("each", 0))?;
        let Some(t) = h.template() else {
            return Ok(());
        };
        let items: Vec<(Json, &Json)> = match value.value() {
            Json::Array(list) if !list.is_empty() || h.inverse().is_none() => list
                .iter()
                .enumerate()
                .map(|(i, v)| (to_json(i), v))
                .collect(),
            Json::Object(map) if !map.is_empty() || h.inverse().is_none() => {
                map.iter().map(|(k, v)| (to_json(k), v)).collect()
            }
            _ => {
                return if let Some(else_template) = h.inverse() {
                    else_template.render(r, ctx, rc, out)
                } else if r.strict_mode() {
                    Err(RenderError::strict_error(value.relative_path()))
                } else {
                    Ok(())
                };
            }
        };
        charge_repeated(t, items.len() as u64)
            .map_err(|e| RenderErrorReason::NestedError(Box::new(e)))?;
        let keyed = value.value().is_object();
        let mut out = Counted(out);
        rc.push_block(block_for(value));
        let base_path = value.context_path();
        let len = items.len();
        for (i, (key, v)) in items.into_iter().enumerate() {
            if let Some(block) = rc.block_mut() {
                block.set_local_var("first", to_json(i == 0));
                block.set_local_var("last", to_json(i + 1 == len));
                block.set_local_var("index", to_json(i));
                if keyed {
                    block.set_local_var("key", key.clone());
                }
                let step = key.as_str().map_or_else(|| i.to_string(), str::to_string);
                match base_path {
                    Some(p) if i == 0 => {
                        let mut path = p.clone();
                        path.push(step);
                        *block.base_path_mut() = path;
                    }
                    Some(_) => {
                        if let Some(last) = block.base_path_mut().last_mut() {
                            *last = step;
                        }
                    }
                    None => block.set_base_value(v.clone()),
                }
                set_block_params(block, h, base_path.is_some(), &key, v)?;
            }
            t.render(r, ctx, rc, &mut out)?;
        }
        rc.pop_block();
        Ok(())
    }
}

/// The block the items are rendered in: at the list's path in the data, or a copy of it.
fn block_for<'rc>(value: &PathAndJson<'rc>) -> BlockContext<'rc> {
    let mut block = BlockContext::new();
    match value.context_path() {
        Some(path) => block.base_path_mut().clone_from(path),
        None => block.set_base_value(value.value().clone()),
    }
    block
}

/// `as |item key|`: the item (by path when it has one in the data) and its index or key.
fn set_block_params<'rc>(
    block: &mut BlockContext<'rc>,
    h: &Helper<'rc>,
    by_path: bool,
    key: &Json,
    v: &Json,
) -> Result<(), RenderError> {
    let (item, key_name) = match (h.block_param(), h.block_param_pair()) {
        (Some(item), _) => (item, None),
        (None, Some((item, k))) => (item, Some(k)),
        (None, None) => return Ok(()),
    };
    let mut params = BlockParams::new();
    if by_path {
        params.add_path(item, Vec::new())?;
    } else {
        params.add_value(item, v.clone())?;
    }
    if let Some(k) = key_name {
        params.add_value(k, key.clone())?;
    }
    block.set_block_params(params);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Renders `template` over `data` with this `each` and with Handlebars' own.
    fn both(template: &str, data: &Json) -> (String, String) {
        let mut ours = Handlebars::new();
        ours.set_strict_mode(true);
        ours.register_helper("each", Box::new(Each));
        let mut theirs = Handlebars::new();
        theirs.set_strict_mode(true);
        let render = |hb: &Handlebars| {
            hb.render_template(template, data)
                .unwrap_or_else(|e| format!("error: {e}"))
        };
        (render(&ours), render(&theirs))
    }

    #[test]
    fn it_renders_as_handlebars_own_each_does() {
        let data = json!({
            "list": [{"n": "a", "v": [1, 2]}, {"n": "b", "v": []}],
            "map": {"x": {"n": 1}, "y": {"n": 2}},
            "empty": [],
            "top": "T",
        });
        for template in [
            "{{#each list}}{{@index}}{{n}}{{#if @first}}F{{/if}}{{#if @last}}L{{/if}}{{/each}}",
            "{{#each list}}{{#each v}}{{this}}{{../n}}{{@../index}}{{/each}}{{/each}}",
            "{{#each map}}{{@key}}={{n}}{{@index}};{{/each}}",
            "{{#each list as |item i|}}{{i}}:{{item.n}} {{/each}}",
            "{{#each map as |v k|}}{{k}}{{v.n}}{{/each}}",
            "{{#each empty}}x{{else}}none{{/each}}",
            "{{#each empty}}x{{/each}}.",
            "{{#each missing}}x{{/each}}",
            "{{#each missing}}x{{else}}no{{/each}}",
            "{{#each list}}{{@root.top}}{{lookup ../map \"x\"}}{{/each}}",
            "{{#each top}}x{{/each}}",
            "{{#each list}}{{#each ../map}}{{@key}}{{/each}}{{/each}}",
            "{{#each (lookup this \"list\")}}{{n}}{{/each}}",
        ] {
            let (ours, theirs) = both(template, &data);
            assert_eq!(ours, theirs, "{template}");
        }
    }
}
