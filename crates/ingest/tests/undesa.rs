//! UN DESA International Migrant Stock (origin × destination × sex): the published check values
//! from the real mirror, the explained skips, and broken hand-written files.

use mp_domain::{DimensionKey, ObsStatus, Observation, Period};
use mp_ingest::context::{Context, ReadReport};
use mp_ingest::files::InputFile;
use mp_ingest::framework_dir::testing::{data_dir, fixture};
use mp_ingest::sources::undesa;
use proptest::prelude::*;
use std::time::Instant;

fn ctx() -> Context<'static> {
    let (fw, areas) = fixture();
    Context::new(fw, areas)
}

fn find<'r>(r: &'r ReadReport, vintage: &str, ind: &str, area: &str, year: i32, dims: &str) -> Option<&'r Observation> {
    let key = DimensionKey::parse(dims).unwrap();
    r.datasets
        .iter()
        .filter(|d| d.vintage == vintage)
        .flat_map(|d| &d.observations)
        .find(|o| o.indicator.as_str() == ind && o.area.as_str() == area && o.period == Period::Year(year) && o.dims == key)
}

fn value(r: &ReadReport, vintage: &str, ind: &str, area: &str, year: i32, dims: &str) -> f64 {
    find(r, vintage, ind, area, year, dims).and_then(|o| o.value).unwrap_or_else(|| panic!("no {ind} {area} {year} {dims} in {vintage}"))
}

fn read_real(path: &str, vintage: &str) -> (ReadReport, u128) {
    let f = InputFile::read(&data_dir().join(path), path).unwrap();
    let t = Instant::now();
    let r = undesa::read_revision(&f, vintage, &ctx()).unwrap_or_else(|e| panic!("{e}"));
    (r, t.elapsed().as_millis())
}

#[test]
fn revision_2024_check_values() {
    let (r, ms) = read_real("iom-gdidata/undesa_stocks_2024.csv", "2024");
    eprintln!("undesa_stocks_2024.csv: {} rows, {} observations, {ms} ms", r.rows_read, r.observations());
    assert_eq!(r.rows_read, 153_296);
    assert_eq!(r.datasets.len(), 1);
    let ds = &r.datasets[0];
    assert_eq!((ds.source.code.as_str(), ds.vintage.as_str()), ("undesa-ims", "2024"));

    let world = find(&r, "2024", "IMM.STOCK", "WORLD", 2024, "").unwrap();
    assert_eq!(world.value, Some(304_021_813.0));
    assert!(world.footnote.as_deref().unwrap().contains("computed at import"), "{world:?}");
    assert!(world.provenance.locator.starts_with("sum of 19162 rows"), "{}", world.provenance.locator);

    assert_eq!(value(&r, "2024", "EMI.STOCK", "SEN", 2024, ""), 741_357.0);
    assert_eq!(value(&r, "2024", "EMI.STOCK", "GHA", 2024, ""), 1_055_494.0);
    let dests = [("FRA", 176_632.0), ("GMB", 145_276.0), ("ITA", 127_427.0), ("ESP", 101_026.0)];
    for (d, v) in dests {
        assert_eq!(value(&r, "2024", "EMI.STOCK", "SEN", 2024, &format!("COUNTERPART_AREA={d}")), v, "{d}");
    }
    // France is the largest destination of Senegalese emigrants.
    let top = ds
        .observations
        .iter()
        .filter(|o| {
            o.indicator.as_str() == "EMI.STOCK"
                && o.area.as_str() == "SEN"
                && o.period == Period::Year(2024)
                && o.dims.get("SEX").is_none()
                && o.dims.get("COUNTERPART_AREA").is_some()
        })
        .max_by(|a, b| a.value.partial_cmp(&b.value).unwrap())
        .unwrap();
    assert_eq!(top.dims.get("COUNTERPART_AREA").unwrap().as_str(), "FRA");

    // By sex, the rows themselves, with their row as locator; both sexes sum the two.
    let f = find(&r, "2024", "EMI.STOCK", "SEN", 2024, "SEX=F|COUNTERPART_AREA=FRA").unwrap();
    let m = find(&r, "2024", "EMI.STOCK", "SEN", 2024, "SEX=M|COUNTERPART_AREA=FRA").unwrap();
    assert_eq!(f.value.unwrap() + m.value.unwrap(), 176_632.0);
    assert!(f.provenance.locator.starts_with("row "), "{}", f.provenance.locator);
    let share = value(&r, "2024", "GEN.FEM_EMI", "SEN", 2024, "");
    let ef = value(&r, "2024", "EMI.STOCK", "SEN", 2024, "SEX=F");
    assert!((share - ef / 741_357.0 * 100.0).abs() < 1e-9);

    // Immigrants: totals by sex add up, female share, groups.
    let imm = value(&r, "2024", "IMM.STOCK", "SEN", 2024, "");
    let imm_f = value(&r, "2024", "IMM.STOCK", "SEN", 2024, "SEX=F");
    let imm_m = value(&r, "2024", "IMM.STOCK", "SEN", 2024, "SEX=M");
    assert_eq!(imm, imm_f + imm_m);
    assert!((value(&r, "2024", "IMM.STOCK_FEM", "SEN", 2024, "") - imm_f / imm * 100.0).abs() < 1e-9);
    for g in ["AFRICA", "SUB_SAHARAN_AFRICA", "WESTERN_AFRICA", "MIDDLE_AFRICA", "ECOWAS"] {
        let o = find(&r, "2024", "IMM.STOCK", g, 2024, "").unwrap_or_else(|| panic!("{g}"));
        assert!(o.value.unwrap() > imm && o.footnote.as_deref().unwrap().contains("member destinations"), "{o:?}");
        assert!(find(&r, "2024", "IMM.STOCK_FEM", g, 2024, "").is_some(), "{g}");
    }
    // Western Africa contains Senegal, Ghana, Nigeria…: more than their sum.
    let wa = value(&r, "2024", "IMM.STOCK", "WESTERN_AFRICA", 2024, "");
    let some: f64 = ["SEN", "GHA", "NGA", "CIV", "MLI"].iter().map(|c| value(&r, "2024", "IMM.STOCK", c, 2024, "")).sum();
    assert!(wa > some);

    // Nigeria's and Mauritania's estimates are based on citizenship: footnoted on every figure.
    let nga = find(&r, "2024", "IMM.STOCK", "NGA", 2024, "").unwrap();
    assert!(nga.footnote.as_deref().unwrap().contains("foreign citizens"), "{nga:?}");
    let nga_ben = find(&r, "2024", "IMM.STOCK", "NGA", 2024, "COUNTERPART_AREA=BEN").unwrap();
    assert!(nga_ben.footnote.as_deref().unwrap().contains("foreign citizens"));
    assert!(find(&r, "2024", "IMM.STOCK", "SEN", 2024, "").unwrap().footnote.as_deref().is_some_and(|n| !n.contains("citizens")));
    // Emigrants to an imputed destination (Eritrea: no data, imputed) are estimated (E).
    let som = ds
        .observations
        .iter()
        .find(|o| o.indicator.as_str() == "EMI.STOCK" && o.dims.get("COUNTERPART_AREA").is_some_and(|c| c.as_str() == "ERI"))
        .expect("DR Congo has emigrants in Eritrea");
    assert_eq!(som.status, ObsStatus::Estimated);
    assert!(som.footnote.as_deref().unwrap().contains("Imputed"));

    // OOO (other or unknown origin) counts in totals but has no breakdown; no observation
    // uses an unknown code; out-of-scope reference areas are not imported.
    assert!(ds.observations.iter().all(|o| o.dims.get("COUNTERPART_AREA").is_none_or(|c| c.as_str() != "OOO" && c.as_str() != "XCX")));
    let c = ctx();
    assert!(ds.observations.iter().all(|o| c.in_scope(&o.area)));
    let reasons: Vec<&str> = r.skipped.iter().map(|s| s.reason.as_str()).collect();
    assert!(reasons.iter().any(|s| s.starts_with("origin OOO")), "{reasons:?}");
    assert!(reasons.iter().any(|s| s.starts_with("neither the destination nor the origin")), "{reasons:?}");
    for s in &r.skipped {
        eprintln!("  skipped {:>7} rows: {}", s.rows, s.reason);
    }
    for ind in ["IMM.STOCK", "EMI.STOCK", "IMM.STOCK_FEM", "GEN.FEM_EMI"] {
        eprintln!("  {ind}: {}", ds.observations.iter().filter(|o| o.indicator.as_str() == ind).count());
    }
}

#[test]
fn revision_2020_check_values() {
    let (r, ms) = read_real("iom-gdidata/undesa_stocks_2020.csv", "2020");
    eprintln!("undesa_stocks_2020.csv: {} rows, {} observations, {ms} ms", r.rows_read, r.observations());
    assert_eq!(r.rows_read, 170_618);
    assert_eq!(value(&r, "2020", "IMM.STOCK", "SEN", 2020, ""), 274_929.0);
    assert!(find(&r, "2020", "IMM.STOCK", "SEN", 2024, "").is_none());
    // Côte d'Ivoire is B and C in the 2020 revision.
    let civ = find(&r, "2020", "IMM.STOCK", "CIV", 2020, "").unwrap();
    assert!(civ.footnote.as_deref().unwrap().contains("both the foreign-born and foreign citizens"), "{civ:?}");
}

#[test]
fn family_reads_both_revisions_as_two_datasets() {
    let r = (undesa::SOURCE.read)(&data_dir(), &ctx()).unwrap_or_else(|e| panic!("{e}"));
    let mut v: Vec<(&str, &str)> = r.datasets.iter().map(|d| (d.source.code.as_str(), d.vintage.as_str())).collect();
    v.sort();
    assert_eq!(v, [("undesa-ims", "2020"), ("undesa-ims", "2024")]);
    assert_eq!(r.rows_read, 153_296 + 170_618);
    assert_eq!(value(&r, "2020", "IMM.STOCK", "SEN", 2020, ""), 274_929.0);
    assert_eq!(value(&r, "2024", "IMM.STOCK", "WORLD", 2024, ""), 304_021_813.0);
}

const HEADER: &str = "geo,t,from,sex,n,type_b,type_c,type_r,type_i\n";

fn read_text(text: &[u8]) -> Result<ReadReport, mp_ingest::IngestError> {
    let f = InputFile::from_bytes("fixtures/undesa.csv", text.to_vec());
    undesa::read_revision(&f, "2024", &ctx())
}

fn fixture_file(name: &str) -> Vec<u8> {
    std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/undesa").join(name)).unwrap()
}

#[test]
fn small_good_file() {
    let r = read_text(&fixture_file("good.csv")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.rows_read, 8);
    // SEN: 10+12 from FRA, 3+4 from OOO (totals only).
    assert_eq!(value(&r, "2024", "IMM.STOCK", "SEN", 2024, ""), 29.0);
    assert_eq!(value(&r, "2024", "IMM.STOCK", "SEN", 2024, "COUNTERPART_AREA=FRA"), 22.0);
    assert_eq!(value(&r, "2024", "IMM.STOCK", "SEN", 2024, "SEX=F"), 13.0);
    assert_eq!(value(&r, "2024", "EMI.STOCK", "SEN", 2024, "COUNTERPART_AREA=FRA"), 300.0);
    assert_eq!(value(&r, "2024", "IMM.STOCK", "WORLD", 2024, ""), 29.0 + 300.0 + 11.0 + 7.0);
    assert!((value(&r, "2024", "IMM.STOCK_FEM", "SEN", 2024, "") - 13.0 / 29.0 * 100.0).abs() < 1e-9);
    assert_eq!(find(&r, "2024", "IMM.STOCK", "SEN", 2024, "").unwrap().provenance.locator, "sum of 4 rows from row 2");
    let skips: Vec<(&str, u64)> = r.skipped.iter().map(|s| (s.reason.as_str(), s.rows)).collect();
    assert!(skips.iter().any(|(s, n)| s.starts_with("origin OOO") && *n == 2), "{skips:?}");
    assert!(skips.iter().any(|(s, n)| s.starts_with("neither") && *n == 2), "{skips:?}");
}

fn error_text(bytes: &[u8]) -> String {
    match read_text(bytes) {
        Ok(r) => panic!("expected problems, got {} observations", r.observations()),
        Err(e) => e.to_string(),
    }
}

#[test]
fn bad_number_names_file_row_column_and_expectation() {
    let e = error_text(&fixture_file("bad_number.csv"));
    assert!(e.contains("fixtures/undesa.csv, row 3, column n: `12x`") && e.contains("expected"), "{e}");
    // Every problem is reported, not only the first.
    assert!(e.contains("row 4, column sex: `f`: expected female or male"), "{e}");
    assert!(e.contains("row 5, column type_i: `2`: expected 0 or 1"), "{e}");
    assert!(e.contains("row 6, column n: `-5`"), "{e}");
}

#[test]
fn unknown_code_is_a_problem() {
    let e = error_text(&fixture_file("unknown_code.csv"));
    assert!(e.contains("row 2, column from: `ZZZ`: unknown country code"), "{e}");
    assert!(e.contains("row 3, column geo: `OOO`"), "{e}");
    assert!(e.contains("row 4, column geo: `Senegal`: expected an ISO 3166 alpha-3"), "{e}");
}

#[test]
fn missing_column_is_named() {
    let e = error_text(b"geo,t,from,sex,value,type_b,type_c,type_r,type_i\nSEN,2024,FRA,female,1,1,0,1,0\n");
    assert!(e.contains("fixtures/undesa.csv") && e.contains("missing column n"), "{e}");
}

#[test]
fn latin1_is_refused() {
    let mut b = HEADER.as_bytes().to_vec();
    b.extend_from_slice(b"SEN,2024,FRA,f\xe9male,1,1,0,1,0\n");
    let e = error_text(&b);
    assert!(e.contains("fixtures/undesa.csv, row 2") && e.contains("not UTF-8"), "{e}");
}

#[test]
fn duplicate_key_is_a_problem() {
    let e = error_text(&fixture_file("duplicate.csv"));
    assert!(e.contains("row 3, column n") && e.contains("given twice: first at row 2"), "{e}");
    assert!(e.contains("row 4, column type_b") && e.contains("flags differ from those at row 2"), "{e}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = read_text(&bytes);
    }

    #[test]
    fn arbitrary_rows_never_panic(rows in proptest::collection::vec((
        prop::sample::select(vec!["SEN", "GHA", "FRA", "OOO", "XCX", "ZZZ", "", "sen"]),
        prop::sample::select(vec!["1990", "2024", "20x", "2015-2020", ""]),
        prop::sample::select(vec!["SEN", "FRA", "OOO", "XCX", "ITA", "Q"]),
        prop::sample::select(vec!["female", "male", "x"]),
        "[-0-9.e]{0,6}",
        prop::sample::select(vec!["0", "1", "", "2"]),
        prop::sample::select(vec!["0", "1"]),
    ), 0..30)) {
        let mut text = HEADER.to_string();
        for (g, t, f, s, n, b, i) in rows {
            text.push_str(&format!("{g},{t},{f},{s},{n},{b},0,1,{i}\n"));
        }
        if let Ok(r) = read_text(text.as_bytes()) {
            // Whatever is accepted is consistent: the world total is the sum of the rows.
            let total: f64 = r.datasets[0].observations.iter().filter(|o| o.indicator.as_str() == "IMM.STOCK" && o.area.as_str() == "WORLD" && o.dims.is_total()).map(|o| o.value.unwrap()).sum();
            prop_assert!(total >= 0.0);
        }
    }
}
