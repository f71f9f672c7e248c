//! The workspace commands: the first administrator, TWGs and roles, the audit chain, backup.

mod common;

use common::*;

/// Runs `mprofile` with this checkout's framework named explicitly: several checkouts sharing
/// one target directory may leave another checkout's framework compiled into the binary.
fn run(db: &str, args: &[&str]) -> std::process::Output {
    with_stdin(db, args, "")
}

#[test]
fn first_administrator_roles_audit_and_backup() {
    let data = data_dir().join("country-codes");
    if !data.exists() {
        eprintln!("skipping: no data mirror at {}", data_dir().display());
        return;
    }
    let (dir, db) = temp_db();
    ok(&run(&db, &["init"]));
    let out = ok(&with_stdin(&db, &["user", "add", "admin", "--name", "Platform admin", "--password-stdin"], "a long enough password\n"));
    assert!(out.contains("user admin created"), "{out}");
    ok(&run(&db, &["member", "add", "admin", "--role", "admin"]));
    // A made-up password is printed once when none is given.
    let out = ok(&run(&db, &["user", "add", "awa"]));
    assert!(out.contains("password: "), "{out}");
    ok(&run(&db, &["twg", "create", "SEN", "--name", "GTT Migration Sénégal"]));
    ok(&run(&db, &["org", "add", "ansd", "Agence nationale de la statistique et de la démographie"]));
    ok(&run(&db, &["member", "add", "awa", "--role", "provider", "--country", "SEN", "--themes", "T01,T04", "--org", "ansd"]));
    // Refused: a provider without an organisation, a country without a TWG, a bad role.
    assert!(!run(&db, &["member", "add", "awa", "--role", "provider", "--country", "SEN"]).status.success());
    assert!(!run(&db, &["member", "add", "awa", "--role", "reader", "--country", "MLI"]).status.success());
    assert!(!run(&db, &["member", "add", "awa", "--role", "root", "--country", "SEN"]).status.success());
    let list = ok(&run(&db, &["user", "list"]));
    assert!(list.contains("provider SEN T01,T04") && list.contains("admin"), "{list}");
    ok(&run(&db, &["user", "disable", "awa"]));
    assert!(ok(&run(&db, &["user", "list"])).contains("disabled"));
    let verified = ok(&run(&db, &["audit", "verify"]));
    assert!(verified.contains("audit trail intact: 7 rows"), "{verified}");

    // A backup of the live store restores to a store whose answers are the same.
    let backup = dir.path().join("backup.db");
    ok(&run(&db, &["backup", &backup.display().to_string()]));
    assert!(!run(&db, &["backup", &backup.display().to_string()]).status.success(), "a backup never overwrites");
    let restored = dir.path().join("restored.db").display().to_string();
    ok(&run(&restored, &["restore", &backup.display().to_string()]));
    let a = ok(&run(&db, &["user", "list", "--format", "json"]));
    let b = ok(&run(&restored, &["user", "list", "--format", "json"]));
    assert_eq!(a, b);
    assert!(ok(&run(&restored, &["audit", "verify"])).contains("intact: 8 rows"), "the restore is recorded");

    // Tampering with one row behind mprofile's back is caught and the row named.
    let conn = format!("sqlite://{db}");
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    rt.block_on(async {
        use sqlx::Connection;
        sqlx::any::install_default_drivers();
        let mut c = sqlx::AnyConnection::connect(&conn).await.expect("connect");
        sqlx::query("UPDATE audit_log SET actor_name = 'someone else' WHERE seq = 4").execute(&mut c).await.expect("tamper");
        c.close().await.ok();
    });
    let out = run(&db, &["audit", "verify"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("audit row 4 was changed"), "{text}");
}
