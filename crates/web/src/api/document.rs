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
