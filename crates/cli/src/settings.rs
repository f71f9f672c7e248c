//! Where the store, the data mirror and the framework are: flags, then environment variables
//! (handled by clap), then a config file, then defaults.

use anyhow::{Context as _, Result, bail};
use mp_domain::{AreaRegistry, Framework, FrameworkFiles};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The framework compiled into the binary.
mod embedded {
    include!(concat!(env!("OUT_DIR"), "/framework_files.rs"));
}

/// The optional config file (`mprofile.toml` in the working directory, or `--config FILE`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// Store URL or SQLite path.
    pub db: Option<String>,
    /// Data mirror directory.
    pub data: Option<PathBuf>,
    /// Framework directory.
    pub framework: Option<PathBuf>,
    /// Address for `serve`.
    pub addr: Option<String>,
    /// The profile template of a country when `build` is given none, by ISO alpha-3 code
    /// (`[templates]` then `SEN = "wca-2009"`); a country not listed gets `iom-2011`.
    #[serde(default)]
    pub templates: std::collections::BTreeMap<String, String>,
    /// Optional e-mail notifications (`[smtp]`); see [`SmtpConfig`].
    pub smtp: Option<SmtpConfig>,
}

/// `[smtp]` of mprofile.toml: the server that sends members' notifications. Each key may be
/// given by the environment instead (`MPROFILE_SMTP_HOST`, `_PORT`, `_FROM`, `_BASE_URL`),
/// which wins; without a host, no mail is sent.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpConfig {
    /// Server host (a relay such as the organisation's Postfix).
    pub host: Option<String>,
    /// Port (default 25).
    pub port: Option<u16>,
    /// Sender, `mprofile <twg@example.org>`.
    pub from: Option<String>,
    /// The portal's public address, to link from mails.
    pub base_url: Option<String>,
}

impl SmtpConfig {
    /// The mail settings from the environment over this file's section, `None` without a host.
    pub fn resolve(&self, env: impl Fn(&str) -> Option<String>) -> Result<Option<mp_web::mail::MailSettings>> {
        let get = |k: &str, v: &Option<String>| env(&format!("MPROFILE_SMTP_{k}")).filter(|x| !x.trim().is_empty()).or_else(|| v.clone());
        let Some(host) = get("HOST", &self.host) else { return Ok(None) };
        let port = match env("MPROFILE_SMTP_PORT").filter(|x| !x.trim().is_empty()) {
            Some(p) => p.trim().parse().with_context(|| format!("MPROFILE_SMTP_PORT={p} is not a port number"))?,
            None => self.port.unwrap_or(25),
        };
        let from = get("FROM", &self.from).unwrap_or_else(|| "mprofile <mprofile@localhost>".into());
        Ok(Some(mp_web::mail::MailSettings { host, port, from, base_url: get("BASE_URL", &self.base_url).unwrap_or_default() }))
    }
}

/// Resolved settings.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Store URL or SQLite path.
    pub db: String,
    /// Data mirror directory, if any.
    pub data: Option<PathBuf>,
    /// Framework directory; `None` means the copy compiled into the binary.
    pub framework: Option<PathBuf>,
    /// Address for `serve`.
    pub addr: Option<String>,
    /// Template per country from the config file (see [`ConfigFile::templates`]).
    pub templates: std::collections::BTreeMap<String, String>,
    /// Where notification mails go out, if anywhere.
    pub mail: Option<mp_web::mail::MailSettings>,
}

/// The default store: a SQLite file in the working directory.
pub const DEFAULT_DB: &str = "mprofile.db";

impl Settings {
    /// Resolves settings from flags (already merged with environment variables by clap) and the config file.
    pub fn resolve(db: Option<String>, data: Option<PathBuf>, framework: Option<PathBuf>, config: Option<&Path>) -> Result<Settings> {
        let file = match config {
            Some(p) => Some(p.to_path_buf()),
            None => Some(PathBuf::from("mprofile.toml")).filter(|p| p.is_file()),
        };
        let cfg: ConfigFile = match &file {
            Some(p) => {
                let text = std::fs::read_to_string(p).with_context(|| format!("cannot read the config file {}", p.display()))?;
                toml::from_str(&text).with_context(|| {
                    format!("{} is not a valid mprofile config file (keys: db, data, framework, addr, templates, smtp)", p.display())
                })?
            }
            None => ConfigFile::default(),
        };
        let data = data.or(cfg.data).or_else(default_data_dir);
        Ok(Settings {
            db: db.or(cfg.db).unwrap_or_else(|| DEFAULT_DB.to_string()),
            data,
            framework: framework.or(cfg.framework),
            addr: cfg.addr,
            templates: cfg.templates.into_iter().map(|(k, v)| (k.to_ascii_uppercase(), v)).collect(),
            mail: cfg.smtp.unwrap_or_default().resolve(|k| std::env::var(k).ok())?,
        })
    }

    /// The data mirror, or an error saying how to give one.
    pub fn data_dir(&self) -> Result<&Path> {
        match &self.data {
            Some(d) if d.is_dir() => Ok(d),
            Some(d) => bail!("the data directory {} does not exist: pass --data DIR or set MPROFILE_DATA", d.display()),
            None => bail!("no data directory: pass --data DIR (a mirror of the public data, e.g. ../shared/data) or set MPROFILE_DATA"),
        }
    }

    /// The framework files, from `--framework DIR` or the binary.
    pub fn framework_files(&self) -> Result<(FrameworkFiles, String)> {
        match &self.framework {
            Some(dir) => Ok((mp_ingest::framework_dir::read_framework_dir(dir)?, dir.display().to_string())),
            None => Ok((
                embedded::FILES.iter().map(|(p, t)| (p.to_string(), t.to_string())).collect(),
                "the framework built into mprofile".to_string(),
            )),
        }
    }

    /// Loads and checks the framework; with areas when the data mirror is available, so group
    /// codes in formulas are checked too.
    pub fn framework(&self, areas: Option<&AreaRegistry>) -> Result<Framework> {
        let (files, _) = self.framework_files()?;
        Ok(Framework::from_files(&files, areas)?)
    }

    /// Loads the area registry from the data mirror and the framework's areas.toml.
    pub fn areas_from_data(&self) -> Result<AreaRegistry> {
        let (files, origin) = self.framework_files()?;
        let Some((_, areas_toml)) = files.iter().find(|(p, _)| p == "areas.toml") else {
            bail!("{origin} has no areas.toml (the groups and profile countries)");
        };
        Ok(mp_ingest::areas::load(self.data_dir()?, areas_toml, "areas.toml")?)
    }
}

/// A profile template by id (`iom-2011`, `wca-2009`, `regional`) from the binary, or a TOML file path.
pub fn template(id_or_path: &str, fw: &Framework) -> Result<mp_profile::Template> {
    let (name, text) = if id_or_path.ends_with(".toml") {
        (id_or_path.to_string(), std::fs::read_to_string(id_or_path).with_context(|| format!("cannot read the template {id_or_path}"))?)
    } else {
        let file = format!("{id_or_path}.toml");
        match embedded::TEMPLATES.iter().find(|(n, _)| *n == file) {
            Some((n, t)) => (n.to_string(), t.to_string()),
            None => bail!(
                "no template `{id_or_path}`: expected one of {} or a .toml file",
                embedded::TEMPLATES.iter().map(|(n, _)| n.trim_end_matches(".toml")).collect::<Vec<_>>().join(", ")
            ),
        }
    };
    Ok(mp_profile::Template::parse(&name, &text, fw)?)
}

/// `../shared/data` (the mirror beside a checkout) or `shared/data`, when present.
pub fn default_data_dir() -> Option<PathBuf> {
    ["../shared/data", "shared/data"].iter().map(PathBuf::from).find(|p| p.is_dir())
}
