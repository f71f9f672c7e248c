//! Running the rules over figures: an import batch (with figures from the store as context for
//! rules across sources), or the whole store.

use crate::figure::{Figure, Location};
use crate::rules::{CompareRule, Importance, RuleMeta, RuleSet, Scope, Severity, num};
use mp_domain::formula::{Ref, Resolver};
use mp_domain::{AreaCode, CodeValue, DatasetId, DimensionId, DimensionKey, Framework, GroupCode, I18nText, IndicatorCode, Period};
use serde::Serialize;
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap, HashSet};

/// One figure that breaks one rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Violation {
    /// Rule id (`range.percent`, `parts.SEX`, `immigrants-le-population`…).
    pub rule: String,
    /// Error or warning.
    pub severity: Severity,
    /// High, medium or low.
    pub importance: Importance,
    /// What the rule says, in EN/FR/PT.
    pub message: I18nText,
    /// The figure at fault.
    pub figure: Figure,
    /// What was expected, with the numbers (`between 0 and 100`, `≤ 5000 (DEV.POP)`).
    pub expected: String,
    /// The other figures the check read (the whole, the other sex, the population…).
    pub related: Vec<Location>,
}

impl Violation {
    fn new(meta: &RuleMeta, rule: String, figure: &Figure, expected: String, related: Vec<Location>) -> Violation {
        Violation {
            rule,
            severity: meta.severity,
            importance: meta.importance,
            message: meta.message.clone(),
            figure: figure.clone(),
            expected,
            related,
        }
    }

    /// One line for a terminal: where, which figure, its value, the rule, what was expected.
    pub fn line(&self) -> String {
        format!(
            "{}: {} = {}: {} [{} {}]: expected {}",
            self.figure.at,
            self.figure.label(),
            num(self.figure.value),
            self.message.en,
            self.severity,
            self.rule,
            self.expected
        )
    }
}

type Key<'a> = (&'a DatasetId, &'a IndicatorCode, &'a AreaCode, Period, &'a DimensionKey);

/// Runs every rule. Violations are reported for `subjects` only; `context` holds figures of
/// other datasets that comparisons across sources may read (the population for a migrant
/// stock being imported). Sorted: errors first, then importance, then file and row.
pub fn check(rules: &RuleSet, fw: &Framework, subjects: &[Figure], context: &[Figure]) -> Vec<Violation> {
    let mut out = Vec::new();
    ranges(rules, fw, subjects, &mut out);
    let index: HashMap<Key, &Figure> = subjects.iter().map(|f| ((&f.dataset, &f.indicator, &f.area, f.period, &f.dims), f)).collect();
    parts(rules, fw, subjects, &index, &mut out);
    sex_sum(rules, fw, subjects, &index, &mut out);
    for rule in &rules.compare {
        compare(rule, subjects, context, &mut out);
    }
    out.sort_by(|a, b| {
        (a.severity, a.importance, &a.figure.at.file, &a.figure.at.locator, &a.rule).cmp(&(
            b.severity,
            b.importance,
            &b.figure.at.file,
            &b.figure.at.locator,
            &b.rule,
        ))
    });
    out
}

fn ranges(rules: &RuleSet, fw: &Framework, subjects: &[Figure], out: &mut Vec<Violation>) {
    for f in subjects {
        let Some(ind) = fw.indicator(&f.indicator) else { continue };
        let Some((bound, meta)) = rules.range_for(&f.indicator, &ind.unit) else { continue };
        if !bound.allows(f.value) {
            out.push(Violation::new(meta, meta.id.clone(), f, bound.describe(), Vec::new()));
        }
    }
}

fn additive(fw: &Framework, units: &[String], code: &IndicatorCode) -> Option<Vec<DimensionId>> {
    let ind = fw.indicator(code)?;
    units.contains(&ind.unit).then(|| ind.dimensions.clone())
}

fn parts(rules: &RuleSet, fw: &Framework, subjects: &[Figure], index: &HashMap<Key, &Figure>, out: &mut Vec<Violation>) {
    let Some(p) = &rules.parts else { return };
    let mut cache: HashMap<&IndicatorCode, Option<Vec<DimensionId>>> = HashMap::new();
    for f in subjects {
        let Some(dims) = cache.entry(&f.indicator).or_insert_with(|| additive(fw, &p.units, &f.indicator)) else { continue };
        if f.value < 0.0 {
            continue;
        }
        for d in &p.dimensions {
            if !dims.contains(d) || f.dims.get(d.as_str()).is_none() {
                continue;
            }
            let whole_key = f.dims.without(d.as_str());
            let Some(whole) = index.get(&(&f.dataset, &f.indicator, &f.area, f.period, &whole_key)) else { continue };
            if whole.value < 0.0 {
                continue;
            }
            if f.value > whole.value * (1.0 + p.tolerance) + 0.5 {
                let expected = format!(
                    "≤ {} (the total{})",
                    num(whole.value),
                    if whole_key.is_total() { String::new() } else { format!(" {whole_key}") }
                );
                out.push(Violation::new(&p.meta, format!("parts.{d}"), f, expected, vec![whole.at.clone()]));
            }
        }
    }
}

fn sex_sum(rules: &RuleSet, fw: &Framework, subjects: &[Figure], index: &HashMap<Key, &Figure>, out: &mut Vec<Violation>) {
    let Some(s) = &rules.sex_sum else { return };
    let (Ok(sex), Ok(female), Ok(male)) = (DimensionId::parse("SEX"), CodeValue::parse("F"), CodeValue::parse("M")) else { return };
    let mut cache: HashMap<&IndicatorCode, Option<Vec<DimensionId>>> = HashMap::new();
    for t in subjects {
        let Some(dims) = cache.entry(&t.indicator).or_insert_with(|| additive(fw, &s.units, &t.indicator)) else { continue };
        if !dims.contains(&sex) || t.dims.get("SEX").is_some() {
            continue;
        }
        let fk = t.dims.clone().with(sex.clone(), female.clone());
        let mk = t.dims.clone().with(sex.clone(), male.clone());
        let (Some(f), Some(m)) = (
            index.get(&(&t.dataset, &t.indicator, &t.area, t.period, &fk)),
            index.get(&(&t.dataset, &t.indicator, &t.area, t.period, &mk)),
        ) else {
            continue;
        };
        let sum = f.value + m.value;
        if (sum - t.value).abs() > s.tolerance * t.value.abs() + 0.5 {
            let expected = format!("≈ {} (women {} + men {})", num(sum), num(f.value), num(m.value));
            out.push(Violation::new(&s.meta, s.meta.id.clone(), t, expected, vec![f.at.clone(), m.at.clone()]));
        }
    }
}

/// Figures of one area and period, by indicator, for the comparisons.
type Slice<'a> = HashMap<&'a IndicatorCode, Vec<&'a Figure>>;

struct SliceResolver<'a, 'b> {
    /// (area, period) → figures; lags look at other periods of the same area.
    all: &'b HashMap<(&'a AreaCode, Period), Slice<'a>>,
    area: &'a AreaCode,
    period: Period,
    prefer: &'a DatasetId,
    scope: Scope,
    used: RefCell<Vec<&'a Figure>>,
}

impl<'a> SliceResolver<'a, '_> {
    fn candidates(&self, code: &IndicatorCode, period: Period) -> Vec<&'a Figure> {
        self.all.get(&(self.area, period)).and_then(|s| s.get(code)).cloned().unwrap_or_default()
    }

    /// The preferred dataset's figure, else (scope any) the figure at the median of the others.
    fn pick(&self, mut c: Vec<&'a Figure>) -> Option<&'a Figure> {
        if let Some(f) = c.iter().find(|f| &f.dataset == self.prefer) {
            return Some(f);
        }
        if self.scope == Scope::Dataset || c.is_empty() {
            return None;
        }
        c.sort_by(|a, b| a.value.total_cmp(&b.value).then_with(|| a.dataset.cmp(&b.dataset)));
        Some(c[(c.len() - 1) / 2])
    }
}

impl Resolver for SliceResolver<'_, '_> {
    fn value(&self, r: &Ref, shift: i32) -> Option<f64> {
        let c: Vec<&Figure> = self.candidates(&r.code, self.period.shift(shift)).into_iter().filter(|f| f.dims == r.dims).collect();
        let f = self.pick(c)?;
        self.used.borrow_mut().push(f);
        Some(f.value)
    }

    fn breakdown(&self, r: &Ref, dim: &DimensionId) -> Vec<(CodeValue, f64)> {
        let c = self.candidates(&r.code, self.period);
        let parts = |ds: &DatasetId| -> Vec<&Figure> {
            c.iter()
                .copied()
                .filter(|f| &f.dataset == ds && f.dims.get(dim.as_str()).is_some() && f.dims.without(dim.as_str()) == r.dims)
                .collect()
        };
        let mut chosen = parts(self.prefer);
        if chosen.is_empty() && self.scope == Scope::Any {
            let others: BTreeSet<&DatasetId> = c.iter().map(|f| &f.dataset).collect();
            chosen = others.into_iter().map(parts).find(|p| !p.is_empty()).unwrap_or_default();
        }
        self.used.borrow_mut().extend(chosen.iter().copied());
        chosen.iter().filter_map(|f| f.dims.get(dim.as_str()).map(|c| (c.clone(), f.value))).collect()
    }

    fn in_group(&self, _group: &GroupCode, _code: &CodeValue) -> bool {
        false
    }
}

fn compare(rule: &CompareRule, subjects: &[Figure], context: &[Figure], out: &mut Vec<Violation>) {
    let codes: HashSet<IndicatorCode> = rule.indicators().into_iter().collect();
    let mut all: HashMap<(&AreaCode, Period), Slice> = HashMap::new();
    let mut starts: BTreeSet<(&DatasetId, &AreaCode, String, Period)> = BTreeSet::new();
    for f in subjects.iter().filter(|f| codes.contains(&f.indicator)) {
        all.entry((&f.area, f.period)).or_default().entry(&f.indicator).or_default().push(f);
        starts.insert((&f.dataset, &f.area, f.period.start_date(), f.period));
    }
    if starts.is_empty() {
        return;
    }
    for f in context.iter().filter(|f| codes.contains(&f.indicator)) {
        all.entry((&f.area, f.period)).or_default().entry(&f.indicator).or_default().push(f);
    }
    let mut seen: HashSet<Vec<&Location>> = HashSet::new();
    for (ds, area, _, period) in starts {
        let r = SliceResolver { all: &all, area, period, prefer: ds, scope: rule.scope, used: RefCell::new(Vec::new()) };
        let (Some(l), Some(rv)) = (rule.left.eval(&r), rule.right.eval(&r)) else { continue };
        if rule.op.holds(l, rv, rule.tolerance, rule.abs_tolerance) {
            continue;
        }
        let used = r.used.into_inner();
        // The dataset being checked must have contributed; otherwise the fault lies elsewhere.
        let Some(own) = used.iter().find(|f| &f.dataset == ds && subjects_contains(subjects, f)) else { continue };
        let mut key: Vec<&Location> = used.iter().map(|f| &f.at).collect();
        key.sort_by(|a, b| (&a.file, &a.locator).cmp(&(&b.file, &b.locator)));
        if !seen.insert(key) {
            continue;
        }
        let sources: BTreeSet<String> = used.iter().filter(|f| &f.dataset != ds).map(|f| f.dataset.to_string()).collect();
        let expected = format!(
            "{} {} {} (left {} = {}, right {} = {}{})",
            rule.left.text,
            rule.op.symbol(),
            rule.right.text,
            rule.left.text,
            num(l),
            rule.right.text,
            num(rv),
            if sources.is_empty() {
                String::new()
            } else {
                format!("; also read from {}", sources.into_iter().collect::<Vec<_>>().join(", "))
            }
        );
        let related = used.iter().filter(|f| !std::ptr::eq(**f, *own)).map(|f| f.at.clone()).collect();
        out.push(Violation::new(&rule.meta, rule.meta.id.clone(), own, expected, related));
    }
}

fn subjects_contains(subjects: &[Figure], f: &Figure) -> bool {
    let range = subjects.as_ptr_range();
    std::ptr::from_ref(f) >= range.start && std::ptr::from_ref(f) < range.end
}

/// Whether any violation blocks the import.
pub fn has_errors(v: &[Violation]) -> bool {
    v.iter().any(|x| x.severity == Severity::Error)
}
