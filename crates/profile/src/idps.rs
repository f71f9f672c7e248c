//! Internally displaced persons: IDMC publishes a headline stock (conflict and violence, which
//! UNHCR redistributes), and a split by cause, sex and age that it models. mprofile's total is
//! summed from the modelled cells; wherever a reader meets that total (a sentence, a key
//! figure) the published headline is shown where it exists, and a summed total says it is one.

use crate::data::Data;
use crate::facts::IDMC_MODELLED_SOURCE;
use crate::model::Value;
use mp_domain::{AreaCode, DimensionKey, IndicatorCode, Period, Record};

/// The indicator of stocks of internally displaced persons.
pub const IDP_STOCK: &str = "IDP.STOCK";

/// Whether a figure is a total mprofile summed from IDMC's modelled cells.
pub fn is_summed(v: &Value) -> bool {
    !v.trace.is_empty() && v.trace.iter().all(|t| t.dataset.source == IDMC_MODELLED_SOURCE && t.locator.starts_with("sum of "))
}

/// Whether a stored record is such a total.
pub fn is_summed_record(r: &Record) -> bool {
    r.dataset.source == IDMC_MODELLED_SOURCE && r.locator.starts_with("sum of ")
}

/// IDMC's published headline (conflict and violence) for the period, where a source carries it.
pub fn headline<'a>(d: &Data<'a>, area: &AreaCode, period: &Period) -> Option<&'a Record> {
    let code = IndicatorCode::parse(IDP_STOCK).ok()?;
    let conflict = DimensionKey::parse("CAUSE=CONFLICT").ok()?;
    d.records(&code, area, &conflict)
        .into_iter()
        .find(|h| &h.period == period && !is_summed_record(h) && h.dataset.source != IDMC_MODELLED_SOURCE)
}
