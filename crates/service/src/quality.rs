//! The validation rules run before anything is stored, with the store as context: one
//! implementation for `mprofile import` and for the web workspace's uploads and publications.

use crate::ServiceError;
use mp_domain::{AreaCode, DatasetId, DatasetImport, Framework};
use mp_quality::{Figure, RuleSet, Severity, Violation, check};
use mp_store::{NewFlag, ObsQuery, Store};
use std::collections::{BTreeSet, HashSet};

/// What the rules found in a batch about to be stored.
#[derive(Debug, Clone, Default)]
pub struct RuleCheck {
    /// Violations of rules of severity `error`: the batch must be refused.
    pub errors: Vec<Violation>,
    /// Violations of rules of severity `warning`: stored with the figures for reviewers.
    pub warnings: Vec<Violation>,
}

impl RuleCheck {
    /// Whether the batch may be stored.
    pub fn passes(&self) -> bool {
        self.errors.is_empty()
    }
}

/// Runs `rules` over the figures of `datasets`, with the stored figures of other datasets that
/// comparisons across sources read (the population for a migrant stock) as context, as the
/// store is now.
pub async fn check_before_store(
    store: &Store,
    rules: &RuleSet,
    fw: &Framework,
    datasets: &[DatasetImport],
) -> Result<RuleCheck, ServiceError> {
    if rules.is_empty() {
        return Ok(RuleCheck::default());
    }
    let subjects: Vec<Figure> = datasets.iter().flat_map(Figure::from_import).collect();
    let context = context(store, rules, &subjects).await?;
    let (errors, warnings) = check(rules, fw, &subjects, &context).into_iter().partition(|v| v.severity == Severity::Error);
    Ok(RuleCheck { errors, warnings })
}

/// Stored figures that comparisons across sources read, of the areas being checked, from
/// datasets other than those being checked.
async fn context(store: &Store, rules: &RuleSet, subjects: &[Figure]) -> Result<Vec<Figure>, ServiceError> {
    let present: HashSet<&str> = subjects.iter().map(|f| f.indicator.as_str()).collect();
    let own: HashSet<&DatasetId> = subjects.iter().map(|f| &f.dataset).collect();
    let areas: Vec<AreaCode> = subjects.iter().map(|f| f.area.clone()).collect::<BTreeSet<_>>().into_iter().collect();
    let mut wanted = BTreeSet::new();
    for r in &rules.compare {
        let codes = r.indicators();
        if codes.iter().any(|c| present.contains(c.as_str())) {
            wanted.extend(codes);
        }
    }
    let mut out = Vec::new();
    for code in wanted {
        let q = ObsQuery { areas: areas.clone(), any_dims: true, ..ObsQuery::indicator(code) };
        for r in store.records(&q).await? {
            if !own.contains(&r.dataset)
                && let Some(f) = Figure::from_record(&r)
            {
                out.push(f);
            }
        }
    }
    Ok(out)
}

/// Stores the warnings among `violations` with the figures they concern (after the batch is
/// stored); returns how many were stored.
pub async fn store_flags(store: &Store, violations: &[Violation]) -> Result<usize, ServiceError> {
    let flags: Vec<NewFlag> = violations
        .iter()
        .filter(|v| v.severity == Severity::Warning)
        .map(|v| NewFlag {
            source: v.figure.dataset.source.clone(),
            vintage: v.figure.dataset.vintage.clone(),
            indicator: v.figure.indicator.to_string(),
            area: v.figure.area.to_string(),
            period: v.figure.period.to_string(),
            dims: v.figure.dims.to_string(),
            rule: v.rule.clone(),
            severity: v.severity.to_string(),
            message: v.message.en.clone(),
            value: v.figure.value,
            expected: v.expected.clone(),
        })
        .collect();
    Ok(store.save_quality_flags(&flags).await?)
}

/// Relative difference above which two sources of one figure are listed as a conflict (5 %).
pub const CONFLICT_THRESHOLD: f64 = 0.05;

/// The figures of `records` that two or more sources publish with values more than
/// [`CONFLICT_THRESHOLD`] apart, largest difference first, the value `prefer` (the template's
/// order of preference of sources) shows first. Projections and the quality assessment's own
/// figures take no part.
pub fn source_conflicts(records: &[mp_domain::Record], prefer: &[String]) -> Vec<mp_profile::SourceConflict> {
    let figures: Vec<Figure> = records
        .iter()
        .filter(|r| r.dataset.source != mp_quality::score::SOURCE && r.status != mp_domain::ObsStatus::Forecast)
        .filter_map(Figure::from_record)
        .collect();
    mp_quality::conflicts::conflicts(&figures, prefer, CONFLICT_THRESHOLD)
        .into_iter()
        .filter_map(|c| {
            let ids: Option<Vec<i64>> = c.values.iter().map(|v| v.observation_id).collect();
            Some(mp_profile::SourceConflict { records: ids?, relative_difference: c.relative_difference })
        })
        .collect()
}

/// One stored quality score: a country's data, one data source (none: the country's data as a
/// whole, the mean of its sources' scores), one quality dimension (none: the weighted
/// composite), one type of source (none: all sources), 0–3, with its evidence.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ScoreOut {
    /// Country.
    pub area: String,
    /// Reference period of the assessment.
    pub period: String,
    /// `DQA_DIMENSION` code, `None` for the composite.
    pub dimension: Option<String>,
    /// `SOURCE_TYPE` code, `None` for all sources.
    pub source_type: Option<String>,
    /// `ASSESSED_SOURCE` code (the store's source code, or `NATIONAL` for the country's national
    /// submissions), `None` for the country's data as a whole.
    pub source: Option<String>,
    /// Score 0–3.
    pub score: f64,
    /// How it was obtained (the observation's footnote).
    pub evidence: Option<String>,
    /// The dataset it is stored in (`source@vintage`).
    pub dataset: String,
    /// The observation's id in the store.
    pub observation_id: i64,
}

/// One stored mirror-statistics gap of a country: overall (no partner) or one corridor.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct MirrorOut {
    /// Country of origin.
    pub area: String,
    /// Country of destination, `None` for the gap over all corridors.
    pub partner: Option<String>,
    /// Year compared.
    pub period: String,
    /// Gap in percent.
    pub gap_percent: f64,
    /// The two counts compared (the observation's footnote).
    pub evidence: Option<String>,
    /// The dataset it is stored in.
    pub dataset: String,
    /// The observation's id in the store.
    pub observation_id: i64,
}

/// The newest period's records of `indicator` for each of `areas`, any disaggregation.
async fn newest_of(store: &Store, indicator: &str, areas: &[AreaCode]) -> Result<Vec<mp_domain::Record>, ServiceError> {
    let Ok(code) = mp_domain::IndicatorCode::parse(indicator) else { return Ok(Vec::new()) };
    let q = ObsQuery { areas: areas.to_vec(), any_dims: true, ..ObsQuery::indicator(code) };
    let recs: Vec<mp_domain::Record> = store.records(&q).await?.into_iter().filter(|r| r.value.is_some()).collect();
    let mut newest: std::collections::HashMap<AreaCode, mp_domain::Period> = std::collections::HashMap::new();
    for r in &recs {
        let e = newest.entry(r.area.clone()).or_insert(r.period);
        if r.period > *e {
            *e = r.period;
        }
    }
    Ok(recs.into_iter().filter(|r| newest.get(&r.area) == Some(&r.period)).collect())
}

/// The newest quality scores (`DQA.SCORE`) of `areas`, by country, then data source (the
/// country's data as a whole first), then dimension.
///
/// The assessment repeats the scores the Technical Working Group entered (with the figure they
/// come from as evidence) beside those it computes, so where a country has been assessed only
/// the assessment's scores are listed, each dimension once.
pub async fn scores(store: &Store, areas: &[AreaCode]) -> Result<Vec<ScoreOut>, ServiceError> {
    let recs = newest_of(store, "DQA.SCORE", areas).await?;
    let assessed: HashSet<AreaCode> =
        recs.iter().filter(|r| r.dataset.source == mp_quality::score::SOURCE).map(|r| r.area.clone()).collect();
    let mut out: Vec<ScoreOut> = recs
        .into_iter()
        .filter(|r| r.dataset.source == mp_quality::score::SOURCE || !assessed.contains(&r.area))
        .filter_map(|r| {
            Some(ScoreOut {
                area: r.area.to_string(),
                period: r.period.to_string(),
                dimension: r.dims.get("DQA_DIMENSION").map(|c| c.to_string()),
                source_type: r.dims.get("SOURCE_TYPE").map(|c| c.to_string()),
                source: r.dims.get("ASSESSED_SOURCE").map(|c| c.to_string()),
                score: r.value?,
                evidence: r.footnote.clone(),
                dataset: r.dataset.to_string(),
                observation_id: r.id,
            })
        })
        .collect();
    out.sort_by(|a, b| (&a.area, &a.source, &a.source_type, &a.dimension).cmp(&(&b.area, &b.source, &b.source_type, &b.dimension)));
    Ok(out)
}

/// The newest mirror-statistics gaps (`DQA.MIRROR_GAP`) of `areas`: per country the overall gap
/// first, then the corridors, largest gap first.
pub async fn mirror_gaps(store: &Store, areas: &[AreaCode]) -> Result<Vec<MirrorOut>, ServiceError> {
    let mut out: Vec<MirrorOut> = newest_of(store, "DQA.MIRROR_GAP", areas)
        .await?
        .into_iter()
        .filter_map(|r| {
            Some(MirrorOut {
                area: r.area.to_string(),
                partner: r.dims.get("COUNTERPART_AREA").map(|c| c.to_string()),
                period: r.period.to_string(),
                gap_percent: r.value?,
                evidence: r.footnote.clone(),
                dataset: r.dataset.to_string(),
                observation_id: r.id,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        (&a.area, a.partner.is_some()).cmp(&(&b.area, b.partner.is_some())).then(b.gap_percent.abs().total_cmp(&a.gap_percent.abs()))
    });
    Ok(out)
}

/// Figures of `areas` that two or more sources publish more than `threshold` apart (relative
/// difference), largest first, with the value the template's order of preference shows.
pub async fn conflicts(
    store: &Store,
    areas: &[AreaCode],
    prefer: &[String],
    threshold: f64,
) -> Result<Vec<mp_quality::conflicts::Conflict>, ServiceError> {
    let q = ObsQuery { areas: areas.to_vec(), any_dims: true, ..ObsQuery::default() };
    let figures: Vec<Figure> = store
        .records(&q)
        .await?
        .iter()
        .filter(|r| r.dataset.source != mp_quality::score::SOURCE && r.status != mp_domain::ObsStatus::Forecast)
        .filter_map(Figure::from_record)
        .collect();
    Ok(mp_quality::conflicts::conflicts(&figures, prefer, threshold))
}

/// Severity of a stored outlier flag (the rules' warnings are `warning`).
pub const OUTLIER: &str = "outlier";

/// Runs the robust outlier tests over every series of `areas` (modified z-score, Hampel filter
/// and log-scale jumps over the newest vintage of each source; revisions between its two newest
/// vintages) and stores each flag with its figure as `outlier.<test>`, where reviewers see it
/// and can mark it "checked, correct" like a rule's warning (a flag raised again keeps its
/// review). Projections and the quality assessment's own figures are not tested. Only flags of
/// totals are stored: they are the figures the profile's tables and charts show, and the cells
/// of every breakdown (refugees by each country of origin…) would bury them under thousands of
/// small, volatile series; `mprofile quality outliers` lists those too. Returns every flag found
/// and how many were stored.
pub async fn store_outliers(
    store: &Store,
    fw: &Framework,
    areas: &[AreaCode],
) -> Result<(Vec<(Figure, mp_quality::outliers::Flag)>, usize), ServiceError> {
    let tested = |r: &mp_domain::Record| r.dataset.source != mp_quality::score::SOURCE && r.status != mp_domain::ObsStatus::Forecast;
    let q = ObsQuery { areas: areas.to_vec(), any_dims: true, ..ObsQuery::default() };
    let latest: Vec<Figure> = store.records(&q).await?.iter().filter(|r| tested(r)).filter_map(Figure::from_record).collect();
    let mut found = mp_quality::outliers::series_outliers(fw, &latest);
    let q = ObsQuery { areas: areas.to_vec(), any_dims: true, latest_only: false, ..ObsQuery::default() };
    let every: Vec<Figure> = store.records(&q).await?.iter().filter(|r| tested(r)).filter_map(Figure::from_record).collect();
    found.extend(mp_quality::outliers::vintage_revisions(&every));
    let flags: Vec<NewFlag> = found
        .iter()
        .filter(|(f, _)| f.dims.is_total())
        .map(|(f, fl)| NewFlag {
            source: f.dataset.source.clone(),
            vintage: f.dataset.vintage.clone(),
            indicator: f.indicator.to_string(),
            area: f.area.to_string(),
            period: f.period.to_string(),
            dims: f.dims.to_string(),
            rule: format!("outlier.{}", fl.method.as_str()),
            severity: OUTLIER.into(),
            message: format!("possible outlier ({}): {}", fl.method.as_str().replace('_', " "), fl.reason),
            value: fl.value,
            expected: fl.reason.clone(),
        })
        .collect();
    let saved = store.save_quality_flags(&flags).await?;
    Ok((found, saved))
}
