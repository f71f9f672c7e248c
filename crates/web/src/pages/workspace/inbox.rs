//! A member's inbox: open threads that mention them, open threads on their themes, and the
//! submissions waiting for a step they may take. Nothing is sent by e-mail; the page is the
//! notification.

use super::comments::discuss_href;
use super::{Viewer, WsError, page};
use crate::pages::{Chrome, Section, m};
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use mp_domain::Iso3;
use mp_store::CommentInfo;
use mp_workspace::{Action, CommentTarget, Target, ThemeSet};

struct Item {
    href: String,
    label: String,
    detail: String,
}

struct Group {
    label: String,
    items: Vec<Item>,
}

#[derive(Template)]
#[template(path = "ws_inbox.html")]
struct InboxT {
    chrome: Chrome,
    heading: String,
    groups: Vec<Group>,
    none: String,
}

/// Whether one of `v`'s memberships in the thread's country covers its theme: a thematic
/// membership covers figures of its themes, a whole-country one covers every thread.
fn on_my_themes(v: &Viewer, t: &CommentInfo) -> bool {
    v.principal.memberships.iter().any(|mb| {
        mb.scope.country.as_ref().is_some_and(|c| c.as_str() == t.country)
            && match &mb.scope.themes {
                ThemeSet::All => true,
                ThemeSet::Some(set) => set.iter().any(|th| th.as_str() == t.theme),
            }
    })
}

fn thread_item(v: &Viewer, t: &CommentInfo) -> Option<Item> {
    let target = CommentTarget::parse(&t.target).ok()?;
    let first_line: String = t.body.lines().next().unwrap_or_default().chars().take(140).collect();
    Some(Item {
        href: discuss_href(v.lang, &t.country, &target),
        label: format!("{} · {}", t.country, t.target),
        detail: format!("{}: {first_line} ({})", t.author, t.updated_at),
    })
}

/// `GET /{lang}/ws/inbox`
pub(crate) async fn page_handler(State(st): State<AppState>, v: Viewer, uri: Uri) -> Response {
    let run = async {
        let lang = v.lang;
        let p = &v.principal;
        let countries: Option<Vec<Iso3>> = p.countries().map(|c| c.into_iter().collect());
        let visible = |c: &str| Iso3::parse(c).is_ok_and(|c| p.may(Action::ViewUnpublished, &Target::country(&c)));
        let threads: Vec<CommentInfo> =
            st.store().comment_threads(countries.as_deref()).await?.into_iter().filter(|t| visible(&t.country)).collect();
        let mentioned = st.store().threads_mentioning(p.user_id).await?;
        let mentions = threads.iter().filter(|t| !t.resolved && mentioned.contains(&t.id)).filter_map(|t| thread_item(&v, t)).collect();
        let themes = threads
            .iter()
            .filter(|t| !t.resolved && !mentioned.contains(&t.id) && t.created_by != p.user_id && on_my_themes(&v, t))
            .filter_map(|t| thread_item(&v, t))
            .collect();
        let mut waiting = Vec::new();
        for s in st.store().submissions(countries.as_deref()).await? {
            let skip = st.store().twg(&s.country).await?.is_some_and(|t| t.skip_subgroup);
            let target = Target { country: Some(s.country.clone()), themes: s.themes.clone(), organisation: Some(s.organisation_id) };
            if let Some((a, _)) = s.state.next(skip)
                && p.may(a, &target)
            {
                waiting.push(Item {
                    href: format!("/{}/ws/submission/{}", lang.code(), s.id),
                    label: format!("#{} · {} · {}", s.id, s.country, s.organisation_code),
                    detail: format!("{} ({})", m(lang, &format!("ws-state-{}", s.state.code())), s.updated_at),
                });
            }
        }
        let heading = m(lang, "inbox-title");
        let t = InboxT {
            chrome: Chrome::new(lang, &uri, &heading, Section::Other),
            heading,
            groups: vec![
                Group { label: m(lang, "inbox-mentions"), items: mentions },
                Group { label: m(lang, "inbox-themes"), items: themes },
                Group { label: m(lang, "inbox-submissions"), items: waiting },
            ],
            none: m(lang, "ws-none"),
        };
        Ok::<_, WsError>(page(StatusCode::OK, t.render().map_err(|e| WsError::Internal(e.to_string()))?))
    };
    run.await.unwrap_or_else(|e| e.page(v.lang, &uri))
}
