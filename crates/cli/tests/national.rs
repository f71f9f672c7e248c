//! National indicators through the command line: an indicator approved by Senegal's TWG is
//! exported by `framework export --area SEN` as a framework file that the framework loader reads
//! back, gets its sheet in the French template, shows in the draft profile marked as national,
//! never in the regional report, and is reported by the next edition's `edition diff`.

mod common;

use calamine::Reader as _;
use common::*;
use mp_domain::national::{Proposal, RawProposal};
use mp_domain::{Framework, Iso3};
use mp_store::{Actor, Store};
use mp_workspace::State;

/// A made-up hash: this test never checks a password.
const HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g";
const NAME_FR: &str = "Rapatriés réintégrés (indicateur d'essai)";

fn framework() -> Framework {
    let files = mp_ingest::framework_dir::read_framework_dir(&repo().join("framework")).unwrap();
    Framework::from_files(&files, None).unwrap_or_else(|e| panic!("{e}"))
}

/// Proposes, reviews and approves a hand-written indicator (not real data) through the store.
async fn approve(db: &str, fw: &Framework) {
    let store = Store::open_existing(db).await.unwrap();
    let cli = Actor { id: None, name: "cli:test".into() };
    store.twg_set(&Iso3::parse("SEN").unwrap(), "GTT", false, &cli).await.unwrap();
    let a = store.user_add("awa", "Awa", HASH, &cli).await.unwrap();
    let b = store.user_add("fatou", "Fatou", HASH, &cli).await.unwrap();
    let (a, b) = (Actor { id: Some(a), name: "awa".into() }, Actor { id: Some(b), name: "fatou".into() });
    let raw = RawProposal {
        country: "SEN",
        code: "RETOURS_ESSAI",
        theme: "T07",
        name: ["Reintegrated returnees (test)", NAME_FR, "Retornados reintegrados (teste)"],
        definition: ["Test definition.", "Définition d'essai.", "Definição de teste."],
        unit: "persons",
        dimensions: vec!["SEX"],
        sources: "Test register",
        rationale: "Test rationale.",
    };
    let p = Proposal::parse(&raw, fw).unwrap_or_else(|e| panic!("{e:?}"));
    let s = store.indicator_propose(&p, &a).await.unwrap();
    store.indicator_proposal_move(s.id, 1, State::Submitted, State::Reviewed, "", "indicator.review", &b, fw).await.unwrap();
    store.indicator_proposal_move(s.id, 2, State::Reviewed, State::Approved, "", "indicator.approve", &b, fw).await.unwrap();
}

#[test]
fn an_approved_indicator_in_export_template_draft_and_diff_never_in_the_regional_report() {
    if !data_dir().join("PROVENANCE.md").exists() {
        eprintln!("skipped: no data mirror at {} (set MPROFILE_DATA)", data_dir().display());
        return;
    }
    let (g, db) = temp_db();
    let out = g.path().join("out");
    let out_s = out.display().to_string();
    ok(&mprofile(&db, &["init"]));
    ok(&mprofile(&db, &["edition", "create", "SEN", "2024"]));
    let none = mprofile(&db, &["framework", "export", "--area", "SEN"]);
    assert!(!none.status.success() && String::from_utf8_lossy(&none.stderr).contains("no framework extension"));
    // Edition times are kept to the second: the approval comes strictly after the first edition.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let fw = framework();
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(approve(&db, &fw));

    // The export is a framework file the loader reads back from a framework directory.
    let file = g.path().join("SEN.toml");
    ok(&mprofile(&db, &["framework", "export", "--area", "SEN", "--out", &file.display().to_string()]));
    let mut files = mp_ingest::framework_dir::read_framework_dir(&repo().join("framework")).unwrap();
    files.push(("indicators/national/SEN.toml".into(), std::fs::read_to_string(&file).unwrap()));
    let loaded = Framework::from_files(&files, None).unwrap_or_else(|e| panic!("{e}"));
    let sen = Iso3::parse("SEN").unwrap();
    assert_eq!(loaded.extension_versions.get(&sen), Some(&1));
    assert!(loaded.find("NAT.SEN.RETOURS_ESSAI").is_none(), "not in the regional framework");
    assert_eq!(loaded.for_country(&sen).find("NAT.SEN.RETOURS_ESSAI").map(|i| i.name.fr.as_str()), Some(NAME_FR));

    // The French template has its sheet, titled as national.
    let xlsx = g.path().join("t.xlsx");
    ok(&mprofile(&db, &["template", "--country", "SEN", "--lang", "fr", "--out", &xlsx.display().to_string()]));
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let range = wb.worksheet_range("NAT.SEN.RETOURS_ESSAI").expect("a sheet for the national indicator");
    let title = range.get_value((0, 0)).map(|v| v.to_string()).unwrap_or_default();
    assert!(title.starts_with(NAME_FR) && title.contains("indicateur national"), "{title}");

    // The draft profile shows it marked as national; the regional report does not.
    ok(&mprofile(&db, &["build", "--area", "SEN", "--draft", "--lang", "fr", "--format", "html", "--out", &out_s]));
    ok(&mprofile(&db, &["build", "--regional", "--lang", "fr", "--format", "html", "--out", &out_s]));
    let draft = std::fs::read_to_string(out.join("SEN/SEN-draft-fr.html")).unwrap().replace(['\u{a0}', '\u{202f}'], " ");
    assert!(draft.contains("indicateur national, SEN") && draft.contains("Rapatriés réintégrés"), "the draft names it as national");
    let regional = std::fs::read_to_string(out.join("regional/regional-fr.html")).unwrap();
    assert!(!regional.contains("RETOURS_ESSAI") && !regional.contains("Rapatriés réintégrés"), "never in the regional report");

    // The next edition's diff reports it.
    ok(&mprofile(&db, &["edition", "create", "SEN", "2026"]));
    let diff = ok(&mprofile(&db, &["edition", "diff", "SEN", "2024", "2026"]));
    assert!(diff.contains("NAT.SEN.RETOURS_ESSAI") && diff.contains("national indicator added"), "{diff}");
    assert!(diff.contains("framework extension version 1"), "{diff}");
}
