//! Part D's key findings and recommendations and the evidence each rests on (migration 0019).
//!
//! The item itself is a kind (finding or recommendation) and a list of evidence; its text, per
//! language, is narrative under the section key `finding:<id>` (see `narrative_review`), so it
//! is revised, diffed, reviewed and published like any section's text. Every write appends its
//! audit row in its transaction.

use crate::error::StoreError;
use crate::rows::{RowReader, now_utc};
use crate::store::Store;
use crate::workspace::Actor;
use mp_domain::{AreaCode, IndicatorCode, Period};
use serde::Serialize;

/// A finding or recommendation of a country as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredFinding {
    /// Store id; the item's text is the narrative of section `finding:<id>`.
    pub id: i64,
    /// `finding` or `recommendation` (the table's check allows no other).
    pub kind: String,
    /// The writer's sign-in name.
    pub author: String,
    /// Recorded (UTC).
    pub created_at: String,
    /// Its evidence, in the order it was added.
    pub evidence: Vec<StoredEvidence>,
}

/// One piece of evidence of a finding.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredEvidence {
    /// Store id.
    pub id: i64,
    /// What it points at.
    pub target: EvidenceTarget,
}

/// What a piece of evidence points at.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "t", rename_all = "snake_case")]
pub enum EvidenceTarget {
    /// A figure: an indicator's total for an area and period, from one source.
    Figure {
        /// Indicator.
        indicator: IndicatorCode,
        /// Area.
        area: AreaCode,
        /// Period.
        period: Period,
        /// Source code.
        source: String,
    },
    /// A section of the profile, by template id.
    Section(String),
}

impl Store {
    /// Records a new finding (`kind` is `finding` or `recommendation`) for `area`.
    pub async fn finding_add(&self, area: &AreaCode, kind: &str, actor: &Actor) -> Result<i64, StoreError> {
        if !matches!(kind, "finding" | "recommendation") {
            return Err(StoreError::Refused(format!("a Part D item is a finding or a recommendation, not {kind:?}")));
        }
        let writer = actor.id.ok_or_else(|| StoreError::Refused("a finding is written by a signed-in user".into()))?;
        let err = self.sql_err("recording a finding");
        let mut tx = self.ws_begin("recording a finding").await?;
        let id: i64 = sqlx::query_scalar("INSERT INTO finding (area, kind, created_by, created_at) VALUES ($1, $2, $3, $4) RETURNING id")
            .bind(area.as_str())
            .bind(kind)
            .bind(writer)
            .bind(now_utc())
            .fetch_one(&mut *tx)
            .await
            .map_err(&err)?;
        let after = serde_json::json!({ "finding": id, "kind": kind }).to_string();
        self.audit_append(&mut tx, actor, "finding.add", &format!("finding:{area}:{id}"), "", &after).await?;
        tx.commit().await.map_err(&err)?;
        Ok(id)
    }

    /// Removes a finding of `area` and its evidence (its text revisions stay in the narrative
    /// history). `false` when there is no such finding.
    pub async fn finding_remove(&self, area: &AreaCode, id: i64, actor: &Actor) -> Result<bool, StoreError> {
        let err = self.sql_err("removing a finding");
        let mut tx = self.ws_begin("removing a finding").await?;
        sqlx::query("DELETE FROM finding_evidence WHERE finding_id IN (SELECT id FROM finding WHERE id = $1 AND area = $2)")
            .bind(id)
            .bind(area.as_str())
            .execute(&mut *tx)
            .await
            .map_err(&err)?;
        let n = sqlx::query("DELETE FROM finding WHERE id = $1 AND area = $2")
            .bind(id)
            .bind(area.as_str())
            .execute(&mut *tx)
            .await
            .map_err(&err)?
            .rows_affected();
        if n == 0 {
            return Ok(false);
        }
        self.audit_append(
            &mut tx,
            actor,
            "finding.remove",
            &format!("finding:{area}:{id}"),
            &serde_json::json!({ "finding": id }).to_string(),
            "",
        )
        .await?;
        tx.commit().await.map_err(&err)?;
        Ok(true)
    }

    /// Links evidence to finding `id` of `area`; `false` when there is no such finding.
    pub async fn finding_evidence_add(&self, area: &AreaCode, id: i64, target: &EvidenceTarget, actor: &Actor) -> Result<bool, StoreError> {
        let err = self.sql_err("linking evidence to a finding");
        let mut tx = self.ws_begin("linking evidence to a finding").await?;
        let owned: Option<i64> = sqlx::query_scalar("SELECT id FROM finding WHERE id = $1 AND area = $2")
            .bind(id)
            .bind(area.as_str())
            .fetch_optional(&mut *tx)
            .await
            .map_err(&err)?;
        if owned.is_none() {
            return Ok(false);
        }
        let (ind, ref_area, period, source, section) = match target {
            EvidenceTarget::Figure { indicator, area, period, source } => {
                (Some(indicator.to_string()), Some(area.to_string()), Some(period.to_string()), Some(source.clone()), None)
            }
            EvidenceTarget::Section(s) => (None, None, None, None, Some(s.clone())),
        };
        sqlx::query(
            "INSERT INTO finding_evidence (finding_id, indicator, ref_area, period, source, section) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(ind)
        .bind(ref_area)
        .bind(period)
        .bind(source)
        .bind(section)
        .execute(&mut *tx)
        .await
        .map_err(&err)?;
        let after = serde_json::to_string(target).unwrap_or_default();
        self.audit_append(&mut tx, actor, "finding.evidence.add", &format!("finding:{area}:{id}"), "", &after).await?;
        tx.commit().await.map_err(&err)?;
        Ok(true)
    }

    /// Unlinks evidence `evidence` from finding `id` of `area`; `false` when there is no such link.
    pub async fn finding_evidence_remove(&self, area: &AreaCode, id: i64, evidence: i64, actor: &Actor) -> Result<bool, StoreError> {
        let err = self.sql_err("unlinking evidence from a finding");
        let mut tx = self.ws_begin("unlinking evidence from a finding").await?;
        let n = sqlx::query(
            "DELETE FROM finding_evidence WHERE id = $1 AND finding_id = $2 AND finding_id IN (SELECT id FROM finding WHERE area = $3)",
        )
        .bind(evidence)
        .bind(id)
        .bind(area.as_str())
        .execute(&mut *tx)
        .await
        .map_err(&err)?
        .rows_affected();
        if n == 0 {
            return Ok(false);
        }
        let before = serde_json::json!({ "evidence": evidence }).to_string();
        self.audit_append(&mut tx, actor, "finding.evidence.remove", &format!("finding:{area}:{id}"), &before, "").await?;
        tx.commit().await.map_err(&err)?;
        Ok(true)
    }

    /// The findings of a country in the order they were recorded, each with its evidence.
    pub async fn findings(&self, area: &AreaCode) -> Result<Vec<StoredFinding>, StoreError> {
        use sqlx::Row;
        let err = self.sql_err("reading the findings");
        let rows = sqlx::query(
            "SELECT f.id AS id, f.kind AS kind, u.login AS author, f.created_at AS created_at \
             FROM finding f JOIN app_user u ON u.id = f.created_by WHERE f.area = $1 ORDER BY f.id",
        )
        .bind(area.as_str())
        .fetch_all(&self.pool)
        .await
        .map_err(&err)?;
        let mut out = Vec::new();
        for row in &rows {
            let id: i64 = row.try_get("id").map_err(&err)?;
            let r = RowReader::new(row, "finding", id);
            out.push(StoredFinding {
                id,
                kind: r.get("kind")?,
                author: r.get("author")?,
                created_at: r.get("created_at")?,
                evidence: Vec::new(),
            });
        }
        let ev = sqlx::query(
            "SELECT e.id AS id, e.finding_id AS finding_id, e.indicator AS indicator, e.ref_area AS ref_area, e.period AS period, \
             e.source AS source, e.section AS section \
             FROM finding_evidence e JOIN finding f ON f.id = e.finding_id WHERE f.area = $1 ORDER BY e.id",
        )
        .bind(area.as_str())
        .fetch_all(&self.pool)
        .await
        .map_err(&err)?;
        for row in &ev {
            let id: i64 = row.try_get("id").map_err(&err)?;
            let r = RowReader::new(row, "finding_evidence", id);
            let finding: i64 = r.get("finding_id")?;
            let section: Option<String> = r.get("section")?;
            let target = match section {
                Some(s) => EvidenceTarget::Section(s),
                None => EvidenceTarget::Figure {
                    indicator: r.parse("indicator", IndicatorCode::parse)?,
                    area: r.parse("ref_area", AreaCode::parse)?,
                    period: r.parse("period", Period::parse)?,
                    source: r.get("source")?,
                },
            };
            if let Some(f) = out.iter_mut().find(|f| f.id == finding) {
                f.evidence.push(StoredEvidence { id, target });
            }
        }
        Ok(out)
    }
}
