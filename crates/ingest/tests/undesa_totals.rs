//! UN DESA International Migrant Stock 2020 totals workbook: the published check values from the
//! real mirror, and small workbooks in the UN layout written here, intact or broken.

use mp_domain::{DimensionKey, ObsStatus, Observation, Period};
use mp_ingest::context::{Context, ReadReport};
use mp_ingest::files::InputFile;
use mp_ingest::framework_dir::testing::{data_dir, fixture};
use mp_ingest::sources::undesa_totals;
use proptest::prelude::*;
use std::time::Instant;

fn ctx() -> Context<'static> {
    let (fw, areas) = fixture();
    Context::new(fw, areas)
}

fn find<'r>(r: &'r ReadReport, ind: &str, area: &str, period: Period, dims: &str) -> Option<&'r Observation> {
    let key = DimensionKey::parse(dims).unwrap();
    r.datasets
        .iter()
        .flat_map(|d| &d.observations)
        .find(|o| o.indicator.as_str() == ind && o.area.as_str() == area && o.period == period && o.dims == key)
}

fn value(r: &ReadReport, ind: &str, area: &str, year: i32, dims: &str) -> f64 {
    find(r, ind, area, Period::Year(year), dims).and_then(|o| o.value).unwrap_or_else(|| panic!("no {ind} {area} {year} {dims}"))
}

#[test]
fn real_workbook_check_values() {
    let f = InputFile::read(&data_dir().join(undesa_totals::FILE), undesa_totals::FILE).unwrap();
    let t = Instant::now();
    let r = undesa_totals::read_workbook(&f, &ctx()).unwrap_or_else(|e| panic!("{e}"));
    eprintln!("{}: {} location rows, {} observations, {} ms", undesa_totals::FILE, r.rows_read, r.observations(), t.elapsed().as_millis());
    assert_eq!(r.datasets.len(), 1);
    let ds = &r.datasets[0];
    assert_eq!((ds.source.code.as_str(), ds.vintage.as_str()), ("undesa-ims-totals", "2020"));
    // 283 location rows on each of the six tables.
    assert_eq!(r.rows_read, 6 * 283);

    let sen = find(&r, "IMM.STOCK", "SEN", Period::Year(2020), "").unwrap();
    assert_eq!(sen.value, Some(274_929.0));
    assert_eq!(sen.provenance.locator, "Table 1!L94");
    assert_eq!(value(&r, "IMM.STOCK", "GHA", 2020, ""), 476_412.0);
    assert_eq!(value(&r, "IMM.STOCK", "NGA", 2020, ""), 1_308_568.0);
    assert_eq!(value(&r, "IMM.STOCK", "SEN", 2020, "SEX=F") + value(&r, "IMM.STOCK", "SEN", 2020, "SEX=M"), 274_929.0);
    assert_eq!(format!("{:.2}", value(&r, "IMM.STOCK_PCT", "SEN", 2020, "")), "1.64");
    assert_eq!(format!("{:.2}", value(&r, "IMM.STOCK_PCT", "SEN", 1990, "")), "3.59");

    // World is 900 in the UN DESA workbooks; the aggregates map to the comparison groups.
    assert_eq!(value(&r, "IMM.STOCK", "WORLD", 2020, ""), 280_598_105.0);
    assert_eq!(value(&r, "IMM.STOCK", "SUB_SAHARAN_AFRICA", 2020, ""), 22_221_538.0);
    assert_eq!(value(&r, "IMM.STOCK", "AFRICA", 2020, ""), 25_389_464.0);
    assert_eq!(value(&r, "IMM.STOCK", "WESTERN_AFRICA", 2020, ""), 7_552_097.0);
    assert_eq!(value(&r, "IMM.STOCK", "MIDDLE_AFRICA", 2020, ""), 3_861_568.0);
    assert!(find(&r, "IMM.STOCK", "ECOWAS", Period::Year(2020), "").is_none());

    // Table 2 is in thousands: converted exactly, and footnoted.
    let pop = find(&r, "DEV.POP", "WORLD", Period::Year(1990), "").unwrap();
    assert_eq!(pop.value, Some(5_327_231_041.0));
    assert!(pop.footnote.as_deref().unwrap().contains("thousands"));

    // Five-year periods for the rate of change.
    let gr = find(&r, "IMM.STOCK_GR", "SEN", Period::Range(2015, 2020), "").unwrap();
    assert!(gr.value.is_some() && gr.provenance.locator == "Table 5!K94", "{gr:?}");
    assert!(value(&r, "IMM.STOCK_FEM", "SEN", 2020, "") > 40.0);
    assert!(value(&r, "REF.HOSTED", "SEN", 2020, "") > 0.0);
    assert!(value(&r, "REF.SHARE_MIG", "SEN", 2020, "") > 0.0);
    // Cabo Verde's refugees are fewer than five: kept as suppressed (Q), without a value.
    let cpv = find(&r, "REF.HOSTED", "CPV", Period::Year(2020), "").unwrap();
    assert_eq!((cpv.status, cpv.value), (ObsStatus::Suppressed, None));

    // Type of data C (Nigeria, Mauritania) and B C (Côte d'Ivoire) are footnoted.
    assert!(find(&r, "IMM.STOCK", "NGA", Period::Year(2020), "").unwrap().footnote.as_deref().unwrap().contains("foreign citizens"));
    assert!(
        find(&r, "IMM.STOCK_PCT", "CIV", Period::Year(2020), "").unwrap().footnote.as_deref().unwrap().contains("both the foreign-born")
    );
    assert!(find(&r, "IMM.STOCK", "SEN", Period::Year(2020), "").unwrap().footnote.is_none());

    let c = ctx();
    assert!(ds.observations.iter().all(|o| c.in_scope(&o.area)));
    let reasons: Vec<&str> = r.skipped.iter().map(|s| s.reason.as_str()).collect();
    for s in &r.skipped {
        eprintln!("  skipped {:>5}: {}", s.rows, s.reason);
    }
    assert!(reasons.iter().any(|s| s.starts_with("UN DESA aggregate")), "{reasons:?}");
    assert!(reasons.iter().any(|s| s.starts_with("reference area outside")), "{reasons:?}");
    assert!(reasons.iter().any(|s| s.starts_with("Channel Islands")), "{reasons:?}");
    assert!(reasons.iter().any(|s| s.starts_with("Table 6 annual rate of change")), "{reasons:?}");
    let mut per: Vec<(String, usize)> = Vec::new();
    for o in &ds.observations {
        match per.iter_mut().find(|(i, _)| i == o.indicator.as_str()) {
            Some((_, n)) => *n += 1,
            None => per.push((o.indicator.to_string(), 1)),
        }
    }
    eprintln!("  {per:?}");
}

/// The world and group totals `undesa-ims@2020` computes at import from the bilateral rows equal
/// the aggregates UN DESA publishes in its own workbook, for every area both hold.
#[test]
fn bilateral_sums_match_the_published_totals() {
    let c = ctx();
    let totals =
        undesa_totals::read_workbook(&InputFile::read(&data_dir().join(undesa_totals::FILE), undesa_totals::FILE).unwrap(), &c).unwrap();
    let path = "iom-gdidata/undesa_stocks_2020.csv";
    let bilateral = mp_ingest::sources::undesa::read_revision(&InputFile::read(&data_dir().join(path), path).unwrap(), "2020", &c).unwrap();
    let mut compared = 0;
    for o in totals.datasets[0].observations.iter().filter(|o| o.indicator.as_str() == "IMM.STOCK") {
        let Some(b) = bilateral.datasets[0]
            .observations
            .iter()
            .find(|b| b.indicator == o.indicator && b.area == o.area && b.period == o.period && b.dims == o.dims)
        else {
            panic!("undesa-ims@2020 has no {}", o.key());
        };
        assert_eq!(b.value, o.value, "{}", o.key());
        compared += 1;
    }
    // 15 areas (10 countries, 5 groups) × 7 years × (both sexes, male, female).
    assert_eq!(compared, 15 * 7 * 3);
}

#[test]
fn family_entry_point_reads_the_mirror() {
    let r = (undesa_totals::SOURCE.read)(&data_dir(), &ctx()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(value(&r, "IMM.STOCK", "SEN", 2020, ""), 274_929.0);
}

// ---- small workbooks in the UN layout ----

const YEARS: [&str; 7] = ["1990", "1995", "2000", "2005", "2010", "2015", "2020"];
const PERIODS: [&str; 6] = ["1990-1995", "1995-2000", "2000-2005", "2005-2010", "2010-2015", "2015-2020"];

#[derive(Clone)]
enum V {
    S(String),
    N(f64),
}

type Grid = Vec<Vec<Option<V>>>;

/// A sheet of the layout: name and column blocks (first column, headers, title).
type SheetLayout = (&'static str, Vec<(u16, &'static [&'static str], &'static str)>);

fn layout() -> Vec<SheetLayout> {
    vec![
        (
            "Table 1",
            vec![
                (5, &YEARS[..], "International migrant stock at mid-year, both sexes combined"),
                (12, &YEARS[..], "International migrant stock at mid-year, males"),
                (19, &YEARS[..], "International migrant stock at mid-year, females"),
            ],
        ),
        (
            "Table 2",
            vec![
                (5, &YEARS[..], "Total population at mid-year, both sexes combined (thousands)"),
                (12, &YEARS[..], "Total population at mid-year, males (thousands)"),
                (19, &YEARS[..], "Total population at mid-year, females (thousands)"),
            ],
        ),
        (
            "Table 3",
            vec![
                (5, &YEARS[..], "International migrant stock as a percentage of the total population, both sexes combined"),
                (12, &YEARS[..], "International migrant stock as a percentage of the total population, males"),
                (19, &YEARS[..], "International migrant stock as a percentage of the total population, females"),
            ],
        ),
        ("Table 4", vec![(5, &YEARS[..], "Female migrants as a percentage of the international migrant stock")]),
        (
            "Table 5",
            vec![
                (5, &PERIODS[..], "Annual rate of change of the migrant stock, both sexes combined"),
                (11, &PERIODS[..], "Annual rate of change of the migrant stock, males"),
                (17, &PERIODS[..], "Annual rate of change of the migrant stock, females"),
            ],
        ),
        (
            "Table 6",
            vec![
                (5, &YEARS[..], "Refugee and asylum seekers at mid-year, both sexes combined"),
                (12, &YEARS[..], "Refugee and asylum seekers as a percentage of the international migrant stock"),
                (19, &PERIODS[..], "Annual rate of change of the refugee and asylum seekers, both sexes combined"),
            ],
        ),
    ]
}

/// Location rows: name, code, type of data, note number.
const LOCATIONS: [(&str, f64, &str, &str); 7] = [
    ("WORLD", 900.0, "", ""),
    ("  Western Africa", 914.0, "", ""),
    ("   Senegal", 686.0, "B R", ""),
    ("   Nigeria", 566.0, "C R", ""),
    ("  Europe", 908.0, "", ""),
    ("   Channel Islands*", 830.0, "B", "6"),
    ("   France*", 250.0, "B", "12"),
];

fn grids() -> Vec<(String, Grid)> {
    let mut out = Vec::new();
    for (sheet, blocks) in layout() {
        let mut g: Grid = vec![vec![None; 26]; 11 + LOCATIONS.len()];
        g[1][4] = Some(V::S("International Migrant Stock 2020: Destination".into()));
        for (k, text) in ["Region, development group, country or area", "Notes", "Location code", "Type of data"].iter().enumerate() {
            g[10][k + 1] = Some(V::S(text.to_string()));
        }
        for (col, labels, title) in &blocks {
            g[7][*col as usize] = Some(V::S(title.to_string()));
            for (k, l) in labels.iter().enumerate() {
                g[10][*col as usize + k] = Some(V::S(l.to_string()));
            }
        }
        for (i, (name, code, types, note)) in LOCATIONS.iter().enumerate() {
            let r = 11 + i;
            g[r][0] = Some(V::N(i as f64 + 1.0));
            g[r][1] = Some(V::S(name.to_string()));
            if !note.is_empty() {
                g[r][2] = Some(V::S(note.to_string()));
            }
            g[r][3] = Some(V::N(*code));
            g[r][4] = Some(V::S(types.to_string()));
            for (col, labels, _) in &blocks {
                for k in 0..labels.len() {
                    g[r][*col as usize + k] = Some(V::N(1000.0 * (i as f64 + 1.0) + k as f64 + 0.5));
                }
            }
        }
        out.push((sheet.to_string(), g));
    }
    let mut notes: Grid = vec![vec![None; 3]; 30];
    notes[22][1] = Some(V::S("The column labelled “Type of data” indicates …".into()));
    notes[27][0] = Some(V::N(6.0));
    notes[27][1] = Some(V::S("For statistical purposes, the foreign-born population includes persons born in United Kingdom …".into()));
    notes[33 - 8][0] = Some(V::N(12.0));
    notes[33 - 8][1] =
        Some(V::S("For statistical purposes, the foreign-born population of France includes persons born in overseas departments.".into()));
    out.push(("Notes".into(), notes));
    out
}

fn write(grids: &[(String, Grid)]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (name, g) in grids {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        for (r, row) in g.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                match v {
                    Some(V::S(s)) => {
                        ws.write_string(r as u32, c as u16, s).unwrap();
                    }
                    Some(V::N(n)) => {
                        ws.write_number(r as u32, c as u16, *n).unwrap();
                    }
                    None => {}
                }
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

fn read_mini(bytes: Vec<u8>) -> Result<ReadReport, mp_ingest::IngestError> {
    undesa_totals::read_workbook(&InputFile::from_bytes("fixtures/totals.xlsx", bytes), &ctx())
}

fn sheet<'g>(g: &'g mut [(String, Grid)], name: &str) -> &'g mut Grid {
    &mut g.iter_mut().find(|(n, _)| n == name).unwrap().1
}

#[test]
fn mini_workbook_reads() {
    let r = read_mini(write(&grids())).unwrap_or_else(|e| panic!("{e}"));
    // Senegal is the third location (row 14); 2020 is column L.
    let sen = find(&r, "IMM.STOCK", "SEN", Period::Year(2020), "").unwrap();
    assert_eq!((sen.value, sen.provenance.locator.as_str()), (Some(3006.5), "Table 1!L14"));
    assert_eq!(value(&r, "DEV.POP", "SEN", 2020, ""), 3_006_500.0);
    assert_eq!(value(&r, "IMM.STOCK", "WORLD", 1990, "SEX=F"), 1000.5);
    assert_eq!(value(&r, "IMM.STOCK", "WESTERN_AFRICA", 1995, ""), 2001.5);
    assert!(find(&r, "IMM.STOCK", "NGA", Period::Year(2020), "").unwrap().footnote.as_deref().unwrap().contains("foreign citizens"));
    assert!(find(&r, "IMM.STOCK", "FRA", Period::Year(2020), "").is_none());
    let skips: Vec<(&str, u64)> = r.skipped.iter().map(|s| (s.reason.as_str(), s.rows)).collect();
    assert!(skips.contains(&("reference area outside the profile countries and comparison groups", 6)), "{skips:?}");
    assert!(skips.iter().any(|(s, n)| s.starts_with("UN DESA aggregate") && *n == 6), "{skips:?}");
    assert!(skips.iter().any(|(s, n)| s.starts_with("Channel Islands") && *n == 6), "{skips:?}");
    assert_eq!(r.rows_read, 6 * 7);
}

fn error_text(g: &[(String, Grid)]) -> String {
    match read_mini(write(g)) {
        Ok(r) => panic!("expected problems, got {} observations", r.observations()),
        Err(e) => e.to_string(),
    }
}

#[test]
fn bad_numbers_are_named_by_sheet_and_cell() {
    let mut g = grids();
    sheet(&mut g, "Table 1")[13][11] = Some(V::S("27492x".into()));
    sheet(&mut g, "Table 2")[14][5] = Some(V::S("n/a?".into()));
    sheet(&mut g, "Table 1")[13][6] = Some(V::N(-4.0));
    let e = error_text(&g);
    assert!(e.contains("fixtures/totals.xlsx, sheet Table 1, row 14, column L: `27492x`: expected a number"), "{e}");
    assert!(e.contains("sheet Table 2, row 15, column F: `n/a?`"), "{e}");
    assert!(e.contains("sheet Table 1, row 14, column G: `-4`: expected a number of persons"), "{e}");
}

#[test]
fn unknown_location_code_is_a_problem() {
    let mut g = grids();
    sheet(&mut g, "Table 3")[13][3] = Some(V::N(123.0));
    sheet(&mut g, "Table 4")[14][3] = Some(V::S("Senegal".into()));
    let e = error_text(&g);
    assert!(e.contains("sheet Table 3, row 14, column D: `123`: unknown location code"), "{e}");
    assert!(e.contains("sheet Table 4, row 15, column D: `Senegal`: expected a UN location code"), "{e}");
}

#[test]
fn rearranged_layout_is_refused() {
    let mut g = grids();
    sheet(&mut g, "Table 1")[10][3] = None;
    sheet(&mut g, "Table 5")[10][6] = Some(V::S("1995".into()));
    sheet(&mut g, "Table 2")[7][5] = Some(V::S("Total population at mid-year, both sexes combined".into()));
    let e = error_text(&g);
    assert!(e.contains("sheet Table 1, row 11, column D: ``: expected the header `Location code`"), "{e}");
    assert!(e.contains("sheet Table 5, row 11, column G: `1995`: expected the column header `1995-2000`"), "{e}");
    assert!(e.contains("sheet Table 2, row 8, column F") && e.contains("(thousands)"), "{e}");
}

#[test]
fn missing_sheet_is_named() {
    let g: Vec<(String, Grid)> = grids().into_iter().filter(|(n, _)| n != "Table 4").collect();
    let e = error_text(&g);
    assert!(e.contains("no sheet named `Table 4`") && e.contains("Table 1, Table 2, Table 3, Table 5"), "{e}");
}

#[test]
fn duplicate_location_is_a_problem() {
    let mut g = grids();
    for (_, grid) in g.iter_mut().filter(|(n, _)| n.starts_with("Table")) {
        grid[15] = grid[13].clone();
    }
    let e = error_text(&g);
    assert!(e.contains("Table 1!F16: the same figure") && e.contains("first at Table 1!F14"), "{e}");
}

#[test]
fn missing_note_is_a_problem() {
    let mut g = grids();
    sheet(&mut g, "Table 1")[13][2] = Some(V::S("99".into()));
    let e = error_text(&g);
    assert!(e.contains("sheet Table 1, row 14, column C: `99`: expected the number of a note"), "{e}");
}

#[test]
fn truncated_or_non_xlsx_file_is_refused() {
    let real = std::fs::read(data_dir().join(undesa_totals::FILE)).unwrap();
    let e = read_mini(real[..real.len() / 2].to_vec()).err().unwrap().to_string();
    assert!(e.contains("fixtures/totals.xlsx") && e.contains("not a readable XLSX"), "{e}");
    // A Latin-1 CSV saved with an .xlsx name.
    let e = read_mini(b"Location code;Senegal\n686;S\xe9n\xe9gal\n".to_vec()).err().unwrap().to_string();
    assert!(e.contains("fixtures/totals.xlsx") && e.contains("not a readable XLSX"), "{e}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = read_mini(bytes);
    }

    #[test]
    fn arbitrary_cells_never_panic(edits in proptest::collection::vec((0usize..6, 0usize..20, 0usize..26, "[-0-9.~a-zA-Z ]{0,8}"), 0..12)) {
        let mut g = grids();
        for (s, r, c, text) in edits {
            let v = if let Ok(n) = text.parse::<f64>() { V::N(n) } else { V::S(text) };
            if let Some(row) = g[s].1.get_mut(r) {
                row[c] = Some(v);
            }
        }
        let _ = read_mini(write(&g));
    }
}
