//! The same figure (indicator × area × period × dimensions) published by two or more sources:
//! the values side by side, how far apart they are, and which one the profile shows and why.

use crate::figure::Figure;
use mp_domain::{AreaCode, DatasetId, DimensionKey, IndicatorCode, Period};
use serde::Serialize;
use std::collections::HashMap;

/// One source's value in a conflict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceValue {
    /// The dataset.
    pub dataset: DatasetId,
    /// Its value.
    pub value: f64,
    /// The store id of the observation, when stored.
    pub observation_id: Option<i64>,
}

/// Two or more sources for one figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    /// Indicator.
    pub indicator: IndicatorCode,
    /// Area.
    pub area: AreaCode,
    /// Period.
    pub period: Period,
    /// Disaggregation.
    pub dims: DimensionKey,
    /// Every source's value, the one shown first.
    pub values: Vec<SourceValue>,
    /// (largest − smallest) / mean of the absolute values; 0 when they agree.
    pub relative_difference: f64,
    /// The dataset whose value the profile shows.
    pub shown: DatasetId,
    /// Why that one.
    pub why: String,
}

/// (largest − smallest) / mean of the absolute values.
pub fn relative_difference(values: &[f64]) -> f64 {
    let (lo, hi) = values.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(*v), b.max(*v)));
    let mean = values.iter().map(|v| v.abs()).sum::<f64>() / values.len().max(1) as f64;
    if mean == 0.0 || values.len() < 2 { 0.0 } else { (hi - lo) / mean }
}

/// Every figure held by two or more sources whose values differ by more than `threshold`
/// (relative difference), largest first. `prefer` is the template's order of preference of
/// source codes, which decides the value the profile shows; a source it does not list comes
/// after those it lists, by code. Only the newest vintage of each source takes part.
pub fn conflicts(figures: &[Figure], prefer: &[String], threshold: f64) -> Vec<Conflict> {
    type K<'a> = (&'a IndicatorCode, &'a AreaCode, Period, &'a DimensionKey);
    let mut groups: HashMap<K, Vec<&Figure>> = HashMap::new();
    for f in figures {
        groups.entry((&f.indicator, &f.area, f.period, &f.dims)).or_default().push(f);
    }
    let rank = |d: &DatasetId| (prefer.iter().position(|p| p == &d.source).unwrap_or(prefer.len()), d.source.clone());
    let mut out = Vec::new();
    for ((ind, area, period, dims), mut fs) in groups {
        // Newest vintage of each source only.
        fs.sort_by(|a, b| (&a.dataset.source, &b.dataset.vintage).cmp(&(&b.dataset.source, &a.dataset.vintage)));
        fs.dedup_by(|a, b| a.dataset.source == b.dataset.source);
        if fs.len() < 2 {
            continue;
        }
        fs.sort_by_key(|f| rank(&f.dataset));
        let vals: Vec<f64> = fs.iter().map(|f| f.value).collect();
        let rd = relative_difference(&vals);
        if rd <= threshold {
            continue;
        }
        let shown = fs[0].dataset.clone();
        let why = match prefer.iter().position(|p| p == &shown.source) {
            Some(i) => format!("{} is number {} in the template's order of preference of sources", shown.source, i + 1),
            None => format!("no source of this figure is in the template's order of preference; {} comes first by code", shown.source),
        };
        out.push(Conflict {
            indicator: ind.clone(),
            area: area.clone(),
            period,
            dims: dims.clone(),
            values: fs
                .iter()
                .map(|f| SourceValue { dataset: f.dataset.clone(), value: f.value, observation_id: f.at.observation_id })
                .collect(),
            relative_difference: rd,
            shown,
            why,
        });
    }
    out.sort_by(|a, b| {
        b.relative_difference.total_cmp(&a.relative_difference).then_with(|| {
            (&a.area, &a.indicator, a.period.start_date(), &a.dims).cmp(&(&b.area, &b.indicator, b.period.start_date(), &b.dims))
        })
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figure::Location;
    use mp_domain::ObsStatus;

    fn fig(ind: &str, area: &str, year: i32, source: &str, vintage: &str, v: f64) -> Figure {
        Figure {
            indicator: IndicatorCode::parse(ind).unwrap(),
            area: AreaCode::parse(area).unwrap(),
            period: Period::Year(year),
            dims: DimensionKey::total(),
            value: v,
            status: ObsStatus::Normal,
            dataset: DatasetId { source: source.into(), vintage: vintage.into() },
            at: Location { file: "fixture.csv".into(), locator: "row 2".into(), observation_id: None },
        }
    }

    #[test]
    fn side_by_side_largest_first_preferred_shown() {
        let figs = vec![
            fig("DEV.POP", "SEN", 2020, "wb-wdi", "2025", 16_400_000.0),
            fig("DEV.POP", "SEN", 2020, "un-wpp", "2024", 16_000_000.0),
            fig("DEV.POP", "SEN", 2020, "un-wpp", "2022", 10.0), // older vintage: left out
            fig("NET.MIG", "SEN", 2020, "un-wpp", "2024", -20_000.0),
            fig("NET.MIG", "SEN", 2020, "wb-wdi", "2025", -10_000.0),
            fig("DEV.GDP", "SEN", 2020, "wb-wdi", "2025", 100.0),
        ];
        let prefer = vec!["un-wpp".to_string(), "wb-wdi".to_string()];
        let c = conflicts(&figs, &prefer, 0.01);
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].indicator.as_str(), "NET.MIG");
        assert!((c[0].relative_difference - 10_000.0 / 15_000.0).abs() < 1e-9);
        assert_eq!(c[1].indicator.as_str(), "DEV.POP");
        assert_eq!(c[1].values.len(), 2);
        assert_eq!(c[1].shown.source, "un-wpp");
        assert_eq!(c[1].values[0].value, 16_000_000.0);
        assert!(c[1].why.contains("number 1"));
        // Below the threshold: not a conflict.
        assert_eq!(conflicts(&figs, &prefer, 0.05).len(), 1);
    }
}
