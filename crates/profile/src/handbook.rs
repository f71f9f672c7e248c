//! The indicator handbook: training material generated from the framework itself, so it is
//! always current. Per theme and indicator: the definition, unit, disaggregations, formula,
//! recommended sources and their caveats, and how to fill the submission template.
//!
//! The handbook is a [`Document`] like a profile, so the HTML and PDF renderers typeset it in
//! every language without a line of their own: every text in it is either the framework's
//! (which has all three languages by construction) or a `handbook-*` message of the
//! translation files.

use crate::model::{Arg, Block, Document, Section, Subject, Text};
use mp_domain::{Framework, I18nText, Indicator, Lang};

/// The template id recorded in the handbook document.
pub const HANDBOOK_ID: &str = "indicator-handbook";

/// Joins the same pieces of several translated texts with `sep`, language by language.
fn join(parts: &[&I18nText], sep: &str) -> I18nText {
    let each = |f: fn(&I18nText) -> &str| parts.iter().map(|t| f(t)).collect::<Vec<_>>().join(sep);
    I18nText { en: each(|t| &t.en), fr: each(|t| &t.fr), pt: each(|t| &t.pt) }
}

fn term(id: &str) -> Text {
    Text::msg(id)
}

/// What a reader of the handbook learns about one indicator.
pub(crate) fn indicator_terms(fw: &Framework, i: &Indicator) -> Vec<(Text, Text)> {
    let mut out =
        vec![(term("handbook-code"), Text::plain(i.code.as_str())), (term("handbook-definition"), Text::I18n(i.definition.clone()))];
    let unit = fw.unit(&i.unit).map(|u| Text::I18n(u.name.clone())).unwrap_or_else(|| Text::plain(i.unit.clone()));
    let unit = if i.unit_mult.power() == 0 {
        unit
    } else {
        Text::msg_with("handbook-unit-mult", vec![("unit", Arg::Text(unit)), ("power", Arg::Count(i64::from(i.unit_mult.power())))])
    };
    out.push((term("handbook-unit"), unit));
    let dims: Vec<&I18nText> = i.dimensions.iter().filter_map(|d| fw.dimensions.get(d)).map(|d| &d.name).collect();
    out.push((term("handbook-disaggregations"), if dims.is_empty() { term("handbook-none") } else { Text::I18n(join(&dims, ", ")) }));
    if let Some(f) = &i.formula {
        out.push((term("handbook-formula"), Text::plain(f.text.clone())));
    }
    if i.sources.is_empty() {
        out.push((term("handbook-sources"), term("handbook-none")));
    }
    for s in &i.sources {
        let name = match &s.code {
            Some(c) => s.name.map(|_, n| format!("{n} ({c})")),
            None => s.name.clone(),
        };
        let caveat = match &s.caveat {
            Some(c) => Text::msg_with(
                "handbook-source-caveat",
                vec![("source", Arg::Text(Text::I18n(name))), ("caveat", Arg::Text(Text::I18n(c.clone())))],
            ),
            None => Text::I18n(name),
        };
        out.push((term("handbook-source"), caveat));
    }
    let fill = match &i.formula {
        Some(_) => term("handbook-fill-computed"),
        None if dims.is_empty() => Text::msg_with("handbook-fill", vec![("code", Arg::Text(Text::plain(i.code.as_str())))]),
        None => Text::msg_with(
            "handbook-fill-dims",
            vec![("code", Arg::Text(Text::plain(i.code.as_str()))), ("dims", Arg::Text(Text::I18n(join(&dims, ", "))))],
        ),
    };
    out.push((term("handbook-how-to-fill"), fill));
    out
}

/// The handbook of a framework, dated `as_of` (YYYY-MM-DD).
pub fn build_handbook(fw: &Framework, as_of: &str) -> Document {
    let mut sections = vec![Section {
        id: "how-to-use".into(),
        number: String::new(),
        title: term("handbook-intro-title"),
        themes: Vec::new(),
        blocks: vec![Block::Paragraph(vec![term("handbook-intro"), term("handbook-template"), term("handbook-statuses")])],
        children: Vec::new(),
    }];
    let mut themes: Vec<_> = fw.themes.iter().collect();
    themes.sort_by_key(|t| t.order);
    for (n, t) in themes.iter().enumerate() {
        let children = fw
            .indicators
            .iter()
            .filter(|i| i.theme == t.code)
            .enumerate()
            .map(|(k, i)| Section {
                id: format!("ind-{}", i.code.as_str()),
                number: format!("{}.{}", n + 1, k + 1),
                title: Text::I18n(i.name.clone()),
                themes: vec![t.code.clone()],
                blocks: vec![Block::Definitions(indicator_terms(fw, i))],
                children: Vec::new(),
            })
            .collect::<Vec<_>>();
        if children.is_empty() {
            continue;
        }
        sections.push(Section {
            id: format!("theme-{}", t.code.as_str()),
            number: (n + 1).to_string(),
            title: Text::I18n(t.name.clone()),
            themes: vec![t.code.clone()],
            blocks: vec![Block::Paragraph(vec![Text::I18n(t.description.clone())])],
            children,
        });
    }
    Document {
        subject: Subject::Regional { areas: Vec::new() },
        template: HANDBOOK_ID.into(),
        edition: None,
        as_of: as_of.to_string(),
        title: term("handbook-title"),
        subtitle: Some(Text::msg_with("handbook-subtitle", vec![("version", Arg::Text(Text::plain(fw.version.clone())))])),
        sections,
        sources: Vec::new(),
        gaps: Vec::new(),
        coverage: Vec::new(),
    }
}

/// Every message id the handbook uses, for checking that each exists in every language.
pub fn message_ids(doc: &Document) -> Vec<String> {
    fn text(t: &Text, out: &mut Vec<String>) {
        if let Text::Msg { id, args } = t {
            out.push(id.clone());
            for (_, a) in args {
                if let Arg::Text(inner) = a {
                    text(inner, out);
                }
            }
        }
    }
    fn section(s: &Section, out: &mut Vec<String>) {
        text(&s.title, out);
        for b in &s.blocks {
            match b {
                Block::Paragraph(p) => p.iter().for_each(|t| text(t, out)),
                Block::Definitions(d) => d.iter().for_each(|(a, b)| {
                    text(a, out);
                    text(b, out);
                }),
                Block::Note(t) => text(t, out),
                _ => {}
            }
        }
        s.children.iter().for_each(|c| section(c, out));
    }
    let mut out = Vec::new();
    text(&doc.title, &mut out);
    if let Some(s) = &doc.subtitle {
        text(s, &mut out);
    }
    doc.sections.iter().for_each(|s| section(s, &mut out));
    out.sort();
    out.dedup();
    out
}

/// Every translated text of the framework the handbook shows, with what it is, where one
/// language is empty (the framework's reader refuses those, so this is a second guard for
/// frameworks built in code).
pub fn missing_translations(doc: &Document) -> Vec<String> {
    fn text(t: &Text, at: &str, out: &mut Vec<String>) {
        match t {
            Text::I18n(x) => {
                for l in Lang::ALL {
                    if x.get(l).trim().is_empty() {
                        out.push(format!("{at}: no {} text", l.code()));
                    }
                }
            }
            Text::Msg { args, .. } => args.iter().for_each(|(_, a)| {
                if let Arg::Text(inner) = a {
                    text(inner, at, out)
                }
            }),
            Text::Plain(_) => {}
        }
    }
    fn section(s: &Section, out: &mut Vec<String>) {
        text(&s.title, &s.id, out);
        for b in &s.blocks {
            match b {
                Block::Paragraph(p) => p.iter().for_each(|t| text(t, &s.id, out)),
                Block::Definitions(d) => d.iter().for_each(|(a, b)| {
                    text(a, &s.id, out);
                    text(b, &s.id, out);
                }),
                _ => {}
            }
        }
        s.children.iter().for_each(|c| section(c, out));
    }
    let mut out = Vec::new();
    doc.sections.iter().for_each(|s| section(s, &mut out));
    out
}
