//! An observation as read back from the store, with the identity of its source: what every
//! figure in a report is traced to.

use crate::codes::{AreaCode, IndicatorCode};
use crate::obs::{DimensionKey, ObsStatus};
use crate::period::Period;
use serde::{Deserialize, Serialize};

/// The dataset an observation belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DatasetId {
    /// Source code, e.g. `undesa-ims`.
    pub source: String,
    /// Vintage, e.g. `2024`.
    pub vintage: String,
}

impl std::fmt::Display for DatasetId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}@{}", self.source, self.vintage)
    }
}

/// A stored observation with its provenance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Record {
    /// Row id in the store (stable for the life of the observation).
    pub id: i64,
    /// Indicator.
    pub indicator: IndicatorCode,
    /// Area.
    pub area: AreaCode,
    /// Period.
    pub period: Period,
    /// Disaggregation.
    pub dims: DimensionKey,
    /// Value in the indicator's unit (UNIT_MULT applied).
    pub value: Option<f64>,
    /// OBS_STATUS.
    pub status: ObsStatus,
    /// Footnote.
    pub footnote: Option<String>,
    /// Dataset.
    pub dataset: DatasetId,
    /// The source's human name.
    pub source_name: String,
    /// File it came from (path as imported).
    pub file: String,
    /// SHA-256 of that file.
    pub sha256: String,
    /// Row or cell in the file.
    pub locator: String,
}
