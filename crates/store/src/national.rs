//! New national indicators: the proposals of the TWG workspace, their review steps, and each
//! country's framework extension (migration 0016).
//!
//! A proposal is stored as its checked [`Proposal`] (JSON). Approving it writes, in the same
//! transaction as its audit row, the next version of the country's extension (the framework
//! file of every approved indicator, [`mp_domain::national::extension_toml`], checked by the
//! framework loader first) and the indicator's row in `indicator`, so that figures of it can be
//! imported once a template carrying it comes back. Who may take which step is
//! `mp-workspace`'s decision, taken by the caller.

use crate::error::StoreError;
use crate::rows::{RowReader, now_utc};
use crate::store::Store;
use crate::workspace::Actor;
use mp_domain::national::{Proposal, extension_toml};
use mp_domain::{Framework, Iso3};
use mp_workspace::State;
use serde::Serialize;

/// One stored proposal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredProposal {
    /// Store id.
    pub id: i64,
    /// The proposed indicator.
    pub proposal: Proposal,
    /// Where it is in its review.
    pub state: State,
    /// Raised by every step (optimistic concurrency).
    pub version: i64,
    /// Why it was last sent back, if it was.
    pub reason: String,
    /// The proposer's user id.
    pub created_by: i64,
    /// The proposer's sign-in name.
    pub author: String,
    /// Proposed (UTC).
    pub created_at: String,
    /// Last step (UTC).
    pub updated_at: String,
}

/// One version of a country's framework extension.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExtensionVersion {
    /// The country.
    pub country: Iso3,
    /// 1, 2, … one more at every approval.
    pub version: i64,
    /// The framework file (`indicators/national/<ISO3>.toml`).
    pub body: String,
    /// Written (UTC).
    pub created_at: String,
}

const COLS: &str = "p.id AS id, p.body AS body, p.state AS state, p.version AS version, p.reason AS reason, \
     p.created_by AS created_by, u.login AS author, p.created_at AS created_at, p.updated_at AS updated_at";

fn proposal_row(row: &sqlx::any::AnyRow) -> Result<StoredProposal, StoreError> {
    use sqlx::Row;
    let id: i64 = row.try_get("id").unwrap_or_default();
    let r = RowReader::new(row, "indicator_proposal", id);
    Ok(StoredProposal {
        id,
        proposal: r.parse("body", |s| serde_json::from_str::<Proposal>(s))?,
        state: r.parse("state", |s| s.parse::<State>())?,
        version: r.get("version")?,
        reason: r.get("reason")?,
        created_by: r.get("created_by")?,
        author: r.get("author")?,
        created_at: r.get("created_at")?,
        updated_at: r.get("updated_at")?,
    })
}

fn audit_target(p: &Proposal) -> String {
    format!("indicator:{}", p.code)
}

impl Store {
    /// Stores a new proposal, submitted for review, by `actor`.
    pub async fn indicator_propose(&self, p: &Proposal, actor: &Actor) -> Result<StoredProposal, StoreError> {
        let writer = actor.id.ok_or_else(|| StoreError::Refused("an indicator is proposed by a signed-in member".into()))?;
        let err = self.sql_err("storing an indicator proposal");
        let body = serde_json::to_string(p).map_err(|e| StoreError::Refused(format!("the proposal cannot be written: {e}")))?;
        let now = now_utc();
        let mut tx = self.ws_begin("storing an indicator proposal").await?;
        let taken: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM indicator_proposal WHERE code = $1 AND state <> $2 UNION SELECT 0 FROM indicator WHERE code = $1",
        )
        .bind(p.code.code().as_str())
        .bind(State::Draft.code())
        .fetch_optional(&mut *tx)
        .await
        .map_err(&err)?;
        if taken.is_some() {
            return Err(StoreError::Refused(format!("{} is already proposed or in the framework", p.code)));
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO indicator_proposal (area, code, theme, body, state, version, reason, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, 1, '', $6, $7, $7) RETURNING id",
        )
        .bind(p.code.country().as_str())
        .bind(p.code.code().as_str())
        .bind(p.theme.as_str())
        .bind(&body)
        .bind(State::Submitted.code())
        .bind(writer)
        .bind(&now)
        .fetch_one(&mut *tx)
        .await
        .map_err(&err)?;
        let after = serde_json::json!({ "proposal": id, "state": "submitted", "indicator": p }).to_string();
        self.audit_append(&mut tx, actor, "indicator.propose", &audit_target(p), "", &after).await?;
        tx.commit().await.map_err(&err)?;
        self.indicator_proposal(id).await?.ok_or_else(|| StoreError::Refused(format!("indicator proposal {id} vanished")))
    }

    /// One proposal.
    pub async fn indicator_proposal(&self, id: i64) -> Result<Option<StoredProposal>, StoreError> {
        let row = sqlx::query(&format!("SELECT {COLS} FROM indicator_proposal p JOIN app_user u ON u.id = p.created_by WHERE p.id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .map_err(self.sql_err("reading an indicator proposal"))?;
        row.as_ref().map(proposal_row).transpose()
    }

    /// Every proposal of a country, oldest first.
    pub async fn indicator_proposals(&self, country: &Iso3) -> Result<Vec<StoredProposal>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {COLS} FROM indicator_proposal p JOIN app_user u ON u.id = p.created_by WHERE p.area = $1 ORDER BY p.id"
        ))
        .bind(country.as_str())
        .fetch_all(&self.pool)
        .await
        .map_err(self.sql_err("listing indicator proposals"))?;
        rows.iter().map(proposal_row).collect()
    }

    /// The newest version of `country`'s framework extension, if it has one.
    pub async fn framework_extension(&self, country: &Iso3) -> Result<Option<ExtensionVersion>, StoreError> {
        Ok(self.framework_extensions(country).await?.pop())
    }

    /// Every version of `country`'s framework extension, oldest first.
    pub async fn framework_extensions(&self, country: &Iso3) -> Result<Vec<ExtensionVersion>, StoreError> {
        let rows = sqlx::query("SELECT version, body, created_at FROM framework_extension WHERE area = $1 ORDER BY version")
            .bind(country.as_str())
            .fetch_all(&self.pool)
            .await
            .map_err(self.sql_err("reading a framework extension"))?;
        rows.iter()
            .map(|row| {
                let r = RowReader::new(row, "framework_extension", country);
                Ok(ExtensionVersion {
                    country: country.clone(),
                    version: r.get("version")?,
                    body: r.get("body")?,
                    created_at: r.get("created_at")?,
                })
            })
            .collect()
    }

    /// Moves proposal `id` from `from` at `version` to `to`, recording `action` (e.g.
    /// `indicator.review`) and the reason of a send-back. Reaching `Approved` writes the next
    /// version of the country's extension, checked against `fw` (the regional framework), and
    /// the indicator's row. When someone else moved it first, nothing changes and the answer is
    /// a [`StoreError::Conflict`].
    #[allow(clippy::too_many_arguments)]
    pub async fn indicator_proposal_move(
        &self,
        id: i64,
        version: i64,
        from: State,
        to: State,
        reason: &str,
        action: &str,
        actor: &Actor,
        fw: &Framework,
    ) -> Result<StoredProposal, StoreError> {
        let err = self.sql_err(format!("moving indicator proposal {id}"));
        let Some(p) = self.indicator_proposal(id).await? else {
            return Err(StoreError::Refused(format!("there is no indicator proposal {id}")));
        };
        let country = p.proposal.code.country().clone();
        let mut tx = self.ws_begin("moving an indicator proposal").await?;
        let n = sqlx::query(
            "UPDATE indicator_proposal SET state = $1, version = version + 1, reason = $2, updated_at = $3 WHERE id = $4 AND version = $5 AND state = $6",
        )
        .bind(to.code())
        .bind(reason.trim())
        .bind(now_utc())
        .bind(id)
        .bind(version)
        .bind(from.code())
        .execute(&mut *tx)
        .await
        .map_err(&err)?
        .rows_affected();
        if n == 0 {
            drop(tx);
            let last = self.audit_rows(Some(&audit_target(&p.proposal))).await?.pop();
            let now_p = self.indicator_proposal(id).await?.unwrap_or(p);
            let (by, at) = last.map(|r| (r.actor_name, r.at)).unwrap_or_else(|| ("someone".into(), now_p.updated_at.clone()));
            return Err(StoreError::Conflict {
                what: format!("indicator proposal {id}"),
                by,
                at,
                now: format!("{}, version {}", now_p.state, now_p.version),
            });
        }
        let mut after = serde_json::json!({ "proposal": id, "state": to.code(), "version": version + 1, "reason": reason.trim() });
        if to == State::Approved {
            let rows = sqlx::query("SELECT body FROM indicator_proposal WHERE area = $1 AND state = $2 ORDER BY id")
                .bind(country.as_str())
                .bind(State::Approved.code())
                .fetch_all(&mut *tx)
                .await
                .map_err(&err)?;
            let mut approved = Vec::new();
            for row in &rows {
                let r = RowReader::new(row, "indicator_proposal", id);
                approved.push(r.parse("body", |s| serde_json::from_str::<Proposal>(s))?);
            }
            let next: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(version), 0) + 1 FROM framework_extension WHERE area = $1")
                .bind(country.as_str())
                .fetch_one(&mut *tx)
                .await
                .map_err(&err)?;
            let body = extension_toml(&country, u32::try_from(next).unwrap_or(u32::MAX), &approved);
            let extended =
                fw.with_extension(&country, &body).map_err(|e| StoreError::Refused(format!("the extension would not load: {e}")))?;
            let ind = extended
                .extensions
                .get(&country)
                .and_then(|x| x.iter().find(|i| &i.code == p.proposal.code.code()))
                .ok_or_else(|| StoreError::Refused(format!("{} is missing from the extension", p.proposal.code)))?;
            sqlx::query("INSERT INTO framework_extension (area, version, body, created_by, created_at) VALUES ($1, $2, $3, $4, $5)")
                .bind(country.as_str())
                .bind(next)
                .bind(&body)
                .bind(actor.id)
                .bind(now_utc())
                .execute(&mut *tx)
                .await
                .map_err(&err)?;
            let spec = serde_json::to_string(ind).map_err(|e| StoreError::Refused(format!("the indicator cannot be written: {e}")))?;
            let dims: Vec<&str> = ind.dimensions.iter().map(|d| d.as_str()).collect();
            sqlx::query(
                "INSERT INTO indicator (code, theme, name_en, name_fr, name_pt, definition_en, definition_fr, definition_pt, unit, unit_mult, \
                 decimals, dimensions, formula, sdg, is_key, spec) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, NULL, NULL, 0, $13)",
            )
            .bind(ind.code.as_str())
            .bind(ind.theme.as_str())
            .bind(ind.name.en.as_str())
            .bind(ind.name.fr.as_str())
            .bind(ind.name.pt.as_str())
            .bind(ind.definition.en.as_str())
            .bind(ind.definition.fr.as_str())
            .bind(ind.definition.pt.as_str())
            .bind(&ind.unit)
            .bind(i64::from(ind.unit_mult.power()))
            .bind(i64::from(ind.decimals))
            .bind(dims.join(","))
            .bind(spec)
            .execute(&mut *tx)
            .await
            .map_err(&err)?;
            after["extension_version"] = serde_json::json!(next);
        }
        let before = serde_json::json!({ "proposal": id, "state": from.code(), "version": version }).to_string();
        self.audit_append(&mut tx, actor, action, &audit_target(&p.proposal), &before, &after.to_string()).await?;
        tx.commit().await.map_err(&err)?;
        self.indicator_proposal(id).await?.ok_or_else(|| StoreError::Refused(format!("indicator proposal {id} vanished")))
    }
}
