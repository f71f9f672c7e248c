//! Opening a store: where it is, which backend, its tables and their migrations.

use crate::error::{StoreError, detail, migrate_detail};
use crate::redact::redact;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::{Migrate, Migrator};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{AnyPool, Connection, Executor};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("migrations/postgres");

/// The database behind a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Backend {
    /// A SQLite file.
    Sqlite,
    /// A PostgreSQL database.
    Postgres,
}

impl Backend {
    /// `sqlite` or `postgres`.
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// The observation store; cheap to clone (every clone shares one connection pool).
#[derive(Clone)]
pub struct Store {
    pub(crate) pool: AnyPool,
    backend: Backend,
    url: Arc<str>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("backend", &self.backend).field("url", &self.url).finish()
    }
}

/// Where a store is, worked out from what the user typed.
struct Location {
    backend: Backend,
    /// What to connect to.
    options: AnyConnectOptions,
    /// What to show (no password).
    display: String,
    /// The SQLite file, when there is one (not for in-memory databases).
    file: Option<PathBuf>,
    /// An in-memory SQLite database, which lives only as long as a connection to it.
    in_memory: bool,
}

fn locate(given: &str, create: bool) -> Result<Location, StoreError> {
    let s = given.trim();
    let bad = || StoreError::BadAddress { given: given.to_string() };
    if s.is_empty() {
        return Err(bad());
    }
    if s.starts_with("postgres://") || s.starts_with("postgresql://") {
        let display = redact(s);
        let options = AnyConnectOptions::from_str(s).map_err(|e| StoreError::Open { url: display.clone(), detail: detail(&e) })?;
        return Ok(Location { backend: Backend::Postgres, options, display, file: None, in_memory: false });
    }
    let (path, query) = if let Some(rest) = s.strip_prefix("sqlite:") {
        let rest = rest.strip_prefix("//").unwrap_or(rest);
        let (db, query) = rest.split_once('?').unwrap_or((rest, ""));
        if db.is_empty() || db == ":memory:" || query.split('&').any(|kv| kv == "mode=memory") {
            // In memory: the URL is used as given (it has no file to resolve).
            let options = AnyConnectOptions::from_str(s).map_err(|e| StoreError::Open { url: s.to_string(), detail: detail(&e) })?;
            return Ok(Location { backend: Backend::Sqlite, options, display: "sqlite::memory:".into(), file: None, in_memory: true });
        }
        let decoded = SqliteConnectOptions::from_str(s).map_err(|e| StoreError::Open { url: s.to_string(), detail: detail(&e) })?;
        (decoded.get_filename().to_path_buf(), query.to_string())
    } else if s.contains("://") {
        return Err(bad());
    } else {
        (PathBuf::from(s), String::new())
    };
    // Absolute, so that the URL handed to sqlx cannot read a folder name as a host.
    let abs = std::path::absolute(&path).map_err(|e| StoreError::Open { url: s.to_string(), detail: e.to_string() })?;
    let display = format!("sqlite://{}", abs.display());
    let Some(text) = abs.to_str() else {
        return Err(StoreError::Open { url: display, detail: "the path is not valid UTF-8".into() });
    };
    let mut query = query;
    if !query.split('&').any(|kv| kv.starts_with("mode=")) {
        // A URL that names no mode gets the one `open`/`open_existing` stands for.
        query = [query.as_str(), if create { "mode=rwc" } else { "mode=rw" }]
            .iter()
            .filter(|q| !q.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join("&");
    }
    let url = format!("sqlite://{}?{query}", encode_path(text));
    let options = AnyConnectOptions::from_str(&url).map_err(|e| StoreError::Open { url: display.clone(), detail: detail(&e) })?;
    Ok(Location { backend: Backend::Sqlite, options, display, file: Some(abs), in_memory: false })
}

/// Percent-encodes what would end or bend the path part of a URL; sqlx decodes it back.
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            '%' | '?' | '#' | ' ' | '"' | '<' | '>' | '`' | '{' | '}' | '\\' | '^' | '|' | '[' | ']' => {
                out.push_str(&format!("%{:02X}", c as u32))
            }
            c if c.is_control() => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

impl Store {
    /// Opens the store, creating the SQLite file (and its folder) if missing, and brings its
    /// tables up to date.
    pub async fn open(url_or_path: &str) -> Result<Store, StoreError> {
        let loc = locate(url_or_path, true)?;
        if let Some(parent) = loc.file.as_deref().and_then(Path::parent)
            && !parent.as_os_str().is_empty()
            && !parent.exists()
        {
            std::fs::create_dir_all(parent).map_err(|e| StoreError::Open {
                url: loc.display.clone(),
                detail: format!("cannot create the folder {}: {e}", parent.display()),
            })?;
        }
        let store = Store::connect(loc).await?;
        let migrator = store.migrator();
        migrator.run(&store.pool).await.map_err(|e| StoreError::Migrate { url: store.display_url(), detail: migrate_detail(&e) })?;
        Ok(store)
    }

    /// Opens a store that `open` made before: creates nothing and changes no table. Fails if
    /// the database is missing or mprofile never initialised it; a store with pending
    /// migrations opens (see [`Store::pending_migrations`]).
    pub async fn open_existing(url_or_path: &str) -> Result<Store, StoreError> {
        let loc = locate(url_or_path, false)?;
        if let Some(file) = &loc.file
            && !file.exists()
        {
            return Err(StoreError::Missing { url: loc.display });
        }
        let store = Store::connect(loc).await?;
        let applied: Result<i64, sqlx::Error> = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations").fetch_one(&store.pool).await;
        match applied {
            Ok(n) if n > 0 => Ok(store),
            Ok(_) | Err(sqlx::Error::Database(_)) => Err(StoreError::Uninitialised { url: store.display_url() }),
            Err(e) => Err(store.sql_err("checking the store's tables")(e)),
        }
    }

    async fn connect(loc: Location) -> Result<Store, StoreError> {
        sqlx::any::install_default_drivers();
        let open_err = |e: sqlx::Error| StoreError::Open { url: loc.display.clone(), detail: detail(&e) };
        // One direct connection first: the pool would retry until its timeout and then report
        // only "timed out", hiding a wrong password or host.
        let probe = sqlx::AnyConnection::connect_with(&loc.options).await.map_err(open_err)?;
        probe.close().await.map_err(open_err)?;
        let max = match loc.backend {
            // An in-memory database vanishes with its last connection, and shared-cache
            // connections to it lock each other out: exactly one, kept forever.
            Backend::Sqlite if loc.in_memory => 1,
            Backend::Sqlite => 4,
            Backend::Postgres => 8,
        };
        let pool = AnyPoolOptions::new()
            .max_connections(max)
            .min_connections(u32::from(loc.in_memory))
            .idle_timeout((!loc.in_memory).then_some(Duration::from_secs(600)))
            .max_lifetime((!loc.in_memory).then_some(Duration::from_secs(1800)))
            .acquire_timeout(Duration::from_secs(60))
            .after_connect(|conn, _meta| {
                Box::pin(async move {
                    // A URL cannot carry these for SQLite, and WAL is what lets the web server
                    // read while an import writes.
                    if conn.backend_name() == "SQLite" {
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                        conn.execute("PRAGMA busy_timeout = 10000").await?;
                        conn.execute("PRAGMA synchronous = NORMAL").await?;
                    }
                    Ok(())
                })
            })
            .connect_with(loc.options)
            .await
            .map_err(open_err)?;
        Ok(Store { pool, backend: loc.backend, url: loc.display.into() })
    }

    fn migrator(&self) -> &'static Migrator {
        match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        }
    }

    /// Which database this store is in.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The store's address as it may be shown or logged (password hidden).
    pub fn display_url(&self) -> String {
        self.url.to_string()
    }

    /// The migrations this version of mprofile has and the store has not applied yet, as
    /// `0002 editions`; empty when the store is up to date.
    pub async fn pending_migrations(&self) -> Result<Vec<String>, StoreError> {
        let mut conn = self.pool.acquire().await.map_err(self.sql_err("checking the store's migrations"))?;
        let applied = conn
            .list_applied_migrations()
            .await
            .map_err(|e| StoreError::Migrate { url: self.display_url(), detail: migrate_detail(&e) })?;
        Ok(self
            .migrator()
            .iter()
            .filter(|m| !m.migration_type.is_down_migration() && !applied.iter().any(|a| a.version == m.version))
            .map(|m| format!("{:04} {}", m.version, m.description))
            .collect())
    }

    /// Moves what the SQLite write-ahead log holds into the database file, so that copying the
    /// `.db` file alone copies the data. Best effort: readers still open keep their part of the
    /// log, and a failure only leaves the log as it was. Nothing to do on PostgreSQL.
    pub async fn checkpoint(&self) {
        if self.backend == Backend::Sqlite
            && let Err(e) = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&self.pool).await
        {
            tracing::warn!(error = %e, "WAL checkpoint failed");
        }
    }

    /// Closes every connection; later calls on any clone fail.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Maps a sqlx error to a [`StoreError::Sql`] saying what the store was doing.
    pub(crate) fn sql_err<A: Into<String>>(&self, action: A) -> impl Fn(sqlx::Error) -> StoreError + use<A> {
        let action = action.into();
        let url = self.display_url();
        move |e| StoreError::Sql { action: action.clone(), url: url.clone(), detail: detail(&e) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_show() {
        assert_eq!(redact("postgres://mp:secret@db.example:5432/mp"), "postgres://mp:***@db.example:5432/mp");
        assert_eq!(redact("postgres://mp@localhost/mp"), "postgres://mp@localhost/mp");
        assert_eq!(redact("postgresql://localhost/mp?user=a&password=b"), "postgresql://localhost/mp?user=a&password=***");
        assert_eq!(redact("postgres://a:b@h/mp?password=c&x=1"), "postgres://a:***@h/mp?password=***&x=1");
    }

    #[test]
    fn addresses() {
        let l = locate("out/mprofile.db", true).unwrap();
        assert_eq!(l.backend, Backend::Sqlite);
        assert!(l.display.starts_with("sqlite:///") && l.display.ends_with("out/mprofile.db"), "{}", l.display);
        assert!(l.file.unwrap().is_absolute());
        let l = locate("sqlite:///tmp/x y#%.db", false).unwrap();
        assert_eq!(l.file.unwrap(), PathBuf::from("/tmp/x y#%.db"));
        assert_eq!(l.options.database_url.as_str(), "sqlite:///tmp/x%20y%23%25.db?mode=rw");
        let l = locate("sqlite:out/a:b.db?mode=ro", true).unwrap();
        assert!(l.options.database_url.as_str().ends_with("/out/a:b.db?mode=ro"), "{}", l.options.database_url);
        assert!(locate("sqlite::memory:", true).unwrap().in_memory);
        assert_eq!(locate("postgres://u:p@h/d", true).unwrap().backend, Backend::Postgres);
        assert!(matches!(locate("mysql://h/d", true), Err(StoreError::BadAddress { .. })));
        assert!(matches!(locate("  ", true), Err(StoreError::BadAddress { .. })));
    }
}
