//! `init`, `framework`, `areas` and `doctor` on a fresh store, on SQLite and PostgreSQL.

mod common;

use common::*;
use serde_json::Value;

#[test]
fn init_is_safe_to_run_twice_and_lists_everything() {
    for (_guard, db) in stores("init") {
        let first = ok(&mprofile(&db, &["init"]));
        assert!(first.contains("246 indicators") || first.contains("indicators"), "{first}");
        let second = ok(&mprofile(&db, &["init"]));
        assert!(second.contains("0 rows inserted, 0 updated"), "{second}");
        let doctor = ok(&mprofile(&db, &["doctor"]));
        assert!(!doctor.contains("FAIL"), "{doctor}");
    }
}

#[test]
fn framework_list_json_meets_the_contract() {
    let (_g, db) = temp_db();
    let out = ok(&mprofile(&db, &["framework", "list", "--format", "json"]));
    let list: Vec<Value> = serde_json::from_str(&out).expect("a JSON array");
    assert!(list.len() >= 130, "{} indicators", list.len());
    let mut themes = std::collections::BTreeSet::new();
    for i in &list {
        for key in ["code", "theme", "unit"] {
            assert!(i[key].is_string(), "{key} in {i}");
        }
        for key in ["name", "definition"] {
            for lang in ["en", "fr", "pt"] {
                assert!(i[key][lang].as_str().is_some_and(|s| !s.trim().is_empty()), "{} has an empty {key}.{lang}", i["code"]);
            }
        }
        assert!(i["dimensions"].is_array() && i["sources"].is_array());
        assert!(i["sources"].as_array().unwrap().iter().all(|s| s["name"].is_string()));
        // The English name stays one string; `names` has it in every language.
        for s in i["sources"].as_array().unwrap() {
            assert_eq!(s["names"]["en"], s["name"], "{}", i["code"]);
            assert!(s["names"]["fr"].as_str().is_some_and(|t| !t.trim().is_empty()), "{} has a source without French name", i["code"]);
        }
        assert!(i["formula"].is_string() || i["formula"].is_null());
        themes.insert(i["theme"].as_str().unwrap().to_string());
    }
    assert_eq!(themes.len(), 14, "{themes:?}");
    let fr = ok(&mprofile(&db, &["framework", "list", "--theme", "T04", "--lang", "fr"]));
    assert!(fr.contains("IMM.STOCK") && !fr.contains("DEV.POP"), "{fr}");
    let show = ok(&mprofile(&db, &["framework", "show", "IMM.STOCK"]));
    assert!(show.contains("definition") && show.contains("source"), "{show}");
    let show = ok(&mprofile(&db, &["framework", "show", "IMM.STOCK", "--lang", "fr"]));
    assert!(show.contains("ONU-DAES, Division de la population, Stock de migrants internationaux 2024 (SM.POP.TOTL)"), "{show}");
}

#[test]
fn areas_json_meets_the_contract() {
    let (_g, db) = temp_db();
    ok(&mprofile(&db, &["init"]));
    let list: Vec<Value> = serde_json::from_str(&ok(&mprofile(&db, &["areas", "--format", "json"]))).expect("JSON");
    let countries = list.iter().filter(|a| a["kind"] == "country").count();
    assert!(countries >= 249, "{countries} countries");
    for g in ["WORLD", "AFRICA", "SUB_SAHARAN_AFRICA", "WESTERN_AFRICA", "MIDDLE_AFRICA", "ECOWAS"] {
        let a = list.iter().find(|a| a["code"] == g).unwrap_or_else(|| panic!("group {g} missing"));
        assert!(a["iso3"].is_null() && a["kind"] == "group");
    }
    let cod = list.iter().find(|a| a["iso3"] == "COD").unwrap();
    assert_eq!(cod["name"]["pt"], "República Democrática do Congo");
    assert_eq!(cod["m49"], "180");
    assert_eq!(cod["profile_language"], "fr");
    let cog = list.iter().find(|a| a["iso3"] == "COG").unwrap();
    assert!(!cog["name"]["pt"].as_str().unwrap().contains("Democrática"), "{cog}");
    let langs: Vec<(&str, &str)> = list
        .iter()
        .filter(|a| !a["profile_language"].is_null())
        .map(|a| (a["iso3"].as_str().unwrap(), a["profile_language"].as_str().unwrap()))
        .collect();
    assert_eq!(langs.len(), 10);
    for (c, l) in [("GHA", "en"), ("NGA", "en"), ("CPV", "pt"), ("SEN", "fr"), ("CMR", "fr")] {
        assert!(langs.contains(&(c, l)), "{c} {l}");
    }
}

#[test]
fn a_broken_framework_is_refused_and_the_store_is_unchanged() {
    let (g, db) = temp_db();
    ok(&mprofile(&db, &["init"]));
    let before = std::fs::read(&db).unwrap();
    let broken = g.path().join("framework");
    copy_dir(&repo().join("framework"), &broken);
    let t04 = broken.join("indicators/T04-emigration-immigration.toml");
    let text = std::fs::read_to_string(&t04).unwrap();
    // A duplicate code, an unknown theme and a formula naming an unknown indicator.
    let extra = "\n[[indicator]]\ncode = \"IMM.STOCK\"\ntheme = \"T99\"\nname = { en = \"x\", fr = \"x\", pt = \"x\" }\ndefinition = { en = \"x\", fr = \"x\", pt = \"\" }\nunit = \"persons\"\nformula = \"NOPE.X * 2\"\n";
    std::fs::write(&t04, format!("{text}{extra}")).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mprofile"))
        .args(["--db", &db, "--data"])
        .arg(data_dir())
        .arg("--framework")
        .arg(&broken)
        .arg("init")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("indicators/T04-emigration-immigration.toml: indicator IMM.STOCK: duplicate indicator code"), "{err}");
    assert!(err.contains("no Português text") || err.contains("duplicate"), "{err}");
    // The store file is byte-for-byte what it was (nothing was opened for writing).
    assert_eq!(std::fs::read(&db).unwrap(), before);
    // A missing unit and an unknown theme are named too.
    std::fs::write(&t04, format!("{text}\n[[indicator]]\ncode = \"IMM.NEW\"\ntheme = \"T99\"\nname = {{ en = \"x\", fr = \"x\", pt = \"x\" }}\ndefinition = {{ en = \"x\", fr = \"x\", pt = \"x\" }}\nformula = \"NOPE.X * 2\"\n")).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mprofile"))
        .args(["--db", &db, "--data"])
        .arg(data_dir())
        .arg("--framework")
        .arg(&broken)
        .arg("init")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    for want in ["unknown theme `T99`", "`unit` is missing", "formula names unknown indicator NOPE.X"] {
        assert!(err.contains(want), "missing `{want}` in:\n{err}");
    }
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}
