//! The validation rules at import and over the store, through the real binary: a file breaking
//! a rule is refused with the rule named and the store unchanged; warnings are stored with their
//! figures and can be reviewed.

mod common;

use common::*;
use serde_json::Value;

fn sources(db: &str) -> Vec<Value> {
    serde_json::from_str(&ok(&mprofile(db, &["data", "sources", "--format", "json"]))).expect("JSON")
}

fn write(dir: &std::path::Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

#[test]
fn a_negative_population_is_refused_with_the_rule_named() {
    for (g, db) in stores("qneg") {
        ok(&mprofile(&db, &["init"]));
        let dir = g.as_ref().map(|g| g.path().to_path_buf()).unwrap_or_else(std::env::temp_dir);
        let f = write(
            &dir,
            "neg-pop.csv",
            "DATAFLOW,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE\n\
             ANSD:POP(1.0),SEN,DEV.POP,2019,16000000\n\
             ANSD:POP(1.0),SEN,DEV.POP,2020,-5\n\
             ANSD:POP(1.0),SEN,POL.NMP,2020,7\n",
        );
        let before = sources(&db);
        let out = mprofile(&db, &["import", &f]);
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("2 errors"), "{err}");
        assert!(
            err.contains("neg-pop.csv, row 3: DEV.POP SEN 2020 = -5") && err.contains("range.persons") && err.contains("expected ≥ 0"),
            "{err}"
        );
        assert!(err.contains("row 4: POL.NMP SEN 2020 = 7") && err.contains("range.POL.NMP") && err.contains("one of 0, 1, 2"), "{err}");
        assert!(err.contains("The store was not changed"), "{err}");
        assert_eq!(sources(&db), before);
    }
}

#[test]
fn a_stock_above_the_population_of_another_source_is_refused() {
    let (g, db) = temp_db();
    ok(&mprofile(&db, &["init"]));
    let pop = write(g.path(), "pop.csv", "DATAFLOW,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE\nANSD:POP(1.0),SEN,DEV.POP,2020,16000000\n");
    ok(&mprofile(&db, &["import", &pop]));
    let before = sources(&db);
    let stock = write(
        g.path(),
        "stock.csv",
        "DATAFLOW,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE\nDGASE:CONSULAR(1.0),SEN,IMM.STOCK,2020,20000000\n",
    );
    let out = mprofile(&db, &["import", &stock]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("stock.csv, row 2") && err.contains("immigrants-le-population"), "{err}");
    assert!(err.contains("right DEV.POP = 16000000"), "{err}");
    assert_eq!(sources(&db), before);
}

#[test]
fn warnings_are_stored_with_their_figures_and_reviewed() {
    let (g, db) = temp_db();
    ok(&mprofile(&db, &["init"]));
    let f = write(
        g.path(),
        "stock.csv",
        "DATAFLOW,REF_AREA,INDICATOR,SEX,TIME_PERIOD,OBS_VALUE\n\
         ANSD:CENSUS(1.0),SEN,IMM.STOCK,_T,2013,1000\n\
         ANSD:CENSUS(1.0),SEN,IMM.STOCK,F,2013,300\n\
         ANSD:CENSUS(1.0),SEN,IMM.STOCK,M,2013,400\n",
    );
    let out = ok(&mprofile(&db, &["import", &f]));
    assert!(out.contains("1 warnings of the validation rules, 1 stored"), "{out}");
    let flags: Vec<Value> = serde_json::from_str(&ok(&mprofile(&db, &["quality", "flags", "--format", "json"]))).unwrap();
    assert_eq!(flags.len(), 1, "{flags:?}");
    assert_eq!(flags[0]["rule"], "sex-sum");
    assert_eq!(flags[0]["value"], 1000.0);
    assert!(flags[0]["review_status"].is_null());
    let id = flags[0]["id"].as_i64().unwrap().to_string();
    ok(&mprofile(&db, &["quality", "review", &id, "--reason", "700 by sex; 300 of unknown sex in the census", "--by", "ANSD"]));
    let flags: Vec<Value> = serde_json::from_str(&ok(&mprofile(&db, &["quality", "flags", "--format", "json"]))).unwrap();
    assert_eq!(flags[0]["review_status"], "checked-correct");
    assert_eq!(flags[0]["reviewed_by"], "ANSD");
    // Re-importing keeps the review and does not duplicate the flag.
    ok(&mprofile(&db, &["import", &f]));
    let again: Vec<Value> = serde_json::from_str(&ok(&mprofile(&db, &["quality", "flags", "--format", "json"]))).unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!(again[0]["review_status"], "checked-correct");
    // The whole-store check finds the same warning, in CSV.
    let csv = ok(&mprofile(&db, &["quality", "check", "--format", "csv"]));
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "severity,rule,figure,value,expected,dataset,obs,message");
    assert_eq!(lines.len(), 2, "{csv}");
    assert!(lines[1].starts_with("warning,sex-sum,IMM.STOCK SEN 2013,1000,"), "{csv}");
}

#[test]
fn mirror_statistics_and_the_assessment_on_the_public_data() {
    if !data_dir().join("worldbank-knomad-bilateral-2017").is_dir() {
        eprintln!("skipping: the public data mirror is absent (set MPROFILE_DATA)");
        return;
    }
    let (_g, db) = temp_db();
    ok(&mprofile(&db, &["init"]));
    ok(&mprofile(&db, &["import", "-q", "--source", "undesa-ims", "--source", "knomad"]));
    let pairs: Vec<Value> =
        serde_json::from_str(&ok(&mprofile(&db, &["quality", "mirror", "--area", "SEN", "--top", "500", "--format", "json"]))).unwrap();
    assert!(pairs.len() >= 10, "{pairs:?}");
    for p in &pairs {
        assert_eq!(p["area"], "SEN");
        let gap = p["gap_pct"].as_f64().unwrap();
        assert!((0.0..=200.0).contains(&gap), "{p}");
        assert_eq!(p["period"], "2017");
    }
    let gaps: Vec<f64> = pairs.iter().map(|p| p["gap_pct"].as_f64().unwrap()).collect();
    assert!(gaps.windows(2).all(|w| w[0] >= w[1]), "largest gap first: {gaps:?}");
    let out = ok(&mprofile(&db, &["quality", "assess"]));
    for ind in ["DQA.LAG", "DQA.PERIODICITY", "DQA.DISAGG", "DQA.MIRROR_GAP", "DQA.SCORE"] {
        assert!(out.contains(&format!("{ind:<18} 10 of 10 countries")), "{ind}:\n{out}");
    }
    // The outliers of the totals are stored with their figures, for reviewers.
    let stored: usize = out
        .lines()
        .find_map(|l| l.strip_suffix(" outlier flags stored with their figures, for reviewers (`mprofile quality flags`)"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no outlier line:\n{out}"));
    assert!(stored > 0, "{out}");
    let flags: Vec<Value> = serde_json::from_str(&ok(&mprofile(&db, &["quality", "flags", "--area", "SEN", "--format", "json"]))).unwrap();
    let outlier = flags.iter().find(|f| f["severity"] == "outlier").unwrap_or_else(|| panic!("no outlier flag for SEN: {flags:?}"));
    assert!(outlier["rule"].as_str().unwrap().starts_with("outlier."), "{outlier}");
    assert_eq!(outlier["dims"], "", "only totals are stored: {outlier}");
    let id = outlier["id"].as_i64().unwrap().to_string();
    ok(&mprofile(&db, &["quality", "review", &id, "--reason", "a census year", "--by", "reviewer"]));
    // A second run changes nothing, and keeps the review.
    let again = ok(&mprofile(&db, &["quality", "assess"]));
    assert!(again.contains("0 added, 0 changed"), "{again}");
    let flags: Vec<Value> = serde_json::from_str(&ok(&mprofile(&db, &["quality", "flags", "--area", "SEN", "--format", "json"]))).unwrap();
    let reviewed = flags.iter().find(|f| f["id"].as_i64().map(|i| i.to_string()) == Some(id.clone())).unwrap();
    assert_eq!(reviewed["review_reason"], "a census year");
}
