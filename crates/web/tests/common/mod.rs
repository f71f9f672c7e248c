//! Test data and set-up shared by the web crate's request tests: observations for the API and
//! page tests, the seeded workspace (`ws`) for the TWG's tests.
#![allow(dead_code)] // each test binary uses its own part

pub mod ws;

use mp_domain::{AreaCode, DimensionId, DimensionKey, IndicatorCode, ObsStatus, Observation, Period, Provenance, UnitMult};

/// One observation of `ind` for `area` and `period`, with `dims` as (dimension, code) pairs and
/// its row in the test's only file.
pub fn obs(ind: &str, area: &str, period: &str, dims: &[(&str, &str)], value: f64, status: ObsStatus, row: usize) -> Observation {
    let mut key = DimensionKey::total();
    for (d, c) in dims {
        key.set(DimensionId::parse(d).unwrap(), mp_domain::CodeValue::parse(c).unwrap());
    }
    Observation {
        indicator: IndicatorCode::parse(ind).unwrap(),
        area: AreaCode::parse(area).unwrap(),
        period: Period::parse(period).unwrap(),
        dims: key,
        value: Some(value),
        status,
        unit_mult: UnitMult::UNITS,
        footnote: None,
        provenance: Provenance { file: 0, locator: format!("row {row}") },
    }
}
