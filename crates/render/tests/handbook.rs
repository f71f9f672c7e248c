//! The indicator handbook: built from the shipped framework, every message it uses exists in
//! English, French and Portuguese (with the arguments it gives), every framework text it shows
//! has all three languages, and each language's HTML shows the theme and indicator texts of
//! that language, never a message id.

use mp_domain::{Framework, Lang};
use mp_profile::handbook::{build_handbook, message_ids, missing_translations};
use std::path::Path;

fn framework() -> Framework {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let files = mp_ingest::framework_dir::read_framework_dir(&root.join("framework")).unwrap_or_else(|e| panic!("{e}"));
    Framework::from_files(&files, None).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn no_missing_translation() {
    let fw = framework();
    let doc = build_handbook(&fw, "2026-01-15");
    assert_eq!(missing_translations(&doc), Vec::<String>::new());
    let ids = message_ids(&doc);
    assert!(ids.len() >= 15, "{ids:?}");
    let mut missing = Vec::new();
    for id in &ids {
        for l in Lang::ALL {
            if !mp_i18n::has(l, id) {
                missing.push(format!("{id} ({})", l.code()));
            }
        }
    }
    assert!(missing.is_empty(), "messages missing from the translation files: {missing:?}");
}

#[test]
fn every_theme_and_indicator_in_every_language() {
    let fw = framework();
    let doc = build_handbook(&fw, "2026-01-15");
    let themes_with_indicators = fw.themes.iter().filter(|t| fw.indicators.iter().any(|i| i.theme == t.code)).count();
    assert_eq!(doc.sections.len(), 1 + themes_with_indicators);
    assert_eq!(doc.sections.iter().map(|s| s.children.len()).sum::<usize>(), fw.indicators.len());
    let stock = fw.find("IMM.STOCK").expect("IMM.STOCK in the framework");
    for lang in Lang::ALL {
        let html = mp_render::html::document_html(&doc, lang, &mp_render::html::HtmlOptions::default());
        assert!(!html.contains("handbook-"), "{}: a message id shows in the page", lang.code());
        let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;");
        assert!(html.contains(&esc(stock.definition.get(lang))), "{}: the definition of IMM.STOCK", lang.code());
        for t in &fw.themes {
            assert!(html.contains(&esc(t.name.get(lang))), "{}: theme {}", lang.code(), t.code.as_str());
        }
        // The candidate sources in the reader's language, with their codes.
        for s in &stock.sources {
            let name = match &s.code {
                Some(c) => format!("{} ({c})", s.name.get(lang)),
                None => s.name.get(lang).to_string(),
            };
            assert!(html.contains(&esc(&name)), "{}: source {name}", lang.code());
        }
        if lang != Lang::En {
            assert!(
                !html.contains("UN DESA Population Division, International Migrant Stock 2024"),
                "{}: an English source name",
                lang.code()
            );
        }
        let title = mp_i18n::t(lang, "handbook-title", &[]);
        assert!(html.contains(&title), "{}: the title", lang.code());
    }
}
