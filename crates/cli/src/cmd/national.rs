//! National files given to `import`, and the XLSX submission template.

use crate::output;
use crate::settings::Settings;
use anyhow::{Context as _, Result, bail};
use clap::Args;
use mp_domain::{Lang, ThemeCode};
use mp_export::template::write_template;
use mp_ingest::files::InputFile;
use mp_ingest::national::longcsv::{Mapping, read_long_csv};
use mp_ingest::national::sdmx::{SdmxOverrides, read_sdmx_csv};
use mp_ingest::national::template::read_template;
use mp_ingest::{Context, IngestError, Problem, ReadReport};
use mp_store::Store;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Reads one national file: `.xlsx` (a filled submission template), SDMX-CSV (first header
/// `DATAFLOW` or `STRUCTURE`), or a long CSV described by a mapping.
pub fn read_file(
    path: &Path,
    mapping: Option<&Path>,
    source: Option<&str>,
    vintage: Option<&str>,
    ctx: &Context,
) -> Result<ReadReport, IngestError> {
    // Only the file name is recorded: provenance is published (API, sources page), and the
    // directory a file was imported from is the importer's private business.
    let shown = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string());
    // Refused before it is read into memory.
    if let Ok(m) = std::fs::metadata(path)
        && m.len() > ctx.limits.max_file_bytes
    {
        return Err(IngestError::one(Problem::file(
            &shown,
            format!(
                "the file is {}: expected at most {}",
                mp_ingest::limits::megabytes(m.len()),
                mp_ingest::limits::megabytes(ctx.limits.max_file_bytes)
            ),
        )));
    }
    let file = InputFile::read(path, &shown)?;
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    if ext == "xlsx" {
        return read_template(&file, ctx);
    }
    if let Some(m) = mapping {
        let text = std::fs::read_to_string(m)
            .map_err(|e| IngestError::one(Problem::file(&m.display().to_string(), format!("cannot read the mapping ({e})"))))?;
        let mapping = Mapping::from_toml(&text, &m.display().to_string())?;
        return read_long_csv(&file, &mapping, ctx);
    }
    let head = file.bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&file.bytes);
    let first: String = String::from_utf8_lossy(&head[..head.len().min(64)]).to_ascii_uppercase();
    if first.starts_with("DATAFLOW") || first.starts_with("STRUCTURE") {
        let mut o = SdmxOverrides { vintage: vintage.map(str::to_string), ..SdmxOverrides::default() };
        if let Some(code) = source {
            o.source = Some(mp_domain::SourceInfo {
                code: code.to_string(),
                name: code.to_string(),
                publisher: String::new(),
                licence: String::new(),
                url: String::new(),
            });
        }
        return read_sdmx_csv(&file, ctx, &o);
    }
    Err(IngestError::one(Problem::file(
        &shown,
        "cannot tell what this file is: expected a filled submission template (.xlsx), SDMX-CSV (first column DATAFLOW or STRUCTURE), or a long CSV with --mapping FILE",
    )))
}

/// `mprofile template …`
#[derive(Args)]
pub struct TemplateArgs {
    /// Country the template is for (ISO alpha-3).
    #[arg(long)]
    pub country: String,
    /// Only the indicators of this theme (default: every theme).
    #[arg(long)]
    pub theme: Option<ThemeCode>,
    /// Language of the instructions, labels and drop-down lists.
    #[arg(long)]
    pub lang: Option<Lang>,
    /// Output file (default: template-<COUNTRY>-<theme>-<lang>.xlsx).
    #[arg(long, short)]
    pub out: Option<PathBuf>,
}

/// Writes an XLSX submission template for a data provider.
pub async fn template(s: &Settings, a: TemplateArgs) -> Result<ExitCode> {
    let store = Store::open_existing(&s.db).await?;
    let areas = store.area_registry().await?;
    let fw = s.framework(Some(&areas))?;
    let area = areas.find(&a.country).with_context(|| format!("unknown country `{}`", a.country))?;
    // The country's own framework: its national indicators get their sheets too.
    let fw = mp_service::national::country_framework(&store, &fw, &area.code).await?;
    if let Some(t) = &a.theme
        && fw.theme(t).is_none()
    {
        bail!("unknown theme {t}: expected T01 to T14");
    }
    let lang = a.lang.or(area.profile_language).unwrap_or(Lang::En);
    let bytes = write_template(&fw, &areas, &area.code, a.theme.as_ref(), lang)?;
    let out = a.out.unwrap_or_else(|| {
        PathBuf::from(format!(
            "template-{}-{}-{}.xlsx",
            area.code,
            a.theme.as_ref().map(|t| t.to_string()).unwrap_or_else(|| "all".into()),
            lang
        ))
    });
    std::fs::write(&out, &bytes).with_context(|| format!("cannot write {}", out.display()))?;
    println!(
        "wrote {} ({} KB): fill it in Excel or LibreOffice, then `mprofile import {}`",
        out.display(),
        bytes.len() / 1024,
        out.display()
    );
    let _ = output::Format::Table;
    Ok(ExitCode::SUCCESS)
}
