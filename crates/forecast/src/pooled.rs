//! Partial pooling of the AR(1) coefficient across a group of series (the ten countries), in the
//! spirit of Azose and Raftery (2015), whose net migration model gives each country an AR(1)
//! around its own mean with the coefficients drawn from a common distribution.
//!
//! Instead of their MCMC, a one-step empirical Bayes: each series i gives a least-squares
//! coefficient ρ̂ᵢ with sampling variance sᵢ² ≈ (1 − ρ̂ᵢ²)/nᵢ (the asymptotic variance of the
//! AR(1) estimate). The group mean ρ̄ and the between-series variance
//! τ² = max(0, var(ρ̂) − mean(sᵢ²)) (method of moments) define the prior ρᵢ ~ N(ρ̄, τ²). The
//! posterior mean, used as the series' coefficient, is the precision-weighted compromise
//! wᵢ·ρ̂ᵢ + (1 − wᵢ)·ρ̄ with wᵢ = τ²/(τ² + sᵢ²): a long, clearly persistent series keeps most of its
//! own coefficient; a short or noisy one borrows from its neighbours. Each series keeps its own
//! mean and its own residual variance.

use crate::methods::{Ar1, Method, RHO_MAX};

/// The group's distribution of AR(1) coefficients.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prior {
    /// Mean coefficient across the group.
    pub rho_mean: f64,
    /// Between-series variance of the coefficients (0: full pooling).
    pub tau2: f64,
    /// Number of series the prior was estimated from.
    pub series: usize,
}

impl Prior {
    /// Estimates the prior from the group's series (each oldest first); series shorter than
    /// the AR(1) needs or not finite are left out. `None` with fewer than two usable series.
    pub fn from_group(group: &[&[f64]]) -> Option<Prior> {
        let fits: Vec<(f64, f64)> = group
            .iter()
            .filter(|y| y.len() >= Method::PooledAr1.min_len() && y.iter().all(|v| v.is_finite()))
            .map(|y| {
                let rho = Ar1::fit(y).rho;
                (rho, sampling_variance(rho, y.len()))
            })
            .collect();
        if fits.len() < 2 {
            return None;
        }
        let n = fits.len() as f64;
        let rho_mean = fits.iter().map(|f| f.0).sum::<f64>() / n;
        let var = fits.iter().map(|f| (f.0 - rho_mean).powi(2)).sum::<f64>() / (n - 1.0);
        let noise = fits.iter().map(|f| f.1).sum::<f64>() / n;
        Some(Prior { rho_mean, tau2: (var - noise).max(0.0), series: fits.len() })
    }

    /// The posterior mean of a series' coefficient, given its own estimate from `n` values.
    pub fn shrink(&self, rho: f64, n: usize) -> f64 {
        let s2 = sampling_variance(rho, n);
        let w = if self.tau2 + s2 > 0.0 { self.tau2 / (self.tau2 + s2) } else { 0.0 };
        (w * rho + (1.0 - w) * self.rho_mean).clamp(-RHO_MAX, RHO_MAX)
    }
}

/// (1 − ρ²)/n, floored so that a coefficient at the bound still has some uncertainty.
fn sampling_variance(rho: f64, n: usize) -> f64 {
    (1.0 - rho * rho).max(0.04) / n as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shrinkage_by_hand() {
        let p = Prior { rho_mean: 0.5, tau2: 0.01, series: 10 };
        // ρ̂ = 0.9 from 20 values: s² = 0.19/20 = 0.0095, w = 0.01/0.0195.
        let w = 0.01 / 0.0195;
        assert!((p.shrink(0.9, 20) - (w * 0.9 + (1.0 - w) * 0.5)).abs() < 1e-12);
        // No between-series spread: every series takes the group mean.
        let full = Prior { tau2: 0.0, ..p };
        assert_eq!(full.shrink(0.9, 20), 0.5);
    }

    #[test]
    fn prior_from_identical_series_pools_fully() {
        let y = [1.0, 3.0, 2.0, 6.0, 3.0, 4.0, 2.0];
        let p = Prior::from_group(&[&y, &y, &y]).unwrap();
        assert_eq!(p.series, 3);
        assert_eq!(p.tau2, 0.0);
        assert!((p.rho_mean - Ar1::fit(&y).rho).abs() < 1e-12);
        assert_eq!(Prior::from_group(&[&y]), None);
        assert_eq!(Prior::from_group(&[&y, &[1.0, 2.0]]), None);
    }

    #[test]
    fn pooled_forecast_uses_the_shrunk_coefficient() {
        let y = [1.0, 3.0, 2.0, 6.0, 7.0];
        let p = Prior { rho_mean: 0.0, tau2: 0.0, series: 2 };
        let f = Method::PooledAr1.fit(&y, 1, Some(&p)).unwrap();
        // ρ = 0: the forecast is the mean.
        assert!((f.point[0] - 19.0 / 5.0).abs() < 1e-12);
    }
}
