//! The forecasting methods. Each returns its point forecast and the standard deviation of its
//! error per horizon on the model's own scale (the log scale for [`Method::LogAr1`]); the
//! intervals come from [`ModelForecast::intervals`] (Gaussian) or from [`crate::conformal`]
//! (recalibrated on past errors).

use crate::pooled::Prior;
use crate::{Forecast, ForecastError, Z80, Z95, check_finite};

/// A forecasting method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Method {
    /// Persistence: every future value equals the last one. The benchmark every other method
    /// must beat.
    Naive,
    /// Random walk with drift: the last value plus the average change over the whole series.
    Drift,
    /// Additive damped-trend exponential smoothing (Gardner and McKenzie), parameters chosen by
    /// least squares on a grid.
    DampedTrend,
    /// AR(1) around the series mean, on the level scale (net migration can be negative).
    Ar1,
    /// AR(1) around the mean of the logarithm (positive stocks and money).
    LogAr1,
    /// AR(1) around the series' own mean, with its coefficient shrunk towards the group's
    /// ([`Prior`]), in the spirit of Azose and Raftery's model of net migration rates.
    PooledAr1,
}

impl Method {
    /// Every method, in the order tables list them.
    pub const ALL: [Method; 6] = [Method::Naive, Method::Drift, Method::DampedTrend, Method::Ar1, Method::LogAr1, Method::PooledAr1];

    /// Stable code (stored with forecast runs, used on the command line).
    pub fn code(self) -> &'static str {
        match self {
            Method::Naive => "NAIVE",
            Method::Drift => "DRIFT",
            Method::DampedTrend => "DAMPED",
            Method::Ar1 => "AR1",
            Method::LogAr1 => "LOG_AR1",
            Method::PooledAr1 => "POOLED_AR1",
        }
    }

    /// The method of a code written by [`Method::code`].
    pub fn parse(code: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.code().eq_ignore_ascii_case(code))
    }

    /// Fewest values the method fits on.
    pub fn min_len(self) -> usize {
        match self {
            Method::Naive => 2,
            Method::Drift => 3,
            Method::DampedTrend => 5,
            Method::Ar1 | Method::LogAr1 | Method::PooledAr1 => 5,
        }
    }

    /// Whether the method models the logarithm (and so needs positive values).
    pub fn log_scale(self) -> bool {
        matches!(self, Method::LogAr1)
    }

    /// Fits the method to `y` (oldest first) and forecasts `h` steps ahead. The pooled AR(1)
    /// needs its group's `prior`; the others ignore it.
    pub fn fit(self, y: &[f64], h: usize, prior: Option<&Prior>) -> Result<ModelForecast, ForecastError> {
        if h == 0 {
            return Err(ForecastError::NoHorizon);
        }
        check_finite(y)?;
        if y.len() < self.min_len() {
            return Err(ForecastError::TooShort { method: self.code(), got: y.len(), need: self.min_len() });
        }
        let (point, sd) = match self {
            Method::Naive => naive(y, h),
            Method::Drift => drift(y, h),
            Method::DampedTrend => damped(y, h),
            Method::Ar1 => {
                let a = Ar1::fit(y);
                a.forecast(y, h)
            }
            Method::LogAr1 => {
                if let Some((index, &value)) = y.iter().enumerate().find(|(_, v)| **v <= 0.0) {
                    return Err(ForecastError::NotPositive { method: self.code(), index, value });
                }
                let ly: Vec<f64> = y.iter().map(|v| v.ln()).collect();
                Ar1::fit(&ly).forecast(&ly, h)
            }
            Method::PooledAr1 => {
                let prior = prior.ok_or(ForecastError::NoPrior)?;
                let mut a = Ar1::fit(y);
                a.rho = prior.shrink(a.rho, y.len());
                a.sigma = a.residual_sd(y);
                a.forecast(y, h)
            }
        };
        Ok(ModelForecast { point, sd, log: self.log_scale() })
    }
}

/// A method's forecast on its own scale, before intervals are drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelForecast {
    /// Point forecast per horizon, on the model scale.
    pub point: Vec<f64>,
    /// Standard deviation of the forecast error per horizon, on the model scale.
    pub sd: Vec<f64>,
    /// Whether the model scale is the logarithm of the data.
    pub log: bool,
}

impl ModelForecast {
    /// Maps a value of the data onto the model scale (`None`: not positive on a log model).
    pub fn to_model(&self, v: f64) -> Option<f64> {
        if self.log { (v > 0.0).then(|| v.ln()) } else { Some(v) }
    }

    /// Maps a value of the model scale back onto the data.
    pub fn to_data(&self, v: f64) -> f64 {
        if self.log { v.exp() } else { v }
    }

    /// Intervals from given half-widths on the model scale, per horizon.
    pub fn with_half_widths(&self, w80: &[f64], w95: &[f64]) -> Forecast {
        let n = self.point.len();
        let f = |k: usize, w: f64| self.to_data(self.point[k] + w);
        Forecast {
            point: (0..n).map(|k| self.to_data(self.point[k])).collect(),
            lo80: (0..n).map(|k| f(k, -w80[k])).collect(),
            hi80: (0..n).map(|k| f(k, w80[k])).collect(),
            lo95: (0..n).map(|k| f(k, -w95[k])).collect(),
            hi95: (0..n).map(|k| f(k, w95[k])).collect(),
        }
    }

    /// Gaussian intervals from the model's own error variance (before recalibration).
    pub fn intervals(&self) -> Forecast {
        let w80: Vec<f64> = self.sd.iter().map(|s| Z80 * s).collect();
        let w95: Vec<f64> = self.sd.iter().map(|s| Z95 * s).collect();
        self.with_half_widths(&w80, &w95)
    }
}

/// Persistence: ŷ(T+h) = y(T); the error of a random walk grows with √h, with σ the root mean
/// square of the one-step changes.
fn naive(y: &[f64], h: usize) -> (Vec<f64>, Vec<f64>) {
    let last = y[y.len() - 1];
    let n = (y.len() - 1) as f64;
    let s = (y.windows(2).map(|w| (w[1] - w[0]).powi(2)).sum::<f64>() / n).sqrt();
    (vec![last; h], (1..=h).map(|k| s * (k as f64).sqrt()).collect())
}

/// Random walk with drift: ŷ(T+h) = y(T) + h·b, b = (y(T) − y(1)) / (T − 1); the variance adds
/// the uncertainty of b (Hyndman and Athanasopoulos, §5.5): σ²·h·(1 + h/(T − 1)).
fn drift(y: &[f64], h: usize) -> (Vec<f64>, Vec<f64>) {
    let t = y.len();
    let last = y[t - 1];
    let b = (last - y[0]) / (t - 1) as f64;
    let sse: f64 = y.windows(2).map(|w| (w[1] - w[0] - b).powi(2)).sum();
    let s = (sse / (t - 2) as f64).sqrt();
    let point = (1..=h).map(|k| last + k as f64 * b).collect();
    let sd = (1..=h).map(|k| s * (k as f64 * (1.0 + k as f64 / (t - 1) as f64)).sqrt()).collect();
    (point, sd)
}

/// Parameters of the damped-trend smoother.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Damped {
    pub alpha: f64,
    pub beta: f64,
    pub phi: f64,
}

const ALPHAS: [f64; 9] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
const BETAS: [f64; 5] = [0.01, 0.05, 0.1, 0.2, 0.3];
const PHIS: [f64; 4] = [0.8, 0.9, 0.95, 0.98];

impl Damped {
    /// Runs the recursions from l(1) = y(1), b(1) = y(2) − y(1); returns the one-step squared
    /// error sum over y(3)… and the final level and trend.
    pub(crate) fn run(&self, y: &[f64]) -> (f64, f64, f64) {
        let (mut l, mut b) = (y[0], y[1] - y[0]);
        let mut sse = 0.0;
        for (i, &v) in y.iter().enumerate().skip(1) {
            let fc = l + self.phi * b;
            if i >= 2 {
                sse += (v - fc).powi(2);
            }
            let nl = self.alpha * v + (1.0 - self.alpha) * fc;
            b = self.beta * (nl - l) + (1.0 - self.beta) * self.phi * b;
            l = nl;
        }
        (sse, l, b)
    }

    /// The grid point with the least one-step squared error (ties: the first, i.e. the smoothest).
    pub(crate) fn fit(y: &[f64]) -> (Damped, f64, f64, f64) {
        let mut best: Option<(Damped, f64, f64, f64)> = None;
        for &alpha in &ALPHAS {
            for &beta in BETAS.iter().filter(|b| **b <= alpha) {
                for &phi in &PHIS {
                    let p = Damped { alpha, beta, phi };
                    let (sse, l, b) = p.run(y);
                    if best.as_ref().is_none_or(|x| sse < x.1) {
                        best = Some((p, sse, l, b));
                    }
                }
            }
        }
        best.unwrap_or((Damped { alpha: 0.5, beta: 0.1, phi: 0.9 }, 0.0, y[y.len() - 1], 0.0))
    }
}

/// ŷ(T+h) = l + (φ + φ² + … + φʰ)·b. Variance (Hyndman et al. 2008, class 1):
/// σ²·(1 + Σ_{j<h} c_j²), c_j = α + αβφ(1 − φʲ)/(1 − φ).
fn damped(y: &[f64], h: usize) -> (Vec<f64>, Vec<f64>) {
    let (p, sse, l, b) = Damped::fit(y);
    let s2 = sse / (y.len() - 2) as f64;
    let mut point = Vec::with_capacity(h);
    let mut sd = Vec::with_capacity(h);
    let (mut phisum, mut var) = (0.0, 1.0);
    for k in 1..=h {
        phisum += p.phi.powi(k as i32);
        point.push(l + phisum * b);
        if k > 1 {
            let j = (k - 1) as i32;
            let c = p.alpha + p.alpha * p.beta * p.phi * (1.0 - p.phi.powi(j)) / (1.0 - p.phi);
            var += c * c;
        }
        sd.push((s2 * var).sqrt());
    }
    (point, sd)
}

/// Largest autoregressive coefficient allowed: keeps every fitted AR(1) stationary, so that its
/// mean exists and its intervals stay finite.
pub(crate) const RHO_MAX: f64 = 0.98;

/// An AR(1) around a mean: y(t) − μ = ρ·(y(t−1) − μ) + ε, ε ~ N(0, σ²).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Ar1 {
    pub mu: f64,
    pub rho: f64,
    pub sigma: f64,
}

impl Ar1 {
    /// μ is the sample mean; ρ the least-squares slope of the centred series on its lag, kept
    /// within ±[`RHO_MAX`]; σ the root mean square residual.
    pub(crate) fn fit(y: &[f64]) -> Ar1 {
        let mu = y.iter().sum::<f64>() / y.len() as f64;
        let (mut num, mut den) = (0.0, 0.0);
        for w in y.windows(2) {
            num += (w[1] - mu) * (w[0] - mu);
            den += (w[0] - mu).powi(2);
        }
        let rho = if den > 0.0 { (num / den).clamp(-RHO_MAX, RHO_MAX) } else { 0.0 };
        let mut a = Ar1 { mu, rho, sigma: 0.0 };
        a.sigma = a.residual_sd(y);
        a
    }

    pub(crate) fn residual_sd(&self, y: &[f64]) -> f64 {
        let sse: f64 = y.windows(2).map(|w| (w[1] - self.mu - self.rho * (w[0] - self.mu)).powi(2)).sum();
        (sse / (y.len() - 1) as f64).sqrt()
    }

    /// ŷ(T+h) = μ + ρʰ·(y(T) − μ); variance σ²·(1 + ρ² + … + ρ^{2(h−1)}).
    pub(crate) fn forecast(&self, y: &[f64], h: usize) -> (Vec<f64>, Vec<f64>) {
        let dev = y[y.len() - 1] - self.mu;
        let mut point = Vec::with_capacity(h);
        let mut sd = Vec::with_capacity(h);
        let mut var = 0.0;
        for k in 1..=h {
            point.push(self.mu + self.rho.powi(k as i32) * dev);
            var += self.rho.powi(2 * (k as i32 - 1));
            sd.push(self.sigma * var.sqrt());
        }
        (point, sd)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn naive_by_hand() {
        // Changes 2, -1, 4: RMS = sqrt((4 + 1 + 16) / 3) = sqrt(7).
        let f = Method::Naive.fit(&[1.0, 3.0, 2.0, 6.0], 2, None).unwrap();
        assert_eq!(f.point, vec![6.0, 6.0]);
        assert!(close(f.sd[0], 7f64.sqrt()) && close(f.sd[1], 14f64.sqrt()), "{f:?}");
        let i = f.intervals();
        assert!(close(i.hi80[0], 6.0 + Z80 * 7f64.sqrt()));
        assert!(close(i.lo95[1], 6.0 - Z95 * 14f64.sqrt()));
    }

    #[test]
    fn drift_by_hand() {
        // b = (6 - 1) / 3 = 5/3; residual changes 1/3, -8/3, 7/3: SSE = (1 + 64 + 49) / 9 = 114/9,
        // σ² = SSE / 2 = 57/9.
        let f = Method::Drift.fit(&[1.0, 3.0, 2.0, 6.0], 2, None).unwrap();
        assert!(close(f.point[0], 6.0 + 5.0 / 3.0) && close(f.point[1], 6.0 + 10.0 / 3.0));
        let s2: f64 = 57.0 / 9.0;
        assert!(close(f.sd[0], (s2 * (1.0 + 1.0 / 3.0)).sqrt()));
        assert!(close(f.sd[1], (s2 * 2.0 * (1.0 + 2.0 / 3.0)).sqrt()));
    }

    #[test]
    fn damped_recursions_by_hand() {
        // α = 0.5, β = 0.1, φ = 0.9 on 1, 3, 2, 6: l1 = 1, b1 = 2.
        // t=2: fc = 2.8, l = 2.9, b = 0.1·1.9 + 0.9·0.9·2 = 1.81.
        // t=3: fc = 2.9 + 1.629 = 4.529 (error -2.529), l = 3.2645, b = 0.1·0.3645 + 0.9·1.629 = 1.50255.
        // t=4: fc = 3.2645 + 1.352295 = 4.616795 (error 1.383205), l = 5.3083975,
        //      b = 0.1·2.0438975 + 0.9·1.352295 = 1.42145525.
        let p = Damped { alpha: 0.5, beta: 0.1, phi: 0.9 };
        let (sse, l, b) = p.run(&[1.0, 3.0, 2.0, 6.0]);
        assert!(close(sse, 2.529f64.powi(2) + 1.383205f64.powi(2)), "{sse}");
        assert!(close(l, 5.3083975) && close(b, 1.42145525), "{l} {b}");
    }

    #[test]
    fn damped_follows_a_straight_line() {
        let y: Vec<f64> = (0..20).map(|t| 10.0 + 2.0 * t as f64).collect();
        let f = Method::DampedTrend.fit(&y, 3, None).unwrap();
        // The fitted trend is damped, so the forecast rises, but by less than 2 a step.
        assert!(f.point[0] > 48.0 && f.point[0] <= 50.0 + 1e-9, "{f:?}");
        assert!(f.point[2] > f.point[1] && f.point[1] > f.point[0]);
    }

    #[test]
    fn ar1_by_hand() {
        // 1, 3, 2, 6, 3: μ = 3; centred -2, 0, -1, 3, 0; num = 0 + 0 - 3 + 0 = -3;
        // den = 4 + 0 + 1 + 9 = 14; ρ = -3/14. Last deviation 0 → forecast μ.
        let y = [1.0, 3.0, 2.0, 6.0, 3.0];
        let a = Ar1::fit(&y);
        assert!(close(a.mu, 3.0) && close(a.rho, -3.0 / 14.0));
        let f = Method::Ar1.fit(&y, 2, None).unwrap();
        assert!(close(f.point[0], 3.0) && close(f.point[1], 3.0));
        assert!(close(f.sd[1], a.sigma * (1.0 + a.rho * a.rho).sqrt()));
        // From a deviation of 4 the forecast decays by ρ a step.
        let y = [1.0, 3.0, 2.0, 6.0, 7.0];
        let a = Ar1::fit(&y);
        let f = Method::Ar1.fit(&y, 2, None).unwrap();
        assert!(close(f.point[1], a.mu + a.rho * a.rho * (7.0 - a.mu)));
    }

    #[test]
    fn log_ar1_forecasts_positive_values() {
        let y = [100.0, 120.0, 150.0, 160.0, 200.0, 210.0];
        let f = Method::LogAr1.fit(&y, 3, None).unwrap();
        assert!(f.log);
        let i = f.intervals();
        assert!(i.lo95.iter().all(|v| *v > 0.0));
        assert!(close(i.point[0], f.point[0].exp()));
        assert!(matches!(Method::LogAr1.fit(&[1.0, 0.0, 2.0, 3.0, 4.0], 1, None), Err(ForecastError::NotPositive { index: 1, .. })));
    }

    #[test]
    fn refuses_what_it_cannot_fit() {
        assert!(matches!(Method::Drift.fit(&[1.0, 2.0], 1, None), Err(ForecastError::TooShort { need: 3, .. })));
        assert_eq!(Method::Naive.fit(&[1.0, f64::NAN], 1, None), Err(ForecastError::NotFinite { index: 1 }));
        assert_eq!(Method::PooledAr1.fit(&[1.0, 2.0, 3.0, 4.0, 5.0], 1, None), Err(ForecastError::NoPrior));
        assert_eq!(Method::Naive.fit(&[1.0, 2.0], 0, None), Err(ForecastError::NoHorizon));
        for m in Method::ALL {
            assert_eq!(Method::parse(m.code()), Some(m));
        }
    }
}
