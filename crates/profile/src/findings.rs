//! Part D's key findings and recommendations, written by the Technical Working Group, each
//! linked to the figures and sections it rests on.
//!
//! The TWG writes an item's text per language (kept with the narrative under
//! [`text_key`], so it is revised and reviewed like any section's text) and names its
//! evidence: figures (indicator × area × period × source) and sections. The builder turns each
//! figure into the [`Value`] the store holds for it, and once the whole document is known
//! [`locate`] finds the table or chart that shows that very figure (else the section of its
//! theme), so a reader can follow a recommendation to its evidence.

use crate::build::Narrative;
use crate::data::Data;
use crate::model::{Block, Cell, Document, Evidence, Finding, FindingKind, Section, Text, Value};
use mp_domain::{AreaCode, IndicatorCode, Period, ThemeCode};

/// A finding or recommendation as the TWG recorded it, before the document is built.
#[derive(Debug, Clone, PartialEq)]
pub struct FindingSpec {
    /// Stable key (the store's id); its text is the narrative of [`text_key`]`(key)`.
    pub key: String,
    /// Finding or recommendation.
    pub kind: FindingKind,
    /// What it rests on, in the order the TWG gave.
    pub evidence: Vec<EvidenceSpec>,
}

/// One piece of evidence named by the TWG.
#[derive(Debug, Clone, PartialEq)]
pub enum EvidenceSpec {
    /// A figure: the total of an indicator for an area and period, as one source publishes it.
    Figure {
        /// Indicator.
        indicator: IndicatorCode,
        /// Area.
        area: AreaCode,
        /// Period.
        period: Period,
        /// Source code (its newest vintage in the records is used).
        source: String,
    },
    /// A section of the document, by its template id (`B.3`).
    Section(String),
}

/// The narrative key under which an item's text is kept, per language.
pub fn text_key(key: &str) -> String {
    format!("finding:{key}")
}

/// The item of a narrative key written by [`text_key`], if it is one.
pub fn key_of_text(section: &str) -> Option<&str> {
    section.strip_prefix("finding:").filter(|k| !k.is_empty())
}

/// The Part D block of a country's document: every item with its text and evidence resolved
/// against the records. `cite` numbers a figure's source in the document's source list.
pub(crate) fn block(
    specs: &[FindingSpec],
    narrative: &Narrative,
    d: &Data,
    mut cite: impl FnMut(&mp_domain::DatasetId) -> usize,
) -> Vec<Block> {
    if specs.is_empty() {
        return Vec::new();
    }
    let items = specs
        .iter()
        .map(|f| Finding {
            key: f.key.clone(),
            kind: f.kind,
            text: narrative.get(&text_key(&f.key)).cloned().unwrap_or_default(),
            evidence: f.evidence.iter().map(|e| evidence(e, d, &mut cite)).collect(),
        })
        .collect();
    vec![Block::Findings(items)]
}

fn evidence(e: &EvidenceSpec, d: &Data, cite: &mut impl FnMut(&mp_domain::DatasetId) -> usize) -> Evidence {
    match e {
        EvidenceSpec::Section(id) => Evidence::Section { section: id.clone() },
        EvidenceSpec::Figure { indicator, area, period, source } => {
            let ind = d.fw.indicator(indicator);
            let found = ind.and_then(|_| figure(d, indicator, area, period, source));
            let value = found.and_then(|r| d.value(r));
            Evidence::Figure {
                indicator: indicator.clone(),
                name: ind.map(|i| Text::I18n(i.name.clone())).unwrap_or_else(|| Text::plain(indicator.to_string())),
                theme: ind.map(|i| i.theme.clone()),
                area: area.clone(),
                area_name: Text::I18n(d.area_name(area)),
                period: *period,
                source: source.clone(),
                cited: found.map(|r| cite(&r.dataset)),
                value,
                holder: None,
                section: None,
            }
        }
    }
}

/// The stored total of the figure, from the newest vintage of the source.
fn figure<'a>(d: &Data<'a>, ind: &IndicatorCode, area: &AreaCode, period: &Period, source: &str) -> Option<&'a mp_domain::Record> {
    d.records(ind, area, &mp_domain::DimensionKey::total())
        .into_iter()
        .filter(|r| r.dataset.source == source && &r.period == period)
        .max_by(|a, b| a.dataset.vintage.cmp(&b.dataset.vintage))
}

/// Fills in, for every figure of every finding, the table or chart that shows the same stored
/// observation and the section holding it; a figure no table or chart shows points at the
/// first section about its theme (the deepest one on that path).
pub fn locate(doc: &mut Document) {
    let index = holders(&doc.sections);
    let theme_sections = theme_index(&doc.sections);
    fn fill(list: &mut [Section], index: &[(i64, String, String)], themes: &[(ThemeCode, String)]) {
        for s in list {
            for b in &mut s.blocks {
                let Block::Findings(items) = b else { continue };
                for e in items.iter_mut().flat_map(|f| f.evidence.iter_mut()) {
                    let Evidence::Figure { value, theme, holder, section, .. } = e else { continue };
                    let record = value.as_ref().and_then(|v| v.trace.first()).map(|t| t.record);
                    if let Some((_, block, sec)) = record.and_then(|r| index.iter().find(|(id, ..)| *id == r)) {
                        *holder = Some(block.clone());
                        *section = Some(sec.clone());
                    } else if let Some((_, sec)) = theme.as_ref().and_then(|t| themes.iter().find(|(x, _)| x == t)) {
                        *section = Some(sec.clone());
                    }
                }
            }
            fill(&mut s.children, index, themes);
        }
    }
    fill(&mut doc.sections, &index, &theme_sections);
}

/// Every stored observation a table or chart shows on its own (not a computed figure), with
/// the block and its section, in reading order.
fn holders(list: &[Section]) -> Vec<(i64, String, String)> {
    fn single(v: &Value) -> Option<i64> {
        match (v.formula.as_ref(), v.trace.as_slice()) {
            (None, [t]) => Some(t.record),
            _ => None,
        }
    }
    fn walk(s: &Section, out: &mut Vec<(i64, String, String)>) {
        for b in &s.blocks {
            let (id, values): (&str, Vec<&Value>) = match b {
                Block::Table(t) => (
                    &t.id,
                    t.rows
                        .iter()
                        .flatten()
                        .filter_map(|c| match c {
                            Cell::Value(v) => Some(v),
                            _ => None,
                        })
                        .collect(),
                ),
                Block::Chart(c) => (&c.id, c.series.iter().flat_map(|s| s.values.iter().flatten()).collect()),
                _ => continue,
            };
            for r in values.into_iter().filter_map(single) {
                if !out.iter().any(|(x, ..)| *x == r) {
                    out.push((r, id.to_string(), s.id.clone()));
                }
            }
        }
        s.children.iter().for_each(|c| walk(c, out));
    }
    let mut out = Vec::new();
    list.iter().for_each(|s| walk(s, &mut out));
    out
}

/// For each theme, the section that treats it: the first in reading order that lists it, then
/// down through the first of its sub-sections that lists it too.
fn theme_index(list: &[Section]) -> Vec<(ThemeCode, String)> {
    fn deepest<'a>(s: &'a Section, t: &ThemeCode) -> &'a Section {
        s.children.iter().find(|c| c.themes.contains(t)).map(|c| deepest(c, t)).unwrap_or(s)
    }
    fn walk<'a>(s: &'a Section, out: &mut Vec<(ThemeCode, &'a Section)>) {
        for t in &s.themes {
            if !out.iter().any(|(x, _)| x == t) {
                out.push((t.clone(), s));
            }
        }
        s.children.iter().for_each(|c| walk(c, out));
    }
    let mut out = Vec::new();
    list.iter().for_each(|s| walk(s, &mut out));
    out.into_iter().map(|(t, s)| (t.clone(), deepest(s, &t).id.clone())).collect()
}
