//! A theme: its indicators and, for each profile country, the latest year with data or a dash,
//! so gaps show at a glance.

use super::{Cache, Chrome, PageLang, Section, m, render, respond, tr};
use crate::http::{HttpError, truncate};
use crate::state::AppState;
use askama::Template;
use axum::Extension;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use mp_domain::{Lang, ThemeCode};
use std::sync::Arc;

struct Col {
    code: String,
    name: String,
}

struct Row {
    href: String,
    code: String,
    name: String,
    cells: Vec<Option<i32>>,
}

#[derive(Template)]
#[template(path = "theme.html")]
struct ThemeT {
    chrome: Chrome,
    heading: String,
    description: String,
    coverage_label: String,
    coverage_note: String,
    indicator_label: String,
    cols: Vec<Col>,
    rows: Vec<Row>,
    missing: String,
    library: String,
}

/// `GET /{lang}/theme/{code}`
pub(crate) async fn page(
    State(st): State<AppState>,
    Extension(cache): Extension<Arc<Cache>>,
    PageLang(lang): PageLang,
    Path((_, code)): Path<(String, String)>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    respond(lang, &uri, &headers, super::cached(&st, &cache, &uri, || build(&st, &cache, lang, &uri, &code)).await)
}

async fn build(st: &AppState, cache: &Cache, lang: Lang, uri: &Uri, code: &str) -> Result<String, HttpError> {
    let l = lang.code();
    let fw = st.framework();
    let unknown = || HttpError::not_found(format!("unknown theme `{}`: expected T01 to T{:02}", truncate(code, 20), fw.themes.len()));
    let tc = ThemeCode::parse(&code.trim().to_ascii_uppercase()).map_err(|_| unknown())?;
    let theme = fw.theme(&tc).ok_or_else(unknown)?;
    let g = cache.generation(st).await?;
    let mut countries = st.areas().profile_countries();
    countries.sort_by_cached_key(|a| mp_text::fold(a.name.get(lang)));
    // The coverage each country's own document computed, so the grid shows what its indicator
    // tables and data-gap annex show.
    let mut docs = Vec::with_capacity(countries.len());
    for a in &countries {
        docs.push(g.document(st, &a.code, None).await?);
    }
    let rows = fw
        .indicators_of(&tc)
        .map(|ind| Row {
            href: format!("/{l}/indicator/{}", ind.code),
            code: ind.code.to_string(),
            name: tr(&ind.name, lang),
            cells: docs.iter().map(|d| d.coverage.iter().find(|e| e.indicator == ind.code).and_then(|e| e.last_year())).collect(),
        })
        .collect();
    let heading = tr(&theme.name, lang);
    render(&ThemeT {
        chrome: Chrome::new(lang, uri, &heading, Section::Themes),
        heading,
        description: tr(&theme.description, lang),
        coverage_label: m(lang, "web-coverage"),
        coverage_note: m(lang, "web-coverage-note"),
        indicator_label: m(lang, "col-indicator"),
        cols: countries.iter().map(|a| Col { code: a.code.to_string(), name: tr(&a.name, lang) }).collect(),
        rows,
        missing: m(lang, "no-data-label"),
        library: super::library::link_html(lang, "theme", tc.as_str()),
    })
}
