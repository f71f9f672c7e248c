//! `framework export --area SEN`: a country's framework extension, as kept in the store, written
//! as the framework file `indicators/national/<ISO3>.toml`. The text is checked with the
//! framework loader before it is written, so what comes out always loads back.

use crate::settings::Settings;
use anyhow::{Context as _, Result, bail};
use mp_domain::{AreaCode, Framework, Iso3};
use mp_store::{ExtensionVersion, Store};
use std::path::PathBuf;
use std::process::ExitCode;

/// Runs `framework export`.
pub async fn export(s: &Settings, area: &str, version: Option<i64>, out: Option<PathBuf>) -> Result<ExitCode> {
    let country = Iso3::parse(&area.trim().to_ascii_uppercase()).with_context(|| format!("--area {area}"))?;
    let store = Store::open_existing(&s.db).await?;
    let areas = store.area_registry().await?;
    let fw = s.framework(Some(&areas))?;
    let versions = store.framework_extensions(&country).await?;
    let Some(ext) = (match version {
        Some(v) => versions.iter().find(|e| e.version == v),
        None => versions.last(),
    }) else {
        match version {
            Some(v) => bail!(
                "{country} has no version {v} of its framework extension (versions: {})",
                versions.iter().map(|e| e.version.to_string()).collect::<Vec<_>>().join(", ")
            ),
            None => bail!("{country} has no framework extension: no national indicator has been approved"),
        }
    };
    let loaded = fw.with_extension(&country, &ext.body).with_context(|| format!("{country}'s extension, version {}", ext.version))?;
    let n = loaded.extensions.get(&country).map_or(0, Vec::len);
    match out {
        Some(path) => {
            std::fs::write(&path, &ext.body).with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!(
                "wrote {}: {country}'s framework extension, version {} ({n} national indicators); save it as indicators/national/{country}.toml",
                path.display(),
                ext.version
            );
        }
        None => print!("{}", ext.body),
    }
    Ok(ExitCode::SUCCESS)
}

/// The national indicators the TWG approved between two editions of `area` (frozen at
/// `from_at` and `to_at`), as lines for `edition diff`: the extension version in force at each
/// edition, compared indicator by indicator.
pub async fn added_between(store: &Store, fw: &Framework, area: &AreaCode, from_at: &str, to_at: &str) -> Result<Vec<String>> {
    let AreaCode::Country(country) = area else { return Ok(Vec::new()) };
    let versions = store.framework_extensions(country).await?;
    // Timestamps are all `YYYY-MM-DDTHH:MM:SSZ`, so text order is time order.
    let at = |t: &str| versions.iter().rev().find(|v| v.created_at.as_str() <= t);
    let codes = |v: Option<&ExtensionVersion>| -> Result<Vec<(String, String)>> {
        let Some(v) = v else { return Ok(Vec::new()) };
        let loaded = fw.with_extension(country, &v.body).with_context(|| format!("{country}'s extension, version {}", v.version))?;
        Ok(loaded.extensions.get(country).map(|x| x.iter().map(|i| (i.code.to_string(), i.name.en.clone())).collect()).unwrap_or_default())
    };
    let (old, new) = (codes(at(from_at))?, codes(at(to_at))?);
    let mut lines: Vec<String> = new
        .iter()
        .filter(|(c, _)| !old.iter().any(|(o, _)| o == c))
        .map(|(c, name)| format!("{c:<22} national indicator added to {country}'s framework: {name} (not compared between countries)"))
        .collect();
    if let Some(v) = at(to_at).filter(|_| !lines.is_empty()) {
        lines.push(format!("{} national indicator(s) new in this edition (framework extension version {})", lines.len(), v.version));
    }
    Ok(lines)
}
