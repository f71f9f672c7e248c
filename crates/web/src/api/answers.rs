//! Answers that change only with an import, kept once made.
//!
//! The observations and the catalogue are functions of the imported data and of the framework
//! and areas loaded at start-up, so the finished response to a `GET` (after compression and
//! with its `ETag`) is kept, keyed by its address and `Accept-Encoding`, for as long as the
//! store's import generation ([`mp_store::Store::import_generation`]) stays the same: one small
//! query per request instead of a store query, a JSON serialisation, a gzip and a hash. A new
//! import starts an empty cache. Requests with a validator (`If-None-Match`) and every other
//! method go through as before, so a 304 is decided exactly as without the cache.

use crate::AppState;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header::{ACCEPT_ENCODING, IF_NONE_MATCH};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Endpoints whose answer depends on nothing but imported data, the framework and the areas.
const CACHED: &[&str] = &["/v1/observations", "/v1/themes", "/v1/indicators", "/v1/codelists", "/v1/areas", "/v1/sources", "/openapi.json"];

/// Most answers kept per generation, and most bytes: past either the cache starts again empty,
/// so odd query strings or huge pages cannot make it grow without end.
const MAX_ANSWERS: usize = 2_000;
const MAX_BYTES: usize = 64 << 20;

type Generation = (i64, Option<i64>);

#[derive(Clone)]
struct Answer {
    headers: HeaderMap,
    body: Bytes,
}

#[derive(Default)]
struct Kept {
    generation: Option<Generation>,
    answers: HashMap<(String, Vec<u8>), Answer>,
    bytes: usize,
}

/// The answers of one router.
#[derive(Default, Clone)]
pub(crate) struct Answers {
    kept: Arc<Mutex<Kept>>,
}

fn cacheable(req: &Request) -> bool {
    let path = req.uri().path();
    req.method() == Method::GET
        && !req.headers().contains_key(IF_NONE_MATCH)
        && CACHED.iter().any(|p| path == *p || path.strip_prefix(p).is_some_and(|rest| rest.starts_with('/')))
}

/// The middleware: a kept answer, or the inner stack's answer, kept when it is a 200.
pub(crate) async fn layer(State((st, answers)): State<(AppState, Answers)>, req: Request, next: Next) -> Response {
    if !cacheable(&req) {
        return next.run(req).await;
    }
    let Ok(generation) = st.store().import_generation().await else {
        // The handler will say what is wrong with the store.
        return next.run(req).await;
    };
    let uri = req.uri().to_string();
    let encoding = req.headers().get_all(ACCEPT_ENCODING).iter().flat_map(|v| [v.as_bytes(), b","]).flatten().copied().collect();
    let key = (uri, encoding);
    {
        let mut kept = answers.kept.lock().unwrap_or_else(|e| e.into_inner());
        if kept.generation != Some(generation) {
            *kept = Kept { generation: Some(generation), ..Kept::default() };
        } else if let Some(a) = kept.answers.get(&key) {
            let mut res = Response::new(Body::from(a.body.clone()));
            *res.headers_mut() = a.headers.clone();
            return res;
        }
    }
    let res = next.run(req).await;
    if res.status() != StatusCode::OK {
        return res;
    }
    let (parts, body) = res.into_parts();
    let body = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(b) => b,
        Err(e) => return super::ApiError::internal(&e).into_response(),
    };
    let mut kept = answers.kept.lock().unwrap_or_else(|e| e.into_inner());
    // Kept only under the generation it was asked in; an import meanwhile started a new one.
    if kept.generation == Some(generation) {
        if kept.answers.len() >= MAX_ANSWERS || kept.bytes + body.len() > MAX_BYTES {
            kept.answers.clear();
            kept.bytes = 0;
        }
        if body.len() <= MAX_BYTES {
            kept.bytes += body.len();
            kept.answers.insert(key, Answer { headers: parts.headers.clone(), body: body.clone() });
        }
    }
    Response::from_parts(parts, Body::from(body))
}
