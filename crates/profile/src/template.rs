//! Profile templates: the structure of a document as data (TOML in `templates/`), not code.
//!
//! A template is a tree of sections; each section lists the themes of the brief it covers and
//! the blocks it shows. Blocks name indicators of the framework, so a template is checked
//! against the framework when it is loaded.

use mp_domain::{DimensionKey, Framework, I18nText, ThemeCode};
use serde::Deserialize;

/// A block of a section, as the template describes it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum BlockSpec {
    /// Key-figure boxes for headline indicators.
    KeyFigures {
        /// Indicator codes.
        indicators: Vec<String>,
    },
    /// Generated sentences, by fact id (see `facts.rs`).
    Facts {
        /// Fact ids.
        facts: Vec<String>,
    },
    /// A time-series chart (one line per indicator, and per source where several publish it).
    Series {
        /// Indicator codes.
        indicators: Vec<String>,
        /// A dimension filter, e.g. `SEX=F`.
        #[serde(default)]
        dims: Option<String>,
        /// Chart title; the first indicator's name when absent.
        #[serde(default)]
        title: Option<I18nText>,
        /// First year shown.
        #[serde(default)]
        from: Option<i32>,
    },
    /// The largest codes of a dimension in the latest period (top origins, destinations…).
    Breakdown {
        /// Indicator code.
        indicator: String,
        /// Dimension, e.g. `COUNTERPART_AREA`.
        dim: String,
        /// How many.
        #[serde(default = "ten")]
        top: usize,
        /// Chart title.
        #[serde(default)]
        title: Option<I18nText>,
    },
    /// Every code of an area dimension (e.g. countries of destination) on a world map, for the
    /// latest period of the indicator's best source.
    Map {
        /// Indicator code.
        indicator: String,
        /// Dimension whose codes are areas, e.g. `COUNTERPART_AREA`.
        dim: String,
        /// Chart title.
        #[serde(default)]
        title: Option<I18nText>,
    },
    /// Women and men over time.
    BySex {
        /// Indicator code.
        indicator: String,
        /// Chart title.
        #[serde(default)]
        title: Option<I18nText>,
    },
    /// Every source of an indicator side by side for recent periods.
    CompareSources {
        /// Indicator code.
        indicator: String,
    },
    /// Observed history continued by projections with their uncertainty band.
    Forecast {
        /// Indicator of the observed history.
        history: String,
        /// Indicator of the projection (VARIANT LO80/HI80/LO95/HI95 give the band).
        projection: String,
        /// Last year shown.
        #[serde(default)]
        until: Option<i32>,
        /// Chart title.
        #[serde(default)]
        title: Option<I18nText>,
    },
    /// Every forecast of the mprofile forecasting module for the country, with its interval,
    /// method and backtest skill in plain words (`build/forecasts.rs`).
    ForecastTable,
    /// The latest value of every indicator of a theme, with its source (statistical annex).
    ThemeTable {
        /// Theme code.
        theme: String,
    },
    /// The text the Technical Working Group wrote for this section.
    Narrative,
    /// The data-gap annex.
    Gaps,
    /// The data-sources annex.
    Sources,
    /// Definitions of the indicators of some themes (all when empty).
    Definitions {
        /// Theme codes.
        #[serde(default)]
        themes: Vec<String>,
    },
    /// Regional report: one row per country, one column per indicator, latest values.
    CompareCountries {
        /// Indicator codes.
        indicators: Vec<String>,
        /// Table title.
        #[serde(default)]
        title: Option<I18nText>,
    },
    /// Regional report: the countries ranked on one indicator (a small chart per indicator).
    RankCountries {
        /// Indicator code.
        indicator: String,
    },
    /// The registry's instruments and their status in the country (in the regional report,
    /// the countries side by side); `instruments` picks and orders them (all when empty).
    Ratifications {
        /// Instrument codes.
        #[serde(default)]
        instruments: Vec<String>,
    },
    /// The registry's institutions of migration governance in the country.
    Institutions,
    /// The registry's programmes and projects in the country (in the regional report, the
    /// number of projects per country and theme).
    Projects,
    /// The quality section (theme T03): source scores as a heat map and a table, the largest
    /// conflicts between sources and mirror gaps, and what to improve first.
    Quality,
    /// The coherence view: instruments × themes, ECOWAS free movement, the development plan
    /// (in the regional report, the countries side by side).
    Coherence,
    /// The coherence view's findings in plain language (Part D; in the regional report, the
    /// countries compared).
    CoherenceFindings,
}

fn ten() -> usize {
    10
}

/// A section of a template.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionSpec {
    /// Stable id (narrative is stored against it).
    pub id: String,
    /// Number shown to readers.
    #[serde(default)]
    pub number: String,
    /// Title.
    pub title: I18nText,
    /// Themes of the brief covered here.
    #[serde(default)]
    pub themes: Vec<String>,
    /// Blocks.
    #[serde(default)]
    pub block: Vec<BlockSpec>,
    /// Sub-sections.
    #[serde(default)]
    pub section: Vec<SectionSpec>,
}

/// A whole template.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// Id, e.g. `iom-2011`.
    pub id: String,
    /// Name of the structure.
    pub name: I18nText,
    /// Whether it makes country profiles or the regional report.
    #[serde(default)]
    pub regional: bool,
    /// Source codes in order of preference for headline figures.
    #[serde(default)]
    pub prefer: Vec<String>,
    /// Sections.
    pub section: Vec<SectionSpec>,
}

/// A template that does not parse or names what the framework lacks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("template {file}: {problems:?}")]
pub struct TemplateError {
    /// The template file.
    pub file: String,
    /// Every problem.
    pub problems: Vec<String>,
}

impl Template {
    /// Parses a template and checks every indicator, theme and dimension it names.
    pub fn parse(file: &str, text: &str, fw: &Framework) -> Result<Template, TemplateError> {
        let t: Template = toml::from_str(text).map_err(|e| TemplateError { file: file.to_string(), problems: vec![e.to_string()] })?;
        let mut problems = Vec::new();
        let ind = |c: &str, p: &mut Vec<String>, at: &str| {
            if fw.find(c).is_none() {
                p.push(format!("section {at}: unknown indicator {c}"));
            }
        };
        fn walk(s: &SectionSpec, fw: &Framework, p: &mut Vec<String>, ind: &dyn Fn(&str, &mut Vec<String>, &str)) {
            for th in &s.themes {
                if ThemeCode::parse(th).ok().and_then(|t| fw.theme(&t)).is_none() {
                    p.push(format!("section {}: unknown theme {th}", s.id));
                }
            }
            for b in &s.block {
                match b {
                    BlockSpec::KeyFigures { indicators }
                    | BlockSpec::Series { indicators, .. }
                    | BlockSpec::CompareCountries { indicators, .. } => indicators.iter().for_each(|c| ind(c, p, &s.id)),
                    BlockSpec::Breakdown { indicator, dim, .. } | BlockSpec::Map { indicator, dim, .. } => {
                        ind(indicator, p, &s.id);
                        if let Some(i) = fw.find(indicator)
                            && !i.dimensions.iter().any(|d| d.as_str() == dim)
                        {
                            p.push(format!("section {}: {indicator} has no dimension {dim}", s.id));
                        }
                    }
                    BlockSpec::BySex { indicator, .. }
                    | BlockSpec::CompareSources { indicator }
                    | BlockSpec::RankCountries { indicator } => ind(indicator, p, &s.id),
                    BlockSpec::Forecast { history, projection, .. } => {
                        ind(history, p, &s.id);
                        ind(projection, p, &s.id);
                    }
                    BlockSpec::ThemeTable { theme } => {
                        if ThemeCode::parse(theme).ok().and_then(|t| fw.theme(&t)).is_none() {
                            p.push(format!("section {}: unknown theme {theme}", s.id));
                        }
                    }
                    BlockSpec::Definitions { themes } => {
                        for th in themes {
                            if ThemeCode::parse(th).ok().and_then(|t| fw.theme(&t)).is_none() {
                                p.push(format!("section {}: unknown theme {th}", s.id));
                            }
                        }
                    }
                    BlockSpec::Ratifications { instruments } => {
                        for c in instruments {
                            if mp_domain::InstrumentCode::parse(c).is_err() {
                                p.push(format!("section {}: bad instrument code {c}", s.id));
                            }
                        }
                    }
                    BlockSpec::Facts { .. }
                    | BlockSpec::Narrative
                    | BlockSpec::Gaps
                    | BlockSpec::Sources
                    | BlockSpec::Institutions
                    | BlockSpec::Projects
                    | BlockSpec::Quality
                    | BlockSpec::Coherence
                    | BlockSpec::CoherenceFindings
                    | BlockSpec::ForecastTable => {}
                }
                if let BlockSpec::Series { dims: Some(d), .. } = b
                    && DimensionKey::parse(d).is_err()
                {
                    p.push(format!("section {}: bad dimension filter {d}", s.id));
                }
                if let BlockSpec::Facts { facts } = b {
                    for f in facts {
                        if !crate::facts::FACTS.contains(&f.as_str()) {
                            p.push(format!("section {}: unknown fact {f} (known: {})", s.id, crate::facts::FACTS.join(", ")));
                        }
                    }
                }
            }
            for c in &s.section {
                walk(c, fw, p, ind);
            }
        }
        for s in &t.section {
            walk(s, fw, &mut problems, &ind);
        }
        if problems.is_empty() { Ok(t) } else { Err(TemplateError { file: file.to_string(), problems }) }
    }

    /// The themes the template gives a home, in order of first appearance.
    pub fn themes(&self) -> Vec<String> {
        fn walk(s: &SectionSpec, out: &mut Vec<String>) {
            for t in &s.themes {
                if !out.contains(t) {
                    out.push(t.clone());
                }
            }
            s.section.iter().for_each(|c| walk(c, out));
        }
        let mut out = Vec::new();
        self.section.iter().for_each(|s| walk(s, &mut out));
        out
    }
}
