//! The governance registries on the portal and the API, on a small hand-written registry (not
//! real data): Senegal has statuses, an institution and two projects, Ghana has nothing. The
//! policy, programmes and regional comparison pages in the three languages (light, no script,
//! every message resolved, the entries shown, an empty registry in one line), the links from the
//! country page, and the registry endpoints as JSON, CSV and XLSX with their 400s.

mod documented;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use mp_domain::registry::{Currency, Date, Institution, Money, Project, ProjectStatus};
use mp_domain::{
    AreaCode, AreaRegistry, FileInfo, Framework, I18nText, Instrument, InstrumentCode, InstrumentKind, InstrumentStatus, Provenance,
    Ratification, RegistryImport, SourceInfo, ThemeCode,
};
use mp_store::{ImportOptions, Origin, Store};
use mp_web::AppState;
use std::sync::OnceLock;
use tower::ServiceExt;

const LANGS: [&str; 3] = ["en", "fr", "pt"];

fn rt() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime"))
}

struct Fixture {
    router: Router,
    _dir: tempfile::TempDir,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| rt().block_on(build()))
}

fn fw_areas() -> &'static (Framework, AreaRegistry) {
    mp_ingest::framework_dir::testing::fixture()
}

fn template(name: &str, fw: &Framework) -> mp_profile::Template {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../templates").join(format!("{name}.toml"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    mp_profile::Template::parse(&format!("{name}.toml"), &text, fw).unwrap_or_else(|e| panic!("{e}"))
}

fn themes(t: &[&str]) -> Vec<ThemeCode> {
    t.iter().map(|t| ThemeCode::parse(t).unwrap()).collect()
}

fn instrument(code: &str, kind: InstrumentKind, short: &str, title: &str, area: Option<&str>, th: &[&str]) -> Instrument {
    Instrument {
        code: InstrumentCode::parse(code).unwrap(),
        kind,
        short: short.into(),
        title: I18nText::new(title, format!("{title} (fr)"), format!("{title} (pt)")),
        year: Some(1990),
        area: area.map(|a| AreaCode::parse(a).unwrap()),
        citation: None,
        link: None,
        themes: themes(th),
    }
}

fn status(code: &str, s: InstrumentStatus, year: i32, note: Option<&str>, row: usize) -> Ratification {
    Ratification {
        instrument: InstrumentCode::parse(code).unwrap(),
        area: AreaCode::parse("SEN").unwrap(),
        status: s,
        year: Some(year),
        responsible: None,
        note: note.map(str::to_string),
        provenance: Provenance { file: 0, locator: format!("row {row}") },
    }
}

fn project(id: &str, title: &str, th: &[&str], budget: f64) -> Project {
    Project {
        identifier: id.into(),
        title: title.into(),
        reporting_org: "Fixture Agency".into(),
        implementing: vec!["Fixture Ministry".into()],
        donors: vec!["Fixture Donor".into()],
        countries: vec![AreaCode::parse("SEN").unwrap()],
        themes: themes(th),
        sectors: vec!["15190".into()],
        start: Some(Date::parse("2022-01-01").unwrap()),
        end: Some(Date::parse("2026-12-31").unwrap()),
        status: Some(ProjectStatus::Implementation),
        budget: Some(Money { value: budget, currency: Currency::parse("USD").unwrap() }),
        results: None,
        provenance: Provenance { file: 0, locator: format!("activity {id}") },
    }
}

/// A hand-written registry for Senegal only.
fn registry() -> RegistryImport {
    RegistryImport {
        source: SourceInfo {
            code: "fixture-registry".into(),
            name: "Hand-written registry fixture".into(),
            publisher: "mprofile tests".into(),
            licence: "CC0".into(),
            url: "https://example.org/fixture".into(),
        },
        vintage: "2026".into(),
        files: vec![FileInfo { path: "fixture/registry.xlsx".into(), sha256: format!("{:0>64}", "ab"), bytes: 1000 }],
        instruments: vec![
            instrument("ICRMW", InstrumentKind::Convention, "ICMW", "Fixture Migrant Workers Convention", None, &["T01", "T12"]),
            instrument("ECOWAS_FMP", InstrumentKind::Regional, "ECOWAS FMP", "Fixture Free Movement Protocol", None, &["T01", "T04"]),
            instrument("PLAN_FIX", InstrumentKind::DevelopmentPlan, "PSE", "Fixture Development Plan", Some("SEN"), &["T02", "T08"]),
        ],
        ratifications: vec![
            status("ICRMW", InstrumentStatus::Ratified, 1999, None, 2),
            status("ECOWAS_FMP", InstrumentStatus::InForce, 1980, Some("Fixture note: visa-free entry applied"), 3),
            status("PLAN_FIX", InstrumentStatus::Adopted, 2014, None, 4),
        ],
        institutions: vec![Institution {
            area: AreaCode::parse("SEN").unwrap(),
            name: "Fixture Directorate of Migration".into(),
            acronym: Some("FDM".into()),
            mandate: Some("Coordinates migration policy".into()),
            parent: Some("Fixture Ministry".into()),
            themes: themes(&["T01"]),
            contact: None,
            data_held: Some("Register of returnees".into()),
            organisation: None,
            provenance: Provenance { file: 0, locator: "row 2".into() },
        }],
        projects: vec![
            project("XM-FIX-1", "Fixture Return Project", &["T05", "T09"], 1_500_000.0),
            project("XM-FIX-2", "Fixture Diaspora Project", &["T08"], 250_000.0),
        ],
    }
}

async fn build() -> Fixture {
    let (fw, areas) = fw_areas();
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("registry.db").display().to_string()).await.unwrap_or_else(|e| panic!("{e}"));
    store.load_framework(fw, areas).await.unwrap_or_else(|e| panic!("{e}"));
    let opts = ImportOptions { dry_run: false, command: "registry web test".into(), origin: Origin::Public };
    store.import_registry(&[registry()], &opts).await.unwrap_or_else(|e| panic!("{e}"));
    let state = AppState::new(store.clone(), fw.clone(), areas.clone(), template("iom-2011", fw), template("regional", fw));
    Fixture { router: mp_web::router(state), _dir: dir }
}

struct Res {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: Vec<u8>,
}

fn get_with(uri: &str, headers: &[(header::HeaderName, &str)]) -> Res {
    let router = fixture().router.clone();
    rt().block_on(async {
        let mut req = Request::builder().uri(uri);
        for (k, v) in headers {
            req = req.header(k, *v);
        }
        let res = router.oneshot(req.body(Body::empty()).unwrap()).await.unwrap();
        let (parts, body) = res.into_parts();
        Res { status: parts.status, headers: parts.headers, body: axum::body::to_bytes(body, usize::MAX).await.unwrap().to_vec() }
    })
}

fn page(uri: &str) -> String {
    let r = get_with(uri, &[]);
    assert_eq!(r.status, StatusCode::OK, "{uri}: {}", String::from_utf8_lossy(&r.body));
    String::from_utf8(r.body).unwrap().replace("&#38;", "&amp;")
}

fn unresolved(html: &str) -> Vec<String> {
    let mut out = Vec::new();
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

const PAGES: [&str; 5] = ["/policy/SEN", "/programmes/SEN", "/policy/GHA", "/programmes/GHA", "/policy"];

#[test]
fn governance_pages_in_every_language_are_light_and_script_free() {
    for lang in LANGS {
        for p in PAGES {
            let uri = format!("/{lang}{p}");
            let html = page(&uri);
            assert!(html.contains(&format!("<html lang=\"{lang}\">")), "{uri}");
            assert!(unresolved(&html).is_empty(), "{uri}: missing messages {:?}", unresolved(&html));
            assert!(!html.to_ascii_lowercase().contains("<script"), "{uri}: script");
            for other in LANGS.iter().filter(|o| **o != lang) {
                assert!(html.contains(&format!("href=\"/{other}{p}\"")), "{uri}: language switch to {other}");
            }
            let gz = get_with(&uri, &[(header::ACCEPT_ENCODING, "gzip")]);
            assert_eq!(gz.headers.get(header::CONTENT_ENCODING).map(|v| v.to_str().unwrap()), Some("gzip"), "{uri}");
            assert!(gz.body.len() <= 150 * 1024, "{uri}: {} bytes gzipped", gz.body.len());
        }
    }
}

#[test]
fn policy_page_shows_instruments_coherence_free_movement_and_institutions() {
    let html = page("/en/policy/SEN");
    for want in [
        "Fixture Migrant Workers Convention",
        "table-coherence",
        "Fixture note: visa-free entry applied",
        "Migration appears in the national development plan (Fixture Development Plan)",
        "Fixture Directorate of Migration",
        "Hand-written registry fixture",
        "/api/v1/registry/instruments?country=SEN&amp;format=csv",
    ] {
        assert!(html.contains(want), "/en/policy/SEN lacks {want}");
    }
    // The programmes are on their own page, not here.
    assert!(!html.contains("Fixture Return Project"));
    let fr = page("/fr/policy/SEN");
    assert!(fr.contains("Fixture Migrant Workers Convention (fr)"), "French titles");
    assert!(fr.contains("La migration figure dans le plan national de développement"), "French sentence");
}

#[test]
fn programmes_page_lists_the_projects_with_their_budget() {
    let html = page("/en/programmes/SEN");
    assert!(html.contains("Fixture Return Project") && html.contains("Fixture Diaspora Project"));
    assert!(html.contains("1\u{202F}500\u{202F}000 USD"), "budget");
    assert!(!html.contains("Fixture Directorate of Migration"));
}

#[test]
fn an_empty_registry_says_so_in_one_line_per_part() {
    let html = page("/en/policy/GHA");
    assert!(html.contains("The registry holds no instrument status for this country yet"));
    assert!(html.contains("The institutions registry holds no entry for this country yet."));
    assert!(!html.contains("<table"), "no empty tables");
    assert_eq!(html.matches("registry holds no").count(), 3, "instruments, coherence, institutions: one line each");
    let html = page("/en/programmes/GHA");
    assert!(html.contains("The project registry holds no programme or project for this country yet."));
    assert!(!html.contains("<table"));
}

#[test]
fn regional_comparison_compares_the_countries() {
    let html = page("/en/policy");
    assert!(html.contains("Ratification of international instruments by country"));
    assert!(html.contains("Policy coherence by country"));
    assert!(html.contains("Programmes and projects by country and theme"));
    assert!(html.contains("href=\"/en/policy/GHA\""));
}

#[test]
fn country_page_links_to_its_policy_and_programmes_pages() {
    let html = page("/pt/country/SEN");
    assert!(html.contains("href=\"/pt/policy/SEN\""));
    assert!(html.contains("href=\"/pt/programmes/SEN\""));
}

fn json(uri: &str) -> serde_json::Value {
    let r = get_with(uri, &[]);
    assert_eq!(r.status, StatusCode::OK, "{uri}: {}", String::from_utf8_lossy(&r.body));
    serde_json::from_slice(&r.body).unwrap()
}

#[test]
fn api_serves_the_registries_with_their_sources() {
    let v = json("/api/v1/registry/instruments?country=SEN");
    let data = v["data"].as_array().unwrap();
    let icmw = data.iter().find(|i| i["code"] == "ICRMW").expect("ICRMW");
    assert_eq!(icmw["statuses"][0]["status"], "ratified");
    assert_eq!(icmw["statuses"][0]["year"], 1999);
    assert_eq!(icmw["statuses"][0]["source"]["at"], "fixture/registry.xlsx row 2");
    // Ghana has no status: no instrument is listed for it.
    assert_eq!(json("/api/v1/registry/instruments?country=GHA")["data"].as_array().unwrap().len(), 0);
    let v = json("/api/v1/registry/institutions?country=sen");
    assert_eq!(v["data"][0]["acronym"], "FDM");
    let v = json("/api/v1/registry/projects?theme=T08");
    let ids: Vec<&str> = v["data"].as_array().unwrap().iter().map(|p| p["identifier"].as_str().unwrap()).collect();
    assert_eq!(ids, ["XM-FIX-2"]);
    assert_eq!(v["data"][0]["budget"]["value"], 250_000.0);
    // Non-empty answers fit the schemas the OpenAPI document gives for them.
    for (path, uri) in [
        ("/api/v1/registry/instruments", "/api/v1/registry/instruments"),
        ("/api/v1/registry/institutions", "/api/v1/registry/institutions"),
        ("/api/v1/registry/projects", "/api/v1/registry/projects"),
    ] {
        let body = json(uri);
        assert!(!body["data"].as_array().unwrap().is_empty(), "{uri}");
        let errs = documented::departures(path, &body);
        assert!(errs.is_empty(), "{uri} does not fit its documented schema:\n  {}", errs.join("\n  "));
    }
}

#[test]
fn api_downloads_csv_and_xlsx() {
    let r = get_with("/api/v1/registry/projects?country=SEN&format=csv", &[]);
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/csv"));
    let mut rd = csv::Reader::from_reader(&r.body[3..]);
    let head = rd.headers().unwrap().clone();
    assert_eq!(&head[0], "identifier");
    let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][0], "XM-FIX-1");

    let r = get_with("/api/v1/registry/instruments?format=xlsx", &[]);
    assert_eq!(r.status, StatusCode::OK);
    use calamine::{Reader, Xlsx};
    let mut x: Xlsx<_> = Xlsx::new(std::io::Cursor::new(r.body)).unwrap();
    let range = x.worksheet_range("instruments").unwrap();
    assert_eq!(range.height(), 4, "header and three statuses");
}

#[test]
fn api_refuses_bad_parameters_with_a_clear_400() {
    for (uri, says) in [
        ("/api/v1/registry/projects?country=FRA", "unknown country"),
        ("/api/v1/registry/projects?theme=T99", "unknown theme"),
        ("/api/v1/registry/instruments?format=pdf", "expected json, csv or xlsx"),
        ("/api/v1/registry/institutions?theme=T01", "unknown parameter `theme`"),
    ] {
        let r = get_with(uri, &[]);
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{uri}");
        let body = String::from_utf8(r.body).unwrap();
        assert!(body.contains(says), "{uri}: {body}");
    }
}
