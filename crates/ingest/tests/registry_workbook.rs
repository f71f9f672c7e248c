//! The registry workbook: a hand-written workbook (an instrument the public files lack, its
//! status, an institution) reads back with its source; rows of another source are left out;
//! bad cells are named with sheet, row and column; the export writes what it is given, and
//! with its source filled in reads back to the same entries (projects included).

use mp_domain::registry::{Currency, Date, Institution, Money, Project, ProjectStatus, Sourced};
use mp_domain::registry_layout::{INSTITUTIONS, INSTRUMENTS, PROJECTS, STATUS};
use mp_domain::{AreaCode, I18nText, Instrument, InstrumentCode, Provenance, Ratification, SourceInfo, ThemeCode};
use mp_domain::{InstrumentKind, InstrumentStatus, RegistryView};
use mp_export::registry_workbook;
use mp_ingest::context::Context;
use mp_ingest::files::InputFile;
use mp_ingest::framework_dir::testing::fixture;
use mp_ingest::registry::workbook;
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
        &[&["SEN", "Test directorate", "TD", "Coordinates the test", "Test ministry", "T01", "", "Register", "test-org", "", ""]],
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
    assert_eq!(imp.institutions[0].organisation.as_deref(), Some("test-org"), "linked to the workspace organisation");
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
    let bytes = registry_workbook::write(&RegistryView::default()).unwrap();
    let e = workbook::read(&InputFile::from_bytes("export.xlsx", bytes), &ctx()).unwrap_err().to_string();
    assert!(e.contains("`code` is empty"), "an export without its source filled in is refused: {e}");
}

fn sourced<T>(entry: T) -> Sourced<T> {
    Sourced { entry, source: "twg-test".into(), vintage: "2026-06".into(), source_name: "Test".into(), at: "form".into() }
}

fn th(v: &[&str]) -> Vec<ThemeCode> {
    v.iter().map(|t| ThemeCode::parse(t).unwrap()).collect()
}

/// Exported with its source filled in, a registry (instrument, status, institution, project:
/// hand-written test entries) imports back to the same entries.
#[test]
fn a_registry_round_trips_through_the_workbook() {
    let sen = AreaCode::parse("SEN").unwrap();
    let p = |l: &str| Provenance { file: 0, locator: l.into() };
    let view = RegistryView {
        instruments: vec![Instrument {
            code: InstrumentCode::parse("PLAN_SEN_TEST").unwrap(),
            kind: InstrumentKind::DevelopmentPlan,
            short: "PTD".into(),
            title: I18nText::new("Test development plan", "Plan de développement de test", "Plano de desenvolvimento de teste"),
            year: Some(2019),
            area: Some(sen.clone()),
            citation: Some("Test gazette No. 1".into()),
            link: Some("https://example.org/plan".into()),
            themes: th(&["T01", "T08"]),
        }],
        ratifications: vec![sourced(Ratification {
            instrument: InstrumentCode::parse("PLAN_SEN_TEST").unwrap(),
            area: sen.clone(),
            status: InstrumentStatus::InForce,
            year: Some(2019),
            responsible: Some("Test ministry".into()),
            note: Some("Chapter 4".into()),
            provenance: p("gazette"),
        })],
        institutions: vec![sourced(Institution {
            area: sen.clone(),
            name: "Test directorate; for migrants".into(),
            acronym: Some("TD".into()),
            mandate: Some("Coordinates".into()),
            parent: None,
            themes: th(&["T01"]),
            contact: Some("office@example.org".into()),
            data_held: None,
            organisation: Some("test-org".into()),
            provenance: p("decree"),
        })],
        projects: vec![sourced(Project {
            identifier: "XM-TEST-1".into(),
            title: "Test project".into(),
            reporting_org: "Test agency".into(),
            implementing: vec!["Agency A".into(), "Agency B, Dakar".into()],
            donors: vec!["Donor".into()],
            countries: vec![AreaCode::parse("MLI").unwrap(), sen.clone()],
            themes: th(&["T07", "T13"]),
            sectors: vec!["15190".into()],
            start: Some(Date::parse("2021-03-01").unwrap()),
            end: None,
            status: Some(ProjectStatus::Implementation),
            budget: Some(Money { value: 1_250_000.5, currency: Currency::parse("EUR").unwrap() }),
            results: Some("Returns assisted".into()),
            provenance: p("report"),
        })],
    };
    let src = SourceInfo {
        code: "twg-test".into(),
        name: "Test registry".into(),
        publisher: "Test TWG".into(),
        licence: "CC BY 4.0".into(),
        url: String::new(),
    };
    let bytes = registry_workbook::write_with_source(&view, Some((&src, "2026-06"))).unwrap();
    let imp = workbook::read(&InputFile::from_bytes("registry.xlsx", bytes), &ctx()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((imp.source.clone(), imp.vintage.as_str()), (src, "2026-06"));
    assert_eq!(imp.instruments, view.instruments);
    let strip = |l: &str| Provenance { file: 0, locator: l.into() };
    let want_status = Ratification { provenance: strip("sheet status row 2"), ..view.ratifications[0].entry.clone() };
    assert_eq!(imp.ratifications, vec![want_status]);
    let want_inst = Institution { provenance: strip("sheet institutions row 2"), ..view.institutions[0].entry.clone() };
    assert_eq!(imp.institutions, vec![want_inst]);
    let want_proj = Project { provenance: strip("sheet projects row 2"), ..view.projects[0].entry.clone() };
    assert_eq!(imp.projects, vec![want_proj]);
}

#[test]
fn a_bad_project_row_is_named() {
    let mut wb = Workbook::new();
    let s = wb.add_worksheet();
    s.set_name("source").unwrap();
    for (i, (k, v)) in SOURCE.iter().enumerate() {
        s.write_string(i as u32 + 1, 0, *k).unwrap();
        s.write_string(i as u32 + 1, 1, *v).unwrap();
    }
    s.write_string(0, 0, "field").unwrap();
    s.write_string(0, 1, "value").unwrap();
    for (name, cols) in [("instruments", INSTRUMENTS), ("status", STATUS), ("institutions", INSTITUTIONS), ("projects", PROJECTS)] {
        let s = wb.add_worksheet();
        s.set_name(name).unwrap();
        for (c, h) in cols.iter().enumerate() {
            s.write_string(0, c as u16, *h).unwrap();
        }
        if name == "projects" {
            let row = ["XM-TEST-2", "", "Agency", "", "", "SEN XXX", "T13", "", "2021-13-01", "", "ongoing", "12x", "EUR", "", "", ""];
            for (c, v) in row.iter().enumerate() {
                s.write_string(1, c as u16, *v).unwrap();
            }
        }
    }
    let f = InputFile::from_bytes("registry.xlsx", wb.save_to_buffer().unwrap());
    let e = workbook::read(&f, &ctx()).unwrap_err().to_string();
    for want in [
        "sheet projects, row 2, column title",
        "sheet projects, row 2, column country: `XXX`",
        "column start: `2021-13-01`",
        "column status: `ongoing`",
        "column budget: `12x`",
    ] {
        assert!(e.contains(want), "missing {want:?} in {e}");
    }
}

/// Read for review: the rows of the workspace's own sources and new rows, each with where it was
/// read; rows of other sources are left out; a reviewed row without its `read_at` is named by
/// sheet, row and column; the `source` sheet is not needed.
#[test]
fn read_for_review_keeps_own_rows_and_needs_where_each_was_read() {
    let own = |s: &str| s == "nat-sen-twg-registry";
    let status =
        |src: &'static str, read_at: &'static str| -> Vec<&'static str> { vec!["ICMW", "SEN", "ratified", "1999", "", "", src, read_at] };
    let ok = book(
        &[("as_of", "12")],
        &[],
        &[&status("un-treaties", "file row 3"), &status("nat-sen-twg-registry", "Fixture gazette 1999"), &status("", "Fixture decree")],
        &[],
    );
    let got = workbook::read_entries(&ok, &ctx(), &own).unwrap();
    assert_eq!(got.fields.get("as_of").map(String::as_str), Some("12"));
    let rows: Vec<(u64, &str, &str)> = got.entries.iter().map(|e| (e.row, e.source.as_str(), e.read_at.as_str())).collect();
    assert_eq!(rows, vec![(3, "nat-sen-twg-registry", "Fixture gazette 1999"), (4, "", "Fixture decree")]);

    let bad = book(&[], &[], &[&status("", "")], &[&["SEN", "Fixture agency", "", "", "", "T01", "", "", "", "", ""]]);
    let e = workbook::read_entries(&bad, &ctx(), &own).unwrap_err();
    let text = e.to_string();
    for (sheet, row) in [("status", 2), ("institutions", 2)] {
        assert!(
            e.problems.iter().any(|p| p.sheet.as_deref() == Some(sheet) && p.row == Some(row) && p.column.as_deref() == Some("read_at")),
            "{text}"
        );
    }
    // The same workbook as a source of its own still needs its `source` sheet.
    assert!(workbook::read(&bad, &ctx()).is_err());
}
