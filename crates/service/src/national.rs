//! A country's framework: the regional framework with the country's national extension, the
//! newest version the TWG approved (kept in the store), else the one of the framework files.
//! Every country document, draft and template is built with it; the regional report and every
//! comparison between countries use the regional framework alone.

use crate::ServiceError;
use mp_domain::{AreaCode, Framework};
use mp_store::Store;

/// The framework of `area`: `fw` with the country's national indicators (for a group, `fw`).
pub async fn country_framework(store: &Store, fw: &Framework, area: &AreaCode) -> Result<Framework, ServiceError> {
    country_framework_at(store, fw, area, None).await
}

/// The framework of `area` as it was at `at` (a UTC time `YYYY-MM-DDTHH:MM:SSZ`, such as an
/// edition's freezing time): the extension version approved by then; `None` for the newest.
pub async fn country_framework_at(store: &Store, fw: &Framework, area: &AreaCode, at: Option<&str>) -> Result<Framework, ServiceError> {
    let AreaCode::Country(iso) = area else { return Ok(fw.clone()) };
    let versions = store.framework_extensions(iso).await?;
    // The store's times share one format, so text order is time order.
    let ext = versions.into_iter().rev().find(|v| at.is_none_or(|t| v.created_at.as_str() <= t));
    match ext {
        Some(ext) => Ok(fw
            .with_extension(iso, &ext.body)
            .map_err(|e| ServiceError::Extension(format!("{iso}'s framework extension, version {}: {e}", ext.version)))?
            .for_country(iso)),
        None => Ok(fw.for_country(iso)),
    }
}
