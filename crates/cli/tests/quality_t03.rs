//! Theme T03 on the real data, after `import --all` and `quality assess`: every indicator of the
//! theme in the framework has a value for each of the ten profile countries, from a public record
//! (UN DESA's type-of-data codes, the stored datasets) or the assessment computed from them.

mod common;

use common::*;
use serde_json::Value;

const COUNTRIES: [&str; 10] = ["GHA", "CIV", "MLI", "MRT", "NER", "NGA", "SEN", "COD", "CPV", "CMR"];

/// The indicator codes of theme T03 in the framework.
fn t03_codes() -> Vec<String> {
    let text = std::fs::read_to_string(repo().join("framework/indicators/T03-data-quality.toml")).expect("T03 framework file");
    text.lines().filter_map(|l| l.strip_prefix("code = \"")).map(|c| c.trim_end_matches('"').to_string()).collect()
}

#[test]
fn every_t03_indicator_has_a_value_for_the_ten_countries() {
    if !data_dir().join("iom-gdidata/undesa_stocks_2024.csv").is_file() {
        eprintln!("skipping: the public data mirror is absent (set MPROFILE_DATA)");
        return;
    }
    let (_g, db) = temp_db();
    ok(&mprofile(&db, &["init"]));
    ok(&mprofile(&db, &["import", "-q", "--all"]));
    ok(&mprofile(&db, &["quality", "assess"]));
    let codes = t03_codes();
    assert!(codes.len() >= 8, "{codes:?}");
    let mut missing = Vec::new();
    for code in &codes {
        let mut args = vec!["data", "query", "--indicator", code.as_str(), "--format", "json"];
        for c in COUNTRIES {
            args.extend(["--area", c]);
        }
        let q = ok(&mprofile(&db, &args));
        let rows: Value = serde_json::from_str(&q).unwrap_or_else(|e| panic!("{code}: {e}\n{q}"));
        let rows = rows.as_array().cloned().unwrap_or_default();
        for c in COUNTRIES {
            if !rows.iter().any(|r| r["area"] == c && r["value"].is_number()) {
                missing.push(format!("{code} {c}"));
            }
        }
    }
    assert!(missing.is_empty(), "T03 figures without a value: {missing:?}");

    // Each data source is scored for each country, with its evidence, under a code of the
    // framework's CL_DATA_SOURCE; the country's scores are the means of its sources'.
    let codelists = std::fs::read_to_string(repo().join("framework/codelists.toml")).expect("codelists");
    let known = |c: &str| codelists.contains(&format!("id = \"{c}\""));
    for c in COUNTRIES {
        let q = ok(&mprofile(
            &db,
            &["data", "query", "--indicator", "DQA.SCORE", "--area", c, "--dim", "ASSESSED_SOURCE=*", "--format", "json"],
        ));
        let rows: Value = serde_json::from_str(&q).expect("JSON");
        let rows = rows.as_array().cloned().unwrap_or_default();
        let sources: std::collections::BTreeSet<String> =
            rows.iter().filter_map(|r| r["dimensions"]["ASSESSED_SOURCE"].as_str().map(String::from)).collect();
        assert!(sources.len() >= 5, "{c}: {sources:?}");
        for s in &sources {
            assert!(known(s), "{c}: source {s} is not a code of CL_DATA_SOURCE");
        }
        for must in ["undesa-ims", "unhcr", "wb-wdi"] {
            assert!(sources.contains(must), "{c}: {must} not scored: {sources:?}");
        }
        for r in &rows {
            let ev = r["footnote"].as_str().unwrap_or_default();
            assert!(!ev.is_empty(), "{c}: a score without its evidence: {r}");
            let v = r["value"].as_f64().unwrap_or(-1.0);
            assert!((0.0..=3.0).contains(&v), "{c}: {r}");
        }
        let q = ok(&mprofile(
            &db,
            &["data", "query", "--indicator", "DQA.SCORE", "--area", c, "--dim", "DQA_DIMENSION=TIMELINESS", "--format", "json"],
        ));
        let rows: Value = serde_json::from_str(&q).expect("JSON");
        let ev = rows[0]["footnote"].as_str().unwrap_or_default();
        assert!(ev.contains("mean of its sources' scores") && ev.contains("undesa-ims"), "{c}: {ev}");
    }
    // UN DESA's conformity is its own score: 3 for Senegal.
    let q = ok(&mprofile(
        &db,
        &[
            "data",
            "query",
            "--indicator",
            "DQA.SCORE",
            "--area",
            "SEN",
            "--dim",
            "ASSESSED_SOURCE=undesa-ims",
            "--dim",
            "DQA_DIMENSION=CONFORMITY",
            "--format",
            "json",
        ],
    ));
    let rows: Value = serde_json::from_str(&q).expect("JSON");
    assert_eq!(rows[0]["value"].as_f64(), Some(3.0), "{q}");
    // `quality scores` lists the country's data as a whole, then each source.
    let q = ok(&mprofile(&db, &["quality", "scores", "--format", "json"]));
    let rows: Value = serde_json::from_str(&q).expect("JSON");
    let sen: Vec<&Value> = rows.as_array().map(|a| a.iter().filter(|r| r["area"] == "SEN").collect()).unwrap_or_default();
    assert!(sen.first().is_some_and(|r| r["source"].is_null()), "{q}");
    assert!(sen.iter().any(|r| r["source"] == "unhcr" && r["total"].is_number()), "{q}");

    // Conformity follows UN DESA's type-of-data codes of the 2024 revision: foreign-born for
    // Senegal (3), foreign citizens only for Nigeria and Mauritania (1).
    let conform = |c: &str| -> f64 {
        let q = ok(&mprofile(&db, &["data", "query", "--indicator", "DQA.DEF_CONFORM", "--area", c, "--format", "json"]));
        let rows: Value = serde_json::from_str(&q).expect("JSON");
        rows[0]["value"].as_f64().unwrap_or_else(|| panic!("{c}: {q}"))
    };
    assert_eq!(conform("SEN"), 3.0);
    assert_eq!(conform("NGA"), 1.0);
    assert_eq!(conform("MRT"), 1.0);
    // Cabo Verde has no asylum applications in UNHCR's data: its remittance records only.
    let q = ok(&mprofile(&db, &["data", "query", "--indicator", "DQA.ADMIN_SRC", "--area", "CPV", "--format", "json"]));
    let rows: Value = serde_json::from_str(&q).expect("JSON");
    assert_eq!(rows[0]["value"].as_f64(), Some(1.0), "{q}");
}

#[test]
fn the_twg_weighs_the_dimensions_of_one_assessment() {
    let (_g, db) = temp_db();
    ok(&mprofile(&db, &["init"]));
    let bad = mprofile(&db, &["quality", "assess", "--dry-run", "--weight", "SPEED=2"]);
    assert!(!bad.status.success());
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("unknown quality dimension `SPEED`") && err.contains("INTEGRITY"), "{err}");
    let bad = mprofile(&db, &["quality", "assess", "--dry-run", "--weight", "INTEGRITY=-1"]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("expected a weight of 0 or more"));
    ok(&mprofile(&db, &["quality", "assess", "--dry-run", "--weight", "integrity=2", "--weight", "TIMELINESS=0.5"]));
}

#[test]
fn the_twg_scores_a_data_source_with_its_evidence() {
    let (g, db) = temp_db();
    ok(&mprofile(&db, &["init"]));
    let dir = g.path();
    let f = dir.join("twg-scores.csv");
    std::fs::write(
        &f,
        "DATAFLOW,REF_AREA,INDICATOR,ASSESSED_SOURCE,DQA_DIMENSION,TIME_PERIOD,OBS_VALUE,FOOTNOTE\n\
         ANSD:DQA(1.0),SEN,DQA.SCORE,unhcr,INTEGRITY,2026,2,UNHCR publishes its methods and revision policy (TWG meeting of March 2026)\n\
         ANSD:DQA(1.0),SEN,DQA.SCORE,NATIONAL,ACCESSIBILITY,2026,1,Figures released on request only\n",
    )
    .unwrap();
    ok(&mprofile(&db, &["import", &f.display().to_string()]));
    // A code outside CL_DATA_SOURCE is refused with the codelist named.
    let bad = dir.join("twg-bad.csv");
    std::fs::write(&bad, "DATAFLOW,REF_AREA,INDICATOR,ASSESSED_SOURCE,DQA_DIMENSION,TIME_PERIOD,OBS_VALUE\nANSD:DQA(1.0),SEN,DQA.SCORE,nowhere,INTEGRITY,2026,2\n")
        .unwrap();
    let out = mprofile(&db, &["import", &bad.display().to_string()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("CL_DATA_SOURCE"), "{}", String::from_utf8_lossy(&out.stderr));
    ok(&mprofile(&db, &["quality", "assess"]));
    let get = |src: &str, dim: &str| -> Value {
        let q = ok(&mprofile(
            &db,
            &[
                "data",
                "query",
                "--indicator",
                "DQA.SCORE",
                "--area",
                "SEN",
                "--dim",
                &format!("ASSESSED_SOURCE={src}"),
                "--dim",
                &format!("DQA_DIMENSION={dim}"),
                "--format",
                "json",
            ],
        ));
        let rows: Value = serde_json::from_str(&q).expect("JSON");
        rows.as_array().and_then(|a| a.iter().find(|r| r["source"]["dataset"] == "mprofile-dqa").cloned()).unwrap_or(Value::Null)
    };
    let integrity = get("unhcr", "INTEGRITY");
    assert_eq!(integrity["value"].as_f64(), Some(2.0), "{integrity}");
    let ev = integrity["footnote"].as_str().unwrap_or_default();
    assert!(ev.starts_with("entered by the Technical Working Group: nat-sen-"), "{ev}");
    assert_eq!(get("NATIONAL", "ACCESSIBILITY")["value"].as_f64(), Some(1.0));
    // The country's accessibility is its only source's: 1.
    let q = ok(&mprofile(
        &db,
        &["data", "query", "--indicator", "DQA.SCORE", "--area", "SEN", "--dim", "DQA_DIMENSION=ACCESSIBILITY", "--format", "json"],
    ));
    let rows: Value = serde_json::from_str(&q).expect("JSON");
    let whole = rows.as_array().and_then(|a| a.iter().find(|r| r["source"]["dataset"] == "mprofile-dqa").cloned()).unwrap_or(Value::Null);
    assert_eq!(whole["value"].as_f64(), Some(1.0), "{q}");
    assert!(whole["footnote"].as_str().unwrap_or_default().contains("NATIONAL 1"), "{whole}");
}
