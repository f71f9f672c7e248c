//! An indicator: its definition, unit, disaggregations, sources and caveats from the framework;
//! its series for one country (every source side by side, as a chart and a table); and the
//! latest value of every profile country.

use super::{Cache, Chrome, DownloadLinks, PageLang, Section, blocks_html, esc, m, ma, qv, render, respond, tr};
use crate::http::{self, HttpError};
use crate::state::AppState;
use askama::Template;
use axum::Extension;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use mp_domain::{Area, AreaCode, CodeValue, DimensionId, DimensionKey, Framework, Indicator, Lang, Record};
use mp_profile::data::Data;
use mp_profile::views::{self, ViewLabels};
use mp_profile::{Block, Chart, Document, Text};
use mp_render::localize;
use mp_store::ObsQuery;
use serde::Deserialize;
use std::collections::{BTreeSet, HashSet};
use std::sync::Arc;

/// Query of the indicator page.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct IndicatorQuery {
    area: Option<String>,
    dims: Option<String>,
    year: Option<String>,
}

/// The comparison's year from `?year=`: empty means the latest figures.
fn parse_year(raw: Option<&str>) -> Result<Option<i32>, HttpError> {
    match raw.map(str::trim).filter(|y| !y.is_empty()) {
        None => Ok(None),
        Some(y) => match y.parse::<i32>() {
            Ok(v) if (1900..=2100).contains(&v) => Ok(Some(v)),
            _ => Err(HttpError::bad_request(format!(
                "year: expected a year between 1900 and 2100, got `{}`",
                y.chars().take(20).collect::<String>()
            ))),
        },
    }
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
    year_label: String,
    years: Vec<Opt>,
    area_value: String,
    dims_value: Option<String>,
    compare_html: String,
    compare_downloads: String,
    library: String,
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

/// What the page and its chart files are drawn from: the view the profile model builds for
/// the query, the records behind it, and the titles it uses.
struct Built<'a> {
    area: &'a Area,
    profile: Vec<&'a Area>,
    key: DimensionKey,
    as_of: Option<i32>,
    records: Vec<Record>,
    view: Document,
    ind_name: String,
    area_name: String,
    series_title: String,
    compare_title: String,
}

async fn built<'a>(st: &'a AppState, cache: &Cache, lang: Lang, ind: &'a Indicator, q: &IndicatorQuery) -> Result<Built<'a>, HttpError> {
    let g = cache.generation(st).await?;
    let datasets = g.datasets(st).await?;
    let fw = st.framework();
    let profile: Vec<&Area> = st.areas().profile_countries();
    let area: &Area = match q.area.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
        Some(a) => http::area(st, a)?,
        None => profile.first().copied().ok_or_else(|| HttpError::not_found("no profile country is defined"))?,
    };
    let key = parse_dims(st, ind, q.dims.as_deref())?;
    let as_of = parse_year(q.year.as_deref())?;
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
    // A projection's 80 % bounds, which the view draws as the band of its fan chart.
    if key.is_total() && ind.dimensions.iter().any(|d| d.as_str() == "VARIANT") {
        for bound in ["VARIANT=LO80", "VARIANT=HI80"] {
            if let Ok(k) = DimensionKey::parse(bound) {
                records.extend(st.store().records(&series_query(ind, vec![area.code.clone()], &k)).await?);
            }
        }
    }
    let mut ids = HashSet::new();
    records.retain(|r| ids.insert(r.id));
    let data = Data::new(&records, fw, st.areas(), &st.profile_template().prefer);
    let area_name = tr(&area.name, lang);
    let ind_name = tr(&ind.name, lang);
    let mut series_title = format!("{ind_name} — {area_name}");
    if !key.is_total() {
        series_title.push_str(&format!(" ({})", dims_label(fw, st, &key, lang)));
    }
    let compare_title = match as_of {
        None => ma(lang, "web-compare-title", &[("indicator", &ind_name)]),
        Some(y) => ma(lang, "compare-title-year", &[("indicator", &ind_name), ("year", &y.to_string())]),
    };
    // The view's figures are the profile model's; countries without a figure keep the
    // alphabetical order of the reader's language.
    let mut compare: Vec<&Area> = profile.clone();
    compare.sort_by_cached_key(|a| tr(&a.name, lang));
    let publisher = |ds: &mp_domain::DatasetId| {
        // The short name in the reader's language, as the documents cite it (`reader-source-*`);
        // the publisher's own name for a source without one (a national file).
        let short = format!("reader-source-{}", ds.source);
        if mp_i18n::has(lang, &short) {
            return Some(m(lang, &short));
        }
        datasets.iter().find(|d| d.source.code == ds.source && d.vintage == ds.vintage).map(|d| d.source.publisher.clone())
    };
    let labels = ViewLabels {
        series_title: Text::plain(series_title.clone()),
        compare_title: Text::plain(compare_title.clone()),
        publisher: &publisher,
    };
    let view = mp_profile::views::indicator_view(&data, ind, &area.code, &key, &compare, as_of, &labels);
    Ok(Built { area, profile, key, as_of, records, view, ind_name, area_name, series_title, compare_title })
}

async fn build(st: &AppState, cache: &Cache, lang: Lang, uri: &Uri, code: &str, q: IndicatorQuery) -> Result<String, HttpError> {
    let l = lang.code();
    let fw = st.framework();
    let ind = http::indicator(st, code)?;
    let Built { area, profile, key, as_of, records, view, ind_name, area_name, series_title, compare_title } =
        built(st, cache, lang, ind, &q).await?;
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
    // The years a comparison can be asked for: those with a figure for a profile country.
    let mut years: Vec<i32> = records
        .iter()
        .filter(|r| r.value.is_some() && r.dims.is_total() && r.status != mp_domain::ObsStatus::Forecast)
        .filter(|r| profile.iter().any(|a| a.code == r.area))
        .map(|r| r.period.end_year())
        .collect::<BTreeSet<i32>>()
        .into_iter()
        .rev()
        .collect();
    if let Some(y) = as_of
        && !years.contains(&y)
    {
        years.insert(0, y);
    }
    let mut year_opts: Vec<Opt> =
        years.iter().map(|y| Opt { value: y.to_string(), label: y.to_string(), selected: as_of == Some(*y) }).collect();
    year_opts.insert(0, Opt { value: String::new(), label: m(lang, "compare-latest"), selected: as_of.is_none() });
    let files = ChartFiles::new(st, lang, ind, &q);
    let (series_html, no_data) = series_html(&view, lang, &files);

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
                    Some(c) => format!("{} ({c})", tr(&s.name, lang)),
                    None => tr(&s.name, lang),
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
        year_label: m(lang, "compare-year"),
        years: year_opts,
        area_value: area.code.to_string(),
        dims_value: (!key.is_total()).then(|| key.to_string()),
        compare_html: section_blocks(&view, views::COMPARE)
            .unwrap_or_default()
            .iter()
            .map(|b| match b {
                Block::Chart(c) => chart_figure(&view, c, lang, &files),
                other => blocks_html(&view, std::slice::from_ref(other), lang, 2),
            })
            .collect::<Vec<_>>()
            .join("\n"),
        compare_downloads: DownloadLinks::new(lang, &base, &compare_q, &compare_title).html(),
        library: super::library::link_html(lang, "indicator", ind.code.as_str()),
    })
}

/// The blocks of one section of a view.
fn section_blocks<'a>(view: &'a Document, id: &str) -> Option<&'a [Block]> {
    view.sections.iter().find(|s| s.id == id).map(|s| s.blocks.as_slice())
}

/// The chosen country's series: the chart, then the same figures as a table, sources side by
/// side. `None` as the note when there are data.
fn series_html(view: &Document, lang: Lang, files: &ChartFiles) -> (String, Option<String>) {
    let blocks = section_blocks(view, views::SERIES).unwrap_or_default();
    if blocks.is_empty() {
        return (String::new(), Some(m(lang, "web-no-series")));
    }
    let html = blocks
        .iter()
        .map(|b| match b {
            Block::Chart(c) => chart_figure(view, c, lang, files),
            other => blocks_html(view, std::slice::from_ref(other), lang, 2),
        })
        .collect::<Vec<_>>()
        .join("\n");
    (html, None)
}

/// The series chart as a figure, its lines drawn across the years a source does not cover (its
/// own figures are in the open table right after it, so the figure has no table of its own).
fn chart_figure(doc: &Document, chart: &Chart, lang: Lang, files: &ChartFiles) -> String {
    let mut model = screen_model(doc, chart, lang);
    let title = model.detach_caption();
    let svg = mp_render::html::screen_drawings(&model, chart, lang, &title);
    let source = localize::source_line(&chart.sources, doc, lang);
    let src = if source.is_empty() { String::new() } else { format!("\n<p class=\"src\">{}</p>", esc(&source)) };
    format!(
        "<figure class=\"fig\" id=\"{}\">\n<figcaption>{}</figcaption>\n<div class=\"chart\">{svg}</div>{src}\n{}\n</figure>",
        chart.id,
        esc(&title),
        files.links(lang, &chart.id)
    )
}

/// A chart's drawing as the portal shows it: lines joined across the gaps of their own series.
fn screen_model(doc: &Document, chart: &Chart, lang: Lang) -> mp_chart::Chart {
    let mut model = localize::chart_model(chart, lang, doc);
    if let mp_chart::Chart::Line(l) = &mut model {
        for s in &mut l.series {
            bridge(&mut s.values);
        }
    }
    model
}

/// Where a page's charts can be downloaded as pictures: the indicator's chart address and the
/// page's query, so the file is the chart the reader sees.
struct ChartFiles {
    path: String,
    query: String,
    png: bool,
}

impl ChartFiles {
    fn new(st: &AppState, lang: Lang, ind: &Indicator, q: &IndicatorQuery) -> Self {
        let mut query = Vec::new();
        for (k, v) in [("area", &q.area), ("dims", &q.dims), ("year", &q.year)] {
            if let Some(v) = v.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
                query.push(format!("{k}={}", qv(v)));
            }
        }
        let query = if query.is_empty() { String::new() } else { format!("?{}", query.join("&amp;")) };
        ChartFiles { path: format!("/{}/indicator/{}/chart", lang.code(), qv(ind.code.as_str())), query, png: st.pictures().is_some() }
    }

    fn links(&self, lang: Lang, id: &str) -> String {
        let link = |ext: &str| format!("<a href=\"{}/{id}.{ext}{}\" download>{}</a>", self.path, self.query, ext.to_uppercase());
        let png = if self.png { format!(" {}", link("png")) } else { String::new() };
        format!("<p class=\"dl\">{} {}{png}</p>", esc(&m(lang, "chart-download")), link("svg"))
    }
}

/// `GET /{lang}/indicator/{code}/chart/{id}.{svg|png}?area=…&dims=…&year=…`: one chart of the
/// page as a picture file, drawn from the same view as the page.
pub(crate) async fn chart_file(
    State(st): State<AppState>,
    Extension(cache): Extension<Arc<Cache>>,
    PageLang(lang): PageLang,
    Path((_, code, file)): Path<(String, String, String)>,
    q: Result<Query<IndicatorQuery>, QueryRejection>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let file = match super::query(q) {
        Ok(q) => chart_bytes(&st, &cache, lang, &code, &file, q).await,
        Err(e) => Err(e),
    };
    match file {
        Ok(c) => c.respond(&headers),
        Err(e) => super::error_page(lang, &e, &uri),
    }
}

/// Width of a chart's PNG: sharp on a slide or a printed page.
const PNG_WIDTH: u32 = 1600;

async fn chart_bytes(
    st: &AppState,
    cache: &Cache,
    lang: Lang,
    code: &str,
    file: &str,
    q: IndicatorQuery,
) -> Result<http::Cached, HttpError> {
    let bad =
        || HttpError::bad_request(format!("unknown chart file `{}`: expected e.g. compare.svg or series.png", http::truncate(file, 60)));
    let (id, ext) = file.rsplit_once('.').ok_or_else(bad)?;
    if !matches!(ext, "svg" | "png") {
        return Err(bad());
    }
    let ind = http::indicator(st, code)?;
    let b = built(st, cache, lang, ind, &q).await?;
    let chart = b
        .view
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .find_map(|bl| match bl {
            Block::Chart(c) if c.id == id => Some(c),
            _ => None,
        })
        .ok_or_else(|| HttpError::not_found(format!("this page has no chart `{}` for this country and query", http::truncate(id, 40))))?;
    let svg = mp_render::html::chart_file_svg(&screen_model(&b.view, chart, lang), chart, lang);
    let name = format!("mprofile-{}-{}-{}-{}", ind.code, b.area.code, id, lang.code());
    Ok(match ext {
        "svg" => http::Cached::new("image/svg+xml; charset=utf-8", svg).download(&format!("{name}.svg")),
        _ => {
            let rasterise = st.pictures().ok_or_else(|| HttpError::not_found("this server offers charts as SVG only"))?;
            let png = rasterise(&svg, PNG_WIDTH).map_err(HttpError::internal)?;
            http::Cached::new("image/png", png).download(&format!("{name}.png"))
        }
    })
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
