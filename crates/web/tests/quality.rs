//! The data quality pages and API end to end through the router, on a small hand-made store
//! (invented round numbers, not real data): a country's quality page in the three languages
//! (heat map, scores, conflicts, mirror gaps, advice, gaps, flags and their reviews), the
//! regional page, their weight, and `/api/v1/quality/*` with their filters and errors.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use mp_domain::{DatasetImport, FileInfo, ObsStatus, SourceInfo};
mod common;
mod documented;

use common::obs;
use mp_store::{ImportOptions, NewFlag, Origin, Store};
use mp_web::AppState;
use std::sync::OnceLock;
use tower::ServiceExt;

const MAX_GZIP_BYTES: usize = 150 * 1024;

fn rt() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime"))
}

struct Fixture {
    router: Router,
    store: Store,
    _dir: tempfile::TempDir,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| rt().block_on(build()))
}

fn source(code: &str) -> SourceInfo {
    SourceInfo {
        code: code.into(),
        name: format!("Test source {code}"),
        publisher: "Test".into(),
        licence: "test".into(),
        url: String::new(),
    }
}

fn dataset(code: &str, vintage: &str, observations: Vec<mp_domain::Observation>) -> DatasetImport {
    DatasetImport {
        source: source(code),
        vintage: vintage.into(),
        files: vec![FileInfo { path: format!("test/{code}.csv"), sha256: "0".repeat(64), bytes: 1 }],
        observations,
    }
}

fn template(name: &str, fw: &mp_domain::Framework) -> mp_profile::Template {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../templates").join(format!("{name}.toml"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    mp_profile::Template::parse(&format!("{name}.toml"), &text, fw).unwrap_or_else(|e| panic!("{e}"))
}

async fn build() -> Fixture {
    use ObsStatus::Normal;
    let (fw, areas) = mp_ingest::framework_dir::testing::fixture();
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("quality.db").display().to_string()).await.unwrap_or_else(|e| panic!("{e}"));
    store.load_framework(fw, areas).await.unwrap_or_else(|e| panic!("{e}"));
    let mut ims = Vec::new();
    let mut census = Vec::new();
    for (i, (p, v)) in [("2000", 199_000.0), ("2010", 244_000.0), ("2020", 275_000.0)].into_iter().enumerate() {
        ims.push(obs("IMM.STOCK", "SEN", p, &[], v, Normal, i + 1));
        // A second source 20 % lower: a conflict.
        census.push(obs("IMM.STOCK", "SEN", p, &[], v * 0.8, Normal, i + 1));
    }
    let dqa = vec![
        obs("DQA.SCORE", "SEN", "2026", &[("DQA_DIMENSION", "TIMELINESS")], 1.0, Normal, 1),
        obs("DQA.SCORE", "SEN", "2026", &[("DQA_DIMENSION", "PERIODICITY")], 3.0, Normal, 2),
        obs("DQA.SCORE", "SEN", "2026", &[], 2.0, Normal, 3),
        obs("DQA.SCORE", "GHA", "2026", &[], 2.5, Normal, 4),
        // Each data source's scores: UN DESA's for Senegal, UNHCR's composite for Ghana.
        obs("DQA.SCORE", "SEN", "2026", &[("ASSESSED_SOURCE", "undesa-ims"), ("DQA_DIMENSION", "TIMELINESS")], 3.0, Normal, 8),
        obs("DQA.SCORE", "SEN", "2026", &[("ASSESSED_SOURCE", "undesa-ims")], 2.7, Normal, 9),
        obs("DQA.SCORE", "GHA", "2026", &[("ASSESSED_SOURCE", "unhcr")], 1.4, Normal, 10),
        obs("DQA.MIRROR_GAP", "SEN", "2017", &[], 30.0, Normal, 5),
        obs("DQA.MIRROR_GAP", "SEN", "2017", &[("COUNTERPART_AREA", "FRA")], 45.5, Normal, 6),
        obs("DQA.MIRROR_GAP", "SEN", "2017", &[("COUNTERPART_AREA", "GMB")], 12.0, Normal, 7),
    ];
    let sets = vec![dataset("undesa-ims", "2024", ims), dataset("test-census", "2023", census), dataset("mprofile-dqa", "2026-05", dqa)];
    let opts = ImportOptions { dry_run: false, command: "quality test".into(), origin: Origin::Public };
    store.import(&sets, &opts, &|_, _| {}).await.unwrap_or_else(|e| panic!("{e}"));
    let flag = |rule: &str, severity: &str, period: &str| NewFlag {
        source: "undesa-ims".into(),
        vintage: "2024".into(),
        indicator: "IMM.STOCK".into(),
        area: "SEN".into(),
        period: period.into(),
        dims: String::new(),
        rule: rule.into(),
        severity: severity.into(),
        message: format!("test {rule}"),
        value: 1.0,
        expected: "a test expectation".into(),
    };
    let n = store
        .save_quality_flags(&[flag("outlier.log_jump", "outlier", "2010"), flag("test-rule", "warning", "2020")])
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(n, 2);
    let state = AppState::new(store.clone(), fw.clone(), areas.clone(), template("iom-2011", fw), template("regional", fw));
    Fixture { router: mp_web::router(state), store, _dir: dir }
}

struct Res {
    status: StatusCode,
    body: Vec<u8>,
}

fn get_with(uri: &str, gzip: bool) -> Res {
    let router = fixture().router.clone();
    rt().block_on(async {
        let mut req = Request::builder().uri(uri);
        if gzip {
            req = req.header(header::ACCEPT_ENCODING, "gzip");
        }
        let res = router.oneshot(req.body(Body::empty()).unwrap()).await.unwrap();
        let status = res.status();
        let body = axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap().to_vec();
        Res { status, body }
    })
}

fn page(uri: &str) -> String {
    let r = get_with(uri, false);
    assert_eq!(r.status, StatusCode::OK, "{uri}: {}", String::from_utf8_lossy(&r.body));
    String::from_utf8(r.body).unwrap()
}

fn json(uri: &str) -> serde_json::Value {
    let r = get_with(uri, false);
    assert_eq!(r.status, StatusCode::OK, "{uri}: {}", String::from_utf8_lossy(&r.body));
    serde_json::from_slice(&r.body).unwrap()
}

/// Message ids left in brackets mean a message is missing in a language.
fn unresolved(html: &str) -> Vec<String> {
    let body = html.split("</style>").nth(1).unwrap_or(html);
    let mut out = Vec::new();
    for part in body.split('[').skip(1) {
        if let Some(inner) = part.split(']').next()
            && inner.starts_with("quality-")
        {
            out.push(inner.to_string());
        }
    }
    out
}

#[test]
fn a_country_quality_page_shows_scores_conflicts_mirror_gaps_advice_gaps_and_flags() {
    for (lang, title, heat, advice, undesa) in [
        ("en", "Data quality", "Quality of the data sources, by dimension", "What to improve first", "UN DESA migrant stock"),
        (
            "fr",
            "Qualité des données",
            "Qualité des sources de données, par dimension",
            "Ce qu'il faut améliorer en priorité",
            "Stock de migrants (ONU-DAES)",
        ),
        (
            "pt",
            "Qualidade dos dados",
            "Qualidade das fontes de dados, por dimensão",
            "O que melhorar primeiro",
            "Stock de migrantes (DESA da ONU)",
        ),
    ] {
        let html = page(&format!("/{lang}/quality/SEN"));
        assert!(html.contains(&format!("<html lang=\"{lang}\">")), "{lang}");
        for want in [
            title,
            heat,
            advice,
            undesa,
            "<svg",
            "table-quality-scores",
            "table-quality-sources",
            "table-quality-conflicts",
            "table-quality-mirror",
            "test-rule",
            "outlier.log_jump",
        ] {
            assert!(html.replace("&#39;", "'").contains(want), "{lang}: `{want}` missing");
        }
        assert!(unresolved(&html).is_empty(), "{lang}: {:?}", unresolved(&html));
        assert!(!html.contains("[srcq-"), "{lang}: a message of the sources' scores is missing");
        assert!(!html.contains("<script"), "no script");
        // The largest corridor gap comes first.
        let fra = html.find("45,5").or_else(|| html.find("45.5")).expect("the FRA gap");
        let gmb = html.find("12,0").or_else(|| html.find("12.0")).expect("the GMB gap");
        assert!(fra < gmb, "{lang}: largest gap first");
        let gz = get_with(&format!("/{lang}/quality/SEN"), true);
        assert!(gz.body.len() < MAX_GZIP_BYTES, "{lang}: {} bytes gzipped", gz.body.len());
    }
}

#[test]
fn a_reviewed_flag_shows_its_reason_at_once() {
    let before = page("/en/quality/SEN");
    assert!(before.contains("to review"));
    let f = fixture();
    let flags = rt().block_on(f.store.quality_flags(Some("SEN"))).unwrap();
    let id = flags.iter().find(|x| x.rule == "outlier.log_jump").unwrap().id;
    assert!(
        rt().block_on(f.store.review_quality_flag(id, "the 2010 census explains the jump", "A. Diallo", &mp_store::Actor::cli())).unwrap()
    );
    let after = page("/en/quality/SEN");
    assert!(after.contains("checked, correct: the 2010 census explains the jump"), "the cached page was not refreshed");
}

#[test]
fn the_regional_quality_page_compares_coverage_and_scores() {
    for lang in ["en", "fr", "pt"] {
        let html = page(&format!("/{lang}/quality"));
        assert!(html.contains(&format!("href=\"/{lang}/quality/SEN\"")), "{lang}: links to the countries' pages");
        // Ghana's composite and Senegal's timeliness score, formatted in the language.
        let (two_five, one) = if lang == "en" { ("2.5", "1.0") } else { ("2,5", "1,0") };
        assert!(html.contains(&format!("<td>{two_five}</td>")) && html.contains(&format!("<td>{one}</td>")), "{lang}");
        // Each source's composite, by country: UN DESA's for Senegal, UNHCR's for Ghana.
        let (two_seven, one_four) = if lang == "en" { ("2.7", "1.4") } else { ("2,7", "1,4") };
        assert!(html.contains(r#"id="sources""#), "{lang}: the sources' table");
        assert!(html.contains(&format!("<td>{two_seven}</td>")) && html.contains(&format!("<td>{one_four}</td>")), "{lang}");
        assert!(!html.contains("[srcq-"), "{lang}: a message of the sources' scores is missing");
        assert!(unresolved(&html).is_empty(), "{lang}: {:?}", unresolved(&html));
        let gz = get_with(&format!("/{lang}/quality"), true);
        assert!(gz.body.len() < MAX_GZIP_BYTES);
    }
}

#[test]
fn unknown_countries_are_404_pages() {
    assert_eq!(get_with("/en/quality/XYZ", false).status, StatusCode::NOT_FOUND);
    assert_eq!(get_with("/en/quality/FRA", false).status, StatusCode::NOT_FOUND, "not a profile country");
}

#[test]
fn the_api_serves_scores_mirror_gaps_conflicts_and_flags_with_country_filters() {
    let scores = json("/api/v1/quality/scores?area=SEN");
    let data = scores["data"].as_array().unwrap();
    assert_eq!(data.len(), 5);
    assert!(data.iter().all(|s| s["area"] == "SEN" && s["observation_id"].is_i64()));
    assert!(data.iter().any(|s| s["dimension"].is_null() && s["source"].is_null() && s["score"] == 2.0), "the composite");
    // The country's data as a whole first, then each source's scores.
    assert!(data[0]["source"].is_null());
    assert!(data.iter().any(|s| s["source"] == "undesa-ims" && s["dimension"] == "TIMELINESS" && s["score"] == 3.0));
    assert!(data.iter().any(|s| s["source"] == "undesa-ims" && s["dimension"].is_null() && s["score"] == 2.7));
    assert_eq!(json("/api/v1/quality/scores")["data"].as_array().unwrap().len(), 7, "every profile country by default");
    assert_eq!(json("/api/v1/quality/scores?area=GHA")["data"][0]["score"], 2.5);
    assert_eq!(json("/api/v1/quality/scores?area=GHA")["data"][1]["source"], "unhcr");

    let mirror = json("/api/v1/quality/mirror?area=SEN")["data"].as_array().unwrap().clone();
    let partners: Vec<&serde_json::Value> = mirror.iter().map(|m| &m["partner"]).collect();
    assert_eq!(partners, [&serde_json::Value::Null, &serde_json::json!("FRA"), &serde_json::json!("GMB")]);

    let c = json("/api/v1/quality/conflicts?area=SEN")["data"].as_array().unwrap().clone();
    assert_eq!(c.len(), 3, "three years, 20 % apart");
    assert!(c.iter().all(|x| x["shown"] == "undesa-ims@2024" && x["values"].as_array().unwrap().len() == 2));
    assert!(json("/api/v1/quality/conflicts?area=SEN&threshold=0.5")["data"].as_array().unwrap().is_empty());
    assert_eq!(json("/api/v1/quality/conflicts?limit=1")["data"].as_array().unwrap().len(), 1);

    let flags = json("/api/v1/quality/flags?area=SEN")["data"].as_array().unwrap().clone();
    assert_eq!(flags.len(), 2);
    assert!(json("/api/v1/quality/flags?area=GHA")["data"].as_array().unwrap().is_empty());

    for bad in ["/api/v1/quality/scores?country=SEN", "/api/v1/quality/conflicts?threshold=lots", "/api/v1/quality/conflicts?limit=0"] {
        assert_eq!(get_with(bad, false).status, StatusCode::BAD_REQUEST, "{bad}");
    }
    assert_eq!(get_with("/api/v1/quality/mirror?area=XYZ", false).status, StatusCode::NOT_FOUND);

    // Non-empty answers fit the schemas the OpenAPI document gives for them.
    for (path, uri) in [
        ("/api/v1/quality/scores", "/api/v1/quality/scores"),
        ("/api/v1/quality/mirror", "/api/v1/quality/mirror?area=SEN"),
        ("/api/v1/quality/conflicts", "/api/v1/quality/conflicts?area=SEN"),
        ("/api/v1/quality/flags", "/api/v1/quality/flags?area=SEN"),
    ] {
        let body = json(uri);
        assert!(!body["data"].as_array().unwrap().is_empty(), "{uri}");
        let errs = documented::departures(path, &body);
        assert!(errs.is_empty(), "{uri} does not fit its documented schema:\n  {}", errs.join("\n  "));
    }
}
