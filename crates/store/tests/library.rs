//! The document library, on SQLite and on PostgreSQL (`MPROFILE_TEST_PG_URL`).

mod common;

use common::*;
use mp_domain::Iso3;
use mp_store::{Actor, LibraryFile, NewLibraryDocument, Store, StoreError};
use mp_workspace::library::{DocKind, FileType, Visibility, content_address};
use mp_workspace::verify_chain;

on_both_backends!(documents_versions_and_visibility,);

/// A made-up hash: these tests never check a password.
const HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g";

async fn documents_versions_and_visibility(db: &TestDb) {
    let store = Store::open(db.url()).await.unwrap_or_else(|e| panic!("{e}"));
    store.load_framework(&framework(), &areas()).await.unwrap_or_else(|e| panic!("{e}"));
    let cli = Actor { id: None, name: "cli:test".into() };
    let sen = Iso3::parse("SEN").unwrap();
    let awa = store.user_add("awa", "Awa", HASH, &cli).await.unwrap();
    let awa = Actor { id: Some(awa), name: "awa".into() };
    let (langs, themes, inds) = (vec!["fr".to_string()], vec!["T04".to_string()], vec!["IMM.STOCK".to_string()]);
    let new = NewLibraryDocument {
        country: &sen,
        regional: false,
        kind: DocKind::MethodNote,
        visibility: Visibility::Members,
        title: "Note sur le recensement",
        authors: "ANSD",
        languages: &langs,
        themes: &themes,
        indicators: &inds,
    };
    let v1 = b"# Note\n\nPremier jet.\n";
    let file = LibraryFile { bytes: v1, file_type: FileType::Markdown, note: "" };
    assert!(matches!(store.library_add(&new, file, &cli).await, Err(StoreError::Refused(_))), "the command line has no member");
    assert!(matches!(store.library_add(&NewLibraryDocument { title: " ", ..new.clone() }, file, &awa).await, Err(StoreError::Refused(_))));
    let id = store.library_add(&new, file, &awa).await.unwrap();
    let two = store
        .library_add_version(id, LibraryFile { bytes: b"# Note\n\nRevue.\n", file_type: FileType::Markdown, note: "revue" }, &awa)
        .await;
    assert_eq!(two.unwrap(), 2);
    // The same content again is kept once, under its hash.
    assert_eq!(store.library_add_version(id, file, &awa).await.unwrap(), 3);
    let d = store.library_document(id).await.unwrap().unwrap();
    assert_eq!(
        (d.title.as_str(), d.kind, d.visibility, d.regional),
        ("Note sur le recensement", DocKind::MethodNote, Visibility::Members, false)
    );
    assert_eq!((d.languages, d.themes, d.indicators), (langs.clone(), themes.clone(), inds.clone()));
    assert_eq!(d.versions.iter().map(|v| v.number).collect::<Vec<_>>(), [1, 2, 3]);
    assert_eq!(d.versions[0].sha256, content_address(v1));
    assert_eq!(d.versions[0].sha256, d.versions[2].sha256);
    let (doc, ver, bytes) = store.library_file(d.versions[1].id).await.unwrap().unwrap();
    assert_eq!((doc.id, ver.number, ver.note.as_str(), bytes.as_slice()), (id, 2, "revue", b"# Note\n\nRevue.\n".as_slice()));
    assert!(store.library_file(9999).await.unwrap().is_none());
    assert!(store.library_set_visibility(id, Visibility::Public, &awa).await.unwrap());
    assert!(!store.library_set_visibility(id, Visibility::Public, &awa).await.unwrap(), "already public");
    assert_eq!(store.library_documents().await.unwrap()[0].visibility, Visibility::Public);
    assert!(matches!(store.library_add_version(77, file, &awa).await, Err(StoreError::Refused(_))));
    // Four writes, each with its audit row; the refused ones left none.
    let head = store.audit_head().await.unwrap();
    let rows = store.audit_rows(None).await.unwrap();
    assert_eq!(verify_chain(&rows, head.count, &head.last), Ok(5), "one user and four library writes");
    assert_eq!(rows.iter().filter(|r| r.action.starts_with("library.")).count(), 4);
}
