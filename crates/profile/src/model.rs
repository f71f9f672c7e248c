//! The language-neutral profile document that HTML, PDF and the web all render.
//!
//! Every text is either translated data ([`Text::I18n`]), a message with arguments
//! ([`Text::Msg`], resolved per language by the renderer), or plain text that needs no
//! translation. Every number is a [`Value`] that carries the observations it came from, so a
//! figure in a report can always be traced back to a source record.

use mp_domain::{AreaCode, DatasetId, I18nText, IndicatorCode, Lang, Period, ThemeCode};
use serde::Serialize;
use std::collections::BTreeMap;

/// A piece of text in a language-neutral form.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "t", rename_all = "snake_case")]
pub enum Text {
    /// Translated data (an indicator name, a template title, an area name).
    I18n(I18nText),
    /// A message from the translation files with its arguments.
    Msg {
        /// Message id, e.g. `imm-stock`.
        id: String,
        /// Named arguments.
        args: Vec<(String, Arg)>,
    },
    /// Text that is the same in every language (a code, a source's own name).
    Plain(String),
}

impl Text {
    /// A message without arguments.
    pub fn msg(id: &str) -> Text {
        Text::Msg { id: id.to_string(), args: Vec::new() }
    }
    /// A message with arguments.
    pub fn msg_with(id: &str, args: Vec<(&str, Arg)>) -> Text {
        Text::Msg { id: id.to_string(), args: args.into_iter().map(|(k, v)| (k.to_string(), v)).collect() }
    }
    /// Plain text.
    pub fn plain(s: impl Into<String>) -> Text {
        Text::Plain(s.into())
    }
}

/// An argument of a message.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "t", rename_all = "snake_case")]
pub enum Arg {
    /// A text (e.g. an area or source name).
    Text(Text),
    /// A figure, formatted per language.
    Value(Value),
    /// A year, printed as is.
    Year(i32),
    /// A period, formatted per language.
    Period(Period),
    /// A count used for plural selection.
    Count(i64),
    /// A selector for variants of a message (e.g. `positive` / `negative`).
    Select(String),
}

/// How a value is formatted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueKind {
    /// A count or amount in the indicator's unit (persons, detections).
    Number,
    /// A percentage.
    Percent,
    /// US dollars.
    Usd,
    /// A rate per 1,000.
    PerThousand,
    /// An index or ratio with decimals.
    Index,
}

/// Where a figure came from: one stored observation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Trace {
    /// Observation id in the store.
    pub record: i64,
    /// Indicator.
    pub indicator: IndicatorCode,
    /// Area.
    pub area: AreaCode,
    /// Period.
    pub period: Period,
    /// Dimension key, canonical text.
    pub dims: String,
    /// The dataset, written `undesa-ims@2024`.
    #[serde(serialize_with = "mp_domain::record::dataset_as_text")]
    pub dataset: DatasetId,
    /// Row or cell in the source file.
    pub locator: String,
}

/// A number with its unit, display precision and provenance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Value {
    /// The number.
    pub v: f64,
    /// How to format it.
    pub kind: ValueKind,
    /// Decimals to show.
    pub decimals: u8,
    /// The observations it came from (one for a stored figure, several for a computed one).
    pub trace: Vec<Trace>,
    /// The formula, for a computed figure.
    pub formula: Option<String>,
    /// Whether it is a projection (OBS_STATUS F) or an estimate (E), shown with a mark.
    pub status: Option<String>,
}

/// A cited source: the number readers see in source lines points here.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceEntry {
    /// Source code.
    pub code: String,
    /// Vintage.
    pub vintage: String,
    /// Human name, as the publisher names it.
    pub name: String,
}

impl SourceEntry {
    /// How the source is cited: its name and vintage, `UN DESA (2024)`.
    pub fn cited(&self) -> String {
        if self.vintage.is_empty() { self.name.clone() } else { format!("{} ({})", self.name, self.vintage) }
    }
}

/// A key figure for the boxes at the top.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyFigure {
    /// Indicator.
    pub indicator: IndicatorCode,
    /// Label (the indicator's name).
    pub label: Text,
    /// The figure.
    pub value: Value,
    /// Its period.
    pub period: Period,
    /// Index into [`Document::sources`].
    pub source: usize,
}

/// A cell of a table.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "t", rename_all = "snake_case")]
pub enum Cell {
    /// Text.
    Text(Text),
    /// A figure.
    Value(Value),
    /// No data.
    Empty,
}

/// A numbered table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    /// Stable id (used for anchors and downloads).
    pub id: String,
    /// Caption.
    pub title: Text,
    /// Column headers.
    pub columns: Vec<Text>,
    /// Rows.
    pub rows: Vec<Vec<Cell>>,
    /// Indexes into [`Document::sources`].
    pub sources: Vec<usize>,
    /// Notes under the table.
    pub notes: Vec<Text>,
}

/// Kinds of chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChartKind {
    /// A time series.
    Line,
    /// Vertical bars.
    Bar,
    /// Horizontal bars (rankings).
    HBar,
    /// A world map shaded by value; [`Chart::map`] says where each category is.
    Map,
    /// A grid of scores from 0 to 3: one row per category (a quality dimension), one column
    /// per series (a source); a missing value is a cell without a score.
    Heat,
}

/// Where the categories of a map are.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MapAreas {
    /// UN M49 code of each category, aligned with [`Chart::categories`].
    pub m49: Vec<u16>,
    /// The country the map is about (drawn apart), with its name.
    pub focus: Option<(u16, Text)>,
    /// When not empty, the map is framed on these countries (UN M49 codes): a regional map.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub region: Vec<u16>,
}

/// A series of a chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Series {
    /// Legend label.
    pub name: Text,
    /// Values aligned with [`Chart::categories`].
    pub values: Vec<Option<Value>>,
    /// Drawn dashed: a projection.
    pub projected: bool,
    /// A shaded interval (lower, upper) aligned with the categories.
    pub band: Option<Vec<Option<(f64, f64)>>>,
    /// Legend label of the band.
    pub band_label: Option<Text>,
}

/// A numbered chart, with the table behind it (rendered from the same series).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chart {
    /// Stable id.
    pub id: String,
    /// Kind.
    pub kind: ChartKind,
    /// Title.
    pub title: Text,
    /// Axis title with the unit.
    pub y_label: Text,
    /// How values are formatted on the axis.
    pub value_kind: ValueKind,
    /// Categories (years, countries…).
    pub categories: Vec<Text>,
    /// Series.
    pub series: Vec<Series>,
    /// Index of the first projected category, when the chart continues into projections.
    pub forecast_from: Option<usize>,
    /// For a [`ChartKind::Map`]: where each category is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub map: Option<Box<MapAreas>>,
    /// Indexes into [`Document::sources`].
    pub sources: Vec<usize>,
    /// A text alternative describing what the chart shows.
    pub alt: Text,
}

/// A block of content inside a section.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "t", rename_all = "snake_case")]
pub enum Block {
    /// Key-figure boxes.
    KeyFigures(Vec<KeyFigure>),
    /// Generated sentences about the figures.
    Paragraph(Vec<Text>),
    /// Text written by the Technical Working Group (Markdown per language).
    Narrative(BTreeMap<Lang, String>),
    /// A table.
    Table(Table),
    /// A chart.
    Chart(Chart),
    /// A plain notice in place, e.g. "No data after 2015."
    Note(Text),
    /// A definition list: term → description (indicator definitions, methods).
    Definitions(Vec<(Text, Text)>),
    /// Part D's key findings and recommendations, each with the evidence it rests on.
    Findings(Vec<Finding>),
}

/// Whether a Part D item states a finding or recommends an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// A key finding.
    Finding,
    /// A recommendation.
    Recommendation,
}

impl FindingKind {
    /// The code kept in the store and in forms.
    pub fn code(self) -> &'static str {
        match self {
            FindingKind::Finding => "finding",
            FindingKind::Recommendation => "recommendation",
        }
    }

    /// The kind of a code written by [`FindingKind::code`].
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "finding" => Some(FindingKind::Finding),
            "recommendation" => Some(FindingKind::Recommendation),
            _ => None,
        }
    }
}

/// A key finding or recommendation written by the Technical Working Group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Stable key (the store's id).
    pub key: String,
    /// Finding or recommendation.
    pub kind: FindingKind,
    /// Its text per language (Markdown), as published.
    pub text: BTreeMap<Lang, String>,
    /// What it rests on.
    pub evidence: Vec<Evidence>,
}

/// Evidence a finding rests on.
// A document holds a handful of these; boxing the figure would only add indirection.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "t", rename_all = "snake_case")]
pub enum Evidence {
    /// A figure: an indicator's total for an area, period and source.
    Figure {
        /// Indicator.
        indicator: IndicatorCode,
        /// Its name.
        name: Text,
        /// Its theme, when the framework knows the indicator.
        theme: Option<ThemeCode>,
        /// Area.
        area: AreaCode,
        /// The area's name.
        area_name: Text,
        /// Period.
        period: Period,
        /// Source code named by the TWG.
        source: String,
        /// The stored figure; `None` when the records hold no such figure (the reader is told).
        value: Option<Value>,
        /// Index into [`Document::sources`] of the figure's source.
        cited: Option<usize>,
        /// Id of the table or chart of the document that shows this very figure.
        holder: Option<String>,
        /// Id of the section holding it (or, when no table shows it, the section of its theme).
        section: Option<String>,
    },
    /// A section of the document, by id.
    Section {
        /// Section id (`B.3`).
        section: String,
    },
}

/// A section of the document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    /// Stable id from the template, e.g. `A.1`; narrative is attached to it.
    pub id: String,
    /// Number shown to readers ("A.1", "2.3"); may be empty.
    pub number: String,
    /// Title.
    pub title: Text,
    /// Themes of the brief this section covers.
    pub themes: Vec<ThemeCode>,
    /// Content.
    pub blocks: Vec<Block>,
    /// Sub-sections.
    pub children: Vec<Section>,
}

/// What is missing or old, listed in the data-gap annex.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gap {
    /// Indicator.
    pub indicator: IndicatorCode,
    /// Its name.
    pub name: Text,
    /// Its theme.
    pub theme: ThemeCode,
    /// The theme's name, which the annex shows (a reader has no key from T01… to themes).
    pub theme_name: Text,
    /// The latest year with data, if any.
    pub last_year: Option<i32>,
}

/// What the document is about.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "t", rename_all = "snake_case")]
pub enum Subject {
    /// One country's Migration Profile.
    Country {
        /// The country.
        area: AreaCode,
    },
    /// The regional comparison of the profile countries.
    Regional {
        /// The countries compared.
        areas: Vec<AreaCode>,
    },
    /// The portal's view of one indicator (its series for one area, and the profile countries
    /// compared).
    Indicator {
        /// The indicator.
        indicator: IndicatorCode,
        /// The area whose series is shown.
        area: AreaCode,
    },
}

/// A whole document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// What it is about.
    pub subject: Subject,
    /// Template id.
    pub template: String,
    /// Edition label (e.g. `2026`), when built from a frozen edition.
    pub edition: Option<String>,
    /// Date the data were taken (YYYY-MM-DD); fixed for a frozen edition so rebuilds are identical.
    pub as_of: String,
    /// Title.
    pub title: Text,
    /// Subtitle.
    pub subtitle: Option<Text>,
    /// Sections in order.
    pub sections: Vec<Section>,
    /// Cited sources.
    pub sources: Vec<SourceEntry>,
    /// Data gaps.
    pub gaps: Vec<Gap>,
    /// Every indicator's coverage for a country's document (empty for the regional report):
    /// the figure shown for it, its source, and whether it is a gap.
    pub coverage: Vec<crate::coverage::CoverageEntry>,
}

impl Document {
    /// Every value in the document, in reading order, for tracing tests.
    pub fn values(&self) -> Vec<&Value> {
        fn text_values<'a>(t: &'a Text, out: &mut Vec<&'a Value>) {
            if let Text::Msg { args, .. } = t {
                for (_, a) in args {
                    match a {
                        Arg::Value(v) => out.push(v),
                        Arg::Text(t) => text_values(t, out),
                        _ => {}
                    }
                }
            }
        }
        fn walk<'a>(s: &'a Section, out: &mut Vec<&'a Value>) {
            for b in &s.blocks {
                match b {
                    Block::KeyFigures(k) => out.extend(k.iter().map(|k| &k.value)),
                    Block::Paragraph(p) => p.iter().for_each(|t| text_values(t, out)),
                    Block::Table(t) => {
                        for r in &t.rows {
                            for c in r {
                                if let Cell::Value(v) = c {
                                    out.push(v);
                                }
                            }
                        }
                    }
                    Block::Chart(c) => {
                        for s in &c.series {
                            out.extend(s.values.iter().flatten());
                        }
                    }
                    Block::Note(t) => text_values(t, out),
                    Block::Findings(f) => out.extend(f.iter().flat_map(|f| f.evidence.iter()).filter_map(|e| match e {
                        Evidence::Figure { value, .. } => value.as_ref(),
                        Evidence::Section { .. } => None,
                    })),
                    Block::Narrative(_) | Block::Definitions(_) => {}
                }
            }
            for c in &s.children {
                walk(c, out);
            }
        }
        let mut out = Vec::new();
        for s in &self.sections {
            walk(s, &mut out);
        }
        out
    }
}
