//! The document library on the portal: technical papers, training material, methodological
//! notes and national reports the TWGs published, with filters by country or region, theme,
//! indicator, kind and language, and their files.
//!
//! The page lists public documents only; members add documents and read members-only ones in the
//! workspace (`workspace/library.rs`). A file is served from its version's address with the media
//! type told from its content when it was uploaded, as an attachment, under a name made from the
//! title; a members-only file answers 404 to anyone but a member of its country's TWG, so its
//! existence does not leak. The page is read from the store at each request (documents change
//! without an import), and is never stored by a shared cache.

use super::workspace::{SESSION_COOKIE, cookie};
use super::{Chrome, PageLang, Section, esc, m, ma, qv, render, tr};
use crate::http::{self, HttpError};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use mp_domain::Lang;
use mp_store::LibraryDocument;
use mp_workspace::library::{DocKind, Visibility, download_name};
use mp_workspace::{Action, Principal, Target, hash_token};
use serde::Deserialize;

/// The filters of the library page (all optional).
#[derive(Debug, Default, Deserialize)]
pub(crate) struct Filters {
    /// A profile country's ISO3 code, or `regional`.
    #[serde(default)]
    pub area: String,
    /// A theme code.
    #[serde(default)]
    pub theme: String,
    /// An indicator code.
    #[serde(default)]
    pub indicator: String,
    /// A kind code.
    #[serde(default)]
    pub kind: String,
    /// A language code.
    #[serde(default)]
    pub lang: String,
}

impl Filters {
    fn keeps(&self, d: &LibraryDocument) -> bool {
        let area = match self.area.trim() {
            "" => true,
            "regional" => d.regional,
            c => !d.regional && d.country.as_str().eq_ignore_ascii_case(c),
        };
        let has = |list: &[String], want: &str| want.trim().is_empty() || list.iter().any(|x| x.eq_ignore_ascii_case(want.trim()));
        area && has(&d.themes, &self.theme)
            && has(&d.indicators, &self.indicator)
            && has(&d.languages, &self.lang)
            && (self.kind.trim().is_empty() || d.kind.code() == self.kind.trim())
    }
}

/// A link with its text.
pub(crate) struct Link {
    pub href: String,
    pub text: String,
}

/// One document as listed (on the portal and in the workspace).
pub(crate) struct DocView {
    pub id: i64,
    pub title: String,
    pub authors: String,
    pub meta: String,
    pub members_only: bool,
    pub themes: Vec<Link>,
    pub indicators: Vec<Link>,
    pub latest: Link,
    pub older: Vec<Link>,
}

/// The name of a kind in `lang`.
pub(crate) fn kind_name(k: DocKind, lang: Lang) -> String {
    m(lang, &format!("library-kind-{}", k.code().replace('_', "-")))
}

/// The name of a language code in `lang` (its own name for the three of the portal).
fn lang_name(code: &str) -> String {
    code.parse::<Lang>().map(|l| l.endonym().to_string()).unwrap_or_else(|_| code.to_string())
}

/// The view of `d` in `lang`.
pub(crate) fn view(st: &AppState, d: &LibraryDocument, lang: Lang) -> DocView {
    let l = lang.code();
    let area = if d.regional {
        m(lang, "library-regional")
    } else {
        st.areas().get(&mp_domain::AreaCode::Country(d.country.clone())).map(|a| tr(&a.name, lang)).unwrap_or_else(|| d.country.to_string())
    };
    let langs: Vec<String> = d.languages.iter().map(|c| lang_name(c)).collect();
    let meta = [kind_name(d.kind, lang), area, langs.join(", ")].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ");
    let fw = st.framework();
    let themes = d
        .themes
        .iter()
        .map(|t| Link {
            href: format!("/{l}/theme/{}", qv(t)),
            text: fw.themes.iter().find(|x| x.code.as_str() == t).map(|x| tr(&x.name, lang)).unwrap_or_else(|| t.clone()),
        })
        .collect();
    let indicators = d
        .indicators
        .iter()
        .map(|c| Link {
            href: format!("/{l}/indicator/{}", qv(c)),
            text: fw.find(c).map(|i| tr(&i.name, lang)).unwrap_or_else(|| c.clone()),
        })
        .collect();
    let file = |v: &mp_store::LibraryVersion| Link {
        href: format!("/{l}/library/file/{}", v.id),
        text: ma(
            lang,
            "library-file",
            &[
                ("version", &v.number.to_string()),
                ("type", &v.file_type.code().to_ascii_uppercase()),
                ("size", &super::sources::size(u64::try_from(v.size).unwrap_or(0), lang)),
                ("date", v.created_at.get(..10).unwrap_or_default()),
            ],
        ) + &if v.note.is_empty() { String::new() } else { format!(" — {}", v.note) },
    };
    let mut versions: Vec<Link> = d.versions.iter().rev().map(file).collect();
    let latest = if versions.is_empty() { Link { href: String::new(), text: String::new() } } else { versions.remove(0) };
    DocView {
        id: d.id,
        title: d.title.clone(),
        authors: d.authors.clone(),
        meta,
        members_only: d.visibility == Visibility::Members,
        themes,
        indicators,
        latest,
        older: versions,
    }
}

#[derive(Template)]
#[template(path = "library.html")]
struct LibraryT {
    chrome: Chrome,
    heading: String,
    intro: String,
    filter_label: String,
    area_label: String,
    areas: Vec<(String, String, bool)>,
    theme_label: String,
    themes: Vec<(String, String, bool)>,
    kind_label: String,
    kinds: Vec<(String, String, bool)>,
    lang_label: String,
    langs: Vec<(String, String, bool)>,
    indicator_label: String,
    indicator: String,
    all: String,
    show: String,
    action: String,
    docs: Vec<DocView>,
    none: String,
    authors_label: String,
    themes_label: String,
    indicators_label: String,
    older_label: String,
    members_label: String,
}

/// The choices of the filter form, with the selected one marked.
pub(crate) struct Choices {
    pub areas: Vec<(String, String, bool)>,
    pub themes: Vec<(String, String, bool)>,
    pub kinds: Vec<(String, String, bool)>,
    pub langs: Vec<(String, String, bool)>,
}

/// The filter form's choices in `lang`, `f` selected.
pub(crate) fn choices(st: &AppState, lang: Lang, f: &Filters) -> Choices {
    let mut areas: Vec<(String, String, bool)> = st
        .areas()
        .profile_countries()
        .iter()
        .map(|a| (a.code.to_string(), tr(&a.name, lang), f.area.eq_ignore_ascii_case(&a.code.to_string())))
        .collect();
    areas.sort_by_cached_key(|a| mp_text::fold(&a.1));
    areas.push(("regional".into(), m(lang, "library-regional"), f.area == "regional"));
    let themes = st.framework().themes.iter().map(|t| (t.code.to_string(), tr(&t.name, lang), f.theme == t.code.as_str())).collect();
    let kinds = DocKind::ALL.iter().map(|k| (k.code().to_string(), kind_name(*k, lang), f.kind == k.code())).collect();
    let langs = Lang::ALL.iter().map(|x| (x.code().to_string(), x.endonym().to_string(), f.lang == x.code())).collect();
    Choices { areas, themes, kinds, langs }
}

/// `GET /{lang}/library?area=&theme=&indicator=&kind=&lang=`
pub(crate) async fn page(
    State(st): State<AppState>,
    PageLang(lang): PageLang,
    uri: Uri,
    q: Result<Query<Filters>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let run = async {
        let f = super::query(q)?;
        let docs = st.store().library_documents().await?;
        let shown: Vec<DocView> =
            docs.iter().filter(|d| d.visibility == Visibility::Public && f.keeps(d)).map(|d| view(&st, d, lang)).collect();
        let c = choices(&st, lang, &f);
        let heading = m(lang, "library-heading");
        render(&LibraryT {
            chrome: Chrome::new(lang, &uri, &heading, Section::Other),
            heading,
            intro: m(lang, "library-intro"),
            filter_label: m(lang, "library-filter"),
            area_label: m(lang, "library-area"),
            areas: c.areas,
            theme_label: m(lang, "library-theme"),
            themes: c.themes,
            kind_label: m(lang, "library-kind"),
            kinds: c.kinds,
            lang_label: m(lang, "library-language"),
            langs: c.langs,
            indicator_label: m(lang, "library-indicator"),
            indicator: f.indicator.chars().take(40).collect(),
            all: m(lang, "library-all"),
            show: m(lang, "library-show"),
            action: format!("/{}/library", lang.code()),
            docs: shown,
            none: m(lang, "library-none"),
            authors_label: m(lang, "library-authors"),
            themes_label: m(lang, "library-themes"),
            indicators_label: m(lang, "library-indicators"),
            older_label: m(lang, "library-older"),
            members_label: m(lang, "library-members-only"),
        })
    };
    match run.await {
        Ok(html) => {
            let mut res = (StatusCode::OK, html).into_response();
            res.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static(http::HTML));
            res.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static(http::CACHE_NONE));
            res
        }
        Err(e) => super::error_page(lang, &e, &uri),
    }
}

/// The signed-in member of a request, if any (the public library pages need no sign-in).
async fn principal(st: &AppState, headers: &HeaderMap) -> Result<Option<Principal>, HttpError> {
    let Some(sid) = cookie(headers, SESSION_COOKIE) else { return Ok(None) };
    Ok(st.store().session(&hash_token(sid)).await?.map(|s| s.principal))
}

/// Whether `p` may read `d`: everyone a public document, members of its country's TWG a
/// members-only one.
pub(crate) fn may_read(p: Option<&Principal>, d: &LibraryDocument) -> bool {
    d.visibility == Visibility::Public || p.is_some_and(|p| p.may(Action::ViewUnpublished, &Target::country(&d.country)))
}

/// `GET /{lang}/library/file/{version}`: the file of one version, as an attachment.
pub(crate) async fn file(
    State(st): State<AppState>,
    PageLang(lang): PageLang,
    Path((_, id)): Path<(String, String)>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let run = async {
        let not_found = || HttpError::not_found(m(lang, "library-no-file"));
        let id: i64 = id.parse().map_err(|_| not_found())?;
        let (d, v, bytes) = st.store().library_file(id).await?.ok_or_else(not_found)?;
        if d.visibility != Visibility::Public {
            let p = principal(&st, &headers).await?;
            if !may_read(p.as_ref(), &d) {
                return Err(not_found());
            }
        }
        let name = download_name(&d.title, v.number, v.file_type);
        let mut res = (StatusCode::OK, bytes).into_response();
        let h = res.headers_mut();
        h.insert(CONTENT_TYPE, HeaderValue::from_static(v.file_type.media_type()));
        // The name is ASCII letters, digits, `-` and `.` only (download_name), so it needs no quoting rules.
        if let Ok(cd) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
            h.insert(CONTENT_DISPOSITION, cd);
        }
        h.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
        let cache = if d.visibility == Visibility::Public { "public, max-age=3600" } else { "private, no-store" };
        h.insert(CACHE_CONTROL, HeaderValue::from_static(cache));
        Ok(res)
    };
    run.await.unwrap_or_else(|e: HttpError| super::error_page(lang, &e, &uri))
}

/// The link to the library's documents on an indicator or a theme, for its portal page.
pub(crate) fn link_html(lang: Lang, param: &str, code: &str) -> String {
    format!("<p class=\"meta\"><a href=\"/{}/library?{param}={}\">{}</a></p>", lang.code(), esc(&qv(code)), esc(&m(lang, "library-link")))
}
