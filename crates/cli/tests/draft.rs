//! Members' drafts: `build --draft` shows the figures of a submission not yet published and
//! says BROUILLON on every page of the HTML and the PDF; the normal build shows neither.

mod common;

use common::*;
use mp_domain::Iso3;
use mp_store::{Actor, NewSubmission, Store};
use mp_workspace::{State, ThemeSet, hash_token};
use std::path::Path;

/// A census figure the public data never holds, so finding it proves where it came from.
const FIGURE: &str = "271828";

const CENSUS: &str = "DATAFLOW,REF_AREA,INDICATOR,SEX,COUNTERPART_AREA,TIME_PERIOD,OBS_VALUE,OBS_STATUS\n\
                      ANSD:RGPHE(1.0),SEN,IMM.STOCK,_T,_T,2013,271828,A\n\
                      ANSD:RGPHE(1.0),SEN,IMM.STOCK,F,_T,2013,95000,A\n";

/// The text of each page of a PDF (pdftotext, page by page).
fn pdf_pages(pdf: &Path) -> Vec<String> {
    let info = std::process::Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo runs (poppler-utils)");
    let info = String::from_utf8_lossy(&info.stdout);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count in {info}"));
    (1..=pages)
        .map(|n| {
            let n = n.to_string();
            let out = std::process::Command::new("pdftotext")
                .args(["-f", &n, "-l", &n, "-layout"])
                .arg(pdf)
                .arg("-")
                .output()
                .expect("pdftotext runs");
            String::from_utf8_lossy(&out.stdout).into_owned()
        })
        .collect()
}

/// Digits with the separators of every language taken out, so 271 828 and 271,828 both match.
fn digits_only(s: &str) -> String {
    s.chars().filter(|c| !matches!(c, ' ' | ',' | '.' | '\u{a0}' | '\u{202f}')).collect()
}

#[test]
fn a_members_draft_shows_unpublished_figures_and_says_so_on_every_page() {
    if !data_dir().join("country-codes").exists() {
        eprintln!("skipping: no data mirror at {}", data_dir().display());
        return;
    }
    let (g, db) = temp_db();
    ok(&mprofile(&db, &["init"]));
    ok(&mprofile(&db, &["twg", "create", "SEN", "--name", "GTT Migration Sénégal"]));
    ok(&mprofile(&db, &["org", "add", "ansd", "Agence nationale de la statistique et de la démographie"]));
    ok(&mprofile(&db, &["user", "add", "awa"]));
    ok(&mprofile(&db, &["member", "add", "awa", "--role", "provider", "--country", "SEN", "--themes", "T04", "--org", "ansd"]));
    // The provider's upload, stored and submitted as the workspace stores it.
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let id = rt.block_on(async {
        let store = Store::open_existing(&db).await.expect("store");
        let org = store.orgs().await.unwrap().into_iter().find(|o| o.code == "ansd").expect("ansd");
        let user = store.users().await.unwrap().into_iter().find(|u| u.login == "awa").expect("awa");
        let awa = Actor { id: Some(user.id), name: "awa".into() };
        let s = store
            .submission_add(
                &NewSubmission {
                    country: Iso3::parse("SEN").unwrap(),
                    organisation_id: org.id,
                    themes: ThemeSet::parse("T04").unwrap(),
                    source_code: "nat-sen-ansd".into(),
                    file_name: "census.csv".into(),
                    file_kind: "sdmx".into(),
                    file_bytes: CENSUS.as_bytes().to_vec(),
                    file_sha256: hash_token(CENSUS),
                    summary: "{}".into(),
                },
                &awa,
            )
            .await
            .expect("submission stored");
        store
            .submission_move(s.id, s.version, State::Draft, State::Submitted, "", None, "submission.submitted", &awa)
            .await
            .expect("submitted");
        s.id
    });

    let out = g.path().join("out");
    let out_s = out.display().to_string();
    let printed = ok(&mprofile(&db, &["build", "--area", "SEN", "--lang", "fr", "--draft", "--out", &out_s]));
    assert!(printed.contains(&format!("figures of submission {id}")), "{printed}");
    ok(&mprofile(&db, &["build", "--area", "SEN", "--lang", "fr", "--out", &out_s]));

    // The draft: the submitted figure, BROUILLON on every PDF page and in the page, the submission named.
    let html = std::fs::read_to_string(out.join("SEN/SEN-draft-fr.html")).unwrap();
    assert!(digits_only(&html).contains(FIGURE), "the draft shows the submitted figure");
    assert!(html.contains("class=\"draft-mark\"") && html.contains("BROUILLON"), "the draft page is marked");
    assert!(html.contains(&format!("n° {id} de Agence nationale")), "the draft names its submission");
    let pages = pdf_pages(&out.join("SEN/SEN-draft-fr.pdf"));
    assert!(pages.len() > 3, "a whole document: {} pages", pages.len());
    for (i, p) in pages.iter().enumerate() {
        assert!(p.contains("BROUILLON"), "page {} of the draft PDF lacks the mark:\n{p}", i + 1);
    }
    assert!(pages.iter().any(|p| digits_only(p).contains(FIGURE)), "the draft PDF shows the submitted figure");

    // The published build: neither the figure nor the mark.
    let html = std::fs::read_to_string(out.join("SEN/SEN-fr.html")).unwrap();
    assert!(!digits_only(&html).contains(FIGURE) && !html.contains("BROUILLON"), "the published page shows published figures only");
    let pages = pdf_pages(&out.join("SEN/SEN-fr.pdf"));
    assert!(pages.iter().all(|p| !p.contains("BROUILLON") && !digits_only(p).contains(FIGURE)), "the published PDF is unmarked");
}
