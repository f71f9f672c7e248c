//! mprofile store: the only place that speaks SQL (SQLite and PostgreSQL).
//!
//! The rest of mprofile hands domain values in and gets domain values (or the plain structs
//! defined here) back; no SQL, no row type and no backend detail crosses this boundary. One SQL
//! dialect (the subset SQLite and PostgreSQL share, with `$1…$N` placeholders) runs on both
//! through sqlx's `Any` driver; only the DDL differs, in `migrations/sqlite` and
//! `migrations/postgres`.

mod edition;
mod error;
mod framework;
mod import;
mod query;
mod rows;
mod store;

pub use edition::{EditionInfo, NarrativeMap};
pub use error::StoreError;
pub use framework::{FrameworkLoad, TableLoad};
pub use import::{DatasetSummary, ImportOptions, ImportSummary, PAUSE_ENV};
pub use query::{BatchInfo, DatasetInfo, DimFilter, DimMatch, ObsQuery, StoreCounts, StoredObservation};
pub use store::{Backend, Store};
