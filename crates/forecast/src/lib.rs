//! mprofile forecasting: a few honest models for short migration series, their intervals
//! recalibrated on their own past errors, and the rolling-origin backtests that decide which
//! one a profile shows.
//!
//! The crate is pure arithmetic on `&[f64]` (no I/O, no store): the caller hands in a series of
//! equally spaced values, oldest first, and gets point forecasts with 80 % and 95 % intervals.
//!
//! * [`Method`]: persistence (naive), random walk with drift, damped additive-trend exponential
//!   smoothing, AR(1) on the level or log scale, and an AR(1) whose coefficient is partially
//!   pooled across a group of series ([`pooled::Prior`]).
//! * [`conformal`]: split-conformal recalibration of the intervals, per horizon, on the absolute
//!   errors of rolling-origin forecasts made inside the training data.
//! * [`backtest`]: MAE, RMSE, MASE, mean error, interval coverage and interval (Winkler) score.
//! * [`select`]: the rule a profile uses: the method with the best rolling-origin MASE on the
//!   data before the forecast origin, persistence unless something beats it.
//!
//! **Irregular spacing.** Every method works in steps of the series' own spacing: an annual
//! series steps one year, UN DESA migrant stocks step five years. The last UN DESA step (2020 to
//! 2024) is four years; it is taken as one step rather than interpolating, because interpolated
//! points would look like observations to the models and shrink the intervals. The caller labels
//! the forecast periods (see [`next_periods`]).

#![warn(missing_docs)]

pub mod backtest;
pub mod conformal;
pub mod methods;
pub mod panel;
pub mod pooled;
pub mod select;

pub use backtest::{Scores, Summary};
pub use methods::{Method, ModelForecast};
pub use pooled::Prior;
pub use select::{Choice, Settings, choose};

/// Standard normal quantile for a central 80 % interval.
pub const Z80: f64 = 1.281_551_565_544_600_4;
/// Standard normal quantile for a central 95 % interval.
pub const Z95: f64 = 1.959_963_984_540_054;

/// Why a forecast cannot be made.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ForecastError {
    /// The series is shorter than the method needs.
    #[error("the series has {got} values; {method} needs at least {need}")]
    TooShort {
        /// The method's code.
        method: &'static str,
        /// Number of values given.
        got: usize,
        /// Number of values needed.
        need: usize,
    },
    /// A value is NaN or infinite.
    #[error("value {index} of the series is not a finite number")]
    NotFinite {
        /// Position in the series (0 = oldest).
        index: usize,
    },
    /// A log-scale method met a value that is zero or negative.
    #[error("{method} works on the log scale and needs positive values; value {index} is {value}")]
    NotPositive {
        /// The method's code.
        method: &'static str,
        /// Position in the series.
        index: usize,
        /// The value found.
        value: f64,
    },
    /// The pooled AR(1) was asked for without a prior from its group.
    #[error("the pooled AR(1) needs a prior estimated from its group of series")]
    NoPrior,
    /// The group rule was asked to forecast one series on its own; it chooses for a whole group
    /// ([`panel::group_choice`]).
    #[error("the group selection rule chooses for a group of series, not for one series")]
    NoGroupChoice,
    /// The horizon is zero.
    #[error("the horizon must be at least one step")]
    NoHorizon,
}

/// Point forecasts and their 80 % and 95 % intervals, one entry per step ahead, on the scale of
/// the data.
#[derive(Debug, Clone, PartialEq)]
pub struct Forecast {
    /// Median (point) forecast.
    pub point: Vec<f64>,
    /// Lower bound of the 80 % interval.
    pub lo80: Vec<f64>,
    /// Upper bound of the 80 % interval.
    pub hi80: Vec<f64>,
    /// Lower bound of the 95 % interval.
    pub lo95: Vec<f64>,
    /// Upper bound of the 95 % interval.
    pub hi95: Vec<f64>,
}

impl Forecast {
    /// Number of steps ahead.
    pub fn horizon(&self) -> usize {
        self.point.len()
    }

    /// The forecast of a quantity that cannot be negative (a count of persons, money): every
    /// bound and median below zero is set to zero. The intervals keep their coverage, since no
    /// value they must cover lies below zero; only the impossible part is cut.
    pub fn floored_at_zero(mut self) -> Forecast {
        for v in [&mut self.point, &mut self.lo80, &mut self.hi80, &mut self.lo95, &mut self.hi95] {
            v.iter_mut().for_each(|x| *x = x.max(0.0));
        }
        self
    }
}

/// The periods a forecast covers: `h` steps of `step` years after `last` (2024, step 5, h 2 →
/// 2029, 2034). An irregular last step (UN DESA's 2020 → 2024) does not change the step.
pub fn next_periods(last: i32, step: i32, h: usize) -> Vec<i32> {
    (1..=h as i32).map(|k| last + k * step).collect()
}

/// The spacing most often seen between consecutive years (5 for UN DESA stocks, 1 for annual
/// series); 1 when fewer than two years are given.
pub fn usual_step(years: &[i32]) -> i32 {
    let mut gaps: Vec<i32> = years.windows(2).map(|w| w[1] - w[0]).filter(|g| *g > 0).collect();
    gaps.sort_unstable();
    let mut best = (1, 0);
    let mut i = 0;
    while i < gaps.len() {
        let j = gaps[i..].iter().take_while(|g| **g == gaps[i]).count();
        if j > best.1 {
            best = (gaps[i], j);
        }
        i += j;
    }
    best.0
}

/// The in-sample mean absolute one-step change (the one-step naive error): the scale of MASE.
/// `None` when the series has fewer than two values or never changes.
pub fn naive_scale(y: &[f64]) -> Option<f64> {
    if y.len() < 2 {
        return None;
    }
    let s = y.windows(2).map(|w| (w[1] - w[0]).abs()).sum::<f64>() / (y.len() - 1) as f64;
    (s > 0.0).then_some(s)
}

fn check_finite(y: &[f64]) -> Result<(), ForecastError> {
    match y.iter().position(|v| !v.is_finite()) {
        Some(index) => Err(ForecastError::NotFinite { index }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_follow_the_series_spacing() {
        assert_eq!(usual_step(&[1990, 1995, 2000, 2005, 2010, 2015, 2020, 2024]), 5);
        assert_eq!(usual_step(&[2000, 2001, 2002]), 1);
        assert_eq!(usual_step(&[2000]), 1);
        assert_eq!(next_periods(2024, 5, 2), vec![2029, 2034]);
        assert_eq!(next_periods(2023, 1, 3), vec![2024, 2025, 2026]);
    }

    #[test]
    fn a_count_is_never_forecast_below_zero() {
        let f = Forecast {
            point: vec![3.0, -1.0],
            lo80: vec![-2.0, -5.0],
            hi80: vec![8.0, 4.0],
            lo95: vec![-9.0, -9.0],
            hi95: vec![12.0, 9.0],
        };
        let g = f.floored_at_zero();
        assert_eq!(g.point, vec![3.0, 0.0]);
        assert_eq!(g.lo80, vec![0.0, 0.0]);
        assert_eq!(g.lo95, vec![0.0, 0.0]);
        assert_eq!((g.hi80, g.hi95), (vec![8.0, 4.0], vec![12.0, 9.0]));
    }

    #[test]
    fn naive_scale_is_the_mean_absolute_change() {
        assert_eq!(naive_scale(&[1.0, 3.0, 2.0, 6.0]), Some((2.0 + 1.0 + 4.0) / 3.0));
        assert_eq!(naive_scale(&[5.0, 5.0]), None);
        assert_eq!(naive_scale(&[5.0]), None);
    }
}
