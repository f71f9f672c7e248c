//! IOM Missing Migrants Project (MMP), from the CSV conversion of the `iom/gdidata` R package
//! (records from 2 January 2014 to 30 April 2025): one row per recorded incident, aggregated here
//! into yearly figures. Attribution: "IOM's Missing Migrants Project" (CC BY 4.0); the figures
//! are aggregated by mprofile, as the footnotes say.
//!
//! Counting rules (also in the footnotes):
//! * **Every record counts**, whatever its type (Incident, Split Incident, Cumulative Incident,
//!   and the 8 records typed "Incident,Split Incident"). In this file a split incident is one
//!   row per event: its parts are already merged (several nationalities and causes are listed in
//!   one row, and only 9 pairs of split rows share a date and country). Cumulative records
//!   (remains found over a period, e.g. "bodies recovered in multiple locations") are not sums
//!   of split incidents: only 5 of the 93 match, by value alone, split rows of the same month,
//!   country and route, all with 1 to 3 deaths and other locations. So no record duplicates
//!   another, and the yearly sums match MMP's own totals (e.g. 8,755 for 2023). Rows identical in
//!   every column (708, mostly single deaths recorded on the same day at the same medical
//!   examiner's office) are separate deaths and count.
//! * IRR.DEAD_MISSING: area = country of the incident (`geo`) when it is a profile country;
//!   ROUTE, DEATH_CAUSE and their totals. A record listing several causes ("Drowning,Violence":
//!   the package joins the causes of a merged incident in alphabetical order, so the first is
//!   not the main one) is counted under MIXED_UNKNOWN ("Mixed or unknown"), the codelist's code
//!   for deaths of mixed causes; there is no count per cause.
//! * IRR.DEAD_MISSING_ORIGIN: area = nationality, only for records listing exactly one
//!   nationality. A record listing several (or one and `UNK`) does not say how many victims had
//!   each, so it is left out of the origin figures (not split equally, not counted for each): an
//!   explained skip, and the footnote of the origin figure gives how many dead and missing such
//!   records add for the same year and route. `UNK` alone (unknown origin) is skipped too.
//! * IRR.SURVIVORS: survivors of the records that report a number, by country of incident and
//!   route; an empty cell is "not reported" (most records). Five records give a negative count
//!   (-1, -2): left out of the survivors, an explained skip.
//! * Route names are matched to CL_ROUTE by the codelist's English names, causes to
//!   CL_MMP_CAUSE likewise. A record without a country of incident would be an explained skip
//!   (none in this file: incidents at sea carry the nearest country).
//! * World and group totals of IRR.DEAD_MISSING (in total and by route) are sums over every
//!   record, by country of incident: WORLD counts every record; a group counts the incidents in
//!   its member countries of the year. The origin figures have no group totals, since most
//!   victims' nationality is unknown or shared with others in the record.
//! * The last year is partial (records up to the file's last date, 30 April 2025): no annual
//!   figure is made for it, since a four-month sum would read as a fall (and a profile's "latest
//!   figure" would pick it); its records are an explained skip.

use super::groups::{Groups, key};
use super::{PublicSource, UpstreamFile};
use crate::context::{Context, DatasetBuilder, Obs, ReadReport, Skips, checked};
use crate::error::{IngestError, MAX_PROBLEMS, Problem, Problems};
use crate::files::InputFile;
use crate::table::{Row, Table};
use mp_domain::{AreaCode, DimensionId, DimensionKey, IndicatorCode, ObsStatus, Period, SourceInfo};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// The file, relative to the mirror.
pub const FILE: &str = "iom-gdidata/iom_mmp.csv";
/// The source code.
pub const SOURCE_CODE: &str = "iom-mmp";
/// The vintage (download of April 2025, records to 30 April 2025).
pub const VINTAGE: &str = "2025-04";

/// The source family.
pub const SOURCE: PublicSource = PublicSource {
    family: "iom-mmp",
    title: "IOM Missing Migrants Project: dead and missing migrants, 2014 to April 2025",
    files: &[UpstreamFile {
        path: FILE,
        url: "https://raw.githubusercontent.com/iom/gdidata/c9e4cc69cebd91d6cfca5f4107e2406e4de2c6ff/data/iom_mmp.rda",
        converted: true,
    }],
    read,
};

fn source_info() -> SourceInfo {
    SourceInfo {
        code: SOURCE_CODE.into(),
        name: "Missing Migrants Project".into(),
        publisher: "International Organization for Migration (IOM)".into(),
        licence: "CC BY 4.0; attribution: \"IOM's Missing Migrants Project\"".into(),
        url: "https://missingmigrants.iom.int/downloads".into(),
    }
}

const NOTE_DEAD: &str = "Source: IOM's Missing Migrants Project, aggregated by mprofile: sum \
    of the dead and missing of every record of the year whose incident took place in the \
    country (incidents, split incidents and cumulative records, which do not overlap in the \
    file). A minimum estimate. Records listing several causes are counted as 'mixed or unknown'.";
const NOTE_ORIGIN: &str = "Source: IOM's Missing Migrants Project, aggregated by mprofile: sum \
    of the dead and missing of the records of the year that list this nationality alone, \
    wherever the incident took place. A minimum estimate.";
const NOTE_SURVIVORS: &str = "Source: IOM's Missing Migrants Project, aggregated by mprofile: sum \
    of the survivors of the records of the year that report a number (most records do not).";

const NOTE_WORLD: &str = "Source: IOM's Missing Migrants Project, aggregated by mprofile: world total, the sum of the \
    dead and missing of every record of the year (incidents, split incidents and cumulative records, which do not overlap \
    in the file). A minimum estimate.";
const NOTE_GROUP: &str = "Source: IOM's Missing Migrants Project, aggregated by mprofile: sum of the dead and missing of \
    the records of the year whose incident took place in a member country of the group that year. A minimum estimate.";

const SKIP_NEITHER: &str = "neither the country of the incident nor a single listed nationality \
    is a profile country: counted only in the world and group totals";
const SKIP_MULTI: &str = "origin figures: the record lists several nationalities (or one and \
    UNK), including a profile country, without a count for each: counted in the incident \
    country's figures only, and given in the origin figure's footnote";
const SKIP_NEGATIVE: &str = "survivors given as a negative number (-1, -2): left out of the \
    survivor counts";
const SKIP_NO_GEO: &str = "no country of incident: left out of the incident-country figures";

/// Incident types a `type` cell may list.
const TYPES: [&str; 3] = ["Incident", "Split Incident", "Cumulative Incident"];

fn read(dir: &Path, ctx: &Context) -> Result<ReadReport, IngestError> {
    let f = InputFile::read(&dir.join(FILE), FILE)?;
    read_file(&f, ctx)
}

/// A running sum of one figure.
struct Acc {
    sum: f64,
    rows: u64,
    first: u64,
}

/// Indicator, area, year, dimensions (a year, not a [`Period`]: its ordering formats dates).
type Key = (IndicatorCode, AreaCode, i32, DimensionKey);

fn bump(map: &mut BTreeMap<Key, Acc>, key: Key, v: f64, line: u64) {
    let e = map.entry(key).or_insert(Acc { sum: 0.0, rows: 0, first: line });
    e.sum += v;
    e.rows += 1;
}

/// The English names of a dimension's codelist, lower-cased, with their codes.
fn names(ctx: &Context, dim: &str) -> Result<Vec<(String, String)>, IngestError> {
    let cl = DimensionId::parse(dim).ok().and_then(|d| ctx.framework.codelist_of(&d));
    match cl {
        Some(cl) => Ok(cl.codes.iter().filter(|c| !c.id.is_total()).map(|c| (c.name.en.trim().to_lowercase(), c.id.to_string())).collect()),
        None => Err(IngestError::one(Problem::file(
            "framework",
            format!("the framework has no codelist for the dimension {dim}, which this importer needs"),
        ))),
    }
}

/// Splits a cell listing known names joined by commas, where names may contain commas
/// themselves ("…shelter, food, water"): the longest known name is taken at each step.
fn split_names<'n>(cell: &str, known: &'n [(String, String)]) -> Option<Vec<&'n str>> {
    let mut rest = cell.trim().to_lowercase();
    let mut out = Vec::new();
    while !rest.is_empty() {
        let (name, code) = known.iter().filter(|(n, _)| rest.starts_with(n.as_str())).max_by_key(|(n, _)| n.len())?;
        out.push(code.as_str());
        rest = rest[name.len()..].trim_start().to_string();
        if let Some(r) = rest.strip_prefix(',') {
            rest = r.trim_start().to_string();
            if rest.is_empty() {
                return None;
            }
        } else if !rest.is_empty() {
            return None;
        }
    }
    (!out.is_empty()).then_some(out)
}

/// An ISO date `YYYY-MM-DD` as (year, month, day).
fn date(s: &str) -> Option<(i32, u8, u8)> {
    let b = s.as_bytes();
    if !s.is_ascii() || b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i32 = s[0..4].parse().ok()?;
    let m: u8 = s[5..7].parse().ok()?;
    let d: u8 = s[8..10].parse().ok()?;
    Period::parse(&s[0..4]).ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

fn whole(row: &Row, col: usize, problems: &mut Problems) -> Option<Option<f64>> {
    match row.value(col, 0, problems) {
        Some(Some(v)) if v.fract() == 0.0 => Some(Some(v)),
        Some(Some(_)) => {
            problems.push(row.problem(col, "expected a whole number of persons"));
            None
        }
        other => other,
    }
}

/// What the `nat` cell says about the victims' origin.
enum Origin {
    /// One nationality, a known country.
    Single(AreaCode),
    /// Unknown (`UNK` alone).
    Unknown,
    /// Several nationalities (possibly with `UNK`): the known countries listed.
    Several(Vec<AreaCode>),
}

fn origin(row: &Row, col: usize, ctx: &Context, problems: &mut Problems) -> Option<Origin> {
    let cell = row.get(col);
    let mut known = Vec::new();
    let mut tokens = 0;
    for t in cell.split(',').map(str::trim) {
        tokens += 1;
        if t == "UNK" {
            continue;
        }
        match ctx.area(t) {
            Some(a @ AreaCode::Country(_)) => known.push(a),
            _ => {
                problems.push(
                    row.problem(col, format!("`{t}` is not a known country: expected ISO 3166 alpha-3 codes separated by commas, or UNK")),
                );
                return None;
            }
        }
    }
    Some(match (tokens, known.len()) {
        (1, 1) => Origin::Single(known.remove(0)),
        (_, 0) => Origin::Unknown,
        _ => Origin::Several(known),
    })
}

/// Reads `iom_mmp.csv` into the dataset `iom-mmp@2025-04`, or every problem found in it.
pub fn read_file(file: &InputFile, ctx: &Context) -> Result<ReadReport, IngestError> {
    let table = Table::parse(file, b',')?;
    let c = table.columns(&["t", "type", "route", "geo", "dead", "cause", "surv", "nat"])?;
    let routes = names(ctx, "ROUTE")?;
    let causes = names(ctx, "DEATH_CAUSE")?;
    let mut problems = Problems::default();
    let dead_i = ctx.indicator("IRR.DEAD_MISSING", &mut problems);
    let origin_i = ctx.indicator("IRR.DEAD_MISSING_ORIGIN", &mut problems);
    let surv_i = ctx.indicator("IRR.SURVIVORS", &mut problems);
    let (Some(dead_i), Some(origin_i), Some(surv_i)) = (dead_i, origin_i, surv_i) else {
        return Err(problems.into_error());
    };

    let mut sums: BTreeMap<Key, Acc> = BTreeMap::new();
    // Deaths in records listing several nationalities, by (country, year, route code or "").
    let mut unsplit: HashMap<(AreaCode, i32, String), f64> = HashMap::new();
    let mut skips = Skips::default();
    let mut groups = Groups::new(ctx);
    // The file's last date: a year that does not reach December gets no annual figure.
    let last = table.rows().filter_map(|r| date(r.get(c[0]))).max();
    let partial = last.filter(|(_, m, _)| *m < 12);
    let skip_partial = partial.map(|(y, m, d)| {
        format!("record of {y}, a year the file covers only to {y}-{m:02}-{d:02}: no annual figure is made for an incomplete year")
    });
    for row in table.rows() {
        if problems.len() > MAX_PROBLEMS {
            break;
        }
        let when = date(row.get(c[0]));
        if when.is_none() {
            problems.push(row.problem(c[0], "expected the date of the incident as YYYY-MM-DD"));
        }
        let types_ok = row.get(c[1]).split(',').all(|t| TYPES.contains(&t.trim()));
        if !types_ok {
            problems.push(row.problem(c[1], "expected Incident, Split Incident or Cumulative Incident (or several, separated by commas)"));
        }
        let route = routes.iter().find(|(n, _)| *n == row.get(c[2]).to_lowercase()).map(|(_, code)| code.as_str());
        if route.is_none() {
            let all: Vec<&str> = routes.iter().map(|(n, _)| n.as_str()).collect();
            problems.push(row.problem(c[2], format!("unknown route: expected a route name of CL_ROUTE ({})", all.join("; "))));
        }
        let geo = match row.get(c[3]) {
            "" => Some(None),
            g => match ctx.area(g) {
                Some(a @ AreaCode::Country(_)) => Some(Some(a)),
                _ => {
                    problems.push(row.problem(c[3], "unknown country of incident: expected an ISO 3166 alpha-3 code such as NER"));
                    None
                }
            },
        };
        let dead = match whole(&row, c[4], &mut problems) {
            Some(Some(v)) if v >= 0.0 => Some(v),
            Some(Some(_)) => {
                problems.push(row.problem(c[4], "expected a non-negative number of dead and missing"));
                None
            }
            Some(None) => {
                problems.push(row.problem(c[4], "expected the number of dead and missing, found an empty cell"));
                None
            }
            None => None,
        };
        let cause = match split_names(row.get(c[5]), &causes) {
            Some(list) if list.len() == 1 => Some(list[0]),
            Some(_) => Some("MIXED_UNKNOWN"),
            None => {
                let all: Vec<&str> = causes.iter().map(|(n, _)| n.as_str()).collect();
                problems.push(row.problem(
                    c[5],
                    format!("unknown cause of death: expected causes of CL_MMP_CAUSE separated by commas ({})", all.join("; ")),
                ));
                None
            }
        };
        let surv = whole(&row, c[6], &mut problems);
        let nat = origin(&row, c[7], ctx, &mut problems);
        let (Some((year, _, _)), true, Some(route), Some(geo), Some(dead), Some(cause), Some(surv), Some(nat)) =
            (when, types_ok, route, geo, dead, cause, surv, nat)
        else {
            continue;
        };
        if let (Some((py, _, _)), Some(reason)) = (partial, &skip_partial)
            && py == year
        {
            skips.add(reason.as_str());
            continue;
        }

        for i in groups.of(ctx, geo.as_ref(), year).iter() {
            for dims in [key(&[("ROUTE", route)]), DimensionKey::total()] {
                bump(&mut sums, (dead_i.clone(), groups.area(i).clone(), year, dims), dead, row.line);
            }
        }
        let mut used = false;
        match &geo {
            Some(g) if ctx.in_scope(g) => {
                used = true;
                for dims in [
                    key(&[("ROUTE", route), ("DEATH_CAUSE", cause)]),
                    key(&[("ROUTE", route)]),
                    key(&[("DEATH_CAUSE", cause)]),
                    DimensionKey::total(),
                ] {
                    bump(&mut sums, (dead_i.clone(), g.clone(), year, dims), dead, row.line);
                }
                match surv {
                    Some(s) if s >= 0.0 => {
                        for dims in [key(&[("ROUTE", route)]), DimensionKey::total()] {
                            bump(&mut sums, (surv_i.clone(), g.clone(), year, dims), s, row.line);
                        }
                    }
                    Some(_) => skips.add(SKIP_NEGATIVE),
                    None => {}
                }
            }
            Some(_) => {}
            None => skips.add(SKIP_NO_GEO),
        }
        match &nat {
            Origin::Single(a) if ctx.in_scope(a) => {
                used = true;
                for dims in [key(&[("ROUTE", route)]), DimensionKey::total()] {
                    bump(&mut sums, (origin_i.clone(), a.clone(), year, dims), dead, row.line);
                }
            }
            Origin::Several(list) if list.iter().any(|a| ctx.in_scope(a)) => {
                used = true;
                skips.add(SKIP_MULTI);
                for a in list.iter().filter(|a| ctx.in_scope(a)) {
                    *unsplit.entry((a.clone(), year, route.to_string())).or_default() += dead;
                    *unsplit.entry((a.clone(), year, String::new())).or_default() += dead;
                }
            }
            _ => {}
        }
        if !used {
            skips.add(SKIP_NEITHER);
        }
    }
    if !problems.is_empty() {
        return Err(problems.into_error());
    }

    let mut ds = DatasetBuilder::new(source_info(), VINTAGE);
    let fi = ds.file(file);
    for ((ind, area, year, dims), acc) in sums {
        let note = if ind == dead_i && area.as_str() == "WORLD" {
            NOTE_WORLD.to_string()
        } else if ind == dead_i && matches!(area, AreaCode::Group(_)) {
            NOTE_GROUP.to_string()
        } else if ind == dead_i {
            NOTE_DEAD.to_string()
        } else if ind == surv_i {
            NOTE_SURVIVORS.to_string()
        } else {
            let route = dims.get("ROUTE").map(|r| r.to_string()).unwrap_or_default();
            let more = unsplit.get(&(area.clone(), year, route)).copied().unwrap_or(0.0);
            if more > 0.0 {
                format!(
                    "{NOTE_ORIGIN} A further {more} dead and missing were recorded in incidents \
                     listing this and other or unknown nationalities, which the file does not \
                     split by nationality."
                )
            } else {
                NOTE_ORIGIN.to_string()
            }
        };
        let locator = if acc.rows == 1 { format!("row {}", acc.first) } else { format!("sum of {} rows from row {}", acc.rows, acc.first) };
        let obs = Obs {
            indicator: ind,
            area,
            period: Period::Year(year),
            dims,
            value: Some(acc.sum),
            status: ObsStatus::Normal,
            footnote: Some(note),
        };
        ds.add(obs, fi, locator, &mut problems);
    }
    let report = ReadReport { datasets: vec![ds.finish()], rows_read: table.len() as u64, skipped: skips.into_vec() };
    problems.finish(())?;
    checked(ctx, report)
}
