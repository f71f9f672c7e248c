//! Members' e-mail addresses for the optional notifications (migration 0019). An address is
//! kept as given after a light check; the language of the mails defaults to English.

use crate::error::StoreError;
use crate::store::Store;
use crate::workspace::Actor;
use mp_domain::Lang;

/// Where and in which language a member is told of what lands in their inbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailAddress {
    /// The member's user id.
    pub user_id: i64,
    /// The address.
    pub email: String,
    /// The language of the mails.
    pub lang: Lang,
}

/// Whether `s` looks like one mailbox address (`local@domain`, no spaces or header breaks).
pub fn plausible_address(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && s.len() <= 254
        && !s.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | ',' | ';' | '"'))
        && !domain.contains('@')
}

impl Store {
    /// Sets (or, with `None`, removes) the e-mail address of `login` and the language of its mails.
    pub async fn user_set_mail(&self, login: &str, email: Option<&str>, lang: Lang, actor: &Actor) -> Result<(), StoreError> {
        if let Some(e) = email.filter(|e| !plausible_address(e)) {
            return Err(StoreError::Refused(format!("{e:?} is not an e-mail address (expected name@domain.org)")));
        }
        let err = self.sql_err("saving an e-mail address");
        let mut tx = self.ws_begin("saving an e-mail address").await?;
        let n = sqlx::query("UPDATE app_user SET email = $1, mail_lang = $2 WHERE login = $3")
            .bind(email)
            .bind(lang.code())
            .bind(login)
            .execute(&mut *tx)
            .await
            .map_err(&err)?
            .rows_affected();
        if n == 0 {
            return Err(StoreError::Refused(format!("there is no user {login}")));
        }
        let after = serde_json::json!({ "email": email, "lang": lang.code() }).to_string();
        self.audit_append(&mut tx, actor, "user.mail", &format!("user:{login}"), "", &after).await?;
        tx.commit().await.map_err(&err)?;
        Ok(())
    }

    /// The addresses of these members that have one (enabled accounts only).
    pub async fn mail_addresses(&self, user_ids: &[i64]) -> Result<Vec<MailAddress>, StoreError> {
        use sqlx::Row;
        let err = self.sql_err("reading e-mail addresses");
        let mut out = Vec::new();
        for id in user_ids {
            let row = sqlx::query("SELECT email, mail_lang FROM app_user WHERE id = $1 AND email IS NOT NULL AND disabled = 0")
                .bind(id)
                .fetch_optional(&self.pool)
                .await
                .map_err(&err)?;
            if let Some(row) = row {
                let email: String = row.try_get("email").map_err(&err)?;
                let lang: Option<String> = row.try_get("mail_lang").map_err(&err)?;
                let lang = lang.and_then(|l| l.parse::<Lang>().ok()).unwrap_or(Lang::En);
                if !out.iter().any(|a: &MailAddress| a.user_id == *id) {
                    out.push(MailAddress { user_id: *id, email, lang });
                }
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::plausible_address;

    #[test]
    fn addresses_are_checked_lightly() {
        assert!(plausible_address("awa.diop@ansd.sn"));
        for bad in ["", "awa", "awa@", "@ansd.sn", "awa@ansd", "a b@ansd.sn", "awa@ansd.sn\r\nBcc: x@y.z", "a@b@c.d", "<a@b.c>"] {
            assert!(!plausible_address(bad), "{bad:?}");
        }
    }
}
