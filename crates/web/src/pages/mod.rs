//! The public portal: server-rendered pages in English, French and Portuguese, built for old
//! phones on slow, costly connections.
//!
//! Every page is one HTML response with its CSS inline, charts as inline SVG, no script, no font
//! and no request to anyone else; it is gzip-compressed and carries a strong `ETag`, so a revisit
//! costs a 304. The language is the first segment of every address (`/fr/country/SEN`); `/`
//! picks one from `Accept-Language`. Figures, charts and tables are the profile model's, drawn by
//! `mp-render`, so a page and the published HTML/PDF cannot disagree.

mod cache;
mod country;
mod download;
mod download_forecasts;
mod home;
mod indicator;
mod library;
mod policy;
mod quality;
mod search;
mod sources;
mod theme;
mod workspace;

use crate::http::{self, Cached, HttpError};
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{FromRequestParts, Path};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use mp_domain::{I18nText, Lang};
use mp_profile::{Block, Document};
use std::collections::HashMap;
use std::sync::{Arc, LazyLock};
use tower_http::compression::CompressionLayer;
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};

pub(crate) use cache::Cache;
pub(crate) use indicator::{parse_dims, series_query};
pub use workspace::COOKIE_SECURE_ENV;

/// The portal's own styles, after the profile's (`mp_render::CSS`).
const PORTAL_CSS: &str = include_str!("../../templates/portal.css");

static CSS: LazyLock<String> = LazyLock::new(|| format!("{}{}", mp_render::CSS, PORTAL_CSS));

/// The portal's pages and downloads, to merge into the application router.
pub fn routes() -> Router<AppState> {
    routes_with(Arc::new(Cache::default()))
}

/// The pages with a given cache (the server's starts warming at once, see [`Cache::warming`]).
pub(crate) fn routes_with(cache: Arc<Cache>) -> Router<AppState> {
    // Workbooks are zip files already: compressing them again costs the server and saves nothing.
    let compress = DefaultPredicate::new().and(NotForContentType::const_new(mp_export::XLSX));
    Router::new()
        .route("/", get(root))
        .route("/{lang}", get(lang_root))
        .route("/{lang}/", get(home::page))
        .route("/{lang}/country/{iso3}", get(country::page))
        .route("/{lang}/country/{iso3}/edition/{label}", get(country::edition))
        .route("/{lang}/regional", get(country::regional))
        .route("/{lang}/indicator/{code}", get(indicator::page))
        .route("/{lang}/indicator/{code}/chart/{file}", get(indicator::chart_file))
        .route("/{lang}/theme/{code}", get(theme::page))
        .route("/{lang}/sources", get(sources::page))
        .route("/{lang}/sources/technical", get(sources::technical))
        .route("/{lang}/search", get(search::page))
        .route("/{lang}/quality", get(quality::regional))
        .route("/{lang}/quality/{iso3}", get(quality::country))
        .route("/{lang}/download/{file}", get(download::series))
        .route("/{lang}/download/country/{file}", get(download::country))
        .route("/{lang}/download/forecasts/{file}", get(download_forecasts::forecasts))
        .route("/{lang}/policy", get(policy::regional))
        .route("/{lang}/policy/{iso3}", get(policy::policy))
        .route("/{lang}/programmes/{iso3}", get(policy::programmes))
        .route("/{lang}/library", get(library::page))
        .route("/{lang}/library/file/{id}", get(library::file))
        .merge(workspace::routes())
        .layer(axum::Extension(cache))
        .layer(CompressionLayer::new().gzip(true).compress_when(compress))
        .layer(axum::middleware::from_fn(http::etag_per_encoding))
}

async fn root(headers: HeaderMap) -> Response {
    http::redirect_by_language(&format!("/{}/", http::preferred_lang(&headers).code()))
}

async fn lang_root(Path(lang): Path<String>) -> Response {
    match http::lang_segment(&lang) {
        Ok(l) => Redirect::permanent(&format!("/{}/", l.code())).into_response(),
        Err(e) => error_page(Lang::En, &e, &Uri::from_static("/")),
    }
}

/// A message of the portal in `lang`.
pub(crate) fn m(lang: Lang, id: &str) -> String {
    mp_i18n::t(lang, id, &[])
}

/// A message with text arguments.
pub(crate) fn ma(lang: Lang, id: &str, args: &[(&str, &str)]) -> String {
    mp_render::localize::msg_with(lang, id, args)
}

/// The path of the same page in another language: the first segment swapped, the query kept.
pub(crate) fn in_lang(uri: &Uri, lang: Lang) -> String {
    let path = uri.path();
    let rest = path.strip_prefix('/').and_then(|p| p.find('/').map(|i| &p[i..])).unwrap_or("/");
    match uri.query() {
        Some(q) if !q.is_empty() => format!("/{}{rest}?{q}", lang.code()),
        _ => format!("/{}{rest}", lang.code()),
    }
}

/// A link of the language switch.
pub(crate) struct LangLink {
    code: &'static str,
    name: &'static str,
    href: String,
    current: bool,
}

/// A link of the main menu.
pub(crate) struct MenuLink {
    href: String,
    label: String,
    current: bool,
}

/// What every page has around its content: head, skip link, header with the language switch,
/// menu and search form, footer.
pub(crate) struct Chrome {
    lang: &'static str,
    title: String,
    site: String,
    css: &'static str,
    skip: String,
    home: String,
    lang_label: String,
    langs: Vec<LangLink>,
    menu_label: String,
    menu: Vec<MenuLink>,
    search_action: String,
    search_label: String,
    search_placeholder: String,
    query: String,
    footer: String,
}

/// Which menu entry a page belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Section {
    Home,
    Themes,
    Sources,
    Regional,
    Search,
    /// The data quality pages.
    Quality,
    Other,
}

impl Chrome {
    /// The chrome of a page titled `title` at `uri`.
    pub(crate) fn new(lang: Lang, uri: &Uri, title: &str, section: Section) -> Self {
        let l = lang.code();
        let site = m(lang, "site-title");
        let langs =
            Lang::ALL.iter().map(|x| LangLink { code: x.code(), name: x.endonym(), href: in_lang(uri, *x), current: *x == lang }).collect();
        let item = |href: String, id: &str, s: Section| MenuLink { href, label: m(lang, id), current: s == section };
        let menu = vec![
            item(format!("/{l}/"), "home", Section::Home),
            item(format!("/{l}/#themes"), "themes", Section::Themes),
            item(format!("/{l}/regional"), "regional-comparison", Section::Regional),
            item(format!("/{l}/sources"), "sources", Section::Sources),
            item(format!("/{l}/quality"), "quality-menu", Section::Quality),
        ];
        Chrome {
            lang: l,
            title: if title.is_empty() || title == site { site.clone() } else { format!("{title} · {site}") },
            site,
            css: CSS.as_str(),
            skip: m(lang, "skip-to-content"),
            home: format!("/{l}/"),
            lang_label: m(lang, "language"),
            langs,
            menu_label: m(lang, "web-menu"),
            menu,
            search_action: format!("/{l}/search"),
            search_label: m(lang, "search"),
            search_placeholder: m(lang, "search-placeholder"),
            query: String::new(),
            footer: m(lang, "web-footer"),
        }
    }

    /// Keeps the search box filled on the results page.
    pub(crate) fn with_query(mut self, q: &str) -> Self {
        self.query = q.to_string();
        self
    }
}

/// Renders a page template; a template error is a bug, answered with a 500.
pub(crate) fn render(t: &impl Template) -> Result<String, HttpError> {
    t.render().map_err(HttpError::internal)
}

/// A page from the current generation's page cache, keyed by its address.
pub(crate) async fn cached<F, Fut>(st: &AppState, cache: &Cache, uri: &Uri, build: F) -> Result<Bytes, HttpError>
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = Result<String, HttpError>>,
{
    cache.generation(st).await?.page(uri.to_string(), build).await
}

/// The response of a page handler: the page with its validators, or an error page.
pub(crate) fn respond(lang: Lang, uri: &Uri, headers: &HeaderMap, page: Result<Bytes, HttpError>) -> Response {
    match page {
        Ok(html) => Cached::html(html).header(axum::http::header::CONTENT_LANGUAGE, HeaderValue::from_static(lang.code())).respond(headers),
        Err(e) => error_page(lang, &e, uri),
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorT {
    chrome: Chrome,
    heading: String,
    detail: String,
    hint: String,
    home_label: String,
}

/// An error as a page in the reader's language: what went wrong, and a way on.
pub(crate) fn error_page(lang: Lang, e: &HttpError, uri: &Uri) -> Response {
    let id = match e.status() {
        StatusCode::NOT_FOUND => "web-error-not-found",
        s if s.is_client_error() => "web-error-bad-request",
        _ => "web-error-server",
    };
    let heading = m(lang, id);
    let t = ErrorT {
        chrome: Chrome::new(lang, uri, &heading, Section::Other),
        heading,
        detail: e.message().to_string(),
        hint: m(lang, &format!("{id}-hint")),
        home_label: m(lang, "home"),
    };
    let body = t.render().unwrap_or_else(|_| e.message().to_string());
    let mut res = (e.status(), body).into_response();
    res.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static(http::HTML));
    res.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static(http::CACHE_NONE));
    res
}

/// A query string's parameters, or a 400 that says what was wrong with them.
pub(crate) fn query<T>(q: Result<axum::extract::Query<T>, axum::extract::rejection::QueryRejection>) -> Result<T, HttpError> {
    q.map(|axum::extract::Query(v)| v).map_err(|e| HttpError::bad_request(e.body_text()))
}

/// The language of a portal address, its first segment (`/fr/country/SEN`), parsed before the
/// handler runs; an unknown one is answered with the error page in English.
pub(crate) struct PageLang(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for PageLang {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Response> {
        // Read as axum decodes it for `Path`, so `/%66r/` is French as before.
        let params = Path::<HashMap<String, String>>::from_request_parts(parts, state).await.map_err(IntoResponse::into_response)?;
        let seg = params.get("lang").map(String::as_str).unwrap_or_default();
        http::lang_segment(seg).map(PageLang).map_err(|e| error_page(Lang::En, &e, &parts.uri))
    }
}

/// Blocks drawn as in a profile, their headings under a heading of `level`.
pub(crate) fn blocks_html(doc: &Document, blocks: &[Block], lang: Lang, level: u8) -> String {
    let f = mp_render::Fragments::new(doc, lang);
    blocks.iter().map(|b| f.block(b, level)).collect::<Vec<_>>().join("\n")
}

/// An area's or indicator's text in `lang`.
pub(crate) fn tr(t: &I18nText, lang: Lang) -> String {
    t.get(lang).to_string()
}

/// The download links of one series or table: CSV, XLSX, SDMX-CSV, JSON.
pub(crate) struct DownloadLinks {
    label: String,
    links: Vec<(String, &'static str)>,
    context: String,
}

impl DownloadLinks {
    /// Links to `base.{ext}?query` in every format; `context` names what is downloaded for
    /// screen readers, which list links out of context.
    pub(crate) fn new(lang: Lang, base: &str, query: &str, context: &str) -> Self {
        let links = mp_export::Format::ALL
            .iter()
            .map(|f| {
                let q = if query.is_empty() { String::new() } else { format!("?{query}") };
                (format!("{base}.{}{q}", f.ext()), f.label())
            })
            .collect();
        DownloadLinks { label: m(lang, "web-download-data"), links, context: context.to_string() }
    }

    /// The links as HTML.
    pub(crate) fn html(&self) -> String {
        let mut s = format!("<p class=\"dlf\"><span>{}</span>", esc(&self.label));
        for (href, name) in &self.links {
            s.push_str(&format!(" <a href=\"{}\" download>{}", esc(href), esc(name)));
            if !self.context.is_empty() {
                s.push_str(&format!("<span class=\"vh\"> ({})</span>", esc(&self.context)));
            }
            s.push_str("</a>");
        }
        s.push_str("</p>");
        s
    }
}

pub(crate) use mp_text::{escape_html as esc, query_value as qv};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_page_in_another_language() {
        let u: Uri = "/fr/indicator/IMM.STOCK?area=SEN&dims=SEX%3DF".parse().unwrap();
        assert_eq!(in_lang(&u, Lang::Pt), "/pt/indicator/IMM.STOCK?area=SEN&dims=SEX%3DF");
        assert_eq!(in_lang(&"/fr/".parse().unwrap(), Lang::En), "/en/");
        assert_eq!(in_lang(&"/fr".parse().unwrap(), Lang::En), "/en/");
        assert_eq!(in_lang(&"/xx/sources".parse().unwrap(), Lang::En), "/en/sources");
    }
}
