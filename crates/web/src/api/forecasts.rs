//! `GET /api/v1/forecasts?indicator=&area=`: the forecasts of one indicator for one country,
//! each source's projection with its median and 80 % and 95 % intervals by period; for the
//! mprofile forecasting module also the method, the kind of series it was fitted to and its
//! backtest skill against persistence; and the scenarios, each with its stated assumption.
//! Everything is read from the stored observations (OBS_STATUS F), as the documents read them.

use super::catalogue::{find_area, find_indicator};
use super::error::{ApiError, ApiResult};
use super::json;
use super::openapi::{BadRequest, NotFound, NotModified, Unavailable};
use super::params::Params;
use crate::AppState;
use axum::extract::State;
use axum::response::Response;
use mp_domain::{CodeValue, DimensionId, DimensionKey, IndicatorCode, ObsStatus};
use mp_store::{DimMatch, ObsQuery, StoredObservation};
use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::{IntoParams, ToSchema};

/// The parameters the endpoint accepts.
pub const PARAMS: &[&str] = &["indicator", "area"];

/// Source code of the module's forecasts.
const MODULE: &str = "mprofile-forecast";
/// Source code of the scenarios.
const SCENARIO: &str = "mprofile-scenario";

/// The forecast indicators of the module with their series code in CL_FC_TARGET.
pub(crate) const TARGETS: [(&str, &str); 6] = [
    ("FCT.IMM_STOCK", "IMM_STOCK"),
    ("FCT.EMI_STOCK", "EMI_STOCK"),
    ("FCT.REM", "REM_IN"),
    ("FCT.NETMIG_ABS", "NET_MIG"),
    ("FCT.NETMIG_MED", "NET_RATE"),
    ("FCT.REF_ORIGIN", "REF_ORIGIN"),
];

/// The query parameters of `GET /api/v1/forecasts` (the names are [`PARAMS`]).
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // Describes the parameters; the handler reads them with [`Params`].
pub(super) struct ForecastsQuery {
    /// Indicator code (case-insensitive), e.g. FCT.IMM_STOCK or FCT.NETMIG_ABS. Unknown code: 404.
    #[param(min_length = 1, example = "FCT.IMM_STOCK")]
    indicator: String,
    /// One country: ISO alpha-3 (SEN) or M49 number (686). Unknown: 404.
    #[param(min_length = 1, example = "SEN")]
    area: String,
}

/// One forecast period.
#[derive(Serialize, Default, ToSchema)]
#[schema(as = ForecastPoint)]
pub struct PointOut {
    /// The period, e.g. `2029`.
    pub period: String,
    /// Median (or medium variant).
    #[schema(required = true)]
    pub median: Option<f64>,
    /// 80 % interval, lower bound.
    #[schema(required = true)]
    pub lo80: Option<f64>,
    /// 80 % interval, upper bound.
    #[schema(required = true)]
    pub hi80: Option<f64>,
    /// 95 % interval, lower bound.
    #[schema(required = true)]
    pub lo95: Option<f64>,
    /// 95 % interval, upper bound.
    #[schema(required = true)]
    pub hi95: Option<f64>,
}

/// Backtest skill of the method that made a forecast, and of persistence on the same series.
#[derive(Serialize, ToSchema)]
#[schema(as = ForecastSkill)]
pub struct SkillOut {
    /// Mean absolute scaled error of the method over the last comparable periods.
    #[schema(required = true)]
    pub mase: Option<f64>,
    /// The same for persistence (carrying the last value forward).
    #[schema(required = true)]
    pub naive_mase: Option<f64>,
    /// Share (%) of held-out values inside the 80 % interval.
    #[schema(required = true)]
    pub cover80: Option<f64>,
    /// Share (%) inside the 95 % interval.
    #[schema(required = true)]
    pub cover95: Option<f64>,
}

/// One source's forecast of the indicator.
#[derive(Serialize, ToSchema)]
#[schema(as = Forecast)]
pub struct ForecastOut {
    /// `source@vintage`.
    pub dataset: String,
    /// The method's code in CL_FC_MODEL (the module's forecasts only).
    #[schema(required = true)]
    pub method: Option<String>,
    /// `OBSERVED`, `ESTIMATES` or `MODEL`: the kind of series the method was fitted to.
    #[schema(required = true)]
    pub series_kind: Option<String>,
    /// The method's backtest (the module's forecasts only).
    #[schema(required = true, inline)]
    pub skill: Option<SkillOut>,
    /// The note stored with the forecast.
    #[schema(required = true)]
    pub footnote: Option<String>,
    /// The periods.
    #[schema(inline)]
    pub points: Vec<PointOut>,
}

/// A scenario: not a forecast, a path that follows from a stated assumption.
#[derive(Serialize, ToSchema)]
#[schema(as = Scenario)]
pub struct ScenarioOut {
    /// VARIANT code (ZERO_MIG, CONST_MIG, TWG1 … TWG5).
    pub variant: String,
    /// `source@vintage`.
    pub dataset: String,
    /// The assumption, as stored with the scenario.
    #[schema(required = true)]
    pub assumption: Option<String>,
    /// (period, value) pairs.
    pub values: Vec<(String, f64)>,
}

/// The forecasts and scenarios of one indicator for one country.
#[derive(Serialize, ToSchema)]
#[schema(as = Forecasts)]
pub struct Answer {
    /// The indicator.
    pub indicator: String,
    /// The country.
    pub area: String,
    /// Every source's forecast, the module's first.
    #[schema(inline)]
    pub forecasts: Vec<ForecastOut>,
    /// The scenarios.
    #[schema(inline)]
    pub scenarios: Vec<ScenarioOut>,
}

fn scaled(r: &StoredObservation) -> Option<f64> {
    r.value.map(|v| v * 10f64.powi(i32::from(r.unit_mult.power())))
}

fn footnote_code(r: &StoredObservation, key: &str) -> Option<String> {
    let note = r.footnote.as_deref()?;
    let rest = &note[note.find(key)? + key.len()..];
    let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(rest.len());
    (end > 0).then(|| rest[..end].to_string())
}

fn variant(r: &StoredObservation) -> Option<&str> {
    r.dims.iter().find(|(d, _)| d.as_str() == "VARIANT").map(|(_, c)| c.as_str())
}

async fn skill(st: &AppState, area: &mp_domain::AreaCode, target: &str, method: &str) -> ApiResult<SkillOut> {
    let read = |code: &str| -> ApiResult<ObsQuery> {
        let mut q = ObsQuery::indicator(IndicatorCode::parse(code).map_err(|e| ApiError::internal(&e))?).area(area.clone());
        q.any_dims = true;
        q.source = Some((MODULE.into(), None));
        let t = CodeValue::parse(target).map_err(|e| ApiError::internal(&e))?;
        q.dims.insert(DimensionId::parse("FC_TARGET").map_err(|e| ApiError::internal(&e))?, DimMatch::Exact(t));
        Ok(q)
    };
    let mase = st.store().query(&read("FCT.SKILL_MASE")?).await?;
    let cover = st.store().query(&read("FCT.PI_COVER")?).await?;
    let pick = |rows: &[StoredObservation], model: &str, level: Option<&str>| {
        rows.iter()
            .find(|r| {
                r.dims.iter().any(|(d, c)| d.as_str() == "FC_MODEL" && c.as_str() == model)
                    && level.is_none_or(|l| r.dims.iter().any(|(d, c)| d.as_str() == "PI_LEVEL" && c.as_str() == l))
            })
            .and_then(|r| r.value)
    };
    Ok(SkillOut {
        mase: pick(&mase, method, None),
        naive_mase: pick(&mase, "NAIVE", None),
        cover80: pick(&cover, method, Some("PI80")),
        cover95: pick(&cover, method, Some("PI95")),
    })
}

/// `GET /api/v1/forecasts?indicator=FCT.IMM_STOCK&area=SEN`
#[utoipa::path(get, path = "/api/v1/forecasts", tag = "data", operation_id = "getForecasts",
    summary = "Forecasts of one indicator for one country, with intervals, method, skill and scenarios",
    description = "Every stored forecast (OBS_STATUS F) of the indicator for the country, by source: the median (or medium variant) and the 80 % and 95 % interval bounds of each period. For the mprofile forecasting module also the method (CL_FC_MODEL), the kind of series it was fitted to (OBSERVED, ESTIMATES, MODEL) and its rolling-origin backtest against persistence (MASE, interval coverage). Scenarios (source mprofile-scenario: zero and constant migration, TWG scenarios) are listed apart with their stated assumption: they are not forecasts.",
    params(ForecastsQuery),
    responses((status = 200, description = "The forecasts and scenarios.", body = Answer),
        (status = 304, response = NotModified), (status = 400, response = BadRequest), (status = 404, response = NotFound),
        (status = 503, response = Unavailable)))]
pub async fn forecasts(State(st): State<AppState>, p: Params) -> ApiResult<Response> {
    p.only(PARAMS)?;
    let Some(code) = p.one("indicator")? else {
        return Err(ApiError::bad_request(
            "parameter `indicator` is required: for example indicator=FCT.IMM_STOCK (see /api/v1/indicators)",
        ));
    };
    let Some(a) = p.one("area")? else {
        return Err(ApiError::bad_request("parameter `area` is required: one country, for example area=SEN"));
    };
    let ind = find_indicator(&st, "parameter `indicator`", code)?;
    let area = find_area(&st, "parameter `area`", a)?.code.clone();
    json(&collect(&st, &ind.code, &area).await?)
}

/// The forecasts and scenarios of `ind` for `area`, as the endpoint and the forecast downloads
/// serve them.
pub(crate) async fn collect(st: &AppState, ind: &IndicatorCode, area: &mp_domain::AreaCode) -> ApiResult<Answer> {
    let area = area.clone();
    let mut q = ObsQuery::indicator(ind.clone()).area(area.clone());
    q.any_dims = true;
    q.status = Some(ObsStatus::Forecast);
    let rows = st.store().query(&q).await?;
    // Only the total and VARIANT breakdowns are forecasts of the indicator as a whole.
    let rows: Vec<&StoredObservation> =
        rows.iter().filter(|r| r.dims.iter().all(|(d, _)| d.as_str() == "VARIANT") || r.dims == DimensionKey::total()).collect();
    let mut by_ds: BTreeMap<(bool, String), Vec<&StoredObservation>> = BTreeMap::new();
    let mut scenarios: BTreeMap<(String, String), Vec<&StoredObservation>> = BTreeMap::new();
    for r in rows {
        let ds = format!("{}@{}", r.source_code, r.vintage);
        if r.source_code == SCENARIO {
            scenarios.entry((variant(r).unwrap_or("").to_string(), ds)).or_default().push(r);
        } else {
            by_ds.entry((r.source_code != MODULE, ds)).or_default().push(r);
        }
    }
    let target = TARGETS.iter().find(|(c, _)| *c == ind.as_str()).map(|(_, t)| *t);
    let mut forecasts = Vec::new();
    for ((other, dataset), recs) in by_ds {
        let mut points: BTreeMap<String, PointOut> = BTreeMap::new();
        for r in &recs {
            let pt = points.entry(r.period.to_string()).or_insert_with(|| PointOut { period: r.period.to_string(), ..PointOut::default() });
            let v = scaled(r);
            match variant(r) {
                None => pt.median = v,
                Some("LO80") => pt.lo80 = v,
                Some("HI80") => pt.hi80 = v,
                Some("LO95") => pt.lo95 = v,
                Some("HI95") => pt.hi95 = v,
                Some(_) => {}
            }
        }
        let median = recs.iter().find(|r| variant(r).is_none());
        let method = if other { None } else { median.and_then(|r| footnote_code(r, "FC_MODEL=")) };
        let skill = match (&method, target) {
            (Some(m), Some(t)) => Some(skill(st, &area, t, m).await?),
            _ => None,
        };
        forecasts.push(ForecastOut {
            dataset,
            series_kind: if other { None } else { median.and_then(|r| footnote_code(r, "SERIES_KIND=")) },
            method,
            skill,
            footnote: median.and_then(|r| r.footnote.clone()),
            points: points.into_values().filter(|p| p.median.is_some()).collect(),
        });
    }
    let scenarios = scenarios
        .into_iter()
        .map(|((variant, dataset), recs)| ScenarioOut {
            variant,
            dataset,
            assumption: recs.first().and_then(|r| r.footnote.clone()),
            values: recs.iter().filter_map(|r| Some((r.period.to_string(), scaled(r)?))).collect(),
        })
        .collect();
    Ok(Answer { indicator: ind.to_string(), area: area.to_string(), forecasts, scenarios })
}
