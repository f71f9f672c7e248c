//! New national indicators in the workspace: a country's proposals with their review steps, the
//! proposal form, and the country's framework extension as a framework file.
//!
//! A sub-group member proposes on their themes (`ProposeIndicator`), the chair of the theme's
//! sub-group or the secretariat reviews (`ReviewIndicator`), the secretariat approves for the
//! TWG (`ApproveIndicator`); nobody reviews or approves their own proposal
//! (`mp_workspace::indicator`). Approval writes the next version of the extension in the same
//! transaction as its audit row (`Store::indicator_proposal_move`). Seeing any of it needs the
//! country's `ViewUnpublished`; another country is a 404.

use super::{Viewer, WsError, page, see_other};
use crate::pages::{Chrome, Section, m, ma, tr};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use mp_domain::national::{FieldProblem, Proposal, RawProposal};
use mp_domain::{AreaCode, Iso3, Lang, ThemeCode};
use mp_store::StoredProposal;
use mp_workspace::{Action, State as PState, Step, Target, ThemeSet, proposal_next, proposal_step, proposer_may};
use serde::Deserialize;
use std::collections::BTreeSet;

fn country(v: &Viewer, iso: &str) -> Result<Iso3, WsError> {
    let c = Iso3::parse(&iso.to_ascii_uppercase()).map_err(|_| WsError::NotFound)?;
    if !v.principal.may(Action::ViewUnpublished, &Target::country(&c)) {
        return Err(WsError::NotFound);
    }
    Ok(c)
}

fn theme_target(c: &Iso3, t: &ThemeCode) -> Target {
    Target { country: Some(c.clone()), themes: ThemeSet::Some(BTreeSet::from([t.clone()])), organisation: None }
}

fn base(lang: Lang, c: &Iso3) -> String {
    format!("/{}/ws/indicators/{c}", lang.code())
}

async fn skip_subgroup(st: &AppState, c: &Iso3) -> Result<bool, WsError> {
    Ok(st.store().twg(c).await?.is_some_and(|t| t.skip_subgroup))
}

struct ProposalView {
    code: String,
    name: String,
    definition: String,
    theme: String,
    unit: String,
    dimensions: String,
    sources: Vec<String>,
    rationale: String,
    state: String,
    by: String,
    reason: String,
    version: i64,
    action: String,
    /// `(button label, is a send-back)`
    steps: Vec<(String, bool)>,
}

struct Opt {
    value: String,
    label: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "ws_indicators.html")]
struct PageT {
    chrome: Chrome,
    heading: String,
    intro: String,
    extension: String,
    download_href: String,
    download_label: String,
    has_extension: bool,
    proposals_label: String,
    none: String,
    proposals: Vec<ProposalView>,
    csrf: String,
    back_reason_label: String,
    reason_label: String,
    may_propose: bool,
    form_heading: String,
    action: String,
    problems_label: String,
    problems: Vec<String>,
    prefix: String,
    l_code: String,
    l_theme: String,
    l_unit: String,
    l_dims: String,
    l_sources: String,
    l_rationale: String,
    texts: Vec<(String, String, String)>,
    themes: Vec<Opt>,
    units: Vec<Opt>,
    dims: Vec<Opt>,
    code: String,
    sources: String,
    rationale: String,
    submit: String,
}

fn field(f: &[(String, String)], name: &str) -> String {
    f.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default()
}

fn field_label(lang: Lang, name: &str) -> String {
    match name.rsplit_once('_') {
        Some((base @ ("name" | "definition"), l)) => ma(lang, &format!("national-field-{base}"), &[("lang", &l.to_ascii_uppercase())]),
        _ => m(lang, &format!("national-field-{name}")),
    }
}

async fn render(
    st: &AppState,
    v: &Viewer,
    uri: &Uri,
    c: &Iso3,
    typed: &[(String, String)],
    problems: Vec<FieldProblem>,
    status: StatusCode,
) -> Result<Response, WsError> {
    let lang = v.lang;
    let fw = st.framework();
    let skip = skip_subgroup(st, c).await?;
    let ext = st.store().framework_extension(c).await?;
    let mut proposals = Vec::new();
    for p in st.store().indicator_proposals(c).await?.into_iter().rev() {
        proposals.push(view(v, c, &p, skip, fw));
    }
    let name = st.areas().find(c.as_str()).map(|a| tr(&a.name, lang)).unwrap_or_else(|| c.to_string());
    let heading = ma(lang, "national-title", &[("country", &name)]);
    let may_theme = |t: &ThemeCode| v.principal.may(Action::ProposeIndicator, &theme_target(c, t));
    let typed_theme = field(typed, "theme");
    let themes: Vec<Opt> = fw
        .themes
        .iter()
        .filter(|t| may_theme(&t.code))
        .map(|t| Opt {
            value: t.code.to_string(),
            label: format!("{} — {}", t.code, tr(&t.name, lang)),
            selected: typed_theme == t.code.as_str(),
        })
        .collect();
    let typed_unit = field(typed, "unit");
    let units = fw.units.iter().map(|u| Opt { value: u.id.clone(), label: tr(&u.name, lang), selected: typed_unit == u.id }).collect();
    let typed_dims: Vec<String> = typed.iter().filter(|(k, _)| k == "dimensions").map(|(_, v)| v.clone()).collect();
    let dims = fw
        .dimensions
        .values()
        .map(|d| Opt {
            value: d.id.to_string(),
            label: format!("{} ({})", tr(&d.name, lang), d.id),
            selected: typed_dims.contains(&d.id.to_string()),
        })
        .collect();
    let texts = ["name", "definition"]
        .iter()
        .flat_map(|f| {
            Lang::ALL.map(|l| {
                (format!("{f}_{}", l.code()), field_label(lang, &format!("{f}_{}", l.code())), field(typed, &format!("{f}_{}", l.code())))
            })
        })
        .collect();
    let t = PageT {
        chrome: Chrome::new(lang, uri, &heading, Section::Other),
        heading,
        intro: m(lang, "national-intro"),
        extension: match &ext {
            Some(e) => ma(lang, "national-extension", &[("version", &e.version.to_string()), ("at", &e.created_at)]),
            None => m(lang, "national-extension-none"),
        },
        has_extension: ext.is_some(),
        download_href: format!("{}/extension.toml", base(lang, c)),
        download_label: m(lang, "national-download"),
        proposals_label: m(lang, "national-proposals"),
        none: m(lang, "national-none"),
        proposals,
        csrf: v.csrf.clone(),
        back_reason_label: m(lang, "national-back-reason"),
        reason_label: m(lang, "national-reason"),
        may_propose: !themes.is_empty(),
        form_heading: m(lang, "national-propose"),
        action: base(lang, c),
        problems_label: m(lang, "national-problems"),
        problems: problems.iter().map(|p| format!("{}: {}", field_label(lang, &p.field), p.problem)).collect(),
        prefix: format!("NAT.{c}."),
        l_code: m(lang, "national-field-code"),
        l_theme: m(lang, "national-field-theme"),
        l_unit: m(lang, "national-field-unit"),
        l_dims: m(lang, "national-field-dimensions"),
        l_sources: m(lang, "national-field-sources"),
        l_rationale: m(lang, "national-field-rationale"),
        texts,
        themes,
        units,
        dims,
        code: field(typed, "code"),
        sources: field(typed, "sources"),
        rationale: field(typed, "rationale"),
        submit: m(lang, "national-submit"),
    };
    Ok(page(status, t.render().map_err(|e| WsError::Internal(e.to_string()))?))
}

fn view(v: &Viewer, c: &Iso3, s: &StoredProposal, skip: bool, fw: &mp_domain::Framework) -> ProposalView {
    let lang = v.lang;
    let p = &s.proposal;
    let mut steps = Vec::new();
    if let Some((action, to)) = proposal_next(s.state, skip) {
        let own = s.created_by == v.principal.user_id && !proposer_may(action);
        if v.principal.may(action, &theme_target(c, &p.theme)) && !own {
            steps.push((m(lang, &format!("national-step-{}", to.code())), false));
            if s.state != PState::Draft {
                steps.push((m(lang, "national-step-back"), true));
            }
        }
    }
    ProposalView {
        code: p.code.to_string(),
        name: tr(&p.name, lang),
        definition: tr(&p.definition, lang),
        theme: fw.theme(&p.theme).map(|t| format!("{} — {}", t.code, tr(&t.name, lang))).unwrap_or_else(|| p.theme.to_string()),
        unit: fw.unit(&p.unit).map(|u| tr(&u.name, lang)).unwrap_or_else(|| p.unit.clone()),
        dimensions: p.dimensions.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", "),
        sources: p.sources.clone(),
        rationale: p.rationale.clone(),
        state: m(lang, &format!("national-state-{}", s.state.code())),
        by: ma(lang, "national-by", &[("who", &s.author), ("at", &s.created_at)]),
        reason: s.reason.clone(),
        version: s.version,
        action: format!("/{}/ws/indicator-proposal/{}/step", lang.code(), s.id),
        steps,
    }
}

/// `GET /{lang}/ws/indicators/{iso3}`: the country's proposals, its extension and the form.
pub(crate) async fn page_handler(State(st): State<AppState>, v: Viewer, uri: Uri, Path((_, iso)): Path<(String, String)>) -> Response {
    let run = async {
        let c = country(&v, &iso)?;
        render(&st, &v, &uri, &c, &[], Vec::new(), StatusCode::OK).await
    };
    run.await.unwrap_or_else(|e| e.page(v.lang, &uri))
}

/// `GET /{lang}/ws/indicators/{iso3}/extension.toml`: the newest version of the country's
/// framework extension, the file `mprofile framework export` writes too.
pub(crate) async fn extension_file(State(st): State<AppState>, v: Viewer, uri: Uri, Path((_, iso)): Path<(String, String)>) -> Response {
    let run = async {
        let c = country(&v, &iso)?;
        let ext = st.store().framework_extension(&c).await?.ok_or(WsError::NotFound)?;
        let mut res = (StatusCode::OK, ext.body).into_response();
        res.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("application/toml; charset=utf-8"));
        if let Ok(h) = HeaderValue::from_str(&format!("attachment; filename=\"{c}.toml\"")) {
            res.headers_mut().insert(CONTENT_DISPOSITION, h);
        }
        Ok::<_, WsError>(res)
    };
    run.await.unwrap_or_else(|e| e.page(v.lang, &uri))
}

/// `POST /{lang}/ws/indicators/{iso3}`: a new proposal, checked field by field against the
/// country's framework; a refused one shows the form again with every problem named.
pub(crate) async fn propose(
    State(st): State<AppState>,
    v: Viewer,
    uri: Uri,
    Path((_, iso)): Path<(String, String)>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let run = async {
        v.check_csrf(&field(&f, "csrf"))?;
        let c = country(&v, &iso)?;
        let area = AreaCode::Country(c.clone());
        let cfw = mp_service::national::country_framework(st.store(), st.framework(), &area).await?;
        let theme = field(&f, "theme");
        if let Ok(t) = ThemeCode::parse(&theme)
            && !v.principal.may(Action::ProposeIndicator, &theme_target(&c, &t))
        {
            return Err(WsError::Forbidden(m(v.lang, "national-not-proposer")));
        }
        let (code, sources, rationale, unit) = (field(&f, "code"), field(&f, "sources"), field(&f, "rationale"), field(&f, "unit"));
        let texts: Vec<String> =
            ["name", "definition"].iter().flat_map(|n| Lang::ALL.map(|l| field(&f, &format!("{n}_{}", l.code())))).collect();
        let raw = RawProposal {
            country: c.as_str(),
            code: &code,
            theme: &theme,
            name: [&texts[0], &texts[1], &texts[2]],
            definition: [&texts[3], &texts[4], &texts[5]],
            unit: &unit,
            dimensions: f.iter().filter(|(k, _)| k == "dimensions").map(|(_, v)| v.as_str()).collect(),
            sources: &sources,
            rationale: &rationale,
        };
        match Proposal::parse(&raw, &cfw) {
            Ok(p) => {
                if !v.principal.may(Action::ProposeIndicator, &theme_target(&c, &p.theme)) {
                    return Err(WsError::Forbidden(m(v.lang, "national-not-proposer")));
                }
                st.store().indicator_propose(&p, &v.actor()).await?;
                Ok(see_other(&base(v.lang, &c)))
            }
            Err(problems) => render(&st, &v, &uri, &c, &f, problems, StatusCode::UNPROCESSABLE_ENTITY).await,
        }
    };
    run.await.unwrap_or_else(|e: WsError| e.page(v.lang, &uri))
}

/// A step form.
#[derive(Deserialize)]
pub(crate) struct StepForm {
    #[serde(default)]
    csrf: String,
    version: i64,
    /// `advance` or `back`.
    decision: String,
    #[serde(default)]
    reason: String,
}

/// `POST /{lang}/ws/indicator-proposal/{id}/step`: the next step or a send-back.
pub(crate) async fn step(
    State(st): State<AppState>,
    v: Viewer,
    uri: Uri,
    Path((_, id)): Path<(String, i64)>,
    Form(f): Form<StepForm>,
) -> Response {
    let run = async {
        v.check_csrf(&f.csrf)?;
        let s = st.store().indicator_proposal(id).await?.ok_or(WsError::NotFound)?;
        let c = country(&v, s.proposal.code.country().as_str())?;
        let wanted = match f.decision.as_str() {
            "advance" => Step::Advance,
            "back" => Step::SendBack(f.reason.chars().take(2000).collect()),
            other => return Err(WsError::Bad(StatusCode::BAD_REQUEST, format!("`{other}` is not a decision: expected advance or back"))),
        };
        if s.version != f.version {
            let target = format!("indicator:{}", s.proposal.code);
            let last = st.store().audit_rows(Some(&target)).await?.pop();
            let (by, at) = last.map(|a| (a.actor_name, a.at)).unwrap_or_default();
            let state = m(v.lang, &format!("national-state-{}", s.state.code()));
            return Err(WsError::Conflict(ma(v.lang, "national-conflict", &[("by", &by), ("at", &at), ("state", &state)])));
        }
        let skip = skip_subgroup(&st, &c).await?;
        let (action, to) = proposal_step(s.state, skip, &wanted).map_err(|e| WsError::Bad(StatusCode::BAD_REQUEST, e.to_string()))?;
        if !v.principal.may(action, &theme_target(&c, &s.proposal.theme)) {
            return Err(WsError::Forbidden(m(v.lang, "national-not-your-step")));
        }
        if s.created_by == v.principal.user_id && !proposer_may(action) {
            return Err(WsError::Forbidden(m(v.lang, "national-not-own")));
        }
        let (name, reason) = match (&wanted, to) {
            (Step::SendBack(r), _) => ("indicator.send_back", r.clone()),
            (Step::Advance, PState::Submitted) => ("indicator.propose_again", String::new()),
            (Step::Advance, PState::Reviewed) => ("indicator.review", String::new()),
            (Step::Advance, _) => ("indicator.approve", String::new()),
        };
        st.store().indicator_proposal_move(id, f.version, s.state, to, &reason, name, &v.actor(), st.framework()).await?;
        Ok(see_other(&base(v.lang, &c)))
    };
    run.await.unwrap_or_else(|e: WsError| e.page(v.lang, &uri))
}
