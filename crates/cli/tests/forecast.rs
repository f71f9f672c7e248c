//! `forecast run` and `forecast backtest` on the real UN DESA, World Bank and WPP files: the
//! module's forecasts reach the store as OBS_STATUS F with their intervals, the FCT skill
//! indicators are filled for the ten countries, and each run is kept beside the earlier ones.

mod common;

use common::*;

#[test]
fn forecasts_fill_the_fct_indicators_and_runs_are_kept() {
    if !data_dir().join("un-wpp2024/migration.txt").is_file() {
        eprintln!("skipped: the public data mirror is absent");
        return;
    }
    let (_g, db) = temp_db();
    ok(&mprofile(&db, &["init"]));
    ok(&mprofile(&db, &["import", "-q", "--source", "wpp2024", "--source", "undesa-ims", "--source", "worldbank"]));

    let bt = ok(&mprofile(&db, &["forecast", "backtest"]));
    // Every measure of the issue is printed: MASE, coverage, bias, MAE, RMSE and interval scores.
    let header = bt.lines().next().unwrap_or_default();
    for col in ["MASE", "cov80", "cov95", "bias/s", "MAE", "RMSE", "Winkler80", "Winkler95"] {
        assert!(header.split_whitespace().any(|w| w == col), "{col} missing:\n{header}");
    }
    for target in ["IMM_STOCK", "EMI_STOCK", "REM_IN", "NET_MIG", "NET_RATE"] {
        assert!(bt.lines().any(|l| l.starts_with(target) && l.contains("NAIVE")), "{target} missing:\n{bt}");
        assert!(bt.lines().any(|l| l.starts_with(target) && l.contains("AUTO")), "{target} has no rule row:\n{bt}");
    }
    // On WPP's net migration, persistence's MASE is that of the common benchmark's half.
    assert!(bt.lines().any(|l| l.starts_with("NET_MIG") && l.contains("NAIVE") && l.contains("3.489")), "{bt}");

    let first = ok(&mprofile(&db, &["forecast", "run"]));
    assert!(first.contains("forecast run 1:"), "{first}");
    let second = ok(&mprofile(&db, &["forecast", "run"]));
    assert!(second.contains("forecast run 2:") && second.contains("(0 added, 0 changed"), "{second}");

    let runs = ok(&mprofile(&db, &["forecast", "runs"]));
    assert_eq!(runs.lines().filter(|l| l.contains("undesa-ims 2024")).count(), 2, "{runs}");
    // Nothing observed after the data the run saw: every value waits for its outcome.
    let check = ok(&mprofile(&db, &["forecast", "runs", "--run", "1"]));
    assert!(check.contains("0 forecast values have an observed value now"), "{check}");
    assert!(check.lines().any(|l| l.starts_with("FCT.IMM_STOCK") && l.contains("SEN") && l.contains("2029")), "{check}");
    assert!(!mprofile(&db, &["forecast", "runs", "--run", "99"]).status.success());

    for area in ["GHA", "CIV", "MLI", "MRT", "NER", "NGA", "SEN", "COD", "CPV", "CMR"] {
        for ind in ["FCT.IMM_STOCK", "FCT.EMI_STOCK", "FCT.REM"] {
            let q = ok(&mprofile(&db, &["data", "query", "--indicator", ind, "--area", area, "--dim", "VARIANT=*"]));
            let rows: Vec<&str> = q.lines().filter(|l| l.contains("mprofile-forecast")).collect();
            assert!(rows.len() >= 5, "{ind} {area}: a median and four bounds expected\n{q}");
            assert!(rows.iter().all(|l| l.split_whitespace().any(|w| w == "F")), "{ind} {area}: forecasts carry OBS_STATUS F\n{q}");
        }
        let skill = ok(&mprofile(
            &db,
            &["data", "query", "--indicator", "FCT.SKILL_MASE", "--area", area, "--dim", "FC_TARGET=*", "--dim", "FC_MODEL=NAIVE"],
        ));
        // One row per series (the headline without FC_TARGET aside). Mauritania's remittances
        // have a gap (1999-2004) and are flat before 2008, so persistence has no score from 2008.
        for target in ["IMM_STOCK", "EMI_STOCK", "NET_MIG", "NET_RATE"] {
            assert!(
                skill.lines().any(|l| l.contains("mprofile-forecast") && l.contains(&format!("FC_TARGET={target}"))),
                "{area} {target}\n{skill}"
            );
        }
        let rem = skill.lines().any(|l| l.contains("FC_TARGET=REM_IN"));
        assert_eq!(rem, area != "MRT", "{area}\n{skill}");
        let cover = ok(&mprofile(
            &db,
            &[
                "data",
                "query",
                "--indicator",
                "FCT.PI_COVER",
                "--area",
                area,
                "--dim",
                "FC_TARGET=IMM_STOCK",
                "--dim",
                "FC_MODEL=NAIVE",
                "--dim",
                "PI_LEVEL=*",
            ],
        ));
        assert_eq!(cover.lines().filter(|l| l.contains("mprofile-forecast")).count(), 2, "{area}\n{cover}");
    }
}
