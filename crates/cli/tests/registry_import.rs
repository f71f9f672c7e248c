//! `mprofile registry import` is audited and reviewed: an IATI file is written to the registry
//! with a `registry.import` row naming the `--as` member (or the operator); a registry
//! workbook becomes changes proposed by the `--as` member, in the audit trail and under review,
//! never written to the registry by the command; without `--as` it is refused, and a malformed
//! one names the sheet, row and column and proposes nothing.

mod common;

use common::*;

/// A workbook with one new institution row (hand-written test data, not a real institution).
fn workbook(read_at: &str) -> Vec<u8> {
    let mut view = mp_domain::RegistryView::default();
    view.institutions.push(mp_domain::Sourced {
        entry: mp_domain::registry::Institution {
            area: mp_domain::AreaCode::parse("SEN").unwrap(),
            name: "Fixture migration observatory".into(),
            acronym: None,
            mandate: None,
            parent: None,
            themes: vec![mp_domain::ThemeCode::parse("T01").unwrap()],
            contact: None,
            data_held: None,
            organisation: None,
            provenance: mp_domain::Provenance { file: 0, locator: String::new() },
        },
        source: String::new(),
        vintage: String::new(),
        source_name: String::new(),
        at: read_at.into(),
    });
    mp_export::registry_workbook::write_as_of(&view, None, None).unwrap()
}

fn audit(db: &str, target: &str) -> Vec<serde_json::Value> {
    let out = ok(&with_stdin(db, &["audit", "list", "--target", target, "--format", "json"], ""));
    serde_json::from_str(&out).unwrap()
}

fn audit_actions(db: &str, action: &str) -> Vec<serde_json::Value> {
    let out = ok(&with_stdin(db, &["audit", "list", "--format", "json"], ""));
    let all: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    all.into_iter().filter(|r| r["action"].as_str() == Some(action)).collect()
}

#[test]
fn registry_imports_are_audited_and_workbooks_reviewed() {
    if !data_dir().join("country-codes").exists() {
        eprintln!("skipping: no data mirror at {}", data_dir().display());
        return;
    }
    let (dir, db) = temp_db();
    ok(&with_stdin(&db, &["init"], ""));
    ok(&with_stdin(&db, &["user", "add", "sec", "--password-stdin"], "a long enough password\n"));
    ok(&with_stdin(&db, &["twg", "create", "SEN", "--name", "GTT Sénégal"], ""));
    ok(&with_stdin(&db, &["member", "add", "sec", "--role", "secretariat", "--country", "SEN"], ""));

    // An IATI file: written to the registry, the import in the audit trail as the member.
    let iati = repo().join("crates/ingest/tests/fixtures/iati/two-activities.xml").display().to_string();
    let out = ok(&with_stdin(&db, &["registry", "import", &iati, "--as", "sec"], ""));
    assert!(out.contains("added"), "{out}");
    let rows = audit_actions(&db, "registry.import");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["actor_name"].as_str(), Some("sec"));
    assert!(rows[0]["target"].as_str().unwrap_or_default().starts_with("batch:"), "{rows:?}");
    assert!(rows[0]["after"].as_str().unwrap_or_default().contains("two-activities.xml"), "{rows:?}");
    let list = ok(&with_stdin(&db, &["registry", "list"], ""));
    assert!(list.contains("projects (2)"), "{list}");

    // A workbook: refused without a member to propose it.
    let path = dir.path().join("registry-SEN.xlsx");
    std::fs::write(&path, workbook("Fixture decree No. 7, 2021")).unwrap();
    let p = path.display().to_string();
    let out = with_stdin(&db, &["registry", "import", &p], "");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--as LOGIN"), "{}", String::from_utf8_lossy(&out.stderr));

    // Malformed (no place it was read): named, nothing proposed.
    let bad = dir.path().join("registry-bad.xlsx");
    std::fs::write(&bad, workbook("")).unwrap();
    let out = with_stdin(&db, &["registry", "import", &bad.display().to_string(), "--as", "sec"], "");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("institutions") && err.contains("row 2") && err.contains("read_at"), "{err}");
    assert!(audit(&db, "registry institution SEN Fixture migration observatory").is_empty());

    // With --as: proposed for review and audited, not in the registry yet.
    let out = ok(&with_stdin(&db, &["registry", "import", &p, "--as", "sec"], ""));
    assert!(out.contains("1 change(s) proposed by sec"), "{out}");
    let rows = audit(&db, "registry institution SEN Fixture migration observatory");
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0]["action"].as_str(), rows[0]["actor_name"].as_str()), (Some("registry.propose"), Some("sec")));
    let list = ok(&with_stdin(&db, &["registry", "list"], ""));
    assert!(list.contains("institutions (0)"), "a proposal is not in the registry: {list}");
    // The audit chain stays intact.
    assert!(ok(&with_stdin(&db, &["audit", "verify"], "")).contains("intact"));

    // --public writes a workbook directly, as its own source: the source sheet is required then.
    let out = with_stdin(&db, &["registry", "import", &p, "--public"], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("every registry entry needs its source"));
}
