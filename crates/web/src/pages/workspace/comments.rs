//! Discussion in the workspace: threads on a figure (indicator × period × source of a
//! country), a section of the profile or a submission; replies; resolve and reopen; `@login`
//! mentions of the country's members.
//!
//! Seeing a discussion needs the country's `ViewUnpublished` (otherwise 404), writing needs
//! `Comment`, resolving and reopening `ResolveComment` or being the thread's author. Comments are
//! plain text, shown escaped.

use super::{Viewer, WsError, page, see_other};
use crate::pages::{Chrome, Section, m, ma, tr};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use mp_domain::Iso3;
use mp_profile::template::SectionSpec;
use mp_store::{CommentInfo, NewComment};
use mp_workspace::{Action, CommentTarget, Target, mentions};
use serde::Deserialize;

/// The longest comment kept, in characters.
pub(crate) const MAX_COMMENT_CHARS: usize = 4000;

/// The country of an address, if the viewer may see its unpublished work; otherwise a 404.
pub(crate) fn country(v: &Viewer, iso: &str) -> Result<Iso3, WsError> {
    let c = Iso3::parse(&iso.to_ascii_uppercase()).map_err(|_| WsError::NotFound)?;
    if !v.principal.may(Action::ViewUnpublished, &Target::country(&c)) {
        return Err(WsError::NotFound);
    }
    Ok(c)
}

fn section_title(specs: &[SectionSpec], id: &str, lang: mp_domain::Lang) -> Option<String> {
    for s in specs {
        if s.id == id {
            let t = tr(&s.title, lang);
            return Some(if s.number.is_empty() { t } else { format!("{} {t}", s.number) });
        }
        if let Some(t) = section_title(&s.section, id, lang) {
            return Some(t);
        }
    }
    None
}

/// Checks a target against the framework, the template and the store; answers what readers
/// see as its name and the theme it belongs to (a figure's indicator's theme, or empty).
pub(crate) async fn resolve_target(st: &AppState, c: &Iso3, t: &CommentTarget, lang: mp_domain::Lang) -> Result<(String, String), WsError> {
    match t {
        CommentTarget::Figure { indicator, period, source } => {
            let ind = st.framework().find(indicator.as_str()).ok_or(WsError::NotFound)?;
            let name = format!("{} ({}), {c}, {period}, {source}", tr(&ind.name, lang), indicator.as_str());
            Ok((name, ind.theme.as_str().to_string()))
        }
        CommentTarget::Section(id) => {
            let title = section_title(&st.profile_template().section, id, lang).ok_or(WsError::NotFound)?;
            Ok((ma(lang, "discuss-on-section", &[("section", &title)]), String::new()))
        }
        CommentTarget::Submission(id) => {
            let s = st.store().submission(*id).await?.filter(|s| &s.country == c).ok_or(WsError::NotFound)?;
            Ok((ma(lang, "discuss-on-submission", &[("id", &s.id.to_string()), ("file", &s.file_name)]), String::new()))
        }
    }
}

/// The address of the discussion of `target` in `c`.
pub(crate) fn discuss_href(lang: mp_domain::Lang, c: &str, target: &CommentTarget) -> String {
    format!("/{}/ws/discuss/{c}?on={}", lang.code(), target.to_string().replace('%', "%25").replace(' ', "%20"))
}

struct ReplyView {
    author: String,
    at: String,
    body: String,
}

struct ThreadView {
    id: i64,
    author: String,
    at: String,
    body: String,
    resolved: bool,
    status: String,
    replies: Vec<ReplyView>,
    may_resolve: bool,
    resolve_label: String,
    resolve_action: String,
}

#[derive(Template)]
#[template(path = "ws_discuss.html")]
struct DiscussT {
    chrome: Chrome,
    heading: String,
    about: String,
    note: String,
    threads: Vec<ThreadView>,
    none: String,
    may_comment: bool,
    action: String,
    csrf: String,
    on: String,
    new_label: String,
    reply_label: String,
    send: String,
    max_chars: usize,
    inbox_href: String,
    inbox_label: String,
}

/// `?on=figure:IMM.STOCK:2020:undesa-ims` (or `section:A.1`, `submission:12`).
#[derive(Deserialize, Default)]
pub(crate) struct OnQuery {
    #[serde(default)]
    on: String,
}

fn parse_target(on: &str) -> Result<CommentTarget, WsError> {
    CommentTarget::parse(on).map_err(|e| WsError::Bad(StatusCode::BAD_REQUEST, e.to_string()))
}

/// `GET /{lang}/ws/discuss/{iso3}?on=…`: the threads on one figure, section or submission.
pub(crate) async fn page_handler(
    State(st): State<AppState>,
    v: Viewer,
    uri: Uri,
    Path((_, iso)): Path<(String, String)>,
    q: Result<Query<OnQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let run = async {
        let lang = v.lang;
        let c = country(&v, &iso)?;
        let q = q.map(|Query(q)| q).unwrap_or_default();
        let target = parse_target(&q.on)?;
        let (about, _) = resolve_target(&st, &c, &target, lang).await?;
        let all = st.store().comments_on(&c, &target.to_string()).await?;
        let may_resolve_any = v.principal.may(Action::ResolveComment, &Target::country(&c));
        let may_comment = v.principal.may(Action::Comment, &Target::country(&c));
        let threads = all
            .iter()
            .filter(|t| t.parent_id.is_none())
            .map(|t| ThreadView {
                id: t.id,
                author: t.author.clone(),
                at: t.created_at.clone(),
                body: t.body.clone(),
                resolved: t.resolved,
                status: m(lang, if t.resolved { "discuss-resolved" } else { "discuss-open" }),
                replies: all
                    .iter()
                    .filter(|r| r.parent_id == Some(t.id))
                    .map(|r| ReplyView { author: r.author.clone(), at: r.created_at.clone(), body: r.body.clone() })
                    .collect(),
                may_resolve: may_resolve_any || (may_comment && t.created_by == v.principal.user_id),
                resolve_label: m(lang, if t.resolved { "discuss-reopen" } else { "discuss-resolve" }),
                resolve_action: format!("/{}/ws/discuss/{c}/thread/{}", lang.code(), t.id),
            })
            .collect();
        let heading = m(lang, "discuss-title");
        let t = DiscussT {
            chrome: Chrome::new(lang, &uri, &heading, Section::Other),
            heading,
            about,
            note: m(lang, "discuss-note"),
            threads,
            none: m(lang, "discuss-none"),
            may_comment,
            action: format!("/{}/ws/discuss/{c}", lang.code()),
            csrf: v.csrf.clone(),
            on: target.to_string(),
            new_label: m(lang, "discuss-new"),
            reply_label: m(lang, "discuss-reply"),
            send: m(lang, "discuss-send"),
            max_chars: MAX_COMMENT_CHARS,
            inbox_href: format!("/{}/ws/inbox", lang.code()),
            inbox_label: m(lang, "inbox-title"),
        };
        Ok::<_, WsError>(page(StatusCode::OK, t.render().map_err(|e| WsError::Internal(e.to_string()))?))
    };
    run.await.unwrap_or_else(|e| e.page(v.lang, &uri))
}

/// The comment form.
#[derive(Deserialize)]
pub(crate) struct CommentForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    on: String,
    #[serde(default)]
    body: String,
    /// The thread answered; empty starts a thread.
    #[serde(default)]
    parent: String,
}

/// `POST /{lang}/ws/discuss/{iso3}`: a new thread or a reply.
pub(crate) async fn post_comment(
    State(st): State<AppState>,
    v: Viewer,
    uri: Uri,
    Path((_, iso)): Path<(String, String)>,
    Form(f): Form<CommentForm>,
) -> Response {
    let run = async {
        v.check_csrf(&f.csrf)?;
        let c = country(&v, &iso)?;
        if !v.principal.may(Action::Comment, &Target::country(&c)) {
            return Err(WsError::Forbidden(m(v.lang, "discuss-not-member")));
        }
        let target = parse_target(&f.on)?;
        let (_, theme) = resolve_target(&st, &c, &target, v.lang).await?;
        let body = f.body.replace("\r\n", "\n");
        if body.trim().is_empty() || body.chars().count() > MAX_COMMENT_CHARS {
            return Err(WsError::Bad(
                StatusCode::UNPROCESSABLE_ENTITY,
                ma(v.lang, "discuss-bad-length", &[("max", &MAX_COMMENT_CHARS.to_string())]),
            ));
        }
        let parent = match f.parent.trim() {
            "" => None,
            p => Some(p.parse::<i64>().map_err(|_| WsError::Bad(StatusCode::BAD_REQUEST, format!("`{p}` is not a thread number")))?),
        };
        // Mentions reach the country's members only; other names stay plain text.
        let wanted = mentions(&body);
        let mut ids = Vec::new();
        if !wanted.is_empty() {
            for u in st.store().users().await?.into_iter().filter(|u| wanted.contains(&u.login.to_ascii_lowercase())) {
                let ms = st.store().memberships(u.id).await?;
                if ms.iter().any(|m| m.scope.country.as_ref() == Some(&c)) {
                    ids.push(u.id);
                }
            }
        }
        let on = target.to_string();
        let new = NewComment { country: &c, target: &on, theme: &theme, parent_id: parent, body: &body, mentions: &ids };
        st.store().comment_add(&new, &v.actor()).await?;
        notify_by_mail(&st, &v, &c, &target, parent, &ids, &body).await;
        Ok(see_other(&discuss_href(v.lang, c.as_str(), &target)))
    };
    run.await.unwrap_or_else(|e: WsError| e.page(v.lang, &uri))
}

/// Tells the members mentioned, and the others who wrote in the thread a reply joins, by mail
/// when a server is configured (`crate::mail`): sent after the answer, never failing the post.
async fn notify_by_mail(st: &AppState, v: &Viewer, c: &Iso3, target: &CommentTarget, parent: Option<i64>, mentioned: &[i64], body: &str) {
    if st.mail().is_none() {
        return;
    }
    let me = v.principal.user_id;
    let path =
        format!("/{{lang}}/ws/discuss/{}", discuss_href(mp_domain::Lang::En, c.as_str(), target).trim_start_matches("/en/ws/discuss/"));
    let by = v.principal.login.clone();
    let mentioned: Vec<i64> = mentioned.iter().copied().filter(|u| *u != me).collect();
    crate::mail::notify(
        st,
        mentioned.clone(),
        crate::mail::Notice::Mention { by: by.clone(), country: c.to_string(), body: body.to_string(), path: path.clone() },
    );
    let Some(thread) = parent else { return };
    // Who wrote in the thread follows it; a reader only mentioned gets the mention alone.
    let followers: Vec<i64> = match st.store().comments_on(c, &target.to_string()).await {
        Ok(list) => {
            let mut ids: Vec<i64> = list
                .iter()
                .filter(|x| x.id == thread || x.parent_id == Some(thread))
                .map(|x| x.created_by)
                .filter(|u| *u != me && !mentioned.contains(u))
                .collect();
            ids.sort_unstable();
            ids.dedup();
            ids
        }
        Err(e) => {
            tracing::warn!(error = %e, "mail: cannot read the thread's writers");
            return;
        }
    };
    crate::mail::notify(st, followers, crate::mail::Notice::Reply { by, country: c.to_string(), body: body.to_string(), path });
}

/// The resolve / reopen form.
#[derive(Deserialize)]
pub(crate) struct ResolveForm {
    #[serde(default)]
    csrf: String,
    /// `1` resolves, `0` reopens.
    resolved: String,
}

/// `POST /{lang}/ws/discuss/{iso3}/thread/{id}`: resolves or reopens a thread.
pub(crate) async fn resolve(
    State(st): State<AppState>,
    v: Viewer,
    uri: Uri,
    Path((_, iso, id)): Path<(String, String, i64)>,
    Form(f): Form<ResolveForm>,
) -> Response {
    let run = async {
        v.check_csrf(&f.csrf)?;
        let c = country(&v, &iso)?;
        let t: CommentInfo =
            st.store().comment(id).await?.filter(|t| t.country == c.as_str() && t.parent_id.is_none()).ok_or(WsError::NotFound)?;
        let own = t.created_by == v.principal.user_id && v.principal.may(Action::Comment, &Target::country(&c));
        if !own && !v.principal.may(Action::ResolveComment, &Target::country(&c)) {
            return Err(WsError::Forbidden(m(v.lang, "discuss-not-resolver")));
        }
        let resolved = match f.resolved.as_str() {
            "1" => true,
            "0" => false,
            other => return Err(WsError::Bad(StatusCode::BAD_REQUEST, format!("`{other}` is not 1 (resolve) or 0 (reopen)"))),
        };
        if !st.store().comment_resolve(id, resolved, &v.actor()).await? {
            return Err(WsError::Conflict(m(v.lang, if resolved { "discuss-already-resolved" } else { "discuss-already-open" })));
        }
        let target = parse_target(&t.target)?;
        Ok(see_other(&discuss_href(v.lang, c.as_str(), &target)))
    };
    run.await.unwrap_or_else(|e: WsError| e.page(v.lang, &uri))
}
