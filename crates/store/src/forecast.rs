//! Forecast runs of the forecasting module, stored as made (migration 0007): each run keeps its
//! forecasts with their intervals and the backtest of every method, so an edition's forecast
//! can be checked against what happened after it.

use crate::error::StoreError;
use crate::rows::{RowReader, now_utc};
use crate::store::Store;
use serde::Serialize;

/// One forecast period of one series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ForecastValue {
    /// The indicator forecast (e.g. `FCT.IMM_STOCK`).
    pub target: String,
    /// The country.
    pub area: String,
    /// The method's code.
    pub method: String,
    /// Steps ahead (1 = the first period after the last value).
    pub horizon: u32,
    /// The period, e.g. `2029`.
    pub period: String,
    /// Median.
    pub point: f64,
    /// 80 % interval, lower bound.
    pub lo80: f64,
    /// 80 % interval, upper bound.
    pub hi80: f64,
    /// 95 % interval, lower bound.
    pub lo95: f64,
    /// 95 % interval, upper bound.
    pub hi95: f64,
}

/// The backtest of one method on one series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ForecastSkill {
    /// The indicator forecast.
    pub target: String,
    /// The country.
    pub area: String,
    /// The method's code.
    pub method: String,
    /// Whether the run chose this method for the series.
    pub chosen: bool,
    /// Forecast origins (last year seen), comma-separated.
    pub origins: String,
    /// Steps ahead scored.
    pub horizon: u32,
    /// Held-out values scored.
    pub n: u32,
    /// Mean absolute error.
    pub mae: f64,
    /// Root mean squared error.
    pub rmse: f64,
    /// Mean absolute scaled error.
    pub mase: f64,
    /// Mean error (actual − forecast).
    pub me: f64,
    /// Share of values inside the 80 % interval.
    pub cover80: f64,
    /// Share inside the 95 % interval.
    pub cover95: f64,
    /// Mean 80 % interval score.
    pub winkler80: f64,
    /// Mean 95 % interval score.
    pub winkler95: f64,
}

/// A run to store.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ForecastRun {
    /// The selection rule and its settings.
    pub rule: String,
    /// Sources and vintages of the history read.
    pub data_vintage: String,
    /// Import batch of the run's observations, if they were stored as observations.
    pub batch_id: Option<i64>,
    /// The forecasts.
    pub values: Vec<ForecastValue>,
    /// The backtests.
    pub skills: Vec<ForecastSkill>,
}

/// A stored run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ForecastRunInfo {
    /// Store id.
    pub id: i64,
    /// When it was made (UTC).
    pub created_at: String,
    /// The rule.
    pub rule: String,
    /// Sources and vintages read.
    pub data_vintage: String,
    /// Import batch of its observations.
    pub batch_id: Option<i64>,
}

impl Store {
    /// Stores a run, all or nothing; returns its id.
    pub async fn forecast_run_save(&self, run: &ForecastRun) -> Result<i64, StoreError> {
        let err = self.sql_err("storing a forecast run");
        let mut tx = self.pool.begin().await.map_err(&err)?;
        let row = sqlx::query("INSERT INTO forecast_run (created_at, rule, data_vintage, batch_id) VALUES ($1, $2, $3, $4) RETURNING id")
            .bind(now_utc())
            .bind(&run.rule)
            .bind(&run.data_vintage)
            .bind(run.batch_id)
            .fetch_one(&mut *tx)
            .await
            .map_err(&err)?;
        let id: i64 = sqlx::Row::try_get(&row, "id").map_err(&err)?;
        for v in &run.values {
            sqlx::query(
                "INSERT INTO forecast_value (run_id, target, area, method, horizon, period, point, lo80, hi80, lo95, hi95) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            )
            .bind(id)
            .bind(&v.target)
            .bind(&v.area)
            .bind(&v.method)
            .bind(i64::from(v.horizon))
            .bind(&v.period)
            .bind(v.point)
            .bind(v.lo80)
            .bind(v.hi80)
            .bind(v.lo95)
            .bind(v.hi95)
            .execute(&mut *tx)
            .await
            .map_err(&err)?;
        }
        for s in &run.skills {
            sqlx::query(
                "INSERT INTO forecast_skill (run_id, target, area, method, chosen, origins, horizon, n, mae, rmse, mase, me, cover80, cover95, winkler80, winkler95) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
            )
            .bind(id)
            .bind(&s.target)
            .bind(&s.area)
            .bind(&s.method)
            .bind(i64::from(s.chosen))
            .bind(&s.origins)
            .bind(i64::from(s.horizon))
            .bind(i64::from(s.n))
            .bind(s.mae)
            .bind(s.rmse)
            .bind(s.mase)
            .bind(s.me)
            .bind(s.cover80)
            .bind(s.cover95)
            .bind(s.winkler80)
            .bind(s.winkler95)
            .execute(&mut *tx)
            .await
            .map_err(&err)?;
        }
        tx.commit().await.map_err(&err)?;
        Ok(id)
    }

    /// Every stored run, oldest first.
    pub async fn forecast_runs(&self) -> Result<Vec<ForecastRunInfo>, StoreError> {
        let err = self.sql_err("listing forecast runs");
        let rows = sqlx::query("SELECT id, created_at, rule, data_vintage, batch_id FROM forecast_run ORDER BY id")
            .fetch_all(&self.pool)
            .await
            .map_err(&err)?;
        rows.iter()
            .map(|row| {
                let r = RowReader::new(row, "forecast_run", "?");
                Ok(ForecastRunInfo {
                    id: r.get("id")?,
                    created_at: r.get("created_at")?,
                    rule: r.get("rule")?,
                    data_vintage: r.get("data_vintage")?,
                    batch_id: r.get("batch_id")?,
                })
            })
            .collect()
    }

    /// The forecasts of a run, by target, area and period.
    pub async fn forecast_values(&self, run_id: i64) -> Result<Vec<ForecastValue>, StoreError> {
        let err = self.sql_err(format!("reading forecast run {run_id}"));
        let rows = sqlx::query(
            "SELECT target, area, method, horizon, period, point, lo80, hi80, lo95, hi95 FROM forecast_value WHERE run_id = $1 ORDER BY target, area, period",
        )
        .bind(run_id)
        .fetch_all(&self.pool)
        .await
        .map_err(&err)?;
        rows.iter()
            .map(|row| {
                let r = RowReader::new(row, "forecast_value", run_id);
                let horizon: i64 = r.get("horizon")?;
                Ok(ForecastValue {
                    target: r.get("target")?,
                    area: r.get("area")?,
                    method: r.get("method")?,
                    horizon: u32::try_from(horizon).unwrap_or(0),
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

    /// The backtests of a run.
    pub async fn forecast_skills(&self, run_id: i64) -> Result<Vec<ForecastSkill>, StoreError> {
        let err = self.sql_err(format!("reading the backtests of forecast run {run_id}"));
        let rows = sqlx::query(
            "SELECT target, area, method, chosen, origins, horizon, n, mae, rmse, mase, me, cover80, cover95, winkler80, winkler95 FROM forecast_skill WHERE run_id = $1 ORDER BY target, area, method",
        )
        .bind(run_id)
        .fetch_all(&self.pool)
        .await
        .map_err(&err)?;
        rows.iter()
            .map(|row| {
                let r = RowReader::new(row, "forecast_skill", run_id);
                let (chosen, horizon, n): (i64, i64, i64) = (r.get("chosen")?, r.get("horizon")?, r.get("n")?);
                Ok(ForecastSkill {
                    target: r.get("target")?,
                    area: r.get("area")?,
                    method: r.get("method")?,
                    chosen: chosen != 0,
                    origins: r.get("origins")?,
                    horizon: u32::try_from(horizon).unwrap_or(0),
                    n: u32::try_from(n).unwrap_or(0),
                    mae: r.get("mae")?,
                    rmse: r.get("rmse")?,
                    mase: r.get("mase")?,
                    me: r.get("me")?,
                    cover80: r.get("cover80")?,
                    cover95: r.get("cover95")?,
                    winkler80: r.get("winkler80")?,
                    winkler95: r.get("winkler95")?,
                })
            })
            .collect()
    }
}
