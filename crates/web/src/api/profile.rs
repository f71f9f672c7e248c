//! A country's profile as the language-neutral document every renderer uses, and the health check.
//!
//! Documents come from the portal's cache (`pages::Cache`): built once per state of the store
//! (latest import, day, narrative), so a new import shows at once and repeated requests cost a
//! serialisation, not a rebuild.

use super::catalogue::segment;
use super::error::{ApiError, ApiResult};
use super::params::Params;
use super::{document, json};
use crate::AppState;
use crate::pages::Cache;
use axum::Extension;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::response::Response;
use mp_domain::{AreaCode, AreaKind, Iso3};
use serde::Serialize;
use std::sync::Arc;

/// `GET /api/v1/countries/{ISO3}/profile?edition=2026`
pub async fn country_profile(
    State(st): State<AppState>,
    Extension(cache): Extension<Arc<Cache>>,
    path: Result<Path<String>, PathRejection>,
    p: Params,
) -> ApiResult<Response> {
    p.only(&["edition"])?;
    let given = segment(path)?;
    let iso = Iso3::parse(&given.to_ascii_uppercase())
        .map_err(|e| ApiError::bad_request(format!("country code in the path: {e} (groups such as ECOWAS have no country profile)")))?;
    let code = AreaCode::Country(iso);
    match st.areas().get(&code) {
        Some(a) if a.kind == AreaKind::Country => {}
        _ => return Err(ApiError::not_found(format!("no country {code}: see /api/v1/areas?kind=country for the codes"))),
    }
    let edition = p.one("edition")?;
    let generation = cache.generation(&st).await?;
    let doc = generation.document(&st, &code, edition).await.map_err(|e| {
        let e = ApiError::from(e);
        if e.status == axum::http::StatusCode::NOT_FOUND {
            ApiError::not_found(format!("parameter `edition`: {}; leave `edition` out for the live profile", e.message))
        } else {
            e
        }
    })?;
    json(&document::Json(doc.as_ref()))
}

#[derive(Serialize)]
struct Health<'a> {
    status: &'static str,
    framework: Option<&'a str>,
}

/// `GET /healthz`: 200 when the store answers, 503 when it does not (for load balancers).
pub async fn healthz(State(st): State<AppState>) -> ApiResult<Response> {
    let version = st.store().framework_version().await?;
    json(&Health { status: "ok", framework: version.as_deref() })
}
