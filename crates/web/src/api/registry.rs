//! The governance registries: instruments and their status per country, institutions, and the
//! programmes and projects of international agencies, as JSON (`{"data": […]}`) or, with
//! `format=csv` or `format=xlsx`, as a file to download. Every entry names its source, vintage
//! and the place in the source file it was read from.

use super::catalogue::List;
use super::error::{ApiError, ApiResult};
use super::json;
use super::openapi::{BadRequest, NotModified, Unavailable};
use super::params::{Params, shown};
use super::schema;
use crate::AppState;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use mp_domain::registry::{Institution, Project, Sourced};
use mp_domain::{AreaCode, I18nText, Instrument, Ratification, RegistryView, ThemeCode};
use serde::Serialize;
use std::borrow::Cow;
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
use utoipa::openapi::{RefOr, Schema};
use utoipa::{IntoParams, PartialSchema, ToSchema};

/// Parameters of `/api/v1/registry/instruments` and `/institutions`.
pub const PARAMS: &[&str] = &["country", "format"];
/// Parameters of `/api/v1/registry/projects`.
pub const PROJECT_PARAMS: &[&str] = &["country", "theme", "format"];

/// Where an entry was read.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = RegistrySource)]
pub struct SourceOut {
    /// Source code.
    pub source: String,
    /// Vintage.
    pub vintage: String,
    /// Source name.
    pub name: String,
    /// File and row the entry was read from.
    pub at: String,
}

impl SourceOut {
    fn of<T>(s: &Sourced<T>) -> Self {
        SourceOut { source: s.source.clone(), vintage: s.vintage.clone(), name: s.source_name.clone(), at: s.at.clone() }
    }
}

/// The status of an instrument in one country.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = RegistryStatus)]
pub struct StatusOut {
    /// Country (ISO 3166 alpha-3).
    #[schema(value_type = String, example = "SEN")]
    pub country: AreaCode,
    /// `signed`, `ratified`, `in_force`, `adopted`, `in_preparation`, `expired`, `no_action`.
    pub status: String,
    /// Year of the status.
    #[schema(required = true)]
    pub year: Option<i32>,
    /// Body responsible.
    #[schema(required = true)]
    pub responsible: Option<String>,
    /// Note from the source; for the ECOWAS protocols, how far they are applied.
    #[schema(required = true)]
    pub note: Option<String>,
    /// Where it was read.
    #[schema(inline)]
    pub source: SourceOut,
}

/// An instrument with its status in the countries asked for.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = RegistryInstrument)]
pub struct InstrumentOut {
    /// Code.
    #[schema(example = "ICRMW")]
    pub code: String,
    /// Kind: `convention`, `protocol`, `regional`, `law`, `decree`, `policy`, `strategy`,
    /// `action_plan` or `development_plan`.
    pub kind: String,
    /// Short name.
    pub short: String,
    /// Title in the three languages.
    #[schema(value_type = schema::I18nText)]
    pub title: I18nText,
    /// Year adopted.
    #[schema(required = true)]
    pub year: Option<i32>,
    /// The country of a national text; null for a treaty.
    #[schema(value_type = Option<String>, required = true)]
    pub country: Option<AreaCode>,
    /// Citation.
    #[schema(required = true)]
    pub citation: Option<String>,
    /// Link.
    #[schema(required = true)]
    pub link: Option<String>,
    /// Themes of the profile it covers.
    #[schema(value_type = Vec<String>)]
    pub themes: Vec<ThemeCode>,
    /// Its status per country.
    #[schema(inline)]
    pub statuses: Vec<StatusOut>,
}

/// An institution.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = RegistryInstitution)]
pub struct InstitutionOut {
    /// Country (ISO 3166 alpha-3).
    #[schema(value_type = String, example = "SEN")]
    pub country: AreaCode,
    /// Name.
    pub name: String,
    /// Acronym.
    #[schema(required = true)]
    pub acronym: Option<String>,
    /// Mandate on migration.
    #[schema(required = true)]
    pub mandate: Option<String>,
    /// Parent body.
    #[schema(required = true)]
    pub parent: Option<String>,
    /// Themes it works on.
    #[schema(value_type = Vec<String>)]
    pub themes: Vec<ThemeCode>,
    /// Contact point.
    #[schema(required = true)]
    pub contact: Option<String>,
    /// Data it holds.
    #[schema(required = true)]
    pub data_held: Option<String>,
    /// The code of the TWG workspace organisation it is, when it takes part in the TWG.
    #[schema(required = true)]
    pub organisation: Option<String>,
    /// Where it was read.
    #[schema(inline)]
    pub source: SourceOut,
}

impl InstitutionOut {
    fn of(s: &Sourced<Institution>) -> Self {
        let i = &s.entry;
        InstitutionOut {
            country: i.area.clone(),
            name: i.name.clone(),
            acronym: i.acronym.clone(),
            mandate: i.mandate.clone(),
            parent: i.parent.clone(),
            themes: i.themes.clone(),
            contact: i.contact.clone(),
            data_held: i.data_held.clone(),
            organisation: i.organisation.clone(),
            source: SourceOut::of(s),
        }
    }
}

/// A budget.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = RegistryBudget)]
pub struct BudgetOut {
    /// Amount.
    pub value: f64,
    /// ISO 4217 currency.
    pub currency: String,
}

/// A programme or project.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = RegistryProject)]
pub struct ProjectOut {
    /// Identifier (the IATI identifier when there is one).
    pub identifier: String,
    /// Title.
    pub title: String,
    /// Reporting organisation.
    pub reporting_org: String,
    /// Implementing organisations.
    pub implementing: Vec<String>,
    /// Donors.
    pub donors: Vec<String>,
    /// Countries (ISO 3166 alpha-3).
    #[schema(value_type = Vec<String>)]
    pub countries: Vec<AreaCode>,
    /// Themes of the profile.
    #[schema(value_type = Vec<String>)]
    pub themes: Vec<ThemeCode>,
    /// Sector codes as published.
    pub sectors: Vec<String>,
    /// Start date, YYYY-MM-DD.
    #[schema(required = true)]
    pub start: Option<String>,
    /// End date, YYYY-MM-DD.
    #[schema(required = true)]
    pub end: Option<String>,
    /// IATI activity status: `pipeline`, `implementation`, `finalisation`, `closed`,
    /// `cancelled` or `suspended`.
    #[schema(required = true)]
    pub status: Option<String>,
    /// Total budget.
    #[schema(required = true, inline)]
    pub budget: Option<BudgetOut>,
    /// Results as reported.
    #[schema(required = true)]
    pub results: Option<String>,
    /// Where it was read.
    #[schema(inline)]
    pub source: SourceOut,
}

impl ProjectOut {
    fn of(s: &Sourced<Project>) -> Self {
        let p = &s.entry;
        ProjectOut {
            identifier: p.identifier.clone(),
            title: p.title.clone(),
            reporting_org: p.reporting_org.clone(),
            implementing: p.implementing.clone(),
            donors: p.donors.clone(),
            countries: p.countries.clone(),
            themes: p.themes.clone(),
            sectors: p.sectors.clone(),
            start: p.start.map(|d| d.to_string()),
            end: p.end.map(|d| d.to_string()),
            status: p.status.map(|s| s.code().to_string()),
            budget: p.budget.as_ref().map(|b| BudgetOut { value: b.value, currency: b.currency.as_str().to_string() }),
            results: p.results.clone(),
            source: SourceOut::of(s),
        }
    }
}

/// The query parameters of `/api/v1/registry/instruments` and `/institutions`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // Describes the parameters; the handler reads them with [`Params`].
pub(super) struct RegistryQuery {
    /// A profile country (ISO 3166 alpha-3): only its entries.
    #[param(value_type = String, required = false, example = "SEN")]
    country: Option<String>,
    /// `json` (the default), or `csv` or `xlsx` for a file to download with the same entries, one
    /// row per entry (per instrument and country for instruments).
    #[param(value_type = FormatParam, inline, required = false, example = "json")]
    format: Option<String>,
}

/// The query parameters of `/api/v1/registry/projects`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // Describes the parameters; the handler reads them with [`Params`].
pub(super) struct ProjectQuery {
    /// A profile country (ISO 3166 alpha-3): only its entries.
    #[param(value_type = String, required = false, example = "SEN")]
    country: Option<String>,
    /// A theme code (case-insensitive): only the projects covering it.
    #[param(value_type = String, required = false, example = "T13")]
    theme: Option<String>,
    /// `json` (the default), or `csv` or `xlsx` for a file to download with the same entries, one
    /// row per entry.
    #[param(value_type = FormatParam, inline, required = false, example = "json")]
    format: Option<String>,
}

/// The answer's format.
#[derive(ToSchema)]
#[schema(rename_all = "lowercase")]
#[allow(dead_code)] // Describes the parameter; the handler reads it with [`Params`].
pub(super) enum FormatParam {
    /// JSON, `{"data": […]}`.
    Json,
    /// CSV with a header row.
    Csv,
    /// An Excel workbook.
    Xlsx,
}

/// The CSV download (`format=csv`): a header row, then one row per entry.
pub(super) struct CsvFile;

impl PartialSchema for CsvFile {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new().schema_type(Type::String).content_media_type("text/csv").into()
    }
}

impl ToSchema for CsvFile {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("CsvFile")
    }
}

/// The Excel download (`format=xlsx`): one sheet, a header row, then one row per entry.
pub(super) struct XlsxFile;

impl PartialSchema for XlsxFile {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new().schema_type(Type::String).format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary))).into()
    }
}

impl ToSchema for XlsxFile {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("XlsxFile")
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Fmt {
    Json,
    Csv,
    Xlsx,
}

fn format(p: &Params) -> ApiResult<Fmt> {
    match p.one("format")? {
        None | Some("json") => Ok(Fmt::Json),
        Some("csv") => Ok(Fmt::Csv),
        Some("xlsx") => Ok(Fmt::Xlsx),
        Some(other) => Err(ApiError::bad_request(format!("unknown format `{}`: expected json, csv or xlsx", shown(other)))),
    }
}

/// The country asked for, a profile country, or none.
fn country(st: &AppState, p: &Params) -> ApiResult<Option<AreaCode>> {
    match p.one("country")? {
        None => Ok(None),
        Some(c) => crate::http::profile_country(st, c).map(|a| Some(a.code.clone())).map_err(|e| ApiError::bad_request(e.message())),
    }
}

async fn view(st: &AppState, c: &Option<AreaCode>) -> ApiResult<RegistryView> {
    let areas: Vec<AreaCode> = c.iter().cloned().collect();
    st.store().registry_view(&areas).await.map_err(|e| ApiError::store(&e))
}

fn file(fmt: Fmt, stem: &str, header: &[&str], rows: &[Vec<String>]) -> ApiResult<Response> {
    let (bytes, ct, ext) = match fmt {
        Fmt::Csv => (mp_export::csv_of_rows(header, rows), mp_export::CSV, "csv"),
        _ => (mp_export::xlsx_of_rows(stem, header, rows), mp_export::XLSX, "xlsx"),
    };
    let bytes = bytes.map_err(|e| ApiError::internal(&e))?;
    let disposition = format!("attachment; filename=\"registry-{stem}.{ext}\"");
    Ok(([(header::CONTENT_TYPE, ct.to_string()), (header::CONTENT_DISPOSITION, disposition)], bytes).into_response())
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

fn themes(t: &[ThemeCode]) -> String {
    t.iter().map(ThemeCode::as_str).collect::<Vec<_>>().join(" ")
}

fn status_out(r: &Sourced<Ratification>) -> StatusOut {
    StatusOut {
        country: r.entry.area.clone(),
        status: r.entry.status.code().to_string(),
        year: r.entry.year,
        responsible: r.entry.responsible.clone(),
        note: r.entry.note.clone(),
        source: SourceOut::of(r),
    }
}

fn instrument_out(i: &Instrument, v: &RegistryView) -> InstrumentOut {
    InstrumentOut {
        code: i.code.to_string(),
        kind: i.kind.code().to_string(),
        short: i.short.clone(),
        title: i.title.clone(),
        year: i.year,
        country: i.area.clone(),
        citation: i.citation.clone(),
        link: i.link.clone(),
        themes: i.themes.clone(),
        statuses: v.ratifications.iter().filter(|r| r.entry.instrument == i.code).map(status_out).collect(),
    }
}

/// `GET /api/v1/registry/instruments`: every instrument with its status in each country (in
/// `country` only when given: then the instruments with a status there, and its national texts).
#[utoipa::path(get, path = "/api/v1/registry/instruments", tag = "registry", operation_id = "listRegistryInstruments",
    summary = "Instruments and their status",
    description = "The legal and policy instruments of the governance registry (treaties, regional protocols, national laws, policies and plans) with their status in each country and the source of each status.",
    params(RegistryQuery),
    responses((status = 200, description = "The instruments (JSON), or the file to download.", content(
            (List<InstrumentOut> = "application/json"), (inline(CsvFile) = "text/csv"),
            (inline(XlsxFile) = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        (status = 304, response = NotModified), (status = 400, response = BadRequest), (status = 503, response = Unavailable)))]
pub async fn instruments(State(st): State<AppState>, p: Params) -> ApiResult<Response> {
    p.only(PARAMS)?;
    let fmt = format(&p)?;
    let c = country(&st, &p)?;
    let v = view(&st, &c).await?;
    let wanted = |i: &Instrument| match &c {
        None => true,
        Some(a) => i.area.as_ref() == Some(a) || v.ratifications.iter().any(|r| r.entry.instrument == i.code),
    };
    let data: Vec<InstrumentOut> = v.instruments.iter().filter(|i| wanted(i)).map(|i| instrument_out(i, &v)).collect();
    if fmt == Fmt::Json {
        return json(&List { data });
    }
    let header = [
        "instrument",
        "kind",
        "short",
        "title_en",
        "title_fr",
        "title_pt",
        "themes",
        "country",
        "status",
        "year",
        "responsible",
        "note",
        "source",
        "vintage",
        "read_at",
    ];
    let mut rows = Vec::new();
    for i in &data {
        for s in &i.statuses {
            rows.push(vec![
                i.code.clone(),
                i.kind.clone(),
                i.short.clone(),
                i.title.en.clone(),
                i.title.fr.clone(),
                i.title.pt.clone(),
                themes(&i.themes),
                s.country.to_string(),
                s.status.clone(),
                s.year.map(|y| y.to_string()).unwrap_or_default(),
                opt(&s.responsible),
                opt(&s.note),
                s.source.source.clone(),
                s.source.vintage.clone(),
                s.source.at.clone(),
            ]);
        }
    }
    file(fmt, "instruments", &header, &rows)
}

/// `GET /api/v1/registry/institutions`
#[utoipa::path(get, path = "/api/v1/registry/institutions", tag = "registry", operation_id = "listRegistryInstitutions",
    summary = "Institutions of migration governance",
    description = "The institutions recorded per country, with their mandate, parent body, themes, contact point, data held and source.",
    params(RegistryQuery),
    responses((status = 200, description = "The institutions (JSON), or the file to download.", content(
            (List<InstitutionOut> = "application/json"), (inline(CsvFile) = "text/csv"),
            (inline(XlsxFile) = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        (status = 304, response = NotModified), (status = 400, response = BadRequest), (status = 503, response = Unavailable)))]
pub async fn institutions(State(st): State<AppState>, p: Params) -> ApiResult<Response> {
    p.only(PARAMS)?;
    let fmt = format(&p)?;
    let c = country(&st, &p)?;
    let v = view(&st, &c).await?;
    let data: Vec<InstitutionOut> = v.institutions.iter().map(InstitutionOut::of).collect();
    if fmt == Fmt::Json {
        return json(&List { data });
    }
    let header = [
        "country",
        "name",
        "acronym",
        "mandate",
        "parent",
        "themes",
        "contact",
        "data_held",
        "organisation",
        "source",
        "vintage",
        "read_at",
    ];
    let rows: Vec<Vec<String>> = data
        .iter()
        .map(|d| {
            let i = d;
            vec![
                i.country.to_string(),
                i.name.clone(),
                opt(&i.acronym),
                opt(&i.mandate),
                opt(&i.parent),
                themes(&i.themes),
                opt(&i.contact),
                opt(&i.data_held),
                opt(&i.organisation),
                d.source.source.clone(),
                d.source.vintage.clone(),
                d.source.at.clone(),
            ]
        })
        .collect();
    file(fmt, "institutions", &header, &rows)
}

/// `GET /api/v1/registry/projects`
#[utoipa::path(get, path = "/api/v1/registry/projects", tag = "registry", operation_id = "listRegistryProjects",
    summary = "Programmes and projects",
    description = "The programmes and projects of international agencies recorded (from IATI files, the registry workbook or the TWG workspace), with their countries, themes, period, status, budget and source.",
    params(ProjectQuery),
    responses((status = 200, description = "The projects (JSON), or the file to download.", content(
            (List<ProjectOut> = "application/json"), (inline(CsvFile) = "text/csv"),
            (inline(XlsxFile) = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        (status = 304, response = NotModified), (status = 400, response = BadRequest), (status = 503, response = Unavailable)))]
pub async fn projects(State(st): State<AppState>, p: Params) -> ApiResult<Response> {
    p.only(PROJECT_PARAMS)?;
    let fmt = format(&p)?;
    let c = country(&st, &p)?;
    let theme = match p.one("theme")? {
        None => None,
        Some(t) => {
            let bad = || ApiError::bad_request(format!("unknown theme `{}`: expected a theme code such as T13", shown(t)));
            let code = ThemeCode::parse(&t.to_ascii_uppercase()).map_err(|_| bad())?;
            st.framework().theme(&code).ok_or_else(bad)?;
            Some(code)
        }
    };
    let v = view(&st, &c).await?;
    let data: Vec<ProjectOut> =
        v.projects.iter().filter(|s| theme.as_ref().is_none_or(|t| s.entry.themes.contains(t))).map(ProjectOut::of).collect();
    if fmt == Fmt::Json {
        return json(&List { data });
    }
    let header = [
        "identifier",
        "title",
        "reporting_org",
        "implementing",
        "donors",
        "countries",
        "themes",
        "sectors",
        "start",
        "end",
        "status",
        "budget",
        "currency",
        "results",
        "source",
        "vintage",
        "read_at",
    ];
    let rows: Vec<Vec<String>> = data
        .iter()
        .map(|d| {
            let p = d;
            let join = |v: &[String]| v.join("; ");
            vec![
                p.identifier.clone(),
                p.title.clone(),
                p.reporting_org.clone(),
                join(&p.implementing),
                join(&p.donors),
                p.countries.iter().map(AreaCode::as_str).collect::<Vec<_>>().join(" "),
                themes(&p.themes),
                p.sectors.join(" "),
                opt(&p.start),
                opt(&p.end),
                opt(&p.status),
                p.budget.as_ref().map(|b| b.value.to_string()).unwrap_or_default(),
                p.budget.as_ref().map(|b| b.currency.clone()).unwrap_or_default(),
                opt(&p.results),
                d.source.source.clone(),
                d.source.vintage.clone(),
                d.source.at.clone(),
            ]
        })
        .collect();
    file(fmt, "projects", &header, &rows)
}
