//! Frontex detections of illegal border-crossings at the EU's external borders ("migratory
//! map" download of 3 June 2025), from the CSV conversion of the `iom/gdidata` R package:
//! monthly detections by route, border type (sea, land) and nationality, January 2009 to
//! April 2025. Frontex allows reuse with the source acknowledged.
//!
//! IRR.FRONTEX has the nationality as area (the profile countries only) and ROUTE and
//! BORDER_TYPE as dimensions. The file's rows are the monthly figures by route and border
//! type; the monthly total over routes and the annual figures (by route and border type, by
//! route, by border type and overall) are sums of months computed here. These are detections,
//! not persons: one person crossing twice, or detected on two routes, counts twice. The last
//! year is partial (to April 2025): its months are kept, but no annual figure is made for it,
//! since a four-month sum would read as a fall (a profile's "latest figure" would pick it). No
//! monthly total over routes is stored either, so the totals hold only whole years. Route names are
//! matched to CL_ROUTE by the codelist's English names. Nationality codes that are not ISO
//! countries (OOO other or unknown, OOS unspecified sub-Saharan, STL stateless, XKX Kosovo)
//! are explained skips, as are the nationalities outside the profile countries. World and group
//! totals (monthly in total, annual in total and by route) are sums over every row: WORLD counts
//! every nationality, unknown ones included; a group counts the nationals of its member
//! countries of the year.

use super::groups::{GroupSums, Groups, key};
use super::{PublicSource, UpstreamFile};
use crate::context::{Context, DatasetBuilder, Obs, ReadReport, Skips, checked};
use crate::error::{IngestError, MAX_PROBLEMS, Problem, Problems};
use crate::files::InputFile;
use crate::table::Table;
use mp_domain::{AreaCode, DimensionId, DimensionKey, Period, SourceInfo};
use std::path::Path;

/// The file, relative to the mirror.
pub const FILE: &str = "iom-gdidata/frontex.csv";
/// The source code.
pub const SOURCE_CODE: &str = "frontex";
/// The vintage (download of June 2025).
pub const VINTAGE: &str = "2025-06";

/// The source family.
pub const SOURCE: PublicSource = PublicSource {
    family: "frontex",
    title: "Frontex detections of illegal border-crossings, monthly, 2009 to April 2025",
    files: &[UpstreamFile {
        path: FILE,
        url: "https://raw.githubusercontent.com/iom/gdidata/c9e4cc69cebd91d6cfca5f4107e2406e4de2c6ff/data/frontex.rda",
        converted: true,
    }],
    read,
};

fn source_info() -> SourceInfo {
    SourceInfo {
        code: SOURCE_CODE.into(),
        name: "Detections of illegal border-crossings (migratory map, download of 3 June 2025)".into(),
        publisher: "European Border and Coast Guard Agency (Frontex)".into(),
        licence: "Reuse allowed with acknowledgement of the source (Frontex)".into(),
        url: "https://www.frontex.europa.eu/what-we-do/monitoring-and-risk-analysis/migratory-map/".into(),
    }
}

const NOTE_MONTH: &str = "Counts detections, not persons: one person may be detected several \
    times.";
const NOTE_SUM: &str = "Computed by mprofile as a sum of Frontex's monthly figures by route and \
    border type. Counts detections, not persons: one person may be detected several times.";

const SKIP_NOT_ISO: &str = "nationality code is not an ISO country (OOO other or unknown, OOS \
    unspecified sub-Saharan, STL stateless, XKX Kosovo): counted only in the world total";
const SKIP_OUT: &str = "nationality outside the profile countries: counted only in the world and group totals";
const NOTE_WORLD: &str = "World total computed by mprofile as the sum of every row of the file (all nationalities, \
    including unknown ones). Counts detections, not persons.";
const NOTE_GROUP: &str = "Group total computed by mprofile as the sum over the nationals of the group's member countries \
    in that year. Counts detections, not persons.";

/// Codes of the file that are not ISO countries.
const NOT_ISO: [&str; 4] = ["OOO", "OOS", "STL", "XKX"];

fn read(dir: &Path, ctx: &Context) -> Result<ReadReport, IngestError> {
    let f = InputFile::read(&dir.join(FILE), FILE)?;
    read_file(&f, ctx)
}

/// Reads `frontex.csv` (`route,type,nat,t,n`) into the dataset `frontex@2025-06`.
pub fn read_file(file: &InputFile, ctx: &Context) -> Result<ReadReport, IngestError> {
    let table = Table::parse(file, b',')?;
    let c = table.columns(&["route", "type", "nat", "t", "n"])?;
    let routes: Vec<(String, String)> = DimensionId::parse("ROUTE")
        .ok()
        .and_then(|d| ctx.framework.codelist_of(&d))
        .map(|cl| cl.codes.iter().filter(|c| !c.id.is_total()).map(|c| (c.name.en.trim().to_lowercase(), c.id.to_string())).collect())
        .unwrap_or_default();
    if routes.is_empty() {
        return Err(IngestError::one(Problem::file(
            "framework",
            "the framework has no codelist for the dimension ROUTE, which this importer needs",
        )));
    }
    let mut problems = Problems::default();
    let Some(ind) = ctx.indicator("IRR.FRONTEX", &mut problems) else {
        return Err(problems.into_error());
    };
    let mut ds = DatasetBuilder::new(source_info(), VINTAGE);
    let fi = ds.file(file);
    ds.sum_note(NOTE_SUM);
    let mut skips = Skips::default();
    let mut groups = Groups::new(ctx);
    let mut gsums = GroupSums::default();
    // The last month of the file: a year that does not reach December gets no annual figure.
    let last = table.rows().filter_map(|r| match Period::parse(r.get(c[3])) {
        Ok(Period::Month(y, m)) => Some((y, m)),
        _ => None,
    });
    let partial = last.max().filter(|(_, m)| *m < 12).map(|(y, _)| y);
    for row in table.rows() {
        if problems.len() > MAX_PROBLEMS {
            break;
        }
        let name = row.get(c[0]).to_lowercase();
        let route = routes.iter().find(|(n, _)| *n == name).map(|(_, code)| code.as_str());
        if route.is_none() {
            let all: Vec<&str> = routes.iter().map(|(n, _)| n.as_str()).collect();
            problems.push(row.problem(c[0], format!("unknown route: expected a route name of CL_ROUTE ({})", all.join("; "))));
        }
        let border = match row.get(c[1]) {
            "Sea" => Some("SEA"),
            "Land" => Some("LAND"),
            _ => {
                problems.push(row.problem(c[1], "expected Sea or Land"));
                None
            }
        };
        let nat = row.get(c[2]);
        let area = if NOT_ISO.contains(&nat) {
            Some(None)
        } else {
            match ctx.area(nat) {
                Some(a @ AreaCode::Country(_)) => Some(Some(a)),
                _ => {
                    problems.push(row.problem(
                        c[2],
                        "unknown nationality: expected an ISO 3166 alpha-3 code such as SEN, or \
                         OOO, OOS, STL or XKX",
                    ));
                    None
                }
            }
        };
        let month = match row.period(c[3], &mut problems) {
            Some(Period::Month(y, m)) => Some((y, m)),
            Some(_) => {
                problems.push(row.problem(c[3], "expected the first day of a month, such as 2024-03-01"));
                None
            }
            None => None,
        };
        let n = match row.value(c[4], 0, &mut problems) {
            Some(Some(v)) if v >= 0.0 && v.fract() == 0.0 => Some(v),
            Some(Some(_)) => {
                problems.push(row.problem(c[4], "expected a whole, non-negative number of detections"));
                None
            }
            Some(None) => {
                problems.push(row.problem(c[4], "expected a number of detections, found an empty cell"));
                None
            }
            None => None,
        };
        let (Some(route), Some(border), Some(area), Some((y, m)), Some(n)) = (route, border, area, month, n) else {
            continue;
        };
        if Some(y) != partial {
            let set = groups.of(ctx, area.as_ref(), y);
            gsums.add(set, Period::Year(y), &DimensionKey::total(), n, row.line);
            gsums.add(set, Period::Year(y), &key(&[("ROUTE", route)]), n, row.line);
        }
        let Some(area) = area else {
            skips.add(SKIP_NOT_ISO);
            continue;
        };
        if !ctx.in_scope(&area) {
            skips.add(SKIP_OUT);
            continue;
        }
        let obs = Obs::new(&ind, &area, Period::Month(y, m), n).dim("ROUTE", route).dim("BORDER_TYPE", border).note(NOTE_MONTH);
        ds.add(obs, fi, row.locator(), &mut problems);
        let at = row.locator();
        if Some(y) == partial {
            continue;
        }
        for dims in [
            key(&[("ROUTE", route), ("BORDER_TYPE", border)]),
            key(&[("ROUTE", route)]),
            key(&[("BORDER_TYPE", border)]),
            DimensionKey::total(),
        ] {
            ds.add_to_sum(&ind, &area, Period::Year(y), dims, n, fi, &at);
        }
    }
    if !problems.is_empty() {
        return Err(problems.into_error());
    }
    gsums.finish(&groups, &ind, &mut ds, fi, |world| if world { NOTE_WORLD } else { NOTE_GROUP }, &mut problems);
    problems.finish(())?;
    let dataset = ds.finish();
    let report = ReadReport { datasets: vec![dataset], rows_read: table.len() as u64, skipped: skips.into_vec() };
    checked(ctx, report)
}
