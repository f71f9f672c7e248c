//! Figure and table numbers in reading order, shared by the HTML and PDF renderers so that
//! "Figure 3" is the same chart in both.

use mp_profile::{Block, Document, Section};
use std::collections::HashMap;

/// The number of every chart (figure) and table of a document, by id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Numbering {
    figures: HashMap<String, usize>,
    tables: HashMap<String, usize>,
}

impl Numbering {
    /// The number of the chart with this id, from 1.
    pub fn figure(&self, id: &str) -> Option<usize> {
        self.figures.get(id).copied()
    }

    /// The number of the table with this id, from 1.
    pub fn table(&self, id: &str) -> Option<usize> {
        self.tables.get(id).copied()
    }

    /// How many figures the document has.
    pub fn figure_count(&self) -> usize {
        self.figures.len()
    }

    /// How many tables the document has.
    pub fn table_count(&self) -> usize {
        self.tables.len()
    }
}

/// Numbers charts and tables in reading order: a section's blocks, then its sub-sections.
///
/// Ids are unique in a built document; should one repeat, the first keeps its number and the
/// repeat gets none rather than shifting every later number.
pub fn numbering(doc: &Document) -> Numbering {
    fn walk(s: &Section, n: &mut Numbering) {
        for b in &s.blocks {
            match b {
                Block::Chart(c) => {
                    let next = n.figures.len() + 1;
                    n.figures.entry(c.id.clone()).or_insert(next);
                }
                Block::Table(t) => {
                    let next = n.tables.len() + 1;
                    n.tables.entry(t.id.clone()).or_insert(next);
                }
                _ => {}
            }
        }
        for c in &s.children {
            walk(c, n);
        }
    }
    let mut n = Numbering::default();
    for s in &doc.sections {
        walk(s, &mut n);
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use mp_profile::{Chart, ChartKind, Subject, Table, Text, ValueKind};

    fn section(id: &str, blocks: Vec<Block>, children: Vec<Section>) -> Section {
        Section { id: id.into(), number: String::new(), title: Text::plain(id), themes: Vec::new(), blocks, children }
    }

    fn chart(id: &str) -> Block {
        Block::Chart(Chart {
            id: id.into(),
            kind: ChartKind::Line,
            title: Text::plain(id),
            y_label: Text::plain(""),
            value_kind: ValueKind::Number,
            categories: Vec::new(),
            series: Vec::new(),
            forecast_from: None,
            map: None,
            sources: Vec::new(),
            alt: Text::plain(""),
        })
    }

    fn table(id: &str) -> Block {
        Block::Table(Table {
            id: id.into(),
            title: Text::plain(id),
            columns: Vec::new(),
            rows: Vec::new(),
            sources: Vec::new(),
            notes: Vec::new(),
        })
    }

    #[test]
    fn numbers_follow_reading_order_and_ignore_repeats() {
        let doc = Document {
            subject: Subject::Regional { areas: Vec::new() },
            template: "t".into(),
            edition: None,
            as_of: String::new(),
            title: Text::plain("t"),
            subtitle: None,
            sections: vec![
                section("A", vec![chart("c-a"), table("t-a")], vec![section("A.1", vec![chart("c-a1"), chart("c-a")], Vec::new())]),
                section("B", vec![table("t-b"), chart("c-b")], Vec::new()),
            ],
            sources: Vec::new(),
            gaps: Vec::new(),
            coverage: Vec::new(),
        };
        let n = numbering(&doc);
        assert_eq!([n.figure("c-a"), n.figure("c-a1"), n.figure("c-b")], [Some(1), Some(2), Some(3)]);
        assert_eq!([n.table("t-a"), n.table("t-b"), n.table("c-a")], [Some(1), Some(2), None]);
        assert_eq!((n.figure_count(), n.table_count()), (3, 2));
    }
}
