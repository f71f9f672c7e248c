//! Findings of the coherence view in plain language, for the profile's findings and
//! recommendations (Part D; G in the 2009 template) and, country by country, for the regional
//! report. Each sentence restates what the registry records (themes no instrument covers, the
//! development plan and migration, instruments signed but not ratified, the ECOWAS
//! free-movement protocols) and what the TWG can do about it; nothing the registry does not
//! hold is stated: an absent entry is said to be absent, never read as a "no".
//!
//! Kept apart from the other findings of Part D (template block `coherence_findings`), so the
//! two grow independently.

use crate::model::{Arg, Block, Text};
use crate::registry_coherence::{Coherence, ThemeName, coherence};
use mp_domain::{AreaCode, AreaRegistry, I18nText, InstrumentStatus, RegistryView};

/// The names of `items` joined with commas, in each language.
fn joined<'a>(items: impl Iterator<Item = &'a I18nText> + Clone) -> Text {
    let j = |f: fn(&I18nText) -> &str| items.clone().map(f).collect::<Vec<_>>().join(", ");
    Text::I18n(I18nText::new(j(|t| t.en.as_str()), j(|t| t.fr.as_str()), j(|t| t.pt.as_str())))
}

fn count(n: usize) -> Arg {
    Arg::Count(n as i64)
}

/// The findings of one country: one line when the registry records nothing for it. Sentences
/// name the country (`country`, whose forms with its article the renderer adds), not "the country".
pub fn country_findings(view: &RegistryView, themes: &[ThemeName], areas: &AreaRegistry, area: &AreaCode) -> Vec<Block> {
    let name = areas.get(area).map(|a| a.name.clone()).unwrap_or_else(|| I18nText::new(area.as_str(), area.as_str(), area.as_str()));
    let named = |id: &str, mut args: Vec<(&str, Arg)>| {
        args.push(("country", Arg::Text(Text::I18n(name.clone()))));
        Text::msg_with(id, args)
    };
    let c = coherence(view, themes, area);
    if !c.any {
        return vec![Block::Note(named("gov-finding-empty", vec![]))];
    }
    let mut out = Vec::new();
    let uncovered = c.uncovered();
    out.push(if uncovered.is_empty() {
        named("gov-finding-all-covered", vec![("total", count(c.themes.len()))])
    } else {
        named(
            "gov-finding-uncovered",
            vec![("count", count(uncovered.len())), ("themes", Arg::Text(joined(uncovered.iter().map(|t| &t.name))))],
        )
    });
    out.push(plan_sentence(&c));
    let signed: Vec<&I18nText> = view
        .ratifications
        .iter()
        .filter(|r| &r.entry.area == area && r.entry.status == InstrumentStatus::Signed)
        .filter_map(|r| view.instrument(&r.entry.instrument).map(|i| &i.title))
        .collect();
    if !signed.is_empty() {
        out.push(Text::msg_with(
            "gov-finding-signed",
            vec![("count", count(signed.len())), ("instruments", Arg::Text(joined(signed.iter().copied())))],
        ));
    }
    let entered: Vec<_> = c.free_movement.iter().filter_map(|(i, r)| r.map(|r| (*i, r))).collect();
    let open: Vec<&I18nText> = entered.iter().filter(|(_, r)| !r.entry.status.binds()).map(|(i, _)| &i.title).collect();
    if !open.is_empty() {
        out.push(named(
            "gov-finding-fm-open",
            vec![("count", count(open.len())), ("instruments", Arg::Text(joined(open.iter().copied())))],
        ));
    }
    vec![Block::Paragraph(out)]
}

fn plan_sentence(c: &Coherence<'_>) -> Text {
    match (c.plan(), c.plan_covers_migration()) {
        (Some((i, _)), Some(true)) => Text::msg_with("gov-finding-plan-with", vec![("plan", Arg::Text(Text::I18n(i.title.clone())))]),
        (Some((i, _)), _) => Text::msg_with("gov-finding-plan-without", vec![("plan", Arg::Text(Text::I18n(i.title.clone())))]),
        (None, _) => Text::msg("gov-finding-plan-unknown"),
    }
}

/// The ten countries compared in plain language: how many record a development plan that takes
/// up migration (and for how many none is recorded), and the themes the fewest countries'
/// instruments cover.
pub fn regional_findings(view: &RegistryView, themes: &[ThemeName], areas: &AreaRegistry, subject: &[AreaCode]) -> Vec<Block> {
    let views: Vec<(&AreaCode, Coherence<'_>)> = subject.iter().map(|a| (a, coherence(view, themes, a))).collect();
    let recorded: Vec<&(&AreaCode, Coherence<'_>)> = views.iter().filter(|(_, c)| c.any).collect();
    if recorded.is_empty() {
        return vec![Block::Note(Text::msg("gov-regional-empty"))];
    }
    let name = |a: &AreaCode| areas.get(a).map(|x| x.name.clone()).unwrap_or_else(|| I18nText::new(a.as_str(), a.as_str(), a.as_str()));
    let with: Vec<I18nText> = views.iter().filter(|(_, c)| c.plan_covers_migration() == Some(true)).map(|(a, _)| name(a)).collect();
    let without = views.iter().filter(|(_, c)| c.plan_covers_migration() == Some(false)).count();
    let unknown = views.iter().filter(|(_, c)| c.plan().is_none()).count();
    let mut out =
        vec![Text::msg_with("gov-regional-countries", vec![("recorded", count(recorded.len())), ("total", count(subject.len()))])];
    out.push(if with.is_empty() {
        Text::msg_with("gov-regional-plan-none", vec![("without", count(without)), ("unknown", count(unknown))])
    } else {
        Text::msg_with(
            "gov-regional-plan",
            vec![
                ("with", count(with.len())),
                ("countries", Arg::Text(joined(with.iter()))),
                ("without", count(without)),
                ("unknown", count(unknown)),
            ],
        )
    });
    // Per theme, how many of the countries with entries have an instrument covering it; the
    // themes with the fewest are the region's common gaps.
    let per_theme: Vec<(&ThemeName, usize)> = themes
        .iter()
        .enumerate()
        .map(|(k, t)| (t, recorded.iter().filter(|(_, c)| c.themes.get(k).is_some_and(|(_, i)| !i.is_empty())).count()))
        .collect();
    if let Some(least) = per_theme.iter().map(|(_, n)| *n).min() {
        let gaps: Vec<&I18nText> = per_theme.iter().filter(|(_, n)| *n == least).map(|(t, _)| &t.name).collect();
        out.push(Text::msg_with(
            "gov-regional-least-covered",
            vec![("covered", count(least)), ("recorded", count(recorded.len())), ("themes", Arg::Text(joined(gaps.into_iter())))],
        ));
    }
    vec![Block::Paragraph(out)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry_coherence::tests::{status, th, view};

    fn ids(b: &[Block]) -> Vec<String> {
        match b {
            [Block::Paragraph(p)] => p.iter().map(|t| if let Text::Msg { id, .. } = t { id.clone() } else { String::new() }).collect(),
            [Block::Note(Text::Msg { id, .. })] => vec![id.clone()],
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_country_s_findings_restate_its_registry() {
        let themes = ["T01", "T02", "T08"].map(th);
        let mut v = view();
        let sen = AreaCode::parse("SEN").unwrap();
        assert_eq!(ids(&country_findings(&v, &themes, &AreaRegistry::default(), &sen)), ["gov-finding-uncovered", "gov-finding-plan-with"]);
        // A signed convention and an ECOWAS protocol not in force are named.
        v.ratifications[0].entry.status = InstrumentStatus::Signed;
        v.ratifications[3].entry.status = InstrumentStatus::Signed;
        assert_eq!(
            ids(&country_findings(&v, &themes, &AreaRegistry::default(), &sen)),
            ["gov-finding-uncovered", "gov-finding-plan-with", "gov-finding-signed", "gov-finding-fm-open"]
        );
        // Nothing recorded for Ghana: one line, no finding guessed.
        assert_eq!(ids(&country_findings(&v, &themes, &AreaRegistry::default(), &AreaCode::parse("GHA").unwrap())), ["gov-finding-empty"]);
        // No plan recorded is said to be unknown, not "no".
        v.ratifications.retain(|r| r.entry.instrument.as_str() != "PLAN_SEN");
        assert!(ids(&country_findings(&v, &themes, &AreaRegistry::default(), &sen)).contains(&"gov-finding-plan-unknown".to_string()));
    }

    #[test]
    fn the_regional_findings_compare_the_countries() {
        let themes = ["T01", "T02", "T08"].map(th);
        let mut v = view();
        v.ratifications.push(status("ICRMW", "MLI", InstrumentStatus::Ratified, None));
        let (_, areas) = (0, AreaRegistry::default());
        let subject: Vec<AreaCode> = ["SEN", "MLI", "GHA"].iter().map(|a| AreaCode::parse(a).unwrap()).collect();
        let b = regional_findings(&v, &themes, &areas, &subject);
        assert_eq!(ids(&b), ["gov-regional-countries", "gov-regional-plan", "gov-regional-least-covered"]);
        let Block::Paragraph(p) = &b[0] else { unreachable!() };
        let Text::Msg { args, .. } = &p[1] else { panic!() };
        // Senegal has a plan taking up migration; Mali and Ghana have none recorded.
        assert!(args.iter().any(|(k, a)| k == "with" && *a == Arg::Count(1)));
        assert!(args.iter().any(|(k, a)| k == "unknown" && *a == Arg::Count(2)));
        // T08 is covered in neither country with entries.
        let Text::Msg { args, .. } = &p[2] else { panic!() };
        assert!(args.iter().any(|(k, a)| k == "covered" && *a == Arg::Count(0)));
        assert_eq!(ids(&regional_findings(&RegistryView::default(), &themes, &areas, &subject)), ["gov-regional-empty"]);
    }
}
