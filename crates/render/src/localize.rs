//! Turns the language-neutral pieces of a [`Document`] into text of one language: messages with
//! their arguments, figures, source lines and charts. Shared by the HTML and PDF renderers, so
//! a figure reads the same in both.

use mp_chart::{Band, BarChart, BarSeries, ChartStyle, HeatChart, LineChart, LineSeries, MapChart};
use mp_domain::{Lang, ObsStatus, Period};
use mp_i18n as i18n;
use mp_profile::{Arg, Block, Chart, ChartKind, Document, Section, SourceEntry, Text, Value, ValueKind};

/// A message without arguments in `lang`.
pub fn msg(lang: Lang, id: &str) -> String {
    i18n::t(lang, id, &[])
}

/// A message with text arguments in `lang`.
pub fn msg_with(lang: Lang, id: &str, args: &[(&str, &str)]) -> String {
    let args: Vec<(&str, i18n::Arg)> = args.iter().map(|(k, v)| (*k, i18n::Arg::text(*v))).collect();
    i18n::t(lang, id, &args)
}

/// A text of the document in `lang`.
pub fn text(t: &Text, lang: Lang) -> String {
    match t {
        Text::I18n(s) => s.get(lang).to_string(),
        Text::Plain(s) => s.clone(),
        Text::Msg { id, args } => {
            // A country's name also comes with its article and prepositions (see grammar).
            let forms: Vec<(String, String)> = args
                .iter()
                .filter_map(|(k, a)| match a {
                    Arg::Text(Text::I18n(name)) if crate::grammar::NAMED.contains(&k.as_str()) => {
                        Some(crate::grammar::arguments(k, name, lang))
                    }
                    _ => None,
                })
                .flatten()
                .collect();
            let mut args: Vec<(&str, i18n::Arg)> =
                args.iter().filter(|(k, _)| !forms.iter().any(|(f, _)| f == k)).map(|(k, a)| (k.as_str(), arg(a, lang))).collect();
            args.extend(forms.iter().map(|(k, v)| (k.as_str(), i18n::Arg::text(v.clone()))));
            i18n::t(lang, id, &args)
        }
    }
}

fn arg(a: &Arg, lang: Lang) -> i18n::Arg<'static> {
    match a {
        Arg::Text(t) => i18n::Arg::text(text(t, lang)),
        // A whole count goes in as a number so that messages can choose singular or plural
        // ("1 refugee", "2 refugees"); Fluent formats it with the language's grouping, which
        // is what `format_number` gives for zero decimals.
        // A flagged figure carries its mark in a sentence too ("about 1.2 million (provisional)");
        // a projection is not marked again: the sentences that quote one say so in words.
        Arg::Value(v) if status_mark(v, lang).is_some() && v.status.as_deref() != Some(ObsStatus::Forecast.code()) => {
            i18n::Arg::text(value(v, lang))
        }
        Arg::Value(v) if v.kind == ValueKind::Number && v.decimals == 0 && v.v.is_finite() && v.v.abs() < 9e15 => {
            i18n::Arg::Count(v.v.round() as i64)
        }
        Arg::Value(v) => i18n::Arg::text(number(v, lang)),
        // Years are labels, not quantities: never "2,020".
        Arg::Year(y) => i18n::Arg::text(y.to_string()),
        Arg::Period(p) => i18n::Arg::text(i18n::format_period(*p, lang)),
        Arg::Count(n) => i18n::Arg::Count(*n),
        Arg::Select(s) => i18n::Arg::text(s.clone()),
    }
}

/// A figure in `lang` at its precision, without a status mark (for sentences and charts).
pub fn number(v: &Value, lang: Lang) -> String {
    match v.kind {
        ValueKind::Percent => i18n::format_percent(v.v, v.decimals, lang),
        ValueKind::Usd => i18n::format_money_usd(v.v, lang),
        ValueKind::Number | ValueKind::PerThousand | ValueKind::Index => i18n::format_number(v.v, v.decimals, lang),
    }
}

/// A figure for a key-figure box: counts are shortened ("20.1 million"), the rest as [`number`].
pub fn key_number(v: &Value, lang: Lang) -> String {
    match v.kind {
        ValueKind::Number => i18n::format_compact(v.v, lang),
        _ => number(v, lang),
    }
}

/// Whether a table writes its large figures in words: it does when one of its amounts in
/// dollars is a million or more ("30,85 milliards de dollars US"), so that its other large
/// figures follow the same style rather than run to eleven digits beside it.
pub fn table_in_words(t: &mp_profile::Table) -> bool {
    t.rows.iter().flatten().any(|c| matches!(c, mp_profile::Cell::Value(v) if v.kind == ValueKind::Usd && v.v.abs() >= 1e6))
}

/// A figure of a table whose style [`table_in_words`] chose: large counts in words when the
/// table writes its amounts so, else as [`number`] writes it.
pub fn table_number(v: &Value, lang: Lang, in_words: bool) -> String {
    if in_words && v.kind == ValueKind::Number && v.v.abs() >= 1e6 { i18n::format_compact(v.v, lang) } else { number(v, lang) }
}

/// The label of a figure's status when readers must be told: a projection (F), an estimate
/// (E), a provisional figure (P), a break in the series (B) or a figure of low reliability (U).
pub fn status_mark(v: &Value, lang: Lang) -> Option<String> {
    let status: ObsStatus = v.status.as_deref()?.parse().ok()?;
    mp_profile::data::MARKED.contains(&status).then(|| msg(lang, &i18n::obs_status_id(status)))
}

/// A figure with its status mark, for tables: `274,929 (estimated)`.
pub fn value(v: &Value, lang: Lang) -> String {
    with_mark(number(v, lang), v, lang)
}

/// A key figure with its status mark.
pub fn key_value(v: &Value, lang: Lang) -> String {
    with_mark(key_number(v, lang), v, lang)
}

fn with_mark(mut s: String, v: &Value, lang: Lang) -> String {
    if let Some(m) = status_mark(v, lang) {
        s.push_str(" (");
        s.push_str(&m);
        s.push(')');
    }
    s
}

/// A period in `lang`: `2015–2020`, `T1 2020`.
pub fn period(p: &Period, lang: Lang) -> String {
    i18n::format_period(*p, lang)
}

/// A date `YYYY-MM-DD` in `lang`; anything else is returned as given.
pub fn date(iso: &str, lang: Lang) -> String {
    let mut it = iso.splitn(3, '-');
    let parts = (it.next().and_then(|y| y.parse().ok()), it.next().and_then(|m| m.parse().ok()), it.next().and_then(|d| d.parse().ok()));
    match parts {
        (Some(y), Some(m), Some(d)) if iso.len() == 10 => i18n::format_date(y, m, d, lang),
        _ => iso.to_string(),
    }
}

/// How a source is cited on reader-facing pages: publisher, title and year in the language,
/// `ONU-DAES, Stock de migrants internationaux (2024)`, from the `reader-source-<code>`
/// messages; a source without one (a national file) keeps its own name and vintage. The
/// file-level name stays in the technical annex and the downloads.
pub fn source_name(e: &SourceEntry, lang: Lang) -> String {
    let id = format!("reader-source-{}", e.code);
    if !i18n::has(lang, &id) {
        return e.cited();
    }
    let year: String = e.vintage.chars().take(4).collect();
    let short = msg(lang, &id);
    if year.len() == 4 && year.chars().all(|c| c.is_ascii_digit()) { format!("{short} ({year})") } else { short }
}

/// The line under a table or chart: `Source: UN DESA (2024).`; empty without sources.
///
/// Indexes outside `doc.sources` are skipped: a source line must never cite a wrong source.
pub fn source_line(indexes: &[usize], doc: &Document, lang: Lang) -> String {
    let mut names: Vec<String> = Vec::new();
    for i in indexes {
        if let Some(e) = doc.sources.get(*i) {
            let n = source_name(e, lang);
            if !names.contains(&n) {
                names.push(n);
            }
        }
    }
    match names.len() {
        0 => String::new(),
        1 => msg_with(lang, "source-line", &[("sources", &names[0])]),
        _ => msg_with(lang, "sources-line", &[("sources", &names.join("; "))]),
    }
}

/// The drawing size of a chart: ranking bars grow with their number so names stay readable.
pub fn chart_style(c: &Chart) -> ChartStyle {
    chart_style_for(c, Fit::Print)
}

/// The width a drawing is made for. A drawing scales with its column, and its text with it:
/// one drawing cannot keep its text at 11 CSS px or more in a 288-px phone column and also
/// fill a 1000-px column without 30-px text, so screen pages carry one of each size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// The PDF and printed pages: 400 units, 12-unit text.
    Print,
    /// Columns of 288 to 512 CSS px: 360 units with 16-unit text, so that the smallest text
    /// (0.85 × 16, rounded to 14) stays at 11.2 px or more in a 288-px column.
    Phone,
    /// Columns of 736 CSS px or more: 780 units with 14-unit text (the smallest, 12, at 11.3 px
    /// or more there).
    Wide,
}

/// The drawing size of a chart for `fit`.
pub fn chart_style_for(c: &Chart, fit: Fit) -> ChartStyle {
    let mut style = ChartStyle::default();
    let bar_row = match fit {
        Fit::Print => 30.0,
        Fit::Phone => {
            (style.width, style.height, style.font_size) = (360.0, 300.0, 16.0);
            40.0
        }
        Fit::Wide => {
            (style.width, style.height, style.font_size) = (780.0, 400.0, 14.0);
            35.0
        }
    };
    match c.kind {
        // 30 units a bar leave room for a long country name on two lines instead of cutting it.
        ChartKind::HBar => style.height = (80.0 + bar_row * c.categories.len() as f32).max(style.height),
        // The world is about twice as wide as high, plus room for a legend of up to eight
        // entries; the map shortens the drawing when the width limits it.
        ChartKind::Map => style.height = style.width * 0.75,
        ChartKind::Line | ChartKind::Bar | ChartKind::Heat => {}
    }
    style
}

/// Rounds to the precision the figure is shown at, so bar labels and the data table agree.
fn shown(v: &Value) -> f64 {
    let f = 10f64.powi(i32::from(v.decimals.min(12)));
    let r = (v.v * f).round() / f;
    if r.is_finite() { r } else { v.v }
}

/// Formats chart ticks and bar labels: the fewest decimals that show the number exactly (up
/// to 3), in the language and the chart's unit. Large counts and money are shortened, as an
/// axis label of "20,000,000" crowds the plot on a phone.
pub fn chart_number(kind: ValueKind, lang: Lang, largest: f64) -> impl Fn(f64) -> String {
    move |v: f64| {
        let d = (0u8..=3).find(|d| {
            let f = 10f64.powi(i32::from(*d));
            ((v * f).round() - v * f).abs() < 1e-6 * f.max(1.0)
        });
        let d = d.unwrap_or(3);
        match kind {
            ValueKind::Percent => i18n::format_percent(v, d, lang),
            // The axis title carries the currency; tick labels stay short enough not to collide.
            ValueKind::Usd | ValueKind::Number if largest >= 1e6 => i18n::format_compact_axis(v, lang),
            _ => i18n::format_number(v, d, lang),
        }
    }
}

fn largest(c: &Chart) -> f64 {
    let values = c.series.iter().flat_map(|s| s.values.iter().flatten().map(|v| v.v.abs()));
    let bands = c.series.iter().flat_map(|s| s.band.iter().flatten().flatten().flat_map(|(a, b)| [a.abs(), b.abs()]));
    values.chain(bands).filter(|v| v.is_finite()).fold(0.0, f64::max)
}

/// The chart as the chart crate draws it, every string in `lang`; callers may adjust it (the
/// HTML page moves title and source into the page) before [`mp_chart::render_svg`].
pub fn chart_model(c: &Chart, lang: Lang, doc: &Document) -> mp_chart::Chart {
    let title = text(&c.title, lang);
    let alt = text(&c.alt, lang);
    let y_label = text(&c.y_label, lang);
    // Category labels have little room: a country named in full there is cut ("République
    // démocratique du Cong…"), so charts use its short label; the table beside it keeps the name.
    let categories: Vec<String> = c
        .categories
        .iter()
        .map(|t| match t {
            Text::I18n(name) => crate::grammar::label(name, lang),
            _ => text(t, lang),
        })
        .collect();
    let source = source_line(&c.sources, doc, lang);
    let values = |s: &mp_profile::Series| -> Vec<Option<f64>> { s.values.iter().map(|v| v.as_ref().map(shown)).collect() };
    match c.kind {
        ChartKind::Line => mp_chart::Chart::Line(LineChart {
            title,
            alt,
            y_label,
            x_labels: categories,
            series: c
                .series
                .iter()
                .map(|s| LineSeries {
                    name: text(&s.name, lang),
                    values: values(s),
                    dashed: s.projected,
                    marked: crate::marks::marked(s),
                    bands: s
                        .band
                        .iter()
                        .map(|b| Band { label: s.band_label.as_ref().map(|l| text(l, lang)).unwrap_or_default(), bounds: b.clone() })
                        .collect(),
                })
                .collect(),
            forecast_from: c.forecast_from,
            forecast_label: c.forecast_from.map(|_| capitalised(&msg(lang, &i18n::obs_status_id(ObsStatus::Forecast)))),
            source,
        }),
        ChartKind::Bar | ChartKind::HBar => mp_chart::Chart::Bar(BarChart {
            title,
            alt,
            y_label,
            categories,
            series: c
                .series
                .iter()
                .map(|s| BarSeries { name: text(&s.name, lang), values: values(s), marked: crate::marks::marked(s) })
                .collect(),
            horizontal: c.kind == ChartKind::HBar,
            stacked: false,
            // A ranking is read value by value; a time series by its shape.
            value_labels: c.kind == ChartKind::HBar,
            source,
        }),
        ChartKind::Map => {
            let drawn = c.series.first().map(values).unwrap_or_default();
            let areas = c.map.as_ref();
            mp_chart::Chart::Map(MapChart {
                title,
                alt,
                unit: msg_with(lang, "legend-unit", &[("unit", &capitalised(&y_label))]),
                values: areas.map(|m| m.m49.iter().zip(drawn).filter_map(|(code, v)| Some((*code, v?))).collect()).unwrap_or_default(),
                focus: areas.and_then(|m| m.focus.as_ref()).map(|(code, name)| (*code, text(name, lang))),
                no_data: msg(lang, "no-data-label"),
                source,
                region: areas.map(|m| m.region.clone()).unwrap_or_default(),
            })
        }
        ChartKind::Heat => mp_chart::Chart::Heat(HeatChart {
            title,
            alt,
            values: (0..categories.len())
                .map(|r| c.series.iter().map(|s| s.values.get(r).cloned().flatten().map(|v| shown(&v))).collect())
                .collect(),
            rows: categories,
            columns: c.series.iter().map(|s| text(&s.name, lang)).collect(),
            min: 0.0,
            max: 3.0,
            not_scored: msg(lang, "quality-not-scored"),
            source,
        }),
    }
}

/// The status label as a heading over the projection area: "forecast" → "Forecast". The
/// series' own name ("Projected (UN medium variant)") is too long for the shaded strip.
fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// Draws a chart as a standalone SVG in `lang`, with its title, source line and alt text.
pub fn chart_svg(c: &Chart, lang: Lang, doc: &Document) -> String {
    render_model(&chart_model(c, lang, doc), c, lang)
}

/// Draws a mapped chart with the number format of `lang` and the size for `c`.
pub(crate) fn render_model(model: &mp_chart::Chart, c: &Chart, lang: Lang) -> String {
    render_model_for(model, c, lang, Fit::Print)
}

/// Draws a mapped chart with the number format of `lang` and the size for `c` and `fit`.
pub fn render_model_for(model: &mp_chart::Chart, c: &Chart, lang: Lang, fit: Fit) -> String {
    let fmt = chart_number(c.value_kind, lang, largest(c));
    mp_chart::render_svg(model, &chart_style_for(c, fit), &fmt)
}

/// Whether a block shows anything in `lang`: a narrative written only in other languages, or
/// an empty list of key figures, does not.
pub fn block_has_content(b: &Block, lang: Lang) -> bool {
    match b {
        Block::Narrative(n) => n.get(&lang).is_some_and(|t| !t.trim().is_empty()),
        Block::KeyFigures(k) => !k.is_empty(),
        Block::Paragraph(p) => !p.is_empty(),
        Block::Definitions(d) => !d.is_empty(),
        Block::Findings(f) => f.iter().any(|f| f.text.get(&lang).is_some_and(|t| !t.trim().is_empty())),
        Block::Table(_) | Block::Chart(_) | Block::Note(_) => true,
    }
}

/// Whether a section shows anything in `lang`, itself or through a sub-section. Renderers
/// leave out empty sections (a template's "Introduction" awaiting its narrative): a bare
/// heading reads as a mistake.
pub fn section_has_content(s: &Section, lang: Lang) -> bool {
    s.blocks.iter().any(|b| block_has_content(b, lang)) || s.children.iter().any(|c| section_has_content(c, lang))
}

/// Every message id of a text, nested ones included, for checking the translation files.
pub fn message_ids<'a>(t: &'a Text, out: &mut Vec<&'a str>) {
    if let Text::Msg { id, args } = t {
        out.push(id.as_str());
        for (_, a) in args {
            if let Arg::Text(inner) = a {
                message_ids(inner, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mp_domain::I18nText;
    use mp_profile::{Series, Subject};

    fn v(x: f64, kind: ValueKind, decimals: u8) -> Value {
        Value { v: x, kind, decimals, trace: Vec::new(), formula: None, status: None }
    }

    #[test]
    fn a_table_writes_its_large_figures_in_one_style() {
        let table = |cells: Vec<Value>| mp_profile::Table {
            id: "t".into(),
            title: Text::plain("T"),
            columns: Vec::new(),
            rows: cells.into_iter().map(|c| vec![mp_profile::Cell::Value(c)]).collect(),
            sources: Vec::new(),
            notes: Vec::new(),
        };
        let gdp = v(30.85e9, ValueKind::Usd, 0);
        let gdp_constant = v(27_973_016_519.0, ValueKind::Number, 0);
        let t = table(vec![gdp.clone(), gdp_constant.clone()]);
        assert!(table_in_words(&t));
        let written = table_number(&gdp_constant, Lang::Fr, table_in_words(&t));
        assert!(written.contains("milliards"), "{written}");
        // A table of counts alone keeps every digit.
        assert!(!table_in_words(&table(vec![gdp_constant.clone()])));
        assert_eq!(table_number(&v(4_317.0, ValueKind::Number, 0), Lang::Fr, true), number(&v(4_317.0, ValueKind::Number, 0), Lang::Fr));
    }

    fn doc() -> Document {
        Document {
            subject: Subject::Country { area: mp_domain::AreaCode::parse("SEN").unwrap() },
            template: "t".into(),
            edition: None,
            as_of: "2026-01-15".into(),
            title: Text::plain("T"),
            subtitle: None,
            sections: Vec::new(),
            sources: vec![
                SourceEntry { code: "undesa-ims".into(), vintage: "2024".into(), name: "UN DESA".into() },
                SourceEntry { code: "wb-wdi".into(), vintage: "2025".into(), name: "World Bank".into() },
            ],
            gaps: Vec::new(),
            coverage: Vec::new(),
        }
    }

    #[test]
    fn figures_follow_the_language() {
        let n = v(274929.0, ValueKind::Number, 0);
        assert_eq!(value(&n, Lang::En), "274,929");
        assert_eq!(value(&n, Lang::Fr), "274\u{202f}929");
        assert_eq!(value(&n, Lang::Pt), "274\u{a0}929");
        assert_eq!(value(&v(1.64, ValueKind::Percent, 1), Lang::Fr), "1,6\u{a0}%");
        assert_eq!(key_number(&v(20_100_000.0, ValueKind::Number, 0), Lang::En), "20.1\u{a0}million");
    }

    #[test]
    fn estimates_and_projections_are_marked() {
        let mut f = v(1000.0, ValueKind::Number, 0);
        f.status = Some("F".into());
        assert_eq!(value(&f, Lang::En), format!("1,000 ({})", msg(Lang::En, "obs-status-f")));
        // Provisional, break and low reliability are marked too; an experimental figure is not.
        for code in ["P", "B", "U", "E"] {
            f.status = Some(code.into());
            assert_eq!(value(&f, Lang::En), format!("1,000 ({})", msg(Lang::En, &format!("obs-status-{}", code.to_lowercase()))));
        }
        assert_eq!(number(&f, Lang::En), "1,000");
        f.status = Some("G".into());
        assert_eq!(value(&f, Lang::En), "1,000");
    }

    #[test]
    fn a_flagged_figure_is_marked_in_a_sentence_and_a_projection_is_not_marked_twice() {
        let mut f = v(1.5, ValueKind::Percent, 1);
        f.status = Some("P".into());
        let t = Text::msg_with("source-line", vec![("sources", Arg::Value(f.clone()))]);
        assert!(text(&t, Lang::En).contains(&msg(Lang::En, "obs-status-p")), "{}", text(&t, Lang::En));
        f.status = Some("F".into());
        let t = Text::msg_with("source-line", vec![("sources", Arg::Value(f))]);
        assert!(!text(&t, Lang::En).contains(&msg(Lang::En, "obs-status-f")), "{}", text(&t, Lang::En));
    }

    #[test]
    fn message_arguments_are_formatted() {
        // A message the i18n crate has, with a year that must not be grouped.
        let t = Text::msg_with("no-data-after", vec![("year", Arg::Year(2015))]);
        let s = text(&t, Lang::En);
        assert!(s.contains("2015") && !s.contains("2,015"), "{s}");
        let t = Text::I18n(I18nText::new("Senegal", "Sénégal", "Senegal"));
        assert_eq!(text(&t, Lang::Fr), "Sénégal");
    }

    #[test]
    fn governance_findings_name_the_country_with_its_article() {
        let find = |en: &str, fr: &str, pt: &str| {
            Text::msg_with(
                "gov-finding-uncovered",
                vec![
                    ("count", Arg::Count(1)),
                    ("themes", Arg::Text(Text::plain("T"))),
                    ("country", Arg::Text(Text::I18n(I18nText::new(en, fr, pt)))),
                ],
            )
        };
        let sen = find("Senegal", "Sénégal", "Senegal");
        assert!(text(&sen, Lang::Fr).starts_with("Aucun instrument enregistré pour le Sénégal ne couvre"), "{}", text(&sen, Lang::Fr));
        assert!(text(&sen, Lang::En).starts_with("No instrument recorded for Senegal covers"), "{}", text(&sen, Lang::En));
        let cpv = find("Cabo Verde", "Cabo Verde", "Cabo Verde");
        assert!(text(&cpv, Lang::Pt).starts_with("Nenhum instrumento registado para Cabo Verde cobre"), "{}", text(&cpv, Lang::Pt));
        let empty = Text::msg_with(
            "gov-finding-all-covered",
            vec![("total", Arg::Count(14)), ("country", Arg::Text(Text::I18n(I18nText::new("Mali", "Mali", "Mali"))))],
        );
        assert!(text(&empty, Lang::Fr).ends_with("en vigueur au Mali."), "{}", text(&empty, Lang::Fr));
        assert!(text(&empty, Lang::Pt).ends_with("em vigor no Mali."), "{}", text(&empty, Lang::Pt));
    }

    #[test]
    fn source_lines_cite_each_source_once_and_skip_bad_indexes() {
        let d = doc();
        assert_eq!(source_line(&[], &d, Lang::En), "");
        let one = source_line(&[0, 0, 7], &d, Lang::En);
        // Known public sources are cited by their short, translated name and year.
        assert!(one.contains("UN DESA, International Migrant Stock (2024)") && !one.contains("World Bank"), "{one}");
        let two = source_line(&[0, 1], &d, Lang::Fr);
        assert!(
            two.contains(
                "ONU-DAES, Stock de migrants internationaux (2024); Banque mondiale, Indicateurs du développement dans le monde (2025)"
            ),
            "{two}"
        );
        // A source without a short name (a national file) keeps its own name and vintage.
        let national = SourceEntry { code: "ansd-rgph".into(), vintage: "2023-11".into(), name: "ANSD, RGPH-5".into() };
        assert_eq!(source_name(&national, Lang::Fr), "ANSD, RGPH-5 (2023-11)");
    }

    #[test]
    fn charts_carry_title_alt_source_and_local_numbers() {
        let d = doc();
        let c = Chart {
            id: "chart-1".into(),
            kind: ChartKind::Line,
            title: Text::plain("Stock"),
            y_label: Text::plain("Persons"),
            value_kind: ValueKind::Number,
            categories: vec![Text::plain("2000"), Text::plain("2010")],
            series: vec![Series {
                name: Text::plain("UN DESA"),
                values: vec![Some(v(2500.0, ValueKind::Number, 0)), Some(v(7500.0, ValueKind::Number, 0))],
                projected: false,
                band: None,
                band_label: None,
            }],
            forecast_from: None,
            map: None,
            sources: vec![0],
            alt: Text::plain("Rising from 2,500 to 7,500"),
        };
        let svg = chart_svg(&c, Lang::Fr, &d);
        assert!(svg.starts_with("<svg") && svg.contains("<title>Stock</title>") && svg.contains("Rising from"), "{svg}");
        assert!(svg.contains("ONU-DAES, Stock de migrants internationaux (2024)"), "{svg}");
        assert!(svg.contains("8\u{202f}000") || svg.contains("6\u{202f}000"), "French ticks: {svg}");
    }

    #[test]
    fn bar_charts_label_dr_congo_short_and_keep_other_names() {
        let d = doc();
        let name = |en: &str, fr: &str, pt: &str| Text::I18n(mp_domain::I18nText::new(en, fr, pt));
        let c = Chart {
            id: "chart-2".into(),
            kind: ChartKind::HBar,
            title: Text::plain("Stock"),
            y_label: Text::plain("Persons"),
            value_kind: ValueKind::Number,
            categories: vec![
                name("Democratic Republic of the Congo", "République démocratique du Congo", "República Democrática do Congo"),
                name("Senegal", "Sénégal", "Senegal"),
            ],
            series: vec![Series {
                name: Text::plain("UN DESA"),
                values: vec![Some(v(950_000.0, ValueKind::Number, 0)), Some(v(274_929.0, ValueKind::Number, 0))],
                projected: false,
                band: None,
                band_label: None,
            }],
            forecast_from: None,
            map: None,
            sources: vec![0],
            alt: Text::plain("Bars"),
        };
        for (lang, short) in [(Lang::En, "DR Congo"), (Lang::Fr, "RD Congo"), (Lang::Pt, "RD Congo")] {
            let svg = chart_svg(&c, lang, &d);
            assert!(svg.contains(&format!(">{short}<")) && !svg.contains("Congo\u{2026}"), "{lang}: {svg}");
        }
        assert!(chart_svg(&c, Lang::Fr, &d).contains(">Sénégal<"));
    }

    #[test]
    fn chart_ticks_use_the_fewest_decimals() {
        let f = chart_number(ValueKind::Number, Lang::En, 10.0);
        assert_eq!(f(2.5), "2.5");
        assert_eq!(f(2.0), "2");
        assert_eq!(f(0.1 + 0.2), "0.3");
        let p = chart_number(ValueKind::Percent, Lang::Fr, 10.0);
        assert_eq!(p(20.0), "20\u{a0}%");
        let big = chart_number(ValueKind::Number, Lang::En, 2e7);
        assert_eq!(big(20_000_000.0), "20M");
        let fr = chart_number(ValueKind::Usd, Lang::Fr, 2e8);
        assert_eq!(fr(1_500_000.0), "1,5\u{a0}M");
    }
}
