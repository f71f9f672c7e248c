//! HTTP helpers shared by the pages, the downloads and the JSON API: the language of a request,
//! caching validators (strong `ETag`, `If-None-Match` → 304), `Content-Disposition`, lookups of
//! path parameters, and errors that are always a clear 4xx or a logged 500.
//!
//! Readers pay for every byte on slow mobile links, so every successful `GET` carries a strong
//! validator: a revisit costs one round trip and no body.

use crate::state::AppState;
use axum::body::Bytes;
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE, ETAG, IF_NONE_MATCH, VARY};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use mp_domain::{Area, AreaCode, Indicator, Lang};
use sha2::{Digest, Sha256};

/// `Cache-Control` of pages and downloads: shared caches may keep them five minutes, then
/// revalidate with the `ETag` (a 304 has no body).
pub const CACHE_PUBLIC: &str = "public, max-age=300";

/// `Cache-Control` of errors and redirects that depend on request headers.
pub const CACHE_NONE: &str = "no-store";

/// `text/html; charset=utf-8`.
pub const HTML: &str = "text/html; charset=utf-8";

/// `application/json`.
pub const JSON: &str = "application/json";

/// The language of a URL's first segment: exactly `en`, `fr` or `pt`, so each page has one
/// address per language (caches and search engines see no duplicates).
pub fn lang_segment(s: &str) -> Result<Lang, HttpError> {
    match s {
        "en" => Ok(Lang::En),
        "fr" => Ok(Lang::Fr),
        "pt" => Ok(Lang::Pt),
        other => Err(HttpError::not_found(format!("unknown language `{}`: expected en, fr or pt", truncate(other, 40)))),
    }
}

/// The reader's preferred language among English, French and Portuguese from an
/// `Accept-Language` header (RFC 9110 §12.5.4, q-values honoured); English when none is accepted.
pub fn negotiate(accept_language: Option<&str>) -> Lang {
    let Some(header) = accept_language else { return Lang::En };
    let mut best: Option<(f32, usize, Lang)> = None;
    for (pos, item) in header.split(',').enumerate() {
        let mut parts = item.split(';');
        let tag = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = parts
            .filter_map(|p| p.trim().strip_prefix("q=").or_else(|| p.trim().strip_prefix("Q=")))
            .find_map(|v| v.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        if q.is_nan() || q <= 0.0 {
            continue;
        }
        let primary = tag.split('-').next().unwrap_or("");
        let lang = match primary {
            "en" => Lang::En,
            "fr" => Lang::Fr,
            "pt" => Lang::Pt,
            _ => continue,
        };
        // Equal weights keep the header's order.
        if best.is_none_or(|(bq, bpos, _)| q > bq || (q == bq && pos < bpos)) {
            best = Some((q, pos, lang));
        }
    }
    best.map_or(Lang::En, |(_, _, l)| l)
}

/// The language a request asks for in its `Accept-Language` header.
pub fn preferred_lang(headers: &HeaderMap) -> Lang {
    negotiate(headers.get(axum::http::header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()))
}

/// A strong entity tag of a body: the first 128 bits of its SHA-256, quoted.
pub fn etag(body: &[u8]) -> String {
    let digest = Sha256::digest(body);
    format!("\"{}\"", hex::encode(&digest[..16]))
}

/// What a strong ETag gets inside its quotes when the body is sent gzipped.
const GZIP_TAG: &str = "-gzip";

/// Gives a gzipped answer its own strong ETag (`"…-gzip"`): a strong tag names one sequence
/// of bytes (RFC 9110 §8.8.3), and the compression layer changes the bytes after the tag was
/// computed. A 304 answers with the tag the client holds. Goes outside the compression layer.
pub async fn etag_per_encoding(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let held_gzip =
        req.headers().get_all(IF_NONE_MATCH).iter().filter_map(|v| v.to_str().ok()).any(|v| v.contains(&format!("{GZIP_TAG}\"")));
    let mut res = next.run(req).await;
    let gzipped = res.headers().get(axum::http::header::CONTENT_ENCODING).is_some_and(|v| v.as_bytes() == b"gzip");
    let not_modified_gzip = res.status() == StatusCode::NOT_MODIFIED && held_gzip;
    if (gzipped || not_modified_gzip)
        && let Some(tag) = res.headers().get(ETAG).and_then(|v| v.to_str().ok())
        && let Some(head) = tag.strip_suffix('"')
        && !head.ends_with(GZIP_TAG)
        && let Ok(v) = HeaderValue::from_str(&format!("{head}{GZIP_TAG}\""))
    {
        res.headers_mut().insert(ETAG, v);
    }
    res
}

/// Whether the client's `If-None-Match` names `etag` (weak comparison, as RFC 9110 §13.1.2
/// asks for this header; `*` matches anything).
pub fn not_modified(headers: &HeaderMap, etag: &str) -> bool {
    // A tag of the gzip body (see [`etag_per_encoding`]) validates the identity body's too.
    let bare = |t: &str| {
        let t = t.trim().trim_start_matches("W/");
        match t.strip_suffix(&format!("{GZIP_TAG}\"")) {
            Some(head) => format!("{head}\""),
            None => t.to_string(),
        }
    };
    let want = bare(etag);
    headers.get_all(IF_NONE_MATCH).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(',')).any(|t| {
        let t = t.trim();
        t == "*" || bare(t) == want
    })
}

/// A `Content-Disposition: attachment` value with an ASCII `filename` and the exact UTF-8
/// `filename*` (RFC 6266), so a download keeps its name in every browser.
pub fn attachment(filename: &str) -> HeaderValue {
    let ascii: String =
        filename.chars().map(|c| if (c.is_ascii_graphic() && c != '"' && c != '\\') || c == ' ' { c } else { '_' }).collect();
    let mut encoded = String::new();
    for b in filename.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            encoded.push(b as char);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    HeaderValue::from_str(&format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"))
}

/// A successful `GET` response with a strong `ETag` of its body, answered with 304 and no body
/// when the client already holds it.
#[derive(Debug, Clone)]
pub struct Cached {
    content_type: String,
    cache_control: &'static str,
    headers: Vec<(HeaderName, HeaderValue)>,
    body: Bytes,
}

impl Cached {
    /// A body of `content_type`, cached as [`CACHE_PUBLIC`].
    pub fn new(content_type: &str, body: impl Into<Bytes>) -> Self {
        Cached { content_type: content_type.to_string(), cache_control: CACHE_PUBLIC, headers: Vec::new(), body: body.into() }
    }

    /// An HTML page.
    pub fn html(body: impl Into<Bytes>) -> Self {
        Cached::new(HTML, body)
    }

    /// Another `Cache-Control`.
    pub fn cache_control(mut self, value: &'static str) -> Self {
        self.cache_control = value;
        self
    }

    /// An extra header (`Content-Disposition`, `Content-Language`, `Link`…), sent with 200 and 304.
    pub fn header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.headers.push((name, value));
        self
    }

    /// Offers the body as a file to save under `filename`.
    pub fn download(self, filename: &str) -> Self {
        self.header(CONTENT_DISPOSITION, attachment(filename))
    }

    /// The body's bytes.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// The response to a request with `request_headers`: 200 with the body, or 304.
    pub fn respond(self, request_headers: &HeaderMap) -> Response {
        let tag = etag(&self.body);
        let fresh = not_modified(request_headers, &tag);
        let mut res = if fresh { StatusCode::NOT_MODIFIED.into_response() } else { self.body.into_response() };
        let h = res.headers_mut();
        if !fresh {
            h.insert(
                CONTENT_TYPE,
                HeaderValue::from_str(&self.content_type).unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream")),
            );
        }
        h.insert(CACHE_CONTROL, HeaderValue::from_static(self.cache_control));
        if let Ok(v) = HeaderValue::from_str(&tag) {
            h.insert(ETAG, v);
        }
        for (k, v) in self.headers {
            h.insert(k, v);
        }
        res
    }
}

/// A temporary redirect that depends on `Accept-Language` (hence `Vary` and no caching).
pub fn redirect_by_language(location: &str) -> Response {
    let mut res = StatusCode::FOUND.into_response();
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(location) {
        h.insert(axum::http::header::LOCATION, v);
    }
    h.insert(VARY, HeaderValue::from_static("Accept-Language"));
    h.insert(CACHE_CONTROL, HeaderValue::from_static(CACHE_NONE));
    res
}

/// A request that cannot be answered, with a message for the reader (or the API client).
///
/// Client mistakes are 4xx with a message that says what was wrong; anything else is a 500
/// whose cause is logged, never shown (it may name the database).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpError {
    status: StatusCode,
    message: String,
}

impl HttpError {
    /// An error with a status and a message.
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        HttpError { status, message: message.into() }
    }
    /// 404: no such page, country, indicator…
    pub fn not_found(message: impl Into<String>) -> Self {
        HttpError::new(StatusCode::NOT_FOUND, message)
    }
    /// 400: a parameter that does not parse.
    pub fn bad_request(message: impl Into<String>) -> Self {
        HttpError::new(StatusCode::BAD_REQUEST, message)
    }
    /// 500: logs `cause` and tells the client only that the server failed.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(%cause, "request failed");
        HttpError::new(StatusCode::INTERNAL_SERVER_ERROR, "the server could not answer this request; the error has been logged")
    }
    /// The status.
    pub fn status(&self) -> StatusCode {
        self.status
    }
    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl std::fmt::Display for HttpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.status.as_u16(), self.message)
    }
}

impl std::error::Error for HttpError {}

impl IntoResponse for HttpError {
    fn into_response(self) -> Response {
        let mut res = (self.status, self.message).into_response();
        res.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
        res.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static(CACHE_NONE));
        res
    }
}

impl From<mp_store::StoreError> for HttpError {
    fn from(e: mp_store::StoreError) -> Self {
        HttpError::internal(e)
    }
}

impl From<mp_service::ServiceError> for HttpError {
    fn from(e: mp_service::ServiceError) -> Self {
        match e {
            mp_service::ServiceError::NoEdition { area, label } => {
                HttpError::not_found(format!("{area} has no edition `{}`", truncate(&label, 40)))
            }
            other => HttpError::internal(other),
        }
    }
}

/// At most `n` characters of user input, for echoing it in a message.
pub fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n { s.to_string() } else { format!("{}…", s.chars().take(n).collect::<String>()) }
}

/// One of the profile countries, by ISO alpha-3 code in any case (`SEN`, `sen`).
pub fn profile_country<'a>(state: &'a AppState, code: &str) -> Result<&'a Area, HttpError> {
    let unknown = || {
        let list: Vec<String> = state.areas().profile_countries().iter().map(|a| a.code.to_string()).collect();
        HttpError::not_found(format!("unknown country `{}`: expected one of {}", truncate(code, 20), list.join(", ")))
    };
    let parsed = AreaCode::parse(&code.trim().to_ascii_uppercase()).map_err(|_| unknown())?;
    state.areas().get(&parsed).filter(|a| a.profile_language.is_some()).ok_or_else(unknown)
}

/// Any known area (country or group), by code in any case.
pub fn area<'a>(state: &'a AppState, code: &str) -> Result<&'a Area, HttpError> {
    AreaCode::parse(&code.trim().to_ascii_uppercase()).ok().and_then(|c| state.areas().get(&c)).ok_or_else(|| {
        HttpError::not_found(format!(
            "unknown area `{}`: expected an ISO alpha-3 code such as SEN or a group such as ECOWAS",
            truncate(code, 20)
        ))
    })
}

/// An indicator of the framework, by code in any case (`IMM.STOCK`, `imm.stock`).
pub fn indicator<'a>(state: &'a AppState, code: &str) -> Result<&'a Indicator, HttpError> {
    state
        .framework()
        .find(code.trim())
        .or_else(|| state.framework().find(&code.trim().to_ascii_uppercase()))
        .ok_or_else(|| HttpError::not_found(format!("unknown indicator `{}`: see the list of indicators", truncate(code, 40))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_from_accept_language() {
        assert_eq!(negotiate(None), Lang::En);
        assert_eq!(negotiate(Some("")), Lang::En);
        assert_eq!(negotiate(Some("fr-FR,fr;q=0.9,en;q=0.8")), Lang::Fr);
        assert_eq!(negotiate(Some("de-DE, pt-PT;q=0.5, fr;q=0.4")), Lang::Pt);
        assert_eq!(negotiate(Some("en;q=0.2, fr;q=0.9")), Lang::Fr);
        assert_eq!(negotiate(Some("fr;q=0, pt")), Lang::Pt);
        assert_eq!(negotiate(Some("de, wo")), Lang::En);
        assert_eq!(negotiate(Some("pt-BR, fr")), Lang::Pt);
        assert_eq!(negotiate(Some("*")), Lang::En);
    }

    #[test]
    fn language_segments_are_exact() {
        assert_eq!(lang_segment("fr"), Ok(Lang::Fr));
        assert_eq!(lang_segment("xx").unwrap_err().status(), StatusCode::NOT_FOUND);
        assert!(lang_segment("FR").is_err() && lang_segment("fra").is_err());
    }

    #[test]
    fn etags_and_if_none_match() {
        let t = etag(b"hello");
        assert!(t.starts_with('"') && t.ends_with('"') && t.len() == 34, "{t}");
        assert_ne!(t, etag(b"hello!"));
        let mut h = HeaderMap::new();
        assert!(!not_modified(&h, &t));
        h.insert(IF_NONE_MATCH, HeaderValue::from_str(&format!("\"x\", W/{t}")).unwrap());
        assert!(not_modified(&h, &t));
        h.insert(IF_NONE_MATCH, HeaderValue::from_static("*"));
        assert!(not_modified(&h, &t));
        h.insert(IF_NONE_MATCH, HeaderValue::from_static("\"other\""));
        assert!(!not_modified(&h, &t));
    }

    #[test]
    fn cached_answers_304() {
        let first = Cached::html("<p>x</p>").respond(&HeaderMap::new());
        assert_eq!(first.status(), StatusCode::OK);
        let tag = first.headers().get(ETAG).unwrap().clone();
        assert_eq!(first.headers().get(CACHE_CONTROL).unwrap(), CACHE_PUBLIC);
        let mut h = HeaderMap::new();
        h.insert(IF_NONE_MATCH, tag.clone());
        let again = Cached::html("<p>x</p>").respond(&h);
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
        assert_eq!(again.headers().get(ETAG).unwrap(), &tag);
    }

    #[test]
    fn attachment_names() {
        assert_eq!(attachment("SEN.csv").to_str().unwrap(), "attachment; filename=\"SEN.csv\"; filename*=UTF-8''SEN.csv");
        let v = attachment("Sénégal.xlsx");
        assert_eq!(v.to_str().unwrap(), "attachment; filename=\"S_n_gal.xlsx\"; filename*=UTF-8''S%C3%A9n%C3%A9gal.xlsx");
    }

    #[test]
    fn truncation() {
        assert_eq!(truncate("abc", 5), "abc");
        assert_eq!(truncate("abcdef", 3), "abc…");
    }
}
