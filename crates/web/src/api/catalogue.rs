//! The framework, the areas and the datasets: what a client reads to know which codes the
//! observation queries accept.

use super::error::{ApiError, ApiResult};
use super::params::{MAX_VALUE, Params, shown};
use crate::AppState;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use mp_domain::framework::{Codelist, DimensionValues};
use mp_domain::{Area, AreaCode, AreaKind, I18nText, Indicator, Lang, ThemeCode};
use serde::Serialize;

use super::json;
use axum::response::Response;

/// A list answer: `{"data": […]}`, so fields can be added beside `data` later without breaking clients.
#[derive(Serialize)]
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

#[derive(Serialize)]
struct ThemeOut<'a> {
    code: &'a ThemeCode,
    order: u32,
    name: &'a I18nText,
    description: &'a I18nText,
    indicators: usize,
}

/// `GET /api/v1/themes`
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

#[derive(Serialize)]
struct IndicatorSummary<'a> {
    code: &'a str,
    theme: &'a str,
    name: &'a I18nText,
    unit: &'a str,
    unit_mult: u8,
    decimals: u8,
    dimensions: Vec<&'a str>,
    key: bool,
    computed: bool,
    sdg: Option<&'a str>,
    gcm: &'a [u8],
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

#[derive(Serialize)]
struct UnitOut<'a> {
    id: &'a str,
    symbol: Option<&'a str>,
    name: Option<&'a I18nText>,
}

#[derive(Serialize)]
struct DimensionOut<'a> {
    id: &'a str,
    name: Option<&'a I18nText>,
    /// `codelist` or `areas` (the codes are then the area codes of /api/v1/areas).
    values: &'static str,
    codelist: Option<&'a str>,
    codes: Option<&'a [mp_domain::framework::Code]>,
}

#[derive(Serialize)]
struct SourceRefOut<'a> {
    name: &'a str,
    code: Option<&'a str>,
    caveat: Option<&'a I18nText>,
}

#[derive(Serialize)]
struct IndicatorOut<'a> {
    code: &'a str,
    theme: ThemeRef<'a>,
    name: &'a I18nText,
    definition: &'a I18nText,
    unit: UnitOut<'a>,
    unit_mult: u8,
    decimals: u8,
    dimensions: Vec<DimensionOut<'a>>,
    sources: Vec<SourceRefOut<'a>>,
    formula: Option<&'a str>,
    sdg: Option<&'a str>,
    gcm: &'a [u8],
    key: bool,
}

#[derive(Serialize)]
struct ThemeRef<'a> {
    code: &'a str,
    name: Option<&'a I18nText>,
}

/// `GET /api/v1/indicators/{code}`
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
                values: if matches!(dim.map(|x| &x.values), Some(DimensionValues::Areas)) { "areas" } else { "codelist" },
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
        sources: i.sources.iter().map(|s| SourceRefOut { name: &s.name, code: s.code.as_deref(), caveat: s.caveat.as_ref() }).collect(),
        formula: i.formula.as_ref().map(|f| f.text.as_str()),
        sdg: i.sdg.as_deref(),
        gcm: &i.gcm,
        key: i.key,
    };
    json(&out)
}

#[derive(Serialize)]
struct CodelistSummary<'a> {
    id: &'a str,
    name: &'a I18nText,
    codes: usize,
}

/// `GET /api/v1/codelists`
pub async fn codelists(State(st): State<AppState>, p: Params) -> ApiResult<Response> {
    p.only(&[])?;
    let data: Vec<CodelistSummary> =
        st.framework().codelists.values().map(|c| CodelistSummary { id: &c.id, name: &c.name, codes: c.codes.len() }).collect();
    json(&List { data })
}

/// `GET /api/v1/codelists/{id}`
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

/// `GET /api/v1/areas?kind=country&profile=true`
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

#[derive(Serialize)]
struct Member<'a> {
    code: &'a str,
    name: Option<&'a I18nText>,
    from: Option<i32>,
    until: Option<i32>,
    current: bool,
}

#[derive(Serialize)]
struct AreaDetail<'a> {
    #[serde(flatten)]
    area: &'a Area,
    /// For a country: the groups it belongs or belonged to.
    groups: Vec<Member<'a>>,
    /// For a group: its members, past and present.
    members: Vec<Member<'a>>,
}

/// `GET /api/v1/areas/{code}`
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

#[derive(Serialize)]
struct VintageOut {
    vintage: String,
    dataset: String,
    latest: bool,
    observations: u64,
    files: Vec<mp_domain::FileInfo>,
}

#[derive(Serialize)]
struct SourceOut {
    code: String,
    name: String,
    publisher: String,
    licence: String,
    url: String,
    vintages: Vec<VintageOut>,
}

/// `GET /api/v1/sources`: datasets grouped by source, vintages oldest first.
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
