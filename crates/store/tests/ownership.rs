//! Source ownership at the store boundary: a national batch writes national sources only and
//! renames none; a public batch writes no national source. Checked on SQLite and PostgreSQL.

mod common;

use common::*;
use mp_store::{ImportOptions, Origin, Store, StoreError};

on_both_backends!(
    national_batch_cannot_write_a_public_source,
    national_batch_cannot_rename_a_source,
    public_batch_cannot_write_a_national_source,
);

async fn ready(db: &TestDb) -> Store {
    let store = Store::open(db.url()).await.unwrap_or_else(|e| panic!("{e}"));
    store.load_framework(&framework(), &areas()).await.unwrap_or_else(|e| panic!("{e}"));
    store
}

fn opts(origin: Origin) -> ImportOptions {
    ImportOptions { dry_run: false, command: "ownership test".into(), origin }
}

async fn national_batch_cannot_write_a_public_source(db: &TestDb) {
    let store = ready(db).await;
    let public = dataset("undesa-ims", "2024", vec![obs("IMM.STOCK", "SEN", "2024", "", 281_867.0)]);
    store.import(&[public], &opts(Origin::Public), &|_, _| {}).await.unwrap_or_else(|e| panic!("{e}"));
    let before = store.counts().await.unwrap();
    let attack = dataset("undesa-ims", "2024", vec![obs("IMM.STOCK", "SEN", "2024", "", 1.0)]);
    // The default is the least trusted origin.
    let e = store.import(&[attack], &ImportOptions::default(), &|_, _| {}).await.unwrap_err();
    assert!(matches!(e, StoreError::Import { .. }), "{e}");
    assert!(e.to_string().contains("a national file may only write national sources"), "{e}");
    assert_eq!(store.counts().await.unwrap(), before);
}

async fn national_batch_cannot_rename_a_source(db: &TestDb) {
    let store = ready(db).await;
    let first = dataset("nat-sen-ansd-census", "2013", vec![obs("IMM.STOCK", "SEN", "2013", "", 244_900.0)]);
    store.import(std::slice::from_ref(&first), &opts(Origin::National), &|_, _| {}).await.unwrap_or_else(|e| panic!("{e}"));
    // The same source again is fine (idempotent).
    store.import(std::slice::from_ref(&first), &opts(Origin::National), &|_, _| {}).await.unwrap_or_else(|e| panic!("{e}"));
    let before = store.counts().await.unwrap();
    let mut renamed = first;
    renamed.source.name = "Something else".into();
    renamed.vintage = "2014".into();
    let e = store.import(&[renamed], &opts(Origin::National), &|_, _| {}).await.unwrap_err();
    assert!(e.to_string().contains("an import does not rename a source"), "{e}");
    assert_eq!(store.counts().await.unwrap(), before);
}

async fn public_batch_cannot_write_a_national_source(db: &TestDb) {
    let store = ready(db).await;
    let ds = dataset("nat-sen-ansd-census", "2013", vec![obs("IMM.STOCK", "SEN", "2013", "", 1.0)]);
    let e = store.import(&[ds], &opts(Origin::Public), &|_, _| {}).await.unwrap_err();
    assert!(e.to_string().contains("may not write a national source"), "{e}");
}

/// After an import (and after loading the framework, which `init` does), the data is in the
/// database file itself: a copy of the `.db` alone, without its `-wal`, holds it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_database_file_alone_holds_the_data_after_an_import() {
    let db = TestDb::sqlite();
    let store = ready(&db).await;
    let ds = dataset("undesa-ims", "2024", vec![obs("IMM.STOCK", "SEN", "2024", "", 281_867.0)]);
    store.import(&[ds], &opts(Origin::Public), &|_, _| {}).await.unwrap_or_else(|e| panic!("{e}"));
    let src = std::path::PathBuf::from(db.url());
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.db");
    std::fs::copy(&src, &copy).unwrap();
    let copied = Store::open_existing(&copy.display().to_string()).await.unwrap_or_else(|e| panic!("{e}"));
    let n = copied.counts().await.unwrap();
    assert_eq!(n.observations, 1, "{n:?}");
    assert!(n.indicators > 0);
}

/// A second import while another holds the write lock waits, then says nothing changed and
/// that it can be run again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_writer_is_told_to_retry() {
    use sqlx::Connection;
    let db = TestDb::sqlite();
    let store = ready(&db).await;
    let mut other = sqlx::SqliteConnection::connect(&format!("sqlite://{}", db.url())).await.unwrap();
    sqlx::query("BEGIN IMMEDIATE").execute(&mut other).await.unwrap();
    let before = std::time::Instant::now();
    let ds = dataset("undesa-ims", "2024", vec![obs("IMM.STOCK", "SEN", "2024", "", 1.0)]);
    let e = store.import(&[ds], &opts(Origin::Public), &|_, _| {}).await.unwrap_err();
    assert!(matches!(e, StoreError::Busy { .. }), "{e}");
    assert!(e.to_string().contains("nothing was changed: run the command again"), "{e}");
    assert!(before.elapsed().as_secs() >= 5, "it waited for the lock first: {:?}", before.elapsed());
    sqlx::query("ROLLBACK").execute(&mut other).await.unwrap();
}

on_both_backends!(absurd_values_are_found);

/// What `doctor` reports: values no import should have let through (written here behind the
/// importer's back, as an older version or a hand edit could have).
async fn absurd_values_are_found(db: &TestDb) {
    let store = ready(db).await;
    let ds = dataset("undesa-ims", "2024", vec![obs("IMM.STOCK", "SEN", "2024", "", 281_867.0), obs("IMM.STOCK", "GHA", "2024", "", 1.0)]);
    store.import(&[ds], &opts(Origin::Public), &|_, _| {}).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(store.value_anomalies(10).await.unwrap().0, 0);
    let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(&db.raw_url()).await.unwrap();
    sqlx::query("UPDATE observation SET value = 1.7e308 WHERE area = 'SEN'").execute(&mut conn).await.unwrap();
    sqlx::query("UPDATE observation SET value = -5000 WHERE area = 'GHA'").execute(&mut conn).await.unwrap();
    let (n, list) = store.value_anomalies(10).await.unwrap();
    assert_eq!(n, 2);
    let problems: Vec<(&str, &str)> = list.iter().map(|a| (a.area.as_str(), a.problem)).collect();
    assert!(problems.contains(&("SEN", "absurd magnitude")) && problems.contains(&("GHA", "negative count of persons")), "{problems:?}");
}
