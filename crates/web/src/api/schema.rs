//! OpenAPI schemas of the types the answers borrow from other crates (the framework's texts and
//! codelists, areas, files, observations, the profile model's figures).
//!
//! Those crates know nothing of the API, so their JSON shapes are described here, field for
//! field; the API tests check every real answer against these schemas (an undocumented or
//! missing field fails), so a change of shape there fails here.

use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// A text in English, French and Portuguese.
#[derive(Serialize, ToSchema)]
pub struct I18nText {
    /// English.
    pub en: String,
    /// French.
    pub fr: String,
    /// Portuguese.
    pub pt: String,
}

/// One code of a codelist.
#[derive(Serialize, ToSchema)]
pub struct Code {
    /// The code, e.g. `F`.
    pub id: String,
    /// Its label.
    pub name: I18nText,
    /// A parent code, for hierarchical lists.
    #[schema(required = true)]
    pub parent: Option<String>,
}

/// A codelist with its codes in order.
#[derive(Serialize, ToSchema)]
pub struct Codelist {
    /// Identifier, e.g. `CL_SEX`.
    pub id: String,
    /// Name.
    pub name: I18nText,
    /// Codes in order.
    pub codes: Vec<Code>,
}

/// Country or group.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum AreaKind {
    /// A country or territory.
    Country,
    /// A region, an aggregate or a community.
    Group,
}

/// A language of the profiles.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    En,
    /// French.
    Fr,
    /// Portuguese.
    Pt,
}

/// A country or a group of countries.
#[derive(Serialize, ToSchema)]
pub struct Area {
    /// ISO 3166 alpha-3 for countries, four or more letters for groups.
    #[schema(example = "SEN")]
    pub code: String,
    /// ISO 3166 alpha-2, for countries.
    #[schema(required = true)]
    pub iso2: Option<String>,
    /// UN M49 code, three digits.
    #[schema(required = true)]
    pub m49: Option<String>,
    /// Names in English, French and Portuguese.
    pub name: I18nText,
    /// Country or group.
    pub kind: AreaKind,
    /// For the countries a Migration Profile is made for: its language.
    #[schema(required = true)]
    pub profile_language: Option<Lang>,
}

/// A file an import read, identified by its checksum.
#[derive(Serialize, ToSchema)]
#[schema(as = File)]
pub struct FileInfo {
    /// Path as given (relative to the mirror directory for public sources).
    pub path: String,
    /// SHA-256 of the file, lower-case hex.
    pub sha256: String,
    /// Size in bytes.
    pub bytes: u64,
}

/// One observation with its source and provenance; the same shape as `mprofile data query
/// --format json`.
#[derive(Serialize, ToSchema)]
pub struct Observation {
    /// Indicator code.
    pub indicator: String,
    /// Area code.
    pub area: String,
    /// 2020, 2020-Q1, 2020-03 or 2015-2020.
    pub period: String,
    /// In unit × 10^unit_mult; null for a missing value (see obs_status).
    #[schema(required = true)]
    pub value: Option<f64>,
    /// The indicator's unit.
    pub unit: String,
    /// Power of ten of the unit.
    pub unit_mult: u8,
    /// SDMX OBS_STATUS: A normal, E estimate, F forecast, P provisional…
    pub obs_status: String,
    /// Dimension id → code; a dimension at its total is absent, so {} is the total.
    pub dimensions: BTreeMap<String, String>,
    /// The publisher's or the importer's note.
    #[schema(required = true)]
    pub footnote: Option<String>,
    /// The dataset it belongs to.
    pub source: ObservationSource,
    /// Where in which file it was read.
    pub provenance: Provenance,
}

/// The dataset of an observation.
#[derive(Serialize, ToSchema)]
pub struct ObservationSource {
    /// Source code.
    pub dataset: String,
    /// Source name.
    pub name: String,
    /// Vintage.
    pub vintage: String,
}

/// Where an observation was read.
#[derive(Serialize, ToSchema)]
pub struct Provenance {
    /// Observation id in the store.
    pub observation_id: i64,
    /// The file.
    pub file: String,
    /// SHA-256 of the file.
    pub sha256: String,
    /// Row, sheet or cell in the file.
    pub locator: String,
}

/// How a figure is formatted.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ValueKind {
    /// A count or amount in the indicator's unit.
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

/// One stored observation a figure came from.
#[derive(Serialize, ToSchema)]
pub struct Trace {
    /// Observation id in the store (provenance.observation_id of /api/v1/observations).
    pub record: i64,
    /// Indicator code.
    pub indicator: String,
    /// Area code.
    pub area: String,
    /// Period.
    pub period: String,
    /// Dimension key, e.g. `SEX=F`; empty for the total.
    pub dims: String,
    /// Source code and vintage.
    #[schema(example = "undesa-ims@2024")]
    pub dataset: String,
    /// Row or cell in the source file.
    pub locator: String,
}

/// A number with its display precision and provenance.
#[derive(Serialize, ToSchema)]
pub struct Figure {
    /// The number.
    pub v: f64,
    /// How to format it.
    pub kind: ValueKind,
    /// Decimals to show.
    pub decimals: u8,
    /// The observations the figure came from (several for a computed one).
    pub trace: Vec<Trace>,
    /// The formula, for a computed figure.
    #[schema(required = true)]
    pub formula: Option<String>,
    /// OBS_STATUS when the figure is a projection (F) or an estimate (E).
    #[schema(required = true)]
    pub status: Option<String>,
}

/// A cited source; `source`/`sources` fields of the document are indexes into the list of these.
#[derive(Serialize, ToSchema)]
pub struct SourceEntry {
    /// Source code.
    pub code: String,
    /// Vintage.
    pub vintage: String,
    /// Name, as the publisher names it.
    pub name: String,
}

pub use super::document::schema::*;
