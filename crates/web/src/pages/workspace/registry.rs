//! The registry in the TWG workspace: the secretariat of a country lists the status of the
//! instruments recorded for it and adds or corrects one (the 1951 Convention, the Palermo
//! protocols, ILO C97/C143, the ECOWAS protocols, national laws and plans), each with the source
//! it was read in. The entry is stored as the country's national registry source
//! (`nat-<iso3>-twg-registry`), the version the secretariat saw is checked (a 409 when someone
//! saved first), and the audit row is written in the same transaction; the T01/T13 indicators
//! derived from the registry are then computed again, as after an import.

use super::{Viewer, WsError, page, see_other};
use crate::pages::{Chrome, Section, m, ma};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use mp_domain::{
    AreaCode, I18nText, Instrument, InstrumentCode, InstrumentKind, InstrumentStatus, Iso3, Provenance, Ratification, ThemeCode,
};
use mp_store::{ImportOptions, StatusEdit};
use mp_workspace::{Action, Decision, Target, ThemeSet, authorize};
use serde::Deserialize;
use std::collections::HashMap;

struct Row {
    instrument: String,
    status: String,
    year: String,
    source: String,
    edit: String,
}

struct Fields {
    instrument: String,
    status: String,
    year: String,
    responsible: String,
    note: String,
    source: String,
    new_instrument: String,
    kind: String,
    short: String,
    title: String,
    themes: String,
    citation: String,
    link: String,
    save: String,
}

#[derive(Default)]
struct Values {
    instrument: String,
    status: String,
    year: String,
    responsible: String,
    note: String,
    source: String,
    kind: String,
    short: String,
    title: String,
    themes: String,
    citation: String,
    link: String,
}

#[derive(Template)]
#[template(path = "ws_registry.html")]
struct RegistryT {
    chrome: Chrome,
    heading: String,
    intro: String,
    none: String,
    cols: Vec<String>,
    rows: Vec<Row>,
    edit_label: String,
    form_heading: String,
    action: String,
    csrf: String,
    country: String,
    version: String,
    f: Fields,
    v: Values,
    statuses: Vec<(String, String)>,
    kinds: Vec<String>,
}

/// Query of the page.
#[derive(Deserialize)]
pub(crate) struct RegistryQuery {
    #[serde(default)]
    country: String,
    #[serde(default)]
    instrument: String,
}

/// The country the secretariat may edit the registry of: the one asked for, or its own.
fn scope(v: &Viewer, country: &str) -> Result<(Iso3, AreaCode), WsError> {
    let forbidden = || WsError::Forbidden(m(v.lang, "ws-registry-not-secretariat"));
    let mine = v.principal.memberships.iter().find_map(|mb| mb.scope.country.clone());
    let c = if country.trim().is_empty() {
        mine.ok_or_else(forbidden)?
    } else {
        Iso3::parse(&country.trim().to_ascii_uppercase()).map_err(|_| forbidden())?
    };
    // Registry entries are published as soon as they are saved: the secretariat's right to
    // publish a country's figures, on the policy theme.
    let target = Target { country: Some(c.clone()), themes: ThemeSet::parse("T01").map_err(|_| forbidden())?, organisation: None };
    if authorize(&v.principal.memberships, Action::Publish, &target) != Decision::Allow {
        return Err(forbidden());
    }
    let area = AreaCode::parse(c.as_str()).map_err(|_| forbidden())?;
    Ok((c, area))
}

async fn render(st: &AppState, v: &Viewer, uri: &Uri, area: &AreaCode, values: Values, version: String) -> Result<Response, WsError> {
    let lang = v.lang;
    let l = lang.code();
    let view = st.store().registry_view(std::slice::from_ref(area)).await?;
    let rows = view
        .ratifications
        .iter()
        .map(|r| {
            let inst = view.instrument(&r.entry.instrument);
            Row {
                instrument: inst.map(|i| format!("{} — {}", i.short, i.title.get(lang))).unwrap_or_else(|| r.entry.instrument.to_string()),
                status: m(lang, &format!("instrument-status-{}", r.entry.status.code().replace('_', "-"))),
                year: r.entry.year.map(|y| y.to_string()).unwrap_or_default(),
                source: format!("{} — {}", r.source_name, r.at),
                edit: format!("/{l}/ws/registry?country={area}&instrument={}#form", r.entry.instrument),
            }
        })
        .collect();
    let name = st.areas().get(area).map(|a| a.name.get(lang).to_string()).unwrap_or_else(|| area.to_string());
    let heading = ma(lang, "ws-registry-title", &[("country", &name)]);
    let t = RegistryT {
        chrome: Chrome::new(lang, uri, &heading, Section::Other),
        heading,
        intro: m(lang, "ws-registry-intro"),
        none: m(lang, "registry-no-instruments"),
        cols: vec![m(lang, "col-instrument"), m(lang, "col-status"), m(lang, "col-year"), m(lang, "col-source")],
        rows,
        edit_label: m(lang, "ws-registry-edit"),
        form_heading: m(lang, if version.is_empty() { "ws-registry-new" } else { "ws-registry-change" }),
        action: format!("/{l}/ws/registry"),
        csrf: v.csrf.clone(),
        country: area.to_string(),
        version,
        f: Fields {
            instrument: m(lang, "ws-registry-f-instrument"),
            status: m(lang, "col-status"),
            year: m(lang, "col-year"),
            responsible: m(lang, "ws-registry-f-responsible"),
            note: m(lang, "ws-registry-f-note"),
            source: m(lang, "ws-registry-f-source"),
            new_instrument: m(lang, "ws-registry-f-new-instrument"),
            kind: m(lang, "ws-registry-f-kind"),
            short: m(lang, "ws-registry-f-short"),
            title: m(lang, "ws-registry-f-title"),
            themes: m(lang, "ws-registry-f-themes"),
            citation: m(lang, "ws-registry-f-citation"),
            link: m(lang, "ws-registry-f-link"),
            save: m(lang, "ws-registry-save"),
        },
        v: values,
        statuses: InstrumentStatus::ALL
            .iter()
            .map(|s| (s.code().to_string(), m(lang, &format!("instrument-status-{}", s.code().replace('_', "-")))))
            .collect(),
        kinds: InstrumentKind::ALL.iter().map(|k| k.code().to_string()).collect(),
    };
    Ok(page(StatusCode::OK, t.render().map_err(|e| WsError::Internal(e.to_string()))?))
}

/// `GET /{lang}/ws/registry?country=SEN&instrument=PALERMO_TIP`
pub(crate) async fn form_page(
    State(st): State<AppState>,
    v: Viewer,
    uri: Uri,
    q: Result<Query<RegistryQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let run = async {
        let Query(q) = q.map_err(|e| WsError::Bad(StatusCode::BAD_REQUEST, e.body_text()))?;
        let (_, area) = scope(&v, &q.country)?;
        let mut values = Values { status: "ratified".into(), kind: "law".into(), ..Values::default() };
        let mut version = String::new();
        if !q.instrument.trim().is_empty() {
            let code = InstrumentCode::parse(q.instrument.trim()).map_err(|e| WsError::Bad(StatusCode::BAD_REQUEST, e.to_string()))?;
            values.instrument = code.to_string();
            // Prefilled from the secretariat's own entry when there is one; an entry of another
            // source is corrected by a new entry of the TWG's source.
            let src = mp_store::workspace_registry_source(&area).code;
            let view = st.store().registry_view(std::slice::from_ref(&area)).await?;
            if let Some(r) = view.ratifications.iter().find(|r| r.entry.instrument == code && r.source == src) {
                values.status = r.entry.status.code().into();
                values.year = r.entry.year.map(|y| y.to_string()).unwrap_or_default();
                values.responsible = r.entry.responsible.clone().unwrap_or_default();
                values.note = r.entry.note.clone().unwrap_or_default();
                values.source = r.entry.provenance.locator.clone();
            }
            version = st.store().registry_status_version(&area, &code).await?.map(|v| v.to_string()).unwrap_or_default();
        }
        render(&st, &v, &uri, &area, values, version).await
    };
    run.await.unwrap_or_else(|e: WsError| e.page(v.lang, &uri))
}

fn bad(field: &str, expected: String) -> WsError {
    WsError::Bad(StatusCode::UNPROCESSABLE_ENTITY, format!("{field}: {expected}"))
}

/// `POST /{lang}/ws/registry`: saves one status, checked, versioned and audited.
pub(crate) async fn save(State(st): State<AppState>, v: Viewer, uri: Uri, Form(pairs): Form<Vec<(String, String)>>) -> Response {
    let run = async {
        let typed: HashMap<String, String> = pairs.into_iter().take(40).map(|(k, v)| (k, v.chars().take(300).collect())).collect();
        let get = |k: &str| typed.get(k).map(|s| s.trim()).unwrap_or_default();
        v.check_csrf(get("csrf"))?;
        let (_, area) = scope(&v, get("country"))?;
        let code = InstrumentCode::parse(get("instrument")).map_err(|e| bad("instrument", e.to_string()))?;
        let status = InstrumentStatus::parse(get("status")).map_err(|e| bad("status", e.to_string()))?;
        let year = match get("year") {
            "" => None,
            y => {
                Some(y.parse::<i32>().ok().filter(|y| (1900..=2100).contains(y)).ok_or_else(|| bad("year", "a year such as 2014".into()))?)
            }
        };
        let source = get("source");
        if source.is_empty() {
            return Err(bad("source", "where the status was read: the gazette, treaty record or document, with its date".into()));
        }
        let version = match get("version") {
            "" => None,
            x => Some(x.parse::<i64>().map_err(|_| bad("version", "the version shown by the form".into()))?),
        };
        let opt = |k: &str| Some(get(k).to_string()).filter(|s| !s.is_empty());
        let view = st.store().registry_view(std::slice::from_ref(&area)).await?;
        let instrument = if view.instrument(&code).is_some() {
            None
        } else {
            let kind = InstrumentKind::parse(get("kind")).map_err(|e| bad("kind", e.to_string()))?;
            let title = get("title");
            if title.is_empty() {
                return Err(bad("title", "the instrument's title, as published".into()));
            }
            let themes = get("themes")
                .split([' ', ',', ';'])
                .filter(|t| !t.is_empty())
                .map(|t| ThemeCode::parse(t).ok().filter(|c| st.framework().theme(c).is_some()))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| bad("themes", "theme codes of the profile, T01 to T14, separated by spaces".into()))?;
            let short = if get("short").is_empty() { code.to_string() } else { get("short").to_string() };
            Some(Instrument {
                code: code.clone(),
                kind,
                short,
                // Titles are entered once, as published; the same text stands in all three
                // languages until a translation is entered.
                title: I18nText::new(title, title, title),
                year,
                area: (!kind.is_treaty()).then(|| area.clone()),
                citation: opt("citation"),
                link: opt("link"),
                themes,
            })
        };
        let edit = StatusEdit {
            instrument,
            status: Ratification {
                instrument: code,
                area: area.clone(),
                status,
                year,
                responsible: opt("responsible"),
                note: opt("note"),
                provenance: Provenance { file: 0, locator: source.to_string() },
            },
            version,
        };
        st.store().registry_edit_status(&v.actor(), &edit).await?;
        rederive(&st).await?;
        Ok(see_other(&format!("/{}/ws/registry?country={area}", v.lang.code())))
    };
    run.await.unwrap_or_else(|e: WsError| e.page(v.lang, &uri))
}

/// The indicators derived from the registry, computed again as after a command-line import.
async fn rederive(st: &AppState) -> Result<(), WsError> {
    let list: Vec<AreaCode> = st.areas().profile_countries().iter().map(|a| a.code.clone()).collect();
    let view = st.store().registry_view(&list).await?;
    let year = mp_service::today().get(..4).and_then(|y| y.parse().ok()).unwrap_or(2026);
    let ds = mp_service::registry::derived_dataset(&view, st.framework(), &list, year);
    let opts = ImportOptions { dry_run: false, command: "workspace: registry".into(), origin: mp_store::Origin::Public };
    st.store().import(&[ds], &opts, &|_, _| {}).await?;
    Ok(())
}
