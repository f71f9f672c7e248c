//! The home page: the profile countries with their latest key figures, the themes, and what the
//! last imports brought.

use super::{Chrome, PageLang, Section, m, render, respond, tr};
use crate::http::HttpError;
use crate::state::AppState;
use askama::Template;
use axum::Extension;
use axum::extract::State;
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use mp_domain::{IndicatorCode, Lang};
use mp_profile::{Block, Document, KeyFigure, Section as DocSection};
use mp_render::localize;
use std::sync::Arc;

/// The key figures shown for each country, in order.
pub(crate) const HOME_FIGURES: [&str; 4] = ["DEV.POP", "IMM.STOCK", "EMI.STOCK", "REM.IN"];

struct Figure {
    label: String,
    value: String,
    period: String,
}

struct CountryCard {
    href: String,
    name: String,
    figures: Vec<Figure>,
    /// The country's document is still being built: the card says so instead of its figures.
    pending: bool,
}

struct ThemeLink {
    href: String,
    name: String,
    count: String,
}

struct NewsItem {
    text: String,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomeT {
    chrome: Chrome,
    heading: String,
    intro: String,
    countries_label: String,
    countries: Vec<CountryCard>,
    no_figure: String,
    pending: String,
    themes_label: String,
    themes: Vec<ThemeLink>,
    regional_href: String,
    regional_label: String,
    news_label: String,
    batches_label: String,
    batches: Vec<NewsItem>,
    datasets_label: String,
    datasets: Vec<(String, String)>,
    no_data: String,
}

/// The key figures of a document (the first key-figure block, wherever it is).
pub(crate) fn key_figures(doc: &Document) -> Vec<&KeyFigure> {
    fn walk(s: &[DocSection]) -> Option<&Vec<KeyFigure>> {
        s.iter().find_map(|s| {
            s.blocks.iter().find_map(|b| if let Block::KeyFigures(k) = b { Some(k) } else { None }).or_else(|| walk(&s.children))
        })
    }
    walk(&doc.sections).map(|k| k.iter().collect()).unwrap_or_default()
}

/// `GET /{lang}/`
pub(crate) async fn page(
    State(st): State<AppState>,
    Extension(cache): Extension<Arc<super::Cache>>,
    PageLang(lang): PageLang,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let page = async {
        let g = cache.generation(&st).await?;
        g.page_when_complete(uri.to_string(), || build(&st, &cache, lang, &uri)).await
    };
    respond(lang, &uri, &headers, page.await)
}

/// The page, and whether it shows every country's figures (a server still warming its cache
/// marks the countries whose documents are not ready as being prepared, so that its first
/// reader does not wait for ten).
async fn build(st: &AppState, cache: &super::Cache, lang: Lang, uri: &Uri) -> Result<(String, bool), HttpError> {
    let l = lang.code();
    let g = cache.generation(st).await?;
    let fw = st.framework();
    let profile = st.areas().profile_countries();
    let mut docs = vec![None; profile.len()];
    if cache.ready_only() {
        for (i, a) in profile.iter().enumerate() {
            docs[i] = g.ready_document(st, &a.code).await?;
            if docs[i].is_none() {
                // Queued for the warm-up (a no-op if it is on its way already, and how a country
                // whose narrative changed since gets built for the next reader).
                g.want(&a.code);
            }
        }
    } else {
        // Ten documents: built side by side the first time after an import (the store answers
        // several queries at once), then read from the cache.
        let mut tasks = tokio::task::JoinSet::new();
        for (i, a) in profile.iter().enumerate() {
            let (g, st, code) = (g.clone(), st.clone(), a.code.clone());
            tasks.spawn(async move { (i, g.document(&st, &code, None).await) });
        }
        while let Some(done) = tasks.join_next().await {
            let (i, doc) = done.map_err(HttpError::internal)?;
            docs[i] = Some(doc?);
        }
    }
    let complete = docs.iter().all(Option::is_some);
    let mut countries = Vec::new();
    for (a, doc) in profile.iter().zip(docs) {
        let href = format!("/{l}/country/{}", a.code);
        let Some(doc) = doc else {
            countries.push(CountryCard { href, name: tr(&a.name, lang), figures: Vec::new(), pending: true });
            continue;
        };
        let kfs = key_figures(&doc);
        let figures = HOME_FIGURES
            .iter()
            .filter_map(|code| {
                let code = IndicatorCode::parse(code).ok()?;
                let label = fw.indicator(&code).map(|i| tr(&i.name, lang)).unwrap_or_else(|| code.to_string());
                let (value, period) = match kfs.iter().find(|k| k.indicator == code) {
                    Some(k) => (localize::key_value(&k.value, lang), localize::period(&k.period, lang)),
                    None => (String::new(), String::new()),
                };
                Some(Figure { label, value, period })
            })
            .collect();
        countries.push(CountryCard { href, name: tr(&a.name, lang), figures, pending: false });
    }
    countries.sort_by_cached_key(|c| mp_text::fold(&c.name));
    let themes: Vec<ThemeLink> = fw
        .themes
        .iter()
        .map(|t| ThemeLink {
            href: format!("/{l}/theme/{}", t.code),
            name: tr(&t.name, lang),
            count: mp_i18n::t(lang, "web-indicators-n", &[("count", mp_i18n::Arg::Count(fw.indicators_of(&t.code).count() as i64))]),
        })
        .collect();
    let batches = g
        .batches()
        .iter()
        .rev()
        .filter(|b| b.status == "complete")
        .take(5)
        .map(|b| {
            let when = b.finished_at.as_deref().unwrap_or(&b.started_at);
            let date = localize::date(when.get(..10).unwrap_or(when), lang);
            NewsItem {
                text: mp_i18n::t(
                    lang,
                    "web-batch",
                    &[
                        ("date", mp_i18n::Arg::text(date)),
                        ("added", mp_i18n::Arg::Count(b.added as i64)),
                        ("changed", mp_i18n::Arg::Count(b.changed as i64)),
                    ],
                ),
            }
        })
        .collect();
    let mut ds: Vec<_> = g.datasets(st).await?.iter().cloned().collect();
    ds.sort_by_key(|d| std::cmp::Reverse(d.id));
    let datasets = ds
        .iter()
        .take(6)
        .map(|d| {
            let text = mp_i18n::t(
                lang,
                "web-dataset-line",
                &[
                    ("source", mp_i18n::Arg::text(d.source.name.clone())),
                    ("vintage", mp_i18n::Arg::text(d.vintage.clone())),
                    ("count", mp_i18n::Arg::Count(d.observations as i64)),
                ],
            );
            (format!("/{l}/sources#{}", super::sources::anchor(&d.source.code)), text)
        })
        .collect();
    let heading = m(lang, "site-title");
    let page = render(&HomeT {
        chrome: Chrome::new(lang, uri, &heading, Section::Home),
        heading,
        intro: m(lang, "web-home-intro"),
        countries_label: m(lang, "country-profiles"),
        countries,
        no_figure: m(lang, "no-data-label"),
        pending: m(lang, "warmup-pending"),
        themes_label: m(lang, "themes"),
        themes,
        regional_href: format!("/{l}/regional"),
        regional_label: m(lang, "regional-comparison"),
        news_label: m(lang, "web-whats-new"),
        batches_label: m(lang, "web-latest-imports"),
        batches,
        datasets_label: m(lang, "web-latest-datasets"),
        datasets,
        no_data: m(lang, "web-no-imports"),
    })?;
    Ok((page, complete))
}
