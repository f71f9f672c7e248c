//! Sections still waiting for their text, in one language.
//!
//! The builder leaves a narrative block in every section the template gives one, written or not.
//! A members' draft shows each missing text as a visible note, so the TWG sees what is left to
//! write; a published document never does: a section with nothing else to show is left out, and
//! its later siblings take its number, so readers never meet "A.1, A.3" with A.2 missing.

use crate::localize::{block_has_content, section_has_content};
use mp_domain::Lang;
use mp_profile::{Block, Document, Section, Text};

/// The message of the note that stands in a draft for a text not yet written in its language.
pub const AWAITING_TEXT: &str = "library-awaiting-text";

/// `doc` as shown in `lang`: in a draft, every narrative without text in `lang` becomes the
/// awaiting-text note; otherwise sections with nothing to show in `lang` are left out and the
/// rest renumbered.
pub fn for_lang(doc: &Document, lang: Lang, draft: bool) -> Document {
    let mut out = doc.clone();
    if draft {
        mark(&mut out.sections, lang);
    } else {
        prune(&mut out.sections, lang);
    }
    out
}

fn mark(list: &mut [Section], lang: Lang) {
    for s in list {
        for b in &mut s.blocks {
            if matches!(b, Block::Narrative(_)) && !block_has_content(b, lang) {
                *b = Block::Note(Text::msg(AWAITING_TEXT));
            }
        }
        mark(&mut s.children, lang);
    }
}

/// The last part of a section number as a counter: `A.2` → (`A.`, 2), `B` → (``, `B` as 66),
/// `3` → (``, 3). Other numbers (roman annexes, empty) are not counted.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Counter {
    Digit(u32),
    Letter(u8),
}

fn split(number: &str) -> Option<(&str, Counter)> {
    let (prefix, last) = match number.rfind('.') {
        Some(i) => (&number[..=i], &number[i + 1..]),
        None => ("", number),
    };
    if let Ok(n) = last.parse::<u32>() {
        return Some((prefix, Counter::Digit(n)));
    }
    match last.as_bytes() {
        [c] if c.is_ascii_uppercase() => Some((prefix, Counter::Letter(*c))),
        _ => None,
    }
}

fn prune(list: &mut Vec<Section>, lang: Lang) {
    // Where each run of siblings sharing a prefix starts, read before any is left out.
    let mut starts: Vec<(String, Counter)> = Vec::new();
    for s in list.iter() {
        if let Some((p, c)) = split(&s.number)
            && !starts.iter().any(|(q, k)| q == p && std::mem::discriminant(k) == std::mem::discriminant(&c))
        {
            starts.push((p.to_string(), c));
        }
    }
    list.retain(|s| section_has_content(s, lang));
    let mut used: Vec<(String, bool, u32)> = Vec::new();
    for s in list.iter_mut() {
        if let Some((p, c)) = split(&s.number) {
            let digit = matches!(c, Counter::Digit(_));
            let Some((_, start)) = starts.iter().find(|(q, k)| q == p && matches!(k, Counter::Digit(_)) == digit) else { continue };
            let k = match used.iter_mut().find(|(q, d, _)| q == p && *d == digit) {
                Some(e) => {
                    e.2 += 1;
                    e.2
                }
                None => {
                    used.push((p.to_string(), digit, 0));
                    0
                }
            };
            let last = match start {
                Counter::Digit(n) => (n + k).to_string(),
                Counter::Letter(c) => char::from(c.saturating_add(u8::try_from(k).unwrap_or(u8::MAX))).to_string(),
            };
            let new = format!("{p}{last}");
            if new != s.number {
                let old = std::mem::replace(&mut s.number, new.clone());
                rebase(&mut s.children, &format!("{old}."), &format!("{new}."));
            }
        }
        prune(&mut s.children, lang);
    }
}

fn rebase(list: &mut [Section], old: &str, new: &str) {
    for s in list {
        if let Some(rest) = s.number.strip_prefix(old) {
            s.number = format!("{new}{rest}");
        }
        rebase(&mut s.children, old, new);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mp_domain::I18nText;
    use std::collections::BTreeMap;

    fn sec(number: &str, blocks: Vec<Block>, children: Vec<Section>) -> Section {
        Section {
            id: format!("s{number}"),
            number: number.into(),
            title: Text::I18n(I18nText::new("t", "t", "t")),
            themes: Vec::new(),
            blocks,
            children,
        }
    }
    fn text(fr: Option<&str>) -> Block {
        Block::Narrative(fr.map(|t| BTreeMap::from([(Lang::Fr, t.to_string())])).unwrap_or_default())
    }
    fn note() -> Block {
        Block::Note(Text::plain("n"))
    }
    fn numbers(list: &[Section], out: &mut Vec<String>) {
        for s in list {
            out.push(s.number.clone());
            numbers(&s.children, out);
        }
    }
    fn doc(sections: Vec<Section>) -> Document {
        let Ok(area) = mp_domain::AreaCode::parse("SEN") else { unreachable!("SEN is an area code") };
        Document {
            subject: mp_profile::Subject::Country { area },
            template: "t".into(),
            edition: None,
            as_of: "2025-01-01".into(),
            title: Text::plain("x"),
            subtitle: None,
            sections,
            sources: Vec::new(),
            gaps: Vec::new(),
            coverage: Vec::new(),
        }
    }

    fn sample() -> Document {
        doc(vec![
            sec("", vec![text(None)], vec![]),
            sec(
                "A",
                vec![],
                vec![
                    sec("A.1", vec![text(Some("Texte"))], vec![]),
                    sec("A.2", vec![text(None)], vec![]),
                    sec("A.3", vec![note()], vec![sec("A.3.1", vec![note()], vec![])]),
                ],
            ),
            sec("B", vec![text(None)], vec![]),
            sec("C", vec![note()], vec![sec("C.1", vec![note()], vec![])]),
        ])
    }

    #[test]
    fn published_leaves_out_missing_text_and_renumbers() {
        let d = for_lang(&sample(), Lang::Fr, false);
        let mut got = Vec::new();
        numbers(&d.sections, &mut got);
        assert_eq!(got, ["A", "A.1", "A.2", "A.2.1", "B", "B.1"]);
        let shown = format!("{d:?}");
        assert!(!shown.contains(AWAITING_TEXT));
        // The text written in French only: in English the section goes too.
        let mut en = Vec::new();
        numbers(&for_lang(&sample(), Lang::En, false).sections, &mut en);
        assert_eq!(en, ["A", "A.1", "A.1.1", "B", "B.1"]);
    }

    #[test]
    fn a_draft_marks_every_missing_text_and_keeps_numbers() {
        let d = for_lang(&sample(), Lang::Fr, true);
        let mut got = Vec::new();
        numbers(&d.sections, &mut got);
        assert_eq!(got, ["", "A", "A.1", "A.2", "A.3", "A.3.1", "B", "C", "C.1"]);
        let json = format!("{d:?}");
        assert_eq!(json.matches(AWAITING_TEXT).count(), 3, "{json}");
        assert!(json.contains("Texte"));
    }
}
