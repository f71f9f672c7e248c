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

// ---- XLSX bombs ---------------------------------------------------------------------------

mod xlsx {
    use super::*;
    use mp_domain::{AreaCode, Lang};
    use mp_ingest::Limits;
    use mp_ingest::workbook::Workbook;
    use std::io::{Cursor, Read, Write};
    use std::time::Instant;
    use zip::write::SimpleFileOptions;

    /// A zip of the given parts, deflated.
    fn zip_parts(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in parts {
            w.start_file(name.as_str(), opts).unwrap();
            w.write_all(bytes).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    /// The smallest workbook calamine opens: one sheet `S` with the given `<sheetData>` content
    /// and optional shared strings.
    fn workbook(sheet_data: &str, shared: Option<&str>) -> Vec<u8> {
        let mut parts = vec![
            ("[Content_Types].xml".to_string(), br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_vec()),
            ("_rels/.rels".to_string(), br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_vec()),
            ("xl/workbook.xml".to_string(), br#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_vec()),
            ("xl/_rels/workbook.xml.rels".to_string(), br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_vec()),
            ("xl/worksheets/sheet1.xml".to_string(), format!(r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{sheet_data}</sheetData></worksheet>"#).into_bytes()),
        ];
        if let Some(s) = shared {
            parts.push(("xl/sharedStrings.xml".to_string(), s.as_bytes().to_vec()));
        }
        zip_parts(&parts)
    }

    #[test]
    fn a_huge_sparse_range_is_refused_before_allocating() {
        // Two cells, A1 and XFD1048576: 17 billion cells of rectangle for 2 KB of file.
        let bytes = workbook(r#"<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row>"#, None);
        assert!(bytes.len() < 4_000, "{}", bytes.len());
        let f = InputFile::from_bytes("bomb.xlsx", bytes);
        let e = Workbook::open(&f).and_then(|mut wb| wb.sheet("S")).expect_err("refused").to_string();
        assert!(e.contains("bomb.xlsx, sheet S") && e.contains("cell S!XFD1048576 lies outside"), "{e}");
        // Within the row and column limits, but far from the data.
        let bytes = workbook(r#"<row r="1"><c r="A1"><v>1</v></c></row><row r="200000"><c r="ALL200000"><v>2</v></c></row>"#, None);
        let f = InputFile::from_bytes("stray.xlsx", bytes);
        let e = Workbook::open(&f).and_then(|mut wb| wb.sheet("S")).expect_err("refused").to_string();
        assert!(e.contains("cell S!ALL200000 lies far from the other cells"), "{e}");
    }

    #[test]
    fn a_declared_shared_string_count_is_checked_before_reading() {
        let sst = r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1099511627776"><si><t>x</t></si></sst>"#;
        let f = InputFile::from_bytes("sst.xlsx", workbook(r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#, Some(sst)));
        let e = Workbook::open(&f).err().expect("refused").to_string();
        assert!(e.contains("sst.xlsx") && e.contains("declares 1099511627776 shared strings"), "{e}");
    }

    #[test]
    fn a_shared_string_bomb_is_refused_without_expanding_it() {
        // 3 MB of shared strings zipped to a few KB; limits scaled down so the test stays fast.
        let mut sst = String::from(
            r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
        );
        while sst.len() < 3_000_000 {
            sst.push_str("<si><t>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</t></si>");
        }
        sst.push_str("</sst>");
        let bytes = workbook(r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#, Some(&sst));
        let small = bytes.len() as u64;
        let f = InputFile::from_bytes("strings.xlsx", bytes);
        let limits = Limits { xlsx_expanded_floor: 1_000_000, ..Limits::default() };
        let e = Workbook::open_with(&f, &limits).err().expect("refused").to_string();
        assert!(e.contains("strings.xlsx") && e.contains("expands to more than") && e.contains("xl/sharedStrings.xml"), "{small}: {e}");
    }

    #[test]
    fn a_template_with_a_stray_far_cell_is_refused_quickly() {
        let (fw, areas) = fixture();
        let sen = AreaCode::parse("SEN").unwrap();
        let bytes = mp_export::template::write_template(fw, areas, &sen, None, Lang::En).unwrap();
        // Add a cell at ALL200000 to the first data sheet.
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut parts = Vec::new();
        let mut done = false;
        for i in 0..zip.len() {
            let mut e = zip.by_index(i).unwrap();
            let name = e.name().unwrap().to_string();
            let mut b = Vec::new();
            e.read_to_end(&mut b).unwrap();
            if !done && name == "xl/worksheets/sheet3.xml" {
                let text = String::from_utf8(b).unwrap();
                b = text
                    .replacen(
                        "</sheetData>",
                        r#"<row r="200000"><c r="ALL200000" t="inlineStr"><is><t>x</t></is></c></row></sheetData>"#,
                        1,
                    )
                    .into_bytes();
                done = true;
            }
            parts.push((name, b));
        }
        assert!(done);
        let f = InputFile::from_bytes("stray.xlsx", zip_parts(&parts));
        let t = Instant::now();
        let e = err_text(national::read_template(&f, &ctx()));
        assert!(e.contains("stray.xlsx, sheet") && e.contains("!ALL200000 lies far from the other cells"), "{e}");
        assert!(t.elapsed().as_secs() < 20, "{:?}", t.elapsed());
    }
}

// ---- CSV rows, values and limits ----------------------------------------------------------

#[test]
fn an_unclosed_quote_does_not_swallow_the_rows_after_it() {
    let mut text = String::from("indicator,area,period,value,note\nIMM.STOCK,SEN,2010,1,\"opened and never closed\n");
    for y in 2011..2021 {
        text.push_str(&format!("IMM.STOCK,SEN,{y},1,fine\n"));
    }
    let m = MAPPING.replace("CODE", "ansd-census").replace("vintage = \"2024\"", "vintage = \"2024\"\nfootnote = \"note\"");
    let m = Mapping::from_toml(&m, "m.toml").unwrap_or_else(|e| panic!("{e}"));
    let e = err_text(national::read_long_csv(&mem("quote.csv", &text), &m, &ctx()));
    assert!(e.contains("quote.csv, row 2, column note") && e.contains("unclosed quote"), "{e}");
}

#[test]
fn a_computed_indicator_cannot_be_given() {
    let e = err_text(long_csv("ansd-census", "indicator,area,period,value\nIMM.STOCK_PCT,SEN,2024,250\n"));
    assert!(e.contains("row 2, column indicator") && e.contains("IMM.STOCK_PCT is computed by mprofile"), "{e}");
}

#[test]
fn overflow_after_the_multiplier_is_named_as_overflow() {
    let e = err_text(sdmx("DATAFLOW,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MULT\nX:Y(1),SEN,IMM.STOCK,2024,1e300,9\n"));
    assert!(e.contains("column OBS_VALUE: `1e300`: `1e300` overflows once multiplied by 10^9"), "{e}");
    assert!(!e.contains("is not a number"), "{e}");
}

#[test]
fn too_large_files_and_too_many_rows_are_refused_with_the_limit() {
    let mut text = String::from("DATAFLOW,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE\n");
    for y in 1900..2000 {
        text.push_str(&format!("X:Y(1),SEN,IMM.STOCK,{y},1\n"));
    }
    let mut c = ctx();
    c.limits.max_rows = 50;
    let e = err_text(national::read_sdmx_csv(&mem("rows.csv", &text), &c, &SdmxOverrides::default()));
    assert!(e.contains("rows.csv, row 52: more than 50 data rows"), "{e}");
    c.limits.max_file_bytes = 1_000;
    let e = err_text(national::read_sdmx_csv(&mem("big.csv", &text), &c, &SdmxOverrides::default()));
    assert!(e.contains("big.csv: the file is 0.0 MB: expected at most 0.0 MB"), "{e}");
}

#[test]
fn a_flood_of_unknown_columns_gives_a_short_message() {
    let mut header = String::from("DATAFLOW,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE");
    for i in 0..900 {
        header.push_str(&format!(",JUNK{i}"));
    }
    let e = err_text(sdmx(&format!("{header}\n")));
    assert!(e.contains("JUNK19 and 880 more"), "{e}");
    assert!(e.len() < 4_000, "{}", e.len());
    let mut header = String::from("DATAFLOW");
    for i in 0..100_000 {
        header.push_str(&format!(",C{i}"));
    }
    let e = err_text(sdmx(&format!("{header}\n")));
    assert!(e.contains("the header has 100001 columns: expected at most 1000"), "{e}");
}

#[test]
fn formula_cells_without_a_computed_value_are_named() {
    use mp_ingest::workbook::Workbook;
    use std::io::{Cursor, Write};
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for (name, text) in [
        ("xl/workbook.xml", "<workbook/>"),
        ("xl/worksheets/sheet1.xml", r#"<worksheet><sheetData><row r="1"><c r="A1"><f>SUM(B1:B9)</f></c></row></sheetData></worksheet>"#),
    ] {
        w.start_file(name, opts).unwrap();
        w.write_all(text.as_bytes()).unwrap();
    }
    let f = InputFile::from_bytes("formulas.xlsx", w.finish().unwrap().into_inner());
    let e = Workbook::open(&f).err().expect("refused").to_string();
    assert!(e.contains("formulas.xlsx") && e.contains("xl/worksheets/sheet1.xml holds 1 formula cell(s) without a computed value"), "{e}");
}
