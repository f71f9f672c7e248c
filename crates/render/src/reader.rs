//! The document as a reader meets it: the indicator tables of the Parts lose their code column
//! (codes stay in the annexes and downloads), their source cells keep only the number that
//! points into the sources annex, and rows with no figure collapse into one short list of gaps
//! under the table; a table left with no figure at all becomes that list alone. The annexes are
//! left as they are: they are the technical record.

use mp_domain::{I18nText, Lang};
use mp_profile::{Arg, Block, Cell, Document, Section, Table, Text};

/// `doc` with the body's indicator tables tidied for readers (see the module documentation).
pub fn for_readers(doc: &Document) -> Document {
    let mut out = doc.clone();
    // Legends and cells that name a source by its file-level name get its short name.
    let short: Vec<(String, String)> = doc
        .sources
        .iter()
        .map(|e| (e.name.clone(), format!("reader-source-{}", e.code)))
        .filter(|(_, id)| mp_i18n::has(Lang::En, id))
        .collect();
    let mut seen_part = false;
    for s in &mut out.sections {
        let unnumbered = s.number.is_empty();
        // Unnumbered sections after the Parts are the annexes.
        if unnumbered && seen_part {
            continue;
        }
        seen_part |= !unnumbered;
        tidy_section(s, &short);
    }
    out
}

fn tidy_section(s: &mut Section, short: &[(String, String)]) {
    s.blocks = std::mem::take(&mut s.blocks).into_iter().flat_map(tidy_block).collect();
    // `name` or `name (vintage)` (the side-by-side tables) → the short name, vintage kept.
    let rename = |t: &mut Text| {
        if let Text::Plain(n) = t
            && let Some((name, id)) = short.iter().find(|(name, _)| n == name || n.starts_with(&format!("{name} (")))
        {
            let rest = &n[name.len()..];
            let tr = |l| format!("{}{rest}", mp_i18n::t(l, id, &[]));
            *t = Text::I18n(I18nText::new(tr(Lang::En), tr(Lang::Fr), tr(Lang::Pt)));
        }
    };
    for b in &mut s.blocks {
        match b {
            Block::Chart(c) => c.series.iter_mut().for_each(|x| rename(&mut x.name)),
            Block::Table(t) => t
                .columns
                .iter_mut()
                .chain(t.rows.iter_mut().flatten().filter_map(|c| match c {
                    Cell::Text(t) => Some(t),
                    _ => None,
                }))
                .for_each(rename),
            _ => {}
        }
    }
    for c in &mut s.children {
        tidy_section(c, short);
    }
}

fn is_msg(t: &Text, id: &str) -> bool {
    matches!(t, Text::Msg { id: m, .. } if m == id)
}

/// A comparison table (countries side by side) without its columns in which no country has a
/// figure: a column of dashes tells the reader nothing the list of gaps does not.
fn without_empty_columns(mut t: Table) -> Table {
    let width = t.columns.len();
    let empty: Vec<bool> =
        (0..width).map(|i| i > 0 && !t.rows.is_empty() && t.rows.iter().all(|r| matches!(r.get(i), Some(Cell::Empty) | None))).collect();
    if !empty.iter().any(|e| *e) {
        return t;
    }
    let keep = |i: &usize| !empty.get(*i).copied().unwrap_or(false);
    t.columns = t.columns.into_iter().enumerate().filter(|(i, _)| keep(i)).map(|(_, c)| c).collect();
    t.rows = t.rows.into_iter().map(|r| r.into_iter().enumerate().filter(|(i, _)| keep(i)).map(|(_, c)| c).collect()).collect();
    t
}

fn tidy_block(b: Block) -> Vec<Block> {
    let Block::Table(t) = b else { return vec![b] };
    if t.columns.first().is_some_and(|c| is_msg(c, "col-area")) {
        return vec![Block::Table(without_empty_columns(t))];
    }
    if !t.columns.first().is_some_and(|c| is_msg(c, "col-code")) {
        return vec![Block::Table(t)];
    }
    let source_col = t.columns.iter().position(|c| is_msg(c, "col-source"));
    let mut rows = Vec::new();
    let mut missing = Vec::new();
    for row in t.rows {
        if !row.iter().any(|c| matches!(c, Cell::Value(_))) {
            if let Some(Cell::Text(name)) = row.get(1) {
                missing.push(name.clone());
            }
            continue;
        }
        let row: Vec<Cell> = row
            .into_iter()
            .enumerate()
            .skip(1)
            .map(|(i, c)| match c {
                Cell::Text(Text::Plain(s)) if Some(i) == source_col => Cell::Text(Text::Plain(citation_number(&s))),
                Cell::Text(t) if Some(i) == source_col => Cell::Text(computed_by_name(t)),
                c => c,
            })
            .collect();
        rows.push(row);
    }
    let mut out = Vec::new();
    if !rows.is_empty() {
        out.push(Block::Table(Table { columns: t.columns.into_iter().skip(1).collect(), rows, ..t }));
    }
    if !missing.is_empty() {
        out.push(Block::Note(Text::msg_with("reader-gaps", vec![("names", Arg::Text(joined(&missing)))])));
    }
    out
}

/// `[7] gapminder-sg 2026-03` → `[7]`: the number leads to the sources annex, where the file
/// and vintage are; anything else is kept.
fn citation_number(s: &str) -> String {
    match s.split_once(']') {
        Some((n, _)) if n.starts_with('[') && n[1..].chars().all(|c| c.is_ascii_digit()) => format!("{n}]"),
        _ => s.to_string(),
    }
}

/// "Computed from: [3] wb-wdi 2024; [5] undesa-ims 2024" → "Computed from: World Bank (2024);
/// UN DESA (2024)": the sources of a computed figure by their short names in the reader's
/// language (a source without one keeps its citation number); any other text is kept.
fn computed_by_name(t: Text) -> Text {
    let Text::Msg { id, mut args } = t else { return t };
    if id != mp_profile::computed::COMPUTED_FROM {
        return Text::Msg { id, args };
    }
    for (_, a) in &mut args {
        let Arg::Text(Text::I18n(list)) = a else { continue };
        let names: Vec<String> = list.en.split("; ").map(str::to_string).collect();
        let named = |l: Lang| -> Vec<String> {
            names
                .iter()
                .map(|n| {
                    let mut parts = n.splitn(3, ' ');
                    let (num, code, vintage) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or(""));
                    let id = format!("reader-source-{code}");
                    if mp_i18n::has(Lang::En, &id) { format!("{} ({vintage})", mp_i18n::t(l, &id, &[])) } else { citation_number(num) }
                })
                .collect()
        };
        let (en, fr, pt) = (named(Lang::En), named(Lang::Fr), named(Lang::Pt));
        *list = I18nText::new(en.join("; "), fr.join("\u{202f}; "), pt.join("; "));
    }
    Text::Msg { id, args }
}

/// Names joined with a semicolon in each language (names may hold commas).
fn joined(names: &[Text]) -> Text {
    let pick = |f: fn(&I18nText) -> &str| {
        names
            .iter()
            .map(|n| match n {
                Text::I18n(t) => f(t).to_string(),
                Text::Plain(s) => s.clone(),
                Text::Msg { id, .. } => id.clone(),
            })
            .collect::<Vec<_>>()
            .join("\u{a0}; ")
    };
    let (en, fr, pt) = (pick(|t| &t.en), pick(|t| &t.fr), pick(|t| &t.pt));
    Text::I18n(I18nText::new(en.replace("\u{a0}; ", "; "), fr, pt.replace("\u{a0}; ", "; ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(s: &str) -> Cell {
        Cell::Text(Text::I18n(I18nText::new(s, format!("{s} (fr)"), format!("{s} (pt)"))))
    }

    fn table(rows: Vec<Vec<Cell>>) -> Block {
        Block::Table(Table {
            id: "t".into(),
            title: Text::plain("T"),
            columns: ["col-code", "col-indicator", "col-value", "col-period", "col-source"].iter().map(|c| Text::msg(c)).collect(),
            rows,
            sources: vec![0],
            notes: Vec::new(),
        })
    }

    fn value() -> Cell {
        Cell::Value(mp_profile::Value {
            v: 1.0,
            kind: mp_profile::ValueKind::Number,
            decimals: 0,
            trace: Vec::new(),
            formula: None,
            status: None,
        })
    }

    #[test]
    fn codes_go_and_empty_rows_become_one_list_of_gaps() {
        let empty = |n: &str| vec![Cell::Text(Text::plain("X.Y")), name(n), Cell::Empty, Cell::Empty, Cell::Text(Text::msg("no-data"))];
        let t = table(vec![
            vec![
                Cell::Text(Text::plain("POL.NMP")),
                name("Policy"),
                value(),
                Cell::Text(Text::plain("2024")),
                Cell::Text(Text::plain("[7] gapminder-sg 2026-03")),
            ],
            empty("Plan"),
            empty("Treaties"),
        ]);
        let out = tidy_block(t);
        assert_eq!(out.len(), 2);
        let Block::Table(t) = &out[0] else { panic!("a table first: {out:?}") };
        assert!(is_msg(&t.columns[0], "col-indicator"));
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].len(), 4);
        assert!(matches!(&t.rows[0][3], Cell::Text(Text::Plain(s)) if s == "[7]"));
        let Block::Note(Text::Msg { id, args }) = &out[1] else { panic!("then a note: {out:?}") };
        assert_eq!(id, "reader-gaps");
        assert!(matches!(&args[0].1, Arg::Text(Text::I18n(t)) if t.en == "Plan; Treaties" && t.fr == "Plan (fr)\u{a0}; Treaties (fr)"));
    }

    #[test]
    fn a_comparison_drops_the_columns_no_country_fills() {
        let t = Block::Table(Table {
            id: "t".into(),
            title: Text::Plain("t".into()),
            columns: vec![Text::msg("col-area"), Text::Plain("A".into()), Text::Plain("B".into())],
            rows: vec![vec![name("Mali"), value(), Cell::Empty], vec![name("Niger"), Cell::Empty, Cell::Empty]],
            sources: Vec::new(),
            notes: Vec::new(),
        });
        let Block::Table(out) = &tidy_block(t)[0] else { panic!("a table") };
        assert_eq!(out.columns.len(), 2);
        assert!(out.rows.iter().all(|r| r.len() == 2));
        assert_eq!(out.columns[1], Text::Plain("A".into()));
    }

    #[test]
    fn a_table_with_no_figure_is_only_its_list_of_gaps() {
        let out = tidy_block(table(vec![vec![
            Cell::Text(Text::plain("A.B")),
            name("A"),
            Cell::Empty,
            Cell::Empty,
            Cell::Text(Text::msg("no-data")),
        ]]));
        assert!(matches!(out.as_slice(), [Block::Note(_)]), "{out:?}");
    }

    #[test]
    fn file_level_source_names_become_short_ones_in_the_body_only() {
        let mut doc_sections = [
            Section {
                id: "A".into(),
                number: "A".into(),
                title: Text::plain("A"),
                themes: Vec::new(),
                blocks: vec![Block::Table(Table {
                    id: "side".into(),
                    title: Text::plain("T"),
                    columns: vec![Text::msg("col-source")],
                    rows: vec![vec![Cell::Text(Text::plain("World Development Indicators (gdidata R package) (2025-06)"))]],
                    sources: vec![0],
                    notes: Vec::new(),
                })],
                children: Vec::new(),
            },
            Section {
                id: "annexes".into(),
                number: String::new(),
                title: Text::plain("Annexes"),
                themes: Vec::new(),
                blocks: vec![table(vec![vec![Cell::Text(Text::plain("World Development Indicators (gdidata R package)"))]])],
                children: Vec::new(),
            },
        ];
        let short = vec![("World Development Indicators (gdidata R package)".to_string(), "reader-source-wb-wdi".to_string())];
        tidy_section(&mut doc_sections[0], &short);
        let Block::Table(t) = &doc_sections[0].blocks[0] else { panic!("a table") };
        assert!(
            matches!(&t.rows[0][0], Cell::Text(Text::I18n(x)) if x.fr == "Banque mondiale, Indicateurs du développement dans le monde (2025-06)"),
            "{:?}",
            t.rows[0][0]
        );
    }

    #[test]
    fn computed_figures_name_their_sources() {
        let t = mp_profile::computed::computed_from(&["[3] wb-wdi 2024".into(), "[5] nobody-knows 2020".into()]);
        let Text::Msg { args, .. } = computed_by_name(t) else { panic!("a message") };
        let Some((_, Arg::Text(Text::I18n(s)))) = args.first() else { panic!("a sources argument") };
        let wb = mp_i18n::t(Lang::Fr, "reader-source-wb-wdi", &[]);
        assert_eq!(s.fr, format!("{wb} (2024)\u{202f}; [5]"));
        assert!(!s.en.contains("wb-wdi"), "{}", s.en);
    }

    #[test]
    fn other_blocks_and_citations_are_kept() {
        assert_eq!(citation_number("[12] wb-wdi 2025-06"), "[12]");
        assert_eq!(citation_number("computed"), "computed");
        assert_eq!(citation_number("[a] b"), "[a] b");
        let p = Block::Paragraph(vec![Text::plain("x")]);
        assert_eq!(tidy_block(p.clone()), vec![p]);
    }
}
