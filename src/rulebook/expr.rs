//! Verdict expressions: how a rule's criteria combine into met and partial, written the way
//! an analyst says it — `borders and (arrest or police-role)`. Names are criterion ids;
//! `and` binds tighter than `or`; `not` negates.

use std::collections::BTreeSet;
use std::fmt;

/// A parsed verdict expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    /// A criterion id: true when the criterion is satisfied.
    Criterion(String),
    /// Negation.
    Not(Box<Expr>),
    /// All must hold.
    And(Vec<Expr>),
    /// One must hold.
    Or(Vec<Expr>),
}

/// A syntax error in an expression, at a character offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExprError {
    /// 0-based character offset in the expression.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
}

impl Expr {
    /// Parses an expression.
    pub fn parse(src: &str) -> Result<Expr, ExprError> {
        let tokens = tokenize(src)?;
        let mut p = Parser { tokens, pos: 0 };
        let e = p.or()?;
        if let Some(t) = p.tokens.get(p.pos) {
            return Err(ExprError {
                offset: t.offset,
                message: format!("unexpected `{}`", t.text),
            });
        }
        Ok(e)
    }

    /// Evaluates with `holds(id)` telling whether a criterion is satisfied.
    pub fn eval(&self, holds: &dyn Fn(&str) -> bool) -> bool {
        match self {
            Expr::Criterion(id) => holds(id),
            Expr::Not(e) => !e.eval(holds),
            Expr::And(es) => es.iter().all(|e| e.eval(holds)),
            Expr::Or(es) => es.iter().any(|e| e.eval(holds)),
        }
    }

    /// The criterion ids it names.
    pub fn names(&self) -> BTreeSet<&str> {
        let mut out = BTreeSet::new();
        self.collect(&mut out);
        out
    }

    fn collect<'a>(&'a self, out: &mut BTreeSet<&'a str>) {
        match self {
            Expr::Criterion(id) => {
                out.insert(id);
            }
            Expr::Not(e) => e.collect(out),
            Expr::And(es) | Expr::Or(es) => es.iter().for_each(|e| e.collect(out)),
        }
    }
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn sub(e: &Expr, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            match e {
                Expr::And(_) | Expr::Or(_) => write!(f, "({e})"),
                _ => write!(f, "{e}"),
            }
        }
        match self {
            Expr::Criterion(id) => f.write_str(id),
            Expr::Not(e) => {
                f.write_str("not ")?;
                sub(e, f)
            }
            Expr::And(es) | Expr::Or(es) => {
                let op = if matches!(self, Expr::And(_)) {
                    " and "
                } else {
                    " or "
                };
                for (i, e) in es.iter().enumerate() {
                    if i > 0 {
                        f.write_str(op)?;
                    }
                    sub(e, f)?;
                }
                Ok(())
            }
        }
    }
}

#[derive(Debug)]
struct Token {
    text: String,
    offset: usize,
}

fn tokenize(src: &str) -> Result<Vec<Token>, ExprError> {
    let mut out = Vec::new();
    let chars: Vec<char> = src.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '(' || c == ')' {
            out.push(Token {
                text: c.to_string(),
                offset: i,
            });
            i += 1;
        } else if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_alphanumeric() || chars[i] == '-' || chars[i] == '_')
            {
                i += 1;
            }
            out.push(Token {
                text: chars[start..i].iter().collect(),
                offset: start,
            });
        } else {
            return Err(ExprError {
                offset: i,
                message: format!(
                    "`{c}` is not allowed here: use criterion ids with `and`, `or`, `not` and parentheses"
                ),
            });
        }
    }
    if out.is_empty() {
        return Err(ExprError {
            offset: 0,
            message: "the expression is empty".into(),
        });
    }
    Ok(out)
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<&str> {
        self.tokens.get(self.pos).map(|t| t.text.as_str())
    }

    fn end_offset(&self) -> usize {
        self.tokens
            .last()
            .map_or(0, |t| t.offset + t.text.chars().count())
    }

    fn or(&mut self) -> Result<Expr, ExprError> {
        let mut items = vec![self.and()?];
        while self.peek() == Some("or") {
            self.pos += 1;
            items.push(self.and()?);
        }
        Ok(if items.len() == 1 {
            items.remove(0)
        } else {
            Expr::Or(items)
        })
    }

    fn and(&mut self) -> Result<Expr, ExprError> {
        let mut items = vec![self.factor()?];
        while self.peek() == Some("and") {
            self.pos += 1;
            items.push(self.factor()?);
        }
        Ok(if items.len() == 1 {
            items.remove(0)
        } else {
            Expr::And(items)
        })
    }

    fn factor(&mut self) -> Result<Expr, ExprError> {
        let Some(tok) = self.tokens.get(self.pos) else {
            return Err(ExprError {
                offset: self.end_offset(),
                message: "the expression ends too early: a criterion id is missing".into(),
            });
        };
        let offset = tok.offset;
        match tok.text.as_str() {
            "not" => {
                self.pos += 1;
                Ok(Expr::Not(Box::new(self.factor()?)))
            }
            "(" => {
                self.pos += 1;
                let e = self.or()?;
                if self.peek() != Some(")") {
                    return Err(ExprError {
                        offset: self
                            .tokens
                            .get(self.pos)
                            .map_or(self.end_offset(), |t| t.offset),
                        message: "a `(` is not closed".into(),
                    });
                }
                self.pos += 1;
                Ok(e)
            }
            ")" | "and" | "or" => Err(ExprError {
                offset,
                message: format!("expected a criterion id, found `{}`", tok.text),
            }),
            id => {
                let id = id.to_string();
                self.pos += 1;
                Ok(Expr::Criterion(id))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eval(src: &str, true_ids: &[&str]) -> bool {
        Expr::parse(src).unwrap().eval(&|id| true_ids.contains(&id))
    }

    #[test]
    fn and_binds_tighter_than_or() {
        assert!(eval("a or b and c", &["a"]));
        assert!(!eval("a or b and c", &["b"]));
        assert!(eval("(a or b) and c", &["b", "c"]));
    }

    #[test]
    fn not_and_hyphenated_ids() {
        assert!(eval("borders and not police-role", &["borders"]));
        assert!(!eval(
            "borders and not police-role",
            &["borders", "police-role"]
        ));
    }

    #[test]
    fn displays_back_to_a_readable_form() {
        let e = Expr::parse("borders and (arrest or police-role)").unwrap();
        assert_eq!(e.to_string(), "borders and (arrest or police-role)");
        assert_eq!(
            e.names().into_iter().collect::<Vec<_>>(),
            ["arrest", "borders", "police-role"]
        );
    }

    #[test]
    fn errors_point_at_the_problem() {
        let e = Expr::parse("a and").unwrap_err();
        assert_eq!(e.offset, 5);
        let e = Expr::parse("(a or b").unwrap_err();
        assert!(e.message.contains("not closed"));
        let e = Expr::parse("a && b").unwrap_err();
        assert_eq!(e.offset, 2);
        let e = Expr::parse("a b").unwrap_err();
        assert_eq!((e.offset, e.message.as_str()), (2, "unexpected `b`"));
    }
}
