//! Forecast runs round-trip on SQLite and PostgreSQL (`MPROFILE_TEST_PG_URL`), and a later run
//! never replaces an earlier one.

mod common;

use common::*;
use mp_store::{ForecastRun, ForecastSkill, ForecastValue, Store};

on_both_backends!(runs_are_kept_side_by_side);

fn value(point: f64) -> ForecastValue {
    ForecastValue {
        target: "FCT.IMM_STOCK".into(),
        area: "SEN".into(),
        method: "NAIVE".into(),
        horizon: 1,
        period: "2029".into(),
        point,
        lo80: point - 10.0,
        hi80: point + 10.0,
        lo95: point - 20.0,
        hi95: point + 20.0,
    }
}

fn skill() -> ForecastSkill {
    ForecastSkill {
        target: "FCT.IMM_STOCK".into(),
        area: "SEN".into(),
        method: "NAIVE".into(),
        chosen: true,
        origins: "2009,2014,2019".into(),
        horizon: 1,
        n: 3,
        mae: 5.0,
        rmse: 6.0,
        mase: 1.1,
        me: -1.0,
        cover80: 2.0 / 3.0,
        cover95: 1.0,
        winkler80: 30.0,
        winkler95: 45.0,
    }
}

async fn runs_are_kept_side_by_side(db: &TestDb) {
    let store = Store::open(db.url()).await.unwrap_or_else(|e| panic!("{e}"));
    let run = |p: f64| ForecastRun {
        rule: "AUTO".into(),
        data_vintage: "undesa-ims 2024".into(),
        batch_id: None,
        values: vec![value(p)],
        skills: vec![skill()],
    };
    let first = store.forecast_run_save(&run(100.0)).await.unwrap_or_else(|e| panic!("{e}"));
    let second = store.forecast_run_save(&run(120.0)).await.unwrap_or_else(|e| panic!("{e}"));
    assert_ne!(first, second);
    let runs = store.forecast_runs().await.unwrap();
    assert_eq!(runs.iter().map(|r| r.id).collect::<Vec<_>>(), vec![first, second]);
    assert_eq!(runs[0].data_vintage, "undesa-ims 2024");
    assert_eq!(store.forecast_values(first).await.unwrap(), vec![value(100.0)]);
    assert_eq!(store.forecast_values(second).await.unwrap(), vec![value(120.0)]);
    assert_eq!(store.forecast_skills(first).await.unwrap(), vec![skill()]);
    // A duplicate row inside one run is refused and leaves nothing of that run behind.
    let mut bad = run(1.0);
    bad.values.push(value(2.0));
    assert!(store.forecast_run_save(&bad).await.is_err());
    assert_eq!(store.forecast_runs().await.unwrap().len(), 2);
}
