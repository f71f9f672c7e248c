//! Reference periods: years, quarters, months and multi-year ranges such as 2015-2020.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

/// A reference period. Years run from 1800 to 2200, so a typo cannot slip through as a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    /// A calendar year, e.g. `2020`.
    Year(i32),
    /// A quarter, e.g. `2020-Q1`.
    Quarter(i32, u8),
    /// A month, e.g. `2020-03`.
    Month(i32, u8),
    /// A range of whole years, both ends included, e.g. `2015-2020` (as in five-year estimates).
    Range(i32, i32),
}

/// The SDMX frequency of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Freq {
    /// Annual (`A`).
    Annual,
    /// Quarterly (`Q`).
    Quarterly,
    /// Monthly (`M`).
    Monthly,
    /// A multi-year range; SDMX has no single code, `A` with a range period is used.
    MultiYear,
}

impl Freq {
    /// The SDMX CL_FREQ code.
    pub fn code(self) -> &'static str {
        match self {
            Freq::Annual | Freq::MultiYear => "A",
            Freq::Quarterly => "Q",
            Freq::Monthly => "M",
        }
    }
}

/// A period that could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not a valid period: expected a year (2020), a quarter (2020-Q1), a month (2020-03) or a range of years (2015-2020), years 1800 to 2200"
)]
pub struct PeriodError(pub String);

const MIN_YEAR: i32 = 1800;
const MAX_YEAR: i32 = 2200;

fn year(s: &str) -> Option<i32> {
    if s.len() != 4 || !s.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let y: i32 = s.parse().ok()?;
    (MIN_YEAR..=MAX_YEAR).contains(&y).then_some(y)
}

fn two_digits(s: &str, lo: u8, hi: u8) -> Option<u8> {
    if s.is_empty() || s.len() > 2 || !s.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let n: u8 = s.parse().ok()?;
    (lo..=hi).contains(&n).then_some(n)
}

impl Period {
    /// Parses `2020`, `2020-Q1`, `2020Q1`, `2020-03`, `2020-M03`, `2020-03-01` (a month given by its
    /// first day), `2015-2020` and `2015/2020`.
    pub fn parse(s: &str) -> Result<Self, PeriodError> {
        let t = s.trim();
        let bad = || PeriodError(t.to_string());
        if let Some(y) = year(t) {
            return Ok(Period::Year(y));
        }
        // A year written as a float by a spreadsheet ("2020.0").
        if let Some(y) = t.strip_suffix(".0").and_then(year) {
            return Ok(Period::Year(y));
        }
        // Only ASCII can form a period; checking first also makes every byte index below a
        // char boundary, so text such as `Année` is refused instead of splitting a character.
        if t.len() < 6 || !t.is_ascii() {
            return Err(bad());
        }
        let (head, tail) = t.split_at(4);
        let y = year(head).ok_or_else(bad)?;
        let sep = t.as_bytes()[4];
        let tail = tail.strip_prefix('-').or_else(|| tail.strip_prefix('/')).unwrap_or(tail);
        if let Some(q) = tail.strip_prefix('Q') {
            return two_digits(q, 1, 4).map(|q| Period::Quarter(y, q)).ok_or_else(bad);
        }
        if let Some(m) = tail.strip_prefix('M') {
            return two_digits(m, 1, 12).map(|m| Period::Month(y, m)).ok_or_else(bad);
        }
        if let Some(end) = year(tail)
            && (sep == b'-' || sep == b'/')
        {
            return if end > y { Ok(Period::Range(y, end)) } else { Err(bad()) };
        }
        if tail.len() == 2 && sep == b'-' {
            return two_digits(tail, 1, 12).map(|m| Period::Month(y, m)).ok_or_else(bad);
        }
        if tail.len() == 5 && sep == b'-' && tail.get(2..) == Some("-01") {
            return tail.get(..2).and_then(|m| two_digits(m, 1, 12)).map(|m| Period::Month(y, m)).ok_or_else(bad);
        }
        Err(bad())
    }

    /// The frequency of this period.
    pub fn freq(&self) -> Freq {
        match self {
            Period::Year(_) => Freq::Annual,
            Period::Quarter(..) => Freq::Quarterly,
            Period::Month(..) => Freq::Monthly,
            Period::Range(..) => Freq::MultiYear,
        }
    }

    /// The first day, as `YYYY-MM-DD`.
    pub fn start_date(&self) -> String {
        match *self {
            Period::Year(y) | Period::Range(y, _) => format!("{y:04}-01-01"),
            Period::Quarter(y, q) => format!("{y:04}-{:02}-01", (q - 1) * 3 + 1),
            Period::Month(y, m) => format!("{y:04}-{m:02}-01"),
        }
    }

    /// The last day, as `YYYY-MM-DD`.
    pub fn end_date(&self) -> String {
        fn last_day(y: i32, m: u8) -> u8 {
            match m {
                4 | 6 | 9 | 11 => 30,
                2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
                2 => 28,
                _ => 31,
            }
        }
        match *self {
            Period::Year(y) | Period::Range(_, y) => format!("{y:04}-12-31"),
            Period::Quarter(y, q) => {
                let m = q * 3;
                format!("{y:04}-{m:02}-{:02}", last_day(y, m))
            }
            Period::Month(y, m) => format!("{y:04}-{m:02}-{:02}", last_day(y, m)),
        }
    }

    /// The year the period starts in.
    pub fn start_year(&self) -> i32 {
        match *self {
            Period::Year(y) | Period::Quarter(y, _) | Period::Month(y, _) | Period::Range(y, _) => y,
        }
    }

    /// The year the period ends in; the year a figure is "for" in sentences.
    pub fn end_year(&self) -> i32 {
        match *self {
            Period::Year(y) | Period::Quarter(y, _) | Period::Month(y, _) | Period::Range(_, y) => y,
        }
    }

    /// The period `n` steps earlier at the same frequency (a range moves by its own length).
    pub fn shift(&self, n: i32) -> Period {
        match *self {
            Period::Year(y) => Period::Year(y + n),
            Period::Quarter(y, q) => {
                let i = y * 4 + (q as i32 - 1) + n;
                Period::Quarter(i.div_euclid(4), (i.rem_euclid(4) + 1) as u8)
            }
            Period::Month(y, m) => {
                let i = y * 12 + (m as i32 - 1) + n;
                Period::Month(i.div_euclid(12), (i.rem_euclid(12) + 1) as u8)
            }
            Period::Range(a, b) => {
                let len = b - a;
                Period::Range(a + n * len, b + n * len)
            }
        }
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Period {
    /// (year, month) of the first and last month, for ordering without formatting dates.
    fn bounds(&self) -> ((i32, u8), (i32, u8)) {
        match *self {
            Period::Year(y) => ((y, 1), (y, 12)),
            Period::Range(a, b) => ((a, 1), (b, 12)),
            Period::Quarter(y, q) => ((y, (q - 1) * 3 + 1), (y, q * 3)),
            Period::Month(y, m) => ((y, m), (y, m)),
        }
    }
}

impl Ord for Period {
    /// By first day, then last day (a year sorts before its own later quarters and months).
    fn cmp(&self, other: &Self) -> Ordering {
        self.bounds().cmp(&other.bounds())
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Period::Year(y) => write!(f, "{y}"),
            Period::Quarter(y, q) => write!(f, "{y}-Q{q}"),
            Period::Month(y, m) => write!(f, "{y}-{m:02}"),
            Period::Range(a, b) => write!(f, "{a}-{b}"),
        }
    }
}

impl FromStr for Period {
    type Err = PeriodError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Period::parse(s)
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Period::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_form() {
        assert_eq!(Period::parse("2020").unwrap(), Period::Year(2020));
        assert_eq!(Period::parse("2020.0").unwrap(), Period::Year(2020));
        assert_eq!(Period::parse("2020-Q1").unwrap(), Period::Quarter(2020, 1));
        assert_eq!(Period::parse("2020Q4").unwrap(), Period::Quarter(2020, 4));
        assert_eq!(Period::parse("2020-03").unwrap(), Period::Month(2020, 3));
        assert_eq!(Period::parse("2020-M11").unwrap(), Period::Month(2020, 11));
        assert_eq!(Period::parse("2009-01-01").unwrap(), Period::Month(2009, 1));
        assert_eq!(Period::parse("2015-2020").unwrap(), Period::Range(2015, 2020));
        assert_eq!(Period::parse("2015/2020").unwrap(), Period::Range(2015, 2020));
    }

    #[test]
    fn refuses_nonsense() {
        for bad in ["", "20", "1799", "2201", "2020-13", "2020-Q5", "2020-Q0", "2020-2015", "2020-2020", "abcd", "2020-03-15", "2020-"] {
            assert!(Period::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn round_trips_through_display() {
        for s in ["2020", "2020-Q3", "2020-07", "2015-2020"] {
            assert_eq!(Period::parse(s).unwrap().to_string(), s);
        }
    }

    #[test]
    fn refuses_non_ascii_without_panicking() {
        for bad in ["Année", "Année01", "202é01", "2020-é1", "2020-Qé", "ÉÉÉÉ-2020", "2020\u{a0}Q1", "２０２０"] {
            assert!(Period::parse(bad).is_err(), "{bad}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        /// Any text at all: an answer, never a panic.
        #[test]
        fn parse_never_panics(s in "\\PC{0,16}") {
            let _ = Period::parse(&s);
        }

        /// Text near the accepted forms, mixing digits, separators and multi-byte characters.
        #[test]
        fn parse_never_panics_near_periods(s in "[0-9é€Q M/\\-.]{0,12}") {
            let _ = Period::parse(&s);
        }

        /// Every period prints as text that parses back to itself.
        #[test]
        fn valid_periods_round_trip(y in 1800i32..=2200, q in 1u8..=4, m in 1u8..=12, len in 1i32..=10, kind in 0u8..4) {
            let p = match kind {
                0 => Period::Year(y),
                1 => Period::Quarter(y, q),
                2 => Period::Month(y, m),
                _ => Period::Range(y.min(2200 - len), y.min(2200 - len) + len),
            };
            proptest::prop_assert_eq!(Period::parse(&p.to_string()), Ok(p));
        }
    }

    #[test]
    fn dates_and_shift() {
        assert_eq!(Period::Quarter(2020, 1).end_date(), "2020-03-31");
        assert_eq!(Period::Month(2024, 2).end_date(), "2024-02-29");
        assert_eq!(Period::Range(2015, 2020).start_date(), "2015-01-01");
        assert_eq!(Period::Month(2020, 1).shift(-1), Period::Month(2019, 12));
        assert_eq!(Period::Quarter(2020, 1).shift(-1), Period::Quarter(2019, 4));
        assert_eq!(Period::Range(2015, 2020).shift(-1), Period::Range(2010, 2015));
        assert!(Period::Year(2019) < Period::Year(2020));
        assert!(Period::Month(2020, 1) < Period::Month(2020, 2));
    }
}
