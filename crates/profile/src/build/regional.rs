//! The regional report's reading aids beside each ranking: a sentence naming the first and the
//! last country and how many have a figure, and, for the main indicators, a map of the region
//! shaded by value (the countries compared are all in West and Central Africa, so the map
//! frames that region).

use super::Builder;
use crate::data::{kind_of, unit_text};
use crate::model::{Arg, Block, Chart, ChartKind, MapAreas, Series, Text, Value};
use mp_domain::{AreaCode, Indicator, Period};

/// The indicators the regional report also shows as a map: the share of immigrants, the
/// diaspora, net migration, the weight of remittances and refugees from each country.
pub(super) const MAPPED: &[&str] = &["IMM.STOCK_PCT", "EMI.STOCK", "NET.RATE", "REM.IN_GDP", "REF.ORIGIN"];

impl Builder<'_> {
    /// The sentence put before a ranking of `items` (sorted from the largest value) and, for
    /// [`MAPPED`] indicators, the map put after it; `total` is the number of countries compared.
    pub(super) fn ranking_extras(
        &mut self,
        ind: &Indicator,
        items: &[(AreaCode, Period, Value)],
        total: usize,
        srcs: &[usize],
    ) -> (Vec<Block>, Vec<Block>) {
        let (Some(first), Some(last)) = (items.first(), items.last()) else { return (Vec::new(), Vec::new()) };
        let d = &self.d;
        let name = |a: &AreaCode| Arg::Text(Text::I18n(d.area_name(a)));
        let mut out = Vec::new();
        if items.len() >= 2 {
            let mut sentence = vec![Text::msg_with(
                "pubdoc-rank-first-last",
                vec![
                    ("indicator", Arg::Text(Text::I18n(ind.name.clone()))),
                    ("first", name(&first.0)),
                    ("first_value", Arg::Value(first.2.clone())),
                    ("first_year", Arg::Year(first.1.end_year())),
                    ("last", name(&last.0)),
                    ("last_value", Arg::Value(last.2.clone())),
                    ("last_year", Arg::Year(last.1.end_year())),
                ],
            )];
            if items.len() < total {
                sentence.push(Text::msg_with(
                    "pubdoc-rank-coverage",
                    vec![("count", Arg::Count(items.len() as i64)), ("total", Arg::Count(total as i64))],
                ));
            }
            out.push(Block::Paragraph(sentence));
        }
        if !MAPPED.contains(&ind.code.as_str()) {
            return (out, Vec::new());
        }
        let areas = self.inputs.areas;
        let placed: Vec<(u16, &(AreaCode, Period, Value))> =
            items.iter().filter_map(|it| Some((areas.get(&it.0)?.m49?.value(), it))).collect();
        if placed.len() < 2 {
            return (out, Vec::new());
        }
        let title = Text::msg_with("pubdoc-rank-map", vec![("name", Arg::Text(Text::I18n(ind.name.clone())))]);
        let first_name = name(&first.0);
        let categories = placed.iter().map(|(_, it)| Text::I18n(d.area_name(&it.0))).collect();
        let map = Block::Chart(Chart {
            id: self.next_id("chart"),
            kind: ChartKind::Map,
            alt: Text::msg_with(
                "chart-alt-map",
                vec![("title", Arg::Text(title.clone())), ("first", first_name), ("count", Arg::Count(placed.len() as i64))],
            ),
            title,
            y_label: unit_text(self.inputs.framework, ind),
            value_kind: kind_of(ind),
            categories,
            series: vec![Series {
                name: Text::I18n(ind.name.clone()),
                values: placed.iter().map(|(_, it)| Some(it.2.clone())).collect(),
                projected: false,
                band: None,
                band_label: None,
            }],
            forecast_from: None,
            map: Some(Box::new(MapAreas { m49: placed.iter().map(|(m, _)| *m).collect(), focus: None, region: Vec::new() })),
            sources: srcs.to_vec(),
        });
        (out, vec![map])
    }
}
