//! Indicators derived from the governance registries (T01 ratifications, T13 projects), as a
//! dataset of their own whose source is the registry: re-deriving after every registry import
//! keeps them in step with the entries, and every value names the entry it came from.

use mp_domain::registry::{Date, Institution, Project, Sourced};
use mp_domain::{
    AreaCode, CodeValue, DatasetImport, DimensionId, DimensionKey, FileInfo, Framework, IndicatorCode, ObsStatus, Observation, Period,
    Provenance, RegistryView, SourceInfo, UnitMult,
};
use mp_domain::{InstrumentKind, InstrumentStatus, Ratification};
use mp_profile::registry_coherence::{ThemeName, coherence};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

/// Source code of the derived dataset.
pub const SOURCE: &str = "mprofile-registry";
/// Its vintage: one, rewritten in place as the registry changes.
pub const VINTAGE: &str = "current";

fn code(s: &str) -> Option<IndicatorCode> {
    IndicatorCode::parse(s).ok()
}

/// The year a status is as of: its source's vintage year, or for a registry kept current in
/// place (the workspace's entries, vintage `current`) the year of the derivation.
fn status_year(vintage: &str, as_of_year: i32) -> i32 {
    vintage.get(..4).and_then(|y| y.parse::<i32>().ok()).unwrap_or(as_of_year)
}

/// The derived dataset for `areas`, given what the registry holds about them and the year the
/// data are as of (the last year a still-running project counts as active).
pub fn derived_dataset(view: &RegistryView, fw: &Framework, areas: &[AreaCode], as_of_year: i32) -> DatasetImport {
    let mut obs = Vec::new();
    let instrument_codes = fw.codelist_of(&DimensionId::parse("INSTRUMENT").unwrap_or_else(|_| unreachable!("a valid id")));
    let push = |obs: &mut Vec<Observation>,
                ind: &IndicatorCode,
                area: &AreaCode,
                period: Period,
                dims: DimensionKey,
                v: f64,
                note: String,
                at: String| {
        obs.push(Observation {
            indicator: ind.clone(),
            area: area.clone(),
            period,
            dims,
            value: Some(v),
            status: ObsStatus::Normal,
            unit_mult: UnitMult::UNITS,
            footnote: Some(note),
            provenance: Provenance { file: 0, locator: at },
        })
    };

    // T01: POL.CONV_RATIF for each instrument of the framework's INSTRUMENT codelist the
    // registry knows a status of, at the year of the source's status date.
    if let (Some(ind), Some(cl)) = (code("POL.CONV_RATIF").filter(|c| fw.indicator(c).is_some()), instrument_codes) {
        for r in &view.ratifications {
            if !areas.contains(&r.entry.area) || cl.code(r.entry.instrument.as_str()).is_none() {
                continue;
            }
            let year = status_year(&r.vintage, as_of_year);
            let Ok(value) = CodeValue::parse(r.entry.instrument.as_str()) else { continue };
            let Ok(dim) = DimensionId::parse("INSTRUMENT") else { continue };
            let bound = r.entry.status.binds();
            let note = match (bound, r.entry.year) {
                (true, Some(y)) => format!("Ratified or acceded in {y}; status as of {} ({})", r.vintage, r.source_name),
                _ => format!("Status \"{}\" as of {} ({})", r.entry.status, r.vintage, r.source_name),
            };
            push(
                &mut obs,
                &ind,
                &r.entry.area,
                Period::Year(year),
                DimensionKey::total().with(dim, value),
                if bound { 1.0 } else { 0.0 },
                note,
                format!("ratification {} {} from {}", r.entry.instrument, r.entry.area, r.at),
            );
        }
    }

    // T01: POL.DEVPLAN from the development plan adopted or in force recorded for the country
    // (the coherence view's reading: the plan includes migration when it lists a theme of the
    // profile). No plan recorded gives no value: a gap, never a "no".
    if let Some(ind) = code("POL.DEVPLAN").filter(|c| fw.indicator(c).is_some()) {
        let themes: Vec<ThemeName> = fw.themes.iter().map(|t| ThemeName { code: t.code.clone(), name: t.name.clone() }).collect();
        for area in areas {
            let c = coherence(view, &themes, area);
            let (Some((plan, r)), Some(includes)) = (c.plan(), c.plan_covers_migration()) else { continue };
            let title = &plan.title.en;
            let note = if includes {
                let list = plan.themes.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(", ");
                format!("{title} ({}) takes up the themes {list}, as recorded in {}", r.entry.status, r.source_name)
            } else {
                format!("{title} ({}) is recorded in {} with no theme of the profile", r.entry.status, r.source_name)
            };
            push(
                &mut obs,
                &ind,
                area,
                Period::Year(status_year(&r.vintage, as_of_year)),
                DimensionKey::total(),
                if includes { 1.0 } else { 0.0 },
                note,
                format!("development plan {} {} from {}", plan.code, area, r.at),
            );
        }
    }

    // T01: POL.NMP from the national policy on migration the registry records for the country
    // (kind `policy`, the country's own text, listing theme T01): 2 once adopted or in force,
    // 1 while in preparation. Any other status, or no such policy, gives no value: the registry
    // not holding a policy is a gap, never a "none".
    if let Some(ind) = code("POL.NMP").filter(|c| fw.indicator(c).is_some()) {
        for area in areas {
            let stage = |r: &Sourced<Ratification>| match r.entry.status {
                InstrumentStatus::Adopted | InstrumentStatus::InForce => Some(2u8),
                InstrumentStatus::InPreparation => Some(1),
                _ => None,
            };
            let best = view
                .ratifications
                .iter()
                .filter(|r| &r.entry.area == area)
                .filter_map(|r| {
                    let i = view.instrument(&r.entry.instrument)?;
                    let national_policy =
                        i.kind == InstrumentKind::Policy && i.area.as_ref() == Some(area) && i.themes.iter().any(|t| t.as_str() == "T01");
                    national_policy.then_some(())?;
                    Some((stage(r)?, r.entry.year.or(i.year), i, r))
                })
                .max_by_key(|(s, y, i, _)| (*s, *y, i.code.clone()));
            let Some((stage, year, i, r)) = best else { continue };
            let since = year.map(|y| format!(" since {y}")).unwrap_or_default();
            let note = format!("{} ({}{since}), as recorded in {}", i.title.en, r.entry.status, r.source_name);
            push(
                &mut obs,
                &ind,
                area,
                Period::Year(status_year(&r.vintage, as_of_year)),
                DimensionKey::total(),
                f64::from(stage),
                note,
                format!("policy {} {} from {}", i.code, area, r.at),
            );
        }
    }

    // T01: POL.DIASPORA_INST from an institution of the country whose themes are those of
    // nationals abroad only (diaspora T08, with return T07 or remittances T09 at most), i.e. one
    // specifically in charge of them. An institutions registry without one does not show that
    // none exists: no value, never a 0.
    if let Some(ind) = code("POL.DIASPORA_INST").filter(|c| fw.indicator(c).is_some()) {
        let diaspora_only = |inst: &Institution| {
            inst.themes.iter().any(|t| t.as_str() == "T08") && inst.themes.iter().all(|t| matches!(t.as_str(), "T07" | "T08" | "T09"))
        };
        for area in areas {
            let found: Vec<&Sourced<Institution>> =
                view.institutions.iter().filter(|s| &s.entry.area == area && diaspora_only(&s.entry)).collect();
            let Some(first) = found.first() else { continue };
            let names = found.iter().map(|s| s.entry.name.as_str()).collect::<Vec<_>>().join("; ");
            let at = found.iter().map(|s| format!("institution {} from {}", s.entry.name, s.at)).collect::<Vec<_>>().join("; ");
            push(
                &mut obs,
                &ind,
                area,
                Period::Year(status_year(&first.vintage, as_of_year)),
                DimensionKey::total(),
                1.0,
                format!("{names}, as recorded in {}", first.source_name),
                at,
            );
        }
    }

    // T13: projects active, started, their budget and the themes they cover, per year.
    let themes_total = fw.themes.len().max(1) as f64;
    for area in areas {
        let projects: Vec<&Project> =
            view.projects.iter().map(|p| &p.entry).filter(|p| p.countries.contains(area) && p.start.is_some()).collect();
        let mut active: BTreeMap<i32, Vec<&Project>> = BTreeMap::new();
        let mut started: BTreeMap<i32, u32> = BTreeMap::new();
        for p in &projects {
            let Some(Date { year: from, .. }) = p.start else { continue };
            let until = p.end.map(|d| d.year).unwrap_or(as_of_year).min(as_of_year.max(from));
            for y in from..=until {
                active.entry(y).or_default().push(p);
            }
            *started.entry(from).or_default() += 1;
        }
        let at = |ps: &[&Project]| format!("projects {}", ps.iter().map(|p| p.identifier.as_str()).collect::<Vec<_>>().join(", "));
        for (y, ps) in &active {
            if let Some(ind) = code("PRJ.COUNT") {
                push(
                    &mut obs,
                    &ind,
                    area,
                    Period::Year(*y),
                    DimensionKey::total(),
                    ps.len() as f64,
                    "Counted from the project registry".into(),
                    at(ps),
                );
            }
            let usd: Vec<&&Project> = ps.iter().filter(|p| p.budget.as_ref().is_some_and(|b| b.currency.as_str() == "USD")).collect();
            if let Some(ind) = code("PRJ.BUDGET")
                && !usd.is_empty()
            {
                let sum: f64 = usd.iter().filter_map(|p| p.budget.as_ref()).map(|b| b.value).sum();
                let left = ps.len() - usd.len();
                let note = if left == 0 {
                    "Sum of the budgets in US dollars of the registry's active projects".to_string()
                } else {
                    format!("Sum of the budgets in US dollars; {left} active project(s) without a budget in US dollars are not included")
                };
                let used: Vec<&Project> = usd.iter().map(|p| **p).collect();
                push(&mut obs, &ind, area, Period::Year(*y), DimensionKey::total(), sum, note, at(&used));
            }
            if let Some(ind) = code("PRJ.THEME_COV") {
                let themes: BTreeSet<&str> = ps.iter().flat_map(|p| p.themes.iter().map(|t| t.as_str())).collect();
                let share = 100.0 * themes.len() as f64 / themes_total;
                let note = format!("{} of {} themes have at least one active project", themes.len(), fw.themes.len());
                push(&mut obs, &ind, area, Period::Year(*y), DimensionKey::total(), share, note, at(ps));
            }
        }
        if let Some(ind) = code("PRJ.NEW") {
            for (y, n) in &started {
                let ps: Vec<&Project> = projects.iter().copied().filter(|p| p.start.map(|d| d.year) == Some(*y)).collect();
                push(
                    &mut obs,
                    &ind,
                    area,
                    Period::Year(*y),
                    DimensionKey::total(),
                    f64::from(*n),
                    "Counted from the project registry".into(),
                    at(&ps),
                );
            }
        }
    }

    // The "file" of a derived dataset is the registry content it was computed from.
    let mut h = Sha256::new();
    for o in &obs {
        h.update(format!("{}={:?};{}\n", o.key(), o.value, o.provenance.locator).as_bytes());
    }
    let digest = hex::encode(h.finalize());
    DatasetImport {
        source: SourceInfo {
            code: SOURCE.into(),
            name: "mprofile registry (Technical Working Group): indicators derived from its instruments, ratifications and projects".into(),
            publisher: "Technical Working Group, with the sources cited by each registry entry".into(),
            licence: "as the registry entries' sources".into(),
            url: "mprofile registry list".into(),
        },
        vintage: VINTAGE.into(),
        files: vec![FileInfo { path: "mprofile registry".into(), sha256: digest, bytes: obs.len() as u64 }],
        observations: obs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mp_domain::{I18nText, Instrument, InstrumentCode, ThemeCode};

    /// A hand-written development plan (not a real one) and its status in a country.
    fn plan(code: &str, area: &str, status: InstrumentStatus, themes: &[&str], vintage: &str) -> (Instrument, Sourced<Ratification>) {
        let a = AreaCode::parse(area).unwrap();
        let i = Instrument {
            code: InstrumentCode::parse(code).unwrap(),
            kind: InstrumentKind::DevelopmentPlan,
            short: code.into(),
            title: I18nText::new("Test plan", "Plan de test", "Plano de teste"),
            year: Some(2019),
            area: Some(a.clone()),
            citation: None,
            link: None,
            themes: themes.iter().map(|t| ThemeCode::parse(t).unwrap()).collect(),
        };
        let r = Sourced {
            entry: Ratification {
                instrument: i.code.clone(),
                area: a,
                status,
                year: Some(2019),
                responsible: None,
                note: None,
                provenance: Provenance { file: 0, locator: "fixture gazette".into() },
            },
            source: "nat-sen-twg-registry".into(),
            vintage: vintage.into(),
            source_name: "Test registry".into(),
            at: "workspace entry row 1".into(),
        };
        (i, r)
    }

    fn devplan(view: &RegistryView, area: &str) -> Option<(f64, i32, String)> {
        let (fw, _) = mp_ingest::framework_dir::testing::fixture();
        let a = AreaCode::parse(area).unwrap();
        let ds = derived_dataset(view, fw, &[a], 2026);
        let o = ds.observations.iter().find(|o| o.indicator.as_str() == "POL.DEVPLAN")?;
        let Period::Year(y) = o.period else { panic!("{:?}", o.period) };
        Some((o.value.unwrap(), y, o.provenance.locator.clone()))
    }

    #[test]
    fn the_development_plan_gives_pol_devplan_and_its_absence_a_gap() {
        // Nothing recorded: no value at all, not a 0.
        assert_eq!(devplan(&RegistryView::default(), "SEN"), None);
        // A plan in force listing themes: 1, as of the derivation year for a registry kept current.
        let (i, r) = plan("PLAN_SEN_TEST", "SEN", InstrumentStatus::InForce, &["T01", "T08"], "current");
        let view = RegistryView { instruments: vec![i.clone()], ratifications: vec![r.clone()], ..RegistryView::default() };
        let (v, y, at) = devplan(&view, "SEN").unwrap();
        assert_eq!((v, y), (1.0, 2026));
        assert!(at.contains("PLAN_SEN_TEST") && at.contains("workspace entry row 1"), "{at}");
        // The other country has no plan recorded: still a gap.
        assert_eq!(devplan(&view, "MLI"), None);
        // A plan recorded with no theme: 0, from that entry; a plan only in preparation: a gap.
        let (i0, r0) = plan("PLAN_SEN_TEST", "SEN", InstrumentStatus::Adopted, &[], "2025-05");
        let view = RegistryView { instruments: vec![i0], ratifications: vec![r0], ..RegistryView::default() };
        assert_eq!(devplan(&view, "SEN").map(|(v, y, _)| (v, y)), Some((0.0, 2025)));
        let (ip, rp) = plan("PLAN_SEN_TEST", "SEN", InstrumentStatus::InPreparation, &["T01"], "2025-05");
        let view = RegistryView { instruments: vec![ip], ratifications: vec![rp], ..RegistryView::default() };
        assert_eq!(devplan(&view, "SEN"), None);
    }

    /// The value, year and provenance of `indicator` derived for `area`, if any.
    fn derived(view: &RegistryView, indicator: &str, area: &str) -> Option<(f64, i32, String, String)> {
        let (fw, _) = mp_ingest::framework_dir::testing::fixture();
        let ds = derived_dataset(view, fw, &[AreaCode::parse(area).unwrap()], 2026);
        let o = ds.observations.iter().find(|o| o.indicator.as_str() == indicator)?;
        let Period::Year(y) = o.period else { panic!("{:?}", o.period) };
        Some((o.value.unwrap(), y, o.provenance.locator.clone(), o.footnote.clone().unwrap_or_default()))
    }

    /// A hand-written national policy (not a real one) with its status in Senegal.
    fn policy(kind: InstrumentKind, status: InstrumentStatus, themes: &[&str]) -> RegistryView {
        let (mut i, mut r) = plan("POL_SEN_TEST", "SEN", status, themes, "current");
        i.kind = kind;
        i.title = I18nText::new("Test migration policy", "Politique de test", "Política de teste");
        r.entry.year = Some(2018);
        RegistryView { instruments: vec![i], ratifications: vec![r], ..RegistryView::default() }
    }

    #[test]
    fn the_national_migration_policy_gives_pol_nmp_by_stage_and_its_absence_a_gap() {
        assert_eq!(derived(&RegistryView::default(), "POL.NMP", "SEN"), None);
        let view = policy(InstrumentKind::Policy, InstrumentStatus::Adopted, &["T01", "T04"]);
        let (v, y, at, note) = derived(&view, "POL.NMP", "SEN").unwrap();
        assert_eq!((v, y), (2.0, 2026));
        assert!(at.contains("POL_SEN_TEST") && at.contains("workspace entry row 1"), "{at}");
        assert!(note.contains("since 2018"), "{note}");
        assert_eq!(derived(&view, "POL.NMP", "MLI"), None, "another country's policy is not Mali's");
        let draft = policy(InstrumentKind::Policy, InstrumentStatus::InPreparation, &["T01"]);
        assert_eq!(derived(&draft, "POL.NMP", "SEN").map(|d| d.0), Some(1.0));
        // Statuses that are no stage of the policy, and texts that are no migration policy: a gap.
        for status in [InstrumentStatus::Expired, InstrumentStatus::NoAction, InstrumentStatus::Signed] {
            assert_eq!(derived(&policy(InstrumentKind::Policy, status, &["T01"]), "POL.NMP", "SEN"), None, "{status}");
        }
        assert_eq!(derived(&policy(InstrumentKind::Strategy, InstrumentStatus::InForce, &["T01"]), "POL.NMP", "SEN"), None);
        assert_eq!(derived(&policy(InstrumentKind::Policy, InstrumentStatus::InForce, &["T10"]), "POL.NMP", "SEN"), None);
    }

    #[test]
    fn re_deriving_after_a_registry_change_updates_pol_nmp() {
        let mut view = policy(InstrumentKind::Policy, InstrumentStatus::InPreparation, &["T01"]);
        assert_eq!(derived(&view, "POL.NMP", "SEN").map(|d| d.0), Some(1.0));
        view.ratifications[0].entry.status = InstrumentStatus::InForce;
        assert_eq!(derived(&view, "POL.NMP", "SEN").map(|d| d.0), Some(2.0));
        view.ratifications.clear();
        assert_eq!(derived(&view, "POL.NMP", "SEN"), None);
    }

    /// A hand-written institution (not a real one) of Senegal working on `themes`.
    fn institution(name: &str, themes: &[&str]) -> Sourced<Institution> {
        Sourced {
            entry: Institution {
                area: AreaCode::parse("SEN").unwrap(),
                name: name.into(),
                acronym: None,
                mandate: None,
                parent: None,
                themes: themes.iter().map(|t| ThemeCode::parse(t).unwrap()).collect(),
                contact: None,
                data_held: None,
                organisation: None,
                provenance: Provenance { file: 0, locator: "fixture".into() },
            },
            source: "nat-sen-twg-registry".into(),
            vintage: "2025-05".into(),
            source_name: "Test registry".into(),
            at: "workspace entry row 2".into(),
        }
    }

    #[test]
    fn a_diaspora_institution_gives_pol_diaspora_inst_and_a_general_one_does_not() {
        assert_eq!(derived(&RegistryView::default(), "POL.DIASPORA_INST", "SEN"), None);
        // A ministry working on many themes, the diaspora among them, is not one in charge of it.
        let mut view = RegistryView { institutions: vec![institution("Test ministry", &["T01", "T04", "T08"])], ..RegistryView::default() };
        assert_eq!(derived(&view, "POL.DIASPORA_INST", "SEN"), None);
        // Re-deriving once the registry records a diaspora directorate gives 1, from that entry.
        view.institutions.push(institution("Test diaspora directorate", &["T08", "T09"]));
        let (v, y, at, _) = derived(&view, "POL.DIASPORA_INST", "SEN").unwrap();
        assert_eq!((v, y), (1.0, 2025));
        assert!(at.contains("Test diaspora directorate") && at.contains("workspace entry row 2") && !at.contains("Test ministry"), "{at}");
        assert_eq!(derived(&view, "POL.DIASPORA_INST", "MLI"), None);
    }

    #[test]
    fn a_status_entered_in_the_workspace_counts_for_pol_conv_ratif() {
        let (fw, _) = mp_ingest::framework_dir::testing::fixture();
        let sen = AreaCode::parse("SEN").unwrap();
        let (_, mut r) = plan("PLAN_SEN_TEST", "SEN", InstrumentStatus::Ratified, &[], "current");
        r.entry.instrument = InstrumentCode::parse("REFUGEE_1951").unwrap();
        let view = RegistryView { ratifications: vec![r], ..RegistryView::default() };
        let ds = derived_dataset(&view, fw, &[sen], 2026);
        let o = ds.observations.iter().find(|o| o.indicator.as_str() == "POL.CONV_RATIF").expect("the workspace's entry is derived");
        assert_eq!((o.value, o.period), (Some(1.0), Period::Year(2026)));
    }
}
