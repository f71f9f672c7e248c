//! `quality …`, and the validation rules that run on every import before anything is stored.

use crate::output;
use crate::settings::{self, Settings};
use anyhow::{Context as _, Result, bail};
use clap::{Args, Subcommand, ValueEnum};
use mp_domain::{AreaCode, Framework};
use mp_ingest::ReadReport;
use mp_quality::mirror::{MirrorPair, MirrorSpec, SumSpec, mirror, sum_vs_total};
use mp_quality::outliers;
use mp_quality::rules::num;
use mp_quality::{Figure, RuleSet, Severity, Violation, check};
use mp_store::{ObsQuery, Store};
use std::collections::{BTreeMap, BTreeSet};
use std::process::ExitCode;
use std::time::Instant;

/// How reports are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ReportFormat {
    /// An aligned text table.
    #[default]
    Table,
    /// CSV with a header row.
    Csv,
    /// A JSON array.
    Json,
}

/// `mprofile quality …`
#[derive(Subcommand)]
pub enum QualityCmd {
    /// Run every validation rule over the store and list the violations.
    Check(CheckArgs),
    /// The warnings stored with the figures, and their reviews.
    Flags {
        /// Only this country or area.
        #[arg(long)]
        area: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: ReportFormat,
    },
    /// Mark a stored warning "checked, correct", with the reason (each review is an audit row on
    /// `quality_flag:ID`; see `mprofile audit list --target quality_flag:ID`).
    Review {
        /// The flag id (see `mprofile quality flags`).
        id: i64,
        /// Why the value is correct.
        #[arg(long)]
        reason: String,
        /// Who checked it.
        #[arg(long)]
        by: String,
    },
    /// Figures published by two or more sources that differ, largest difference first.
    Conflicts(ConflictArgs),
    /// Robust outlier tests over every series of a country.
    Outliers(OutlierArgs),
    /// Compute the T03 data quality indicators of every profile country from the stored data
    /// and store them as the dataset `mprofile-dqa`.
    Assess {
        /// Show what would be stored, and store nothing.
        #[arg(long)]
        dry_run: bool,
        /// A weight of the composite score for this assessment, DIMENSION=WEIGHT (e.g.
        /// INTEGRITY=2), over those of `framework/rules.toml`; repeat for several. The weights
        /// used are stated in the composite's evidence.
        #[arg(long = "weight", value_name = "DIMENSION=WEIGHT")]
        weights: Vec<String>,
    },
    /// The quality scores of every profile country and of each of its data sources (0–3 per
    /// dimension and the weighted total), with the weakest dimension to improve first.
    Scores {
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: ReportFormat,
    },
    /// Mirror statistics: what each side of a bilateral corridor reports, largest gap first.
    Mirror {
        /// Only this country.
        #[arg(long)]
        area: Option<String>,
        /// How many pairs to list.
        #[arg(long, default_value_t = 20)]
        top: usize,
        /// Only corridors where one reporter counts at least this many.
        #[arg(long, default_value_t = 1000.0)]
        min: f64,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: ReportFormat,
    },
}

/// `mprofile quality check`
#[derive(Args)]
pub struct CheckArgs {
    /// Only figures of this country or area.
    #[arg(long)]
    pub area: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: ReportFormat,
}

/// `mprofile quality conflicts`
#[derive(Args)]
pub struct ConflictArgs {
    /// Only this country or area.
    #[arg(long)]
    pub area: Option<String>,
    /// Smallest relative difference listed (0.05 = 5 %).
    #[arg(long, default_value_t = 0.05)]
    pub threshold: f64,
    /// The template whose order of preference of sources decides the value shown.
    #[arg(long, default_value = "iom-2011")]
    pub template: String,
    /// How many to list (0: all).
    #[arg(long, default_value_t = 30)]
    pub top: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: ReportFormat,
}

/// `mprofile quality outliers`
#[derive(Args)]
pub struct OutlierArgs {
    /// The country or area (with `--store`, every profile country when left out).
    #[arg(long, required_unless_present = "store")]
    pub area: Option<String>,
    /// Store the flags with their figures, where reviewers see them and can mark them
    /// "checked, correct" (`quality flags`, `quality review`).
    #[arg(long)]
    pub store: bool,
    /// Only this indicator.
    #[arg(long)]
    pub indicator: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: ReportFormat,
}

/// The framework's validation rules.
pub fn rules(s: &Settings, fw: &Framework) -> Result<RuleSet> {
    let (files, origin) = s.framework_files()?;
    RuleSet::from_framework_files(&files, fw).with_context(|| format!("the validation rules of {origin} are not valid"))
}

/// Runs the rules over what an import read, before anything is stored. Prints every error and
/// returns `None` when the import must be refused; otherwise returns the warnings to store.
pub async fn before_store(store: &Store, s: &Settings, fw: &Framework, report: &ReadReport) -> Result<Option<Vec<Violation>>> {
    let rules = rules(s, fw)?;
    let checked = mp_service::quality::check_before_store(store, &rules, fw, &report.datasets).await?;
    if checked.passes() {
        return Ok(Some(checked.warnings));
    }
    eprintln!("The validation rules refuse this import ({} errors):", checked.errors.len());
    for v in &checked.errors {
        eprintln!("  {}", v.line());
    }
    eprintln!("The store was not changed.");
    Ok(None)
}

/// Stores the warnings of an import with the figures they concern.
pub async fn after_store(store: &Store, warnings: &[Violation]) -> Result<usize> {
    Ok(mp_service::quality::store_flags(store, warnings).await?)
}

/// Every stored figure (newest vintage of each source), of one area when given.
async fn stored_figures(store: &Store, area: Option<&AreaCode>) -> Result<Vec<Figure>> {
    let q = ObsQuery { areas: area.into_iter().cloned().collect(), any_dims: true, ..ObsQuery::default() };
    Ok(store.records(&q).await?.iter().filter_map(Figure::from_record).collect())
}

fn area_arg(store_areas: &mp_domain::AreaRegistry, a: Option<&str>) -> Result<Option<AreaCode>> {
    match a {
        None => Ok(None),
        Some(a) => Ok(Some(store_areas.find(a).with_context(|| format!("unknown area `{a}`"))?.code.clone())),
    }
}

fn print(format: ReportFormat, headers: &[&str], rows: &[Vec<String>], json: impl FnOnce() -> Result<()>) -> Result<()> {
    match format {
        ReportFormat::Table => output::table(headers, rows, 60),
        ReportFormat::Json => json()?,
        ReportFormat::Csv => {
            let quote = |c: &str| if c.contains([',', '"', '\n']) { format!("\"{}\"", c.replace('"', "\"\"")) } else { c.to_string() };
            println!("{}", headers.join(","));
            for r in rows {
                println!("{}", r.iter().map(|c| quote(c)).collect::<Vec<_>>().join(","));
            }
        }
    }
    Ok(())
}

/// The violations of the stored figures, for `doctor`: (errors, warnings, seconds).
pub async fn store_violations(store: &Store, s: &Settings, fw: &Framework) -> Result<(Vec<Violation>, f64)> {
    let rules = rules(s, fw)?;
    let t = Instant::now();
    let figs = stored_figures(store, None).await?;
    let v = check(&rules, fw, &figs, &[]);
    Ok((v, t.elapsed().as_secs_f64()))
}

/// Runs `quality …`.
pub async fn run(s: &Settings, cmd: QualityCmd) -> Result<ExitCode> {
    let store = Store::open_existing(&s.db).await?;
    let areas = store.area_registry().await?;
    let fw = s.framework(Some(&areas))?;
    match cmd {
        QualityCmd::Check(a) => {
            let rules = rules(s, &fw)?;
            let area = area_arg(&areas, a.area.as_deref())?;
            let t = Instant::now();
            let figs = stored_figures(&store, area.as_ref()).await?;
            let read = t.elapsed().as_secs_f64();
            let v = check(&rules, &fw, &figs, &[]);
            let total = t.elapsed().as_secs_f64();
            let rows: Vec<Vec<String>> = v
                .iter()
                .map(|x| {
                    vec![
                        x.severity.to_string(),
                        x.rule.clone(),
                        x.figure.label(),
                        num(x.figure.value),
                        x.expected.clone(),
                        x.figure.dataset.to_string(),
                        x.figure.at.observation_id.map(|i| i.to_string()).unwrap_or_default(),
                        x.message.en.clone(),
                    ]
                })
                .collect();
            print(a.format, &["severity", "rule", "figure", "value", "expected", "dataset", "obs", "message"], &rows, || output::json(&v))?;
            let errors = v.iter().filter(|x| x.severity == Severity::Error).count();
            eprintln!(
                "{} rules over {} figures: {errors} errors, {} warnings ({read:.1} s reading, {:.1} s checking)",
                rules.len(),
                figs.len(),
                v.len() - errors,
                total - read
            );
            Ok(if errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        QualityCmd::Flags { area, format } => {
            let flags = store.quality_flags(area.as_deref()).await?;
            let rows: Vec<Vec<String>> = flags
                .iter()
                .map(|f| {
                    vec![
                        f.id.to_string(),
                        f.rule.clone(),
                        format!("{} {} {} {}", f.indicator, f.area, f.period, f.dims),
                        f.value.map(num).unwrap_or_default(),
                        f.expected.clone(),
                        f.source.clone(),
                        match (&f.review_status, &f.review_reason) {
                            (Some(s), Some(r)) => format!("{s}: {r}"),
                            _ => "to review".into(),
                        },
                    ]
                })
                .collect();
            print(format, &["id", "rule", "figure", "value", "expected", "source", "review"], &rows, || output::json(&flags))?;
            Ok(ExitCode::SUCCESS)
        }
        QualityCmd::Review { id, reason, by } => {
            if reason.trim().is_empty() || by.trim().is_empty() {
                bail!("a review needs a reason (--reason) and the reviewer's name (--by)");
            }
            if store.review_quality_flag(id, reason.trim(), by.trim(), &mp_store::Actor::cli()).await? {
                println!("flag {id} marked checked, correct (recorded in the audit trail as quality_flag:{id})");
                Ok(ExitCode::SUCCESS)
            } else {
                bail!("no quality flag has id {id} (see `mprofile quality flags`)");
            }
        }
        QualityCmd::Conflicts(a) => {
            let area = area_arg(&areas, a.area.as_deref())?;
            let tpl = settings::template(&a.template, &fw)?;
            // The computation the profiles, the portal and the API use: projections (a forecast
            // beside WPP's) and the assessment's own figures are not conflicts between sources.
            let subject: Vec<AreaCode> = area.into_iter().collect();
            let mut c = mp_service::quality::conflicts(&store, &subject, &tpl.prefer, a.threshold).await?;
            if a.top > 0 {
                c.truncate(a.top);
            }
            let rows: Vec<Vec<String>> = c
                .iter()
                .map(|x| {
                    vec![
                        format!(
                            "{} {} {}{}",
                            x.indicator,
                            x.area,
                            x.period,
                            if x.dims.is_total() { String::new() } else { format!(" [{}]", x.dims) }
                        ),
                        x.values.iter().map(|v| format!("{} {}", v.dataset.source, num(v.value))).collect::<Vec<_>>().join(" | "),
                        format!("{:.1} %", x.relative_difference * 100.0),
                        x.shown.to_string(),
                        x.why.clone(),
                    ]
                })
                .collect();
            print(a.format, &["figure", "values", "difference", "shown", "why"], &rows, || output::json(&c))?;
            Ok(ExitCode::SUCCESS)
        }
        QualityCmd::Outliers(a) => {
            let area = area_arg(&areas, a.area.as_deref())?;
            let subject: Vec<AreaCode> = match &area {
                Some(a) => vec![a.clone()],
                None => areas.profile_countries().iter().map(|x| x.code.clone()).collect(),
            };
            let found = if a.store {
                let (found, saved) = mp_service::quality::store_outliers(&store, &fw, &subject).await?;
                eprintln!("{} outlier flags stored with their figures (see `mprofile quality flags`)", saved);
                found
            } else {
                let figs = stored_figures(&store, area.as_ref()).await?;
                let mut found = outliers::series_outliers(&fw, &figs);
                let q = ObsQuery { areas: subject, any_dims: true, latest_only: false, ..ObsQuery::default() };
                let every: Vec<Figure> = store.records(&q).await?.iter().filter_map(Figure::from_record).collect();
                found.extend(outliers::vintage_revisions(&every));
                found
            };
            let found: Vec<_> = match &a.indicator {
                Some(i) => found.into_iter().filter(|(f, _)| f.indicator.as_str() == i).collect(),
                None => found,
            };
            let rows: Vec<Vec<String>> = found
                .iter()
                .map(|(f, fl)| vec![fl.method.as_str().to_string(), f.label(), num(fl.value), f.dataset.to_string(), fl.reason.clone()])
                .collect();
            print(a.format, &["method", "figure", "value", "dataset", "why"], &rows, || {
                output::json(&found.iter().map(|(f, fl)| serde_json::json!({"figure": f, "flag": fl})).collect::<Vec<_>>())
            })?;
            Ok(ExitCode::SUCCESS)
        }
        QualityCmd::Scores { format } => scores(&store, &areas, format).await,
        QualityCmd::Assess { dry_run, weights } => assess(&store, s, &fw, &areas, dry_run, &weights).await,
        QualityCmd::Mirror { area, top, min, format } => {
            let area = area_arg(&areas, area.as_deref())?;
            let figs = stored_figures(&store, area.as_ref()).await?;
            let mut pairs: Vec<MirrorPair> = mirror_specs().iter().flat_map(|s| mirror(s, &figs)).collect();
            if let (Ok(parts), Ok(total)) = (mp_domain::IndicatorCode::parse("REM.BILAT_IN"), mp_domain::IndicatorCode::parse("REM.IN")) {
                let spec = SumSpec {
                    name: "remittances received: World Bank/KNOMAD bilateral estimates summed vs WDI balance of payments".into(),
                    parts_indicator: parts,
                    parts_source: "wb-knomad".into(),
                    total_indicator: total,
                    total_source: "wb-wdi".into(),
                };
                pairs.extend(sum_vs_total(&spec, &figs));
            }
            // Corridors of a handful of people swing by 200 % on one person: list those that matter.
            pairs.retain(|p| p.a.0.max(p.b.0) >= min);
            pairs.sort_by(|x, y| y.gap_pct.total_cmp(&x.gap_pct));
            pairs.truncate(top);
            let rows: Vec<Vec<String>> = pairs
                .iter()
                .map(|p| {
                    vec![
                        p.spec.clone(),
                        format!("{} → {} {}", p.area, p.partner, p.period),
                        format!("{} {}", p.a.1, num(p.a.0.round())),
                        format!("{} {}{}", p.b.1, num(p.b.0.round()), p.b_note.as_ref().map(|n| format!(" ({n})")).unwrap_or_default()),
                        format!("{:.1} %", p.gap_pct),
                    ]
                })
                .collect();
            print(format, &["pair", "corridor", "first reporter", "second reporter", "gap"], &rows, || output::json(&pairs))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The mirror pairs the public sources allow.
pub fn mirror_specs() -> Vec<MirrorSpec> {
    let code = |c: &str| mp_domain::IndicatorCode::parse(c).ok();
    let mut out = Vec::new();
    for (name, a, asrc, b, bsrc, interp) in [
        (
            "emigrant stock: World Bank/KNOMAD matrix vs UN DESA (destination count)",
            "EMI.STOCK",
            "wb-knomad",
            "EMI.STOCK",
            "undesa-ims",
            true,
        ),
        (
            "asylum applications abroad: Eurostat (first-time, EU+) vs UNHCR",
            "IRR.EU_ASY_APP",
            "eurostat-asyappctza",
            "REF.ASY_APP_ORIGIN",
            "unhcr",
            false,
        ),
    ] {
        if let (Some(a), Some(b)) = (code(a), code(b)) {
            out.push(MirrorSpec {
                name: name.into(),
                a_indicator: a,
                a_source: asrc.into(),
                b_indicator: b,
                b_source: bsrc.into(),
                interpolate_b: interp,
            });
        }
    }
    out
}

/// Runs `quality assess` on the store of the settings (the demo's step after the import).
pub async fn assess_stored(s: &Settings) -> Result<()> {
    let store = Store::open_existing(&s.db).await?;
    let areas = store.area_registry().await?;
    let fw = s.framework(Some(&areas))?;
    if assess(&store, s, &fw, &areas, false, &[]).await? != ExitCode::SUCCESS {
        bail!("the data quality assessment was refused by the validation rules");
    }
    Ok(())
}

/// The current UTC year and month.
fn year_month_now() -> (i32, u32) {
    let today = mp_service::today();
    let num = |r: std::ops::Range<usize>| today.get(r).and_then(|x| x.parse().ok()).unwrap_or(1);
    (num(0..4) as i32, num(5..7))
}

/// Computes the T03 indicators and stores them, through the validation rules like any import.
async fn assess(
    store: &Store,
    s: &Settings,
    fw: &Framework,
    areas: &mp_domain::AreaRegistry,
    dry_run: bool,
    weights: &[String],
) -> Result<ExitCode> {
    use mp_domain::{DatasetImport, FileInfo, Observation, Provenance, SourceInfo, UnitMult};
    use mp_quality::score::{self, Inputs};
    let mut rules = rules(s, fw)?;
    let dims: Vec<&str> = fw
        .codelists
        .get("CL_DQA_DIMENSION")
        .map(|c| c.codes.iter().map(|k| k.id.as_str()).filter(|k| *k != "_T").collect())
        .unwrap_or_default();
    for w in weights {
        let (d, v) = w.split_once('=').with_context(|| format!("--weight `{w}`: expected DIMENSION=WEIGHT, e.g. INTEGRITY=2"))?;
        let d = d.trim().to_ascii_uppercase();
        if !dims.contains(&d.as_str()) {
            bail!("--weight `{w}`: unknown quality dimension `{d}`: expected one of {}", dims.join(", "));
        }
        let v: f64 = v
            .trim()
            .parse()
            .ok()
            .filter(|v: &f64| v.is_finite() && *v >= 0.0)
            .with_context(|| format!("--weight `{w}`: expected a weight of 0 or more, such as 2 or 0.5"))?;
        rules.score_weights.insert(d, v);
    }
    let countries: Vec<AreaCode> = areas.profile_countries().iter().map(|a| a.code.clone()).collect();
    let q = ObsQuery { areas: countries.clone(), any_dims: true, latest_only: false, ..ObsQuery::default() };
    let figures: Vec<Figure> =
        store.records(&q).await?.iter().filter_map(Figure::from_record).filter(|f| f.dataset.source != score::SOURCE).collect();
    let pairs: Vec<MirrorPair> = mirror_specs().first().map(|spec| mirror(spec, &figures)).unwrap_or_default();
    let (year, month) = year_month_now();
    let assessed =
        score::assess(&Inputs { fw, countries: &countries, figures: &figures, mirror: &pairs, weights: &rules.score_weights, year });
    let body = serde_json::to_vec(&assessed)?;
    let file = mp_ingest::files::InputFile::from_bytes("mprofile quality assess", body.clone());
    let observations: Vec<Observation> = assessed
        .iter()
        .map(|a| Observation {
            indicator: a.indicator.clone(),
            area: a.area.clone(),
            period: a.period,
            dims: a.dims.clone(),
            value: Some(a.value),
            status: mp_domain::ObsStatus::Normal,
            unit_mult: UnitMult::UNITS,
            footnote: Some(a.evidence.clone()),
            provenance: Provenance { file: 0, locator: format!("{} {} {} {}", a.indicator, a.area, a.period, a.dims) },
        })
        .collect();
    let dataset = DatasetImport {
        source: SourceInfo {
            code: score::SOURCE.into(),
            name: "mprofile data quality assessment (computed from the stored observations)".into(),
            publisher: "mprofile, from the sources it assesses".into(),
            licence: "derived from the assessed sources, under their licences".into(),
            url: String::new(),
        },
        vintage: format!("{year}-{month:02}"),
        files: vec![FileInfo { path: "mprofile quality assess".into(), sha256: file.sha256.clone(), bytes: body.len() as u64 }],
        observations,
    };
    let report = ReadReport { datasets: vec![dataset], rows_read: assessed.len() as u64, skipped: Vec::new() };
    let Some(warnings) = before_store(store, s, fw, &report).await? else {
        return Ok(ExitCode::from(1));
    };
    let mut per: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for a in &assessed {
        per.entry(a.indicator.as_str()).or_default().insert(a.area.to_string());
    }
    for (ind, cs) in &per {
        println!("{ind:<18} {} of {} countries", cs.len(), countries.len());
    }
    if dry_run {
        println!("dry run: nothing was written ({} figures)", assessed.len());
        return Ok(ExitCode::SUCCESS);
    }
    let command = mp_store::redact(&std::env::args().collect::<Vec<_>>().join(" "));
    // A derived dataset of mprofile's own, not a country's file.
    let origin = mp_store::Origin::Public;
    let sum = store.import(&report.datasets, &mp_store::ImportOptions { dry_run: false, command, origin }, &|_, _| {}).await?;
    after_store(store, &warnings).await?;
    let (_, outliers) = mp_service::quality::store_outliers(store, fw, &countries).await?;
    println!("{outliers} outlier flags stored with their figures, for reviewers (`mprofile quality flags`)");
    println!(
        "{} figures stored as {}@{year}-{month:02} ({} added, {} changed, {} unchanged)",
        assessed.len(),
        score::SOURCE,
        sum.added,
        sum.changed,
        sum.unchanged
    );
    Ok(ExitCode::SUCCESS)
}

/// What to do about a weak dimension, in plain words.
fn advice(dim: &str) -> &'static str {
    match dim {
        "TIMELINESS" => "publish sooner after the reference period, or share preliminary figures",
        "PERIODICITY" => "collect and publish migration figures every year, not only at censuses",
        "COVERAGE" => "fill the indicators without data through the submission template",
        "DISAGGREGATION" => "publish stocks and flows by sex and age",
        "ACCURACY" => "document revisions between editions and their reasons",
        "COHERENCE" => "reconcile the sources that disagree, and say which one the profile uses and why",
        "CONFORMITY" => "count migrants by country of birth, as the UN Recommendations define them, beside citizenship",
        _ => "see the evidence in the footnote of the score",
    }
}

/// `quality scores`: DQA.SCORE of every country, by data source and dimension (the stored
/// scores the profiles, the portal and the API show).
async fn scores(store: &Store, areas: &mp_domain::AreaRegistry, format: ReportFormat) -> Result<ExitCode> {
    let countries: Vec<AreaCode> = areas.profile_countries().iter().map(|a| a.code.clone()).collect();
    let all = mp_service::quality::scores(store, &countries).await?;
    let dims = ["TIMELINESS", "PERIODICITY", "COVERAGE", "DISAGGREGATION", "ACCURACY", "COHERENCE", "CONFORMITY"];
    let mut rows = Vec::new();
    let mut json = Vec::new();
    for c in &countries {
        let mine: Vec<&mp_service::quality::ScoreOut> = all.iter().filter(|s| s.area == c.as_str() && s.source_type.is_none()).collect();
        // The country's data as a whole first, then each source.
        let mut sources: Vec<Option<&str>> = vec![None];
        sources.extend(mine.iter().filter_map(|s| s.source.as_deref()).collect::<BTreeSet<_>>().into_iter().map(Some));
        for src in sources {
            let get = |d: Option<&str>| mine.iter().find(|s| s.source.as_deref() == src && s.dimension.as_deref() == d).map(|s| s.score);
            if get(None).is_none() && dims.iter().all(|d| get(Some(d)).is_none()) {
                continue;
            }
            let by: Vec<(&str, Option<f64>)> = dims.iter().map(|d| (*d, get(Some(d)))).collect();
            // The weakest dimension, when it is weak (below 2).
            let weakest = by.iter().filter_map(|(d, v)| v.map(|v| (*d, v))).filter(|(_, v)| *v < 2.0).min_by(|a, b| a.1.total_cmp(&b.1));
            let mut row = vec![c.to_string(), src.unwrap_or("all sources").to_string()];
            row.extend(by.iter().map(|(_, v)| v.map(num).unwrap_or_else(|| "—".into())));
            row.push(get(None).map(num).unwrap_or_else(|| "—".into()));
            row.push(weakest.map(|(d, _)| format!("{}: {}", d.to_lowercase(), advice(d))).unwrap_or_default());
            json.push(serde_json::json!({
                "area": c, "source": src,
                "scores": by.iter().map(|(d, v)| (d.to_string(), *v)).collect::<BTreeMap<_, _>>(),
                "total": get(None), "improve_first": weakest.map(|(d, _)| d), "advice": weakest.map(|(d, _)| advice(d)),
            }));
            rows.push(row);
        }
    }
    if rows.is_empty() {
        bail!("no quality scores in the store: run `mprofile quality assess` first");
    }
    let mut headers = vec!["area", "source"];
    headers.extend(dims.iter().map(|d| &d[..d.len().min(11)]));
    headers.extend(["total", "improve first"]);
    print(format, &headers, &rows, || output::json(&json))?;
    Ok(ExitCode::SUCCESS)
}
