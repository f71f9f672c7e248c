//! The profile builder block by block, over small hand-made record sets: empty, single-point,
//! flagged and multi-source cases. The records are invented for the tests (round numbers,
//! invented file names) and are not real data.

use mp_domain::{
    Area, AreaCode, AreaKind, AreaRegistry, CodeValue, DatasetId, DimensionId, DimensionKey, Framework, I18nText, IndicatorCode, ObsStatus,
    Period, Record,
};
use mp_profile::{Block, Cell, ChartKind, Document, Inputs, Narrative, Origin, Template, Text, Value, build_country, build_regional};
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

fn area(code: &str, m49: u16, kind: AreaKind, profile: bool) -> Area {
    Area {
        code: AreaCode::parse(code).unwrap(),
        iso2: None,
        m49: mp_domain::M49::new(m49),
        name: I18nText::new(code, code, code),
        kind,
        profile_language: profile.then_some(mp_domain::Lang::Fr),
    }
}

fn areas() -> AreaRegistry {
    AreaRegistry::new(
        vec![
            area("SEN", 686, AreaKind::Country, true),
            area("GHA", 288, AreaKind::Country, true),
            area("FRA", 250, AreaKind::Country, false),
            area("MLI", 466, AreaKind::Country, false),
            area("GIN", 324, AreaKind::Country, false),
        ],
        Vec::new(),
    )
}

/// One record; `dims` as `SEX=F|…`, `ds` as `source@vintage`.
#[allow(clippy::too_many_arguments)]
fn rec(id: i64, ind: &str, area: &str, period: &str, dims: &str, value: f64, status: ObsStatus, ds: &str) -> Record {
    let (source, vintage) = ds.split_once('@').unwrap();
    let mut key = DimensionKey::total();
    for part in dims.split('|').filter(|p| !p.is_empty()) {
        let (d, c) = part.split_once('=').unwrap();
        key.set(DimensionId::parse(d).unwrap(), CodeValue::parse(c).unwrap());
    }
    Record {
        id,
        indicator: IndicatorCode::parse(ind).unwrap(),
        area: AreaCode::parse(area).unwrap(),
        period: Period::parse(period).unwrap(),
        dims: key,
        value: Some(value),
        status,
        footnote: None,
        dataset: DatasetId { source: source.into(), vintage: vintage.into() },
        source_name: format!("Test source {source}"),
        file: format!("test/{source}.csv"),
        sha256: "0".repeat(64),
        locator: format!("row {id}"),
    }
}

fn n(id: i64, ind: &str, area: &str, period: &str, value: f64, ds: &str) -> Record {
    rec(id, ind, area, period, "", value, ObsStatus::Normal, ds)
}

/// A template of one section holding `blocks`, and the gap annex.
fn template(blocks: &str) -> Template {
    let text = format!(
        "id = \"test\"\nname = {{ en = \"t\", fr = \"t\", pt = \"t\" }}\nprefer = [\"undesa-ims\"]\n\
         [[section]]\nid = \"s\"\ntitle = {{ en = \"s\", fr = \"s\", pt = \"s\" }}\nblock = [ {blocks} ]\n\
         [[section]]\nid = \"gaps\"\ntitle = {{ en = \"g\", fr = \"g\", pt = \"g\" }}\nblock = [ {{ type = \"gaps\" }} ]\n"
    );
    Template::parse("test.toml", &text, framework()).unwrap_or_else(|e| panic!("{e}"))
}

fn build(blocks: &str, records: &[Record]) -> Document {
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
        conflicts: &[],
        previous: None,
        findings: &[],
    };
    build_country(&template(blocks), &inputs, &AreaCode::parse("SEN").unwrap())
}

fn blocks(doc: &Document) -> &[Block] {
    &doc.sections[0].blocks
}

fn gaps(doc: &Document) -> Vec<String> {
    doc.gaps.iter().map(|g| g.indicator.to_string()).collect()
}

fn cited(doc: &Document) -> Vec<String> {
    doc.sources.iter().map(|s| format!("{}@{}", s.code, s.vintage)).collect()
}

fn note_id(b: &Block) -> Option<&str> {
    match b {
        Block::Note(Text::Msg { id, .. }) => Some(id),
        _ => None,
    }
}

// ---- key figures ------------------------------------------------------------------------------

const KF: &str = "{ type = \"key_figures\", indicators = [\"IMM.STOCK\", \"DEV.POP\"] }";

#[test]
fn key_figures_without_records_are_gaps() {
    let doc = build(KF, &[]);
    assert_eq!(blocks(&doc), &[Block::KeyFigures(Vec::new())]);
    assert_eq!(gaps(&doc), ["DEV.POP", "IMM.STOCK"]);
    assert!(doc.sources.is_empty());
    // The gap annex names each indicator's theme, not its code (T01…).
    let annex = doc.sections.iter().flat_map(|s| &s.blocks).find_map(|b| match b {
        Block::Table(t) if t.id == "table-gaps" => Some(t),
        _ => None,
    });
    let annex = annex.expect("the gap annex table");
    assert_eq!(annex.rows.len(), 2);
    for (row, gap) in annex.rows.iter().zip(&doc.gaps) {
        let Cell::Text(Text::I18n(theme)) = &row[2] else { panic!("a theme name: {:?}", row[2]) };
        assert!(!theme.en.is_empty() && theme.en != gap.theme.as_str(), "{theme:?}");
    }
}

#[test]
fn a_single_point_is_a_key_figure_with_its_source_and_trace() {
    let doc = build(KF, &[n(7, "IMM.STOCK", "SEN", "2024", 281_500.0, "undesa-ims@2024")]);
    let Block::KeyFigures(k) = &blocks(&doc)[0] else { panic!("{:?}", blocks(&doc)) };
    assert_eq!(k.len(), 1);
    assert_eq!(k[0].value.v, 281_500.0);
    assert_eq!(k[0].period, Period::Year(2024));
    assert_eq!(k[0].value.trace[0].record, 7);
    assert_eq!(cited(&doc)[k[0].source], "undesa-ims@2024");
    assert_eq!(gaps(&doc), ["DEV.POP"]);
}

#[test]
fn the_newest_figure_of_any_source_is_the_key_figure() {
    let doc = build(
        KF,
        &[
            n(1, "IMM.STOCK", "SEN", "2020", 274_929.0, "undesa-ims@2024"),
            rec(2, "IMM.STOCK", "SEN", "2023", "", 290_000.0, ObsStatus::Estimated, "ansd-census@2023"),
        ],
    );
    let Block::KeyFigures(k) = &blocks(&doc)[0] else { panic!() };
    assert_eq!(k[0].period, Period::Year(2023));
    assert_eq!(k[0].value.status.as_deref(), Some("E"), "a flagged figure keeps its status");
    assert_eq!(cited(&doc), ["ansd-census@2023"]);
}

#[test]
fn an_old_figure_or_a_projection_is_no_headline() {
    let doc = build(
        KF,
        &[
            n(1, "IMM.STOCK", "SEN", "1991", 5.0, "unhcr@2025"),
            rec(2, "DEV.POP", "SEN", "2030", "", 21e6, ObsStatus::Forecast, "un-wpp@2024"),
        ],
    );
    assert_eq!(blocks(&doc), &[Block::KeyFigures(Vec::new())]);
    assert_eq!(gaps(&doc), ["IMM.STOCK"], "the old figure is a gap; a projection-only indicator is covered");
    let imm = doc.coverage.iter().find(|e| e.indicator.as_str() == "IMM.STOCK").unwrap();
    assert_eq!(imm.last_year(), Some(1991));
    let pop = doc.coverage.iter().find(|e| e.indicator.as_str() == "DEV.POP").unwrap();
    assert_eq!(pop.latest.as_ref().map(|l| l.origin), Some(Origin::Projected));
}

// ---- series -----------------------------------------------------------------------------------

const SERIES: &str = "{ type = \"series\", indicators = [\"IMM.STOCK\"], from = 1990 }";

#[test]
fn a_series_without_records_says_so() {
    let doc = build(SERIES, &[]);
    assert_eq!(blocks(&doc).len(), 1);
    assert_eq!(note_id(&blocks(&doc)[0]), Some("no-data-for"));
}

#[test]
fn a_single_point_series_is_a_chart_of_one_year() {
    let doc = build(SERIES, &[n(1, "IMM.STOCK", "SEN", "2024", 281_500.0, "undesa-ims@2024")]);
    let Block::Chart(c) = &blocks(&doc)[0] else { panic!("{:?}", blocks(&doc)) };
    assert_eq!(c.categories, [Text::plain("2024")]);
    assert_eq!(c.series.len(), 1);
    assert_eq!(c.series[0].values[0].as_ref().map(|v| v.v), Some(281_500.0));
}

#[test]
fn every_source_is_a_line_and_projections_are_left_out() {
    let mut r = Vec::new();
    for (i, y) in [2000, 2010, 2020].iter().enumerate() {
        r.push(n(i as i64 + 1, "IMM.STOCK", "SEN", &y.to_string(), 200_000.0 + i as f64, "undesa-ims@2024"));
        r.push(n(i as i64 + 10, "IMM.STOCK", "SEN", &y.to_string(), 210_000.0 + i as f64, "undesa-ims-totals@2024"));
    }
    r.push(rec(20, "IMM.STOCK", "SEN", "2030", "", 300_000.0, ObsStatus::Forecast, "undesa-ims@2024"));
    // An older vintage of the same source is not a line of its own.
    r.push(n(30, "IMM.STOCK", "SEN", "2010", 1.0, "undesa-ims@2020"));
    let doc = build(SERIES, &r);
    let Block::Chart(c) = &blocks(&doc)[0] else { panic!() };
    assert_eq!(c.kind, ChartKind::Line);
    assert_eq!(c.series.len(), 2);
    assert_eq!(c.categories.len(), 3, "the projection is not drawn as observed");
    assert_eq!(cited(&doc), ["undesa-ims@2024", "undesa-ims-totals@2024"], "the preferred source first");
}

// ---- breakdown and map --------------------------------------------------------------------------

#[test]
fn a_breakdown_ranks_parts_and_their_shares_inherit_a_flag() {
    let r = vec![
        n(1, "IMM.STOCK", "SEN", "2024", 1000.0, "undesa-ims@2024"),
        rec(2, "IMM.STOCK", "SEN", "2024", "COUNTERPART_AREA=MLI", 300.0, ObsStatus::Provisional, "undesa-ims@2024"),
        rec(3, "IMM.STOCK", "SEN", "2024", "COUNTERPART_AREA=GIN", 500.0, ObsStatus::Normal, "undesa-ims@2024"),
    ];
    let doc = build("{ type = \"breakdown\", indicator = \"IMM.STOCK\", dim = \"COUNTERPART_AREA\", top = 5 }", &r);
    let [Block::Chart(c), Block::Table(t)] = blocks(&doc) else { panic!("{:?}", blocks(&doc)) };
    assert_eq!(c.categories.len(), 2);
    let first: Vec<f64> = c.series[0].values.iter().flatten().map(|v| v.v).collect();
    assert_eq!(first, [500.0, 300.0], "largest first");
    let Cell::Value(share) = &t.rows[1][2] else { panic!("{:?}", t.rows[1]) };
    assert_eq!(share.v, 30.0);
    assert_eq!(share.status.as_deref(), Some("P"), "a share of a provisional figure is provisional");
}

#[test]
fn a_breakdown_without_parts_says_so() {
    let doc = build(
        "{ type = \"breakdown\", indicator = \"IMM.STOCK\", dim = \"COUNTERPART_AREA\", top = 5 }",
        &[n(1, "IMM.STOCK", "SEN", "2024", 1000.0, "undesa-ims@2024")],
    );
    assert_eq!(note_id(&blocks(&doc)[0]), Some("no-breakdown"));
}

#[test]
fn a_map_shades_countries_only() {
    let r = vec![
        n(1, "EMI.STOCK", "SEN", "2024", 700_000.0, "undesa-ims@2024"),
        rec(2, "EMI.STOCK", "SEN", "2024", "COUNTERPART_AREA=FRA", 176_000.0, ObsStatus::Normal, "undesa-ims@2024"),
        rec(3, "EMI.STOCK", "SEN", "2024", "COUNTERPART_AREA=MLI", 90_000.0, ObsStatus::Normal, "undesa-ims@2024"),
    ];
    let doc = build("{ type = \"map\", indicator = \"EMI.STOCK\", dim = \"COUNTERPART_AREA\" }", &r);
    let Block::Chart(c) = &blocks(&doc)[0] else { panic!() };
    assert_eq!(c.kind, ChartKind::Map);
    assert_eq!(c.map.as_ref().unwrap().m49, [250, 466]);
    assert!(build("{ type = \"map\", indicator = \"EMI.STOCK\", dim = \"COUNTERPART_AREA\" }", &[]).sections[0].blocks.is_empty());
}

// ---- by sex, sources compared, forecast ------------------------------------------------------------

#[test]
fn by_sex_draws_women_and_men_of_one_source() {
    let r = vec![
        rec(1, "IMM.STOCK", "SEN", "2020", "SEX=F", 130.0, ObsStatus::Normal, "undesa-ims@2024"),
        rec(2, "IMM.STOCK", "SEN", "2020", "SEX=M", 145.0, ObsStatus::Normal, "undesa-ims@2024"),
        rec(3, "IMM.STOCK", "SEN", "2024", "SEX=F", 133.0, ObsStatus::Normal, "undesa-ims@2024"),
    ];
    let doc = build("{ type = \"by_sex\", indicator = \"IMM.STOCK\" }", &r);
    let Block::Chart(c) = &blocks(&doc)[0] else { panic!() };
    assert_eq!(c.series.len(), 2);
    assert_eq!(c.series[1].values.iter().map(|v| v.as_ref().map(|v| v.v)).collect::<Vec<_>>(), [Some(145.0), None]);
    let empty = build("{ type = \"by_sex\", indicator = \"IMM.STOCK\" }", &[]);
    assert_eq!(note_id(&empty.sections[0].blocks[0]), Some("no-data-for"));
}

#[test]
fn sources_are_compared_only_where_two_have_the_same_year() {
    const CS: &str = "{ type = \"compare_sources\", indicator = \"DEV.POP\" }";
    assert!(build(CS, &[n(1, "DEV.POP", "SEN", "2022", 17_651_099.0, "un-wpp@2024")]).sections[0].blocks.is_empty());
    let doc = build(
        CS,
        &[
            n(1, "DEV.POP", "SEN", "2022", 17_651_099.0, "un-wpp@2024"),
            n(2, "DEV.POP", "SEN", "2022", 17_651_103.0, "wb-pop@2025"),
            n(3, "DEV.POP", "SEN", "2021", 17_200_000.0, "wb-pop@2025"),
        ],
    );
    let Block::Table(t) = &blocks(&doc)[0] else { panic!() };
    assert_eq!(t.columns.len(), 2, "source and the one common year");
    assert_eq!(t.rows.len(), 2);
    // A third source without a figure in the year compared is left out, not a row of dashes.
    let doc = build(
        CS,
        &[
            n(1, "DEV.POP", "SEN", "2022", 17_651_099.0, "un-wpp@2024"),
            n(2, "DEV.POP", "SEN", "2022", 17_651_103.0, "wb-pop@2025"),
            n(3, "DEV.POP", "SEN", "2019", 16_000_000.0, "gapminder-sg@2026"),
        ],
    );
    let Block::Table(t) = &blocks(&doc)[0] else { panic!() };
    assert_eq!(t.rows.len(), 2, "{:?}", t.rows);
    assert!(t.rows.iter().all(|r| r.iter().skip(1).any(|c| matches!(c, Cell::Value(_)))), "every row has a figure");
}

#[test]
fn a_forecast_continues_the_observed_series() {
    let r = vec![
        n(1, "DEV.POP", "SEN", "2020", 16e6, "un-wpp@2024"),
        n(2, "DEV.POP", "SEN", "2024", 18e6, "un-wpp@2024"),
        rec(3, "FCT.POP", "SEN", "2030", "", 21e6, ObsStatus::Forecast, "un-wpp@2024"),
        rec(4, "FCT.POP", "SEN", "2050", "", 30e6, ObsStatus::Forecast, "un-wpp@2024"),
        rec(5, "FCT.POP", "SEN", "2030", "VARIANT=LO80", 20e6, ObsStatus::Forecast, "un-wpp@2024"),
        rec(6, "FCT.POP", "SEN", "2030", "VARIANT=HI80", 22e6, ObsStatus::Forecast, "un-wpp@2024"),
    ];
    let doc = build("{ type = \"forecast\", history = \"DEV.POP\", projection = \"FCT.POP\", until = 2050 }", &r);
    let Block::Chart(c) = &blocks(&doc)[0] else { panic!() };
    assert_eq!(c.forecast_from, Some(2));
    assert_eq!(c.series.len(), 2);
    assert!(c.series[1].projected);
    assert_eq!(c.series[1].band.as_ref().unwrap()[2], Some((20e6, 22e6)));
}

// ---- indicator tables, computed values and the gap annex ------------------------------------------

#[test]
fn a_computed_figure_fills_the_theme_table_inherits_flags_and_is_no_gap() {
    let r = vec![
        rec(1, "DEV.GDP", "SEN", "2023", "", 30e9, ObsStatus::Provisional, "wb-gdp@2025"),
        n(2, "DEV.POP", "SEN", "2023", 18e6, "wb-pop@2025"),
    ];
    let doc = build("{ type = \"theme_table\", theme = \"T02\" }", &r);
    let Block::Table(t) = &blocks(&doc)[0] else { panic!() };
    let row = t.rows.iter().find(|r| r[0] == Cell::Text(Text::plain("DEV.GDPPC"))).expect("a row for GDP per capita");
    let Cell::Value(v) = &row[2] else { panic!("{row:?}") };
    assert!((v.v - 30e9 / 18e6).abs() < 1e-6);
    assert_eq!(v.status.as_deref(), Some("P"), "a ratio built on a provisional figure is provisional");
    assert_eq!(v.trace.len(), 2);
    assert!(!gaps(&doc).contains(&"DEV.GDPPC".to_string()));
    assert!(gaps(&doc).contains(&"DEV.HDI".to_string()), "an indicator without data is a gap");
    let e = doc.coverage.iter().find(|e| e.indicator.as_str() == "DEV.GDPPC").unwrap();
    assert_eq!(e.latest.as_ref().map(|l| l.origin), Some(Origin::Computed));
    // Its source cell names both sources it is computed from, each with its citation number.
    let Cell::Text(Text::Msg { id, args }) = &row[4] else { panic!("{row:?}") };
    assert_eq!(id, mp_profile::computed::COMPUTED_FROM);
    let Some((_, mp_profile::Arg::Text(Text::I18n(names)))) = args.first() else { panic!("{args:?}") };
    let number = |ds: &str| cited(&doc).iter().position(|c| c == ds).map(|i| i + 1).unwrap();
    assert_eq!(names.en, format!("[{}] wb-gdp 2025; [{}] wb-pop 2025", number("wb-gdp@2025"), number("wb-pop@2025")));
    // Every row of the table agrees with the coverage.
    for row in &t.rows {
        let Cell::Text(Text::Plain(code)) = &row[0] else { panic!() };
        let e = doc.coverage.iter().find(|e| e.indicator.as_str() == code).unwrap();
        assert_eq!(matches!(row[2], Cell::Value(_)), e.latest.is_some(), "{code}");
    }
}

// ---- internally displaced persons --------------------------------------------------------------

/// A total summed from IDMC's modelled cells, as the importer stores it.
fn summed_idps(id: i64, value: f64) -> Record {
    let mut r = n(id, "IDP.STOCK", "SEN", "2023", value, "idmc@2025");
    r.locator = "sum of 12 cells (rows 4-15)".into();
    r
}

#[test]
fn the_idp_key_figure_is_idmcs_headline_where_there_is_one() {
    let r =
        vec![summed_idps(1, 30_000.0), rec(2, "IDP.STOCK", "SEN", "2023", "CAUSE=CONFLICT", 21_000.0, ObsStatus::Normal, "unhcr-pop@2025")];
    let doc = build("{ type = \"key_figures\", indicators = [\"IDP.STOCK\"] }", &r);
    let Block::KeyFigures(k) = &blocks(&doc)[0] else { panic!() };
    assert_eq!(k[0].value.v, 21_000.0);
    assert_eq!(k[0].label, Text::msg("onefig-kf-idps-headline"));
    assert_eq!(cited(&doc)[k[0].source], "unhcr-pop@2025");
}

#[test]
fn a_summed_idp_key_figure_says_it_is_a_sum() {
    let doc = build("{ type = \"key_figures\", indicators = [\"IDP.STOCK\"] }", &[summed_idps(1, 30_000.0)]);
    let Block::KeyFigures(k) = &blocks(&doc)[0] else { panic!() };
    assert_eq!(k[0].value.v, 30_000.0);
    assert_eq!(k[0].label, Text::msg("onefig-kf-idps-summed"));
    // A published total is shown under the indicator's own name.
    let doc = build("{ type = \"key_figures\", indicators = [\"IDP.STOCK\"] }", &[n(1, "IDP.STOCK", "SEN", "2023", 25_000.0, "idmc@2025")]);
    let Block::KeyFigures(k) = &blocks(&doc)[0] else { panic!() };
    assert!(matches!(k[0].label, Text::I18n(_)), "{:?}", k[0].label);
}

// ---- regional blocks --------------------------------------------------------------------------------

#[test]
fn countries_are_compared_and_ranked_with_their_latest_figures() {
    let areas = areas();
    let narrative = Narrative::new();
    let r = vec![
        n(1, "IMM.STOCK", "SEN", "2024", 281_500.0, "undesa-ims@2024"),
        n(2, "IMM.STOCK", "GHA", "2024", 532_000.0, "undesa-ims@2024"),
    ];
    let inputs = Inputs {
        framework: framework(),
        areas: &areas,
        records: &r,
        narrative: &narrative,
        edition: None,
        as_of: "2026-06-01".into(),
        registry: &mp_domain::RegistryView::default(),
        conflicts: &[],
        previous: None,
        findings: &[],
    };
    let tpl = template(
        "{ type = \"compare_countries\", indicators = [\"IMM.STOCK\", \"DEV.POP\"] }, { type = \"rank_countries\", indicator = \"IMM.STOCK\" }",
    );
    let list = [AreaCode::parse("SEN").unwrap(), AreaCode::parse("GHA").unwrap()];
    let doc = build_regional(&tpl, &inputs, &list);
    // The ranking comes after a sentence naming the first and the last country.
    let [Block::Table(t), Block::Paragraph(p), Block::Chart(c)] = blocks(&doc) else { panic!("{:?}", blocks(&doc)) };
    assert!(matches!(&p[0], Text::Msg { id, .. } if id == "pubdoc-rank-first-last"));
    assert_eq!(t.rows.len(), 2);
    assert_eq!(t.rows[0][2], Cell::Empty, "no population: an empty cell, not a zero");
    let ranked: Vec<f64> = c.series[0].values.iter().flatten().map(|v: &Value| v.v).collect();
    assert_eq!(ranked, [532_000.0, 281_500.0]);
    assert!(doc.coverage.is_empty(), "coverage is a country document's");
}

// ---- the portal's indicator view ----------------------------------------------------------------

#[test]
fn a_computed_figure_in_the_portals_comparison_names_its_sources() {
    let r = vec![n(1, "DEV.GDP", "SEN", "2023", 30e9, "wb-gdp@2025"), n(2, "DEV.POP", "SEN", "2023", 18e6, "un-wpp@2024")];
    let areas = areas();
    let d = mp_profile::data::Data::new(&r, framework(), &areas, &[]);
    let ind = framework().find("DEV.GDPPC").unwrap();
    let publisher = |ds: &DatasetId| Some(if ds.source.starts_with("wb") { "World Bank".to_string() } else { "UN DESA".to_string() });
    let labels = mp_profile::views::ViewLabels { series_title: Text::plain("s"), compare_title: Text::plain("c"), publisher: &publisher };
    let sen = areas.get(&AreaCode::parse("SEN").unwrap()).unwrap();
    let doc = mp_profile::views::indicator_view(&d, ind, &sen.code, &DimensionKey::total(), &[sen], None, &labels);
    let table = doc
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .find_map(|b| match b {
            Block::Table(t) if t.id == "compare-table" => Some(t),
            _ => None,
        })
        .expect("the comparison table");
    let Cell::Text(Text::Msg { id, args }) = &table.rows[0][3] else { panic!("{:?}", table.rows[0]) };
    assert_eq!(id, mp_profile::computed::COMPUTED_FROM);
    let Some((_, mp_profile::Arg::Text(Text::I18n(names)))) = args.first() else { panic!("{args:?}") };
    assert_eq!(names.en, "World Bank (2025); UN DESA (2024)");
    assert_eq!(table.sources.len(), 2, "both sources are cited");
}

// ---- generated sentences -------------------------------------------------------------------------

/// The sentences of a `facts` block.
fn sentences(facts: &str, records: &[Record]) -> (Document, Vec<Text>) {
    let doc = build(&format!("{{ type = \"facts\", facts = [{facts}] }}"), records);
    let texts = match &blocks(&doc)[0] {
        Block::Paragraph(t) => t.clone(),
        b => panic!("{b:?}"),
    };
    (doc, texts)
}

/// The message id and arguments of a sentence, under the two-source wrapper if there is one.
fn message(t: &Text) -> (&str, &[(String, mp_profile::Arg)]) {
    match t {
        Text::Msg { id, args } if id == "onefig-sentence-sources" => match args.iter().find(|(k, _)| k == "sentence") {
            Some((_, mp_profile::Arg::Text(inner))) => message(inner),
            _ => panic!("{t:?}"),
        },
        Text::Msg { id, args } => (id, args),
        _ => panic!("{t:?}"),
    }
}

fn arg_value(args: &[(String, mp_profile::Arg)], name: &str) -> f64 {
    match args.iter().find(|(k, _)| k == name) {
        Some((_, mp_profile::Arg::Value(v))) => v.v,
        a => panic!("{name}: {a:?}"),
    }
}

#[test]
fn facts_without_records_say_there_is_no_data() {
    let doc = build("{ type = \"facts\", facts = [\"population\", \"idps\"] }", &[]);
    assert_eq!(note_id(&blocks(&doc)[0]), Some("no-data"));
}

#[test]
fn a_sentence_quoting_two_sources_names_both() {
    let r = vec![n(1, "IMM.STOCK", "SEN", "2024", 281_500.0, "undesa-ims@2024"), n(2, "DEV.POP", "SEN", "2024", 18e6, "wb-pop@2025")];
    let (doc, texts) = sentences("\"imm-stock\"", &r);
    let Text::Msg { id, .. } = &texts[0] else { panic!() };
    assert_eq!(id, "onefig-sentence-sources", "{:?}", texts[0]);
    let (inner, args) = message(&texts[0]);
    assert_eq!(inner, "fact-imm-stock");
    assert!((arg_value(args, "share") - 281_500.0 / 18e6 * 100.0).abs() < 1e-9);
    assert_eq!(cited(&doc).len(), 2);
    // One source: the sentence stands alone.
    let (_, texts) = sentences("\"population\"", &r[1..]);
    assert_eq!(message(&texts[0]).0, "fact-population");
    assert!(matches!(&texts[0], Text::Msg { id, .. } if id == "fact-population"));
}

#[test]
fn a_projection_is_compared_with_the_same_publishers_figure() {
    let r = vec![
        n(1, "FCT.POP", "SEN", "2050", 33e6, "un-wpp@2024"),
        n(2, "FCT.POP", "SEN", "2024", 18.5e6, "un-wpp@2024"),
        n(3, "DEV.POP", "SEN", "2024", 18.6e6, "wb-pop@2025"),
    ];
    let (_, texts) = sentences("\"forecast-pop\"", &r);
    let (id, args) = message(&texts[0]);
    assert_eq!(id, "fact-forecast-pop");
    assert_eq!(arg_value(args, "value"), 33e6);
    assert_eq!(arg_value(args, "now"), 18.5e6, "WPP's own 2024 figure, not the World Bank's");
}

#[test]
fn idp_sentences_quote_idmcs_headline_and_say_when_a_total_is_summed() {
    let headline = rec(2, "IDP.STOCK", "SEN", "2023", "CAUSE=CONFLICT", 21_000.0, ObsStatus::Normal, "idmc-unhcr@2025");
    let (_, texts) = sentences("\"idps\"", &[summed_idps(1, 30_000.0), headline]);
    let (id, args) = message(&texts[0]);
    assert_eq!(id, "onefig-idps-headline");
    assert_eq!((arg_value(args, "headline"), arg_value(args, "value")), (21_000.0, 30_000.0));
    let (_, texts) = sentences("\"idps\"", &[summed_idps(1, 30_000.0)]);
    assert_eq!(message(&texts[0]).0, "onefig-idps-modelled");
    let (_, texts) = sentences("\"idps\"", &[n(1, "IDP.STOCK", "SEN", "2023", 25_000.0, "idmc-unhcr@2025")]);
    assert_eq!(message(&texts[0]).0, "fact-idps");
}

// ---- templates ------------------------------------------------------------------------------------

/// `Template::parse` refuses codes the framework lacks; a template that skipped that check
/// (read another way, or checked against another framework) shows a note where the block would
/// be, never nothing.
#[test]
fn a_code_the_framework_lacks_is_a_visible_note_not_a_missing_block() {
    let text = "id = \"t\"\nname = { en = \"t\", fr = \"t\", pt = \"t\" }\n[[section]]\nid = \"s\"\ntitle = { en = \"s\", fr = \"s\", pt = \"s\" }\n\
                block = [ { type = \"key_figures\", indicators = [\"IMM.STOCK\", \"NOPE.NOPE\"] }, { type = \"by_sex\", indicator = \"NOPE.NOPE\" } ]\n";
    let tpl: Template = toml::from_str(text).unwrap();
    assert_eq!(tpl.check(framework()).len(), 2, "{:?}", tpl.check(framework()));
    let areas = areas();
    let narrative = Narrative::new();
    let r = [n(1, "IMM.STOCK", "SEN", "2024", 281_500.0, "undesa-ims@2024")];
    let inputs = Inputs {
        framework: framework(),
        areas: &areas,
        records: &r,
        narrative: &narrative,
        edition: None,
        as_of: "2026-06-01".into(),
        registry: &mp_domain::RegistryView::default(),
        conflicts: &[],
        previous: None,
        findings: &[],
    };
    let doc = build_country(&tpl, &inputs, &AreaCode::parse("SEN").unwrap());
    let b = blocks(&doc);
    assert!(matches!(&b[0], Block::KeyFigures(k) if k.len() == 1), "{b:?}");
    assert_eq!(note_id(&b[1]), Some("onefig-template-unknown-indicator"));
    assert_eq!(note_id(&b[2]), Some("onefig-template-unknown-indicator"));
}
