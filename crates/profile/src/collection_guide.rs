//! The data-collection guide of one organisation in one country: the indicators it provides
//! (the themes of its data providers' memberships, computed indicators left out since nobody
//! reports them), with the handbook's definition, unit, breakdowns, sources and how to report
//! each; the submission template to use for each theme; and the deadline of the edition being
//! prepared.
//!
//! Like the handbook it is an ordinary [`Document`] generated from the framework, so it always
//! matches what the platform collects and the HTML and PDF renderers typeset it unchanged. Every
//! text is the framework's or a `library-guide-*` message.

use crate::handbook::indicator_terms;
use crate::model::{Arg, Block, Document, Section, Subject, Text};
use mp_domain::{AreaCode, Framework, I18nText, ThemeCode};

/// The template id recorded in a guide document.
pub const GUIDE_ID: &str = "collection-guide";

/// Whom a guide is for and when figures are due.
#[derive(Debug, Clone)]
pub struct GuideFor<'a> {
    /// The organisation's name, as registered.
    pub organisation: &'a str,
    /// The country.
    pub country: &'a AreaCode,
    /// The country's name.
    pub country_name: &'a I18nText,
    /// The themes the organisation provides there; `None` for every theme.
    pub themes: Option<&'a [ThemeCode]>,
    /// The edition being prepared and the date its figures are due (YYYY-MM-DD), if set.
    pub deadline: Option<(&'a str, &'a str)>,
}

fn t(id: &str) -> Text {
    Text::msg(id)
}

fn plain(s: &str) -> Arg {
    Arg::Text(Text::plain(s))
}

/// The guide of `who`, dated `as_of` (YYYY-MM-DD).
pub fn build_guide(fw: &Framework, who: &GuideFor<'_>, as_of: &str) -> Document {
    let country = Arg::Text(Text::I18n(who.country_name.clone()));
    let deadline = match who.deadline {
        Some((edition, date)) => Text::msg_with("library-guide-deadline", vec![("edition", plain(edition)), ("date", plain(date))]),
        None => t("library-guide-no-deadline"),
    };
    let mut sections = vec![Section {
        id: "guide-intro".into(),
        number: String::new(),
        title: t("library-guide-intro-title"),
        themes: Vec::new(),
        blocks: vec![
            Block::Paragraph(vec![
                Text::msg_with("library-guide-intro", vec![("organisation", plain(who.organisation)), ("country", country.clone())]),
                t("handbook-statuses"),
            ]),
            Block::Note(deadline),
        ],
        children: Vec::new(),
    }];
    let mut themes: Vec<_> = fw.themes.iter().filter(|th| who.themes.is_none_or(|list| list.contains(&th.code))).collect();
    themes.sort_by_key(|th| th.order);
    let mut n = 0;
    for th in themes {
        // Computed indicators are not reported: the template has no sheet for them.
        let inds: Vec<_> = fw.indicators.iter().filter(|i| i.theme == th.code && i.formula.is_none()).collect();
        if inds.is_empty() {
            continue;
        }
        n += 1;
        let children = inds
            .iter()
            .enumerate()
            .map(|(k, i)| Section {
                id: format!("ind-{}", i.code.as_str()),
                number: format!("{n}.{}", k + 1),
                title: Text::I18n(i.name.clone()),
                themes: vec![th.code.clone()],
                blocks: vec![Block::Definitions(indicator_terms(fw, i))],
                children: Vec::new(),
            })
            .collect();
        let template = Text::msg_with(
            "library-guide-template",
            vec![
                ("country", plain(&who.country.to_string())),
                ("theme", plain(th.code.as_str())),
                ("count", Arg::Count(inds.len() as i64)),
            ],
        );
        sections.push(Section {
            id: format!("theme-{}", th.code.as_str()),
            number: n.to_string(),
            title: Text::I18n(th.name.clone()),
            themes: vec![th.code.clone()],
            blocks: vec![Block::Paragraph(vec![Text::I18n(th.description.clone()), template])],
            children,
        });
    }
    if n == 0 {
        sections[0].blocks.push(Block::Note(t("library-guide-nothing")));
    }
    Document {
        subject: Subject::Country { area: who.country.clone() },
        template: GUIDE_ID.into(),
        edition: None,
        as_of: as_of.to_string(),
        title: Text::msg_with("library-guide-title", vec![("organisation", plain(who.organisation))]),
        subtitle: Some(Text::msg_with("library-guide-subtitle", vec![("country", country), ("version", plain(&fw.version))])),
        sections,
        sources: Vec::new(),
        gaps: Vec::new(),
        coverage: Vec::new(),
    }
}
