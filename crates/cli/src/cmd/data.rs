//! `data query` and `data sources`: read what the store holds.

use crate::output::{self, Format};
use crate::settings::Settings;
use anyhow::{Context as _, Result, bail};
use clap::Subcommand;
use mp_domain::{AreaCode, CodeValue, DimensionId, ObsStatus, Period};
use mp_service::json::ObservationOut;
use mp_store::{DimMatch, ObsQuery, Store, StoredObservation};
use std::process::ExitCode;

/// `mprofile data …`
#[derive(Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once per run; boxing would only obscure the arguments
pub enum DataCmd {
    /// Observations of an indicator: totals by default; `--dim DIM=CODE` or `--dim DIM=*` for breakdowns.
    Query {
        /// Indicator code, e.g. IMM.STOCK.
        #[arg(long)]
        indicator: String,
        /// Area (ISO alpha-3, group code or M49); repeat for several.
        #[arg(long)]
        area: Vec<String>,
        /// Exactly this period (2020, 2020-Q1, 2020-03, 2015-2020).
        #[arg(long)]
        period: Option<String>,
        /// Periods from this one on.
        #[arg(long)]
        from: Option<String>,
        /// Periods up to this one.
        #[arg(long)]
        to: Option<String>,
        /// Dimension filter DIM=CODE (`*` for every code); dimensions not named are at their total.
        #[arg(long = "dim")]
        dims: Vec<String>,
        /// Only this source, optionally at one vintage: `undesa-ims` or `undesa-ims@2020`.
        #[arg(long)]
        source: Option<String>,
        /// Only this OBS_STATUS (A, E, F, P…).
        #[arg(long)]
        status: Option<String>,
        /// Every vintage, not only the newest of each source.
        #[arg(long)]
        all_vintages: bool,
        /// At most this many rows.
        #[arg(long)]
        limit: Option<u64>,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// The datasets in the store: source, vintage, files and checksums, observation counts.
    Sources {
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

/// Runs a `data` subcommand.
pub async fn run(s: &Settings, c: DataCmd) -> Result<ExitCode> {
    let store = Store::open_existing(&s.db).await?;
    match c {
        DataCmd::Query { indicator, area, period, from, to, dims, source, status, all_vintages, limit, format } => {
            let fw = s.framework(None)?;
            let Some(ind) = fw.find(&indicator) else { bail!("no indicator {indicator} in the framework: see `mprofile framework list`") };
            let reg = store.area_registry().await?;
            let mut q = ObsQuery::indicator(ind.code.clone());
            for a in &area {
                let found = reg.find(a).with_context(|| {
                    format!("unknown area `{a}`: expected an ISO alpha-3 code (SEN), a group (ECOWAS) or an M49 number")
                })?;
                q.areas.push(found.code.clone());
            }
            let per = |p: &Option<String>| p.as_deref().map(Period::parse).transpose();
            q.period = per(&period)?;
            q.from = per(&from)?;
            q.to = per(&to)?;
            for d in &dims {
                let (k, v) = d.split_once('=').with_context(|| format!("`{d}` is not DIM=CODE"))?;
                let k = DimensionId::parse(&k.trim().to_ascii_uppercase())?;
                if !ind.dimensions.contains(&k) {
                    bail!(
                        "{} has no dimension {k}: it has {}",
                        ind.code,
                        if ind.dimensions.is_empty() {
                            "none".into()
                        } else {
                            ind.dimensions.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", ")
                        }
                    );
                }
                if v.trim() == "*" {
                    q.dims.insert(k, DimMatch::Any);
                } else {
                    q.dims.insert(k, DimMatch::Exact(CodeValue::parse(v)?));
                }
            }
            q.source = source.as_deref().map(mp_domain::SourceSelector::parse).transpose()?.map(|s| (s.source, s.vintage));
            q.status = status.as_deref().map(str::parse::<ObsStatus>).transpose()?;
            q.latest_only = !all_vintages;
            q.limit = limit;
            let rows = store.query(&q).await?;
            print_obs(&rows, &fw, format)?;
        }
        DataCmd::Sources { format } => {
            let ds = store.datasets().await?;
            match format {
                Format::Json => output::json(&ds)?,
                Format::Table => {
                    let rows: Vec<Vec<String>> = ds
                        .iter()
                        .map(|d| {
                            vec![
                                d.source.code.clone(),
                                d.vintage.clone(),
                                d.observations.to_string(),
                                if d.is_latest { "latest".into() } else { String::new() },
                                d.source.name.clone(),
                                d.files.len().to_string(),
                            ]
                        })
                        .collect();
                    output::table(&["source", "vintage", "observations", "", "name", "files"], &rows, 60);
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_obs(rows: &[StoredObservation], fw: &mp_domain::Framework, format: Format) -> Result<()> {
    let unit = |code: &mp_domain::IndicatorCode| fw.indicator(code).map(|i| i.unit.as_str()).unwrap_or("");
    match format {
        Format::Json => {
            let out: Vec<ObservationOut> = rows.iter().map(|r| ObservationOut::new(r, unit(&r.indicator))).collect();
            output::json(&out)?;
        }
        Format::Table => {
            let t: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    vec![
                        r.area.to_string(),
                        r.period.to_string(),
                        r.dims.to_string(),
                        r.value.map(|v| if v.fract() == 0.0 { format!("{v:.0}") } else { format!("{v}") }).unwrap_or_else(|| "–".into()),
                        r.status.code().to_string(),
                        format!("{}@{}", r.source_code, r.vintage),
                        r.locator.clone(),
                    ]
                })
                .collect();
            output::table(&["area", "period", "dimensions", "value", "status", "source", "from"], &t, 50);
            println!("{} observations", rows.len());
        }
    }
    let _ = AreaCode::parse;
    Ok(())
}
