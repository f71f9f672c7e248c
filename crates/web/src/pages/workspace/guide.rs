//! The data-collection guides in the workspace: for each country whose unpublished work the
//! member may see, every organisation with a data provider there, with its guide as an HTML page
//! and a PDF file in each language (`mp_service::guide`, the same document `mprofile guide`
//! writes).

use super::{Viewer, WsError, page};
use crate::pages::{Chrome, Section, m, tr};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use mp_domain::{AreaCode, Iso3, Lang};
use mp_workspace::{Action, Target};

struct OrgRow {
    name: String,
    links: Vec<(String, String)>,
}

struct CountryRow {
    name: String,
    deadline: String,
    orgs: Vec<OrgRow>,
}

#[derive(Template)]
#[template(path = "ws_guide.html")]
struct GuideT {
    chrome: Chrome,
    heading: String,
    intro: String,
    countries: Vec<CountryRow>,
    none: String,
}

/// `GET /{lang}/ws/guide`
pub(crate) async fn page_handler(State(st): State<AppState>, v: Viewer, uri: Uri) -> Response {
    let run = async {
        let lang = v.lang;
        let orgs = st.store().orgs().await?;
        let mut countries = Vec::new();
        for a in st.areas().profile_countries() {
            let AreaCode::Country(c) = &a.code else { continue };
            if !v.principal.may(Action::ViewUnpublished, &Target::country(c)) {
                continue;
            }
            let mut rows = Vec::new();
            for o in &orgs {
                if st.store().org_assignment(o.id, c).await?.is_none() {
                    continue;
                }
                let mut links = Vec::new();
                for l in Lang::ALL {
                    links.push((format!("/{}/ws/guide/{c}/{}/html/{}", lang.code(), o.code, l.code()), format!("HTML ({})", l.endonym())));
                    if st.pdf().is_some() {
                        links
                            .push((format!("/{}/ws/guide/{c}/{}/pdf/{}", lang.code(), o.code, l.code()), format!("PDF ({})", l.endonym())));
                    }
                }
                rows.push(OrgRow { name: o.name.clone(), links });
            }
            let deadline = match st.store().collection_deadline(c).await? {
                Some(d) => crate::pages::ma(lang, "library-guide-deadline", &[("edition", &d.edition), ("date", &d.deadline)]),
                None => m(lang, "library-guide-no-deadline"),
            };
            countries.push(CountryRow { name: tr(&a.name, lang), deadline, orgs: rows });
        }
        let heading = m(lang, "library-guide-ws-heading");
        let t = GuideT {
            chrome: Chrome::new(lang, &uri, &heading, Section::Other),
            heading,
            intro: m(lang, "library-guide-ws-intro"),
            countries,
            none: m(lang, "library-guide-ws-none"),
        };
        Ok(page(StatusCode::OK, t.render().map_err(|e| WsError::Internal(e.to_string()))?))
    };
    run.await.unwrap_or_else(|e: WsError| e.page(v.lang, &uri))
}

/// `GET /{lang}/ws/guide/{iso3}/{org}/{format}/{doc_lang}`: one guide, as a page or a PDF file.
pub(crate) async fn file(
    State(st): State<AppState>,
    v: Viewer,
    uri: Uri,
    Path((_, iso, org, format, doc_lang)): Path<(String, String, String, String, String)>,
) -> Response {
    let run = async {
        let c = Iso3::parse(&iso.to_ascii_uppercase()).map_err(|_| WsError::NotFound)?;
        if !v.principal.may(Action::ViewUnpublished, &Target::country(&c)) {
            return Err(WsError::NotFound);
        }
        let doc_lang: Lang = doc_lang.parse().map_err(|_| WsError::NotFound)?;
        let o = st.store().orgs().await?.into_iter().find(|o| o.code == org).ok_or(WsError::NotFound)?;
        if st.store().org_assignment(o.id, &c).await?.is_none() {
            return Err(WsError::NotFound);
        }
        let doc = mp_service::guide::guide_document(st.store(), st.framework(), st.areas(), &o, &c, &mp_service::today())
            .await?
            .ok_or(WsError::NotFound)?;
        let stem = mp_service::guide::guide_file_stem(&c, &o, doc_lang);
        match format.as_str() {
            "html" => Ok(page(StatusCode::OK, mp_render::html::document_html(&doc, doc_lang, &Default::default()))),
            "pdf" => {
                let typeset = st.pdf().ok_or(WsError::NotFound)?;
                // Typesetting takes a while: off the threads that answer requests.
                let pdf = tokio::task::spawn_blocking(move || typeset(&doc, doc_lang))
                    .await
                    .map_err(|e| WsError::Internal(e.to_string()))?
                    .map_err(WsError::Internal)?;
                let mut res = (StatusCode::OK, pdf).into_response();
                res.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
                if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{stem}.pdf\"")) {
                    res.headers_mut().insert(CONTENT_DISPOSITION, v);
                }
                res.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static(crate::http::CACHE_NONE));
                Ok(res)
            }
            _ => Err(WsError::NotFound),
        }
    };
    run.await.unwrap_or_else(|e: WsError| e.page(v.lang, &uri))
}
