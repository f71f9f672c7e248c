//! The store's behaviour, run on SQLite and on PostgreSQL (`MPROFILE_TEST_PG_URL`).

mod common;

use common::*;
use mp_domain::{AreaCode, DatasetImport, FileInfo, Framework, GroupCode, IndicatorCode, Iso3, ObsStatus, Period};
use mp_store::{Backend, ImportOptions, ImportSummary, ObsQuery, Origin, Store, StoreCounts, StoreError, StoredObservation};
use sqlx::Connection;
use std::sync::Mutex;

on_both_backends!(
    migrations_are_idempotent,
    framework_load_is_idempotent,
    import_counts_added_changed_unchanged,
    vintages_side_by_side_and_latest_only,
    two_sources_for_the_same_key,
    query_filters,
    dry_run_leaves_nothing,
    failing_import_leaves_the_store_as_it_was,
    provenance_round_trip,
    bad_rows_are_errors_not_panics,
    many_rows_go_in_chunks,
    killed_import_leaves_the_store_as_it_was,
);

async fn ready(db: &TestDb) -> Store {
    let store = Store::open(db.url()).await.unwrap_or_else(|e| panic!("{e}"));
    store.load_framework(&framework(), &areas()).await.unwrap_or_else(|e| panic!("{e}"));
    store
}

fn opts() -> ImportOptions {
    ImportOptions { dry_run: false, command: "mprofile import --test".into(), origin: Origin::Public }
}

async fn import(store: &Store, datasets: Vec<DatasetImport>) -> ImportSummary {
    store.import(&datasets, &opts(), &|_, _| {}).await.unwrap_or_else(|e| panic!("{e}"))
}

fn ind(s: &str) -> IndicatorCode {
    IndicatorCode::parse(s).unwrap()
}

fn area(s: &str) -> AreaCode {
    AreaCode::parse(s).unwrap()
}

fn all_rows() -> ObsQuery {
    ObsQuery { any_dims: true, latest_only: false, ..ObsQuery::default() }
}

/// `AREA PERIOD DIMS=VALUE@VINTAGE` lines, to compare results at a glance.
fn show(rows: &[StoredObservation]) -> Vec<String> {
    rows.iter()
        .map(|r| {
            format!(
                "{} {} {} {}={}@{}/{}",
                r.indicator,
                r.area,
                r.period,
                r.dims,
                r.value.map(|v| v.to_string()).unwrap_or_default(),
                r.source_code,
                r.vintage
            )
        })
        .collect()
}

async fn migrations_are_idempotent(db: &TestDb) {
    let err = Store::open_existing(db.url()).await.unwrap_err();
    assert!(matches!(err, StoreError::Missing { .. } | StoreError::Uninitialised { .. }), "{err}");
    assert!(err.to_string().contains("mprofile init"), "{err}");

    let store = Store::open(db.url()).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(store.backend(), if db.backend() == "sqlite" { Backend::Sqlite } else { Backend::Postgres });
    assert!(store.pending_migrations().await.unwrap().is_empty());
    store.close().await;

    let again = Store::open(db.url()).await.unwrap_or_else(|e| panic!("second open: {e}"));
    assert!(again.pending_migrations().await.unwrap().is_empty());
    assert_eq!(again.counts().await.unwrap(), StoreCounts::default());
    assert_eq!(again.framework_version().await.unwrap(), None);
    again.close().await;

    let existing = Store::open_existing(db.url()).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(existing.pending_migrations().await.unwrap().is_empty());
    if db.backend() == "postgres" {
        let shown = existing.display_url();
        assert!(shown.contains(":***@") && !shown.contains(":mprofile@"), "{shown}");
    }
}

async fn framework_load_is_idempotent(db: &TestDb) {
    let store = Store::open(db.url()).await.unwrap();
    let first = store.load_framework(&framework(), &areas()).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(first.inserted > 0 && first.updated == 0 && first.unchanged == 0, "{first:?}");
    let table = |load: &mp_store::FrameworkLoad, t: &str| load.tables.iter().find(|x| x.table == t).cloned().unwrap();
    assert_eq!(table(&first, "indicator").inserted, 3);
    assert_eq!(table(&first, "codelist").inserted, 5, "CL_SEX, CL_AGE and the SDMX CL_OBS_STATUS, CL_UNIT_MULT, CL_FREQ");
    assert_eq!(table(&first, "codelist_code").inserted, 3 + 2 + 20 + 9 + 3);

    let second = store.load_framework(&framework(), &areas()).await.unwrap();
    assert_eq!((second.inserted, second.updated, second.unchanged), (0, 0, first.inserted), "{second:?}");

    let renamed = Framework::from_files(&framework_files("Immigrant stock, revised"), None).unwrap();
    let third = store.load_framework(&renamed, &areas()).await.unwrap();
    assert_eq!((third.inserted, third.updated), (0, 1), "{third:?}");
    assert_eq!(table(&third, "indicator").updated, 1);

    assert_eq!(store.framework_version().await.unwrap().as_deref(), Some("2026.1"));
    assert_eq!(store.indicator_codes().await.unwrap(), ["IMM.SHARE", "IMM.STOCK", "POP.TOTAL"]);
    let c = store.counts().await.unwrap();
    assert_eq!((c.themes, c.units, c.dimensions, c.indicators, c.areas, c.memberships), (2, 2, 3, 3, 7, 4));

    let reg = store.area_registry().await.unwrap();
    let mut want = areas().all().to_vec();
    want.sort_by(|a, b| (a.kind.as_str(), &a.code).cmp(&(b.kind.as_str(), &b.code)));
    assert_eq!(reg.all(), &want[..]);
    assert_eq!(reg.memberships(), areas().memberships());
    let ecowas = GroupCode::parse("ECOWAS").unwrap();
    assert!(reg.is_member(&ecowas, &Iso3::parse("MLI").unwrap(), Some(2020)));
    assert!(!reg.is_member(&ecowas, &Iso3::parse("MLI").unwrap(), Some(2025)));
    assert_eq!(reg.find("686").map(|a| a.code.to_string()).as_deref(), Some("SEN"));
}

async fn import_counts_added_changed_unchanged(db: &TestDb) {
    let store = ready(db).await;
    let data = || {
        vec![dataset(
            "undesa-ims",
            "2024",
            vec![
                obs("IMM.STOCK", "SEN", "2020", "", 274_929.0),
                obs("IMM.STOCK", "SEN", "2020", "SEX=F", 126_000.0),
                obs("IMM.STOCK", "GHA", "2020", "", 476_412.0),
                obs("IMM.STOCK", "ECOWAS", "2020", "", 7_600_000.0),
            ],
        )]
    };
    let calls = Mutex::new(Vec::new());
    let first = store.import(&data(), &opts(), &|d, t| calls.lock().unwrap().push((d, t))).await.unwrap();
    assert_eq!((first.added, first.changed, first.unchanged), (4, 0, 0));
    assert!(first.batch_id.is_some());
    assert_eq!(first.datasets[0].files_added, 1);
    assert_eq!(calls.lock().unwrap().last(), Some(&(4, 4)));

    let second = import(&store, data()).await;
    assert_eq!((second.added, second.changed, second.unchanged), (0, 0, 4));
    assert_eq!(second.datasets[0].files_added, 0, "an identical file reuses its row");

    let mut changed = data();
    changed[0].observations[2].value = Some(476_413.0);
    changed[0].observations[3].status = ObsStatus::Estimated;
    changed[0].observations.push(obs("IMM.STOCK", "CPV", "2020", "", 15_000.0));
    let third = import(&store, changed).await;
    assert_eq!((third.added, third.changed, third.unchanged), (1, 2, 2));

    let gha = store.query(&ObsQuery::indicator(ind("IMM.STOCK")).area(area("GHA"))).await.unwrap();
    assert_eq!(gha.len(), 1);
    assert_eq!(gha[0].value, Some(476_413.0));
    let ecowas = store.query(&ObsQuery::indicator(ind("IMM.STOCK")).area(area("ECOWAS"))).await.unwrap();
    assert_eq!(ecowas[0].status, ObsStatus::Estimated);

    let batches = store.import_batches().await.unwrap();
    assert_eq!(batches.len(), 3);
    let last = &batches[2];
    assert_eq!((last.added, last.changed, last.unchanged), (1, 2, 2));
    assert_eq!(last.status, "complete");
    assert_eq!(last.command, "mprofile import --test");
    assert!(last.finished_at.is_some() && last.started_at.len() == 20, "{last:?}");
    let c = store.counts().await.unwrap();
    assert_eq!((c.observations, c.datasets, c.sources, c.files, c.batches), (5, 1, 1, 1, 3));
}

async fn vintages_side_by_side_and_latest_only(db: &TestDb) {
    let store = ready(db).await;
    import(
        &store,
        vec![
            dataset("undesa-ims", "2020", vec![obs("IMM.STOCK", "SEN", "2015", "", 0.5), obs("IMM.STOCK", "SEN", "2020", "", 1.0)]),
            dataset("undesa-ims", "2024", vec![obs("IMM.STOCK", "SEN", "2020", "", 2.0)]),
        ],
    )
    .await;
    let q = ObsQuery::indicator(ind("IMM.STOCK"));
    assert_eq!(show(&store.query(&q).await.unwrap()), ["IMM.STOCK SEN 2020 =2@undesa-ims/2024"]);
    let all = store.query(&ObsQuery { latest_only: false, ..q.clone() }).await.unwrap();
    assert_eq!(
        show(&all),
        ["IMM.STOCK SEN 2015 =0.5@undesa-ims/2020", "IMM.STOCK SEN 2020 =1@undesa-ims/2020", "IMM.STOCK SEN 2020 =2@undesa-ims/2024"]
    );
    let old = store.query(&ObsQuery { source: Some(("undesa-ims".into(), Some("2020".into()))), ..q.clone() }).await.unwrap();
    assert_eq!(old.len(), 2, "an explicit vintage wins over latest_only");

    let ds = store.datasets().await.unwrap();
    assert_eq!(
        ds.iter().map(|d| (d.vintage.as_str(), d.observations, d.is_latest, d.files.len())).collect::<Vec<_>>(),
        [("2020", 2, false, 1), ("2024", 1, true, 1)]
    );
    assert_eq!(ds[0].source, source("undesa-ims"));
}

async fn two_sources_for_the_same_key(db: &TestDb) {
    let store = ready(db).await;
    import(
        &store,
        vec![
            dataset("undesa-ims", "2024", vec![obs("IMM.STOCK", "SEN", "2020", "", 10.0)]),
            dataset("ansd", "2023", vec![obs("IMM.STOCK", "SEN", "2020", "", 11.0)]),
        ],
    )
    .await;
    let rows = store.query(&ObsQuery::indicator(ind("IMM.STOCK"))).await.unwrap();
    assert_eq!(show(&rows), ["IMM.STOCK SEN 2020 =11@ansd/2023", "IMM.STOCK SEN 2020 =10@undesa-ims/2024"]);
    assert_eq!(rows[0].source_name, "Source ansd");
    let one = store.query(&ObsQuery { source: Some(("ansd".into(), None)), ..ObsQuery::indicator(ind("IMM.STOCK")) }).await.unwrap();
    assert_eq!(show(&one), ["IMM.STOCK SEN 2020 =11@ansd/2023"]);
}

async fn query_filters(db: &TestDb) {
    let store = ready(db).await;
    let mut pop = obs("POP.TOTAL", "SEN", "2020", "", 17_000_000.0);
    pop.status = ObsStatus::Estimated;
    import(
        &store,
        vec![dataset(
            "undesa-ims",
            "2024",
            vec![
                obs("IMM.STOCK", "SEN", "2015", "", 1.0),
                obs("IMM.STOCK", "SEN", "2020", "", 2.0),
                obs("IMM.STOCK", "SEN", "2020", "SEX=F", 3.0),
                obs("IMM.STOCK", "SEN", "2020", "SEX=M", 4.0),
                obs("IMM.STOCK", "SEN", "2020", "AGE=Y0T14", 5.0),
                obs("IMM.STOCK", "SEN", "2020", "AGE=Y0T14|SEX=F", 6.0),
                obs("IMM.STOCK", "SEN", "2020", "COUNTERPART_AREA=FRA", 7.0),
                obs("IMM.STOCK", "GHA", "2020", "", 8.0),
                obs("IMM.STOCK", "GHA", "2015-2020", "", 9.0),
                pop,
            ],
        )],
    )
    .await;
    let values = |rows: Vec<StoredObservation>| rows.iter().map(|r| r.value.unwrap_or(f64::NAN)).collect::<Vec<f64>>();
    let base = ObsQuery::indicator(ind("IMM.STOCK"));
    let q = |f: &dyn Fn(&mut ObsQuery)| {
        let mut q = base.clone();
        f(&mut q);
        let store = store.clone();
        async move {
            // Every query's count is the number of rows it reads when not paged.
            let unpaged = store.query(&ObsQuery { limit: None, offset: 0, ..q.clone() }).await.unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(store.count(&q).await.unwrap_or_else(|e| panic!("{e}")), unpaged.len() as u64, "count of {q:?}");
            let page = store.query(&q).await.unwrap_or_else(|e| panic!("{e}"));
            let counted = store.query_counted(&q).await.unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(counted, (page.clone(), unpaged.len() as u64), "query_counted of {q:?}");
            values(page)
        }
    };

    // Totals only by default, ordered by area, dims, period.
    assert_eq!(q(&|_| {}).await, [9.0, 8.0, 1.0, 2.0]);
    assert_eq!(q(&|q| q.areas = vec![area("SEN")]).await, [1.0, 2.0]);
    assert_eq!(q(&|q| q.areas = vec![area("SEN"), area("GHA")]).await, [9.0, 8.0, 1.0, 2.0]);
    assert_eq!(q(&|q| q.period = Some(Period::Year(2020))).await, [8.0, 2.0]);
    assert_eq!(q(&|q| q.from = Some(Period::Year(2016))).await, [8.0, 2.0]);
    assert_eq!(q(&|q| q.to = Some(Period::Year(2019))).await, [1.0]);
    assert_eq!(q(&|q| (q.from, q.to) = (Some(Period::Year(2015)), Some(Period::Year(2020)))).await, [9.0, 8.0, 1.0, 2.0]);

    // Dimensions.
    assert_eq!(q(&|q| *q = q.clone().dim(dim("SEX"), code("F"))).await, [3.0]);
    assert_eq!(q(&|q| *q = q.clone().dim(dim("SEX"), code("_T"))).await, [9.0, 8.0, 1.0, 2.0]);
    assert_eq!(q(&|q| *q = ObsQuery { any_dims: true, ..q.clone() }.dim(dim("SEX"), code("F"))).await, [6.0, 3.0]);
    assert_eq!(q(&|q| *q = q.clone().area(area("SEN")).dim_any(dim("SEX"))).await, [1.0, 2.0, 3.0, 4.0]);
    assert_eq!(q(&|q| *q = ObsQuery { any_dims: true, ..q.clone() }.dim(dim("COUNTERPART_AREA"), code("FRA"))).await, [7.0]);
    assert_eq!(q(&|q| *q = q.clone().area(area("SEN")).dim_any(dim("COUNTERPART_AREA"))).await, [1.0, 2.0, 7.0]);
    assert_eq!(q(&|q| *q = q.clone().area(area("SEN")).dim_any(dim("SEX")).dim(dim("AGE"), code("Y0T14"))).await, [5.0, 6.0]);
    assert_eq!(
        q(&|q| (q.areas, q.period, q.any_dims) = (vec![area("SEN")], Some(Period::Year(2020)), true)).await,
        [2.0, 5.0, 6.0, 7.0, 3.0, 4.0]
    );

    // Status, no indicator, paging (in SQL and after the dimension check in Rust).
    assert_eq!(values(store.query(&ObsQuery { status: Some(ObsStatus::Estimated), ..ObsQuery::default() }).await.unwrap()), [17_000_000.0]);
    assert_eq!(values(store.query(&ObsQuery::default()).await.unwrap()), [9.0, 8.0, 1.0, 2.0, 17_000_000.0]);
    assert_eq!(q(&|q| (q.limit, q.offset) = (Some(2), 1)).await, [8.0, 1.0]);
    assert_eq!(q(&|q| q.offset = 3).await, [2.0]);
    assert_eq!(q(&|q| *q = ObsQuery { limit: Some(2), offset: 1, ..q.clone() }.area(area("SEN")).dim_any(dim("SEX"))).await, [2.0, 3.0]);
    assert!(q(&|q| q.indicator = Some(ind("IMM.SHARE"))).await.is_empty());
}

async fn dry_run_leaves_nothing(db: &TestDb) {
    let store = ready(db).await;
    let before = store.counts().await.unwrap();
    let data =
        vec![dataset("undesa-ims", "2024", vec![obs("IMM.STOCK", "SEN", "2020", "", 1.0), obs("IMM.STOCK", "GHA", "2020", "", 2.0)])];
    let dry = store.import(&data, &ImportOptions { dry_run: true, ..opts() }, &|_, _| {}).await.unwrap();
    assert_eq!((dry.added, dry.changed, dry.unchanged, dry.batch_id, dry.dry_run), (2, 0, 0, None, true));
    assert_eq!(store.counts().await.unwrap(), before);
    let real = import(&store, data).await;
    assert_eq!((real.added, real.changed, real.unchanged), (dry.added, dry.changed, dry.unchanged));
}

async fn failing_import_leaves_the_store_as_it_was(db: &TestDb) {
    let store = ready(db).await;
    let good =
        || dataset("undesa-ims", "2024", vec![obs("IMM.STOCK", "SEN", "2020", "", 1.0), obs("IMM.STOCK", "GHA", "2020", "SEX=F", 2.0)]);
    import(&store, vec![good()]).await;
    let before = (
        store.counts().await.unwrap(),
        serde_json::to_string(&store.query(&all_rows()).await.unwrap()).unwrap(),
        store.datasets().await.unwrap(),
    );

    // The first dataset is written (changed, added, a new vintage) before the second one fails.
    let mut changed = good();
    changed.observations[0].value = Some(10.0);
    changed.observations.push(obs("IMM.STOCK", "CPV", "2020", "", 3.0));
    let newer = dataset("undesa-ims", "2025", vec![obs("IMM.STOCK", "SEN", "2020", "", 4.0)]);
    let bad = dataset("ansd", "2023", vec![obs("IMM.STOCK", "SEN", "2020", "", 5.0), obs("IMM.NOPE", "SEN", "2020", "", 6.0)]);
    let err = store.import(&[changed, newer, bad], &opts(), &|_, _| {}).await.unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("IMM.NOPE") && msg.contains("ansd") && msg.contains("nothing was imported"), "{msg}");

    let mut unknown_area = good();
    unknown_area.observations.push(obs("IMM.STOCK", "NGA", "2020", "", 7.0));
    let err = store.import(&[unknown_area], &opts(), &|_, _| {}).await.unwrap_err();
    assert!(err.to_string().contains("area NGA"), "{err}");

    let mut twice = good();
    twice.observations.push(obs("IMM.STOCK", "SEN", "2020", "", 8.0));
    let err = store.import(&[twice], &opts(), &|_, _| {}).await.unwrap_err();
    assert!(err.to_string().contains("twice"), "{err}");

    let after = (
        store.counts().await.unwrap(),
        serde_json::to_string(&store.query(&all_rows()).await.unwrap()).unwrap(),
        store.datasets().await.unwrap(),
    );
    assert_eq!(after, before);
}

async fn provenance_round_trip(db: &TestDb) {
    let store = ready(db).await;
    let files = vec![
        FileInfo { path: "undesa/ims_2024.xlsx".into(), sha256: sha("a"), bytes: 2_000_000 },
        FileInfo { path: "undesa/ims_2024_sex.csv".into(), sha256: sha("b"), bytes: 4_096 },
    ];
    let mut a = obs("IMM.STOCK", "SEN", "2020", "", 274_929.0);
    a.provenance.locator = "Table 1!C45".into();
    a.footnote = Some("Including refugees".into());
    (a.value, a.unit_mult) = (Some(274.5), mp_domain::UnitMult::new(3).unwrap());
    let mut b = obs("IMM.STOCK", "SEN", "2020", "SEX=F", 126_000.0);
    b.provenance = mp_domain::Provenance { file: 1, locator: "row 1234".into() };
    let ds = DatasetImport {
        source: source("undesa-ims"),
        vintage: "2024".into(),
        files: files.clone(),
        observations: vec![a.clone(), b.clone()],
    };
    import(&store, vec![ds.clone()]).await;
    let rows = store.query(&ObsQuery { any_dims: true, ..ObsQuery::indicator(ind("IMM.STOCK")) }).await.unwrap();
    let got: Vec<_> =
        rows.iter().map(|r| (r.file_path.as_str(), r.file_sha256.clone(), r.locator.as_str(), r.footnote.as_deref())).collect();
    assert_eq!(
        got,
        [
            ("undesa/ims_2024.xlsx", sha("a"), "Table 1!C45", Some("Including refugees")),
            ("undesa/ims_2024_sex.csv", sha("b"), "row 1234", None)
        ]
    );
    assert!(rows.iter().all(|r| r.observation_id > 0 && r.dataset_id > 0));
    assert_eq!(store.datasets().await.unwrap()[0].files, files);
    let records = store.records(&ObsQuery::indicator(ind("IMM.STOCK"))).await.unwrap();
    assert_eq!(
        (records[0].value, rows[0].value, rows[0].unit_mult.power()),
        (Some(274_500.0), Some(274.5), 3),
        "records multiply UNIT_MULT out"
    );
    assert_eq!(
        (records[0].dataset.to_string(), records[0].sha256.clone(), records[0].locator.as_str()),
        ("undesa-ims@2024".to_string(), sha("a"), "Table 1!C45")
    );

    // The same files again: no new file rows. A corrected file: a new row, used by the changed
    // observation only.
    import(&store, vec![ds.clone()]).await;
    assert_eq!(store.counts().await.unwrap().files, 2);
    let mut fixed = ds.clone();
    fixed.files.push(FileInfo { path: "undesa/ims_2024_sex_v2.csv".into(), sha256: sha("c"), bytes: 4_100 });
    fixed.observations[1].provenance = mp_domain::Provenance { file: 2, locator: "row 1235".into() };
    fixed.observations[1].value = Some(126_001.0);
    let s = import(&store, vec![fixed]).await;
    assert_eq!((s.changed, s.unchanged, s.datasets[0].files_added), (1, 1, 1));
    let rows = store.query(&ObsQuery { any_dims: true, ..ObsQuery::indicator(ind("IMM.STOCK")) }).await.unwrap();
    assert_eq!(
        rows.iter().map(|r| (r.file_sha256.clone(), r.locator.as_str())).collect::<Vec<_>>(),
        [(sha("a"), "Table 1!C45"), (sha("c"), "row 1235")]
    );
    assert_eq!(store.counts().await.unwrap().files, 3);
}

async fn bad_rows_are_errors_not_panics(db: &TestDb) {
    let store = ready(db).await;
    import(&store, vec![dataset("undesa-ims", "2024", vec![obs("IMM.STOCK", "SEN", "2020", "", 1.0)])]).await;
    let mut conn = sqlx::AnyConnection::connect(&db.raw_url()).await.unwrap();
    sqlx::query("UPDATE observation SET period = 'sometime'").execute(&mut conn).await.unwrap();
    conn.close().await.unwrap();
    let err = store.query(&ObsQuery::default()).await.unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, StoreError::BadRow { table: "observation", column: "period", .. }), "{msg}");
    assert!(msg.contains("sometime"), "{msg}");
}

async fn many_rows_go_in_chunks(db: &TestDb) {
    let store = ready(db).await;
    let make = |bump: u64| {
        let mut v = Vec::new();
        for (i, y) in (1900..2026).enumerate() {
            for a in ["SEN", "GHA", "CPV", "MLI", "ECOWAS"] {
                for d in ["", "SEX=F", "SEX=M", "AGE=Y0T14", "COUNTERPART_AREA=FRA", "COUNTERPART_AREA=SEN", "AGE=Y15T64|SEX=F"] {
                    let value = (i * 10) as f64 + if bump > 0 && (i as u64).is_multiple_of(bump) { 0.5 } else { 0.0 };
                    v.push(obs("IMM.STOCK", a, &y.to_string(), d, value));
                }
            }
        }
        v
    };
    let n = make(0).len() as u64;
    assert!(n > 4_000, "{n} rows should need several INSERT chunks");
    let s = import(&store, vec![dataset("undesa-ims", "2024", make(0))]).await;
    assert_eq!(s.added, n);
    let s = import(&store, vec![dataset("undesa-ims", "2024", make(7))]).await;
    let changed = 126u64.div_ceil(7) * 5 * 7;
    assert_eq!((s.added, s.changed, s.unchanged), (0, changed, n - changed));
    assert_eq!(store.counts().await.unwrap().observations, n);
    let all = store.query(&all_rows()).await.unwrap();
    assert_eq!(all.len() as u64, n);
}

/// The child half of `killed_import_leaves_the_store_as_it_was`: imports into the store named
/// by `MPROFILE_TEST_CHILD_DB`, pausing (and getting killed) inside the transaction.
#[tokio::test]
#[ignore]
async fn child_import_that_gets_killed() {
    let Ok(url) = std::env::var("MPROFILE_TEST_CHILD_DB") else { return };
    let store = Store::open_existing(&url).await.unwrap_or_else(|e| panic!("{e}"));
    let rows = (1900..2100).flat_map(|y| ["SEN", "GHA", "CPV"].map(|a| obs("IMM.STOCK", a, &y.to_string(), "SEX=F", y as f64))).collect();
    let mut changed = obs("IMM.STOCK", "SEN", "2020", "", 1.0);
    changed.value = Some(99.0);
    import(&store, vec![dataset("undesa-ims", "2024", [vec![changed], rows].concat())]).await;
}

async fn killed_import_leaves_the_store_as_it_was(db: &TestDb) {
    use tokio::io::AsyncBufReadExt;
    let store = ready(db).await;
    import(&store, vec![dataset("undesa-ims", "2024", vec![obs("IMM.STOCK", "SEN", "2020", "", 1.0)])]).await;
    let before = (store.counts().await.unwrap(), serde_json::to_string(&store.query(&all_rows()).await.unwrap()).unwrap());
    store.close().await;

    let mut child = tokio::process::Command::new(std::env::current_exe().unwrap())
        .args(["--ignored", "--exact", "child_import_that_gets_killed", "--nocapture"])
        .env(mp_store::PAUSE_ENV, "250")
        .env("MPROFILE_TEST_CHILD_DB", db.url())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = tokio::io::BufReader::new(child.stderr.take().unwrap()).lines();
    let paused = tokio::time::timeout(std::time::Duration::from_secs(120), async {
        while let Ok(Some(line)) = lines.next_line().await {
            if line == "mprofile: import paused for test" {
                return true;
            }
            eprintln!("child: {line}");
        }
        false
    })
    .await;
    assert_eq!(paused, Ok(true), "the child import never paused");
    child.kill().await.unwrap();

    let store = Store::open_existing(db.url()).await.unwrap_or_else(|e| panic!("{e}"));
    let after = (store.counts().await.unwrap(), serde_json::to_string(&store.query(&all_rows()).await.unwrap()).unwrap());
    assert_eq!(after, before, "a killed import must leave nothing behind");
    let s = import(&store, vec![dataset("undesa-ims", "2024", vec![obs("IMM.STOCK", "SEN", "2020", "", 2.0)])]).await;
    assert_eq!(s.changed, 1, "the store takes imports again after the kill");
}

#[tokio::test]
async fn sqlite_open_existing_refuses_a_file_mprofile_did_not_initialise() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.db");
    std::fs::write(&path, b"").unwrap();
    let err = Store::open_existing(path.to_str().unwrap()).await.unwrap_err();
    assert!(matches!(err, StoreError::Uninitialised { .. }), "{err}");
    assert_eq!(err.to_string(), format!("the store at sqlite://{} has not been initialised: run `mprofile init`", path.display()));
    let missing = dir.path().join("nope.db");
    let err = Store::open_existing(missing.to_str().unwrap()).await.unwrap_err();
    assert!(matches!(err, StoreError::Missing { .. }), "{err}");
    assert!(!missing.exists(), "open_existing must not create the file");
}

#[tokio::test]
async fn sqlite_is_in_wal_mode_with_foreign_keys() {
    let db = TestDb::sqlite();
    let store = Store::open(db.url()).await.unwrap();
    store.close().await;
    let path = db.url().to_string();
    let mut conn = sqlx::AnyConnection::connect(&db.raw_url()).await.unwrap();
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode").fetch_one(&mut conn).await.unwrap();
    assert_eq!(mode, "wal");
    let url = Store::open(&format!("sqlite://{path}")).await.unwrap().display_url();
    assert_eq!(url, format!("sqlite://{path}"));
}

#[tokio::test]
async fn unreachable_postgres_says_so() {
    let err = Store::open("postgres://someone:secret@127.0.0.1:1/nowhere").await.unwrap_err();
    let msg = err.to_string();
    assert!(msg.starts_with("cannot open the store at postgres://someone:***@127.0.0.1:1/nowhere: "), "{msg}");
    assert!(!msg.contains("secret"), "{msg}");
}

/// Import throughput; run with `cargo test -p mp-store --test store -- --ignored --nocapture throughput`
/// (`MPROFILE_BENCH_ROWS`, default 300000; PostgreSQL too when `MPROFILE_TEST_PG_URL` is set).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore]
async fn throughput() {
    let n: usize = std::env::var("MPROFILE_BENCH_ROWS").ok().and_then(|v| v.parse().ok()).unwrap_or(300_000);
    let mut dbs = vec![TestDb::sqlite()];
    if let Some(pg) = TestDb::postgres().await {
        dbs.push(pg);
    }
    let mut rows = Vec::with_capacity(n);
    'outer: for ind in ["IMM.STOCK", "POP.TOTAL", "IMM.SHARE"] {
        for a in ["SEN", "GHA", "CPV", "MLI", "FRA", "ECOWAS", "WORLD"] {
            for d in [
                "",
                "SEX=F",
                "SEX=M",
                "AGE=Y0T14",
                "AGE=Y15T64",
                "AGE=Y0T14|SEX=F",
                "AGE=Y15T64|SEX=M",
                "COUNTERPART_AREA=FRA",
                "COUNTERPART_AREA=SEN",
                "COUNTERPART_AREA=GHA",
            ] {
                for y in 1800..=2200 {
                    for m in 1..=12 {
                        if rows.len() == n {
                            break 'outer;
                        }
                        rows.push(obs(ind, a, &format!("{y}-{m:02}"), d, (y * 100 + m) as f64));
                    }
                }
            }
        }
    }
    let n = rows.len();
    let data = vec![dataset("bench", "2024", rows)];
    for db in &dbs {
        let store = ready(db).await;
        for label in ["first import (all added)", "same again (all unchanged)"] {
            let t = std::time::Instant::now();
            let s = store.import(&data, &opts(), &|_, _| {}).await.unwrap_or_else(|e| panic!("{e}"));
            let secs = t.elapsed().as_secs_f64();
            eprintln!(
                "{:8} {label}: {n} observations in {secs:.1} s = {:.0} observations/s (added {}, unchanged {})",
                db.backend(),
                n as f64 / secs,
                s.added,
                s.unchanged
            );
        }
        let t = std::time::Instant::now();
        let got = store.query(&ObsQuery { any_dims: true, ..ObsQuery::default() }).await.unwrap().len();
        eprintln!("{:8} query all: {got} rows in {:.1} s", db.backend(), t.elapsed().as_secs_f64());
    }
}

#[tokio::test]
async fn sqlite_in_memory_works_for_tests_of_other_crates() {
    let store = Store::open("sqlite::memory:").await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(store.display_url(), "sqlite::memory:");
    store.load_framework(&framework(), &areas()).await.unwrap();
    import(&store, vec![dataset("undesa-ims", "2024", vec![obs("IMM.STOCK", "SEN", "2020", "", 1.0)])]).await;
    assert_eq!(store.counts().await.unwrap().observations, 1);
    let clone = store.clone();
    assert_eq!(clone.query(&ObsQuery::default()).await.unwrap().len(), 1);
}
