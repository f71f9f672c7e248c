//! The documented JSON API under `/api/v1`, its OpenAPI description at `/api/openapi.json`, and
//! `/healthz`.
//!
//! Every answer is JSON (gzip when the client accepts it); every failure is
//! `{"error": {"status", "message"}}` with a 4xx for the client's mistakes and 503 when the store
//! cannot answer. Every successful `GET` carries an `ETag` and `Cache-Control: public,
//! max-age=300`, and any origin may read the API (CORS `*`).
//! The route table below is the one list of paths: the router is built from it, and the tests
//! compare it with the OpenAPI document in both directions. The document is generated from the
//! handlers' `#[utoipa::path]` attributes and the `ToSchema`/`IntoParams` types beside them
//! (`openapi.rs`); types other crates own are described in `schema.rs`.

mod answers;
mod catalogue;
mod document;
mod error;
pub(crate) mod forecasts;
mod observations;
pub mod openapi;
mod params;
mod profile;
mod quality;
mod registry;
pub mod schema;

pub use error::{ApiError, ApiResult};
pub use observations::{DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET};

use crate::AppState;
use crate::http::{Cached, JSON};
use axum::extract::{OriginalUri, Request};
use axum::http::header::{self, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get};
use axum::{Extension, Router};
use serde::Serialize;
use std::sync::Arc;
use tower_http::compression::CompressionLayer;

pub use openapi::document as openapi_document;

/// One routed endpoint: its path (OpenAPI syntax, also axum's) and the query parameters it accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Endpoint {
    /// The path, e.g. `/api/v1/indicators/{code}`.
    pub path: &'static str,
    /// The query parameters it accepts; any other is a 400.
    pub params: &'static [&'static str],
}

const THEMES: Endpoint = Endpoint { path: "/api/v1/themes", params: &[] };
const INDICATORS: Endpoint = Endpoint { path: "/api/v1/indicators", params: &["theme", "q"] };
const INDICATOR: Endpoint = Endpoint { path: "/api/v1/indicators/{code}", params: &[] };
const CODELISTS: Endpoint = Endpoint { path: "/api/v1/codelists", params: &[] };
const CODELIST: Endpoint = Endpoint { path: "/api/v1/codelists/{id}", params: &[] };
const AREAS: Endpoint = Endpoint { path: "/api/v1/areas", params: &["kind", "profile"] };
const AREA: Endpoint = Endpoint { path: "/api/v1/areas/{code}", params: &[] };
const SOURCES: Endpoint = Endpoint { path: "/api/v1/sources", params: &[] };
const OBSERVATIONS: Endpoint = Endpoint { path: "/api/v1/observations", params: observations::PARAMS };
const FORECASTS: Endpoint = Endpoint { path: "/api/v1/forecasts", params: forecasts::PARAMS };
const PROFILE: Endpoint = Endpoint { path: "/api/v1/countries/{iso3}/profile", params: &["edition"] };
const QUALITY_SCORES: Endpoint = Endpoint { path: "/api/v1/quality/scores", params: quality::AREA_PARAMS };
const QUALITY_CONFLICTS: Endpoint = Endpoint { path: "/api/v1/quality/conflicts", params: quality::CONFLICT_PARAMS };
const QUALITY_MIRROR: Endpoint = Endpoint { path: "/api/v1/quality/mirror", params: quality::AREA_PARAMS };
const QUALITY_FLAGS: Endpoint = Endpoint { path: "/api/v1/quality/flags", params: quality::AREA_PARAMS };
const REG_INSTRUMENTS: Endpoint = Endpoint { path: "/api/v1/registry/instruments", params: registry::PARAMS };
const REG_INSTITUTIONS: Endpoint = Endpoint { path: "/api/v1/registry/institutions", params: registry::PARAMS };
const REG_PROJECTS: Endpoint = Endpoint { path: "/api/v1/registry/projects", params: registry::PROJECT_PARAMS };
const SPEC: Endpoint = Endpoint { path: "/api/openapi.json", params: &[] };
const HEALTH: Endpoint = Endpoint { path: "/healthz", params: &[] };

fn table() -> Vec<(Endpoint, MethodRouter<AppState>)> {
    vec![
        (THEMES, get(catalogue::themes)),
        (INDICATORS, get(catalogue::indicators)),
        (INDICATOR, get(catalogue::indicator)),
        (CODELISTS, get(catalogue::codelists)),
        (CODELIST, get(catalogue::codelist)),
        (AREAS, get(catalogue::areas)),
        (AREA, get(catalogue::area)),
        (SOURCES, get(catalogue::sources)),
        (OBSERVATIONS, get(observations::observations)),
        (FORECASTS, get(forecasts::forecasts)),
        (PROFILE, get(profile::country_profile)),
        (QUALITY_SCORES, get(quality::scores)),
        (QUALITY_CONFLICTS, get(quality::conflicts)),
        (QUALITY_MIRROR, get(quality::mirror)),
        (QUALITY_FLAGS, get(quality::flags)),
        (REG_INSTRUMENTS, get(registry::instruments)),
        (REG_INSTITUTIONS, get(registry::institutions)),
        (REG_PROJECTS, get(registry::projects)),
        (SPEC, get(openapi_json)),
        (HEALTH, get(profile::healthz)),
    ]
}

/// Every endpoint the API routes, in the order of the route table.
pub fn endpoints() -> Vec<Endpoint> {
    table().into_iter().map(|(e, _)| e).collect()
}

/// The API routes and `/healthz`, to merge into the application router; answers that change
/// only with an import are kept per import generation of `state`'s store (see `answers`).
pub fn routes(state: &AppState) -> Router<AppState> {
    let mut api = Router::new();
    let mut root = Router::new();
    for (e, handler) in table() {
        match e.path.strip_prefix("/api") {
            Some(rest) => api = api.route(rest, handler),
            None => root = root.route(e.path, handler),
        }
    }
    // Compression outside the validator; a gzipped body then gets its own tag (`"…-gzip"`).
    let api = api
        .fallback(no_endpoint)
        .layer(Extension(Arc::new(crate::pages::Cache::default())))
        .layer(middleware::from_fn(api_layer))
        .layer(CompressionLayer::new().gzip(true))
        .layer(middleware::from_fn(crate::http::etag_per_encoding))
        .layer(middleware::from_fn_with_state((state.clone(), answers::Answers::default()), answers::layer));
    root.nest("/api", api)
}

/// A handler's JSON answer (the ETag and caching headers are added by [`api_layer`]).
pub(crate) fn json<T: Serialize + ?Sized>(v: &T) -> ApiResult<Response> {
    let body = serde_json::to_vec(v).map_err(|e| ApiError::internal(&e))?;
    Ok(([(header::CONTENT_TYPE, HeaderValue::from_static(JSON))], body).into_response())
}

/// `GET /api/openapi.json`
#[utoipa::path(get, path = "/api/openapi.json", tag = "meta", operation_id = "getOpenApi", summary = "This description",
    description = "The OpenAPI 3.1 description of the API, generated from the code that answers.",
    responses((status = 200, description = "This document.", body = openapi::OpenApiDocument),
        (status = 304, response = openapi::NotModified), (status = 400, response = openapi::BadRequest)))]
async fn openapi_json(p: params::Params) -> ApiResult<Response> {
    p.only(&[])?;
    let doc = openapi::document().map_err(|e| ApiError::internal(&e))?;
    Ok(([(header::CONTENT_TYPE, HeaderValue::from_static(JSON))], doc).into_response())
}

async fn no_endpoint(method: Method, OriginalUri(uri): OriginalUri) -> ApiError {
    ApiError::not_found(format!(
        "no API endpoint {method} {}: the endpoints are described at /api/openapi.json",
        crate::http::truncate(uri.path(), 80)
    ))
}

const ALLOWED_METHODS: &str = "GET, HEAD, OPTIONS";

/// CORS for any origin, JSON for 405, and `ETag`/`Cache-Control`/304 on every successful `GET`.
async fn api_layer(req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let mut res = if method == Method::OPTIONS {
        // A browser asks first when a script sends `If-None-Match` itself.
        let mut r = StatusCode::NO_CONTENT.into_response();
        let h = r.headers_mut();
        h.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static(ALLOWED_METHODS));
        h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static("Accept, If-None-Match, Cache-Control"));
        h.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("86400"));
        h.insert(header::ALLOW, HeaderValue::from_static(ALLOWED_METHODS));
        r
    } else {
        let headers = req.headers().clone();
        let res = next.run(req).await;
        if res.status() == StatusCode::METHOD_NOT_ALLOWED {
            let mut r =
                ApiError::new(StatusCode::METHOD_NOT_ALLOWED, format!("method {method} is not allowed: the API is read-only, use GET"))
                    .into_response();
            r.headers_mut().insert(header::ALLOW, HeaderValue::from_static(ALLOWED_METHODS));
            r
        } else if res.status() == StatusCode::OK && (method == Method::GET || method == Method::HEAD) {
            with_validator(res, &headers).await
        } else {
            res
        }
    };
    let h = res.headers_mut();
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    h.insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, HeaderValue::from_static("ETag"));
    res
}

/// The response again, with the shared helper's strong `ETag`, or a 304 when the client has it.
async fn with_validator(res: Response, request_headers: &axum::http::HeaderMap) -> Response {
    let (parts, body) = res.into_parts();
    let bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(b) => b,
        Err(e) => return ApiError::internal(&e).into_response(),
    };
    let content_type = parts.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or(JSON);
    Cached::new(content_type, bytes).respond(request_headers)
}
