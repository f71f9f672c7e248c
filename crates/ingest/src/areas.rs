//! The area registry: every ISO 3166 country with names in English, French and Portuguese from
//! the country-codes data set, plus the groups and profile countries of `framework/areas.toml`.

use crate::error::{IngestError, Problem, Problems};
use crate::files::InputFile;
use crate::table::Table;
use mp_domain::{Area, AreaCode, AreaKind, AreaRegistry, GroupCode, I18nText, Iso3, Lang, M49, Membership};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAreas {
    #[serde(default)]
    group: Vec<RawGroup>,
    #[serde(default)]
    profile: Vec<RawProfile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGroup {
    code: String,
    m49: Option<String>,
    name: I18nText,
    members: String,
    #[serde(default)]
    member: Vec<RawMember>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMember {
    iso3: String,
    from: Option<i32>,
    until: Option<i32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    iso3: String,
    language: String,
}

/// The country-codes files, relative to the data directory.
pub const NAMES_FILE: &str = "country-codes/country_names_en_fr_pt_DERIVED.csv";
/// The UN M49 / UNTERM table, relative to the data directory.
pub const CODES_FILE: &str = "country-codes/datasets-country-codes/country-codes.csv";

/// Drops the UNTERM article suffix ("Gambia (the)", "Sénégal (le)") and footnote marks.
fn unterm(s: &str) -> String {
    let mut t = s.trim().trim_end_matches('*').trim().to_string();
    for suffix in [" (the)", " (le)", " (la)", " (les)", " (l')", " (l’)"] {
        if let Some(x) = t.strip_suffix(suffix) {
            t = x.to_string();
        }
    }
    t
}

/// Reads the registry from the data directory and the groups file text.
pub fn load(data_dir: &Path, areas_toml: &str, areas_toml_name: &str) -> Result<AreaRegistry, IngestError> {
    let raw: RawAreas = toml::from_str(areas_toml)
        .map_err(|e| IngestError::one(Problem::file(areas_toml_name, format!("not valid areas TOML: {}", e.message()))))?;
    let names = InputFile::read(&data_dir.join(NAMES_FILE), NAMES_FILE)?;
    let codes = InputFile::read(&data_dir.join(CODES_FILE), CODES_FILE)?;
    let names = Table::parse(&names, b',')?;
    let codes = Table::parse(&codes, b',')?;
    let mut problems = Problems::default();

    // UN regions and UNTERM names by alpha-3.
    let c = codes.columns(&[
        "ISO3166-1-Alpha-3",
        "M49",
        "Region Code",
        "Sub-region Code",
        "Intermediate Region Code",
        "UNTERM English Short",
        "UNTERM French Short",
    ])?;
    let mut regions: HashMap<String, Vec<u16>> = HashMap::new();
    let mut unterm_names: HashMap<String, (String, String)> = HashMap::new();
    for r in codes.rows() {
        let a3 = r.get(c[0]);
        if a3.is_empty() {
            continue;
        }
        let regs: Vec<u16> = [c[2], c[3], c[4]].iter().filter_map(|&i| r.get(i).parse::<u16>().ok()).collect();
        regions.insert(a3.to_string(), regs);
        unterm_names.insert(a3.to_string(), (unterm(r.get(c[5])), unterm(r.get(c[6]))));
    }

    let n = names.columns(&[
        "alpha2",
        "alpha3",
        "numeric_m49",
        "name_en_iso",
        "name_fr_isocodes",
        "name_pt_isocodes",
        "name_fr_i18n",
        "name_pt_i18n",
    ])?;
    let profiles: HashMap<String, Lang> = raw
        .profile
        .iter()
        .filter_map(|p| match p.language.parse::<Lang>() {
            Ok(l) => Some((p.iso3.clone(), l)),
            Err(e) => {
                problems.push(Problem::file(areas_toml_name, format!("profile {}: {e}", p.iso3)));
                None
            }
        })
        .collect();
    let mut areas = Vec::new();
    let mut countries: Vec<(Iso3, Vec<u16>)> = Vec::new();
    for r in names.rows() {
        let iso3 = match Iso3::parse(r.get(n[1])) {
            Ok(c) => c,
            Err(e) => {
                problems.push(r.problem(n[1], e.to_string()));
                continue;
            }
        };
        let m49 = M49::parse(r.get(n[2])).ok();
        let (un_en, un_fr) = unterm_names.get(iso3.as_str()).cloned().unwrap_or_default();
        let no_comma = |s: &str| (!s.is_empty() && !s.contains(',')).then(|| s.to_string());
        let en = no_comma(&un_en).or_else(|| no_comma(r.get(n[3]))).unwrap_or_else(|| r.get(n[3]).to_string());
        let fr = no_comma(&un_fr).or_else(|| no_comma(r.get(n[4]))).unwrap_or_else(|| r.get(n[6]).to_string());
        // i18n-iso-countries 7.14.0 swaps CD and CG in Portuguese (see PROVENANCE.md): for those
        // two the ISO names from the Debian iso-codes catalogue are used instead.
        let pt = match iso3.as_str() {
            "COD" => "República Democrática do Congo".to_string(),
            "COG" => "República do Congo".to_string(),
            _ => no_comma(r.get(n[7])).or_else(|| no_comma(r.get(n[5]))).unwrap_or_else(|| r.get(n[7]).to_string()),
        };
        let name = I18nText::new(en.replace('’', "'"), fr.replace('’', "'"), pt.replace('’', "'"));
        if !name.missing().is_empty() {
            problems.push(r.problem(n[1], "a country needs a name in en, fr and pt"));
        }
        countries.push((iso3.clone(), regions.get(iso3.as_str()).cloned().unwrap_or_default()));
        areas.push(Area {
            code: AreaCode::Country(iso3.clone()),
            iso2: Some(r.get(n[0]).to_string()),
            m49,
            name,
            kind: AreaKind::Country,
            profile_language: profiles.get(iso3.as_str()).copied(),
        });
    }
    for p in profiles.keys() {
        if !areas.iter().any(|a| a.code.as_str() == p) {
            problems.push(Problem::file(areas_toml_name, format!("profile country {p} is not an ISO 3166 country of {NAMES_FILE}")));
        }
    }

    let mut memberships = Vec::new();
    for g in raw.group {
        let code = match GroupCode::parse(&g.code) {
            Ok(c) => c,
            Err(e) => {
                problems.push(Problem::file(areas_toml_name, format!("group {}: {e}", g.code)));
                continue;
            }
        };
        let m49 = match g.m49.as_deref().map(M49::parse) {
            Some(Err(e)) => {
                problems.push(Problem::file(areas_toml_name, format!("group {code}: {e}")));
                None
            }
            Some(Ok(m)) => Some(m),
            None => None,
        };
        if !g.name.missing().is_empty() {
            problems.push(Problem::file(areas_toml_name, format!("group {code}: a name needs en, fr and pt")));
        }
        match g.members.as_str() {
            "all" => memberships.extend(countries.iter().map(|(c, _)| Membership {
                group: code.clone(),
                member: c.clone(),
                from: None,
                until: None,
            })),
            "list" => {
                for m in &g.member {
                    match Iso3::parse(&m.iso3) {
                        Ok(iso) if countries.iter().any(|(c, _)| c == &iso) => {
                            memberships.push(Membership { group: code.clone(), member: iso, from: m.from, until: m.until })
                        }
                        Ok(iso) => {
                            problems.push(Problem::file(areas_toml_name, format!("group {code}: member {iso} is not a known country")))
                        }
                        Err(e) => problems.push(Problem::file(areas_toml_name, format!("group {code}: {e}"))),
                    }
                }
            }
            other => match other.strip_prefix("m49:").and_then(|x| x.parse::<u16>().ok()) {
                Some(region) => memberships.extend(countries.iter().filter(|(_, regs)| regs.contains(&region)).map(|(c, _)| Membership {
                    group: code.clone(),
                    member: c.clone(),
                    from: None,
                    until: None,
                })),
                None => problems.push(Problem::file(
                    areas_toml_name,
                    format!("group {code}: members `{other}`: expected \"all\", \"list\" or \"m49:NNN\""),
                )),
            },
        }
        areas.push(Area { code: AreaCode::Group(code), iso2: None, m49, name: g.name, kind: AreaKind::Group, profile_language: None });
    }
    problems.finish(AreaRegistry::new(areas, memberships))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unterm_articles_are_dropped() {
        assert_eq!(unterm("Gambia (the)"), "Gambia");
        assert_eq!(unterm("Sénégal (le)"), "Sénégal");
        assert_eq!(unterm("État de Palestine (l') *"), "État de Palestine");
    }
}
