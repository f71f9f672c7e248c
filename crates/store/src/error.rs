//! Errors of the store, worded for the person running mprofile.

/// Something the store could not do; every message says what failed and, when it can, what to do.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The address is neither a file path nor a `sqlite://` or `postgres://` URL.
    #[error("`{given}` is not a store address: expected a file path such as out/mprofile.db, a sqlite://… URL or a postgres://… URL")]
    BadAddress {
        /// What was given.
        given: String,
    },
    /// The database could not be reached or opened.
    #[error("cannot open the store at {url}: {detail}")]
    Open {
        /// The store's address, password hidden.
        url: String,
        /// Why, as the database or the system said it.
        detail: String,
    },
    /// `open_existing` found no database file.
    #[error("there is no store at {url}: run `mprofile init` to create it")]
    Missing {
        /// The store's address.
        url: String,
    },
    /// The database exists but mprofile never created its tables there.
    #[error("the store at {url} has not been initialised: run `mprofile init`")]
    Uninitialised {
        /// The store's address, password hidden.
        url: String,
    },
    /// Creating or upgrading the tables failed.
    #[error("cannot create or upgrade the tables of the store at {url}: {detail}")]
    Migrate {
        /// The store's address, password hidden.
        url: String,
        /// Why.
        detail: String,
    },
    /// A statement failed while doing `action`.
    #[error("{action} failed (store at {url}): {detail}")]
    Sql {
        /// What the store was doing, e.g. "importing undesa-ims 2024".
        action: String,
        /// The store's address, password hidden.
        url: String,
        /// The database's own message.
        detail: String,
    },
    /// A row read back from the database does not hold what mprofile wrote.
    #[error("the store holds a bad row in table {table} (id {id}), column {column}: {problem}; was the database edited by hand?")]
    BadRow {
        /// The table.
        table: &'static str,
        /// The row's id or key.
        id: String,
        /// The column.
        column: &'static str,
        /// What is wrong with it.
        problem: String,
    },
    /// Another process holds the store's write lock (an import or `init` running at the same
    /// time on one SQLite file); nothing was changed.
    #[error(
        "another process is writing to the store at {url} (an import or init running at the same time); nothing was changed: run the command again when it has finished"
    )]
    Busy {
        /// The store's address, password hidden.
        url: String,
    },
    /// The framework or the areas handed to `load_framework` cannot be stored as they are.
    #[error("cannot load the framework into the store: {0}")]
    Framework(String),
    /// A dataset handed to `import` cannot be stored as it is; nothing was imported.
    #[error("cannot import {source_code} {vintage}: {problem}; nothing was imported")]
    Import {
        /// The dataset's source code.
        source_code: String,
        /// The dataset's vintage.
        vintage: String,
        /// What is wrong.
        problem: String,
    },
    /// A workspace write refused as asked (unknown account, name taken, bad membership…);
    /// nothing was changed.
    #[error("{0}; nothing was changed")]
    Refused(String),
    /// Someone else changed the record first (optimistic concurrency); nothing was changed.
    #[error("{what} was changed by {by} at {at} while you were looking at it (now {now}); nothing was changed: reload it and try again")]
    Conflict {
        /// The record, e.g. `submission 12`.
        what: String,
        /// Who changed it last, from the audit trail.
        by: String,
        /// When.
        at: String,
        /// What it is now, e.g. `approved, version 4`.
        now: String,
    },
}

/// The database's own words, without sqlx's wrapping.
pub(crate) fn detail(e: &sqlx::Error) -> String {
    match e {
        sqlx::Error::Database(d) => match d.constraint() {
            Some(c) => format!("{} (constraint {c})", d.message()),
            None => d.message().to_string(),
        },
        sqlx::Error::PoolTimedOut => "timed out waiting for a database connection: is the database busy or unreachable?".to_string(),
        sqlx::Error::Io(io) => format!("input/output error: {io}"),
        other => other.to_string(),
    }
}

/// What went wrong with the migrations, in the terms of someone running mprofile.
pub(crate) fn migrate_detail(e: &sqlx::migrate::MigrateError) -> String {
    use sqlx::migrate::MigrateError as M;
    match e {
        M::VersionMissing(v) => {
            format!("the store has migration {v:04}, which this mprofile does not know: it was made by a newer mprofile, use that one")
        }
        M::VersionMismatch(v) => format!(
            "migration {v:04} in the store differs from this mprofile's: the store was made by a development build; recreate it with `mprofile init` on a new file"
        ),
        M::Execute(e) | M::ExecuteMigration(e, _) => detail(e),
        other => other.to_string(),
    }
}
