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
use utoipa::{IntoParams, ToSchema};

use super::document::schema::Document;
use super::openapi::{BadRequest, NotFound, NotModified, Unavailable};

/// The query parameters of `GET /api/v1/countries/{iso3}/profile`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // Describes the parameters; the handler reads them with [`Params`].
pub(super) struct ProfileQuery {
    /// Label of a frozen edition (e.g. 2025) instead of live data. Unknown edition: 404.
    #[param(value_type = String, required = false, min_length = 1, example = "2025")]
    edition: Option<String>,
}

/// `GET /api/v1/countries/{ISO3}/profile?edition=2026`
#[utoipa::path(get, path = "/api/v1/countries/{iso3}/profile", tag = "profiles", operation_id = "getCountryProfile",
    summary = "A country's Migration Profile document",
    description = "The language-neutral document the profile pages and the PDF are rendered from, built from live data (or from a frozen edition with `edition`). Built once per state of the store (latest import, day, narrative) and shared with the portal pages.",
    params(("iso3" = String, Path, description = "ISO alpha-3 code of a country, case-insensitive. A group code is a 400; an unknown country a 404.", example = "SEN"),
        ProfileQuery),
    responses((status = 200, description = "The document.", body = Document),
        (status = 304, response = NotModified), (status = 400, response = BadRequest), (status = 404, response = NotFound),
        (status = 503, response = Unavailable)))]
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

/// What the health check says.
#[derive(Serialize, ToSchema)]
pub(super) struct Health<'a> {
    /// Always `ok` (a failing store is a 503).
    status: HealthStatus,
    /// Version of the framework loaded in the store.
    #[schema(required = true)]
    framework: Option<&'a str>,
}

/// The status of a healthy server.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub(super) enum HealthStatus {
    /// The store answers.
    Ok,
}

/// `GET /healthz`: 200 when the store answers, 503 when it does not (for load balancers).
#[utoipa::path(get, path = "/healthz", tag = "meta", operation_id = "health", summary = "Health check",
    description = "200 when the store answers, 503 when it does not. Not cached, no CORS.",
    responses((status = 200, description = "The store answers.", body = Health), (status = 503, response = Unavailable)))]
pub async fn healthz(State(st): State<AppState>) -> ApiResult<Response> {
    let version = st.store().framework_version().await?;
    json(&Health { status: HealthStatus::Ok, framework: version.as_deref() })
}
