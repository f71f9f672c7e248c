//! UNHCR Refugee Population Statistics: the published check values from the real mirror (and
//! sums made independently of the importer), the counting rules, the explained skips, and
//! broken hand-written files.

use mp_domain::{DimensionKey, ObsStatus, Observation, Period};
use mp_ingest::context::{Context, ReadReport};
use mp_ingest::files::InputFile;
use mp_ingest::framework_dir::testing::{data_dir, fixture};
use mp_ingest::sources::unhcr;
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
        for f in unhcr::SOURCE.files {
            let t = Instant::now();
            let input = InputFile::read(&data_dir().join(f.path), f.path).unwrap();
            let table = mp_ingest::table::Table::parse(&input, b',').unwrap();
            eprintln!("{}: {} rows read and parsed in {} ms", f.path, table.len(), t.elapsed().as_millis());
        }
        let t = Instant::now();
        let r = (unhcr::SOURCE.read)(&data_dir(), &ctx()).unwrap_or_else(|e| panic!("{e}"));
        eprintln!("unhcr family: {} rows, {} observations, {} ms", r.rows_read, r.observations(), t.elapsed().as_millis());
        for d in &r.datasets {
            eprintln!("  {}@{}: {} observations", d.source.code, d.vintage, d.observations.len());
        }
        for s in &r.skipped {
            eprintln!("  skip {:>7}  {}", s.rows, s.reason);
        }
        r
    })
}

fn find<'r>(r: &'r ReadReport, source: &str, ind: &str, area: &str, year: i32, dims: &str) -> Option<&'r Observation> {
    let key = DimensionKey::parse(dims).unwrap();
    r.datasets
        .iter()
        .filter(|d| d.source.code == source)
        .flat_map(|d| &d.observations)
        .find(|o| o.indicator.as_str() == ind && o.area.as_str() == area && o.period == Period::Year(year) && o.dims == key)
}

fn value(r: &ReadReport, source: &str, ind: &str, area: &str, year: i32, dims: &str) -> f64 {
    find(r, source, ind, area, year, dims).and_then(|o| o.value).unwrap_or_else(|| panic!("no {ind} {area} {year} {dims} in {source}"))
}

#[test]
fn published_check_values() {
    let r = real();
    // Refugees of Malian origin (UNHCR: 164,588 in 2020, 354,075 in 2024).
    assert_eq!(value(r, "unhcr", "REF.ORIGIN", "MLI", 2020, ""), 164_588.0);
    assert_eq!(value(r, "unhcr", "REF.ORIGIN", "MLI", 2024, ""), 354_075.0);
    // IDPs protected or assisted by UNHCR (6.9 m in DR Congo, 3.43 m in Nigeria, 2024).
    let cod = find(r, "unhcr", "IDP.UNHCR", "COD", 2024, "").unwrap();
    assert_eq!(cod.value, Some(6_905_511.0));
    assert_eq!(cod.provenance.locator.split(' ').next(), Some("row"));
    assert_eq!(value(r, "unhcr", "IDP.UNHCR", "NGA", 2024, ""), 3_432_959.0);
    // IDMC conflict IDPs as redistributed by UNHCR (COD 6.215 m, NGA 3.472 m).
    assert_eq!(value(r, "idmc-unhcr", "IDP.STOCK", "COD", 2024, "CAUSE=CONFLICT"), 6_215_000.0);
    assert_eq!(value(r, "idmc-unhcr", "IDP.STOCK", "NGA", 2024, "CAUSE=CONFLICT"), 3_472_000.0);
}

#[test]
fn datasets_and_skips() {
    let r = real();
    assert_eq!(r.rows_read, 138_893 + 105_868 + 21_258 + 120_597 + 113_929 + 20_771 + 934);
    let mut keys: Vec<(&str, &str)> = r.datasets.iter().map(|d| (d.source.code.as_str(), d.vintage.as_str())).collect();
    keys.sort();
    assert_eq!(keys, [("idmc-unhcr", "2025-12"), ("unhcr", "2025-12"), ("unhcr-solutions", "2025-12")]);
    let reasons: Vec<&str> = r.skipped.iter().map(|s| s.reason.as_str()).collect();
    for want in [
        "population.csv: neither the origin nor the asylum country",
        "population.csv: counterpart code is not an ISO country",
        "asylum_applications.csv: counted in cases (C)",
        "asylum_decisions.csv: counted in cases (C)",
        "demographics.csv: asylum country outside",
        "idmc.csv: country unknown (UNK)",
        "idmc.csv: AB9 (Abyei Area)",
    ] {
        assert!(reasons.iter().any(|s| s.starts_with(want)), "{want}: {reasons:?}");
    }
    // Only profile countries (and groups) as reference areas.
    let profile = ["GHA", "CIV", "MLI", "MRT", "NER", "NGA", "SEN", "COD", "CPV", "CMR"];
    let groups = ["WORLD", "AFRICA", "SUB_SAHARAN_AFRICA", "WESTERN_AFRICA", "MIDDLE_AFRICA", "ECOWAS"];
    assert!(
        r.datasets.iter().flat_map(|d| &d.observations).all(|o| profile.contains(&o.area.as_str()) || groups.contains(&o.area.as_str()))
    );
}

#[test]
fn pairs_totals_and_footnotes() {
    let r = real();
    // Asylum side, by origin and in total.
    assert_eq!(value(r, "unhcr", "REF.HOSTED", "CMR", 2024, ""), 427_706.0);
    assert_eq!(value(r, "unhcr", "REF.HOSTED", "CMR", 2024, "COUNTERPART_AREA=CAF"), 292_488.0);
    let t = find(r, "unhcr", "REF.HOSTED", "CMR", 2024, "").unwrap();
    assert!(t.footnote.as_deref().unwrap().contains("sum of UNHCR's rows"), "{t:?}");
    assert!(t.provenance.locator.starts_with("sum of "), "{t:?}");
    // Origin side, as a pair: the row itself.
    let p = find(r, "unhcr", "REF.ORIGIN", "MLI", 2024, "COUNTERPART_AREA=MRT").unwrap();
    assert_eq!(p.value, Some(153_974.0));
    assert_eq!(p.provenance.locator, "row 130001");
    assert_eq!(p.footnote, None);
    // A pair figure of 5 may stand for a suppressed count of 1 to 4.
    let five = find(r, "unhcr", "REF.HOSTED", "SEN", 1993, "COUNTERPART_AREA=BFA").unwrap();
    assert_eq!(five.value, Some(5.0));
    assert!(five.footnote.as_deref().unwrap().contains("from 1 to 4"), "{five:?}");
    // 2025 is end-2025, provisional.
    let y = find(r, "unhcr", "REF.ORIGIN", "MLI", 2025, "").unwrap();
    assert_eq!(y.value, Some(519_738.0));
    assert_eq!(y.status, ObsStatus::Provisional);
    assert!(y.footnote.as_deref().unwrap().contains("end-year figure (to 31 December 2025)"), "{y:?}");
    assert_eq!(find(r, "unhcr", "REF.ORIGIN", "MLI", 2024, "").unwrap().status, ObsStatus::Normal);
    // Zero cells are not stored: no host community figures before UNHCR collected them.
    assert!(find(r, "unhcr", "REF.HOST_COMMUNITY", "SEN", 1990, "").is_none());
}

#[test]
fn returns_resettlement_and_flows() {
    let r = real();
    // Returned refugees count for the country returned to (the origin), by former asylum country.
    for source in ["unhcr", "unhcr-solutions"] {
        assert_eq!(value(r, source, "RET.REFUGEES", "CIV", 2021, ""), 22_500.0);
        assert_eq!(value(r, source, "RET.REFUGEES", "CIV", 2021, "COUNTERPART_AREA=LBR"), 20_760.0);
    }
    assert!(find(r, "unhcr-solutions", "REF.RESETTLED_ORIGIN", "COD", 2023, "").is_none());
    assert_eq!(value(r, "unhcr", "REF.RESETTLED_ORIGIN", "COD", 2023, ""), 28_703.0);
    assert_eq!(value(r, "unhcr", "REF.RESETTLED_ORIGIN", "COD", 2023, "COUNTERPART_AREA=USA"), 22_055.0);
    assert_eq!(value(r, "unhcr", "REF.NEW_ARRIVALS", "NER", 2024, ""), 64_189.0);
    assert_eq!(value(r, "unhcr", "REF.ASY_NEW", "SEN", 2024, ""), 470.0);
}

#[test]
fn asylum_applications_and_decisions() {
    let r = real();
    assert_eq!(value(r, "unhcr", "REF.ASY_APP_ORIGIN", "NGA", 2023, ""), 40_765.0);
    assert_eq!(value(r, "unhcr", "REF.ASY_APP", "CMR", 2023, ""), 7341.0);
    // Three rows (new, repeat, appeal) of the same pair and procedure are summed.
    let caf = find(r, "unhcr", "REF.ASY_APP", "CMR", 2023, "COUNTERPART_AREA=CAF|PROCEDURE=U").unwrap();
    assert_eq!(caf.value, Some(2408.0 + 107.0 + 19.0));
    assert!(caf.provenance.locator.starts_with("sum of 3 rows"), "{caf:?}");
    assert!(caf.footnote.as_deref().unwrap().contains("appeal"), "{caf:?}");
    assert_eq!(value(r, "unhcr", "REF.ASY_APP", "CMR", 2023, "COUNTERPART_AREA=CAF"), 2534.0);
    // Decisions on Malians abroad, 2023, by type.
    for (code, all, fra) in
        [("RECOGNIZED", 3409.0, 694.0), ("COMPLEMENTARY", 3233.0, 131.0), ("REJECTED", 2491.0, 1511.0), ("CLOSED", 2410.0, 349.0)]
    {
        assert_eq!(value(r, "unhcr", "REF.ASY_DEC_ORIGIN", "MLI", 2023, &format!("DECISION={code}")), all, "{code}");
        assert_eq!(value(r, "unhcr", "REF.ASY_DEC_ORIGIN", "MLI", 2023, &format!("DECISION={code}|COUNTERPART_AREA=FRA")), fra, "{code}");
    }
    assert_eq!(value(r, "unhcr", "REF.ASY_DEC_ORIGIN", "MLI", 2023, ""), 11_543.0);
    assert_eq!(value(r, "unhcr", "REF.ASY_DEC_ORIGIN", "MLI", 2023, "COUNTERPART_AREA=FRA"), 2685.0);
}

#[test]
fn demographics_add_up() {
    let r = real();
    let total = value(r, "unhcr", "REF.POP_DEMOG", "NER", 2025, "POP_TYPE=REF");
    assert_eq!(total, 385_986.0);
    let f = value(r, "unhcr", "REF.POP_DEMOG", "NER", 2025, "POP_TYPE=REF|SEX=F");
    let m = value(r, "unhcr", "REF.POP_DEMOG", "NER", 2025, "POP_TYPE=REF|SEX=M");
    let u = find(r, "unhcr", "REF.POP_DEMOG", "NER", 2025, "POP_TYPE=REF|SEX=_U").unwrap();
    assert_eq!((f, m), (173_383.0, 140_279.0));
    assert_eq!(f + m + u.value.unwrap(), total);
    assert!(u.footnote.as_deref().unwrap().contains("total minus females and males"), "{u:?}");
    assert_eq!(u.status, ObsStatus::Provisional);
    let ages: f64 = ["Y0T4", "Y5T11", "Y12T17", "Y18T59", "Y_GE60", "_U"]
        .iter()
        .map(|a| value(r, "unhcr", "REF.POP_DEMOG", "NER", 2025, &format!("POP_TYPE=REF|AGE={a}")))
        .sum();
    assert_eq!(ages, total);
    let f_ages: f64 = ["Y0T4", "Y5T11", "Y12T17", "Y18T59", "Y_GE60", "_U"]
        .iter()
        .map(|a| value(r, "unhcr", "REF.POP_DEMOG", "NER", 2025, &format!("POP_TYPE=REF|SEX=F|AGE={a}")))
        .sum();
    assert_eq!(f_ages, f);
    assert_eq!(value(r, "unhcr", "REF.POP_DEMOG", "MLI", 2025, "POP_TYPE=IDP"), 414_524.0);
}

fn fixture_file(name: &str, shown: &str) -> InputFile {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/unhcr").join(name);
    InputFile::read(&path, shown).unwrap()
}

fn err_text(r: Result<ReadReport, mp_ingest::IngestError>) -> String {
    match r {
        Ok(_) => panic!("expected problems, got a report"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn small_population_file() {
    let f = fixture_file("population_good.csv", "fixtures/unhcr/population.csv");
    let r = unhcr::read_files(&[f], &ctx()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.datasets.len(), 1);
    assert_eq!(value(&r, "unhcr", "REF.HOSTED", "SEN", 2024, ""), 1500.0 + 20.0 + 7.0);
    assert_eq!(value(&r, "unhcr", "REF.HOSTED", "SEN", 2024, "COUNTERPART_AREA=MRT"), 1500.0);
    assert!(find(&r, "unhcr", "REF.HOSTED", "SEN", 2024, "COUNTERPART_AREA=UNK").is_none());
    assert_eq!(value(&r, "unhcr", "REF.STATELESS", "SEN", 2024, ""), 7.0);
    assert_eq!(value(&r, "unhcr", "REF.ORIGIN", "SEN", 2024, "COUNTERPART_AREA=FRA"), 300.0);
    assert_eq!(value(&r, "unhcr", "RET.REFUGEES", "SEN", 2024, "COUNTERPART_AREA=GMB"), 12.0);
    // Zero cells are not stored; an empty oip is no value.
    assert!(find(&r, "unhcr", "REF.ASY", "SEN", 2024, "COUNTERPART_AREA=MRT").is_none());
    assert!(find(&r, "unhcr", "REF.OIP", "SEN", 2024, "").is_none());
    let reasons: Vec<(&str, u64)> = r.skipped.iter().map(|s| (s.reason.as_str(), s.rows)).collect();
    assert!(
        reasons.contains(&(
            "population.csv: neither the origin nor the asylum country is a profile country: counted only in the world and group totals",
            1
        )),
        "{reasons:?}"
    );
    assert!(reasons.iter().any(|(s, n)| s.starts_with("population.csv: counterpart code is not an ISO country") && *n == 2), "{reasons:?}");
}

#[test]
fn broken_population_names_file_row_column_and_expectation() {
    let f = fixture_file("population_broken.csv", "fixtures/unhcr/population.csv");
    let e = err_text(unhcr::read_files(&[f], &ctx()));
    assert!(e.contains("fixtures/unhcr/population.csv, row 2, column refugees: `1 500`") && e.contains("not a number"), "{e}");
    assert!(e.contains("row 3, column coo_iso: `ZZZ`: unknown country code"), "{e}");
    assert!(e.contains("row 4, column asylum_seekers: `-4`: expected a whole, non-negative number of persons"), "{e}");
    assert!(e.contains("row 5, column year: `2024-03`: expected a year"), "{e}");
    assert!(e.contains("row 7") && e.contains("given twice: first at row 6"), "{e}");
}

#[test]
fn broken_asylum_and_demographic_files() {
    let apps = fixture_file("applications_broken.csv", "fixtures/unhcr/asylum_applications.csv");
    let demog = fixture_file("demographics_broken.csv", "fixtures/unhcr/demographics.csv");
    let e = err_text(unhcr::read_files(&[apps, demog], &ctx()));
    assert!(e.contains("fixtures/unhcr/asylum_applications.csv, row 2, column app_pc: `X`: expected P (persons) or C (cases)"), "{e}");
    assert!(
        e.contains("asylum_applications.csv, row 3, column procedure_type: `Q`: expected G (government), U (UNHCR) or J (joint)"),
        "{e}"
    );
    assert!(e.contains("fixtures/unhcr/demographics.csv, row 2, column pop_type: `XYZ`: expected a UNHCR population type"), "{e}");
    assert!(e.contains("demographics.csv, row 3, column f_total: `9`: f_total is not the sum"), "{e}");
}

#[test]
fn missing_column_latin1_and_unknown_file_are_refused() {
    let f = InputFile::from_bytes("x/flows.csv", b"year,coo,coo_iso,coa,coa_iso,refugees\n".to_vec());
    let e = err_text(unhcr::read_files(&[f], &ctx()));
    assert!(e.contains("x/flows.csv") && e.contains("missing column asylum_seekers"), "{e}");
    let f = InputFile::from_bytes(
        "x/idmc.csv",
        b"year,coo_name,coo,coo_iso,coa_name,coa,coa_iso,total\n2024,S\xe9n\xe9gal,SEN,SEN,S\xe9n\xe9gal,SEN,SEN,5\n".to_vec(),
    );
    let e = err_text(unhcr::read_files(&[f], &ctx()));
    assert!(e.contains("x/idmc.csv, row 2") && e.contains("not UTF-8"), "{e}");
    let f = InputFile::from_bytes("x/other.csv", b"a\n".to_vec());
    assert!(err_text(unhcr::read_files(&[f], &ctx())).contains("not a file of the UNHCR family"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        for name in ["population.csv", "asylum_applications.csv", "asylum_decisions.csv", "demographics.csv", "idmc.csv"] {
            let _ = unhcr::read_files(&[InputFile::from_bytes(&format!("p/{name}"), bytes.clone())], &ctx());
        }
    }

    #[test]
    fn arbitrary_rows_never_panic(rows in proptest::collection::vec((
        "(20[0-9]{2}|x|)", "(SEN|MLI|UNK|XXA|ZZZ|)", "(SEN|FRA|UNK|ZZZ|)", "-?[0-9.]{0,6}", "-?[0-9]{0,4}", "(G|U|J|Q)", "(P|C|x)", "(REF|IDP|XYZ)"), 0..12)) {
        let mut pop = String::from("year,coo,coo_iso,coa,coa_iso,refugees,asylum_seekers,returned_refugees,idps,returned_idps,stateless,ooc,oip,hst\n");
        let mut apps = String::from("year,coo,coo_iso,coa,coa_iso,procedure_type,app_type,dec_level,app_pc,applied\n");
        let mut demog = String::from("year,coo,coo_iso,coa,coa_iso,pop_type,location,loc_type,acc_type,f_0_4,f_5_11,f_12_17,f_18_59,f_60,f_other,f_total,m_0_4,m_5_11,m_12_17,m_18_59,m_60,m_other,m_total,total\n");
        for (y, o, a, v, w, p, pc, pt) in &rows {
            pop.push_str(&format!("{y},{o},{o},{a},{a},{v},{w},{v},{w},{v},{w},{v},,{w}\n"));
            apps.push_str(&format!("{y},{o},{o},{a},{a},{p},N,FI,{pc},{v}\n"));
            demog.push_str(&format!("{y},{o},{o},{a},{a},{pt},L,V,I,{w},0,0,0,0,0,{w},{v},0,0,0,0,0,{v},{w}\n"));
        }
        let files = [
            InputFile::from_bytes("p/population.csv", pop.into_bytes()),
            InputFile::from_bytes("p/asylum_applications.csv", apps.into_bytes()),
            InputFile::from_bytes("p/demographics.csv", demog.into_bytes()),
        ];
        let _ = unhcr::read_files(&files, &ctx());
    }
}

#[test]
fn world_and_group_totals() {
    let r = real();
    let w = find(r, "unhcr", "REF.HOSTED", "WORLD", 2024, "").unwrap();
    assert_eq!(w.value, Some(30_958_200.0));
    assert!(w.footnote.as_deref().unwrap().starts_with("World total computed by mprofile"), "{w:?}");
    assert_eq!(value(r, "unhcr", "REF.ORIGIN", "WORLD", 2024, ""), 30_958_200.0);
    assert_eq!(value(r, "unhcr", "REF.ORIGIN", "WESTERN_AFRICA", 2024, ""), 1_190_485.0);
    // ECOWAS in the year: Burkina Faso, Mali and Niger count in 2024, not in 2025.
    assert_eq!(value(r, "unhcr", "REF.ORIGIN", "ECOWAS", 2024, ""), 1_152_374.0);
    let e = find(r, "unhcr", "REF.ORIGIN", "ECOWAS", 2025, "").unwrap();
    assert_eq!(e.value, Some(623_931.0));
    assert_eq!(e.status, ObsStatus::Provisional);
    assert!(e.footnote.as_deref().unwrap().starts_with("Group total computed by mprofile"), "{e:?}");
    // IDMC's world estimate, before country figures exist, is the world total.
    assert_eq!(value(r, "idmc-unhcr", "IDP.STOCK", "WORLD", 1990, "CAUSE=CONFLICT"), 21_300_000.0);
    assert_eq!(value(r, "idmc-unhcr", "IDP.STOCK", "WORLD", 2024, "CAUSE=CONFLICT"), 73_573_201.0);
    assert!(find(r, "unhcr", "REF.ASY_DEC", "WORLD", 2023, "DECISION=RECOGNIZED").is_some());
}
