//! Registry changes reviewed in the store, on SQLite and on PostgreSQL: a proposed institution
//! is not in the registry until approved by someone else and published; publishing writes it as
//! the country's workspace source with the audit trail; a publication from a stale version is a
//! conflict that changes nothing; a change without its source is refused.

mod common;

use common::*;
use mp_domain::registry::Institution;
use mp_domain::{AreaCode, Provenance, ThemeCode};
use mp_store::{Actor, NewProposal, ProposalState, ProposalStep, RegistryChange, Store, StoreError};

on_both_backends!(proposals_are_approved_by_another_member_and_published, proposals_from_a_workbook_are_stored_all_or_none,);

/// A made-up hash: these tests never check a password.
const HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g";

fn cli() -> Actor {
    Actor { id: None, name: "cli:test".into() }
}

/// A hand-written institution, not a real one.
fn institution(mandate: &str) -> RegistryChange {
    RegistryChange::Institution(Institution {
        area: AreaCode::parse("SEN").unwrap(),
        name: "Test directorate".into(),
        acronym: Some("TD".into()),
        mandate: Some(mandate.into()),
        parent: None,
        themes: vec![ThemeCode::parse("T01").unwrap()],
        contact: None,
        data_held: None,
        organisation: Some("test-org".into()),
        provenance: Provenance { file: 0, locator: "Test decree No. 1".into() },
    })
}

async fn proposals_are_approved_by_another_member_and_published(db: &TestDb) {
    let store = Store::open(db.url()).await.unwrap_or_else(|e| panic!("{e}"));
    store.load_framework(&framework(), &areas()).await.unwrap_or_else(|e| panic!("{e}"));
    let sen = AreaCode::parse("SEN").unwrap();
    let awa = Actor { id: Some(store.user_add("awa", "Awa", HASH, &cli()).await.unwrap()), name: "awa".into() };
    let modou = Actor { id: Some(store.user_add("modou", "Modou", HASH, &cli()).await.unwrap()), name: "modou".into() };

    let mut nosource = institution("Coordinates");
    if let RegistryChange::Institution(i) = &mut nosource {
        i.provenance.locator.clear();
    }
    assert!(matches!(store.registry_propose(&awa, &sen, &nosource, None).await, Err(StoreError::Refused(_))));

    let id = store.registry_propose(&awa, &sen, &institution("Coordinates"), None).await.unwrap();
    assert!(store.registry_view(&[]).await.unwrap().institutions.is_empty(), "a proposal is not an entry");
    let e = store.registry_proposal_step(&awa, id, ProposalStep::Approve, "").await.unwrap_err();
    assert!(e.to_string().contains("someone other than"), "{e}");
    let e = store.registry_proposal_step(&awa, id, ProposalStep::Publish, "").await.unwrap_err();
    assert!(matches!(e, StoreError::Conflict { .. }), "not approved yet: {e}");
    store.registry_proposal_step(&modou, id, ProposalStep::Approve, "").await.unwrap();
    store.registry_proposal_step(&awa, id, ProposalStep::Publish, "").await.unwrap();
    let view = store.registry_view(&[]).await.unwrap();
    assert_eq!(view.institutions.len(), 1);
    assert_eq!(view.institutions[0].source, "nat-sen-twg-registry");
    assert_eq!(view.institutions[0].entry.organisation.as_deref(), Some("test-org"));
    let audit = store.audit_rows(Some("registry institution SEN Test directorate")).await.unwrap();
    let steps: Vec<&str> = audit.iter().map(|a| a.action.as_str()).collect();
    assert_eq!(steps, ["registry.propose", "registry.approve", "registry.publish"]);

    // Two corrections from the same version: the second publication is refused, unchanged.
    let seen = store.registry_entry_version(&sen, &institution("x")).await.unwrap();
    assert!(seen.is_some());
    let first = store.registry_propose(&awa, &sen, &institution("Coordinates and reports"), seen).await.unwrap();
    let second = store.registry_propose(&awa, &sen, &institution("Something else"), seen).await.unwrap();
    for p in [first, second] {
        store.registry_proposal_step(&modou, p, ProposalStep::Approve, "").await.unwrap();
    }
    store.registry_proposal_step(&awa, first, ProposalStep::Publish, "").await.unwrap();
    let e = store.registry_proposal_step(&awa, second, ProposalStep::Publish, "").await.unwrap_err();
    assert!(matches!(&e, StoreError::Conflict { by, .. } if by == "awa"), "{e}");
    let view = store.registry_view(&[]).await.unwrap();
    assert_eq!(view.institutions[0].entry.mandate.as_deref(), Some("Coordinates and reports"));
    assert!(store.registry_proposal_step(&modou, second, ProposalStep::Reject, " ").await.is_err(), "a reason is needed");
    store.registry_proposal_step(&modou, second, ProposalStep::Reject, "stale").await.unwrap();
    let p = store.registry_proposal(second).await.unwrap().unwrap();
    assert_eq!((p.state, p.reason.as_str()), (ProposalState::Rejected, "stale"));
    assert_eq!(store.registry_proposals(&sen).await.unwrap().len(), 3, "the refused one was never stored");
}

/// Several proposals from one workbook: one without its source refuses them all; otherwise
/// each is stored with its audit row naming where it came from.
async fn proposals_from_a_workbook_are_stored_all_or_none(db: &TestDb) {
    let store = Store::open(db.url()).await.unwrap_or_else(|e| panic!("{e}"));
    store.load_framework(&framework(), &areas()).await.unwrap_or_else(|e| panic!("{e}"));
    let sen = AreaCode::parse("SEN").unwrap();
    let awa = Actor { id: Some(store.user_add("awa", "Awa", HASH, &cli()).await.unwrap()), name: "awa".into() };
    let renamed = |name: &str, locator: &str| match institution("Coordinates") {
        RegistryChange::Institution(i) => {
            RegistryChange::Institution(Institution { name: name.into(), provenance: Provenance { file: 0, locator: locator.into() }, ..i })
        }
        other => other,
    };
    let item = |c: RegistryChange| NewProposal { area: sen.clone(), change: c, seen_version: None };
    let head = store.audit_head().await.unwrap().count;
    let bad = [item(renamed("First directorate", "Test decree No. 2")), item(renamed("Second directorate", " "))];
    assert!(matches!(store.registry_propose_all(&awa, &bad, "workbook t.xlsx").await, Err(StoreError::Refused(_))));
    assert!(store.registry_proposals(&sen).await.unwrap().is_empty(), "nothing stored");
    assert_eq!(store.audit_head().await.unwrap().count, head, "nothing audited");
    assert!(store.registry_propose_all(&cli(), &bad[..1], "workbook t.xlsx").await.is_err(), "proposed by a member only");

    let good = [item(renamed("First directorate", "Test decree No. 2")), item(renamed("Second directorate", "Test decree No. 3"))];
    let ids = store.registry_propose_all(&awa, &good, "workbook t.xlsx, sha256 00").await.unwrap();
    assert_eq!(ids.len(), 2);
    for (id, name) in ids.iter().zip(["First directorate", "Second directorate"]) {
        let rows = store.audit_rows(Some(&format!("registry institution SEN {name}"))).await.unwrap();
        assert_eq!(rows.len(), 1);
        assert!(rows[0].after.starts_with(&format!("proposal {id} (workbook t.xlsx, sha256 00): ")), "{}", rows[0].after);
        assert_eq!(store.registry_proposal(*id).await.unwrap().unwrap().state, ProposalState::Proposed);
    }
    assert!(store.registry_view(&[]).await.unwrap().institutions.is_empty(), "proposals are not entries");
}
