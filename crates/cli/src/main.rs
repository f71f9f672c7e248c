//! The `mprofile` command-line tool: parses arguments, calls the crates, prints.

mod cmd;
mod output;
mod pipe;
mod settings;

use anyhow::Result;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

const EXAMPLES: &str = "\
Examples:
  mprofile init                                  create the store (mprofile.db) and load framework and areas
  mprofile framework list --theme T04 --lang fr  indicators of a theme, in French
  mprofile framework show IMM.STOCK              one indicator in full
  mprofile areas --format json                   every country and group, as JSON
  mprofile import --all --mirror ../shared/data  bring in every public source
  mprofile data query --indicator IMM.STOCK --area SEN --period 2020
  mprofile demo                                  real data in, every profile out
  mprofile --db postgres://user:pw@localhost/mprofile doctor

The store is chosen by --db (a SQLite path or a postgres:// URL), MPROFILE_DB, or `db` in
./mprofile.toml; the default is ./mprofile.db.";

/// Prepare and publish national Migration Profiles from a store of migration data.
#[derive(Parser)]
#[command(name = "mprofile", version, about, after_help = EXAMPLES)]
struct Cli {
    /// Store: a SQLite file path or a postgres:// URL.
    #[arg(long, global = true, env = "MPROFILE_DB")]
    db: Option<String>,
    /// Directory holding the public data mirror (country codes and publishers' files).
    #[arg(long, global = true, env = "MPROFILE_DATA")]
    data: Option<PathBuf>,
    /// Framework directory to use instead of the one built into mprofile.
    #[arg(long, global = true, env = "MPROFILE_FRAMEWORK")]
    framework: Option<PathBuf>,
    /// Config file (default: ./mprofile.toml when present).
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    cmd: cmd::Command,
}

fn main() -> ExitCode {
    pipe::exit_quietly_on_broken_pipe();
    let cli = Cli::parse();
    // The server writes one JSON line per request (structured logs); other commands only warn,
    // in plain text. usvg's notes about chart shapes are not the reader's business.
    let serving = matches!(cli.cmd, cmd::Command::Serve(_));
    let filter = tracing_subscriber::EnvFilter::try_from_env("MPROFILE_LOG").unwrap_or_else(|_| {
        tracing_subscriber::EnvFilter::new(if serving { "info,sqlx=error,usvg=error" } else { "warn,sqlx=error,usvg=error" })
    });
    let logs = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    if serving {
        logs.json().init();
    } else {
        logs.init();
    }
    let run = || -> Result<ExitCode> {
        let settings = settings::Settings::resolve(cli.db, cli.data, cli.framework, cli.config.as_deref())?;
        let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
        rt.block_on(cmd::run(cli.cmd, settings))
    };
    match run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            for cause in e.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::from(2)
        }
    }
}

/// Keeps `Subcommand` in scope for the derive in `cmd`.
#[allow(dead_code)]
fn _assert_subcommand<T: Subcommand>() {}
