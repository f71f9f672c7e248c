//! `forecast run` and `forecast backtest`: the forecasting module (`mp-forecast`) over the
//! store's history of the ten profile countries.
//!
//! `run` forecasts immigrant and emigrant stocks (UN DESA, one five-year step after 2024) and
//! remittances received (five years), each with the method the group rule chooses, and
//! backtests every method on those series and on WPP's net migration and rate. It stores the run
//! (migration 0007) and the forecasts and skill as observations (OBS_STATUS F for forecasts)
//! under the source `mprofile-forecast`, which fill FCT.IMM_STOCK, FCT.EMI_STOCK, FCT.REM,
//! FCT.NETMIG_ABS, FCT.NETMIG_MED, FCT.REF_ORIGIN, FCT.SKILL_MASE and FCT.PI_COVER. Conflict
//! IDPs and refugees hosted are forecast into the run only: some of the ten countries have no
//! series of them, so the framework has no forecast indicator for them.

use crate::settings::Settings;
use anyhow::{Context as _, Result, bail};
use clap::Subcommand;
use mp_domain::{AreaCode, DatasetImport, DimensionKey, IndicatorCode, ObsStatus, Observation, Period, Provenance, SourceInfo, UnitMult};
use mp_forecast::panel::{self, Rule, Series};
use mp_forecast::{Method, Scores, select::Settings as FcSettings};
use mp_ingest::Context;
use mp_ingest::files::InputFile;
use mp_store::{DimMatch, ForecastComparator, ForecastRun, ForecastSkill, ForecastValue, ImportOptions, ObsQuery, Store};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::process::ExitCode;

/// `mprofile forecast …`
#[derive(Subcommand)]
pub enum ForecastCmd {
    /// Forecast every target series, backtest every method, store the run and its observations.
    Run {
        /// Show what would be stored, and store nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// List the stored runs; with `--run ID`, set that run's forecasts against what was observed
    /// since (for periods that now have a value).
    Runs {
        /// The run to check.
        #[arg(long)]
        run: Option<i64>,
    },
    /// Backtest every method on every target series and print the measures.
    Backtest {
        /// Only this target (IMM_STOCK, EMI_STOCK, REM_IN, IDP_STOCK, NET_MIG, NET_RATE, REF_HOSTED, REF_ORIGIN).
        #[arg(long)]
        target: Option<String>,
        /// One row per country as well as the mean over countries.
        #[arg(long)]
        by_country: bool,
    },
    /// Scenarios of net migration beside the forecasts: zero and constant migration for every
    /// country, and those a TWG defines.
    #[command(subcommand)]
    Scenario(super::forecast_scenario::ScenarioCmd),
}

/// A series the module forecasts or backtests.
pub(crate) struct Target {
    /// CL_FC_TARGET code.
    pub(crate) code: &'static str,
    /// Indicator of the history.
    pub(crate) history: &'static str,
    /// Dimensions of the history (`""`: the total).
    dims: &'static str,
    /// Indicator its forecasts are stored under (`None`: backtested only).
    pub(crate) forecast: Option<&'static str>,
    /// Steps ahead, in the series' own spacing.
    horizon: usize,
    /// What kind of series it is, said with every skill figure.
    kind: SeriesKind,
    /// A count or an amount, never below zero: the stored forecast and its bounds are floored
    /// at zero (net migration and its rate can be negative).
    non_negative: bool,
}

/// The kind of series a skill figure comes from. WPP's latest estimates are partly the previous
/// revision's assumptions, so a backtest on them rewards copying WPP; skill is also measured on
/// observed series, and every figure says which kind it comes from.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum SeriesKind {
    /// Counts and flows reported by the publisher year by year (UNHCR, WDI, IDMC).
    Observed,
    /// Estimates a publisher builds from censuses and registers, five-yearly (UN DESA).
    Estimates,
    /// Model estimates whose last years are partly a previous projection (UN WPP).
    Model,
}

impl SeriesKind {
    /// Words in the footnotes of the module's figures.
    pub(crate) fn words(self) -> &'static str {
        match self {
            SeriesKind::Observed => "observed series",
            SeriesKind::Estimates => "published estimates",
            SeriesKind::Model => "UN WPP model estimates, partly projections",
        }
    }

    /// The code read back by the documents (`SERIES_KIND=…` in a footnote).
    pub(crate) fn code(self) -> &'static str {
        match self {
            SeriesKind::Observed => "OBSERVED",
            SeriesKind::Estimates => "ESTIMATES",
            SeriesKind::Model => "MODEL",
        }
    }
}

/// Every series is backtested and forecast; UNHCR's refugee counts are observed series, beside
/// WPP's model estimates. Net migration and its rate are
/// forecast beside WPP's projection, which is kept with the run as the comparator. A target
/// without a forecast indicator (a series some of the ten countries lack) is forecast into the
/// run only (`forecast runs --run ID`), and its skill stored like every other.
pub(crate) const TARGETS: [Target; 8] = [
    Target {
        code: "IMM_STOCK",
        history: "IMM.STOCK",
        dims: "",
        forecast: Some("FCT.IMM_STOCK"),
        horizon: 1,
        non_negative: true,
        kind: SeriesKind::Estimates,
    },
    Target {
        code: "EMI_STOCK",
        history: "EMI.STOCK",
        dims: "",
        forecast: Some("FCT.EMI_STOCK"),
        horizon: 1,
        non_negative: true,
        kind: SeriesKind::Estimates,
    },
    Target {
        code: "REM_IN",
        history: "REM.IN",
        dims: "",
        forecast: Some("FCT.REM"),
        horizon: 5,
        non_negative: true,
        kind: SeriesKind::Observed,
    },
    Target {
        code: "IDP_STOCK",
        history: "IDP.STOCK",
        dims: "CAUSE=CONFLICT",
        // No forecast indicator: IDMC has no conflict series for Mauritania and Cabo Verde. The
        // forecasts stay with the run, their skill under FCT.SKILL_MASE and FCT.PI_COVER.
        forecast: None,
        horizon: 5,
        non_negative: true,
        kind: SeriesKind::Observed,
    },
    Target {
        code: "NET_MIG",
        history: "NET.MIG",
        dims: "",
        forecast: Some("FCT.NETMIG_ABS"),
        horizon: 5,
        non_negative: false,
        kind: SeriesKind::Model,
    },
    Target {
        code: "NET_RATE",
        history: "NET.RATE",
        dims: "",
        forecast: Some("FCT.NETMIG_MED"),
        horizon: 5,
        non_negative: false,
        kind: SeriesKind::Model,
    },
    Target {
        code: "REF_HOSTED",
        history: "REF.HOSTED",
        dims: "",
        // No forecast indicator: UNHCR has no series of refugees hosted in Cabo Verde.
        forecast: None,
        horizon: 5,
        non_negative: true,
        kind: SeriesKind::Observed,
    },
    Target {
        code: "REF_ORIGIN",
        history: "REF.ORIGIN",
        dims: "",
        forecast: Some("FCT.REF_ORIGIN"),
        horizon: 5,
        non_negative: true,
        kind: SeriesKind::Observed,
    },
];

/// Earlier origins the group rule scores methods on (see `mp_forecast::panel::Rule::standard`).
const INNER: usize = 8;
/// Comparable periods each method's published skill is measured on.
const SKILL_ORIGINS: usize = 3;

/// The stored code of a method in CL_FC_MODEL.
pub fn model_code(m: Method) -> &'static str {
    match m {
        Method::Naive => "NAIVE",
        Method::Drift => "DRIFT",
        Method::DampedTrend => "ETS",
        Method::Ar1 => "ARIMA",
        Method::LogAr1 => "LOG_AR1",
        Method::PooledAr1 => "BAYES_AR",
    }
}

/// The source row of the module's observations.
fn source() -> SourceInfo {
    SourceInfo {
        code: "mprofile-forecast".into(),
        name: "mprofile forecasting module: persistence, drift, damped-trend smoothing, AR(1) and an AR(1) pooled across the ten countries, chosen and recalibrated by rolling-origin backtests".into(),
        publisher: "mprofile, computed from the stored history of each series (UN DESA International Migrant Stock, World Bank WDI, UN WPP 2024)".into(),
        licence: "Computed from CC BY 4.0 and CC BY 3.0 IGO sources; attribute them with the forecast".into(),
        url: "https://github.com/mprofile/mprofile/tree/main/crates/forecast".into(),
    }
}

/// Reads the history of one target for the profile countries: totals, non-forecast values, of
/// the source with the most values (so every country's series comes from one source).
pub(crate) async fn history(store: &Store, t: &Target, countries: &[AreaCode]) -> Result<(Vec<Series>, String)> {
    let code = IndicatorCode::parse(t.history).with_context(|| format!("indicator {}", t.history))?;
    let mut q = ObsQuery::indicator(code);
    q.areas = countries.to_vec();
    for (d, v) in DimensionKey::parse(t.dims).with_context(|| t.dims.to_string())?.iter() {
        q.dims.insert(d.clone(), DimMatch::Exact(v.clone()));
    }
    let rows = store.query(&q).await?;
    let mut by_source: BTreeMap<(String, String), usize> = BTreeMap::new();
    for r in rows.iter().filter(|r| r.status != ObsStatus::Forecast && r.value.is_some()) {
        *by_source.entry((r.source_code.clone(), r.vintage.clone())).or_default() += 1;
    }
    let Some(((src, vintage), _)) = by_source.into_iter().max_by_key(|(_, n)| *n) else { return Ok((Vec::new(), String::new())) };
    let mut series = Vec::new();
    for a in countries {
        let mut pts: Vec<(i32, f64)> = rows
            .iter()
            .filter(|r| r.area == *a && r.source_code == src && r.vintage == vintage && r.status != ObsStatus::Forecast)
            .filter_map(|r| Some((r.period.start_year(), r.value? * 10f64.powi(i32::from(r.unit_mult.power())))))
            .collect();
        pts.sort_by_key(|p| p.0);
        pts.dedup_by_key(|p| p.0);
        let pts = trailing_run(pts);
        if pts.len() >= 3 {
            series.push(Series {
                name: a.to_string(),
                group: t.code.to_string(),
                years: pts.iter().map(|p| p.0).collect(),
                values: pts.iter().map(|p| p.1).collect(),
            });
        }
    }
    Ok((series, format!("{src} {vintage}")))
}

/// The part of a series after its last gap wider than its usual step: the methods take values
/// as equally spaced, so a series with missing years (IDMC's Ghana: 2018, then 2023 on) is
/// modelled from its last unbroken run. UN DESA's last step (2020 to 2024) is shorter than its
/// usual five years and is kept.
fn trailing_run(pts: Vec<(i32, f64)>) -> Vec<(i32, f64)> {
    let years: Vec<i32> = pts.iter().map(|p| p.0).collect();
    let step = mp_forecast::usual_step(&years);
    let start = years.windows(2).rposition(|w| w[1] - w[0] > step).map_or(0, |i| i + 1);
    pts[start..].to_vec()
}

/// Every method's backtest on each series, over the last comparable periods of the group.
struct Backtest {
    origins: Vec<i32>,
    /// (series index, method) → mean scores over the origins.
    scores: BTreeMap<(usize, Method), Scores>,
}

fn backtest(series: &[Series], horizon: usize) -> Backtest {
    let last = series.iter().filter_map(|s| s.years.last().copied()).min().unwrap_or(0);
    let step = series.first().map_or(1, |s| mp_forecast::usual_step(&s.years));
    // Origins where fewer than half of the series have three values are dropped (IDMC's series
    // start in 2009 to 2018), so a short group is scored on the periods it has.
    let origins: Vec<i32> = panel::last_origins(last, step, horizon, SKILL_ORIGINS)
        .into_iter()
        .filter(|&o| series.iter().filter(|s| s.until(o).len() >= 3).count() * 2 >= series.len())
        .collect();
    let settings = FcSettings::standard(horizon);
    let mut scores = BTreeMap::new();
    for m in Method::ALL {
        let r = panel::backtest(series, &origins, &Rule::Fixed(m), &settings);
        for i in 0..series.len() {
            let mine: Vec<Scores> = r.iter().filter(|s| s.series == i).map(|s| s.scores).collect();
            // A method is scored on a series only where it forecast from every origin.
            if mine.len() == origins.len()
                && let Some(mean) = Scores::mean(&mine)
            {
                scores.insert((i, m), mean);
            }
        }
    }
    Backtest { origins, scores }
}

/// Runs a `forecast` subcommand.
pub async fn run(s: &Settings, c: ForecastCmd) -> Result<ExitCode> {
    match c {
        ForecastCmd::Run { dry_run } => run_all(s, dry_run).await,
        ForecastCmd::Backtest { target, by_country } => print_backtest(s, target.as_deref(), by_country).await,
        ForecastCmd::Runs { run } => runs(s, run).await,
        ForecastCmd::Scenario(c) => super::forecast_scenario::run(s, c).await,
    }
}

async fn runs(s: &Settings, run: Option<i64>) -> Result<ExitCode> {
    let store = Store::open_existing(&s.db).await?;
    let Some(id) = run else {
        println!("{:>4}  {:<20}  {:<8}  data", "run", "created", "batch");
        for r in store.forecast_runs().await? {
            println!("{:>4}  {:<20}  {:<8}  {}", r.id, r.created_at, r.batch_id.map(|b| b.to_string()).unwrap_or_default(), r.data_vintage);
        }
        return Ok(ExitCode::SUCCESS);
    };
    let values = store.forecast_values(id).await?;
    if values.is_empty() {
        bail!("no forecast run {id} in the store (see `mprofile forecast runs`)");
    }
    println!(
        "{:<14} {:<4} {:<6} {:<10} {:>14} {:>30} {:>14}  inside 80 %",
        "target", "area", "period", "method", "forecast", "80 % interval", "observed"
    );
    let (mut checked, mut inside) = (0usize, 0usize);
    for v in &values {
        // The history indicator the forecast continues, read now: what happened since the run.
        let Some(t) = TARGETS.iter().find(|t| t.forecast.unwrap_or(t.history) == v.target) else { continue };
        let (Ok(code), Ok(area), Ok(period)) = (IndicatorCode::parse(t.history), AreaCode::parse(&v.area), Period::parse(&v.period)) else {
            continue;
        };
        let mut q = ObsQuery::indicator(code).area(area);
        q.period = Some(period);
        // The history's own breakdown (conflict IDPs, not all IDPs).
        for (d, c) in DimensionKey::parse(t.dims).with_context(|| t.dims.to_string())?.iter() {
            q.dims.insert(d.clone(), DimMatch::Exact(c.clone()));
        }
        let observed = store.query(&q).await?.into_iter().filter(|r| r.status != ObsStatus::Forecast).find_map(|r| r.value);
        let hit = observed.map(|o| o >= v.lo80 && o <= v.hi80);
        if let Some(h) = hit {
            checked += 1;
            inside += usize::from(h);
        }
        println!(
            "{:<14} {:<4} {:<6} {:<10} {:>14.1} {:>30} {:>14}  {}",
            v.target,
            v.area,
            v.period,
            v.method,
            v.point,
            format!("{:.1} to {:.1}", v.lo80, v.hi80),
            observed.map(|o| format!("{o:.1}")).unwrap_or_else(|| "not yet".into()),
            hit.map_or("", |h| if h { "yes" } else { "no" })
        );
    }
    println!("\n{checked} forecast values have an observed value now; {inside} of them fell inside the 80 % interval.");
    // The published projections kept with the run, against the same outcomes.
    let comparators = store.forecast_comparators(id).await?;
    if !comparators.is_empty() {
        let (mut checked, mut inside, mut err_module, mut err_comp) = (0usize, 0usize, 0.0, 0.0);
        for c in &comparators {
            let Some(t) = TARGETS.iter().find(|t| t.forecast == Some(c.target.as_str())) else { continue };
            let (Ok(code), Ok(area), Ok(period)) = (IndicatorCode::parse(t.history), AreaCode::parse(&c.area), Period::parse(&c.period))
            else {
                continue;
            };
            let mut q = ObsQuery::indicator(code).area(area);
            q.period = Some(period);
            let observed = store.query(&q).await?.into_iter().filter(|r| r.status != ObsStatus::Forecast).find_map(|r| r.value);
            let module = values.iter().find(|v| v.target == c.target && v.area == c.area && v.period == c.period);
            if let (Some(o), Some(m)) = (observed, module) {
                checked += 1;
                inside += usize::from(matches!((c.lo80, c.hi80), (Some(l), Some(h)) if o >= l && o <= h));
                err_module += (o - m.point).abs();
                err_comp += (o - c.point).abs();
            }
        }
        println!(
            "{} values of a published projection ({}) were kept with the run as its comparator; {checked} have an observed value now{}",
            comparators.len(),
            comparators.first().map(|c| c.source.as_str()).unwrap_or(""),
            if checked > 0 {
                format!(
                    ": mean absolute error {:.1} for the module against {:.1} for the projection, {inside} inside the projection's 80 % interval.",
                    err_module / checked as f64,
                    err_comp / checked as f64
                )
            } else {
                ".".into()
            }
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) async fn countries(store: &Store) -> Result<Vec<AreaCode>> {
    let areas = store.area_registry().await?;
    let list: Vec<AreaCode> = areas.profile_countries().into_iter().map(|a| a.code.clone()).collect();
    if list.is_empty() {
        bail!("the store has no profile countries: run `mprofile init` first");
    }
    Ok(list)
}

/// The measures of a backtest in the series' own unit: MAE, RMSE and the 80 % and 95 % interval
/// scores, as the backtest table prints them.
fn in_units(sc: &Scores) -> String {
    format!("{:>14.1} {:>14.1} {:>14.1} {:>14.1}", sc.mae, sc.rmse, sc.winkler80, sc.winkler95)
}

async fn print_backtest(s: &Settings, only: Option<&str>, by_country: bool) -> Result<ExitCode> {
    let store = Store::open_existing(&s.db).await?;
    let countries = countries(&store).await?;
    println!(
        "{:<10} {:<8} {:<10} {:>3} {:>7} {:>7} {:>7} {:>7} {:>14} {:>14} {:>14} {:>14}  origins",
        "target", "area", "method", "n", "MASE", "cov80", "cov95", "bias/s", "MAE", "RMSE", "Winkler80", "Winkler95"
    );
    for t in TARGETS.iter().filter(|t| only.is_none_or(|o| o.eq_ignore_ascii_case(t.code))) {
        let (series, vintage) = history(&store, t, &countries).await?;
        if series.is_empty() {
            println!("{:<10} no history in the store ({})", t.code, t.history);
            continue;
        }
        let b = backtest(&series, t.horizon);
        let origins = b.origins.iter().map(i32::to_string).collect::<Vec<_>>().join(",");
        for m in Method::ALL {
            let all: Vec<(usize, Scores)> = b.scores.iter().filter(|((_, mm), _)| *mm == m).map(|((i, _), s)| (*i, *s)).collect();
            if by_country {
                for (i, sc) in &all {
                    let scale = mp_forecast::naive_scale(series[*i].until(b.origins[0])).unwrap_or(1.0);
                    println!(
                        "{:<10} {:<8} {:<10} {:>3} {:>7.3} {:>7.2} {:>7.2} {:>7.2} {}  {origins}",
                        t.code,
                        series[*i].name,
                        m.code(),
                        sc.n,
                        sc.mase,
                        sc.cover80,
                        sc.cover95,
                        sc.me / scale,
                        in_units(sc)
                    );
                }
            }
            let scores: Vec<Scores> = all.iter().map(|x| x.1).collect();
            if let Some(mean) = Scores::mean(&scores) {
                println!(
                    "{:<10} {:<8} {:<10} {:>3} {:>7.3} {:>7.2} {:>7.2} {:>7} {}  {origins} ({vintage})",
                    t.code,
                    format!("{} ctry", all.len()),
                    m.code(),
                    mean.n,
                    mean.mase,
                    mean.cover80,
                    mean.cover95,
                    "",
                    in_units(&mean)
                );
            }
        }
        // The group rule, each origin choosing on the data before it.
        let r = panel::backtest(&series, &b.origins, &Rule::standard(), &FcSettings::standard(t.horizon));
        if let Some(mean) = Scores::mean(&r.iter().map(|x| x.scores).collect::<Vec<_>>()) {
            let chosen: Vec<&str> = {
                let mut v: Vec<&str> = r.iter().map(|x| x.method.code()).collect();
                v.sort_unstable();
                v.dedup();
                v
            };
            println!(
                "{:<10} {:<8} {:<10} {:>3} {:>7.3} {:>7.2} {:>7.2} {:>7} {}  {origins} (chose {})",
                t.code,
                format!("{} ctry", series.len()),
                "AUTO",
                mean.n,
                mean.mase,
                mean.cover80,
                mean.cover95,
                "",
                in_units(&mean),
                chosen.join("/")
            );
        }
    }
    println!("\nMASE: mean absolute error over the horizon / the training data's mean absolute one-step change;");
    println!("cov80, cov95: share of held-out values inside the recalibrated intervals; AUTO: the rule profiles use.");
    println!("MAE, RMSE, Winkler80/95 (interval score): in the series' own unit; over countries, the mean of their values.");
    Ok(ExitCode::SUCCESS)
}

async fn run_all(s: &Settings, dry_run: bool) -> Result<ExitCode> {
    let store = Store::open_existing(&s.db).await?;
    let areas = store.area_registry().await?;
    let fw = s.framework(Some(&areas))?;
    let countries = countries(&store).await?;
    let mut values = Vec::new();
    let mut skills = Vec::new();
    let mut vintages = Vec::new();
    let mut outs: Vec<Observation> = Vec::new();
    // Per country, the backtest of the method shown on each forecast series: the headline skill.
    let mut headline: BTreeMap<String, Vec<(i32, Scores)>> = BTreeMap::new();
    let mut comparators: Vec<ForecastComparator> = Vec::new();
    let mut csv = String::from("indicator,area,period,dims,value,method\n");
    let mut push =
        |ind: &str, area: &str, year: i32, dims: &str, value: f64, note: String, status: ObsStatus, method: &str| -> Result<()> {
            let line = 1 + csv.lines().count();
            let _ = writeln!(csv, "{ind},{area},{year},{dims},{value},{method}");
            outs.push(Observation {
                indicator: IndicatorCode::parse(ind).with_context(|| ind.to_string())?,
                area: AreaCode::parse(area).with_context(|| area.to_string())?,
                period: Period::parse(&year.to_string()).with_context(|| year.to_string())?,
                dims: DimensionKey::parse(dims).with_context(|| dims.to_string())?,
                value: Some(value),
                status,
                unit_mult: UnitMult::default(),
                footnote: Some(note),
                provenance: Provenance { file: 0, locator: format!("row {line}") },
            });
            Ok(())
        };
    for t in &TARGETS {
        let (series, vintage) = history(&store, t, &countries).await?;
        if series.is_empty() {
            println!("{:<10} skipped: no history of {} in the store", t.code, t.history);
            continue;
        }
        vintages.push(vintage.clone());
        let settings = FcSettings::standard(t.horizon);
        let fc = panel::forecast_panel(&series, &settings, INNER);
        let b = backtest(&series, t.horizon);
        let origins = b.origins.iter().map(i32::to_string).collect::<Vec<_>>().join(",");
        let last_year = |i: usize| series[i].years.last().copied().unwrap_or(0);
        for ((i, m), sc) in &b.scores {
            let chosen = fc.iter().any(|f| f.series == *i && f.method == *m);
            skills.push(ForecastSkill {
                target: t.code.into(),
                area: series[*i].name.clone(),
                method: m.code().into(),
                chosen,
                origins: origins.clone(),
                horizon: t.horizon as u32,
                n: sc.n as u32,
                mae: sc.mae,
                rmse: sc.rmse,
                mase: sc.mase,
                me: sc.me,
                cover80: sc.cover80,
                cover95: sc.cover95,
                winkler80: sc.winkler80,
                winkler95: sc.winkler95,
            });
            let naive = b.scores.get(&(*i, Method::Naive));
            if chosen && t.forecast.is_some() {
                headline.entry(series[*i].name.clone()).or_default().push((last_year(*i), *sc));
            }
            let note = format!(
                "Backtest of {} on {} ({vintage}, {}, SERIES_KIND={}): forecasts from {origins}, {} step(s) ahead; mean absolute error {:.6}{}",
                m.code(),
                t.history,
                t.kind.words(),
                t.kind.code(),
                t.horizon,
                sc.mae,
                naive.map(|n| format!(", persistence {:.6}", n.mae)).unwrap_or_default()
            );
            let dims = format!("FC_TARGET={},FC_MODEL={}", t.code, model_code(*m));
            push("FCT.SKILL_MASE", &series[*i].name, last_year(*i), &dims, sc.mase, note.clone(), ObsStatus::Normal, m.code())?;
            for (lvl, v) in [("PI80", sc.cover80), ("PI95", sc.cover95)] {
                push(
                    "FCT.PI_COVER",
                    &series[*i].name,
                    last_year(*i),
                    &format!("{dims},PI_LEVEL={lvl}"),
                    v * 100.0,
                    note.clone(),
                    ObsStatus::Normal,
                    m.code(),
                )?;
            }
        }
        for f in &fc {
            let area = &series[f.series].name;
            println!("{:<10} {:<4} {:<10} {:?}", t.code, area, f.method.code(), f.years);
            let fv = if t.non_negative { f.forecast.clone().floored_at_zero() } else { f.forecast.clone() };
            for (k, year) in f.years.iter().enumerate() {
                values.push(ForecastValue {
                    target: t.forecast.unwrap_or(t.history).into(),
                    area: area.clone(),
                    method: f.method.code().into(),
                    horizon: k as u32 + 1,
                    period: year.to_string(),
                    point: fv.point[k],
                    lo80: fv.lo80[k],
                    hi80: fv.hi80[k],
                    lo95: fv.lo95[k],
                    hi95: fv.hi95[k],
                });
                let Some(ind) = t.forecast else { continue };
                let skill = b.scores.get(&(f.series, f.method)).map(|s| s.mae);
                let naive = b.scores.get(&(f.series, Method::Naive)).map(|s| s.mae);
                let note = format!(
                    "Forecast by the mprofile forecasting module (FC_MODEL={}, SERIES_KIND={}) from {vintage} ({}) to {}: method {} chosen by rolling-origin backtests over the ten countries; intervals recalibrated on past errors; backtest mean absolute error {} against {} for persistence",
                    model_code(f.method),
                    t.kind.code(),
                    t.kind.words(),
                    series[f.series].years.last().copied().unwrap_or(0),
                    f.method.code(),
                    skill.map_or("n/a".into(), |v| format!("{v:.0}")),
                    naive.map_or("n/a".into(), |v| format!("{v:.0}")),
                );
                push(ind, area, *year, "", fv.point[k], note.clone(), ObsStatus::Forecast, f.method.code())?;
                for (v, val) in [("LO80", fv.lo80[k]), ("HI80", fv.hi80[k]), ("LO95", fv.lo95[k]), ("HI95", fv.hi95[k])] {
                    push(ind, area, *year, &format!("VARIANT={v}"), val, note.clone(), ObsStatus::Forecast, f.method.code())?;
                }
            }
        }
    }
    for (area, list) in &headline {
        let scores: Vec<Scores> = list.iter().map(|x| x.1).collect();
        let (Some(mean), Some(year)) = (Scores::mean(&scores), list.iter().map(|x| x.0).max()) else { continue };
        let note = format!(
            "Mean over the {} forecast series of {area} of the backtest of the method its profile shows (rolling origins, see FC_TARGET and FC_MODEL for each series)",
            list.len()
        );
        push("FCT.SKILL_MASE", area, year, "", mean.mase, note.clone(), ObsStatus::Normal, "AUTO")?;
        push("FCT.PI_COVER", area, year, "", mean.cover80 * 100.0, note.clone(), ObsStatus::Normal, "AUTO")?;
        push("FCT.PI_COVER", area, year, "PI_LEVEL=PI80", mean.cover80 * 100.0, note.clone(), ObsStatus::Normal, "AUTO")?;
        push("FCT.PI_COVER", area, year, "PI_LEVEL=PI95", mean.cover95 * 100.0, note, ObsStatus::Normal, "AUTO")?;
    }
    for t in TARGETS.iter().filter(|t| matches!(t.code, "NET_MIG" | "NET_RATE")) {
        if let Some(ind) = t.forecast {
            comparators.extend(wpp_comparator(&store, ind, &values).await?);
        }
    }
    let file = InputFile::from_bytes(&format!("forecast-run-{}.csv", today()), csv.clone().into_bytes()).info();
    let ds = DatasetImport { source: source(), vintage: today(), files: vec![file], observations: outs };
    let ctx = Context::new(&fw, &areas);
    let problems = ctx.check(&ds);
    if !problems.is_empty() {
        for p in &problems {
            eprintln!("{p}");
        }
        bail!("the forecast observations do not fit the framework; nothing was stored");
    }
    // The validation rules, as for every import: an error refuses the run, warnings are stored.
    let Some(warnings) =
        super::quality::before_store(&store, s, &fw, &mp_ingest::ReadReport { datasets: vec![ds.clone()], ..Default::default() }).await?
    else {
        bail!("the validation rules refuse the forecasts; nothing was stored");
    };
    let command = mp_store::redact(&std::env::args().collect::<Vec<_>>().join(" "));
    let summary =
        store.import(std::slice::from_ref(&ds), &ImportOptions { dry_run, command, origin: mp_store::Origin::Public }, &|_, _| {}).await?;
    println!(
        "observations {} ({} added, {} changed, {} unchanged) under mprofile-forecast {}",
        ds.observations.len(),
        summary.added,
        summary.changed,
        summary.unchanged,
        ds.vintage
    );
    if dry_run {
        println!("dry run: nothing was written");
        return Ok(ExitCode::SUCCESS);
    }
    let flagged = super::quality::after_store(&store, &warnings).await?;
    if flagged > 0 {
        println!("quality: {flagged} warnings of the validation rules stored with the forecasts (`mprofile quality flags`)");
    }
    let run = ForecastRun {
        rule: format!("AUTO: group rule over {INNER} earlier origins; skill over the last {SKILL_ORIGINS} comparable periods"),
        data_vintage: vintages.join("; "),
        batch_id: summary.batch_id,
        values,
        skills,
    };
    let id = store.forecast_run_save(&run).await?;
    store.forecast_comparators_save(id, &comparators).await?;
    println!(
        "forecast run {id}: {} forecast values, {} backtests, {} values of UN WPP's projection kept as comparator",
        run.values.len(),
        run.skills.len(),
        comparators.len()
    );
    super::forecast_scenario::derive(s, &store).await?;
    Ok(ExitCode::SUCCESS)
}

/// UN WPP 2024's projection (medium and probabilistic bounds) of the periods the run forecast
/// for `t`, kept with the run as the comparator of the module's forecast.
async fn wpp_comparator(store: &Store, ind: &str, values: &[ForecastValue]) -> Result<Vec<ForecastComparator>> {
    let code = IndicatorCode::parse(ind).with_context(|| ind.to_string())?;
    let mut q = ObsQuery::indicator(code);
    q.source = Some(("un-wpp".into(), None));
    q.any_dims = true;
    let rows = store.query(&q).await?;
    let mut out = Vec::new();
    for v in values.iter().filter(|v| v.target == ind) {
        let at = |variant: &str| {
            rows.iter()
                .find(|r| {
                    r.area.as_str() == v.area
                        && r.period.to_string() == v.period
                        && r.dims.iter().find(|(d, _)| d.as_str() == "VARIANT").map(|(_, c)| c.as_str()).unwrap_or("") == variant
                })
                .and_then(|r| r.value.map(|x| x * 10f64.powi(i32::from(r.unit_mult.power()))))
        };
        let Some(point) = at("") else { continue };
        let source = rows.first().map(|r| format!("{} {}", r.source_code, r.vintage)).unwrap_or_default();
        out.push(ForecastComparator {
            target: ind.into(),
            area: v.area.clone(),
            source,
            period: v.period.clone(),
            point,
            lo80: at("LO80"),
            hi80: at("HI80"),
            lo95: at("LO95"),
            hi95: at("HI95"),
        });
    }
    Ok(out)
}

/// Today's date (UTC), the vintage of a run's observations.
pub(crate) fn today() -> String {
    mp_service::today()
}
