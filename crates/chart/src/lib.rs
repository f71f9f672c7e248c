//! mprofile charts: small, accessible SVG line, bar and band charts
//!
//! The output is plain SVG 1.1 with presentation attributes only (no CSS, no script, no web
//! fonts), so the same string is inlined in the HTML profile and embedded by typst (usvg) in
//! the PDF. Charts scale with their container through `viewBox` and `width="100%"`.
//!
//! The crate computes no statistics and knows no language: every string it draws (title, axis
//! label, legend names, category labels, numbers through the caller's formatter) arrives already
//! localised. Bad input (NaN, mismatched lengths, empty charts) is drawn as well as it can be and
//! never panics; [`Chart::check`] lists such problems for callers who want to log them.
//!
//! Text is laid out with DejaVu Sans advance widths (Verdana's are close, Arial's and Roboto's
//! narrower), so labels that fit in the PDF also fit in a phone's fallback font. The PDF side
//! must give typst a DejaVu Sans, regular and bold, for the SVG to look the same there: typst
//! falls back to the document font for families it does not have.
//!
//! ```
//! use mp_chart::{Chart, ChartStyle, LineChart, LineSeries, render_svg};
//!
//! let chart = Chart::Line(LineChart {
//!     title: "International migrant stock".into(),
//!     alt: "The stock doubled between 1990 and 2024.".into(),
//!     y_label: "Persons".into(),
//!     x_labels: vec!["1990".into(), "2000".into(), "2010".into(), "2024".into()],
//!     series: vec![LineSeries {
//!         name: "Stock".into(),
//!         values: vec![Some(120_000.0), Some(150_000.0), None, Some(240_000.0)],
//!         ..Default::default()
//!     }],
//!     source: "Source: UN DESA (2024)".into(),
//!     ..Default::default()
//! });
//! let svg = render_svg(&chart, &ChartStyle::default(), &|v| format!("{v}"));
//! assert!(svg.starts_with("<svg") && svg.contains("<title>International migrant stock</title>"));
//! ```

#![warn(missing_docs)]

mod bar;
mod frame;
mod heat;
mod line;
mod map;
mod overlap;
mod svg;
mod text;
mod ticks;

use std::fmt;

pub use heat::HeatChart;
pub use map::{MapChart, SHAPES_SHA256, WEST_CENTRAL_AFRICA, region_locator};
pub use overlap::{LabelBox, label_boxes, overlapping_labels};

/// Okabe–Ito hues, darkened where needed so that each has at least 3:1 contrast on white
/// (WCAG 1.4.11 for graphics); the most distinct hues for colour-blind readers come first.
pub const DEFAULT_PALETTE: [&str; 6] = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#444444", "#9A6200"];

/// Size, font and colours shared by every chart of a publication.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartStyle {
    /// Width of the drawing in SVG user units; the SVG still scales to its container.
    pub width: f32,
    /// Height of the drawing in SVG user units.
    pub height: f32,
    /// CSS font-family list; layout assumes DejaVu Sans widths, which wider-than-most keeps safe.
    pub font_family: String,
    /// Base font size in user units; titles are 1.25×, notes 0.85×.
    pub font_size: f32,
    /// Series colours, used in order and then cycled.
    pub palette: Vec<String>,
}

impl Default for ChartStyle {
    /// 400 × 280 with 12-unit text: still 9 px text when shrunk to a 300-px phone column.
    fn default() -> Self {
        Self {
            width: 400.0,
            height: 280.0,
            font_family: "DejaVu Sans,Verdana,Arial,sans-serif".to_owned(),
            font_size: 12.0,
            palette: DEFAULT_PALETTE.iter().map(|c| (*c).to_owned()).collect(),
        }
    }
}

/// A chart to draw.
#[derive(Debug, Clone, PartialEq)]
pub enum Chart {
    /// Time series over ordered categories, with optional projections and uncertainty bands.
    Line(LineChart),
    /// Vertical or horizontal bars, grouped or stacked.
    Bar(BarChart),
    /// A world map shaded by value.
    Map(MapChart),
    /// A grid of scores on a short scale (sources × quality dimensions).
    Heat(HeatChart),
}

/// Lines over ordered categories (usually years).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LineChart {
    /// Drawn at the top and used as the SVG `<title>` (the accessible name).
    pub title: String,
    /// Text alternative for screen readers, the SVG `<desc>`: say what the chart shows.
    pub alt: String,
    /// Value axis title including the unit, e.g. "Persons" or "Per 1,000 population".
    pub y_label: String,
    /// Category labels in order, e.g. years; thinned automatically when crowded.
    pub x_labels: Vec<String>,
    /// The lines, drawn in order with palette colours.
    pub series: Vec<LineSeries>,
    /// Index of the first projected category: from the last observed point on, lines are
    /// dashed and the background is shaded.
    pub forecast_from: Option<usize>,
    /// Drawn at the top of the shaded projection area, e.g. "Projections".
    pub forecast_label: Option<String>,
    /// Drawn under the plot, e.g. "Source: UN DESA (2024)".
    pub source: String,
}

/// One line of a [`LineChart`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LineSeries {
    /// Legend label.
    pub name: String,
    /// Values aligned with `x_labels`; `None` (and NaN or ±∞) leave a gap.
    pub values: Vec<Option<f64>>,
    /// Draws the whole line dashed, e.g. a projection variant shown as its own series.
    pub dashed: bool,
    /// Shaded intervals around the line, outermost first (e.g. 95 % then 80 %).
    pub bands: Vec<Band>,
    /// Points flagged to readers (low reliability, provisional…), aligned with `values`: each is
    /// drawn circled; the caller's footnote says what the circle means. Empty: none.
    pub marked: Vec<bool>,
}

/// A shaded interval, e.g. a projection's 80 % prediction interval.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Band {
    /// Legend label, e.g. "80 % interval"; empty for no legend entry.
    pub label: String,
    /// `(lower, upper)` aligned with `x_labels`; `None` leaves a gap.
    pub bounds: Vec<Option<(f64, f64)>>,
}

/// Bars over categories.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BarChart {
    /// Drawn at the top and used as the SVG `<title>` (the accessible name).
    pub title: String,
    /// Text alternative for screen readers, the SVG `<desc>`.
    pub alt: String,
    /// Value axis title including the unit.
    pub y_label: String,
    /// Category labels in drawing order (top to bottom when horizontal).
    pub categories: Vec<String>,
    /// Bar series, side by side or stacked.
    pub series: Vec<BarSeries>,
    /// Bars grow rightwards with category names on the left: best for long names (top-10).
    pub horizontal: bool,
    /// Stacks the series (positives up, negatives down) instead of placing them side by side.
    pub stacked: bool,
    /// Writes each bar's value (the stack's total when stacked) at its end, when there is room.
    pub value_labels: bool,
    /// Drawn under the plot.
    pub source: String,
}

/// One series of a [`BarChart`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BarSeries {
    /// Legend label.
    pub name: String,
    /// Values aligned with `categories`; `None` draws no bar.
    pub values: Vec<Option<f64>>,
    /// Bars flagged to readers, aligned with `values`: each is outlined in dashes; the caller's
    /// footnote says what the outline means. Empty: none.
    pub marked: Vec<bool>,
}

/// A problem in chart input: drawing goes on regardless, this is for logging.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ChartIssue {
    /// Screen-reader users get nothing beyond the title.
    #[error("chart {title:?} has no text alternative (alt)")]
    MissingAlt {
        /// Title of the chart.
        title: String,
    },
    /// Nothing to draw at all.
    #[error("chart {title:?} has no finite value to draw")]
    NoData {
        /// Title of the chart.
        title: String,
    },
    /// Values or bounds do not line up with the category labels.
    #[error("series {series:?} has {found} values for {expected} categories")]
    LengthMismatch {
        /// Series name (or band label).
        series: String,
        /// Number of categories.
        expected: usize,
        /// Number of values.
        found: usize,
    },
    /// A value is NaN or infinite; it is drawn as a gap.
    #[error("series {series:?} value {index} is not a finite number")]
    NotFinite {
        /// Series name (or band label).
        series: String,
        /// Position in the series.
        index: usize,
    },
    /// A band's lower bound is above its upper bound; they are swapped when drawn.
    #[error("band {band:?} has lower bound above upper bound at {index}")]
    BoundsReversed {
        /// Band label.
        band: String,
        /// Position in the band.
        index: usize,
    },
    /// `forecast_from` points past the last category; no projection area is drawn.
    #[error("forecast_from {index} is beyond the {len} categories")]
    ForecastOutOfRange {
        /// The given index.
        index: usize,
        /// Number of categories.
        len: usize,
    },
}

impl Chart {
    /// Takes title and source line out of the drawing, for a page that shows them as text
    /// around it; returns the title, which the page still puts back as the accessible name.
    pub fn detach_caption(&mut self) -> String {
        let (title, source) = match self {
            Chart::Line(c) => (&mut c.title, &mut c.source),
            Chart::Bar(c) => (&mut c.title, &mut c.source),
            Chart::Map(c) => (&mut c.title, &mut c.source),
            Chart::Heat(c) => (&mut c.title, &mut c.source),
        };
        source.clear();
        std::mem::take(title)
    }

    /// Problems in the input that drawing silently works around.
    pub fn check(&self) -> Vec<ChartIssue> {
        let mut issues = Vec::new();
        let (title, alt, n) = match self {
            Chart::Line(c) => (&c.title, &c.alt, c.x_labels.len()),
            Chart::Bar(c) => (&c.title, &c.alt, c.categories.len()),
            Chart::Map(c) => (&c.title, &c.alt, c.values.len()),
            Chart::Heat(c) => (&c.title, &c.alt, c.columns.len()),
        };
        if alt.trim().is_empty() {
            issues.push(ChartIssue::MissingAlt { title: title.clone() });
        }
        let mut any_value = false;
        match self {
            Chart::Line(c) => {
                for s in &c.series {
                    any_value |= check_values(&s.name, &s.values, n, &mut issues);
                    for b in &s.bands {
                        any_value |= check_bounds(b, n, &mut issues);
                    }
                }
                if let Some(index) = c.forecast_from
                    && index >= n
                {
                    issues.push(ChartIssue::ForecastOutOfRange { index, len: n });
                }
            }
            Chart::Bar(c) => {
                for s in &c.series {
                    any_value |= check_values(&s.name, &s.values, n, &mut issues);
                }
            }
            Chart::Map(c) => {
                let values: Vec<Option<f64>> = c.values.iter().map(|(_, v)| Some(*v)).collect();
                any_value |= check_values(&c.title, &values, n, &mut issues);
            }
            Chart::Heat(c) => {
                for (row, vals) in c.rows.iter().zip(&c.values) {
                    any_value |= check_values(row, vals, n, &mut issues);
                }
            }
        }
        if !any_value {
            issues.push(ChartIssue::NoData { title: title.clone() });
        }
        issues
    }
}

/// Reports length and finiteness problems; true when some value can be drawn.
fn check_values(name: &str, vals: &[Option<f64>], n: usize, issues: &mut Vec<ChartIssue>) -> bool {
    if vals.len() != n {
        issues.push(ChartIssue::LengthMismatch { series: name.to_owned(), expected: n, found: vals.len() });
    }
    let mut any = false;
    for (index, v) in vals.iter().enumerate() {
        match v {
            Some(v) if v.is_finite() => any = true,
            Some(_) => issues.push(ChartIssue::NotFinite { series: name.to_owned(), index }),
            None => {}
        }
    }
    any
}

/// Like [`check_values`] for a band's bounds.
fn check_bounds(band: &Band, n: usize, issues: &mut Vec<ChartIssue>) -> bool {
    if band.bounds.len() != n {
        issues.push(ChartIssue::LengthMismatch { series: band.label.clone(), expected: n, found: band.bounds.len() });
    }
    let mut any = false;
    for (index, bound) in band.bounds.iter().enumerate() {
        let Some((lo, hi)) = bound else { continue };
        if !lo.is_finite() || !hi.is_finite() {
            issues.push(ChartIssue::NotFinite { series: band.label.clone(), index });
        } else {
            any = true;
            if lo > hi {
                issues.push(ChartIssue::BoundsReversed { band: band.label.clone(), index });
            }
        }
    }
    any
}

impl fmt::Display for Chart {
    /// The chart's title, for log lines.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Chart::Line(c) => f.write_str(&c.title),
            Chart::Bar(c) => f.write_str(&c.title),
            Chart::Map(c) => f.write_str(&c.title),
            Chart::Heat(c) => f.write_str(&c.title),
        }
    }
}

/// Draws `chart` as a standalone `<svg>` element; `fmt` formats tick and value labels in the
/// reader's language (e.g. French "274 929").
pub fn render_svg(chart: &Chart, style: &ChartStyle, fmt: &dyn Fn(f64) -> String) -> String {
    let mut cx = frame::Ctx::new(style, fmt);
    match chart {
        Chart::Line(c) => line::render(c, &mut cx),
        Chart::Bar(c) => bar::render(c, &mut cx),
        Chart::Map(c) => map::render(c, &mut cx),
        Chart::Heat(c) => heat::render(c, &mut cx),
    }
    cx.finish()
}
