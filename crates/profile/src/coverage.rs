//! Coverage: for one area, every indicator of the framework with the figure a reader is shown
//! for it (stored, computed from other figures, or projected), where it comes from, and whether
//! it is a data gap.
//!
//! This is the one place that decides what "has data" means. The indicator tables of a
//! document (Annex I), its data-gap annex (Annex III), the portal's theme pages and the API all
//! read the same [`CoverageEntry`] list, so they cannot disagree about a country.

use crate::data::Data;
use crate::model::Value;
use mp_domain::{AreaCode, DatasetId, DimensionKey, Indicator, IndicatorCode, ObsStatus, Period, ThemeCode};
use serde::Serialize;

/// A figure older than this many years before the data date is called out as old, and its
/// indicator is listed as a data gap.
pub const OLD_AFTER_YEARS: i32 = 6;

/// Where the figure of a coverage entry comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// A stored observation of the indicator (its total).
    Stored,
    /// Computed by the indicator's formula from other stored figures.
    Computed,
    /// A projection (the indicator has no observed figure, only forecasts).
    Projected,
}

/// The figure shown for an indicator, with its period and source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Covered {
    /// Period of the figure.
    pub period: Period,
    /// The figure, with its trace.
    pub value: Value,
    /// The dataset it was read from; `None` for a computed figure (its trace names the inputs).
    pub dataset: Option<DatasetId>,
    /// How it was obtained.
    pub origin: Origin,
}

/// One indicator's coverage for one area.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoverageEntry {
    /// Indicator.
    pub indicator: IndicatorCode,
    /// Its theme.
    pub theme: ThemeCode,
    /// The figure shown, if any.
    pub latest: Option<Covered>,
    /// Missing, or observed only before the freshness limit: listed in the data-gap annex.
    pub gap: bool,
}

impl CoverageEntry {
    /// The year of the figure shown, if any.
    pub fn last_year(&self) -> Option<i32> {
        self.latest.as_ref().map(|c| c.period.end_year())
    }
}

/// The figure shown for one indicator: the latest observed value (stored or computed, the
/// newer of the two); for an indicator that has only projections, the projection for the
/// first period from `as_of_year` on (or the last one before it).
pub fn covered(d: &Data, ind: &Indicator, area: &AreaCode, as_of_year: i32) -> Option<Covered> {
    if let Some((period, value, dataset)) = d.latest_any(ind, area) {
        let origin = if dataset.is_some() { Origin::Stored } else { Origin::Computed };
        return Some(Covered { period, value, dataset, origin });
    }
    let tot = DimensionKey::total();
    let Some(ds) = d.datasets(&ind.code, area, &tot).into_iter().next() else { return computed_projection(d, ind, area, as_of_year) };
    let s = d.series(&ind.code, area, &tot, &ds);
    let proj: Vec<_> = s.into_iter().filter(|r| r.status == ObsStatus::Forecast).collect();
    let r = proj.iter().find(|r| r.period.end_year() >= as_of_year).or_else(|| proj.last())?;
    Some(Covered { period: r.period, value: d.value(r)?, dataset: Some(r.dataset.clone()), origin: Origin::Projected })
}

/// A computed indicator whose inputs are projections only (FCT.MIG_CONTRIB from WPP's net
/// migration and population change): evaluated for the first projected period of its first
/// input from `as_of_year` on, as a stored projection would be.
fn computed_projection(d: &Data, ind: &Indicator, area: &AreaCode, as_of_year: i32) -> Option<Covered> {
    let f = ind.formula.as_ref()?;
    let (first, _) = f.references().into_iter().next()?;
    let ds = d.datasets(&first.code, area, &first.dims).into_iter().next()?;
    let proj: Vec<Period> =
        d.series(&first.code, area, &first.dims, &ds).into_iter().filter(|r| r.status == ObsStatus::Forecast).map(|r| r.period).collect();
    let period = proj.iter().find(|p| p.end_year() >= as_of_year).or_else(|| proj.last()).copied()?;
    let value = d.computed(ind, area, &period)?;
    Some(Covered { period, value, dataset: None, origin: Origin::Projected })
}

/// Whether a figure of `year` (or none) is a data gap as of `as_of_year`.
pub fn is_gap(last_year: Option<i32>, as_of_year: i32) -> bool {
    last_year.is_none_or(|y| y < as_of_year - OLD_AFTER_YEARS)
}

/// Every indicator of the framework for one area, in framework order.
pub fn coverage(d: &Data, area: &AreaCode, as_of_year: i32) -> Vec<CoverageEntry> {
    d.fw.indicators
        .iter()
        .map(|ind| {
            let latest = covered(d, ind, area, as_of_year);
            // A projection says nothing about what has been measured: it never closes a gap's
            // freshness question, but an indicator that is a projection by definition is covered.
            let gap = match &latest {
                Some(c) if c.origin == Origin::Projected => false,
                other => is_gap(other.as_ref().map(|c| c.period.end_year()), as_of_year),
            };
            CoverageEntry { indicator: ind.code.clone(), theme: ind.theme.clone(), latest, gap }
        })
        .collect()
}
