//! Drawing the marks of flagged figures: the circle around a flagged point of a chart, the
//! footnote that says what each mark of a block means, and the sources of a key figure
//! computed from several. Which figure is flagged is decided by the profile model
//! ([`mp_profile::marks`]); this module only puts it into words of one language.

use crate::localize::{msg, source_name};
use mp_domain::{Lang, ObsStatus};
use mp_i18n as i18n;
use mp_profile::marks::{block_marks, mark};
use mp_profile::{Block, Document, KeyFigure, Series};

/// Which values of a chart series are drawn circled: flagged ones, except the projections of
/// a projected line (drawn dashed under a "forecast" heading already).
pub fn marked(s: &Series) -> Vec<bool> {
    s.values.iter().map(|v| v.as_ref().and_then(mark).is_some_and(|m| !(s.projected && m == ObsStatus::Forecast))).collect()
}

/// The footnote under a block that shows flagged figures: what each mark means, and that a
/// figure computed from a flagged one carries its mark; `None` when the block shows none.
pub fn block_note(b: &Block, lang: Lang) -> Option<String> {
    let marks = block_marks(b);
    if marks.is_empty() {
        return None;
    }
    let mut parts = Vec::new();
    if matches!(b, Block::Chart(_)) {
        parts.push(msg(lang, "onefig-mark-circled"));
    }
    for m in &marks {
        let label = msg(lang, &i18n::obs_status_id(*m));
        let id = format!("onefig-mark-{}", m.code().to_ascii_lowercase());
        parts.push(i18n::t(lang, &id, &[("mark", i18n::Arg::text(label))]));
    }
    parts.push(msg(lang, "onefig-mark-inherited"));
    Some(parts.join(" "))
}

/// The sources of a key figure as cited under it: its own, then every other source its
/// figure was computed from (a share of the population names the population's source too).
pub fn key_figure_sources(k: &KeyFigure, doc: &Document, lang: Lang) -> String {
    let mut names: Vec<String> = doc.sources.get(k.source).map(|e| source_name(e, lang)).into_iter().collect();
    for t in &k.value.trace {
        let hit = doc.sources.iter().find(|s| t.dataset.source == s.code && t.dataset.vintage == s.vintage);
        if let Some(name) = hit.map(|e| source_name(e, lang))
            && !names.contains(&name)
        {
            names.push(name);
        }
    }
    names.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use mp_profile::{Text, Value, ValueKind};

    fn v(status: Option<&str>) -> Value {
        Value { v: 1.0, kind: ValueKind::Number, decimals: 0, trace: Vec::new(), formula: None, status: status.map(String::from) }
    }

    #[test]
    fn a_block_with_a_flagged_figure_gets_its_footnote_in_every_language() {
        let p = Block::Paragraph(vec![Text::msg_with("fact-population", vec![("value", mp_profile::Arg::Value(v(Some("U"))))])]);
        for lang in Lang::ALL {
            let note = block_note(&p, lang).expect("a footnote");
            let word = msg(lang, "obs-status-u");
            assert!(note.contains(&word), "{lang:?}: {note}");
            assert!(!note.contains("onefig-"), "{lang:?}: a message is missing: {note}");
        }
        assert_eq!(block_note(&Block::Paragraph(vec![Text::msg_with("x", vec![("v", mp_profile::Arg::Value(v(None)))])]), Lang::En), None);
    }

    #[test]
    fn flagged_points_are_circled_but_not_the_projections_of_a_projected_line() {
        let s = Series {
            name: Text::plain("s"),
            values: vec![Some(v(Some("P"))), None, Some(v(Some("F")))],
            projected: true,
            band: None,
            band_label: None,
        };
        assert_eq!(marked(&s), vec![true, false, false]);
    }
}
