//! The document library in the workspace: members list every document they may read (public
//! ones and their countries' members-only ones), add a document with its first file, add a
//! version and set who may read it.
//!
//! Adding needs `EditLibrary` on the owning country (`mp_workspace::authorize`); every form is a
//! POST with the session's CSRF token; the file's type is told from its content
//! (`mp_workspace::library::sniff`) and its size is limited before anything is stored; the
//! store writes the audit row in the same transaction.

use super::{Viewer, WsError, page, see_other};
use crate::pages::library::{DocView, choices, may_read, view};
use crate::pages::{Chrome, Section, m, ma, tr};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Multipart, Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use mp_domain::Iso3;
use mp_store::{LibraryFile, NewLibraryDocument};
use mp_workspace::library::{DocKind, LibraryError, MAX_LIBRARY_BYTES, Visibility, sniff};
use mp_workspace::{Action, Target};
use serde::Deserialize;

/// The body limit of the library's upload routes: the largest file and room for the fields.
pub(crate) const BODY_LIMIT: usize = MAX_LIBRARY_BYTES + 256 * 1024;

struct Item {
    doc: DocView,
    editable: bool,
    public: bool,
    version_action: String,
    visibility_action: String,
}

#[derive(Template)]
#[template(path = "ws_library.html")]
struct LibraryT {
    chrome: Chrome,
    heading: String,
    intro: String,
    public_page: String,
    public_label: String,
    problem: String,
    csrf: String,
    can_add: bool,
    add_heading: String,
    add_action: String,
    countries: Vec<(String, String)>,
    country_label: String,
    regional_label: String,
    kind_label: String,
    kinds: Vec<(String, String, bool)>,
    visibility_label: String,
    public_choice: String,
    members_choice: String,
    title_label: String,
    authors_label: String,
    languages_label: String,
    langs: Vec<(String, String, bool)>,
    themes_heading: String,
    themes: Vec<(String, String, bool)>,
    indicators_label: String,
    indicators_hint: String,
    file_label: String,
    file_hint: String,
    note_label: String,
    add_submit: String,
    version_submit: String,
    make_public: String,
    make_members: String,
    items: Vec<Item>,
    none: String,
    authors_list_label: String,
    themes_label: String,
    indicators_list_label: String,
    older_label: String,
    members_label: String,
}

/// The countries where the viewer may add documents, by name.
fn editable_countries(st: &AppState, v: &Viewer) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = st
        .areas()
        .profile_countries()
        .iter()
        .filter_map(|a| match &a.code {
            mp_domain::AreaCode::Country(c) if v.principal.may(Action::EditLibrary, &Target::country(c)) => {
                Some((c.to_string(), tr(&a.name, v.lang)))
            }
            _ => None,
        })
        .collect();
    out.sort_by_cached_key(|a| mp_text::fold(&a.1));
    out
}

async fn view_page(st: &AppState, v: &Viewer, uri: &Uri, status: StatusCode, problem: Option<String>) -> Result<Response, WsError> {
    let lang = v.lang;
    let l = lang.code();
    let docs = st.store().library_documents().await?;
    let items = docs
        .iter()
        .filter(|d| may_read(Some(&v.principal), d))
        .map(|d| Item {
            doc: view(st, d, lang),
            editable: v.principal.may(Action::EditLibrary, &Target::country(&d.country)),
            public: d.visibility == Visibility::Public,
            version_action: format!("/{l}/ws/library/{}/version", d.id),
            visibility_action: format!("/{l}/ws/library/{}/visibility", d.id),
        })
        .collect();
    let countries = editable_countries(st, v);
    let c = choices(st, lang, &Default::default());
    let heading = m(lang, "library-ws-heading");
    let t = LibraryT {
        chrome: Chrome::new(lang, uri, &heading, Section::Other),
        heading,
        intro: m(lang, "library-ws-intro"),
        public_page: format!("/{l}/library"),
        public_label: m(lang, "library-ws-public-page"),
        problem: problem.unwrap_or_default(),
        csrf: v.csrf.clone(),
        can_add: !countries.is_empty(),
        add_heading: m(lang, "library-ws-add"),
        add_action: format!("/{l}/ws/library"),
        countries,
        country_label: m(lang, "library-ws-country"),
        regional_label: m(lang, "library-ws-regional"),
        kind_label: m(lang, "library-kind"),
        kinds: c.kinds,
        visibility_label: m(lang, "library-ws-visibility"),
        public_choice: m(lang, "library-ws-public"),
        members_choice: m(lang, "library-members-only"),
        title_label: m(lang, "library-ws-title"),
        authors_label: m(lang, "library-authors"),
        languages_label: m(lang, "library-language"),
        langs: c.langs,
        themes_heading: m(lang, "library-themes"),
        themes: c.themes,
        indicators_label: m(lang, "library-indicators"),
        indicators_hint: m(lang, "library-ws-indicators-hint"),
        file_label: m(lang, "library-ws-file"),
        file_hint: ma(lang, "library-ws-file-hint", &[("size", &(MAX_LIBRARY_BYTES / (1024 * 1024)).to_string())]),
        note_label: m(lang, "library-ws-note"),
        add_submit: m(lang, "library-ws-add-submit"),
        version_submit: m(lang, "library-ws-version-submit"),
        make_public: m(lang, "library-ws-make-public"),
        make_members: m(lang, "library-ws-make-members"),
        items,
        none: m(lang, "library-none"),
        authors_list_label: m(lang, "library-authors"),
        themes_label: m(lang, "library-themes"),
        indicators_list_label: m(lang, "library-indicators"),
        older_label: m(lang, "library-older"),
        members_label: m(lang, "library-members-only"),
    };
    Ok(page(status, t.render().map_err(|e| WsError::Internal(e.to_string()))?))
}

/// `GET /{lang}/ws/library`
pub(crate) async fn page_handler(State(st): State<AppState>, v: Viewer, uri: Uri) -> Response {
    view_page(&st, &v, &uri, StatusCode::OK, None).await.unwrap_or_else(|e| e.page(v.lang, &uri))
}

/// The fields of a multipart form: text fields (repeated ones kept in order) and the file.
#[derive(Default)]
struct Fields {
    text: Vec<(String, String)>,
    file: Option<Vec<u8>>,
}

impl Fields {
    async fn read(mut mp: Multipart) -> Result<Fields, WsError> {
        let mut f = Fields::default();
        while let Some(field) = mp.next_field().await.map_err(|e| WsError::Bad(e.status(), e.body_text()))? {
            let name = field.name().unwrap_or_default().to_string();
            let data = field.bytes().await.map_err(|e| WsError::Bad(e.status(), e.body_text()))?;
            if name == "file" {
                f.file = Some(data.to_vec());
            } else if f.text.len() < 200 {
                f.text.push((name, String::from_utf8_lossy(&data).chars().take(2000).collect()));
            }
        }
        Ok(f)
    }
    fn one(&self, name: &str) -> &str {
        self.text.iter().find(|(n, _)| n == name).map(|(_, v)| v.trim()).unwrap_or_default()
    }
    fn all(&self, name: &str) -> Vec<String> {
        self.text.iter().filter(|(n, v)| n == name && !v.trim().is_empty()).map(|(_, v)| v.trim().to_string()).collect()
    }
}

/// A refused form: the problem shown above the page again.
enum Refused {
    Field(String),
}

fn refused_file(lang: mp_domain::Lang, e: &LibraryError) -> Refused {
    Refused::Field(ma(lang, "library-ws-refused-file", &[("why", &e.to_string())]))
}

/// The file of a form, checked: present, within the limit, of an accepted type.
fn checked_file(lang: mp_domain::Lang, f: &Fields) -> Result<(Vec<u8>, mp_workspace::library::FileType), Refused> {
    let bytes = f.file.clone().filter(|b| !b.is_empty()).ok_or_else(|| Refused::Field(m(lang, "ws-no-file")))?;
    let t = sniff(&bytes).map_err(|e| refused_file(lang, &e))?;
    Ok((bytes, t))
}

/// A document's metadata, parsed against the framework.
struct Meta {
    country: Iso3,
    regional: bool,
    kind: DocKind,
    visibility: Visibility,
    title: String,
    authors: String,
    languages: Vec<String>,
    themes: Vec<String>,
    indicators: Vec<String>,
}

fn parse_meta(st: &AppState, lang: mp_domain::Lang, f: &Fields) -> Result<Meta, Refused> {
    let field = |id: &str| Refused::Field(m(lang, id));
    let country = Iso3::parse(&f.one("country").to_ascii_uppercase()).map_err(|_| field("library-ws-bad-country"))?;
    let kind: DocKind = f.one("kind").parse().map_err(|e: LibraryError| Refused::Field(e.to_string()))?;
    let visibility: Visibility = f.one("visibility").parse().map_err(|e: LibraryError| Refused::Field(e.to_string()))?;
    let title: String = f.one("title").chars().filter(|c| !c.is_control()).take(300).collect();
    if title.trim().is_empty() {
        return Err(field("library-ws-no-title"));
    }
    let authors: String = f.one("authors").chars().filter(|c| !c.is_control()).take(500).collect();
    let mut languages = f.all("language");
    languages.retain(|l| l.parse::<mp_domain::Lang>().is_ok());
    languages.dedup();
    if languages.is_empty() {
        return Err(field("library-ws-no-language"));
    }
    let fw = st.framework();
    let mut themes = Vec::new();
    for t in f.all("theme") {
        if !fw.themes.iter().any(|x| x.code.as_str() == t) {
            return Err(Refused::Field(ma(lang, "library-ws-bad-code", &[("code", &t)])));
        }
        if !themes.contains(&t) {
            themes.push(t);
        }
    }
    let mut indicators = Vec::new();
    for c in f.one("indicators").split([',', ' ', ';', '\n']).map(str::trim).filter(|c| !c.is_empty()) {
        let Some(i) = fw.find(&c.to_ascii_uppercase()) else {
            return Err(Refused::Field(ma(lang, "library-ws-bad-code", &[("code", c)])));
        };
        let code = i.code.to_string();
        if !indicators.contains(&code) {
            indicators.push(code);
        }
    }
    Ok(Meta {
        country,
        regional: f.one("regional") == "1",
        kind,
        visibility,
        title: title.trim().to_string(),
        authors: authors.trim().to_string(),
        languages,
        themes,
        indicators,
    })
}

/// `POST /{lang}/ws/library` (multipart): a new document with its first file.
pub(crate) async fn add(State(st): State<AppState>, v: Viewer, uri: Uri, mp: Multipart) -> Response {
    let run = async {
        let f = Fields::read(mp).await?;
        v.check_csrf(f.one("csrf"))?;
        let meta = match parse_meta(&st, v.lang, &f) {
            Ok(x) => x,
            Err(Refused::Field(why)) => return view_page(&st, &v, &uri, StatusCode::UNPROCESSABLE_ENTITY, Some(why)).await,
        };
        if !v.principal.may(Action::EditLibrary, &Target::country(&meta.country)) {
            return Err(WsError::Forbidden(m(v.lang, "library-ws-forbidden")));
        }
        let (bytes, t) = match checked_file(v.lang, &f) {
            Ok(x) => x,
            Err(Refused::Field(why)) => return view_page(&st, &v, &uri, StatusCode::UNPROCESSABLE_ENTITY, Some(why)).await,
        };
        let new = NewLibraryDocument {
            country: &meta.country,
            regional: meta.regional,
            kind: meta.kind,
            visibility: meta.visibility,
            title: &meta.title,
            authors: &meta.authors,
            languages: &meta.languages,
            themes: &meta.themes,
            indicators: &meta.indicators,
        };
        let id = st.store().library_add(&new, LibraryFile { bytes: &bytes, file_type: t, note: f.one("note") }, &v.actor()).await?;
        Ok(see_other(&format!("/{}/ws/library#doc-{id}", v.lang.code())))
    };
    run.await.unwrap_or_else(|e: WsError| e.page(v.lang, &uri))
}

/// The document `id` if the viewer may change it: 404 when they may not even read it, 403 when
/// they may read but not change it.
async fn editable(st: &AppState, v: &Viewer, id: &str) -> Result<i64, WsError> {
    let id: i64 = id.parse().map_err(|_| WsError::NotFound)?;
    let d = st.store().library_document(id).await?.ok_or(WsError::NotFound)?;
    if !may_read(Some(&v.principal), &d) {
        return Err(WsError::NotFound);
    }
    if !v.principal.may(Action::EditLibrary, &Target::country(&d.country)) {
        return Err(WsError::Forbidden(m(v.lang, "library-ws-forbidden")));
    }
    Ok(id)
}

/// `POST /{lang}/ws/library/{id}/version` (multipart: csrf, note, file).
pub(crate) async fn add_version(
    State(st): State<AppState>,
    v: Viewer,
    uri: Uri,
    Path((_, id)): Path<(String, String)>,
    mp: Multipart,
) -> Response {
    let run = async {
        let f = Fields::read(mp).await?;
        v.check_csrf(f.one("csrf"))?;
        let id = editable(&st, &v, &id).await?;
        let (bytes, t) = match checked_file(v.lang, &f) {
            Ok(x) => x,
            Err(Refused::Field(why)) => return view_page(&st, &v, &uri, StatusCode::UNPROCESSABLE_ENTITY, Some(why)).await,
        };
        st.store().library_add_version(id, LibraryFile { bytes: &bytes, file_type: t, note: f.one("note") }, &v.actor()).await?;
        Ok(see_other(&format!("/{}/ws/library#doc-{id}", v.lang.code())))
    };
    run.await.unwrap_or_else(|e: WsError| e.page(v.lang, &uri))
}

/// The visibility form.
#[derive(Deserialize)]
pub(crate) struct VisibilityForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    visibility: String,
}

/// `POST /{lang}/ws/library/{id}/visibility` (csrf, visibility).
pub(crate) async fn set_visibility(
    State(st): State<AppState>,
    v: Viewer,
    uri: Uri,
    Path((_, id)): Path<(String, String)>,
    Form(form): Form<VisibilityForm>,
) -> Response {
    let run = async {
        v.check_csrf(&form.csrf)?;
        let id = editable(&st, &v, &id).await?;
        let to: Visibility = form.visibility.parse().map_err(|e: LibraryError| WsError::Bad(StatusCode::BAD_REQUEST, e.to_string()))?;
        st.store().library_set_visibility(id, to, &v.actor()).await?;
        Ok(see_other(&format!("/{}/ws/library#doc-{id}", v.lang.code())))
    };
    run.await.unwrap_or_else(|e: WsError| e.page(v.lang, &uri))
}
