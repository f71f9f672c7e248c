//! Split-conformal recalibration of prediction intervals.
//!
//! A model's Gaussian interval is only as good as its assumptions; migration series break them
//! (level shifts, refugee spikes, revisions). So the interval a profile shows is rebuilt from the
//! method's own record: the absolute errors, per horizon, of the forecasts it would have made
//! from earlier origins inside the training data (rolling origin). With n such errors the
//! half-width at level 1 − a is their ⌈(n + 1)(1 − a)⌉-th smallest value, which covers a new error
//! with probability at least 1 − a when errors are exchangeable (Vovk et al.; Lei et al. 2018).
//! Errors are measured on the model's scale (the log for log models), so log intervals stay
//! asymmetric on the data scale.
//!
//! When a horizon has too few errors for a level (fewer than 4 for 80 %, fewer than 19 for
//! 95 %), the 95 % half-width is the conformal 80 % one scaled by z95/z80; with fewer than 4 the
//! model's own Gaussian interval is kept.

use crate::methods::ModelForecast;
use crate::{Forecast, Z80, Z95};

/// The conformal quantile of absolute errors at `level` (0.8, 0.95): `None` when there are too
/// few errors for that level.
pub fn quantile(abs_errors: &[f64], level: f64) -> Option<f64> {
    let n = abs_errors.len();
    let k = ((n as f64 + 1.0) * level).ceil() as usize;
    if n == 0 || k > n {
        return None;
    }
    let mut s: Vec<f64> = abs_errors.iter().map(|e| e.abs()).collect();
    s.sort_by(f64::total_cmp);
    Some(s[k - 1])
}

/// Rebuilds a model forecast's intervals from its past errors: `errors[k]` holds the errors
/// (model scale, any sign) of past forecasts `k + 1` steps ahead.
pub fn recalibrate(model: &ModelForecast, errors: &[Vec<f64>]) -> Forecast {
    let h = model.point.len();
    let mut w80 = Vec::with_capacity(h);
    let mut w95 = Vec::with_capacity(h);
    for k in 0..h {
        let e = errors.get(k).map(Vec::as_slice).unwrap_or(&[]);
        match (quantile(e, 0.8), quantile(e, 0.95)) {
            (Some(a), Some(b)) => {
                w80.push(a);
                w95.push(b.max(a));
            }
            (Some(a), None) => {
                w80.push(a);
                w95.push(a * Z95 / Z80);
            }
            _ => {
                w80.push(Z80 * model.sd[k]);
                w95.push(Z95 * model.sd[k]);
            }
        }
    }
    // Uncertainty cannot shrink with the horizon: a later step whose few errors happened to be
    // small keeps at least the previous step's width.
    for k in 1..h {
        w80[k] = w80[k].max(w80[k - 1]);
        w95[k] = w95[k].max(w95[k - 1]);
    }
    model.with_half_widths(&w80, &w95)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::methods::Method;

    /// A small deterministic generator (xorshift64*) with Box–Muller normals, so the test is
    /// reproducible without a dependency.
    struct Rng(u64);
    impl Rng {
        fn uniform(&mut self) -> f64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            ((self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 + 0.5) / (1u64 << 53) as f64
        }
        fn normal(&mut self) -> f64 {
            let (u, v) = (self.uniform(), self.uniform());
            (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
        }
    }

    #[test]
    fn quantile_by_hand() {
        let e = [-1.0, 2.0, 3.0, -4.0, 5.0, 6.0, 7.0, 8.0, 9.0];
        // n = 9: ⌈10·0.8⌉ = 8th smallest |e| = 8; 95 % needs ⌈9.5⌉ = 10 > 9.
        assert_eq!(quantile(&e, 0.8), Some(8.0));
        assert_eq!(quantile(&e, 0.95), None);
        assert_eq!(quantile(&[], 0.8), None);
    }

    #[test]
    fn recovers_known_noise_and_covers_what_it_claims() {
        // White noise of sd 2 around 100 forecast by persistence: the one-step error is the
        // difference of two independent draws, sd 2·√2, so the true 80 % half-width is
        // 1.2816·2·√2 = 3.625 and the 95 % one 1.96·2·√2 = 5.544, at every horizon.
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let y: Vec<f64> = (0..4000).map(|_| 100.0 + 2.0 * rng.normal()).collect();
        let (train, test) = y.split_at(2000);
        let errors: Vec<Vec<f64>> = (0..3).map(|k| (1..train.len() - k).map(|o| train[o + k] - train[o - 1]).collect()).collect();
        let model = Method::Naive.fit(train, 3, None).unwrap();
        let f = recalibrate(&model, &errors);
        let w80 = f.hi80[0] - f.point[0];
        let w95 = f.hi95[2] - f.point[2];
        assert!((w80 - 3.625).abs() < 0.25, "{w80}");
        assert!((w95 - 5.544).abs() < 0.4, "{w95}");
        // Persistence's own Gaussian interval grows with √h and over-covers at h = 3 here.
        let g = model.intervals();
        assert!(g.hi80[2] - g.point[2] > w80 * 1.5);
        // Coverage on fresh data from the same process: one-step forecasts from every origin.
        let (mut in80, mut in95) = (0usize, 0usize);
        for o in 1..test.len() {
            let e = (test[o] - test[o - 1]).abs();
            in80 += usize::from(e <= w80);
            in95 += usize::from(e <= f.hi95[0] - f.point[0]);
        }
        let n = (test.len() - 1) as f64;
        assert!((in80 as f64 / n - 0.8).abs() < 0.03, "{}", in80 as f64 / n);
        assert!((in95 as f64 / n - 0.95).abs() < 0.02, "{}", in95 as f64 / n);
    }

    #[test]
    fn few_errors_fall_back_and_widths_never_shrink() {
        let model = ModelForecast { point: vec![0.0, 0.0, 0.0], sd: vec![1.0, 1.0, 1.0], log: false };
        let errors = vec![vec![1.0, 2.0, 3.0, 4.0, 5.0], vec![0.1, 0.1, 0.1, 0.1], vec![]];
        let f = recalibrate(&model, &errors);
        // h = 1: n = 5, ⌈6·0.8⌉ = 5th = 5; 95 % from the ratio of normal quantiles.
        assert_eq!(f.hi80[0], 5.0);
        assert!((f.hi95[0] - 5.0 * Z95 / Z80).abs() < 1e-12);
        // h = 2 had tiny errors, h = 3 none: both keep the width of h = 1.
        assert_eq!(f.hi80[1], 5.0);
        assert_eq!(f.hi80[2], 5.0);
    }
}
