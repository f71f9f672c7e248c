//! Validation rules as data: `framework/rules.toml`, parsed once into types and checked against
//! the framework (every unit, indicator and dimension it names exists; every message has its
//! three languages; every formula parses).

use mp_domain::formula::{Expr, Formula};
use mp_domain::framework::Problem;
use mp_domain::{DimensionId, Framework, I18nText, IndicatorCode};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::fmt;

/// The file the rules live in, relative to the framework directory.
pub const RULES_FILE: &str = "rules.toml";

/// What a violation does to an import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Refuses the whole file; nothing is stored.
    Error,
    /// Stored with the figure and shown to reviewers.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How much a violation matters to a reader of the profile (sorts the reports).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Importance {
    /// A headline figure could be wrong.
    High,
    /// A figure could be wrong.
    Medium,
    /// Worth a look.
    Low,
}

impl Importance {
    /// `high`, `medium` or `low`.
    pub fn as_str(self) -> &'static str {
        match self {
            Importance::High => "high",
            Importance::Medium => "medium",
            Importance::Low => "low",
        }
    }
}

/// What every rule carries: its id, severity, importance and message.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleMeta {
    /// Stable id, e.g. `range.percent`, `parts.SEX`, `immigrants-le-population`.
    pub id: String,
    /// Error or warning.
    pub severity: Severity,
    /// High, medium or low.
    pub importance: Importance,
    /// What the rule says, in EN/FR/PT.
    pub message: I18nText,
}

/// The values a figure may take.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Bound {
    /// Between `min` and `max` (either may be open).
    Range {
        /// Lowest allowed value.
        min: Option<f64>,
        /// Highest allowed value.
        max: Option<f64>,
    },
    /// One of these codes (a yes/no or an ordinal score).
    Codes(Vec<f64>),
}

impl Bound {
    /// Whether `v` is allowed.
    pub fn allows(&self, v: f64) -> bool {
        match self {
            Bound::Range { min, max } => min.is_none_or(|m| v >= m) && max.is_none_or(|m| v <= m),
            Bound::Codes(c) => c.iter().any(|x| (x - v).abs() < 1e-9),
        }
    }

    /// What is allowed, as text: `0 to 100`, `≥ 0`, `one of 0, 1`, `any value`.
    pub fn describe(&self) -> String {
        match self {
            Bound::Range { min: Some(a), max: Some(b) } => format!("between {} and {}", num(*a), num(*b)),
            Bound::Range { min: Some(a), max: None } => format!("≥ {}", num(*a)),
            Bound::Range { min: None, max: Some(b) } => format!("≤ {}", num(*b)),
            Bound::Range { min: None, max: None } => "any value".into(),
            Bound::Codes(c) => format!("one of {}", c.iter().map(|x| num(*x)).collect::<Vec<_>>().join(", ")),
        }
    }
}

/// The range of every indicator measured in one unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitRange {
    /// The unit id (`percent`, `persons`…).
    pub unit: String,
    /// What is allowed.
    pub bound: Bound,
    /// Id, severity, message.
    pub meta: RuleMeta,
}

/// The range of named indicators; wins over their unit's range.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorRange {
    /// The indicators.
    pub indicators: Vec<IndicatorCode>,
    /// What is allowed.
    pub bound: Bound,
    /// Id, severity, message.
    pub meta: RuleMeta,
}

/// Parts not above their whole, for indicators in the listed units, along the listed dimensions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartsRule {
    /// Units of additive indicators.
    pub units: Vec<String>,
    /// Dimensions whose codes are parts of the total.
    pub dimensions: Vec<DimensionId>,
    /// Relative tolerance (rounding in the source).
    pub tolerance: f64,
    /// Id (`parts`; violations name `parts.DIM`), severity, message.
    pub meta: RuleMeta,
}

/// Women + men = total, within a relative tolerance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SexSumRule {
    /// Units of additive indicators.
    pub units: Vec<String>,
    /// Relative tolerance.
    pub tolerance: f64,
    /// Id, severity, message.
    pub meta: RuleMeta,
}

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum CmpOp {
    /// `<=`
    Le,
    /// `<`
    Lt,
    /// `>=`
    Ge,
    /// `>`
    Gt,
    /// `==` (within the tolerance)
    Eq,
    /// `!=`
    Ne,
}

impl CmpOp {
    fn parse(s: &str) -> Option<CmpOp> {
        Some(match s.trim() {
            "<=" | "≤" => CmpOp::Le,
            "<" => CmpOp::Lt,
            ">=" | "≥" => CmpOp::Ge,
            ">" => CmpOp::Gt,
            "==" | "=" | "≈" => CmpOp::Eq,
            "!=" | "≠" => CmpOp::Ne,
            _ => return None,
        })
    }

    /// The symbol.
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Le => "≤",
            CmpOp::Lt => "<",
            CmpOp::Ge => "≥",
            CmpOp::Gt => ">",
            CmpOp::Eq => "≈",
            CmpOp::Ne => "≠",
        }
    }

    /// Whether `l op r` holds, with a relative and an absolute tolerance.
    pub fn holds(self, l: f64, r: f64, rel: f64, abs: f64) -> bool {
        let slack = |x: f64| rel * x.abs() + abs;
        match self {
            CmpOp::Le => l <= r + slack(r),
            CmpOp::Lt => l < r,
            CmpOp::Ge => l >= r - slack(r),
            CmpOp::Gt => l > r,
            CmpOp::Eq => (l - r).abs() <= slack(l.abs().max(r.abs())),
            CmpOp::Ne => (l - r).abs() > slack(l.abs().max(r.abs())),
        }
    }
}

/// Where the values of a comparison may come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Scope {
    /// Both sides from the same dataset.
    Dataset,
    /// A side the dataset does not hold is taken from other sources (their median), e.g. the
    /// population from UN WPP for a migrant stock from UN DESA.
    Any,
}

/// `left op right` for every area and period, each side a formula.
#[derive(Debug, Clone, PartialEq)]
pub struct CompareRule {
    /// The left side.
    pub left: Formula,
    /// The operator.
    pub op: CmpOp,
    /// The right side.
    pub right: Formula,
    /// Relative tolerance.
    pub tolerance: f64,
    /// Absolute tolerance, for values near zero.
    pub abs_tolerance: f64,
    /// Where values may come from.
    pub scope: Scope,
    /// Id, severity, message.
    pub meta: RuleMeta,
}

impl CompareRule {
    /// Every indicator either side reads.
    pub fn indicators(&self) -> Vec<IndicatorCode> {
        let mut out: Vec<IndicatorCode> =
            self.left.references().into_iter().chain(self.right.references()).map(|(r, _)| r.code.clone()).collect();
        out.sort();
        out.dedup();
        out
    }
}

/// Every rule of the framework.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RuleSet {
    /// Version of the rules file.
    pub version: String,
    /// Ranges by unit.
    pub unit_ranges: Vec<UnitRange>,
    /// Ranges by indicator.
    pub ranges: Vec<IndicatorRange>,
    /// Parts not above their whole.
    pub parts: Option<PartsRule>,
    /// Women + men = total.
    pub sex_sum: Option<SexSumRule>,
    /// Comparisons.
    pub compare: Vec<CompareRule>,
    /// Weights of the composite quality score by DQA_DIMENSION code (a dimension not listed
    /// weighs 1).
    pub score_weights: std::collections::BTreeMap<String, f64>,
}

/// A rules file with problems, every one named.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", .problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"))]
pub struct RulesError {
    /// Every problem found.
    pub problems: Vec<Problem>,
}

#[derive(Deserialize, Clone, Default)]
#[serde(deny_unknown_fields)]
struct RawText {
    en: Option<String>,
    fr: Option<String>,
    pt: Option<String>,
}

impl RawText {
    fn text(&self) -> I18nText {
        I18nText::new(self.en.clone().unwrap_or_default(), self.fr.clone().unwrap_or_default(), self.pt.clone().unwrap_or_default())
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    version: String,
    #[serde(default)]
    unit_range: Vec<RawRange>,
    #[serde(default)]
    range: Vec<RawRange>,
    parts: Option<RawParts>,
    sex_sum: Option<RawParts>,
    #[serde(default)]
    rule: Vec<RawRule>,
    score: Option<RawScore>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScore {
    weights: std::collections::BTreeMap<String, f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRange {
    id: Option<String>,
    unit: Option<String>,
    #[serde(default)]
    indicators: Vec<String>,
    min: Option<f64>,
    max: Option<f64>,
    codes: Option<Vec<f64>>,
    severity: Severity,
    importance: Importance,
    message: RawText,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawParts {
    units: Vec<String>,
    #[serde(default)]
    dimensions: Vec<String>,
    tolerance: f64,
    severity: Severity,
    importance: Importance,
    message: RawText,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: String,
    left: String,
    op: String,
    right: String,
    #[serde(default)]
    tolerance: f64,
    #[serde(default)]
    abs_tolerance: f64,
    #[serde(default)]
    scope: Option<String>,
    severity: Severity,
    importance: Importance,
    message: RawText,
}

struct Ck<'a> {
    file: &'a str,
    fw: &'a Framework,
    problems: Vec<Problem>,
    ids: HashSet<String>,
}

impl Ck<'_> {
    fn add(&mut self, item: &str, problem: impl Into<String>) {
        self.problems.push(Problem { file: self.file.to_string(), item: item.to_string(), problem: problem.into() });
    }

    fn meta(&mut self, id: String, severity: Severity, importance: Importance, message: I18nText) -> RuleMeta {
        for l in message.missing() {
            self.add(&id, format!("`message` has no {} text ({}): every message needs en, fr and pt", l.endonym(), l.code()));
        }
        if !self.ids.insert(id.clone()) {
            self.add(&id, "duplicate rule id");
        }
        RuleMeta { id, severity, importance, message }
    }

    fn unit(&mut self, item: &str, u: &str) -> bool {
        let ok = self.fw.unit(u).is_some();
        if !ok {
            self.add(item, format!("unknown unit `{u}`: expected a unit of units.toml"));
        }
        ok
    }

    fn tolerance(&mut self, item: &str, t: f64) {
        if !(0.0..=1.0).contains(&t) {
            self.add(item, format!("tolerance {t} is not a share between 0 and 1"));
        }
    }

    fn bound(&mut self, item: &str, r: &RawRange) -> Bound {
        match (&r.codes, r.min, r.max) {
            (Some(c), None, None) => {
                if c.is_empty() {
                    self.add(item, "`codes` is empty: list the allowed values");
                }
                Bound::Codes(c.clone())
            }
            (Some(_), _, _) => {
                self.add(item, "give either `codes` or `min`/`max`, not both");
                Bound::Codes(Vec::new())
            }
            (None, min, max) => {
                if let (Some(a), Some(b)) = (min, max)
                    && a > b
                {
                    self.add(item, format!("min {a} is above max {b}"));
                }
                Bound::Range { min, max }
            }
        }
    }

    fn formula(&mut self, item: &str, side: &str, text: &str) -> Option<Formula> {
        let f = match Formula::parse(text) {
            Ok(f) => f,
            Err(e) => {
                self.add(item, format!("`{side}`: {e}"));
                return None;
            }
        };
        if !f.groups().is_empty() || uses_group_share(&f.expr) {
            self.add(item, format!("`{side}`: group_share needs the area registry and cannot be used in a rule"));
        }
        for (r, dim) in f.references() {
            match self.fw.indicator(&r.code) {
                None => self.add(item, format!("`{side}`: unknown indicator {}", r.code)),
                Some(ind) => {
                    for (d, _) in r.dims.iter() {
                        if !ind.dimensions.contains(d) {
                            self.add(item, format!("`{side}`: {} has no dimension {d}", r.code));
                        }
                    }
                    if let Some(d) = dim
                        && !ind.dimensions.contains(d)
                    {
                        self.add(item, format!("`{side}`: {} has no dimension {d}", r.code));
                    }
                }
            }
        }
        Some(f)
    }
}

fn uses_group_share(e: &Expr) -> bool {
    match e {
        Expr::GroupShare(..) => true,
        Expr::Neg(a) | Expr::Ln(a) | Expr::Abs(a) => uses_group_share(a),
        Expr::Bin(_, a, b) => uses_group_share(a) || uses_group_share(b),
        _ => false,
    }
}

impl RuleSet {
    /// Parses and checks the rules file `file` (its text) against the framework; every problem
    /// is named with the rule it is in.
    pub fn parse(text: &str, file: &str, fw: &Framework) -> Result<RuleSet, RulesError> {
        let raw: RawFile = toml::from_str(text).map_err(|e| RulesError {
            problems: vec![Problem {
                file: file.to_string(),
                item: "-".into(),
                problem: format!(
                    "not valid rules TOML{}: {}",
                    e.span().map(|s| format!(" (line {})", text[..s.start.min(text.len())].lines().count().max(1))).unwrap_or_default(),
                    e.message()
                ),
            }],
        })?;
        let mut ck = Ck { file, fw, problems: Vec::new(), ids: HashSet::new() };
        let mut set = RuleSet { version: raw.version, ..RuleSet::default() };
        for r in &raw.unit_range {
            let Some(unit) = r.unit.clone() else {
                ck.add("unit_range", "`unit` is missing");
                continue;
            };
            let id = r.id.clone().unwrap_or_else(|| format!("range.{unit}"));
            if !r.indicators.is_empty() {
                ck.add(&id, "a unit range names no indicators: use a [[range]] entry");
            }
            ck.unit(&id, &unit);
            let bound = ck.bound(&id, r);
            let meta = ck.meta(id, r.severity, r.importance, r.message.text());
            set.unit_ranges.push(UnitRange { unit, bound, meta });
        }
        for r in &raw.range {
            let first = r.indicators.first().cloned().unwrap_or_default();
            let id = r.id.clone().unwrap_or_else(|| format!("range.{first}"));
            if r.unit.is_some() {
                ck.add(&id, "an indicator range names no unit: use a [[unit_range]] entry");
            }
            if r.indicators.is_empty() {
                ck.add(&id, "`indicators` is empty");
            }
            let mut inds = Vec::new();
            for code in &r.indicators {
                match fw.find(code) {
                    Some(i) => inds.push(i.code.clone()),
                    None => ck.add(&id, format!("unknown indicator {code}")),
                }
            }
            let bound = ck.bound(&id, r);
            let meta = ck.meta(id, r.severity, r.importance, r.message.text());
            set.ranges.push(IndicatorRange { indicators: inds, bound, meta });
        }
        if let Some(p) = &raw.parts {
            for u in &p.units {
                ck.unit("parts", u);
            }
            ck.tolerance("parts", p.tolerance);
            let mut dims = Vec::new();
            for d in &p.dimensions {
                match DimensionId::parse(d) {
                    Ok(id) if fw.dimensions.contains_key(&id) => dims.push(id),
                    _ => ck.add("parts", format!("unknown dimension {d}")),
                }
            }
            let meta = ck.meta("parts".into(), p.severity, p.importance, p.message.text());
            set.parts = Some(PartsRule { units: p.units.clone(), dimensions: dims, tolerance: p.tolerance, meta });
        }
        if let Some(p) = &raw.sex_sum {
            for u in &p.units {
                ck.unit("sex_sum", u);
            }
            ck.tolerance("sex_sum", p.tolerance);
            if !p.dimensions.is_empty() {
                ck.add("sex_sum", "`dimensions` does not apply: the rule is about SEX");
            }
            let meta = ck.meta("sex-sum".into(), p.severity, p.importance, p.message.text());
            set.sex_sum = Some(SexSumRule { units: p.units.clone(), tolerance: p.tolerance, meta });
        }
        for r in &raw.rule {
            let op = CmpOp::parse(&r.op);
            if op.is_none() {
                ck.add(&r.id, format!("unknown operator `{}`: expected <=, <, >=, >, == or !=", r.op));
            }
            let scope = match r.scope.as_deref() {
                None | Some("dataset") => Scope::Dataset,
                Some("any") => Scope::Any,
                Some(o) => {
                    ck.add(&r.id, format!("unknown scope `{o}`: expected dataset or any"));
                    Scope::Dataset
                }
            };
            ck.tolerance(&r.id, r.tolerance);
            if r.abs_tolerance < 0.0 {
                ck.add(&r.id, "abs_tolerance cannot be negative");
            }
            let left = ck.formula(&r.id, "left", &r.left);
            let right = ck.formula(&r.id, "right", &r.right);
            let meta = ck.meta(r.id.clone(), r.severity, r.importance, r.message.text());
            if let (Some(left), Some(op), Some(right)) = (left, op, right) {
                set.compare.push(CompareRule { left, op, right, tolerance: r.tolerance, abs_tolerance: r.abs_tolerance, scope, meta });
            }
        }
        if let Some(sc) = &raw.score {
            let dims = DimensionId::parse("DQA_DIMENSION").ok().and_then(|d| fw.codelist_of(&d).cloned());
            for (code, w) in &sc.weights {
                if dims.as_ref().is_none_or(|cl| cl.code(code).is_none()) || code == "_T" {
                    ck.add("score", format!("unknown quality dimension {code}: expected a code of CL_DQA_DIMENSION"));
                }
                if !(w.is_finite() && *w >= 0.0) {
                    ck.add("score", format!("the weight of {code} must be a number ≥ 0"));
                }
            }
            set.score_weights = sc.weights.clone();
        }
        if ck.problems.is_empty() { Ok(set) } else { Err(RulesError { problems: ck.problems }) }
    }

    /// The rules of the framework files (`rules.toml` among them); an empty set when the
    /// framework has no rules file.
    pub fn from_framework_files(files: &mp_domain::FrameworkFiles, fw: &Framework) -> Result<RuleSet, RulesError> {
        match files.iter().find(|(p, _)| p == RULES_FILE) {
            Some((p, text)) => RuleSet::parse(text, p, fw),
            None => Ok(RuleSet::default()),
        }
    }

    /// How many rules (each unit range, indicator range, class and comparison counts once).
    pub fn len(&self) -> usize {
        self.unit_ranges.len()
            + self.ranges.len()
            + usize::from(self.parts.is_some())
            + usize::from(self.sex_sum.is_some())
            + self.compare.len()
    }

    /// Whether there is no rule at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The range that applies to an indicator: its own, else its unit's.
    pub fn range_for(&self, code: &IndicatorCode, unit: &str) -> Option<(&Bound, &RuleMeta)> {
        self.ranges
            .iter()
            .find(|r| r.indicators.contains(code))
            .map(|r| (&r.bound, &r.meta))
            .or_else(|| self.unit_ranges.iter().find(|u| u.unit == unit).map(|u| (&u.bound, &u.meta)))
    }
}

/// A number as a reader writes it: no trailing zeros, at most four decimals.
pub fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        let s = format!("{v:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}
