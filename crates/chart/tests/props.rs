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
        .prop_map(|(name, values, dashed, bands)| LineSeries { name, values, dashed, bands });
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
    let series = (label(), values(25)).prop_map(|(name, values)| BarSeries { name, values });
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
            Chart::Map(MapChart { title, alt, unit, values, focus, no_data, source })
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
}
