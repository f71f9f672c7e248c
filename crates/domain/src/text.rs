//! Languages and text in the three languages of the profiles.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A language the profiles are published in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    En,
    /// French.
    Fr,
    /// Portuguese.
    Pt,
}

impl Lang {
    /// All languages, in display order.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Fr, Lang::Pt];

    /// The two-letter code (`en`, `fr`, `pt`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Pt => "pt",
        }
    }

    /// The language's own name for itself.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "Français",
            Lang::Pt => "Português",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A language code that is not one of `en`, `fr`, `pt`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language `{0}`: expected en, fr or pt")]
pub struct LangError(pub String);

impl FromStr for Lang {
    type Err = LangError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" | "eng" | "english" => Ok(Lang::En),
            "fr" | "fra" | "fre" | "french" | "français" => Ok(Lang::Fr),
            "pt" | "por" | "portuguese" | "português" | "pt-pt" | "pt-br" | "pt-cv" => Ok(Lang::Pt),
            other => Err(LangError(other.to_string())),
        }
    }
}

/// A text given in English, French and Portuguese; all three are present and non-empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct I18nText {
    /// English.
    pub en: String,
    /// French.
    pub fr: String,
    /// Portuguese.
    pub pt: String,
}

impl I18nText {
    /// Builds a text from its three translations.
    pub fn new(en: impl Into<String>, fr: impl Into<String>, pt: impl Into<String>) -> Self {
        I18nText { en: en.into(), fr: fr.into(), pt: pt.into() }
    }

    /// The text in one language.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Fr => &self.fr,
            Lang::Pt => &self.pt,
        }
    }

    /// The same text rewritten in each language, e.g. with a code appended.
    pub fn map(&self, mut f: impl FnMut(Lang, &str) -> String) -> I18nText {
        I18nText { en: f(Lang::En, &self.en), fr: f(Lang::Fr, &self.fr), pt: f(Lang::Pt, &self.pt) }
    }

    /// The languages whose text is empty (after trimming).
    pub fn missing(&self) -> Vec<Lang> {
        Lang::ALL.into_iter().filter(|l| self.get(*l).trim().is_empty()).collect()
    }
}
