//! Optional e-mail: with an SMTP server configured, a member mentioned in a comment gets a mail
//! in their language (received here by an in-process SMTP server speaking the few commands a
//! client sends), and a reply reaches the thread's other writer; a server that is not there
//! changes nothing for the request, which is answered as without mail.

use axum::http::StatusCode;
use mp_domain::Lang;
use mp_store::Actor;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::sync::mpsc;

mod common;

use common::ws::*;

async fn app(mail: Option<mp_web::mail::MailSettings>) -> App {
    app_with(|s| match mail {
        Some(m) => s.with_mail(m),
        None => s,
    })
    .await
}

const ON: &str = "figure:IMM.STOCK:2020:undesa-ims";

/// A mail as the fake server received it: recipients and the DATA text.
#[derive(Debug)]
struct Received {
    to: Vec<String>,
    data: String,
}

/// An SMTP server on a free local port that accepts every mail and hands it over.
async fn fake_smtp() -> (u16, mpsc::UnboundedReceiver<Received>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((sock, _)) = listener.accept().await {
            let tx = tx.clone();
            tokio::spawn(async move {
                let (r, mut w) = sock.into_split();
                let mut lines = BufReader::new(r).lines();
                w.write_all(b"220 fake ESMTP\r\n").await.unwrap();
                let mut to = Vec::new();
                while let Ok(Some(line)) = lines.next_line().await {
                    let cmd = line.to_ascii_uppercase();
                    let reply: &[u8] = if cmd.starts_with("EHLO") || cmd.starts_with("HELO") {
                        b"250-fake\r\n250 8BITMIME\r\n"
                    } else if cmd.starts_with("RCPT TO:") {
                        to.push(line[8..].trim().trim_matches(|c| c == '<' || c == '>').to_string());
                        b"250 OK\r\n"
                    } else if cmd.starts_with("DATA") {
                        w.write_all(b"354 go ahead\r\n").await.unwrap();
                        let mut data = String::new();
                        while let Ok(Some(l)) = lines.next_line().await {
                            if l == "." {
                                break;
                            }
                            data.push_str(&l);
                            data.push('\n');
                        }
                        let _ = tx.send(Received { to: std::mem::take(&mut to), data });
                        b"250 queued\r\n"
                    } else if cmd.starts_with("QUIT") {
                        w.write_all(b"221 bye\r\n").await.unwrap();
                        break;
                    } else {
                        b"250 OK\r\n"
                    };
                    w.write_all(reply).await.unwrap();
                }
            });
        }
    });
    (port, rx)
}

/// The mail's text: its body decoded when it came base64-encoded.
fn text_of(data: &str) -> String {
    let Some((head, body)) = data.split_once("\n\n") else { return data.to_string() };
    if !head.contains("Content-Transfer-Encoding: base64") {
        return data.to_string();
    }
    let table = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let (mut bits, mut n, mut out) = (0u32, 0u32, Vec::new());
    for c in body.bytes().filter(|c| !c.is_ascii_whitespace() && *c != b'=') {
        let Some(v) = table.iter().position(|t| *t == c) else { continue };
        bits = (bits << 6) | v as u32;
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
            bits &= (1 << n) - 1;
        }
    }
    format!("{head}\n\n{}", String::from_utf8_lossy(&out))
}

fn settings(port: u16) -> mp_web::mail::MailSettings {
    mp_web::mail::MailSettings {
        host: "127.0.0.1".into(),
        port,
        from: "mprofile <twg@example.org>".into(),
        base_url: "http://portal.test".into(),
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap()
}

#[test]
fn a_mention_is_mailed_in_the_members_language_and_a_reply_to_the_thread() {
    if !have_data() {
        return;
    }
    runtime().block_on(async {
        let (port, mut inbox) = fake_smtp().await;
        let app = app(Some(settings(port))).await;
        let cli = Actor { id: None, name: "cli:test".into() };
        app.store.user_set_mail("provider", Some("awa@ansd.sn"), Lang::Fr, &cli).await.unwrap();
        app.store.user_set_mail("chair", Some("moussa@gtt.sn"), Lang::Pt, &cli).await.unwrap();
        let chair = sign_in(&app, "chair").await;
        let provider = sign_in(&app, "provider").await;
        let r = post(
            &app,
            "/en/ws/discuss/SEN",
            &chair.0,
            &[("csrf", &chair.1), ("on", ON), ("body", "@provider le stock de 2020 semble bas")],
        )
        .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let mut mail = tokio::time::timeout(Duration::from_secs(20), inbox.recv()).await.expect("the mention is mailed").unwrap();
        mail.data = text_of(&mail.data);
        assert_eq!(mail.to, ["awa@ansd.sn"]);
        assert!(mail.data.contains("chair vous a mentionné dans une discussion du profil migratoire SEN"), "{}", mail.data);
        assert!(mail.data.contains("le stock de 2020 semble bas"), "{}", mail.data);
        assert!(mail.data.contains("http://portal.test/fr/ws/discuss/SEN?on=figure:IMM.STOCK:2020:undesa-ims"), "{}", mail.data);

        // The provider answers: the chair, who wrote the thread, is told in Portuguese.
        let thread = app.store.comment_threads(None).await.unwrap().remove(0);
        let r = post(
            &app,
            "/en/ws/discuss/SEN",
            &provider.0,
            &[("csrf", &provider.1), ("on", ON), ("body", "verificado"), ("parent", &thread.id.to_string())],
        )
        .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let mut mail = tokio::time::timeout(Duration::from_secs(20), inbox.recv()).await.expect("the reply is mailed").unwrap();
        mail.data = text_of(&mail.data);
        assert_eq!(mail.to, ["moussa@gtt.sn"]);
        assert!(mail.data.contains("provider respondeu numa discussão do perfil migratório SEN"), "{}", mail.data);
        assert!(mail.data.contains("verificado"), "{}", mail.data);
    });
}

#[test]
fn a_dead_mail_server_does_not_change_the_request() {
    if !have_data() {
        return;
    }
    runtime().block_on(async {
        // A port that was free a moment ago: nothing listens there.
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap().port()
        };
        let app = app(Some(settings(port))).await;
        let cli = Actor { id: None, name: "cli:test".into() };
        app.store.user_set_mail("provider", Some("awa@ansd.sn"), Lang::Fr, &cli).await.unwrap();
        let chair = sign_in(&app, "chair").await;
        let started = std::time::Instant::now();
        let r =
            post(&app, "/en/ws/discuss/SEN", &chair.0, &[("csrf", &chair.1), ("on", ON), ("body", "@provider merci de vérifier")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert!(started.elapsed() < Duration::from_secs(5), "answered without waiting for the mail: {:?}", started.elapsed());
        assert_eq!(app.store.comment_threads(None).await.unwrap().len(), 1, "the comment is stored");
        // Let the mail task fail and log; the server stays up.
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert_eq!(get(&app, "/en/ws/inbox", &chair.0).await.status, StatusCode::OK);
    });
}
