//! Files made to break the national readers: each test reproduces an attack and checks that the
//! file is refused with a clear problem (file, row, column) instead of a panic, a silent loss,
//! a write to another source, or unbounded memory. Every fixture is made by code here.

use mp_ingest::IngestError;
use mp_ingest::context::{Context, ReadReport};
use mp_ingest::files::InputFile;
use mp_ingest::framework_dir::testing::fixture;
use mp_ingest::national::{self, Mapping, SdmxOverrides};

fn ctx() -> Context<'static> {
    let (fw, areas) = fixture();
    Context::new(fw, areas)
}

fn mem(name: &str, text: &str) -> InputFile {
    InputFile::from_bytes(name, text.as_bytes().to_vec())
}

fn err_text(r: Result<ReadReport, IngestError>) -> String {
    match r {
        Ok(rep) => panic!("expected problems, got {} observations", rep.observations()),
        Err(e) => e.to_string(),
    }
}

fn sdmx(text: &str) -> Result<ReadReport, IngestError> {
    national::read_sdmx_csv(&mem("attack.csv", text), &ctx(), &SdmxOverrides::default())
}

const MAPPING: &str = r#"
indicator = "indicator"
area = "area"
period = "period"
value = "value"
vintage = "2024"

[source]
code = "CODE"
name = "Census"
publisher = "ANSD"
"#;

fn long_csv(code: &str, text: &str) -> Result<ReadReport, IngestError> {
    let m = Mapping::from_toml(&MAPPING.replace("CODE", code), "m.toml").unwrap_or_else(|e| panic!("{e}"));
    national::read_long_csv(&mem("attack.csv", text), &m, &ctx())
}

// ---- source ownership -------------------------------------------------------------------

#[test]
fn a_dataflow_naming_a_public_source_is_refused() {
    let e = err_text(sdmx("DATAFLOW,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE\nUNDESA:IMS(2024),SEN,IMM.STOCK,2024,1\n"));
    assert!(
        e.contains("attack.csv") && e.contains("`undesa-ims`, a public source") && e.contains("cannot add to, change or rename"),
        "{e}"
    );
}

#[test]
fn a_mapping_naming_a_public_source_is_refused() {
    for code in ["undesa-ims", "sen-undesa-ims", "nat-sen-un-wpp", "unhcr"] {
        let e = err_text(long_csv(code, "indicator,area,period,value\nIMM.STOCK,SEN,2024,1\n"));
        assert!(e.contains("a public source"), "{code}: {e}");
    }
}

#[test]
fn national_sources_are_namespaced_by_country_and_organisation() {
    let r = long_csv("ansd-census", "indicator,area,period,value\nIMM.STOCK,SEN,2024,1\n").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.datasets[0].source.code, "nat-sen-ansd-census");
    let r =
        sdmx("DATAFLOW,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE\nGIS:PERMITS(1),GHA,IMM.STOCK,2024,1\n").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.datasets[0].source.code, "nat-gha-gis-permits");
    let e = err_text(sdmx("DATAFLOW,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE\nX:Y(1),GHA,IMM.STOCK,2024,1\nX:Y(1),SEN,IMM.STOCK,2024,1\n"));
    assert!(e.contains("figures for 2 countries (GHA, SEN)"), "{e}");
}

// ---- empty files ------------------------------------------------------------------------

#[test]
fn a_header_only_file_is_refused_as_no_data_rows() {
    let e = err_text(sdmx("DATAFLOW,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE\n"));
    assert!(e.contains("attack.csv: no data rows"), "{e}");
    let e = err_text(long_csv("ansd-census", "indicator,area,period,value\n"));
    assert!(e.contains("attack.csv: no data rows"), "{e}");
    let e = err_text(long_csv("ansd-census", "indicator,area,period,value\nIMM.STOCK,FRA,2024,1\n"));
    assert!(e.contains("no figure to import: 1 row(s) read, all left out"), "{e}");
}

// ---- periods ------------------------------------------------------------------------------

#[test]
fn non_ascii_periods_are_problems_not_panics() {
    let e = err_text(sdmx("DATAFLOW,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE\nX:Y(1),SEN,IMM.STOCK,Année,1\n"));
    assert!(e.contains("attack.csv, row 2, column TIME_PERIOD: `Année`: `Année` is not a valid period"), "{e}");
    // The header repeated inside the file, as when two exports are pasted together.
    let e = err_text(long_csv("ansd-census", "indicator,area,period,value\nIMM.STOCK,SEN,2020,1\nindicator,area,période,value\n"));
    assert!(e.contains("row 3"), "{e}");
}
