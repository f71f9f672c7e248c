//! Part D in the workspace: the TWG records its key findings and recommendations, writes each
//! one's text per language through the narrative editor (revised, reviewed and published like a
//! section's text, under the narrative key `finding:<id>`), and links each to the figures
//! (indicator × area × period × source) and sections it rests on.
//!
//! Seeing the page needs the country's `ViewUnpublished` (another country is a 404); every
//! write needs `EditNarrative` and a CSRF token, and appends its audit row in its transaction.

use super::{Viewer, WsError, page, see_other};
use crate::pages::{Chrome, Section, m, ma, tr};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use mp_domain::{AreaCode, IndicatorCode, Iso3, Lang, Period};
use mp_profile::FindingKind;
use mp_profile::template::SectionSpec;
use mp_store::{EvidenceTarget, StoredFinding};
use mp_workspace::{Action, Target};
use serde::Deserialize;

fn country(v: &Viewer, iso: &str) -> Result<(Iso3, AreaCode), WsError> {
    let c = Iso3::parse(&iso.to_ascii_uppercase()).map_err(|_| WsError::NotFound)?;
    if !v.principal.may(Action::ViewUnpublished, &Target::country(&c)) {
        return Err(WsError::NotFound);
    }
    let a = AreaCode::parse(c.as_str()).map_err(|_| WsError::NotFound)?;
    Ok((c, a))
}

fn writer(v: &Viewer, c: &Iso3) -> Result<(), WsError> {
    if v.principal.may(Action::EditNarrative, &Target::country(c)) {
        Ok(())
    } else {
        Err(WsError::Forbidden(m(v.lang, "narrative-not-writer")))
    }
}

fn base(lang: Lang, iso: &str) -> String {
    format!("/{}/ws/findings/{}", lang.code(), iso)
}

/// Every numbered section of the country template, `(id, "B.3 Title")`, in document order.
fn sections(st: &AppState, lang: Lang) -> Vec<(String, String)> {
    fn walk(s: &[SectionSpec], lang: Lang, out: &mut Vec<(String, String)>) {
        for x in s {
            let title = tr(&x.title, lang);
            out.push((x.id.clone(), if x.number.is_empty() { title } else { format!("{} {title}", x.number) }));
            walk(&x.section, lang, out);
        }
    }
    let mut out = Vec::new();
    walk(&st.profile_template().section, lang, &mut out);
    out
}

/// How the workspace names an item: "Recommendation 2" (its rank among the country's items).
pub(crate) fn item_label(lang: Lang, list: &[StoredFinding], id: i64) -> Option<String> {
    let (i, f) = list.iter().enumerate().find(|(_, f)| f.id == id)?;
    let kind = FindingKind::parse(&f.kind).map(|k| mp_render::findings::kind_label(k, lang)).unwrap_or_else(|| f.kind.clone());
    Some(ma(lang, "findings-ws-item", &[("kind", &kind), ("number", &(i + 1).to_string())]))
}

struct TextLink {
    href: String,
    label: String,
    status: String,
}

struct EvidenceView {
    label: String,
    remove: String,
}

struct ItemView {
    heading: String,
    texts: Vec<TextLink>,
    evidence: Vec<EvidenceView>,
    figure_action: String,
    section_action: String,
    remove_action: String,
}

#[derive(Template)]
#[template(path = "ws_findings.html")]
struct PageT {
    chrome: Chrome,
    heading: String,
    intro: String,
    csrf: String,
    may_edit: bool,
    items: Vec<ItemView>,
    none: String,
    add_action: String,
    kind_label: String,
    kinds: Vec<(String, String)>,
    add: String,
    text_label: String,
    evidence_label: String,
    no_evidence: String,
    link_figure: String,
    indicator_label: String,
    area_label: String,
    area_default: String,
    period_label: String,
    source_label: String,
    link_section: String,
    section_label: String,
    sections: Vec<(String, String)>,
    unlink: String,
    remove: String,
    public_href: String,
    public_label: String,
}

/// `GET /{lang}/ws/findings/{iso3}`: the country's findings and recommendations, the state of
/// each one's text per language, its evidence, and the forms to record and link.
pub(crate) async fn list(State(st): State<AppState>, v: Viewer, uri: Uri, Path((_, iso)): Path<(String, String)>) -> Response {
    let run = async {
        let lang = v.lang;
        let (c, area) = country(&v, &iso)?;
        let found = st.store().findings(&area).await?;
        let published = st.store().narrative(&area, None).await?;
        let names = sections(&st, lang);
        let mut items = Vec::new();
        for f in &found {
            let key = mp_profile::findings::text_key(&f.id.to_string());
            let texts = Lang::ALL
                .iter()
                .map(|tl| {
                    let has = published.get(&key).and_then(|t| t.get(tl)).is_some_and(|b| !b.trim().is_empty());
                    TextLink {
                        href: format!("/{}/ws/narrative/{}/{}/{}", lang.code(), c.as_str(), key, tl.code()),
                        label: ma(lang, "findings-ws-write", &[("lang", tl.endonym())]),
                        status: m(lang, if has { "findings-ws-published" } else { "findings-ws-not-published" }),
                    }
                })
                .collect();
            let evidence = f
                .evidence
                .iter()
                .map(|e| EvidenceView {
                    label: match &e.target {
                        EvidenceTarget::Figure { indicator, area, period, source } => {
                            let name = st.framework().indicator(indicator).map(|i| tr(&i.name, lang)).unwrap_or_default();
                            format!("{indicator} {name} · {area} · {period} · {source}")
                        }
                        EvidenceTarget::Section(s) => {
                            names.iter().find(|(id, _)| id == s).map(|(_, n)| n.clone()).unwrap_or_else(|| s.clone())
                        }
                    },
                    remove: format!("{}/{}/evidence/{}/remove", base(lang, c.as_str()), f.id, e.id),
                })
                .collect();
            items.push(ItemView {
                heading: item_label(lang, &found, f.id).unwrap_or_default(),
                texts,
                evidence,
                figure_action: format!("{}/{}/evidence", base(lang, c.as_str()), f.id),
                section_action: format!("{}/{}/evidence", base(lang, c.as_str()), f.id),
                remove_action: format!("{}/{}/remove", base(lang, c.as_str()), f.id),
            });
        }
        let name = st.areas().find(c.as_str()).map(|a| tr(&a.name, lang)).unwrap_or_else(|| c.to_string());
        let heading = ma(lang, "findings-ws-title", &[("country", &name)]);
        let t = PageT {
            chrome: Chrome::new(lang, &uri, &heading, Section::Other),
            heading,
            intro: m(lang, "findings-ws-intro"),
            csrf: v.csrf.clone(),
            may_edit: v.principal.may(Action::EditNarrative, &Target::country(&c)),
            items,
            none: m(lang, "findings-ws-none"),
            add_action: base(lang, c.as_str()),
            kind_label: m(lang, "findings-ws-kind"),
            kinds: [FindingKind::Finding, FindingKind::Recommendation]
                .into_iter()
                .map(|k| (k.code().to_string(), mp_render::findings::kind_label(k, lang)))
                .collect(),
            add: m(lang, "findings-ws-add"),
            text_label: m(lang, "findings-ws-text"),
            evidence_label: m(lang, "findings-ws-evidence"),
            no_evidence: m(lang, "findings-ws-no-evidence"),
            link_figure: m(lang, "findings-ws-link-figure"),
            indicator_label: m(lang, "findings-ws-indicator"),
            area_label: m(lang, "findings-ws-area"),
            area_default: c.to_string(),
            period_label: m(lang, "findings-ws-period"),
            source_label: m(lang, "findings-ws-source"),
            link_section: m(lang, "findings-ws-link-section"),
            section_label: m(lang, "findings-ws-section"),
            sections: names,
            unlink: m(lang, "findings-ws-unlink"),
            remove: m(lang, "findings-ws-remove"),
            public_href: format!("/{}/country/{}", lang.code(), c.as_str()),
            public_label: m(lang, "narrative-public-page"),
        };
        Ok::<_, WsError>(page(StatusCode::OK, t.render().map_err(|e| WsError::Internal(e.to_string()))?))
    };
    run.await.unwrap_or_else(|e| e.page(v.lang, &uri))
}

/// The form recording a new item.
#[derive(Deserialize)]
pub(crate) struct AddForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    kind: String,
}

/// `POST /{lang}/ws/findings/{iso3}`: records a finding or a recommendation.
pub(crate) async fn add(
    State(st): State<AppState>,
    v: Viewer,
    uri: Uri,
    Path((_, iso)): Path<(String, String)>,
    Form(f): Form<AddForm>,
) -> Response {
    let run = async {
        v.check_csrf(&f.csrf)?;
        let (c, area) = country(&v, &iso)?;
        writer(&v, &c)?;
        let kind = FindingKind::parse(&f.kind).ok_or_else(|| {
            WsError::Bad(StatusCode::BAD_REQUEST, format!("`{}` is not a kind: expected finding or recommendation", f.kind))
        })?;
        st.store().finding_add(&area, kind.code(), &v.actor()).await?;
        Ok(see_other(&base(v.lang, c.as_str())))
    };
    run.await.unwrap_or_else(|e: WsError| e.page(v.lang, &uri))
}

/// The form linking evidence: a figure (indicator, area, period, source) or a section.
#[derive(Deserialize)]
pub(crate) struct EvidenceForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    indicator: String,
    #[serde(default)]
    area: String,
    #[serde(default)]
    period: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    section: String,
}

/// The evidence a form names, parsed and checked against the framework, the area registry and
/// the template; a problem is told in the viewer's language.
fn parse_evidence(st: &AppState, lang: Lang, f: &EvidenceForm) -> Result<EvidenceTarget, WsError> {
    let bad = |s: String| WsError::Bad(StatusCode::BAD_REQUEST, s);
    if !f.section.trim().is_empty() {
        let id = f.section.trim();
        if !sections(st, lang).iter().any(|(s, _)| s == id) {
            return Err(bad(ma(lang, "findings-ws-bad-section", &[("id", id)])));
        }
        return Ok(EvidenceTarget::Section(id.to_string()));
    }
    let code = f.indicator.trim().to_ascii_uppercase();
    let indicator = IndicatorCode::parse(&code)
        .ok()
        .filter(|i| st.framework().indicator(i).is_some())
        .ok_or_else(|| bad(ma(lang, "findings-ws-bad-indicator", &[("code", &code)])))?;
    let a = f.area.trim().to_ascii_uppercase();
    let area = AreaCode::parse(&a)
        .ok()
        .filter(|x| st.areas().get(x).is_some())
        .ok_or_else(|| bad(ma(lang, "findings-ws-bad-area", &[("code", &a)])))?;
    let p = f.period.trim();
    let period = Period::parse(p).map_err(|_| bad(ma(lang, "findings-ws-bad-period", &[("value", p)])))?;
    let source = f.source.trim().to_ascii_lowercase();
    if source.is_empty() || source.len() > 80 || !source.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')) {
        return Err(bad(m(lang, "findings-ws-bad-source")));
    }
    Ok(EvidenceTarget::Figure { indicator, area, period, source })
}

/// `POST /{lang}/ws/findings/{iso3}/{id}/evidence`: links a figure or a section.
pub(crate) async fn link(
    State(st): State<AppState>,
    v: Viewer,
    uri: Uri,
    Path((_, iso, id)): Path<(String, String, i64)>,
    Form(f): Form<EvidenceForm>,
) -> Response {
    let run = async {
        v.check_csrf(&f.csrf)?;
        let (c, area) = country(&v, &iso)?;
        writer(&v, &c)?;
        let target = parse_evidence(&st, v.lang, &f)?;
        if !st.store().finding_evidence_add(&area, id, &target, &v.actor()).await? {
            return Err(WsError::NotFound);
        }
        Ok(see_other(&base(v.lang, c.as_str())))
    };
    run.await.unwrap_or_else(|e: WsError| e.page(v.lang, &uri))
}

/// A form with only its CSRF token.
#[derive(Deserialize)]
pub(crate) struct TokenForm {
    #[serde(default)]
    csrf: String,
}

/// `POST /{lang}/ws/findings/{iso3}/{id}/evidence/{evidence}/remove`: unlinks one piece.
pub(crate) async fn unlink(
    State(st): State<AppState>,
    v: Viewer,
    uri: Uri,
    Path((_, iso, id, evidence)): Path<(String, String, i64, i64)>,
    Form(f): Form<TokenForm>,
) -> Response {
    let run = async {
        v.check_csrf(&f.csrf)?;
        let (c, area) = country(&v, &iso)?;
        writer(&v, &c)?;
        if !st.store().finding_evidence_remove(&area, id, evidence, &v.actor()).await? {
            return Err(WsError::NotFound);
        }
        Ok(see_other(&base(v.lang, c.as_str())))
    };
    run.await.unwrap_or_else(|e: WsError| e.page(v.lang, &uri))
}

/// `POST /{lang}/ws/findings/{iso3}/{id}/remove`: removes an item and its links.
pub(crate) async fn remove(
    State(st): State<AppState>,
    v: Viewer,
    uri: Uri,
    Path((_, iso, id)): Path<(String, String, i64)>,
    Form(f): Form<TokenForm>,
) -> Response {
    let run = async {
        v.check_csrf(&f.csrf)?;
        let (c, area) = country(&v, &iso)?;
        writer(&v, &c)?;
        if !st.store().finding_remove(&area, id, &v.actor()).await? {
            return Err(WsError::NotFound);
        }
        Ok(see_other(&base(v.lang, c.as_str())))
    };
    run.await.unwrap_or_else(|e: WsError| e.page(v.lang, &uri))
}
