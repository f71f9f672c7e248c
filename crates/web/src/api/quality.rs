//! `GET /api/v1/quality/…`: the data quality results the profiles' quality sections and the
//! portal's quality pages show, as JSON: stored quality scores and mirror-statistics gaps (with
//! their evidence and observation ids), conflicts between sources, and the flags raised on
//! figures with their reviews. Every endpoint takes `area` (one or more profile countries,
//! comma-separated or repeated; all of them when left out).

use super::catalogue::find_area;
use super::error::{ApiError, ApiResult};
use super::json;
use super::params::Params;
use crate::AppState;
use axum::extract::State;
use axum::response::Response;
use mp_domain::AreaCode;
use serde::Serialize;

/// Query parameters of the scores, mirror and flags endpoints.
pub const AREA_PARAMS: &[&str] = &["area"];
/// Query parameters of the conflicts endpoint.
pub const CONFLICT_PARAMS: &[&str] = &["area", "threshold", "limit"];
/// Conflicts listed when `limit` is left out, and at most.
const DEFAULT_LIMIT: u64 = 100;
const MAX_LIMIT: u64 = 5_000;

/// The countries of `area`, or every profile country.
fn areas(st: &AppState, p: &Params) -> ApiResult<Vec<AreaCode>> {
    let mut out = Vec::new();
    for a in p.many("area")? {
        let area = find_area(st, "parameter `area`", a)?;
        if !out.contains(&area.code) {
            out.push(area.code.clone());
        }
    }
    if out.is_empty() {
        out = st.areas().profile_countries().iter().map(|a| a.code.clone()).collect();
    }
    Ok(out)
}

/// A list answer, `{"data": […]}` like every list of the API.
#[derive(Serialize)]
struct List<T: Serialize> {
    data: Vec<T>,
}

fn list<T: Serialize>(data: Vec<T>) -> ApiResult<Response> {
    json(&List { data })
}

fn service(e: mp_service::ServiceError) -> ApiError {
    ApiError::from(crate::http::HttpError::from(e))
}

/// `GET /api/v1/quality/scores?area=SEN`: the newest quality scores (DQA.SCORE) by country,
/// source type and quality dimension, with their evidence.
pub async fn scores(State(st): State<AppState>, p: Params) -> ApiResult<Response> {
    p.only(AREA_PARAMS)?;
    let areas = areas(&st, &p)?;
    list(mp_service::quality::scores(st.store(), &areas).await.map_err(service)?)
}

/// `GET /api/v1/quality/mirror?area=SEN`: the newest mirror-statistics gaps (DQA.MIRROR_GAP),
/// overall and by corridor, largest first.
pub async fn mirror(State(st): State<AppState>, p: Params) -> ApiResult<Response> {
    p.only(AREA_PARAMS)?;
    let areas = areas(&st, &p)?;
    list(mp_service::quality::mirror_gaps(st.store(), &areas).await.map_err(service)?)
}

/// One source's value in a conflict.
#[derive(Serialize)]
struct ValueOut {
    dataset: String,
    value: f64,
    observation_id: Option<i64>,
}

/// A figure that two or more sources publish with different values.
#[derive(Serialize)]
struct ConflictOut {
    indicator: String,
    area: String,
    period: String,
    dimensions: String,
    values: Vec<ValueOut>,
    relative_difference: f64,
    shown: String,
    why: String,
}

/// `GET /api/v1/quality/conflicts?area=SEN&threshold=0.05&limit=100`: figures published by two
/// or more sources more than `threshold` apart (relative difference, default 0.05), largest
/// first, with the value the profile shows and why.
pub async fn conflicts(State(st): State<AppState>, p: Params) -> ApiResult<Response> {
    p.only(CONFLICT_PARAMS)?;
    let areas = areas(&st, &p)?;
    let threshold = match p.one("threshold")? {
        None => mp_service::quality::CONFLICT_THRESHOLD,
        Some(t) => t.parse::<f64>().ok().filter(|v| v.is_finite() && (0.0..=10.0).contains(v)).ok_or_else(|| {
            ApiError::bad_request(format!(
                "parameter `threshold`: `{}` is not a relative difference between 0 and 10 (0.05 = 5 %)",
                super::params::shown(t)
            ))
        })?,
    };
    let limit = p.number("limit", DEFAULT_LIMIT, 1, MAX_LIMIT)?;
    let found = mp_service::quality::conflicts(st.store(), &areas, &st.profile_template().prefer, threshold).await.map_err(service)?;
    let items: Vec<ConflictOut> = found
        .into_iter()
        .take(limit as usize)
        .map(|c| ConflictOut {
            indicator: c.indicator.to_string(),
            area: c.area.to_string(),
            period: c.period.to_string(),
            dimensions: c.dims.to_string(),
            values: c
                .values
                .into_iter()
                .map(|v| ValueOut { dataset: v.dataset.to_string(), value: v.value, observation_id: v.observation_id })
                .collect(),
            relative_difference: c.relative_difference,
            shown: c.shown.to_string(),
            why: c.why,
        })
        .collect();
    list(items)
}

/// `GET /api/v1/quality/flags?area=SEN`: warnings of the validation rules and outlier flags
/// stored with the figures, with the reviewers' verdicts.
pub async fn flags(State(st): State<AppState>, p: Params) -> ApiResult<Response> {
    p.only(AREA_PARAMS)?;
    let areas = areas(&st, &p)?;
    let mut out = Vec::new();
    for a in &areas {
        out.extend(st.store().quality_flags(Some(a.as_str())).await?);
    }
    list(out)
}
