//! The registry workbook in the TWG workspace, for offline work: a member who may propose
//! registry changes downloads the workbook of the countries whose registry they may change (one
//! country, or every one of theirs), corrects or adds entries with the place each was read in
//! the `read_at` column, and uploads it back. The upload is a POST with the session's CSRF
//! token, limited in size, told to be an XLSX workbook from its content, and read all or
//! nothing by the command line's reader; every problem is listed with its sheet, row and
//! column. An accepted workbook becomes proposed changes (`mp_service::registry_workbook`),
//! one per row that adds or changes an entry, each with its audit row: they go through the same
//! review as the registry forms (another member approves, the secretariat publishes) and are
//! never written to the published registry by the upload itself.

use super::staging::Rejected;
use super::submissions::ProblemsTable;
use super::{Viewer, WsError, page, see_other};
use crate::pages::{Chrome, Section, m, ma, tr};
use crate::state::AppState;
use askama::Template;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Multipart, Query, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use mp_domain::AreaCode;
use mp_service::registry_workbook::{as_of, may_propose, proposable, proposals, workbook_view, workspace_source_country};
use mp_store::workspace_registry_source;
use serde::Deserialize;
use std::collections::HashSet;

/// Largest workbook accepted (the route's body limit is a little above it, for the fields).
pub(crate) const MAX_WORKBOOK_BYTES: usize = 5 * 1024 * 1024;
/// The route's body limit.
pub(crate) const BODY_LIMIT: usize = MAX_WORKBOOK_BYTES + 64 * 1024;

#[derive(Template)]
#[template(path = "ws_registry_workbook.html")]
struct WorkbookT {
    chrome: Chrome,
    heading: String,
    intro: String,
    notice: String,
    downloads_heading: String,
    downloads: Vec<(String, String)>,
    registry_links: Vec<(String, String)>,
    upload_heading: String,
    upload_note: String,
    action: String,
    csrf: String,
    file_label: String,
    submit: String,
    problems: ProblemsTable,
}

/// Query of the page: how many changes the last upload proposed.
#[derive(Deserialize)]
pub(crate) struct PageQuery {
    #[serde(default)]
    proposed: Option<usize>,
}

/// Query of the download: one country, or every country of the viewer's.
#[derive(Deserialize)]
pub(crate) struct DownloadQuery {
    #[serde(default)]
    country: String,
}

/// The profile countries whose registry the viewer may change, by name.
fn countries(st: &AppState, v: &Viewer) -> Vec<(AreaCode, String)> {
    let list: Vec<AreaCode> = st.areas().profile_countries().iter().map(|a| a.code.clone()).collect();
    let mine = proposable(&v.principal.memberships, &list);
    let mut out: Vec<(AreaCode, String)> = mine
        .into_iter()
        .map(|a| {
            let name = st.areas().get(&a).map(|x| tr(&x.name, v.lang)).unwrap_or_else(|| a.to_string());
            (a, name)
        })
        .collect();
    out.sort_by_cached_key(|(_, n)| mp_text::fold(n));
    out
}

fn render(
    st: &AppState,
    v: &Viewer,
    uri: &Uri,
    status: StatusCode,
    notice: String,
    rejected: Option<Rejected>,
) -> Result<Response, WsError> {
    let lang = v.lang;
    let l = lang.code();
    let mine = countries(st, v);
    if mine.is_empty() {
        return Err(WsError::Forbidden(m(lang, "ws-registry-not-secretariat")));
    }
    let mut downloads: Vec<(String, String)> = mine
        .iter()
        .map(|(a, name)| (format!("/{l}/ws/registry/workbook.xlsx?country={a}"), ma(lang, "regwb-download-country", &[("country", name)])))
        .collect();
    if mine.len() > 1 {
        downloads.push((
            format!("/{l}/ws/registry/workbook.xlsx"),
            mp_i18n::t(lang, "regwb-download-all", &[("count", mp_i18n::Arg::Count(mine.len() as i64))]),
        ));
    }
    let registry_links = mine
        .iter()
        .map(|(a, name)| (format!("/{l}/ws/registry?country={a}"), ma(lang, "ws-registry-title", &[("country", name)])))
        .collect();
    let rejected = rejected.unwrap_or_default();
    let heading = m(lang, "regwb-heading");
    let t = WorkbookT {
        chrome: Chrome::new(lang, uri, &heading, Section::Other),
        heading,
        intro: m(lang, "regwb-intro"),
        notice,
        downloads_heading: m(lang, "regwb-downloads"),
        downloads,
        registry_links,
        upload_heading: m(lang, "regwb-upload"),
        upload_note: ma(lang, "regwb-upload-note", &[("size", &(MAX_WORKBOOK_BYTES / (1024 * 1024)).to_string())]),
        action: format!("/{l}/ws/registry/workbook"),
        csrf: v.csrf.clone(),
        file_label: m(lang, "ws-file"),
        submit: m(lang, "regwb-send"),
        problems: ProblemsTable::new(lang, 3, rejected),
    };
    Ok(page(status, t.render().map_err(|e| WsError::Internal(e.to_string()))?))
}

/// `GET /{lang}/ws/registry/workbook`: the downloads and the upload form.
pub(crate) async fn page_handler(State(st): State<AppState>, v: Viewer, uri: Uri, q: Result<Query<PageQuery>, QueryRejection>) -> Response {
    let lang = v.lang;
    let notice = match q.ok().and_then(|Query(q)| q.proposed) {
        Some(0) => m(lang, "regwb-nothing"),
        Some(n) => mp_i18n::t(lang, "regwb-proposed", &[("count", mp_i18n::Arg::Count(n.min(i64::MAX as usize) as i64))]),
        None => String::new(),
    };
    render(&st, &v, &uri, StatusCode::OK, notice, None).unwrap_or_else(|e| e.page(lang, &uri))
}

/// `GET /{lang}/ws/registry/workbook.xlsx[?country=SEN]`: the workbook of one country, or of
/// every country whose registry the viewer may change.
pub(crate) async fn download(State(st): State<AppState>, v: Viewer, uri: Uri, q: Result<Query<DownloadQuery>, QueryRejection>) -> Response {
    let run = async {
        let Query(q) = q.map_err(|e| WsError::Bad(StatusCode::BAD_REQUEST, e.body_text()))?;
        let wanted = q.country.trim().to_ascii_uppercase();
        let mine: Vec<AreaCode> = countries(&st, &v).into_iter().map(|(a, _)| a).collect();
        let areas: Vec<AreaCode> = if wanted.is_empty() {
            mine
        } else {
            let a = AreaCode::parse(&wanted).map_err(|_| WsError::NotFound)?;
            if !may_propose(&v.principal.memberships, &a) {
                return Err(WsError::Forbidden(m(v.lang, "ws-registry-not-secretariat")));
            }
            vec![a]
        };
        if areas.is_empty() {
            return Err(WsError::Forbidden(m(v.lang, "ws-registry-not-secretariat")));
        }
        let view = workbook_view(st.store(), &areas).await?;
        let stamp = as_of(st.store()).await?;
        // One country: its workspace source on the `source` sheet; several: each row names its own.
        let source = (areas.len() == 1).then(|| workspace_registry_source(&areas[0]));
        let bytes = mp_export::registry_workbook::write_as_of(
            &view,
            source.as_ref().map(|s| (s, mp_store::WORKSPACE_REGISTRY_VINTAGE)),
            Some(stamp),
        )
        .map_err(|e| WsError::Internal(e.to_string()))?;
        let name = if areas.len() == 1 { format!("registry-{}.xlsx", areas[0]) } else { "registry.xlsx".to_string() };
        let mut res = (StatusCode::OK, bytes).into_response();
        res.headers_mut()
            .insert(CONTENT_TYPE, HeaderValue::from_static("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        if let Ok(h) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
            res.headers_mut().insert(CONTENT_DISPOSITION, h);
        }
        res.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static(crate::http::CACHE_NONE));
        Ok(res)
    };
    run.await.unwrap_or_else(|e: WsError| e.page(v.lang, &uri))
}

/// `POST /{lang}/ws/registry/workbook` (multipart: csrf, file): the workbook's changes
/// proposed for review, or every problem listed.
pub(crate) async fn upload(State(st): State<AppState>, v: Viewer, uri: Uri, mut mp: Multipart) -> Response {
    let lang = v.lang;
    let run = async {
        let (mut csrf, mut file) = (String::new(), None);
        while let Some(field) = mp.next_field().await.map_err(|e| WsError::Bad(e.status(), e.body_text()))? {
            let name = field.name().unwrap_or_default().to_string();
            let file_name = field.file_name().map(str::to_string);
            let data = field.bytes().await.map_err(|e| WsError::Bad(e.status(), e.body_text()))?;
            match name.as_str() {
                "csrf" => csrf = String::from_utf8_lossy(&data).into_owned(),
                "file" => file = Some((file_name.unwrap_or_default(), data.to_vec())),
                _ => {}
            }
        }
        v.check_csrf(&csrf)?;
        if countries(&st, &v).is_empty() {
            return Err(WsError::Forbidden(m(lang, "ws-registry-not-secretariat")));
        }
        let refuse = |r: Rejected| render(&st, &v, &uri, StatusCode::UNPROCESSABLE_ENTITY, String::new(), Some(r));
        let Some((name, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
            return refuse(Rejected::one(m(lang, "ws-no-file")));
        };
        if bytes.len() > MAX_WORKBOOK_BYTES {
            return Err(WsError::Bad(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("the file is larger than {} MB", MAX_WORKBOOK_BYTES / (1024 * 1024)),
            ));
        }
        // What the file is, from its content: never its name or the browser's claim.
        if mp_workspace::library::sniff(&bytes) != Ok(mp_workspace::library::FileType::Xlsx) {
            return refuse(Rejected::one("an XLSX workbook: the registry workbook downloaded from this page, edited and saved as .xlsx"));
        }
        let name: String = name.rsplit(['/', '\\']).next().unwrap_or("").chars().filter(|c| !c.is_control()).take(120).collect();
        let name = if name.trim().is_empty() { "registry.xlsx".to_string() } else { name };
        let sha = hex_sha256(&bytes);
        let (st2, name2) = (st.clone(), name.clone());
        let read = tokio::task::spawn_blocking(move || {
            let own = |s: &str| workspace_source_country(s).is_some();
            st2.uploads().read_registry(&name2, bytes, &own, st2.framework(), st2.areas())
        })
        .await
        .map_err(|e| WsError::Internal(e.to_string()))?;
        let entries = match read {
            Ok(e) => e,
            Err(r) => return refuse(r),
        };
        let orgs: HashSet<String> = st.store().orgs().await?.into_iter().map(|o| o.code).collect();
        let planned = match proposals(st.store(), &entries, &v.principal.memberships, &orgs).await? {
            Ok(p) => p,
            Err(r) => return refuse(r),
        };
        if !planned.is_empty() {
            let origin = format!("workbook {name}, sha256 {sha}");
            st.store().registry_propose_all(&v.actor(), &planned, &origin).await?;
        }
        Ok(see_other(&format!("/{}/ws/registry/workbook?proposed={}", lang.code(), planned.len())))
    };
    run.await.unwrap_or_else(|e: WsError| e.page(lang, &uri))
}

fn hex_sha256(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}
