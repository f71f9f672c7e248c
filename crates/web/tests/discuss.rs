//! Discussion in the TWG workspace through the router: a sub-group chair comments on
//! Senegal's immigrant stock and mentions the provider, whose inbox then shows the thread; the
//! provider answers; the chair resolves and reopens; a reader cannot write, another country's
//! TWG gets 404s, a form without its CSRF token is refused, and every write is in the audit
//! chain. Comments are shown as text, never as HTML.

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use mp_domain::{AreaRegistry, Framework, Iso3};
use mp_store::{Actor, Store};
use mp_web::AppState;
use mp_workspace::{Membership, Role, ThemeSet, hash_password, verify_chain};
use tower::ServiceExt;

const PW: &str = "twelve chars pw";
const MAX_PAGE: usize = 150 * 1024;

fn fw_areas() -> &'static (Framework, AreaRegistry) {
    mp_ingest::framework_dir::testing::fixture()
}

fn have_data() -> bool {
    let ok = std::env::var_os("MPROFILE_DATA").is_some_and(|d| std::path::Path::new(&d).join("country-codes").exists())
        || mp_ingest::framework_dir::testing::repo_root().join("../shared/data/country-codes").exists();
    if !ok {
        eprintln!("skipping: no public data mirror (MPROFILE_DATA) for the framework's areas");
    }
    ok
}

fn template(id: &str, fw: &Framework) -> mp_profile::Template {
    let path = mp_ingest::framework_dir::testing::repo_root().join("templates").join(format!("{id}.toml"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    mp_profile::Template::parse(&format!("{id}.toml"), &text, fw).unwrap_or_else(|e| panic!("{e}"))
}

struct App {
    router: Router,
    store: Store,
    _dir: tempfile::TempDir,
}

async fn app() -> App {
    // SAFETY of the environment change: every test of this binary sets the same value.
    unsafe { std::env::set_var(mp_web::pages::COOKIE_SECURE_ENV, "0") };
    let dir = tempfile::tempdir().expect("temp dir");
    let (fw, areas) = fw_areas();
    let store = Store::open(&dir.path().join("dc.db").display().to_string()).await.unwrap_or_else(|e| panic!("{e}"));
    store.load_framework(fw, areas).await.unwrap_or_else(|e| panic!("{e}"));
    let cli = Actor { id: None, name: "cli:test".into() };
    let (sen, mli) = (Iso3::parse("SEN").unwrap(), Iso3::parse("MLI").unwrap());
    store.twg_set(&sen, "GTT Sénégal", false, &cli).await.unwrap();
    store.twg_set(&mli, "GTT Mali", false, &cli).await.unwrap();
    let ansd = store.org_add("ansd", "ANSD", &cli).await.unwrap();
    let hash = hash_password(PW).unwrap();
    let t04 = ThemeSet::parse("T04").unwrap();
    for (login, m) in [
        ("provider", Membership::new(Role::Provider, Some(sen.clone()), t04.clone(), Some(ansd.id)).unwrap()),
        ("chair", Membership::new(Role::Chair, Some(sen.clone()), t04.clone(), None).unwrap()),
        ("member-t09", Membership::new(Role::Member, Some(sen.clone()), ThemeSet::parse("T09").unwrap(), None).unwrap()),
        ("reader", Membership::new(Role::Reader, Some(sen.clone()), ThemeSet::All, None).unwrap()),
        ("mali", Membership::new(Role::Secretariat, Some(mli.clone()), ThemeSet::All, None).unwrap()),
    ] {
        store.user_add(login, login, &hash, &cli).await.unwrap();
        store.member_add(login, &m, &cli).await.unwrap();
    }
    let state = AppState::new(store.clone(), fw.clone(), areas.clone(), template("iom-2011", fw), template("regional", fw));
    App { router: mp_web::router(state), store, _dir: dir }
}

struct Res {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

impl Res {
    fn cookie(&self, name: &str) -> Option<String> {
        self.headers.get_all(header::SET_COOKIE).iter().filter_map(|v| v.to_str().ok()).find_map(|v| {
            let (kv, _) = v.split_once(';').unwrap_or((v, ""));
            let (k, val) = kv.split_once('=')?;
            (k == name).then(|| val.to_string())
        })
    }
    fn csrf(&self) -> String {
        let at = self.body.find("name=\"csrf\" value=\"").unwrap_or_else(|| panic!("no csrf field in {}", self.body));
        let rest = &self.body[at + 19..];
        rest[..rest.find('"').unwrap()].to_string()
    }
}

async fn send(app: &App, method: &str, uri: &str, cookie: &str, body: Body, ctype: &str) -> Res {
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

async fn get(app: &App, uri: &str, cookie: &str) -> Res {
    let r = send(app, "GET", uri, cookie, Body::empty(), "").await;
    assert!(r.body.len() < MAX_PAGE, "{uri}: {} bytes", r.body.len());
    r
}

fn form(pairs: &[(&str, &str)]) -> String {
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

async fn post(app: &App, uri: &str, cookie: &str, pairs: &[(&str, &str)]) -> Res {
    send(app, "POST", uri, cookie, Body::from(form(pairs)), "application/x-www-form-urlencoded").await
}

async fn sign_in(app: &App, login: &str) -> (String, String) {
    let page = get(app, "/en/ws/sign-in", "").await;
    let pre = page.cookie("mp_signin").expect("the sign-in form sets its CSRF cookie");
    let res = post(app, "/en/ws/sign-in", &format!("mp_signin={pre}"), &[("login", login), ("password", PW), ("csrf", &page.csrf())]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{login}: {}", res.body);
    let session = format!("mp_session={}", res.cookie("mp_session").unwrap());
    let home = get(app, "/en/ws/", &session).await;
    (session, home.csrf())
}

const ON: &str = "figure:IMM.STOCK:2020:undesa-ims";
const PAGE: &str = "/en/ws/discuss/SEN?on=figure:IMM.STOCK:2020:undesa-ims";

#[test]
fn a_figure_discussed_answered_and_resolved() {
    if !have_data() {
        return;
    }
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap().block_on(async {
        let app = app().await;
        let chair = sign_in(&app, "chair").await;
        let provider = sign_in(&app, "provider").await;
        let reader = sign_in(&app, "reader").await;
        let other = sign_in(&app, "member-t09").await;
        let mali = sign_in(&app, "mali").await;

        let p = get(&app, PAGE, &chair.0).await;
        assert_eq!(p.status, StatusCode::OK, "{}", p.body);
        assert!(p.body.contains("(IMM.STOCK), SEN, 2020, undesa-ims") && p.body.contains("No thread yet."), "{}", p.body);
        assert_eq!(get(&app, PAGE, &mali.0).await.status, StatusCode::NOT_FOUND);
        assert_eq!(get(&app, "/en/ws/discuss/SEN?on=figure:NOPE.X:2020:undesa-ims", &chair.0).await.status, StatusCode::NOT_FOUND);
        assert_eq!(get(&app, "/en/ws/discuss/SEN?on=nonsense", &chair.0).await.status, StatusCode::BAD_REQUEST);
        assert_eq!(get(&app, "/en/ws/discuss/SEN?on=section:Z.9", &chair.0).await.status, StatusCode::NOT_FOUND);

        let text = "@provider the 2020 stock looks low against the census <b>here</b>; can you check?";
        assert_eq!(
            post(&app, "/en/ws/discuss/SEN", &chair.0, &[("on", ON), ("body", text)]).await.status,
            StatusCode::FORBIDDEN,
            "no CSRF"
        );
        assert_eq!(
            post(&app, "/en/ws/discuss/SEN", &reader.0, &[("csrf", &reader.1), ("on", ON), ("body", "x")]).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            post(&app, "/en/ws/discuss/SEN", &mali.0, &[("csrf", &mali.1), ("on", ON), ("body", "x")]).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            post(&app, "/en/ws/discuss/SEN", &chair.0, &[("csrf", &chair.1), ("on", ON), ("body", "  ")]).await.status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
        let r = post(&app, "/en/ws/discuss/SEN", &chair.0, &[("csrf", &chair.1), ("on", ON), ("body", text)]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let p = get(&app, PAGE, &chair.0).await;
        let at = p.body.find("census").unwrap_or_else(|| panic!("{}", p.body));
        let shown = &p.body[at..at + 40];
        assert!(
            (shown.contains("&lt;b&gt;here") || shown.contains("&#60;b&#62;here")) && !p.body.contains("<b>here</b>"),
            "shown as text: {shown}"
        );
        let thread = app.store.comment_threads(None).await.unwrap().remove(0);

        // The provider's inbox: mentioned; the T09 member's: nothing (other theme, no mention).
        let inbox = get(&app, "/en/ws/inbox", &provider.0).await;
        let mentions_part =
            &inbox.body[inbox.body.find("Open threads that mention me").unwrap()..inbox.body.find("Open threads on my themes").unwrap()];
        assert!(mentions_part.contains("SEN · figure:IMM.STOCK:2020:undesa-ims"), "{}", inbox.body);
        let inbox_other = get(&app, "/en/ws/inbox", &other.0).await;
        assert!(!inbox_other.body.contains("IMM.STOCK"), "{}", inbox_other.body);

        // The provider answers in the thread; a reply to a thread elsewhere is refused.
        let id = thread.id.to_string();
        let r = post(
            &app,
            "/en/ws/discuss/SEN",
            &provider.0,
            &[
                ("csrf", &provider.1),
                ("on", ON),
                ("parent", &id),
                ("body", "Checked: the census counts foreign-born, UN DESA citizenship."),
            ],
        )
        .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let r =
            post(&app, "/en/ws/discuss/SEN", &provider.0, &[("csrf", &provider.1), ("on", "section:A.1"), ("parent", &id), ("body", "x")])
                .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        let p = get(&app, PAGE, &chair.0).await;
        assert!(p.body.contains("Checked: the census counts foreign-born"));

        // Resolving: the provider neither wrote the thread nor resolves; the chair does, once.
        let resolve = |who: &(String, String), v: &'static str| {
            let (s, c) = (who.0.clone(), who.1.clone());
            let uri = format!("/en/ws/discuss/SEN/thread/{}", thread.id);
            let app = &app;
            async move { post(app, &uri, &s, &[("csrf", &c), ("resolved", v)]).await.status }
        };
        assert_eq!(resolve(&provider, "1").await, StatusCode::FORBIDDEN);
        assert_eq!(resolve(&chair, "1").await, StatusCode::SEE_OTHER);
        assert_eq!(resolve(&chair, "1").await, StatusCode::CONFLICT);
        assert!(get(&app, PAGE, &chair.0).await.body.contains("#1 · resolved"));
        // A resolved thread leaves the inbox; reopened, it comes back.
        assert!(!get(&app, "/en/ws/inbox", &provider.0).await.body.contains("IMM.STOCK"));
        assert_eq!(resolve(&chair, "0").await, StatusCode::SEE_OTHER);
        assert!(get(&app, "/en/ws/inbox", &provider.0).await.body.contains("IMM.STOCK"));

        // A section's discussion is reached from the narrative editor.
        let chair_edit = get(&app, "/en/ws/narrative/SEN/A.1/en", &chair.0).await;
        assert!(chair_edit.body.contains("/en/ws/discuss/SEN?on=section:A.1"));
        assert_eq!(get(&app, "/en/ws/discuss/SEN?on=section:A.1", &chair.0).await.status, StatusCode::OK);

        let head = app.store.audit_head().await.unwrap();
        let rows = app.store.audit_rows(None).await.unwrap();
        assert_eq!(verify_chain(&rows, head.count, &head.last), Ok(head.count));
        let actions: Vec<&str> = rows.iter().filter(|r| r.target == format!("comment:SEN:{ON}")).map(|r| r.action.as_str()).collect();
        assert_eq!(actions, ["comment.create", "comment.reply", "comment.resolve", "comment.reopen"]);
    });
}
