//! Scenarios of the forecasting module and the published projections a run is compared with
//! (migration 0013). A scenario is stored with the assumption it states, so that every value
//! derived from it can say what it assumes.

use crate::error::StoreError;
use crate::rows::{RowReader, now_utc};
use crate::store::Store;
use serde::Serialize;

/// A scenario of one country's net migration.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ForecastScenario {
    /// The country (ISO alpha-3).
    pub area: String,
    /// The VARIANT code its values carry, e.g. `ZERO_MIG` or `TWG1`.
    pub code: String,
    /// `zero`, `constant` or `change`.
    pub kind: String,
    /// First year the change applies (scenarios of kind `change`).
    pub from_year: Option<i64>,
    /// Change of net migration, persons a year, from `from_year` on (kind `change`).
    pub change: Option<f64>,
    /// The assumption in the words of whoever defined it.
    pub assumption: String,
    /// When it was stored (UTC); empty before.
    pub created_at: String,
}

/// A published projection for one period, kept beside a run's forecast of the same series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ForecastComparator {
    /// The history indicator of the series (e.g. `NET.MIG`).
    pub target: String,
    /// The country.
    pub area: String,
    /// The projection's source and vintage, e.g. `un-wpp 2024`.
    pub source: String,
    /// The period.
    pub period: String,
    /// Median or medium variant.
    pub point: f64,
    /// 80 % bounds, where the projection has them.
    pub lo80: Option<f64>,
    /// Upper 80 % bound.
    pub hi80: Option<f64>,
    /// 95 % bounds.
    pub lo95: Option<f64>,
    /// Upper 95 % bound.
    pub hi95: Option<f64>,
}

impl Store {
    /// Stores a scenario; a country's code is used once (refused if it exists).
    pub async fn forecast_scenario_add(&self, s: &ForecastScenario) -> Result<(), StoreError> {
        let err = self.sql_err(format!("storing scenario {} of {}", s.code, s.area));
        sqlx::query(
            "INSERT INTO forecast_scenario (area, code, kind, from_year, change, assumption, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&s.area)
        .bind(&s.code)
        .bind(&s.kind)
        .bind(s.from_year)
        .bind(s.change)
        .bind(&s.assumption)
        .bind(now_utc())
        .execute(&self.pool)
        .await
        .map_err(&err)?;
        Ok(())
    }

    /// Every stored scenario, by country and code.
    pub async fn forecast_scenarios(&self) -> Result<Vec<ForecastScenario>, StoreError> {
        let err = self.sql_err("listing scenarios");
        let rows =
            sqlx::query("SELECT area, code, kind, from_year, change, assumption, created_at FROM forecast_scenario ORDER BY area, code")
                .fetch_all(&self.pool)
                .await
                .map_err(&err)?;
        rows.iter()
            .map(|row| {
                let r = RowReader::new(row, "forecast_scenario", "?");
                Ok(ForecastScenario {
                    area: r.get("area")?,
                    code: r.get("code")?,
                    kind: r.get("kind")?,
                    from_year: r.get("from_year")?,
                    change: r.get("change")?,
                    assumption: r.get("assumption")?,
                    created_at: r.get("created_at")?,
                })
            })
            .collect()
    }

    /// Stores the published projections compared with run `run_id`.
    pub async fn forecast_comparators_save(&self, run_id: i64, rows: &[ForecastComparator]) -> Result<(), StoreError> {
        let err = self.sql_err(format!("storing the comparators of forecast run {run_id}"));
        let mut tx = self.pool.begin().await.map_err(&err)?;
        for c in rows {
            sqlx::query(
                "INSERT INTO forecast_comparator (run_id, target, area, source, period, point, lo80, hi80, lo95, hi95) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            )
            .bind(run_id)
            .bind(&c.target)
            .bind(&c.area)
            .bind(&c.source)
            .bind(&c.period)
            .bind(c.point)
            .bind(c.lo80)
            .bind(c.hi80)
            .bind(c.lo95)
            .bind(c.hi95)
            .execute(&mut *tx)
            .await
            .map_err(&err)?;
        }
        tx.commit().await.map_err(&err)?;
        Ok(())
    }

    /// The published projections compared with run `run_id`.
    pub async fn forecast_comparators(&self, run_id: i64) -> Result<Vec<ForecastComparator>, StoreError> {
        let err = self.sql_err(format!("reading the comparators of forecast run {run_id}"));
        let rows = sqlx::query(
            "SELECT target, area, source, period, point, lo80, hi80, lo95, hi95 FROM forecast_comparator WHERE run_id = $1 ORDER BY target, area, source, period",
        )
        .bind(run_id)
        .fetch_all(&self.pool)
        .await
        .map_err(&err)?;
        rows.iter()
            .map(|row| {
                let r = RowReader::new(row, "forecast_comparator", run_id);
                Ok(ForecastComparator {
                    target: r.get("target")?,
                    area: r.get("area")?,
                    source: r.get("source")?,
                    period: r.get("period")?,
                    point: r.get("point")?,
                    lo80: r.get("lo80")?,
                    hi80: r.get("hi80")?,
                    lo95: r.get("lo95")?,
                    hi95: r.get("hi95")?,
                })
            })
            .collect()
    }
}
