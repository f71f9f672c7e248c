//! Line charts with projections and uncertainty bands.

use crate::frame::{BAND_OPACITY, BASELINE, Ctx, DASH, INK, LegendItem, Swatch, axis_title, include_zero, tick_target, w};
use crate::svg::{N, Path, polyline};
use crate::text::{truncate, width};
use crate::ticks::{nice_axis, thin_labels, thin_years};
use crate::{Band, LineChart, LineSeries};
use std::fmt::Write;

/// Background of the projection period: visible next to white, yet no contrast to text on it.
const FORECAST_BG: &str = "#f0f0f0";

fn value(s: &LineSeries, i: usize) -> Option<f64> {
    s.values.get(i).copied().flatten().filter(|v| v.is_finite())
}

fn bound(b: &Band, i: usize) -> Option<(f64, f64)> {
    let (lo, hi) = b.bounds.get(i).copied().flatten()?;
    (lo.is_finite() && hi.is_finite()).then_some(if lo <= hi { (lo, hi) } else { (hi, lo) })
}

/// Looks of band `j` when the bands of a series are drawn outermost first: each adds its
/// opacity on top of the ones before.
fn stacked_opacity(j: usize) -> f64 {
    1.0 - (1.0 - BAND_OPACITY).powi(j as i32 + 1)
}

pub(crate) fn render(c: &LineChart, cx: &mut Ctx<'_>) {
    cx.begin(&c.title, &c.alt);
    let n = c
        .series
        .iter()
        .flat_map(|s| std::iter::once(s.values.len()).chain(s.bands.iter().map(|b| b.bounds.len())))
        .fold(c.x_labels.len(), usize::max);

    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for s in &c.series {
        for i in 0..n {
            for v in value(s, i).into_iter().chain(s.bands.iter().filter_map(|b| bound(b, i)).flat_map(|(a, b)| [a, b])) {
                lo = lo.min(v);
                hi = hi.max(v);
            }
        }
    }

    let mut legend = Vec::new();
    let any_band_label = c.series.iter().any(|s| s.bands.iter().any(|b| !b.label.trim().is_empty()));
    // Always a legend, even for one line: it names what is drawn (the indicator or its source).
    if !c.series.is_empty() || any_band_label {
        for (k, s) in c.series.iter().enumerate() {
            if !s.name.trim().is_empty() {
                legend.push(LegendItem { swatch: Swatch::Line { color: k, dashed: s.dashed }, label: s.name.trim().to_owned() });
            }
            for (j, b) in s.bands.iter().enumerate() {
                if !b.label.trim().is_empty() {
                    legend.push(LegendItem {
                        swatch: Swatch::Band { color: k, opacity: stacked_opacity(j) },
                        label: b.label.trim().to_owned(),
                    });
                }
            }
        }
    }
    let (top, bottom) = cx.decor(&c.title, &legend, &c.source);
    if lo > hi {
        return;
    }
    // A single value gets an axis from zero, so its dot does not float on a 10 % window.
    let (lo, hi) = if lo == hi { (lo.min(0.0), hi.max(0.0)) } else { include_zero(lo, hi) };
    let (fs, pad) = (cx.fs, cx.pad);

    let y_label = c.y_label.trim();
    let forecast = c.forecast_from.filter(|&f| f < n);
    let forecast_label = forecast.and(c.forecast_label.as_deref()).map(str::trim).filter(|l| !l.is_empty());
    let title_row = !y_label.is_empty() || forecast_label.is_some();
    let plot_top = top + if title_row { fs * 1.4 } else { 0.0 } + fs * 0.5;
    let plot_bottom = (bottom - fs * 1.7).max(plot_top + 10.0);
    let plot_h = plot_bottom - plot_top;

    let axis = nice_axis(lo, hi, tick_target(plot_h, fs));
    let tick_w = axis.ticks.iter().map(|&t| width(&cx.label(t), fs, false)).fold(0.0, f64::max);
    let labels: Vec<&str> = (0..n).map(|i| c.x_labels.get(i).map_or("", |s| s.trim())).collect();
    let label_w = labels.iter().map(|l| width(l, fs, false)).fold(0.0, f64::max).min(cx.w / 4.0);
    // The first category label is centred on the left edge of the plot and must not be cut.
    let first_w = labels.first().map_or(0.0, |l| width(l, fs, false)).min(label_w);
    let x0 = (pad + tick_w + fs * 0.4).max(pad + first_w / 2.0).min(cx.w / 2.0);
    let x1 = (cx.w - pad.max(label_w / 2.0 + 4.0)).max(x0 + 10.0);
    let plot_w = x1 - x0;
    // Years are placed by their value, so 1991→2006 is wider than 2006→2012.
    let years = time_axis(&labels);
    let xp = |i: usize| match &years {
        _ if n <= 1 => (x0 + x1) / 2.0,
        Some(y) => x0 + (y[i] - y[0]) / (y[n - 1] - y[0]) * plot_w,
        None => x0 + i as f64 * plot_w / (n - 1) as f64,
    };
    let yp = |v: f64| plot_bottom - axis.frac(v).clamp(0.0, 1.0) * plot_h;

    let fx = forecast.map(|f| xp(f.saturating_sub(1)));
    if let Some(fx) = fx {
        w!(cx.out, r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{FORECAST_BG}"/>"#, N(fx), N(plot_top), N(x1 - fx), N(plot_h));
        if forecast != Some(0) {
            let mut divider = Path::default();
            divider.raw(format_args!("M{} {}V{}", N(fx), N(plot_top), N(plot_bottom)));
            cx.stroke(&divider, "#999");
        }
    }

    cx.y_axis(&axis, x0, x1, &yp);

    // The unit goes above the value labels; the projection label above the shaded area,
    // unless the unit is in the way.
    let row_baseline = top + fs * 0.95;
    let mut y_label_max = cx.w - 2.0 * pad;
    if let (Some(label), Some(fx)) = (forecast_label, fx) {
        let y_label_end = pad + width(y_label, fs, false) + fs;
        let room = x1 - fx - fs * 0.3;
        let (label, _) = truncate(label, room, fs * 0.85, false);
        let attrs = format!(r#" font-size="{}" fill="{INK}""#, N((fs * 0.85).round()));
        if y_label_end <= fx || y_label.is_empty() {
            y_label_max = fx - pad - fs;
            cx.text(fx + fs * 0.3, row_baseline, &label, &attrs);
        } else {
            cx.text(fx + fs * 0.3, plot_top + fs, &label, &attrs);
        }
    }
    axis_title(cx, pad, row_baseline, y_label, y_label_max);

    let spacing = if n > 1 { plot_w / (n - 1) as f64 } else { plot_w };
    let shown = match &years {
        Some(y) => {
            let pos: Vec<f64> = (0..n).map(xp).collect();
            let widths: Vec<f64> = labels.iter().map(|l| width(l, fs, false)).collect();
            thin_years(y, &pos, &widths, fs * 0.5)
        }
        None => thin_labels(&labels, spacing, label_w + fs),
    };
    let mut ticks = Path::default();
    for &i in &shown {
        ticks.raw(format_args!("M{} {}v4", N(xp(i)), N(plot_bottom)));
    }
    cx.stroke(&ticks, BASELINE);
    let step_w = match shown.as_slice() {
        _ if years.is_some() => label_w,
        [a, b, ..] => (b - a) as f64 * spacing - fs * 0.5,
        _ => cx.w - 2.0 * pad,
    };
    w!(cx.out, r#"<g text-anchor="middle" fill="{INK}">"#);
    for &i in &shown {
        let (label, _) = truncate(labels[i], step_w.max(label_w), fs, false);
        cx.text(xp(i), plot_bottom + 4.0 + fs * 1.1, &label, "");
    }
    cx.out.push_str("</g>");

    for (k, s) in c.series.iter().enumerate() {
        let color = cx.color(k);
        for b in &s.bands {
            let d = band_path(b, n, &xp, &yp);
            if !d.is_empty() {
                w!(cx.out, r#"<path d="{}" fill="{color}" fill-opacity="{}"/>"#, d.as_str(), crate::frame::Opacity(BAND_OPACITY));
            }
        }
    }

    w!(cx.out, r#"<g fill="none" stroke-width="2" stroke-linejoin="round">"#);
    let mut dots = String::new();
    for (k, s) in c.series.iter().enumerate() {
        let color = cx.color(k);
        let point = |i: usize| value(s, i).map(|v| (xp(i), yp(v)));
        // Projected segments start at the last observed point so the line stays continuous.
        let split = match (s.dashed, forecast) {
            (true, _) => 0,
            (false, Some(f)) => f,
            (false, None) => n,
        };
        let solid = polyline((0..split).map(point));
        let dashed = polyline((split.saturating_sub(1)..n).map(point));
        if !solid.is_empty() {
            w!(cx.out, r#"<path d="{}" stroke="{color}"/>"#, solid.as_str());
        }
        if !dashed.is_empty() {
            w!(cx.out, r#"<path d="{}" stroke="{color}" stroke-dasharray="{DASH}"/>"#, dashed.as_str());
        }
        for i in 0..n {
            let alone = (i == 0 || value(s, i - 1).is_none()) && value(s, i + 1).is_none();
            if let (true, Some((x, y))) = (alone, point(i)) {
                w!(dots, r#"<circle cx="{}" cy="{}" r="3" fill="{color}"/>"#, N(x), N(y));
            }
            // A flagged point is circled, so it stands out from the line it sits on.
            if let (true, Some((x, y))) = (s.marked.get(i).copied().unwrap_or(false), point(i)) {
                w!(dots, r#"<circle cx="{}" cy="{}" r="5" fill="none" stroke="{INK}" stroke-width="1.5"/>"#, N(x), N(y));
            }
        }
    }
    cx.out.push_str("</g>");
    cx.out.push_str(&dots);

    // One value is a fact, not a trend: it is written beside its dot.
    let points: Vec<(usize, f64)> = c.series.iter().flat_map(|s| (0..n).filter_map(move |i| value(s, i).map(|v| (i, v)))).collect();
    if let [(i, v)] = points.as_slice() {
        let label = cx.label(*v);
        let attrs = format!(r#" text-anchor="middle" font-weight="bold" fill="{INK}""#);
        cx.text(xp(*i), (yp(*v) - fs * 0.6).max(plot_top + fs), &label, &attrs);
    }
}

/// The years of labels that are all years in increasing order (at least two), else `None`.
fn time_axis(labels: &[&str]) -> Option<Vec<f64>> {
    let years: Vec<f64> =
        labels.iter().map(|l| l.parse::<i32>().ok().filter(|y| (1000..=3000).contains(y)).map(f64::from)).collect::<Option<_>>()?;
    (years.len() >= 2 && years.windows(2).all(|w| w[0] < w[1])).then_some(years)
}

/// Closed outlines of the band's runs of consecutive bounds: upper edge forward, lower back.
fn band_path(b: &Band, n: usize, xp: &dyn Fn(usize) -> f64, yp: &dyn Fn(f64) -> f64) -> Path {
    let mut path = Path::default();
    let mut i = 0;
    while i < n {
        let start = i;
        while i < n && bound(b, i).is_some() {
            i += 1;
        }
        if i - start >= 2 {
            for j in start..i {
                if let Some((_, hi)) = bound(b, j) {
                    path.line_to(xp(j), yp(hi));
                }
            }
            for j in (start..i).rev() {
                if let Some((lo, _)) = bound(b, j) {
                    path.line_to(xp(j), yp(lo));
                }
            }
            path.close();
        }
        i += 1;
    }
    path
}
