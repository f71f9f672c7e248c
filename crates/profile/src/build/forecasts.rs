//! The forecast table: every forecast of the mprofile forecasting module for the country, with
//! its 80 % interval, the method that made it and that method's backtest skill in plain words,
//! so the annex lists forecasts instead of leaving them out of the historical tables.

use super::{Builder, name};
use crate::model::*;
use mp_domain::{AreaCode, DatasetId, DimensionId, DimensionKey, Indicator, Period, Record};

/// Source code of the module's observations.
pub(crate) const MODULE_SOURCE: &str = "mprofile-forecast";

/// The forecast indicators the module fills, with their series code in CL_FC_TARGET.
const TARGETS: [(&str, &str); 6] = [
    ("FCT.IMM_STOCK", "IMM_STOCK"),
    ("FCT.EMI_STOCK", "EMI_STOCK"),
    ("FCT.REM", "REM_IN"),
    ("FCT.NETMIG_ABS", "NET_MIG"),
    ("FCT.NETMIG_MED", "NET_RATE"),
    ("FCT.REF_ORIGIN", "REF_ORIGIN"),
];

/// The kind of series a forecast and its skill come from, as its footnote names it
/// (`SERIES_KIND=OBSERVED`), in the reader's words.
pub(crate) fn kind_of(r: &Record) -> Text {
    let note = r.footnote.as_deref().unwrap_or("");
    let code = note.find("SERIES_KIND=").map(|i| &note[i + "SERIES_KIND=".len()..]).unwrap_or("");
    if code.starts_with("OBSERVED") {
        Text::msg("forecast-kind-observed")
    } else if code.starts_with("MODEL") {
        Text::msg("forecast-kind-model")
    } else if code.starts_with("ESTIMATES") {
        Text::msg("forecast-kind-estimates")
    } else {
        Text::msg("forecast-kind-unknown")
    }
}

/// The FC_MODEL code a forecast's footnote names (`… (FC_MODEL=DRIFT) …`).
pub(crate) fn model_of(r: &Record) -> Option<&str> {
    let note = r.footnote.as_deref()?;
    let rest = &note[note.find("FC_MODEL=")? + "FC_MODEL=".len()..];
    let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

/// Starts the module's forecast line and band at the last observed value, so a forecast one
/// five-year step ahead of a stock is drawn as a line and a widening band rather than a lone
/// point. The joining point is the observed record itself (its band has no width).
pub(crate) fn join_to_history(observed: &[Option<Value>], values: &mut [Option<Value>], band: &mut Option<Vec<Option<(f64, f64)>>>) {
    let Some(first) = values.iter().position(Option::is_some) else { return };
    let Some(last_obs) = observed[..first.min(observed.len())].iter().rposition(Option::is_some) else { return };
    if values[last_obs].is_some() {
        return;
    }
    let v = observed[last_obs].clone();
    if let (Some(b), Some(x)) = (band.as_mut(), v.as_ref())
        && let Some(slot) = b.get_mut(last_obs)
    {
        *slot = Some((x.v, x.v));
    }
    values[last_obs] = v;
}

/// Source code of the scenarios' values (`mprofile forecast scenario`).
pub(crate) const SCENARIO_SOURCE: &str = "mprofile-scenario";

/// VARIANT codes of scenarios, in the order they are drawn.
const SCENARIOS: [&str; 7] = ["ZERO_MIG", "CONST_MIG", "TWG1", "TWG2", "TWG3", "TWG4", "TWG5"];

impl Builder<'_> {
    /// Beside a published projection (`pds`, UN WPP's medium variant): the module's forecast of
    /// the same indicator, and every scenario of it, added to the chart's `series` as dashed
    /// lines named "forecast" and "scenario"; returns the note that states each scenario's
    /// assumption (a scenario is never a forecast).
    pub(super) fn beside_projection(
        &mut self,
        area: &AreaCode,
        ind: &Indicator,
        pds: &DatasetId,
        periods: &[Period],
        series: &mut Vec<Series>,
        sources: &mut Vec<usize>,
    ) -> Vec<Block> {
        let tot = DimensionKey::total();
        let line = |recs: &[&Record], d: &super::Data| -> Vec<Option<Value>> {
            periods.iter().map(|per| recs.iter().find(|r| &r.period == per).and_then(|r| d.value(r))).collect()
        };
        if let Some(ds) = self.d.datasets(&ind.code, area, &tot).into_iter().find(|d| d.source == MODULE_SOURCE) {
            let recs = self.d.series(&ind.code, area, &tot, &ds);
            let values = line(&recs, &self.d);
            if values.iter().any(Option::is_some) {
                let i = self.cite(&ds);
                if !sources.contains(&i) {
                    sources.push(i);
                }
                series.push(Series { name: Text::msg("series-forecast-module"), values, projected: true, band: None, band_label: None });
            }
        }
        let medium = self.d.series(&ind.code, area, &tot, pds);
        let models =
            self.inputs.framework.codelist_of(&DimensionId::parse("VARIANT").unwrap_or_else(|_| unreachable!("a valid dimension id")));
        let mut notes = Vec::new();
        for code in SCENARIOS {
            let Ok(key) = DimensionKey::parse(&format!("VARIANT={code}")) else { continue };
            let Some(ds) = self.d.datasets(&ind.code, area, &key).into_iter().find(|d| d.source == SCENARIO_SOURCE) else { continue };
            let recs: Vec<&Record> = self.d.series(&ind.code, area, &key, &ds).into_iter().filter(|r| r.value.is_some()).collect();
            let values = line(&recs, &self.d);
            let Some(first) = recs.first() else { continue };
            let i = self.cite(&ds);
            if !sources.contains(&i) {
                sources.push(i);
            }
            let label = models.and_then(|c| c.code(code)).map_or_else(|| Text::plain(code), |c| Text::I18n(c.name.clone()));
            series.push(Series {
                name: Text::msg_with("forecast-scenario-series", vec![("name", Arg::Text(label.clone()))]),
                values,
                projected: true,
                band: None,
                band_label: None,
            });
            let year = Arg::Year(first.period.start_year());
            let text = match code {
                "ZERO_MIG" => Text::msg_with("forecast-scenario-zero", vec![("year", year)]),
                "CONST_MIG" => match self.d.value(first) {
                    Some(v) => Text::msg_with("forecast-scenario-const", vec![("value", Arg::Value(v)), ("year", year)]),
                    None => continue,
                },
                _ => {
                    // The change and its first year, read from the values themselves: where the
                    // scenario leaves WPP's medium variant, and by how much.
                    let diff: Vec<(i32, f64)> = recs
                        .iter()
                        .filter_map(|r| {
                            let m = medium.iter().find(|x| x.period == r.period)?.value?;
                            Some((r.period.start_year(), r.value? - m))
                        })
                        .collect();
                    let Some(&(from, change)) = diff.iter().find(|d| d.1.abs() > 1e-9) else { continue };
                    let Some(mut v) = self.d.value(first) else { continue };
                    v.v = change;
                    let assumption = first.footnote.as_deref().and_then(|f| f.split("Assumption: ").nth(1)).unwrap_or("").to_string();
                    Text::msg_with(
                        "forecast-scenario-twg",
                        vec![
                            ("name", Arg::Text(label)),
                            ("change", Arg::Value(v)),
                            ("year", Arg::Year(from)),
                            ("assumption", Arg::Text(Text::plain(assumption))),
                        ],
                    )
                }
            };
            notes.push(Block::Note(text));
        }
        if !notes.is_empty() {
            notes.insert(0, Block::Note(Text::msg("forecast-scenario-note")));
        }
        notes
    }

    /// The latest backtest MASE of one method on one target series, from the module's records.
    fn skill(&self, area: &AreaCode, target: &str, model: &str) -> Option<Value> {
        let ind = self.inputs.framework.find("FCT.SKILL_MASE")?;
        let key = DimensionKey::parse(&format!("FC_TARGET={target},FC_MODEL={model}")).ok()?;
        let r = self.d.latest(&ind.code, area, &key)?;
        self.d.value(r)
    }

    pub(super) fn forecast_table(&mut self, area: &AreaCode) -> Vec<Block> {
        let fw = self.inputs.framework;
        let tot = DimensionKey::total();
        let models = fw.codelist_of(&DimensionId::parse("FC_MODEL").unwrap_or_else(|_| unreachable!("a valid dimension id")));
        let mut rows = Vec::new();
        let mut sources = Vec::new();
        for (code, target) in TARGETS {
            let Some(ind) = fw.find(code) else { continue };
            let Some(ds) = self.d.datasets(&ind.code, area, &tot).into_iter().find(|d| d.source == MODULE_SOURCE) else { continue };
            let recs = self.d.series(&ind.code, area, &tot, &ds);
            let Some(model) = recs.first().and_then(|r| model_of(r)).map(str::to_string) else { continue };
            let i = self.cite(&ds);
            if !sources.contains(&i) {
                sources.push(i);
            }
            // The published projection of the same indicator, where one exists (UN WPP 2024).
            let comparator = self.d.datasets(&ind.code, area, &tot).into_iter().find(|d| d.source != MODULE_SOURCE);
            if let Some(c) = &comparator {
                let i = self.cite(c);
                if !sources.contains(&i) {
                    sources.push(i);
                }
            }
            let bound = |variant: &str, r: &Record| -> Option<Value> {
                let key = DimensionKey::parse(&format!("VARIANT={variant}")).ok()?;
                self.d.at(&ind.code, area, &key, &r.period).and_then(|b| self.d.value(b))
            };
            let method = models.and_then(|c| c.code(&model)).map_or_else(|| Text::plain(model.clone()), |c| Text::I18n(c.name.clone()));
            let mine = self.skill(area, target, &model);
            let naive = self.skill(area, target, "NAIVE");
            let skill = match (mine, naive) {
                (Some(m), Some(n)) => Text::msg_with("forecast-skill", vec![("missed", Arg::Value(m)), ("naive", Arg::Value(n))]),
                _ => Text::msg("forecast-skill-none"),
            };
            let kind = recs.first().map(|r| kind_of(r)).unwrap_or_else(|| Text::msg("forecast-kind-unknown"));
            for r in recs {
                let Some(v) = self.d.value(r) else { continue };
                let published = comparator
                    .as_ref()
                    .and_then(|c| self.d.series(&ind.code, area, &tot, c).into_iter().find(|x| x.period == r.period))
                    .and_then(|x| self.d.value(x))
                    .map_or(Cell::Empty, Cell::Value);
                let interval = match (bound("LO80", r), bound("HI80", r)) {
                    (Some(lo), Some(hi)) => {
                        Cell::Text(Text::msg_with("forecast-interval", vec![("lo", Arg::Value(lo)), ("hi", Arg::Value(hi))]))
                    }
                    _ => Cell::Empty,
                };
                rows.push(vec![
                    Cell::Text(name(ind)),
                    Cell::Text(Text::plain(r.period.to_string())),
                    Cell::Value(v),
                    interval,
                    Cell::Text(method.clone()),
                    Cell::Text(skill.clone()),
                    Cell::Text(kind.clone()),
                    published,
                ]);
            }
        }
        if rows.is_empty() {
            return vec![Block::Note(Text::msg("forecast-table-none"))];
        }
        vec![Block::Table(Table {
            id: self.next_id("table"),
            title: Text::msg("forecast-table-title"),
            columns: vec![
                Text::msg("col-indicator"),
                Text::msg("col-period"),
                Text::msg("forecast-col-median"),
                Text::msg("forecast-col-interval"),
                Text::msg("forecast-col-method"),
                Text::msg("forecast-col-skill"),
                Text::msg("forecast-col-kind"),
                Text::msg("forecast-col-comparator"),
            ],
            rows,
            sources,
            // Why two series the module forecasts elsewhere are not in any profile.
            notes: vec![Text::msg("forecast-table-note"), Text::msg("forecast-scope-unpublished")],
        })]
    }
}

/// What each forecast indicator forecasts: the indicator and disaggregation its forecasts are
/// checked against once observed.
const HISTORIES: [(&str, &str, &str); 6] = [
    ("FCT.IMM_STOCK", "IMM.STOCK", ""),
    ("FCT.EMI_STOCK", "EMI.STOCK", ""),
    ("FCT.REM", "REM.IN", ""),
    ("FCT.NETMIG_ABS", "NET.MIG", ""),
    ("FCT.NETMIG_MED", "NET.RATE", ""),
    ("FCT.REF_ORIGIN", "REF.ORIGIN", ""),
];

impl Builder<'_> {
    /// For a forecast indicator without values: why, when the country has no series of what it
    /// forecasts (fewer than three values are no series), so the table says "not forecast"
    /// rather than "no data". The framework keeps no forecast indicator of a series some of the
    /// ten countries lack (conflict IDPs, refugees hosted), so on the public data this never
    /// answers; a store without some public source still gets the reason.
    pub(super) fn no_forecast_history(&self, ind: &Indicator, area: &AreaCode) -> Option<Text> {
        let (_, hist, dims) = HISTORIES.iter().find(|h| h.0 == ind.code.as_str())?;
        let hi = self.inputs.framework.find(hist)?;
        let key = if dims.is_empty() { DimensionKey::total() } else { DimensionKey::parse(dims).ok()? };
        // The module forecasts a series of three values or more; fewer is no series.
        let years: std::collections::BTreeSet<Period> = self
            .d
            .datasets(&hi.code, area, &key)
            .iter()
            .flat_map(|ds| self.d.series(&hi.code, area, &key, ds))
            .filter(|r| r.status != mp_domain::ObsStatus::Forecast && r.value.is_some())
            .map(|r| r.period)
            .collect();
        if years.len() >= 3 {
            return None;
        }
        Some(Text::msg_with("forecast-no-history", vec![("history", Arg::Text(name(hi)))]))
    }

    /// How the forecasts the previous edition published did: each one for a year observed since,
    /// beside the observed value, the error and whether it fell inside the 80 % interval the
    /// edition published, with a sentence counting those inside; a sentence saying nothing can be
    /// judged yet when no forecast year has been observed. Nothing when there is no previous
    /// edition or it published no forecast for the country.
    pub(super) fn track_record(&mut self, area: &AreaCode) -> Vec<Block> {
        let Some(prev) = self.inputs.previous else { return Vec::new() };
        let fw = self.inputs.framework;
        let edition = || Arg::Text(Text::plain(prev.label));
        let variant = |r: &Record| r.dims.get("VARIANT").map(|c| c.as_str().to_string());
        let mut rows = Vec::new();
        let mut sources = Vec::new();
        let (mut n, mut inside) = (0i64, 0i64);
        let mut first_year: Option<i32> = None;
        for (fc, hist, dims) in HISTORIES {
            let (Some(fi), Some(hi)) = (fw.find(fc), fw.find(hist)) else { continue };
            let hkey = if dims.is_empty() { Some(DimensionKey::total()) } else { DimensionKey::parse(dims).ok() };
            let Some(hkey) = hkey else { continue };
            let published: Vec<&Record> = prev
                .records
                .iter()
                .filter(|r| r.indicator == fi.code && &r.area == area && r.dataset.source == MODULE_SOURCE && r.dims.is_total())
                .collect();
            for r in published {
                let Some(f) = self.d.value(r) else { continue };
                first_year = Some(first_year.map_or(r.period.start_year(), |y| y.min(r.period.start_year())));
                let bound = |v: &str| {
                    prev.records
                        .iter()
                        .find(|b| {
                            b.indicator == r.indicator
                                && b.area == r.area
                                && b.period == r.period
                                && b.dataset == r.dataset
                                && variant(b).as_deref() == Some(v)
                        })
                        .and_then(|b| b.value)
                };
                // The latest observed value of the year, from any source but the forecasts.
                let observed = self
                    .d
                    .datasets(&hi.code, area, &hkey)
                    .into_iter()
                    .filter(|d| d.source != MODULE_SOURCE && d.source != SCENARIO_SOURCE)
                    .find_map(|ds| {
                        self.d
                            .series(&hi.code, area, &hkey, &ds)
                            .into_iter()
                            .find(|x| x.period == r.period && x.status != mp_domain::ObsStatus::Forecast && x.value.is_some())
                    });
                let Some(o) = observed else { continue };
                let Some(ov) = self.d.value(o) else { continue };
                for (ds, name) in [(&r.dataset, &r.source_name), (&o.dataset, &o.source_name)] {
                    let i = match self.sources.iter().position(|s| s.code == ds.source && s.vintage == ds.vintage) {
                        Some(i) => i,
                        None => {
                            self.sources.push(SourceEntry { code: ds.source.clone(), vintage: ds.vintage.clone(), name: name.clone() });
                            self.sources.len() - 1
                        }
                    };
                    if !sources.contains(&i) {
                        sources.push(i);
                    }
                }
                let (lo, hi80) = (bound("LO80"), bound("HI80"));
                let interval = match (lo, hi80) {
                    (Some(l), Some(h)) => {
                        let (mut lv, mut hv) = (f.clone(), f.clone());
                        lv.v = l;
                        hv.v = h;
                        Cell::Text(Text::msg_with("forecast-interval", vec![("lo", Arg::Value(lv)), ("hi", Arg::Value(hv))]))
                    }
                    _ => Cell::Empty,
                };
                let within = match (lo, hi80) {
                    (Some(l), Some(h)) => {
                        n += 1;
                        let yes = l <= ov.v && ov.v <= h;
                        inside += i64::from(yes);
                        Cell::Text(Text::msg(if yes { "forecast-track-yes" } else { "forecast-track-no" }))
                    }
                    _ => Cell::Empty,
                };
                let mut err = ov.clone();
                err.v = ov.v - f.v;
                err.trace.extend(f.trace.iter().cloned());
                rows.push(vec![
                    Cell::Text(name(fi)),
                    Cell::Text(Text::plain(r.period.to_string())),
                    Cell::Value(f),
                    interval,
                    Cell::Value(ov),
                    Cell::Value(err),
                    within,
                ]);
            }
        }
        let Some(first) = first_year else { return Vec::new() };
        if rows.is_empty() {
            return vec![Block::Note(Text::msg_with(
                "forecast-track-none-observed",
                vec![("edition", edition()), ("year", Arg::Year(first))],
            ))];
        }
        vec![
            Block::Note(Text::msg_with(
                "forecast-track-summary",
                vec![("inside", Arg::Count(inside)), ("n", Arg::Count(n)), ("edition", edition())],
            )),
            Block::Table(Table {
                id: self.next_id("table"),
                title: Text::msg_with("forecast-track-title", vec![("edition", edition())]),
                columns: vec![
                    Text::msg("col-indicator"),
                    Text::msg("col-period"),
                    Text::msg("forecast-track-col-published"),
                    Text::msg("forecast-track-col-interval"),
                    Text::msg("forecast-track-col-observed"),
                    Text::msg("forecast-track-col-error"),
                    Text::msg("forecast-track-col-inside"),
                ],
                rows,
                sources,
                notes: vec![Text::msg("forecast-track-note")],
            }),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mp_domain::{DatasetId, IndicatorCode, ObsStatus, Period};

    fn rec(note: Option<&str>) -> Record {
        Record {
            id: 1,
            indicator: IndicatorCode::parse("FCT.REM").unwrap(),
            area: AreaCode::parse("SEN").unwrap(),
            period: Period::parse("2028").unwrap(),
            dims: DimensionKey::total(),
            value: Some(1.0),
            status: ObsStatus::Forecast,
            footnote: note.map(str::to_string),
            dataset: DatasetId { source: MODULE_SOURCE.into(), vintage: "2026-12-03".into() },
            source_name: String::new(),
            file: String::new(),
            sha256: String::new(),
            locator: String::new(),
        }
    }

    fn val(v: f64) -> Option<Value> {
        Some(Value { v, kind: ValueKind::Number, decimals: 0, trace: Vec::new(), formula: None, status: None })
    }

    #[test]
    fn the_forecast_line_starts_at_the_last_observation() {
        let observed = vec![val(1.0), val(2.0), None];
        let mut values = vec![None, None, val(3.0)];
        let mut band = Some(vec![None, None, Some((2.5, 3.5))]);
        join_to_history(&observed, &mut values, &mut band);
        assert_eq!(values, vec![None, val(2.0), val(3.0)]);
        assert_eq!(band, Some(vec![None, Some((2.0, 2.0)), Some((2.5, 3.5))]));
        // Nothing observed before the forecast: nothing to join.
        let mut values = vec![val(3.0)];
        join_to_history(&[None], &mut values, &mut None);
        assert_eq!(values, vec![val(3.0)]);
    }

    #[test]
    fn the_model_is_read_from_the_footnote() {
        assert_eq!(model_of(&rec(Some("Forecast by the module (FC_MODEL=BAYES_AR) from wb-wdi"))), Some("BAYES_AR"));
        assert_eq!(model_of(&rec(Some("no model here"))), None);
        assert_eq!(model_of(&rec(Some("FC_MODEL="))), None);
        assert_eq!(model_of(&rec(None)), None);
    }
}
