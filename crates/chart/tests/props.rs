//! Arbitrary charts never panic and always give well-formed, plain SVG.

mod support;

use mp_chart::{Band, BarChart, BarSeries, Chart, ChartStyle, LineChart, LineSeries, MapChart, render_svg};
use proptest::prelude::*;
use support::xml::parse_plain_svg;

fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => -1e6..1e6f64,
        1 => any::<f64>(),
        1 => Just(f64::NAN),
        1 => Just(f64::INFINITY),
        1 => Just(f64::NEG_INFINITY),
        1 => Just(0.0),
        1 => Just(f64::MAX),
        1 => Just(1e-310),
    ]
}

fn value() -> impl Strategy<Value = Option<f64>> {
    prop_oneof![1 => Just(None), 5 => number().prop_map(Some)]
}

fn label() -> impl Strategy<Value = String> {
    prop_oneof!["[A-Za-zÀ-ÿ&<>\"' ]{0,40}", any::<String>(), "(19|20)[0-9]{2}",]
}

fn values(max: usize) -> impl Strategy<Value = Vec<Option<f64>>> {
    prop::collection::vec(value(), 0..max)
}

fn band() -> impl Strategy<Value = Band> {
    (label(), prop::collection::vec(prop::option::of((number(), number())), 0..40)).prop_map(|(label, bounds)| Band { label, bounds })
}

fn line_chart() -> impl Strategy<Value = Chart> {
    let series = (label(), values(40), any::<bool>(), prop::collection::vec(band(), 0..3))
        .prop_map(|(name, values, dashed, bands)| LineSeries { name, values, dashed, bands, marked: Vec::new() });
    (
        (label(), label(), label()),
        prop::collection::vec(label(), 0..40),
        prop::collection::vec(series, 0..4),
        prop::option::of(0usize..50),
        prop::option::of(label()),
        label(),
    )
        .prop_map(|((title, alt, y_label), x_labels, series, forecast_from, forecast_label, source)| {
            Chart::Line(LineChart { title, alt, y_label, x_labels, series, forecast_from, forecast_label, source })
        })
}

fn bar_chart() -> impl Strategy<Value = Chart> {
    let series = (label(), values(25)).prop_map(|(name, values)| BarSeries { name, values, marked: Vec::new() });
    (
        (label(), label(), label()),
        prop::collection::vec(label(), 0..25),
        prop::collection::vec(series, 0..4),
        (any::<bool>(), any::<bool>(), any::<bool>()),
        label(),
    )
        .prop_map(|((title, alt, y_label), categories, series, (horizontal, stacked, value_labels), source)| {
            Chart::Bar(BarChart { title, alt, y_label, categories, series, horizontal, stacked, value_labels, source })
        })
}

fn map_chart() -> impl Strategy<Value = Chart> {
    let code = prop_oneof![4 => prop::sample::select(vec![686u16, 250, 466, 384, 566, 840, 132, 643, 242]), 1 => any::<u16>()];
    (
        (label(), label(), label()),
        prop::collection::vec((code.clone(), number()), 0..40),
        prop::option::of((code, label())),
        (label(), label()),
    )
        .prop_map(|((title, alt, unit), values, focus, (no_data, source))| {
            Chart::Map(MapChart { title, alt, unit, values, focus, no_data, source, region: Vec::new() })
        })
}

fn style() -> impl Strategy<Value = ChartStyle> {
    let size = prop_oneof![4 => 100f32..1200.0, 1 => any::<f32>()];
    let font = prop_oneof![4 => 6f32..20.0, 1 => any::<f32>()];
    (size.clone(), size, font).prop_map(|(width, height, font_size)| ChartStyle { width, height, font_size, ..ChartStyle::default() })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_chart_renders_plain_well_formed_svg(
        chart in prop_oneof![line_chart(), bar_chart(), map_chart()],
        style in style(),
    ) {
        let svg = render_svg(&chart, &style, &|v| format!("{v:.2}"));
        let doc = parse_plain_svg(&svg);
        prop_assert!(doc.is_ok(), "{:?}\n{}", doc.err(), svg);
        for e in doc.unwrap().elements.iter().skip(1) {
            for (k, v) in &e.attrs {
                if matches!(k.as_str(), "x" | "y" | "width" | "height" | "cx" | "cy") {
                    prop_assert!(v.parse::<f64>().is_ok_and(f64::is_finite), "{}={}", k, v);
                }
            }
        }
        let _ = chart.check();
    }

    #[test]
    fn no_two_labels_overlap(
        chart in prop_oneof![readable_line(), readable_bars()],
    ) {
        let svg = render_svg(&chart, &ChartStyle::default(), &axis_number);
        let pairs = mp_chart::overlapping_labels(&svg);
        prop_assert!(pairs.is_empty(), "{:?}\n{}", pairs, svg);
    }
}

/// Ticks as the profile writes them for large counts: "200 M", "1,5 M".
fn axis_number(v: f64) -> String {
    let a = v.abs();
    let (d, unit) = if a >= 1e9 {
        (1e9, "\u{a0}Md")
    } else if a >= 1e6 {
        (1e6, "\u{a0}M")
    } else {
        (1.0, "")
    };
    let x = v / d;
    let s = if (x - x.round()).abs() < 1e-9 { format!("{}", x.round()) } else { format!("{x:.1}").replace('.', ",") };
    format!("{s}{unit}")
}

/// Years from 1950 to 2100, any subset, and values of any magnitude a profile shows.
fn readable_line() -> impl Strategy<Value = Chart> {
    (prop::collection::btree_set(1950i32..2100, 1..80), 0.0f64..1e10, 1usize..4).prop_flat_map(|(years, top, k)| {
        let n = years.len();
        let labels: Vec<String> = years.iter().map(|y| y.to_string()).collect();
        prop::collection::vec(prop::collection::vec(prop::option::weighted(0.9, 0.0..=top.max(1.0)), n), k).prop_map(move |vals| {
            Chart::Line(LineChart {
                title: "Titre".into(),
                alt: "Texte".into(),
                y_label: "Personnes".into(),
                x_labels: labels.clone(),
                series: vals
                    .into_iter()
                    .enumerate()
                    .map(|(i, values)| LineSeries { name: format!("Série {i}"), values, ..Default::default() })
                    .collect(),
                source: "Source : DAES (2024)".into(),
                ..Default::default()
            })
        })
    })
}

/// Bars over short or long country names, either way round.
fn readable_bars() -> impl Strategy<Value = Chart> {
    (prop::collection::vec("[A-Za-zéô' -]{1,40}", 1..15), 0.0f64..1e10, any::<bool>()).prop_flat_map(|(names, top, horizontal)| {
        let n = names.len();
        prop::collection::vec(prop::option::weighted(0.9, 0.0..=top.max(1.0)), n).prop_map(move |values| {
            Chart::Bar(BarChart {
                title: "Titre".into(),
                alt: "Texte".into(),
                y_label: "Personnes".into(),
                categories: names.clone(),
                series: vec![BarSeries { marked: Vec::new(), name: "Stock".into(), values }],
                horizontal,
                value_labels: horizontal,
                source: "Source : DAES (2024)".into(),
                ..Default::default()
            })
        })
    })
}
