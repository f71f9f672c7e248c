//! Observations (SDMX style): indicator × area × period × dimensions → value, with attributes.

use crate::codes::{AreaCode, CodeError, CodeValue, DimensionId, IndicatorCode};
use crate::period::Period;
use serde::{Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// SDMX CL_OBS_STATUS: how an observation came about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum ObsStatus {
    /// A: normal value.
    #[default]
    Normal,
    /// B: time series break.
    Break,
    /// D: definition differs.
    DefinitionDiffers,
    /// E: estimated value.
    Estimated,
    /// F: forecast value.
    Forecast,
    /// G: experimental value.
    Experimental,
    /// I: imputed value.
    Imputed,
    /// J: derogation.
    Derogation,
    /// K: data included in another category.
    IncludedElsewhere,
    /// L: missing, data exist but were not collected.
    NotCollected,
    /// M: missing, data cannot exist.
    CannotExist,
    /// N: not significant.
    NotSignificant,
    /// O: missing value.
    Missing,
    /// P: provisional value.
    Provisional,
    /// Q: missing, suppressed.
    Suppressed,
    /// S: strike and other special events.
    SpecialEvent,
    /// U: low reliability.
    LowReliability,
    /// V: unvalidated value.
    Unvalidated,
    /// W: includes data from another category.
    IncludesOther,
    /// H: missing, holiday or weekend.
    Holiday,
}

const STATUS_CODES: [(ObsStatus, &str); 20] = [
    (ObsStatus::Normal, "A"),
    (ObsStatus::Break, "B"),
    (ObsStatus::DefinitionDiffers, "D"),
    (ObsStatus::Estimated, "E"),
    (ObsStatus::Forecast, "F"),
    (ObsStatus::Experimental, "G"),
    (ObsStatus::Imputed, "I"),
    (ObsStatus::Derogation, "J"),
    (ObsStatus::IncludedElsewhere, "K"),
    (ObsStatus::NotCollected, "L"),
    (ObsStatus::CannotExist, "M"),
    (ObsStatus::NotSignificant, "N"),
    (ObsStatus::Missing, "O"),
    (ObsStatus::Provisional, "P"),
    (ObsStatus::Suppressed, "Q"),
    (ObsStatus::SpecialEvent, "S"),
    (ObsStatus::LowReliability, "U"),
    (ObsStatus::Unvalidated, "V"),
    (ObsStatus::IncludesOther, "W"),
    (ObsStatus::Holiday, "H"),
];

/// An OBS_STATUS code that SDMX does not define.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not an SDMX OBS_STATUS code: expected one of A B D E F G I J K L M N O P Q S U V W H")]
pub struct ObsStatusError(pub String);

impl ObsStatus {
    /// The one-letter SDMX code.
    pub fn code(self) -> &'static str {
        STATUS_CODES.iter().find(|(s, _)| *s == self).map(|(_, c)| *c).unwrap_or("A")
    }
    /// Every status, in SDMX order.
    pub fn all() -> impl Iterator<Item = ObsStatus> {
        STATUS_CODES.iter().map(|(s, _)| *s)
    }
    /// Whether the status marks a missing value (no number is expected).
    pub fn is_missing(self) -> bool {
        matches!(self, ObsStatus::NotCollected | ObsStatus::CannotExist | ObsStatus::Missing | ObsStatus::Suppressed | ObsStatus::Holiday)
    }
}

impl FromStr for ObsStatus {
    type Err = ObsStatusError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        if t.is_empty() {
            return Ok(ObsStatus::Normal);
        }
        STATUS_CODES.iter().find(|(_, c)| c.eq_ignore_ascii_case(t)).map(|(s, _)| *s).ok_or_else(|| ObsStatusError(t.to_string()))
    }
}

impl fmt::Display for ObsStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for ObsStatus {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// SDMX UNIT_MULT: the value is OBS_VALUE × 10^mult. Only the CL_UNIT_MULT powers are allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
pub struct UnitMult(u8);

/// A UNIT_MULT outside CL_UNIT_MULT.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not an SDMX UNIT_MULT: expected 0, 1, 2, 3, 4, 6, 9, 12 or 15")]
pub struct UnitMultError(pub String);

impl UnitMult {
    /// Units (10^0).
    pub const UNITS: UnitMult = UnitMult(0);
    /// Builds from a power of ten in CL_UNIT_MULT.
    pub fn new(p: u8) -> Result<Self, UnitMultError> {
        if matches!(p, 0 | 1 | 2 | 3 | 4 | 6 | 9 | 12 | 15) { Ok(UnitMult(p)) } else { Err(UnitMultError(p.to_string())) }
    }
    /// The power of ten.
    pub fn power(self) -> u8 {
        self.0
    }
}

impl FromStr for UnitMult {
    type Err = UnitMultError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        if t.is_empty() {
            return Ok(UnitMult(0));
        }
        t.parse::<u8>().map_err(|_| UnitMultError(t.to_string())).and_then(UnitMult::new)
    }
}

/// A numeric value that cannot fail later: finite, parsed from text exactly.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize)]
pub struct ObsValue(f64);

/// Text that is not a number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    /// The text is not a number.
    #[error(
        "`{0}` is not a number: expected digits with an optional sign, a decimal point and an exponent (no thousands separators), such as 274929 or -16.425"
    )]
    NotANumber(String),
    /// A number too large for a value once its unit multiplier (10^scale) is applied.
    #[error(
        "`{text}` overflows{}: expected a value below 1.8e308 in the indicator's unit",
        if *scale != 0 { format!(" once multiplied by 10^{scale} (its unit multiplier)") } else { String::new() }
    )]
    Overflow {
        /// The text as given.
        text: String,
        /// The power of ten it was multiplied by.
        scale: i32,
    },
}

impl ObsValue {
    /// Wraps a finite float; `None` for NaN or infinity.
    pub fn new(v: f64) -> Option<Self> {
        v.is_finite().then_some(ObsValue(v))
    }
    /// The value.
    pub fn get(self) -> f64 {
        self.0
    }
    /// Parses decimal text and multiplies it by 10^`scale` exactly in decimal (so "16.425"
    /// thousands becomes exactly 16425), then rounds once to the nearest float.
    pub fn parse_scaled(s: &str, scale: i32) -> Result<Self, ValueError> {
        let t = s.trim();
        let bad = || ValueError::NotANumber(t.to_string());
        let overflow = || ValueError::Overflow { text: t.to_string(), scale };
        let (mant, exp) = match t.find(['e', 'E']) {
            Some(i) => {
                let e = &t[i + 1..];
                let digits = e.strip_prefix(['-', '+']).unwrap_or(e);
                match e.parse::<i32>() {
                    Ok(e) => (&t[..i], e),
                    // An exponent of many digits: a number, just far out of range.
                    Err(_) if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) && !e.starts_with('-') => {
                        return Err(overflow());
                    }
                    Err(_) => return Err(bad()),
                }
            }
            None => (t, 0),
        };
        let (neg, mant) = match mant.as_bytes().first() {
            Some(b'-') => (true, &mant[1..]),
            Some(b'+') => (false, &mant[1..]),
            _ => (false, mant),
        };
        let (int, frac) = match mant.split_once('.') {
            Some((i, f)) => (i, f),
            None => (mant, ""),
        };
        if int.is_empty() && frac.is_empty() || !int.chars().chain(frac.chars()).all(|c| c.is_ascii_digit()) {
            return Err(bad());
        }
        let digits = format!("{int}{frac}");
        let e = exp.checked_sub(frac.len() as i32).and_then(|e| e.checked_add(scale)).ok_or_else(overflow)?;
        let v: f64 =
            format!("{}{}e{}", if neg { "-" } else { "" }, if digits.is_empty() { "0" } else { &digits }, e).parse().map_err(|_| bad())?;
        ObsValue::new(v).ok_or_else(overflow)
    }
}

impl FromStr for ObsValue {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ObsValue::parse_scaled(s, 0)
    }
}

/// The disaggregation of an observation: dimension → code. `_T` (total) is never stored, so
/// the total of every dimension is the empty key and two spellings of a key cannot differ.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct DimensionKey(BTreeMap<DimensionId, CodeValue>);

/// A dimension key that could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DimensionKeyError {
    /// A part without `=`.
    #[error("`{0}` is not DIMENSION=CODE")]
    NotPair(String),
    /// A bad dimension id or code.
    #[error(transparent)]
    Code(#[from] CodeError),
    /// The same dimension twice.
    #[error("dimension {0} is given twice")]
    Duplicate(String),
}

impl DimensionKey {
    /// The key with no disaggregation (all totals).
    pub fn total() -> Self {
        DimensionKey(BTreeMap::new())
    }

    /// Adds a dimension value; a `_T` value removes the dimension.
    pub fn with(mut self, dim: DimensionId, code: CodeValue) -> Self {
        self.set(dim, code);
        self
    }

    /// Sets a dimension value; a `_T` value removes the dimension.
    pub fn set(&mut self, dim: DimensionId, code: CodeValue) {
        if code.is_total() {
            self.0.remove(&dim);
        } else {
            self.0.insert(dim, code);
        }
    }

    /// The code of one dimension (`None` means total).
    pub fn get(&self, dim: &str) -> Option<&CodeValue> {
        self.0.iter().find(|(d, _)| d.as_str() == dim).map(|(_, c)| c)
    }

    /// Iterates over the non-total dimensions in id order.
    pub fn iter(&self) -> impl Iterator<Item = (&DimensionId, &CodeValue)> {
        self.0.iter()
    }

    /// Whether every dimension is at its total.
    pub fn is_total(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `self` has every pair of `filter` (a partial key).
    pub fn matches(&self, filter: &DimensionKey) -> bool {
        filter.0.iter().all(|(d, c)| self.0.get(d) == Some(c))
    }

    /// The key without one dimension.
    pub fn without(&self, dim: &str) -> DimensionKey {
        DimensionKey(self.0.iter().filter(|(d, _)| d.as_str() != dim).map(|(d, c)| (d.clone(), c.clone())).collect())
    }

    /// Parses the canonical form `COUNTERPART_AREA=FRA|SEX=F` (also accepts `,` or `;` between pairs).
    pub fn parse(s: &str) -> Result<Self, DimensionKeyError> {
        let mut key = DimensionKey::total();
        for part in s.split(['|', ',', ';']).map(str::trim).filter(|p| !p.is_empty()) {
            let (d, c) = part.split_once('=').ok_or_else(|| DimensionKeyError::NotPair(part.to_string()))?;
            let d = DimensionId::parse(d)?;
            if key.0.contains_key(&d) {
                return Err(DimensionKeyError::Duplicate(d.to_string()));
            }
            key.set(d, CodeValue::parse(c)?);
        }
        Ok(key)
    }

    /// The map of non-total dimensions.
    pub fn as_map(&self) -> &BTreeMap<DimensionId, CodeValue> {
        &self.0
    }
}

impl fmt::Display for DimensionKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (d, c)) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("|")?;
            }
            write!(f, "{d}={c}")?;
        }
        Ok(())
    }
}

impl Serialize for DimensionKey {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

/// Where one observation came from inside its file: `row 1234`, or `Table 1!C45` for a workbook,
/// or the rows it was summed from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, serde::Deserialize, Default)]
pub struct Provenance {
    /// The index of the file in the import batch (the store maps it to the file's checksum).
    pub file: usize,
    /// Row, sheet and cell, as a reader would look it up.
    pub locator: String,
}

/// One observation, ready to be stored under a dataset.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Observation {
    /// What is measured.
    pub indicator: IndicatorCode,
    /// Where.
    pub area: AreaCode,
    /// When.
    pub period: Period,
    /// The disaggregation.
    pub dims: DimensionKey,
    /// The value, in the indicator's unit × 10^unit_mult; `None` only with a missing-value status.
    pub value: Option<f64>,
    /// SDMX OBS_STATUS.
    pub status: ObsStatus,
    /// SDMX UNIT_MULT of `value`.
    pub unit_mult: UnitMult,
    /// Free-text note, e.g. a conversion or a caveat.
    pub footnote: Option<String>,
    /// Where in the source file it came from.
    pub provenance: Provenance,
}

impl Observation {
    /// The key that identifies the observation inside one dataset.
    pub fn key(&self) -> String {
        format!("{}|{}|{}|{}", self.indicator, self.area, self.period, self.dims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaling_is_exact_in_decimal() {
        assert_eq!(ObsValue::parse_scaled("16.425", 3).unwrap().get(), 16425.0);
        assert_eq!(ObsValue::parse_scaled("-9.999", 3).unwrap().get(), -9999.0);
        assert_eq!(ObsValue::parse_scaled("21967.1", 6).unwrap().get(), 21_967_100_000.0);
        assert_eq!(ObsValue::parse_scaled("8193342.404", 3).unwrap().get(), 8_193_342_404.0);
        assert_eq!("1.5e3".parse::<ObsValue>().unwrap().get(), 1500.0);
        assert_eq!("0.931".parse::<ObsValue>().unwrap().get(), 0.931);
        assert_eq!(".5".parse::<ObsValue>().unwrap().get(), 0.5);
    }

    #[test]
    fn overflow_after_the_multiplier_is_named() {
        let e = ObsValue::parse_scaled("1e300", 9).unwrap_err();
        assert!(matches!(e, ValueError::Overflow { .. }), "{e}");
        assert!(e.to_string().contains("`1e300` overflows once multiplied by 10^9"), "{e}");
        assert!(matches!(ObsValue::parse_scaled("1e999", 0), Err(ValueError::Overflow { .. })));
        assert!(matches!(ObsValue::parse_scaled("1e99999999999", 0), Err(ValueError::Overflow { .. })));
        assert!(matches!(ObsValue::parse_scaled("-17976931348623157e292", 3), Err(ValueError::Overflow { .. })));
        assert!(matches!(ObsValue::parse_scaled("1e-", 0), Err(ValueError::NotANumber(_))));
        assert_eq!(ObsValue::parse_scaled("1e300", 3).unwrap().get(), 1e303);
    }

    #[test]
    fn refuses_what_is_not_a_number() {
        for bad in ["", "-", "1,234", "12a", "NaN", "inf", "1e", "1.2.3", "1e999"] {
            assert!(bad.parse::<ObsValue>().is_err(), "{bad}");
        }
    }

    #[test]
    fn total_is_never_in_a_key() {
        let k = DimensionKey::parse("SEX=_T|COUNTERPART_AREA=FRA").unwrap();
        assert_eq!(k.to_string(), "COUNTERPART_AREA=FRA");
        assert!(DimensionKey::parse("SEX=_T").unwrap().is_total());
        assert_eq!(DimensionKey::parse("SEX=F,AGE=Y15T24").unwrap().to_string(), "AGE=Y15T24|SEX=F");
        assert!(DimensionKey::parse("SEX=F|SEX=M").is_err());
        assert!(DimensionKey::parse("SEX").is_err());
    }

    #[test]
    fn status_codes_round_trip() {
        for s in ObsStatus::all() {
            assert_eq!(s.code().parse::<ObsStatus>().unwrap(), s);
        }
        assert!("Z".parse::<ObsStatus>().is_err());
        assert_eq!("".parse::<ObsStatus>().unwrap(), ObsStatus::Normal);
    }
}
