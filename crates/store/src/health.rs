//! Basic health checks of what the store holds, for `mprofile doctor`: values no import should
//! have let through. (Plausibility rules per indicator belong to the data-quality checks.)

use crate::error::StoreError;
use crate::store::Store;
use serde::Serialize;
use sqlx::Row;

/// Magnitude beyond which a value is taken as absurd: above the world's GDP in US$ (about 1e14)
/// by a factor of ten, and far above every count of persons.
pub const ABSURD_MAGNITUDE: f64 = 1e15;

/// A stored value that cannot be right.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValueAnomaly {
    /// The indicator.
    pub indicator: String,
    /// The area.
    pub area: String,
    /// The period, as stored.
    pub period: String,
    /// The value.
    pub value: f64,
    /// The source and vintage (`undesa-ims@2024`).
    pub dataset: String,
    /// What is wrong.
    pub problem: &'static str,
}

impl Store {
    /// The first `limit` stored values that are absurdly large (or infinite), or negative counts
    /// of persons, and how many there are in all.
    pub async fn value_anomalies(&self, limit: i64) -> Result<(u64, Vec<ValueAnomaly>), StoreError> {
        let err = self.sql_err("checking the stored values");
        let cond = "o.value IS NOT NULL AND (o.value > $1 OR o.value < -$1 OR (i.unit = 'persons' AND o.value < 0))";
        let total: i64 =
            sqlx::query_scalar(&format!("SELECT COUNT(*) FROM observation o JOIN indicator i ON i.code = o.indicator WHERE {cond}"))
                .bind(ABSURD_MAGNITUDE)
                .fetch_one(&self.pool)
                .await
                .map_err(&err)?;
        let rows = sqlx::query(&format!(
            "SELECT o.indicator AS indicator, o.area AS area, o.period AS period, o.value AS value, d.source_code AS source, d.vintage AS vintage \
             FROM observation o JOIN indicator i ON i.code = o.indicator JOIN dataset d ON d.id = o.dataset_id WHERE {cond} ORDER BY o.id LIMIT $2"
        ))
        .bind(ABSURD_MAGNITUDE)
        .bind(limit)
        .fetch_all(&self.pool)
        .await
        .map_err(&err)?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let value: f64 = r.try_get("value").map_err(&err)?;
            let source: String = r.try_get("source").map_err(&err)?;
            let vintage: String = r.try_get("vintage").map_err(&err)?;
            out.push(ValueAnomaly {
                indicator: r.try_get("indicator").map_err(&err)?,
                area: r.try_get("area").map_err(&err)?,
                period: r.try_get("period").map_err(&err)?,
                value,
                dataset: format!("{source}@{vintage}"),
                problem: if value.abs() > ABSURD_MAGNITUDE { "absurd magnitude" } else { "negative count of persons" },
            });
        }
        Ok((u64::try_from(total).unwrap_or(0), out))
    }
}
