//! UNHCR Refugee Population Statistics, from the CSV conversions of UNHCR's own R package
//! `refugees` (release 2025.12.1, the end-2025 "Global Trends 2025" data).
//!
//! Three datasets, all of vintage `2025-12`:
//! * `unhcr`: `population.csv` (end-year stocks), `flows.csv` (arrivals and new applications
//!   during the year), `solutions.csv` (resettlement and naturalisation),
//!   `asylum_applications.csv`, `asylum_decisions.csv` and `demographics.csv`;
//! * `unhcr-solutions`: the returns of `solutions.csv` (returned refugees, returned IDPs), a
//!   dataset of its own because `population.csv` carries the same keys (RET.REFUGEES, RET.IDP)
//!   with the same values;
//! * `idmc-unhcr`: `idmc.csv`, IDMC's conflict-IDP totals as redistributed by UNHCR.
//!
//! Counting rules:
//! * Every file has one row per origin (`coo_iso`) and asylum country (`coa_iso`) pair (plus, for
//!   asylum and demographic files, procedure, level or location). A figure is kept for the profile
//!   country on either side: the asylum side (REF.HOSTED, REF.ASY, …; COUNTERPART_AREA = origin)
//!   and, where the framework has an origin indicator, the origin side (REF.ORIGIN, …;
//!   COUNTERPART_AREA = asylum country). The total over counterparts is the sum of the rows,
//!   including origins UNHCR does not code as ISO countries (`UNK`, or `UKN` in `flows.csv`,
//!   unknown; `XXA`, or `STA` in `flows.csv`, stateless; `TIB` Tibetan), which get no
//!   COUNTERPART_AREA breakdown of their own (an explained skip). `idmc.csv` also has `AB9`
//!   (Abyei Area). Any other code that is not a known ISO country is a problem.
//! * Returned refugees: UNHCR records them under the country of origin, which is the country
//!   returned to, with the former asylum country as `coa` ("the country from which a refugee has
//!   voluntarily repatriated", UNHCR methodology), so RET.REFUGEES has area = `coo` and
//!   COUNTERPART_AREA = `coa`. Resettlement: `coa` is the resettlement country (REF.RESETTLED) and
//!   REF.RESETTLED_ORIGIN is the origin's view. IDPs protected or assisted by UNHCR go to
//!   IDP.UNHCR (IDMC's national totals are IDP.STOCK).
//! * Zeros: in `population.csv` a row exists for a pair as soon as one population type is
//!   non-zero, and every other type is written 0, even types UNHCR did not collect then (host
//!   communities in 1951). A 0 there cannot be told from "not collected", so zero cells of
//!   `population.csv`, `flows.csv` and `solutions.csv` are not stored; empty cells are no value.
//!   Asylum decisions keep their zeros (a row exists because decisions were taken, so "0
//!   recognised" is a figure), as do the sex and age cells of demographic rows that have a sex
//!   breakdown.
//! * Asylum applications and decisions: only figures on persons (`app_pc`/`dec_pc` = P) are
//!   read; figures counted in cases (C) are an explained skip. Several rows for the same key
//!   (application type new/repeat/appeal, decision level first instance/appeal…, and for
//!   decisions the procedure) are summed, so an appeal counts the applicant again.
//! * Demographics (2025 only): summed over locations and origins by population type; sex and
//!   age as published (F, M by age group, `other` age = `_U`), and the persons whose sex UNHCR
//!   does not report (total minus females and males) as SEX = `_U`, AGE = `_U`, so that the
//!   groups add up to the total.
//! * 2025: the figures are end-year (31 December 2025) figures of the Global Trends 2025 release
//!   (the package's `2025.12` versions hold end-year data, its `.6` versions mid-year data; flows
//!   for 2025 are of full-year size), first published, so status P (provisional).
//! * World and group totals (WORLD, AFRICA, SUB_SAHARAN_AFRICA, WESTERN_AFRICA, MIDDLE_AFRICA,
//!   ECOWAS) of the totals over counterparts (and of decisions by type) are sums over every row
//!   of the files, whichever country it is about: WORLD counts every row, unknown origins
//!   included; a group counts its member countries of the year (ECOWAS without Burkina Faso,
//!   Mali and Niger from 2025). `idmc.csv` gives IDMC's world estimate for 1990–2008 as an
//!   unknown country, so it is the world total for those years. Demographics have no group
//!   totals.
//! * UNHCR does not publish counts from 1 to 4 (confidentiality). The files hold no value from
//!   1 to 4 and an unusually frequent 5, so a 5 may stand for such a count: footnoted on pair
//!   figures of 5, and on the sums.

use super::groups::{GroupSet, Groups, key};
use super::{PublicSource, UpstreamFile};
use crate::context::{Context, DatasetBuilder, Obs, ReadReport, Skips, checked};
use crate::error::{IngestError, MAX_PROBLEMS, Problem, Problems};
use crate::files::InputFile;
use crate::table::{Row, Table};
use mp_domain::{AreaCode, DatasetImport, DimensionId, DimensionKey, IndicatorCode, ObsStatus, Period, SourceInfo};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

macro_rules! upstream {
    ($csv:literal, $rda:literal) => {
        UpstreamFile {
            path: concat!("unhcr-refugees/", $csv),
            url: concat!(
                "https://raw.githubusercontent.com/PopulationStatistics/refugees/",
                "0c16a6d0c2f37d8578f9b9e3d1e4459efe850398/data/",
                $rda
            ),
            converted: true,
        }
    };
}

/// The source family.
pub const SOURCE: PublicSource = PublicSource {
    family: "unhcr",
    title: "UNHCR Refugee Population Statistics (refugees R package 2025.12.1, end-2025 data)",
    files: &[
        upstream!("population.csv", "population.rda"),
        upstream!("flows.csv", "flows.rda"),
        upstream!("solutions.csv", "solutions.rda"),
        upstream!("asylum_applications.csv", "asylum_applications.rda"),
        upstream!("asylum_decisions.csv", "asylum_decisions.rda"),
        upstream!("demographics.csv", "demographics.rda"),
        upstream!("idmc.csv", "idmc.rda"),
    ],
    read,
};

/// The vintage of every dataset of the family (the package's end-2025 release).
pub const VINTAGE: &str = "2025-12";
/// Source code of the main dataset.
pub const SOURCE_CODE: &str = "unhcr";
/// Source code of the returns read from `solutions.csv`.
pub const SOLUTIONS_CODE: &str = "unhcr-solutions";
/// Source code of IDMC's conflict-IDP totals as redistributed by UNHCR.
pub const IDMC_CODE: &str = "idmc-unhcr";

const REPO: &str = "https://github.com/PopulationStatistics/refugees";

fn source(code: &str, name: &str, publisher: &str, licence: &str) -> SourceInfo {
    SourceInfo { code: code.into(), name: name.into(), publisher: publisher.into(), licence: licence.into(), url: REPO.into() }
}

const UNHCR: &str = "Office of the United Nations High Commissioner for Refugees (UNHCR)";

const NOTE_SUM: &str = "Total computed by mprofile as the sum of UNHCR's rows for each \
    origin-asylum pair (including unknown origins and the stateless); UNHCR does not publish \
    counts from 1 to 4, so it may differ slightly from UNHCR's own total.";
const NOTE_FIVE: &str = "UNHCR does not publish counts from 1 to 4 (confidentiality): the file \
    holds none, and a 5 may stand for such a count.";
const NOTE_2025: &str = "2025: end-year figure (to 31 December 2025) first published in UNHCR's \
    Global Trends 2025 release (refugees R package 2025.12.1); provisional, may be revised.";
const NOTE_APP: &str = "Persons; sum of UNHCR's rows for every application type and instance \
    (new, repeat, appeal…), so a person may be counted more than once; applications reported as \
    cases are left out.";
const NOTE_DEC: &str = "Decisions on persons, summed over UNHCR's procedures and decision levels \
    (first instance, appeal…); decisions reported as cases are left out.";
const NOTE_DEMOG: &str = "Sum over the locations and countries of origin of UNHCR's demographic \
    rows.";
const NOTE_DEMOG_UNKNOWN: &str = "Sum over the locations and countries of origin of UNHCR's \
    demographic rows; persons whose sex and age UNHCR does not report, computed by mprofile as \
    the total minus females and males.";
const NOTE_DEMOG_AGE_UNKNOWN: &str = "Sum over the locations and countries of origin of UNHCR's \
    demographic rows; age not reported, including the persons whose sex is not reported either.";
const NOTE_WORLD: &str = "World total computed by mprofile as the sum of every row of the file \
    (every country, including unknown origins and the stateless).";
const NOTE_GROUP: &str = "Group total computed by mprofile as the sum over the group's member \
    countries in that year.";
const NOTE_IDMC: &str = "IDMC estimate of people internally displaced by conflict and violence \
    at the end of the year, as redistributed by UNHCR.";

/// Which side of an origin–asylum pair is the reference area.
#[derive(Clone, Copy)]
enum Side {
    /// The country of asylum (`coa`), with the origin as counterpart.
    Asylum,
    /// The country of origin (`coo`), with the asylum country as counterpart.
    Origin,
}

/// Which dataset a figure goes to.
#[derive(Clone, Copy)]
enum Target {
    Main,
    Solutions,
    Idmc,
}

/// A value column of a pair file and the indicator it becomes.
struct Column {
    name: &'static str,
    indicator: &'static str,
    side: Side,
    /// Whether the indicator has a COUNTERPART_AREA breakdown.
    counterpart: bool,
    target: Target,
}

const fn col(name: &'static str, indicator: &'static str, side: Side, counterpart: bool, target: Target) -> Column {
    Column { name, indicator, side, counterpart, target }
}

const POPULATION: &[Column] = &[
    col("refugees", "REF.HOSTED", Side::Asylum, true, Target::Main),
    col("refugees", "REF.ORIGIN", Side::Origin, true, Target::Main),
    col("asylum_seekers", "REF.ASY", Side::Asylum, true, Target::Main),
    col("asylum_seekers", "REF.ASY_ORIGIN", Side::Origin, true, Target::Main),
    col("returned_refugees", "RET.REFUGEES", Side::Origin, true, Target::Main),
    col("idps", "IDP.UNHCR", Side::Asylum, false, Target::Main),
    col("returned_idps", "RET.IDP", Side::Asylum, false, Target::Main),
    col("stateless", "REF.STATELESS", Side::Asylum, false, Target::Main),
    col("ooc", "REF.OOC", Side::Asylum, true, Target::Main),
    col("oip", "REF.OIP", Side::Asylum, true, Target::Main),
    col("hst", "REF.HOST_COMMUNITY", Side::Asylum, false, Target::Main),
];

const FLOWS: &[Column] = &[
    col("refugees", "REF.NEW_ARRIVALS", Side::Asylum, true, Target::Main),
    col("asylum_seekers", "REF.ASY_NEW", Side::Asylum, true, Target::Main),
];

const SOLUTIONS: &[Column] = &[
    col("resettlement", "REF.RESETTLED", Side::Asylum, true, Target::Main),
    col("resettlement", "REF.RESETTLED_ORIGIN", Side::Origin, true, Target::Main),
    col("naturalisation", "REF.NATURALISED", Side::Asylum, true, Target::Main),
    col("returned_refugees", "RET.REFUGEES", Side::Origin, true, Target::Solutions),
    col("returned_idps", "RET.IDP", Side::Asylum, false, Target::Solutions),
];

/// Decision columns and their CL_ASY_DECISION code (`_T` = the total, no DECISION in the key).
const DECISIONS: [(&str, &str); 5] = [
    ("dec_recognized", "RECOGNIZED"),
    ("dec_other", "COMPLEMENTARY"),
    ("dec_rejected", "REJECTED"),
    ("dec_closed", "CLOSED"),
    ("dec_total", "_T"),
];

/// Age columns of `demographics.csv` (after the `f_`/`m_` prefix) and their CL_AGE code.
const AGES: [(&str, &str); 6] =
    [("0_4", "Y0T4"), ("5_11", "Y5T11"), ("12_17", "Y12T17"), ("18_59", "Y18T59"), ("60", "Y_GE60"), ("other", "_U")];

/// Every indicator the family writes.
const INDICATORS: &[&str] = &[
    "REF.HOSTED",
    "REF.ORIGIN",
    "REF.ASY",
    "REF.ASY_ORIGIN",
    "RET.REFUGEES",
    "IDP.UNHCR",
    "RET.IDP",
    "REF.STATELESS",
    "REF.OOC",
    "REF.OIP",
    "REF.HOST_COMMUNITY",
    "REF.NEW_ARRIVALS",
    "REF.ASY_NEW",
    "REF.RESETTLED",
    "REF.RESETTLED_ORIGIN",
    "REF.NATURALISED",
    "REF.ASY_APP",
    "REF.ASY_APP_ORIGIN",
    "REF.ASY_DEC",
    "REF.ASY_DEC_ORIGIN",
    "REF.POP_DEMOG",
    "IDP.STOCK",
];

/// Indicator, area, year, dimensions. The year rather than a [`Period`], whose ordering formats
/// dates and would make the map slow.
type Key = (IndicatorCode, AreaCode, i32, DimensionKey);

/// A running sum with where it came from and its footnote.
struct Entry {
    value: f64,
    rows: u64,
    file: usize,
    first: u64,
    note: &'static str,
    extra: &'static str,
}

/// One dataset being built: every figure is a sum over one or more rows, so figures are
/// gathered here and handed to the builder at the end with their status and footnotes.
struct Dataset {
    builder: DatasetBuilder,
    sums: BTreeMap<Key, Entry>,
}

impl Dataset {
    fn new(info: SourceInfo) -> Dataset {
        Dataset { builder: DatasetBuilder::new(info, VINTAGE), sums: BTreeMap::new() }
    }

    #[allow(clippy::too_many_arguments)]
    fn add(
        &mut self,
        ind: &IndicatorCode,
        area: &AreaCode,
        period: i32,
        dims: DimensionKey,
        value: f64,
        file: usize,
        line: u64,
        note: &'static str,
    ) {
        let e = self.sums.entry((ind.clone(), area.clone(), period, dims)).or_insert(Entry {
            value: 0.0,
            rows: 0,
            file,
            first: line,
            note,
            extra: "",
        });
        e.value += value;
        e.rows += 1;
    }

    fn finish(mut self, problems: &mut Problems) -> Option<DatasetImport> {
        if self.sums.is_empty() {
            return None;
        }
        for ((indicator, area, year, dims), e) in std::mem::take(&mut self.sums) {
            let period = Period::Year(year);
            let pair = dims.get("COUNTERPART_AREA").is_some();
            let mut notes: Vec<&str> = Vec::new();
            notes.extend([e.note, e.extra].into_iter().filter(|n| !n.is_empty()));
            if !pair && e.rows > 1 && e.note.is_empty() {
                notes.push(NOTE_SUM);
            }
            if pair && e.rows == 1 && e.value == 5.0 {
                notes.push(NOTE_FIVE);
            }
            let mut status = ObsStatus::Normal;
            if year == 2025 {
                status = ObsStatus::Provisional;
                notes.push(NOTE_2025);
            }
            let locator = if e.rows == 1 { format!("row {}", e.first) } else { format!("sum of {} rows from row {}", e.rows, e.first) };
            let obs =
                Obs { indicator, area, period, dims, value: Some(e.value), status, footnote: (!notes.is_empty()).then(|| notes.join(" ")) };
            self.builder.add(obs, e.file, locator, problems);
        }
        Some(self.builder.finish())
    }
}

/// The codes UNHCR (and IDMC) use for what is not an ISO 3166 country: counted in totals only.
const OTHER_CODES: [&str; 6] = ["UNK", "UKN", "XXA", "STA", "TIB", "AB9"];

/// What a country code of a file stands for.
#[derive(Clone)]
enum Place {
    /// A known country, and whether it is in the profile scope.
    Known(AreaCode, bool),
    /// One of [`OTHER_CODES`].
    Other(&'static str),
}

impl Place {
    fn in_scope(&self) -> Option<&AreaCode> {
        match self {
            Place::Known(a, true) => Some(a),
            _ => None,
        }
    }
    fn known(&self) -> Option<&AreaCode> {
        match self {
            Place::Known(a, _) => Some(a),
            Place::Other(_) => None,
        }
    }
}

/// Country codes looked up once each: the files repeat ~230 codes over half a million rows.
struct Places<'c> {
    ctx: &'c Context<'c>,
    seen: HashMap<String, Option<Place>>,
}

impl<'c> Places<'c> {
    fn new(ctx: &'c Context<'c>) -> Self {
        Places { ctx, seen: HashMap::new() }
    }

    fn get(&mut self, row: &Row, col: usize, problems: &mut Problems) -> Option<Place> {
        let s = row.get(col);
        let place = match self.seen.get(s) {
            Some(p) => p.clone(),
            None => {
                let p = lookup(s, self.ctx);
                self.seen.insert(s.to_string(), p.clone());
                p
            }
        };
        if place.is_none() {
            problems.push(row.problem(
                col,
                "unknown country code: expected an ISO 3166 alpha-3 code of the area registry \
                 such as MLI, or one of UNHCR's codes UNK/UKN (unknown), XXA/STA (stateless), \
                 TIB (Tibetan), AB9 (Abyei Area)",
            ));
        }
        place
    }
}

fn lookup(s: &str, ctx: &Context) -> Option<Place> {
    if let Some(code) = OTHER_CODES.iter().find(|c| **c == s) {
        return Some(Place::Other(code));
    }
    match ctx.area(s) {
        Some(a @ AreaCode::Country(_)) => {
            let scope = ctx.in_scope(&a);
            Some(Place::Known(a, scope))
        }
        _ => None,
    }
}

fn year(row: &Row, col: usize, problems: &mut Problems) -> Option<i32> {
    match row.period(col, problems) {
        Some(Period::Year(y)) => Some(y),
        Some(_) => {
            problems.push(row.problem(col, "expected a year such as 2024"));
            None
        }
        None => None,
    }
}

/// A count of persons; `None` for an empty cell or a bad one (which is recorded). Plain digits,
/// nearly every cell of these files, take a fast path: the files hold millions of cells.
fn count(row: &Row, col: usize, problems: &mut Problems) -> Option<f64> {
    let s = row.get(col);
    if !s.is_empty() && s.len() <= 15 && s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse::<u64>().ok().map(|v| v as f64);
    }
    match row.value(col, 0, problems) {
        Some(Some(v)) if v >= 0.0 && v.fract() == 0.0 => Some(v),
        Some(Some(_)) => {
            problems.push(row.problem(col, "expected a whole, non-negative number of persons"));
            None
        }
        _ => None,
    }
}

/// Records a row under its key (the cells of `cols`), or a problem if the key was seen before.
fn unique(seen: &mut HashMap<String, u64>, row: &Row, cols: &[usize], what: &str, problems: &mut Problems) -> bool {
    let mut key = String::with_capacity(48);
    for &c in cols {
        key.push_str(row.get(c));
        key.push('\u{1f}');
    }
    if let Some(first) = seen.insert(key, row.line) {
        let col = cols.first().copied().unwrap_or(0);
        problems.push(row.problem(col, format!("the same {what} is given twice: first at row {first}; expected one row per key")));
        return false;
    }
    true
}

/// Resolves the indicator codes; every missing one is a problem.
fn indicators(ctx: &Context, problems: &mut Problems) -> Option<HashMap<&'static str, IndicatorCode>> {
    let mut out = HashMap::new();
    for code in INDICATORS {
        if let Some(i) = ctx.indicator(code, problems) {
            out.insert(*code, i);
        }
    }
    (out.len() == INDICATORS.len()).then_some(out)
}

/// Skip reasons, prefixed by the file they concern.
fn reason(file: &str, what: &str) -> String {
    let name = file.rsplit('/').next().unwrap_or(file);
    format!("{name}: {what}")
}

const SKIP_NEITHER: &str = "neither the origin nor the asylum country is a profile country: counted only in the world and group totals";
const SKIP_NOTHING: &str = "no figure for the profile country in the row (zero or empty cells are not stored)";
const SKIP_ORIGIN_ONLY: &str = "the profile country is only the origin, and the file's figures \
    are read for the country of asylum only";
const SKIP_OTHER_CP: &str = "counterpart code is not an ISO country (UNK/UKN unknown, XXA/STA \
    stateless, TIB Tibetan): counted in the profile country's totals, with no COUNTERPART_AREA \
    breakdown";
const SKIP_CASES: &str = "counted in cases (C), not persons: left out of the person counts";

/// World and group totals: dataset, indicator, group, year, (dimension, code) or ("", "").
/// Indicators and dimensions are indexes into [`INDICATORS`] and [`GROUP_DIMS`]: the key is hashed
/// for nearly every row of half a million.
type GroupKey = (u8, u8, u8, i32, u8);

/// The dimension codes world and group totals are kept by.
const GROUP_DIMS: [(&str, &str); 6] = [
    ("", ""),
    ("DECISION", "RECOGNIZED"),
    ("DECISION", "COMPLEMENTARY"),
    ("DECISION", "REJECTED"),
    ("DECISION", "CLOSED"),
    ("CAUSE", "CONFLICT"),
];

/// The index of an indicator in [`INDICATORS`] (0 if absent, which a test rules out).
fn ind_index(code: &str) -> u8 {
    INDICATORS.iter().position(|c| *c == code).unwrap_or(0) as u8
}

struct State<'c> {
    ctx: &'c Context<'c>,
    places: Places<'c>,
    groups: Groups,
    group_sums: HashMap<GroupKey, Entry>,
    codes: HashMap<&'static str, IndicatorCode>,
    main: Dataset,
    solutions: Dataset,
    idmc: Dataset,
    skips: Skips,
    problems: Problems,
    rows: u64,
}

impl State<'_> {
    fn target(&mut self, t: Target) -> &mut Dataset {
        match t {
            Target::Main => &mut self.main,
            Target::Solutions => &mut self.solutions,
            Target::Idmc => &mut self.idmc,
        }
    }

    /// Adds a figure to the world total and to the totals of the groups the area counts in.
    #[allow(clippy::too_many_arguments)]
    fn group_add(
        &mut self,
        target: Target,
        ind: u8,
        set: GroupSet,
        year: i32,
        dim: u8,
        v: f64,
        file: usize,
        line: u64,
        extra: &'static str,
    ) {
        for g in set.iter() {
            let e = self.group_sums.entry((target as u8, ind, g as u8, year, dim)).or_insert(Entry {
                value: 0.0,
                rows: 0,
                file,
                first: line,
                note: "",
                extra,
            });
            e.value += v;
            e.rows += 1;
        }
    }

    /// Moves the world and group totals into their datasets.
    fn finish_groups(&mut self) {
        for ((t, ind, g, year, dim), mut e) in std::mem::take(&mut self.group_sums) {
            let (g, (dim, code)) = (g as usize, GROUP_DIMS[dim as usize]);
            e.note = if self.groups.is_world(g) { NOTE_WORLD } else { NOTE_GROUP };
            let dims = if dim.is_empty() { DimensionKey::total() } else { key(&[(dim, code)]) };
            let k = (self.codes[INDICATORS[ind as usize]].clone(), self.groups.area(g).clone(), year, dims);
            let target = match t {
                0 => Target::Main,
                1 => Target::Solutions,
                _ => Target::Idmc,
            };
            self.target(target).sums.insert(k, e);
        }
    }
}

fn read(dir: &Path, ctx: &Context) -> Result<ReadReport, IngestError> {
    let mut files = Vec::new();
    let mut error: Option<IngestError> = None;
    for f in SOURCE.files {
        match InputFile::read(&dir.join(f.path), f.path) {
            Ok(input) => files.push(input),
            Err(e) => match &mut error {
                Some(all) => all.merge(e),
                None => error = Some(e),
            },
        }
    }
    match (read_files(&files, ctx), error) {
        (Ok(r), None) => Ok(r),
        (Ok(_), Some(e)) => Err(e),
        (Err(e), None) => Err(e),
        (Err(e), Some(mut all)) => {
            all.merge(e);
            Err(all)
        }
    }
}

/// Reads the given files of the family, recognised by the name they end with
/// (`population.csv`, `flows.csv`, …); files not given are not read. Returns every problem of
/// every file, or the datasets.
pub fn read_files(files: &[InputFile], ctx: &Context) -> Result<ReadReport, IngestError> {
    let mut problems = Problems::default();
    let Some(codes) = indicators(ctx, &mut problems) else {
        return Err(problems.into_error());
    };
    let mut st = State {
        ctx,
        places: Places::new(ctx),
        groups: Groups::new(ctx),
        group_sums: HashMap::new(),
        codes,
        main: Dataset::new(source(SOURCE_CODE, "UNHCR Refugee Population Statistics Database", UNHCR, "CC BY 4.0")),
        solutions: Dataset::new(source(
            SOLUTIONS_CODE,
            "UNHCR Refugee Population Statistics Database: solutions (returns)",
            UNHCR,
            "CC BY 4.0",
        )),
        idmc: Dataset::new(source(
            IDMC_CODE,
            "IDMC conflict IDP estimates, as redistributed by UNHCR",
            "Internal Displacement Monitoring Centre (IDMC), via UNHCR",
            "CC BY 4.0 (UNHCR); IDMC allows reuse with attribution",
        )),
        skips: Skips::default(),
        problems,
        rows: 0,
    };
    let mut error: Option<IngestError> = None;
    for f in files {
        let name = f.display.rsplit('/').next().unwrap_or(&f.display);
        let result = match name {
            "population.csv" => pairs_file(&mut st, f, POPULATION),
            "flows.csv" => pairs_file(&mut st, f, FLOWS),
            "solutions.csv" => pairs_file(&mut st, f, SOLUTIONS),
            "asylum_applications.csv" => applications(&mut st, f),
            "asylum_decisions.csv" => decisions(&mut st, f),
            "demographics.csv" => demographics(&mut st, f),
            "idmc.csv" => idmc(&mut st, f),
            _ => Err(IngestError::one(Problem::file(
                &f.display,
                "not a file of the UNHCR family: expected population.csv, flows.csv, \
                 solutions.csv, asylum_applications.csv, asylum_decisions.csv, \
                 demographics.csv or idmc.csv",
            ))),
        };
        if let Err(e) = result {
            match &mut error {
                Some(all) => all.merge(e),
                None => error = Some(e),
            }
        }
    }
    st.finish_groups();
    let mut problems = st.problems;
    if let Some(mut e) = error {
        e.merge(problems.into_error());
        return Err(e);
    }
    if !problems.is_empty() {
        return Err(problems.into_error());
    }
    let datasets: Vec<DatasetImport> = [st.main, st.solutions, st.idmc].into_iter().filter_map(|d| d.finish(&mut problems)).collect();
    let report = ReadReport { datasets, rows_read: st.rows, skipped: st.skips.into_vec() };
    problems.finish(())?;
    checked(ctx, report)
}

/// `population.csv`, `flows.csv`, `solutions.csv`: one row per pair, one column per figure.
fn pairs_file(st: &mut State, f: &InputFile, columns: &[Column]) -> Result<(), IngestError> {
    let table = Table::parse(f, b',')?;
    let mut names = vec!["year", "coo", "coo_iso", "coa", "coa_iso"];
    for c in columns {
        if !names.contains(&c.name) {
            names.push(c.name);
        }
    }
    let c = table.columns(&names)?;
    // Index into `names` (and `c`) of each column's value; a column read twice is parsed once.
    let ind_of: Vec<u8> = columns.iter().map(|k| ind_index(k.indicator)).collect();
    let value_of: Vec<usize> = columns.iter().map(|k| names.iter().position(|n| *n == k.name).unwrap_or(0)).collect();
    st.rows += table.len() as u64;
    let fi_main = st.main.builder.file(f);
    let fi_sol = if columns.iter().any(|k| matches!(k.target, Target::Solutions)) { st.solutions.builder.file(f) } else { 0 };
    let (skip_neither, skip_nothing, skip_other) =
        (reason(&f.display, SKIP_NEITHER), reason(&f.display, SKIP_NOTHING), reason(&f.display, SKIP_OTHER_CP));
    let skip_origin_only = reason(&f.display, SKIP_ORIGIN_ONLY);
    let mut seen = HashMap::with_capacity(table.len());
    for row in table.rows() {
        if st.problems.len() > MAX_PROBLEMS {
            break;
        }
        let p = &mut st.problems;
        let period = year(&row, c[0], p);
        let coo = st.places.get(&row, c[2], p);
        let coa = st.places.get(&row, c[4], p);
        let values: Vec<Option<f64>> = (0..names.len()).map(|i| if i < 5 { None } else { count(&row, c[i], p) }).collect();
        if !unique(&mut seen, &row, &[c[0], c[1], c[3]], "year, origin and asylum country", p) {
            continue;
        }
        let (Some(period), Some(coo), Some(coa)) = (period, coo, coa) else { continue };
        let (coo_g, coa_g) = (st.groups.of(st.ctx, coo.known(), period), st.groups.of(st.ctx, coa.known(), period));
        for (k, column) in columns.iter().enumerate() {
            let Some(v) = values[value_of[k]].filter(|v| *v > 0.0) else { continue };
            let set = if matches!(column.side, Side::Origin) { coo_g } else { coa_g };
            let fi = if matches!(column.target, Target::Solutions) { fi_sol } else { fi_main };
            st.group_add(column.target, ind_of[k], set, period, 0, v, fi, row.line, "");
        }
        if coo.in_scope().is_none() && coa.in_scope().is_none() {
            st.skips.add(skip_neither.as_str());
            continue;
        }
        let (mut used, mut other_cp, mut side_in_scope) = (false, false, false);
        for (k, column) in columns.iter().enumerate() {
            let (area, cp) = match column.side {
                Side::Asylum => (&coa, &coo),
                Side::Origin => (&coo, &coa),
            };
            let Some(area) = area.in_scope() else { continue };
            side_in_scope = true;
            let Some(v) = values[value_of[k]] else { continue };
            if v == 0.0 {
                continue;
            }
            used = true;
            let ind = st.codes[column.indicator].clone();
            let fi = if matches!(column.target, Target::Solutions) { fi_sol } else { fi_main };
            let ds = st.target(column.target);
            ds.add(&ind, area, period, DimensionKey::total(), v, fi, row.line, "");
            if column.counterpart {
                match cp.known() {
                    Some(cp) if cp != area => {
                        let dims = key(&[("COUNTERPART_AREA", cp.as_str())]);
                        ds.add(&ind, area, period, dims, v, fi, row.line, "");
                    }
                    Some(_) => {}
                    None => other_cp = true,
                }
            }
        }
        if !side_in_scope {
            st.skips.add(skip_origin_only.as_str());
        } else if !used {
            st.skips.add(skip_nothing.as_str());
        } else if other_cp {
            st.skips.add(skip_other.as_str());
        }
    }
    Ok(())
}

/// The CL_ASY_PROCEDURE code of a `procedure_type` cell.
fn procedure(row: &Row, col: usize, problems: &mut Problems) -> Option<&'static str> {
    match row.get(col) {
        "G" => Some("G"),
        "U" => Some("U"),
        "J" => Some("J"),
        _ => {
            problems.push(row.problem(col, "expected G (government), U (UNHCR) or J (joint)"));
            None
        }
    }
}

/// Whether an `app_pc`/`dec_pc` cell says persons (P) rather than cases (C).
fn persons(row: &Row, col: usize, problems: &mut Problems) -> Option<bool> {
    match row.get(col) {
        "P" => Some(true),
        "C" => Some(false),
        _ => {
            problems.push(row.problem(col, "expected P (persons) or C (cases)"));
            None
        }
    }
}

/// `asylum_applications.csv`: REF.ASY_APP (asylum side, by origin and procedure) and
/// REF.ASY_APP_ORIGIN (origin side), persons only, summed over application types and levels.
fn applications(st: &mut State, f: &InputFile) -> Result<(), IngestError> {
    let table = Table::parse(f, b',')?;
    let c = table.columns(&["year", "coo", "coo_iso", "coa", "coa_iso", "procedure_type", "app_type", "dec_level", "app_pc", "applied"])?;
    st.rows += table.len() as u64;
    let fi = st.main.builder.file(f);
    let app = st.codes["REF.ASY_APP"].clone();
    let app_origin = st.codes["REF.ASY_APP_ORIGIN"].clone();
    let (skip_neither, skip_cases, skip_other) =
        (reason(&f.display, SKIP_NEITHER), reason(&f.display, SKIP_CASES), reason(&f.display, SKIP_OTHER_CP));
    let skip_empty = reason(&f.display, "no figure (empty cell)");
    let mut seen = HashMap::with_capacity(table.len());
    for row in table.rows() {
        if st.problems.len() > MAX_PROBLEMS {
            break;
        }
        let p = &mut st.problems;
        let period = year(&row, c[0], p);
        let coo = st.places.get(&row, c[2], p);
        let coa = st.places.get(&row, c[4], p);
        let proc = procedure(&row, c[5], p);
        let pc = persons(&row, c[8], p);
        let v = count(&row, c[9], p);
        let k = [c[0], c[1], c[3], c[5], c[6], c[7], c[8]];
        let what = "year, origin, asylum country, procedure, application type, level and unit";
        if !unique(&mut seen, &row, &k, what, p) {
            continue;
        }
        let (Some(period), Some(coo), Some(coa), Some(proc), Some(pc)) = (period, coo, coa, proc, pc) else {
            continue;
        };
        if let (true, Some(v)) = (pc, v) {
            let (coo_g, coa_g) = (st.groups.of(st.ctx, coo.known(), period), st.groups.of(st.ctx, coa.known(), period));
            st.group_add(Target::Main, ind_index("REF.ASY_APP"), coa_g, period, 0, v, fi, row.line, NOTE_APP);
            st.group_add(Target::Main, ind_index("REF.ASY_APP_ORIGIN"), coo_g, period, 0, v, fi, row.line, NOTE_APP);
        }
        if coo.in_scope().is_none() && coa.in_scope().is_none() {
            st.skips.add(skip_neither.as_str());
            continue;
        }
        if !pc {
            st.skips.add(skip_cases.as_str());
            continue;
        }
        let Some(v) = v else {
            st.skips.add(skip_empty.as_str());
            continue;
        };
        let mut other_cp = false;
        if let Some(area) = coa.in_scope() {
            let ds = &mut st.main;
            ds.add(&app, area, period, DimensionKey::total(), v, fi, row.line, NOTE_APP);
            ds.add(&app, area, period, key(&[("PROCEDURE", proc)]), v, fi, row.line, NOTE_APP);
            match coo.known() {
                Some(cp) if cp != area => {
                    let cpk = key(&[("COUNTERPART_AREA", cp.as_str())]);
                    ds.add(&app, area, period, cpk, v, fi, row.line, NOTE_APP);
                    let both = key(&[("COUNTERPART_AREA", cp.as_str()), ("PROCEDURE", proc)]);
                    ds.add(&app, area, period, both, v, fi, row.line, NOTE_APP);
                }
                Some(_) => {}
                None => other_cp = true,
            }
        }
        if let Some(area) = coo.in_scope() {
            let ds = &mut st.main;
            ds.add(&app_origin, area, period, DimensionKey::total(), v, fi, row.line, NOTE_APP);
            match coa.known() {
                Some(cp) if cp != area => {
                    let cpk = key(&[("COUNTERPART_AREA", cp.as_str())]);
                    ds.add(&app_origin, area, period, cpk, v, fi, row.line, NOTE_APP);
                }
                Some(_) => {}
                None => other_cp = true,
            }
        }
        if other_cp {
            st.skips.add(skip_other.as_str());
        }
    }
    Ok(())
}

/// `asylum_decisions.csv`: REF.ASY_DEC and REF.ASY_DEC_ORIGIN by type of decision, persons only,
/// summed over procedures and decision levels.
fn decisions(st: &mut State, f: &InputFile) -> Result<(), IngestError> {
    let table = Table::parse(f, b',')?;
    let mut names = vec!["year", "coo", "coo_iso", "coa", "coa_iso", "procedure_type", "dec_level", "dec_pc"];
    names.extend(DECISIONS.iter().map(|(n, _)| *n));
    let c = table.columns(&names)?;
    st.rows += table.len() as u64;
    let fi = st.main.builder.file(f);
    let dec = st.codes["REF.ASY_DEC"].clone();
    let (dec_i, dec_origin_i) = (ind_index("REF.ASY_DEC"), ind_index("REF.ASY_DEC_ORIGIN"));
    let dec_origin = st.codes["REF.ASY_DEC_ORIGIN"].clone();
    let (skip_neither, skip_cases, skip_other) =
        (reason(&f.display, SKIP_NEITHER), reason(&f.display, SKIP_CASES), reason(&f.display, SKIP_OTHER_CP));
    let mut seen = HashMap::with_capacity(table.len());
    for row in table.rows() {
        if st.problems.len() > MAX_PROBLEMS {
            break;
        }
        let p = &mut st.problems;
        let period = year(&row, c[0], p);
        let coo = st.places.get(&row, c[2], p);
        let coa = st.places.get(&row, c[4], p);
        let proc = procedure(&row, c[5], p);
        let pc = persons(&row, c[7], p);
        let values: Vec<Option<f64>> = (0..DECISIONS.len()).map(|i| count(&row, c[8 + i], p)).collect();
        let k = [c[0], c[1], c[3], c[5], c[6], c[7]];
        let what = "year, origin, asylum country, procedure, level and unit";
        if !unique(&mut seen, &row, &k, what, p) {
            continue;
        }
        let (Some(period), Some(coo), Some(coa), Some(_), Some(pc)) = (period, coo, coa, proc, pc) else {
            continue;
        };
        if pc {
            let (coo_g, coa_g) = (st.groups.of(st.ctx, coo.known(), period), st.groups.of(st.ctx, coa.known(), period));
            for (i, (_, code)) in DECISIONS.iter().enumerate() {
                let Some(v) = values[i] else { continue };
                // The total (`_T`) is kept without DECISION, index 0.
                let dim = if *code == "_T" { 0 } else { GROUP_DIMS.iter().position(|(_, c)| c == code).unwrap_or(0) as u8 };
                st.group_add(Target::Main, dec_i, coa_g, period, dim, v, fi, row.line, NOTE_DEC);
                st.group_add(Target::Main, dec_origin_i, coo_g, period, dim, v, fi, row.line, NOTE_DEC);
            }
        }
        if coo.in_scope().is_none() && coa.in_scope().is_none() {
            st.skips.add(skip_neither.as_str());
            continue;
        }
        if !pc {
            st.skips.add(skip_cases.as_str());
            continue;
        }
        let mut other_cp = false;
        for (i, (_, code)) in DECISIONS.iter().enumerate() {
            let Some(v) = values[i] else { continue };
            for (ind, area, cp) in [(&dec, &coa, &coo), (&dec_origin, &coo, &coa)] {
                let Some(area) = area.in_scope() else { continue };
                let ds = &mut st.main;
                ds.add(ind, area, period, key(&[("DECISION", code)]), v, fi, row.line, NOTE_DEC);
                match cp.known() {
                    Some(cp) if cp != area => {
                        let k = key(&[("DECISION", code), ("COUNTERPART_AREA", cp.as_str())]);
                        ds.add(ind, area, period, k, v, fi, row.line, NOTE_DEC);
                    }
                    Some(_) => {}
                    None => other_cp = true,
                }
            }
        }
        if other_cp {
            st.skips.add(skip_other.as_str());
        }
    }
    Ok(())
}

/// `demographics.csv`: REF.POP_DEMOG for the asylum country by population type, sex and age.
fn demographics(st: &mut State, f: &InputFile) -> Result<(), IngestError> {
    let table = Table::parse(f, b',')?;
    let mut names: Vec<String> = ["year", "coo", "coo_iso", "coa", "coa_iso", "pop_type", "location", "loc_type", "acc_type"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    for sex in ["f", "m"] {
        for (age, _) in AGES {
            names.push(format!("{sex}_{age}"));
        }
        names.push(format!("{sex}_total"));
    }
    names.push("total".into());
    let name_refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let c = table.columns(&name_refs)?;
    st.rows += table.len() as u64;
    let fi = st.main.builder.file(f);
    let ind = st.codes["REF.POP_DEMOG"].clone();
    let pop_types: Vec<String> = DimensionId::parse("POP_TYPE")
        .ok()
        .and_then(|d| st.ctx.framework.codelist_of(&d))
        .map(|cl| cl.codes.iter().map(|c| c.id.to_string()).filter(|c| c != "_T").collect())
        .unwrap_or_default();
    if pop_types.is_empty() {
        return Err(IngestError::one(Problem::file(
            "framework",
            "the framework has no codelist for the dimension POP_TYPE, which this importer needs",
        )));
    }
    let skip_out = reason(&f.display, "asylum country outside the profile countries and comparison groups");
    let mut seen = HashMap::with_capacity(table.len());
    // Column offsets: 9..=15 female ages and total, 16..=22 male, 23 total.
    for row in table.rows() {
        if st.problems.len() > MAX_PROBLEMS {
            break;
        }
        let p = &mut st.problems;
        let period = year(&row, c[0], p);
        let coa = st.places.get(&row, c[4], p);
        let pt = row.get(c[5]);
        let pt_ok = pop_types.iter().any(|x| x == pt);
        if !pt_ok {
            p.push(row.problem(c[5], format!("expected a UNHCR population type of CL_POP_TYPE ({})", pop_types.join(", "))));
        }
        let cells: Vec<f64> = (9..24).map(|i| count(&row, c[i], p).unwrap_or(0.0)).collect();
        let k = [c[0], c[1], c[3], c[5], c[6], c[7], c[8]];
        let what = "year, origin, asylum country, population type and location";
        if !unique(&mut seen, &row, &k, what, p) {
            continue;
        }
        // Sexes: female cells 0..=6 (ages then total), male 7..=13, total 14.
        let (fem, male, total) = (&cells[0..7], &cells[7..14], cells[14]);
        let mut consistent = true;
        for (sex, part, col) in [("f", fem, c[15]), ("m", male, c[22])] {
            let sum: f64 = part[..6].iter().sum();
            if sum != part[6] {
                p.push(row.problem(col, format!("{sex}_total is not the sum of the {sex}_ age columns ({sum}): expected them to add up")));
                consistent = false;
            }
        }
        let residual = total - fem[6] - male[6];
        if residual < 0.0 {
            p.push(row.problem(c[23], format!("total is less than f_total + m_total ({}): expected at least their sum", fem[6] + male[6])));
            consistent = false;
        }
        let (Some(period), Some(coa), true, true) = (period, coa, pt_ok, consistent) else { continue };
        let Some(area) = coa.in_scope() else {
            st.skips.add(skip_out.as_str());
            continue;
        };
        let ds = &mut st.main;
        let mut add = |dims: &[(&str, &str)], v: f64, note: &'static str| {
            let mut d = vec![("POP_TYPE", pt)];
            d.extend_from_slice(dims);
            ds.add(&ind, area, period, key(&d), v, fi, row.line, note);
        };
        add(&[], total, NOTE_DEMOG);
        if fem[6] + male[6] > 0.0 {
            for (sex, part) in [("F", fem), ("M", male)] {
                add(&[("SEX", sex)], part[6], NOTE_DEMOG);
                for (i, (_, age)) in AGES.iter().enumerate() {
                    add(&[("SEX", sex), ("AGE", age)], part[i], NOTE_DEMOG);
                }
            }
            for (i, (_, age)) in AGES.iter().enumerate() {
                let note = if *age == "_U" { NOTE_DEMOG_AGE_UNKNOWN } else { NOTE_DEMOG };
                add(&[("AGE", age)], fem[i] + male[i], note);
            }
        }
        if residual > 0.0 {
            add(&[("SEX", "_U")], residual, NOTE_DEMOG_UNKNOWN);
            add(&[("SEX", "_U"), ("AGE", "_U")], residual, NOTE_DEMOG_UNKNOWN);
            add(&[("AGE", "_U")], residual, NOTE_DEMOG_AGE_UNKNOWN);
        }
    }
    Ok(())
}

/// `idmc.csv`: IDMC's conflict IDPs (IDP.STOCK, CAUSE = CONFLICT) in dataset `idmc-unhcr`.
fn idmc(st: &mut State, f: &InputFile) -> Result<(), IngestError> {
    let table = Table::parse(f, b',')?;
    let c = table.columns(&["year", "coo_iso", "coa_iso", "total"])?;
    st.rows += table.len() as u64;
    let fi = st.idmc.builder.file(f);
    let ind = st.codes["IDP.STOCK"].clone();
    let skip_unknown = reason(
        &f.display,
        "country unknown (UNK): IDMC's global estimate for 1990-2008, before country figures, \
         or a small unattributed remainder: counted only in the world total",
    );
    let skip_abyei = reason(&f.display, "AB9 (Abyei Area) is not an ISO 3166 country: counted only in the world total");
    let skip_out = reason(&f.display, "country outside the profile countries: counted only in the world and group totals");
    let mut seen = HashMap::new();
    for row in table.rows() {
        if st.problems.len() > MAX_PROBLEMS {
            break;
        }
        let p = &mut st.problems;
        let period = year(&row, c[0], p);
        let coa = st.places.get(&row, c[2], p);
        let v = count(&row, c[3], p);
        if !unique(&mut seen, &row, &[c[0], c[2]], "year and country", p) {
            continue;
        }
        let (Some(period), Some(coa), Some(v)) = (period, coa, v) else { continue };
        let set = st.groups.of(st.ctx, coa.known(), period);
        st.group_add(Target::Idmc, ind_index("IDP.STOCK"), set, period, 5, v, fi, row.line, NOTE_IDMC);
        match coa {
            Place::Other("AB9") => st.skips.add(skip_abyei.as_str()),
            Place::Other(_) => st.skips.add(skip_unknown.as_str()),
            Place::Known(_, false) => st.skips.add(skip_out.as_str()),
            Place::Known(area, true) => {
                let dims = key(&[("CAUSE", "CONFLICT")]);
                st.idmc.add(&ind, &area, period, dims, v, fi, row.line, NOTE_IDMC);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_indicator_and_group_dimension_is_listed() {
        for c in POPULATION.iter().chain(FLOWS).chain(SOLUTIONS) {
            assert!(INDICATORS.contains(&c.indicator), "{}", c.indicator);
        }
        for code in ["REF.ASY_APP", "REF.ASY_APP_ORIGIN", "REF.ASY_DEC", "REF.ASY_DEC_ORIGIN", "IDP.STOCK"] {
            assert!(INDICATORS.contains(&code), "{code}");
        }
        for (_, code) in DECISIONS.iter().filter(|(_, c)| *c != "_T") {
            assert!(GROUP_DIMS.iter().any(|(_, c)| c == code), "{code}");
        }
        assert_eq!(GROUP_DIMS[5], ("CAUSE", "CONFLICT"));
    }
}
