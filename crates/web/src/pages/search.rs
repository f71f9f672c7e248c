//! Search across countries, themes, indicators (code, names and definitions in the three
//! languages) and sources: plain substring matching on the server, accents and case ignored,
//! every word of the query required. A few hundred items: no index needed.

use super::{Cache, Chrome, PageLang, Section, m, render, respond, tr};
use crate::http::{HttpError, truncate};
use crate::state::AppState;
use askama::Template;
use axum::Extension;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use mp_domain::{I18nText, Lang};
use mp_text::fold;
use serde::Deserialize;
use std::sync::Arc;

/// Longest query kept, in characters.
const MAX_QUERY: usize = 100;
/// Most indicators listed.
const MAX_INDICATORS: usize = 60;

/// Query of the search page.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct SearchQuery {
    q: Option<String>,
}

struct Hit {
    href: String,
    title: String,
    detail: String,
}

struct Group {
    label: String,
    hits: Vec<Hit>,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchT {
    chrome: Chrome,
    heading: String,
    summary: String,
    groups: Vec<Group>,
}

/// `GET /{lang}/search?q=`
pub(crate) async fn page(
    State(st): State<AppState>,
    Extension(cache): Extension<Arc<Cache>>,
    PageLang(lang): PageLang,
    q: Result<Query<SearchQuery>, QueryRejection>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let page = match super::query(q) {
        Ok(q) => super::cached(&st, &cache, &uri, || build(&st, &cache, lang, &uri, q.q.as_deref().unwrap_or(""))).await,
        Err(e) => Err(e),
    };
    respond(lang, &uri, &headers, page)
}

/// Whether every word of the folded query is in one of the texts.
fn matches(words: &[String], texts: &[&str]) -> bool {
    let hay: String = texts.iter().map(|t| fold(t)).collect::<Vec<_>>().join(" \u{1f} ");
    words.iter().all(|w| hay.contains(w.as_str()))
}

fn all3(t: &I18nText) -> [&str; 3] {
    [&t.en, &t.fr, &t.pt]
}

async fn build(st: &AppState, cache: &Cache, lang: Lang, uri: &Uri, raw: &str) -> Result<String, HttpError> {
    let l = lang.code();
    let query = truncate(raw.trim(), MAX_QUERY).trim_end_matches('…').to_string();
    let words: Vec<String> = fold(&query).split_whitespace().map(str::to_string).collect();
    let fw = st.framework();
    let mut groups = Vec::new();
    if !words.is_empty() {
        let countries: Vec<Hit> = st
            .areas()
            .profile_countries()
            .iter()
            .filter(|a| matches(&words, &[a.code.as_str(), &a.name.en, &a.name.fr, &a.name.pt]))
            .map(|a| Hit { href: format!("/{l}/country/{}", a.code), title: tr(&a.name, lang), detail: m(lang, "web-country-profile") })
            .collect();
        let themes: Vec<Hit> = fw
            .themes
            .iter()
            .filter(|t| {
                let mut texts = vec![t.code.as_str()];
                texts.extend(all3(&t.name));
                texts.extend(all3(&t.description));
                matches(&words, &texts)
            })
            .map(|t| Hit { href: format!("/{l}/theme/{}", t.code), title: tr(&t.name, lang), detail: tr(&t.description, lang) })
            .collect();
        // Indicators whose code or name matches come before those matched by their definition.
        let mut indicators: Vec<(bool, Hit)> = fw
            .indicators
            .iter()
            .filter_map(|i| {
                let mut names = vec![i.code.as_str()];
                names.extend(all3(&i.name));
                let by_name = matches(&words, &names);
                let mut all = names.clone();
                all.extend(all3(&i.definition));
                (by_name || matches(&words, &all)).then(|| {
                    (
                        by_name,
                        Hit {
                            href: format!("/{l}/indicator/{}", i.code),
                            title: tr(&i.name, lang),
                            detail: format!("{} · {}", i.code, tr(&i.definition, lang)),
                        },
                    )
                })
            })
            .collect();
        indicators.sort_by_key(|(by_name, _)| !*by_name);
        let g = cache.generation(st).await?;
        let mut seen = Vec::new();
        let sources: Vec<Hit> = g
            .datasets(st)
            .await?
            .iter()
            .filter(|d| matches(&words, &[&d.source.code, &d.source.name, &d.source.publisher]))
            .filter(|d| {
                let fresh = !seen.contains(&d.source.code);
                seen.push(d.source.code.clone());
                fresh
            })
            .map(|d| Hit {
                href: format!("/{l}/sources#{}", super::sources::anchor(&d.source.code)),
                title: d.source.name.clone(),
                detail: d.source.publisher.clone(),
            })
            .collect();
        let total = indicators.len();
        for (id, hits) in [
            ("country-profiles", countries),
            ("themes", themes),
            ("indicators", indicators.into_iter().take(MAX_INDICATORS).map(|(_, h)| h).collect()),
            ("sources", sources),
        ] {
            if !hits.is_empty() {
                let mut label = m(lang, id);
                if id == "indicators" && total > MAX_INDICATORS {
                    label = super::ma(
                        lang,
                        "web-first-of",
                        &[("label", &label), ("shown", &MAX_INDICATORS.to_string()), ("total", &total.to_string())],
                    );
                }
                groups.push(Group { label, hits });
            }
        }
    }
    let count: usize = groups.iter().map(|g| g.hits.len()).sum();
    let summary = if words.is_empty() {
        m(lang, "web-search-hint")
    } else if count == 0 {
        super::ma(lang, "search-no-results", &[("query", &query)])
    } else {
        mp_i18n::t(
            lang,
            "web-search-results",
            &[("count", mp_i18n::Arg::Count(count as i64)), ("query", mp_i18n::Arg::text(query.clone()))],
        )
    };
    let heading = m(lang, "search");
    render(&SearchT { chrome: Chrome::new(lang, uri, &heading, Section::Search).with_query(&query), heading, summary, groups })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_and_case_are_ignored_and_every_word_counts() {
        let w = |q: &str| fold(q).split_whitespace().map(str::to_string).collect::<Vec<_>>();
        assert!(matches(&w("senegal"), &["Sénégal"]));
        assert!(matches(&w("COTE d’ivoire"), &["Côte d'Ivoire"]));
        assert!(matches(&w("stock migrants"), &["Stock de migrants internationaux"]));
        assert!(!matches(&w("stock refugies"), &["Stock de migrants internationaux"]));
        assert!(matches(&w("réfugiés"), &["Refugees", "Réfugiés"]));
    }
}
