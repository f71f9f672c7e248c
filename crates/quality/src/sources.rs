//! Each data source scored per quality dimension for one country, 0–3 with the evidence: what the
//! stored figures show about the source (timeliness of the country's newest value, periodicity,
//! coverage of the profile countries, disaggregation, revisions between its vintages, coherence
//! with other sources and mirror gaps, definitional conformity), and the scores the Technical
//! Working Group entered for the dimensions the data cannot show (`DQA.SCORE` by `ASSESSED_SOURCE`
//! and `DQA_DIMENSION`, submitted like any national figure). The composite of each source is the
//! mean of its scores weighted by the Technical Working Group's weights.
//!
//! A country's national submissions (`nat-<country>-…`) are scored together, as the source
//! [`NATIONAL_SOURCE`].

use crate::conflicts::conflicts;
use crate::figure::Figure;
use crate::mirror::{MirrorPair, overall_gap};
use crate::outliers::median;
use crate::score::{end_month, release_month, rubric};
use mp_domain::{AreaCode, DatasetId, Framework, IndicatorCode, ObsStatus, Period};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The prefix of the datasets mprofile derives itself, which are not data sources to score.
const DERIVED: &str = "mprofile-";

/// The `ASSESSED_SOURCE` code of a country's national submissions, scored together.
pub const NATIONAL_SOURCE: &str = "NATIONAL";

/// The `ASSESSED_SOURCE` code a stored source is scored under: its own code, or
/// [`NATIONAL_SOURCE`] for a national submission.
pub fn source_code(source: &str) -> &str {
    if source.starts_with("nat-") { NATIONAL_SOURCE } else { source }
}

/// One score of one source for one country.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimScore {
    /// `DQA_DIMENSION` code.
    pub dimension: String,
    /// 0–3.
    pub score: f64,
    /// How it was obtained, with the numbers.
    pub evidence: String,
    /// Entered by the Technical Working Group (not computed from the data).
    pub by_twg: bool,
}

/// Every score of one source for one country, and their weighted mean.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceAssessment {
    /// The country.
    pub area: AreaCode,
    /// `ASSESSED_SOURCE` code (the store's source code, or [`NATIONAL_SOURCE`]).
    pub source: String,
    /// The scores, in the order of the dimensions' codelist.
    pub scores: Vec<DimScore>,
    /// Weighted mean of the scores (one decimal); `None` when nothing is scored.
    pub composite: Option<f64>,
    /// The weights and scores of the composite.
    pub composite_evidence: String,
}

/// Inputs of the per-source scoring.
pub struct SourceInputs<'a> {
    /// The framework.
    pub fw: &'a Framework,
    /// The profile countries.
    pub countries: &'a [AreaCode],
    /// Every stored figure of those countries, every vintage (the assessment's own left out).
    pub figures: &'a [Figure],
    /// Mirror pairs (either side's dataset names the source).
    pub mirror: &'a [MirrorPair],
    /// Weights of the composite by `DQA_DIMENSION` code (missing: 1).
    pub weights: &'a BTreeMap<String, f64>,
}

/// The dimensions in the order of the `CL_DQA_DIMENSION` codelist (composite left out).
fn dimension_order(fw: &Framework) -> Vec<String> {
    fw.codelists
        .get("CL_DQA_DIMENSION")
        .map(|c| c.codes.iter().map(|k| k.id.as_str().to_string()).filter(|k| k != "_T").collect())
        .unwrap_or_default()
}

fn is_t03(fw: &Framework, i: &IndicatorCode) -> bool {
    fw.indicator(i).is_some_and(|x| x.theme.as_str() == "T03")
}

/// Scores every source holding figures of each country (or scored by its Technical Working
/// Group), country by country, sources by code.
pub fn score_sources(inp: &SourceInputs) -> Vec<SourceAssessment> {
    let fw = inp.fw;
    let order = dimension_order(fw);
    // The newest vintage of each stored source.
    let mut newest: HashMap<&str, &str> = HashMap::new();
    for f in inp.figures {
        let v = newest.entry(&f.dataset.source).or_insert(&f.dataset.vintage);
        if f.dataset.vintage.as_str() > *v {
            *v = &f.dataset.vintage;
        }
    }
    let is_latest = |d: &DatasetId| newest.get(d.source.as_str()) == Some(&d.vintage.as_str());
    // Figures of the newest vintages; projections, the quality figures and mprofile's own
    // derived datasets (`mprofile-…`: the registry's indicators, the assessment) left out.
    let data: Vec<&Figure> = inp
        .figures
        .iter()
        .filter(|f| is_latest(&f.dataset) && f.status != ObsStatus::Forecast && !is_t03(fw, &f.indicator))
        .filter(|f| !f.dataset.source.starts_with(DERIVED))
        .collect();
    // Indicators of each source over the profile countries, and the countries it covers.
    let mut src_inds: HashMap<&str, BTreeSet<&IndicatorCode>> = HashMap::new();
    let mut src_areas: HashMap<&str, BTreeSet<&AreaCode>> = HashMap::new();
    for f in &data {
        let s = source_code(&f.dataset.source);
        src_inds.entry(s).or_default().insert(&f.indicator);
        src_areas.entry(s).or_default().insert(&f.area);
    }
    let n_countries = inp.countries.len();
    // Every vintage of the figures of each country, by scored source and stored source, for the
    // revisions (read once: the figures of every vintage are many).
    type Vintages<'f> = BTreeMap<&'f str, Vec<&'f Figure>>;
    let mut every: HashMap<(&AreaCode, &str), Vintages> = HashMap::new();
    for f in inp.figures.iter().filter(|f| f.status != ObsStatus::Forecast && !is_t03(fw, &f.indicator)) {
        every.entry((&f.area, source_code(&f.dataset.source))).or_default().entry(&f.dataset.source).or_default().push(f);
    }
    let mut out = Vec::new();
    for area in inp.countries {
        let mine: Vec<&Figure> = data.iter().copied().filter(|f| &f.area == area).collect();
        let mut groups: BTreeMap<&str, Vec<&Figure>> = BTreeMap::new();
        for f in &mine {
            groups.entry(source_code(&f.dataset.source)).or_default().push(f);
        }
        // Scores the Technical Working Group entered for a source: the newest of each dimension.
        let mut entered: BTreeMap<(String, String), &Figure> = BTreeMap::new();
        for f in inp.figures.iter().filter(|f| &f.area == area && f.indicator.as_str() == "DQA.SCORE") {
            let (Some(src), Some(dim)) = (f.dims.get("ASSESSED_SOURCE"), f.dims.get("DQA_DIMENSION")) else { continue };
            if src.as_str() == "_T" || dim.as_str() == "_T" {
                continue;
            }
            let k = (src.as_str().to_string(), dim.as_str().to_string());
            if entered.get(&k).is_none_or(|e| (e.period, &e.dataset.vintage) < (f.period, &f.dataset.vintage)) {
                entered.insert(k, f);
            }
        }

        // Figures two or more sources publish, for coherence.
        let latest_owned: Vec<Figure> = mine.iter().map(|f| (*f).clone()).collect();
        let shared = conflicts(&latest_owned, &[], -1.0);
        // DQA.DEF_CONFORM is a T03 figure, read from the newest vintage of its source.
        let conform: Vec<&Figure> = inp
            .figures
            .iter()
            .filter(|f| &f.area == area && f.indicator.as_str() == "DQA.DEF_CONFORM" && f.dims.is_total() && is_latest(&f.dataset))
            .collect();
        let mut codes: BTreeSet<String> = groups.keys().map(|s| s.to_string()).collect();
        codes.extend(entered.keys().map(|k| k.0.clone()));
        codes.extend(conform.iter().map(|f| source_code(&f.dataset.source).to_string()));
        for code in codes {
            let fs: Vec<&Figure> = groups.get(code.as_str()).cloned().unwrap_or_default();
            let mut scores: Vec<DimScore> = Vec::new();
            let mut computed = |dimension: &str, score: f64, evidence: String| {
                scores.push(DimScore { dimension: dimension.into(), score, evidence, by_twg: false });
            };
            let mut by_ds: BTreeMap<&DatasetId, Vec<&Figure>> = BTreeMap::new();
            for f in &fs {
                by_ds.entry(&f.dataset).or_default().push(f);
            }
            if !fs.is_empty() {
                // Timeliness: months from the end of the country's newest reference period to the
                // release of the vintage holding it.
                let mut lags = Vec::new();
                let mut steps_all = Vec::new();
                for (ds, dfs) in &by_ds {
                    let ends: BTreeSet<i32> = dfs.iter().map(|f| end_month(&f.period)).collect();
                    let Some(last) = ends.iter().max().copied() else { continue };
                    if let Some((rel, exact)) = release_month(&ds.vintage)
                        && rel >= last
                    {
                        let newest_p = dfs.iter().map(|f| f.period).max().unwrap_or(Period::Year(0));
                        lags.push((
                            f64::from(rel - last),
                            format!("{ds}: newest value {newest_p}, {} months{}", rel - last, if exact { "" } else { " at most" }),
                        ));
                    }
                    let e: Vec<i32> = ends.into_iter().collect();
                    if let Some(m) = median(&e.windows(2).map(|w| f64::from(w[1] - w[0])).collect::<Vec<_>>()) {
                        steps_all.push((m, format!("{ds}: {} periods, every {m:.0} months", e.len())));
                    }
                }
                if let Some(m) = median(&lags.iter().map(|l| l.0).collect::<Vec<_>>()) {
                    computed(
                        "TIMELINESS",
                        rubric(m, [12.0, 24.0, 36.0], true),
                        format!(
                            "lag {m:.0} months between the end of the country's newest reference period and the release ({}; 3: ≤ 12, 2: ≤ 24, 1: ≤ 36)",
                            lags.iter().map(|l| l.1.clone()).collect::<Vec<_>>().join("; ")
                        ),
                    );
                }
                if let Some(m) = median(&steps_all.iter().map(|s| s.0).collect::<Vec<_>>()) {
                    computed(
                        "PERIODICITY",
                        rubric(m, [12.0, 60.0, 120.0], true),
                        format!(
                            "median interval {m:.0} months between the country's reference periods ({}; 3: ≤ 12, 2: ≤ 60, 1: ≤ 120)",
                            steps_all.iter().map(|s| s.1.clone()).collect::<Vec<_>>().join("; ")
                        ),
                    );
                }
                // Coverage: the source's indicators with a value for this country, of those it
                // publishes for any profile country.
                let inds: BTreeSet<&IndicatorCode> = fs.iter().map(|f| &f.indicator).collect();
                let all = src_inds.get(code.as_str()).map(|s| s.len()).unwrap_or(0).max(inds.len());
                let covered = src_areas.get(code.as_str()).map(|s| s.len()).unwrap_or(1);
                if all > 0 {
                    let share = inds.len() as f64 / all as f64 * 100.0;
                    computed(
                        "COVERAGE",
                        rubric(share, [90.0, 75.0, 50.0], false),
                        format!(
                            "{} of the {all} indicators the source publishes for the profile countries have a value for the country ({share:.0} %; 3: ≥ 90, 2: ≥ 75, 1: ≥ 50); the source covers {covered} of the {n_countries} profile countries",
                            inds.len()
                        ),
                    );
                }
                // Disaggregation: of its indicators the framework breaks down by sex or age, the
                // share with values by sex or age.
                let eligible: Vec<&&IndicatorCode> = inds
                    .iter()
                    .filter(|i| fw.indicator(i).is_some_and(|x| x.dimensions.iter().any(|d| matches!(d.as_str(), "SEX" | "AGE"))))
                    .collect();
                if !eligible.is_empty() {
                    let by: Vec<&&&IndicatorCode> = eligible
                        .iter()
                        .filter(|i| fs.iter().any(|f| &&f.indicator == **i && (f.dims.get("SEX").is_some() || f.dims.get("AGE").is_some())))
                        .collect();
                    let share = by.len() as f64 / eligible.len() as f64 * 100.0;
                    computed(
                        "DISAGGREGATION",
                        rubric(share, [75.0, 50.0, 1e-9], false),
                        format!(
                            "{} of the {} indicators of the source that the framework breaks down by sex or age have such values for the country ({share:.0} %{}; 3: ≥ 75, 2: ≥ 50, 1: > 0)",
                            by.len(),
                            eligible.len(),
                            if by.is_empty() {
                                String::new()
                            } else {
                                format!(": {}", by.iter().map(|i| i.as_str()).collect::<Vec<_>>().join(", "))
                            }
                        ),
                    );
                }
            }
            // Accuracy: revisions of the country's figures between the two newest vintages.
            let mut revs = Vec::new();
            let mut rev_src = BTreeSet::new();
            for (src, fs) in every.get(&(area, code.as_str())).into_iter().flatten() {
                let vs: BTreeSet<&str> = fs.iter().map(|f| f.dataset.vintage.as_str()).collect();
                let vs: Vec<&str> = vs.into_iter().rev().take(2).collect();
                if vs.len() < 2 {
                    continue;
                }
                let old: HashMap<_, f64> =
                    fs.iter().filter(|f| f.dataset.vintage == vs[1]).map(|f| ((&f.indicator, f.period, &f.dims), f.value)).collect();
                for f in fs.iter().filter(|f| f.dataset.vintage == vs[0]) {
                    if let Some(o) = old.get(&(&f.indicator, f.period, &f.dims))
                        && o.abs() > 0.0
                    {
                        revs.push((f.value - o).abs() / o.abs() * 100.0);
                        rev_src.insert(format!("{src} {} → {}", vs[1], vs[0]));
                    }
                }
            }
            if let Some(m) = median(&revs) {
                computed(
                    "ACCURACY",
                    rubric(m, [2.0, 5.0, 10.0], true),
                    format!(
                        "median revision {m:.1} % over {} figures of the country published in two vintages ({}; 3: ≤ 2 %, 2: ≤ 5 %, 1: ≤ 10 %)",
                        revs.len(),
                        rev_src.into_iter().collect::<Vec<_>>().join(", ")
                    ),
                );
            }
            // Coherence: its figures other sources also publish, and its mirror gaps.
            let diffs: Vec<f64> = shared
                .iter()
                .filter(|c| c.values.iter().any(|v| source_code(&v.dataset.source) == code))
                .filter(|c| c.values.iter().any(|v| source_code(&v.dataset.source) != code))
                .map(|c| c.relative_difference * 100.0)
                .collect();
            let pairs: Vec<&MirrorPair> = inp
                .mirror
                .iter()
                .filter(|p| &p.area == area && (source_code(&p.a.1.source) == code || source_code(&p.b.1.source) == code))
                .collect();
            let by_diff = median(&diffs).map(|m| (rubric(m, [2.0, 5.0, 10.0], true), m));
            let by_gap = overall_gap(&pairs).map(|g| (rubric(g, [10.0, 25.0, 50.0], true), g));
            if by_diff.is_some() || by_gap.is_some() {
                let mut parts = Vec::new();
                if let Some((s, m)) = by_diff {
                    parts.push(format!(
                        "median difference {m:.1} % over {} figures other sources also publish ({s}; 3: ≤ 2 %, 2: ≤ 5 %, 1: ≤ 10 %)",
                        diffs.len()
                    ));
                }
                if let Some((s, g)) = by_gap {
                    parts.push(format!(
                        "mirror gap {g:.1} % over {} corridors, {} ({s}; 3: ≤ 10 %, 2: ≤ 25 %, 1: ≤ 50 %)",
                        pairs.len(),
                        pairs.first().map(|p| p.spec.as_str()).unwrap_or_default()
                    ));
                }
                let score = by_diff.iter().chain(by_gap.iter()).map(|x| x.0).fold(3.0, f64::min);
                computed("COHERENCE", score, format!("{}; the lower score counts", parts.join("; ")));
            }
            // Definitional conformity of UN DESA's stock, from its type-of-data codes.
            if let Some(f) = conform.iter().filter(|f| source_code(&f.dataset.source) == code).max_by_key(|f| f.period) {
                computed(
                    "CONFORMITY",
                    f.value.clamp(0.0, 3.0),
                    format!("DQA.DEF_CONFORM {} in {} {} (UN DESA type of data)", f.value, f.dataset, f.period),
                );
            }
            // The Technical Working Group's scores, for the dimensions the data do not show.
            for ((src, dim), f) in &entered {
                if src == &code && !scores.iter().any(|s| &s.dimension == dim) {
                    scores.push(DimScore {
                        dimension: dim.clone(),
                        score: f.value.clamp(0.0, 3.0),
                        evidence: format!(
                            "entered by the Technical Working Group: {} {} ({}; its evidence is in that figure's footnote)",
                            f.dataset, f.period, f.at
                        ),
                        by_twg: true,
                    });
                }
            }
            scores.sort_by_key(|s| order.iter().position(|o| o == &s.dimension).unwrap_or(order.len()));
            let (composite, composite_evidence) = weighted(&scores, inp.weights);
            out.push(SourceAssessment { area: area.clone(), source: code, scores, composite, composite_evidence });
        }
    }
    out
}

/// The weight of a dimension (missing: 1).
pub fn weight(weights: &BTreeMap<String, f64>, dim: &str) -> f64 {
    weights.get(dim).copied().unwrap_or(1.0)
}

/// The weighted mean of scores (one decimal) and its evidence.
fn weighted(scores: &[DimScore], weights: &BTreeMap<String, f64>) -> (Option<f64>, String) {
    let total_w: f64 = scores.iter().map(|s| weight(weights, &s.dimension)).sum();
    if total_w <= 0.0 {
        return (None, "no dimension scored with a weight above 0".into());
    }
    let v = scores.iter().map(|s| weight(weights, &s.dimension) * s.score).sum::<f64>() / total_w;
    (
        Some((v * 10.0).round() / 10.0),
        format!(
            "weighted mean of the {} dimensions scored ({})",
            scores.len(),
            scores
                .iter()
                .map(|s| format!("{} {} × {}", s.dimension, s.score, weight(weights, &s.dimension)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    )
}
