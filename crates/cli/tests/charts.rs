//! Every chart of the demo's documents (ten countries, three languages, the regional report)
//! is measured: no two of its labels may touch, and every line or bar chart has a legend.

mod common;

use common::*;

/// The `<svg>…</svg>` drawings of an HTML page.
fn drawings(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<svg") {
        let Some(len) = rest[start..].find("</svg>") else { break };
        out.push(&rest[start..start + len + "</svg>".len()]);
        rest = &rest[start + len..];
    }
    out
}

#[test]
fn no_two_chart_labels_touch_in_any_demo_document() {
    if !data_dir().join("MANIFEST.tsv").exists() {
        eprintln!("skipping: the public data mirror is not at {} (set MPROFILE_DATA)", data_dir().display());
        return;
    }
    let (dir, db) = temp_db();
    ok(&mprofile(&db, &["init"]));
    ok(&mprofile(&db, &["import", "-q", "--all"]));
    // The quality section's heat map is drawn only once the assessment is stored.
    ok(&mprofile(&db, &["quality", "assess"]));
    let out = dir.path().join("out");
    ok(&mprofile(&db, &["build", "--all", "--format", "html", "--out", &out.display().to_string()]));

    let mut checked = 0;
    let mut problems = Vec::new();
    for entry in walkdir(&out) {
        let html = std::fs::read_to_string(&entry).expect("a built page");
        for svg in drawings(&html) {
            checked += 1;
            for (a, b) in mp_chart::overlapping_labels(svg) {
                problems.push(format!("{}: {:?} touches {:?}", entry.display(), a.text, b.text));
            }
        }
    }
    assert!(checked > 100, "only {checked} charts found in {}", out.display());
    assert!(problems.is_empty(), "{} overlaps in {checked} charts:\n{}", problems.len(), problems.join("\n"));
}

fn walkdir(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for e in std::fs::read_dir(dir).expect("the output directory").flatten() {
        let p = e.path();
        if p.is_dir() {
            files.extend(walkdir(&p));
        } else if p.extension().is_some_and(|x| x == "html") {
            files.push(p);
        }
    }
    files
}
