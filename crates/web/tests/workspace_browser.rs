//! The TWG workspace in a real headless Chromium: a data provider signs in, uploads a filled
//! template for Senegal with a bad cell, sees the problem named, uploads the fixed file and
//! submits; the sub-group chair reviews, the secretariat approves, the statistics office
//! validates, the secretariat publishes; the public API shows the figure only then. Every page
//! is used as a person would (forms, buttons, no script) and none scrolls sideways at 320 px.
//!
//! Needs `chromium` and `chromedriver`; without them the test says so and passes, unless `CI`
//! is set, where it fails.

mod chromium;

use chromium::{body_text, connect, no_sideways_scroll, on_path, start_driver, wait_for_path};
use fantoccini::{Client, Locator};
use mp_domain::{AreaCode, AreaRegistry, Framework, IndicatorCode, Iso3, Lang, ThemeCode};
use mp_export::template::{Prefill, PrefillRow, PrefillValue, write_template_prefilled};
use mp_store::{Actor, Store};
use mp_web::AppState;
use mp_workspace::{Membership, Role, ThemeSet, hash_password};
use std::path::{Path, PathBuf};
use std::time::Duration;

const PW: &str = "twelve chars pw";

fn fw_areas() -> &'static (Framework, AreaRegistry) {
    mp_ingest::framework_dir::testing::fixture()
}

fn template(name: &str, fw: &Framework) -> mp_profile::Template {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../templates").join(format!("{name}.toml"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    mp_profile::Template::parse(&format!("{name}.toml"), &text, fw).unwrap_or_else(|e| panic!("{e}"))
}

fn filled(value: PrefillValue) -> Vec<u8> {
    let (fw, areas) = fw_areas();
    let fill = Prefill {
        source_name: "Recensement général de la population".into(),
        publisher: "ANSD".into(),
        licence: "CC BY 4.0".into(),
        vintage: "2023".into(),
        short_code: String::new(),
        rows: vec![PrefillRow {
            indicator: IndicatorCode::parse("IMM.STOCK").unwrap(),
            period: "2023".into(),
            dims: Vec::new(),
            value,
            status: String::new(),
            footnote: String::new(),
        }],
    };
    write_template_prefilled(fw, areas, &AreaCode::parse("SEN").unwrap(), Some(&ThemeCode::parse("T04").unwrap()), Lang::Fr, &fill).unwrap()
}

#[test]
fn a_submission_through_the_browser() {
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
        let store = Store::open(&dir.path().join("ws-browser.db").display().to_string()).await.unwrap();
        store.load_framework(fw, areas).await.unwrap();
        let cli = Actor { id: None, name: "cli:test".into() };
        let sen = Iso3::parse("SEN").unwrap();
        store.twg_set(&sen, "GTT Sénégal", false, &cli).await.unwrap();
        let ansd = store.org_add("ansd", "ANSD", &cli).await.unwrap();
        let hash = hash_password(PW).unwrap();
        let t04 = ThemeSet::parse("T04").unwrap();
        for (login, m) in [
            ("provider", Membership::new(Role::Provider, Some(sen.clone()), t04.clone(), Some(ansd.id)).unwrap()),
            ("chair", Membership::new(Role::Chair, Some(sen.clone()), t04.clone(), None).unwrap()),
            ("secretariat", Membership::new(Role::Secretariat, Some(sen.clone()), ThemeSet::All, None).unwrap()),
            ("validator", Membership::new(Role::Validator, Some(sen.clone()), ThemeSet::All, None).unwrap()),
        ] {
            store.user_add(login, login, &hash, &cli).await.unwrap();
            store.member_add(login, &m, &cli).await.unwrap();
        }
        let bad = dir.path().join("rgph-bad.xlsx");
        std::fs::write(&bad, filled(PrefillValue::Text("beaucoup".into()))).unwrap();
        let good = dir.path().join("rgph.xlsx");
        std::fs::write(&good, filled(PrefillValue::Number(287_654.0))).unwrap();
        let state = AppState::new(store, fw.clone(), areas.clone(), template("iom-2011", fw), template("regional", fw))
            .with_uploads(std::sync::Arc::new(mp_ingest::national::upload::NationalReader));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, mp_web::router(state)).await });

        let (_driver, port) = start_driver(&driver).await;
        let c = connect(port, &chromium, &dir.path().join("chromium-profile")).await;
        let checks = tokio::spawn(checks(c.clone(), base, bad, good));
        let outcome = checks.await;
        let _ = c.close().await;
        if let Err(e) = outcome {
            std::panic::resume_unwind(e.into_panic());
        }
    });
}

async fn sign_in(c: &Client, base: &str, login: &str) {
    chromium::sign_in(c, base, "en", login, PW).await;
    assert!(body_text(c).await.contains(&format!("Signed in as {login}")), "{login} signed in");
}

async fn sign_out(c: &Client, base: &str) {
    chromium::sign_out(c, base, "en").await;
}

/// Takes the one step offered on the submission page (the first button of its step forms).
async fn take_step(c: &Client, who: &str, button: &str) {
    let b = c.find(Locator::XPath(&format!("//form[contains(@class,'ws')]//button[normalize-space()='{button}']"))).await;
    let b = b.unwrap_or_else(|e| panic!("{who}: no `{button}` button: {e}"));
    b.click().await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
}

async fn public_has_figure(c: &Client, base: &str) -> bool {
    let mut req = c.raw_request();
    req.url(&format!("{base}/api/v1/observations?indicator=IMM.STOCK&area=SEN&period=2023&dim=*")).skip_cookie_navigation();
    let res = req.send().await.unwrap();
    let body = axum::body::to_bytes(axum::body::Body::new(res.into_body()), 1 << 20).await.unwrap();
    String::from_utf8_lossy(&body).contains("287654")
}

async fn checks(c: Client, base: String, bad: PathBuf, good: PathBuf) {
    c.set_window_size(1200, 1000).await.unwrap();
    // Not signed in: the workspace sends to the sign-in page.
    c.goto(&format!("{base}/en/ws/")).await.unwrap();
    wait_for_path(&c, "/en/ws/sign-in").await;
    no_sideways_scroll(&c, "sign-in").await;

    // The provider uploads a file with a bad cell: the problem is named, nothing is stored.
    sign_in(&c, &base, "provider").await;
    no_sideways_scroll(&c, "workspace home").await;
    c.find(Locator::Css("a[href='/en/ws/upload']")).await.unwrap().click().await.unwrap();
    wait_for_path(&c, "/en/ws/upload").await;
    c.find(Locator::Css("#file")).await.unwrap().send_keys(&bad.display().to_string()).await.unwrap();
    c.find(Locator::Css("form.ws button")).await.unwrap().click().await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let t = body_text(&c).await;
    assert!(t.contains("Problems found") && t.contains("beaucoup"), "{t}");
    no_sideways_scroll(&c, "upload with problems").await;
    // The fixed file: a draft with its preview.
    c.find(Locator::Css("#file")).await.unwrap().send_keys(&good.display().to_string()).await.unwrap();
    c.find(Locator::Css("form.ws button")).await.unwrap().click().await.unwrap();
    wait_for_path(&c, "/en/ws/submission/").await;
    let t = body_text(&c).await;
    assert!(t.contains("287,654") && t.contains("1 new, 0 revised, 0 unchanged") && t.contains("Draft"), "{t}");
    no_sideways_scroll(&c, "submission preview").await;
    let page = c.current_url().await.unwrap().to_string();
    assert!(!public_has_figure(&c, &base).await, "not public as a draft");
    take_step(&c, "provider", "Submit for review").await;
    assert!(body_text(&c).await.contains("Submitted"));
    sign_out(&c, &base).await;

    for (who, button, state) in [
        ("chair", "Mark as reviewed", "Reviewed by the sub-group"),
        ("secretariat", "Approve", "Approved by the secretariat"),
        ("validator", "Validate", "Validated by the statistics office"),
    ] {
        sign_in(&c, &base, who).await;
        assert!(body_text(&c).await.contains("Waiting for me"), "{who}");
        c.goto(&page).await.unwrap();
        take_step(&c, who, button).await;
        let t = body_text(&c).await;
        assert!(t.contains(state), "{who}: {t}");
        assert!(!public_has_figure(&c, &base).await, "not public after {who}");
        sign_out(&c, &base).await;
    }
    sign_in(&c, &base, "secretariat").await;
    c.goto(&page).await.unwrap();
    take_step(&c, "secretariat", "Publish").await;
    assert!(body_text(&c).await.contains("These figures are published"));
    assert!(public_has_figure(&c, &base).await, "public once published");
}
