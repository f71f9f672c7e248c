//! Optional e-mail: members with an address are told by mail of what lands in their inbox (a
//! mention, a reply in a thread they wrote in, a submission waiting for their step), in their
//! language, when the binary configured an SMTP server (`AppState::with_mail`).
//!
//! Nothing depends on it: without a server nothing is sent, and with one every mail is sent by
//! a task of its own after the request has been answered; a server that refuses, times out or is
//! not there is logged (`tracing::warn!`) and forgotten. Plain SMTP (no TLS stack compiled in):
//! point it at the organisation's relay, which forwards over TLS (see ARCHITECTURE.md).

use crate::state::AppState;
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Body, Mailbox};
use lettre::transport::smtp::AsyncSmtpTransport;
use lettre::{AsyncTransport, Message, Tokio1Executor};
use mp_domain::Lang;
use std::time::Duration;

/// Where mails go out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailSettings {
    /// SMTP server host.
    pub host: String,
    /// Its port (25 or 587 for a relay; any for a local test server).
    pub port: u16,
    /// The sender, `mprofile <twg@example.org>`.
    pub from: String,
    /// The portal's address, to link from mails (`https://profiles.example.org`); may be empty.
    pub base_url: String,
}

/// What a notification is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Someone mentioned the member in a comment.
    Mention {
        /// Who wrote.
        by: String,
        /// The country.
        country: String,
        /// The text of the comment.
        body: String,
        /// Path of the discussion on the portal.
        path: String,
    },
    /// Someone replied in a thread the member wrote in.
    Reply {
        /// Who wrote.
        by: String,
        /// The country.
        country: String,
        /// The text of the reply.
        body: String,
        /// Path of the discussion on the portal.
        path: String,
    },
    /// A submission now waits for a step the member may take.
    Waiting {
        /// Submission number.
        id: i64,
        /// The country.
        country: String,
        /// Its state code (`submitted`), put in words of each member's language.
        state: String,
        /// Path of the submission on the portal.
        path: String,
    },
}

/// The subject and text of a notice in `lang`.
pub fn compose(n: &Notice, lang: Lang, base_url: &str) -> (String, String) {
    let m = |id: &str, args: &[(&str, &str)]| crate::pages::ma(lang, id, args);
    let link = |path: &str| format!("{}{}", base_url.trim_end_matches('/'), path.replace("{lang}", lang.code()));
    match n {
        Notice::Mention { by, country, body, path } => (
            m("mail-mention-subject", &[("by", by), ("country", country)]),
            format!("{}\n\n{}\n\n{}\n", m("mail-mention-body", &[("by", by), ("country", country)]), quote(body), link(path)),
        ),
        Notice::Reply { by, country, body, path } => (
            m("mail-reply-subject", &[("by", by), ("country", country)]),
            format!("{}\n\n{}\n\n{}\n", m("mail-reply-body", &[("by", by), ("country", country)]), quote(body), link(path)),
        ),
        Notice::Waiting { id, country, state, path } => {
            let id = id.to_string();
            let state = crate::pages::m(lang, &format!("ws-state-{state}")).to_lowercase();
            (
                m("mail-waiting-subject", &[("id", &id), ("country", country)]),
                format!("{}\n\n{}\n", m("mail-waiting-body", &[("id", &id), ("country", country), ("state", &state)]), link(path)),
            )
        }
    }
    .with_footer(lang)
}

trait Footer {
    fn with_footer(self, lang: Lang) -> Self;
}

impl Footer for (String, String) {
    fn with_footer(self, lang: Lang) -> Self {
        (self.0, format!("{}\n-- \n{}\n", self.1, crate::pages::m(lang, "mail-footer")))
    }
}

/// A comment's text as a quotation, cut to a readable length.
fn quote(body: &str) -> String {
    let short: String = body.chars().take(1200).collect();
    let cut = if short.len() < body.len() { "…" } else { "" };
    short.lines().map(|l| format!("> {l}")).collect::<Vec<_>>().join("\n") + cut
}

/// Sends `notice` to the members `user_ids` that have an address, each in their language, off
/// the request path: returns at once. Without a configured server it does nothing.
pub fn notify(st: &AppState, user_ids: Vec<i64>, notice: Notice) {
    let Some(settings) = st.mail().cloned() else { return };
    if user_ids.is_empty() {
        return;
    }
    let store = st.store().clone();
    tokio::spawn(async move {
        let to = match store.mail_addresses(&user_ids).await {
            Ok(a) => a,
            Err(e) => {
                tracing::warn!(error = %e, "mail: cannot read the members' addresses");
                return;
            }
        };
        for a in to {
            let (subject, text) = compose(&notice, a.lang, &settings.base_url);
            if let Err(e) = send(&settings, &a.email, &subject, text).await {
                tracing::warn!(error = %e, to = %a.email, host = %settings.host, port = settings.port, "mail not sent");
            }
        }
    });
}

/// Sends one plain-text mail and waits for the server's answer (at most 20 seconds).
pub async fn send(settings: &MailSettings, to: &str, subject: &str, text: String) -> Result<(), String> {
    let from: Mailbox = settings.from.parse().map_err(|e| format!("sender {:?}: {e}", settings.from))?;
    let to: Mailbox = to.parse().map_err(|e| format!("recipient {to:?}: {e}"))?;
    // 8-bit text reads as written (French and Portuguese accents included); a line too long
    // for it falls back to the encoding lettre picks.
    let body = Body::new_with_encoding(text, ContentTransferEncoding::EightBit).unwrap_or_else(Body::new);
    let msg =
        Message::builder().from(from).to(to).subject(subject).header(ContentType::TEXT_PLAIN).body(body).map_err(|e| e.to_string())?;
    let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&settings.host)
        .port(settings.port)
        .timeout(Some(Duration::from_secs(20)))
        .build();
    transport.send(msg).await.map(|_| ()).map_err(|e| e.to_string())
}
