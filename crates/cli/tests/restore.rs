//! `mprofile backup` then `mprofile restore`: the restored store answers every API query byte for
//! byte as the original did. The queries are a fixed list that reaches every route of the API
//! (checked against the route table, so a new endpoint cannot be left out), with its filters.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use mp_store::Store;
use mp_web::AppState;
use tower::ServiceExt;

/// Every route with its filters. A route the table gains later is reached through
/// [`fallback`] until it is given its own queries here.
const QUERIES: &[&str] = &[
    "/api/v1/themes",
    "/api/v1/indicators",
    "/api/v1/indicators?theme=T04",
    "/api/v1/indicators?q=stock",
    "/api/v1/indicators/IMM.STOCK",
    "/api/v1/indicators/NO.SUCH",
    "/api/v1/codelists",
    "/api/v1/codelists/CL_UNIT_MULT",
    "/api/v1/codelists/CL_SEX",
    "/api/v1/areas",
    "/api/v1/areas?kind=country",
    "/api/v1/areas?profile=true",
    "/api/v1/areas/SEN",
    "/api/v1/areas/ECOWAS",
    "/api/v1/sources",
    "/api/v1/observations?indicator=IMM.STOCK&area=SEN",
    "/api/v1/observations?indicator=IMM.STOCK&area=SEN&period=2013&dim=*",
    "/api/v1/observations?indicator=IMM.STOCK&area=SEN&dim=SEX:F",
    "/api/v1/observations?indicator=IMM.STOCK&area=SEN&from=2000&to=2020&limit=50&offset=10",
    "/api/v1/observations?indicator=IMM.STOCK&area=SEN&source=undesa-ims&all_vintages=true&limit=100",
    "/api/v1/observations?indicator=IMM.STOCK&status=A&area=SEN&dim=*&limit=20",
    "/api/v1/observations?indicator=IMM.STOCK&area=MLI,NER,SEN",
    "/api/v1/countries/SEN/profile",
    "/api/v1/countries/SEN/profile?edition=2024",
    "/api/v1/countries/MLI/profile",
    "/api/v1/quality/scores?area=SEN",
    "/api/v1/quality/conflicts?area=SEN",
    "/api/v1/quality/mirror?area=SEN",
    "/api/v1/quality/flags?area=SEN",
    "/api/v1/registry/instruments?country=SEN",
    "/api/v1/registry/institutions?country=SEN",
    "/api/v1/registry/projects?country=SEN",
    "/api/v1/forecasts?indicator=FCT.IMM_STOCK&area=SEN",
    "/api/openapi.json",
    "/healthz",
];

/// A query for a route not in [`QUERIES`]: its path parameters filled with a country, an
/// indicator or a code list that exist in the store.
fn fallback(path: &str) -> String {
    path.replace("{iso3}", "SEN")
        .replace("{country}", "SEN")
        .replace("{area}", "SEN")
        .replace("{code}", "SEN")
        .replace("{indicator}", "IMM.STOCK")
        .replace("{id}", "1")
        .replace("{theme}", "T04")
}

/// Does `query` reach the route `template` (`{x}` matches one path segment)?
fn reaches(template: &str, query: &str) -> bool {
    let path = query.split('?').next().unwrap_or(query);
    let (t, p): (Vec<&str>, Vec<&str>) = (template.split('/').collect(), path.split('/').collect());
    t.len() == p.len() && t.iter().zip(&p).all(|(a, b)| a.starts_with('{') || a == b)
}

fn template(id: &str, fw: &mp_domain::Framework) -> mp_profile::Template {
    let path = repo().join("templates").join(format!("{id}.toml"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    mp_profile::Template::parse(&format!("{id}.toml"), &text, fw).unwrap_or_else(|e| panic!("{e}"))
}

async fn answers(db: &str, queries: &[String]) -> Vec<(StatusCode, Vec<u8>)> {
    let (fw, areas) = mp_ingest::framework_dir::testing::fixture();
    let store = Store::open_existing(db).await.unwrap_or_else(|e| panic!("{db}: {e}"));
    let state = AppState::new(store.clone(), fw.clone(), areas.clone(), template("iom-2011", fw), template("regional", fw));
    let router = mp_web::router(state);
    let mut out = Vec::new();
    for q in queries {
        let res = router.clone().oneshot(Request::get(q.as_str()).body(Body::empty()).unwrap()).await.unwrap();
        let status = res.status();
        let body = axum::body::to_bytes(res.into_body(), 64 * 1024 * 1024).await.unwrap();
        out.push((status, body.to_vec()));
    }
    store.close().await;
    out
}

#[test]
fn a_restored_store_answers_every_api_query_as_the_original() {
    if !data_dir().join("country-codes").exists() {
        eprintln!("skipping: no data mirror at {}", data_dir().display());
        return;
    }
    let (g, db) = temp_db();
    // A populated store: public sources, a national file, a frozen edition, narrative, members.
    ok(&mprofile(&db, &["init"]));
    ok(&mprofile(&db, &["import", "-q", "--source", "wpp2024", "--source", "undesa-ims"]));
    let census = g.path().join("census.csv");
    std::fs::write(
        &census,
        "DATAFLOW,REF_AREA,INDICATOR,SEX,COUNTERPART_AREA,TIME_PERIOD,OBS_VALUE,OBS_STATUS\n\
         ANSD:RGPHE(1.0),SEN,IMM.STOCK,_T,_T,2013,210000,A\n\
         ANSD:RGPHE(1.0),SEN,IMM.STOCK,F,_T,2013,95000,A\n",
    )
    .unwrap();
    ok(&mprofile(&db, &["import", "-q", &census.display().to_string()]));
    ok(&mprofile(&db, &["narrative", "set", "SEN", "--section", "A.1", "--lang", "fr", "--text", "Le recensement de 2013."]));
    ok(&mprofile(&db, &["edition", "create", "SEN", "2024"]));
    ok(&mprofile(&db, &["twg", "create", "SEN"]));
    ok(&mprofile(&db, &["user", "add", "admin"]));
    ok(&mprofile(&db, &["member", "add", "admin", "--role", "admin"]));

    // Every import is one audit row, stored with the import: a refused import leaves neither.
    let audit =
        |db: &str| -> Vec<serde_json::Value> { serde_json::from_str(&ok(&mprofile(db, &["audit", "list", "--format", "json"]))).unwrap() };
    let rows = audit(&db);
    let imports: Vec<&serde_json::Value> = rows.iter().filter(|r| r["action"] == "import").collect();
    assert!(imports.len() >= 2 && imports.iter().all(|r| r["target"].as_str().unwrap().starts_with("batch:")), "{rows:?}");
    let bad = g.path().join("bad.csv");
    std::fs::write(&bad, "DATAFLOW,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE\nANSD:RGPHE(1.0),SEN,IMM.STOCK,2013,many\n").unwrap();
    assert!(!mprofile(&db, &["import", "-q", &bad.display().to_string()]).status.success());
    assert_eq!(audit(&db).len(), rows.len(), "a refused import writes no audit row");
    assert!(ok(&mprofile(&db, &["audit", "verify"])).contains("intact"));

    let backup = g.path().join("backup.db");
    ok(&mprofile(&db, &["backup", &backup.display().to_string()]));
    let restored = g.path().join("restored.db").display().to_string();
    ok(&mprofile(&restored, &["restore", &backup.display().to_string()]));

    // The fixed list, and one query for any route it does not reach.
    let mut queries: Vec<String> = QUERIES.iter().map(|q| q.to_string()).collect();
    for e in mp_web::api::endpoints() {
        if !QUERIES.iter().any(|q| reaches(e.path, q)) {
            queries.push(fallback(e.path));
        }
    }
    for e in mp_web::api::endpoints() {
        assert!(queries.iter().any(|q| reaches(e.path, q)), "no query reaches {}", e.path);
    }

    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let before = rt.block_on(answers(&db, &queries));
    let after = rt.block_on(answers(&restored, &queries));
    for ((q, a), b) in queries.iter().zip(&before).zip(&after) {
        assert_eq!(a.0, b.0, "{q}: status {} before, {} after the restore", a.0, b.0);
        assert!(
            a.1 == b.1,
            "{q}: the restored store answers differently:\n{}\n---\n{}",
            String::from_utf8_lossy(&a.1),
            String::from_utf8_lossy(&b.1)
        );
    }
    // The comparison is not vacuous: the answers hold the store's data.
    let ok_count = before.iter().filter(|(s, _)| *s == StatusCode::OK).count();
    let not_ok: Vec<String> =
        queries.iter().zip(&before).filter(|(_, (s, _))| *s != StatusCode::OK).map(|(q, (s, _))| format!("{q} {s}")).collect();
    assert!(
        not_ok == ["/api/v1/indicators/NO.SUCH 404 Not Found"],
        "{ok_count} of {} queries answered 200; not: {not_ok:?}",
        queries.len()
    );
    let find = |q: &str| String::from_utf8_lossy(&before[queries.iter().position(|x| x == q).unwrap()].1).into_owned();
    assert!(find("/api/v1/observations?indicator=IMM.STOCK&area=SEN&period=2013&dim=*").contains("210000"));
    assert!(find("/api/v1/countries/SEN/profile?edition=2024").contains("2024"));
    assert!(find("/api/v1/observations?indicator=IMM.STOCK&area=SEN").contains("undesa-ims"));
}
