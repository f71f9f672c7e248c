//! Codes parsed once at the edge: ISO 3166 alpha-3, UN M49, indicator, theme, dimension and
//! codelist values. A value of these types is always well formed.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A code that is not well formed; says which kind of code and what was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{value}` is not a valid {kind}: expected {expected}")]
pub struct CodeError {
    /// The kind of code (e.g. "ISO 3166 alpha-3 code").
    pub kind: &'static str,
    /// The offending text.
    pub value: String,
    /// What a valid code looks like.
    pub expected: &'static str,
}

fn err(kind: &'static str, value: &str, expected: &'static str) -> CodeError {
    CodeError { kind, value: value.to_string(), expected }
}

macro_rules! string_code {
    ($(#[$doc:meta])* $name:ident, $kind:literal, $expected:literal, $check:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// Parses and checks the code.
            pub fn parse(s: &str) -> Result<Self, CodeError> {
                let s = s.trim();
                let check: fn(&str) -> bool = $check;
                if check(s) { Ok($name(s.to_string())) } else { Err(err($kind, s, $expected)) }
            }
            /// The code as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl FromStr for $name {
            type Err = CodeError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                Self::parse(&s).map_err(serde::de::Error::custom)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

fn is_upper_alnum_us(c: char) -> bool {
    c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'
}

string_code!(
    /// An ISO 3166-1 alpha-3 country code (three upper-case ASCII letters), e.g. `SEN`.
    Iso3, "ISO 3166 alpha-3 code", "three upper-case letters such as SEN",
    |s| s.len() == 3 && s.chars().all(|c| c.is_ascii_uppercase())
);

string_code!(
    /// A framework indicator code: dot-separated upper-case segments, e.g. `IMM.STOCK`.
    IndicatorCode, "indicator code", "upper-case segments separated by dots, such as IMM.STOCK",
    |s| {
        let mut parts = s.split('.');
        let first = parts.next().unwrap_or("");
        let rest: Vec<&str> = parts.collect();
        s.len() <= 64
            && first.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            && first.chars().all(is_upper_alnum_us)
            && !rest.is_empty()
            && rest.iter().all(|p| !p.is_empty() && p.chars().all(is_upper_alnum_us))
    }
);

string_code!(
    /// A theme code, `T01` to `T99`.
    ThemeCode, "theme code", "T followed by two digits, such as T04",
    |s| s.len() == 3 && s.starts_with('T') && s[1..].chars().all(|c| c.is_ascii_digit()) && &s[1..] != "00"
);

string_code!(
    /// An SDMX dimension id, e.g. `SEX`, `COUNTERPART_AREA`.
    DimensionId, "dimension id", "upper-case letters, digits and underscores, such as SEX",
    |s| !s.is_empty() && s.len() <= 40 && s.chars().next().is_some_and(|c| c.is_ascii_uppercase()) && s.chars().all(is_upper_alnum_us)
);

string_code!(
    /// A codelist value, e.g. `F`, `_T`, `Y15T64`, `ISCED11_5T8`, or an area code.
    CodeValue, "code", "letters, digits, `_`, `-` or `.`, such as F, _T or Y15T64",
    |s| !s.is_empty() && s.len() <= 40 && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
);

string_code!(
    /// The code of a group of areas (a region or an economic community), e.g. `ECOWAS`.
    /// At least four characters, so it can never be mistaken for an ISO alpha-3 code.
    GroupCode, "area group code", "four or more upper-case letters or underscores, such as ECOWAS",
    |s| s.len() >= 4 && s.len() <= 32 && s.chars().next().is_some_and(|c| c.is_ascii_uppercase()) && s.chars().all(|c| c.is_ascii_uppercase() || c == '_')
);

impl CodeValue {
    /// The SDMX code for "total", which the store leaves out of keys.
    pub fn is_total(&self) -> bool {
        self.0 == "_T"
    }
}

/// A UN M49 numeric area code (0–999), shown with three digits, e.g. `686`, `001`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct M49(u16);

impl M49 {
    /// Parses `686`, `001` or `1`.
    pub fn parse(s: &str) -> Result<Self, CodeError> {
        let t = s.trim();
        match t.parse::<u16>() {
            Ok(n) if n <= 999 && !t.is_empty() && t.len() <= 3 && t.chars().all(|c| c.is_ascii_digit()) => Ok(M49(n)),
            _ => Err(err("UN M49 code", t, "a number from 001 to 999")),
        }
    }
    /// The numeric value.
    pub fn value(self) -> u16 {
        self.0
    }
    /// Builds from a number; `None` above 999.
    pub fn new(n: u16) -> Option<Self> {
        (n <= 999).then_some(M49(n))
    }
}

impl fmt::Display for M49 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:03}", self.0)
    }
}

impl Serialize for M49 {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

/// A reference area: a country (ISO alpha-3) or a group of areas.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AreaCode {
    /// A country or territory with an ISO 3166 alpha-3 code.
    Country(Iso3),
    /// A region or community (World, Western Africa, ECOWAS…).
    Group(GroupCode),
}

impl AreaCode {
    /// Parses `SEN` as a country and `ECOWAS` as a group.
    pub fn parse(s: &str) -> Result<Self, CodeError> {
        let t = s.trim();
        if t.len() == 3 {
            Iso3::parse(t).map(AreaCode::Country)
        } else {
            GroupCode::parse(t)
                .map(AreaCode::Group)
                .map_err(|_| err("area code", t, "an ISO alpha-3 code such as SEN or a group code such as ECOWAS"))
        }
    }
    /// The code as text.
    pub fn as_str(&self) -> &str {
        match self {
            AreaCode::Country(c) => c.as_str(),
            AreaCode::Group(g) => g.as_str(),
        }
    }
    /// The ISO code when this is a country.
    pub fn iso3(&self) -> Option<&Iso3> {
        match self {
            AreaCode::Country(c) => Some(c),
            AreaCode::Group(_) => None,
        }
    }
}

impl FromStr for AreaCode {
    type Err = CodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl fmt::Display for AreaCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for AreaCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for AreaCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

impl From<Iso3> for AreaCode {
    fn from(c: Iso3) -> Self {
        AreaCode::Country(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso3_accepts_three_upper_letters_only() {
        assert!(Iso3::parse("SEN").is_ok());
        assert!(Iso3::parse(" GHA ").is_ok());
        for bad in ["sen", "SE", "SENE", "S3N", "", "ÉSN"] {
            assert!(Iso3::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn indicator_codes() {
        for ok in ["IMM.STOCK", "REF.SDG1074", "FCT.NETMIG_ABS", "A.B.C"] {
            assert!(IndicatorCode::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["IMM", "imm.stock", "IMM.", ".STOCK", "IMM..STOCK", "1MM.STOCK", "IMM.STO CK"] {
            assert!(IndicatorCode::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn area_codes_never_confuse_groups_with_countries() {
        assert_eq!(AreaCode::parse("SEN").unwrap(), AreaCode::Country(Iso3::parse("SEN").unwrap()));
        assert!(matches!(AreaCode::parse("ECOWAS").unwrap(), AreaCode::Group(_)));
        assert!(AreaCode::parse("EC").is_err());
        assert!(AreaCode::parse("sen").is_err());
    }

    #[test]
    fn m49_is_three_digits() {
        assert_eq!(M49::parse("1").unwrap().to_string(), "001");
        assert_eq!(M49::parse("686").unwrap().value(), 686);
        assert!(M49::parse("1000").is_err());
        assert!(M49::parse("-1").is_err());
        assert!(M49::parse("").is_err());
    }

    #[test]
    fn error_names_kind_value_and_expectation() {
        let e = Iso3::parse("Senegal").unwrap_err().to_string();
        assert!(e.contains("Senegal") && e.contains("ISO 3166 alpha-3") && e.contains("expected"), "{e}");
    }
}
