//! `mprofile handbook`: the indicator handbook (HTML and PDF, English, French and Portuguese),
//! generated from the framework so that it always matches what the platform collects.

use crate::settings::Settings;
use anyhow::{Context, Result, bail};
use clap::Args;
use mp_domain::Lang;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `mprofile handbook …`
#[derive(Args, Clone)]
pub struct HandbookArgs {
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

/// Runs `handbook`: writes `handbook/indicator-handbook-<lang>.{html,pdf}` under `--out`.
pub async fn handbook(s: &Settings, a: HandbookArgs) -> Result<ExitCode> {
    let fw = s.framework(None)?;
    let langs = if a.lang.is_empty() { Lang::ALL.to_vec() } else { a.lang.clone() };
    let formats = if a.format.is_empty() { vec!["html".to_string(), "pdf".to_string()] } else { a.format.clone() };
    if let Some(bad) = formats.iter().find(|f| !matches!(f.as_str(), "html" | "pdf")) {
        bail!("--format {bad}: expected html or pdf");
    }
    let doc = mp_profile::handbook::build_handbook(&fw, &mp_service::today());
    let missing = mp_profile::handbook::missing_translations(&doc);
    if !missing.is_empty() {
        bail!("the framework lacks translations the handbook needs:\n  {}", missing.join("\n  "));
    }
    let mut absent = Vec::new();
    for id in mp_profile::handbook::message_ids(&doc) {
        absent.extend(langs.iter().filter(|l| !mp_i18n::has(**l, &id)).map(|l| format!("{id} ({})", l.code())));
    }
    if !absent.is_empty() {
        bail!("messages missing from the translation files: {}", absent.join(", "));
    }
    let dir = a.out.join("handbook");
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    for lang in &langs {
        for p in write_one(&dir, &doc, *lang, &formats, &langs)? {
            println!("{}", p.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn write_one(dir: &Path, doc: &mp_profile::Document, lang: Lang, formats: &[String], langs: &[Lang]) -> Result<Vec<PathBuf>> {
    let base = format!("{}-{}", mp_profile::handbook::HANDBOOK_ID, lang.code());
    let mut written = Vec::new();
    let mut pdf_bytes = None;
    if formats.iter().any(|f| f == "pdf") {
        let pdf = mp_pdf::document_pdf(doc, lang, &mp_pdf::PdfOptions::default()).with_context(|| format!("typesetting {base}.pdf"))?;
        pdf_bytes = Some(pdf.len() as u64);
        let p = dir.join(format!("{base}.pdf"));
        std::fs::write(&p, pdf).with_context(|| format!("cannot write {}", p.display()))?;
        written.push(p);
    }
    if formats.iter().any(|f| f == "html") {
        let opts = mp_render::html::HtmlOptions {
            base_path: String::new(),
            languages: langs
                .iter()
                .filter(|l| **l != lang)
                .map(|l| (*l, format!("{}-{}.html", mp_profile::handbook::HANDBOOK_ID, l.code())))
                .collect(),
            pdf: pdf_bytes.map(|n| mp_render::html::Download { href: format!("{base}.pdf"), bytes: Some(n) }),
            data: None,
            draft: None,
        };
        let p = dir.join(format!("{base}.html"));
        std::fs::write(&p, mp_render::html::document_html(doc, lang, &opts)).with_context(|| format!("cannot write {}", p.display()))?;
        written.push(p);
    }
    Ok(written)
}
