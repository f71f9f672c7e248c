//! Meetings of the TWG and the regional programme: what kind of meeting, where it stands, the
//! state of an action item, and what an action item or a discussion points at.
//!
//! A meeting is a national or regional workshop, a TWG plenary or a sub-group meeting, held by
//! one country's TWG (the country whose secretariat records it) and possibly attended by
//! others. Its action items point at figures, sections and indicators with [`MeetingRef`],
//! written as text (`figure:IMM.STOCK:2020:undesa-ims`, `section:A.1`, `indicator:IMM.STOCK`)
//! and parsed once at the edge.

use mp_domain::{IndicatorCode, Period};
use std::fmt;

macro_rules! code_enum {
    ($(#[$m:meta])* $name:ident, $what:literal, $expected:literal, { $($(#[$vm:meta])* $v:ident => $code:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $v),+ }

        impl $name {
            /// Every value, in a fixed order.
            pub const ALL: &'static [$name] = &[$($name::$v),+];
            /// The code used in the store and in forms.
            pub fn code(self) -> &'static str {
                match self { $($name::$v => $code),+ }
            }
            /// Reads a code.
            pub fn parse(s: &str) -> Result<$name, BadCode> {
                let t = s.trim();
                $name::ALL.iter().copied().find(|v| v.code() == t).ok_or_else(|| BadCode { what: $what, value: t.chars().take(40).collect(), expected: $expected })
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

/// A text that is not one of the codes expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{value}` is not a {what}: expected {expected}")]
pub struct BadCode {
    /// What was read.
    pub what: &'static str,
    /// The text.
    pub value: String,
    /// What is accepted.
    pub expected: &'static str,
}

code_enum!(
    /// The kind of a meeting.
    MeetingKind, "meeting kind", "national_workshop, regional_workshop, plenary or subgroup", {
        /// A national workshop of the programme.
        NationalWorkshop => "national_workshop",
        /// A regional workshop of the programme (several countries).
        RegionalWorkshop => "regional_workshop",
        /// A plenary meeting of the TWG.
        Plenary => "plenary",
        /// A meeting of a thematic sub-group.
        Subgroup => "subgroup",
    }
);

impl MeetingKind {
    /// Whether it is one of the programme's workshops (national or regional).
    pub fn is_workshop(self) -> bool {
        matches!(self, MeetingKind::NationalWorkshop | MeetingKind::RegionalWorkshop)
    }
}

code_enum!(
    /// Where a meeting stands.
    MeetingStatus, "meeting status", "planned, held or cancelled", {
        /// Planned, not yet held.
        Planned => "planned",
        /// Held.
        Held => "held",
        /// Cancelled.
        Cancelled => "cancelled",
    }
);

code_enum!(
    /// Where an action item stands.
    ActionStatus, "action status", "open, done or dropped", {
        /// Still to do.
        Open => "open",
        /// Done.
        Done => "done",
        /// Dropped by a later decision.
        Dropped => "dropped",
    }
);

/// The workshops of the regional programme: eight national and three regional.
pub const PROGRAMME_NATIONAL: usize = 8;
/// The regional workshops of the programme.
pub const PROGRAMME_REGIONAL: usize = 3;

/// What an action item or a meeting's discussion points at.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum MeetingRef {
    /// A figure of the meeting's country: indicator, period, source.
    Figure {
        /// Indicator.
        indicator: IndicatorCode,
        /// Period.
        period: Period,
        /// Source code.
        source: String,
    },
    /// A section of the profile (template id).
    Section(String),
    /// An indicator as a whole.
    Indicator(IndicatorCode),
}

/// A text that is not a reference.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a reference: expected figure:INDICATOR:PERIOD:SOURCE, section:ID or indicator:CODE")]
pub struct BadRef(pub String);

impl MeetingRef {
    /// Reads one reference.
    pub fn parse(s: &str) -> Result<MeetingRef, BadRef> {
        let t = s.trim();
        let bad = || BadRef(t.chars().take(80).collect());
        if let Some(code) = t.strip_prefix("indicator:") {
            return IndicatorCode::parse(code).map(MeetingRef::Indicator).map_err(|_| bad());
        }
        match crate::CommentTarget::parse(t).map_err(|_| bad())? {
            crate::CommentTarget::Figure { indicator, period, source } => Ok(MeetingRef::Figure { indicator, period, source }),
            crate::CommentTarget::Section(id) => Ok(MeetingRef::Section(id)),
            crate::CommentTarget::Submission(_) => Err(bad()),
        }
    }

    /// Reads references separated by spaces, commas or line breaks, each once, in order.
    pub fn parse_list(s: &str) -> Result<Vec<MeetingRef>, BadRef> {
        let mut out: Vec<MeetingRef> = Vec::new();
        for part in s.split(|c: char| c.is_whitespace() || c == ',').filter(|p| !p.is_empty()) {
            let r = MeetingRef::parse(part)?;
            if !out.contains(&r) {
                out.push(r);
            }
        }
        Ok(out)
    }

    /// Writes a list in the form [`MeetingRef::parse_list`] reads.
    pub fn write_list(refs: &[MeetingRef]) -> String {
        refs.iter().map(ToString::to_string).collect::<Vec<_>>().join(" ")
    }
}

impl fmt::Display for MeetingRef {
    /// The form [`MeetingRef::parse`] reads.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MeetingRef::Figure { indicator, period, source } => write!(f, "figure:{}:{}:{source}", indicator.as_str(), period),
            MeetingRef::Section(id) => write!(f, "section:{id}"),
            MeetingRef::Indicator(i) => write!(f, "indicator:{}", i.as_str()),
        }
    }
}

impl serde::Serialize for MeetingRef {
    /// As its text, the form [`MeetingRef::parse`] reads.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for k in MeetingKind::ALL {
            assert_eq!(MeetingKind::parse(k.code()), Ok(*k));
        }
        for s in MeetingStatus::ALL {
            assert_eq!(MeetingStatus::parse(s.code()), Ok(*s));
        }
        for s in ActionStatus::ALL {
            assert_eq!(ActionStatus::parse(&format!(" {} ", s.code())), Ok(*s));
        }
        let e = MeetingKind::parse("party").unwrap_err();
        assert!(e.to_string().contains("`party` is not a meeting kind"), "{e}");
        assert!(MeetingKind::RegionalWorkshop.is_workshop() && !MeetingKind::Plenary.is_workshop());
    }

    #[test]
    fn references_parse_and_round_trip() {
        let refs = MeetingRef::parse_list("figure:IMM.STOCK:2020:undesa-ims, section:A.1\nindicator:EMI.STOCK section:A.1").unwrap();
        assert_eq!(MeetingRef::write_list(&refs), "figure:IMM.STOCK:2020:undesa-ims section:A.1 indicator:EMI.STOCK");
        for bad in ["submission:3", "indicator:", "indicator:bad code", "figure:IMM.STOCK:2020", "A.1"] {
            assert!(MeetingRef::parse(bad).is_err(), "{bad}");
        }
        assert!(MeetingRef::parse_list("").unwrap().is_empty());
    }

    proptest::proptest! {
        /// No text makes the reference reader panic, and what it reads writes back the same.
        #[test]
        fn references_never_panic(s in "\\PC{0,120}") {
            if let Ok(refs) = MeetingRef::parse_list(&s) {
                let again = MeetingRef::parse_list(&MeetingRef::write_list(&refs)).unwrap();
                proptest::prop_assert_eq!(again, refs);
            }
        }
    }
}
