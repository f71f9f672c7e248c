//! What a data-collection guide is generated from: the themes an organisation provides in a
//! country (its data providers' memberships, the workspace's assignments) and the deadline of
//! the edition being prepared there.

use crate::error::StoreError;
use crate::rows::now_utc;
use crate::store::Store;
use crate::workspace::Actor;
use mp_domain::Iso3;
use mp_workspace::{Role, ThemeSet};
use std::collections::BTreeSet;

/// The edition being prepared in a country and the date its figures are due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CollectionDeadline {
    /// The edition's label, e.g. `2027`.
    pub edition: String,
    /// The date figures are due (YYYY-MM-DD).
    pub deadline: String,
}

/// Whether `s` is a calendar date written YYYY-MM-DD.
fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|x| x.parse::<u32>().ok());
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else { return false };
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d) && y >= 2000
}

impl Store {
    /// The themes organisation `org` provides in `country`: the union of its data providers'
    /// memberships there (`None` when it has none; `ThemeSet::All` when one covers every theme).
    pub async fn org_assignment(&self, org: i64, country: &Iso3) -> Result<Option<ThemeSet>, StoreError> {
        let rows: Vec<String> =
            sqlx::query_scalar("SELECT themes FROM membership WHERE role = $1 AND organisation_id = $2 AND country = $3")
                .bind(Role::Provider.code())
                .bind(org)
                .bind(country.as_str())
                .fetch_all(&self.pool)
                .await
                .map_err(self.sql_err("reading an organisation's assignments"))?;
        let mut themes = BTreeSet::new();
        for t in &rows {
            match ThemeSet::parse(t) {
                Ok(ThemeSet::All) => return Ok(Some(ThemeSet::All)),
                Ok(ThemeSet::Some(s)) => themes.extend(s),
                Err(e) => return Err(StoreError::Refused(format!("membership themes `{t}`: {e}"))),
            }
        }
        Ok(if rows.is_empty() { None } else { Some(ThemeSet::Some(themes)) })
    }

    /// Sets the edition being prepared in `country` and its deadline (audited).
    pub async fn collection_deadline_set(&self, country: &Iso3, d: &CollectionDeadline, actor: &Actor) -> Result<(), StoreError> {
        if !is_date(&d.deadline) {
            return Err(StoreError::Refused(format!("deadline `{}`: expected a date written YYYY-MM-DD", d.deadline)));
        }
        if d.edition.trim().is_empty() || d.edition.len() > 40 {
            return Err(StoreError::Refused("the edition needs a label of 1 to 40 characters".into()));
        }
        let before = self.collection_deadline(country).await?;
        let err = self.sql_err("setting a collection deadline");
        let mut tx = self.ws_begin("setting a collection deadline").await?;
        sqlx::query("DELETE FROM collection_deadline WHERE country = $1").bind(country.as_str()).execute(&mut *tx).await.map_err(&err)?;
        sqlx::query("INSERT INTO collection_deadline (country, edition, deadline, updated_at) VALUES ($1, $2, $3, $4)")
            .bind(country.as_str())
            .bind(d.edition.trim())
            .bind(&d.deadline)
            .bind(now_utc())
            .execute(&mut *tx)
            .await
            .map_err(&err)?;
        let json = |x: Option<&CollectionDeadline>| {
            x.map(|x| serde_json::json!({ "edition": x.edition, "deadline": x.deadline }).to_string()).unwrap_or_default()
        };
        self.audit_append(&mut tx, actor, "guide.deadline", &format!("deadline:{country}"), &json(before.as_ref()), &json(Some(d))).await?;
        tx.commit().await.map_err(&err)?;
        Ok(())
    }

    /// The edition being prepared in `country` and its deadline, if set.
    pub async fn collection_deadline(&self, country: &Iso3) -> Result<Option<CollectionDeadline>, StoreError> {
        let row: Option<(String, String)> = sqlx::query_as("SELECT edition, deadline FROM collection_deadline WHERE country = $1")
            .bind(country.as_str())
            .fetch_optional(&self.pool)
            .await
            .map_err(self.sql_err("reading a collection deadline"))?;
        Ok(row.map(|(edition, deadline)| CollectionDeadline { edition, deadline }))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates() {
        for ok in ["2027-03-31", "2028-02-29"] {
            assert!(super::is_date(ok), "{ok}");
        }
        for bad in ["2027-02-29", "2027-13-01", "31/03/2027", "2027-3-31", "1999-01-01", ""] {
            assert!(!super::is_date(bad), "{bad}");
        }
    }
}
