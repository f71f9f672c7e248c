//! Backtests over a panel of series (the ten countries), the way the common benchmark is run:
//! for each origin year, every series is cut at that year, the pooled prior of its group is
//! estimated from the cut series only, each rule forecasts `h` steps, and the forecast is scored
//! against the values that followed.

use crate::backtest::{Scores, score};
use crate::methods::Method;
use crate::pooled::Prior;
use crate::select::{Settings, choose};
use crate::{Forecast, ForecastError, naive_scale};

/// One series of a panel.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Label, e.g. `NET.RATE SEN`.
    pub name: String,
    /// Series that share a pooled prior carry the same group (e.g. the indicator code).
    pub group: String,
    /// Period of each value (a year), increasing.
    pub years: Vec<i32>,
    /// Values, oldest first.
    pub values: Vec<f64>,
}

impl Series {
    /// The values up to and including `year`.
    pub fn until(&self, year: i32) -> &[f64] {
        let n = self.years.iter().take_while(|y| **y <= year).count();
        &self.values[..n]
    }

    /// The `h` values after `year` (fewer if the series ends).
    pub fn after(&self, year: i32, h: usize) -> &[f64] {
        let n = self.years.iter().take_while(|y| **y <= year).count();
        &self.values[n..(n + h).min(self.values.len())]
    }
}

/// What forecasts a series in a backtest.
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    /// One method, with intervals recalibrated on its own past errors (the same window as the
    /// selection rule's), so methods are compared on equal terms.
    Fixed(Method),
    /// The selection rule, series by series ([`crate::select`]).
    Select,
    /// The selection rule on the group: at each origin, every candidate is backtested on the
    /// group's series from the `inner` earlier origins spaced by the horizon (all before the
    /// origin); the method with the lowest mean MASE forecasts every series of the group,
    /// persistence unless another method beats it.
    SelectGroup {
        /// Number of earlier origins scored.
        inner: usize,
    },
}

impl Rule {
    /// The rule profiles use: the group rule over up to eight earlier origins (forty years of
    /// annual data, eight five-year steps of stocks). Fewer origins made the choice follow the
    /// noise of a few periods (BENCHMARKS.md).
    pub fn standard() -> Rule {
        Rule::SelectGroup { inner: 8 }
    }

    /// Label in tables: the method's code, or `AUTO` for the rule.
    pub fn label(&self) -> &'static str {
        match self {
            Rule::Fixed(m) => m.code(),
            Rule::Select => "AUTO_SERIES",
            Rule::SelectGroup { .. } => "AUTO",
        }
    }
}

/// One scored forecast.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    /// Index of the series in the panel.
    pub series: usize,
    /// Last year the forecast saw.
    pub origin: i32,
    /// The method that made it (the chosen one under [`Rule::Select`]).
    pub method: Method,
    /// The forecast.
    pub forecast: Forecast,
    /// Its accuracy.
    pub scores: Scores,
}

/// The pooled priors of each group from the series cut at `origin`.
pub fn priors(panel: &[Series], origin: i32) -> Vec<(String, Prior)> {
    let mut groups: Vec<&str> = panel.iter().map(|s| s.group.as_str()).collect();
    groups.sort_unstable();
    groups.dedup();
    groups
        .into_iter()
        .filter_map(|g| {
            let cut: Vec<&[f64]> = panel.iter().filter(|s| s.group == g).map(|s| s.until(origin)).collect();
            Prior::from_group(&cut).map(|p| (g.to_string(), p))
        })
        .collect()
}

/// Forecasts one series cut at `origin` under `rule`.
pub fn forecast(
    s: &Series,
    origin: i32,
    rule: &Rule,
    settings: &Settings,
    priors: &[(String, Prior)],
) -> Result<(Method, Forecast), ForecastError> {
    let prior = priors.iter().find(|(g, _)| *g == s.group).map(|(_, p)| p);
    let y = s.until(origin);
    let settings = match rule {
        Rule::Select => settings.clone(),
        Rule::SelectGroup { .. } => return Err(ForecastError::NoGroupChoice),
        Rule::Fixed(m) => Settings { candidates: vec![*m], margin: f64::NEG_INFINITY, ..settings.clone() },
    };
    let c = choose(y, &settings, prior)?;
    // A fixed method the rule could not score (too short) still forecasts with model intervals.
    match rule {
        Rule::Fixed(m) if c.method != *m => Ok((*m, m.fit(y, settings.horizon, prior)?.intervals())),
        _ => Ok((c.method, c.forecast)),
    }
}

/// The group rule's choice for the series of `group` cut at `origin`, with the mean MASE of
/// every candidate on the earlier origins (`None` for a candidate that could not be scored).
pub fn group_choice(panel: &[Series], group: &str, origin: i32, inner: usize, settings: &Settings) -> (Method, Vec<(Method, Option<f64>)>) {
    let members: Vec<Series> = panel.iter().filter(|s| s.group == group).cloned().collect();
    let step = settings.horizon as i32;
    let origins: Vec<i32> = (1..=inner as i32).rev().map(|k| origin - k * step).collect();
    let priors: Vec<Vec<(String, Prior)>> = origins.iter().map(|&o| priors(&members, o)).collect();
    // Point forecasts only: the choice rests on MASE, so the intervals are not needed here.
    let table: Vec<(Method, Option<f64>)> = settings
        .candidates
        .iter()
        .map(|&m| {
            let mut mases = Vec::new();
            for (&o, pr) in origins.iter().zip(&priors) {
                let prior = pr.first().map(|(_, p)| p);
                for s in &members {
                    let y = s.until(o);
                    let n = s.years.iter().filter(|y| **y > o && **y <= origin).count().min(settings.horizon);
                    let actual = &s.after(o, settings.horizon)[..n];
                    let (Some(scale), Ok(f)) = (naive_scale(y), m.fit(y, settings.horizon, prior)) else { continue };
                    if actual.is_empty() {
                        continue;
                    }
                    let mae = actual.iter().enumerate().map(|(k, v)| (v - f.to_data(f.point[k])).abs()).sum::<f64>() / n as f64;
                    mases.push(mae / scale);
                }
            }
            // A method must forecast every series at every earlier origin to be comparable.
            let complete = mases.len() == members.len() * origins.len();
            let mean = mases.iter().sum::<f64>() / mases.len().max(1) as f64;
            (m, complete.then_some(mean))
        })
        .collect();
    let naive = table.iter().find(|(m, _)| *m == Method::Naive).and_then(|(_, v)| *v);
    let best = table
        .iter()
        .filter_map(|(m, v)| v.map(|v| (*m, v)))
        .filter(|(_, v)| naive.is_none_or(|n| *v < n * (1.0 - settings.margin)))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map_or(Method::Naive, |b| b.0);
    (best, table)
}

/// Runs `rule` over every series and origin; forecasts that cannot be made or scored (series
/// too short, no values after the origin, a flat training series) are left out.
pub fn backtest(panel: &[Series], origins: &[i32], rule: &Rule, settings: &Settings) -> Vec<Scored> {
    backtest_until(panel, origins, rule, settings, i32::MAX)
}

/// [`backtest`] scoring only values up to the year `until` (inner backtests of the group rule
/// must not see the values after their own origin).
fn backtest_until(panel: &[Series], origins: &[i32], rule: &Rule, settings: &Settings, until: i32) -> Vec<Scored> {
    let mut out = Vec::new();
    for &origin in origins {
        let priors = priors(panel, origin);
        let mut choices: Vec<(String, Method)> = Vec::new();
        if let Rule::SelectGroup { inner } = rule {
            let mut groups: Vec<&str> = panel.iter().map(|s| s.group.as_str()).collect();
            groups.sort_unstable();
            groups.dedup();
            for g in groups {
                choices.push((g.to_string(), group_choice(panel, g, origin, *inner, settings).0));
            }
        }
        for (i, s) in panel.iter().enumerate() {
            let n_after = s.years.iter().filter(|y| **y > origin && **y <= until).count().min(settings.horizon);
            let actual = &s.after(origin, settings.horizon)[..n_after];
            let Some(scale) = naive_scale(s.until(origin)) else { continue };
            if actual.is_empty() {
                continue;
            }
            let rule = match choices.iter().find(|(g, _)| *g == s.group) {
                Some((_, m)) => &Rule::Fixed(*m),
                None => rule,
            };
            if let Ok((method, f)) = forecast(s, origin, rule, settings, &priors) {
                let scores = score(actual, &f, scale);
                out.push(Scored { series: i, origin, method, forecast: f, scores });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(name: &str, values: Vec<f64>) -> Series {
        Series { name: name.into(), group: "G".into(), years: (2000..2000 + values.len() as i32).collect(), values }
    }

    #[test]
    fn cuts_at_the_origin() {
        let s = series("a", vec![1.0, 2.0, 3.0, 4.0]);
        assert_eq!(s.until(2001), &[1.0, 2.0]);
        assert_eq!(s.after(2001, 5), &[3.0, 4.0]);
        assert_eq!(s.until(1990), &[] as &[f64]);
    }

    #[test]
    fn naive_backtest_by_hand() {
        // 0..29 then a jump: persistence from 2019 (value 19) misses 1, 2 (scale 1): MASE 1.5.
        let panel = vec![series("a", (0..22).map(f64::from).collect()), series("b", (0..22).map(|v| f64::from(v) * 2.0).collect())];
        let settings = Settings::standard(2);
        let r = backtest(&panel, &[2019], &Rule::Fixed(Method::Naive), &settings);
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].scores.mase, 1.5);
        assert_eq!(r[1].scores.mae, 3.0);
        assert_eq!(r[1].scores.mase, 1.5);
        let auto = backtest(&panel, &[2019], &Rule::Select, &settings);
        assert!(auto.iter().all(|s| s.scores.mase < 0.5), "{auto:?}");
    }
}
