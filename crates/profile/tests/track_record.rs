//! The forecasts section of a second edition: how the forecasts the first edition published did
//! against what has been observed since. The records are invented for the tests (round
//! numbers, invented file names) and are not real data.

use mp_domain::{
    Area, AreaCode, AreaKind, AreaRegistry, CodeValue, DatasetId, DimensionId, DimensionKey, Framework, I18nText, IndicatorCode, ObsStatus,
    Period, Record,
};
use mp_profile::{Arg, Block, Cell, Document, Inputs, Narrative, PreviousEdition, Table, Template, Text, build_country};
use std::path::Path;

fn framework() -> Framework {
    let files = mp_ingest::framework_dir::read_framework_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../framework"))
        .unwrap_or_else(|e| panic!("{e}"));
    Framework::from_files(&files, None).unwrap_or_else(|e| panic!("{e}"))
}

fn areas() -> AreaRegistry {
    let sen = Area {
        code: AreaCode::parse("SEN").unwrap(),
        iso2: None,
        m49: mp_domain::M49::new(686),
        name: I18nText::new("SEN", "SEN", "SEN"),
        kind: AreaKind::Country,
        profile_language: Some(mp_domain::Lang::Fr),
    };
    AreaRegistry::new(vec![sen], Vec::new())
}

/// One SEN record; `variant` empty for the total.
fn rec(id: i64, ind: &str, period: &str, variant: &str, value: f64, status: ObsStatus, ds: &str) -> Record {
    let (source, vintage) = ds.split_once('@').unwrap();
    let mut key = DimensionKey::total();
    if !variant.is_empty() {
        key.set(DimensionId::parse("VARIANT").unwrap(), CodeValue::parse(variant).unwrap());
    }
    Record {
        id,
        indicator: IndicatorCode::parse(ind).unwrap(),
        area: AreaCode::parse("SEN").unwrap(),
        period: Period::parse(period).unwrap(),
        dims: key,
        value: Some(value),
        status,
        footnote: (status == ObsStatus::Forecast).then(|| "Forecast by the module (FC_MODEL=NAIVE, SERIES_KIND=OBSERVED)".to_string()),
        dataset: DatasetId { source: source.into(), vintage: vintage.into() },
        source_name: format!("Test source {source}"),
        file: format!("test/{source}.csv"),
        sha256: "0".repeat(64),
        locator: format!("row {id}"),
    }
}

/// The first edition's forecasts of remittances for 2024 and 2025, with their 80 % intervals.
fn first_edition() -> Vec<Record> {
    let f = ObsStatus::Forecast;
    let ds = "mprofile-forecast@2025-01-10";
    vec![
        rec(1, "REM.IN", "2023", "", 100.0, ObsStatus::Normal, "wdi@2024"),
        rec(2, "FCT.REM", "2024", "", 100.0, f, ds),
        rec(3, "FCT.REM", "2024", "LO80", 80.0, f, ds),
        rec(4, "FCT.REM", "2024", "HI80", 120.0, f, ds),
        rec(5, "FCT.REM", "2025", "", 110.0, f, ds),
        rec(6, "FCT.REM", "2025", "LO80", 85.0, f, ds),
        rec(7, "FCT.REM", "2025", "HI80", 135.0, f, ds),
    ]
}

fn build(records: &[Record], previous: Option<PreviousEdition>) -> Document {
    let fw = framework();
    let areas = areas();
    let narrative = Narrative::new();
    let text = "id = \"test\"\nname = { en = \"t\", fr = \"t\", pt = \"t\" }\nprefer = []\n\
                [[section]]\nid = \"s\"\ntitle = { en = \"s\", fr = \"s\", pt = \"s\" }\nblock = [ { type = \"forecast_table\" } ]\n";
    let tpl = Template::parse("test.toml", text, &fw).unwrap_or_else(|e| panic!("{e}"));
    let inputs = Inputs {
        framework: &fw,
        areas: &areas,
        records,
        narrative: &narrative,
        edition: Some("2026".into()),
        as_of: "2026-06-01".into(),
        registry: &mp_domain::RegistryView::default(),
        conflicts: &[],
        previous,
        findings: &[],
    };
    build_country(&tpl, &inputs, &AreaCode::parse("SEN").unwrap())
}

fn note<'a>(doc: &'a Document, id: &str) -> Option<&'a Text> {
    doc.sections[0].blocks.iter().find_map(|b| match b {
        Block::Note(t @ Text::Msg { id: i, .. }) if i == id => Some(t),
        _ => None,
    })
}

fn track_table(doc: &Document) -> Option<&Table> {
    doc.sections[0].blocks.iter().find_map(|b| match b {
        Block::Table(t) if matches!(&t.title, Text::Msg { id, .. } if id == "forecast-track-title") => Some(t),
        _ => None,
    })
}

fn count(t: &Text, arg: &str) -> i64 {
    let Text::Msg { args, .. } = t else { panic!("{t:?}") };
    match args.iter().find(|(k, _)| k == arg) {
        Some((_, Arg::Count(n))) => *n,
        other => panic!("{arg}: {other:?}"),
    }
}

fn number(c: &Cell) -> f64 {
    match c {
        Cell::Value(v) => v.v,
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_second_edition_sets_the_first_editions_forecasts_against_what_happened() {
    let first = first_edition();
    // Since then: 2024 and 2025 observed (90 inside the interval, 150 above it), and a new run.
    let mut now = vec![
        rec(11, "REM.IN", "2023", "", 100.0, ObsStatus::Normal, "wdi@2026"),
        rec(12, "REM.IN", "2024", "", 90.0, ObsStatus::Normal, "wdi@2026"),
        rec(13, "REM.IN", "2025", "", 150.0, ObsStatus::Normal, "wdi@2026"),
    ];
    now.push(rec(14, "FCT.REM", "2026", "", 150.0, ObsStatus::Forecast, "mprofile-forecast@2026-02-01"));
    let doc = build(&now, Some(PreviousEdition { label: "2025", records: &first }));
    let summary = note(&doc, "forecast-track-summary").unwrap_or_else(|| panic!("{:#?}", doc.sections[0].blocks));
    assert_eq!((count(summary, "inside"), count(summary, "n")), (1, 2));
    let t = track_table(&doc).expect("the track-record table");
    assert_eq!(t.rows.len(), 2, "{:#?}", t.rows);
    // 2024: published 100, observed 90, error −10, inside; 2025: 110 against 150, outside.
    assert_eq!((number(&t.rows[0][2]), number(&t.rows[0][4]), number(&t.rows[0][5])), (100.0, 90.0, -10.0));
    assert_eq!(t.rows[0][6], Cell::Text(Text::msg("forecast-track-yes")));
    assert_eq!((number(&t.rows[1][2]), number(&t.rows[1][4]), number(&t.rows[1][5])), (110.0, 150.0, 40.0));
    assert_eq!(t.rows[1][6], Cell::Text(Text::msg("forecast-track-no")));
    // Both the frozen forecast and the observed figures are cited.
    let cited: Vec<String> = t.sources.iter().map(|&i| format!("{}@{}", doc.sources[i].code, doc.sources[i].vintage)).collect();
    assert!(cited.contains(&"mprofile-forecast@2025-01-10".to_string()) && cited.contains(&"wdi@2026".to_string()), "{cited:?}");
}

#[test]
fn nothing_observed_yet_is_said_and_a_first_edition_shows_no_track_record() {
    let first = first_edition();
    let doc = build(&first, Some(PreviousEdition { label: "2025", records: &first }));
    assert!(track_table(&doc).is_none());
    let t = note(&doc, "forecast-track-none-observed").expect("the sentence saying nothing can be judged yet");
    let Text::Msg { args, .. } = t else { unreachable!() };
    assert!(args.iter().any(|(k, a)| k == "year" && *a == Arg::Year(2024)), "{args:?}");
    let doc = build(&first, None);
    assert!(track_table(&doc).is_none() && note(&doc, "forecast-track-none-observed").is_none());
}
