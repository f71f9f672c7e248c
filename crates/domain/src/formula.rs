//! Formulas of computed indicators: a small arithmetic language over indicator references.
//!
//! ```text
//! expr   := term (("+" | "-") term)*
//! term   := factor (("*" | "/") factor)*
//! factor := NUMBER | "-" factor | "(" expr ")" | ref | call
//! ref    := CODE ( "{" DIM "=" CODE ("," DIM "=" CODE)* "}" )?
//! call   := lag(ref, N) | ln(expr) | abs(expr) | sum(ref, DIM)
//!         | top_share(ref, DIM, N) | group_share(ref, DIM, GROUP)
//! ```
//! Evaluation asks a [`Resolver`] for values, so the same formula runs over the store, a frozen
//! edition or a test table.

use crate::codes::{CodeValue, DimensionId, GroupCode, IndicatorCode};
use crate::obs::DimensionKey;
use std::fmt;

/// A reference to an indicator's value, possibly disaggregated (`IMM.STOCK{SEX=F}`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Ref {
    /// The indicator.
    pub code: IndicatorCode,
    /// The dimension filter; empty means the total.
    pub dims: DimensionKey,
}

/// A binary operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
}

/// A parsed formula expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A number.
    Num(f64),
    /// Unary minus.
    Neg(Box<Expr>),
    /// Arithmetic.
    Bin(Op, Box<Expr>, Box<Expr>),
    /// The value of an indicator for the same area and period.
    Ref(Ref),
    /// The value `n` periods earlier.
    Lag(Ref, i32),
    /// Natural logarithm.
    Ln(Box<Expr>),
    /// Absolute value.
    Abs(Box<Expr>),
    /// Sum over every code of a dimension.
    Sum(Ref, DimensionId),
    /// % share of the `n` largest codes of a dimension in the total.
    TopShare(Ref, DimensionId, usize),
    /// % share of the members of an area group in the total.
    GroupShare(Ref, DimensionId, GroupCode),
}

/// A formula with its source text.
#[derive(Debug, Clone, PartialEq)]
pub struct Formula {
    /// The text as written in the framework.
    pub text: String,
    /// The parsed expression.
    pub expr: Expr,
}

/// A formula that does not parse; `at` is the byte offset.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("formula `{text}`: {message} at character {at}")]
pub struct FormulaError {
    /// The formula text.
    pub text: String,
    /// What was wrong.
    pub message: String,
    /// Where.
    pub at: usize,
}

/// What a formula needs to be evaluated.
pub trait Resolver {
    /// The value of `r` for the current area, `shift` periods away (0 = current period).
    fn value(&self, r: &Ref, shift: i32) -> Option<f64>;
    /// The values of `r` broken down by every code of `dim` (totals excluded).
    fn breakdown(&self, r: &Ref, dim: &DimensionId) -> Vec<(CodeValue, f64)>;
    /// Whether a code of a dimension (an area) belongs to a group.
    fn in_group(&self, group: &GroupCode, code: &CodeValue) -> bool;
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(f64),
    Word(String),
    Sym(char),
}

struct Parser<'a> {
    text: &'a str,
    toks: Vec<(Tok, usize)>,
    pos: usize,
}

fn lex(text: &str) -> Result<Vec<(Tok, usize)>, FormulaError> {
    let mut out = Vec::new();
    let b: Vec<char> = text.chars().collect();
    let mut i = 0;
    let mut byte = 0;
    while i < b.len() {
        let c = b[i];
        let start = byte;
        if c.is_whitespace() {
            i += 1;
            byte += c.len_utf8();
            continue;
        }
        if c.is_ascii_digit() || (c == '.' && b.get(i + 1).is_some_and(|d| d.is_ascii_digit())) {
            let mut s = String::new();
            while i < b.len() && (b[i].is_ascii_digit() || b[i] == '.') {
                s.push(b[i]);
                i += 1;
                byte += 1;
            }
            let v =
                s.parse::<f64>().map_err(|_| FormulaError { text: text.into(), message: format!("`{s}` is not a number"), at: start })?;
            out.push((Tok::Num(v), start));
        } else if c.is_ascii_alphabetic() || c == '_' {
            let mut s = String::new();
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == '_' || b[i] == '.' || b[i] == '-') {
                s.push(b[i]);
                i += 1;
                byte += 1;
            }
            out.push((Tok::Word(s), start));
        } else if "+-*/(){},=".contains(c) {
            out.push((Tok::Sym(c), start));
            i += 1;
            byte += 1;
        } else {
            return Err(FormulaError { text: text.into(), message: format!("unexpected `{c}`"), at: start });
        }
    }
    Ok(out)
}

impl<'a> Parser<'a> {
    fn err<T>(&self, message: impl Into<String>) -> Result<T, FormulaError> {
        let at = self.toks.get(self.pos).map(|t| t.1).unwrap_or(self.text.len());
        Err(FormulaError { text: self.text.into(), message: message.into(), at })
    }
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|t| &t.0)
    }
    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(&Tok::Sym(c)) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    fn expect(&mut self, c: char) -> Result<(), FormulaError> {
        if self.eat(c) { Ok(()) } else { self.err(format!("expected `{c}`")) }
    }
    fn word(&mut self) -> Result<String, FormulaError> {
        match self.peek().cloned() {
            Some(Tok::Word(w)) => {
                self.pos += 1;
                Ok(w)
            }
            _ => self.err("expected a name"),
        }
    }
    fn integer(&mut self) -> Result<i64, FormulaError> {
        let neg = self.eat('-');
        match self.peek().cloned() {
            Some(Tok::Num(n)) if n.fract() == 0.0 => {
                self.pos += 1;
                Ok(if neg { -(n as i64) } else { n as i64 })
            }
            _ => self.err("expected a whole number"),
        }
    }
    fn expr(&mut self) -> Result<Expr, FormulaError> {
        let mut e = self.term()?;
        loop {
            let op = if self.eat('+') {
                Op::Add
            } else if self.eat('-') {
                Op::Sub
            } else {
                return Ok(e);
            };
            e = Expr::Bin(op, Box::new(e), Box::new(self.term()?));
        }
    }
    fn term(&mut self) -> Result<Expr, FormulaError> {
        let mut e = self.factor()?;
        loop {
            let op = if self.eat('*') {
                Op::Mul
            } else if self.eat('/') {
                Op::Div
            } else {
                return Ok(e);
            };
            e = Expr::Bin(op, Box::new(e), Box::new(self.factor()?));
        }
    }
    fn reference(&mut self, code: String) -> Result<Ref, FormulaError> {
        let code = match IndicatorCode::parse(&code) {
            Ok(c) => c,
            Err(e) => {
                self.pos -= 1;
                return self.err(e.to_string());
            }
        };
        let mut dims = DimensionKey::total();
        if self.eat('{') {
            loop {
                let d = self.word()?;
                let d = DimensionId::parse(&d).or_else(|e| self.err(e.to_string()))?;
                self.expect('=')?;
                let v = self.word()?;
                let v = CodeValue::parse(&v).or_else(|e| self.err(e.to_string()))?;
                dims.set(d, v);
                if self.eat('}') {
                    break;
                }
                self.expect(',')?;
            }
        }
        Ok(Ref { code, dims })
    }
    fn ref_arg(&mut self) -> Result<Ref, FormulaError> {
        let w = self.word()?;
        self.reference(w)
    }
    fn factor(&mut self) -> Result<Expr, FormulaError> {
        match self.peek().cloned() {
            Some(Tok::Num(n)) => {
                self.pos += 1;
                Ok(Expr::Num(n))
            }
            Some(Tok::Sym('-')) => {
                self.pos += 1;
                Ok(Expr::Neg(Box::new(self.factor()?)))
            }
            Some(Tok::Sym('(')) => {
                self.pos += 1;
                let e = self.expr()?;
                self.expect(')')?;
                Ok(e)
            }
            Some(Tok::Word(w)) => {
                self.pos += 1;
                if self.peek() == Some(&Tok::Sym('(')) {
                    self.pos += 1;
                    let e = match w.as_str() {
                        "lag" => {
                            let r = self.ref_arg()?;
                            self.expect(',')?;
                            let n = self.integer()?;
                            Expr::Lag(r, n as i32)
                        }
                        "ln" => Expr::Ln(Box::new(self.expr()?)),
                        "abs" => Expr::Abs(Box::new(self.expr()?)),
                        "sum" | "top_share" | "group_share" => {
                            let r = self.ref_arg()?;
                            self.expect(',')?;
                            let d = self.word()?;
                            let d = DimensionId::parse(&d).or_else(|e| self.err(e.to_string()))?;
                            match w.as_str() {
                                "sum" => Expr::Sum(r, d),
                                "top_share" => {
                                    self.expect(',')?;
                                    let n = self.integer()?;
                                    if n < 1 {
                                        return self.err("top_share needs a count of at least 1");
                                    }
                                    Expr::TopShare(r, d, n as usize)
                                }
                                _ => {
                                    self.expect(',')?;
                                    let g = self.word()?;
                                    let g = GroupCode::parse(&g).or_else(|e| self.err(e.to_string()))?;
                                    Expr::GroupShare(r, d, g)
                                }
                            }
                        }
                        other => {
                            self.pos -= 2;
                            return self.err(format!("unknown function `{other}`: expected lag, ln, abs, sum, top_share or group_share"));
                        }
                    };
                    self.expect(')')?;
                    Ok(e)
                } else {
                    Ok(Expr::Ref(self.reference(w)?))
                }
            }
            _ => self.err("expected a number, an indicator code, a function or `(`"),
        }
    }
}

impl Formula {
    /// Parses a formula; the whole text must be one expression.
    pub fn parse(text: &str) -> Result<Formula, FormulaError> {
        let toks = lex(text)?;
        let mut p = Parser { text, toks, pos: 0 };
        if p.toks.is_empty() {
            return p.err("the formula is empty");
        }
        let expr = p.expr()?;
        if p.pos < p.toks.len() {
            return p.err("unexpected text after the end of the expression");
        }
        Ok(Formula { text: text.to_string(), expr })
    }

    /// Every indicator reference, with the dimension it is broken down by where relevant.
    pub fn references(&self) -> Vec<(&Ref, Option<&DimensionId>)> {
        fn walk<'e>(e: &'e Expr, out: &mut Vec<(&'e Ref, Option<&'e DimensionId>)>) {
            match e {
                Expr::Num(_) => {}
                Expr::Neg(a) | Expr::Ln(a) | Expr::Abs(a) => walk(a, out),
                Expr::Bin(_, a, b) => {
                    walk(a, out);
                    walk(b, out);
                }
                Expr::Ref(r) | Expr::Lag(r, _) => out.push((r, None)),
                Expr::Sum(r, d) | Expr::TopShare(r, d, _) | Expr::GroupShare(r, d, _) => out.push((r, Some(d))),
            }
        }
        let mut out = Vec::new();
        walk(&self.expr, &mut out);
        out
    }

    /// The groups the formula names.
    pub fn groups(&self) -> Vec<&GroupCode> {
        fn walk<'e>(e: &'e Expr, out: &mut Vec<&'e GroupCode>) {
            match e {
                Expr::Neg(a) | Expr::Ln(a) | Expr::Abs(a) => walk(a, out),
                Expr::Bin(_, a, b) => {
                    walk(a, out);
                    walk(b, out);
                }
                Expr::GroupShare(_, _, g) => out.push(g),
                _ => {}
            }
        }
        let mut out = Vec::new();
        walk(&self.expr, &mut out);
        out
    }

    /// Evaluates the formula; `None` when an input is missing or the result is not finite
    /// (a division by zero never becomes a figure).
    pub fn eval(&self, r: &dyn Resolver) -> Option<f64> {
        eval(&self.expr, r).filter(|v| v.is_finite())
    }
}

fn eval(e: &Expr, r: &dyn Resolver) -> Option<f64> {
    match e {
        Expr::Num(n) => Some(*n),
        Expr::Neg(a) => eval(a, r).map(|v| -v),
        Expr::Bin(op, a, b) => {
            let (x, y) = (eval(a, r)?, eval(b, r)?);
            match op {
                Op::Add => Some(x + y),
                Op::Sub => Some(x - y),
                Op::Mul => Some(x * y),
                Op::Div => (y != 0.0).then(|| x / y),
            }
        }
        Expr::Ref(x) => r.value(x, 0),
        Expr::Lag(x, n) => r.value(x, -n),
        Expr::Ln(a) => eval(a, r).filter(|v| *v > 0.0).map(f64::ln),
        Expr::Abs(a) => eval(a, r).map(f64::abs),
        Expr::Sum(x, d) => {
            let parts = r.breakdown(x, d);
            (!parts.is_empty()).then(|| parts.iter().map(|p| p.1).sum())
        }
        Expr::TopShare(x, d, n) => {
            let total = r.value(x, 0)?;
            let mut parts: Vec<f64> = r.breakdown(x, d).into_iter().map(|p| p.1).collect();
            if parts.is_empty() || total == 0.0 {
                return None;
            }
            parts.sort_by(|a, b| b.total_cmp(a));
            Some(parts.iter().take(*n).sum::<f64>() / total * 100.0)
        }
        Expr::GroupShare(x, d, g) => {
            let total = r.value(x, 0)?;
            let parts = r.breakdown(x, d);
            if parts.is_empty() || total == 0.0 {
                return None;
            }
            Some(parts.iter().filter(|(c, _)| r.in_group(g, c)).map(|p| p.1).sum::<f64>() / total * 100.0)
        }
    }
}

impl fmt::Display for Formula {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    struct Table(HashMap<(String, String, i32), f64>);
    impl Resolver for Table {
        fn value(&self, r: &Ref, shift: i32) -> Option<f64> {
            self.0.get(&(r.code.to_string(), r.dims.to_string(), shift)).copied()
        }
        fn breakdown(&self, r: &Ref, dim: &DimensionId) -> Vec<(CodeValue, f64)> {
            let prefix = format!("{dim}=");
            self.0
                .iter()
                .filter(|((c, d, s), _)| *c == r.code.as_str() && *s == 0 && d.starts_with(&prefix))
                .map(|((_, d, _), v)| (CodeValue::parse(&d[prefix.len()..]).unwrap(), *v))
                .collect()
        }
        fn in_group(&self, g: &GroupCode, c: &CodeValue) -> bool {
            g.as_str() == "ECOWAS" && ["GIN", "MLI"].contains(&c.as_str())
        }
    }

    fn table() -> Table {
        let mut m = HashMap::new();
        m.insert(("IMM.STOCK".into(), "".into(), 0), 274_929.0);
        m.insert(("IMM.STOCK".into(), "SEX=F".into(), 0), 130_000.0);
        m.insert(("DEV.POP".into(), "".into(), 0), 16_000_000.0);
        m.insert(("DEV.POP".into(), "".into(), -1), 15_500_000.0);
        for (c, v) in [("GIN", 100_000.0), ("MLI", 50_000.0), ("FRA", 24_929.0), ("MRT", 60_000.0), ("GMB", 40_000.0)] {
            m.insert(("IMM.STOCK".into(), format!("COUNTERPART_AREA={c}"), 0), v);
        }
        Table(m)
    }

    fn ev(s: &str) -> Option<f64> {
        Formula::parse(s).unwrap().eval(&table())
    }

    #[test]
    fn arithmetic_and_references() {
        let v = ev("IMM.STOCK / DEV.POP * 100").unwrap();
        assert!((v - 1.7183).abs() < 1e-3);
        assert!((ev("IMM.STOCK{SEX=F} / IMM.STOCK * 100").unwrap() - 47.285).abs() < 1e-2);
        assert_eq!(ev("2 + 3 * 4"), Some(14.0));
        assert_eq!(ev("(2 + 3) * 4"), Some(20.0));
        assert_eq!(ev("-2 - -3"), Some(1.0));
        assert!((ev("ln(DEV.POP / lag(DEV.POP, 1)) * 100").unwrap() - 3.17).abs() < 0.01);
    }

    #[test]
    fn missing_inputs_and_division_by_zero_give_no_figure() {
        assert_eq!(ev("REM.IN / DEV.GDP"), None);
        assert_eq!(ev("IMM.STOCK / 0"), None);
        assert_eq!(ev("ln(0)"), None);
    }

    #[test]
    fn shares() {
        let top = ev("top_share(IMM.STOCK, COUNTERPART_AREA, 2)").unwrap();
        assert!((top - 160_000.0 / 274_929.0 * 100.0).abs() < 1e-9);
        let g = ev("group_share(IMM.STOCK, COUNTERPART_AREA, ECOWAS)").unwrap();
        assert!((g - 150_000.0 / 274_929.0 * 100.0).abs() < 1e-9);
        assert_eq!(ev("sum(IMM.STOCK, COUNTERPART_AREA)"), Some(274_929.0));
    }

    #[test]
    fn parse_errors_say_where() {
        for bad in [
            "",
            "IMM.STOCK +",
            "foo(IMM.STOCK)",
            "IMM.STOCK{SEX}",
            "(1",
            "1 2",
            "top_share(IMM.STOCK, COUNTERPART_AREA, 0)",
            "imm",
            "1 $ 2",
        ] {
            let e = Formula::parse(bad).unwrap_err();
            assert!(e.to_string().contains("formula"), "{bad}: {e}");
        }
    }

    #[test]
    fn lists_references() {
        let f = Formula::parse("REM.IN / (DEV.GDP + top_share(EMI.STOCK, COUNTERPART_AREA, 5))").unwrap();
        let codes: Vec<&str> = f.references().iter().map(|(r, _)| r.code.as_str()).collect();
        assert_eq!(codes, ["REM.IN", "DEV.GDP", "EMI.STOCK"]);
    }
}
