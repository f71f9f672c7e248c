//! National indicators: those a country's TWG adds to the common regional framework, kept in
//! that country's framework extension.
//!
//! Their codes live in a namespace of their own, `NAT.<ISO3>.<NAME>` (e.g.
//! `NAT.SEN.RETURN_REINTEGRATED`): the regional framework refuses any code under `NAT.`, so a
//! national code can never collide with a regional one, nor two countries' codes with each
//! other. An extension is an ordinary framework indicator file, `indicators/national/<ISO3>.toml`,
//! which the framework loader reads like the others (see [`crate::Framework::from_files`]) and
//! keeps apart from the regional indicators until a country's framework is asked for
//! ([`crate::Framework::for_country`]). Regional reports and comparisons therefore never see them.

use crate::codes::{CodeError, DimensionId, IndicatorCode, Iso3, ThemeCode};
use crate::framework::Framework;
use crate::text::{I18nText, Lang};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// The first segment of every national indicator code, which regional codes may not use.
pub const NATIONAL_PREFIX: &str = "NAT";

/// Whether `code` is in the national namespace (`NAT.…`).
pub fn is_national(code: &IndicatorCode) -> bool {
    code.as_str().split('.').next() == Some(NATIONAL_PREFIX)
}

/// The code of a national indicator: `NAT.<ISO3>.<NAME>`, always of its country.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NationalCode {
    country: Iso3,
    code: IndicatorCode,
}

const EXPECTED: &str = "NAT.<country>.<NAME>, such as NAT.SEN.RETURN_REINTEGRATED";

impl NationalCode {
    /// Parses `NAT.SEN.NAME` (the name may have several dotted segments).
    pub fn parse(s: &str) -> Result<NationalCode, CodeError> {
        let bad = || CodeError { kind: "national indicator code", value: s.trim().to_string(), expected: EXPECTED };
        let code = IndicatorCode::parse(s).map_err(|_| bad())?;
        let mut parts = code.as_str().splitn(3, '.');
        let (Some(NATIONAL_PREFIX), Some(iso), Some(_name)) = (parts.next(), parts.next(), parts.next()) else { return Err(bad()) };
        let country = Iso3::parse(iso).map_err(|_| bad())?;
        Ok(NationalCode { country, code })
    }

    /// The code of `name` (e.g. `RETURN_REINTEGRATED`, any case) in `country`'s namespace.
    pub fn new(country: &Iso3, name: &str) -> Result<NationalCode, CodeError> {
        let name = name.trim().to_ascii_uppercase();
        let name = name.strip_prefix(&format!("{NATIONAL_PREFIX}.{country}.")).unwrap_or(&name).to_string();
        NationalCode::parse(&format!("{NATIONAL_PREFIX}.{country}.{name}"))
    }

    /// The country whose extension it belongs to.
    pub fn country(&self) -> &Iso3 {
        &self.country
    }

    /// The full indicator code.
    pub fn code(&self) -> &IndicatorCode {
        &self.code
    }
}

impl fmt::Display for NationalCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code.as_str())
    }
}

impl Serialize for NationalCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code.as_str())
    }
}

impl<'de> Deserialize<'de> for NationalCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        NationalCode::parse(&String::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

/// The longest rationale kept with a proposal, in bytes.
pub const MAX_RATIONALE_BYTES: usize = 8 * 1024;

/// A new indicator as a sub-group proposes it, checked against the framework it extends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Proposal {
    /// Its code in the country's namespace.
    pub code: NationalCode,
    /// The theme it belongs to.
    pub theme: ThemeCode,
    /// Its name in every language.
    pub name: I18nText,
    /// Its definition in every language.
    pub definition: I18nText,
    /// A unit of `units.toml`.
    pub unit: String,
    /// Dimensions of `dimensions.toml`.
    pub dimensions: Vec<DimensionId>,
    /// Where its figures come from (publisher and series), at least one.
    pub sources: Vec<String>,
    /// Why it is needed, from the sub-group's pilot research.
    pub rationale: String,
}

/// What a proposal is made of, as typed in a form or a file, before checking.
#[derive(Debug, Clone, Default)]
pub struct RawProposal<'a> {
    /// The country.
    pub country: &'a str,
    /// The name part of the code, or the whole `NAT.…` code.
    pub code: &'a str,
    /// Theme code.
    pub theme: &'a str,
    /// Names in en, fr, pt.
    pub name: [&'a str; 3],
    /// Definitions in en, fr, pt.
    pub definition: [&'a str; 3],
    /// Unit id.
    pub unit: &'a str,
    /// Dimension ids.
    pub dimensions: Vec<&'a str>,
    /// Sources, one a line.
    pub sources: &'a str,
    /// Rationale.
    pub rationale: &'a str,
}

/// One field of a proposal that is wrong, and what was expected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldProblem {
    /// The form field (`code`, `name_fr`, `unit`…).
    pub field: String,
    /// What is wrong and what was expected.
    pub problem: String,
}

impl Proposal {
    /// Checks every field against `fw` (the regional framework with the country's extension):
    /// every problem is reported, each naming its field.
    pub fn parse(raw: &RawProposal<'_>, fw: &Framework) -> Result<Proposal, Vec<FieldProblem>> {
        let mut problems = Vec::new();
        let mut bad = |field: &str, problem: String| problems.push(FieldProblem { field: field.into(), problem });
        let country = Iso3::parse(raw.country).map_err(|e| bad("country", e.to_string())).ok();
        let code = country.as_ref().and_then(|c| NationalCode::new(c, raw.code).map_err(|e| bad("code", e.to_string())).ok());
        if let Some(c) = &code
            && fw.indicator(c.code()).is_some()
        {
            bad("code", format!("{c} is already an indicator of the framework or of this country's extension"));
        }
        let theme = match ThemeCode::parse(raw.theme) {
            Ok(t) if fw.theme(&t).is_some() => Some(t),
            Ok(t) => {
                bad("theme", format!("unknown theme `{t}`: expected one of themes.toml"));
                None
            }
            Err(e) => {
                bad("theme", e.to_string());
                None
            }
        };
        let mut text = |field: &str, vals: [&str; 3]| {
            for (l, v) in Lang::ALL.into_iter().zip(vals) {
                if v.trim().is_empty() {
                    bad(
                        &format!("{field}_{}", l.code()),
                        format!("the {field} in {} is missing: every text needs en, fr and pt", l.endonym()),
                    );
                } else if v.len() > 2000 {
                    bad(&format!("{field}_{}", l.code()), format!("the {field} in {} is longer than 2,000 bytes", l.endonym()));
                }
            }
            I18nText::new(vals[0].trim(), vals[1].trim(), vals[2].trim())
        };
        let name = text("name", raw.name);
        let definition = text("definition", raw.definition);
        let unit = raw.unit.trim().to_string();
        if fw.unit(&unit).is_none() {
            bad("unit", format!("unknown unit `{unit}`: expected an id from units.toml"));
        }
        let mut dimensions = Vec::new();
        for d in raw.dimensions.iter().filter(|d| !d.trim().is_empty()) {
            match DimensionId::parse(d) {
                Ok(id) if fw.dimensions.contains_key(&id) => {
                    if !dimensions.contains(&id) {
                        dimensions.push(id)
                    }
                }
                Ok(id) => bad("dimensions", format!("unknown dimension `{id}`: expected an id from dimensions.toml")),
                Err(e) => bad("dimensions", e.to_string()),
            }
        }
        let sources: Vec<String> = raw.sources.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect();
        if sources.is_empty() {
            bad("sources", "no source: give at least one publisher and series, one a line".into());
        }
        let rationale = raw.rationale.trim().to_string();
        if rationale.is_empty() {
            bad("rationale", "the rationale is missing: say what the pilot research found".into());
        } else if rationale.len() > MAX_RATIONALE_BYTES {
            bad("rationale", format!("the rationale is longer than {MAX_RATIONALE_BYTES} bytes"));
        }
        match (code, theme) {
            (Some(code), Some(theme)) if problems.is_empty() => {
                Ok(Proposal { code, theme, name, definition, unit, dimensions, sources, rationale })
            }
            _ => Err(problems),
        }
    }
}

fn q(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn text(t: &I18nText) -> String {
    format!("{{ en = {}, fr = {}, pt = {} }}", q(t.get(Lang::En)), q(t.get(Lang::Fr)), q(t.get(Lang::Pt)))
}

/// The framework file of `country`'s extension at `version`: the approved indicators, in the
/// format of `indicators/*.toml`, to be saved as `indicators/national/<ISO3>.toml`.
pub fn extension_toml(country: &Iso3, version: u32, indicators: &[Proposal]) -> String {
    let mut out = format!(
        "# National framework extension of {country}: indicators approved by its Technical Working Group.\n\
         # Save as indicators/national/{country}.toml in a framework directory; the codes are national\n\
         # (NAT.{country}.…) and never enter regional comparison.\n\n[extension]\ncountry = {}\nversion = {version}\n",
        q(country.as_str())
    );
    for p in indicators {
        out.push_str(&format!(
            "\n[[indicator]]\ncode = {}\ntheme = {}\nname = {}\ndefinition = {}\nunit = {}\ndimensions = [{}]\nrationale = {}\n",
            q(p.code.code().as_str()),
            q(p.theme.as_str()),
            text(&p.name),
            text(&p.definition),
            q(&p.unit),
            p.dimensions.iter().map(|d| q(d.as_str())).collect::<Vec<_>>().join(", "),
            q(&p.rationale),
        ));
        // A national source is named once, as the sub-group wrote it (a ministry or survey of
        // the country): the same text stands in every language of the framework.
        for s in &p.sources {
            out.push_str(&format!("\n[[indicator.source]]\nname = {}\n", text(&I18nText::new(s.as_str(), s.as_str(), s.as_str()))));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_namespaced_by_country() {
        let c = NationalCode::parse("NAT.SEN.RETURN_REINTEGRATED").unwrap();
        assert_eq!(c.country().as_str(), "SEN");
        assert!(is_national(c.code()));
        assert_eq!(NationalCode::new(&Iso3::parse("SEN").unwrap(), "return_reintegrated").unwrap(), c);
        assert_eq!(NationalCode::new(&Iso3::parse("SEN").unwrap(), "NAT.SEN.RETURN_REINTEGRATED").unwrap(), c);
        for bad in ["NAT.SEN", "NAT.sen.X", "NAT.SENE.X", "IMM.STOCK", "NAT..X", "SEN.NAT.X", "NAT.SEN.X Y"] {
            assert!(NationalCode::parse(bad).is_err(), "{bad}");
        }
        assert!(!is_national(&IndicatorCode::parse("NATURAL.GROWTH").unwrap()));
    }

    fn t(s: &str) -> String {
        format!("{{ en = \"{s}\", fr = \"{s} fr\", pt = \"{s} pt\" }}")
    }

    /// A small hand-written regional framework (not real data).
    fn files() -> crate::FrameworkFiles {
        vec![
            ("framework.toml".into(), "version = \"1\"\nlanguages = [\"en\", \"fr\", \"pt\"]\n".into()),
            ("themes.toml".into(), format!("[[theme]]\ncode = \"T07\"\norder = 7\nname = {}\ndescription = {}\n", t("Return"), t("R"))),
            ("units.toml".into(), format!("[[unit]]\nid = \"persons\"\nkind = \"number\"\ndecimals = 0\nname = {}\n", t("persons"))),
            (
                "codelists.toml".into(),
                format!("[[codelist]]\nid = \"CL_SEX\"\nname = {}\n[[codelist.code]]\nid = \"F\"\nname = {}\n", t("Sex"), t("F")),
            ),
            ("dimensions.toml".into(), format!("[[dimension]]\nid = \"SEX\"\ncodelist = \"CL_SEX\"\nname = {}\n", t("Sex"))),
            (
                "indicators/T07.toml".into(),
                format!(
                    "[[indicator]]\ncode = \"RET.VOL\"\ntheme = \"T07\"\nname = {}\ndefinition = {}\nunit = \"persons\"\n",
                    t("V"),
                    t("D")
                ),
            ),
        ]
    }

    fn sen() -> Iso3 {
        Iso3::parse("SEN").unwrap()
    }

    fn raw<'a>(code: &'a str) -> RawProposal<'a> {
        RawProposal {
            country: "SEN",
            code,
            theme: "T07",
            name: ["Returnees reintegrated", "Rapatriés réintégrés", "Retornados reintegrados"],
            definition: [
                "Returnees with a reintegration plan \"completed\".",
                "Rapatriés ayant achevé leur plan.",
                "Retornados com o plano concluído.",
            ],
            unit: "persons",
            dimensions: vec!["SEX"],
            sources: "Ministry of Foreign Affairs, returns register\n\nPilot survey, Dakar 2025",
            rationale: "The 2025 pilot in Dakar found the register complete for assisted returns.",
        }
    }

    #[test]
    fn an_extension_reloads_with_the_framework_loader() {
        let fw = crate::Framework::from_files(&files(), None).unwrap();
        let p = Proposal::parse(&raw("returnees_reint"), &fw).unwrap();
        assert_eq!(p.code.to_string(), "NAT.SEN.RETURNEES_REINT");
        assert_eq!(p.sources.len(), 2);
        let text = extension_toml(&sen(), 1, std::slice::from_ref(&p));
        let mut with = files();
        with.push(("indicators/national/SEN.toml".into(), text.clone()));
        let loaded = crate::Framework::from_files(&with, None).unwrap();
        assert_eq!(loaded.extension_versions.get(&sen()), Some(&1));
        // Kept out of the regional framework, present in Senegal's.
        assert!(loaded.indicator(p.code.code()).is_none());
        assert_eq!(loaded.regional_indicators().count(), 1);
        let fsen = loaded.for_country(&sen());
        let ind = fsen.indicator(p.code.code()).unwrap();
        assert_eq!(ind.national, Some(sen()));
        assert_eq!(ind.name, p.name);
        assert_eq!(ind.definition.get(Lang::En), "Returnees with a reintegration plan \"completed\".");
        assert_eq!(ind.dimensions, p.dimensions);
        // The sources come back as the sub-group wrote them, in every language.
        let names: Vec<&str> = ind.sources.iter().map(|s| s.name.get(Lang::Fr)).collect();
        assert_eq!(names, ["Ministry of Foreign Affairs, returns register", "Pilot survey, Dakar 2025"]);
        assert_eq!(ind.sources[0].name.get(Lang::En), ind.sources[0].name.get(Lang::Pt));
        assert_eq!(ind.rationale.as_deref(), Some(p.rationale.as_str()));
        assert_eq!(fsen.indicators.last().map(|i| &i.code), Some(p.code.code()));
        assert_eq!(fsen.regional_indicators().count(), 1);
        assert!(loaded.for_country(&Iso3::parse("MLI").unwrap()).indicator(p.code.code()).is_none());
        // The same text through `with_extension`, as the store keeps it.
        assert!(fw.with_extension(&sen(), &text).unwrap().for_country(&sen()).indicator(p.code.code()).is_some());
        // Proposing the same code again is refused by name.
        let again = Proposal::parse(&raw("RETURNEES_REINT"), &fsen).unwrap_err();
        assert!(again.iter().any(|e| e.field == "code" && e.problem.contains("already")), "{again:?}");
    }

    #[test]
    fn the_namespaces_never_mix() {
        let fw = crate::Framework::from_files(&files(), None).unwrap();
        let p = Proposal::parse(&raw("X"), &fw).unwrap();
        let problems = |path: &str, text: String| {
            let mut with = files();
            with.push((path.into(), text));
            crate::Framework::from_files(&with, None).unwrap_err().problems.iter().map(|p| p.to_string()).collect::<Vec<_>>()
        };
        // A national code in a regional file.
        let regional = extension_toml(&sen(), 1, std::slice::from_ref(&p)).replace("[extension]\ncountry = \"SEN\"\nversion = 1\n", "");
        let e = problems("indicators/T99.toml", regional);
        assert!(e.iter().any(|e| e.contains("are national")), "{e:?}");
        // Senegal's code in Mali's file.
        let e = problems("indicators/national/MLI.toml", extension_toml(&sen(), 1, std::slice::from_ref(&p)));
        assert!(e.iter().any(|e| e.contains("but the file is MLI's")), "{e:?}");
        let mali = extension_toml(&sen(), 1, &[p]).replace("country = \"SEN\"", "country = \"MLI\"");
        let e = problems("indicators/national/MLI.toml", mali);
        assert!(e.iter().any(|e| e.contains("SEN's namespace in MLI's extension")), "{e:?}");
    }

    #[test]
    fn every_bad_field_is_named() {
        let fw = crate::Framework::from_files(&files(), None).unwrap();
        let mut r = raw("bad code");
        r.theme = "T99";
        r.name[1] = " ";
        r.unit = "furlongs";
        r.dimensions = vec!["AGE"];
        r.sources = "\n";
        r.rationale = "";
        let fields: Vec<String> = Proposal::parse(&r, &fw).unwrap_err().into_iter().map(|p| p.field).collect();
        assert_eq!(fields, ["code", "theme", "name_fr", "unit", "dimensions", "sources", "rationale"]);
    }
}
