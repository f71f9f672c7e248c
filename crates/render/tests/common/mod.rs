//! A small hand-built document that uses every kind of block, for the rendering tests.

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
        alt: Text::msg_with(
            "chart-alt-forecast",
            vec![
                ("title", Arg::Text(i18n("Total population", "Population totale", "População total"))),
                ("until", Arg::Year(*cats.last().unwrap())),
            ],
        ),
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
        alt: Text::msg_with(
            "chart-alt-series",
            vec![
                (
                    "title",
                    Arg::Text(i18n("International migrant stock", "Stock de migrants internationaux", "Stock de migrantes internacionais")),
                ),
                ("from", Arg::Year(1990)),
                ("to", Arg::Year(2024)),
                ("count", Arg::Count(2)),
            ],
        ),
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
        alt: Text::msg_with(
            "chart-alt-top",
            vec![
                (
                    "title",
                    Arg::Text(i18n(
                        "Main countries of origin, 2024",
                        "Principaux pays d'origine, 2024",
                        "Principais países de origem, 2024",
                    )),
                ),
                ("first", Arg::Text(i18n("Guinea", "Guinée", "Guiné"))),
            ],
        ),
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
            row(i18n("Côte d'Ivoire", "Côte d'Ivoire", "Costa do Marfim"), None, None),
        ],
        sources: vec![0],
        notes: vec![Text::msg("note-sources-differ")],
    }
}

/// The document the snapshot tests render.
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
            "fact-population",
            vec![
                ("country", Arg::Text(senegal.clone())),
                ("value", Arg::Value(val(18_501_984.0, ValueKind::Number, 0))),
                ("year", Arg::Year(2024)),
            ],
        ),
        Text::msg_with(
            // One refugee: the count reaches Fluent as a number, so the message can choose the singular.
            "fact-refugees-hosted",
            vec![("country", Arg::Text(senegal.clone())), ("value", Arg::Value(val(1.0, ValueKind::Number, 0))), ("year", Arg::Year(2023))],
        ),
        Text::msg_with(
            "fact-unemployment-noyouth",
            vec![
                ("country", Arg::Text(senegal.clone())),
                ("value", Arg::Value(val(3.05, ValueKind::Percent, 1))),
                ("year", Arg::Year(2023)),
            ],
        ),
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
