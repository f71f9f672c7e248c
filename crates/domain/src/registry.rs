//! The governance registries of a profile: legal and policy instruments and their status per
//! country (ratifications), the institutions of migration governance, and the programmes and
//! projects of international agencies. Every entry carries where it came from.

use crate::batch::{FileInfo, SourceInfo};
use crate::codes::{AreaCode, CodeError, ThemeCode};
use crate::obs::Provenance;
use crate::text::I18nText;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The code of an instrument, upper-case letters, digits and `_` (e.g. `ICRMW`, `CRC_OP_SC`).
/// The codes of the framework's INSTRUMENT codelist are instrument codes, so a registry entry
/// and an observation about the same treaty join without a lookup table.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String")]
pub struct InstrumentCode(String);

impl TryFrom<String> for InstrumentCode {
    type Error = CodeError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        InstrumentCode::parse(&s)
    }
}

impl InstrumentCode {
    /// Parses and checks the code.
    pub fn parse(s: &str) -> Result<Self, CodeError> {
        let t = s.trim();
        let ok = !t.is_empty()
            && t.len() <= 40
            && t.starts_with(|c: char| c.is_ascii_uppercase())
            && t.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
        if ok {
            Ok(InstrumentCode(t.to_string()))
        } else {
            Err(CodeError { kind: "instrument code", value: t.to_string(), expected: "upper-case letters, digits and _, e.g. ICRMW" })
        }
    }
    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for InstrumentCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A value of a closed list that was not one of its entries.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{value}` is not a valid {kind}: expected one of {expected}")]
pub struct ListError {
    /// What was being parsed.
    pub kind: &'static str,
    /// The text found.
    pub value: String,
    /// The accepted spellings.
    pub expected: String,
}

macro_rules! closed_list {
    ($(#[$doc:meta])* $name:ident, $kind:literal, [$($(#[$vdoc:meta])* $variant:ident = $code:literal),+ $(,)?]) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vdoc])* $variant,)+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The stored code (snake_case), also the suffix of its message id.
            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)+
                }
            }
            /// Parses a stored code (case-insensitive; `-` and spaces read as `_`).
            pub fn parse(s: &str) -> Result<Self, ListError> {
                let t = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
                Self::ALL.iter().copied().find(|v| v.code() == t).ok_or_else(|| ListError {
                    kind: $kind,
                    value: s.trim().to_string(),
                    expected: Self::ALL.iter().map(|v| v.code()).collect::<Vec<_>>().join(", "),
                })
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

closed_list!(
    /// What kind of text an instrument is.
    InstrumentKind, "instrument kind", [
    /// A UN or ILO convention (a multilateral treaty).
    Convention = "convention",
    /// A protocol to a convention (optional or additional).
    Protocol = "protocol",
    /// An AU, ECOWAS or ECCAS treaty, protocol or decision.
    Regional = "regional",
    /// An act of parliament.
    Law = "law",
    /// A decree, ordinance or order of the executive.
    Decree = "decree",
    /// A national policy.
    Policy = "policy",
    /// A national strategy.
    Strategy = "strategy",
    /// An action plan.
    ActionPlan = "action_plan",
    /// A national development plan or poverty reduction strategy.
    DevelopmentPlan = "development_plan",
]);

impl InstrumentKind {
    /// Whether the country joins it by signature and ratification (a treaty), rather than
    /// adopting it itself.
    pub fn is_treaty(self) -> bool {
        matches!(self, InstrumentKind::Convention | InstrumentKind::Protocol | InstrumentKind::Regional)
    }
}

closed_list!(
    /// Where a country stands with an instrument.
    InstrumentStatus, "instrument status", [
    /// Signed, not ratified.
    Signed = "signed",
    /// Ratified or acceded to (a state party).
    Ratified = "ratified",
    /// In force (a national text, or a treaty whose entry into force is recorded).
    InForce = "in_force",
    /// Adopted by the government or parliament (a national text).
    Adopted = "adopted",
    /// Being drafted or awaiting adoption.
    InPreparation = "in_preparation",
    /// No longer in force.
    Expired = "expired",
    /// Neither signed nor ratified: recorded because the source says so, not by default.
    NoAction = "no_action",
]);

impl InstrumentStatus {
    /// Whether the country is bound (ratified or in force): what POL.CONV_RATIF counts as 1.
    pub fn binds(self) -> bool {
        matches!(self, InstrumentStatus::Ratified | InstrumentStatus::InForce)
    }
}

/// A legal or policy instrument.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Instrument {
    /// Code.
    pub code: InstrumentCode,
    /// Kind.
    pub kind: InstrumentKind,
    /// Short name (abbreviation) readers know it by, e.g. `ICMW`.
    pub short: String,
    /// Full title in the three languages.
    pub title: I18nText,
    /// Year it was adopted (opened for signature, for a treaty).
    pub year: Option<i32>,
    /// The country a national text belongs to (`None` for a treaty).
    pub area: Option<AreaCode>,
    /// Official citation (gazette, treaty series).
    pub citation: Option<String>,
    /// Where the text is published.
    pub link: Option<String>,
    /// Themes of the profile it covers.
    pub themes: Vec<ThemeCode>,
}

/// The status of an instrument in one country.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ratification {
    /// The instrument.
    pub instrument: InstrumentCode,
    /// The country.
    pub area: AreaCode,
    /// Its status.
    pub status: InstrumentStatus,
    /// Year of the status (ratification or accession, signature, adoption).
    pub year: Option<i32>,
    /// Body responsible for applying it in the country.
    pub responsible: Option<String>,
    /// A note from the source.
    pub note: Option<String>,
    /// Where it was read.
    pub provenance: Provenance,
}

/// An institution involved in migration governance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Institution {
    /// The country.
    pub area: AreaCode,
    /// Name, as the institution writes it.
    pub name: String,
    /// Acronym.
    pub acronym: Option<String>,
    /// Mandate on migration, in a sentence or two.
    pub mandate: Option<String>,
    /// Parent body (ministry, presidency).
    pub parent: Option<String>,
    /// Themes it works on.
    pub themes: Vec<ThemeCode>,
    /// Contact point (office or e-mail of the unit, not a private person's details).
    pub contact: Option<String>,
    /// Data it holds (registers, surveys).
    pub data_held: Option<String>,
    /// The code of the TWG workspace organisation it is, when it takes part in the TWG.
    #[serde(default)]
    pub organisation: Option<String>,
    /// Where it was read.
    pub provenance: Provenance,
}

closed_list!(
    /// The stage of a project (the IATI ActivityStatus codelist, codes 1–6).
    ProjectStatus, "project status", [
    /// Pipeline or identification (IATI 1).
    Pipeline = "pipeline",
    /// Being implemented (IATI 2).
    Implementation = "implementation",
    /// Finalisation: physical activity over, accounts open (IATI 3).
    Finalisation = "finalisation",
    /// Closed (IATI 4).
    Closed = "closed",
    /// Cancelled (IATI 5).
    Cancelled = "cancelled",
    /// Suspended (IATI 6).
    Suspended = "suspended",
]);

impl ProjectStatus {
    /// From the IATI ActivityStatus code.
    pub fn from_iati(code: &str) -> Option<ProjectStatus> {
        let i: usize = code.trim().parse().ok()?;
        ProjectStatus::ALL.get(i.checked_sub(1)?).copied()
    }
}

/// A currency, ISO 4217 (three upper-case letters).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String")]
pub struct Currency(String);

impl TryFrom<String> for Currency {
    type Error = CodeError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Currency::parse(&s)
    }
}

impl Currency {
    /// Parses `USD`, `eur` (upper-cased).
    pub fn parse(s: &str) -> Result<Self, CodeError> {
        let t = s.trim().to_ascii_uppercase();
        if t.len() == 3 && t.chars().all(|c| c.is_ascii_uppercase()) {
            Ok(Currency(t))
        } else {
            Err(CodeError { kind: "ISO 4217 currency code", value: s.trim().to_string(), expected: "three letters such as USD or XOF" })
        }
    }
    /// The code.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An amount of money.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Money {
    /// The amount (finite).
    pub value: f64,
    /// The currency.
    pub currency: Currency,
}

/// A date `YYYY-MM-DD` (the registries need no time of day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Day, 1–31 (checked against the month).
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`; an IATI date may carry a time or zone after it, which is ignored.
    pub fn parse(s: &str) -> Result<Date, CodeError> {
        let bad = || CodeError { kind: "date", value: s.trim().to_string(), expected: "YYYY-MM-DD" };
        let t = s.trim();
        let head = t.get(..10).ok_or_else(bad)?;
        let b = head.as_bytes();
        if b[4] != b'-' || b[7] != b'-' {
            return Err(bad());
        }
        let year: i32 = head[..4].parse().map_err(|_| bad())?;
        let month: u8 = head[5..7].parse().map_err(|_| bad())?;
        let day: u8 = head[8..10].parse().map_err(|_| bad())?;
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return Err(bad()),
        };
        if !(1..=days).contains(&day) || year < 1000 {
            return Err(bad());
        }
        Ok(Date { year, month, day })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A programme or project of an international agency (or of the government with partners).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Project {
    /// Stable identifier (the IATI identifier when there is one).
    pub identifier: String,
    /// Title, as published.
    pub title: String,
    /// The organisation that reports it.
    pub reporting_org: String,
    /// Implementing organisations.
    pub implementing: Vec<String>,
    /// Funding organisations (donors).
    pub donors: Vec<String>,
    /// Countries where it works.
    pub countries: Vec<AreaCode>,
    /// Themes of the profile it covers.
    pub themes: Vec<ThemeCode>,
    /// Sector codes as published (IATI DAC 5-digit codes), kept for readers.
    pub sectors: Vec<String>,
    /// Start (actual, else planned).
    pub start: Option<Date>,
    /// End (actual, else planned).
    pub end: Option<Date>,
    /// Stage.
    pub status: Option<ProjectStatus>,
    /// Total budget.
    pub budget: Option<Money>,
    /// Results, as reported.
    pub results: Option<String>,
    /// Where it was read.
    pub provenance: Provenance,
}

/// What a registry import hands to the store: one source at one vintage, its files and entries.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegistryImport {
    /// The source.
    pub source: SourceInfo,
    /// The vintage.
    pub vintage: String,
    /// Files read; provenance indexes into this list.
    pub files: Vec<FileInfo>,
    /// Instruments described (created or updated).
    pub instruments: Vec<Instrument>,
    /// Status of instruments per country.
    pub ratifications: Vec<Ratification>,
    /// Institutions.
    pub institutions: Vec<Institution>,
    /// Projects.
    pub projects: Vec<Project>,
}

/// A registry entry as read back from the store, with the source it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sourced<T> {
    /// The entry.
    pub entry: T,
    /// Source code.
    pub source: String,
    /// Vintage.
    pub vintage: String,
    /// Source name.
    pub source_name: String,
    /// File path and row, e.g. `un-hr-treaties-ratification/hr_status_icmw.csv row 72`.
    pub at: String,
}

/// What the registries hold for the areas of one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RegistryView {
    /// Every instrument referred to by the ratifications below, and national texts.
    pub instruments: Vec<Instrument>,
    /// Status per country and instrument.
    pub ratifications: Vec<Sourced<Ratification>>,
    /// Institutions.
    pub institutions: Vec<Sourced<Institution>>,
    /// Projects.
    pub projects: Vec<Sourced<Project>>,
}

impl RegistryView {
    /// The instrument with this code.
    pub fn instrument(&self, code: &InstrumentCode) -> Option<&Instrument> {
        self.instruments.iter().find(|i| &i.code == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_parse_from_their_codes_and_refuse_others() {
        for s in InstrumentStatus::ALL {
            assert_eq!(InstrumentStatus::parse(s.code()), Ok(*s));
        }
        assert_eq!(InstrumentStatus::parse("In force"), Ok(InstrumentStatus::InForce));
        let e = InstrumentStatus::parse("maybe").unwrap_err();
        assert!(e.to_string().contains("signed, ratified"), "{e}");
        assert!(InstrumentStatus::Ratified.binds() && !InstrumentStatus::Signed.binds());
    }

    #[test]
    fn iati_status_codes() {
        assert_eq!(ProjectStatus::from_iati("2"), Some(ProjectStatus::Implementation));
        assert_eq!(ProjectStatus::from_iati("6"), Some(ProjectStatus::Suspended));
        assert_eq!(ProjectStatus::from_iati("0"), None);
        assert_eq!(ProjectStatus::from_iati("7"), None);
    }

    #[test]
    fn codes_and_dates() {
        assert!(InstrumentCode::parse("ICRMW").is_ok());
        assert!(InstrumentCode::parse("icrmw").is_err());
        assert!(InstrumentCode::parse("1X").is_err());
        assert_eq!(Currency::parse("xof").map(|c| c.as_str().to_string()), Ok("XOF".into()));
        assert!(Currency::parse("US$").is_err());
        assert_eq!(Date::parse("2024-02-29").map(|d| d.to_string()), Ok("2024-02-29".into()));
        assert_eq!(Date::parse("2021-01-31T00:00:00Z").map(|d| d.year), Ok(2021));
        assert!(Date::parse("2023-02-29").is_err());
        assert!(Date::parse("2023-13-01").is_err());
        assert!(Date::parse("20230101").is_err());
    }
}
