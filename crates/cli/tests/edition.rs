//! Editions: a frozen edition rebuilds to the same PDF after new data arrive, the narrative
//! goes in its place safely, and `edition diff` names the figures that changed.

mod common;

use common::*;

fn sdmx(dir: &std::path::Path, name: &str, value: u64) -> String {
    let p = dir.join(name);
    std::fs::write(
        &p,
        format!(
            "DATAFLOW,REF_AREA,INDICATOR,SEX,COUNTERPART_AREA,TIME_PERIOD,OBS_VALUE,OBS_STATUS\n\
             ANSD:RGPHE(1.0),SEN,IMM.STOCK,_T,_T,2013,{value},A\n\
             ANSD:RGPHE(1.0),SEN,IMM.STOCK,F,_T,2013,95000,A\n"
        ),
    )
    .unwrap();
    p.display().to_string()
}

#[test]
fn a_frozen_edition_rebuilds_identically_and_diffs_name_changes() {
    let (g, db) = temp_db();
    let out = g.path().join("out");
    let out_s = out.display().to_string();
    ok(&mprofile(&db, &["init"]));
    ok(&mprofile(&db, &["import", "-q", "--source", "wpp2024", "--source", "undesa-ims"]));
    ok(&mprofile(&db, &["import", "-q", &sdmx(g.path(), "census-v1.csv", 210_000)]));
    ok(&mprofile(
        &db,
        &[
            "narrative",
            "set",
            "SEN",
            "--section",
            "A.1",
            "--lang",
            "fr",
            "--text",
            "Le recensement de 2013 <script>alert(1)</script> compte **210 000** immigrés.",
        ],
    ));
    ok(&mprofile(&db, &["edition", "create", "SEN", "2024"]));
    ok(&mprofile(&db, &["build", "--area", "SEN", "--edition", "2024", "--lang", "fr", "--format", "pdf,html", "--out", &out_s]));
    let pdf1 = std::fs::read(out.join("SEN/SEN-fr.pdf")).unwrap();
    let html = std::fs::read_to_string(out.join("SEN/SEN-fr.html")).unwrap();
    assert!(html.contains("Le recensement de 2013") && !html.contains("<script>alert"), "narrative shown, script inert");

    // New data and a revised census figure arrive; the narrative is edited.
    ok(&mprofile(&db, &["import", "-q", "--source", "worldbank"]));
    let revised = ok(&mprofile(&db, &["import", "-q", &sdmx(g.path(), "census-v2.csv", 213_456)]));
    assert!(revised.contains("1 changed"), "{revised}");
    ok(&mprofile(&db, &["narrative", "set", "SEN", "--section", "A.1", "--lang", "fr", "--text", "Texte révisé."]));

    ok(&mprofile(&db, &["build", "--area", "SEN", "--edition", "2024", "--lang", "fr", "--format", "pdf", "--out", &out_s]));
    let pdf2 = std::fs::read(out.join("SEN/SEN-fr.pdf")).unwrap();
    assert!(pdf1 == pdf2, "rebuilding a frozen edition must give an identical PDF");

    ok(&mprofile(&db, &["edition", "create", "SEN", "2026"]));
    let diff = ok(&mprofile(&db, &["edition", "diff", "SEN", "2024", "2026"]));
    let line = diff.lines().find(|l| l.starts_with("IMM.STOCK") && l.contains("2013")).unwrap_or_else(|| panic!("{diff}"));
    assert!(line.contains("210000") && line.contains("213456") && line.contains("+3456"), "{line}");
    assert!(diff.contains("1 figures changed"), "{diff}");
    // The World Bank figures imported since 2024 are listed one by one, as new.
    let added = diff.lines().filter(|l| l.ends_with(" new")).count();
    assert!(added > 0 && diff.contains(&format!(", {added} new,")), "{diff}");
    assert!(diff.lines().filter(|l| l.ends_with(" new")).all(|l| l.split_whitespace().count() >= 5), "{diff}");
    // Backwards, the same figures are listed one by one as no longer present.
    let back = ok(&mprofile(&db, &["edition", "diff", "SEN", "2026", "2024"]));
    let removed: Vec<&str> = back.lines().filter(|l| l.ends_with(" removed")).collect();
    assert!(removed.len() == added && back.contains(&format!(", {added} no longer present")), "{back}");
    assert!(removed.iter().all(|l| l.split_whitespace().count() >= 5), "{back}");
    // Freezing the same label twice is refused.
    assert!(!mprofile(&db, &["edition", "create", "SEN", "2026"]).status.success());
}
