//! One module per group of subcommands.

mod data;
mod draft;
mod extension;
pub(crate) mod forecast;
mod forecast_scenario;
mod guide;
mod handbook;
mod health;
mod import;
mod meeting;
mod national;
mod profile;
pub(crate) mod quality;
mod registry;
mod serve;
mod setup;
mod workspace;

use crate::output::Format;
use crate::settings::Settings;
use anyhow::Result;
use clap::Subcommand;
use std::process::ExitCode;

/// The subcommands.
#[derive(Subcommand)]
pub enum Command {
    /// Create the store (or upgrade it) and load the framework and areas; safe to run again.
    Init,
    /// List or show the indicator framework.
    #[command(subcommand)]
    Framework(setup::FrameworkCmd),
    /// List countries and groups of areas.
    Areas {
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
        /// Language of the names shown in the table.
        #[arg(long, default_value = "en")]
        lang: mp_domain::Lang,
    },
    /// Check the store, the framework and the data mirror, and say what is wrong.
    Doctor,
    /// Import public sources (--all, --source) or national files, all or nothing.
    Import(import::ImportArgs),
    /// Place the public files in a local cache, checked against their checksums.
    Fetch(import::FetchArgs),
    /// Query the store.
    #[command(subcommand)]
    Data(data::DataCmd),
    /// Build profiles (HTML, PDF) from the store.
    Build(profile::BuildArgs),
    /// The whole job: a fresh store, every public source, every profile and the regional report.
    Demo(profile::DemoArgs),
    /// Freeze, list and compare editions of a profile.
    #[command(subcommand)]
    Edition(profile::EditionCmd),
    /// Set or read the narrative the Technical Working Group writes for each section.
    #[command(subcommand)]
    Narrative(profile::NarrativeCmd),
    /// Serve the web portal and JSON API.
    Serve(serve::ServeArgs),
    /// Write an XLSX submission template for a data provider.
    Template(national::TemplateArgs),
    /// Write the indicator handbook (HTML and PDF, EN/FR/PT) from the framework.
    Handbook(handbook::HandbookArgs),
    /// Write each organisation's data-collection guide for a country (HTML and PDF, EN/FR/PT), or set the edition's deadline.
    Guide(guide::GuideArgs),
    /// Accounts of the TWG workspace: add, list, disable, enable, reset a password.
    #[command(subcommand)]
    User(workspace::UserCmd),
    /// Organisations (ministries, statistics office, agencies) whose users submit figures.
    #[command(subcommand)]
    Org(workspace::OrgCmd),
    /// A country's Technical Working Group.
    #[command(subcommand)]
    Twg(workspace::TwgCmd),
    /// Roles of users in a TWG.
    #[command(subcommand)]
    Member(workspace::MemberCmd),
    /// Check or print the audit trail.
    #[command(subcommand)]
    Audit(workspace::AuditCmd),
    /// Copy the SQLite store to a file while it is in use (PostgreSQL: pg_dump).
    Backup(workspace::BackupArgs),
    /// Put a backup in place of the SQLite store (PostgreSQL: pg_restore).
    Restore(workspace::RestoreArgs),
    /// Data quality: validation rules over the store, stored warnings and their reviews,
    /// conflicts between sources, outliers and mirror statistics.
    #[command(subcommand)]
    Quality(quality::QualityCmd),
    /// The governance registries: instruments and ratifications, institutions, projects.
    #[command(subcommand)]
    Registry(registry::RegistryCmd),
    /// Forecast the ten countries' migration series and backtest every method.
    #[command(subcommand)]
    Forecast(forecast::ForecastCmd),
    /// Meetings and workshops recorded in the workspace, and their reports.
    #[command(subcommand)]
    Meeting(meeting::MeetingCmd),
}

/// Runs a subcommand.
pub async fn run(cmd: Command, s: Settings) -> Result<ExitCode> {
    match cmd {
        Command::Init => setup::init(&s).await,
        Command::Framework(setup::FrameworkCmd::Export { area, version, out }) => extension::export(&s, &area, version, out).await,
        Command::Framework(c) => setup::framework(&s, c),
        Command::Areas { format, lang } => setup::areas(&s, format, lang).await,
        Command::Doctor => setup::doctor(&s).await,
        Command::Import(a) => import::import(&s, a).await,
        Command::Fetch(a) => import::fetch(&s, a).await,
        Command::Data(c) => data::run(&s, c).await,
        Command::Build(a) => profile::build(&s, a).await,
        Command::Demo(a) => profile::demo(&s, a).await,
        Command::Edition(c) => profile::edition(&s, c).await,
        Command::Narrative(c) => profile::narrative(&s, c).await,
        Command::Serve(a) => serve::serve(&s, a).await,
        Command::Template(a) => national::template(&s, a).await,
        Command::Handbook(a) => handbook::handbook(&s, a).await,
        Command::Guide(a) => guide::guide(&s, a).await,
        Command::User(c) => workspace::user(&s, c).await,
        Command::Org(c) => workspace::org(&s, c).await,
        Command::Twg(c) => workspace::twg(&s, c).await,
        Command::Member(c) => workspace::member(&s, c).await,
        Command::Audit(c) => workspace::audit(&s, c).await,
        Command::Backup(a) => workspace::backup(&s, a).await,
        Command::Restore(a) => workspace::restore(&s, a).await,
        Command::Quality(c) => quality::run(&s, c).await,
        Command::Registry(c) => registry::run(&s, c).await,
        Command::Forecast(c) => forecast::run(&s, c).await,
        Command::Meeting(c) => meeting::run(&s, c).await,
    }
}
