//! The governance registries in the store, on SQLite and on PostgreSQL: a hand-written import
//! of every kind of entry round-trips, a second import changes nothing, a change is counted and
//! a refused import leaves the store as it was.

mod common;

use common::*;
use mp_domain::registry::{Currency, Date, Institution, Money, Project, ProjectStatus};
use mp_domain::{
    AreaCode, FileInfo, I18nText, Instrument, InstrumentCode, InstrumentKind, InstrumentStatus, Provenance, Ratification, RegistryImport,
    ThemeCode,
};
use mp_store::{ImportOptions, Store};

on_both_backends!(registry_round_trip_and_idempotence, refused_registry_import_changes_nothing);

async fn ready(db: &TestDb) -> Store {
    let store = Store::open(db.url()).await.unwrap_or_else(|e| panic!("{e}"));
    store.load_framework(&framework(), &areas()).await.unwrap_or_else(|e| panic!("{e}"));
    store
}

fn a(s: &str) -> AreaCode {
    AreaCode::parse(s).unwrap()
}

fn prov(row: u32) -> Provenance {
    Provenance { file: 0, locator: format!("row {row}") }
}

/// Hand-written entries, not real data.
fn fixture() -> RegistryImport {
    let code = InstrumentCode::parse("TEST_CONV").unwrap();
    RegistryImport {
        source: source("twg-registry"),
        vintage: "2026".into(),
        files: vec![FileInfo { path: "registry.xlsx".into(), sha256: sha("registry.xlsx"), bytes: 10 }],
        instruments: vec![Instrument {
            code: code.clone(),
            kind: InstrumentKind::Convention,
            short: "TC".into(),
            title: I18nText::new("Test convention", "Convention d'essai", "Convenção de teste"),
            year: Some(1990),
            area: None,
            citation: Some("Treaty Series vol. 1".into()),
            link: None,
            themes: vec![ThemeCode::parse("T01").unwrap(), ThemeCode::parse("T10").unwrap()],
        }],
        ratifications: vec![
            Ratification {
                instrument: code.clone(),
                area: a("SEN"),
                status: InstrumentStatus::Ratified,
                year: Some(1999),
                responsible: None,
                note: None,
                provenance: prov(2),
            },
            Ratification {
                instrument: code,
                area: a("GHA"),
                status: InstrumentStatus::Signed,
                year: None,
                responsible: Some("Ministry".into()),
                note: Some("n".into()),
                provenance: prov(3),
            },
        ],
        institutions: vec![Institution {
            area: a("SEN"),
            name: "Direction of Test".into(),
            acronym: Some("DT".into()),
            mandate: Some("Coordination".into()),
            parent: Some("Ministry".into()),
            themes: vec![ThemeCode::parse("T01").unwrap()],
            contact: None,
            data_held: Some("Register".into()),
            organisation: None,
            provenance: prov(4),
        }],
        projects: vec![Project {
            identifier: "XM-TEST-1".into(),
            title: "Test project".into(),
            reporting_org: "Agency".into(),
            implementing: vec!["Partner A".into(), "Partner B".into()],
            donors: vec!["Donor".into()],
            countries: vec![a("SEN"), a("MLI")],
            themes: vec![ThemeCode::parse("T05").unwrap()],
            sectors: vec!["15190".into()],
            start: Date::parse("2021-03-01").ok(),
            end: Date::parse("2024-12-31").ok(),
            status: Some(ProjectStatus::Implementation),
            budget: Some(Money { value: 1_500_000.5, currency: Currency::parse("EUR").unwrap() }),
            results: None,
            provenance: prov(5),
        }],
    }
}

fn opts() -> ImportOptions {
    ImportOptions { dry_run: false, command: "mprofile registry --test".into(), origin: mp_store::Origin::Public }
}

async fn registry_round_trip_and_idempotence(db: &TestDb) {
    let store = ready(db).await;
    let imp = fixture();
    let s = store.import_registry(std::slice::from_ref(&imp), &opts()).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((s.entries, s.added, s.changed, s.unchanged, s.files_added), (5, 5, 0, 0, 1));
    let view = store.registry_view(&[a("SEN")]).await.unwrap();
    assert_eq!(view.instruments, imp.instruments);
    assert_eq!(view.ratifications.len(), 1);
    assert_eq!(view.ratifications[0].entry, imp.ratifications[0]);
    assert_eq!(view.ratifications[0].at, "registry.xlsx row 2");
    assert_eq!(view.ratifications[0].source_name, "Source twg-registry");
    assert_eq!(view.institutions[0].entry, imp.institutions[0]);
    let mut p = imp.projects[0].clone();
    p.countries.sort();
    assert_eq!(view.projects[0].entry, p);
    assert_eq!(store.registry_view(&[a("GHA")]).await.unwrap().projects.len(), 0);
    assert_eq!(store.registry_view(&[]).await.unwrap().ratifications.len(), 2);

    let s = store.import_registry(std::slice::from_ref(&imp), &opts()).await.unwrap();
    assert_eq!((s.added, s.changed, s.unchanged, s.files_added), (0, 0, 5, 0));

    let mut changed = imp.clone();
    changed.ratifications[1].status = InstrumentStatus::Ratified;
    changed.ratifications[1].year = Some(2026);
    changed.projects[0].countries.pop();
    let s = store.import_registry(&[changed], &opts()).await.unwrap();
    assert_eq!((s.added, s.changed, s.unchanged), (0, 2, 3));
    let gha = store.registry_view(&[a("GHA")]).await.unwrap();
    assert_eq!((gha.ratifications[0].entry.status, gha.ratifications[0].entry.year), (InstrumentStatus::Ratified, Some(2026)));
    assert!(store.registry_view(&[a("MLI")]).await.unwrap().projects.is_empty());

    let dry = store.import_registry(&[fixture()], &ImportOptions { dry_run: true, ..opts() }).await.unwrap();
    assert_eq!((dry.batch_id, dry.changed), (None, 2));
    assert_eq!(store.registry_view(&[a("GHA")]).await.unwrap(), gha, "a dry run stores nothing");

    // Every kept import is one audit row, in the import's transaction, naming who and the batch;
    // a dry run leaves none.
    let rows: Vec<_> = store.audit_rows(None).await.unwrap().into_iter().filter(|r| r.action == "registry.import").collect();
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(rows.iter().all(|r| r.actor_name.starts_with("cli:") && r.target.starts_with("batch:")), "{rows:?}");
    assert!(rows[0].after.contains("twg-registry@") && rows[0].after.contains("\"added\":5"), "{}", rows[0].after);
    let member = mp_store::Actor { id: None, name: "awa".into() };
    store.import_registry_as(&[fixture()], &opts(), &member).await.unwrap();
    let last = store.audit_rows(None).await.unwrap().pop().unwrap();
    assert_eq!((last.action.as_str(), last.actor_name.as_str()), ("registry.import", "awa"));
}

/// Spoils one thing in an import.
type Spoil = Box<dyn Fn(&mut RegistryImport)>;

async fn refused_registry_import_changes_nothing(db: &TestDb) {
    let store = ready(db).await;
    store.import_registry(&[fixture()], &opts()).await.unwrap();
    let before = store.registry_view(&[]).await.unwrap();
    let cases: Vec<(Spoil, &str)> = vec![
        (Box::new(|i| i.ratifications[1].area = a("NER")), "area NER is not in the store"),
        (
            Box::new(|i| i.ratifications[1].instrument = InstrumentCode::parse("UNKNOWN").unwrap()),
            "instrument UNKNOWN is not in the registry",
        ),
        (Box::new(|i| i.ratifications.push(i.ratifications[0].clone())), "given twice"),
        (Box::new(|i| i.projects[0].provenance.file = 3), "refers to file #3"),
        (Box::new(|i| i.projects[0].budget.as_mut().unwrap().value = f64::NAN), "not a finite number"),
    ];
    for (spoil, why) in cases {
        let mut imp = fixture();
        // A change that would be stored if the import went through.
        imp.ratifications[0].year = Some(2000);
        imp.institutions[0].mandate = None;
        spoil(&mut imp);
        let e = store.import_registry(&[imp], &opts()).await.unwrap_err().to_string();
        assert!(e.contains(why) && e.contains("nothing was imported"), "{why}: {e}");
        assert_eq!(store.registry_view(&[]).await.unwrap(), before, "{why}");
    }
    // The same source rules as for observations: a national batch writes no public source.
    let mut imp = fixture();
    imp.ratifications[0].year = Some(2000);
    let national = ImportOptions { origin: mp_store::Origin::National, ..opts() };
    let e = store.import_registry(&[imp], &national).await.unwrap_err().to_string();
    assert!(e.contains("may only write national sources") && e.contains("nothing was imported"), "{e}");
    assert_eq!(store.registry_view(&[]).await.unwrap(), before, "a national batch changes no public source");
}
