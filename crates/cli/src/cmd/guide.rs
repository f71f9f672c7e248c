//! `mprofile guide`: the data-collection guide of each organisation providing figures in a
//! country (HTML and PDF, English, French and Portuguese), generated from the framework and the
//! workspace's assignments; `--set-deadline` records the deadline of the edition being prepared.

use crate::settings::Settings;
use anyhow::{Context, Result, bail};
use clap::Args;
use mp_domain::{Iso3, Lang};
use mp_store::{Actor, CollectionDeadline, Store};
use std::path::PathBuf;
use std::process::ExitCode;

/// `mprofile guide …`
#[derive(Args, Clone)]
pub struct GuideArgs {
    /// Country (ISO alpha-3).
    #[arg(long)]
    pub country: String,
    /// Organisation code (as `mprofile org add` registered it); default: every organisation
    /// with a data provider in the country.
    #[arg(long)]
    pub org: Option<String>,
    /// Record the deadline (YYYY-MM-DD) of the edition being prepared in the country, with
    /// `--edition`, instead of writing guides.
    #[arg(long, requires = "edition")]
    pub set_deadline: Option<String>,
    /// The label of the edition being prepared (with `--set-deadline`).
    #[arg(long)]
    pub edition: Option<String>,
    /// Languages (default: en, fr and pt).
    #[arg(long, value_delimiter = ',')]
    pub lang: Vec<Lang>,
    /// Formats: html, pdf (default: both).
    #[arg(long, value_delimiter = ',')]
    pub format: Vec<String>,
    /// Output directory.
    #[arg(long, short, default_value = "out")]
    pub out: PathBuf,
}

/// Runs `guide`: writes `guides/collection-guide-<ISO3>-<org>-<lang>.{html,pdf}` under `--out`.
pub async fn guide(s: &Settings, a: GuideArgs) -> Result<ExitCode> {
    let store = Store::open_existing(&s.db).await?;
    let areas = store.area_registry().await?;
    let fw = s.framework(Some(&areas))?;
    let country = Iso3::parse(&a.country.trim().to_ascii_uppercase()).map_err(|e| anyhow::anyhow!("--country {}: {e}", a.country))?;
    if let Some(date) = &a.set_deadline {
        let d = CollectionDeadline { edition: a.edition.clone().unwrap_or_default(), deadline: date.clone() };
        store.collection_deadline_set(&country, &d, &Actor::cli()).await?;
        println!("the {} edition's figures are due in {country} by {}", d.edition, d.deadline);
        return Ok(ExitCode::SUCCESS);
    }
    let langs = if a.lang.is_empty() { Lang::ALL.to_vec() } else { a.lang.clone() };
    let formats = if a.format.is_empty() { vec!["html".to_string(), "pdf".to_string()] } else { a.format.clone() };
    if let Some(bad) = formats.iter().find(|f| !matches!(f.as_str(), "html" | "pdf")) {
        bail!("--format {bad}: expected html or pdf");
    }
    let orgs = store.orgs().await?;
    let chosen: Vec<_> = match &a.org {
        Some(code) => vec![
            orgs.iter()
                .find(|o| &o.code == code)
                .with_context(|| format!("--org {code}: no such organisation (see `mprofile org list`)"))?,
        ],
        None => {
            let mut with = Vec::new();
            for o in &orgs {
                if store.org_assignment(o.id, &country).await?.is_some() {
                    with.push(o);
                }
            }
            with
        }
    };
    if chosen.is_empty() {
        bail!("no organisation has a data provider in {country}: add one with `mprofile member add … --role provider --org CODE`");
    }
    let dir = a.out.join("guides");
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    for org in chosen {
        let doc = mp_service::guide::guide_document(&store, &fw, &areas, org, &country, &mp_service::today())
            .await?
            .with_context(|| format!("{country} is not a known area"))?;
        let missing = mp_profile::handbook::missing_translations(&doc);
        if !missing.is_empty() {
            bail!("the framework lacks translations the guide needs:\n  {}", missing.join("\n  "));
        }
        let mut absent = Vec::new();
        for id in mp_profile::handbook::message_ids(&doc) {
            absent.extend(langs.iter().filter(|l| !mp_i18n::has(**l, &id)).map(|l| format!("{id} ({})", l.code())));
        }
        if !absent.is_empty() {
            bail!("messages missing from the translation files: {}", absent.join(", "));
        }
        for lang in &langs {
            let stem = mp_service::guide::guide_file_stem(&country, org, *lang);
            let mut pdf_bytes = None;
            if formats.iter().any(|f| f == "pdf") {
                let pdf =
                    mp_pdf::document_pdf(&doc, *lang, &mp_pdf::PdfOptions::default()).with_context(|| format!("typesetting {stem}.pdf"))?;
                pdf_bytes = Some(pdf.len() as u64);
                let p = dir.join(format!("{stem}.pdf"));
                std::fs::write(&p, pdf).with_context(|| format!("cannot write {}", p.display()))?;
                println!("{}", p.display());
            }
            if formats.iter().any(|f| f == "html") {
                let opts = mp_render::html::HtmlOptions {
                    languages: langs
                        .iter()
                        .filter(|l| *l != lang)
                        .map(|l| (*l, format!("{}.html", mp_service::guide::guide_file_stem(&country, org, *l))))
                        .collect(),
                    pdf: pdf_bytes.map(|n| mp_render::html::Download { href: format!("{stem}.pdf"), bytes: Some(n) }),
                    ..mp_render::html::HtmlOptions::default()
                };
                let p = dir.join(format!("{stem}.html"));
                std::fs::write(&p, mp_render::html::document_html(&doc, *lang, &opts))
                    .with_context(|| format!("cannot write {}", p.display()))?;
                println!("{}", p.display());
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
