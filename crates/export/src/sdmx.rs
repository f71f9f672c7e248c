//! SDMX-CSV 2.0: the observations of a download (or of `mprofile data export`), readable by
//! any SDMX tool and importable back by `mp-ingest`.

use mp_domain::{DimensionId, Framework, Observation, Period, Provenance, Record, UnitMult};
use std::collections::{BTreeMap, BTreeSet};

/// The dataflow mprofile writes its SDMX-CSV files under.
pub const EXPORT_DATAFLOW: &str = "MPROFILE:MIGRATION_PROFILE(1.0)";

/// A CSV field, quoted when it holds a comma, a quote, a line break or outer spaces (RFC 4180).
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) || s.trim() != s { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_string() }
}

/// Writes observations as SDMX-CSV 2.0 (`STRUCTURE=dataflow`, `STRUCTURE_ID=`[`EXPORT_DATAFLOW`]),
/// one column per dimension used by the indicators present: `_T` for a total, `_Z` where the
/// indicator has no such dimension. Values are written exactly (shortest round-trip form).
pub fn write_sdmx_csv(fw: &Framework, observations: &[Observation]) -> String {
    let mut dims: BTreeSet<DimensionId> = BTreeSet::new();
    for o in observations {
        if let Some(ind) = fw.indicator(&o.indicator) {
            dims.extend(ind.dimensions.iter().cloned());
        }
        dims.extend(o.dims.iter().map(|(d, _)| d.clone()));
    }
    let mut out = String::new();
    let mut header: Vec<String> = ["STRUCTURE", "STRUCTURE_ID", "ACTION", "REF_AREA", "INDICATOR"].iter().map(|s| s.to_string()).collect();
    header.extend(dims.iter().map(|d| d.to_string()));
    header.extend(["TIME_PERIOD", "OBS_VALUE", "OBS_STATUS", "UNIT_MULT", "COMMENT_OBS"].iter().map(|s| s.to_string()));
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for o in observations {
        let ind = fw.indicator(&o.indicator);
        let mut rec: Vec<String> = vec!["dataflow".into(), EXPORT_DATAFLOW.into(), "I".into(), o.area.to_string(), o.indicator.to_string()];
        for d in &dims {
            rec.push(match o.dims.get(d.as_str()) {
                Some(c) => c.to_string(),
                None if ind.is_none_or(|i| i.dimensions.contains(d)) => "_T".into(),
                None => "_Z".into(),
            });
        }
        rec.push(o.period.to_string());
        rec.push(o.value.map(|v| v.to_string()).unwrap_or_default());
        rec.push(o.status.code().to_string());
        rec.push(o.unit_mult.power().to_string());
        rec.push(o.footnote.clone().unwrap_or_default());
        let line: Vec<String> = rec.iter().map(|s| csv_field(s)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// SDMX-CSV 2.0 of stored records, one per key: the preferred source (`prefer`, a template's
/// order), newest vintage.
pub fn sdmx_of_records(fw: &Framework, prefer: &[String], records: &[Record]) -> String {
    let rank = |r: &Record| {
        (prefer.iter().position(|p| *p == r.dataset.source).unwrap_or(prefer.len()), std::cmp::Reverse(r.dataset.vintage.clone()))
    };
    let mut best: BTreeMap<(String, String, String, Period), &Record> = BTreeMap::new();
    for r in records {
        let k = (r.indicator.to_string(), r.area.to_string(), r.dims.to_string(), r.period);
        match best.get(&k) {
            Some(b) if rank(b) <= rank(r) => {}
            _ => {
                best.insert(k, r);
            }
        }
    }
    let obs: Vec<Observation> = best
        .values()
        .map(|r| Observation {
            indicator: r.indicator.clone(),
            area: r.area.clone(),
            period: r.period,
            dims: r.dims.clone(),
            value: r.value,
            status: r.status,
            // Stored values are already in units.
            unit_mult: UnitMult::default(),
            footnote: r.footnote.clone(),
            provenance: Provenance { file: 0, locator: r.locator.clone() },
        })
        .collect();
    write_sdmx_csv(fw, &obs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_when_needed() {
        assert_eq!(csv_field("a"), "a");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(csv_field(" x"), "\" x\"");
    }
}
