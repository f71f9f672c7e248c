//! The public JSON shape of one observation, shared by `mprofile data query --format json` and
//! `GET /api/v1/observations`, so the two contracts cannot drift apart.

use mp_store::StoredObservation;
use serde::Serialize;
use std::collections::BTreeMap;

/// One observation as the CLI and the API print it.
#[derive(Serialize)]
pub struct ObservationOut<'a> {
    indicator: &'a str,
    area: &'a str,
    period: String,
    value: Option<f64>,
    unit: &'a str,
    unit_mult: u8,
    obs_status: &'static str,
    dimensions: BTreeMap<&'a str, &'a str>,
    footnote: Option<&'a str>,
    source: SourceOut<'a>,
    provenance: ProvenanceOut<'a>,
}

#[derive(Serialize)]
struct SourceOut<'a> {
    dataset: &'a str,
    name: &'a str,
    vintage: &'a str,
}

#[derive(Serialize)]
struct ProvenanceOut<'a> {
    observation_id: i64,
    file: &'a str,
    sha256: &'a str,
    locator: &'a str,
}

impl<'a> ObservationOut<'a> {
    /// The shape of a stored observation, with its indicator's unit.
    pub fn new(r: &'a StoredObservation, unit: &'a str) -> Self {
        ObservationOut {
            indicator: r.indicator.as_str(),
            area: r.area.as_str(),
            period: r.period.to_string(),
            value: r.value,
            unit,
            unit_mult: r.unit_mult.power(),
            obs_status: r.status.code(),
            dimensions: r.dims.iter().map(|(d, c)| (d.as_str(), c.as_str())).collect(),
            footnote: r.footnote.as_deref(),
            source: SourceOut { dataset: &r.source_code, name: &r.source_name, vintage: &r.vintage },
            provenance: ProvenanceOut {
                observation_id: r.observation_id,
                file: mp_text::published_path(&r.file_path),
                sha256: &r.file_sha256,
                locator: &r.locator,
            },
        }
    }
}
