//! Meetings, their action items and the figures discussed, on SQLite and on PostgreSQL
//! (`MPROFILE_TEST_PG_URL`).

mod common;

use common::*;
use mp_domain::registry::Date;
use mp_domain::{Iso3, Lang};
use mp_store::{Actor, ImportOptions, MeetingInput, NewAction, Origin, Participant, Store, StoreError};
use mp_workspace::{ActionStatus, MeetingKind, MeetingRef, MeetingStatus, verify_chain};

on_both_backends!(meetings_actions_and_figures,);

/// A made-up hash: these tests never check a password.
const HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g";

fn date(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn input(sen: &Iso3, figures: &str) -> MeetingInput {
    MeetingInput {
        country: sen.clone(),
        kind: MeetingKind::NationalWorkshop,
        status: MeetingStatus::Held,
        title: "Atelier national de validation".into(),
        held_on: date("2026-03-10"),
        place: "Dakar".into(),
        lang: Lang::Fr,
        countries: vec![sen.clone()],
        agenda: "Ouverture\nRevue des chiffres".into(),
        documents: String::new(),
        minutes: "Le groupe a revu les chiffres.".into(),
        decisions: "Adopter la section A.1".into(),
        outputs: String::new(),
        participants: vec![
            Participant { organisation: "ANSD".into(), name: "Awa".into(), user_id: None },
            Participant { organisation: "OIM".into(), name: "Jean".into(), user_id: None },
        ],
        figures: MeetingRef::parse_list(figures).unwrap(),
    }
}

async fn meetings_actions_and_figures(db: &TestDb) {
    let store = Store::open(db.url()).await.unwrap_or_else(|e| panic!("{e}"));
    store.load_framework(&framework(), &areas()).await.unwrap_or_else(|e| panic!("{e}"));
    let opts = ImportOptions { dry_run: false, command: "mprofile import --test".into(), origin: Origin::Public };
    let v1 = vec![dataset("undesa-ims", "2024", vec![obs("IMM.STOCK", "SEN", "2020", "", 275_000.0)])];
    store.import(&v1, &opts, &|_, _| {}).await.unwrap();
    let cli = Actor { id: None, name: "cli:test".into() };
    let (sen, mli) = (Iso3::parse("SEN").unwrap(), Iso3::parse("MLI").unwrap());
    let awa = store.user_add("awa", "Awa", HASH, &cli).await.unwrap();
    let awa_a = Actor { id: Some(awa), name: "awa".into() };

    let figures = "figure:IMM.STOCK:2020:undesa-ims figure:IMM.STOCK:1990:undesa-ims";
    let id = store.meeting_save(None, &input(&sen, figures), &awa_a).await.unwrap();
    let m = store.meeting(id).await.unwrap().unwrap();
    assert_eq!((m.kind, m.status, m.lang, m.participants.len()), (MeetingKind::NationalWorkshop, MeetingStatus::Held, Lang::Fr, 2));
    assert_eq!(m.held_on.to_string(), "2026-03-10");
    let stock = m.figures.iter().find(|f| f.reference == "figure:IMM.STOCK:2020:undesa-ims").unwrap();
    assert_eq!((stock.value, stock.vintage.as_str()), (Some(275_000.0), "2024"));
    assert!(stock.observation_id.is_some() && stock.import_batch > 0);
    let absent = m.figures.iter().find(|f| f.reference.contains(":1990:")).unwrap();
    assert_eq!((absent.value, absent.observation_id), (None, None), "a figure the store lacks is kept as missing");

    // A later import revises the value; the meeting keeps what it saw, a new figure reads now.
    let v2 = vec![dataset("undesa-ims", "2025", vec![obs("IMM.STOCK", "SEN", "2020", "", 280_000.0)])];
    store.import(&v2, &opts, &|_, _| {}).await.unwrap();
    let mut changed = input(&sen, "figure:IMM.STOCK:2020:undesa-ims figure:IMM.STOCK:2019:undesa-ims");
    changed.participants.truncate(1);
    store.meeting_save(Some(id), &changed, &awa_a).await.unwrap();
    let m = store.meeting(id).await.unwrap().unwrap();
    assert_eq!(m.participants.len(), 1);
    assert_eq!(m.figures.len(), 2, "the 1990 figure left the record");
    assert_eq!(m.figures.iter().find(|f| f.reference.contains(":2020:")).unwrap().value, Some(275_000.0));
    // Another country cannot take the record over.
    assert!(matches!(store.meeting_save(Some(id), &input(&mli, ""), &awa_a).await, Err(StoreError::Refused(_))));
    assert!(matches!(store.meeting_save(Some(999), &input(&sen, ""), &awa_a).await, Err(StoreError::Refused(_))));

    let action = |body: &str, due: &str| NewAction {
        body: body.into(),
        owner: "awa".into(),
        owner_id: Some(awa),
        due_on: date(due),
        refs: MeetingRef::parse_list("section:A.1 indicator:IMM.STOCK").unwrap(),
    };
    let a1 = store.action_add(id, &action("Envoyer les chiffres", "2026-04-01"), &awa_a).await.unwrap();
    let a2 = store.action_add(id, &action("Rédiger A.1", "2026-09-01"), &awa_a).await.unwrap();
    assert!(matches!(store.action_add(999, &action("x", "2026-04-01"), &awa_a).await, Err(StoreError::Refused(_))));
    let m = store.meeting(id).await.unwrap().unwrap();
    assert_eq!(m.actions.iter().map(|a| a.id).collect::<Vec<_>>(), [a1, a2]);
    assert_eq!(MeetingRef::write_list(&m.actions[0].refs), "section:A.1 indicator:IMM.STOCK");
    let overdue = store.actions_overdue(Some(std::slice::from_ref(&sen)), &date("2026-05-01")).await.unwrap();
    assert_eq!(overdue.iter().map(|(a, c, _)| (a.id, c.as_str())).collect::<Vec<_>>(), [(a1, "SEN")]);
    assert!(store.actions_overdue(Some(std::slice::from_ref(&mli)), &date("2026-05-01")).await.unwrap().is_empty());
    assert!(store.action_set_status(a1, ActionStatus::Done, &awa_a).await.unwrap());
    assert!(!store.action_set_status(a1, ActionStatus::Done, &awa_a).await.unwrap(), "already done");
    assert!(store.actions_overdue(None, &date("2026-05-01")).await.unwrap().is_empty(), "a done item is not overdue");
    assert_eq!(store.meetings(Some(std::slice::from_ref(&sen))).await.unwrap().len(), 1);
    assert!(store.meetings(Some(&[mli])).await.unwrap().is_empty());

    // Two imports and a user, then a meeting created and changed, two items, one status.
    let head = store.audit_head().await.unwrap();
    let rows = store.audit_rows(Some(&format!("meeting:{id}"))).await.unwrap();
    assert_eq!(
        rows.iter().map(|r| r.action.as_str()).collect::<Vec<_>>(),
        ["meeting.create", "meeting.update", "meeting.action.add", "meeting.action.add", "meeting.action.status"]
    );
    assert!(verify_chain(&store.audit_rows(None).await.unwrap(), head.count, &head.last).is_ok());
}
