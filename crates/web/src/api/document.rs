//! The profile document as JSON.
//!
//! `mp_profile::Document` derives `Serialize` with internally tagged enums (`#[serde(tag = "t")]`),
//! which serde cannot write when a variant holds a string, a number or a list (`Text::Plain`,
//! `Block::KeyFigures`…) and writes with a duplicate `t` key when it holds another tagged enum
//! (`Cell::Text`). So the API writes the document itself, with one rule a client can rely on:
//! every tagged value is an object with `t` and, unless its content is an object whose fields
//! are merged in, one field named after its content (`text`, `items`, `value`…).
//! It streams straight to the output: building a `serde_json::Value` first cost ten times more.

use mp_profile::{Arg, Block, Cell, Chart, CoverageEntry, Document, Gap, KeyFigure, Section, Series, Table, Text};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

/// A model value written in the API's JSON shape.
pub struct Json<'a, T: ?Sized>(pub &'a T);

impl<T> Serialize for Json<'_, Vec<T>>
where
    for<'b> Json<'b, T>: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for x in self.0 {
            seq.serialize_element(&Json(x))?;
        }
        seq.end()
    }
}

impl<T> Serialize for Json<'_, Option<T>>
where
    for<'b> Json<'b, T>: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Some(x) => Json(x).serialize(s),
            None => s.serialize_none(),
        }
    }
}

/// `{"t": tag, key: value}`.
fn tagged<S: Serializer, V: Serialize + ?Sized>(s: S, tag: &str, key: &str, v: &V) -> Result<S::Ok, S::Error> {
    let mut m = s.serialize_map(Some(2))?;
    m.serialize_entry("t", tag)?;
    m.serialize_entry(key, v)?;
    m.end()
}

/// `{"t":"i18n","en","fr","pt"}`, `{"t":"msg","id","args":{name: Arg}}` or `{"t":"plain","text"}`.
impl Serialize for Json<'_, Text> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Text::I18n(x) => {
                let mut m = s.serialize_map(Some(4))?;
                m.serialize_entry("t", "i18n")?;
                m.serialize_entry("en", &x.en)?;
                m.serialize_entry("fr", &x.fr)?;
                m.serialize_entry("pt", &x.pt)?;
                m.end()
            }
            Text::Msg { id, args } => {
                let mut m = s.serialize_map(Some(3))?;
                m.serialize_entry("t", "msg")?;
                m.serialize_entry("id", id)?;
                m.serialize_entry("args", &Args(args))?;
                m.end()
            }
            Text::Plain(t) => tagged(s, "plain", "text", t),
        }
    }
}

struct Args<'a>(&'a [(String, Arg)]);

impl Serialize for Args<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, a) in self.0 {
            m.serialize_entry(k, &Json(a))?;
        }
        m.end()
    }
}

impl Serialize for Json<'_, Arg> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Arg::Text(t) => tagged(s, "text", "text", &Json(t)),
            Arg::Value(v) => tagged(s, "value", "value", v),
            Arg::Year(y) => tagged(s, "year", "year", y),
            Arg::Period(p) => tagged(s, "period", "period", p),
            Arg::Count(n) => tagged(s, "count", "count", n),
            Arg::Select(x) => tagged(s, "select", "select", x),
        }
    }
}

impl Serialize for Json<'_, Cell> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Cell::Text(t) => tagged(s, "text", "text", &Json(t)),
            Cell::Value(v) => tagged(s, "value", "value", v),
            Cell::Empty => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("t", "empty")?;
                m.end()
            }
        }
    }
}

impl Serialize for Json<'_, KeyFigure> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let k = self.0;
        let mut m = s.serialize_map(Some(5))?;
        m.serialize_entry("indicator", &k.indicator)?;
        m.serialize_entry("label", &Json(&k.label))?;
        m.serialize_entry("value", &k.value)?;
        m.serialize_entry("period", &k.period)?;
        m.serialize_entry("source", &k.source)?;
        m.end()
    }
}

impl Serialize for Json<'_, Table> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let t = self.0;
        let mut m = s.serialize_map(Some(7))?;
        m.serialize_entry("t", "table")?;
        m.serialize_entry("id", &t.id)?;
        m.serialize_entry("title", &Json(&t.title))?;
        m.serialize_entry("columns", &Json(&t.columns))?;
        m.serialize_entry("rows", &Json(&t.rows))?;
        m.serialize_entry("sources", &t.sources)?;
        m.serialize_entry("notes", &Json(&t.notes))?;
        m.end()
    }
}

impl Serialize for Json<'_, Series> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let x = self.0;
        let mut m = s.serialize_map(Some(5))?;
        m.serialize_entry("name", &Json(&x.name))?;
        m.serialize_entry("values", &x.values)?;
        m.serialize_entry("projected", &x.projected)?;
        m.serialize_entry("band", &x.band)?;
        m.serialize_entry("band_label", &Json(&x.band_label))?;
        m.end()
    }
}

impl Serialize for Json<'_, Chart> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let c = self.0;
        let mut m = s.serialize_map(Some(11))?;
        m.serialize_entry("t", "chart")?;
        m.serialize_entry("id", &c.id)?;
        m.serialize_entry("kind", &c.kind)?;
        m.serialize_entry("title", &Json(&c.title))?;
        m.serialize_entry("y_label", &Json(&c.y_label))?;
        m.serialize_entry("value_kind", &c.value_kind)?;
        m.serialize_entry("categories", &Json(&c.categories))?;
        m.serialize_entry("series", &Json(&c.series))?;
        m.serialize_entry("forecast_from", &c.forecast_from)?;
        m.serialize_entry("sources", &c.sources)?;
        m.serialize_entry("alt", &Json(&c.alt))?;
        m.end()
    }
}

struct Definition<'a>(&'a (Text, Text));

impl Serialize for Definition<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("term", &Json(&self.0.0))?;
        m.serialize_entry("description", &Json(&self.0.1))?;
        m.end()
    }
}

struct Definitions<'a>(&'a [(Text, Text)]);

impl Serialize for Definitions<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for d in self.0 {
            seq.serialize_element(&Definition(d))?;
        }
        seq.end()
    }
}

impl Serialize for Json<'_, Block> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Block::KeyFigures(k) => tagged(s, "key_figures", "items", &Json(k)),
            Block::Paragraph(p) => tagged(s, "paragraph", "items", &Json(p)),
            Block::Narrative(n) => tagged(s, "narrative", "text", n),
            Block::Table(t) => Json(t).serialize(s),
            Block::Chart(c) => Json(c).serialize(s),
            Block::Note(t) => tagged(s, "note", "text", &Json(t)),
            Block::Definitions(d) => tagged(s, "definitions", "items", &Definitions(d)),
            Block::Findings(f) => tagged(s, "findings", "items", &Json(f)),
        }
    }
}

/// `{"key","kind","text":{lang: Markdown},"evidence":[{"t":"figure",…} | {"t":"section","section"}]}`.
impl Serialize for Json<'_, mp_profile::Finding> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let f = self.0;
        let mut m = s.serialize_map(Some(4))?;
        m.serialize_entry("key", &f.key)?;
        m.serialize_entry("kind", &f.kind)?;
        m.serialize_entry("text", &f.text)?;
        m.serialize_entry("evidence", &Json(&f.evidence))?;
        m.end()
    }
}

impl Serialize for Json<'_, mp_profile::Evidence> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            mp_profile::Evidence::Section { section } => tagged(s, "section", "section", section),
            mp_profile::Evidence::Figure { indicator, name, area, area_name, period, source, value, cited, holder, section, .. } => {
                let mut m = s.serialize_map(Some(11))?;
                m.serialize_entry("t", "figure")?;
                m.serialize_entry("indicator", indicator)?;
                m.serialize_entry("name", &Json(name))?;
                m.serialize_entry("area", area)?;
                m.serialize_entry("area_name", &Json(area_name))?;
                m.serialize_entry("period", period)?;
                m.serialize_entry("source", source)?;
                m.serialize_entry("value", value)?;
                m.serialize_entry("cited", cited)?;
                m.serialize_entry("holder", holder)?;
                m.serialize_entry("section", section)?;
                m.end()
            }
        }
    }
}

impl Serialize for Json<'_, Section> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let x = self.0;
        let mut m = s.serialize_map(Some(6))?;
        m.serialize_entry("id", &x.id)?;
        m.serialize_entry("number", &x.number)?;
        m.serialize_entry("title", &Json(&x.title))?;
        m.serialize_entry("themes", &x.themes)?;
        m.serialize_entry("blocks", &Json(&x.blocks))?;
        m.serialize_entry("children", &Json(&x.children))?;
        m.end()
    }
}

impl Serialize for Json<'_, Gap> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let g = self.0;
        let mut m = s.serialize_map(Some(4))?;
        m.serialize_entry("indicator", &g.indicator)?;
        m.serialize_entry("name", &Json(&g.name))?;
        m.serialize_entry("theme", &g.theme)?;
        m.serialize_entry("last_year", &g.last_year)?;
        m.end()
    }
}

/// `{"indicator","theme","gap","latest": null | {"period","value","dataset","origin"}}`.
impl Serialize for Json<'_, CoverageEntry> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let e = self.0;
        let mut m = s.serialize_map(Some(4))?;
        m.serialize_entry("indicator", &e.indicator)?;
        m.serialize_entry("theme", &e.theme)?;
        m.serialize_entry("gap", &e.gap)?;
        m.serialize_entry("latest", &e.latest.as_ref().map(Latest))?;
        m.end()
    }
}

struct Latest<'a>(&'a mp_profile::Covered);

impl Serialize for Latest<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let c = self.0;
        let mut m = s.serialize_map(Some(4))?;
        m.serialize_entry("period", &c.period.to_string())?;
        m.serialize_entry("value", &c.value)?;
        m.serialize_entry("dataset", &c.dataset.as_ref().map(|d| d.to_string()))?;
        m.serialize_entry("origin", &c.origin)?;
        m.end()
    }
}

impl Serialize for Json<'_, Document> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let d = self.0;
        let mut m = s.serialize_map(Some(10))?;
        m.serialize_entry("subject", &d.subject)?;
        m.serialize_entry("template", &d.template)?;
        m.serialize_entry("edition", &d.edition)?;
        m.serialize_entry("as_of", &d.as_of)?;
        m.serialize_entry("title", &Json(&d.title))?;
        m.serialize_entry("subtitle", &Json(&d.subtitle))?;
        m.serialize_entry("sections", &Json(&d.sections))?;
        m.serialize_entry("sources", &d.sources)?;
        m.serialize_entry("gaps", &Json(&d.gaps))?;
        m.serialize_entry("coverage", &Json(&d.coverage))?;
        m.end()
    }
}

/// The shapes written above, as OpenAPI schemas: one type per `impl Serialize`, field for field.
/// The API tests check real documents against them, so a serializer changed without its schema
/// fails there.
pub mod schema {
    use super::super::schema::{Figure, SourceEntry, ValueKind};
    use serde::Serialize;
    use std::collections::BTreeMap;
    use utoipa::ToSchema;

    /// A language-neutral text: translated data (`i18n`), a message of the translation files
    /// with its arguments (`msg`, rendered per language by the portal), or text that is the same
    /// in every language (`plain`).
    #[derive(Serialize, ToSchema)]
    #[serde(tag = "t", rename_all = "snake_case")]
    pub enum Text {
        /// Translated data.
        I18n {
            /// English.
            en: String,
            /// French.
            fr: String,
            /// Portuguese.
            pt: String,
        },
        /// A message of the translation files.
        Msg {
            /// Message id.
            id: String,
            /// Argument name → argument.
            #[schema(no_recursion)]
            args: BTreeMap<String, Arg>,
        },
        /// The same text in every language.
        Plain {
            /// The text.
            text: String,
        },
    }

    /// An argument of a message.
    #[derive(Serialize, ToSchema)]
    #[serde(tag = "t", rename_all = "snake_case")]
    pub enum Arg {
        /// A text (e.g. an area or source name).
        Text {
            /// The text.
            #[schema(no_recursion)]
            text: Text,
        },
        /// A figure, formatted per language.
        Value {
            /// The figure.
            value: Figure,
        },
        /// A year, printed as is.
        Year {
            /// The year.
            year: i32,
        },
        /// A period, formatted per language.
        Period {
            /// The period.
            period: String,
        },
        /// A count used for plural selection.
        Count {
            /// The count.
            count: i64,
        },
        /// A selector for variants of a message.
        Select {
            /// The variant.
            select: String,
        },
    }

    /// A table cell.
    #[derive(Serialize, ToSchema)]
    #[serde(tag = "t", rename_all = "snake_case")]
    pub enum Cell {
        /// A text.
        Text {
            /// The text.
            text: Text,
        },
        /// A figure.
        Value {
            /// The figure.
            value: Figure,
        },
        /// Nothing.
        Empty {},
    }

    /// A key figure of the boxes at the top of a section.
    #[derive(Serialize, ToSchema)]
    pub struct KeyFigure {
        /// Indicator code.
        indicator: String,
        /// Label (the indicator's name).
        label: Text,
        /// The figure.
        value: Figure,
        /// Its period.
        period: String,
        /// Index into the document's sources.
        source: usize,
    }

    /// A series of a chart.
    #[derive(Serialize, ToSchema)]
    pub struct Series {
        /// Legend label.
        name: Text,
        /// Values aligned with the chart's categories.
        values: Vec<Option<Figure>>,
        /// Drawn dashed: a projection.
        projected: bool,
        /// Interval (lower, upper) per category.
        #[schema(required = true)]
        band: Option<Vec<Option<(f64, f64)>>>,
        /// Legend label of the band.
        #[schema(required = true)]
        band_label: Option<Text>,
    }

    /// Kinds of chart.
    #[derive(Serialize, ToSchema)]
    #[serde(rename_all = "snake_case")]
    pub enum ChartKind {
        /// A time series.
        Line,
        /// Vertical bars.
        Bar,
        /// Horizontal bars (rankings).
        HBar,
        /// A world map shaded by value.
        Map,
    }

    /// A term and its description.
    #[derive(Serialize, ToSchema)]
    pub struct Definition {
        /// The term.
        term: Text,
        /// Its description.
        description: Text,
    }

    /// A block of a section. Every tagged value is an object with `t`; a list or a text is under
    /// one named field.
    #[derive(Serialize, ToSchema)]
    #[serde(tag = "t", rename_all = "snake_case")]
    pub enum Block {
        /// Key-figure boxes.
        KeyFigures {
            /// The boxes.
            items: Vec<KeyFigure>,
        },
        /// Generated sentences about the figures.
        Paragraph {
            /// Sentences.
            items: Vec<Text>,
        },
        /// Text written by the Technical Working Group.
        Narrative {
            /// Language (en, fr, pt) → Markdown.
            text: BTreeMap<String, String>,
        },
        /// A numbered table.
        Table {
            /// Stable id.
            id: String,
            /// Title.
            title: Text,
            /// Column headings.
            columns: Vec<Text>,
            /// Rows of cells.
            rows: Vec<Vec<Cell>>,
            /// Indexes into the document's sources.
            sources: Vec<usize>,
            /// Notes under the table.
            notes: Vec<Text>,
        },
        /// A numbered chart.
        Chart {
            /// Stable id.
            id: String,
            /// Kind.
            kind: ChartKind,
            /// Title.
            title: Text,
            /// Axis title with the unit.
            y_label: Text,
            /// How values are formatted on the axis.
            value_kind: ValueKind,
            /// Categories (years, countries…).
            categories: Vec<Text>,
            /// Series.
            series: Vec<Series>,
            /// Index of the first projected category.
            #[schema(required = true)]
            forecast_from: Option<usize>,
            /// Indexes into the document's sources.
            sources: Vec<usize>,
            /// A text alternative describing what the chart shows.
            alt: Text,
        },
        /// A plain notice in place.
        Note {
            /// The notice.
            text: Text,
        },
        /// A definition list.
        Definitions {
            /// Terms and descriptions.
            items: Vec<Definition>,
        },
    }

    /// A section of the document.
    #[derive(Serialize, ToSchema)]
    pub struct Section {
        /// Stable id from the template, e.g. `A.1`.
        id: String,
        /// Number shown to readers; may be empty.
        number: String,
        /// Title.
        title: Text,
        /// Themes this section covers.
        themes: Vec<String>,
        /// Content.
        blocks: Vec<Block>,
        /// Sub-sections.
        #[schema(no_recursion)]
        children: Vec<Section>,
    }

    /// What a document is about.
    #[derive(Serialize, ToSchema)]
    #[serde(tag = "t", rename_all = "snake_case")]
    pub enum Subject {
        /// One country's Migration Profile.
        Country {
            /// The country.
            area: String,
        },
        /// The regional comparison of the profile countries.
        Regional {
            /// The countries compared.
            areas: Vec<String>,
        },
        /// The portal's view of one indicator.
        Indicator {
            /// The indicator.
            indicator: String,
            /// The area whose series is shown.
            area: String,
        },
    }

    /// An indicator with no or old data.
    #[derive(Serialize, ToSchema)]
    pub struct Gap {
        /// Indicator code.
        indicator: String,
        /// Its name.
        name: Text,
        /// Its theme.
        theme: String,
        /// The latest year with data, if any.
        #[schema(required = true)]
        last_year: Option<i32>,
    }

    /// How the figure of a coverage entry was obtained.
    #[derive(Serialize, ToSchema)]
    #[serde(rename_all = "snake_case")]
    pub enum Origin {
        /// A stored observation of the indicator (its total).
        Stored,
        /// Computed by the indicator's formula from other stored figures.
        Computed,
        /// A projection (the indicator has no observed figure, only forecasts).
        Projected,
    }

    /// The figure shown for an indicator.
    #[derive(Serialize, ToSchema)]
    pub struct Latest {
        /// Period of the figure.
        period: String,
        /// The figure.
        value: Figure,
        /// `source@vintage`; null for a computed figure, whose trace names its inputs.
        #[schema(required = true)]
        dataset: Option<String>,
        /// How it was obtained.
        origin: Origin,
    }

    /// One indicator's coverage: the figure shown, its source, and whether it is a data gap.
    #[derive(Serialize, ToSchema)]
    pub struct CoverageEntry {
        /// Indicator code.
        indicator: String,
        /// Its theme.
        theme: String,
        /// Whether it is a data gap.
        gap: bool,
        /// The figure shown; null when there is none.
        #[schema(required = true)]
        latest: Option<Latest>,
    }

    /// The language-neutral profile document that the profile pages and the PDF are rendered
    /// from. Every figure carries `trace`, the observations it came from.
    #[derive(Serialize, ToSchema)]
    pub struct Document {
        /// What it is about.
        subject: Subject,
        /// Template id.
        template: String,
        /// Edition label, when built from a frozen edition.
        #[schema(required = true)]
        edition: Option<String>,
        /// Date the data were taken, YYYY-MM-DD (fixed for a frozen edition).
        as_of: String,
        /// Title.
        title: Text,
        /// Subtitle.
        #[schema(required = true)]
        subtitle: Option<Text>,
        /// Sections.
        sections: Vec<Section>,
        /// Cited sources; `source`/`sources` fields elsewhere are indexes into this list.
        sources: Vec<SourceEntry>,
        /// Indicators with no or old data.
        gaps: Vec<Gap>,
        /// Every indicator of the framework for a country's document (empty for the regional
        /// report): the figure shown, its source, and whether it is a data gap; the same list the
        /// indicator tables, the data-gap annex and the portal's theme pages show.
        coverage: Vec<CoverageEntry>,
    }
}
