//! An indicator: its definition, unit, disaggregations, sources and caveats from the framework;
//! its series for one country (every source side by side, as a chart and a table); and the
//! latest value of every profile country.

use super::{Cache, Chrome, DownloadLinks, PageLang, Section, block_document, blocks_html, esc, m, ma, qv, render, respond, tr};
use crate::http::{self, HttpError};
use crate::state::AppState;
use askama::Template;
use axum::Extension;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use mp_domain::{Area, AreaCode, CodeValue, DimensionId, DimensionKey, Framework, Indicator, Lang, Period, Record};
use mp_profile::data::{Data, kind_of, unit_text};
use mp_profile::{Arg, Block, Cell, Chart, ChartKind, Series, SourceEntry, Table, Text, Value};
use mp_render::localize;
use mp_store::DatasetInfo;
use mp_store::ObsQuery;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::Arc;

/// Query of the indicator page.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct IndicatorQuery {
    area: Option<String>,
    dims: Option<String>,
}

struct Opt {
    value: String,
    label: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "indicator.html")]
struct IndicatorT {
    chrome: Chrome,
    heading: String,
    code: String,
    theme_href: String,
    theme: String,
    facts: Vec<(String, String)>,
    sources_label: String,
    sources: Vec<(String, Option<String>)>,
    series_label: String,
    form_action: String,
    country_label: String,
    countries: Vec<Opt>,
    dims_label: String,
    dims: Vec<Opt>,
    show_label: String,
    series_title: String,
    series_html: String,
    series_downloads: String,
    no_data: Option<String>,
    compare_label: String,
    compare_html: String,
    compare_downloads: String,
}

/// `GET /{lang}/indicator/{code}?area=SEN&dims=SEX=F`
pub(crate) async fn page(
    State(st): State<AppState>,
    Extension(cache): Extension<Arc<Cache>>,
    PageLang(lang): PageLang,
    Path((_, code)): Path<(String, String)>,
    q: Result<Query<IndicatorQuery>, QueryRejection>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let page = match super::query(q) {
        Ok(q) => super::cached(&st, &cache, &uri, || build(&st, &cache, lang, &uri, &code, q)).await,
        Err(e) => Err(e),
    };
    respond(lang, &uri, &headers, page)
}

/// A dimension key from `?dims=`, checked against the indicator.
pub(crate) fn parse_dims(st: &AppState, ind: &Indicator, dims: Option<&str>) -> Result<DimensionKey, HttpError> {
    let text = dims.unwrap_or("").trim();
    let key = DimensionKey::parse(text).map_err(|e| HttpError::bad_request(format!("bad dims `{}`: {e}", http::truncate(text, 60))))?;
    st.framework()
        .check_dims(ind, &key, |c| st.areas().find(c.as_str()).is_some())
        .map_err(|e| HttpError::bad_request(format!("bad dims `{}`: {e}", http::truncate(text, 60))))?;
    Ok(key)
}

/// A query for one indicator and some areas at one disaggregation.
pub(crate) fn series_query(ind: &Indicator, areas: Vec<AreaCode>, key: &DimensionKey) -> ObsQuery {
    let mut q = ObsQuery::indicator(ind.code.clone());
    q.areas = areas;
    for (d, c) in key.iter() {
        q = q.dim(d.clone(), c.clone());
    }
    q
}

/// The records a computed indicator is evaluated from, for some areas.
async fn formula_inputs(st: &AppState, ind: &Indicator, areas: &[AreaCode]) -> Result<Vec<Record>, HttpError> {
    let mut out = Vec::new();
    let Some(f) = &ind.formula else { return Ok(out) };
    let mut seen = HashSet::new();
    for (r, over) in f.references() {
        if !seen.insert((r.code.clone(), r.dims.to_string(), over.cloned())) {
            continue;
        }
        let mut q = ObsQuery::indicator(r.code.clone());
        q.areas = areas.to_vec();
        for (d, c) in r.dims.iter() {
            q = q.dim(d.clone(), c.clone());
        }
        if let Some(d) = over {
            q = q.dim_any(d.clone());
        }
        out.extend(st.store().records(&q).await?);
    }
    Ok(out)
}

/// A disaggregation as readers name it: `Sex: Female, Age: 15-19`.
pub(crate) fn dims_label(fw: &Framework, st: &AppState, key: &DimensionKey, lang: Lang) -> String {
    key.iter()
        .map(|(d, c)| {
            let dim = fw.dimensions.get(d).map(|x| tr(&x.name, lang)).unwrap_or_else(|| d.to_string());
            format!("{dim}: {}", code_label(fw, st, d, c, lang))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn code_label(fw: &Framework, st: &AppState, d: &DimensionId, c: &CodeValue, lang: Lang) -> String {
    if let Some(cl) = fw.codelist_of(d) {
        return cl.code(c.as_str()).map(|x| tr(&x.name, lang)).unwrap_or_else(|| c.to_string());
    }
    st.areas().find(c.as_str()).map(|a| tr(&a.name, lang)).unwrap_or_else(|| c.to_string())
}

/// A source as narrow places (legends, table cells on a phone) name it: `Publisher (vintage)`;
/// the full names are in the source line under the figure.
fn short_source(datasets: &[DatasetInfo], e: &SourceEntry) -> String {
    datasets
        .iter()
        .find(|d| d.source.code == e.code && d.vintage == e.vintage)
        .map(|d| d.source.publisher.trim())
        .filter(|p| !p.is_empty())
        .map(|p| format!("{p} ({})", e.vintage))
        .unwrap_or_else(|| localize::source_name(e))
}

fn source_entry(data: &Data, ds: &mp_domain::DatasetId) -> SourceEntry {
    SourceEntry { code: ds.source.clone(), vintage: ds.vintage.clone(), name: data.source_name(ds) }
}

async fn build(st: &AppState, cache: &Cache, lang: Lang, uri: &Uri, code: &str, q: IndicatorQuery) -> Result<String, HttpError> {
    let l = lang.code();
    let g = cache.generation(st).await?;
    let datasets = g.datasets(st).await?;
    let fw = st.framework();
    let ind = http::indicator(st, code)?;
    let profile: Vec<&Area> = st.areas().profile_countries();
    let area: &Area = match q.area.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
        Some(a) => http::area(st, a)?,
        None => profile.first().copied().ok_or_else(|| HttpError::not_found("no profile country is defined"))?,
    };
    let key = parse_dims(st, ind, q.dims.as_deref())?;
    let mut list: Vec<AreaCode> = profile.iter().map(|a| a.code.clone()).collect();
    if !list.contains(&area.code) {
        list.push(area.code.clone());
    }

    // Every record the page shows, so one index (and its source preferences) serves it all.
    let mut records = st.store().records(&series_query(ind, list.clone(), &DimensionKey::total())).await?;
    if !key.is_total() {
        records.extend(st.store().records(&series_query(ind, vec![area.code.clone()], &key)).await?);
    }
    records.extend(formula_inputs(st, ind, &list).await?);
    let mut ids = HashSet::new();
    records.retain(|r| ids.insert(r.id));
    let data = Data::new(&records, fw, st.areas(), &st.profile_template().prefer);

    // The disaggregations this country has, for the form.
    let mut any = ObsQuery::indicator(ind.code.clone()).area(area.code.clone());
    any.any_dims = true;
    let keys: BTreeSet<String> =
        st.store().query(&any).await?.into_iter().filter(|o| !o.dims.is_total()).map(|o| o.dims.to_string()).collect();
    let mut dims: Vec<Opt> = keys
        .iter()
        .take(400)
        .filter_map(|k| DimensionKey::parse(k).ok())
        .map(|k| Opt { label: dims_label(fw, st, &k, lang), selected: k == key, value: k.to_string() })
        .collect();
    dims.sort_by_cached_key(|o| mp_text::fold(&o.label));
    dims.insert(0, Opt { value: String::new(), label: m(lang, "web-total"), selected: key.is_total() });

    let area_name = tr(&area.name, lang);
    let ind_name = tr(&ind.name, lang);
    let mut series_title = format!("{ind_name} — {area_name}");
    if !key.is_total() {
        series_title.push_str(&format!(" ({})", dims_label(fw, st, &key, lang)));
    }
    let (series_html, no_data) = series_blocks(st, &data, &datasets, ind, &area.code, &key, &series_title, lang);
    let mut series_q = format!("indicator={}&area={}", qv(ind.code.as_str()), qv(area.code.as_str()));
    if !key.is_total() {
        series_q.push_str(&format!("&dims={}", qv(&key.to_string())));
    }
    let base = format!("/{l}/download/series");
    let compare_q = format!(
        "indicator={}&area={}",
        qv(ind.code.as_str()),
        qv(&profile.iter().map(|a| a.code.to_string()).collect::<Vec<_>>().join(","))
    );
    let compare_title = ma(lang, "web-compare-title", &[("indicator", &ind_name)]);

    let theme = fw.theme(&ind.theme);
    let unit = fw.unit(&ind.unit).map(|u| tr(&u.name, lang)).unwrap_or_else(|| ind.unit.clone());
    let mut facts = vec![(m(lang, "definition"), tr(&ind.definition, lang)), (m(lang, "unit"), unit)];
    if !ind.dimensions.is_empty() {
        let names: Vec<String> =
            ind.dimensions.iter().map(|d| fw.dimensions.get(d).map(|x| tr(&x.name, lang)).unwrap_or_else(|| d.to_string())).collect();
        facts.push((m(lang, "web-disaggregations"), names.join(", ")));
    }
    if let Some(f) = &ind.formula {
        facts.push((m(lang, "web-formula"), f.text.clone()));
    }
    if let Some(s) = &ind.sdg {
        facts.push((m(lang, "web-sdg"), s.clone()));
    }
    if !ind.gcm.is_empty() {
        facts.push((m(lang, "web-gcm"), ind.gcm.iter().map(|g| g.to_string()).collect::<Vec<_>>().join(", ")));
    }
    let countries = {
        let mut v: Vec<Opt> =
            profile.iter().map(|a| Opt { value: a.code.to_string(), label: tr(&a.name, lang), selected: a.code == area.code }).collect();
        if !profile.iter().any(|a| a.code == area.code) {
            v.push(Opt { value: area.code.to_string(), label: area_name.clone(), selected: true });
        }
        v.sort_by_cached_key(|o| mp_text::fold(&o.label));
        v
    };
    render(&IndicatorT {
        chrome: Chrome::new(lang, uri, &ind_name, Section::Other),
        heading: ind_name.clone(),
        code: ind.code.to_string(),
        theme_href: format!("/{l}/theme/{}", ind.theme),
        theme: theme.map(|t| tr(&t.name, lang)).unwrap_or_else(|| ind.theme.to_string()),
        facts,
        sources_label: m(lang, "web-sources-caveats"),
        sources: ind
            .sources
            .iter()
            .map(|s| {
                let name = match &s.code {
                    Some(c) => format!("{} ({c})", s.name),
                    None => s.name.clone(),
                };
                (name, s.caveat.as_ref().map(|c| tr(c, lang)))
            })
            .collect(),
        series_label: m(lang, "web-series"),
        form_action: format!("/{l}/indicator/{}", ind.code),
        country_label: m(lang, "country"),
        countries,
        dims_label: m(lang, "web-disaggregation"),
        dims,
        show_label: m(lang, "web-show"),
        series_title: series_title.clone(),
        series_html,
        series_downloads: DownloadLinks::new(lang, &base, &series_q, &series_title).html(),
        no_data,
        compare_label: compare_title.clone(),
        compare_html: compare_blocks(st, &data, &datasets, ind, &profile, &compare_title, lang),
        compare_downloads: DownloadLinks::new(lang, &base, &compare_q, &compare_title).html(),
    })
}

/// The chosen country's series: a chart with one line per source, and the same figures as a
/// table, sources side by side. `None` as the note when there are data.
#[allow(clippy::too_many_arguments)]
fn series_blocks(
    st: &AppState,
    data: &Data,
    datasets: &[DatasetInfo],
    ind: &Indicator,
    area: &AreaCode,
    key: &DimensionKey,
    title: &str,
    lang: Lang,
) -> (String, Option<String>) {
    let fw = st.framework();
    let mut sources: Vec<SourceEntry> = Vec::new();
    let mut lines: Vec<(String, BTreeMap<Period, Value>)> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    for (ds, s) in data.all_series(&ind.code, area, key) {
        let values: BTreeMap<Period, Value> = s.iter().filter_map(|(p, r)| Some((*p, data.value(r)?))).collect();
        if values.is_empty() {
            continue;
        }
        // Legends are narrow: the publisher and vintage say which source a line is, unless two
        // lines would read the same.
        let entry = source_entry(data, &ds);
        lines.push((short_source(datasets, &entry), values));
        names.push(localize::source_name(&entry));
        sources.push(entry);
    }
    let mut seen = HashSet::new();
    if lines.iter().any(|(n, _)| !seen.insert(n.clone())) {
        for ((n, _), full) in lines.iter_mut().zip(&names) {
            *n = full.clone();
        }
    }
    if lines.is_empty()
        && key.is_total()
        && let Some(f) = &ind.formula
        && let Some((first, _)) = f.references().into_iter().next()
    {
        // A computed indicator: evaluated for every period its first input has.
        let periods: BTreeSet<Period> = data.records(&first.code, area, &first.dims).iter().map(|r| r.period).collect();
        let values: BTreeMap<Period, Value> = periods.into_iter().filter_map(|p| Some((p, data.computed(ind, area, &p)?))).collect();
        if !values.is_empty() {
            lines.push((ma(lang, "web-computed", &[("formula", &f.text)]), values));
        }
    }
    if lines.is_empty() {
        return (String::new(), Some(m(lang, "web-no-series")));
    }
    let periods: Vec<Period> = lines.iter().flat_map(|(_, v)| v.keys().copied()).collect::<BTreeSet<_>>().into_iter().collect();
    let cats: Vec<Text> = periods.iter().map(|p| Text::plain(localize::period(p, lang))).collect();
    let unit = unit_text(fw, ind);
    let all_sources: Vec<usize> = (0..sources.len()).collect();
    let series: Vec<Series> = lines
        .iter()
        .map(|(name, v)| Series {
            name: Text::plain(name.clone()),
            values: periods.iter().map(|p| v.get(p).cloned()).collect(),
            projected: false,
            band: None,
            band_label: None,
        })
        .collect();
    let first = cats.first().map(|c| localize::text(c, lang)).unwrap_or_default();
    let last = cats.last().map(|c| localize::text(c, lang)).unwrap_or_default();
    let chart = Chart {
        id: "series".into(),
        kind: if periods.len() >= 3 { ChartKind::Line } else { ChartKind::Bar },
        title: Text::plain(title),
        y_label: unit,
        value_kind: kind_of(ind),
        categories: cats.clone(),
        series,
        forecast_from: None,
        map: None,
        sources: all_sources.clone(),
        alt: Text::msg_with(
            "chart-alt-series",
            vec![
                ("title", Arg::Text(Text::plain(title))),
                ("from", Arg::Text(Text::plain(first))),
                ("to", Arg::Text(Text::plain(last))),
                ("count", Arg::Count(lines.len() as i64)),
            ],
        ),
    };
    let mut columns = vec![Text::msg("col-period")];
    columns.extend(lines.iter().map(|(n, _)| Text::plain(n.clone())));
    let rows = periods
        .iter()
        .rev()
        .map(|p| {
            let mut row = vec![Cell::Text(Text::plain(localize::period(p, lang)))];
            row.extend(lines.iter().map(|(_, v)| v.get(p).cloned().map(Cell::Value).unwrap_or(Cell::Empty)));
            row
        })
        .collect();
    let table = Table {
        id: "series-table".into(),
        title: Text::plain(ma(lang, "web-by-source", &[("title", title)])),
        columns,
        rows,
        sources: all_sources,
        notes: if lines.len() > 1 { vec![Text::msg("note-sources-differ")] } else { Vec::new() },
    };
    let doc = block_document(sources);
    (format!("{}\n{}", chart_figure(&doc, &chart, lang), blocks_html(&doc, &[Block::Table(table)], lang, 2)), None)
}

/// The series chart as a figure, its lines drawn across the years a source does not cover (its
/// own figures are in the open table right after it, so the figure has no table of its own).
fn chart_figure(doc: &mp_profile::Document, chart: &Chart, lang: Lang) -> String {
    let mut model = localize::chart_model(chart, lang, doc);
    if let mp_chart::Chart::Line(l) = &mut model {
        for s in &mut l.series {
            bridge(&mut s.values);
        }
    }
    let title = model.detach_caption();
    let largest =
        chart.series.iter().flat_map(|s| s.values.iter().flatten()).map(|v| v.v.abs()).filter(|v| v.is_finite()).fold(0.0, f64::max);
    let svg = mp_chart::render_svg(&model, &localize::chart_style(chart), &localize::chart_number(chart.value_kind, lang, largest));
    let svg = svg.replacen("<title></title>", &format!("<title>{}</title>", esc(&title)), 1);
    let source = localize::source_line(&chart.sources, doc, lang);
    let src = if source.is_empty() { String::new() } else { format!("\n<p class=\"src\">{}</p>", esc(&source)) };
    format!(
        "<figure class=\"fig\" id=\"{}\">\n<figcaption>{}</figcaption>\n<div class=\"chart\">{svg}</div>{src}\n</figure>",
        chart.id,
        esc(&title)
    )
}

/// Joins the points of a line across categories it has no figure for (another source's
/// years): the x axis lists every source's periods, and a line broken at each of them would
/// suggest gaps that are not there.
fn bridge(values: &mut [Option<f64>]) {
    let known: Vec<usize> = (0..values.len()).filter(|i| values[*i].is_some_and(f64::is_finite)).collect();
    for w in known.windows(2) {
        let (a, b) = (w[0], w[1]);
        let (va, vb) = (values[a].unwrap_or_default(), values[b].unwrap_or_default());
        for (i, v) in values.iter_mut().enumerate().take(b).skip(a + 1) {
            *v = Some(va + (vb - va) * (i - a) as f64 / (b - a) as f64);
        }
    }
}

/// A country's latest value: period, figure and index of its source, if stored.
type Latest = Option<(Period, Value, Option<usize>)>;

/// The latest value of every profile country, ranked, as a bar chart and a table.
#[allow(clippy::too_many_arguments)]
fn compare_blocks(
    st: &AppState,
    data: &Data,
    datasets: &[DatasetInfo],
    ind: &Indicator,
    profile: &[&Area],
    title: &str,
    lang: Lang,
) -> String {
    let mut sources: Vec<SourceEntry> = Vec::new();
    let mut rows: Vec<(&Area, Latest)> = Vec::new();
    for a in profile {
        let latest = data.latest_any(ind, &a.code).map(|(p, v, ds)| {
            let src = ds.map(|ds| {
                let e = source_entry(data, &ds);
                match sources.iter().position(|x| *x == e) {
                    Some(i) => i,
                    None => {
                        sources.push(e);
                        sources.len() - 1
                    }
                }
            });
            (p, v, src)
        });
        rows.push((a, latest));
    }
    rows.sort_by(|a, b| match (&a.1, &b.1) {
        (Some(x), Some(y)) => y.1.v.total_cmp(&x.1.v),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => tr(&a.0.name, lang).cmp(&tr(&b.0.name, lang)),
    });
    let with_data: Vec<&(&Area, Latest)> = rows.iter().filter(|r| r.1.is_some()).collect();
    let mut blocks = Vec::new();
    if !with_data.is_empty() {
        let first = tr(&with_data[0].0.name, lang);
        blocks.push(Block::Chart(Chart {
            id: "compare".into(),
            kind: ChartKind::HBar,
            title: Text::plain(title),
            y_label: st.framework().unit(&ind.unit).map(|u| Text::I18n(u.name.clone())).unwrap_or_else(|| Text::plain(ind.unit.clone())),
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
            sources: (0..sources.len()).collect(),
            alt: Text::msg_with("chart-alt-rank", vec![("title", Arg::Text(Text::plain(title))), ("first", Arg::Text(Text::plain(first)))]),
        }));
    }
    let table_rows = rows
        .iter()
        .map(|(a, latest)| match latest {
            Some((p, v, src)) => vec![
                Cell::Text(Text::I18n(a.name.clone())),
                Cell::Value(v.clone()),
                Cell::Text(Text::plain(localize::period(p, lang))),
                Cell::Text(Text::plain(
                    src.and_then(|i| sources.get(i)).map(|e| short_source(datasets, e)).unwrap_or_else(|| m(lang, "web-computed-short")),
                )),
            ],
            None => vec![Cell::Text(Text::I18n(a.name.clone())), Cell::Empty, Cell::Empty, Cell::Empty],
        })
        .collect();
    blocks.push(Block::Table(Table {
        id: "compare-table".into(),
        title: Text::plain(title),
        columns: vec![Text::msg("col-area"), Text::msg("col-value"), Text::msg("col-period"), Text::msg("col-source")],
        rows: table_rows,
        sources: (0..sources.len()).collect(),
        notes: vec![Text::msg("note-latest-year")],
    }));
    let doc = block_document(sources);
    blocks_html(&doc, &blocks, lang, 2)
}

#[cfg(test)]
mod tests {
    use super::bridge;

    #[test]
    fn lines_are_joined_only_between_their_own_points() {
        let mut v = vec![None, Some(1.0), None, None, Some(4.0), None];
        bridge(&mut v);
        assert_eq!(v, vec![None, Some(1.0), Some(2.0), Some(3.0), Some(4.0), None]);
    }
}
