//! Fidelity of what readers see to what publishers wrote, on the real data:
//!
//! - every public source's provenance points at the line (or cell) of its file that really
//!   holds the stored area, period and value (an off-by-one, as with Windows line endings, fails);
//! - Senegal's French PDF marks the 2023 FDI figure flagged as of low reliability, and the
//!   remittances/FDI ratio computed from it, each with the footnote saying what the mark means.
//!
//! The store is imported once, through the real binary, and shared by the tests.

mod common;

use common::*;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

fn store() -> Option<&'static String> {
    static STORE: OnceLock<Option<(tempfile::TempDir, String)>> = OnceLock::new();
    STORE
        .get_or_init(|| {
            if !data_dir().join("PROVENANCE.md").is_file() {
                eprintln!("skipping: the public data are not at {} (set MPROFILE_DATA)", data_dir().display());
                return None;
            }
            let (dir, db) = temp_db();
            ok(&mprofile(&db, &["init"]));
            ok(&mprofile(&db, &["import", "--all", "-q"]));
            Some((dir, db))
        })
        .as_ref()
        .map(|(_, db)| db)
}

/// One stored observation with its provenance.
#[derive(Debug)]
struct Sample {
    source: String,
    file: String,
    locator: String,
    area: String,
    period: String,
    value: f64,
    names: Vec<String>,
    m49: Option<i64>,
}

/// Up to `per` observations of each public source read from one row or cell, spread over the
/// store.
fn samples(db: &str, per: i64) -> Vec<Sample> {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    rt.block_on(async {
        use sqlx::Row;
        let pool = sqlx::sqlite::SqlitePool::connect(&format!("sqlite://{db}")).await.expect("store");
        let rows = sqlx::query(
            "SELECT d.source_code, f.path, o.locator, o.area, o.period, o.value, a.name_en, a.name_fr, a.m49
             FROM (SELECT o.*, ROW_NUMBER() OVER (PARTITION BY o.dataset_id ORDER BY (o.id * 7919) % 10007) AS k
                   FROM observation o WHERE o.value IS NOT NULL AND o.locator NOT LIKE 'sum of %') o
             JOIN dataset d ON d.id = o.dataset_id JOIN source_file f ON f.id = o.file_id JOIN area a ON a.code = o.area
             WHERE o.k <= ? AND d.source_code NOT LIKE 'mprofile%'",
        )
        .bind(per)
        .fetch_all(&pool)
        .await
        .expect("query");
        rows.iter()
            .map(|r| Sample {
                source: r.get(0),
                file: r.get(1),
                locator: r.get(2),
                area: r.get(3),
                period: r.get(4),
                value: r.get(5),
                names: vec![r.get(6), r.get(7)],
                m49: r.get(8),
            })
            .collect()
    })
}

/// Whether `text` holds a number equal to `value` in the file's unit (persons, thousands,
/// millions, a ratio stored per 100).
fn holds_value(text: &str, value: f64) -> bool {
    text.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == 'e' || c == 'E' || c == '+'))
        .filter_map(|t| t.parse::<f64>().ok())
        .any(|x| [1.0, 1e2, 1e3, 1e6].iter().any(|k| (x * k - value).abs() <= 1e-6 * value.abs().max(1.0)))
}

fn holds_area(text: &str, s: &Sample) -> bool {
    // A group's figure read from one row (a region with one reporting country, the publisher's
    // "Unknown" row for the world) is on a line that names no group.
    if s.area.len() != 3 {
        return true;
    }
    let low = text.to_lowercase();
    low.contains(&s.area.to_lowercase())
        || s.names.iter().any(|n| low.contains(&n.to_lowercase()))
        || s.m49.is_some_and(|m| text.split(|c: char| !c.is_ascii_digit()).any(|t| t.parse::<i64>().ok() == Some(m)))
}

/// The line `n` (1-based, the header being line 1) of a text file, and its header.
fn line(bytes: &[u8], n: usize) -> Option<(String, String)> {
    let text = String::from_utf8_lossy(bytes);
    let mut lines = text.split('\n');
    let header = lines.next()?.trim_end_matches('\r').to_string();
    let l = if n == 1 { header.clone() } else { text.split('\n').nth(n - 1)?.trim_end_matches('\r').to_string() };
    Some((header, l))
}

#[test]
fn every_source_points_at_the_line_that_holds_its_figure() {
    let Some(db) = store() else { return };
    let samples = samples(db, 25);
    let mut checked: BTreeMap<String, usize> = BTreeMap::new();
    let mut wrong = Vec::new();
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut books: BTreeMap<String, mp_ingest::workbook::Workbook> = BTreeMap::new();
    for s in &samples {
        let path = data_dir().join(&s.file);
        if let Some(n) = s.locator.strip_prefix("row ") {
            let n: usize = n.parse().unwrap_or_else(|_| panic!("{}: locator {:?} is not `row N`", s.file, s.locator));
            let bytes = files.entry(s.file.clone()).or_insert_with(|| std::fs::read(&path).expect("the mirror's file"));
            let Some((header, l)) = line(bytes, n) else {
                wrong.push(format!("{} {}: the file has no line {n}", s.source, s.file));
                continue;
            };
            let year = &s.period[..4];
            // A wide file (WPP: one column per year) names the period in its header.
            let ok = holds_value(&l, s.value) && holds_area(&l, s) && (l.contains(year) || header.contains(year));
            if !ok {
                wrong
                    .push(format!("{} {} {}: {} {} {} not on that line: {l:.200}", s.source, s.file, s.locator, s.area, s.period, s.value));
            }
        } else if let Some((sheet, cell)) = s.locator.split_once('!') {
            let book = books.entry(s.file.clone()).or_insert_with(|| {
                let input = mp_ingest::files::InputFile::read(&path, &s.file).expect("the mirror's file");
                let limits =
                    mp_ingest::Limits { max_file_bytes: u64::MAX, max_cells: u64::MAX, max_sheet_area: u64::MAX, ..Default::default() };
                mp_ingest::workbook::Workbook::open_with(&input, &limits).expect("a workbook")
            });
            let range = book.sheet(sheet).expect("the named sheet");
            let letters: String = cell.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
            let row: u32 = cell[letters.len()..].parse().expect("a cell reference");
            let col = letters.bytes().fold(0u32, |a, b| a * 26 + u32::from(b - b'A' + 1)) - 1;
            let got = range.get_value((row - 1, col)).and_then(|d| mp_ingest::workbook::cell_number(d).ok().flatten());
            if !got.is_some_and(|x| [1.0, 1e2, 1e3, 1e6].iter().any(|k| (x * k - s.value).abs() <= 1e-6 * s.value.abs().max(1.0))) {
                wrong
                    .push(format!("{} {} {}: {} {} {} but the cell holds {got:?}", s.source, s.file, s.locator, s.area, s.period, s.value));
            }
        } else {
            wrong.push(format!("{} {}: locator {:?} names no row or cell", s.source, s.file, s.locator));
        }
        *checked.entry(s.source.clone()).or_default() += 1;
    }
    assert!(wrong.is_empty(), "{} of {} locators are wrong:\n{}", wrong.len(), samples.len(), wrong.join("\n"));
    // Every public source family is checked, each on several observations.
    for family in [
        "undesa-ims",
        "undesa-ims-totals",
        "un-wpp",
        "wb-wdi",
        "wb-pop",
        "wb-gdp",
        "wb-knomad",
        "unhcr",
        "idmc",
        "idmc-nd",
        "iom-mmp",
        "frontex",
        "eurostat-asyappctza",
        "unesco-uis",
        "gapminder-sg",
    ] {
        assert!(checked.get(family).is_some_and(|n| *n >= 10), "{family}: {:?} observations checked", checked.get(family));
    }
    eprintln!("locators checked: {checked:?}");
}

/// The lines of a table row or sentence starting at the first line that contains `key`, up to
/// `n` lines on.
fn around<'a>(lines: &'a [&'a str], key: &str, n: usize) -> Vec<&'a str> {
    let i = lines.iter().position(|l| l.contains(key)).unwrap_or_else(|| panic!("{key} is not in the document"));
    lines[i..(i + n).min(lines.len())].to_vec()
}

#[test]
fn senegal_french_pdf_marks_the_fdi_artefact_and_the_ratio_built_on_it() {
    let Some(db) = store() else { return };
    if std::process::Command::new("pdftotext").arg("-v").output().is_err() {
        eprintln!("skipping: pdftotext (poppler-utils) is not installed");
        return;
    }
    let out = tempfile::tempdir().expect("temp dir");
    let dir = out.path().display().to_string();
    ok(&mprofile(db, &["build", "--area", "SEN", "--lang", "fr", "--format", "pdf", "--out", &dir]));
    let pdf = Path::new(&dir).join("SEN/SEN-fr.pdf");
    let txt = Path::new(&dir).join("sen.txt");
    let run = std::process::Command::new("pdftotext").arg("-layout").arg(&pdf).arg(&txt).output().expect("pdftotext");
    assert!(run.status.success());
    // pdftotext writes the no-break spaces of French typography as plain spaces.
    let text = std::fs::read_to_string(&txt).expect("text").replace(['\u{a0}', '\u{202f}'], " ");
    let lines: Vec<&str> = text.lines().collect();
    let note = "« peu fiable » : l'éditeur";
    for key in ["DEV.FDI ", "REM.VS_FDI "] {
        let rows = around(&lines, key, 3);
        assert!(rows.iter().any(|l| l.contains("(peu fiable)")), "{key} is not marked: {rows:?}");
        assert!(rows.iter().any(|l| l.contains("2023")), "{key}: the 2023 figure: {rows:?}");
        // The footnote follows the table the figure is in, before the next table's caption.
        let after = around(&lines, key, 80);
        let foot = after.iter().position(|l| l.contains(note));
        let next = after.iter().skip(1).position(|l| l.trim_start().starts_with("Tableau "));
        assert!(foot.is_some_and(|f| next.is_none_or(|n| f <= n + 1)), "{key}: no footnote under its table: {after:?}");
    }
    // A sentence that takes the migrants from UN DESA and the population from the World Bank
    // cites both, by their numbers in the sources annex.
    let sentence = around(&lines, "migrants internationaux vivaient", 4).join(" ");
    let cited = sentence.split("(Sources : ").nth(1).unwrap_or_default();
    assert!(cited.starts_with('[') && cited.matches('[').count() >= 2, "{sentence}");
}
