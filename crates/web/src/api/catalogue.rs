//! The framework, the areas and the datasets: what a client reads to know which codes the
//! observation queries accept.

use super::error::{ApiError, ApiResult};
use super::params::{MAX_VALUE, Params, shown};
use crate::AppState;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use mp_domain::framework::{Codelist, DimensionValues as FwValues};
use mp_domain::{Area, AreaCode, AreaKind, I18nText, Indicator, Lang, ThemeCode};
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};

use super::json;
use super::openapi::{BadRequest, NotFound, NotModified, Unavailable};
use super::schema;
use axum::response::Response;

/// A list answer: `{"data": […]}`, so fields can be added beside `data` later without breaking clients.
#[derive(Serialize, ToSchema)]
pub struct List<T> {
    /// The items.
    pub data: Vec<T>,
}

/// The text of a path segment, or a 400 when it cannot be decoded.
pub fn segment(p: Result<Path<String>, PathRejection>) -> ApiResult<String> {
    let s = p.map(|Path(s)| s).map_err(|e| ApiError::bad_request(format!("the path cannot be read ({e}): expected a code")))?;
    if s.chars().count() > MAX_VALUE {
        return Err(ApiError::bad_request(format!(
            "`{}` ({} characters) is not a code: expected at most {MAX_VALUE} characters",
            shown(&s),
            s.chars().count()
        )));
    }
    Ok(s)
}

/// A theme of the framework.
#[derive(Serialize, ToSchema)]
#[schema(as = Theme)]
pub(super) struct ThemeOut<'a> {
    /// T01…T14.
    #[schema(value_type = String, example = "T04")]
    code: &'a ThemeCode,
    /// Display order.
    order: u32,
    /// Name.
    #[schema(value_type = schema::I18nText)]
    name: &'a I18nText,
    /// What the theme covers.
    #[schema(value_type = schema::I18nText)]
    description: &'a I18nText,
    /// Number of indicators of the theme.
    indicators: usize,
}

/// `GET /api/v1/themes`
#[utoipa::path(get, path = "/api/v1/themes", tag = "framework", operation_id = "listThemes",
    summary = "The 14 themes of the framework",
    description = "Themes in display order with their names, descriptions and number of indicators.",
    responses((status = 200, description = "The themes.", body = List<ThemeOut>),
        (status = 304, response = NotModified), (status = 400, response = BadRequest)))]
pub async fn themes(State(st): State<AppState>, p: Params) -> ApiResult<Response> {
    p.only(&[])?;
    let fw = st.framework();
    let data: Vec<ThemeOut> = fw
        .themes
        .iter()
        .map(|t| ThemeOut {
            code: &t.code,
            order: t.order,
            name: &t.name,
            description: &t.description,
            indicators: fw.indicators_of(&t.code).count(),
        })
        .collect();
    json(&List { data })
}

/// An indicator of the framework, in short.
#[derive(Serialize, ToSchema)]
pub(super) struct IndicatorSummary<'a> {
    /// Indicator code.
    #[schema(example = "IMM.STOCK")]
    code: &'a str,
    /// Its theme.
    theme: &'a str,
    /// Name.
    #[schema(value_type = schema::I18nText)]
    name: &'a I18nText,
    /// Unit id (see the indicator's detail for its symbol and name).
    unit: &'a str,
    /// Power of ten of the unit.
    unit_mult: u8,
    /// Decimals shown.
    decimals: u8,
    /// Dimension ids it is broken down by.
    dimensions: Vec<&'a str>,
    /// Shown among the key figures.
    key: bool,
    /// Computed by a formula from other indicators.
    computed: bool,
    /// SDG indicator it relates to.
    #[schema(required = true)]
    sdg: Option<&'a str>,
    /// Objectives of the Global Compact for Migration it relates to.
    #[schema(value_type = Vec<u8>)]
    gcm: &'a [u8],
}

/// The query parameters of `GET /api/v1/indicators`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // Describes the parameters; the handler reads them with [`Params`].
pub(super) struct IndicatorsQuery {
    /// Only indicators of this theme (T01…T14, case-insensitive). Unknown theme: 404.
    #[param(value_type = String, required = false, min_length = 1, example = "T04")]
    theme: Option<String>,
    /// Only indicators whose code or name (in any of the three languages) contains this text,
    /// case-insensitive; empty means no filter.
    #[param(value_type = String, required = false, example = "stock")]
    q: Option<String>,
}

fn summary(i: &Indicator) -> IndicatorSummary<'_> {
    IndicatorSummary {
        code: i.code.as_str(),
        theme: i.theme.as_str(),
        name: &i.name,
        unit: &i.unit,
        unit_mult: i.unit_mult.power(),
        decimals: i.decimals,
        dimensions: i.dimensions.iter().map(|d| d.as_str()).collect(),
        key: i.key,
        computed: i.formula.is_some(),
        sdg: i.sdg.as_deref(),
        gcm: &i.gcm,
    }
}

/// The theme named by `theme=`, checked against the framework.
fn theme_filter(st: &AppState, p: &Params) -> ApiResult<Option<ThemeCode>> {
    let Some(t) = p.one("theme")? else { return Ok(None) };
    let code = ThemeCode::parse(&t.to_ascii_uppercase()).map_err(|e| ApiError::bad_request(format!("parameter `theme`: {e}")))?;
    if st.framework().theme(&code).is_none() {
        let known: Vec<&str> = st.framework().themes.iter().map(|t| t.code.as_str()).collect();
        return Err(ApiError::not_found(format!("no theme {code}: expected one of {} (see /api/v1/themes)", known.join(", "))));
    }
    Ok(Some(code))
}

fn matches_text(i: &Indicator, needle: &str) -> bool {
    let hay = |s: &str| s.to_lowercase().contains(needle);
    hay(i.code.as_str()) || Lang::ALL.iter().any(|l| hay(i.name.get(*l)))
}

/// `GET /api/v1/indicators?theme=T04&q=stock`
#[utoipa::path(get, path = "/api/v1/indicators", tag = "framework", operation_id = "listIndicators",
    summary = "Indicators of the framework",
    description = "Every indicator, optionally of one theme and/or matching a search text.",
    params(IndicatorsQuery),
    responses((status = 200, description = "The indicators.", body = List<IndicatorSummary>),
        (status = 304, response = NotModified), (status = 400, response = BadRequest), (status = 404, response = NotFound)))]
pub async fn indicators(State(st): State<AppState>, p: Params) -> ApiResult<Response> {
    p.only(&["theme", "q"])?;
    let theme = theme_filter(&st, &p)?;
    let q = p.text("q")?.map(str::to_lowercase);
    let data: Vec<IndicatorSummary> = st
        .framework()
        .indicators
        .iter()
        .filter(|i| theme.as_ref().is_none_or(|t| &i.theme == t))
        .filter(|i| q.as_deref().is_none_or(|q| matches_text(i, q)))
        .map(summary)
        .collect();
    json(&List { data })
}

/// The indicator a client named, or 400 (malformed) / 404 (unknown).
pub fn find_indicator<'a>(st: &'a AppState, what: &str, given: &str) -> ApiResult<&'a Indicator> {
    let code =
        mp_domain::IndicatorCode::parse(&given.trim().to_ascii_uppercase()).map_err(|e| ApiError::bad_request(format!("{what}: {e}")))?;
    st.framework()
        .indicator(&code)
        .ok_or_else(|| ApiError::not_found(format!("no indicator {code} in the framework: see /api/v1/indicators for the codes")))
}

/// The unit of an indicator.
#[derive(Serialize, ToSchema)]
#[schema(as = Unit)]
pub(super) struct UnitOut<'a> {
    /// Unit id.
    id: &'a str,
    /// Symbol, e.g. `%`.
    #[schema(required = true)]
    symbol: Option<&'a str>,
    /// Name, when the framework defines the unit.
    #[schema(value_type = Option<schema::I18nText>, required = true)]
    name: Option<&'a I18nText>,
}

/// Where a dimension's codes come from.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub(super) enum DimensionValues {
    /// A codelist of the framework.
    Codelist,
    /// The area registry (the codes are those of /api/v1/areas).
    Areas,
}

/// A dimension of an indicator with its codes.
#[derive(Serialize, ToSchema)]
#[schema(as = Dimension)]
pub(super) struct DimensionOut<'a> {
    /// Dimension id, e.g. `SEX`.
    id: &'a str,
    /// Name.
    #[schema(value_type = Option<schema::I18nText>, required = true)]
    name: Option<&'a I18nText>,
    /// `codelist` or `areas` (the codes are then the area codes of /api/v1/areas).
    values: DimensionValues,
    /// Codelist id.
    #[schema(required = true)]
    codelist: Option<&'a str>,
    /// The codelist's codes in order.
    #[schema(value_type = Option<Vec<schema::Code>>, required = true)]
    codes: Option<&'a [mp_domain::framework::Code]>,
}

/// A source the framework names for an indicator.
#[derive(Serialize, ToSchema)]
#[schema(as = SourceRef)]
pub(super) struct SourceRefOut<'a> {
    /// Publisher and series, in English: a stable name to match on.
    name: &'a str,
    /// Publisher and series in en/fr/pt, for display.
    #[schema(value_type = schema::I18nText)]
    names: &'a I18nText,
    /// Source code in the store, when it is imported.
    #[schema(required = true)]
    code: Option<&'a str>,
    /// What a reader should know about it for this indicator.
    #[schema(value_type = Option<schema::I18nText>, required = true)]
    caveat: Option<&'a I18nText>,
}

/// One indicator with its definition, unit, dimensions, sources and formula.
#[derive(Serialize, ToSchema)]
#[schema(as = Indicator)]
pub(super) struct IndicatorOut<'a> {
    /// Indicator code.
    code: &'a str,
    /// Its theme.
    theme: ThemeRef<'a>,
    /// Name.
    #[schema(value_type = schema::I18nText)]
    name: &'a I18nText,
    /// Definition.
    #[schema(value_type = schema::I18nText)]
    definition: &'a I18nText,
    /// Unit.
    unit: UnitOut<'a>,
    /// Power of ten of the unit.
    unit_mult: u8,
    /// Decimals shown.
    decimals: u8,
    /// Dimensions with their codes.
    dimensions: Vec<DimensionOut<'a>>,
    /// Candidate sources with their caveats.
    sources: Vec<SourceRefOut<'a>>,
    /// Formula, for a computed indicator.
    #[schema(required = true)]
    formula: Option<&'a str>,
    /// SDG indicator it relates to.
    #[schema(required = true)]
    sdg: Option<&'a str>,
    /// Objectives of the Global Compact for Migration it relates to.
    #[schema(value_type = Vec<u8>)]
    gcm: &'a [u8],
    /// Shown among the key figures.
    key: bool,
}

/// The theme of an indicator.
#[derive(Serialize, ToSchema)]
pub(super) struct ThemeRef<'a> {
    /// Theme code.
    code: &'a str,
    /// Name.
    #[schema(value_type = Option<schema::I18nText>, required = true)]
    name: Option<&'a I18nText>,
}

/// `GET /api/v1/indicators/{code}`
#[utoipa::path(get, path = "/api/v1/indicators/{code}", tag = "framework", operation_id = "getIndicator",
    summary = "One indicator",
    description = "Definition in en/fr/pt, unit, dimensions with their codelists, candidate sources with caveats, formula.",
    params(("code" = String, Path, description = "Indicator code, case-insensitive.", example = "IMM.STOCK",
        pattern = r"^\s*[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)+\s*$", max_length = 64)),
    responses((status = 200, description = "The indicator.", body = IndicatorOut),
        (status = 304, response = NotModified), (status = 400, response = BadRequest), (status = 404, response = NotFound)))]
pub async fn indicator(State(st): State<AppState>, path: Result<Path<String>, PathRejection>, p: Params) -> ApiResult<Response> {
    p.only(&[])?;
    let code = segment(path)?;
    let fw = st.framework();
    let i = find_indicator(&st, "indicator code in the path", &code)?;
    let unit = fw.unit(&i.unit);
    let dimensions = i
        .dimensions
        .iter()
        .map(|d| {
            let dim = fw.dimensions.get(d);
            let cl = fw.codelist_of(d);
            DimensionOut {
                id: d.as_str(),
                name: dim.map(|x| &x.name),
                values: if matches!(dim.map(|x| &x.values), Some(FwValues::Areas)) {
                    DimensionValues::Areas
                } else {
                    DimensionValues::Codelist
                },
                codelist: cl.map(|c| c.id.as_str()),
                codes: cl.map(|c| c.codes.as_slice()),
            }
        })
        .collect();
    let out = IndicatorOut {
        code: i.code.as_str(),
        theme: ThemeRef { code: i.theme.as_str(), name: fw.theme(&i.theme).map(|t| &t.name) },
        name: &i.name,
        definition: &i.definition,
        unit: UnitOut { id: &i.unit, symbol: unit.and_then(|u| u.symbol.as_deref()), name: unit.map(|u| &u.name) },
        unit_mult: i.unit_mult.power(),
        decimals: i.decimals,
        dimensions,
        sources: i
            .sources
            .iter()
            .map(|s| SourceRefOut { name: s.name.get(Lang::En), names: &s.name, code: s.code.as_deref(), caveat: s.caveat.as_ref() })
            .collect(),
        formula: i.formula.as_ref().map(|f| f.text.as_str()),
        sdg: i.sdg.as_deref(),
        gcm: &i.gcm,
        key: i.key,
    };
    json(&out)
}

/// A codelist, in short.
#[derive(Serialize, ToSchema)]
pub(super) struct CodelistSummary<'a> {
    /// Codelist id, e.g. `CL_SEX`.
    id: &'a str,
    /// Name.
    #[schema(value_type = schema::I18nText)]
    name: &'a I18nText,
    /// Number of codes.
    codes: usize,
}

/// `GET /api/v1/codelists`
#[utoipa::path(get, path = "/api/v1/codelists", tag = "framework", operation_id = "listCodelists",
    summary = "Codelists", description = "Every codelist of the framework with its number of codes.",
    responses((status = 200, description = "The codelists.", body = List<CodelistSummary>),
        (status = 304, response = NotModified), (status = 400, response = BadRequest)))]
pub async fn codelists(State(st): State<AppState>, p: Params) -> ApiResult<Response> {
    p.only(&[])?;
    let data: Vec<CodelistSummary> =
        st.framework().codelists.values().map(|c| CodelistSummary { id: &c.id, name: &c.name, codes: c.codes.len() }).collect();
    json(&List { data })
}

/// `GET /api/v1/codelists/{id}`
#[utoipa::path(get, path = "/api/v1/codelists/{id}", tag = "framework", operation_id = "getCodelist",
    summary = "One codelist",
    description = "A codelist with its codes in order. The partner-area dimension uses the area registry instead: see /api/v1/areas.",
    params(("id" = String, Path, description = "Codelist id, e.g. CL_SEX.", example = "CL_SEX")),
    responses((status = 200, description = "The codelist.", body = schema::Codelist),
        (status = 304, response = NotModified), (status = 400, response = BadRequest), (status = 404, response = NotFound)))]
pub async fn codelist(State(st): State<AppState>, path: Result<Path<String>, PathRejection>, p: Params) -> ApiResult<Response> {
    p.only(&[])?;
    let id = segment(path)?;
    let fw = st.framework();
    let found: Option<&Codelist> = fw.codelists.get(&id).or_else(|| fw.codelists.get(&id.to_ascii_uppercase()));
    match found {
        Some(c) => json(c),
        None if id.trim_start_matches('@').eq_ignore_ascii_case("AREA") => {
            Err(ApiError::not_found(format!("`{id}` is the area registry, not a codelist: its codes are listed at /api/v1/areas")))
        }
        None => Err(ApiError::not_found(format!("no codelist `{id}`: see /api/v1/codelists for the ids (they look like CL_SEX)"))),
    }
}

/// The query parameters of `GET /api/v1/areas`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // Describes the parameters; the handler reads them with [`Params`].
pub(super) struct AreasQuery {
    /// `country` or `group`.
    #[param(value_type = schema::AreaKind, required = false, inline, example = "country")]
    kind: Option<String>,
    /// `true`: only the countries a Migration Profile is made for; `false`: only the others.
    #[param(value_type = bool, required = false, example = true)]
    profile: Option<bool>,
}

/// `GET /api/v1/areas?kind=country&profile=true`
#[utoipa::path(get, path = "/api/v1/areas", tag = "areas", operation_id = "listAreas",
    summary = "Countries and groups", description = "Every area of the registry.",
    params(AreasQuery),
    responses((status = 200, description = "The areas.", body = List<schema::Area>),
        (status = 304, response = NotModified), (status = 400, response = BadRequest)))]
pub async fn areas(State(st): State<AppState>, p: Params) -> ApiResult<Response> {
    p.only(&["kind", "profile"])?;
    let kind = match p.one("kind")? {
        None => None,
        Some(k) => Some(match k.to_ascii_lowercase().as_str() {
            "country" => AreaKind::Country,
            "group" => AreaKind::Group,
            _ => return Err(ApiError::bad_request(format!("parameter `kind` is `{k}`: expected country or group"))),
        }),
    };
    let profile = p.opt_flag("profile")?;
    let data: Vec<&Area> = st
        .areas()
        .all()
        .iter()
        .filter(|a| kind.is_none_or(|k| a.kind == k))
        .filter(|a| profile.is_none_or(|want| a.profile_language.is_some() == want))
        .collect();
    json(&List { data })
}

/// The area a client named (code in any case, or M49 number), or 400 (malformed) / 404 (unknown).
pub fn find_area<'a>(st: &'a AppState, what: &str, given: &str) -> ApiResult<&'a Area> {
    if let Some(a) = st.areas().find(given) {
        return Ok(a);
    }
    let upper = given.trim().to_ascii_uppercase();
    let well_formed = AreaCode::parse(&upper).is_ok() || mp_domain::M49::parse(given).is_ok();
    if well_formed {
        Err(ApiError::not_found(format!("{what}: no area `{given}`: see /api/v1/areas for the codes")))
    } else {
        Err(ApiError::bad_request(format!(
            "{what}: `{given}` is not an area code: expected an ISO alpha-3 code such as SEN, a group code such as ECOWAS or an M49 number such as 686"
        )))
    }
}

/// A membership of a country in a group.
#[derive(Serialize, ToSchema)]
#[schema(as = Membership)]
pub(super) struct Member<'a> {
    /// The group (for a country) or the country (for a group).
    code: &'a str,
    /// Its name.
    #[schema(value_type = Option<schema::I18nText>, required = true)]
    name: Option<&'a I18nText>,
    /// First year of the membership, when bounded.
    #[schema(required = true)]
    from: Option<i32>,
    /// Last year of the membership, when it ended.
    #[schema(required = true)]
    until: Option<i32>,
    /// Whether the membership holds today.
    current: bool,
}

/// An area with its memberships.
#[derive(Serialize, ToSchema)]
pub(super) struct AreaDetail<'a> {
    /// The area.
    #[serde(flatten)]
    #[schema(value_type = schema::Area)]
    area: &'a Area,
    /// For a country: the groups it belongs or belonged to.
    groups: Vec<Member<'a>>,
    /// For a group: its members, past and present.
    members: Vec<Member<'a>>,
}

/// `GET /api/v1/areas/{code}`
#[utoipa::path(get, path = "/api/v1/areas/{code}", tag = "areas", operation_id = "getArea",
    summary = "One area with its memberships",
    description = "A country with the groups it belongs or belonged to, or a group with its members.",
    params(("code" = String, Path, description = "ISO alpha-3 (case-insensitive), group code or M49 number.", example = "SEN")),
    responses((status = 200, description = "The area.", body = AreaDetail),
        (status = 304, response = NotModified), (status = 400, response = BadRequest), (status = 404, response = NotFound)))]
pub async fn area(State(st): State<AppState>, path: Result<Path<String>, PathRejection>, p: Params) -> ApiResult<Response> {
    p.only(&[])?;
    let code = segment(path)?;
    let a = find_area(&st, "area code in the path", &code)?;
    let reg = st.areas();
    let name_of = |c: AreaCode| reg.get(&c).map(|x| &x.name);
    let mut groups = Vec::new();
    let mut members = Vec::new();
    for m in reg.memberships() {
        let current = m.holds(None);
        match &a.code {
            AreaCode::Country(c) if &m.member == c => groups.push(Member {
                code: m.group.as_str(),
                name: name_of(AreaCode::Group(m.group.clone())),
                from: m.from,
                until: m.until,
                current,
            }),
            AreaCode::Group(g) if &m.group == g => members.push(Member {
                code: m.member.as_str(),
                name: name_of(AreaCode::Country(m.member.clone())),
                from: m.from,
                until: m.until,
                current,
            }),
            _ => {}
        }
    }
    json(&AreaDetail { area: a, groups, members })
}

/// One vintage of a source: a dataset.
#[derive(Serialize, ToSchema)]
#[schema(as = Vintage)]
pub(super) struct VintageOut {
    /// The vintage, e.g. `2024`.
    vintage: String,
    /// `source@vintage`, as the `source` parameter of /api/v1/observations takes it.
    dataset: String,
    /// Whether it is the newest vintage of its source.
    latest: bool,
    /// Observations stored.
    observations: u64,
    /// The files read, with their checksums.
    #[schema(value_type = Vec<schema::FileInfo>)]
    files: Vec<mp_domain::FileInfo>,
}

/// A source in the store with its vintages.
#[derive(Serialize, ToSchema)]
#[schema(as = Source)]
pub(super) struct SourceOut {
    /// Source code.
    code: String,
    /// Name.
    name: String,
    /// Publisher.
    publisher: String,
    /// Licence of the data.
    licence: String,
    /// Where the data are published.
    url: String,
    /// Vintages, oldest first.
    vintages: Vec<VintageOut>,
}

/// `GET /api/v1/sources`: datasets grouped by source, vintages oldest first.
#[utoipa::path(get, path = "/api/v1/sources", tag = "data", operation_id = "listSources",
    summary = "Sources and datasets in the store",
    description = "Each source with publisher, licence and URL, and its vintages with files (SHA-256), observation counts and the latest flag.",
    responses((status = 200, description = "The sources.", body = List<SourceOut>),
        (status = 304, response = NotModified), (status = 400, response = BadRequest), (status = 503, response = Unavailable)))]
pub async fn sources(State(st): State<AppState>, p: Params) -> ApiResult<Response> {
    p.only(&[])?;
    let mut out: Vec<SourceOut> = Vec::new();
    for d in st.store().datasets().await? {
        let v = VintageOut {
            dataset: format!("{}@{}", d.source.code, d.vintage),
            vintage: d.vintage,
            latest: d.is_latest,
            observations: d.observations,
            files: d.files,
        };
        match out.last_mut() {
            Some(s) if s.code == d.source.code => s.vintages.push(v),
            _ => out.push(SourceOut {
                code: d.source.code,
                name: d.source.name,
                publisher: d.source.publisher,
                licence: d.source.licence,
                url: d.source.url,
                vintages: vec![v],
            }),
        }
    }
    json(&List { data: out })
}
