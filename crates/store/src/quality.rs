//! Quality flags: the warnings of the validation rules, kept with the observation they concern,
//! and the reviewers' verdicts.

use crate::error::StoreError;
use crate::rows::{RowReader, now_utc};
use crate::store::Store;
use crate::workspace::Actor;
use serde::Serialize;
use sqlx::Row;

/// A warning to store, keyed by the observation's identity in its dataset.
#[derive(Debug, Clone, PartialEq)]
pub struct NewFlag {
    /// Source code of the dataset.
    pub source: String,
    /// Vintage of the dataset.
    pub vintage: String,
    /// Indicator code.
    pub indicator: String,
    /// Area code.
    pub area: String,
    /// Period, as stored (`2020`, `2020-Q1`).
    pub period: String,
    /// Dimension key, as stored (`` for the total).
    pub dims: String,
    /// Rule id.
    pub rule: String,
    /// `warning` (errors refuse the import and are never stored).
    pub severity: String,
    /// The rule's message (English; the rules file has the translations).
    pub message: String,
    /// The value flagged.
    pub value: f64,
    /// What was expected, with the numbers.
    pub expected: String,
}

/// A stored flag.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredFlag {
    /// Flag id.
    pub id: i64,
    /// The observation.
    pub observation_id: i64,
    /// Indicator.
    pub indicator: String,
    /// Area.
    pub area: String,
    /// Period.
    pub period: String,
    /// Dimension key.
    pub dims: String,
    /// Source code.
    pub source: String,
    /// Rule id.
    pub rule: String,
    /// Severity.
    pub severity: String,
    /// Message.
    pub message: String,
    /// The value flagged.
    pub value: Option<f64>,
    /// What was expected.
    pub expected: String,
    /// When the flag was raised.
    pub created_at: String,
    /// `checked-correct` once a reviewer confirmed the value.
    pub review_status: Option<String>,
    /// The reviewer's reason.
    pub review_reason: Option<String>,
    /// Who reviewed.
    pub reviewed_by: Option<String>,
    /// When.
    pub reviewed_at: Option<String>,
}

/// The review status of a value a reviewer confirmed.
pub const CHECKED_CORRECT: &str = "checked-correct";

impl Store {
    /// Stores warnings against the observations they concern, in one transaction; a flag raised
    /// again by a later import refreshes its numbers and keeps its review. Returns how many flags
    /// found their observation.
    pub async fn save_quality_flags(&self, flags: &[NewFlag]) -> Result<usize, StoreError> {
        let err = self.sql_err("saving the quality flags");
        let mut tx = self.pool.begin().await.map_err(&err)?;
        let now = now_utc();
        let mut saved = 0;
        for f in flags {
            let id: Option<i64> = sqlx::query_scalar(
                "SELECT o.id FROM observation o JOIN dataset d ON d.id = o.dataset_id \
                 WHERE d.source_code = $1 AND d.vintage = $2 AND o.indicator = $3 AND o.area = $4 AND o.period = $5 AND o.dims = $6",
            )
            .bind(&f.source)
            .bind(&f.vintage)
            .bind(&f.indicator)
            .bind(&f.area)
            .bind(&f.period)
            .bind(&f.dims)
            .fetch_optional(&mut *tx)
            .await
            .map_err(&err)?;
            let Some(id) = id else { continue };
            sqlx::query(
                "INSERT INTO quality_flag (observation_id, rule, severity, message, value, expected, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) \
                 ON CONFLICT (observation_id, rule) DO UPDATE SET severity = excluded.severity, message = excluded.message, \
                 value = excluded.value, expected = excluded.expected",
            )
            .bind(id)
            .bind(&f.rule)
            .bind(&f.severity)
            .bind(&f.message)
            .bind(f.value)
            .bind(&f.expected)
            .bind(&now)
            .execute(&mut *tx)
            .await
            .map_err(&err)?;
            saved += 1;
        }
        tx.commit().await.map_err(&err)?;
        Ok(saved)
    }

    /// Every stored flag, of one area when given, newest observation first within a rule.
    pub async fn quality_flags(&self, area: Option<&str>) -> Result<Vec<StoredFlag>, StoreError> {
        let rows = sqlx::query(
            "SELECT f.id AS id, f.observation_id AS observation_id, o.indicator AS indicator, o.area AS area, o.period AS period, \
             o.dims AS dims, d.source_code AS source, f.rule AS rule, f.severity AS severity, f.message AS message, f.value AS value, \
             f.expected AS expected, f.created_at AS created_at, f.review_status AS review_status, f.review_reason AS review_reason, \
             f.reviewed_by AS reviewed_by, f.reviewed_at AS reviewed_at \
             FROM quality_flag f JOIN observation o ON o.id = f.observation_id JOIN dataset d ON d.id = o.dataset_id \
             WHERE ($1 = '' OR o.area = $1) ORDER BY o.area, f.rule, o.indicator, o.period, o.dims",
        )
        .bind(area.unwrap_or(""))
        .fetch_all(&self.pool)
        .await
        .map_err(self.sql_err("reading the quality flags"))?;
        rows.iter()
            .map(|row| {
                let id: i64 = row.try_get("id").unwrap_or_default();
                let r = RowReader::new(row, "quality_flag", id);
                Ok(StoredFlag {
                    id,
                    observation_id: r.get("observation_id")?,
                    indicator: r.get("indicator")?,
                    area: r.get("area")?,
                    period: r.get("period")?,
                    dims: r.get("dims")?,
                    source: r.get("source")?,
                    rule: r.get("rule")?,
                    severity: r.get("severity")?,
                    message: r.get("message")?,
                    value: r.get("value")?,
                    expected: r.get("expected")?,
                    created_at: r.get("created_at")?,
                    review_status: r.get("review_status")?,
                    review_reason: r.get("review_reason")?,
                    reviewed_by: r.get("reviewed_by")?,
                    reviewed_at: r.get("reviewed_at")?,
                })
            })
            .collect()
    }

    /// Marks a flag "checked, correct" with the reviewer's reason; `false` when no flag has the id.
    ///
    /// `by` is the reviewer as the TWG knows them, `actor` who writes it (a signed-in user, or the
    /// operator at the command line). The flag keeps the latest verdict; every verdict, with the
    /// one it replaced, is an audit row (`quality.review` on `quality_flag:<id>`) appended in the
    /// same transaction, so a second review never erases the first from the record.
    pub async fn review_quality_flag(&self, id: i64, reason: &str, by: &str, actor: &Actor) -> Result<bool, StoreError> {
        let err = self.sql_err("reviewing a quality flag");
        let mut tx = self.ws_begin("reviewing a quality flag").await?;
        let row = sqlx::query(
            "SELECT o.indicator AS indicator, o.area AS area, o.period AS period, o.dims AS dims, d.source_code AS source, \
             d.vintage AS vintage, f.rule AS rule, f.value AS value, f.review_status AS review_status, f.review_reason AS review_reason, \
             f.reviewed_by AS reviewed_by, f.reviewed_at AS reviewed_at \
             FROM quality_flag f JOIN observation o ON o.id = f.observation_id JOIN dataset d ON d.id = o.dataset_id WHERE f.id = $1",
        )
        .bind(id)
        .fetch_optional(&mut *tx)
        .await
        .map_err(&err)?;
        // Nothing was written yet: dropping the transaction leaves the generation and the trail as they were.
        let Some(row) = row else { return Ok(false) };
        let r = RowReader::new(&row, "quality_flag", id);
        let before = match r.get::<Option<String>>("review_status")? {
            Some(status) => serde_json::json!({
                "status": status,
                "reason": r.get::<Option<String>>("review_reason")?,
                "by": r.get::<Option<String>>("reviewed_by")?,
                "at": r.get::<Option<String>>("reviewed_at")?,
            })
            .to_string(),
            None => String::new(),
        };
        let at = now_utc();
        let after = serde_json::json!({
            "flag": id,
            "figure": {
                "indicator": r.get::<String>("indicator")?,
                "area": r.get::<String>("area")?,
                "period": r.get::<String>("period")?,
                "dims": r.get::<String>("dims")?,
                "source": r.get::<String>("source")?,
                "vintage": r.get::<String>("vintage")?,
            },
            "rule": r.get::<String>("rule")?,
            "value": r.get::<Option<f64>>("value")?,
            "status": CHECKED_CORRECT,
            "reason": reason,
            "by": by,
            "at": at,
        })
        .to_string();
        sqlx::query("UPDATE quality_flag SET review_status = $1, review_reason = $2, reviewed_by = $3, reviewed_at = $4 WHERE id = $5")
            .bind(CHECKED_CORRECT)
            .bind(reason)
            .bind(by)
            .bind(&at)
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(&err)?;
        self.audit_append(&mut tx, actor, "quality.review", &format!("quality_flag:{id}"), &before, &after).await?;
        tx.commit().await.map_err(&err)?;
        Ok(true)
    }
}
