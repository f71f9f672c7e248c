//! What every chart shares: the `<svg>` root, title, legend, source line and axes.

use std::fmt::Write;

use crate::ChartStyle;
use crate::svg::{N, Path};
use crate::text::{esc, truncate, width, wrap};
use crate::ticks::Axis;

/// Text and lines that carry information: at least 4.5:1 on white (WCAG AA for text).
pub(crate) const INK: &str = "#444";
/// Source line and notes: 7.5:1 on white.
pub(crate) const MUTED: &str = "#555";
/// Grid lines are decoration and may be faint.
pub(crate) const GRID: &str = "#ddd";
/// Zero line and axis ticks: 5.7:1, visible as a reference.
pub(crate) const BASELINE: &str = "#666";
/// Opacity of one band; overlapping bands add up, so inner intervals look darker.
pub(crate) const BAND_OPACITY: f64 = 0.2;
/// Dash pattern for projections, long enough to read as dashes at 2 units of width.
pub(crate) const DASH: &str = "6 4";

/// Appends formatted text to a `String`, which cannot fail.
macro_rules! w {
    ($out:expr, $($arg:tt)*) => {{
        let _ = write!($out, $($arg)*);
    }};
}
pub(crate) use w;

/// What a legend entry shows next to its label.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Swatch {
    Line {
        color: usize,
        dashed: bool,
    },
    Band {
        color: usize,
        opacity: f64,
    },
    Bar {
        color: usize,
    },
    /// A filled square of a fixed colour (map classes).
    Solid(&'static str),
    /// No mark: the label alone, e.g. the unit before a map's classes.
    None,
}

/// One legend entry.
#[derive(Debug, Clone)]
pub(crate) struct LegendItem {
    pub swatch: Swatch,
    pub label: String,
}

/// The drawing surface: sanitised style, the caller's number formatter and the output.
pub(crate) struct Ctx<'a> {
    pub w: f64,
    pub h: f64,
    pub fs: f64,
    pub pad: f64,
    family: String,
    palette: Vec<String>,
    fmt: &'a dyn Fn(f64) -> String,
    pub out: String,
}

fn sane(v: f32, default: f64, min: f64, max: f64) -> f64 {
    let v = f64::from(v);
    if v.is_finite() { v.clamp(min, max) } else { default }
}

impl<'a> Ctx<'a> {
    pub fn new(style: &ChartStyle, fmt: &'a dyn Fn(f64) -> String) -> Self {
        let fs = sane(style.font_size, 12.0, 6.0, 48.0);
        let mut palette: Vec<String> = style.palette.iter().map(|c| esc(c.trim()).into_owned()).filter(|c| !c.is_empty()).collect();
        if palette.is_empty() {
            palette = crate::DEFAULT_PALETTE.iter().map(|c| (*c).to_owned()).collect();
        }
        let family = esc(style.font_family.trim()).into_owned();
        Self {
            w: sane(style.width, 400.0, 160.0, 4000.0),
            h: sane(style.height, 280.0, 120.0, 4000.0),
            fs,
            pad: (fs * 0.75).round(),
            family: if family.is_empty() { "sans-serif".to_owned() } else { family },
            palette,
            fmt,
            out: String::with_capacity(4096),
        }
    }

    /// Colour of series `i`, cycling through the palette.
    pub fn color(&self, i: usize) -> String {
        self.palette[i % self.palette.len()].clone()
    }

    /// A number as the reader's locale writes it.
    pub fn label(&self, v: f64) -> String {
        (self.fmt)(v)
    }

    /// Opens the root element with the accessible name and description and a white background
    /// (the contrast of every colour was chosen against white, also in dark-mode pages).
    pub fn begin(&mut self, title: &str, alt: &str) {
        let (w, h) = (N(self.w), N(self.h));
        w!(
            self.out,
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="100%" role="img" font-family="{}" font-size="{}">"#,
            self.family,
            N(self.fs)
        );
        // Always first, even empty: the HTML page moves the visible title out of the drawing
        // and fills this element in with it.
        w!(self.out, "<title>{}</title>", esc(title.trim()));
        if !alt.trim().is_empty() {
            w!(self.out, "<desc>{}</desc>", esc(alt.trim()));
        }
        w!(self.out, r##"<rect width="{w}" height="{h}" fill="#fff"/>"##);
    }

    pub fn finish(mut self) -> String {
        self.out.push_str("</svg>");
        self.out
    }

    /// Writes a `<text>` element; `attrs` starts with a space when not empty.
    pub fn text(&mut self, x: f64, y: f64, s: &str, attrs: &str) {
        w!(self.out, r#"<text x="{}" y="{}"{attrs}>{}</text>"#, N(x), N(y), esc(s));
    }

    /// Draws title, legend and source; returns the top and bottom of the space left between.
    pub fn decor(&mut self, title: &str, legend: &[LegendItem], source: &str) -> (f64, f64) {
        let (fs, pad) = (self.fs, self.pad);
        let inner = self.w - 2.0 * pad;
        let mut y = pad;

        let tfs = (fs * 1.25).round();
        for line in wrap(title, inner, tfs, true, 2) {
            let attrs = format!(r#" font-size="{}" font-weight="bold""#, N(tfs));
            self.text(pad, y + tfs * 0.95, &line, &attrs);
            y += tfs * 1.25;
        }
        if y > pad {
            y += fs * 0.3;
        }

        if !legend.is_empty() {
            y = self.legend(legend, y, inner);
        }

        let sfs = (fs * 0.85).round();
        let lines = wrap(source, inner, sfs, false, 2);
        let mut bottom = self.h - pad;
        if !lines.is_empty() {
            let lh = sfs * 1.25;
            bottom -= lines.len() as f64 * lh;
            w!(self.out, r#"<g font-size="{}" fill="{MUTED}">"#, N(sfs));
            for (i, line) in lines.iter().enumerate() {
                self.text(pad, bottom + i as f64 * lh + sfs * 0.95, line, "");
            }
            self.out.push_str("</g>");
            bottom -= fs * 0.4;
        }
        (y, bottom.max(y + 10.0))
    }

    /// Height above and below the plot that [`Ctx::decor`] would take, without drawing.
    pub fn measure_decor(&mut self, title: &str, legend: &[LegendItem], source: &str) -> (f64, f64) {
        let drawn = std::mem::take(&mut self.out);
        let (top, bottom) = self.decor(title, legend, source);
        self.out = drawn;
        (top, self.h - bottom)
    }

    /// Lays legend items out in rows, left to right; returns the y below the legend.
    fn legend(&mut self, items: &[LegendItem], top: f64, inner: f64) -> f64 {
        let (fs, pad) = (self.fs, self.pad);
        let sw = (fs * 1.5).round();
        let gap = fs * 0.4;
        let row_h = fs * 1.5;
        let (mut x, mut cy) = (pad, top + row_h / 2.0);
        let mut texts = String::new();
        for item in items {
            let mark_w = if matches!(item.swatch, Swatch::None) { 0.0 } else { sw + gap };
            let (label, _) = truncate(&item.label, inner - mark_w, fs, false);
            let item_w = mark_w + width(&label, fs, false);
            if x > pad && x + item_w > pad + inner {
                x = pad;
                cy += row_h;
            }
            match item.swatch {
                Swatch::Line { color, dashed } => {
                    let dash = if dashed { format!(r#" stroke-dasharray="{DASH}""#) } else { String::new() };
                    w!(self.out, r#"<path d="M{} {}h{}" stroke="{}" stroke-width="2"{dash}/>"#, N(x), N(cy), N(sw), self.color(color));
                }
                Swatch::Band { color, opacity } => {
                    let op = if opacity < 1.0 { format!(r#" fill-opacity="{}""#, Opacity(opacity)) } else { String::new() };
                    self.swatch_rect(x, cy, sw, &self.color(color), &op);
                }
                Swatch::Bar { color } => self.swatch_rect(x, cy, sw, &self.color(color), ""),
                // Light map classes need an outline to stand out from the white page.
                Swatch::Solid(fill) => self.swatch_rect(x, cy, sw, fill, r##" stroke="#999" stroke-width="0.5""##),
                Swatch::None => {}
            }
            w!(texts, r#"<text x="{}" y="{}">{}</text>"#, N(x + mark_w), N(cy + fs * 0.35), esc(&label));
            x += item_w + fs * 1.2;
        }
        self.out.push_str(&texts);
        cy + row_h / 2.0 + fs * 0.2
    }

    /// A legend square of `fill`; `attrs` (starting with a space) adds opacity or an outline.
    fn swatch_rect(&mut self, x: f64, cy: f64, sw: f64, fill: &str, attrs: &str) {
        let h = self.fs * 0.8;
        w!(self.out, r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{fill}"{attrs}/>"#, N(x), N(cy - h / 2.0), N(sw), N(h));
    }

    /// Draws horizontal grid lines and value labels for a vertical value axis, plus a darker
    /// line at zero when zero is in view (net migration changes sign there).
    pub fn y_axis(&mut self, axis: &Axis, x0: f64, x1: f64, y: &dyn Fn(f64) -> f64) {
        let mut grid = Path::default();
        let mut zero = Path::default();
        for &t in &axis.ticks {
            let target = if t == 0.0 { &mut zero } else { &mut grid };
            target.raw(format_args!("M{} {}H{}", N(x0), N(y(t)), N(x1)));
        }
        self.stroke(&grid, GRID);
        if zero.is_empty() && axis.spans_zero() {
            zero.raw(format_args!("M{} {}H{}", N(x0), N(y(0.0)), N(x1)));
        }
        self.stroke(&zero, BASELINE);
        w!(self.out, r#"<g text-anchor="end" fill="{INK}">"#);
        for &t in &axis.ticks {
            let label = self.label(t);
            self.text(x0 - self.fs * 0.4, y(t) + self.fs * 0.35, &label, "");
        }
        self.out.push_str("</g>");
    }

    /// Draws vertical grid lines and value labels for a horizontal value axis.
    pub fn x_axis(&mut self, axis: &Axis, y0: f64, y1: f64, x: &dyn Fn(f64) -> f64) {
        let mut grid = Path::default();
        let mut zero = Path::default();
        for &t in &axis.ticks {
            let target = if t == 0.0 { &mut zero } else { &mut grid };
            target.raw(format_args!("M{} {}V{}", N(x(t)), N(y0), N(y1)));
        }
        self.stroke(&grid, GRID);
        if zero.is_empty() && axis.spans_zero() {
            zero.raw(format_args!("M{} {}V{}", N(x(0.0)), N(y0), N(y1)));
        }
        self.stroke(&zero, BASELINE);
        w!(self.out, r#"<g text-anchor="middle" fill="{INK}">"#);
        // On a narrow drawing even the sparsest nice axis can have labels wider than the room
        // between its ticks: a label that would touch the one before it is left out (its tick
        // and grid line stay), so no two labels ever overprint.
        let mut last_right = f64::NEG_INFINITY;
        for &t in &axis.ticks {
            let label = self.label(t);
            let half = width(&label, self.fs, false) / 2.0;
            if x(t) - half < last_right + self.fs * 0.5 {
                continue;
            }
            last_right = x(t) + half;
            self.text(x(t), y1 + self.fs * 1.3, &label, "");
        }
        self.out.push_str("</g>");
    }

    /// Strokes `path` with a thin line, if it has anything in it.
    pub fn stroke(&mut self, path: &Path, color: &str) {
        if !path.is_empty() {
            w!(self.out, r#"<path d="{}" stroke="{color}"/>"#, path.as_str());
        }
    }
}

/// An opacity with at most two decimals.
pub(crate) struct Opacity(pub f64);

impl std::fmt::Display for Opacity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let hundredths = (self.0.clamp(0.0, 1.0) * 100.0).round() as u32;
        match hundredths {
            0 => f.write_str("0"),
            100 => f.write_str("1"),
            h if h % 10 == 0 => write!(f, "0.{}", h / 10),
            h => write!(f, "0.{h:02}"),
        }
    }
}

/// Where axis titles go: above the plot for vertical value axes, where they read
/// horizontally on a phone instead of rotated.
pub(crate) fn axis_title(cx: &mut Ctx<'_>, x: f64, baseline: f64, s: &str, max_w: f64) {
    let (label, _) = truncate(s.trim(), max_w, cx.fs, false);
    if !label.is_empty() {
        let attrs = format!(r#" fill="{INK}""#);
        cx.text(x, baseline, &label, &attrs);
    }
}

/// About one tick per 3 lines of text, never fewer than 2 intervals.
pub(crate) fn tick_target(length: f64, fs: f64) -> usize {
    let t = length / (fs * 3.2);
    if t.is_finite() { t.clamp(2.0, 10.0) as usize } else { 2 }
}

/// Zero at the start of the value axis unless the data sit far from it: a spreadsheet's rule,
/// which avoids both exaggerated changes and a line squashed against the top.
pub(crate) fn include_zero(lo: f64, hi: f64) -> (f64, f64) {
    if lo >= 0.0 && lo < hi * 5.0 / 6.0 {
        (0.0, hi)
    } else if hi <= 0.0 && hi > lo * 5.0 / 6.0 {
        (lo, 0.0)
    } else {
        (lo, hi)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opacity_is_short() {
        let s: Vec<String> = [0.2, 0.36, 1.0, 0.0, 0.488].iter().map(|v| Opacity(*v).to_string()).collect();
        assert_eq!(s, ["0.2", "0.36", "1", "0", "0.49"]);
    }

    /// WCAG 2 contrast ratio of a `#rrggbb` or `#rgb` colour against white.
    fn contrast_on_white(hex: &str) -> f64 {
        let hex = hex.trim_start_matches('#');
        let hex: String = if hex.len() == 3 { hex.chars().flat_map(|c| [c, c]).collect() } else { hex.to_owned() };
        let channel = |i: usize| {
            let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
            if c <= 0.03928 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        let l = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
        1.05 / (l + 0.05)
    }

    #[test]
    fn colours_contrast_with_white() {
        for c in crate::DEFAULT_PALETTE {
            assert!(contrast_on_white(c) >= 3.0, "{c}: {:.2}", contrast_on_white(c));
        }
        for c in [INK, MUTED] {
            assert!(contrast_on_white(c) >= 7.0, "{c}");
        }
        assert!(contrast_on_white(BASELINE) >= 4.5);
        assert!((contrast_on_white("#777") - 4.48).abs() < 0.01);
    }

    #[test]
    fn zero_rule() {
        assert_eq!(include_zero(100.0, 300.0), (0.0, 300.0));
        assert_eq!(include_zero(270.0, 290.0), (270.0, 290.0));
        assert_eq!(include_zero(-300.0, -100.0), (-300.0, 0.0));
        assert_eq!(include_zero(-5.0, 5.0), (-5.0, 5.0));
    }
}
