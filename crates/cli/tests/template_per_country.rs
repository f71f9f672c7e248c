//! The profile structure chosen per country in `mprofile.toml` (`[templates]`): a country
//! listed there is built with its template (Senegal with the 2009 West and Central Africa
//! structure), the others keep the default IOM structure, in the same `build` run.

mod common;

use common::*;

/// The French heading of each country's part (`<h2>`, without its letter), in document order.
fn parts(html: &str) -> Vec<String> {
    html.split("<h2>")
        .skip(1)
        .filter_map(|h| h.split("</h2>").next())
        .filter_map(|h| h.split_once("</span> ").map(|(_, title)| title.to_string()))
        .collect()
}

#[test]
fn a_country_listed_in_the_config_file_gets_its_template_and_the_others_the_default() {
    if !data_dir().join("PROVENANCE.md").exists() {
        eprintln!("skipping: no data mirror at {} (set MPROFILE_DATA)", data_dir().display());
        return;
    }
    let (dir, db) = temp_db();
    ok(&mprofile(&db, &["init"]));
    ok(&mprofile(&db, &["import", "-q", "--source", "undesa-ims"]));
    let config = dir.path().join("mprofile.toml");
    std::fs::write(&config, "[templates]\nSEN = \"wca-2009\"\n").expect("config written");
    let out = dir.path().join("out");
    let (config, out) = (config.display().to_string(), out.display().to_string());
    ok(&mprofile(
        &db,
        &["--config", &config, "build", "--area", "SEN", "--area", "CIV", "--lang", "fr", "--format", "html", "--out", &out],
    ));
    let read = |c: &str| std::fs::read_to_string(format!("{out}/{c}/{c}-fr.html")).expect("the document was written");
    let (sen, civ) = (parts(&read("SEN")), parts(&read("CIV")));

    // The 2009 structure: the situation analysed before the factors, policies and consequences.
    let situation = "Analyse de la situation migratoire dans le pays".to_string();
    assert!(sen.contains(&situation), "Senegal is built with the 2009 structure: {sen:?}");
    assert!(
        sen.iter().all(|p| !p.starts_with("Tendances migratoires") && !p.starts_with("Gouvernance")),
        "no part of the IOM structure in Senegal's: {sen:?}"
    );
    // Côte d'Ivoire is not listed: the IOM structure (trends, impact, governance, conclusions).
    assert!(civ.iter().any(|p| p == "Tendances migratoires et caractéristiques des migrants"), "Côte d'Ivoire keeps the default: {civ:?}");
    assert!(!civ.contains(&situation), "no part of the 2009 structure in Côte d'Ivoire's: {civ:?}");
}
