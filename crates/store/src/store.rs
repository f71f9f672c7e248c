//! Opening a store: where it is, which backend, its tables and their migrations.

use crate::error::{StoreError, detail};
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::{Migrate, Migrator};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{AnyPool, ConnectOptions, Connection, Executor};
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
        return Ok(Location { backend: Backend::Postgres, options, display, file: None });
    }
    let sqlite = if s.starts_with("sqlite:") {
        let mut o = SqliteConnectOptions::from_str(s).map_err(|e| StoreError::Open { url: s.to_string(), detail: detail(&e) })?;
        // A URL that names no mode gets the one `open`/`open_existing` stands for.
        if !s.contains("mode=") {
            o = o.create_if_missing(create);
        }
        o
    } else if s.contains("://") {
        return Err(bad());
    } else {
        // A plain path: made absolute so the URL sqlx builds cannot read a directory as a host.
        let abs = std::path::absolute(Path::new(s)).map_err(|e| StoreError::Open { url: s.to_string(), detail: e.to_string() })?;
        SqliteConnectOptions::new().filename(abs).create_if_missing(create)
    };
    let filename = sqlite.get_filename().to_path_buf();
    let in_memory =
        filename.as_os_str().to_string_lossy().starts_with("file:sqlx-in-memory") || s.contains("mode=memory") || s.contains(":memory:");
    let display = if in_memory { "sqlite::memory:".to_string() } else { format!("sqlite://{}", filename.display()) };
    let options =
        AnyConnectOptions::from_url(&sqlite.to_url_lossy()).map_err(|e| StoreError::Open { url: display.clone(), detail: detail(&e) })?;
    Ok(Location { backend: Backend::Sqlite, options, display, file: (!in_memory).then_some(filename) })
}

/// `postgres://user:secret@host/db?password=x` → `postgres://user:***@host/db?password=***`.
fn redact(url: &str) -> String {
    let (url, query) = match url.split_once('?') {
        Some((u, q)) => {
            let q: Vec<&str> = q.split('&').map(|kv| if kv.starts_with("password=") { "password=***" } else { kv }).collect();
            (u, format!("?{}", q.join("&")))
        }
        None => (url, String::new()),
    };
    let Some((scheme, rest)) = url.split_once("://") else {
        return format!("{url}{query}");
    };
    let (authority, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let authority = match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _)) => format!("{user}:***@{host}"),
            None => authority.to_string(),
        },
        None => authority.to_string(),
    };
    format!("{scheme}://{authority}{path}{query}")
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
        migrator.run(&store.pool).await.map_err(|e| StoreError::Migrate { url: store.display_url(), detail: e.to_string() })?;
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
        let pool = AnyPoolOptions::new()
            .max_connections(match loc.backend {
                Backend::Sqlite => 4,
                Backend::Postgres => 8,
            })
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
        let applied =
            conn.list_applied_migrations().await.map_err(|e| StoreError::Migrate { url: self.display_url(), detail: e.to_string() })?;
        Ok(self
            .migrator()
            .iter()
            .filter(|m| !m.migration_type.is_down_migration() && !applied.iter().any(|a| a.version == m.version))
            .map(|m| format!("{:04} {}", m.version, m.description))
            .collect())
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
        let l = locate("sqlite:///tmp/x y#.db", false).unwrap();
        assert_eq!(l.file.unwrap(), PathBuf::from("/tmp/x y#.db"));
        assert_eq!(locate("postgres://u:p@h/d", true).unwrap().backend, Backend::Postgres);
        assert!(matches!(locate("mysql://h/d", true), Err(StoreError::BadAddress { .. })));
        assert!(matches!(locate("  ", true), Err(StoreError::BadAddress { .. })));
    }
}
