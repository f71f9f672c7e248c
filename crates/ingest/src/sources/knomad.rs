//! World Bank / KNOMAD bilateral matrices for 2017: remittances (US$ millions, sending country
//! down, receiving country across) and migrant stocks (persons, origin down, destination across),
//! read from the World Bank's original workbooks.
//!
//! Countries are given by World Bank names, not codes. They are matched against the English
//! names of the area registry after folding case, accents and punctuation, and otherwise through
//! an explicit table of World Bank spellings ([`WB_NAMES`]); a name matched neither way is a
//! problem, never a silent skip. Both workbooks form one dataset, `wb-knomad@2017`.

use super::{PublicSource, UpstreamFile};
use crate::context::{Context, DatasetBuilder, Obs, ReadReport, Skips, checked};
use crate::error::{IngestError, Problem, Problems};
use crate::files::InputFile;
use crate::workbook::{self, Workbook, cell_text, column_letters};
use calamine::{Data, Range};
use mp_domain::{AreaCode, AreaKind, IndicatorCode, ObsValue, Period, SourceInfo};
use std::collections::HashMap;
use std::path::Path;

/// The remittance matrix, relative to the mirror.
pub const REMITTANCES: &str = "worldbank-knomad-bilateral-2017/WB_Bilateral_Remittance_Estimates_2017.xlsx";
/// The migrant stock matrix, relative to the mirror.
pub const STOCKS: &str = "worldbank-knomad-bilateral-2017/WB_Bilateral_Estimates_Migrant_Stocks_2017.xlsx";

/// The source family.
pub const SOURCE: PublicSource = PublicSource {
    family: "knomad",
    title: "World Bank / KNOMAD bilateral remittance and migration matrices 2017",
    files: &[
        UpstreamFile {
            path: REMITTANCES,
            url: "https://raw.githubusercontent.com/hbenveniste/mig-fund/1ae38617de270cb108e94532400631998bd5111f/input_data/WB_Bilateral_Remittance_Estimates_2017.xlsx",
            converted: false,
        },
        UpstreamFile {
            path: STOCKS,
            url: "https://raw.githubusercontent.com/hbenveniste/mig-fund/1ae38617de270cb108e94532400631998bd5111f/input_data/WB_Bilateral_Estimates_Migrant_Stocks_2017.xlsx",
            converted: false,
        },
    ],
    read,
};

/// The source code of the dataset.
pub const SOURCE_CODE: &str = "wb-knomad";

fn source_info() -> SourceInfo {
    SourceInfo {
        code: SOURCE_CODE.into(),
        name: "Bilateral Remittance Matrix and Bilateral Migration Matrix 2017".into(),
        publisher: "World Bank / KNOMAD".into(),
        licence: "CC BY 4.0".into(),
        url: "https://www.knomad.org/data/remittances".into(),
    }
}

/// World Bank spellings the registry's English names do not match after folding, with their
/// ISO 3166 alpha-3 code. Kosovo and the Channel Islands are not here: see [`special`].
pub const WB_NAMES: &[(&str, &str)] = &[
    ("Bahamas, The", "BHS"),
    ("Bolivia", "BOL"),
    ("Cabo Verde", "CPV"),
    ("Cape Verde", "CPV"),
    ("Congo, Dem. Rep.", "COD"),
    ("Congo, Rep.", "COG"),
    ("Cote d'Ivoire", "CIV"),
    ("Côte d'Ivoire", "CIV"),
    ("Curacao", "CUW"),
    ("Czech Republic", "CZE"),
    ("Egypt, Arab Rep.", "EGY"),
    ("Eswatini", "SWZ"),
    ("Faeroe Islands", "FRO"),
    ("Gambia, The", "GMB"),
    ("Hong Kong SAR, China", "HKG"),
    ("Iran, Islamic Rep.", "IRN"),
    ("Korea, Dem. People's Rep.", "PRK"),
    ("Korea, Dem. Rep.", "PRK"),
    ("Korea, Rep.", "KOR"),
    ("Kyrgyz Republic", "KGZ"),
    ("Lao PDR", "LAO"),
    ("Macao SAR, China", "MAC"),
    ("Macedonia, FYR", "MKD"),
    ("Micronesia, Fed. Sts.", "FSM"),
    ("Moldova", "MDA"),
    ("Sao Tome and Principe", "STP"),
    ("Slovak Republic", "SVK"),
    ("St. Kitts and Nevis", "KNA"),
    ("St. Lucia", "LCA"),
    ("St. Martin (French part)", "MAF"),
    ("St. Vincent and the Grenadines", "VCT"),
    ("Swaziland", "SWZ"),
    ("Tanzania", "TZA"),
    ("Turkey", "TUR"),
    ("Turkiye", "TUR"),
    ("United Kingdom", "GBR"),
    ("United States", "USA"),
    ("Venezuela, RB", "VEN"),
    ("Vietnam", "VNM"),
    ("Virgin Islands (U.S.)", "VIR"),
    ("West Bank and Gaza", "PSE"),
    ("Yemen, Rep.", "YEM"),
];

/// What a row or column label of a matrix stands for.
#[derive(Debug, Clone, PartialEq)]
enum Label {
    Country(AreaCode),
    /// The `WORLD` / `World` total row or column.
    Total,
    /// A label kept out of the breakdown (in the published totals only), with the reason.
    TotalsOnly(&'static str),
}

const SKIP_OTHER: &str = "`Other North` / `Other South`: residual groups of the migration matrix, counted in the World totals only";
const SKIP_KOSOVO: &str = "Kosovo: no ISO 3166 code, counted in the World totals only";
const SKIP_CHANNEL: &str = "Channel Islands: no single ISO 3166 code (Jersey and Guernsey), counted in the World totals only";
const SKIP_NEITHER: &str = "matrix cells where neither country is a profile country";
const SKIP_ZERO: &str = "matrix cells holding 0 (no corridor estimated), not stored";
const SKIP_NO_ESTIMATE: &str = "matrix cells holding `-` or nothing (no estimate), not stored";
const SKIP_DIAGONAL: &str = "diagonal matrix cells (a country with itself; 0 except Vanuatu), counted in the World totals only";
const SKIP_TOTAL_OUT: &str = "World totals of countries outside the profile countries";

/// Labels with a fixed meaning, before any name matching.
fn special(name: &str) -> Option<Label> {
    match name {
        "WORLD" | "World" => Some(Label::Total),
        "Other North" | "Other South" => Some(Label::TotalsOnly(SKIP_OTHER)),
        "Kosovo" => Some(Label::TotalsOnly(SKIP_KOSOVO)),
        "Channel Islands" => Some(Label::TotalsOnly(SKIP_CHANNEL)),
        _ => None,
    }
}

/// Folds a name for matching: lower case, accents dropped, `&` as `and`, every run of other
/// characters as one space.
pub fn fold_name(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    for c in s.chars().flat_map(char::to_lowercase) {
        let mut buf = [0u8; 4];
        let piece: &str = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => "a",
            'ç' | 'č' => "c",
            'è' | 'é' | 'ê' | 'ë' => "e",
            'ì' | 'í' | 'î' | 'ï' => "i",
            'ñ' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => "o",
            'ù' | 'ú' | 'û' | 'ü' => "u",
            'ý' | 'ÿ' => "y",
            'œ' => "oe",
            'æ' => "ae",
            '&' => "and",
            c if c.is_alphanumeric() => c.encode_utf8(&mut buf),
            _ => {
                gap = true;
                continue;
            }
        };
        if gap && !out.is_empty() {
            out.push(' ');
        }
        gap = false;
        out.push_str(piece);
    }
    out
}

/// World Bank country names → areas.
pub struct Names<'c> {
    ctx: &'c Context<'c>,
    /// Folded registry English name → country; `None` when two countries share the folded name.
    registry: HashMap<String, Option<AreaCode>>,
}

impl<'c> Names<'c> {
    /// Indexes the registry's English country names.
    pub fn new(ctx: &'c Context<'c>) -> Self {
        let mut registry: HashMap<String, Option<AreaCode>> = HashMap::new();
        for a in ctx.areas.all().iter().filter(|a| a.kind == AreaKind::Country) {
            let k = fold_name(&a.name.en);
            match registry.get(&k) {
                Some(Some(c)) if c != &a.code => {
                    registry.insert(k, None);
                }
                Some(_) => {}
                None => {
                    registry.insert(k, Some(a.code.clone()));
                }
            }
        }
        Names { ctx, registry }
    }

    /// The country (or total, or residual) a World Bank name stands for, or what was expected.
    fn label(&self, name: &str) -> Result<Label, String> {
        if let Some(l) = special(name) {
            return Ok(l);
        }
        if let Some((_, iso)) = WB_NAMES.iter().find(|(n, _)| *n == name) {
            return match self.ctx.area(iso) {
                Some(a) => Ok(Label::Country(a)),
                None => Err(format!("the importer maps this name to {iso}, which the area registry does not know")),
            };
        }
        match self.registry.get(&fold_name(name)) {
            Some(Some(a)) => Ok(Label::Country(a.clone())),
            Some(None) => Err("this name matches several countries of the area registry: expected a World Bank country name the importer maps to one ISO code".into()),
            None => Err("unknown country name: expected a World Bank country name matching the area registry or the importer's table of World Bank spellings, WORLD, Other North or Other South".into()),
        }
    }

    /// The ISO code of a World Bank name, for tests and checks.
    pub fn iso3(&self, name: &str) -> Option<String> {
        match self.label(name) {
            Ok(Label::Country(a)) => Some(a.as_str().to_string()),
            _ => None,
        }
    }
}

/// How a matrix maps onto the framework.
struct Matrix {
    sheet: &'static str,
    /// Indicator whose area is the column country (receiving / destination).
    by_column: &'static str,
    /// Indicator whose area is the row country (sending / origin).
    by_row: &'static str,
    scale: i32,
    note: &'static str,
}

const NOTE_REMITTANCES: &str = "Published in US$ millions; converted to US$. Model estimates (Ratha & Shaw method), not reported flows.";
const NOTE_STOCKS: &str =
    "World Bank estimates (Bilateral Migration Matrix 2017) from UN DESA, OECD and national sources, not census counts.";

const REMITTANCE_MATRIX: Matrix =
    Matrix { sheet: "Bilateral_Remittances_2017", by_column: "REM.BILAT_IN", by_row: "REM.BILAT_OUT", scale: 6, note: NOTE_REMITTANCES };
const STOCK_MATRIX: Matrix =
    Matrix { sheet: "Bilateral_Migration_2017", by_column: "IMM.STOCK", by_row: "EMI.STOCK", scale: 0, note: NOTE_STOCKS };

fn read(dir: &Path, ctx: &Context) -> Result<ReadReport, IngestError> {
    let mut files = Vec::new();
    let mut error: Option<IngestError> = None;
    for path in [REMITTANCES, STOCKS] {
        match InputFile::read(&dir.join(path), path) {
            Ok(f) => files.push(f),
            Err(e) => match &mut error {
                Some(all) => all.merge(e),
                None => error = Some(e),
            },
        }
    }
    if let Some(e) = error {
        return Err(e);
    }
    read_workbooks(&files[0], &files[1], ctx)
}

/// Reads the remittance and migrant stock workbooks into the dataset `wb-knomad@2017`, or
/// every problem found in either.
pub fn read_workbooks(remittances: &InputFile, stocks: &InputFile, ctx: &Context) -> Result<ReadReport, IngestError> {
    let names = Names::new(ctx);
    let mut out =
        Out { ds: DatasetBuilder::new(source_info(), "2017"), skips: Skips::default(), problems: Problems::default(), rows_read: 0 };
    for (file, m) in [(remittances, &REMITTANCE_MATRIX), (stocks, &STOCK_MATRIX)] {
        match Workbook::open(file).and_then(|mut wb| wb.sheet(m.sheet)) {
            Ok(range) => read_matrix(&range, file, m, &names, ctx, &mut out),
            Err(e) => {
                for p in e.problems {
                    out.problems.push(p);
                }
            }
        }
    }
    let report = ReadReport { datasets: vec![out.ds.finish()], rows_read: out.rows_read, skipped: out.skips.into_vec() };
    out.problems.finish(())?;
    checked(ctx, report)
}

/// What the two matrices add to.
struct Out {
    ds: DatasetBuilder,
    skips: Skips,
    problems: Problems,
    rows_read: u64,
}

/// Reads one matrix into `out`.
fn read_matrix(range: &Range<Data>, file: &InputFile, m: &Matrix, names: &Names, ctx: &Context, out: &mut Out) {
    let fi = out.ds.file(file);
    let Out { ds, skips, problems, rows_read } = out;
    let at = |row: u32, col: u32, value: &str, expected: String| {
        Problem::cell(&file.display, u64::from(row) + 1, &column_letters(col), value, expected).in_sheet(m.sheet)
    };
    let text = |row: u32, col: u32| range.get_value((row, col)).map(cell_text).unwrap_or_default();
    let (Some((r0, c0)), Some((r1, c1))) = (range.start(), range.end()) else {
        problems.push(Problem::file(&file.display, "the sheet is empty: expected the bilateral matrix").in_sheet(m.sheet));
        return;
    };
    let before = problems.len();
    let (Some(by_column), Some(by_row)) = (ctx.indicator(m.by_column, problems), ctx.indicator(m.by_row, problems)) else {
        return;
    };
    // The header is the first row naming a country in column B (above it: the title).
    let Some(header) = (r0..=r1).find(|&r| c0 <= 1 && c1 >= 1 && !text(r, 1).is_empty()) else {
        problems.push(Problem::file(&file.display, "no header row: expected a row of country names from column B").in_sheet(m.sheet));
        return;
    };
    let mut columns: Vec<(u32, Label)> = Vec::new();
    for col in 1..=c1 {
        let name = text(header, col);
        if name.is_empty() {
            continue;
        }
        match names.label(&name) {
            Ok(l) => columns.push((col, l)),
            Err(e) => problems.push(at(header, col, &name, e)),
        }
    }
    if !columns.iter().any(|(_, l)| *l == Label::Total) {
        problems.push(at(header, c1, &text(header, c1), "expected a WORLD (or World) total column".into()));
    }
    // Matrix rows run from below the header to the total row; the notes follow it.
    let mut rows: Vec<(u32, Label)> = Vec::new();
    let mut total_row = None;
    for row in header + 1..=r1 {
        let name = text(row, 0);
        if name.is_empty() {
            let has_numbers = columns.iter().any(|(c, _)| !text(row, *c).is_empty());
            if has_numbers {
                problems.push(at(row, 0, "", "a row of figures without a country name: expected the name in column A".into()));
            }
            continue;
        }
        match names.label(&name) {
            Ok(Label::Total) => {
                rows.push((row, Label::Total));
                total_row = Some(row);
                break;
            }
            Ok(l) => rows.push((row, l)),
            Err(e) => problems.push(at(row, 0, &name, e)),
        }
    }
    if total_row.is_none() {
        problems.push(
            Problem::file(&file.display, "no WORLD (or World) total row: expected it as the last row of the matrix, above the notes")
                .in_sheet(m.sheet),
        );
    }
    *rows_read += rows.len() as u64;
    if problems.len() > before {
        return;
    }

    let world = ctx.area("WORLD");
    for (row, rl) in &rows {
        for (col, cl) in &columns {
            let cell = range.get_value((*row, *col)).unwrap_or(&Data::Empty);
            // (indicator, area, counterpart) of the figures this cell gives.
            let mut targets: Vec<(&IndicatorCode, AreaCode, Option<&AreaCode>)> = Vec::new();
            let mut skip = None;
            match (rl, cl) {
                (Label::Total, Label::Total) => {
                    if let Some(w) = &world {
                        targets.push((&by_column, w.clone(), None));
                        targets.push((&by_row, w.clone(), None));
                    }
                }
                (Label::Total, Label::Country(c)) => {
                    if ctx.in_scope(c) {
                        targets.push((&by_column, c.clone(), None));
                    } else {
                        skip = Some(SKIP_TOTAL_OUT);
                    }
                }
                (Label::Country(r), Label::Total) => {
                    if ctx.in_scope(r) {
                        targets.push((&by_row, r.clone(), None));
                    } else {
                        skip = Some(SKIP_TOTAL_OUT);
                    }
                }
                (Label::Country(r), Label::Country(c)) if r == c => skip = Some(SKIP_DIAGONAL),
                (Label::Country(r), Label::Country(c)) => {
                    if ctx.in_scope(c) {
                        targets.push((&by_column, c.clone(), Some(r)));
                    }
                    if ctx.in_scope(r) {
                        targets.push((&by_row, r.clone(), Some(c)));
                    }
                    if targets.is_empty() {
                        skip = Some(SKIP_NEITHER);
                    }
                }
                (Label::TotalsOnly(reason), Label::Country(c)) | (Label::Country(c), Label::TotalsOnly(reason)) => {
                    skip = Some(if ctx.in_scope(c) { *reason } else { SKIP_NEITHER });
                }
                (Label::TotalsOnly(reason), _) | (_, Label::TotalsOnly(reason)) => skip = Some(*reason),
            }
            if let Some(s) = skip {
                skips.add(s);
                continue;
            }
            let bilateral = targets.iter().any(|(_, _, cp)| cp.is_some());
            let value = match number(cell, m.scale) {
                Ok(Some(v)) if v < 0.0 => {
                    problems.push(at(*row, *col, &cell_text(cell), "expected a non-negative number".into()));
                    continue;
                }
                Ok(Some(v)) if v == 0.0 && bilateral => {
                    skips.add(SKIP_ZERO);
                    continue;
                }
                Ok(Some(v)) => v,
                Ok(None) => {
                    skips.add(SKIP_NO_ESTIMATE);
                    continue;
                }
                Err(found) => {
                    problems.push(at(*row, *col, &found, "expected a number, or `-` for no estimate".into()));
                    continue;
                }
            };
            for (ind, area, cp) in targets {
                let mut obs = Obs::new(ind, &area, Period::Year(2017), value).note(m.note);
                if let Some(cp) = cp {
                    obs = obs.dim("COUNTERPART_AREA", cp.as_str());
                }
                ds.add(obs, fi, workbook::locator(m.sheet, *row, *col), problems);
            }
        }
        if problems.len() > crate::error::MAX_PROBLEMS {
            break;
        }
    }
}

/// A matrix cell scaled by 10^`scale` exactly in decimal (from the shortest text of the stored
/// double, so 2237.704417004 millions becomes exactly 2237704417.004 US$); `None` for `-` and
/// blanks, the text found when it is not a number.
fn number(d: &Data, scale: i32) -> Result<Option<f64>, String> {
    let text = match d {
        Data::Empty => return Ok(None),
        Data::Float(f) if f.is_finite() => format!("{f}"),
        Data::Int(i) => i.to_string(),
        Data::String(s) => s.trim().to_string(),
        other => return Err(cell_text(other)),
    };
    if text.is_empty() || text == "-" || text == ".." {
        return Ok(None);
    }
    ObsValue::parse_scaled(&text, scale).map(|v| Some(v.get())).map_err(|_| text)
}
