//! Attacks on `import`, `data query` and `doctor` through the real binary: every refused file
//! leaves the store as it was, a national file cannot write a public source, a closed pipe does
//! not panic, and the published provenance holds no local directory.

mod common;

use common::*;
use serde_json::Value;
use std::process::{Command, Stdio};

fn sources(db: &str) -> Vec<(String, u64)> {
    let v: Vec<Value> = serde_json::from_str(&ok(&mprofile(db, &["data", "sources", "--format", "json"]))).expect("JSON");
    v.iter().map(|d| (d["source"]["code"].as_str().unwrap().to_string(), d["observations"].as_u64().unwrap())).collect()
}

fn fails(out: &std::process::Output) -> String {
    assert!(!out.status.success(), "expected a failure: {}", String::from_utf8_lossy(&out.stdout));
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!err.contains("panicked"), "{err}");
    err
}

#[test]
fn national_files_cannot_touch_public_sources_and_leave_no_trace_when_refused() {
    let (g, db) = temp_db();
    ok(&mprofile(&db, &["init"]));
    let dir = g.path();
    let before = sources(&db);

    let claim = dir.join("claim.csv");
    std::fs::write(&claim, "DATAFLOW,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE\nUNDESA:IMS(2024),SEN,IMM.STOCK,2024,1\n").unwrap();
    let err = fails(&mprofile(&db, &["import", claim.to_str().unwrap()]));
    assert!(err.contains("claim.csv") && err.contains("a public source") && err.contains("The store was not changed"), "{err}");
    let err = fails(&mprofile(&db, &["import", "--source-code", "undesa-ims", claim.to_str().unwrap()]));
    assert!(err.contains("a public source"), "{err}");

    let header = dir.join("header.csv");
    std::fs::write(&header, "DATAFLOW,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE\n").unwrap();
    let err = fails(&mprofile(&db, &["import", header.to_str().unwrap()]));
    assert!(err.contains("header.csv: no data rows"), "{err}");

    let err = fails(&mprofile(&db, &["import", "--source", "undesa-ims", header.to_str().unwrap()]));
    assert!(err.contains("separate commands"), "{err}");
    assert_eq!(sources(&db), before);

    // A good file: namespaced source, file name without its directory in the provenance.
    let good = dir.join("census.csv");
    std::fs::write(&good, "DATAFLOW,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE\nANSD:CENSUS(2013),SEN,IMM.STOCK,2013,244900\n").unwrap();
    ok(&mprofile(&db, &["import", "-q", good.to_str().unwrap()]));
    let rows: Vec<Value> = serde_json::from_str(&ok(&mprofile(
        &db,
        &["data", "query", "--indicator", "IMM.STOCK", "--area", "SEN", "--period", "2013", "--format", "json"],
    )))
    .unwrap();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["source"]["dataset"], "nat-sen-ansd-census", "{}", rows[0]);
    assert_eq!(rows[0]["provenance"]["file"], "census.csv", "{}", rows[0]);
    let doctor = mprofile(&db, &["doctor"]);
    let text = String::from_utf8_lossy(&doctor.stdout);
    assert!(text.contains("sources") && text.contains("values") && !text.contains("FAIL"), "{text}");
}

#[test]
fn a_closed_pipe_and_a_bad_period_are_not_panics() {
    let (g, db) = temp_db();
    ok(&mprofile(&db, &["init"]));
    let err = fails(&mprofile(&db, &["data", "query", "--indicator", "IMM.STOCK", "--period", "Année"]));
    assert!(err.contains("`Année` is not a valid period"), "{err}");

    // `mprofile import FILE | head -0`: the reader is gone before the summary is printed.
    let good = g.path().join("census.csv");
    std::fs::write(&good, "DATAFLOW,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE\nANSD:CENSUS(2013),SEN,IMM.STOCK,2013,244900\n").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_mprofile"))
        .args(["--db", &db, "--data"])
        .arg(data_dir())
        .args(["import", "-q", good.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && !err.contains("panicked"), "{:?} {err}", out.status);
    assert!(sources(&db).iter().any(|(c, n)| c == "nat-sen-ansd-census" && *n == 1), "the import was committed before printing");
}
