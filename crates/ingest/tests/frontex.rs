//! Frontex detections of illegal border-crossings: monthly and annual check values from the
//! real mirror, the explained skips, and broken hand-written files.

use mp_domain::{DimensionKey, ObsStatus, Observation, Period};
use mp_ingest::context::{Context, ReadReport};
use mp_ingest::files::InputFile;
use mp_ingest::framework_dir::testing::{data_dir, fixture};
use mp_ingest::sources::frontex;
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
        let r = (frontex::SOURCE.read)(&data_dir(), &ctx()).unwrap_or_else(|e| panic!("{e}"));
        eprintln!("frontex.csv: {} rows, {} observations, {} ms", r.rows_read, r.observations(), t.elapsed().as_millis());
        for s in &r.skipped {
            eprintln!("  skip {:>6}  {}", s.rows, s.reason);
        }
        r
    })
}

fn find<'r>(r: &'r ReadReport, area: &str, period: Period, dims: &str) -> Option<&'r Observation> {
    let key = DimensionKey::parse(dims).unwrap();
    r.datasets
        .iter()
        .flat_map(|d| &d.observations)
        .find(|o| o.indicator.as_str() == "IRR.FRONTEX" && o.area.as_str() == area && o.period == period && o.dims == key)
}

fn value(r: &ReadReport, area: &str, period: Period, dims: &str) -> f64 {
    find(r, area, period, dims).and_then(|o| o.value).unwrap_or_else(|| panic!("no {area} {period} {dims}"))
}

#[test]
fn monthly_and_annual_check_values() {
    let r = real();
    assert_eq!(r.rows_read, 34_273);
    let ds = &r.datasets[0];
    assert_eq!((ds.source.code.as_str(), ds.vintage.as_str()), ("frontex", "2025-06"));
    // A month as published, with its row.
    let m = find(r, "SEN", Period::Month(2023, 10), "ROUTE=WESTERN_AFRICAN|BORDER_TYPE=SEA").unwrap();
    assert_eq!(m.value, Some(9075.0));
    assert_eq!(m.provenance.locator, "row 26823");
    assert!(
        m.footnote.as_deref().unwrap().contains("counts detections, not persons")
            || m.footnote.as_deref().unwrap().contains("Counts detections, not persons")
    );
    // No monthly total over routes (the totals hold whole years only); the year by route, by
    // border type and overall.
    assert!(find(r, "SEN", Period::Month(2023, 10), "").is_none());
    assert_eq!(value(r, "SEN", Period::Year(2023), ""), 20_010.0);
    assert_eq!(value(r, "SEN", Period::Year(2023), "ROUTE=WESTERN_AFRICAN"), 17_993.0);
    assert_eq!(value(r, "SEN", Period::Year(2023), "ROUTE=WESTERN_AFRICAN|BORDER_TYPE=SEA"), 17_993.0);
    assert_eq!(value(r, "SEN", Period::Year(2023), "BORDER_TYPE=SEA"), 19_994.0);
    assert_eq!(value(r, "SEN", Period::Year(2023), "BORDER_TYPE=LAND"), 16.0);
    let y = find(r, "MLI", Period::Year(2024), "").unwrap();
    assert_eq!(y.value, Some(19_224.0));
    assert_eq!(y.status, ObsStatus::Normal);
    assert!(y.provenance.locator.starts_with("sum of "), "{y:?}");
    assert!(y.footnote.as_deref().unwrap().contains("Computed by mprofile"));
    // 2025 runs to April only: its months are kept, no annual figure is made.
    assert!(find(r, "MLI", Period::Year(2025), "").is_none());
    assert!(find(r, "MLI", Period::Year(2025), "ROUTE=WESTERN_AFRICAN").is_none());
    let april: f64 =
        ds.observations.iter().filter(|o| o.area.as_str() == "MLI" && o.period == Period::Month(2025, 4)).map(|o| o.value.unwrap()).sum();
    assert!(april > 0.0);
    assert_eq!(find(r, "MLI", Period::Month(2025, 4), "ROUTE=WESTERN_AFRICAN|BORDER_TYPE=SEA").unwrap().status, ObsStatus::Normal);
    // Only profile countries.
    assert!(
        ds.observations.iter().all(|o| ["GHA", "CIV", "MLI", "MRT", "NER", "NGA", "SEN", "COD", "CPV", "CMR"].contains(&o.area.as_str())
            || ["WORLD", "AFRICA", "SUB_SAHARAN_AFRICA", "WESTERN_AFRICA", "MIDDLE_AFRICA", "ECOWAS"].contains(&o.area.as_str()))
    );
    let reasons: Vec<&str> = r.skipped.iter().map(|s| s.reason.as_str()).collect();
    assert!(reasons.iter().any(|s| s.starts_with("nationality code is not an ISO country")), "{reasons:?}");
    assert!(reasons.iter().any(|s| s.starts_with("nationality outside the profile countries")), "{reasons:?}");
}

fn fixture_file(name: &str) -> InputFile {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/frontex").join(name);
    InputFile::read(&path, &format!("fixtures/frontex/{name}")).unwrap()
}

fn err_text(r: Result<ReadReport, mp_ingest::IngestError>) -> String {
    match r {
        Ok(_) => panic!("expected problems, got a report"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn broken_file_names_file_row_column_and_expectation() {
    let e = err_text(frontex::read_file(&fixture_file("broken.csv"), &ctx()));
    assert!(
        e.contains("fixtures/frontex/broken.csv, row 2, column n: `1,5`")
            || e.contains("fixtures/frontex/broken.csv, row 2, column n: `15x`"),
        "{e}"
    );
    assert!(e.contains("row 3, column route: `Atlantic Route`: unknown route"), "{e}");
    assert!(e.contains("row 4, column type: `Air`: expected Sea or Land"), "{e}");
    assert!(e.contains("row 5, column nat: `ZZZ`: unknown nationality"), "{e}");
    assert!(e.contains("row 6, column t: `2024`: expected the first day of a month"), "{e}");
    assert!(e.contains("row 8") && e.contains("given twice") && e.contains("first at row 7"), "{e}");
}

#[test]
fn missing_column_and_latin1_are_refused() {
    let f = InputFile::from_bytes("x/frontex.csv", b"route,type,nat,n\n".to_vec());
    let e = err_text(frontex::read_file(&f, &ctx()));
    assert!(e.contains("x/frontex.csv") && e.contains("missing column t"), "{e}");
    let f = InputFile::from_bytes(
        "x/frontex.csv",
        b"route,type,nat,t,n\nWestern African Route,Sea,SEN,2024-01-01,5\nWestern African Route,Sea,S\xc9N,2024-02-01,5\n".to_vec(),
    );
    let e = err_text(frontex::read_file(&f, &ctx()));
    assert!(e.contains("x/frontex.csv, row 3") && e.contains("not UTF-8"), "{e}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = frontex::read_file(&InputFile::from_bytes("p/frontex.csv", bytes), &ctx());
    }

    #[test]
    fn arbitrary_rows_never_panic(rows in proptest::collection::vec((
        "(Western African Route|Other|[A-Za-z ]{0,10})", "(Sea|Land|x)", "(SEN|MLI|OOO|ZZZ|)", "(20[0-9]{2}-[0-9]{2}-0[0-9]|2024|)", "-?[0-9.]{0,6}"), 0..20)) {
        let mut text = String::from("route,type,nat,t,n\n");
        for (ro, ty, na, t, n) in &rows {
            text.push_str(&format!("{ro},{ty},{na},{t},{n}\n"));
        }
        let _ = frontex::read_file(&InputFile::from_bytes("p/frontex.csv", text.into_bytes()), &ctx());
    }
}

#[test]
fn world_and_group_totals() {
    let r = real();
    let w = find(r, "WORLD", Period::Year(2024), "").unwrap();
    assert_eq!(w.value, Some(240_021.0));
    assert!(w.footnote.as_deref().unwrap().starts_with("World total computed by mprofile"), "{w:?}");
    assert_eq!(value(r, "WESTERN_AFRICA", Period::Year(2024), ""), 55_153.0);
    assert_eq!(value(r, "WESTERN_AFRICA", Period::Year(2024), "ROUTE=WESTERN_AFRICAN"), 41_662.0);
    assert!(find(r, "WORLD", Period::Month(2024, 10), "").is_none());
    assert!(find(r, "WORLD", Period::Year(2025), "").is_none());
}
