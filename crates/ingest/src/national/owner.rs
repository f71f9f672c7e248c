//! Who a national file may write for: its own country's and organisation's sources only.
//!
//! Every national source code is namespaced `nat-<country>-<organisation>-…` (the country is
//! the one the file reports on, the organisation comes from the dataflow agency, the mapping's
//! code or the template's publisher), so a ministry's file can never add to, change or rename a
//! public source (which never starts with `nat-`) or another country's source. A file whose
//! source claims a public source's code is refused with a message saying so; the store checks
//! the namespace again for every batch (`mp_store::Origin`).

use crate::context::ReadReport;
use crate::error::{IngestError, Problem};
use crate::files::InputFile;
use crate::sources::public_source_of;
use mp_domain::AreaCode;
use std::collections::BTreeSet;

/// The prefix of every national source code.
pub const NATIONAL_PREFIX: &str = "nat-";

/// The namespaced code of a national source reporting on `country` (ISO alpha-3): `sen-ansd-x`,
/// `ansd-x` and `nat-sen-ansd-x` all give `nat-sen-ansd-x`. Refused when what is left names a
/// public source.
pub fn national_code(country: &str, code: &str) -> Result<String, String> {
    let iso = country.to_ascii_lowercase();
    let bare = code.strip_prefix(NATIONAL_PREFIX).unwrap_or(code);
    let bare = bare.strip_prefix(&format!("{iso}-")).unwrap_or(bare);
    if let Some(public) = public_source_of(bare).or_else(|| public_source_of(code)) {
        return Err(format!(
            "the source `{code}` is `{public}`, a public source mprofile imports from its publisher: a national file cannot add to, change or rename it; expected your organisation's own source code or dataflow, such as ANSD:MIGR_CENSUS(1.0)"
        ));
    }
    if bare.is_empty() || bare.len() == 3 && bare.chars().all(|c| c.is_ascii_lowercase()) && code.starts_with(NATIONAL_PREFIX) {
        return Err(format!(
            "the source `{code}` names no organisation: expected {NATIONAL_PREFIX}{iso}-<organisation>-<name>, such as {NATIONAL_PREFIX}{iso}-ansd-census"
        ));
    }
    Ok(format!("{NATIONAL_PREFIX}{iso}-{bare}"))
}

/// The last step of every national reader: refuses a file without figures, finds the one
/// country it reports on and namespaces each dataset's source code, refusing public sources.
pub(crate) fn claim(file: &InputFile, mut report: ReadReport) -> Result<ReadReport, IngestError> {
    let f = file.display.as_str();
    if report.rows_read == 0 {
        return Err(IngestError::one(Problem::file(f, "no data rows: expected figures in the rows below the header")));
    }
    if report.observations() == 0 {
        let why: Vec<String> = report.skipped.iter().map(|s| format!("{} row(s): {}", s.rows, s.reason)).collect();
        return Err(IngestError::one(Problem::file(
            f,
            format!(
                "no figure to import: {} row(s) read, all left out ({}); expected at least one figure",
                report.rows_read,
                if why.is_empty() { "no reason recorded".to_string() } else { why.join("; ") }
            ),
        )));
    }
    let mut problems = Vec::new();
    for ds in &mut report.datasets {
        let countries: BTreeSet<&str> = ds
            .observations
            .iter()
            .filter_map(|o| match &o.area {
                AreaCode::Country(c) => Some(c.as_str()),
                AreaCode::Group(_) => None,
            })
            .collect();
        let mut p = |msg: String| {
            let mut p = Problem::file(f, msg);
            p.column = Some("source".into());
            p.value = Some(ds.source.code.clone());
            problems.push(p);
        };
        let country = match countries.iter().collect::<Vec<_>>()[..] {
            [c] => *c,
            [] => {
                p("no figure for a country: a national file reports on its own country; expected REF_AREA (or area) to be a profile country such as SEN".into());
                continue;
            }
            ref many => {
                p(format!(
                    "figures for {} countries ({}): a national file reports on one country; expected one file per country",
                    many.len(),
                    many.iter().take(10).map(|c| c.to_string()).collect::<Vec<_>>().join(", ")
                ));
                continue;
            }
        };
        match national_code(country, &ds.source.code) {
            Ok(code) => ds.source.code = code,
            Err(e) => p(e),
        }
    }
    if problems.is_empty() { Ok(report) } else { Err(IngestError::many(problems)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_namespaced_once() {
        assert_eq!(national_code("SEN", "ansd-census").unwrap(), "nat-sen-ansd-census");
        assert_eq!(national_code("SEN", "sen-ansd-census").unwrap(), "nat-sen-ansd-census");
        assert_eq!(national_code("SEN", "nat-sen-ansd-census").unwrap(), "nat-sen-ansd-census");
        // Another country's namespace stays inside this country's.
        assert_eq!(national_code("SEN", "nat-mli-x").unwrap(), "nat-sen-mli-x");
    }

    #[test]
    fn public_codes_are_refused() {
        for code in ["undesa-ims", "sen-undesa-ims", "nat-sen-undesa-ims", "unhcr", "un-wpp", "wb-wdi", "undesa-ims-2024"] {
            let e = national_code("SEN", code).unwrap_err();
            assert!(e.contains("public source"), "{code}: {e}");
        }
        assert!(national_code("SEN", "nat-sen").is_err());
    }
}
