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

/// Writes a dataset as its text `source@vintage` (where a JSON shape has a string for it).
pub fn dataset_as_text<S: serde::Serializer>(d: &DatasetId, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(d)
}

/// A source, or one vintage of it, as a reader names it: `undesa-ims` or `undesa-ims@2020`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceSelector {
    /// Source code, lower case.
    pub source: String,
    /// One vintage, or every one.
    pub vintage: Option<String>,
}

/// A source selector that is not `code` or `code@vintage`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a source: expected a source code such as undesa-ims, optionally with a vintage such as undesa-ims@2020")]
pub struct SourceSelectorError(pub String);

impl SourceSelector {
    /// Parses `code` or `code@vintage`: the code of letters, digits, `-` and `_` (any case, read
    /// as lower case), the vintage of letters, digits, `-`, `_` and `.`.
    pub fn parse(s: &str) -> Result<Self, SourceSelectorError> {
        let s = s.trim();
        let (code, vintage) = match s.split_once('@') {
            Some((c, v)) => (c.trim(), Some(v.trim())),
            None => (s, None),
        };
        let code = code.to_ascii_lowercase();
        let ok_code = !code.is_empty() && code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        let ok_vintage =
            vintage.is_none_or(|v| !v.is_empty() && v.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')));
        if !ok_code || !ok_vintage {
            return Err(SourceSelectorError(s.to_string()));
        }
        Ok(SourceSelector { source: code, vintage: vintage.map(str::to_string) })
    }

    /// Whether a dataset is this source (at this vintage, when one is named).
    pub fn matches(&self, d: &DatasetId) -> bool {
        d.source == self.source && self.vintage.as_ref().is_none_or(|v| &d.vintage == v)
    }
}

impl std::fmt::Display for SourceSelector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.vintage {
            Some(v) => write!(f, "{}@{v}", self.source),
            None => f.write_str(&self.source),
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_selectors_parse_with_or_without_a_vintage() {
        assert_eq!(SourceSelector::parse(" UNDESA-ims ").unwrap(), SourceSelector { source: "undesa-ims".into(), vintage: None });
        let s = SourceSelector::parse("undesa-ims@2020").unwrap();
        assert_eq!(s.vintage.as_deref(), Some("2020"));
        assert_eq!(s.to_string(), "undesa-ims@2020");
        assert!(s.matches(&DatasetId { source: "undesa-ims".into(), vintage: "2020".into() }));
        assert!(!s.matches(&DatasetId { source: "undesa-ims".into(), vintage: "2024".into() }));
        for bad in ["", "@2020", "undesa-ims@", "un desa", "wb@20/20", "a@b@c"] {
            assert!(SourceSelector::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_dataset_is_written_as_source_at_vintage() {
        #[derive(serde::Serialize)]
        struct T {
            #[serde(serialize_with = "dataset_as_text")]
            d: DatasetId,
        }
        let t = T { d: DatasetId { source: "wb-wdi".into(), vintage: "2025".into() } };
        assert_eq!(serde_json::to_string(&t).unwrap(), r#"{"d":"wb-wdi@2025"}"#);
    }
}
