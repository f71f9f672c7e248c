//! The IATI datastore activity CSV export: a hand-written file with two activities of two
//! reporting organisations in three countries, a bad cell refusing the whole file with its row
//! and column named, a missing column, and arbitrary input that never panics.

use mp_domain::registry::ProjectStatus;
use mp_ingest::context::Context;
use mp_ingest::files::InputFile;
use mp_ingest::framework_dir::testing::{fixture, repo_root};
use mp_ingest::registry::iati_csv;
use proptest::prelude::*;

fn ctx() -> Context<'static> {
    let (fw, areas) = fixture();
    Context::new(fw, areas)
}

fn input(name: &str) -> InputFile {
    let p = repo_root().join("crates/ingest/tests/fixtures/iati").join(name);
    InputFile::read(&p, name).unwrap()
}

#[test]
fn two_activities_of_two_organisations() {
    let imps = iati_csv::read(&input("two-activities.csv"), &ctx(), None).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(imps.len(), 2, "one import per reporting organisation");
    assert_eq!(imps[0].source.code, "iati-xm-example-1");
    assert_eq!(imps[1].source.code, "iati-xm-example-2");
    assert_eq!(imps[0].vintage, "2026-05-02", "the newest last-updated date of the file");
    let a = &imps[0].projects[0];
    assert_eq!(a.identifier, "XM-EXAMPLE-1-CSV-001");
    assert_eq!(a.reporting_org, "Example Agency");
    assert_eq!(a.donors, vec!["Example Donor".to_string()]);
    assert_eq!(a.implementing, vec!["Example Implementing NGO".to_string(), "Example Ministry".to_string()]);
    assert_eq!(a.countries.iter().map(|c| c.as_str()).collect::<Vec<_>>(), vec!["SEN"]);
    assert_eq!(a.status, Some(ProjectStatus::Implementation));
    assert_eq!(a.start.map(|d| d.to_string()).as_deref(), Some("2022-03-15"), "the actual start wins");
    assert_eq!(a.end.map(|d| d.to_string()).as_deref(), Some("2025-12-31"), "the planned end when no actual end");
    let b = a.budget.as_ref().unwrap();
    assert_eq!((b.value, b.currency.as_str()), (1_000_000.5, "USD"));
    assert_eq!(a.sectors, vec!["15190".to_string()], "a repeated sector once");
    assert_eq!(a.themes.iter().map(|t| t.as_str()).collect::<Vec<_>>(), vec!["T10", "T01"]);
    assert_eq!(a.provenance.locator, "row 2");

    let b = &imps[1].projects[0];
    assert_eq!(b.title, "Retour et réintégration (exemple)");
    assert_eq!(b.countries.iter().map(|c| c.as_str()).collect::<Vec<_>>(), vec!["GHA", "MLI"]);
    assert_eq!(b.status, Some(ProjectStatus::Closed));
    let m = b.budget.as_ref().unwrap();
    assert_eq!((m.value, m.currency.as_str()), (750_000.0, "XOF"), "the transaction currency wins over the default");
    assert_eq!(b.provenance.locator, "row 3");
    let given = iati_csv::read(&input("two-activities.csv"), &ctx(), Some("2026-06-01")).unwrap();
    assert!(given.iter().all(|i| i.vintage == "2026-06-01"));
}

#[test]
fn one_bad_cell_refuses_the_file_with_row_and_column() {
    let e = iati_csv::read(&input("bad-row.csv"), &ctx(), None).unwrap_err().to_string();
    assert!(e.contains("bad-row.csv"), "{e}");
    assert!(e.contains("row 3"), "{e}");
    assert!(e.contains("start-actual"), "{e}");
    assert!(e.contains("15/03/2022"), "{e}");
    assert!(e.contains("YYYY-MM-DD"), "{e}");
}

#[test]
fn a_missing_column_is_named() {
    let e = iati_csv::read(&input("missing-column.csv"), &ctx(), None).unwrap_err().to_string();
    assert!(e.contains("missing column(s) reporting-org-ref"), "{e}");
}

#[test]
fn bad_codes_are_each_named() {
    let csv = "iati-identifier,reporting-org,reporting-org-ref,title,recipient-country-code,activity-status-code,total-Commitment,mprofile-themes\n\
               A-1,Org,XM-1,T,ZZ,9,12x,T99\nA-1,Org,XM-1,T,SN,,,\n";
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("codes.csv");
    std::fs::write(&p, csv).unwrap();
    let e = iati_csv::read(&InputFile::read(&p, "codes.csv").unwrap(), &ctx(), Some("2026-01-01")).unwrap_err().to_string();
    for want in ["recipient-country-code", "`ZZ`", "activity-status-code", "total-Commitment", "mprofile-themes", "first on row 2"] {
        assert!(e.contains(want), "{want} not in {e}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn arbitrary_input_never_panics(body in "[ -~\n;,\"]{0,400}") {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.csv");
        std::fs::write(&p, format!("iati-identifier,reporting-org,reporting-org-ref,title,recipient-country-code\n{body}")).unwrap();
        let _ = iati_csv::read(&InputFile::read(&p, "x.csv").unwrap(), &ctx(), Some("2026-01-01"));
    }
}
