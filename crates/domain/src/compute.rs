//! Pure computations the profiles use: shares, rates, top-N, changes.

/// `part / whole × 100`; `None` when the whole is zero.
pub fn share(part: f64, whole: f64) -> Option<f64> {
    (whole != 0.0).then(|| part / whole * 100.0)
}

/// `x / population × per` (per 1,000 or per 100,000); `None` when the population is zero.
pub fn rate(x: f64, population: f64, per: f64) -> Option<f64> {
    (population != 0.0).then(|| x / population * per)
}

/// Relative change from `old` to `new` in %; `None` when `old` is zero.
pub fn pct_change(old: f64, new: f64) -> Option<f64> {
    (old != 0.0).then(|| (new - old) / old.abs() * 100.0)
}

/// The `n` largest items by value, largest first; ties keep the input order.
pub fn top_n<K: Clone>(items: &[(K, f64)], n: usize) -> Vec<(K, f64)> {
    let mut v: Vec<(usize, &(K, f64))> = items.iter().enumerate().collect();
    v.sort_by(|a, b| b.1.1.total_cmp(&a.1.1).then(a.0.cmp(&b.0)));
    v.into_iter().take(n).map(|(_, x)| x.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basics() {
        assert_eq!(share(1.0, 4.0), Some(25.0));
        assert_eq!(share(1.0, 0.0), None);
        assert_eq!(rate(16_425.0, 17_651_099.0, 1000.0).map(|v| (v * 1000.0).round() / 1000.0), Some(0.931));
        assert_eq!(pct_change(100.0, 150.0), Some(50.0));
        let t = top_n(&[("a", 1.0), ("b", 3.0), ("c", 2.0), ("d", 3.0)], 3);
        assert_eq!(t.iter().map(|x| x.0).collect::<Vec<_>>(), ["b", "d", "c"]);
    }
}
