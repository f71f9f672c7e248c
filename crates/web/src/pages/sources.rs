//! The sources, twice: a public page in plain words (who publishes each data set, under which
//! licence, which countries and years it covers, in the reader's language) and its technical page
//! (every vintage with its files, their checksums and observation counts), so any figure can be
//! checked against its origin without putting file paths in front of every reader.

use super::{Cache, Chrome, PageLang, Section, m, render, respond, tr};
use crate::http::HttpError;
use crate::state::AppState;
use askama::Template;
use axum::Extension;
use axum::extract::State;
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use mp_domain::Lang;
use mp_store::DatasetInfo;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// The HTML id of a source's entry on the sources page.
pub(crate) fn anchor(code: &str) -> String {
    format!("src-{}", mp_render::html::anchor(code))
}

/// The HTML id of a source's entry on the technical page.
fn technical_anchor(code: &str) -> String {
    format!("tech-{}", mp_render::html::anchor(code))
}

/// A source as readers meet it on the plain page.
struct PlainSource {
    anchor: String,
    name: String,
    publisher: String,
    licence: String,
    url: String,
    link: bool,
    edition: String,
    earlier: Option<String>,
    covers: String,
    figures: String,
    technical_href: String,
}

#[derive(Template)]
#[template(path = "sources_plain.html")]
struct PlainT {
    chrome: Chrome,
    heading: String,
    intro: String,
    technical_href: String,
    technical_label: String,
    publisher_label: String,
    licence_label: String,
    sources: Vec<PlainSource>,
    none: String,
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
    back_href: String,
    back_label: String,
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

/// `GET /{lang}/sources`: the sources in plain words.
pub(crate) async fn page(
    State(st): State<AppState>,
    Extension(cache): Extension<Arc<Cache>>,
    PageLang(lang): PageLang,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    respond(lang, &uri, &headers, super::cached(&st, &cache, &uri, || build_plain(&st, &cache, lang, &uri)).await)
}

/// `GET /{lang}/sources/technical`: every vintage, its files and their checksums.
pub(crate) async fn technical(
    State(st): State<AppState>,
    Extension(cache): Extension<Arc<Cache>>,
    PageLang(lang): PageLang,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    respond(lang, &uri, &headers, super::cached(&st, &cache, &uri, || build(&st, &cache, lang, &uri)).await)
}

/// Which profile countries a dataset covers, and its first and last year.
type Coverage<'a> = BTreeMap<(&'a str, &'a str), (BTreeSet<&'a str>, i32, i32)>;

fn coverage(totals: &[mp_domain::Record]) -> Coverage<'_> {
    let mut cov: Coverage = BTreeMap::new();
    for r in totals.iter().filter(|r| r.value.is_some()) {
        let e = cov.entry((r.dataset.source.as_str(), r.dataset.vintage.as_str())).or_insert((BTreeSet::new(), i32::MAX, i32::MIN));
        e.0.insert(r.area.as_str());
        e.1 = e.1.min(r.period.start_year());
        e.2 = e.2.max(r.period.end_year());
    }
    cov
}

fn years(from: i32, to: i32) -> String {
    if from == to { from.to_string() } else { format!("{from}\u{2013}{to}") }
}

/// A vintage as a reader names an edition: its year when it starts with one (`2024-07` → 2024).
fn edition(vintage: &str) -> String {
    let year: String = vintage.chars().take(4).collect();
    if year.len() == 4 && year.chars().all(|c| c.is_ascii_digit()) { year } else { vintage.to_string() }
}

async fn build_plain(st: &AppState, cache: &Cache, lang: Lang, uri: &Uri) -> Result<String, HttpError> {
    let l = lang.code();
    let g = cache.generation(st).await?;
    let datasets = g.datasets(st).await?;
    let totals = g.totals(st).await?;
    let cov = coverage(&totals);
    // Datasets arrive grouped by source, oldest vintage first.
    let mut groups: Vec<Vec<&DatasetInfo>> = Vec::new();
    for d in datasets.iter() {
        match groups.last_mut().filter(|g| g[0].source.code == d.source.code) {
            Some(g) => g.push(d),
            None => groups.push(vec![d]),
        }
    }
    let mut sources: Vec<PlainSource> = Vec::new();
    for group in groups {
        let Some(latest) = group.iter().find(|d| d.is_latest).or(group.last()).copied() else { continue };
        let src = &latest.source;
        let id = format!("reader-source-{}", src.code);
        let name = if mp_i18n::has(lang, &id) { m(lang, &id) } else { src.name.clone() };
        let earlier: Vec<String> = group.iter().rev().filter(|d| d.vintage != latest.vintage).map(|d| edition(&d.vintage)).collect();
        let covers = match cov.get(&(src.code.as_str(), latest.vintage.as_str())) {
            Some((areas, from, to)) => {
                let mut names: Vec<String> =
                    areas.iter().map(|a| st.areas().find(a).map(|x| tr(&x.name, lang)).unwrap_or_else(|| a.to_string())).collect();
                names.sort_by_cached_key(|n| mp_text::fold(n));
                super::ma(lang, "sources-covers", &[("countries", &names.join(", ")), ("years", &years(*from, *to))])
            }
            None => m(lang, "web-no-profile-coverage"),
        };
        sources.push(PlainSource {
            anchor: anchor(&src.code),
            name,
            publisher: src.publisher.clone(),
            licence: src.licence.clone(),
            url: src.url.clone(),
            link: src.url.starts_with("https://") || src.url.starts_with("http://"),
            edition: super::ma(lang, "sources-edition", &[("edition", &edition(&latest.vintage))]),
            earlier: (!earlier.is_empty()).then(|| super::ma(lang, "sources-earlier", &[("editions", &earlier.join(", "))])),
            covers,
            figures: mp_i18n::t(lang, "sources-figures", &[("count", mp_i18n::Arg::Count(latest.observations as i64))]),
            technical_href: format!("/{l}/sources/technical#{}", technical_anchor(&src.code)),
        });
    }
    sources.sort_by_cached_key(|s| mp_text::fold(&s.name));
    let heading = m(lang, "sources");
    render(&PlainT {
        chrome: Chrome::new(lang, uri, &heading, Section::Sources),
        heading,
        intro: m(lang, "sources-plain-intro"),
        technical_href: format!("/{l}/sources/technical"),
        technical_label: m(lang, "sources-technical-link"),
        publisher_label: m(lang, "web-publisher"),
        licence_label: m(lang, "web-licence"),
        sources,
        none: m(lang, "web-no-imports"),
    })
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
    let cov = coverage(&totals);
    let mut sources: Vec<SourceView> = Vec::new();
    for d in datasets.iter() {
        let coverage = match cov.get(&(d.source.code.as_str(), d.vintage.as_str())) {
            Some((areas, from, to)) => {
                let list: Vec<&str> = areas.iter().copied().collect();
                format!("{} · {}", list.join(", "), years(*from, *to))
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
                anchor: technical_anchor(&d.source.code),
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
    let heading = m(lang, "sources-technical-title");
    render(&SourcesT {
        chrome: Chrome::new(lang, uri, &heading, Section::Sources),
        heading,
        intro: m(lang, "web-sources-intro"),
        back_href: format!("/{}/sources", lang.code()),
        back_label: m(lang, "sources-back"),
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
    fn editions_are_years_when_vintages_start_with_one() {
        assert_eq!(edition("2024-07"), "2024");
        assert_eq!(edition("2024"), "2024");
        assert_eq!(edition("rev-b"), "rev-b");
    }

    #[test]
    fn sizes() {
        assert_eq!(size(1_234_567, Lang::En), "1.2 MB");
        assert_eq!(size(830_000, Lang::Fr), "830\u{a0}ko");
        assert_eq!(size(12, Lang::En), "1 kB");
    }
}
