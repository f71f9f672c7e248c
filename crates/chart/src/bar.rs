//! Bar charts: vertical or horizontal, grouped or stacked.

use crate::BarChart;
use crate::frame::{Ctx, INK, LegendItem, Swatch, axis_title, tick_target, w};
use crate::svg::N;
use crate::text::{esc, truncate, width, wrap};
use crate::ticks::{Axis, nice_axis, thin_labels};
use std::fmt::Write;

/// Sine of the label angle: rotated category labels are drawn at 45°.
const SIN45: f64 = std::f64::consts::FRAC_1_SQRT_2;

/// One bar, or one segment of a stack, in value space.
struct Mark {
    cat: usize,
    series: usize,
    slot: usize,
    from: f64,
    to: f64,
    /// Flagged to readers: outlined in dashes.
    marked: bool,
}

/// A number written past the end of a bar (or stack).
struct ValueLabel {
    cat: usize,
    slot: usize,
    at: f64,
    text: String,
}

/// Position and thickness of bars along the category axis.
struct Slots {
    start: f64,
    band: f64,
    offset: f64,
    thick: f64,
}

impl Slots {
    fn new(start: f64, band: f64, slots: usize) -> Self {
        let slots = slots.max(1);
        let group = band * if slots == 1 { 0.7 } else { 0.8 };
        Self { start, band, offset: (band - group) / 2.0, thick: group / slots as f64 }
    }

    /// Start of bar `slot` in category `cat`.
    fn at(&self, cat: usize, slot: usize) -> f64 {
        self.start + cat as f64 * self.band + self.offset + slot as f64 * self.thick
    }

    fn center(&self, cat: usize) -> f64 {
        self.start + (cat as f64 + 0.5) * self.band
    }

    /// Thickness actually drawn: side-by-side bars keep a hairline of white between them.
    fn drawn(&self, slots: usize) -> f64 {
        if slots > 1 && self.thick > 4.0 { self.thick - 1.0 } else { self.thick }
    }
}

pub(crate) fn render(c: &BarChart, cx: &mut Ctx<'_>) {
    let n = c.series.iter().map(|s| s.values.len()).fold(c.categories.len(), usize::max);
    let slots = if c.stacked { 1 } else { c.series.len().max(1) };
    let value = |k: usize, i: usize| c.series[k].values.get(i).copied().flatten().filter(|v| v.is_finite());

    let mut marks = Vec::new();
    let mut labels = Vec::new();
    for i in 0..n {
        let (mut pos, mut neg) = (0.0, 0.0);
        for k in 0..c.series.len() {
            let Some(v) = value(k, i) else { continue };
            let (from, slot) = match (c.stacked, v >= 0.0) {
                (true, true) => (pos, 0),
                (true, false) => (neg, 0),
                (false, _) => (0.0, k),
            };
            let to: f64 = from + v;
            if !to.is_finite() {
                continue;
            }
            if c.stacked && v >= 0.0 {
                pos = to;
            } else if c.stacked {
                neg = to;
            } else {
                labels.push(ValueLabel { cat: i, slot, at: v, text: cx.label(v) });
            }
            let marked = c.series[k].marked.get(i).copied().unwrap_or(false);
            marks.push(Mark { cat: i, series: k, slot, from, to, marked });
        }
        if c.stacked {
            for total in [pos, neg] {
                if total != 0.0 {
                    labels.push(ValueLabel { cat: i, slot: 0, at: total, text: cx.label(total) });
                }
            }
        }
    }
    if !c.value_labels {
        labels.clear();
    }

    let legend: Vec<LegendItem> = if !c.series.is_empty() {
        c.series
            .iter()
            .enumerate()
            .filter(|(_, s)| !s.name.trim().is_empty())
            .map(|(k, s)| LegendItem { swatch: Swatch::Bar { color: k }, label: s.name.trim().to_owned() })
            .collect()
    } else {
        Vec::new()
    };
    if c.horizontal && !marks.is_empty() {
        // A short list would leave a blank gap above the source line: the drawing shrinks to
        // fit instead, which also saves screen height on a phone.
        let (top, below) = cx.measure_decor(&c.title, &legend, &c.source);
        let needed = top + horizontal_height(cx.fs, n, slots, &c.y_label) + below;
        cx.h = cx.h.min(needed.ceil());
    }
    cx.begin(&c.title, &c.alt);
    let (top, bottom) = cx.decor(&c.title, &legend, &c.source);
    if marks.is_empty() {
        return;
    }
    let lo = marks.iter().map(|m| m.to).fold(0.0, f64::min);
    let hi = marks.iter().map(|m| m.to).fold(0.0, f64::max);
    let names: Vec<&str> = (0..n).map(|i| c.categories.get(i).map_or("", |s| s.trim())).collect();
    let plot = Plot {
        marks: &marks,
        labels: &labels,
        names: &names,
        slots,
        stacked: c.stacked && c.series.len() > 1,
        lo,
        hi,
        top,
        bottom,
        y_label: c.y_label.trim(),
    };
    if c.horizontal {
        plot.horizontal(cx);
    } else {
        plot.vertical(cx);
    }
}

/// Everything the two orientations need.
struct Plot<'p> {
    marks: &'p [Mark],
    labels: &'p [ValueLabel],
    names: &'p [&'p str],
    slots: usize,
    stacked: bool,
    lo: f64,
    hi: f64,
    top: f64,
    bottom: f64,
    y_label: &'p str,
}

impl Plot<'_> {
    fn horizontal(&self, cx: &mut Ctx<'_>) {
        let (fs, pad) = (cx.fs, cx.pad);
        let n = self.names.len();
        let lfs = (fs * 0.85).round();

        let name_max = (cx.w - 2.0 * pad) * 0.4;
        // A long name goes on two lines when the bars leave room for them ("Royaume-Uni de /
        // Grande-Bretagne…"); only a name longer than two lines is cut.
        let room = ((self.bottom - horizontal_below(fs, self.y_label) - self.top) / n.max(1) as f64).min(max_band(fs, self.slots));
        let two_lines = room >= fs * 2.2;
        let names: Vec<(Vec<String>, bool)> = self
            .names
            .iter()
            .map(|s| {
                let (t, cut) = truncate(s, name_max, fs, false);
                if cut && two_lines {
                    let lines = wrap(s, name_max, fs, false, 2);
                    let cut = lines.last().is_some_and(|l| l.ends_with('…'));
                    (lines, cut)
                } else {
                    (vec![t.into_owned()], cut)
                }
            })
            .collect();
        let name_w = names.iter().flat_map(|(l, _)| l.iter()).map(|s| width(s, fs, false)).fold(0.0, f64::max);
        let x0 = if name_w > 0.0 { pad + name_w + fs * 0.5 } else { pad };

        let below = horizontal_below(fs, self.y_label);
        let plot_top = self.top + fs * 0.2;
        let avail = (self.bottom - below - plot_top).max(10.0);
        let band = (avail / n.max(1) as f64).min(max_band(fs, self.slots));
        let plot_bottom = plot_top + band * n as f64;
        let slots = Slots::new(plot_top, band, self.slots);

        let show_values = !self.labels.is_empty() && slots.thick >= lfs * 0.9;
        let reserve = |positive: bool| {
            if !show_values {
                return 0.0;
            }
            self.labels.iter().filter(|l| (l.at >= 0.0) == positive).map(|l| width(&l.text, lfs, false) + fs * 0.3).fold(0.0, f64::max)
        };
        let (res_left, res_right) = (reserve(false), reserve(true));

        let est_w = tick_label_width(cx, &nice_axis(self.lo, self.hi, 4));
        let vl = (x0 + res_left).max(pad + est_w / 2.0);
        let vr = (cx.w - pad - (est_w / 2.0 - res_right).max(0.0) - res_right).max(vl + 10.0);
        let axis = fitting_axis(cx, self.lo, self.hi, vr - vl);
        let xv = |v: f64| vl + axis.frac(v).clamp(0.0, 1.0) * (vr - vl);

        cx.x_axis(&axis, plot_top, plot_bottom, &xv);
        if !self.y_label.is_empty() {
            let (label, _) = truncate(self.y_label, cx.w - 2.0 * pad, fs, false);
            let attrs = format!(r#" text-anchor="end" fill="{INK}""#);
            cx.text(vr, plot_bottom + fs * 2.6, &label, &attrs);
        }

        w!(cx.out, r#"<g text-anchor="end">"#);
        for i in thin_labels(self.names, band, fs * 1.15) {
            let (lines, cut) = &names[i];
            let first = slots.center(i) + fs * 0.35 - (lines.len().saturating_sub(1)) as f64 * fs * 0.55;
            for (k, name) in lines.iter().enumerate() {
                let (x, y) = (N(x0 - fs * 0.5), N(first + k as f64 * fs * 1.1));
                // A cut name stays whole in a tooltip.
                let tooltip = if *cut && k == 0 { format!("<title>{}</title>", esc(self.names[i])) } else { String::new() };
                w!(cx.out, r#"<text x="{x}" y="{y}">{tooltip}{}</text>"#, esc(name));
            }
        }
        cx.out.push_str("</g>");

        self.bars(cx, |m| {
            let (a, b) = (xv(m.from), xv(m.to));
            (a.min(b), slots.at(m.cat, m.slot), (a - b).abs(), slots.drawn(self.slots))
        });

        if show_values {
            w!(cx.out, r#"<g font-size="{}" fill="{INK}">"#, N(lfs));
            for l in self.labels {
                let y = slots.at(l.cat, l.slot) + slots.thick / 2.0 + lfs * 0.35;
                if l.at >= 0.0 {
                    cx.text(xv(l.at) + fs * 0.3, y, &l.text, "");
                } else {
                    cx.text(xv(l.at) - fs * 0.3, y, &l.text, r#" text-anchor="end""#);
                }
            }
            cx.out.push_str("</g>");
        }
    }

    fn vertical(&self, cx: &mut Ctx<'_>) {
        let (fs, pad) = (cx.fs, cx.pad);
        let n = self.names.len();
        let lfs = (fs * 0.85).round();
        let title_row = if self.y_label.is_empty() { 0.0 } else { fs * 1.4 };
        let plot_top = self.top + title_row + fs * 0.5;

        // Category labels: side by side when they fit, thinned when they are numbers
        // (years), otherwise rotated.
        let name_w = self.names.iter().map(|s| width(s, fs, false)).fold(0.0, f64::max);
        let first_guess = {
            let plot_h = self.bottom - fs * 1.7 - plot_top;
            let axis = nice_axis(self.lo, self.hi, tick_target(plot_h, fs));
            pad + tick_label_width(cx, &axis) + fs * 0.4
        };
        let guess_band = (cx.w - pad - first_guess) / n.max(1) as f64;
        let numeric = self.names.iter().all(|s| s.is_empty() || s.parse::<f64>().is_ok());
        let rotate = name_w + fs * 0.5 > guess_band && !numeric;
        let rot_len = name_w.min((cx.h * 0.3) / SIN45);
        let label_area = if rotate { rot_len * SIN45 + fs * 0.9 + 4.0 } else { fs * 1.7 };
        let plot_bottom = (self.bottom - label_area).max(plot_top + 10.0);
        let plot_h = plot_bottom - plot_top;

        let axis = nice_axis(self.lo, self.hi, tick_target(plot_h, fs));
        let mut x0 = pad + tick_label_width(cx, &axis) + fs * 0.4;
        if rotate {
            // The first rotated label reaches down-left from its bar.
            x0 = x0.max(pad + rot_len * SIN45 - guess_band / 2.0);
        }
        let x1 = (cx.w - pad).max(x0 + 10.0);
        let band = (x1 - x0) / n.max(1) as f64;
        let slots = Slots::new(x0, band, self.slots);

        let fits = |l: &ValueLabel| width(&l.text, lfs, false) <= slots.thick + slots.offset;
        let show_values = !self.labels.is_empty() && self.labels.iter().all(fits);
        let reserve = |positive: bool| {
            let any = show_values && self.labels.iter().any(|l| (l.at >= 0.0) == positive);
            if any { lfs * 1.3 } else { 0.0 }
        };
        let vt = plot_top + reserve(true);
        let vb = plot_bottom - reserve(false);
        let yv = |v: f64| vb - axis.frac(v).clamp(0.0, 1.0) * (vb - vt);

        cx.y_axis(&axis, x0, x1, &yv);
        axis_title(cx, pad, self.top + fs * 0.95, self.y_label, cx.w - 2.0 * pad);

        if rotate {
            w!(cx.out, r#"<g text-anchor="end" fill="{INK}">"#);
            for i in thin_labels(self.names, band, fs * 1.6) {
                let (name, _) = truncate(self.names[i], rot_len, fs, false);
                let (x, y) = (N(slots.center(i) + fs * 0.3), N(plot_bottom + fs * 0.8));
                w!(cx.out, r#"<text x="{x}" y="{y}" transform="rotate(-45 {x} {y})">{}</text>"#, esc(&name));
            }
        } else {
            w!(cx.out, r#"<g text-anchor="middle" fill="{INK}">"#);
            for i in thin_labels(self.names, band, name_w + fs) {
                let (name, _) = truncate(self.names[i], band.max(name_w), fs, false);
                cx.text(slots.center(i), plot_bottom + 4.0 + fs * 0.95, &name, "");
            }
        }
        cx.out.push_str("</g>");

        self.bars(cx, |m| {
            let (a, b) = (yv(m.from), yv(m.to));
            (slots.at(m.cat, m.slot), a.min(b), slots.drawn(self.slots), (a - b).abs())
        });

        if show_values {
            w!(cx.out, r#"<g font-size="{}" fill="{INK}" text-anchor="middle">"#, N(lfs));
            for l in self.labels {
                let x = slots.at(l.cat, l.slot) + slots.thick / 2.0;
                let y = if l.at >= 0.0 { yv(l.at) - lfs * 0.35 } else { yv(l.at) + lfs * 1.05 };
                cx.text(x, y, &l.text, "");
            }
            cx.out.push_str("</g>");
        }
    }

    /// Draws the bars series by series, one `<g fill>` each; `rect` gives x, y, width, height.
    fn bars(&self, cx: &mut Ctx<'_>, rect: impl Fn(&Mark) -> (f64, f64, f64, f64)) {
        let series = self.marks.iter().map(|m| m.series).max().unwrap_or(0);
        for k in 0..=series {
            let mut group = String::new();
            // Zero-length marks still set the axis but draw nothing.
            for m in self.marks.iter().filter(|m| m.series == k && m.from != m.to) {
                let (x, y, w, h) = rect(m);
                w!(group, r#"<rect x="{}" y="{}" width="{}" height="{}"/>"#, N(x), N(y), N(w), N(h));
            }
            if group.is_empty() {
                continue;
            }
            // A white outline tells stacked segments apart without relying on colour.
            let outline = if self.stacked { r##" stroke="#fff" stroke-width="0.5""## } else { "" };
            w!(cx.out, r#"<g fill="{}"{outline}>{group}</g>"#, cx.color(k));
        }
        let mut flagged = String::new();
        for m in self.marks.iter().filter(|m| m.marked && m.from != m.to) {
            let (x, y, w, h) = rect(m);
            w!(flagged, r#"<rect x="{}" y="{}" width="{}" height="{}"/>"#, N(x), N(y), N(w), N(h));
        }
        if !flagged.is_empty() {
            w!(cx.out, r#"<g fill="none" stroke="{INK}" stroke-width="1.5" stroke-dasharray="3 2">{flagged}</g>"#);
        }
    }
}

/// Few categories would otherwise give fat slabs; they keep a readable thickness.
fn max_band(fs: f64, slots: usize) -> f64 {
    fs * (1.2 * slots as f64 + 1.2)
}

/// Room under horizontal bars for value ticks and the axis title.
fn horizontal_below(fs: f64, y_label: &str) -> f64 {
    fs * 1.7 + if y_label.trim().is_empty() { 0.0 } else { fs * 1.3 }
}

/// Height of a horizontal bar plot with its axis at the largest band size.
fn horizontal_height(fs: f64, n: usize, slots: usize, y_label: &str) -> f64 {
    fs * 0.2 + n as f64 * max_band(fs, slots) + horizontal_below(fs, y_label)
}

fn tick_label_width(cx: &Ctx<'_>, axis: &Axis) -> f64 {
    axis.ticks.iter().map(|&t| width(&cx.label(t), cx.fs, false)).fold(0.0, f64::max)
}

/// The densest nice axis whose labels, written side by side, do not touch.
fn fitting_axis(cx: &Ctx<'_>, lo: f64, hi: f64, length: f64) -> Axis {
    let mut target = tick_target(length, cx.fs);
    loop {
        let axis = nice_axis(lo, hi, target);
        // Ticks need not reach both ends of the axis, so measure the room between two of them.
        let spacing = match axis.ticks.as_slice() {
            [a, b, ..] => length * (axis.frac(*b) - axis.frac(*a)).abs(),
            _ => length,
        };
        if target <= 2 || tick_label_width(cx, &axis) + cx.fs * 0.8 <= spacing {
            return axis;
        }
        target -= 1;
    }
}
