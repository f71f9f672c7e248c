//! Data quality pages: one per profile country (`/{lang}/quality/{ISO3}`: the quality section of
//! its profile — scores, conflicts between sources, mirror gaps, advice —, the gaps of its data
//! and the flags raised on its figures) and the regional one (`/{lang}/quality`: coverage of
//! each theme by country, the quality scores of the countries side by side, and the composite
//! score of each data source for each country).
//!
//! The quality section and the gaps are read from each country's own document, so the page
//! cannot disagree with the published profile; the flags are the store's, as reviewers see them.

use super::{Cache, Chrome, PageLang, Section, blocks_html, m, ma, render, respond, tr};
use crate::http::{self, HttpError};
use crate::state::AppState;
use askama::Template;
use axum::Extension;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use mp_domain::{Area, Lang};
use mp_profile::{Block, Section as DocSection};
use std::sync::Arc;

/// Whether a block of a country's document belongs to its quality section.
fn is_quality(b: &Block) -> bool {
    use mp_profile::Text;
    let quality_msg = |t: &Text| matches!(t, Text::Msg { id, .. } if id.starts_with("quality-"));
    match b {
        Block::Chart(c) => c.id.starts_with("chart-quality-"),
        Block::Table(t) => t.id.starts_with("table-quality-"),
        Block::Paragraph(p) => p.first().is_some_and(quality_msg),
        Block::Note(t) => quality_msg(t),
        _ => false,
    }
}

fn quality_blocks(sections: &[DocSection], out: &mut Vec<Block>) {
    for s in sections {
        out.extend(s.blocks.iter().filter(|b| is_quality(b)).cloned());
        quality_blocks(&s.children, out);
    }
}

/// Flags listed on a page, at most (the API lists them all): the page must stay small.
const MAX_FLAGS: usize = 60;

struct GapRow {
    href: String,
    code: String,
    name: String,
    theme: String,
    last: String,
}

struct FlagRow {
    figure: String,
    value: String,
    check: String,
    expected: String,
    review: String,
}

#[derive(Template)]
#[template(path = "quality.html")]
struct CountryQualityT {
    chrome: Chrome,
    heading: String,
    lead: String,
    section: String,
    gaps_label: String,
    gaps_note: String,
    gaps: Vec<GapRow>,
    col_indicator: String,
    col_theme: String,
    col_last: String,
    flags_label: String,
    flags_note: String,
    flags: Vec<FlagRow>,
    more: Option<String>,
    no_flags: String,
    col_figure: String,
    col_value: String,
    col_check: String,
    col_expected: String,
    col_review: String,
    regional_href: String,
    regional_label: String,
    profile_href: String,
    profile_label: String,
}

/// `GET /{lang}/quality/{iso3}`
pub(crate) async fn country(
    State(st): State<AppState>,
    Extension(cache): Extension<Arc<Cache>>,
    PageLang(lang): PageLang,
    Path((_, iso3)): Path<(String, String)>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    respond(lang, &uri, &headers, country_page(&st, &cache, lang, &uri, &iso3).await)
}

/// The page from the page cache, keyed also by the state of the country's flags: reviewers mark
/// them "checked, correct" without an import.
async fn country_page(st: &AppState, cache: &Cache, lang: Lang, uri: &Uri, iso3: &str) -> Result<axum::body::Bytes, HttpError> {
    let area: &Area = http::profile_country(st, iso3)?;
    let flags = st.store().quality_flags(Some(area.code.as_str())).await?;
    let reviewed = flags.iter().filter_map(|f| f.reviewed_at.as_deref()).max().unwrap_or_default();
    let key = format!("{uri}\n{}\n{}\n{reviewed}", flags.len(), flags.iter().filter(|f| f.review_status.is_some()).count());
    cache.generation(st).await?.page(key, || build_country(st, cache, lang, uri, iso3)).await
}

async fn build_country(st: &AppState, cache: &Cache, lang: Lang, uri: &Uri, iso3: &str) -> Result<String, HttpError> {
    let l = lang.code();
    let area: &Area = http::profile_country(st, iso3)?;
    let name = tr(&area.name, lang);
    let g = cache.generation(st).await?;
    let doc = g.document(st, &area.code, None).await?;
    let mut blocks = Vec::new();
    quality_blocks(&doc.sections, &mut blocks);
    let section = blocks_html(&doc, &blocks, lang, 2);
    let fw = st.framework();
    let gaps = doc
        .gaps
        .iter()
        .map(|gap| GapRow {
            href: format!("/{l}/indicator/{}?area={}", gap.indicator, area.code),
            code: gap.indicator.to_string(),
            name: mp_render::localize::text(&gap.name, lang),
            theme: fw.theme(&gap.theme).map(|t| tr(&t.name, lang)).unwrap_or_else(|| gap.theme.to_string()),
            last: gap.last_year.map(|y| y.to_string()).unwrap_or_else(|| m(lang, "no-data")),
        })
        .collect();
    let mut stored = st.store().quality_flags(Some(area.code.as_str())).await?;
    // The rules' warnings first, then the outliers; those not yet reviewed before the others.
    stored.sort_by_key(|f| (f.severity == mp_service::quality::OUTLIER, f.review_status.is_some()));
    let total = stored.len();
    let flags: Vec<FlagRow> = stored
        .into_iter()
        .take(MAX_FLAGS)
        .map(|f| FlagRow {
            figure: format!(
                "{} {} {}{}",
                f.indicator,
                f.period,
                f.source,
                if f.dims.is_empty() { String::new() } else { format!(" [{}]", f.dims) }
            ),
            value: f.value.map(|v| mp_i18n::format_number(v, if v.fract() == 0.0 { 0 } else { 2 }, lang)).unwrap_or_default(),
            check: f.rule,
            expected: f.expected,
            review: match (f.review_status.as_deref(), f.review_reason) {
                (Some(mp_store::CHECKED_CORRECT), Some(r)) => ma(lang, "quality-web-checked", &[("reason", &r)]),
                _ => m(lang, "quality-web-to-review"),
            },
        })
        .collect();
    let more = (total > flags.len()).then(|| {
        ma(
            lang,
            "quality-web-more-flags",
            &[
                ("shown", &flags.len().to_string()),
                ("total", &total.to_string()),
                ("href", &format!("/api/v1/quality/flags?area={}", area.code)),
            ],
        )
    });
    let heading = ma(lang, "quality-web-country-title", &[("country", &name)]);
    render(&CountryQualityT {
        more,
        chrome: Chrome::new(lang, uri, &heading, Section::Quality),
        heading,
        lead: m(lang, "quality-web-country-lead"),
        section,
        gaps_label: m(lang, "quality-web-gaps"),
        gaps_note: m(lang, "quality-web-gaps-note"),
        gaps,
        col_indicator: m(lang, "col-indicator"),
        col_theme: m(lang, "col-theme"),
        col_last: m(lang, "col-last-year"),
        flags_label: m(lang, "quality-web-flags"),
        flags_note: m(lang, "quality-web-flags-note"),
        flags,
        no_flags: m(lang, "quality-web-no-flags"),
        col_figure: m(lang, "quality-web-col-figure"),
        col_value: m(lang, "col-value"),
        col_check: m(lang, "quality-web-col-check"),
        col_expected: m(lang, "quality-web-col-expected"),
        col_review: m(lang, "quality-web-col-review"),
        regional_href: format!("/{l}/quality"),
        regional_label: m(lang, "quality-web-regional-title"),
        profile_href: format!("/{l}/country/{}", area.code),
        profile_label: ma(lang, "quality-web-profile-link", &[("country", &name)]),
    })
}

struct Col {
    code: String,
    name: String,
    href: String,
}

struct GridRow {
    name: String,
    cells: Vec<Option<String>>,
}

#[derive(Template)]
#[template(path = "quality_regional.html")]
struct RegionalQualityT {
    chrome: Chrome,
    heading: String,
    lead: String,
    coverage_label: String,
    coverage_note: String,
    scores_label: String,
    scores_note: String,
    theme_label: String,
    dimension_label: String,
    cols: Vec<Col>,
    coverage: Vec<GridRow>,
    scores: Vec<GridRow>,
    by_source_label: String,
    by_source_note: String,
    source_label: String,
    by_source: Vec<GridRow>,
    missing: String,
}

/// `GET /{lang}/quality`
pub(crate) async fn regional(
    State(st): State<AppState>,
    Extension(cache): Extension<Arc<Cache>>,
    PageLang(lang): PageLang,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let page = super::cached(&st, &cache, &uri, || build_regional(&st, &cache, lang, &uri));
    respond(lang, &uri, &headers, page.await)
}

async fn build_regional(st: &AppState, cache: &Cache, lang: Lang, uri: &Uri) -> Result<String, HttpError> {
    let l = lang.code();
    let fw = st.framework();
    let g = cache.generation(st).await?;
    let mut countries = st.areas().profile_countries();
    countries.sort_by_cached_key(|a| mp_text::fold(a.name.get(lang)));
    // Coverage as each country's own document computed it (the one computation the indicator
    // tables, the gap annex and the theme pages read).
    let mut docs = Vec::with_capacity(countries.len());
    for a in &countries {
        docs.push(g.document(st, &a.code, None).await?);
    }
    let coverage = fw
        .themes
        .iter()
        .map(|t| GridRow {
            name: tr(&t.name, lang),
            cells: docs
                .iter()
                .map(|d| {
                    let of_theme: Vec<_> = d.coverage.iter().filter(|e| e.theme == t.code).collect();
                    let have = of_theme.iter().filter(|e| !e.gap).count();
                    (!of_theme.is_empty()).then(|| format!("{have}/{}", of_theme.len()))
                })
                .collect(),
        })
        .collect();
    let codes: Vec<mp_domain::AreaCode> = countries.iter().map(|a| a.code.clone()).collect();
    let scores = mp_service::quality::scores(st.store(), &codes).await.map_err(HttpError::from)?;
    let dims = mp_domain::DimensionId::parse("DQA_DIMENSION").ok().and_then(|d| fw.codelist_of(&d));
    let mut rows = Vec::new();
    if let Some(cl) = dims {
        for code in cl.codes.iter().filter(|c| c.id.as_str() != "_T").chain(cl.codes.iter().filter(|c| c.id.as_str() == "_T")) {
            let want = (code.id.as_str() != "_T").then(|| code.id.to_string());
            let cells: Vec<Option<String>> = countries
                .iter()
                .map(|a| {
                    scores
                        .iter()
                        .find(|s| s.area == a.code.to_string() && s.source_type.is_none() && s.source.is_none() && s.dimension == want)
                        .map(|s| mp_i18n::format_number(s.score, 1, lang))
                })
                .collect();
            if cells.iter().any(Option::is_some) {
                rows.push(GridRow { name: tr(&code.name, lang), cells });
            }
        }
    }
    // The composite of each data source, country by country (sources by name).
    let src_cl = mp_domain::DimensionId::parse("ASSESSED_SOURCE").ok().and_then(|d| fw.codelist_of(&d));
    let mut sources: Vec<(String, String)> = scores
        .iter()
        .filter(|s| s.dimension.is_none() && s.source_type.is_none())
        .filter_map(|s| s.source.clone())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .map(|c| {
            let name = src_cl.and_then(|l| l.code(&c)).map(|x| tr(&x.name, lang)).unwrap_or_else(|| c.clone());
            (c, name)
        })
        .collect();
    sources.sort_by_cached_key(|(_, n)| mp_text::fold(n));
    let by_source = sources
        .into_iter()
        .map(|(code, name)| GridRow {
            name,
            cells: countries
                .iter()
                .map(|a| {
                    scores
                        .iter()
                        .find(|s| {
                            s.area == a.code.as_str()
                                && s.source.as_deref() == Some(code.as_str())
                                && s.dimension.is_none()
                                && s.source_type.is_none()
                        })
                        .map(|s| mp_i18n::format_number(s.score, 1, lang))
                })
                .collect(),
        })
        .collect();
    let heading = m(lang, "quality-web-regional-title");
    render(&RegionalQualityT {
        by_source,
        by_source_label: m(lang, "srcq-web-by-source"),
        by_source_note: m(lang, "srcq-web-by-source-note"),
        source_label: m(lang, "srcq-col-source"),
        chrome: Chrome::new(lang, uri, &heading, Section::Quality),
        heading,
        lead: m(lang, "quality-web-regional-lead"),
        coverage_label: m(lang, "quality-web-coverage"),
        coverage_note: m(lang, "quality-web-coverage-note"),
        scores_label: m(lang, "quality-web-scores"),
        scores_note: m(lang, "quality-web-scores-note"),
        theme_label: m(lang, "col-theme"),
        dimension_label: m(lang, "quality-col-dimension"),
        cols: countries
            .iter()
            .map(|a| Col { code: a.code.to_string(), name: tr(&a.name, lang), href: format!("/{l}/quality/{}", a.code) })
            .collect(),
        coverage,
        scores: rows,
        missing: m(lang, "no-data-label"),
    })
}
