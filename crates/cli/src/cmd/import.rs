//! `import` and `fetch`: bring public sources and national submissions into the store, all or nothing.

use crate::settings::Settings;
use anyhow::{Context as _, Result, bail};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use mp_ingest::sources::{self, PublicSource};
use mp_ingest::{Context, IngestError, ReadReport};
use mp_store::{ImportOptions, Origin, Store};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// `mprofile import …`
#[derive(Args)]
pub struct ImportArgs {
    /// Import every public source family.
    #[arg(long)]
    pub all: bool,
    /// Import these public source families (see `mprofile import --list`).
    #[arg(long = "source", value_name = "FAMILY")]
    pub sources: Vec<String>,
    /// List the public source families and their files.
    #[arg(long)]
    pub list: bool,
    /// Directory holding the public files (default: --data, MPROFILE_DATA or ../shared/data).
    #[arg(long)]
    pub mirror: Option<PathBuf>,
    /// Show what would be added, changed or rejected, and change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// National files to import: a filled XLSX template, SDMX-CSV, or a long CSV with --mapping.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Column mapping (TOML) for long CSV files.
    #[arg(long)]
    pub mapping: Option<PathBuf>,
    /// Source code for SDMX-CSV or template files (overrides the dataflow or template fields).
    #[arg(long)]
    pub source_code: Option<String>,
    /// Vintage for SDMX-CSV or template files.
    #[arg(long)]
    pub vintage: Option<String>,
    /// No progress bars.
    #[arg(long, short)]
    pub quiet: bool,
    /// Largest national file accepted, in MB (default 16; memory use is bounded near 33 times
    /// the file, see BENCHMARKS.md). Public sources are read by their own adapters.
    #[arg(long, env = "MPROFILE_MAX_FILE_MB", value_parser = clap::value_parser!(u64).range(1..=1024))]
    pub max_file_mb: Option<u64>,
}

/// `mprofile fetch …`
#[derive(Args)]
pub struct FetchArgs {
    /// Take the files from this directory (a mirror of the publishers' files) instead of downloading.
    #[arg(long)]
    pub mirror: Option<PathBuf>,
    /// Cache directory the files are placed in.
    #[arg(long, default_value = ".mprofile/cache")]
    pub cache: PathBuf,
    /// Only these families.
    #[arg(long = "source", value_name = "FAMILY")]
    pub sources: Vec<String>,
}

fn families(all: bool, names: &[String]) -> Result<Vec<PublicSource>> {
    if all {
        return Ok(sources::catalog());
    }
    names
        .iter()
        .map(|n| {
            sources::find(n).with_context(|| {
                format!(
                    "unknown source family `{n}`: expected one of {}",
                    sources::catalog().iter().map(|s| s.family).collect::<Vec<_>>().join(", ")
                )
            })
        })
        .collect()
}

fn bar(quiet: bool, len: u64, msg: &str) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::new(len);
    pb.set_style(
        ProgressStyle::with_template("{msg:>12} [{bar:40}] {pos}/{len} {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    pb.set_message(msg.to_string());
    pb
}

/// Reads public families in parallel threads; returns every report or every problem.
pub fn read_public(dir: &Path, ctx: &Context, fams: &[PublicSource], quiet: bool) -> Result<(ReadReport, Vec<(String, f64)>), IngestError> {
    let pb = bar(quiet, fams.len() as u64, "reading");
    let results: Vec<(String, f64, Result<ReadReport, IngestError>)> = std::thread::scope(|s| {
        let handles: Vec<_> = fams
            .iter()
            .map(|f| {
                let pb = pb.clone();
                s.spawn(move || {
                    let t = Instant::now();
                    let r = (f.read)(dir, ctx);
                    pb.inc(1);
                    (f.family.to_string(), t.elapsed().as_secs_f64(), r)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join().unwrap_or_else(|_| ("?".into(), 0.0, Err(IngestError::one(mp_ingest::Problem::file("?", "an importer panicked")))))
            })
            .collect()
    });
    pb.finish_and_clear();
    let mut report = ReadReport::default();
    let mut errors: Option<IngestError> = None;
    let mut times = Vec::new();
    for (fam, secs, r) in results {
        times.push((fam, secs));
        match r {
            Ok(r) => report.merge(r),
            Err(e) => match &mut errors {
                Some(all) => all.merge(e),
                None => errors = Some(e),
            },
        }
    }
    match errors {
        Some(e) => Err(e),
        None => Ok((report, times)),
    }
}

/// Runs `import`.
pub async fn import(s: &Settings, a: ImportArgs) -> Result<ExitCode> {
    if a.list {
        for f in sources::catalog() {
            println!("{:<18} {}", f.family, f.title);
            for file in f.files {
                println!("{:<18}   {}", "", file.path);
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    if !a.all && a.sources.is_empty() && a.files.is_empty() {
        bail!("nothing to import: give --all, --source FAMILY or national FILEs (see `mprofile import --help`)");
    }
    let public = a.all || !a.sources.is_empty();
    if public && !a.files.is_empty() {
        bail!(
            "public sources and national files are imported by separate commands: run `mprofile import --source …` and `mprofile import FILE…` one after the other"
        );
    }
    let store = Store::open_existing(&s.db).await?;
    let areas = store.area_registry().await?;
    let fw = s.framework(Some(&areas))?;
    let mut ctx = Context::new(&fw, &areas);
    if let Some(mb) = a.max_file_mb {
        ctx.limits.max_file_bytes = mb * 1024 * 1024;
    }
    let started = Instant::now();
    let mut report = ReadReport::default();
    let mut times = Vec::new();
    let mut problems: Option<IngestError> = None;
    let mut registry = Vec::new();
    if a.all || !a.sources.is_empty() {
        let fams = families(a.all, &a.sources)?;
        let dir = match &a.mirror {
            Some(m) => m.clone(),
            None => s.data_dir()?.to_path_buf(),
        };
        // The registry's public sources are read with the others, so a damaged file stops
        // the whole import before anything is written.
        if a.all {
            match super::registry::read_public(&dir, &ctx) {
                Ok(r) => registry = r,
                Err(e) => problems = Some(e),
            }
        }
        match read_public(&dir, &ctx, &fams, a.quiet) {
            Ok((r, t)) => {
                report.merge(r);
                times = t;
            }
            Err(e) => match &mut problems {
                Some(p) => p.merge(e),
                None => problems = Some(e),
            },
        }
    }
    for f in &a.files {
        let r = super::national::read_file(f, a.mapping.as_deref(), a.source_code.as_deref(), a.vintage.as_deref(), &ctx);
        match r {
            Ok(r) => report.merge(r),
            Err(e) => match &mut problems {
                Some(p) => p.merge(e),
                None => problems = Some(e),
            },
        }
    }
    if let Some(e) = problems {
        eprint!("{e}");
        eprintln!("The store was not changed.");
        return Ok(ExitCode::from(1));
    }
    let Some(warnings) = super::quality::before_store(&store, s, &fw, &report).await? else {
        return Ok(ExitCode::from(1));
    };
    let read_secs = started.elapsed().as_secs_f64();
    let total = report.observations() as u64;
    let pb = bar(a.quiet, total, if a.dry_run { "checking" } else { "writing" });
    if public && let Some(ds) = report.datasets.iter().find(|d| !sources::PUBLIC_SOURCE_CODES.contains(&d.source.code.as_str())) {
        bail!(
            "the public adapter wrote source `{}`, which is missing from mp_ingest::sources::PUBLIC_SOURCE_CODES: add it there; nothing was imported",
            ds.source.code
        );
    }
    let command = mp_store::redact(&std::env::args().collect::<Vec<_>>().join(" "));
    let origin = if public { Origin::Public } else { Origin::National };
    let t = Instant::now();
    let summary =
        store.import(&report.datasets, &ImportOptions { dry_run: a.dry_run, command, origin }, &|done, _| pb.set_position(done)).await?;
    pb.finish_and_clear();
    // The store recorded the import in the audit trail, in the import's own transaction.
    let flagged = if a.dry_run { 0 } else { super::quality::after_store(&store, &warnings).await? };
    let write_secs = t.elapsed().as_secs_f64();

    println!("{:<24} {:<10} {:>10} {:>9} {:>8} {:>10}", "source", "vintage", "obs.", "added", "changed", "unchanged");
    for d in &summary.datasets {
        println!("{:<24} {:<10} {:>10} {:>9} {:>8} {:>10}", d.source_code, d.vintage, d.observations, d.added, d.changed, d.unchanged);
    }
    println!();
    println!("rows read      {}", report.rows_read);
    println!("observations   {total} ({} added, {} changed, {} unchanged)", summary.added, summary.changed, summary.unchanged);
    let rejected: u64 = report.skipped.iter().map(|s| s.rows).sum();
    println!("rejected rows  {rejected}{}", if rejected > 0 { ", each with its reason:" } else { "" });
    for sk in &report.skipped {
        println!("  {:>9}  {}", sk.rows, sk.reason);
    }
    println!(
        "quality        {} warnings of the validation rules{}",
        warnings.len(),
        if a.dry_run { String::new() } else { format!(", {flagged} stored with their figures (`mprofile quality flags`)") }
    );
    if !times.is_empty() {
        let rate = if read_secs > 0.0 { report.rows_read as f64 / read_secs } else { 0.0 };
        println!("time           read {read_secs:.1} s ({rate:.0} rows/s), write {write_secs:.1} s");
        for (fam, secs) in &times {
            println!("  {fam:<18} {secs:.2} s");
        }
    }
    if !registry.is_empty() {
        println!("{}", super::registry::write(&store, &fw, &areas, &registry, a.dry_run).await?);
    }
    if a.dry_run {
        println!("dry run: nothing was written");
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs `fetch`: places every file of the families in the cache, checked against its checksum.
pub async fn fetch(s: &Settings, a: FetchArgs) -> Result<ExitCode> {
    use sha2_check::sha256_file;
    let fams = families(a.sources.is_empty(), &a.sources)?;
    let mirror = a.mirror.clone().or_else(|| s.data.clone());
    let mut failed = 0;
    for f in &fams {
        for file in f.files {
            let dest = a.cache.join(file.path);
            let expected = PublicSource::expected(file.path);
            if dest.is_file() && expected.is_some_and(|(_, sha)| sha256_file(&dest).ok().as_deref() == Some(sha)) {
                println!("ok       {}", file.path);
                continue;
            }
            if let Some(parent) = dest.parent() {
                std::fs::create_dir_all(parent)?;
            }
            let got = match &mirror {
                Some(m) if m.join(file.path).is_file() => {
                    std::fs::copy(m.join(file.path), &dest).map(|_| "mirror").map_err(|e| e.to_string())
                }
                _ if file.converted => Err("converted from R data; take it from a mirror (--mirror DIR)".to_string()),
                _ => download(file.url, &dest).map(|_| "download"),
            };
            match (got, expected) {
                (Ok(how), Some((_, sha))) => {
                    let actual = sha256_file(&dest)?;
                    if actual == sha {
                        println!("{how:<8} {}", file.path);
                    } else {
                        failed += 1;
                        let _ = std::fs::remove_file(&dest);
                        println!("FAIL     {}: checksum {actual}, expected {sha}", file.path);
                    }
                }
                (Ok(how), None) => println!("{how:<8} {} (no checksum known)", file.path),
                (Err(e), _) => {
                    failed += 1;
                    println!("FAIL     {}: {e}", file.path);
                }
            }
        }
    }
    println!("cache: {}", a.cache.display());
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Downloads with curl when the machine is online (publishers' servers are not always reachable;
/// a mirror is the dependable path).
fn download(url: &str, dest: &Path) -> Result<(), String> {
    let out = std::process::Command::new("curl")
        .args(["-fsSL", "--max-time", "120", "-o"])
        .arg(dest)
        .arg(url)
        .output()
        .map_err(|e| format!("cannot run curl ({e})"))?;
    if out.status.success() { Ok(()) } else { Err(format!("download failed from {url}: {}", String::from_utf8_lossy(&out.stderr).trim())) }
}

mod sha2_check {
    /// SHA-256 of a file, hex.
    pub fn sha256_file(p: &std::path::Path) -> anyhow::Result<String> {
        let bytes = std::fs::read(p)?;
        Ok(mp_ingest::files::InputFile::from_bytes("", bytes).sha256)
    }
}
