//! UNESCO UIS SDG 4 education indicators: the published check values from the real mirror, the
//! explained skips, and broken hand-written files.

use mp_domain::{DimensionKey, Observation, Period};
use mp_ingest::context::{Context, ReadReport};
use mp_ingest::files::InputFile;
use mp_ingest::framework_dir::testing::{data_dir, fixture};
use mp_ingest::sources::unesco::{self, skip};
use proptest::prelude::*;
use std::path::PathBuf;
use std::time::Instant;

const GER: &str = "unesco-uis-education/national_datapoints/ddf--datapoints--ger_5t8--by--country--year.csv";
const CR2: &str = "unesco-uis-education/national_datapoints/ddf--datapoints--cr_2--by--country--year.csv";

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

fn fixture_file(name: &str, shown_as: &str) -> InputFile {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/unesco").join(name);
    InputFile::from_bytes(shown_as, std::fs::read(p).unwrap())
}

fn skipped(r: &ReadReport, reason: &str) -> u64 {
    r.skipped.iter().find(|s| s.reason == reason).map(|s| s.rows).unwrap_or(0)
}

fn real() -> &'static ReadReport {
    static R: std::sync::OnceLock<ReadReport> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        for f in unesco::SOURCE.files {
            let input = InputFile::read(&data_dir().join(f.path), f.path).unwrap();
            let t = Instant::now();
            let r = unesco::read_one(&input, &ctx()).unwrap_or_else(|e| panic!("{e}"));
            eprintln!("{}: {} rows, {} observations, {} ms (debug build)", f.path, r.rows_read, r.observations(), t.elapsed().as_millis());
        }
        let t = Instant::now();
        let r = (unesco::SOURCE.read)(&data_dir(), &ctx()).unwrap_or_else(|e| panic!("{e}"));
        eprintln!("unesco-uis: {} rows, {} observations, {} ms", r.rows_read, r.observations(), t.elapsed().as_millis());
        for s in &r.skipped {
            eprintln!("skip: {} × {}", s.rows, s.reason);
        }
        r
    })
}

#[test]
fn check_values_from_the_mirror() {
    let r = real();
    assert_eq!(r.datasets.len(), 1);
    let ds = &r.datasets[0];
    assert_eq!((ds.source.code.as_str(), ds.vintage.as_str(), ds.source.licence.as_str()), ("unesco-uis", "2024-10", "CC BY-SA 3.0 IGO"));
    assert_eq!(ds.files.len(), 13);
    assert!((value(r, "EDU.GER_TERT", "SEN", 2022, "") - 16.8).abs() < 0.05);
    assert!((value(r, "EDU.GER_TERT", "GHA", 2022, "") - 20.4).abs() < 0.05);
    assert!((value(r, "EDU.COMPL", "SEN", 2019, "EDUCATION_LEV=ISCED11_2") - 29.6).abs() < 0.05);
    assert!((value(r, "EDU.COMPL", "GHA", 2022, "EDUCATION_LEV=ISCED11_2") - 64.0).abs() < 0.05);
    // Every mapping lands on its own key.
    assert!(find(r, "EDU.COMPL", "SEN", 2019, "EDUCATION_LEV=ISCED11_1").is_some());
    assert!(find(r, "EDU.COMPL", "SEN", 2019, "EDUCATION_LEV=ISCED11_3").is_some());
    for lev in ["ISCED11_1", "ISCED11_2", "ISCED11_3", "ISCED11_2T3"] {
        assert!(find(r, "EDU.OOS_RATE", "SEN", 2022, &format!("EDUCATION_LEV={lev}")).is_some(), "{lev}");
    }
    assert!(find(r, "EDU.ATTAIN", "SEN", 2022, "EDUCATION_LEV=ISCED11_3T8").is_some());
    assert!(find(r, "EDU.ATTAIN", "SEN", 2022, "EDUCATION_LEV=ISCED11_5T8").is_some());
    assert!((value(r, "DEV.LIT", "SEN", 2022, "AGE=Y15T24") - 78.14).abs() < 0.01);
    assert!((value(r, "DEV.LIT", "SEN", 2022, "AGE=Y_GE15") - 57.67).abs() < 0.01);
    assert_eq!(value(r, "EDU.ODA_SCHOL", "SEN", 2022, ""), 8_031_537.0);
    assert!(
        r.datasets[0]
            .observations
            .iter()
            .all(|o| ["GHA", "CIV", "MLI", "MRT", "NER", "NGA", "SEN", "COD", "CPV", "CMR"].contains(&o.area.as_str()))
    );
}

#[test]
fn skips_are_explained_and_counted() {
    let r = real();
    assert_eq!(r.skipped.len(), 1, "{:?}", r.skipped);
    assert_eq!(skipped(r, skip::OUT_OF_SCOPE), r.rows_read - r.observations() as u64);
}

#[test]
fn a_small_file_maps_and_skips() {
    let r = unesco::read_one(&fixture_file("cr_2_small.csv", CR2), &ctx()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.observations(), 2);
    assert_eq!(skipped(&r, skip::OUT_OF_SCOPE), 1);
    assert_eq!(skipped(&r, skip::NO_VALUE), 1);
    let o = find(&r, "EDU.COMPL", "SEN", 2019, "EDUCATION_LEV=ISCED11_2").unwrap();
    assert_eq!(o.provenance.locator, "row 2");
}

fn error_of(fixture: &str, shown_as: &str) -> String {
    match unesco::read_one(&fixture_file(fixture, shown_as), &ctx()) {
        Ok(r) => panic!("expected an error, got {} observations", r.observations()),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_bad_number_names_file_row_column_and_value() {
    let e = error_of("ger_bad_number.csv", GER);
    assert!(e.contains(&format!("{GER}, row 3, column ger_5t8: `20,4`")), "{e}");
    assert!(e.contains(&format!("{GER}, row 4, column ger_5t8: `n/a`")) && e.contains("expected digits"), "{e}");
}

#[test]
fn unknown_codes_are_problems() {
    let e = error_of("ger_unknown_codes.csv", GER);
    assert!(e.contains("row 2, column country: `xyz`") && e.contains("expected a lower-case ISO 3166 alpha-3 code"), "{e}");
    assert!(e.contains("row 3, column country: `SEN`"), "{e}");
    assert!(e.contains("row 4, column country: `world`"), "{e}");
    assert!(e.contains("row 5, column year: `22`"), "{e}");
}

#[test]
fn a_missing_column_is_named() {
    let e = error_of("ger_missing_column.csv", GER);
    assert!(e.contains(GER) && e.contains("missing column ger_5t8"), "{e}");
}

#[test]
fn latin1_is_refused() {
    let e = error_of("ger_latin1.csv", GER);
    assert!(e.contains(&format!("{GER}, row 3")) && e.contains("not UTF-8"), "{e}");
}

#[test]
fn a_row_given_twice_is_a_duplicate() {
    let e = error_of("ger_duplicate.csv", GER);
    assert!(e.contains("row 4") && e.contains("given twice") && e.contains("first at row 2"), "{e}");
}

#[test]
fn an_unknown_file_is_refused() {
    let f = InputFile::from_bytes(
        "unesco-uis-education/national_datapoints/ddf--datapoints--gpi--by--country--year.csv",
        b"country,year,gpi\n".to_vec(),
    );
    let e = unesco::read_one(&f, &ctx()).unwrap_err().to_string();
    assert!(e.contains("ger_5t8"), "{e}");
}

#[test]
fn a_missing_file_is_reported_with_the_others_read() {
    let dir = tempfile::tempdir().unwrap();
    let e = (unesco::SOURCE.read)(dir.path(), &ctx()).unwrap_err();
    assert_eq!(e.problems.len(), 13);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let f = InputFile::from_bytes(GER, bytes);
        if let Err(e) = unesco::read_one(&f, &ctx()) {
            prop_assert!(e.problems.iter().all(|p| p.file == GER));
        }
    }

    #[test]
    fn arbitrary_rows_never_panic(rows in proptest::collection::vec(("(sen|gha|fra|[a-zA-Z]{0,4})", "[0-9]{0,5}", "[0-9.eE+\\-]{0,10}"), 0..12)) {
        let mut text = String::from("country,year,ger_5t8\n");
        for (c, y, v) in &rows {
            text.push_str(&format!("{c},{y},{v}\n"));
        }
        let _ = unesco::read_one(&InputFile::from_bytes(GER, text.into_bytes()), &ctx());
    }
}
