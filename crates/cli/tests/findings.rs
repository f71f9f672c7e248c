//! Part D end to end: a recommendation the TWG wrote in French, linked to Senegal's immigrant
//! stock and to a section, is printed in the HTML with the figure's value and source and a link
//! to the table that shows it, and in the PDF with "voir le tableau N, section X, p. N".

mod common;

use common::*;
use mp_domain::{AreaCode, IndicatorCode, Lang};
use mp_store::{Actor, EvidenceTarget, ObsQuery, Store};
use mp_workspace::State;

const TEXT: &str = "Renforcer le suivi des immigrants dans le prochain recensement.";

/// The text of a PDF, page by page (pdftotext -layout).
fn pdf_pages(pdf: &std::path::Path) -> Vec<String> {
    let out = std::process::Command::new("pdftotext").args(["-layout"]).arg(pdf).arg("-").output().expect("pdftotext runs (poppler-utils)");
    String::from_utf8_lossy(&out.stdout).split('\u{c}').map(String::from).collect()
}

fn digits_only(s: &str) -> String {
    s.chars().filter(|c| !matches!(c, ' ' | ',' | '.' | '\u{a0}' | '\u{202f}')).collect()
}

#[test]
fn a_recommendation_linked_to_senegals_immigrant_stock_leads_to_its_table() {
    if !data_dir().join("country-codes").exists() {
        eprintln!("skipping: no data mirror at {}", data_dir().display());
        return;
    }
    let (g, db) = temp_db();
    ok(&mprofile(&db, &["init"]));
    ok(&mprofile(&db, &["import", "-q", "--source", "undesa-ims", "--source", "wpp2024"]));
    ok(&mprofile(&db, &["twg", "create", "SEN", "--name", "GTT Migration Sénégal"]));
    ok(&mprofile(&db, &["user", "add", "awa"]));
    ok(&mprofile(&db, &["user", "add", "moussa"]));
    let sen = AreaCode::parse("SEN").unwrap();
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let (value, period) = rt.block_on(async {
        let store = Store::open_existing(&db).await.expect("store");
        let users = store.users().await.unwrap();
        let actor = |login: &str| Actor { id: Some(users.iter().find(|u| u.login == login).expect("user").id), name: login.into() };
        // The newest total the store holds for Senegal's immigrant stock from UN DESA.
        let q = ObsQuery {
            indicator: Some(IndicatorCode::parse("IMM.STOCK").unwrap()),
            areas: vec![sen.clone()],
            source: Some(("undesa-ims".into(), None)),
            latest_only: true,
            ..ObsQuery::default()
        };
        let obs = store.query(&q).await.expect("query");
        let newest = obs.iter().filter(|o| o.value.is_some()).max_by_key(|o| o.period).expect("Senegal's immigrant stock is imported");
        let (value, period) = (newest.value.unwrap(), newest.period);
        let id = store.finding_add(&sen, "recommendation", &actor("awa")).await.expect("recorded");
        let figure = EvidenceTarget::Figure {
            indicator: IndicatorCode::parse("IMM.STOCK").unwrap(),
            area: sen.clone(),
            period,
            source: "undesa-ims".into(),
        };
        assert!(store.finding_evidence_add(&sen, id, &figure, &actor("awa")).await.unwrap());
        // The text, written in French and taken through the narrative's review.
        let section = format!("finding:{id}");
        let r = store.narrative_revision_add(&sen, &section, Lang::Fr, TEXT, &actor("awa")).await.unwrap();
        let steps = [
            (State::Draft, State::Submitted, "awa"),
            (State::Submitted, State::Approved, "moussa"),
            (State::Approved, State::Published, "moussa"),
        ];
        for (i, (from, to, who)) in steps.into_iter().enumerate() {
            store.narrative_revision_move(r.id, i as i64 + 1, from, to, "", "narrative.step", &actor(who)).await.expect("step");
        }
        // The audit trail has the writes.
        let audit = store.audit_rows(Some(&format!("finding:SEN:{id}"))).await.unwrap();
        assert_eq!(audit.iter().map(|a| a.action.as_str()).collect::<Vec<_>>(), ["finding.add", "finding.evidence.add"]);
        (value, period)
    });

    let out = g.path().join("out");
    ok(&mprofile(&db, &["build", "--area", "SEN", "--lang", "fr", "--out", &out.display().to_string()]));
    let html = std::fs::read_to_string(out.join("SEN/SEN-fr.html")).unwrap();
    let item = html.split("<ol class=\"findings\">").nth(1).and_then(|s| s.split("</ol>").next()).expect("Part D lists the findings");
    assert!(item.contains("Recommandation") && item.contains(TEXT), "{item}");
    let figure = format!("{}", value.round() as i64);
    assert!(digits_only(item).contains(&figure), "the figure's value {figure} is printed: {item}");
    assert!(item.contains(&period.to_string()) && item.contains("ONU"), "period and source: {item}");
    // The link goes to a table the page holds, and says which.
    let href = item.split("<a href=\"#").nth(1).and_then(|s| s.split('"').next()).expect("a link to the evidence");
    assert!(html.contains(&format!("id=\"{href}\"")), "the target #{href} exists in the page");
    // The figure's value is shown by a table or a chart of the document: the link names it.
    let (see, caption) = if item.contains("voir le tableau") { ("voir le tableau ", "Tableau") } else { ("voir la figure ", "Figure") };
    assert!(item.contains(see), "{item}");

    let pages = pdf_pages(&out.join("SEN/SEN-fr.pdf"));
    let (n, page) = pages.iter().enumerate().find(|(_, p)| p.contains("Renforcer le suivi")).expect("the PDF prints the recommendation");
    let flat = page.split_whitespace().collect::<Vec<_>>().join(" ");
    let rest = flat.split(see).nth(1).unwrap_or_else(|| panic!("the PDF names the {caption}: {flat}"));
    // "voir la figure 1, section A.1, p. 5": the page it names holds that figure.
    let number: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let p: usize = rest
        .split("p. ")
        .nth(1)
        .map(|s| s.chars().take_while(char::is_ascii_digit).collect::<String>())
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("a page number: {rest}"));
    assert!(p > 0 && p <= pages.len(), "page {p} of {} (recommendation on sheet {})", pages.len(), n + 1);
    let sheet = pages.iter().position(|s| s.contains(&format!("{caption} {number}"))).expect("the target is in the PDF");
    // The printed page number is in the footer of the sheet that holds the target.
    assert!(pages[sheet].contains(&p.to_string()), "sheet {} with {caption} {number} carries page number {p}", sheet + 1);
}
