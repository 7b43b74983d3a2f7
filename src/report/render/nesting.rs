//! How deeply a template nests, measured before the `handlebars` crate compiles it. The crate
//! compiles nested `(sub expressions)` and renders nested blocks by recursion, so a template
//! of a few thousand levels overflows the stack and aborts the process; this reads the
//! template with the crate's own grammar (a copy, `grammar.pest`), whose parser checks its
//! stack as it goes, and refuses one that nests more than [`MAX_DEPTH`] levels before the
//! crate sees it.
//!
//! A level is a block (`{{#each}}…{{/each}}`, `{{#> partial}}…{{/partial}}`,
//! `{{#*inline}}…{{/inline}}`), a sub-expression in parentheses or a `[…]`/`{…}` literal.

use pest::Parser;

/// The deepest nesting a template may have: blocks, sub-expressions and literals, and, counted
/// across templates (see `partials.rs`), partials including partials.
pub const MAX_DEPTH: usize = 64;

#[derive(pest_derive::Parser)]
#[grammar = "report/render/grammar.pest"]
struct Grammar;

/// Why a template's nesting was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooDeep {
    /// Line and column (from 1) of the block tag, `(` or `[` that opens the level beyond
    /// [`MAX_DEPTH`].
    pub line: usize,
    /// See `line`.
    pub column: usize,
}

/// Refuses a template that nests more than [`MAX_DEPTH`] levels. A template that is not valid
/// Handlebars for another reason passes: the crate's compiler names that problem better.
pub fn check(text: &str) -> Result<(), TooDeep> {
    let pairs = match Grammar::parse(Rule::handlebars, text) {
        Ok(pairs) => pairs,
        Err(e) => {
            // The parser gives up with "stack limit reached" when its own recursion is about
            // to exhaust the stack: by far deeper than MAX_DEPTH, and the crate, which reads
            // with the same grammar but recurses more while compiling, must not see it.
            return match &e.variant {
                pest::error::ErrorVariant::CustomError { message }
                    if message.contains("limit reached") =>
                {
                    let (line, column) = locate(text).unwrap_or(match e.line_col {
                        pest::error::LineColLocation::Pos(p) => p,
                        pest::error::LineColLocation::Span(p, _) => p,
                    });
                    Err(TooDeep { line, column })
                }
                _ => Ok(()),
            };
        }
    };
    // The ends of the open levels around the current pair; pairs come in pre-order, a block's
    // opening tag just before its body.
    let mut open: Vec<usize> = Vec::new();
    let mut tag = None;
    for pair in pairs.flatten() {
        let rule = pair.as_rule();
        if matches!(
            rule,
            Rule::helper_block_start | Rule::partial_block_start | Rule::decorator_block_start
        ) {
            tag = Some(pair.as_span().start_pos());
        }
        if !matches!(
            rule,
            Rule::template | Rule::subexpression | Rule::array_literal | Rule::object_literal
        ) {
            continue;
        }
        let span = pair.as_span();
        while open.last().is_some_and(|&end| end <= span.start()) {
            open.pop();
        }
        open.push(span.end());
        // The outermost `template` is the file itself, not a level.
        if open.len() > MAX_DEPTH + 1 {
            let at = match (rule, &tag) {
                (Rule::template, Some(tag)) => tag.line_col(),
                _ => span.start_pos().line_col(),
            };
            return Err(TooDeep {
                line: at.0,
                column: at.1,
            });
        }
    }
    Ok(())
}

/// Where a template too deep for the parser first passes [`MAX_DEPTH`], by a plain count of
/// block tags (`{{#`, `{{/`) and of brackets inside `{{…}}`, for the message only: quotes are
/// not followed, so the place may be approximate.
fn locate(text: &str) -> Option<(usize, usize)> {
    let (mut blocks, mut brackets) = (0usize, 0usize);
    let mut inside = false;
    let (mut line, mut column) = (1, 1);
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let rest = &text[i..];
        let mut opened = false;
        if !inside && rest.starts_with("{{") {
            inside = true;
            brackets = 0;
            let tag = rest[2..].trim_start_matches('~');
            if tag.starts_with('#') {
                blocks += 1;
                opened = true;
            } else if tag.starts_with('/') {
                blocks = blocks.saturating_sub(1);
            }
        } else if inside && rest.starts_with("}}") {
            inside = false;
        } else if inside && matches!(c, '(' | '[') {
            brackets += 1;
            opened = true;
        } else if inside && matches!(c, ')' | ']') {
            brackets = brackets.saturating_sub(1);
        }
        if opened && blocks + brackets > MAX_DEPTH {
            return Some((line, column));
        }
        if c == '\n' {
            (line, column) = (line + 1, 1);
        } else {
            column += 1;
        }
        // Skip the second brace of `{{` and `}}` so that `}}}` is read as one close.
        if (rest.starts_with("{{") || rest.starts_with("}}")) && chars.next().is_some() {
            column += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(open: &str, close: &str, levels: usize) -> String {
        format!("{}x{}", open.repeat(levels), close.repeat(levels))
    }

    #[test]
    fn blocks_up_to_the_limit_pass_and_one_more_is_refused() {
        assert_eq!(check(&nested("{{#if a}}", "{{/if}}", MAX_DEPTH)), Ok(()));
        let err = check(&nested("{{#if a}}", "{{/if}}", MAX_DEPTH + 1)).unwrap_err();
        // Refused at the 65th `{{#if a}}`.
        assert_eq!(
            err,
            TooDeep {
                line: 1,
                column: MAX_DEPTH * 9 + 1
            }
        );
    }

    #[test]
    fn sub_expressions_and_literals_count_as_levels() {
        let deep = |levels: usize| {
            format!(
                "{{{{pad {}\"x\"{} 1}}}}",
                "(pad ".repeat(levels),
                " 1)".repeat(levels)
            )
        };
        assert_eq!(check(&deep(MAX_DEPTH)), Ok(()));
        assert!(check(&deep(MAX_DEPTH + 1)).is_err());
        let arrays =
            |levels: usize| format!("{{{{x {}{}}}}}", "[".repeat(levels), "]".repeat(levels));
        assert_eq!(check(&arrays(MAX_DEPTH)), Ok(()));
        assert!(check(&arrays(MAX_DEPTH + 1)).is_err());
    }

    #[test]
    fn levels_side_by_side_do_not_add_up() {
        let text = "{{#each a}}{{#if b}}x{{/if}}{{/each}}\n".repeat(10_000);
        assert_eq!(check(&text), Ok(()));
    }

    #[test]
    fn a_template_too_deep_to_read_is_refused_not_a_crash() {
        // Far deeper than the parser's stack allows: refused, at the 65th level all the same.
        let err = check(&nested("{{#if a}}\n", "{{/if}}", 200_000)).unwrap_err();
        assert_eq!(
            err,
            TooDeep {
                line: 65,
                column: 1
            }
        );
        let err = check(&format!("{{{{x {}}}}}", "(a ".repeat(1_000_000))).unwrap_err();
        assert_eq!(
            err,
            TooDeep {
                line: 1,
                column: 5 + MAX_DEPTH * 3
            }
        );
    }

    #[test]
    fn the_copy_reads_as_the_crate_does() {
        // What the crate compiles, the copy reads; what the copy cannot read, the crate does
        // not compile (the crate refuses more: a block closed by another's name).
        let mut valid: Vec<String> = crate::report::EMBEDDED
            .iter()
            .map(|(_, _, text)| text.to_string())
            .collect();
        valid.extend(
            [
                "{{#each a as |x i|}}{{x}}{{else}}-{{/each}}",
                "{{> (lookup this \"p\") a=1}}",
                "{{#> layout}}x{{/layout}}{{#*inline \"n\"}}y{{/inline}}",
                "{{{{raw}}}}{{not parsed}}{{{{/raw}}}}\\{{escaped}} {{!-- c --}}{{! d }}",
                "{{pad [a b] 3}}{{x [1, [2, {\"k\": null}]]}}{{~#if a~}} {{~/if~}}",
                "{{{x}}}{{&y}}{{../z}}{{@root.a.[0]}}",
            ]
            .map(String::from),
        );
        for text in &valid {
            assert!(handlebars::Template::compile(text).is_ok(), "{text}");
            assert!(Grammar::parse(Rule::handlebars, text).is_ok(), "{text}");
        }
        for text in [
            "{{x (y}}",
            "{{x [}}",
            "{{#if a}}",
            "{{> }}",
            "{{#if a}}x{{/if",
        ] {
            assert!(Grammar::parse(Rule::handlebars, text).is_err(), "{text}");
            assert!(handlebars::Template::compile(text).is_err(), "{text}");
        }
    }

    #[test]
    fn other_syntax_errors_are_left_to_the_compiler() {
        assert_eq!(check("{{#if a}}never closed"), Ok(()));
        assert_eq!(check("{{"), Ok(()));
    }
}
