//! The entry form: a data provider types figures of one indicator in the browser instead of
//! uploading a file. The form is generated from the framework (each dimension a drop-down of its
//! codes, the unit stated, the period chosen from a list); what is typed becomes an SDMX-CSV
//! file, read and checked by the same reader as an upload, so a typed figure and an uploaded
//! one meet exactly the same rules and the same problems are named, by row and column.

use super::submissions::{create_draft, problem_views};
use super::{Viewer, WsError, page, see_other};
use crate::pages::{Chrome, Section, m, ma, tr};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use mp_domain::framework::DimensionValues;
use mp_domain::{Indicator, Iso3, Lang};
use mp_workspace::{Membership, Role, ThemeSet};
use serde::Deserialize;
use std::collections::HashMap;

/// Rows of the form.
const ROWS: usize = 8;
/// First year offered.
const FIRST_YEAR: i32 = 1990;

struct Select {
    name: String,
    label: String,
    /// `(value, text, selected)`
    options: Vec<(String, String, bool)>,
    /// A text field instead of a drop-down (areas: too many for a drop-down on a phone).
    text: bool,
    value: String,
}

struct RowView {
    number: usize,
    fields: Vec<Select>,
}

#[derive(Template)]
#[template(path = "ws_entry.html")]
struct EntryT {
    chrome: Chrome,
    heading: String,
    intro: String,
    indicators: Vec<(String, String)>,
    action: String,
    csrf: String,
    country: String,
    indicator: String,
    unit: String,
    vintage_label: String,
    vintage: String,
    rows: Vec<RowView>,
    submit: String,
    problems: Vec<super::submissions::ProblemView>,
    problems_label: String,
    cols: [String; 5],
}

fn provider_for<'a>(v: &'a Viewer, country: &Iso3) -> Option<&'a Membership> {
    v.principal.memberships.iter().find(|m| m.role == Role::Provider && m.scope.country.as_ref() == Some(country))
}

fn covers(themes: &ThemeSet, ind: &Indicator) -> bool {
    match themes {
        ThemeSet::All => true,
        ThemeSet::Some(s) => s.contains(&ind.theme),
    }
}

fn this_year() -> i32 {
    mp_service::today().get(..4).and_then(|y| y.parse().ok()).unwrap_or(2026)
}

/// Query of the form page.
#[derive(Deserialize)]
pub(crate) struct EntryQuery {
    #[serde(default)]
    country: String,
    #[serde(default)]
    indicator: String,
}

#[allow(clippy::too_many_arguments)] // the page's parts: who, where, what, and what was typed
fn render(
    fw: &mp_domain::Framework,
    v: &Viewer,
    uri: &Uri,
    country: &Iso3,
    mb: &Membership,
    ind: Option<&Indicator>,
    typed: &HashMap<String, String>,
    problems: Vec<super::submissions::ProblemView>,
) -> Result<Response, WsError> {
    let lang = v.lang;
    let heading = match ind {
        Some(i) => format!("{} · {}", m(lang, "ws-entry"), tr(&i.name, lang)),
        None => m(lang, "ws-entry"),
    };
    let indicators = match ind {
        Some(_) => Vec::new(),
        None => fw
            .indicators
            .iter()
            .filter(|i| i.formula.is_none() && covers(&mb.scope.themes, i))
            .map(|i| {
                // A national indicator says so (it is the country's own, never compared).
                let mark = if i.national.is_some() { format!(" ({})", m(lang, "national-mark")) } else { String::new() };
                (
                    format!("/{}/ws/entry?country={country}&indicator={}", lang.code(), i.code),
                    format!("{} — {}{mark}", i.code, tr(&i.name, lang)),
                )
            })
            .collect(),
    };
    let mut rows = Vec::new();
    let mut unit = String::new();
    if let Some(ind) = ind {
        unit = fw.units.iter().find(|u| u.id == ind.unit).map(|u| ma(lang, "ws-unit", &[("unit", &tr(&u.name, lang))])).unwrap_or_default();
        let years: Vec<String> = (FIRST_YEAR..=this_year()).rev().map(|y| y.to_string()).collect();
        let statuses: Vec<(String, String)> = fw
            .codelists
            .get("CL_OBS_STATUS")
            .map(|cl| cl.codes.iter().map(|c| (c.id.to_string(), format!("{} — {}", c.id, tr(&c.name, lang)))).collect())
            .unwrap_or_default();
        for r in 0..ROWS {
            let val = |k: &str| typed.get(&format!("{k}_{r}")).cloned().unwrap_or_default();
            let select = |name: &str, label: String, opts: Vec<(String, String)>| {
                let current = val(name);
                Select {
                    name: format!("{name}_{r}"),
                    label,
                    options: opts.into_iter().map(|(v, t)| (v.clone(), t, v == current)).collect(),
                    text: false,
                    value: current,
                }
            };
            let mut fields = vec![select("period", m(lang, "ws-col-period"), years.iter().map(|y| (y.clone(), y.clone())).collect())];
            for d in &ind.dimensions {
                let label = fw.dimensions.get(d).map(|x| tr(&x.name, lang)).unwrap_or_else(|| d.to_string());
                let field = format!("dim-{d}");
                match fw.dimensions.get(d).map(|x| &x.values) {
                    Some(DimensionValues::Codelist(_)) => {
                        let mut opts = vec![("_T".to_string(), m(lang, "ws-total"))];
                        if let Some(cl) = fw.codelist_of(d) {
                            opts.extend(cl.codes.iter().filter(|c| !c.id.is_total()).map(|c| (c.id.to_string(), tr(&c.name, lang))));
                        }
                        fields.push(select(&field, label, opts));
                    }
                    _ => fields.push(Select { name: format!("{field}_{r}"), label, options: Vec::new(), text: true, value: val(&field) }),
                }
            }
            fields.push(Select {
                name: format!("value_{r}"),
                label: m(lang, "ws-col-value"),
                options: Vec::new(),
                text: true,
                value: val("value"),
            });
            let mut st_opts = vec![(String::new(), String::new())];
            st_opts.extend(statuses.iter().cloned());
            fields.push(select("status", m(lang, "ws-status"), st_opts));
            rows.push(RowView { number: r + 1, fields });
        }
    }
    let t = EntryT {
        chrome: Chrome::new(lang, uri, &heading, Section::Other),
        heading,
        intro: m(lang, if ind.is_some() { "ws-entry-intro" } else { "ws-entry-choose" }),
        indicators,
        action: format!("/{}/ws/entry", lang.code()),
        csrf: v.csrf.clone(),
        country: country.to_string(),
        indicator: ind.map(|i| i.code.to_string()).unwrap_or_default(),
        unit,
        vintage_label: m(lang, "ws-vintage"),
        vintage: typed.get("vintage").cloned().unwrap_or_else(|| this_year().to_string()),
        rows,
        submit: m(lang, "ws-upload-send"),
        problems,
        problems_label: m(lang, "ws-problems"),
        cols: [
            m(lang, "ws-col-sheet"),
            m(lang, "ws-col-row"),
            m(lang, "ws-col-column"),
            m(lang, "ws-col-value"),
            m(lang, "ws-col-expected"),
        ],
    };
    let status = if t.problems.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok(page(status, t.render().map_err(|e| WsError::Internal(e.to_string()))?))
}

/// The country's framework (its national indicators too) of the country a form is for: the
/// one named, else the provider's own.
async fn country_fw(st: &AppState, v: &Viewer, country: &str) -> Result<mp_domain::Framework, WsError> {
    let mine = v.principal.memberships.iter().find(|m| m.role == Role::Provider).and_then(|m| m.scope.country.clone());
    let c = if country.trim().is_empty() { mine } else { Iso3::parse(&country.to_ascii_uppercase()).ok() };
    Ok(match c {
        Some(c) => mp_service::national::country_framework(st.store(), st.framework(), &mp_domain::AreaCode::Country(c)).await?,
        None => st.framework().clone(),
    })
}

fn scope<'a>(
    fw: &'a mp_domain::Framework,
    v: &'a Viewer,
    country: &str,
    indicator: &str,
) -> Result<(Iso3, &'a Membership, Option<&'a Indicator>), WsError> {
    let lang: Lang = v.lang;
    let forbidden = || WsError::Forbidden(m(lang, "ws-not-provider"));
    let mine = v.principal.memberships.iter().find(|m| m.role == Role::Provider).and_then(|m| m.scope.country.clone());
    let c = if country.trim().is_empty() {
        mine.ok_or_else(forbidden)?
    } else {
        Iso3::parse(&country.to_ascii_uppercase()).map_err(|_| forbidden())?
    };
    let mb = provider_for(v, &c).ok_or_else(forbidden)?;
    let ind = if indicator.trim().is_empty() {
        None
    } else {
        let i = fw.find(indicator.trim()).filter(|i| i.formula.is_none()).ok_or(WsError::NotFound)?;
        if !covers(&mb.scope.themes, i) {
            return Err(forbidden());
        }
        Some(i)
    };
    Ok((c, mb, ind))
}

/// `GET /{lang}/ws/entry?country=SEN&indicator=IMM.STOCK`
pub(crate) async fn form_page(
    State(st): State<AppState>,
    v: Viewer,
    uri: Uri,
    q: Result<Query<EntryQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let run = async {
        let Query(q) = q.map_err(|e| WsError::Bad(StatusCode::BAD_REQUEST, e.body_text()))?;
        let fw = country_fw(&st, &v, &q.country).await?;
        let (c, mb, ind) = scope(&fw, &v, &q.country, &q.indicator)?;
        render(&fw, &v, &uri, &c, mb, ind, &HashMap::new(), Vec::new())
    };
    run.await.unwrap_or_else(|e| e.page(v.lang, &uri))
}

/// A CSV field, quoted when needed (RFC 4180).
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) || s.trim() != s { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_string() }
}

/// `POST /{lang}/ws/entry`: the typed rows as an SDMX-CSV file, then exactly the upload's path.
pub(crate) async fn submit(State(st): State<AppState>, v: Viewer, uri: Uri, Form(pairs): Form<Vec<(String, String)>>) -> Response {
    let run = async {
        let typed: HashMap<String, String> = pairs.into_iter().take(400).map(|(k, v)| (k, v.chars().take(200).collect())).collect();
        let get = |k: &str| typed.get(k).map(String::as_str).unwrap_or_default();
        v.check_csrf(get("csrf"))?;
        let fw = country_fw(&st, &v, get("country")).await?;
        let (c, mb, ind) = scope(&fw, &v, get("country"), get("indicator"))?;
        let ind = ind.ok_or_else(|| WsError::Bad(StatusCode::BAD_REQUEST, "choose an indicator".into()))?;
        let vintage: String = get("vintage").chars().filter(|ch| ch.is_ascii_alphanumeric() || *ch == '.' || *ch == '-').take(20).collect();
        let vintage = if vintage.is_empty() { this_year().to_string() } else { vintage };
        let mut csv = String::from("STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,INDICATOR");
        for d in &ind.dimensions {
            csv.push(',');
            csv.push_str(d.as_str());
        }
        csv.push_str(",TIME_PERIOD,OBS_VALUE,OBS_STATUS,UNIT_MULT,COMMENT_OBS\r\n");
        let mut n = 0;
        for r in 0..ROWS {
            let value = get(&format!("value_{r}")).trim().to_string();
            let status = get(&format!("status_{r}")).trim().to_string();
            if value.is_empty() && status.is_empty() {
                continue;
            }
            n += 1;
            let mut rec =
                vec!["dataflow".to_string(), format!("MPROFILE:ENTRY({vintage})"), "I".into(), c.to_string(), ind.code.to_string()];
            for d in &ind.dimensions {
                let x = get(&format!("dim-{d}_{r}")).trim();
                rec.push(if x.is_empty() { "_T".into() } else { x.to_string() });
            }
            rec.extend([get(&format!("period_{r}")).trim().to_string(), value, status, "0".into(), String::new()]);
            csv.push_str(&rec.iter().map(|s| field(s)).collect::<Vec<_>>().join(","));
            csv.push_str("\r\n");
        }
        let rejected = |p| render(&fw, &v, &uri, &c, mb, Some(ind), &typed, p);
        if n == 0 {
            return rejected(vec![super::submissions::ProblemView::expected(m(v.lang, "ws-entry-empty"))]);
        }
        let name = format!("entry-{}-{}.csv", c, ind.code);
        match create_draft(&st, &v.principal, c.as_str(), &name, csv.into_bytes(), None, v.lang).await? {
            Ok(s) => Ok(see_other(&format!("/{}/ws/submission/{}", v.lang.code(), s.id))),
            Err(r) => rejected(problem_views(r)),
        }
    };
    run.await.unwrap_or_else(|e: WsError| e.page(v.lang, &uri))
}
