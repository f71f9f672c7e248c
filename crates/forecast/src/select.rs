//! The rule that picks the method a profile shows for a series, using only the data before the
//! forecast origin: every candidate forecasts from the last `window` origins of the training
//! data (rolling origin, `horizon` steps); the one with the smallest mean absolute error wins,
//! and persistence stays the choice unless another method beats it by more than `margin`. The
//! winner's intervals are then recalibrated on those same past errors ([`crate::conformal`]).

use crate::backtest::{PastForecast, rolling};
use crate::conformal::recalibrate;
use crate::methods::Method;
use crate::pooled::Prior;
use crate::{Forecast, ForecastError, naive_scale};

/// Settings of the selection rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Steps ahead to forecast (and to score candidates on).
    pub horizon: usize,
    /// Number of past origins each candidate is scored on.
    pub window: usize,
    /// The methods considered.
    pub candidates: Vec<Method>,
    /// Relative improvement over persistence a method needs to be chosen (0.05: 5 % lower MAE).
    pub margin: f64,
}

impl Settings {
    /// The settings profiles use for a series of `horizon` steps: every method, scored on the
    /// last 15 origins, any improvement over persistence counts.
    pub fn standard(horizon: usize) -> Settings {
        Settings { horizon, window: 15, candidates: Method::ALL.to_vec(), margin: 0.0 }
    }
}

/// How one candidate did on the past origins.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The method.
    pub method: Method,
    /// Mean absolute error over every past forecast and step, in the data's unit.
    pub mae: f64,
    /// `mae` divided by the training data's mean absolute one-step change.
    pub mase: f64,
    /// Number of past values scored.
    pub n: usize,
}

/// The outcome of the rule for one series.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// The method chosen.
    pub method: Method,
    /// Its forecast, with recalibrated intervals.
    pub forecast: Forecast,
    /// Every candidate that could be fitted, in [`Method::ALL`] order.
    pub candidates: Vec<Candidate>,
}

impl Choice {
    /// The chosen method's record.
    pub fn chosen(&self) -> Option<&Candidate> {
        self.candidates.iter().find(|c| c.method == self.method)
    }

    /// Persistence's record (the comparison a reader is given).
    pub fn naive(&self) -> Option<&Candidate> {
        self.candidates.iter().find(|c| c.method == Method::Naive)
    }
}

struct Scored {
    cand: Candidate,
    past: Vec<PastForecast>,
}

fn score_candidate(method: Method, y: &[f64], s: &Settings, prior: Option<&Prior>, scale: f64) -> Option<Scored> {
    let t = y.len();
    let first = t.saturating_sub(s.window + s.horizon - 1).max(method.min_len());
    let past = rolling(method, y, s.horizon, first..t, prior);
    let (mut sum, mut n) = (0.0, 0usize);
    for p in &past {
        for (k, v) in y[p.origin..].iter().take(s.horizon).enumerate() {
            sum += (v - p.model.to_data(p.model.point[k])).abs();
            n += 1;
        }
    }
    (n > 0).then(|| {
        let mae = sum / n as f64;
        Scored { cand: Candidate { method, mae, mase: mae / scale, n }, past }
    })
}

/// Applies the rule to `y` (oldest first). The pooled AR(1) is a candidate only with a `prior`.
pub fn choose(y: &[f64], s: &Settings, prior: Option<&Prior>) -> Result<Choice, ForecastError> {
    let naive_fit = Method::Naive.fit(y, s.horizon, None)?;
    let scale = naive_scale(y).unwrap_or(1.0);
    let scored: Vec<Scored> = s
        .candidates
        .iter()
        .filter(|m| **m != Method::PooledAr1 || prior.is_some())
        .filter_map(|&m| score_candidate(m, y, s, prior, scale))
        .collect();
    let naive_mae = scored.iter().find(|c| c.cand.method == Method::Naive).map(|c| c.cand.mae);
    let best = scored
        .iter()
        .filter(|c| naive_mae.is_none_or(|n| c.cand.mae < n * (1.0 - s.margin)))
        .min_by(|a, b| a.cand.mae.total_cmp(&b.cand.mae));
    let (method, past) = match best {
        Some(b) => (b.cand.method, b.past.as_slice()),
        None => (Method::Naive, scored.iter().find(|c| c.cand.method == Method::Naive).map_or(&[][..], |c| c.past.as_slice())),
    };
    let model = if method == Method::Naive { naive_fit } else { method.fit(y, s.horizon, prior)? };
    let errors = model_errors(y, past, s.horizon);
    let forecast = recalibrate(&model, &errors);
    Ok(Choice { method, forecast, candidates: scored.into_iter().map(|c| c.cand).collect() })
}

/// The past errors on the model's scale, per horizon.
fn model_errors(y: &[f64], past: &[PastForecast], h: usize) -> Vec<Vec<f64>> {
    let mut errors = vec![Vec::new(); h];
    for p in past {
        for (k, v) in y[p.origin..].iter().take(h).enumerate() {
            if let Some(m) = p.model.to_model(*v) {
                errors[k].push(m - p.model.point[k]);
            }
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clear_trend_beats_persistence() {
        let y: Vec<f64> = (0..30).map(|t| 5.0 * t as f64 + if t % 2 == 0 { 1.0 } else { -1.0 }).collect();
        let c = choose(&y, &Settings::standard(3), None).unwrap();
        assert!(matches!(c.method, Method::Drift | Method::DampedTrend), "{c:?}");
        assert!(c.chosen().unwrap().mae < c.naive().unwrap().mae);
        assert!(c.forecast.point[0] > y[29]);
    }

    #[test]
    fn persistence_stays_when_nothing_beats_it() {
        // A step function: persistence is exact after each step, other methods are not.
        let y: Vec<f64> = (0..30).map(|t| if t < 10 { 0.0 } else { 50.0 }).collect();
        let c = choose(&y, &Settings::standard(2), None).unwrap();
        assert_eq!(c.method, Method::Naive, "{c:?}");
        assert_eq!(c.forecast.point, vec![50.0, 50.0]);
    }
}
