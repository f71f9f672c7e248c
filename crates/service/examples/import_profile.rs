//! The public import end to end, stage by stage, for profiling (`perf record`) and for timing
//! the import without building the whole binary: a fresh SQLite store is created as
//! `mprofile init` does, then the families are imported as `mprofile import` does (read in
//! parallel threads, the validation rules, the store's diff and insert, the quality flags), then
//! imported again (nothing may change). Prints wall and process CPU time per stage.
//!
//! ```text
//! MPROFILE_DATA=../shared/data cargo run --release -p mp-service --example import_profile -- undesa-ims
//! MPROFILE_DATA=../shared/data cargo run --release -p mp-service --example import_profile -- --all
//! ```
//!
//! `--db FILE` keeps the store (default: a temporary file, deleted at the end); `--once` skips
//! the second import.

use mp_domain::Framework;
use mp_ingest::Context;
use mp_ingest::sources::{self, PublicSource};
use mp_quality::rules::RuleSet;
use mp_store::{ImportOptions, Origin, Store};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Process CPU time (user + system, every thread, finished ones included) in seconds, from
/// `/proc/self/stat` (clock ticks of 10 ms).
fn cpu() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The command name may hold spaces; the fields after it are numbers.
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let f: Vec<f64> = rest.split_whitespace().map(|x| x.parse().unwrap_or(0.0)).collect();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    (f.get(11).copied().unwrap_or(0.0) + f.get(12).copied().unwrap_or(0.0)) / 100.0
}

struct Stage {
    wall: Instant,
    cpu: f64,
}

impl Stage {
    fn start() -> Stage {
        Stage { wall: Instant::now(), cpu: cpu() }
    }
    fn end(self, name: &str) -> (f64, f64) {
        let (w, c) = (self.wall.elapsed().as_secs_f64(), cpu() - self.cpu);
        println!("  {name:<28} {w:>7.3} s wall {c:>7.2} s CPU");
        (w, c)
    }
}

fn framework_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../framework")
}

async fn import(db: &str, data: &Path, fams: &[PublicSource]) -> Result<(), Box<dyn std::error::Error>> {
    let all = Stage::start();
    let s = Stage::start();
    let store = Store::open_existing(db).await?;
    let areas = store.area_registry().await?;
    let files = mp_ingest::framework_dir::read_framework_dir(&framework_dir())?;
    let fw = Framework::from_files(&files, Some(&areas))?;
    let ctx = Context::new(&fw, &areas);
    s.end("open, framework, areas");

    let s = Stage::start();
    let reports: Vec<_> = std::thread::scope(|sc| {
        let handles: Vec<_> = fams
            .iter()
            .map(|f| {
                let ctx = &ctx;
                sc.spawn(move || {
                    let t = Instant::now();
                    let r = (f.read)(data, ctx);
                    (f.family, t.elapsed().as_secs_f64(), r)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("a reader panicked")).collect()
    });
    let mut report = mp_ingest::ReadReport::default();
    for (fam, secs, r) in reports {
        println!("    read {fam:<20} {secs:>7.3} s wall");
        report.merge(r?);
    }
    s.end("read (parse, map, check)");

    let s = Stage::start();
    let rules = RuleSet::from_framework_files(&files, &fw)?;
    let checked = mp_service::quality::check_before_store(&store, &rules, &fw, &report.datasets).await?;
    if !checked.passes() {
        return Err(format!("{} rule errors", checked.errors.len()).into());
    }
    s.end("validation rules");

    let s = Stage::start();
    let opts = ImportOptions { dry_run: false, command: "import_profile".into(), origin: Origin::Public };
    let summary = store.import(&report.datasets, &opts, &|_, _| {}).await?;
    s.end("store: diff and write");

    let s = Stage::start();
    let flagged = mp_service::quality::store_flags(&store, &checked.warnings).await?;
    s.end("quality flags");
    store.close().await;
    let (_, c) = all.end("import, total");
    println!(
        "  {} rows read, {} observations: {} added, {} changed, {} unchanged; {flagged} flags; {:.0} rows/s of CPU",
        report.rows_read,
        report.observations(),
        summary.added,
        summary.changed,
        summary.unchanged,
        report.rows_read as f64 / c.max(1e-9)
    );
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (mut names, mut db, mut once, mut every) = (Vec::new(), None, false, false);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--all" => every = true,
            "--once" => once = true,
            "--db" => db = args.next(),
            _ => names.push(a),
        }
    }
    let fams: Vec<PublicSource> = if every {
        sources::catalog()
    } else {
        names.iter().map(|n| sources::find(n).ok_or(format!("unknown family {n}"))).collect::<Result<_, _>>()?
    };
    if fams.is_empty() {
        return Err("give --all or one or more source families".into());
    }
    let data = mp_ingest::framework_dir::default_data_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."))
        .ok_or("no data: set MPROFILE_DATA")?;
    let tmp = tempfile::tempdir()?;
    let db = db.unwrap_or_else(|| tmp.path().join("profile.db").display().to_string());

    println!("init (as `mprofile init`)");
    let s = Stage::start();
    let files = mp_ingest::framework_dir::read_framework_dir(&framework_dir())?;
    let areas_toml = files.iter().find(|(p, _)| p == "areas.toml").map(|(_, t)| t.clone()).ok_or("no areas.toml")?;
    let areas = mp_ingest::areas::load(&data, &areas_toml, "areas.toml")?;
    let fw = Framework::from_files(&files, Some(&areas))?;
    let store = Store::open(&db).await?;
    store.load_framework(&fw, &areas).await?;
    store.close().await;
    s.end("init");

    println!("import (as `mprofile import`)");
    import(&db, &data, &fams).await?;
    if !once {
        println!("import again (nothing may change)");
        import(&db, &data, &fams).await?;
    }
    Ok(())
}
