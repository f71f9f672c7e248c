//! A country's framework: the regional framework with the country's national extension, the
//! newest version the TWG approved (kept in the store), else the one of the framework files.
//! Every country document, draft and template is built with it; the regional report and every
//! comparison between countries use the regional framework alone.

use crate::ServiceError;
use mp_domain::{AreaCode, Framework};
use mp_store::Store;

/// The framework of `area`: `fw` with the country's national indicators (for a group, `fw`).
pub async fn country_framework(store: &Store, fw: &Framework, area: &AreaCode) -> Result<Framework, ServiceError> {
    let AreaCode::Country(iso) = area else { return Ok(fw.clone()) };
    match store.framework_extension(iso).await? {
        Some(ext) => Ok(fw
            .with_extension(iso, &ext.body)
            .map_err(|e| ServiceError::Extension(format!("{iso}'s framework extension, version {}: {e}", ext.version)))?
            .for_country(iso)),
        None => Ok(fw.for_country(iso)),
    }
}
