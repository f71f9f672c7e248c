//! The registries in the TWG workspace, reviewed like data: Senegal's secretariat proposes the
//! status of an instrument the public files do not give, with its source; it is not public
//! until a chair has approved it (the proposer may not) and the secretariat has published it;
//! every step is in the audit trail; a publication over a version someone else changed is a
//! 409; a member proposes an institution linked to its workspace organisation and the
//! secretariat a project, both public once published and counted in T13; forms need their
//! CSRF token; a provider and another country's secretariat are refused. The registry workbook
//! downloaded by the secretariat and uploaded back becomes proposals under the same review, and
//! a refused workbook names the sheet, row and column of every problem.

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
        ("provider", Membership::new(Role::Provider, Some(sen.clone()), ThemeSet::parse("T01").unwrap(), Some(ansd.id)).unwrap()),
        ("chair", Membership::new(Role::Chair, Some(sen.clone()), ThemeSet::parse("T01").unwrap(), None).unwrap()),
        ("member", Membership::new(Role::Member, Some(sen), ThemeSet::All, None).unwrap()),
    ];
    for (login, m) in &users {
        store.user_add(login, login, &hash, &cli).await.unwrap();
        store.member_add(login, m, &cli).await.unwrap();
    }
    let state = AppState::new(store.clone(), fw.clone(), areas.clone(), template("iom-2011", fw), template("regional", fw))
        .with_uploads(std::sync::Arc::new(mp_ingest::national::upload::NationalReader));
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

/// The newest proposal of Senegal and its id.
async fn newest(app: &App) -> mp_store::RegistryProposal {
    app.store.registry_proposals(&mp_domain::AreaCode::parse("SEN").unwrap()).await.unwrap().into_iter().max_by_key(|p| p.id).unwrap()
}

async fn step(app: &App, who: &str, id: i64, step: &str, reason: &str) -> Res {
    let page = send(app, "GET", "/en/ws/registry?country=SEN", who, String::new()).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let body = form(&[("csrf", &page.field("csrf")), ("id", &id.to_string()), ("step", step), ("reason", reason)]);
    send(app, "POST", "/en/ws/registry/review", who, body).await
}

#[test]
fn registry_changes_are_proposed_approved_published_and_audited() {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    rt.block_on(async {
        let app = app().await;
        let sec = sign_in(&app, "secretariat").await;
        let chair = sign_in(&app, "chair").await;
        let member = sign_in(&app, "member").await;
        let home = send(&app, "GET", "/en/ws/", &sec, String::new()).await;
        assert!(home.body.contains("href=\"/en/ws/registry\""), "the workspace home links to the registry");
        let page = send(&app, "GET", "/en/ws/registry", &sec, String::new()).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(page.body.len() < 150_000, "page budget");
        assert!(!page.body.contains("<script"), "no JavaScript");
        let csrf = page.field("csrf");
        // Without the token nothing is proposed.
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
        let p = newest(&app).await;
        assert_eq!(p.state, mp_store::ProposalState::Proposed);
        // Proposed, not public.
        let public = send(&app, "GET", "/en/policy/SEN", "", String::new()).await;
        assert!(!public.body.contains("Fixture Trafficking Protocol"), "a proposal is not public");
        // The proposer may not approve its own change; the chair may not publish.
        assert_eq!(step(&app, &sec, p.id, "approve", "").await.status, StatusCode::BAD_REQUEST);
        assert_eq!(step(&app, &chair, p.id, "publish", "").await.status, StatusCode::FORBIDDEN);
        let listed = send(&app, "GET", "/en/ws/registry?country=SEN", &chair, String::new()).await;
        assert!(listed.body.contains("Fixture Trafficking Protocol") && listed.body.contains("value=\"approve\""), "{}", listed.body);
        assert_eq!(step(&app, &chair, p.id, "approve", "").await.status, StatusCode::SEE_OTHER);
        assert_eq!(step(&app, &sec, p.id, "publish", "").await.status, StatusCode::SEE_OTHER);
        let audit = app.store.audit_rows(Some("registry status PALERMO_TIP SEN")).await.unwrap();
        let steps: Vec<(&str, &str)> = audit.iter().map(|a| (a.action.as_str(), a.actor_name.as_str())).collect();
        assert_eq!(steps, [("registry.propose", "secretariat"), ("registry.approve", "chair"), ("registry.publish", "secretariat")]);
        assert!(audit[2].after.contains("Fixture gazette"), "{}", audit[2].after);

        // The public policy page shows it with its source.
        let public = send(&app, "GET", "/en/policy/SEN", "", String::new()).await;
        assert!(public.body.contains("Fixture Trafficking Protocol (Palermo TIP)"), "{}", public.body);
        assert!(public.body.contains("Registry entries of the Technical Working Group (SEN)"));

        // Two corrections from the same version: the second to be published is a 409.
        let edit = send(&app, "GET", "/en/ws/registry?country=SEN&form=status&key=PALERMO_TIP", &sec, String::new()).await;
        let version = edit.field("version");
        assert!(!version.is_empty());
        for year in ["2004", "2005"] {
            let r = send(&app, "POST", "/en/ws/registry", &sec, form(&palermo(&csrf, &version, year))).await;
            assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
            let id = newest(&app).await.id;
            assert_eq!(step(&app, &chair, id, "approve", "").await.status, StatusCode::SEE_OTHER);
        }
        let ids: Vec<i64> = app
            .store
            .registry_proposals(&mp_domain::AreaCode::parse("SEN").unwrap())
            .await
            .unwrap()
            .iter()
            .filter(|p| p.state == mp_store::ProposalState::Approved)
            .map(|p| p.id)
            .collect();
        let (first, second) = (ids.iter().min().copied().unwrap(), ids.iter().max().copied().unwrap());
        assert_eq!(step(&app, &sec, first, "publish", "").await.status, StatusCode::SEE_OTHER);
        let r = step(&app, &sec, second, "publish", "").await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
        assert!(r.body.contains("secretariat"), "the 409 names who published first: {}", r.body);
        let view = app.store.registry_view(&[mp_domain::AreaCode::parse("SEN").unwrap()]).await.unwrap();
        assert_eq!(view.ratifications[0].entry.year, Some(2004), "the stale publication changed nothing");
        // Sending back needs a reason.
        assert_eq!(step(&app, &sec, second, "reject", "").await.status, StatusCode::BAD_REQUEST);
        assert_eq!(step(&app, &sec, second, "reject", "superseded by the 2004 entry").await.status, StatusCode::SEE_OTHER);
        assert_eq!(app.store.registry_proposal(second).await.unwrap().unwrap().state, mp_store::ProposalState::Rejected);

        // A member proposes an institution linked to its workspace organisation.
        let page = send(&app, "GET", "/en/ws/registry?country=SEN&form=institution", &member, String::new()).await;
        assert!(page.body.contains("<option value=\"ansd\""), "the workspace's organisations are offered");
        let mcsrf = page.field("csrf");
        let inst = [
            ("csrf", mcsrf.as_str()),
            ("country", "SEN"),
            ("version", ""),
            ("name", "Fixture statistics agency"),
            ("acronym", "FSA"),
            ("themes", "T01 T03"),
            ("organisation", "ansd"),
            ("source", "Fixture decree No. 1, 2005"),
        ];
        let r = send(&app, "POST", "/en/ws/registry/institution", &member, form(&inst)).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let mut bad_org = inst.to_vec();
        bad_org[6] = ("organisation", "nobody");
        let r = send(&app, "POST", "/en/ws/registry/institution", &member, form(&bad_org)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "an organisation not in the workspace is refused");
        let id = newest(&app).await.id;
        assert_eq!(step(&app, &member, id, "approve", "").await.status, StatusCode::FORBIDDEN, "a member does not approve");
        assert_eq!(step(&app, &chair, id, "approve", "").await.status, StatusCode::SEE_OTHER);
        assert_eq!(step(&app, &sec, id, "publish", "").await.status, StatusCode::SEE_OTHER);
        let view = app.store.registry_view(&[mp_domain::AreaCode::parse("SEN").unwrap()]).await.unwrap();
        assert_eq!(view.institutions[0].entry.organisation.as_deref(), Some("ansd"));
        let public = send(&app, "GET", "/en/policy/SEN", "", String::new()).await;
        assert!(public.body.contains("Fixture statistics agency"), "{}", public.body);
        let ws = send(&app, "GET", "/en/ws/registry?country=SEN", &sec, String::new()).await;
        assert!(ws.body.contains("Agence nationale de la statistique et de la démographie (ansd)"), "the link to the organisation shows");

        // The secretariat proposes a project; once published it is public and counted in T13.
        let proj = [
            ("csrf", csrf.as_str()),
            ("country", "SEN"),
            ("version", ""),
            ("identifier", "XM-FIXTURE-1"),
            ("title", "Fixture reintegration project"),
            ("reporting_org", "Fixture agency"),
            ("implementing", "Fixture NGO; Fixture ministry"),
            ("countries", "MLI"),
            ("themes", "T07"),
            ("start", "2024-01-01"),
            ("status", "implementation"),
            ("budget", "250000"),
            ("currency", "usd"),
            ("source", "Fixture annual report 2024, p. 3"),
        ];
        let mut bad_date = proj.to_vec();
        bad_date[9] = ("start", "2024-13-01");
        let r = send(&app, "POST", "/en/ws/registry/project", &sec, form(&bad_date)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(r.body.contains("start"), "{}", r.body);
        let r = send(&app, "POST", "/en/ws/registry/project", &sec, form(&proj)).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let id = newest(&app).await.id;
        assert_eq!(step(&app, &chair, id, "approve", "").await.status, StatusCode::SEE_OTHER);
        assert_eq!(step(&app, &sec, id, "publish", "").await.status, StatusCode::SEE_OTHER);
        let public = send(&app, "GET", "/en/programmes/SEN", "", String::new()).await;
        assert!(public.body.contains("Fixture reintegration project"), "{}", public.body);
        let q = mp_store::ObsQuery {
            areas: vec![mp_domain::AreaCode::parse("SEN").unwrap()],
            indicator: Some(mp_domain::IndicatorCode::parse("PRJ.COUNT").unwrap()),
            ..mp_store::ObsQuery::default()
        };
        assert!(!app.store.records(&q).await.unwrap().is_empty(), "T13 is derived from the published project");

        // Another country's secretariat and a provider may not work on Senegal's registry.
        for who in ["mali", "provider"] {
            let s = sign_in(&app, who).await;
            let r = send(&app, "GET", "/en/ws/registry?country=SEN", &s, String::new()).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{who}");
        }
    });
}

async fn send_file(app: &App, uri: &str, cookie: &str, csrf: &str, file: &[u8], name: &str) -> Res {
    let b = "mprofileregistryboundary";
    let mut body = format!("--{b}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n").into_bytes();
    // The browser's claim (name and type) must not matter: the content says what the file is.
    body.extend_from_slice(
        format!("--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/pdf\r\n\r\n")
            .as_bytes(),
    );
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{b}--\r\n").as_bytes());
    let req = Request::builder()
        .method("POST")
        .uri(uri)
        .header(header::COOKIE, cookie)
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={b}"))
        .body(Body::from(body))
        .unwrap();
    let res = app.router.clone().oneshot(req).await.unwrap();
    let (parts, body) = res.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX).await.unwrap().to_vec();
    Res { status: parts.status, headers: parts.headers, body: String::from_utf8_lossy(&body).into_owned() }
}

async fn get_bytes(app: &App, uri: &str, cookie: &str) -> (StatusCode, HeaderMap, Vec<u8>) {
    let req = Request::builder().uri(uri).header(header::COOKIE, cookie).body(Body::empty()).unwrap();
    let res = app.router.clone().oneshot(req).await.unwrap();
    let (parts, body) = res.into_parts();
    (parts.status, parts.headers, axum::body::to_bytes(body, usize::MAX).await.unwrap().to_vec())
}

/// A workbook as the secretariat saves it after editing: `view`'s entries, each row's `source`
/// column empty (a new row) and its `read_at` the place it was read (hand-written test data).
fn edited(view: &mp_domain::RegistryView) -> Vec<u8> {
    mp_export::registry_workbook::write_as_of(view, None, None).unwrap()
}

fn new_row<T>(entry: T, read_at: &str) -> mp_domain::Sourced<T> {
    mp_domain::Sourced { entry, source: String::new(), vintage: String::new(), source_name: String::new(), at: read_at.into() }
}

fn agency(country: &str, name: &str) -> mp_domain::registry::Institution {
    mp_domain::registry::Institution {
        area: mp_domain::AreaCode::parse(country).unwrap(),
        name: name.into(),
        acronym: Some("FBA".into()),
        mandate: Some("Border management (fixture)".into()),
        parent: None,
        themes: vec![mp_domain::ThemeCode::parse("T01").unwrap()],
        contact: None,
        data_held: None,
        organisation: None,
        provenance: mp_domain::Provenance { file: 0, locator: String::new() },
    }
}

#[test]
fn the_registry_workbook_is_downloaded_and_uploaded_as_proposals() {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    rt.block_on(async {
        let app = app().await;
        let sec = sign_in(&app, "secretariat").await;
        let page = send(&app, "GET", "/en/ws/registry/workbook", &sec, String::new()).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(page.body.len() < 150_000 && !page.body.contains("<script"), "page budget, no JavaScript");
        assert!(page.body.contains("/en/ws/registry/workbook.xlsx?country=SEN"), "{}", page.body);
        let csrf = page.field("csrf");
        for lang in ["fr", "pt"] {
            let p = send(&app, "GET", &format!("/{lang}/ws/registry/workbook"), &sec, String::new()).await;
            assert_eq!(p.status, StatusCode::OK, "{lang}");
        }
        let reg = send(&app, "GET", "/en/ws/registry?country=SEN", &sec, String::new()).await;
        assert!(reg.body.contains("href=\"/en/ws/registry/workbook\""), "the registry page links to the workbook");

        // The download: an XLSX workbook stamped with the store's newest import batch.
        let (status, headers, bytes) = get_bytes(&app, "/en/ws/registry/workbook.xlsx?country=SEN", &sec).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers[header::CONTENT_TYPE], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assert!(headers[header::CONTENT_DISPOSITION].to_str().unwrap().contains("registry-SEN.xlsx"));
        let (fw, areas) = fw_areas();
        let read = mp_domain::upload::UploadReader::read_registry(
            &mp_ingest::national::upload::NationalReader,
            "registry-SEN.xlsx",
            bytes.clone(),
            &|s: &str| s.ends_with("-twg-registry"),
            fw,
            areas,
        )
        .unwrap();
        assert!(read.fields.contains_key("as_of"), "{:?}", read.fields);
        assert_eq!(read.fields.get("code").map(String::as_str), Some("nat-sen-twg-registry"));

        // Outside the viewer's countries, or without the right role: refused.
        let (status, _, _) = get_bytes(&app, "/en/ws/registry/workbook.xlsx?country=MLI", &sec).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let provider = sign_in(&app, "provider").await;
        assert_eq!(send(&app, "GET", "/en/ws/registry/workbook", &provider, String::new()).await.status, StatusCode::FORBIDDEN);

        // Uploaded unchanged, it proposes nothing.
        let r = send_file(&app, "/en/ws/registry/workbook", &sec, &csrf, &bytes, "registry-SEN.xlsx").await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(r.headers[header::LOCATION], "/en/ws/registry/workbook?proposed=0");

        // Without the token, or not a workbook by its content: refused, nothing proposed.
        let mut view = mp_domain::RegistryView::default();
        view.institutions.push(new_row(agency("SEN", "Fixture border agency"), "Fixture decree No. 2, 2010"));
        let good = edited(&view);
        let r = send_file(&app, "/en/ws/registry/workbook", &sec, "wrong", &good, "registry.xlsx").await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let r = send_file(&app, "/en/ws/registry/workbook", &sec, &csrf, b"%PDF-1.7 not a workbook", "registry.xlsx").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("XLSX workbook"), "{}", r.body);

        // A malformed workbook: every problem named by sheet, row and column, nothing proposed.
        let mut bad = mp_domain::RegistryView::default();
        bad.institutions.push(new_row(agency("SEN", "Fixture agency without its source"), ""));
        bad.institutions.push(new_row(agency("MLI", "Fixture agency of another country"), "Fixture decree"));
        bad.ratifications.push(new_row(
            mp_domain::Ratification {
                instrument: mp_domain::InstrumentCode::parse("NOT_RECORDED").unwrap(),
                area: mp_domain::AreaCode::parse("SEN").unwrap(),
                status: mp_domain::InstrumentStatus::Ratified,
                year: Some(2010),
                responsible: None,
                note: None,
                provenance: mp_domain::Provenance { file: 0, locator: String::new() },
            },
            "Fixture gazette",
        ));
        let r = send_file(&app, "/en/ws/registry/workbook", &sec, &csrf, &edited(&bad), "registry.xlsx").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(r.body.contains("<td>institutions</td><td>2</td><td>read_at</td>"), "{}", r.body);
        let again = {
            let only = mp_domain::RegistryView {
                institutions: bad.institutions[1..].to_vec(),
                ratifications: bad.ratifications.clone(),
                ..Default::default()
            };
            send_file(&app, "/en/ws/registry/workbook", &sec, &csrf, &edited(&only), "registry.xlsx").await
        };
        assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", again.body);
        assert!(again.body.contains("<td>status</td><td>2</td><td>instrument</td><td>NOT_RECORDED</td>"), "{}", again.body);
        assert!(again.body.contains("<td>institutions</td><td>2</td><td>country</td><td>MLI</td>"), "{}", again.body);
        let sen = mp_domain::AreaCode::parse("SEN").unwrap();
        assert!(app.store.registry_proposals(&sen).await.unwrap().is_empty(), "a refused workbook proposes nothing");

        // The edited workbook: one proposal, audited, not public until approved and published.
        let r = send_file(&app, "/en/ws/registry/workbook", &sec, &csrf, &good, "registry.xlsx").await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(r.headers[header::LOCATION], "/en/ws/registry/workbook?proposed=1");
        let done = send(&app, "GET", "/en/ws/registry/workbook?proposed=1", &sec, String::new()).await;
        assert!(done.body.contains("One change was proposed"), "{}", done.body);
        let p = newest(&app).await;
        assert_eq!((p.state, p.proposer.as_str()), (mp_store::ProposalState::Proposed, "secretariat"));
        assert_eq!(p.change.source(), "Fixture decree No. 2, 2010");
        let audit = app.store.audit_rows(Some("registry institution SEN Fixture border agency")).await.unwrap();
        assert_eq!(audit.len(), 1);
        assert!(audit[0].action == "registry.propose" && audit[0].after.contains("workbook registry.xlsx, sha256 "), "{:?}", audit[0]);
        let public = send(&app, "GET", "/en/policy/SEN", "", String::new()).await;
        assert!(!public.body.contains("Fixture border agency"), "a proposal is not public");
        let chair = sign_in(&app, "chair").await;
        assert_eq!(step(&app, &sec, p.id, "approve", "").await.status, StatusCode::BAD_REQUEST, "not by the proposer");
        assert_eq!(step(&app, &chair, p.id, "approve", "").await.status, StatusCode::SEE_OTHER);
        assert_eq!(step(&app, &sec, p.id, "publish", "").await.status, StatusCode::SEE_OTHER);
        let public = send(&app, "GET", "/en/policy/SEN", "", String::new()).await;
        assert!(public.body.contains("Fixture border agency"), "{}", public.body);

        // Downloaded again and uploaded unchanged: the published entry proposes nothing.
        let (_, _, bytes) = get_bytes(&app, "/en/ws/registry/workbook.xlsx?country=SEN", &sec).await;
        let r = send_file(&app, "/en/ws/registry/workbook", &sec, &csrf, &bytes, "registry-SEN.xlsx").await;
        assert_eq!(r.headers[header::LOCATION], "/en/ws/registry/workbook?proposed=0");
        // The old download, edited after someone published a change, is refused for that entry.
        let mut stale = mp_domain::RegistryView::default();
        let mut moved = agency("SEN", "Fixture border agency");
        moved.acronym = Some("FBA2".into());
        stale.institutions.push(mp_domain::Sourced { source: "nat-sen-twg-registry".into(), ..new_row(moved, "Fixture decree No. 3") });
        let old = mp_export::registry_workbook::write_as_of(&stale, None, Some(0)).unwrap();
        let r = send_file(&app, "/en/ws/registry/workbook", &sec, &csrf, &old, "registry.xlsx").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(r.body.contains("download it again"), "{}", r.body);
    });
}
