//! The portal's pages and downloads end to end through the router, on a small hand-made store:
//! every page type in the three languages (status, `lang`, language switch, real figures,
//! weight after gzip, validators and 304), accessibility basics, bad parameters (a clear 4xx,
//! never a 5xx), and downloads parsed back (CSV, XLSX with calamine, SDMX-CSV, JSON).

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use mp_domain::{AreaCode, AreaRegistry, DatasetImport, FileInfo, Framework, ObsStatus, SourceInfo};
mod common;

use common::obs;
use mp_store::{ImportOptions, ObsQuery, Origin, Store};
use mp_web::AppState;
use std::sync::OnceLock;
use tower::ServiceExt;

/// The most a page may weigh on the wire.
const MAX_GZIP_BYTES: usize = 150 * 1024;

const LANGS: [&str; 3] = ["en", "fr", "pt"];

// ---- fixture ---------------------------------------------------------------------------------

fn rt() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    // One runtime for every test: the store's pool lives on the runtime that opened it.
    RT.get_or_init(|| tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime"))
}

struct Fixture {
    router: Router,
    _dir: tempfile::TempDir,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| rt().block_on(build_fixture()))
}

fn fw_areas() -> &'static (Framework, AreaRegistry) {
    mp_ingest::framework_dir::testing::fixture()
}

fn source(code: &str, name: &str, publisher: &str) -> SourceInfo {
    SourceInfo {
        code: code.into(),
        name: name.into(),
        publisher: publisher.into(),
        licence: "CC BY 3.0 IGO".into(),
        url: format!("https://example.org/{code}"),
    }
}

fn file(path: &str) -> FileInfo {
    FileInfo { path: path.into(), sha256: format!("{:0>64}", format!("{:x}", path.len())), bytes: 123_456 }
}

/// Senegal and Ghana: migrant stocks (two vintages, by sex and origin), a census estimate as a
/// second source, population with a projection, emigrants and remittances.
fn datasets() -> Vec<DatasetImport> {
    use ObsStatus::*;
    let mut row = 0;
    let mut next = || {
        row += 1;
        row
    };
    let mut ims = Vec::new();
    for (p, sen, gha) in [
        ("1990", 152_000.0, 716_000.0),
        ("1995", 180_500.0, 600_000.0),
        ("2000", 199_300.0, 590_000.0),
        ("2005", 220_000.0, 400_000.0),
        ("2010", 244_100.0, 337_000.0),
        ("2015", 263_200.0, 418_000.0),
        ("2020", 274_929.0, 476_000.0),
        ("2024", 281_500.0, 532_000.0),
    ] {
        ims.push(obs("IMM.STOCK", "SEN", p, &[], sen, Normal, next()));
        ims.push(obs("IMM.STOCK", "GHA", p, &[], gha, Normal, next()));
        ims.push(obs("IMM.STOCK", "SEN", p, &[("SEX", "F")], (sen * 0.47_f64).round(), Normal, next()));
        ims.push(obs("IMM.STOCK", "SEN", p, &[("SEX", "M")], (sen * 0.53_f64).round(), Normal, next()));
        ims.push(obs("EMI.STOCK", "SEN", p, &[], sen * 2.5, Normal, next()));
        ims.push(obs("EMI.STOCK", "GHA", p, &[], gha * 2.0, Normal, next()));
    }
    for (i, o) in ["GIN", "MLI", "MRT", "GMB", "FRA"].iter().enumerate() {
        ims.push(obs("IMM.STOCK", "SEN", "2024", &[("COUNTERPART_AREA", o)], 97_000.0 / (i + 1) as f64, Normal, next()));
    }
    let ims20 =
        vec![obs("IMM.STOCK", "SEN", "2015", &[], 256_000.0, Normal, 1), obs("IMM.STOCK", "SEN", "2020", &[], 275_000.0, Normal, 2)];
    let census = vec![obs("IMM.STOCK", "SEN", "2013", &[], 244_000.0, Estimated, 1)];
    let mut wdi = Vec::new();
    for y in 2015..=2024 {
        let k = (y - 2015) as f64;
        wdi.push(obs("DEV.POP", "SEN", &y.to_string(), &[], 14_578_000.0 + k * 435_998.0, Normal, next()));
        wdi.push(obs("DEV.POP", "GHA", &y.to_string(), &[], 28_000_000.0 + k * 700_000.0, Normal, next()));
        if y <= 2023 {
            wdi.push(obs("REM.IN", "SEN", &y.to_string(), &[], 2_000_000_000.0 + k * 113_125_000.0, Normal, next()));
            wdi.push(obs("REM.IN", "GHA", &y.to_string(), &[], 2_000_000_000.0 + k * 50_000_000.0, Normal, next()));
        }
    }
    let wpp = vec![obs("DEV.POP", "SEN", "2030", &[], 21_000_000.0, Forecast, 1)];
    vec![
        DatasetImport {
            source: source("undesa-ims", "International Migrant Stock", "UN DESA Population Division"),
            vintage: "2020".into(),
            files: vec![file("undesa/ims2020.csv")],
            observations: ims20,
        },
        DatasetImport {
            source: source("undesa-ims", "International Migrant Stock", "UN DESA Population Division"),
            vintage: "2024".into(),
            files: vec![file("undesa/ims2024.csv")],
            observations: ims,
        },
        DatasetImport {
            source: source("ansd-census", "Recensement général de la population et de l'habitat", "ANSD"),
            vintage: "2013".into(),
            files: vec![file("ansd/rgphae2013.xlsx")],
            observations: census,
        },
        DatasetImport {
            source: source("wb-wdi", "World Development Indicators", "World Bank"),
            vintage: "2025".into(),
            files: vec![file("wb/wdi.csv")],
            observations: wdi,
        },
        DatasetImport {
            source: source("un-wpp", "World Population Prospects", "UN DESA Population Division"),
            vintage: "2024".into(),
            files: vec![file("un/wpp2024.csv")],
            observations: wpp,
        },
    ]
}

fn template(name: &str, fw: &Framework) -> mp_profile::Template {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../templates").join(format!("{name}.toml"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    mp_profile::Template::parse(&format!("{name}.toml"), &text, fw).unwrap_or_else(|e| panic!("{e}"))
}

async fn build_fixture() -> Fixture {
    let (router, _store, dir) = fresh_app().await;
    Fixture { router, _dir: dir }
}

/// An application on its own new store, with the store to change it.
async fn fresh_app() -> (Router, Store, tempfile::TempDir) {
    let (fw, areas) = fw_areas();
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("pages.db").display().to_string()).await.unwrap_or_else(|e| panic!("{e}"));
    store.load_framework(fw, areas).await.unwrap_or_else(|e| panic!("{e}"));
    let opts = ImportOptions { dry_run: false, command: "pages test".into(), origin: Origin::Public };
    store.import(&datasets(), &opts, &|_, _| {}).await.unwrap_or_else(|e| panic!("{e}"));
    let sen = AreaCode::parse("SEN").unwrap();
    let records = store.records(&ObsQuery { areas: vec![sen.clone()], any_dims: true, ..ObsQuery::default() }).await.unwrap();
    store.edition_create(&sen, "2025", "iom-2011", "2025-06-30", &records).await.unwrap_or_else(|e| panic!("{e}"));
    let state = AppState::new(store.clone(), fw.clone(), areas.clone(), template("iom-2011", fw), template("regional", fw))
        .with_pictures(std::sync::Arc::new(|svg: &str, width: u32| mp_pdf::png::svg_to_png(svg, width).map_err(|e| e.to_string())));
    (mp_web::router(state), store, dir)
}

// ---- requests --------------------------------------------------------------------------------

struct Res {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Res {
    fn header(&self, name: header::HeaderName) -> &str {
        self.headers.get(&name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }
    fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("UTF-8 body")
    }
}

fn get_with(uri: &str, headers: &[(header::HeaderName, &str)]) -> Res {
    rt().block_on(request(&fixture().router, uri, headers))
}

async fn request(router: &Router, uri: &str, headers: &[(header::HeaderName, &str)]) -> Res {
    let mut req = Request::builder().uri(uri);
    for (k, v) in headers {
        req = req.header(k, *v);
    }
    let req = req.body(Body::empty()).unwrap();
    let res = router.clone().oneshot(req).await.unwrap();
    let (parts, body) = res.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX).await.unwrap().to_vec();
    Res { status: parts.status, headers: parts.headers, body }
}

fn get(uri: &str) -> Res {
    get_with(uri, &[])
}

/// A page that must answer 200 with HTML.
fn page(uri: &str) -> String {
    let r = get(uri);
    assert_eq!(r.status, StatusCode::OK, "{uri}: {}", String::from_utf8_lossy(&r.body));
    assert!(r.header(header::CONTENT_TYPE).starts_with("text/html"), "{uri}");
    // Askama writes `&` as `&#38;`, the render crate as `&amp;`: both are the same to a browser.
    r.text().replace("&#38;", "&amp;")
}

/// Every page type, with the path after the language.
const PAGES: [&str; 11] = [
    "/",
    "/country/SEN",
    "/country/GHA",
    "/country/SEN/edition/2025",
    "/indicator/IMM.STOCK",
    "/indicator/IMM.STOCK?area=SEN&dims=SEX%3DF",
    "/theme/T04",
    "/sources",
    "/sources/technical",
    "/search?q=migrant",
    "/regional",
];

/// Message ids left in brackets (`[web-total]`) mean a message is missing in a language.
fn unresolved_messages(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    // The stylesheet has attribute selectors (`a[aria-current]`); messages are in the body.
    let mut rest = html.split("</style>").nth(1).unwrap_or(html);
    while let Some(i) = rest.find('[') {
        rest = &rest[i + 1..];
        let Some(j) = rest.find(']') else { break };
        let inner = &rest[..j];
        if inner.len() > 2 && inner.contains('-') && inner.chars().all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit()) {
            out.push(inner.to_string());
        }
    }
    out
}

// ---- pages -----------------------------------------------------------------------------------

#[test]
fn every_page_in_every_language() {
    for lang in LANGS {
        for p in PAGES {
            let uri = format!("/{lang}{p}");
            let html = page(&uri);
            assert!(html.starts_with("<!DOCTYPE html>"), "{uri}");
            assert!(html.contains(&format!("<html lang=\"{lang}\">")), "{uri}: lang attribute");
            let unresolved = unresolved_messages(&html);
            assert!(unresolved.is_empty(), "{uri}: missing messages {unresolved:?}");
            // The language switch leads to the same page in the other languages.
            for other in LANGS.iter().filter(|o| **o != lang) {
                let href = format!("href=\"/{other}{}\"", p.replace('&', "&amp;"));
                assert!(html.contains(&href), "{uri}: no language switch link {href}");
            }
            assert!(html.contains(&format!("<span aria-current=\"page\" lang=\"{lang}\">")), "{uri}: current language");
        }
    }
}

#[test]
fn pages_are_light_on_the_wire() {
    for lang in LANGS {
        for p in PAGES {
            let uri = format!("/{lang}{p}");
            let r = get_with(&uri, &[(header::ACCEPT_ENCODING, "gzip")]);
            assert_eq!(r.status, StatusCode::OK, "{uri}");
            assert_eq!(r.header(header::CONTENT_ENCODING), "gzip", "{uri}: not compressed");
            assert!(r.body.len() <= MAX_GZIP_BYTES, "{uri}: {} bytes gzipped", r.body.len());
            println!("{uri}: {} bytes gzipped", r.body.len());
        }
    }
}

#[test]
fn pages_need_no_script_font_or_other_server() {
    for p in PAGES {
        let html = page(&format!("/fr{p}"));
        let lower = html.to_ascii_lowercase();
        assert!(!lower.contains("<script"), "{p}: script");
        assert!(!lower.contains("@font-face") && !lower.contains("@import"), "{p}: font or import");
        assert!(!lower.contains("<img") && !lower.contains("<iframe") && !lower.contains("<link rel=\"stylesheet\""), "{p}: request");
        assert!(!lower.contains("src=\"http") && !lower.contains("url(http"), "{p}: external resource");
        assert_eq!(lower.matches("<style>").count(), 1, "{p}: one inline stylesheet");
    }
}

#[test]
fn every_answer_carries_the_security_headers() {
    let uris = PAGES.iter().map(|p| format!("/en{p}")).chain(
        [
            "/",
            "/en/country/XXX",
            "/api/v1/areas",
            "/api/v1/openapi.json",
            "/api/v1/nope",
            "/en/download/series.csv?indicator=IMM.STOCK&area=SEN",
        ]
        .map(String::from),
    );
    for uri in uris {
        let r = get(&uri);
        assert_eq!(r.header(header::CONTENT_SECURITY_POLICY), mp_web::CONTENT_SECURITY_POLICY, "{uri} ({})", r.status);
        assert_eq!(r.header(header::X_CONTENT_TYPE_OPTIONS), "nosniff", "{uri}");
        assert_eq!(r.header(header::REFERRER_POLICY), "strict-origin-when-cross-origin", "{uri}");
    }
}

#[test]
fn pages_are_accessible_landmarks_headings_tables_and_charts() {
    for p in PAGES {
        let html = page(&format!("/en{p}"));
        assert!(html.contains("<a class=\"skip\" href=\"#main\">"), "{p}: skip link");
        assert!(html.contains("<main id=\"main\""), "{p}: main landmark");
        assert!(html.contains("<header class=\"site\">") && html.contains("<footer class=\"site\">"), "{p}: banner and footer");
        assert!(html.contains("<nav class=\"langs\" aria-label=") && html.contains("<nav class=\"menu\" aria-label="), "{p}: navigation");
        assert!(html.contains("role=\"search\"") && html.contains("<label for=\"q\""), "{p}: labelled search");
        assert_eq!(html.matches("<h1").count(), 1, "{p}: one h1");
        assert!(html.contains("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"), "{p}: viewport");
        let tables = html.matches("<table").count();
        assert_eq!(html.matches("<caption").count(), tables, "{p}: every table has a caption");
        if tables > 0 {
            assert!(html.contains("scope=\"col\""), "{p}: column headers");
        }
        // A nested `<svg x=…>` is a clipping viewport inside a chart (regional maps), not a chart.
        for svg in html.split("<svg").skip(1).filter(|s| !s.starts_with(" x=\"")) {
            let head = &svg[..svg.find("<rect").unwrap_or(svg.len().min(400))];
            assert!(head.contains("role=\"img\""), "{p}: chart role");
            let title = head.split("<title>").nth(1).and_then(|t| t.split("</title>").next()).unwrap_or("");
            assert!(!title.trim().is_empty(), "{p}: chart without a title: {head}");
            assert!(head.contains("<desc>"), "{p}: chart without a description");
        }
    }
}

#[test]
fn home_lists_countries_with_key_figures_themes_and_news() {
    let html = page("/fr/");
    assert!(html.contains("href=\"/fr/country/SEN\">Sénégal</a>"), "country names in French");
    assert!(html.contains("href=\"/fr/country/CIV\">Côte d&#39;Ivoire</a>") || html.contains("href=\"/fr/country/CIV\">Côte d'Ivoire</a>"));
    // Senegal's 2024 population and 2023 remittances, as key figures in French.
    assert!(html.contains("18,5\u{a0}millions") || html.contains("18,5 millions"), "population in French: {html}");
    assert!(html.contains("milliards de dollars US"), "remittances in French");
    for t in 1..=14 {
        assert!(html.contains(&format!("href=\"/fr/theme/T{t:02}\"")), "theme T{t:02}");
    }
    assert!(html.contains("observations ajoutées"), "latest import");
    assert!(html.contains("International Migrant Stock (2024)"), "latest datasets");
    let en = page("/en/");
    assert!(en.contains("18.5\u{a0}million") || en.contains("18.5 million"), "population in English");
}

#[test]
fn country_page_has_sections_editions_charts_and_downloads() {
    let html = page("/fr/country/SEN");
    assert!(html.contains("<h1>Profil migratoire\u{a0}: Sénégal</h1>"), "title");
    assert!(html.contains("<nav class=\"toc\""), "table of contents");
    assert!(html.contains("href=\"#A.1\"") && html.contains("<section id=\"A.1\""), "anchors");
    assert!(html.contains("href=\"/fr/country/SEN/edition/2025\""), "edition link");
    assert!(html.contains("<svg") && html.contains("<details><summary>"), "charts with their data");
    for f in ["csv", "xlsx", "sdmx.csv", "json"] {
        assert!(html.contains(&format!("href=\"/fr/download/country/SEN.{f}\"")), "all data as {f}");
    }
    assert!(html.contains("/fr/download/country/SEN.csv?block="), "data behind each chart");
    // The migrant stock as the French format writes it, in the data behind a chart.
    assert!(html.contains("274\u{202f}929"), "French number");
    let ed = page("/en/country/SEN/edition/2025");
    assert!(ed.contains("<strong aria-current=\"page\">Edition 2025</strong>"), "current edition marked");
    assert!(ed.contains("/en/download/country/SEN.csv?edition=2025"), "edition downloads");
}

#[test]
fn indicator_page_has_definition_series_sources_and_comparison() {
    let html = page("/fr/indicator/IMM.STOCK?area=SEN");
    assert!(html.contains("<h1>Stock de migrants internationaux</h1>"));
    assert!(html.contains("Personnes vivant dans le pays"), "definition");
    assert!(html.contains("Sources et précautions d"), "sources and caveats");
    // The framework's candidate sources are named in French, next to their French caveats.
    assert!(
        html.contains("ONU-DAES, Division de la population, Stock de migrants internationaux 2024 (SM.POP.TOTL)"),
        "French source name"
    );
    assert!(html.contains("Institut national de la statistique, recensement général de la population et de"), "French census source");
    assert!(!html.contains("International Migrant Stock 2024"), "no English source name next to the French caveats");
    let pt = page("/pt/indicator/IMM.STOCK?area=SEN");
    assert!(pt.contains("ONU-DAES, Divisão de População, Stock de Migrantes Internacionais 2024 (SM.POP.TOTL)"), "Portuguese source name");
    assert!(!pt.contains("International Migrant Stock 2024"), "no English source name in Portuguese");
    let en = page("/en/indicator/IMM.STOCK?area=SEN");
    assert!(en.contains("UN DESA Population Division, International Migrant Stock 2024 (SM.POP.TOTL)"), "English source name kept");
    assert!(html.contains("<option value=\"SEN\" selected>Sénégal</option>"), "country chosen");
    assert!(html.contains("<option value=\"SEX=F\">"), "disaggregations offered");
    assert!(html.contains("274\u{202f}929"), "2020 value in French");
    assert!(html.contains("244\u{202f}000"), "the census next to UN DESA");
    // Sources as the documents cite them, in French: the short name, or the publisher's own.
    assert!(html.contains("ANSD (2013)") && html.contains("ONU-DAES, Stock de migrants internationaux (2024)"), "sources side by side");
    assert!(!html.contains("UN DESA Population Division (2024)"), "no English source name in the French series");
    assert!(html.contains("Ghana") && html.contains("532\u{202f}000"), "Ghana's latest value in the comparison");
    assert!(html.contains("href=\"/fr/download/series.csv?indicator=IMM.STOCK&amp;area=SEN\""), "series download");
    let f = page("/en/indicator/IMM.STOCK?area=SEN&dims=SEX%3DF");
    assert!(f.contains("<option value=\"SEX=F\" selected>"), "disaggregation kept");
    assert!(f.contains("129,217"), "women in 2020");
    // The default country is the first profile country; a country without data says so.
    let none = page("/en/indicator/IMM.STOCK?area=MLI");
    assert!(none.contains("No data for this country"), "no data note");
    let other = page("/en/indicator/IMM.STOCK?area=FRA");
    assert!(other.contains("<option value=\"FRA\" selected>France</option>"), "any area may be chosen");
}

#[test]
fn indicator_comparison_has_a_regional_map_and_a_year_choice() {
    let html = page("/fr/indicator/IMM.STOCK");
    let map = html.find("<svg x=\"").expect("a regional map clipped to the compared countries");
    assert!(html[..map].contains("dernière valeur dans chaque pays"), "map under the comparison");
    assert!(html.contains("<select id=\"year\" name=\"year\">") && html.contains("<option value=\"2013\">2013</option>"), "year choice");
    let html = page("/fr/indicator/IMM.STOCK?area=SEN&year=2013");
    assert!(html.contains("dernière valeur jusqu'en 2013 dans chaque pays"), "title names the year");
    assert!(html.contains("<option value=\"2013\" selected>2013</option>"), "year kept");
    let r = get("/fr/indicator/IMM.STOCK?year=20x3");
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.text().contains("year") && r.text().contains("20x3"), "{}", r.text());
}

#[test]
fn every_indicator_chart_downloads_as_svg_and_png() {
    let html = page("/pt/indicator/IMM.STOCK?area=SEN&year=2013");
    let svg_link = "/pt/indicator/IMM.STOCK/chart/compare-map.svg?area=SEN&amp;year=2013";
    assert!(html.contains(svg_link) && html.contains("/pt/indicator/IMM.STOCK/chart/series.png?area=SEN&amp;year=2013"), "links");
    let r = get(&svg_link.replace("&amp;", "&"));
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.header(header::CONTENT_TYPE).starts_with("image/svg+xml"));
    assert!(r.header(header::CONTENT_DISPOSITION).contains("mprofile-IMM.STOCK-SEN-compare-map-pt.svg"));
    let svg = r.text();
    assert!(svg.starts_with("<?xml") && svg.contains("até 2013"), "the title is drawn in the file");
    assert!(!svg.contains("width=\"100%\""), "sized in pixels");
    let r = get("/pt/indicator/IMM.STOCK/chart/series.png?area=SEN");
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header(header::CONTENT_TYPE), "image/png");
    assert_eq!(&r.body[..4], b"\x89PNG");
    assert_eq!(get("/pt/indicator/IMM.STOCK/chart/nothing.svg?area=SEN").status, StatusCode::NOT_FOUND);
    assert_eq!(get("/pt/indicator/IMM.STOCK/chart/series.gif").status, StatusCode::BAD_REQUEST);
}

#[test]
fn theme_page_shows_coverage() {
    let html = page("/en/theme/T04");
    assert!(html.contains("<h1>Emigration and immigration"), "theme name");
    assert!(html.contains("href=\"/en/indicator/IMM.STOCK\""), "indicators listed");
    assert!(html.contains("<td>2024</td>"), "latest year");
    assert!(html.contains("<td class=\"na\">"), "gaps");
    assert!(html.contains("<abbr title=\"Senegal\">SEN</abbr>"), "country columns");
}

#[test]
fn sources_page_speaks_plainly_and_keeps_files_on_its_technical_page() {
    let html = page("/fr/sources");
    for s in ["undesa-ims", "ansd-census", "wb-wdi", "un-wpp"] {
        assert!(html.contains(&format!("id=\"src-{s}\"")), "{s}");
    }
    assert!(html.contains("Banque mondiale, Indicateurs du développement dans le monde"), "short localised name");
    assert!(
        html.contains("Édition utilisée\u{a0}: 2024. Couvre Ghana, Sénégal, 1990\u{2013}2024."),
        "edition as a year, countries by name"
    );
    assert!(html.contains("chiffres dans la base. Éditions antérieures conservées\u{a0}: 2020."), "earlier editions");
    assert!(!html.contains("SHA-256") && !html.contains(".csv") && !html.contains("class=\"code\""), "no file detail");
    assert!(html.contains("href=\"/fr/sources/technical#tech-wb-wdi\""), "link to the technical entry");
}

#[test]
fn sources_technical_page_lists_datasets_files_and_coverage() {
    let html = page("/pt/sources/technical");
    for s in ["undesa-ims", "ansd-census", "wb-wdi", "un-wpp"] {
        assert!(html.contains(&format!("id=\"tech-{s}\"")), "{s}");
    }
    assert!(html.contains("CC BY 3.0 IGO") && html.contains("https://example.org/wb-wdi"), "licence and address");
    assert!(html.contains("undesa/ims2024.csv") && html.contains("<code class=\"sha\">"), "files and checksums");
    assert!(html.contains("GHA, SEN · 1990\u{2013}2024"), "coverage");
    assert!(html.contains("a mais recente"), "latest vintage marked");
}

#[test]
fn search_matches_accents_languages_and_codes() {
    let html = page("/en/search?q=senegal");
    assert!(html.contains("href=\"/en/country/SEN\""), "country without its accent");
    let html = page("/fr/search?q=refugies");
    assert!(html.contains("/fr/indicator/REF."), "indicator by its French name without accents");
    let html = page("/pt/search?q=imm.stock");
    assert!(html.contains("href=\"/pt/indicator/IMM.STOCK\""), "by code");
    let html = page("/en/search?q=world%20bank");
    assert!(html.contains("href=\"/en/sources#src-wb-wdi\""), "sources");
    let html = page("/en/search?q=zzzzqqq");
    assert!(html.contains("No results for"), "no results");
    let long = "x".repeat(5000);
    page(&format!("/en/search?q={long}"));
    page("/en/search?q=%3Cscript%3E");
    assert!(!page("/en/search?q=%3Cscript%3E").contains("<script>"), "query escaped");
    page("/en/search");
}

#[test]
fn regional_page() {
    let html = page("/pt/regional");
    assert!(html.contains("<nav class=\"toc\""));
}

// ---- language and caching --------------------------------------------------------------------

#[test]
fn root_redirects_by_accept_language() {
    for (accept, want) in
        [(None, "/en/"), (Some("fr-FR,fr;q=0.9,en;q=0.8"), "/fr/"), (Some("pt-PT"), "/pt/"), (Some("de, wo;q=0.5"), "/en/")]
    {
        let r = match accept {
            Some(a) => get_with("/", &[(header::ACCEPT_LANGUAGE, a)]),
            None => get("/"),
        };
        assert_eq!(r.status, StatusCode::FOUND, "{accept:?}");
        assert_eq!(r.header(header::LOCATION), want, "{accept:?}");
        assert!(r.header(header::VARY).contains("Accept-Language"));
    }
    let r = get("/fr");
    assert!(r.status.is_redirection() && r.header(header::LOCATION) == "/fr/");
}

#[test]
fn strong_etags_and_304() {
    for uri in ["/en/", "/fr/country/SEN", "/pt/indicator/IMM.STOCK", "/en/download/country/SEN.csv"] {
        let r = get(uri);
        assert_eq!(r.status, StatusCode::OK, "{uri}");
        let etag = r.header(header::ETAG).to_string();
        assert!(etag.starts_with('"') && !etag.starts_with("W/"), "{uri}: strong ETag {etag}");
        assert!(r.header(header::CACHE_CONTROL).contains("max-age"), "{uri}: Cache-Control");
        let again = get(uri);
        assert_eq!(again.header(header::ETAG), etag, "{uri}: the same body has the same ETag");
        let r304 = get_with(uri, &[(header::IF_NONE_MATCH, &etag)]);
        assert_eq!(r304.status, StatusCode::NOT_MODIFIED, "{uri}");
        assert!(r304.body.is_empty(), "{uri}: 304 without a body");
        let other = get_with(uri, &[(header::IF_NONE_MATCH, "\"something-else\"")]);
        assert_eq!(other.status, StatusCode::OK, "{uri}");
    }
    assert_ne!(get("/en/").header(header::ETAG), get("/fr/").header(header::ETAG), "languages differ");
}

#[test]
fn cached_pages_follow_imports_narratives_and_editions() {
    rt().block_on(async {
        let (router, store, _dir) = fresh_app().await;
        let sen = AreaCode::parse("SEN").unwrap();
        let text = |r: Res| String::from_utf8(r.body).unwrap();
        let before = text(request(&router, "/en/country/SEN", &[]).await);
        assert!(!before.contains("Written by the working group"));
        assert_eq!(text(request(&router, "/en/country/SEN", &[]).await), before, "served again from the cache");

        // The working group edits the narrative: no import, yet the page changes.
        store.narrative_set(&sen, "summary", mp_domain::Lang::En, "Written by the working group.").await.unwrap();
        let after = text(request(&router, "/en/country/SEN", &[]).await);
        assert!(after.contains("Written by the working group."), "narrative shown");

        // A new edition is listed at once.
        let records = store.records(&ObsQuery { areas: vec![sen.clone()], any_dims: true, ..ObsQuery::default() }).await.unwrap();
        store.edition_create(&sen, "2026", "iom-2011", "2026-01-31", &records).await.unwrap();
        let listed = text(request(&router, "/en/country/SEN", &[]).await);
        assert!(listed.contains("href=\"/en/country/SEN/edition/2026\""), "new edition listed");

        // An import starts a new generation: new figures everywhere.
        let before = text(request(&router, "/en/indicator/IMM.STOCK?area=SEN", &[]).await);
        assert!(!before.contains("301,234"));
        let new = DatasetImport {
            source: source("undesa-ims", "International Migrant Stock", "UN DESA Population Division"),
            vintage: "2025".into(),
            files: vec![file("undesa/ims2025.csv")],
            observations: vec![obs("IMM.STOCK", "SEN", "2025", &[], 301_234.0, ObsStatus::Normal, 1)],
        };
        store
            .import(
                &[new],
                &ImportOptions { dry_run: false, command: "pages test, second import".into(), origin: Origin::Public },
                &|_, _| {},
            )
            .await
            .unwrap();
        let after = text(request(&router, "/en/indicator/IMM.STOCK?area=SEN", &[]).await);
        assert!(after.contains("301,234"), "the new vintage is shown");
        let home = text(request(&router, "/en/", &[]).await);
        assert!(home.contains("1 observation added"), "the import is news");
    });
}

// ---- bad requests ----------------------------------------------------------------------------

#[test]
fn bad_parameters_are_clear_4xx_never_5xx() {
    let cases: &[(&str, u16, &str)] = &[
        ("/xx/", 404, "unknown language"),
        ("/de/country/SEN", 404, "unknown language"),
        ("/xx", 404, "unknown language"),
        ("/en/country/FRA", 404, "unknown country"),
        ("/en/country/XX", 404, "unknown country"),
        ("/en/country/SEN/edition/1999", 404, "no edition"),
        ("/en/indicator/NOPE", 404, "unknown indicator"),
        ("/en/indicator/IMM.STOCK?area=ZZZ", 404, "unknown area"),
        ("/en/indicator/IMM.STOCK?dims=FOO", 400, "bad dims"),
        ("/en/indicator/IMM.STOCK?dims=SEX%3DQ", 400, "bad dims"),
        ("/en/indicator/REM.IN?dims=SEX%3DF", 400, "bad dims"),
        ("/en/theme/T99", 404, "unknown theme"),
        ("/en/theme/nonsense", 404, "unknown theme"),
        ("/en/download/series.csv", 400, "missing `indicator`"),
        ("/en/download/series.pdf?indicator=IMM.STOCK", 404, "no download"),
        ("/en/download/other.csv?indicator=IMM.STOCK", 404, "no download"),
        ("/en/download/series.csv?indicator=NOPE", 404, "unknown indicator"),
        ("/en/download/series.csv?indicator=IMM.STOCK&area=SEN,ZZZ", 404, "unknown area"),
        ("/en/download/country/FRA.csv", 404, "unknown country"),
        ("/en/download/country/SEN.txt", 404, "no download"),
        ("/en/download/country/SEN.csv?edition=1999", 404, "no edition"),
        ("/en/download/country/SEN.csv?block=nope", 404, "no chart or table"),
        ("/en/indicator/IMM.STOCK?area=SEN&area=GHA", 400, ""),
    ];
    for (uri, status, words) in cases {
        let r = get(uri);
        assert_eq!(r.status.as_u16(), *status, "{uri}: {}", String::from_utf8_lossy(&r.body));
        let body = r.text();
        assert!(body.contains(words), "{uri}: message should say `{words}`: {body}");
        assert_eq!(r.header(header::CACHE_CONTROL), "no-store", "{uri}: errors are not cached");
    }
    // Error pages are pages: in the language, with the way home.
    let body = get("/fr/country/FRA").text();
    assert!(body.contains("<html lang=\"fr\">") && body.contains("Page introuvable") && body.contains("href=\"/fr/\""), "{body}");
}

// ---- downloads -------------------------------------------------------------------------------

#[test]
fn series_csv_has_localised_headers_and_provenance() {
    let r = get("/fr/download/series.csv?indicator=IMM.STOCK&area=SEN");
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header(header::CONTENT_TYPE), "text/csv; charset=utf-8");
    let cd = r.header(header::CONTENT_DISPOSITION);
    assert!(cd.starts_with("attachment;") && cd.contains("mprofile-IMM.STOCK-SEN.csv"), "{cd}");
    let mut rd = csv::Reader::from_reader(&r.body[..]);
    let headers: Vec<String> = rd.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(headers[0], "Code de l'indicateur", "{headers:?}");
    for h in ["Valeur", "Statut", "Millésime", "Nom de la source", "SHA-256 du fichier", "Emplacement dans le fichier"] {
        assert!(headers.iter().any(|x| x == h), "{h} in {headers:?}");
    }
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = rd.records().map(|r| r.unwrap()).collect();
    // Totals only, every source's newest vintage: 8 UN DESA years and the census.
    assert_eq!(rows.len(), 9, "{rows:?}");
    let y2020: Vec<&csv::StringRecord> = rows.iter().filter(|r| &r[col("Période")] == "2020").collect();
    assert_eq!(y2020.len(), 1);
    assert_eq!(&y2020[0][col("Valeur")], "274929");
    assert_eq!(&y2020[0][col("Millésime")], "2024");
    assert_eq!(&y2020[0][col("Code de la source")], "undesa-ims");
    assert_eq!(&y2020[0][col("Pays ou zone")], "Sénégal");
    assert!(y2020[0][col("Emplacement dans le fichier")].starts_with("row "));
    let census = rows.iter().find(|r| &r[col("Code de la source")] == "ansd-census").unwrap();
    assert_eq!(&census[col("Code du statut")], "E");
    assert_eq!(&census[col("Statut")], "estimé");
}

#[test]
fn series_downloads_for_several_areas_and_a_disaggregation() {
    let r = get("/en/download/series.csv?indicator=IMM.STOCK&area=SEN,GHA&dims=SEX%3DF");
    assert_eq!(r.status, StatusCode::OK);
    let mut rd = csv::Reader::from_reader(&r.body[..]);
    let rows: Vec<csv::StringRecord> = rd.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 8, "women in Senegal only (Ghana has no sex breakdown)");
    assert!(rows.iter().all(|r| &r[5] == "SEX=F"));
    let all = get("/en/download/series.csv?indicator=IMM.STOCK&area=SEN,GHA");
    let n = csv::Reader::from_reader(&all.body[..]).records().count();
    assert_eq!(n, 17, "8 + 8 UN DESA years and the census");
}

#[test]
fn xlsx_opens_with_calamine() {
    use calamine::Reader;
    let r = get("/pt/download/series.xlsx?indicator=DEV.POP&area=SEN");
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header(header::CONTENT_TYPE), mp_export::XLSX);
    assert!(r.header(header::CONTENT_DISPOSITION).contains("mprofile-DEV.POP-SEN.xlsx"));
    let gz = get_with("/pt/download/series.xlsx?indicator=DEV.POP&area=SEN", &[(header::ACCEPT_ENCODING, "gzip")]);
    assert!(gz.header(header::CONTENT_ENCODING).is_empty(), "workbooks are zip files already");
    let mut wb = calamine::Xlsx::new(std::io::Cursor::new(r.body)).expect("a workbook");
    let range = wb.worksheet_range("data").expect("sheet data");
    let rows: Vec<Vec<calamine::Data>> = range.rows().map(|r| r.to_vec()).collect();
    assert_eq!(rows[0][0].to_string(), "Código do indicador");
    assert_eq!(rows.len(), 1 + 10 + 1, "header, ten World Bank years, the WPP projection");
    let value_col = rows[0].iter().position(|c| *c == "Valor").unwrap();
    assert!(rows[1..].iter().any(|r| r[value_col] == calamine::Data::Float(18_501_982.0)), "numbers stay numbers");
}

#[test]
fn json_and_sdmx_parse_back() {
    let r = get("/en/download/series.json?indicator=IMM.STOCK&area=SEN");
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.header(header::CONTENT_TYPE).starts_with("application/json"));
    let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(v["count"], 9);
    let o = v["observations"].as_array().unwrap().iter().find(|o| o["period"] == "2020").unwrap();
    assert_eq!(o["value"], 274929.0);
    assert_eq!(o["source"], "undesa-ims");
    assert_eq!(o["vintage"], "2024");
    assert_eq!(o["area_name"], "Senegal");
    assert!(o["sha256"].as_str().unwrap().len() == 64 && o["locator"].as_str().unwrap().starts_with("row "));

    let r = get("/en/download/series.sdmx.csv?indicator=IMM.STOCK&area=SEN");
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.header(header::CONTENT_TYPE).starts_with("application/vnd.sdmx.data+csv"));
    assert!(r.header(header::CONTENT_DISPOSITION).contains(".sdmx.csv"));
    let mut rd = csv::Reader::from_reader(&r.body[..]);
    let h: Vec<String> = rd.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(&h[..5], ["STRUCTURE", "STRUCTURE_ID", "ACTION", "REF_AREA", "INDICATOR"]);
    assert_eq!(h.last().map(String::as_str), Some("DATA_SOURCE"));
    let ds = h.len() - 1;
    let rows: Vec<csv::StringRecord> = rd.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 9, "every source's figures, as in the JSON download");
    let tp = h.iter().position(|x| x == "TIME_PERIOD").unwrap();
    let ov = h.iter().position(|x| x == "OBS_VALUE").unwrap();
    let r2020 = rows.iter().find(|r| &r[tp] == "2020" && &r[ov] == "274929").expect("the 2020 figure");
    assert_eq!(&r2020[1], "MPROFILE:UNDESA_IMS(2024)", "the row names its source and vintage");
    assert_eq!(&r2020[ds], "International Migrant Stock");
    // The census estimate of 2013 is there too, under its own source.
    assert!(rows.iter().any(|r| r[1].starts_with("MPROFILE:ANSD_CENSUS(") && &r[tp] == "2013"), "{rows:?}");
    // SDMX-CSV written here is what the national reader imports, one dataset per source, each
    // namespaced as a national source of the file's country (a national file never writes a
    // publisher's source).
    let (fw, areas) = fw_areas();
    let f = mp_ingest::files::InputFile::from_bytes("series.sdmx.csv", r.body.to_vec());
    let back =
        mp_ingest::national::read_sdmx_csv(&f, &mp_ingest::Context::new(fw, areas), &Default::default()).unwrap_or_else(|e| panic!("{e}"));
    let mut sets: Vec<(String, String, usize)> =
        back.datasets.iter().map(|d| (d.source.code.clone(), d.vintage.clone(), d.observations.len())).collect();
    sets.sort();
    assert_eq!(
        sets,
        [
            ("nat-sen-mprofile-ansd-census".to_string(), "2013".to_string(), 1),
            ("nat-sen-mprofile-undesa-ims".to_string(), "2024".to_string(), 8)
        ]
    );
}

#[test]
fn country_downloads_all_data_one_block_or_an_edition() {
    let all = get("/en/download/country/SEN.csv");
    assert_eq!(all.status, StatusCode::OK);
    assert!(all.header(header::CONTENT_DISPOSITION).contains("mprofile-SEN.csv"));
    let n_all = csv::Reader::from_reader(&all.body[..]).records().count();
    assert!(n_all > 40, "{n_all} observations");
    // The first chart with data: its download holds only what it was drawn from.
    let html = page("/en/country/SEN");
    let href = html.split("href=\"/en/download/country/SEN.csv?block=").nth(1).and_then(|s| s.split('"').next()).expect("a block download");
    let block = get(&format!("/en/download/country/SEN.csv?block={href}"));
    assert_eq!(block.status, StatusCode::OK);
    let n_block = csv::Reader::from_reader(&block.body[..]).records().count();
    assert!(n_block > 0 && n_block < n_all, "{n_block} of {n_all}");
    for f in ["xlsx", "sdmx.csv", "json"] {
        let r = get(&format!("/en/download/country/SEN.{f}?block={href}"));
        assert_eq!(r.status, StatusCode::OK, "{f}");
    }
    let ed = get("/en/download/country/SEN.json?edition=2025");
    assert_eq!(ed.status, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_slice(&ed.body).unwrap();
    assert_eq!(v["count"].as_u64().unwrap() as usize, n_all, "the edition froze the same observations");
    assert!(ed.header(header::CONTENT_DISPOSITION).contains("mprofile-SEN-edition-2025.json"));
}
