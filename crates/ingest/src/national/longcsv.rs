//! Long CSV files (one figure per row) described by a column mapping.
//!
//! Ministries rarely export SDMX; they export a table with one figure per row and their own
//! column names. A mapping, written once per kind of file, says which column holds what.
//!
//! # Mapping format (TOML)
//!
//! ```toml
//! # Which column holds what. A string names a column (matched ignoring case and surrounding
//! # spaces); `{ value = "…" }` gives one value for every row instead.
//! indicator = { value = "IMM.STOCK" }   # or a column: indicator = "indicateur"
//! area = "pays"                         # ISO alpha-3 (SEN), group code, M49 number or name
//! period = "annee"                      # 2020, 2020-Q1, 2020-03 or 2015-2020
//! value = "effectif"                    # plain numbers: no thousands separators
//! obs_status = "statut"                 # optional: SDMX OBS_STATUS code or label; empty = A
//! unit_mult = "mult"                    # optional: per-row UNIT_MULT (value × 10^UNIT_MULT)
//! footnote = "note"                     # optional: free text kept with the figure
//! dims = { SEX = "sexe", AGE = "groupe_age", COUNTERPART_AREA = "pays_origine" }
//! scale = 3                             # optional: the file is in thousands (10^3); default 0
//! delimiter = ";"                       # optional: ",", ";" or "\t" ("tab"); default: guessed
//!                                       # from the header line
//! vintage = "2023"                      # the release or year of the data
//!
//! [source]
//! code = "sen-ansd-rgphe"               # lower-case letters, digits and dashes
//! name = "Recensement général de la population et de l'habitat"
//! publisher = "ANSD"
//! licence = "CC BY 4.0"                 # optional
//! url = "https://www.ansd.sn"           # optional
//! ```
//!
//! Codes in cells may be codelist ids (`F`) or, for convenience, labels in English, French or
//! Portuguese (`Female`, `Féminin`, `Feminino`), matched ignoring case, accents and surrounding
//! spaces; an empty dimension cell, `_T` or `_Z` is the total. Values are converted to units
//! (× 10^(scale + UNIT_MULT)) and the conversion is recorded in the footnote. Rows with an empty
//! value and no missing-value status (L, M, O, Q, H) are left out and counted; rows about an area
//! outside the profile countries and comparison groups are left out and counted too.

use super::{Built, EmptyValue, Part, RawRow, Resolver, is_source_code};
use crate::context::{Context, DatasetBuilder, ReadReport, Skips, checked};
use crate::error::{IngestError, MAX_PROBLEMS, Problem, Problems};
use crate::files::InputFile;
use crate::table::Table;
use mp_domain::{DimensionId, SourceInfo};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use std::collections::BTreeMap;
use std::fmt;

/// Where the text of a field comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    /// A column, by its header.
    Column(String),
    /// The same value for every row.
    Value(String),
}

impl Field {
    /// A column, by its header.
    pub fn column(name: impl Into<String>) -> Field {
        Field::Column(name.into())
    }
    /// One value for every row.
    pub fn value(v: impl Into<String>) -> Field {
        Field::Value(v.into())
    }
}

/// A TOML scalar given as a constant (`{ value = 2020 }` is as good as `{ value = "2020" }`).
#[derive(Deserialize)]
#[serde(untagged)]
enum Scalar {
    Text(String),
    Int(i64),
    Float(f64),
}

impl Scalar {
    fn text(self) -> String {
        match self {
            Scalar::Text(s) => s,
            Scalar::Int(i) => i.to_string(),
            Scalar::Float(f) => f.to_string(),
        }
    }
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Field;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a column name (\"sexe\") or a constant ({ value = \"F\" })")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Field, E> {
                Ok(Field::Column(s.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Field, A::Error> {
                let mut out = None;
                while let Some(k) = map.next_key::<String>()? {
                    let v = map.next_value::<Scalar>()?.text();
                    let f = match k.as_str() {
                        "value" => Field::Value(v),
                        "column" => Field::Column(v),
                        other => return Err(de::Error::custom(format!("unknown key `{other}`: expected `value` or `column`"))),
                    };
                    if out.replace(f).is_some() {
                        return Err(de::Error::custom("give either `value` or `column`, not both"));
                    }
                }
                out.ok_or_else(|| de::Error::custom("empty table: expected { value = \"…\" } or { column = \"…\" }"))
            }
        }
        d.deserialize_any(V)
    }
}

/// The dataset a mapped file belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MappingSource {
    /// Stable code, lower-case with dashes, e.g. `sen-ansd-rgphe`.
    pub code: String,
    /// Human name.
    pub name: String,
    /// Publisher.
    pub publisher: String,
    /// Licence of the data.
    #[serde(default)]
    pub licence: String,
    /// Where it is published.
    #[serde(default)]
    pub url: String,
}

impl From<MappingSource> for SourceInfo {
    fn from(s: MappingSource) -> SourceInfo {
        SourceInfo { code: s.code, name: s.name, publisher: s.publisher, licence: s.licence, url: s.url }
    }
}

fn de_delimiter<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u8>, D::Error> {
    let s = String::deserialize(d)?;
    match s.as_str() {
        "," | "comma" => Ok(Some(b',')),
        ";" | "semicolon" => Ok(Some(b';')),
        "\t" | "tab" | "\\t" => Ok(Some(b'\t')),
        other => Err(de::Error::custom(format!("delimiter `{other}`: expected \",\", \";\" or \"\\t\""))),
    }
}

fn de_text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Scalar::deserialize(d).map(Scalar::text)
}

/// Which column of a long CSV holds what, and the dataset it belongs to (see the module doc for
/// the TOML form).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// How problems name the mapping (its file name); not part of the TOML.
    #[serde(skip, default = "default_name")]
    pub name: String,
    /// The delimiter; guessed from the header line when `None`.
    #[serde(default, deserialize_with = "de_delimiter")]
    pub delimiter: Option<u8>,
    /// The power of ten the file's numbers are published in (3 = thousands).
    #[serde(default)]
    pub scale: i32,
    /// The framework indicator code (or name).
    pub indicator: Field,
    /// The reference area.
    pub area: Field,
    /// The period.
    pub period: Field,
    /// The value.
    pub value: Field,
    /// SDMX OBS_STATUS.
    #[serde(default)]
    pub obs_status: Option<Field>,
    /// SDMX UNIT_MULT per row.
    #[serde(default)]
    pub unit_mult: Option<Field>,
    /// A footnote per row.
    #[serde(default)]
    pub footnote: Option<Field>,
    /// Dimension id → where its code is.
    #[serde(default)]
    pub dims: BTreeMap<String, Field>,
    /// The source.
    pub source: MappingSource,
    /// The vintage.
    #[serde(deserialize_with = "de_text")]
    pub vintage: String,
}

fn default_name() -> String {
    "mapping".to_string()
}

impl Mapping {
    /// A mapping with the columns `indicator`, `area`, `period` and `value`, to adjust in code.
    pub fn new(source: MappingSource, vintage: impl Into<String>) -> Mapping {
        Mapping {
            name: default_name(),
            delimiter: None,
            scale: 0,
            indicator: Field::column("indicator"),
            area: Field::column("area"),
            period: Field::column("period"),
            value: Field::column("value"),
            obs_status: None,
            unit_mult: None,
            footnote: None,
            dims: BTreeMap::new(),
            source,
            vintage: vintage.into(),
        }
    }

    /// Adds a dimension.
    pub fn dim(mut self, id: &str, field: Field) -> Mapping {
        self.dims.insert(id.to_string(), field);
        self
    }

    /// Parses the TOML form; `name` (the mapping's file name) is used in problems.
    pub fn from_toml(text: &str, name: &str) -> Result<Mapping, IngestError> {
        match toml::from_str::<Mapping>(text) {
            Ok(mut m) => {
                m.name = name.to_string();
                Ok(m)
            }
            Err(e) => {
                let mut p = Problem::file(
                    name,
                    format!("not a valid mapping: {}; see the mapping format in the documentation of national::longcsv", e.message()),
                );
                p.row = e.span().map(|s| text[..s.start.min(text.len())].matches('\n').count() as u64 + 1);
                Err(IngestError::one(p))
            }
        }
    }

    /// Every field with the name it has in the mapping.
    fn fields(&self) -> Vec<(String, &Field)> {
        let mut v = vec![
            ("indicator".to_string(), &self.indicator),
            ("area".into(), &self.area),
            ("period".into(), &self.period),
            ("value".into(), &self.value),
        ];
        for (n, f) in [("obs_status", &self.obs_status), ("unit_mult", &self.unit_mult), ("footnote", &self.footnote)] {
            if let Some(f) = f {
                v.push((n.to_string(), f));
            }
        }
        for (d, f) in &self.dims {
            v.push((format!("dims.{d}"), f));
        }
        v
    }

    /// Problems with the mapping itself, independent of any file.
    pub fn check(&self, ctx: &Context) -> Vec<Problem> {
        let mut out = Vec::new();
        let mut p = |field: &str, value: &str, expected: String| {
            let mut pr = Problem::file(&self.name, expected);
            pr.column = Some(field.to_string());
            pr.value = Some(value.to_string());
            out.push(pr);
        };
        if !is_source_code(&self.source.code) {
            p(
                "source.code",
                &self.source.code,
                "expected a source code of lower-case letters, digits and single dashes, such as sen-ansd-rgphe".into(),
            );
        }
        for (f, v) in [("source.name", &self.source.name), ("source.publisher", &self.source.publisher), ("vintage", &self.vintage)] {
            if v.trim().is_empty() {
                p(f, v, "empty: expected a value".into());
            }
        }
        if !(-15..=15).contains(&self.scale) {
            p("scale", &self.scale.to_string(), "expected a power of ten from -15 to 15, such as 3 for thousands".into());
        }
        for d in self.dims.keys() {
            match DimensionId::parse(d) {
                Ok(id) if ctx.framework.dimensions.contains_key(&id) => {}
                Ok(_) => {
                    let known: Vec<&str> = ctx.framework.dimensions.keys().map(|k| k.as_str()).collect();
                    p(&format!("dims.{d}"), d, format!("unknown dimension: expected one of {}", known.join(", ")))
                }
                Err(e) => p(&format!("dims.{d}"), d, e.to_string()),
            }
        }
        for (name, f) in self.fields() {
            if let Field::Column(c) = f
                && c.trim().is_empty()
            {
                p(&name, c, "empty column name: expected the header of a column".into());
            }
        }
        out
    }
}

/// Where each field's text is found in a row.
#[derive(Clone)]
enum Src {
    Col(usize),
    Const(String),
}

/// Reads a long CSV with its mapping: every observation, or every problem of the file (and of
/// the mapping) together.
pub fn read_long_csv(file: &InputFile, mapping: &Mapping, ctx: &Context) -> Result<ReadReport, IngestError> {
    let mut problems = Problems::default();
    for p in mapping.check(ctx) {
        problems.push(p);
    }
    let text = file.text()?;
    let delimiter = mapping.delimiter.unwrap_or_else(|| super::detect_delimiter(text));
    let lf = super::for_parsing(file, text);
    let table = Table::parse_with(lf.as_ref().unwrap_or(file), delimiter, &ctx.limits)?;

    // Columns named by the mapping, all missing ones in one problem.
    let fields = mapping.fields();
    let mut missing = Vec::new();
    let mut src: BTreeMap<String, Src> = BTreeMap::new();
    for (name, f) in &fields {
        match f {
            Field::Column(c) => match table.column(c.trim()) {
                Some(i) => {
                    src.insert(name.clone(), Src::Col(i));
                }
                None => missing.push(format!("{c} (for {name})")),
            },
            Field::Value(v) => {
                src.insert(name.clone(), Src::Const(v.clone()));
            }
        }
    }
    if !missing.is_empty() {
        problems.push(Problem::file(
            &file.display,
            format!(
                "missing column{} {}: expected the columns named in the mapping {} (found {})",
                if missing.len() > 1 { "s" } else { "" },
                missing.join(", "),
                mapping.name,
                super::list_some(&table.headers, 30)
            ),
        ));
    }
    if !problems.is_empty() {
        return Err(problems.into_error());
    }

    // Constants are checked once, against the mapping, rather than on every row.
    let resolver = Resolver::new(*ctx);
    let konst = |name: &str| match src.get(name) {
        Some(Src::Const(v)) => Some(v.as_str()),
        _ => None,
    };
    let mut bad_const = |name: &str, e: Result<(), String>| {
        if let (Err(e), Some(v)) = (e, konst(name)) {
            let mut p = Problem::file(&mapping.name, e);
            p.column = Some(name.to_string());
            p.value = Some(v.to_string());
            problems.push(p);
        }
    };
    if let Some(v) = konst("indicator") {
        bad_const("indicator", resolver.indicator(v).map(|_| ()));
    }
    if let Some(v) = konst("area") {
        bad_const("area", resolver.area(v).map(|_| ()));
    }
    if let Some(v) = konst("period") {
        bad_const("period", mp_domain::Period::parse(v).map(|_| ()).map_err(|e| e.to_string()));
    }
    if let Some(v) = konst("obs_status") {
        bad_const("obs_status", resolver.status(v).map(|_| ()));
    }
    let dims: Vec<(DimensionId, String)> =
        mapping.dims.keys().filter_map(|d| DimensionId::parse(d).ok().map(|id| (id, format!("dims.{d}")))).collect();
    for (id, name) in &dims {
        if let Some(v) = konst(name) {
            bad_const(name, resolver.dim_code(id, v).map(|_| ()));
        }
    }
    if !problems.is_empty() {
        return Err(problems.into_error());
    }

    let mut ds = DatasetBuilder::new(mapping.source.clone().into(), mapping.vintage.trim());
    let fidx = ds.file(file);
    let mut skips = Skips::default();
    let mut stopped = false;
    for row in table.rows() {
        if problems.len() >= MAX_PROBLEMS * 5 {
            stopped = true;
            break;
        }
        let get = |name: &str| -> &str {
            match src.get(name) {
                Some(Src::Col(i)) => row.get(*i),
                Some(Src::Const(v)) => v.as_str(),
                None => "",
            }
        };
        let raw = RawRow {
            indicator: get("indicator"),
            area: get("area"),
            period: get("period"),
            value: get("value"),
            status: get("obs_status"),
            unit_mult: get("unit_mult"),
            footnote: get("footnote"),
            dims: dims.iter().map(|(id, name)| (id.clone(), get(name))).collect(),
        };
        let at = |part: Part, expected: String| -> Problem {
            let name = match part {
                Part::Indicator => "indicator".to_string(),
                Part::Area => "area".into(),
                Part::Period => "period".into(),
                Part::Value => "value".into(),
                Part::Status => "obs_status".into(),
                Part::UnitMult => "unit_mult".into(),
                Part::Dim(i) => dims.get(i).map(|(_, n)| n.clone()).unwrap_or_default(),
            };
            match src.get(&name) {
                Some(Src::Col(i)) => row.problem(*i, expected),
                _ => {
                    let mut p = Problem::cell(&file.display, row.line, &name, get(&name), expected);
                    p.column = Some(format!("{name} (from the mapping)"));
                    p
                }
            }
        };
        match resolver.build(&raw, mapping.scale, EmptyValue::Skip, &mut problems, &at) {
            Built::Obs(o) => ds.add(o, fidx, row.locator(), &mut problems),
            Built::Skip(reason) => skips.add(reason),
            Built::Bad => {}
        }
    }
    if stopped {
        problems
            .push(Problem::file(&file.display, format!("reading stopped after {} problems: fix these and import again", MAX_PROBLEMS * 5)));
    }
    let datasets = if ds.is_empty() { Vec::new() } else { vec![ds.finish()] };
    let report = ReadReport { datasets, rows_read: table.len() as u64, skipped: skips.into_vec() };
    let report = problems.finish(report)?;
    super::owner::claim(file, checked(ctx, report)?)
}
