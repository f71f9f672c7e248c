//! Part D's findings and recommendations in one language, each with its evidence written out
//! (the figure's value and source) and the place in the document that shows it (a table or
//! figure by number, and its section), for the HTML and the PDF alike.

use crate::localize::{msg, msg_with, period, section_has_content, source_name, text, value};
use crate::numbering::Numbering;
use mp_domain::Lang;
use mp_profile::{Document, Evidence, Finding, FindingKind, Section};

/// Where in the rendered document a piece of evidence is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A numbered table, by block id.
    Table {
        /// Block id.
        id: String,
        /// Its number.
        number: usize,
    },
    /// A numbered chart, by block id.
    Figure {
        /// Block id.
        id: String,
        /// Its number.
        number: usize,
    },
    /// A section, by id.
    Section {
        /// Section id.
        id: String,
    },
}

/// One piece of evidence ready to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceLine {
    /// What it is: `International migrant stock, Senegal, 2020: 274,929 (UN DESA (2024))`, or a
    /// section's number and title.
    pub text: String,
    /// "see table 4, section B.1": where the document shows it; empty when it shows it nowhere.
    pub see: String,
    /// The target of the link, when the document shows it in this language.
    pub place: Option<Place>,
}

/// The label of an item's kind: "Finding", "Recommendation".
pub fn kind_label(kind: FindingKind, lang: Lang) -> String {
    msg(lang, &format!("findings-kind-{}", kind.code()))
}

/// The section of `doc` with this id, if it is shown in `lang`.
pub fn shown_section<'a>(doc: &'a Document, id: &str, lang: Lang) -> Option<&'a Section> {
    fn find<'a>(list: &'a [Section], id: &str, lang: Lang) -> Option<&'a Section> {
        for s in list.iter().filter(|s| section_has_content(s, lang)) {
            if s.id == id {
                return Some(s);
            }
            if let Some(x) = find(&s.children, id, lang) {
                return Some(x);
            }
        }
        None
    }
    find(&doc.sections, id, lang)
}

/// How a section is named in a reference: its number, or its title when it has none.
fn section_name(s: &Section, lang: Lang) -> String {
    if s.number.is_empty() { text(&s.title, lang) } else { s.number.clone() }
}

/// The evidence of `f` in `lang`, with the place the document shows each piece.
pub fn evidence_lines(doc: &Document, numbers: &Numbering, f: &Finding, lang: Lang) -> Vec<EvidenceLine> {
    f.evidence.iter().map(|e| line(doc, numbers, e, lang)).collect()
}

fn line(doc: &Document, numbers: &Numbering, e: &Evidence, lang: Lang) -> EvidenceLine {
    match e {
        Evidence::Section { section } => match shown_section(doc, section, lang) {
            Some(s) => {
                let title = text(&s.title, lang);
                let text = if s.number.is_empty() { title } else { format!("{} {title}", s.number) };
                let see = msg_with(lang, "findings-see-section", &[("section", &section_name(s, lang))]);
                EvidenceLine { text, see, place: Some(Place::Section { id: s.id.clone() }) }
            }
            // A section left out in this language (or gone from the template) is named by id.
            None => EvidenceLine { text: section.clone(), see: String::new(), place: None },
        },
        Evidence::Figure { name, area_name, period: p, source, value: v, cited, holder, section, .. } => {
            let base = [("name", text(name, lang)), ("area", text(area_name, lang)), ("period", period(p, lang))];
            let text = match (v, cited.and_then(|i| doc.sources.get(i))) {
                (Some(v), Some(src)) => {
                    let args =
                        [base[0].clone(), base[1].clone(), base[2].clone(), ("value", value(v, lang)), ("source", source_name(src, lang))];
                    msg_with(lang, "findings-figure", &args.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>())
                }
                _ => {
                    let args = [base[0].clone(), base[1].clone(), base[2].clone(), ("source", source.clone())];
                    msg_with(lang, "findings-figure-missing", &args.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>())
                }
            };
            let sec = section.as_deref().and_then(|s| shown_section(doc, s, lang));
            let block = holder.as_deref().filter(|_| sec.is_some());
            let (see, place) = match (block.map(|b| (b, numbers.table(b), numbers.figure(b))), sec) {
                (Some((b, Some(n), _)), Some(s)) => (
                    msg_with(lang, "findings-see-table", &[("number", &n.to_string()), ("section", &section_name(s, lang))]),
                    Some(Place::Table { id: b.to_string(), number: n }),
                ),
                (Some((b, None, Some(n))), Some(s)) => (
                    msg_with(lang, "findings-see-figure", &[("number", &n.to_string()), ("section", &section_name(s, lang))]),
                    Some(Place::Figure { id: b.to_string(), number: n }),
                ),
                (_, Some(s)) => (
                    msg_with(lang, "findings-see-section", &[("section", &section_name(s, lang))]),
                    Some(Place::Section { id: s.id.clone() }),
                ),
                (_, None) => (String::new(), None),
            };
            EvidenceLine { text, see, place }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mp_domain::{AreaCode, DatasetId, IndicatorCode, Period};
    use mp_profile::{Block, Cell, Subject, Table, Text, Trace, Value, ValueKind};
    use std::collections::BTreeMap;

    fn sec(id: &str, number: &str, blocks: Vec<Block>, children: Vec<Section>) -> Section {
        Section { id: id.into(), number: number.into(), title: Text::plain(format!("Title {id}")), themes: Vec::new(), blocks, children }
    }

    fn doc(finding: Finding) -> Document {
        let v = Value {
            v: 1234.0,
            kind: ValueKind::Number,
            decimals: 0,
            trace: vec![Trace {
                record: 7,
                indicator: IndicatorCode::parse("IMM.STOCK").unwrap(),
                area: AreaCode::parse("SEN").unwrap(),
                period: Period::parse("2020").unwrap(),
                dims: String::new(),
                dataset: DatasetId { source: "src".into(), vintage: "2024".into() },
                locator: "r1".into(),
            }],
            formula: None,
            status: None,
        };
        let table = Block::Table(Table {
            id: "tbl-1".into(),
            title: Text::plain("t"),
            columns: vec![Text::plain("c")],
            rows: vec![vec![Cell::Value(v)]],
            sources: vec![0],
            notes: Vec::new(),
        });
        Document {
            subject: Subject::Country { area: AreaCode::parse("SEN").unwrap() },
            template: "t".into(),
            edition: None,
            as_of: String::new(),
            title: Text::plain("d"),
            subtitle: None,
            sections: vec![
                sec("B", "B", Vec::new(), vec![sec("B.1", "B.1", vec![table], Vec::new())]),
                sec("D", "D", vec![Block::Findings(vec![finding])], Vec::new()),
                sec("E", "E", vec![Block::Narrative(BTreeMap::new())], Vec::new()),
            ],
            sources: vec![mp_profile::SourceEntry { code: "src".into(), vintage: "2024".into(), name: "Hand-written source".into() }],
            gaps: Vec::new(),
            coverage: Vec::new(),
        }
    }

    fn figure(record_section: Option<&str>, holder: Option<&str>) -> Evidence {
        Evidence::Figure {
            indicator: IndicatorCode::parse("IMM.STOCK").unwrap(),
            name: Text::plain("Immigrants"),
            theme: None,
            area: AreaCode::parse("SEN").unwrap(),
            area_name: Text::plain("Senegal"),
            period: Period::parse("2020").unwrap(),
            source: "src".into(),
            value: Some(Value { v: 1234.0, kind: ValueKind::Number, decimals: 0, trace: Vec::new(), formula: None, status: None }),
            cited: Some(0),
            holder: holder.map(String::from),
            section: record_section.map(String::from),
        }
    }

    #[test]
    fn a_figure_points_at_its_table_and_a_section_at_itself() {
        let f = Finding {
            key: "1".into(),
            kind: FindingKind::Recommendation,
            text: BTreeMap::from([(Lang::En, "Do it.".into())]),
            evidence: vec![figure(Some("B.1"), Some("tbl-1")), Evidence::Section { section: "B".into() }],
        };
        let d = doc(f.clone());
        let n = crate::numbering(&d);
        let lines = evidence_lines(&d, &n, &f, Lang::En);
        assert_eq!(lines[0].place, Some(Place::Table { id: "tbl-1".into(), number: 1 }));
        assert!(lines[0].text.contains("1,234") && lines[0].text.contains("Hand-written source"), "{}", lines[0].text);
        assert!(lines[0].see.contains('1') && lines[0].see.contains("B.1"), "{}", lines[0].see);
        assert_eq!(lines[1].place, Some(Place::Section { id: "B".into() }));
        assert_eq!(lines[1].text, "B Title B");
    }

    #[test]
    fn nothing_links_to_what_the_document_does_not_show() {
        // E has only an unwritten narrative: left out of the document, so no link to it; a
        // figure the records lack says so instead of showing a number.
        let mut missing = figure(Some("E"), None);
        if let Evidence::Figure { value, .. } = &mut missing {
            *value = None;
        }
        let f = Finding {
            key: "1".into(),
            kind: FindingKind::Finding,
            text: BTreeMap::new(),
            evidence: vec![missing, Evidence::Section { section: "E".into() }],
        };
        let d = doc(f.clone());
        let lines = evidence_lines(&d, &crate::numbering(&d), &f, Lang::En);
        assert!(lines.iter().all(|l| l.place.is_none() && l.see.is_empty()), "{lines:?}");
        assert!(!lines[0].text.contains("1,234"), "{}", lines[0].text);
    }

    #[test]
    fn part_d_as_the_html_shows_it_in_french() {
        let f = Finding {
            key: "3".into(),
            kind: FindingKind::Recommendation,
            text: BTreeMap::from([(Lang::Fr, "Renforcer le suivi des immigrants dans le **prochain recensement**.".into())]),
            evidence: vec![figure(Some("B.1"), Some("tbl-1")), Evidence::Section { section: "B".into() }],
        };
        let d = doc(f);
        let frag = crate::Fragments::new(&d, Lang::Fr);
        insta::assert_snapshot!(frag.block(&d.sections[1].blocks[0], 2));
    }
}
