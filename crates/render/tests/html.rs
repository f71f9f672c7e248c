//! The HTML profile: snapshots in the three languages, safety of narratives, number formats,
//! self-containment and size.

mod common;

use common::*;
use mp_domain::Lang;
use mp_profile::{Block, Document, Text};
use mp_render::html::{Download, HtmlOptions, document_html, section_html};

fn options(lang: Lang) -> HtmlOptions {
    HtmlOptions {
        base_path: String::new(),
        languages: Lang::ALL.iter().filter(|l| **l != lang).map(|l| (*l, format!("SEN-{}.html", l.code()))).collect(),
        pdf: Some(Download { href: format!("SEN-{}.pdf", lang.code()), bytes: Some(1_450_000) }),
        data: Some(Download { href: "SEN.csv".into(), bytes: None }),
        draft: None,
    }
}

#[test]
fn snapshots_in_three_languages() {
    let doc = document();
    for lang in Lang::ALL {
        let html = document_html(&doc, lang, &options(lang));
        insta::assert_snapshot!(format!("document_{}", lang.code()), html);
    }
}

/// Every tag of a page as (name, attributes text), lower case; text cannot hold a raw `<`.
fn tags(html: &str) -> Vec<(String, String)> {
    let lower = html.to_ascii_lowercase();
    lower
        .split('<')
        .skip(1)
        .filter_map(|t| {
            let t = t.split('>').next()?;
            let t = t.trim_start_matches('/');
            let name: String = t.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '!').collect();
            let attrs = t[name.len()..].to_string();
            Some((name, attrs))
        })
        .collect()
}

/// Nothing a browser could fetch, run or be sent to on its own.
fn assert_self_contained(html: &str) {
    for (name, attrs) in tags(html) {
        assert!(
            !["script", "link", "img", "iframe", "object", "embed", "image", "use", "foreignobject", "base", "meta http-equiv"]
                .contains(&name.as_str()),
            "<{name}{attrs}>"
        );
        for attr in attrs.split_whitespace() {
            let key = attr.split('=').next().unwrap_or_default();
            assert!(!key.starts_with("on") && key != "src" && key != "srcset" && key != "xlink:href" && key != "style", "<{name} {attr}>");
            if key == "href" {
                let v = attr.trim_start_matches("href=").trim_matches('"');
                assert!(mp_render::markdown::safe_url(v) || v == "#", "<{name} {attr}>");
            }
        }
    }
    let css = html.split("<style>").nth(1).and_then(|s| s.split("</style>").next()).unwrap_or_default();
    assert!(!css.contains("url(") && !css.contains("@import"), "the stylesheet loads something");
}

#[test]
fn pages_are_self_contained_and_declare_their_language() {
    let doc = document();
    for lang in Lang::ALL {
        let html = document_html(&doc, lang, &options(lang));
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"") && html.contains(&format!("<html lang=\"{}\">", lang.code())));
        assert_self_contained(&html);
        assert!(html.contains(r##"<a class="skip" href="#main">"##) && html.contains(r#"<main id="main">"#));
        // A message missing from the translation files, or given the wrong arguments, shows as `[id]`.
        let fallback = html
            .split('[')
            .skip(1)
            .find(|t| t.split_once(']').is_some_and(|(id, _)| !id.is_empty() && id.chars().all(|c| c.is_ascii_lowercase() || c == '-')));
        assert!(fallback.is_none(), "{lang}: untranslated [{}", fallback.unwrap_or_default().chars().take(40).collect::<String>());
    }
}

#[test]
fn a_script_in_a_narrative_is_inert() {
    let mut doc = document();
    let evil = "Intro <script>alert('x')</script>\n\n<script src=\"https://evil.example/x.js\"></script>\n\n\
                <img src=x onerror=\"alert(1)\">\n\n[click](javascript:alert(1)) [also](  JaVaScRiPt:alert(2)) \
                <a href=\"javascript:alert(3)\">raw</a>\n\n![pic](https://evil.example/track.png)";
    doc.sections[1].blocks.push(narrative(evil, evil, evil));
    for lang in Lang::ALL {
        let html = document_html(&doc, lang, &options(lang));
        assert_self_contained(&html);
        assert!(html.contains("&lt;script&gt;"), "the text should still be visible, escaped");
    }
}

#[test]
fn french_uses_french_number_formatting() {
    let doc = document();
    let html = document_html(&doc, Lang::Fr, &options(Lang::Fr));
    // Narrow no-break space between thousands, decimal comma, no-break space before %.
    assert!(html.contains("274\u{202f}929"), "table value");
    assert!(html.contains("34,5\u{a0}%"), "share");
    assert!(html.contains("18,5 millions"), "key figure");
    assert!(!html.contains("274,929") && !html.contains("34.5%"));
    let en = document_html(&doc, Lang::En, &options(Lang::En));
    assert!(en.contains("274,929") && en.contains("34.5%") && en.contains("18.5 million"));
    let pt = document_html(&doc, Lang::Pt, &options(Lang::Pt));
    assert!(pt.contains("274\u{a0}929") && pt.contains("34,5%"));
}

#[test]
fn figures_and_tables_are_numbered_in_reading_order() {
    let doc = document();
    let html = document_html(&doc, Lang::En, &HtmlOptions::default());
    let f1 = html.find("Figure 1.").unwrap();
    let f2 = html.find("Figure 2.").unwrap();
    let t1 = html.find("Table 1.").unwrap();
    let f3 = html.find("Figure 3.").unwrap();
    assert!(f1 < f2 && f2 < t1 && t1 < f3);
    assert!(!html.contains("Table 2."), "the data behind charts is not a numbered table");
    assert_eq!(html.matches("<details>").count(), 3, "one data table per chart");
    assert_eq!(html.matches(r#"<p class="src">"#).count(), 4, "a source line under every chart and table");
}

#[test]
fn every_table_has_a_caption_and_header_scopes() {
    let doc = document();
    let html = document_html(&doc, Lang::En, &HtmlOptions::default());
    assert_eq!(html.matches("<table>").count(), html.matches("<caption").count());
    assert!(html.contains(r#"<th scope="col">"#) && html.contains(r#"<th scope="row">"#));
}

#[test]
fn sections_render_alone_with_the_document_numbering() {
    let doc = document();
    let a1 = &doc.sections[2].children[0];
    let html = section_html(&doc, a1, Lang::En);
    assert!(html.starts_with(r#"<section id="A.1">"#) && html.contains("<h3>"), "{}", &html[..80]);
    assert!(html.contains("Figure 1.") && html.contains("Table 1."));
}

#[test]
fn language_switch_and_downloads_use_the_base_path() {
    let doc = document();
    let mut opts = options(Lang::En);
    opts.base_path = "/profiles/SEN".into();
    opts.data = Some(Download { href: "https://data.example/SEN.csv".into(), bytes: None });
    let html = document_html(&doc, Lang::En, &opts);
    assert!(html.contains(r#"<a href="/profiles/SEN/SEN-fr.html" hreflang="fr" lang="fr">Français</a>"#), "{html}");
    assert!(html.contains(r#"href="/profiles/SEN/SEN-en.pdf""#));
    assert!(html.contains(r#"href="https://data.example/SEN.csv""#));
    assert!(html.contains(r#"<span aria-current="page" lang="en">English</span>"#));
}

/// A country profile has about a dozen charts; a page of ten long ones must stay light.
#[test]
fn ten_charts_stay_well_under_150_kb() {
    let mut doc = document();
    let mut blocks = Vec::new();
    for i in 0..10 {
        blocks.push(Block::Chart(if i % 3 == 2 {
            origins_chart(&format!("big-{i}"))
        } else {
            forecast_chart(&format!("big-{i}"), 1990..=2050, 2025)
        }));
        blocks.push(Block::Paragraph(vec![Text::plain("Some words about the chart above, as a profile has.")]));
    }
    doc.sections.push(section("many", "C", i18n("Many", "Beaucoup", "Muitos"), blocks, Vec::new()));
    for lang in Lang::ALL {
        let html = document_html(&doc, lang, &options(lang));
        eprintln!("{lang}: {} bytes", html.len());
        assert!(html.len() < 150_000, "{lang}: {} bytes", html.len());
    }
}

#[test]
fn css_is_small() {
    assert!(mp_render::CSS.len() < 8 * 1024, "{} bytes", mp_render::CSS.len());
}

#[test]
fn sections_with_nothing_to_show_are_left_out() {
    let mut doc: Document = document();
    // A narrative in English only, and an "Introduction" waiting for its narrative.
    doc.sections[1].blocks = vec![Block::Narrative([(Lang::En, "Only English".to_string())].into_iter().collect())];
    doc.sections.insert(
        2,
        section("intro", "", i18n("Introduction", "Introduction", "Introdução"), vec![Block::KeyFigures(Vec::new())], Vec::new()),
    );
    let fr = document_html(&doc, Lang::Fr, &HtmlOptions::default());
    assert!(!fr.contains("Only English") && !fr.contains("Résumé") && !fr.contains("intro"), "{fr}");
    assert_eq!(fr.matches(r#"class="kf""#).count(), 1, "only the real key figures");
    assert!(section_html(&doc, &doc.sections[1], Lang::Fr).is_empty());
    let en = document_html(&doc, Lang::En, &HtmlOptions::default());
    assert!(en.contains("Only English") && en.contains(r##"href="#summary""##) && !en.contains("intro"));
}

#[test]
#[ignore = "writes /tmp/render-sample*.html for looking at in a browser"]
fn write_sample() {
    let doc = document();
    for lang in Lang::ALL {
        let name =
            if lang == Lang::En { "/tmp/render-sample.html".to_string() } else { format!("/tmp/render-sample-{}.html", lang.code()) };
        std::fs::write(name, document_html(&doc, lang, &options(lang))).unwrap();
    }
}

#[test]
fn drafts_mark_missing_text_and_published_documents_leave_it_out_renumbered() {
    let mut doc: Document = document();
    let empty = || Block::Narrative(Default::default());
    let t = || i18n("T", "T", "T");
    doc.sections.push(section(
        "part-x",
        "C",
        i18n("Part X", "Partie X", "Parte X"),
        Vec::new(),
        vec![
            section("x-first", "C.1", t(), vec![empty()], Vec::new()),
            section(
                "x-second",
                "C.2",
                i18n("Written", "Écrit", "Escrito"),
                vec![narrative("Some text", "Du texte", "Algum texto")],
                Vec::new(),
            ),
        ],
    ));
    let draft =
        HtmlOptions { draft: Some(mp_render::html::DraftMark { word: "DRAFT".into(), note: "n".into() }), ..HtmlOptions::default() };
    let d = document_html(&doc, Lang::En, &draft);
    assert!(d.contains("[Awaiting text]") && d.contains(">C.1<") && d.contains(">C.2<"), "a draft shows the gap and keeps numbers");
    let p = document_html(&doc, Lang::En, &HtmlOptions::default());
    assert!(!p.contains("[Awaiting text]") && !p.contains("Awaiting"), "a published document never shows placeholders");
    assert!(
        p.contains(r#"<span class="no">C.1</span> Written"#) && !p.contains(">C.2<"),
        "the written section takes the number of the one left out"
    );
    let fr = document_html(&doc, Lang::Fr, &HtmlOptions::default());
    assert!(fr.contains("Du texte") && !fr.contains("Texte en attente"));
}
