//! Theme T14 on the real data, after `import --all` and `forecast run`: every FCT indicator of
//! the framework has a value for each of the ten countries, in the store (or, for a computed
//! indicator, in the document) and in each country's T14 table; a forecast the data cannot
//! support for all ten (conflict IDPs: IDMC has no series for Mauritania and Cabo Verde; refugees
//! hosted: UNHCR has none for Cabo Verde) has no FCT indicator, stays with the module's run and
//! its backtest, and the documents say why it is absent. No framework metadata names an mprofile
//! module whose values do not exist, and the scenarios a TWG adds are stored with their
//! assumption and drawn as scenarios.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use mp_domain::{AreaRegistry, Framework};
use tower::ServiceExt;

/// The API's answer to `uri`, as JSON, from a router over the store `db`.
fn api(db: &str, uri: &str) -> serde_json::Value {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    rt.block_on(async {
        let store = mp_store::Store::open_existing(db).await.expect("store");
        let areas: AreaRegistry = store.area_registry().await.expect("areas");
        let files = mp_ingest::framework_dir::read_framework_dir(&repo().join("framework")).expect("framework files");
        let fw = Framework::from_files(&files, Some(&areas)).expect("framework");
        let tpl = |name: &str| {
            let text = std::fs::read_to_string(repo().join("templates").join(format!("{name}.toml"))).expect("template");
            mp_profile::Template::parse(&format!("{name}.toml"), &text, &fw).expect("template parses")
        };
        let router = mp_web::router(mp_web::AppState::new(store, fw.clone(), areas, tpl("iom-2011"), tpl("regional")));
        let res = router.oneshot(Request::get(uri).body(Body::empty()).expect("request")).await.expect("answer");
        assert_eq!(res.status(), StatusCode::OK, "{uri}");
        let body = axum::body::to_bytes(res.into_body(), usize::MAX).await.expect("body");
        serde_json::from_slice(&body).expect("JSON")
    })
}

const COUNTRIES: [&str; 10] = ["GHA", "CIV", "MLI", "MRT", "NER", "NGA", "SEN", "COD", "CPV", "CMR"];

/// (indicator, the module its source names) for every source of the framework naming mprofile,
/// by the source's English name.
fn module_sources() -> Vec<(String, String)> {
    let files = mp_ingest::framework_dir::read_framework_dir(&repo().join("framework")).expect("framework files");
    let fw = Framework::from_files(&files, None).expect("framework");
    let mut out = Vec::new();
    for i in &fw.indicators {
        for s in &i.sources {
            let name = s.name.get(mp_domain::Lang::En);
            if name.starts_with("mprofile") {
                out.push((i.code.to_string(), name.to_string()));
            }
        }
    }
    out
}

/// The T14 table rows of a document: (indicator code, the row's HTML).
fn fct_rows(html: &str) -> Vec<(String, &str)> {
    html.split("<tr")
        .filter_map(|row| {
            let i = row.find(">FCT.")? + 1;
            Some((row[i..].split('<').next()?.to_string(), row))
        })
        .collect()
}

/// The framework's T14 indicators: (code, computed by a formula).
fn fct_indicators() -> Vec<(String, bool)> {
    let files = mp_ingest::framework_dir::read_framework_dir(&repo().join("framework")).expect("framework files");
    let fw = Framework::from_files(&files, None).expect("framework");
    let t14 = mp_domain::ThemeCode::parse("T14").expect("theme code");
    fw.indicators_of(&t14).map(|i| (i.code.to_string(), i.formula.is_some())).collect()
}

#[test]
fn every_fct_indicator_has_values_and_names_a_real_module() {
    if !data_dir().join("un-wpp2024/migration.txt").is_file() {
        eprintln!("skipped: the public data mirror is absent");
        return;
    }
    let (g, db) = temp_db();
    ok(&mprofile(&db, &["init"]));
    ok(&mprofile(&db, &["import", "-q", "--all"]));
    ok(&mprofile(&db, &["forecast", "run"]));

    // Every stored FCT indicator has a value for each of the ten countries; a computed one is
    // checked in the documents below.
    let fct = fct_indicators();
    assert!(fct.len() >= 15, "{fct:?}");
    for (code, _) in fct.iter().filter(|(_, computed)| !computed) {
        let mut args = vec!["data", "query", "--indicator", code.as_str(), "--format", "json"];
        for c in COUNTRIES {
            args.extend(["--area", c]);
        }
        let rows: serde_json::Value = serde_json::from_str(&ok(&mprofile(&db, &args))).expect("JSON");
        let rows = rows.as_array().expect("rows");
        for c in COUNTRIES {
            assert!(
                rows.iter().any(|r| r["area"] == c && r["value"].is_number()),
                "{code} has no value for {c}: an FCT indicator has values for the ten countries or is not in the framework"
            );
        }
    }
    // A count or an amount is never forecast below zero, nor its interval bounds (the
    // validation rules refuse a negative number of persons).
    for code in ["FCT.IMM_STOCK", "FCT.EMI_STOCK", "FCT.REM", "FCT.REF_ORIGIN"] {
        let mut args = vec!["data", "query", "--indicator", code, "--dim", "VARIANT=*", "--format", "json"];
        for c in COUNTRIES {
            args.extend(["--area", c]);
        }
        let rows: serde_json::Value = serde_json::from_str(&ok(&mprofile(&db, &args))).expect("JSON");
        let rows = rows.as_array().expect("rows");
        assert!(rows.len() >= 50, "{code}: {} rows", rows.len());
        for r in rows {
            assert!(r["value"].as_f64().is_none_or(|v| v >= 0.0), "{code} below zero: {r}");
        }
    }
    // A forecast beside WPP's projection is not a conflict between sources (as in the profile).
    let conflicts = ok(&mprofile(&db, &["quality", "conflicts", "--area", "SEN", "--format", "csv"]));
    assert!(conflicts.lines().count() > 1, "the observed figures still conflict\n{conflicts}");
    assert!(!conflicts.contains("mprofile-forecast") && !conflicts.contains("FCT."), "{conflicts}");
    // What the data cannot support for all ten has no forecast indicator, but the module still
    // forecasts it where a series exists and stores its backtest.
    for gone in ["FCT.IDP_STOCK", "FCT.REF_HOSTED"] {
        assert!(fct.iter().all(|(c, _)| c != gone), "{gone} is back in the framework");
    }
    for (target, area) in [("IDP_STOCK", "CIV"), ("REF_HOSTED", "CMR")] {
        let dims = format!("FC_TARGET={target}");
        let q =
            ok(&mprofile(&db, &["data", "query", "--indicator", "FCT.SKILL_MASE", "--area", area, "--dim", &dims, "--dim", "FC_MODEL=*"]));
        assert!(q.contains("mprofile-forecast"), "the backtest of {target} for {area} is stored\n{q}");
    }
    let runs = ok(&mprofile(&db, &["forecast", "runs", "--run", "1"]));
    for target in ["IDP.STOCK", "REF.HOSTED"] {
        assert!(runs.lines().any(|l| l.starts_with(target) && l.contains("NGA")), "the run keeps the forecast of {target}\n{runs}");
        assert!(!runs.lines().any(|l| l.starts_with(target) && l.contains("CPV")), "no series, no forecast of {target} for CPV\n{runs}");
    }

    // Every source naming an mprofile module has that module's values for a profile country.
    let named = module_sources();
    assert!(named.iter().any(|(c, _)| c == "FCT.REF_ORIGIN"), "{named:?}");
    for (code, module) in &named {
        // The registries (crates/store/src/registry.rs, mp_service::registry) are the other
        // mprofile modules a source may name; the forecasting module's values are checked here.
        let known = ["mprofile forecasting module", "mprofile project registry", "mprofile, computed from"];
        assert!(known.iter().any(|k| module.starts_with(k)), "{code} names a module mprofile does not have: {module}");
        if !module.starts_with("mprofile forecasting module") {
            continue;
        }
        let q = ok(&mprofile(&db, &["data", "query", "--indicator", code, "--source", "mprofile-forecast"]));
        assert!(q.contains("mprofile-forecast"), "{code} names {module} but the module stored nothing for it\n{q}");
    }

    // A TWG scenario: stored with its assumption, its values follow WPP's medium plus the change.
    ok(&mprofile(
        &db,
        &[
            "forecast",
            "scenario",
            "add",
            "--area",
            "SEN",
            "--from",
            "2030",
            "--change",
            "-5000",
            "--assumption",
            "Stricter exit rules cut departures.",
        ],
    ));
    let list = ok(&mprofile(&db, &["forecast", "scenario", "list", "--area", "SEN"]));
    for code in ["ZERO_MIG", "CONST_MIG", "TWG1"] {
        assert!(list.contains(code), "{list}");
    }
    assert!(list.contains("Stricter exit rules cut departures."), "{list}");
    assert!(
        !mprofile(
            &db,
            &["forecast", "scenario", "add", "--area", "SEN", "--from", "1990", "--change", "1", "--assumption", "Too early a year."]
        )
        .status
        .success()
    );
    let twg =
        ok(&mprofile(&db, &["data", "query", "--indicator", "FCT.NETMIG_ABS", "--area", "SEN", "--period", "2031", "--dim", "VARIANT=*"]));
    let value = |variant: &str| -> f64 {
        twg.lines()
            .find(|l| if variant.is_empty() { l.contains("un-wpp") && !l.contains("VARIANT") } else { l.contains(variant) })
            .and_then(|l| l.split_whitespace().skip(2).find_map(|v| v.parse().ok()))
            .unwrap_or_else(|| panic!("{variant} missing\n{twg}"))
    };
    assert_eq!(value("VARIANT=TWG1"), value("") - 5000.0, "{twg}");
    assert_eq!(value("VARIANT=ZERO_MIG"), 0.0, "{twg}");

    // The T14 table of every country shows every FCT indicator, and the scenarios are named so.
    let out = g.path().join("out");
    let mut args = vec!["build", "--lang", "en", "--format", "html", "--out", out.to_str().expect("path")];
    for c in COUNTRIES {
        args.extend(["--area", c]);
    }
    ok(&mprofile(&db, &args));
    for c in COUNTRIES {
        let html = std::fs::read_to_string(out.join(c).join(format!("{c}-en.html"))).expect("document");
        // Every FCT indicator of the framework has a row with a value: no "no data", no "not
        // forecast".
        let rows = fct_rows(&html);
        for (code, _) in &fct {
            let row = rows.iter().find(|(k, _)| k == code).map(|(_, r)| *r).unwrap_or_else(|| panic!("{c}: no T14 row for {code}"));
            assert!(!row.contains("No data available") && !row.contains("Not forecast"), "{c}: {code} has no value in T14\n{row}");
        }
        assert!(
            html.contains("Internally displaced persons (conflict) and refugees hosted are not forecast in the profiles"),
            "{c}: the forecasts annex says why two series are not forecast"
        );
        assert!(html.contains("Scenario: Zero-migration"), "{c}: the zero-migration scenario is drawn as a scenario");
    }
    // The API serves the module's forecast with its intervals, method, kind of series and skill,
    // WPP's projection beside it, and the scenarios with their assumptions.
    let j = api(&db, "/api/v1/forecasts?indicator=FCT.NETMIG_ABS&area=SEN");
    let fc = j["forecasts"].as_array().expect("forecasts");
    let module =
        fc.iter().find(|f| f["dataset"].as_str().is_some_and(|d| d.starts_with("mprofile-forecast@"))).expect("the module's forecast");
    assert!(module["method"].is_string() && module["series_kind"] == "MODEL", "{module}");
    assert!(module["skill"]["mase"].is_number() && module["skill"]["naive_mase"].is_number(), "{module}");
    let p = &module["points"][0];
    for k in ["median", "lo80", "hi80", "lo95", "hi95"] {
        assert!(p[k].is_number(), "{k}: {p}");
    }
    assert!(p["lo95"].as_f64() <= p["lo80"].as_f64() && p["hi80"].as_f64() <= p["hi95"].as_f64(), "{p}");
    assert!(fc.iter().any(|f| f["dataset"] == "un-wpp@2024"), "WPP's projection beside the forecast");
    let sc = j["scenarios"].as_array().expect("scenarios");
    assert!(
        sc.iter().any(|x| x["variant"] == "TWG1" && x["assumption"].as_str().is_some_and(|a| a.contains("Stricter exit rules"))),
        "{sc:?}"
    );
    let refugees = api(&db, "/api/v1/forecasts?indicator=FCT.REF_ORIGIN&area=NGA");
    assert_eq!(refugees["forecasts"][0]["series_kind"], "OBSERVED", "{refugees}");

    let sen = std::fs::read_to_string(out.join("SEN/SEN-en.html")).expect("document");
    assert!(sen.contains("Stricter exit rules cut departures."), "the TWG's assumption is stated beside its scenario");
    assert!(sen.contains("Observed series (counts or flows reported year by year)"), "the kind of series is said");
    assert!(!sen.contains("How the forecasts published in edition"), "no previous edition, no track record");

    // Two editions: the first publishes the forecasts; a remittance figure for the first forecast
    // year arrives (a hand-written central-bank figure, not real data); the second edition sets
    // the first one's forecast against it, in the reader's language.
    ok(&mprofile(&db, &["edition", "create", "SEN", "E1"]));
    let built = |edition: Option<&str>, lang: &str| -> String {
        let mut args = vec!["build", "--area", "SEN", "--lang", lang, "--format", "html", "--out", out.to_str().expect("path")];
        if let Some(e) = edition {
            args.extend(["--edition", e]);
        }
        ok(&mprofile(&db, &args));
        std::fs::read_to_string(out.join(format!("SEN/SEN-{lang}.html"))).expect("document")
    };
    assert!(built(None, "en").contains("Edition E1 published forecasts from"), "nothing observed since E1 yet");
    let first = api(&db, "/api/v1/forecasts?indicator=FCT.REM&area=SEN");
    let year = first["forecasts"][0]["points"][0]["period"].as_str().expect("first forecast year").to_string();
    let file = g.path().join("bop.csv");
    std::fs::write(
        &file,
        format!("DATAFLOW,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE,OBS_STATUS\nBCEAO:BOP(1.0),SEN,REM.IN,{year},3100000000,A\n"),
    )
    .expect("fixture");
    ok(&mprofile(&db, &["import", "-q", file.to_str().expect("path")]));
    ok(&mprofile(&db, &["edition", "create", "SEN", "E2"]));
    for (lang, title) in [
        ("en", "How the forecasts published in edition E1 did"),
        ("fr", "Bilan des prévisions publiées dans l"),
        ("pt", "Balanço das previsões publicadas na edição E1"),
    ] {
        let html = built(Some("E2"), lang);
        assert!(html.contains(title), "{lang}: the track record of E1 in E2");
    }
    let html = built(Some("E2"), "en");
    assert!(html.contains("of the 1 values observed since edition E1 fell inside the"), "the summary counts the one year observed");
    // The first edition itself shows no track record.
    assert!(!built(Some("E1"), "en").contains("How the forecasts published in edition"));
}
