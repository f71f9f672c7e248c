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
    // Earlier origins one horizon apart, in the series' own spacing (five years for stocks),
    // kept where persistence can forecast and be scored for every series of the group.
    let step = members.first().map_or(1, |s| crate::usual_step(&s.years)) * settings.horizon as i32;
    let origins: Vec<i32> = (1..=inner as i32)
        .rev()
        .map(|k| origin - k * step)
        .filter(|&o| members.iter().all(|s| s.until(o).len() >= 2 && s.years.iter().any(|y| *y > o && *y <= origin)))
        .collect();
    let priors: Vec<Vec<(String, Prior)>> = origins.iter().map(|&o| priors(&members, o)).collect();
    // Point forecasts only: the choice rests on MASE, so the intervals are not needed here.
    // cells[m][(origin, series)] = MASE of method m, where it could forecast.
    let cells: Vec<(Method, Vec<Option<f64>>)> = settings
        .candidates
        .iter()
        .map(|&m| {
            let mut c = Vec::new();
            for (&o, pr) in origins.iter().zip(&priors) {
                let prior = pr.first().map(|(_, p)| p);
                for s in &members {
                    let y = s.until(o);
                    let n = s.years.iter().filter(|y| **y > o && **y <= origin).count().min(settings.horizon);
                    let actual = &s.after(o, settings.horizon)[..n];
                    let (Some(scale), Ok(f), false) = (naive_scale(y), m.fit(y, settings.horizon, prior), actual.is_empty()) else {
                        c.push(None);
                        continue;
                    };
                    let mae = actual.iter().enumerate().map(|(k, v)| (v - f.to_data(f.point[k])).abs()).sum::<f64>() / n as f64;
                    c.push(Some(mae / scale));
                }
            }
            (m, c)
        })
        .collect();
    let mean = |v: &[f64]| (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64);
    let table: Vec<(Method, Option<f64>)> =
        cells.iter().map(|(m, c)| (*m, mean(&c.iter().flatten().copied().collect::<Vec<_>>()))).collect();
    let naive = cells.iter().find(|(m, _)| *m == Method::Naive).map(|(_, c)| c.clone()).unwrap_or_default();
    let naive_n = naive.iter().flatten().count();
    // Each method is compared with persistence on the cells both could forecast (a method that
    // needs more values than the first origins have is judged on the later ones), and must
    // cover at least half of persistence's cells to count.
    let best = cells
        .iter()
        .filter_map(|(m, c)| {
            let pairs: Vec<(f64, f64)> = c.iter().zip(&naive).filter_map(|(a, b)| Some(((*a)?, (*b)?))).collect();
            let (sm, sn) = pairs.iter().fold((0.0, 0.0), |acc, p| (acc.0 + p.0, acc.1 + p.1));
            (naive_n > 0 && pairs.len() * 2 >= naive_n && sn > 0.0).then_some((*m, sm / sn))
        })
        .filter(|(m, r)| *m == Method::Naive || *r < 1.0 - settings.margin)
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

/// A forecast of one series of a panel from its last value.
#[derive(Debug, Clone, PartialEq)]
pub struct PanelForecast {
    /// Index of the series in the panel.
    pub series: usize,
    /// Years the forecast covers (the series' own step after its last year).
    pub years: Vec<i32>,
    /// The method the group rule chose.
    pub method: Method,
    /// The forecast, intervals recalibrated.
    pub forecast: Forecast,
}

/// Forecasts every series of the panel `settings.horizon` steps after its last value, each
/// group with the method [`group_choice`] picks on the data up to the group's earliest last
/// year (so that no series' choice uses another's later values). Series that cannot be
/// forecast (too short) are left out.
pub fn forecast_panel(panel: &[Series], settings: &Settings, inner: usize) -> Vec<PanelForecast> {
    let mut groups: Vec<&str> = panel.iter().map(|s| s.group.as_str()).collect();
    groups.sort_unstable();
    groups.dedup();
    let mut out = Vec::new();
    for g in groups {
        let Some(origin) = panel.iter().filter(|s| s.group == g).filter_map(|s| s.years.last().copied()).min() else { continue };
        let (method, _) = group_choice(panel, g, origin, inner, settings);
        for (i, s) in panel.iter().enumerate().filter(|(_, s)| s.group == g) {
            let Some(&last) = s.years.last() else { continue };
            let pr = priors(panel, last);
            if let Ok((m, f)) = forecast(s, last, &Rule::Fixed(method), settings, &pr) {
                let years = crate::next_periods(last, crate::usual_step(&s.years), settings.horizon);
                out.push(PanelForecast { series: i, years, method: m, forecast: f });
            }
        }
    }
    out
}

/// Origins of the "last comparable periods" of a series ending in `last`: `k` origins one
/// horizon apart, the latest one horizon before `last` (2023, annual, horizon 5, k 3 → 2008,
/// 2013, 2018).
pub fn last_origins(last: i32, year_step: i32, horizon: usize, k: usize) -> Vec<i32> {
    let span = year_step * horizon as i32;
    (1..=k as i32).rev().map(|j| last - j * span).collect()
}

#[cfg(test)]
mod run_tests {
    use super::*;

    #[test]
    fn last_origins_by_hand() {
        assert_eq!(last_origins(2023, 1, 5, 3), vec![2008, 2013, 2018]);
        assert_eq!(last_origins(2024, 5, 1, 3), vec![2009, 2014, 2019]);
    }

    #[test]
    fn panel_forecast_steps_in_the_series_spacing() {
        let years = vec![1990, 1995, 2000, 2005, 2010, 2015, 2020, 2024];
        let panel: Vec<Series> = (0..3)
            .map(|i| Series {
                name: format!("s{i}"),
                group: "IMM".into(),
                years: years.clone(),
                values: (0..8).map(|t| 1000.0 + 100.0 * t as f64 + 10.0 * i as f64).collect(),
            })
            .collect();
        let out = forecast_panel(&panel, &Settings::standard(1), 8);
        assert_eq!(out.len(), 3);
        assert_eq!(out[0].years, vec![2029]);
        // A steady rise: drift beats persistence on the earlier origins and continues it.
        assert_eq!(out[0].method, Method::Drift, "{out:?}");
        assert!((out[0].forecast.point[0] - 1800.0).abs() < 1e-9);
    }
}
