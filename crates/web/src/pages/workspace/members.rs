//! Managing people in the browser: a TWG secretariat gives and takes roles in its country; the
//! platform administrator does so everywhere, and also creates accounts, disables them, resets
//! passwords and creates TWGs: the same as `mprofile user|twg|member`, audited the same way.

use super::{Viewer, WsError, page, see_other};
use crate::pages::{Chrome, Section, m};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use mp_domain::Iso3;
use mp_workspace::{Action, Membership, Principal, Role, Target, ThemeSet, hash_password};
use serde::Deserialize;

/// The countries where `p` manages members; `None` means every country (the administrator).
fn manageable(st: &AppState, p: &Principal) -> Option<Vec<Iso3>> {
    if p.may(Action::ManageUsers, &Target::platform()) {
        return None;
    }
    Some(
        st.areas()
            .profile_countries()
            .into_iter()
            .filter_map(|a| Iso3::parse(a.code.as_str()).ok())
            .filter(|c| p.may(Action::ManageMembers, &Target::country(c)))
            .collect(),
    )
}

struct MemberRow {
    login: String,
    name: String,
    state: String,
    role: String,
    country: String,
    themes: String,
    removable: bool,
}

#[derive(Template)]
#[template(path = "ws_members.html")]
struct MembersT {
    chrome: Chrome,
    heading: String,
    action: String,
    csrf: String,
    admin: bool,
    rows: Vec<MemberRow>,
    countries: Vec<String>,
    roles: Vec<&'static str>,
    orgs: Vec<(String, String)>,
    labels: Labels,
}

struct Labels {
    login: String,
    name: String,
    state: String,
    role: String,
    country: String,
    themes: String,
    org: String,
    password: String,
    add_role: String,
    remove: String,
    add_user: String,
    disable: String,
    enable: String,
    reset: String,
    twg: String,
    skip: String,
    none: String,
}

fn labels(lang: mp_domain::Lang) -> Labels {
    Labels {
        login: m(lang, "ws-login"),
        name: m(lang, "ws-name"),
        state: m(lang, "ws-col-state"),
        role: m(lang, "ws-role"),
        country: m(lang, "ws-col-country"),
        themes: m(lang, "ws-themes-hint"),
        org: m(lang, "ws-col-org"),
        password: m(lang, "ws-password"),
        add_role: m(lang, "ws-add-role"),
        remove: m(lang, "ws-remove-role"),
        add_user: m(lang, "ws-add-user"),
        disable: m(lang, "ws-disable"),
        enable: m(lang, "ws-enable"),
        reset: m(lang, "ws-reset-password"),
        twg: m(lang, "ws-create-twg"),
        skip: m(lang, "ws-skip-subgroup"),
        none: m(lang, "ws-none"),
    }
}

/// `GET /{lang}/ws/members`
pub(crate) async fn page_handler(State(st): State<AppState>, v: Viewer, uri: Uri) -> Response {
    let run = async {
        let lang = v.lang;
        let scope = manageable(&st, &v.principal);
        if scope.as_ref().is_some_and(|c| c.is_empty()) {
            return Err(WsError::Forbidden(m(lang, "ws-not-manager")));
        }
        let admin = scope.is_none();
        let mut rows = Vec::new();
        for u in st.store().users().await? {
            let state = if u.disabled { m(lang, "ws-disabled") } else { String::new() };
            let mut shown = false;
            for mb in &u.memberships {
                let in_scope = match (&scope, &mb.scope.country) {
                    (None, _) => true,
                    (Some(cs), Some(c)) => cs.contains(c),
                    (Some(_), None) => false,
                };
                if in_scope {
                    shown = true;
                    rows.push(MemberRow {
                        login: u.login.clone(),
                        name: u.display_name.clone(),
                        state: state.clone(),
                        role: mb.role.code().to_string(),
                        country: mb.scope.country.as_ref().map(|c| c.to_string()).unwrap_or_default(),
                        themes: mb.scope.themes.to_string(),
                        removable: true,
                    });
                }
            }
            if admin && !shown {
                rows.push(MemberRow {
                    login: u.login.clone(),
                    name: u.display_name.clone(),
                    state,
                    role: String::new(),
                    country: String::new(),
                    themes: String::new(),
                    removable: false,
                });
            }
        }
        let countries = match &scope {
            None => st.areas().profile_countries().into_iter().map(|a| a.code.to_string()).collect(),
            Some(cs) => cs.iter().map(|c| c.to_string()).collect(),
        };
        let roles = Role::ALL.iter().filter(|r| admin || **r != Role::Admin).map(|r| r.code()).collect();
        let orgs = st.store().orgs().await?.into_iter().map(|o| (o.code, o.name)).collect();
        let heading = m(lang, "ws-members");
        let t = MembersT {
            chrome: Chrome::new(lang, &uri, &heading, Section::Other),
            heading,
            action: format!("/{}/ws/members", lang.code()),
            csrf: v.csrf.clone(),
            admin,
            rows,
            countries,
            roles,
            orgs,
            labels: labels(lang),
        };
        Ok(page(StatusCode::OK, t.render().map_err(|e| WsError::Internal(e.to_string()))?))
    };
    run.await.unwrap_or_else(|e: WsError| e.page(v.lang, &uri))
}

/// Every form of the members page (`op` says which).
#[derive(Deserialize)]
pub(crate) struct MembersForm {
    #[serde(default)]
    csrf: String,
    op: String,
    #[serde(default)]
    login: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    themes: String,
    #[serde(default)]
    org: String,
    #[serde(default)]
    skip_subgroup: Option<String>,
}

fn bad(msg: impl Into<String>) -> WsError {
    WsError::Bad(StatusCode::BAD_REQUEST, msg.into())
}

/// `POST /{lang}/ws/members`
pub(crate) async fn post_handler(State(st): State<AppState>, v: Viewer, uri: Uri, Form(f): Form<MembersForm>) -> Response {
    let run = async {
        v.check_csrf(&f.csrf)?;
        let p = &v.principal;
        let actor = v.actor();
        let platform = p.may(Action::ManageUsers, &Target::platform());
        let deny = || WsError::Forbidden(m(v.lang, "ws-not-manager"));
        let country = || -> Result<Option<Iso3>, WsError> {
            let c = f.country.trim();
            if c.is_empty() { Ok(None) } else { Iso3::parse(&c.to_ascii_uppercase()).map(Some).map_err(|e| bad(e.to_string())) }
        };
        match f.op.as_str() {
            "add" | "remove" => {
                let role: Role = f.role.parse().map_err(|e: mp_workspace::access::BadRole| bad(e.to_string()))?;
                let c = country()?;
                let allowed = match (&c, role) {
                    (None, _) | (_, Role::Admin) => platform,
                    (Some(c), _) => p.may(Action::ManageMembers, &Target::country(c)),
                };
                if !allowed {
                    return Err(deny());
                }
                if f.op == "remove" {
                    st.store().member_remove(&f.login, role, c.as_ref(), &actor).await?;
                } else {
                    let themes = ThemeSet::parse(&f.themes).map_err(|e| bad(e.to_string()))?;
                    let org = if f.org.trim().is_empty() {
                        None
                    } else {
                        Some(
                            st.store()
                                .orgs()
                                .await?
                                .into_iter()
                                .find(|o| o.code == f.org.trim())
                                .ok_or_else(|| bad(format!("no organisation {}", f.org)))?
                                .id,
                        )
                    };
                    let mb = Membership::new(role, c, themes, org).map_err(bad)?;
                    st.store().member_add(&f.login, &mb, &actor).await?;
                }
            }
            "user-add" | "user-disable" | "user-enable" | "user-reset" | "twg" if !platform => return Err(deny()),
            "user-add" | "user-reset" => {
                let pw = f.password.clone();
                let hashed = tokio::task::spawn_blocking(move || hash_password(&pw))
                    .await
                    .map_err(|e| WsError::Internal(e.to_string()))?
                    .map_err(|e| bad(e.to_string()))?;
                if f.op == "user-add" {
                    let name = if f.name.trim().is_empty() { f.login.clone() } else { f.name.clone() };
                    st.store().user_add(&f.login, &name, &hashed, &actor).await?;
                } else {
                    let u = st.store().user_auth(&f.login).await?.ok_or_else(|| bad(format!("there is no user {}", f.login)))?;
                    st.store().user_set_password(u.id, &hashed, None, &actor, "user.reset").await?;
                }
            }
            "user-disable" | "user-enable" => st.store().user_set_disabled(&f.login, f.op == "user-disable", &actor).await?,
            "twg" => {
                let c = country()?.ok_or_else(|| bad("a country"))?;
                let name = if f.name.trim().is_empty() { format!("TWG {c}") } else { f.name.clone() };
                st.store().twg_set(&c, &name, f.skip_subgroup.is_some(), &actor).await?;
            }
            other => return Err(bad(format!("unknown operation `{other}`"))),
        }
        Ok(see_other(&format!("/{}/ws/members", v.lang.code())))
    };
    run.await.unwrap_or_else(|e: WsError| e.page(v.lang, &uri))
}
