//! The quality section (theme T03) over small hand-made record sets: scores as a heat map and a
//! table, conflicts between sources, mirror gaps and the advice derived from them. The records
//! are invented for the tests (round numbers, invented file names) and are not real data.

use mp_domain::{
    Area, AreaCode, AreaKind, AreaRegistry, CodeValue, DatasetId, DimensionId, DimensionKey, Framework, I18nText, IndicatorCode, ObsStatus,
    Period, Record,
};
use mp_profile::{Arg, Block, Cell, ChartKind, Document, Inputs, Narrative, SourceConflict, Template, Text, build_country};
use std::path::Path;
use std::sync::OnceLock;

fn framework() -> &'static Framework {
    static FW: OnceLock<Framework> = OnceLock::new();
    FW.get_or_init(|| {
        let files = mp_ingest::framework_dir::read_framework_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../framework"))
            .unwrap_or_else(|e| panic!("{e}"));
        Framework::from_files(&files, None).unwrap_or_else(|e| panic!("{e}"))
    })
}

fn areas() -> AreaRegistry {
    let area = |code: &str, m49: u16| Area {
        code: AreaCode::parse(code).unwrap(),
        iso2: None,
        m49: mp_domain::M49::new(m49),
        name: I18nText::new(format!("{code} en"), format!("{code} fr"), format!("{code} pt")),
        kind: AreaKind::Country,
        profile_language: (code == "SEN").then_some(mp_domain::Lang::Fr),
    };
    AreaRegistry::new(vec![area("SEN", 686), area("FRA", 250), area("ITA", 380), area("GMB", 270)], Vec::new())
}

fn rec(id: i64, ind: &str, period: &str, dims: &str, value: f64, ds: &str) -> Record {
    let (source, vintage) = ds.split_once('@').unwrap();
    let mut key = DimensionKey::total();
    for part in dims.split('|').filter(|p| !p.is_empty()) {
        let (d, c) = part.split_once('=').unwrap();
        key.set(DimensionId::parse(d).unwrap(), CodeValue::parse(c).unwrap());
    }
    Record {
        id,
        indicator: IndicatorCode::parse(ind).unwrap(),
        area: AreaCode::parse("SEN").unwrap(),
        period: Period::parse(period).unwrap(),
        dims: key,
        value: Some(value),
        status: ObsStatus::Normal,
        footnote: Some("test evidence".into()),
        dataset: DatasetId { source: source.into(), vintage: vintage.into() },
        source_name: format!("Test source {source}"),
        file: format!("test/{source}.csv"),
        sha256: "0".repeat(64),
        locator: format!("row {id}"),
    }
}

fn build(records: &[Record], conflicts: &[SourceConflict]) -> Document {
    let text = "id = \"test\"\nname = { en = \"t\", fr = \"t\", pt = \"t\" }\nprefer = [\"undesa-ims\"]\n\
         [[section]]\nid = \"q\"\ntitle = { en = \"q\", fr = \"q\", pt = \"q\" }\nblock = [ { type = \"quality\" } ]\n";
    let tpl = Template::parse("test.toml", text, framework()).unwrap_or_else(|e| panic!("{e}"));
    let areas = areas();
    let narrative = Narrative::new();
    let inputs = Inputs {
        framework: framework(),
        areas: &areas,
        records,
        narrative: &narrative,
        edition: None,
        as_of: "2026-06-01".into(),
        registry: &mp_domain::RegistryView::default(),
        conflicts,
        previous: None,
        findings: &[],
    };
    build_country(&tpl, &inputs, &AreaCode::parse("SEN").unwrap())
}

fn msg_ids(blocks: &[Block]) -> Vec<String> {
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Paragraph(ts) => {
                out.extend(ts.iter().filter_map(|t| if let Text::Msg { id, .. } = t { Some(id.clone()) } else { None }))
            }
            Block::Note(Text::Msg { id, .. }) => out.push(id.clone()),
            _ => {}
        }
    }
    out
}

const DQA: &str = "mprofile-dqa@2026-05";

fn assessed() -> Vec<Record> {
    vec![
        rec(1, "DQA.SCORE", "2026", "DQA_DIMENSION=TIMELINESS", 1.0, DQA),
        rec(2, "DQA.SCORE", "2026", "DQA_DIMENSION=PERIODICITY", 3.0, DQA),
        rec(3, "DQA.SCORE", "2026", "DQA_DIMENSION=COHERENCE", 0.0, DQA),
        rec(4, "DQA.SCORE", "2026", "DQA_DIMENSION=DISAGGREGATION", 2.0, DQA),
        rec(5, "DQA.SCORE", "2026", "", 1.5, DQA),
        // An older assessment: not shown.
        rec(6, "DQA.SCORE", "2025", "DQA_DIMENSION=TIMELINESS", 3.0, DQA),
        rec(10, "DQA.MIRROR_GAP", "2017", "", 40.0, DQA),
        rec(11, "DQA.MIRROR_GAP", "2017", "COUNTERPART_AREA=FRA", 12.5, DQA),
        rec(12, "DQA.MIRROR_GAP", "2017", "COUNTERPART_AREA=ITA", 80.0, DQA),
        rec(20, "IMM.STOCK", "2020", "", 275_000.0, "undesa-ims@2024"),
        rec(21, "IMM.STOCK", "2020", "", 200_000.0, "other-src@2023"),
    ]
}

#[test]
fn scores_draw_a_heat_map_of_every_dimension_and_a_table_weakest_first() {
    let doc = build(&assessed(), &[]);
    let blocks = &doc.sections[0].blocks;
    let chart = blocks.iter().find_map(|b| if let Block::Chart(c) = b { Some(c) } else { None }).expect("a heat map");
    assert_eq!(chart.kind, ChartKind::Heat);
    // One row: all sources; a column per scored dimension of the newest assessment.
    assert_eq!(chart.categories.len(), 1);
    assert_eq!(chart.series.len(), 4);
    let mut drawn: Vec<f64> = chart.series.iter().flat_map(|s| s.values.iter().flatten()).map(|v| v.v).collect();
    drawn.sort_by(f64::total_cmp);
    assert_eq!(drawn, [0.0, 1.0, 2.0, 3.0], "the four scored dimensions of the newest assessment");
    for v in chart.series.iter().flat_map(|s| s.values.iter().flatten()) {
        assert_eq!(v.trace.len(), 1);
        assert!([1, 2, 3, 4].contains(&v.trace[0].record), "{:?}", v.trace);
    }
    let table =
        blocks.iter().find_map(|b| if let Block::Table(t) = b { (t.id == "table-quality-scores").then_some(t) } else { None }).unwrap();
    let scores: Vec<f64> = table.rows.iter().filter_map(|r| if let Cell::Value(v) = &r[1] { Some(v.v) } else { None }).collect();
    assert_eq!(scores, [0.0, 1.0, 2.0, 3.0, 1.5], "weakest first, the composite last");
    // Advice: the two weak dimensions, the five dimensions left to the TWG, the conflict-free
    // note, the large mirror gap.
    let ids = msg_ids(blocks);
    for id in [
        "quality-intro",
        "quality-advice-heading",
        "quality-advice-coherence",
        "quality-advice-timeliness",
        "quality-advice-twg",
        "quality-advice-mirror",
        "quality-no-conflicts",
    ] {
        assert!(ids.contains(&id.to_string()), "{id} missing from {ids:?}");
    }
    assert!(!ids.contains(&"quality-advice-disaggregation".to_string()), "a score of 2 is not weak");
}

#[test]
fn mirror_gaps_are_listed_largest_first_with_the_partner_named() {
    let doc = build(&assessed(), &[]);
    let t = doc.sections[0]
        .blocks
        .iter()
        .find_map(|b| if let Block::Table(t) = b { (t.id == "table-quality-mirror").then_some(t) } else { None })
        .unwrap();
    let partners: Vec<String> =
        t.rows.iter().map(|r| if let Cell::Text(Text::I18n(n)) = &r[0] { n.en.clone() } else { String::new() }).collect();
    assert_eq!(partners, ["ITA en", "FRA en"]);
    assert!(matches!(&t.rows[0][2], Cell::Value(v) if v.v == 80.0 && v.trace[0].record == 12));
}

#[test]
fn conflicts_show_both_values_their_sources_and_the_difference_traced_to_both() {
    let c = SourceConflict { records: vec![20, 21], relative_difference: 0.3157 };
    // A conflict naming a record the document does not hold is left out, never invented.
    let stray = SourceConflict { records: vec![20, 999], relative_difference: 0.9 };
    let doc = build(&assessed(), &[stray, c]);
    let t = doc.sections[0]
        .blocks
        .iter()
        .find_map(|b| if let Block::Table(t) = b { (t.id == "table-quality-conflicts").then_some(t) } else { None })
        .expect("a conflict table");
    assert_eq!(t.rows.len(), 1);
    let Cell::Value(diff) = &t.rows[0][4] else { panic!("difference") };
    assert_eq!((diff.v * 100.0).round() / 100.0, 31.57);
    assert_eq!(diff.trace.iter().map(|t| t.record).collect::<Vec<_>>(), [20, 21]);
    let Cell::Text(Text::Msg { id, args }) = &t.rows[0][2] else { panic!("shown value") };
    assert_eq!(id, "quality-value-source");
    assert!(matches!(&args[0].1, Arg::Value(v) if v.v == 275_000.0));
    let cited: Vec<&str> = doc.sources.iter().map(|s| s.code.as_str()).collect();
    assert!(cited.contains(&"undesa-ims") && cited.contains(&"other-src") && cited.contains(&"mprofile-dqa"), "{cited:?}");
    assert!(msg_ids(&doc.sections[0].blocks).contains(&"quality-advice-conflicts".to_string()));
}

#[test]
fn without_an_assessment_the_section_says_so_and_draws_nothing_empty() {
    let doc = build(&[], &[]);
    let blocks = &doc.sections[0].blocks;
    assert!(!blocks.iter().any(|b| matches!(b, Block::Chart(_) | Block::Table(_))));
    let ids = msg_ids(blocks);
    assert_eq!(ids, ["quality-no-assessment", "quality-no-conflicts", "quality-no-mirror"]);
}

#[test]
fn each_data_source_is_a_column_of_the_heat_map_and_a_row_of_its_own_table() {
    let mut records = assessed();
    records.extend([
        rec(30, "DQA.SCORE", "2026", "ASSESSED_SOURCE=unhcr|DQA_DIMENSION=TIMELINESS", 3.0, DQA),
        rec(31, "DQA.SCORE", "2026", "ASSESSED_SOURCE=unhcr|DQA_DIMENSION=COHERENCE", 2.0, DQA),
        rec(32, "DQA.SCORE", "2026", "ASSESSED_SOURCE=unhcr", 2.5, DQA),
        rec(33, "DQA.SCORE", "2026", "ASSESSED_SOURCE=wb-wdi|DQA_DIMENSION=TIMELINESS", 1.0, DQA),
        rec(34, "DQA.SCORE", "2026", "ASSESSED_SOURCE=wb-wdi|DQA_DIMENSION=PERIODICITY", 0.0, DQA),
        rec(35, "DQA.SCORE", "2026", "ASSESSED_SOURCE=wb-wdi", 0.5, DQA),
        // A score the TWG submitted itself: the assessment repeats it, so it is not drawn twice.
        rec(36, "DQA.SCORE", "2026", "ASSESSED_SOURCE=NATIONAL|DQA_DIMENSION=INTEGRITY", 1.0, "nat-sen-twg@2026-01"),
    ]);
    let doc = build(&records, &[]);
    let blocks = &doc.sections[0].blocks;
    let chart = blocks.iter().find_map(|b| if let Block::Chart(c) = b { Some(c) } else { None }).expect("a heat map");
    // A row per source: all sources first, then the sources by code, named from CL_DATA_SOURCE.
    let names: Vec<String> = chart
        .categories
        .iter()
        .map(|t| match t {
            Text::Msg { id, .. } => id.clone(),
            Text::I18n(t) => t.en.clone(),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(names, ["srcq-all-sources", "UNHCR refugee statistics", "World Bank WDI"]);
    // A column per dimension scored somewhere: WDI's row has its timeliness and periodicity.
    let wdi: Vec<(String, f64, i64)> = chart
        .series
        .iter()
        .filter_map(|s| {
            let v = s.values.get(2).cloned().flatten()?;
            let Text::Msg { id, .. } = &s.name else { return None };
            Some((id.clone(), v.v, v.trace[0].record))
        })
        .collect();
    assert_eq!(wdi, [("srcq-dim-timeliness".to_string(), 1.0, 33), ("srcq-dim-periodicity".to_string(), 0.0, 34)]);
    assert_eq!(chart.series.len(), 4, "timeliness, periodicity, disaggregation and coherence");
    // The sources' table: weakest composite first, with its weakest dimension.
    let t = blocks
        .iter()
        .find_map(|b| if let Block::Table(t) = b { (t.id == "table-quality-sources").then_some(t) } else { None })
        .expect("the sources' table");
    let composites: Vec<f64> = t.rows.iter().filter_map(|r| if let Cell::Value(v) = &r[1] { Some(v.v) } else { None }).collect();
    assert_eq!(composites, [0.5, 2.5]);
    assert!(matches!(&t.rows[0][1], Cell::Value(v) if v.trace[0].record == 35));
    let Cell::Text(Text::Msg { id, args }) = &t.rows[0][2] else { panic!("weakest") };
    assert_eq!(id, "srcq-weakest");
    assert!(matches!(&args[1].1, Arg::Value(v) if v.v == 0.0));
    // Advice names the weakest source.
    assert!(msg_ids(blocks).contains(&"srcq-advice-source".to_string()));
}
