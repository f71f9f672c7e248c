//! The data quality assessment a country's figures allow: what the stored data show about
//! timeliness, periodicity, coverage, disaggregation, revisions and coherence, scored 0–3 on the
//! IMF DQAF / UN NQAF dimensions, with the evidence (conformity from the type-of-data codes of
//! UN DESA's migrant stock). Dimensions the data cannot show (institutional prerequisites,
//! integrity, relevance, accessibility) are scored by the Technical Working Group: its stored
//! scores join the composite, weighted like the others.

use crate::figure::Figure;
use crate::mirror::{MirrorPair, overall_gap};
use crate::outliers::median;
use crate::sources::{SourceInputs, score_sources, weight};
use mp_domain::{AreaCode, CodeValue, DatasetId, DimensionId, DimensionKey, Framework, IndicatorCode, ObsStatus, Period};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Source code of the assessment's own dataset.
pub const SOURCE: &str = "mprofile-dqa";

/// The prefix of national source codes (the store's `nat-<country>-…`).
const NATIONAL: &str = "nat-";

/// The quality dimensions the stored data cannot show, which the Technical Working Group scores
/// (DQA.SCORE by DQA_DIMENSION, through the submission template) for the composite to include.
pub const TWG_DIMENSIONS: [&str; 4] = ["PREREQUISITES", "INTEGRITY", "RELEVANCE", "ACCESSIBILITY"];

/// One figure of the assessment, with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessed {
    /// T03 indicator.
    pub indicator: IndicatorCode,
    /// Country.
    pub area: AreaCode,
    /// Reference period.
    pub period: Period,
    /// Disaggregation.
    pub dims: DimensionKey,
    /// Value.
    pub value: f64,
    /// The evidence, for the footnote.
    pub evidence: String,
}

/// Months since year 0 of a period's last month.
pub(crate) fn end_month(p: &Period) -> i32 {
    p.end_year() * 12 + p.end_date().get(5..7).and_then(|m| m.parse::<i32>().ok()).unwrap_or(12)
}

/// The release month of a vintage label: `2025-12` exactly; `2024` is read as December 2024,
/// the latest the release can be, so the lag computed from it is an upper bound. `None` for
/// other labels.
pub fn release_month(vintage: &str) -> Option<(i32, bool)> {
    let y: i32 = vintage.get(0..4)?.parse().ok()?;
    match vintage.get(4..) {
        Some("") => Some((y * 12 + 12, false)),
        Some(rest) => {
            let m: i32 = rest.strip_prefix('-')?.get(0..2)?.parse().ok()?;
            (1..=12).contains(&m).then_some((y * 12 + m, true))
        }
        None => None,
    }
}

/// The rubric: a value against three thresholds, best first (lower is better when `lower`).
pub(crate) fn rubric(v: f64, t: [f64; 3], lower: bool) -> f64 {
    let passes = |x: f64| if lower { v <= x } else { v >= x };
    if passes(t[0]) {
        3.0
    } else if passes(t[1]) {
        2.0
    } else if passes(t[2]) {
        1.0
    } else {
        0.0
    }
}

fn code(s: &str) -> Option<CodeValue> {
    CodeValue::parse(s).ok()
}

fn key(pairs: &[(&str, &str)]) -> DimensionKey {
    let mut k = DimensionKey::total();
    for (d, c) in pairs {
        if let (Ok(d), Some(c)) = (DimensionId::parse(d), code(c)) {
            k.set(d, c);
        }
    }
    k
}

/// Inputs of the assessment.
pub struct Inputs<'a> {
    /// The framework.
    pub fw: &'a Framework,
    /// The profile countries.
    pub countries: &'a [AreaCode],
    /// Every stored figure of those countries, every vintage (the assessment's own left out).
    pub figures: &'a [Figure],
    /// Mirror pairs of the stock corridors.
    pub mirror: &'a [MirrorPair],
    /// Weights of the composite by DQA_DIMENSION code (missing: 1).
    pub weights: &'a BTreeMap<String, f64>,
    /// The year the assessment is made (its reference period).
    pub year: i32,
}

/// Computes the T03 indicators for every country.
pub fn assess(inp: &Inputs) -> Vec<Assessed> {
    let mut out = Vec::new();
    let ind = |c: &str| IndicatorCode::parse(c).ok();
    let (Some(lag_i), Some(per_i), Some(dis_i), Some(gap_i), Some(score_i)) =
        (ind("DQA.LAG"), ind("DQA.PERIODICITY"), ind("DQA.DISAGG"), ind("DQA.MIRROR_GAP"), ind("DQA.SCORE"))
    else {
        return out;
    };
    let period = Period::Year(inp.year);
    // The newest vintage of each source.
    let mut newest: HashMap<&str, &str> = HashMap::new();
    for f in inp.figures {
        let v = newest.entry(&f.dataset.source).or_insert(&f.dataset.vintage);
        if f.dataset.vintage.as_str() > *v {
            *v = &f.dataset.vintage;
        }
    }
    let is_latest = |d: &DatasetId| newest.get(d.source.as_str()) == Some(&d.vintage.as_str());
    // Every figure is computed over all the sources the store holds for the country (so far the
    // international ones; national submissions join once imported): the SOURCE_TYPE total.
    let all_sources: [(&str, &str); 0] = [];
    let per_source = score_sources(&SourceInputs {
        fw: inp.fw,
        countries: inp.countries,
        figures: inp.figures,
        mirror: inp.mirror,
        weights: inp.weights,
    });
    for area in inp.countries {
        let mine: Vec<&Figure> = inp.figures.iter().filter(|f| &f.area == area && f.dataset.source != SOURCE).collect();
        let latest: Vec<&Figure> = mine.iter().copied().filter(|f| is_latest(&f.dataset) && f.status != ObsStatus::Forecast).collect();
        let mut push = |indicator: &IndicatorCode, dims: DimensionKey, value: f64, evidence: String| {
            out.push(Assessed { indicator: indicator.clone(), area: area.clone(), period, dims, value, evidence });
        };
        let mut scores: Vec<(String, f64, String)> = Vec::new();

        // Timeliness and periodicity, per source holding the country's figures.
        let mut by_ds: BTreeMap<&DatasetId, Vec<&Figure>> = BTreeMap::new();
        for f in &latest {
            by_ds.entry(&f.dataset).or_default().push(f);
        }
        let mut lags = Vec::new();
        let mut gaps = Vec::new();
        for (ds, fs) in &by_ds {
            let ends: BTreeSet<i32> = fs.iter().map(|f| end_month(&f.period)).collect();
            if let (Some((rel, exact)), Some(last)) = (release_month(&ds.vintage), ends.iter().max())
                && rel >= *last
            {
                lags.push((rel - last, format!("{} {}{}", ds, rel - last, if exact { "" } else { "*" })));
            }
            let e: Vec<i32> = ends.into_iter().collect();
            let steps: Vec<f64> = e.windows(2).map(|w| f64::from(w[1] - w[0])).collect();
            if let Some(m) = median(&steps) {
                gaps.push((m, format!("{ds} {m:.0}")));
            }
        }
        if let Some(m) = median(&lags.iter().map(|l| f64::from(l.0)).collect::<Vec<_>>()) {
            let ev = format!(
                "median over {} sources of the months between the end of the latest reference period and the release (source months; * release month not given: December of the vintage year, an upper bound): {}",
                lags.len(),
                lags.iter().map(|l| l.1.clone()).collect::<Vec<_>>().join(", ")
            );
            push(&lag_i, key(&all_sources), m.round(), ev);
        }
        if let Some(m) = median(&gaps.iter().map(|g| g.0).collect::<Vec<_>>()) {
            let ev = format!(
                "median over {} sources of the months between consecutive reference periods: {}",
                gaps.len(),
                gaps.iter().map(|g| g.1.clone()).collect::<Vec<_>>().join(", ")
            );
            push(&per_i, key(&all_sources), m.round(), ev);
        }

        // Disaggregation: stock and flow indicators with a value by both sex and age in their
        // latest period, per theme and overall.
        let mut dis_all = (0usize, 0usize);
        for theme in &inp.fw.themes {
            let mut n = 0;
            let mut k = 0;
            let mut names = Vec::new();
            for i in inp.fw.indicators_of(&theme.code).filter(|i| matches!(i.unit.as_str(), "persons" | "persons_per_year")) {
                let fs: Vec<&&Figure> = latest.iter().filter(|f| f.indicator == i.code).collect();
                let Some(last) = fs.iter().map(|f| end_month(&f.period)).max() else { continue };
                n += 1;
                if fs.iter().any(|f| end_month(&f.period) == last && f.dims.get("SEX").is_some() && f.dims.get("AGE").is_some()) {
                    k += 1;
                    names.push(i.code.to_string());
                }
            }
            if n > 0 {
                dis_all.0 += k;
                dis_all.1 += n;
                let share = k as f64 / n as f64 * 100.0;
                let ev = format!(
                    "{k} of the {n} stock and flow indicators with data have figures by sex and age in their latest period{}",
                    if names.is_empty() { String::new() } else { format!(": {}", names.join(", ")) }
                );
                push(&dis_i, key(&[("THEME", theme.code.as_str())]), share.round(), ev);
            }
        }
        if dis_all.1 > 0 {
            let share = dis_all.0 as f64 / dis_all.1 as f64 * 100.0;
            push(
                &dis_i,
                DimensionKey::total(),
                share.round(),
                format!("{} of the {} stock and flow indicators with data, all themes", dis_all.0, dis_all.1),
            );
        }

        // Mirror statistics of the emigrant stock.
        let pairs: Vec<&MirrorPair> = inp.mirror.iter().filter(|p| &p.area == area).collect();
        if let Some(g) = overall_gap(&pairs) {
            let (a, b): (f64, f64) = (pairs.iter().map(|p| p.a.0).sum(), pairs.iter().map(|p| p.b.0).sum());
            let spec = pairs.first().map(|p| p.spec.clone()).unwrap_or_default();
            let year = pairs.first().map(|p| p.period).unwrap_or(period);
            out.push(Assessed {
                indicator: gap_i.clone(),
                area: area.clone(),
                period: year,
                dims: DimensionKey::total(),
                value: (g * 10.0).round() / 10.0,
                evidence: format!("{spec}: {} corridors, {} emigrants against {}", pairs.len(), a.round(), b.round()),
            });
            let mut top: Vec<&&MirrorPair> = pairs.iter().collect();
            top.sort_by(|x, y| y.a.0.max(y.b.0).total_cmp(&x.a.0.max(x.b.0)));
            for p in top.into_iter().take(10) {
                out.push(Assessed {
                    indicator: gap_i.clone(),
                    area: area.clone(),
                    period: p.period,
                    dims: key(&[("COUNTERPART_AREA", p.partner.as_str())]),
                    value: (p.gap_pct * 10.0).round() / 10.0,
                    evidence: format!(
                        "{}: {} ({}) against {} ({}{})",
                        p.spec,
                        p.a.0.round(),
                        p.a.1,
                        p.b.0.round(),
                        p.b.1,
                        p.b_note.as_ref().map(|n| format!(", {n}")).unwrap_or_default()
                    ),
                });
            }
        }

        // Administrative sources whose figures reach the profile in the last three years.
        // Migration figures, not the quality figures a TWG enters about its sources.
        let t03 = |c: &IndicatorCode| inp.fw.indicator(c).is_some_and(|i| i.theme.as_str() == "T03");
        let recent = |f: &&&Figure| f.period.end_year() >= inp.year - 3;
        let mut admin: Vec<String> = Vec::new();
        if let Some(f) = latest
            .iter()
            .filter(recent)
            .find(|f| f.indicator.as_str() == "REF.ASY_APP" && matches!(f.dims.get("PROCEDURE").map(|c| c.as_str()), Some("G" | "J")))
        {
            admin.push(format!(
                "government asylum records ({} {}, asylum procedure run by the government or jointly with UNHCR)",
                f.dataset, f.period
            ));
        }
        if let Some(f) = latest.iter().filter(recent).find(|f| f.indicator.as_str() == "REM.IN" && !f.dataset.source.starts_with(NATIONAL))
        {
            admin.push(format!("balance-of-payments records of personal remittances ({} {})", f.dataset, f.period));
        }
        let national: BTreeSet<&str> = mine
            .iter()
            .filter(recent)
            .filter(|f| f.dataset.source.starts_with(NATIONAL) && !t03(&f.indicator))
            .map(|f| f.dataset.source.as_str())
            .collect();
        for n in &national {
            admin.push(format!("national submission {n}"));
        }
        if let Some(i) = ind("DQA.ADMIN_SRC") {
            let ev = if admin.is_empty() {
                format!("no administrative source of the country has figures for {} or later in the profile's data", inp.year - 3)
            } else {
                format!("{} sources with figures for {} or later: {}", admin.len(), inp.year - 3, admin.join("; "))
            };
            out.push(Assessed {
                indicator: i,
                area: area.clone(),
                period,
                dims: key(&all_sources),
                value: admin.len() as f64,
                evidence: ev,
            });
        }

        // Each source's scores, as DQA.SCORE by ASSESSED_SOURCE, and the country's score of each
        // dimension: the mean over its sources.
        let mut by_dim: BTreeMap<String, Vec<(String, f64)>> = BTreeMap::new();
        for sa in per_source.iter().filter(|s| &s.area == area) {
            for d in &sa.scores {
                by_dim.entry(d.dimension.clone()).or_default().push((sa.source.clone(), d.score));
                out.push(Assessed {
                    indicator: score_i.clone(),
                    area: area.clone(),
                    period,
                    dims: key(&[("ASSESSED_SOURCE", sa.source.as_str()), ("DQA_DIMENSION", d.dimension.as_str())]),
                    value: d.score,
                    evidence: if d.by_twg { d.evidence.clone() } else { format!("computed from the stored data: {}", d.evidence) },
                });
            }
            if let Some(c) = sa.composite {
                out.push(Assessed {
                    indicator: score_i.clone(),
                    area: area.clone(),
                    period,
                    dims: key(&[("ASSESSED_SOURCE", sa.source.as_str())]),
                    value: c,
                    evidence: sa.composite_evidence.clone(),
                });
            }
        }
        for (dim, v) in &by_dim {
            let mean = v.iter().map(|x| x.1).sum::<f64>() / v.len() as f64;
            scores.push((
                dim.clone(),
                (mean * 10.0).round() / 10.0,
                format!(
                    "mean of its sources' scores (n = {}): {}",
                    v.len(),
                    v.iter().map(|(s, x)| format!("{s} {x}")).collect::<Vec<_>>().join(", ")
                ),
            ));
        }

        // Scores the Technical Working Group entered for the country's data as a whole (no
        // ASSESSED_SOURCE), for the dimensions no source has a score for.
        let mut entered: BTreeMap<&str, &Figure> = BTreeMap::new();
        for f in mine.iter().filter(|f| f.indicator.as_str() == "DQA.SCORE" && f.dims.get("ASSESSED_SOURCE").is_none()) {
            let whole = f.dims.get("SOURCE_TYPE").is_none_or(|c| c.as_str() == "_T");
            let Some(dim) = f.dims.get("DQA_DIMENSION").map(|c| c.as_str()).filter(|d| *d != "_T" && !by_dim.contains_key(*d)) else {
                continue;
            };
            if whole && entered.get(dim).is_none_or(|e| (e.period, &e.dataset.vintage) < (f.period, &f.dataset.vintage)) {
                entered.insert(dim, f);
            }
        }
        for (dim, f) in entered {
            scores.push((
                dim.to_string(),
                f.value.clamp(0.0, 3.0),
                format!(
                    "entered by the Technical Working Group: {} {} ({}; its evidence is in that figure's footnote)",
                    f.dataset, f.period, f.at
                ),
            ));
        }

        // The scores and their weighted mean.
        let mut wsum = 0.0;
        let mut total_w = 0.0;
        for (dim, s, ev) in &scores {
            let w = weight(inp.weights, dim);
            wsum += w * s;
            total_w += w;
            out.push(Assessed {
                indicator: score_i.clone(),
                area: area.clone(),
                period,
                dims: key(&[("DQA_DIMENSION", dim.as_str())]),
                value: *s,
                evidence: ev.clone(),
            });
        }
        if total_w > 0.0 {
            out.push(Assessed {
                indicator: score_i.clone(),
                area: area.clone(),
                period,
                dims: DimensionKey::total(),
                value: (wsum / total_w * 10.0).round() / 10.0,
                evidence: format!(
                    "weighted mean of the {} dimensions scored ({}){}",
                    scores.len(),
                    scores.iter().map(|(d, s, _)| format!("{d} {s} × {}", weight(inp.weights, d))).collect::<Vec<_>>().join(", "),
                    {
                        let open: Vec<&str> = TWG_DIMENSIONS.iter().copied().filter(|d| !scores.iter().any(|s| s.0 == *d)).collect();
                        if open.is_empty() {
                            String::new()
                        } else {
                            format!("; not yet scored by the Technical Working Group: {}", open.join(", "))
                        }
                    }
                ),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn release_months_and_rubric() {
        assert_eq!(release_month("2025-12"), Some((2025 * 12 + 12, true)));
        assert_eq!(release_month("2024"), Some((2024 * 12 + 12, false)));
        assert_eq!(release_month("2025-13"), None);
        assert_eq!(release_month("rev1"), None);
        assert_eq!(rubric(10.0, [12.0, 24.0, 36.0], true), 3.0);
        assert_eq!(rubric(30.0, [12.0, 24.0, 36.0], true), 1.0);
        assert_eq!(rubric(40.0, [12.0, 24.0, 36.0], true), 0.0);
        assert_eq!(rubric(60.0, [75.0, 50.0, 25.0], false), 2.0);
        assert_eq!(end_month(&Period::Year(2020)), 2020 * 12 + 12);
        assert_eq!(end_month(&Period::Quarter(2020, 1)), 2020 * 12 + 3);
    }
}
