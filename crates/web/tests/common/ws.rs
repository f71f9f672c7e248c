//! The TWG workspace through the router, as the request tests drive it: a store with Senegal's
//! and Mali's TWGs and their members, requests with cookies and forms, and sign-in.

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use mp_domain::{AreaRegistry, Framework, Iso3};
use mp_store::{Actor, Store};
use mp_web::AppState;
use mp_workspace::{Membership, Role, ThemeSet, hash_password};
use tower::ServiceExt;

/// Every seeded member's password.
pub const PW: &str = "twelve chars pw";
/// The page budget: no workspace page is larger.
pub const MAX_PAGE: usize = 150 * 1024;

pub fn fw_areas() -> &'static (Framework, AreaRegistry) {
    mp_ingest::framework_dir::testing::fixture()
}

/// Whether the public data mirror the framework's areas come from is here; says so when not.
pub fn have_data() -> bool {
    let ok = std::env::var_os("MPROFILE_DATA").is_some_and(|d| std::path::Path::new(&d).join("country-codes").exists())
        || mp_ingest::framework_dir::testing::repo_root().join("../shared/data/country-codes").exists();
    if !ok {
        eprintln!("skipping: no public data mirror (MPROFILE_DATA) for the framework's areas");
    }
    ok
}

pub fn template(id: &str, fw: &Framework) -> mp_profile::Template {
    let path = mp_ingest::framework_dir::testing::repo_root().join("templates").join(format!("{id}.toml"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    mp_profile::Template::parse(&format!("{id}.toml"), &text, fw).unwrap_or_else(|e| panic!("{e}"))
}

pub struct App {
    pub router: Router,
    pub store: Store,
    _dir: tempfile::TempDir,
}

/// The actor the seeding steps are recorded under.
pub fn cli() -> Actor {
    Actor { id: None, name: "cli:test".into() }
}

/// A workspace with Senegal's and Mali's TWGs, the organisation `ansd`, and these members
/// (password [`PW`]): in Senegal `secretariat` (all themes), `chair` and `provider` (T04; the
/// provider for ANSD), `member-t09` (T09) and `reader`; `mali`, Mali's secretariat. `state`
/// adds what a test needs to the application (a PDF writer, mail).
pub async fn app_with(state: impl FnOnce(AppState) -> AppState) -> App {
    // SAFETY of the environment change: every test of a binary using this sets the same value.
    unsafe { std::env::set_var(mp_web::pages::COOKIE_SECURE_ENV, "0") };
    let dir = tempfile::tempdir().expect("temp dir");
    let (fw, areas) = fw_areas();
    let store = Store::open(&dir.path().join("ws.db").display().to_string()).await.unwrap_or_else(|e| panic!("{e}"));
    store.load_framework(fw, areas).await.unwrap_or_else(|e| panic!("{e}"));
    let cli = cli();
    let (sen, mli) = (Iso3::parse("SEN").unwrap(), Iso3::parse("MLI").unwrap());
    store.twg_set(&sen, "GTT Sénégal", false, &cli).await.unwrap();
    store.twg_set(&mli, "GTT Mali", false, &cli).await.unwrap();
    let ansd = store.org_add("ansd", "ANSD", &cli).await.unwrap();
    let hash = hash_password(PW).unwrap();
    let t04 = ThemeSet::parse("T04").unwrap();
    for (login, m) in [
        ("secretariat", Membership::new(Role::Secretariat, Some(sen.clone()), ThemeSet::All, None).unwrap()),
        ("provider", Membership::new(Role::Provider, Some(sen.clone()), t04.clone(), Some(ansd.id)).unwrap()),
        ("chair", Membership::new(Role::Chair, Some(sen.clone()), t04.clone(), None).unwrap()),
        ("member-t09", Membership::new(Role::Member, Some(sen.clone()), ThemeSet::parse("T09").unwrap(), None).unwrap()),
        ("reader", Membership::new(Role::Reader, Some(sen.clone()), ThemeSet::All, None).unwrap()),
        ("mali", Membership::new(Role::Secretariat, Some(mli.clone()), ThemeSet::All, None).unwrap()),
    ] {
        store.user_add(login, login, &hash, &cli).await.unwrap();
        store.member_add(login, &m, &cli).await.unwrap();
    }
    let base = AppState::new(store.clone(), fw.clone(), areas.clone(), template("iom-2011", fw), template("regional", fw));
    App { router: mp_web::router(state(base)), store, _dir: dir }
}

/// [`app_with`] and the application as it starts.
pub async fn app() -> App {
    app_with(|s| s).await
}

pub struct Res {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Res {
    pub fn location(&self) -> &str {
        self.headers.get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or("")
    }
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.headers.get_all(header::SET_COOKIE).iter().filter_map(|v| v.to_str().ok()).find_map(|v| {
            let (kv, _) = v.split_once(';').unwrap_or((v, ""));
            let (k, val) = kv.split_once('=')?;
            (k == name).then(|| val.to_string())
        })
    }
    /// The value of the first hidden field `name` after `from` in the page.
    pub fn field_after(&self, from: &str, name: &str) -> String {
        let start = self.body.find(from).unwrap_or_else(|| panic!("no {from} in {}", self.body));
        let pat = format!("name=\"{name}\" value=\"");
        let at = self.body[start..].find(&pat).unwrap_or_else(|| panic!("no {name} field after {from}")) + start + pat.len();
        let rest = &self.body[at..];
        rest[..rest.find('"').unwrap()].to_string()
    }
    /// The page's first CSRF token.
    pub fn csrf(&self) -> String {
        self.field_after("<", "csrf")
    }
}

pub async fn send(app: &App, method: &str, uri: &str, cookie: &str, body: Body, ctype: &str) -> Res {
    let mut req = Request::builder().method(method).uri(uri);
    if !cookie.is_empty() {
        req = req.header(header::COOKIE, cookie);
    }
    if !ctype.is_empty() {
        req = req.header(header::CONTENT_TYPE, ctype);
    }
    let res = app.router.clone().oneshot(req.body(body).unwrap()).await.unwrap();
    let (parts, body) = res.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX).await.unwrap().to_vec();
    Res { status: parts.status, headers: parts.headers, body: String::from_utf8_lossy(&body).into_owned() }
}

/// A GET, whose page must stay within [`MAX_PAGE`].
pub async fn get(app: &App, uri: &str, cookie: &str) -> Res {
    let r = send(app, "GET", uri, cookie, Body::empty(), "").await;
    assert!(r.body.len() < MAX_PAGE, "{uri}: {} bytes", r.body.len());
    r
}

/// `pairs` as an `application/x-www-form-urlencoded` body.
pub fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| {
            let enc: String = v
                .bytes()
                .map(|b| if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
                .collect();
            format!("{k}={enc}")
        })
        .collect::<Vec<_>>()
        .join("&")
}

pub async fn post(app: &App, uri: &str, cookie: &str, pairs: &[(&str, &str)]) -> Res {
    send(app, "POST", uri, cookie, Body::from(form(pairs)), "application/x-www-form-urlencoded").await
}

/// Signs `login` in through the form: (session cookie, the workspace's CSRF token).
pub async fn sign_in(app: &App, login: &str) -> (String, String) {
    let page = get(app, "/en/ws/sign-in", "").await;
    let pre = page.cookie("mp_signin").expect("the sign-in form sets its CSRF cookie");
    let res = post(app, "/en/ws/sign-in", &format!("mp_signin={pre}"), &[("login", login), ("password", PW), ("csrf", &page.csrf())]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{login}: {}", res.body);
    let session = format!("mp_session={}", res.cookie("mp_session").unwrap());
    let home = get(app, "/en/ws/", &session).await;
    (session, home.csrf())
}
