//! World Bank / KNOMAD bilateral matrices 2017: the published check values from the real
//! workbooks, the World Bank name table, and small matrices written here, intact or broken.

use mp_domain::{DimensionKey, Observation, Period};
use mp_ingest::context::{Context, ReadReport};
use mp_ingest::files::InputFile;
use mp_ingest::framework_dir::testing::{data_dir, fixture};
use mp_ingest::sources::knomad;
use proptest::prelude::*;
use std::time::Instant;

fn ctx() -> Context<'static> {
    let (fw, areas) = fixture();
    Context::new(fw, areas)
}

fn find<'r>(r: &'r ReadReport, ind: &str, area: &str, dims: &str) -> Option<&'r Observation> {
    let key = DimensionKey::parse(dims).unwrap();
    r.datasets
        .iter()
        .flat_map(|d| &d.observations)
        .find(|o| o.indicator.as_str() == ind && o.area.as_str() == area && o.period == Period::Year(2017) && o.dims == key)
}

fn value(r: &ReadReport, ind: &str, area: &str, dims: &str) -> f64 {
    find(r, ind, area, dims).and_then(|o| o.value).unwrap_or_else(|| panic!("no {ind} {area} {dims}"))
}

fn millions(v: f64) -> i64 {
    (v / 1e6).round() as i64
}

fn real() -> ReadReport {
    let rem = InputFile::read(&data_dir().join(knomad::REMITTANCES), knomad::REMITTANCES).unwrap();
    let st = InputFile::read(&data_dir().join(knomad::STOCKS), knomad::STOCKS).unwrap();
    let t = Instant::now();
    let r = knomad::read_workbooks(&rem, &st, &ctx()).unwrap_or_else(|e| panic!("{e}"));
    eprintln!("both KNOMAD workbooks: {} matrix rows, {} observations, {} ms", r.rows_read, r.observations(), t.elapsed().as_millis());
    r
}

#[test]
fn real_workbooks_check_values() {
    let r = real();
    assert_eq!(r.datasets.len(), 1);
    let ds = &r.datasets[0];
    assert_eq!((ds.source.code.as_str(), ds.vintage.as_str(), ds.files.len()), ("wb-knomad", "2017", 2));
    // 215 sending rows + WORLD; 216 origin rows (with Other North/South) + World.
    assert_eq!(r.rows_read, 215 + 217);

    assert_eq!(millions(value(&r, "REM.BILAT_IN", "NGA", "")), 21_967);
    assert_eq!(millions(value(&r, "REM.BILAT_IN", "GHA", "")), 2_190);
    let sen = find(&r, "REM.BILAT_IN", "SEN", "").unwrap();
    assert_eq!(millions(sen.value.unwrap()), 2_238);
    assert_eq!(sen.provenance.locator, "Bilateral_Remittances_2017!FI217");
    assert_eq!(
        sen.footnote.as_deref(),
        Some("Published in US$ millions; converted to US$. Model estimates (Ratha & Shaw method), not reported flows.")
    );
    // Exact decimal conversion of the published millions.
    assert_eq!(sen.value, Some(2_237_704_417.004));
    for (from, m) in [("FRA", 647), ("ITA", 425), ("ESP", 302), ("GMB", 264)] {
        assert_eq!(millions(value(&r, "REM.BILAT_IN", "SEN", &format!("COUNTERPART_AREA={from}"))), m, "{from}");
    }
    assert_eq!(find(&r, "REM.BILAT_IN", "SEN", "COUNTERPART_AREA=FRA").unwrap().provenance.locator, "Bilateral_Remittances_2017!FI69");
    // Sent from Senegal: the WORLD column, and France as a receiving country.
    assert!(value(&r, "REM.BILAT_OUT", "SEN", "") > 0.0);
    assert!(find(&r, "REM.BILAT_OUT", "SEN", "COUNTERPART_AREA=GMB").is_some());
    assert!(find(&r, "REM.BILAT_IN", "WORLD", "").is_some());

    // Migrant stocks: Senegal-born in France.
    let sen_fra = find(&r, "EMI.STOCK", "SEN", "COUNTERPART_AREA=FRA").unwrap();
    assert_eq!(sen_fra.value, Some(119_661.0));
    assert_eq!(sen_fra.provenance.locator, "Bilateral_Migration_2017!BP166");
    assert_eq!(value(&r, "EMI.STOCK", "SEN", ""), 643_640.0);
    assert_eq!(value(&r, "IMM.STOCK", "SEN", ""), 312_017.0);
    assert_eq!(value(&r, "IMM.STOCK", "WORLD", ""), 266_143_792.0);
    assert!(find(&r, "IMM.STOCK", "NGA", "COUNTERPART_AREA=BEN").is_some());

    let c = ctx();
    assert!(ds.observations.iter().all(|o| c.in_scope(&o.area)));
    for s in &r.skipped {
        eprintln!("  skipped {:>6} cells: {}", s.rows, s.reason);
    }
    let reasons: Vec<&str> = r.skipped.iter().map(|s| s.reason.as_str()).collect();
    for prefix in ["`Other North` / `Other South`", "Kosovo", "Channel Islands", "matrix cells holding 0", "matrix cells where neither"] {
        assert!(reasons.iter().any(|s| s.starts_with(prefix)), "{prefix}: {reasons:?}");
    }
    for ind in ["REM.BILAT_IN", "REM.BILAT_OUT", "IMM.STOCK", "EMI.STOCK"] {
        eprintln!("  {ind}: {}", ds.observations.iter().filter(|o| o.indicator.as_str() == ind).count());
    }
}

#[test]
fn family_entry_point_reads_the_mirror() {
    let r = (knomad::SOURCE.read)(&data_dir(), &ctx()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(value(&r, "EMI.STOCK", "SEN", "COUNTERPART_AREA=FRA"), 119_661.0);
}

#[test]
fn world_bank_names() {
    let c = ctx();
    let names = knomad::Names::new(&c);
    for (name, iso) in [
        ("Congo, Dem. Rep.", "COD"),
        ("Congo, Rep.", "COG"),
        ("Egypt, Arab Rep.", "EGY"),
        ("Gambia, The", "GMB"),
        ("Côte d'Ivoire", "CIV"),
        ("Cote d'Ivoire", "CIV"),
        ("Korea, Rep.", "KOR"),
        ("Venezuela, RB", "VEN"),
        ("Yemen, Rep.", "YEM"),
        ("Hong Kong SAR, China", "HKG"),
        ("Macao SAR, China", "MAC"),
        ("Cabo Verde", "CPV"),
        ("Senegal", "SEN"),
        ("Sao Tome and Principe", "STP"),
        ("Curacao", "CUW"),
        ("United States", "USA"),
    ] {
        assert_eq!(names.iso3(name).as_deref(), Some(iso), "{name}");
    }
    for name in ["Kosovo", "Channel Islands", "WORLD", "Other North", "Atlantis"] {
        assert_eq!(names.iso3(name), None, "{name}");
    }
    // Every table entry points at a country the registry knows.
    for (name, iso) in knomad::WB_NAMES {
        assert_eq!(names.iso3(name).as_deref(), Some(*iso), "{name}");
    }
    assert_eq!(knomad::fold_name("  Côte d’Ivoire "), "cote d ivoire");
    assert_eq!(knomad::fold_name("Trinidad & Tobago"), "trinidad and tobago");
}

// ---- small matrices written here ----

enum V {
    S(&'static str),
    N(f64),
}

/// A remittance matrix: France, Senegal, Gambia, Italy sending; France, Senegal, Kosovo receiving.
fn remittance_grid() -> Vec<Vec<Option<V>>> {
    use V::*;
    vec![
        vec![Some(S("Bilateral Remittance Estimates for 2017 (millions of US$)"))],
        vec![Some(S("receiving (across) / sending (down) ")), Some(S("France")), Some(S("Senegal")), Some(S("Kosovo")), Some(S("WORLD"))],
        vec![Some(S("France")), Some(N(0.0)), Some(N(646.8935)), Some(N(12.5)), Some(N(700.0))],
        vec![Some(S("Senegal")), Some(N(20.25)), Some(N(0.0)), Some(S("-")), Some(N(30.0))],
        vec![Some(S("Gambia, The")), Some(N(1.0)), Some(N(264.09)), Some(N(0.0)), Some(N(300.0))],
        vec![Some(S("Italy")), Some(N(5.0)), Some(N(0.0)), Some(N(0.0)), Some(N(5.0))],
        vec![Some(S("WORLD")), Some(N(26.25)), Some(N(910.9835)), Some(N(12.5)), Some(N(1035.0))],
        vec![],
        vec![Some(S("Notes:"))],
        vec![Some(S("These are analytical estimates…"))],
    ]
}

fn stock_grid() -> Vec<Vec<Option<V>>> {
    use V::*;
    vec![
        vec![Some(S("Bilateral Estimates of Migrant Stocks in 2017"))],
        vec![None, Some(S("France")), Some(S("Senegal")), Some(S("Other South")), Some(S("World"))],
        vec![Some(S("France")), Some(N(0.0)), Some(N(20_000.0)), Some(N(5.0)), Some(N(20_005.0))],
        vec![Some(S("Senegal")), Some(N(119_661.0)), Some(N(0.0)), Some(N(7.0)), Some(N(119_668.0))],
        vec![Some(S("Other North")), Some(N(3.0)), Some(N(4.0)), Some(N(0.0)), Some(N(7.0))],
        vec![Some(S("World")), Some(N(119_664.0)), Some(N(20_004.0)), Some(N(12.0)), Some(N(139_680.0))],
        vec![],
        vec![Some(S("Notes:"))],
    ]
}

fn xlsx(sheet: &str, grid: &[Vec<Option<V>>]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(sheet).unwrap();
    for (r, row) in grid.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            match v {
                Some(V::S(s)) => {
                    ws.write_string(r as u32, c as u16, *s).unwrap();
                }
                Some(V::N(n)) => {
                    ws.write_number(r as u32, c as u16, *n).unwrap();
                }
                None => {}
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

fn read_mini(rem: Vec<u8>, stocks: Vec<u8>) -> Result<ReadReport, mp_ingest::IngestError> {
    let rem = InputFile::from_bytes("fixtures/remittances.xlsx", rem);
    let st = InputFile::from_bytes("fixtures/stocks.xlsx", stocks);
    knomad::read_workbooks(&rem, &st, &ctx())
}

fn good_stocks() -> Vec<u8> {
    xlsx("Bilateral_Migration_2017", &stock_grid())
}

fn error_text(rem: Vec<Vec<Option<V>>>) -> String {
    match read_mini(xlsx("Bilateral_Remittances_2017", &rem), good_stocks()) {
        Ok(r) => panic!("expected problems, got {} observations", r.observations()),
        Err(e) => e.to_string(),
    }
}

#[test]
fn mini_matrices_read() {
    let r = read_mini(xlsx("Bilateral_Remittances_2017", &remittance_grid()), good_stocks()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(value(&r, "REM.BILAT_IN", "SEN", "COUNTERPART_AREA=FRA"), 646_893_500.0);
    assert_eq!(value(&r, "REM.BILAT_IN", "SEN", "COUNTERPART_AREA=GMB"), 264_090_000.0);
    assert_eq!(value(&r, "REM.BILAT_IN", "SEN", ""), 910_983_500.0);
    assert_eq!(value(&r, "REM.BILAT_OUT", "SEN", "COUNTERPART_AREA=FRA"), 20_250_000.0);
    assert_eq!(value(&r, "REM.BILAT_OUT", "SEN", ""), 30_000_000.0);
    assert_eq!(value(&r, "REM.BILAT_IN", "WORLD", ""), 1_035_000_000.0);
    assert_eq!(find(&r, "REM.BILAT_IN", "SEN", "COUNTERPART_AREA=FRA").unwrap().provenance.locator, "Bilateral_Remittances_2017!C3");
    // France and Gambia are not profile countries: their own totals are not kept.
    assert!(find(&r, "REM.BILAT_IN", "FRA", "").is_none());
    assert_eq!(value(&r, "EMI.STOCK", "SEN", "COUNTERPART_AREA=FRA"), 119_661.0);
    assert_eq!(value(&r, "IMM.STOCK", "SEN", "COUNTERPART_AREA=FRA"), 20_000.0);
    assert_eq!(value(&r, "IMM.STOCK", "SEN", ""), 20_004.0);
    assert_eq!(value(&r, "EMI.STOCK", "SEN", ""), 119_668.0);
    let skips: Vec<(&str, u64)> = r.skipped.iter().map(|s| (s.reason.as_str(), s.rows)).collect();
    // Kosovo counts where it meets Senegal and the WORLD row; with France, Gambia and Italy
    // neither country is a profile country.
    assert!(skips.iter().any(|(s, n)| s.starts_with("Kosovo") && *n == 2), "{skips:?}");
    // Other North/South: with Senegal (2), with each other, with World (2).
    assert!(skips.iter().any(|(s, n)| s.starts_with("`Other North`") && *n == 5), "{skips:?}");
    // Italy→Senegal is 0; Senegal with itself is the diagonal (once per matrix).
    assert!(skips.iter().any(|(s, n)| s.starts_with("matrix cells holding 0") && *n == 1), "{skips:?}");
    assert!(skips.iter().any(|(s, n)| s.starts_with("diagonal") && *n == 4), "{skips:?}");
    assert!(find(&r, "REM.BILAT_IN", "SEN", "COUNTERPART_AREA=ITA").is_none());
    assert_eq!(r.rows_read, 5 + 4);
}

#[test]
fn unknown_name_is_a_problem_not_a_skip() {
    let mut g = remittance_grid();
    g[1][3] = Some(V::S("Atlantis"));
    g[4][0] = Some(V::S("Republic of Nowhere"));
    let e = error_text(g);
    assert!(
        e.contains("fixtures/remittances.xlsx, sheet Bilateral_Remittances_2017, row 2, column D: `Atlantis`: unknown country name"),
        "{e}"
    );
    assert!(e.contains("row 5, column A: `Republic of Nowhere`: unknown country name"), "{e}");
}

#[test]
fn bad_numbers_are_named() {
    let mut g = remittance_grid();
    g[3][1] = Some(V::S("20,25"));
    g[2][2] = Some(V::N(-1.0));
    let e = error_text(g);
    assert!(e.contains("row 4, column B: `20,25`: expected a number"), "{e}");
    assert!(e.contains("row 3, column C: `-1`: expected a non-negative number"), "{e}");
}

#[test]
fn duplicate_country_is_a_problem() {
    let mut g = remittance_grid();
    g[4][0] = Some(V::S("Senegal"));
    let e = error_text(g);
    assert!(e.contains("Bilateral_Remittances_2017!B5: the same figure") && e.contains("first at Bilateral_Remittances_2017!B4"), "{e}");
}

#[test]
fn missing_total_row_and_sheet_are_named() {
    let mut g = remittance_grid();
    g[6] = vec![Some(V::S("Notes:"))];
    g.truncate(7);
    let e = error_text(g);
    assert!(e.contains("no WORLD (or World) total row"), "{e}");
    let e = read_mini(xlsx("Sheet1", &remittance_grid()), good_stocks()).err().unwrap().to_string();
    assert!(e.contains("fixtures/remittances.xlsx") && e.contains("no sheet named `Bilateral_Remittances_2017`"), "{e}");
}

#[test]
fn truncated_or_non_xlsx_file_is_refused() {
    let real = std::fs::read(data_dir().join(knomad::REMITTANCES)).unwrap();
    let e = read_mini(real[..real.len() - 1000].to_vec(), good_stocks()).err().unwrap().to_string();
    assert!(e.contains("fixtures/remittances.xlsx") && e.contains("not a readable XLSX"), "{e}");
    // A Latin-1 CSV given instead of the stock workbook: both files' problems are reported.
    let e = read_mini(real[..100].to_vec(), b"origin;destination\nS\xe9n\xe9gal;France\n".to_vec()).err().unwrap().to_string();
    assert!(e.contains("fixtures/remittances.xlsx") && e.contains("fixtures/stocks.xlsx"), "{e}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn arbitrary_bytes_never_panic(a in proptest::collection::vec(any::<u8>(), 0..300), b in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = read_mini(a, b);
    }

    #[test]
    fn arbitrary_cells_never_panic(edits in proptest::collection::vec((0usize..9, 0usize..6, prop::sample::select(vec!["WORLD", "Senegal", "Kosovo", "x", "-", "", "1e3", "-2", "Other South"])), 0..10)) {
        let mut g = remittance_grid();
        for (r, c, text) in edits {
            if let Some(row) = g.get_mut(r) {
                while row.len() <= c {
                    row.push(None);
                }
                row[c] = if let Ok(n) = text.parse::<f64>() { Some(V::N(n)) } else { Some(V::S(text)) };
            }
        }
        let _ = read_mini(xlsx("Bilateral_Remittances_2017", &g), good_stocks());
    }
}
