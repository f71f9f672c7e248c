//! National data: what ministries and the statistics office submit (long CSV with a column
//! mapping, SDMX-CSV 1.0 and 2.0, the XLSX submission template).
//!
//! The three readers share one way of turning the cells of a row into an observation
//! ([`Resolver`]): codes may be typed as codelist ids (`F`) or, for convenience, as their label
//! in English, French or Portuguese (`Female`, `Féminin`, `Feminino`), matched without regard to
//! case, accents or surrounding spaces; areas as ISO alpha-3 codes, group codes, M49 numbers or
//! names. Every problem of a file is collected and reported together, naming the file, sheet,
//! row, column, value and what was expected; nothing is returned when there is one.
//!
//! - [`longcsv`]: a long CSV (one figure per row) described by a [`longcsv::Mapping`].
//! - [`sdmx`]: SDMX-CSV 1.0 and 2.0, and the writer used for downloads.
//! - [`template`]: the XLSX submission template, written per country and theme, read back as is.

pub mod extension;
pub mod longcsv;
pub mod owner;
pub mod sdmx;
pub mod template;
pub mod upload;

pub use longcsv::{Field, Mapping, MappingSource, read_long_csv};
pub use sdmx::{SdmxOverrides, read_sdmx_csv};
pub use template::{Prefill, PrefillRow, PrefillValue, TEMPLATE_VERSION, read_template, write_template, write_template_prefilled};

use crate::context::{Context, Obs};
use crate::error::{Problem, Problems};
use crate::files::InputFile;
use mp_domain::framework::DimensionValues;
use mp_domain::{AreaCode, CodeValue, DimensionId, DimensionKey, Indicator, ObsStatus, ObsValue, Period, UnitMult};
use std::collections::HashMap;

pub use mp_text::fold;

/// The forms a typed code may take besides itself: the id before ` — ` (the template's
/// drop-down lists show `F — Féminin`) and the id before `:` (SDMX-CSV with labels=both).
fn candidates(text: &str) -> Vec<&str> {
    let t = text.trim();
    let mut v = vec![t];
    for sep in [" — ", " – ", ":"] {
        if let Some((head, _)) = t.split_once(sep) {
            let head = head.trim();
            if !head.is_empty() && !v.contains(&head) {
                v.push(head);
            }
        }
    }
    v
}

/// Words census and register tables use instead of the codelist labels (`Femmes`, `Homens`,
/// `Ensemble`…), by codelist; `*` applies to every codelist.
const SYNONYMS: &[(&str, &str, &[&str])] = &[
    ("CL_SEX", "F", &["femme", "femmes", "feminin", "female", "females", "woman", "women", "mulher", "mulheres", "feminino", "feminina"]),
    ("CL_SEX", "M", &["homme", "hommes", "masculin", "male", "males", "man", "men", "homem", "homens", "masculino"]),
    ("CL_SEX", "_T", &["both sexes", "les deux sexes", "deux sexes", "ambos os sexos"]),
    ("*", "_T", &["total", "ensemble", "all", "tous", "toutes", "todos", "todas"]),
];

/// The code a synonym stands for in a codelist.
fn synonym(codelist: &str, text: &str) -> Option<&'static str> {
    let t = fold(text);
    SYNONYMS.iter().find(|(cl, _, words)| (*cl == codelist || *cl == "*") && words.contains(&t.as_str())).map(|(_, code, _)| *code)
}

/// A lookup table from folded text to a value; `None` marks a label shared by several values.
struct Labels<T>(HashMap<String, Option<T>>);

impl<T: Clone + PartialEq> Labels<T> {
    fn new() -> Self {
        Labels(HashMap::new())
    }
    fn add(&mut self, text: &str, v: &T) {
        let k = fold(text);
        if k.is_empty() {
            return;
        }
        match self.0.get(&k) {
            None => {
                self.0.insert(k, Some(v.clone()));
            }
            Some(Some(x)) if x == v => {}
            Some(_) => {
                self.0.insert(k, None);
            }
        }
    }
    /// Adds labels that never shadow the codes already here; an ambiguous label stays ambiguous.
    fn merge(&mut self, other: Labels<T>) {
        for (k, v) in other.0 {
            self.0.entry(k).or_insert(v);
        }
    }
    /// `Ok(Some)` found, `Ok(None)` unknown, `Err(())` ambiguous.
    fn get(&self, text: &str) -> Result<Option<T>, ()> {
        match self.0.get(&fold(text)) {
            None => Ok(None),
            Some(Some(v)) => Ok(Some(v.clone())),
            Some(None) => Err(()),
        }
    }
}

/// Turns what people type in cells into framework codes: indicators, areas, codelist codes and
/// OBS_STATUS, by id or by label in any of the three languages.
pub struct Resolver<'a> {
    ctx: Context<'a>,
    indicators: Labels<usize>,
    areas: Labels<AreaCode>,
    codes: HashMap<String, (Labels<CodeValue>, Labels<CodeValue>)>,
    status: Labels<ObsStatus>,
}

/// How a row without a value and without a missing-value status is treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EmptyValue {
    /// A problem (SDMX-CSV: the format says how to mark a missing value).
    Problem,
    /// Left out and counted with an explained reason (long CSV exports of pivot tables).
    Skip,
}

/// Which cell of a row a problem is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Indicator,
    Area,
    Period,
    Value,
    Status,
    UnitMult,
    Dim(usize),
}

/// The text cells of one row, before any check.
pub(crate) struct RawRow<'r> {
    pub indicator: &'r str,
    pub area: &'r str,
    pub period: &'r str,
    pub value: &'r str,
    pub status: &'r str,
    pub unit_mult: &'r str,
    pub footnote: &'r str,
    pub dims: Vec<(DimensionId, &'r str)>,
}

/// What a row became.
pub(crate) enum Built {
    /// An observation.
    Obs(Obs),
    /// Left out on purpose, with the reason.
    Skip(String),
    /// Problems were recorded.
    Bad,
}

/// The reason used when a reference area is outside the profile countries and comparison groups.
pub const OUT_OF_SCOPE: &str =
    "reference area outside the profile countries and comparison groups (partner countries go in COUNTERPART_AREA)";
/// The reason used for long-CSV rows with an empty value and no missing-value status.
pub const NO_VALUE: &str = "empty value without a missing-value OBS_STATUS (L, M, O, Q or H)";

/// Names the scaling of a published figure for the footnote that records the conversion.
pub fn scale_note(power: i32) -> String {
    let unit = match power {
        1 => "tens".to_string(),
        2 => "hundreds".to_string(),
        3 => "thousands".to_string(),
        4 => "tens of thousands".to_string(),
        6 => "millions".to_string(),
        9 => "billions".to_string(),
        12 => "trillions".to_string(),
        15 => "quadrillions".to_string(),
        p => format!("units of 10^{p}"),
    };
    format!("Published in {unit}; converted to units")
}

fn is_empty_value(s: &str) -> bool {
    matches!(s.trim(), "" | "NA" | "NaN" | "nan" | "..")
}

impl<'a> Resolver<'a> {
    /// Builds the lookup tables once for a file.
    pub fn new(ctx: Context<'a>) -> Self {
        let fw = ctx.framework;
        let mut indicators = Labels::new();
        for (i, ind) in fw.indicators.iter().enumerate() {
            indicators.add(ind.code.as_str(), &i);
        }
        let mut names = Labels::new();
        for (i, ind) in fw.indicators.iter().enumerate() {
            for l in mp_domain::Lang::ALL {
                names.add(ind.name.get(l), &i);
            }
        }
        indicators.merge(names);
        let mut areas = Labels::new();
        for a in ctx.areas.all() {
            if let Some(iso2) = &a.iso2 {
                areas.add(iso2, &a.code);
            }
        }
        let mut names = Labels::new();
        for a in ctx.areas.all() {
            for l in mp_domain::Lang::ALL {
                names.add(a.name.get(l), &a.code);
            }
        }
        areas.merge(names);
        let mut codes = HashMap::new();
        for (id, cl) in &fw.codelists {
            let mut ids = Labels::new();
            let mut labels = Labels::new();
            for c in &cl.codes {
                ids.add(c.id.as_str(), &c.id);
                for l in mp_domain::Lang::ALL {
                    labels.add(c.name.get(l), &c.id);
                }
            }
            codes.insert(id.clone(), (ids, labels));
        }
        let mut status = Labels::new();
        for s in ObsStatus::all() {
            status.add(s.code(), &s);
        }
        let mut names = Labels::new();
        if let Some(cl) = fw.codelists.get("CL_OBS_STATUS") {
            for c in &cl.codes {
                if let Ok(s) = c.id.as_str().parse::<ObsStatus>() {
                    for l in mp_domain::Lang::ALL {
                        names.add(c.name.get(l), &s);
                    }
                }
            }
        }
        status.merge(names);
        Resolver { ctx, indicators, areas, codes, status }
    }

    /// The context.
    pub fn ctx(&self) -> &Context<'a> {
        &self.ctx
    }

    /// An indicator of the framework, by code or name.
    pub fn indicator(&self, text: &str) -> Result<&'a Indicator, String> {
        let fw = self.ctx.framework;
        for c in candidates(text) {
            if let Some(i) = fw.find(c) {
                return Ok(i);
            }
            match self.indicators.get(c) {
                Ok(Some(i)) => return Ok(&fw.indicators[i]),
                Ok(None) => {}
                Err(()) => return Err("this name is shared by several indicators: expected the indicator code, such as IMM.STOCK".into()),
            }
        }
        if text.trim().is_empty() {
            return Err("empty: expected an indicator code of the framework, such as IMM.STOCK".into());
        }
        Err("unknown indicator: expected an indicator code of the framework, such as IMM.STOCK, or its name".into())
    }

    /// A known area, by ISO alpha-3 or alpha-2 code, group code, M49 number or name.
    pub fn area(&self, text: &str) -> Result<AreaCode, String> {
        for c in candidates(text) {
            if let Some(a) = self.ctx.areas.find(c) {
                return Ok(a.code.clone());
            }
            match self.areas.get(c) {
                Ok(Some(a)) => return Ok(a),
                Ok(None) => {}
                Err(()) => return Err("this name is shared by several areas: expected an ISO 3166 alpha-3 code such as COD".into()),
            }
        }
        if text.trim().is_empty() {
            return Err("empty: expected an area code such as SEN".into());
        }
        Err("unknown area: expected an ISO 3166 alpha-3 code such as SEN, a group code such as ECOWAS, an M49 number or a name in English, French or Portuguese".into())
    }

    /// A code of a dimension; `Ok(None)` for the total (an empty cell, `_T`, or `_Z` "not applicable").
    pub fn dim_code(&self, dim: &DimensionId, text: &str) -> Result<Option<CodeValue>, String> {
        let t = text.trim();
        if candidates(t).iter().any(|c| c.is_empty() || c.eq_ignore_ascii_case("_T") || c.eq_ignore_ascii_case("_Z")) {
            return Ok(None);
        }
        let fw = self.ctx.framework;
        let Some(d) = fw.dimensions.get(dim) else {
            return Err(format!("unknown dimension {dim}: expected a dimension of the framework"));
        };
        match &d.values {
            // No area is called "Total" (or "Ensemble", "Todos"…).
            DimensionValues::Areas if synonym("*", t).is_some() => Ok(None),
            DimensionValues::Areas => self.area(t).map(|a| CodeValue::parse(a.as_str()).ok()),
            DimensionValues::Codelist(cl) => {
                let Some((ids, labels)) = self.codes.get(cl) else {
                    return Err(format!("the framework has no codelist {cl} for dimension {dim}"));
                };
                for c in candidates(t) {
                    if let Some(code) = fw.codelists.get(cl).and_then(|l| l.code(c)) {
                        return Ok(Some(code.id.clone()).filter(|c| !c.is_total()));
                    }
                    for table in [ids, labels] {
                        match table.get(c) {
                            Ok(Some(code)) => return Ok(Some(code).filter(|c| !c.is_total())),
                            Ok(None) => {}
                            Err(()) => return Err(format!("this label is shared by several codes of {cl}: expected the code")),
                        }
                    }
                    if let Some(code) = synonym(cl, c) {
                        return Ok(CodeValue::parse(code).ok().filter(|c| !c.is_total()));
                    }
                }
                let sample: Vec<&str> =
                    fw.codelists.get(cl).map(|l| l.codes.iter().take(12).map(|c| c.id.as_str()).collect()).unwrap_or_default();
                let more = fw.codelists.get(cl).is_some_and(|l| l.codes.len() > 12);
                Err(format!(
                    "not a code of {cl} ({}): expected one of {}{} or its label, or an empty cell for the total",
                    d.name.en,
                    sample.join(", "),
                    if more { ", …" } else { "" }
                ))
            }
        }
    }

    /// An OBS_STATUS by code or label; empty is a normal value.
    pub fn status(&self, text: &str) -> Result<ObsStatus, String> {
        if text.trim().is_empty() {
            return Ok(ObsStatus::Normal);
        }
        for c in candidates(text) {
            if let Ok(s) = c.parse::<ObsStatus>() {
                return Ok(s);
            }
            if let Ok(Some(s)) = self.status.get(c) {
                return Ok(s);
            }
        }
        Err("not an SDMX OBS_STATUS: expected one of A B D E F G I J K L M N O P Q S U V W H (or its label), or an empty cell for a normal value".into())
    }

    /// Checks and converts one row; every problem goes to `problems` through `at`, which
    /// names the cell. `scale` is the power of ten the file's numbers are published in.
    pub(crate) fn build(
        &self,
        raw: &RawRow,
        scale: i32,
        empty: EmptyValue,
        problems: &mut Problems,
        at: &dyn Fn(Part, String) -> Problem,
    ) -> Built {
        let before = problems.len();
        let ind = self.indicator(raw.indicator).map_err(|e| problems.push(at(Part::Indicator, e))).ok();
        // A computed indicator's figures come from its formula; a file cannot set them.
        let ind = match ind {
            Some(i) if i.formula.is_some() => {
                problems.push(at(
                    Part::Indicator,
                    format!(
                        "{} is computed by mprofile from other indicators, so a file cannot give its value: expected a collected indicator; leave this row out",
                        i.code
                    ),
                ));
                None
            }
            other => other,
        };
        let area = self.area(raw.area).map_err(|e| problems.push(at(Part::Area, e))).ok();
        let period = Period::parse(raw.period).map_err(|e| problems.push(at(Part::Period, e.to_string()))).ok();
        let status = self.status(raw.status).map_err(|e| problems.push(at(Part::Status, e))).ok();
        let mult = raw.unit_mult.parse::<UnitMult>().map_err(|e| problems.push(at(Part::UnitMult, e.to_string()))).ok();
        let power = scale + mult.map(|m| m.power() as i32).unwrap_or(0);
        let value = if is_empty_value(raw.value) {
            Some(None)
        } else {
            match ObsValue::parse_scaled(raw.value, power) {
                Ok(v) => Some(Some(v.get())),
                Err(e) => {
                    problems.push(at(Part::Value, e.to_string()));
                    None
                }
            }
        };
        let mut dims = DimensionKey::total();
        for (i, (dim, text)) in raw.dims.iter().enumerate() {
            match self.dim_code(dim, text) {
                Ok(None) => {}
                Ok(Some(code)) => {
                    if let Some(ind) = ind
                        && !ind.dimensions.contains(dim)
                    {
                        let allowed: Vec<&str> = ind.dimensions.iter().map(|d| d.as_str()).collect();
                        problems.push(at(
                            Part::Dim(i),
                            format!(
                                "indicator {} has no dimension {dim}: expected an empty cell or _T (its dimensions are {})",
                                ind.code,
                                if allowed.is_empty() { "none".to_string() } else { allowed.join(", ") }
                            ),
                        ));
                        continue;
                    }
                    dims.set(dim.clone(), code);
                }
                Err(e) => problems.push(at(Part::Dim(i), e)),
            }
        }
        if let (Some(Some(_)), Some(s)) = (value, status)
            && s.is_missing()
        {
            problems.push(at(
                Part::Status,
                format!("status {s} marks a missing value but the row has a value: expected an empty value, or another status"),
            ));
        }
        if let (Some(None), Some(s)) = (value, status)
            && !s.is_missing()
        {
            match empty {
                EmptyValue::Problem => problems
                    .push(at(Part::Value, "empty: expected a number, or an OBS_STATUS for a missing value (L, M, O, Q or H)".into())),
                EmptyValue::Skip if problems.len() == before => return Built::Skip(NO_VALUE.into()),
                EmptyValue::Skip => {}
            }
        }
        if problems.len() > before {
            return Built::Bad;
        }
        let (Some(ind), Some(area), Some(period), Some(status), Some(value)) = (ind, area, period, status, value) else {
            return Built::Bad;
        };
        if !self.ctx.in_scope(&area) {
            return Built::Skip(OUT_OF_SCOPE.into());
        }
        let mut notes = Vec::new();
        if !raw.footnote.trim().is_empty() {
            notes.push(raw.footnote.trim().to_string());
        }
        if power != 0 && value.is_some() {
            notes.push(scale_note(power));
        }
        Built::Obs(Obs {
            indicator: ind.code.clone(),
            area,
            period,
            dims,
            value,
            status,
            footnote: (!notes.is_empty()).then(|| notes.join("; ")),
        })
    }
}

/// Guesses the delimiter of a CSV file from its header line: the most frequent of tab, `;` and
/// `,` outside quotes and outside `[…]` (SDMX-CSV's `STRUCTURE[;]`); `,` when none occurs.
pub fn detect_delimiter(text: &str) -> u8 {
    let header = text.strip_prefix('\u{feff}').unwrap_or(text).lines().next().unwrap_or("");
    let (mut quoted, mut bracket) = (false, false);
    let mut counts = [(b'\t', 0usize), (b';', 0), (b',', 0)];
    for c in header.bytes() {
        match c {
            b'"' => quoted = !quoted,
            b'[' if !quoted => bracket = true,
            b']' if !quoted => bracket = false,
            _ if quoted || bracket => {}
            _ => {
                for (d, n) in counts.iter_mut() {
                    if *d == c {
                        *n += 1;
                    }
                }
            }
        }
    }
    counts.iter().filter(|(_, n)| *n > 0).max_by_key(|(_, n)| *n).map(|(d, _)| *d).unwrap_or(b',')
}

/// The text to parse, with CRLF line ends made LF: the csv crate numbers the lines of CRLF
/// files one too low, and problems must name the right row. The copy keeps the original's
/// name and checksum, since provenance is about the file as submitted.
pub(crate) fn for_parsing(file: &InputFile, text: &str) -> Option<InputFile> {
    text.contains("\r\n").then(|| InputFile {
        display: file.display.clone(),
        bytes: text.replace("\r\n", "\n").into_bytes(),
        sha256: file.sha256.clone(),
    })
}

/// A source code from free text: lower-case ASCII letters and digits separated by single
/// dashes, at most `max` characters, cut at a dash.
pub fn slug(s: &str, max: usize) -> String {
    let mut out = String::new();
    for c in fold(s).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut out = out.trim_end_matches('-').to_string();
    if out.len() > max {
        out.truncate(max);
        if let Some(i) = out.rfind('-') {
            out.truncate(i);
        }
    }
    out
}

/// The first `n` items joined, and how many more there are.
pub(crate) fn list_some(items: &[String], n: usize) -> String {
    let shown: Vec<&str> = items.iter().take(n).map(|s| s.as_str()).collect();
    match items.len().saturating_sub(n) {
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}

/// Whether a source code is lower-case letters and digits separated by dashes.
pub fn is_source_code(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 80
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_and_candidates() {
        assert_eq!(fold("  Côte  d’Ivoire "), "cote d'ivoire");
        assert_eq!(fold("FÉMININ"), "feminin");
        assert_eq!(candidates("F — Féminin"), vec!["F — Féminin", "F"]);
        assert_eq!(candidates("SEN: Senegal"), vec!["SEN: Senegal", "SEN"]);
    }

    #[test]
    fn delimiters() {
        assert_eq!(detect_delimiter("a;b;c\n1,2;3;4"), b';');
        assert_eq!(detect_delimiter("a\tb\n"), b'\t');
        assert_eq!(detect_delimiter("STRUCTURE[;],STRUCTURE_ID,X\n"), b',');
        assert_eq!(detect_delimiter("\"a;b\",c\n"), b',');
        assert_eq!(detect_delimiter("single\n"), b',');
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Recensement général (RGPH) 2013", 80), "recensement-general-rgph-2013");
        assert_eq!(slug("abc def ghi", 9), "abc-def");
        assert!(is_source_code("ansd-migr-census"));
        assert!(!is_source_code("ANSD"));
        assert!(!is_source_code("a--b"));
    }
}
