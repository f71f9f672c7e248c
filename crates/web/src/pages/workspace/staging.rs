//! Reading a submitted file with the same readers as `mprofile import`, holding it to the
//! submitter's scope, and comparing it with what is published.
//!
//! A submission's figures are never in the observation table before publication: the file is
//! kept with the submission and read again to preview it and to publish it. Publishing imports it
//! through the store's all-or-nothing import, under the organisation's national source for its
//! own country (`nat-<iso3>-<org>`), so every public page, download and document shows
//! published figures only.

use crate::state::AppState;
use mp_domain::upload::Upload;
pub(crate) use mp_domain::upload::{ReadProblem as UploadProblem, ReadRejected as Rejected, UploadKind as Kind};
use mp_domain::{AreaCode, DatasetImport, Iso3, SourceInfo, ThemeCode};
use mp_store::{ObsQuery, OrgInfo};
use mp_workspace::ThemeSet;
use std::collections::{BTreeSet, HashMap};

/// Largest file accepted (the request body limit is a little above it, for the form fields).
pub(crate) const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;

/// Most problems listed for one upload; the rest are counted.
const MAX_LISTED: usize = 200;

/// The kind of `bytes` named `name`, told from its name and first bytes (never from what the
/// browser claims); `mapped` says a column mapping came with it.
pub(crate) fn detect_kind(name: &str, bytes: &[u8], mapped: bool) -> Result<Kind, Rejected> {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".xlsx") {
        return if bytes.starts_with(b"PK\x03\x04") {
            Ok(Kind::Xlsx)
        } else {
            Err(Rejected::one("the file is named .xlsx but is not an XLSX workbook (it does not start as a zip archive does)"))
        };
    }
    if lower.ends_with(".csv") || lower.ends_with(".txt") {
        let head = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let first = String::from_utf8_lossy(&head[..head.len().min(64)]).to_ascii_uppercase();
        if first.starts_with("DATAFLOW") || first.starts_with("STRUCTURE") {
            return Ok(Kind::Sdmx);
        }
        if mapped {
            return Ok(Kind::Csv);
        }
        return Err(Rejected::one(
            "a CSV file must be SDMX-CSV (first column DATAFLOW or STRUCTURE), or come with its column mapping (TOML)",
        ));
    }
    Err(Rejected::one("expected a filled submission template (.xlsx), an SDMX-CSV file (.csv) or a CSV file with its mapping"))
}

/// A file read, checked and held to its scope: ready to preview or to publish.
pub(crate) struct Staged {
    pub datasets: Vec<DatasetImport>,
    /// The themes its figures belong to.
    pub themes: BTreeSet<ThemeCode>,
}

impl Staged {
    pub(crate) fn observations(&self) -> usize {
        self.datasets.iter().map(|d| d.observations.len()).sum()
    }
}

/// Submissions read and checked, kept while the server runs: a file is immutable once stored
/// (keyed by submission, checksum, source and themes), and reading a workbook again at each page view cost
/// most of a preview.
#[derive(Default)]
pub(crate) struct StageCache(std::sync::Mutex<HashMap<String, std::sync::Arc<Staged>>>);

/// Most submissions kept; past it the cache starts again empty.
const MAX_CACHED: usize = 32;

impl StageCache {
    /// What a reading depends on: the submission, its file, its source and its themes.
    fn key(s: &mp_store::SubmissionInfo) -> String {
        format!("{}|{}|{}|{}|{}", s.id, s.file_sha256, s.source_code, s.country, s.themes)
    }

    pub(crate) fn get(&self, s: &mp_store::SubmissionInfo) -> Option<std::sync::Arc<Staged>> {
        self.0.lock().ok()?.get(&Self::key(s)).cloned()
    }

    pub(crate) fn put(&self, s: &mp_store::SubmissionInfo, staged: std::sync::Arc<Staged>) {
        if let Ok(mut m) = self.0.lock() {
            if m.len() >= MAX_CACHED {
                m.clear();
            }
            m.insert(Self::key(s), staged);
        }
    }
}

/// The national source an organisation's submissions for a country are published under.
pub(crate) fn source_code(country: &Iso3, org: &OrgInfo) -> String {
    format!("nat-{}-{}", country.as_str().to_ascii_lowercase(), org.code)
}

/// Reads a submitted file with the command line's readers (handed to the portal by the binary), then holds every observation to
/// the submitter's scope: the reference area must be `country`, the indicator's theme one of
/// `themes`. The datasets are renamed to the organisation's national source, so a submission
/// can never write another source.
#[allow(clippy::too_many_arguments)] // the file (name, bytes, kind, mapping) and the scope (country, organisation, themes)
pub(crate) fn read(
    st: &AppState,
    file_name: &str,
    bytes: Vec<u8>,
    kind: Kind,
    mapping: Option<&str>,
    country: &Iso3,
    org: &OrgInfo,
    themes: &ThemeSet,
    fw: &mp_domain::Framework,
) -> Result<Staged, Rejected> {
    let upload = Upload { name: file_name, bytes, kind, mapping };
    // `fw` is the country's framework: its national indicators are read like the others.
    let mut datasets = st.uploads().read(upload, fw, st.areas())?;
    let code = source_code(country, org);
    let want = AreaCode::Country(country.clone());
    let mut out = Rejected::default();
    let mut seen = BTreeSet::new();
    for ds in &mut datasets {
        ds.source = SourceInfo {
            code: code.clone(),
            name: format!("{} ({})", org.name, country),
            publisher: org.name.clone(),
            licence: String::new(),
            url: String::new(),
        };
        for o in &ds.observations {
            let problem = |column: &str, value: String, expected: String| UploadProblem {
                sheet: String::new(),
                row: o.provenance.locator.clone(),
                column: column.to_string(),
                value,
                expected,
            };
            if o.area != want {
                out.problems.push(problem("REF_AREA", o.area.to_string(), format!("{country}: this submission is for {country} only")));
            }
            match fw.indicator(&o.indicator) {
                Some(ind) => {
                    let covered = match themes {
                        ThemeSet::All => true,
                        ThemeSet::Some(set) => set.contains(&ind.theme),
                    };
                    if covered {
                        seen.insert(ind.theme.clone());
                    } else {
                        out.problems.push(problem(
                            "INDICATOR",
                            o.indicator.to_string(),
                            format!("an indicator of your themes ({themes}); {} is in theme {}", o.indicator, ind.theme),
                        ));
                    }
                }
                None => out.problems.push(problem("INDICATOR", o.indicator.to_string(), "an indicator of the framework".into())),
            }
        }
    }
    if datasets.iter().all(|d| d.observations.is_empty()) {
        out.problems.push(UploadProblem {
            sheet: String::new(),
            row: String::new(),
            column: String::new(),
            value: String::new(),
            expected: "at least one figure: the file holds none".into(),
        });
    }
    if !out.problems.is_empty() {
        out.more += out.problems.len().saturating_sub(MAX_LISTED);
        out.problems.truncate(MAX_LISTED);
        return Err(out);
    }
    Ok(Staged { datasets, themes: seen })
}

/// One figure of the preview.
pub(crate) struct PreviewRow {
    pub indicator: String,
    pub period: String,
    pub dims: String,
    pub value: Option<f64>,
    pub current: Option<f64>,
    pub change: Change,
}

/// What a figure would do to the published figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Change {
    New,
    Revised,
    Unchanged,
}

/// Compares the staged figures with the organisation's published ones (newest vintage).
pub(crate) async fn preview(st: &AppState, staged: &Staged, country: &Iso3, source: &str) -> Result<Vec<PreviewRow>, mp_store::StoreError> {
    let q = ObsQuery {
        areas: vec![AreaCode::Country(country.clone())],
        any_dims: true,
        source: Some((source.to_string(), None)),
        ..ObsQuery::default()
    };
    let current: HashMap<String, Option<f64>> =
        st.store().query(&q).await?.into_iter().map(|r| (format!("{}|{}|{}|{}", r.indicator, r.area, r.period, r.dims), r.value)).collect();
    let mut rows = Vec::new();
    for ds in &staged.datasets {
        for o in &ds.observations {
            let now = current.get(&o.key()).copied();
            let change = match now {
                None => Change::New,
                Some(v) if v == o.value => Change::Unchanged,
                Some(_) => Change::Revised,
            };
            rows.push(PreviewRow {
                indicator: o.indicator.to_string(),
                period: o.period.to_string(),
                dims: o.dims.to_string(),
                value: o.value,
                current: now.flatten(),
                change,
            });
        }
    }
    Ok(rows)
}

/// A warning of the validation rules, for reviewers.
pub(crate) struct RuleWarning {
    pub rule: String,
    pub figure: String,
    pub value: String,
    pub expected: String,
    pub message: String,
}

/// Runs the validation rules over a staged file, with the store as it is now as context (the
/// same check as `mprofile import`): errors refuse the file, each one a problem naming its row,
/// the figure, its value, the rule and what was expected; warnings are returned for reviewers.
pub(crate) async fn check_rules(
    st: &AppState,
    staged: &Staged,
    lang: mp_domain::Lang,
) -> Result<Result<Vec<mp_quality::Violation>, Rejected>, mp_service::ServiceError> {
    let checked = mp_service::quality::check_before_store(st.store(), st.rules(), st.framework(), &staged.datasets).await?;
    if checked.passes() {
        return Ok(Ok(checked.warnings));
    }
    let mut out = Rejected::default();
    for v in &checked.errors {
        out.problems.push(UploadProblem {
            sheet: String::new(),
            row: v.figure.at.locator.clone(),
            column: v.figure.label(),
            value: mp_quality::rules::num(v.figure.value),
            expected: rule_text(v, lang),
        });
    }
    out.more += out.problems.len().saturating_sub(MAX_LISTED);
    out.problems.truncate(MAX_LISTED);
    Ok(Err(out))
}

/// "rule R: expected E. What the rule says.", in `lang`.
fn rule_text(v: &mp_quality::Violation, lang: mp_domain::Lang) -> String {
    crate::pages::ma(
        lang,
        "ws-rule-problem",
        &[("rule", &v.rule), ("expected", &v.expected), ("message", &crate::pages::tr(&v.message, lang))],
    )
}

/// The warnings as the submission page lists them.
pub(crate) fn warning_views(warnings: &[mp_quality::Violation], lang: mp_domain::Lang) -> Vec<RuleWarning> {
    warnings
        .iter()
        .map(|v| RuleWarning {
            rule: v.rule.clone(),
            figure: v.figure.label(),
            value: mp_quality::rules::num(v.figure.value),
            expected: v.expected.clone(),
            message: crate::pages::tr(&v.message, lang),
        })
        .collect()
}
