//! Robust outlier tests that do not assume normal data: a naive z-score (mean ± 3 standard
//! deviations) is pulled by the very outlier it looks for, flags the tail of skewed series and
//! every event of a series that is mostly zeros. Here:
//!
//! - [`modified_z`]: Iglewicz and Hoaglin's modified z-score, 0.6745 (x − median) / MAD, flagged
//!   above 3.5; on the log scale when every value is positive (counts, money and populations grow
//!   by ratios, so their spread is skewed); zeros of a mostly-zero series are a state of their own
//!   and only the non-zero values are tested;
//! - [`hampel`]: the same test in a moving window (median ± t × 1.4826 MAD of the neighbours);
//! - [`log_jumps`]: year-on-year changes on the log scale (a tripling and a fall to a third are
//!   the same size);
//! - [`vintage_breaks`]: revisions between two vintages of one source.
//!
//! Every flag says why, with the numbers.

use crate::figure::Figure;
use crate::rules::num;
use mp_domain::Framework;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Which test raised a flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Modified z-score over the whole series.
    ModifiedZ,
    /// Hampel filter (moving window).
    Hampel,
    /// Year-on-year jump on the log scale.
    LogJump,
    /// Revision between two vintages.
    VintageBreak,
}

impl Method {
    /// Short name.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::ModifiedZ => "modified_z",
            Method::Hampel => "hampel",
            Method::LogJump => "log_jump",
            Method::VintageBreak => "vintage_break",
        }
    }
}

/// One flagged point.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Flag {
    /// Position in the series given.
    pub index: usize,
    /// The test.
    pub method: Method,
    /// The value flagged.
    pub value: f64,
    /// The test statistic (modified z, Hampel distance in MADs, log change, relative revision).
    pub score: f64,
    /// Why, with the numbers.
    pub reason: String,
}

/// The median; `None` for an empty slice.
pub fn median(xs: &[f64]) -> Option<f64> {
    if xs.is_empty() {
        return None;
    }
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 })
}

/// The median absolute deviation from the median (unscaled).
pub fn mad(xs: &[f64]) -> Option<f64> {
    let m = median(xs)?;
    median(&xs.iter().map(|x| (x - m).abs()).collect::<Vec<_>>())
}

/// Threshold of the modified z-score recommended by Iglewicz and Hoaglin (1993).
pub const MODIFIED_Z_THRESHOLD: f64 = 3.5;

fn log_scale(xs: &[f64]) -> bool {
    !xs.is_empty() && xs.iter().all(|x| *x > 0.0)
}

/// Modified z-scores over a series, flagged above `threshold` (3.5 by convention).
pub fn modified_z(values: &[f64], threshold: f64) -> Vec<Flag> {
    // Zeros in a mostly-zero series (no event that year) are not deviations: test the rest.
    let zeros = values.iter().filter(|v| **v == 0.0).count();
    let idx: Vec<usize> =
        if zeros * 2 > values.len() { (0..values.len()).filter(|i| values[*i] != 0.0).collect() } else { (0..values.len()).collect() };
    if idx.len() < 4 {
        return Vec::new();
    }
    let raw: Vec<f64> = idx.iter().map(|i| values[*i]).collect();
    let log = log_scale(&raw);
    let xs: Vec<f64> = if log { raw.iter().map(|x| x.ln()).collect() } else { raw.clone() };
    let (Some(m), Some(d)) = (median(&xs), mad(&xs)) else { return Vec::new() };
    // MAD = 0 (more than half the values equal): Iglewicz and Hoaglin's fallback on the mean
    // absolute deviation; if that is 0 too, every value is the same and nothing stands out.
    let (scale, what) = if d > 0.0 {
        (d / 0.6745, "MAD")
    } else {
        let mean_ad = xs.iter().map(|x| (x - m).abs()).sum::<f64>() / xs.len() as f64;
        if mean_ad == 0.0 {
            return Vec::new();
        }
        (1.253314 * mean_ad, "mean absolute deviation (MAD is 0)")
    };
    let mut out = Vec::new();
    for (k, i) in idx.iter().enumerate() {
        let z = (xs[k] - m) / scale;
        if z.abs() > threshold {
            let centre = if log { m.exp() } else { m };
            out.push(Flag {
                index: *i,
                method: Method::ModifiedZ,
                value: values[*i],
                score: z,
                reason: format!(
                    "modified z-score {:.1} (|z| > {threshold}): {} against a median of {}{}, scaled by the {what}",
                    z,
                    num(values[*i]),
                    num(centre),
                    if log { " on the log scale" } else { "" }
                ),
            });
        }
    }
    out
}

/// Hampel filter: each point against the median of the `half` points either side (the point
/// excluded), flagged beyond `t` × 1.4826 × MAD of the window; on the log scale when every value
/// is positive. A window whose MAD is 0 gives no scale and raises no flag.
pub fn hampel(values: &[f64], half: usize, t: f64) -> Vec<Flag> {
    let log = log_scale(values);
    let xs: Vec<f64> = if log { values.iter().map(|x| x.ln()).collect() } else { values.to_vec() };
    let mut out = Vec::new();
    for i in 0..xs.len() {
        let lo = i.saturating_sub(half);
        let hi = (i + half + 1).min(xs.len());
        let w: Vec<f64> = (lo..hi).filter(|j| *j != i).map(|j| xs[j]).collect();
        if w.len() < 2 * half.min(2) {
            continue;
        }
        let (Some(m), Some(d)) = (median(&w), mad(&w)) else { continue };
        let sigma = 1.4826 * d;
        if sigma == 0.0 {
            continue;
        }
        let dist = (xs[i] - m) / sigma;
        if dist.abs() > t {
            out.push(Flag {
                index: i,
                method: Method::Hampel,
                value: values[i],
                score: dist,
                reason: format!(
                    "{} is {:.1} robust standard deviations from the median of its {} neighbours ({}){}",
                    num(values[i]),
                    dist.abs(),
                    w.len(),
                    num(if log { m.exp() } else { m }),
                    if log { ", on the log scale" } else { "" }
                ),
            });
        }
    }
    out
}

/// Jumps between consecutive points by more than `factor` (×3 or ÷3 with 3.0) on the log scale;
/// `labels` name the points (periods). Zeros and negatives have no logarithm and are skipped.
pub fn log_jumps(values: &[f64], labels: &[String], factor: f64) -> Vec<Flag> {
    let limit = factor.ln();
    let mut out = Vec::new();
    for i in 1..values.len() {
        let (a, b) = (values[i - 1], values[i]);
        if a <= 0.0 || b <= 0.0 {
            continue;
        }
        let d = (b / a).ln();
        if d.abs() > limit {
            let name = |k: usize| labels.get(k).cloned().unwrap_or_else(|| format!("#{k}"));
            out.push(Flag {
                index: i,
                method: Method::LogJump,
                value: b,
                score: d,
                reason: format!(
                    "{} from {} ({}) to {} ({}): ×{:.2}, beyond ×{factor} or ÷{factor}",
                    if d > 0.0 { "jump" } else { "fall" },
                    name(i - 1),
                    num(a),
                    name(i),
                    num(b),
                    (b / a)
                ),
            });
        }
    }
    out
}

/// Revisions between an older and a newer vintage of one series, matched by label (period):
/// each period revised by more than `rel` (a share, 0.1 = 10 %) is flagged, index into `new`.
pub fn vintage_breaks(old: &[(String, f64)], new: &[(String, f64)], rel: f64, old_name: &str, new_name: &str) -> Vec<Flag> {
    let mut out = Vec::new();
    for (i, (label, v)) in new.iter().enumerate() {
        let Some((_, o)) = old.iter().find(|(l, _)| l == label) else { continue };
        let base = o.abs().max(v.abs());
        if base == 0.0 {
            continue;
        }
        let r = (v - o) / o.abs().max(f64::MIN_POSITIVE);
        if (v - o).abs() / base > rel {
            out.push(Flag {
                index: i,
                method: Method::VintageBreak,
                value: *v,
                score: r,
                reason: format!(
                    "{label}: {} in {new_name}, {} in {old_name} ({}{:.1} %)",
                    num(*v),
                    num(*o),
                    if r >= 0.0 { "+" } else { "" },
                    r * 100.0
                ),
            });
        }
    }
    out
}

/// Series of counts whose median is below this are not tested: sources round small counts (to
/// 5 for Eurostat) and a handful of people moves them by multiples.
const SMALL_COUNTS: f64 = 100.0;

/// Every outlier flag over every annual series (dataset × indicator × area × dimensions).
pub fn series_outliers(fw: &Framework, figs: &[Figure]) -> Vec<(Figure, Flag)> {
    let mut series: BTreeMap<(String, String, String, String), Vec<&Figure>> = BTreeMap::new();
    for f in figs.iter().filter(|f| matches!(f.period, mp_domain::Period::Year(_))) {
        series.entry((f.dataset.to_string(), f.indicator.to_string(), f.area.to_string(), f.dims.to_string())).or_default().push(f);
    }
    let mut out = Vec::new();
    for (_, mut s) in series {
        if s.len() < 5 {
            continue;
        }
        s.sort_by_key(|f| f.period);
        let values: Vec<f64> = s.iter().map(|f| f.value).collect();
        let counts = fw.indicator(&s[0].indicator).is_some_and(|i| matches!(i.unit.as_str(), "persons" | "persons_per_year" | "count"));
        if counts && median(&values).is_some_and(|m| m < SMALL_COUNTS) {
            continue;
        }
        let labels: Vec<String> = s.iter().map(|f| f.period.to_string()).collect();
        let mut flags = modified_z(&values, MODIFIED_Z_THRESHOLD);
        flags.extend(hampel(&values, 3, 3.0));
        flags.extend(log_jumps(&values, &labels, 3.0));
        for fl in flags {
            out.push((s[fl.index].clone(), fl));
        }
    }
    out
}

/// A series in the newer vintage (labelled values and their figures) and in the older one.
type VintagePair<'a> = (Vec<(String, f64)>, Vec<&'a Figure>, Vec<(String, f64)>);

/// Revisions above 10 % between the two newest vintages of each source, per series.
pub fn vintage_revisions(figs: &[Figure]) -> Vec<(Figure, Flag)> {
    let mut vintages: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for f in figs {
        vintages.entry(&f.dataset.source).or_default().insert(&f.dataset.vintage);
    }
    let mut out = Vec::new();
    for (src, vs) in vintages {
        let vs: Vec<&str> = vs.into_iter().rev().take(2).collect();
        let [new, old] = vs[..] else { continue };
        let mut series: BTreeMap<(String, String, String), VintagePair> = BTreeMap::new();
        for f in figs.iter().filter(|f| f.dataset.source == src) {
            let e = series.entry((f.indicator.to_string(), f.area.to_string(), f.dims.to_string())).or_default();
            if f.dataset.vintage == new {
                e.0.push((f.period.to_string(), f.value));
                e.1.push(f);
            } else if f.dataset.vintage == old {
                e.2.push((f.period.to_string(), f.value));
            }
        }
        for (newer, figs_new, older) in series.values() {
            for fl in vintage_breaks(older, newer, 0.1, &format!("{src}@{old}"), &format!("{src}@{new}")) {
                out.push((figs_new[fl.index].clone(), fl));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The naive test the module replaces: |x − mean| > 3 standard deviations.
    fn naive_z(xs: &[f64]) -> Vec<usize> {
        let n = xs.len() as f64;
        let mean = xs.iter().sum::<f64>() / n;
        let sd = (xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
        (0..xs.len()).filter(|i| ((xs[*i] - mean) / sd).abs() > 3.0).collect()
    }

    #[test]
    fn median_and_mad() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(&[]), None);
        assert_eq!(mad(&[1.0, 1.0, 2.0, 2.0, 4.0, 6.0, 9.0]), Some(1.0));
    }

    #[test]
    fn skewed_series_is_not_misflagged() {
        // A right-skewed series of counts: the naive z-score flags its largest value, which on
        // the ratio scale such counts live on is an ordinary member of the tail.
        let xs = [1.0, 1.0, 1.0, 2.0, 2.0, 2.0, 2.0, 3.0, 3.0, 3.0, 4.0, 4.0, 5.0, 5.0, 6.0, 7.0, 8.0, 10.0, 12.0, 40.0];
        assert_eq!(naive_z(&xs), vec![19]);
        assert!(modified_z(&xs, MODIFIED_Z_THRESHOLD).is_empty());
    }

    #[test]
    fn zero_heavy_series_is_not_misflagged() {
        // Mostly years without an event, then one small event: naive z flags it, the zeros are
        // a state of their own here and one event is not an outlier.
        let xs = [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 2.0];
        assert_eq!(naive_z(&xs), vec![11]);
        assert!(modified_z(&xs, MODIFIED_Z_THRESHOLD).is_empty());
        assert!(hampel(&xs, 3, 3.0).is_empty());
        // Events of similar size among zeros: none stands out; a hundredfold one does.
        let ys = [0.0, 3.0, 0.0, 0.0, 4.0, 0.0, 5.0, 0.0, 0.0, 4.0, 0.0, 0.0, 3.0, 400.0];
        let f = modified_z(&ys, MODIFIED_Z_THRESHOLD);
        assert_eq!(f.iter().map(|f| f.index).collect::<Vec<_>>(), vec![13], "{f:?}");
    }

    #[test]
    fn masked_outlier_is_found() {
        // The outlier inflates the standard deviation so much that the naive test misses it.
        let xs = [10.0, 10.5, 9.8, 10.2, 10.1, 9.9, 1000.0];
        assert!(naive_z(&xs).is_empty());
        let f = modified_z(&xs, MODIFIED_Z_THRESHOLD);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].index, 6);
        assert!(f[0].reason.contains("1000") && f[0].reason.contains("median"), "{}", f[0].reason);
    }

    #[test]
    fn hampel_finds_a_spike_in_a_trend() {
        // A growing series with one year ten times its neighbours: the whole-series test sees a
        // trend, the moving window sees the spike.
        let xs = [100.0, 110.0, 121.0, 133.0, 1460.0, 161.0, 177.0, 195.0, 214.0, 236.0];
        let f = hampel(&xs, 3, 3.0);
        assert_eq!(f.iter().map(|f| f.index).collect::<Vec<_>>(), vec![4], "{f:?}");
        assert!(f[0].reason.contains("1460"));
    }

    #[test]
    fn log_jumps_are_symmetric() {
        let labels: Vec<String> = (2015..2020).map(|y| y.to_string()).collect();
        let xs = [100.0, 120.0, 400.0, 130.0, 0.0];
        let f = log_jumps(&xs, &labels, 3.0);
        assert_eq!(f.iter().map(|f| f.index).collect::<Vec<_>>(), vec![2, 3]);
        assert!(f[0].reason.starts_with("jump from 2016 (120) to 2017 (400)"), "{}", f[0].reason);
        assert!(f[1].reason.starts_with("fall from 2017 (400) to 2018 (130)"), "{}", f[1].reason);
    }

    #[test]
    fn vintage_revisions_above_the_threshold() {
        let old = vec![("2015".to_string(), 1000.0), ("2020".to_string(), 2000.0)];
        let new = vec![("2015".to_string(), 1020.0), ("2020".to_string(), 2600.0), ("2024".to_string(), 3000.0)];
        let f = vintage_breaks(&old, &new, 0.1, "undesa-ims@2020", "undesa-ims@2024");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].reason, "2020: 2600 in undesa-ims@2024, 2000 in undesa-ims@2020 (+30.0 %)");
    }
}
