//! The sources: every dataset with its publisher, licence, address, vintages, files and their
//! checksums, observation counts and coverage, so any figure can be checked against its origin.

use super::{Cache, Chrome, PageLang, Section, m, render, respond};
use crate::http::HttpError;
use crate::state::AppState;
use askama::Template;
use axum::Extension;
use axum::extract::State;
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use mp_domain::Lang;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// The HTML id of a source's entry on the sources page.
pub(crate) fn anchor(code: &str) -> String {
    format!("src-{}", mp_render::html::anchor(code))
}

struct FileView {
    path: String,
    size: String,
    sha256: String,
}

struct VintageView {
    vintage: String,
    latest: bool,
    observations: String,
    coverage: String,
    files: Vec<FileView>,
}

struct SourceView {
    anchor: String,
    name: String,
    code: String,
    publisher: String,
    licence: String,
    url: String,
    link: bool,
    vintages: Vec<VintageView>,
}

#[derive(Template)]
#[template(path = "sources.html")]
struct SourcesT {
    chrome: Chrome,
    heading: String,
    intro: String,
    publisher_label: String,
    licence_label: String,
    url_label: String,
    vintage_label: String,
    latest_label: String,
    observations_label: String,
    coverage_label: String,
    files_label: String,
    sources: Vec<SourceView>,
    none: String,
}

/// `GET /{lang}/sources`
pub(crate) async fn page(
    State(st): State<AppState>,
    Extension(cache): Extension<Arc<Cache>>,
    PageLang(lang): PageLang,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    respond(lang, &uri, &headers, super::cached(&st, &cache, &uri, || build(&st, &cache, lang, &uri)).await)
}

/// A size in bytes as readers pay for it: `1.2 MB`, `830 kB`.
pub(crate) fn size(bytes: u64, lang: Lang) -> String {
    let b = bytes as f64;
    if b >= 1e6 {
        super::ma(lang, "web-size-mb", &[("size", &mp_i18n::format_number(b / 1e6, 1, lang))])
    } else {
        super::ma(lang, "web-size-kb", &[("size", &mp_i18n::format_number((b / 1e3).max(1.0).round(), 0, lang))])
    }
}

async fn build(st: &AppState, cache: &Cache, lang: Lang, uri: &Uri) -> Result<String, HttpError> {
    let g = cache.generation(st).await?;
    let datasets = g.datasets(st).await?;
    let totals = g.totals(st).await?;
    // Coverage of the profile countries by each dataset: which countries, which years.
    let mut cov: BTreeMap<(&str, &str), (BTreeSet<&str>, i32, i32)> = BTreeMap::new();
    for r in totals.iter().filter(|r| r.value.is_some()) {
        let e = cov.entry((r.dataset.source.as_str(), r.dataset.vintage.as_str())).or_insert((BTreeSet::new(), i32::MAX, i32::MIN));
        e.0.insert(r.area.as_str());
        e.1 = e.1.min(r.period.start_year());
        e.2 = e.2.max(r.period.end_year());
    }
    let mut sources: Vec<SourceView> = Vec::new();
    for d in datasets.iter() {
        let coverage = match cov.get(&(d.source.code.as_str(), d.vintage.as_str())) {
            Some((areas, from, to)) => {
                let list: Vec<&str> = areas.iter().copied().collect();
                let years = if from == to { from.to_string() } else { format!("{from}\u{2013}{to}") };
                format!("{} · {years}", list.join(", "))
            }
            None => m(lang, "web-no-profile-coverage"),
        };
        let v = VintageView {
            vintage: d.vintage.clone(),
            latest: d.is_latest,
            observations: mp_i18n::format_number(d.observations as f64, 0, lang),
            coverage,
            files: d
                .files
                .iter()
                .map(|f| FileView {
                    path: mp_text::published_path(&f.path).to_string(),
                    size: size(f.bytes, lang),
                    sha256: f.sha256.clone(),
                })
                .collect(),
        };
        match sources.last_mut().filter(|s| s.code == d.source.code) {
            Some(s) => s.vintages.push(v),
            None => sources.push(SourceView {
                anchor: anchor(&d.source.code),
                name: d.source.name.clone(),
                code: d.source.code.clone(),
                publisher: d.source.publisher.clone(),
                licence: d.source.licence.clone(),
                url: d.source.url.clone(),
                // Only web addresses become links; anything else is shown as text.
                link: d.source.url.starts_with("https://") || d.source.url.starts_with("http://"),
                vintages: vec![v],
            }),
        }
    }
    for s in &mut sources {
        // Newest first: the one figures come from.
        s.vintages.reverse();
    }
    sources.sort_by_cached_key(|s| mp_text::fold(&s.name));
    let heading = m(lang, "sources");
    render(&SourcesT {
        chrome: Chrome::new(lang, uri, &heading, Section::Sources),
        heading,
        intro: m(lang, "web-sources-intro"),
        publisher_label: m(lang, "web-publisher"),
        licence_label: m(lang, "web-licence"),
        url_label: m(lang, "web-address"),
        vintage_label: m(lang, "col-vintage"),
        latest_label: m(lang, "web-latest-vintage"),
        observations_label: m(lang, "web-observations"),
        coverage_label: m(lang, "web-coverage-profile"),
        files_label: m(lang, "web-files"),
        sources,
        none: m(lang, "web-no-imports"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(size(1_234_567, Lang::En), "1.2 MB");
        assert_eq!(size(830_000, Lang::Fr), "830\u{a0}ko");
        assert_eq!(size(12, Lang::En), "1 kB");
    }
}
