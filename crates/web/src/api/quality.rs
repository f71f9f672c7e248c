//! `GET /api/v1/quality/…`: the data quality results the profiles' quality sections and the
//! portal's quality pages show, as JSON: stored quality scores and mirror-statistics gaps (with
//! their evidence and observation ids), conflicts between sources, and the flags raised on
//! figures with their reviews. Every endpoint takes `area` (one or more profile countries,
//! comma-separated or repeated; all of them when left out).

use super::catalogue::{List, find_area};
use super::error::{ApiError, ApiResult};
use super::json;
use super::openapi::{BadRequest, NotFound, NotModified, Unavailable};
use super::params::Params;
use crate::AppState;
use axum::extract::State;
use axum::response::Response;
use mp_domain::AreaCode;
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};

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

fn list<T: Serialize>(data: Vec<T>) -> ApiResult<Response> {
    json(&List { data })
}

fn service(e: mp_service::ServiceError) -> ApiError {
    ApiError::from(crate::http::HttpError::from(e))
}

/// The query parameter of the scores, mirror and flags endpoints.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // Describes the parameters; the handler reads them with [`Params`].
pub(super) struct AreaQuery {
    /// Profile countries (ISO alpha-3 or M49), comma-separated or repeated; every profile country
    /// when left out. Unknown area: 404.
    #[param(value_type = String, required = false, example = "SEN")]
    area: Option<String>,
}

/// The query parameters of the conflicts endpoint.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // Describes the parameters; the handler reads them with [`Params`].
pub(super) struct ConflictQuery {
    /// Profile countries (ISO alpha-3 or M49), comma-separated or repeated; every profile country
    /// when left out. Unknown area: 404.
    #[param(value_type = String, required = false, example = "SEN")]
    area: Option<String>,
    /// Smallest relative difference listed, (largest − smallest) / mean of the absolute values,
    /// between 0 and 10. Default 0.05 (5 %).
    #[param(value_type = f64, required = false, minimum = 0, maximum = 10, default = 0.05, example = 0.1)]
    threshold: Option<f64>,
    /// How many to list, 1 to 5000. Default 100.
    #[param(value_type = u64, required = false, minimum = 1, maximum = 5000, default = 100, example = 20)]
    limit: Option<u64>,
}

/// One stored quality score.
#[derive(Serialize, ToSchema)]
#[schema(as = QualityScore)]
pub(super) struct ScoreOut {
    /// Country.
    area: String,
    /// Year of the assessment.
    period: String,
    /// DQA_DIMENSION code (TIMELINESS, COHERENCE…); null for the weighted composite.
    #[schema(required = true)]
    dimension: Option<String>,
    /// SOURCE_TYPE code; null for all sources.
    #[schema(required = true)]
    source_type: Option<String>,
    /// ASSESSED_SOURCE code: the data source scored (`unhcr`, `wb-wdi`…, `NATIONAL` for the
    /// country's national submissions); null for the country's data as a whole.
    #[schema(required = true)]
    source: Option<String>,
    /// 0 (very weak) to 3 (good).
    score: f64,
    /// How the score was obtained.
    #[schema(required = true)]
    evidence: Option<String>,
    /// `source@vintage` of the stored score.
    dataset: String,
    /// The observation's id in the store.
    observation_id: i64,
}

impl From<mp_service::quality::ScoreOut> for ScoreOut {
    fn from(s: mp_service::quality::ScoreOut) -> Self {
        // Spelled out so that a field added in the service fails to compile here until documented.
        let mp_service::quality::ScoreOut { area, period, dimension, source_type, source, score, evidence, dataset, observation_id } = s;
        ScoreOut { area, period, dimension, source_type, source, score, evidence, dataset, observation_id }
    }
}

/// `GET /api/v1/quality/scores?area=SEN`: the newest quality scores (DQA.SCORE) by country,
/// data source and quality dimension, with their evidence.
#[utoipa::path(get, path = "/api/v1/quality/scores", tag = "quality", operation_id = "listQualityScores",
    summary = "Quality scores of the data on each country",
    description = "The newest source quality scores (indicator DQA.SCORE, 0–3) of each country by data source (`source`: the store's source code, `NATIONAL` for the country's national submissions; null for the country's data as a whole, the mean of its sources' scores) and quality dimension (IMF DQAF / UN NQAF), with the weighted composite (`dimension` null) and the evidence of each score; computed by `mprofile quality assess` from the stored data or entered by the Technical Working Group. The same figures as the quality section of the profiles.",
    params(AreaQuery),
    responses((status = 200, description = "The scores.", body = List<ScoreOut>),
        (status = 304, response = NotModified), (status = 400, response = BadRequest), (status = 404, response = NotFound),
        (status = 503, response = Unavailable)))]
pub async fn scores(State(st): State<AppState>, p: Params) -> ApiResult<Response> {
    p.only(AREA_PARAMS)?;
    let areas = areas(&st, &p)?;
    let found = mp_service::quality::scores(st.store(), &areas).await.map_err(service)?;
    list(found.into_iter().map(ScoreOut::from).collect())
}

/// One stored mirror-statistics gap.
#[derive(Serialize, ToSchema)]
#[schema(as = QualityMirror)]
pub(super) struct MirrorOut {
    /// Country of origin.
    area: String,
    /// Country of destination; null for the gap over all corridors.
    #[schema(required = true)]
    partner: Option<String>,
    /// Year compared.
    period: String,
    /// Gap in percent.
    gap_percent: f64,
    /// The two counts compared.
    #[schema(required = true)]
    evidence: Option<String>,
    /// `source@vintage` of the stored gap.
    dataset: String,
    /// The observation's id in the store.
    observation_id: i64,
}

impl From<mp_service::quality::MirrorOut> for MirrorOut {
    fn from(m: mp_service::quality::MirrorOut) -> Self {
        let mp_service::quality::MirrorOut { area, partner, period, gap_percent, evidence, dataset, observation_id } = m;
        MirrorOut { area, partner, period, gap_percent, evidence, dataset, observation_id }
    }
}

/// `GET /api/v1/quality/mirror?area=SEN`: the newest mirror-statistics gaps (DQA.MIRROR_GAP),
/// overall and by corridor, largest first.
#[utoipa::path(get, path = "/api/v1/quality/mirror", tag = "quality", operation_id = "listQualityMirror",
    summary = "Mirror-statistics gaps",
    description = "The newest mirror-statistics gaps (indicator DQA.MIRROR_GAP) of each country: what two reporters count for the same bilateral corridor (the World Bank/KNOMAD bilateral matrix against the destination countries' counts in UN DESA), overall (`partner` null) and for the corridors with the largest gaps, with the counts compared.",
    params(AreaQuery),
    responses((status = 200, description = "The gaps.", body = List<MirrorOut>),
        (status = 304, response = NotModified), (status = 400, response = BadRequest), (status = 404, response = NotFound),
        (status = 503, response = Unavailable)))]
pub async fn mirror(State(st): State<AppState>, p: Params) -> ApiResult<Response> {
    p.only(AREA_PARAMS)?;
    let areas = areas(&st, &p)?;
    let found = mp_service::quality::mirror_gaps(st.store(), &areas).await.map_err(service)?;
    list(found.into_iter().map(MirrorOut::from).collect())
}

/// One source's value in a conflict.
#[derive(Serialize, ToSchema)]
struct ValueOut {
    /// `source@vintage`.
    dataset: String,
    /// The value.
    value: f64,
    /// The observation's id in the store.
    #[schema(required = true)]
    observation_id: Option<i64>,
}

/// A figure two or more sources publish with different values.
#[derive(Serialize, ToSchema)]
#[schema(as = QualityConflict)]
pub(super) struct ConflictOut {
    /// Indicator code.
    indicator: String,
    /// Area code.
    area: String,
    /// Period.
    period: String,
    /// Dimension key, e.g. `SEX=F`; empty for the total.
    dimensions: String,
    /// Every source's value, the one shown first.
    #[schema(inline)]
    values: Vec<ValueOut>,
    /// (largest − smallest) / mean of the absolute values.
    relative_difference: f64,
    /// `source@vintage` of the value the profile shows.
    shown: String,
    /// Why that one.
    why: String,
}

/// `GET /api/v1/quality/conflicts?area=SEN&threshold=0.05&limit=100`: figures published by two
/// or more sources more than `threshold` apart (relative difference, default 0.05), largest
/// first, with the value the profile shows and why.
#[utoipa::path(get, path = "/api/v1/quality/conflicts", tag = "quality", operation_id = "listQualityConflicts",
    summary = "Figures on which sources disagree",
    description = "Figures (indicator × area × period × dimensions) published by two or more sources whose values differ by more than `threshold`, largest relative difference first, with every source's value, the one the profile shows and why (the template's order of preference of sources).",
    params(ConflictQuery),
    responses((status = 200, description = "The conflicts.", body = List<ConflictOut>),
        (status = 304, response = NotModified), (status = 400, response = BadRequest), (status = 404, response = NotFound),
        (status = 503, response = Unavailable)))]
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

/// A flag stored with a figure.
#[derive(Serialize, ToSchema)]
#[schema(as = QualityFlag)]
pub(super) struct FlagOut {
    /// Flag id.
    id: i64,
    /// The observation flagged.
    observation_id: i64,
    /// Indicator code.
    indicator: String,
    /// Area code.
    area: String,
    /// Period.
    period: String,
    /// Dimension key; empty for the total.
    dims: String,
    /// Source code.
    source: String,
    /// Rule id, or outlier test (outlier.modified_z, outlier.hampel, outlier.log_jump,
    /// outlier.vintage_break).
    rule: String,
    /// `warning` or `outlier`.
    severity: String,
    /// What is wrong.
    message: String,
    /// The value flagged.
    #[schema(required = true)]
    value: Option<f64>,
    /// What was expected, with the numbers.
    expected: String,
    /// When the flag was raised.
    created_at: String,
    /// `checked-correct` once a reviewer confirmed the value.
    #[schema(required = true)]
    review_status: Option<String>,
    /// The reviewer's reason.
    #[schema(required = true)]
    review_reason: Option<String>,
    /// Who reviewed.
    #[schema(required = true)]
    reviewed_by: Option<String>,
    /// When.
    #[schema(required = true)]
    reviewed_at: Option<String>,
}

impl From<mp_store::StoredFlag> for FlagOut {
    fn from(f: mp_store::StoredFlag) -> Self {
        let mp_store::StoredFlag {
            id,
            observation_id,
            indicator,
            area,
            period,
            dims,
            source,
            rule,
            severity,
            message,
            value,
            expected,
            created_at,
            review_status,
            review_reason,
            reviewed_by,
            reviewed_at,
        } = f;
        FlagOut {
            id,
            observation_id,
            indicator,
            area,
            period,
            dims,
            source,
            rule,
            severity,
            message,
            value,
            expected,
            created_at,
            review_status,
            review_reason,
            reviewed_by,
            reviewed_at,
        }
    }
}

/// `GET /api/v1/quality/flags?area=SEN`: warnings of the validation rules and outlier flags
/// stored with the figures, with the reviewers' verdicts.
#[utoipa::path(get, path = "/api/v1/quality/flags", tag = "quality", operation_id = "listQualityFlags",
    summary = "Flags raised on figures",
    description = "Warnings of the validation rules and outliers found by the robust tests, stored with the figure they concern, and the reviewers' verdicts (`checked-correct` with a reason).",
    params(AreaQuery),
    responses((status = 200, description = "The flags.", body = List<FlagOut>),
        (status = 304, response = NotModified), (status = 400, response = BadRequest), (status = 404, response = NotFound),
        (status = 503, response = Unavailable)))]
pub async fn flags(State(st): State<AppState>, p: Params) -> ApiResult<Response> {
    p.only(AREA_PARAMS)?;
    let areas = areas(&st, &p)?;
    let mut out = Vec::new();
    for a in &areas {
        out.extend(st.store().quality_flags(Some(a.as_str())).await?.into_iter().map(FlagOut::from));
    }
    list(out)
}
