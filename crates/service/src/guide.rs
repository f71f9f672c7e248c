//! The data-collection guide of an organisation in a country, as the command line and the
//! workspace build it: its assigned themes and the edition's deadline read from the store, the
//! document generated from the framework (`mp_profile::collection_guide`).

use crate::ServiceError;
use mp_domain::{AreaCode, AreaRegistry, Framework, Iso3, ThemeCode};
use mp_profile::Document;
use mp_profile::collection_guide::{GuideFor, build_guide};
use mp_store::{OrgInfo, Store};
use mp_workspace::ThemeSet;

/// The guide of `org` in `country`, dated `as_of`; `None` when the country is not in `areas`.
/// An organisation with no data provider assigned there gets a guide that says so.
pub async fn guide_document(
    store: &Store,
    fw: &Framework,
    areas: &AreaRegistry,
    org: &OrgInfo,
    country: &Iso3,
    as_of: &str,
) -> Result<Option<Document>, ServiceError> {
    let code = AreaCode::Country(country.clone());
    let Some(area) = areas.get(&code) else { return Ok(None) };
    let themes: Option<Vec<ThemeCode>> = match store.org_assignment(org.id, country).await? {
        Some(ThemeSet::All) => None,
        Some(ThemeSet::Some(s)) => Some(s.into_iter().collect()),
        None => Some(Vec::new()),
    };
    let deadline = store.collection_deadline(country).await?;
    let who = GuideFor {
        organisation: &org.name,
        country: &code,
        country_name: &area.name,
        themes: themes.as_deref(),
        deadline: deadline.as_ref().map(|d| (d.edition.as_str(), d.deadline.as_str())),
    };
    Ok(Some(build_guide(fw, &who, as_of)))
}

/// The file name of a guide (without extension): `collection-guide-SEN-ansd-fr`.
pub fn guide_file_stem(country: &Iso3, org: &OrgInfo, lang: mp_domain::Lang) -> String {
    format!("{}-{country}-{}-{}", mp_profile::collection_guide::GUIDE_ID, org.code, lang.code())
}
