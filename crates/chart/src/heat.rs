//! A heat map: a grid of scores on a short fixed scale (data quality scores 0–3 of sources ×
//! quality dimensions), each cell shaded by its class and carrying its number, so that the
//! chart reads without colour too.
//!
//! Row names go on the left, wrapped onto up to three lines; column names stand vertically
//! above their column, so that a column is only as wide as its widest number and a dozen
//! columns fit a phone. The band of headings is as high as the longest heading.

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
/// Lines of a row name, at most.
const NAME_LINES: usize = 3;
/// Longest column heading, in font sizes (about 18 letters): a longer one is cut.
const MAX_HEADING: f64 = 11.0;

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
    let l = layout(c, cx, inner);
    let (hfs, gap) = (l.hfs, fs * 0.4);

    let (top, below) = cx.measure_decor(&c.title, &legend, &c.source);
    cx.h = (top + l.heading_h + l.rows_h() + below + pad / 2.0).ceil();
    cx.begin(&c.title, &c.alt);
    let (top, _) = cx.decor(&c.title, &legend, &c.source);

    let x0 = pad + l.names_w;
    let y0 = top + l.heading_h;
    // Column headings set vertically, read bottom to top, each starting just above its column:
    // a column only needs the width of its number, however long its heading.
    w!(cx.out, r#"<g font-size="{}" fill="{INK}">"#, N(hfs));
    for (k, heading) in l.headings.iter().enumerate() {
        let (x, y) = (N(x0 + l.col_w * (k as f64 + 0.5) + hfs * 0.35), N(y0 - gap));
        w!(cx.out, r#"<text x="{x}" y="{y}" transform="rotate(-90 {x} {y})">{}</text>"#, crate::text::esc(heading));
    }
    cx.out.push_str("</g>");

    // Row names, wrapped within their column and centred on their row (or, when the cells
    // need the whole width, on lines of their own above the row's cells), then the cells.
    w!(cx.out, r#"<g fill="{INK}">"#);
    for (r, lines) in l.names.iter().enumerate() {
        let (ry, rh) = l.row(r);
        let first = if l.stacked {
            y0 + ry - l.name_h(r) + fs * 1.05
        } else {
            y0 + ry + rh / 2.0 - (lines.len() as f64 - 1.0) * fs * 0.6 + fs * 0.35
        };
        for (i, line) in lines.iter().enumerate() {
            cx.text(pad, first + i as f64 * fs * 1.2, line, "");
        }
    }
    cx.out.push_str("</g>");
    let inset = 1.0;
    let mut numbers = String::new();
    for r in 0..c.rows.len() {
        let (ry, rh) = l.row(r);
        for k in 0..c.columns.len() {
            let (x, y) = (x0 + l.col_w * k as f64 + inset, y0 + ry + inset);
            let (cw, ch) = (l.col_w - 2.0 * inset, rh - 2.0 * inset);
            match c.cell(r, k) {
                Some(v) => {
                    let class = c.class(v);
                    w!(cx.out, r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>"#, N(x), N(y), N(cw), N(ch), RAMP[class]);
                    let ink = if class >= 2 { ON_DARK } else { INK };
                    // The column is as wide as the widest number: a number is never cut.
                    w!(
                        numbers,
                        r#"<text x="{}" y="{}" fill="{ink}">{}</text>"#,
                        N(x + cw / 2.0),
                        N(y + ch / 2.0 + hfs * 0.35),
                        crate::text::esc(&cx.label(v))
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
        w!(cx.out, r#"<g text-anchor="middle" font-size="{}">{numbers}</g>"#, N(hfs));
    }
}

/// Where the grid's parts go, computed before drawing so the drawing's height fits them.
struct Layout {
    /// Font size of headings and cell numbers.
    hfs: f64,
    /// Width of the row names' column.
    names_w: f64,
    /// Width of each cell.
    col_w: f64,
    /// Height of the band of (vertical) column headings.
    heading_h: f64,
    /// Column headings, cut only if longer than [`MAX_HEADING`] font sizes.
    headings: Vec<String>,
    /// Row names, wrapped.
    names: Vec<Vec<String>>,
    /// Height of each row's cells.
    row_hs: Vec<f64>,
    /// Whether row names stand on lines of their own above their cells, leaving the cells the
    /// whole width (a phone with many columns).
    stacked: bool,
    /// Base font size.
    fs: f64,
}

impl Layout {
    /// Height of the lines of row `r`'s name above its cells (none beside them).
    fn name_h(&self, r: usize) -> f64 {
        if self.stacked { self.names[r].len() as f64 * self.fs * 1.2 + self.fs * 0.2 } else { 0.0 }
    }

    fn rows_h(&self) -> f64 {
        (0..self.row_hs.len()).map(|r| self.name_h(r) + self.row_hs[r]).sum()
    }

    /// Top (from the grid's top) and height of row `r`'s cells.
    fn row(&self, r: usize) -> (f64, f64) {
        let above: f64 = (0..r).map(|i| self.name_h(i) + self.row_hs[i]).sum();
        (above + self.name_h(r), self.row_hs[r])
    }
}

fn layout(c: &HeatChart, cx: &Ctx<'_>, inner: f64) -> Layout {
    let fs = cx.fs;
    let hfs = (fs * 0.85).round();
    let ncol = c.columns.len() as f64;
    // A cell holds the widest number with some air, and is at least as wide as a heading's
    // line is high, so that vertical headings never touch.
    let widest = (0..c.rows.len())
        .flat_map(|r| (0..c.columns.len()).map(move |k| (r, k)))
        .filter_map(|(r, k)| c.cell(r, k))
        .map(|v| width(&cx.label(v), hfs, false))
        .fold(0.0, f64::max);
    let col_w = (widest + fs * 0.6).max(hfs * 1.6);
    let headings: Vec<String> = c.columns.iter().map(|h| truncate(h, hfs * MAX_HEADING, hfs, false).0.into_owned()).collect();
    let longest = headings.iter().map(|h| width(h, hfs, false)).fold(0.0, f64::max);
    let heading_h = longest + fs * 0.8;
    // Row names get what they need, up to what the cells leave (a third of the width at
    // least), and wrap onto up to three lines before an ellipsis cuts them.
    let need = c.rows.iter().map(|r| width(r, fs, false)).fold(0.0, f64::max) + fs * 0.5;
    let names_w = need.min(inner - ncol * col_w);
    let names: Vec<Vec<String>> = c.rows.iter().map(|r| wrap(r, names_w - fs * 0.5, fs, false, NAME_LINES)).collect();
    // A name that does not fit beside the cells goes on lines of its own above them instead of
    // losing its end: an ellipsis is the last resort.
    let cut = names.iter().zip(&c.rows).any(|(lines, name)| lines.iter().any(|l| l.contains('…')) && !name.contains('…'));
    let stacked = inner - ncol * col_w < inner / 3.0 || cut;
    if stacked {
        let names: Vec<Vec<String>> = c.rows.iter().map(|r| wrap(r, inner, fs, false, NAME_LINES)).collect();
        let row_hs = vec![(fs * 1.6).round(); names.len()];
        let col_w = if ncol > 0.0 { inner / ncol } else { col_w };
        return Layout { hfs, names_w: 0.0, col_w, heading_h, headings, names, row_hs, stacked, fs };
    }
    let row_hs = names.iter().map(|lines| (fs * 1.9).round().max(lines.len() as f64 * fs * 1.2 + fs * 0.6)).collect();
    Layout { hfs, names_w, col_w, heading_h, headings, names, row_hs, stacked, fs }
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
            assert!(svg.contains("Non évalué") && svg.contains(">Toutes sources<"), "{svg}");
        }
    }

    /// The SVG's viewBox width and height.
    fn view_box(svg: &str) -> (f64, f64) {
        let vb = svg.split("viewBox=\"0 0 ").nth(1).and_then(|s| s.split('"').next()).unwrap_or_default();
        let mut it = vb.split(' ').map(|n| n.parse::<f64>().unwrap_or(f64::NAN));
        (it.next().unwrap_or(f64::NAN), it.next().unwrap_or(f64::NAN))
    }

    #[test]
    fn eleven_french_headings_stand_apart_inside_the_drawing_with_whole_numbers() {
        let dims = [
            "Prérequis",
            "Intégrité",
            "Pertinence",
            "Conformité",
            "Couverture",
            "Exactitude",
            "Actualité",
            "Périodicité",
            "Cohérence",
            "Ventilation",
            "Accessibilité",
        ];
        let rows = [
            "Toutes sources",
            "Demandeurs d'asile (Eurostat)",
            "Franchissements irréguliers (Frontex)",
            "PDI de conflit (IDMC via le HDX)",
        ];
        let chart = HeatChart {
            rows: rows.iter().map(|r| (*r).to_owned()).collect(),
            columns: dims.iter().map(|d| (*d).to_owned()).collect(),
            values: (0..rows.len()).map(|r| (0..dims.len()).map(|k| (k != r).then_some(((r + k) % 3) as f64 + 0.75)).collect()).collect(),
            ..sample()
        };
        // The PDF's drawing, the phone's and the wide screen's.
        for (width, font_size) in [(400.0, 12.0), (360.0, 16.0), (780.0, 14.0)] {
            let style = ChartStyle { width, font_size, ..ChartStyle::default() };
            let svg = render_svg(&Chart::Heat(chart.clone()), &style, &|v| format!("{v:.1}").replace('.', ","));
            assert!(overlapping_labels(&svg).is_empty(), "{width}: {:?}", overlapping_labels(&svg));
            let (vw, vh) = view_box(&svg);
            let boxes = crate::label_boxes(&svg);
            for d in dims {
                assert!(boxes.iter().any(|b| b.text == d), "{width}: heading {d} missing or cut");
            }
            for b in &boxes {
                assert!(b.x0 >= 0.0 && b.x1 <= vw && b.y0 >= 0.0 && b.y1 <= vh, "{width}: {b:?} outside 0 0 {vw} {vh}");
            }
            // Every number whole, and inside its cell: no two numbers touch.
            assert!(svg.contains(">1,8<") && svg.contains(">2,8<"), "{svg}");
            // No row name loses its end: on a phone the names go above their cells instead.
            assert!(!svg.contains('…'), "{width}: {svg}");
        }
    }

    #[test]
    fn empty_grids_draw_without_panicking() {
        let svg = render_svg(&Chart::Heat(HeatChart::default()), &ChartStyle::default(), &|v| format!("{v}"));
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    }
}
