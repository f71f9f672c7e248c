//! Accuracy of forecasts against what happened: MAE, RMSE, MASE, mean error (bias), coverage
//! of the 80 % and 95 % intervals and the interval (Winkler) score, and the rolling-origin
//! loop that produces past forecasts.

use crate::Forecast;
use crate::methods::{Method, ModelForecast};
use crate::pooled::Prior;

/// Accuracy of one forecast (or the mean over several).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Scores {
    /// Number of held-out values scored.
    pub n: usize,
    /// Mean absolute error.
    pub mae: f64,
    /// Root mean squared error.
    pub rmse: f64,
    /// Mean absolute error divided by the in-sample mean absolute one-step change of the
    /// training data (below 1: better than the one-step naive forecast in sample).
    pub mase: f64,
    /// Mean error, actual minus forecast (positive: the forecast was too low).
    pub me: f64,
    /// Share of held-out values inside the 80 % interval.
    pub cover80: f64,
    /// Share inside the 95 % interval.
    pub cover95: f64,
    /// Mean interval score at 80 % (width plus 2/0.2 times any miss), in the data's unit.
    pub winkler80: f64,
    /// Mean interval score at 95 %.
    pub winkler95: f64,
}

/// Gneiting and Raftery's interval score for the central (1 − a) interval [lo, hi].
pub fn interval_score(y: f64, lo: f64, hi: f64, a: f64) -> f64 {
    (hi - lo) + (2.0 / a) * ((lo - y).max(0.0) + (y - hi).max(0.0))
}

/// Scores one forecast against the actual values (as many as both have); `scale` is the MASE
/// denominator ([`crate::naive_scale`] of the training data).
pub fn score(actual: &[f64], f: &Forecast, scale: f64) -> Scores {
    let n = actual.len().min(f.horizon());
    if n == 0 {
        return Scores::default();
    }
    let mut s = Scores { n, ..Scores::default() };
    for (k, &y) in actual.iter().enumerate().take(n) {
        let e = y - f.point[k];
        s.mae += e.abs();
        s.rmse += e * e;
        s.me += e;
        s.cover80 += f64::from(u8::from(y >= f.lo80[k] && y <= f.hi80[k]));
        s.cover95 += f64::from(u8::from(y >= f.lo95[k] && y <= f.hi95[k]));
        s.winkler80 += interval_score(y, f.lo80[k], f.hi80[k], 0.2);
        s.winkler95 += interval_score(y, f.lo95[k], f.hi95[k], 0.05);
    }
    let nf = n as f64;
    s.mae /= nf;
    s.rmse = (s.rmse / nf).sqrt();
    s.me /= nf;
    s.cover80 /= nf;
    s.cover95 /= nf;
    s.winkler80 /= nf;
    s.winkler95 /= nf;
    s.mase = s.mae / scale;
    s
}

impl Scores {
    /// The mean of each measure over several forecasts, each forecast weighing the same (the
    /// benchmark's "averaged over the 60 forecasts"); `n` is the total of held-out values.
    pub fn mean(all: &[Scores]) -> Option<Scores> {
        if all.is_empty() {
            return None;
        }
        let k = all.len() as f64;
        let avg = |f: fn(&Scores) -> f64| all.iter().map(f).sum::<f64>() / k;
        Some(Scores {
            n: all.iter().map(|s| s.n).sum(),
            mae: avg(|s| s.mae),
            rmse: avg(|s| s.rmse),
            mase: avg(|s| s.mase),
            me: avg(|s| s.me),
            cover80: avg(|s| s.cover80),
            cover95: avg(|s| s.cover95),
            winkler80: avg(|s| s.winkler80),
            winkler95: avg(|s| s.winkler95),
        })
    }
}

/// A summary of a backtest: the measures averaged over its forecasts.
pub type Summary = Scores;

/// One past forecast of a rolling-origin loop.
#[derive(Debug, Clone, PartialEq)]
pub struct PastForecast {
    /// Number of values the method saw (the forecast is for `y[origin..]`).
    pub origin: usize,
    /// The method's forecast on its own scale.
    pub model: ModelForecast,
}

/// Forecasts `h` steps ahead from every origin in `origins` (each a training length), skipping
/// those the method cannot fit.
pub fn rolling(method: Method, y: &[f64], h: usize, origins: std::ops::Range<usize>, prior: Option<&Prior>) -> Vec<PastForecast> {
    origins
        .filter(|&o| o <= y.len())
        .filter_map(|o| method.fit(&y[..o], h, prior).ok().map(|model| PastForecast { origin: o, model }))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_by_hand() {
        let f = Forecast {
            point: vec![10.0, 10.0],
            lo80: vec![8.0, 7.0],
            hi80: vec![12.0, 13.0],
            lo95: vec![6.0, 5.0],
            hi95: vec![14.0, 15.0],
        };
        // Errors +1 and +4; the second is outside 80 % (above 13 by 1) but inside 95 %.
        let s = score(&[11.0, 14.0], &f, 2.0);
        assert_eq!(s.n, 2);
        assert_eq!(s.mae, 2.5);
        assert_eq!(s.rmse, (17.0f64 / 2.0).sqrt());
        assert_eq!(s.mase, 1.25);
        assert_eq!(s.me, 2.5);
        assert_eq!(s.cover80, 0.5);
        assert_eq!(s.cover95, 1.0);
        // Interval scores: 4 and 6 + 10·1 = 16 → 10; at 95 %: 8 and 10 → 9.
        assert_eq!(s.winkler80, 10.0);
        assert_eq!(s.winkler95, 9.0);
        let m = Scores::mean(&[s, Scores { mase: 0.75, ..s }]).unwrap();
        assert_eq!(m.mase, 1.0);
        assert_eq!(m.n, 4);
        assert_eq!(Scores::mean(&[]), None);
    }

    #[test]
    fn rolling_origins_see_only_the_past() {
        let y = [1.0, 2.0, 3.0, 5.0, 8.0];
        let past = rolling(Method::Naive, &y, 2, 1..6, None);
        // Origin 1 is too short for persistence's scale (needs two values).
        assert_eq!(past.iter().map(|p| p.origin).collect::<Vec<_>>(), vec![2, 3, 4, 5]);
        assert_eq!(past[1].model.point, vec![3.0, 3.0]);
    }
}
