//! The registry workbook in a real headless Chromium: Senegal's secretariat opens the workbook
//! page from the registry page, downloads the country's workbook, uploads a malformed one (the
//! page names the sheet, row and column of each problem, nothing is proposed), then the edited
//! one (a project added, with where it was read); the sub-group chair approves the proposed
//! change, the secretariat publishes it, and the project appears on Senegal's public programmes
//! page. Forms and links only, no script; no page scrolls sideways at 320 px.
//!
//! Needs `chromium` and `chromedriver`; without them the test says so and passes, unless `CI`
//! is set, where it fails.

mod chromium;

use chromium::{body_text, connect, fits, on_path, start_driver, wait_for_path};
use fantoccini::{Client, Locator};
use mp_domain::registry::{Project, ProjectStatus};
use mp_domain::registry_layout::AS_OF_FIELD;
use mp_domain::upload::UploadReader;
use mp_domain::{AreaCode, AreaRegistry, Framework, Iso3, Provenance, RegistryView, Sourced, ThemeCode};
use mp_store::{Actor, Store};
use mp_web::AppState;
use mp_workspace::{Membership, Role, ThemeSet, hash_password};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const PW: &str = "twelve chars pw";
/// A made-up project for the test, not a real one.
const TITLE: &str = "Fixture return and reintegration project";

fn fw_areas() -> &'static (Framework, AreaRegistry) {
    mp_ingest::framework_dir::testing::fixture()
}

fn template(name: &str, fw: &Framework) -> mp_profile::Template {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../templates").join(format!("{name}.toml"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    mp_profile::Template::parse(&format!("{name}.toml"), &text, fw).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_secretariat_works_on_the_registry_offline_and_the_change_is_reviewed() {
    let (Some(chromium), Some(driver)) = (on_path(&["chromium", "chromium-browser", "google-chrome"]), on_path(&["chromedriver"])) else {
        assert!(!chromium::in_ci(), "chromium and chromedriver are required under CI");
        eprintln!("skipped: chromium or chromedriver not found");
        return;
    };
    // The test server speaks plain HTTP. SAFETY: the only environment change of this binary.
    unsafe { std::env::set_var(mp_web::pages::COOKIE_SECURE_ENV, "0") };
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    rt.block_on(async move {
        let (fw, areas) = fw_areas();
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("regwb-browser.db").display().to_string()).await.unwrap();
        store.load_framework(fw, areas).await.unwrap();
        let cli = Actor { id: None, name: "cli:test".into() };
        let sen = Iso3::parse("SEN").unwrap();
        store.twg_set(&sen, "GTT Sénégal", false, &cli).await.unwrap();
        let hash = hash_password(PW).unwrap();
        for (login, m) in [
            ("secretariat", Membership::new(Role::Secretariat, Some(sen.clone()), ThemeSet::All, None).unwrap()),
            ("chair", Membership::new(Role::Chair, Some(sen.clone()), ThemeSet::parse("T13").unwrap(), None).unwrap()),
        ] {
            store.user_add(login, login, &hash, &cli).await.unwrap();
            store.member_add(login, &m, &cli).await.unwrap();
        }
        let state = AppState::new(store.clone(), fw.clone(), areas.clone(), template("iom-2011", fw), template("regional", fw))
            .with_uploads(std::sync::Arc::new(mp_ingest::national::upload::NationalReader));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, mp_web::router(state)).await });

        let (_driver, port) = start_driver(&driver).await;
        let c = connect(port, &chromium, &dir.path().join("chromium-profile")).await;
        let checks = tokio::spawn(checks(c.clone(), addr, dir.path().to_path_buf()));
        let outcome = checks.await;
        let _ = c.close().await;
        if let Err(e) = outcome {
            std::panic::resume_unwind(e.into_panic());
        }

        // Proposed by the secretariat, approved by the chair, published by the secretariat.
        let audit = store.audit_rows(Some("registry project SEN XM-FIXTURE-RR-1")).await.unwrap();
        let steps: Vec<(&str, &str)> = audit.iter().map(|a| (a.action.as_str(), a.actor_name.as_str())).collect();
        assert_eq!(steps, [("registry.propose", "secretariat"), ("registry.approve", "chair"), ("registry.publish", "secretariat")]);
    });
}

/// GET `path` over plain HTTP with the browser's session cookie: the bytes of the answer.
async fn download(addr: std::net::SocketAddr, path: &str, session: &str) -> Vec<u8> {
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    let req = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nCookie: mp_session={session}\r\nConnection: close\r\n\r\n");
    s.write_all(req.as_bytes()).await.unwrap();
    let mut all = Vec::new();
    s.read_to_end(&mut all).await.unwrap();
    let at = all.windows(4).position(|w| w == b"\r\n\r\n").expect("an HTTP answer");
    let head = String::from_utf8_lossy(&all[..at]).to_string();
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert!(head.to_ascii_lowercase().contains("content-length"), "a whole body: {head}");
    all[at + 4..].to_vec()
}

fn project(read_at: &str) -> Sourced<Project> {
    let entry = Project {
        identifier: "XM-FIXTURE-RR-1".into(),
        title: TITLE.into(),
        reporting_org: "Fixture agency".into(),
        implementing: vec!["Fixture NGO".into()],
        donors: vec![],
        countries: vec![AreaCode::parse("SEN").unwrap()],
        themes: vec![ThemeCode::parse("T13").unwrap()],
        sectors: vec![],
        start: mp_domain::registry::Date::parse("2025-01-01").ok(),
        end: None,
        status: Some(ProjectStatus::parse("implementation").unwrap()),
        budget: mp_domain::registry::Currency::parse("USD").ok().map(|currency| mp_domain::registry::Money { value: 300000.0, currency }),
        results: None,
        provenance: Provenance { file: 0, locator: String::new() },
    };
    Sourced { entry, source: String::new(), vintage: String::new(), source_name: String::new(), at: read_at.into() }
}

async fn sign_in(c: &Client, base: &str, login: &str) {
    chromium::sign_in(c, base, "en", login, PW).await;
}

async fn sign_out(c: &Client, base: &str) {
    chromium::sign_out(c, base, "en").await;
}

/// Clicks the button and waits for the next page: the old page's `main` goes stale once the
/// form's answer has replaced it.
async fn click(c: &Client, who: &str, label: &str) {
    let old = c.find(Locator::Css("main")).await.unwrap();
    let b = c.find(Locator::XPath(&format!("//button[normalize-space()=\"{label}\"]"))).await;
    b.unwrap_or_else(|e| panic!("{who}: no `{label}` button: {e}")).click().await.unwrap();
    let t0 = Instant::now();
    while old.text().await.is_ok() {
        assert!(t0.elapsed() < Duration::from_secs(30), "{who}: `{label}` did not lead to another page");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    while c.execute("return document.readyState;", vec![]).await.ok().and_then(|v| v.as_str().map(str::to_string)).as_deref()
        != Some("complete")
    {
        assert!(t0.elapsed() < Duration::from_secs(30), "{who}: the page after `{label}` did not load");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn upload(c: &Client, file: &Path) {
    c.find(Locator::Id("file")).await.unwrap().send_keys(&file.display().to_string()).await.unwrap();
    click(c, "secretariat", "Propose the changes").await;
}

async fn checks(c: Client, addr: std::net::SocketAddr, dir: PathBuf) {
    let base = format!("http://{addr}");
    c.set_window_size(1200, 1000).await.unwrap();

    // The secretariat finds the workbook from the registry page and downloads Senegal's.
    sign_in(&c, &base, "secretariat").await;
    c.goto(&format!("{base}/en/ws/registry?country=SEN")).await.unwrap();
    c.find(Locator::Css("a[href='/en/ws/registry/workbook']")).await.expect("a link from the registry page").click().await.unwrap();
    wait_for_path(&c, "/en/ws/registry/workbook").await;
    fits(&c, "workbook page").await;
    let link = c.find(Locator::Css("a[href='/en/ws/registry/workbook.xlsx?country=SEN']")).await.expect("Senegal's download link");
    let href = link.attr("href").await.unwrap().unwrap_or_default();
    let session = c.get_named_cookie("mp_session").await.expect("the session cookie").value().to_string();
    let bytes = download(addr, &href, &session).await;
    let (fw, areas) = fw_areas();
    let own = |s: &str| s == "nat-sen-twg-registry";
    let read = mp_ingest::national::upload::NationalReader.read_registry("registry-SEN.xlsx", bytes, &own, fw, areas).unwrap();
    let as_of: i64 = read.fields.get(AS_OF_FIELD).and_then(|v| v.parse().ok()).expect("the download's as_of stamp");

    // A malformed workbook: the page names the sheet, row and column; nothing is proposed.
    let mut bad = RegistryView::default();
    bad.projects.push(project(""));
    let bad_path = dir.join("registry-malformed.xlsx");
    std::fs::write(&bad_path, mp_export::registry_workbook::write_as_of(&bad, None, Some(as_of)).unwrap()).unwrap();
    upload(&c, &bad_path).await;
    let problems = c.find(Locator::Css("table.problems")).await.expect("the problems table");
    let rows = problems.text().await.unwrap();
    assert!(rows.contains("projects 2 read_at"), "{rows}");
    fits(&c, "workbook page with problems").await;

    // The edited workbook: the project with where it was read. One change proposed.
    let mut good = RegistryView::default();
    good.projects.push(project("Fixture agency annual report 2025, p. 12"));
    let good_path = dir.join("registry-SEN-edited.xlsx");
    std::fs::write(&good_path, mp_export::registry_workbook::write_as_of(&good, None, Some(as_of)).unwrap()).unwrap();
    c.goto(&format!("{base}/en/ws/registry/workbook")).await.unwrap();
    upload(&c, &good_path).await;
    let t = body_text(&c).await;
    assert!(t.contains("One change was proposed"), "{t}");
    // Not public while it is only proposed (each visit its own address: the browser caches pages).
    c.goto(&format!("{base}/en/programmes/SEN?visit=before")).await.unwrap();
    assert!(!body_text(&c).await.contains(TITLE), "a proposal is not public");
    sign_out(&c, &base).await;

    // The chair approves it.
    sign_in(&c, &base, "chair").await;
    c.goto(&format!("{base}/en/ws/registry?country=SEN")).await.unwrap();
    assert!(body_text(&c).await.contains(TITLE));
    click(&c, "chair", "Approve").await;
    let t = body_text(&c).await;
    assert!(t.contains("Approved, to publish"), "the chair approved it: {t}");
    sign_out(&c, &base).await;

    // The secretariat publishes it; it is on Senegal's programmes page.
    sign_in(&c, &base, "secretariat").await;
    c.goto(&format!("{base}/en/ws/registry?country=SEN")).await.unwrap();
    click(&c, "secretariat", "Publish").await;
    let t = body_text(&c).await;
    assert!(!t.contains("Approved, to publish"), "the secretariat published it: {t}");
    c.goto(&format!("{base}/en/programmes/SEN?visit=after")).await.unwrap();
    let t = body_text(&c).await;
    assert!(t.contains(TITLE), "the published project on the programmes page: {t}");
    fits(&c, "programmes page").await;
}
