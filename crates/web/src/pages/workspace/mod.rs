//! The TWG workspace: sign-in, submissions, review and approval, under `/{lang}/ws/`.
//!
//! This module is the one place where the web crate writes to the store; every other page and
//! the public API only read. Every write is a POST carrying the session's CSRF token, checked
//! here before anything else, and is allowed by `mp_workspace::authorize` for the signed-in
//! user's memberships. Sessions live in the store (only the SHA-256 of the session id is kept),
//! so several server processes on one PostgreSQL database share them. Pages are never cached.
//!
//! Answers: an unknown or expired session is sent to the sign-in page; an action outside the
//! user's role or scope is a 403; a submission the user may not even see is a 404 (its
//! existence does not leak); a step someone else took first is a 409 naming who and when.

mod auth;
mod comments;
mod entry;
mod figure;
mod findings;
mod guide;
mod inbox;
mod indicators;
mod library;
mod meetings;
mod members;
mod narrative;
mod registry;
mod registry_workbook;
mod staging;
mod submissions;

use super::{Chrome, PageLang, Section, m};
use crate::http::{self, HttpError};
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::extract::{DefaultBodyLimit, FromRequestParts};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use mp_domain::Lang;
use mp_store::StoreError;
use mp_workspace::{Principal, hash_token, same_secret};

/// The session cookie.
pub(crate) const SESSION_COOKIE: &str = "mp_session";
/// The sign-in form's own CSRF cookie (there is no session yet to hold the token).
pub(crate) const PRE_COOKIE: &str = "mp_signin";
/// How long a session lasts (seconds).
pub(crate) const SESSION_SECS: i64 = 8 * 3600;
/// Failed sign-ins in a row before the account is locked.
pub(crate) const MAX_FAILURES: i64 = 5;
/// How long a lock-out lasts (seconds).
pub(crate) const LOCK_SECS: i64 = 15 * 60;
/// `MPROFILE_COOKIE_SECURE=0` drops the `Secure` flag, for a server reached over plain HTTP on
/// a private network; it is on by default.
pub const COOKIE_SECURE_ENV: &str = "MPROFILE_COOKIE_SECURE";

/// The workspace's routes, to merge into the portal's.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/{lang}/ws/", get(submissions::home))
        .route("/{lang}/ws/sign-in", get(auth::sign_in_page).post(auth::sign_in))
        .route("/{lang}/ws/sign-out", post(auth::sign_out))
        .route("/{lang}/ws/password", get(auth::password_page).post(auth::password))
        .route("/{lang}/ws/tokens", get(auth::tokens_page).post(auth::token_add))
        .route("/{lang}/ws/tokens/{id}/revoke", post(auth::token_revoke))
        .route(
            "/{lang}/ws/upload",
            get(submissions::upload_page).post(submissions::upload).layer(DefaultBodyLimit::max(staging::MAX_FILE_BYTES + 256 * 1024)),
        )
        .route("/{lang}/ws/entry", get(entry::form_page).post(entry::submit))
        .route("/{lang}/ws/members", get(members::page_handler).post(members::post_handler))
        .route("/{lang}/ws/registry", get(registry::form_page).post(registry::save))
        .route("/{lang}/ws/registry/institution", post(registry::save_institution))
        .route("/{lang}/ws/registry/project", post(registry::save_project))
        .route("/{lang}/ws/registry/review", post(registry::review))
        // The registry workbook for offline work: download, and upload as proposed changes.
        .route(
            "/{lang}/ws/registry/workbook",
            get(registry_workbook::page_handler)
                .post(registry_workbook::upload)
                .layer(DefaultBodyLimit::max(registry_workbook::BODY_LIMIT)),
        )
        .route("/{lang}/ws/registry/workbook.xlsx", get(registry_workbook::download))
        .route("/{lang}/ws/submission/{id}", get(submissions::view))
        .route("/{lang}/ws/submission/{id}/step", post(submissions::step))
        .route("/{lang}/ws/figure", get(figure::view))
        .route("/ws/api/me", get(auth::api_me))
        // The narrative: texts per section and language, their revisions and review.
        .route("/{lang}/ws/narrative/{iso3}", get(narrative::overview))
        .route("/{lang}/ws/narrative/{iso3}/{section}/{text_lang}", get(narrative::edit_page).post(narrative::save))
        .route("/{lang}/ws/narrative-revision/{id}/step", post(narrative::step))
        // Part D: findings and recommendations and the evidence each rests on.
        .route("/{lang}/ws/findings/{iso3}", get(findings::list).post(findings::add))
        .route("/{lang}/ws/findings/{iso3}/{id}/evidence", post(findings::link))
        .route("/{lang}/ws/findings/{iso3}/{id}/evidence/{evidence}/remove", post(findings::unlink))
        .route("/{lang}/ws/findings/{iso3}/{id}/remove", post(findings::remove))
        // Discussion and the inbox.
        .route("/{lang}/ws/discuss/{iso3}", get(comments::page_handler).post(comments::post_comment))
        .route("/{lang}/ws/discuss/{iso3}/thread/{id}", post(comments::resolve))
        .route("/{lang}/ws/inbox", get(inbox::page_handler))
        // Meetings and workshops, their action items and reports, and the regional programme.
        .route("/{lang}/ws/meetings", get(meetings::list))
        .route("/{lang}/ws/meetings/programme", get(meetings::programme))
        .route("/{lang}/ws/meetings/new/{iso3}", get(meetings::new_page).post(meetings::create))
        .route("/{lang}/ws/meeting/{id}", get(meetings::view))
        .route("/{lang}/ws/meeting/{id}/edit", get(meetings::edit_page).post(meetings::update))
        .route("/{lang}/ws/meeting/{id}/action", post(meetings::add_action))
        .route("/{lang}/ws/meeting/{id}/{file}", get(meetings::report))
        .route("/{lang}/ws/meeting-action/{id}/status", post(meetings::set_status))
        // The document library: documents, versions and who may read them.
        .route("/{lang}/ws/library", get(library::page_handler).post(library::add).layer(DefaultBodyLimit::max(library::BODY_LIMIT)))
        .route("/{lang}/ws/library/{id}/version", post(library::add_version).layer(DefaultBodyLimit::max(library::BODY_LIMIT)))
        .route("/{lang}/ws/library/{id}/visibility", post(library::set_visibility))
        .route("/{lang}/ws/guide", get(guide::page_handler))
        .route("/{lang}/ws/guide/{iso3}/{org}/{format}/{doc_lang}", get(guide::file))
        // New national indicators: proposals, their steps, the country's framework extension.
        .route("/{lang}/ws/indicators/{iso3}", get(indicators::page_handler).post(indicators::propose))
        .route("/{lang}/ws/indicators/{iso3}/extension.toml", get(indicators::extension_file))
        .route("/{lang}/ws/indicator-proposal/{id}/step", post(indicators::step))
        .route("/ws/api/submissions", post(submissions::api_upload).layer(DefaultBodyLimit::max(staging::MAX_FILE_BYTES)))
}

fn cookie_secure() -> bool {
    std::env::var(COOKIE_SECURE_ENV).map(|v| !matches!(v.trim(), "0" | "false" | "no")).unwrap_or(true)
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Strict, whole site, `Secure` unless turned off.
pub(crate) fn set_cookie(name: &str, value: &str, max_age: i64) -> HeaderValue {
    let secure = if cookie_secure() { "; Secure" } else { "" };
    HeaderValue::from_str(&format!("{name}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}"))
        .unwrap_or_else(|_| HeaderValue::from_static("mp_bad=1; Max-Age=0"))
}

/// The value of a cookie sent with the request.
pub(crate) fn cookie<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty() && v.len() <= 128)
}

/// A page of the workspace: HTML, never stored by a cache.
pub(crate) fn page(status: StatusCode, body: String) -> Response {
    let mut res = (status, body).into_response();
    res.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static(http::HTML));
    res.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static(http::CACHE_NONE));
    res
}

/// A 303 to `to` (after a POST, so a reload does not send the form again).
pub(crate) fn see_other(to: &str) -> Response {
    let mut res = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(to) {
        res.headers_mut().insert(LOCATION, v);
    }
    res.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static(http::CACHE_NONE));
    res
}

/// Adds a `Set-Cookie`.
pub(crate) fn with_cookie(mut res: Response, v: HeaderValue) -> Response {
    res.headers_mut().append(SET_COOKIE, v);
    res
}

/// Why a workspace request is refused.
#[derive(Debug)]
pub(crate) enum WsError {
    /// 403: outside the user's role or scope, or a form without its CSRF token.
    Forbidden(String),
    /// 404: no such thing, or one the user may not know of.
    NotFound,
    /// 409: someone acted first.
    Conflict(String),
    /// 400 / 413 / 422: the request or the upload cannot be used.
    Bad(StatusCode, String),
    /// 500: logged.
    Internal(String),
}

impl From<StoreError> for WsError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Conflict { .. } => WsError::Conflict(e.to_string()),
            StoreError::Refused(m) => WsError::Bad(StatusCode::BAD_REQUEST, m),
            other => WsError::Internal(other.to_string()),
        }
    }
}

impl From<mp_service::ServiceError> for WsError {
    fn from(e: mp_service::ServiceError) -> Self {
        match e {
            mp_service::ServiceError::Store(e) => e.into(),
            other => WsError::Internal(other.to_string()),
        }
    }
}

impl From<HttpError> for WsError {
    fn from(e: HttpError) -> Self {
        if e.status().is_server_error() {
            WsError::Internal(e.message().to_string())
        } else {
            WsError::Bad(e.status(), e.message().to_string())
        }
    }
}

#[derive(Template)]
#[template(path = "ws_message.html")]
struct MessageT {
    chrome: Chrome,
    heading: String,
    detail: String,
    back: String,
    back_label: String,
}

impl WsError {
    /// The error as a page in `lang`.
    pub(crate) fn page(self, lang: Lang, uri: &Uri) -> Response {
        let (status, id, detail) = match self {
            WsError::Forbidden(d) => (StatusCode::FORBIDDEN, "ws-forbidden", d),
            WsError::NotFound => (StatusCode::NOT_FOUND, "web-error-not-found", String::new()),
            WsError::Conflict(d) => (StatusCode::CONFLICT, "ws-conflict", d),
            WsError::Bad(s, d) => (s, "web-error-bad-request", d),
            WsError::Internal(cause) => {
                tracing::error!(%cause, "workspace request failed");
                (StatusCode::INTERNAL_SERVER_ERROR, "web-error-server", String::new())
            }
        };
        message(lang, uri, status, &m(lang, id), &detail)
    }
}

/// A page with a heading, a detail and a way back to the workspace home.
pub(crate) fn message(lang: Lang, uri: &Uri, status: StatusCode, heading: &str, detail: &str) -> Response {
    let t = MessageT {
        chrome: Chrome::new(lang, uri, heading, Section::Other),
        heading: heading.to_string(),
        detail: detail.to_string(),
        back: format!("/{}/ws/", lang.code()),
        back_label: m(lang, "ws-home"),
    };
    page(status, t.render().unwrap_or_else(|_| heading.to_string()))
}

/// The signed-in user of a workspace page; without a live session the request is sent to the
/// sign-in page.
pub(crate) struct Viewer {
    pub lang: Lang,
    pub principal: Principal,
    pub csrf: String,
    pub sid_hash: String,
}

impl Viewer {
    /// Refuses a form whose CSRF token is not this session's.
    pub(crate) fn check_csrf(&self, token: &str) -> Result<(), WsError> {
        if same_secret(token, &self.csrf) { Ok(()) } else { Err(WsError::Forbidden(m(self.lang, "ws-csrf"))) }
    }

    /// The actor recorded in the audit trail.
    pub(crate) fn actor(&self) -> mp_store::Actor {
        mp_store::Actor::user(&self.principal)
    }
}

impl FromRequestParts<AppState> for Viewer {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, st: &AppState) -> Result<Self, Response> {
        let PageLang(lang) = PageLang::from_request_parts(parts, st).await?;
        let to_sign_in = || see_other(&format!("/{}/ws/sign-in", lang.code()));
        let Some(sid) = cookie(&parts.headers, SESSION_COOKIE) else { return Err(to_sign_in()) };
        let sid_hash = hash_token(sid);
        match st.store().session(&sid_hash).await {
            Ok(Some(s)) => Ok(Viewer { lang, principal: s.principal, csrf: s.csrf, sid_hash }),
            Ok(None) => Err(with_cookie(to_sign_in(), set_cookie(SESSION_COOKIE, "", 0))),
            Err(e) => Err(WsError::from(e).page(lang, &parts.uri)),
        }
    }
}
