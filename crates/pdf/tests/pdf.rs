//! The printed profile: text in each language, numbering, page numbers, reproducibility, and
//! narrative text that must never run as typst code.

mod common;

use mp_domain::Lang;
use mp_pdf::{PdfOptions, document_pdf};
use mp_profile::{Document, Subject, Text};
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

fn pdf(doc: &Document, lang: Lang) -> Vec<u8> {
    match document_pdf(doc, lang, &PdfOptions::default()) {
        Ok(b) => b,
        Err(e) => panic!("{lang}: {e}"),
    }
}

fn scratch(name: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    std::env::temp_dir().join(format!("mp-pdf-test-{}-{n}-{name}", std::process::id()))
}

/// The text of a PDF as poppler extracts it, pages separated by form feeds; `None` when
/// poppler-utils is not installed outside CI (CI installs it, so there it must be found).
fn pdftotext(bytes: &[u8]) -> Option<String> {
    let path = scratch("doc.pdf");
    std::fs::write(&path, bytes).expect("write temporary PDF");
    let out = Command::new("pdftotext").arg("-enc").arg("UTF-8").arg(&path).arg("-").output();
    let _ = std::fs::remove_file(&path);
    match out {
        Ok(o) if o.status.success() => Some(String::from_utf8_lossy(&o.stdout).into_owned()),
        Ok(o) => panic!("pdftotext failed: {}", String::from_utf8_lossy(&o.stderr)),
        Err(e) if std::env::var_os("CI").is_none() => {
            eprintln!("skipping text checks: pdftotext not available ({e}); apt-get install poppler-utils");
            None
        }
        Err(e) => panic!("pdftotext is required in CI: {e}"),
    }
}

/// Text with line breaks and hyphenation undone, for searching phrases.
fn flat(s: &str) -> String {
    s.replace("-\n", "").split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn english_profile_has_title_numbers_and_pages() {
    let doc = common::document();
    let bytes = pdf(&doc, Lang::En);
    assert!(bytes.starts_with(b"%PDF"), "not a PDF");
    let Some(text) = pdftotext(&bytes) else { return };
    let all = flat(&text);
    for want in [
        "Migration Profile: Senegal",
        "Migration Profile (IOM structure)",
        "Edition 2026",
        "Published by the Technical Working Group on Migration Statistics, Senegal",
        "Contents",
        "A.1",
        "Immigration",
        "Figure 1.",
        "Figure 3.",
        "Table 1.",
        "Côte d'Ivoire",
        "Source: UN DESA, International Migrant Stock (2024).",
        "97,000",
        "18.5",
    ] {
        assert!(all.contains(want), "missing {want:?} in:\n{text}");
    }
    let pages = text.split('\u{c}').filter(|p| !p.trim().is_empty()).count();
    assert!(pages >= 3, "{pages} pages");
    assert!(all.contains(&format!("Page 2 of {pages}")), "page numbers:\n{text}");
    // The cover carries no page number.
    assert!(!text.split('\u{c}').next().unwrap_or_default().contains("Page 1"));
}

#[test]
fn french_profile_is_in_french() {
    let doc = common::document();
    let Some(text) = pdftotext(&pdf(&doc, Lang::Fr)) else { return };
    let all = flat(&text);
    for want in [
        "Sénégal",
        "Côte d'Ivoire",
        "Sao Tomé-et-Principe",
        "Sommaire",
        "Figure 1.",
        "Tableau 1.",
        "Page 2 sur",
        "Édition 2026",
        "Publié par",
    ] {
        assert!(all.contains(want), "missing {want:?} in:\n{text}");
    }
    // Figures in French style: narrow no-break space as the thousands separator.
    assert!(all.contains("97\u{202f}000") || all.contains("97 000"), "{text}");
}

#[test]
fn portuguese_profile_is_in_portuguese() {
    let doc = common::document();
    let Some(text) = pdftotext(&pdf(&doc, Lang::Pt)) else { return };
    let all = flat(&text);
    for want in ["população", "São Tomé e Príncipe", "Índice", "Figura 1.", "Quadro 1.", "Página 2 de", "Edição 2026"] {
        assert!(all.contains(want), "missing {want:?} in:\n{text}");
    }
}

#[test]
fn the_same_document_gives_the_same_bytes() {
    let doc = common::document();
    for lang in Lang::ALL {
        let a = pdf(&doc, lang);
        let b = pdf(&doc, lang);
        assert!(a == b, "{lang}: two renderings differ");
    }
    // A changed document must not reuse the identifier of the old one.
    let mut other = common::document();
    other.as_of = "2026-02-01".into();
    assert_ne!(pdf(&doc, Lang::En), pdf(&other, Lang::En));
}

#[test]
fn narrative_text_is_never_typst_code() {
    let doc = common::document();
    let Some(text) = pdftotext(&pdf(&doc, Lang::En)) else { return };
    let all = flat(&text);
    for want in
        ["#set page(width: 1cm)", "#pagebreak()", "$5 or $x^2$", "a*b", "[x]", "@ref", "<lbl>", "C:\\path", "#code", "emphasis", "bold"]
    {
        assert!(all.contains(want), "missing {want:?} in:\n{text}");
    }
    assert!(!all.contains("**bold**"), "Markdown emphasis should be typeset, not printed");
}

#[test]
fn hostile_narratives_and_names_typeset() {
    // Markup that would break a template built by pasting strings: unbalanced brackets,
    // comment starts, raw delimiters, a label, a heading marker and a closing quote.
    let nasty = "] ) } \" // /* ``` = heading <x> #{ panic() } \\ $ $$ [[[ ***";
    let mut doc = common::document();
    doc.title = Text::plain(nasty);
    doc.sources[0].name = nasty.into();
    doc.sections[0].title = Text::plain(nasty);
    doc.sections.push(mp_profile::Section {
        id: "x".into(),
        number: "#1".into(),
        title: Text::plain("[x]"),
        themes: Vec::new(),
        blocks: vec![common::narrative(nasty, nasty, nasty), mp_profile::Block::Note(Text::plain(nasty))],
        children: Vec::new(),
    });
    let bytes = pdf(&doc, Lang::En);
    let Some(text) = pdftotext(&bytes) else { return };
    assert!(flat(&text).contains("#{ panic() }"), "{text}");
}

#[test]
fn empty_tables_charts_and_deep_sections_typeset() {
    use mp_profile::{Block, Chart, ChartKind, Section, Table, ValueKind};
    let empty_table = |id: &str, columns: Vec<Text>| {
        Block::Table(Table { id: id.into(), title: Text::plain(id), columns, rows: Vec::new(), sources: Vec::new(), notes: Vec::new() })
    };
    let empty_chart = Block::Chart(Chart {
        id: "chart-empty".into(),
        kind: ChartKind::Bar,
        title: Text::plain("Empty"),
        y_label: Text::plain(""),
        value_kind: ValueKind::Number,
        categories: Vec::new(),
        series: Vec::new(),
        forecast_from: None,
        map: None,
        sources: vec![99],
        alt: Text::plain(""),
    });
    let mut deepest = Section {
        id: "deep".into(),
        number: "1.1.1.1.1.1.1".into(),
        title: Text::plain("Deep"),
        themes: Vec::new(),
        blocks: vec![empty_table("no-columns", Vec::new()), empty_table("no-rows", vec![Text::plain("A"), Text::plain("B")]), empty_chart],
        children: Vec::new(),
    };
    for depth in 0..7 {
        deepest = Section { id: format!("d{depth}"), children: vec![deepest.clone()], ..deepest.clone() };
    }
    let mut doc = common::document();
    doc.sections.push(deepest);
    assert!(pdf(&doc, Lang::En).starts_with(b"%PDF"));
}

#[test]
fn text_is_libertinus_serif_and_charts_and_tables_dejavu_sans() {
    // Chart SVGs ask for "DejaVu Sans"; were it unknown to typst, their text would silently
    // fall back to another font from typst-assets.
    let bytes = pdf(&common::document(), Lang::Fr);
    let path = scratch("fonts.pdf");
    std::fs::write(&path, &bytes).expect("write temporary PDF");
    let out = Command::new("pdffonts").arg(&path).output();
    let _ = std::fs::remove_file(&path);
    let out = match out {
        Ok(o) => String::from_utf8_lossy(&o.stdout).into_owned(),
        Err(e) if std::env::var_os("CI").is_none() => return eprintln!("skipping: pdffonts not available ({e})"),
        Err(e) => panic!("pdffonts is required in CI: {e}"),
    };
    let fonts: Vec<&str> = out.lines().skip(2).filter(|l| !l.trim().is_empty()).collect();
    assert!(!fonts.is_empty(), "{out}");
    for f in &fonts {
        assert!(f.contains("DejaVuSans") || f.contains("LibertinusSerif"), "unexpected font: {f}");
    }
    assert!(fonts.iter().any(|f| f.contains("DejaVuSans")) && fonts.iter().any(|f| f.contains("LibertinusSerif")), "{out}");
}

#[test]
fn regional_documents_and_empty_documents_typeset() {
    let mut doc = common::document();
    doc.subject = Subject::Regional { areas: Vec::new() };
    doc.title = Text::msg("doc-title-regional");
    doc.edition = None;
    doc.as_of = String::new();
    let bytes = pdf(&doc, Lang::Fr);
    if let Some(text) = pdftotext(&bytes) {
        assert!(!text.contains("Publié par"), "a regional profile has no single publisher unless told");
    }
    doc.sections.clear();
    doc.subtitle = None;
    assert!(pdf(&doc, Lang::Pt).starts_with(b"%PDF"));
    let opts = PdfOptions { short_title: Some("Région".into()), publisher: Some("Commission de la CEDEAO".into()), draft: None };
    let bytes = document_pdf(&doc, Lang::Fr, &opts).expect("PDF");
    if let Some(text) = pdftotext(&bytes) {
        assert!(text.contains("Commission de la CEDEAO"), "{text}");
    }
}

/// CPU time of this process in milliseconds (Linux), which other builds on the machine do not
/// inflate the way they inflate wall time; 0 elsewhere.
fn cpu_ms() -> u64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or_default();
    let f: Vec<u64> = rest.split_whitespace().map(|x| x.parse().unwrap_or(0)).collect();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name; 100 ticks a second.
    (f.get(11).copied().unwrap_or(0) + f.get(12).copied().unwrap_or(0)) * 10
}

/// Writes the sample profile in each language to `$MP_PDF_SAMPLE_DIR` for looking at, with
/// timings; does nothing when the variable is unset.
#[test]
fn sample_files() {
    let Some(dir) = std::env::var_os("MP_PDF_SAMPLE_DIR") else { return };
    let dir = PathBuf::from(dir);
    std::fs::create_dir_all(&dir).expect("sample dir");
    let doc = common::document();
    for lang in Lang::ALL {
        let (t, c) = (Instant::now(), cpu_ms());
        let bytes = pdf(&doc, lang);
        let (first, first_cpu) = (t.elapsed(), cpu_ms() - c);
        let (t, c) = (Instant::now(), cpu_ms());
        pdf(&doc, lang);
        eprintln!("{lang}: {} bytes in {first:?} ({first_cpu} ms CPU), again in {:?} ({} ms CPU)", bytes.len(), t.elapsed(), cpu_ms() - c);
        std::fs::write(dir.join(format!("sample-{lang}.pdf")), bytes).expect("write sample");
    }
}
