//! The registry in the TWG workspace: Senegal's secretariat adds the status of an instrument
//! the public files do not give, with its source; the entry shows on the public policy page and
//! in the audit trail; a save over a version someone else changed is a 409; the form needs its
//! CSRF token; a provider and another country's secretariat are refused.

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use mp_domain::{AreaRegistry, Framework, Iso3};
use mp_store::{Actor, Store};
use mp_web::AppState;
use mp_workspace::{Membership, Role, ThemeSet, hash_password};
use tower::ServiceExt;

const PW: &str = "twelve chars pw";

fn fw_areas() -> &'static (Framework, AreaRegistry) {
    mp_ingest::framework_dir::testing::fixture()
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
    let (fw, areas) = fw_areas();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("ws.db").display().to_string()).await.unwrap();
    store.load_framework(fw, areas).await.unwrap();
    let cli = Actor { id: None, name: "cli:test".into() };
    let sen = Iso3::parse("SEN").unwrap();
    let mli = Iso3::parse("MLI").unwrap();
    store.twg_set(&sen, "GTT Sénégal", false, &cli).await.unwrap();
    store.twg_set(&mli, "GTT Mali", false, &cli).await.unwrap();
    let ansd = store.org_add("ansd", "Agence nationale de la statistique et de la démographie", &cli).await.unwrap();
    let hash = hash_password(PW).unwrap();
    let users = [
        ("secretariat", Membership::new(Role::Secretariat, Some(sen.clone()), ThemeSet::All, None).unwrap()),
        ("mali", Membership::new(Role::Secretariat, Some(mli), ThemeSet::All, None).unwrap()),
        ("provider", Membership::new(Role::Provider, Some(sen), ThemeSet::parse("T01").unwrap(), Some(ansd.id)).unwrap()),
    ];
    for (login, m) in &users {
        store.user_add(login, login, &hash, &cli).await.unwrap();
        store.member_add(login, m, &cli).await.unwrap();
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
    fn field(&self, name: &str) -> String {
        let pat = format!("name=\"{name}\" value=\"");
        let at = self.body.find(&pat).unwrap_or_else(|| panic!("no {name} field in {}", self.body));
        let rest = &self.body[at + pat.len()..];
        rest[..rest.find('"').unwrap()].to_string()
    }
}

async fn send(app: &App, method: &str, uri: &str, cookie: &str, body: String) -> Res {
    let mut req = Request::builder().method(method).uri(uri);
    if !cookie.is_empty() {
        req = req.header(header::COOKIE, cookie);
    }
    if method == "POST" {
        req = req.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    }
    let res = app.router.clone().oneshot(req.body(Body::from(body)).unwrap()).await.unwrap();
    let (parts, body) = res.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX).await.unwrap().to_vec();
    Res { status: parts.status, headers: parts.headers, body: String::from_utf8_lossy(&body).into_owned() }
}

fn form(pairs: &[(&str, &str)]) -> String {
    let enc = |v: &str| -> String {
        v.bytes()
            .map(|b| if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
            .collect()
    };
    pairs.iter().map(|(k, v)| format!("{k}={}", enc(v))).collect::<Vec<_>>().join("&")
}

async fn sign_in(app: &App, login: &str) -> String {
    let page = send(app, "GET", "/en/ws/sign-in", "", String::new()).await;
    let pre = page.cookie("mp_signin").unwrap();
    let res = send(
        app,
        "POST",
        "/en/ws/sign-in",
        &format!("mp_signin={pre}"),
        form(&[("login", login), ("password", PW), ("csrf", &page.field("csrf"))]),
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{login}: {}", res.body);
    format!("mp_session={}", res.cookie("mp_session").unwrap())
}

fn palermo<'a>(csrf: &'a str, version: &'a str, year: &'a str) -> Vec<(&'static str, &'a str)> {
    vec![
        ("csrf", csrf),
        ("country", "SEN"),
        ("version", version),
        ("instrument", "PALERMO_TIP"),
        ("status", "ratified"),
        ("year", year),
        ("source", "Fixture gazette, 2003-10-27"),
        ("kind", "protocol"),
        ("short", "Palermo TIP"),
        ("title", "Fixture Trafficking Protocol"),
        ("themes", "T01 T05"),
    ]
}

#[test]
fn the_secretariat_adds_a_status_with_its_source_audited_and_versioned() {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    rt.block_on(async {
        let app = app().await;
        let sec = sign_in(&app, "secretariat").await;
        let home = send(&app, "GET", "/en/ws/", &sec, String::new()).await;
        assert!(home.body.contains("href=\"/en/ws/registry\""), "the workspace home links to the registry");
        let page = send(&app, "GET", "/en/ws/registry", &sec, String::new()).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        let csrf = page.field("csrf");
        // Without the token nothing is saved.
        let r = send(&app, "POST", "/en/ws/registry", &sec, form(&palermo("wrong", "", "2003"))).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        // A status without its source is refused, naming the field.
        let mut nosource = palermo(&csrf, "", "2003");
        nosource.retain(|(k, _)| *k != "source");
        let r = send(&app, "POST", "/en/ws/registry", &sec, form(&nosource)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("source"), "{}", r.body);

        let r = send(&app, "POST", "/en/ws/registry", &sec, form(&palermo(&csrf, "", "2003"))).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let audit = app.store.audit_rows(Some("registry status PALERMO_TIP SEN")).await.unwrap();
        assert_eq!(audit.len(), 1);
        assert_eq!(audit[0].actor_name, "secretariat");
        assert!(audit[0].after.contains("Fixture gazette"), "{}", audit[0].after);

        // The public policy page shows it with its source.
        let public = send(&app, "GET", "/en/policy/SEN", "", String::new()).await;
        assert!(public.body.contains("Fixture Trafficking Protocol (Palermo TIP)"), "{}", public.body);
        assert!(public.body.contains("Registry entries of the Technical Working Group (SEN)"));

        // Editing: the form carries the version; a save over a stale version is a 409.
        let edit = send(&app, "GET", "/en/ws/registry?country=SEN&instrument=PALERMO_TIP", &sec, String::new()).await;
        let version = edit.field("version");
        assert!(!version.is_empty());
        let r = send(&app, "POST", "/en/ws/registry", &sec, form(&palermo(&csrf, &version, "2004"))).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let r = send(&app, "POST", "/en/ws/registry", &sec, form(&palermo(&csrf, &version, "2005"))).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
        assert!(r.body.contains("secretariat"), "the 409 names who saved first: {}", r.body);
        let view = app.store.registry_view(&[mp_domain::AreaCode::parse("SEN").unwrap()]).await.unwrap();
        assert_eq!(view.ratifications[0].entry.year, Some(2004), "the stale save changed nothing");
        assert_eq!(app.store.audit_rows(Some("registry status PALERMO_TIP SEN")).await.unwrap().len(), 2);

        // Another country's secretariat and a provider may not edit Senegal's registry.
        for who in ["mali", "provider"] {
            let s = sign_in(&app, who).await;
            let r = send(&app, "GET", "/en/ws/registry?country=SEN", &s, String::new()).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{who}");
        }
    });
}
