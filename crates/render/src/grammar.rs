//! How a sentence names a country in each language: with its article ("le Sénégal",
//! "a França", "the Gambia"), after "in" ("au Sénégal", "en Côte d'Ivoire", "aux États-Unis";
//! "no Senegal", "em Cabo Verde", "nos Estados Unidos") and after "of" ("du Sénégal").
//!
//! The forms come from the area data (`framework/country-forms.toml`); a country it does not
//! list gets them from each language's article rules. A message receives, for an argument
//! `country` holding a country's name, the arguments `country_the`, `country_The` (capitalised
//! to open a sentence), `country_in`, `country_In` and `country_of`, and `country` itself
//! becomes the short name.

use mp_domain::{I18nText, Lang};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The area data's sentence forms, compiled in.
const FORMS: &str = include_str!("../../../framework/country-forms.toml");

/// The message arguments that hold a country's name and get its forms.
pub const NAMED: &[&str] = &["country", "top", "top_destination", "top_origin", "first", "last"];

/// A country's name as sentences use it in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forms {
    /// Short name ("Royaume-Uni").
    pub name: String,
    /// With its article ("le Royaume-Uni"; "Cabo Verde" in Portuguese has none).
    pub the: String,
    /// After "in" ("au Royaume-Uni").
    pub r#in: String,
    /// After "of" ("du Royaume-Uni").
    pub of: String,
}

#[derive(serde::Deserialize)]
struct Entry {
    en: [String; 4],
    fr: [String; 4],
    pt: [String; 4],
    #[serde(default)]
    also: Vec<String>,
    /// A shorter name for where space is short (chart labels), in each language.
    #[serde(default)]
    label: Option<Label>,
}

#[derive(serde::Deserialize, Clone)]
struct Label {
    en: String,
    fr: String,
    pt: String,
}

impl Entry {
    fn forms(&self, lang: Lang) -> Forms {
        let [name, the, r#in, of] = match lang {
            Lang::En => &self.en,
            Lang::Fr => &self.fr,
            Lang::Pt => &self.pt,
        }
        .clone();
        Forms { name, the, r#in, of }
    }
}

fn key(s: &str) -> String {
    s.trim().replace(['’', 'ʼ'], "'").to_lowercase()
}

/// Every listed country by each of its names (any language, official names too).
fn table() -> &'static BTreeMap<String, Entry> {
    static TABLE: OnceLock<BTreeMap<String, Entry>> = OnceLock::new();
    TABLE.get_or_init(|| {
        // The file is ours and compiled in; a syntax error fails every test that names a country.
        let entries: BTreeMap<String, Entry> = toml::from_str(FORMS).unwrap_or_else(|e| panic!("framework/country-forms.toml: {e}"));
        let mut by_name = BTreeMap::new();
        for (_, e) in entries {
            let names: Vec<String> = [&e.en[0], &e.fr[0], &e.pt[0]].into_iter().chain(e.also.iter()).map(|n| key(n)).collect();
            for n in names {
                by_name.entry(n).or_insert_with(|| Entry {
                    en: e.en.clone(),
                    fr: e.fr.clone(),
                    pt: e.pt.clone(),
                    also: Vec::new(),
                    label: e.label.clone(),
                });
            }
        }
        by_name
    })
}

/// The area data's forms of the country named `name`, if it lists it.
fn listed(name: &I18nText, lang: Lang) -> Option<Forms> {
    let t = table();
    [&name.en, &name.fr, &name.pt].into_iter().find_map(|n| t.get(&key(n))).map(|e| e.forms(lang))
}

/// The forms of a country name in `lang`: the area data's, else the language's article rules.
pub fn forms(name: &I18nText, lang: Lang) -> Forms {
    listed(name, lang).unwrap_or_else(|| by_rule(name.get(lang), lang))
}

/// The name of the country `name` where space is short (a chart's category labels): the area
/// data's `label` ("RD Congo") when it gives one, else the short name in `lang`.
pub fn label(name: &I18nText, lang: Lang) -> String {
    let t = table();
    let entry = [&name.en, &name.fr, &name.pt].into_iter().find_map(|n| t.get(&key(n)));
    match entry.and_then(|e| e.label.as_ref()) {
        Some(l) => match lang {
            Lang::En => l.en.clone(),
            Lang::Fr => l.fr.clone(),
            Lang::Pt => l.pt.clone(),
        },
        None => name.get(lang).to_string(),
    }
}

/// Forms from the article rules: in French a name ending in a mute "e" is feminine ("la
/// Guinée", "en Guinée"), one starting with a vowel elides ("l'Érythrée", "en Érythrée"), other
/// names are masculine ("le Tchad", "au Tchad"); in Portuguese a name ending in "a" is feminine
/// ("a Etiópia", "na Etiópia"), others masculine ("o Chade"). English names take no article.
fn by_rule(name: &str, lang: Lang) -> Forms {
    let n = name.trim().to_string();
    let first = n.chars().next().map(|c| c.to_lowercase().collect::<String>()).unwrap_or_default();
    let vowel = "aâàeéèêiîoôuhy".contains(first.as_str()) && !first.is_empty();
    let last = n.chars().last().map(|c| c.to_lowercase().collect::<String>()).unwrap_or_default();
    let (the, r#in, of) = match lang {
        Lang::En => (n.clone(), format!("in {n}"), format!("of {n}")),
        Lang::Fr if vowel => (format!("l'{n}"), format!("en {n}"), format!("de l'{n}")),
        Lang::Fr if last == "e" => (format!("la {n}"), format!("en {n}"), format!("de la {n}")),
        Lang::Fr => (format!("le {n}"), format!("au {n}"), format!("du {n}")),
        Lang::Pt if last == "a" => (format!("a {n}"), format!("na {n}"), format!("da {n}")),
        Lang::Pt => (format!("o {n}"), format!("no {n}"), format!("do {n}")),
    };
    Forms { name: n, the, r#in, of }
}

/// `s` with its first letter in upper case, to open a sentence ("Le Sénégal", "Au Mali").
pub fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The arguments a message gets for the country name `name` passed as `arg`.
pub fn arguments(arg: &str, name: &I18nText, lang: Lang) -> Vec<(String, String)> {
    let f = forms(name, lang);
    vec![
        (format!("{arg}_The"), capitalised(&f.the)),
        (format!("{arg}_In"), capitalised(&f.r#in)),
        (format!("{arg}_the"), f.the),
        (format!("{arg}_in"), f.r#in),
        (format!("{arg}_of"), f.of),
        (arg.to_string(), f.name),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(en: &str, fr: &str, pt: &str) -> I18nText {
        I18nText::new(en, fr, pt)
    }

    #[test]
    fn the_issue_s_examples() {
        let sen = name("Senegal", "Sénégal", "Senegal");
        let civ = name("Côte d'Ivoire", "Côte d’Ivoire", "Costa do Marfim");
        let usa = name("United States of America", "États-Unis d'Amérique", "Estados Unidos da América");
        let fra = name("France", "France", "França");
        let cpv = name("Cabo Verde", "Cap-Vert", "Cabo Verde");
        assert_eq!(forms(&sen, Lang::Fr).the, "le Sénégal");
        assert_eq!(forms(&sen, Lang::Fr).r#in, "au Sénégal");
        assert_eq!(forms(&civ, Lang::Fr).r#in, "en Côte d'Ivoire");
        assert_eq!(forms(&usa, Lang::Fr).r#in, "aux États-Unis");
        assert_eq!(forms(&fra, Lang::Fr).the, "la France");
        assert_eq!(forms(&sen, Lang::Pt).the, "o Senegal");
        assert_eq!(forms(&cpv, Lang::Pt).r#in, "em Cabo Verde");
        assert_eq!(forms(&usa, Lang::Pt).r#in, "nos Estados Unidos");
        assert_eq!(forms(&usa, Lang::En).the, "the United States");
        // The sentence uses the short name, not the official one.
        assert_eq!(forms(&usa, Lang::En).name, "United States");
    }

    #[test]
    fn charts_name_dr_congo_by_its_short_label() {
        let cod = name("Democratic Republic of the Congo", "République démocratique du Congo", "República Democrática do Congo");
        assert_eq!(label(&cod, Lang::En), "DR Congo");
        assert_eq!(label(&cod, Lang::Fr), "RD Congo");
        assert_eq!(label(&cod, Lang::Pt), "RD Congo");
        // The official name the country-codes data set gives finds it too.
        let official = name("Congo, The Democratic Republic of the", "République démocratique du Congo", "Congo, República Democrática do");
        assert_eq!(label(&official, Lang::Fr), "RD Congo");
        // Sentences keep the full name; a country without a label keeps its name.
        assert_eq!(forms(&cod, Lang::Fr).the, "la République démocratique du Congo");
        assert_eq!(label(&name("Senegal", "Sénégal", "Senegal"), Lang::Fr), "Sénégal");
        assert_eq!(label(&name("Chad", "Tchad", "Chade"), Lang::Pt), "Chade");
    }

    #[test]
    fn unlisted_countries_follow_the_article_rules() {
        assert_eq!(forms(&name("Eritrea", "Érythrée", "Eritreia"), Lang::Fr).r#in, "en Érythrée");
        assert_eq!(forms(&name("Eritrea", "Érythrée", "Eritreia"), Lang::Pt).of, "da Eritreia");
        assert_eq!(forms(&name("Kenya", "Kenya", "Quénia"), Lang::Fr).r#in, "au Kenya");
        assert_eq!(forms(&name("Ethiopia", "Éthiopie", "Etiópia"), Lang::Pt).the, "a Etiópia");
        assert_eq!(forms(&name("Djibouti", "Djibouti", "Jibuti"), Lang::Pt).r#in, "no Jibuti");
    }

    #[test]
    fn every_listed_country_has_four_forms_in_each_language() {
        let entries: BTreeMap<String, Entry> = toml::from_str(FORMS).unwrap_or_else(|e| panic!("{e}"));
        assert!(entries.len() >= 10);
        for (code, e) in &entries {
            assert_eq!(code.len(), 3, "{code}");
            for l in Lang::ALL {
                let f = e.forms(l);
                for s in [&f.name, &f.the, &f.r#in, &f.of] {
                    assert!(!s.trim().is_empty(), "{code} {l:?}");
                    assert!(s.contains(f.name.as_str()), "{code} {l:?}: `{s}` does not contain `{}`", f.name);
                }
            }
        }
    }

    #[test]
    fn arguments_open_a_sentence_in_capitals() {
        let a = arguments("country", &name("Senegal", "Sénégal", "Senegal"), Lang::Fr);
        assert!(a.contains(&("country_The".into(), "Le Sénégal".into())));
        assert!(a.contains(&("country_In".into(), "Au Sénégal".into())));
        assert!(a.contains(&("country".into(), "Sénégal".into())));
    }
}
