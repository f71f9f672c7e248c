//! UN DESA Population Division, World Population Prospects 2024, from the wide tab-separated
//! files of the `wpp2024` R package: one row per location (M49 code, or WPP's own code for an
//! aggregate), one column per year (estimates 1950–2023, projections 2024–2100).

use super::{PublicSource, UpstreamFile};
use crate::context::{Context, DatasetBuilder, Obs, ReadReport, Skips, checked};
use crate::error::{IngestError, Problem, Problems};
use crate::files::InputFile;
use crate::table::{Row, Table};
use mp_domain::{AreaCode, ObsStatus, Period, SourceInfo};
use std::path::Path;

/// How a file's columns relate to estimates and projections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Estimates; a `last.observed` column, when present, marks later years as estimated.
    Estimate,
    /// Estimates that run on into projections (sexRatio goes to 2100): 2024 on is a forecast.
    EstimateThenProjection,
    /// A projection: every value is a forecast.
    Projection,
    /// A projection by five-year period (`2020-2025` = 1 July 2020 to 30 June 2025), published
    /// as the total over the period.
    FiveYearProjection,
}

/// What one file holds and how its values are stored.
#[derive(Debug, Clone, Copy)]
struct Spec {
    indicator: &'static str,
    kind: Kind,
    /// Power of ten applied to the published figure (3: thousands to persons).
    scale: i32,
    /// Footnote saying how the published unit was converted.
    conversion: Option<&'static str>,
    sex: Option<&'static str>,
    /// CL_VARIANT code; `None` is the medium variant.
    variant: Option<&'static str>,
}

const THOUSANDS: Option<&str> = Some("Published in thousands; converted to persons");

const fn spec(indicator: &'static str, kind: Kind, scale: i32, conversion: Option<&'static str>) -> Spec {
    Spec { indicator, kind, scale, conversion, sex: None, variant: None }
}

const fn sex(s: Spec, code: &'static str) -> Spec {
    Spec { sex: Some(code), ..s }
}

const fn variant(s: Spec, code: &'static str) -> Spec {
    Spec { variant: Some(code), ..s }
}

/// Declares the files once, so the file list and the table of specs cannot drift apart.
macro_rules! wpp_files {
    ($($name:literal => $spec:expr),* $(,)?) => {
        const FILES: &[UpstreamFile] = &[$(UpstreamFile {
            path: concat!("un-wpp2024/", $name, ".txt"),
            url: concat!("https://raw.githubusercontent.com/PPgp/wpp2024/2da7768ae64fc74105d3f9e98f9a74d37b62f99a/data-raw/", $name, ".txt"),
            converted: false,
        }),*];
        const SPECS: &[(&str, Spec)] = &[$(($name, $spec)),*];
    };
}

use Kind::{Estimate, EstimateThenProjection, FiveYearProjection, Projection};

wpp_files! {
    "migration" => spec("NET.MIG", Estimate, 3, THOUSANDS),
    "cnmr" => spec("NET.RATE", Estimate, 0, None),
    "PopChange" => spec("DEV.POP_CHANGE", Estimate, 3, THOUSANDS),
    "births" => spec("DEV.BIRTHS", Estimate, 3, THOUSANDS),
    "deaths" => spec("DEV.DEATHS", Estimate, 3, THOUSANDS),
    "cbr" => spec("DEV.CBR", Estimate, 0, None),
    "cdr" => spec("DEV.CDR", Estimate, 0, None),
    "growthrate" => spec("DEV.POP_GR", Estimate, 0, None),
    "NatChangeRT" => spec("DEV.NAT_CHANGE_RT", Estimate, 0, None),
    "tfr" => spec("DEV.TFR", Estimate, 0, None),
    "e0B" => spec("DEV.LE", Estimate, 0, None),
    "e0F" => sex(spec("DEV.LE", Estimate, 0, None), "F"),
    "e0M" => sex(spec("DEV.LE", Estimate, 0, None), "M"),
    "sexRatio" => spec("DEV.SEX_RATIO", EstimateThenProjection, 2, Some("Published as males per female; converted to males per 100 females")),
    "popprojMed" => spec("FCT.POP", Projection, 3, THOUSANDS),
    "popprojLow" => variant(spec("FCT.POP", Projection, 3, THOUSANDS), "LOW"),
    "popprojHigh" => variant(spec("FCT.POP", Projection, 3, THOUSANDS), "HIGH"),
    "popproj80l" => variant(spec("FCT.POP", Projection, 3, THOUSANDS), "LO80"),
    "popproj80u" => variant(spec("FCT.POP", Projection, 3, THOUSANDS), "HI80"),
    "popproj95l" => variant(spec("FCT.POP", Projection, 3, THOUSANDS), "LO95"),
    "popproj95u" => variant(spec("FCT.POP", Projection, 3, THOUSANDS), "HI95"),
    "migrationprojMed" => spec("FCT.NETMIG_ABS", Projection, 3, THOUSANDS),
    "migrationproj80l" => variant(spec("FCT.NETMIG_ABS", Projection, 3, THOUSANDS), "LO80"),
    "migrationproj80u" => variant(spec("FCT.NETMIG_ABS", Projection, 3, THOUSANDS), "HI80"),
    "migrationproj95l" => variant(spec("FCT.NETMIG_ABS", Projection, 3, THOUSANDS), "LO95"),
    "migrationproj95u" => variant(spec("FCT.NETMIG_ABS", Projection, 3, THOUSANDS), "HI95"),
    "migrationprojMed5" => spec("FCT.NETMIG_ABS", FiveYearProjection, 3, THOUSANDS),
    "cnmrprojMed" => spec("FCT.NETMIG_MED", Projection, 0, None),
    "PopChangeprojMed" => spec("FCT.POP_CHANGE", Projection, 3, THOUSANDS),
    "birthsprojMed" => spec("FCT.BIRTHS", Projection, 3, THOUSANDS),
    "deathsprojMed" => spec("FCT.DEATHS", Projection, 3, THOUSANDS),
    "cbrprojMed" => spec("FCT.CBR", Projection, 0, None),
    "cdrprojMed" => spec("FCT.CDR", Projection, 0, None),
    "growthrateprojMed" => spec("FCT.POP_GR", Projection, 0, None),
    "NatChangeRTprojMed" => spec("FCT.NAT_CHANGE_RT", Projection, 0, None),
    "tfrprojMed" => spec("FCT.TFR", Projection, 0, None),
    "e0Bproj" => spec("FCT.LE", Projection, 0, None),
    "e0Fproj" => sex(spec("FCT.LE", Projection, 0, None), "F"),
    "e0Mproj" => sex(spec("FCT.LE", Projection, 0, None), "M"),
}

/// The source family.
pub const SOURCE: PublicSource =
    PublicSource { family: "wpp2024", title: "UN DESA Population Division, World Population Prospects 2024", files: FILES, read };

/// The vintage of every observation.
pub const VINTAGE: &str = "2024";

/// The first projection year of WPP 2024.
const FIRST_PROJECTION_YEAR: i32 = 2024;

fn source_info() -> SourceInfo {
    SourceInfo {
        code: "un-wpp".into(),
        name: "World Population Prospects 2024 (wpp2024 R package)".into(),
        publisher: "United Nations, Department of Economic and Social Affairs, Population Division".into(),
        licence: "CC BY 3.0 IGO".into(),
        url: "https://github.com/PPgp/wpp2024/tree/2da7768ae64fc74105d3f9e98f9a74d37b62f99a".into(),
    }
}

/// WPP codes of the aggregates used as comparison groups (WPP numbers its aggregates itself,
/// e.g. World 900 rather than M49 001), with the name the files give them.
const AGGREGATES: &[(&str, &str, &str)] = &[
    ("900", "World", "WORLD"),
    ("903", "Africa", "AFRICA"),
    ("1834", "Sub-Saharan Africa", "SUB_SAHARAN_AFRICA"),
    ("947", "Sub-Saharan Africa", "SUB_SAHARAN_AFRICA"),
    ("914", "Western Africa", "WESTERN_AFRICA"),
    ("911", "Middle Africa", "MIDDLE_AFRICA"),
];

/// Skip reasons (also asserted by the tests).
pub mod skip {
    /// A WPP aggregate that is not one of the comparison groups.
    pub const AGGREGATE: &str =
        "WPP aggregate that is not a comparison group (other regions, income and development groups, SDG regions, population-peak groups)";
    /// A country that is neither a profile country nor bilateral detail.
    pub const OUT_OF_SCOPE: &str = "reference area outside the profile countries and comparison groups";
    /// Kosovo has a WPP row but no ISO 3166 code.
    pub const KOSOVO: &str = "Kosovo (WPP code 412): no ISO 3166 code in the area registry";
    /// A cell left empty (counted per cell, not per row).
    pub const EMPTY: &str = "empty cell: no figure published for the location and year";
}

/// The lowest code WPP gives an aggregate; country codes (M49) are below it.
const FIRST_AGGREGATE_CODE: u32 = 900;

enum Place {
    Keep(AreaCode),
    Skip(&'static str),
}

/// Resolves a location code (and checks an aggregate's name, which guards against WPP renumbering).
fn place(row: &Row, cols: (usize, usize), ctx: &Context, problems: &mut Problems) -> Option<Place> {
    let (code_col, name_col) = cols;
    let code = row.get(code_col);
    let Ok(n) = code.parse::<u32>() else {
        problems.push(row.problem(code_col, "expected a numeric location code (UN M49 for countries, WPP's own code for aggregates)"));
        return None;
    };
    if let Some((_, name, group)) = AGGREGATES.iter().find(|(c, _, _)| *c == code) {
        if !row.get(name_col).eq_ignore_ascii_case(name) {
            problems.push(row.problem(name_col, format!("expected `{name}` for WPP code {code}: the aggregate codes may have changed")));
            return None;
        }
        return match ctx.area(group) {
            Some(a) => Some(Place::Keep(a)),
            None => {
                problems.push(row.problem(code_col, format!("the area registry has no group {group}, expected for WPP code {code}")));
                None
            }
        };
    }
    if n >= FIRST_AGGREGATE_CODE {
        return Some(Place::Skip(skip::AGGREGATE));
    }
    if n == 412 {
        return Some(Place::Skip(skip::KOSOVO));
    }
    match ctx.area(code) {
        Some(a) if ctx.in_scope(&a) => Some(Place::Keep(a)),
        Some(_) => Some(Place::Skip(skip::OUT_OF_SCOPE)),
        None => {
            problems.push(
                row.problem(code_col, "not a known UN M49 country code: expected a country of the area registry or a WPP aggregate code"),
            );
            None
        }
    }
}

fn variant_label(v: Option<&str>) -> &'static str {
    match v {
        None => "medium variant",
        Some("LOW") => "low variant",
        Some("HIGH") => "high variant",
        Some("LO80") => "lower bound of the 80 % prediction interval",
        Some("HI80") => "upper bound of the 80 % prediction interval",
        Some("LO95") => "lower bound of the 95 % prediction interval",
        Some("HI95") => "upper bound of the 95 % prediction interval",
        Some(_) => "variant",
    }
}

fn join(parts: &[Option<String>]) -> Option<String> {
    let v: Vec<&str> = parts.iter().flatten().map(String::as_str).collect();
    (!v.is_empty()).then(|| v.join("; "))
}

/// Reads one WPP file into the dataset.
fn read_file(input: &InputFile, spec: &Spec, ctx: &Context, ds: &mut DatasetBuilder, skips: &mut Skips, problems: &mut Problems) -> u64 {
    let table = match Table::parse(input, b'\t') {
        Ok(t) => t,
        Err(e) => {
            absorb(problems, e);
            return 0;
        }
    };
    let cols = match table.columns(&["country_code", "country"]) {
        Ok(c) => (c[0], c[1]),
        Err(e) => {
            absorb(problems, e);
            return 0;
        }
    };
    let Some(ind) = ctx.indicator(spec.indicator, problems) else { return table.len() as u64 };
    let last_obs_col = table.column("last.observed");
    let mut periods = Vec::new();
    for (i, h) in table.headers.iter().enumerate() {
        if Some(i) == last_obs_col || i == cols.0 || i == cols.1 {
            continue;
        }
        match Period::parse(h) {
            Ok(p @ Period::Year(_)) if spec.kind != FiveYearProjection => periods.push((i, p)),
            Ok(p @ Period::Range(..)) if spec.kind == FiveYearProjection => periods.push((i, p)),
            _ => {
                let want = if spec.kind == FiveYearProjection { "a five-year period such as 2020-2025" } else { "a year such as 2023" };
                problems.push(Problem::cell(&input.display, 1, h, h, format!("expected {want} as column header")));
            }
        }
    }
    if periods.is_empty() {
        problems.push(Problem::file(&input.display, "no year columns: expected country_code, country, then one column per year"));
    }
    let file = ds.file(input);
    for row in table.rows() {
        let place = match place(&row, cols, ctx, problems) {
            Some(Place::Keep(a)) => a,
            Some(Place::Skip(reason)) => {
                skips.add(reason);
                continue;
            }
            None => continue,
        };
        let last_observed = match last_obs_col {
            Some(c) => match row.get(c).parse::<i32>() {
                Ok(y) if (1950..=2100).contains(&y) => Some(y),
                _ => {
                    problems.push(row.problem(c, "expected the year of the last observed data point, such as 2023"));
                    continue;
                }
            },
            None => None,
        };
        for &(col, period) in &periods {
            let value = match row.value(col, spec.scale, problems) {
                Some(Some(v)) => v,
                Some(None) => {
                    skips.add(skip::EMPTY);
                    continue;
                }
                None => continue,
            };
            let year = period.start_year();
            // A five-year total is stored as the average per year, the indicator's unit.
            let years = (period.end_year() - period.start_year()).max(1);
            let value = if spec.kind == FiveYearProjection { value / f64::from(years) } else { value };
            let (status, when) = match spec.kind {
                Estimate => match last_observed {
                    Some(lo) if year > lo => (ObsStatus::Estimated, Some(format!("Estimate beyond the last observed data ({lo})"))),
                    _ => (ObsStatus::Normal, None),
                },
                EstimateThenProjection if year >= FIRST_PROJECTION_YEAR => {
                    (ObsStatus::Forecast, Some("WPP 2024 projection, medium variant".to_string()))
                }
                EstimateThenProjection => (ObsStatus::Normal, None),
                Projection => (ObsStatus::Forecast, Some(format!("WPP 2024 projection, {}", variant_label(spec.variant)))),
                FiveYearProjection => (
                    ObsStatus::Forecast,
                    Some(format!(
                        "Average per year from 1 July {} to 30 June {}: WPP publishes the total over the period ({} thousand), divided here by {years}; WPP 2024 projection, {}{}",
                        period.start_year(),
                        period.end_year(),
                        row.get(col),
                        variant_label(spec.variant),
                        if year < FIRST_PROJECTION_YEAR { ", partly estimates" } else { "" }
                    )),
                ),
            };
            let note = join(&[when, spec.conversion.map(str::to_string)]);
            let mut o = Obs::new(&ind, &place, period, value).status(status);
            if let Some(s) = spec.sex {
                o = o.dim("SEX", s);
            }
            if let Some(v) = spec.variant {
                o = o.dim("VARIANT", v);
            }
            if let Some(n) = note {
                o = o.note(n);
            }
            ds.add(o, file, row.locator(), problems);
        }
    }
    table.len() as u64
}

/// Moves every problem of an error into the collection, keeping the count of those left out.
fn absorb(problems: &mut Problems, e: IngestError) {
    let file = e.problems.first().map(|p| p.file.clone()).unwrap_or_default();
    for p in e.problems {
        problems.push(p);
    }
    if e.more > 0 {
        problems.push(Problem::file(&file, format!("… and {} more problems in this file", e.more)));
    }
}

/// Reads one WPP file on its own (named by its mirror path, e.g. `un-wpp2024/migration.txt`),
/// for checking a single file and for tests.
pub fn read_one(input: &InputFile, ctx: &Context) -> Result<ReadReport, IngestError> {
    let Some((_, (_, spec))) = FILES.iter().zip(SPECS).find(|(f, _)| f.path == input.display) else {
        let names: Vec<&str> = SPECS.iter().map(|(n, _)| *n).collect();
        return Err(IngestError::one(Problem::file(
            &input.display,
            format!("not a WPP 2024 file this importer knows: expected un-wpp2024/<name>.txt with <name> one of {}", names.join(", ")),
        )));
    };
    let mut problems = Problems::default();
    let mut skips = Skips::default();
    let mut ds = DatasetBuilder::new(source_info(), VINTAGE);
    let rows_read = read_file(input, spec, ctx, &mut ds, &mut skips, &mut problems);
    problems.finish(())?;
    checked(ctx, ReadReport { datasets: vec![ds.finish()], rows_read, skipped: skips.into_vec() })
}

fn read(dir: &Path, ctx: &Context) -> Result<ReadReport, IngestError> {
    let mut problems = Problems::default();
    let mut skips = Skips::default();
    let mut ds = DatasetBuilder::new(source_info(), VINTAGE);
    let mut rows_read = 0;
    for (upstream, (_, spec)) in FILES.iter().zip(SPECS) {
        match InputFile::read(&dir.join(upstream.path), upstream.path) {
            Ok(input) => rows_read += read_file(&input, spec, ctx, &mut ds, &mut skips, &mut problems),
            Err(e) => absorb(&mut problems, e),
        }
    }
    problems.finish(())?;
    checked(ctx, ReadReport { datasets: vec![ds.finish()], rows_read, skipped: skips.into_vec() })
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIR: &str = "un-wpp2024";
    const COMMIT_URL: &str = "https://raw.githubusercontent.com/PPgp/wpp2024/2da7768ae64fc74105d3f9e98f9a74d37b62f99a/data-raw/";

    #[test]
    fn every_file_has_a_spec_under_the_mirror_folder() {
        assert_eq!(FILES.len(), SPECS.len());
        for (f, (name, _)) in FILES.iter().zip(SPECS) {
            assert_eq!(f.path, format!("{DIR}/{name}.txt"));
            assert_eq!(f.url, format!("{COMMIT_URL}{name}.txt"));
            assert!(PublicSource::expected(f.path).is_some(), "{} is not in the mirror manifest", f.path);
        }
    }

    #[test]
    fn keys_never_collide_between_files() {
        let mut keys: Vec<(&str, Option<&str>, Option<&str>, bool)> =
            SPECS.iter().map(|(_, s)| (s.indicator, s.sex, s.variant, s.kind == FiveYearProjection)).collect();
        keys.sort();
        let n = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), n);
    }
}
