//! "Nice" value axes (1-2-5 steps) and category label thinning.

/// A value axis: its domain and the tick values inside it, lowest first.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Axis {
    pub min: f64,
    pub max: f64,
    pub ticks: Vec<f64>,
}

impl Axis {
    /// Position of `v` in the domain, 0 at `min` and 1 at `max`.
    pub fn frac(&self, v: f64) -> f64 {
        // Halving first keeps the arithmetic finite for domains near ±f64::MAX.
        let span = self.max * 0.5 - self.min * 0.5;
        if span > 0.0 { (v * 0.5 - self.min * 0.5) / span } else { 0.5 }
    }

    /// Whether zero lies strictly inside the domain, so that a zero line means something.
    pub fn spans_zero(&self) -> bool {
        self.min < 0.0 && self.max > 0.0
    }
}

/// An axis with about `target` intervals of 1, 2 or 5 × 10ⁿ covering `lo..=hi`.
pub(crate) fn nice_axis(lo: f64, hi: f64, target: usize) -> Axis {
    if !lo.is_finite() || !hi.is_finite() {
        return plain_axis(0.0, 1.0);
    }
    let (mut lo, mut hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
    if lo == hi {
        // A flat series sits in the middle of the plot rather than on its edge.
        if lo == 0.0 {
            hi = 1.0;
        } else {
            let d = lo.abs() * 0.1;
            lo -= d;
            hi += d;
        }
        if lo == hi {
            return plain_axis(0.0, 1.0);
        }
    }
    let span = hi - lo;
    if !span.is_finite() {
        return plain_axis(lo, hi);
    }
    let raw = span / target.clamp(1, 20) as f64;
    let exp = raw.log10().floor() as i32;
    let unit = pow10(exp);
    if !(unit.is_finite() && unit > 0.0) {
        return plain_axis(lo, hi);
    }
    // Thresholds are the geometric means of 1, 2, 5 and 10, so the tick count stays near target.
    let f = raw / unit;
    let (mult, exp) = if f < std::f64::consts::SQRT_2 {
        (1, exp)
    } else if f < 10f64.sqrt() {
        (2, exp)
    } else if f < 50f64.sqrt() {
        (5, exp)
    } else {
        (1, exp + 1)
    };
    let step = mult as f64 * pow10(exp);
    // The epsilon absorbs 0.3 / 0.1 = 2.9999999999999996.
    let kmin = (lo / step + 1e-9).floor();
    let kmax = (hi / step - 1e-9).ceil();
    if !(kmin.is_finite() && kmax.is_finite()) || kmin.abs() > 1e15 || kmax.abs() > 1e15 || kmax - kmin > 200.0 {
        return plain_axis(lo, hi);
    }
    let (kmin, kmax) = (kmin as i64, (kmax as i64).max(kmin as i64 + 1));
    let ticks: Vec<f64> = (kmin..=kmax).map(|k| scaled(k * mult, exp)).collect();
    match (ticks.first(), ticks.last()) {
        (Some(&min), Some(&max)) if min.is_finite() && max.is_finite() && min < max && min <= lo && max >= hi => Axis { min, max, ticks },
        _ => plain_axis(lo, hi),
    }
}

/// The last resort for domains the 1-2-5 search cannot handle (overflowing or subnormal).
fn plain_axis(lo: f64, hi: f64) -> Axis {
    if lo < hi { Axis { min: lo, max: hi, ticks: vec![lo, hi] } } else { Axis { min: 0.0, max: 1.0, ticks: vec![0.0, 1.0] } }
}

fn pow10(exp: i32) -> f64 {
    10f64.powi(exp)
}

/// `n × 10^exp`, dividing for negative exponents because 3 / 10 is exactly the double nearest
/// 0.3 while 3 × 0.1 is not, and callers format tick values as they are.
fn scaled(n: i64, exp: i32) -> f64 {
    if exp >= 0 { n as f64 * pow10(exp) } else { n as f64 / pow10(-exp) }
}

/// Indices of the category labels to draw so that labels `min_gap` apart (centre to centre, in
/// units of `spacing`) never overlap; steps are 1-2-5 and, for year-like labels, land on round
/// values (1960, 1980… rather than 1953, 1973…).
pub(crate) fn thin_labels<S: AsRef<str>>(labels: &[S], spacing: f64, min_gap: f64) -> Vec<usize> {
    let n = labels.len();
    if n == 0 {
        return Vec::new();
    }
    if n == 1 || spacing <= 0.0 || !spacing.is_finite() || !min_gap.is_finite() {
        return vec![0];
    }
    let need = (min_gap / spacing).max(1.0);
    let step = label_steps().find(|&k| k as f64 >= need || k >= n).unwrap_or(n);
    let offset = year_offset(labels, step).unwrap_or(0);
    let mut shown: Vec<usize> = (offset..n).step_by(step).collect();
    // The latest period matters most in a profile: show it when it fits.
    if let Some(&last) = shown.last()
        && last != n - 1
        && (n - 1 - last) as f64 * spacing >= min_gap
    {
        shown.push(n - 1);
    }
    shown
}

/// Indices of year labels placed at `pos` (centres) with drawn `widths`, such that no two
/// drawn labels come closer than `gap`: all of them when they fit, else those on a round year
/// step (every 5, 10, 20… years), and the latest year when it fits.
pub(crate) fn thin_years(years: &[f64], pos: &[f64], widths: &[f64], gap: f64) -> Vec<usize> {
    let n = years.len().min(pos.len()).min(widths.len());
    let fits = |a: usize, b: usize| (pos[b] - pos[a]).abs() >= (widths[a] + widths[b]) / 2.0 + gap;
    let greedy = |candidates: &mut dyn Iterator<Item = usize>| {
        let mut kept: Vec<usize> = Vec::new();
        for i in candidates {
            if kept.last().is_none_or(|&k| fits(k, i)) {
                kept.push(i);
            }
        }
        kept
    };
    if n == 0 {
        return Vec::new();
    }
    if (1..n).all(|i| fits(i - 1, i)) {
        return (0..n).collect();
    }
    let mut best = vec![0];
    for step in label_steps().skip(1).take_while(|&s| s <= 1000) {
        let step = step as f64;
        let mut on_step = (0..n).filter(|&i| years[i].rem_euclid(step) == 0.0);
        let kept = greedy(&mut on_step);
        // A step whose round years had to be skipped for lack of room is too dense.
        let all_round = (0..n).filter(|&i| years[i].rem_euclid(step) == 0.0).count();
        if kept.len() >= 2 && kept.len() == all_round {
            best = kept;
            break;
        }
    }
    if best.len() < 2 {
        best = greedy(&mut (0..n));
    }
    if let Some(&last) = best.last()
        && last != n - 1
        && fits(last, n - 1)
    {
        best.push(n - 1);
    }
    best
}

fn label_steps() -> impl Iterator<Item = usize> {
    (0..18u32).flat_map(|e| {
        let p = 10usize.pow(e);
        [p, 2 * p, if p >= 10 { 25 * p / 10 } else { 2 * p }, 5 * p]
    })
}

/// For integer labels in arithmetic progression, the first index whose value is a multiple of
/// the value step.
fn year_offset<S: AsRef<str>>(labels: &[S], step: usize) -> Option<usize> {
    let values: Vec<i64> = labels.iter().map(|l| l.as_ref().trim().parse::<i64>().ok()).collect::<Option<_>>()?;
    let d = values.get(1)?.checked_sub(values[0])?;
    if d <= 0 || values.windows(2).any(|w| w[1].checked_sub(w[0]) != Some(d)) {
        return None;
    }
    let value_step = d.checked_mul(step as i64)?;
    (0..step.min(values.len())).find(|&i| values[i].rem_euclid(value_step) == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrant_stock_gets_round_ticks() {
        let a = nice_axis(0.0, 274_929.0, 5);
        assert_eq!(a.ticks, [0.0, 50e3, 100e3, 150e3, 200e3, 250e3, 300e3]);
        assert_eq!((a.min, a.max), (0.0, 300e3));
    }

    #[test]
    fn net_migration_below_zero() {
        let a = nice_axis(-12.0, 35.0, 5);
        assert_eq!(a.ticks, [-20.0, -10.0, 0.0, 10.0, 20.0, 30.0, 40.0]);
        assert!(a.spans_zero());
        let b = nice_axis(-52_000.0, -3_000.0, 4);
        assert!(b.min <= -52_000.0 && b.max >= -3_000.0);
        assert!(!b.spans_zero() || b.max > 0.0);
    }

    #[test]
    fn decimal_steps_are_exact() {
        let a = nice_axis(0.1, 0.7, 6);
        assert_eq!(a.ticks, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
        let b = nice_axis(0.0, 0.003, 3);
        assert_eq!(b.ticks, [0.0, 0.001, 0.002, 0.003]);
    }

    #[test]
    fn steps_are_one_two_five() {
        for (lo, hi, t) in [(0.0, 7.0, 5), (3.0, 97.0, 4), (-1e6, 2.5e6, 6), (1950.0, 2100.0, 5)] {
            let a = nice_axis(lo, hi, t);
            let step = a.ticks[1] - a.ticks[0];
            let mant = step / 10f64.powf(step.log10().floor());
            assert!([1.0, 2.0, 5.0].iter().any(|m| (mant - m).abs() < 1e-9), "{step} for {lo}..{hi}");
            assert!(a.min <= lo && a.max >= hi);
            assert!(a.ticks.len() >= 3 && a.ticks.len() <= 2 * t + 2, "{:?}", a.ticks);
        }
    }

    #[test]
    fn flat_and_degenerate_domains() {
        let flat = nice_axis(5.0, 5.0, 5);
        assert!(flat.min < 5.0 && flat.max > 5.0);
        let zero = nice_axis(0.0, 0.0, 5);
        assert_eq!((zero.min, zero.max), (0.0, 1.0));
        let nan = nice_axis(f64::NAN, 3.0, 5);
        assert_eq!((nan.min, nan.max), (0.0, 1.0));
        let swapped = nice_axis(10.0, 0.0, 5);
        assert_eq!((swapped.min, swapped.max), (0.0, 10.0));
    }

    #[test]
    fn extreme_magnitudes_stay_finite() {
        for (lo, hi) in
            [(-f64::MAX, f64::MAX), (0.0, f64::MAX), (0.0, 1e300), (1e-320, 2e-320), (5e-324, 5e-324), (1e20, 1e20 + 1.0), (-1e-12, 1e-12)]
        {
            let a = nice_axis(lo, hi, 5);
            assert!(a.min.is_finite() && a.max.is_finite() && a.min < a.max, "{lo}..{hi}");
            assert!(a.ticks.iter().all(|t| t.is_finite()));
            assert!(a.frac(lo).is_finite() && a.frac(hi).is_finite());
        }
    }

    #[test]
    fn frac_maps_the_domain_to_unit_interval() {
        let a = nice_axis(0.0, 100.0, 5);
        assert_eq!(a.frac(a.min), 0.0);
        assert_eq!(a.frac(a.max), 1.0);
        assert_eq!(a.frac(50.0), 0.5);
    }

    fn years(from: i64, to: i64, by: i64) -> Vec<String> {
        (from..=to).step_by(by as usize).map(|y| y.to_string()).collect()
    }

    #[test]
    fn years_thin_to_round_values() {
        let labels = years(1950, 2100, 1);
        let shown = thin_labels(&labels, 2.2, 36.0);
        let picked: Vec<&str> = shown.iter().map(|&i| labels[i].as_str()).collect();
        assert_eq!(picked, ["1960", "1980", "2000", "2020", "2040", "2060", "2080", "2100"]);
        let five = years(1990, 2020, 5);
        let shown = thin_labels(&five, 20.0, 36.0);
        let picked: Vec<&str> = shown.iter().map(|&i| five[i].as_str()).collect();
        assert_eq!(picked, ["1990", "2000", "2010", "2020"]);
    }

    #[test]
    fn latest_label_is_added_when_it_fits() {
        let labels = years(1990, 2024, 1);
        let shown = thin_labels(&labels, 10.0, 36.0);
        assert_eq!(shown.first(), Some(&0));
        assert_eq!(shown.last(), Some(&34));
        for w in shown.windows(2) {
            assert!((w[1] - w[0]) as f64 * 10.0 >= 36.0);
        }
    }

    #[test]
    fn sparse_years_all_fit_and_dense_ones_thin_to_round_steps() {
        let y = [1991.0, 2006.0, 2012.0];
        let pos = [0.0, 150.0, 210.0];
        assert_eq!(thin_years(&y, &pos, &[30.0; 3], 6.0), [0, 1, 2]);
        let y: Vec<f64> = (1990..=2024).map(f64::from).collect();
        let pos: Vec<f64> = (0..35).map(|i| i as f64 * 8.0).collect();
        let shown = thin_years(&y, &pos, &[30.0; 35], 6.0);
        let picked: Vec<f64> = shown.iter().map(|&i| y[i]).collect();
        assert_eq!(picked, [1990.0, 1995.0, 2000.0, 2005.0, 2010.0, 2015.0, 2020.0]);
        for w in shown.windows(2) {
            assert!(pos[w[1]] - pos[w[0]] >= 36.0);
        }
    }

    #[test]
    fn thinning_edge_cases() {
        assert!(thin_labels::<&str>(&[], 10.0, 10.0).is_empty());
        assert_eq!(thin_labels(&["a"], 0.0, 10.0), [0]);
        let many: Vec<String> = (0..10).map(|i| format!("c{i}")).collect();
        assert_eq!(thin_labels(&many, 50.0, 20.0).len(), 10);
        assert_eq!(thin_labels(&many, 0.01, 1e9), [0]);
        assert_eq!(thin_labels(&many, f64::NAN, 1.0), [0]);
    }
}
