//! World Bank World Development Indicators from three redistributions: the WDI subset of the
//! `iom/gdidata` R package (long `geo, var, t, v`, with population taken from UN WPP 2024), and
//! the `datasets/population` and `datasets/gdp` packages (`Country Name, Country Code, Year, Value`).

use super::{PublicSource, UpstreamFile};
use crate::context::{Context, DatasetBuilder, Obs, ReadReport, Skips, checked};
use crate::error::{IngestError, Problem, Problems};
use crate::files::InputFile;
use crate::table::{Row, Table};
use mp_domain::{AreaCode, ObsStatus, Period, SourceInfo};
use std::collections::HashMap;
use std::path::Path;

/// The gdidata WDI subset, relative to the mirror.
pub const WDI_FILE: &str = "iom-gdidata/wdi.csv";
/// World Bank total population (SP.POP.TOTL), relative to the mirror.
pub const POP_FILE: &str = "datasets-population/population.csv";
/// World Bank GDP in current US$ (NY.GDP.MKTP.CD), relative to the mirror.
pub const GDP_FILE: &str = "datasets-gdp/gdp.csv";

const FILES: &[UpstreamFile] = &[
    UpstreamFile {
        path: WDI_FILE,
        url: "https://raw.githubusercontent.com/iom/gdidata/c9e4cc69cebd91d6cfca5f4107e2406e4de2c6ff/data/wdi.rda",
        converted: true,
    },
    UpstreamFile {
        path: POP_FILE,
        url: "https://raw.githubusercontent.com/datasets/population/425fc447a53a26c767a15a7de60c4cc2478a0595/data/population.csv",
        converted: false,
    },
    UpstreamFile {
        path: GDP_FILE,
        url: "https://raw.githubusercontent.com/datasets/gdp/822019c80142c162e4ca4eb1a63699ae36075078/data/gdp.csv",
        converted: false,
    },
];

/// The source family.
pub const SOURCE: PublicSource = PublicSource {
    family: "worldbank",
    title: "World Bank, World Development Indicators (gdidata subset, population and GDP packages)",
    files: FILES,
    read,
};

/// `var` of the gdidata WDI file → indicator; `pop` is read apart, since it comes from UN WPP.
const WDI_VARS: &[(&str, &str)] = &[
    ("gdp", "DEV.GDP"),
    ("income", "DEV.GDPPC_PPP"),
    ("remin", "REM.IN"),
    ("remout", "REM.OUT"),
    ("nmig", "NET.MIG"),
    ("unem", "LAB.UR"),
    ("inf", "DEV.INFL"),
    ("birth", "DEV.CBR"),
    ("depend", "DEV.DEPR"),
    ("fdiin", "DEV.FDI"),
    ("fdiout", "DEV.FDI_OUT"),
    ("polstb", "DEV.POLSTAB"),
];

/// The `var` holding UN WPP 2024 population.
const POP_VAR: &str = "pop";

/// Skip reasons (also asserted by the tests).
pub mod skip {
    /// A country that is neither a profile country nor bilateral detail.
    pub const OUT_OF_SCOPE: &str = "reference area outside the profile countries and comparison groups";
    /// A World Bank aggregate other than the World and Sub-Saharan Africa.
    pub const AGGREGATE: &str = "World Bank aggregate that is not a comparison group (income, lending, regional and other groupings)";
    /// The World Bank's two African sub-regions, which do not match the M49 ones.
    pub const WB_AFRICA: &str = "World Bank region AFW (Africa Western and Central) or AFE (Africa Eastern and Southern): not the M49 Western or Middle Africa, so not comparable";
    /// Codes with no ISO 3166 country.
    pub const NON_ISO: &str = "World Bank code without an ISO 3166 country (CHI Channel Islands, ANT Netherlands Antilles, XKX Kosovo)";
    /// A row whose value is empty or `NA`.
    pub const NO_VALUE: &str = "row without a value (empty or NA)";
}

/// The World Bank aggregates mapped to comparison groups, with a note where the composition differs.
const WB_GROUPS: &[(&str, &str, Option<&str>)] = &[
    ("WLD", "WORLD", None),
    ("SSF", "SUB_SAHARAN_AFRICA", Some("World Bank aggregate SSF (Sub-Saharan Africa), which includes Sudan, unlike the M49 region")),
];

/// Every other World Bank aggregate code (WDI "Aggregates" source), all skipped.
const WB_AGGREGATES: &[&str] = &[
    "ARB", "CEB", "CSS", "EAP", "EAR", "EAS", "ECA", "ECS", "EMU", "EUU", "FCS", "HIC", "HPC", "IBD", "IBT", "IDA", "IDB", "IDX", "INX",
    "LAC", "LCN", "LDC", "LIC", "LMC", "LMY", "LTE", "MEA", "MIC", "MNA", "NAC", "OED", "OSS", "PRE", "PSS", "PST", "SAS", "SSA", "SST",
    "TEA", "TEC", "TLA", "TMN", "TSA", "TSS", "UMC",
];

const NON_ISO: &[&str] = &["CHI", "ANT", "XKX"];

enum Place {
    Keep(AreaCode, Option<&'static str>),
    Skip(&'static str),
}

/// Resolves a World Bank country or aggregate code.
fn place(row: &Row, col: usize, ctx: &Context, problems: &mut Problems) -> Option<Place> {
    let code = row.get(col);
    if let Some((_, group, note)) = WB_GROUPS.iter().find(|(c, _, _)| *c == code) {
        return match ctx.area(group) {
            Some(a) => Some(Place::Keep(a, *note)),
            None => {
                problems.push(row.problem(col, format!("the area registry has no group {group}, expected for World Bank code {code}")));
                None
            }
        };
    }
    if code == "AFW" || code == "AFE" {
        return Some(Place::Skip(skip::WB_AFRICA));
    }
    if WB_AGGREGATES.contains(&code) {
        return Some(Place::Skip(skip::AGGREGATE));
    }
    if NON_ISO.contains(&code) {
        return Some(Place::Skip(skip::NON_ISO));
    }
    match AreaCode::parse(code).ok().filter(|a| matches!(a, AreaCode::Country(_))).and_then(|_| ctx.area(code)) {
        Some(a) if ctx.in_scope(&a) => Some(Place::Keep(a, None)),
        Some(_) => Some(Place::Skip(skip::OUT_OF_SCOPE)),
        None => {
            problems.push(
                row.problem(
                    col,
                    "not a known country or World Bank aggregate: expected an ISO 3166 alpha-3 code such as SEN, or WLD / SSF",
                ),
            );
            None
        }
    }
}

/// A year column; the files hold annual data only.
fn year(row: &Row, col: usize, problems: &mut Problems) -> Option<Period> {
    match row.period(col, problems)? {
        p @ Period::Year(_) => Some(p),
        _ => {
            problems.push(row.problem(col, "expected a year such as 2022"));
            None
        }
    }
}

fn source(code: &str, name: &str, publisher: &str, licence: &str, url: &str) -> SourceInfo {
    SourceInfo { code: code.into(), name: name.into(), publisher: publisher.into(), licence: licence.into(), url: url.into() }
}

const GDIDATA_URL: &str = "https://github.com/iom/gdidata/tree/c9e4cc69cebd91d6cfca5f4107e2406e4de2c6ff";

/// Note on a figure whose inflow and outflow are the same to the dollar.
const FDI_ARTEFACT: &str = "FDI inflow and outflow are identical in this copy of WDI for this country and year, an upstream artefact (e.g. Senegal 2022): at least one of the two is probably wrong; check before use";

/// Rounds float noise of the R-to-CSV conversion (17651099.000000004) to whole persons.
fn whole_persons(v: f64) -> f64 {
    if (v - v.round()).abs() < 1e-3 { v.round() } else { v }
}

/// Reads the gdidata WDI subset into two datasets: WDI proper and the WPP population it carries.
fn read_wdi(
    input: &InputFile,
    ctx: &Context,
    wdi: &mut DatasetBuilder,
    pop: &mut DatasetBuilder,
    skips: &mut Skips,
    problems: &mut Problems,
) -> u64 {
    let table = match Table::parse(input, b',') {
        Ok(t) => t,
        Err(e) => {
            absorb(problems, e);
            return 0;
        }
    };
    let c = match table.columns(&["geo", "var", "t", "v"]) {
        Ok(c) => c,
        Err(e) => {
            absorb(problems, e);
            return table.len() as u64;
        }
    };
    let (geo, var, t, v) = (c[0], c[1], c[2], c[3]);
    let mut inds = HashMap::new();
    for (name, code) in WDI_VARS.iter().chain([&(POP_VAR, "DEV.POP")]) {
        if let Some(i) = ctx.indicator(code, problems) {
            inds.insert(*name, i);
        }
    }
    // FDI inflows by country and year, to spot outflows equal to them (the artefact).
    let mut fdi_in: HashMap<(&str, &str), &str> = HashMap::new();
    let mut fdi_out: HashMap<(&str, &str), &str> = HashMap::new();
    for row in table.rows() {
        match row.get(var) {
            "fdiin" => fdi_in.insert((row.get(geo), row.get(t)), row.get(v)),
            "fdiout" => fdi_out.insert((row.get(geo), row.get(t)), row.get(v)),
            _ => None,
        };
    }
    let suspicious = |g: &str, y: &str| match (fdi_in.get(&(g, y)), fdi_out.get(&(g, y))) {
        (Some(a), Some(b)) => a == b && a.parse::<f64>().is_ok_and(|x| x != 0.0),
        _ => false,
    };
    let wdi_file = wdi.file(input);
    let pop_file = pop.file(input);
    for row in table.rows() {
        let name = row.get(var);
        if name != POP_VAR && !WDI_VARS.iter().any(|(n, _)| *n == name) {
            let known: Vec<&str> = WDI_VARS.iter().map(|(n, _)| *n).chain([POP_VAR]).collect();
            problems.push(row.problem(var, format!("unknown variable: expected one of {}", known.join(", "))));
            continue;
        }
        let (area, note) = match place(&row, geo, ctx, problems) {
            Some(Place::Keep(a, n)) => (a, n),
            Some(Place::Skip(reason)) => {
                skips.add(reason);
                continue;
            }
            None => continue,
        };
        let Some(period) = year(&row, t, problems) else { continue };
        let value = match row.value(v, 0, problems) {
            Some(Some(x)) => x,
            Some(None) => {
                skips.add(skip::NO_VALUE);
                continue;
            }
            None => continue,
        };
        let Some(ind) = inds.get(name) else { continue };
        let mut o = Obs::new(ind, &area, period, if name == POP_VAR { whole_persons(value) } else { value });
        let mut notes: Vec<&str> = note.into_iter().collect();
        if (name == "fdiin" || name == "fdiout") && suspicious(row.get(geo), row.get(t)) {
            o = o.status(ObsStatus::LowReliability);
            notes.push(FDI_ARTEFACT);
        }
        if !notes.is_empty() {
            o = o.note(notes.join("; "));
        }
        if name == POP_VAR {
            pop.add(o, pop_file, row.locator(), problems);
        } else {
            wdi.add(o, wdi_file, row.locator(), problems);
        }
    }
    table.len() as u64
}

/// Reads a `Country Name, Country Code, Year, Value` file of the datasets packages.
fn read_simple(
    input: &InputFile,
    indicator: &str,
    ctx: &Context,
    ds: &mut DatasetBuilder,
    skips: &mut Skips,
    problems: &mut Problems,
) -> u64 {
    let table = match Table::parse(input, b',') {
        Ok(t) => t,
        Err(e) => {
            absorb(problems, e);
            return 0;
        }
    };
    let c = match table.columns(&["Country Name", "Country Code", "Year", "Value"]) {
        Ok(c) => c,
        Err(e) => {
            absorb(problems, e);
            return table.len() as u64;
        }
    };
    let Some(ind) = ctx.indicator(indicator, problems) else { return table.len() as u64 };
    let file = ds.file(input);
    for row in table.rows() {
        let (area, note) = match place(&row, c[1], ctx, problems) {
            Some(Place::Keep(a, n)) => (a, n),
            Some(Place::Skip(reason)) => {
                skips.add(reason);
                continue;
            }
            None => continue,
        };
        let Some(period) = year(&row, c[2], problems) else { continue };
        let value = match row.value(c[3], 0, problems) {
            Some(Some(x)) => x,
            Some(None) => {
                skips.add(skip::NO_VALUE);
                continue;
            }
            None => continue,
        };
        let mut o = Obs::new(&ind, &area, period, value);
        if let Some(n) = note {
            o = o.note(n);
        }
        ds.add(o, file, row.locator(), problems);
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

/// The four datasets of the family.
struct Builders {
    wdi: DatasetBuilder,
    wpp_pop: DatasetBuilder,
    pop: DatasetBuilder,
    gdp: DatasetBuilder,
}

impl Builders {
    fn new() -> Self {
        Builders {
            wdi: DatasetBuilder::new(
                source(
                    "wb-wdi",
                    "World Development Indicators (subset redistributed in the gdidata R package)",
                    "World Bank",
                    "CC BY 4.0",
                    GDIDATA_URL,
                ),
                "2025-06",
            ),
            wpp_pop: DatasetBuilder::new(
                source(
                    "un-wpp-wdi",
                    "UN WPP 2024 population, as distributed with WDI (gdidata R package)",
                    "United Nations, Department of Economic and Social Affairs, Population Division",
                    "CC BY 3.0 IGO",
                    GDIDATA_URL,
                ),
                "2024",
            ),
            pop: DatasetBuilder::new(
                source(
                    "wb-pop",
                    "World Bank WDI SP.POP.TOTL, total population (datasets/population)",
                    "World Bank",
                    "CC BY 4.0",
                    "https://github.com/datasets/population/tree/425fc447a53a26c767a15a7de60c4cc2478a0595",
                ),
                "2026-03",
            ),
            gdp: DatasetBuilder::new(
                source(
                    "wb-gdp",
                    "World Bank WDI NY.GDP.MKTP.CD, GDP in current US$ (datasets/gdp)",
                    "World Bank",
                    "CC BY 4.0",
                    "https://github.com/datasets/gdp/tree/822019c80142c162e4ca4eb1a63699ae36075078",
                ),
                "2026-03",
            ),
        }
    }

    /// Reads a file of the family, chosen by its mirror path; `None` for a path it does not know.
    fn read(&mut self, input: &InputFile, ctx: &Context, skips: &mut Skips, problems: &mut Problems) -> Option<u64> {
        Some(match input.display.as_str() {
            WDI_FILE => read_wdi(input, ctx, &mut self.wdi, &mut self.wpp_pop, skips, problems),
            POP_FILE => read_simple(input, "DEV.POP", ctx, &mut self.pop, skips, problems),
            GDP_FILE => read_simple(input, "DEV.GDP", ctx, &mut self.gdp, skips, problems),
            _ => return None,
        })
    }

    /// The non-empty datasets.
    fn finish(self) -> Vec<mp_domain::DatasetImport> {
        [self.wdi, self.wpp_pop, self.pop, self.gdp].into_iter().filter(|d| !d.is_empty()).map(DatasetBuilder::finish).collect()
    }
}

/// Reads one file of the family on its own (named by its mirror path, e.g. `iom-gdidata/wdi.csv`),
/// for checking a single file and for tests.
pub fn read_one(input: &InputFile, ctx: &Context) -> Result<ReadReport, IngestError> {
    let mut problems = Problems::default();
    let mut skips = Skips::default();
    let mut b = Builders::new();
    let Some(rows_read) = b.read(input, ctx, &mut skips, &mut problems) else {
        return Err(IngestError::one(Problem::file(
            &input.display,
            format!("not a World Bank file this importer knows: expected {WDI_FILE}, {POP_FILE} or {GDP_FILE}"),
        )));
    };
    problems.finish(())?;
    checked(ctx, ReadReport { datasets: b.finish(), rows_read, skipped: skips.into_vec() })
}

fn read(dir: &Path, ctx: &Context) -> Result<ReadReport, IngestError> {
    let mut problems = Problems::default();
    let mut skips = Skips::default();
    let mut b = Builders::new();
    let mut rows_read = 0;
    for f in FILES {
        match InputFile::read(&dir.join(f.path), f.path) {
            Ok(input) => rows_read += b.read(&input, ctx, &mut skips, &mut problems).unwrap_or(0),
            Err(e) => absorb(&mut problems, e),
        }
    }
    problems.finish(())?;
    checked(ctx, ReadReport { datasets: b.finish(), rows_read, skipped: skips.into_vec() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_in_the_manifest() {
        for f in FILES {
            assert!(PublicSource::expected(f.path).is_some(), "{}", f.path);
        }
    }

    #[test]
    fn float_noise_is_rounded_to_whole_persons_only() {
        assert_eq!(whole_persons(17_651_099.000000004), 17_651_099.0);
        assert_eq!(whole_persons(1_135_991_510.9999988), 1_135_991_511.0);
        assert_eq!(whole_persons(10.5), 10.5);
    }
}
