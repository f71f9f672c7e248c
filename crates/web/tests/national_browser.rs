//! A new national indicator in a real headless Chromium: a sub-group member of Senegal's TWG
//! proposes it in French (a refused field first, every problem named), the sub-group chair
//! reviews it, the secretariat approves it for the TWG; it then joins Senegal's framework
//! extension (version 1, downloadable as a framework file that loads back), appears in the
//! French XLSX submission template, the draft profile and the portal's country page, marked as
//! national, and never in the regional report, the comparison pages or the API's catalogue.
//! Forms and buttons only, no script; no page scrolls sideways at 320 px.
//!
//! Needs `chromium` and `chromedriver`; without them the test says so and passes, unless `CI`
//! is set, where it fails.

mod chromium;

use calamine::Reader as _;
use chromium::{body_text, connect, fits, on_path, start_driver, wait_for_path};
use fantoccini::{Client, Locator};
use mp_domain::{AreaCode, AreaRegistry, Framework, Iso3, Lang};
use mp_store::{Actor, Store};
use mp_web::AppState;
use mp_workspace::{Membership, Role, ThemeSet, hash_password};
use std::path::Path;
use std::time::Duration;

const PW: &str = "twelve chars pw";
/// A made-up indicator for the test, not a real proposal.
const NAME_FR: &str = "Rapatriés réintégrés (indicateur d'essai)";
const CODE: &str = "NAT.SEN.RETOURS_ESSAI";

fn fw_areas() -> &'static (Framework, AreaRegistry) {
    mp_ingest::framework_dir::testing::fixture()
}

fn template(name: &str, fw: &Framework) -> mp_profile::Template {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../templates").join(format!("{name}.toml"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    mp_profile::Template::parse(&format!("{name}.toml"), &text, fw).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_new_indicator_proposed_approved_and_in_the_template_and_draft() {
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
        let store = Store::open(&dir.path().join("ni-browser.db").display().to_string()).await.unwrap();
        store.load_framework(fw, areas).await.unwrap();
        let cli = Actor { id: None, name: "cli:test".into() };
        let sen = Iso3::parse("SEN").unwrap();
        store.twg_set(&sen, "GTT Sénégal", false, &cli).await.unwrap();
        let hash = hash_password(PW).unwrap();
        for (login, m) in [
            ("membre", Membership::new(Role::Member, Some(sen.clone()), ThemeSet::parse("T07").unwrap(), None).unwrap()),
            ("presidente", Membership::new(Role::Chair, Some(sen.clone()), ThemeSet::parse("T07").unwrap(), None).unwrap()),
            ("secretariat", Membership::new(Role::Secretariat, Some(sen.clone()), ThemeSet::All, None).unwrap()),
        ] {
            store.user_add(login, login, &hash, &cli).await.unwrap();
            store.member_add(login, &m, &cli).await.unwrap();
        }
        let tpl = template("iom-2011", fw);
        let rtpl = template("regional", fw);
        let state = AppState::new(store.clone(), fw.clone(), areas.clone(), tpl.clone(), rtpl.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, mp_web::router(state)).await });

        let (_driver, port) = start_driver(&driver).await;
        let c = connect(port, &chromium, &dir.path().join("chromium-profile")).await;
        let checks = tokio::spawn(checks(c.clone(), base));
        let outcome = checks.await;
        let _ = c.close().await;
        if let Err(e) = outcome {
            std::panic::resume_unwind(e.into_panic());
        }

        // Version 1 of Senegal's extension, which the framework loader reads back.
        let ext = store.framework_extension(&sen).await.unwrap().expect("an extension after approval");
        assert_eq!(ext.version, 1);
        let area = AreaCode::parse("SEN").unwrap();
        let cfw = mp_service::national::country_framework(&store, fw, &area).await.unwrap();
        let ind = cfw.find(CODE).expect("the indicator in Senegal's framework");
        assert_eq!((ind.national.as_ref(), ind.name.fr.as_str(), ind.unit.as_str()), (Some(&sen), NAME_FR, "persons"));
        assert!(fw.find(CODE).is_none(), "the regional framework stays as it was");

        // The French template (the one `mprofile template SEN --lang fr` writes) has its sheet,
        // titled as a national indicator.
        let bytes = mp_export::template::write_template(&cfw, areas, &area, None, Lang::Fr).unwrap();
        let mut wb: calamine::Xlsx<_> = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let sheet = wb.sheet_names().into_iter().find(|n| n.starts_with("NAT.SEN.RETOURS")).expect("a sheet for the new indicator");
        let range = wb.worksheet_range(&sheet).unwrap();
        let title = range.get_value((0, 0)).map(|v| v.to_string()).unwrap_or_default();
        assert!(title.starts_with(NAME_FR) && title.contains("indicateur national"), "{title}");
        let text: Vec<String> = range.rows().flat_map(|r| r.iter().map(|c| c.to_string())).collect();
        assert!(text.iter().any(|t| t == CODE), "{text:?}");

        // The draft profile (`mprofile build --draft`) lists it in T07's table, marked national.
        let records = mp_service::live_records(&store, &area).await.unwrap();
        let doc = mp_service::country_document_from(&store, fw, areas, &tpl, &area, &records).await.unwrap();
        let opts = mp_render::html::HtmlOptions {
            draft: Some(mp_render::html::DraftMark { word: "BROUILLON".into(), note: "test".into() }),
            ..Default::default()
        };
        let html = mp_render::html::document_html(&mp_render::reader::for_readers(&doc), Lang::Fr, &opts);
        let plain = html.replace("&#39;", "'").replace("&#x27;", "'").replace(['\u{a0}', '\u{202f}'], " ");
        assert!(plain.contains(&format!("{NAME_FR} (indicateur national, SEN)")), "the draft profile names the indicator as national");

        // The regional report never compares it.
        let regional = mp_service::regional_document(&store, fw, areas, &rtpl).await.unwrap();
        let rhtml = mp_render::html::document_html(&regional, Lang::Fr, &Default::default());
        assert!(!rhtml.contains("RETOURS_ESSAI") && !rhtml.contains("Rapatriés réintégrés"), "not in the regional report");
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

async fn fill(c: &Client, id: &str, text: &str) {
    let e = c.find(Locator::Id(id)).await.unwrap_or_else(|e| panic!("no #{id}: {e}"));
    e.clear().await.unwrap();
    e.send_keys(text).await.unwrap();
}

async fn checks(c: Client, base: String) {
    c.set_window_size(1200, 1000).await.unwrap();
    let page = format!("{base}/fr/ws/indicators/SEN");

    // A sub-group member proposes; a unit-less, source-less form comes back with each field named.
    sign_in(&c, &base, "membre").await;
    c.find(Locator::Css("a[href='/fr/ws/indicators/SEN']")).await.expect("a link from the workspace home").click().await.unwrap();
    wait_for_path(&c, "/fr/ws/indicators/SEN").await;
    let t = body_text(&c).await;
    assert!(t.contains("Aucun indicateur national n’a encore été approuvé"), "{t}");
    fits(&c, "proposals page").await;
    fill(&c, "code", "retours_essai").await;
    for (id, text) in [
        ("name_en", "Reintegrated returnees (test indicator)"),
        ("name_fr", NAME_FR),
        ("name_pt", "Retornados reintegrados (indicador de teste)"),
        ("definition_en", "Returnees who completed a reintegration plan (test)."),
        ("definition_fr", "Rapatriés ayant achevé un plan de réintégration (essai)."),
        ("definition_pt", "Retornados que concluíram um plano de reintegração (teste)."),
        ("rationale", "Essai : la recherche pilote fictive de ce test."),
    ] {
        fill(&c, id, text).await;
    }
    // Sources left as a blank line: refused, the rest kept as typed.
    fill(&c, "sources", " ").await;
    c.find(Locator::Css("select#unit option[value='persons']")).await.unwrap().click().await.unwrap();
    c.find(Locator::Css("input[name='dimensions'][value='SEX']")).await.unwrap().click().await.unwrap();
    click_button(&c, "membre", "Proposer").await;
    let t = body_text(&c).await;
    assert!(t.contains("La proposition ne peut pas être enregistrée") && t.contains("Sources (une par ligne)"), "{t}");
    let kept = c.find(Locator::Id("name_fr")).await.unwrap().prop("value").await.unwrap().unwrap_or_default();
    assert_eq!(kept, NAME_FR);
    fill(&c, "sources", "Ministère de l'Intérieur, registre fictif d'essai").await;
    click_button(&c, "membre", "Proposer").await;
    wait_for_path(&c, "/fr/ws/indicators/SEN").await;
    let t = body_text(&c).await;
    assert!(t.contains(CODE) && t.contains("Proposée") && t.contains("Proposée par membre"), "{t}");
    assert!(!t.contains("Marquer comme examinée") && !t.contains("Approuver pour le GTT"), "the proposer takes no step: {t}");
    fits(&c, "proposals page with a proposal").await;
    sign_out(&c, &base).await;

    // The chair of T07's sub-group reviews it; approving is not the chair's step.
    sign_in(&c, &base, "presidente").await;
    c.goto(&page).await.unwrap();
    assert!(!body_text(&c).await.contains("Approuver pour le GTT"));
    click_button(&c, "presidente", "Marquer comme examinée").await;
    let t = body_text(&c).await;
    assert!(t.contains("Examinée") && !t.contains("Approuver pour le GTT"), "{t}");
    sign_out(&c, &base).await;

    // The secretariat approves for the TWG: version 1 of the extension, downloadable.
    sign_in(&c, &base, "secretariat").await;
    c.goto(&page).await.unwrap();
    click_button(&c, "secretariat", "Approuver pour le GTT").await;
    let t = body_text(&c).await;
    assert!(t.contains("Approuvée") && t.contains("Extension du cadre : version 1"), "{t}");
    fits(&c, "proposals page after approval").await;
    c.find(Locator::Css("a[href='/fr/ws/indicators/SEN/extension.toml']")).await.expect("the extension's download link");

    // The portal's country page shows it, marked as national; comparisons between countries
    // and the API's indicator catalogue do not know it.
    c.goto(&format!("{base}/fr/country/SEN?visit=after")).await.unwrap();
    // The annex tables are folded: the page's source holds them, not its visible text.
    let src = c.source().await.unwrap();
    assert!(src.contains("Rapatriés réintégrés") && src.contains("(indicateur national, SEN)"), "public country page");
    c.goto(&format!("{base}/fr/indicator/{CODE}")).await.unwrap();
    assert!(!body_text(&c).await.contains("Rapatriés réintégrés"), "no comparison page for a national indicator");
    c.goto(&format!("{base}/api/v1/indicators?q=RETOURS")).await.unwrap();
    assert!(!c.source().await.unwrap().contains("NAT.SEN"), "not in the API's regional catalogue");
}
