//! `mprofile meeting`: the meetings and workshops the TWGs recorded in the workspace, and the
//! workshop report of one (HTML and PDF, in the meeting's language).

use crate::settings::Settings;
use anyhow::{Context, Result, bail};
use clap::Subcommand;
use mp_store::Store;
use std::path::PathBuf;
use std::process::ExitCode;

/// `mprofile meeting …`
#[derive(Subcommand, Clone)]
pub enum MeetingCmd {
    /// List the recorded meetings: id, date, country, type, status, title.
    List,
    /// Write the workshop report of meeting ID: `meeting-ID-LANG.{html,pdf}` under --out.
    Report {
        /// The meeting's id (see `mprofile meeting list`).
        id: i64,
        /// Formats: html, pdf (default: both).
        #[arg(long, value_delimiter = ',')]
        format: Vec<String>,
        /// Output directory.
        #[arg(long, short, default_value = "out")]
        out: PathBuf,
    },
}

/// Runs `meeting`.
pub async fn run(s: &Settings, c: MeetingCmd) -> Result<ExitCode> {
    let store = Store::open_existing(&s.db).await?;
    match c {
        MeetingCmd::List => {
            for m in store.meetings(None).await? {
                println!("{}\t{}\t{}\t{}\t{}\t{}", m.id, m.held_on, m.country, m.kind, m.status, m.title);
            }
        }
        MeetingCmd::Report { id, format, out } => {
            let formats = if format.is_empty() { vec!["html".to_string(), "pdf".to_string()] } else { format };
            if let Some(bad) = formats.iter().find(|f| !matches!(f.as_str(), "html" | "pdf")) {
                bail!("--format {bad}: expected html or pdf");
            }
            let Some(m) = store.meeting(id).await? else { bail!("there is no meeting {id}: see `mprofile meeting list`") };
            let areas = store.area_registry().await?;
            let fw = s.framework(Some(&areas))?;
            let doc = mp_service::meeting_report::meeting_report(&store, &fw, &areas, &m).await?;
            std::fs::create_dir_all(&out).with_context(|| format!("cannot create {}", out.display()))?;
            let base = format!("meeting-{id}-{}", m.lang.code());
            if formats.iter().any(|f| f == "pdf") {
                let pdf = mp_pdf::document_pdf(&doc, m.lang, &mp_pdf::PdfOptions::default())
                    .with_context(|| format!("typesetting {base}.pdf"))?;
                let p = out.join(format!("{base}.pdf"));
                std::fs::write(&p, pdf).with_context(|| format!("cannot write {}", p.display()))?;
                println!("{}", p.display());
            }
            if formats.iter().any(|f| f == "html") {
                let p = out.join(format!("{base}.html"));
                let html = mp_render::html::document_html(&doc, m.lang, &mp_render::html::HtmlOptions::default());
                std::fs::write(&p, html).with_context(|| format!("cannot write {}", p.display()))?;
                println!("{}", p.display());
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
