//! Countries and groups of areas (M49 regions, economic communities) with their memberships.

use crate::codes::{AreaCode, GroupCode, Iso3, M49};
use crate::text::{I18nText, Lang};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Whether an area is a country or a group of countries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AreaKind {
    /// A country or territory.
    Country,
    /// A region, an aggregate or a community.
    Group,
}

impl AreaKind {
    /// `country` or `group`.
    pub fn as_str(self) -> &'static str {
        match self {
            AreaKind::Country => "country",
            AreaKind::Group => "group",
        }
    }
}

/// A reference area with its names in the three languages.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Area {
    /// The code used everywhere in the store (ISO alpha-3 or group code).
    pub code: AreaCode,
    /// ISO 3166 alpha-2, for countries.
    pub iso2: Option<String>,
    /// UN M49 numeric code, when the area has one.
    pub m49: Option<M49>,
    /// Names in English, French and Portuguese.
    pub name: I18nText,
    /// Country or group.
    pub kind: AreaKind,
    /// For the countries a profile is made for: the language of their profile.
    pub profile_language: Option<Lang>,
}

/// Membership of a country in a group, optionally bounded in time (Mali, Niger and Burkina Faso
/// left ECOWAS in January 2025; Mauritania in 2000).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Membership {
    /// The group.
    pub group: GroupCode,
    /// The member.
    pub member: Iso3,
    /// First year of membership, if bounded.
    pub from: Option<i32>,
    /// Last year of membership, if bounded.
    pub until: Option<i32>,
}

impl Membership {
    /// Whether the membership holds in `year` (`None`: at any time, i.e. the current composition).
    pub fn holds(&self, year: Option<i32>) -> bool {
        match year {
            None => self.until.is_none(),
            Some(y) => self.from.is_none_or(|f| y >= f) && self.until.is_none_or(|u| y <= u),
        }
    }
}

/// Every known area and group membership, looked up by code or M49.
#[derive(Debug, Clone, Default)]
pub struct AreaRegistry {
    areas: Vec<Area>,
    by_code: HashMap<AreaCode, usize>,
    by_m49: HashMap<M49, usize>,
    memberships: Vec<Membership>,
}

impl AreaRegistry {
    /// Builds the registry; later duplicates of a code are ignored.
    pub fn new(areas: Vec<Area>, memberships: Vec<Membership>) -> Self {
        let mut reg = AreaRegistry { areas: Vec::with_capacity(areas.len()), memberships, ..Default::default() };
        for a in areas {
            if reg.by_code.contains_key(&a.code) {
                continue;
            }
            let i = reg.areas.len();
            reg.by_code.insert(a.code.clone(), i);
            if let Some(m) = a.m49 {
                reg.by_m49.entry(m).or_insert(i);
            }
            reg.areas.push(a);
        }
        reg
    }
    /// All areas: countries first in code order as given, then groups.
    pub fn all(&self) -> &[Area] {
        &self.areas
    }
    /// Looks an area up by its code.
    pub fn get(&self, code: &AreaCode) -> Option<&Area> {
        self.by_code.get(code).map(|&i| &self.areas[i])
    }
    /// Looks an area up by code text (`SEN`, `ECOWAS`) or M49 number (`686`).
    pub fn find(&self, s: &str) -> Option<&Area> {
        if let Ok(c) = AreaCode::parse(s)
            && let Some(a) = self.get(&c)
        {
            return Some(a);
        }
        if let Ok(c) = AreaCode::parse(&s.trim().to_ascii_uppercase())
            && let Some(a) = self.get(&c)
        {
            return Some(a);
        }
        M49::parse(s).ok().and_then(|m| self.by_m49.get(&m)).map(|&i| &self.areas[i])
    }
    /// Whether `code` is a known area.
    pub fn contains(&self, code: &AreaCode) -> bool {
        self.by_code.contains_key(code)
    }
    /// The countries profiles are made for, in code order.
    pub fn profile_countries(&self) -> Vec<&Area> {
        let mut v: Vec<&Area> = self.areas.iter().filter(|a| a.profile_language.is_some()).collect();
        v.sort_by(|a, b| a.code.cmp(&b.code));
        v
    }
    /// All memberships.
    pub fn memberships(&self) -> &[Membership] {
        &self.memberships
    }
    /// Members of a group in a year (`None`: current composition).
    pub fn members(&self, group: &GroupCode, year: Option<i32>) -> Vec<&Iso3> {
        self.memberships.iter().filter(|m| &m.group == group && m.holds(year)).map(|m| &m.member).collect()
    }
    /// Whether a country belongs to a group in a year.
    pub fn is_member(&self, group: &GroupCode, country: &Iso3, year: Option<i32>) -> bool {
        self.memberships.iter().any(|m| &m.group == group && &m.member == country && m.holds(year))
    }
    /// Number of areas.
    pub fn len(&self) -> usize {
        self.areas.len()
    }
    /// Whether there are no areas.
    pub fn is_empty(&self) -> bool {
        self.areas.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn membership_in_time() {
        let m = Membership {
            group: GroupCode::parse("ECOWAS").unwrap(),
            member: Iso3::parse("MLI").unwrap(),
            from: Some(1975),
            until: Some(2024),
        };
        assert!(m.holds(Some(2020)));
        assert!(!m.holds(Some(2025)));
        assert!(!m.holds(None));
        let reg = AreaRegistry::new(vec![], vec![m]);
        assert_eq!(reg.members(&GroupCode::parse("ECOWAS").unwrap(), Some(2010)).len(), 1);
    }
}
