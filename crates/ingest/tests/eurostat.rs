//! Eurostat first-time asylum applicants (migr_asyappctza): check values from the real
//! mirror, the explained skips, and broken hand-written files.

use mp_domain::{DimensionKey, Observation, Period};
use mp_ingest::context::{Context, ReadReport};
use mp_ingest::files::InputFile;
use mp_ingest::framework_dir::testing::{data_dir, fixture};
use mp_ingest::sources::eurostat;
use proptest::prelude::*;
use std::sync::OnceLock;
use std::time::Instant;

fn ctx() -> Context<'static> {
    let (fw, areas) = fixture();
    Context::new(fw, areas)
}

fn real() -> &'static ReadReport {
    static R: OnceLock<ReadReport> = OnceLock::new();
    R.get_or_init(|| {
        let t = Instant::now();
        let r = (eurostat::SOURCE.read)(&data_dir(), &ctx()).unwrap_or_else(|e| panic!("{e}"));
        eprintln!("eu_asyapp.csv: {} rows, {} observations, {} ms", r.rows_read, r.observations(), t.elapsed().as_millis());
        for s in &r.skipped {
            eprintln!("  skip {:>6}  {}", s.rows, s.reason);
        }
        r
    })
}

fn find<'r>(r: &'r ReadReport, area: &str, year: i32, dims: &str) -> Option<&'r Observation> {
    let key = DimensionKey::parse(dims).unwrap();
    r.datasets
        .iter()
        .flat_map(|d| &d.observations)
        .find(|o| o.indicator.as_str() == "IRR.EU_ASY_APP" && o.area.as_str() == area && o.period == Period::Year(year) && o.dims == key)
}

fn value(r: &ReadReport, area: &str, year: i32, dims: &str) -> f64 {
    find(r, area, year, dims).and_then(|o| o.value).unwrap_or_else(|| panic!("no {area} {year} {dims}"))
}

#[test]
fn check_values() {
    let r = real();
    assert_eq!(r.rows_read, 43_896);
    let ds = &r.datasets[0];
    assert_eq!((ds.source.code.as_str(), ds.vintage.as_str()), ("eurostat-asyappctza", "2025"));
    let f = find(r, "SEN", 2024, "SEX=F|COUNTERPART_AREA=ESP").unwrap();
    assert_eq!(f.value, Some(585.0));
    assert_eq!(f.provenance.locator, "row 15046");
    assert!(f.footnote.as_deref().unwrap().contains("nearest 5"));
    assert_eq!(value(r, "SEN", 2024, "SEX=M|COUNTERPART_AREA=ESP"), 7090.0);
    assert_eq!(value(r, "SEN", 2024, "COUNTERPART_AREA=ESP"), 7675.0);
    assert_eq!(value(r, "SEN", 2024, "COUNTERPART_AREA=FRA"), 2155.0);
    assert_eq!(value(r, "SEN", 2024, "SEX=F"), 1845.0);
    // Total over every country of application, not doubled by the EU27 rows (EU27: 13,455).
    let t = find(r, "SEN", 2024, "").unwrap();
    assert_eq!(t.value, Some(13_520.0));
    assert!(t.footnote.as_deref().unwrap().contains("not Eurostat's EU27"), "{t:?}");
    assert_eq!(value(r, "NGA", 2016, ""), 48_945.0);
    assert_eq!(value(r, "MLI", 2015, "COUNTERPART_AREA=GBR"), 20.0);
    // Unknown sex is kept as _U and counted in the totals.
    assert_eq!(value(r, "NGA", 2018, "SEX=_U|COUNTERPART_AREA=CYP"), 5.0);
    assert!(ds.observations.iter().all(|o| o.dims.get("COUNTERPART_AREA").is_none_or(|c| c.as_str() != "EU27")));
    let reasons: Vec<&str> = r.skipped.iter().map(|s| s.reason.as_str()).collect();
    for want in ["country of application EU27", "citizenship code is not an ISO country", "citizenship outside the profile countries"] {
        assert!(reasons.iter().any(|s| s.starts_with(want)), "{want}: {reasons:?}");
    }
}

fn fixture_file(name: &str) -> InputFile {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/eurostat").join(name);
    InputFile::read(&path, &format!("fixtures/eurostat/{name}")).unwrap()
}

fn err_text(r: Result<ReadReport, mp_ingest::IngestError>) -> String {
    match r {
        Ok(_) => panic!("expected problems, got a report"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn broken_file_names_file_row_column_and_expectation() {
    let e = err_text(eurostat::read_file(&fixture_file("broken.csv"), &ctx()));
    assert!(e.contains("fixtures/eurostat/broken.csv, row 2, column n: `1 250`") && e.contains("not a number"), "{e}");
    assert!(e.contains("row 3, column geo: `EU28`: unknown country of application"), "{e}");
    assert!(e.contains("row 4, column nat: `ZZZ`: unknown citizenship"), "{e}");
    assert!(e.contains("row 5, column sex: `T`: expected female, male or unknown"), "{e}");
    assert!(e.contains("row 6, column t: `2024-Q1`: expected a year"), "{e}");
    assert!(e.contains("row 8") && e.contains("given twice") && e.contains("first at row 7"), "{e}");
}

#[test]
fn missing_column_and_latin1_are_refused() {
    let f = InputFile::from_bytes("x/eu_asyapp.csv", b"geo,t,nat,n\n".to_vec());
    let e = err_text(eurostat::read_file(&f, &ctx()));
    assert!(e.contains("x/eu_asyapp.csv") && e.contains("missing column sex"), "{e}");
    let f = InputFile::from_bytes("x/eu_asyapp.csv", b"geo,t,nat,sex,n\nFRA,2024,SEN,f\xe9minin,5\n".to_vec());
    let e = err_text(eurostat::read_file(&f, &ctx()));
    assert!(e.contains("x/eu_asyapp.csv, row 2") && e.contains("not UTF-8"), "{e}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = eurostat::read_file(&InputFile::from_bytes("p/eu_asyapp.csv", bytes), &ctx());
    }

    #[test]
    fn arbitrary_rows_never_panic(rows in proptest::collection::vec((
        "(FRA|EU27|ZZZ|)", "(20[0-9]{2}|x)", "(SEN|STL|ZZZ|)", "(female|male|unknown|x)", "-?[0-9.]{0,6}"), 0..20)) {
        let mut text = String::from("geo,t,nat,sex,n\n");
        for (g, t, na, s, n) in &rows {
            text.push_str(&format!("{g},{t},{na},{s},{n}\n"));
        }
        let _ = eurostat::read_file(&InputFile::from_bytes("p/eu_asyapp.csv", text.into_bytes()), &ctx());
    }
}

#[test]
fn world_and_group_totals() {
    let r = real();
    let w = find(r, "WORLD", 2024, "").unwrap();
    assert_eq!(w.value, Some(1_031_460.0));
    assert!(w.footnote.as_deref().unwrap().starts_with("World total computed by mprofile"), "{w:?}");
    assert_eq!(value(r, "WESTERN_AFRICA", 2024, ""), 103_510.0);
    assert!(find(r, "WORLD", 2024, "SEX=F").is_some());
}
