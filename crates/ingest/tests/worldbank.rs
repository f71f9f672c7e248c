//! World Bank WDI (gdidata subset, population and GDP packages): the published check values from
//! the real mirror, the explained skips, and broken hand-written files.

use mp_domain::{DimensionKey, ObsStatus, Observation, Period};
use mp_ingest::context::{Context, ReadReport};
use mp_ingest::files::InputFile;
use mp_ingest::framework_dir::testing::{data_dir, fixture};
use mp_ingest::sources::worldbank::{self, GDP_FILE, POP_FILE, WDI_FILE, skip};
use proptest::prelude::*;
use std::path::PathBuf;
use std::time::Instant;

fn ctx() -> Context<'static> {
    let (fw, areas) = fixture();
    Context::new(fw, areas)
}

fn find<'r>(r: &'r ReadReport, source: &str, ind: &str, area: &str, year: i32, dims: &str) -> Option<&'r Observation> {
    let key = DimensionKey::parse(dims).unwrap();
    r.datasets
        .iter()
        .filter(|d| d.source.code == source)
        .flat_map(|d| &d.observations)
        .find(|o| o.indicator.as_str() == ind && o.area.as_str() == area && o.period == Period::Year(year) && o.dims == key)
}

fn obs<'r>(r: &'r ReadReport, source: &str, ind: &str, area: &str, year: i32) -> &'r Observation {
    find(r, source, ind, area, year, "").unwrap_or_else(|| panic!("no {ind} {area} {year} in {source}"))
}

fn value(r: &ReadReport, source: &str, ind: &str, area: &str, year: i32) -> f64 {
    obs(r, source, ind, area, year).value.unwrap()
}

fn fixture_file(name: &str, shown_as: &str) -> InputFile {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/worldbank").join(name);
    InputFile::from_bytes(shown_as, std::fs::read(p).unwrap())
}

fn skipped(r: &ReadReport, reason: &str) -> u64 {
    r.skipped.iter().find(|s| s.reason == reason).map(|s| s.rows).unwrap_or(0)
}

fn real() -> &'static ReadReport {
    static R: std::sync::OnceLock<ReadReport> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        for path in [WDI_FILE, POP_FILE, GDP_FILE] {
            let f = InputFile::read(&data_dir().join(path), path).unwrap();
            let t = Instant::now();
            let r = worldbank::read_one(&f, &ctx()).unwrap_or_else(|e| panic!("{e}"));
            eprintln!("{path}: {} rows, {} observations, {} ms (debug build)", r.rows_read, r.observations(), t.elapsed().as_millis());
        }
        let r = (worldbank::SOURCE.read)(&data_dir(), &ctx()).unwrap_or_else(|e| panic!("{e}"));
        for d in &r.datasets {
            eprintln!("dataset {}@{}: {} observations", d.source.code, d.vintage, d.observations.len());
        }
        for s in &r.skipped {
            eprintln!("skip: {} × {}", s.rows, s.reason);
        }
        r
    })
}

#[test]
fn check_values_from_the_mirror() {
    let r = real();
    let sets: Vec<(&str, &str)> = r.datasets.iter().map(|d| (d.source.code.as_str(), d.vintage.as_str())).collect();
    assert_eq!(sets, [("wb-wdi", "2025-06"), ("un-wpp-wdi", "2024"), ("wb-pop", "2026-03"), ("wb-gdp", "2026-03")]);
    assert_eq!(r.rows_read, 92_435 + 17_195 + 13_979);

    assert!((value(r, "wb-wdi", "REM.IN", "NGA", 2022) - 20.13e9).abs() < 0.005e9);
    assert!((value(r, "wb-wdi", "REM.IN", "SEN", 2022) - 3.01e9).abs() < 0.005e9);
    // The population that gdidata carries is WPP's, stored apart and side by side with the World Bank's.
    assert_eq!(value(r, "un-wpp-wdi", "DEV.POP", "SEN", 2022), 17_651_099.0);
    assert_eq!(value(r, "wb-pop", "DEV.POP", "SEN", 2022), 17_651_103.0);
    assert_eq!(value(r, "wb-pop", "DEV.POP", "SEN", 2024), 18_501_984.0);
    assert!(find(r, "wb-wdi", "DEV.POP", "SEN", 2022, "").is_none());
    assert!((value(r, "wb-gdp", "DEV.GDP", "SEN", 2022) - 27.62e9).abs() < 0.005e9);

    // Remittances as a share of GDP, 2023 (PROVENANCE.md): both series line up.
    for (c, share) in [("SEN", 9.5), ("CPV", 12.5), ("GHA", 3.2), ("NGA", 5.4)] {
        let s = value(r, "wb-wdi", "REM.IN", c, 2023) / value(r, "wb-wdi", "DEV.GDP", c, 2023) * 100.0;
        assert!((s - share).abs() < 0.05, "{c}: {s}");
    }

    // The FDI artefact: kept, flagged low reliability, on both sides.
    let out = obs(r, "wb-wdi", "DEV.FDI_OUT", "SEN", 2022);
    let inn = obs(r, "wb-wdi", "DEV.FDI", "SEN", 2022);
    assert_eq!(out.value, inn.value);
    assert_eq!((out.status, inn.status), (ObsStatus::LowReliability, ObsStatus::LowReliability));
    assert!(out.footnote.as_deref().unwrap().contains("artefact"), "{out:?}");
    assert_eq!(obs(r, "wb-wdi", "DEV.FDI_OUT", "SEN", 2021).status, ObsStatus::Normal);

    // Comparison groups from the World Bank aggregates; SSF's composition is noted.
    assert!(find(r, "wb-pop", "DEV.POP", "WORLD", 2024, "").is_some());
    let ssf = obs(r, "wb-gdp", "DEV.GDP", "SUB_SAHARAN_AFRICA", 2022);
    assert!(ssf.footnote.as_deref().unwrap().contains("Sudan"), "{ssf:?}");
    assert!(r.datasets.iter().flat_map(|d| &d.observations).all(|o| o.area.as_str() != "FRA"));
}

#[test]
fn skips_are_explained_and_counted() {
    let r = real();
    for reason in [skip::OUT_OF_SCOPE, skip::AGGREGATE, skip::WB_AFRICA, skip::NON_ISO] {
        assert!(skipped(r, reason) > 0, "{reason}");
    }
    // gdidata: 323 XKX + 159 CHI + 10 ANT rows; population: 65 XKX + 65 CHI; GDP: 16 XKX + 17 CHI.
    assert_eq!(skipped(r, skip::NON_ISO), 492 + 130 + 33, "{:?}", r.skipped);
    assert_eq!(skipped(r, skip::NO_VALUE), 0);
}

#[test]
fn fdi_artefact_rounding_and_skips_on_a_small_file() {
    let r = worldbank::read_one(&fixture_file("wdi_mixed.csv", WDI_FILE), &ctx()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(obs(&r, "wb-wdi", "DEV.FDI_OUT", "SEN", 2022).status, ObsStatus::LowReliability);
    assert_eq!(obs(&r, "wb-wdi", "DEV.FDI", "SEN", 2022).status, ObsStatus::LowReliability);
    assert_eq!(obs(&r, "wb-wdi", "DEV.FDI", "SEN", 2021).status, ObsStatus::Normal);
    // Zero on both sides is plausible and left alone.
    assert_eq!(obs(&r, "wb-wdi", "DEV.FDI", "GHA", 2022).status, ObsStatus::Normal);
    assert_eq!(obs(&r, "un-wpp-wdi", "DEV.POP", "SEN", 2022).value, Some(17_651_099.0));
    assert_eq!(value(&r, "wb-wdi", "NET.MIG", "SEN", 2022), 16_425.0);
    assert_eq!(value(&r, "wb-wdi", "LAB.UR", "SEN", 2022), 2.9);
    assert_eq!(skipped(&r, skip::NON_ISO), 3);
    assert_eq!(skipped(&r, skip::OUT_OF_SCOPE), 1);
    assert_eq!(skipped(&r, skip::NO_VALUE), 1);
    assert_eq!(r.observations(), 9);
}

#[test]
fn aggregates_on_a_small_file() {
    let r = worldbank::read_one(&fixture_file("population_aggregates.csv", POP_FILE), &ctx()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(value(&r, "wb-pop", "DEV.POP", "WORLD", 2022), 7_950_946_801.0);
    assert_eq!(value(&r, "wb-pop", "DEV.POP", "SUB_SAHARAN_AFRICA", 2022), 1_211_527_087.0);
    assert_eq!(value(&r, "wb-pop", "DEV.POP", "COD", 2022), 104_063_312.0);
    assert_eq!(skipped(&r, skip::WB_AFRICA), 2);
    assert_eq!(skipped(&r, skip::AGGREGATE), 1);
    assert_eq!(skipped(&r, skip::NON_ISO), 1);
}

fn error_of(fixture: &str, shown_as: &str) -> String {
    match worldbank::read_one(&fixture_file(fixture, shown_as), &ctx()) {
        Ok(r) => panic!("expected an error, got {} observations", r.observations()),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_bad_number_names_file_row_column_and_value() {
    let e = error_of("wdi_bad_number.csv", WDI_FILE);
    assert!(e.contains("iom-gdidata/wdi.csv, row 3, column v: `3.0e9x`") && e.contains("expected digits"), "{e}");
}

#[test]
fn unknown_variables_and_codes_are_problems() {
    let e = error_of("wdi_unknown_codes.csv", WDI_FILE);
    assert!(e.contains("row 2, column var: `remit`") && e.contains("expected one of gdp"), "{e}");
    assert!(e.contains("row 3, column geo: `XYZ`") && e.contains("expected an ISO 3166 alpha-3 code"), "{e}");
    assert!(e.contains("row 4, column geo: `sen`"), "lower case is not an ISO code here: {e}");
    assert!(e.contains("row 5, column t: `20222`") && e.contains("expected a year"), "{e}");
    assert!(e.starts_with("4 problems"), "{e}");
}

#[test]
fn a_missing_column_is_named() {
    let e = error_of("wdi_missing_column.csv", WDI_FILE);
    assert!(e.contains("iom-gdidata/wdi.csv") && e.contains("missing column t"), "{e}");
}

#[test]
fn latin1_is_refused() {
    let e = error_of("population_latin1.csv", POP_FILE);
    assert!(e.contains("datasets-population/population.csv, row 3") && e.contains("not UTF-8"), "{e}");
}

#[test]
fn a_row_given_twice_is_a_duplicate() {
    let e = error_of("population_duplicate.csv", POP_FILE);
    assert!(
        e.contains("datasets-population/population.csv")
            && e.contains("row 3")
            && e.contains("given twice")
            && e.contains("first at row 2"),
        "{e}"
    );
}

#[test]
fn an_unknown_file_is_refused() {
    let f = InputFile::from_bytes("iom-gdidata/frontex.csv", b"geo,var,t,v\n".to_vec());
    let e = worldbank::read_one(&f, &ctx()).unwrap_err().to_string();
    assert!(e.contains("iom-gdidata/frontex.csv") && e.contains("expected iom-gdidata/wdi.csv"), "{e}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400), which in 0usize..3) {
        let path = [WDI_FILE, POP_FILE, GDP_FILE][which];
        let f = InputFile::from_bytes(path, bytes);
        if let Err(e) = worldbank::read_one(&f, &ctx()) {
            prop_assert!(e.problems.iter().all(|p| p.file == path || p.file == "framework"));
        }
    }

    #[test]
    fn arbitrary_rows_never_panic(rows in proptest::collection::vec(("(SEN|GHA|WLD|SSF|AFW|CHI|[A-Z]{3}|[a-z]{2})", "(pop|gdp|fdiin|fdiout|remin|[a-z]{3})", "[0-9]{0,5}", "[0-9.eE+\\-]{0,12}"), 0..12)) {
        let mut text = String::from("geo,var,t,v\n");
        for (g, v, t, x) in &rows {
            text.push_str(&format!("{g},{v},{t},{x}\n"));
        }
        let _ = worldbank::read_one(&InputFile::from_bytes(WDI_FILE, text.into_bytes()), &ctx());
        let mut text = String::from("Country Name,Country Code,Year,Value\n");
        for (g, _, t, x) in &rows {
            text.push_str(&format!("Name,{g},{t},{x}\n"));
        }
        let _ = worldbank::read_one(&InputFile::from_bytes(GDP_FILE, text.into_bytes()), &ctx());
    }
}

/// A locator names the line that holds the figure, in files with Windows line endings too
/// (population.csv and gdp.csv end their lines with CRLF).
#[test]
fn locators_name_the_line_of_the_figure_in_crlf_files() {
    let r = real();
    for (source, ind, path) in [("wb-pop", "DEV.POP", POP_FILE), ("wb-gdp", "DEV.GDP", GDP_FILE)] {
        let text = std::fs::read_to_string(data_dir().join(path)).unwrap();
        assert!(text.contains("\r\n"), "{path} has Windows line endings");
        let o = obs(r, source, ind, "SEN", 2022);
        let n: usize = o.provenance.locator.strip_prefix("row ").and_then(|n| n.parse().ok()).expect("row N");
        let line = text.lines().nth(n - 1).unwrap();
        assert!(line.contains("SEN") && line.contains(",2022,"), "{path} {}: {line}", o.provenance.locator);
    }
}
