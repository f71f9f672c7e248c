//! Profile templates: the structure of a document as data (TOML in `templates/`), not code.
//!
//! A template is a tree of sections; each section lists the themes of the brief it covers and
//! the blocks it shows. Blocks name indicators, dimensions and themes as parsed codes, and a
//! template is checked against the framework when it is loaded: a code the framework lacks is
//! an error naming the template file, the section and the block, never a block left out.

use mp_domain::{DimensionId, DimensionKey, Framework, I18nText, IndicatorCode, ThemeCode};
use serde::{Deserialize, Deserializer};

/// A block of a section, as the template describes it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum BlockSpec {
    /// Key-figure boxes for headline indicators.
    KeyFigures {
        /// Indicator codes.
        indicators: Vec<IndicatorCode>,
    },
    /// Generated sentences, by fact id (see `facts.rs`).
    Facts {
        /// Fact ids.
        facts: Vec<String>,
    },
    /// A time-series chart (one line per indicator, and per source where several publish it).
    Series {
        /// Indicator codes.
        indicators: Vec<IndicatorCode>,
        /// A dimension filter, e.g. `SEX=F`.
        #[serde(default, deserialize_with = "dimension_key")]
        dims: Option<DimensionKey>,
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
        indicator: IndicatorCode,
        /// Dimension, e.g. `COUNTERPART_AREA`.
        dim: DimensionId,
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
        indicator: IndicatorCode,
        /// Dimension whose codes are areas, e.g. `COUNTERPART_AREA`.
        dim: DimensionId,
        /// Chart title.
        #[serde(default)]
        title: Option<I18nText>,
    },
    /// Women and men over time.
    BySex {
        /// Indicator code.
        indicator: IndicatorCode,
        /// Chart title.
        #[serde(default)]
        title: Option<I18nText>,
    },
    /// Every source of an indicator side by side for recent periods.
    CompareSources {
        /// Indicator code.
        indicator: IndicatorCode,
    },
    /// Observed history continued by projections with their uncertainty band.
    Forecast {
        /// Indicator of the observed history.
        history: IndicatorCode,
        /// Indicator of the projection (VARIANT LO80/HI80/LO95/HI95 give the band).
        projection: IndicatorCode,
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
        theme: ThemeCode,
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
        themes: Vec<ThemeCode>,
    },
    /// Regional report: one row per country, one column per indicator, latest values.
    CompareCountries {
        /// Indicator codes.
        indicators: Vec<IndicatorCode>,
        /// Table title.
        #[serde(default)]
        title: Option<I18nText>,
    },
    /// Regional report: the countries ranked on one indicator (a small chart per indicator).
    RankCountries {
        /// Indicator code.
        indicator: IndicatorCode,
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
    /// The key findings and recommendations the TWG wrote, each with its evidence (Part D).
    Findings,
}

fn ten() -> usize {
    10
}

/// A dimension filter such as `SEX=F`, parsed when the template loads.
fn dimension_key<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DimensionKey>, D::Error> {
    let s = String::deserialize(d)?;
    DimensionKey::parse(&s).map(Some).map_err(|e| serde::de::Error::custom(format!("bad dimension filter {s}: {e}")))
}

impl BlockSpec {
    /// The block's `type`, as the template writes it (for error messages).
    pub fn kind(&self) -> &'static str {
        match self {
            BlockSpec::KeyFigures { .. } => "key_figures",
            BlockSpec::Facts { .. } => "facts",
            BlockSpec::Series { .. } => "series",
            BlockSpec::Breakdown { .. } => "breakdown",
            BlockSpec::Map { .. } => "map",
            BlockSpec::BySex { .. } => "by_sex",
            BlockSpec::CompareSources { .. } => "compare_sources",
            BlockSpec::Forecast { .. } => "forecast",
            BlockSpec::ForecastTable => "forecast_table",
            BlockSpec::ThemeTable { .. } => "theme_table",
            BlockSpec::Narrative => "narrative",
            BlockSpec::Gaps => "gaps",
            BlockSpec::Sources => "sources",
            BlockSpec::Definitions { .. } => "definitions",
            BlockSpec::CompareCountries { .. } => "compare_countries",
            BlockSpec::RankCountries { .. } => "rank_countries",
            BlockSpec::Ratifications { .. } => "ratifications",
            BlockSpec::Institutions => "institutions",
            BlockSpec::Projects => "projects",
            BlockSpec::Quality => "quality",
            BlockSpec::Coherence => "coherence",
            BlockSpec::CoherenceFindings => "coherence_findings",
            BlockSpec::Findings => "findings",
        }
    }

    /// Every indicator the block names.
    pub fn indicators(&self) -> Vec<&IndicatorCode> {
        match self {
            BlockSpec::KeyFigures { indicators }
            | BlockSpec::Series { indicators, .. }
            | BlockSpec::CompareCountries { indicators, .. } => indicators.iter().collect(),
            BlockSpec::Breakdown { indicator, .. }
            | BlockSpec::Map { indicator, .. }
            | BlockSpec::BySex { indicator, .. }
            | BlockSpec::CompareSources { indicator }
            | BlockSpec::RankCountries { indicator } => vec![indicator],
            BlockSpec::Forecast { history, projection, .. } => vec![history, projection],
            _ => Vec::new(),
        }
    }
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
    pub themes: Vec<ThemeCode>,
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
#[error("template {file}: {}", problems.join("; "))]
pub struct TemplateError {
    /// The template file.
    pub file: String,
    /// Every problem.
    pub problems: Vec<String>,
}

impl Template {
    /// Parses a template and checks every indicator, theme and dimension it names against the
    /// framework; each problem names the section and the block (its place and type).
    pub fn parse(file: &str, text: &str, fw: &Framework) -> Result<Template, TemplateError> {
        let t: Template = toml::from_str(text).map_err(|e| TemplateError { file: file.to_string(), problems: vec![e.to_string()] })?;
        let problems = t.check(fw);
        if problems.is_empty() { Ok(t) } else { Err(TemplateError { file: file.to_string(), problems }) }
    }

    /// What the template names that the framework lacks (empty when it fits the framework).
    pub fn check(&self, fw: &Framework) -> Vec<String> {
        fn walk(s: &SectionSpec, fw: &Framework, p: &mut Vec<String>) {
            for th in &s.themes {
                if fw.theme(th).is_none() {
                    p.push(format!("section {}: unknown theme {th}", s.id));
                }
            }
            for (n, b) in s.block.iter().enumerate() {
                let at = format!("section {}, block {} ({})", s.id, n + 1, b.kind());
                for c in b.indicators() {
                    if fw.indicator(c).is_none() {
                        p.push(format!("{at}: unknown indicator {c}"));
                    }
                }
                match b {
                    BlockSpec::Breakdown { indicator, dim, .. } | BlockSpec::Map { indicator, dim, .. } => {
                        if let Some(i) = fw.indicator(indicator)
                            && !i.dimensions.contains(dim)
                        {
                            p.push(format!("{at}: {indicator} has no dimension {dim}"));
                        }
                    }
                    BlockSpec::Series { indicators, dims: Some(key), .. } => {
                        for (d, _) in key.iter() {
                            for c in indicators {
                                if let Some(i) = fw.indicator(c)
                                    && !i.dimensions.contains(d)
                                {
                                    p.push(format!("{at}: {c} has no dimension {d}"));
                                }
                            }
                        }
                    }
                    BlockSpec::ThemeTable { theme } if fw.theme(theme).is_none() => {
                        p.push(format!("{at}: unknown theme {theme}"));
                    }
                    BlockSpec::Definitions { themes } => {
                        for th in themes {
                            if fw.theme(th).is_none() {
                                p.push(format!("{at}: unknown theme {th}"));
                            }
                        }
                    }
                    BlockSpec::Ratifications { instruments } => {
                        for c in instruments {
                            if mp_domain::InstrumentCode::parse(c).is_err() {
                                p.push(format!("{at}: bad instrument code {c}"));
                            }
                        }
                    }
                    BlockSpec::Facts { facts } => {
                        for f in facts {
                            if !crate::facts::FACTS.contains(&f.as_str()) {
                                p.push(format!("{at}: unknown fact {f} (known: {})", crate::facts::FACTS.join(", ")));
                            }
                        }
                    }
                    _ => {}
                }
            }
            for c in &s.section {
                walk(c, fw, p);
            }
        }
        let mut problems = Vec::new();
        for s in &self.section {
            walk(s, fw, &mut problems);
        }
        problems
    }

    /// The themes the template gives a home, in order of first appearance.
    pub fn themes(&self) -> Vec<ThemeCode> {
        fn walk(s: &SectionSpec, out: &mut Vec<ThemeCode>) {
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
