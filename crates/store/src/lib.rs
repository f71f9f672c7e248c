//! mprofile store: the only place that speaks SQL (SQLite and PostgreSQL).
//!
//! The rest of mprofile hands domain values in and gets domain values (or the plain structs
//! defined here) back; no SQL, no row type and no backend detail crosses this boundary. One SQL
//! dialect (the subset SQLite and PostgreSQL share, with `$1…$N` placeholders) runs on both
//! through sqlx's `Any` driver; only the DDL differs, in `migrations/sqlite` and
//! `migrations/postgres`.
//!
//! # Import speed
//!
//! Measured with `cargo test --release -p mp-store --test store -- --ignored --nocapture
//! throughput` (`MPROFILE_BENCH_ROWS=1000000`, one dataset, on the project's 2-core machine while
//! other builds ran, so an idle machine does better): SQLite ≈ 30,000 new observations/s and
//! ≈ 25,000/s re-importing unchanged ones; PostgreSQL 15 ≈ 8,000/s new and ≈ 40,000/s unchanged.
//! PostgreSQL spends about two thirds of an insert in the five foreign-key checks of
//! `observation` (10.9 s per 100,000 rows with them, 3.3 s without). A debug build is 2–3 times
//! slower.
//!
//! Two things matter for speed: new rows go in multi-row INSERTs of 1,900 rows, and that one
//! statement uses `?` placeholders on SQLite, because SQLite looks `$N` names up in a linear list
//! and 28,500 of them made binding quadratic (400 rows/s).

#![warn(missing_docs)]

mod comments;
mod edition;
mod error;
mod findings;
mod forecast;
mod framework;
mod guide;
mod health;
mod import;
mod library;
mod mail;
mod meetings;
mod narrative_review;
mod national;
mod quality;
mod query;
mod redact;
mod registry;
mod registry_review;
mod rows;
mod scenario;
mod store;
mod workspace;

pub use comments::{CommentInfo, NewComment};
pub use edition::{EditionInfo, NarrativeMap};
pub use error::StoreError;
pub use findings::{EvidenceTarget, StoredEvidence, StoredFinding};
pub use forecast::{ForecastRun, ForecastRunInfo, ForecastSkill, ForecastValue};
pub use framework::{FrameworkLoad, TableLoad};
pub use guide::CollectionDeadline;
pub use health::{ABSURD_MAGNITUDE, ValueAnomaly};
pub use import::{DatasetSummary, ImportOptions, ImportSummary, NATIONAL_PREFIX, Origin, PAUSE_ENV};
pub use library::{LibraryDocument, LibraryFile, LibraryVersion, NewLibraryDocument};
pub use mail::{MailAddress, plausible_address};
pub use meetings::{ActionItem, MeetingFigure, MeetingInput, MeetingRecord, NewAction, Participant};
pub use narrative_review::NarrativeRevision;
pub use national::{ExtensionVersion, StoredProposal};
pub use quality::{CHECKED_CORRECT, NewFlag, StoredFlag};
pub use query::{BatchInfo, DatasetInfo, DimFilter, DimMatch, ObsQuery, StoreCounts, StoredObservation};
pub use redact::redact;
pub use registry::{RegistrySummary, WORKSPACE_REGISTRY_VINTAGE, workspace_registry_source};
pub use registry_review::{NewProposal, ProposalState, ProposalStep, RegistryChange, RegistryProposal};
pub use scenario::{ForecastComparator, ForecastScenario};
pub use store::{Backend, Store};
pub use workspace::{
    Actor, AuditHead, NewSubmission, OrgInfo, SessionInfo, SubmissionInfo, TokenInfo, TwgInfo, UserAuth, UserInfo, unix_now,
};
