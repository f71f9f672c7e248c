//! The coherence view of a country's policy framework: which of the profile's themes the
//! instruments binding or adopted in the country cover (and which none covers), where the
//! country stands with the ECOWAS free-movement protocols and how far they are applied, and
//! whether the national development plan takes up migration. Built as language-neutral blocks
//! (sentences and tables) for section C.1 of the profile, the portal's policy page and, for
//! the ten countries side by side, the regional report. Only entries of the registry count:
//! a theme no entry covers is "not covered by any instrument recorded", never a guess.

use crate::model::{Arg, Block, Cell, SourceEntry, Table, Text};
use mp_domain::registry::Sourced;
use mp_domain::{AreaCode, AreaRegistry, I18nText, Instrument, InstrumentKind, InstrumentStatus, Ratification, RegistryView, ThemeCode};
use std::collections::BTreeSet;

/// Which part of the governance half of a profile a block belongs to, so the portal's policy
/// and programmes pages show the same blocks as the documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GovernancePart {
    /// Instruments, coherence, free movement, institutions (the policy page).
    Policy,
    /// Programmes and projects (the programmes page).
    Programmes,
}

/// The part of the governance half a registry block belongs to; `None` for any other block.
pub fn governance_part(b: &Block) -> Option<GovernancePart> {
    const POLICY_TABLES: &[&str] = &[
        "table-ratifications",
        "table-ratifications-compare",
        "table-coherence",
        "table-coherence-compare",
        "table-free-movement",
        "table-institutions",
    ];
    const PROGRAMME_TABLES: &[&str] = &["table-projects", "table-projects-compare"];
    let id = match b {
        Block::Table(t) => t.id.as_str(),
        Block::Note(Text::Msg { id, .. }) => id.as_str(),
        Block::Paragraph(p) => match p.first() {
            Some(Text::Msg { id, .. }) => id.as_str(),
            _ => return None,
        },
        _ => return None,
    };
    if POLICY_TABLES.contains(&id) || id.starts_with("coherence-") || id == "registry-no-instruments" || id == "registry-no-institutions" {
        Some(GovernancePart::Policy)
    } else if PROGRAMME_TABLES.contains(&id) || id == "registry-no-projects" {
        Some(GovernancePart::Programmes)
    } else {
        None
    }
}

/// A theme of the profile: code and name.
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeName {
    /// Code.
    pub code: ThemeCode,
    /// Name.
    pub name: I18nText,
}

/// Whether an instrument with this status counts for the country: bound by a treaty, or a
/// national text adopted or in force. Signed, in preparation or expired texts do not.
fn counts(s: InstrumentStatus) -> bool {
    s.binds() || s == InstrumentStatus::Adopted
}

/// Whether the instrument is one of the ECOWAS free-movement protocols (the 1979 Protocol and
/// its supplementary protocols, coded `ECOWAS_…` in the registry).
fn free_movement(i: &Instrument) -> bool {
    i.code.as_str().starts_with("ECOWAS_")
}

/// The coherence of one country's policy framework, before any wording.
#[derive(Debug, Clone, PartialEq)]
pub struct Coherence<'v> {
    /// Per theme, in framework order, the instruments covering it.
    pub themes: Vec<(ThemeName, Vec<&'v Instrument>)>,
    /// ECOWAS free-movement protocols and the country's status (`None`: no status entered).
    pub free_movement: Vec<(&'v Instrument, Option<&'v Sourced<Ratification>>)>,
    /// The national development plans recorded, with their status.
    pub plans: Vec<(&'v Instrument, &'v Sourced<Ratification>)>,
    /// Whether the registry holds any status at all for the country.
    pub any: bool,
}

impl Coherence<'_> {
    /// Themes no recorded instrument covers.
    pub fn uncovered(&self) -> Vec<&ThemeName> {
        self.themes.iter().filter(|(_, i)| i.is_empty()).map(|(t, _)| t).collect()
    }
    /// The newest plan that counts (adopted or in force), if any.
    pub fn plan(&self) -> Option<&(&Instrument, &Sourced<Ratification>)> {
        self.plans.iter().filter(|(_, r)| counts(r.entry.status)).max_by_key(|(i, r)| (r.entry.year.or(i.year), i.code.clone()))
    }
    /// Whether migration appears in the national development plan: `None` when no plan in
    /// force is recorded, else whether the plan lists any theme of the profile.
    pub fn plan_covers_migration(&self) -> Option<bool> {
        self.plan().map(|(i, _)| !i.themes.is_empty())
    }
}

/// The coherence view of `area` from what the registry holds.
pub fn coherence<'v>(view: &'v RegistryView, themes: &[ThemeName], area: &AreaCode) -> Coherence<'v> {
    let statuses: Vec<&Sourced<Ratification>> = view.ratifications.iter().filter(|r| &r.entry.area == area).collect();
    let status_of = |i: &Instrument| statuses.iter().copied().find(|r| r.entry.instrument == i.code);
    let in_force: Vec<&Instrument> = view.instruments.iter().filter(|i| status_of(i).is_some_and(|r| counts(r.entry.status))).collect();
    let themes =
        themes.iter().map(|t| (t.clone(), in_force.iter().copied().filter(|i| i.themes.contains(&t.code)).collect::<Vec<_>>())).collect();
    let free_movement = view.instruments.iter().filter(|i| free_movement(i)).map(|i| (i, status_of(i))).collect();
    let plans = view
        .instruments
        .iter()
        .filter(|i| i.kind == InstrumentKind::DevelopmentPlan && i.area.as_ref().is_none_or(|a| a == area))
        .filter_map(|i| status_of(i).map(|r| (i, r)))
        .collect();
    Coherence { themes, free_movement, plans, any: !statuses.is_empty() }
}

fn cite<T>(sources: &mut Vec<SourceEntry>, srcs: &mut Vec<usize>, s: &Sourced<T>) -> usize {
    let i = match sources.iter().position(|e| e.code == s.source && e.vintage == s.vintage) {
        Some(i) => i,
        None => {
            sources.push(SourceEntry { code: s.source.clone(), vintage: s.vintage.clone(), name: s.source_name.clone() });
            sources.len() - 1
        }
    };
    if !srcs.contains(&i) {
        srcs.push(i);
    }
    i
}

/// The names of `items` joined with commas, in each language.
fn joined<'a>(items: impl Iterator<Item = &'a I18nText> + Clone) -> Text {
    let j = |f: fn(&I18nText) -> &str| items.clone().map(f).collect::<Vec<_>>().join(", ");
    Text::I18n(I18nText::new(j(|t| t.en.as_str()), j(|t| t.fr.as_str()), j(|t| t.pt.as_str())))
}

fn short(i: &Instrument) -> String {
    if i.short.is_empty() { i.code.to_string() } else { i.short.clone() }
}

fn status_text(r: &Ratification) -> Text {
    Text::msg(&format!("instrument-status-{}", r.status.code().replace('_', "-")))
}

/// The coherence blocks of one country: sentences in plain language, the themes × instruments
/// table and the free-movement table. An empty registry gives one line.
pub fn country_blocks(view: &RegistryView, themes: &[ThemeName], area: &AreaCode, sources: &mut Vec<SourceEntry>) -> Vec<Block> {
    let c = coherence(view, themes, area);
    if !c.any {
        return vec![Block::Note(Text::msg("coherence-empty"))];
    }
    let mut srcs = Vec::new();
    let uncovered = c.uncovered();
    let covered = c.themes.len() - uncovered.len();
    let mut sentences = vec![Text::msg_with(
        "coherence-themes",
        vec![("covered", Arg::Count(covered as i64)), ("total", Arg::Count(c.themes.len() as i64))],
    )];
    if !uncovered.is_empty() {
        sentences.push(Text::msg_with(
            "coherence-themes-uncovered",
            vec![("count", Arg::Count(uncovered.len() as i64)), ("themes", Arg::Text(joined(uncovered.iter().map(|t| &t.name))))],
        ));
    }
    sentences.push(match (c.plan(), c.plan_covers_migration()) {
        (Some((i, _)), Some(true)) => Text::msg_with("coherence-plan-with", vec![("plan", Arg::Text(Text::I18n(i.title.clone())))]),
        (Some((i, _)), _) => Text::msg_with("coherence-plan-without", vec![("plan", Arg::Text(Text::I18n(i.title.clone())))]),
        (None, _) => Text::msg("coherence-plan-none"),
    });
    let entered: Vec<_> = c.free_movement.iter().filter_map(|(i, r)| r.map(|r| (*i, r))).collect();
    if entered.is_empty() {
        sentences.push(Text::msg("coherence-fm-none"));
    } else {
        let bound = entered.iter().filter(|(_, r)| r.entry.status.binds()).count();
        sentences
            .push(Text::msg_with("coherence-fm", vec![("bound", Arg::Count(bound as i64)), ("entered", Arg::Count(entered.len() as i64))]));
    }
    let mut blocks = vec![Block::Paragraph(sentences)];

    let rows = c
        .themes
        .iter()
        .map(|(t, insts)| {
            let cell = if insts.is_empty() {
                Cell::Text(Text::msg("coherence-none"))
            } else {
                Cell::Text(Text::plain(insts.iter().map(|i| short(i)).collect::<Vec<_>>().join(", ")))
            };
            vec![Cell::Text(Text::plain(t.code.to_string())), Cell::Text(Text::I18n(t.name.clone())), cell]
        })
        .collect();
    for r in view.ratifications.iter().filter(|r| &r.entry.area == area && counts(r.entry.status)) {
        cite(sources, &mut srcs, r);
    }
    blocks.push(Block::Table(Table {
        id: "table-coherence".into(),
        title: Text::msg("table-coherence"),
        columns: vec![Text::msg("col-theme-code"), Text::msg("col-theme-name"), Text::msg("col-instruments-covering")],
        rows,
        sources: srcs,
        notes: vec![Text::msg("note-coherence")],
    }));

    if !entered.is_empty() {
        let mut srcs = Vec::new();
        let rows = entered
            .iter()
            .map(|(i, r)| {
                cite(sources, &mut srcs, r);
                vec![
                    Cell::Text(Text::I18n(i.title.clone())),
                    Cell::Text(status_text(&r.entry)),
                    r.entry.year.map(|y| Cell::Text(Text::plain(y.to_string()))).unwrap_or(Cell::Empty),
                    r.entry.note.as_ref().map(|n| Cell::Text(Text::plain(n.clone()))).unwrap_or(Cell::Empty),
                ]
            })
            .collect();
        blocks.push(Block::Table(Table {
            id: "table-free-movement".into(),
            title: Text::msg("table-free-movement"),
            columns: vec![Text::msg("col-instrument"), Text::msg("col-status"), Text::msg("col-year"), Text::msg("col-implementation")],
            rows,
            sources: srcs,
            notes: Vec::new(),
        }));
    }
    blocks
}

/// The regional comparison: per country, the themes covered, the free-movement protocols
/// bound, and whether the development plan takes up migration.
pub fn compare_blocks(
    view: &RegistryView,
    themes: &[ThemeName],
    areas: &AreaRegistry,
    subject: &[AreaCode],
    sources: &mut Vec<SourceEntry>,
) -> Vec<Block> {
    let mut srcs = Vec::new();
    let mut rows = Vec::new();
    let mut any = false;
    for area in subject {
        let c = coherence(view, themes, area);
        let name = areas.get(area).map(|a| a.name.clone()).unwrap_or_else(|| I18nText::new(area.as_str(), area.as_str(), area.as_str()));
        if !c.any {
            rows.push(vec![Cell::Text(Text::I18n(name)), Cell::Empty, Cell::Empty, Cell::Empty]);
            continue;
        }
        any = true;
        for r in view.ratifications.iter().filter(|r| &r.entry.area == area && counts(r.entry.status)) {
            cite(sources, &mut srcs, r);
        }
        let covered = c.themes.len() - c.uncovered().len();
        let entered: Vec<_> = c.free_movement.iter().filter_map(|(_, r)| *r).collect();
        let fm = if entered.is_empty() {
            Cell::Empty
        } else {
            let bound = entered.iter().filter(|r| r.entry.status.binds()).count();
            Cell::Text(Text::plain(format!("{bound}/{}", entered.len())))
        };
        let plan = match c.plan_covers_migration() {
            Some(true) => Cell::Text(Text::msg("coherence-yes")),
            Some(false) => Cell::Text(Text::msg("coherence-no")),
            None => Cell::Empty,
        };
        rows.push(vec![Cell::Text(Text::I18n(name)), Cell::Text(Text::plain(format!("{covered}/{}", c.themes.len()))), fm, plan]);
    }
    if !any {
        return vec![Block::Note(Text::msg("coherence-empty-all"))];
    }
    vec![Block::Table(Table {
        id: "table-coherence-compare".into(),
        title: Text::msg("table-coherence-compare"),
        columns: vec![
            Text::msg("col-country"),
            Text::msg("col-themes-covered"),
            Text::msg("col-free-movement"),
            Text::msg("col-plan-migration"),
        ],
        rows,
        sources: srcs,
        notes: vec![Text::msg("note-coherence-compare")],
    })]
}

/// Projects per country and theme for the regional report: the number of projects recorded
/// for each country in each theme of the profile (a project counts in every theme it covers).
pub fn projects_compare(
    view: &RegistryView,
    themes: &[ThemeName],
    areas: &AreaRegistry,
    subject: &[AreaCode],
    sources: &mut Vec<SourceEntry>,
) -> Vec<Block> {
    let mut srcs = Vec::new();
    let used: BTreeSet<&ThemeCode> = view.projects.iter().flat_map(|p| p.entry.themes.iter()).collect();
    let cols: Vec<&ThemeName> = themes.iter().filter(|t| used.contains(&t.code)).collect();
    let mut rows = Vec::new();
    for area in subject {
        let mine: Vec<_> = view.projects.iter().filter(|p| p.entry.countries.contains(area)).collect();
        for p in &mine {
            cite(sources, &mut srcs, p);
        }
        let name = areas.get(area).map(|a| a.name.clone()).unwrap_or_else(|| I18nText::new(area.as_str(), area.as_str(), area.as_str()));
        let mut row = vec![Cell::Text(Text::I18n(name)), Cell::Text(Text::plain(mine.len().to_string()))];
        for t in &cols {
            let n = mine.iter().filter(|p| p.entry.themes.contains(&t.code)).count();
            row.push(Cell::Text(Text::plain(n.to_string())));
        }
        rows.push(row);
    }
    if srcs.is_empty() {
        return vec![Block::Note(Text::msg("registry-no-projects-all"))];
    }
    let mut columns = vec![Text::msg("col-country"), Text::msg("col-projects")];
    // Headed by the theme's name: a reader of the document has no key from T01… to themes.
    columns.extend(cols.iter().map(|t| Text::I18n(t.name.clone())));
    vec![Block::Table(Table {
        id: "table-projects-compare".into(),
        title: Text::msg("table-projects-compare"),
        columns,
        rows,
        sources: srcs,
        notes: vec![Text::msg("note-projects-compare")],
    })]
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use mp_domain::Provenance;

    pub(crate) fn th(c: &str) -> ThemeName {
        ThemeName { code: ThemeCode::parse(c).unwrap(), name: I18nText::new(c, c, c) }
    }

    pub(crate) fn inst(code: &str, kind: InstrumentKind, themes: &[&str], area: Option<&str>) -> Instrument {
        Instrument {
            code: mp_domain::InstrumentCode::parse(code).unwrap(),
            kind,
            short: code.to_string(),
            title: I18nText::new(code, code, code),
            year: Some(2000),
            area: area.map(|a| AreaCode::parse(a).unwrap()),
            citation: None,
            link: None,
            themes: themes.iter().map(|t| ThemeCode::parse(t).unwrap()).collect(),
        }
    }

    pub(crate) fn status(code: &str, area: &str, s: InstrumentStatus, note: Option<&str>) -> Sourced<Ratification> {
        Sourced {
            entry: Ratification {
                instrument: mp_domain::InstrumentCode::parse(code).unwrap(),
                area: AreaCode::parse(area).unwrap(),
                status: s,
                year: Some(2005),
                responsible: None,
                note: note.map(str::to_string),
                provenance: Provenance { file: 0, locator: "row 2".into() },
            },
            source: "twg-sen".into(),
            vintage: "2026".into(),
            source_name: "Hand-written fixture".into(),
            at: "fixture.xlsx row 2".into(),
        }
    }

    /// A hand-written registry: one convention in force, one plan naming migration, one policy
    /// only in preparation, one ECOWAS protocol with an implementation note.
    pub(crate) fn view() -> RegistryView {
        RegistryView {
            instruments: vec![
                inst("ICRMW", InstrumentKind::Convention, &["T01", "T12"], None),
                inst("PLAN_SEN", InstrumentKind::DevelopmentPlan, &["T02"], Some("SEN")),
                inst("POL_SEN", InstrumentKind::Policy, &["T08"], Some("SEN")),
                inst("ECOWAS_FMP", InstrumentKind::Regional, &["T01", "T04"], None),
            ],
            ratifications: vec![
                status("ICRMW", "SEN", InstrumentStatus::Ratified, None),
                status("PLAN_SEN", "SEN", InstrumentStatus::Adopted, None),
                status("POL_SEN", "SEN", InstrumentStatus::InPreparation, None),
                status("ECOWAS_FMP", "SEN", InstrumentStatus::InForce, Some("Phase 1 applied")),
            ],
            institutions: vec![],
            projects: vec![],
        }
    }

    #[test]
    fn the_projects_table_heads_its_columns_with_theme_names_not_codes() {
        let themes = [ThemeName {
            code: ThemeCode::parse("T01").unwrap(),
            name: I18nText::new("Labour migration", "Migration de travail", "Migração laboral"),
        }];
        let mut v = view();
        let mut p = status("ICRMW", "SEN", InstrumentStatus::Ratified, None);
        v.projects.push(Sourced {
            entry: mp_domain::registry::Project {
                identifier: "XM-FIXTURE-1".into(),
                title: "Hand-written project".into(),
                reporting_org: "Fixture".into(),
                implementing: vec![],
                donors: vec![],
                countries: vec![AreaCode::parse("SEN").unwrap()],
                themes: vec![ThemeCode::parse("T01").unwrap()],
                sectors: vec![],
                start: None,
                end: None,
                status: None,
                budget: None,
                results: None,
                provenance: p.entry.provenance.clone(),
            },
            source: std::mem::take(&mut p.source),
            vintage: std::mem::take(&mut p.vintage),
            source_name: std::mem::take(&mut p.source_name),
            at: std::mem::take(&mut p.at),
        });
        let subject: Vec<AreaCode> = ["SEN", "MLI"].iter().map(|a| AreaCode::parse(a).unwrap()).collect();
        let b = projects_compare(&v, &themes, &AreaRegistry::default(), &subject, &mut Vec::new());
        let [Block::Table(t)] = &b[..] else { panic!("one table: {b:?}") };
        assert_eq!(t.columns[2], Text::I18n(themes[0].name.clone()));
        assert_eq!(t.rows[0][2], Cell::Text(Text::plain("1")));
    }

    #[test]
    fn themes_are_covered_only_by_instruments_that_count() {
        let themes = ["T01", "T02", "T04", "T08", "T12"].map(th);
        let v = view();
        let sen = AreaCode::parse("SEN").unwrap();
        let c = coherence(&v, &themes, &sen);
        let by: Vec<(String, Vec<String>)> =
            c.themes.iter().map(|(t, i)| (t.code.to_string(), i.iter().map(|i| i.code.to_string()).collect())).collect();
        assert_eq!(by[0], ("T01".into(), vec!["ICRMW".into(), "ECOWAS_FMP".into()]));
        assert_eq!(by[1], ("T02".into(), vec!["PLAN_SEN".into()]));
        // The policy in preparation covers nothing yet.
        assert_eq!(by[3], ("T08".into(), vec![]));
        assert_eq!(c.uncovered().iter().map(|t| t.code.to_string()).collect::<Vec<_>>(), vec!["T08"]);
        assert_eq!(c.plan_covers_migration(), Some(true));
        assert_eq!(c.free_movement.len(), 1);
        assert!(c.free_movement[0].1.is_some());
    }

    #[test]
    fn an_empty_registry_is_one_line_and_blocks_cite_their_source() {
        let themes = ["T01", "T08"].map(th);
        let v = view();
        let mut sources = Vec::new();
        let b = country_blocks(&v, &themes, &AreaCode::parse("GHA").unwrap(), &mut sources);
        assert_eq!(b, vec![Block::Note(Text::msg("coherence-empty"))]);
        assert!(sources.is_empty());
        let b = country_blocks(&v, &themes, &AreaCode::parse("SEN").unwrap(), &mut sources);
        assert_eq!(b.len(), 3, "sentences, themes table, free-movement table");
        assert_eq!(sources.len(), 1);
        assert!(b.iter().all(|b| governance_part(b) == Some(GovernancePart::Policy)));
        let Block::Table(fm) = &b[2] else { panic!("a table") };
        assert_eq!(fm.rows[0][3], Cell::Text(Text::plain("Phase 1 applied")));
    }

    #[test]
    fn no_plan_recorded_is_said_so() {
        let mut v = view();
        v.ratifications.retain(|r| r.entry.instrument.as_str() != "PLAN_SEN");
        let c = coherence(&v, &[th("T01")], &AreaCode::parse("SEN").unwrap());
        assert_eq!(c.plan_covers_migration(), None);
    }
}
