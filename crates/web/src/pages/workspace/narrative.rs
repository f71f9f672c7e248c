//! The narrative in the workspace: which sections lack text in which language, the editor of
//! one section in one language with its revisions, the diff between two revisions, and each
//! review step (`draft → submitted → approved → published`, decided by `mp-workspace`).
//!
//! Writing and submitting need `EditNarrative`, approving `ApproveNarrative` (never on one's own
//! revision), publishing `PublishNarrative`; seeing any of it needs the country's
//! `ViewUnpublished`, and a country outside the viewer's TWG is a 404. Published revisions are
//! copied into the narrative the documents read, in the same transaction as their audit row.

use super::{Viewer, WsError, page, see_other};
use crate::pages::{Chrome, Section, m, ma, tr};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use mp_domain::{AreaCode, Iso3, Lang};
use mp_profile::template::{BlockSpec, SectionSpec};
use mp_store::NarrativeRevision;
use mp_workspace::narrative::MAX_BODY_BYTES;
use mp_workspace::{Action, DiffLine, State as RevState, Step, Target, line_diff, narrative_next, narrative_step, writer_may};
use serde::Deserialize;

/// A section of the country template that takes narrative text.
pub(crate) struct TextSection {
    /// Template id, e.g. `A.1`.
    pub id: String,
    /// The number readers see (may be empty).
    pub number: String,
    /// Its title in the page's language.
    pub title: String,
}

/// Every section of the country template with a narrative block, in document order.
pub(crate) fn text_sections(st: &AppState, lang: Lang) -> Vec<TextSection> {
    fn walk(s: &[SectionSpec], lang: Lang, out: &mut Vec<TextSection>) {
        for x in s {
            if x.block.iter().any(|b| matches!(b, BlockSpec::Narrative)) {
                out.push(TextSection { id: x.id.clone(), number: x.number.clone(), title: tr(&x.title, lang) });
            }
            walk(&x.section, lang, out);
        }
    }
    let mut out = Vec::new();
    walk(&st.profile_template().section, lang, &mut out);
    out
}

/// The country of an address, if it is one the viewer may see unpublished work of; otherwise
/// a 404 (its TWG's existence does not leak).
fn country(v: &Viewer, iso: &str) -> Result<(Iso3, AreaCode), WsError> {
    let c = Iso3::parse(&iso.to_ascii_uppercase()).map_err(|_| WsError::NotFound)?;
    if !v.principal.may(Action::ViewUnpublished, &Target::country(&c)) {
        return Err(WsError::NotFound);
    }
    let a = AreaCode::parse(c.as_str()).map_err(|_| WsError::NotFound)?;
    Ok((c, a))
}

fn state_label(lang: Lang, s: RevState) -> String {
    m(lang, &format!("narrative-state-{}", s.code()))
}

fn base(lang: Lang, iso: &str) -> String {
    format!("/{}/ws/narrative/{}", lang.code(), iso)
}

struct Cell {
    href: String,
    status: String,
    missing: bool,
}

struct Row {
    number: String,
    title: String,
    cells: Vec<Cell>,
}

#[derive(Template)]
#[template(path = "ws_narrative.html")]
struct OverviewT {
    chrome: Chrome,
    heading: String,
    intro: String,
    missing_label: String,
    missing: Vec<String>,
    none_missing: String,
    col_section: String,
    langs: Vec<String>,
    rows: Vec<Row>,
    public_href: String,
    public_label: String,
}

/// `GET /{lang}/ws/narrative/{iso3}`: every text section × language: published, waiting at
/// some step, or missing; and the list of what is missing.
pub(crate) async fn overview(State(st): State<AppState>, v: Viewer, uri: Uri, Path((_, iso)): Path<(String, String)>) -> Response {
    let run = async {
        let lang = v.lang;
        let (c, area) = country(&v, &iso)?;
        let published = st.store().narrative(&area, None).await?;
        let revisions = st.store().narrative_revisions(&area).await?;
        let mut rows = Vec::new();
        let mut missing = Vec::new();
        for s in text_sections(&st, lang) {
            let mut cells = Vec::new();
            let mut lacking = Vec::new();
            for tl in Lang::ALL {
                let has = published.get(&s.id).and_then(|t| t.get(&tl)).is_some_and(|b| !b.trim().is_empty());
                let newest = revisions.iter().rev().find(|r| r.section == s.id && r.lang == tl && r.state != RevState::Published);
                let status = match (has, newest) {
                    (true, None) => state_label(lang, RevState::Published),
                    (true, Some(r)) => ma(lang, "narrative-published-and", &[("state", &state_label(lang, r.state))]),
                    (false, Some(r)) => state_label(lang, r.state),
                    (false, None) => m(lang, "narrative-missing"),
                };
                if !has {
                    lacking.push(tl.code().to_ascii_uppercase());
                }
                cells.push(Cell { href: format!("{}/{}/{}", base(lang, c.as_str()), s.id, tl.code()), status, missing: !has });
            }
            let label = if s.number.is_empty() { s.title.clone() } else { format!("{} {}", s.number, s.title) };
            if !lacking.is_empty() {
                missing.push(ma(lang, "narrative-lacks", &[("section", &label), ("langs", &lacking.join(", "))]));
            }
            rows.push(Row { number: s.number, title: s.title, cells });
        }
        let name = st.areas().find(c.as_str()).map(|a| tr(&a.name, lang)).unwrap_or_else(|| c.to_string());
        let heading = ma(lang, "narrative-title", &[("country", &name)]);
        let t = OverviewT {
            chrome: Chrome::new(lang, &uri, &heading, Section::Other),
            heading,
            intro: m(lang, "narrative-intro"),
            missing_label: m(lang, "narrative-missing-list"),
            missing,
            none_missing: m(lang, "narrative-none-missing"),
            col_section: m(lang, "narrative-col-section"),
            langs: Lang::ALL.iter().map(|l| l.endonym().to_string()).collect(),
            rows,
            public_href: format!("/{}/country/{}", lang.code(), c.as_str()),
            public_label: m(lang, "narrative-public-page"),
        };
        Ok::<_, WsError>(page(StatusCode::OK, t.render().map_err(|e| WsError::Internal(e.to_string()))?))
    };
    run.await.unwrap_or_else(|e| e.page(v.lang, &uri))
}

struct RevView {
    id: i64,
    state: String,
    author: String,
    at: String,
    reason: String,
    version: i64,
    steps: Vec<(String, bool)>,
    action: String,
    chars: usize,
}

/// A section, figure or table of the live document a text can point to, with the Markdown
/// that links to it (Part D's findings and recommendations cite their evidence this way).
struct Evidence {
    label: String,
    snippet: String,
}

/// What the live document of the country shows in `lang`, as link targets.
fn evidence(doc: &mp_profile::Document, lang: Lang) -> Vec<Evidence> {
    fn walk(s: &mp_profile::Section, lang: Lang, out: &mut Vec<Evidence>) {
        if !mp_render::localize::section_has_content(s, lang) {
            return;
        }
        let title = mp_render::text(&s.title, lang);
        let a = mp_render::html::anchor(&s.id);
        if !s.number.is_empty() {
            out.push(Evidence { label: format!("{} {title}", s.number), snippet: format!("[{}](#{a})", s.number) });
        }
        for b in &s.blocks {
            let (id, t) = match b {
                mp_profile::Block::Chart(c) => (&c.id, &c.title),
                mp_profile::Block::Table(t) => (&t.id, &t.title),
                _ => continue,
            };
            let t = mp_render::text(t, lang);
            out.push(Evidence { label: format!("{}: {t}", s.number), snippet: format!("[{t}](#{})", mp_render::html::anchor(id)) });
        }
        s.children.iter().for_each(|c| walk(c, lang, out));
    }
    let mut out = Vec::new();
    doc.sections.iter().for_each(|s| walk(s, lang, &mut out));
    out
}

struct DiffView {
    kind: &'static str,
    text: String,
}

#[derive(Template)]
#[template(path = "ws_narrative_edit.html")]
struct EditT {
    chrome: Chrome,
    heading: String,
    back_href: String,
    back_label: String,
    discuss_href: String,
    discuss_label: String,
    note: String,
    may_edit: bool,
    save_action: String,
    csrf: String,
    body_label: String,
    body: String,
    save: String,
    max_bytes: usize,
    published_label: String,
    published_html: String,
    none_published: String,
    revisions_label: String,
    revisions: Vec<RevView>,
    col_who: String,
    col_when: String,
    col_size: String,
    reason_label: String,
    back_reason_label: String,
    diff_label: String,
    diff_action: String,
    diff_from: String,
    diff_to: String,
    diff_show: String,
    ids: Vec<i64>,
    from: i64,
    to: i64,
    diff: Vec<DiffView>,
    diff_heading: String,
    evidence_label: String,
    evidence_note: String,
    evidence: Vec<Evidence>,
}

/// `?from=&to=`: the two revisions to compare.
#[derive(Deserialize, Default)]
pub(crate) struct DiffQuery {
    from: Option<i64>,
    to: Option<i64>,
}

/// A template section with text, or a Part D item of the country (`finding:<id>`).
async fn parse_section(st: &AppState, lang: Lang, area: &AreaCode, section: &str) -> Result<TextSection, WsError> {
    if let Some(key) = mp_profile::findings::key_of_text(section) {
        let id: i64 = key.parse().map_err(|_| WsError::NotFound)?;
        let list = st.store().findings(area).await?;
        let title = super::findings::item_label(lang, &list, id).ok_or(WsError::NotFound)?;
        return Ok(TextSection { id: section.to_string(), number: String::new(), title });
    }
    text_sections(st, lang).into_iter().find(|s| s.id == section).ok_or(WsError::NotFound)
}

fn parse_lang(s: &str) -> Result<Lang, WsError> {
    Lang::ALL.into_iter().find(|l| l.code() == s).ok_or(WsError::NotFound)
}

/// The steps `v` may take on `r` now: `(label, is_send_back)`.
fn steps_for(v: &Viewer, c: &Iso3, r: &NarrativeRevision) -> Vec<(String, bool)> {
    let Some((a, _)) = narrative_next(r.state) else { return Vec::new() };
    if !v.principal.may(a, &Target::country(c)) || (r.created_by == v.principal.user_id && !writer_may(a)) {
        return Vec::new();
    }
    let label = m(
        v.lang,
        match a {
            Action::EditNarrative => "narrative-do-submit",
            Action::ApproveNarrative => "narrative-do-approve",
            _ => "narrative-do-publish",
        },
    );
    let mut out = vec![(label, false)];
    if r.state != RevState::Draft {
        out.push((m(v.lang, "narrative-send-back"), true));
    }
    out
}

/// `GET /{lang}/ws/narrative/{iso3}/{section}/{text_lang}`: the editor, the published text as
/// readers will see it, the revisions with the steps the viewer may take, and a diff.
pub(crate) async fn edit_page(
    State(st): State<AppState>,
    v: Viewer,
    uri: Uri,
    Path((_, iso, section, tl)): Path<(String, String, String, String)>,
    axum::Extension(cache): axum::Extension<std::sync::Arc<crate::pages::cache::Cache>>,
    q: Result<Query<DiffQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let run = async {
        let lang = v.lang;
        let (c, area) = country(&v, &iso)?;
        let sec = parse_section(&st, lang, &area, &section).await?;
        let tl = parse_lang(&tl)?;
        let revs: Vec<NarrativeRevision> =
            st.store().narrative_revisions(&area).await?.into_iter().filter(|r| r.section == sec.id && r.lang == tl).collect();
        let published = st.store().narrative(&area, None).await?.get(&sec.id).and_then(|t| t.get(&tl)).cloned().unwrap_or_default();
        let newest = revs.last().map(|r| r.body.clone()).unwrap_or_else(|| published.clone());
        // A malformed comparison is shown as none, not as an error page.
        let q = q.map(|Query(q)| q).unwrap_or_default();
        let ids: Vec<i64> = revs.iter().map(|r| r.id).collect();
        let (from, to) = match (q.from, q.to) {
            (Some(a), Some(b)) => (a, b),
            _ if ids.len() >= 2 => (ids[ids.len() - 2], ids[ids.len() - 1]),
            _ => (0, 0),
        };
        let body_of = |id: i64| revs.iter().find(|r| r.id == id).map(|r| r.body.as_str());
        let diff = match (body_of(from), body_of(to)) {
            (Some(a), Some(b)) => line_diff(a, b)
                .into_iter()
                .map(|d| match d {
                    DiffLine::Same(t) => DiffView { kind: "same", text: t },
                    DiffLine::Removed(t) => DiffView { kind: "del", text: t },
                    DiffLine::Added(t) => DiffView { kind: "ins", text: t },
                })
                .collect(),
            _ => Vec::new(),
        };
        let here = format!("{}/{}/{}", base(lang, c.as_str()), sec.id, tl.code());
        let revisions = revs
            .iter()
            .rev()
            .map(|r| RevView {
                id: r.id,
                state: state_label(lang, r.state),
                author: r.author.clone(),
                at: r.updated_at.clone(),
                reason: if r.state == RevState::Draft { r.reason.clone() } else { String::new() },
                version: r.version,
                steps: steps_for(&v, &c, r),
                action: format!("/{}/ws/narrative-revision/{}/step", lang.code(), r.id),
                chars: r.body.chars().count(),
            })
            .collect();
        let label = if sec.number.is_empty() { sec.title.clone() } else { format!("{} {}", sec.number, sec.title) };
        let heading = ma(lang, "narrative-edit-title", &[("section", &label), ("lang", tl.endonym())]);
        // The live document as readers see it now (built once per generation and narrative).
        let doc = cache.generation(&st).await?.document(&st, &area, None).await?;
        let evidence = evidence(&doc, tl);
        let t = EditT {
            chrome: Chrome::new(lang, &uri, &heading, Section::Other),
            heading,
            back_href: base(lang, c.as_str()),
            back_label: m(lang, "narrative-back"),
            discuss_href: super::comments::discuss_href(lang, c.as_str(), &mp_workspace::CommentTarget::Section(sec.id.clone())),
            discuss_label: m(lang, "discuss-this-section"),
            note: m(lang, "narrative-edit-note"),
            may_edit: v.principal.may(Action::EditNarrative, &Target::country(&c)),
            save_action: here.clone(),
            csrf: v.csrf.clone(),
            body_label: m(lang, "narrative-body"),
            body: newest,
            save: m(lang, "narrative-save"),
            max_bytes: MAX_BODY_BYTES,
            published_label: m(lang, "narrative-published-text"),
            // The same safe rendering the documents use: no raw HTML, no scripts, no requests.
            published_html: mp_render::markdown::narrative_html(&published, 2),
            none_published: m(lang, "narrative-none-published"),
            revisions_label: m(lang, "narrative-revisions"),
            revisions,
            col_who: m(lang, "ws-col-who"),
            col_when: m(lang, "ws-col-when"),
            col_size: m(lang, "narrative-col-size"),
            reason_label: m(lang, "ws-sent-back-because"),
            back_reason_label: m(lang, "narrative-reason"),
            diff_label: m(lang, "narrative-diff"),
            diff_action: here,
            diff_from: m(lang, "narrative-diff-from"),
            diff_to: m(lang, "narrative-diff-to"),
            diff_show: m(lang, "narrative-diff-show"),
            ids,
            from,
            to,
            diff,
            diff_heading: ma(lang, "narrative-diff-between", &[("from", &from.to_string()), ("to", &to.to_string())]),
            evidence_label: m(lang, "narrative-evidence"),
            evidence_note: m(lang, "narrative-evidence-note"),
            evidence,
        };
        Ok::<_, WsError>(page(StatusCode::OK, t.render().map_err(|e| WsError::Internal(e.to_string()))?))
    };
    run.await.unwrap_or_else(|e| e.page(v.lang, &uri))
}

/// The editor's form.
#[derive(Deserialize)]
pub(crate) struct SaveForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    body: String,
}

/// `POST /{lang}/ws/narrative/{iso3}/{section}/{text_lang}`: a new draft revision.
pub(crate) async fn save(
    State(st): State<AppState>,
    v: Viewer,
    uri: Uri,
    Path((_, iso, section, tl)): Path<(String, String, String, String)>,
    Form(f): Form<SaveForm>,
) -> Response {
    let run = async {
        v.check_csrf(&f.csrf)?;
        let (c, area) = country(&v, &iso)?;
        let sec = parse_section(&st, v.lang, &area, &section).await?;
        let tl = parse_lang(&tl)?;
        if !v.principal.may(Action::EditNarrative, &Target::country(&c)) {
            return Err(WsError::Forbidden(m(v.lang, "narrative-not-writer")));
        }
        if f.body.len() > MAX_BODY_BYTES {
            return Err(WsError::Bad(
                StatusCode::PAYLOAD_TOO_LARGE,
                ma(v.lang, "narrative-too-long", &[("kb", &(MAX_BODY_BYTES / 1024).to_string())]),
            ));
        }
        // Browsers send CR LF; the text is stored with LF so diffs compare lines, not endings.
        let body = f.body.replace("\r\n", "\n");
        st.store().narrative_revision_add(&area, &sec.id, tl, &body, &v.actor()).await?;
        Ok(see_other(&format!("{}/{}/{}", base(v.lang, c.as_str()), sec.id, tl.code())))
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

/// `POST /{lang}/ws/narrative-revision/{id}/step`: the next step or a send-back.
pub(crate) async fn step(
    State(st): State<AppState>,
    v: Viewer,
    uri: Uri,
    Path((_, id)): Path<(String, i64)>,
    Form(f): Form<StepForm>,
) -> Response {
    let run = async {
        v.check_csrf(&f.csrf)?;
        let r = st.store().narrative_revision(id).await?.ok_or(WsError::NotFound)?;
        let (c, _) = country(&v, &r.area)?;
        let wanted = match f.decision.as_str() {
            "advance" => Step::Advance,
            "back" => Step::SendBack(f.reason.chars().take(2000).collect()),
            other => return Err(WsError::Bad(StatusCode::BAD_REQUEST, format!("`{other}` is not a decision: expected advance or back"))),
        };
        if r.version != f.version {
            // Someone took a step since the page was shown: say who and where it is now.
            let target = format!("narrative:{}:{}:{}", r.area, r.section, r.lang.code());
            let last = st.store().audit_rows(Some(&target)).await?.pop();
            let (by, at) = last.map(|a| (a.actor_name, a.at)).unwrap_or_default();
            let state = state_label(v.lang, r.state);
            return Err(WsError::Conflict(ma(v.lang, "narrative-conflict", &[("by", &by), ("at", &at), ("state", &state)])));
        }
        let (action, to) = narrative_step(r.state, &wanted).map_err(|e| WsError::Bad(StatusCode::BAD_REQUEST, e.to_string()))?;
        if !v.principal.may(action, &Target::country(&c)) {
            return Err(WsError::Forbidden(m(v.lang, "narrative-not-your-step")));
        }
        if r.created_by == v.principal.user_id && !writer_may(action) {
            return Err(WsError::Forbidden(m(v.lang, "narrative-not-own")));
        }
        let name = match (&wanted, to) {
            (Step::SendBack(_), _) => "narrative.send_back".to_string(),
            (Step::Advance, RevState::Submitted) => "narrative.submit".to_string(),
            (Step::Advance, RevState::Approved) => "narrative.approve".to_string(),
            (Step::Advance, _) => "narrative.publish".to_string(),
        };
        let reason = match &wanted {
            Step::SendBack(r) => r.clone(),
            Step::Advance => String::new(),
        };
        st.store().narrative_revision_move(id, f.version, r.state, to, &reason, &name, &v.actor()).await?;
        Ok(see_other(&format!("{}/{}/{}", base(v.lang, c.as_str()), r.section, r.lang.code())))
    };
    run.await.unwrap_or_else(|e: WsError| e.page(v.lang, &uri))
}
