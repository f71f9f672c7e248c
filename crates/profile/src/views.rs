//! The portal's views built from the same model as the documents: an indicator's series for
//! one area (every source side by side) and its latest value in every profile country.
//!
//! A view is a [`Document`] whose subject is the indicator; the portal only renders it, so its
//! figures are chosen, computed and traced by the same rules as a country's profile.

use crate::data::{Data, kind_of, unit_text};
use crate::model::*;
use mp_domain::{Area, AreaCode, DatasetId, DimensionKey, Indicator, Period};
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// Id of the view's section holding the series chart and table.
pub const SERIES: &str = "series";
/// Id of the view's section comparing the profile countries.
pub const COMPARE: &str = "compare";

/// What the portal adds to an indicator view: titles (labels of the page) and how a source's
/// publisher is named in narrow places (legends, table cells).
pub struct ViewLabels<'a> {
    /// Title of the series chart and table.
    pub series_title: Text,
    /// Title of the comparison of countries.
    pub compare_title: Text,
    /// The publisher of a dataset, if known.
    pub publisher: &'a dyn Fn(&DatasetId) -> Option<String>,
}

struct Cites<'d, 'a> {
    d: &'d Data<'a>,
    sources: Vec<SourceEntry>,
}

impl Cites<'_, '_> {
    fn entry(&self, ds: &DatasetId) -> SourceEntry {
        SourceEntry { code: ds.source.clone(), vintage: ds.vintage.clone(), name: self.d.source_name(ds) }
    }
    fn cite(&mut self, ds: &DatasetId) -> usize {
        let e = self.entry(ds);
        match self.sources.iter().position(|x| *x == e) {
            Some(i) => i,
            None => {
                self.sources.push(e);
                self.sources.len() - 1
            }
        }
    }
}

/// A period as readers of each language write it.
fn period_text(p: &Period) -> Text {
    Text::msg_with("period-label", vec![("period", Arg::Period(*p))])
}

/// A source as narrow places name it: `Publisher (vintage)`, its full name when the publisher
/// is unknown.
fn short_source(labels: &ViewLabels, ds: &DatasetId, e: &SourceEntry) -> String {
    (labels.publisher)(ds)
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .map(|p| format!("{p} ({})", e.vintage))
        .unwrap_or_else(|| e.cited())
}

/// The view of one indicator: its series for `area` at disaggregation `key` (section
/// [`SERIES`], empty when there is nothing to draw) and the latest value of each of `compare`
/// (section [`COMPARE`]), ranked. `compare` comes in the order countries without a figure keep.
///
/// `as_of` chooses the year of the comparison: each country's latest figure not after it
/// (`None`: the latest figure). The comparison is drawn as a ranking and as a map framed on the
/// compared countries.
pub fn indicator_view(
    d: &Data,
    ind: &Indicator,
    area: &AreaCode,
    key: &DimensionKey,
    compare: &[&Area],
    as_of: Option<i32>,
    labels: &ViewLabels,
) -> Document {
    let mut c = Cites { d, sources: Vec::new() };
    let series = series_blocks(&mut c, ind, area, key, labels);
    let compare = compare_blocks(&mut c, ind, compare, as_of, labels);
    let section = |id: &str, blocks: Vec<Block>| Section {
        id: id.into(),
        number: String::new(),
        title: Text::plain(""),
        themes: vec![ind.theme.clone()],
        blocks,
        children: Vec::new(),
    };
    Document {
        subject: Subject::Indicator { indicator: ind.code.clone(), area: area.clone() },
        template: "portal".into(),
        edition: None,
        as_of: String::new(),
        title: Text::I18n(ind.name.clone()),
        subtitle: None,
        sections: vec![section(SERIES, series), section(COMPARE, compare)],
        sources: c.sources,
        gaps: Vec::new(),
        coverage: Vec::new(),
    }
}

/// The series: a chart with one line per source and the same figures as a table.
fn series_blocks(c: &mut Cites, ind: &Indicator, area: &AreaCode, key: &DimensionKey, labels: &ViewLabels) -> Vec<Block> {
    let d = c.d;
    let mut sources: Vec<usize> = Vec::new();
    let mut lines: Vec<(Text, BTreeMap<Period, Value>)> = Vec::new();
    let mut short: Vec<String> = Vec::new();
    let mut full: Vec<String> = Vec::new();
    // Per line: whether it is a projection, and its 80 % band (a fan chart of the forecast).
    let mut fans: Vec<(bool, Option<Band>)> = Vec::new();
    for (ds, s) in d.all_series(&ind.code, area, key) {
        let values: BTreeMap<Period, Value> = s.iter().filter_map(|(p, r)| Some((*p, d.value(r)?))).collect();
        if values.is_empty() {
            continue;
        }
        let projected = s.iter().all(|(_, r)| r.status == mp_domain::ObsStatus::Forecast);
        fans.push((projected, if projected && key.is_total() { band80(d, ind, area, &ds) } else { None }));
        let e = c.entry(&ds);
        short.push(short_source(labels, &ds, &e));
        full.push(e.cited());
        sources.push(c.cite(&ds));
        lines.push((Text::plain(""), values));
    }
    // Legends are narrow: the publisher and vintage say which source a line is, unless two
    // lines would read the same.
    let mut seen = HashSet::new();
    let names = if short.iter().any(|n| !seen.insert(n.clone())) { full } else { short };
    for ((n, _), name) in lines.iter_mut().zip(names) {
        *n = Text::plain(name);
    }
    if lines.is_empty()
        && key.is_total()
        && let Some(f) = &ind.formula
        && let Some((first, _)) = f.references().into_iter().next()
    {
        // A computed indicator: evaluated for every period its first input has.
        let periods: BTreeSet<Period> = d.records(&first.code, area, &first.dims).iter().map(|r| r.period).collect();
        let values: BTreeMap<Period, Value> = periods.into_iter().filter_map(|p| Some((p, d.computed(ind, area, &p)?))).collect();
        if !values.is_empty() {
            lines.push((Text::msg_with("web-computed", vec![("formula", Arg::Text(Text::plain(f.text.clone())))]), values));
            fans.push((false, None));
        }
    }
    if lines.is_empty() {
        return Vec::new();
    }
    let periods: Vec<Period> = lines.iter().flat_map(|(_, v)| v.keys().copied()).collect::<BTreeSet<_>>().into_iter().collect();
    let title = labels.series_title.clone();
    let series: Vec<Series> = lines
        .iter()
        .zip(&fans)
        .map(|((name, v), (projected, band))| Series {
            name: name.clone(),
            values: periods.iter().map(|p| v.get(p).cloned()).collect(),
            projected: *projected,
            band: band.as_ref().map(|b| periods.iter().map(|p| b.get(p).copied()).collect()),
            band_label: band.as_ref().map(|_| Text::msg("band-80")),
        })
        .collect();
    // The projected part is shaded from its first period (a forecast indicator's page is all
    // projection; a history with a projection beside it is shaded from where the projection starts).
    let forecast_from = lines
        .iter()
        .zip(&fans)
        .filter(|(_, (projected, _))| *projected)
        .filter_map(|((_, v), _)| v.keys().next())
        .min()
        .and_then(|first| periods.iter().position(|p| p == first));
    let (first, last) = (periods.first().copied(), periods.last().copied());
    let chart = Chart {
        id: "series".into(),
        kind: if periods.len() >= 3 { ChartKind::Line } else { ChartKind::Bar },
        title: title.clone(),
        y_label: unit_text(d.fw, ind),
        value_kind: kind_of(ind),
        categories: periods.iter().map(period_text).collect(),
        series,
        forecast_from,
        map: None,
        sources: sources.clone(),
        alt: Text::msg_with(
            "chart-alt-series",
            vec![
                ("title", Arg::Text(title.clone())),
                ("from", first.map(Arg::Period).unwrap_or(Arg::Text(Text::plain("")))),
                ("to", last.map(Arg::Period).unwrap_or(Arg::Text(Text::plain("")))),
                ("count", Arg::Count(lines.len() as i64)),
            ],
        ),
    };
    let mut columns = vec![Text::msg("col-period")];
    columns.extend(lines.iter().map(|(n, _)| n.clone()));
    let rows = periods
        .iter()
        .rev()
        .map(|p| {
            let mut row = vec![Cell::Text(period_text(p))];
            row.extend(lines.iter().map(|(_, v)| v.get(p).cloned().map(Cell::Value).unwrap_or(Cell::Empty)));
            row
        })
        .collect();
    let table = Table {
        id: "series-table".into(),
        title: Text::msg_with("web-by-source", vec![("title", Arg::Text(title))]),
        columns,
        rows,
        sources,
        notes: if lines.len() > 1 { vec![Text::msg("note-sources-differ")] } else { Vec::new() },
    };
    vec![Block::Chart(chart), Block::Table(table)]
}

/// An interval band by period: (lower, upper).
type Band = BTreeMap<Period, (f64, f64)>;

/// The 80 % interval of a projection, from the same dataset's LO80 and HI80 records.
fn band80(d: &Data, ind: &Indicator, area: &AreaCode, ds: &DatasetId) -> Option<Band> {
    let (lk, hk) = (DimensionKey::parse("VARIANT=LO80").ok()?, DimensionKey::parse("VARIANT=HI80").ok()?);
    let lo = d.series(&ind.code, area, &lk, ds);
    let hi = d.series(&ind.code, area, &hk, ds);
    let band: Band = lo.iter().filter_map(|l| Some((l.period, (l.value?, hi.iter().find(|h| h.period == l.period)?.value?)))).collect();
    (!band.is_empty()).then_some(band)
}

/// A country's latest value: period, figure and its source cell (for a computed figure, every
/// source it is computed from).
type Latest = Option<(Period, Value, Text)>;

/// The latest value of every country, ranked, as a bar chart and a table.
fn compare_blocks(c: &mut Cites, ind: &Indicator, areas: &[&Area], as_of: Option<i32>, labels: &ViewLabels) -> Vec<Block> {
    let d = c.d;
    let title = labels.compare_title.clone();
    let mut rows: Vec<(&Area, Latest)> = Vec::new();
    // The sources in the order the countries cite them, for the source line.
    let mut all_sources: Vec<usize> = Vec::new();
    for a in areas {
        let latest = d.latest_any_until(ind, &a.code, as_of).map(|(p, v, ds)| {
            let computed = ds.is_none();
            let mut names = Vec::new();
            for ds in ds.map(|x| vec![x]).unwrap_or_else(|| crate::computed::datasets_of(&v)) {
                let e = c.entry(&ds);
                let i = c.cite(&ds);
                if !all_sources.contains(&i) {
                    all_sources.push(i);
                }
                names.push(short_source(labels, &ds, &e));
            }
            let src = if computed { crate::computed::computed_from(&names) } else { Text::plain(names.concat()) };
            (p, v, src)
        });
        rows.push((a, latest));
    }
    // Countries without a figure keep the order they came in.
    rows.sort_by(|a, b| match (&a.1, &b.1) {
        (Some(x), Some(y)) => y.1.v.total_cmp(&x.1.v),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    let with_data: Vec<&(&Area, Latest)> = rows.iter().filter(|r| r.1.is_some()).collect();
    let mut blocks = Vec::new();
    if let Some(top) = with_data.first() {
        blocks.push(Block::Chart(Chart {
            id: "compare".into(),
            kind: ChartKind::HBar,
            title: title.clone(),
            y_label: unit_text(d.fw, ind),
            value_kind: kind_of(ind),
            categories: with_data.iter().map(|r| Text::I18n(r.0.name.clone())).collect(),
            series: vec![Series {
                name: Text::I18n(ind.name.clone()),
                values: with_data.iter().map(|r| r.1.as_ref().map(|x| x.1.clone())).collect(),
                projected: false,
                band: None,
                band_label: None,
            }],
            forecast_from: None,
            map: None,
            sources: all_sources.clone(),
            alt: Text::msg_with(
                "chart-alt-rank",
                vec![("title", Arg::Text(title.clone())), ("first", Arg::Text(Text::I18n(top.0.name.clone())))],
            ),
        }));
        // The same figures on a map of the region, when two countries or more can be placed.
        let placed: Vec<(&&(&Area, Latest), u16)> = with_data.iter().filter_map(|r| Some((r, r.0.m49?.value()))).collect();
        if placed.len() >= 2 {
            blocks.push(Block::Chart(Chart {
                id: "compare-map".into(),
                kind: ChartKind::Map,
                title: title.clone(),
                y_label: unit_text(d.fw, ind),
                value_kind: kind_of(ind),
                categories: placed.iter().map(|(r, _)| Text::I18n(r.0.name.clone())).collect(),
                series: vec![Series {
                    name: Text::I18n(ind.name.clone()),
                    values: placed.iter().map(|(r, _)| r.1.as_ref().map(|x| x.1.clone())).collect(),
                    projected: false,
                    band: None,
                    band_label: None,
                }],
                forecast_from: None,
                map: Some(Box::new(MapAreas {
                    m49: placed.iter().map(|(_, m)| *m).collect(),
                    focus: None,
                    region: areas.iter().filter_map(|a| Some(a.m49?.value())).collect(),
                })),
                sources: all_sources.clone(),
                alt: Text::msg_with(
                    "chart-alt-rank",
                    vec![("title", Arg::Text(title.clone())), ("first", Arg::Text(Text::I18n(top.0.name.clone())))],
                ),
            }));
        }
    }
    let table_rows = rows
        .iter()
        .map(|(a, latest)| match latest {
            Some((p, v, src)) => {
                vec![Cell::Text(Text::I18n(a.name.clone())), Cell::Value(v.clone()), Cell::Text(period_text(p)), Cell::Text(src.clone())]
            }
            None => vec![Cell::Text(Text::I18n(a.name.clone())), Cell::Empty, Cell::Empty, Cell::Empty],
        })
        .collect();
    blocks.push(Block::Table(Table {
        id: "compare-table".into(),
        title,
        columns: vec![Text::msg("col-area"), Text::msg("col-value"), Text::msg("col-period"), Text::msg("col-source")],
        rows: table_rows,
        sources: all_sources,
        notes: vec![Text::msg("note-latest-year")],
    }));
    blocks
}
