//! The checks `doctor` runs on what the store holds: which source owns which files, and values
//! no import should have let through.

use mp_ingest::sources::{PUBLIC_SOURCE_CODES, manifest};
use mp_store::{DatasetInfo, NATIONAL_PREFIX, ValueAnomaly};

/// Problems with the sources' ownership: a public source holding a file that is not one of its
/// publisher's (written by a national file, as older versions allowed), or a source that is
/// neither public nor in the national namespace. Empty when all is well.
pub fn source_owners(datasets: &[DatasetInfo]) -> Vec<String> {
    let mut out = Vec::new();
    for d in datasets {
        let code = d.source.code.as_str();
        if code.starts_with(NATIONAL_PREFIX) {
            continue;
        }
        if !PUBLIC_SOURCE_CODES.contains(&code) {
            out.push(format!(
                "source {code}@{} is neither a public source nor a national one ({NATIONAL_PREFIX}…): re-import its file, which now gets a namespaced code",
                d.vintage
            ));
            continue;
        }
        for f in &d.files {
            if !manifest::FILES.iter().any(|(p, _, _)| *p == f.path) {
                out.push(format!(
                    "public source {code}@{} (named `{}`) holds {}, which is not one of its publisher's files: a national file wrote into it; re-import the public source into a fresh store",
                    d.vintage, d.source.name, f.path
                ));
            }
        }
    }
    out
}

/// One line about the values found.
pub fn describe_anomalies(total: u64, first: &[ValueAnomaly]) -> String {
    let shown: Vec<String> =
        first.iter().map(|a| format!("{} {} {} = {} ({}, {})", a.indicator, a.area, a.period, a.value, a.dataset, a.problem)).collect();
    format!("{total} value(s) no import should accept, such as {}", shown.join("; "))
}
