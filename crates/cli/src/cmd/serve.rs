//! `serve`: the web portal and JSON API.

use crate::settings::{self, Settings};
use anyhow::{Context as _, Result};
use clap::Args;
use mp_store::Store;
use std::net::SocketAddr;
use std::process::ExitCode;

/// `mprofile serve …`
#[derive(Args)]
pub struct ServeArgs {
    /// Address to listen on (default: `addr` in mprofile.toml, else 127.0.0.1:8080).
    #[arg(long, env = "MPROFILE_ADDR")]
    pub addr: Option<String>,
    /// Template of the country pages.
    #[arg(long, default_value = "iom-2011")]
    pub template: String,
}

/// Runs the server until Ctrl-C or SIGTERM.
pub async fn serve(s: &Settings, a: ServeArgs) -> Result<ExitCode> {
    let addr = a.addr.or_else(|| s.addr.clone()).unwrap_or_else(|| "127.0.0.1:8080".into());
    let addr: SocketAddr = addr.parse().with_context(|| format!("`{addr}` is not an address such as 127.0.0.1:8080"))?;
    let store = Store::open_existing(&s.db).await?;
    let areas = store.area_registry().await?;
    let fw = s.framework(Some(&areas))?;
    let profile = settings::template(&a.template, &fw)?;
    let regional = settings::template("regional", &fw)?;
    let rules = super::quality::rules(s, &fw)?;
    let state = mp_web::AppState::new(store.clone(), fw, areas, profile, regional)
        .with_uploads(std::sync::Arc::new(mp_ingest::national::upload::NationalReader))
        .with_rules(rules)
        .with_pictures(std::sync::Arc::new(|svg: &str, width: u32| mp_pdf::png::svg_to_png(svg, width).map_err(|e| e.to_string())))
        .with_pdf(std::sync::Arc::new(|doc: &mp_profile::Document, lang: mp_domain::Lang| {
            mp_pdf::document_pdf(doc, lang, &mp_pdf::PdfOptions::default()).map_err(|e| e.to_string())
        }));
    let state = match &s.mail {
        Some(m) => {
            println!("notifications by e-mail through {}:{}", m.host, m.port);
            state.with_mail(m.clone())
        }
        None => state,
    };
    println!("mprofile portal on http://{addr}/ (store {}); Ctrl-C to stop", store.display_url());
    mp_web::serve(state, addr).await.with_context(|| format!("cannot serve on {addr}"))?;
    Ok(ExitCode::SUCCESS)
}
