//! The TWG's work in a real headless Chromium, with forms and buttons only (no page script):
//!
//! - a sub-group member comments on Senegal's immigrant stock and mentions the provider, the
//!   provider finds the thread in the inbox and answers, the sub-group chair resolves it;
//! - Senegal's secretariat records a national workshop (participants, decisions, the immigrant
//!   stock discussed) with two action items, and downloads its report as PDF, whose text
//!   (through `pdftotext`) carries the agenda, the participants, the decisions, both action
//!   items and the figure's value when recorded.
//!
//! No page scrolls sideways at 320 px. The figures are made up for the test. Needs `chromium`
//! and `chromedriver` (and `pdftotext` for the PDF); without them the tests say so and pass,
//! unless `CI` is set, where they fail.

mod chromium;

use chromium::{body_text, connect, no_sideways_scroll, on_path, pdftotext, start_driver, wait_for_path};
use fantoccini::{Client, Locator};
use mp_domain::{
    AreaCode, AreaRegistry, DatasetImport, DimensionKey, FileInfo, Framework, IndicatorCode, Iso3, ObsStatus, Observation, Period,
    Provenance, SourceInfo, UnitMult,
};
use mp_store::{Actor, ImportOptions, Origin, Store};
use mp_web::AppState;
use mp_workspace::{Membership, Role, ThemeSet, hash_password};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const PW: &str = "twelve chars pw";

fn fw_areas() -> &'static (Framework, AreaRegistry) {
    mp_ingest::framework_dir::testing::fixture()
}

fn template(name: &str, fw: &Framework) -> mp_profile::Template {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../templates").join(format!("{name}.toml"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    mp_profile::Template::parse(&format!("{name}.toml"), &text, fw).unwrap_or_else(|e| panic!("{e}"))
}

/// A made-up immigrant stock of Senegal in 2020, for the test only.
fn stock() -> DatasetImport {
    DatasetImport {
        source: SourceInfo {
            code: "undesa-ims".into(),
            name: "UN DESA International Migrant Stock".into(),
            publisher: "UN DESA".into(),
            licence: "CC BY 3.0 IGO".into(),
            url: "https://example.org/undesa-ims".into(),
        },
        vintage: "2024".into(),
        files: vec![FileInfo { path: "undesa-ims.csv".into(), sha256: "ab".repeat(32), bytes: 2048 }],
        observations: vec![Observation {
            indicator: IndicatorCode::parse("IMM.STOCK").unwrap(),
            area: AreaCode::parse("SEN").unwrap(),
            period: Period::parse("2020").unwrap(),
            dims: DimensionKey::total(),
            value: Some(271_828.0),
            status: ObsStatus::Normal,
            unit_mult: UnitMult::UNITS,
            footnote: None,
            provenance: Provenance { file: 0, locator: "row 2".into() },
        }],
    }
}

/// A store with Senegal's TWG (secretariat, a T04 sub-group chair, member and provider), a
/// server on it, and a Chromium session; runs `checks` and stops everything.
fn with_browser<F, Fut>(name: &str, checks: F)
where
    F: FnOnce(Client, String, Store) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let (Some(chromium), Some(driver)) = (on_path(&["chromium", "chromium-browser", "google-chrome"]), on_path(&["chromedriver"])) else {
        assert!(!chromium::in_ci(), "chromium and chromedriver are required under CI");
        eprintln!("skipped: chromium or chromedriver not found");
        return;
    };
    // The test server speaks plain HTTP. SAFETY: every test of this binary sets the same value.
    unsafe { std::env::set_var(mp_web::pages::COOKIE_SECURE_ENV, "0") };
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    rt.block_on(async move {
        let (fw, areas) = fw_areas();
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join(format!("{name}.db")).display().to_string()).await.unwrap();
        store.load_framework(fw, areas).await.unwrap();
        let opts = ImportOptions { dry_run: false, command: "browser test".into(), origin: Origin::Public };
        store.import(&[stock()], &opts, &|_, _| {}).await.unwrap();
        let cli = Actor { id: None, name: "cli:test".into() };
        let sen = Iso3::parse("SEN").unwrap();
        store.twg_set(&sen, "GTT Sénégal", false, &cli).await.unwrap();
        let ansd = store.org_add("ansd", "ANSD", &cli).await.unwrap();
        let hash = hash_password(PW).unwrap();
        let t04 = ThemeSet::parse("T04").unwrap();
        for (login, m) in [
            ("secretariat", Membership::new(Role::Secretariat, Some(sen.clone()), ThemeSet::All, None).unwrap()),
            ("chair", Membership::new(Role::Chair, Some(sen.clone()), t04.clone(), None).unwrap()),
            ("member", Membership::new(Role::Member, Some(sen.clone()), t04.clone(), None).unwrap()),
            ("provider", Membership::new(Role::Provider, Some(sen.clone()), t04.clone(), Some(ansd.id)).unwrap()),
        ] {
            store.user_add(login, login, &hash, &cli).await.unwrap();
            store.member_add(login, &m, &cli).await.unwrap();
        }
        let state = AppState::new(store.clone(), fw.clone(), areas.clone(), template("iom-2011", fw), template("regional", fw)).with_pdf(
            Arc::new(|doc: &mp_profile::Document, lang| {
                mp_pdf::document_pdf(doc, lang, &mp_pdf::PdfOptions::default()).map_err(|e| e.to_string())
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, mp_web::router(state)).await });
        let (_driver, port) = start_driver(&driver).await;
        let c = connect(port, &chromium, &dir.path().join("chromium-profile")).await;
        c.set_window_size(1200, 1000).await.unwrap();
        let outcome = tokio::spawn(checks(c.clone(), base, store)).await;
        let _ = c.close().await;
        if let Err(e) = outcome {
            std::panic::resume_unwind(e.into_panic());
        }
    });
}

async fn sign_in(c: &Client, base: &str, login: &str) {
    chromium::sign_in(c, base, "fr", login, PW).await;
}

async fn sign_out(c: &Client, base: &str) {
    chromium::sign_out(c, base, "fr").await;
}

/// Clicks the last button labelled `label` of the workspace's forms.
async fn click_button(c: &Client, who: &str, label: &str) {
    let b = c.find(Locator::XPath(&format!("(//form[contains(@class,'ws')]//button[normalize-space()=\"{label}\"])[last()]"))).await;
    b.unwrap_or_else(|e| panic!("{who}: no `{label}` button: {e}")).click().await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
}

async fn fill(c: &Client, css: &str, text: &str) {
    let f = c.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("no field {css}: {e}"));
    f.clear().await.unwrap();
    f.send_keys(text).await.unwrap();
}

/// A date field: its text entry depends on the browser's locale, so the test sets the value the
/// form submits (`YYYY-MM-DD`) directly.
async fn fill_date(c: &Client, id: &str, date: &str) {
    c.execute(&format!("document.getElementById('{id}').value = '{date}';"), vec![]).await.unwrap();
}

const DISCUSS: &str = "/fr/ws/discuss/SEN?on=figure:IMM.STOCK:2020:undesa-ims";

#[test]
fn a_member_comments_the_provider_answers_the_chair_resolves() {
    with_browser("discuss", |c, base, store| async move {
        // The sub-group member opens the discussion of the 2020 immigrant stock and asks the provider.
        sign_in(&c, &base, "member").await;
        c.goto(&format!("{base}{DISCUSS}")).await.unwrap();
        let t = body_text(&c).await;
        assert!(t.contains("IMM.STOCK") && t.contains("2020") && t.contains("undesa-ims"), "{t}");
        fill(&c, "#body", "@provider le stock 2020 semble bas face au recensement : pouvez-vous vérifier ?").await;
        click_button(&c, "member", "Envoyer").await;
        let t = body_text(&c).await;
        assert!(t.contains("le stock 2020 semble bas") && t.contains("ouvert"), "{t}");
        no_sideways_scroll(&c, "discussion").await;
        sign_out(&c, &base).await;

        // The provider finds it in the inbox and answers.
        sign_in(&c, &base, "provider").await;
        c.goto(&format!("{base}/fr/ws/inbox")).await.unwrap();
        let link = c.find(Locator::Css("main a[href*='/fr/ws/discuss/SEN']")).await.expect("the thread is in the provider's inbox");
        link.click().await.unwrap();
        wait_for_path(&c, "/fr/ws/discuss/SEN").await;
        let reply = c.find(Locator::Css("textarea[id^='reply-']")).await.expect("a reply field");
        reply.send_keys("Vérifié : le chiffre suit la révision 2024 de la source.").await.unwrap();
        let send = c.find(Locator::XPath("//form[.//textarea[starts-with(@id,'reply-')]]//button[normalize-space()='Envoyer']")).await;
        send.expect("the reply form's button").click().await.unwrap();
        tokio::time::sleep(Duration::from_millis(300)).await;
        let t = body_text(&c).await;
        assert!(t.contains("Vérifié : le chiffre suit la révision 2024"), "{t}");
        assert!(
            c.find(Locator::XPath("//button[normalize-space()='Marquer comme résolu']")).await.is_err(),
            "the provider does not resolve"
        );
        sign_out(&c, &base).await;

        // The chair resolves the thread.
        sign_in(&c, &base, "chair").await;
        c.goto(&format!("{base}{DISCUSS}")).await.unwrap();
        click_button(&c, "chair", "Marquer comme résolu").await;
        let t = body_text(&c).await;
        assert!(t.contains("résolu") && t.contains("Rouvrir"), "{t}");
        let threads = store.comment_threads(None).await.unwrap();
        assert_eq!(threads.len(), 1);
        assert!(threads[0].resolved, "resolved in the store");
        let replies = store.comments_on(&Iso3::parse("SEN").unwrap(), "figure:IMM.STOCK:2020:undesa-ims").await.unwrap();
        assert_eq!(replies.iter().map(|c| c.author.as_str()).collect::<Vec<_>>(), ["member", "provider"]);
    });
}

/// GETs `path` with the browser's session cookie; answers the status line and the body.
async fn fetch(base: &str, path: &str, session: &str) -> (String, Vec<u8>) {
    let host = base.trim_start_matches("http://");
    let mut s = tokio::net::TcpStream::connect(host).await.unwrap();
    let req = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nCookie: mp_session={session}\r\nConnection: close\r\n\r\n");
    s.write_all(req.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).await.unwrap();
    let at = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("an HTTP answer");
    let head = String::from_utf8_lossy(&raw[..at]).into_owned();
    (head.lines().next().unwrap_or_default().to_string(), raw[at + 4..].to_vec())
}

#[test]
fn a_workshop_recorded_with_two_action_items_and_its_report_pdf() {
    with_browser("workshop", |c, base, store| async move {
        sign_in(&c, &base, "secretariat").await;
        c.find(Locator::Css("a[href='/fr/ws/meetings']")).await.expect("the meetings from the home").click().await.unwrap();
        wait_for_path(&c, "/fr/ws/meetings").await;
        c.find(Locator::Css("a[href='/fr/ws/meetings/new/SEN']")).await.unwrap().click().await.unwrap();
        wait_for_path(&c, "/fr/ws/meetings/new/SEN").await;
        no_sideways_scroll(&c, "meeting form").await;
        c.find(Locator::Css("#status option[value='held']")).await.unwrap().click().await.unwrap();
        fill(&c, "#title", "Atelier national de validation (essai)").await;
        fill_date(&c, "date", "2026-03-10").await;
        fill(&c, "#place", "Dakar").await;
        fill(&c, "#agenda", "Ouverture\nRevue du stock d'immigrants").await;
        fill(&c, "#participants", "ANSD: Awa Ndiaye\n@provider\nOIM: Jean Diop").await;
        fill(&c, "#decisions", "Adopter la section A.1 révisée").await;
        fill(&c, "#figures", "figure:IMM.STOCK:2020:undesa-ims").await;
        click_button(&c, "secretariat", "Enregistrer").await;
        wait_for_path(&c, "/fr/ws/meeting/").await;
        let t = body_text(&c).await;
        assert!(t.contains("Atelier national de validation (essai)") && t.contains("271 828"), "{t}");

        for (body, owner, due) in
            [("Transmettre le recensement 2023", "@provider", "2020-01-31"), ("Rédiger la section A.1", "Secrétariat", "2099-06-30")]
        {
            fill(&c, "#a-body", body).await;
            fill(&c, "#a-owner", owner).await;
            fill_date(&c, "a-due", due).await;
            fill(&c, "#a-refs", "section:A.1 indicator:IMM.STOCK").await;
            click_button(&c, "secretariat", "Ajouter une action").await;
        }
        let t = body_text(&c).await;
        assert!(t.contains("Transmettre le recensement 2023") && t.contains("Rédiger la section A.1") && t.contains("en retard"), "{t}");
        no_sideways_scroll(&c, "meeting").await;
        c.goto(&format!("{base}/fr/ws/")).await.unwrap();
        let t = body_text(&c).await;
        assert!(t.contains("Actions en retard") && t.contains("Transmettre le recensement 2023"), "{t}");
        no_sideways_scroll(&c, "workspace home").await;

        // The report PDF, downloaded from the meeting's page with the browser's session.
        let m = store.meetings(None).await.unwrap().remove(0);
        c.goto(&format!("{base}/fr/ws/meeting/{}", m.id)).await.unwrap();
        let href = c.find(Locator::Css("a[href$='/report.pdf']")).await.unwrap().attr("href").await.unwrap().unwrap();
        let session = c.get_named_cookie("mp_session").await.unwrap().value().to_string();
        let (status, pdf) = fetch(&base, &href, &session).await;
        assert!(status.contains("200"), "{status}");
        assert!(pdf.starts_with(b"%PDF"), "a PDF");
        match pdftotext(&pdf) {
            Some(text) => {
                let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                for want in [
                    "Atelier national de validation (essai)",
                    "Ordre du jour",
                    "Ouverture",
                    "Awa Ndiaye",
                    "OIM",
                    "Adopter la section A.1 révisée",
                    "Transmettre le recensement 2023",
                    "Rédiger la section A.1",
                    "Chiffres examinés",
                    "271 828",
                ] {
                    assert!(text.contains(want), "{want} in the report PDF: {text}");
                }
            }
            None => {
                assert!(!chromium::in_ci(), "pdftotext is required under CI");
                eprintln!("PDF text check skipped: pdftotext not found");
            }
        }
    });
}
