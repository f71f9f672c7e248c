//! IATI activity files (standard 2.03): a hand-written file with two activities in two
//! countries, a malformed one refused with its line and element, codes the standard does not
//! allow, and arbitrary input that never panics.

use mp_domain::registry::ProjectStatus;
use mp_ingest::context::Context;
use mp_ingest::files::InputFile;
use mp_ingest::framework_dir::testing::{fixture, repo_root};
use mp_ingest::registry::iati;
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
fn two_activities_in_two_countries() {
    let imp = iati::read(&input("two-activities.xml"), &ctx(), None).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(imp.source.code, "iati-xm-example-1");
    assert_eq!(imp.vintage, "2026-05-04");
    assert_eq!(imp.projects.len(), 2);
    let a = &imp.projects[0];
    assert_eq!(a.identifier, "XM-EXAMPLE-1-PRJ-001");
    assert_eq!(a.title, "Labour migration governance (example)");
    assert_eq!(a.reporting_org, "Example Agency");
    assert_eq!(a.donors, vec!["Example Donor".to_string()]);
    assert_eq!(a.implementing, vec!["Example Implementing NGO".to_string()]);
    assert_eq!(a.countries.iter().map(|c| c.as_str()).collect::<Vec<_>>(), vec!["SEN"]);
    assert_eq!(a.status, Some(ProjectStatus::Implementation));
    assert_eq!(a.start.map(|d| d.to_string()).as_deref(), Some("2022-03-15"), "the actual start wins over the planned one");
    assert_eq!(a.end.map(|d| d.to_string()).as_deref(), Some("2025-12-31"));
    let b = a.budget.as_ref().unwrap();
    assert_eq!((b.value, b.currency.as_str()), (1_000_000.5, "USD"), "two yearly budgets, the second in the default currency");
    assert_eq!(a.sectors, vec!["15190".to_string()]);
    assert_eq!(a.themes.iter().map(|t| t.as_str()).collect::<Vec<_>>(), vec!["T10", "T01"]);
    assert_eq!(a.results.as_deref(), Some("Labour migration policy adopted"));
    assert_eq!(a.provenance.locator, "line 4");

    let b = &imp.projects[1];
    assert_eq!(b.title, "Retour et réintégration (exemple)", "the only title, in French");
    assert_eq!(b.countries.iter().map(|c| c.as_str()).collect::<Vec<_>>(), vec!["GHA"]);
    assert_eq!(b.donors, vec!["XM-EXAMPLE-3".to_string()], "an organisation given by its identifier only");
    assert_eq!(b.status, Some(ProjectStatus::Closed));
    let m = b.budget.as_ref().unwrap();
    assert_eq!((m.value, m.currency.as_str()), (750_000.0, "EUR"), "the revised budget replaces the original");
}

#[test]
fn a_malformed_file_is_refused_with_its_line_and_element() {
    let e = iati::read(&input("malformed.xml"), &ctx(), None).unwrap_err().to_string();
    assert!(e.contains("malformed.xml"), "{e}");
    assert!(e.contains("malformed XML"), "{e}");
    assert!(e.contains("line 10"), "the </iati-activity> that closes nothing open is on line 10: {e}");
    assert!(e.contains("element <title>"), "{e}");
}

#[test]
fn codes_outside_the_standard_are_named() {
    let e = iati::read(&input("bad-codes.xml"), &ctx(), None).unwrap_err().to_string();
    for want in [
        "line 8, element <activity-status code>: `9`",
        "line 9, element <activity-date iso-date>",
        "line 10, element <recipient-country code>: `ZZ`",
        "line 11, element <budget/value>: `lots`",
    ] {
        assert!(e.contains(want), "missing {want:?} in {e}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn arbitrary_input_never_panics(s in "(<[a-z-]{1,12}( [a-z]{1,5}=\"[0-9A-Z-]{0,6}\")?/?>|</[a-z-]{1,12}>|[ a-zA-Z0-9&;#\n]{0,10}){0,30}") {
        let f = InputFile::from_bytes("p.xml", s.into_bytes());
        let _ = iati::read(&f, &ctx(), None);
    }

    #[test]
    fn a_damaged_activity_file_never_panics(cut in 0usize..3000) {
        let full = std::fs::read(repo_root().join("crates/ingest/tests/fixtures/iati/two-activities.xml")).unwrap();
        let f = InputFile::from_bytes("cut.xml", full[..cut.min(full.len())].to_vec());
        let _ = iati::read(&f, &ctx(), None);
    }
}
