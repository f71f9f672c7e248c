//! Builds a document from a template and the data: walks the template's sections and turns
//! each block into key figures, sentences, tables and charts, citing every dataset used.

use crate::coverage::{CoverageEntry, OLD_AFTER_YEARS, coverage};
use crate::data::{Data, kind_of, unit_text};
use crate::facts::fact;
use crate::model::*;
use crate::template::{BlockSpec, SectionSpec, Template};
use mp_domain::{
    AreaCode, AreaRegistry, DatasetId, DimensionId, DimensionKey, Framework, I18nText, IndicatorCode, Lang, ObsStatus, Period, Record,
    ThemeCode,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};

mod forecasts;
mod regional;
mod sources;

/// Narrative texts by section id and language (Markdown).
pub type Narrative = BTreeMap<String, BTreeMap<Lang, String>>;

/// What a document is built from.
pub struct Inputs<'a> {
    /// The framework.
    pub framework: &'a Framework,
    /// The areas.
    pub areas: &'a AreaRegistry,
    /// Observations for the subject areas (country, or every profile country for the regional report).
    pub records: &'a [Record],
    /// Narrative by section.
    pub narrative: &'a Narrative,
    /// Edition label, when frozen.
    pub edition: Option<String>,
    /// Date of the data (YYYY-MM-DD).
    pub as_of: String,
    /// What the governance registries hold for the subject areas.
    pub registry: &'a mp_domain::RegistryView,
    /// Figures of `records` that two or more sources publish with different values, largest
    /// difference first (found by the quality engine); the quality section lists them.
    pub conflicts: &'a [crate::quality::SourceConflict],
    /// The edition published before this one, whose forecasts the forecasts section sets
    /// against what has been observed since; `None` when there is none.
    pub previous: Option<PreviousEdition<'a>>,
    /// Part D's findings and recommendations the TWG recorded for the country (their text is
    /// in `narrative`); ignored by the regional report.
    pub findings: &'a [crate::findings::FindingSpec],
}

/// An edition published earlier: its label and the records frozen with it.
#[derive(Debug, Clone, Copy)]
pub struct PreviousEdition<'a> {
    /// Its label, e.g. `2025`.
    pub label: &'a str,
    /// Its frozen records.
    pub records: &'a [Record],
}

/// A key figure whose latest value is more than this many years older than the data date is
/// not shown as a headline.
pub const HEADLINE_MAX_AGE: i32 = 10;

struct Builder<'a> {
    d: Data<'a>,
    inputs: &'a Inputs<'a>,
    sources: Vec<SourceEntry>,
    /// The subject's coverage, by indicator: what the indicator tables and the gap annex show.
    coverage: Vec<CoverageEntry>,
    by_code: HashMap<mp_domain::IndicatorCode, usize>,
    /// Indicators the document speaks of; those that are gaps are listed in the gap annex.
    touched: BTreeSet<String>,
    counter: usize,
    as_of_year: i32,
}

fn name(ind: &mp_domain::Indicator) -> Text {
    // A national indicator says so wherever its name shows: it is not compared between countries.
    match &ind.national {
        None => Text::I18n(ind.name.clone()),
        Some(c) => Text::msg_with(
            "national-indicator-name",
            vec![("name", Arg::Text(Text::I18n(ind.name.clone()))), ("country", Arg::Text(Text::plain(c.as_str())))],
        ),
    }
}

impl<'a> Builder<'a> {
    fn cite(&mut self, ds: &DatasetId) -> usize {
        if let Some(i) = self.sources.iter().position(|s| s.code == ds.source && s.vintage == ds.vintage) {
            return i;
        }
        self.sources.push(SourceEntry { code: ds.source.clone(), vintage: ds.vintage.clone(), name: self.d.source_name(ds) });
        self.sources.len() - 1
    }

    fn cite_value(&mut self, v: &Value) -> Vec<usize> {
        let mut out = Vec::new();
        for t in &v.trace {
            let i = self.cite(&t.dataset);
            if !out.contains(&i) {
                out.push(i);
            }
        }
        out
    }

    /// The framework's indicator of a code the template names. `Template::parse` refuses every
    /// code the framework lacks, so a miss means the template was checked against another
    /// framework: the document says so where the block would be, instead of leaving it out.
    fn indicator(&self, code: &IndicatorCode) -> Result<&'a mp_domain::Indicator, Vec<Block>> {
        self.inputs.framework.indicator(code).ok_or_else(|| {
            vec![Block::Note(Text::msg_with("onefig-template-unknown-indicator", vec![("code", Arg::Text(Text::plain(code.to_string())))]))]
        })
    }

    /// The indicators of a list the template names, with a note for each the framework lacks.
    fn indicators(&self, codes: &[IndicatorCode], notes: &mut Vec<Block>) -> Vec<&'a mp_domain::Indicator> {
        codes
            .iter()
            .filter_map(|c| match self.indicator(c) {
                Ok(i) => Some(i),
                Err(b) => {
                    notes.extend(b);
                    None
                }
            })
            .collect()
    }

    fn next_id(&mut self, prefix: &str) -> String {
        self.counter += 1;
        format!("{prefix}-{}", self.counter)
    }

    /// Marks an indicator as spoken of: if the coverage calls it a gap, the gap annex lists it.
    fn gap(&mut self, ind: &mp_domain::Indicator, _area: &AreaCode) {
        self.touched.insert(ind.code.to_string());
    }

    /// The subject's coverage entry of an indicator.
    fn covered(&self, ind: &mp_domain::Indicator) -> Option<&CoverageEntry> {
        self.by_code.get(&ind.code).and_then(|i| self.coverage.get(*i))
    }

    /// The gaps among the indicators the document speaks of, by code.
    fn gaps(&self) -> Vec<Gap> {
        let fw = self.inputs.framework;
        let mut out: Vec<Gap> = self
            .coverage
            .iter()
            .filter(|e| e.gap && self.touched.contains(e.indicator.as_str()))
            .filter_map(|e| {
                let ind = fw.indicator(&e.indicator)?;
                let theme_name = fw.theme(&e.theme).map(|t| Text::I18n(t.name.clone())).unwrap_or_else(|| Text::plain(e.theme.to_string()));
                Some(Gap { indicator: e.indicator.clone(), name: name(ind), theme: e.theme.clone(), theme_name, last_year: e.last_year() })
            })
            .collect();
        out.sort_by(|a, b| a.indicator.as_str().cmp(b.indicator.as_str()));
        out
    }

    /// A note when the latest figure is old or missing.
    fn freshness(&mut self, ind: &mp_domain::Indicator, area: &AreaCode) -> Option<Block> {
        self.gap(ind, area);
        match self.d.last_year(&ind.code, area) {
            None => Some(Block::Note(Text::msg_with("no-data-for", vec![("indicator", Arg::Text(name(ind)))]))),
            Some(y) if y < self.as_of_year - OLD_AFTER_YEARS => {
                Some(Block::Note(Text::msg_with("no-data-after", vec![("indicator", Arg::Text(name(ind))), ("year", Arg::Year(y))])))
            }
            _ => None,
        }
    }

    fn series_chart(
        &mut self,
        area: &AreaCode,
        codes: &[IndicatorCode],
        dims: &DimensionKey,
        title: Option<&I18nText>,
        from: Option<i32>,
    ) -> Vec<Block> {
        let fw = self.inputs.framework;
        let mut out = Vec::new();
        let inds = self.indicators(codes, &mut out);
        let Some(first) = inds.first() else { return out };
        let mut lines: Vec<(Text, BTreeMap<Period, &Record>, DatasetId)> = Vec::new();
        // Which indicator each line plots: the title must name one that is drawn.
        let mut line_ind: Vec<usize> = Vec::new();
        for (k, ind) in inds.iter().enumerate() {
            let all = self.d.all_series(&ind.code, area, dims);
            let several = all.len() > 1;
            // Two editions of one indicator are told apart by their year, in the reader's
            // language ("Stock de migrants internationaux (2020)"), not by the publisher's
            // English dataset title.
            let by_year = all.iter().enumerate().all(|(i, (a, _))| all[..i].iter().all(|(b, _)| b.vintage != a.vintage))
                && all.iter().all(|(d, _)| d.vintage.len() == 4 && d.vintage.bytes().all(|c| c.is_ascii_digit()));
            for (ds, s) in all {
                let s: BTreeMap<Period, &Record> =
                    s.into_iter().filter(|(p, r)| from.is_none_or(|f| p.end_year() >= f) && r.status != ObsStatus::Forecast).collect();
                if s.is_empty() {
                    continue;
                }
                let label = if inds.len() > 1 && several {
                    Text::msg_with(
                        "series-by-source",
                        vec![("name", Arg::Text(name(ind))), ("source", Arg::Text(Text::plain(self.d.source_name(&ds))))],
                    )
                } else if inds.len() > 1 || !several {
                    name(ind)
                } else if by_year {
                    Text::msg_with(
                        "series-by-source",
                        vec![("name", Arg::Text(name(ind))), ("source", Arg::Text(Text::plain(ds.vintage.clone())))],
                    )
                } else {
                    Text::plain(self.d.source_name(&ds))
                };
                lines.push((label, s, ds));
                line_ind.push(k);
            }
        }
        // A one-off snapshot (a single year from another source) would break every other line
        // into gaps at its year; it stays in the side-by-side sources table instead.
        if lines.iter().any(|(_, s, _)| s.len() >= 3) {
            line_ind = lines.iter().zip(&line_ind).filter(|((_, s, _), _)| s.len() >= 3).map(|(_, k)| *k).collect();
            lines.retain(|(_, s, _)| s.len() >= 3);
        }
        if lines.is_empty() {
            if let Some(b) = self.freshness(first, area) {
                out.push(b);
            }
            return out;
        }
        let periods: Vec<Period> = {
            let mut p: Vec<Period> = lines.iter().flat_map(|(_, s, _)| s.keys().copied()).collect();
            p.sort();
            p.dedup();
            p
        };
        let mut sources = Vec::new();
        let series: Vec<Series> = lines
            .iter()
            .map(|(label, s, ds)| {
                let i = self.cite(ds);
                if !sources.contains(&i) {
                    sources.push(i);
                }
                Series {
                    name: label.clone(),
                    values: periods.iter().map(|p| s.get(p).and_then(|r| self.d.value(r))).collect(),
                    projected: false,
                    band: None,
                    band_label: None,
                }
            })
            .collect();
        // When only one of several indicators has data (Cabo Verde has refugees from it, none
        // hosted), the chart is titled by that one, not by the first asked for.
        let drawn = line_ind.first().and_then(|&k| inds.get(k)).copied().unwrap_or(*first);
        let one_indicator = line_ind.iter().all(|&k| line_ind.first() == Some(&k));
        let title = match title {
            Some(t) if !one_indicator || drawn.code == first.code => Text::I18n(t.clone()),
            _ => name(drawn),
        };
        let first = drawn;
        let unit = unit_text(fw, first);
        let id = self.next_id("chart");
        let (p0, p1) = (periods.first().copied(), periods.last().copied());
        out.push(Block::Chart(Chart {
            id,
            kind: ChartKind::Line,
            alt: Text::msg_with(
                "chart-alt-series",
                vec![
                    ("title", Arg::Text(title.clone())),
                    ("from", Arg::Year(p0.map(|p| p.end_year()).unwrap_or(0))),
                    ("to", Arg::Year(p1.map(|p| p.end_year()).unwrap_or(0))),
                    ("count", Arg::Count(series.len() as i64)),
                ],
            ),
            title,
            y_label: unit,
            value_kind: kind_of(first),
            categories: periods.iter().map(|p| Text::plain(p.to_string())).collect(),
            series,
            forecast_from: None,
            map: None,
            sources,
        }));
        if let Some(b) = self.freshness(first, area) {
            out.push(b);
        }
        out
    }

    /// Every country of `dim` shaded on a world map, with the table of all of them behind it.
    /// Aggregates (regions, "other") are left out: only a country has a place on the map.
    fn map(&mut self, area: &AreaCode, code: &IndicatorCode, dim: &DimensionId, title: Option<&I18nText>) -> Vec<Block> {
        let fw = self.inputs.framework;
        let ind = match self.indicator(code) {
            Ok(i) => i,
            Err(b) => return b,
        };
        let dim = dim.as_str();
        let tot = DimensionKey::total();
        // The freshness note, if any, comes with the ranking shown beside the map.
        let Some(r) = self.d.latest(&ind.code, area, &tot) else { return Vec::new() };
        let areas = self.inputs.areas;
        let mut parts: Vec<(&mp_domain::Area, &Record)> = self
            .d
            .breakdown(&ind.code, area, dim, &r.period, &r.dataset, &tot)
            .into_iter()
            .filter_map(|(c, rec)| {
                let a = areas.get(&AreaCode::parse(c.as_str()).ok()?)?;
                (a.kind == mp_domain::AreaKind::Country && a.m49.is_some()).then_some((a, rec))
            })
            .collect();
        if parts.is_empty() {
            return Vec::new();
        }
        parts.sort_by(|a, b| b.1.value.unwrap_or(0.0).total_cmp(&a.1.value.unwrap_or(0.0)).then_with(|| a.0.code.cmp(&b.0.code)));
        let title = title
            .map(|t| Text::I18n(t.clone()))
            .unwrap_or_else(|| Text::msg_with("chart-map", vec![("name", Arg::Text(name(ind))), ("year", Arg::Year(r.period.end_year()))]));
        let first = Text::I18n(parts[0].0.name.clone());
        let focus = areas.get(area).and_then(|a| Some((a.m49?.value(), Text::I18n(a.name.clone()))));
        let unit = unit_text(fw, ind);
        let chart = Chart {
            id: self.next_id("chart"),
            kind: ChartKind::Map,
            alt: Text::msg_with(
                "chart-alt-map",
                vec![("title", Arg::Text(title.clone())), ("first", Arg::Text(first)), ("count", Arg::Count(parts.len() as i64))],
            ),
            title,
            y_label: unit,
            value_kind: kind_of(ind),
            categories: parts.iter().map(|(a, _)| Text::I18n(a.name.clone())).collect(),
            series: vec![Series {
                name: name(ind),
                values: parts.iter().map(|(_, rec)| self.d.value(rec)).collect(),
                projected: false,
                band: None,
                band_label: None,
            }],
            forecast_from: None,
            map: Some(Box::new(MapAreas {
                m49: parts.iter().filter_map(|(a, _)| Some(a.m49?.value())).collect(),
                focus,
                region: Vec::new(),
            })),
            sources: vec![self.cite(&r.dataset)],
        };
        vec![Block::Chart(chart)]
    }

    fn breakdown(
        &mut self,
        area: &AreaCode,
        code: &IndicatorCode,
        dim_id: &DimensionId,
        top: usize,
        title: Option<&I18nText>,
    ) -> Vec<Block> {
        let fw = self.inputs.framework;
        let ind = match self.indicator(code) {
            Ok(i) => i,
            Err(b) => return b,
        };
        let dim = dim_id.as_str();
        let tot = DimensionKey::total();
        let Some(r) = self.d.latest(&ind.code, area, &tot) else {
            return self.freshness(ind, area).into_iter().collect();
        };
        let mut parts = self.d.breakdown(&ind.code, area, dim, &r.period, &r.dataset, &tot);
        parts.sort_by(|a, b| b.1.value.unwrap_or(0.0).total_cmp(&a.1.value.unwrap_or(0.0)));
        parts.truncate(top);
        if parts.is_empty() {
            return vec![Block::Note(Text::msg_with(
                "no-breakdown",
                vec![("indicator", Arg::Text(name(ind))), ("year", Arg::Year(r.period.end_year()))],
            ))];
        }
        let src = self.cite(&r.dataset);
        let label = |c: &mp_domain::CodeValue| -> Text {
            if dim == "COUNTERPART_AREA"
                && let Ok(a) = AreaCode::parse(c.as_str())
            {
                return Text::I18n(self.d.area_name(&a));
            }
            fw.codelist_of(dim_id)
                .and_then(|cl| cl.code(c.as_str()))
                .map(|c| Text::I18n(c.name.clone()))
                .unwrap_or_else(|| Text::plain(c.to_string()))
        };
        let cats: Vec<Text> = parts.iter().map(|(c, _)| label(c)).collect();
        let total = self.d.value(r);
        let values: Vec<Option<Value>> = parts.iter().map(|(_, rec)| self.d.value(rec)).collect();
        let title = title.map(|t| Text::I18n(t.clone())).unwrap_or_else(|| {
            Text::msg_with(
                "chart-top",
                vec![("name", Arg::Text(name(ind))), ("count", Arg::Count(parts.len() as i64)), ("year", Arg::Year(r.period.end_year()))],
            )
        });
        let unit = unit_text(fw, ind);
        let chart = Chart {
            id: self.next_id("chart"),
            kind: ChartKind::HBar,
            alt: Text::msg_with("chart-alt-top", vec![("title", Arg::Text(title.clone())), ("first", Arg::Text(cats[0].clone()))]),
            title: title.clone(),
            y_label: unit,
            value_kind: kind_of(ind),
            categories: cats.clone(),
            series: vec![Series { name: name(ind), values: values.clone(), projected: false, band: None, band_label: None }],
            forecast_from: None,
            map: None,
            sources: vec![src],
        };
        let rows: Vec<Vec<Cell>> = cats
            .into_iter()
            .zip(values)
            .map(|(c, v)| {
                let share = match (&v, &total) {
                    (Some(v), Some(t)) => mp_domain::compute::share(v.v, t.v).map(|s| {
                        Cell::Value(Value {
                            v: s,
                            kind: ValueKind::Percent,
                            decimals: 1,
                            trace: v.trace.iter().chain(t.trace.iter()).cloned().collect(),
                            formula: Some("share".into()),
                            // A share of a flagged figure is flagged too.
                            status: v.status.clone().or_else(|| t.status.clone()),
                        })
                    }),
                    _ => None,
                };
                vec![Cell::Text(c), v.map(Cell::Value).unwrap_or(Cell::Empty), share.unwrap_or(Cell::Empty)]
            })
            .collect();
        let table = Table {
            id: self.next_id("table"),
            title,
            columns: vec![Text::msg("col-area"), Text::I18n(ind.name.clone()), Text::msg("col-share-of-total")],
            rows,
            sources: vec![src],
            notes: Vec::new(),
        };
        vec![Block::Chart(chart), Block::Table(table)]
    }

    fn by_sex(&mut self, area: &AreaCode, code: &IndicatorCode, title: Option<&I18nText>) -> Vec<Block> {
        let fw = self.inputs.framework;
        let ind = match self.indicator(code) {
            Ok(i) => i,
            Err(b) => return b,
        };
        let (Ok(f), Ok(m)) = (DimensionKey::parse("SEX=F"), DimensionKey::parse("SEX=M")) else { return Vec::new() };
        let Some(ds) = self.d.datasets(&ind.code, area, &f).into_iter().next() else {
            return self.freshness(ind, area).into_iter().collect();
        };
        let sf = self.d.series(&ind.code, area, &f, &ds);
        let sm = self.d.series(&ind.code, area, &m, &ds);
        let mut periods: Vec<Period> = sf.iter().chain(sm.iter()).map(|r| r.period).collect();
        periods.sort();
        periods.dedup();
        let src = self.cite(&ds);
        let id = self.next_id("chart");
        let pick = |s: &[&Record], p: &Period| s.iter().find(|r| &r.period == p).and_then(|r| self.d.value(r));
        let sex_label = |k: &str| {
            fw.codelists.get("CL_SEX").and_then(|cl| cl.code(k)).map(|c| Text::I18n(c.name.clone())).unwrap_or_else(|| Text::plain(k))
        };
        let title =
            title.map(|t| Text::I18n(t.clone())).unwrap_or_else(|| Text::msg_with("chart-by-sex", vec![("name", Arg::Text(name(ind)))]));
        vec![Block::Chart(Chart {
            id,
            kind: ChartKind::Bar,
            alt: Text::msg_with("chart-alt-by-sex", vec![("title", Arg::Text(title.clone()))]),
            title,
            y_label: unit_text(fw, ind),
            value_kind: kind_of(ind),
            categories: periods.iter().map(|p| Text::plain(p.to_string())).collect(),
            series: vec![
                Series {
                    name: sex_label("F"),
                    values: periods.iter().map(|p| pick(&sf, p)).collect(),
                    projected: false,
                    band: None,
                    band_label: None,
                },
                Series {
                    name: sex_label("M"),
                    values: periods.iter().map(|p| pick(&sm, p)).collect(),
                    projected: false,
                    band: None,
                    band_label: None,
                },
            ],
            forecast_from: None,
            map: None,
            sources: vec![src],
        })]
    }

    fn compare_sources(&mut self, area: &AreaCode, code: &IndicatorCode) -> Vec<Block> {
        let ind = match self.indicator(code) {
            Ok(i) => i,
            Err(b) => return b,
        };
        let all = self.d.all_series(&ind.code, area, &DimensionKey::total());
        if all.len() < 2 {
            return Vec::new();
        }
        let mut periods: Vec<Period> =
            all.iter().flat_map(|(_, s)| s.keys().copied()).filter(|p| p.end_year() <= self.as_of_year).collect();
        periods.sort();
        periods.dedup();
        let keep: Vec<Period> = periods
            .into_iter()
            .rev()
            .filter(|p| all.iter().filter(|(_, s)| s.contains_key(p)).count() >= 2)
            .take(6)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if keep.is_empty() {
            return Vec::new();
        }
        let mut cols = vec![Text::msg("col-source")];
        cols.extend(keep.iter().map(|p| Text::plain(p.to_string())));
        let mut rows = Vec::new();
        let mut srcs = Vec::new();
        for (ds, s) in &all {
            // A source with no figure in the years compared would be a row of dashes.
            if !keep.iter().any(|p| s.get(p).and_then(|r| self.d.value(r)).is_some()) {
                continue;
            }
            let i = self.cite(ds);
            srcs.push(i);
            let mut row = vec![Cell::Text(Text::plain(format!("{} ({})", self.d.source_name(ds), ds.vintage)))];
            row.extend(keep.iter().map(|p| s.get(p).and_then(|r| self.d.value(r)).map(Cell::Value).unwrap_or(Cell::Empty)));
            rows.push(row);
        }
        vec![Block::Table(Table {
            id: self.next_id("table"),
            title: Text::msg_with("table-compare-sources", vec![("name", Arg::Text(name(ind)))]),
            columns: cols,
            rows,
            sources: srcs,
            notes: vec![Text::msg("note-sources-differ")],
        })]
    }

    fn forecast(
        &mut self,
        area: &AreaCode,
        history: &IndicatorCode,
        projection: &IndicatorCode,
        until: Option<i32>,
        title: Option<&I18nText>,
    ) -> Vec<Block> {
        let fw = self.inputs.framework;
        let (h, p) = match (self.indicator(history), self.indicator(projection)) {
            (Ok(h), Ok(p)) => (h, p),
            (h, p) => return h.err().into_iter().chain(p.err()).flatten().collect(),
        };
        let tot = DimensionKey::total();
        let until = until.unwrap_or(2050);
        let hist = self.d.datasets(&h.code, area, &tot).into_iter().next().map(|ds| (self.d.series(&h.code, area, &tot, &ds), ds));
        let proj_ds = self.d.datasets(&p.code, area, &tot).into_iter().next();
        let Some(pds) = proj_ds else { return self.freshness(h, area).into_iter().collect() };
        let proj: Vec<&Record> = self.d.series(&p.code, area, &tot, &pds).into_iter().filter(|r| r.period.end_year() <= until).collect();
        let hist_recs: Vec<&Record> =
            hist.as_ref().map(|(s, _)| s.iter().copied().filter(|r| r.period.end_year() >= 1990).collect()).unwrap_or_default();
        let mut periods: Vec<Period> = hist_recs.iter().chain(proj.iter()).map(|r| r.period).collect();
        periods.sort();
        periods.dedup();
        let forecast_from = proj.first().and_then(|r| periods.iter().position(|x| *x == r.period));
        let band_of = |lo: &str, hi: &str| -> Option<Vec<Option<(f64, f64)>>> {
            let (lk, hk) = (DimensionKey::parse(&format!("VARIANT={lo}")).ok()?, DimensionKey::parse(&format!("VARIANT={hi}")).ok()?);
            let l = self.d.series(&p.code, area, &lk, &pds);
            let u = self.d.series(&p.code, area, &hk, &pds);
            if l.is_empty() || u.is_empty() {
                return None;
            }
            Some(
                periods
                    .iter()
                    .map(|per| Some((l.iter().find(|r| &r.period == per)?.value?, u.iter().find(|r| &r.period == per)?.value?)))
                    .collect(),
            )
        };
        let band95 = band_of("LO95", "HI95");
        let band80 = band_of("LO80", "HI80");
        let mut sources = vec![self.cite(&pds)];
        let mut series = Vec::new();
        if let Some((_, hds)) = &hist {
            let i = self.cite(hds);
            if !sources.contains(&i) {
                sources.push(i);
            }
            series.push(Series {
                name: Text::msg("series-observed"),
                values: periods.iter().map(|per| hist_recs.iter().find(|r| &r.period == per).and_then(|r| self.d.value(r))).collect(),
                projected: false,
                band: None,
                band_label: None,
            });
        }
        let (band, band_label) = match (band80, band95) {
            (Some(b), _) => (Some(b), Some(Text::msg("band-80"))),
            (None, Some(b)) => (Some(b), Some(Text::msg("band-95"))),
            _ => (None, None),
        };
        let mut values: Vec<Option<Value>> =
            periods.iter().map(|per| proj.iter().find(|r| &r.period == per).and_then(|r| self.d.value(r))).collect();
        let mut band = band;
        let module = pds.source == forecasts::MODULE_SOURCE;
        if module && let Some(observed) = series.first() {
            forecasts::join_to_history(&observed.values, &mut values, &mut band);
        }
        series.push(Series {
            // The projected line is WPP's medium variant unless the forecasting module made it.
            name: Text::msg(if module { "series-forecast-module" } else { "series-projected" }),
            values,
            projected: true,
            band,
            band_label,
        });
        // Beside a published projection: the module's own forecast and the scenarios, each
        // dashed and named as what it is (build/forecasts.rs).
        let notes = if module { Vec::new() } else { self.beside_projection(area, p, &pds, &periods, &mut series, &mut sources) };
        let title = title.map(|t| Text::I18n(t.clone())).unwrap_or_else(|| name(h));
        let mut blocks = vec![Block::Chart(Chart {
            id: self.next_id("chart"),
            kind: ChartKind::Line,
            alt: Text::msg_with("chart-alt-forecast", vec![("title", Arg::Text(title.clone())), ("until", Arg::Year(until))]),
            title,
            y_label: unit_text(fw, h),
            value_kind: kind_of(h),
            categories: periods.iter().map(|p| Text::plain(p.to_string())).collect(),
            series,
            forecast_from,
            map: None,
            sources,
        })];
        blocks.extend(notes);
        blocks
    }

    fn theme_table(&mut self, area: &AreaCode, tc: &ThemeCode) -> Vec<Block> {
        let fw = self.inputs.framework;
        let Some(th) = fw.theme(tc) else {
            return vec![Block::Note(Text::msg_with(
                "onefig-template-unknown-theme",
                vec![("code", Arg::Text(Text::plain(tc.to_string())))],
            ))];
        };
        let mut rows = Vec::new();
        let mut srcs = Vec::new();
        for ind in fw.indicators_of(tc) {
            let latest = self.covered(ind).and_then(|e| e.latest.clone()).map(|c| (c.period, c.value, c.dataset));
            let row = match latest {
                Some((p, v, ds)) => {
                    let src = match &ds {
                        Some(ds) => {
                            let i = self.cite(ds);
                            // The number points into the sources annex; the short code keeps the column narrow.
                            Text::plain(format!("[{}] {} {}", i + 1, ds.source, ds.vintage))
                        }
                        None => {
                            // A computed figure names every source it is computed from, each
                            // as the stored figures do ("[3] wb-wdi 2024").
                            let mut names = Vec::new();
                            for ds in crate::computed::datasets_of(&v) {
                                let i = self.cite(&ds);
                                if !srcs.contains(&i) {
                                    srcs.push(i);
                                }
                                names.push(format!("[{}] {} {}", i + 1, ds.source, ds.vintage));
                            }
                            crate::computed::computed_from(&names)
                        }
                    };
                    if let Some(ds) = ds {
                        let i = self.cite(&ds);
                        if !srcs.contains(&i) {
                            srcs.push(i);
                        }
                    }
                    self.gap(ind, area);
                    vec![
                        Cell::Text(Text::plain(ind.code.to_string())),
                        Cell::Text(name(ind)),
                        Cell::Value(v),
                        Cell::Text(Text::plain(p.to_string())),
                        Cell::Text(src),
                    ]
                }
                None => {
                    self.gap(ind, area);
                    vec![
                        Cell::Text(Text::plain(ind.code.to_string())),
                        Cell::Text(name(ind)),
                        Cell::Empty,
                        Cell::Empty,
                        Cell::Text(self.no_forecast_history(ind, area).unwrap_or_else(|| Text::msg("no-data"))),
                    ]
                }
            };
            rows.push(row);
        }
        vec![Block::Table(Table {
            id: self.next_id("table"),
            title: Text::I18n(th.name.clone()),
            columns: vec![
                Text::msg("col-code"),
                Text::msg("col-indicator"),
                Text::msg("col-value"),
                Text::msg("col-period"),
                Text::msg("col-source"),
            ],
            rows,
            sources: srcs,
            notes: Vec::new(),
        })]
    }

    fn block(&mut self, b: &BlockSpec, s: &SectionSpec, subject: &[AreaCode]) -> Vec<Block> {
        let fw = self.inputs.framework;
        let area = &subject[0];
        match b {
            BlockSpec::KeyFigures { indicators } => {
                let mut figs = Vec::new();
                let mut notes = Vec::new();
                for ind in self.indicators(indicators, &mut notes) {
                    // The figure the indicator tables show; a projection or a figure older than
                    // the headline limit is no headline (it stays in the tables, and the gap annex).
                    let latest = self.covered(ind).and_then(|e| e.latest.clone()).filter(|c| {
                        c.origin != crate::coverage::Origin::Projected && c.period.end_year() >= self.as_of_year - HEADLINE_MAX_AGE
                    });
                    if let Some(c) = latest {
                        // A total summed from IDMC's modelled cells gives way to IDMC's published
                        // headline, or says that it is a sum.
                        if crate::idps::is_summed(&c.value) {
                            let (label, value, dataset) = match crate::idps::headline(&self.d, area, &c.period)
                                .and_then(|h| Some((self.d.value(h)?, h.dataset.clone())))
                            {
                                Some((v, ds)) => (Text::msg("onefig-kf-idps-headline"), v, Some(ds)),
                                None => (Text::msg("onefig-kf-idps-summed"), c.value, c.dataset),
                            };
                            let source = match dataset {
                                Some(ds) => self.cite(&ds),
                                None => self.cite_value(&value).first().copied().unwrap_or(0),
                            };
                            figs.push(KeyFigure { indicator: ind.code.clone(), label, value, period: c.period, source });
                            continue;
                        }
                        let source = match c.dataset {
                            Some(ds) => self.cite(&ds),
                            None => self.cite_value(&c.value).first().copied().unwrap_or(0),
                        };
                        figs.push(KeyFigure { indicator: ind.code.clone(), label: name(ind), value: c.value, period: c.period, source });
                    } else {
                        self.gap(ind, area);
                    }
                }
                notes.insert(0, Block::KeyFigures(figs));
                notes
            }
            BlockSpec::Facts { facts } => {
                let mut texts = Vec::new();
                for f in facts {
                    if let Some(t) = fact(f, &self.d, area) {
                        texts.push(self.sourced_sentence(t));
                    }
                }
                if texts.is_empty() { vec![Block::Note(Text::msg("no-data"))] } else { vec![Block::Paragraph(texts)] }
            }
            BlockSpec::Series { indicators, dims, title, from } => {
                let key = dims.clone().unwrap_or_default();
                self.series_chart(area, indicators, &key, title.as_ref(), *from)
            }
            BlockSpec::Breakdown { indicator, dim, top, title } => self.breakdown(area, indicator, dim, *top, title.as_ref()),
            BlockSpec::Map { indicator, dim, title } => self.map(area, indicator, dim, title.as_ref()),
            BlockSpec::BySex { indicator, title } => self.by_sex(area, indicator, title.as_ref()),
            BlockSpec::CompareSources { indicator } => self.compare_sources(area, indicator),
            BlockSpec::Forecast { history, projection, until, title } => self.forecast(area, history, projection, *until, title.as_ref()),
            BlockSpec::ThemeTable { theme } => self.theme_table(area, theme),
            BlockSpec::Ratifications { .. }
            | BlockSpec::Institutions
            | BlockSpec::Projects
            | BlockSpec::Coherence
            | BlockSpec::CoherenceFindings => {
                let themes: Vec<_> =
                    fw.themes.iter().map(|t| crate::registry_coherence::ThemeName { code: t.code.clone(), name: t.name.clone() }).collect();
                crate::registry::blocks(b, self.inputs.registry, &themes, self.inputs.areas, subject, &mut self.sources)
            }
            BlockSpec::ForecastTable => {
                let mut blocks = self.forecast_table(area);
                blocks.extend(self.track_record(area));
                blocks
            }
            BlockSpec::Quality => {
                // The gaps the annex lists (of the indicators the document has spoken of so far:
                // the quality section follows the statistical annex in every template).
                let gaps = self.gaps().len();
                let (d, inputs, sources) = (&self.d, self.inputs, &mut self.sources);
                let mut cite = |ds: &DatasetId| {
                    if let Some(i) = sources.iter().position(|s| s.code == ds.source && s.vintage == ds.vintage) {
                        return i;
                    }
                    sources.push(SourceEntry { code: ds.source.clone(), vintage: ds.vintage.clone(), name: d.source_name(ds) });
                    sources.len() - 1
                };
                crate::quality::blocks(d, inputs.records, inputs.conflicts, area, gaps, &mut cite)
            }
            // Kept even when nothing is written yet: a draft marks it, a published document
            // leaves the section out if nothing else is in it (mp_render::awaiting).
            BlockSpec::Narrative => vec![Block::Narrative(self.inputs.narrative.get(&s.id).cloned().unwrap_or_default())],
            BlockSpec::Findings if subject.len() == 1 => {
                let (d, sources) = (&self.d, &mut self.sources);
                let cite = |ds: &DatasetId| {
                    if let Some(i) = sources.iter().position(|s| s.code == ds.source && s.vintage == ds.vintage) {
                        return i;
                    }
                    sources.push(SourceEntry { code: ds.source.clone(), vintage: ds.vintage.clone(), name: d.source_name(ds) });
                    sources.len() - 1
                };
                crate::findings::block(self.inputs.findings, self.inputs.narrative, d, cite)
            }
            BlockSpec::Findings => Vec::new(),
            BlockSpec::Gaps | BlockSpec::Sources => Vec::new(), // filled once the whole document is known
            BlockSpec::Definitions { themes } => {
                let defs = fw
                    .indicators
                    .iter()
                    .filter(|i| themes.is_empty() || themes.contains(&i.theme))
                    .map(|i| {
                        let mut def = i.definition.clone();
                        if let Some(f) = &i.formula {
                            for l in Lang::ALL {
                                let t = match l {
                                    Lang::En => &mut def.en,
                                    Lang::Fr => &mut def.fr,
                                    Lang::Pt => &mut def.pt,
                                };
                                t.push_str(&format!(" [{f}]"));
                            }
                        }
                        (Text::I18n(i.name.clone()), Text::I18n(def))
                    })
                    .collect();
                vec![Block::Definitions(defs)]
            }
            BlockSpec::CompareCountries { indicators, title } => {
                let mut notes = Vec::new();
                let inds = self.indicators(indicators, &mut notes);
                let mut cols = vec![Text::msg("col-area")];
                cols.extend(inds.iter().map(|i| name(i)));
                let mut rows = Vec::new();
                let mut srcs = Vec::new();
                for a in subject {
                    let mut row = vec![Cell::Text(Text::I18n(self.d.area_name(a)))];
                    for ind in &inds {
                        match self.d.latest_any(ind, a) {
                            Some((_, v, _)) => {
                                for i in self.cite_value(&v) {
                                    if !srcs.contains(&i) {
                                        srcs.push(i);
                                    }
                                }
                                row.push(Cell::Value(v))
                            }
                            None => row.push(Cell::Empty),
                        }
                    }
                    rows.push(row);
                }
                let title = title.as_ref().map(|t| Text::I18n(t.clone())).unwrap_or_else(|| Text::msg("table-compare-countries"));
                notes.insert(
                    0,
                    Block::Table(Table {
                        id: self.next_id("table"),
                        title,
                        columns: cols,
                        rows,
                        sources: srcs,
                        notes: vec![Text::msg("note-latest-year")],
                    }),
                );
                notes
            }
            BlockSpec::RankCountries { indicator } => {
                let ind = match self.indicator(indicator) {
                    Ok(i) => i,
                    Err(b) => return b,
                };
                let mut items: Vec<(AreaCode, Period, Value)> =
                    subject.iter().filter_map(|a| self.d.latest_any(ind, a).map(|(p, v, _)| (a.clone(), p, v))).collect();
                items.sort_by(|a, b| b.2.v.total_cmp(&a.2.v));
                if items.is_empty() {
                    return vec![Block::Note(Text::msg_with("no-data-for", vec![("indicator", Arg::Text(name(ind)))]))];
                }
                let mut srcs = Vec::new();
                for (_, _, v) in &items {
                    for i in self.cite_value(v) {
                        if !srcs.contains(&i) {
                            srcs.push(i);
                        }
                    }
                }
                let (before, after) = self.ranking_extras(ind, &items, subject.len(), &srcs);
                let title = name(ind);
                let chart = Block::Chart(Chart {
                    id: self.next_id("chart"),
                    kind: ChartKind::HBar,
                    alt: Text::msg_with(
                        "chart-alt-rank",
                        vec![("title", Arg::Text(title.clone())), ("first", Arg::Text(Text::I18n(self.d.area_name(&items[0].0))))],
                    ),
                    title,
                    y_label: unit_text(fw, ind),
                    value_kind: kind_of(ind),
                    categories: items
                        .iter()
                        .map(|(a, p, _)| {
                            Text::msg_with(
                                "area-year",
                                vec![("area", Arg::Text(Text::I18n(self.d.area_name(a)))), ("year", Arg::Year(p.end_year()))],
                            )
                        })
                        .collect(),
                    series: vec![Series {
                        name: name(ind),
                        values: items.iter().map(|(_, _, v)| Some(v.clone())).collect(),
                        projected: false,
                        band: None,
                        band_label: None,
                    }],
                    forecast_from: None,
                    map: None,
                    sources: srcs,
                });
                before.into_iter().chain([chart]).chain(after).collect()
            }
        }
    }

    fn section(&mut self, s: &SectionSpec, subject: &[AreaCode]) -> Section {
        let mut blocks = Vec::new();
        for b in &s.block {
            blocks.extend(self.block(b, s, subject));
        }
        let children = s.section.iter().map(|c| self.section(c, subject)).collect();
        Section {
            id: s.id.clone(),
            number: s.number.clone(),
            title: Text::I18n(s.title.clone()),
            themes: s.themes.clone(),
            blocks,
            children,
        }
    }
}

/// Fills the gap and source annexes, which depend on the whole document.
fn fill_annexes(sections: &mut [Section], spec: &[SectionSpec], gaps: &[Gap], sources: &[SourceEntry]) {
    for (s, sp) in sections.iter_mut().zip(spec) {
        for b in &sp.block {
            match b {
                BlockSpec::Gaps => {
                    let rows = gaps
                        .iter()
                        .map(|g| {
                            vec![
                                Cell::Text(Text::plain(g.indicator.to_string())),
                                Cell::Text(g.name.clone()),
                                Cell::Text(g.theme_name.clone()),
                                g.last_year.map(|y| Cell::Text(Text::plain(y.to_string()))).unwrap_or(Cell::Text(Text::msg("no-data"))),
                            ]
                        })
                        .collect();
                    s.blocks.push(Block::Table(Table {
                        id: "table-gaps".into(),
                        title: Text::msg("table-gaps"),
                        columns: vec![
                            Text::msg("col-code"),
                            Text::msg("col-indicator"),
                            Text::msg("col-theme"),
                            Text::msg("col-last-year"),
                        ],
                        rows,
                        sources: Vec::new(),
                        notes: vec![Text::msg("note-gaps")],
                    }));
                }
                BlockSpec::Sources => {
                    let rows = sources
                        .iter()
                        .enumerate()
                        .map(|(i, e)| {
                            vec![
                                Cell::Text(Text::plain(format!("[{}]", i + 1))),
                                Cell::Text(Text::plain(e.name.clone())),
                                Cell::Text(Text::plain(e.code.clone())),
                                Cell::Text(Text::plain(e.vintage.clone())),
                            ]
                        })
                        .collect();
                    s.blocks.push(Block::Table(Table {
                        id: "table-sources".into(),
                        title: Text::msg("table-sources"),
                        columns: vec![Text::msg("col-number"), Text::msg("col-source"), Text::msg("col-code"), Text::msg("col-vintage")],
                        rows,
                        sources: Vec::new(),
                        notes: Vec::new(),
                    }));
                }
                _ => {}
            }
        }
        fill_annexes(&mut s.children, &sp.section, gaps, sources);
    }
}

/// Builds a country's profile.
pub fn build_country(tpl: &Template, inputs: &Inputs, area: &AreaCode) -> Document {
    build(tpl, inputs, std::slice::from_ref(area), Subject::Country { area: area.clone() })
}

/// Builds the regional comparison of several countries.
pub fn build_regional(tpl: &Template, inputs: &Inputs, areas: &[AreaCode]) -> Document {
    build(tpl, inputs, areas, Subject::Regional { areas: areas.to_vec() })
}

fn build(tpl: &Template, inputs: &Inputs, subject: &[AreaCode], subj: Subject) -> Document {
    let as_of_year = inputs.as_of.get(..4).and_then(|y| y.parse().ok()).unwrap_or(2026);
    let d = Data::new(inputs.records, inputs.framework, inputs.areas, &tpl.prefer);
    let cov = subject.first().map(|a| coverage(&d, a, as_of_year)).unwrap_or_default();
    let by_code = cov.iter().enumerate().map(|(i, e)| (e.indicator.clone(), i)).collect();
    let mut b = Builder { d, inputs, sources: Vec::new(), coverage: cov, by_code, touched: BTreeSet::new(), counter: 0, as_of_year };
    let mut sections: Vec<Section> = tpl.section.iter().map(|s| b.section(s, subject)).collect();
    let gaps = b.gaps();
    fill_annexes(&mut sections, &tpl.section, &gaps, &b.sources);
    let subj_is_country = matches!(subj, Subject::Country { .. });
    let title = match &subj {
        Subject::Country { area } => Text::msg_with("doc-title", vec![("country", Arg::Text(Text::I18n(b.d.area_name(area))))]),
        Subject::Regional { .. } => Text::msg("doc-title-regional"),
        // Indicator views are built by `views`, never from a template.
        Subject::Indicator { .. } => Text::plain(""),
    };
    let mut doc = Document {
        subject: subj,
        template: tpl.id.clone(),
        edition: inputs.edition.clone(),
        as_of: inputs.as_of.clone(),
        title,
        subtitle: Some(Text::I18n(tpl.name.clone())),
        sections,
        sources: b.sources,
        gaps,
        coverage: match subj_is_country {
            true => b.coverage,
            false => Vec::new(),
        },
    };
    crate::findings::locate(&mut doc);
    doc
}
