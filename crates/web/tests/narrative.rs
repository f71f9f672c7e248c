//! The narrative in the TWG workspace through the router: the secretariat writes section A.1
//! in French, submits it, a sub-group chair approves it (the writer cannot), the secretariat
//! publishes it, and only then does the public country page show it, rendered safely. Also:
//! the page of missing texts, the diff between revisions, a send-back with its reason, CSRF,
//! roles and scopes (403, and 404 for another country's TWG), the audit chain and page sizes.

use axum::http::StatusCode;
use mp_domain::{AreaCode, Lang};
use mp_workspace::verify_chain;

mod common;

use common::ws::*;

const EDIT: &str = "/fr/ws/narrative/SEN/A.1/fr";

/// The id and version of the newest revision on the editor page.
fn newest(page: &Res) -> (i64, String) {
    let at = page.body.find("/ws/narrative-revision/").unwrap_or_else(|| panic!("no step form in {}", page.body));
    let rest = &page.body[at + "/ws/narrative-revision/".len()..];
    let id: i64 = rest[..rest.find('/').unwrap()].parse().unwrap();
    (id, page.field_after(&format!("/ws/narrative-revision/{id}/step"), "version"))
}

async fn step(app: &App, who: &(String, String), id: i64, version: &str, decision: &str, reason: &str) -> Res {
    let uri = format!("/fr/ws/narrative-revision/{id}/step");
    post(app, &uri, &who.0, &[("csrf", &who.1), ("version", version), ("decision", decision), ("reason", reason)]).await
}

#[test]
fn a_section_written_reviewed_and_published() {
    if !have_data() {
        return;
    }
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap().block_on(async {
        let app = app().await;
        let sec = sign_in(&app, "secretariat").await;
        let chair = sign_in(&app, "chair").await;
        let reader = sign_in(&app, "reader").await;
        let mali = sign_in(&app, "mali").await;

        // Nothing written: every text section is listed as missing in every language.
        let o = get(&app, "/en/ws/narrative/SEN", &sec.0).await;
        assert_eq!(o.status, StatusCode::OK, "{}", o.body);
        assert!(o.body.contains("A.1 Immigration: no published text in EN, FR, PT"), "{}", o.body);
        assert!(o.body.contains("Executive summary: no published text in EN, FR, PT"));
        // Another country's TWG does not learn of Senegal's narrative.
        assert_eq!(get(&app, "/en/ws/narrative/SEN", &mali.0).await.status, StatusCode::NOT_FOUND);
        assert_eq!(get(&app, EDIT, &mali.0).await.status, StatusCode::NOT_FOUND);
        // Unknown sections and languages are 404s; no session goes to sign-in.
        assert_eq!(get(&app, "/fr/ws/narrative/SEN/Z.9/fr", &sec.0).await.status, StatusCode::NOT_FOUND);
        assert_eq!(get(&app, "/fr/ws/narrative/SEN/A.1/de", &sec.0).await.status, StatusCode::NOT_FOUND);
        assert_eq!(get(&app, EDIT, "").await.status, StatusCode::SEE_OTHER);

        // Writing needs the CSRF token and the writer's role.
        let text1 = "L'immigration au Sénégal (texte d'essai, [voir A.1](#A.1)).\n\n<script>alert(1)</script>\n\nPremière version.";
        assert_eq!(post(&app, EDIT, &sec.0, &[("body", text1)]).await.status, StatusCode::FORBIDDEN);
        assert_eq!(post(&app, EDIT, &reader.0, &[("csrf", &reader.1), ("body", text1)]).await.status, StatusCode::FORBIDDEN);
        assert_eq!(post(&app, EDIT, &chair.0, &[("csrf", &chair.1), ("body", text1)]).await.status, StatusCode::FORBIDDEN);
        let r = post(&app, EDIT, &sec.0, &[("csrf", &sec.1), ("body", text1)]).await;
        assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, EDIT), "{}", r.body);
        let page = get(&app, EDIT, &sec.0).await;
        assert!(page.body.contains("brouillon") && page.body.contains("Soumettre pour examen"), "{}", page.body);
        let (id, v) = newest(&page);
        let r = step(&app, &sec, id, &v, "advance", "").await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

        // The writer cannot approve their own text; a reader cannot either; the chair can.
        let page = get(&app, EDIT, &sec.0).await;
        assert!(!page.body.contains(">Approuver<"), "no approve button for the writer");
        let page = get(&app, EDIT, &chair.0).await;
        assert!(page.body.contains(">Approuver<"), "{}", page.body);
        let (_, v) = newest(&page);
        assert_eq!(step(&app, &sec, id, &v, "advance", "").await.status, StatusCode::FORBIDDEN);
        assert_eq!(step(&app, &reader, id, &v, "advance", "").await.status, StatusCode::FORBIDDEN);
        assert_eq!(step(&app, &mali, id, &v, "advance", "").await.status, StatusCode::NOT_FOUND);
        assert_eq!(step(&app, &chair, id, &v, "advance", "").await.status, StatusCode::SEE_OTHER);
        // The same form sent again is a conflict naming who acted.
        let again = step(&app, &chair, id, &v, "advance", "").await;
        assert_eq!(again.status, StatusCode::CONFLICT);
        assert!(again.body.contains("chair"), "{}", again.body);

        // Approved is not published: the public page does not show it yet.
        let public = get(&app, "/fr/country/SEN", "").await;
        assert_eq!(public.status, StatusCode::OK);
        assert!(!public.body.contains("Première version"));
        let page = get(&app, EDIT, &sec.0).await;
        let (_, v) = newest(&page);
        assert_eq!(step(&app, &chair, id, &v, "advance", "").await.status, StatusCode::FORBIDDEN, "a chair does not publish");
        assert_eq!(step(&app, &sec, id, &v, "advance", "").await.status, StatusCode::SEE_OTHER);

        let public = get(&app, "/fr/country/SEN", "").await;
        assert!(public.body.contains("Première version"), "published text on the public page");
        assert!(!public.body.contains("<script>alert(1)"), "raw HTML is shown as text");
        assert!(public.body.contains("&lt;script&gt;alert(1)"));
        // Links to the evidence are links in the page, to anchors that exist.
        assert!(public.body.contains("<a href=\"#A.1\">voir A.1</a>") && public.body.contains("id=\"A.1\""), "{}", public.body);
        // The editor (here Part D's) offers the published document's sections as link targets.
        let d = get(&app, "/fr/ws/narrative/SEN/D/fr", &sec.0).await;
        assert_eq!(d.status, StatusCode::OK, "{}", d.body);
        assert!(d.body.contains("<code>[A.1](#A.1)</code>"), "{}", d.body);
        // Only the French text exists: the English page leaves the section's text out.
        assert!(!get(&app, "/en/country/SEN", "").await.body.contains("Première version"));
        let o = get(&app, "/en/ws/narrative/SEN", &sec.0).await;
        assert!(o.body.contains("A.1 Immigration: no published text in EN, PT"), "{}", o.body);

        // A second revision, sent back with a reason, and the diff between the two.
        let text2 = "L'immigration au Sénégal (texte d'essai).\n\nDeuxième version.";
        post(&app, EDIT, &sec.0, &[("csrf", &sec.1), ("body", text2)]).await;
        let page = get(&app, EDIT, &sec.0).await;
        let (id2, v2) = newest(&page);
        assert!(id2 > id);
        assert!(
            page.body.contains("<del>- Première version.</del>") && page.body.contains("<ins>+ Deuxième version.</ins>"),
            "{}",
            page.body
        );
        step(&app, &sec, id2, &v2, "advance", "").await;
        let (_, v2) = newest(&get(&app, EDIT, &chair.0).await);
        assert_eq!(step(&app, &chair, id2, &v2, "back", " ").await.status, StatusCode::BAD_REQUEST, "a send-back needs a reason");
        assert_eq!(step(&app, &chair, id2, &v2, "back", "Citer la source du chiffre").await.status, StatusCode::SEE_OTHER);
        let page = get(&app, EDIT, &sec.0).await;
        assert!(page.body.contains("Citer la source du chiffre"));
        let diff = get(&app, &format!("{EDIT}?from={id2}&to={id}"), &sec.0).await;
        assert!(diff.body.contains("<ins>+ Première version.</ins>"), "{}", diff.body);
        // The published text is still the first revision.
        let n = app.store.narrative(&AreaCode::parse("SEN").unwrap(), None).await.unwrap();
        assert!(n["A.1"][&Lang::Fr].contains("Première version"));

        // Every write is in the audit chain, narrative steps included.
        let head = app.store.audit_head().await.unwrap();
        let rows = app.store.audit_rows(None).await.unwrap();
        assert_eq!(verify_chain(&rows, head.count, &head.last), Ok(head.count));
        let actions: Vec<&str> = rows.iter().filter(|r| r.target == "narrative:SEN:A.1:fr").map(|r| r.action.as_str()).collect();
        assert_eq!(
            actions,
            [
                "narrative.revise",
                "narrative.submit",
                "narrative.approve",
                "narrative.publish",
                "narrative.revise",
                "narrative.submit",
                "narrative.send_back"
            ]
        );
    });
}
