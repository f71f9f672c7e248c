//! Narrative revisions and their review, on SQLite and on PostgreSQL (`MPROFILE_TEST_PG_URL`).

mod common;

use common::*;
use mp_domain::{AreaCode, Iso3, Lang};
use mp_store::{Actor, Store, StoreError};
use mp_workspace::{State, verify_chain};

on_both_backends!(revisions_publish_into_the_narrative,);

/// A made-up hash: these tests never check a password.
const HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g";

fn cli() -> Actor {
    Actor { id: None, name: "cli:test".into() }
}

async fn revisions_publish_into_the_narrative(db: &TestDb) {
    let store = Store::open(db.url()).await.unwrap_or_else(|e| panic!("{e}"));
    store.load_framework(&framework(), &areas()).await.unwrap_or_else(|e| panic!("{e}"));
    store.twg_set(&Iso3::parse("SEN").unwrap(), "GTT", false, &cli()).await.unwrap();
    let awa = store.user_add("awa", "Awa", HASH, &cli()).await.unwrap();
    let chair = store.user_add("modou", "Modou", HASH, &cli()).await.unwrap();
    let (awa, chair) = (Actor { id: Some(awa), name: "awa".into() }, Actor { id: Some(chair), name: "modou".into() });
    let sen = AreaCode::parse("SEN").unwrap();
    // The command line cannot write a revision: it has no user to name as writer.
    assert!(matches!(store.narrative_revision_add(&sen, "A.1", Lang::Fr, "x", &cli()).await, Err(StoreError::Refused(_))));

    let r1 = store.narrative_revision_add(&sen, "A.1", Lang::Fr, "Texte fictif de test, première version.", &awa).await.unwrap();
    assert_eq!((r1.state, r1.version, r1.author.as_str()), (State::Draft, 1, "awa"));
    let r1 = store.narrative_revision_move(r1.id, 1, State::Draft, State::Submitted, "", "narrative.submit", &awa).await.unwrap();
    // Until it is published the documents' narrative stays empty.
    assert!(store.narrative(&sen, None).await.unwrap().is_empty());
    let r1 = store.narrative_revision_move(r1.id, 2, State::Submitted, State::Approved, "", "narrative.approve", &chair).await.unwrap();
    assert!(store.narrative(&sen, None).await.unwrap().is_empty());
    // A step on an old version is a conflict naming who acted, and changes nothing.
    let e = store.narrative_revision_move(r1.id, 2, State::Submitted, State::Approved, "", "narrative.approve", &awa).await.unwrap_err();
    match e {
        StoreError::Conflict { by, .. } => assert_eq!(by, "modou"),
        other => panic!("expected a conflict, got {other}"),
    }
    let r1 = store.narrative_revision_move(r1.id, 3, State::Approved, State::Published, "", "narrative.publish", &awa).await.unwrap();
    assert_eq!(r1.state, State::Published);
    let n = store.narrative(&sen, None).await.unwrap();
    assert_eq!(n["A.1"][&Lang::Fr], "Texte fictif de test, première version.");

    // A second revision sent back keeps the published text; its reason is stored.
    let r2 = store.narrative_revision_add(&sen, "A.1", Lang::Fr, "Deuxième version.", &awa).await.unwrap();
    let r2 = store.narrative_revision_move(r2.id, 1, State::Draft, State::Submitted, "", "narrative.submit", &awa).await.unwrap();
    let r2 = store
        .narrative_revision_move(r2.id, 2, State::Submitted, State::Draft, "chiffre à sourcer", "narrative.send_back", &chair)
        .await
        .unwrap();
    assert_eq!((r2.state, r2.reason.as_str()), (State::Draft, "chiffre à sourcer"));
    assert_eq!(store.narrative(&sen, None).await.unwrap()["A.1"][&Lang::Fr], "Texte fictif de test, première version.");
    let all = store.narrative_revisions(&sen).await.unwrap();
    assert_eq!(all.iter().map(|r| r.id).collect::<Vec<_>>(), vec![r1.id, r2.id]);

    // Every write is in the audit chain (3 setup writes, 2 revisions, 5 steps).
    let head = store.audit_head().await.unwrap();
    let rows = store.audit_rows(None).await.unwrap();
    assert_eq!(verify_chain(&rows, head.count, &head.last), Ok(10));
    let published = rows.iter().find(|r| r.action == "narrative.publish").unwrap();
    assert_eq!(published.target, "narrative:SEN:A.1:fr");
    assert!(published.after.contains("première version"), "{}", published.after);
}
