//! mprofile use cases over the store, shared by the command line and the web portal: which
//! observations a document is built from (live data or a frozen edition) and building it, and
//! the validation rules every import and web submission meets before anything is stored.
//!
//! Invariant: the CLI and the web portal build a country's document the same way, so a profile
//! page and the published HTML/PDF cannot differ.

#![warn(missing_docs)]

pub mod findings;
pub mod guide;
pub mod json;
pub mod meeting_report;
pub mod national;
pub mod quality;
pub mod registry;
pub mod registry_workbook;

use mp_domain::{AreaCode, AreaRegistry, Framework, Record};
use mp_profile::{Document, Inputs, Narrative, Template};
use mp_store::{ObsQuery, Store, StoreError};

/// A document could not be built.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The edition asked for does not exist.
    #[error("no edition {label} of {area}: see `mprofile edition list`")]
    NoEdition {
        /// The country.
        area: String,
        /// The label asked for.
        label: String,
    },
    /// A country's framework extension in the store no longer loads.
    #[error("{0}")]
    Extension(String),
}

pub use mp_text::today;

/// Every observation of an area, any disaggregation, newest vintage of each source: what a
/// country's document is built from.
pub async fn live_records(store: &Store, area: &AreaCode) -> Result<Vec<Record>, ServiceError> {
    let q = ObsQuery { areas: vec![area.clone()], any_dims: true, ..ObsQuery::default() };
    Ok(store.records(&q).await?)
}

/// Totals of several areas (the regional report compares totals only).
pub async fn totals(store: &Store, areas: &[AreaCode]) -> Result<Vec<Record>, ServiceError> {
    let q = ObsQuery { areas: areas.to_vec(), ..ObsQuery::default() };
    Ok(store.records(&q).await?)
}

/// A country's document from live data, or from a frozen edition when `edition` is given.
pub async fn country_document(
    store: &Store,
    fw: &Framework,
    areas: &AreaRegistry,
    tpl: &Template,
    area: &AreaCode,
    edition: Option<&str>,
) -> Result<Document, ServiceError> {
    let mut frozen_at = None;
    let (records, narrative, as_of, label) = match edition {
        Some(label) => {
            let (info, recs) = store
                .edition(area, label)
                .await?
                .ok_or_else(|| ServiceError::NoEdition { area: area.to_string(), label: label.to_string() })?;
            frozen_at = Some(info.created_at);
            (recs, store.narrative(area, Some(label)).await?, info.as_of, Some(label.to_string()))
        }
        None => (live_records(store, area).await?, store.narrative(area, None).await?, today(), None),
    };
    // A frozen edition keeps the national indicators of its day, so it rebuilds to the same bytes.
    let fw = &national::country_framework_at(store, fw, area, frozen_at.as_deref()).await?;
    // A frozen edition shows the registry as it was frozen (nothing, if frozen without a copy).
    let registry = match edition {
        Some(l) => store.edition_registry(area, l).await?.unwrap_or_default(),
        None => store.registry_view(std::slice::from_ref(area)).await?,
    };
    let conflicts = quality::source_conflicts(&records, &tpl.prefer);
    let previous = previous_edition(store, area, edition).await?;
    let findings = findings::findings(store, area).await?;
    let inputs = Inputs {
        framework: fw,
        areas,
        records: &records,
        narrative: &narrative,
        edition: label,
        as_of,
        registry: &registry,
        conflicts: &conflicts,
        previous: previous.as_ref().map(|(l, r)| mp_profile::PreviousEdition { label: l, records: r }),
        findings: &findings,
    };
    Ok(mp_profile::build_country(tpl, &inputs, area))
}

/// The edition of `area` published before `edition` (before any, for live data): its label and
/// frozen records, whose forecasts the next document sets against what happened since.
pub async fn previous_edition(
    store: &Store,
    area: &AreaCode,
    edition: Option<&str>,
) -> Result<Option<(String, Vec<Record>)>, ServiceError> {
    let list = store.editions(Some(area)).await?;
    let before = match edition {
        Some(label) => match list.iter().position(|e| e.label == label) {
            Some(i) => i.checked_sub(1).and_then(|j| list.get(j)),
            None => None,
        },
        None => list.last(),
    };
    let Some(info) = before else { return Ok(None) };
    Ok(store.edition(area, &info.label).await?.map(|(i, recs)| (i.label, recs)))
}

/// A country's document from `records` instead of the store's observations, with the live
/// narrative and registry: a members' draft, whose records add the figures of submissions not
/// yet published to the published ones.
pub async fn country_document_from(
    store: &Store,
    fw: &Framework,
    areas: &AreaRegistry,
    tpl: &Template,
    area: &AreaCode,
    records: &[Record],
) -> Result<Document, ServiceError> {
    let fw = &national::country_framework(store, fw, area).await?;
    let narrative = store.narrative(area, None).await?;
    let registry = store.registry_view(std::slice::from_ref(area)).await?;
    let conflicts = quality::source_conflicts(records, &tpl.prefer);
    let previous = previous_edition(store, area, None).await?;
    let findings = findings::findings(store, area).await?;
    let inputs = Inputs {
        framework: fw,
        areas,
        records,
        narrative: &narrative,
        edition: None,
        as_of: today(),
        registry: &registry,
        conflicts: &conflicts,
        previous: previous.as_ref().map(|(l, r)| mp_profile::PreviousEdition { label: l, records: r }),
        findings: &findings,
    };
    Ok(mp_profile::build_country(tpl, &inputs, area))
}

/// The regional comparison of the profile countries.
pub async fn regional_document(store: &Store, fw: &Framework, areas: &AreaRegistry, tpl: &Template) -> Result<Document, ServiceError> {
    let list: Vec<AreaCode> = areas.profile_countries().iter().map(|a| a.code.clone()).collect();
    let records = totals(store, &list).await?;
    let narrative = Narrative::new();
    let registry = store.registry_view(&list).await?;
    let inputs = Inputs {
        framework: fw,
        areas,
        records: &records,
        narrative: &narrative,
        edition: None,
        as_of: today(),
        registry: &registry,
        conflicts: &[],
        previous: None,
        findings: &[],
    };
    Ok(mp_profile::build_regional(tpl, &inputs, &list))
}
