//! An index over the observations a document is built from, with the rules for choosing
//! among sources: the template's preferred sources first, newest vintage first.

use crate::model::{Text, Trace, Value, ValueKind};
use mp_domain::formula::{Ref, Resolver};
use mp_domain::framework::UnitKind;
use mp_domain::{
    AreaCode, AreaRegistry, CodeValue, DatasetId, DimensionId, DimensionKey, Framework, GroupCode, Indicator, IndicatorCode, ObsStatus,
    Period, Record,
};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};

/// The observations of a document, indexed by indicator and area.
pub struct Data<'a> {
    /// The framework.
    pub fw: &'a Framework,
    /// The areas.
    pub areas: &'a AreaRegistry,
    by_key: HashMap<(&'a IndicatorCode, &'a AreaCode), Vec<&'a Record>>,
    prefer: Vec<String>,
}

/// The indicator's unit as readers see it (an axis or legend title), its code when the
/// framework has no name for it.
pub fn unit_text(fw: &Framework, ind: &Indicator) -> Text {
    fw.unit(&ind.unit).map(|u| Text::I18n(u.name.clone())).unwrap_or_else(|| Text::plain(ind.unit.clone()))
}

/// How a value is shown: the kind `units.toml` gives the indicator's unit.
pub fn kind_of(ind: &Indicator) -> ValueKind {
    match ind.unit_kind {
        UnitKind::Number => ValueKind::Number,
        UnitKind::Percent => ValueKind::Percent,
        UnitKind::Usd => ValueKind::Usd,
        UnitKind::PerThousand => ValueKind::PerThousand,
        UnitKind::Index => ValueKind::Index,
    }
}

/// The trace of one record.
pub fn trace(r: &Record) -> Trace {
    Trace {
        record: r.id,
        indicator: r.indicator.clone(),
        area: r.area.clone(),
        period: r.period,
        dims: r.dims.to_string(),
        dataset: r.dataset.clone(),
        locator: r.locator.clone(),
    }
}

/// The statuses readers are told about, with a mark beside the figure; in the order a
/// computed figure inherits them (the first its inputs have).
pub const MARKED: [ObsStatus; 5] =
    [ObsStatus::Forecast, ObsStatus::Break, ObsStatus::LowReliability, ObsStatus::Provisional, ObsStatus::Estimated];

/// The mark a figure computed from `inputs` carries: the first of [`MARKED`] any input has, so
/// a ratio built on a provisional figure is provisional too.
fn inherited_mark(inputs: &[&Record]) -> Option<String> {
    MARKED.iter().find(|m| inputs.iter().any(|r| r.status == **m)).map(|m| m.code().to_string())
}

fn status_mark(s: ObsStatus) -> Option<String> {
    match s {
        ObsStatus::Normal => None,
        other => Some(other.code().to_string()),
    }
}

impl<'a> Data<'a> {
    /// Indexes the records.
    pub fn new(records: &'a [Record], fw: &'a Framework, areas: &'a AreaRegistry, prefer: &[String]) -> Self {
        let mut by_key: HashMap<(&IndicatorCode, &AreaCode), Vec<&Record>> = HashMap::new();
        for r in records {
            by_key.entry((&r.indicator, &r.area)).or_default().push(r);
        }
        Data { fw, areas, by_key, prefer: prefer.to_vec() }
    }

    fn rank(&self, d: &DatasetId) -> (usize, std::cmp::Reverse<String>) {
        (self.prefer.iter().position(|p| p == &d.source).unwrap_or(self.prefer.len()), std::cmp::Reverse(d.vintage.clone()))
    }

    /// Every record of an indicator for an area with exactly this disaggregation.
    pub fn records(&self, ind: &IndicatorCode, area: &AreaCode, dims: &DimensionKey) -> Vec<&'a Record> {
        self.by_key
            .get(&(ind, area))
            .map(|v| v.iter().copied().filter(|r| &r.dims == dims && r.value.is_some()).collect())
            .unwrap_or_default()
    }

    /// The datasets that publish this series, best first; only the newest vintage of each source.
    pub fn datasets(&self, ind: &IndicatorCode, area: &AreaCode, dims: &DimensionKey) -> Vec<DatasetId> {
        let mut ds: Vec<DatasetId> = Vec::new();
        for r in self.records(ind, area, dims) {
            if !ds.contains(&r.dataset) {
                ds.push(r.dataset.clone());
            }
        }
        ds.sort_by_key(|d| self.rank(d));
        let mut seen = Vec::new();
        ds.retain(|d| {
            let fresh = !seen.contains(&d.source);
            seen.push(d.source.clone());
            fresh
        });
        ds
    }

    /// One dataset's series, in period order; annual (or multi-year) periods only when the
    /// series has them, monthly figures otherwise.
    pub fn series(&self, ind: &IndicatorCode, area: &AreaCode, dims: &DimensionKey, ds: &DatasetId) -> Vec<&'a Record> {
        let mut v: Vec<&Record> = self.records(ind, area, dims).into_iter().filter(|r| &r.dataset == ds).collect();
        if v.iter().any(|r| matches!(r.period, Period::Year(_))) {
            v.retain(|r| matches!(r.period, Period::Year(_)));
        } else if v.iter().any(|r| matches!(r.period, Period::Range(..))) {
            v.retain(|r| matches!(r.period, Period::Range(..)));
        }
        v.sort_by_key(|r| r.period);
        v
    }

    /// The latest observed (not projected) record of the best dataset that has one.
    pub fn latest(&self, ind: &IndicatorCode, area: &AreaCode, dims: &DimensionKey) -> Option<&'a Record> {
        self.latest_until(ind, area, dims, None)
    }

    /// As [`Data::latest`], not after `until`: the most recent period any dataset has, and
    /// among datasets with that period the preferred one (a newer figure beats a preferred
    /// source's older one; readers want the latest figure, and every source stays in the tables).
    pub fn latest_until(&self, ind: &IndicatorCode, area: &AreaCode, dims: &DimensionKey, until: Option<i32>) -> Option<&'a Record> {
        let mut best: Option<&Record> = None;
        for ds in self.datasets(ind, area, dims) {
            let s = self.series(ind, area, dims, &ds);
            if let Some(r) = s.iter().rev().find(|r| r.status != ObsStatus::Forecast && until.is_none_or(|u| r.period.end_year() <= u))
                && best.is_none_or(|b| r.period.end_year() > b.period.end_year())
            {
                best = Some(r);
            }
        }
        best
    }

    /// The record for a period, from the best dataset that has it.
    pub fn at(&self, ind: &IndicatorCode, area: &AreaCode, dims: &DimensionKey, period: &Period) -> Option<&'a Record> {
        let mut v: Vec<&Record> = self.records(ind, area, dims).into_iter().filter(|r| &r.period == period).collect();
        v.sort_by_key(|r| self.rank(&r.dataset));
        v.first().copied()
    }

    /// The codes of one dimension for a period and dataset, other dimensions at total.
    pub fn breakdown(
        &self,
        ind: &IndicatorCode,
        area: &AreaCode,
        dim: &str,
        period: &Period,
        ds: &DatasetId,
        base: &DimensionKey,
    ) -> Vec<(CodeValue, &'a Record)> {
        let Some(v) = self.by_key.get(&(ind, area)) else { return Vec::new() };
        v.iter()
            .filter(|r| &r.dataset == ds && &r.period == period && r.value.is_some())
            .filter_map(|r| {
                let code = r.dims.get(dim)?;
                (r.dims.without(dim) == *base).then(|| (code.clone(), *r))
            })
            .collect()
    }

    /// A value from a record, formatted per its indicator.
    pub fn value(&self, r: &Record) -> Option<Value> {
        let ind = self.fw.indicator(&r.indicator)?;
        Some(Value {
            v: r.value?,
            kind: kind_of(ind),
            decimals: ind.decimals,
            trace: vec![trace(r)],
            formula: None,
            status: status_mark(r.status),
        })
    }

    /// Evaluates a computed indicator for an area and period; the value traces every input.
    pub fn computed(&self, ind: &Indicator, area: &AreaCode, period: &Period) -> Option<Value> {
        let f = ind.formula.as_ref()?;
        let res = Res { data: self, area, period, used: RefCell::new(Vec::new()) };
        let v = f.eval(&res)?;
        let used = res.used.into_inner();
        Some(Value {
            v,
            kind: kind_of(ind),
            decimals: ind.decimals,
            trace: used.iter().map(|r| trace(r)).collect(),
            formula: Some(f.text.clone()),
            status: inherited_mark(&used),
        })
    }

    /// The latest period for which a computed indicator can be evaluated (looking back from
    /// the latest period of its first input, at most 15 steps).
    pub fn latest_computed(&self, ind: &Indicator, area: &AreaCode) -> Option<(Period, Value)> {
        self.latest_computed_until(ind, area, None)
    }

    /// As [`Data::latest_computed`], not after `until`.
    fn latest_computed_until(&self, ind: &Indicator, area: &AreaCode, until: Option<i32>) -> Option<(Period, Value)> {
        let f = ind.formula.as_ref()?;
        let (first, _) = f.references().into_iter().next()?;
        let start = self.latest_until(&first.code, area, &first.dims, until).map(|r| r.period)?;
        (0..15).map(|k| start.shift(-k)).find_map(|p| self.computed(ind, area, &p).map(|v| (p, v)))
    }

    /// The latest value of any indicator, stored or computed, with its period; a computed
    /// figure is used when it is more recent than any stored one.
    pub fn latest_any(&self, ind: &Indicator, area: &AreaCode) -> Option<(Period, Value, Option<DatasetId>)> {
        self.latest_any_until(ind, area, None)
    }

    /// As [`Data::latest_any`], not after `until`: the figure a reader had in that year.
    pub fn latest_any_until(&self, ind: &Indicator, area: &AreaCode, until: Option<i32>) -> Option<(Period, Value, Option<DatasetId>)> {
        let stored = self
            .latest_until(&ind.code, area, &DimensionKey::total(), until)
            .and_then(|r| Some((r.period, self.value(r)?, Some(r.dataset.clone()))));
        let computed = self.latest_computed_until(ind, area, until).map(|(p, v)| (p, v, None));
        match (stored, computed) {
            (Some(s), Some(c)) if c.0.end_year() > s.0.end_year() => Some(c),
            (Some(s), _) => Some(s),
            (None, c) => c,
        }
    }

    /// The dataset name as readers see it, from any record of the dataset.
    pub fn source_name(&self, ds: &DatasetId) -> String {
        self.by_key.values().flatten().find(|r| &r.dataset == ds).map(|r| r.source_name.clone()).unwrap_or_else(|| ds.source.clone())
    }

    /// The area name in all languages.
    pub fn area_name(&self, a: &AreaCode) -> mp_domain::I18nText {
        self.areas.get(a).map(|x| x.name.clone()).unwrap_or_else(|| mp_domain::I18nText::new(a.as_str(), a.as_str(), a.as_str()))
    }

    /// Every period an indicator has data for (any dataset, any dims) for an area.
    pub fn last_year(&self, ind: &IndicatorCode, area: &AreaCode) -> Option<i32> {
        self.by_key
            .get(&(ind, area))
            .and_then(|v| v.iter().filter(|r| r.value.is_some() && r.status != ObsStatus::Forecast).map(|r| r.period.end_year()).max())
    }

    /// Series by dataset, best first, as period → record maps.
    pub fn all_series(&self, ind: &IndicatorCode, area: &AreaCode, dims: &DimensionKey) -> Vec<(DatasetId, BTreeMap<Period, &'a Record>)> {
        self.datasets(ind, area, dims)
            .into_iter()
            .map(|ds| {
                let s = self.series(ind, area, dims, &ds).into_iter().map(|r| (r.period, r)).collect();
                (ds, s)
            })
            .collect()
    }
}

struct Res<'d, 'a> {
    data: &'d Data<'a>,
    area: &'d AreaCode,
    period: &'d Period,
    used: RefCell<Vec<&'a Record>>,
}

impl Resolver for Res<'_, '_> {
    fn value(&self, r: &Ref, shift: i32) -> Option<f64> {
        let p = self.period.shift(shift);
        let rec = self.data.at(&r.code, self.area, &r.dims, &p)?;
        self.used.borrow_mut().push(rec);
        rec.value
    }
    fn breakdown(&self, r: &Ref, dim: &DimensionId) -> Vec<(CodeValue, f64)> {
        let Some(total) = self.data.at(&r.code, self.area, &r.dims, self.period) else { return Vec::new() };
        let parts = self.data.breakdown(&r.code, self.area, dim.as_str(), self.period, &total.dataset, &r.dims);
        self.used.borrow_mut().extend(parts.iter().map(|(_, rec)| *rec));
        parts.into_iter().filter_map(|(c, rec)| Some((c, rec.value?))).collect()
    }
    fn in_group(&self, g: &GroupCode, c: &CodeValue) -> bool {
        mp_domain::Iso3::parse(c.as_str()).is_ok_and(|iso| self.data.areas.is_member(g, &iso, Some(self.period.end_year())))
    }
}
