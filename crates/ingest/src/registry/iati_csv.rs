//! Projects from the flat activity CSV that agencies and TWG secretariats download from the
//! IATI datastore (the "activity" CSV export, one row per activity; several values in one cell
//! are separated by `;`).
//!
//! Columns read (the export's own names): `iati-identifier`, `title`, `reporting-org`,
//! `reporting-org-ref`, `recipient-country-code` (ISO alpha-2), required; `activity-status-code`,
//! `start-planned`, `end-planned`, `start-actual`, `end-actual` (YYYY-MM-DD; the actual date wins),
//! `participating-org (Funding)` (donors), `participating-org (Implementing)`, `sector-code`,
//! `default-currency`, `currency`, `total-Commitment`, `last-updated-datetime`, optional. The
//! export has no budget column: the total commitment stands in for the project's budget, in
//! `currency` or else `default-currency`. Like the XML, the export has no field for the
//! profile's 14 themes: a TWG may add a column `mprofile-themes` (`T05 T09`). Other columns are
//! ignored. A file may hold the activities of several reporting organisations: each becomes
//! the import of its own source, `iati-<org-ref>`, all stored in one transaction.
//!
//! Every problem names the file, the row and the column; one problem refuses the whole file.

use crate::context::Context;
use crate::error::{IngestError, Problem, Problems};
use crate::files::InputFile;
use mp_domain::registry::{Currency, Date, Money, Project, ProjectStatus};
use mp_domain::{AreaCode, Provenance, RegistryImport, SourceInfo, ThemeCode};
use std::collections::{BTreeSet, HashMap};

/// Columns every file must have.
pub const REQUIRED: &[&str] = &["iati-identifier", "title", "reporting-org", "reporting-org-ref", "recipient-country-code"];
/// The column a TWG may add with the profile's themes of each activity.
pub const THEMES: &str = "mprofile-themes";

fn split(s: &str) -> Vec<String> {
    s.split(';').map(str::trim).filter(|x| !x.is_empty()).map(str::to_string).collect()
}

/// Reads an IATI activity CSV into one registry import per reporting organisation. `vintage`
/// overrides the newest `last-updated-datetime` date of the file.
pub fn read(input: &InputFile, ctx: &Context, vintage: Option<&str>) -> Result<Vec<RegistryImport>, IngestError> {
    let text = input.text()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let file = input.display.as_str();
    let mut problems = Problems::default();
    let mut rd = csv::ReaderBuilder::new().has_headers(true).flexible(false).from_reader(text.as_bytes());
    let header: Vec<String> = match rd.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_string()).collect(),
        Err(e) => return Err(IngestError::one(Problem::file(file, format!("the header row cannot be read ({e})")))),
    };
    let missing: Vec<&str> = REQUIRED.iter().copied().filter(|c| !header.iter().any(|h| h == c)).collect();
    if !missing.is_empty() {
        return Err(IngestError::one(Problem::file(
            file,
            format!(
                "missing column(s) {}: expected the IATI datastore activity CSV export (columns {})",
                missing.join(", "),
                REQUIRED.join(", ")
            ),
        )));
    }
    let col = |name: &str| header.iter().position(|h| h == name);
    let mut projects: Vec<(String, String, Project)> = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut updated: Option<Date> = None;
    for rec in rd.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let row = e.position().map(|p| p.line()).unwrap_or(0);
                problems.push(Problem::cell(
                    file,
                    row,
                    "(row)",
                    "",
                    format!("the row cannot be read ({e}): expected {} columns", header.len()),
                ));
                break;
            }
        };
        let row = rec.position().map(|p| p.line()).unwrap_or(0);
        let get = |name: &str| col(name).and_then(|i| rec.get(i)).map(str::trim).unwrap_or("");
        let mut bad = |column: &str, value: &str, expected: String| problems.push(Problem::cell(file, row, column, value, expected));
        let identifier = get("iati-identifier").to_string();
        if identifier.is_empty() {
            bad("iati-identifier", "", "the activity's IATI identifier".into());
            continue;
        }
        if let Some(first) = seen.insert(identifier.clone(), row) {
            bad("iati-identifier", &identifier, format!("an identifier not already given (first on row {first})"));
            continue;
        }
        let title = get("title").to_string();
        if title.is_empty() {
            bad("title", "", "the activity's title".into());
        }
        let org_ref = get("reporting-org-ref").to_string();
        if org_ref.is_empty() {
            bad("reporting-org-ref", "", "the reporting organisation's identifier, e.g. XM-DAC-47066".into());
        }
        let mut countries: Vec<AreaCode> = Vec::new();
        for c in split(get("recipient-country-code")) {
            match ctx.areas.all().iter().find(|a| a.iso2.as_deref() == Some(c.to_ascii_uppercase().as_str())) {
                Some(a) if !countries.contains(&a.code) => countries.push(a.code.clone()),
                Some(_) => {}
                None => bad("recipient-country-code", &c, "an ISO 3166 alpha-2 country code such as SN".into()),
            }
        }
        if countries.is_empty() && get("recipient-country-code").is_empty() {
            bad("recipient-country-code", "", "at least one recipient country (ISO alpha-2, several separated by ;)".into());
        }
        let status = match get("activity-status-code") {
            "" => None,
            s => match ProjectStatus::from_iati(s) {
                Some(st) => Some(st),
                None => {
                    bad("activity-status-code", s, "an IATI ActivityStatus code, 1 to 6".into());
                    None
                }
            },
        };
        let mut date = |name: &str| match get(name) {
            "" => None,
            s => match Date::parse(s) {
                Ok(d) => Some(d),
                Err(_) => {
                    problems.push(Problem::cell(file, row, name, s, "a date YYYY-MM-DD"));
                    None
                }
            },
        };
        let (sp, ep, sa, ea) = (date("start-planned"), date("end-planned"), date("start-actual"), date("end-actual"));
        if let Some(u) = date("last-updated-datetime") {
            updated = updated.max(Some(u));
        }
        let mut bad = |column: &str, value: &str, expected: String| problems.push(Problem::cell(file, row, column, value, expected));
        let mut themes = Vec::new();
        for t in get(THEMES).split([';', ' ', ',']).filter(|t| !t.trim().is_empty()) {
            match ThemeCode::parse(t.trim()).ok().filter(|c| ctx.framework.theme(c).is_some()) {
                Some(c) if !themes.contains(&c) => themes.push(c),
                Some(_) => {}
                None => bad(THEMES, t, "theme codes of the profile, T01 to T14, separated by spaces".into()),
            }
        }
        let budget = match get("total-Commitment") {
            "" => None,
            v => match v.replace([',', ' '], "").parse::<f64>().ok().filter(|x| x.is_finite() && *x >= 0.0) {
                None => {
                    bad("total-Commitment", v, "an amount, a number of at least 0".into());
                    None
                }
                Some(value) => {
                    let (cur_col, cur) = if get("currency").is_empty() {
                        ("default-currency", get("default-currency"))
                    } else {
                        ("currency", get("currency"))
                    };
                    match Currency::parse(cur) {
                        Ok(currency) => Some(Money { value, currency }),
                        Err(_) => {
                            bad(cur_col, cur, "the ISO 4217 currency of the commitment (currency or default-currency), e.g. USD".into());
                            None
                        }
                    }
                }
            },
        };
        let project = Project {
            identifier,
            title,
            reporting_org: get("reporting-org").to_string(),
            implementing: split(get("participating-org (Implementing)")),
            donors: split(get("participating-org (Funding)")),
            countries,
            themes,
            sectors: split(get("sector-code")).into_iter().collect::<BTreeSet<_>>().into_iter().collect(),
            start: sa.or(sp),
            end: ea.or(ep),
            status,
            budget,
            results: None,
            provenance: Provenance { file: 0, locator: format!("row {row}") },
        };
        projects.push((org_ref, get("reporting-org").to_string(), project));
    }
    if projects.is_empty() && problems.is_empty() {
        problems.push(Problem::file(file, "expected at least one activity row after the header"));
    }
    let vintage = match vintage.map(str::to_string).or_else(|| updated.map(|d| d.to_string())) {
        Some(v) if !v.trim().is_empty() => v,
        _ => {
            problems.push(Problem::file(
                file,
                "expected a last-updated-datetime column with dates, or give --vintage (the date of the download)",
            ));
            String::new()
        }
    };
    let mut imports: Vec<RegistryImport> = Vec::new();
    for (org_ref, org_name, p) in projects {
        let code = super::iati::source_code(&org_ref);
        match imports.iter_mut().find(|i| i.source.code == code) {
            Some(i) => i.projects.push(p),
            None => imports.push(RegistryImport {
                source: SourceInfo {
                    code,
                    name: format!("IATI activities of {}", if org_name.is_empty() { org_ref.clone() } else { org_name }),
                    publisher: org_ref,
                    licence: "as published by the reporting organisation to the IATI Registry".into(),
                    url: "https://datastore.iatistandard.org/".into(),
                },
                vintage: vintage.clone(),
                files: vec![input.info()],
                instruments: Vec::new(),
                ratifications: Vec::new(),
                institutions: Vec::new(),
                projects: vec![p],
            }),
        }
    }
    problems.finish(imports)
}
