//! `forecast scenario add|list`: scenarios of net migration beside the forecasts. Every country
//! with a WPP history gets two built-in scenarios (zero migration, and constant migration at
//! the last estimate); a TWG adds its own as a change of net migration from a year on, on top
//! of UN WPP 2024's medium variant, with the assumption it states. Each scenario is stored with
//! its assumption (migration 0013) and its values become observations of FCT.NETMIG_ABS under
//! VARIANT=ZERO_MIG, CONST_MIG or TWG1…TWG5 (source `mprofile-scenario`, OBS_STATUS F), which
//! the documents draw as dashed lines labelled as scenarios, never as forecasts.

use super::forecast::countries;
use crate::settings::Settings;
use anyhow::{Context as _, Result, bail};
use clap::Subcommand;
use mp_domain::{AreaCode, DatasetImport, DimensionKey, IndicatorCode, ObsStatus, Observation, Period, Provenance, SourceInfo, UnitMult};
use mp_ingest::Context;
use mp_ingest::files::InputFile;
use mp_store::{ForecastScenario, ImportOptions, ObsQuery, Store};
use std::fmt::Write as _;
use std::process::ExitCode;

/// The last year scenarios run to (the horizon of the net-migration chart).
const UNTIL: i32 = 2050;
/// Scenario codes a TWG can use per country.
const TWG_CODES: [&str; 5] = ["TWG1", "TWG2", "TWG3", "TWG4", "TWG5"];
/// The source of the scenarios' values.
pub(crate) const SOURCE: &str = "mprofile-scenario";

/// `mprofile forecast scenario …`
#[derive(Subcommand)]
pub enum ScenarioCmd {
    /// Add a TWG scenario: net migration changed by `--change` persons a year from `--from` on,
    /// on top of UN WPP 2024's medium variant, with the assumption it rests on.
    Add {
        /// The country (ISO alpha-3).
        #[arg(long)]
        area: String,
        /// First year of the change (2024 to 2050).
        #[arg(long = "from")]
        from_year: i32,
        /// Change of net migration in persons a year (negative: more leave or fewer arrive).
        #[arg(long, allow_hyphen_values = true)]
        change: f64,
        /// The assumption, in words a reader will see beside the scenario.
        #[arg(long)]
        assumption: String,
    },
    /// List the stored scenarios with their assumptions.
    List {
        /// Only this country.
        #[arg(long)]
        area: Option<String>,
    },
}

/// Runs a `forecast scenario` subcommand.
pub async fn run(s: &Settings, c: ScenarioCmd) -> Result<ExitCode> {
    let store = Store::open_existing(&s.db).await?;
    match c {
        ScenarioCmd::Add { area, from_year, change, assumption } => {
            let area = AreaCode::parse(&area).with_context(|| format!("--area {area}: expected an ISO alpha-3 code such as SEN"))?;
            if !countries(&store).await?.contains(&area) {
                bail!("--area {area}: not one of the profile countries");
            }
            if !(2024..=UNTIL).contains(&from_year) {
                bail!("--from {from_year}: expected a year from 2024 (WPP's first projected year) to {UNTIL}");
            }
            if !change.is_finite() {
                bail!("--change: expected a number of persons a year");
            }
            let assumption = assumption.trim().to_string();
            if assumption.chars().count() < 10 {
                bail!("--assumption: state the assumption the scenario rests on, in a sentence");
            }
            let taken: Vec<String> =
                store.forecast_scenarios().await?.into_iter().filter(|x| x.area == area.as_str()).map(|x| x.code).collect();
            let Some(code) = TWG_CODES.iter().find(|c| !taken.iter().any(|t| t == *c)) else {
                bail!("{area} has {} TWG scenarios already, the most a country can have", TWG_CODES.len());
            };
            let sc = ForecastScenario {
                area: area.to_string(),
                code: (*code).into(),
                kind: "change".into(),
                from_year: Some(i64::from(from_year)),
                change: Some(change),
                assumption,
                created_at: String::new(),
            };
            store.forecast_scenario_add(&sc).await?;
            println!("scenario {code} of {area} stored: {}", describe(&sc));
            derive(s, &store).await?;
            Ok(ExitCode::SUCCESS)
        }
        ScenarioCmd::List { area } => {
            println!("{:<4} {:<9} {:<9} assumption", "area", "scenario", "kind");
            for x in store.forecast_scenarios().await?.iter().filter(|x| area.as_deref().is_none_or(|a| a.eq_ignore_ascii_case(&x.area))) {
                println!("{:<4} {:<9} {:<9} {}", x.area, x.code, x.kind, describe(x));
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The scenario in one sentence: what it does and what it assumes.
fn describe(x: &ForecastScenario) -> String {
    match (x.kind.as_str(), x.from_year, x.change) {
        ("change", Some(y), Some(c)) => {
            format!("UN WPP 2024 medium variant {c:+.0} persons a year from {y} on. Assumption: {}", x.assumption)
        }
        _ => x.assumption.clone(),
    }
}

/// The net migration of one scenario for the years after `last` up to [`UNTIL`].
fn path(x: &ForecastScenario, last: (i32, f64), wpp: &[(i32, f64)]) -> Vec<(i32, f64)> {
    let years = last.0 + 1..=UNTIL;
    match (x.kind.as_str(), x.from_year, x.change) {
        ("zero", ..) => years.map(|y| (y, 0.0)).collect(),
        ("constant", ..) => years.map(|y| (y, last.1)).collect(),
        ("change", Some(from), Some(c)) => wpp
            .iter()
            .filter(|(y, _)| *y > last.0 && *y <= UNTIL)
            .map(|&(y, v)| (y, if i64::from(y) >= from { v + c } else { v }))
            .collect(),
        _ => Vec::new(),
    }
}

/// Stores the built-in scenarios of every country that lacks them, and writes the values of
/// every scenario as the dataset `mprofile-scenario` of today (all or nothing).
pub(crate) async fn derive(s: &Settings, store: &Store) -> Result<()> {
    let areas = store.area_registry().await?;
    let fw = s.framework(Some(&areas))?;
    let countries = countries(store).await?;
    let read = |ind: &str, source: &'static str| -> Result<ObsQuery> {
        let mut q = ObsQuery::indicator(IndicatorCode::parse(ind).with_context(|| ind.to_string())?);
        q.areas = countries.clone();
        q.source = Some((source.into(), None));
        Ok(q)
    };
    let hist = store.query(&read("NET.MIG", "un-wpp")?).await?;
    let wpp = store.query(&read("FCT.NETMIG_ABS", "un-wpp")?).await?;
    let scale = |r: &mp_store::StoredObservation| r.value.map(|v| v * 10f64.powi(i32::from(r.unit_mult.power())));
    let mut stored = store.forecast_scenarios().await?;
    let mut outs = Vec::new();
    let mut csv = String::from("indicator,area,period,variant,value\n");
    for a in &countries {
        let Some(last) = hist
            .iter()
            .filter(|r| &r.area == a && r.status != ObsStatus::Forecast && matches!(r.period, Period::Year(_)))
            .filter_map(|r| Some((r.period.start_year(), scale(r)?)))
            .max_by_key(|p| p.0)
        else {
            continue;
        };
        for (code, kind, assumption) in [
            ("ZERO_MIG", "zero", format!("Zero migration: as many people arrive as leave every year from {} on.", last.0 + 1)),
            (
                "CONST_MIG",
                "constant",
                format!("Constant migration: net migration stays at its {} estimate (UN WPP 2024), {:.0} persons a year.", last.0, last.1),
            ),
        ] {
            if !stored.iter().any(|x| x.area == a.as_str() && x.code == code) {
                let x = ForecastScenario {
                    area: a.to_string(),
                    code: code.into(),
                    kind: kind.into(),
                    from_year: None,
                    change: None,
                    assumption,
                    created_at: String::new(),
                };
                store.forecast_scenario_add(&x).await?;
                stored.push(x);
            }
        }
        let mut medium: Vec<(i32, f64)> = wpp
            .iter()
            .filter(|r| &r.area == a && matches!(r.period, Period::Year(_)))
            .filter_map(|r| Some((r.period.start_year(), scale(r)?)))
            .collect();
        medium.sort_by_key(|p| p.0);
        for x in stored.iter().filter(|x| x.area == a.as_str()) {
            let note = format!("Scenario {}, not a forecast: {}", x.code, describe(x));
            for (year, value) in path(x, last, &medium) {
                let line = 1 + csv.lines().count();
                let _ = writeln!(csv, "FCT.NETMIG_ABS,{a},{year},{},{value}", x.code);
                outs.push(Observation {
                    indicator: IndicatorCode::parse("FCT.NETMIG_ABS").context("FCT.NETMIG_ABS")?,
                    area: a.clone(),
                    period: Period::parse(&year.to_string()).with_context(|| year.to_string())?,
                    dims: DimensionKey::parse(&format!("VARIANT={}", x.code)).with_context(|| x.code.clone())?,
                    value: Some(value),
                    status: ObsStatus::Forecast,
                    unit_mult: UnitMult::default(),
                    footnote: Some(note.clone()),
                    provenance: Provenance { file: 0, locator: format!("row {line}") },
                });
            }
        }
    }
    let vintage = super::forecast::today();
    let file = InputFile::from_bytes(&format!("forecast-scenarios-{vintage}.csv"), csv.into_bytes()).info();
    let ds = DatasetImport {
        source: SourceInfo {
            code: SOURCE.into(),
            name: "mprofile scenarios of net migration: zero migration, constant migration and the scenarios the TWG defines, each with its assumption".into(),
            publisher: "mprofile, from UN WPP 2024 estimates and medium variant, and the assumptions the TWG states".into(),
            licence: "Computed from CC BY 3.0 IGO data; attribute UN WPP 2024 with the scenario".into(),
            url: "https://github.com/mprofile/mprofile/tree/main/crates/cli/src/cmd/forecast_scenario.rs".into(),
        },
        vintage,
        files: vec![file],
        observations: outs,
    };
    let problems = Context::new(&fw, &areas).check(&ds);
    if !problems.is_empty() {
        for p in &problems {
            eprintln!("{p}");
        }
        bail!("the scenario values do not fit the framework; nothing was stored");
    }
    let command = mp_store::redact(&std::env::args().collect::<Vec<_>>().join(" "));
    let summary = store
        .import(std::slice::from_ref(&ds), &ImportOptions { dry_run: false, command, origin: mp_store::Origin::Public }, &|_, _| {})
        .await?;
    println!(
        "scenarios: {} values ({} added, {} changed, {} unchanged) under {SOURCE} {}",
        ds.observations.len(),
        summary.added,
        summary.changed,
        summary.unchanged,
        ds.vintage
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sc(kind: &str, from_year: Option<i64>, change: Option<f64>) -> ForecastScenario {
        ForecastScenario {
            area: "SEN".into(),
            code: "TWG1".into(),
            kind: kind.into(),
            from_year,
            change,
            assumption: "stated".into(),
            created_at: String::new(),
        }
    }

    #[test]
    fn scenario_paths_by_hand() {
        let wpp = vec![(2024, -10.0), (2025, -12.0), (2026, -13.0)];
        let last = (2023, -9.0);
        let zero = path(&sc("zero", None, None), last, &wpp);
        assert_eq!(zero.first(), Some(&(2024, 0.0)));
        assert_eq!(zero.last(), Some(&(UNTIL, 0.0)));
        assert!(path(&sc("constant", None, None), last, &wpp).iter().all(|p| p.1 == -9.0));
        // The change applies from its year on, on top of WPP's medium variant.
        assert_eq!(path(&sc("change", Some(2025), Some(5.0)), last, &wpp), vec![(2024, -10.0), (2025, -7.0), (2026, -8.0)]);
        assert!(path(&sc("change", None, None), last, &wpp).is_empty());
    }
}
