//! The governance part of a profile (sections C.1–C.3): tables listing the registry's entries
//! (instruments and their status, institutions, projects) for a country, and the comparison of
//! the countries' ratifications in the regional report. An empty registry gives one line
//! saying so, never a table of empty cells.

use crate::model::{Arg, Block, Cell, SourceEntry, Table, Text};
use crate::registry_coherence::{self as coherence, ThemeName};
use crate::template::BlockSpec;
use mp_domain::registry::{Project, Sourced};
use mp_domain::{AreaCode, AreaRegistry, I18nText, Instrument, InstrumentCode, Ratification, RegistryView};
use std::collections::BTreeSet;

/// The index of a registry source among the document's sources, added when new.
fn cite<T>(sources: &mut Vec<SourceEntry>, s: &Sourced<T>) -> usize {
    if let Some(i) = sources.iter().position(|e| e.code == s.source && e.vintage == s.vintage) {
        return i;
    }
    sources.push(SourceEntry { code: s.source.clone(), vintage: s.vintage.clone(), name: s.source_name.clone() });
    sources.len() - 1
}

/// `Title (SHORT)` in each language.
fn instrument_name(i: &Instrument) -> Text {
    let with = |t: &str| if i.short.is_empty() { t.to_string() } else { format!("{t} ({})", i.short) };
    Text::I18n(I18nText::new(with(&i.title.en), with(&i.title.fr), with(&i.title.pt)))
}

fn status_cell(r: &Ratification) -> Cell {
    Cell::Text(Text::msg(&format!("instrument-status-{}", r.status.code().replace('_', "-"))))
}

fn year_cell(y: Option<i32>) -> Cell {
    y.map(|y| Cell::Text(Text::plain(y.to_string()))).unwrap_or(Cell::Empty)
}

/// The blocks of a registry block of the template, for one country (`subject` of one) or the
/// regional comparison; registry sources are appended to `sources` as they are cited.
pub(crate) fn blocks(
    spec: &BlockSpec,
    view: &RegistryView,
    themes: &[ThemeName],
    areas: &AreaRegistry,
    subject: &[AreaCode],
    sources: &mut Vec<SourceEntry>,
) -> Vec<Block> {
    match spec {
        BlockSpec::CoherenceFindings if subject.len() > 1 => crate::registry_findings::regional_findings(view, themes, areas, subject),
        BlockSpec::CoherenceFindings => crate::registry_findings::country_findings(view, themes, areas, &subject[0]),
        BlockSpec::Coherence if subject.len() > 1 => coherence::compare_blocks(view, themes, areas, subject, sources),
        BlockSpec::Coherence => coherence::country_blocks(view, themes, &subject[0], sources),
        BlockSpec::Projects if subject.len() > 1 => coherence::projects_compare(view, themes, areas, subject, sources),
        BlockSpec::Ratifications { instruments } if subject.len() > 1 => compare(view, areas, subject, instruments, sources),
        BlockSpec::Ratifications { instruments } => ratifications(view, &subject[0], instruments, sources),
        BlockSpec::Institutions => institutions(view, &subject[0], sources),
        BlockSpec::Projects => projects(view, &subject[0], sources),
        _ => Vec::new(),
    }
}

/// The instruments to show, in registry order, restricted to `wanted` when it is not empty.
fn chosen<'v>(view: &'v RegistryView, wanted: &[String]) -> Vec<&'v Instrument> {
    if wanted.is_empty() {
        return view.instruments.iter().collect();
    }
    wanted.iter().filter_map(|w| InstrumentCode::parse(w).ok()).filter_map(|c| view.instrument(&c)).collect()
}

fn ratifications(view: &RegistryView, area: &AreaCode, wanted: &[String], sources: &mut Vec<SourceEntry>) -> Vec<Block> {
    let mut rows = Vec::new();
    let mut srcs = Vec::new();
    // Treaties first in the order the import gave, then national texts.
    for inst in chosen(view, wanted) {
        for r in view.ratifications.iter().filter(|r| &r.entry.area == area && r.entry.instrument == inst.code) {
            let i = cite(sources, r);
            if !srcs.contains(&i) {
                srcs.push(i);
            }
            rows.push(vec![
                Cell::Text(instrument_name(inst)),
                status_cell(&r.entry),
                year_cell(r.entry.year),
                Cell::Text(Text::plain(format!("[{}]", i + 1))),
            ]);
        }
    }
    if rows.is_empty() {
        return vec![Block::Note(Text::msg("registry-no-instruments"))];
    }
    vec![Block::Table(Table {
        id: "table-ratifications".into(),
        title: Text::msg("table-ratifications"),
        columns: vec![Text::msg("col-instrument"), Text::msg("col-status"), Text::msg("col-year"), Text::msg("col-source")],
        rows,
        sources: srcs,
        notes: vec![Text::msg("note-ratifications")],
    })]
}

fn compare(
    view: &RegistryView,
    areas: &AreaRegistry,
    subject: &[AreaCode],
    wanted: &[String],
    sources: &mut Vec<SourceEntry>,
) -> Vec<Block> {
    let insts = chosen(view, wanted);
    let mut srcs = Vec::new();
    let mut rows = Vec::new();
    let mut any = false;
    for area in subject {
        let name = areas.get(area).map(|a| a.name.clone()).unwrap_or_else(|| I18nText::new(area.as_str(), area.as_str(), area.as_str()));
        let mut row = vec![Cell::Text(Text::I18n(name))];
        for inst in &insts {
            let r = view.ratifications.iter().find(|r| &r.entry.area == area && r.entry.instrument == inst.code);
            row.push(match r {
                Some(r) => {
                    any = true;
                    let i = cite(sources, r);
                    if !srcs.contains(&i) {
                        srcs.push(i);
                    }
                    match (r.entry.status.binds(), r.entry.year) {
                        (true, Some(y)) => Cell::Text(Text::plain(y.to_string())),
                        _ => status_cell(&r.entry),
                    }
                }
                None => Cell::Empty,
            });
        }
        rows.push(row);
    }
    if !any {
        return vec![Block::Note(Text::msg("registry-no-instruments"))];
    }
    let mut columns = vec![Text::msg("col-country")];
    columns.extend(insts.iter().map(|i| Text::plain(i.short.clone())));
    let legend: Vec<String> = insts.iter().map(|i| i.short.clone()).collect();
    vec![Block::Table(Table {
        id: "table-ratifications-compare".into(),
        title: Text::msg("table-ratifications-compare"),
        columns,
        rows,
        sources: srcs,
        notes: vec![Text::msg_with("note-ratifications-compare", vec![("instruments", Arg::Text(Text::plain(legend.join(", "))))])],
    })]
}

fn institutions(view: &RegistryView, area: &AreaCode, sources: &mut Vec<SourceEntry>) -> Vec<Block> {
    let mut rows = Vec::new();
    let mut srcs = Vec::new();
    for s in view.institutions.iter().filter(|s| &s.entry.area == area) {
        let i = cite(sources, s);
        if !srcs.contains(&i) {
            srcs.push(i);
        }
        let e = &s.entry;
        let name = match &e.acronym {
            Some(a) => format!("{} ({a})", e.name),
            None => e.name.clone(),
        };
        let opt = |o: &Option<String>| o.as_ref().map(|t| Cell::Text(Text::plain(t.clone()))).unwrap_or(Cell::Empty);
        rows.push(vec![
            Cell::Text(Text::plain(name)),
            opt(&e.parent),
            opt(&e.mandate),
            opt(&e.data_held),
            Cell::Text(Text::plain(format!("[{}]", i + 1))),
        ]);
    }
    if rows.is_empty() {
        return vec![Block::Note(Text::msg("registry-no-institutions"))];
    }
    vec![Block::Table(Table {
        id: "table-institutions".into(),
        title: Text::msg("table-institutions"),
        columns: vec![
            Text::msg("col-institution"),
            Text::msg("col-parent"),
            Text::msg("col-mandate"),
            Text::msg("col-data-held"),
            Text::msg("col-source"),
        ],
        rows,
        sources: srcs,
        notes: Vec::new(),
    })]
}

fn period(p: &Project) -> Cell {
    match (p.start, p.end) {
        (None, None) => Cell::Empty,
        (s, e) => Cell::Text(Text::plain(format!(
            "{}–{}",
            s.map(|d| d.year.to_string()).unwrap_or_default(),
            e.map(|d| d.year.to_string()).unwrap_or_default()
        ))),
    }
}

fn projects(view: &RegistryView, area: &AreaCode, sources: &mut Vec<SourceEntry>) -> Vec<Block> {
    let mut rows = Vec::new();
    let mut srcs = Vec::new();
    for s in view.projects.iter().filter(|s| s.entry.countries.contains(area)) {
        let i = cite(sources, s);
        if !srcs.contains(&i) {
            srcs.push(i);
        }
        let p = &s.entry;
        let orgs: BTreeSet<&str> = std::iter::once(p.reporting_org.as_str()).chain(p.implementing.iter().map(String::as_str)).collect();
        let budget = p
            .budget
            .as_ref()
            .map(|b| Cell::Text(Text::plain(format!("{} {}", grouped(b.value), b.currency.as_str()))))
            .unwrap_or(Cell::Empty);
        let status = p.status.map(|st| Cell::Text(Text::msg(&format!("project-status-{}", st.code())))).unwrap_or(Cell::Empty);
        rows.push(vec![
            Cell::Text(Text::plain(p.title.clone())),
            Cell::Text(Text::plain(orgs.into_iter().collect::<Vec<_>>().join(", "))),
            period(p),
            status,
            budget,
            Cell::Text(Text::plain(format!("[{}]", i + 1))),
        ]);
    }
    if rows.is_empty() {
        return vec![Block::Note(Text::msg("registry-no-projects"))];
    }
    vec![Block::Table(Table {
        id: "table-projects".into(),
        title: Text::msg("table-projects"),
        columns: vec![
            Text::msg("col-project"),
            Text::msg("col-organisations"),
            Text::msg("col-period"),
            Text::msg("col-status"),
            Text::msg("col-budget"),
            Text::msg("col-source"),
        ],
        rows,
        sources: srcs,
        notes: Vec::new(),
    })]
}

/// A whole amount with thin-space thousands separators (the SI style, read the same way in
/// English, French and Portuguese, so a budget needs no per-language number format).
fn grouped(v: f64) -> String {
    let digits = format!("{:.0}", v.abs());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('\u{202F}');
        }
        out.push(c);
    }
    if v < 0.0 { format!("-{out}") } else { out }
}

#[cfg(test)]
mod tests {
    use super::grouped;

    #[test]
    fn amounts_are_grouped_by_thousands() {
        assert_eq!(grouped(1_250_000.4), "1\u{202F}250\u{202F}000");
        assert_eq!(grouped(999.0), "999");
        assert_eq!(grouped(-4500.0), "-4\u{202F}500");
    }
}
