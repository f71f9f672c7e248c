//! The TWG workspace's tables, run on SQLite and on PostgreSQL (`MPROFILE_TEST_PG_URL`).

mod common;

use common::*;
use mp_domain::Iso3;
use mp_store::{Actor, NewSubmission, Store, StoreError};
use mp_workspace::{Action, AuditBreak, Membership, Role, State, Target, ThemeSet, authorize, hash_token, verify_chain};
use sqlx::Connection;

on_both_backends!(
    accounts_and_memberships,
    matrix_through_the_store,
    sessions_and_tokens,
    submissions_move_once,
    audit_chain_catches_tampering,
    concurrent_writes_keep_one_chain,
);

async fn ready(db: &TestDb) -> Store {
    let store = Store::open(db.url()).await.unwrap_or_else(|e| panic!("{e}"));
    store.load_framework(&framework(), &areas()).await.unwrap_or_else(|e| panic!("{e}"));
    store
}

fn iso(s: &str) -> Iso3 {
    Iso3::parse(s).unwrap()
}

fn cli() -> Actor {
    Actor { id: None, name: "cli:test".into() }
}

/// A made-up hash: these tests never check a password.
const HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g";

async fn verify(store: &Store) -> Result<i64, AuditBreak> {
    let head = store.audit_head().await.unwrap();
    verify_chain(&store.audit_rows(None).await.unwrap(), head.count, &head.last)
}

async fn accounts_and_memberships(db: &TestDb) {
    let store = ready(db).await;
    let org = store.org_add("ansd", "Agence nationale de la statistique", &cli()).await.unwrap();
    assert!(matches!(store.org_add("ansd", "again", &cli()).await, Err(StoreError::Refused(_))));
    assert!(matches!(store.org_add("Bad Code", "x", &cli()).await, Err(StoreError::Refused(_))));
    let awa = store.user_add("awa", "Awa Ndiaye", HASH, &cli()).await.unwrap();
    assert!(matches!(store.user_add("awa", "Other", HASH, &cli()).await, Err(StoreError::Refused(_))));
    assert!(matches!(store.user_add("-x", "Other", HASH, &cli()).await, Err(StoreError::Refused(_))));
    let m = Membership::new(Role::Provider, Some(iso("SEN")), ThemeSet::parse("T01").unwrap(), Some(org.id)).unwrap();
    // No TWG yet for Senegal: refused, nothing written.
    let e = store.member_add("awa", &m, &cli()).await.unwrap_err();
    assert!(e.to_string().contains("no TWG"), "{e}");
    assert!(matches!(store.twg_set(&iso("XXX"), "x", false, &cli()).await, Err(StoreError::Refused(_))));
    store.twg_set(&iso("SEN"), "GTT Sénégal", false, &cli()).await.unwrap();
    store.member_add("awa", &m, &cli()).await.unwrap();
    assert_eq!(store.memberships(awa).await.unwrap(), vec![m.clone()]);
    // The same role in the same country again replaces it.
    let m2 = Membership::new(Role::Provider, Some(iso("SEN")), ThemeSet::parse("T01,T02").unwrap(), Some(org.id)).unwrap();
    store.member_add("awa", &m2, &cli()).await.unwrap();
    assert_eq!(store.memberships(awa).await.unwrap(), vec![m2]);
    store.member_remove("awa", Role::Provider, Some(&iso("SEN")), &cli()).await.unwrap();
    assert!(store.memberships(awa).await.unwrap().is_empty());
    assert!(matches!(store.member_remove("awa", Role::Provider, Some(&iso("SEN")), &cli()).await, Err(StoreError::Refused(_))));
    let users = store.users().await.unwrap();
    assert_eq!(users.len(), 1);
    assert_eq!(users[0].login, "awa");
    // Six writes went through; the refused ones left no row.
    assert_eq!(verify(&store).await, Ok(6));
}

/// Every role stored and read back decides every action on every target as the role itself.
async fn matrix_through_the_store(db: &TestDb) {
    let store = ready(db).await;
    let org = store.org_add("min-int", "Ministère de l'Intérieur", &cli()).await.unwrap();
    store.twg_set(&iso("SEN"), "GTT", false, &cli()).await.unwrap();
    let targets = [
        Target { country: Some(iso("SEN")), themes: ThemeSet::parse("T01").unwrap(), organisation: Some(org.id) },
        Target { country: Some(iso("MLI")), themes: ThemeSet::parse("T01").unwrap(), organisation: Some(org.id) },
        Target { country: Some(iso("SEN")), themes: ThemeSet::parse("T02").unwrap(), organisation: Some(org.id) },
        Target { country: Some(iso("SEN")), themes: ThemeSet::parse("T01").unwrap(), organisation: Some(org.id + 1) },
        Target::platform(),
    ];
    let mut allowed = 0;
    for role in Role::ALL {
        let country = role.needs_country().then(|| iso("SEN"));
        let themes = if role.thematic() { ThemeSet::parse("T01").unwrap() } else { ThemeSet::All };
        let m = Membership::new(role, country, themes, (role == Role::Provider).then_some(org.id)).unwrap();
        let login = format!("user-{role}");
        let id = store.user_add(&login, &login, HASH, &cli()).await.unwrap();
        store.member_add(&login, &m, &cli()).await.unwrap();
        let back = store.memberships(id).await.unwrap();
        assert_eq!(back, vec![m.clone()], "{role}");
        for a in Action::ALL {
            for t in &targets {
                let d = authorize(&back, a, t);
                assert_eq!(d, authorize(std::slice::from_ref(&m), a, t), "{role} {a:?} {t:?}");
                allowed += usize::from(d == mp_workspace::Decision::Allow);
            }
        }
    }
    // Of 7 roles × 22 actions × 5 targets, allowed: administrator 5 actions everywhere (25);
    // secretariat 16 actions on the three Senegal targets (48); provider viewing, commenting and
    // adding to the library (3 + 3 + 3) and uploading and submitting in scope (2); member viewing,
    // commenting, proposing registry changes and adding to the library (12); reader viewing (3);
    // chair viewing, approving narrative, commenting, resolving, proposing and approving registry
    // changes, keeping meetings and adding to the library (8 × 3) and reviewing its theme for any
    // organisation (2); validator 4 actions (12).
    // New national indicators add the secretariat's proposing, reviewing and approving on the
    // three Senegal targets (9) and proposals and reviews on their themes by providers, members
    // and chairs (8).
    assert_eq!(allowed, 25 + 48 + 11 + 12 + 3 + 26 + 12 + 9 + 8, "allowed decisions");
}

async fn sessions_and_tokens(db: &TestDb) {
    let store = ready(db).await;
    let id = store.user_add("moussa", "Moussa", HASH, &cli()).await.unwrap();
    let auth = store.user_auth("moussa").await.unwrap().unwrap();
    assert_eq!(auth.id, id);
    store.sign_in(id, "moussa", &hash_token("sid-1"), "csrf-1", 3600).await.unwrap();
    let s = store.session(&hash_token("sid-1")).await.unwrap().unwrap();
    assert_eq!((s.principal.user_id, s.csrf.as_str()), (id, "csrf-1"));
    assert!(store.session(&hash_token("sid-2")).await.unwrap().is_none());
    // An expired session is no session.
    store.sign_in(id, "moussa", &hash_token("sid-old"), "c", -1).await.unwrap();
    assert!(store.session(&hash_token("sid-old")).await.unwrap().is_none());
    // A password change ends the other sessions, not the one it was made in.
    store.sign_in(id, "moussa", &hash_token("sid-3"), "csrf-3", 3600).await.unwrap();
    store.user_set_password(id, HASH, Some(&hash_token("sid-3")), &cli(), "user.password").await.unwrap();
    assert!(store.session(&hash_token("sid-1")).await.unwrap().is_none());
    assert!(store.session(&hash_token("sid-3")).await.unwrap().is_some());
    // Sign-out ends it.
    store.sign_out(&hash_token("sid-3"), &cli()).await.unwrap();
    assert!(store.session(&hash_token("sid-3")).await.unwrap().is_none());
    // Lock-out after three failures.
    assert!(!store.sign_in_failed(&auth, 3, 900).await.unwrap());
    assert!(!store.sign_in_failed(&auth, 3, 900).await.unwrap());
    assert!(store.sign_in_failed(&auth, 3, 900).await.unwrap());
    let locked = store.user_auth("moussa").await.unwrap().unwrap();
    assert!(locked.locked_until > mp_store::unix_now());
    let actions: Vec<String> = store.audit_rows(Some(&format!("user:{id}"))).await.unwrap().into_iter().map(|r| r.action).collect();
    assert!(actions.contains(&"sign_in.locked".to_string()), "{actions:?}");
    // Tokens: stored as hashes, revocable, and a disabled owner's token stops working.
    let tid = store.token_add(id, &hash_token("tok"), "uploads", &cli()).await.unwrap();
    assert_eq!(store.token_principal(&hash_token("tok")).await.unwrap().unwrap().user_id, id);
    assert!(store.token_principal("tok").await.unwrap().is_none());
    store.token_revoke(id, tid, &cli()).await.unwrap();
    assert!(store.token_principal(&hash_token("tok")).await.unwrap().is_none());
    assert!(matches!(store.token_revoke(id, tid, &cli()).await, Err(StoreError::Refused(_))));
    store.token_add(id, &hash_token("tok2"), "again", &cli()).await.unwrap();
    store.sign_in(id, "moussa", &hash_token("sid-4"), "c4", 3600).await.unwrap();
    store.user_set_disabled("moussa", true, &cli()).await.unwrap();
    assert!(store.token_principal(&hash_token("tok2")).await.unwrap().is_none());
    assert!(store.session(&hash_token("sid-4")).await.unwrap().is_none());
    assert!(verify(&store).await.is_ok());
}

async fn submissions_move_once(db: &TestDb) {
    let store = ready(db).await;
    let org = store.org_add("ansd", "ANSD", &cli()).await.unwrap();
    let uid = store.user_add("awa", "Awa", HASH, &cli()).await.unwrap();
    let awa = Actor { id: Some(uid), name: "awa".into() };
    let g0 = store.ws_generation().await.unwrap();
    let bytes = b"DATAFLOW,REF_AREA\n".to_vec();
    let s = store
        .submission_add(
            &NewSubmission {
                country: iso("SEN"),
                organisation_id: org.id,
                themes: ThemeSet::parse("T01").unwrap(),
                source_code: "nat-sen-ansd".into(),
                file_name: "census.csv".into(),
                file_kind: "sdmx".into(),
                file_bytes: bytes.clone(),
                file_sha256: sha("census"),
                summary: "{}".into(),
            },
            &awa,
        )
        .await
        .unwrap();
    assert!(store.ws_generation().await.unwrap() > g0);
    assert_eq!((s.state, s.version, s.organisation_code.as_str()), (State::Draft, 1, "ansd"));
    assert_eq!(store.submission_file(s.id).await.unwrap().unwrap(), bytes);
    let moved = store.submission_move(s.id, 1, State::Draft, State::Submitted, "", None, "submission.submit", &awa).await.unwrap();
    assert_eq!((moved.state, moved.version), (State::Submitted, 2));
    // A second actor still looking at version 1 gets a conflict naming who moved it.
    let chair = Actor { id: None, name: "cli:chair".into() };
    let e = store.submission_move(s.id, 1, State::Draft, State::Submitted, "", None, "submission.submit", &chair).await.unwrap_err();
    match &e {
        StoreError::Conflict { by, now, .. } => {
            assert_eq!(by, "awa");
            assert_eq!(now, "submitted, version 2");
        }
        other => panic!("{other}"),
    }
    let back =
        store.submission_move(s.id, 2, State::Submitted, State::Draft, "totals wrong", None, "submission.send_back", &chair).await.unwrap();
    assert_eq!((back.state, back.reason.as_str()), (State::Draft, "totals wrong"));
    assert_eq!(store.submissions(Some(&[iso("MLI")])).await.unwrap().len(), 0);
    assert_eq!(store.submissions(Some(&[iso("SEN")])).await.unwrap().len(), 1);
    assert_eq!(store.submissions(None).await.unwrap().len(), 1);
    assert!(verify(&store).await.is_ok());
}

async fn audit_chain_catches_tampering(db: &TestDb) {
    let store = ready(db).await;
    for i in 0..5 {
        store.audit_record(&cli(), "import", &format!("batch:{i}"), "", &format!("{{\"added\":{i}}}")).await.unwrap();
    }
    assert_eq!(verify(&store).await, Ok(5));
    let mut conn = sqlx::AnyConnection::connect(&db.raw_url()).await.unwrap();
    sqlx::query("UPDATE audit_log SET after = '{\"added\":99}' WHERE seq = 3").execute(&mut conn).await.unwrap();
    assert_eq!(verify(&store).await, Err(AuditBreak::Changed { seq: 3 }));
    sqlx::query("UPDATE audit_log SET after = '{\"added\":2}' WHERE seq = 3").execute(&mut conn).await.unwrap();
    assert_eq!(verify(&store).await, Ok(5));
    sqlx::query("DELETE FROM audit_log WHERE seq = 2").execute(&mut conn).await.unwrap();
    assert_eq!(verify(&store).await, Err(AuditBreak::Removed { seq: 2 }));
    conn.close().await.ok();
}

async fn concurrent_writes_keep_one_chain(db: &TestDb) {
    let store = ready(db).await;
    let mut tasks = Vec::new();
    for i in 0..12 {
        let s = store.clone();
        tasks.push(tokio::spawn(async move { s.audit_record(&cli(), "test", &format!("t:{i}"), "", "").await }));
    }
    for t in tasks {
        t.await.unwrap().unwrap_or_else(|e| panic!("{e}"));
    }
    assert_eq!(verify(&store).await, Ok(12));
    assert_eq!(store.ws_generation().await.unwrap(), 12);
}
