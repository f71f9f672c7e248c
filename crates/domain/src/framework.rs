//! The indicator framework: themes, units, codelists, dimensions and indicators, read from
//! versioned TOML files and checked as a whole before anything uses it.
//!
//! The caller reads the files (this crate does no I/O) and hands over their names and text.
//! Every problem of every file is collected, so one run reports them all, each naming the file,
//! the item and what is wrong.

use crate::area::AreaRegistry;
use crate::codes::{CodeValue, DimensionId, IndicatorCode, Iso3, ThemeCode};
use crate::formula::Formula;
use crate::obs::{DimensionKey, UnitMult};
use crate::text::{I18nText, Lang};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

/// The framework files: `(relative path, contents)`, e.g. `("indicators/T04-migration.toml", …)`.
pub type FrameworkFiles = Vec<(String, String)>;

/// One problem in a framework file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The file, relative to the framework directory.
    pub file: String,
    /// The item (indicator code, theme, codelist…), or `-` for the whole file.
    pub item: String,
    /// What is wrong and what was expected.
    pub problem: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.file, self.item, self.problem)
    }
}

/// The framework was refused; lists every problem found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameworkError {
    /// All problems, in file order.
    pub problems: Vec<Problem>,
}

impl fmt::Display for FrameworkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "the indicator framework was refused ({} problem{}):",
            self.problems.len(),
            if self.problems.len() == 1 { "" } else { "s" }
        )?;
        for p in &self.problems {
            writeln!(f, "  {p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for FrameworkError {}

/// A theme of the brief (14 of them).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Theme {
    /// `T01`…`T14`.
    pub code: ThemeCode,
    /// Display order.
    pub order: u32,
    /// Name.
    pub name: I18nText,
    /// Description.
    pub description: I18nText,
}

/// How figures in a unit are shown: the formatting family every renderer applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// A count or amount in the unit (persons, detections).
    Number,
    /// A percentage.
    Percent,
    /// US dollars.
    Usd,
    /// A rate per 1,000.
    PerThousand,
    /// An index, ratio or rate shown with decimals.
    Index,
}

impl UnitKind {
    /// Every kind, in the order `units.toml` documents them.
    pub const ALL: [UnitKind; 5] = [UnitKind::Number, UnitKind::Percent, UnitKind::Usd, UnitKind::PerThousand, UnitKind::Index];

    /// The word `units.toml` uses.
    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::Number => "number",
            UnitKind::Percent => "percent",
            UnitKind::Usd => "usd",
            UnitKind::PerThousand => "per_thousand",
            UnitKind::Index => "index",
        }
    }
}

/// A unit of measure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unit {
    /// Identifier, e.g. `persons`.
    pub id: String,
    /// Short symbol, e.g. `%`.
    pub symbol: Option<String>,
    /// How its figures are shown.
    pub kind: UnitKind,
    /// Decimals shown unless an indicator says otherwise.
    pub decimals: u8,
    /// Name.
    pub name: I18nText,
}

/// One code of a codelist.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Code {
    /// The code, e.g. `F`.
    pub id: CodeValue,
    /// Its label.
    pub name: I18nText,
    /// A parent code, for hierarchical lists.
    pub parent: Option<CodeValue>,
}

/// A codelist (SDMX cross-domain or the project's own).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Codelist {
    /// Identifier, e.g. `CL_SEX`.
    pub id: String,
    /// Name.
    pub name: I18nText,
    /// Codes in order.
    pub codes: Vec<Code>,
}

impl Codelist {
    /// Looks a code up.
    pub fn code(&self, id: &str) -> Option<&Code> {
        self.codes.iter().find(|c| c.id.as_str() == id)
    }
}

/// Where a dimension's values come from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DimensionValues {
    /// A codelist.
    Codelist(String),
    /// The area registry (countries and groups).
    Areas,
}

/// A dimension of disaggregation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dimension {
    /// The SDMX id, e.g. `SEX`.
    pub id: DimensionId,
    /// Name.
    pub name: I18nText,
    /// Allowed values.
    pub values: DimensionValues,
}

/// A candidate source of an indicator, with its caveats.
///
/// Serialized (JSON output of the CLI, the API) as `name`, the English name as one stable
/// string, `names` with all three, then `code` and `caveat`.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceRef {
    /// Publisher and series, in each language (the organisations' own names in French and
    /// Portuguese). Machine-facing outputs use the English one.
    pub name: I18nText,
    /// The publisher's own series code, if any.
    pub code: Option<String>,
    /// Drawbacks and limitations.
    pub caveat: Option<I18nText>,
}

impl Serialize for SourceRef {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("SourceRef", 4)?;
        st.serialize_field("name", self.name.get(Lang::En))?;
        st.serialize_field("names", &self.name)?;
        st.serialize_field("code", &self.code)?;
        st.serialize_field("caveat", &self.caveat)?;
        st.end()
    }
}

/// An indicator of the framework.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indicator {
    /// Stable code.
    pub code: IndicatorCode,
    /// Theme.
    pub theme: ThemeCode,
    /// Name.
    pub name: I18nText,
    /// Definition.
    pub definition: I18nText,
    /// Unit id (see [`Framework::unit`]).
    pub unit: String,
    /// How the unit's figures are shown (from `units.toml`).
    #[serde(skip)]
    pub unit_kind: UnitKind,
    /// Unit multiplier of stored values.
    pub unit_mult: UnitMult,
    /// Decimals to show.
    pub decimals: u8,
    /// Allowed dimensions.
    pub dimensions: Vec<DimensionId>,
    /// Candidate sources.
    pub sources: Vec<SourceRef>,
    /// SDG indicator, if any.
    pub sdg: Option<String>,
    /// GCM objectives.
    pub gcm: Vec<u8>,
    /// A headline indicator for key-figure boxes.
    pub key: bool,
    /// Formula, for computed indicators.
    #[serde(serialize_with = "ser_formula")]
    pub formula: Option<Formula>,
    /// The file it was defined in.
    #[serde(skip)]
    pub file: String,
    /// The country whose national extension it belongs to; `None` for the regional framework.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub national: Option<Iso3>,
    /// Why a national indicator was added (the sub-group's pilot research).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rationale: Option<String>,
}

fn ser_formula<S: serde::Serializer>(f: &Option<Formula>, s: S) -> Result<S::Ok, S::Error> {
    match f {
        Some(f) => s.serialize_str(&f.text),
        None => s.serialize_none(),
    }
}

/// The checked framework.
#[derive(Debug, Clone)]
pub struct Framework {
    /// Version of the framework files.
    pub version: String,
    /// Themes by order.
    pub themes: Vec<Theme>,
    /// Units.
    pub units: Vec<Unit>,
    /// Codelists by id.
    pub codelists: BTreeMap<String, Codelist>,
    /// Dimensions by id (global and indicator-owned).
    pub dimensions: BTreeMap<DimensionId, Dimension>,
    /// Indicators, by theme then file order: the regional framework's, plus one country's
    /// national ones in a framework made by [`Framework::for_country`].
    pub indicators: Vec<Indicator>,
    /// National extensions (`indicators/national/<ISO3>.toml`), kept out of `indicators`.
    pub extensions: BTreeMap<Iso3, Vec<Indicator>>,
    /// The version of each national extension (its `[extension]` table).
    pub extension_versions: BTreeMap<Iso3, u32>,
    index: HashMap<IndicatorCode, usize>,
    files: std::sync::Arc<FrameworkFiles>,
}

// ---- raw file shapes -------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawText {
    en: Option<String>,
    fr: Option<String>,
    pt: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    version: String,
    languages: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawThemes {
    theme: Vec<RawTheme>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTheme {
    code: String,
    order: u32,
    name: RawText,
    description: RawText,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUnits {
    unit: Vec<RawUnit>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUnit {
    id: String,
    symbol: Option<String>,
    kind: Option<String>,
    decimals: Option<u8>,
    name: RawText,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCodelists {
    codelist: Vec<RawCodelist>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCodelist {
    id: String,
    name: RawText,
    #[serde(default)]
    code: Vec<RawCode>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCode {
    id: String,
    name: RawText,
    parent: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDimensions {
    dimension: Vec<RawDimension>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDimension {
    id: String,
    name: RawText,
    codelist: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicators {
    extension: Option<RawExtension>,
    #[serde(default)]
    indicator: Vec<RawIndicator>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExtension {
    country: String,
    version: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOwnDimension {
    id: String,
    name: RawText,
    #[serde(default)]
    code: Vec<RawCode>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    name: Option<RawSourceName>,
    code: Option<String>,
    url: Option<String>,
    caveat: Option<RawText>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    code: String,
    theme: String,
    name: Option<RawText>,
    definition: Option<RawText>,
    unit: Option<String>,
    #[serde(default)]
    unit_mult: u8,
    decimals: Option<u8>,
    #[serde(default)]
    dimensions: Vec<String>,
    #[serde(default)]
    own_dimension: Vec<RawOwnDimension>,
    #[serde(default)]
    source: Vec<RawSource>,
    sdg: Option<String>,
    #[serde(default)]
    gcm: Vec<u8>,
    #[serde(default)]
    key: bool,
    formula: Option<String>,
    rationale: Option<String>,
}

/// A source's `name`: the `{ en, fr, pt }` table it must be, or the plain string of the
/// framework's older files, kept apart so the check can say what to write instead.
enum RawSourceName {
    Text(RawText),
    Plain(String),
}

impl<'de> Deserialize<'de> for RawSourceName {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = RawSourceName;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a table with en, fr and pt")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(RawSourceName::Plain(v.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, m: A) -> Result<Self::Value, A::Error> {
                RawText::deserialize(serde::de::value::MapAccessDeserializer::new(m)).map(RawSourceName::Text)
            }
        }
        d.deserialize_any(V)
    }
}

// ---- checking --------------------------------------------------------------------------

struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn add(&mut self, file: &str, item: impl Into<String>, problem: impl Into<String>) {
        self.problems.push(Problem { file: file.to_string(), item: item.into(), problem: problem.into() });
    }

    fn text(&mut self, file: &str, item: &str, field: &str, raw: Option<&RawText>) -> I18nText {
        let Some(raw) = raw else {
            self.add(file, item, format!("`{field}` is missing: expected a table with en, fr and pt"));
            return I18nText::default();
        };
        let t = I18nText::new(raw.en.clone().unwrap_or_default(), raw.fr.clone().unwrap_or_default(), raw.pt.clone().unwrap_or_default());
        for l in t.missing() {
            self.add(file, item, format!("`{field}` has no {} text ({}): every text needs en, fr and pt", l.endonym(), l.code()));
        }
        t
    }

    fn parse<T: serde::de::DeserializeOwned>(&mut self, file: &str, text: &str) -> Option<T> {
        match toml::from_str::<T>(text) {
            Ok(v) => Some(v),
            Err(e) => {
                let msg = e.message().to_string();
                let at = e.span().map(|s| line_col(text, s.start)).map(|(l, c)| format!(" (line {l}, column {c})")).unwrap_or_default();
                self.add(file, "-", format!("not valid framework TOML{at}: {msg}"));
                None
            }
        }
    }
}

/// The country of a national extension file (`indicators/national/<ISO3>.toml`), checked
/// against its `[extension]` table; `None` for the regional files (which may not have one).
fn national_file(ck: &mut Checker, file: &str, ext: Option<&RawExtension>) -> Option<Iso3> {
    let Some(name) = file.strip_prefix("indicators/national/") else {
        if ext.is_some() {
            ck.add(file, "extension", "only a national file (indicators/national/<ISO3>.toml) has an [extension] table");
        }
        return None;
    };
    let stem = name.strip_suffix(".toml").unwrap_or(name);
    let Ok(country) = Iso3::parse(stem) else {
        ck.add(file, "-", format!("`{stem}` is not a country: a national file is named indicators/national/<ISO3>.toml"));
        return None;
    };
    match ext {
        Some(e) if e.country == country.as_str() => Some(country),
        Some(e) => {
            ck.add(file, "extension", format!("country = \"{}\" but the file is {country}'s", e.country));
            None
        }
        None => {
            ck.add(file, "extension", "the [extension] table is missing: expected country and version");
            None
        }
    }
}

/// National codes (`NAT.<ISO3>.…`) in their country's file only, and nowhere else.
fn check_namespace(code: &IndicatorCode, national: Option<&Iso3>) -> Result<(), String> {
    match national {
        None if crate::national::is_national(code) => {
            Err(format!("codes under {}. are national: they belong in indicators/national/<ISO3>.toml", crate::national::NATIONAL_PREFIX))
        }
        None => Ok(()),
        Some(c) => match crate::national::NationalCode::parse(code.as_str()) {
            Ok(n) if n.country() == c => Ok(()),
            Ok(n) => Err(format!("a code of {}'s namespace in {c}'s extension", n.country())),
            Err(e) => Err(e.to_string()),
        },
    }
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map(|l| l.chars().count()).unwrap_or(0) + 1;
    (line, col)
}

const META: &str = "framework.toml";
const THEMES: &str = "themes.toml";
const UNITS: &str = "units.toml";
const CODELISTS: &str = "codelists.toml";
const DIMENSIONS: &str = "dimensions.toml";

impl Framework {
    /// Checks the framework files and builds the framework, or lists every problem.
    /// `areas`, when given, is used to check group codes named in formulas.
    pub fn from_files(files: &FrameworkFiles, areas: Option<&AreaRegistry>) -> Result<Framework, FrameworkError> {
        let mut ck = Checker { problems: Vec::new() };
        let get = |name: &str| files.iter().find(|(p, _)| p == name).map(|(_, t)| t.as_str());
        for name in [META, THEMES, UNITS, CODELISTS, DIMENSIONS] {
            if get(name).is_none() {
                ck.add(name, "-", "the file is missing from the framework directory");
            }
        }
        for (p, _) in files {
            // country-forms.toml: how sentences name a country, read by the renderer (mp_render::grammar).
            let known = [META, THEMES, UNITS, CODELISTS, DIMENSIONS, "areas.toml", "rules.toml", "country-forms.toml"]
                .contains(&p.as_str())
                || (p.starts_with("indicators/") && p.ends_with(".toml"));
            if !known && p.ends_with(".toml") {
                ck.add(p, "-", "unexpected file: expected framework.toml, themes.toml, units.toml, codelists.toml, dimensions.toml, areas.toml, rules.toml, country-forms.toml or indicators/*.toml");
            }
        }

        // framework.toml
        let mut version = String::new();
        if let Some(meta) = get(META).and_then(|t| ck.parse::<RawMeta>(META, t)) {
            version = meta.version;
            let langs: HashSet<String> = meta.languages.iter().map(|l| l.to_lowercase()).collect();
            for l in Lang::ALL {
                if !langs.contains(l.code()) {
                    ck.add(
                        META,
                        "languages",
                        format!("{} ({}) is missing: the profiles are published in en, fr and pt", l.endonym(), l.code()),
                    );
                }
            }
        }

        // themes.toml
        let mut themes = Vec::new();
        if let Some(raw) = get(THEMES).and_then(|t| ck.parse::<RawThemes>(THEMES, t)) {
            let mut seen = HashSet::new();
            for t in raw.theme {
                let item = format!("theme {}", t.code);
                let code = match ThemeCode::parse(&t.code) {
                    Ok(c) => c,
                    Err(e) => {
                        ck.add(THEMES, &item, e.to_string());
                        continue;
                    }
                };
                if !seen.insert(code.clone()) {
                    ck.add(THEMES, &item, "duplicate theme code");
                    continue;
                }
                let name = ck.text(THEMES, &item, "name", Some(&t.name));
                let description = ck.text(THEMES, &item, "description", Some(&t.description));
                themes.push(Theme { code, order: t.order, name, description });
            }
            themes.sort_by_key(|t| (t.order, t.code.clone()));
        }

        // units.toml
        let mut units = Vec::new();
        if let Some(raw) = get(UNITS).and_then(|t| ck.parse::<RawUnits>(UNITS, t)) {
            let mut seen = HashSet::new();
            for u in raw.unit {
                let item = format!("unit {}", u.id);
                if u.id.trim().is_empty() || !u.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
                    ck.add(UNITS, &item, "a unit id is lower-case letters, digits and underscores");
                    continue;
                }
                if !seen.insert(u.id.clone()) {
                    ck.add(UNITS, &item, "duplicate unit id");
                    continue;
                }
                let name = ck.text(UNITS, &item, "name", Some(&u.name));
                let kinds = || UnitKind::ALL.map(UnitKind::as_str).join(", ");
                let kind = match u.kind.as_deref() {
                    Some(k) => match UnitKind::ALL.into_iter().find(|x| x.as_str() == k) {
                        Some(kind) => kind,
                        None => {
                            ck.add(UNITS, &item, format!("unknown kind `{k}`: expected one of {}", kinds()));
                            continue;
                        }
                    },
                    None => {
                        ck.add(UNITS, &item, format!("`kind` is missing: every unit says how it is shown, one of {}", kinds()));
                        continue;
                    }
                };
                let decimals = match u.decimals {
                    Some(d) if d <= 6 => d,
                    Some(d) => {
                        ck.add(UNITS, &item, format!("decimals = {d}: expected 0 to 6"));
                        continue;
                    }
                    None => {
                        ck.add(UNITS, &item, "`decimals` is missing: every unit gives the decimals its figures show by default");
                        continue;
                    }
                };
                units.push(Unit { id: u.id, symbol: u.symbol, kind, decimals, name });
            }
        }

        // codelists.toml
        let mut codelists = BTreeMap::new();
        if let Some(raw) = get(CODELISTS).and_then(|t| ck.parse::<RawCodelists>(CODELISTS, t)) {
            for cl in raw.codelist {
                let item = format!("codelist {}", cl.id);
                if codelists.contains_key(&cl.id) {
                    ck.add(CODELISTS, &item, "duplicate codelist id");
                    continue;
                }
                let name = ck.text(CODELISTS, &item, "name", Some(&cl.name));
                let codes = check_codes(&mut ck, CODELISTS, &item, cl.code);
                codelists.insert(cl.id.clone(), Codelist { id: cl.id, name, codes });
            }
        }

        // dimensions.toml
        let mut dimensions = BTreeMap::new();
        if let Some(raw) = get(DIMENSIONS).and_then(|t| ck.parse::<RawDimensions>(DIMENSIONS, t)) {
            for d in raw.dimension {
                let item = format!("dimension {}", d.id);
                let id = match DimensionId::parse(&d.id) {
                    Ok(id) => id,
                    Err(e) => {
                        ck.add(DIMENSIONS, &item, e.to_string());
                        continue;
                    }
                };
                if dimensions.contains_key(&id) {
                    ck.add(DIMENSIONS, &item, "duplicate dimension id");
                    continue;
                }
                let values = if d.codelist == "@AREA" {
                    DimensionValues::Areas
                } else if codelists.contains_key(&d.codelist) {
                    DimensionValues::Codelist(d.codelist)
                } else {
                    ck.add(DIMENSIONS, &item, format!("unknown codelist `{}`: expected an id from codelists.toml or @AREA", d.codelist));
                    continue;
                };
                let name = ck.text(DIMENSIONS, &item, "name", Some(&d.name));
                dimensions.insert(id.clone(), Dimension { id, name, values });
            }
        }

        // indicators/*.toml
        let theme_codes: HashSet<&ThemeCode> = themes.iter().map(|t| &t.code).collect();
        let unit_ids: HashSet<&str> = units.iter().map(|u| u.id.as_str()).collect();
        let mut indicators: Vec<Indicator> = Vec::new();
        let mut index = HashMap::new();
        let mut own_dims: Vec<(DimensionId, Dimension, Codelist)> = Vec::new();
        let mut extension_versions = BTreeMap::new();
        let mut indicator_files: Vec<&(String, String)> =
            files.iter().filter(|(p, _)| p.starts_with("indicators/") && p.ends_with(".toml")).collect();
        indicator_files.sort_by(|a, b| a.0.cmp(&b.0));
        if indicator_files.is_empty() {
            ck.add("indicators/", "-", "no indicator files: expected indicators/*.toml");
        }
        for (file, text) in indicator_files {
            let Some(raw) = ck.parse::<RawIndicators>(file, text) else { continue };
            let national = national_file(&mut ck, file, raw.extension.as_ref());
            if let (Some(c), Some(e)) = (&national, &raw.extension) {
                extension_versions.insert(c.clone(), e.version);
            }
            if file.starts_with("indicators/national/") && national.is_none() {
                continue;
            }
            for ri in raw.indicator {
                let item = format!("indicator {}", ri.code);
                let code = match IndicatorCode::parse(&ri.code) {
                    Ok(c) => c,
                    Err(e) => {
                        ck.add(file, &item, e.to_string());
                        continue;
                    }
                };
                if let Err(e) = check_namespace(&code, national.as_ref()) {
                    ck.add(file, &item, e);
                    continue;
                }
                if let Some(&i) = index.get(&code) {
                    let other: &Indicator = &indicators[i];
                    ck.add(file, &item, format!("duplicate indicator code (first defined in {})", other.file));
                    continue;
                }
                let theme = match ThemeCode::parse(&ri.theme) {
                    Ok(t) if theme_codes.contains(&t) => t,
                    Ok(t) => {
                        ck.add(file, &item, format!("unknown theme `{t}`: expected one of themes.toml"));
                        t
                    }
                    Err(e) => {
                        ck.add(file, &item, e.to_string());
                        continue;
                    }
                };
                let name = ck.text(file, &item, "name", ri.name.as_ref());
                let definition = ck.text(file, &item, "definition", ri.definition.as_ref());
                let unit = match ri.unit {
                    Some(u) if unit_ids.contains(u.as_str()) => u,
                    Some(u) => {
                        ck.add(file, &item, format!("unknown unit `{u}`: expected an id from units.toml"));
                        u
                    }
                    None => {
                        ck.add(file, &item, "`unit` is missing: every indicator needs a unit from units.toml");
                        String::new()
                    }
                };
                let unit_mult = UnitMult::new(ri.unit_mult).unwrap_or_else(|e| {
                    ck.add(file, &item, e.to_string());
                    UnitMult::UNITS
                });
                let mut own = HashSet::new();
                for od in ri.own_dimension {
                    let oitem = format!("{item}, own dimension {}", od.id);
                    match DimensionId::parse(&od.id) {
                        Ok(id) => {
                            if dimensions.contains_key(&id) {
                                ck.add(file, &oitem, "already a dimension in dimensions.toml: list it in `dimensions` instead");
                                continue;
                            }
                            let dname = ck.text(file, &oitem, "name", Some(&od.name));
                            let codes = check_codes(&mut ck, file, &oitem, od.code);
                            let clid = format!("CL_{}_{}", code.as_str().replace('.', "_"), id);
                            own.insert(id.clone());
                            own_dims.push((
                                id.clone(),
                                Dimension { id: id.clone(), name: dname.clone(), values: DimensionValues::Codelist(clid.clone()) },
                                Codelist { id: clid, name: dname, codes },
                            ));
                        }
                        Err(e) => ck.add(file, &oitem, e.to_string()),
                    }
                }
                let mut dims = Vec::new();
                for d in &ri.dimensions {
                    match DimensionId::parse(d) {
                        Ok(id) if dimensions.contains_key(&id) || own.contains(&id) => {
                            if dims.contains(&id) {
                                ck.add(file, &item, format!("dimension {id} is listed twice"));
                            } else {
                                dims.push(id)
                            }
                        }
                        Ok(id) => ck.add(
                            file,
                            &item,
                            format!("unknown dimension `{id}`: expected an id from dimensions.toml or an own_dimension of this indicator"),
                        ),
                        Err(e) => ck.add(file, &item, e.to_string()),
                    }
                }
                let mut sources = Vec::new();
                for (k, s) in ri.source.into_iter().enumerate() {
                    let field = format!("name of source {}", k + 1);
                    let name = match &s.name {
                        Some(RawSourceName::Plain(p)) => {
                            ck.add(
                                file,
                                &item,
                                format!("`{field}` is the plain string {p:?}: expected a table with en, fr and pt, e.g. name = {{ en = \"…\", fr = \"…\", pt = \"…\" }}"),
                            );
                            I18nText::new(p.clone(), p.clone(), p.clone())
                        }
                        Some(RawSourceName::Text(t)) => ck.text(file, &item, &field, Some(t)),
                        None => ck.text(file, &item, &field, None),
                    };
                    let _ = s.url;
                    let caveat = s.caveat.as_ref().map(|c| ck.text(file, &item, "source caveat", Some(c)));
                    sources.push(SourceRef { name, code: s.code, caveat });
                }
                for g in &ri.gcm {
                    if !(1..=23).contains(g) {
                        ck.add(file, &item, format!("GCM objective {g} does not exist: expected 1 to 23"));
                    }
                }
                let formula = ri.formula.as_deref().and_then(|f| match Formula::parse(f) {
                    Ok(f) => Some(f),
                    Err(e) => {
                        ck.add(file, &item, e.to_string());
                        None
                    }
                });
                // An unknown unit is already a problem above; its defaults only let the check go on.
                let unit_def = units.iter().find(|u| u.id == unit);
                let unit_kind = unit_def.map_or(UnitKind::Number, |u| u.kind);
                let decimals = ri.decimals.unwrap_or(unit_def.map_or(1, |u| u.decimals));
                index.insert(code.clone(), indicators.len());
                indicators.push(Indicator {
                    code,
                    theme,
                    name,
                    definition,
                    unit,
                    unit_kind,
                    unit_mult,
                    decimals,
                    dimensions: dims,
                    sources,
                    sdg: ri.sdg,
                    gcm: ri.gcm,
                    key: ri.key,
                    formula,
                    file: file.clone(),
                    national: national.clone(),
                    rationale: ri.rationale,
                });
            }
        }
        for (id, d, cl) in own_dims {
            codelists.insert(cl.id.clone(), cl);
            dimensions.entry(id).or_insert(d);
        }

        // Formulas may only name indicators, dimensions, codes and groups that exist.
        for ind in &indicators {
            let Some(f) = &ind.formula else { continue };
            let item = format!("indicator {}", ind.code);
            for (r, by) in f.references() {
                let Some(&j) = index.get(&r.code) else {
                    ck.add(&ind.file, &item, format!("formula names unknown indicator {}", r.code));
                    continue;
                };
                let target = &indicators[j];
                if target.national.is_some() && target.national != ind.national {
                    ck.add(&ind.file, &item, format!("formula names {}, a national indicator of another framework", r.code));
                }
                for (d, c) in r.dims.iter().map(|(d, c)| (d, Some(c))).chain(by.map(|d| (d, None))) {
                    if !target.dimensions.contains(d) {
                        ck.add(&ind.file, &item, format!("formula uses dimension {d} of {}, which {} does not have", r.code, r.code));
                        continue;
                    }
                    if let (Some(c), Some(Dimension { values: DimensionValues::Codelist(cl), .. })) = (c, dimensions.get(d))
                        && codelists.get(cl).is_some_and(|cl| cl.code(c.as_str()).is_none())
                    {
                        ck.add(&ind.file, &item, format!("formula uses code {c}, which is not in {cl} (dimension {d})"));
                    }
                }
            }
            if let Some(areas) = areas {
                for g in f.groups() {
                    if !areas.contains(&crate::codes::AreaCode::Group(g.clone())) {
                        ck.add(&ind.file, &item, format!("formula names unknown area group {g}"));
                    }
                }
            }
            if f.references().iter().any(|(r, _)| r.code == ind.code) {
                ck.add(&ind.file, &item, "formula refers to the indicator itself");
            }
        }
        for t in &themes {
            if !indicators.iter().any(|i| i.theme == t.code && i.national.is_none()) {
                ck.add(THEMES, format!("theme {}", t.code), "no indicator belongs to this theme");
            }
        }

        if !ck.problems.is_empty() {
            return Err(FrameworkError { problems: ck.problems });
        }
        let order: HashMap<&ThemeCode, u32> = themes.iter().map(|t| (&t.code, t.order)).collect();
        let mut sorted: Vec<(usize, Indicator)> = indicators.into_iter().enumerate().collect();
        sorted.sort_by_key(|(i, ind)| (order.get(&ind.theme).copied().unwrap_or(u32::MAX), *i));
        let (indicators, national): (Vec<Indicator>, Vec<Indicator>) =
            sorted.into_iter().map(|(_, i)| i).partition(|i| i.national.is_none());
        let mut extensions: BTreeMap<Iso3, Vec<Indicator>> = BTreeMap::new();
        for ind in national {
            if let Some(c) = ind.national.clone() {
                extensions.entry(c).or_default().push(ind);
            }
        }
        let index = indicators.iter().enumerate().map(|(i, ind)| (ind.code.clone(), i)).collect();
        let files = std::sync::Arc::new(files.clone());
        Ok(Framework { version, themes, units, codelists, dimensions, indicators, extensions, extension_versions, index, files })
    }

    /// The framework of `country`: the regional indicators and its national ones, each theme's
    /// national indicators after the regional ones. Without an extension, the regional framework.
    pub fn for_country(&self, country: &Iso3) -> Framework {
        let mut fw = self.clone();
        let Some(ext) = self.extensions.get(country) else { return fw };
        let order: HashMap<&ThemeCode, u32> = self.themes.iter().map(|t| (&t.code, t.order)).collect();
        fw.indicators.extend(ext.iter().cloned());
        // A stable sort keeps the file order within a theme, regional indicators first.
        fw.indicators.sort_by_key(|i| (order.get(&i.theme).copied().unwrap_or(u32::MAX), i.national.is_some()));
        fw.index = fw.indicators.iter().enumerate().map(|(i, ind)| (ind.code.clone(), i)).collect();
        fw
    }

    /// This framework with `country`'s extension replaced by `text` (a national framework file
    /// kept in the store), checked by the same loader as the files on disk.
    pub fn with_extension(&self, country: &Iso3, text: &str) -> Result<Framework, FrameworkError> {
        let path = format!("indicators/national/{country}.toml");
        let mut files: FrameworkFiles = self.files.iter().filter(|(p, _)| *p != path).cloned().collect();
        files.push((path, text.to_string()));
        Framework::from_files(&files, None)
    }

    /// The regional indicators only: what every comparison between countries may use.
    pub fn regional_indicators(&self) -> impl Iterator<Item = &Indicator> {
        self.indicators.iter().filter(|i| i.national.is_none())
    }

    /// Looks an indicator up.
    pub fn indicator(&self, code: &IndicatorCode) -> Option<&Indicator> {
        self.index.get(code).map(|&i| &self.indicators[i])
    }

    /// Looks an indicator up by text.
    pub fn find(&self, code: &str) -> Option<&Indicator> {
        IndicatorCode::parse(&code.trim().to_ascii_uppercase()).ok().and_then(|c| self.indicator(&c))
    }

    /// Looks a theme up.
    pub fn theme(&self, code: &ThemeCode) -> Option<&Theme> {
        self.themes.iter().find(|t| &t.code == code)
    }

    /// Looks a unit up.
    pub fn unit(&self, id: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.id == id)
    }

    /// The indicators of a theme.
    pub fn indicators_of<'a>(&'a self, theme: &'a ThemeCode) -> impl Iterator<Item = &'a Indicator> + 'a {
        self.indicators.iter().filter(move |i| &i.theme == theme)
    }

    /// The codelist of a dimension, `None` for area dimensions or unknown ids.
    pub fn codelist_of(&self, dim: &DimensionId) -> Option<&Codelist> {
        match &self.dimensions.get(dim)?.values {
            DimensionValues::Codelist(id) => self.codelists.get(id),
            DimensionValues::Areas => None,
        }
    }

    /// Checks a dimension key against an indicator: every dimension allowed, every code known.
    /// Area codes are checked by `area_ok`.
    pub fn check_dims(&self, ind: &Indicator, key: &DimensionKey, area_ok: impl Fn(&CodeValue) -> bool) -> Result<(), String> {
        for (d, c) in key.iter() {
            if !ind.dimensions.contains(d) {
                let allowed: Vec<&str> = ind.dimensions.iter().map(|d| d.as_str()).collect();
                return Err(format!(
                    "indicator {} has no dimension {d}: expected {}",
                    ind.code,
                    if allowed.is_empty() { "no dimension at all".to_string() } else { allowed.join(", ") }
                ));
            }
            match self.dimensions.get(d).map(|x| &x.values) {
                Some(DimensionValues::Areas) => {
                    if !area_ok(c) {
                        return Err(format!("{d}={c}: unknown area code"));
                    }
                }
                Some(DimensionValues::Codelist(cl)) => {
                    if let Some(cl) = self.codelists.get(cl)
                        && cl.code(c.as_str()).is_none()
                    {
                        let sample: Vec<&str> = cl.codes.iter().take(12).map(|c| c.id.as_str()).collect();
                        return Err(format!(
                            "{d}={c}: not a code of {} (expected one of {}{})",
                            cl.id,
                            sample.join(", "),
                            if cl.codes.len() > 12 { ", …" } else { "" }
                        ));
                    }
                }
                None => return Err(format!("unknown dimension {d}")),
            }
        }
        Ok(())
    }
}

fn check_codes(ck: &mut Checker, file: &str, item: &str, raw: Vec<RawCode>) -> Vec<Code> {
    let mut out: Vec<Code> = Vec::new();
    for c in raw {
        let citem = format!("{item}, code {}", c.id);
        match CodeValue::parse(&c.id) {
            Ok(id) => {
                if out.iter().any(|x| x.id == id) {
                    ck.add(file, &citem, "duplicate code");
                    continue;
                }
                let name = ck.text(file, &citem, "name", Some(&c.name));
                let parent = c.parent.as_deref().and_then(|p| CodeValue::parse(p).map_err(|e| ck.add(file, &citem, e.to_string())).ok());
                out.push(Code { id, name, parent });
            }
            Err(e) => ck.add(file, &citem, e.to_string()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> String {
        format!("{{ en = \"{s}\", fr = \"{s} fr\", pt = \"{s} pt\" }}")
    }

    fn files(indicators: &str) -> FrameworkFiles {
        vec![
            ("framework.toml".into(), "version = \"1\"\nlanguages = [\"en\", \"fr\", \"pt\"]\n".into()),
            (
                "themes.toml".into(),
                format!("[[theme]]\ncode = \"T04\"\norder = 4\nname = {}\ndescription = {}\n", t("Migration"), t("Stocks")),
            ),
            (
                "units.toml".into(),
                format!(
                    "[[unit]]\nid = \"persons\"\nkind = \"number\"\ndecimals = 0\nname = {}\n[[unit]]\nid = \"percent\"\nsymbol = \"%\"\nkind = \"percent\"\ndecimals = 1\nname = {}\n",
                    t("persons"),
                    t("percent")
                ),
            ),
            (
                "codelists.toml".into(),
                format!(
                    "[[codelist]]\nid = \"CL_SEX\"\nname = {}\n[[codelist.code]]\nid = \"F\"\nname = {}\n[[codelist.code]]\nid = \"_T\"\nname = {}\n",
                    t("Sex"),
                    t("Female"),
                    t("Total")
                ),
            ),
            (
                "dimensions.toml".into(),
                format!(
                    "[[dimension]]\nid = \"SEX\"\ncodelist = \"CL_SEX\"\nname = {}\n[[dimension]]\nid = \"COUNTERPART_AREA\"\ncodelist = \"@AREA\"\nname = {}\n",
                    t("Sex"),
                    t("Counterpart")
                ),
            ),
            ("indicators/T04-migration.toml".into(), indicators.into()),
        ]
    }

    fn ind(code: &str, extra: &str) -> String {
        format!(
            "[[indicator]]\ncode = \"{code}\"\ntheme = \"T04\"\nname = {}\ndefinition = {}\nunit = \"persons\"\ndimensions = [\"SEX\"]\n{extra}\n",
            t(code),
            t("def")
        )
    }

    #[test]
    fn a_good_framework_loads() {
        let fw = Framework::from_files(
            &files(&(ind("IMM.STOCK", "") + &ind("IMM.FEM", "formula = \"IMM.STOCK{SEX=F} / IMM.STOCK * 100\""))),
            None,
        )
        .unwrap();
        assert_eq!(fw.indicators.len(), 2);
        assert!(fw.find("imm.fem").unwrap().formula.is_some());
    }

    fn problems(ind_text: &str) -> Vec<String> {
        Framework::from_files(&files(ind_text), None).unwrap_err().problems.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn every_kind_of_break_is_named() {
        let p = problems(&(ind("IMM.STOCK", "") + &ind("IMM.STOCK", "")));
        assert!(p.iter().any(|p| p.contains("indicators/T04-migration.toml: indicator IMM.STOCK: duplicate")), "{p:?}");
        let p = problems(&ind("IMM.STOCK", "").replace("T04\"", "T99\""));
        assert!(p.iter().any(|p| p.contains("unknown theme `T99`")), "{p:?}");
        let p = problems(&ind("IMM.STOCK", "").replace("unit = \"persons\"\n", ""));
        assert!(p.iter().any(|p| p.contains("`unit` is missing")), "{p:?}");
        let p = problems(&ind("IMM.X", "formula = \"IMM.NOPE / 2\""));
        assert!(p.iter().any(|p| p.contains("indicator IMM.X: formula names unknown indicator IMM.NOPE")), "{p:?}");
        let p = problems(&ind("IMM.STOCK", "").replace("pt = \"IMM.STOCK pt\"", "pt = \"\""));
        assert!(p.iter().any(|p| p.contains("no Português text (pt)")), "{p:?}");
        let p = problems(&ind("IMM.STOCK", "formula = \"IMM.STOCK{SEX=X} * 2\""));
        assert!(p.iter().any(|p| p.contains("code X")), "{p:?}");
        let p = problems("[[indicator]\ncode = 1");
        assert!(p.iter().any(|p| p.contains("not valid framework TOML (line")), "{p:?}");
    }

    #[test]
    fn source_names_are_texts_in_every_language() {
        let src = |name: &str| format!("[[indicator.source]]\nname = {name}\ncaveat = {}\n", t("Interpolated"));
        let fw = Framework::from_files(&files(&ind("IMM.STOCK", &src(&t("UN DESA")))), None).unwrap();
        let s = &fw.find("IMM.STOCK").unwrap().sources[0];
        assert_eq!((s.name.get(Lang::En), s.name.get(Lang::Fr), s.name.get(Lang::Pt)), ("UN DESA", "UN DESA fr", "UN DESA pt"));
        // A plain string, a missing language, an empty text or no name at all is refused, naming
        // the file, the indicator and the source.
        let at = "indicators/T04-migration.toml: indicator IMM.STOCK: `name of source 1`";
        for (name, expected) in [
            ("\"UN DESA\"".to_string(), "is the plain string \"UN DESA\": expected a table with en, fr and pt"),
            ("{ en = \"UN DESA\", fr = \"ONU-DAES\" }".to_string(), "has no Português text (pt)"),
            ("{ en = \"UN DESA\", fr = \" \", pt = \"ONU-DAES\" }".to_string(), "has no Français text (fr)"),
        ] {
            let p = problems(&ind("IMM.STOCK", &src(&name)));
            assert!(p.iter().any(|p| p.contains(&format!("{at} {expected}"))), "{name}: {p:?}");
        }
        let p = problems(&ind("IMM.STOCK", &format!("[[indicator.source]]\ncode = \"SM.POP.TOTL\"\ncaveat = {}\n", t("c"))));
        assert!(p.iter().any(|p| p.contains(&format!("{at} is missing: expected a table with en, fr and pt"))), "{p:?}");
        // A second source is named by its place.
        let p = problems(&ind("IMM.STOCK", &(src(&t("A")) + &src("{ en = \"B\", fr = \"B\" }"))));
        assert!(p.iter().any(|p| p.contains("`name of source 2` has no Português text (pt)")), "{p:?}");
        // Unknown languages in a name are refused like in every other text.
        let p = problems(&ind("IMM.STOCK", &src("{ en = \"A\", fr = \"A\", pt = \"A\", es = \"A\" }")));
        assert!(p.iter().any(|p| p.contains("unknown field `es`")), "{p:?}");
    }

    #[test]
    fn units_give_the_kind_and_decimals_of_their_indicators() {
        let fw = Framework::from_files(&files(&(ind("IMM.STOCK", "") + &ind("IMM.PCT", "").replace("\"persons\"", "\"percent\""))), None)
            .unwrap();
        let stock = fw.find("IMM.STOCK").unwrap();
        assert_eq!((stock.unit_kind, stock.decimals), (UnitKind::Number, 0));
        let pct = fw.find("IMM.PCT").unwrap();
        assert_eq!((pct.unit_kind, pct.decimals), (UnitKind::Percent, 1));
        let own = Framework::from_files(&files(&ind("IMM.STOCK", "decimals = 2")), None).unwrap();
        assert_eq!(own.find("IMM.STOCK").unwrap().decimals, 2);
        // A unit without a kind, with an unknown kind, or without decimals is refused by name.
        for (from, to, expected) in [
            ("kind = \"number\"\n", "", "units.toml: unit persons: `kind` is missing"),
            ("kind = \"number\"", "kind = \"people\"", "unit persons: unknown kind `people`: expected one of number, percent"),
            ("decimals = 0\n", "", "unit persons: `decimals` is missing"),
            ("decimals = 0", "decimals = 9", "unit persons: decimals = 9: expected 0 to 6"),
        ] {
            let mut f = files(&ind("IMM.STOCK", ""));
            f[2].1 = f[2].1.replacen(from, to, 1);
            let p: Vec<String> = Framework::from_files(&f, None).unwrap_err().problems.iter().map(|p| p.to_string()).collect();
            assert!(p.iter().any(|p| p.contains(expected)), "{expected}: {p:?}");
        }
    }

    #[test]
    fn all_problems_are_reported_together() {
        let p = problems(&(ind("A.B", "").replace("unit = \"persons\"\n", "") + &ind("C.D", "formula = \"X.Y\"")));
        assert!(p.len() >= 2, "{p:?}");
    }
}
