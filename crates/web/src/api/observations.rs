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
use mp_domain::{CodeValue, DatasetId, DimensionId, DimensionKey, Indicator, ObsStatus, Period, SourceSelector};
use mp_service::json::ObservationOut;
use mp_store::{DimMatch, ObsQuery};
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};

use super::openapi::{BadRequest, NotFound, NotModified, Unavailable};
use super::schema;

/// The parameters `GET /api/v1/observations` accepts.
pub const PARAMS: &[&str] = &["indicator", "area", "period", "from", "to", "dim", "source", "status", "all_vintages", "limit", "offset"];

/// Rows per page when `limit` is not given.
pub const DEFAULT_LIMIT: u64 = 100;
/// The largest page.
pub const MAX_LIMIT: u64 = 10_000;
/// The largest offset; beyond it a client should narrow the query rather than page.
pub const MAX_OFFSET: u64 = 1_000_000_000;

/// Where a page of observations stands among all matching ones.
#[derive(Serialize, ToSchema)]
pub(super) struct Page {
    /// Observations per page.
    limit: u64,
    /// Observations skipped.
    offset: u64,
    /// Observations on this page.
    returned: usize,
    /// Matching observations over all pages.
    total: u64,
    /// Address of the next page; null on the last.
    #[schema(required = true)]
    next: Option<String>,
}

/// One page of observations.
#[derive(Serialize, ToSchema)]
#[schema(as = ObservationPage)]
pub(super) struct Answer<'a> {
    /// The observations.
    #[schema(value_type = Vec<schema::Observation>)]
    data: Vec<ObservationOut<'a>>,
    /// The page.
    page: Page,
}

/// One item of the `dim` parameter: `DIMENSION:CODE`, `DIMENSION:*` or `*`, or several
/// separated by commas.
pub(super) struct DimFilter;

impl utoipa::PartialSchema for DimFilter {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .min_length(Some(1))
            .pattern(Some(
                r"^\s*(\*|[A-Za-z][A-Za-z0-9_]*\s*[:=]\s*[^,:=\s][^,:=]*)(\s*,\s*(\*|[A-Za-z][A-Za-z0-9_]*\s*[:=]\s*[^,:=\s][^,:=]*))*\s*$",
            ))
            .into()
    }
}

impl ToSchema for DimFilter {}

/// One item of the `area` parameter: a code, or several separated by commas.
pub(super) struct AreaItem;

impl utoipa::PartialSchema for AreaItem {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        ObjectBuilder::new().schema_type(Type::String).min_length(Some(1)).into()
    }
}

impl ToSchema for AreaItem {}

/// The query parameters of `GET /api/v1/observations` (the names are [`PARAMS`]).
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // Describes the parameters; the handler reads them with [`Params`].
pub(super) struct ObservationsQuery {
    /// Indicator code (case-insensitive), e.g. IMM.STOCK. Unknown code: 404.
    #[param(min_length = 1, max_length = 64, pattern = r"^\s*[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)+\s*$", example = "IMM.STOCK")]
    indicator: String,
    /// Area code: ISO alpha-3 (SEN), group (ECOWAS) or M49 number (686). Repeat the parameter
    /// or separate codes with commas (`area=SEN,GHA`). Unknown: 404. Default: every area.
    #[param(value_type = Vec<AreaItem>, inline, required = false, style = Form, explode, example = json!(["SEN"]))]
    area: Option<Vec<String>>,
    /// Exactly this period: a year (2020), quarter (2020-Q1), month (2020-03) or range of years
    /// (2015-2020).
    #[param(value_type = String, required = false, min_length = 1, example = "2020")]
    period: Option<String>,
    /// Periods starting on or after the start of this period.
    #[param(value_type = String, required = false, min_length = 1, example = "2015")]
    from: Option<String>,
    /// Periods ending on or before the end of this period; must not be before `from`.
    #[param(value_type = String, required = false, min_length = 1, example = "2024")]
    to: Option<String>,
    /// Dimension filter `DIMENSION:CODE` (`=` also accepted for `:`), repeatable or
    /// comma-separated: `dim=SEX:F`, `dim=SEX:F,AGE:Y15T64`. `DIMENSION:*` lets that dimension
    /// take any code (its total included), e.g. `dim=COUNTERPART_AREA:*` for every country of
    /// origin; `DIMENSION:_T` asks for the total explicitly. A dimension not named is at its
    /// total, unless `dim=*` is given, which lets every dimension take any code. The dimension
    /// must be one of the indicator's (see /api/v1/indicators/{code}) and the code one of its
    /// codelist (or an area code for COUNTERPART_AREA); otherwise 400.
    #[param(value_type = Vec<DimFilter>, inline, required = false, style = Form, explode, example = json!(["SEX:F"]))]
    dim: Option<Vec<String>>,
    /// Only this source (`undesa-ims`), or only one vintage of it (`undesa-ims@2020`). See
    /// /api/v1/sources. A source or vintage the store does not hold: 404.
    #[param(value_type = String, required = false, min_length = 1, example = "undesa-ims")]
    source: Option<String>,
    /// Only observations with this SDMX OBS_STATUS code (A, B, D, E, F, G, I, J, K, L, M, N, O,
    /// P, Q, S, U, V, W, H).
    #[param(value_type = String, required = false, min_length = 1, example = "A")]
    status: Option<String>,
    /// `true`: every vintage of each source, not only the newest. `true`/`false`/`1`/`0`.
    #[param(value_type = bool, required = false, example = true)]
    all_vintages: Option<bool>,
    /// Observations per page, 1 to 10000.
    #[param(value_type = u64, required = false, minimum = 1, maximum = 10000, default = 100, example = 10)]
    limit: Option<u64>,
    /// Observations to skip (0 to 1000000000); follow `page.next` rather than computing it.
    #[param(value_type = u64, required = false, minimum = 0, maximum = 1000000000, default = 0, example = 0)]
    offset: Option<u64>,
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
fn source(p: &Params) -> ApiResult<Option<SourceSelector>> {
    let Some(s) = p.one("source")? else { return Ok(None) };
    SourceSelector::parse(s).map(Some).map_err(|_| {
        ApiError::bad_request(format!(
            "parameter `source` is `{s}`: expected a source code such as undesa-ims, optionally with a vintage such as undesa-ims@2020 (see /api/v1/sources)"
        ))
    })
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
    let selector = source(p)?;
    q.source = selector.map(|s| (s.source, s.vintage));
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
#[utoipa::path(get, path = "/api/v1/observations", tag = "data", operation_id = "listObservations",
    summary = "Observations of one indicator",
    description = "Observations with their source and provenance, ordered by area, dimensions, period, source. By default: totals of every dimension, the newest vintage of each source, every area and period. Paginated: `page.total` counts the matching observations over all pages, `page.next` is the address of the next page, null on the last.",
    params(ObservationsQuery),
    responses((status = 200, description = "One page of observations.", body = Answer),
        (status = 304, response = NotModified), (status = 400, response = BadRequest), (status = 404, response = NotFound),
        (status = 503, response = Unavailable)))]
pub async fn observations(State(st): State<AppState>, p: Params) -> ApiResult<Response> {
    let (ind, q, limit, offset) = query(&st, &p)?;
    let (rows, total) = st.store().query_counted(&q).await?;
    if rows.is_empty()
        && let Some((code, vintage)) = &q.source
    {
        // Only an empty answer pays for this look-up, so a typo in `source` is a 404, not "no data".
        let ds = st.store().datasets().await?;
        let selector = SourceSelector { source: code.clone(), vintage: vintage.clone() };
        let known = ds.iter().any(|d| selector.matches(&DatasetId { source: d.source.code.clone(), vintage: d.vintage.clone() }));
        if !known {
            let what = selector.to_string();
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
