//! Shared helpers for the command-line tests: run the real binary against a temporary store.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The public data mirror.
pub fn data_dir() -> PathBuf {
    std::env::var_os("MPROFILE_DATA").map(PathBuf::from).unwrap_or_else(|| repo().join("../shared/data"))
}

/// Runs `mprofile` with a store and the data mirror.
pub fn mprofile(db: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mprofile"))
        .args(["--db", db, "--data"])
        .arg(data_dir())
        .args(args)
        .env_remove("MPROFILE_FRAMEWORK")
        .output()
        .expect("the mprofile binary runs")
}

/// Runs `mprofile` with a store, the data mirror and the repository's framework, `input` on
/// its standard input (a password, for example).
pub fn with_stdin(db: &str, args: &[&str], input: &str) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_mprofile"))
        .args(["--db", db, "--data"])
        .arg(data_dir())
        .arg("--framework")
        .arg(repo().join("framework"))
        .args(args)
        .env_remove("MPROFILE_FRAMEWORK")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the mprofile binary runs");
    child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write stdin");
    child.wait_with_output().expect("mprofile ends")
}

/// stdout as text, after checking the command succeeded.
pub fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A fresh SQLite store path in a temporary directory (kept alive by the returned guard).
pub fn temp_db() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("t.db").display().to_string();
    (dir, db)
}

/// The stores to run a test against: SQLite always, PostgreSQL when MPROFILE_TEST_PG_URL is set
/// (required under CI). Each PostgreSQL run gets its own database.
pub fn stores(name: &str) -> Vec<(Option<tempfile::TempDir>, String)> {
    let (d, db) = temp_db();
    let mut v = vec![(Some(d), db)];
    match std::env::var("MPROFILE_TEST_PG_URL") {
        Ok(url) => v.push((None, fresh_pg_database(&url, name))),
        Err(_) if std::env::var_os("CI").is_some() => panic!("MPROFILE_TEST_PG_URL is unset under CI: the PostgreSQL store must be tested"),
        Err(_) => eprintln!("skipping PostgreSQL: MPROFILE_TEST_PG_URL unset"),
    }
    v
}

/// Creates a fresh database beside the one in `url` with psql and returns its URL.
fn fresh_pg_database(url: &str, name: &str) -> String {
    let (base, _) = url.rsplit_once('/').expect("a postgres URL ends with /DATABASE");
    let db = format!("cli_{}_{}", name, std::process::id());
    let admin = format!("{base}/postgres");
    let _ = Command::new("psql").args([&admin, "-q", "-c", &format!("DROP DATABASE IF EXISTS {db}")]).output();
    let out = Command::new("psql").args([&admin, "-q", "-c", &format!("CREATE DATABASE {db}")]).output().expect("psql runs");
    assert!(out.status.success(), "cannot create {db}: {}", String::from_utf8_lossy(&out.stderr));
    format!("{base}/{db}")
}
