//! UN WPP 2024: the published check values from the real mirror, the explained skips, and
//! broken hand-written files.

use mp_domain::{DimensionKey, ObsStatus, Observation, Period};
use mp_ingest::context::{Context, ReadReport};
use mp_ingest::files::InputFile;
use mp_ingest::framework_dir::testing::{data_dir, fixture};
use mp_ingest::sources::wpp;
use proptest::prelude::*;
use std::path::PathBuf;
use std::time::Instant;

fn ctx() -> Context<'static> {
    let (fw, areas) = fixture();
    Context::new(fw, areas)
}

fn find<'r>(r: &'r ReadReport, ind: &str, area: &str, period: &str, dims: &str) -> Option<&'r Observation> {
    let key = DimensionKey::parse(dims).unwrap();
    let period = Period::parse(period).unwrap();
    r.datasets
        .iter()
        .flat_map(|d| &d.observations)
        .find(|o| o.indicator.as_str() == ind && o.area.as_str() == area && o.period == period && o.dims == key)
}

fn obs<'r>(r: &'r ReadReport, ind: &str, area: &str, period: &str, dims: &str) -> &'r Observation {
    find(r, ind, area, period, dims).unwrap_or_else(|| panic!("no {ind} {area} {period} {dims}"))
}

fn value(r: &ReadReport, ind: &str, area: &str, period: &str, dims: &str) -> f64 {
    obs(r, ind, area, period, dims).value.unwrap()
}

fn fixture_file(name: &str, shown_as: &str) -> InputFile {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wpp").join(name);
    InputFile::from_bytes(shown_as, std::fs::read(p).unwrap())
}

fn real() -> &'static ReadReport {
    static R: std::sync::OnceLock<ReadReport> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        let t = Instant::now();
        let r = (wpp::SOURCE.read)(&data_dir(), &ctx()).unwrap_or_else(|e| panic!("{e}"));
        eprintln!(
            "wpp2024: {} files, {} rows, {} observations, {} ms (debug build)",
            wpp::SOURCE.files.len(),
            r.rows_read,
            r.observations(),
            t.elapsed().as_millis()
        );
        r
    })
}

#[test]
fn check_values_from_the_mirror() {
    let r = real();
    assert_eq!(r.datasets.len(), 1);
    let ds = &r.datasets[0];
    assert_eq!((ds.source.code.as_str(), ds.vintage.as_str()), ("un-wpp", "2024"));
    assert_eq!(ds.files.len(), wpp::SOURCE.files.len());

    // Net migration, published in thousands, stored in persons.
    let m22 = obs(r, "NET.MIG", "SEN", "2022", "");
    assert_eq!(m22.value, Some(16_425.0));
    assert_eq!(m22.status, ObsStatus::Normal);
    assert!(m22.footnote.as_deref().unwrap().contains("thousands"), "{m22:?}");
    assert_eq!(value(r, "NET.MIG", "SEN", "2023", ""), -9_999.0);
    assert_eq!(value(r, "NET.RATE", "SEN", "2022", ""), 0.931);

    // Projections: status F, variants.
    let p24 = obs(r, "FCT.POP", "SEN", "2024", "");
    assert_eq!(p24.status, ObsStatus::Forecast);
    assert!((p24.value.unwrap() - 18_716_000.0).abs() < 1_000.0, "{p24:?}");
    assert!((value(r, "FCT.POP", "SEN", "2050", "") - 30_590_000.0).abs() < 5_000.0);
    assert!((value(r, "FCT.POP", "GHA", "2024", "") - 34_750_000.0).abs() < 5_000.0);
    assert!((value(r, "FCT.POP", "NGA", "2024", "") - 235_090_000.0).abs() < 5_000.0);
    let low = value(r, "FCT.POP", "SEN", "2050", "VARIANT=LOW");
    let high = value(r, "FCT.POP", "SEN", "2050", "VARIANT=HIGH");
    let lo95 = value(r, "FCT.POP", "SEN", "2050", "VARIANT=LO95");
    let hi95 = value(r, "FCT.POP", "SEN", "2050", "VARIANT=HI95");
    let med = value(r, "FCT.POP", "SEN", "2050", "");
    assert!(low < med && med < high && lo95 < med && med < hi95);
    assert!(find(r, "FCT.POP", "SEN", "2050", "VARIANT=MED").is_none(), "the medium variant is stored without VARIANT");
    let band = obs(r, "FCT.NETMIG_ABS", "SEN", "2030", "VARIANT=LO80");
    assert!(band.footnote.as_deref().unwrap().contains("80 %"), "{band:?}");

    // Five-year periods: the period total becomes the average per year.
    let five = obs(r, "FCT.NETMIG_ABS", "SEN", "2020-2025", "");
    assert_eq!(five.period, Period::Range(2020, 2025));
    assert!((five.value.unwrap() - 32_240.0 / 5.0).abs() < 1e-6, "{five:?}");
    assert!(five.footnote.as_deref().unwrap().contains("32.24 thousand"), "{five:?}");
    assert_eq!(five.status, ObsStatus::Forecast);

    // Life expectancy by sex; sex ratio per 100 with projections from 2024.
    assert!(value(r, "DEV.LE", "SEN", "2023", "SEX=F") > value(r, "DEV.LE", "SEN", "2023", "SEX=M"));
    assert!(find(r, "DEV.LE", "SEN", "2023", "").is_some());
    assert!(find(r, "FCT.LE", "SEN", "2050", "SEX=M").is_some());
    let sr = obs(r, "DEV.SEX_RATIO", "WORLD", "1950", "");
    assert_eq!(sr.value, Some(105.4));
    assert_eq!(sr.status, ObsStatus::Normal);
    assert_eq!(obs(r, "DEV.SEX_RATIO", "SEN", "2024", "").status, ObsStatus::Forecast);

    // Aggregates by WPP's own codes.
    for g in ["WORLD", "AFRICA", "SUB_SAHARAN_AFRICA", "WESTERN_AFRICA", "MIDDLE_AFRICA"] {
        assert!(find(r, "FCT.POP", g, "2024", "").is_some(), "{g}");
    }
    let ssa = value(r, "FCT.POP", "SUB_SAHARAN_AFRICA", "2024", "");
    assert!((ssa - 1_258_298_458.0).abs() < 1.0);
    // Every profile country, nothing else.
    for c in ["GHA", "CIV", "MLI", "MRT", "NER", "NGA", "SEN", "COD", "CPV", "CMR"] {
        assert!(find(r, "NET.MIG", c, "2020", "").is_some(), "{c}");
    }
    assert!(find(r, "NET.MIG", "FRA", "2020", "").is_none());
}

#[test]
fn skips_are_explained_and_counted() {
    let r = real();
    let reasons: Vec<&str> = r.skipped.iter().map(|s| s.reason.as_str()).collect();
    assert!(
        reasons.contains(&wpp::skip::OUT_OF_SCOPE) && reasons.contains(&wpp::skip::AGGREGATE) && reasons.contains(&wpp::skip::KOSOVO),
        "{reasons:?}"
    );
    assert!(!reasons.contains(&wpp::skip::EMPTY));
    for s in &r.skipped {
        eprintln!("skip: {} × {}", s.rows, s.reason);
    }
    // Each of the 39 files has one Kosovo row.
    assert_eq!(r.skipped.iter().find(|s| s.reason == wpp::skip::KOSOVO).unwrap().rows, 39);
    // 11,629 location rows: 15 kept per file (10 countries, 5 groups), the rest skipped.
    let skipped: u64 = r.skipped.iter().map(|s| s.rows).sum();
    assert_eq!(r.rows_read, 11_629);
    assert_eq!(skipped, r.rows_read - 39 * 15);
}

#[test]
fn observations_beyond_the_last_observed_year_are_estimates() {
    let f = fixture_file("migration_last_observed.txt", "un-wpp2024/migration.txt");
    let r = wpp::read_one(&f, &ctx()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(obs(&r, "NET.MIG", "SEN", "2021", "").status, ObsStatus::Normal);
    let o = obs(&r, "NET.MIG", "SEN", "2022", "");
    assert_eq!(o.status, ObsStatus::Estimated);
    assert!(o.footnote.as_deref().unwrap().contains("beyond the last observed data (2021)"), "{o:?}");
    assert_eq!(obs(&r, "NET.MIG", "WORLD", "2023", "").status, ObsStatus::Normal);
    assert_eq!(r.observations(), 6);
    let count = |reason: &str| r.skipped.iter().find(|s| s.reason == reason).map(|s| s.rows);
    assert_eq!(count(wpp::skip::OUT_OF_SCOPE), Some(1));
    assert_eq!(count(wpp::skip::KOSOVO), Some(1));
    assert_eq!(count(wpp::skip::AGGREGATE), Some(1));
}

fn error_of(fixture: &str, shown_as: &str) -> String {
    match wpp::read_one(&fixture_file(fixture, shown_as), &ctx()) {
        Ok(r) => panic!("expected an error, got {} observations", r.observations()),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_bad_number_names_file_row_column_and_value() {
    let e = error_of("migration_bad_number.txt", "un-wpp2024/migration.txt");
    assert!(e.contains("un-wpp2024/migration.txt, row 2, column 2022: `16,425`") && e.contains("expected digits"), "{e}");
    assert!(e.contains("row 3, column 2022: `x`"), "every bad cell is reported: {e}");
}

#[test]
fn an_unknown_location_code_is_a_problem() {
    let e = error_of("migration_unknown_code.txt", "un-wpp2024/migration.txt");
    assert!(e.contains("row 2, column country_code: `899`") && e.contains("expected a country of the area registry"), "{e}");
    assert!(e.contains("row 3, column country_code: `SEN`") && e.contains("expected a numeric location code"), "{e}");
}

#[test]
fn a_missing_column_is_named() {
    let e = error_of("migration_missing_column.txt", "un-wpp2024/migration.txt");
    assert!(e.contains("un-wpp2024/migration.txt") && e.contains("missing column country_code"), "{e}");
}

#[test]
fn latin1_is_refused() {
    let e = error_of("migration_latin1.txt", "un-wpp2024/migration.txt");
    assert!(e.contains("un-wpp2024/migration.txt, row 3") && e.contains("not UTF-8"), "{e}");
}

#[test]
fn a_location_given_twice_is_a_duplicate() {
    let e = error_of("migration_duplicate.txt", "un-wpp2024/migration.txt");
    assert!(e.contains("row 3") && e.contains("given twice") && e.contains("first at row 2"), "{e}");
}

#[test]
fn a_renamed_aggregate_is_caught() {
    let e = error_of("migration_renamed_aggregate.txt", "un-wpp2024/migration.txt");
    assert!(e.contains("row 2, column country: `Eastern Africa`") && e.contains("expected `Western Africa` for WPP code 914"), "{e}");
}

#[test]
fn a_year_header_in_a_five_year_file_is_refused() {
    let e = error_of("migrationprojMed5_bad_header.txt", "un-wpp2024/migrationprojMed5.txt");
    assert!(e.contains("row 1, column 2025: `2025`") && e.contains("expected a five-year period"), "{e}");
}

#[test]
fn an_unknown_file_is_refused() {
    let f = InputFile::from_bytes("un-wpp2024/popM.txt", b"country_code\tcountry\t2020\n".to_vec());
    let e = wpp::read_one(&f, &ctx()).unwrap_err().to_string();
    assert!(e.contains("un-wpp2024/popM.txt") && e.contains("migration"), "{e}");
}

#[test]
fn a_missing_file_is_reported_with_the_others_read() {
    let dir = tempfile::tempdir().unwrap();
    let e = (wpp::SOURCE.read)(dir.path(), &ctx()).unwrap_err();
    assert_eq!(e.problems.len(), wpp::SOURCE.files.len(), "one problem per missing file");
    assert!(e.to_string().contains("un-wpp2024/migration.txt: cannot read the file"), "{e}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let f = InputFile::from_bytes("un-wpp2024/migration.txt", bytes);
        if let Err(e) = wpp::read_one(&f, &ctx()) {
            prop_assert!(e.problems.iter().all(|p| p.file == "un-wpp2024/migration.txt"));
        }
    }

    #[test]
    fn arbitrary_cells_never_panic(
        header in proptest::collection::vec("[0-9a-z.\\-]{0,9}", 0..5),
        rows in proptest::collection::vec(proptest::collection::vec("[0-9A-Za-z .,\\-]{0,8}", 0..7), 0..6),
    ) {
        let mut text = format!("country_code\tcountry\t{}\n", header.join("\t"));
        for r in &rows {
            text.push_str(&r.join("\t"));
            text.push('\n');
        }
        let f = InputFile::from_bytes("un-wpp2024/migrationprojMed5.txt", text.into_bytes());
        if let Err(e) = wpp::read_one(&f, &ctx()) {
            prop_assert!(!e.problems.is_empty());
        }
        let f = InputFile::from_bytes("un-wpp2024/e0F.txt", f.bytes.clone());
        let _ = wpp::read_one(&f, &ctx());
    }
}
