//! UN DESA International Migrant Stock 2020, totals by destination and sex, read from the UN's
//! own workbook (POP/DB/MIG/Stock/Rev.2020, "Destination"): Tables 1 to 6, header at row 11.
//!
//! Locations carry a UN location code: countries are found in the area registry by M49, the five
//! aggregates the profiles compare against by their UN DESA codes (World is 900 in these
//! workbooks, not M49 001), and every other aggregate (SDG regions, income and development
//! groups) is skipped with its reason. The layout is checked cell by cell (titles of the column
//! blocks in row 8, headers in row 11) so a rearranged workbook is refused instead of misread.

use super::{PublicSource, UpstreamFile};
use crate::context::{Context, DatasetBuilder, Obs, ReadReport, Skips, checked};
use crate::error::{IngestError, Problem, Problems};
use crate::files::InputFile;
use crate::workbook::{self, Workbook, cell_text, column_letters};
use calamine::{Data, Range};
use mp_domain::{AreaCode, IndicatorCode, ObsStatus, ObsValue, Period, SourceInfo};
use std::collections::HashMap;
use std::path::Path;

/// The workbook, relative to the mirror.
pub const FILE: &str = "undesa-ims2020-totals/undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx";

/// The source family.
pub const SOURCE: PublicSource = PublicSource {
    family: "undesa-ims-totals",
    title: "UN DESA International Migrant Stock 2020: totals by destination and sex (UN workbook)",
    files: &[UpstreamFile {
        path: FILE,
        url: "https://raw.githubusercontent.com/guyabel/stepladderChapter/4a81585e8ca3566aed8fd48c2870d316fe06f53f/data_raw/undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx",
        converted: false,
    }],
    read,
};

/// The source code of the dataset.
pub const SOURCE_CODE: &str = "undesa-ims-totals";

fn source_info() -> SourceInfo {
    SourceInfo {
        code: SOURCE_CODE.into(),
        name: "International Migrant Stock 2020: Destination (totals by sex)".into(),
        publisher: "UN DESA Population Division".into(),
        licence: "CC BY 3.0 IGO".into(),
        url: "https://www.un.org/development/desa/pd/content/international-migrant-stock".into(),
    }
}

/// The 0-based row of the column headers (row 11 in the workbook).
const HEADER_ROW: u32 = 10;
/// The 0-based row of the titles of the column blocks (row 8).
const TITLE_ROW: u32 = 7;
/// The fixed columns before the data, with their header text.
const FIXED: [(u32, &str); 4] =
    [(1, "Region, development group, country or area"), (2, "Notes"), (3, "Location code"), (4, "Type of data")];
const COL_NOTES: u32 = 2;
const COL_CODE: u32 = 3;
const COL_TYPE: u32 = 4;

const YEARS: [&str; 7] = ["1990", "1995", "2000", "2005", "2010", "2015", "2020"];
const PERIODS: [&str; 6] = ["1990-1995", "1995-2000", "2000-2005", "2005-2010", "2010-2015", "2015-2020"];

/// A block of columns: one indicator and sex over the years (or five-year periods).
struct Block {
    /// 0-based first column.
    col: u32,
    /// The header of each column (a year or a period).
    labels: &'static [&'static str],
    /// The indicator; `None` for a block with no framework indicator (skipped, `skip` says why).
    indicator: Option<&'static str>,
    /// `_T`, `M` or `F`.
    sex: &'static str,
    /// Text the block's title in row 8 must contain, which pins the meaning and unit.
    title: &'static str,
    /// Power of ten the figures are published in.
    scale: i32,
    /// Footnote on every figure of the block.
    note: Option<&'static str>,
    /// Whether the destination's type of data (C: citizens, I: imputed) qualifies the figures.
    migrant_stock: bool,
    /// The reason for skipping a block without indicator.
    skip: &'static str,
}

const fn block(col: u32, labels: &'static [&'static str], indicator: &'static str, sex: &'static str, title: &'static str) -> Block {
    Block { col, labels, indicator: Some(indicator), sex, title, scale: 0, note: None, migrant_stock: true, skip: "" }
}

const NOTE_THOUSANDS: &str = "Published in thousands; converted to persons.";
const NOTE_RATE: &str = "Average annual rate of change between 1 July of the first and 1 July of the last year of the period.";
const NOTE_REFUGEES: &str = "Refugees and asylum seekers at mid-year (incl. Venezuelans displaced abroad), as estimated by UN DESA for the International Migrant Stock 2020 from UNHCR and UNRWA figures.";
const NOTE_REF_SHARE: &str = "Refugees and asylum seekers as a percentage of the international migrant stock, as estimated by UN DESA.";
const NOTE_CITIZENS: &str = "Derived from data on foreign citizens, not on the foreign-born (UN DESA type of data C).";
const NOTE_MIXED: &str = "Derived from data on both the foreign-born and foreign citizens (UN DESA type of data B and C).";
const NOTE_IMPUTED: &str = "Imputed by UN DESA: there were no data on international migrants for this country or area (type of data I).";
const NOTE_SUPPRESSED: &str = "Fewer than five: protected for privacy by UN DESA (~).";
const NOTE_TINY: &str = "Not zero, but less than half of the unit shown (— in the workbook).";

/// The sheets and their column blocks.
const SHEETS: [(&str, &[Block]); 6] = [
    (
        "Table 1",
        &[
            block(5, &YEARS, "IMM.STOCK", "_T", "international migrant stock at mid-year, both sexes combined"),
            block(12, &YEARS, "IMM.STOCK", "M", "international migrant stock at mid-year, males"),
            block(19, &YEARS, "IMM.STOCK", "F", "international migrant stock at mid-year, females"),
        ],
    ),
    (
        "Table 2",
        &[
            Block {
                scale: 3,
                note: Some(NOTE_THOUSANDS),
                migrant_stock: false,
                ..block(5, &YEARS, "DEV.POP", "_T", "total population at mid-year, both sexes combined (thousands)")
            },
            Block {
                scale: 3,
                note: Some(NOTE_THOUSANDS),
                migrant_stock: false,
                ..block(12, &YEARS, "DEV.POP", "M", "total population at mid-year, males (thousands)")
            },
            Block {
                scale: 3,
                note: Some(NOTE_THOUSANDS),
                migrant_stock: false,
                ..block(19, &YEARS, "DEV.POP", "F", "total population at mid-year, females (thousands)")
            },
        ],
    ),
    (
        "Table 3",
        &[
            block(5, &YEARS, "IMM.STOCK_PCT", "_T", "percentage of the total population, both sexes combined"),
            block(12, &YEARS, "IMM.STOCK_PCT", "M", "percentage of the total population, males"),
            block(19, &YEARS, "IMM.STOCK_PCT", "F", "percentage of the total population, females"),
        ],
    ),
    ("Table 4", &[block(5, &YEARS, "IMM.STOCK_FEM", "_T", "female migrants as a percentage of the international migrant stock")]),
    (
        "Table 5",
        &[
            Block {
                note: Some(NOTE_RATE),
                ..block(5, &PERIODS, "IMM.STOCK_GR", "_T", "annual rate of change of the migrant stock, both sexes combined")
            },
            Block {
                note: Some(NOTE_RATE),
                ..block(11, &PERIODS, "IMM.STOCK_GR", "M", "annual rate of change of the migrant stock, males")
            },
            Block {
                note: Some(NOTE_RATE),
                ..block(17, &PERIODS, "IMM.STOCK_GR", "F", "annual rate of change of the migrant stock, females")
            },
        ],
    ),
    (
        "Table 6",
        &[
            Block {
                note: Some(NOTE_REFUGEES),
                migrant_stock: false,
                ..block(5, &YEARS, "REF.HOSTED", "_T", "refugee and asylum seekers at mid-year, both sexes combined")
            },
            Block {
                note: Some(NOTE_REF_SHARE),
                migrant_stock: false,
                ..block(12, &YEARS, "REF.SHARE_MIG", "_T", "refugee and asylum seekers as a percentage of the international migrant stock")
            },
            Block {
                indicator: None,
                migrant_stock: false,
                skip: "Table 6 annual rate of change of refugees and asylum seekers: no framework indicator for it",
                ..block(19, &PERIODS, "", "_T", "annual rate of change of the refugee and asylum seekers")
            },
        ],
    ),
];

/// The UN DESA aggregates the profiles compare against, by their code in these workbooks.
const GROUPS: [(u32, &str); 5] =
    [(900, "WORLD"), (903, "AFRICA"), (947, "SUB_SAHARAN_AFRICA"), (914, "WESTERN_AFRICA"), (911, "MIDDLE_AFRICA")];

const SKIP_AGGREGATE: &str =
    "UN DESA aggregate (SDG region, continent, sub-region, development or income group) not among the comparison groups";
const SKIP_OUT_OF_SCOPE: &str = "reference area outside the profile countries and comparison groups";
const SKIP_CHANNEL: &str = "Channel Islands (UN code 830): no ISO 3166 code and not in the area registry";
const SKIP_NO_DATA: &str = "cell `..`: data not available";

/// What a location row stands for.
enum Location {
    Import(AreaCode),
    Skip(&'static str),
}

fn read(dir: &Path, ctx: &Context) -> Result<ReadReport, IngestError> {
    let file = InputFile::read(&dir.join(FILE), FILE)?;
    read_workbook(&file, ctx)
}

/// Reads the workbook (Tables 1 to 6 and the Notes sheet) into the dataset
/// `undesa-ims-totals@2020`, or every problem found in it.
pub fn read_workbook(file: &InputFile, ctx: &Context) -> Result<ReadReport, IngestError> {
    let mut wb = Workbook::open(file)?;
    let mut problems = Problems::default();
    let mut sheets = Vec::new();
    for (name, blocks) in SHEETS {
        match wb.sheet(name) {
            Ok(r) => sheets.push((name, blocks, r)),
            Err(e) => problems_from(&mut problems, e),
        }
    }
    let notes = if wb.sheet_names().iter().any(|n| n == "Notes") {
        match wb.sheet("Notes") {
            Ok(r) => country_notes(&r),
            Err(e) => {
                problems_from(&mut problems, e);
                HashMap::new()
            }
        }
    } else {
        HashMap::new()
    };
    let mut indicators: HashMap<&str, Option<(IndicatorCode, bool)>> = HashMap::new();
    for (_, blocks) in SHEETS {
        for b in blocks.iter() {
            if let Some(code) = b.indicator {
                indicators.entry(code).or_insert_with(|| {
                    let ind = ctx.indicator(code, &mut problems)?;
                    let has_sex = ctx.framework.indicator(&ind).is_some_and(|i| i.dimensions.iter().any(|d| d.as_str() == "SEX"));
                    Some((ind, has_sex))
                });
            }
        }
    }
    let mut groups = HashMap::new();
    for (code, group) in GROUPS {
        match ctx.area(group) {
            Some(a) => {
                groups.insert(code, a);
            }
            None => problems.push(Problem::file(
                "framework/areas.toml",
                format!("the area registry has no group {group}, which UN DESA code {code} maps to"),
            )),
        }
    }
    if !problems.is_empty() {
        return Err(problems.into_error());
    }

    let mut ds = DatasetBuilder::new(source_info(), "2020");
    let fi = ds.file(file);
    let mut skips = Skips::default();
    let mut rows_read = 0u64;
    for (sheet, blocks, range) in &sheets {
        let at = |row: u32, col: u32, value: &str, expected: String| {
            Problem::cell(&file.display, u64::from(row) + 1, &column_letters(col), value, expected).in_sheet(sheet)
        };
        // Layout: fixed headers, block titles and year/period headers.
        let before = problems.len();
        for (col, text) in FIXED {
            let found = text_at(range, HEADER_ROW, col);
            if found != text {
                problems.push(at(HEADER_ROW, col, &found, format!("expected the header `{text}` (the UN layout with headers in row 11)")));
            }
        }
        for b in blocks.iter() {
            let title = text_at(range, TITLE_ROW, b.col);
            if !title.to_lowercase().contains(b.title) {
                problems.push(at(TITLE_ROW, b.col, &title, format!("expected a block title containing `{}`", b.title)));
            }
            for (k, label) in b.labels.iter().enumerate() {
                let col = b.col + k as u32;
                let found = text_at(range, HEADER_ROW, col);
                if found != *label {
                    problems.push(at(HEADER_ROW, col, &found, format!("expected the column header `{label}`")));
                }
            }
        }
        if problems.len() > before {
            continue;
        }
        let Some((last_row, _)) = range.end() else { continue };
        for row in HEADER_ROW + 1..=last_row {
            let name = text_at(range, row, 1);
            let code_cell = range.get_value((row, COL_CODE)).unwrap_or(&Data::Empty);
            let code_text = cell_text(code_cell);
            if code_text.is_empty() {
                if !name.is_empty() {
                    problems.push(at(
                        row,
                        COL_CODE,
                        "",
                        format!("`{name}` has no location code: expected the UN location code (M49 for countries)"),
                    ));
                }
                continue;
            }
            rows_read += 1;
            let Some(code) = code_text.parse::<u32>().ok().filter(|c| (1..=9999).contains(c)) else {
                problems.push(at(row, COL_CODE, &code_text, "expected a UN location code, a whole number such as 686".into()));
                continue;
            };
            let location = match code {
                c if groups.contains_key(&c) => Location::Import(groups[&c].clone()),
                c if c >= 900 => Location::Skip(SKIP_AGGREGATE),
                830 => Location::Skip(SKIP_CHANNEL),
                c => match ctx.area(&c.to_string()) {
                    Some(a @ AreaCode::Country(_)) if ctx.in_scope(&a) => Location::Import(a),
                    Some(AreaCode::Country(_)) => Location::Skip(SKIP_OUT_OF_SCOPE),
                    _ => {
                        problems.push(at(row, COL_CODE, &code_text, format!("unknown location code for `{name}`: expected the M49 code of a country of the area registry, or a UN DESA aggregate code (900 and above)")));
                        continue;
                    }
                },
            };
            let area = match location {
                Location::Skip(reason) => {
                    skips.add(reason);
                    continue;
                }
                Location::Import(a) => a,
            };
            // Type of data and country notes qualify every figure of the row.
            let type_text = text_at(range, row, COL_TYPE);
            let mut types = (false, false, false);
            for t in type_text.split_whitespace() {
                match t {
                    "B" => types.0 = true,
                    "C" => types.1 = true,
                    "I" => types.2 = true,
                    "R" => {}
                    _ => problems.push(at(
                        row,
                        COL_TYPE,
                        &type_text,
                        "expected the type-of-data codes B, C, R and I separated by spaces".into(),
                    )),
                }
            }
            let type_note = match types {
                (_, _, true) => Some(NOTE_IMPUTED),
                (true, true, false) => Some(NOTE_MIXED),
                (false, true, false) => Some(NOTE_CITIZENS),
                _ => None,
            };
            let note_ref = text_at(range, row, COL_NOTES);
            let country_note = if note_ref.is_empty() {
                None
            } else {
                match notes.get(&note_ref) {
                    Some(n) => Some(n.as_str()),
                    None => {
                        problems.push(at(row, COL_NOTES, &note_ref, "expected the number of a note on the Notes sheet".into()));
                        None
                    }
                }
            };
            for b in blocks.iter() {
                let ind = b.indicator.and_then(|c| indicators.get(c).cloned().flatten());
                let Some((ind, has_sex)) = ind else {
                    for _ in b.labels {
                        skips.add(b.skip);
                    }
                    continue;
                };
                if b.sex != "_T" && !has_sex {
                    for _ in b.labels {
                        skips.add(format!(
                            "{sheet} {} figures: the framework's {ind} has no SEX dimension",
                            if b.sex == "F" { "female" } else { "male" }
                        ));
                    }
                    continue;
                }
                for (k, label) in b.labels.iter().enumerate() {
                    let col = b.col + k as u32;
                    let cell = range.get_value((row, col)).unwrap_or(&Data::Empty);
                    let Ok(period) = Period::parse(label) else { continue };
                    let mut notes: Vec<&str> = Vec::new();
                    notes.extend(b.note);
                    let mut status = ObsStatus::Normal;
                    if b.migrant_stock {
                        notes.extend(type_note);
                        if types.2 {
                            status = ObsStatus::Estimated;
                        }
                    }
                    notes.extend(country_note);
                    let value = match number(cell, b.scale) {
                        Cell::NoData => {
                            skips.add(SKIP_NO_DATA);
                            continue;
                        }
                        Cell::Suppressed => {
                            notes.push(NOTE_SUPPRESSED);
                            status = ObsStatus::Suppressed;
                            None
                        }
                        Cell::Tiny => {
                            notes.push(NOTE_TINY);
                            Some(0.0)
                        }
                        Cell::Number(v)
                            if v < 0.0 && b.scale >= 0 && matches!(b.indicator, Some("IMM.STOCK" | "DEV.POP" | "REF.HOSTED")) =>
                        {
                            problems.push(at(row, col, &cell_text(cell), "expected a number of persons, not negative".into()));
                            continue;
                        }
                        Cell::Number(v) => Some(v),
                        Cell::Bad(found) => {
                            problems.push(at(row, col, &found, "expected a number, `..` (not available) or `~` (fewer than five)".into()));
                            continue;
                        }
                    };
                    let mut obs = Obs::new(&ind, &area, period, 0.0).dim("SEX", b.sex).status(status);
                    obs.value = value;
                    if !notes.is_empty() {
                        obs = obs.note(notes.join(" "));
                    }
                    ds.add(obs, fi, workbook::locator(sheet, row, col), &mut problems);
                }
            }
            if problems.len() > crate::error::MAX_PROBLEMS {
                break;
            }
        }
    }
    let report = ReadReport { datasets: vec![ds.finish()], rows_read, skipped: skips.into_vec() };
    problems.finish(())?;
    checked(ctx, report)
}

fn problems_from(problems: &mut Problems, e: IngestError) {
    for p in e.problems {
        problems.push(p);
    }
}

fn text_at(range: &Range<Data>, row: u32, col: u32) -> String {
    range.get_value((row, col)).map(cell_text).unwrap_or_default()
}

/// The country notes of the Notes sheet: note number (column A) → text (column B).
fn country_notes(range: &Range<Data>) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let Some((last, _)) = range.end() else { return out };
    let start = range.start().map(|s| s.0).unwrap_or(0);
    for row in start..=last {
        let n = text_at(range, row, 0);
        let text = text_at(range, row, 1);
        if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) && !text.is_empty() {
            out.insert(n, text);
        }
    }
    out
}

/// A data cell of the UN layout.
enum Cell {
    Number(f64),
    /// `..`: not available.
    NoData,
    /// `~`: fewer than five, protected.
    Suppressed,
    /// `—`: not zero but less than half the unit.
    Tiny,
    Bad(String),
}

/// Reads a cell, scaling by 10^`scale` exactly in decimal (the shortest text of the stored
/// double, so 5327231.041 thousands becomes exactly 5327231041 persons).
fn number(d: &Data, scale: i32) -> Cell {
    let text = match d {
        Data::Float(f) if f.is_finite() => format!("{f}"),
        Data::Int(i) => i.to_string(),
        Data::String(s) => s.trim().to_string(),
        Data::Empty => return Cell::Bad(String::new()),
        other => return Cell::Bad(cell_text(other)),
    };
    match text.as_str() {
        ".." => Cell::NoData,
        "~" => Cell::Suppressed,
        "—" => Cell::Tiny,
        t => match ObsValue::parse_scaled(t, scale) {
            Ok(v) => Cell::Number(v.get()),
            Err(_) => Cell::Bad(text),
        },
    }
}
