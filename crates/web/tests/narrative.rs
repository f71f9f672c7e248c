//! The narrative in the TWG workspace through the router: the secretariat writes section A.1
//! in French, submits it, a sub-group chair approves it (the writer cannot), the secretariat
//! publishes it, and only then does the public country page show it, rendered safely. Also:
//! the page of missing texts, the diff between revisions, a send-back with its reason, CSRF,
//! roles and scopes (403, and 404 for another country's TWG), the audit chain and page sizes.

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use mp_domain::{AreaCode, AreaRegistry, Framework, Iso3, Lang};
use mp_store::{Actor, Store};
use mp_web::AppState;
use mp_workspace::{Membership, Role, ThemeSet, hash_password, verify_chain};
use tower::ServiceExt;

const PW: &str = "twelve chars pw";
/// The page budget.
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
    let store = Store::open(&dir.path().join("nr.db").display().to_string()).await.unwrap_or_else(|e| panic!("{e}"));
    store.load_framework(fw, areas).await.unwrap_or_else(|e| panic!("{e}"));
    let cli = Actor { id: None, name: "cli:test".into() };
    let (sen, mli) = (Iso3::parse("SEN").unwrap(), Iso3::parse("MLI").unwrap());
    store.twg_set(&sen, "GTT Sénégal", false, &cli).await.unwrap();
    store.twg_set(&mli, "GTT Mali", false, &cli).await.unwrap();
    let hash = hash_password(PW).unwrap();
    for (login, m) in [
        ("secretariat", Membership::new(Role::Secretariat, Some(sen.clone()), ThemeSet::All, None).unwrap()),
        ("chair", Membership::new(Role::Chair, Some(sen.clone()), ThemeSet::parse("T04").unwrap(), None).unwrap()),
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
    fn location(&self) -> &str {
        self.headers.get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or("")
    }
    fn cookie(&self, name: &str) -> Option<String> {
        self.headers.get_all(header::SET_COOKIE).iter().filter_map(|v| v.to_str().ok()).find_map(|v| {
            let (kv, _) = v.split_once(';').unwrap_or((v, ""));
            let (k, val) = kv.split_once('=')?;
            (k == name).then(|| val.to_string())
        })
    }
    /// The value of the first hidden field `name` after `from` in the page.
    fn field_after(&self, from: &str, name: &str) -> String {
        let start = self.body.find(from).unwrap_or_else(|| panic!("no {from} in {}", self.body));
        let pat = format!("name=\"{name}\" value=\"");
        let at = self.body[start..].find(&pat).unwrap_or_else(|| panic!("no {name} field after {from}")) + start + pat.len();
        let rest = &self.body[at..];
        rest[..rest.find('"').unwrap()].to_string()
    }
    fn csrf(&self) -> String {
        self.field_after("<", "csrf")
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
    (session.clone(), home.csrf())
}

const EDIT: &str = "/fr/ws/narrative/SEN/A.1/fr";

/// The id and version of the newest revision on the editor page.
fn newest(page: &Res) -> (i64, String) {
    let at = page.body.find("/ws/narrative-revision/").unwrap_or_else(|| panic!("no step form in {}", page.body));
    let rest = &page.body[at + "/ws/narrative-revision/".len()..];
    let id: i64 = rest[..rest.find('/').unwrap()].parse().unwrap();
    (id, page.field_after(&format!("/ws/narrative-revision/{id}/step"), "version"))
}

async fn step(app: &App, who: &(String, String), id: i64, version: &str, decision: &str, reason: &str) -> Res {
    let uri = format!("/fr/ws/narrative-revision/{id}/step");
    post(app, &uri, &who.0, &[("csrf", &who.1), ("version", version), ("decision", decision), ("reason", reason)]).await
}

#[test]
fn a_section_written_reviewed_and_published() {
    if !have_data() {
        return;
    }
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap().block_on(async {
        let app = app().await;
        let sec = sign_in(&app, "secretariat").await;
        let chair = sign_in(&app, "chair").await;
        let reader = sign_in(&app, "reader").await;
        let mali = sign_in(&app, "mali").await;

        // Nothing written: every text section is listed as missing in every language.
        let o = get(&app, "/en/ws/narrative/SEN", &sec.0).await;
        assert_eq!(o.status, StatusCode::OK, "{}", o.body);
        assert!(o.body.contains("A.1 Immigration: no published text in EN, FR, PT"), "{}", o.body);
        assert!(o.body.contains("Executive summary: no published text in EN, FR, PT"));
        // Another country's TWG does not learn of Senegal's narrative.
        assert_eq!(get(&app, "/en/ws/narrative/SEN", &mali.0).await.status, StatusCode::NOT_FOUND);
        assert_eq!(get(&app, EDIT, &mali.0).await.status, StatusCode::NOT_FOUND);
        // Unknown sections and languages are 404s; no session goes to sign-in.
        assert_eq!(get(&app, "/fr/ws/narrative/SEN/Z.9/fr", &sec.0).await.status, StatusCode::NOT_FOUND);
        assert_eq!(get(&app, "/fr/ws/narrative/SEN/A.1/de", &sec.0).await.status, StatusCode::NOT_FOUND);
        assert_eq!(get(&app, EDIT, "").await.status, StatusCode::SEE_OTHER);

        // Writing needs the CSRF token and the writer's role.
        let text1 = "L'immigration au Sénégal (texte d'essai, [voir A.1](#A.1)).\n\n<script>alert(1)</script>\n\nPremière version.";
        assert_eq!(post(&app, EDIT, &sec.0, &[("body", text1)]).await.status, StatusCode::FORBIDDEN);
        assert_eq!(post(&app, EDIT, &reader.0, &[("csrf", &reader.1), ("body", text1)]).await.status, StatusCode::FORBIDDEN);
        assert_eq!(post(&app, EDIT, &chair.0, &[("csrf", &chair.1), ("body", text1)]).await.status, StatusCode::FORBIDDEN);
        let r = post(&app, EDIT, &sec.0, &[("csrf", &sec.1), ("body", text1)]).await;
        assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, EDIT), "{}", r.body);
        let page = get(&app, EDIT, &sec.0).await;
        assert!(page.body.contains("brouillon") && page.body.contains("Soumettre pour examen"), "{}", page.body);
        let (id, v) = newest(&page);
        let r = step(&app, &sec, id, &v, "advance", "").await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

        // The writer cannot approve their own text; a reader cannot either; the chair can.
        let page = get(&app, EDIT, &sec.0).await;
        assert!(!page.body.contains(">Approuver<"), "no approve button for the writer");
        let page = get(&app, EDIT, &chair.0).await;
        assert!(page.body.contains(">Approuver<"), "{}", page.body);
        let (_, v) = newest(&page);
        assert_eq!(step(&app, &sec, id, &v, "advance", "").await.status, StatusCode::FORBIDDEN);
        assert_eq!(step(&app, &reader, id, &v, "advance", "").await.status, StatusCode::FORBIDDEN);
        assert_eq!(step(&app, &mali, id, &v, "advance", "").await.status, StatusCode::NOT_FOUND);
        assert_eq!(step(&app, &chair, id, &v, "advance", "").await.status, StatusCode::SEE_OTHER);
        // The same form sent again is a conflict naming who acted.
        let again = step(&app, &chair, id, &v, "advance", "").await;
        assert_eq!(again.status, StatusCode::CONFLICT);
        assert!(again.body.contains("chair"), "{}", again.body);

        // Approved is not published: the public page does not show it yet.
        let public = get(&app, "/fr/country/SEN", "").await;
        assert_eq!(public.status, StatusCode::OK);
        assert!(!public.body.contains("Première version"));
        let page = get(&app, EDIT, &sec.0).await;
        let (_, v) = newest(&page);
        assert_eq!(step(&app, &chair, id, &v, "advance", "").await.status, StatusCode::FORBIDDEN, "a chair does not publish");
        assert_eq!(step(&app, &sec, id, &v, "advance", "").await.status, StatusCode::SEE_OTHER);

        let public = get(&app, "/fr/country/SEN", "").await;
        assert!(public.body.contains("Première version"), "published text on the public page");
        assert!(!public.body.contains("<script>alert(1)"), "raw HTML is shown as text");
        assert!(public.body.contains("&lt;script&gt;alert(1)"));
        // Links to the evidence are links in the page, to anchors that exist.
        assert!(public.body.contains("<a href=\"#A.1\">voir A.1</a>") && public.body.contains("id=\"A.1\""), "{}", public.body);
        // The editor (here Part D's) offers the published document's sections as link targets.
        let d = get(&app, "/fr/ws/narrative/SEN/D/fr", &sec.0).await;
        assert_eq!(d.status, StatusCode::OK, "{}", d.body);
        assert!(d.body.contains("<code>[A.1](#A.1)</code>"), "{}", d.body);
        // Only the French text exists: the English page leaves the section's text out.
        assert!(!get(&app, "/en/country/SEN", "").await.body.contains("Première version"));
        let o = get(&app, "/en/ws/narrative/SEN", &sec.0).await;
        assert!(o.body.contains("A.1 Immigration: no published text in EN, PT"), "{}", o.body);

        // A second revision, sent back with a reason, and the diff between the two.
        let text2 = "L'immigration au Sénégal (texte d'essai).\n\nDeuxième version.";
        post(&app, EDIT, &sec.0, &[("csrf", &sec.1), ("body", text2)]).await;
        let page = get(&app, EDIT, &sec.0).await;
        let (id2, v2) = newest(&page);
        assert!(id2 > id);
        assert!(
            page.body.contains("<del>- Première version.</del>") && page.body.contains("<ins>+ Deuxième version.</ins>"),
            "{}",
            page.body
        );
        step(&app, &sec, id2, &v2, "advance", "").await;
        let (_, v2) = newest(&get(&app, EDIT, &chair.0).await);
        assert_eq!(step(&app, &chair, id2, &v2, "back", " ").await.status, StatusCode::BAD_REQUEST, "a send-back needs a reason");
        assert_eq!(step(&app, &chair, id2, &v2, "back", "Citer la source du chiffre").await.status, StatusCode::SEE_OTHER);
        let page = get(&app, EDIT, &sec.0).await;
        assert!(page.body.contains("Citer la source du chiffre"));
        let diff = get(&app, &format!("{EDIT}?from={id2}&to={id}"), &sec.0).await;
        assert!(diff.body.contains("<ins>+ Première version.</ins>"), "{}", diff.body);
        // The published text is still the first revision.
        let n = app.store.narrative(&AreaCode::parse("SEN").unwrap(), None).await.unwrap();
        assert!(n["A.1"][&Lang::Fr].contains("Première version"));

        // Every write is in the audit chain, narrative steps included.
        let head = app.store.audit_head().await.unwrap();
        let rows = app.store.audit_rows(None).await.unwrap();
        assert_eq!(verify_chain(&rows, head.count, &head.last), Ok(head.count));
        let actions: Vec<&str> = rows.iter().filter(|r| r.target == "narrative:SEN:A.1:fr").map(|r| r.action.as_str()).collect();
        assert_eq!(
            actions,
            [
                "narrative.revise",
                "narrative.submit",
                "narrative.approve",
                "narrative.publish",
                "narrative.revise",
                "narrative.submit",
                "narrative.send_back"
            ]
        );
    });
}
