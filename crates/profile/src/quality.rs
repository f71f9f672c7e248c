//! The quality section of a country's profile (theme T03): the quality scores as a heat map
//! (quality dimensions × the country's data as a whole and each data source, 0–3), a table of
//! the whole's scores and one of each source's composite, the largest differences between sources
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
/// The dimension naming the data source a score is about.
const ASSESSED_SOURCE: &str = "ASSESSED_SOURCE";

/// The quality dimensions with a short name (`srcq-dim-<id>`) for the heat map's narrow columns.
const SHORT_NAMED: [&str; 11] = [
    "PREREQUISITES",
    "INTEGRITY",
    "RELEVANCE",
    "CONFORMITY",
    "COVERAGE",
    "ACCURACY",
    "TIMELINESS",
    "PERIODICITY",
    "COHERENCE",
    "DISAGGREGATION",
    "ACCESSIBILITY",
];

/// A dimension's short name, when it has one (the codelist's full name is in the table).
fn short_name(dim: &str) -> Option<Text> {
    SHORT_NAMED.contains(&dim).then(|| Text::msg(&format!("srcq-dim-{}", dim.to_lowercase())))
}

/// Whether a stored score is the Technical Working Group's own (entered, or repeated by the
/// assessment with the figure it comes from as evidence).
fn by_twg(r: &Record) -> bool {
    r.dataset.source != COMPUTED || r.footnote.as_deref().is_some_and(|f| f.starts_with("entered by the Technical Working Group"))
}

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
    let name_of = |cl: Option<&mp_domain::framework::Codelist>, c: &str| -> Text {
        cl.and_then(|l| l.code(c)).map(|x| Text::I18n(x.name.clone())).unwrap_or_else(|| Text::plain(c))
    };

    // Scores: the country's data as a whole, then one column per data source scored; one row
    // per quality dimension. Where the assessment is stored, its figures (which repeat the
    // Technical Working Group's scores with their evidence) are the ones shown.
    let mut scores = newest(records, &score_i, area);
    if scores.iter().any(|r| r.dataset.source == COMPUTED) {
        scores.retain(|r| r.dataset.source == COMPUTED);
    }
    scores.retain(|r| r.dims.get(src_dim.as_str()).is_none_or(|c| c.as_str() == "_T"));
    let column_of = |r: &Record| r.dims.get(ASSESSED_SOURCE).map(|c| c.as_str().to_string()).unwrap_or_else(|| "_T".into());
    if scores.is_empty() {
        out.push(Block::Note(Text::msg("quality-no-assessment")));
    } else {
        let period = scores[0].period;
        let mut columns: Vec<String> = Vec::new();
        for r in &scores {
            let t = column_of(r);
            if !columns.contains(&t) {
                columns.push(t);
            }
        }
        let src_cl = DimensionId::parse(ASSESSED_SOURCE).ok().and_then(|d| fw.codelist_of(&d));
        let source_name = |c: &str| -> Text { if c == "_T" { Text::msg("srcq-all-sources") } else { name_of(src_cl, c) } };
        // The whole first, then the sources by code.
        columns.sort_by_key(|c| (c != "_T", c.clone()));
        let rows: Vec<String> =
            dims_cl.map(|l| l.codes.iter().map(|c| c.id.as_str().to_string()).filter(|c| c != "_T").collect()).unwrap_or_default();
        let cell = |col: &str, dim: Option<&str>| -> Option<&Record> {
            scores.iter().copied().find(|r| column_of(r) == col && r.dims.get("DQA_DIMENSION").map(|c| c.as_str()) == dim)
        };
        // The heat map: a row per source (the whole first), a column per dimension some source
        // has a score for (the table's note and the advice name those left to the TWG), so that
        // a score of every source of the country fits the page's width.
        let heat_dims: Vec<&String> = rows.iter().filter(|dim| columns.iter().any(|c| cell(c, Some(dim)).is_some())).collect();
        let series: Vec<Series> = heat_dims
            .iter()
            .map(|dim| Series {
                name: short_name(dim).unwrap_or_else(|| name_of(dims_cl, dim)),
                values: columns.iter().map(|col| cell(col, Some(dim)).and_then(|r| d.value(r))).collect(),
                projected: false,
                band: None,
                band_label: None,
            })
            .collect();
        let mut srcs = Vec::new();
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
            categories: columns.iter().map(|col| source_name(col)).collect(),
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
                // The whole's score is the mean of its sources': the TWG's when all of them are.
                let of_sources: Vec<&Record> = columns.iter().filter(|c| *c != &main).filter_map(|c| cell(c, Some(dim))).collect();
                let twg = if main == "_T" && !of_sources.is_empty() { of_sources.iter().all(|r| by_twg(r)) } else { by_twg(r) };
                Some(vec![
                    Cell::Text(name_of(dims_cl, dim)),
                    Cell::Value(v),
                    Cell::Text(Text::msg(if twg { "quality-by-twg" } else { "quality-by-data" })),
                ])
            })
            .collect();
        if let Some(total) = cell(&main, None).and_then(|r| d.value(r)) {
            table_rows.push(vec![Cell::Text(name_of(dims_cl, "_T")), Cell::Value(total), Cell::Text(Text::msg("quality-weighted-mean"))]);
        }
        out.push(Block::Table(Table {
            id: "table-quality-scores".into(),
            title: Text::msg_with("quality-scores-title", vec![("source", Arg::Text(source_name(&main)))]),
            columns: vec![Text::msg("quality-col-dimension"), Text::msg("quality-col-score"), Text::msg("quality-col-basis")],
            rows: table_rows,
            sources: srcs.clone(),
            notes: vec![Text::msg("quality-scores-note")],
        }));
        // Each data source: its composite and its weakest dimension, weakest source first.
        let mut by_source: Vec<(&String, &Record)> =
            columns.iter().filter(|c| *c != "_T").filter_map(|c| cell(c, None).filter(|r| r.value.is_some()).map(|r| (c, r))).collect();
        by_source.sort_by(|a, b| a.1.value.unwrap_or(0.0).total_cmp(&b.1.value.unwrap_or(0.0)).then(a.0.cmp(b.0)));
        let weakest_of = |col: &str| -> Option<(&str, &Record)> {
            rows.iter()
                .filter_map(|dim| cell(col, Some(dim)).filter(|r| r.value.is_some()).map(|r| (dim.as_str(), r)))
                .min_by(|a, b| a.1.value.unwrap_or(0.0).total_cmp(&b.1.value.unwrap_or(0.0)))
        };
        let mut src_rows = Vec::new();
        for (col, r) in &by_source {
            let Some(v) = d.value(r) else { continue };
            let weakest = match weakest_of(col).and_then(|(dim, wr)| Some((dim, d.value(wr)?))) {
                Some((dim, wv)) => Cell::Text(Text::msg_with(
                    "srcq-weakest",
                    vec![("dimension", Arg::Text(name_of(dims_cl, dim))), ("score", Arg::Value(wv))],
                )),
                None => Cell::Text(Text::plain("—")),
            };
            let scored_n = rows.iter().filter(|dim| cell(col, Some(dim)).is_some()).count();
            src_rows.push(vec![Cell::Text(source_name(col)), Cell::Value(v), weakest, Cell::Text(Text::plain(scored_n.to_string()))]);
        }
        if !src_rows.is_empty() {
            out.push(Block::Table(Table {
                id: "table-quality-sources".into(),
                title: Text::msg("srcq-table-title"),
                columns: vec![
                    Text::msg("srcq-col-source"),
                    Text::msg("srcq-col-composite"),
                    Text::msg("srcq-col-weakest"),
                    Text::msg("srcq-col-scored"),
                ],
                rows: src_rows,
                sources: srcs,
                notes: vec![Text::msg("srcq-table-note")],
            }));
        }
        if let Some((col, r)) = by_source.first().filter(|(_, r)| r.value.unwrap_or(0.0) < WEAK)
            && let (Some(v), Some((dim, _))) = (d.value(r), weakest_of(col))
        {
            advice.push(Text::msg_with(
                "srcq-advice-source",
                vec![("source", Arg::Text(source_name(col))), ("score", Arg::Value(v)), ("dimension", Arg::Text(name_of(dims_cl, dim)))],
            ));
        }
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
