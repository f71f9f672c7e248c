//! The data-collection guide of an organisation: built from the shipped framework for the
//! themes it is assigned, every message it uses exists in English, French and Portuguese, every
//! framework text it shows has all three languages, and each language's HTML shows the deadline,
//! the assigned indicators and nothing of the other themes or of computed indicators.

use mp_domain::{AreaCode, Framework, I18nText, Lang, ThemeCode};
use mp_profile::collection_guide::{GuideFor, build_guide};
use mp_profile::handbook::{message_ids, missing_translations};
use std::path::Path;

fn framework() -> Framework {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let files = mp_ingest::framework_dir::read_framework_dir(&root.join("framework")).unwrap_or_else(|e| panic!("{e}"));
    Framework::from_files(&files, None).unwrap_or_else(|e| panic!("{e}"))
}

fn guide(fw: &Framework, themes: &[ThemeCode], deadline: Option<(&str, &str)>) -> mp_profile::Document {
    let sen = AreaCode::parse("SEN").unwrap();
    let name = I18nText::new("Senegal", "Sénégal", "Senegal");
    build_guide(
        fw,
        &GuideFor {
            organisation: "Agence nationale de la statistique et de la démographie",
            country: &sen,
            country_name: &name,
            themes: Some(themes),
            deadline,
        },
        "2026-12-03",
    )
}

#[test]
fn no_missing_translation() {
    let fw = framework();
    let all: Vec<ThemeCode> = fw.themes.iter().map(|t| t.code.clone()).collect();
    for doc in [guide(&fw, &all, Some(("2027", "2027-03-31"))), guide(&fw, &[], None)] {
        assert_eq!(missing_translations(&doc), Vec::<String>::new());
        let mut missing = Vec::new();
        for id in message_ids(&doc) {
            for l in Lang::ALL {
                if !mp_i18n::has(l, &id) {
                    missing.push(format!("{id} ({})", l.code()));
                }
            }
        }
        assert!(missing.is_empty(), "messages missing from the translation files: {missing:?}");
    }
}

#[test]
fn the_assigned_indicators_in_every_language() {
    let fw = framework();
    let stock = fw.find("IMM.STOCK").expect("IMM.STOCK in the framework");
    let theme = stock.theme.clone();
    let doc = guide(&fw, std::slice::from_ref(&theme), Some(("2027", "2027-03-31")));
    let reported: Vec<_> = fw.indicators.iter().filter(|i| i.theme == theme && i.formula.is_none()).collect();
    let computed: Vec<_> = fw.indicators.iter().filter(|i| i.theme == theme && i.formula.is_some()).collect();
    let other = fw.indicators.iter().find(|i| i.theme != theme && i.formula.is_none()).expect("another theme");
    assert_eq!(doc.sections.len(), 2, "the introduction and the one theme");
    assert_eq!(doc.sections[1].children.len(), reported.len());
    for lang in Lang::ALL {
        let html = mp_render::html::document_html(&doc, lang, &mp_render::html::HtmlOptions::default());
        assert!(!html.contains("library-guide-") && !html.contains("handbook-"), "{}: a message id shows", lang.code());
        assert!(html.contains("2027-03-31") && html.contains("Agence nationale de la statistique"), "{}", lang.code());
        assert!(html.contains("--theme ") && html.contains(theme.as_str()), "{}: the template to use", lang.code());
        let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;");
        for i in &reported {
            assert!(html.contains(&esc(i.name.get(lang))), "{}: {}", lang.code(), i.code.as_str());
        }
        for i in &computed {
            assert!(!html.contains(&format!(">{}<", i.code.as_str())), "{}: computed {} is not reported", lang.code(), i.code.as_str());
        }
        assert!(!html.contains(&format!(">{}<", other.code.as_str())), "{}: {} is another theme's", lang.code(), other.code.as_str());
    }
}
