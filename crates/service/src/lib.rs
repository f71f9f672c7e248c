//! mprofile use cases over the store, shared by the command line and the web portal: which
//! observations a document is built from (live data or a frozen edition) and building it.
//!
//! Invariant: the CLI and the web portal build a country's document the same way, so a profile
//! page and the published HTML/PDF cannot differ.

#![warn(missing_docs)]

pub mod json;
pub mod registry;

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
}

/// Today's date in UTC, `YYYY-MM-DD` (the data date of a live document).
pub fn today() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0) as i64;
    civil_date(secs)
}

/// `YYYY-MM-DD` of a Unix time (H. Hinnant's days-to-civil algorithm, to avoid a date crate).
pub fn civil_date(secs: i64) -> String {
    let z = secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

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
    let (records, narrative, as_of, label) = match edition {
        Some(label) => {
            let (info, recs) = store
                .edition(area, label)
                .await?
                .ok_or_else(|| ServiceError::NoEdition { area: area.to_string(), label: label.to_string() })?;
            (recs, store.narrative(area, Some(label)).await?, info.as_of, Some(label.to_string()))
        }
        None => (live_records(store, area).await?, store.narrative(area, None).await?, today(), None),
    };
    // A frozen edition shows the registry as it was frozen (nothing, if frozen without a copy).
    let registry = match edition {
        Some(l) => store.edition_registry(area, l).await?.unwrap_or_default(),
        None => store.registry_view(std::slice::from_ref(area)).await?,
    };
    let inputs = Inputs { framework: fw, areas, records: &records, narrative: &narrative, edition: label, as_of, registry: &registry };
    Ok(mp_profile::build_country(tpl, &inputs, area))
}

/// The regional comparison of the profile countries.
pub async fn regional_document(store: &Store, fw: &Framework, areas: &AreaRegistry, tpl: &Template) -> Result<Document, ServiceError> {
    let list: Vec<AreaCode> = areas.profile_countries().iter().map(|a| a.code.clone()).collect();
    let records = totals(store, &list).await?;
    let narrative = Narrative::new();
    let registry = store.registry_view(&list).await?;
    let inputs =
        Inputs { framework: fw, areas, records: &records, narrative: &narrative, edition: None, as_of: today(), registry: &registry };
    Ok(mp_profile::build_regional(tpl, &inputs, &list))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(951_782_400), "2000-02-29");
        assert_eq!(civil_date(1_795_737_600), "2026-11-27");
    }
}
