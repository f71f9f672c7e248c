//! Meetings and workshops in the TWG workspace through the router: Senegal's secretariat
//! records a national workshop with its participants, decisions and a figure discussed, adds
//! two action items (one overdue, shown on its workspace home until done), and downloads the
//! report; a reader cannot write, another country's TWG gets 404s, a form without its CSRF
//! token is refused, bad input names the field, every page is under 150 KB, and every write is
//! in the audit chain. The regional programme counts the workshops planned and held.

use axum::http::{StatusCode, header};
use mp_workspace::verify_chain;

mod common;

use common::ws::*;

fn meeting_form<'a>(csrf: &'a str, date: &'a str, participants: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf", csrf),
        ("kind", "national_workshop"),
        ("status", "held"),
        ("title", "Atelier national de validation du profil"),
        ("date", date),
        ("place", "Dakar"),
        ("meeting_lang", "fr"),
        ("countries", "SEN"),
        ("agenda", "Ouverture\nRevue des chiffres de l'immigration"),
        ("participants", participants),
        ("documents", "Note technique https://example.org/note.pdf"),
        ("minutes", "Le groupe a revu les chiffres."),
        ("decisions", "Adopter la section A.1\nDemander le recensement 2023"),
        ("outputs", "Projet de section A.1"),
        ("figures", "figure:IMM.STOCK:2020:undesa-ims"),
    ]
}

#[test]
fn a_workshop_recorded_with_action_items_and_its_report() {
    if !have_data() {
        return;
    }
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap().block_on(async {
        let app = app().await;
        let sec = sign_in(&app, "secretariat").await;
        let reader = sign_in(&app, "reader").await;
        let mali = sign_in(&app, "mali").await;
        let people = "ANSD: Awa Ndiaye\n@provider\nOIM: Jean Diop";

        let form = get(&app, "/en/ws/meetings/new/SEN", &sec.0).await;
        assert_eq!(form.status, StatusCode::OK, "{}", form.body);
        assert_eq!(get(&app, "/en/ws/meetings/new/SEN", &reader.0).await.status, StatusCode::FORBIDDEN);
        assert_eq!(get(&app, "/en/ws/meetings/new/SEN", &mali.0).await.status, StatusCode::NOT_FOUND);
        let no_csrf = meeting_form("", "2026-03-10", people);
        assert_eq!(post(&app, "/en/ws/meetings/new/SEN", &sec.0, &no_csrf).await.status, StatusCode::FORBIDDEN);
        assert_eq!(
            post(&app, "/en/ws/meetings/new/SEN", &reader.0, &meeting_form(&reader.1, "2026-03-10", people)).await.status,
            StatusCode::FORBIDDEN
        );
        let bad_date = post(&app, "/en/ws/meetings/new/SEN", &sec.0, &meeting_form(&sec.1, "2026-13-01", people)).await;
        assert_eq!(bad_date.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad_date.body.contains("date:"), "{}", bad_date.body);
        let bad_people = post(&app, "/en/ws/meetings/new/SEN", &sec.0, &meeting_form(&sec.1, "2026-03-10", "ANSD: Awa\nJust a name")).await;
        assert_eq!(bad_people.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad_people.body.contains("participants, line 2"), "{}", bad_people.body);
        assert!(app.store.meetings(None).await.unwrap().is_empty(), "nothing stored by refused forms");

        let r = post(&app, "/en/ws/meetings/new/SEN", &sec.0, &meeting_form(&sec.1, "2026-03-10", people)).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let at = r.headers.get(header::LOCATION).unwrap().to_str().unwrap().to_string();
        let id: i64 = at.rsplit('/').next().unwrap().parse().unwrap();
        let page = get(&app, &at, &sec.0).await;
        assert_eq!(page.status, StatusCode::OK);
        for want in [
            "Atelier national de validation du profil",
            "ANSD: Awa Ndiaye",
            "ANSD: provider",
            "OIM: Jean Diop",
            "Adopter la section A.1",
            "not in the store when recorded",
        ] {
            assert!(page.body.contains(want), "{want}: {}", page.body);
        }
        assert_eq!(get(&app, &at, &reader.0).await.status, StatusCode::OK, "the TWG reads its meetings");
        assert_eq!(get(&app, &at, &mali.0).await.status, StatusCode::NOT_FOUND);

        // Two action items: one long overdue, one due later.
        let add = format!("/en/ws/meeting/{id}/action");
        let r = post(
            &app,
            &add,
            &sec.0,
            &[
                ("csrf", &sec.1),
                ("body", "Envoyer le recensement 2023"),
                ("owner", "@provider"),
                ("due", "2020-01-31"),
                ("refs", "figure:IMM.STOCK:2020:undesa-ims section:A.1"),
            ],
        )
        .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let r = post(
            &app,
            &add,
            &sec.0,
            &[
                ("csrf", &sec.1),
                ("body", "Rédiger la section A.1"),
                ("owner", "Secrétariat"),
                ("due", "2099-06-30"),
                ("refs", "section:A.1"),
            ],
        )
        .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let bad_ref =
            post(&app, &add, &sec.0, &[("csrf", &sec.1), ("body", "x"), ("owner", "y"), ("due", "2099-06-30"), ("refs", "chapter:3")])
                .await;
        assert_eq!(bad_ref.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            post(&app, &add, &reader.0, &[("csrf", &reader.1), ("body", "x"), ("owner", "y"), ("due", "2099-06-30")]).await.status,
            StatusCode::FORBIDDEN
        );
        let m = app.store.meeting(id).await.unwrap().unwrap();
        assert_eq!(m.actions.len(), 2);
        assert!(m.actions[0].owner_id.is_some(), "@provider is the member");

        // The overdue item is on the secretariat's home, not the reader's.
        let home = get(&app, "/en/ws/", &sec.0).await;
        assert!(home.body.contains("Overdue action items") && home.body.contains("Envoyer le recensement 2023"), "{}", home.body);
        assert!(!home.body.contains("Rédiger la section A.1"), "not overdue");
        assert!(!get(&app, "/en/ws/", &reader.0).await.body.contains("Overdue action items"));
        let done = format!("/en/ws/meeting-action/{}/status", m.actions[0].id);
        assert_eq!(post(&app, &done, &mali.0, &[("csrf", &mali.1), ("status", "done")]).await.status, StatusCode::NOT_FOUND);
        assert_eq!(post(&app, &done, &sec.0, &[("csrf", &sec.1), ("status", "finished")]).await.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(post(&app, &done, &sec.0, &[("csrf", &sec.1), ("status", "done")]).await.status, StatusCode::SEE_OTHER);
        assert!(!get(&app, "/en/ws/", &sec.0).await.body.contains("Overdue action items"));

        // The report, in the meeting's language (French), from the record.
        let rep = get(&app, &format!("/en/ws/meeting/{id}/report.html"), &sec.0).await;
        assert_eq!(rep.status, StatusCode::OK);
        let text = rep.body.replace(['\u{a0}', '\u{202f}'], " ");
        for want in [
            "Ordre du jour",
            "Revue des chiffres",
            "Personnes présentes",
            "ANSD",
            "Awa Ndiaye, provider",
            "Décisions",
            "Demander le recensement 2023",
            "Actions",
            "Envoyer le recensement 2023",
            "faite",
            "Chiffres examinés",
            "absent de la base",
        ] {
            assert!(text.contains(want), "{want} in the report");
        }
        assert_eq!(
            get(&app, &format!("/en/ws/meeting/{id}/report.pdf"), &sec.0).await.status,
            StatusCode::NOT_FOUND,
            "no PDF writer given"
        );
        assert_eq!(get(&app, &format!("/en/ws/meeting/{id}/report.html"), &mali.0).await.status, StatusCode::NOT_FOUND);

        // Editing keeps the figures' values and the member link; the programme counts the workshop.
        let edit = get(&app, &format!("/fr/ws/meeting/{id}/edit"), &sec.0).await;
        assert!(edit.body.contains("Atelier national de validation du profil"));
        let r = post(
            &app,
            &format!("/en/ws/meeting/{id}/edit"),
            &sec.0,
            &meeting_form(&sec.1, "2026-03-11", "ANSD: Awa Ndiaye\nANSD: provider"),
        )
        .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let m = app.store.meeting(id).await.unwrap().unwrap();
        assert_eq!((m.held_on.to_string().as_str(), m.participants.len()), ("2026-03-11", 2));
        assert!(m.participants[1].user_id.is_some(), "the member stays linked");
        for lang in ["en", "fr", "pt"] {
            let p = get(&app, &format!("/{lang}/ws/meetings/programme"), &mali.0).await;
            assert_eq!(p.status, StatusCode::OK);
            assert!(p.body.contains("1 ") && p.body.contains(" 8"), "{}", p.body);
            assert!(!p.body.contains(&format!("/ws/meeting/{id}\"")), "Mali sees the programme but not Senegal's record");
            assert_eq!(get(&app, &format!("/{lang}/ws/meetings"), &sec.0).await.status, StatusCode::OK);
        }
        let prog = get(&app, "/en/ws/meetings/programme", &sec.0).await;
        assert!(prog.body.contains("National workshop: 1 held, 0 planned, of 8 in the programme."), "{}", prog.body);
        assert!(prog.body.contains("Regional workshop: 0 held, 0 planned, of 3 in the programme."));

        let rows = app.store.audit_rows(Some(&format!("meeting:{id}"))).await.unwrap();
        assert_eq!(
            rows.iter().map(|r| r.action.as_str()).collect::<Vec<_>>(),
            ["meeting.create", "meeting.action.add", "meeting.action.add", "meeting.action.status", "meeting.update"]
        );
        let head = app.store.audit_head().await.unwrap();
        assert!(verify_chain(&app.store.audit_rows(None).await.unwrap(), head.count, &head.last).is_ok());
    });
}
