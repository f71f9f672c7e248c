//! The TWG workspace through the router: sign-in (new session id, throttling and lock-out),
//! CSRF refusal, roles and scopes (403, and 404 where a submission must not be known), API
//! token revocation, and a Senegal submission from a filled template through every step to
//! publication, the public API showing its figure only after publication.

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use mp_domain::{AreaRegistry, Framework, IndicatorCode, Iso3, Lang, ThemeCode};
use mp_export::template::{Prefill, PrefillRow, PrefillValue, write_template_prefilled};
use mp_store::{Actor, Store};
use mp_web::AppState;
use mp_workspace::{Membership, Role, ThemeSet, hash_password, verify_chain};
use tower::ServiceExt;

const PW: &str = "twelve chars pw";

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
    _dir: Option<tempfile::TempDir>,
}

async fn app() -> App {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = app_at(&dir.path().join("ws.db").display().to_string(), true).await;
    app._dir = Some(dir);
    app
}

/// The framework's validation rules, as `mprofile serve` loads them.
fn rules(fw: &Framework) -> mp_quality::RuleSet {
    let path = mp_ingest::framework_dir::testing::repo_root().join("framework").join(mp_quality::rules::RULES_FILE);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    mp_quality::RuleSet::parse(&text, mp_quality::rules::RULES_FILE, fw).unwrap_or_else(|e| panic!("{e}"))
}

/// An application on the store at `url`; `seed` loads the framework, the TWGs and the users.
async fn app_at(url: &str, seed: bool) -> App {
    // Plain HTTP in tests: the session cookie goes without `Secure`.
    // SAFETY of the environment change: every test of this binary sets the same value.
    unsafe { std::env::set_var(mp_web::pages::COOKIE_SECURE_ENV, "0") };
    let (fw, areas) = fw_areas();
    let store = Store::open(url).await.unwrap_or_else(|e| panic!("{e}"));
    let state = AppState::new(store.clone(), fw.clone(), areas.clone(), template("iom-2011", fw), template("regional", fw))
        .with_uploads(std::sync::Arc::new(mp_ingest::national::upload::NationalReader))
        .with_rules(rules(fw));
    let app = App { router: mp_web::router(state), store: store.clone(), _dir: None };
    if !seed {
        return app;
    }
    store.load_framework(fw, areas).await.unwrap_or_else(|e| panic!("{e}"));
    let cli = Actor { id: None, name: "cli:test".into() };
    let sen = Iso3::parse("SEN").unwrap();
    let mli = Iso3::parse("MLI").unwrap();
    store.twg_set(&sen, "GTT Sénégal", false, &cli).await.unwrap();
    store.twg_set(&mli, "GTT Mali", false, &cli).await.unwrap();
    let ansd = store.org_add("ansd", "Agence nationale de la statistique et de la démographie", &cli).await.unwrap();
    let dgase = store.org_add("dgase", "Direction générale d'appui aux Sénégalais de l'extérieur", &cli).await.unwrap();
    let hash = hash_password(PW).unwrap();
    let t04 = ThemeSet::parse("T04").unwrap();
    let users: Vec<(&str, Membership)> = vec![
        ("provider", Membership::new(Role::Provider, Some(sen.clone()), t04.clone(), Some(ansd.id)).unwrap()),
        ("other-org", Membership::new(Role::Provider, Some(sen.clone()), t04.clone(), Some(dgase.id)).unwrap()),
        ("chair", Membership::new(Role::Chair, Some(sen.clone()), t04.clone(), None).unwrap()),
        ("chair-t01", Membership::new(Role::Chair, Some(sen.clone()), ThemeSet::parse("T01").unwrap(), None).unwrap()),
        ("secretariat", Membership::new(Role::Secretariat, Some(sen.clone()), ThemeSet::All, None).unwrap()),
        ("validator", Membership::new(Role::Validator, Some(sen.clone()), ThemeSet::All, None).unwrap()),
        ("reader", Membership::new(Role::Reader, Some(sen.clone()), ThemeSet::All, None).unwrap()),
        ("mali", Membership::new(Role::Secretariat, Some(mli.clone()), ThemeSet::All, None).unwrap()),
        ("locked", Membership::new(Role::Reader, Some(sen.clone()), ThemeSet::All, None).unwrap()),
        ("admin", Membership::new(Role::Admin, None, ThemeSet::All, None).unwrap()),
    ];
    for (login, m) in &users {
        store.user_add(login, login, &hash, &cli).await.unwrap();
        store.member_add(login, m, &cli).await.unwrap();
    }
    app
}

struct Res {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

impl Res {
    fn location(&self) -> &str {
        self.headers.get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or("")
    }
    /// The value a `Set-Cookie` gives `name`.
    fn cookie(&self, name: &str) -> Option<String> {
        self.headers.get_all(header::SET_COOKIE).iter().filter_map(|v| v.to_str().ok()).find_map(|v| {
            let (kv, _) = v.split_once(';').unwrap_or((v, ""));
            let (k, val) = kv.split_once('=')?;
            (k == name).then(|| val.to_string())
        })
    }
    /// The first hidden `csrf` field of the page.
    fn csrf(&self) -> String {
        let at = self.body.find("name=\"csrf\" value=\"").unwrap_or_else(|| panic!("no csrf field in {}", self.body));
        let rest = &self.body[at + 19..];
        rest[..rest.find('"').unwrap()].to_string()
    }
}

async fn send(app: &App, method: &str, uri: &str, cookie: &str, headers: &[(&str, &str)], body: Body, ctype: &str) -> Res {
    let mut req = Request::builder().method(method).uri(uri);
    if !cookie.is_empty() {
        req = req.header(header::COOKIE, cookie);
    }
    if !ctype.is_empty() {
        req = req.header(header::CONTENT_TYPE, ctype);
    }
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let res = app.router.clone().oneshot(req.body(body).unwrap()).await.unwrap();
    let (parts, body) = res.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX).await.unwrap().to_vec();
    Res { status: parts.status, headers: parts.headers, body: String::from_utf8_lossy(&body).into_owned() }
}

async fn get(app: &App, uri: &str, cookie: &str) -> Res {
    send(app, "GET", uri, cookie, &[], Body::empty(), "").await
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
    send(app, "POST", uri, cookie, &[], Body::from(form(pairs)), "application/x-www-form-urlencoded").await
}

/// Signs in through the form; returns the answer and the session cookie header to send.
async fn try_sign_in(app: &App, login: &str, password: &str, planted: Option<&str>) -> (Res, String) {
    let page = get(app, "/en/ws/sign-in", "").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let pre = page.cookie("mp_signin").expect("the sign-in form sets its CSRF cookie");
    let mut cookie = format!("mp_signin={pre}");
    if let Some(p) = planted {
        cookie.push_str(&format!("; mp_session={p}"));
    }
    let res = post(app, "/en/ws/sign-in", &cookie, &[("login", login), ("password", password), ("csrf", &page.csrf())]).await;
    let session = res.cookie("mp_session").map(|s| format!("mp_session={s}")).unwrap_or_default();
    (res, session)
}

async fn sign_in(app: &App, login: &str) -> String {
    let (res, session) = try_sign_in(app, login, PW, None).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{login}: {}", res.body);
    assert_eq!(res.location(), "/en/ws/");
    session
}

async fn csrf_of(app: &App, session: &str) -> String {
    let home = get(app, "/en/ws/", session).await;
    assert_eq!(home.status, StatusCode::OK, "{}", home.body);
    home.csrf()
}

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime")
}

#[test]
fn sign_in_makes_a_new_session_and_sign_out_ends_it() {
    if !have_data() {
        return;
    }
    rt().block_on(async {
        let app = app().await;
        // Unknown sessions go to sign-in.
        let r = get(&app, "/en/ws/", "mp_session=0123456789abcdef").await;
        assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/en/ws/sign-in"));
        // A session id planted before sign-in is never the one signed in.
        let planted = "a".repeat(64);
        let (res, session) = try_sign_in(&app, "reader", PW, Some(&planted)).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
        assert!(!session.is_empty() && !session.contains(&planted), "{session}");
        let set = res.headers.get_all(header::SET_COOKIE).iter().map(|v| v.to_str().unwrap().to_string()).collect::<Vec<_>>().join("\n");
        assert!(set.contains("HttpOnly") && set.contains("SameSite=Strict"), "{set}");
        assert_eq!(get(&app, "/en/ws/", &format!("mp_session={planted}")).await.status, StatusCode::SEE_OTHER);
        let home = get(&app, "/en/ws/", &session).await;
        assert_eq!(home.status, StatusCode::OK);
        assert!(home.body.contains("Signed in as reader"), "{}", home.body);
        assert_eq!(home.headers.get(header::CACHE_CONTROL).unwrap(), "no-store");
        // French and Portuguese pages too.
        assert!(get(&app, "/fr/ws/", &session).await.body.contains("Connecté en tant que reader"));
        assert!(get(&app, "/pt/ws/", &session).await.body.contains("Sessão iniciada como reader"));
        // Sign-out with a wrong token is refused and changes nothing; with the right one it ends the session.
        let csrf = home.csrf();
        assert_eq!(post(&app, "/en/ws/sign-out", &session, &[("csrf", "forged")]).await.status, StatusCode::FORBIDDEN);
        assert_eq!(post(&app, "/en/ws/sign-out", &session, &[]).await.status, StatusCode::FORBIDDEN);
        assert_eq!(get(&app, "/en/ws/", &session).await.status, StatusCode::OK);
        assert_eq!(post(&app, "/en/ws/sign-out", &session, &[("csrf", &csrf)]).await.status, StatusCode::SEE_OTHER);
        assert_eq!(get(&app, "/en/ws/", &session).await.status, StatusCode::SEE_OTHER);
        // The sign-in form itself is refused without its cookie (another site cannot sign a browser in).
        let r = post(&app, "/en/ws/sign-in", "", &[("login", "reader"), ("password", PW), ("csrf", "x")]).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert!(r.cookie("mp_session").is_none());
    });
}

#[test]
fn repeated_failures_lock_the_account_and_the_audit_says_so() {
    if !have_data() {
        return;
    }
    rt().block_on(async {
        let app = app().await;
        let (r, _) = try_sign_in(&app, "nobody", PW, None).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        assert!(r.body.contains("Wrong sign-in name or password"));
        for i in 1..=5 {
            let (r, s) = try_sign_in(&app, "locked", "wrong password!", None).await;
            assert!(s.is_empty());
            let want = if i < 5 { StatusCode::UNAUTHORIZED } else { StatusCode::TOO_MANY_REQUESTS };
            assert_eq!(r.status, want, "attempt {i}");
        }
        // Locked: even the right password is refused for now.
        let (r, s) = try_sign_in(&app, "locked", PW, None).await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(s.is_empty() && r.body.contains("locked for 15 minutes"), "{}", r.body);
        let actions: Vec<String> = app.store.audit_rows(None).await.unwrap().into_iter().map(|r| r.action).collect();
        assert_eq!(actions.iter().filter(|a| *a == "sign_in.failed").count(), 4);
        assert_eq!(actions.iter().filter(|a| *a == "sign_in.locked").count(), 1);
    });
}

/// Signs in through the form from the client address `peer`, as the portal's server tells it.
async fn try_sign_in_from(app: &App, login: &str, password: &str, peer: &str) -> Res {
    let page = get(app, "/en/ws/sign-in", "").await;
    let pre = page.cookie("mp_signin").expect("the sign-in form sets its CSRF cookie");
    let mut req = Request::builder()
        .method("POST")
        .uri("/en/ws/sign-in")
        .header(header::COOKIE, format!("mp_signin={pre}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(form(&[("login", login), ("password", password), ("csrf", &page.csrf())])))
        .unwrap();
    let addr: std::net::SocketAddr = peer.parse().unwrap();
    req.extensions_mut().insert(axum::extract::ConnectInfo(addr));
    let res = app.router.clone().oneshot(req).await.unwrap();
    let (status, headers) = (res.status(), res.headers().clone());
    let body = String::from_utf8_lossy(&axum::body::to_bytes(res.into_body(), 1 << 22).await.unwrap()).into_owned();
    Res { status, headers, body }
}

#[test]
fn repeated_failures_from_one_address_throttle_that_address() {
    if !have_data() {
        return;
    }
    rt().block_on(async {
        let app = app().await;
        // Twenty wrong passwords spread over many names (no account reaches its own lock-out).
        let names = ["reader", "chair", "validator", "nobody", "provider"];
        for i in 0..20 {
            let r = try_sign_in_from(&app, names[i % names.len()], "wrong password!", "198.51.100.7:40000").await;
            assert_eq!(r.status, StatusCode::UNAUTHORIZED, "attempt {}: {}", i + 1, r.body);
        }
        // Now that address is refused even with the right password, before any password check.
        let r = try_sign_in_from(&app, "secretariat", PW, "198.51.100.7:40001").await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.body);
        assert!(r.body.contains("Too many failed sign-ins from this address") && r.cookie("mp_session").is_none(), "{}", r.body);
        // Another address signs in as usual.
        let r = try_sign_in_from(&app, "secretariat", PW, "203.0.113.9:50000").await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert!(r.cookie("mp_session").is_some());
        let rows = app.store.audit_rows(Some("ip:198.51.100.7")).await.unwrap();
        assert_eq!(rows.iter().map(|r| r.action.as_str()).collect::<Vec<_>>(), ["sign_in.throttled"]);
    });
}

#[test]
fn api_tokens_work_until_revoked() {
    if !have_data() {
        return;
    }
    rt().block_on(async {
        let app = app().await;
        let s = sign_in(&app, "provider").await;
        let csrf = csrf_of(&app, &s).await;
        assert_eq!(post(&app, "/en/ws/tokens", &s, &[("label", "nightly upload")]).await.status, StatusCode::FORBIDDEN);
        let page = post(&app, "/en/ws/tokens", &s, &[("csrf", &csrf), ("label", "nightly upload")]).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        let at = page.body.find("<code>").unwrap() + 6;
        let token = page.body[at..at + 64].to_string();
        let bearer = format!("Bearer {token}");
        let me = send(&app, "GET", "/ws/api/me", "", &[("authorization", &bearer)], Body::empty(), "").await;
        assert_eq!(me.status, StatusCode::OK, "{}", me.body);
        assert!(me.body.contains("\"login\":\"provider\""), "{}", me.body);
        let stored = app.store.tokens(1).await.unwrap();
        let id = stored.iter().find(|t| t.label == "nightly upload").expect("token listed").id;
        // Another user cannot revoke it.
        let other = sign_in(&app, "reader").await;
        let other_csrf = csrf_of(&app, &other).await;
        let r = post(&app, &format!("/en/ws/tokens/{id}/revoke"), &other, &[("csrf", &other_csrf)]).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        let r = post(&app, &format!("/en/ws/tokens/{id}/revoke"), &s, &[("csrf", &csrf)]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let me = send(&app, "GET", "/ws/api/me", "", &[("authorization", &bearer)], Body::empty(), "").await;
        assert_eq!(me.status, StatusCode::UNAUTHORIZED);
        let none = send(&app, "GET", "/ws/api/me", "", &[], Body::empty(), "").await;
        assert_eq!(none.status, StatusCode::UNAUTHORIZED);
    });
}

fn ind(s: &str) -> IndicatorCode {
    IndicatorCode::parse(s).unwrap()
}

/// A Senegal template for theme T04, filled in code as a ministry would fill it.
fn filled_template(value: PrefillValue) -> Vec<u8> {
    filled_rows(vec![("IMM.STOCK", &[], value), ("IMM.STOCK", &[("SEX", "F — Féminin")], PrefillValue::Number(140_321.0))])
}

/// One filled row: indicator, dimensions (code — label), value.
type Row<'a> = (&'a str, &'a [(&'a str, &'a str)], PrefillValue);

/// A Senegal template for theme T04 with these rows for 2023.
fn filled_rows(rows: Vec<Row<'_>>) -> Vec<u8> {
    let (fw, areas) = fw_areas();
    let row = |indicator: &str, dims: &[(&str, &str)], value: PrefillValue| PrefillRow {
        indicator: ind(indicator),
        period: "2023".into(),
        dims: dims.iter().map(|(d, v)| (d.to_string(), v.to_string())).collect(),
        value,
        status: String::new(),
        footnote: String::new(),
    };
    let fill = Prefill {
        source_name: "Recensement général de la population".into(),
        publisher: "ANSD".into(),
        licence: "CC BY 4.0".into(),
        vintage: "2023".into(),
        short_code: String::new(),
        rows: rows.into_iter().map(|(i, d, v)| row(i, d, v)).collect(),
    };
    write_template_prefilled(
        fw,
        areas,
        &mp_domain::AreaCode::parse("SEN").unwrap(),
        Some(&ThemeCode::parse("T04").unwrap()),
        Lang::Fr,
        &fill,
    )
    .unwrap()
}

fn multipart(csrf: &str, country: &str, name: &str, file: &[u8]) -> (Body, String) {
    let b = "mprofileboundary7d1";
    let mut body = Vec::new();
    for (k, v) in [("csrf", csrf), ("country", country)] {
        body.extend_from_slice(format!("--{b}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes());
    }
    body.extend_from_slice(
        format!(
            "--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{b}--\r\n").as_bytes());
    (Body::from(body), format!("multipart/form-data; boundary={b}"))
}

async fn upload(app: &App, session: &str, csrf: &str, country: &str, name: &str, file: &[u8]) -> Res {
    let (body, ctype) = multipart(csrf, country, name, file);
    send(app, "POST", "/en/ws/upload", session, &[], body, &ctype).await
}

async fn version(app: &App, id: i64) -> String {
    app.store.submission(id).await.unwrap().unwrap().version.to_string()
}

async fn step(app: &App, session: &str, id: i64, decision: &str, reason: &str) -> Res {
    let csrf = csrf_of(app, session).await;
    let v = version(app, id).await;
    post(
        app,
        &format!("/en/ws/submission/{id}/step"),
        session,
        &[("csrf", &csrf), ("version", &v), ("decision", decision), ("reason", reason)],
    )
    .await
}

const API: &str = "/api/v1/observations?indicator=IMM.STOCK&area=SEN&period=2023&dim=*";

#[test]
fn a_senegal_submission_from_template_to_publication() {
    if !have_data() {
        return;
    }
    rt().block_on(async {
        let app = app().await;
        let provider = sign_in(&app, "provider").await;
        let csrf = csrf_of(&app, &provider).await;

        // Refused uploads change nothing: a bad cell is named with its row and column, a
        // non-workbook named .xlsx and an unknown type are refused by their first bytes.
        let bad = upload(&app, &provider, &csrf, "SEN", "rgph.xlsx", &filled_template(PrefillValue::Text("beaucoup".into()))).await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
        assert!(bad.body.contains("beaucoup") && bad.body.contains("IMM.STOCK"), "{}", bad.body);
        let fake = upload(&app, &provider, &csrf, "SEN", "x.xlsx", b"not a zip").await;
        assert_eq!(fake.status, StatusCode::UNPROCESSABLE_ENTITY);
        let exe = upload(&app, &provider, &csrf, "SEN", "x.exe", b"MZ").await;
        assert_eq!(exe.status, StatusCode::UNPROCESSABLE_ENTITY);
        // Without the CSRF token, or for a country outside the role: refused.
        assert_eq!(upload(&app, &provider, "forged", "SEN", "rgph.xlsx", b"x").await.status, StatusCode::FORBIDDEN);
        assert_eq!(upload(&app, &provider, &csrf, "MLI", "rgph.xlsx", b"x").await.status, StatusCode::FORBIDDEN);
        assert!(app.store.submissions(None).await.unwrap().is_empty());

        // The fixed file: a draft, its figures staged, not public.
        let ok = upload(&app, &provider, &csrf, "SEN", "rgph.xlsx", &filled_template(PrefillValue::Number(287_654.0))).await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
        let id: i64 = ok.location().rsplit('/').next().unwrap().parse().unwrap();
        let page = get(&app, &format!("/en/ws/submission/{id}"), &provider).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(page.body.contains("287,654") && page.body.contains("2 new, 0 revised, 0 unchanged"), "{}", page.body);
        assert!(page.body.len() < 150 * 1024);
        let public = get(&app, API, "").await;
        assert!(!public.body.contains("287654") && !public.body.contains("nat-sen-ansd"), "{}", public.body);

        // Outside the country's TWG the submission does not exist; inside, roles decide.
        let mali = sign_in(&app, "mali").await;
        assert_eq!(get(&app, &format!("/en/ws/submission/{id}"), &mali).await.status, StatusCode::NOT_FOUND);
        assert_eq!(step(&app, &mali, id, "advance", "").await.status, StatusCode::NOT_FOUND);
        let reader = sign_in(&app, "reader").await;
        assert_eq!(get(&app, &format!("/en/ws/submission/{id}"), &reader).await.status, StatusCode::OK);
        assert_eq!(step(&app, &reader, id, "advance", "").await.status, StatusCode::FORBIDDEN);
        let other_org = sign_in(&app, "other-org").await;
        assert_eq!(step(&app, &other_org, id, "advance", "").await.status, StatusCode::FORBIDDEN);

        // Provider submits; a chair of other themes cannot review; the T04 chair sends it back, then reviews.
        assert_eq!(step(&app, &provider, id, "advance", "").await.status, StatusCode::SEE_OTHER);
        let chair_t01 = sign_in(&app, "chair-t01").await;
        assert_eq!(step(&app, &chair_t01, id, "advance", "").await.status, StatusCode::FORBIDDEN);
        let chair = sign_in(&app, "chair").await;
        let secretariat = sign_in(&app, "secretariat").await;
        assert_eq!(step(&app, &secretariat, id, "advance", "").await.status, StatusCode::FORBIDDEN, "not before the review");
        assert_eq!(step(&app, &chair, id, "back", "").await.status, StatusCode::BAD_REQUEST, "a send-back needs a reason");
        assert_eq!(step(&app, &chair, id, "back", "Source year?").await.status, StatusCode::SEE_OTHER);
        assert!(get(&app, &format!("/en/ws/submission/{id}"), &provider).await.body.contains("Source year?"));
        assert_eq!(step(&app, &provider, id, "advance", "").await.status, StatusCode::SEE_OTHER);
        assert_eq!(step(&app, &chair, id, "advance", "").await.status, StatusCode::SEE_OTHER);

        // Two members on the same version: the second gets a conflict naming the first.
        let csrf_s = csrf_of(&app, &secretariat).await;
        let stale = version(&app, id).await;
        let first = post(
            &app,
            &format!("/en/ws/submission/{id}/step"),
            &secretariat,
            &[("csrf", &csrf_s), ("version", &stale), ("decision", "advance")],
        )
        .await;
        assert_eq!(first.status, StatusCode::SEE_OTHER);
        let second = post(
            &app,
            &format!("/en/ws/submission/{id}/step"),
            &secretariat,
            &[("csrf", &csrf_s), ("version", &stale), ("decision", "advance")],
        )
        .await;
        assert_eq!(second.status, StatusCode::CONFLICT, "{}", second.body);
        assert!(second.body.contains("secretariat") && second.body.contains("approved"), "{}", second.body);

        let validator = sign_in(&app, "validator").await;
        assert_eq!(step(&app, &secretariat, id, "advance", "").await.status, StatusCode::FORBIDDEN, "the validator validates");
        assert_eq!(step(&app, &validator, id, "advance", "").await.status, StatusCode::SEE_OTHER);
        // Still not public until the secretariat publishes.
        assert!(!get(&app, API, "").await.body.contains("nat-sen-ansd"));
        assert_eq!(step(&app, &validator, id, "advance", "").await.status, StatusCode::FORBIDDEN);
        assert_eq!(step(&app, &secretariat, id, "advance", "").await.status, StatusCode::SEE_OTHER);
        let public = get(&app, API, "").await;
        assert_eq!(public.status, StatusCode::OK);
        assert!(public.body.contains("nat-sen-ansd") && public.body.contains("287654"), "{}", public.body);
        let s = app.store.submission(id).await.unwrap().unwrap();
        assert_eq!(s.state, mp_workspace::State::Published);
        assert!(s.batch_id.is_some());
        // Published is final.
        assert_eq!(step(&app, &secretariat, id, "advance", "").await.status, StatusCode::BAD_REQUEST);
        // Every step is in the audit trail, whose chain holds.
        let steps: Vec<String> =
            app.store.audit_rows(Some(&format!("submission:{id}"))).await.unwrap().into_iter().map(|r| r.action).collect();
        assert_eq!(
            steps,
            [
                "submission.create",
                "submission.submitted",
                "submission.send_back",
                "submission.submitted",
                "submission.reviewed",
                "submission.approved",
                "submission.validated",
                "submission.published"
            ]
        );
        let head = app.store.audit_head().await.unwrap();
        assert!(verify_chain(&app.store.audit_rows(None).await.unwrap(), head.count, &head.last).is_ok());

        // The figure's history: who did each step and when, for members of the TWG only.
        let fig = "/en/ws/figure?indicator=IMM.STOCK&country=SEN&period=2023&source=nat-sen-ansd";
        let history = get(&app, fig, &reader).await;
        assert_eq!(history.status, StatusCode::OK, "{}", history.body);
        for want in
            ["287,654", "Submission", "Created", "Sent back", "Source year?", "Reviewed by the sub-group", "Approved by the secretariat"]
        {
            assert!(history.body.contains(want), "{want} missing from {}", history.body);
        }
        for who in ["provider", "chair", "secretariat", "validator"] {
            assert!(history.body.contains(&format!("<td>{who}</td>")), "{who} missing from {}", history.body);
        }
        assert!(
            history.body.contains("Validated by the statistics office") && history.body.contains("<td>Published</td>"),
            "{}",
            history.body
        );
        assert!(history.body.len() < 150 * 1024);
        let sub = get(&app, &format!("/en/ws/submission/{id}"), &reader).await.body;
        let at = sub.find("<tbody>").unwrap_or(0);
        assert!(
            sub.contains("/en/ws/figure?indicator=IMM.STOCK&#38;country=SEN&#38;period=2023"),
            "the submission's figures link to their history: {}",
            &sub[at..(at + 600).min(sub.len())]
        );
        // Outside the TWG, unknown figures and signed-out visitors: nothing is shown.
        assert_eq!(get(&app, fig, &mali).await.status, StatusCode::NOT_FOUND);
        assert_eq!(get(&app, &fig.replace("SEN", "MLI"), &reader).await.status, StatusCode::NOT_FOUND);
        assert_eq!(get(&app, &fig.replace("IMM.STOCK", "NO.SUCH"), &reader).await.status, StatusCode::NOT_FOUND);
        assert_eq!(get(&app, fig, "").await.status, StatusCode::SEE_OTHER);
    });
}

#[test]
fn secretariats_manage_their_country_and_administrators_the_platform() {
    if !have_data() {
        return;
    }
    rt().block_on(async {
        let app = app().await;
        let sec = sign_in(&app, "secretariat").await;
        let csrf = csrf_of(&app, &sec).await;
        let page = get(&app, "/en/ws/members", &sec).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(page.body.contains("provider") && !page.body.contains(">mali<"), "Senegal's members only");
        let add =
            |c: &'static str, role: &'static str| [("op", "add"), ("login", "reader"), ("role", role), ("country", c), ("themes", "")];
        let ok = post(&app, "/en/ws/members", &sec, &[add("SEN", "validator").as_slice(), &[("csrf", csrf.as_str())]].concat()).await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
        let reader = app.store.user_auth("reader").await.unwrap().unwrap();
        assert!(app.store.memberships(reader.id).await.unwrap().iter().any(|m| m.role == Role::Validator));
        // Another country, the administrator's role, accounts: not the secretariat's.
        for form in [add("MLI", "reader"), add("", "admin")] {
            let r = post(&app, "/en/ws/members", &sec, &[form.as_slice(), &[("csrf", csrf.as_str())]].concat()).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
        }
        let r = post(&app, "/en/ws/members", &sec, &[("op", "user-add"), ("login", "new"), ("password", PW), ("csrf", &csrf)]).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        // Without the form's token nothing happens.
        let r = post(&app, "/en/ws/members", &sec, add("SEN", "reader").as_slice()).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        // Members of other roles may not even open the page.
        let prov = sign_in(&app, "provider").await;
        assert_eq!(get(&app, "/en/ws/members", &prov).await.status, StatusCode::FORBIDDEN);
        // The administrator creates an account, who can then sign in.
        let admin = sign_in(&app, "admin").await;
        let acsrf = csrf_of(&app, &admin).await;
        let r = post(
            &app,
            "/en/ws/members",
            &admin,
            &[("op", "user-add"), ("login", "fatou"), ("name", "Fatou Sow"), ("password", PW), ("csrf", &acsrf)],
        )
        .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        sign_in(&app, "fatou").await;
        let r = post(&app, "/en/ws/members", &admin, &[("op", "user-disable"), ("login", "fatou"), ("csrf", &acsrf)]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let (r, _) = try_sign_in(&app, "fatou", PW, None).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    });
}

/// Requests per second and p99 latency of `uri` with `concurrency` clients for `secs` seconds,
/// in process through the router (no network).
async fn load(app: &App, uri: &str, cookie: &str, concurrency: usize, secs: u64) -> (f64, f64, usize) {
    let t0 = std::time::Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..concurrency {
        let (router, uri, cookie) = (app.router.clone(), uri.to_string(), cookie.to_string());
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            while t0.elapsed().as_secs() < secs {
                let t = std::time::Instant::now();
                let mut req = Request::builder().uri(&uri).header(header::ACCEPT_ENCODING, "gzip");
                if !cookie.is_empty() {
                    req = req.header(header::COOKIE, &cookie);
                }
                let res = router.clone().oneshot(req.body(Body::empty()).unwrap()).await.unwrap();
                assert_eq!(res.status(), StatusCode::OK);
                let _ = axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap();
                lat.push(t.elapsed().as_secs_f64());
            }
            lat
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    all.sort_by(f64::total_cmp);
    let p99 = all.get(all.len() * 99 / 100).copied().unwrap_or(0.0);
    (all.len() as f64 / t0.elapsed().as_secs_f64(), p99 * 1000.0, all.len())
}

/// `cargo test -p mp-web --test workspace -- --ignored --nocapture bench`: a signed-in member's
/// country page and the preview of a 2,000-row template (debug build, in process).
#[test]
#[ignore]
fn bench_signed_in_pages() {
    if !have_data() {
        return;
    }
    rt().block_on(async {
        let app = app().await;
        let (fw, areas) = fw_areas();
        // 2,000 rows: immigrants by country of origin and sex, 2000–2019, in the template.
        let origins: Vec<String> = areas
            .all()
            .iter()
            .filter(|a| a.code.as_str().len() == 3 && a.code.as_str() != "SEN")
            .take(50)
            .map(|a| a.code.to_string())
            .collect();
        let mut rows = Vec::new();
        'fill: for y in 2000..2020 {
            for o in &origins {
                for sex in ["F", "M"] {
                    if rows.len() == 2000 {
                        break 'fill;
                    }
                    rows.push(PrefillRow {
                        indicator: ind("IMM.STOCK"),
                        period: y.to_string(),
                        dims: vec![("COUNTERPART_AREA".into(), o.clone()), ("SEX".into(), sex.into())],
                        value: PrefillValue::Number(f64::from(y - 1990) * 10.0 + rows.len() as f64),
                        status: String::new(),
                        footnote: String::new(),
                    });
                }
            }
        }
        let fill = Prefill {
            source_name: "Registre".into(),
            publisher: "ANSD".into(),
            licence: "CC BY 4.0".into(),
            vintage: "2024".into(),
            short_code: String::new(),
            rows,
        };
        let bytes = write_template_prefilled(
            fw,
            areas,
            &mp_domain::AreaCode::parse("SEN").unwrap(),
            Some(&ThemeCode::parse("T04").unwrap()),
            Lang::En,
            &fill,
        )
        .unwrap();
        let provider = sign_in(&app, "provider").await;
        let csrf = csrf_of(&app, &provider).await;
        let t = std::time::Instant::now();
        let r = upload(&app, &provider, &csrf, "SEN", "big.xlsx", &bytes).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        eprintln!("upload and check of a 2,000-row template ({} KB): {:.2} s", bytes.len() / 1024, t.elapsed().as_secs_f64());
        let preview = r.location().to_string();
        let page = get(&app, &preview, &provider).await;
        assert!(page.body.contains("2000 new, 0 revised"), "{}", &page.body[..page.body.len().min(3000)]);
        eprintln!("preview page: {} KB", page.body.len() / 1024);
        for (what, uri) in [
            ("signed-in country page /fr/country/SEN", "/fr/country/SEN"),
            ("workspace home /en/ws/", "/en/ws/"),
            ("2,000-row preview", preview.as_str()),
        ] {
            let (rps, p99, n) = load(&app, uri, &provider, 8, 10).await;
            eprintln!("{what}: {rps:.1} requests/s, p99 {p99:.0} ms ({n} requests, 8 concurrent, 10 s)");
        }
    });
}

/// Two server processes on one PostgreSQL database (two stores, two routers, two page caches):
/// a session opened through one works through the other, a step taken through one is seen by
/// the other at once, and a publication through one shows in the other's public API.
#[test]
fn two_servers_on_one_postgresql_database() {
    let Some(admin) = std::env::var("MPROFILE_TEST_PG_URL").ok().filter(|u| !u.trim().is_empty()) else {
        assert!(std::env::var("CI").is_err(), "MPROFILE_TEST_PG_URL is required under CI");
        eprintln!("skipping PostgreSQL: MPROFILE_TEST_PG_URL unset");
        return;
    };
    if !have_data() {
        return;
    }
    rt().block_on(async {
        use sqlx::Connection;
        sqlx::any::install_default_drivers();
        let name = format!(
            "ws_two_{}_{}",
            std::process::id(),
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos()
        );
        let mut conn = sqlx::AnyConnection::connect(&admin).await.expect("connect to MPROFILE_TEST_PG_URL");
        sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut conn).await.unwrap();
        let (base, query) = admin.split_once('?').map(|(b, q)| (b.to_string(), format!("?{q}"))).unwrap_or((admin.clone(), String::new()));
        let url = format!("{}/{name}{query}", base.rsplit_once('/').map(|(p, _)| p).unwrap_or(&base));
        let a = app_at(&url, true).await;
        let b = app_at(&url, false).await;

        let s = sign_in(&a, "provider").await;
        let home_b = get(&b, "/en/ws/", &s).await;
        assert_eq!(home_b.status, StatusCode::OK, "a session opened on one server works on the other");
        let csrf = home_b.csrf();
        let r = upload(&b, &s, &csrf, "SEN", "rgph.xlsx", &filled_template(PrefillValue::Number(287_654.0))).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let id: i64 = r.location().rsplit('/').next().unwrap().parse().unwrap();
        assert_eq!(get(&a, &format!("/en/ws/submission/{id}"), &s).await.status, StatusCode::OK);
        assert_eq!(step(&a, &s, id, "advance", "").await.status, StatusCode::SEE_OTHER);
        for (login, via) in [("chair", &b), ("secretariat", &a), ("validator", &b)] {
            let session = sign_in(via, login).await;
            assert_eq!(step(via, &session, id, "advance", "").await.status, StatusCode::SEE_OTHER, "{login}");
        }
        // Both servers have built their public pages before the publication.
        assert!(!get(&a, API, "").await.body.contains("287654"));
        assert!(!get(&b, API, "").await.body.contains("287654"));
        let sec = sign_in(&b, "secretariat").await;
        assert_eq!(step(&a, &sec, id, "advance", "").await.status, StatusCode::SEE_OTHER);
        assert!(get(&b, API, "").await.body.contains("287654"), "the other server shows the publication at once");
        assert!(get(&a, API, "").await.body.contains("287654"));
        // Signing out through one server ends the session on both.
        let csrf = csrf_of(&a, &s).await;
        assert_eq!(post(&a, "/en/ws/sign-out", &s, &[("csrf", &csrf)]).await.status, StatusCode::SEE_OTHER);
        assert_eq!(get(&b, "/en/ws/", &s).await.status, StatusCode::SEE_OTHER);
        // Permissions too: a role given through one server counts at once on the other, and an
        // account disabled through one is signed out of the other.
        let reader = sign_in(&b, "reader").await;
        assert_eq!(get(&b, "/en/ws/members", &reader).await.status, StatusCode::FORBIDDEN);
        let admin = sign_in(&a, "admin").await;
        let acsrf = csrf_of(&a, &admin).await;
        let r = post(
            &a,
            "/en/ws/members",
            &admin,
            &[("op", "add"), ("login", "reader"), ("role", "secretariat"), ("country", "SEN"), ("themes", ""), ("csrf", &acsrf)],
        )
        .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(get(&b, "/en/ws/members", &reader).await.status, StatusCode::OK, "the new role counts on the other server");
        let r = post(&a, "/en/ws/members", &admin, &[("op", "user-disable"), ("login", "reader"), ("csrf", &acsrf)]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(get(&b, "/en/ws/", &reader).await.status, StatusCode::SEE_OTHER, "disabled on one server, out on the other");
        a.store.close().await;
        b.store.close().await;
        sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut conn).await.ok();
        conn.close().await.ok();
    });
}

#[test]
fn figures_typed_in_the_entry_form_are_checked_like_a_file() {
    if !have_data() {
        return;
    }
    rt().block_on(async {
        let app = app().await;
        let s = sign_in(&app, "provider").await;
        let list = get(&app, "/en/ws/entry", &s).await;
        assert_eq!(list.status, StatusCode::OK, "{}", list.body);
        assert!(list.body.contains("indicator=IMM.STOCK") && !list.body.contains("indicator=DEV.POP"), "the provider's themes only");
        assert_eq!(get(&app, "/en/ws/entry?country=SEN&indicator=DEV.POP", &s).await.status, StatusCode::FORBIDDEN);
        assert_eq!(get(&app, "/en/ws/entry?country=MLI&indicator=IMM.STOCK", &s).await.status, StatusCode::FORBIDDEN);
        let form = get(&app, "/en/ws/entry?country=SEN&indicator=IMM.STOCK", &s).await;
        assert_eq!(form.status, StatusCode::OK);
        assert!(
            form.body.contains("name=\"dim-SEX_0\"") && form.body.contains("Unit: ") && form.body.contains("<option value=\"2020\">"),
            "{}",
            form.body
        );
        assert!(form.body.len() < 150 * 1024, "{} bytes", form.body.len());
        let csrf = form.csrf();
        let base = [
            ("csrf", csrf.as_str()),
            ("country", "SEN"),
            ("indicator", "IMM.STOCK"),
            ("vintage", "2024"),
            ("period_0", "2022"),
            ("dim-SEX_0", "F"),
        ];
        let bad = post(&app, "/en/ws/entry", &s, &[&base[..], &[("value_0", "lots")]].concat()).await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
        assert!(bad.body.contains("lots") && bad.body.contains("OBS_VALUE"), "{}", bad.body);
        assert!(bad.body.contains("value=\"lots\""), "what was typed is kept");
        assert!(app.store.submissions(None).await.unwrap().is_empty());
        let good = post(&app, "/en/ws/entry", &s, &[&base[..], &[("value_0", "123456")]].concat()).await;
        assert_eq!(good.status, StatusCode::SEE_OTHER, "{}", good.body);
        let page = get(&app, good.location(), &s).await;
        assert!(page.body.contains("123,456") && page.body.contains("1 new, 0 revised"), "{}", page.body);
        let sub = app.store.submissions(None).await.unwrap().remove(0);
        assert_eq!((sub.source_code.as_str(), sub.file_kind.as_str()), ("nat-sen-ansd", "sdmx"));
        assert_eq!(post(&app, "/en/ws/entry", &s, &base[1..]).await.status, StatusCode::FORBIDDEN, "no CSRF token");
    });
}

/// Moves a submission through every step to publication; returns the last answer.
async fn publish(app: &App, id: i64) -> Res {
    for who in ["provider", "chair", "secretariat", "validator"] {
        let s = sign_in(app, who).await;
        let r = step(app, &s, id, "advance", "").await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{who}: {}", r.body);
    }
    let s = sign_in(app, "secretariat").await;
    step(app, &s, id, "advance", "").await
}

#[test]
fn rule_errors_refuse_an_upload_and_name_the_rule() {
    if !have_data() {
        return;
    }
    rt().block_on(async {
        let app = app().await;
        let provider = sign_in(&app, "provider").await;
        let csrf = csrf_of(&app, &provider).await;
        // A negative migrant stock: a number of persons below 0, named with its cell.
        let bad = upload(&app, &provider, &csrf, "SEN", "rgph.xlsx", &filled_template(PrefillValue::Number(-5.0))).await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
        assert!(bad.body.contains("rule range.persons: expected ≥ 0"), "{}", bad.body);
        assert!(bad.body.contains("IMM.STOCK!E12") && bad.body.contains("IMM.STOCK SEN 2023") && bad.body.contains("-5"), "{}", bad.body);
        assert!(bad.body.contains("A number of persons cannot be negative."), "{}", bad.body);
        let fr = {
            let (body, ctype) = multipart(&csrf, "SEN", "rgph.xlsx", &filled_template(PrefillValue::Number(-5.0)));
            send(&app, "POST", "/fr/ws/upload", &provider, &[], body, &ctype).await
        };
        assert!(fr.body.contains("Un nombre de personnes ne peut pas être négatif."), "{}", fr.body);
        assert!(app.store.submissions(None).await.unwrap().is_empty(), "nothing staged");
        assert!(!get(&app, API, "").await.body.contains("nat-sen-ansd"), "nothing published");
    });
}

#[test]
fn rule_warnings_are_shown_to_reviewers_and_stored_at_publication() {
    if !have_data() {
        return;
    }
    rt().block_on(async {
        let app = app().await;
        let provider = sign_in(&app, "provider").await;
        let csrf = csrf_of(&app, &provider).await;
        // 140,321 women and 100,000 men do not add up to 287,654 migrants: a warning only.
        let file = filled_rows(vec![
            ("IMM.STOCK", &[], PrefillValue::Number(287_654.0)),
            ("IMM.STOCK", &[("SEX", "F — Féminin")], PrefillValue::Number(140_321.0)),
            ("IMM.STOCK", &[("SEX", "M — Masculin")], PrefillValue::Number(100_000.0)),
        ]);
        let ok = upload(&app, &provider, &csrf, "SEN", "rgph.xlsx", &file).await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
        let id: i64 = ok.location().rsplit('/').next().unwrap().parse().unwrap();
        let page = get(&app, &format!("/en/ws/submission/{id}"), &provider).await;
        assert!(page.body.contains("Warnings of the validation rules") && page.body.contains("sex-sum"), "{}", page.body);
        let pt = get(&app, &format!("/pt/ws/submission/{id}"), &provider).await;
        assert!(pt.body.contains("Avisos das regras de validação"), "{}", pt.body);
        assert!(app.store.quality_flags(Some("SEN")).await.unwrap().is_empty(), "stored only at publication");
        let done = publish(&app, id).await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
        let flags = app.store.quality_flags(Some("SEN")).await.unwrap();
        assert_eq!(flags.len(), 1, "{flags:?}");
        assert_eq!(
            (flags[0].rule.as_str(), flags[0].source.as_str(), flags[0].indicator.as_str()),
            ("sex-sum", "nat-sen-ansd", "IMM.STOCK")
        );
    });
}

#[test]
fn publication_checks_the_rules_against_the_store_of_that_moment() {
    if !have_data() {
        return;
    }
    rt().block_on(async {
        let app = app().await;
        let provider = sign_in(&app, "provider").await;
        let csrf = csrf_of(&app, &provider).await;
        let ok = upload(&app, &provider, &csrf, "SEN", "rgph.xlsx", &filled_template(PrefillValue::Number(287_654.0))).await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
        let id: i64 = ok.location().rsplit('/').next().unwrap().parse().unwrap();
        // Meanwhile another source publishes a population smaller than the migrant stock.
        let csv = "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,INDICATOR,SEX,AGE,TIME_PERIOD,OBS_VALUE,OBS_STATUS,UNIT_MULT,COMMENT_OBS\r\n\
                   dataflow,MPROFILE:TEST(2023),I,SEN,DEV.POP,_T,_T,2023,1000,,0,\r\n";
        let (fw, areas) = fw_areas();
        let upload_ = mp_domain::upload::Upload {
            name: "pop.csv",
            bytes: csv.as_bytes().to_vec(),
            kind: mp_domain::upload::UploadKind::Sdmx,
            mapping: None,
        };
        let pop = mp_domain::upload::UploadReader::read(&mp_ingest::national::upload::NationalReader, upload_, fw, areas)
            .unwrap_or_else(|e| panic!("{:?}", e.problems));
        let opts = mp_store::ImportOptions { dry_run: false, command: "test".into(), origin: mp_store::Origin::National };
        app.store.import(&pop, &opts, &|_, _| {}).await.unwrap();
        let refused = publish(&app, id).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
        assert!(refused.body.contains("immigrants-le-population") && refused.body.contains("nothing was published"), "{}", refused.body);
        assert_ne!(app.store.submission(id).await.unwrap().unwrap().state, mp_workspace::State::Published);
        assert!(!get(&app, API, "").await.body.contains("nat-sen-ansd"), "nothing published");
    });
}
