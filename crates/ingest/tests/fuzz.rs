//! Property-based fuzzing of every national reader and the period parser: hostile text and
//! files built from pools of dangerous pieces (non-ASCII, open quotes, line breaks, huge and
//! odd numbers, public dataflows, far cells). Each target checks "an answer, never a panic"
//! plus the invariants a refused or accepted file must keep.
//!
//! The case count comes from `MPROFILE_FUZZ_CASES` (default 16, for the normal test run and
//! CI) and the seed from `PROPTEST_RNG_SEED`; `scripts/fuzz` runs long seeded passes.

use mp_domain::Period;
use mp_ingest::context::{Context, ReadReport};
use mp_ingest::files::InputFile;
use mp_ingest::framework_dir::testing::fixture;
use mp_ingest::national::{self, Mapping, SdmxOverrides};
use mp_ingest::table::Table;
use mp_ingest::{IngestError, Limits};
use proptest::prelude::*;
use std::io::{Cursor, Read, Write};

fn cases() -> u32 {
    std::env::var("MPROFILE_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(16)
}

fn config() -> ProptestConfig {
    ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() }
}

fn ctx() -> Context<'static> {
    let (fw, areas) = fixture();
    Context::new(fw, areas)
}

fn mem(name: &str, text: &str) -> InputFile {
    InputFile::from_bytes(name, text.as_bytes().to_vec())
}

/// What every accepted national file must hold: namespaced sources, finite values.
fn check_accepted(r: &Result<ReadReport, IngestError>) -> Result<(), TestCaseError> {
    if let Ok(rep) = r {
        for ds in &rep.datasets {
            prop_assert!(ds.source.code.starts_with("nat-"), "{}", ds.source.code);
            prop_assert!(mp_ingest::sources::public_source_of(&ds.source.code).is_none(), "{}", ds.source.code);
            for o in &ds.observations {
                prop_assert!(o.value.is_none_or(f64::is_finite));
            }
        }
        prop_assert!(rep.observations() > 0);
    }
    Ok(())
}

/// Cells an attacker would try.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("SEN".to_string()),
        Just("Sénégal".to_string()),
        Just("IMM.STOCK".to_string()),
        Just("IMM.STOCK_PCT".to_string()),
        Just("2020".to_string()),
        Just("Année".to_string()),
        Just("2020-Q1".to_string()),
        Just("1e300".to_string()),
        Just("99999999999999999999".to_string()),
        Just("-1.797e308".to_string()),
        Just("NaN".to_string()),
        Just("=HYPERLINK(\"x\")".to_string()),
        Just("\"open".to_string()),
        Just("a\nb,c,d,e".to_string()),
        Just("UNDESA:IMS(2024)".to_string()),
        Just("ANSD:CENSUS(1.0)".to_string()),
        "[A-Za-z0-9 .:,;\"'éÉ€\\-]{0,12}",
        "\\PC{0,8}",
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn period_parser(s in "\\PC{0,24}", near in "[0-9QMé/\\-. ]{0,12}") {
        for t in [&s, &near] {
            if let Ok(p) = Period::parse(t) {
                prop_assert_eq!(Period::parse(&p.to_string()), Ok(p));
            }
        }
    }

    #[test]
    fn csv_tables(text in "[a-c,;\"\\n\\té]{0,200}", delim in prop::sample::select(vec![b',', b';', b'\t'])) {
        let small = Limits { max_rows: 20, max_field_chars: 40, ..Limits::default() };
        if let Ok(t) = Table::parse_with(&mem("t.csv", &text), delim, &small) {
            prop_assert!(t.len() as u64 <= small.max_rows);
        }
    }

    #[test]
    fn sdmx_csv(rows in prop::collection::vec(prop::collection::vec(cell(), 6), 0..8), flow in cell()) {
        let mut text = String::from("DATAFLOW,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MULT\n");
        for r in &rows {
            let quoted: Vec<String> = r.iter().map(|c| if c.contains([',', '\n', '"']) { format!("\"{}\"", c.replace('"', "\"\"")) } else { c.clone() }).collect();
            text.push_str(&quoted.join(","));
            text.push('\n');
        }
        text.push_str(&format!("{flow},SEN,IMM.STOCK,2020,1,\n"));
        let r = national::read_sdmx_csv(&mem("f.csv", &text), &ctx(), &SdmxOverrides::default());
        check_accepted(&r)?;
    }

    #[test]
    fn long_csv_and_mapping(code in "[a-z\\-]{0,20}", scale in -3i32..20, rows in prop::collection::vec(prop::collection::vec(cell(), 5), 0..8), junk in "\\PC{0,40}") {
        let toml = format!("indicator = \"i\"\narea = \"a\"\nperiod = \"p\"\nvalue = \"v\"\nfootnote = \"n\"\nscale = {scale}\nvintage = \"1\"\n[source]\ncode = \"{code}\"\nname = \"N\"\npublisher = \"P\"\n");
        let _ = Mapping::from_toml(&junk, "junk.toml");
        let Ok(m) = Mapping::from_toml(&toml, "m.toml") else { return Ok(()) };
        let mut text = String::from("i,a,p,v,n\n");
        for r in &rows {
            text.push_str(&r.join(","));
            text.push('\n');
        }
        check_accepted(&national::read_long_csv(&mem("l.csv", &text), &m, &ctx()))?;
    }

    #[test]
    fn xlsx_template(cells in prop::collection::vec((0u32..1_100_000, 0u32..17_000, cell()), 0..4), cut in prop::option::of(0usize..60_000)) {
        let extra: String = cells.iter().map(|(r, c, v)| {
            let col = mp_ingest::workbook::column_letters(*c);
            let v = v.replace('&', "&amp;").replace('<', "&lt;");
            format!("<row r=\"{}\"><c r=\"{col}{}\" t=\"inlineStr\"><is><t>{v}</t></is></c></row>", r + 1, r + 1)
        }).collect();
        let mut bytes = inject(template(), "xl/worksheets/sheet3.xml", &extra);
        if let Some(n) = cut {
            bytes.truncate(n.min(bytes.len()));
        }
        let t = std::time::Instant::now();
        let r = national::read_template(&InputFile::from_bytes("t.xlsx", bytes), &ctx());
        prop_assert!(t.elapsed().as_secs() < 30, "{:?}", t.elapsed());
        check_accepted(&r)?;
    }
}

/// A blank template for Senegal, written once.
fn template() -> &'static [u8] {
    static BYTES: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    BYTES.get_or_init(|| {
        let (fw, areas) = fixture();
        let sen = mp_domain::AreaCode::parse("SEN").unwrap();
        mp_export::template::write_template(fw, areas, &sen, None, mp_domain::Lang::En).unwrap()
    })
}

/// The workbook with `extra` rows appended to one sheet's data (unchanged when absent).
fn inject(bytes: &[u8], sheet: &str, extra: &str) -> Vec<u8> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else { return bytes.to_vec() };
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zip.len() {
        let mut e = zip.by_index(i).unwrap();
        let name = e.name().unwrap().to_string();
        let mut b = Vec::new();
        e.read_to_end(&mut b).unwrap();
        if name == sheet {
            b = String::from_utf8(b).unwrap().replacen("</sheetData>", &format!("{extra}</sheetData>"), 1).into_bytes();
        }
        w.start_file(name.as_str(), opts).unwrap();
        w.write_all(&b).unwrap();
    }
    w.finish().unwrap().into_inner()
}
