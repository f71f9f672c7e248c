//! `build`, `demo`, `edition` and `narrative`: documents from the store.

use crate::settings::{self, Settings};
use anyhow::{Context as _, Result, bail};
use clap::{Args, Subcommand};
use mp_domain::{AreaCode, AreaRegistry, Framework, Lang, Record};
use mp_profile::Document;
use mp_store::Store;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// `mprofile build …`
#[derive(Args)]
pub struct BuildArgs {
    /// Country (ISO alpha-3); repeat for several.
    #[arg(long)]
    pub area: Vec<String>,
    /// Every profile country in the three languages, plus the regional report.
    #[arg(long)]
    pub all: bool,
    /// The regional comparison report.
    #[arg(long)]
    pub regional: bool,
    /// Languages, comma-separated (default: all three with --all, else the country's profile language).
    #[arg(long, value_delimiter = ',')]
    pub lang: Vec<Lang>,
    /// Output formats, comma-separated: html, pdf.
    #[arg(long, value_delimiter = ',', default_value = "html,pdf")]
    pub format: Vec<String>,
    /// Output directory.
    #[arg(long, default_value = "out")]
    pub out: PathBuf,
    /// Template id (iom-2011, wca-2009) or a template file; by default the country's
    /// `[templates]` entry in the config file, else iom-2011.
    #[arg(long)]
    pub template: Option<String>,
    /// Build a frozen edition (e.g. 2026) instead of the live data.
    #[arg(long)]
    pub edition: Option<String>,
    /// A members' draft: adds the figures of submissions not yet published (submitted up to
    /// validated) and marks every page DRAFT; written as <COUNTRY>-draft-<lang>.
    #[arg(long, conflicts_with_all = ["edition", "all", "regional"])]
    pub draft: bool,
}

/// `mprofile demo …`
#[derive(Args)]
pub struct DemoArgs {
    /// Directory of the public data (default: --data, MPROFILE_DATA or ../shared/data).
    #[arg(long)]
    pub mirror: Option<PathBuf>,
    /// Output directory; the demo's store is created inside it.
    #[arg(long, default_value = "out")]
    pub out: PathBuf,
}

/// `mprofile edition …`
#[derive(Subcommand)]
pub enum EditionCmd {
    /// Freeze the data and narrative a country's profile uses under a label (e.g. 2026).
    Create {
        /// Country (ISO alpha-3).
        area: String,
        /// Label of the edition.
        label: String,
        /// Template id or file.
        #[arg(long, default_value = "iom-2011")]
        template: String,
    },
    /// List editions.
    List {
        /// Only this country.
        area: Option<String>,
    },
    /// The figures that changed between two editions, and by how much.
    Diff {
        /// Country.
        area: String,
        /// Older edition.
        from: String,
        /// Newer edition.
        to: String,
        /// Every changed observation, not only totals.
        #[arg(long)]
        all: bool,
    },
}

/// `mprofile narrative …`
#[derive(Subcommand)]
pub enum NarrativeCmd {
    /// Set the text of a section in one language (Markdown; an empty text removes it).
    Set {
        /// Country.
        area: String,
        /// Section id of the template (e.g. summary, A.1, C.3).
        #[arg(long)]
        section: String,
        /// Language.
        #[arg(long)]
        lang: Lang,
        /// The text.
        #[arg(long, conflicts_with = "file")]
        text: Option<String>,
        /// Read the text from a file (`-` for standard input).
        #[arg(long)]
        file: Option<PathBuf>,
    },
    /// Print the narrative of a country (working draft, or a frozen edition).
    Get {
        /// Country.
        area: String,
        /// Only this section.
        #[arg(long)]
        section: Option<String>,
        /// Only this language.
        #[arg(long)]
        lang: Option<Lang>,
        /// A frozen edition's copy.
        #[arg(long)]
        edition: Option<String>,
    },
}

fn today() -> String {
    mp_service::today()
}

fn country(reg: &AreaRegistry, s: &str) -> Result<AreaCode> {
    let a = reg.find(s).with_context(|| format!("unknown area `{s}`"))?;
    if a.profile_language.is_none() {
        bail!(
            "{} is not one of the profile countries ({})",
            a.code,
            reg.profile_countries().iter().map(|a| a.code.to_string()).collect::<Vec<_>>().join(", ")
        );
    }
    Ok(a.code.clone())
}

/// Every observation of an area, any disaggregation, newest vintage of each source.
async fn live_records(store: &Store, area: &AreaCode) -> Result<Vec<Record>> {
    Ok(mp_service::live_records(store, area).await?)
}

struct Built {
    doc: Document,
    name: String,
    dir: String,
    /// A members' draft and the submissions it shows.
    draft: Option<Vec<super::draft::DraftSource>>,
}

/// Writes one document in one language and format; returns the file path.
fn write_doc(out: &Path, b: &Built, lang: Lang, formats: &[String], langs: &[Lang]) -> Result<Vec<PathBuf>> {
    let dir = out.join(&b.dir);
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut written = Vec::new();
    let base = format!("{}-{}", b.name, lang.code());
    let mut pdf_bytes = None;
    let mark = b.draft.as_ref().map(|used| super::draft::mark(used, lang));
    if formats.iter().any(|f| f == "pdf") {
        let pdf = typeset(&b.doc, lang, mark.clone()).with_context(|| format!("typesetting {base}.pdf"))?;
        pdf_bytes = Some(pdf.len() as u64);
        let p = dir.join(format!("{base}.pdf"));
        std::fs::write(&p, pdf).with_context(|| format!("cannot write {}", p.display()))?;
        written.push(p);
    }
    if formats.iter().any(|f| f == "html") {
        let opts = mp_render::html::HtmlOptions {
            base_path: String::new(),
            languages: langs.iter().filter(|l| **l != lang).map(|l| (*l, format!("{}-{}.html", b.name, l.code()))).collect(),
            pdf: pdf_bytes.map(|n| mp_render::html::Download { href: format!("{base}.pdf"), bytes: Some(n) }),
            data: None,
            draft: mark.map(|(word, note)| mp_render::html::DraftMark { word, note }),
        };
        let p = dir.join(format!("{base}.html"));
        std::fs::write(&p, mp_render::html::document_html(&b.doc, lang, &opts)).with_context(|| format!("cannot write {}", p.display()))?;
        written.push(p);
    }
    Ok(written)
}

/// The PDF of a document (typst, in the pdf crate).
fn typeset(doc: &Document, lang: Lang, draft: Option<(String, String)>) -> Result<Vec<u8>> {
    Ok(mp_pdf::document_pdf(doc, lang, &mp_pdf::PdfOptions { draft, ..mp_pdf::PdfOptions::default() })?)
}

struct Ctx {
    fw: Framework,
    areas: AreaRegistry,
}

/// Runs `build`.
pub async fn build(s: &Settings, a: BuildArgs) -> Result<ExitCode> {
    let store = Store::open_existing(&s.db).await?;
    let areas = store.area_registry().await?;
    let fw = s.framework(Some(&areas))?;
    let c = Ctx { fw, areas };
    // The template of each country: the flag, else the config file's choice, else the IOM one.
    let template_of = |area: &AreaCode| -> Result<mp_profile::Template> {
        let id = a.template.as_deref().or_else(|| s.templates.get(area.as_str()).map(String::as_str)).unwrap_or("iom-2011");
        settings::template(id, &c.fw)
    };
    let formats: Vec<String> = a.format.iter().map(|f| f.trim().to_ascii_lowercase()).collect();
    for f in &formats {
        if f != "html" && f != "pdf" {
            bail!("unknown format `{f}`: expected html, pdf or both (html,pdf)");
        }
    }
    let mut countries: Vec<AreaCode> = a.area.iter().map(|x| country(&c.areas, x)).collect::<Result<_>>()?;
    if a.all {
        countries = c.areas.profile_countries().iter().map(|a| a.code.clone()).collect();
    }
    let t0 = Instant::now();
    // One model per country, shared by its languages, is built from the store while the
    // documents before it are typeset on every core: typst is the slow part, every (document,
    // language) pair is independent, and only a few documents are held in memory at a time.
    let mut typesetters = Typesetters::start(&a.out, &formats);
    // Whatever happens while reading the store, the typesetters finish what they were given
    // before the command returns.
    let built: Result<usize> = async {
        let mut built = 0;
        for area in &countries {
            // A frozen edition is rebuilt with the template it was frozen with, unless told otherwise.
            let frozen_with = match (&a.edition, &a.template) {
                (Some(label), None) => store.editions(Some(area)).await?.into_iter().find(|e| &e.label == label).map(|e| e.template),
                _ => None,
            };
            let tpl = match frozen_with {
                Some(id) => settings::template(&id, &c.fw)?,
                None => template_of(area)?,
            };
            let (doc, draft) = if a.draft {
                let d = super::draft::draft_records(&store, &c.fw, &c.areas, area).await?;
                for u in &d.used {
                    println!("{area} draft: figures of submission {} ({}, {})", u.id, u.org, u.state.code());
                }
                for (id, why) in &d.left_out {
                    println!("{area} draft: submission {id} left out: {why}");
                }
                (mp_service::country_document_from(&store, &c.fw, &c.areas, &tpl, area, &d.records).await?, Some(d.used))
            } else {
                (mp_service::country_document(&store, &c.fw, &c.areas, &tpl, area, a.edition.as_deref()).await?, None)
            };
            let own = c.areas.get(area).and_then(|x| x.profile_language).unwrap_or(Lang::En);
            let langs: Vec<Lang> = if !a.lang.is_empty() {
                a.lang.clone()
            } else if a.all {
                Lang::ALL.to_vec()
            } else {
                vec![own]
            };
            let name = if draft.is_some() { format!("{area}-draft") } else { area.to_string() };
            typesetters.send(Built { doc, name, dir: area.to_string(), draft }, langs).await?;
            built += 1;
        }
        if a.all || a.regional {
            let rtpl = settings::template("regional", &c.fw)?;
            let doc = mp_service::regional_document(&store, &c.fw, &c.areas, &rtpl).await?;
            let langs: Vec<Lang> = if a.lang.is_empty() { Lang::ALL.to_vec() } else { a.lang.clone() };
            typesetters.send(Built { doc, name: "regional".into(), dir: "regional".into(), draft: None }, langs).await?;
            built += 1;
        }
        Ok(built)
    }
    .await;
    if let Ok(n) = built {
        println!("{n} document(s) built from the store in {:.1} s", t0.elapsed().as_secs_f64());
    }
    let entries = typesetters.finish();
    built?;
    let entries = entries?;
    write_index(&a.out, &c.areas, &entries)?;
    println!(
        "{} files in {} ({:.1} s); open {}",
        entries.len(),
        a.out.display(),
        t0.elapsed().as_secs_f64(),
        a.out.join("index.html").display()
    );
    Ok(ExitCode::SUCCESS)
}

type Job = (usize, std::sync::Arc<(Built, Vec<Lang>)>, Lang);
type Done = (usize, String, Lang, Result<Vec<PathBuf>>);

/// Threads, one per core, that typeset and write every (document, language) pair sent to them.
struct Typesetters {
    jobs: tokio::sync::mpsc::Sender<Job>,
    next: usize,
    threads: Vec<std::thread::JoinHandle<Vec<Done>>>,
}

impl Typesetters {
    fn start(out: &Path, formats: &[String]) -> Self {
        use std::sync::{Arc, Mutex};
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).max(1);
        // A bounded queue: the store is read ahead of the typesetters by a document or two,
        // never by all of them.
        let (jobs, rx) = tokio::sync::mpsc::channel::<Job>(workers);
        let rx = Arc::new(Mutex::new(rx));
        let threads = (0..workers)
            .map(|_| {
                let (rx, out, formats) = (rx.clone(), out.to_path_buf(), formats.to_vec());
                std::thread::spawn(move || {
                    let mut done = Vec::new();
                    loop {
                        let job = match rx.lock() {
                            Ok(mut rx) => rx.blocking_recv(),
                            Err(_) => None,
                        };
                        let Some((j, b, lang)) = job else { break };
                        let (b, langs) = b.as_ref();
                        let t = Instant::now();
                        let r = write_doc(&out, b, lang, &formats, langs);
                        if r.is_ok() {
                            println!("{}  {}  {:.1} s", b.name, lang.code(), t.elapsed().as_secs_f64());
                        }
                        done.push((j, b.name.clone(), lang, r));
                    }
                    done
                })
            })
            .collect();
        Typesetters { jobs, next: 0, threads }
    }

    /// Queues a document in each of its languages; waits while the typesetters are busy.
    async fn send(&mut self, b: Built, langs: Vec<Lang>) -> Result<()> {
        let shared = std::sync::Arc::new((b, langs));
        for lang in shared.1.clone() {
            self.jobs.send((self.next, shared.clone(), lang)).await.map_err(|_| anyhow::anyhow!("a typesetting thread stopped"))?;
            self.next += 1;
        }
        Ok(())
    }

    /// Waits for every queued pair; returns the files written, in document and language order
    /// whatever the threads did, or the first failure in that order.
    fn finish(self) -> Result<Vec<(String, Lang, PathBuf)>> {
        drop(self.jobs);
        let mut done: Vec<Done> = Vec::new();
        for t in self.threads {
            done.extend(t.join().map_err(|_| anyhow::anyhow!("a typesetting thread panicked"))?);
        }
        done.sort_by_key(|d| d.0);
        if done.len() != self.next {
            bail!("a typesetting thread stopped before writing every document");
        }
        let mut entries = Vec::new();
        for (_, name, lang, r) in done {
            entries.extend(r?.into_iter().map(|p| (name.clone(), lang, p)));
        }
        Ok(entries)
    }
}

/// The index page of an output folder: every document by country and language.
fn write_index(out: &Path, areas: &AreaRegistry, entries: &[(String, Lang, PathBuf)]) -> Result<()> {
    let mut by: BTreeMap<String, BTreeMap<Lang, Vec<String>>> = BTreeMap::new();
    for (who, lang, p) in entries {
        let rel = p.strip_prefix(out).unwrap_or(p).display().to_string();
        by.entry(who.clone()).or_default().entry(*lang).or_default().push(rel);
    }
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
    let mut rows = String::new();
    for (who, langs) in &by {
        let name = match AreaCode::parse(who).ok().and_then(|c| areas.get(&c)) {
            Some(a) => format!("{} / {} / {}", a.name.en, a.name.fr, a.name.pt),
            None => "Regional comparison / Comparaison régionale / Comparação regional".into(),
        };
        rows.push_str(&format!("<tr><th scope=\"row\">{}</th>", esc(&name)));
        for l in Lang::ALL {
            rows.push_str("<td>");
            for f in langs.get(&l).into_iter().flatten() {
                let kind = if f.ends_with(".pdf") { "PDF" } else { "HTML" };
                rows.push_str(&format!("<a href=\"{}\" hreflang=\"{}\">{kind}</a> ", esc(f), l.code()));
            }
            rows.push_str("</td>");
        }
        rows.push_str("</tr>\n");
    }
    let html = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Migration Profiles / Profils migratoires / Perfis migratórios</title>\
         <style>body{{font-family:system-ui,sans-serif;margin:1rem auto;max-width:60rem;padding:0 1rem;color:#111}}\
         table{{border-collapse:collapse;width:100%}}th,td{{border-bottom:1px solid #ccc;padding:.4rem;text-align:left}}a{{color:#0b5394;margin-right:.5rem}}</style></head>\
         <body><h1>Migration Profiles · Profils migratoires · Perfis migratórios</h1>\
         <p>West and Central Africa. Each profile in English, French and Portuguese, as a web page (HTML) and a printable document (PDF).</p>\
         <div style=\"overflow-x:auto\"><table><thead><tr><th scope=\"col\">Country / Pays / País</th><th scope=\"col\">English</th><th scope=\"col\">Français</th><th scope=\"col\">Português</th></tr></thead>\
         <tbody>\n{rows}</tbody></table></div></body></html>\n"
    );
    std::fs::write(out.join("index.html"), html).with_context(|| format!("cannot write {}", out.join("index.html").display()))?;
    Ok(())
}

/// Runs `demo`: a fresh store, every public source, every document.
pub async fn demo(s: &Settings, a: DemoArgs) -> Result<ExitCode> {
    let t0 = Instant::now();
    let mirror = match a.mirror.clone() {
        Some(m) => m,
        None => s.data_dir()?.to_path_buf(),
    };
    std::fs::create_dir_all(&a.out).with_context(|| format!("cannot create {}", a.out.display()))?;
    let db = a.out.join("mprofile.db");
    for suffix in ["", "-wal", "-shm"] {
        let p = PathBuf::from(format!("{}{suffix}", db.display()));
        if p.exists() {
            std::fs::remove_file(&p).with_context(|| format!("cannot remove the old demo store {}", p.display()))?;
        }
    }
    let s = Settings { db: db.display().to_string(), data: Some(mirror.clone()), ..s.clone() };
    let mut steps: Vec<(&str, f64)> = Vec::new();
    let t = Instant::now();
    println!("== 1/3 store and framework: {}", s.db);
    super::setup::init(&s).await?;
    steps.push(("store, framework and areas", t.elapsed().as_secs_f64()));
    let t = Instant::now();
    println!("\n== 2/3 importing every public source from {}", mirror.display());
    let code = super::import::import(
        &s,
        super::import::ImportArgs {
            all: true,
            sources: vec![],
            list: false,
            mirror: Some(mirror),
            dry_run: false,
            files: vec![],
            mapping: None,
            source_code: None,
            vintage: None,
            quiet: false,
            max_file_mb: None,
        },
    )
    .await?;
    if code != ExitCode::SUCCESS {
        bail!("the import failed; nothing was built");
    }
    steps.push(("import of every public source", t.elapsed().as_secs_f64()));
    let t = Instant::now();
    println!("\n== data quality assessment (theme T03)");
    super::quality::assess_stored(&s).await?;
    steps.push(("data quality assessment", t.elapsed().as_secs_f64()));
    let t = Instant::now();
    println!("\n== forecasts of the forecasting module, with their backtests");
    super::forecast::run(&s, super::forecast::ForecastCmd::Run { dry_run: false }).await?;
    steps.push(("forecasts and backtests", t.elapsed().as_secs_f64()));
    let t = Instant::now();
    println!("\n== 3/3 building 10 country profiles × 3 languages and the regional report, HTML and PDF");
    build(
        &s,
        BuildArgs {
            area: vec![],
            all: true,
            regional: true,
            lang: vec![],
            format: vec!["html".into(), "pdf".into()],
            out: a.out.clone(),
            template: None,
            edition: None,
            draft: false,
        },
    )
    .await?;
    steps.push(("profiles and regional report", t.elapsed().as_secs_f64()));
    let t = Instant::now();
    println!("\n== the indicator handbook, HTML and PDF, in English, French and Portuguese");
    super::handbook::handbook(&s, super::handbook::HandbookArgs { lang: vec![], format: vec![], out: a.out.clone() }).await?;
    steps.push(("indicator handbook", t.elapsed().as_secs_f64()));
    println!("\n== done in {:.1} s", t0.elapsed().as_secs_f64());
    for (what, secs) in steps {
        println!("  {what:<32} {secs:>7.1} s");
    }
    println!("  store:  {}", s.db);
    println!("  output: {}", a.out.join("index.html").display());
    println!("  browse: mprofile --db {} serve", s.db);
    Ok(ExitCode::SUCCESS)
}

/// Runs `edition`.
pub async fn edition(s: &Settings, c: EditionCmd) -> Result<ExitCode> {
    let store = Store::open_existing(&s.db).await?;
    let areas = store.area_registry().await?;
    match c {
        EditionCmd::Create { area, label, template } => {
            let fw = s.framework(Some(&areas))?;
            let tpl = settings::template(&template, &fw)?;
            let area = country(&areas, &area)?;
            let records = live_records(&store, &area).await?;
            let info = store.edition_create(&area, &label, &tpl.id, &today(), &records).await?;
            store
                .audit_record(
                    &mp_store::Actor::cli(),
                    "edition.create",
                    &format!("edition:{area}:{label}"),
                    "",
                    &serde_json::to_string(&info)?,
                )
                .await?;
            store.edition_registry_save(&area, &label, &store.registry_view(std::slice::from_ref(&area)).await?).await?;
            println!(
                "edition {} of {} frozen: {} observations, data as of {}, template {}",
                info.label, info.area, info.records, info.as_of, info.template
            );
            println!("rebuild it any time: mprofile build --area {} --edition {}", info.area, info.label);
        }
        EditionCmd::List { area } => {
            let area = area.map(|a| country(&areas, &a)).transpose()?;
            for e in store.editions(area.as_ref()).await? {
                println!(
                    "{}  {:<8} as of {}  frozen {}  {} observations  {}",
                    e.area, e.label, e.as_of, e.created_at, e.records, e.template
                );
            }
        }
        EditionCmd::Diff { area, from, to, all } => {
            let area = country(&areas, &area)?;
            let (ia, a) = store.edition(&area, &from).await?.with_context(|| format!("no edition {from} of {area}"))?;
            let (ib, b) = store.edition(&area, &to).await?.with_context(|| format!("no edition {to} of {area}"))?;
            let key = |r: &Record| (r.indicator.to_string(), r.period, r.dims.to_string(), r.dataset.source.clone());
            let old: BTreeMap<_, &Record> = a.iter().filter(|r| all || r.dims.is_total()).map(|r| (key(r), r)).collect();
            let new: BTreeMap<_, &Record> = b.iter().filter(|r| all || r.dims.is_total()).map(|r| (key(r), r)).collect();
            let (mut changed, mut added, mut removed) = (0, 0, 0);
            println!(
                "{:<22} {:<10} {:<26} {:<18} {:>16} {:>16} {:>14} {:>8}",
                "indicator", "period", "dimensions", "source", from, to, "change", "%"
            );
            for (k, nr) in &new {
                match old.get(k) {
                    Some(or) if or.value != nr.value => {
                        changed += 1;
                        let (ov, nv) = (or.value.unwrap_or(f64::NAN), nr.value.unwrap_or(f64::NAN));
                        let pct = mp_domain::compute::pct_change(ov, nv).map(|p| format!("{p:+.1}")).unwrap_or_default();
                        println!(
                            "{:<22} {:<10} {:<26} {:<18} {:>16} {:>16} {:>+14.2} {:>8}",
                            k.0,
                            k.1.to_string(),
                            k.2,
                            k.3,
                            fmt(ov),
                            fmt(nv),
                            nv - ov,
                            pct
                        );
                    }
                    Some(_) => {}
                    None => added += 1,
                }
            }
            // New and removed figures are listed after the changed ones, each marked in the
            // last column, so a Technical Working Group sees what appears and what goes.
            let line = |k: &(String, mp_domain::Period, String, String), ov: String, nv: String, what: &str| {
                println!("{:<22} {:<10} {:<26} {:<18} {:>16} {:>16} {:>14} {:>8}", k.0, k.1.to_string(), k.2, k.3, ov, nv, "", what);
            };
            for (k, nr) in new.iter().filter(|(k, _)| !old.contains_key(*k)) {
                line(k, String::new(), fmt(nr.value.unwrap_or(f64::NAN)), "new");
            }
            for (k, or) in old.iter().filter(|(k, _)| !new.contains_key(*k)) {
                removed += 1;
                line(k, fmt(or.value.unwrap_or(f64::NAN)), String::new(), "removed");
            }
            println!(
                "{changed} figures changed, {added} new, {removed} no longer present ({})",
                if all { "all observations" } else { "totals; --all for every breakdown" }
            );
            let fw = s.framework(Some(&areas))?;
            for line in super::extension::added_between(&store, &fw, &area, &ia.created_at, &ib.created_at).await? {
                println!("{line}");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn fmt(v: f64) -> String {
    if v.fract() == 0.0 { format!("{v:.0}") } else { format!("{v:.3}") }
}

/// Runs `narrative`.
pub async fn narrative(s: &Settings, c: NarrativeCmd) -> Result<ExitCode> {
    let store = Store::open_existing(&s.db).await?;
    let areas = store.area_registry().await?;
    match c {
        NarrativeCmd::Set { area, section, lang, text, file } => {
            let area = country(&areas, &area)?;
            let body = match (text, file) {
                (Some(t), _) => t,
                (None, Some(f)) if f.as_os_str() == "-" => std::io::read_to_string(std::io::stdin())?,
                (None, Some(f)) => std::fs::read_to_string(&f).with_context(|| format!("cannot read {}", f.display()))?,
                (None, None) => bail!("give the text with --text or --file"),
            };
            let fw = s.framework(Some(&areas))?;
            let known = ["iom-2011", "wca-2009"]
                .iter()
                .filter_map(|t| settings::template(t, &fw).ok())
                .any(|t| section_exists(&t.section, &section));
            if !known {
                bail!("no section `{section}` in the templates: use a section id such as summary, introduction, A.1, B.2, C.3, D");
            }
            let before = store.narrative(&area, None).await?.get(&section).and_then(|t| t.get(&lang)).cloned().unwrap_or_default();
            store.narrative_set(&area, &section, lang, &body).await?;
            store
                .audit_record(&mp_store::Actor::cli(), "narrative.set", &format!("narrative:{area}:{section}:{lang}"), &before, &body)
                .await?;
            println!("narrative of {area}, section {section}, {lang}: {} characters saved", body.chars().count());
        }
        NarrativeCmd::Get { area, section, lang, edition } => {
            let area = country(&areas, &area)?;
            for (sec, texts) in store.narrative(&area, edition.as_deref()).await? {
                if section.as_ref().is_some_and(|s| s != &sec) {
                    continue;
                }
                for (l, t) in texts {
                    if lang.is_some_and(|x| x != l) {
                        continue;
                    }
                    println!("## {sec} [{l}]\n{t}\n");
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn section_exists(list: &[mp_profile::template::SectionSpec], id: &str) -> bool {
    list.iter().any(|s| s.id == id || section_exists(&s.section, id))
}
