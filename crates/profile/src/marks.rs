//! Marks of flagged figures: which figures readers are warned about (low reliability,
//! provisional, estimated, break in series, forecast), how a figure computed from flagged
//! inputs inherits the mark, and which marks a block must explain in a footnote.
//!
//! The mark is decided here, in the language-neutral model; renderers only draw it and the
//! footnote of [`block_marks`] next to the block.

use crate::data::MARKED;
use crate::model::{Arg, Block, Cell, Text, Value};
use mp_domain::ObsStatus;

/// The status a reader is told about for this figure, if any.
pub fn mark(v: &Value) -> Option<ObsStatus> {
    let s: ObsStatus = v.status.as_deref()?.parse().ok()?;
    MARKED.contains(&s).then_some(s)
}

/// The mark a figure computed from `inputs` carries: the first of [`MARKED`] any input has, so
/// a ratio built on a figure of low reliability is of low reliability too.
pub fn inherited<'a>(inputs: impl IntoIterator<Item = &'a Value>) -> Option<String> {
    let found: Vec<ObsStatus> = inputs.into_iter().filter_map(mark).collect();
    MARKED.iter().find(|m| found.contains(m)).map(|m| m.code().to_string())
}

fn text_marks(t: &Text, out: &mut Vec<ObsStatus>) {
    if let Text::Msg { args, .. } = t {
        for (_, a) in args {
            match a {
                // A sentence that quotes a projection says so in words.
                Arg::Value(v) => out.extend(mark(v).filter(|m| *m != ObsStatus::Forecast)),
                Arg::Text(t) => text_marks(t, out),
                _ => {}
            }
        }
    }
}

/// The marks a block shows, each once, in the order of [`MARKED`]: the footnote under the
/// block explains each of them. A projected line of a chart is drawn dashed under a
/// "forecast" heading and a sentence quoting a projection says so in words, so neither needs
/// the forecast footnote.
pub fn block_marks(b: &Block) -> Vec<ObsStatus> {
    let mut found = Vec::new();
    match b {
        Block::KeyFigures(k) => found.extend(k.iter().filter_map(|k| mark(&k.value))),
        Block::Paragraph(p) => p.iter().for_each(|t| text_marks(t, &mut found)),
        Block::Note(t) => text_marks(t, &mut found),
        Block::Table(t) => {
            for c in t.rows.iter().flatten() {
                if let Cell::Value(v) = c {
                    found.extend(mark(v));
                }
            }
        }
        Block::Chart(c) => {
            for s in &c.series {
                found.extend(s.values.iter().flatten().filter_map(mark).filter(|m| !(s.projected && *m == ObsStatus::Forecast)));
            }
        }
        Block::Findings(f) => {
            for e in f.iter().flat_map(|f| f.evidence.iter()) {
                if let crate::model::Evidence::Figure { value: Some(v), .. } = e {
                    found.extend(mark(v));
                }
            }
        }
        Block::Narrative(_) | Block::Definitions(_) => {}
    }
    MARKED.iter().copied().filter(|m| found.contains(m)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Chart, ChartKind, KeyFigure, Series, ValueKind};
    use mp_domain::{IndicatorCode, Period};

    fn v(x: f64, status: Option<&str>) -> Value {
        Value { v: x, kind: ValueKind::Number, decimals: 0, trace: Vec::new(), formula: None, status: status.map(String::from) }
    }

    #[test]
    fn only_statuses_readers_are_told_about_are_marks() {
        assert_eq!(mark(&v(1.0, Some("U"))), Some(ObsStatus::LowReliability));
        assert_eq!(mark(&v(1.0, Some("P"))), Some(ObsStatus::Provisional));
        assert_eq!(mark(&v(1.0, Some("A"))), None);
        assert_eq!(mark(&v(1.0, Some("G"))), None);
        assert_eq!(mark(&v(1.0, None)), None);
    }

    #[test]
    fn a_computed_figure_inherits_the_strongest_mark_of_its_inputs() {
        let (a, u, p) = (v(1.0, None), v(2.0, Some("U")), v(3.0, Some("P")));
        assert_eq!(inherited([&a, &a]), None);
        assert_eq!(inherited([&a, &p]).as_deref(), Some("P"));
        // A ratio of a provisional and an unreliable figure is unreliable: U comes before P.
        assert_eq!(inherited([&p, &u]).as_deref(), Some("U"));
        assert_eq!(inherited([&v(1.0, Some("F")), &u]).as_deref(), Some("F"));
    }

    #[test]
    fn blocks_list_each_mark_once_and_leave_out_what_is_said_in_words() {
        let p = Text::msg_with("x", vec![("a", Arg::Value(v(1.0, Some("U")))), ("b", Arg::Value(v(1.0, Some("F"))))]);
        assert_eq!(block_marks(&Block::Paragraph(vec![p.clone(), p])), vec![ObsStatus::LowReliability]);
        let k = KeyFigure {
            indicator: IndicatorCode::parse("DEV.FDI").unwrap(),
            label: Text::plain("FDI"),
            value: v(1.0, Some("E")),
            period: Period::Year(2023),
            source: 0,
        };
        assert_eq!(block_marks(&Block::KeyFigures(vec![k])), vec![ObsStatus::Estimated]);
        let series = |projected, status| Series {
            name: Text::plain("s"),
            values: vec![Some(v(1.0, status)), None],
            projected,
            band: None,
            band_label: None,
        };
        let chart = Chart {
            id: "c".into(),
            kind: ChartKind::Line,
            title: Text::plain("t"),
            y_label: Text::plain("u"),
            value_kind: ValueKind::Number,
            categories: vec![Text::plain("2020"), Text::plain("2021")],
            series: vec![series(true, Some("F")), series(false, Some("B"))],
            forecast_from: None,
            map: None,
            sources: Vec::new(),
            alt: Text::plain("a"),
        };
        assert_eq!(block_marks(&Block::Chart(chart)), vec![ObsStatus::Break]);
    }
}
