//! A heat map: a grid of scores on a short fixed scale (data quality scores 0–3 of sources ×
//! quality dimensions), each cell shaded by its class and carrying its number, so that the
//! chart reads without colour too.
//!
//! Row names go on the left, column names above their column, wrapped onto up to three lines
//! within the column's width; both are cut with an ellipsis rather than allowed to touch.

use std::fmt::Write;

use crate::frame::{Ctx, INK, LegendItem, Swatch, w};
use crate::svg::N;
use crate::text::{truncate, width, wrap};

/// Sequential blues (ColorBrewer "Blues"), one per whole score from the scale's bottom up.
const RAMP: [&str; 4] = ["#deebf7", "#9ecae1", "#4292c6", "#08519c"];
/// Cells without a score: white, outlined.
const NOT_SCORED: &str = "#fff";
/// Number colour on the two dark classes (contrast ≥ 4.5:1 on them).
const ON_DARK: &str = "#fff";
/// Lines of a column heading, at most.
const HEADING_LINES: usize = 3;

/// A grid of scores between `min` and `max`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HeatChart {
    /// Drawn at the top and used as the SVG `<title>`.
    pub title: String,
    /// Text alternative, the SVG `<desc>`: say which cells are weakest.
    pub alt: String,
    /// Row names, top to bottom (e.g. quality dimensions).
    pub rows: Vec<String>,
    /// Column names, left to right (e.g. sources).
    pub columns: Vec<String>,
    /// `values[row][column]`; `None` (and NaN) is a cell without a score.
    pub values: Vec<Vec<Option<f64>>>,
    /// Bottom of the scale (the lightest class).
    pub min: f64,
    /// Top of the scale (the darkest class).
    pub max: f64,
    /// Legend label of cells without a score, e.g. "Not scored"; empty for none.
    pub not_scored: String,
    /// Drawn under the grid.
    pub source: String,
}

impl HeatChart {
    /// The class (0 to 3) of a value: its position on the scale, in four equal steps.
    fn class(&self, v: f64) -> usize {
        let span = self.max - self.min;
        if !(span.is_finite() && span > 0.0) {
            return 0;
        }
        let t = ((v - self.min) / span).clamp(0.0, 1.0);
        (t * (RAMP.len() - 1) as f64).round() as usize
    }

    /// The finite value of a cell.
    fn cell(&self, r: usize, c: usize) -> Option<f64> {
        self.values.get(r).and_then(|row| row.get(c)).copied().flatten().filter(|v| v.is_finite())
    }
}

pub(crate) fn render(c: &HeatChart, cx: &mut Ctx<'_>) {
    let (fs, pad) = (cx.fs, cx.pad);
    let mut legend = Vec::new();
    for (i, color) in RAMP.iter().enumerate() {
        let v = c.min + (c.max - c.min) * i as f64 / (RAMP.len() - 1) as f64;
        legend.push(LegendItem { swatch: Swatch::Solid(color), label: cx.label(v) });
    }
    let any_missing = (0..c.rows.len()).any(|r| (0..c.columns.len()).any(|k| c.cell(r, k).is_none()));
    if any_missing && !c.not_scored.trim().is_empty() {
        legend.push(LegendItem { swatch: Swatch::Solid(NOT_SCORED), label: c.not_scored.clone() });
    }

    let inner = cx.w - 2.0 * pad;
    let ncol = c.columns.len().max(1) as f64;
    // Row names take what they need, up to what leaves every column room for its number (half
    // the width at least); columns share the rest.
    let names_max = (inner - ncol * fs * 5.0).max(inner * 0.5);
    let names_w = (c.rows.iter().map(|r| width(r, fs, false)).fold(0.0, f64::max) + fs * 0.5).min(names_max);
    let col_w = ((inner - names_w) / ncol).min(fs * 8.0);
    let gap = fs * 0.5;
    let hfs = (fs * 0.85).round();
    let headings: Vec<Vec<String>> = c.columns.iter().map(|h| wrap(h, col_w - gap, hfs, false, HEADING_LINES)).collect();
    let heading_lines = headings.iter().map(Vec::len).max().unwrap_or(0) as f64;
    let heading_h = heading_lines * hfs * 1.2 + fs * 0.3;
    let row_h = (fs * 1.9).round();

    let (top, below) = cx.measure_decor(&c.title, &legend, &c.source);
    cx.h = (top + heading_h + row_h * c.rows.len() as f64 + below + pad / 2.0).ceil();
    cx.begin(&c.title, &c.alt);
    let (top, _) = cx.decor(&c.title, &legend, &c.source);

    let x0 = pad + names_w;
    let y0 = top + heading_h;
    // Column headings, bottom-aligned above their column.
    w!(cx.out, r#"<g text-anchor="middle" font-size="{}" fill="{INK}">"#, N(hfs));
    for (k, lines) in headings.iter().enumerate() {
        let cxk = x0 + col_w * (k as f64 + 0.5);
        let first = y0 - fs * 0.3 - (lines.len() as f64 - 1.0) * hfs * 1.2 - hfs * 0.2;
        for (i, line) in lines.iter().enumerate() {
            cx.text(cxk, first + i as f64 * hfs * 1.2, line, "");
        }
    }
    cx.out.push_str("</g>");

    // Row names, then the cells.
    w!(cx.out, r#"<g fill="{INK}">"#);
    for (r, name) in c.rows.iter().enumerate() {
        let (label, _) = truncate(name, names_w - fs * 0.5, fs, false);
        cx.text(pad, y0 + row_h * (r as f64 + 0.5) + fs * 0.35, &label, "");
    }
    cx.out.push_str("</g>");
    let inset = 1.0;
    let mut numbers = String::new();
    for r in 0..c.rows.len() {
        for k in 0..c.columns.len() {
            let (x, y) = (x0 + col_w * k as f64 + inset, y0 + row_h * r as f64 + inset);
            let (cw, ch) = (col_w - 2.0 * inset, row_h - 2.0 * inset);
            match c.cell(r, k) {
                Some(v) => {
                    let class = c.class(v);
                    w!(cx.out, r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>"#, N(x), N(y), N(cw), N(ch), RAMP[class]);
                    let ink = if class >= 2 { ON_DARK } else { INK };
                    let label = cx.label(v);
                    let (label, _) = truncate(&label, cw - 2.0, fs, false);
                    w!(
                        numbers,
                        r#"<text x="{}" y="{}" fill="{ink}">{}</text>"#,
                        N(x + cw / 2.0),
                        N(y + ch / 2.0 + fs * 0.35),
                        crate::text::esc(&label)
                    );
                }
                None => {
                    w!(
                        cx.out,
                        r##"<rect x="{}" y="{}" width="{}" height="{}" fill="{NOT_SCORED}" stroke="#999" stroke-width="0.5"/>"##,
                        N(x + 0.25),
                        N(y + 0.25),
                        N(cw - 0.5),
                        N(ch - 0.5)
                    );
                }
            }
        }
    }
    if !numbers.is_empty() {
        w!(cx.out, r#"<g text-anchor="middle">{numbers}</g>"#);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Chart, ChartStyle, overlapping_labels, render_svg};

    fn sample() -> HeatChart {
        HeatChart {
            title: "Qualité des sources".into(),
            alt: "La ponctualité est la plus faible.".into(),
            rows: vec![
                "Conditions institutionnelles préalables".into(),
                "Actualité et ponctualité".into(),
                "Cohérence et comparabilité".into(),
            ],
            columns: vec!["Toutes sources".into(), "Recensement général de la population et de l'habitat".into()],
            values: vec![vec![None, Some(2.0)], vec![Some(0.0), Some(3.0)], vec![Some(1.4), None]],
            min: 0.0,
            max: 3.0,
            not_scored: "Non évalué".into(),
            source: "Source : mprofile".into(),
        }
    }

    #[test]
    fn classes_cover_the_scale() {
        let c = sample();
        assert_eq!([0.0, 1.0, 1.4, 2.0, 3.0, 9.0, -1.0].map(|v| c.class(v)), [0, 1, 1, 2, 3, 3, 0]);
        assert_eq!(HeatChart { min: 1.0, max: 1.0, ..sample() }.class(1.0), 0);
    }

    #[test]
    fn every_cell_is_drawn_and_no_label_touches_another() {
        for width in [300.0, 400.0, 640.0] {
            let style = ChartStyle { width, ..ChartStyle::default() };
            let svg = render_svg(&Chart::Heat(sample()), &style, &|v| format!("{v}"));
            assert!(overlapping_labels(&svg).is_empty(), "{width}: {:?}", overlapping_labels(&svg));
            // Four scored cells with their number, two outlined as not scored.
            assert_eq!(svg.matches(r##"stroke="#999" stroke-width="0.5"/>"##).count() - 5, 2, "{svg}");
            for n in [">0<", ">2<", ">3<", ">1.4<"] {
                assert!(svg.contains(n), "{n} missing");
            }
            assert!(svg.contains("Non évalué") && svg.contains(">Toutes"), "{svg}");
        }
    }

    #[test]
    fn empty_grids_draw_without_panicking() {
        let svg = render_svg(&Chart::Heat(HeatChart::default()), &ChartStyle::default(), &|v| format!("{v}"));
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    }
}
