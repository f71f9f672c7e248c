//! Discussion in the TWG workspace through the router: a sub-group chair comments on
//! Senegal's immigrant stock and mentions the provider, whose inbox then shows the thread; the
//! provider answers; the chair resolves and reopens; a reader cannot write, another country's
//! TWG gets 404s, a form without its CSRF token is refused, and every write is in the audit
//! chain. Comments are shown as text, never as HTML.

use axum::http::StatusCode;
use mp_workspace::verify_chain;

mod common;

use common::ws::*;

const ON: &str = "figure:IMM.STOCK:2020:undesa-ims";
const PAGE: &str = "/en/ws/discuss/SEN?on=figure:IMM.STOCK:2020:undesa-ims";

#[test]
fn a_figure_discussed_answered_and_resolved() {
    if !have_data() {
        return;
    }
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap().block_on(async {
        let app = app().await;
        let chair = sign_in(&app, "chair").await;
        let provider = sign_in(&app, "provider").await;
        let reader = sign_in(&app, "reader").await;
        let other = sign_in(&app, "member-t09").await;
        let mali = sign_in(&app, "mali").await;

        let p = get(&app, PAGE, &chair.0).await;
        assert_eq!(p.status, StatusCode::OK, "{}", p.body);
        assert!(p.body.contains("(IMM.STOCK), SEN, 2020, undesa-ims") && p.body.contains("No thread yet."), "{}", p.body);
        assert_eq!(get(&app, PAGE, &mali.0).await.status, StatusCode::NOT_FOUND);
        assert_eq!(get(&app, "/en/ws/discuss/SEN?on=figure:NOPE.X:2020:undesa-ims", &chair.0).await.status, StatusCode::NOT_FOUND);
        assert_eq!(get(&app, "/en/ws/discuss/SEN?on=nonsense", &chair.0).await.status, StatusCode::BAD_REQUEST);
        assert_eq!(get(&app, "/en/ws/discuss/SEN?on=section:Z.9", &chair.0).await.status, StatusCode::NOT_FOUND);

        let text = "@provider the 2020 stock looks low against the census <b>here</b>; can you check?";
        assert_eq!(
            post(&app, "/en/ws/discuss/SEN", &chair.0, &[("on", ON), ("body", text)]).await.status,
            StatusCode::FORBIDDEN,
            "no CSRF"
        );
        assert_eq!(
            post(&app, "/en/ws/discuss/SEN", &reader.0, &[("csrf", &reader.1), ("on", ON), ("body", "x")]).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            post(&app, "/en/ws/discuss/SEN", &mali.0, &[("csrf", &mali.1), ("on", ON), ("body", "x")]).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            post(&app, "/en/ws/discuss/SEN", &chair.0, &[("csrf", &chair.1), ("on", ON), ("body", "  ")]).await.status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
        let r = post(&app, "/en/ws/discuss/SEN", &chair.0, &[("csrf", &chair.1), ("on", ON), ("body", text)]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let p = get(&app, PAGE, &chair.0).await;
        let at = p.body.find("census").unwrap_or_else(|| panic!("{}", p.body));
        let shown = &p.body[at..at + 40];
        assert!(
            (shown.contains("&lt;b&gt;here") || shown.contains("&#60;b&#62;here")) && !p.body.contains("<b>here</b>"),
            "shown as text: {shown}"
        );
        let thread = app.store.comment_threads(None).await.unwrap().remove(0);

        // The provider's inbox: mentioned; the T09 member's: nothing (other theme, no mention).
        let inbox = get(&app, "/en/ws/inbox", &provider.0).await;
        let mentions_part =
            &inbox.body[inbox.body.find("Open threads that mention me").unwrap()..inbox.body.find("Open threads on my themes").unwrap()];
        assert!(mentions_part.contains("SEN · figure:IMM.STOCK:2020:undesa-ims"), "{}", inbox.body);
        let inbox_other = get(&app, "/en/ws/inbox", &other.0).await;
        assert!(!inbox_other.body.contains("IMM.STOCK"), "{}", inbox_other.body);

        // The provider answers in the thread; a reply to a thread elsewhere is refused.
        let id = thread.id.to_string();
        let r = post(
            &app,
            "/en/ws/discuss/SEN",
            &provider.0,
            &[
                ("csrf", &provider.1),
                ("on", ON),
                ("parent", &id),
                ("body", "Checked: the census counts foreign-born, UN DESA citizenship."),
            ],
        )
        .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let r =
            post(&app, "/en/ws/discuss/SEN", &provider.0, &[("csrf", &provider.1), ("on", "section:A.1"), ("parent", &id), ("body", "x")])
                .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        let p = get(&app, PAGE, &chair.0).await;
        assert!(p.body.contains("Checked: the census counts foreign-born"));

        // Resolving: the provider neither wrote the thread nor resolves; the chair does, once.
        let resolve = |who: &(String, String), v: &'static str| {
            let (s, c) = (who.0.clone(), who.1.clone());
            let uri = format!("/en/ws/discuss/SEN/thread/{}", thread.id);
            let app = &app;
            async move { post(app, &uri, &s, &[("csrf", &c), ("resolved", v)]).await.status }
        };
        assert_eq!(resolve(&provider, "1").await, StatusCode::FORBIDDEN);
        assert_eq!(resolve(&chair, "1").await, StatusCode::SEE_OTHER);
        assert_eq!(resolve(&chair, "1").await, StatusCode::CONFLICT);
        assert!(get(&app, PAGE, &chair.0).await.body.contains("#1 · resolved"));
        // A resolved thread leaves the inbox; reopened, it comes back.
        assert!(!get(&app, "/en/ws/inbox", &provider.0).await.body.contains("IMM.STOCK"));
        assert_eq!(resolve(&chair, "0").await, StatusCode::SEE_OTHER);
        assert!(get(&app, "/en/ws/inbox", &provider.0).await.body.contains("IMM.STOCK"));

        // A section's discussion is reached from the narrative editor.
        let chair_edit = get(&app, "/en/ws/narrative/SEN/A.1/en", &chair.0).await;
        assert!(chair_edit.body.contains("/en/ws/discuss/SEN?on=section:A.1"));
        assert_eq!(get(&app, "/en/ws/discuss/SEN?on=section:A.1", &chair.0).await.status, StatusCode::OK);

        let head = app.store.audit_head().await.unwrap();
        let rows = app.store.audit_rows(None).await.unwrap();
        assert_eq!(verify_chain(&rows, head.count, &head.last), Ok(head.count));
        let actions: Vec<&str> = rows.iter().filter(|r| r.target == format!("comment:SEN:{ON}")).map(|r| r.action.as_str()).collect();
        assert_eq!(actions, ["comment.create", "comment.reply", "comment.resolve", "comment.reopen"]);
    });
}
