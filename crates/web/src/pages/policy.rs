//! The governance half of a profile on the portal: a country's policy page (instruments and
//! their status, the coherence view, ECOWAS free movement, institutions), its programmes page
//! (the projects of international agencies), and the regional comparison of the ten countries.
//! The blocks are the profile document's own (`mp_profile::registry_coherence::governance_part`
//! picks them), so a page and the published profile cannot disagree.

use super::{Cache, Chrome, PageLang, Section, m, ma, render, respond, tr};
use crate::http::{self, HttpError};
use crate::state::AppState;
use askama::Template;
use axum::Extension;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use mp_domain::Lang;
use mp_profile::registry_coherence::{GovernancePart, governance_part};
use mp_profile::{Block, Document, Section as DocSection};
use std::sync::Arc;

struct Link {
    href: String,
    label: String,
}

struct SourceItem {
    number: usize,
    name: String,
}

struct DownloadRow {
    label: String,
    csv: String,
    xlsx: String,
    json: String,
}

#[derive(Template)]
#[template(path = "policy.html")]
struct PolicyT {
    chrome: Chrome,
    heading: String,
    intro: String,
    links: Vec<Link>,
    sections: Vec<String>,
    sources_label: String,
    sources: Vec<SourceItem>,
    downloads_label: String,
    downloads: Vec<DownloadRow>,
}

/// The sections of `sections` that hold blocks of `parts`, each keeping only those blocks and
/// the Technical Working Group's narrative beside them.
pub(crate) fn pick(sections: &[DocSection], parts: &[GovernancePart]) -> Vec<DocSection> {
    let mut out = Vec::new();
    for s in sections {
        let own: Vec<Block> = s.blocks.iter().filter(|b| governance_part(b).is_some_and(|p| parts.contains(&p))).cloned().collect();
        let children = pick(&s.children, parts);
        if own.is_empty() && children.is_empty() {
            continue;
        }
        let blocks = if own.is_empty() {
            own
        } else {
            s.blocks
                .iter()
                .filter(|b| matches!(b, Block::Narrative(_)) || governance_part(b).is_some_and(|p| parts.contains(&p)))
                .cloned()
                .collect()
        };
        out.push(DocSection { blocks, children, ..s.clone() });
    }
    out
}

/// The sources the picked tables cite, numbered as in the document.
fn cited(doc: &Document, sections: &[DocSection], lang: Lang) -> Vec<SourceItem> {
    fn walk(s: &[DocSection], out: &mut Vec<usize>) {
        for s in s {
            for b in &s.blocks {
                if let Block::Table(t) = b {
                    out.extend(t.sources.iter().copied());
                }
            }
            walk(&s.children, out);
        }
    }
    let mut idx = Vec::new();
    walk(sections, &mut idx);
    idx.sort_unstable();
    idx.dedup();
    idx.into_iter()
        .filter_map(|i| doc.sources.get(i).map(|e| SourceItem { number: i + 1, name: mp_render::localize::source_name(e, lang) }))
        .collect()
}

fn downloads(lang: Lang, country: Option<&str>) -> Vec<DownloadRow> {
    let q = country.map(|c| format!("country={c}&")).unwrap_or_default();
    [("instruments", "web-registry-instruments"), ("institutions", "web-registry-institutions"), ("projects", "web-registry-projects")]
        .into_iter()
        .map(|(kind, id)| {
            let base = format!("/api/v1/registry/{kind}");
            DownloadRow {
                label: m(lang, id),
                csv: format!("{base}?{q}format=csv"),
                xlsx: format!("{base}?{q}format=xlsx"),
                json: if q.is_empty() { base.clone() } else { format!("{base}?{}", q.trim_end_matches('&')) },
            }
        })
        .collect()
}

/// `GET /{lang}/policy/{iso3}`
pub(crate) async fn policy(
    State(st): State<AppState>,
    Extension(cache): Extension<Arc<Cache>>,
    PageLang(lang): PageLang,
    Path((_, iso3)): Path<(String, String)>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    respond(lang, &uri, &headers, country_page(&st, &cache, lang, &uri, &iso3, GovernancePart::Policy).await)
}

/// `GET /{lang}/programmes/{iso3}`
pub(crate) async fn programmes(
    State(st): State<AppState>,
    Extension(cache): Extension<Arc<Cache>>,
    PageLang(lang): PageLang,
    Path((_, iso3)): Path<(String, String)>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    respond(lang, &uri, &headers, country_page(&st, &cache, lang, &uri, &iso3, GovernancePart::Programmes).await)
}

/// The page from the page cache, keyed also by the live narrative (it shows C.1–C.3's text).
async fn country_page(st: &AppState, cache: &Cache, lang: Lang, uri: &Uri, iso3: &str, part: GovernancePart) -> Result<Bytes, HttpError> {
    let area = http::profile_country(st, iso3)?;
    let narrative = super::cache::narrative_key(st, &area.code).await?;
    let key = format!("{uri}\n{}", hex::encode(narrative));
    cache.generation(st).await?.page(key, || build_country(st, cache, lang, uri, iso3, part)).await
}

async fn build_country(st: &AppState, cache: &Cache, lang: Lang, uri: &Uri, iso3: &str, part: GovernancePart) -> Result<String, HttpError> {
    let l = lang.code();
    let area = http::profile_country(st, iso3)?;
    let doc = cache.generation(st).await?.document(st, &area.code, None).await?;
    let f = mp_render::Fragments::new(&doc, lang);
    let picked = pick(&doc.sections, &[part]);
    let name = tr(&area.name, lang);
    let (title_id, intro_id, other_href, other_id) = match part {
        GovernancePart::Policy => ("web-policy-title", "web-policy-intro", format!("/{l}/programmes/{}", area.code), "web-programmes-link"),
        GovernancePart::Programmes => {
            ("web-programmes-title", "web-programmes-intro", format!("/{l}/policy/{}", area.code), "web-policy-link")
        }
    };
    let heading = ma(lang, title_id, &[("country", &name)]);
    let links = vec![
        Link { href: format!("/{l}/country/{}", area.code), label: ma(lang, "web-registry-country-page", &[("country", &name)]) },
        Link { href: other_href, label: m(lang, other_id) },
        Link { href: format!("/{l}/policy"), label: m(lang, "web-policy-regional-link") },
    ];
    render(&PolicyT {
        chrome: Chrome::new(lang, uri, &heading, Section::Other),
        heading,
        intro: m(lang, intro_id),
        links,
        sections: picked.iter().map(|s| f.section(s, 2)).filter(|h| !h.is_empty()).collect(),
        sources_label: m(lang, "sources"),
        sources: cited(&doc, &picked, lang),
        downloads_label: m(lang, "web-registry-download"),
        downloads: downloads(lang, Some(area.code.as_str())),
    })
}

/// `GET /{lang}/policy`: the ten countries side by side.
pub(crate) async fn regional(
    State(st): State<AppState>,
    Extension(cache): Extension<Arc<Cache>>,
    PageLang(lang): PageLang,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let page = super::cached(&st, &cache, &uri, || async {
        let l = lang.code();
        let doc = cache.generation(&st).await?.regional(&st).await?;
        let f = mp_render::Fragments::new(&doc, lang);
        let picked = pick(&doc.sections, &[GovernancePart::Policy, GovernancePart::Programmes]);
        let heading = m(lang, "web-policy-regional-title");
        let mut countries = st.areas().profile_countries();
        countries.sort_by_cached_key(|a| mp_text::fold(a.name.get(lang)));
        let links = countries.iter().map(|a| Link { href: format!("/{l}/policy/{}", a.code), label: tr(&a.name, lang) }).collect();
        render(&PolicyT {
            chrome: Chrome::new(lang, &uri, &heading, Section::Regional),
            heading,
            intro: m(lang, "web-policy-regional-intro"),
            links,
            sections: picked.iter().map(|s| f.section(s, 2)).filter(|h| !h.is_empty()).collect(),
            sources_label: m(lang, "sources"),
            sources: cited(&doc, &picked, lang),
            downloads_label: m(lang, "web-registry-download"),
            downloads: downloads(lang, None),
        })
    });
    respond(lang, &uri, &headers, page.await)
}
