//! The document library through the router: a sub-group chair adds a members-only note,
//! files of the wrong type are refused whatever their name, members-only files are never
//! reachable by the public or by another country's TWG, a provider adds a version, the note is
//! made public and then shows on the portal, filtered, with its file served as an attachment of
//! the type told from its content; every write is a POST with the CSRF token and is audited.

use axum::body::Body;
use axum::http::{StatusCode, header};
use mp_domain::Iso3;
use mp_store::Actor;
use mp_workspace::verify_chain;

mod common;

use common::ws::*;

/// The workspace, with PDF output for the collection guides.
async fn app() -> App {
    app_with(|s| {
        s.with_pdf(std::sync::Arc::new(|d: &mp_profile::Document, l| {
            mp_pdf::document_pdf(d, l, &mp_pdf::PdfOptions::default()).map_err(|e| e.to_string())
        }))
    })
    .await
}

fn multipart(fields: &[(&str, &str)], file: &[u8], name: &str) -> (Body, String) {
    let b = "mprofilelibraryboundary";
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend_from_slice(format!("--{b}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes());
    }
    // The browser's claim (name and type) is what an attacker controls: it must not matter.
    body.extend_from_slice(
        format!("--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/pdf\r\n\r\n")
            .as_bytes(),
    );
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{b}--\r\n").as_bytes());
    (Body::from(body), format!("multipart/form-data; boundary={b}"))
}

async fn upload(app: &App, uri: &str, who: &(String, String), fields: &[(&str, &str)], file: &[u8], name: &str) -> Res {
    let mut all = vec![("csrf", who.1.as_str())];
    all.extend_from_slice(fields);
    let (body, ctype) = multipart(&all, file, name);
    send(app, "POST", uri, &who.0, body, &ctype).await
}

const NOTE: &[u8] = "# Note méthodologique\n\nLe stock d'immigrants du recensement de 2023.\n".as_bytes();
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";

fn meta(country: &str) -> Vec<(&str, &str)> {
    vec![
        ("title", "Note sur le stock d'immigrants"),
        ("authors", "ANSD, GTT Sénégal"),
        ("country", country),
        ("kind", "method_note"),
        ("visibility", "members"),
        ("language", "fr"),
        ("theme", "T04"),
        ("indicators", "IMM.STOCK"),
        ("note", "premier jet"),
    ]
}

#[test]
fn members_only_documents_stay_with_members_until_published() {
    if !have_data() {
        return;
    }
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap().block_on(async {
        let app = app().await;
        let chair = sign_in(&app, "chair").await;
        let provider = sign_in(&app, "provider").await;
        let reader = sign_in(&app, "reader").await;
        let mali = sign_in(&app, "mali").await;

        // Refused: no CSRF token, a reader, another country's TWG, files of the wrong type.
        let (body, ctype) = multipart(&meta("SEN"), NOTE, "note.md");
        assert_eq!(send(&app, "POST", "/en/ws/library", &chair.0, body, &ctype).await.status, StatusCode::FORBIDDEN);
        assert_eq!(upload(&app, "/en/ws/library", &reader, &meta("SEN"), NOTE, "note.md").await.status, StatusCode::FORBIDDEN);
        assert_eq!(upload(&app, "/en/ws/library", &mali, &meta("SEN"), NOTE, "note.md").await.status, StatusCode::FORBIDDEN);
        for (bytes, name) in [
            (&b"<!DOCTYPE html><script>alert(1)</script>"[..], "paper.pdf"),
            (&b"MZ\x90\x00\x03\x00\x00\x00\x04\x00"[..], "paper.docx"),
            (&b"PK\x03\x04 not really a workbook"[..], "paper.xlsx"),
            (&b"%PDF-1.4 cut short"[..], "paper.pdf"),
        ] {
            let r = upload(&app, "/fr/ws/library", &chair, &meta("SEN"), bytes, name).await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{name}: {}", r.body);
            assert!(r.body.contains("Le fichier a été refusé"), "{}", r.body);
        }
        let mut no_lang = meta("SEN");
        no_lang.retain(|(k, _)| *k != "language");
        assert_eq!(upload(&app, "/en/ws/library", &chair, &no_lang, NOTE, "note.md").await.status, StatusCode::UNPROCESSABLE_ENTITY);
        let mut bad_ind = meta("SEN");
        bad_ind.push(("indicators", "NOPE.X"));
        bad_ind.retain(|(k, v)| *k != "indicators" || *v == "NOPE.X");
        assert_eq!(upload(&app, "/en/ws/library", &chair, &bad_ind, NOTE, "note.md").await.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(app.store.library_documents().await.unwrap().is_empty(), "nothing stored");

        // The chair adds a members-only note (named as if it were a PDF: the content decides).
        let r = upload(&app, "/en/ws/library", &chair, &meta("SEN"), NOTE, "../../etc/passwd.pdf").await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let doc = app.store.library_documents().await.unwrap().remove(0);
        let v1 = doc.versions[0].id;
        let file = format!("/en/library/file/{v1}");

        // Not on the portal; the file is a 404 to the public and to Mali's TWG, served to a reader.
        let public = get(&app, "/en/library", "").await;
        assert_eq!(public.status, StatusCode::OK);
        assert!(!public.body.contains("stock d&#39;immigrants") && !public.body.contains("stock d'immigrants"), "{}", public.body);
        assert_eq!(get(&app, &file, "").await.status, StatusCode::NOT_FOUND);
        assert_eq!(get(&app, &file, &mali.0).await.status, StatusCode::NOT_FOUND);
        assert_eq!(get(&app, &format!("/en/library/file/{}", v1 + 1000), &reader.0).await.status, StatusCode::NOT_FOUND);
        let got = get(&app, &file, &reader.0).await;
        assert_eq!(got.status, StatusCode::OK);
        assert_eq!(got.body.as_bytes(), NOTE);
        assert_eq!(got.headers[header::CONTENT_TYPE], "text/markdown; charset=utf-8");
        assert_eq!(got.headers[header::CONTENT_DISPOSITION], "attachment; filename=\"note-sur-le-stock-d-immigrants-v1.md\"");
        assert_eq!(got.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(got.headers[header::CACHE_CONTROL], "private, no-store");
        let ws = get(&app, "/en/ws/library", &reader.0).await;
        assert!(ws.body.contains("(members only)") && !ws.body.contains("Add a new version"), "a reader reads, changes nothing");
        assert!(!get(&app, "/en/ws/library", &mali.0).await.body.contains("immigrants"), "another country's members-only document");

        // The provider adds a PDF version; only members of SEN may, with the token.
        let vpath = format!("/en/ws/library/{}/version", doc.id);
        assert_eq!(upload(&app, &vpath, &mali, &[("note", "x")], PDF, "v2.pdf").await.status, StatusCode::NOT_FOUND);
        assert_eq!(upload(&app, &vpath, &reader, &[("note", "x")], PDF, "v2.pdf").await.status, StatusCode::FORBIDDEN);
        let r = upload(&app, &vpath, &provider, &[("note", "revue par le GTT")], PDF, "v2.md").await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

        // Made public: on the portal in every language, filtered, its files served to anyone.
        let vis = format!("/en/ws/library/{}/visibility", doc.id);
        assert_eq!(post(&app, &vis, &chair.0, &[("visibility", "public")]).await.status, StatusCode::FORBIDDEN, "no CSRF");
        assert_eq!(post(&app, &vis, &mali.0, &[("csrf", &mali.1), ("visibility", "public")]).await.status, StatusCode::NOT_FOUND);
        assert_eq!(post(&app, &vis, &chair.0, &[("csrf", &chair.1), ("visibility", "public")]).await.status, StatusCode::SEE_OTHER);
        for l in ["en", "fr", "pt"] {
            let p = get(&app, &format!("/{l}/library?area=SEN&theme=T04&indicator=IMM.STOCK&lang=fr&kind=method_note"), "").await;
            assert_eq!(p.status, StatusCode::OK);
            assert!(p.body.contains("Note sur le stock d"), "{l}: {}", p.body);
            assert!(p.body.contains(&format!("/{l}/indicator/IMM.STOCK")) && p.body.contains(&format!("/{l}/theme/T04")));
            assert!(!p.body.contains("<script"), "no script");
        }
        assert!(get(&app, "/fr/library", "").await.body.contains("Note méthodologique"));
        for other in [
            "/en/library?theme=T09",
            "/en/library?area=MLI",
            "/en/library?area=regional",
            "/en/library?lang=pt",
            "/en/library?kind=training",
        ] {
            assert!(!get(&app, other, "").await.body.contains("Note sur le stock d"), "{other}");
        }
        let v2 = app.store.library_document(doc.id).await.unwrap().unwrap().versions[1].id;
        let pdf = get(&app, &format!("/en/library/file/{v2}"), "").await;
        assert_eq!((pdf.status, pdf.body.as_bytes()), (StatusCode::OK, PDF));
        assert_eq!(pdf.headers[header::CONTENT_TYPE], "application/pdf");
        assert_eq!(pdf.headers[header::CONTENT_DISPOSITION], "attachment; filename=\"note-sur-le-stock-d-immigrants-v2.pdf\"");
        assert_eq!(get(&app, &file, "").await.status, StatusCode::OK, "earlier versions too");
        let theme = get(&app, "/en/theme/T04", "").await;
        assert!(theme.body.contains("/en/library?theme=T04"), "{}", theme.body);

        // Back to members only: the public loses it again.
        assert_eq!(post(&app, &vis, &chair.0, &[("csrf", &chair.1), ("visibility", "members")]).await.status, StatusCode::SEE_OTHER);
        assert_eq!(get(&app, &format!("/en/library/file/{v2}"), "").await.status, StatusCode::NOT_FOUND);

        // Every write audited, in one chain.
        let rows = app.store.audit_rows(None).await.unwrap();
        let actions: Vec<&str> = rows.iter().map(|r| r.action.as_str()).filter(|a| a.starts_with("library.")).collect();
        assert_eq!(actions, ["library.add", "library.version", "library.visibility", "library.visibility"]);
        let head = app.store.audit_head().await.unwrap();
        assert!(verify_chain(&rows, head.count, &head.last).is_ok());
    });
}

#[test]
fn each_organisation_downloads_its_collection_guide() {
    if !have_data() {
        return;
    }
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap().block_on(async {
        let app = app().await;
        let provider = sign_in(&app, "provider").await;
        let mali = sign_in(&app, "mali").await;
        let sen = Iso3::parse("SEN").unwrap();
        let list = get(&app, "/fr/ws/guide", &provider.0).await;
        assert_eq!(list.status, StatusCode::OK);
        assert!(list.body.contains("ANSD") && list.body.contains("/fr/ws/guide/SEN/ansd/html/fr"), "{}", list.body);
        assert!(list.body.contains("Aucune date limite"), "no deadline yet: {}", list.body);
        assert!(!get(&app, "/en/ws/guide", &mali.0).await.body.contains("ANSD"), "Mali's TWG sees Mali only");

        let cli = Actor { id: None, name: "cli:test".into() };
        let due = mp_store::CollectionDeadline { edition: "2027".into(), deadline: "2027-03-31".into() };
        app.store.collection_deadline_set(&sen, &due, &cli).await.unwrap();
        let bad = mp_store::CollectionDeadline { edition: "2027".into(), deadline: "31/03/2027".into() };
        assert!(app.store.collection_deadline_set(&sen, &bad, &cli).await.is_err());
        let fw = fw_areas();
        let stock = fw.0.find("IMM.STOCK").unwrap();
        let other = fw.0.indicators.iter().find(|i| i.theme.as_str() == "T09" && i.formula.is_none()).unwrap();
        for (l, due) in [("en", "due by 2027-03-31"), ("fr", "au plus tard le 2027-03-31"), ("pt", "entregues até 2027-03-31")] {
            let g = get(&app, &format!("/en/ws/guide/SEN/ansd/html/{l}"), &provider.0).await;
            assert_eq!(g.status, StatusCode::OK);
            assert!(g.body.contains(due), "{l}: {}", g.body);
            let lang: mp_domain::Lang = l.parse().unwrap();
            assert!(g.body.contains(&stock.name.get(lang).replace('\'', "&#39;")), "{l}: the assigned theme's indicator");
            assert!(!g.body.contains(other.name.get(lang)), "{l}: not another theme's");
            assert!(!g.body.contains("library-guide-") && !g.body.contains("<script"), "{l}");
            assert!(g.body.len() < MAX_PAGE);
        }
        assert_eq!(get(&app, "/en/ws/guide/SEN/ansd/html/fr", &mali.0).await.status, StatusCode::NOT_FOUND);
        assert_eq!(get(&app, "/en/ws/guide/SEN/nobody/html/fr", &provider.0).await.status, StatusCode::NOT_FOUND);
        assert_eq!(get(&app, "/en/ws/guide/SEN/ansd/html/fr", "").await.status, StatusCode::SEE_OTHER, "members only");
        let pdf = send(&app, "GET", "/en/ws/guide/SEN/ansd/pdf/fr", &provider.0, Body::empty(), "").await;
        assert_eq!(pdf.status, StatusCode::OK);
        assert!(pdf.body.starts_with("%PDF-"));
        assert_eq!(pdf.headers[header::CONTENT_DISPOSITION], "attachment; filename=\"collection-guide-SEN-ansd-fr.pdf\"");
        assert!(app.store.audit_rows(None).await.unwrap().iter().any(|r| r.action == "guide.deadline"));
    });
}
