//! National data readers: long CSV with a mapping, SDMX-CSV 1.0/2.0 and the XLSX template,
//! against the repository's framework and the real area registry.

use mp_domain::{AreaCode, DatasetImport, IndicatorCode, Lang, ObsStatus, Observation, Period, ThemeCode};
use mp_export::template::{self as writer, Prefill, PrefillRow, PrefillValue};
use mp_ingest::IngestError;
use mp_ingest::context::{Context, ReadReport};
use mp_ingest::files::InputFile;
use mp_ingest::framework_dir::testing::fixture;
use mp_ingest::national::{self, Field, Mapping, MappingSource, SdmxOverrides};
use std::path::PathBuf;
use std::time::Instant;

fn ctx() -> Context<'static> {
    let (fw, areas) = fixture();
    Context::new(fw, areas)
}

fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/national").join(name)
}

fn input(name: &str) -> InputFile {
    InputFile::read(&fixture_path(name), &format!("national/{name}")).unwrap()
}

fn mem(name: &str, text: &str) -> InputFile {
    InputFile::from_bytes(name, text.as_bytes().to_vec())
}

fn mapping() -> Mapping {
    let text = std::fs::read_to_string(fixture_path("ansd_immigres.toml")).unwrap();
    Mapping::from_toml(&text, "national/ansd_immigres.toml").unwrap()
}

/// Finds one observation by indicator, area, period and dimension key (`SEX=F|…`, "" = total).
fn find<'a>(ds: &'a DatasetImport, ind: &str, area: &str, period: &str, dims: &str) -> &'a Observation {
    ds.observations
        .iter()
        .find(|o| o.indicator.as_str() == ind && o.area.as_str() == area && o.period.to_string() == period && o.dims.to_string() == dims)
        .unwrap_or_else(|| {
            panic!("no {ind} {area} {period} [{dims}] among {:#?}", ds.observations.iter().map(|o| o.key()).collect::<Vec<_>>())
        })
}

fn skipped(r: &ReadReport, reason_part: &str) -> u64 {
    r.skipped.iter().filter(|s| s.reason.contains(reason_part)).map(|s| s.rows).sum()
}

fn err_text(r: Result<ReadReport, IngestError>) -> String {
    match r {
        Ok(rep) => panic!("expected problems, got {} observations", rep.observations()),
        Err(e) => e.to_string(),
    }
}

// ---- long CSV --------------------------------------------------------------------------

#[test]
fn long_csv_reads_labels_names_and_thousands() {
    let t = Instant::now();
    let r = national::read_long_csv(&input("ansd_immigres.csv"), &mapping(), &ctx()).unwrap_or_else(|e| panic!("{e}"));
    eprintln!("ansd_immigres.csv: {} rows, {} observations in {:?} (debug build)", r.rows_read, r.observations(), t.elapsed());
    assert_eq!(r.rows_read, 7);
    assert_eq!(r.datasets.len(), 1);
    let ds = &r.datasets[0];
    assert_eq!(ds.source.code, "nat-sen-ansd-rgphae");
    assert_eq!(ds.vintage, "2013");
    assert_eq!(ds.observations.len(), 5);
    let total = find(ds, "IMM.STOCK", "SEN", "2013", "");
    assert_eq!(total.value, Some(244_900.0));
    assert_eq!(total.footnote.as_deref(), Some("Published in thousands; converted to units"));
    assert_eq!(total.provenance.locator, "row 2");
    assert_eq!(find(ds, "IMM.STOCK", "SEN", "2013", "SEX=F").value, Some(117_300.0));
    assert_eq!(find(ds, "IMM.STOCK", "SEN", "2013", "SEX=M").value, Some(127_600.0));
    let mali = find(ds, "IMM.STOCK", "SEN", "2013", "COUNTERPART_AREA=MLI");
    assert_eq!(mali.value, Some(36_100.0));
    assert_eq!(mali.status, ObsStatus::Estimated);
    assert_eq!(mali.footnote.as_deref(), Some("Lieu de naissance déclaré; Published in thousands; converted to units"));
    assert_eq!(find(ds, "IMM.STOCK", "SEN", "2013", "COUNTERPART_AREA=GIN").status, ObsStatus::Estimated);
    assert_eq!(skipped(&r, "empty value"), 1);
    assert_eq!(skipped(&r, "outside the profile countries"), 1);
}

#[test]
fn long_csv_mapping_built_in_code_with_tabs_and_constants() {
    let src = MappingSource {
        code: "gha-gis-permits".into(),
        name: "Residence permits".into(),
        publisher: "Ghana Immigration Service".into(),
        licence: String::new(),
        url: String::new(),
    };
    let mut m =
        Mapping::new(src, "2024").dim("PERMIT_REASON", Field::column("reason")).dim("COUNTERPART_AREA", Field::column("nationality"));
    m.indicator = Field::value("IMM.PERMITS");
    m.area = Field::value("GHA");
    m.period = Field::column("year");
    m.value = Field::column("permits");
    let f = mem("gis.tsv", "year\treason\tnationality\tpermits\n2023\t\tNigeria\t1200\n2023\t\tTogo\t300\n2023\t\t\t4100\n");
    let r = national::read_long_csv(&f, &m, &ctx()).unwrap_or_else(|e| panic!("{e}"));
    let ds = &r.datasets[0];
    assert_eq!(find(ds, "IMM.PERMITS", "GHA", "2023", "COUNTERPART_AREA=NGA").value, Some(1200.0));
    assert_eq!(find(ds, "IMM.PERMITS", "GHA", "2023", "").value, Some(4100.0));
    assert!(find(ds, "IMM.PERMITS", "GHA", "2023", "").footnote.is_none());
}

#[test]
fn long_csv_problems_name_row_column_value_and_expectation() {
    let m = mapping();
    let f = mem(
        "bad.csv",
        "Pays;Année;Sexe;Pays de naissance;Effectif (milliers);Statut;Note\n\
         Sénégal;2013;Total;Total;12a;;\n\
         Sénégal;2013;Féminine;Total;1;;\n\
         Atlantis;20x3;Total;Total;1;Z;\n\
         Sénégal;2014;Total;Total;1;;\n\
         SEN;2014;_T;_T;2;;\n",
    );
    let e = err_text(national::read_long_csv(&f, &m, &ctx()));
    assert!(e.contains("bad.csv, row 2, column Effectif (milliers): `12a`: `12a` is not a number"), "{e}");
    assert!(e.contains("bad.csv, row 3, column Sexe: `Féminine`: not a code of CL_SEX"), "{e}");
    assert!(e.contains("bad.csv, row 4, column Pays: `Atlantis`: unknown area"), "{e}");
    assert!(e.contains("bad.csv, row 4, column Année: `20x3`"), "{e}");
    assert!(e.contains("bad.csv, row 4, column Statut: `Z`: not an SDMX OBS_STATUS"), "{e}");
    assert!(e.contains("row 6: the same figure") && e.contains("first at row 5"), "{e}");
    assert!(e.contains("6 problems found; nothing was imported"), "{e}");
}

#[test]
fn long_csv_missing_columns_latin1_and_bad_mappings() {
    let m = mapping();
    let e = err_text(national::read_long_csv(&mem("cols.csv", "Pays;Année;Valeur\nSEN;2013;1\n"), &m, &ctx()));
    assert!(e.contains("cols.csv: missing columns Effectif (milliers) (for value), Statut (for obs_status), Note (for footnote), Pays de naissance (for dims.COUNTERPART_AREA), Sexe (for dims.SEX)"), "{e}");
    assert!(e.contains("expected the columns named in the mapping national/ansd_immigres.toml (found Pays, Année, Valeur)"), "{e}");

    let latin1 = InputFile::from_bytes("latin1.csv", b"Pays;Ann\xe9e;Sexe\nS\xe9n\xe9gal;2013;F\n".to_vec());
    let e = err_text(national::read_long_csv(&latin1, &m, &ctx()));
    assert!(e.contains("latin1.csv, row 1") && e.contains("not UTF-8") && e.contains("CSV UTF-8"), "{e}");

    let e = Mapping::from_toml("indicator = \"i\"\narea = \"a\"\nperiod = \"p\"\nvalue = \"v\"\nvintage = 2020\ncolour = 1\n[source]\ncode = \"x\"\nname = \"n\"\npublisher = \"p\"\n", "m.toml").unwrap_err().to_string();
    assert!(e.contains("m.toml, row 6") && e.contains("unknown field `colour`"), "{e}");
    let e = Mapping::from_toml("indicator = { val = \"X\" }\n", "m.toml").unwrap_err().to_string();
    assert!(e.contains("unknown key `val`: expected `value` or `column`"), "{e}");

    let mut bad = m.clone();
    bad.source.code = "ANSD RGPH".into();
    bad.dims.insert("GENDER".into(), Field::column("Sexe"));
    bad.indicator = Field::value("IMM.NOPE");
    let e = err_text(national::read_long_csv(&input("ansd_immigres.csv"), &bad, &ctx()));
    assert!(e.contains("national/ansd_immigres.toml, column source.code: `ANSD RGPH`: expected a source code"), "{e}");
    assert!(e.contains("column dims.GENDER: `GENDER`: unknown dimension"), "{e}");
    let e = err_text(national::read_long_csv(
        &input("ansd_immigres.csv"),
        &{
            let mut b = m.clone();
            b.indicator = Field::value("IMM.NOPE");
            b
        },
        &ctx(),
    ));
    assert!(e.contains("national/ansd_immigres.toml, column indicator: `IMM.NOPE`: unknown indicator"), "{e}");
}

#[test]
fn long_csv_dimension_the_indicator_lacks_is_named() {
    let mut m = mapping();
    m.dims.insert("AGE".into(), Field::column("age"));
    m.indicator = Field::value("EMI.STOCK");
    let f = mem("age.csv", "Pays,Année,Sexe,Pays de naissance,age,Effectif (milliers),Statut,Note\nSEN,2013,F,FRA,Y15T24,1,,\n");
    let e = err_text(national::read_long_csv(&f, &m, &ctx()));
    assert!(e.contains("age.csv, row 2, column age: `Y15T24`: indicator EMI.STOCK has no dimension AGE"), "{e}");
}

// ---- SDMX-CSV --------------------------------------------------------------------------

#[test]
fn sdmx_v1_dataflow_gives_source_and_vintage() {
    let t = Instant::now();
    let r = national::read_sdmx_csv(&input("ansd_census_v1.csv"), &ctx(), &SdmxOverrides::default()).unwrap_or_else(|e| panic!("{e}"));
    eprintln!("ansd_census_v1.csv: {} rows, {} observations in {:?} (debug build)", r.rows_read, r.observations(), t.elapsed());
    assert_eq!(r.rows_read, 5);
    assert_eq!(r.datasets.len(), 1);
    let ds = &r.datasets[0];
    assert_eq!((ds.source.code.as_str(), ds.source.publisher.as_str(), ds.vintage.as_str()), ("nat-sen-ansd-migr-census", "ANSD", "1.0"));
    let o = find(ds, "IMM.STOCK", "SEN", "2013", "");
    assert_eq!(o.value, Some(244_900.0));
    assert_eq!(o.footnote.as_deref(), Some("Published in thousands; converted to units"));
    assert_eq!(find(ds, "IMM.STOCK", "SEN", "2013", "SEX=F").value, Some(117_300.0));
    let missing = find(ds, "EMI.STOCK", "SEN", "2013", "COUNTERPART_AREA=FRA|SEX=M");
    assert_eq!((missing.value, missing.status), (None, ObsStatus::Missing));
    assert_eq!(missing.footnote.as_deref(), Some("Not collected, see report"));
    assert_eq!(find(ds, "EMI.STOCK", "SEN", "2013", "COUNTERPART_AREA=ITA").status, ObsStatus::Provisional);
    assert_eq!(skipped(&r, "outside the profile countries"), 1);
}

#[test]
fn sdmx_v2_semicolons_labels_both_and_series_column() {
    let r = national::read_sdmx_csv(&input("dgppe_register_v2.csv"), &ctx(), &SdmxOverrides::default()).unwrap_or_else(|e| panic!("{e}"));
    let ds = &r.datasets[0];
    assert_eq!(
        (ds.source.code.as_str(), ds.source.name.as_str(), ds.vintage.as_str()),
        ("nat-sen-dgppe-migr-reg", "Registre des migrations", "2.1")
    );
    let o = find(ds, "IMM.INFLOW", "SEN", "2022", "COUNTERPART_AREA=MLI|SEX=F");
    assert_eq!((o.value, o.status), (Some(1520.0), ObsStatus::Estimated));
    assert_eq!(find(ds, "IMM.INFLOW", "SEN", "2022-Q1", "COUNTERPART_AREA=MLI|SEX=M").value, Some(400.0));
    let o = find(ds, "IMM.INFLOW", "SEN", "2022", "");
    assert_eq!((o.value, o.provenance.locator.as_str()), (Some(3010.0), "row 4"));

    let over = SdmxOverrides {
        source: Some(mp_domain::SourceInfo {
            code: "sen-dgppe".into(),
            name: "DGPPE".into(),
            publisher: "DGPPE".into(),
            licence: "open".into(),
            url: String::new(),
        }),
        vintage: Some("2023-06".into()),
    };
    let r = national::read_sdmx_csv(&input("dgppe_register_v2.csv"), &ctx(), &over).unwrap();
    assert_eq!((r.datasets[0].source.code.as_str(), r.datasets[0].vintage.as_str()), ("nat-sen-dgppe", "2023-06"));
}

#[test]
fn sdmx_problems_are_all_reported() {
    let f = mem(
        "bad_v2.csv",
        "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,INDICATOR,SEX,FREQ,TIME_PERIOD,OBS_VALUE,OBS_STATUS\n\
         dataflow,ANSD:MIGR_CENSUS(1.0),D,SEN,IMM.STOCK,F,A,2013,1,\n\
         dataflow,ANSD:MIGR_CENSUS(1.0),I,SEN,IMM.STOCK,X,A,2013,1,\n\
         dataflow,ANSD:MIGR_CENSUS(1.0),I,SEN,IMM.STOCK,M,A,2013,,\n\
         dataflow,ANSD:MIGR_CENSUS(1.0),I,SEN,IMM.STOCK,_T,Q,2013,\"3010,5\",\n\
         table,ANSD-MIGR,I,SEN,IMM.STOCK,_T,A,2012,1,\n",
    );
    let e = err_text(national::read_sdmx_csv(&f, &ctx(), &SdmxOverrides::default()));
    assert!(e.contains("bad_v2.csv, row 2, column ACTION: `D`: ACTION D (delete) is not supported yet"), "{e}");
    assert!(e.contains("bad_v2.csv, row 3, column SEX: `X`: not a code of CL_SEX"), "{e}");
    assert!(e.contains("bad_v2.csv, row 4, column OBS_VALUE: ``: empty: expected a number, or an OBS_STATUS for a missing value"), "{e}");
    assert!(e.contains("bad_v2.csv, row 5, column FREQ: `Q`: the frequency does not match TIME_PERIOD 2013: expected A"), "{e}");
    assert!(e.contains("bad_v2.csv, row 5, column OBS_VALUE: `3010,5`: `3010,5` is not a number"), "{e}");
    assert!(e.contains("bad_v2.csv, row 6, column STRUCTURE: `table`: expected dataflow"), "{e}");
    assert!(e.contains("bad_v2.csv, row 6, column STRUCTURE_ID: `ANSD-MIGR`: not a dataflow reference"), "{e}");

    let e = err_text(national::read_sdmx_csv(
        &mem("cols.csv", "DATAFLOW,REF_AREA,TIME_PERIOD,VALUE,COLOUR\nA:B(1),SEN,2020,1,red\n"),
        &ctx(),
        &SdmxOverrides::default(),
    ));
    assert!(e.contains("cols.csv, row 1: unknown columns VALUE, COLOUR"), "{e}");
    assert!(e.contains("cols.csv, row 1: missing columns INDICATOR (or SERIES or MEASURE), OBS_VALUE"), "{e}");

    let e = err_text(national::read_sdmx_csv(&mem("plain.csv", "country,year,value\nSEN,2020,1\n"), &ctx(), &SdmxOverrides::default()));
    assert!(e.contains("plain.csv, row 1, column country: `country`: the first column is not DATAFLOW"), "{e}");

    let latin1 = InputFile::from_bytes(
        "latin1_sdmx.csv",
        b"DATAFLOW,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE,COMMENT_OBS\nA:B(1),SEN,IMM.STOCK,2020,1,estim\xe9\n".to_vec(),
    );
    let e = err_text(national::read_sdmx_csv(&latin1, &ctx(), &SdmxOverrides::default()));
    assert!(e.contains("latin1_sdmx.csv, row 2") && e.contains("not UTF-8"), "{e}");

    let dup = mem(
        "dup.csv",
        "DATAFLOW,REF_AREA,INDICATOR,SEX,TIME_PERIOD,OBS_VALUE\nA:B(1),SEN,IMM.STOCK,_T,2020,1\nA:B(1),SEN,IMM.STOCK,,2020,2\n",
    );
    let e = err_text(national::read_sdmx_csv(&dup, &ctx(), &SdmxOverrides::default()));
    assert!(e.contains("row 3: the same figure (IMM.STOCK|SEN|2020|) is given twice: first at row 2"), "{e}");
}

#[test]
fn sdmx_written_reads_back() {
    let (fw, _) = fixture();
    let r = national::read_sdmx_csv(&input("ansd_census_v1.csv"), &ctx(), &SdmxOverrides::default()).unwrap();
    let obs = &r.datasets[0].observations;
    let text = mp_export::write_sdmx_csv(fw, obs);
    assert!(text.starts_with("STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,INDICATOR,AGE,COUNTERPART_AREA,SEX,TIME_PERIOD,OBS_VALUE,OBS_STATUS,UNIT_MULT,COMMENT_OBS\r\n"), "{text}");
    assert!(
        text.contains("dataflow,MPROFILE:MIGRATION_PROFILE(1.0),I,SEN,EMI.STOCK,_Z,FRA,M,2013,,O,0,\"Not collected, see report\""),
        "{text}"
    );
    let back = national::read_sdmx_csv(&mem("export.csv", &text), &ctx(), &SdmxOverrides::default()).unwrap();
    assert_eq!(back.datasets[0].source.code, "nat-sen-mprofile-migration-profile");
    let strip = |v: &[Observation]| v.iter().map(|o| (o.key(), o.value, o.status, o.footnote.clone())).collect::<Vec<_>>();
    assert_eq!(strip(&back.datasets[0].observations), strip(obs));
}

// ---- XLSX template ---------------------------------------------------------------------

fn sen() -> AreaCode {
    AreaCode::parse("SEN").unwrap()
}

fn t04() -> ThemeCode {
    ThemeCode::parse("T04").unwrap()
}

fn row(ind: &str, period: &str, dims: &[(&str, &str)], value: PrefillValue, status: &str, note: &str) -> PrefillRow {
    PrefillRow {
        indicator: IndicatorCode::parse(ind).unwrap(),
        period: period.into(),
        dims: dims.iter().map(|(d, v)| (d.to_string(), v.to_string())).collect(),
        value,
        status: status.into(),
        footnote: note.into(),
    }
}

fn filled(rows: Vec<PrefillRow>) -> Prefill {
    Prefill {
        source_name: "Enquête nationale sur la migration".into(),
        publisher: "ANSD".into(),
        licence: "CC BY 4.0".into(),
        vintage: "2023".into(),
        short_code: String::new(),
        rows,
    }
}

fn sheets_of(bytes: &[u8]) -> Vec<(String, calamine::SheetVisible)> {
    use calamine::Reader;
    let wb: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    wb.sheets_metadata().iter().map(|s| (s.name.clone(), s.visible)).collect()
}

#[test]
fn template_lists_collected_indicators_with_hidden_sheets() {
    let (fw, areas) = fixture();
    let t = Instant::now();
    let bytes = writer::write_template(fw, areas, &sen(), Some(&t04()), Lang::Fr).unwrap();
    eprintln!("template SEN T04 fr: {} bytes in {:?} (debug build)", bytes.len(), t.elapsed());
    let sheets = sheets_of(&bytes);
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names.first(), Some(&"Instructions"));
    assert!(names.contains(&"IMM.STOCK") && names.contains(&"EMI.STOCK") && names.contains(&"REF.HOSTED"), "{names:?}");
    assert!(!names.contains(&"IMM.STOCK_PCT") && !names.contains(&"EMI.RATE"), "computed indicators are derived: {names:?}");
    let collected = fw.indicators_of(&t04()).filter(|i| i.formula.is_none()).count();
    assert_eq!(names.len(), collected + 3, "{names:?}");
    assert_eq!(sheets.iter().find(|(n, _)| n == "lists").map(|(_, v)| *v), Some(calamine::SheetVisible::Hidden));
    assert_eq!(sheets.iter().find(|(n, _)| n == "_mprofile").map(|(_, v)| *v), Some(calamine::SheetVisible::VeryHidden));

    // What a ministry sees: French labels, the indicator's definition, drop-down values.
    let mut wb = mp_ingest::workbook::Workbook::open(&InputFile::from_bytes("t.xlsx", bytes.clone())).unwrap();
    let ins = wb.sheet("Instructions").unwrap();
    let text =
        |r: &calamine::Range<calamine::Data>| r.cells().map(|(_, _, d)| mp_ingest::workbook::cell_text(d)).collect::<Vec<_>>().join("\n");
    let ins_text = text(&ins);
    assert!(
        ins_text.contains("Profil migratoire — modèle de transmission des données")
            && ins_text.contains("Sénégal (SEN)")
            && ins_text.contains("Millésime"),
        "{ins_text}"
    );
    assert!(ins_text.contains("E — Valeur estimée"), "{ins_text}");
    let imm = text(&wb.sheet("IMM.STOCK").unwrap());
    let def = fw.find("IMM.STOCK").unwrap().definition.fr.clone();
    assert!(imm.contains(&def) && imm.contains("Sexe (SEX)") && imm.contains("Valeur") && imm.contains("Statut (OBS_STATUS)"), "{imm}");
    // The candidate sources in French, as the framework names them.
    assert!(
        imm.contains(
            "ONU-DAES, Division de la population, Stock de migrants internationaux 2024 ; Institut national de la statistique, recensement"
        ) && !imm.contains("International Migrant Stock"),
        "{imm}"
    );
    let lists = text(&wb.sheet("lists").unwrap());
    assert!(
        lists.contains("F — Féminin")
            && lists.contains("MLI — Mali")
            && lists.contains("ECOWAS — ")
            && lists.contains("O — Valeur manquante"),
        "{lists}"
    );

    // Read back blank: nothing to import, and the dataset fields are asked for.
    let e = err_text(national::read_template(&InputFile::from_bytes("blank.xlsx", bytes), &ctx()));
    assert!(e.contains("blank.xlsx, sheet Instructions, row 6, column B: ``: empty: expected the source name"), "{e}");
    assert!(e.contains("row 9, column B") && e.contains("vintage"), "{e}");
}

#[test]
fn filled_template_imports_back() {
    let (fw, areas) = fixture();
    let fill = filled(vec![
        row("IMM.STOCK", "2013", &[("SEX", "F — Féminin"), ("COUNTERPART_AREA", "MLI — Mali")], PrefillValue::Number(12345.0), "", ""),
        row("IMM.STOCK", "2013", &[("SEX", "Masculin")], PrefillValue::Number(20000.5), "E — Valeur estimée", "Estimation de l'ANSD"),
        row("IMM.STOCK", "2013", &[], PrefillValue::Empty, "", ""),
        row("IMM.STOCK", "2019-2020", &[("AGE", "Y15T64")], PrefillValue::Empty, "O", ""),
        row("IMM.STOCK", "", &[], PrefillValue::Empty, "", ""),
        row("EMI.STOCK", "2020", &[("COUNTERPART_AREA", "France")], PrefillValue::Text("45000".into()), "p", ""),
    ]);
    let bytes = writer::write_template_prefilled(fw, areas, &sen(), Some(&t04()), Lang::Fr, &fill).unwrap();
    let t = Instant::now();
    let r = national::read_template(&InputFile::from_bytes("SEN-T04-rempli.xlsx", bytes), &ctx()).unwrap_or_else(|e| panic!("{e}"));
    eprintln!("filled template: {} rows, {} observations in {:?} (debug build)", r.rows_read, r.observations(), t.elapsed());
    assert_eq!(r.datasets.len(), 1);
    let ds = &r.datasets[0];
    assert_eq!(
        (ds.source.code.as_str(), ds.source.publisher.as_str(), ds.source.licence.as_str(), ds.vintage.as_str()),
        ("nat-sen-ansd-enquete-nationale-sur-la-migration", "ANSD", "CC BY 4.0", "2023")
    );
    assert_eq!(ds.observations.len(), 4);
    let o = find(ds, "IMM.STOCK", "SEN", "2013", "COUNTERPART_AREA=MLI|SEX=F");
    assert_eq!((o.value, o.status, o.provenance.locator.as_str()), (Some(12345.0), ObsStatus::Normal, "IMM.STOCK!E12"));
    let o = find(ds, "IMM.STOCK", "SEN", "2013", "SEX=M");
    assert_eq!(
        (o.value, o.status, o.footnote.as_deref(), o.provenance.locator.as_str()),
        (Some(20000.5), ObsStatus::Estimated, Some("Estimation de l'ANSD"), "IMM.STOCK!E13")
    );
    let o = find(ds, "IMM.STOCK", "SEN", "2019-2020", "AGE=Y15T64");
    assert_eq!((o.value, o.status), (None, ObsStatus::Missing));
    assert_eq!(o.period, Period::Range(2019, 2020));
    let o = find(ds, "EMI.STOCK", "SEN", "2020", "COUNTERPART_AREA=FRA");
    assert_eq!((o.value, o.status, o.provenance.locator.as_str()), (Some(45000.0), ObsStatus::Provisional, "EMI.STOCK!D12"));
    assert_eq!(r.rows_read, 5, "the fully empty row is not counted");
    assert_eq!(skipped(&r, "without a value or an OBS_STATUS"), 1);

    // The same figures, sent back for review, import identically.
    let again = Prefill { rows: Prefill::from_observations(fw, areas, &ds.observations, Lang::Pt), ..fill };
    let bytes = writer::write_template_prefilled(fw, areas, &sen(), Some(&t04()), Lang::Pt, &again).unwrap();
    let r2 = national::read_template(&InputFile::from_bytes("review.xlsx", bytes), &ctx()).unwrap_or_else(|e| panic!("{e}"));
    let keys = |d: &DatasetImport| {
        let mut v: Vec<_> = d.observations.iter().map(|o| (o.key(), o.value, o.status, o.footnote.clone())).collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v
    };
    assert_eq!(keys(&r2.datasets[0]), keys(ds));
}

#[test]
fn template_problems_name_sheet_row_and_column() {
    let (fw, areas) = fixture();
    let fill = filled(vec![
        row("IMM.STOCK", "20x3", &[], PrefillValue::Number(1.0), "", ""),
        row("IMM.STOCK", "2013", &[("SEX", "X — Inconnu")], PrefillValue::Number(1.0), "", ""),
        row("IMM.STOCK", "2014", &[], PrefillValue::Text("12 000".into()), "", ""),
        row("IMM.STOCK", "2015", &[], PrefillValue::Empty, "E", ""),
        row("EMI.STOCK", "2015", &[("COUNTERPART_AREA", "Atlantide")], PrefillValue::Number(3.0), "", ""),
    ]);
    let bytes = writer::write_template_prefilled(fw, areas, &sen(), Some(&t04()), Lang::Fr, &fill).unwrap();
    let e = err_text(national::read_template(&InputFile::from_bytes("x.xlsx", bytes), &ctx()));
    assert!(e.contains("x.xlsx, sheet IMM.STOCK, row 12, column A: `20x3`: `20x3` is not a valid period"), "{e}");
    assert!(e.contains("x.xlsx, sheet IMM.STOCK, row 13, column B: `X — Inconnu`: not a code of CL_SEX"), "{e}");
    assert!(e.contains("x.xlsx, sheet IMM.STOCK, row 14, column E: `12 000`: `12 000` is not a number"), "{e}");
    assert!(e.contains("x.xlsx, sheet IMM.STOCK, row 15, column E: ``: empty: expected a number"), "{e}");
    assert!(e.contains("x.xlsx, sheet EMI.STOCK, row 12, column C: `Atlantide`: unknown area"), "{e}");
    assert!(e.contains("5 problems found; nothing was imported"), "{e}");
}

#[test]
fn truncated_and_foreign_workbooks_are_refused() {
    let (fw, areas) = fixture();
    let bytes = writer::write_template(fw, areas, &sen(), Some(&t04()), Lang::En).unwrap();
    let cut = InputFile::from_bytes("cut.xlsx", bytes[..bytes.len() / 2].to_vec());
    let e = err_text(national::read_template(&cut, &ctx()));
    assert!(e.contains("cut.xlsx: not a readable XLSX workbook") && e.contains("truncated"), "{e}");

    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet().write_string(0, 0, "hello").unwrap();
    let other = InputFile::from_bytes("other.xlsx", wb.save_to_buffer().unwrap());
    let e = err_text(national::read_template(&other, &ctx()));
    assert!(e.contains("other.xlsx: not an mprofile submission template"), "{e}");

    assert!(
        writer::write_template(fw, areas, &AreaCode::parse("ECOWAS").unwrap(), None, Lang::En)
            .unwrap_err()
            .to_string()
            .contains("unknown country ECOWAS")
    );
    assert!(
        writer::write_template(fw, areas, &sen(), Some(&ThemeCode::parse("T99").unwrap()), Lang::En)
            .unwrap_err()
            .to_string()
            .contains("unknown theme T99")
    );
}

/// A template as a spreadsheet program might save it after a user moved, added or renamed
/// table columns (the hidden `_mprofile` sheet is what `write_template` records).
fn hand_made(value_header: &str) -> InputFile {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ins = wb.add_worksheet();
    ins.set_name("Instructions").unwrap();
    for (r, v) in [(5, "Registre des consulats"), (6, "MAESE"), (8, "2022")] {
        ins.write_string(r, 1, v).unwrap();
    }
    let ws = wb.add_worksheet();
    ws.set_name("EMI.STOCK").unwrap();
    let headers = [
        value_header,
        "Période",
        "Commentaire interne",
        "Note",
        "Statut (OBS_STATUS)",
        "Pays ou zone partenaire (COUNTERPART_AREA)",
        "Sexe (SEX)",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(10, c as u16, *h).unwrap();
    }
    ws.write_number(11, 0, 5400.0).unwrap();
    ws.write_number(11, 1, 2022.0).unwrap();
    ws.write_string(11, 2, "à vérifier").unwrap();
    ws.write_string(11, 5, "Italie").unwrap();
    ws.write_string(11, 6, "Femmes").unwrap();
    let meta = wb.add_worksheet();
    meta.set_name("_mprofile").unwrap();
    let rows: Vec<Vec<&str>> = vec![
        vec!["template_version", "1"],
        vec!["country", "SEN"],
        vec!["language", "fr"],
        vec!["dataset_sheet", "Instructions"],
        vec!["source_name", "B6"],
        vec!["publisher", "B7"],
        vec!["licence", "B8"],
        vec!["vintage", "B9"],
        vec!["short_code", "B10"],
        vec![
            "sheet",
            "EMI.STOCK",
            "EMI.STOCK",
            "11",
            "12",
            "PERIOD",
            "Période",
            "SEX",
            "Sexe (SEX)",
            "COUNTERPART_AREA",
            "Pays ou zone partenaire (COUNTERPART_AREA)",
            "OBS_VALUE",
            "Valeur",
            "OBS_STATUS",
            "Statut (OBS_STATUS)",
            "FOOTNOTE",
            "Note",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            meta.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    InputFile::from_bytes("moved.xlsx", wb.save_to_buffer().unwrap())
}

#[test]
fn template_columns_are_found_by_their_header() {
    let r = national::read_template(&hand_made("Valeur"), &ctx()).unwrap_or_else(|e| panic!("{e}"));
    let ds = &r.datasets[0];
    assert_eq!((ds.source.code.as_str(), ds.vintage.as_str()), ("nat-sen-maese-registre-des-consulats", "2022"));
    let o = find(ds, "EMI.STOCK", "SEN", "2022", "COUNTERPART_AREA=ITA|SEX=F");
    assert_eq!((o.value, o.provenance.locator.as_str()), (Some(5400.0), "EMI.STOCK!A12"));

    let e = err_text(national::read_template(&hand_made("Montant"), &ctx()));
    assert!(e.contains("moved.xlsx, sheet EMI.STOCK, row 11: the table header lost the column Valeur"), "{e}");
}

#[test]
fn template_for_every_theme_in_every_language() {
    let (fw, areas) = fixture();
    for lang in Lang::ALL {
        let t = Instant::now();
        let bytes = writer::write_template(fw, areas, &AreaCode::parse("CPV").unwrap(), None, lang).unwrap();
        let n = sheets_of(&bytes).len();
        eprintln!("template CPV all themes {lang}: {n} sheets, {} bytes in {:?} (debug build)", bytes.len(), t.elapsed());
        assert_eq!(n, fw.indicators.iter().filter(|i| i.formula.is_none()).count() + 3);
    }
}

// ---- properties ------------------------------------------------------------------------

mod properties {
    use super::*;
    use mp_domain::framework::DimensionValues;
    use mp_domain::{DimensionKey, Provenance, UnitMult};
    use proptest::prelude::*;
    use std::collections::HashSet;

    /// Cells that exercise every branch: codes, labels, names, numbers, junk, quotes, delimiters.
    const CELLS: &[&str] = &[
        "",
        "SEN",
        "sénégal",
        "Côte d’Ivoire",
        "ECOWAS",
        "686",
        "FRA",
        "XKX",
        "Atlantis",
        "IMM.STOCK",
        "EMI.STOCK",
        "imm.stock",
        "IMM.NOPE",
        "F",
        "Féminin",
        "F — Féminin",
        "_T",
        "_Z",
        "Total",
        "Y15T64",
        "2013",
        "2013-Q2",
        "2015-2020",
        "20x3",
        "1e999",
        "-0",
        "12.5",
        "1,5",
        "NaN",
        "..",
        "E",
        "O",
        "Z",
        "3",
        "ANSD:MIGR_CENSUS(1.0)",
        "A:B",
        "dataflow",
        "D",
        "I",
        "\"",
        "\"\"",
        ";",
        ",",
        "\t",
        "\n",
        "é\u{0}",
        "🙂",
        "SEN: Senegal",
    ];
    const HEADERS: &[&str] = &[
        "DATAFLOW",
        "STRUCTURE",
        "STRUCTURE[;]",
        "STRUCTURE_ID",
        "ACTION",
        "REF_AREA",
        "INDICATOR",
        "SERIES",
        "SEX",
        "AGE",
        "COUNTERPART_AREA",
        "FREQ",
        "TIME_PERIOD",
        "OBS_VALUE",
        "OBS_STATUS",
        "UNIT_MULT",
        "COMMENT_OBS",
        "Pays",
        "Année",
        "Sexe",
        "Pays de naissance",
        "Effectif (milliers)",
        "Statut",
        "Note",
        "REF_AREA: Reference area",
        "X",
    ];

    fn table() -> impl Strategy<Value = String> {
        let delim = prop::sample::select(vec![",", ";", "\t"]);
        let header = prop::collection::vec(prop::sample::select(HEADERS), 1..12);
        let eol = prop::sample::select(vec!["\n", "\r\n"]);
        (delim, header, eol).prop_flat_map(|(d, h, eol)| {
            let n = h.len();
            let rows = prop::collection::vec(prop::collection::vec(prop::sample::select(CELLS), n..=n), 0..8);
            rows.prop_map(move |rows| {
                let mut s = h.join(d);
                for r in rows {
                    s.push_str(eol);
                    s.push_str(&r.join(d));
                }
                s
            })
        })
    }

    fn readers(f: &InputFile) {
        let c = ctx();
        let _ = national::read_long_csv(f, &mapping(), &c);
        let _ = national::read_sdmx_csv(f, &c, &SdmxOverrides::default());
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
            let f = InputFile::from_bytes("any.csv", bytes);
            readers(&f);
            let _ = national::read_template(&f, &ctx());
        }

        #[test]
        fn damaged_templates_never_panic(cut in 0usize..100_000, flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4)) {
            static T: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
            let good = T.get_or_init(|| {
                let (fw, areas) = fixture();
                let fill = filled(vec![row("IMM.STOCK", "2013", &[("SEX", "F")], PrefillValue::Number(1.0), "", "")]);
                writer::write_template_prefilled(fw, areas, &sen(), Some(&t04()), Lang::Fr, &fill).unwrap()
            });
            let mut bytes = good[..cut.min(good.len())].to_vec();
            for (at, b) in flips {
                if !bytes.is_empty() {
                    let i = at.index(bytes.len());
                    bytes[i] = b;
                }
            }
            let _ = national::read_template(&InputFile::from_bytes("damaged.xlsx", bytes), &ctx());
        }

        #[test]
        fn csv_like_tables_never_panic(text in table()) {
            readers(&mem("table.csv", &text));
        }
    }

    /// Observations the store could hold: in-scope areas, codes of each indicator's dimensions,
    /// finite values (or none with a missing-value status), trimmed footnotes.
    fn observations() -> impl Strategy<Value = Vec<Observation>> {
        let (fw, areas) = fixture();
        let c = ctx();
        let inds: Vec<&'static mp_domain::Indicator> = fw.indicators.iter().filter(|i| i.formula.is_none()).collect();
        // A national file reports on one country.
        let scope: Vec<AreaCode> = areas.all().iter().map(|a| a.code.clone()).filter(|a| c.in_scope(a) && a.as_str() == "SEN").collect();
        let one = (
            prop::sample::select(inds),
            prop::sample::select(scope),
            prop_oneof![
                (1950i32..2100).prop_map(Period::Year),
                (1950i32..2100, 1u8..=4).prop_map(|(y, q)| Period::Quarter(y, q)),
                (1950i32..2100, 1u8..=12).prop_map(|(y, m)| Period::Month(y, m)),
                (1950i32..2090, 1i32..10).prop_map(|(y, n)| Period::Range(y, y + n)),
            ],
            prop::collection::vec(any::<prop::sample::Index>(), 4),
            prop_oneof![3 => any::<f64>().prop_filter("finite", |v| v.is_finite()).prop_map(Some), 1 => Just(None)],
            any::<prop::sample::Index>(),
            prop_oneof![Just(String::new()), "[a-zA-Z0-9 ,;\"'éàç€:—\n-]{0,40}"],
        )
            .prop_map(move |(ind, area, period, picks, value, st, note)| {
                let mut dims = DimensionKey::total();
                for (d, pick) in ind.dimensions.iter().zip(&picks) {
                    let codes: Vec<String> = match fw.dimensions.get(d).map(|x| &x.values) {
                        Some(DimensionValues::Areas) => areas.all().iter().map(|a| a.code.to_string()).collect(),
                        _ => fw
                            .codelist_of(d)
                            .map(|cl| cl.codes.iter().map(|c| c.id.to_string()).filter(|c| c != "_Z").collect())
                            .unwrap_or_default(),
                    };
                    if !codes.is_empty() {
                        dims.set(d.clone(), mp_domain::CodeValue::parse(&codes[pick.index(codes.len())]).unwrap());
                    }
                }
                let statuses: Vec<ObsStatus> = ObsStatus::all().filter(|s| s.is_missing() == value.is_none()).collect();
                let note = note.trim().to_string();
                Observation {
                    indicator: ind.code.clone(),
                    area,
                    period,
                    dims,
                    value,
                    status: statuses[st.index(statuses.len())],
                    unit_mult: UnitMult::UNITS,
                    footnote: (!note.is_empty()).then_some(note),
                    provenance: Provenance::default(),
                }
            });
        prop::collection::vec(one, 1..25).prop_map(|v| {
            let mut seen = HashSet::new();
            v.into_iter().filter(|o| seen.insert(o.key())).collect()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn written_sdmx_csv_reads_back_identically(obs in observations()) {
            let (fw, _) = fixture();
            let text = mp_export::write_sdmx_csv(fw, &obs);
            let back = national::read_sdmx_csv(&mem("export.csv", &text), &ctx(), &SdmxOverrides::default()).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
            prop_assert_eq!(back.datasets.len(), 1);
            let got = &back.datasets[0].observations;
            prop_assert_eq!(got.len(), obs.len());
            for (i, (a, b)) in obs.iter().zip(got).enumerate() {
                prop_assert_eq!(a.key(), b.key());
                prop_assert_eq!(a.value.map(f64::to_bits), b.value.map(f64::to_bits), "value of {}", a.key());
                prop_assert_eq!(a.status, b.status);
                prop_assert_eq!(&a.footnote, &b.footnote);
                prop_assert_eq!(b.unit_mult, UnitMult::UNITS);
                prop_assert_eq!(&b.provenance.locator, &format!("row {}", i + 2 + obs[..i].iter().map(|o| o.footnote.as_deref().unwrap_or("").matches('\n').count()).sum::<usize>()));
            }
        }
    }
}

#[test]
#[ignore = "writes /tmp/mprofile-template-SEN-T04-fr.xlsx for a look in a spreadsheet"]
fn dump_template() {
    let (fw, areas) = fixture();
    let fill = filled(vec![row(
        "IMM.STOCK",
        "2013",
        &[("SEX", "F — Féminin"), ("COUNTERPART_AREA", "MLI — Mali")],
        PrefillValue::Number(12345.0),
        "",
        "",
    )]);
    let bytes = writer::write_template_prefilled(fw, areas, &sen(), Some(&t04()), Lang::Fr, &fill).unwrap();
    std::fs::write("/tmp/mprofile-template-SEN-T04-fr.xlsx", bytes).unwrap();
}

#[test]
#[ignore = "timing: writes and reads back 50,000 SDMX-CSV rows"]
fn sdmx_throughput() {
    let (fw, areas) = fixture();
    let ind = IndicatorCode::parse("EMI.STOCK").unwrap();
    let partners: Vec<&mp_domain::Area> = areas.all().iter().filter(|a| a.kind == mp_domain::AreaKind::Country).collect();
    let mut obs = Vec::new();
    for y in 1990..2190 {
        for (i, p) in partners.iter().enumerate() {
            if obs.len() == 50_000 {
                break;
            }
            let key = mp_domain::DimensionKey::parse(&format!("COUNTERPART_AREA={}", p.code)).unwrap();
            obs.push(Observation {
                indicator: ind.clone(),
                area: sen(),
                period: Period::Year(y),
                dims: key,
                value: Some(i as f64 * 1.5),
                status: ObsStatus::Normal,
                unit_mult: mp_domain::UnitMult::UNITS,
                footnote: None,
                provenance: Default::default(),
            });
        }
    }
    let t = Instant::now();
    let text = mp_export::write_sdmx_csv(fw, &obs);
    let w = t.elapsed();
    let t = Instant::now();
    let r = national::read_sdmx_csv(&mem("big.csv", &text), &ctx(), &SdmxOverrides::default()).unwrap();
    eprintln!("{} rows: written in {w:?}, read in {:?}", r.observations(), t.elapsed());
}
