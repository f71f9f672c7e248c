//! Reviews of quality flags go to the audit trail with the verdict, on SQLite and on PostgreSQL
//! (`MPROFILE_TEST_PG_URL`).

mod common;

use common::*;
use mp_store::{Actor, CHECKED_CORRECT, ImportOptions, NewFlag, Origin, Store};
use mp_workspace::verify_chain;

on_both_backends!(every_review_is_an_audit_row,);

/// A made-up hash: this test never checks a password.
const HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g";

fn flag() -> NewFlag {
    NewFlag {
        source: "undesa-ims".into(),
        vintage: "2024".into(),
        indicator: "IMM.STOCK".into(),
        area: "SEN".into(),
        period: "2020".into(),
        dims: String::new(),
        rule: "outlier.log_jump".into(),
        severity: "outlier".into(),
        message: "Jump on a log scale".into(),
        value: 275_000.0,
        expected: "within 0.7 of the previous year on a log scale".into(),
    }
}

async fn every_review_is_an_audit_row(db: &TestDb) {
    let store = Store::open(db.url()).await.unwrap_or_else(|e| panic!("{e}"));
    store.load_framework(&framework(), &areas()).await.unwrap_or_else(|e| panic!("{e}"));
    let opts = ImportOptions { dry_run: false, command: "mprofile import --test".into(), origin: Origin::Public };
    store.import(&[dataset("undesa-ims", "2024", vec![obs("IMM.STOCK", "SEN", "2020", "", 275_000.0)])], &opts, &|_, _| {}).await.unwrap();
    assert_eq!(store.save_quality_flags(&[flag()]).await.unwrap(), 1);
    let id = store.quality_flags(Some("SEN")).await.unwrap()[0].id;
    let target = format!("quality_flag:{id}");
    let cli = Actor { id: None, name: "cli:test".into() };
    let awa_id = store.user_add("awa", "Awa Diop", HASH, &cli).await.unwrap();
    let awa = Actor { id: Some(awa_id), name: "awa".into() };
    let start = store.audit_head().await.unwrap().count;

    // An unknown flag is refused and writes nothing.
    assert!(!store.review_quality_flag(id + 1000, "no such flag", "Awa Diop", &awa).await.unwrap());
    assert_eq!(store.audit_head().await.unwrap().count, start);

    assert!(store.review_quality_flag(id, "the 2010 census explains the jump", "Awa Diop", &awa).await.unwrap());
    let rows = store.audit_rows(Some(&target)).await.unwrap();
    assert_eq!(rows.len(), 1);
    let first: serde_json::Value = serde_json::from_str(&rows[0].after).unwrap();
    assert_eq!((rows[0].action.as_str(), rows[0].actor, rows[0].actor_name.as_str()), ("quality.review", Some(awa_id), "awa"));
    assert_eq!(rows[0].before, "", "the first review replaced no verdict");
    assert_eq!(first["flag"], id);
    assert_eq!(first["rule"], "outlier.log_jump");
    assert_eq!(first["figure"]["indicator"], "IMM.STOCK");
    assert_eq!(first["figure"]["area"], "SEN");
    assert_eq!(first["reason"], "the 2010 census explains the jump");
    assert_eq!(first["by"], "Awa Diop");
    assert_eq!(first["status"], CHECKED_CORRECT);

    // A second review replaces the flag's verdict; the trail keeps both, the second naming the first.
    assert!(store.review_quality_flag(id, "ANSD confirmed the count", "ANSD", &cli).await.unwrap());
    let f = &store.quality_flags(Some("SEN")).await.unwrap()[0];
    assert_eq!((f.review_reason.as_deref(), f.reviewed_by.as_deref()), (Some("ANSD confirmed the count"), Some("ANSD")));
    let rows = store.audit_rows(Some(&target)).await.unwrap();
    let reasons: Vec<String> =
        rows.iter().map(|r| serde_json::from_str::<serde_json::Value>(&r.after).unwrap()["reason"].as_str().unwrap().to_string()).collect();
    assert_eq!(reasons, ["the 2010 census explains the jump", "ANSD confirmed the count"]);
    assert_eq!((rows[1].actor, rows[1].actor_name.as_str()), (None, "cli:test"));
    let replaced: serde_json::Value = serde_json::from_str(&rows[1].before).unwrap();
    assert_eq!((replaced["reason"].as_str(), replaced["by"].as_str()), (Some("the 2010 census explains the jump"), Some("Awa Diop")));
    assert_eq!(replaced["at"], first["at"]);

    // The chain still verifies, with exactly the two review rows added.
    let head = store.audit_head().await.unwrap();
    assert_eq!(head.count, start + 2);
    assert_eq!(verify_chain(&store.audit_rows(None).await.unwrap(), head.count, &head.last), Ok(head.count));
}
