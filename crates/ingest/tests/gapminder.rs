//! Gapminder Systema Globalis: the published check values from the real mirror, the explained
//! skips, and broken hand-written files.

use mp_domain::{DimensionKey, ObsStatus, Observation, Period};
use mp_ingest::context::{Context, ReadReport};
use mp_ingest::files::InputFile;
use mp_ingest::framework_dir::testing::{data_dir, fixture};
use mp_ingest::sources::gapminder::{self, ENTITIES_FILE, skip};
use proptest::prelude::*;
use std::path::PathBuf;
use std::time::Instant;

const HDI: &str = "gapminder-systema-globalis/countries-etc-datapoints/ddf--datapoints--hdi_human_development_index--by--geo--time.csv";
const LFPR: &str = "gapminder-systema-globalis/countries-etc-datapoints/ddf--datapoints--aged_15plus_labour_force_participation_rate_percent--by--geo--time.csv";

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

fn obs<'r>(r: &'r ReadReport, ind: &str, area: &str, year: i32, dims: &str) -> &'r Observation {
    find(r, "gapminder-sg", ind, area, year, dims).unwrap_or_else(|| panic!("no {ind} {area} {year} {dims}"))
}

fn value(r: &ReadReport, ind: &str, area: &str, year: i32, dims: &str) -> f64 {
    obs(r, ind, area, year, dims).value.unwrap()
}

fn entities() -> InputFile {
    InputFile::read(&data_dir().join(ENTITIES_FILE), ENTITIES_FILE).unwrap()
}

fn fixture_file(name: &str, shown_as: &str) -> InputFile {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/gapminder").join(name);
    InputFile::from_bytes(shown_as, std::fs::read(p).unwrap())
}

fn skipped(r: &ReadReport, reason: &str) -> u64 {
    r.skipped.iter().find(|s| s.reason == reason).map(|s| s.rows).unwrap_or(0)
}

fn real() -> &'static ReadReport {
    static R: std::sync::OnceLock<ReadReport> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        let ent = entities();
        for f in gapminder::SOURCE.files.iter().filter(|f| f.path != ENTITIES_FILE) {
            let input = InputFile::read(&data_dir().join(f.path), f.path).unwrap();
            let t = Instant::now();
            let r = gapminder::read_one(&input, &ent, &ctx()).unwrap_or_else(|e| panic!("{e}"));
            eprintln!("{}: {} rows, {} observations, {} ms (debug build)", f.path, r.rows_read, r.observations(), t.elapsed().as_millis());
        }
        let t = Instant::now();
        let r = (gapminder::SOURCE.read)(&data_dir(), &ctx()).unwrap_or_else(|e| panic!("{e}"));
        eprintln!("gapminder: {} rows, {} observations, {} ms", r.rows_read, r.observations(), t.elapsed().as_millis());
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
    assert_eq!(sets, [("gapminder-sg", "2026-03"), ("gapminder-ihme", "2026-03")]);
    assert_eq!(r.datasets[0].files.len(), 28);

    assert_eq!(value(r, "DEV.HDI", "SEN", 2023, ""), 0.530);
    assert_eq!(value(r, "DEV.HDI", "GHA", 2023, ""), 0.628);
    let sen = obs(r, "LAB.LFPR", "SEN", 2022, "AGE=Y_GE15");
    assert!((sen.value.unwrap() - 50.4).abs() < 0.05, "{sen:?}");
    assert_eq!(sen.status, ObsStatus::Normal);
    assert!((value(r, "LAB.LFPR", "NGA", 2022, "AGE=Y_GE15") - 81.4).abs() < 0.05);
    assert_eq!(value(r, "DEV.POV", "NGA", 2022, ""), 41.8);
    assert_eq!(value(r, "DEV.POV", "SEN", 2021, ""), 17.9);

    // ILO modelled series: 2024 on are projections.
    let p = obs(r, "LAB.LFPR", "SEN", 2025, "SEX=F|AGE=Y_GE15");
    assert_eq!(p.status, ObsStatus::Forecast);
    assert!(p.footnote.as_deref().unwrap().contains("ILO projections"), "{p:?}");
    assert!(find(r, "gapminder-sg", "LAB.LFPR", "SEN", 2025, "AGE=Y15T64").is_some());
    assert!(find(r, "gapminder-sg", "LAB.EMP_RATE", "SEN", 2025, "").is_some());
    // WPP series via Gapminder: 2024 on are projections.
    assert_eq!(obs(r, "DEV.LE", "SEN", 2023, "SEX=F").status, ObsStatus::Normal);
    assert_eq!(obs(r, "DEV.LE", "SEN", 2050, "SEX=M").status, ObsStatus::Forecast);
    assert_eq!(obs(r, "DEV.MEDIAN_AGE", "SEN", 2030, "").status, ObsStatus::Forecast);
    // IHME life expectancy is its own dataset, so it cannot collide with a WPP total.
    assert!(find(r, "gapminder-ihme", "DEV.LE", "SEN", 2013, "").is_some());
    assert!(find(r, "gapminder-sg", "DEV.LE", "SEN", 2013, "").is_none());
    // The rest of the mapping.
    for (ind, dims) in [
        ("LAB.UR", "AGE=Y_GE15"),
        ("LAB.YUR", ""),
        ("LAB.AGRI_SH", ""),
        ("LAB.SELF_EMP", ""),
        ("DEV.POV_420", ""),
        ("DEV.POV_830", ""),
        ("DEV.GINI", ""),
        ("DEV.POV_NAT", ""),
    ] {
        assert!(
            r.datasets[0]
                .observations
                .iter()
                .any(|o| o.indicator.as_str() == ind && o.area.as_str() == "SEN" && o.dims == DimensionKey::parse(dims).unwrap()),
            "{ind}"
        );
    }
    assert!((value(r, "EDU.COMPL", "SEN", 2019, "EDUCATION_LEV=ISCED11_1") - 47.38).abs() < 0.01);
    assert!(find(r, "gapminder-sg", "DEV.LIT", "SEN", 2023, "AGE=Y_GE15").is_some());
    assert!(find(r, "gapminder-sg", "EDU.OOS_CHILDREN", "SEN", 2024, "").is_some());
    assert!(find(r, "gapminder-sg", "EDU.MYS", "SEN", 2009, "SEX=F").is_some());
    for ind in ["DEV.GDP_CONST", "DEV.GDPPC_CONST", "DEV.GNIPC", "DEV.URB"] {
        assert!(find(r, "gapminder-sg", ind, "SEN", 2024, "").is_some(), "{ind}");
    }
    assert!(find(r, "gapminder-sg", "DEV.ODA_GNI", "SEN", 2023, "").is_some());
}

#[test]
fn skips_are_explained_and_counted() {
    let r = real();
    assert!(skipped(r, skip::OUT_OF_SCOPE) > 0);
    // ant, chanisl, kos (and any other id without an ISO code).
    assert!(skipped(r, skip::NON_ISO) > 0);
    assert_eq!(skipped(r, skip::NO_VALUE), 0);
    let total: u64 = r.skipped.iter().map(|s| s.rows).sum();
    assert_eq!(total + r.observations() as u64, r.rows_read);
}

#[test]
fn a_small_file_qualifies_projections_and_maps_ids() {
    let r = gapminder::read_one(&fixture_file("lfpr_small.csv", LFPR), &entities(), &ctx()).unwrap_or_else(|e| panic!("{e}"));
    let now = obs(&r, "LAB.LFPR", "SEN", 2023, "AGE=Y_GE15");
    assert_eq!(now.status, ObsStatus::Normal);
    assert_eq!(now.footnote.as_deref(), Some("ILO modelled estimate"));
    assert_eq!(obs(&r, "LAB.LFPR", "SEN", 2024, "AGE=Y_GE15").status, ObsStatus::Forecast);
    assert_eq!(skipped(&r, skip::NON_ISO), 1, "chanisl");
    assert_eq!(skipped(&r, skip::OUT_OF_SCOPE), 1, "gbm is the Isle of Man (IMN)");
    assert_eq!(skipped(&r, skip::NO_VALUE), 1);
}

fn error_of(fixture: &str, shown_as: &str) -> String {
    match gapminder::read_one(&fixture_file(fixture, shown_as), &entities(), &ctx()) {
        Ok(r) => panic!("expected an error, got {} observations", r.observations()),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_bad_number_names_file_row_column_and_value() {
    let e = error_of("hdi_bad_number.csv", HDI);
    assert!(e.contains(&format!("{HDI}, row 3, column hdi_human_development_index: `0.628x`")) && e.contains("expected digits"), "{e}");
    assert!(e.contains("row 4, column hdi_human_development_index: `0,548`"), "{e}");
}

#[test]
fn unknown_geo_ids_are_problems() {
    let e = error_of("hdi_unknown_geo.csv", HDI);
    assert!(e.contains("row 2, column geo: `xyzq`") && e.contains("unknown Gapminder geo id"), "{e}");
    assert!(e.contains("row 3, column geo: `zzz`") && e.contains("not a known country"), "{e}");
    assert!(e.contains("row 4, column geo: `SEN`"), "{e}");
    assert!(e.contains("row 5, column time: `2023.5`"), "{e}");
}

#[test]
fn a_missing_column_is_named() {
    let e = error_of("hdi_missing_column.csv", HDI);
    assert!(e.contains(HDI) && e.contains("missing column time"), "{e}");
}

#[test]
fn latin1_is_refused() {
    let e = error_of("hdi_latin1.csv", HDI);
    assert!(e.contains(&format!("{HDI}, row 3")) && e.contains("not UTF-8"), "{e}");
}

#[test]
fn a_row_given_twice_is_a_duplicate() {
    let e = error_of("hdi_duplicate.csv", HDI);
    assert!(e.contains("row 4") && e.contains("given twice") && e.contains("first at row 2"), "{e}");
}

#[test]
fn a_bad_entities_file_stops_the_read() {
    let ent = fixture_file("entities_bad.csv", ENTITIES_FILE);
    let f = fixture_file("lfpr_small.csv", LFPR);
    let e = gapminder::read_one(&f, &ent, &ctx()).unwrap_err().to_string();
    assert!(e.contains(&format!("{ENTITIES_FILE}, row 2, column iso3166_1_alpha3: `sen`")), "{e}");
}

#[test]
fn a_missing_file_is_reported_with_the_others_read() {
    let dir = tempfile::tempdir().unwrap();
    let e = (gapminder::SOURCE.read)(dir.path(), &ctx()).unwrap_err();
    assert!(e.to_string().contains(ENTITIES_FILE), "{e}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400), as_entities in any::<bool>()) {
        let ent = entities();
        let data = InputFile::from_bytes(HDI, b"geo,time,hdi_human_development_index\nsen,2023,0.53\n".to_vec());
        let (f, e) = if as_entities { (data, InputFile::from_bytes(ENTITIES_FILE, bytes)) } else { (InputFile::from_bytes(HDI, bytes), ent) };
        let _ = gapminder::read_one(&f, &e, &ctx());
    }

    #[test]
    fn arbitrary_rows_never_panic(rows in proptest::collection::vec(("(sen|gha|chanisl|gbm|[a-zA-Z_]{0,6})", "[0-9]{0,5}", "[0-9.eE+\\-]{0,10}"), 0..12)) {
        let mut text = String::from("geo,time,aged_15plus_labour_force_participation_rate_percent\n");
        for (g, t, v) in &rows {
            text.push_str(&format!("{g},{t},{v}\n"));
        }
        let _ = gapminder::read_one(&InputFile::from_bytes(LFPR, text.into_bytes()), &entities(), &ctx());
    }
}
