//! Discussion threads, on SQLite and on PostgreSQL (`MPROFILE_TEST_PG_URL`).

mod common;

use common::*;
use mp_domain::Iso3;
use mp_store::{Actor, NewComment, Store, StoreError};
use mp_workspace::verify_chain;

on_both_backends!(threads_replies_mentions_and_resolution,);

/// A made-up hash: these tests never check a password.
const HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g";

async fn threads_replies_mentions_and_resolution(db: &TestDb) {
    let store = Store::open(db.url()).await.unwrap_or_else(|e| panic!("{e}"));
    store.load_framework(&framework(), &areas()).await.unwrap_or_else(|e| panic!("{e}"));
    let cli = Actor { id: None, name: "cli:test".into() };
    let sen = Iso3::parse("SEN").unwrap();
    store.twg_set(&sen, "GTT", false, &cli).await.unwrap();
    let awa = store.user_add("awa", "Awa", HASH, &cli).await.unwrap();
    let modou = store.user_add("modou", "Modou", HASH, &cli).await.unwrap();
    let (awa_a, modou_a) = (Actor { id: Some(awa), name: "awa".into() }, Actor { id: Some(modou), name: "modou".into() });
    let on = "figure:IMM.STOCK:2020:undesa-ims";
    let c = |parent, body, mentions| NewComment { country: &sen, target: on, theme: "T04", parent_id: parent, body, mentions };
    assert!(matches!(store.comment_add(&c(None, "x", &[]), &cli).await, Err(StoreError::Refused(_))), "the command line has no user");
    let mention = [modou];
    let t = store.comment_add(&c(None, "@modou please check", &mention), &awa_a).await.unwrap();
    let r = store.comment_add(&c(Some(t.id), "checked", &[]), &modou_a).await.unwrap();
    // A reply to a reply, or to a thread on another target, is refused and changes nothing.
    assert!(matches!(store.comment_add(&c(Some(r.id), "no", &[]), &awa_a).await, Err(StoreError::Refused(_))));
    let other = NewComment { country: &sen, target: "section:A.1", theme: "", parent_id: Some(t.id), body: "no", mentions: &[] };
    assert!(matches!(store.comment_add(&other, &awa_a).await, Err(StoreError::Refused(_))));
    assert_eq!(store.comments_on(&sen, on).await.unwrap().len(), 2);
    assert_eq!(store.threads_mentioning(modou).await.unwrap(), vec![t.id]);
    assert!(store.threads_mentioning(awa).await.unwrap().is_empty());
    assert!(store.comment_resolve(t.id, true, &modou_a).await.unwrap());
    assert!(!store.comment_resolve(t.id, true, &modou_a).await.unwrap(), "already resolved");
    assert!(store.comment(t.id).await.unwrap().unwrap().resolved);
    assert!(matches!(store.comment_resolve(r.id, true, &modou_a).await, Err(StoreError::Refused(_))), "replies are not threads");
    assert!(store.comment_resolve(t.id, false, &awa_a).await.unwrap());
    let threads = store.comment_threads(Some(std::slice::from_ref(&sen))).await.unwrap();
    assert_eq!((threads.len(), threads[0].resolved), (1, false));
    assert!(store.comment_threads(Some(&[Iso3::parse("MLI").unwrap()])).await.unwrap().is_empty());
    // 3 setup writes, 2 comments, 2 state changes.
    let head = store.audit_head().await.unwrap();
    assert_eq!(verify_chain(&store.audit_rows(None).await.unwrap(), head.count, &head.last), Ok(7));
}
