//! SDMX-CSV 2.0: the observations of a download, readable by any SDMX tool and importable back
//! by `mp-ingest`.

use mp_domain::{DimensionId, Framework, Observation, Provenance, Record, UnitMult};
use std::collections::BTreeSet;

/// The attribute column naming each row's source (its vintage is the dataflow's version).
pub const DATA_SOURCE: &str = "DATA_SOURCE";

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
    let rows: Vec<(&str, Option<&str>, &Observation)> = observations.iter().map(|o| (EXPORT_DATAFLOW, None, o)).collect();
    write_rows(fw, &rows)
}

/// Rows of (dataflow, its source's name, observation); a `DATA_SOURCE` attribute column, last,
/// when any row names its source. (Not `STRUCTURE_NAME`: SDMX-CSV readers such as pysdmx take
/// a name column after `STRUCTURE_ID` to mean the file has a name column after every id.)
fn write_rows(fw: &Framework, rows: &[(&str, Option<&str>, &Observation)]) -> String {
    let mut dims: BTreeSet<DimensionId> = BTreeSet::new();
    for (_, _, o) in rows {
        if let Some(ind) = fw.indicator(&o.indicator) {
            dims.extend(ind.dimensions.iter().cloned());
        }
        dims.extend(o.dims.iter().map(|(d, _)| d.clone()));
    }
    let named = rows.iter().any(|(_, n, _)| n.is_some());
    let mut out = String::new();
    let mut header: Vec<String> = vec!["STRUCTURE".into(), "STRUCTURE_ID".into()];
    header.extend(["ACTION", "REF_AREA", "INDICATOR"].iter().map(|s| s.to_string()));
    header.extend(dims.iter().map(|d| d.to_string()));
    header.extend(["TIME_PERIOD", "OBS_VALUE", "OBS_STATUS", "UNIT_MULT", "COMMENT_OBS"].iter().map(|s| s.to_string()));
    if named {
        header.push(DATA_SOURCE.into());
    }
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for (flow, name, o) in rows {
        let ind = fw.indicator(&o.indicator);
        let mut rec: Vec<String> = vec!["dataflow".into(), flow.to_string()];
        rec.extend(["I".to_string(), o.area.to_string(), o.indicator.to_string()]);
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
        if named {
            rec.push(name.unwrap_or_default().to_string());
        }
        let line: Vec<String> = rec.iter().map(|s| csv_field(s)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The dataflow a source's figures are written under: `MPROFILE:UN_WPP(2024)` for `un-wpp@2024`,
/// so each row names its source and vintage and a reader keeps the sources apart (reading the
/// file back gives one dataset per source, `mprofile-un-wpp@2024`).
pub fn source_dataflow(source: &str, vintage: &str) -> String {
    let id: String = source.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_uppercase() } else { '_' }).collect();
    let version: String = vintage.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '-' | '.') { c } else { '_' }).collect();
    format!("MPROFILE:{id}({version})")
}

/// SDMX-CSV 2.0 of stored records, every source side by side as the CSV download has them: each
/// row's dataflow ([`source_dataflow`]) names its source and vintage, and the [`DATA_SOURCE`]
/// attribute the source's own name.
pub fn sdmx_of_records(fw: &Framework, records: &[Record]) -> String {
    let mut sorted: Vec<&Record> = records.iter().collect();
    sorted.sort_by(|a, b| {
        (&a.dataset, a.indicator.as_str(), a.area.as_str(), a.dims.to_string(), a.period).cmp(&(
            &b.dataset,
            b.indicator.as_str(),
            b.area.as_str(),
            b.dims.to_string(),
            b.period,
        ))
    });
    let rows: Vec<(String, String, Observation)> = sorted
        .iter()
        .map(|r| {
            let o = Observation {
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
            };
            (source_dataflow(&r.dataset.source, &r.dataset.vintage), r.source_name.clone(), o)
        })
        .collect();
    let refs: Vec<(&str, Option<&str>, &Observation)> = rows.iter().map(|(f, n, o)| (f.as_str(), Some(n.as_str()), o)).collect();
    write_rows(fw, &refs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_source_is_a_dataflow() {
        assert_eq!(source_dataflow("un-wpp-wdi", "2024"), "MPROFILE:UN_WPP_WDI(2024)");
        assert_eq!(source_dataflow("idmc", "2025-05"), "MPROFILE:IDMC(2025-05)");
        assert_eq!(source_dataflow("x", "2024 rev"), "MPROFILE:X(2024_rev)");
    }

    #[test]
    fn fields_are_quoted_when_needed() {
        assert_eq!(csv_field("a"), "a");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(csv_field(" x"), "\" x\"");
    }
}
