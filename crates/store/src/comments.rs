//! Discussion threads of the TWG workspace: comments on a figure, a section or a submission of
//! a country, their replies, resolution and the members they mention.
//!
//! A thread is a comment without a parent; replies point to it. Only a thread is resolved or
//! reopened. Every write appends its audit row in its transaction (see `workspace.rs`). Who may
//! comment or resolve is `mp-workspace`'s decision, taken by the caller.

use crate::error::StoreError;
use crate::rows::{RowReader, now_utc};
use crate::store::Store;
use crate::workspace::Actor;
use mp_domain::Iso3;
use serde::Serialize;

/// One stored comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommentInfo {
    /// Store id.
    pub id: i64,
    /// The country.
    pub country: String,
    /// What it is about, as `mp_workspace::CommentTarget` writes it.
    pub target: String,
    /// The theme of a figure's indicator; empty for sections and submissions.
    pub theme: String,
    /// The thread's first comment; `None` for a thread itself.
    pub parent_id: Option<i64>,
    /// The text (plain text; shown escaped).
    pub body: String,
    /// Whether the thread is resolved (on a thread's first comment only).
    pub resolved: bool,
    /// The writer's user id.
    pub created_by: i64,
    /// The writer's sign-in name.
    pub author: String,
    /// Written (UTC).
    pub created_at: String,
    /// Last change (UTC).
    pub updated_at: String,
}

/// A new comment or reply.
#[derive(Debug, Clone)]
pub struct NewComment<'a> {
    /// The country.
    pub country: &'a Iso3,
    /// What it is about.
    pub target: &'a str,
    /// The theme of a figure's indicator, or empty.
    pub theme: &'a str,
    /// The thread it answers; `None` starts a thread.
    pub parent_id: Option<i64>,
    /// The text.
    pub body: &'a str,
    /// The user ids it mentions.
    pub mentions: &'a [i64],
}

const COLS: &str = "c.id AS id, c.country AS country, c.target AS target, c.theme AS theme, c.parent_id AS parent_id, c.body AS body, \
     c.resolved AS resolved, c.created_by AS created_by, u.login AS author, c.created_at AS created_at, c.updated_at AS updated_at";

fn comment_row(row: &sqlx::any::AnyRow) -> Result<CommentInfo, StoreError> {
    use sqlx::Row;
    let id: i64 = row.try_get("id").unwrap_or_default();
    let r = RowReader::new(row, "comment", id);
    Ok(CommentInfo {
        id,
        country: r.get("country")?,
        target: r.get("target")?,
        theme: r.get("theme")?,
        parent_id: r.get("parent_id")?,
        body: r.get("body")?,
        resolved: r.get::<i64>("resolved")? != 0,
        created_by: r.get("created_by")?,
        author: r.get("author")?,
        created_at: r.get("created_at")?,
        updated_at: r.get("updated_at")?,
    })
}

impl Store {
    /// Stores a comment (a new thread, or a reply to `parent_id`, which must be a thread of the
    /// same country and target) with its mentions.
    pub async fn comment_add(&self, c: &NewComment<'_>, actor: &Actor) -> Result<CommentInfo, StoreError> {
        let writer = actor.id.ok_or_else(|| StoreError::Refused("a comment is written by a signed-in user".into()))?;
        if let Some(p) = c.parent_id {
            let thread = self.comment(p).await?;
            let same = thread.as_ref().is_some_and(|t| t.parent_id.is_none() && t.country == c.country.as_str() && t.target == c.target);
            if !same {
                return Err(StoreError::Refused(format!("there is no thread {p} on {} in {}", c.target, c.country)));
            }
        }
        let err = self.sql_err("storing a comment");
        let now = now_utc();
        let mut tx = self.ws_begin("storing a comment").await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO comment (country, target, theme, parent_id, body, resolved, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, 0, $6, $7, $7) RETURNING id",
        )
        .bind(c.country.as_str())
        .bind(c.target)
        .bind(c.theme)
        .bind(c.parent_id)
        .bind(c.body)
        .bind(writer)
        .bind(&now)
        .fetch_one(&mut *tx)
        .await
        .map_err(&err)?;
        for u in c.mentions {
            sqlx::query("INSERT INTO comment_mention (comment_id, user_id) VALUES ($1, $2)")
                .bind(id)
                .bind(*u)
                .execute(&mut *tx)
                .await
                .map_err(&err)?;
        }
        if let Some(p) = c.parent_id {
            sqlx::query("UPDATE comment SET updated_at = $1 WHERE id = $2").bind(&now).bind(p).execute(&mut *tx).await.map_err(&err)?;
        }
        let after =
            serde_json::json!({ "comment": id, "thread": c.parent_id.unwrap_or(id), "body": c.body, "mentions": c.mentions }).to_string();
        let action = if c.parent_id.is_some() { "comment.reply" } else { "comment.create" };
        self.audit_append(&mut tx, actor, action, &format!("comment:{}:{}", c.country, c.target), "", &after).await?;
        tx.commit().await.map_err(&err)?;
        self.comment(id).await?.ok_or_else(|| StoreError::Refused(format!("comment {id} vanished")))
    }

    /// Resolves or reopens thread `id`; a thread already in that state is left as it is and
    /// the answer says so (`false`).
    pub async fn comment_resolve(&self, id: i64, resolved: bool, actor: &Actor) -> Result<bool, StoreError> {
        let Some(t) = self.comment(id).await?.filter(|t| t.parent_id.is_none()) else {
            return Err(StoreError::Refused(format!("there is no thread {id}")));
        };
        let err = self.sql_err("resolving a thread");
        let mut tx = self.ws_begin("resolving a thread").await?;
        let n = sqlx::query("UPDATE comment SET resolved = $1, updated_at = $2 WHERE id = $3 AND parent_id IS NULL AND resolved = $4")
            .bind(i64::from(resolved))
            .bind(now_utc())
            .bind(id)
            .bind(i64::from(!resolved))
            .execute(&mut *tx)
            .await
            .map_err(&err)?
            .rows_affected();
        if n == 0 {
            return Ok(false);
        }
        let action = if resolved { "comment.resolve" } else { "comment.reopen" };
        let before = serde_json::json!({ "thread": id, "resolved": !resolved }).to_string();
        let after = serde_json::json!({ "thread": id, "resolved": resolved }).to_string();
        self.audit_append(&mut tx, actor, action, &format!("comment:{}:{}", t.country, t.target), &before, &after).await?;
        tx.commit().await.map_err(&err)?;
        Ok(true)
    }

    /// One comment.
    pub async fn comment(&self, id: i64) -> Result<Option<CommentInfo>, StoreError> {
        let row = sqlx::query(&format!("SELECT {COLS} FROM comment c JOIN app_user u ON u.id = c.created_by WHERE c.id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .map_err(self.sql_err("reading a comment"))?;
        row.as_ref().map(comment_row).transpose()
    }

    /// Every comment on `target` in `country`, oldest first (threads and replies).
    pub async fn comments_on(&self, country: &Iso3, target: &str) -> Result<Vec<CommentInfo>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {COLS} FROM comment c JOIN app_user u ON u.id = c.created_by WHERE c.country = $1 AND c.target = $2 ORDER BY c.id"
        ))
        .bind(country.as_str())
        .bind(target)
        .fetch_all(&self.pool)
        .await
        .map_err(self.sql_err("listing comments"))?;
        rows.iter().map(comment_row).collect()
    }

    /// The threads of some countries (every country with `None`), newest activity first.
    pub async fn comment_threads(&self, countries: Option<&[Iso3]>) -> Result<Vec<CommentInfo>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {COLS} FROM comment c JOIN app_user u ON u.id = c.created_by WHERE c.parent_id IS NULL ORDER BY c.updated_at DESC, c.id DESC"
        ))
        .fetch_all(&self.pool)
        .await
        .map_err(self.sql_err("listing threads"))?;
        let mut out = Vec::new();
        for row in &rows {
            let c = comment_row(row)?;
            if countries.is_none_or(|cs| cs.iter().any(|x| x.as_str() == c.country)) {
                out.push(c);
            }
        }
        Ok(out)
    }

    /// The ids of the threads in which `user_id` is mentioned (in the thread or a reply).
    pub async fn threads_mentioning(&self, user_id: i64) -> Result<Vec<i64>, StoreError> {
        let rows: Vec<i64> = sqlx::query_scalar(
            "SELECT DISTINCT COALESCE(c.parent_id, c.id) FROM comment_mention m JOIN comment c ON c.id = m.comment_id WHERE m.user_id = $1",
        )
        .bind(user_id)
        .fetch_all(&self.pool)
        .await
        .map_err(self.sql_err("listing mentions"))?;
        Ok(rows)
    }
}
