//! The figures the quality checks look at: one value with its identity and where it came from,
//! whether it is still in an import batch or already in the store.

use mp_domain::{AreaCode, DatasetId, DatasetImport, DimensionKey, IndicatorCode, ObsStatus, Observation, Period, Record};
use serde::Serialize;
use std::fmt;

/// Where a figure came from: the file and the row or cell, and its store id once stored.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Location {
    /// File path as imported.
    pub file: String,
    /// Row, sheet and cell in that file.
    pub locator: String,
    /// The observation's id in the store, when the figure is stored.
    pub observation_id: Option<i64>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, {}", self.file, self.locator)?;
        if let Some(id) = self.observation_id {
            write!(f, " (observation {id})")?;
        }
        Ok(())
    }
}

/// One numeric figure: indicator × area × period × dimensions, in one dataset.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// What is measured.
    pub indicator: IndicatorCode,
    /// Where.
    pub area: AreaCode,
    /// When.
    pub period: Period,
    /// The disaggregation.
    pub dims: DimensionKey,
    /// The value in the indicator's unit (UNIT_MULT applied).
    pub value: f64,
    /// SDMX OBS_STATUS.
    pub status: ObsStatus,
    /// The dataset (source and vintage).
    pub dataset: DatasetId,
    /// Where it came from.
    pub at: Location,
}

impl Figure {
    /// The figures of an import batch; values with a missing-value status carry no number and
    /// are left out.
    pub fn from_import(d: &DatasetImport) -> Vec<Figure> {
        let dataset = DatasetId { source: d.source.code.clone(), vintage: d.vintage.clone() };
        d.observations.iter().filter_map(|o| Figure::from_observation(o, &dataset, d)).collect()
    }

    fn from_observation(o: &Observation, dataset: &DatasetId, d: &DatasetImport) -> Option<Figure> {
        let v = o.value?;
        let scale = 10f64.powi(i32::from(o.unit_mult.power()));
        Some(Figure {
            indicator: o.indicator.clone(),
            area: o.area.clone(),
            period: o.period,
            dims: o.dims.clone(),
            value: if scale == 1.0 { v } else { v * scale },
            status: o.status,
            dataset: dataset.clone(),
            at: Location {
                file: d.files.get(o.provenance.file).map(|f| f.path.clone()).unwrap_or_default(),
                locator: o.provenance.locator.clone(),
                observation_id: None,
            },
        })
    }

    /// A stored record as a figure; `None` for a missing value.
    pub fn from_record(r: &Record) -> Option<Figure> {
        Some(Figure {
            indicator: r.indicator.clone(),
            area: r.area.clone(),
            period: r.period,
            dims: r.dims.clone(),
            value: r.value?,
            status: r.status,
            dataset: r.dataset.clone(),
            at: Location { file: r.file.clone(), locator: r.locator.clone(), observation_id: Some(r.id) },
        })
    }

    /// `INDICATOR AREA PERIOD [dims]`, as a reader finds it in a table.
    pub fn label(&self) -> String {
        if self.dims.is_total() {
            format!("{} {} {}", self.indicator, self.area, self.period)
        } else {
            format!("{} {} {} [{}]", self.indicator, self.area, self.period, self.dims)
        }
    }
}
