//! A small hand-built document that uses every kind of block, for the PDF tests; adapted from
//! the HTML renderer's test document (crates/render/tests/common), which is not public.

#![allow(dead_code)]

use mp_domain::{AreaCode, I18nText, IndicatorCode, Lang, Period};
use mp_profile::*;
use std::collections::BTreeMap;

pub fn i18n(en: &str, fr: &str, pt: &str) -> Text {
    Text::I18n(I18nText::new(en, fr, pt))
}

pub fn val(v: f64, kind: ValueKind, decimals: u8) -> Value {
    Value { v, kind, decimals, trace: Vec::new(), formula: None, status: None }
}

pub fn with_status(mut v: Value, s: &str) -> Value {
    v.status = Some(s.into());
    v
}

fn ind(s: &str) -> IndicatorCode {
    IndicatorCode::parse(s).unwrap()
}

pub fn section(id: &str, number: &str, title: Text, blocks: Vec<Block>, children: Vec<Section>) -> Section {
    Section { id: id.into(), number: number.into(), title, themes: Vec::new(), blocks, children }
}

pub fn narrative(en: &str, fr: &str, pt: &str) -> Block {
    Block::Narrative(BTreeMap::from([(Lang::En, en.to_string()), (Lang::Fr, fr.to_string()), (Lang::Pt, pt.to_string())]))
}

/// A time series with a projection and its 80 % band, as the builder makes for forecasts.
pub fn forecast_chart(id: &str, years: std::ops::RangeInclusive<i32>, projected_from: i32) -> Chart {
    let cats: Vec<i32> = years.collect();
    let level = |y: i32| 12_000_000.0 + (y - 1990) as f64 * 310_000.0;
    let observed = cats.iter().map(|y| (*y < projected_from).then(|| val(level(*y), ValueKind::Number, 0))).collect();
    let projected =
        cats.iter().map(|y| (*y >= projected_from - 1).then(|| with_status(val(level(*y), ValueKind::Number, 0), "F"))).collect();
    let band = cats
        .iter()
        .map(|y| {
            let spread = (*y - projected_from + 1) as f64 * 90_000.0;
            (*y >= projected_from).then(|| (level(*y) - spread, level(*y) + spread))
        })
        .collect();
    Chart {
        id: id.into(),
        kind: ChartKind::Line,
        title: i18n("Total population", "Population totale", "População total"),
        y_label: i18n("Persons", "Personnes", "Pessoas"),
        value_kind: ValueKind::Number,
        forecast_from: cats.iter().position(|y| *y == projected_from),
        map: None,
        categories: cats.iter().map(|y| Text::plain(y.to_string())).collect(),
        series: vec![
            Series { name: Text::msg("series-observed"), values: observed, projected: false, band: None, band_label: None },
            Series {
                name: Text::msg("series-projected"),
                values: projected,
                projected: true,
                band: Some(band),
                band_label: Some(Text::msg("band-80")),
            },
        ],
        sources: vec![1],
        alt: Text::msg_with("chart-alt-forecast", vec![("year", Arg::Year(projected_from - 1))]),
    }
}

pub fn stock_chart(id: &str) -> Chart {
    let years = [1990, 1995, 2000, 2005, 2010, 2015, 2020, 2024];
    let desa = [152_000.0, 180_500.0, 199_300.0, 220_000.0, 244_100.0, 263_200.0, 274_929.0, 281_500.0];
    let census = [None, None, Some(190_000.0), None, None, Some(250_300.0), None, None];
    Chart {
        id: id.into(),
        kind: ChartKind::Line,
        title: i18n("International migrant stock", "Stock de migrants internationaux", "Stock de migrantes internacionais"),
        y_label: i18n("Persons", "Personnes", "Pessoas"),
        value_kind: ValueKind::Number,
        categories: years.iter().map(|y| Text::plain(y.to_string())).collect(),
        series: vec![
            Series {
                name: Text::plain("UN DESA"),
                values: desa.iter().map(|v| Some(val(*v, ValueKind::Number, 0))).collect(),
                projected: false,
                band: None,
                band_label: None,
            },
            Series {
                name: Text::plain("ANSD census"),
                values: census.iter().map(|v| v.map(|v| with_status(val(v, ValueKind::Number, 0), "E"))).collect(),
                projected: false,
                band: None,
                band_label: None,
            },
        ],
        forecast_from: None,
        map: None,
        sources: vec![0, 2],
        alt: Text::plain("Line chart: international migrant stock, 1990 to 2024."),
    }
}

pub fn origins_chart(id: &str) -> Chart {
    let names = [
        ("Guinea", "Guinée", "Guiné"),
        ("Mali", "Mali", "Mali"),
        ("Mauritania", "Mauritanie", "Mauritânia"),
        ("Gambia", "Gambie", "Gâmbia"),
    ];
    let values = [97_000.0, 34_500.0, 29_800.0, 25_100.0];
    Chart {
        id: id.into(),
        kind: ChartKind::HBar,
        title: i18n("Main countries of origin, 2024", "Principaux pays d'origine, 2024", "Principais países de origem, 2024"),
        y_label: i18n("Persons", "Personnes", "Pessoas"),
        value_kind: ValueKind::Number,
        categories: names.iter().map(|(e, f, p)| i18n(e, f, p)).collect(),
        series: vec![Series {
            name: i18n("Immigrants", "Immigrants", "Imigrantes"),
            values: values.iter().map(|v| Some(val(*v, ValueKind::Number, 0))).collect(),
            projected: false,
            band: None,
            band_label: None,
        }],
        forecast_from: None,
        map: None,
        sources: vec![0],
        alt: Text::plain("Bar chart: Guinea first."),
    }
}

pub fn origins_table(id: &str) -> Table {
    let row = |n: Text, v: Option<f64>, s: Option<f64>| {
        vec![
            Cell::Text(n),
            v.map(|v| Cell::Value(val(v, ValueKind::Number, 0))).unwrap_or(Cell::Empty),
            s.map(|s| Cell::Value(val(s, ValueKind::Percent, 1))).unwrap_or(Cell::Empty),
        ]
    };
    Table {
        id: id.into(),
        title: i18n("Immigrants by country of origin, 2024", "Immigrants par pays d'origine, 2024", "Imigrantes por país de origem, 2024"),
        columns: vec![Text::msg("col-area"), i18n("Immigrants", "Immigrants", "Imigrantes"), Text::msg("col-share-of-total")],
        rows: vec![
            row(i18n("Guinea", "Guinée", "Guiné"), Some(97_000.0), Some(34.46)),
            row(i18n("Mali", "Mali", "Mali"), Some(34_500.0), Some(12.25)),
            row(i18n("Côte d'Ivoire", "Côte d'Ivoire", "Côte d'Ivoire"), None, None),
            row(i18n("Sao Tome and Principe", "Sao Tomé-et-Principe", "São Tomé e Príncipe"), Some(1_200.0), Some(0.44)),
        ],
        sources: vec![0],
        notes: vec![Text::msg("note-sources-differ")],
    }
}

/// A long table that must break across pages, as the data-gap annex does.
pub fn gaps_table() -> Table {
    let themes = [
        ("Labour migration", "Migration de travail", "Migração laboral"),
        ("Remittances", "Envois de fonds", "Remessas"),
        ("Forced displacement", "Déplacements forcés", "Deslocações forçadas"),
    ];
    let rows = (0..40)
        .map(|i| {
            let (e, f, p) = themes[i % 3];
            vec![
                Cell::Text(Text::plain(format!("IND.{i:03}"))),
                Cell::Text(i18n(
                    &format!("Indicator number {i} with a fairly long name"),
                    &format!("Indicateur numéro {i} au nom assez long"),
                    &format!("Indicador número {i} com um nome bastante longo"),
                )),
                Cell::Text(i18n(e, f, p)),
                if i % 4 == 0 { Cell::Empty } else { Cell::Text(Text::plain((2000 + i % 20).to_string())) },
            ]
        })
        .collect();
    Table {
        id: "table-gaps".into(),
        title: Text::msg("table-gaps"),
        columns: vec![Text::msg("col-code"), Text::msg("col-indicator"), Text::msg("col-theme"), Text::msg("col-last-year")],
        rows,
        sources: Vec::new(),
        notes: vec![Text::msg("note-gaps")],
    }
}

/// Many figure columns with long headers, as the regional comparison has.
pub fn wide_table() -> Table {
    let names = [
        ("Senegal", "Sénégal", "Senegal"),
        ("Côte d'Ivoire", "Côte d'Ivoire", "Côte d'Ivoire"),
        ("Central African Republic", "République centrafricaine", "República Centro-Africana"),
    ];
    let header = |e: &str| i18n(e, e, e);
    Table {
        id: "table-wide".into(),
        title: Text::msg("table-compare-countries"),
        columns: vec![
            Text::msg("col-area"),
            header("International migrant stock"),
            header("Immigrants, share of population"),
            header("Emigrants"),
            header("Remittances received"),
            header("Refugees hosted"),
            header("Net migration rate"),
        ],
        rows: names
            .iter()
            .enumerate()
            .map(|(i, (e, f, p))| {
                let k = (i + 1) as f64;
                vec![
                    Cell::Text(i18n(e, f, p)),
                    Cell::Value(with_status(val(274_929.0 * k, ValueKind::Number, 0), "E")),
                    Cell::Value(val(1.64 * k, ValueKind::Percent, 1)),
                    Cell::Value(val(693_000.0 * k, ValueKind::Number, 0)),
                    Cell::Value(val(2_905_000_000.0 * k, ValueKind::Usd, 0)),
                    Cell::Value(val(14_000.0 * k, ValueKind::Number, 0)),
                    Cell::Value(val(-1.2 * k, ValueKind::PerThousand, 1)),
                ]
            })
            .collect(),
        sources: vec![0, 1],
        notes: vec![Text::msg("note-latest-year")],
    }
}

/// Narrative text full of characters that mean something in typst markup.
pub const SPECIAL: &str = "Literal: #set page(width: 1cm) and #pagebreak() cost $5 or $x^2$, a*b, [x], @ref, <lbl>, C:\\path, `#code`.\n\n1. \"Quoted\" and *emphasis* with l'apostrophe\n2. **bold** [a link](https://www.iom.int)\n";

/// The document the tests render.
pub fn document() -> Document {
    let senegal = i18n("Senegal", "Sénégal", "Senegal");
    let key = Block::KeyFigures(vec![
        KeyFigure {
            indicator: ind("DEV.POP"),
            label: i18n("Population", "Population", "População"),
            value: val(18_501_984.0, ValueKind::Number, 0),
            period: Period::Year(2024),
            source: 1,
        },
        KeyFigure {
            indicator: ind("IMM.STOCK"),
            label: i18n("International migrants", "Migrants internationaux", "Migrantes internacionais"),
            value: with_status(val(274_929.0, ValueKind::Number, 0), "E"),
            period: Period::Year(2024),
            source: 0,
        },
        KeyFigure {
            indicator: ind("REM.IN"),
            label: i18n("Remittances received", "Envois de fonds reçus", "Remessas recebidas"),
            value: val(2_905_000_000.0, ValueKind::Usd, 0),
            period: Period::Range(2022, 2023),
            source: 1,
        },
        KeyFigure {
            indicator: ind("IMM.STOCK_PCT"),
            label: i18n("Immigrants, share of population", "Immigrants, part de la population", "Imigrantes, percentagem da população"),
            value: val(1.64, ValueKind::Percent, 1),
            period: Period::Year(2024),
            source: 0,
        },
    ]);
    let facts = Block::Paragraph(vec![
        Text::msg_with(
            "population",
            vec![
                ("country", Arg::Text(senegal.clone())),
                ("value", Arg::Value(val(18_501_984.0, ValueKind::Number, 0))),
                ("year", Arg::Year(2024)),
            ],
        ),
        Text::msg_with(
            "refugees-hosted",
            vec![("country", Arg::Text(senegal.clone())), ("value", Arg::Value(val(1.0, ValueKind::Number, 0))), ("year", Arg::Year(2023))],
        ),
        Text::msg_with("unemployment", vec![("value", Arg::Value(val(3.05, ValueKind::Percent, 1))), ("year", Arg::Year(2023))]),
    ]);
    let part_a = section(
        "A",
        "A",
        i18n("Migration trends", "Tendances migratoires", "Tendências migratórias"),
        Vec::new(),
        vec![
            section(
                "A.1",
                "A.1",
                i18n("Immigration", "Immigration", "Imigração"),
                vec![
                    narrative(
                        "## Context\n\nSenegal hosts migrants from **neighbouring countries**; see the [ANSD report](https://www.ansd.sn).",
                        "## Contexte\n\nLe pays accueille des migrants des **pays voisins** ; voir le [rapport de l'ANSD](https://www.ansd.sn).",
                        "## Contexto\n\nO país acolhe migrantes dos **países vizinhos**; ver o [relatório da ANSD](https://www.ansd.sn).",
                    ),
                    narrative(SPECIAL, SPECIAL, "A população imigrante cresce.\n\n"),
                    Block::Chart(stock_chart("chart-1")),
                    Block::Chart(origins_chart("chart-2")),
                    Block::Table(origins_table("table-3")),
                ],
                Vec::new(),
            ),
            section(
                "A.2",
                "A.2",
                i18n("Irregular migration", "Migration irrégulière", "Migração irregular"),
                vec![Block::Note(Text::msg_with(
                    "no-data-after",
                    vec![("indicator", Arg::Text(i18n("Detections", "Détections", "Deteções"))), ("year", Arg::Year(2015))],
                ))],
                Vec::new(),
            ),
        ],
    );
    let part_b = section(
        "B",
        "B",
        i18n("Projections", "Projections", "Projeções"),
        vec![Block::Chart(forecast_chart("chart-4", 2010..=2035, 2025))],
        Vec::new(),
    );
    let annex = section(
        "annex",
        "",
        i18n("Definitions", "Définitions", "Definições"),
        vec![Block::Definitions(vec![(
            i18n("International migrant stock", "Stock de migrants internationaux", "Stock de migrantes internacionais"),
            i18n(
                "People living in a country other than their country of birth.",
                "Personnes vivant dans un pays autre que leur pays de naissance.",
                "Pessoas que vivem num país que não o seu país de nascimento.",
            ),
        )])],
        Vec::new(),
    );
    let gaps = section(
        "annex-gaps",
        "",
        i18n("Data gaps", "Lacunes dans les données", "Lacunas de dados"),
        vec![Block::Table(gaps_table()), Block::Table(wide_table())],
        Vec::new(),
    );
    Document {
        subject: Subject::Country { area: AreaCode::parse("SEN").unwrap() },
        template: "iom-2011".into(),
        edition: Some("2026".into()),
        as_of: "2026-01-15".into(),
        title: Text::msg_with("profile-title", vec![("country", Arg::Text(senegal))]),
        subtitle: Some(i18n(
            "Migration Profile (IOM structure)",
            "Profil migratoire (structure de l'OIM)",
            "Perfil migratório (estrutura da OIM)",
        )),
        sections: vec![
            section("key-figures", "", i18n("Key figures", "Chiffres clés", "Números-chave"), vec![key], Vec::new()),
            section("summary", "", i18n("Summary", "Résumé", "Resumo"), vec![facts], Vec::new()),
            part_a,
            part_b,
            annex,
            gaps,
        ],
        sources: vec![
            SourceEntry { code: "undesa-ims".into(), vintage: "2024".into(), name: "UN DESA".into() },
            SourceEntry { code: "un-wpp".into(), vintage: "2024".into(), name: "UN WPP".into() },
            SourceEntry { code: "ansd-census".into(), vintage: "2023".into(), name: "ANSD".into() },
        ],
        gaps: Vec::new(),
        coverage: Vec::new(),
    }
}
