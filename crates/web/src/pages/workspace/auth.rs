//! Signing in and out, changing one's password, and API tokens.
//!
//! Sign-in always makes a new session id (a session id planted before sign-in is never
//! promoted), throttles failures per account (after [`MAX_FAILURES`] in a row the account is
//! locked for [`LOCK_SECS`], recorded in the audit trail) and answers an unknown name exactly
//! like a wrong password, after the same argon2id work. Failures are also counted per client
//! address: after [`MAX_IP_FAILURES`] within [`IP_WINDOW_SECS`], that address is refused
//! before any password is checked (recorded once in the audit trail as `sign_in.throttled`),
//! which stops one machine trying a password against many accounts.

use super::{
    LOCK_SECS, MAX_FAILURES, PRE_COOKIE, SESSION_COOKIE, SESSION_SECS, Viewer, WsError, cookie, message, page, see_other, set_cookie,
    with_cookie,
};
use crate::pages::{Chrome, PageLang, Section, m, ma};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri, header::AUTHORIZATION};
use axum::response::{IntoResponse, Response};
use mp_domain::Lang;
use mp_store::{Actor, unix_now};
use mp_workspace::{dummy_hash, hash_password, hash_token, new_token, same_secret, verify_password};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "ws_signin.html")]
struct SignInT {
    chrome: Chrome,
    heading: String,
    action: String,
    csrf: String,
    login_label: String,
    password_label: String,
    submit: String,
    error: String,
    login: String,
}

fn sign_in_form(lang: Lang, uri: &Uri, status: StatusCode, error: String, login: &str) -> Result<Response, WsError> {
    let token = new_token().map_err(|e| WsError::Internal(e.to_string()))?;
    let heading = m(lang, "ws-sign-in");
    let t = SignInT {
        chrome: Chrome::new(lang, uri, &heading, Section::Other),
        heading,
        action: format!("/{}/ws/sign-in", lang.code()),
        csrf: token.as_str().to_string(),
        login_label: m(lang, "ws-login"),
        password_label: m(lang, "ws-password"),
        submit: m(lang, "ws-sign-in"),
        error,
        login: login.to_string(),
    };
    let body = t.render().map_err(|e| WsError::Internal(e.to_string()))?;
    Ok(with_cookie(page(status, body), set_cookie(PRE_COOKIE, token.as_str(), 1800)))
}

/// `GET /{lang}/ws/sign-in`
pub(crate) async fn sign_in_page(PageLang(lang): PageLang, uri: Uri) -> Response {
    sign_in_form(lang, &uri, StatusCode::OK, String::new(), "").unwrap_or_else(|e| e.page(lang, &uri))
}

/// The sign-in form.
#[derive(Deserialize)]
pub(crate) struct SignInForm {
    #[serde(default)]
    login: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    csrf: String,
}

/// Failed sign-ins from one client address within [`IP_WINDOW_SECS`] before it is refused.
pub(crate) const MAX_IP_FAILURES: usize = 20;
/// The window of [`MAX_IP_FAILURES`] (seconds).
pub(crate) const IP_WINDOW_SECS: u64 = 600;
/// Most addresses remembered; past it the oldest are forgotten (bounded memory under a flood).
const MAX_IPS: usize = 50_000;

/// The client's address, when the server knows it (the portal's own server always does).
pub(crate) struct ClientIp(Option<std::net::IpAddr>);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(parts.extensions.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>().map(|c| c.0.ip())))
    }
}

/// Recent failed sign-ins by client address, in this process.
fn ip_failures() -> &'static std::sync::Mutex<std::collections::HashMap<std::net::IpAddr, std::collections::VecDeque<std::time::Instant>>> {
    static F: std::sync::OnceLock<
        std::sync::Mutex<std::collections::HashMap<std::net::IpAddr, std::collections::VecDeque<std::time::Instant>>>,
    > = std::sync::OnceLock::new();
    F.get_or_init(Default::default)
}

/// How many failures `ip` has within the window (older ones are forgotten).
fn recent_failures(ip: std::net::IpAddr) -> usize {
    let window = std::time::Duration::from_secs(IP_WINDOW_SECS);
    let Ok(mut map) = ip_failures().lock() else { return 0 };
    let Some(q) = map.get_mut(&ip) else { return 0 };
    while q.front().is_some_and(|t| t.elapsed() > window) {
        q.pop_front();
    }
    q.len()
}

/// Counts a failure of `ip`; true when this one reaches the limit.
fn ip_failed(ip: std::net::IpAddr) -> bool {
    let n = recent_failures(ip);
    let Ok(mut map) = ip_failures().lock() else { return false };
    if map.len() >= MAX_IPS && !map.contains_key(&ip) {
        let window = std::time::Duration::from_secs(IP_WINDOW_SECS);
        map.retain(|_, q| q.back().is_some_and(|t| t.elapsed() <= window));
        if map.len() >= MAX_IPS {
            map.clear();
        }
    }
    map.entry(ip).or_default().push_back(std::time::Instant::now());
    n + 1 == MAX_IP_FAILURES
}

/// `POST /{lang}/ws/sign-in`
pub(crate) async fn sign_in(
    State(st): State<AppState>,
    PageLang(lang): PageLang,
    uri: Uri,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Form(f): Form<SignInForm>,
) -> Response {
    let run = async {
        if let Some(ip) = ip
            && recent_failures(ip) >= MAX_IP_FAILURES
        {
            return sign_in_form(lang, &uri, StatusCode::TOO_MANY_REQUESTS, m(lang, "ws-ip-throttled"), &f.login);
        }
        let login = f.login.clone();
        let res = sign_in_inner(&st, lang, &uri, &headers, f).await?;
        if let Some(ip) = ip
            && matches!(res.status(), StatusCode::UNAUTHORIZED | StatusCode::TOO_MANY_REQUESTS)
            && ip_failed(ip)
        {
            let after = serde_json::json!({ "failures": MAX_IP_FAILURES, "window_secs": IP_WINDOW_SECS, "last_login": login }).to_string();
            st.store()
                .audit_record(&Actor { id: None, name: format!("ip:{ip}") }, "sign_in.throttled", &format!("ip:{ip}"), "", &after)
                .await?;
        }
        Ok(res)
    };
    run.await.unwrap_or_else(|e: WsError| e.page(lang, &uri))
}

async fn sign_in_inner(st: &AppState, lang: Lang, uri: &Uri, headers: &HeaderMap, f: SignInForm) -> Result<Response, WsError> {
    // The form's token must match the cookie set with it: another site cannot sign a browser in.
    match cookie(headers, PRE_COOKIE) {
        Some(c) if same_secret(c, &f.csrf) => {}
        _ => return Err(WsError::Forbidden(m(lang, "ws-csrf"))),
    }
    let user = st.store().user_auth(&f.login).await?;
    let now = unix_now();
    if let Some(u) = &user
        && u.locked_until > now
    {
        return sign_in_form(lang, uri, StatusCode::TOO_MANY_REQUESTS, m(lang, "ws-locked"), &f.login);
    }
    let stored = user.as_ref().map(|u| u.password_hash.clone()).unwrap_or_else(|| dummy_hash().to_string());
    let password = f.password;
    let good = tokio::task::spawn_blocking(move || verify_password(&password, &stored)).await.unwrap_or(false);
    let Some(u) = user.filter(|u| !u.disabled) else {
        return sign_in_form(lang, uri, StatusCode::UNAUTHORIZED, m(lang, "ws-bad-credentials"), &f.login);
    };
    if !good {
        let locked = st.store().sign_in_failed(&u, MAX_FAILURES, LOCK_SECS).await?;
        let (status, msg) =
            if locked { (StatusCode::TOO_MANY_REQUESTS, "ws-locked") } else { (StatusCode::UNAUTHORIZED, "ws-bad-credentials") };
        return sign_in_form(lang, uri, status, m(lang, msg), &f.login);
    }
    // A new session id at every sign-in; an older session of this browser ends.
    if let Some(old) = cookie(headers, SESSION_COOKIE) {
        st.store().sign_out(&hash_token(old), &Actor { id: Some(u.id), name: u.login.clone() }).await?;
    }
    let sid = new_token().map_err(|e| WsError::Internal(e.to_string()))?;
    let csrf = new_token().map_err(|e| WsError::Internal(e.to_string()))?;
    st.store().sign_in(u.id, &u.login, &hash_token(sid.as_str()), csrf.as_str(), SESSION_SECS).await?;
    let res = see_other(&format!("/{}/ws/", lang.code()));
    let res = with_cookie(res, set_cookie(SESSION_COOKIE, sid.as_str(), SESSION_SECS));
    Ok(with_cookie(res, set_cookie(PRE_COOKIE, "", 0)))
}

/// A form that carries only its CSRF token.
#[derive(Deserialize)]
pub(crate) struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

/// `POST /{lang}/ws/sign-out`
pub(crate) async fn sign_out(State(st): State<AppState>, v: Viewer, uri: Uri, Form(f): Form<CsrfForm>) -> Response {
    let run = async {
        v.check_csrf(&f.csrf)?;
        st.store().sign_out(&v.sid_hash, &v.actor()).await?;
        Ok::<_, WsError>(with_cookie(see_other(&format!("/{}/", v.lang.code())), set_cookie(SESSION_COOKIE, "", 0)))
    };
    run.await.unwrap_or_else(|e| e.page(v.lang, &uri))
}

#[derive(Template)]
#[template(path = "ws_password.html")]
struct PasswordT {
    chrome: Chrome,
    heading: String,
    action: String,
    csrf: String,
    current_label: String,
    new_label: String,
    hint: String,
    submit: String,
    error: String,
}

fn password_form(v: &Viewer, uri: &Uri, status: StatusCode, error: String) -> Response {
    let lang = v.lang;
    let heading = m(lang, "ws-change-password");
    let t = PasswordT {
        chrome: Chrome::new(lang, uri, &heading, Section::Other),
        heading,
        action: format!("/{}/ws/password", lang.code()),
        csrf: v.csrf.clone(),
        current_label: m(lang, "ws-current-password"),
        new_label: m(lang, "ws-new-password"),
        hint: ma(lang, "ws-password-hint", &[("min", &mp_workspace::secret::MIN_PASSWORD_CHARS.to_string())]),
        submit: m(lang, "ws-change-password"),
        error,
    };
    match t.render() {
        Ok(body) => page(status, body),
        Err(e) => WsError::Internal(e.to_string()).page(lang, uri),
    }
}

/// `GET /{lang}/ws/password`
pub(crate) async fn password_page(v: Viewer, uri: Uri) -> Response {
    password_form(&v, &uri, StatusCode::OK, String::new())
}

/// The password form.
#[derive(Deserialize)]
pub(crate) struct PasswordForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    current: String,
    #[serde(default)]
    new: String,
}

/// `POST /{lang}/ws/password`: the current password is asked again; the other sessions end.
pub(crate) async fn password(State(st): State<AppState>, v: Viewer, uri: Uri, Form(f): Form<PasswordForm>) -> Response {
    let run = async {
        v.check_csrf(&f.csrf)?;
        let u = st.store().user_auth(&v.principal.login).await?.ok_or(WsError::NotFound)?;
        let (current, stored) = (f.current.clone(), u.password_hash.clone());
        if !tokio::task::spawn_blocking(move || verify_password(&current, &stored)).await.unwrap_or(false) {
            return Ok(password_form(&v, &uri, StatusCode::UNAUTHORIZED, m(v.lang, "ws-bad-credentials")));
        }
        let new = f.new.clone();
        let hashed = match tokio::task::spawn_blocking(move || hash_password(&new)).await {
            Ok(Ok(h)) => h,
            Ok(Err(mp_workspace::PasswordError::Hashing(e))) => return Err(WsError::Internal(e)),
            Ok(Err(_)) => {
                let hint = ma(v.lang, "ws-password-hint", &[("min", &mp_workspace::secret::MIN_PASSWORD_CHARS.to_string())]);
                return Ok(password_form(&v, &uri, StatusCode::BAD_REQUEST, hint));
            }
            Err(e) => return Err(WsError::Internal(e.to_string())),
        };
        st.store().user_set_password(v.principal.user_id, &hashed, Some(&v.sid_hash), &v.actor(), "user.password").await?;
        Ok(message(v.lang, &uri, StatusCode::OK, &m(v.lang, "ws-password-changed"), ""))
    };
    run.await.unwrap_or_else(|e: WsError| e.page(v.lang, &uri))
}

struct TokenView {
    id: i64,
    label: String,
    created: String,
    revoked: String,
    revoke_action: String,
}

#[derive(Template)]
#[template(path = "ws_tokens.html")]
struct TokensT {
    chrome: Chrome,
    heading: String,
    intro: String,
    csrf: String,
    action: String,
    label_label: String,
    create: String,
    revoke: String,
    revoked_label: String,
    tokens: Vec<TokenView>,
    fresh: String,
    fresh_label: String,
}

async fn tokens_view(st: &AppState, v: &Viewer, uri: &Uri, fresh: String) -> Result<Response, WsError> {
    let lang = v.lang;
    let heading = m(lang, "ws-tokens");
    let tokens = st
        .store()
        .tokens(v.principal.user_id)
        .await?
        .into_iter()
        .map(|t| TokenView {
            id: t.id,
            label: t.label,
            created: t.created_at,
            revoked: t.revoked_at.unwrap_or_default(),
            revoke_action: format!("/{}/ws/tokens/{}/revoke", lang.code(), t.id),
        })
        .collect();
    let t = TokensT {
        chrome: Chrome::new(lang, uri, &heading, Section::Other),
        heading,
        intro: m(lang, "ws-tokens-intro"),
        csrf: v.csrf.clone(),
        action: format!("/{}/ws/tokens", lang.code()),
        label_label: m(lang, "ws-token-label"),
        create: m(lang, "ws-token-create"),
        revoke: m(lang, "ws-token-revoke"),
        revoked_label: m(lang, "ws-token-revoked"),
        tokens,
        fresh,
        fresh_label: m(lang, "ws-token-shown-once"),
    };
    Ok(page(StatusCode::OK, t.render().map_err(|e| WsError::Internal(e.to_string()))?))
}

/// `GET /{lang}/ws/tokens`
pub(crate) async fn tokens_page(State(st): State<AppState>, v: Viewer, uri: Uri) -> Response {
    tokens_view(&st, &v, &uri, String::new()).await.unwrap_or_else(|e| e.page(v.lang, &uri))
}

/// The new-token form.
#[derive(Deserialize)]
pub(crate) struct TokenForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    label: String,
}

/// `POST /{lang}/ws/tokens`: the token is shown once; only its hash is kept.
pub(crate) async fn token_add(State(st): State<AppState>, v: Viewer, uri: Uri, Form(f): Form<TokenForm>) -> Response {
    let run = async {
        v.check_csrf(&f.csrf)?;
        let token = new_token().map_err(|e| WsError::Internal(e.to_string()))?;
        let label: String = f.label.trim().chars().take(80).collect();
        st.store().token_add(v.principal.user_id, &hash_token(token.as_str()), &label, &v.actor()).await?;
        tokens_view(&st, &v, &uri, token.as_str().to_string()).await
    };
    run.await.unwrap_or_else(|e| e.page(v.lang, &uri))
}

/// `POST /{lang}/ws/tokens/{id}/revoke`: only one's own tokens.
pub(crate) async fn token_revoke(
    State(st): State<AppState>,
    v: Viewer,
    uri: Uri,
    Path((_, id)): Path<(String, i64)>,
    Form(f): Form<CsrfForm>,
) -> Response {
    let run = async {
        v.check_csrf(&f.csrf)?;
        match st.store().token_revoke(v.principal.user_id, id, &v.actor()).await {
            Ok(()) => Ok(see_other(&format!("/{}/ws/tokens", v.lang.code()))),
            Err(mp_store::StoreError::Refused(_)) => Err(WsError::NotFound),
            Err(e) => Err(e.into()),
        }
    };
    run.await.unwrap_or_else(|e| e.page(v.lang, &uri))
}

/// The owner of the `Authorization: Bearer …` token, or the 401 answer.
pub(crate) async fn bearer(st: &AppState, headers: &HeaderMap) -> Result<mp_workspace::Principal, Response> {
    let unauthorized = || {
        let mut r = (
            StatusCode::UNAUTHORIZED,
            axum::Json(serde_json::json!({ "error": "a live API token is needed: Authorization: Bearer TOKEN" })),
        )
            .into_response();
        r.headers_mut().insert(axum::http::header::WWW_AUTHENTICATE, axum::http::HeaderValue::from_static("Bearer"));
        r
    };
    let Some(token) = headers.get(AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer ")) else {
        return Err(unauthorized());
    };
    match st.store().token_principal(&hash_token(token.trim())).await {
        Ok(Some(p)) => Ok(p),
        Ok(None) => Err(unauthorized()),
        Err(e) => {
            tracing::error!(error = %e, "reading an API token");
            Err((StatusCode::INTERNAL_SERVER_ERROR, "the server could not answer this request; the error has been logged").into_response())
        }
    }
}

/// `GET /ws/api/me`: who the token acts as, and with which roles.
pub(crate) async fn api_me(State(st): State<AppState>, headers: HeaderMap) -> Response {
    match bearer(&st, &headers).await {
        Ok(p) => axum::Json(p).into_response(),
        Err(r) => r,
    }
}
