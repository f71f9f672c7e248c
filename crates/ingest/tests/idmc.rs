//! IDMC Global Internal Displacement Database: check values from the real mirror, the
//! explained skips, and broken hand-written files.

use mp_domain::{DimensionKey, Observation, Period};
use mp_ingest::context::{Context, ReadReport};
use mp_ingest::files::InputFile;
use mp_ingest::framework_dir::testing::{data_dir, fixture};
use mp_ingest::sources::idmc;
use proptest::prelude::*;
use std::time::Instant;

fn ctx() -> Context<'static> {
    let (fw, areas) = fixture();
    Context::new(fw, areas)
}

fn find<'r>(r: &'r ReadReport, ind: &str, area: &str, year: i32, dims: &str) -> Option<&'r Observation> {
    let key = DimensionKey::parse(dims).unwrap();
    r.datasets
        .iter()
        .flat_map(|d| &d.observations)
        .find(|o| o.indicator.as_str() == ind && o.area.as_str() == area && o.period == Period::Year(year) && o.dims == key)
}

fn value(r: &ReadReport, ind: &str, area: &str, year: i32, dims: &str) -> f64 {
    find(r, ind, area, year, dims).and_then(|o| o.value).unwrap_or_else(|| panic!("no {ind} {area} {year} {dims}"))
}

fn fixture_file(name: &str) -> InputFile {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/idmc").join(name);
    InputFile::read(&path, &format!("fixtures/idmc/{name}")).unwrap()
}

#[test]
fn family_reads_both_files() {
    let t = Instant::now();
    let r = (idmc::SOURCE.read)(&data_dir(), &ctx()).unwrap_or_else(|e| panic!("{e}"));
    eprintln!("idmc family: {} rows, {} observations, {} ms", r.rows_read, r.observations(), t.elapsed().as_millis());
    for d in &r.datasets {
        eprintln!("  {}@{}: {} observations", d.source.code, d.vintage, d.observations.len());
    }
    for s in &r.skipped {
        eprintln!("  skip {:>6}  {}", s.rows, s.reason);
    }
    assert_eq!(r.rows_read, 4071 + 1541);
    let mut keys: Vec<(&str, &str)> = r.datasets.iter().map(|d| (d.source.code.as_str(), d.vintage.as_str())).collect();
    keys.sort();
    assert_eq!(keys, [("idmc", "2025-05"), ("idmc-nd", "2024")]);
    let reasons: Vec<&str> = r.skipped.iter().map(|s| s.reason.as_str()).collect();
    assert!(reasons.iter().any(|s| s.starts_with("AB9 (Abyei Area)")), "{reasons:?}");
    assert!(reasons.iter().any(|s| s.starts_with("XKX (Kosovo)")), "{reasons:?}");
    assert!(reasons.iter().any(|s| s.starts_with("country outside the profile")), "{reasons:?}");
}

#[test]
fn stocks_check_values() {
    let f = InputFile::read(&data_dir().join(idmc::STOCKS_FILE), idmc::STOCKS_FILE).unwrap();
    let r = idmc::read_stocks(&f, &ctx()).unwrap_or_else(|e| panic!("{e}"));
    let ds = &r.datasets[0];
    assert_eq!((ds.source.code.as_str(), ds.vintage.as_str()), ("idmc", "2025-05"));
    // DR Congo: the sex x age cells add up to IDMC's 6.215 million conflict IDPs.
    let cod = find(&r, "IDP.STOCK", "COD", 2024, "CAUSE=CONFLICT").unwrap();
    assert_eq!(cod.value, Some(6_214_822.0));
    assert!((cod.value.unwrap() / 1e6 - 6.215).abs() < 0.0005);
    assert_eq!(cod.provenance.locator, "sum of 10 rows from row 273", "{cod:?}");
    assert!(cod.footnote.as_deref().unwrap().contains("Computed by mprofile"));
    // Nigeria: the cells sum to 3.359 million; IDMC's 3.472 million headline is in idmc-unhcr.
    assert_eq!(value(&r, "IDP.STOCK", "NGA", 2024, "CAUSE=CONFLICT"), 3_359_007.0);
    assert_eq!(value(&r, "IDP.STOCK", "COD", 2024, "CAUSE=DISASTER"), 680_826.0);
    assert_eq!(value(&r, "IDP.STOCK", "COD", 2024, ""), 6_214_822.0 + 680_826.0);
    // A row as published, and totals by sex and by age.
    let row = find(&r, "IDP.STOCK", "COD", 2024, "CAUSE=CONFLICT|SEX=F|AGE=Y0T4").unwrap();
    assert_eq!(row.value, Some(558_066.0));
    assert!(row.provenance.locator.starts_with("row "), "{row:?}");
    let f_conf = value(&r, "IDP.STOCK", "COD", 2024, "CAUSE=CONFLICT|SEX=F");
    let m_conf = value(&r, "IDP.STOCK", "COD", 2024, "CAUSE=CONFLICT|SEX=M");
    assert_eq!(f_conf + m_conf, 6_214_822.0);
    let ages: f64 =
        ["Y0T4", "Y5T11", "Y12T17", "Y18T59", "Y_GE60"].iter().map(|a| value(&r, "IDP.STOCK", "COD", 2024, &format!("AGE={a}"))).sum();
    assert_eq!(ages, 6_214_822.0 + 680_826.0);
    assert_eq!(value(&r, "IDP.STOCK", "MLI", 2024, "CAUSE=CONFLICT"), 360_591.0);
    // Only profile countries and groups.
    assert!(
        ds.observations.iter().all(|o| ["GHA", "CIV", "MLI", "MRT", "NER", "NGA", "SEN", "COD", "CPV", "CMR"].contains(&o.area.as_str())
            || ["WORLD", "AFRICA", "SUB_SAHARAN_AFRICA", "WESTERN_AFRICA", "MIDDLE_AFRICA", "ECOWAS"].contains(&o.area.as_str()))
    );
}

#[test]
fn flows_check_values() {
    let f = InputFile::read(&data_dir().join(idmc::FLOWS_FILE), idmc::FLOWS_FILE).unwrap();
    let r = idmc::read_flows(&f, &ctx()).unwrap_or_else(|e| panic!("{e}"));
    let ds = &r.datasets[0];
    assert_eq!((ds.source.code.as_str(), ds.vintage.as_str()), ("idmc-nd", "2024"));
    let flows = std::fs::read_to_string(data_dir().join(idmc::FLOWS_FILE)).unwrap();
    let get = |geo: &str, t: &str, cause: &str| -> f64 {
        flows
            .lines()
            .find_map(|l| {
                let c: Vec<&str> = l.split(',').collect();
                (c[0] == geo && c[1] == t && c[2] == cause).then(|| c[3].parse().unwrap())
            })
            .unwrap()
    };
    assert_eq!(value(&r, "IDP.NEW_CONF", "COD", 2023, ""), get("COD", "2023", "conflict"));
    assert_eq!(value(&r, "IDP.NEW_DIS", "NGA", 2022, "CAUSE=FLOOD"), get("NGA", "2022", "flood"));
    // The total over hazards is the sum of the hazards.
    let hazards: f64 = ds
        .observations
        .iter()
        .filter(|o| {
            o.indicator.as_str() == "IDP.NEW_DIS"
                && o.area.as_str() == "NGA"
                && o.period == Period::Year(2022)
                && o.dims.get("CAUSE").is_some()
        })
        .map(|o| o.value.unwrap())
        .sum();
    let total = find(&r, "IDP.NEW_DIS", "NGA", 2022, "").unwrap();
    assert_eq!(total.value, Some(hazards));
    assert!(total.footnote.as_deref().unwrap().contains("Total over disaster hazards"));
    assert!(find(&r, "IDP.NEW_CONF", "NGA", 2022, "").unwrap().footnote.as_deref().unwrap().contains("Movements, not people"));
}

fn err_text(r: Result<ReadReport, mp_ingest::IngestError>) -> String {
    match r {
        Ok(_) => panic!("expected problems, got a report"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn broken_flows_name_file_row_column_and_expectation() {
    let e = err_text(idmc::read_flows(&fixture_file("bad_flows.csv"), &ctx()));
    assert!(e.contains("fixtures/idmc/bad_flows.csv, row 2, column n: `12a`") && e.contains("not a number"), "{e}");
    assert!(e.contains("row 3, column geo: `ZZZ`: unknown country code"), "{e}");
    assert!(e.contains("row 4, column cause: `tsunami`: expected conflict or a hazard"), "{e}");
    assert!(e.contains("row 5, column t: `20x3`"), "{e}");
    assert!(e.contains("row 7") && e.contains("given twice: first at row 6"), "{e}");
}

#[test]
fn broken_stocks_are_refused() {
    let e = err_text(idmc::read_stocks(&fixture_file("bad_stocks.csv"), &ctx()));
    assert!(e.contains("row 2, column sex: `F`: expected one of female, male, unknown"), "{e}");
    assert!(e.contains("row 3, column age: `0-5`"), "{e}");
    assert!(e.contains("row 4, column n: `-3`: expected a whole, non-negative number of IDPs"), "{e}");
    assert!(e.contains("row 6") && e.contains("given twice"), "{e}");
}

#[test]
fn missing_column_and_latin1_are_refused() {
    let f = InputFile::from_bytes("x/idmc_flows.csv", b"geo,t,n\nNGA,2020,5\n".to_vec());
    let e = err_text(idmc::read_flows(&f, &ctx()));
    assert!(e.contains("x/idmc_flows.csv") && e.contains("missing column cause") && e.contains("found geo, t, n"), "{e}");
    let f = InputFile::from_bytes(
        "x/idmc_stocks.csv",
        b"geo,t,cause,sex,age,n\nCIV,2024,conflict,female,0-4,5\nCIV,2024,conflict,f\xe9minin,0-4,5\n".to_vec(),
    );
    let e = err_text(idmc::read_stocks(&f, &ctx()));
    assert!(e.contains("x/idmc_stocks.csv, row 3") && e.contains("not UTF-8"), "{e}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let f = InputFile::from_bytes("p/idmc_flows.csv", bytes.clone());
        let _ = idmc::read_flows(&f, &ctx());
        let f = InputFile::from_bytes("p/idmc_stocks.csv", bytes);
        let _ = idmc::read_stocks(&f, &ctx());
    }

    #[test]
    fn arbitrary_rows_never_panic(rows in proptest::collection::vec(("[A-Z0-9]{0,4}", "[0-9x.-]{0,6}", "(conflict|flood|disaster|storm|[a-z ]{0,8})", "(female|male|unknown|x)", "(0-4|60\\+|unknown|)", "-?[0-9.e]{0,8}"), 0..20)) {
        let mut flows = String::from("geo,t,cause,n\n");
        let mut stocks = String::from("geo,t,cause,sex,age,n\n");
        for (g, t, c, s, a, n) in &rows {
            flows.push_str(&format!("{g},{t},{c},{n}\n"));
            stocks.push_str(&format!("{g},{t},{c},{s},{a},{n}\n"));
        }
        let _ = idmc::read_flows(&InputFile::from_bytes("p/f.csv", flows.into_bytes()), &ctx());
        let _ = idmc::read_stocks(&InputFile::from_bytes("p/s.csv", stocks.into_bytes()), &ctx());
    }
}

#[test]
fn world_and_group_totals() {
    let r = (idmc::SOURCE.read)(&data_dir(), &ctx()).unwrap_or_else(|e| panic!("{e}"));
    let w = find(&r, "IDP.STOCK", "WORLD", 2024, "CAUSE=CONFLICT").unwrap();
    assert_eq!(w.value, Some(73_505_209.0));
    assert!(w.footnote.as_deref().unwrap().starts_with("World total computed by mprofile"), "{w:?}");
    assert_eq!(value(&r, "IDP.STOCK", "WESTERN_AFRICA", 2024, ""), 7_098_719.0);
    assert_eq!(value(&r, "IDP.NEW_CONF", "WORLD", 2023, ""), 20_470_781.0);
    let d = find(&r, "IDP.NEW_DIS", "WORLD", 2023, "").unwrap();
    assert_eq!(d.value, Some(26_397_465.0));
    assert!(d.footnote.as_deref().unwrap().contains("Movements, not people"), "{d:?}");
}
