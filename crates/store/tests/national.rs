//! New national indicators: proposals, their steps and the country's framework extension, on
//! SQLite and on PostgreSQL (`MPROFILE_TEST_PG_URL`).

mod common;

use common::*;
use mp_domain::national::{Proposal, RawProposal};
use mp_domain::{Framework, Iso3};
use mp_store::{Actor, Store, StoreError};
use mp_workspace::{State, verify_chain};

on_both_backends!(an_approved_proposal_joins_the_extension,);

/// A made-up hash: these tests never check a password.
const HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g";

fn cli() -> Actor {
    Actor { id: None, name: "cli:test".into() }
}

/// A hand-written proposal (not real data).
fn proposal(fw: &Framework, code: &str) -> Proposal {
    let raw = RawProposal {
        country: "SEN",
        code,
        theme: "T04",
        name: ["Test returnees", "Rapatriés de test", "Retornados de teste"],
        definition: ["Test definition.", "Définition de test.", "Definição de teste."],
        unit: "persons",
        dimensions: vec!["SEX"],
        sources: "Test register",
        rationale: "Test rationale.",
    };
    Proposal::parse(&raw, fw).unwrap_or_else(|e| panic!("{e:?}"))
}

async fn an_approved_proposal_joins_the_extension(db: &TestDb) {
    let store = Store::open(db.url()).await.unwrap_or_else(|e| panic!("{e}"));
    let fw = framework();
    store.load_framework(&fw, &areas()).await.unwrap_or_else(|e| panic!("{e}"));
    let sen = Iso3::parse("SEN").unwrap();
    store.twg_set(&sen, "GTT", false, &cli()).await.unwrap();
    let awa = store.user_add("awa", "Awa", HASH, &cli()).await.unwrap();
    let sec = store.user_add("fatou", "Fatou", HASH, &cli()).await.unwrap();
    let (awa, sec) = (Actor { id: Some(awa), name: "awa".into() }, Actor { id: Some(sec), name: "fatou".into() });
    let p = proposal(&fw, "TEST_RETURN");
    assert!(matches!(store.indicator_propose(&p, &cli()).await, Err(StoreError::Refused(_))));

    let s = store.indicator_propose(&p, &awa).await.unwrap();
    assert_eq!((s.state, s.version, s.author.as_str()), (State::Submitted, 1, "awa"));
    assert_eq!(s.proposal, p);
    // The same code twice is refused while the first is under review.
    assert!(matches!(store.indicator_propose(&p, &awa).await, Err(StoreError::Refused(_))));
    assert!(store.framework_extension(&sen).await.unwrap().is_none());
    let s = store.indicator_proposal_move(s.id, 1, State::Submitted, State::Reviewed, "", "indicator.review", &sec, &fw).await.unwrap();
    // A stale step is a conflict and changes nothing.
    let e = store.indicator_proposal_move(s.id, 1, State::Submitted, State::Reviewed, "", "indicator.review", &sec, &fw).await;
    assert!(matches!(e, Err(StoreError::Conflict { .. })), "{e:?}");
    let s = store.indicator_proposal_move(s.id, 2, State::Reviewed, State::Approved, "", "indicator.approve", &sec, &fw).await.unwrap();
    assert_eq!(s.state, State::Approved);

    // Version 1 of the extension, which the framework loader reads back.
    let v1 = store.framework_extension(&sen).await.unwrap().unwrap();
    assert_eq!(v1.version, 1);
    let fsen = fw.with_extension(&sen, &v1.body).unwrap().for_country(&sen);
    assert_eq!(fsen.indicator(p.code.code()).map(|i| i.national.clone()), Some(Some(sen.clone())));

    // A second approval makes version 2 with both; version 1 is kept.
    let q = proposal(&fsen, "TEST_SECOND");
    let t = store.indicator_propose(&q, &awa).await.unwrap();
    let t = store.indicator_proposal_move(t.id, 1, State::Submitted, State::Reviewed, "", "indicator.review", &sec, &fw).await.unwrap();
    store.indicator_proposal_move(t.id, 2, State::Reviewed, State::Approved, "", "indicator.approve", &sec, &fw).await.unwrap();
    let versions = store.framework_extensions(&sen).await.unwrap();
    assert_eq!(versions.iter().map(|v| v.version).collect::<Vec<_>>(), [1, 2]);
    let f2 = fw.with_extension(&sen, &versions[1].body).unwrap();
    assert_eq!(f2.extensions[&sen].len(), 2);
    assert_eq!(f2.extension_versions[&sen], 2);
    // Approved codes stay taken.
    assert!(matches!(store.indicator_propose(&p, &awa).await, Err(StoreError::Refused(_))));
    assert_eq!(store.indicator_proposals(&sen).await.unwrap().len(), 2);

    // Every write is in the audit chain (3 setup writes, 2 proposals, 4 steps).
    let head = store.audit_head().await.unwrap();
    let rows = store.audit_rows(None).await.unwrap();
    assert_eq!(verify_chain(&rows, head.count, &head.last), Ok(9));
    let approved = rows.iter().find(|r| r.action == "indicator.approve").unwrap();
    assert_eq!(approved.target, "indicator:NAT.SEN.TEST_RETURN");
    assert!(approved.after.contains("\"extension_version\":1"), "{}", approved.after);
}
