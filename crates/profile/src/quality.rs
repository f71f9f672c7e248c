//! The quality section of a country's profile (theme T03): the source quality scores as a heat
//! map (sources × quality dimensions, 0–3) and a table, the largest differences between sources
//! publishing the same figure, the largest mirror-statistics gaps, and what to improve first,
//! derived from the lowest scores and the gaps.
//!
//! Scores and mirror gaps are the stored T03 figures (`DQA.SCORE`, `DQA.MIRROR_GAP`, computed
//! by `mprofile quality assess` or entered by the Technical Working Group), so every number
//! traces to a record; the conflicts between sources are found by the quality engine and handed
//! in through [`crate::Inputs::conflicts`] as the ids of the competing records.

use crate::data::{Data, trace};
use crate::model::{Arg, Block, Cell, Chart, ChartKind, Series, Table, Text, Value, ValueKind};
use mp_domain::{AreaCode, DatasetId, DimensionId, I18nText, IndicatorCode, Record};
use std::collections::HashMap;

/// Figures published by two or more sources that differ: the ids of the competing records
/// (the one the profile shows first) and how far apart they are.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceConflict {
    /// Store ids of the records, the one the profile shows first.
    pub records: Vec<i64>,
    /// (largest − smallest) / mean of the absolute values.
    pub relative_difference: f64,
}

/// How many conflicts and mirror gaps the section lists.
pub const TOP: usize = 8;
/// A score below this is weak: the advice names its dimension.
const WEAK: f64 = 2.0;
/// An overall mirror gap above this many percent gets its own advice.
const MIRROR_ADVICE: f64 = 25.0;
/// The source of the scores mprofile computes from the stored data; any other source of a
/// score is the Technical Working Group's own assessment, submitted like any national figure.
const COMPUTED: &str = "mprofile-dqa";

fn code(s: &str) -> Option<IndicatorCode> {
    IndicatorCode::parse(s).ok()
}

/// The newest period's records of an indicator for the area, any disaggregation.
fn newest<'r>(records: &'r [Record], ind: &IndicatorCode, area: &AreaCode) -> Vec<&'r Record> {
    let mine: Vec<&Record> = records.iter().filter(|r| &r.indicator == ind && &r.area == area && r.value.is_some()).collect();
    let Some(last) = mine.iter().map(|r| r.period).max() else { return Vec::new() };
    mine.into_iter().filter(|r| r.period == last).collect()
}

/// The blocks of the quality section for `area`; `gaps` is the number of indicators the
/// coverage calls gaps, `cite` adds a dataset to the document's sources.
pub(crate) fn blocks(
    d: &Data,
    records: &[Record],
    conflicts: &[SourceConflict],
    area: &AreaCode,
    gaps: usize,
    cite: &mut dyn FnMut(&DatasetId) -> usize,
) -> Vec<Block> {
    let fw = d.fw;
    let mut out = Vec::new();
    let mut advice: Vec<Text> = Vec::new();
    let (Some(score_i), Some(gap_i)) = (code("DQA.SCORE"), code("DQA.MIRROR_GAP")) else {
        return vec![Block::Note(Text::msg("quality-no-assessment"))];
    };
    let (Ok(dqa_dim), Ok(src_dim), Ok(cp_dim)) =
        (DimensionId::parse("DQA_DIMENSION"), DimensionId::parse("SOURCE_TYPE"), DimensionId::parse("COUNTERPART_AREA"))
    else {
        return vec![Block::Note(Text::msg("quality-no-assessment"))];
    };
    let dims_cl = fw.codelist_of(&dqa_dim);
    let types_cl = fw.codelist_of(&src_dim);
    let name_of = |cl: Option<&mp_domain::framework::Codelist>, c: &str| -> Text {
        cl.and_then(|l| l.code(c)).map(|x| Text::I18n(x.name.clone())).unwrap_or_else(|| Text::plain(c))
    };

    // Scores: one column per source type scored, one row per quality dimension.
    let scores = newest(records, &score_i, area);
    if scores.is_empty() {
        out.push(Block::Note(Text::msg("quality-no-assessment")));
    } else {
        let period = scores[0].period;
        let mut columns: Vec<String> = Vec::new();
        for r in &scores {
            let t = r.dims.get("SOURCE_TYPE").map(|c| c.as_str().to_string()).unwrap_or_else(|| "_T".into());
            if !columns.contains(&t) {
                columns.push(t);
            }
        }
        let rows: Vec<String> =
            dims_cl.map(|l| l.codes.iter().map(|c| c.id.as_str().to_string()).filter(|c| c != "_T").collect()).unwrap_or_default();
        let cell = |col: &str, dim: Option<&str>| -> Option<&Record> {
            scores.iter().copied().find(|r| {
                r.dims.get("SOURCE_TYPE").map(|c| c.as_str()).unwrap_or("_T") == col
                    && r.dims.get("DQA_DIMENSION").map(|c| c.as_str()) == dim
            })
        };
        let mut srcs = Vec::new();
        let mut series = Vec::new();
        for col in &columns {
            let values: Vec<Option<Value>> = rows.iter().map(|dim| cell(col, Some(dim)).and_then(|r| d.value(r))).collect();
            series.push(Series { name: name_of(types_cl, col), values, projected: false, band: None, band_label: None });
        }
        for r in &scores {
            let i = cite(&r.dataset);
            if !srcs.contains(&i) {
                srcs.push(i);
            }
        }
        // The weakest scored dimensions of the all-sources column (or the first column).
        let main = columns.iter().find(|c| *c == "_T").unwrap_or(&columns[0]).clone();
        let mut scored: Vec<(&str, &Record)> =
            rows.iter().filter_map(|dim| cell(&main, Some(dim)).filter(|r| r.value.is_some()).map(|r| (dim.as_str(), r))).collect();
        scored.sort_by(|a, b| a.1.value.unwrap_or(0.0).total_cmp(&b.1.value.unwrap_or(0.0)));
        let alt = match (scored.first(), scored.last()) {
            (Some((lo, lr)), Some((hi, hr))) => Text::msg_with(
                "quality-heat-alt",
                vec![
                    ("count", Arg::Count(scored.len() as i64)),
                    ("weakest", Arg::Text(name_of(dims_cl, lo))),
                    ("weakest_score", d.value(lr).map(Arg::Value).unwrap_or(Arg::Count(0))),
                    ("strongest", Arg::Text(name_of(dims_cl, hi))),
                    ("strongest_score", d.value(hr).map(Arg::Value).unwrap_or(Arg::Count(0))),
                ],
            ),
            _ => Text::msg("quality-heat-alt-none"),
        };
        if let Some(total) = cell(&main, None).and_then(|r| d.value(r)) {
            out.push(Block::Paragraph(vec![Text::msg_with(
                "quality-intro",
                vec![("score", Arg::Value(total)), ("period", Arg::Period(period)), ("count", Arg::Count(scored.len() as i64))],
            )]));
        }
        out.push(Block::Chart(Chart {
            id: "chart-quality-scores".into(),
            kind: ChartKind::Heat,
            title: Text::msg("quality-heat-title"),
            y_label: Text::msg("quality-score-unit"),
            value_kind: ValueKind::Index,
            categories: rows.iter().map(|dim| name_of(dims_cl, dim)).collect(),
            series,
            forecast_from: None,
            map: None,
            sources: srcs.clone(),
            alt,
        }));
        // The table: every scored dimension, weakest first, and the composite.
        let mut table_rows: Vec<Vec<Cell>> = scored
            .iter()
            .filter_map(|(dim, r)| {
                let v = d.value(r)?;
                let computed = r.dataset.source == COMPUTED;
                Some(vec![
                    Cell::Text(name_of(dims_cl, dim)),
                    Cell::Value(v),
                    Cell::Text(Text::msg(if computed { "quality-by-data" } else { "quality-by-twg" })),
                ])
            })
            .collect();
        if let Some(total) = cell(&main, None).and_then(|r| d.value(r)) {
            table_rows.push(vec![Cell::Text(name_of(dims_cl, "_T")), Cell::Value(total), Cell::Text(Text::msg("quality-weighted-mean"))]);
        }
        out.push(Block::Table(Table {
            id: "table-quality-scores".into(),
            title: Text::msg_with("quality-scores-title", vec![("source", Arg::Text(name_of(types_cl, &main)))]),
            columns: vec![Text::msg("quality-col-dimension"), Text::msg("quality-col-score"), Text::msg("quality-col-basis")],
            rows: table_rows,
            sources: srcs,
            notes: vec![Text::msg("quality-scores-note")],
        }));
        for (dim, r) in scored.iter().filter(|(_, r)| r.value.unwrap_or(0.0) < WEAK).take(3) {
            if let Some(v) = d.value(r) {
                advice.push(Text::msg_with(
                    &format!("quality-advice-{}", dim.to_lowercase()),
                    vec![("dimension", Arg::Text(name_of(dims_cl, dim))), ("score", Arg::Value(v))],
                ));
            }
        }
        let unscored = rows.iter().filter(|dim| !scored.iter().any(|(s, _)| s == dim)).count();
        if unscored > 0 {
            advice.push(Text::msg_with("quality-advice-twg", vec![("count", Arg::Count(unscored as i64))]));
        }
    }

    // Conflicts between sources, largest first.
    let by_id: HashMap<i64, &Record> = records.iter().map(|r| (r.id, r)).collect();
    let mut rows = Vec::new();
    let mut srcs = Vec::new();
    let mut first: Option<(Text, Value)> = None;
    for c in conflicts {
        if rows.len() == TOP {
            break;
        }
        let rs: Vec<&Record> = c.records.iter().filter_map(|id| by_id.get(id).copied()).filter(|r| &r.area == area).collect();
        let (Some(shown), Some(other)) = (
            rs.first(),
            rs.iter().skip(1).max_by(|a, b| {
                let da = (a.value.unwrap_or(0.0) - rs[0].value.unwrap_or(0.0)).abs();
                let db = (b.value.unwrap_or(0.0) - rs[0].value.unwrap_or(0.0)).abs();
                da.total_cmp(&db)
            }),
        ) else {
            continue;
        };
        let Some(ind) = fw.indicator(&shown.indicator) else { continue };
        let (Some(vs), Some(vo)) = (d.value(shown), d.value(other)) else { continue };
        let (is, io) = (cite(&shown.dataset), cite(&other.dataset));
        for i in [is, io] {
            if !srcs.contains(&i) {
                srcs.push(i);
            }
        }
        let diff = Value {
            v: c.relative_difference * 100.0,
            kind: ValueKind::Percent,
            decimals: 0,
            trace: rs.iter().map(|r| trace(r)).collect(),
            formula: Some("(largest − smallest) / mean of the absolute values".into()),
            status: None,
        };
        let mut label = Text::I18n(ind.name.clone());
        if !shown.dims.is_total() {
            label = Text::msg_with(
                "quality-figure-dims",
                vec![("name", Arg::Text(label)), ("dims", Arg::Text(Text::plain(shown.dims.to_string())))],
            );
        }
        if first.is_none() {
            first = Some((Text::I18n(ind.name.clone()), diff.clone()));
        }
        let with_source = |v: Value, i: usize| {
            Cell::Text(Text::msg_with(
                "quality-value-source",
                vec![("value", Arg::Value(v)), ("source", Arg::Text(Text::plain(format!("[{}]", i + 1))))],
            ))
        };
        rows.push(vec![
            Cell::Text(label),
            Cell::Text(Text::plain(shown.period.to_string())),
            with_source(vs, is),
            with_source(vo, io),
            Cell::Value(diff),
        ]);
    }
    if rows.is_empty() {
        out.push(Block::Note(Text::msg("quality-no-conflicts")));
    } else {
        out.push(Block::Table(Table {
            id: "table-quality-conflicts".into(),
            title: Text::msg("quality-conflicts-title"),
            columns: vec![
                Text::msg("col-indicator"),
                Text::msg("col-period"),
                Text::msg("quality-col-shown"),
                Text::msg("quality-col-other"),
                Text::msg("quality-col-difference"),
            ],
            rows,
            sources: srcs,
            notes: vec![Text::msg("quality-conflicts-note")],
        }));
        if let Some((name, diff)) = first {
            advice.push(Text::msg_with(
                "quality-advice-conflicts",
                vec![("count", Arg::Count(conflicts.len() as i64)), ("indicator", Arg::Text(name)), ("difference", Arg::Value(diff))],
            ));
        }
    }

    // Mirror statistics: the overall gap and the corridors with the largest gaps.
    let gaps_recs = newest(records, &gap_i, area);
    let overall = gaps_recs.iter().find(|r| r.dims.is_total());
    let mut corridors: Vec<&&Record> = gaps_recs.iter().filter(|r| r.dims.get(cp_dim.as_str()).is_some()).collect();
    corridors.sort_by(|a, b| b.value.unwrap_or(0.0).abs().total_cmp(&a.value.unwrap_or(0.0).abs()));
    let mut srcs = Vec::new();
    let mut mrows = Vec::new();
    for r in corridors.iter().take(TOP) {
        let Some(partner) = r.dims.get(cp_dim.as_str()) else { continue };
        let Some(v) = d.value(r) else { continue };
        let i = cite(&r.dataset);
        if !srcs.contains(&i) {
            srcs.push(i);
        }
        let name = mp_domain::AreaCode::parse(partner.as_str())
            .ok()
            .map(|a| d.area_name(&a))
            .unwrap_or_else(|| I18nText::new(partner.as_str(), partner.as_str(), partner.as_str()));
        mrows.push(vec![Cell::Text(Text::I18n(name)), Cell::Text(Text::plain(r.period.to_string())), Cell::Value(v)]);
    }
    let overall_v = overall.and_then(|r| d.value(r));
    if let Some(v) = &overall_v {
        out.push(Block::Paragraph(vec![Text::msg_with("quality-mirror-overall", vec![("gap", Arg::Value(v.clone()))])]));
        if let Some(r) = overall {
            let i = cite(&r.dataset);
            if !srcs.contains(&i) {
                srcs.push(i);
            }
        }
    }
    if mrows.is_empty() {
        out.push(Block::Note(Text::msg("quality-no-mirror")));
    } else {
        out.push(Block::Table(Table {
            id: "table-quality-mirror".into(),
            title: Text::msg("quality-mirror-title"),
            columns: vec![Text::msg("quality-col-partner"), Text::msg("col-period"), Text::msg("quality-col-gap")],
            rows: mrows,
            sources: srcs,
            notes: vec![Text::msg("quality-mirror-note")],
        }));
    }
    if let Some(v) = overall_v.filter(|v| v.v.abs() >= MIRROR_ADVICE) {
        advice.push(Text::msg_with("quality-advice-mirror", vec![("gap", Arg::Value(v))]));
    }
    if gaps > 0 {
        advice.push(Text::msg_with("quality-advice-gaps", vec![("count", Arg::Count(gaps as i64))]));
    }

    if !advice.is_empty() {
        out.push(Block::Paragraph(std::iter::once(Text::msg("quality-advice-heading")).chain(advice).collect()));
    }
    out
}
