//! The registry workbook: a hand-written workbook (an instrument the public files lack, its
//! status, an institution) reads back with its source; rows of another source are left out;
//! bad cells are named with sheet, row and column; the export writes what it is given.

use mp_domain::{InstrumentKind, InstrumentStatus, RegistryView};
use mp_ingest::context::Context;
use mp_ingest::files::InputFile;
use mp_ingest::framework_dir::testing::fixture;
use mp_ingest::registry::workbook::{self, INSTITUTIONS, INSTRUMENTS, STATUS};
use rust_xlsxwriter::Workbook;

fn ctx() -> Context<'static> {
    let (fw, areas) = fixture();
    Context::new(fw, areas)
}

/// A workbook with the given source fields and rows (hand-written test data, not real entries).
fn book(source: &[(&str, &str)], instruments: &[&[&str]], status: &[&[&str]], institutions: &[&[&str]]) -> InputFile {
    let mut wb = Workbook::new();
    let s = wb.add_worksheet();
    s.set_name("source").unwrap();
    s.write_string(0, 0, "field").unwrap();
    s.write_string(0, 1, "value").unwrap();
    for (i, (k, v)) in source.iter().enumerate() {
        s.write_string(i as u32 + 1, 0, *k).unwrap();
        s.write_string(i as u32 + 1, 1, *v).unwrap();
    }
    for (name, cols, rows) in
        [("instruments", INSTRUMENTS, instruments), ("status", STATUS, status), ("institutions", INSTITUTIONS, institutions)]
    {
        let s = wb.add_worksheet();
        s.set_name(name).unwrap();
        for (c, h) in cols.iter().enumerate() {
            s.write_string(0, c as u16, *h).unwrap();
        }
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                s.write_string(r as u32 + 1, c as u16, *v).unwrap();
            }
        }
    }
    InputFile::from_bytes("registry.xlsx", wb.save_to_buffer().unwrap())
}

const SOURCE: &[(&str, &str)] = &[
    ("code", "twg-test"),
    ("name", "Test registry of a Technical Working Group"),
    ("publisher", "Test TWG"),
    ("licence", "CC BY 4.0"),
    ("url", ""),
    ("vintage", "2026-06"),
];

#[test]
fn a_filled_workbook_reads_back_with_its_source() {
    let f = book(
        SOURCE,
        &[&[
            "REFUGEE_1951",
            "convention",
            "1951 Convention",
            "Convention relating to the Status of Refugees",
            "",
            "",
            "1951",
            "",
            "UNTS vol. 189",
            "",
            "T01 T04",
            "",
        ]],
        &[
            &["REFUGEE_1951", "SEN", "ratified", "1963", "", "", "", ""],
            &["ICRMW", "SEN", "ratified", "1999", "", "", "wpdl-hr-treaties", "hr_status_icmw.csv row 148"],
        ],
        &[&["SEN", "Test directorate", "TD", "Coordinates the test", "Test ministry", "T01", "", "Register", "", ""]],
    );
    let imp = workbook::read(&f, &ctx()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((imp.source.code.as_str(), imp.vintage.as_str()), ("twg-test", "2026-06"));
    assert_eq!(imp.instruments.len(), 1);
    let i = &imp.instruments[0];
    assert_eq!((i.code.as_str(), i.kind, i.year), ("REFUGEE_1951", InstrumentKind::Convention, Some(1951)));
    assert_eq!(i.title.fr, "Convention relating to the Status of Refugees", "an empty translation falls back to English");
    assert_eq!(imp.ratifications.len(), 1, "the row of another source is left out");
    assert_eq!((imp.ratifications[0].status, imp.ratifications[0].year), (InstrumentStatus::Ratified, Some(1963)));
    assert_eq!(imp.ratifications[0].provenance.locator, "sheet status row 2");
    assert_eq!(imp.institutions[0].name, "Test directorate");
}

#[test]
fn bad_cells_are_named_and_a_missing_source_is_refused() {
    let f = book(
        &SOURCE[..3],
        &[&["refugee", "treaty", "", "", "", "", "19x", "XXX", "", "", "T99", ""]],
        &[&["REFUGEE_1951", "SEN", "maybe", "", "", "", "", ""]],
        &[],
    );
    let e = workbook::read(&f, &ctx()).unwrap_err().to_string();
    for want in [
        "sheet source",
        "`licence` is empty",
        "sheet instruments, row 2, column code: `refugee`",
        "column kind: `treaty`",
        "column title_en",
        "column year: `19x`",
        "column country: `XXX`",
        "column themes: `T99`",
        "sheet status, row 2, column status: `maybe`",
    ] {
        assert!(e.contains(want), "missing {want:?} in {e}");
    }
}

#[test]
fn the_export_is_a_workbook_the_reader_opens() {
    let bytes = workbook::write(&RegistryView::default()).unwrap();
    let e = workbook::read(&InputFile::from_bytes("export.xlsx", bytes), &ctx()).unwrap_err().to_string();
    assert!(e.contains("`code` is empty"), "an export without its source filled in is refused: {e}");
}
