//! IOM Missing Migrants Project: yearly figures aggregated from the incident records of the
//! real mirror (checked against sums made independently of the importer), the counting rules,
//! the explained skips, and broken hand-written files.

use mp_domain::{DimensionKey, ObsStatus, Observation, Period};
use mp_ingest::context::{Context, ReadReport};
use mp_ingest::files::InputFile;
use mp_ingest::framework_dir::testing::{data_dir, fixture};
use mp_ingest::sources::mmp;
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
        let r = (mmp::SOURCE.read)(&data_dir(), &ctx()).unwrap_or_else(|e| panic!("{e}"));
        eprintln!("iom_mmp.csv: {} rows, {} observations, {} ms", r.rows_read, r.observations(), t.elapsed().as_millis());
        for s in &r.skipped {
            eprintln!("  skip {:>6}  {}", s.rows, s.reason);
        }
        r
    })
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

/// Sums the `dead` column of the real file over the rows a predicate keeps, parsing the CSV
/// independently of the importer (quoted fields may hold commas).
fn independent_sum(keep: impl Fn(&csv::StringRecord) -> bool) -> f64 {
    let mut rdr = csv::Reader::from_path(data_dir().join(mmp::FILE)).unwrap();
    rdr.records().map(|r| r.unwrap()).filter(|r| keep(r)).map(|r| r[5].parse::<f64>().unwrap()).sum()
}

#[test]
fn dataset_and_skips() {
    let r = real();
    assert_eq!(r.rows_read, 19_669);
    assert_eq!(r.datasets.len(), 1);
    let ds = &r.datasets[0];
    assert_eq!((ds.source.code.as_str(), ds.vintage.as_str()), ("iom-mmp", "2025-04"));
    assert!(ds.source.licence.contains("IOM's Missing Migrants Project"));
    let reasons: Vec<&str> = r.skipped.iter().map(|s| s.reason.as_str()).collect();
    assert!(reasons.iter().any(|s| s.starts_with("neither the country of the incident")), "{reasons:?}");
    assert!(reasons.iter().any(|s| s.starts_with("origin figures: the record lists several nationalities")), "{reasons:?}");
}

#[test]
fn incident_country_figures() {
    let r = real();
    // Every record counts, whatever its type.
    let ner = independent_sum(|x| &x[4] == "NER" && x[0].starts_with("2023"));
    assert_eq!(ner, 231.0);
    assert_eq!(value(r, "IRR.DEAD_MISSING", "NER", 2023, ""), ner);
    assert_eq!(value(r, "IRR.DEAD_MISSING", "NER", 2023, "ROUTE=INTRA_AFRICAN"), 223.0);
    assert_eq!(value(r, "IRR.DEAD_MISSING", "NER", 2023, "ROUTE=UNDEFINED"), 8.0);
    let mrt = independent_sum(|x| &x[4] == "MRT" && x[0].starts_with("2024"));
    assert_eq!(value(r, "IRR.DEAD_MISSING", "MRT", 2024, ""), mrt);
    let by_cause: f64 = ["DROWNING", "HARSH_CONDITIONS", "MIXED_UNKNOWN", "ACCIDENTAL", "VIOLENCE", "SICKNESS", "VEHICLE"]
        .iter()
        .filter_map(|c| find(r, "IRR.DEAD_MISSING", "MRT", 2024, &format!("DEATH_CAUSE={c}")))
        .map(|o| o.value.unwrap())
        .sum();
    assert_eq!(by_cause, mrt);
    // Cabo Verde 2024: a record with two causes is counted as mixed or unknown.
    assert_eq!(value(r, "IRR.DEAD_MISSING", "CPV", 2024, ""), 74.0);
    assert_eq!(value(r, "IRR.DEAD_MISSING", "CPV", 2024, "DEATH_CAUSE=HARSH_CONDITIONS"), 70.0);
    assert_eq!(value(r, "IRR.DEAD_MISSING", "CPV", 2024, "DEATH_CAUSE=MIXED_UNKNOWN|ROUTE=WEST_AFRICAN_ATLANTIC"), 4.0);
    let o = find(r, "IRR.DEAD_MISSING", "CPV", 2024, "").unwrap();
    assert_eq!(o.provenance.locator, "sum of 3 rows from row 16351");
    let note = o.footnote.as_deref().unwrap();
    assert!(note.contains("IOM's Missing Migrants Project") && note.contains("mixed or unknown") && note.contains("cumulative"), "{note}");
    // Survivors: only records that report a number.
    assert_eq!(value(r, "IRR.SURVIVORS", "NER", 2023, ""), 17.0);
    assert_eq!(value(r, "IRR.SURVIVORS", "CPV", 2024, "ROUTE=WEST_AFRICAN_ATLANTIC"), 10.0);
}

#[test]
fn origin_figures_count_single_nationality_records() {
    let r = real();
    let single = independent_sum(|x| &x[8] == "SEN" && x[0].starts_with("2023"));
    assert_eq!(single, 278.0);
    assert_eq!(value(r, "IRR.DEAD_MISSING_ORIGIN", "SEN", 2023, ""), 278.0);
    let o = find(r, "IRR.DEAD_MISSING_ORIGIN", "SEN", 2023, "ROUTE=WEST_AFRICAN_ATLANTIC").unwrap();
    assert_eq!(o.value, Some(249.0));
    let note = o.footnote.as_deref().unwrap();
    assert!(note.contains("A further 34 dead and missing"), "{note}");
    let all = find(r, "IRR.DEAD_MISSING_ORIGIN", "SEN", 2023, "").unwrap();
    assert!(all.footnote.as_deref().unwrap().contains("A further 54 dead and missing"), "{all:?}");
}

#[test]
fn partial_last_year_gets_no_annual_figure() {
    let r = real();
    assert!(find(r, "IRR.DEAD_MISSING", "NER", 2025, "").is_none());
    assert!(find(r, "IRR.DEAD_MISSING", "WORLD", 2025, "").is_none());
    assert_eq!(find(r, "IRR.DEAD_MISSING", "NER", 2024, "").unwrap().status, ObsStatus::Normal);
    let skip = r.skipped.iter().find(|s| s.reason.starts_with("record of 2025")).unwrap();
    assert_eq!(skip.rows, 565);
    assert!(skip.reason.contains("2025-04-30"), "{skip:?}");
}

fn fixture_file(name: &str) -> InputFile {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mmp").join(name);
    InputFile::read(&path, &format!("fixtures/mmp/{name}")).unwrap()
}

fn err_text(r: Result<ReadReport, mp_ingest::IngestError>) -> String {
    match r {
        Ok(_) => panic!("expected problems, got a report"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn good_fixture_follows_the_counting_rules() {
    let r = mmp::read_file(&fixture_file("good.csv"), &ctx()).unwrap_or_else(|e| panic!("{e}"));
    // Rows 2-4 in Niger 2024: 3 + 2 + 5 dead; row 4 has two causes.
    assert_eq!(value(&r, "IRR.DEAD_MISSING", "NER", 2024, ""), 10.0);
    assert_eq!(value(&r, "IRR.DEAD_MISSING", "NER", 2024, "DEATH_CAUSE=MIXED_UNKNOWN"), 5.0);
    assert_eq!(value(&r, "IRR.DEAD_MISSING", "NER", 2024, "DEATH_CAUSE=HARSH_CONDITIONS"), 3.0);
    // Origins: row 2 (MLI alone) counts, row 3 (MLI,SEN) does not, row 4 (UNK) does not.
    assert_eq!(value(&r, "IRR.DEAD_MISSING_ORIGIN", "MLI", 2024, ""), 3.0);
    assert!(find(&r, "IRR.DEAD_MISSING_ORIGIN", "SEN", 2024, "").is_none());
    assert!(find(&r, "IRR.DEAD_MISSING_ORIGIN", "MLI", 2024, "").unwrap().footnote.as_deref().unwrap().contains("A further 2 dead"));
    // Survivors: row 2 reports 4, row 3 none, row 4 a negative number (skipped).
    assert_eq!(value(&r, "IRR.SURVIVORS", "NER", 2024, ""), 4.0);
    // The file ends in December: 2024 is complete.
    assert_eq!(find(&r, "IRR.DEAD_MISSING", "NER", 2024, "").unwrap().status, ObsStatus::Normal);
    // Libya is outside the profile countries; its record has a Senegalese victim alone.
    assert_eq!(value(&r, "IRR.DEAD_MISSING_ORIGIN", "SEN", 2023, "ROUTE=CENTRAL_MED"), 7.0);
    assert!(find(&r, "IRR.DEAD_MISSING", "LBY", 2023, "").is_none());
    let reasons: Vec<(&str, u64)> = r.skipped.iter().map(|s| (s.reason.as_str(), s.rows)).collect();
    assert!(reasons.iter().any(|(s, n)| s.starts_with("survivors given as a negative number") && *n == 1), "{reasons:?}");
    assert!(reasons.iter().any(|(s, n)| s.starts_with("origin figures: the record lists several") && *n == 1), "{reasons:?}");
}

#[test]
fn broken_file_names_file_row_column_and_expectation() {
    let e = err_text(mmp::read_file(&fixture_file("broken.csv"), &ctx()));
    assert!(e.contains("fixtures/mmp/broken.csv, row 2, column dead: `3x`") && e.contains("not a number"), "{e}");
    assert!(e.contains("row 3, column route: `Sahara Route`: unknown route: expected a route name of CL_ROUTE"), "{e}");
    assert!(e.contains("row 4, column nat: `MLI,ZZZ`: `ZZZ` is not a known country"), "{e}");
    assert!(e.contains("row 5, column cause: `Lightning`: unknown cause of death"), "{e}");
    assert!(e.contains("row 6, column t: `2024-13-01`: expected the date of the incident as YYYY-MM-DD"), "{e}");
    assert!(e.contains("row 7, column type: `Accident`"), "{e}");
}

#[test]
fn missing_column_and_latin1_are_refused() {
    let f = InputFile::from_bytes("x/iom_mmp.csv", b"t,type,route,geo,dead,cause,nat\n".to_vec());
    let e = err_text(mmp::read_file(&f, &ctx()));
    assert!(e.contains("x/iom_mmp.csv") && e.contains("missing column surv"), "{e}");
    let f = InputFile::from_bytes(
        "x/iom_mmp.csv",
        b"t,type,route,geo,dead,cause,surv,nat,location\n2024-01-01,Incident,Undefined,NER,1,Violence,,NER,Agad\xe8z\n".to_vec(),
    );
    let e = err_text(mmp::read_file(&f, &ctx()));
    assert!(e.contains("x/iom_mmp.csv, row 2") && e.contains("not UTF-8"), "{e}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = mmp::read_file(&InputFile::from_bytes("p/iom_mmp.csv", bytes), &ctx());
    }

    #[test]
    fn arbitrary_rows_never_panic(rows in proptest::collection::vec((
        "(2024-0[1-9]-1[0-9]|20[0-9x]{2}-[0-9]{2}-[0-9é]{2}|)",
        "(Incident|Split Incident|Cumulative Incident|Incident,Split Incident|x)",
        "(Undefined|Central Mediterranean Route|[A-Za-z ]{0,10})",
        "(NER|MLI|LBY|ZZZ|)",
        "-?[0-9]{0,4}",
        "(Drowning|Violence|Drowning,Violence|Harsh environmental conditions / lack of adequate shelter, food, water|[a-z, ]{0,10})",
        "-?[0-9]{0,3}",
        "(MLI|SEN,MLI|UNK|MLI,UNK|,|[A-Z,]{0,8})",
    ), 0..20)) {
        let mut text = String::from("t,type,route,geo,dead,cause,surv,nat\n");
        for (t, ty, ro, g, d, c, s, n) in &rows {
            text.push_str(&format!("{t},\"{ty}\",{ro},{g},{d},\"{c}\",{s},\"{n}\"\n"));
        }
        let _ = mmp::read_file(&InputFile::from_bytes("p/iom_mmp.csv", text.into_bytes()), &ctx());
    }
}

#[test]
fn world_and_group_totals() {
    let r = real();
    let w = find(r, "IRR.DEAD_MISSING", "WORLD", 2023, "").unwrap();
    assert_eq!(w.value, Some(independent_sum(|x| x[0].starts_with("2023"))));
    assert_eq!(w.value, Some(8755.0));
    assert!(w.footnote.as_deref().unwrap().contains("world total"), "{w:?}");
    assert_eq!(value(r, "IRR.DEAD_MISSING", "WESTERN_AFRICA", 2023, ""), 811.0);
    let med = value(r, "IRR.DEAD_MISSING", "WORLD", 2023, "ROUTE=CENTRAL_MED");
    assert_eq!(med, independent_sum(|x| x[0].starts_with("2023") && &x[3] == "Central Mediterranean Route"));
    assert!(find(r, "IRR.DEAD_MISSING_ORIGIN", "WORLD", 2023, "").is_none());
}
