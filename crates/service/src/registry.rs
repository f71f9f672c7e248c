//! Indicators derived from the governance registries (T01 ratifications, T13 projects), as a
//! dataset of their own whose source is the registry: re-deriving after every registry import
//! keeps them in step with the entries, and every value names the entry it came from.

use mp_domain::registry::{Date, Project};
use mp_domain::{
    AreaCode, CodeValue, DatasetImport, DimensionId, DimensionKey, FileInfo, Framework, IndicatorCode, ObsStatus, Observation, Period,
    Provenance, RegistryView, SourceInfo, UnitMult,
};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

/// Source code of the derived dataset.
pub const SOURCE: &str = "mprofile-registry";
/// Its vintage: one, rewritten in place as the registry changes.
pub const VINTAGE: &str = "current";

fn code(s: &str) -> Option<IndicatorCode> {
    IndicatorCode::parse(s).ok()
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
            let Some(year) = r.vintage.get(..4).and_then(|y| y.parse::<i32>().ok()) else { continue };
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
