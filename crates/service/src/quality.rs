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
