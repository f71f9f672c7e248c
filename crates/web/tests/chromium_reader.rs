//! The portal as a reader meets it on a 320-px phone and a 1280-px screen, in French and
//! Portuguese (the languages of eight of the ten profile countries), in a real headless
//! Chromium: on the home page, a country page and an indicator page, no card label or key
//! figure wraps inside a word, chart text is at least 11 CSS px (its computed size times the
//! drawing's scale), charts use the column's width on a wide screen, nothing scrolls sideways,
//! and a country page shows its key figures before its (folded) contents.
//!
//! The store is hand-written test data shaped like the real figures (long French money values
//! such as "316,4 millions de dollars US"). With `MPROFILE_PORTAL_URL=http://127.0.0.1:8080`
//! the same checks also run against a portal already serving a store (the demo's real data).
//!
//! Needs `chromium` and `chromedriver`; without them the test says so and passes, unless `CI`
//! is set, where it fails. With `MPROFILE_SCREENSHOTS=<dir>` it saves each page at each width.

mod chromium;

use chromium::{connect, in_ci, on_path, start_driver};
use fantoccini::Client;
use mp_domain::{
    AreaCode, AreaRegistry, DatasetImport, DimensionKey, FileInfo, Framework, IndicatorCode, ObsStatus, Observation, Period, Provenance,
    SourceInfo, UnitMult,
};
use mp_store::{ImportOptions, Origin, Store};
use mp_web::AppState;
use std::path::Path;
use std::time::{Duration, Instant};

fn fw_areas() -> &'static (Framework, AreaRegistry) {
    mp_ingest::framework_dir::testing::fixture()
}

fn obs(ind: &str, area: &str, year: i32, value: f64, row: usize) -> Observation {
    Observation {
        indicator: IndicatorCode::parse(ind).unwrap(),
        area: AreaCode::parse(area).unwrap(),
        period: Period::parse(&year.to_string()).unwrap(),
        dims: DimensionKey::total(),
        value: Some(value),
        status: ObsStatus::Normal,
        unit_mult: UnitMult::UNITS,
        footnote: None,
        provenance: Provenance { file: 0, locator: format!("row {row}") },
    }
}

fn dataset(code: &str, name: &str, vintage: &str, observations: Vec<Observation>) -> DatasetImport {
    DatasetImport {
        source: SourceInfo {
            code: code.into(),
            name: name.into(),
            publisher: name.into(),
            licence: "CC BY 4.0".into(),
            url: format!("https://example.org/{code}"),
        },
        vintage: vintage.into(),
        files: vec![FileInfo { path: format!("{code}.csv"), sha256: "ab".repeat(32), bytes: 2048 }],
        observations,
    }
}

/// Every profile country with the four home figures, sized like the real ones (test data).
fn datasets(countries: &[AreaCode]) -> Vec<DatasetImport> {
    let (mut ims, mut wdi) = (Vec::new(), Vec::new());
    let mut row = 0;
    for (k, a) in countries.iter().enumerate() {
        let f = 1.0 + k as f64 * 0.37;
        for (i, y) in [1990, 2000, 2005, 2010, 2015, 2020, 2024].into_iter().enumerate() {
            let g = 1.0 + i as f64 * 0.08;
            row += 1;
            ims.push(obs("IMM.STOCK", a.as_str(), y, (164_500.0 * f * g).round(), row));
            row += 1;
            ims.push(obs("EMI.STOCK", a.as_str(), y, (146_000.0 * f * f * g).round(), row));
        }
        for y in 2010..=2024 {
            let t = f64::from(y - 2010);
            row += 1;
            wdi.push(obs("DEV.POP", a.as_str(), y, (525_000.0 * f * f * f * (1.0 + t * 0.025)).round(), row));
            row += 1;
            // 316.4 million US$ for the first: "316,4 millions de dollars US" on a card.
            wdi.push(obs("REM.IN", a.as_str(), y, (316_400_000.0 * f * f * (1.0 + t * 0.01)).round(), row));
        }
    }
    vec![
        dataset("undesa-ims", "UN DESA International Migrant Stock", "2024", ims),
        dataset("wb-wdi", "World Bank World Development Indicators", "2025", wdi),
    ]
}

fn template(name: &str, fw: &Framework) -> mp_profile::Template {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../templates").join(format!("{name}.toml"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    mp_profile::Template::parse(&format!("{name}.toml"), &text, fw).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_portal_reads_well_on_phones_and_wide_screens_in_french_and_portuguese() {
    let (Some(chromium), Some(driver)) = (on_path(&["chromium", "chromium-browser", "google-chrome"]), on_path(&["chromedriver"])) else {
        assert!(!in_ci(), "chromium and chromedriver are required under CI: apt-get install -y chromium chromium-driver");
        eprintln!("skipped: chromium or chromedriver not found (apt-get install -y chromium chromium-driver)");
        return;
    };
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    rt.block_on(async move {
        let (fw, areas) = fw_areas();
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("reader.db").display().to_string()).await.unwrap();
        store.load_framework(fw, areas).await.unwrap();
        let countries: Vec<AreaCode> = areas.profile_countries().iter().map(|a| a.code.clone()).collect();
        store
            .import(
                &datasets(&countries),
                &ImportOptions { dry_run: false, command: "reader test".into(), origin: Origin::Public },
                &|_, _| {},
            )
            .await
            .unwrap();
        let state = AppState::new(store, fw.clone(), areas.clone(), template("iom-2011", fw), template("regional", fw));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, mp_web::router(state)).await });

        let mut bases = vec![base];
        if let Ok(real) = std::env::var("MPROFILE_PORTAL_URL") {
            bases.push(real.trim_end_matches('/').to_string());
        }
        let (_driver, port) = start_driver(&driver).await;
        let c = connect(port, &chromium, &dir.path().join("chromium-profile")).await;
        let c2 = c.clone();
        let checks = tokio::spawn(async move {
            for b in bases {
                checks(&c2, &b).await;
            }
        });
        let outcome = checks.await;
        let _ = c.close().await;
        if let Err(e) = outcome {
            std::panic::resume_unwind(e.into_panic());
        }
    });
}

/// The pages read: each language's home, a country page and an indicator page.
const PAGES: [&str; 6] =
    ["/fr/", "/fr/country/SEN", "/fr/indicator/REM.IN?area=SEN", "/pt/", "/pt/country/CPV", "/pt/indicator/IMM.STOCK?area=CPV"];

async fn checks(c: &Client, base: &str) {
    let shots = std::env::var_os("MPROFILE_SCREENSHOTS").map(std::path::PathBuf::from);
    for width in [320, 1280] {
        resize(c, width).await;
        for page in PAGES {
            let what = format!("{base}{page} at {width} px");
            c.goto(&format!("{base}{page}")).await.unwrap();
            let r = c.execute(MEASURE, vec![]).await.unwrap();
            eprintln!("{what}: {r}");
            assert_eq!(r["width"].as_i64(), Some(i64::from(width)), "{what}: the window is {} px wide", r["width"]);
            assert!(r["scroll"].as_i64() <= r["width"].as_i64(), "{what}: the page scrolls sideways: {r}");
            if !page.contains("/indicator/") {
                assert!(r["words"].as_u64() > Some(8), "{what}: too few card words measured: {r}");
            }
            assert!(r["broken"].as_array().is_some_and(Vec::is_empty), "{what}: words broken across lines: {}", r["broken"]);
            if !page.ends_with('/') {
                assert!(r["charts"].as_u64() >= Some(1), "{what}: no chart shown: {r}");
                assert!(r["smallest"].as_f64().is_some_and(|px| px >= 11.0), "{what}: chart text below 11 px: {r}");
                // Wide screens: the drawing takes the column, not half of it.
                assert!(r["narrowest"].as_f64().is_some_and(|f| f >= 0.95), "{what}: a chart leaves its column empty: {r}");
            }
            if page.contains("/country/") {
                assert_eq!(r["kf_before_toc"], serde_json::json!(true), "{what}: key figures must come before the contents: {r}");
                assert_eq!(r["toc_folded"], serde_json::json!(true), "{what}: the contents are not folded: {r}");
            }
            if let Some(dir) = &shots {
                std::fs::create_dir_all(dir).unwrap();
                let name = page.trim_matches('/').replace(['/', '?', '='], "-");
                std::fs::write(dir.join(format!("{name}-{width}.png")), c.screenshot().await.unwrap()).unwrap();
            }
        }
    }
}

async fn resize(c: &Client, width: u32) {
    c.set_window_size(width, 900).await.unwrap();
    let t0 = Instant::now();
    while c.execute("return window.innerWidth;", vec![]).await.unwrap().as_i64() != Some(i64::from(width)) {
        assert!(t0.elapsed() < Duration::from_secs(10), "the window did not become {width} px wide");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Measures the page in the browser: its width and scroll width; every word of the card labels,
/// card values and key figures that the layout split across lines (a word is one box on one
/// line, so a word with two client rectangles is broken); the smallest chart text in CSS px
/// (computed font size × the drawing's on-screen width ÷ its viewBox width) over the drawings
/// shown; the narrowest drawing as a share of its box; whether the key figures come before the
/// contents and the contents are folded.
const MEASURE: &str = r#"
const width = window.innerWidth, scroll = document.documentElement.scrollWidth;
let words = 0; const broken = [];
for (const el of document.querySelectorAll('.cards dt, .cards dd, .kf .v, .kf .l')) {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const re = /\S+/g; let m;
    while ((m = re.exec(n.data)) !== null) {
      const r = document.createRange(); r.setStart(n, m.index); r.setEnd(n, m.index + m[0].length);
      const rects = Array.from(r.getClientRects()).filter(x => x.width > 0);
      words++;
      if (rects.length > 1) broken.push(m[0]);
    }
  }
}
let smallest = null, narrowest = null, charts = 0;
for (const svg of document.querySelectorAll('.chart svg')) {
  const box = svg.getBoundingClientRect();
  if (box.width === 0 || !svg.viewBox || !svg.viewBox.baseVal || svg.viewBox.baseVal.width === 0) continue;
  charts++;
  const scale = box.width / svg.viewBox.baseVal.width;
  const share = box.width / svg.closest('.chart').getBoundingClientRect().width;
  const column = svg.closest('main').getBoundingClientRect().width;
  const used = box.width / Math.max(1, Math.min(column, width) - 32);
  narrowest = Math.min(narrowest ?? 9, share, width >= 1000 ? used : 9);
  for (const t of svg.querySelectorAll('text')) {
    if (!t.textContent.trim()) continue;
    const px = parseFloat(getComputedStyle(t).fontSize) * scale;
    smallest = Math.min(smallest ?? 99, px);
  }
}
const kf = document.querySelector('.kf'), toc = document.querySelector('.toc');
const kf_before_toc = !!(kf && toc && (kf.compareDocumentPosition(toc) & Node.DOCUMENT_POSITION_FOLLOWING));
const toc_folded = !!(toc && toc.closest('details') && !toc.closest('details').open);
return {width, scroll, words, broken, charts, smallest, narrowest, kf_before_toc, toc_folded};
"#;
