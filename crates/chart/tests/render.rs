//! Structure, escaping, edge cases and size of the rendered SVG.

mod support;

use mp_chart::{Band, BarChart, BarSeries, Chart, ChartIssue, ChartStyle, LineChart, LineSeries, MapChart, render_svg};
use support::samples::{bar_sample, extras, fr, line_sample};
use support::xml::{Doc, parse_plain_svg};

fn plain(v: f64) -> String {
    format!("{v}")
}

fn render(chart: &Chart) -> (String, Doc) {
    let svg = render_svg(chart, &ChartStyle::default(), &fr);
    let doc = parse_plain_svg(&svg).unwrap_or_else(|e| panic!("{e}\n{svg}"));
    (svg, doc)
}

fn texts(doc: &Doc) -> Vec<&str> {
    doc.all("text").map(|e| e.text.as_str()).collect()
}

fn line(series: Vec<LineSeries>, x: usize) -> Chart {
    Chart::Line(LineChart {
        title: "T".into(),
        alt: "A".into(),
        y_label: "Persons".into(),
        x_labels: (0..x).map(|i| (1990 + i).to_string()).collect(),
        series,
        ..Default::default()
    })
}

fn series(name: &str, values: &[Option<f64>]) -> LineSeries {
    LineSeries { name: name.into(), values: values.to_vec(), ..Default::default() }
}

fn bars(values: &[Option<f64>], horizontal: bool) -> Chart {
    Chart::Bar(BarChart {
        title: "B".into(),
        alt: "A".into(),
        y_label: "Persons".into(),
        categories: (0..values.len()).map(|i| format!("Country {i}")).collect(),
        series: vec![BarSeries { marked: Vec::new(), name: "S".into(), values: values.to_vec() }],
        horizontal,
        value_labels: true,
        ..Default::default()
    })
}

#[test]
fn root_is_accessible_and_scalable() {
    let (svg, doc) = render(&line_sample());
    let root = &doc.elements[0];
    assert_eq!(root.attr("role"), Some("img"));
    assert_eq!(root.attr("viewBox"), Some("0 0 400 280"));
    assert_eq!(root.attr("width"), Some("100%"));
    assert_eq!(root.attr("height"), None);
    assert_eq!(root.attr("font-family"), Some("DejaVu Sans,Verdana,Arial,sans-serif"));
    // The accessible name and description come first, as screen readers expect.
    assert_eq!(doc.elements[1].name, "title");
    assert_eq!(doc.elements[2].name, "desc");
    assert_eq!(doc.elements[1].text, "Stock de migrants internationaux, Côte d'Ivoire, 2000–2029");
    assert!(doc.elements[2].text.starts_with("Le stock passe"));
    assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"));
}

#[test]
fn line_chart_with_projection_and_bands() {
    let (svg, doc) = render(&line_sample());
    let paths: Vec<_> = doc.all("path").collect();
    let dashed = paths.iter().filter(|p| p.attr("stroke-dasharray").is_some()).count();
    // The projected part of the line; the legend swatch of a solid series is not dashed.
    assert_eq!(dashed, 1);
    let bands: Vec<_> = paths.iter().filter(|p| p.attr("fill-opacity").is_some()).collect();
    assert_eq!(bands.len(), 2, "95 % and 80 % bands");
    assert!(bands.iter().all(|b| b.attr("d").unwrap().ends_with('Z')));
    let shaded = doc.all("rect").filter(|r| r.attr("fill") == Some("#f0f0f0")).count();
    assert_eq!(shaded, 1, "projection background");
    let t = texts(&doc);
    for expected in
        ["Stock de migrants", "Intervalle à 95 %", "Intervalle à 80 %", "Projections", "Personnes", "2000", "2029", "0", "300\u{202f}000"]
    {
        assert!(t.contains(&expected), "{expected:?} missing from {t:?}");
    }
    assert!(t.contains(&"Source : UN DESA (2024), projections de l'INS & <OIM>."));
    assert!(svg.contains("&amp; &lt;OIM&gt;"));
}

#[test]
fn horizontal_bars_truncate_long_names() {
    let (_, doc) = render(&bar_sample());
    // The white background, the legend swatch and ten bars.
    assert_eq!(doc.count("rect"), 12);
    let cut: Vec<_> = doc.all("text").filter(|t| t.text.ends_with('…')).collect();
    assert_eq!(cut.len(), 1);
    assert!(cut[0].text.starts_with("Royaume-Uni"));
    // The full name is kept as a tooltip.
    assert_eq!(doc.count("title"), 2);
    assert!(doc.all("title").any(|t| t.text.contains("Irlande du Nord")));
    let t = texts(&doc);
    assert!(t.contains(&"126\u{202f}510") && t.contains(&"1\u{202f}207"));
    assert!(t.contains(&"São Tomé-et-Principe") && t.contains(&"États-Unis d'Amérique"));
    // Bars start at zero and grow to the right.
    let xs: Vec<f64> = doc.all("rect").skip(2).map(|r| r.attr("x").unwrap().parse().unwrap()).collect();
    assert!(xs.windows(2).all(|w| w[0] == w[1]));
}

#[test]
fn short_horizontal_lists_shrink_the_drawing() {
    let (_, doc) = render(&bars(&[Some(3.0), Some(2.0)], true));
    let vb = doc.elements[0].attr("viewBox").unwrap();
    let h: f64 = vb.rsplit(' ').next().unwrap().parse().unwrap();
    assert!(h < 280.0, "{vb}");
}

#[test]
fn negative_values_get_a_zero_line() {
    let chart = line(vec![series("Net", &[Some(-12_000.0), Some(3_000.0), Some(8_000.0)])], 3);
    let svg = render_svg(&chart, &ChartStyle::default(), &plain);
    let doc = parse_plain_svg(&svg).unwrap();
    assert_eq!(doc.all("path").filter(|p| p.attr("stroke") == Some("#666")).count(), 2, "zero line and x ticks");
    let t = texts(&doc);
    assert!(t.contains(&"0") && t.contains(&"-15000") && t.contains(&"10000"), "{t:?}");

    // Background, legend swatch, three bars.
    let (_, doc) = render(&bars(&[Some(-5.0), Some(7.0), Some(-1.0)], false));
    assert_eq!(doc.count("rect"), 5);
    let (_, doc) = render(&bars(&[Some(-5.0), Some(7.0), Some(-1.0)], true));
    assert_eq!(doc.count("rect"), 5);
}

#[test]
fn crowded_years_are_thinned() {
    let (_, doc) = render(&extras()[2].1);
    let years: Vec<&str> = texts(&doc).into_iter().filter(|t| t.len() == 4 && t.parse::<u32>().is_ok()).collect();
    assert_eq!(years, ["1960", "1980", "2000", "2020", "2040", "2060", "2080", "2100"]);
}

#[test]
fn legend_names_every_series_even_one() {
    let one = line(vec![series("Alone", &[Some(1.0), Some(2.0)])], 2);
    let (_, doc) = render(&one);
    assert!(texts(&doc).contains(&"Alone"));
    let two =
        line(vec![series("First", &[Some(1.0), Some(2.0)]), LineSeries { dashed: true, ..series("Second", &[Some(2.0), Some(1.0)]) }], 2);
    let (_, doc) = render(&two);
    let t = texts(&doc);
    assert!(t.contains(&"First") && t.contains(&"Second"));
    // Dashed series: the line and its legend swatch.
    assert_eq!(doc.all("path").filter(|p| p.attr("stroke-dasharray").is_some()).count(), 2);
}

#[test]
fn every_string_is_escaped() {
    let nasty = "Migrants & \"réfugiés\" <2024> São Tomé, Côte d'Ivoire\u{1}";
    let chart = Chart::Line(LineChart {
        title: nasty.into(),
        alt: nasty.into(),
        y_label: nasty.into(),
        x_labels: vec![nasty.into(), "</svg>".into()],
        series: vec![
            series(nasty, &[Some(1.0), Some(2.0)]),
            LineSeries {
                bands: vec![Band { label: nasty.into(), bounds: vec![Some((0.5, 1.5)), Some((1.5, 2.5))] }],
                ..series("<b>", &[Some(2.0), Some(3.0)])
            },
        ],
        forecast_from: Some(1),
        forecast_label: Some(nasty.into()),
        source: nasty.into(),
    });
    let style = ChartStyle { font_family: "\"><script>".into(), palette: vec!["red\" onload=\"x".into()], ..ChartStyle::default() };
    let svg = render_svg(&chart, &style, &|v| format!("<{v}&>"));
    let doc = parse_plain_svg(&svg).unwrap_or_else(|e| panic!("{e}\n{svg}"));
    let clean = nasty.replace('\u{1}', "");
    assert_eq!(doc.first("title").unwrap().text, clean);
    assert_eq!(doc.first("desc").unwrap().text, clean);
    let t = texts(&doc);
    assert!(t.iter().any(|t| t.starts_with('<') && t.ends_with("&>")), "{t:?}");
    assert!(!svg.contains("<script") && !svg.contains("<b>"));

    let bar = Chart::Bar(BarChart {
        title: nasty.into(),
        categories: vec![nasty.into(); 3],
        series: vec![BarSeries { marked: Vec::new(), name: nasty.into(), values: vec![Some(1.0); 3] }],
        horizontal: true,
        ..Default::default()
    });
    parse_plain_svg(&render_svg(&bar, &style, &plain)).unwrap();
}

#[test]
fn stacked_and_grouped_bars() {
    let (_, doc) = render(&extras()[3].1);
    // Background, 3 × 6 segments less the missing one.
    assert_eq!(doc.count("rect"), 1 + 17 + 3, "with 3 legend swatches");
    let t = texts(&doc);
    assert!(t.contains(&"185") && t.contains(&"255,5"));
    assert_eq!(t.iter().filter(|t| **t == "300").count(), 2, "tick and total");
    let (_, doc) = render(&extras()[4].1);
    assert_eq!(doc.count("rect"), 1 + 12 + 2);
    // Long region names are rotated rather than overlapping.
    assert_eq!(doc.all("text").filter(|t| t.attr("transform").is_some_and(|v| v.starts_with("rotate(-45"))).count(), 6);
    let stacked_negative = Chart::Bar(BarChart {
        categories: vec!["a".into(), "b".into()],
        series: vec![
            BarSeries { marked: Vec::new(), name: "in".into(), values: vec![Some(5.0), Some(-2.0)] },
            BarSeries { marked: Vec::new(), name: "out".into(), values: vec![Some(-3.0), Some(-4.0)] },
        ],
        stacked: true,
        value_labels: true,
        ..Default::default()
    });
    let (_, doc) = render(&stacked_negative);
    assert_eq!(doc.count("rect"), 1 + 4 + 2);
}

#[test]
fn single_points_get_a_dot() {
    let (_, doc) = render(&line(vec![series("x", &[Some(5.0)])], 1));
    assert_eq!(doc.count("circle"), 1);
    let (_, doc) = render(&line(vec![series("x", &[Some(1.0), None, Some(3.0), Some(4.0), None, Some(6.0)])], 6));
    assert_eq!(doc.count("circle"), 2, "the two isolated points");
}

#[test]
fn edge_cases_never_panic() {
    let nan = f64::NAN;
    let inf = f64::INFINITY;
    let cases: Vec<Chart> = vec![
        line(vec![], 0),
        line(vec![], 10),
        line(vec![series("none", &[None, None, None])], 3),
        line(vec![series("flat", &[Some(7.0); 5])], 5),
        line(vec![series("zeros", &[Some(0.0); 5])], 5),
        line(vec![series("huge", &[Some(f64::MAX), Some(-f64::MAX), Some(1e300)])], 3),
        line(vec![series("tiny", &[Some(1e-310), Some(2e-310), Some(5e-324)])], 3),
        line(vec![series("bad", &[Some(nan), Some(inf), Some(-inf), Some(1.0)])], 4),
        line(vec![series("long", &[Some(1.0); 50])], 3),
        line(vec![series("short", &[Some(1.0)])], 30),
        Chart::Line(LineChart {
            series: vec![LineSeries {
                bands: vec![Band { label: "reversed".into(), bounds: vec![Some((3.0, 1.0)), Some((nan, 2.0)), None, Some((1.0, 2.0))] }],
                ..series("b", &[Some(2.0), None, None, Some(1.5)])
            }],
            forecast_from: Some(99),
            forecast_label: Some("beyond".into()),
            ..Default::default()
        }),
        Chart::Line(LineChart {
            x_labels: vec!["2020".into(), "2021".into()],
            series: vec![series("all projected", &[Some(1.0), Some(2.0)])],
            forecast_from: Some(0),
            forecast_label: Some("Projections".into()),
            ..Default::default()
        }),
        bars(&[], true),
        bars(&[], false),
        bars(&[None, None], true),
        bars(&[Some(0.0), Some(0.0)], false),
        bars(&[Some(f64::MAX), Some(f64::MAX)], false),
        bars(&[Some(nan), Some(-inf), Some(1e-300)], true),
        Chart::Bar(BarChart {
            series: vec![
                BarSeries { marked: Vec::new(), name: "a".into(), values: vec![Some(f64::MAX); 2] },
                BarSeries { marked: Vec::new(), name: "b".into(), values: vec![Some(f64::MAX); 2] },
            ],
            stacked: true,
            ..Default::default()
        }),
        Chart::Bar(BarChart {
            categories: (0..200).map(|i| format!("Category {i}")).collect(),
            series: vec![BarSeries { marked: Vec::new(), name: "many".into(), values: (0..200).map(|i| Some(i as f64)).collect() }],
            horizontal: true,
            value_labels: true,
            ..Default::default()
        }),
    ];
    let styles = [
        ChartStyle::default(),
        ChartStyle { width: 0.0, height: f32::NAN, font_size: -3.0, palette: vec![], font_family: String::new() },
        ChartStyle { width: 1e9, height: 1e9, font_size: 1e9, ..ChartStyle::default() },
    ];
    for chart in &cases {
        for style in &styles {
            let svg = render_svg(chart, style, &plain);
            parse_plain_svg(&svg).unwrap_or_else(|e| panic!("{e}\n{chart:?}\n{svg}"));
            assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
        }
    }
}

#[test]
fn empty_alt_gives_no_desc() {
    let chart = line(vec![series("x", &[Some(1.0), Some(2.0)])], 2);
    let Chart::Line(mut c) = chart else { unreachable!() };
    c.alt = "  ".into();
    let (_, doc) = render(&Chart::Line(c));
    assert_eq!(doc.count("desc"), 0);
}

#[test]
fn empty_title_keeps_its_slot_first() {
    // The HTML page fills the first <title></title> with the title it shows outside the chart,
    // even when truncated bar labels carry <title> tooltips of their own.
    let mut chart = bar_sample();
    if let Chart::Bar(c) = &mut chart {
        c.title.clear();
    }
    let (svg, doc) = render(&chart);
    assert_eq!(doc.elements[1].name, "title");
    assert!(doc.elements[1].text.is_empty());
    assert!(svg.find("<title></title>") < svg.find("<title>Royaume"));
}

#[test]
fn check_reports_what_drawing_works_around() {
    let chart = Chart::Line(LineChart {
        title: "Stock".into(),
        x_labels: vec!["2020".into(), "2021".into()],
        series: vec![LineSeries {
            name: "s".into(),
            values: vec![Some(f64::NAN), Some(1.0), Some(2.0)],
            bands: vec![Band { label: "b".into(), bounds: vec![Some((2.0, 1.0)), None] }],
            ..Default::default()
        }],
        forecast_from: Some(5),
        ..Default::default()
    });
    let issues = chart.check();
    assert_eq!(
        issues,
        [
            ChartIssue::MissingAlt { title: "Stock".into() },
            ChartIssue::LengthMismatch { series: "s".into(), expected: 2, found: 3 },
            ChartIssue::NotFinite { series: "s".into(), index: 0 },
            ChartIssue::BoundsReversed { band: "b".into(), index: 0 },
            ChartIssue::ForecastOutOfRange { index: 5, len: 2 },
        ]
    );
    assert_eq!(issues[1].to_string(), "series \"s\" has 3 values for 2 categories");
    assert!(line_sample().check().is_empty());
    assert!(bar_sample().check().is_empty());
    assert!(bars(&[None], false).check().contains(&ChartIssue::NoData { title: "B".into() }));
}

#[test]
fn output_is_deterministic() {
    let a = render_svg(&line_sample(), &ChartStyle::default(), &fr);
    let b = render_svg(&line_sample(), &ChartStyle::default(), &fr);
    assert_eq!(a, b);
}

#[test]
fn coordinates_have_at_most_one_decimal() {
    for chart in [line_sample(), bar_sample()] {
        let svg = render_svg(&chart, &ChartStyle::default(), &fr);
        let doc = parse_plain_svg(&svg).unwrap();
        for e in &doc.elements {
            for (k, v) in &e.attrs {
                if matches!(k.as_str(), "x" | "y" | "width" | "height" | "d" | "cx" | "cy") {
                    for num in v.split(|c: char| !(c.is_ascii_digit() || c == '.')) {
                        if let Some((_, frac)) = num.split_once('.') {
                            assert!(frac.len() <= 1, "{k}={v}");
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn typical_charts_stay_under_six_kilobytes() {
    let line = render_svg(&line_sample(), &ChartStyle::default(), &fr);
    let bar = render_svg(&bar_sample(), &ChartStyle::default(), &fr);
    println!("30-point line chart with two bands: {} bytes", line.len());
    println!("10-bar horizontal chart: {} bytes", bar.len());
    assert!(line.len() < 6_000, "{}", line.len());
    assert!(bar.len() < 6_000, "{}", bar.len());
    for (name, chart) in extras() {
        let svg = render_svg(&chart, &ChartStyle::default(), &fr);
        println!("{name}: {} bytes", svg.len());
        assert!(svg.len() < 8_000, "{name}: {}", svg.len());
    }
}

fn diaspora_map() -> Chart {
    // Emigrants from Senegal by destination, 2024 (UN DESA), a few of them.
    Chart::Map(MapChart {
        title: "Émigrés sénégalais par pays de destination, 2024".into(),
        alt: "La France, la Gambie et l'Italie accueillent le plus d'émigrés.".into(),
        unit: "Personnes\u{a0}:".into(),
        values: vec![(250, 176_632.0), (270, 120_000.0), (380, 110_000.0), (724, 80_000.0), (466, 30_000.0), (840, 25_000.0), (132, 900.0)],
        focus: Some((686, "Sénégal".into())),
        no_data: "Pas de données".into(),
        source: "Source : UN DESA, International Migrant Stock 2024.".into(),
        region: Vec::new(),
    })
}

#[test]
fn a_regional_map_frames_its_countries_and_clips_the_rest() {
    // Immigrants in five West African countries: the frame is theirs, not the world's.
    let countries = [686, 288, 384, 466, 566];
    let chart = |region: Vec<u16>| {
        Chart::Map(MapChart {
            title: "Immigrés, 2024".into(),
            alt: "La Côte d'Ivoire en accueille le plus.".into(),
            unit: "Personnes\u{a0}:".into(),
            values: vec![(686, 279_000.0), (288, 476_000.0), (384, 2_560_000.0), (466, 520_000.0), (566, 1_300_000.0)],
            no_data: "Pas de données".into(),
            region,
            ..Default::default()
        })
    };
    let (world, _) = render(&chart(Vec::new()));
    let (regional, doc) = render(&chart(countries.to_vec()));
    // Clipped to a nested viewport; far-away countries (Russia, 643) are not drawn at all,
    // so the regional drawing is much smaller than the world's.
    assert!(regional.contains("<svg x=\""), "nested viewport");
    assert!(regional.len() < world.len(), "{} vs {}", regional.len(), world.len());
    let fills: Vec<&str> = doc.all("path").filter_map(|p| p.attr("fill")).collect();
    assert!(fills.iter().filter(|f| **f != "#e4e4e4").count() >= 2, "several classes: {fills:?}");
    assert_eq!(regional, render_svg(&chart(countries.to_vec()), &ChartStyle::default(), &fr));
}

#[test]
fn a_map_shades_countries_by_class_with_a_legend() {
    let (svg, doc) = render(&diaspora_map());
    assert_eq!(doc.first("title").map(|t| t.text.as_str()), Some("Émigrés sénégalais par pays de destination, 2024"));
    let t = texts(&doc);
    // Classes in decades, labelled in the reader's number format; the focus country and
    // "no data" in the legend.
    assert!(t.contains(&"Personnes\u{a0}:"), "{t:?}");
    assert!(t.contains(&"< 1\u{202f}000") || t.iter().any(|s| s.starts_with("< 1")), "{t:?}");
    assert!(t.iter().any(|s| s.starts_with("\u{2265} 100")), "{t:?}");
    assert!(t.contains(&"Sénégal") && t.contains(&"Pas de données"), "{t:?}");
    // One path per fill: the focus, no data, and the classes that occur.
    let fills: Vec<&str> = doc.all("path").filter_map(|p| p.attr("fill")).collect();
    assert!(fills.contains(&"#D55E00"), "{fills:?}");
    assert!(fills.contains(&"#e4e4e4"), "{fills:?}");
    assert!(fills.len() >= 4 && fills.len() <= 7, "{fills:?}");
    println!("world map: {} bytes", svg.len());
    if let Some(dir) = std::env::var_os("MPROFILE_CHART_OUT") {
        std::fs::write(std::path::Path::new(&dir).join("map.svg"), &svg).unwrap();
    }
    assert!(svg.len() < 40_000, "a world map for a phone: {} bytes", svg.len());
    // Deterministic, like every chart.
    assert_eq!(svg, render_svg(&diaspora_map(), &ChartStyle::default(), &fr));
}

#[test]
fn a_map_with_no_values_is_all_grey_and_still_well_formed() {
    let empty = Chart::Map(MapChart { title: "Empty".into(), no_data: "No data".into(), ..Default::default() });
    let (_, doc) = render(&empty);
    let fills: Vec<&str> = doc.all("path").filter_map(|p| p.attr("fill")).collect();
    assert_eq!(fills, ["#e4e4e4"]);
    assert!(empty.check().iter().any(|i| matches!(i, ChartIssue::NoData { .. })));
}

#[test]
fn long_names_wrap_on_two_lines_when_bars_leave_room() {
    let Chart::Bar(mut c) = bar_sample() else { panic!("bar sample") };
    let n = c.categories.len() as f32;
    let style = ChartStyle { height: 80.0 + 30.0 * n, ..ChartStyle::default() };
    c.source.clear();
    let svg = render_svg(&Chart::Bar(c), &style, &fr);
    let doc = parse_plain_svg(&svg).unwrap();
    let t = texts(&doc);
    // Only the 51-letter official name of the United Kingdom needs more than two lines.
    assert_eq!(t.iter().filter(|s| s.ends_with('…')).count(), 1, "{t:?}");
    assert!(t.contains(&"Royaume-Uni de") && t.contains(&"États-Unis d'Amérique"), "{t:?}");
    assert!(mp_chart::overlapping_labels(&svg).is_empty(), "{:?}", mp_chart::overlapping_labels(&svg));
}

#[test]
fn years_are_placed_by_value() {
    let chart = Chart::Line(LineChart {
        title: "T".into(),
        alt: "A".into(),
        x_labels: vec!["1991".into(), "2006".into(), "2012".into()],
        series: vec![series("S", &[Some(1.0), Some(2.0), Some(3.0)])],
        ..Default::default()
    });
    let (_, doc) = render(&chart);
    let x = |y: &str| -> f64 { doc.all("text").find(|t| t.text == y).and_then(|t| t.attr("x")).unwrap().parse().unwrap() };
    let (a, b, c) = (x("1991"), x("2006"), x("2012"));
    assert!(((b - a) / (c - b) - 15.0 / 6.0).abs() < 0.01, "{a} {b} {c}");
}

#[test]
fn one_value_is_a_labelled_dot_on_an_axis_from_zero() {
    let chart = line(vec![series("Stock", &[None, Some(6_000.0), None])], 3);
    let (svg, doc) = render(&chart);
    assert_eq!(doc.count("circle"), 1);
    assert!(!svg.contains("stroke-linejoin=\"round\"><path"), "no line: {svg}");
    let t = texts(&doc);
    assert!(t.contains(&"6\u{202f}000") && t.contains(&"0"), "{t:?}");
}
