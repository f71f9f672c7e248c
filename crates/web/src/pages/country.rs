//! A country's profile (live or a frozen edition) and the regional comparison, laid out from the
//! profile renderer's pieces: header, table of contents, sections with their charts and the
//! tables behind them; plus the editions and the downloads of the data behind every figure.

use super::{Cache, Chrome, DownloadLinks, PageLang, Section, m, render, respond, tr};
use crate::http::{self, HttpError};
use crate::state::AppState;
use askama::Template;
use axum::Extension;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use mp_domain::{Area, Lang};
use mp_profile::{Block, Document, Section as DocSection};
use mp_render::html::{Download, HtmlOptions, anchor};
use mp_render::localize;
use std::sync::Arc;

struct EditionLink {
    href: String,
    label: String,
    note: String,
    current: bool,
}

#[derive(Template)]
#[template(path = "country.html")]
struct CountryT {
    chrome: Chrome,
    header: String,
    downloads_label: String,
    all_data: String,
    downloads: String,
    editions_label: String,
    editions: Vec<EditionLink>,
    contents_label: String,
    toc: String,
    front: Vec<String>,
    body: Vec<String>,
    annexes: Vec<(String, String)>,
    governance: Vec<(String, String)>,
}

/// Where a top-level section of a profile goes on the page: a phone reader meets the key
/// figures and the summary first; the contents and the annexes are folded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// The short unnumbered sections before the first Part (key figures, summary).
    Front,
    /// The Parts.
    Body,
    /// The annexes, each shown folded under its title.
    Annex,
}

/// The place of each top-level section, in order.
fn places(sections: &[DocSection]) -> Vec<Place> {
    let mut seen_part = false;
    sections
        .iter()
        .map(|s| {
            let unnumbered = s.number.is_empty();
            if unnumbered && s.children.is_empty() && !seen_part {
                Place::Front
            } else if unnumbered && seen_part {
                Place::Annex
            } else {
                seen_part = true;
                Place::Body
            }
        })
        .collect()
}

/// `GET /{lang}/country/{iso3}`
pub(crate) async fn page(
    State(st): State<AppState>,
    Extension(cache): Extension<Arc<Cache>>,
    PageLang(lang): PageLang,
    Path((_, iso3)): Path<(String, String)>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    respond(lang, &uri, &headers, country_page(&st, &cache, lang, &uri, &iso3, None).await)
}

/// `GET /{lang}/country/{iso3}/edition/{label}`
pub(crate) async fn edition(
    State(st): State<AppState>,
    Extension(cache): Extension<Arc<Cache>>,
    PageLang(lang): PageLang,
    Path((_, iso3, label)): Path<(String, String, String)>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    respond(lang, &uri, &headers, country_page(&st, &cache, lang, &uri, &iso3, Some(&label)).await)
}

/// The page from the page cache, keyed also by what changes without an import: the live
/// narrative and the list of editions.
async fn country_page(st: &AppState, cache: &Cache, lang: Lang, uri: &Uri, iso3: &str, edition: Option<&str>) -> Result<Bytes, HttpError> {
    let area: &Area = http::profile_country(st, iso3)?;
    let editions = st.store().editions(Some(&area.code)).await?;
    let narrative = match edition {
        Some(_) => [0; 16],
        None => super::cache::narrative_key(st, &area.code).await?,
    };
    let labels: Vec<&str> = editions.iter().map(|e| e.label.as_str()).collect();
    let key = format!("{uri}\n{}\n{}", hex::encode(narrative), labels.join("\n"));
    cache.generation(st).await?.page(key, || build(st, cache, lang, uri, iso3, edition)).await
}

async fn build(st: &AppState, cache: &Cache, lang: Lang, uri: &Uri, iso3: &str, edition: Option<&str>) -> Result<String, HttpError> {
    let l = lang.code();
    let area: &Area = http::profile_country(st, iso3)?;
    let editions = st.store().editions(Some(&area.code)).await?;
    if let Some(e) = edition
        && !editions.iter().any(|x| x.label == e)
    {
        return Err(HttpError::not_found(format!("{} has no edition `{}`", area.code, http::truncate(e, 40))));
    }
    let g = cache.generation(st).await?;
    let doc = mp_render::reader::for_readers(g.document(st, &area.code, edition).await?.as_ref());
    let doc = mp_render::awaiting::for_lang(&doc, lang, false);
    let f = mp_render::Fragments::new(&doc, lang);
    let base = format!("/{l}/download/country/{}", area.code);
    let edition_q = edition.map(|e| format!("edition={}", super::qv(e))).unwrap_or_default();
    let csv = if edition_q.is_empty() { format!("{base}.csv") } else { format!("{base}.csv?{edition_q}") };
    let header = f.header(&HtmlOptions { data: Some(Download { href: csv, bytes: None }), ..HtmlOptions::default() });
    let name = tr(&area.name, lang);
    let mut editions_view = vec![EditionLink {
        href: format!("/{l}/country/{}", area.code),
        label: m(lang, "web-live-profile"),
        note: m(lang, "web-live-profile-note"),
        current: edition.is_none(),
    }];
    for e in editions.iter().rev() {
        editions_view.push(EditionLink {
            href: format!("/{l}/country/{}/edition/{}", area.code, super::qv(&e.label)),
            label: format!("{} {}", m(lang, "edition"), e.label),
            note: super::ma(lang, "web-edition-note", &[("date", &localize::date(&e.as_of, lang))]),
            current: edition == Some(e.label.as_str()),
        });
    }
    // Rendered one by one (not `f.sections()`) to keep each section beside its place.
    let shown: Vec<(Place, &DocSection, String)> = places(&doc.sections)
        .into_iter()
        .zip(&doc.sections)
        .map(|(p, s)| (p, s, f.section(s, 2)))
        .filter(|(_, _, h)| !h.is_empty())
        .collect();
    let html = with_block_downloads(&doc, &f, shown.iter().map(|(_, _, h)| h.clone()).collect(), lang, &base, &edition_q);
    let (mut front, mut body, mut annexes) = (Vec::new(), Vec::new(), Vec::new());
    for ((place, s, _), h) in shown.iter().zip(html) {
        match place {
            Place::Front => front.push(h),
            Place::Body => body.push(h),
            Place::Annex => annexes.push((localize::text(&s.title, lang), h)),
        }
    }
    let title = f.title();
    render(&CountryT {
        chrome: Chrome::new(lang, uri, &title, Section::Other),
        header,
        downloads_label: m(lang, "web-downloads"),
        all_data: m(lang, "web-all-data"),
        downloads: DownloadLinks::new(lang, &base, &edition_q, &name).html(),
        editions_label: m(lang, "web-editions"),
        editions: editions_view,
        contents_label: m(lang, "contents"),
        toc: f.toc(),
        front,
        body,
        annexes,
        governance: vec![
            (format!("/{l}/policy/{}", area.code), m(lang, "web-policy-link")),
            (format!("/{l}/programmes/{}", area.code), m(lang, "web-programmes-link")),
        ],
    })
}

/// Adds, under every chart and table, links to the observations it was drawn from.
pub(crate) fn with_block_downloads(
    doc: &Document,
    f: &mp_render::Fragments,
    sections: Vec<String>,
    lang: Lang,
    base: &str,
    extra_q: &str,
) -> Vec<String> {
    let mut ids: Vec<(String, String)> = Vec::new();
    fn walk(s: &[DocSection], out: &mut Vec<(String, bool)>) {
        for s in s {
            for b in &s.blocks {
                match b {
                    Block::Chart(c) if c.series.iter().any(|s| s.values.iter().flatten().any(|v| !v.trace.is_empty())) => {
                        out.push((c.id.clone(), true))
                    }
                    Block::Table(t) if t.rows.iter().flatten().any(|c| matches!(c, mp_profile::Cell::Value(v) if !v.trace.is_empty())) => {
                        out.push((t.id.clone(), false))
                    }
                    _ => {}
                }
            }
            walk(&s.children, out);
        }
    }
    let mut blocks = Vec::new();
    walk(&doc.sections, &mut blocks);
    for (id, chart) in blocks {
        let n = if chart { f.numbering().figure(&id) } else { f.numbering().table(&id) };
        let context = match n {
            Some(n) => super::ma(lang, if chart { "figure-numbered" } else { "table-numbered" }, &[("number", &n.to_string())]),
            None => String::new(),
        };
        let q = if extra_q.is_empty() { format!("block={}", super::qv(&id)) } else { format!("{extra_q}&block={}", super::qv(&id)) };
        ids.push((anchor(&id), DownloadLinks::new(lang, base, &q, &context).html()));
    }
    sections.into_iter().map(|s| insert_links(s, &ids)).collect()
}

/// Puts each block's links just before the `</figure>` that closes the figure with its id.
fn insert_links(mut html: String, links: &[(String, String)]) -> String {
    for (id, l) in links {
        let open = format!(" id=\"{id}\">");
        let Some(start) = html.find(&open) else { continue };
        let Some(end) = html[start..].find("</figure>").map(|i| start + i) else { continue };
        html.insert_str(end, &format!("{l}\n"));
    }
    html
}

#[derive(Template)]
#[template(path = "regional.html")]
struct RegionalT {
    chrome: Chrome,
    header: String,
    toc: String,
    sections: Vec<String>,
}

/// `GET /{lang}/regional`
pub(crate) async fn regional(
    State(st): State<AppState>,
    Extension(cache): Extension<Arc<Cache>>,
    PageLang(lang): PageLang,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let page = super::cached(&st, &cache, &uri, || async {
        let g = cache.generation(&st).await?;
        let doc = g.regional(&st).await?;
        let f = mp_render::Fragments::new(&doc, lang);
        let title = f.title();
        render(&RegionalT {
            chrome: Chrome::new(lang, &uri, &title, Section::Regional),
            header: f.header(&HtmlOptions::default()),
            toc: f.toc(),
            sections: f.sections(),
        })
    });
    respond(lang, &uri, &headers, page.await)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(number: &str, children: usize) -> DocSection {
        DocSection {
            id: number.to_string(),
            number: number.to_string(),
            title: mp_profile::Text::Plain(number.to_string()),
            themes: Vec::new(),
            blocks: Vec::new(),
            children: (0..children).map(|_| section("x", 0)).collect(),
        }
    }

    #[test]
    fn key_figures_and_summary_come_first_and_annexes_last() {
        let doc = [section("", 0), section("", 0), section("A", 2), section("B", 1), section("", 3)];
        assert_eq!(places(&doc), [Place::Front, Place::Front, Place::Body, Place::Body, Place::Annex]);
        // A profile that opens with a Part has nothing in front.
        assert_eq!(places(&[section("A", 0), section("", 1)]), [Place::Body, Place::Annex]);
    }

    #[test]
    fn links_go_inside_their_figure() {
        let html = "<figure class=\"fig\" id=\"chart-1\"><p>a</p></figure><figure class=\"tbl\" id=\"t-2\"></figure>".to_string();
        let out =
            insert_links(html, &[("t-2".into(), "<p>T</p>".into()), ("chart-1".into(), "<p>C</p>".into()), ("none".into(), "x".into())]);
        assert_eq!(
            out,
            "<figure class=\"fig\" id=\"chart-1\"><p>a</p><p>C</p>\n</figure><figure class=\"tbl\" id=\"t-2\"><p>T</p>\n</figure>"
        );
    }
}
