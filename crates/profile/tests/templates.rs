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
            assert!(themes.contains(&th.code), "{name}: theme {} has no home", th.code);
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
    let e = Template::parse("x.toml", text, &fw).unwrap_err().to_string();
    assert!(e.starts_with("template x.toml: ") && e.contains("section a, block 1 (series): unknown indicator NOPE.NOPE"), "{e}");
}

/// Codes are parsed when the template loads: a malformed code, a dimension the indicator does
/// not have and an unknown theme are each an error naming the file, the section and the block.
#[test]
fn template_codes_are_parsed_and_checked_when_it_loads() {
    let fw = framework();
    let doc = |blocks: &str| {
        format!(
            "id = \"x\"\nname = {{ en = \"x\", fr = \"x\", pt = \"x\" }}\n[[section]]\nid = \"a\"\ntitle = {{ en = \"a\", fr = \"a\", pt = \"a\" }}\nblock = [ {blocks} ]\n"
        )
    };
    let e = Template::parse("y.toml", &doc("{ type = \"series\", indicators = [\"imm stock\"] }"), &fw).unwrap_err().to_string();
    assert!(e.starts_with("template y.toml: ") && e.contains("indicator code"), "{e}");
    let e = Template::parse(
        "y.toml",
        &doc("{ type = \"narrative\" }, { type = \"breakdown\", indicator = \"IMM.STOCK\", dim = \"COLOUR\" }"),
        &fw,
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("section a, block 2 (breakdown): IMM.STOCK has no dimension COLOUR"), "{e}");
    let e = Template::parse("y.toml", &doc("{ type = \"series\", indicators = [\"IMM.STOCK\"], dims = \"SEX=\" }"), &fw)
        .unwrap_err()
        .to_string();
    assert!(e.contains("bad dimension filter"), "{e}");
    let e = Template::parse("y.toml", &doc("{ type = \"theme_table\", theme = \"T88\" }"), &fw).unwrap_err().to_string();
    assert!(e.contains("section a, block 1 (theme_table): unknown theme T88"), "{e}");
    let t = Template::parse("y.toml", &doc("{ type = \"series\", indicators = [\"IMM.STOCK\"], dims = \"SEX=F\" }"), &fw).unwrap();
    let mp_profile::template::BlockSpec::Series { dims: Some(k), .. } = &t.section[0].block[0] else { panic!() };
    assert_eq!(k.to_string(), "SEX=F");
}
