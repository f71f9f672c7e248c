//! `registry`: the governance registries (instruments and their status per country,
//! institutions, projects), and the indicators derived from them.

use crate::settings::Settings;
use anyhow::Result;
use clap::Subcommand;
use mp_domain::{AreaCode, AreaRegistry, Framework, Lang, RegistryImport};
use mp_ingest::Context;
use mp_store::{Actor, ImportOptions, RegistrySummary, Store};
use std::path::Path;
use std::process::ExitCode;

/// `mprofile registry …`
#[derive(Subcommand)]
pub enum RegistryCmd {
    /// List what the registries hold (every profile country, or --area).
    List {
        /// Only these countries (ISO alpha-3).
        #[arg(long)]
        area: Vec<String>,
        /// Language of the instrument titles.
        #[arg(long, default_value = "en")]
        lang: Lang,
    },
    /// Write the registry workbook (XLSX) for offline work: what the registries hold, and a
    /// `source` sheet to fill before importing it back.
    Export {
        /// Output format (only xlsx).
        #[arg(long, default_value = "xlsx")]
        format: String,
        /// The file to write.
        #[arg(long, short)]
        out: std::path::PathBuf,
        /// Only these countries (ISO alpha-3).
        #[arg(long)]
        area: Vec<String>,
    },
    /// Import registry files, all or nothing: IATI activity files (XML, standard 2.03) and the
    /// IATI datastore activity CSV export are written to the registry as their publishers'
    /// sources; the registry workbook (XLSX) becomes changes proposed by the `--as` member,
    /// reviewed in the workspace like the browser's (approved by another member, published by
    /// the secretariat), unless `--public` says it holds public treaty data under a source of
    /// its own. Every import is in the audit trail, as the `--as` member or the operator.
    Import {
        /// The files.
        #[arg(value_name = "FILE", required = true)]
        files: Vec<std::path::PathBuf>,
        /// Vintage (default: the date the IATI XML file was generated, or the newest
        /// last-updated date of an IATI CSV export).
        #[arg(long)]
        vintage: Option<String>,
        /// Check everything and change nothing.
        #[arg(long)]
        dry_run: bool,
        /// The workspace member (sign-in name) on whose behalf the files are imported: recorded
        /// in the audit trail, and the proposer of a workbook's changes (required for them).
        #[arg(long = "as", value_name = "LOGIN")]
        as_login: Option<String>,
        /// The workbook holds public treaty data under the source its `source` sheet names:
        /// write it to the registry directly instead of proposing its rows for review.
        #[arg(long)]
        public: bool,
    },
    /// Import the public treaty data (UN human rights treaties) and re-derive the T01/T13
    /// indicators; `import --all` does this too.
    ImportPublic {
        /// Directory holding the public files (default: --data, MPROFILE_DATA or ../shared/data).
        #[arg(long)]
        mirror: Option<std::path::PathBuf>,
        /// Check everything and change nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

/// Runs a `registry` subcommand.
pub async fn run(s: &Settings, c: RegistryCmd) -> Result<ExitCode> {
    match c {
        RegistryCmd::List { area, lang } => list(s, &area, lang).await,
        RegistryCmd::Export { format, out, area } => {
            if !format.eq_ignore_ascii_case("xlsx") {
                anyhow::bail!("unknown format `{format}`: expected xlsx");
            }
            let store = Store::open_existing(&s.db).await?;
            let areas: Vec<AreaCode> = area.iter().map(|a| AreaCode::parse(&a.to_ascii_uppercase())).collect::<Result<_, _>>()?;
            let view = store.registry_view(&areas).await?;
            let bytes = mp_export::registry_workbook::write(&view)?;
            std::fs::write(&out, bytes).map_err(|e| anyhow::anyhow!("cannot write {}: {e}", out.display()))?;
            println!(
                "{}: {} statuses, {} institutions, {} projects; fill the `source` sheet before importing entries back",
                out.display(),
                view.ratifications.len(),
                view.institutions.len(),
                view.projects.len()
            );
            Ok(ExitCode::SUCCESS)
        }
        RegistryCmd::Import { files, vintage, dry_run, as_login, public } => {
            let store = Store::open_existing(&s.db).await?;
            let areas = store.area_registry().await?;
            let fw = s.framework(Some(&areas))?;
            let ctx = Context::new(&fw, &areas);
            let actor = match &as_login {
                Some(login) => member(&store, login).await?,
                None => Actor::cli(),
            };
            let is_workbook =
                |f: &std::path::PathBuf| f.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
            if !public && files.iter().any(is_workbook) {
                if !files.iter().all(is_workbook) {
                    anyhow::bail!("workbooks are proposed for review on their own: import the IATI files in another command");
                }
                return propose_workbooks(&store, &fw, &areas, &files, &actor, dry_run).await;
            }
            let mut imports = Vec::new();
            let mut problems: Option<mp_ingest::IngestError> = None;
            for f in &files {
                let r = read_file(f, &ctx, vintage.as_deref());
                match r {
                    Ok(i) => imports.extend(i),
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
            let sum = write_as(&store, &fw, &areas, &imports, dry_run, &actor).await?;
            println!("{sum}");
            Ok(ExitCode::SUCCESS)
        }
        RegistryCmd::ImportPublic { mirror, dry_run } => {
            let store = Store::open_existing(&s.db).await?;
            let areas = store.area_registry().await?;
            let fw = s.framework(Some(&areas))?;
            let dir = match mirror {
                Some(m) => m,
                None => s.data_dir()?.to_path_buf(),
            };
            let imports = match read_public(&dir, &Context::new(&fw, &areas)) {
                Ok(i) => i,
                Err(e) => {
                    eprint!("{e}");
                    eprintln!("The store was not changed.");
                    return Ok(ExitCode::from(1));
                }
            };
            let sum = write(&store, &fw, &areas, &imports, dry_run).await?;
            println!("{sum}");
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Reads one registry file, by its kind (an IATI CSV export may hold several reporting
/// organisations, each its own source).
fn read_file(path: &Path, ctx: &Context, vintage: Option<&str>) -> Result<Vec<RegistryImport>, mp_ingest::IngestError> {
    let display = path.display().to_string();
    let input = mp_ingest::files::InputFile::read(path, &display)?;
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("xml") => mp_ingest::registry::iati::read(&input, ctx, vintage).map(|i| vec![i]),
        Some("csv") => mp_ingest::registry::iati_csv::read(&input, ctx, vintage),
        Some("xlsx") => mp_ingest::registry::workbook::read(&input, ctx).map(|i| vec![i]),
        _ => Err(mp_ingest::IngestError::one(mp_ingest::Problem::file(
            &display,
            "expected an IATI activity file (.xml), the IATI datastore activity CSV export (.csv) or the registry workbook (.xlsx, see `mprofile registry export`)",
        ))),
    }
}

/// Reads the public registry sources (today the UN human rights treaty status files).
pub fn read_public(dir: &Path, ctx: &Context) -> Result<Vec<RegistryImport>, mp_ingest::IngestError> {
    Ok(vec![mp_ingest::registry::treaties::read(dir, ctx)?])
}

/// Stores registry imports (one transaction), then re-derives the indicators computed from the
/// registry (another import of the derived dataset), so they never lag behind the entries.
pub async fn write(
    store: &Store,
    fw: &Framework,
    areas: &AreaRegistry,
    imports: &[RegistryImport],
    dry_run: bool,
) -> Result<RegistrySummary> {
    write_as(store, fw, areas, imports, dry_run, &Actor::cli()).await
}

/// [`write`], recorded in the audit trail as `actor`.
async fn write_as(
    store: &Store,
    fw: &Framework,
    areas: &AreaRegistry,
    imports: &[RegistryImport],
    dry_run: bool,
    actor: &Actor,
) -> Result<RegistrySummary> {
    let command = std::env::args().collect::<Vec<_>>().join(" ");
    let opts = ImportOptions { dry_run, command: command.clone(), origin: mp_store::Origin::Public };
    let sum = store.import_registry_as(imports, &opts, actor).await?;
    if !dry_run {
        let list: Vec<AreaCode> = areas.profile_countries().iter().map(|a| a.code.clone()).collect();
        let view = store.registry_view(&list).await?;
        let year = mp_service::today().get(..4).and_then(|y| y.parse().ok()).unwrap_or(2026);
        let ds = mp_service::registry::derived_dataset(&view, fw, &list, year);
        let derived =
            store.import_as(&[ds], &ImportOptions { dry_run, command, origin: mp_store::Origin::Public }, &|_, _| {}, actor).await?;
        println!("derived indicators ({}): {derived}", mp_service::registry::SOURCE);
    }
    Ok(sum)
}

async fn list(s: &Settings, area: &[String], lang: Lang) -> Result<ExitCode> {
    let store = Store::open_existing(&s.db).await?;
    let areas: Vec<AreaCode> = area.iter().map(|a| AreaCode::parse(&a.to_ascii_uppercase())).collect::<Result<_, _>>()?;
    let view = store.registry_view(&areas).await?;
    let title = |c: &mp_domain::InstrumentCode| {
        view.instrument(c).map(|i| format!("{} {}", i.short, i.title.get(lang))).unwrap_or_else(|| c.to_string())
    };
    println!("instruments and their status ({})", view.ratifications.len());
    for r in &view.ratifications {
        let e = &r.entry;
        let year = e.year.map(|y| y.to_string()).unwrap_or_default();
        println!("  {:<4} {:<16} {:<5} {}  [{} {}]", e.area, e.status, year, title(&e.instrument), r.source, r.at);
    }
    println!("institutions ({})", view.institutions.len());
    for i in &view.institutions {
        println!("  {:<4} {}  [{} {}]", i.entry.area, i.entry.name, i.source, i.at);
    }
    println!("projects ({})", view.projects.len());
    for p in &view.projects {
        let c: Vec<&str> = p.entry.countries.iter().map(|a| a.as_str()).collect();
        println!("  {:<24} {}  ({})  [{} {}]", p.entry.identifier, p.entry.title, c.join(" "), p.source, p.at);
    }
    Ok(ExitCode::SUCCESS)
}

/// The workspace member `login`, as the audit trail records them.
async fn member(store: &Store, login: &str) -> Result<Actor> {
    let u = store
        .user_auth(login)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no workspace member signs in as `{login}` (see `mprofile user list`)"))?;
    if u.disabled {
        anyhow::bail!("the account `{login}` is disabled");
    }
    Ok(Actor { id: Some(u.id), name: u.login })
}

/// Reads registry workbooks for review and proposes their changes as `actor`, who must be a
/// member allowed to propose changes to each country's registry: the same proposals, checks
/// and audit rows as the workspace's upload, then approved and published in the workspace.
async fn propose_workbooks(
    store: &Store,
    fw: &Framework,
    areas: &AreaRegistry,
    files: &[std::path::PathBuf],
    actor: &Actor,
    dry_run: bool,
) -> Result<ExitCode> {
    let Some(user) = actor.id else {
        anyhow::bail!(
            "a workbook's changes are proposed by a workspace member for review: give --as LOGIN (or --public for a workbook of public treaty data under its own source)"
        );
    };
    let memberships = store.memberships(user).await?;
    let orgs: std::collections::HashSet<String> = store.orgs().await?.into_iter().map(|o| o.code).collect();
    let ctx = Context::new(fw, areas);
    let own = |s: &str| mp_service::registry_workbook::workspace_source_country(s).is_some();
    let mut failed = false;
    let mut all = Vec::new();
    for f in files {
        // Only the file name is recorded (in the audit trail): the directory is the operator's business.
        let display = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| f.display().to_string());
        let read = mp_ingest::files::InputFile::read(f, &display)
            .and_then(|input| mp_ingest::registry::workbook::read_entries(&input, &ctx, &own).map(|e| (input.info(), e)));
        let (info, entries) = match read {
            Ok(x) => x,
            Err(e) => {
                eprint!("{e}");
                failed = true;
                continue;
            }
        };
        match mp_service::registry_workbook::proposals(store, &entries, &memberships, &orgs).await? {
            Ok(p) => all.push((info, p)),
            Err(r) => {
                for p in &r.problems {
                    let at = [("sheet", &p.sheet), ("row", &p.row), ("column", &p.column)]
                        .iter()
                        .filter(|(_, v)| !v.is_empty())
                        .map(|(k, v)| format!("{k} {v}"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    let value = if p.value.is_empty() { String::new() } else { format!(" `{}`", p.value) };
                    eprintln!("{display}: {at}:{value} expected {}", p.expected);
                }
                failed = true;
            }
        }
    }
    if failed {
        eprintln!("Nothing was proposed.");
        return Ok(ExitCode::from(1));
    }
    for (info, planned) in &all {
        let what = planned.iter().map(|p| format!("{} {} {}", p.change.kind(), p.area, p.change.key())).collect::<Vec<_>>();
        if dry_run {
            println!("{}: {} change(s) would be proposed by {}: {}", info.path, planned.len(), actor.name, what.join("; "));
            continue;
        }
        if !planned.is_empty() {
            let origin = format!("workbook {}, sha256 {}, from the command line", info.path, info.sha256);
            store.registry_propose_all(actor, planned, &origin).await?;
        }
        println!(
            "{}: {} change(s) proposed by {}{}; a chair or the secretariat approves them and the secretariat publishes them in the workspace (/ws/registry)",
            info.path,
            planned.len(),
            actor.name,
            if what.is_empty() { String::new() } else { format!(" ({})", what.join("; ")) }
        );
    }
    Ok(ExitCode::SUCCESS)
}
