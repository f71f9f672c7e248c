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
    // The view's figures are the profile model's; countries without a figure keep the
    // alphabetical order of the reader's language.
    let mut compare: Vec<&Area> = profile.clone();
    compare.sort_by_cached_key(|a| tr(&a.name, lang));
    let publisher = |ds: &mp_domain::DatasetId| {
        datasets.iter().find(|d| d.source.code == ds.source && d.vintage == ds.vintage).map(|d| d.source.publisher.clone())
    };
    let labels = ViewLabels {
        series_title: Text::plain(series_title.clone()),
        compare_title: Text::plain(compare_title.clone()),
        publisher: &publisher,
    };
    let view = mp_profile::views::indicator_view(&data, ind, &area.code, &key, &compare, &labels);
    let (series_html, no_data) = series_html(&view, lang);

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
        compare_html: section_blocks(&view, views::COMPARE).map(|b| blocks_html(&view, b, lang, 2)).unwrap_or_default(),
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
fn series_html(view: &Document, lang: Lang) -> (String, Option<String>) {
    let blocks = section_blocks(view, views::SERIES).unwrap_or_default();
    if blocks.is_empty() {
        return (String::new(), Some(m(lang, "web-no-series")));
    }
    let html = blocks
        .iter()
        .map(|b| match b {
            Block::Chart(c) => chart_figure(view, c, lang),
            other => blocks_html(view, std::slice::from_ref(other), lang, 2),
        })
        .collect::<Vec<_>>()
        .join("\n");
    (html, None)
}

/// The series chart as a figure, its lines drawn across the years a source does not cover (its
/// own figures are in the open table right after it, so the figure has no table of its own).
fn chart_figure(doc: &Document, chart: &Chart, lang: Lang) -> String {
    let mut model = localize::chart_model(chart, lang, doc);
    if let mp_chart::Chart::Line(l) = &mut model {
        for s in &mut l.series {
            bridge(&mut s.values);
        }
    }
    let title = model.detach_caption();
    let svg = mp_render::html::screen_drawings(&model, chart, lang, &title);
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
