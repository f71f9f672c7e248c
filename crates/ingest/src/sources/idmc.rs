//! IDMC Global Internal Displacement Database (GIDD), from the CSV conversions of the
//! `iom/gdidata` R package: new displacements by cause (`idmc_flows.csv`, 2008–2023, "received
//! via correspondence with IDMC") and IDPs at the end of 2024 by cause, sex and age
//! (`idmc_stocks.csv`, downloaded 13 May 2025).
//!
//! Two sources, since the two files hold different figures (not two vintages of the same ones):
//! `idmc-nd@2024` (new displacements) and `idmc@2025-05` (IDPs, the stocks).
//!
//! Counting rules:
//! * Flows: `conflict` rows are IDP.NEW_CONF; every other cause is a disaster hazard, IDP.NEW_DIS
//!   with CAUSE, plus the total over hazards (IDP.NEW_DIS without CAUSE) computed here, which
//!   the framework's IDP.NEW adds to IDP.NEW_CONF. Zeros are IDMC's own figures and are kept.
//! * Stocks: each row is one cause × sex × age cell. Every total (over sex, over age, over both,
//!   and over the two causes, conflict and disaster, which IDMC adds for its headline figure) is
//!   a sum computed here. IDMC splits its headline figures by sex and age with population
//!   structure models, and the cells do not always add up to the headline: Nigeria's conflict
//!   IDPs at the end of 2024 sum to 3,359,007 here, against the 3.472 million IDMC headline that
//!   UNHCR redistributes (dataset `idmc-unhcr`); DR Congo's sum to 6,214,822 (6.215 million).
//! * `AB9` (Abyei Area, disputed between Sudan and South Sudan) and `XKX` (Kosovo) have no
//!   ISO 3166 code: explained skips, as are the countries outside the profile scope.
//! * World and group totals (IDP.NEW_CONF, IDP.NEW_DIS in total and by hazard, IDP.STOCK in
//!   total and by cause) are sums over every row: WORLD counts every area, Abyei and Kosovo
//!   included; a group counts its member countries of the year.

use super::groups::{GroupSums, Groups, key};
use super::{PublicSource, UpstreamFile};
use crate::context::{Context, DatasetBuilder, Obs, ReadReport, Skips, checked};
use crate::error::{IngestError, MAX_PROBLEMS, Problems};
use crate::files::InputFile;
use crate::table::{Row, Table};
use mp_domain::{AreaCode, DimensionKey, Period, SourceInfo};
use std::collections::HashMap;
use std::path::Path;

/// The flows file, relative to the mirror.
pub const FLOWS_FILE: &str = "iom-gdidata/idmc_flows.csv";
/// The stocks file, relative to the mirror.
pub const STOCKS_FILE: &str = "iom-gdidata/idmc_stocks.csv";
/// Vintage of the flows dataset.
pub const FLOWS_VINTAGE: &str = "2024";
/// Vintage of the stocks dataset (GIDD download of May 2025).
pub const STOCKS_VINTAGE: &str = "2025-05";
/// The source code of the stocks (IDPs).
pub const SOURCE_CODE: &str = "idmc";
/// The source code of the new displacements: a source of its own, or the store would take it
/// for an older vintage of the stocks and leave it out of every document.
pub const FLOWS_SOURCE_CODE: &str = "idmc-nd";

/// The source family.
pub const SOURCE: PublicSource = PublicSource {
    family: "idmc",
    title: "IDMC Global Internal Displacement Database: new displacements 2008-2023, IDPs end-2024",
    files: &[
        UpstreamFile {
            path: FLOWS_FILE,
            url: "https://raw.githubusercontent.com/iom/gdidata/c9e4cc69cebd91d6cfca5f4107e2406e4de2c6ff/data/idmc_flows.rda",
            converted: true,
        },
        UpstreamFile {
            path: STOCKS_FILE,
            url: "https://raw.githubusercontent.com/iom/gdidata/c9e4cc69cebd91d6cfca5f4107e2406e4de2c6ff/data/idmc_stocks.rda",
            converted: true,
        },
    ],
    read,
};

fn flows_source_info() -> SourceInfo {
    SourceInfo {
        code: FLOWS_SOURCE_CODE.into(),
        name: "Global Internal Displacement Database (GIDD): new displacements".into(),
        ..source_info()
    }
}

fn source_info() -> SourceInfo {
    SourceInfo {
        code: SOURCE_CODE.into(),
        name: "Global Internal Displacement Database (GIDD)".into(),
        publisher: "Internal Displacement Monitoring Centre (IDMC)".into(),
        licence: "IDMC terms of use: reuse with attribution (in line with CC BY 3.0 IGO)".into(),
        url: "https://www.internal-displacement.org/database/displacement-data/".into(),
    }
}

/// IDMC hazard names in the flows file and their CL_DISPLACEMENT_CAUSE code.
const HAZARDS: [(&str, &str); 10] = [
    ("flood", "FLOOD"),
    ("storm", "STORM"),
    ("drought", "DROUGHT"),
    ("earthquake", "EARTHQUAKE"),
    ("erosion", "EROSION"),
    ("extreme temperature", "EXTREME_TEMP"),
    ("mass movement", "MASS_MOVEMENT"),
    ("volcanic activity", "VOLCANIC"),
    ("wave action", "WAVE_ACTION"),
    ("wildfire", "WILDFIRE"),
];

const SEXES: [(&str, &str); 3] = [("female", "F"), ("male", "M"), ("unknown", "_U")];

const AGES: [(&str, &str); 6] =
    [("0-4", "Y0T4"), ("5-11", "Y5T11"), ("12-17", "Y12T17"), ("18-59", "Y18T59"), ("60+", "Y_GE60"), ("unknown", "_U")];

const NOTE_FLOWS: &str = "Movements, not people: a person displaced twice in the year counts \
    twice.";
const NOTE_DIS_TOTAL: &str = "Total over disaster hazards, computed by mprofile as the sum of \
    IDMC's figures by hazard. Movements, not people.";
const NOTE_STOCK: &str = "IDMC splits its figures by sex and age mostly with population \
    structure models.";
const NOTE_STOCK_SUM: &str = "Computed by mprofile as the sum of IDMC's cause x sex x age figures \
    (a split IDMC models mostly from population structure; it may differ from IDMC's headline \
    figure); the total over causes adds conflict and disaster IDPs, as IDMC does.";

const SKIP_AB9: &str = "AB9 (Abyei Area) is not an ISO 3166 country: counted only in the world total";
const SKIP_XKX: &str = "XKX (Kosovo) has no ISO 3166 code in the area registry: counted only in the world total";
const SKIP_OUT: &str = "country outside the profile countries: counted only in the world and group totals";
const NOTE_WORLD: &str = "World total computed by mprofile as the sum over every area of the file (Abyei and Kosovo \
    included).";
const NOTE_GROUP: &str = "Group total computed by mprofile as the sum over the group's member countries in that year.";
const NOTE_WORLD_FLOWS: &str = "World total computed by mprofile as the sum over every area of the file (Abyei and \
    Kosovo included). Movements, not people.";
const NOTE_GROUP_FLOWS: &str = "Group total computed by mprofile as the sum over the group's member countries in that \
    year. Movements, not people.";

fn read(dir: &Path, ctx: &Context) -> Result<ReadReport, IngestError> {
    let flows = InputFile::read(&dir.join(FLOWS_FILE), FLOWS_FILE).and_then(|f| read_flows(&f, ctx));
    let stocks = InputFile::read(&dir.join(STOCKS_FILE), STOCKS_FILE).and_then(|f| read_stocks(&f, ctx));
    match (flows, stocks) {
        (Ok(mut a), Ok(b)) => {
            a.merge(b);
            Ok(a)
        }
        (Err(mut a), Err(b)) => {
            a.merge(b);
            Err(a)
        }
        (Err(e), _) | (_, Err(e)) => Err(e),
    }
}

/// Where a `geo` cell points.
enum Geo {
    /// A known country, and whether it is a profile country.
    Country(AreaCode, bool),
    /// Not an ISO country: an explained skip with its reason, counted in the world total.
    Other(&'static str),
}

fn geo(row: &Row, col: usize, ctx: &Context, problems: &mut Problems) -> Option<Geo> {
    match row.get(col) {
        "AB9" => return Some(Geo::Other(SKIP_AB9)),
        "XKX" => return Some(Geo::Other(SKIP_XKX)),
        _ => {}
    }
    match ctx.area(row.get(col)) {
        Some(a @ AreaCode::Country(_)) => {
            let scope = ctx.in_scope(&a);
            Some(Geo::Country(a, scope))
        }
        _ => {
            problems.push(row.problem(
                col,
                "unknown country code: expected an ISO 3166 alpha-3 code of the area registry \
                 such as NGA, or AB9 (Abyei Area) or XKX (Kosovo)",
            ));
            None
        }
    }
}

fn year(row: &Row, col: usize, problems: &mut Problems) -> Option<Period> {
    match row.period(col, problems) {
        Some(p @ Period::Year(_)) => Some(p),
        Some(_) => {
            problems.push(row.problem(col, "expected a year such as 2023"));
            None
        }
        None => None,
    }
}

/// A whole non-negative count; an empty or bad cell is a problem (the files have no gaps).
fn count(row: &Row, col: usize, what: &str, problems: &mut Problems) -> Option<f64> {
    match row.value(col, 0, problems) {
        Some(Some(v)) if v >= 0.0 && v.fract() == 0.0 => Some(v),
        Some(Some(_)) => {
            problems.push(row.problem(col, format!("expected a whole, non-negative number of {what}")));
            None
        }
        Some(None) => {
            problems.push(row.problem(col, format!("expected a number of {what}, found an empty cell")));
            None
        }
        None => None,
    }
}

/// Reads `idmc_flows.csv` (`geo,t,cause,n`) into the dataset `idmc@2024`.
pub fn read_flows(file: &InputFile, ctx: &Context) -> Result<ReadReport, IngestError> {
    let table = Table::parse(file, b',')?;
    let c = table.columns(&["geo", "t", "cause", "n"])?;
    let mut problems = Problems::default();
    let conf = ctx.indicator("IDP.NEW_CONF", &mut problems);
    let dis = ctx.indicator("IDP.NEW_DIS", &mut problems);
    let (Some(conf), Some(dis)) = (conf, dis) else {
        return Err(problems.into_error());
    };
    let mut ds = DatasetBuilder::new(flows_source_info(), FLOWS_VINTAGE);
    let fi = ds.file(file);
    ds.sum_note(NOTE_DIS_TOTAL);
    let mut groups = Groups::new(ctx);
    let (mut g_conf, mut g_dis) = (GroupSums::default(), GroupSums::default());
    let mut skips = Skips::default();
    let mut seen: HashMap<(String, String, String), u64> = HashMap::new();
    for row in table.rows() {
        if problems.len() > MAX_PROBLEMS {
            break;
        }
        let g = geo(&row, c[0], ctx, &mut problems);
        let period = year(&row, c[1], &mut problems);
        let cause = match row.get(c[2]) {
            "conflict" => Some(None),
            h => match HAZARDS.iter().find(|(name, _)| *name == h) {
                Some((_, code)) => Some(Some(*code)),
                None => {
                    let names: Vec<&str> = HAZARDS.iter().map(|(n, _)| *n).collect();
                    problems.push(row.problem(c[2], format!("expected conflict or a hazard: {}", names.join(", "))));
                    None
                }
            },
        };
        let n = count(&row, c[3], "displacements", &mut problems);
        let k = (row.get(c[0]).to_string(), row.get(c[1]).to_string(), row.get(c[2]).to_string());
        if let Some(first) = seen.insert(k, row.line) {
            problems.push(
                row.problem(
                    c[2],
                    format!("the same country, year and cause is given twice: first at row {first}; expected one row per key"),
                ),
            );
            continue;
        }
        let (Some(g), Some(period), Some(cause), Some(n)) = (g, period, cause, n) else { continue };
        let country = if let Geo::Country(a, _) = &g { Some(a) } else { None };
        let set = groups.of(ctx, country, period.start_year());
        match cause {
            None => g_conf.add(set, period, &DimensionKey::total(), n, row.line),
            Some(code) => {
                g_dis.add(set, period, &key(&[("CAUSE", code)]), n, row.line);
                g_dis.add(set, period, &DimensionKey::total(), n, row.line);
            }
        }
        let area = match g {
            Geo::Country(a, true) => a,
            Geo::Country(_, false) => {
                skips.add(SKIP_OUT);
                continue;
            }
            Geo::Other(reason) => {
                skips.add(reason);
                continue;
            }
        };
        match cause {
            None => ds.add(Obs::new(&conf, &area, period, n).note(NOTE_FLOWS), fi, row.locator(), &mut problems),
            Some(code) => {
                ds.add(Obs::new(&dis, &area, period, n).dim("CAUSE", code).note(NOTE_FLOWS), fi, row.locator(), &mut problems);
                ds.add_to_sum(&dis, &area, period, DimensionKey::total(), n, fi, &row.locator());
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems.into_error());
    }
    let note = |world| if world { NOTE_WORLD_FLOWS } else { NOTE_GROUP_FLOWS };
    g_conf.finish(&groups, &conf, &mut ds, fi, note, &mut problems);
    g_dis.finish(&groups, &dis, &mut ds, fi, note, &mut problems);
    problems.finish(())?;
    let report = ReadReport { datasets: vec![ds.finish()], rows_read: table.len() as u64, skipped: skips.into_vec() };
    checked(ctx, report)
}

/// Reads `idmc_stocks.csv` (`geo,t,cause,sex,age,n`) into the dataset `idmc@2025-05`.
pub fn read_stocks(file: &InputFile, ctx: &Context) -> Result<ReadReport, IngestError> {
    let table = Table::parse(file, b',')?;
    let c = table.columns(&["geo", "t", "cause", "sex", "age", "n"])?;
    let mut problems = Problems::default();
    let Some(stock) = ctx.indicator("IDP.STOCK", &mut problems) else {
        return Err(problems.into_error());
    };
    let mut ds = DatasetBuilder::new(source_info(), STOCKS_VINTAGE);
    let fi = ds.file(file);
    ds.sum_note(NOTE_STOCK_SUM);
    let mut groups = Groups::new(ctx);
    let mut gsums = GroupSums::default();
    let mut skips = Skips::default();
    for row in table.rows() {
        if problems.len() > MAX_PROBLEMS {
            break;
        }
        let g = geo(&row, c[0], ctx, &mut problems);
        let period = year(&row, c[1], &mut problems);
        let cause = match row.get(c[2]) {
            "conflict" => Some("CONFLICT"),
            "disaster" => Some("DISASTER"),
            _ => {
                problems.push(row.problem(c[2], "expected conflict or disaster"));
                None
            }
        };
        let sex = lookup(&row, c[3], &SEXES, &mut problems);
        let age = lookup(&row, c[4], &AGES, &mut problems);
        let n = count(&row, c[5], "IDPs", &mut problems);
        let (Some(g), Some(period), Some(cause), Some(sex), Some(age), Some(n)) = (g, period, cause, sex, age, n) else {
            continue;
        };
        let country = if let Geo::Country(a, _) = &g { Some(a) } else { None };
        let set = groups.of(ctx, country, period.start_year());
        gsums.add(set, period, &key(&[("CAUSE", cause)]), n, row.line);
        gsums.add(set, period, &DimensionKey::total(), n, row.line);
        let area = match g {
            Geo::Country(a, true) => a,
            Geo::Country(_, false) => {
                skips.add(SKIP_OUT);
                continue;
            }
            Geo::Other(reason) => {
                skips.add(reason);
                continue;
            }
        };
        // The row itself (duplicates are reported by the builder), then every total it is part of.
        let obs = Obs::new(&stock, &area, period, n).dim("CAUSE", cause).dim("SEX", sex).dim("AGE", age).note(NOTE_STOCK);
        ds.add(obs, fi, row.locator(), &mut problems);
        for dims in [
            key(&[("CAUSE", cause), ("SEX", sex)]),
            key(&[("CAUSE", cause), ("AGE", age)]),
            key(&[("CAUSE", cause)]),
            key(&[("SEX", sex), ("AGE", age)]),
            key(&[("SEX", sex)]),
            key(&[("AGE", age)]),
            DimensionKey::total(),
        ] {
            ds.add_to_sum(&stock, &area, period, dims, n, fi, &row.locator());
        }
    }
    if !problems.is_empty() {
        return Err(problems.into_error());
    }
    gsums.finish(&groups, &stock, &mut ds, fi, |world| if world { NOTE_WORLD } else { NOTE_GROUP }, &mut problems);
    problems.finish(())?;
    let report = ReadReport { datasets: vec![ds.finish()], rows_read: table.len() as u64, skipped: skips.into_vec() };
    checked(ctx, report)
}

fn lookup(row: &Row, col: usize, table: &[(&str, &'static str)], problems: &mut Problems) -> Option<&'static str> {
    match table.iter().find(|(name, _)| *name == row.get(col)) {
        Some((_, code)) => Some(code),
        None => {
            let names: Vec<&str> = table.iter().map(|(n, _)| *n).collect();
            problems.push(row.problem(col, format!("expected one of {}", names.join(", "))));
            None
        }
    }
}
