//! `init`, `framework`, `areas` and `doctor`.

use crate::output::{self, Format};
use crate::settings::Settings;
use anyhow::{Context as _, Result, bail};
use clap::Subcommand;
use mp_domain::{Area, Framework, Lang, ThemeCode};
use mp_store::Store;
use serde::Serialize;
use std::process::ExitCode;

/// `mprofile framework …`
#[derive(Subcommand)]
pub enum FrameworkCmd {
    /// List indicators.
    List {
        /// Only this theme (T01…T14).
        #[arg(long)]
        theme: Option<ThemeCode>,
        /// Language of names in the table.
        #[arg(long, default_value = "en")]
        lang: Lang,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Show one indicator in full.
    Show {
        /// Indicator code, e.g. IMM.STOCK.
        code: String,
        /// Language.
        #[arg(long, default_value = "en")]
        lang: Lang,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Write a country's framework extension (its national indicators approved by the TWG) as
    /// a framework file, to save as indicators/national/<ISO3>.toml.
    Export {
        /// Country (ISO alpha-3), e.g. SEN.
        #[arg(long)]
        area: String,
        /// A version kept in the store (default: the newest).
        #[arg(long)]
        version: Option<i64>,
        /// Output file (default: standard output).
        #[arg(long, short)]
        out: Option<std::path::PathBuf>,
    },
    /// List the themes.
    Themes {
        /// Language.
        #[arg(long, default_value = "en")]
        lang: Lang,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

/// Checks framework and areas fully before the store is opened, so a broken framework file
/// never touches it.
pub async fn init(s: &Settings) -> Result<ExitCode> {
    let areas = s.areas_from_data()?;
    let (files, origin) = s.framework_files()?;
    let fw = Framework::from_files(&files, Some(&areas)).with_context(|| format!("checking {origin}"))?;
    let store = Store::open(&s.db).await?;
    let load = store.load_framework(&fw, &areas).await?;
    println!("store      {}", store.display_url());
    println!("framework  version {} from {origin}: {} themes, {} indicators", fw.version, fw.themes.len(), fw.indicators.len());
    println!(
        "areas      {} ({} countries, {} groups; {} profile countries)",
        areas.len(),
        areas.all().iter().filter(|a| a.kind == mp_domain::AreaKind::Country).count(),
        areas.all().iter().filter(|a| a.kind == mp_domain::AreaKind::Group).count(),
        areas.profile_countries().len()
    );
    println!("loaded     {load}");
    Ok(ExitCode::SUCCESS)
}

/// Lists or shows the framework.
pub fn framework(s: &Settings, c: FrameworkCmd) -> Result<ExitCode> {
    let areas = s.areas_from_data().ok();
    let fw = s.framework(areas.as_ref())?;
    match c {
        FrameworkCmd::List { theme, lang, format } => {
            if let Some(t) = &theme
                && fw.theme(t).is_none()
            {
                bail!("unknown theme {t}: expected one of {}", fw.themes.iter().map(|t| t.code.to_string()).collect::<Vec<_>>().join(", "));
            }
            let list: Vec<&mp_domain::Indicator> = fw.indicators.iter().filter(|i| theme.as_ref().is_none_or(|t| &i.theme == t)).collect();
            match format {
                Format::Json => output::json(&list)?,
                Format::Table => {
                    let rows: Vec<Vec<String>> = list
                        .iter()
                        .map(|i| {
                            vec![
                                i.code.to_string(),
                                i.theme.to_string(),
                                i.name.get(lang).to_string(),
                                fw.unit(&i.unit).map(|u| u.name.get(lang).to_string()).unwrap_or_else(|| i.unit.clone()),
                                i.dimensions.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(","),
                                if i.formula.is_some() { "computed".into() } else { String::new() },
                            ]
                        })
                        .collect();
                    output::table(&["code", "theme", "name", "unit", "dimensions", ""], &rows, 60);
                    println!("{} indicators", rows.len());
                }
            }
        }
        FrameworkCmd::Show { code, lang, format } => {
            let Some(i) = fw.find(&code) else {
                bail!("no indicator {code} in the framework: see `mprofile framework list`");
            };
            match format {
                Format::Json => output::json(i)?,
                Format::Table => {
                    let theme = fw.theme(&i.theme).map(|t| t.name.get(lang).to_string()).unwrap_or_default();
                    println!("{}  {}", i.code, i.name.get(lang));
                    println!("theme       {} {theme}", i.theme);
                    println!("definition  {}", i.definition.get(lang));
                    println!(
                        "unit        {}{}",
                        fw.unit(&i.unit).map(|u| u.name.get(lang).to_string()).unwrap_or_else(|| i.unit.clone()),
                        if i.unit_mult.power() > 0 { format!(" × 10^{}", i.unit_mult.power()) } else { String::new() }
                    );
                    println!(
                        "dimensions  {}",
                        if i.dimensions.is_empty() {
                            "none".to_string()
                        } else {
                            i.dimensions.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", ")
                        }
                    );
                    if let Some(f) = &i.formula {
                        println!("formula     {f}");
                    }
                    if let Some(sdg) = &i.sdg {
                        println!("SDG         {sdg}");
                    }
                    if !i.gcm.is_empty() {
                        println!("GCM         objectives {}", i.gcm.iter().map(|g| g.to_string()).collect::<Vec<_>>().join(", "));
                    }
                    for src in &i.sources {
                        println!(
                            "source      {}{}",
                            src.name.get(lang),
                            src.code.as_deref().map(|c| format!(" ({c})")).unwrap_or_default()
                        );
                        if let Some(c) = &src.caveat {
                            println!("            caveat: {}", c.get(lang));
                        }
                    }
                    for l in Lang::ALL {
                        println!("name [{l}]   {}", i.name.get(l));
                    }
                }
            }
        }
        FrameworkCmd::Themes { lang, format } => match format {
            Format::Json => output::json(&fw.themes)?,
            Format::Table => {
                let rows: Vec<Vec<String>> = fw
                    .themes
                    .iter()
                    .map(|t| vec![t.code.to_string(), t.name.get(lang).to_string(), fw.indicators_of(&t.code).count().to_string()])
                    .collect();
                output::table(&["code", "theme", "indicators"], &rows, 70);
            }
        },
        // Dispatched to `extension::export` before this function: it reads the store.
        FrameworkCmd::Export { .. } => bail!("framework export reads the store"),
    }
    Ok(ExitCode::SUCCESS)
}

/// An area as `areas --format json` prints it.
#[derive(Serialize)]
struct AreaOut<'a> {
    code: &'a str,
    iso3: Option<&'a str>,
    iso2: Option<&'a str>,
    m49: Option<String>,
    name: &'a mp_domain::I18nText,
    kind: &'static str,
    profile_language: Option<Lang>,
    groups: Vec<String>,
}

/// Lists the areas in the store.
pub async fn areas(s: &Settings, format: Format, lang: Lang) -> Result<ExitCode> {
    let store = Store::open_existing(&s.db).await?;
    let reg = store.area_registry().await?;
    let groups_of = |a: &Area| -> Vec<String> {
        match a.code.iso3() {
            Some(c) => reg.memberships().iter().filter(|m| &m.member == c && m.holds(None)).map(|m| m.group.to_string()).collect(),
            None => Vec::new(),
        }
    };
    let out: Vec<AreaOut> = reg
        .all()
        .iter()
        .map(|a| AreaOut {
            code: a.code.as_str(),
            iso3: a.code.iso3().map(|c| c.as_str()),
            iso2: a.iso2.as_deref(),
            m49: a.m49.map(|m| m.to_string()),
            name: &a.name,
            kind: a.kind.as_str(),
            profile_language: a.profile_language,
            groups: groups_of(a),
        })
        .collect();
    match format {
        Format::Json => output::json(&out)?,
        Format::Table => {
            let rows: Vec<Vec<String>> = out
                .iter()
                .map(|a| {
                    vec![
                        a.code.to_string(),
                        a.m49.clone().unwrap_or_default(),
                        a.kind.to_string(),
                        a.name.get(lang).to_string(),
                        a.profile_language.map(|l| l.to_string()).unwrap_or_default(),
                    ]
                })
                .collect();
            output::table(&["code", "m49", "kind", "name", "profile"], &rows, 50);
            println!("{} areas", rows.len());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Checks store, framework and mirror; exits 1 when something is wrong.
pub async fn doctor(s: &Settings) -> Result<ExitCode> {
    let mut failed = false;
    let mut report = |ok: bool, what: &str, detail: String| {
        println!("{} {what:<11} {detail}", if ok { "ok  " } else { "FAIL" });
        failed |= !ok;
    };
    let areas = match s.areas_from_data() {
        Ok(a) => {
            report(true, "data", format!("{} ({} areas)", s.data.as_ref().map(|d| d.display().to_string()).unwrap_or_default(), a.len()));
            Some(a)
        }
        Err(e) => {
            report(false, "data", format!("{e:#}"));
            None
        }
    };
    let fw = match s.framework(areas.as_ref()) {
        Ok(fw) => {
            report(true, "framework", format!("version {}: {} themes, {} indicators", fw.version, fw.themes.len(), fw.indicators.len()));
            Some(fw)
        }
        Err(e) => {
            report(false, "framework", format!("{e:#}"));
            None
        }
    };
    match Store::open_existing(&s.db).await {
        Err(e) => report(false, "store", format!("{e:#}")),
        Ok(store) => {
            report(true, "store", store.display_url());
            match store.pending_migrations().await {
                Ok(p) if p.is_empty() => report(true, "migrations", "all applied".into()),
                Ok(p) => report(false, "migrations", format!("{} pending ({}): run `mprofile init`", p.len(), p.join(", "))),
                Err(e) => report(false, "migrations", format!("{e:#}")),
            }
            if let Some(fw) = &fw {
                match (store.framework_version().await, store.indicator_codes().await) {
                    (Ok(v), Ok(codes)) => {
                        let missing: Vec<String> =
                            fw.indicators.iter().map(|i| i.code.to_string()).filter(|c| !codes.contains(c)).collect();
                        let same = v.as_deref() == Some(fw.version.as_str()) && missing.is_empty();
                        report(
                            same,
                            "framework",
                            if same {
                                format!("store holds version {} ({} indicators)", fw.version, codes.len())
                            } else {
                                format!(
                                    "store holds version {} with {} indicators, {} of the framework's are missing: run `mprofile init`",
                                    v.unwrap_or_else(|| "none".into()),
                                    codes.len(),
                                    missing.len()
                                )
                            },
                        );
                    }
                    (Err(e), _) | (_, Err(e)) => report(false, "framework", format!("{e:#}")),
                }
            }
            if let Some(fw) = &fw {
                match super::quality::store_violations(&store, s, fw).await {
                    Ok((v, secs)) => {
                        let errors = v.iter().filter(|x| x.severity == mp_quality::Severity::Error).count();
                        report(
                            errors == 0,
                            "quality",
                            format!(
                                "{errors} errors, {} warnings of the validation rules over the stored figures ({secs:.1} s): `mprofile quality check`",
                                v.len() - errors
                            ),
                        );
                    }
                    Err(e) => report(false, "quality", format!("{e:#}")),
                }
            }
            match store.area_registry().await {
                Ok(reg) => report(
                    reg.profile_countries().len() == 10,
                    "areas",
                    format!("{} areas, {} profile countries", reg.len(), reg.profile_countries().len()),
                ),
                Err(e) => report(false, "areas", format!("{e:#}")),
            }
            match store.datasets().await {
                Ok(ds) => {
                    let obs: u64 = ds.iter().map(|d| d.observations).sum();
                    report(true, "data", format!("{} datasets, {obs} observations", ds.len()));
                    let owners = super::health::source_owners(&ds);
                    report(
                        owners.is_empty(),
                        "sources",
                        if owners.is_empty() { "every source holds only its own files".into() } else { owners.join("; ") },
                    );
                }
                Err(e) => report(false, "datasets", format!("{e:#}")),
            }
            match store.value_anomalies(5).await {
                Ok((0, _)) => report(true, "values", "no absurd magnitude, no negative count of persons".into()),
                Ok((n, list)) => report(false, "values", super::health::describe_anomalies(n, &list)),
                Err(e) => report(false, "values", format!("{e:#}")),
            }
        }
    }
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
