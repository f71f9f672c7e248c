//! Mirror statistics: what each side of a bilateral corridor reports.
//!
//! A pair compares two figures of one corridor (origin country × partner country × year) from
//! two reporters, e.g. Senegal's emigrants in France in the World Bank/KNOMAD bilateral matrix
//! against France's count of immigrants born in Senegal in UN DESA's International Migrant
//! Stock. The gap is |a − b| / mean(a, b) × 100, the definition of DQA.MIRROR_GAP.

use crate::figure::Figure;
use mp_domain::{AreaCode, CodeValue, DatasetId, IndicatorCode, Period};
use serde::Serialize;
use std::collections::HashMap;

/// Which figures of two reporters describe the same corridor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MirrorSpec {
    /// Short name, e.g. `stock: KNOMAD vs UN DESA`.
    pub name: String,
    /// Indicator of the first reporter (dimension COUNTERPART_AREA = partner).
    pub a_indicator: IndicatorCode,
    /// Source code of the first reporter.
    pub a_source: String,
    /// Indicator of the second reporter.
    pub b_indicator: IndicatorCode,
    /// Source code of the second reporter.
    pub b_source: String,
    /// Let the second reporter's value be interpolated linearly between the two nearest years
    /// around the first reporter's year (UN DESA publishes every five years).
    pub interpolate_b: bool,
}

/// One corridor seen by both reporters.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MirrorPair {
    /// The spec's name.
    pub spec: String,
    /// Origin (the profile country).
    pub area: AreaCode,
    /// Partner country.
    pub partner: CodeValue,
    /// Year.
    pub period: Period,
    /// First reporter's value and dataset.
    pub a: (f64, DatasetId),
    /// Second reporter's value and dataset.
    pub b: (f64, DatasetId),
    /// How the second value was obtained, when interpolated (`2015 and 2020, linear`).
    pub b_note: Option<String>,
    /// |a − b| / mean × 100.
    pub gap_pct: f64,
}

/// |a − b| / ((a + b) / 2) × 100; `None` when both are 0 or either is negative.
pub fn gap_pct(a: f64, b: f64) -> Option<f64> {
    (a >= 0.0 && b >= 0.0 && a + b > 0.0).then(|| (a - b).abs() / ((a + b) / 2.0) * 100.0)
}

/// Every corridor both reporters of `spec` cover, largest gap first. Figures must be annual,
/// at the total of every dimension but COUNTERPART_AREA.
pub fn mirror(spec: &MirrorSpec, figures: &[Figure]) -> Vec<MirrorPair> {
    let partner = |f: &Figure| -> Option<CodeValue> {
        let p = f.dims.get("COUNTERPART_AREA")?;
        (f.dims.iter().count() == 1).then(|| p.clone())
    };
    let newest = |src: &str| figures.iter().filter(|f| f.dataset.source == src).map(|f| f.dataset.vintage.clone()).max();
    let (Some(va), Some(vb)) = (newest(&spec.a_source), newest(&spec.b_source)) else { return Vec::new() };
    let mut b_index: HashMap<(&AreaCode, CodeValue), Vec<(i32, &Figure)>> = HashMap::new();
    for f in figures.iter().filter(|f| f.indicator == spec.b_indicator && f.dataset.source == spec.b_source && f.dataset.vintage == vb) {
        if let (Some(p), Period::Year(y)) = (partner(f), f.period) {
            b_index.entry((&f.area, p)).or_default().push((y, f));
        }
    }
    let mut out = Vec::new();
    for f in figures.iter().filter(|f| f.indicator == spec.a_indicator && f.dataset.source == spec.a_source && f.dataset.vintage == va) {
        let (Some(p), Period::Year(y)) = (partner(f), f.period) else { continue };
        let Some(series) = b_index.get(&(&f.area, p.clone())) else { continue };
        let (bv, ds, note) = if let Some((_, g)) = series.iter().find(|(yy, _)| *yy == y) {
            (g.value, g.dataset.clone(), None)
        } else if spec.interpolate_b {
            let before = series.iter().filter(|(yy, _)| *yy < y).max_by_key(|(yy, _)| *yy);
            let after = series.iter().filter(|(yy, _)| *yy > y).min_by_key(|(yy, _)| *yy);
            let (Some((y0, g0)), Some((y1, g1))) = (before, after) else { continue };
            let t = f64::from(y - y0) / f64::from(y1 - y0);
            (g0.value + t * (g1.value - g0.value), g0.dataset.clone(), Some(format!("interpolated linearly between {y0} and {y1}")))
        } else {
            continue;
        };
        let Some(gap) = gap_pct(f.value, bv) else { continue };
        out.push(MirrorPair {
            spec: spec.name.clone(),
            area: f.area.clone(),
            partner: p,
            period: f.period,
            a: (f.value, f.dataset.clone()),
            b: (bv, ds),
            b_note: note,
            gap_pct: gap,
        });
    }
    out.sort_by(|x, y| y.gap_pct.total_cmp(&x.gap_pct).then_with(|| (&x.area, &x.partner).cmp(&(&y.area, &y.partner))));
    out
}

/// A country's mirror gap over all its corridors: |Σa − Σb| / mean(Σa, Σb) × 100 over the pairs
/// (large corridors weigh more than small ones, as in the definition of DQA.MIRROR_GAP's total).
pub fn overall_gap(pairs: &[&MirrorPair]) -> Option<f64> {
    let a: f64 = pairs.iter().map(|p| p.a.0).sum();
    let b: f64 = pairs.iter().map(|p| p.b.0).sum();
    gap_pct(a, b)
}

/// A bilateral breakdown summed over its partners against a total another reporter publishes,
/// e.g. KNOMAD's bilateral remittance estimates against the World Bank's balance-of-payments
/// total of remittances received.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SumSpec {
    /// Short name.
    pub name: String,
    /// The bilateral indicator (dimension COUNTERPART_AREA).
    pub parts_indicator: IndicatorCode,
    /// Its source.
    pub parts_source: String,
    /// The total's indicator.
    pub total_indicator: IndicatorCode,
    /// Its source.
    pub total_source: String,
}

/// The sum of the partners against the total, for every area and year both reporters cover,
/// largest gap first. The partner is reported as `_T` (all partners).
pub fn sum_vs_total(spec: &SumSpec, figures: &[Figure]) -> Vec<MirrorPair> {
    let newest = |src: &str| figures.iter().filter(|f| f.dataset.source == src).map(|f| f.dataset.vintage.clone()).max();
    let (Some(vp), Some(vt)) = (newest(&spec.parts_source), newest(&spec.total_source)) else { return Vec::new() };
    let mut sums: HashMap<(&AreaCode, Period), (f64, usize, DatasetId)> = HashMap::new();
    for f in
        figures.iter().filter(|f| f.indicator == spec.parts_indicator && f.dataset.source == spec.parts_source && f.dataset.vintage == vp)
    {
        if f.dims.get("COUNTERPART_AREA").is_some() && f.dims.iter().count() == 1 {
            let e = sums.entry((&f.area, f.period)).or_insert((0.0, 0, f.dataset.clone()));
            e.0 += f.value;
            e.1 += 1;
        }
    }
    let Ok(all) = CodeValue::parse("_T") else { return Vec::new() };
    let mut out = Vec::new();
    for t in figures.iter().filter(|f| {
        f.indicator == spec.total_indicator && f.dataset.source == spec.total_source && f.dataset.vintage == vt && f.dims.is_total()
    }) {
        let Some((sum, n, ds)) = sums.get(&(&t.area, t.period)) else { continue };
        let Some(gap) = gap_pct(*sum, t.value) else { continue };
        out.push(MirrorPair {
            spec: spec.name.clone(),
            area: t.area.clone(),
            partner: all.clone(),
            period: t.period,
            a: (*sum, ds.clone()),
            b: (t.value, t.dataset.clone()),
            b_note: Some(format!("the first value sums {n} partners")),
            gap_pct: gap,
        });
    }
    out.sort_by(|x, y| y.gap_pct.total_cmp(&x.gap_pct).then_with(|| x.area.cmp(&y.area)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figure::Location;
    use mp_domain::{DimensionId, DimensionKey, ObsStatus};

    fn fig(ind: &str, area: &str, partner: &str, year: i32, source: &str, v: f64) -> Figure {
        Figure {
            indicator: IndicatorCode::parse(ind).unwrap(),
            area: AreaCode::parse(area).unwrap(),
            period: Period::Year(year),
            dims: DimensionKey::total().with(DimensionId::parse("COUNTERPART_AREA").unwrap(), CodeValue::parse(partner).unwrap()),
            value: v,
            status: ObsStatus::Normal,
            dataset: DatasetId { source: source.into(), vintage: "1".into() },
            at: Location { file: "fixture.csv".into(), locator: "row 2".into(), observation_id: None },
        }
    }

    #[test]
    fn gaps_are_symmetric_and_in_percent_of_the_mean() {
        assert_eq!(gap_pct(100.0, 300.0), Some(100.0));
        assert_eq!(gap_pct(300.0, 100.0), Some(100.0));
        assert_eq!(gap_pct(0.0, 0.0), None);
        assert_eq!(gap_pct(-1.0, 3.0), None);
    }

    #[test]
    fn corridors_match_and_interpolate() {
        let figs = vec![
            fig("EMI.STOCK", "SEN", "FRA", 2017, "knomad", 120_000.0),
            fig("EMI.STOCK", "SEN", "ITA", 2017, "knomad", 100_000.0),
            fig("EMI.STOCK", "SEN", "ESP", 2017, "knomad", 50_000.0), // no UN DESA figure: no pair
            fig("EMI.STOCK", "SEN", "FRA", 2015, "undesa", 100_000.0),
            fig("EMI.STOCK", "SEN", "FRA", 2020, "undesa", 150_000.0),
            fig("EMI.STOCK", "SEN", "ITA", 2017, "undesa", 100_000.0),
        ];
        let spec = MirrorSpec {
            name: "stock".into(),
            a_indicator: IndicatorCode::parse("EMI.STOCK").unwrap(),
            a_source: "knomad".into(),
            b_indicator: IndicatorCode::parse("EMI.STOCK").unwrap(),
            b_source: "undesa".into(),
            interpolate_b: true,
        };
        let pairs = mirror(&spec, &figs);
        assert_eq!(pairs.len(), 2);
        // France: UN DESA 2017 = 100,000 + 2/5 × 50,000 = 120,000: no gap; Italy: no gap either.
        let fra = pairs.iter().find(|p| p.partner.as_str() == "FRA").unwrap();
        assert!((fra.b.0 - 120_000.0).abs() < 1e-6);
        assert_eq!(fra.b_note.as_deref(), Some("interpolated linearly between 2015 and 2020"));
        assert!(fra.gap_pct.abs() < 1e-9);
        let spec_strict = MirrorSpec { interpolate_b: false, ..spec };
        let strict = mirror(&spec_strict, &figs);
        assert_eq!(strict.len(), 1);
        assert_eq!(strict[0].partner.as_str(), "ITA");
        let all: Vec<&MirrorPair> = pairs.iter().collect();
        assert_eq!(overall_gap(&all), Some(0.0));
    }

    #[test]
    fn bilateral_parts_summed_against_a_total() {
        let mut total = fig("REM.IN", "SEN", "FRA", 2017, "wdi", 3000.0);
        total.dims = DimensionKey::total();
        let figs = vec![
            fig("REM.BILAT_IN", "SEN", "FRA", 2017, "knomad", 1000.0),
            fig("REM.BILAT_IN", "SEN", "ITA", 2017, "knomad", 1000.0),
            fig("REM.BILAT_IN", "SEN", "ESP", 2016, "knomad", 5000.0), // another year
            total,
        ];
        let spec = SumSpec {
            name: "remittances".into(),
            parts_indicator: IndicatorCode::parse("REM.BILAT_IN").unwrap(),
            parts_source: "knomad".into(),
            total_indicator: IndicatorCode::parse("REM.IN").unwrap(),
            total_source: "wdi".into(),
        };
        let p = sum_vs_total(&spec, &figs);
        assert_eq!(p.len(), 1);
        assert_eq!((p[0].a.0, p[0].b.0), (2000.0, 3000.0));
        assert!((p[0].gap_pct - 40.0).abs() < 1e-9);
        assert_eq!(p[0].b_note.as_deref(), Some("the first value sums 2 partners"));
    }
}
