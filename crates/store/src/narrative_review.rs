//! Narrative revisions written in the TWG workspace and the steps of their review.
//!
//! A revision is the whole text of one section in one language. Saving a text adds a draft
//! revision; each step moves one revision on (optimistic concurrency on its version, as for
//! submissions). Publishing a revision writes its body into the `narrative` table's working
//! draft in the same transaction, so `mprofile build` and the portal, which read that table,
//! only ever see published text. Every write appends its audit row in its transaction. Who may
//! take which step is `mp-workspace`'s decision, taken by the caller.

use crate::error::StoreError;
use crate::rows::{RowReader, now_utc};
use crate::store::Store;
use crate::workspace::Actor;
use mp_domain::{AreaCode, Lang};
use mp_workspace::State;
use serde::Serialize;

/// One stored revision of a section's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NarrativeRevision {
    /// Store id.
    pub id: i64,
    /// The country.
    pub area: String,
    /// The template's section id, e.g. `A.1`.
    pub section: String,
    /// The language of the text.
    pub lang: Lang,
    /// The Markdown text.
    pub body: String,
    /// Where it is in its review.
    pub state: State,
    /// Raised by every step (optimistic concurrency).
    pub version: i64,
    /// Why it was last sent back, if it was.
    pub reason: String,
    /// The writer's user id.
    pub created_by: i64,
    /// The writer's sign-in name.
    pub author: String,
    /// Written (UTC).
    pub created_at: String,
    /// Last step (UTC).
    pub updated_at: String,
}

const REV_COLS: &str = "r.id AS id, r.area AS area, r.section AS section, r.lang AS lang, r.body AS body, r.state AS state, \
     r.version AS version, r.reason AS reason, r.created_by AS created_by, u.login AS author, r.created_at AS created_at, \
     r.updated_at AS updated_at";

fn revision_row(row: &sqlx::any::AnyRow) -> Result<NarrativeRevision, StoreError> {
    use sqlx::Row;
    let id: i64 = row.try_get("id").unwrap_or_default();
    let r = RowReader::new(row, "narrative_revision", id);
    Ok(NarrativeRevision {
        id,
        area: r.get("area")?,
        section: r.get("section")?,
        lang: r.parse("lang", |s| s.parse::<Lang>())?,
        body: r.get("body")?,
        state: r.parse("state", |s| s.parse::<State>())?,
        version: r.get("version")?,
        reason: r.get("reason")?,
        created_by: r.get("created_by")?,
        author: r.get("author")?,
        created_at: r.get("created_at")?,
        updated_at: r.get("updated_at")?,
    })
}

fn audit_target(r: &NarrativeRevision) -> String {
    format!("narrative:{}:{}:{}", r.area, r.section, r.lang.code())
}

impl Store {
    /// Stores a new draft revision of `section` in `lang` for `area`, written by `actor`.
    pub async fn narrative_revision_add(
        &self,
        area: &AreaCode,
        section: &str,
        lang: Lang,
        body: &str,
        actor: &Actor,
    ) -> Result<NarrativeRevision, StoreError> {
        let writer = actor.id.ok_or_else(|| StoreError::Refused("a narrative revision is written by a signed-in user".into()))?;
        let err = self.sql_err("storing a narrative revision");
        let now = now_utc();
        let mut tx = self.ws_begin("storing a narrative revision").await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO narrative_revision (area, section, lang, body, state, version, reason, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, 1, '', $6, $7, $7) RETURNING id",
        )
        .bind(area.as_str())
        .bind(section)
        .bind(lang.code())
        .bind(body)
        .bind(State::Draft.code())
        .bind(writer)
        .bind(&now)
        .fetch_one(&mut *tx)
        .await
        .map_err(&err)?;
        let after = serde_json::json!({ "revision": id, "state": "draft", "body": body }).to_string();
        self.audit_append(&mut tx, actor, "narrative.revise", &format!("narrative:{area}:{section}:{}", lang.code()), "", &after).await?;
        tx.commit().await.map_err(&err)?;
        self.narrative_revision(id).await?.ok_or_else(|| StoreError::Refused(format!("narrative revision {id} vanished")))
    }

    /// One revision.
    pub async fn narrative_revision(&self, id: i64) -> Result<Option<NarrativeRevision>, StoreError> {
        let row =
            sqlx::query(&format!("SELECT {REV_COLS} FROM narrative_revision r JOIN app_user u ON u.id = r.created_by WHERE r.id = $1"))
                .bind(id)
                .fetch_optional(&self.pool)
                .await
                .map_err(self.sql_err("reading a narrative revision"))?;
        row.as_ref().map(revision_row).transpose()
    }

    /// Every revision of a country's narrative, oldest first.
    pub async fn narrative_revisions(&self, area: &AreaCode) -> Result<Vec<NarrativeRevision>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {REV_COLS} FROM narrative_revision r JOIN app_user u ON u.id = r.created_by WHERE r.area = $1 ORDER BY r.id"
        ))
        .bind(area.as_str())
        .fetch_all(&self.pool)
        .await
        .map_err(self.sql_err("listing narrative revisions"))?;
        rows.iter().map(revision_row).collect()
    }

    /// Moves revision `id` from `from` at `version` to `to`, recording `action` (e.g.
    /// `narrative.approve`) and the reason of a send-back. Reaching `Published` writes the
    /// body into the working narrative in the same transaction. When someone else moved it
    /// first, nothing changes and the answer is a [`StoreError::Conflict`].
    #[allow(clippy::too_many_arguments)]
    pub async fn narrative_revision_move(
        &self,
        id: i64,
        version: i64,
        from: State,
        to: State,
        reason: &str,
        action: &str,
        actor: &Actor,
    ) -> Result<NarrativeRevision, StoreError> {
        let err = self.sql_err(format!("moving narrative revision {id}"));
        let Some(rev) = self.narrative_revision(id).await? else {
            return Err(StoreError::Refused(format!("there is no narrative revision {id}")));
        };
        let now = now_utc();
        let mut tx = self.ws_begin("moving a narrative revision").await?;
        let n = sqlx::query(
            "UPDATE narrative_revision SET state = $1, version = version + 1, reason = $2, updated_at = $3 WHERE id = $4 AND version = $5 AND state = $6",
        )
        .bind(to.code())
        .bind(reason.trim())
        .bind(&now)
        .bind(id)
        .bind(version)
        .bind(from.code())
        .execute(&mut *tx)
        .await
        .map_err(&err)?
        .rows_affected();
        if n == 0 {
            drop(tx);
            let last = self.audit_rows(Some(&audit_target(&rev))).await?.pop();
            let now_rev = self.narrative_revision(id).await?.unwrap_or(rev);
            let (by, at) = last.map(|r| (r.actor_name, r.at)).unwrap_or_else(|| ("someone".into(), now_rev.updated_at.clone()));
            return Err(StoreError::Conflict {
                what: format!("narrative revision {id}"),
                by,
                at,
                now: format!("{}, version {}", now_rev.state, now_rev.version),
            });
        }
        let mut before_text = String::new();
        if to == State::Published {
            before_text = sqlx::query_scalar::<_, String>(
                "SELECT body FROM narrative WHERE area = $1 AND edition = '' AND section = $2 AND lang = $3",
            )
            .bind(&rev.area)
            .bind(&rev.section)
            .bind(rev.lang.code())
            .fetch_optional(&mut *tx)
            .await
            .map_err(&err)?
            .unwrap_or_default();
            sqlx::query("DELETE FROM narrative WHERE area = $1 AND edition = '' AND section = $2 AND lang = $3")
                .bind(&rev.area)
                .bind(&rev.section)
                .bind(rev.lang.code())
                .execute(&mut *tx)
                .await
                .map_err(&err)?;
            if !rev.body.trim().is_empty() {
                sqlx::query("INSERT INTO narrative (area, edition, section, lang, body, updated_at) VALUES ($1, '', $2, $3, $4, $5)")
                    .bind(&rev.area)
                    .bind(&rev.section)
                    .bind(rev.lang.code())
                    .bind(&rev.body)
                    .bind(&now)
                    .execute(&mut *tx)
                    .await
                    .map_err(&err)?;
            }
        }
        let before =
            serde_json::json!({ "revision": id, "state": from.code(), "version": version, "published_text": before_text }).to_string();
        let mut after = serde_json::json!({ "revision": id, "state": to.code(), "version": version + 1, "reason": reason.trim() });
        if to == State::Published {
            after["published_text"] = serde_json::Value::String(rev.body.clone());
        }
        self.audit_append(&mut tx, actor, action, &audit_target(&rev), &before, &after.to_string()).await?;
        tx.commit().await.map_err(&err)?;
        self.narrative_revision(id).await?.ok_or_else(|| StoreError::Refused(format!("narrative revision {id} vanished")))
    }
}
