//! What an import hands to the store: datasets with their source, vintage, files and observations.

use crate::obs::Observation;
use serde::Serialize;

/// A publisher's data source (UN DESA International Migrant Stock, a ministry's register…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceInfo {
    /// Stable code, lower-case with dashes, e.g. `undesa-ims`.
    pub code: String,
    /// Human name.
    pub name: String,
    /// Publisher.
    pub publisher: String,
    /// Licence of the data.
    pub licence: String,
    /// Where the publisher (or the repository it came from) publishes it.
    pub url: String,
}

/// A file an import read, identified by its checksum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileInfo {
    /// Path as given (relative to the mirror directory for public sources).
    pub path: String,
    /// SHA-256 of the bytes, lower-case hex.
    pub sha256: String,
    /// Size in bytes.
    pub bytes: u64,
}

/// One dataset (a source at one vintage) and everything read for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DatasetImport {
    /// The source.
    pub source: SourceInfo,
    /// The vintage (revision, release), e.g. `2024`; newer vintages sort later as text.
    pub vintage: String,
    /// The files read; [`crate::Provenance::file`] indexes into this list.
    pub files: Vec<FileInfo>,
    /// The observations.
    pub observations: Vec<Observation>,
}

/// Why a row was not turned into an observation, when that is expected and explained (an
/// aggregate the profiles do not use, a code that is not a country…), as opposed to an error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skip {
    /// The reason, the same text for every row skipped for it.
    pub reason: String,
    /// How many rows.
    pub rows: u64,
}
