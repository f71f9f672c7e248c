//! Imports through the real binary: the published figures come out of `data query`, a second
//! import changes nothing, a killed import leaves the store as it was, broken files are refused.

mod common;

use common::*;
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

fn query(db: &str, args: &[&str]) -> Vec<Value> {
    let mut a = vec!["data", "query", "--format", "json"];
    a.extend_from_slice(args);
    serde_json::from_str(&ok(&mprofile(db, &a))).expect("JSON")
}

fn value(db: &str, args: &[&str]) -> f64 {
    let rows = query(db, args);
    assert_eq!(rows.len(), 1, "{args:?}: {rows:?}");
    rows[0]["value"].as_f64().expect("a number")
}

/// The sources of `data sources --format json` with their observation counts: the store's state.
fn state(db: &str) -> Vec<(String, String, u64)> {
    let v: Vec<Value> = serde_json::from_str(&ok(&mprofile(db, &["data", "sources", "--format", "json"]))).expect("JSON");
    v.iter()
        .map(|d| {
            (
                d["source"]["code"].as_str().unwrap().to_string(),
                d["vintage"].as_str().unwrap().to_string(),
                d["observations"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn published_figures_and_idempotent_reimport() {
    for (_g, db) in stores("figures") {
        ok(&mprofile(&db, &["init"]));
        let srcs = ["--source", "undesa-ims", "--source", "wpp2024", "--source", "worldbank", "--source", "unhcr", "--source", "gapminder"];
        let mut args = vec!["import", "-q"];
        args.extend_from_slice(&srcs);
        let first = ok(&mprofile(&db, &args));
        assert!(first.contains("rejected rows"), "{first}");
        assert_eq!(
            value(&db, &["--indicator", "IMM.STOCK", "--area", "SEN", "--period", "2020", "--source", "undesa-ims@2020"]),
            274_929.0
        );
        assert_eq!(value(&db, &["--indicator", "IMM.STOCK", "--area", "WORLD", "--period", "2024"]), 304_021_813.0);
        assert_eq!(value(&db, &["--indicator", "EMI.STOCK", "--area", "SEN", "--period", "2024"]), 741_357.0);
        let mut dest = query(&db, &["--indicator", "EMI.STOCK", "--area", "SEN", "--period", "2024", "--dim", "COUNTERPART_AREA=*"]);
        dest.retain(|o| o["dimensions"]["COUNTERPART_AREA"].is_string());
        dest.sort_by(|a, b| b["value"].as_f64().unwrap().total_cmp(&a["value"].as_f64().unwrap()));
        assert_eq!(dest[0]["dimensions"]["COUNTERPART_AREA"], "FRA");
        assert_eq!(dest[0]["value"].as_f64(), Some(176_632.0));
        let rem = value(&db, &["--indicator", "REM.IN", "--area", "NGA", "--period", "2022"]);
        assert!((rem / 1e9 - 20.13).abs() < 0.005, "{rem}");
        assert_eq!(value(&db, &["--indicator", "NET.MIG", "--area", "SEN", "--period", "2022", "--source", "un-wpp"]), 16_425.0);
        assert_eq!(value(&db, &["--indicator", "REF.ORIGIN", "--area", "MLI", "--period", "2024"]), 354_075.0);
        assert_eq!(value(&db, &["--indicator", "DEV.HDI", "--area", "GHA", "--period", "2023"]), 0.628);
        let pop = query(&db, &["--indicator", "DEV.POP", "--area", "SEN", "--period", "2022"]);
        let by: Vec<(String, f64)> =
            pop.iter().map(|o| (o["source"]["dataset"].as_str().unwrap().to_string(), o["value"].as_f64().unwrap())).collect();
        assert!(by.contains(&("un-wpp-wdi".into(), 17_651_099.0)) && by.contains(&("wb-pop".into(), 17_651_103.0)), "{by:?}");
        // Provenance: every observation names its file, checksum and row.
        let o = &query(&db, &["--indicator", "NET.MIG", "--area", "SEN", "--period", "2022", "--source", "un-wpp"])[0];
        assert_eq!(o["provenance"]["file"], "un-wpp2024/migration.txt");
        assert_eq!(o["provenance"]["sha256"].as_str().map(str::len), Some(64));
        assert!(o["provenance"]["locator"].as_str().unwrap().starts_with("row "));

        let before = state(&db);
        let second = ok(&mprofile(&db, &args));
        assert!(second.contains(" (0 added, 0 changed, "), "{second}");
        assert_eq!(state(&db), before);
    }
}

#[test]
fn a_killed_import_leaves_the_store_unchanged() {
    for (_g, db) in stores("killed") {
        ok(&mprofile(&db, &["init"]));
        ok(&mprofile(&db, &["import", "-q", "--source", "wpp2024"]));
        let before = state(&db);
        let mut child = Command::new(env!("CARGO_BIN_EXE_mprofile"))
            .args(["--db", &db, "--data"])
            .arg(data_dir())
            .args(["import", "-q", "--source", "worldbank", "--source", "unesco-uis"])
            .env("MPROFILE_TEST_PAUSE_AFTER_ROWS", "2000")
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("spawn");
        let stderr = child.stderr.take().expect("stderr");
        let mut paused = false;
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if line.contains("import paused for test") {
                paused = true;
                break;
            }
        }
        assert!(paused, "the import never reached the pause");
        child.kill().expect("kill");
        let _ = child.wait();
        assert_eq!(state(&db), before, "a killed import must leave no trace");
        // And the same import then completes normally.
        ok(&mprofile(&db, &["import", "-q", "--source", "worldbank"]));
        assert!(state(&db).len() > before.len());
    }
}

#[test]
fn broken_files_are_refused_with_every_problem_and_nothing_is_written() {
    let (g, db) = temp_db();
    ok(&mprofile(&db, &["init"]));
    let before = state(&db);
    let dir = g.path();
    // Bad number, unknown code, unknown area, bad period in one SDMX-CSV file.
    let sdmx = dir.join("bad.csv");
    std::fs::write(
        &sdmx,
        "DATAFLOW,REF_AREA,INDICATOR,SEX,TIME_PERIOD,OBS_VALUE,OBS_STATUS\n\
         ANSD:CENSUS(1.0),SEN,IMM.STOCK,F,2013,12a,A\n\
         ANSD:CENSUS(1.0),SEN,IMM.STOCK,X,2013,100,A\n\
         ANSD:CENSUS(1.0),SEN,IMM.STOCK,F,20133,100,A\n\
         ANSD:CENSUS(1.0),SEN,NOPE.X,F,2013,100,A\n",
    )
    .unwrap();
    let out = mprofile(&db, &["import", sdmx.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.csv") && err.contains("row 2") && err.contains("12a"), "{err}");
    assert!(err.contains("row 3") && err.contains("row 4") && err.contains("row 5"), "all problems together:\n{err}");
    assert!(err.contains("The store was not changed"), "{err}");
    // Missing columns.
    let missing = dir.join("missing.csv");
    std::fs::write(&missing, "DATAFLOW,REF_AREA,TIME_PERIOD\nANSD:CENSUS(1.0),SEN,2013\n").unwrap();
    let err = String::from_utf8_lossy(&mprofile(&db, &["import", missing.to_str().unwrap()]).stderr).into_owned();
    assert!(err.contains("missing.csv") && err.to_lowercase().contains("obs_value"), "{err}");
    // Wrong encoding.
    let latin1 = dir.join("latin1.csv");
    std::fs::write(&latin1, b"DATAFLOW,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE\nANSD:CENSUS(1.0),S\xe9n\xe9gal,IMM.STOCK,2013,1\n")
        .unwrap();
    let err = String::from_utf8_lossy(&mprofile(&db, &["import", latin1.to_str().unwrap()]).stderr).into_owned();
    assert!(err.contains("latin1.csv") && err.contains("not UTF-8"), "{err}");
    // A truncated workbook.
    let tpl = dir.join("t.xlsx");
    ok(&mprofile(&db, &["template", "--country", "SEN", "--theme", "T04", "--lang", "fr", "-o", tpl.to_str().unwrap()]));
    let bytes = std::fs::read(&tpl).unwrap();
    let cut = dir.join("cut.xlsx");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let err = String::from_utf8_lossy(&mprofile(&db, &["import", cut.to_str().unwrap()]).stderr).into_owned();
    assert!(err.contains("cut.xlsx") && err.contains("XLSX"), "{err}");
    // A blank template names the dataset fields to fill.
    let err = String::from_utf8_lossy(&mprofile(&db, &["import", tpl.to_str().unwrap()]).stderr).into_owned();
    assert!(err.contains("Instructions") && err.contains("source name"), "{err}");
    assert_eq!(state(&db), before);
}

#[test]
fn dry_run_shows_and_writes_nothing() {
    let (_g, db) = temp_db();
    ok(&mprofile(&db, &["init"]));
    let out = ok(&mprofile(&db, &["import", "-q", "--source", "unesco-uis", "--dry-run"]));
    assert!(out.contains("dry run: nothing was written") && out.contains("added"), "{out}");
    assert!(state(&db).is_empty());
}

#[test]
fn the_largest_national_file_is_configurable() {
    let (dir, db) = temp_db();
    ok(&mprofile(&db, &["init"]));
    // 1.5 MB of SDMX-CSV: under the default limit, over a limit of 1 MB.
    let mut text = String::from("DATAFLOW,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE,OBS_COMMENT\n");
    while text.len() < 1_500_000 {
        text.push_str(&format!("ANSD:CENSUS(2013),SEN,IMM.STOCK,2013,{},{}\n", 1000, "x".repeat(200)));
    }
    let file = dir.path().join("big.csv");
    std::fs::write(&file, &text).unwrap();
    let f = file.display().to_string();
    let out = mprofile(&db, &["import", "--max-file-mb", "1", "--dry-run", &f]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("big.csv") && err.contains("expected at most 1.0 MB"), "{err}");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mprofile"))
        .args(["--db", &db, "import", "--dry-run", &f])
        .env("MPROFILE_MAX_FILE_MB", "1")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("expected at most 1.0 MB"), "the environment sets it too");
}
