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
    store.import(&[first.clone()], &opts(Origin::National), &|_, _| {}).await.unwrap_or_else(|e| panic!("{e}"));
    // The same source again is fine (idempotent).
    store.import(&[first.clone()], &opts(Origin::National), &|_, _| {}).await.unwrap_or_else(|e| panic!("{e}"));
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
