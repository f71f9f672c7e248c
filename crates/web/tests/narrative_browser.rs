//! The narrative in a real headless Chromium: a secretariat member writes section A.1 of
//! Senegal's profile in French and submits it, the sub-group chair approves it, the
//! secretariat publishes it; the public page shows it, and so does the PDF built from the store
//! afterwards, while before publication neither did. Forms and buttons only, no script; no
//! page scrolls sideways at 320 px.
//!
//! Needs `chromium` and `chromedriver` (and `pdftotext` for the PDF check); without them the
//! test says so and passes, unless `CI` is set, where it fails.

mod chromium;

use chromium::{body_text, connect, no_sideways_scroll, on_path, pdftotext, start_driver, wait_for_path};
use fantoccini::{Client, Locator};
use mp_domain::{AreaCode, AreaRegistry, Framework, Iso3, Lang};
use mp_store::{Actor, Store};
use mp_web::AppState;
use mp_workspace::{Membership, Role, ThemeSet, hash_password};
use std::path::Path;
use std::time::Duration;

const PW: &str = "twelve chars pw";
/// Made-up text for the test, not a real profile's.
const TEXT: &str = "Le Sénégal accueille des travailleurs de la sous-région (texte d'essai du test).";

fn fw_areas() -> &'static (Framework, AreaRegistry) {
    mp_ingest::framework_dir::testing::fixture()
}

fn template(name: &str, fw: &Framework) -> mp_profile::Template {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../templates").join(format!("{name}.toml"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    mp_profile::Template::parse(&format!("{name}.toml"), &text, fw).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_section_written_in_french_approved_and_published() {
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
        let store = Store::open(&dir.path().join("nr-browser.db").display().to_string()).await.unwrap();
        store.load_framework(fw, areas).await.unwrap();
        let cli = Actor { id: None, name: "cli:test".into() };
        let sen = Iso3::parse("SEN").unwrap();
        store.twg_set(&sen, "GTT Sénégal", false, &cli).await.unwrap();
        let hash = hash_password(PW).unwrap();
        for (login, m) in [
            ("chair", Membership::new(Role::Chair, Some(sen.clone()), ThemeSet::parse("T04").unwrap(), None).unwrap()),
            ("secretariat", Membership::new(Role::Secretariat, Some(sen.clone()), ThemeSet::All, None).unwrap()),
        ] {
            store.user_add(login, login, &hash, &cli).await.unwrap();
            store.member_add(login, &m, &cli).await.unwrap();
        }
        let tpl = template("iom-2011", fw);
        let state = AppState::new(store.clone(), fw.clone(), areas.clone(), tpl.clone(), template("regional", fw));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, mp_web::router(state)).await });

        let pdf_text = |store: Store, tpl: mp_profile::Template| async move {
            let area = AreaCode::parse("SEN").unwrap();
            let doc = mp_service::country_document(&store, fw, areas, &tpl, &area, None).await.unwrap();
            let pdf = mp_pdf::document_pdf(&doc, Lang::Fr, &mp_pdf::PdfOptions::default()).unwrap();
            pdftotext(&pdf)
        };
        let before = pdf_text(store.clone(), tpl.clone()).await;

        let (_driver, port) = start_driver(&driver).await;
        let c = connect(port, &chromium, &dir.path().join("chromium-profile")).await;
        let checks = tokio::spawn(checks(c.clone(), base));
        let outcome = checks.await;
        let _ = c.close().await;
        if let Err(e) = outcome {
            std::panic::resume_unwind(e.into_panic());
        }
        // The PDF built from the store: the text only once published.
        if let (Some(before), Some(after)) = (before, pdf_text(store, tpl).await) {
            let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
            // The PDF sets typographic apostrophes; the words around them are enough.
            let marker = "travailleurs de la sous-région";
            assert!(!squash(&before).contains(marker), "not in the PDF before publication");
            assert!(squash(&after).contains(marker), "in the PDF after publication: {after}");
        } else {
            assert!(!chromium::in_ci(), "pdftotext is required under CI");
            eprintln!("PDF check skipped: pdftotext not found");
        }
    });
}

async fn sign_in(c: &Client, base: &str, login: &str) {
    chromium::sign_in(c, base, "fr", login, PW).await;
}

async fn sign_out(c: &Client, base: &str) {
    chromium::sign_out(c, base, "fr").await;
}

async fn click_button(c: &Client, who: &str, label: &str) {
    let b = c.find(Locator::XPath(&format!("//form[contains(@class,'ws')]//button[normalize-space()=\"{label}\"]"))).await;
    b.unwrap_or_else(|e| panic!("{who}: no `{label}` button: {e}")).click().await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
}

/// The public country page. Public pages may be kept by browsers for five minutes
/// (`max-age=300`), so each visit asks under its own address, as a reader arriving later would.
async fn public_page(c: &Client, base: &str, visit: &str) -> String {
    c.goto(&format!("{base}/fr/country/SEN?visit={visit}")).await.unwrap();
    body_text(c).await
}

async fn checks(c: Client, base: String) {
    c.set_window_size(1200, 1000).await.unwrap();
    assert!(!public_page(&c, &base, "1").await.contains("texte d'essai du test"));

    // The secretariat finds the narrative from the workspace home and writes A.1 in French.
    sign_in(&c, &base, "secretariat").await;
    c.find(Locator::Css("a[href='/fr/ws/narrative/SEN']")).await.unwrap().click().await.unwrap();
    wait_for_path(&c, "/fr/ws/narrative/SEN").await;
    let t = body_text(&c).await;
    assert!(t.contains("A.1 Immigration : aucun texte publié en EN, FR, PT"), "{t}");
    no_sideways_scroll(&c, "narrative overview").await;
    c.find(Locator::Css("a[href='/fr/ws/narrative/SEN/A.1/fr']")).await.unwrap().click().await.unwrap();
    wait_for_path(&c, "/fr/ws/narrative/SEN/A.1/fr").await;
    c.find(Locator::Css("#body")).await.unwrap().send_keys(&format!("## Contexte\n\n{TEXT}")).await.unwrap();
    click_button(&c, "secretariat", "Enregistrer comme nouvelle révision en brouillon").await;
    assert!(body_text(&c).await.contains("brouillon"));
    no_sideways_scroll(&c, "narrative editor").await;
    click_button(&c, "secretariat", "Soumettre pour examen").await;
    let t = body_text(&c).await;
    assert!(t.contains("soumise pour examen") && !t.contains("Approuver"), "{t}");
    sign_out(&c, &base).await;
    assert!(!public_page(&c, &base, "2").await.contains("texte d'essai du test"), "not public when submitted");

    // The chair approves.
    sign_in(&c, &base, "chair").await;
    c.goto(&format!("{base}/fr/ws/narrative/SEN/A.1/fr")).await.unwrap();
    click_button(&c, "chair", "Approuver").await;
    assert!(body_text(&c).await.contains("approuvée"));
    sign_out(&c, &base).await;
    assert!(!public_page(&c, &base, "3").await.contains("texte d'essai du test"), "not public when approved");

    // The secretariat publishes; the public page shows the text under A.1.
    sign_in(&c, &base, "secretariat").await;
    c.goto(&format!("{base}/fr/ws/narrative/SEN/A.1/fr")).await.unwrap();
    click_button(&c, "secretariat", "Publier").await;
    let t = body_text(&c).await;
    assert!(t.contains("publiée") && t.contains(TEXT), "{t}");
    let t = public_page(&c, &base, "4").await;
    assert!(t.contains(TEXT), "public page after publication: {t}");
    no_sideways_scroll(&c, "public page").await;
}
