//! Narrative Markdown to HTML that cannot run anything or load anything.
//!
//! Narratives are written by Technical Working Groups and pasted from word processors; the
//! profile is a file passed around by e-mail and served by the portal. So raw HTML is shown as
//! text, links keep only harmless schemes, and images become links, because an image would be
//! a request to another server from a document that promises to make none.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

/// Whether a link target may be followed: relative links, fragments, `http`, `https`, `mailto`.
pub fn safe_url(url: &str) -> bool {
    // Browsers drop tabs, newlines and leading control characters and spaces before reading
    // the scheme ("java\tscript:"), so the check must see what the browser sees.
    let seen: String = url.chars().filter(|c| !c.is_ascii_control() && *c != ' ').collect::<String>().to_ascii_lowercase();
    match seen.find([':', '/', '?', '#']) {
        Some(i) if seen.as_bytes()[i] == b':' => matches!(&seen[..i], "http" | "https" | "mailto"),
        _ => true,
    }
}

fn level_of(n: u8) -> HeadingLevel {
    match n {
        ..=1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// Renders narrative Markdown inside a section whose heading is at `section_level` (2 for
/// `<h2>`). The narrative's largest heading goes one level below the section's, whether the
/// writer started with `#` or `##`, so the page outline stays whole.
pub fn narrative_html(md: &str, section_level: u8) -> String {
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    let top = Parser::new_ext(md, opts)
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(level as u8),
            _ => None,
        })
        .min()
        .unwrap_or(1);
    let shift = |l: HeadingLevel| level_of(l as u8 - top + section_level + 1);
    // Image alt text arrives as text events between the image's start and end; those are kept
    // as the link text, so only the tags need replacing.
    let events = Parser::new_ext(md, opts).map(|e| match e {
        Event::Html(s) | Event::InlineHtml(s) => Event::Text(s),
        Event::Start(Tag::HtmlBlock) => Event::Start(Tag::Paragraph),
        Event::End(TagEnd::HtmlBlock) => Event::End(TagEnd::Paragraph),
        Event::Start(Tag::Heading { level, id, classes, attrs }) => Event::Start(Tag::Heading { level: shift(level), id, classes, attrs }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(shift(level))),
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
            let dest_url = if safe_url(&dest_url) { dest_url } else { CowStr::Borrowed("#") };
            Event::Start(Tag::Link { link_type, dest_url, title, id })
        }
        Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
            let dest_url = if safe_url(&dest_url) { dest_url } else { CowStr::Borrowed("#") };
            Event::Start(Tag::Link { link_type, dest_url, title, id })
        }
        Event::End(TagEnd::Image) => Event::End(TagEnd::Link),
        other => other,
    });
    let mut out = String::with_capacity(md.len() * 5 / 4);
    html::push_html(&mut out, events);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_survives_and_headings_move_down() {
        let h = narrative_html(
            "# Context\n\nSenegal is a country of **origin** and [transit](https://example.org).\n\n- one\n- two\n\n## Sub",
            2,
        );
        assert!(h.contains("<h3>Context</h3>") && h.contains("<h4>Sub</h4>"), "{h}");
        assert!(h.contains("<strong>origin</strong>") && h.contains(r#"<a href="https://example.org">transit</a>"#), "{h}");
        assert!(h.contains("<li>one</li>"));
        let h = narrative_html("## Context\n\n### Sub", 3);
        assert!(h.contains("<h4>Context</h4>") && h.contains("<h5>Sub</h5>"), "{h}");
        assert!(narrative_html("# a\n\n###### b", 5).contains("<h6>b</h6>"));
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let h = narrative_html("Hello <script>alert(1)</script>\n\n<div onclick=\"x()\">block</div>\n\n<img src=x onerror=alert(1)>", 1);
        assert!(!h.contains("<script") && !h.contains("<div") && !h.contains("<img"), "{h}");
        assert!(h.contains("&lt;script&gt;"), "{h}");
    }

    #[test]
    fn dangerous_links_are_neutralised() {
        for md in [
            "[x](javascript:alert(1))",
            "[x](JavaScript:alert(1))",
            "[x](java\tscript:alert(1))",
            "[x](javascript&#58;alert(1))",
            "[x](data:text/html;base64,PHNjcmlwdD4=)",
            "[x](vbscript:msgbox)",
            "<javascript:alert(1)>",
            "[x][r]\n\n[r]: javascript:alert(1)",
        ] {
            let h = narrative_html(md, 1).to_ascii_lowercase().replace(['\t', '\n'], "");
            for href in h.split("href=\"").skip(1) {
                let target = href.split('"').next().unwrap_or_default();
                assert!(target == "#" || safe_url(target), "{md} -> {h}");
            }
            assert!(!h.contains("href=\"java") && !h.contains("href=\"data") && !h.contains("href=\"vbscript"), "{md} -> {h}");
        }
    }

    #[test]
    fn images_become_links_and_load_nothing() {
        let h = narrative_html("![A map](https://example.org/map.png)", 1);
        assert!(!h.contains("<img"), "{h}");
        assert!(h.contains(r#"<a href="https://example.org/map.png">A map</a>"#), "{h}");
    }

    #[test]
    fn url_check() {
        for ok in ["https://iom.int", "http://x", "mailto:a@b.c", "/p/SEN.pdf", "SEN-fr.html", "#A.1", "?q=1", "a/b:c"] {
            assert!(safe_url(ok), "{ok}");
        }
        for bad in ["javascript:x", " javascript:x", "\u{1}javascript:x", "JAVASCRIPT:x", "data:x", "file:///etc/passwd", "vbscript:x"] {
            assert!(!safe_url(bad), "{bad}");
        }
    }
}
