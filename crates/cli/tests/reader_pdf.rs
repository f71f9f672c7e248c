//! The PDFs a ministry would publish, read back as text (poppler's `pdftotext`) on the real
//! data: Senegal and Côte d'Ivoire in French, Cabo Verde in Portuguese. In the body pages
//! (before the annexes, told by the running head) no line carries an internal indicator code
//! (`POL.NMP`) or "R package", no table row is an empty "no data" row (missing figures are one
//! list of gaps per section), and no figure or table caption ends a page without its figure or
//! table after it.

mod common;

use common::*;
use std::process::Command;

/// (country, language, running head of the annexes, the "no data" cell text).
const CASES: [(&str, &str, &str, &str); 3] =
    [("SEN", "fr", "Annexes", "Aucune donnée"), ("CIV", "fr", "Annexes", "Aucune donnée"), ("CPV", "pt", "Anexos", "Sem dados")];

/// An internal indicator code: three capitals, a dot, capitals, digits or underscores.
fn has_code(line: &str) -> bool {
    let b = line.as_bytes();
    (0..b.len()).any(|i| {
        let start = i == 0 || !b[i - 1].is_ascii_alphanumeric();
        start
            && b.len() > i + 5
            && b[i..i + 3].iter().all(u8::is_ascii_uppercase)
            && b[i + 3] == b'.'
            && b[i + 4].is_ascii_uppercase()
            && b[i + 5].is_ascii_uppercase()
    })
}

/// A caption line: "Figure 3." / "Tableau 4." / "Figura 3." / "Quadro 4.", not a list entry with dot leaders.
fn is_caption(line: &str) -> bool {
    let t = line.trim_start();
    let Some((word, rest)) = t.split_once(' ') else { return false };
    let numbered = rest.split_once('.').is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    ["Figure", "Tableau", "Figura", "Quadro", "Table"].contains(&word) && numbered && !t.contains(". . .")
}

fn is_footer(line: &str) -> bool {
    let t = line.trim();
    (t.starts_with("Page ") || t.starts_with("Página ")) && t.chars().any(|c| c.is_ascii_digit())
}

/// The problems of one PDF's text (pages split by form feeds).
fn problems(text: &str, annexes: &str, no_data: &str) -> (usize, Vec<String>) {
    let mut out = Vec::new();
    let mut body = 0;
    for (i, page) in text.split('\u{c}').enumerate() {
        let lines: Vec<&str> = page.lines().filter(|l| !l.trim().is_empty()).collect();
        // The running head of an annex page names the annexes; the contents pages come first.
        if i > 2 && lines.first().is_some_and(|l| l.contains(annexes)) {
            break;
        }
        body += 1;
        let n = i + 1;
        for (k, l) in lines.iter().enumerate() {
            if has_code(l) {
                out.push(format!("page {n}: an indicator code: {}", l.trim()));
            }
            if l.contains("R package") {
                out.push(format!("page {n}: \"R package\": {}", l.trim()));
            }
            if l.contains('—') && l.trim_end().ends_with(no_data) {
                out.push(format!("page {n}: an empty row: {}", l.trim()));
            }
            if is_caption(l) && lines[k + 1..].iter().filter(|x| !is_footer(x)).count() < 2 {
                out.push(format!("page {n}: a caption at the foot of the page: {}", l.trim()));
            }
        }
    }
    (body, out)
}

#[test]
fn body_pages_read_as_a_publication() {
    if !data_dir().join("MANIFEST.tsv").exists() {
        eprintln!("skipping: the public data mirror is not at {} (set MPROFILE_DATA)", data_dir().display());
        return;
    }
    if Command::new("pdftotext").arg("-v").output().is_err() {
        eprintln!("skipping: pdftotext (poppler-utils) is not installed");
        return;
    }
    let (dir, db) = temp_db();
    ok(&mprofile(&db, &["init"]));
    ok(&mprofile(&db, &["import", "-q", "--all"]));
    let mut all = Vec::new();
    for (area, lang, annexes, no_data) in CASES {
        let out = dir.path().join(format!("out-{area}"));
        ok(&mprofile(&db, &["build", "--area", area, "--lang", lang, "--format", "pdf", "--out", &out.display().to_string()]));
        let pdf = out.join(area).join(format!("{area}-{lang}.pdf"));
        let txt = Command::new("pdftotext").arg("-layout").arg(&pdf).arg("-").output().expect("pdftotext runs");
        assert!(txt.status.success(), "pdftotext {}: {}", pdf.display(), String::from_utf8_lossy(&txt.stderr));
        let text = String::from_utf8_lossy(&txt.stdout);
        let (body, found) = problems(&text, annexes, no_data);
        assert!(body >= 8, "{area}-{lang}: only {body} body pages: is the annexes' running head still `{annexes}`?");
        all.extend(found.into_iter().map(|p| format!("{area}-{lang} {p}")));
    }
    assert!(all.is_empty(), "{} problems in the body pages:\n{}", all.len(), all.join("\n"));
}

#[test]
fn the_checks_find_what_they_look_for() {
    let page = "Sénégal   Migration\nTableau 3. Cadre politique\n POL.NMP  Statut   —   —   Aucune donnée\n(wpp2024 R package)\nFigure 4. Stranded\n   Page 9 sur 40\n";
    let (_, p) = problems(page, "Annexes", "Aucune donnée");
    assert_eq!(p.len(), 4, "{p:#?}");
    assert!(!is_caption("Figure 19. Taux de chômage . . . . . . . 12"));
    assert!(!has_code("U.S. dollars, 2024. Total"));
    assert!(has_code("code DEV.POP here"));
}
