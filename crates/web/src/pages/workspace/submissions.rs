//! Submissions: the workspace home, upload, preview, and each step from draft to published.

use super::auth::bearer;
use super::staging::{self, Change, Kind, Rejected, StageCache, Staged, UploadProblem};
use super::{Viewer, WsError, page, see_other};
use crate::pages::{Chrome, Section, m, ma};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::body::Bytes;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use mp_domain::{Iso3, Lang};
use mp_store::{Actor, ImportOptions, NewSubmission, OrgInfo, SubmissionInfo};
use mp_workspace::{Action, Membership, Principal, Role, State as SubState, Step, Target, ThemeSet, step as workflow_step};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::sync::Arc;

/// Most preview rows shown on a page (the page budget); the count says how many there are.
const MAX_ROWS_SHOWN: usize = 400;

fn state_label(lang: Lang, s: SubState) -> String {
    m(lang, &format!("ws-state-{}", s.code()))
}

fn action_label(lang: Lang, a: Action) -> String {
    let id = match a {
        Action::Submit => "ws-do-submit",
        Action::Review => "ws-do-review",
        Action::Approve => "ws-do-approve",
        Action::Validate => "ws-do-validate",
        Action::Publish => "ws-do-publish",
        _ => "ws-do-submit",
    };
    m(lang, id)
}

/// What a submission is, for authorisation: its country, themes and organisation.
fn target(s: &SubmissionInfo) -> Target {
    Target { country: Some(s.country.clone()), themes: s.themes.clone(), organisation: Some(s.organisation_id) }
}

/// What seeing a submission needs: the country's unpublished work, any theme.
pub(crate) fn view_target(s: &SubmissionInfo) -> Target {
    Target { country: Some(s.country.clone()), themes: ThemeSet::All, organisation: Some(s.organisation_id) }
}

pub(crate) fn number(v: Option<f64>, lang: Lang) -> String {
    match v {
        Some(x) => mp_i18n::format_number(x, if x.fract() == 0.0 { 0 } else { 2 }, lang),
        None => "–".into(),
    }
}

struct SubRow {
    href: String,
    id: i64,
    country: String,
    org: String,
    state: String,
    updated: String,
    file: String,
}

fn sub_row(lang: Lang, s: &SubmissionInfo) -> SubRow {
    SubRow {
        href: format!("/{}/ws/submission/{}", lang.code(), s.id),
        id: s.id,
        country: s.country.to_string(),
        org: s.organisation_code.clone(),
        state: state_label(lang, s.state),
        updated: s.updated_at.clone(),
        file: s.file_name.clone(),
    }
}

struct Group {
    label: String,
    rows: Vec<SubRow>,
}

#[derive(Template)]
#[template(path = "ws_home.html")]
struct HomeT {
    chrome: Chrome,
    heading: String,
    signed_in_as: String,
    csrf: String,
    sign_out_action: String,
    sign_out: String,
    links: Vec<(String, String)>,
    groups: Vec<Group>,
    none: String,
    /// Overdue action items of the meetings the user keeps: (address, text).
    overdue: Vec<(String, String)>,
    overdue_label: String,
    col_id: String,
    col_country: String,
    col_org: String,
    col_state: String,
    col_updated: String,
    col_file: String,
}

async fn skip_subgroup(st: &AppState, c: &Iso3) -> Result<bool, WsError> {
    Ok(st.store().twg(c).await?.is_some_and(|t| t.skip_subgroup))
}

/// `GET /{lang}/ws/`: what waits for me, my submissions, everything I may see.
pub(crate) async fn home(State(st): State<AppState>, v: Viewer, uri: Uri) -> Response {
    let run = async {
        let lang = v.lang;
        let p = &v.principal;
        let countries: Option<Vec<Iso3>> = p.countries().map(|c| c.into_iter().collect());
        let visible: Vec<SubmissionInfo> = st
            .store()
            .submissions(countries.as_deref())
            .await?
            .into_iter()
            .filter(|s| p.may(Action::ViewUnpublished, &view_target(s)))
            .collect();
        let mut waiting = Vec::new();
        for s in &visible {
            if let Some((a, _)) = s.state.next(skip_subgroup(&st, &s.country).await?)
                && p.may(a, &target(s))
            {
                waiting.push(sub_row(lang, s));
            }
        }
        let mine = visible.iter().filter(|s| s.created_by == p.user_id).map(|s| sub_row(lang, s)).collect();
        let all = visible.iter().map(|s| sub_row(lang, s)).collect();
        let l = lang.code();
        let mut links = Vec::new();
        if p.memberships.iter().any(|m| m.role == Role::Provider) {
            links.push((format!("/{l}/ws/upload"), m(lang, "ws-upload")));
            links.push((format!("/{l}/ws/entry"), m(lang, "ws-entry")));
        }
        if p.memberships.iter().any(|m| m.role == Role::Admin || m.role == Role::Secretariat) {
            links.push((format!("/{l}/ws/members"), m(lang, "ws-members")));
        }
        links.push((format!("/{l}/ws/inbox"), m(lang, "inbox-title")));
        for c in p.memberships.iter().filter_map(|m| m.scope.country.as_ref()).collect::<BTreeSet<_>>() {
            links.push((format!("/{l}/ws/narrative/{c}"), ma(lang, "narrative-link", &[("country", c.as_str())])));
            links.push((format!("/{l}/ws/findings/{c}"), ma(lang, "findings-ws-link", &[("country", c.as_str())])));
            links.push((format!("/{l}/ws/indicators/{c}"), ma(lang, "national-title", &[("country", c.as_str())])));
        }
        if p.memberships.iter().any(|m| matches!(m.role, Role::Secretariat | Role::Member | Role::Chair)) {
            links.push((format!("/{l}/ws/registry"), m(lang, "ws-registry-link")));
        }
        links.push((format!("/{l}/ws/meetings"), m(lang, "meeting-title")));
        let overdue = super::meetings::overdue(&st, p, lang).await?;
        links.push((format!("/{l}/ws/tokens"), m(lang, "ws-tokens")));
        links.push((format!("/{l}/ws/password"), m(lang, "ws-change-password")));
        let heading = m(lang, "ws-title");
        let t = HomeT {
            chrome: Chrome::new(lang, &uri, &heading, Section::Other),
            heading,
            signed_in_as: ma(lang, "ws-signed-in-as", &[("login", &p.login)]),
            csrf: v.csrf.clone(),
            sign_out_action: format!("/{l}/ws/sign-out"),
            sign_out: m(lang, "ws-sign-out"),
            links,
            groups: vec![
                Group { label: m(lang, "ws-waiting"), rows: waiting },
                Group { label: m(lang, "ws-mine"), rows: mine },
                Group { label: m(lang, "ws-all"), rows: all },
            ],
            none: m(lang, "ws-none"),
            overdue_label: m(lang, "meeting-overdue-title"),
            overdue,
            col_id: m(lang, "ws-col-id"),
            col_country: m(lang, "ws-col-country"),
            col_org: m(lang, "ws-col-org"),
            col_state: m(lang, "ws-col-state"),
            col_updated: m(lang, "ws-col-updated"),
            col_file: m(lang, "ws-col-file"),
        };
        Ok::<_, WsError>(page(StatusCode::OK, t.render().map_err(|e| WsError::Internal(e.to_string()))?))
    };
    run.await.unwrap_or_else(|e| e.page(v.lang, &uri))
}

/// One problem as the pages list it.
pub(crate) struct ProblemView {
    pub sheet: String,
    pub row: String,
    pub column: String,
    pub value: String,
    pub expected: String,
}

impl ProblemView {
    /// A problem with the whole form or file.
    pub(crate) fn expected(expected: String) -> Self {
        ProblemView { sheet: String::new(), row: String::new(), column: String::new(), value: String::new(), expected }
    }
}

/// The problems of a refused upload, as the pages list them.
pub(crate) fn problem_views(r: Rejected) -> Vec<ProblemView> {
    r.problems
        .into_iter()
        .map(|p| ProblemView { sheet: p.sheet, row: p.row, column: p.column, value: p.value, expected: p.expected })
        .collect()
}

/// A refused file's problems as the upload pages show them: a table, a row per problem with
/// its sheet, row, column, value and what was expected (`ws_problems.html`).
pub(crate) struct ProblemsTable {
    /// The level of the table's heading on its page (2 or 3).
    pub level: u8,
    pub label: String,
    pub problems: Vec<ProblemView>,
    /// "And N more", when the reader stopped listing.
    pub more: String,
    pub col_sheet: String,
    pub col_row: String,
    pub col_column: String,
    pub col_value: String,
    pub col_expected: String,
}

impl ProblemsTable {
    pub(crate) fn new(lang: Lang, level: u8, rejected: Rejected) -> Self {
        let more = if rejected.more > 0 { ma(lang, "ws-problems-more", &[("count", &rejected.more.to_string())]) } else { String::new() };
        ProblemsTable {
            level,
            label: m(lang, "ws-problems"),
            problems: problem_views(rejected),
            more,
            col_sheet: m(lang, "ws-col-sheet"),
            col_row: m(lang, "ws-col-row"),
            col_column: m(lang, "ws-col-column"),
            col_value: m(lang, "ws-col-value"),
            col_expected: m(lang, "ws-col-expected"),
        }
    }
}

#[derive(Template)]
#[template(path = "ws_upload.html")]
struct UploadT {
    chrome: Chrome,
    heading: String,
    intro: String,
    action: String,
    csrf: String,
    country_label: String,
    countries: Vec<(String, String)>,
    file_label: String,
    mapping_label: String,
    submit: String,
    problems: ProblemsTable,
}

fn upload_view(st: &AppState, v: &Viewer, uri: &Uri, status: StatusCode, rejected: Option<Rejected>) -> Response {
    let lang = v.lang;
    let countries = provider_memberships(&v.principal)
        .map(|mb| {
            let c = mb.scope.country.as_ref().map(|c| c.to_string()).unwrap_or_default();
            let name = st.areas().find(&c).map(|a| crate::pages::tr(&a.name, lang)).unwrap_or_else(|| c.clone());
            (c.clone(), format!("{name} ({}, {})", c, mb.scope.themes))
        })
        .collect();
    let rejected = rejected.unwrap_or_default();
    let heading = m(lang, "ws-upload");
    let t = UploadT {
        chrome: Chrome::new(lang, uri, &heading, Section::Other),
        heading,
        intro: ma(lang, "ws-upload-intro", &[("size", &(staging::MAX_FILE_BYTES / (1024 * 1024)).to_string())]),
        action: format!("/{}/ws/upload", lang.code()),
        csrf: v.csrf.clone(),
        country_label: m(lang, "ws-col-country"),
        countries,
        file_label: m(lang, "ws-file"),
        mapping_label: m(lang, "ws-mapping"),
        submit: m(lang, "ws-upload-send"),
        problems: ProblemsTable::new(lang, 2, rejected),
    };
    match t.render() {
        Ok(body) => page(status, body),
        Err(e) => WsError::Internal(e.to_string()).page(lang, uri),
    }
}

fn provider_memberships(p: &Principal) -> impl Iterator<Item = &Membership> {
    p.memberships.iter().filter(|m| m.role == Role::Provider && m.scope.country.is_some())
}

/// `GET /{lang}/ws/upload`
pub(crate) async fn upload_page(State(st): State<AppState>, v: Viewer, uri: Uri) -> Response {
    if provider_memberships(&v.principal).next().is_none() {
        return WsError::Forbidden(m(v.lang, "ws-not-provider")).page(v.lang, &uri);
    }
    upload_view(&st, &v, &uri, StatusCode::OK, None)
}

/// Reads, checks and stores a file as a draft of `p` for `country`: the one path of the web
/// form and of the token API.
pub(crate) async fn create_draft(
    st: &AppState,
    p: &Principal,
    country: &str,
    file_name: &str,
    bytes: Vec<u8>,
    mapping: Option<String>,
    lang: Lang,
) -> Result<Result<SubmissionInfo, Rejected>, WsError> {
    let forbidden = || WsError::Forbidden("uploads are for data providers, in the countries and themes of their role".into());
    let c = Iso3::parse(&country.to_ascii_uppercase()).map_err(|_| forbidden())?;
    let mb = provider_memberships(p).find(|m| m.scope.country.as_ref() == Some(&c)).ok_or_else(forbidden)?.clone();
    let org_id = mb.organisation.ok_or_else(forbidden)?;
    let t = Target { country: Some(c.clone()), themes: mb.scope.themes.clone(), organisation: Some(org_id) };
    if !p.may(Action::Upload, &t) {
        return Err(forbidden());
    }
    if bytes.len() > staging::MAX_FILE_BYTES {
        return Err(WsError::Bad(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the file is larger than {} MB", staging::MAX_FILE_BYTES / (1024 * 1024)),
        ));
    }
    let org: OrgInfo = st.store().orgs().await?.into_iter().find(|o| o.id == org_id).ok_or(WsError::NotFound)?;
    let kind = match staging::detect_kind(file_name, &bytes, mapping.is_some()) {
        Ok(k) => k,
        Err(r) => return Ok(Err(r)),
    };
    let name = safe_name(file_name);
    let (st2, name2, c2, org2, themes, map2) = (st.clone(), name.clone(), c.clone(), org.clone(), mb.scope.themes.clone(), mapping.clone());
    let kept = bytes.clone();
    let cfw = mp_service::national::country_framework(st.store(), st.framework(), &mp_domain::AreaCode::Country(c.clone())).await?;
    let staged = tokio::task::spawn_blocking(move || staging::read(&st2, &name2, kept, kind, map2.as_deref(), &c2, &org2, &themes, &cfw))
        .await
        .map_err(|e| WsError::Internal(e.to_string()))?;
    let staged = match staged {
        Ok(s) => s,
        Err(r) => return Ok(Err(r)),
    };
    // The validation rules, against the store as it is now; they run again at publication.
    if let Err(r) = staging::check_rules(st, &staged, lang).await? {
        return Ok(Err(r));
    }
    let file_sha256 = staged.datasets.first().and_then(|d| d.files.first()).map(|f| f.sha256.clone()).unwrap_or_default();
    let summary = serde_json::json!({ "observations": staged.observations(), "mapping": mapping }).to_string();
    let themes = ThemeSet::Some(staged.themes.iter().cloned().collect::<BTreeSet<_>>());
    let new = NewSubmission {
        country: c.clone(),
        organisation_id: org.id,
        themes,
        source_code: staging::source_code(&c, &org),
        file_name: name,
        file_kind: kind.code().into(),
        file_bytes: bytes,
        file_sha256,
        summary,
    };
    Ok(Ok(st.store().submission_add(&new, &Actor::user(p)).await?))
}

/// A file name as shown and recorded: its last path part, printable characters only.
fn safe_name(s: &str) -> String {
    let last = s.rsplit(['/', '\\']).next().unwrap_or(s);
    let clean: String = last.chars().filter(|c| !c.is_control()).take(120).collect();
    if clean.trim().is_empty() { "upload".into() } else { clean }
}

/// `POST /{lang}/ws/upload` (multipart: csrf, country, file, optional mapping).
pub(crate) async fn upload(State(st): State<AppState>, v: Viewer, uri: Uri, mut mp: Multipart) -> Response {
    let run = async {
        let (mut csrf, mut country, mut file, mut mapping) = (String::new(), String::new(), None, None);
        while let Some(field) = mp.next_field().await.map_err(|e| WsError::Bad(e.status(), e.body_text()))? {
            let name = field.name().unwrap_or_default().to_string();
            let file_name = field.file_name().map(str::to_string);
            let data = field.bytes().await.map_err(|e| WsError::Bad(e.status(), e.body_text()))?;
            match name.as_str() {
                "csrf" => csrf = String::from_utf8_lossy(&data).into_owned(),
                "country" => country = String::from_utf8_lossy(&data).into_owned(),
                "file" => file = Some((file_name.unwrap_or_default(), data.to_vec())),
                "mapping" if !data.is_empty() => mapping = Some(String::from_utf8_lossy(&data).into_owned()),
                _ => {}
            }
        }
        v.check_csrf(&csrf)?;
        let Some((name, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
            return Ok(upload_view(&st, &v, &uri, StatusCode::UNPROCESSABLE_ENTITY, Some(no_file(v.lang))));
        };
        match create_draft(&st, &v.principal, &country, &name, bytes, mapping, v.lang).await? {
            Ok(s) => Ok(see_other(&format!("/{}/ws/submission/{}", v.lang.code(), s.id))),
            Err(r) => Ok(upload_view(&st, &v, &uri, StatusCode::UNPROCESSABLE_ENTITY, Some(r))),
        }
    };
    run.await.unwrap_or_else(|e: WsError| e.page(v.lang, &uri))
}

fn no_file(lang: Lang) -> Rejected {
    Rejected {
        problems: vec![UploadProblem {
            sheet: String::new(),
            row: String::new(),
            column: String::new(),
            value: String::new(),
            expected: m(lang, "ws-no-file"),
        }],
        more: 0,
    }
}

/// Parameters of the token API's upload.
#[derive(Deserialize)]
pub(crate) struct ApiUpload {
    country: String,
    name: String,
}

/// `POST /ws/api/submissions?country=SEN&name=FILE` with the file as the body and a bearer
/// token: a draft, exactly as the upload form makes one.
pub(crate) async fn api_upload(
    State(st): State<AppState>,
    headers: HeaderMap,
    q: Result<Query<ApiUpload>, axum::extract::rejection::QueryRejection>,
    body: Bytes,
) -> Response {
    let p = match bearer(&st, &headers).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let json = |status: StatusCode, v: serde_json::Value| (status, axum::Json(v)).into_response();
    let Ok(Query(q)) = q else {
        return json(StatusCode::BAD_REQUEST, serde_json::json!({ "error": "expected ?country=ISO3&name=FILE" }));
    };
    match create_draft(&st, &p, &q.country, &q.name, body.to_vec(), None, Lang::En).await {
        Ok(Ok(s)) => json(StatusCode::CREATED, serde_json::json!({ "id": s.id, "state": s.state, "version": s.version })),
        Ok(Err(r)) => json(StatusCode::UNPROCESSABLE_ENTITY, serde_json::json!({ "problems": r.problems, "more": r.more })),
        Err(WsError::Forbidden(msg)) => json(StatusCode::FORBIDDEN, serde_json::json!({ "error": msg })),
        Err(WsError::Bad(s, msg)) => json(s, serde_json::json!({ "error": msg })),
        Err(WsError::Conflict(msg)) => json(StatusCode::CONFLICT, serde_json::json!({ "error": msg })),
        Err(WsError::NotFound) => json(StatusCode::NOT_FOUND, serde_json::json!({ "error": "not found" })),
        Err(WsError::Internal(cause)) => {
            tracing::error!(%cause, "token upload failed");
            json(
                StatusCode::INTERNAL_SERVER_ERROR,
                serde_json::json!({ "error": "the server could not answer; the error has been logged" }),
            )
        }
    }
}

/// Reads a stored submission's file again (its figures are staged there until published), or
/// takes it from the cache of files already read.
pub(crate) async fn restage(st: &AppState, s: &SubmissionInfo) -> Result<Result<Arc<Staged>, Rejected>, WsError> {
    let cache = stage_cache();
    if let Some(hit) = cache.get(s) {
        return Ok(Ok(hit));
    }
    let bytes = st.store().submission_file(s.id).await?.ok_or(WsError::NotFound)?;
    let org = st.store().orgs().await?.into_iter().find(|o| o.id == s.organisation_id).ok_or(WsError::NotFound)?;
    let kind = Kind::parse(&s.file_kind).ok_or_else(|| WsError::Internal(format!("submission {} has file kind {}", s.id, s.file_kind)))?;
    let mapping: Option<String> = serde_json::from_str::<serde_json::Value>(&s.summary)
        .ok()
        .and_then(|v| v.get("mapping").and_then(|m| m.as_str().map(str::to_string)));
    let (st2, name, c, themes) = (st.clone(), s.file_name.clone(), s.country.clone(), s.themes.clone());
    let cfw = mp_service::national::country_framework(st.store(), st.framework(), &mp_domain::AreaCode::Country(c.clone())).await?;
    let read = tokio::task::spawn_blocking(move || staging::read(&st2, &name, bytes, kind, mapping.as_deref(), &c, &org, &themes, &cfw))
        .await
        .map_err(|e| WsError::Internal(e.to_string()))?;
    Ok(read.map(|staged| {
        let staged = Arc::new(staged);
        cache.put(s, staged.clone());
        staged
    }))
}

/// One cache per process: a submission's file never changes, and its reading depends only on
/// the framework, which is fixed while the server runs.
fn stage_cache() -> &'static StageCache {
    static CACHE: std::sync::OnceLock<StageCache> = std::sync::OnceLock::new();
    CACHE.get_or_init(StageCache::default)
}

struct FigureView {
    indicator: String,
    period: String,
    dims: String,
    value: String,
    current: String,
    diff: String,
    change: String,
    /// The figure's history page.
    history: String,
}

struct HistoryView {
    at: String,
    who: String,
    what: String,
    detail: String,
}

struct StepForm {
    label: String,
    back: bool,
}

#[derive(Template)]
#[template(path = "ws_submission.html")]
struct SubmissionT {
    chrome: Chrome,
    heading: String,
    facts: Vec<(String, String)>,
    staged_note: String,
    reason_label: String,
    reason: String,
    summary: String,
    figures_label: String,
    figures: Vec<FigureView>,
    more: String,
    col_indicator: String,
    col_period: String,
    col_dims: String,
    col_value: String,
    col_current: String,
    col_diff: String,
    col_change: String,
    problems: Vec<ProblemView>,
    problems_label: String,
    warnings: Vec<staging::RuleWarning>,
    warnings_label: String,
    warnings_note: String,
    col_rule: String,
    col_figure: String,
    action: String,
    csrf: String,
    version: i64,
    steps: Vec<StepForm>,
    back_reason_label: String,
    history_label: String,
    history: Vec<HistoryView>,
    col_when: String,
    col_who: String,
    col_what: String,
    col_detail: String,
}

async fn load_visible(st: &AppState, v: &Viewer, id: i64) -> Result<SubmissionInfo, WsError> {
    let s = st.store().submission(id).await?.ok_or(WsError::NotFound)?;
    if !v.principal.may(Action::ViewUnpublished, &view_target(&s)) {
        // Not even its existence is shown outside the country's TWG.
        return Err(WsError::NotFound);
    }
    Ok(s)
}

/// `GET /{lang}/ws/submission/{id}`: the preview (new, revised and unchanged figures with the
/// published value and the difference), the steps the viewer may take, and the history.
pub(crate) async fn page_handler(st: &AppState, v: &Viewer, uri: &Uri, id: i64) -> Result<Response, WsError> {
    let lang = v.lang;
    let s = load_visible(st, v, id).await?;
    let skip = skip_subgroup(st, &s.country).await?;
    let mut figures = Vec::new();
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let (mut new, mut revised, mut unchanged) = (0usize, 0usize, 0usize);
    match restage(st, &s).await? {
        Ok(staged) => {
            // Published figures were checked when published; the rules now would compare them with themselves.
            if s.state != SubState::Published {
                match staging::check_rules(st, &staged, lang).await? {
                    Ok(w) => warnings = staging::warning_views(&w, lang),
                    Err(r) => problems = problem_views(r),
                }
            }
            for r in staging::preview(st, &staged, &s.country, &s.source_code).await? {
                match r.change {
                    Change::New => new += 1,
                    Change::Revised => revised += 1,
                    Change::Unchanged => unchanged += 1,
                }
                if figures.len() < MAX_ROWS_SHOWN {
                    let diff = match (r.value, r.current) {
                        (Some(a), Some(b)) if r.change == Change::Revised => {
                            let d = a - b;
                            let sign = if d > 0.0 { "+" } else { "" };
                            format!("{sign}{}", number(Some(d), lang))
                        }
                        _ => String::new(),
                    };
                    figures.push(FigureView {
                        history: super::figure::href(lang, &r.indicator, &s.country, &r.period, &s.source_code),
                        indicator: r.indicator,
                        period: r.period,
                        dims: r.dims,
                        value: number(r.value, lang),
                        current: if r.change == Change::New { String::new() } else { number(r.current, lang) },
                        diff,
                        change: m(
                            lang,
                            match r.change {
                                Change::New => "ws-change-new",
                                Change::Revised => "ws-change-revised",
                                Change::Unchanged => "ws-change-unchanged",
                            },
                        ),
                    });
                }
            }
        }
        // The framework changed since the upload, for instance: say so rather than fail.
        Err(r) => {
            problems = r
                .problems
                .into_iter()
                .map(|p| ProblemView { sheet: p.sheet, row: p.row, column: p.column, value: p.value, expected: p.expected })
                .collect()
        }
    }
    let total = new + revised + unchanged;
    let mut steps = Vec::new();
    if let Some((a, _)) = s.state.next(skip)
        && v.principal.may(a, &target(&s))
    {
        steps.push(StepForm { label: action_label(lang, a), back: false });
        if s.state != SubState::Draft {
            steps.push(StepForm { label: m(lang, "ws-send-back"), back: true });
        }
    }
    let history = st
        .store()
        .audit_rows(Some(&format!("submission:{id}")))
        .await?
        .into_iter()
        .map(|r| HistoryView { at: r.at, who: r.actor_name, what: r.action, detail: r.after })
        .collect();
    let org = st.store().orgs().await?.into_iter().find(|o| o.id == s.organisation_id).map(|o| o.name).unwrap_or_default();
    let heading = ma(lang, "ws-submission", &[("id", &id.to_string())]);
    let t = SubmissionT {
        chrome: Chrome::new(lang, uri, &heading, Section::Other),
        heading,
        facts: vec![
            (m(lang, "ws-col-state"), state_label(lang, s.state)),
            (m(lang, "ws-col-country"), s.country.to_string()),
            (m(lang, "ws-col-org"), org),
            (m(lang, "ws-themes"), s.themes.to_string()),
            (m(lang, "ws-source"), s.source_code.clone()),
            (m(lang, "ws-col-file"), format!("{} (SHA-256 {})", s.file_name, s.file_sha256)),
            (m(lang, "ws-version"), s.version.to_string()),
        ],
        staged_note: m(lang, if s.state == SubState::Published { "ws-published-note" } else { "ws-staged-note" }),
        reason_label: m(lang, "ws-sent-back-because"),
        reason: if s.state == SubState::Draft { s.reason.clone() } else { String::new() },
        summary: ma(
            lang,
            "ws-summary",
            &[("new", &new.to_string()), ("revised", &revised.to_string()), ("unchanged", &unchanged.to_string())],
        ),
        figures_label: m(lang, "ws-figures"),
        figures,
        more: if total > MAX_ROWS_SHOWN {
            ma(lang, "ws-rows-more", &[("count", &(total - MAX_ROWS_SHOWN).to_string())])
        } else {
            String::new()
        },
        col_indicator: m(lang, "ws-col-indicator"),
        col_period: m(lang, "ws-col-period"),
        col_dims: m(lang, "ws-col-dims"),
        col_value: m(lang, "ws-col-value"),
        col_current: m(lang, "ws-col-current"),
        col_diff: m(lang, "ws-col-diff"),
        col_change: m(lang, "ws-col-change"),
        problems,
        problems_label: m(lang, "ws-problems"),
        warnings,
        warnings_label: m(lang, "ws-rule-warnings"),
        warnings_note: m(lang, "ws-rule-warnings-note"),
        col_rule: m(lang, "ws-col-rule"),
        col_figure: m(lang, "ws-col-figure"),
        action: format!("/{}/ws/submission/{id}/step", lang.code()),
        csrf: v.csrf.clone(),
        version: s.version,
        steps,
        back_reason_label: m(lang, "ws-reason"),
        history_label: m(lang, "ws-history"),
        history,
        col_when: m(lang, "ws-col-when"),
        col_who: m(lang, "ws-col-who"),
        col_what: m(lang, "ws-col-what"),
        col_detail: m(lang, "ws-col-detail"),
    };
    Ok(page(StatusCode::OK, t.render().map_err(|e| WsError::Internal(e.to_string()))?))
}

/// `GET /{lang}/ws/submission/{id}`
pub(crate) async fn view(State(st): State<AppState>, v: Viewer, uri: Uri, Path((_, id)): Path<(String, i64)>) -> Response {
    page_handler(&st, &v, &uri, id).await.unwrap_or_else(|e| e.page(v.lang, &uri))
}

/// A step form.
#[derive(Deserialize)]
pub(crate) struct StepFormData {
    #[serde(default)]
    csrf: String,
    version: i64,
    /// `advance` or `back`.
    decision: String,
    #[serde(default)]
    reason: String,
}

/// `POST /{lang}/ws/submission/{id}/step`: the next step or a send-back, if the viewer's role
/// allows it and nobody moved the submission since the page was shown.
pub(crate) async fn step(
    State(st): State<AppState>,
    v: Viewer,
    uri: Uri,
    Path((_, id)): Path<(String, i64)>,
    Form(f): Form<StepFormData>,
) -> Response {
    let run = async {
        v.check_csrf(&f.csrf)?;
        let s = load_visible(&st, &v, id).await?;
        let skip = skip_subgroup(&st, &s.country).await?;
        let wanted = match f.decision.as_str() {
            "advance" => Step::Advance,
            "back" => Step::SendBack(f.reason.chars().take(2000).collect()),
            other => return Err(WsError::Bad(StatusCode::BAD_REQUEST, format!("`{other}` is not a decision: expected advance or back"))),
        };
        if s.version != f.version {
            // Checked again in the store's UPDATE; this catches it before any work.
            return Err(st.store().submission_conflict(id).await?.into());
        }
        let (action, to) = workflow_step(s.state, skip, &wanted).map_err(|e| WsError::Bad(StatusCode::BAD_REQUEST, e.to_string()))?;
        if !v.principal.may(action, &target(&s)) {
            return Err(WsError::Forbidden(m(v.lang, "ws-not-your-step")));
        }
        let (reason, name) = match &wanted {
            Step::SendBack(r) => (r.clone(), "submission.send_back".to_string()),
            Step::Advance => (String::new(), format!("submission.{}", to.code())),
        };
        let mut batch = None;
        if to == SubState::Published {
            let staged = restage(&st, &s).await?.map_err(|r| {
                WsError::Bad(StatusCode::UNPROCESSABLE_ENTITY, r.problems.first().map(|p| p.expected.clone()).unwrap_or_default())
            })?;
            // The rules again, against the store of this moment: it may have changed since the upload.
            let warnings = match staging::check_rules(&st, &staged, v.lang).await? {
                Ok(w) => w,
                Err(r) => {
                    let named: Vec<String> =
                        r.problems.iter().map(|p| format!("{} {} = {}: {}", p.row, p.column, p.value, p.expected)).collect();
                    return Err(WsError::Bad(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        format!(
                            "{} {}",
                            ma(v.lang, "ws-publish-refused", &[("count", &(r.problems.len() + r.more).to_string())]),
                            named.join("; ")
                        ),
                    ));
                }
            };
            let opts = ImportOptions {
                dry_run: false,
                command: format!("workspace: publish submission {id} by {}", v.principal.login),
                origin: mp_store::Origin::National,
            };
            let summary = st.store().import_as(&staged.datasets, &opts, &|_, _| {}, &v.actor()).await?;
            batch = summary.batch_id;
            mp_service::quality::store_flags(st.store(), &warnings).await?;
        }
        st.store().submission_move(id, f.version, s.state, to, &reason, batch, &name, &v.actor()).await?;
        mail_waiting(&st, &v, &s, to, skip).await;
        Ok(see_other(&format!("/{}/ws/submission/{id}", v.lang.code())))
    };
    run.await.unwrap_or_else(|e: WsError| e.page(v.lang, &uri))
}

/// Tells by mail (when a server is configured) the members who may take the step a submission
/// now waits for; never fails the step that moved it.
async fn mail_waiting(st: &AppState, v: &Viewer, s: &mp_store::SubmissionInfo, to: SubState, skip: bool) {
    let Some((next, _)) = to.next(skip) else { return };
    if st.mail().is_none() {
        return;
    }
    let users = match st.store().users().await {
        Ok(u) => u,
        Err(e) => {
            tracing::warn!(error = %e, "mail: cannot list the members");
            return;
        }
    };
    let t = target(s);
    let ids: Vec<i64> = users
        .into_iter()
        .filter(|u| !u.disabled && u.id != v.principal.user_id)
        .filter(|u| mp_workspace::Principal { user_id: u.id, login: u.login.clone(), memberships: u.memberships.clone() }.may(next, &t))
        .map(|u| u.id)
        .collect();
    let notice = crate::mail::Notice::Waiting {
        id: s.id,
        country: s.country.to_string(),
        state: to.code().to_string(),
        path: format!("/{{lang}}/ws/submission/{}", s.id),
    };
    crate::mail::notify(st, ids, notice);
}
