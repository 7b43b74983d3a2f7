//! The partials of a set of templates, checked before anything is rendered: every partial is
//! named in the template (`{{> name}}`, not `{{> (computed)}}`), no partial includes itself,
//! directly or through others (two files that include each other, an inline partial that calls
//! itself), and blocks and partials together nest at most [`MAX_DEPTH`] levels. Handlebars
//! would follow such a template until the stack overflows and the process aborts.
//!
//! The check also prices each template in steps (`price.rs`), a partial's own steps included,
//! counting each repeated block once. The
//! renderer charges a template's steps before rendering it and an `{{#each}}` block's steps
//! once per item (`budget.rs`), which bounds the work of every render.
//!
//! A partial's name is resolved when it is rendered: an inline partial of that name in scope
//! (`{{#*inline "name"}}`), else the template of that name. The check does not follow scopes:
//! a reference may reach any inline partial of that name, in any template, and the template.

use super::nesting::MAX_DEPTH;
use super::price::{element_steps, static_name, Costs};
use handlebars::template::{Parameter, Template, TemplateElement};
use std::collections::{BTreeMap, HashMap};

/// A template refused, at a place in one of the set's templates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The registered template the place is in.
    pub template: String,
    /// Line and column from 1 (0 when the template did not say).
    pub line: usize,
    /// See `line`.
    pub column: usize,
    /// What is wrong, in plain words, with a hint.
    pub message: String,
}

/// A template of the set or an inline partial in one: what it includes, how deeply it nests
/// and its own steps.
#[derive(Debug)]
struct Node {
    /// The name a partial reference reaches it by.
    name: String,
    /// Whether it is an inline partial (`{{#*inline}}`), not a template of the set.
    inline: bool,
    /// The registered template it is written in.
    template: String,
    /// Its deepest nesting, its own elements at level 0.
    depth: usize,
    /// Its own steps, the partials it includes not counted.
    steps: u64,
    /// The partials it includes.
    includes: Vec<Include>,
}

#[derive(Debug)]
struct Include {
    name: String,
    /// The level the partial's own elements render at.
    depth: usize,
    line: usize,
    column: usize,
}

/// Checks the partials of every template in `templates` (name → template) and returns the
/// steps of each partial name.
pub fn check(templates: &HashMap<String, Template>) -> Result<Costs, Refusal> {
    let mut names: Vec<&String> = templates.keys().collect();
    names.sort();
    let mut nodes = Vec::new();
    for name in names {
        outline(name, &templates[name], &mut nodes)?;
    }
    let mut by_name: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, node) in nodes.iter().enumerate() {
        by_name.entry(node.name.as_str()).or_default().push(i);
    }
    let targets = |name: &str| by_name.get(name).map_or(&[][..], Vec::as_slice);
    let order = post_order(&nodes, &targets)?;
    let mut depth = vec![0usize; nodes.len()];
    let mut steps = vec![0u64; nodes.len()];
    for &n in &order {
        let node = &nodes[n];
        let mut d = node.depth;
        let mut s = node.steps;
        for inc in &node.includes {
            let reach = targets(&inc.name);
            let deepest = reach.iter().map(|&t| depth[t]).max().unwrap_or(0);
            if inc.depth + deepest > MAX_DEPTH {
                return Err(Refusal {
                    template: node.template.clone(),
                    line: inc.line,
                    column: inc.column,
                    message: format!(
                        "the partial `{}` makes blocks and partials nest more than {MAX_DEPTH} \
                         levels deep here, counting the partials it includes\n  hint: include \
                         partials in fewer layers; the limit is fixed",
                        inc.name
                    ),
                });
            }
            d = d.max(inc.depth + deepest);
            let most = reach.iter().map(|&t| steps[t]).max().unwrap_or(0);
            s = s.saturating_add(most);
        }
        depth[n] = d;
        steps[n] = s;
    }
    let mut partials = Costs::new();
    for (n, node) in nodes.iter().enumerate() {
        let entry = partials.entry(node.name.clone()).or_insert(0);
        *entry = (*entry).max(steps[n]);
    }
    Ok(partials)
}

/// Adds the template `name` and the inline partials in it to `nodes`.
fn outline(name: &str, t: &Template, nodes: &mut Vec<Node>) -> Result<(), Refusal> {
    nodes.push(Node {
        name: name.to_string(),
        inline: false,
        template: name.to_string(),
        depth: 0,
        steps: 0,
        includes: Vec::new(),
    });
    let at = nodes.len() - 1;
    walk(t, 0, at, nodes)
}

/// Reads the elements of `t`, at nesting `depth`, into `nodes[at]`. Recursion is bounded: the
/// template was read with its nesting checked (`nesting.rs`).
fn walk(t: &Template, depth: usize, at: usize, nodes: &mut Vec<Node>) -> Result<(), Refusal> {
    let template = nodes[at].template.clone();
    for (i, e) in t.elements.iter().enumerate() {
        let (line, column) = t.mapping.get(i).map_or((0, 0), |m| (m.0, m.1));
        let refuse = |message: String| Refusal {
            template: template.clone(),
            line,
            column,
            message,
        };
        let node = &mut nodes[at];
        node.steps = node.steps.saturating_add(element_steps(e));
        node.depth = node.depth.max(depth);
        match e {
            TemplateElement::HelperBlock(h) => {
                for body in [&h.template, &h.inverse].into_iter().flatten() {
                    walk(body, depth + 1, at, nodes)?;
                }
            }
            TemplateElement::DecoratorBlock(d) | TemplateElement::DecoratorExpression(d) => {
                // Only `inline` is a decorator here; any other fails when rendered, without
                // rendering its block.
                if static_name(&d.name).as_deref() != Some("inline") {
                    continue;
                }
                let Some(body) = &d.template else { continue };
                let name = match d.params.first() {
                    Some(Parameter::Literal(serde_json::Value::String(s))) => s.clone(),
                    Some(_) => {
                        return Err(refuse(
                            "an inline partial's name must be written in quotes: \
                             `{{#*inline \"name\"}}`\n  hint: so that policycheck can see, \
                             before rendering, that no partial includes itself"
                                .to_string(),
                        ))
                    }
                    None => continue,
                };
                nodes.push(Node {
                    name,
                    inline: true,
                    template: template.clone(),
                    depth: 0,
                    steps: 0,
                    includes: Vec::new(),
                });
                let inner = nodes.len() - 1;
                walk(body, 0, inner, nodes)?;
            }
            TemplateElement::PartialExpression(d) | TemplateElement::PartialBlock(d) => {
                let Some(name) = static_name(&d.name) else {
                    return Err(refuse(
                        "a partial's name must be written out (`{{> name}}`), not computed \
                         (`{{> (…)}}`)\n  hint: so that policycheck can see, before \
                         rendering, that no partial includes itself"
                            .to_string(),
                    ));
                };
                // `{{> @partial-block}}` writes text already rendered, and nothing else.
                if name != "@partial-block" {
                    nodes[at].includes.push(Include {
                        name,
                        depth: depth + 1,
                        line,
                        column,
                    });
                }
                if let Some(body) = &d.template {
                    walk(body, depth + 1, at, nodes)?;
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// The nodes in an order where every node comes after all it includes, or the first circle
/// of inclusions found.
fn post_order<'a>(
    nodes: &[Node],
    targets: &impl Fn(&str) -> &'a [usize],
) -> Result<Vec<usize>, Refusal> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        Open,
        Done,
    }
    let mut state = vec![State::New; nodes.len()];
    let mut order = Vec::with_capacity(nodes.len());
    for start in 0..nodes.len() {
        if state[start] != State::New {
            continue;
        }
        // (node, its include being followed, that include's target being followed)
        let mut stack = vec![(start, 0usize, 0usize)];
        state[start] = State::Open;
        while let Some(top) = stack.last_mut() {
            let n = top.0;
            let Some(include) = nodes[n].includes.get(top.1) else {
                state[n] = State::Done;
                order.push(n);
                stack.pop();
                continue;
            };
            let Some(&next) = targets(&include.name).get(top.2) else {
                top.1 += 1;
                top.2 = 0;
                continue;
            };
            top.2 += 1;
            match state[next] {
                State::Done => {}
                State::New => {
                    state[next] = State::Open;
                    stack.push((next, 0, 0));
                }
                State::Open => {
                    let from = stack.iter().position(|&(m, _, _)| m == next).unwrap_or(0);
                    let circle: Vec<usize> = stack[from..].iter().map(|&(m, _, _)| m).collect();
                    return Err(circle_refusal(nodes, &circle, include));
                }
            }
        }
    }
    Ok(order)
}

/// The refusal of a circle of inclusions, at the inclusion that closes it.
fn circle_refusal(nodes: &[Node], circle: &[usize], closing: &Include) -> Refusal {
    let last = &nodes[*circle.last().unwrap_or(&0)];
    let first = &nodes[circle[0]];
    let kind = |n: &Node| {
        if n.inline {
            format!("the inline partial `{}`", n.name)
        } else {
            format!("the partial `{}`", n.name)
        }
    };
    let what = if circle.len() == 1 {
        format!("{} includes itself", kind(first))
    } else {
        let path: Vec<String> = circle
            .iter()
            .chain(std::iter::once(&circle[0]))
            .map(|&n| format!("`{}`", nodes[n].name))
            .collect();
        format!(
            "{} includes itself through other partials: {}",
            kind(first),
            path.join(" → ")
        )
    };
    Refusal {
        template: last.template.clone(),
        line: closing.line,
        column: closing.column,
        message: format!(
            "{what}, so rendering it would never end\n  hint: a partial may not include \
             itself, directly or through others"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::render::price::steps;

    fn set(templates: &[(&str, &str)]) -> HashMap<String, Template> {
        templates
            .iter()
            .map(|(name, text)| {
                let t = Template::compile_with_name(*text, name.to_string()).unwrap();
                (name.to_string(), t)
            })
            .collect()
    }

    fn refusal(templates: &[(&str, &str)]) -> Refusal {
        check(&set(templates)).unwrap_err()
    }

    #[test]
    fn two_partials_that_include_each_other_are_refused_where_the_circle_closes() {
        let r = refusal(&[
            ("a", "A {{> b}}"),
            ("b", "B\n  {{> a}}"),
            ("memo", "{{> a}}"),
        ]);
        assert_eq!((r.template.as_str(), r.line, r.column), ("b", 2, 3));
        assert_eq!(
            r.message,
            "the partial `a` includes itself through other partials: `a` → `b` → `a`, so \
             rendering it would never end\n  hint: a partial may not include itself, directly \
             or through others"
        );
    }

    #[test]
    fn an_inline_partial_that_calls_itself_is_refused() {
        let r = refusal(&[("memo", "{{#*inline \"r\"}}x{{> r}}{{/inline}}{{> r}}")]);
        assert_eq!((r.template.as_str(), r.line, r.column), ("memo", 1, 18));
        assert!(
            r.message
                .starts_with("the inline partial `r` includes itself, so"),
            "{}",
            r.message
        );
    }

    #[test]
    fn a_computed_partial_name_is_refused() {
        let r = refusal(&[("memo", "x\n{{> (lookup this \"name\")}}")]);
        assert_eq!((r.line, r.column), (2, 1));
        assert!(r
            .message
            .starts_with("a partial's name must be written out"));
        let r = refusal(&[("memo", "{{#*inline name}}x{{/inline}}")]);
        assert!(r
            .message
            .starts_with("an inline partial's name must be written in quotes"));
    }

    #[test]
    fn nesting_is_counted_through_partials() {
        // Each partial nests 40 levels and includes the next at its deepest: 80 in all.
        let deep = |next: &str| {
            format!(
                "{}{{{{> {next}}}}}{}",
                "{{#if a}}".repeat(40),
                "{{/if}}".repeat(40)
            )
        };
        let (a, b) = (deep("b"), "{{#if a}}x{{/if}}".to_string());
        assert!(check(&set(&[("a", &a), ("b", &b)])).is_ok());
        let c = deep("d");
        let r = refusal(&[("a", &a), ("b", &c), ("d", "x")]);
        assert_eq!(r.template, "a");
        assert!(
            r.message.contains("more than 64 levels deep"),
            "{}",
            r.message
        );
    }

    #[test]
    fn partials_that_include_others_several_times_multiply_their_steps() {
        // p0 includes p1 twice, p1 includes p2 twice, …: 2^40 steps, not a hang.
        let mut templates = Vec::new();
        for i in 0..40 {
            templates.push((
                format!("p{i}"),
                format!("{{{{> p{0}}}}}{{{{> p{0}}}}}", i + 1),
            ));
        }
        templates.push(("p40".to_string(), "x".to_string()));
        let refs: Vec<(&str, &str)> = templates
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        let templates = set(&refs);
        let partials = check(&templates).unwrap();
        assert_eq!(partials["p40"], 1);
        // Two elements, each including p40's one step.
        assert_eq!(partials["p39"], 4);
        assert!(partials["p0"] > 1 << 40, "{}", partials["p0"]);
        assert_eq!(steps(&templates["p0"], &partials), partials["p0"]);
    }

    #[test]
    fn layouts_and_recursion_free_partials_pass() {
        let templates = set(&[
            ("layout", "<{{> @partial-block}}>{{> nav}}"),
            (
                "page",
                "{{#> layout}}{{#*inline \"nav\"}}N{{/inline}}body{{/layout}}",
            ),
        ]);
        let partials = check(&templates).unwrap();
        assert_eq!(partials["nav"], 1);
        // layout: 4 elements and `nav`; page: the block, its 2 elements (the inline partial
        // a step more for its quoted name) and `layout`.
        assert_eq!(partials["layout"], 4 + 1);
        assert_eq!(partials["page"], 4 + 5);
        assert_eq!(steps(&templates["page"], &partials), 4 + 5);
        // The block a step more for its path `a`, the partial's element and its steps.
        let t = Template::compile("{{#each a}}x{{> layout}}{{/each}}").unwrap();
        assert_eq!(steps(&t, &partials), 2 + 1 + (1 + 5));
    }
}
