//! The governance registries: instruments and their status per country, institutions, and the
//! programmes and projects of international agencies, as JSON (`{"data": […]}`) or, with
//! `format=csv` or `format=xlsx`, as a file to download. Every entry names its source, vintage
//! and the place in the source file it was read from.

use super::error::{ApiError, ApiResult};
use super::json;
use super::params::{Params, shown};
use crate::AppState;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use mp_domain::registry::{Institution, Project, Sourced};
use mp_domain::{AreaCode, I18nText, Instrument, Ratification, RegistryView, ThemeCode};
use serde::Serialize;

/// Parameters of `/api/v1/registry/instruments` and `/institutions`.
pub const PARAMS: &[&str] = &["country", "format"];
/// Parameters of `/api/v1/registry/projects`.
pub const PROJECT_PARAMS: &[&str] = &["country", "theme", "format"];

/// Where an entry was read.
#[derive(Debug, Clone, Serialize)]
pub struct SourceOut {
    /// Source code.
    pub source: String,
    /// Vintage.
    pub vintage: String,
    /// Source name.
    pub name: String,
    /// File and row.
    pub at: String,
}

impl SourceOut {
    fn of<T>(s: &Sourced<T>) -> Self {
        SourceOut { source: s.source.clone(), vintage: s.vintage.clone(), name: s.source_name.clone(), at: s.at.clone() }
    }
}

/// The status of an instrument in one country.
#[derive(Debug, Clone, Serialize)]
pub struct StatusOut {
    /// Country (ISO3).
    pub country: AreaCode,
    /// `signed`, `ratified`, `in_force`, `adopted`, `in_preparation`, `expired`, `no_action`.
    pub status: String,
    /// Year of the status.
    pub year: Option<i32>,
    /// Body responsible.
    pub responsible: Option<String>,
    /// Note from the source (for the ECOWAS protocols, how far they are applied).
    pub note: Option<String>,
    /// Where it was read.
    pub source: SourceOut,
}

/// An instrument with its status in the countries asked for.
#[derive(Debug, Clone, Serialize)]
pub struct InstrumentOut {
    /// Code.
    pub code: String,
    /// Kind (`convention`, `protocol`, `regional`, `law`, …).
    pub kind: String,
    /// Short name.
    pub short: String,
    /// Title in the three languages.
    pub title: I18nText,
    /// Year adopted.
    pub year: Option<i32>,
    /// Country of a national text.
    pub country: Option<AreaCode>,
    /// Citation.
    pub citation: Option<String>,
    /// Link.
    pub link: Option<String>,
    /// Themes of the profile it covers.
    pub themes: Vec<ThemeCode>,
    /// Its status per country.
    pub statuses: Vec<StatusOut>,
}

/// An institution.
#[derive(Debug, Clone, Serialize)]
pub struct InstitutionOut {
    /// Country.
    pub country: AreaCode,
    /// Name.
    pub name: String,
    /// Acronym.
    pub acronym: Option<String>,
    /// Mandate on migration.
    pub mandate: Option<String>,
    /// Parent body.
    pub parent: Option<String>,
    /// Themes it works on.
    pub themes: Vec<ThemeCode>,
    /// Contact point.
    pub contact: Option<String>,
    /// Data it holds.
    pub data_held: Option<String>,
    /// Where it was read.
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
            source: SourceOut::of(s),
        }
    }
}

/// A budget.
#[derive(Debug, Clone, Serialize)]
pub struct BudgetOut {
    /// Amount.
    pub value: f64,
    /// ISO 4217 currency.
    pub currency: String,
}

/// A programme or project.
#[derive(Debug, Clone, Serialize)]
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
    /// Countries.
    pub countries: Vec<AreaCode>,
    /// Themes of the profile.
    pub themes: Vec<ThemeCode>,
    /// Sector codes as published.
    pub sectors: Vec<String>,
    /// Start date, YYYY-MM-DD.
    pub start: Option<String>,
    /// End date, YYYY-MM-DD.
    pub end: Option<String>,
    /// Stage.
    pub status: Option<String>,
    /// Total budget.
    pub budget: Option<BudgetOut>,
    /// Results as reported.
    pub results: Option<String>,
    /// Where it was read.
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

/// A list answer.
#[derive(Serialize)]
struct List<T> {
    data: Vec<T>,
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
pub async fn institutions(State(st): State<AppState>, p: Params) -> ApiResult<Response> {
    p.only(PARAMS)?;
    let fmt = format(&p)?;
    let c = country(&st, &p)?;
    let v = view(&st, &c).await?;
    let data: Vec<InstitutionOut> = v.institutions.iter().map(InstitutionOut::of).collect();
    if fmt == Fmt::Json {
        return json(&List { data });
    }
    let header = ["country", "name", "acronym", "mandate", "parent", "themes", "contact", "data_held", "source", "vintage", "read_at"];
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
                d.source.source.clone(),
                d.source.vintage.clone(),
                d.source.at.clone(),
            ]
        })
        .collect();
    file(fmt, "institutions", &header, &rows)
}

/// `GET /api/v1/registry/projects`
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
