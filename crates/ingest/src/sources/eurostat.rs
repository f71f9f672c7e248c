//! Eurostat `migr_asyappctza`, first-time asylum applicants by citizenship, country of
//! application and sex, 2011–2024, from the CSV conversion of the `iom/gdidata` R package.
//!
//! IRR.EU_ASY_APP has the citizenship as area (the profile countries only), the country of
//! application as COUNTERPART_AREA and SEX (female F, male M, unknown `_U`). The file's rows
//! are the figures by country of application and sex; the totals over sexes, over countries
//! of application and over both are sums computed here. The totals over countries cover every
//! country of application in the file: the EU member states, Iceland, Liechtenstein, Norway and
//! Switzerland, the United Kingdom up to 2019 and Montenegro from 2018. Eurostat's own `EU27`
//! aggregate rows are not used (their member states are read one by one; counting both would
//! double the figures): an explained skip. Eurostat rounds each figure to the nearest 5, so the
//! sums are sums of rounded figures. Citizenship codes that are not ISO countries (STL
//! stateless, XKX Kosovo, OOO unknown) and citizenships outside the profile countries are
//! explained skips. World and group totals (in total and by sex) are sums over every row but
//! the EU27 aggregate: WORLD counts every citizenship, stateless and unknown included; a group
//! counts the citizens of its member countries of the year.

use super::groups::{GroupSums, Groups, key};
use super::{PublicSource, UpstreamFile};
use crate::context::{Context, DatasetBuilder, Obs, ReadReport, Skips, checked};
use crate::error::{IngestError, MAX_PROBLEMS, Problems};
use crate::files::InputFile;
use crate::table::Table;
use mp_domain::{AreaCode, DimensionKey, Period, SourceInfo};
use std::path::Path;

/// The file, relative to the mirror.
pub const FILE: &str = "iom-gdidata/eu_asyapp.csv";
/// The source code.
pub const SOURCE_CODE: &str = "eurostat-asyappctza";
/// The vintage.
pub const VINTAGE: &str = "2025";

/// The source family.
pub const SOURCE: PublicSource = PublicSource {
    family: "eurostat",
    title: "Eurostat migr_asyappctza: first-time asylum applicants in the EU+, 2011-2024",
    files: &[UpstreamFile {
        path: FILE,
        url: "https://raw.githubusercontent.com/iom/gdidata/c9e4cc69cebd91d6cfca5f4107e2406e4de2c6ff/data/eu_asyapp.rda",
        converted: true,
    }],
    read,
};

fn source_info() -> SourceInfo {
    SourceInfo {
        code: SOURCE_CODE.into(),
        name: "Asylum applicants by citizenship, age and sex, annual (migr_asyappctza): \
               first-time applicants"
            .into(),
        publisher: "Eurostat".into(),
        licence: "CC BY 4.0 (Eurostat reuse policy)".into(),
        url: "https://ec.europa.eu/eurostat/databrowser/view/migr_asyappctza/default/table".into(),
    }
}

const NOTE_ROW: &str = "Rounded to the nearest 5 by Eurostat.";
const NOTE_SUM: &str = "Computed by mprofile as the sum of Eurostat's figures by country of \
    application and sex, each rounded to the nearest 5. The total over countries covers every \
    country of application in the file (EU member states, Iceland, Liechtenstein, Norway, \
    Switzerland; the United Kingdom to 2019, Montenegro from 2018), not Eurostat's EU27 \
    aggregate.";

const SKIP_EU27: &str = "country of application EU27 (Eurostat's aggregate of the member \
    states, which are read one by one): not used, to avoid counting twice";
const SKIP_NOT_ISO: &str = "citizenship code is not an ISO country (STL stateless, XKX Kosovo, \
    OOO unknown): counted only in the world total";
const SKIP_OUT: &str = "citizenship outside the profile countries: counted only in the world and group totals";
const NOTE_WORLD: &str = "World total computed by mprofile as the sum of Eurostat's figures (each rounded to the nearest 5) \
    for every citizenship, including stateless and unknown, over every country of application in the file (not the EU27 \
    aggregate).";
const NOTE_GROUP: &str = "Group total computed by mprofile as the sum of Eurostat's figures (each rounded to the nearest 5) \
    for the citizens of the group's member countries in that year, over every country of application in the file (not the \
    EU27 aggregate).";

/// Citizenship codes of the file that are not ISO countries.
const NOT_ISO: [&str; 3] = ["STL", "XKX", "OOO"];

const SEXES: [(&str, &str); 3] = [("female", "F"), ("male", "M"), ("unknown", "_U")];

fn read(dir: &Path, ctx: &Context) -> Result<ReadReport, IngestError> {
    let f = InputFile::read(&dir.join(FILE), FILE)?;
    read_file(&f, ctx)
}

/// Reads `eu_asyapp.csv` (`geo,t,nat,sex,n`) into the dataset `eurostat-asyappctza@2025`.
pub fn read_file(file: &InputFile, ctx: &Context) -> Result<ReadReport, IngestError> {
    let table = Table::parse(file, b',')?;
    let c = table.columns(&["geo", "t", "nat", "sex", "n"])?;
    let mut problems = Problems::default();
    let Some(ind) = ctx.indicator("IRR.EU_ASY_APP", &mut problems) else {
        return Err(problems.into_error());
    };
    let mut ds = DatasetBuilder::new(source_info(), VINTAGE);
    let fi = ds.file(file);
    ds.sum_note(NOTE_SUM);
    let mut skips = Skips::default();
    let mut groups = Groups::new(ctx);
    let mut gsums = GroupSums::default();
    for row in table.rows() {
        if problems.len() > MAX_PROBLEMS {
            break;
        }
        let geo = match row.get(c[0]) {
            "EU27" => Some(None),
            g => match ctx.area(g) {
                Some(a @ AreaCode::Country(_)) => Some(Some(a)),
                _ => {
                    problems.push(row.problem(
                        c[0],
                        "unknown country of application: expected an ISO 3166 alpha-3 code such \
                         as FRA, or EU27",
                    ));
                    None
                }
            },
        };
        let year = match row.period(c[1], &mut problems) {
            Some(p @ Period::Year(_)) => Some(p),
            Some(_) => {
                problems.push(row.problem(c[1], "expected a year such as 2024"));
                None
            }
            None => None,
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
                        "unknown citizenship: expected an ISO 3166 alpha-3 code such as SEN, or \
                         STL, XKX or OOO",
                    ));
                    None
                }
            }
        };
        let sex = match SEXES.iter().find(|(name, _)| *name == row.get(c[3])) {
            Some((_, code)) => Some(*code),
            None => {
                problems.push(row.problem(c[3], "expected female, male or unknown"));
                None
            }
        };
        let n = match row.value(c[4], 0, &mut problems) {
            Some(Some(v)) if v >= 0.0 && v.fract() == 0.0 => Some(v),
            Some(Some(_)) => {
                problems.push(row.problem(c[4], "expected a whole, non-negative number of applicants"));
                None
            }
            Some(None) => {
                problems.push(row.problem(c[4], "expected a number of applicants, found an empty cell"));
                None
            }
            None => None,
        };
        let (Some(geo), Some(period), Some(area), Some(sex), Some(n)) = (geo, year, area, sex, n) else {
            continue;
        };
        if geo.is_some() {
            let set = groups.of(ctx, area.as_ref(), period.start_year());
            gsums.add(set, period, &key(&[("SEX", sex)]), n, row.line);
            gsums.add(set, period, &DimensionKey::total(), n, row.line);
        }
        let Some(area) = area else {
            skips.add(SKIP_NOT_ISO);
            continue;
        };
        if !ctx.in_scope(&area) {
            skips.add(SKIP_OUT);
            continue;
        }
        let Some(geo) = geo else {
            skips.add(SKIP_EU27);
            continue;
        };
        let obs = Obs::new(&ind, &area, period, n).dim("SEX", sex).dim("COUNTERPART_AREA", geo.as_str()).note(NOTE_ROW);
        ds.add(obs, fi, row.locator(), &mut problems);
        for dims in [key(&[("COUNTERPART_AREA", geo.as_str())]), key(&[("SEX", sex)]), DimensionKey::total()] {
            ds.add_to_sum(&ind, &area, period, dims, n, fi, &row.locator());
        }
    }
    if !problems.is_empty() {
        return Err(problems.into_error());
    }
    gsums.finish(&groups, &ind, &mut ds, fi, |world| if world { NOTE_WORLD } else { NOTE_GROUP }, &mut problems);
    problems.finish(())?;
    let report = ReadReport { datasets: vec![ds.finish()], rows_read: table.len() as u64, skipped: skips.into_vec() };
    checked(ctx, report)
}
