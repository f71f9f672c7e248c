//! The registries in the TWG workspace: a country's instruments and their status, its
//! institutions and the projects recorded for it, with forms to add or correct each (the 1951
//! Convention, the Palermo protocols, ILO C97/C143, the ECOWAS protocols, national laws and
//! plans, ministries and agencies, agencies' projects), every entry with the source it was read
//! in. A change goes through the same review as data: a member proposes it, another member
//! approves it or sends it back with a reason, the secretariat publishes it (the roles are
//! `mp-workspace`'s decision). Publishing writes the entry as the country's national registry
//! source (`nat-<iso3>-twg-registry`), checks it is still the version the proposer saw (a 409
//! otherwise) and writes the audit row in the same transaction; the T01/T13 indicators derived
//! from the registry are then computed again, as after an import. Plain forms, no JavaScript.

use super::{Viewer, WsError, page, see_other};
use crate::pages::{Chrome, Section, m, ma};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use mp_domain::registry::{Currency, Date, Institution, Money, Project, ProjectStatus};
use mp_domain::{
    AreaCode, I18nText, Instrument, InstrumentCode, InstrumentKind, InstrumentStatus, Iso3, Provenance, Ratification, RegistryView,
    ThemeCode,
};
use mp_store::{ImportOptions, ProposalState, ProposalStep, RegistryChange, workspace_registry_source};
use mp_workspace::{Action, Target, authorize};
use serde::Deserialize;
use std::collections::HashMap;

/// One row of a list: what it is, its source, and the link that opens it in the form.
struct Row {
    cells: Vec<String>,
    edit: String,
}

/// A proposal under review, with the steps the viewer may take.
struct Pending {
    id: i64,
    what: String,
    source: String,
    proposer: String,
    state: String,
    reason: String,
    approve: bool,
    publish: bool,
    reject: bool,
}

/// One form field: name, label, value, and how it is entered.
struct Field {
    name: &'static str,
    label: String,
    value: String,
    required: bool,
    /// `(value, label)` options of a drop-down; empty for a text input.
    options: Vec<(String, String)>,
}

struct List {
    heading: String,
    cols: Vec<String>,
    rows: Vec<Row>,
    none: String,
}

#[derive(Template)]
#[template(path = "ws_registry.html")]
struct RegistryT {
    chrome: Chrome,
    heading: String,
    intro: String,
    review_heading: String,
    review_none: String,
    review_cols: Vec<String>,
    pending: Vec<Pending>,
    approve_label: String,
    publish_label: String,
    reject_label: String,
    reason_label: String,
    lists: Vec<List>,
    edit_label: String,
    forms_nav: Vec<(String, String)>,
    form_heading: String,
    form_note: String,
    action: String,
    review_action: String,
    csrf: String,
    country: String,
    version: String,
    fields: Vec<Field>,
    extra_heading: String,
    extra: Vec<Field>,
    save: String,
    may_propose: bool,
    /// The registry workbook page (download and upload for offline work).
    workbook: (String, String),
}

/// Query of the page.
#[derive(Deserialize)]
pub(crate) struct RegistryQuery {
    #[serde(default)]
    country: String,
    /// `status` (default), `institution` or `project`.
    #[serde(default)]
    form: String,
    /// The entry to open in the form: instrument code, institution name, project identifier.
    #[serde(default, alias = "instrument")]
    key: String,
}

/// What the viewer may do with the country's registry.
struct Rights {
    propose: bool,
    approve: bool,
    publish: bool,
}

/// The country asked for (or the viewer's own) and what the viewer may do there; refused when
/// the viewer may do nothing with its registry.
fn scope(v: &Viewer, country: &str) -> Result<(AreaCode, Rights), WsError> {
    let forbidden = || WsError::Forbidden(m(v.lang, "ws-registry-not-secretariat"));
    let mine = v.principal.memberships.iter().find_map(|mb| mb.scope.country.clone());
    let c = if country.trim().is_empty() {
        mine.ok_or_else(forbidden)?
    } else {
        Iso3::parse(&country.trim().to_ascii_uppercase()).map_err(|_| forbidden())?
    };
    let target = Target::country(&c);
    let may = |a: Action| authorize(&v.principal.memberships, a, &target) == mp_workspace::Decision::Allow;
    let rights =
        Rights { propose: may(Action::ProposeRegistry), approve: may(Action::ApproveRegistry), publish: may(Action::PublishRegistry) };
    if !(rights.propose || rights.approve || rights.publish) {
        return Err(forbidden());
    }
    let area = AreaCode::parse(c.as_str()).map_err(|_| forbidden())?;
    Ok((area, rights))
}

fn text(name: &'static str, label: String, value: String, required: bool) -> Field {
    Field { name, label, value, required, options: Vec::new() }
}

fn choice(name: &'static str, label: String, value: String, options: Vec<(String, String)>) -> Field {
    Field { name, label, value, required: true, options }
}

fn status_label(lang: mp_domain::Lang, s: InstrumentStatus) -> String {
    m(lang, &format!("instrument-status-{}", s.code().replace('_', "-")))
}

/// The form's kind: `status`, `institution` or `project`.
fn form_kind(s: &str) -> &'static str {
    match s {
        "institution" => "institution",
        "project" => "project",
        _ => "status",
    }
}

/// The fields of a form, prefilled from the workspace's own entry `key` when there is one.
fn fields(
    lang: mp_domain::Lang,
    kind: &str,
    view: &RegistryView,
    src: &str,
    key: &str,
    orgs: &[(String, String)],
) -> (Vec<Field>, Vec<Field>) {
    let l = |id: &str| m(lang, id);
    let themes_of = |t: &[ThemeCode]| t.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(" ");
    let o = |x: &Option<String>| x.clone().unwrap_or_default();
    match kind {
        "institution" => {
            let e = view.institutions.iter().find(|i| i.source == src && i.entry.name == key).map(|i| &i.entry);
            let mut org_options = vec![(String::new(), l("gov-ws-f-no-organisation"))];
            org_options.extend(orgs.iter().cloned());
            (
                vec![
                    text("name", l("gov-ws-f-name"), e.map(|e| e.name.clone()).unwrap_or_default(), true),
                    text("acronym", l("gov-ws-f-acronym"), e.map(|e| o(&e.acronym)).unwrap_or_default(), false),
                    text("mandate", l("gov-ws-f-mandate"), e.map(|e| o(&e.mandate)).unwrap_or_default(), false),
                    text("parent", l("gov-ws-f-parent"), e.map(|e| o(&e.parent)).unwrap_or_default(), false),
                    text("themes", l("ws-registry-f-themes"), e.map(|e| themes_of(&e.themes)).unwrap_or_default(), false),
                    text("contact", l("gov-ws-f-contact"), e.map(|e| o(&e.contact)).unwrap_or_default(), false),
                    text("data_held", l("gov-ws-f-data-held"), e.map(|e| o(&e.data_held)).unwrap_or_default(), false),
                    choice("organisation", l("gov-ws-f-organisation"), e.map(|e| o(&e.organisation)).unwrap_or_default(), org_options),
                    text("source", l("ws-registry-f-source"), e.map(|e| e.provenance.locator.clone()).unwrap_or_default(), true),
                ],
                Vec::new(),
            )
        }
        "project" => {
            let e = view.projects.iter().find(|p| p.source == src && p.entry.identifier == key).map(|p| &p.entry);
            let mut statuses = vec![(String::new(), l("gov-ws-f-unknown"))];
            statuses.extend(ProjectStatus::ALL.iter().map(|s| (s.code().to_string(), l(&format!("project-status-{}", s.code())))));
            let d = |x: Option<Date>| x.map(|d| d.to_string()).unwrap_or_default();
            (
                vec![
                    text("identifier", l("gov-ws-f-identifier"), e.map(|e| e.identifier.clone()).unwrap_or_default(), true),
                    text("title", l("gov-ws-f-project-title"), e.map(|e| e.title.clone()).unwrap_or_default(), true),
                    text("reporting_org", l("gov-ws-f-reporting"), e.map(|e| e.reporting_org.clone()).unwrap_or_default(), true),
                    text("implementing", l("gov-ws-f-implementing"), e.map(|e| e.implementing.join("; ")).unwrap_or_default(), false),
                    text("donors", l("gov-ws-f-donors"), e.map(|e| e.donors.join("; ")).unwrap_or_default(), false),
                    text(
                        "countries",
                        l("gov-ws-f-countries"),
                        e.map(|e| e.countries.iter().map(|a| a.as_str()).collect::<Vec<_>>().join(" ")).unwrap_or_default(),
                        false,
                    ),
                    text("themes", l("ws-registry-f-themes"), e.map(|e| themes_of(&e.themes)).unwrap_or_default(), false),
                    text("start", l("gov-ws-f-start"), e.map(|e| d(e.start)).unwrap_or_default(), false),
                    text("end", l("gov-ws-f-end"), e.map(|e| d(e.end)).unwrap_or_default(), false),
                    choice("status", l("col-status"), e.and_then(|e| e.status).map(|s| s.code().to_string()).unwrap_or_default(), statuses),
                    text(
                        "budget",
                        l("gov-ws-f-budget"),
                        e.and_then(|e| e.budget.as_ref()).map(|b| b.value.to_string()).unwrap_or_default(),
                        false,
                    ),
                    text(
                        "currency",
                        l("gov-ws-f-currency"),
                        e.and_then(|e| e.budget.as_ref()).map(|b| b.currency.as_str().to_string()).unwrap_or_default(),
                        false,
                    ),
                    text("results", l("gov-ws-f-results"), e.map(|e| o(&e.results)).unwrap_or_default(), false),
                    text("source", l("ws-registry-f-source"), e.map(|e| e.provenance.locator.clone()).unwrap_or_default(), true),
                ],
                Vec::new(),
            )
        }
        _ => {
            let code = InstrumentCode::parse(key).ok();
            let r = code.as_ref().and_then(|c| view.ratifications.iter().find(|r| &r.entry.instrument == c && r.source == src));
            let inst = code.as_ref().and_then(|c| view.instrument(c));
            let statuses = InstrumentStatus::ALL.iter().map(|s| (s.code().to_string(), status_label(lang, *s))).collect();
            let kinds = InstrumentKind::ALL.iter().map(|k| (k.code().to_string(), k.code().to_string())).collect();
            (
                vec![
                    text("instrument", l("ws-registry-f-instrument"), code.map(|c| c.to_string()).unwrap_or_default(), true),
                    choice(
                        "status",
                        l("col-status"),
                        r.map(|r| r.entry.status.code().to_string()).unwrap_or_else(|| "ratified".into()),
                        statuses,
                    ),
                    text("year", l("col-year"), r.and_then(|r| r.entry.year).map(|y| y.to_string()).unwrap_or_default(), false),
                    text("responsible", l("ws-registry-f-responsible"), r.map(|r| o(&r.entry.responsible)).unwrap_or_default(), false),
                    text("note", l("ws-registry-f-note"), r.map(|r| o(&r.entry.note)).unwrap_or_default(), false),
                    text("source", l("ws-registry-f-source"), r.map(|r| r.entry.provenance.locator.clone()).unwrap_or_default(), true),
                ],
                vec![
                    choice("kind", l("ws-registry-f-kind"), inst.map(|i| i.kind.code().to_string()).unwrap_or_else(|| "law".into()), kinds),
                    text("short", l("ws-registry-f-short"), inst.map(|i| i.short.clone()).unwrap_or_default(), false),
                    text("title", l("ws-registry-f-title"), inst.map(|i| i.title.en.clone()).unwrap_or_default(), false),
                    text("title_fr", l("gov-ws-f-title-fr"), inst.map(|i| i.title.fr.clone()).unwrap_or_default(), false),
                    text("title_pt", l("gov-ws-f-title-pt"), inst.map(|i| i.title.pt.clone()).unwrap_or_default(), false),
                    text(
                        "instrument_year",
                        l("gov-ws-f-instrument-year"),
                        inst.and_then(|i| i.year).map(|y| y.to_string()).unwrap_or_default(),
                        false,
                    ),
                    text("themes", l("ws-registry-f-themes"), inst.map(|i| themes_of(&i.themes)).unwrap_or_default(), false),
                    text("citation", l("ws-registry-f-citation"), inst.map(|i| o(&i.citation)).unwrap_or_default(), false),
                    text("link", l("ws-registry-f-link"), inst.map(|i| o(&i.link)).unwrap_or_default(), false),
                ],
            )
        }
    }
}

/// What a proposal is about, in a line.
fn describe(lang: mp_domain::Lang, c: &RegistryChange) -> String {
    match c {
        RegistryChange::Status { instrument, status } => {
            let name = instrument
                .as_ref()
                .map(|i| format!("{} — {}", i.short, i.title.get(lang)))
                .unwrap_or_else(|| status.instrument.to_string());
            let year = status.year.map(|y| format!(" ({y})")).unwrap_or_default();
            format!("{name}: {}{year}", status_label(lang, status.status))
        }
        RegistryChange::Institution(i) => format!("{} — {}", m(lang, "gov-ws-institution"), i.name),
        RegistryChange::Project(p) => format!("{} — {} ({})", m(lang, "gov-ws-project"), p.title, p.identifier),
    }
}

#[allow(clippy::too_many_arguments)]
async fn render(
    st: &AppState,
    v: &Viewer,
    uri: &Uri,
    area: &AreaCode,
    rights: &Rights,
    kind: &str,
    key: &str,
) -> Result<Response, WsError> {
    let lang = v.lang;
    let l = lang.code();
    let view = st.store().registry_view(std::slice::from_ref(area)).await?;
    let src = workspace_registry_source(area).code;
    let edit = |form: &str, key: &str| format!("/{l}/ws/registry?country={area}&form={form}&key={}#form", mp_text::query_value(key));
    let orgs: Vec<(String, String)> =
        st.store().orgs().await?.into_iter().map(|o| (o.code.clone(), format!("{} ({})", o.name, o.code))).collect();
    let org_name = |c: &str| orgs.iter().find(|(k, _)| k == c).map(|(_, n)| n.clone()).unwrap_or_else(|| c.to_string());

    let statuses = List {
        heading: m(lang, "gov-ws-statuses"),
        cols: vec![m(lang, "col-instrument"), m(lang, "col-status"), m(lang, "col-year"), m(lang, "col-source")],
        rows: view
            .ratifications
            .iter()
            .map(|r| {
                let inst = view.instrument(&r.entry.instrument);
                Row {
                    cells: vec![
                        inst.map(|i| format!("{} — {}", i.short, i.title.get(lang))).unwrap_or_else(|| r.entry.instrument.to_string()),
                        status_label(lang, r.entry.status),
                        r.entry.year.map(|y| y.to_string()).unwrap_or_default(),
                        format!("{} — {}", r.source_name, r.at),
                    ],
                    edit: edit("status", r.entry.instrument.as_str()),
                }
            })
            .collect(),
        none: m(lang, "registry-no-instruments"),
    };
    let institutions = List {
        heading: m(lang, "gov-ws-institutions"),
        cols: vec![m(lang, "gov-ws-f-name"), m(lang, "gov-ws-f-organisation"), m(lang, "col-source")],
        rows: view
            .institutions
            .iter()
            .map(|i| Row {
                cells: vec![
                    match &i.entry.acronym {
                        Some(a) => format!("{} ({a})", i.entry.name),
                        None => i.entry.name.clone(),
                    },
                    i.entry.organisation.as_deref().map(&org_name).unwrap_or_default(),
                    format!("{} — {}", i.source_name, i.at),
                ],
                edit: edit("institution", &i.entry.name),
            })
            .collect(),
        none: m(lang, "registry-no-institutions"),
    };
    let projects = List {
        heading: m(lang, "gov-ws-projects"),
        cols: vec![m(lang, "gov-ws-f-project-title"), m(lang, "gov-ws-f-reporting"), m(lang, "col-source")],
        rows: view
            .projects
            .iter()
            .map(|p| Row {
                cells: vec![
                    format!("{} ({})", p.entry.title, p.entry.identifier),
                    p.entry.reporting_org.clone(),
                    format!("{} — {}", p.source_name, p.at),
                ],
                edit: edit("project", &p.entry.identifier),
            })
            .collect(),
        none: m(lang, "registry-no-projects"),
    };

    let me = v.principal.user_id;
    let pending = st
        .store()
        .registry_proposals(area)
        .await?
        .into_iter()
        .map(|p| {
            let open = matches!(p.state, ProposalState::Proposed | ProposalState::Approved);
            Pending {
                id: p.id,
                what: describe(lang, &p.change),
                source: p.change.source().to_string(),
                proposer: p.proposer.clone(),
                state: m(lang, &format!("gov-ws-state-{}", p.state.code())),
                reason: p.reason.clone(),
                approve: rights.approve && p.state == ProposalState::Proposed && p.proposed_by != me,
                publish: rights.publish && p.state == ProposalState::Approved,
                reject: open && (rights.approve || rights.publish),
            }
        })
        .collect();

    let (fields, extra) = fields(lang, kind, &view, &src, key, &orgs);
    let probe = match kind {
        "institution" => {
            view.institutions.iter().find(|i| i.source == src && i.entry.name == key).map(|i| RegistryChange::Institution(i.entry.clone()))
        }
        "project" => {
            view.projects.iter().find(|p| p.source == src && p.entry.identifier == key).map(|p| RegistryChange::Project(p.entry.clone()))
        }
        _ => view
            .ratifications
            .iter()
            .find(|r| r.source == src && r.entry.instrument.as_str() == key)
            .map(|r| RegistryChange::Status { instrument: None, status: r.entry.clone() }),
    };
    let version = match probe {
        Some(c) => st.store().registry_entry_version(area, &c).await?.map(|v| v.to_string()).unwrap_or_default(),
        None => String::new(),
    };
    let name = st.areas().get(area).map(|a| a.name.get(lang).to_string()).unwrap_or_else(|| area.to_string());
    let heading = ma(lang, "ws-registry-title", &[("country", &name)]);
    let nav = |f: &str, id: &str| (format!("/{l}/ws/registry?country={area}&form={f}#form"), m(lang, id));
    let form_heading = m(
        lang,
        match (kind, version.is_empty()) {
            ("institution", true) => "gov-ws-new-institution",
            ("institution", false) => "gov-ws-change-institution",
            ("project", true) => "gov-ws-new-project",
            ("project", false) => "gov-ws-change-project",
            (_, true) => "ws-registry-new",
            (_, false) => "ws-registry-change",
        },
    );
    let t = RegistryT {
        chrome: Chrome::new(lang, uri, &heading, Section::Other),
        heading,
        intro: m(lang, "gov-ws-intro"),
        review_heading: m(lang, "gov-ws-review"),
        review_none: m(lang, "gov-ws-review-none"),
        review_cols: vec![m(lang, "gov-ws-change"), m(lang, "col-source"), m(lang, "gov-ws-proposer"), m(lang, "gov-ws-state")],
        pending,
        approve_label: m(lang, "gov-ws-approve"),
        publish_label: m(lang, "gov-ws-publish"),
        reject_label: m(lang, "gov-ws-reject"),
        reason_label: m(lang, "gov-ws-reason"),
        lists: vec![statuses, institutions, projects],
        edit_label: m(lang, "ws-registry-edit"),
        forms_nav: vec![
            nav("status", "ws-registry-new"),
            nav("institution", "gov-ws-new-institution"),
            nav("project", "gov-ws-new-project"),
        ],
        form_heading,
        form_note: m(lang, "gov-ws-form-note"),
        action: match kind {
            "institution" => format!("/{l}/ws/registry/institution"),
            "project" => format!("/{l}/ws/registry/project"),
            _ => format!("/{l}/ws/registry"),
        },
        review_action: format!("/{l}/ws/registry/review"),
        csrf: v.csrf.clone(),
        country: area.to_string(),
        version,
        fields,
        extra_heading: if kind == "status" { m(lang, "gov-ws-f-instrument-described") } else { String::new() },
        extra,
        save: m(lang, "gov-ws-propose"),
        may_propose: rights.propose,
        workbook: (format!("/{l}/ws/registry/workbook"), m(lang, "regwb-link")),
    };
    Ok(page(StatusCode::OK, t.render().map_err(|e| WsError::Internal(e.to_string()))?))
}

/// `GET /{lang}/ws/registry?country=SEN&form=institution&key=…`
pub(crate) async fn form_page(
    State(st): State<AppState>,
    v: Viewer,
    uri: Uri,
    q: Result<Query<RegistryQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let run = async {
        let Query(q) = q.map_err(|e| WsError::Bad(StatusCode::BAD_REQUEST, e.body_text()))?;
        let (area, rights) = scope(&v, &q.country)?;
        render(&st, &v, &uri, &area, &rights, form_kind(&q.form), q.key.trim()).await
    };
    run.await.unwrap_or_else(|e: WsError| e.page(v.lang, &uri))
}

fn bad(field: &str, expected: String) -> WsError {
    WsError::Bad(StatusCode::UNPROCESSABLE_ENTITY, format!("{field}: {expected}"))
}

/// The fields of a posted form, bounded and trimmed.
struct Posted(HashMap<String, String>);

impl Posted {
    fn new(pairs: Vec<(String, String)>) -> Posted {
        Posted(pairs.into_iter().take(60).map(|(k, v)| (k, v.chars().take(1000).collect())).collect())
    }
    fn get(&self, k: &str) -> &str {
        self.0.get(k).map(|s| s.trim()).unwrap_or_default()
    }
    fn opt(&self, k: &str) -> Option<String> {
        Some(self.get(k).to_string()).filter(|s| !s.is_empty())
    }
    fn source(&self) -> Result<Provenance, WsError> {
        match self.get("source") {
            "" => Err(bad("source", "where it was read: the gazette, decree, treaty record, report or page, with its date".into())),
            s => Ok(Provenance { file: 0, locator: s.to_string() }),
        }
    }
    fn year(&self, k: &str) -> Result<Option<i32>, WsError> {
        match self.get(k) {
            "" => Ok(None),
            y => Ok(Some(y.parse::<i32>().ok().filter(|y| (1900..=2100).contains(y)).ok_or_else(|| bad(k, "a year such as 2014".into()))?)),
        }
    }
    fn themes(&self, st: &AppState) -> Result<Vec<ThemeCode>, WsError> {
        self.get("themes")
            .split([' ', ',', ';'])
            .filter(|t| !t.is_empty())
            .map(|t| ThemeCode::parse(t).ok().filter(|c| st.framework().theme(c).is_some()))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| bad("themes", "theme codes of the profile, T01 to T14, separated by spaces".into()))
    }
    fn list(&self, k: &str) -> Vec<String> {
        self.get(k).split(';').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
    }
    fn version(&self) -> Result<Option<i64>, WsError> {
        match self.get("version") {
            "" => Ok(None),
            x => Ok(Some(x.parse::<i64>().map_err(|_| bad("version", "the version shown by the form".into()))?)),
        }
    }
}

/// Stores a proposed change, then shows the registry page again.
async fn propose(
    st: &AppState,
    v: &Viewer,
    f: &Posted,
    build: impl FnOnce(&AreaCode, &RegistryView) -> Result<RegistryChange, WsError>,
) -> Result<Response, WsError> {
    v.check_csrf(f.get("csrf"))?;
    let (area, rights) = scope(v, f.get("country"))?;
    if !rights.propose {
        return Err(WsError::Forbidden(m(v.lang, "ws-registry-not-secretariat")));
    }
    let view = st.store().registry_view(std::slice::from_ref(&area)).await?;
    let change = build(&area, &view)?;
    st.store().registry_propose(&v.actor(), &area, &change, f.version()?).await?;
    Ok(see_other(&format!("/{}/ws/registry?country={area}", v.lang.code())))
}

/// `POST /{lang}/ws/registry`: proposes an instrument's status (and the instrument, described
/// in full when the registry does not know it or the TWG's own description is corrected).
pub(crate) async fn save(State(st): State<AppState>, v: Viewer, uri: Uri, Form(pairs): Form<Vec<(String, String)>>) -> Response {
    let f = Posted::new(pairs);
    let run = propose(&st, &v, &f, |area, view| {
        let code = InstrumentCode::parse(f.get("instrument")).map_err(|e| bad("instrument", e.to_string()))?;
        let status = InstrumentStatus::parse(f.get("status")).map_err(|e| bad("status", e.to_string()))?;
        let provenance = f.source()?;
        let src = workspace_registry_source(area).code;
        // A known instrument is described by its own source; the TWG describes only those it
        // added (or adds now), so a public record is never overwritten from a form.
        let known = view.instrument(&code).is_some();
        let own = view.ratifications.iter().any(|r| r.entry.instrument == code && r.source == src);
        let redescribed = own && !f.get("title").is_empty();
        let instrument = if known && !redescribed {
            None
        } else {
            let kind = InstrumentKind::parse(f.get("kind")).map_err(|e| bad("kind", e.to_string()))?;
            let title = f.get("title");
            if title.is_empty() {
                return Err(bad("title", "the instrument's title, as published".into()));
            }
            let or_en = |k: &str| if f.get(k).is_empty() { title.to_string() } else { f.get(k).to_string() };
            Some(Instrument {
                code: code.clone(),
                kind,
                short: if f.get("short").is_empty() { code.to_string() } else { f.get("short").to_string() },
                // A title not translated yet stands in English in every language.
                title: I18nText::new(title, or_en("title_fr"), or_en("title_pt")),
                year: f.year("instrument_year")?,
                area: (!kind.is_treaty()).then(|| area.clone()),
                citation: f.opt("citation"),
                link: f.opt("link"),
                themes: f.themes(&st)?,
            })
        };
        Ok(RegistryChange::Status {
            instrument,
            status: Ratification {
                instrument: code,
                area: area.clone(),
                status,
                year: f.year("year")?,
                responsible: f.opt("responsible"),
                note: f.opt("note"),
                provenance,
            },
        })
    });
    run.await.unwrap_or_else(|e: WsError| e.page(v.lang, &uri))
}

/// `POST /{lang}/ws/registry/institution`: proposes an institution.
pub(crate) async fn save_institution(
    State(st): State<AppState>,
    v: Viewer,
    uri: Uri,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let f = Posted::new(pairs);
    let orgs = match st.store().orgs().await {
        Ok(o) => o,
        Err(e) => return WsError::from(e).page(v.lang, &uri),
    };
    let run = propose(&st, &v, &f, |area, _| {
        let name = f.get("name");
        if name.is_empty() {
            return Err(bad("name", "the institution's name, as it writes it".into()));
        }
        let organisation = match f.get("organisation") {
            "" => None,
            c if orgs.iter().any(|o| o.code == c) => Some(c.to_string()),
            c => return Err(bad("organisation", format!("`{c}` is not an organisation of the workspace"))),
        };
        Ok(RegistryChange::Institution(Institution {
            area: area.clone(),
            name: name.to_string(),
            acronym: f.opt("acronym"),
            mandate: f.opt("mandate"),
            parent: f.opt("parent"),
            themes: f.themes(&st)?,
            contact: f.opt("contact"),
            data_held: f.opt("data_held"),
            organisation,
            provenance: f.source()?,
        }))
    });
    run.await.unwrap_or_else(|e: WsError| e.page(v.lang, &uri))
}

/// `POST /{lang}/ws/registry/project`: proposes a project in the country.
pub(crate) async fn save_project(State(st): State<AppState>, v: Viewer, uri: Uri, Form(pairs): Form<Vec<(String, String)>>) -> Response {
    let f = Posted::new(pairs);
    let run = propose(&st, &v, &f, |area, _| {
        let need = |k: &str, what: &str| if f.get(k).is_empty() { Err(bad(k, what.into())) } else { Ok(f.get(k).to_string()) };
        let identifier = need("identifier", "the project's identifier (its IATI identifier when it has one)")?;
        let title = need("title", "the project's title")?;
        let reporting_org = need("reporting_org", "the organisation reporting the project")?;
        // The country of the workspace always; others the project also covers, by ISO code.
        let mut countries = vec![area.clone()];
        for c in f.get("countries").split([' ', ',', ';']).filter(|c| !c.is_empty()) {
            let a = st
                .areas()
                .get(&AreaCode::parse(&c.to_ascii_uppercase()).map_err(|_| bad("countries", format!("`{c}` is not an ISO alpha-3 code")))?)
                .map(|a| a.code.clone())
                .filter(|a| matches!(a, AreaCode::Country(_)))
                .ok_or_else(|| bad("countries", format!("`{c}` is not a country code such as MLI")))?;
            if !countries.contains(&a) {
                countries.push(a);
            }
        }
        let date = |k: &str| match f.get(k) {
            "" => Ok(None),
            d => Date::parse(d).map(Some).map_err(|e| bad(k, e.expected.to_string())),
        };
        let status = match f.get("status") {
            "" => None,
            s => Some(ProjectStatus::parse(s).map_err(|e| bad("status", e.to_string()))?),
        };
        let budget = match (f.get("budget"), f.get("currency")) {
            ("", "") => None,
            (b, c) => {
                let value = b.replace([' ', '\u{a0}', '\u{202f}'], "").parse::<f64>().ok().filter(|x| x.is_finite() && *x >= 0.0);
                let value = value.ok_or_else(|| bad("budget", "an amount such as 1500000, with its currency".into()))?;
                let currency = Currency::parse(&c.to_ascii_uppercase()).map_err(|e| bad("currency", e.expected.to_string()))?;
                Some(Money { value, currency })
            }
        };
        Ok(RegistryChange::Project(Project {
            identifier,
            title,
            reporting_org,
            implementing: f.list("implementing"),
            donors: f.list("donors"),
            countries,
            themes: f.themes(&st)?,
            sectors: Vec::new(),
            start: date("start")?,
            end: date("end")?,
            status,
            budget,
            results: f.opt("results"),
            provenance: f.source()?,
        }))
    });
    run.await.unwrap_or_else(|e: WsError| e.page(v.lang, &uri))
}

/// `POST /{lang}/ws/registry/review`: approves, sends back (with a reason) or publishes a
/// proposal; publishing recomputes the indicators derived from the registry.
pub(crate) async fn review(State(st): State<AppState>, v: Viewer, uri: Uri, Form(pairs): Form<Vec<(String, String)>>) -> Response {
    let f = Posted::new(pairs);
    let run = async {
        v.check_csrf(f.get("csrf"))?;
        let id: i64 = f.get("id").parse().map_err(|_| bad("id", "the proposal's number".into()))?;
        let p = st.store().registry_proposal(id).await?.ok_or(WsError::NotFound)?;
        let (area, rights) = scope(&v, p.area.as_str())?;
        let (step, allowed) = match f.get("step") {
            "approve" => (ProposalStep::Approve, rights.approve),
            "publish" => (ProposalStep::Publish, rights.publish),
            "reject" => (ProposalStep::Reject, rights.approve || rights.publish),
            other => return Err(bad("step", format!("`{other}`: approve, reject or publish"))),
        };
        if !allowed {
            return Err(WsError::Forbidden(m(v.lang, "gov-ws-not-allowed")));
        }
        st.store().registry_proposal_step(&v.actor(), id, step, f.get("reason")).await?;
        if step == ProposalStep::Publish {
            rederive(&st).await?;
        }
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
