//! Sample charts shared by the tests and the gallery example: the line and bar charts whose
//! sizes are reported, and a few more that exercise negative values, stacks and rotation.

#![allow(dead_code)]

use mp_chart::{Band, BarChart, BarSeries, Chart, LineChart, LineSeries};

/// French number style: narrow no-break space between thousands, decimal comma.
pub fn fr(v: f64) -> String {
    let neg = v < 0.0;
    let rounded = (v.abs() * 10.0).round() / 10.0;
    let int = rounded.trunc() as u64;
    let digits = int.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(ch);
    }
    let tenth = ((rounded - rounded.trunc()) * 10.0).round() as u64;
    if tenth > 0 {
        out.push_str(&format!(",{tenth}"));
    }
    if neg && (int > 0 || tenth > 0) { format!("−{out}") } else { out }
}

/// The 30-point line chart with projections and two bands used for the size report.
pub fn line_sample() -> Chart {
    let years: Vec<String> = (2000..2030).map(|y| y.to_string()).collect();
    let stock: Vec<f64> = (0..30).map(|i| 180_000.0 + 3_200.0 * i as f64 + 9_000.0 * ((i as f64) / 3.0).sin()).collect();
    let observed_until = 24;
    let values = stock.iter().map(|v| Some(*v)).collect();
    let band = |z: f64| Band {
        label: if z > 1.5 { "Intervalle à 95 %" } else { "Intervalle à 80 %" }.into(),
        bounds: (0..30)
            .map(|i| {
                (i + 1 >= observed_until).then(|| {
                    let h = (i + 1 - observed_until) as f64;
                    let spread = z * 2_600.0 * h.sqrt().max(0.0);
                    (stock[i] - spread, stock[i] + spread)
                })
            })
            .collect(),
    };
    Chart::Line(LineChart {
        title: "Stock de migrants internationaux, Côte d'Ivoire, 2000–2029".into(),
        alt: "Le stock passe de 180 000 en 2000 à environ 270 000 en 2023 et devrait \
              atteindre 275 000 en 2029."
            .into(),
        y_label: "Personnes".into(),
        x_labels: years,
        series: vec![LineSeries {
            name: "Stock de migrants".into(),
            values,
            dashed: false,
            bands: vec![band(1.96), band(1.28)],
            marked: Vec::new(),
        }],
        forecast_from: Some(observed_until),
        forecast_label: Some("Projections".into()),
        source: "Source : UN DESA (2024), projections de l'INS & <OIM>.".into(),
    })
}

/// The ten-bar horizontal chart used for the size report.
pub fn bar_sample() -> Chart {
    let rows = [
        ("France", 126_510.0),
        ("Gambie", 98_232.0),
        ("Italie", 91_874.0),
        ("Espagne", 71_022.0),
        ("Mauritanie", 52_391.0),
        ("Royaume-Uni de Grande-Bretagne et d'Irlande du Nord", 34_270.0),
        ("Côte d'Ivoire", 30_118.0),
        ("Gabon", 27_553.0),
        ("États-Unis d'Amérique", 23_964.0),
        ("São Tomé-et-Principe", 1_207.0),
    ];
    Chart::Bar(BarChart {
        title: "Dix principaux pays de destination des émigrés sénégalais, 2024".into(),
        alt: "La France accueille le plus d'émigrés sénégalais (126 510), devant la Gambie \
              et l'Italie."
            .into(),
        y_label: "Personnes".into(),
        categories: rows.iter().map(|r| r.0.to_string()).collect(),
        series: vec![BarSeries { marked: Vec::new(), name: "Émigrés".into(), values: rows.iter().map(|r| Some(r.1)).collect() }],
        horizontal: true,
        stacked: false,
        value_labels: true,
        source: "Source : UN DESA, International Migrant Stock 2024.".into(),
    })
}

pub fn extras() -> Vec<(&'static str, Chart)> {
    let years: Vec<String> = (1950..=2100).map(|y| y.to_string()).collect();
    let net: Vec<Option<f64>> = (0..151)
        .map(|i| {
            let t = i as f64;
            (i != 40 && i != 41).then(|| -12_000.0 + 30_000.0 * (t / 25.0).sin() * (-t / 120.0).exp())
        })
        .collect();
    let net2: Vec<Option<f64>> = net.iter().map(|v| v.map(|v| v * 0.6 - 3_000.0)).collect();
    let net_migration = Chart::Line(LineChart {
        title: "Net migration, Senegal and Mali, 1950–2100".into(),
        alt: "Net migration swings between gains and losses.".into(),
        y_label: "Persons per year".into(),
        x_labels: years,
        series: vec![
            LineSeries { name: "Senegal".into(), values: net, ..Default::default() },
            LineSeries { name: "Mali".into(), values: net2, ..Default::default() },
        ],
        forecast_from: Some(74),
        forecast_label: Some("Projections (medium variant)".into()),
        source: "Source: UN DESA, World Population Prospects 2024.".into(),
    });
    let stacked = Chart::Bar(BarChart {
        title: "Remittances by channel, Cabo Verde, 2019–2024".into(),
        alt: "Formal channels dominate.".into(),
        y_label: "Million USD".into(),
        categories: (2019..=2024).map(|y| y.to_string()).collect(),
        series: vec![
            BarSeries {
                marked: Vec::new(),
                name: "Banks".into(),
                values: vec![Some(120.0), Some(131.0), Some(150.0), Some(158.5), Some(171.0), Some(180.0)],
            },
            BarSeries {
                marked: Vec::new(),
                name: "Money transfer operators".into(),
                values: vec![Some(60.0), Some(66.0), Some(70.0), Some(75.0), Some(77.0), Some(80.0)],
            },
            BarSeries {
                marked: Vec::new(),
                name: "Mobile money".into(),
                values: vec![Some(5.0), Some(9.0), Some(14.0), Some(22.0), None, Some(40.0)],
            },
        ],
        horizontal: false,
        stacked: true,
        value_labels: true,
        source: "Source: Banco de Cabo Verde.".into(),
    });
    let grouped = Chart::Bar(BarChart {
        title: "Returns by region of origin and sex".into(),
        alt: "More men than women returned in every region.".into(),
        y_label: "Persons".into(),
        categories: ["Dakar", "Thiès", "Saint-Louis", "Ziguinchor", "Kédougou", "Tambacounda"].map(String::from).to_vec(),
        series: vec![
            BarSeries {
                marked: Vec::new(),
                name: "Men".into(),
                values: vec![Some(5300.0), Some(4200.0), Some(3900.0), Some(1200.0), Some(800.0), Some(2500.0)],
            },
            BarSeries {
                marked: Vec::new(),
                name: "Women".into(),
                values: vec![Some(2100.0), Some(1800.0), Some(1500.0), Some(600.0), Some(250.0), Some(900.0)],
            },
        ],
        horizontal: false,
        stacked: false,
        value_labels: false,
        source: "Source: IOM DTM.".into(),
    });
    let balance = Chart::Bar(BarChart {
        title: "Net migration by region, 2023".into(),
        alt: "Dakar gains, other regions lose.".into(),
        y_label: "Persons".into(),
        categories: ["Dakar", "Thiès", "Saint-Louis", "Ziguinchor", "Matam"].map(String::from).to_vec(),
        series: vec![BarSeries {
            marked: Vec::new(),
            name: "Net".into(),
            values: vec![Some(42_000.0), Some(-3_100.0), Some(-8_800.0), Some(-12_500.0), Some(-6_000.0)],
        }],
        horizontal: true,
        stacked: false,
        value_labels: true,
        source: "Source: ANSD.".into(),
    });
    let yearly = Chart::Bar(BarChart {
        title: "Remessas recebidas, Guiné-Bissau, 1990–2024".into(),
        alt: "As remessas crescem de forma contínua.".into(),
        y_label: "Milhões de USD".into(),
        categories: (1990..=2024).map(|y| y.to_string()).collect(),
        series: vec![BarSeries {
            marked: Vec::new(),
            name: "Remessas".into(),
            values: (0..35).map(|i| Some(2.0 + 0.09 * (i * i) as f64)).collect(),
        }],
        horizontal: false,
        stacked: false,
        value_labels: true,
        source: "Fonte: Banco Mundial, Indicadores de Desenvolvimento Mundial.".into(),
    });
    let names = ["Burkina Faso", "Côte d'Ivoire", "Guinée-Bissau", "Niger", "République centrafricaine"];
    let many = Chart::Line(LineChart {
        title: String::new(),
        alt: "Five countries.".into(),
        y_label: "%".into(),
        x_labels: (2010..=2024).map(|y| y.to_string()).collect(),
        series: names
            .iter()
            .enumerate()
            .map(|(k, n)| LineSeries {
                name: (*n).into(),
                values: (0..15).map(|i| Some(1.0 + k as f64 * 0.8 + (i as f64 * (0.3 + k as f64 * 0.1)).sin())).collect(),
                dashed: k == 4,
                ..Default::default()
            })
            .collect(),
        forecast_from: None,
        forecast_label: None,
        source: String::new(),
    });
    vec![
        ("chart-yearly-bars.svg", yearly),
        ("chart-many-series.svg", many),
        ("chart-net-migration.svg", net_migration),
        ("chart-stacked.svg", stacked),
        ("chart-grouped.svg", grouped),
        ("chart-balance.svg", balance),
    ]
}
