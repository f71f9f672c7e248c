//! The shipped templates parse, name only what the framework has, and give every theme a home.

use mp_domain::Framework;
use mp_profile::Template;
use std::path::Path;

fn framework() -> Framework {
    let files = mp_ingest::framework_dir::read_framework_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../framework"))
        .unwrap_or_else(|e| panic!("{e}"));
    Framework::from_files(&files, None).unwrap_or_else(|e| panic!("{e}"))
}

fn template(name: &str, fw: &Framework) -> Template {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../templates").join(name);
    Template::parse(name, &std::fs::read_to_string(p).unwrap(), fw).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn country_templates_give_every_theme_a_home() {
    let fw = framework();
    for name in ["iom-2011.toml", "wca-2009.toml"] {
        let t = template(name, &fw);
        let themes = t.themes();
        for th in &fw.themes {
            assert!(themes.contains(&th.code.to_string()), "{name}: theme {} has no home", th.code);
        }
    }
}

#[test]
fn regional_template_parses() {
    let fw = framework();
    let t = template("regional.toml", &fw);
    assert!(t.regional);
}

#[test]
fn a_template_naming_an_unknown_indicator_is_refused() {
    let fw = framework();
    let text = "id = \"x\"\nname = { en = \"x\", fr = \"x\", pt = \"x\" }\n[[section]]\nid = \"a\"\ntitle = { en = \"a\", fr = \"a\", pt = \"a\" }\nblock = [ { type = \"series\", indicators = [\"NOPE.NOPE\"] } ]\n";
    let e = Template::parse("x.toml", text, &fw).unwrap_err();
    assert!(e.to_string().contains("unknown indicator NOPE.NOPE"), "{e}");
}
