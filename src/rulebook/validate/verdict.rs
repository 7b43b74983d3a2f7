//! Validating a rule's verdict expressions (`met`, `partial`): each is parsed, and every
//! name in it must be a criterion of the rule; a mistake is pointed at inside the expression,
//! with the closest criterion's name as a hint.

use super::Validator;
use crate::error::{closest, Diagnostic};
use crate::rulebook::expr::Expr;
use std::collections::BTreeSet;

impl Validator<'_> {
    /// Parses the verdict expression `src` of `key` (`met`, `partial`), written on `kline`,
    /// and checks that it names only criteria of the rule.
    pub(super) fn expr(
        &mut self,
        rule: &str,
        kline: u32,
        key: &str,
        src: &str,
        crit_ids: &BTreeSet<String>,
    ) -> Option<Expr> {
        if crit_ids.is_empty() {
            // The rule has no criteria: said once, not again for every name in its verdicts.
            return None;
        }
        let base_col = self.col_of(kline, src);
        match Expr::parse(src) {
            Ok(e) => {
                let mut ok = true;
                for name in e.names() {
                    if !crit_ids.contains(name) {
                        ok = false;
                        let known: Vec<&str> = crit_ids.iter().map(String::as_str).collect();
                        let offset = src.find(name).unwrap_or(0) as u32;
                        let mut d = Diagnostic::new(
                            self.origin,
                            format!("verdict `{key}` names `{name}`, which is not a criterion of this rule"),
                        )
                        .at(kline, base_col + offset)
                        .rule(rule);
                        d = match closest(name, &known) {
                            Some(best) => d.hint(format!("did you mean `{best}`?")),
                            None => d.hint(format!("the criteria are: {}", known.join(", "))),
                        };
                        self.push(d);
                    }
                }
                ok.then_some(e)
            }
            Err(err) => {
                self.push(
                    Diagnostic::new(self.origin, format!("verdict `{key}`: {}", err.message))
                        .at(kline, base_col + err.offset as u32)
                        .rule(rule)
                        .hint("write e.g. `crime and terror` or `borders and (arrest or police-role)`"),
                );
                None
            }
        }
    }
}
