//! mprofile ingestion: readers (CSV, XLSX, SDMX-CSV) and one adapter per publisher, each
//! turning its files into domain observations with provenance.
//!
//! Invariant: nothing here writes to the store. An adapter reads and checks a whole file and
//! either returns every observation or every problem found; the caller then hands the result
//! to the store in one transaction, so a rejected file leaves no trace.

#![warn(missing_docs)]

pub mod areas;
pub mod context;
pub mod error;
pub mod files;
pub mod framework_dir;
pub mod limits;
pub mod national;
pub mod registry;
pub mod sources;
pub mod table;
pub mod workbook;

pub use context::{Context, ReadReport};
pub use error::{IngestError, Problem};
pub use limits::{Limits, UPLOAD_LIMITS};
