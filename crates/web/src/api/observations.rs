//! `GET /api/v1/observations`: every filter checked against the framework and the areas before
//! the store is asked, so a mistake is a 400 naming it rather than an empty answer, and a
//! request costs one store query.

use super::catalogue::{find_area, find_indicator};
use super::error::{ApiError, ApiResult};
use super::json;
use super::params::Params;
use crate::AppState;
use axum::extract::State;
use axum::response::Response;
use mp_domain::framework::DimensionValues;
use mp_domain::{CodeValue, DimensionId, DimensionKey, Indicator, ObsStatus, Period};
use mp_service::json::ObservationOut;
use mp_store::{DimMatch, ObsQuery};
use serde::Serialize;

/// The parameters `GET /api/v1/observations` accepts.
pub const PARAMS: &[&str] = &["indicator", "area", "period", "from", "to", "dim", "source", "status", "all_vintages", "limit", "offset"];

/// Rows per page when `limit` is not given.
pub const DEFAULT_LIMIT: u64 = 100;
/// The largest page.
pub const MAX_LIMIT: u64 = 10_000;
/// The largest offset; beyond it a client should narrow the query rather than page.
pub const MAX_OFFSET: u64 = 1_000_000_000;

#[derive(Serialize)]
struct Page {
    limit: u64,
    offset: u64,
    returned: usize,
    total: u64,
    next: Option<String>,
}

#[derive(Serialize)]
struct Answer<'a> {
    data: Vec<ObservationOut<'a>>,
    page: Page,
}

fn period(p: &Params, name: &str) -> ApiResult<Option<Period>> {
    p.one(name)?.map(|v| Period::parse(v).map_err(|e| ApiError::bad_request(format!("parameter `{name}`: {e}")))).transpose()
}

/// `dim=SEX:F`, `dim=COUNTERPART_AREA:*`, `dim=*` (every disaggregation); `=` is accepted for `:`.
fn dims(st: &AppState, ind: &Indicator, p: &Params, q: &mut ObsQuery) -> ApiResult<()> {
    let fw = st.framework();
    for item in p.many("dim")? {
        if item == "*" {
            q.any_dims = true;
            continue;
        }
        let Some((d, c)) = item.split_once([':', '=']) else {
            return Err(ApiError::bad_request(format!(
                "parameter `dim` is `{item}`: expected DIMENSION:CODE such as SEX:F, DIMENSION:* for every code, or * for every disaggregation"
            )));
        };
        let (d, c) = (d.trim(), c.trim());
        let id =
            DimensionId::parse(&d.to_ascii_uppercase()).map_err(|e| ApiError::bad_request(format!("parameter `dim` ({item}): {e}")))?;
        if !ind.dimensions.contains(&id) {
            let allowed: Vec<&str> = ind.dimensions.iter().map(|d| d.as_str()).collect();
            return Err(ApiError::bad_request(format!(
                "parameter `dim`: indicator {} has no dimension {id}: expected {}",
                ind.code,
                if allowed.is_empty() {
                    "no dim parameter, it has no dimensions".to_string()
                } else {
                    format!("one of {}", allowed.join(", "))
                }
            )));
        }
        if q.dims.contains_key(&id) {
            return Err(ApiError::bad_request(format!("parameter `dim` names {id} twice: expected one code (or *) per dimension")));
        }
        if c == "*" {
            q.dims.insert(id, DimMatch::Any);
            continue;
        }
        let code = if matches!(fw.dimensions.get(&id).map(|x| &x.values), Some(DimensionValues::Areas)) && c != "_T" {
            let a = find_area(st, &format!("parameter `dim` ({item})"), c).map_err(|e| ApiError::bad_request(e.message))?;
            CodeValue::parse(a.code.as_str()).map_err(|e| ApiError::bad_request(format!("parameter `dim` ({item}): {e}")))?
        } else {
            let code = CodeValue::parse(c).map_err(|e| ApiError::bad_request(format!("parameter `dim` ({item}): {e}")))?;
            let key = DimensionKey::total().with(id.clone(), code.clone());
            fw.check_dims(ind, &key, |_| true).map_err(|e| ApiError::bad_request(format!("parameter `dim`: {e}")))?;
            code
        };
        q.dims.insert(id, DimMatch::Exact(code));
    }
    Ok(())
}

/// `undesa-ims` or `undesa-ims@2020`.
fn source(p: &Params) -> ApiResult<Option<(String, Option<String>)>> {
    let Some(s) = p.one("source")? else { return Ok(None) };
    let (code, vintage) = match s.split_once('@') {
        Some((c, v)) => (c.trim(), Some(v.trim())),
        None => (s, None),
    };
    let code = code.to_ascii_lowercase();
    let ok_code = !code.is_empty() && code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    let ok_vintage = vintage.is_none_or(|v| !v.is_empty() && v.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')));
    if !ok_code || !ok_vintage {
        return Err(ApiError::bad_request(format!(
            "parameter `source` is `{s}`: expected a source code such as undesa-ims, optionally with a vintage such as undesa-ims@2020 (see /api/v1/sources)"
        )));
    }
    Ok(Some((code, vintage.map(str::to_string))))
}

/// Reads and checks every parameter into a store query.
fn query<'a>(st: &'a AppState, p: &Params) -> ApiResult<(&'a Indicator, ObsQuery, u64, u64)> {
    p.only(PARAMS)?;
    let Some(code) = p.one("indicator")? else {
        return Err(ApiError::bad_request("parameter `indicator` is required: for example indicator=IMM.STOCK (see /api/v1/indicators)"));
    };
    let ind = find_indicator(st, "parameter `indicator`", code)?;
    let mut q = ObsQuery::indicator(ind.code.clone());
    for a in p.many("area")? {
        let area = find_area(st, "parameter `area`", a)?;
        if !q.areas.contains(&area.code) {
            q.areas.push(area.code.clone());
        }
    }
    q.period = period(p, "period")?;
    q.from = period(p, "from")?;
    q.to = period(p, "to")?;
    if let (Some(f), Some(t)) = (&q.from, &q.to)
        && f.start_date() > t.end_date()
    {
        return Err(ApiError::bad_request(format!("parameters `from` ({f}) and `to` ({t}): from is after to, expected from before to")));
    }
    dims(st, ind, p, &mut q)?;
    q.source = source(p)?;
    q.status = match p.one("status")? {
        None => None,
        Some(s) => Some(s.parse::<ObsStatus>().map_err(|e| ApiError::bad_request(format!("parameter `status`: {e}")))?),
    };
    q.latest_only = !p.flag("all_vintages")?;
    let limit = p.number("limit", DEFAULT_LIMIT, 1, MAX_LIMIT)?;
    let offset = p.number("offset", 0, 0, MAX_OFFSET)?;
    q.limit = Some(limit);
    q.offset = offset;
    Ok((ind, q, limit, offset))
}

/// `GET /api/v1/observations`
pub async fn observations(State(st): State<AppState>, p: Params) -> ApiResult<Response> {
    let (ind, q, limit, offset) = query(&st, &p)?;
    let (rows, total) = st.store().query_counted(&q).await?;
    if rows.is_empty()
        && let Some((code, vintage)) = &q.source
    {
        // Only an empty answer pays for this look-up, so a typo in `source` is a 404, not "no data".
        let ds = st.store().datasets().await?;
        let known = ds.iter().any(|d| &d.source.code == code && vintage.as_ref().is_none_or(|v| &d.vintage == v));
        if !known {
            let what = vintage.as_ref().map(|v| format!("{code}@{v}")).unwrap_or_else(|| code.clone());
            return Err(ApiError::not_found(format!(
                "no dataset {what} in the store: see /api/v1/sources for the sources and their vintages"
            )));
        }
    }
    let next = (offset + limit < total).then(|| {
        let rest = p.raw_without(&["limit", "offset"]);
        let sep = if rest.is_empty() { "" } else { "&" };
        format!("/api/v1/observations?{rest}{sep}limit={limit}&offset={}", offset + limit)
    });
    let data: Vec<ObservationOut> = rows.iter().map(|r| ObservationOut::new(r, &ind.unit)).collect();
    json(&Answer { page: Page { limit, offset, returned: data.len(), total, next }, data })
}
